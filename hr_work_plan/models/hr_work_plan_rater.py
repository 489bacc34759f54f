# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

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
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
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
        self._check_range("weight", 0, 100)
