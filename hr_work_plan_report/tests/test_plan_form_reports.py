# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import io
from unittest.mock import patch

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase
from odoo.addons.hr_work_plan.tests.test_plan_scoring import (
    TRADE_GRADES,
    grade_commands,
)

from ..report.hr_work_plan_form_xlsx import sheet_name


class ReportCase(WorkPlanCase):
    def _render(self, xmlid, records, user=None):
        content, file_type = (
            self.env["ir.actions.report"]
            .with_user(user or self.user_officer)
            ._render(xmlid, records.ids)
        )
        return content, file_type

    def _workbook(self, xmlid, records, user=None):
        content, file_type = self._render(xmlid, records, user)
        self.assertEqual(file_type, "xlsx")
        return load_workbook(io.BytesIO(content), data_only=True)

    @staticmethod
    def _rows(sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    @staticmethod
    def _find(rows, value, col=0):
        return next(index for index, row in enumerate(rows) if row[col] == value)


@tagged("post_install", "-at_install")
class TestPlanForm(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)

    def test_the_plan_form_spreadsheet(self):
        plan = self._assessed_plan(scores=(50, 28))
        plan.line_ids[0].cooperating_department_ids = self.other_department
        workbook = self._workbook("hr_work_plan_report.report_plan_form_xlsx", plan)
        rows = self._rows(workbook.active)
        self.assertEqual(rows[0][0], plan.display_name)
        self.assertEqual(rows[1][:2], ["Department", "Board / Sales"])
        self.assertEqual(rows[1][6:8], ["Owner", "Staff"])
        header = self._find(rows, "Category")
        self.assertEqual(
            rows[header][:5],
            [
                "Category",
                "Content",
                "Output / Completion Standard",
                "Weight",
                "Deadline",
            ],
        )
        items = rows[header + 1 : header + 3]
        self.assertEqual([row[1] for row in items], ["Item 1", "Item 2"])
        self.assertEqual([row[3] for row in items], [60, 40])
        self.assertIsInstance(items[0][4], datetime.datetime)
        self.assertEqual(items[0][6], "Board / Purchase")
        self.assertEqual(items[0][7], "Done")
        self.assertEqual([row[11] for row in items], [50, 28])
        self.assertEqual([row[12] for row in items], [50, 28])
        total = rows[header + 3]
        self.assertEqual((total[0], total[3], total[12]), ("Total", 100, 78))
        formula = load_workbook(
            io.BytesIO(
                self._render("hr_work_plan_report.report_plan_form_xlsx", plan)[0]
            )
        ).active.cell(header + 4, 4)
        self.assertTrue(str(formula.value).startswith("=SUBTOTAL(9,D"))
        self.assertIn("Owner's signature", sum(rows, []))

    def test_an_indicator_item_shows_its_measure_and_no_task_rating(self):
        indicator = self.env["hr.work.plan.indicator"].create(
            {"name": "销售额", "line_type": "kpi", "unit": "万元"}
        )
        plan = self._plan(self.staff, [50])
        plan.line_ids = [
            Command.create(
                {
                    "name": "销售额",
                    "indicator_id": indicator.id,
                    "weight": 50,
                    "target": 100,
                }
            )
        ]
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        plan.line_ids[1].with_user(self.user_head).actual = 80
        rows = self._rows(
            self._workbook("hr_work_plan_report.report_plan_form_xlsx", plan).active
        )
        kpi = rows[self._find(rows, "销售额", col=1)]
        self.assertEqual(kpi[7], "80 万元 against 100 万元: 80%")
        self.assertEqual((kpi[8], kpi[9], kpi[10]), (None, None, None))
        self.assertEqual(kpi[12], 40)

    def test_one_sheet_per_plan_with_valid_names(self):
        plans = self._plan(self.staff, [100]) | self._plan(self.staff2, [100])
        workbook = self._workbook("hr_work_plan_report.report_plan_form_xlsx", plans)
        self.assertEqual(len(workbook.sheetnames), 2)
        taken = set()
        first = sheet_name("a/b:c" * 10, taken)
        self.assertEqual(first, ("a b c" * 10)[:31])
        self.assertEqual(sheet_name("A/B:C" * 10, taken), ("A B C" * 10)[:27] + " (2)")

    def test_the_pdf_body(self):
        plan = self._assessed_plan(scores=(50, 28))
        plan._assign_final_scores()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            ._render_qweb_html("hr_work_plan_report.report_plan_form_pdf", plan.ids)[0]
            .decode()
        )
        for text in (plan.display_name, "Board / Sales", "Item 1", "Item 2"):
            self.assertIn(text, html)
        self.assertIn("Approver's signature", html)
        first_row = html.split("<tbody>")[1].split("</tr>")[0]
        self.assertEqual(first_row.count("<td"), 12, "a cell per column, empty or not")
        self.assertIn(plan.grade_id.display_name, html)
        paper = self.env.ref("hr_work_plan_report.report_plan_form_pdf").paperformat_id
        self.assertEqual((paper.format, paper.orientation), ("A4", "Landscape"))

    def test_the_pdf_says_what_the_owner_acknowledged(self):
        plan = self._assessed_plan(scores=(50, 28))

        def html():
            return (
                self.env["ir.actions.report"]
                .with_user(self.user_officer)
                ._render_qweb_html(
                    "hr_work_plan_report.report_plan_form_pdf", plan.ids
                )[0]
                .decode()
            )

        self.assertNotIn("acknowledged by the owner", html())
        self.policy.write({"acknowledge": "both", "acknowledge_days": 3})
        plan.with_user(self.user_staff).action_acknowledge()
        plan.sudo().write({"acknowledged_result_on": False})
        self.assertIn("Plan acknowledged by the owner", html())
        self.assertIn("Not yet", html())
        with freeze_time("2026-11-23 09:00:00"):
            self.env["hr.work.plan"]._deem_results_acknowledged()
        self.assertIn("Result acknowledged by the owner", html())
        self.assertIn("(by deadline)", html())
        self.assertNotIn("Not yet", html())

    def test_without_wkhtmltopdf_printing_says_so(self):
        plan = self._plan(self.staff, [100])
        Report = self.env.registry["ir.actions.report"]
        with (
            patch.object(Report, "get_wkhtmltopdf_state", return_value="install"),
            self.assertRaisesRegex(UserError, "Unable to find Wkhtmltopdf"),
        ):
            self.env["ir.actions.report"].with_context(
                force_report_rendering=True
            )._render_qweb_pdf("hr_work_plan_report.report_plan_form_pdf", plan.ids)


@tagged("post_install", "-at_install")
class TestCycleStatistics(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)
        cls.cycle = cls.env["hr.work.plan.cycle"].create(
            {"name": "Dec", "policy_id": cls.policy.id, "date_from": "2026-12-01"}
        )

    def test_a_row_per_owner_subtotals_and_the_grades(self):
        plans = self.cycle.with_user(self.user_officer).action_generate_plans()
        by_owner = {plan.employee_id: plan for plan in plans}
        scores = {self.staff: 95, self.staff2: 72, self.head: 85}
        for employee, score in scores.items():
            self._self_assessed_past_the_workflow(by_owner[employee], score)
        assessed = plans.filtered(lambda plan: plan.state == "self_assessed")
        assessed.sudo().action_assess()
        assessed._assign_final_scores()
        by_owner[self.other].sudo().action_cancel()
        Penalty = self.env["hr.work.plan.penalty"]
        rule = self.env["hr.work.plan.penalty.rule"].create(
            {
                "name": "Late",
                "code": "ST-LATE",
                "kind": "fine",
                "amount": 50,
                "amount_min": 1,
                "amount_max": 1000,
            }
        )
        for employee, amount, date in (
            (self.staff, 50, "2026-12-10"),
            (self.staff, 30, "2026-12-20"),
            (self.staff2, 20, "2026-12-05"),
            (self.staff2, 999, "2026-11-30"),  # before the cycle
        ):
            Penalty.create(
                {
                    "rule_id": rule.id,
                    "employee_id": employee.id,
                    "amount": amount,
                    "date": date,
                    "reason": "Late",
                }
            ).action_confirm()
        rows = self._rows(
            self._workbook(
                "hr_work_plan_report.report_cycle_statistics_xlsx", self.cycle
            ).active
        )
        header = rows[2]
        self.assertEqual(header[:3], ["Department", "Owner", "State"])
        col = {label: index for index, label in enumerate(header)}
        staff = rows[self._find(rows, "Staff", col=1)]
        self.assertEqual(staff[col["Final Score"]], 95)
        self.assertEqual(staff[col["Grade"]], "A A")
        self.assertEqual(staff[col["Fines"]], 80)
        self.assertIs(staff[col["Submitted on Time"]], None, "never submitted")
        other = rows[self._find(rows, "Other", col=1)]
        self.assertEqual(other[col["State"]], "Cancelled")
        self.assertEqual(
            (other[col["Final Score"]], other[col["Grade"]], other[col["Rank"]]),
            (None, None, None),
        )
        sales = rows[self._find(rows, "Subtotal Board / Sales")]
        self.assertEqual(sales[col["Fines"]], 100)
        total = rows[self._find(rows, "Total")]
        self.assertEqual(total[col["Fines"]], 100)
        distribution = self._find(rows, "Grade")
        grades = {row[0]: row[1] for row in rows[distribution + 1 : distribution + 6]}
        self.assertEqual(grades, {"A A": 1, "B B": 1, "C C": 1, "D D": 0, "E E": 0})


@tagged("post_install", "-at_install")
class TestAnalysis(ReportCase):
    def test_item_scores_average_and_the_cycle_dashboard(self):
        self._assessed_plan(scores=(50, 28))
        groups = self.env["hr.work.plan.line"]._read_group(
            [("plan_id.employee_id", "=", self.staff.id)], [], ["score_final:avg"]
        )
        self.assertEqual(groups, [(39.0,)])
        self.assertEqual(
            self.env["hr.work.plan.line"]._fields["score_final"].aggregator, "avg"
        )
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "Dec", "policy_id": self.policy.id, "date_from": "2026-12-01"}
        )
        plans = cycle.with_user(self.user_officer).action_generate_plans()
        action = cycle.with_user(self.user_head).action_view_dashboard()
        self.assertEqual(self.env["hr.work.plan"].search(action["domain"]), plans)
        self.assertEqual([view for _id, view in action["views"]], ["pivot", "graph"])
