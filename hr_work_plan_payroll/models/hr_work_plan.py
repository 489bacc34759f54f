# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# steps that would change the result of a plan a payslip has paid
PAID_LOCKED_STEPS = ("reopen",)


class HrWorkPlan(models.Model):
    _inherit = "hr.work.plan"

    paid_payslip_id = fields.Many2one(
        "hr.payslip",
        string="Paid by Payslip",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        help="The confirmed payslip that paid this plan's result. Until it is "
        "cancelled or refunded, the plan is not reopened nor revised.",
    )
    is_paid = fields.Boolean(
        string="Paid", compute="_compute_is_paid", store=True, readonly=True
    )

    @api.depends("paid_payslip_id")
    def _compute_is_paid(self):
        for plan in self:
            plan.is_paid = bool(plan.paid_payslip_id)

    def _period_days(self):
        self.ensure_one()
        return (self.date_to - self.date_from).days + 1

    def _may(self, step):
        return super()._may(step) and not (step in PAID_LOCKED_STEPS and self.is_paid)

    def _check_may(self, step):
        if step in PAID_LOCKED_STEPS:
            self._check_not_paid()
        return super()._check_may(step)

    def _revise_final_score(self, score):
        self._check_not_paid()
        return super()._revise_final_score(score)

    def _assign_final_scores(self):
        """A paid plan keeps the result it was paid for."""
        return super(HrWorkPlan, self._unpaid())._assign_final_scores()

    def _apply_department_coefficients(self):
        return super(HrWorkPlan, self._unpaid())._apply_department_coefficients()

    def _unpaid(self):
        return self.filtered(lambda plan: not plan.is_paid)

    def _check_not_paid(self):
        paid = self.sudo().filtered("paid_payslip_id")
        if paid:
            raise UserError(
                self.env._(
                    "Plan %(plan)s was paid by payslip %(payslip)s: cancel or "
                    "refund the payslip before changing the plan's result.",
                    plan=paid[0].display_name,
                    payslip=paid[0].paid_payslip_id.display_name,
                )
            )

    def action_view_paid_payslip(self):
        self.ensure_one()
        return self.paid_payslip_id._get_records_action(
            name=self.paid_payslip_id.display_name
        )
