# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hr_work_plan.models.hr_work_plan_policy import PERIOD_LENGTH
from odoo.addons.hr_work_plan.tools import formatting

_logger = logging.getLogger(__name__)

# the largest fine or reward one record may carry
MAX_AMOUNT = 1_000_000
PENALTY_KINDS = [
    ("fine", "Fine"),
    ("fault_slip", "Fault Slip"),
    ("reward", "Reward"),
    ("notice", "Notice to HR"),
]
# the kinds that take money off the person: a payslip deducts them
FINE_KINDS = ("fine", "fault_slip")
# triggers the daily job fires, with the plan's flag of the late stage
DEADLINE_TRIGGERS = {
    "late_submission": "submit_late",
    "late_summary": "self_assess_late",
    "late_approval": "approve_late",
    "late_assessment": "assess_late",
}
# triggers a confirmed spot check fires, by the finding that fires them
FINDING_TRIGGERS = {
    "false_completion": "false_completion",
    "omitted_item": "omission",
    "unfair_rating": "unfair_rating",
    "shielding": "shielding",
    "improper_approval": "improper_approval",
}
# triggers closing a cycle fires
CYCLE_TRIGGERS = ("streak", "ranking", "team_prize")


class HrWorkPlanPenaltyRule(models.Model):
    _name = "hr.work.plan.penalty.rule"
    _description = "Work Plan Fine or Reward Rule"
    _inherit = ["hr.work.plan.guard.mixin", "mail.thread"]
    _order = "kind, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(PENALTY_KINDS, required=True, default="fine", tracking=True)
    trigger = fields.Selection(
        [
            ("manual", "Recorded by hand"),
            ("late_submission", "Plan submitted late"),
            ("late_summary", "Summary handed in late"),
            ("late_approval", "Plan approved late"),
            ("late_assessment", "Plan assessed late"),
            ("bad_format", "Plan in a wrong format"),
            ("omission", "Important item omitted (spot check)"),
            ("false_completion", "Reported done but not done (spot check)"),
            ("unfair_rating", "Unfair rating (spot check)"),
            ("shielding", "Superior shielding a subordinate (spot check)"),
            ("improper_approval", "Improper approval (spot check)"),
            ("unfinished_item", "Item not finished at assessment"),
            ("non_cooperation", "Non-cooperation of another department"),
            ("streak", "Repeated in consecutive periods or in a year"),
            ("ranking", "Ranked in a closed cycle"),
            ("team_prize", "Team members who met their targets"),
        ],
        required=True,
        default="manual",
        tracking=True,
    )
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    amount_min = fields.Monetary(string="Minimum Amount", currency_field="currency_id")
    amount_max = fields.Monetary(string="Maximum Amount", currency_field="currency_id")
    unit = fields.Selection(
        [
            ("occurrence", "Per occurrence"),
            ("item", "Per item"),
            ("person", "Per person"),
        ],
        required=True,
        default="occurrence",
    )
    payer = fields.Selection(
        [
            ("owner", "Plan owner"),
            ("department_manager", "Department manager"),
            ("approver", "Approver"),
            ("direct_manager", "Direct manager"),
            ("responsible", "Person responsible"),
        ],
        required=True,
        default="owner",
    )
    split = fields.Selection(
        [("each", "Each pays the amount"), ("share", "Shared between them")],
        required=True,
        default="each",
    )
    policy_ids = fields.Many2many(
        "hr.work.plan.policy",
        string="Policies",
        check_company=True,
        help="Policies this rule applies to. Empty: all.",
    )
    category_ids = fields.Many2many(
        "hr.work.plan.category",
        string="Item Categories",
        help="For unfinished items: the categories whose items are fined "
        "(main work, routine duties). Empty: all.",
    )
    date_start = fields.Date(
        string="Applies From",
        default=fields.Date.context_today,
        required=True,
        help="The rule records what happens in plans ending on this day or later: "
        "activating it does not fine the past.",
    )
    auto_confirm = fields.Boolean(
        help="Records this rule creates are confirmed at once, not drafts to review.",
    )
    monthly_cap = fields.Monetary(
        currency_field="currency_id",
        help="The most one employee pays under this rule in a month. Empty: no cap.",
    )
    streak_length = fields.Integer(
        default=3,
        help="How many closed periods in a row (or in a year) fire the rule.",
    )
    streak_scope = fields.Selection(
        [("consecutive", "In a row"), ("year", "In one year")],
        default="consecutive",
        required=True,
    )
    streak_condition = fields.Selection(
        [
            ("rank_first", "Ranked first"),
            ("grade_in", "Graded in"),
            ("late_stage", "A stage late"),
        ],
        default="grade_in",
        required=True,
    )
    streak_grade_ids = fields.Many2many(
        "hr.work.plan.grade", string="Streak Grades", check_company=False
    )
    rank = fields.Integer(help="For ranking prizes: the rank rewarded.")
    min_score = fields.Float(
        help="For ranking and team prizes: the least score that earns it.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A rule code must be unique per company.",
        ),
    ]

    @api.constrains("trigger", "streak_length", "rank", "min_score", "monthly_cap")
    def _check_trigger_values(self):
        for rule in self:
            if rule.trigger == "streak" and not 1 <= rule.streak_length <= 366:
                raise ValidationError(
                    self.env._(
                        "A streak of rule %s counts 1 to 366 periods.", rule.name
                    )
                )
            if rule.trigger == "ranking" and not 1 <= rule.rank <= 10000:
                raise ValidationError(
                    self.env._("Say which rank rule %s rewards.", rule.name)
                )
            if not 0 <= rule.min_score <= 10000:
                raise ValidationError(
                    self.env._(
                        "The least score of rule %s goes from 0 to 10000.", rule.name
                    )
                )
            if not 0 <= rule.monthly_cap <= MAX_AMOUNT:
                raise ValidationError(
                    self.env._(
                        "The monthly cap of rule %(rule)s goes from 0 to %(max)s.",
                        rule=rule.name,
                        max=MAX_AMOUNT,
                    )
                )

    @api.constrains("amount", "amount_min", "amount_max", "kind")
    def _check_amounts(self):
        for rule in self:
            amounts = (rule.amount, rule.amount_min, rule.amount_max)
            if not all(0 <= amount <= MAX_AMOUNT for amount in amounts):
                raise ValidationError(
                    self.env._(
                        "The amounts of rule %(rule)s go from 0 to %(max)s.",
                        rule=rule.name,
                        max=MAX_AMOUNT,
                    )
                )
            if rule.amount_max and rule.amount_min > rule.amount_max:
                raise ValidationError(
                    self.env._(
                        "The minimum amount of rule %s exceeds its maximum.", rule.name
                    )
                )
            if rule.amount_max and not (
                rule.amount_min <= rule.amount <= rule.amount_max
            ):
                raise ValidationError(
                    self.env._(
                        "The amount of rule %s lies within its range.", rule.name
                    )
                )
            if rule.kind == "notice" and any(amounts):
                raise ValidationError(
                    self.env._(
                        "Rule %s gives notices to HR, which carry no amount.",
                        rule.name,
                    )
                )

    # ------------------------------------------------------------------
    # firing: the records a rule creates

    def _applies_to(self, policy):
        self.ensure_one()
        return not self.policy_ids or policy in self.policy_ids

    def _plan_domain(self):
        """The plans this rule looks at."""
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_to", ">=", self.date_start),
        ]
        if self.policy_ids:
            domain.append(("policy_id", "in", self.policy_ids.ids))
        return domain

    def _payers(self, plan, responsible=None):
        """Who bears this rule's amount for ``plan``: the payer the rule
        names, ``responsible`` for "Person responsible"; the owner's direct
        leader when that is nobody (and nobody when there is no leader: the
        owner does not pay for someone else)."""
        self.ensure_one()
        owner = plan.employee_id
        payers = {
            "owner": owner,
            "department_manager": plan.department_id.manager_id,
            "approver": plan.approver_id,
            "direct_manager": owner.parent_id,
            "responsible": responsible or self.env["hr.employee"],
        }[self.payer]
        return payers or (owner.parent_id - owner)

    def _fire(self, occurrences):
        """Create this rule's records for the ``occurrences`` that have none.

        An occurrence is a dict: ``key`` (what happened, so that it is
        recorded once whatever the number of runs), ``payers`` (employees),
        ``plan``, and optionally ``line``, ``case``, ``reason``, ``date`` and
        ``amount`` (else the rule's). Each payer pays the amount, or a share
        of it when the rule says so; the monthly cap applies; records are
        drafts unless the rule confirms them. Returns the records created."""
        self.ensure_one()
        rows = []
        for occurrence in occurrences:
            payers = occurrence["payers"]
            if not payers:
                continue
            amount = 0.0 if self.kind == "notice" else occurrence.get("amount")
            if amount is None:
                amount = self.amount
            plan = occurrence.get("plan") or self.env["hr.work.plan"]
            for payer, share in zip(
                payers, self._shares(amount, len(payers)), strict=True
            ):
                rows.append(
                    {
                        "rule_id": self.id,
                        "kind": self.kind,
                        "employee_id": payer.id,
                        "company_id": (plan.company_id or self.company_id).id,
                        "amount": share,
                        "date": occurrence.get("date")
                        or fields.Date.context_today(self),
                        "plan_id": plan.id,
                        "line_id": occurrence.get("line", False)
                        and occurrence["line"].id,
                        "case_id": occurrence.get("case", False)
                        and occurrence["case"].id,
                        "reason": occurrence.get("reason") or self.name,
                        "trigger_key": f"{occurrence['key']}/{payer.id}",
                    }
                )
        Penalty = self.env["hr.work.plan.penalty"].sudo()
        known = set(
            Penalty.search(
                [
                    ("rule_id", "=", self.id),
                    ("trigger_key", "in", [row["trigger_key"] for row in rows]),
                ]
            ).mapped("trigger_key")
        )
        rows = self._within_monthly_cap(
            [row for row in rows if row["trigger_key"] not in known]
        )
        penalties = Penalty.create(rows)
        if self.auto_confirm:
            penalties.action_confirm()
        return penalties

    def _shares(self, amount, count):
        """What each of ``count`` payers pays: the amount each, or shares of
        it in the currency's precision, the first payer taking what rounding
        leaves over."""
        if self.split != "share" or count < 2:
            return [amount] * count
        share = self.currency_id.round(amount / count)
        return [self.currency_id.round(amount - share * (count - 1))] + [share] * (
            count - 1
        )

    def _within_monthly_cap(self, rows):
        """``rows`` with amounts cut to what the monthly cap leaves each
        employee; rows left with nothing to pay are dropped."""
        self.ensure_one()
        if not self.monthly_cap or self.kind == "notice" or not rows:
            return rows
        spent = {
            (employee.id, month): total
            for employee, month, total in self.env["hr.work.plan.penalty"]
            .sudo()
            ._read_group(
                [
                    ("rule_id", "=", self.id),
                    ("employee_id", "in", [row["employee_id"] for row in rows]),
                    ("state", "not in", ("waived", "cancelled")),
                ],
                ["employee_id", "date:month"],
                ["amount:sum"],
            )
        }
        capped = []
        for row in rows:
            month = fields.Date.to_date(row["date"]).replace(day=1)
            key = (row["employee_id"], month)
            amount = min(row["amount"], self.monthly_cap - spent.get(key, 0.0))
            # a ranged rule records nothing below its minimum
            if amount > 0 and (not self.amount_max or amount >= self.amount_min):
                spent[key] = spent.get(key, 0.0) + amount
                capped.append({**row, "amount": amount})
        return capped

    # ------------------------------------------------------------------
    # triggers

    def _fire_deadlines(self):
        """Fine the plans whose stage this rule watches was late, and the
        unfinished items of assessed plans: each once, whatever the runs. A
        rule that cannot record (a range its cap cut below, say) is logged and
        leaves the others to run."""
        for rule in self:
            try:
                with self.env.cr.savepoint():
                    rule._fire_deadline_rule()
            except (UserError, ValidationError):
                _logger.exception("Rule %s recorded nothing", rule.display_name)

    def _fire_deadline_rule(self):
        self.ensure_one()
        not_fined = [("penalty_ids", "not any", [("rule_id", "=", self.id)])]
        if self.trigger == "unfinished_item":
            self._fire(self._unfinished_occurrences(not_fined))
            return
        flag = DEADLINE_TRIGGERS[self.trigger]
        stage = flag.removesuffix("_late")
        stages = dict(
            self.env["hr.work.plan.deadline"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        plans = self.env["hr.work.plan"].search(
            [*self._plan_domain(), (flag, "=", True), *not_fined]
        )
        self._fire(
            [
                {
                    "key": f"plan:{plan.id}:{stage}",
                    "payers": self._payers(plan),
                    "plan": plan,
                    "date": plan._local_date(plan[f"{stage}_deadline"]),
                    "reason": self.env._(
                        "%(stage)s of plan %(plan)s came after its deadline.",
                        stage=stages[stage],
                        plan=plan.display_name,
                    ),
                }
                for plan in plans
            ]
        )

    def _unfinished_occurrences(self, not_fined):
        """One occurrence per unfinished item of the assessed plans, or per
        plan when the rule counts occurrences."""
        self.ensure_one()
        plans = [*self._plan_domain(), ("state", "in", ("assessed", "done"))]
        domain = [("unfinished_without_change", "=", True)]
        if self.unit == "occurrence":
            # fined once per plan: the plan carries the fine, not an item
            plans += not_fined
        else:
            domain += not_fined
        domain.append(("plan_id", "any", plans))
        if self.category_ids:
            domain.append(("category_id", "in", self.category_ids.ids))
        lines = self.env["hr.work.plan.line"].search(domain)
        if self.unit == "occurrence":
            return [
                {
                    "key": f"plan:{plan.id}:unfinished",
                    "payers": self._payers(plan),
                    "plan": plan,
                    "reason": self.env._(
                        "Plan %s has items left unfinished.", plan.display_name
                    ),
                }
                for plan in lines.plan_id
            ]
        return [
            {
                "key": f"line:{line.id}:unfinished",
                "payers": self._payers(line.plan_id, line.responsible_id),
                "plan": line.plan_id,
                "line": line,
                "reason": self.env._(
                    "Item %(item)s of plan %(plan)s was not finished.",
                    item=line.name,
                    plan=line.plan_id.display_name,
                ),
            }
            for line in lines
        ]

    @api.model
    def _fire_findings(self, findings):
        """Fine what the findings of confirmed spot checks show."""
        rules = self.search(
            [
                ("trigger", "in", list(FINDING_TRIGGERS.values())),
                ("company_id", "in", findings.company_id.ids),
            ]
        )
        labels = dict(findings._fields["finding"]._description_selection(self.env))
        for rule in rules:
            rule._fire(
                [
                    {
                        "key": f"finding:{finding.id}",
                        "payers": rule._payers(finding.plan_id, finding.responsible_id),
                        "plan": finding.plan_id,
                        "line": finding.line_id,
                        "date": finding.check_id.date,
                        "reason": self.env._(
                            "Spot check %(check)s found: %(finding)s. %(note)s",
                            check=finding.check_id.display_name,
                            finding=labels[finding.finding],
                            note=finding.description or "",
                        ).strip(),
                    }
                    for finding in findings
                    if FINDING_TRIGGERS.get(finding.finding) == rule.trigger
                    and rule._applies_to(finding.plan_id.policy_id)
                    and rule.company_id == finding.company_id
                ]
            )

    @api.model
    def _fire_cycle(self, cycles):
        """Apply the streak, ranking and team rules of closed cycles."""
        for cycle in cycles:
            rules = self.search(
                [
                    ("trigger", "in", CYCLE_TRIGGERS),
                    ("company_id", "=", cycle.policy_id.company_id.id),
                ]
            ).filtered(lambda rule, cycle=cycle: rule._applies_to(cycle.policy_id))
            plans = cycle.plan_ids.filtered(lambda plan: plan.state == "done")
            for rule in rules:
                occurrences = getattr(rule, f"_{rule.trigger}_occurrences")(
                    cycle, plans
                )
                rule._fire(occurrences)

    def _ranking_occurrences(self, cycle, plans):
        return [
            {
                "key": f"rank:{plan.id}",
                "payers": plan.employee_id,
                "plan": plan,
                "date": cycle.date_to,
                "reason": self.env._(
                    "Ranked %(rank)s in %(cycle)s with %(score)s points.",
                    rank=plan.rank,
                    cycle=cycle.display_name,
                    score=formatting.number(plan.score_final),
                ),
            }
            for plan in plans
            if plan.rank == self.rank and plan.score_final >= self.min_score
        ]

    def _team_prize_occurrences(self, cycle, plans):
        """The prize of each department, shared among the members who met
        their target (reached the least score)."""
        occurrences = []
        members = plans.filtered(lambda plan: plan.owner_type == "employee")
        for department in members.department_id:
            winners = members.filtered(
                lambda plan, department=department: plan.department_id == department
                and plan.score_final >= self.min_score
            )
            occurrences += [
                {
                    "key": f"team:{cycle.id}:{plan.id}",
                    "payers": plan.employee_id,
                    "plan": plan,
                    "date": cycle.date_to,
                    "amount": round(self.amount / len(winners), 2),
                    "reason": self.env._(
                        "Team prize of %(department)s in %(cycle)s, shared among "
                        "%(count)s members who met their target.",
                        department=department.name,
                        cycle=cycle.display_name,
                        count=len(winners),
                    ),
                }
                for plan in winners
            ]
        return occurrences

    def _streak_occurrences(self, cycle, plans):
        """Owners whose plans met the condition N periods in a row, or N
        times in the cycle's year, this cycle included."""
        self.ensure_one()
        history = self._owner_history(cycle, plans)
        occurrences = []
        for plan in plans:
            earlier = history.get(plan._owner_key(), [])
            if self.streak_scope == "year":
                hits = [
                    past
                    for past in earlier
                    if past.date_from.year == cycle.date_from.year
                    and self._meets_streak_condition(past)
                ]
                if (
                    not self._meets_streak_condition(plan)
                    or len(hits) != self.streak_length
                ):
                    continue
                key = f"streak:{plan._owner_key()}:{cycle.date_from.year}"
            else:
                # the history reaches one period further back than the streak:
                # a longer run was rewarded when it reached the length
                run = self._run_ending_with(plan, earlier)
                if len(run) != self.streak_length:
                    continue
                key = f"streak:{run[-1].id}"
            occurrences.append(
                {
                    "key": key,
                    "payers": self._payers(plan),
                    "plan": plan,
                    "date": cycle.date_to,
                    "reason": self.env._(
                        "%(rule)s: %(count)s periods up to %(cycle)s.",
                        rule=self.name,
                        count=self.streak_length,
                        cycle=cycle.display_name,
                    ),
                }
            )
        return occurrences

    def _owner_history(self, cycle, plans):
        """owner key → the owner's closed plans of the policy, latest first,
        from as far back as the rule looks, this cycle's included."""
        policy = cycle.policy_id
        if self.streak_scope == "year":
            since = cycle.date_from.replace(month=1, day=1)
        else:
            since = (
                cycle.date_from - PERIOD_LENGTH[policy.period_type] * self.streak_length
            )
        past = self.env["hr.work.plan"].search(
            [
                ("policy_id", "=", policy.id),
                ("state", "=", "done"),
                ("date_from", ">=", since),
                ("date_to", "<=", cycle.date_to),
                ("employee_id", "in", plans.employee_id.ids),
            ],
            order="date_from desc",
        )
        history = {}
        for plan in past:
            history.setdefault(plan._owner_key(), []).append(plan)
        return history

    def _run_ending_with(self, plan, earlier):
        """The plans meeting the condition in a row up to ``plan``, latest
        first; each period starts the day after the one before ends."""
        run = []
        for past in earlier:
            if past.date_to > plan.date_to:
                continue
            if run and past.date_to != run[-1].date_from - timedelta(days=1):
                break
            if not self._meets_streak_condition(past):
                break
            run.append(past)
        return run if run and run[0] == plan else []

    def _meets_streak_condition(self, plan):
        if self.streak_condition == "rank_first":
            return plan.rank == 1
        if self.streak_condition == "late_stage":
            return plan.is_late
        return plan.grade_id in self.streak_grade_ids
