# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

APPROVAL_STATES = [
    ("waiting", "Waiting"),
    ("pending", "To decide"),
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("skipped", "Not needed"),
    ("cancelled", "Cancelled"),
]


class HrWorkPlanApproval(models.Model):
    """One person's decision on one step of a route, in one round. Only the
    workflow writes these rows (hr_work_plan_route.py), and keeps them."""

    _name = "hr.work.plan.approval"
    _description = "Work Plan Approval"
    _order = "round desc, sequence, id"

    plan_id = fields.Many2one(
        "hr.work.plan", ondelete="cascade", index=True, readonly=True
    )
    change_id = fields.Many2one(
        "hr.work.plan.change", ondelete="cascade", index=True, readonly=True
    )
    cycle_id = fields.Many2one(
        "hr.work.plan.cycle", ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    step_id = fields.Many2one(
        "hr.work.plan.route.step", ondelete="restrict", readonly=True, required=True
    )
    stage = fields.Selection(related="step_id.stage", store=True)
    sequence = fields.Integer(readonly=True)
    round = fields.Integer(readonly=True, default=1)
    user_id = fields.Many2one("res.users", string="To decide", readonly=True)
    state = fields.Selection(APPROVAL_STATES, readonly=True, default="waiting")
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    comment = fields.Text(readonly=True)
    delegated_from_id = fields.Many2one(
        "res.users",
        string="On behalf of",
        readonly=True,
        help="The approver whose step the delegate decided.",
    )
    decidable_by_me = fields.Boolean(
        compute="_compute_decidable_by_me",
        search="_search_decidable_by_me",
        help="Mine, or an approver's who delegated to me today.",
    )

    @api.depends_context("uid")
    @api.depends("user_id")
    def _compute_decidable_by_me(self):
        users = self._my_deciding_users()
        for approval in self:
            approval.decidable_by_me = approval.user_id in users

    def _search_decidable_by_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        positive = (operator == "=") == value
        users = self._my_deciding_users()
        return [("user_id", "in" if positive else "not in", users.ids)]

    def _my_deciding_users(self):
        """The current user and those who delegated their steps to them."""
        user = self.env.user
        return user | self.env["hr.work.plan.delegation"]._delegators(user)

    def action_approve(self):
        """Approve the plans and change requests of the rows, as from their
        forms."""
        results = [
            records.action_approve()
            for records in (self.plan_id, self.change_id, self.cycle_id)
            if records
        ]
        return next((result for result in results if result is not True), True)

    def action_open_record(self):
        self.ensure_one()
        record = self.plan_id or self.change_id or self.cycle_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }
