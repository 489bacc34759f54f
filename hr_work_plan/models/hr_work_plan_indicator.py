# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.scoring import MAX_ACHIEVEMENT

LINE_TYPES = [
    ("task", "Task"),
    ("kpi", "KPI"),
    ("rubric", "Rubric"),
    ("checklist", "Checklist"),
    ("deduction", "Deduction"),
    ("bonus", "Bonus"),
    ("veto", "Veto"),
]
INDICATOR_TYPES = [item for item in LINE_TYPES if item[0] != "task"]
DIRECTIONS = [("higher", "Higher is better"), ("lower", "Lower is better")]
CURVES = [
    ("linear", "Linear"),
    ("all_or_nothing", "All or nothing"),
    ("per_unit_short", "Points off per case short"),
    ("tiers", "Tiers"),
]
# the parameters of an indicator that its plan items copy
INDICATOR_PARAMETERS = (
    "line_type",
    "unit",
    "direction",
    "curve",
    "floor_percent",
    "cap_percent",
    "per_unit_points",
    "floor_at_zero",
)

# what the indicator's scorer enters: actuals, counts, levels, vetoes
SCORER_FIELDS = {
    "actual",
    "numerator",
    "denominator",
    "excluded",
    "units",
    "level_id",
    "vetoed",
    "veto_reason",
}
# items outside the weight total: a bonus adds on top, a veto scores nothing
OUTSIDE_TOTAL_TYPES = ("bonus", "veto")
# the states in which the actuals of a plan are entered
SCORING_STATES = ("approved", "self_assessed")


class HrWorkPlanIndicator(models.Model):
    """An indicator of the library (准时交车率, 销售额, 服务态度): how it is
    measured and scored, copied onto the plan items that use it."""

    _name = "hr.work.plan.indicator"
    _description = "Work Plan Indicator"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    description = fields.Text(help="What is measured, and from which source.")
    line_type = fields.Selection(INDICATOR_TYPES, required=True, default="kpi")
    unit = fields.Char(help="What the actual is counted in: %, orders, ¥, days.")
    direction = fields.Selection(DIRECTIONS, default="higher", required=True)
    curve = fields.Selection(CURVES, default="linear", required=True)
    floor_percent = fields.Float(
        string="Floor (%)", help="Below this achievement the item scores 0."
    )
    cap_percent = fields.Float(
        string="Cap (%)",
        default=100.0,
        help="The achievement counted at most: 120 pays up to 120% of the weight.",
    )
    per_unit_points = fields.Float(
        help="Points per unit counted: taken off a deduction, added by a bonus, "
        "taken off a KPI for each case short of its target rate."
    )
    floor_at_zero = fields.Boolean(
        default=True, help="Deductions never take the item below 0."
    )
    level_ids = fields.One2many(
        "hr.work.plan.indicator.level", "indicator_id", string="Levels", copy=True
    )
    tier_ids = fields.One2many(
        "hr.work.plan.tier", "indicator_id", string="Tiers", copy=True
    )
    check_ids = fields.One2many(
        "hr.work.plan.line.check", "indicator_id", string="Checks", copy=True
    )
    scorer_group_id = fields.Many2one(
        "res.groups",
        string="Scored by",
        help="The functional office whose members enter the actuals (finance for "
        "sales, quality for complaints). Empty: the plan's approver.",
    )

    @api.constrains("floor_percent", "cap_percent", "per_unit_points")
    def _check_parameters(self):
        check_curve_parameters(self)


def check_curve_parameters(records):
    """The floor, cap and points per unit of indicators or plan items are
    in range, the floor under the cap."""
    records._check_range("floor_percent", 0, MAX_ACHIEVEMENT)
    records._check_range("cap_percent", 0, MAX_ACHIEVEMENT)
    records._check_range("per_unit_points", 0, 1000)
    for record in records:
        if record.floor_percent > record.cap_percent:
            raise ValidationError(
                records.env._(
                    "The floor of %(name)s (%(floor)s%%) is above its cap (%(cap)s%%).",
                    name=record.display_name,
                    floor=record.floor_percent,
                    cap=record.cap_percent,
                )
            )
