# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERIOD_TYPES = [
    ("week", "Week"),
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half_year", "Half-year"),
    ("year", "Year"),
]
OWNER_TYPES = [("employee", "Employee"), ("department", "Department")]


class HrWorkPlanPolicy(models.Model):
    _name = "hr.work.plan.policy"
    _description = "Work Plan Policy"
    _inherit = ["mail.thread"]
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
    forced_distribution = fields.Boolean()
    department_multiplier = fields.Boolean(
        help="The department plan's grade coefficient multiplies its members'."
    )
    category_ids = fields.One2many(
        "hr.work.plan.category", "policy_id", string="Categories", copy=True
    )
    cycle_ids = fields.One2many("hr.work.plan.cycle", "policy_id", string="Cycles")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A policy code must be unique per company.",
        ),
    ]

    @api.constrains("total_points", "pay_ratio", "change_window_days")
    def _check_amounts(self):
        for policy in self:
            if policy.total_points <= 0:
                raise ValidationError(
                    self.env._(
                        "The total points of policy %s must be positive.",
                        policy.display_name,
                    )
                )
            if not 0 <= policy.pay_ratio <= 1:
                raise ValidationError(
                    self.env._(
                        "The pay ratio of policy %s must be between 0 and 1.",
                        policy.display_name,
                    )
                )
            if policy.change_window_days < 0:
                raise ValidationError(
                    self.env._(
                        "The change window of policy %s cannot be negative.",
                        policy.display_name,
                    )
                )
