# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

FINDINGS = [
    ("unfair_rating", "Unfair rating"),
    ("shielding", "Superior shielding a subordinate"),
    ("false_completion", "Reported done but not done"),
    ("omitted_item", "Important item omitted"),
    ("improper_approval", "Improper approval"),
    ("other", "Other"),
]


class HrWorkPlanCheck(models.Model):
    _name = "hr.work.plan.check"
    _description = "Work Plan Spot Check"
    _inherit = ["hr.work.plan.guard.mixin", "mail.thread", "hr.work.plan.state.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    plan_id = fields.Many2one(
        "hr.work.plan",
        required=True,
        index=True,
        check_company=True,
        domain="[('state', 'in', ('assessed', 'done'))]",
        tracking=True,
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    employee_id = fields.Many2one(related="plan_id.employee_id", store=True)
    approver_id = fields.Many2one(related="plan_id.approver_id")
    date = fields.Date(default=fields.Date.context_today, required=True)
    checked_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    finding_ids = fields.One2many(
        "hr.work.plan.check.finding", "check_id", string="Findings", copy=True
    )
    note = fields.Text(string="Conclusion")

    @api.depends("plan_id", "date")
    def _compute_name(self):
        for check in self:
            check.name = self.env._(
                "Check of %(plan)s on %(date)s",
                plan=check.plan_id.display_name,
                date=format_date(self.env, check.date),
            )

    @api.constrains("plan_id")
    def _check_plan_assessed(self):
        for check in self:
            if check.plan_id.state not in ("assessed", "done"):
                raise UserError(
                    self.env._(
                        "Spot checks look at assessed or closed plans; %s is not.",
                        check.plan_id.display_name,
                    )
                )
        self.finding_ids._check_item()

    def write(self, vals):
        if not self.env.su and self.filtered(lambda check: check.state != "draft"):
            raise UserError(self.env._("A confirmed spot check cannot be changed."))
        return super().write(vals)

    def action_confirm(self):
        """Confirm the findings; items reported done falsely are marked so."""
        self._ensure_state("draft")
        false_items = self.finding_ids.filtered(
            lambda finding: finding.finding == "false_completion"
        ).line_id
        self.check_access("write")
        false_items.sudo().write({"reported_done_falsely": True})
        self._move_to("confirmed")


class HrWorkPlanCheckFinding(models.Model):
    _name = "hr.work.plan.check.finding"
    _description = "Work Plan Spot Check Finding"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "check_id, id"
    _check_company_auto = True

    check_id = fields.Many2one(
        "hr.work.plan.check", required=True, ondelete="cascade", index=True
    )
    plan_id = fields.Many2one(related="check_id.plan_id")
    company_id = fields.Many2one(related="check_id.company_id", store=True)
    finding = fields.Selection(FINDINGS, required=True)
    line_id = fields.Many2one(
        "hr.work.plan.line",
        string="Item",
        domain="[('plan_id', '=', plan_id), ('display_type', '=', False)]",
    )
    responsible_id = fields.Many2one(
        "hr.employee",
        compute="_compute_responsible_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Who answers for the finding: the owner for their items, the "
        "approver for ratings, shielding and approvals.",
    )
    description = fields.Text()

    @api.depends("finding", "check_id.plan_id")
    def _compute_responsible_id(self):
        for finding in self:
            plan = finding.check_id.plan_id
            superior_findings = ("unfair_rating", "shielding", "improper_approval")
            finding.responsible_id = (
                plan.approver_id
                if finding.finding in superior_findings
                else plan.employee_id
            )

    @api.constrains("finding", "line_id", "check_id")
    def _check_item(self):
        for finding in self:
            if finding.finding == "false_completion" and not finding.line_id:
                raise UserError(
                    self.env._("Say which item was reported done but was not.")
                )
            if finding.line_id and finding.line_id.plan_id != finding.check_id.plan_id:
                raise ValidationError(
                    self.env._(
                        "A finding of the check of %s is about an item of that plan.",
                        finding.check_id.plan_id.display_name,
                    )
                )
