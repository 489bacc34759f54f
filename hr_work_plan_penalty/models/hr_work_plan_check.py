# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HrWorkPlanCheck(models.Model):
    _inherit = "hr.work.plan.check"

    def action_confirm(self):
        """A confirmed spot check fines what its findings show."""
        result = super().action_confirm()
        self.env["hr.work.plan.penalty.rule"].sudo()._fire_findings(self.finding_ids)
        return result
