# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..tools.scoring import MAX_ACHIEVEMENT


class HrWorkPlanTier(models.Model):
    """A step of a tiered indicator: a KPI from an achievement earns a share
    of its weight; a deduction whose count stays under a threshold loses
    points ("fewer than 5 → −2, fewer than 7 → −1")."""

    _name = "hr.work.plan.tier"
    _description = "Indicator Tier"
    _inherit = ["hr.work.plan.guard.mixin", "hr.work.plan.indicator.row.mixin"]
    _order = "threshold, id"

    indicator_id = fields.Many2one(
        "hr.work.plan.indicator", ondelete="cascade", index=True
    )
    line_id = fields.Many2one("hr.work.plan.line", ondelete="cascade", index=True)
    threshold = fields.Float(
        required=True,
        help="KPI: the achievement (%) from which the tier applies. Deduction: "
        "the count the units stay under.",
    )
    percent = fields.Float(
        string="Share of the Weight (%)", help="KPI: the share of the weight earned."
    )
    points = fields.Float(help="Deduction: the points taken off.")

    @api.constrains("threshold", "percent", "points")
    def _check_values(self):
        self._check_range("threshold", 0, MAX_ACHIEVEMENT)
        self._check_range("percent", 0, 100)
        self._check_range("points", 0, 1000)
