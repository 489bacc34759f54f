# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the largest fine or reward one record may carry
MAX_AMOUNT = 1_000_000
PENALTY_KINDS = [
    ("fine", "Fine"),
    ("fault_slip", "Fault Slip"),
    ("reward", "Reward"),
]


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
            ("late_approval", "Plan approved late"),
            ("late_assessment", "Plan assessed late"),
            ("bad_format", "Plan in a wrong format"),
            ("omission", "Important item omitted"),
            ("false_completion", "Reported done but not done"),
            ("unfinished_item", "Item not finished"),
            ("non_cooperation", "Non-cooperation of another department"),
            ("streak", "Repeated in consecutive periods"),
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

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A rule code must be unique per company.",
        ),
    ]

    @api.constrains("amount", "amount_min", "amount_max")
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
