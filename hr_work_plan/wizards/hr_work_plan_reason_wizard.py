# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrWorkPlanReasonWizard(models.TransientModel):
    _name = "hr.work.plan.reason.wizard"
    _description = "Reason for Rejecting, Reopening or Refusing"
    _inherit = ["hr.work.plan.guard.mixin"]

    # What the dialog is about comes from the button that opens it; the
    # action it confirms checks who may act on those records.

    action = fields.Selection(
        [
            ("reject", "Reject the plan"),
            ("review", "Change the scores in review"),
            ("reopen", "Reopen the plan"),
            ("rescore", "Score the plan again under its policy"),
            ("refuse", "Refuse the change"),
            ("override", "Close over the quotas"),
            ("appeal_refuse", "Refuse the appeal"),
            ("appeal_resolve", "Answer the appeal"),
        ],
        required=True,
    )
    plan_ids = fields.Many2many("hr.work.plan")
    change_ids = fields.Many2many("hr.work.plan.change")
    cycle_ids = fields.Many2many("hr.work.plan.cycle")
    appeal_ids = fields.Many2many("hr.work.plan.appeal")
    revise_score = fields.Boolean(string="Revise the Score")
    revised_score = fields.Float()
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        reason = self.reason
        result = None
        if self.action == "refuse":
            result = self.change_ids.action_refuse(reason)
        elif self.action == "appeal_refuse":
            self.appeal_ids.action_refuse(reason)
        elif self.action == "appeal_resolve":
            self.appeal_ids.action_resolve(
                reason, self.revised_score if self.revise_score else None
            )
        elif self.action == "override":
            self.cycle_ids.action_close(override_reason=reason)
        elif self.action == "review":
            self.plan_ids.action_review_scores(self.revised_score, reason)
        elif self.action == "reject":
            result = self.plan_ids.action_reject(reason)
        elif self.action == "rescore":
            self.plan_ids.action_rescore(reason)
        else:
            self.plan_ids.action_reopen(reason)
        # a decision on a selection says which records it left alone
        if isinstance(result, dict):
            return result
        return {"type": "ir.actions.act_window_close"}
