# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .hr_work_plan_penalty_rule import DEADLINE_TRIGGERS, MAX_AMOUNT, PENALTY_KINDS


class HrWorkPlanPenalty(models.Model):
    _name = "hr.work.plan.penalty"
    _description = "Work Plan Fine or Reward"
    _inherit = [
        "hr.work.plan.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hr.work.plan.state.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    rule_id = fields.Many2one(
        "hr.work.plan.penalty.rule", check_company=True, tracking=True
    )
    kind = fields.Selection(
        PENALTY_KINDS,
        compute="_compute_from_rule",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, check_company=True, index=True, tracking=True
    )
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_from_rule",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    plan_id = fields.Many2one("hr.work.plan", check_company=True, index=True)
    line_id = fields.Many2one(
        "hr.work.plan.line", check_company=True, domain="[('plan_id', '=', plan_id)]"
    )
    case_id = fields.Many2one(
        "hr.work.plan.case",
        string="Non-cooperation Case",
        index="btree_not_null",
        readonly=True,
    )
    reason = fields.Text(required=True)
    waive_reason = fields.Text(readonly=True, copy=False, tracking=True)
    trigger_key = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="What the rule recorded, so that it is recorded once.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("waived", "Waived"),
            ("cancelled", "Cancelled"),
            ("paid", "Paid"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )

    @api.depends("rule_id", "employee_id", "date")
    def _compute_name(self):
        for penalty in self:
            label = penalty.rule_id.name or dict(
                self._fields["kind"]._description_selection(self.env)
            ).get(penalty.kind, "")
            penalty.name = f"{label} – {penalty.employee_id.name or ''}"

    @api.depends("rule_id")
    def _compute_from_rule(self):
        for penalty in self.filtered("rule_id"):
            penalty.kind = penalty.rule_id.kind
            penalty.amount = penalty.rule_id.amount

    @api.constrains("amount", "rule_id", "kind")
    def _check_amount(self):
        for penalty in self:
            rule = penalty.rule_id
            if penalty.kind == "notice" and penalty.amount:
                raise ValidationError(
                    self.env._(
                        "A notice tells HR to act; it carries no amount: %s.",
                        penalty.display_name,
                    )
                )
            if not 0 <= penalty.amount <= MAX_AMOUNT:  # false for NaN too
                raise ValidationError(
                    self.env._(
                        "An amount goes from 0 to %(max)s, not %(amount)s.",
                        max=MAX_AMOUNT,
                        amount=penalty.amount,
                    )
                )
            if (
                rule.amount_max
                and rule.split == "each"
                and not rule.amount_min <= penalty.amount <= rule.amount_max
            ):
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s allows amounts from %(min)s to %(max)s.",
                        rule=rule.name,
                        min=rule.amount_min,
                        max=rule.amount_max,
                    )
                )

    _sql_constraints = [
        (
            "trigger_key_uniq",
            "unique(rule_id, trigger_key)",
            "A rule records an event once.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        penalties = super().create(vals_list)
        if not self.env.su:
            penalties._check_not_own()
        penalties._subscribe_employees()
        return penalties

    def _subscribe_employees(self):
        """The person fined or rewarded follows the record: one batch of
        followers for every record."""
        wanted = {
            (penalty.id, penalty.employee_id.user_id.partner_id.id)
            for penalty in self
            if penalty.employee_id.user_id
        }
        if not wanted:
            return
        Followers = self.env["mail.followers"].sudo()
        wanted -= {
            (follower.res_id, follower.partner_id.id)
            for follower in Followers.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("partner_id", "in", [partner for _id, partner in wanted]),
                ]
            )
        }
        subtypes = self.env["mail.message.subtype"].default_subtypes(self._name)[0]
        Followers.create(
            [
                {
                    "res_model": self._name,
                    "res_id": res_id,
                    "partner_id": partner_id,
                    "subtype_ids": [Command.set(subtypes.ids)],
                }
                for res_id, partner_id in sorted(wanted)
            ]
        )

    def write(self, vals):
        if not self.env.su:
            self._check_not_own()
            if self.filtered(lambda penalty: penalty.state != "draft"):
                raise UserError(
                    self.env._(
                        "Only draft fines and rewards change; reset this one to "
                        "draft first."
                    )
                )
        if "rule_id" in vals and not self.env.su and self.filtered("trigger_key"):
            raise UserError(
                self.env._(
                    "A fine or reward its rule recorded keeps its rule; cancel "
                    "it instead."
                )
            )
        result = super().write(vals)
        if "employee_id" in vals and not self.env.su:
            self._check_not_own()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts_of_others(self):
        if self.env.su:
            return
        self._check_not_own()
        if self.filtered("trigger_key"):
            raise UserError(
                self.env._(
                    "A fine or reward its rule recorded is cancelled, not "
                    "deleted: it would be recorded again."
                )
            )
        if self.filtered(lambda penalty: penalty.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._("Only draft or cancelled fines and rewards are deleted.")
            )

    @api.constrains("plan_id", "line_id")
    def _check_line_of_plan(self):
        for penalty in self.filtered("line_id"):
            if penalty.line_id.plan_id != penalty.plan_id:
                raise ValidationError(
                    self.env._(
                        "The item of %s belongs to its plan.", penalty.display_name
                    )
                )

    def _reason_wizard_field(self):
        return "penalty_ids"

    def _check_not_own(self):
        """Nobody records, changes or decides a fine or reward of their own."""
        own = self.filtered(
            lambda penalty: penalty.employee_id.user_id == self.env.user
        )
        if own:
            raise AccessError(
                self.env._(
                    "You cannot record or decide %s: it is your own.",
                    ", ".join(own.mapped("display_name")),
                )
            )

    def _move_to(self, state, **values):
        self._check_not_own()
        return super()._move_to(state, **values)

    @api.model
    def _cron_check_deadlines(self):
        """The daily job: fine late stages and unfinished items as the rules
        say. Running it again creates nothing more."""
        self.env["hr.work.plan.penalty.rule"].search(
            [("trigger", "in", [*DEADLINE_TRIGGERS, "unfinished_item"])]
        )._fire_deadlines()

    @api.model
    def _ledger_action(self, domain, context):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_work_plan_penalty.hr_work_plan_penalty_action"
        )
        action.update({"domain": domain, "context": context})
        return action

    def action_confirm(self):
        self._ensure_state("draft")
        self._move_to("confirmed")

    def action_open_waive_wizard(self):
        self._ensure_state("draft", "confirmed")
        self._check_not_own()
        self.check_access("write")
        return self._open_reason_wizard("waive")

    def action_waive(self, reason=None):
        """Waive with the explanation the general office accepted."""
        self._check_not_own()
        reason = self._require_reason(reason)
        self._ensure_state("draft", "confirmed")
        self._move_to("waived", waive_reason=reason)

    def action_pay(self):
        """Paid outside a payslip, in cash or by transfer."""
        self._ensure_state("confirmed")
        self._move_to("paid")

    def action_cancel(self):
        self._ensure_state("draft", "confirmed")
        self._move_to("cancelled")

    def action_draft(self):
        self._ensure_state("waived", "cancelled")
        self._move_to("draft")
