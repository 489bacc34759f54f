# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrWorkPlanTemplate(models.Model):
    """The indicator items every plan of a job or department starts with,
    each period: generating a cycle's plans puts them in."""

    _name = "hr.work.plan.template"
    _description = "Work Plan Template"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "policy_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    job_ids = fields.Many2many(
        "hr.job",
        string="Jobs",
        check_company=True,
        help="The jobs whose plans take this template; none for every job.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        check_company=True,
        help="The departments, with those under them, whose plans take this "
        "template; none for every department.",
    )
    line_ids = fields.One2many(
        "hr.work.plan.template.line", "template_id", string="Items", copy=True
    )
    total_weight = fields.Float(compute="_compute_total_weight")

    @api.depends("line_ids.weight", "line_ids.indicator_id.line_type")
    def _compute_total_weight(self):
        for template in self:
            template.total_weight = sum(
                line.weight
                for line in template.line_ids
                if line.indicator_id.line_type not in ("bonus", "veto")
            )

    def _fit(self, employee, department):
        """How closely the template fits an owner: 0 when it does not, more
        for a job and a department named."""
        self.ensure_one()
        if self.job_ids and employee.job_id not in self.job_ids:
            return 0
        departments = self.department_ids
        if departments:
            line = department
            while line and line not in departments:
                line = line.parent_id
            if not line:
                return 0
        return 1 + 2 * bool(self.job_ids) + bool(departments)

    def _item_values(self):
        """The plan items the template gives, as create values."""
        self.ensure_one()
        return [
            {
                "name": line.name or line.indicator_id.name,
                "indicator_id": line.indicator_id.id,
                "category_id": line.category_id.id,
                "weight": line.weight,
                "target": line.target,
                "sequence": line.sequence,
            }
            for line in self.line_ids
        ]
