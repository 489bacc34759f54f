# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HrWorkPlanCycle(models.Model):
    _inherit = "hr.work.plan.cycle"

    def _close(self, override_reason):
        """Closing a cycle applies its policy's streak, ranking and team
        rules."""
        result = super()._close(override_reason)
        self.env["hr.work.plan.penalty.rule"].sudo()._fire_cycle(self)
        return result
