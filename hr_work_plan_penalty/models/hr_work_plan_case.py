# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hr_work_plan.models.hr_work_plan_state_mixin import ACTIVITY_TYPE

from .hr_work_plan_penalty_rule import FINE_KINDS

OFFICER_GROUP = "hr_work_plan.group_work_plan_officer"
ADMIN_GROUP = "hr_work_plan.group_work_plan_admin"


class HrWorkPlanCase(models.Model):
    """协作不力: the owning department's evidence that another department's
    non-cooperation made its work late. The general office reviews it, then
    the group; confirmed, it fines the people responsible."""

    _name = "hr.work.plan.case"
    _description = "Non-cooperation Case"
    _inherit = [
        "hr.work.plan.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hr.work.plan.state.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    plan_id = fields.Many2one(
        "hr.work.plan", required=True, check_company=True, index=True, tracking=True
    )
    line_id = fields.Many2one(
        "hr.work.plan.line",
        string="Item",
        check_company=True,
        domain="[('plan_id', '=', plan_id)]",
        tracking=True,
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    department_id = fields.Many2one(
        related="plan_id.department_id", string="Owning Department", store=True
    )
    against_department_id = fields.Many2one(
        "hr.department",
        required=True,
        check_company=True,
        tracking=True,
    )
    responsible_ids = fields.Many2many(
        "hr.employee",
        string="Responsible People",
        check_company=True,
        help="Who in the assisting department was responsible. Nobody named: "
        "its manager answers for it.",
    )
    rule_id = fields.Many2one(
        "hr.work.plan.penalty.rule",
        required=True,
        check_company=True,
        domain="[('trigger', '=', 'non_cooperation')]",
        tracking=True,
    )
    amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_amount",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        help="What each responsible person pays, within the rule's range.",
    )
    evidence = fields.Html(help="What was asked, when, and what came back.")
    filed_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user, copy=False
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("office_review", "General Office Review"),
            ("group_review", "Group Review"),
            ("confirmed", "Confirmed"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    office_reviewer_id = fields.Many2one(
        "res.users", string="Reviewed by (General Office)", readonly=True, copy=False
    )
    refuse_reason = fields.Text(readonly=True, copy=False, tracking=True)
    penalty_ids = fields.One2many(
        "hr.work.plan.penalty", "case_id", string="Fines", readonly=True
    )
    penalty_count = fields.Integer(compute="_compute_penalty_count")

    @api.depends("plan_id", "against_department_id")
    def _compute_name(self):
        for case in self:
            case.name = " → ".join(
                name
                for name in (case.plan_id.display_name, case.against_department_id.name)
                if name
            )

    @api.depends("rule_id")
    def _compute_amount(self):
        for case in self:
            case.amount = case.rule_id.amount

    def _compute_penalty_count(self):
        for case in self:
            case.penalty_count = len(case.penalty_ids)

    @api.constrains("amount", "rule_id")
    def _check_amount(self):
        for case in self:
            rule = case.rule_id
            low, high = rule.amount_min, rule.amount_max or rule.amount
            if not low <= case.amount <= high:
                raise ValidationError(
                    self.env._(
                        "Case %(case)s fines from %(min)s to %(max)s under rule "
                        "%(rule)s, not %(amount)s.",
                        case=case.display_name,
                        min=low,
                        max=high,
                        rule=rule.name,
                        amount=case.amount,
                    )
                )

    @api.constrains("rule_id", "responsible_ids", "against_department_id")
    def _check_rule_and_people(self):
        for case in self:
            rule = case.rule_id
            if (
                rule.trigger != "non_cooperation"
                or not rule.active
                or rule.kind not in FINE_KINDS
            ):
                raise ValidationError(
                    self.env._(
                        "Case %s takes an active non-cooperation rule that fines.",
                        case.display_name,
                    )
                )
            departments = self.env["hr.department"].search(
                [("id", "child_of", case.against_department_id.ids)]
            )
            strangers = case.responsible_ids.filtered(
                lambda employee, case=case, departments=departments: (
                    employee.department_id not in departments
                    or employee.department_id == case.department_id
                    or employee == case.plan_id.employee_id
                    or employee.user_id == case.filed_by_id
                )
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "The people responsible in case %(case)s work in "
                        "%(department)s or under it, and neither filed the case "
                        "nor own its plan: %(people)s do not.",
                        case=case.display_name,
                        department=case.against_department_id.display_name,
                        people=", ".join(strangers.mapped("name")),
                    )
                )

    @api.constrains("plan_id", "line_id", "against_department_id")
    def _check_plan_and_department(self):
        for case in self:
            if case.line_id and case.line_id.plan_id != case.plan_id:
                raise ValidationError(
                    self.env._("The item of %s belongs to its plan.", case.name)
                )
            if case._against_own_line():
                raise ValidationError(
                    self.env._(
                        "Case %(case)s is filed against a department outside "
                        "%(department)s's line: not itself, one above it nor one "
                        "under it.",
                        case=case.name,
                        department=case.department_id.display_name,
                    )
                )

    def _against_own_line(self):
        """Whether the case is against the plan's department, a department
        above it or one under it."""
        self.ensure_one()
        own, against = self.department_id.sudo(), self.against_department_id.sudo()
        if not own or not against:
            return False
        line = (
            self.env["hr.department"]
            .sudo()
            .search(["|", ("id", "child_of", own.ids), ("id", "parent_of", own.ids)])
        )
        return against in line

    # ------------------------------------------------------------------
    # who files and who reviews

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        if not self.env.su:
            cases._check_filer()
        return cases

    def write(self, vals):
        if not self.env.su:
            if self.filtered(lambda case: case.state != "draft"):
                raise UserError(
                    self.env._("A case changes while it is a draft, by its filer.")
                )
            self._check_filer()
        result = super().write(vals)
        if not self.env.su and "plan_id" in vals:
            self._check_filer()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.env.su:
            return
        if self.filtered(lambda case: case.state != "draft"):
            raise UserError(self.env._("Only draft cases are deleted."))
        self._check_filer()

    def _is_filer(self):
        """The plan's owner, its department's manager, or an officer file."""
        self.ensure_one()
        user = self.env.user
        return (
            self.plan_id.employee_id.user_id == user
            or self.plan_id.department_id.manager_id.user_id == user
            or user.has_group(OFFICER_GROUP)
        )

    def _check_filer(self):
        for case in self:
            case.plan_id.check_access("read")
            if not case._is_filer():
                raise AccessError(
                    self.env._(
                        "Cases about plan %s are filed by its owner or their "
                        "department's manager.",
                        case.plan_id.display_name,
                    )
                )

    def _check_reviewer(self, group):
        """Members of ``group`` review, none of them on a case of their own."""
        if self.env.su:
            return
        if not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "Only the general office reviews a case, then the group's "
                    "improvement team."
                )
            )
        own = self.filtered(lambda case: self.env.user in case._involved_users())
        if own:
            case = own[0]
            if self.env.user == case.office_reviewer_id:
                message = self.env._(
                    "You reviewed case %s for the general office: another member "
                    "reviews it for the group.",
                    case.display_name,
                )
            else:
                message = self.env._(
                    "You cannot review case %s: you filed it, are named in it or "
                    "manage one of its departments.",
                    case.display_name,
                )
            raise UserError(message)

    def _involved_users(self):
        """Who may not review the case: its filer, the plan's owner, the
        managers of both departments, the people it names, and for the group
        step whoever reviewed it for the general office."""
        self.ensure_one()
        return (
            self.filed_by_id
            | self.plan_id.employee_id.user_id
            | self.department_id.manager_id.user_id
            | self.against_department_id.manager_id.user_id
            | self.responsible_ids.user_id
            | self.office_reviewer_id
        )

    # ------------------------------------------------------------------
    # steps

    def action_submit(self):
        self._ensure_state("draft")
        for case in self:
            if not case._is_filer():
                raise AccessError(
                    self.env._(
                        "Case %s is submitted by the plan's owner, their "
                        "department's manager or an officer.",
                        case.name,
                    )
                )
            if not case.evidence or not case.evidence.strip():
                raise UserError(
                    self.env._("Case %s needs its evidence.", case.display_name)
                )
        self.sudo().write({"state": "office_review"})
        self._ask_reviewers(OFFICER_GROUP)

    def _ask_reviewers(self, group):
        """A to-do for the first member of ``group`` not involved in each case."""
        members = self.env.ref(group).sudo().users
        today = fields.Date.context_today(self)
        todos = []
        for case in self:
            reviewer = (members - case._involved_users())[:1]
            if reviewer:
                todos.append((case, reviewer, self.env._("Review the case"), today))
        self._add_missing_activities(todos)

    def action_office_approve(self):
        self._ensure_state("office_review")
        self._check_reviewer(OFFICER_GROUP)
        self.sudo().write(
            {"state": "group_review", "office_reviewer_id": self.env.user.id}
        )
        self.activity_unlink([ACTIVITY_TYPE])
        self._ask_reviewers(ADMIN_GROUP)

    def action_group_approve(self):
        """Confirm the case: one fine for each responsible person, the
        against department's manager when nobody is named."""
        self._ensure_state("group_review")
        self._check_reviewer(ADMIN_GROUP)
        self.sudo().write({"state": "confirmed"})
        self.activity_unlink([ACTIVITY_TYPE])
        for case in self.sudo():
            payers = case.responsible_ids or case.against_department_id.manager_id
            if not payers:
                raise UserError(
                    self.env._(
                        "Name the people responsible in %s: its department has "
                        "no manager.",
                        case.against_department_id.display_name,
                    )
                )
            case.rule_id._fire(
                [
                    {
                        "key": f"case:{case.id}",
                        "payers": payers,
                        "plan": case.plan_id,
                        "line": case.line_id,
                        "case": case,
                        "amount": case.amount,
                        "reason": self.env._(
                            "Non-cooperation confirmed in case %s.", case.name
                        ),
                    }
                ]
            )

    def action_open_refuse_wizard(self):
        self._ensure_state("office_review", "group_review")
        return self._open_reason_wizard("case_refuse")

    def action_refuse(self, reason=None):
        """Refuse at either review; nothing is fined."""
        reason = self._require_reason(reason)
        self._ensure_state("office_review", "group_review")
        for case in self:
            case._check_reviewer(
                OFFICER_GROUP if case.state == "office_review" else ADMIN_GROUP
            )
        self.sudo().write({"state": "refused", "refuse_reason": reason})
        self.activity_unlink([ACTIVITY_TYPE])

    def action_view_penalties(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Fines"),
            "res_model": "hr.work.plan.penalty",
            "view_mode": "list,form",
            "domain": [("case_id", "=", self.id)],
        }

    def _reason_wizard_field(self):
        return "case_ids"
