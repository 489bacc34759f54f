# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrWorkPlanPenalty(models.Model):
    _inherit = "hr.work.plan.penalty"

    paid_payslip_id = fields.Many2one(
        "hr.payslip",
        string="Paid by Payslip",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
    )
