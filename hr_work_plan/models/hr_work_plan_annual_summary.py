# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class HrWorkPlanAnnualSummary(models.Model):
    """One owner's closed plans of one policy and year: the basis of year-end
    bonuses, awards and job changes."""

    _name = "hr.work.plan.annual.summary"
    _description = "Work Plan Annual Summary"
    _auto = False
    _order = "year desc, score_average desc"

    employee_id = fields.Many2one("hr.employee", string="Owner", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    policy_id = fields.Many2one("hr.work.plan.policy", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    year = fields.Integer(readonly=True)
    plan_count = fields.Integer(string="Plans", readonly=True)
    score_average = fields.Float(
        string="Average Score", readonly=True, aggregator="avg"
    )
    score_min = fields.Float(string="Lowest Score", readonly=True, aggregator="min")
    score_max = fields.Float(string="Highest Score", readonly=True, aggregator="max")
    coefficient_average = fields.Float(
        string="Average Coefficient", readonly=True, aggregator="avg"
    )
    period_scores = fields.Char(readonly=True, help="Final score of each period.")
    grades = fields.Char(readonly=True, help="Grade of each period.")
    grade_points = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Sum of the points the grade of each period gives.",
    )
    annual_method = fields.Selection(related="policy_id.annual_method")
    annual_band_id = fields.Many2one(
        "hr.work.plan.annual.band",
        compute="_compute_grade_id",
        help="Annual grade the sum of the grade points reaches, when the policy "
        "sums them.",
    )
    grade_id = fields.Many2one(
        "hr.work.plan.grade",
        string="Annual Grade",
        compute="_compute_grade_id",
        help="Grade of the average score under the policy's bands, or the grade "
        "the annual band of the grade points stands for.",
    )
    raise_percent = fields.Float(
        compute="_compute_grade_id",
        string="Next-year Raise (%)",
        help="Raise of next year's pay the annual grade gives.",
    )

    @api.depends("policy_id", "score_average", "grade_points")
    def _compute_grade_id(self):
        for summary in self:
            policy = summary.policy_id
            if policy.annual_method == "grade_points":
                band = policy._annual_band_for(summary.grade_points)
                summary.annual_band_id = band
                summary.grade_id = band.grade_id
            else:
                summary.annual_band_id = False
                summary.grade_id = policy._grade_for(summary.score_average)
            summary.raise_percent = summary.grade_id.raise_percent

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT MIN(plan.id) AS id,
                           plan.employee_id,
                           MIN(plan.department_id) AS department_id,
                           plan.policy_id,
                           plan.company_id,
                           EXTRACT(YEAR FROM plan.date_from)::int AS year,
                           COUNT(*) AS plan_count,
                           ROUND(AVG(plan.score_final)::numeric, 2) AS score_average,
                           MIN(plan.score_final) AS score_min,
                           MAX(plan.score_final) AS score_max,
                           ROUND(AVG(plan.coefficient)::numeric, 4)
                               AS coefficient_average,
                           STRING_AGG(
                               TO_CHAR(plan.date_from, 'YYYY-MM-DD') || ': '
                               || ROUND(plan.score_final::numeric, 2),
                               ', ' ORDER BY plan.date_from
                           ) AS period_scores,
                           STRING_AGG(grade.code, ', ' ORDER BY plan.date_from)
                               AS grades,
                           ROUND(SUM(COALESCE(grade.annual_points, 0))::numeric, 2)
                               AS grade_points
                      FROM hr_work_plan plan
                 LEFT JOIN hr_work_plan_grade grade ON grade.id = plan.grade_id
                     WHERE plan.state = 'done'
                  GROUP BY plan.employee_id, plan.policy_id, plan.company_id,
                           EXTRACT(YEAR FROM plan.date_from)
                )
                """,
                SQL.identifier(self._table),
            )
        )
