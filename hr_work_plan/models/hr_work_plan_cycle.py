# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

CYCLE_STATES = [
    ("draft", "Draft"),
    ("planning", "Planning"),
    ("executing", "Executing"),
    ("assessing", "Assessing"),
    ("closed", "Closed"),
]


class HrWorkPlanCycle(models.Model):
    _name = "hr.work.plan.cycle"
    _description = "Work Plan Cycle"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_type = fields.Selection(related="policy_id.period_type")
    date_from = fields.Date(required=True, tracking=True)
    date_to = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        CYCLE_STATES, default="draft", required=True, tracking=True, copy=False
    )
    plan_ids = fields.One2many("hr.work.plan", "cycle_id", string="Plans")
    plan_count = fields.Integer(compute="_compute_plan_count")

    _sql_constraints = [
        (
            "policy_period_uniq",
            "unique(policy_id, date_from)",
            "A policy has one cycle per period.",
        ),
    ]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for cycle in self:
            if cycle.date_to < cycle.date_from:
                raise ValidationError(
                    self.env._("Cycle %s ends before it starts.", cycle.display_name)
                )

    def _compute_plan_count(self):
        counts = dict(
            self.env["hr.work.plan"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        for cycle in self:
            cycle.plan_count = counts.get(cycle, 0)

    def action_view_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_work_plan.hr_work_plan_action_all"
        )
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"default_cycle_id": self.id}
        return action
