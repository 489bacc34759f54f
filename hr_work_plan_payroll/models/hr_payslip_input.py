# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.tools.float_utils import float_compare

# the payslip inputs the bridge fills, in the order they are shown
WORK_PLAN_CODES = ("WP_SCORE", "WP_COEF", "WP_RATIO", "WP_FINE", "WP_REWARD")


def work_plan_line_values(values):
    """The fields of an input line from the bridge's values of one code:
    ``amount``, ``origin``, ``missing``, ``plan_ids``, ``penalty_ids``."""
    return {
        "amount": values.get("amount", 0.0),
        "work_plan_origin": values.get("origin", False),
        "work_plan_missing": values.get("missing", False),
        "work_plan_ids": [Command.set(values.get("plan_ids", []))],
        "work_plan_penalty_ids": [Command.set(values.get("penalty_ids", []))],
    }


class HrPayslipInput(models.Model):
    _inherit = "hr.payslip.input"

    work_plan_ids = fields.Many2many(
        "hr.work.plan",
        string="Work Plans",
        readonly=True,
        help="The closed plans this input was taken from.",
    )
    work_plan_penalty_ids = fields.Many2many(
        "hr.work.plan.penalty",
        string="Fines and Rewards",
        readonly=True,
        help="The confirmed fines, fault slips or rewards this input adds up.",
    )
    work_plan_origin = fields.Char(
        string="Taken From",
        readonly=True,
        help="Where the work plan bridge took this amount from.",
    )
    work_plan_missing = fields.Boolean(
        readonly=True,
        help="No closed plan was found: the amount is the policy's choice.",
    )
    is_work_plan_input = fields.Boolean(compute="_compute_is_work_plan_input")

    @api.depends("code")
    def _compute_is_work_plan_input(self):
        for line in self:
            line.is_work_plan_input = line.code in WORK_PLAN_CODES

    def _update_work_plan_values(self, values):
        """Write ``values`` (of the bridge) where the line differs from them."""
        self.ensure_one()
        changes = {}
        for name, value in work_plan_line_values(values).items():
            field = self._fields[name]
            if field.type == "many2many":
                differs = set(self[name].ids) != set(value[0][2])
            elif field.type == "float":
                differs = float_compare(self[name], value, precision_digits=6) != 0
            else:
                differs = self[name] != value
            if differs:
                changes[name] = value
        if changes:
            self.write(changes)
