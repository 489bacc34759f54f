# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrWorkPlanForwardWizard(models.TransientModel):
    _name = "hr.work.plan.forward.wizard"
    _description = "Forward a Work Plan Approval"

    approval_id = fields.Many2one("hr.work.plan.approval", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Forward to", required=True, domain=[("share", "=", False)]
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.approval_id._forward(self.user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
