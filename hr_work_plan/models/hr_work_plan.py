# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.float_utils import float_compare

from .hr_work_plan_policy import OWNER_TYPES

PLAN_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("self_assessed", "Self-assessed"),
    ("assessed", "Assessed"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class HrWorkPlan(models.Model):
    _name = "hr.work.plan"
    _description = "Work Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "hr.work.plan.state.mixin"]
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
        help="The employee who writes and carries out the plan; for a "
        "department plan, the department manager.",
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="Owner User")
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
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
        tracking=True,
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
        domain="[('employee_id', '=', employee_id), ('id', '!=', id)]",
    )
    child_ids = fields.One2many("hr.work.plan", "parent_id", string="Week Plans")
    state = fields.Selection(
        PLAN_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.One2many(
        "hr.work.plan.line", "plan_id", string="Items", copy=True
    )
    total_weight = fields.Float(compute="_compute_weights", store=True)
    extra_weight = fields.Float(compute="_compute_weights", store=True)
    total_points = fields.Float(related="policy_id.total_points")
    score_self = fields.Float(string="Self Score", tracking=True, copy=False)
    score_manager = fields.Float(string="Manager Score", tracking=True, copy=False)
    score_final = fields.Float(
        string="Final Score", tracking=True, copy=False, readonly=True
    )
    coefficient = fields.Float(tracking=True, copy=False, readonly=True)
    submitted_on = fields.Datetime(readonly=True, copy=False)
    submit_deadline = fields.Datetime(copy=False)
    is_late = fields.Boolean(readonly=True, copy=False)
    note = fields.Html()

    @api.depends("employee_id", "date_from", "date_to")
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
            return department.parent_id.manager_id or owner.parent_id
        return owner.parent_id or department.manager_id

    @api.depends("line_ids.weight", "line_ids.category_id.counts_in_total")
    def _compute_weights(self):
        for plan in self:
            items = plan.line_ids.filtered(lambda line: not line.display_type)
            counted = items.filtered(
                lambda line: not line.category_id or line.category_id.counts_in_total
            )
            plan.total_weight = sum(counted.mapped("weight"))
            plan.extra_weight = sum((items - counted).mapped("weight"))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for plan in self:
            if plan.date_to < plan.date_from:
                raise ValidationError(
                    self.env._("Plan %s ends before it starts.", plan.display_name)
                )

    def _check_total_weight(self):
        for plan in self:
            policy = plan.policy_id
            cmp = float_compare(plan.total_weight, policy.total_points, 2)
            if policy.total_rule == "exact" and cmp != 0:
                raise UserError(
                    self.env._(
                        "The weights of plan %(plan)s total %(total)s; "
                        "they must total exactly %(required)s.",
                        plan=plan.display_name,
                        total=plan.total_weight,
                        required=policy.total_points,
                    )
                )
            if policy.total_rule == "at_most" and cmp > 0:
                raise UserError(
                    self.env._(
                        "The weights of plan %(plan)s total %(total)s; "
                        "they may total at most %(required)s.",
                        plan=plan.display_name,
                        total=plan.total_weight,
                        required=policy.total_points,
                    )
                )

    def _ensure_not_own_plan(self):
        own = self.filtered(lambda plan: plan.employee_id.user_id == self.env.user)
        if own:
            raise UserError(
                self.env._(
                    "You cannot approve or score your own plan %s.",
                    ", ".join(own.mapped("display_name")),
                )
            )

    def action_submit(self):
        self._ensure_state("draft")
        self._check_total_weight()
        self.write({"state": "submitted", "submitted_on": fields.Datetime.now()})

    def action_approve(self):
        self._ensure_state("submitted")
        self._ensure_not_own_plan()
        self.write({"state": "approved"})

    def action_reject(self):
        self._ensure_state("submitted")
        self._ensure_not_own_plan()
        self.write({"state": "draft"})

    def action_cancel(self):
        self._ensure_state("draft", "submitted", "approved")
        self.write({"state": "cancelled"})
