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

    def action_view_penalties(self):
        self.ensure_one()
        return self.env["hr.work.plan.penalty"]._ledger_action(
            [("plan_id", "=", self.id)], {"default_plan_id": self.id}
        )
