# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.scoring import Band, band_overlaps
from .hr_work_plan_policy import MAX_TOTAL_POINTS

MAX_COEFFICIENT = 10.0
# bounds of a grade's outcomes: percents of pay, salary-grade steps, and the
# points a period's grade adds to the year
MAX_PAY_PERCENT = 100
MAX_SALARY_STEPS = 5
MAX_GRADE_POINTS = 100


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
    pay_change_percent = fields.Float(
        string="Pay Change (%)",
        help="How much this period's pay moves with the grade, in percent "
        "(e.g. +3 for A, -12 for D); 0 for no change.",
    )
    raise_percent = fields.Float(
        string="Raise (%)",
        help="Raise of next year's pay the grade gives, in percent; may be negative.",
    )
    salary_step = fields.Integer(
        string="Salary Steps",
        help="Salary-grade steps the grade moves the owner up (positive) or "
        "down (negative), within the range of the post.",
    )
    training_required = fields.Boolean(
        help="Owners who get this grade must attend training."
    )
    improvement_plan_required = fields.Boolean(
        help="Owners who get this grade (a fail grade) need an improvement plan."
    )
    annual_points = fields.Float(
        help="Points a period with this grade adds to the year when the policy "
        "sums grade points (e.g. A 0.5, B 0, C -0.3, D -0.5).",
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

    @api.constrains(
        "pay_change_percent", "raise_percent", "salary_step", "annual_points"
    )
    def _check_outcomes(self):
        self._check_range("pay_change_percent", -MAX_PAY_PERCENT, MAX_PAY_PERCENT)
        self._check_range("raise_percent", -MAX_PAY_PERCENT, MAX_PAY_PERCENT)
        self._check_range("salary_step", -MAX_SALARY_STEPS, MAX_SALARY_STEPS)
        self._check_range("annual_points", -MAX_GRADE_POINTS, MAX_GRADE_POINTS)

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
