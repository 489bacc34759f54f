# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.hr_work_plan.models.hr_work_plan_policy import PERIOD_LENGTH


class HrWorkPlanPolicy(models.Model):
    _inherit = "hr.work.plan.policy"

    payroll_combine = fields.Selection(
        [
            ("longest", "The longest plan"),
            ("average", "The average of the plans"),
        ],
        string="Several Plans in a Payslip",
        default="longest",
        required=True,
        tracking=True,
        help="How the plans closed in one payslip's period make its score and "
        "coefficient: the plan of the longest period (a month plan over its "
        "week plans, a quarter plan over its months; plans of the same length "
        "are averaged), or the average of them all.",
    )
    payroll_no_plan = fields.Selection(
        [
            ("full", "Coefficient 1.0: plan pay in full"),
            ("none", "Coefficient 0: no plan pay"),
        ],
        string="Without a Closed Plan",
        default="full",
        required=True,
        tracking=True,
        help="The coefficient of an employee with no closed plan in the "
        "payslip's period; the payslip shows a warning.",
    )

    def _distance_to_period(self, date_from, date_to):
        """How many days this policy's period is longer or shorter than the
        period from ``date_from`` to ``date_to``."""
        self.ensure_one()
        length = (date_from + PERIOD_LENGTH[self.period_type] - date_from).days
        return abs(length - ((date_to - date_from).days + 1))
