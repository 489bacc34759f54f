# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.float_utils import float_compare

# the payslip inputs the bridge fills, in the order they are shown
WORK_PLAN_CODES = ("WP_SCORE", "WP_COEF", "WP_RATIO", "WP_FINE", "WP_REWARD")


# what only the bridge decides on a work plan input line
BRIDGE_FIELDS = (
    "amount",
    "work_plan_ids",
    "work_plan_penalty_ids",
    "work_plan_origin",
    "work_plan_missing",
)
# an outside change to these may make a line a work plan input, or another one
LINE_KEY_FIELDS = ("code", "contract_id", "payslip_id")


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

    @api.constrains("work_plan_ids", "work_plan_penalty_ids", "payslip_id")
    def _check_work_plan_sources(self):
        """An input is taken from the payslip employee's own plans and fines."""
        for line in self.sudo():
            strangers = [
                record
                for record in (*line.work_plan_ids, *line.work_plan_penalty_ids)
                if record.employee_id != line.payslip_id.employee_id
            ]
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Payslip %(payslip)s takes only the work plans and fines of "
                        "%(employee)s, not %(records)s.",
                        payslip=line.payslip_id.display_name,
                        employee=line.payslip_id.employee_id.name,
                        records=", ".join(record.display_name for record in strangers),
                    )
                )

    # ------------------------------------------------------------------
    # outside edits: only what the bridge would write

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines._check_bridge_values()
        return lines

    def write(self, vals):
        outside = not self.env.su and set(vals) & {*BRIDGE_FIELDS, *LINE_KEY_FIELDS}
        before = self.filtered("is_work_plan_input").payslip_id if outside else None
        result = super().write(vals)
        if outside:
            self._check_bridge_values(before)
        return result

    def unlink(self):
        if not self.env.su:
            self.filtered("is_work_plan_input").payslip_id._work_plan_inputs_edited()
        return super().unlink()

    def _check_bridge_values(self, payslips=None):
        """Refuse lines that say other than the bridge finds: a work plan
        input takes its amount and sources from the bridge, any other line
        has no work plan sources. The payslips touched are to compute again."""
        # a refund repeats its payslip's inputs, and pays nothing
        lines = self.sudo().filtered(lambda line: not line.payslip_id.credit_note)
        inputs = lines.filtered("is_work_plan_input")
        expected = inputs.payslip_id._expected_work_plan_inputs()
        for line in lines:
            wanted = expected.get(line.payslip_id, {}).get(
                (line.code, line.contract_id)
            )
            if line.is_work_plan_input:
                forged = wanted is None or line._work_plan_changes(wanted)
            else:
                forged = any(line[name] for name in BRIDGE_FIELDS[1:])
            if forged:
                raise UserError(
                    self.env._(
                        "Input %(code)s of payslip %(payslip)s is filled by the "
                        "work plan bridge from the closed plans and confirmed fines: "
                        "compute the payslip instead of editing it.",
                        code=line.code,
                        payslip=line.payslip_id.display_name,
                    )
                )
        (
            inputs.payslip_id | (payslips or self.env["hr.payslip"])
        )._work_plan_inputs_edited()

    def _work_plan_changes(self, values):
        """The fields of this line that differ from ``values`` (of the
        bridge), with the values to write."""
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
        return changes
