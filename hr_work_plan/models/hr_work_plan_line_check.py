# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .hr_work_plan_policy import MAX_TOTAL_POINTS


class HrWorkPlanLineCheck(models.Model):
    """A yes/no check of a checklist item, with its points; on an indicator
    of the library it is the model its items copy."""

    _name = "hr.work.plan.line.check"
    _description = "Checklist Check"
    _inherit = ["hr.work.plan.guard.mixin", "hr.work.plan.indicator.row.mixin"]
    _order = "sequence, id"
    _scored_fields = frozenset({"passed"})

    indicator_id = fields.Many2one(
        "hr.work.plan.indicator", ondelete="cascade", index=True
    )
    line_id = fields.Many2one("hr.work.plan.line", ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    points = fields.Float()
    passed = fields.Boolean(copy=False)

    @api.constrains("points")
    def _check_points(self):
        self._check_range("points", 0, MAX_TOTAL_POINTS)
