# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrWorkPlan(models.Model):
    _inherit = "hr.work.plan"

    penalty_ids = fields.One2many(
        "hr.work.plan.penalty", "plan_id", string="Fines and Rewards"
    )
    penalty_count = fields.Integer(compute="_compute_penalty_count", compute_sudo=False)

    def _compute_penalty_count(self):
        counts = dict(
            self.env["hr.work.plan.penalty"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.penalty_count = counts.get(plan, 0)

    def _local_date(self, moment):
        """The day of ``moment`` where the plan's owner works, or None."""
        self.ensure_one()
        if not moment:
            return None
        tz = self.employee_id.tz or self.env.user.tz or "UTC"
        return fields.Datetime.context_timestamp(
            self.with_context(tz=tz), moment
        ).date()

    def action_view_penalties(self):
        self.ensure_one()
        return self.env["hr.work.plan.penalty"]._ledger_action(
            [("plan_id", "=", self.id)], {"default_plan_id": self.id}
        )
