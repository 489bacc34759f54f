# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrWorkPlanLine(models.Model):
    _name = "hr.work.plan.line"
    _description = "Work Plan Item"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "hr.work.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    policy_id = fields.Many2one(related="plan_id.policy_id")
    sequence = fields.Integer(default=10)
    display_type = fields.Selection(
        [("line_section", "Section"), ("line_note", "Note")], default=False
    )
    category_id = fields.Many2one(
        "hr.work.plan.category",
        domain="[('policy_id', '=', policy_id)]",
        ondelete="restrict",
    )
    name = fields.Text(string="Content", required=True)
    deliverable = fields.Text(string="Output / Completion Standard")
    deadline = fields.Date()
    weight = fields.Float()
    responsible_id = fields.Many2one("hr.employee", check_company=True)
    assistant_ids = fields.Many2many("hr.employee", string="Assistants")
    cooperating_department_ids = fields.Many2many(
        "hr.department", string="Cooperating Departments"
    )
    carried_from_id = fields.Many2one(
        "hr.work.plan.line", string="Carried Over From", readonly=True, copy=False
    )
    line_type = fields.Selection(
        [
            ("task", "Task"),
            ("kpi", "KPI"),
            ("rubric", "Rubric"),
            ("checklist", "Checklist"),
            ("deduction", "Deduction"),
            ("bonus", "Bonus"),
            ("veto", "Veto"),
        ],
        default="task",
        required=True,
    )
    completion = fields.Selection(
        [
            ("done", "Done"),
            ("partial", "Partly Done"),
            ("not_done", "Not Done"),
            ("cancelled", "Cancelled"),
        ]
    )
    completion_percent = fields.Float(string="Completion (%)")
    done_date = fields.Date()
    efficiency = fields.Selection([("on_time", "On Time"), ("late", "Late")])
    quality = fields.Selection(
        [
            ("excellent", "Excellent"),
            ("good", "Good"),
            ("pass", "Pass"),
            ("improve", "Needs Improvement"),
        ]
    )
    score_self = fields.Float(string="Self Score")
    score_manager = fields.Float(string="Manager Score")
    score_final = fields.Float(string="Final Score", readonly=True)

    @api.constrains("weight", "completion_percent")
    def _check_values(self):
        for line in self:
            if line.weight < 0:
                raise ValidationError(
                    self.env._("The weight of item “%s” cannot be negative.", line.name)
                )
            if not 0 <= line.completion_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "The completion of item “%s” must be between 0 and 100%%.",
                        line.name,
                    )
                )
