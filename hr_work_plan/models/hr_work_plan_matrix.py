# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

EFFICIENCY = [("on_time", "On Time"), ("late", "Late")]
QUALITY = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("pass", "Pass"),
    ("improve", "Needs Improvement"),
]


class HrWorkPlanMatrix(models.Model):
    _name = "hr.work.plan.matrix"
    _description = "Work Plan Item Score Table"
    _order = "policy_id, efficiency, quality"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    efficiency = fields.Selection(EFFICIENCY, required=True)
    quality = fields.Selection(QUALITY, required=True)
    percent = fields.Float(
        required=True, help="Share of the item's weight it scores, in percent."
    )

    _sql_constraints = [
        (
            "cell_uniq",
            "unique(policy_id, efficiency, quality)",
            "The score table has one cell per efficiency and quality.",
        ),
    ]

    @api.constrains("percent")
    def _check_percent(self):
        for cell in self:
            if not 0 <= cell.percent <= 100:
                raise ValidationError(
                    self.env._("A score table cell must be between 0 and 100%%.")
                )
