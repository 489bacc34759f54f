# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATER_ROLES = [
    ("self", "Self"),
    ("direct_manager", "Direct Superior"),
    ("second_manager", "Next-level Superior"),
    ("department_manager", "Department Manager"),
    ("peer", "Peers"),
    ("subordinate", "Subordinates"),
]


class HrWorkPlanRater(models.Model):
    _name = "hr.work.plan.rater"
    _description = "Work Plan Rater"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    role = fields.Selection(RATER_ROLES, required=True)
    weight = fields.Float(
        help="Share of this rater in the final score; 0 records the rating "
        "without counting it."
    )

    _sql_constraints = [
        ("role_uniq", "unique(policy_id, role)", "Each rater role appears once."),
    ]

    @api.constrains("weight")
    def _check_weight(self):
        for rater in self:
            if rater.weight < 0:
                raise ValidationError(self.env._("A rater weight cannot be negative."))
