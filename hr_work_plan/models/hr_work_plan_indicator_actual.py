# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# what a row of actuals may give its item
MEASURE_FIELDS = ("actual", "numerator", "denominator", "excluded", "units")


class HrWorkPlanIndicatorActual(models.Model):
    """A row of actuals entered for a cycle: employee, indicator and what was
    measured. Rows are imported from a spreadsheet with Odoo's import; each
    one writes its measure into the indicator item of the employee's plan,
    as its scorer would, and stays as the record of who entered what."""

    _name = "hr.work.plan.indicator.actual"
    _description = "Indicator Actual"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "id desc"
    _check_company_auto = True

    cycle_id = fields.Many2one(
        "hr.work.plan.cycle",
        required=True,
        index=True,
        default=lambda self: self.env.context.get("default_cycle_id"),
        check_company=True,
    )
    company_id = fields.Many2one(related="cycle_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, check_company=True)
    indicator_id = fields.Many2one("hr.work.plan.indicator", required=True)
    actual = fields.Float()
    numerator = fields.Float()
    denominator = fields.Float()
    excluded = fields.Float()
    units = fields.Float()
    line_id = fields.Many2one("hr.work.plan.line", string="Item", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        items = rows._find_items()
        for row, vals in zip(rows, vals_list, strict=True):
            item = items[row]
            item.write({name: vals[name] for name in MEASURE_FIELDS if name in vals})
            row.sudo().line_id = item
        return rows

    def write(self, vals):
        if not self.env.su:
            raise ValidationError(
                self.env._("Entered actuals are kept as they are: enter new ones.")
            )
        return super().write(vals)

    def _find_items(self):
        """row → the indicator item of its employee's plan in its cycle."""
        lines = (
            self.env["hr.work.plan.line"]
            .sudo()
            .search(
                [
                    ("plan_id.cycle_id", "in", self.cycle_id.ids),
                    ("plan_id.employee_id", "in", self.employee_id.ids),
                    ("indicator_id", "in", self.indicator_id.ids),
                    ("display_type", "=", False),
                ]
            )
        )
        by_key = {
            (line.plan_id.cycle_id, line.plan_id.employee_id, line.indicator_id): line
            for line in lines
        }
        items = {}
        for row in self:
            line = by_key.get((row.cycle_id, row.employee_id, row.indicator_id))
            if not line:
                raise ValidationError(
                    self.env._(
                        "The plan of %(employee)s in %(cycle)s has no item of "
                        "indicator %(indicator)s.",
                        employee=row.employee_id.name,
                        cycle=row.cycle_id.display_name,
                        indicator=row.indicator_id.name,
                    )
                )
            items[row] = line.with_env(self.env)
        return items
