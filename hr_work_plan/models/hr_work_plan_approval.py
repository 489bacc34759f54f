# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

APPROVAL_STATES = [
    ("waiting", "Waiting"),
    ("pending", "Awaiting decision"),
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

    def action_open_forward_wizard(self):
        self._check_forwardable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Forward"),
            "res_model": "hr.work.plan.forward.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_approval_id": self.id},
        }

    def _check_mine(self):
        """Raise unless the row waits for the current user's decision."""
        self.ensure_one()
        if self.state != "pending" or self.user_id not in self._my_deciding_users():
            raise UserError(self.env._("This step does not wait for your decision."))

    def _check_forwardable(self):
        """Raise unless the row waits for the current user's decision, or for
        anybody's when the user is an officer: a route whose approver is away
        is theirs to hand on."""
        self.ensure_one()
        officer = self.env.user.has_group("hr_work_plan.group_work_plan_officer")
        if not (officer and self.state == "pending"):
            self._check_mine()

    def _forward(self, user, reason):
        """Hand the row to ``user``, saying why: the row closes and ``user``
        decides the step in its place."""
        self._check_forwardable()
        reason = self.env["hr.work.plan.state.mixin"]._require_reason(reason)
        record = self.plan_id or self.change_id or self.cycle_id
        if user.share or not user.active:
            raise UserError(self.env._("Forward to an active internal user."))
        if user in record._route_excluded_users():
            raise UserError(
                self.env._("%s may not decide this step.", user.display_name)
            )
        same_step = record.approval_ids.filtered(
            lambda row: row.round == self.round and row.sequence == self.sequence
        )
        if user in same_step.user_id:
            raise UserError(
                self.env._("%s already decides this step.", user.display_name)
            )
        self.sudo().write(
            {
                "state": "skipped",
                "decided_by_id": self.env.user.id,
                "decided_on": fields.Datetime.now(),
                "delegated_from_id": self.user_id in self._my_deciding_users()
                and self.user_id != self.env.user
                and self.user_id.id,
                "comment": self.env._(
                    "Forwarded to %(user)s: %(reason)s",
                    user=user.display_name,
                    reason=reason,
                ),
            }
        )
        self.sudo().copy(
            {
                "user_id": user.id,
                "state": "pending",
                "decided_by_id": False,
                "decided_on": False,
                "comment": False,
                "delegated_from_id": False,
            }
        )
        record._sync_route_todos()

    def action_open_record(self):
        self.ensure_one()
        record = self.plan_id or self.change_id or self.cycle_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }
