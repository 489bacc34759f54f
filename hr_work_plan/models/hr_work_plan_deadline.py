# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

STAGES = [
    ("submit", "Submit the plan"),
    ("approve", "Approve the plan"),
    ("self_assess", "Self-assess"),
    ("assess", "Assess"),
    ("report", "Report the results"),
]


class HrWorkPlanDeadline(models.Model):
    _name = "hr.work.plan.deadline"
    _description = "Work Plan Deadline"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "hr.work.plan.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    stage = fields.Selection(STAGES, required=True)
    position = fields.Selection(
        [
            ("before", "Before the period"),
            ("in", "In the period"),
            ("after", "After the period"),
        ],
        required=True,
        default="before",
        help="Before: the month (week) before the period starts; in: the "
        "period's last month (week); after: the month (week) after it ends.",
    )
    day = fields.Integer(
        required=True,
        default=1,
        help="Day of the month, or weekday (1 = Monday … 7 = Sunday) for weekly "
        "plans. Negative days count from the end: -1 is the last day.",
    )
    hour = fields.Float(
        default=18.0, help="Time of day, in the employee's working time zone."
    )
    working_days = fields.Boolean(
        help="Count the day in working days of the employee's working schedule "
        "(-1 = the last working day). Otherwise a calendar day falling on a day "
        "off moves to the next working day."
    )

    _sql_constraints = [
        (
            "stage_policy_uniq",
            "unique(policy_id, stage)",
            "A policy has one deadline per stage.",
        ),
    ]

    @api.constrains("day", "hour", "policy_id")
    def _check_day_hour(self):
        for deadline in self:
            limit = 7 if deadline.policy_id.period_type == "week" else 31
            if not deadline.day or abs(deadline.day) > limit:
                raise ValidationError(
                    self.env._(
                        "The day of a deadline must be between 1 and %(limit)s, "
                        "or between -1 and -%(limit)s counted from the end.",
                        limit=limit,
                    )
                )
            if not 0 <= deadline.hour <= 24:  # false for NaN too
                raise ValidationError(
                    self.env._("The hour of a deadline must be between 0 and 24.")
                )
