# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_work_plan_policy import MAX_TOTAL_POINTS


class HrWorkPlanTemplateLine(models.Model):
    _name = "hr.work.plan.template.line"
    _description = "Work Plan Template Item"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "hr.work.plan.template", required=True, ondelete="cascade", index=True
    )
    policy_id = fields.Many2one(related="template_id.policy_id")
    sequence = fields.Integer(default=10)
    indicator_id = fields.Many2one(
        "hr.work.plan.indicator", required=True, ondelete="restrict"
    )
    name = fields.Char(
        help="The item's wording in the plans; the indicator's name if empty."
    )
    category_id = fields.Many2one(
        "hr.work.plan.category",
        domain="[('policy_id', '=', policy_id)]",
        ondelete="restrict",
    )
    weight = fields.Float()
    target = fields.Float()

    @api.constrains("weight", "target")
    def _check_values(self):
        self._check_range("weight", 0, MAX_TOTAL_POINTS)
        self._check_range("target", 0, None)

    @api.constrains("category_id", "template_id")
    def _check_category_policy(self):
        for line in self.filtered("category_id"):
            if line.category_id.policy_id != line.template_id.policy_id:
                raise ValidationError(
                    self.env._(
                        "Category %(category)s belongs to another policy than "
                        "template %(template)s.",
                        category=line.category_id.name,
                        template=line.template_id.name,
                    )
                )
