# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import groupby

from .xlsx_table import Column, Formats, write_rows, write_table, write_totals

# the fields of a penalty written as text, with their column widths
FIELDS = [
    ("date", 12),
    ("employee_id", 22),
    ("department_id", 30),
    ("kind", 14),
    ("rule_id", 26),
    ("reason", 40),
    ("plan_id", 30),
    ("state", 12),
]
# the kinds that carry an amount, each in a column of its own that totals
AMOUNT_KINDS = ("fine", "fault_slip", "reward")


class HrWorkPlanPenaltyLedgerXlsx(models.AbstractModel):
    _name = "report.hr_work_plan_report.penalty_ledger_xlsx"
    _description = "Fines and Rewards Ledger Spreadsheet"
    _inherit = "report.report_xlsx.abstract"

    def _ledger_columns(self):
        Penalty = self.env["hr.work.plan.penalty"]
        info = Penalty.fields_get([name for name, _width in FIELDS], ["string"])
        kinds = dict(Penalty._fields["kind"]._description_selection(self.env))
        return [
            Column(info[name]["string"], width, "date" if name == "date" else "text")
            for name, width in FIELDS
        ] + [Column(kinds[kind], 14, "number", True) for kind in AMOUNT_KINDS]

    def _ledger_row(self, penalty, kinds, states):
        return [
            penalty.date,
            penalty.employee_id.name,
            penalty.department_id.complete_name,
            kinds.get(penalty.kind),
            penalty.rule_id.name,
            penalty.reason,
            penalty.plan_id.name,
            states.get(penalty.state),
        ] + [penalty.amount if penalty.kind == kind else None for kind in AMOUNT_KINDS]

    def generate_xlsx_report(self, workbook, data, penalties):
        """The selected fines, fault slips, rewards and notices by department
        and employee, each employee and department with its subtotal, and the
        grand total: SUBTOTAL formulas, so that a total leaves out the
        subtotals inside its range."""
        env = self.env
        formats = Formats(workbook)
        sheet = workbook.add_worksheet(env._("Fines and Rewards"))
        columns = self._ledger_columns()
        Penalty = env["hr.work.plan.penalty"]
        kinds = dict(Penalty._fields["kind"]._description_selection(env))
        states = dict(Penalty._fields["state"]._description_selection(env))
        penalties = penalties.sorted(
            lambda penalty: (
                penalty.department_id.complete_name or "",
                penalty.department_id.id,
                penalty.employee_id.name or "",
                penalty.employee_id.id,
                penalty.date,
                penalty.id,
            )
        )
        row = first = write_table(sheet, 0, columns, [], formats)
        every_row = []
        for department, of_department in groupby(
            penalties, lambda penalty: penalty.department_id
        ):
            department_first = row
            department_rows = []
            for employee, of_employee in groupby(
                of_department, lambda penalty: penalty.employee_id
            ):
                rows = [
                    self._ledger_row(penalty, kinds, states) for penalty in of_employee
                ]
                employee_first = row
                row = write_rows(sheet, row, columns, rows, formats)
                write_totals(
                    sheet,
                    row,
                    columns,
                    (employee_first, row - 1),
                    rows,
                    formats,
                    env._("Total %s", employee.name),
                )
                row += 1
                department_rows += rows
            write_totals(
                sheet,
                row,
                columns,
                (department_first, row - 1),
                department_rows,
                formats,
                env._(
                    "Total %s",
                    department.complete_name or env._("without department"),
                ),
            )
            row += 1
            every_row += department_rows
        write_totals(
            sheet,
            row,
            columns,
            (first, row - 1),
            every_row,
            formats,
            env._("Grand Total"),
        )
