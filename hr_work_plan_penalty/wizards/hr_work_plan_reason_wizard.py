# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrWorkPlanReasonWizard(models.TransientModel):
    _inherit = "hr.work.plan.reason.wizard"

    action = fields.Selection(
        selection_add=[
            ("waive", "Waive"),
            ("case_refuse", "Refuse the case"),
        ],
        ondelete={"waive": "cascade", "case_refuse": "cascade"},
    )
    penalty_ids = fields.Many2many("hr.work.plan.penalty")
    case_ids = fields.Many2many("hr.work.plan.case")

    def action_confirm(self):
        self.ensure_one()
        if self.action == "waive":
            self.penalty_ids.action_waive(self.reason)
        elif self.action == "case_refuse":
            self.case_ids.action_refuse(self.reason)
        else:
            return super().action_confirm()
        return {"type": "ir.actions.act_window_close"}
