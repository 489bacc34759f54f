# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

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
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "policy_id, efficiency, quality"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
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
        self._check_range("percent", 0, 100)

    @api.depends("efficiency", "quality")
    def _compute_display_name(self):
        efficiencies = dict(self._fields["efficiency"]._description_selection(self.env))
        qualities = dict(self._fields["quality"]._description_selection(self.env))
        for cell in self:
            cell.display_name = self.env._(
                "%(efficiency)s × %(quality)s",
                efficiency=efficiencies.get(cell.efficiency, ""),
                quality=qualities.get(cell.quality, ""),
            )
