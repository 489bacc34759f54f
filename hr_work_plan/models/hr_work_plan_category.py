# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .hr_work_plan_policy import MAX_TOTAL_POINTS


class HrWorkPlanCategory(models.Model):
    _name = "hr.work.plan.category"
    _description = "Work Plan Item Category"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    points_total = fields.Float(
        string="Full Marks",
        help="Full marks of this category when it is scored on its own "
        "(e.g. 100 each for routine, key and ad hoc work).",
    )
    weight = fields.Float(
        help="Share of this category in the plan score; the weight of a category "
        "with no item is spread over the others."
    )
    multiplier = fields.Float(
        default=1.0,
        help="Without category weights, the category's points count this many "
        "times (物流: performance × 4, skills × 2, quality × 2, attitude × 2).",
    )
    counts_in_total = fields.Boolean(
        default=True,
        help="Off for leader-assigned tasks and emergencies that sit on top of "
        "the plan total.",
    )
    added_by = fields.Selection(
        [
            ("owner", "Plan Owner"),
            ("approver", "Approver"),
            ("handler", "Handling Department"),
        ],
        required=True,
        default="owner",
    )
    addable_after_approval = fields.Boolean(
        help="Items of this category may be added to an approved plan, by whom "
        "the category says: leader tasks, emergencies."
    )
    is_carry_over = fields.Boolean(
        string="Carried-over Items",
        help="Unfinished items of the previous period are carried over into "
        "this category.",
    )

    _sql_constraints = [
        (
            "code_policy_uniq",
            "unique(code, policy_id)",
            "A category code must be unique within its policy.",
        ),
    ]

    @api.constrains("weight", "points_total", "multiplier")
    def _check_numbers(self):
        self._check_range("weight", 0, MAX_TOTAL_POINTS)
        self._check_range("points_total", 0, MAX_TOTAL_POINTS)
        self._check_range("multiplier", 0, 10)
