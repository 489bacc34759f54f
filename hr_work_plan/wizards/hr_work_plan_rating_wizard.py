# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.hr_work_plan_rating import RATING_ROLES


class HrWorkPlanRatingWizard(models.TransientModel):
    _name = "hr.work.plan.rating.wizard"
    _description = "Rate a Colleague's Work Plan"

    employee_id = fields.Many2one(
        "hr.employee.public", string="Colleague", required=True
    )
    role = fields.Selection(RATING_ROLES, string="You Rate As", required=True)
    score = fields.Float(required=True)
    comment = fields.Text()

    def action_confirm(self):
        """Rate the colleague's plan waiting for its assessment."""
        self.ensure_one()
        plan = (
            self.env["hr.work.plan"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", self.employee_id.id),
                    ("state", "=", "self_assessed"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                order="date_from desc",
                limit=1,
            )
        )
        if not plan:
            raise UserError(
                self.env._(
                    "%s has no plan waiting for its assessment.", self.employee_id.name
                )
            )
        self.env["hr.work.plan.rating"].create(
            {
                "plan_id": plan.id,
                "role": self.role,
                "score": self.score,
                "comment": self.comment,
            }
        )
        return {"type": "ir.actions.act_window_close"}
