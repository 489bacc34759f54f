# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    work_plan_penalty_count = fields.Integer(
        compute="_compute_work_plan_penalty_count",
        groups="hr_work_plan.group_work_plan_manager",
    )

    def _compute_work_plan_penalty_count(self):
        counts = dict(
            self.env["hr.work.plan.penalty"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.work_plan_penalty_count = counts.get(employee, 0)

    def action_view_work_plan_penalties(self):
        self.ensure_one()
        return self.env["hr.work.plan.penalty"]._ledger_action(
            [("employee_id", "=", self.id)], {"default_employee_id": self.id}
        )
