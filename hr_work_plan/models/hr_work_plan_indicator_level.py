# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_work_plan_policy import MAX_TOTAL_POINTS


class HrWorkPlanIndicatorLevel(models.Model):
    """A level of a rubric (很好 / 较好 / 一般 / 较差): fixed points, or a
    range within which the scorer gives the points."""

    _name = "hr.work.plan.indicator.level"
    _description = "Rubric Level"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "indicator_id, sequence, id"

    indicator_id = fields.Many2one(
        "hr.work.plan.indicator", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Char(help="What the level looks like.")
    points = fields.Float(help="The points of the level, when it has no range.")
    points_min = fields.Float(string="From")
    points_max = fields.Float(string="To")
    is_range = fields.Boolean(compute="_compute_is_range")

    @api.depends("points_min", "points_max")
    def _compute_is_range(self):
        for level in self:
            level.is_range = bool(level.points_min or level.points_max)

    @api.constrains("points", "points_min", "points_max")
    def _check_points(self):
        for name in ("points", "points_min", "points_max"):
            self._check_range(name, 0, MAX_TOTAL_POINTS)
        for level in self.filtered("is_range"):
            if level.points_min > level.points_max:
                raise ValidationError(
                    self.env._(
                        "Level %(level)s ranges from %(min)s to %(max)s: the start "
                        "is above the end.",
                        level=level.name,
                        min=level.points_min,
                        max=level.points_max,
                    )
                )
