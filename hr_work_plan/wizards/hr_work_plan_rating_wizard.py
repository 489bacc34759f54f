# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.hr_work_plan_rating import RATING_ROLES


class HrWorkPlanRatingWizard(models.TransientModel):
    _name = "hr.work.plan.rating.wizard"
    _description = "Rate a Colleague's Work Plan"

    # a default, not a computation: the dialog opens on a new record, whose
    # fields without dependencies the form's first onchange leaves empty
    colleague_ids = fields.Many2many(
        "hr.employee.public",
        string="Colleagues to Rate",
        default=lambda self: self._owners_to_rate(),
        readonly=True,
        help="Colleagues whose plan waits for your rating.",
    )
    employee_id = fields.Many2one(
        "hr.employee.public",
        string="Colleague",
        required=True,
        default=lambda self: self._default_employee_id(),
        domain="[('id', 'in', colleague_ids)]",
    )
    role = fields.Selection(
        RATING_ROLES,
        string="You Rate As",
        required=True,
        compute="_compute_role",
        store=True,
        readonly=False,
        precompute=True,
    )
    score = fields.Float(required=True)
    comment = fields.Text()

    @api.model
    def _default_employee_id(self):
        """The colleague to rate, when there is one only."""
        owners = self._owners_to_rate()
        return owners if len(owners) == 1 else owners.browse()

    @api.model
    def _owners_to_rate(self):
        to_rate = self.env["hr.work.plan.rating"]._plans_to_rate()
        owners = self.env["hr.employee"].union(*(plan.employee_id for plan in to_rate))
        return self.env["hr.employee.public"].browse(owners.ids)

    @api.depends("employee_id")
    def _compute_role(self):
        to_rate = self.env["hr.work.plan.rating"]._plans_to_rate()
        roles = {plan.employee_id.id: role for plan, role in to_rate.items()}
        for wizard in self:
            wizard.role = roles.get(wizard.employee_id.id, wizard.role)

    def action_confirm(self):
        """Rate the colleague's plan waiting for the rating, else their
        latest plan waiting for its assessment."""
        self.ensure_one()
        asked = [
            plan
            for plan in self.env["hr.work.plan.rating"]._plans_to_rate()
            if plan.employee_id.id == self.employee_id.id
        ]
        plan = (
            asked[0]
            if asked
            else self.env["hr.work.plan"]
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
