# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import is_html_empty
from odoo.tools.sql import escape_psql

from ..tools import deadlines, scoring
from .hr_work_plan_matrix import EFFICIENCY, QUALITY

PERIOD_TYPES = [
    ("week", "Week"),
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half_year", "Half-year"),
    ("year", "Year"),
]
PERIOD_LENGTH = {
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "half_year": relativedelta(months=6),
    "year": relativedelta(years=1),
}
OWNER_TYPES = [("employee", "Employee"), ("department", "Department")]
ACKNOWLEDGE_TYPES = [
    ("none", "None"),
    ("plan", "The approved plan"),
    ("result", "The assessment result"),
    ("both", "The plan and the result"),
]
# bounds of what a policy may say: points of a plan, days of a window
MAX_TOTAL_POINTS = 1000
MAX_DAYS = 366
# the score table edited as a grid: one field per efficiency × quality cell
MATRIX_GRID = {
    f"matrix_{efficiency}_{quality}": (efficiency, quality)
    for efficiency, _efficiency_label in EFFICIENCY
    for quality, _quality_label in QUALITY
}


class HrWorkPlanPolicy(models.Model):
    _name = "hr.work.plan.policy"
    _description = "Work Plan Policy"
    _inherit = ["hr.work.plan.guard.mixin", "mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    description = fields.Html(translate=True)
    period_type = fields.Selection(
        PERIOD_TYPES, required=True, default="month", tracking=True
    )
    owner_type = fields.Selection(
        OWNER_TYPES, required=True, default="employee", tracking=True
    )
    department_ids = fields.Many2many(
        "hr.department",
        "hr_work_plan_policy_department_rel",
        string="Departments",
        check_company=True,
        help="Departments (and their sub-departments) in scope. Empty: all.",
    )
    job_ids = fields.Many2many("hr.job", string="Job Positions", check_company=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Designated Employees",
        check_company=True,
        help="Employees in scope whatever their department or job.",
    )
    exclude_department_ids = fields.Many2many(
        "hr.department",
        "hr_work_plan_policy_excluded_department_rel",
        string="Excluded Departments",
        check_company=True,
    )
    include_probation = fields.Boolean(
        default=True, help="Employees on a probation contract get plans too."
    )
    total_points = fields.Float(default=100.0, required=True, tracking=True)
    total_rule = fields.Selection(
        [("exact", "Exactly the total"), ("at_most", "At most the total")],
        required=True,
        default="exact",
        tracking=True,
    )
    pay_ratio = fields.Float(
        digits=(16, 4),
        default=0.2,
        tracking=True,
        help="Share of the monthly wage that is plan-assessment pay.",
    )
    carry_over = fields.Boolean(
        default=True, help="Unfinished items of the previous period are carried over."
    )
    change_window_days = fields.Integer(
        string="Change Window (days)",
        default=3,
        help="Changes must be requested at least this many days before "
        "the item is due.",
    )
    forced_distribution = fields.Boolean(
        help="Closing a cycle checks the grades' quotas; an officer may "
        "override them with a reason."
    )
    distribution_scope = fields.Selection(
        [("policy", "Across the policy"), ("department", "In each department")],
        default="policy",
        required=True,
    )
    department_multiplier = fields.Boolean(
        help="The department plan's grade coefficient multiplies its members'."
    )
    category_ids = fields.One2many(
        "hr.work.plan.category", "policy_id", string="Categories", copy=True
    )
    matrix_ids = fields.One2many(
        "hr.work.plan.matrix", "policy_id", string="Score Table", copy=True
    )
    rater_ids = fields.One2many(
        "hr.work.plan.rater", "policy_id", string="Raters", copy=True
    )
    grade_ids = fields.One2many(
        "hr.work.plan.grade", "policy_id", string="Grades", copy=True
    )
    annual_method = fields.Selection(
        [
            ("average", "Average of the period scores"),
            ("grade_points", "Sum of the period grades' points"),
        ],
        string="Annual Grade From",
        required=True,
        default="average",
        help="How the annual summary grades a year: the average of the period "
        "scores under the grades above, or the sum of the points each period's "
        "grade gives under the annual grades.",
    )
    annual_band_ids = fields.One2many(
        "hr.work.plan.annual.band", "policy_id", string="Annual Grades", copy=True
    )
    partial_credit = fields.Boolean(
        help="A partly done item earns its completion share of the points; "
        "otherwise an unfinished item scores 0."
    )
    execution_share = fields.Float(
        default=1.0,
        digits=(16, 4),
        help="Share of the plan score that counts in the final score "
        "(0.8 when execution is 80% of the performance score).",
    )
    appeal_window_days = fields.Integer(
        help="Days after the assessment during which the owner may appeal; "
        "0 for no limit."
    )
    appeal_accept_days = fields.Integer(
        default=3, help="Working days the committee has to accept or refuse an appeal."
    )
    appeal_resolve_days = fields.Integer(
        default=10, help="Working days the committee has to answer an appeal."
    )
    deadline_ids = fields.One2many(
        "hr.work.plan.deadline", "policy_id", string="Deadlines", copy=True
    )
    route_step_ids = fields.One2many(
        "hr.work.plan.route.step",
        "policy_id",
        string="Approval Route",
        copy=True,
        help="Who decides each stage, step after step. Without steps, the "
        "plan's approver decides alone.",
    )
    # owner acknowledgement (签字确认): the owner signs the approved plan, the
    # result, or both; a result left unsigned is deemed acknowledged
    acknowledge = fields.Selection(
        ACKNOWLEDGE_TYPES,
        string="Owner Acknowledgement",
        required=True,
        default="none",
        tracking=True,
        help="What the owner acknowledges: the approved plan, the assessment "
        "result, or both.",
    )
    acknowledge_days = fields.Integer(
        string="Acknowledgement Days",
        default=3,
        tracking=True,
        help="Days after the assessment within which the owner acknowledges "
        "the result or objects to it; after them the result is deemed "
        "acknowledged. 0: never deemed, the owner must acknowledge.",
    )
    # copied by copy(), which points them to the copy's categories
    template_ids = fields.One2many(
        "hr.work.plan.template", "policy_id", string="Templates"
    )
    cycle_ids = fields.One2many("hr.work.plan.cycle", "policy_id", string="Cycles")
    is_preset = fields.Boolean(
        string="Preset",
        readonly=True,
        copy=False,
        help="A policy of the source documents shipped with the product: "
        "archived, it is copied into an active policy to be used.",
    )
    review_note = fields.Html(
        string="Values to Review",
        translate=True,
        help="Values of this policy that its source does not give: the preset "
        "supplies defaults so that a cycle can close. Check them, then mark "
        "them as reviewed.",
    )
    # the score table as a grid: rows efficiency, columns quality
    matrix_on_time_excellent = fields.Float(
        string="On Time × Excellent (%)",
        compute="_compute_matrix_grid",
        readonly=False,
    )
    matrix_on_time_good = fields.Float(
        string="On Time × Good (%)", compute="_compute_matrix_grid", readonly=False
    )
    matrix_on_time_pass = fields.Float(
        string="On Time × Pass (%)", compute="_compute_matrix_grid", readonly=False
    )
    matrix_on_time_improve = fields.Float(
        string="On Time × Needs Improvement (%)",
        compute="_compute_matrix_grid",
        readonly=False,
    )
    matrix_late_excellent = fields.Float(
        string="Late × Excellent (%)", compute="_compute_matrix_grid", readonly=False
    )
    matrix_late_good = fields.Float(
        string="Late × Good (%)", compute="_compute_matrix_grid", readonly=False
    )
    matrix_late_pass = fields.Float(
        string="Late × Pass (%)", compute="_compute_matrix_grid", readonly=False
    )
    matrix_late_improve = fields.Float(
        string="Late × Needs Improvement (%)",
        compute="_compute_matrix_grid",
        readonly=False,
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A policy code must be unique per company.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        grids = []
        own_vals_list = []
        for vals in vals_list:
            own_vals, grid = self._split_matrix_grid(vals)
            own_vals_list.append(own_vals)
            grids.append(grid)
        policies = super().create(own_vals_list)
        for policy, grid in zip(policies, grids, strict=True):
            if grid:
                policy._write_matrix_grid(grid)
        return policies

    def write(self, vals):
        vals, grid = self._split_matrix_grid(vals)
        result = super().write(vals)
        if grid:
            self._write_matrix_grid(grid)
        return result

    @api.model
    def _split_matrix_grid(self, vals):
        """``vals`` without the score table's grid fields, and those fields;
        an emptied review note is no note."""
        own_vals = {
            name: value for name, value in vals.items() if name not in MATRIX_GRID
        }
        if "review_note" in own_vals and is_html_empty(own_vals["review_note"]):
            own_vals["review_note"] = False
        grid = {name: value for name, value in vals.items() if name in MATRIX_GRID}
        return own_vals, grid

    # ------------------------------------------------------------------
    # score table as a grid

    @api.depends("matrix_ids.efficiency", "matrix_ids.quality", "matrix_ids.percent")
    def _compute_matrix_grid(self):
        for policy in self:
            cells = {
                (cell.efficiency, cell.quality): cell.percent
                for cell in policy.matrix_ids
            }
            for name, key in MATRIX_GRID.items():
                policy[name] = cells.get(key, 0.0)

    def _write_matrix_grid(self, grid):
        """Write the grid's values, ``field name → percent``, into the score
        table's cells, which check them. The table holds one cell per
        efficiency × quality; every cell at 0 is no table: items are then
        scored in points."""
        self._check_finite_values(grid)
        new_cells = []
        for policy in self:
            cells = {
                (cell.efficiency, cell.quality): cell for cell in policy.matrix_ids
            }
            percents = {
                key: cells[key].percent if key in cells else 0.0
                for key in MATRIX_GRID.values()
            }
            percents.update(
                {MATRIX_GRID[name]: float(value or 0.0) for name, value in grid.items()}
            )
            if not any(percents.values()):
                policy.matrix_ids.unlink()
                continue
            for (efficiency, quality), percent in percents.items():
                cell = cells.get((efficiency, quality))
                if cell is None:
                    new_cells.append(
                        {
                            "policy_id": policy.id,
                            "efficiency": efficiency,
                            "quality": quality,
                            "percent": percent,
                        }
                    )
                elif cell.percent != percent:
                    cell.percent = percent
        self.env["hr.work.plan.matrix"].create(new_cells)

    def copy(self, default=None):
        policies = super().copy(default)
        for source, policy in zip(self, policies, strict=True):
            source._copy_templates_to(policy)
            source._copy_annual_bands_to(policy)
        return policies

    def _copy_annual_bands_to(self, policy):
        """Point the annual grades copied into ``policy`` to the copy's
        grades of the same codes as the originals'."""
        grades = {grade.code: grade for grade in policy.grade_ids}
        sources = {band.code: band.grade_id for band in self.annual_band_ids}
        for band in policy.annual_band_ids:
            grade = sources.get(band.code)
            if grade:
                band.grade_id = grades.get(grade.code, grade.browse())

    def _copy_templates_to(self, policy):
        """Copy the templates into ``policy``, their items in its categories."""
        categories = dict(zip(self.category_ids, policy.category_ids, strict=False))
        for template in self.with_context(active_test=False).template_ids:
            template.copy(
                {
                    "policy_id": policy.id,
                    "name": template.name,
                    "line_ids": [
                        Command.create(
                            {
                                **line.copy_data({"template_id": False})[0],
                                "category_id": categories.get(
                                    line.category_id, line.category_id.browse()
                                ).id,
                            }
                        )
                        for line in template.line_ids
                    ],
                }
            )

    # ------------------------------------------------------------------
    # presets

    def action_copy_preset(self):
        """Copy this preset into an active policy of the current company, its
        categories, deadlines, score table, raters and grades with it, and
        open the copy."""
        self.ensure_one()
        policy = self._copy_preset()
        return policy._form_action()

    def _copy_preset(self):
        """The new policy copied from preset ``self``; modules holding records
        of a preset (fine rules) copy theirs here."""
        self.ensure_one()
        if not self.is_preset:
            raise UserError(
                self.env._(
                    "Policy %s is not a preset: duplicate it instead.",
                    self.display_name,
                )
            )
        company = self.env.company
        policy = self.copy(
            {
                "active": True,
                "company_id": company.id,
                "code": self._free_code(self._name, self.code, company),
            }
        )
        policy.message_post(
            body=self.env._("Created from the preset %s.", self.display_name),
            subtype_xmlid="mail.mt_note",
        )
        return policy

    @api.model
    def _free_code(self, model_name, code, company):
        """``code`` followed by the first number that no record of
        ``model_name`` in ``company`` uses yet as its code: P1-1, P1-2…"""
        taken = set(
            self.env[model_name]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "=", company.id),
                    ("code", "=like", f"{escape_psql(code)}-%"),
                ]
            )
            .mapped("code")
        )
        number = 1
        while f"{code}-{number}" in taken:
            number += 1
        return f"{code}-{number}"

    def action_mark_reviewed(self):
        """An administrator has checked the values the preset supplied."""
        self.write({"review_note": False})
        self.message_post(
            body=self.env._("The values to review have been reviewed."),
            subtype_xmlid="mail.mt_note",
        )

    @api.constrains("total_points", "pay_ratio", "change_window_days")
    def _check_amounts(self):
        for policy in self:
            if not 0 < policy.total_points <= MAX_TOTAL_POINTS:
                raise ValidationError(
                    self.env._(
                        "The total points of policy %(policy)s must be above 0 and "
                        "at most %(max)s.",
                        policy=policy.display_name,
                        max=MAX_TOTAL_POINTS,
                    )
                )
        self._check_range("pay_ratio", 0, 1)
        self._check_range("change_window_days", 0, MAX_DAYS)

    @api.constrains("appeal_window_days", "appeal_accept_days", "appeal_resolve_days")
    def _check_appeal_days(self):
        for fname in (
            "appeal_window_days",
            "appeal_accept_days",
            "appeal_resolve_days",
        ):
            self._check_range(fname, 0, MAX_DAYS)

    @api.constrains("acknowledge_days")
    def _check_acknowledge_days(self):
        self._check_range("acknowledge_days", 0, MAX_DAYS)

    @api.constrains("execution_share")
    def _check_execution_share(self):
        for policy in self:
            if not 0 < policy.execution_share <= 1:
                raise ValidationError(
                    self.env._(
                        "The execution share of policy %s must be above 0 and "
                        "at most 1.",
                        policy.display_name,
                    )
                )

    @api.constrains("grade_ids", "total_points")
    def _check_grade_bands(self):
        for policy in self.filtered("grade_ids"):
            problems = scoring.band_problems(
                [grade._as_band() for grade in policy.grade_ids],
                0.0,
                policy.total_points,
            )
            if problems:
                raise ValidationError(
                    self.env._(
                        "The grades of policy %(policy)s must cover every score from 0 "
                        "to %(total)s exactly once: %(problems)s.",
                        policy=policy.display_name,
                        total=policy.total_points,
                        problems="; ".join(problems),
                    )
                )

    @api.constrains("annual_method", "annual_band_ids")
    def _check_annual_bands(self):
        for policy in self:
            if policy.annual_method == "grade_points" and not policy.annual_band_ids:
                raise ValidationError(
                    self.env._(
                        "Policy %s sums grade points over the year: give it "
                        "annual grades with their minimum points.",
                        policy.display_name,
                    )
                )

    def _annual_band_for(self, points):
        """The annual grade a year's sum of grade ``points`` reaches."""
        self.ensure_one()
        band_id = scoring.annual_band_for(
            points, [band._as_annual_band() for band in self.annual_band_ids]
        )
        return self.annual_band_ids.browse(band_id or [])

    def _grade_for(self, score):
        """The grade band holding ``score`` today; extra weight can lift a
        score above the highest band, which then applies."""
        self.ensure_one()
        grade_id, _coefficient = scoring.Basis(self._scoring_basis_values()).grade_for(
            score
        )
        return self.grade_ids.browse(grade_id or [])

    def _scoring_basis_values(self):
        """What scoring reads from the policy, as the plain values a plan
        keeps from its approval on (see ``scoring.Basis``)."""
        self.ensure_one()
        return scoring.Basis.as_dict(
            total_points=self.total_points,
            partial_credit=self.partial_credit,
            execution_share=self.execution_share,
            matrix={
                (cell.efficiency, cell.quality): cell.percent
                for cell in self.matrix_ids
            },
            categories={
                category.id: (
                    category.weight,
                    category.points_total,
                    category.counts_in_total,
                    category.multiplier,
                )
                for category in self.category_ids
            },
            raters={rater.role: rater.weight for rater in self.rater_ids},
            grades=[
                (grade._as_band(), grade.coefficient, grade.id)
                for grade in self.grade_ids
            ],
        )

    @api.constrains("period_type")
    def _check_deadline_days(self):
        self.deadline_ids._check_day_hour()

    def _employee_scope_domain(self, date_from):
        """Domain of the employees who write a plan for a period from ``date_from``."""
        self.ensure_one()
        scope = [("company_id", "=", self.company_id.id)]
        if self.department_ids:
            scope.append(("department_id", "child_of", self.department_ids.ids))
        if self.job_ids:
            scope.append(("job_id", "in", self.job_ids.ids))
        designated = [("id", "in", self.employee_ids.ids)]
        if self.department_ids or self.job_ids:
            scope = expression.OR([scope, designated])
        elif self.employee_ids:
            scope = designated
        if self.exclude_department_ids:
            scope = expression.AND(
                [
                    scope,
                    [
                        "!",
                        ("department_id", "child_of", self.exclude_department_ids.ids),
                    ],
                ]
            )
        if not self.include_probation:
            scope = expression.AND(
                [
                    scope,
                    [
                        "|",
                        ("probation_end_date", "=", False),
                        ("probation_end_date", "<", date_from),
                    ],
                ]
            )
        return scope

    def _department_scope_domain(self):
        """Domain of the departments whose manager writes a department plan."""
        self.ensure_one()
        scope = [
            ("company_id", "in", [self.company_id.id, False]),
            ("manager_id", "!=", False),
        ]
        if self.department_ids:
            scope.append(("id", "child_of", self.department_ids.ids))
        if self.exclude_department_ids:
            scope += ["!", ("id", "child_of", self.exclude_department_ids.ids)]
        return scope

    def _carry_over_category(self):
        self.ensure_one()
        return self.category_ids.filtered("is_carry_over")[:1]

    def _stage_deadlines(self, date_from, date_to, calendar):
        """Due datetime (naive UTC) of each stage with a deadline rule."""
        self.ensure_one()
        if not (self.deadline_ids and date_from and date_to):
            return {}
        spans = [
            deadlines.reference_span(
                self.period_type, date_from, date_to, rule.position
            )
            for rule in self.deadline_ids
        ]
        is_working = self._working_day_test(
            calendar,
            min(start for start, _end in spans),
            max(end for _start, end in spans)
            + timedelta(days=deadlines.ROLL_FORWARD_LIMIT),
        )
        tz_name = calendar.tz or self.env.user.tz or "UTC"
        return {
            rule.stage: deadlines.at_hour(
                deadlines.due_date(
                    self.period_type,
                    date_from,
                    date_to,
                    rule.position,
                    rule.day,
                    rule.working_days,
                    is_working,
                ),
                rule.hour,
                tz_name,
            )
            for rule in self.deadline_ids
        }

    @api.model
    def _working_day_test(self, calendar, first_day, last_day):
        """``date -> bool`` telling the working days of ``calendar`` (public
        holidays included) between the two dates; Monday to Friday without one."""
        if not calendar:
            return deadlines.weekdays_only
        zone = pytz.timezone(calendar.tz or "UTC")
        intervals = calendar._work_intervals_batch(
            zone.localize(datetime.combine(first_day, time.min)),
            zone.localize(datetime.combine(last_day, time.max)),
        )[False]
        working = {start.date() for start, _stop, _meta in intervals}
        return working.__contains__
