# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import models

from .xlsx_table import Column, Formats, write_cell, write_table

# characters a sheet name may not hold, and its longest length
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def sheet_name(name, taken):
    """``name`` as a sheet name: without forbidden characters, short enough,
    and not one of ``taken`` (sheet names are unique whatever their case)."""
    base = SHEET_NAME_FORBIDDEN.sub(" ", name).strip()[:SHEET_NAME_LENGTH] or "-"
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


class HrWorkPlanFormXlsx(models.AbstractModel):
    """月度工作计划考核表 / 周工作计划及检查表: one sheet per plan, its
    header, its items by category, its totals and the signatures."""

    _name = "report.hr_work_plan_report.plan_form_xlsx"
    _description = "Work Plan Form Spreadsheet"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, plans):
        formats = Formats(workbook)
        labels = self._labels()
        taken = set()
        for plan in plans:
            sheet = workbook.add_worksheet(sheet_name(plan.display_name, taken))
            sheet.set_landscape()
            sheet.fit_to_pages(1, 0)
            self._write_plan(sheet, plan, formats, labels)

    def _labels(self):
        Line = self.env["hr.work.plan.line"]
        fields_info = Line.fields_get(
            ["completion", "efficiency", "quality", "line_type"],
            attributes=["selection"],
        )
        return {name: dict(info["selection"]) for name, info in fields_info.items()}

    def _columns(self):
        return [
            Column(self.env._("Category"), 14),
            Column(self.env._("Content"), 40),
            Column(self.env._("Output / Completion Standard"), 28),
            Column(self.env._("Weight"), 9, "number", True),
            Column(self.env._("Deadline"), 12, "date"),
            Column(self.env._("Responsible"), 14),
            Column(self.env._("Cooperating Departments"), 20),
            Column(self.env._("Completion or Measure"), 18),
            Column(self.env._("Efficiency"), 11),
            Column(self.env._("Quality"), 11),
            Column(self.env._("Self Score"), 9, "number", True),
            Column(self.env._("Manager Score"), 10, "number", True),
            Column(self.env._("Final Score"), 9, "number", True),
        ]

    def _write_plan(self, sheet, plan, formats, labels):
        sheet.write_string(0, 0, plan.display_name, formats.title)
        header = [
            (self.env._("Department"), plan.department_id.complete_name, "text"),
            (self.env._("Owner"), plan.employee_id.name, "text"),
            (self.env._("Approver"), plan.approver_id.name, "text"),
            (self.env._("Policy"), plan.policy_id.name, "text"),
            (self.env._("From"), plan.date_from, "date"),
            (self.env._("To"), plan.date_to, "date"),
            (self.env._("Submitted on"), plan.submitted_on, "date"),
            (self.env._("Approved on"), plan.approved_on, "date"),
            (self.env._("Assessed on"), plan.assessed_on, "date"),
        ]
        for index, (label, value, kind) in enumerate(header):
            row, col = 1 + index // 2, (index % 2) * 6
            sheet.write_string(row, col, label, formats.label)
            write_cell(sheet, row, col + 1, value or None, kind, formats)
        top = 2 + (len(header) + 1) // 2
        rows = [self._item_row(line, labels) for line in self._items(plan)]
        row = write_table(
            sheet, top, self._columns(), rows, formats, total_label=self.env._("Total")
        )
        self._write_result(sheet, row + 1, plan, formats)

    def _items(self, plan):
        """The plan's items by category, in the policy's order of categories."""
        items = plan.line_ids.filtered(lambda line: not line.display_type)
        return items.sorted(
            lambda line: (line.category_id.sequence, line.category_id.id, line.sequence)
        )

    def _item_row(self, line, labels):
        task = line.line_type == "task"
        progress = (
            labels["completion"].get(line.completion)
            if task
            else line.indicator_summary
        )
        return [
            line.category_id.name or None,
            line.name,
            line.deliverable or None,
            line.weight,
            line.deadline or None,
            line.responsible_id.name or None,
            ", ".join(line.cooperating_department_ids.mapped("complete_name")) or None,
            progress or None,
            labels["efficiency"].get(line.efficiency) if task else None,
            labels["quality"].get(line.quality) if task else None,
            line.score_self if task else None,
            line.score_manager if task or line.line_type == "rubric" else None,
            line.score_final,
        ]

    def _write_result(self, sheet, row, plan, formats):
        result = [
            (self.env._("Final Score"), plan.score_final, "number"),
            (self.env._("Grade"), plan.grade_id.display_name or None, "text"),
            (
                self.env._("Coefficient"),
                plan.coefficient if plan.grade_id else None,
                "number",
            ),
            (self.env._("Rank"), plan.rank or None, "integer"),
        ]
        for offset, (label, value, kind) in enumerate(result):
            sheet.write_string(row + offset, 0, label, formats.label)
            write_cell(sheet, row + offset, 1, value, kind, formats)
        row += len(result) + 1
        for col, label in (
            (0, self.env._("Owner's signature")),
            (4, self.env._("Approver's signature")),
            (9, self.env._("HR's signature")),
        ):
            sheet.write_string(row, col, label, formats.label)
            sheet.write_string(row + 2, col, self.env._("Date:"), formats.label)
