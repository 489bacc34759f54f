# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class HrWorkPlanDelegation(models.Model):
    """An approver's delegate for a date range: inside it, the delegate
    decides the approver's steps."""

    _name = "hr.work.plan.delegation"
    _description = "Work Plan Approval Delegation"
    _inherit = ["hr.work.plan.guard.mixin", "hr.work.plan.state.mixin", "mail.thread"]
    _order = "date_from desc, id desc"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Approver",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    delegate_id = fields.Many2one("res.users", required=True, index=True, tracking=True)
    date_from = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(required=True, tracking=True)

    @api.depends("user_id", "delegate_id")
    def _compute_display_name(self):
        for delegation in self:
            delegation.display_name = self.env._(
                "%(approver)s to %(delegate)s",
                approver=delegation.user_id.name or "",
                delegate=delegation.delegate_id.name or "",
            )

    @api.constrains("user_id", "delegate_id", "date_from", "date_to")
    def _check_delegation(self):
        self._check_period_order()
        for delegation in self:
            if delegation.user_id == delegation.delegate_id:
                raise ValidationError(self.env._("Delegate to someone else."))
            if delegation.delegate_id.share:
                raise ValidationError(
                    self.env._("Delegate to an internal user, not a portal user.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        delegations = super().create(vals_list)
        delegations._check_own()
        return delegations

    def write(self, vals):
        self._check_own()
        result = super().write(vals)
        self._check_own()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_own(self):
        self._check_own()

    def _check_own(self):
        """Approvers delegate their own steps; officers anybody's."""
        if self.env.su or self.env.user.has_group(
            "hr_work_plan.group_work_plan_officer"
        ):
            return
        if self.filtered(lambda delegation: delegation.user_id != self.env.user):
            raise AccessError(self.env._("You can only delegate your own approvals."))

    @api.model
    def _delegators(self, user, day=None):
        """The users whose steps ``user`` decides on ``day`` (today)."""
        day = day or fields.Date.context_today(self)
        return (
            self.sudo()
            .search(
                [
                    ("delegate_id", "=", user.id),
                    ("company_id", "in", self.env.companies.ids),
                    ("date_from", "<=", day),
                    ("date_to", ">=", day),
                ]
            )
            .user_id
        )
