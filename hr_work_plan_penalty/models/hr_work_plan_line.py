# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrWorkPlanLine(models.Model):
    _inherit = "hr.work.plan.line"

    penalty_ids = fields.One2many(
        "hr.work.plan.penalty", "line_id", string="Fines and Rewards"
    )
