# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.scoring import Band, band_overlaps
from .hr_work_plan_policy import MAX_TOTAL_POINTS

MAX_COEFFICIENT = 10.0


class HrWorkPlanGrade(models.Model):
    _name = "hr.work.plan.grade"
    _description = "Work Plan Grade Band"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "policy_id, sequence, min_score desc"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    min_score = fields.Float(required=True)
    max_score = fields.Float(required=True)
    min_inclusive = fields.Boolean(default=True, string="Includes Minimum")
    max_inclusive = fields.Boolean(default=True, string="Includes Maximum")
    coefficient = fields.Float(
        default=1.0, help="Pay coefficient of the grade; may exceed 1."
    )
    quota_percent = fields.Float(
        string="Quota (%)",
        help="Largest share of owners who may get this grade under forced "
        "distribution; 0 for no limit.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(policy_id, code)", "Grade codes are unique per policy."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for grade in self:
            grade.display_name = (
                f"{grade.code} {grade.name}" if grade.name else grade.code
            )

    @api.constrains("coefficient", "quota_percent", "min_score", "max_score")
    def _check_values(self):
        self._check_range("coefficient", 0, MAX_COEFFICIENT)
        self._check_range("quota_percent", 0, 100)
        self._check_range("min_score", 0, MAX_TOTAL_POINTS)
        self._check_range("max_score", 0, MAX_TOTAL_POINTS)

    @api.constrains("min_score", "max_score", "min_inclusive", "max_inclusive")
    def _check_no_overlap(self):
        """Bands of a policy never overlap; gaps may wait until a cycle closes,
        as bands are entered one by one."""
        for policy in self.policy_id:
            problems = band_overlaps([grade._as_band() for grade in policy.grade_ids])
            if problems:
                raise ValidationError(
                    self.env._(
                        "The grades of policy %(policy)s overlap: %(problems)s.",
                        policy=policy.display_name,
                        problems="; ".join(problems),
                    )
                )

    def _as_band(self):
        self.ensure_one()
        return Band(
            self.code,
            self.min_score,
            self.max_score,
            self.min_inclusive,
            self.max_inclusive,
        )
