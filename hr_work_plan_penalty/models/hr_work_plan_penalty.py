# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_work_plan_penalty_rule import PENALTY_KINDS


class HrWorkPlanPenalty(models.Model):
    _name = "hr.work.plan.penalty"
    _description = "Work Plan Fine or Reward"
    _inherit = ["mail.thread", "mail.activity.mixin", "hr.work.plan.state.mixin"]
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
    line_id = fields.Many2one("hr.work.plan.line", domain="[('plan_id', '=', plan_id)]")
    reason = fields.Text(required=True)
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

    @api.constrains("amount", "rule_id")
    def _check_amount(self):
        for penalty in self:
            rule = penalty.rule_id
            if penalty.amount < 0:
                raise ValidationError(self.env._("An amount cannot be negative."))
            if rule.amount_max and not (
                rule.amount_min <= penalty.amount <= rule.amount_max
            ):
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s allows amounts from %(min)s to %(max)s.",
                        rule=rule.name,
                        min=rule.amount_min,
                        max=rule.amount_max,
                    )
                )

    def action_confirm(self):
        self._ensure_state("draft")
        self.write({"state": "confirmed"})

    def action_waive(self):
        self._ensure_state("draft", "confirmed")
        self.write({"state": "waived"})

    def action_cancel(self):
        self._ensure_state("draft", "confirmed")
        self.write({"state": "cancelled"})

    def action_draft(self):
        self._ensure_state("waived", "cancelled")
        self.write({"state": "draft"})
