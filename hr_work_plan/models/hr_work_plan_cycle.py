# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from psycopg2 import errors

from odoo import Command, api, fields, models
from odoo.exceptions import RedirectWarning, UserError, ValidationError
from odoo.tools import SQL

from ..tools import scoring
from .hr_work_plan import PLAN_STATES, owner_key
from .hr_work_plan_policy import PERIOD_LENGTH

CYCLE_STATES = [
    ("draft", "Draft"),
    ("planning", "Planning"),
    ("executing", "Executing"),
    ("assessing", "Assessing"),
    ("closed", "Closed"),
]
CARRIED_FIELDS = ("name", "deliverable", "weight", "line_type", "responsible_id")
# a generated plan creates no chatter message each: the cycle logs one
QUIET_CREATE = {
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "tracking_disable": True,
}
# what the cycle's stat buttons open, and the one that lists late plans
PLAN_VIEW_MODES = ("list", "kanban", "form")
LATE = "late"


def period_name(period_type, date_from):
    """The name of the cycle of a period starting on ``date_from``: 2026-12
    for a month, 2026-W49 for an ISO week, 2026-Q4, 2026-H2, 2026."""
    if period_type == "week":
        year, week, _weekday = date_from.isocalendar()
        return f"{year}-W{week:02d}"
    if period_type == "quarter":
        return f"{date_from.year}-Q{(date_from.month - 1) // 3 + 1}"
    if period_type == "half_year":
        return f"{date_from.year}-H{(date_from.month - 1) // 6 + 1}"
    if period_type == "year":
        return str(date_from.year)
    return f"{date_from.year}-{date_from.month:02d}"


class HrWorkPlanCycle(models.Model):
    _name = "hr.work.plan.cycle"
    _description = "Work Plan Cycle"
    _inherit = [
        "hr.work.plan.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hr.work.plan.state.mixin",
    ]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_type = fields.Selection(related="policy_id.period_type")
    policy_forced_distribution = fields.Boolean(related="policy_id.forced_distribution")
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(
        compute="_compute_date_to",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    state = fields.Selection(
        CYCLE_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    plan_ids = fields.One2many("hr.work.plan", "cycle_id", string="Plans")
    plan_count = fields.Integer(compute="_compute_plan_counts")
    late_count = fields.Integer(compute="_compute_plan_counts")
    draft_count = fields.Integer(compute="_compute_plan_counts")
    submitted_count = fields.Integer(compute="_compute_plan_counts")
    approved_count = fields.Integer(compute="_compute_plan_counts")
    self_assessed_count = fields.Integer(compute="_compute_plan_counts")
    assessed_count = fields.Integer(compute="_compute_plan_counts")
    done_count = fields.Integer(compute="_compute_plan_counts")
    cancelled_count = fields.Integer(compute="_compute_plan_counts")
    distribution_override = fields.Text(
        readonly=True,
        copy=False,
        tracking=True,
        help="Why the cycle closed although grades exceeded their quotas.",
    )
    ranked_plan_ids = fields.One2many(
        "hr.work.plan",
        "cycle_id",
        string="Ranking",
        domain=[("state", "=", "done")],
        readonly=True,
    )
    distribution_html = fields.Html(
        string="Grade Distribution", compute="_compute_distribution_html"
    )

    # _check_one_cycle_per_period names the policy and date; this one also
    # holds when cycles are created at once, each searching before the
    # others commit
    _sql_constraints = [
        (
            "policy_date_from_uniq",
            "unique(policy_id, date_from)",
            "A policy has one cycle per period: this one already exists.",
        ),
    ]

    @api.depends("date_from", "policy_id.period_type")
    def _compute_date_to(self):
        for cycle in self.filtered(lambda cycle: cycle.date_from and cycle.policy_id):
            length = PERIOD_LENGTH[cycle.policy_id.period_type]
            cycle.date_to = cycle.date_from + length - relativedelta(days=1)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        self._check_period_order()

    @api.constrains("policy_id", "date_from")
    def _check_one_cycle_per_period(self):
        self._check_periods_free(
            [(cycle.policy_id, cycle.date_from) for cycle in self], exclude_ids=self.ids
        )

    def _prepare_create_values(self, vals_list):
        # the unique constraint refuses a second cycle when it is inserted,
        # before _check_one_cycle_per_period could say which one exists:
        # check the values first
        vals_list = super()._prepare_create_values(vals_list)
        self._check_periods_free(
            [
                (
                    self.env["hr.work.plan.policy"].browse(vals["policy_id"]),
                    fields.Date.to_date(vals["date_from"]),
                )
                for vals in vals_list
                if vals.get("policy_id") and vals.get("date_from")
            ]
        )
        return vals_list

    @api.model
    def _check_periods_free(self, periods, exclude_ids=()):
        """Raise unless no cycle other than ``exclude_ids`` has one of the
        ``periods`` — (policy, date from) — and none of them comes twice."""
        if not periods:
            return
        others = self.sudo().search(
            [
                ("id", "not in", list(exclude_ids)),
                ("policy_id", "in", list({policy.id for policy, _date in periods})),
                ("date_from", "in", list({date for _policy, date in periods})),
            ]
        )
        taken = {(cycle.policy_id, cycle.date_from) for cycle in others}
        for policy, date_from in periods:
            if (policy, date_from) in taken:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s already has a cycle from %(date)s.",
                        policy=policy.name,
                        date=date_from,
                    )
                )
            taken.add((policy, date_from))

    @api.constrains("policy_id", "company_id")
    def _check_policy_company(self):
        for cycle in self:
            if cycle.policy_id.company_id != cycle.company_id:
                raise ValidationError(
                    self.env._("A cycle belongs to the company of its policy.")
                )

    def _compute_plan_counts(self):
        groups = self.env["hr.work.plan"]._read_group(
            [("cycle_id", "in", self.ids)], ["cycle_id", "state"], ["__count"]
        )
        late = dict(
            self.env["hr.work.plan"]._read_group(
                [("cycle_id", "in", self.ids), ("is_late", "=", True)],
                ["cycle_id"],
                ["__count"],
            )
        )
        counts = {(cycle, state): count for cycle, state, count in groups}
        for cycle in self:
            total = 0
            for state, _label in PLAN_STATES:
                count = counts.get((cycle, state), 0)
                cycle[f"{state}_count"] = count
                total += count
            cycle.plan_count = total
            cycle.late_count = late.get(cycle, 0)

    def _compute_distribution_html(self):
        groups = self.env["hr.work.plan"]._read_group(
            [("cycle_id", "in", self.ids), ("grade_id", "!=", False)],
            ["cycle_id", "grade_id"],
            ["__count"],
        )
        counts = {(cycle, grade): count for cycle, grade, count in groups}
        for cycle in self:
            graded = sum(
                count for (counted, _grade), count in counts.items() if counted == cycle
            )
            rows = [
                (
                    grade.display_name,
                    counts.get((cycle, grade), 0),
                    graded and 100.0 * counts.get((cycle, grade), 0) / graded,
                    grade.quota_percent,
                )
                for grade in cycle.policy_id.grade_ids
            ]
            cycle.distribution_html = self.env["ir.qweb"]._render(
                "hr_work_plan.cycle_distribution_table", {"rows": rows}
            )

    # ------------------------------------------------------------------
    # stages

    def action_start_planning(self):
        self._ensure_state("draft")
        self._move_to("planning")

    def action_start_execution(self):
        """Plans not approved yet keep going: the officer is told how many."""
        self._ensure_state("planning")
        self._move_to("executing")
        return self._warn_plans_behind(("draft", "submitted"))

    def action_start_assessment(self):
        self._ensure_state("executing")
        self._move_to("assessing")
        return self._warn_plans_behind(("draft", "submitted", "approved"))

    def _warn_plans_behind(self, states):
        """A sticky warning counting the plans still in ``states``, if any."""
        counts = dict(
            self.env["hr.work.plan"]._read_group(
                [("cycle_id", "in", self.ids), ("state", "in", states)],
                ["state"],
                ["__count"],
            )
        )
        if not counts:
            return True
        labels = dict(
            self.env["hr.work.plan"]._fields["state"]._description_selection(self.env)
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "title": self.env._("Plans still behind"),
                "message": self.env._(
                    "%s: they go on, and their deadlines count as before.",
                    ", ".join(
                        f"{labels[state]} {counts[state]}"
                        for state in states
                        if state in counts
                    ),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_close(self, override_reason=None):
        """Finalise every plan: grades and coefficients, department results,
        forced-distribution quotas (an officer may override them with a
        reason), ranking; then lock the plans and close the cycle."""
        self.check_access("write")
        override_reason = self._optional_reason(override_reason)
        self._ensure_state("planning", "executing", "assessing")
        self._check_results_signed()
        for cycle in self:
            cycle._close(override_reason)

    def action_open_override_wizard(self):
        self._ensure_state("planning", "executing", "assessing")
        return self._open_reason_wizard("override")

    def _close(self, override_reason):
        policy = self.policy_id
        if not policy.grade_ids:
            raise UserError(
                self.env._(
                    "Policy %s has no grades: define them before closing a cycle.",
                    policy.display_name,
                )
            )
        policy._check_grade_bands()
        plans = self.plan_ids.filtered(lambda plan: plan.state != "cancelled")
        self._check_all_assessed(plans)
        plans._assign_final_scores()
        plans._apply_department_coefficients()
        excess = self._distribution_excess(plans) if policy.forced_distribution else []
        if excess and not override_reason:
            raise UserError(
                self.env._(
                    "Grades exceed their quotas: %s. Change the assessments, or "
                    "close with a reason to override the quotas.",
                    "; ".join(excess),
                )
            )
        ranks = scoring.rank(
            {plan.id: plan.score_final for plan in plans if not plan.disqualified}
        )
        plans._rank_and_finish(ranks)
        values = {}
        if excess:
            values["distribution_override"] = self.env._(
                "%(reason)s (over quota: %(excess)s)",
                reason=override_reason,
                excess="; ".join(excess),
            )
        self._move_to("closed", **values)
        owners = plans.employee_id.user_id.partner_id
        if owners:
            self.message_post(
                body=self.env._(
                    "Cycle %s is closed: each plan shows its final score, grade "
                    "and rank.",
                    self.display_name,
                ),
                partner_ids=owners.ids,
                subtype_xmlid="mail.mt_note",
            )

    def _check_all_assessed(self, plans):
        waiting = plans.filtered(lambda plan: plan.state not in ("assessed", "done"))
        if waiting:
            raise RedirectWarning(
                self.env._(
                    "%(count)s plans are not assessed yet: %(plans)s.",
                    count=len(waiting),
                    plans=", ".join(waiting[:10].mapped("display_name"))
                    + ("…" if len(waiting) > 10 else ""),
                ),
                {
                    "type": "ir.actions.act_window",
                    "name": self.env._("Plans not assessed yet"),
                    "res_model": "hr.work.plan",
                    "view_mode": "list,form",
                    "views": [(False, "list"), (False, "form")],
                    "domain": [("id", "in", waiting.ids)],
                },
                self.env._("Show these plans"),
            )

    def _distribution_excess(self, plans):
        """Readable lines for each grade given beyond its quota."""
        quotas = {
            grade.code: grade.quota_percent
            for grade in self.policy_id.grade_ids
            if grade.quota_percent
        }
        groups = defaultdict(list)
        for plan in plans:
            scope = (
                plan.department_id.display_name
                if self.policy_id.distribution_scope == "department"
                else self.policy_id.display_name
            )
            groups[scope].append(plan.grade_id.code)
        return [
            self.env._(
                "%(scope)s: %(grade)s given %(count)s times, at most %(allowed)s",
                scope=scope,
                grade=code,
                count=count,
                allowed=allowed,
            )
            for scope, grades in sorted(groups.items())
            for code, (count, allowed) in scoring.quota_excess(grades, quotas).items()
        ]

    def action_view_indicators(self):
        """The indicator items of the cycle's plans, to enter or import their
        actuals in one list."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Indicators of %s", self.display_name),
            "res_model": "hr.work.plan.line",
            "view_mode": "list",
            "views": [
                (
                    self.env.ref(
                        "hr_work_plan.hr_work_plan_line_view_list_indicator"
                    ).id,
                    "list",
                )
            ],
            "search_view_id": self.env.ref(
                "hr_work_plan.hr_work_plan_line_view_search_indicator"
            ).id,
            "domain": [
                ("plan_id.cycle_id", "=", self.id),
                ("line_type", "!=", "task"),
                ("display_type", "=", False),
            ],
            "context": {"search_default_to_enter": 1},
        }

    def action_view_actuals(self):
        """The actuals entered for the cycle, where a spreadsheet of them
        (employee, indicator, actual) is imported."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Actuals of %s", self.display_name),
            "res_model": "hr.work.plan.indicator.actual",
            "view_mode": "list",
            "domain": [("cycle_id", "=", self.id)],
            "context": {"default_cycle_id": self.id},
        }

    def action_view_plans(self):
        """The cycle's plans, in list, kanban and form views. A stat button
        narrows them with ``plan_state`` in its context: a plan state, or
        ``late`` for the plans flagged late."""
        self.ensure_one()
        plan_state = self.env.context.get("plan_state")
        labels = dict(
            self.env["hr.work.plan"]._fields["state"]._description_selection(self.env)
        )
        domain = [("cycle_id", "=", self.id)]
        if not plan_state:
            name = self.env._("Plans of %s", self.display_name)
        elif plan_state == LATE:
            domain.append(("is_late", "=", True))
            name = self.env._("Late plans of %s", self.display_name)
        elif isinstance(plan_state, str) and plan_state in labels:
            domain.append(("state", "=", plan_state))
            name = self.env._(
                "%(state)s plans of %(cycle)s",
                state=labels[plan_state],
                cycle=self.display_name,
            )
        else:
            raise UserError(self.env._("%s is not a state of work plans.", plan_state))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_work_plan.hr_work_plan_action_all"
        )
        # the web client names the breadcrumb after display_name
        action.update(
            name=name,
            display_name=name,
            domain=domain,
            view_mode=",".join(PLAN_VIEW_MODES),
            views=[
                (view_id, mode)
                for view_id, mode in action["views"]
                if mode in PLAN_VIEW_MODES
            ],
            context={"default_cycle_id": self.id, "search_default_open": 0},
        )
        return action

    # ------------------------------------------------------------------
    # next cycle

    def action_open_next_cycle(self):
        """Open the cycle of the period after this one, with the same policy
        and company; create it first when there is none yet."""
        self.ensure_one()
        if not self.browse().has_access("create"):
            raise UserError(
                self.env._("Only work plan officers open the next cycle of a policy.")
            )
        self._ensure_state("planning", "executing", "assessing", "closed")
        date_from = self.date_from + PERIOD_LENGTH[self.policy_id.period_type]
        cycle = self.search(
            [("policy_id", "=", self.policy_id.id), ("date_from", "=", date_from)],
            limit=1,
        )
        if not cycle:
            if not self.policy_id.active:
                raise UserError(
                    self.env._(
                        "Policy %s is archived: restore it before opening its "
                        "next cycle.",
                        self.policy_id.display_name,
                    )
                )
            cycle = self.create(
                {
                    "name": period_name(self.policy_id.period_type, date_from),
                    "policy_id": self.policy_id.id,
                    "company_id": self.company_id.id,
                    "date_from": date_from,
                }
            )
        return cycle._form_action()

    # ------------------------------------------------------------------
    # plan generation

    def action_generate_plans(self):
        """One draft plan per in-scope owner who has none yet, with last
        period's unfinished items carried over. Running it again creates
        nothing new."""
        self.check_access("write")
        self._lock_for_generation()
        self._ensure_state("draft", "planning")
        plans = self.env["hr.work.plan"]
        for cycle in self:
            plans |= cycle._generate_plans()
        return plans

    def _lock_for_generation(self):
        """Hold the cycles until this transaction ends, or refuse at once if
        another one is generating their plans: who has no plan yet is only
        known while no one else adds plans, and a worker waiting for the
        lock would be stuck as long as the other generation runs.

        Taking the lock also stamps the cycles: a transaction that read them
        before this one commits fails to take them with a serialization
        error, which Odoo retries, and the retry sees the new plans. A lock
        alone would let it through with its old view of the plans."""
        if not self:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        """
                        UPDATE %(table)s SET write_date = %(now)s, write_uid = %(uid)s
                         WHERE id IN (SELECT id FROM %(table)s WHERE id IN %(ids)s
                                        FOR NO KEY UPDATE NOWAIT)
                        """,
                        table=SQL.identifier(self._table),
                        now=self.env.cr.now(),
                        uid=self.env.uid,
                        ids=tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
        except errors.LockNotAvailable:
            raise UserError(
                self.env._(
                    "Plans of %s are being generated right now by someone else. "
                    "Wait until it is done, then reload the cycle.",
                    ", ".join(self.mapped("display_name")),
                )
            ) from None
        self.invalidate_recordset(["write_date", "write_uid"])

    def _generate_plans(self):
        self.ensure_one()
        owners = self._owners_without_plan()
        if not owners:
            return self.env["hr.work.plan"]
        carried = self._items_to_carry_over(owners)
        month_plans = self._month_plans(owners)
        # jobs are HR's records, read here only to match the templates
        templates = self.policy_id.sudo().template_ids
        values = [
            self._plan_values(owner_type, employee, department, carried, month_plans)
            for owner_type, employee, department in owners
        ]
        for (_owner_type, employee, department), plan_values in zip(
            owners, values, strict=True
        ):
            template = self._template_for(templates, employee, department)
            if template:
                plan_values["line_ids"][:0] = [
                    Command.create(item) for item in template._item_values()
                ]
        # the officer may write the cycle (checked); carrying items over reads
        # and links earlier plans of the owners, which only the workflow does
        plans = (
            self.env["hr.work.plan"]
            .sudo()
            .with_context(**QUIET_CREATE)
            .create(values)
            .sudo(False)
        )
        self._subscribe_owners_and_approvers(plans)
        # a plan generated after its submit deadline is late at once, and each
        # owner finds the plan to write among their to-dos (no mail each: the
        # cycle's message and the to-do say it)
        plans._record_lateness(fields.Datetime.now())
        plans.with_context(mail_activity_quick_update=True)._schedule_activities()
        if self.state == "draft":
            self._move_to("planning")
        self.message_post(
            body=self.env._("%s plans generated.", len(plans)),
            subtype_xmlid="mail.mt_note",
        )
        return plans

    @api.model
    def _template_for(self, templates, employee, department):
        """The template fitting an owner best: one of its job and department
        before one of its job, before one of its department, before one for
        all; the first by sequence among equals."""
        fits = [
            (template._fit(employee, department), template) for template in templates
        ]
        best = max((fit for fit, _template in fits), default=0)
        return next((template for fit, template in fits if fit and fit == best), None)

    def _owners_without_plan(self):
        """(owner type, employee, department) for every in-scope owner
        without a plan of this policy and period."""
        policy = self.policy_id
        existing = (
            self.env["hr.work.plan"]
            .sudo()
            .search(
                [
                    ("policy_id", "=", policy.id),
                    ("date_from", "=", self.date_from),
                    ("state", "!=", "cancelled"),
                ]
            )
        )
        taken = {plan._owner_key() for plan in existing}
        if policy.owner_type == "department":
            departments = (
                self.env["hr.department"]
                .sudo()
                .search(policy._department_scope_domain())
            )
            return [
                ("department", department.manager_id, department)
                for department in departments
                if ("department", department.id) not in taken
            ]
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(policy._employee_scope_domain(self.date_from))
        )
        return [
            ("employee", employee, employee.department_id)
            for employee in employees
            if ("employee", employee.id) not in taken
        ]

    def _items_to_carry_over(self, owners):
        """Unfinished items of each owner's latest earlier plan of this policy."""
        if not self.policy_id.carry_over:
            return {}
        employees = self.env["hr.employee"].union(*(owner[1] for owner in owners))
        departments = self.env["hr.department"].union(*(owner[2] for owner in owners))
        previous = (
            self.env["hr.work.plan"]
            .sudo()
            .search(
                [
                    ("policy_id", "=", self.policy_id.id),
                    "|",
                    ("employee_id", "in", employees.ids),
                    ("department_id", "in", departments.ids),
                    ("date_to", "<", self.date_from),
                    ("state", "!=", "cancelled"),
                ],
                order="date_to desc, id desc",
            )
        )
        latest = {}
        for plan in previous:
            latest.setdefault(plan._owner_key(), plan)
        return {
            key: plan.line_ids.filtered(
                lambda line: not line.display_type
                and line.completion not in ("done", "cancelled")
            )
            for key, plan in latest.items()
        }

    def _month_plans(self, owners):
        """Month plans covering this week, by owner employee (weekly policies)."""
        if self.policy_id.period_type != "week":
            return {}
        employees = self.env["hr.employee"].union(*(owner[1] for owner in owners))
        plans = (
            self.env["hr.work.plan"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("policy_id.period_type", "=", "month"),
                    ("date_from", "<=", self.date_from),
                    ("date_to", ">=", self.date_to),
                    ("state", "!=", "cancelled"),
                ]
            )
        )
        return {plan.employee_id: plan for plan in plans}

    def _plan_values(self, owner_type, employee, department, carried, month_plans):
        key = owner_key(owner_type, employee, department)
        return {
            "policy_id": self.policy_id.id,
            "cycle_id": self.id,
            "company_id": self.company_id.id,
            "owner_type": owner_type,
            "employee_id": employee.id,
            "department_id": department.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "parent_id": month_plans.get(employee, self.env["hr.work.plan"]).id,
            "line_ids": [
                Command.create(self._carried_item_values(item))
                for item in carried.get(key, [])
            ],
        }

    def _carried_item_values(self, item):
        category = self.policy_id._carry_over_category() or item.category_id
        values = {
            fname: item._fields[fname].convert_to_write(item[fname], item)
            for fname in CARRIED_FIELDS
        }
        values.update(
            carried_from_id=item.id,
            category_id=category.id,
            deadline=item._carried_over_deadline(self.date_from),
        )
        return values

    def _subscribe_owners_and_approvers(self, plans):
        values = [
            {"res_model": plans._name, "res_id": plan.id, "partner_id": partner.id}
            for plan in plans
            for partner in (
                plan.employee_id.user_id.partner_id
                | plan.approver_id.user_id.partner_id
            )
        ]
        self.env["mail.followers"].sudo().create(values)
