# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import index_exists

from ..tools import formatting
from .hr_work_plan_indicator import OUTSIDE_TOTAL_TYPES
from .hr_work_plan_policy import OWNER_TYPES, PERIOD_LENGTH

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
# plans an officer may score again under their policy as it is now
RESCORABLE_STATES = ("approved", "self_assessed", "assessed")

_logger = logging.getLogger(__name__)


def owner_key(owner_type, employee, department):
    """Who a plan belongs to: a department for department plans, else an employee."""
    if owner_type == "department":
        return ("department", department.id)
    return ("employee", employee.id)


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
    score_reviewed = fields.Float(
        aggregator="avg",
        string="Reviewed Score",
        tracking=True,
        copy=False,
        readonly=True,
        help="The score the review of the assessment route gave in place of "
        "the approver's, who stays on record beside it.",
    )
    review_reason = fields.Text(
        string="Why the Review Changed the Score",
        tracking=True,
        copy=False,
        readonly=True,
    )
    grade_id = fields.Many2one(
        "hr.work.plan.grade", tracking=True, copy=False, readonly=True, index=True
    )
    coefficient = fields.Float(
        tracking=True, copy=False, readonly=True, aggregator="avg"
    )
    # what the grade brings beyond the coefficient, read from the grade
    pay_change_percent = fields.Float(related="grade_id.pay_change_percent")
    raise_percent = fields.Float(related="grade_id.raise_percent")
    salary_step = fields.Integer(related="grade_id.salary_step")
    training_required = fields.Boolean(related="grade_id.training_required")
    improvement_plan_required = fields.Boolean(
        related="grade_id.improvement_plan_required"
    )
    department_coefficient = fields.Float(
        aggregator="avg",
        copy=False,
        readonly=True,
        help="Coefficient of the department plan that multiplied this one's.",
    )
    rank = fields.Integer(
        copy=False,
        readonly=True,
        help="Rank by final score in the closed cycle; a disqualified plan has none.",
    )
    has_task_items = fields.Boolean(compute="_compute_item_kinds")
    has_indicator_items = fields.Boolean(compute="_compute_item_kinds")
    disqualified = fields.Boolean(
        compute="_compute_disqualified",
        store=True,
        help="A veto item was vetoed: the final score is 0, the grade the "
        "lowest, and the plan is left out of the ranking.",
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

    def _compute_change_count(self):
        counts = dict(
            self.env["hr.work.plan.change"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.change_count = counts.get(plan, 0)

    @api.depends("line_ids.unfinished_without_change")
    def _compute_unfinished_count(self):
        for plan in self:
            plan.unfinished_count = len(
                plan.line_ids.filtered("unfinished_without_change")
            )

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
    # workflow

    def _items_by_plan(self):
        """The items (not sections or notes) of each plan, read in one go."""
        items = self.line_ids.filtered(lambda line: not line.display_type)
        by_plan = items.grouped("plan_id")
        return {plan: by_plan.get(plan, items.browse()) for plan in self}

    def _check_items_complete(self):
        for plan, items in self._items_by_plan().items():
            if not items:
                raise UserError(self.env._("Plan %s has no item.", plan.display_name))
            missing = items.filtered(
                lambda line: line.weight <= 0
                and line.line_type not in OUTSIDE_TOTAL_TYPES
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Every item of plan %(plan)s needs a weight: %(items)s.",
                        plan=plan.display_name,
                        items=", ".join(missing.mapped("name")),
                    )
                )

    def _check_items_reported(self):
        for plan, items in self._items_by_plan().items():
            unreported = items.filtered(
                lambda line: line.line_type == "task" and not line.completion
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

    def _write_in_one_statement(self, fnames, update):
        """Run ``update``, an SQL UPDATE of ``fnames`` (with write_uid and
        write_date) of these plans, and leave the ORM as a write of them
        would: their pending values flushed first, the tracked ones tracked,
        the cache invalidated and what depends on them recomputed. For the
        batch steps of a whole company, which the ORM writes a hundred rows
        at a time."""
        written = [*fnames, "write_uid", "write_date"]
        self.flush_recordset(written)
        self._track_prepare(fnames)
        self.env.cr.execute(update)
        self.invalidate_recordset(written)
        self.modified(written)

    def _rank_and_finish(self, ranks):
        """Give each plan its rank in ``ranks`` ({plan id: rank}, 0 when
        missing) and report the assessed ones done, as the close does for a
        whole company at once, in one statement."""
        if not self:
            return
        assessed = self.filtered(lambda plan: plan.state == "assessed")
        now = fields.Datetime.now()
        late = assessed.filtered(
            lambda plan: plan.report_deadline and plan.report_deadline < now
        )
        self._write_in_one_statement(
            ["rank", "state", "done_on"],
            SQL(
                """
                UPDATE hr_work_plan AS plan
                   SET rank = new.rank,
                       state = CASE WHEN plan.state = 'assessed'
                                    THEN 'done' ELSE plan.state END,
                       done_on = CASE WHEN plan.state = 'assessed'
                                      THEN %(now)s ELSE plan.done_on END,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM unnest(%(ids)s::int[], %(ranks)s::int[]) AS new(id, rank)
                 WHERE plan.id = new.id
                """,
                now=now,
                uid=self.env.uid,
                ids=self.ids,
                ranks=[ranks.get(plan_id, 0) for plan_id in self.ids],
            ),
        )
        late.sudo().write({"report_late": True})
        assessed._close_activities()
        assessed._schedule_activities()

    def _advance_with_notice(self, stage, template_xmlid):
        self._quietly()._advance(stage)
        self._notify(template_xmlid)

    def action_submit(self):
        self._ensure_state("draft")
        self._check_role("owner", "officer")
        self._check_items_complete()
        self._check_total_weight()
        routed = self._open_routes()
        routed._quietly()._advance("submit")
        (self - routed)._advance_with_notice(
            "submit", "hr_work_plan.mail_template_plan_submitted"
        )
        routed._sync_route_todos()

    def action_approve(self):
        """Approve submitted plans, and confirm the scores of plans under
        review: as their approver, or by deciding the current user's step of
        their route, which moves a plan on once its last step does. Plans of
        a route where the user has nothing to decide are left as they are,
        and the result says which."""
        single, routed = self._split_for_decision()
        single._check_role("approver", "officer")
        ended, missing = routed._decide_routes("approved")
        # the people of a route may only read the plan: its last step moves it
        ended = ended.sudo()
        for approved in (single, ended.filtered(lambda p: p.state == "submitted")):
            approved._freeze_scoring_basis()
            approved._advance_with_notice(
                "approve", "hr_work_plan.mail_template_plan_approved"
            )
        ended.filtered(lambda p: p.state == "self_assessed")._finish_assessment()
        return self._decisions_result(missing)

    def _split_for_decision(self):
        """Submitted plans their single approver decides, and the plans a
        route decides: submitted on a route, or self-assessed under review."""
        self._ensure_state("submitted", "self_assessed")
        assessed = self.filtered(lambda plan: plan.state == "self_assessed")
        waiting = assessed.filtered(lambda plan: not plan.under_review)
        if waiting:
            raise UserError(
                self.env._(
                    "%s waits for its assessment, not for a decision.",
                    ", ".join(waiting.mapped("display_name")),
                )
            )
        routed = self._routed()
        return self - routed, routed

    def action_open_reject_wizard(self):
        single, routed = self._split_for_decision()
        single._check_role("approver", "officer")
        routed._check_decides_routes()
        return self._open_reason_wizard("reject")

    def action_reject(self, reason=None):
        """Send submitted plans back to their owners as drafts, saying why:
        as their approver, or by refusing the current user's step of their
        route, which refuses the plan. A refused review sends the scores back
        to the approver."""
        reason = self._optional_reason(reason)
        single, routed = self._split_for_decision()
        single._check_role("approver", "officer")
        ended, missing = routed._decide_routes("refused", reason)
        ended = ended.sudo()
        for refused in (single, ended.filtered(lambda p: p.state == "submitted")):
            refused._send_back(reason)
        ended.filtered(lambda p: p.state == "self_assessed")._send_back_to_approver(
            reason
        )
        return self._decisions_result(missing)

    def _send_back(self, reason):
        self.sudo().write(
            {"state": "draft", "submitted_on": False, "reject_reason": reason or False}
        )
        self._close_activities()
        self._quietly()._schedule_activities()
        self._notify("hr_work_plan.mail_template_plan_rejected")

    def action_self_assess(self):
        self._ensure_state("approved")
        self._check_role("owner", "officer")
        self._check_items_reported()
        self._advance("self_assess")

    def action_assess(self):
        """Give self-assessed plans their final score and grade; where the
        policy routes assessments, the reviewers confirm or change the
        scores first."""
        self._ensure_state("self_assessed")
        self._check_role("approver", "officer")
        self._check_not_under_review()
        self._check_items_rated()
        self._check_section_maxima()
        self.filtered("review_reason").sudo().write(
            {"score_reviewed": 0.0, "review_reason": False}
        )
        reviewed = self._open_routes()
        reviewed._close_activities()
        reviewed._sync_route_todos()
        reviewed._message_log_batch(
            bodies=dict.fromkeys(
                reviewed.ids, self.env._("Assessed; the scores go for review.")
            )
        )
        (self - reviewed)._finish_assessment()

    def _finish_assessment(self):
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

    def action_open_review_wizard(self):
        self._check_reviews()
        action = self._open_reason_wizard("review")
        action["context"]["default_revised_score"] = self._approver_score()
        return action

    def action_review_scores(self, score, reason=None):
        """Change the score of a plan under review, saying why, and so decide
        the current user's step of its assessment route: the reviewed score
        stands in for the approver's, which stays on record."""
        reason = self._require_reason(reason)
        self._check_reviews()
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise UserError(self.env._("Give the reviewed score as a number."))
        self.sudo().write({"score_reviewed": score, "review_reason": reason})
        ended, _missing = self._decide_routes("approved", reason)
        ended.sudo()._finish_assessment()

    def _check_reviews(self):
        """Raise unless the plan is under review with a step of the current
        user's."""
        self.ensure_one()
        if not self.under_review:
            raise UserError(
                self.env._("Plan %s is not under review.", self.display_name)
            )
        self._check_decides_routes()

    def _send_back_to_approver(self, reason):
        """The review refused the scores: the approver assesses again."""
        self._message_log_batch(
            bodies=dict.fromkeys(
                self.ids,
                self.env._("The review sent the scores back: %s", reason or "–"),
            )
        )
        self._close_activities()
        self._schedule_activities()

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
        self._cancel_open_routes()
        self._close_activities()

    def _notify(self, template_xmlid):
        """Tell the followers; a sender without an email address writes from
        the company's, so that a notification never blocks a step."""
        if not self:
            return
        # one composer renders the template for every plan at once
        self.env["mail.compose.message"].with_context(
            default_composition_mode="comment",
            default_model=self._name,
            default_res_ids=self.ids,
            default_template_id=self.env.ref(template_xmlid).id,
        ).create(
            {
                "message_type": "notification",
                "subtype_id": self.env.ref("mail.mt_comment").id,
                "author_id": self.env.user.partner_id.id,
                "email_from": self._sender_address(),
            }
        )._action_send_mail()

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
