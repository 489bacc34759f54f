# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter, defaultdict

from odoo import models

from odoo.addons.hr_work_plan.models.hr_work_plan import STAGE_FLOW
from odoo.addons.hr_work_plan_penalty.models.hr_work_plan_penalty_rule import FINE_KINDS

from .hr_work_plan_form_xlsx import sheet_name
from .xlsx_table import Column, Formats, write_table, write_totals

COUNTED_STATES = ("confirmed", "paid")


class HrWorkPlanCycleStatisticsXlsx(models.AbstractModel):
    """月工作计划完成情况统计表: a row per owner of the cycle, subtotals per
    department, and the distribution of the grades."""

    _name = "report.hr_work_plan_report.cycle_statistics_xlsx"
    _description = "Work Plan Cycle Statistics Spreadsheet"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, cycles):
        formats = Formats(workbook)
        taken = set()
        for cycle in cycles:
            sheet = workbook.add_worksheet(sheet_name(cycle.display_name, taken))
            self._write_cycle(sheet, cycle, formats)

    def _columns(self):
        stage_labels = {
            "submit": self.env._("Submitted on Time"),
            "approve": self.env._("Approved on Time"),
            "self_assess": self.env._("Self-assessed on Time"),
            "assess": self.env._("Assessed on Time"),
            "report": self.env._("Validated on Time"),
        }
        return [
            Column(self.env._("Department"), 28),
            Column(self.env._("Owner"), 22),
            Column(self.env._("State"), 13),
            *(Column(stage_labels[stage], 11, "bool") for stage in STAGE_FLOW),
            Column(self.env._("Final Score"), 10, "number"),
            Column(self.env._("Grade"), 10),
            Column(self.env._("Coefficient"), 11, "number"),
            Column(self.env._("Fines"), 11, "number", True),
            Column(self.env._("Rewards"), 11, "number", True),
            Column(self.env._("Rank"), 7, "integer"),
        ]

    def _write_cycle(self, sheet, cycle, formats):
        sheet.write_string(0, 0, cycle.display_name, formats.title)
        plans = cycle.plan_ids.sorted(
            lambda plan: (plan.department_id.complete_name or "", plan.employee_id.name)
        )
        money = self._penalties_by_employee(cycle, plans)
        states = dict(plans._fields["state"]._description_selection(self.env))
        columns = self._columns()
        by_department = defaultdict(list)
        for plan in plans:
            by_department[plan.department_id].append(
                self._plan_row(plan, states, money)
            )
        row = 2
        for department, rows in by_department.items():
            row = write_table(
                sheet,
                row,
                columns,
                rows,
                formats,
                total_label=self.env._("Subtotal %s", department.complete_name or ""),
                freeze=row == 2,
            )
            row += 1
        everything = [values for rows in by_department.values() for values in rows]
        write_totals(
            sheet, row, columns, (3, row - 1), everything, formats, self.env._("Total")
        )
        self._write_distribution(sheet, row + 2, plans, formats)

    def _penalties_by_employee(self, cycle, plans):
        """employee → (fines, rewards) confirmed or paid in the cycle's period."""
        groups = self.env["hr.work.plan.penalty"]._read_group(
            [
                ("employee_id", "in", plans.employee_id.ids),
                ("date", ">=", cycle.date_from),
                ("date", "<=", cycle.date_to),
                ("state", "in", COUNTED_STATES),
                ("kind", "in", (*FINE_KINDS, "reward")),
            ],
            ["employee_id", "kind"],
            ["amount:sum"],
        )
        money = defaultdict(lambda: [0.0, 0.0])
        for employee, kind, amount in groups:
            money[employee][0 if kind in FINE_KINDS else 1] += amount
        return money

    def _plan_row(self, plan, states, money):
        graded = plan.state != "cancelled" and bool(plan.grade_id)
        fines, rewards = money[plan.employee_id] if plan.employee_id else (0.0, 0.0)
        return [
            plan.department_id.complete_name or None,
            plan.employee_id.name or None,
            states.get(plan.state),
            *(self._on_time(plan, stage) for stage in STAGE_FLOW),
            plan.score_final if graded else None,
            plan.grade_id.display_name if graded else None,
            plan.coefficient if graded else None,
            fines,
            rewards,
            plan.rank or None,
        ]

    @staticmethod
    def _on_time(plan, stage):
        """Whether the plan took ``stage`` by its deadline; blank before it."""
        _state, stamp, _actor = STAGE_FLOW[stage]
        if not plan[stamp]:
            return None
        return not plan[f"{stage}_late"]

    def _write_distribution(self, sheet, row, plans, formats):
        counts = Counter(plan.grade_id for plan in plans if plan.grade_id)
        total = sum(counts.values())
        grades = plans.policy_id.grade_ids.sorted(lambda grade: -grade.min_score)
        rows = [
            [grade.display_name, counts[grade], counts[grade] / total if total else 0]
            for grade in grades
        ]
        write_table(
            sheet,
            row,
            [
                Column(self.env._("Grade"), 28),
                Column(self.env._("Plans"), 22, "integer", True),
                Column(self.env._("Share"), 13, "percent", True),
            ],
            rows,
            formats,
            total_label=self.env._("Total"),
            freeze=False,
        )
