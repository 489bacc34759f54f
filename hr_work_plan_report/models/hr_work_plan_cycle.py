# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HrWorkPlanCycle(models.Model):
    _inherit = "hr.work.plan.cycle"

    def action_view_dashboard(self):
        """The cycle's plans by department, state and lateness, and the
        distribution of their grades."""
        self.ensure_one()
        ref = self.env.ref
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dashboard of %s", self.display_name),
            "res_model": "hr.work.plan",
            "view_mode": "pivot,graph",
            "views": [
                (ref("hr_work_plan_report.hr_work_plan_view_pivot_cycle").id, "pivot"),
                (ref("hr_work_plan_report.hr_work_plan_view_graph_grades").id, "graph"),
            ],
            "domain": [("cycle_id", "=", self.id), ("state", "!=", "cancelled")],
        }
