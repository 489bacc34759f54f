# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import threading
from collections import defaultdict
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date, split_every
from odoo.tools.float_utils import float_compare
from odoo.tools.sql import index_exists

from ..tools import formatting, scoring
from .hr_work_plan_deadline import STAGES
from .hr_work_plan_policy import OWNER_TYPES, PERIOD_LENGTH
from .hr_work_plan_state_mixin import ACTIVITY_TYPE

PLAN_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("self_assessed", "Self-assessed"),
    ("assessed", "Assessed"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
STATE_ORDER = [state for state, _label in PLAN_STATES]

# stage → (state reached when the stage is done, field stamped then, who acts)
STAGE_FLOW = {
    "submit": ("submitted", "submitted_on", "owner"),
    "approve": ("approved", "approved_on", "approver"),
    "self_assess": ("self_assessed", "self_assessed_on", "owner"),
    "assess": ("assessed", "assessed_on", "approver"),
    "report": ("done", "done_on", "officer"),
}
# the stage a plan waits for in each state
PENDING_STAGE = {
    "draft": "submit",
    "submitted": "approve",
    "approved": "self_assess",
    "self_assessed": "assess",
    "assessed": "report",
}
REMINDER_DAYS = 2
# plans an officer may score again under their policy as it is now
RESCORABLE_STATES = ("approved", "self_assessed", "assessed")
# who may take the steps beside a plan's next stage, in which states
STEP_ROLES = {
    "cancel": {
        "draft": {"owner", "officer"},
        "submitted": {"officer"},
        "approved": {"officer"},
    },
    "correct": {"assessed": {"approver", "officer"}},
    "rescore": dict.fromkeys(RESCORABLE_STATES, {"officer"}),
    "reopen": {"done": {"officer"}, "cancelled": {"officer"}},
}
# plans the deadline job handles per transaction when the scheduler runs it
DEADLINE_BATCH_SIZE = 200
# errors of transactions that got in each other's way: Odoo retries requests
# that fail with them
CONCURRENCY_ERRORS = (
    errors.SerializationFailure,
    errors.LockNotAvailable,
    errors.DeadlockDetected,
)

_logger = logging.getLogger(__name__)

# fields an owner fills in when reporting, and those the approver fills in
SELF_FIELDS = {"self_comment"}
MANAGER_FIELDS = {"manager_comment"}
REVIEW_FIELDS = {"score_review"}
# fields that decide who owns and approves the plan
OFFICER_FIELDS = {
    "employee_id",
    "approver_id",
    "department_id",
    "owner_type",
    "company_id",
}
# fields only officers change once the plan belongs to a cycle: they decide
# where the plan is graded and ranked
CYCLE_FIELDS = {"cycle_id", "policy_id", "date_from", "date_to"}


def owner_key(owner_type, employee, department):
    """Who a plan belongs to: a department for department plans, else an employee."""
    if owner_type == "department":
        return ("department", department.id)
    return ("employee", employee.id)


def overdue_domain(stage, now):
    """Plans whose ``stage`` is still pending after its deadline, not flagged yet."""
    target = STAGE_FLOW[stage][0]
    return [
        (f"{stage}_late", "=", False),
        (f"{stage}_deadline", "<", now),
        ("state", "in", STATE_ORDER[: STATE_ORDER.index(target)]),
    ]


def edit_kinds(fnames, kind_fields):
    """Kinds of data the fields touch: for each name, the first kind of
    ``kind_fields`` (pairs of kind and field names) holding it, else "content"."""
    return {
        next((kind for kind, names in kind_fields if name in names), "content")
        for name in fnames
    }


def evaluated_kinds(vals, kind_fields):
    """Kinds of ``kind_fields`` that ``vals`` fills in with a value; the
    content of the record is left out."""
    return edit_kinds({name for name, value in vals.items() if value}, kind_fields) - {
        "content"
    }


class HrWorkPlan(models.Model):
    _name = "hr.work.plan"
    _description = "Work Plan"
    _inherit = [
        "hr.work.plan.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hr.work.plan.state.mixin",
    ]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    policy_id = fields.Many2one(
        "hr.work.plan.policy",
        required=True,
        check_company=True,
        tracking=True,
        index=True,
    )
    period_type = fields.Selection(related="policy_id.period_type")
    cycle_id = fields.Many2one(
        "hr.work.plan.cycle", check_company=True, index=True, tracking=True
    )
    owner_type = fields.Selection(
        OWNER_TYPES, required=True, default="employee", tracking=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Owner",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user.employee_id,
        help="The employee who writes and carries out the plan; for a "
        "department plan, the department manager.",
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="Owner User")
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    approver_id = fields.Many2one(
        "hr.employee",
        compute="_compute_approver_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        check_company=True,
        help="Direct superior; else the department manager; for a department "
        "manager's own plan, the manager one level up.",
    )
    approver_user_id = fields.Many2one(
        related="approver_id.user_id", string="Approver User"
    )
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    parent_id = fields.Many2one(
        "hr.work.plan",
        string="Month Plan",
        index=True,
        check_company=True,
        domain="[('employee_id', '=', employee_id), ('id', '!=', id)]",
    )
    child_ids = fields.One2many("hr.work.plan", "parent_id", string="Week Plans")
    state = fields.Selection(
        PLAN_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    scoring_basis = fields.Json(
        readonly=True,
        copy=False,
        help="What scoring reads from the policy, kept from the approval on: "
        "later edits of the policy do not re-score the plan until an officer "
        "re-scores it.",
    )
    line_ids = fields.One2many(
        "hr.work.plan.line", "plan_id", string="Items", copy=True
    )
    change_ids = fields.One2many("hr.work.plan.change", "plan_id", string="Changes")
    change_count = fields.Integer(compute="_compute_change_count")
    appeal_ids = fields.One2many("hr.work.plan.appeal", "plan_id", string="Appeals")
    rating_ids = fields.One2many(
        "hr.work.plan.rating",
        "plan_id",
        string="Peer and Subordinate Ratings",
        groups="hr_work_plan.group_work_plan_officer",
    )
    under_appeal = fields.Boolean(
        compute="_compute_under_appeal",
        store=True,
        help="An appeal is open: the plan's result cannot be paid yet.",
    )
    # scores, weights and coefficients average in groups: their sums mean nothing
    total_weight = fields.Float(
        compute="_compute_weights", store=True, aggregator="avg"
    )
    extra_weight = fields.Float(
        compute="_compute_weights", store=True, aggregator="avg"
    )
    total_points = fields.Float(related="policy_id.total_points")
    score_self = fields.Float(
        aggregator="avg",
        string="Self Score",
        compute="_compute_scores",
        store=True,
        tracking=True,
    )
    score_manager = fields.Float(
        aggregator="avg",
        string="Manager Score",
        compute="_compute_scores",
        store=True,
        tracking=True,
    )
    score_final = fields.Float(
        aggregator="avg", string="Final Score", tracking=True, copy=False, readonly=True
    )
    score_review = fields.Float(
        aggregator="avg",
        string="Review Score",
        tracking=True,
        copy=False,
        help="Score of the second step: the next-level superior or the department "
        "manager reviews the first rating; it counts for those raters.",
    )
    reviewer_id = fields.Many2one(
        "res.users", readonly=True, copy=False, help="Who gave the review score."
    )
    grade_id = fields.Many2one(
        "hr.work.plan.grade", tracking=True, copy=False, readonly=True, index=True
    )
    coefficient = fields.Float(
        tracking=True, copy=False, readonly=True, aggregator="avg"
    )
    department_coefficient = fields.Float(
        aggregator="avg",
        copy=False,
        readonly=True,
        help="Coefficient of the department plan that multiplied this one's.",
    )
    rank = fields.Integer(
        copy=False, readonly=True, help="Rank by final score in the closed cycle."
    )
    appeal_count = fields.Integer(compute="_compute_appeal_result", compute_sudo=True)
    score_before_appeal = fields.Float(
        compute="_compute_appeal_result",
        compute_sudo=True,
        help="Final score before an appeal revised it.",
    )
    self_comment = fields.Text(string="Self-evaluation", copy=False)
    manager_comment = fields.Text(string="Superior's Evaluation", copy=False)
    note = fields.Html()
    reject_reason = fields.Text(
        string="Reason for Rejection", readonly=True, copy=False, tracking=True
    )
    score_explanation = fields.Html(
        compute="_compute_score_explanation",
        help="Which rule gave which points.",
    )
    can_act = fields.Boolean(
        compute="_compute_can_act",
        help="The current user may take the plan to its next stage.",
    )
    can_cancel = fields.Boolean(compute="_compute_can_act")
    can_correct = fields.Boolean(compute="_compute_can_act")
    can_rescore = fields.Boolean(compute="_compute_can_act")
    can_reopen = fields.Boolean(compute="_compute_can_act")
    can_appeal = fields.Boolean(compute="_compute_can_act")
    can_edit_items = fields.Boolean(
        compute="_compute_can_edit_items",
        help="The current user may add and remove items as such.",
    )
    can_add_items = fields.Boolean(
        compute="_compute_can_edit_items",
        help="The current user may add items: while the plan is a draft, or "
        "after approval in the categories they add.",
    )
    unfinished_count = fields.Integer(
        compute="_compute_unfinished_count",
        help="Items left unfinished with no approved change: they score 0.",
    )

    submitted_on = fields.Datetime(readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)
    self_assessed_on = fields.Datetime(readonly=True, copy=False)
    assessed_on = fields.Datetime(readonly=True, copy=False)
    done_on = fields.Datetime(string="Reported On", readonly=True, copy=False)
    submit_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    approve_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    self_assess_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    assess_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    report_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    next_deadline = fields.Datetime(
        compute="_compute_next_deadline",
        store=True,
        help="Deadline of the stage the plan waits for.",
    )
    next_deadline_passed = fields.Boolean(compute="_compute_next_deadline_passed")
    submit_late = fields.Boolean(readonly=True, copy=False)
    approve_late = fields.Boolean(readonly=True, copy=False)
    self_assess_late = fields.Boolean(readonly=True, copy=False)
    assess_late = fields.Boolean(readonly=True, copy=False)
    report_late = fields.Boolean(readonly=True, copy=False)
    is_late = fields.Boolean(
        compute="_compute_is_late", store=True, copy=False, index=True
    )

    # ------------------------------------------------------------------
    # computes

    @api.depends("employee_id", "department_id", "owner_type", "date_from", "date_to")
    def _compute_name(self):
        for plan in self:
            owner = (
                plan.department_id.name
                if plan.owner_type == "department"
                else plan.employee_id.name
            )
            plan.name = f"{owner or ''} {plan.date_from or ''}–{plan.date_to or ''}"

    @api.depends("employee_id")
    def _compute_department_id(self):
        for plan in self:
            plan.department_id = plan.employee_id.department_id

    @api.depends("employee_id", "department_id", "owner_type")
    def _compute_approver_id(self):
        for plan in self:
            plan.approver_id = plan._find_approver()

    def _find_approver(self):
        owner = self.employee_id
        department = self.department_id or owner.department_id
        if department.manager_id == owner:
            approver = department.parent_id.manager_id or owner.parent_id
        else:
            approver = owner.parent_id or department.manager_id
        return approver if approver != owner else approver.browse()

    @api.depends(
        "line_ids.weight",
        "line_ids.display_type",
        "line_ids.completion",
        "line_ids.category_id.counts_in_total",
    )
    def _compute_weights(self):
        for plan in self:
            items = plan.line_ids.filtered(
                lambda line: not line.display_type and line.completion != "cancelled"
            )
            counted = items.filtered(
                lambda line: not line.category_id or line.category_id.counts_in_total
            )
            plan.total_weight = sum(counted.mapped("weight"))
            plan.extra_weight = sum((items - counted).mapped("weight"))

    @api.depends(
        "line_ids.score_self",
        "line_ids.score_final",
        "line_ids.weight",
        "line_ids.completion",
        "line_ids.category_id",
        "scoring_basis",
    )
    def _compute_scores(self):
        for plan in self:
            plan.score_self = plan._plan_score("score_self")
            plan.score_manager = plan._plan_score("score_final")

    @api.depends("score_final", "score_manager", "line_ids.score_final")
    def _compute_score_explanation(self):
        labels = {
            name: dict(
                self.env["hr.work.plan.line"]
                ._fields[name]
                ._description_selection(self.env)
            )
            for name in ("completion", "efficiency", "quality")
        }
        labels["role"] = dict(
            self.env["hr.work.plan.rater"]
            ._fields["role"]
            ._description_selection(self.env)
        )
        for plan in self:
            basis = plan._basis()
            items = [
                {
                    "name": line.name,
                    "category": line.category_id.name or "",
                    "weight": line.weight,
                    "completion": labels["completion"].get(line.completion, ""),
                    "rating": " / ".join(
                        labels[name].get(line[name], "")
                        for name in ("efficiency", "quality")
                        if line[name]
                    ),
                    "percent": basis.matrix_percent(line.efficiency, line.quality)
                    if basis.has_matrix and line.line_type == "task"
                    else None,
                    "unexcused": line.unfinished_without_change,
                    "extra": bool(line.category_id)
                    and not basis.counts(line.category_id.id),
                    "points": line.score_final,
                    "rule": plan._item_rule(line, basis),
                }
                for line in plan.line_ids
                if not line.display_type
            ]
            plan.score_explanation = self.env["ir.qweb"]._render(
                "hr_work_plan.plan_score_explanation",
                {
                    "plan": plan,
                    "items": items,
                    "execution_share": basis.execution_share,
                    "raters": [
                        (labels["role"].get(role, role), weight)
                        for role, weight in basis.raters.items()
                    ],
                    "weighted": [
                        (category.name, basis.categories[category.id].weight)
                        for category in plan.policy_id.category_ids
                        if category.id in basis.categories
                        and basis.categories[category.id].weight
                    ],
                },
            )

    def _basis(self):
        """What scoring reads from the policy: as it was when the plan was
        approved, or as it is now before that."""
        self.ensure_one()
        return scoring.Basis(
            self.scoring_basis
            or (self.policy_id._scoring_basis_values() if self.policy_id else {})
        )

    def _freeze_scoring_basis(self):
        for plan in self:
            plan.sudo().scoring_basis = plan.policy_id._scoring_basis_values()

    def _max_score(self):
        """Highest score the plan can reach: the total and its extra weight."""
        self.ensure_one()
        return (self._basis().total_points or self.total_points) + self.extra_weight

    def _item_rule(self, line, basis):
        """Which rule gave an item its points, in words."""
        if line.completion == "cancelled":
            return self.env._("cancelled: left out of the plan")
        if line.completion == "not_done":
            return self.env._("not carried out: 0")
        if line.completion != "partial":
            return ""
        if line.has_approved_change:
            return self.env._(
                "partly done (%s%%), excused by an approved change",
                formatting.number(line.completion_percent),
            )
        if basis.partial_credit and not (basis.has_matrix and line.line_type == "task"):
            return self.env._(
                "partly done (%s%%), scored by the approver (partial credit)",
                formatting.number(line.completion_percent),
            )
        if basis.partial_credit:
            return self.env._(
                "partly done: %s%% of the points (partial credit)",
                formatting.number(line.completion_percent),
            )
        return self.env._("partly done without an approved change: 0")

    def _score_rows(self, score_field, basis=None):
        """(category, points, weight, counts in total) of each item; cancelled
        items leave the plan."""
        basis = basis or self._basis()
        return [
            (
                line.category_id.id,
                None if line.completion == "cancelled" else line[score_field],
                line.weight,
                not line.category_id or basis.counts(line.category_id.id),
            )
            for line in self.line_ids
            if not line.display_type
        ]

    def _plan_score(self, score_field):
        basis = self._basis()
        return scoring.plan_score(
            self._score_rows(score_field, basis),
            basis.category_list(),
            basis.total_points,
        )

    def _final_score(self):
        """Raters' weighted score, of which the policy's execution share counts."""
        basis = self._basis()
        score = self.score_manager
        if basis.raters:
            review = self.score_review if self.reviewer_id else None
            score = scoring.rater_score(
                {
                    "self": self.score_self,
                    "direct_manager": self.score_manager,
                    "second_manager": review,
                    "department_manager": review,
                    **self._average_ratings(),
                },
                basis.raters,
            )
        return scoring.apply_share(score or 0.0, basis.execution_share)

    def _average_ratings(self):
        """Average peer and subordinate scores, by role."""
        ratings = self.sudo().rating_ids
        return {
            role: sum(scores) / len(scores)
            for role in ("peer", "subordinate")
            if (
                scores := ratings.filtered(
                    lambda rating, role=role: rating.role == role
                ).mapped("score")
            )
        }

    def _check_section_maxima(self):
        """Categories with full marks cannot score above them (60/40 sections)."""
        for plan in self:
            basis = plan._basis()
            totals = scoring.category_totals(
                (key, points, weight)
                for key, points, weight, _counts in plan._score_rows(
                    "score_final", basis
                )
            )
            for category in plan.policy_id.category_ids:
                full_marks = (
                    basis.categories[category.id].full_marks
                    if category.id in basis.categories
                    else 0.0
                )
                if not full_marks:
                    continue
                earned = totals.get(category.id, (0.0, 0.0))[0]
                try:
                    scoring.check_section_score(earned, full_marks)
                except ValueError as error:
                    raise ValidationError(
                        self.env._(
                            "Section %(section)s of plan %(plan)s scores %(score)s, "
                            "above its maximum of %(max)s.",
                            section=category.name,
                            plan=plan.display_name,
                            score=formatting.number(earned),
                            max=formatting.number(full_marks),
                        )
                    ) from error

    def _assign_final_scores(self):
        for plan in self:
            score = plan._final_score()
            grade_id, coefficient = plan._basis().grade_for(score)
            plan.sudo().write(
                {
                    "score_final": score,
                    "grade_id": grade_id or False,
                    "coefficient": coefficient,
                    "department_coefficient": 0.0,
                }
            )

    def _apply_department_coefficients(self):
        """Multiply members' coefficients by their department plan's, for
        policies that say so. Department plans of the same period count."""
        members = self.filtered(
            lambda plan: plan.owner_type == "employee"
            and plan.policy_id.department_multiplier
        )
        if not members:
            return
        department_plans = self.sudo().search(
            [
                ("owner_type", "=", "department"),
                ("department_id", "in", members.department_id.ids),
                ("date_from", "<=", max(members.mapped("date_from"))),
                ("date_to", ">=", min(members.mapped("date_to"))),
                ("state", "in", ("assessed", "done")),
                ("grade_id", "!=", False),
            ]
        )
        for member in members:
            department_plan = department_plans.filtered(
                lambda plan, member=member: plan.department_id == member.department_id
                and plan.date_from <= member.date_from
                and plan.date_to >= member.date_to
            )[:1]
            if department_plan:
                member.sudo().write(
                    {
                        "department_coefficient": department_plan.coefficient,
                        "coefficient": member.coefficient * department_plan.coefficient,
                    }
                )

    @api.depends("appeal_ids.state")
    def _compute_under_appeal(self):
        for plan in self:
            plan.under_appeal = any(
                appeal.state in ("submitted", "accepted") for appeal in plan.appeal_ids
            )

    @api.depends("appeal_ids.state", "appeal_ids.revised_score")
    def _compute_appeal_result(self):
        for plan in self:
            revised = plan.appeal_ids.filtered(
                lambda appeal: appeal.state == "resolved" and appeal.revised_score
            )[:1]
            plan.appeal_count = len(plan.appeal_ids)
            plan.score_before_appeal = revised.original_score

    def action_view_appeals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appeals"),
            "res_model": "hr.work.plan.appeal",
            "view_mode": "list,form",
            "domain": [("plan_id", "=", self.id)],
        }

    def _revise_final_score(self, score):
        """An arbiter's revised score, with the grade and coefficient it gives."""
        for plan in self:
            grade_id, coefficient = plan._basis().grade_for(score)
            plan.sudo().write(
                {
                    "score_final": score,
                    "grade_id": grade_id or False,
                    "coefficient": coefficient * (plan.department_coefficient or 1.0),
                }
            )

    def _compute_change_count(self):
        counts = dict(
            self.env["hr.work.plan.change"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.change_count = counts.get(plan, 0)

    @api.depends_context("uid")
    @api.depends("state", "employee_id.user_id", "approver_id.user_id", "under_appeal")
    def _compute_can_act(self):
        Appeal = self.env["hr.work.plan.appeal"]
        for plan in self:
            stage = PENDING_STAGE.get(plan.state)
            plan.can_act = bool(stage) and plan._holds_role(
                {STAGE_FLOW[stage][2], "officer"}
            )
            for step in STEP_ROLES:
                plan[f"can_{step}"] = plan._may(step)
            plan.can_appeal = not Appeal._appeal_refusal(plan)

    def _may(self, step):
        """Whether the current user may take ``step`` (of STEP_ROLES)."""
        self.ensure_one()
        roles = STEP_ROLES[step].get(self.state)
        return bool(roles) and self._holds_role(roles)

    def _check_may(self, step):
        """Raise unless the current user may take ``step`` on every plan."""
        self._ensure_state(*STEP_ROLES[step])
        for plan in self:
            plan._check_role(*STEP_ROLES[step][plan.state])

    @api.depends_context("uid")
    @api.depends("state", "employee_id.user_id", "approver_id.user_id")
    def _compute_can_edit_items(self):
        for plan in self:
            is_owner = plan._is_owner() if plan.employee_id else True
            is_officer = plan._is_officer() and not is_owner
            open_plan = plan.state not in ("done", "cancelled")
            plan.can_edit_items = open_plan and (
                is_officer or (is_owner and plan.state == "draft")
            )
            plan.can_add_items = plan.can_edit_items or (
                plan.state == "approved"
                and any(
                    plan._adds_after_approval(category)
                    for category in plan.policy_id.category_ids
                )
            )

    def _adds_after_approval(self, category):
        """Whether the current user adds items of ``category`` to the plan
        once it is approved: the person the category names."""
        self.ensure_one()
        adder = {
            "owner": self._is_owner,
            "handler": self._is_owner,
            "approver": self._is_approver,
        }.get(category.added_by)
        return bool(category.addable_after_approval and adder and adder())

    @api.depends("line_ids.unfinished_without_change")
    def _compute_unfinished_count(self):
        for plan in self:
            plan.unfinished_count = len(
                plan.line_ids.filtered("unfinished_without_change")
            )

    @api.depends(
        "policy_id.period_type",
        "policy_id.deadline_ids.stage",
        "policy_id.deadline_ids.position",
        "policy_id.deadline_ids.day",
        "policy_id.deadline_ids.hour",
        "policy_id.deadline_ids.working_days",
        "date_from",
        "date_to",
        "employee_id.resource_calendar_id",
    )
    def _compute_deadlines(self):
        # plans of one policy, period and schedule share their deadlines
        groups = defaultdict(lambda: self.browse())
        for plan in self:
            calendar = plan.employee_id.resource_calendar_id or (
                plan.company_id.resource_calendar_id
            )
            groups[(plan.policy_id, plan.date_from, plan.date_to, calendar)] |= plan
        for (policy, date_from, date_to, calendar), plans in groups.items():
            dues = (
                policy._stage_deadlines(date_from, date_to, calendar) if policy else {}
            )
            for stage, _label in STAGES:
                plans[f"{stage}_deadline"] = dues.get(stage, False)

    @api.depends("state", *(f"{stage}_deadline" for stage, _label in STAGES))
    def _compute_next_deadline(self):
        for plan in self:
            stage = PENDING_STAGE.get(plan.state)
            plan.next_deadline = stage and plan[f"{stage}_deadline"]

    @api.depends("next_deadline")
    def _compute_next_deadline_passed(self):
        now = fields.Datetime.now()
        for plan in self:
            plan.next_deadline_passed = bool(
                plan.next_deadline and plan.next_deadline < now
            )

    @api.depends(*(f"{stage}_late" for stage, _label in STAGES))
    def _compute_is_late(self):
        for plan in self:
            plan.is_late = any(plan[f"{stage}_late"] for stage, _label in STAGES)

    @api.onchange("cycle_id")
    def _onchange_cycle_id(self):
        """A plan of a cycle has the cycle's policy and period."""
        if self.cycle_id:
            self.policy_id = self.cycle_id.policy_id
            self.date_from = self.cycle_id.date_from
            self.date_to = self.cycle_id.date_to

    # ------------------------------------------------------------------
    # constraints

    @api.constrains("date_from", "date_to", "policy_id")
    def _check_period(self):
        self._check_period_order()
        for plan in self.filtered(lambda plan: plan.policy_id and plan.date_from):
            longest = (
                plan.date_from
                + PERIOD_LENGTH[plan.policy_id.period_type]
                - relativedelta(days=1)
            )
            if plan.date_to > longest:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s runs to %(end)s: a plan of policy %(policy)s "
                        "covers one period at most, to %(longest)s.",
                        plan=plan.display_name,
                        end=plan.date_to,
                        policy=plan.policy_id.display_name,
                        longest=longest,
                    )
                )

    @api.constrains("score_review")
    def _check_review_score(self):
        self._check_range("score_review", 0, lambda plan: plan._max_score())

    @api.constrains("cycle_id", "policy_id", "date_from", "date_to", "company_id")
    def _check_cycle(self):
        """A plan of a cycle has the cycle's policy and period."""
        for plan in self.filtered("cycle_id"):
            cycle = plan.cycle_id
            if (cycle.policy_id, cycle.date_from, cycle.date_to, cycle.company_id) != (
                plan.policy_id,
                plan.date_from,
                plan.date_to,
                plan.company_id,
            ):
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s must have the policy, the period and the "
                        "company of its cycle %(cycle)s.",
                        plan=plan.display_name,
                        cycle=cycle.display_name,
                    )
                )

    @api.constrains("parent_id", "employee_id")
    def _check_parent(self):
        for plan in self.filtered("parent_id"):
            parent = plan.parent_id
            if parent.employee_id != plan.employee_id or not (
                parent.date_from <= plan.date_from and plan.date_to <= parent.date_to
            ):
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s must belong to a plan of the same owner "
                        "that covers its period; %(parent)s does not.",
                        plan=plan.display_name,
                        parent=parent.display_name,
                    )
                )
        if self._has_cycle():
            raise ValidationError(self.env._("A plan cannot contain itself."))

    @api.constrains(
        "employee_id", "department_id", "policy_id", "date_from", "owner_type"
    )
    def _check_unique_owner_period(self):
        self._check_owner_periods_free(
            [
                (
                    plan.policy_id,
                    plan.date_from,
                    plan.owner_type,
                    plan.employee_id,
                    plan.department_id,
                )
                for plan in self
                if plan.state != "cancelled"
            ],
            exclude_ids=self.ids,
        )

    def _prepare_create_values(self, vals_list):
        # the unique indexes of init() refuse a second open plan of an owner
        # when it is inserted, before _check_unique_owner_period could say
        # whose it is: check the values first
        vals_list = super()._prepare_create_values(vals_list)
        self._check_owner_periods_free(
            [
                (
                    self.env["hr.work.plan.policy"].browse(vals["policy_id"]),
                    fields.Date.to_date(vals["date_from"]),
                    vals.get("owner_type"),
                    self.env["hr.employee"].browse(vals.get("employee_id")),
                    self.env["hr.department"].browse(vals.get("department_id")),
                )
                for vals in vals_list
                if vals.get("policy_id")
                and vals.get("date_from")
                and vals.get("state") != "cancelled"
            ]
        )
        return vals_list

    @api.model
    def _check_owner_periods_free(self, rows, exclude_ids=()):
        """Raise unless each open plan of ``rows`` — (policy, date from, owner
        type, employee, department) — is its owner's only one for the policy
        and period, among the plans other than ``exclude_ids`` and the rows."""
        if not rows:
            return
        # plans the user may not read count too
        others = self.sudo().search(
            [
                ("id", "not in", list(exclude_ids)),
                ("state", "!=", "cancelled"),
                ("policy_id", "in", list({row[0].id for row in rows})),
                ("date_from", "in", list({row[1] for row in rows})),
            ]
        )
        taken = {
            (other.policy_id, other.date_from, other._owner_key()) for other in others
        }
        for policy, date_from, owner_type, employee, department in rows:
            key = (policy, date_from, owner_key(owner_type, employee, department))
            if key in taken:
                raise ValidationError(
                    self.env._(
                        "%(owner)s already has a plan of policy %(policy)s "
                        "for the period starting %(date)s.",
                        owner=department.name
                        if owner_type == "department"
                        else employee.name,
                        policy=policy.name,
                        date=date_from,
                    )
                )
            taken.add(key)

    def _owner_key(self):
        return owner_key(self.owner_type, self.employee_id, self.department_id)

    def init(self):
        """One open plan per owner, policy and period, even when transactions
        create it at the same time, each searching before the others commit:
        _check_unique_owner_period only says so nicely."""
        result = super().init()
        for owner_type, column in (
            ("employee", "employee_id"),
            ("department", "department_id"),
        ):
            index = f"{self._table}_{owner_type}_period_uniq"
            if not index_exists(self.env.cr, index):
                self._create_owner_period_index(index, owner_type, column)
        return result

    def _create_owner_period_index(self, index, owner_type, column):
        cr = self.env.cr
        open_plans = SQL("owner_type = %s AND state != 'cancelled'", owner_type)
        cr.execute(
            SQL(
                """SELECT count(*) FROM (SELECT FROM %s WHERE %s
                    GROUP BY policy_id, date_from, %s HAVING count(*) > 1) AS taken""",
                SQL.identifier(self._table),
                open_plans,
                SQL.identifier(column),
            )
        )
        duplicates = cr.fetchone()[0]
        if duplicates:
            # as Odoo does for a constraint the data breaks: say so, go on
            _logger.warning(
                "Index %s not created: %s owners (%s) have several open plans "
                "for the same policy and period. Cancel the extra plans, then "
                "update the module.",
                index,
                duplicates,
                owner_type,
            )
            return
        cr.execute(
            SQL(
                "CREATE UNIQUE INDEX %s ON %s (policy_id, date_from, %s) WHERE %s",
                SQL.identifier(index),
                SQL.identifier(self._table),
                SQL.identifier(column),
                open_plans,
            )
        )

    # ------------------------------------------------------------------
    # roles

    def _is_owner(self):
        self.ensure_one()
        return (
            bool(self.employee_id.user_id) and self.employee_id.user_id == self.env.user
        )

    def _is_approver(self):
        self.ensure_one()
        return not self._is_owner() and self.approver_id.user_id == self.env.user

    def _is_reviewer(self):
        """The approver's superior, or the manager of the owner's department,
        other than the owner and the approver."""
        self.ensure_one()
        user = self.env.user
        reviewers = (
            self.approver_id.parent_id.user_id | self.department_id.manager_id.user_id
        )
        return (
            user in reviewers
            and not self._is_owner()
            and self.approver_id.user_id != user
        )

    def _is_officer(self):
        return self.env.user.has_group("hr_work_plan.group_work_plan_officer")

    def _holds_role(self, roles):
        """Whether the current user acts on the plan in one of ``roles``."""
        self.ensure_one()
        if self.env.su:
            return True
        is_owner = self._is_owner()
        return (
            ("owner" in roles and is_owner)
            or ("approver" in roles and self._is_approver())
            or ("officer" in roles and not is_owner and self._is_officer())
        )

    def _check_role(self, *roles):
        """Raise unless the current user holds one of ``roles`` on every plan.

        An owner never counts as approver or officer of their own plan."""
        for plan in self:
            if "owner" not in roles and not self.env.su and plan._is_owner():
                raise UserError(
                    self.env._(
                        "You cannot approve or assess your own plan %s.",
                        plan.display_name,
                    )
                )
            if not plan._holds_role(roles):
                raise AccessError(plan._role_error(roles))

    def _role_error(self, roles):
        names = {
            "owner": self.env._("its owner"),
            "approver": self.env._("its approver"),
            "officer": self.env._("a work plan officer other than its owner"),
        }
        return self.env._(
            "Only %(roles)s may do this on plan %(plan)s.",
            roles=self.env._(" or ").join(names[role] for role in roles),
            plan=self.display_name,
        )

    # ------------------------------------------------------------------
    # CRUD guards

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        if not self.env.su:
            for plan, vals in zip(plans, vals_list, strict=True):
                plan._check_created_by_right_person(vals)
        return plans

    def _check_created_by_right_person(self, vals):
        """Owners create their own plans as the rules would: in their own
        department, approved by their superior, with nothing evaluated yet.
        Officers create any plan, not evaluated either."""
        evaluated = evaluated_kinds(
            vals,
            (
                ("self", SELF_FIELDS),
                ("manager", MANAGER_FIELDS),
                ("review", REVIEW_FIELDS),
            ),
        )
        if evaluated:
            raise AccessError(
                self.env._(
                    "Plan %s is evaluated once it is carried out, not when it is "
                    "created.",
                    self.display_name,
                )
            )
        if self._is_officer() and not self._is_owner():
            return
        department = self.employee_id.department_id
        if (
            not self._is_owner()
            or self.approver_id != self._find_approver()
            or (self.owner_type == "employee" and self.department_id != department)
            or (
                self.owner_type == "department"
                and self.department_id.manager_id != self.employee_id
            )
        ):
            raise AccessError(
                self.env._(
                    "You can only create plans of your own or of the department "
                    "you manage, approved by your superior."
                )
            )

    @api.model
    def _context_guarded_fields(self):
        return (
            super()._context_guarded_fields()
            | SELF_FIELDS
            | MANAGER_FIELDS
            | (REVIEW_FIELDS)
        )

    def write(self, vals):
        self._check_write_allowed(vals)
        if "score_review" in vals and not self.env.su:
            # the reviewer writes the review score only, which the record
            # rules of a reviewer without the manager role would not allow
            review = {"score_review": vals["score_review"]}
            rest = {name: value for name, value in vals.items() if name not in review}
            result = super().write(rest) if rest else True
            self._check_protected_write(review)
            super(HrWorkPlan, self.sudo()).write(
                {**review, "reviewer_id": self.env.user.id}
            )
            return result
        return super().write(vals)

    def _check_write_allowed(self, vals):
        if self.env.su:
            return
        fnames = set(vals)
        kinds = edit_kinds(
            fnames & self._business_fields(),
            (
                ("officer", OFFICER_FIELDS),
                ("self", SELF_FIELDS),
                ("manager", MANAGER_FIELDS),
                ("review", REVIEW_FIELDS),
            ),
        )
        for plan in self:
            plan_kinds = kinds
            if plan.cycle_id and fnames & CYCLE_FIELDS:
                plan_kinds = kinds | {"officer"}
            if plan_kinds:
                plan._check_can_edit(plan_kinds)

    def _business_fields(self):
        """Fields guarded by role; items and changes guard themselves."""
        return {
            name
            for name, field in self._fields.items()
            if not field.automatic
            and field.type != "one2many"
            and name not in self.env["mail.thread"]._fields
            and name not in self.env["mail.activity.mixin"]._fields
        }

    def _check_can_edit(self, kinds):
        """Raise unless the current user may edit these kinds of data.

        ``kinds``: "content" (what the plan says), "self" (the owner's report
        and self-evaluation), "manager" (the approver's evaluation), "officer"
        (owner and approver). Owners edit content while the plan is a draft and
        their self-evaluation while executing; approvers evaluate while
        assessing; officers do the rest. Nobody edits a done plan, and nobody
        evaluates their own plan."""
        self.ensure_one()
        if self.env.su:
            return
        if self.state in ("done", "cancelled"):
            raise UserError(
                self.env._(
                    "Plan %s is closed; an officer must reopen it first.",
                    self.display_name,
                )
            )
        is_owner = self._is_owner()
        is_officer = self._is_officer() and not is_owner
        if "officer" in kinds and not is_officer:
            raise AccessError(
                self.env._(
                    "Only a work plan officer changes the owner, the approver, "
                    "the cycle, the policy or the period of plan %s.",
                    self.display_name,
                )
            )
        if "manager" in kinds and not (
            (is_officer or self._is_approver()) and self.state == "self_assessed"
        ):
            raise AccessError(
                self.env._(
                    "Only the approver evaluates plan %s, once it is self-assessed.",
                    self.display_name,
                )
            )
        if "review" in kinds and not (
            (is_officer or self._is_reviewer()) and self.state == "self_assessed"
        ):
            raise AccessError(
                self.env._(
                    "Only the next-level superior or the department manager reviews "
                    "plan %s, once it is self-assessed.",
                    self.display_name,
                )
            )
        if "self" in kinds and not (is_owner and self.state == "approved"):
            raise AccessError(
                self.env._(
                    "Only the owner reports on plan %s, while it is carried out.",
                    self.display_name,
                )
            )
        if "content" in kinds and not (
            is_officer or (is_owner and self.state == "draft")
        ):
            raise AccessError(
                self.env._(
                    "Plan %s can be edited by its owner only while it is a draft; "
                    "request a change instead.",
                    self.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_own_drafts(self):
        if self.env.su:
            return
        if self.filtered(lambda plan: plan.state != "draft"):
            raise UserError(self.env._("Only draft plans can be deleted."))
        for plan in self:
            plan._check_can_edit({"content"})

    # ------------------------------------------------------------------
    # workflow

    def _check_total_weight(self):
        for plan in self:
            plan._check_weights(
                [
                    (line.category_id, line.weight)
                    for line in plan.line_ids
                    if not line.display_type and line.completion != "cancelled"
                ]
            )

    def _check_weights(self, rows):
        """Raise unless the items' weights, ``(category, weight)`` rows, satisfy
        the policy: each weighted category with its own full marks on its own
        (routine / key / ad hoc out of 100 each), else the plan's total. Items
        outside the total are not counted."""
        policy = self.policy_id
        rows = [
            (category, weight)
            for category, weight in rows
            if not category or category.counts_in_total
        ]
        per_category = policy.category_ids.filtered(
            lambda category: category.weight and category.points_total
        )
        if not per_category:
            total = sum(weight for _category, weight in rows)
            self._check_total(total, policy.total_points, self.display_name)
        for category in per_category:
            total = sum(
                weight for item_category, weight in rows if item_category == category
            )
            if total:
                self._check_total(
                    total,
                    category.points_total,
                    f"{self.display_name} – {category.name}",
                )

    def _check_total(self, total, required, what):
        """Raise unless ``total`` satisfies the policy's rule against ``required``."""
        cmp = float_compare(total, required, 2)
        if cmp > 0 if self.policy_id.total_rule == "at_most" else cmp != 0:
            message = {
                "exact": self.env._(
                    "The weights of plan %(plan)s total %(total)s; "
                    "they must total exactly %(required)s.",
                    plan=what,
                    total=formatting.number(total),
                    required=formatting.number(required),
                ),
                "at_most": self.env._(
                    "The weights of plan %(plan)s total %(total)s; "
                    "they may total at most %(required)s.",
                    plan=what,
                    total=formatting.number(total),
                    required=formatting.number(required),
                ),
            }[self.policy_id.total_rule]
            raise UserError(message)

    def _check_items_complete(self):
        for plan in self:
            items = plan.line_ids.filtered(lambda line: not line.display_type)
            if not items:
                raise UserError(self.env._("Plan %s has no item.", plan.display_name))
            missing = items.filtered(lambda line: line.weight <= 0)
            if missing:
                raise UserError(
                    self.env._(
                        "Every item of plan %(plan)s needs a weight: %(items)s.",
                        plan=plan.display_name,
                        items=", ".join(missing.mapped("name")),
                    )
                )

    def _check_items_reported(self):
        for plan in self:
            unreported = plan.line_ids.filtered(
                lambda line: not line.display_type and not line.completion
            )
            if unreported:
                raise UserError(
                    self.env._(
                        "Say how far each item of plan %(plan)s got before "
                        "self-assessing: %(items)s.",
                        plan=plan.display_name,
                        items=", ".join(unreported.mapped("name")),
                    )
                )

    def _advance(self, stage):
        """Move to the state reached by ``stage``, stamping the time and
        recording whether the stage came after its deadline."""
        state, stamp, _actor = STAGE_FLOW[stage]
        now = fields.Datetime.now()
        late = self.filtered(
            lambda plan: plan[f"{stage}_deadline"] and plan[f"{stage}_deadline"] < now
        )
        self.sudo().write({"state": state, stamp: now})
        late.sudo().write({f"{stage}_late": True})
        self._close_activities()
        self._schedule_activities()

    def action_submit(self):
        self._ensure_state("draft")
        self._check_role("owner", "officer")
        self._check_items_complete()
        self._check_total_weight()
        self._advance("submit")
        self._notify("hr_work_plan.mail_template_plan_submitted")

    def action_approve(self):
        self._ensure_state("submitted")
        self._check_role("approver", "officer")
        self._freeze_scoring_basis()
        self._advance("approve")
        self._notify("hr_work_plan.mail_template_plan_approved")

    def action_open_reject_wizard(self):
        self._ensure_state("submitted")
        self._check_role("approver", "officer")
        return self._open_reason_wizard("reject")

    def action_reject(self, reason=None):
        """Send submitted plans back to their owners as drafts, saying why."""
        reason = self._optional_reason(reason)
        self._ensure_state("submitted")
        self._check_role("approver", "officer")
        self.sudo().write(
            {"state": "draft", "submitted_on": False, "reject_reason": reason or False}
        )
        self._close_activities()
        self._schedule_activities()
        self._notify("hr_work_plan.mail_template_plan_rejected")

    def action_self_assess(self):
        self._ensure_state("approved")
        self._check_role("owner", "officer")
        self._check_items_reported()
        self._advance("self_assess")

    def action_assess(self):
        self._ensure_state("self_assessed")
        self._check_role("approver", "officer")
        self._check_items_rated()
        self._check_section_maxima()
        self._advance("assess")
        self._assign_final_scores()
        for plan in self:
            plan._tell_owner(
                self.env._(
                    "Your plan has been assessed: %(score)s points, grade %(grade)s.",
                    score=formatting.number(plan.score_final),
                    grade=plan.grade_id.display_name or "–",
                )
            )

    def _tell_owner(self, body):
        """A message for the owner alone, in their inbox or by mail."""
        self.ensure_one()
        partner = self.employee_id.user_id.partner_id
        if partner:
            self.message_post(
                body=body,
                partner_ids=partner.ids,
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
                email_from=self._sender_address(),
            )

    def _check_items_rated(self):
        """With a score table, every item carried out needs its efficiency and
        quality: an item without them would silently score 0."""
        for plan in self:
            if not plan._basis().has_matrix:
                continue
            unrated = plan.line_ids.filtered(
                lambda line: not line.display_type
                and line.line_type == "task"
                and line.completion in ("done", "partial")
                and not (line.efficiency and line.quality)
            )
            if unrated:
                raise UserError(
                    self.env._(
                        "Rate the efficiency and quality of each item of plan "
                        "%(plan)s before assessing it: %(items)s.",
                        plan=plan.display_name,
                        items=", ".join(unrated.mapped("name")),
                    )
                )

    def action_back_to_assessment(self):
        """Take an assessment back to correct it, until an officer validates
        the plan."""
        self._check_may("correct")
        self.sudo().write(
            {
                "state": "self_assessed",
                "assessed_on": False,
                "grade_id": False,
                "coefficient": 0.0,
            }
        )
        self._close_activities()
        self._schedule_activities()

    def action_done(self):
        self._ensure_state("assessed")
        self._check_role("officer")
        self._advance("report")

    def action_open_reopen_wizard(self):
        self._check_may("reopen")
        return self._open_reason_wizard("reopen")

    def action_reopen(self, reason=None):
        """Reopen done plans for a new assessment, cancelled ones as drafts.
        Officers only, and always with a reason."""
        reason = self._require_reason(reason)
        self._check_may("reopen")
        done = self.filtered(lambda plan: plan.state == "done")
        done.sudo().write({"state": "self_assessed", "done_on": False})
        (self - done).sudo().write({"state": "draft", "scoring_basis": False})
        self._message_log_batch(
            bodies=dict.fromkeys(self.ids, self.env._("Reopened: %s", reason))
        )
        self._schedule_activities()

    def action_open_rescore_wizard(self):
        self._check_may("rescore")
        return self._open_reason_wizard("rescore")

    def action_rescore(self, reason=None):
        """Score plans again under their policy as it is now, instead of as it
        was when they were approved. Officers only, with a reason; assessed
        plans get their final score and grade again."""
        reason = self._require_reason(reason)
        self._check_may("rescore")
        self._freeze_scoring_basis()
        self.filtered(lambda plan: plan.state == "assessed")._assign_final_scores()
        self._message_log_batch(
            bodies=dict.fromkeys(
                self.ids, self.env._("Scored again under the policy: %s", reason)
            )
        )

    def action_cancel(self):
        self._check_may("cancel")
        self.sudo().write({"state": "cancelled"})
        self._close_activities()

    def _notify(self, template_xmlid):
        """Tell the followers; a sender without an email address writes from
        the company's, so that a notification never blocks a step."""
        self.message_post_with_source(
            self.env.ref(template_xmlid),
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.user.partner_id.id,
            email_from=self._sender_address(),
        )

    def _sender_address(self):
        return (
            self.env.user.email_formatted
            or self.env.company.email_formatted
            or self.env["ir.mail_server"]._get_default_from_address()
            or self.env.ref("base.partner_root").email_formatted
        )

    def action_appeal(self):
        """Open a new appeal against this plan's assessment."""
        self.ensure_one()
        refusal = self.env["hr.work.plan.appeal"]._appeal_refusal(self)
        if refusal:
            raise refusal
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.work.plan.appeal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def action_view_changes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_work_plan.hr_work_plan_change_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    # ------------------------------------------------------------------
    # activities and deadlines

    def _next_actor(self):
        """User who must act next on the plan, and the stage."""
        self.ensure_one()
        stage = PENDING_STAGE.get(self.state)
        if not stage:
            return self.env["res.users"], False
        actor = STAGE_FLOW[stage][2]
        user = {
            "owner": self.employee_id.user_id,
            "approver": self.approver_id.user_id,
        }.get(actor, self.env["res.users"])
        return user, stage

    def action_send_reminders(self):
        """Give whoever must act next on the plans a to-do now, due at the
        stage's deadline, unless they have one."""
        self._check_role("officer")
        todos = self._schedule_activities()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._("%s reminders sent.", len(todos)),
            },
        }

    def _close_activities(self):
        self.activity_unlink([ACTIVITY_TYPE])

    def _schedule_activities(self, horizon=None):
        """Give whoever must act next one to-do, due at the stage deadline.

        ``horizon``: only for deadlines before this datetime (the cron's
        reminders); by default for every plan. Existing to-dos are kept."""
        stage_labels = dict(
            self.env["hr.work.plan.deadline"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        today = fields.Date.context_today(self)
        todos = []
        for plan in self:
            user, stage = plan._next_actor()
            deadline = stage and plan[f"{stage}_deadline"]
            if not user or (horizon and (not deadline or deadline > horizon)):
                continue
            due = (deadline or fields.Datetime.now()).date()
            summary = stage_labels[stage]
            if due < today:
                summary = self.env._(
                    "%(stage)s (overdue since %(date)s)",
                    stage=summary,
                    date=format_date(self.env, due),
                )
            todos.append((plan, user, summary, due))
        return self._add_missing_activities(todos)

    def _record_lateness(self, now):
        """Flag every stage whose deadline passed while it is still pending:
        one UPDATE per stage, of the plans not flagged yet. Plans another
        transaction is writing are left alone, not waited for.

        Returns the plans flagged and the plans left alone."""
        flagged = busy = self.browse()
        for stage, _label in STAGES:
            overdue = self.search(
                expression.AND([[("id", "in", self.ids)], overdue_domain(stage, now)])
            )
            free = overdue._lock_free()
            busy |= overdue - free
            flagged |= free
            free.sudo().write({f"{stage}_late": True})
        return flagged, busy

    def _lock_free(self):
        """The plans no other transaction is writing, locked until this one
        ends; those being edited right now are skipped."""
        if not self:
            return self
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                tuple(self.ids),
            ),
            log_exceptions=False,
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _deadline_job_domain(self, now, horizon):
        """Open plans with a stage to flag late or a deadline to remind of."""
        return expression.AND(
            [
                [
                    ("state", "not in", ("done", "cancelled")),
                    ("next_deadline", "!=", False),
                ],
                expression.OR(
                    [[("next_deadline", "<=", horizon)]]
                    + [overdue_domain(stage, now) for stage, _label in STAGES]
                ),
            ]
        )

    def _deadline_batch(self, now, horizon):
        """Lateness and reminders of these plans in one savepoint, given up
        whole if it clashes with another transaction. Returns the number of
        plans changed, and of plans left for a later run."""
        try:
            with self.env.cr.savepoint():
                flagged, busy = self._record_lateness(now)
                todos = self._schedule_activities(horizon=horizon)
        except CONCURRENCY_ERRORS as error:
            _logger.info(
                "Deadlines of %s plans left for the next run: %s",
                len(self),
                error.pgerror or error,
            )
            return 0, len(self)
        return len(flagged | self.browse(todos.mapped("res_id"))), len(busy)

    def _cron_plan_deadlines(self, batch_size=DEADLINE_BATCH_SIZE):
        """Daily: record lateness and remind whoever must act next. Idempotent.
        Called on plans, for those only; on the model, for every open plan.

        Works by batches of plans. A batch that conflicts with someone editing
        its plans is given up, not the run, and a plan being edited is
        skipped rather than waited for. When the scheduler runs the job, each
        batch commits on its own and the job reports how many plans it left:
        the scheduler then runs it again at once. Called otherwise (tests,
        scripts, other code), it commits nothing."""
        now = fields.Datetime.now()
        horizon = datetime.combine(now.date() + timedelta(days=REMINDER_DAYS), time.max)
        domain = self._deadline_job_domain(now, horizon)
        if self:
            domain = expression.AND([domain, [("id", "in", self.ids)]])
        plans = self.search(domain, order="id")
        cron = self.env["ir.cron"]
        commit = bool(self.env.context.get("ir_cron_progress_id")) and not getattr(
            threading.current_thread(), "testing", False
        )
        changed = left = seen = 0
        for batch in split_every(batch_size, plans.ids, self.browse):
            batch_changed, batch_left = batch._deadline_batch(now, horizon)
            changed += batch_changed
            left += batch_left
            seen += len(batch)
            if commit:
                cron._notify_progress(done=changed, remaining=left + len(plans) - seen)
                # the scheduler's own cursor, between batches: what is done stays
                self.env.cr.commit()  # pylint: disable=invalid-commit
        # plans changed rather than seen: a run again that changes nothing ends
        cron._notify_progress(done=changed, remaining=left)
