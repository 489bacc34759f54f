# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from openpyxl import load_workbook

from odoo import Command
from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase
from odoo.addons.hr_work_plan.tests.test_plan_scoring import (
    TRADE_GRADES,
    grade_commands,
)

REPORT = "hr_work_plan_report.report_annual_summary_xlsx"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
MONTHS += ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# columns: owner, department, policy, year, the 12 months, then these
MARCH, NOVEMBER = 6, 14
PLANS, AVERAGE, LOWEST, HIGHEST, GRADE, POINTS, RAISE = range(16, 23)


@tagged("post_install", "-at_install")
class TestAnnualSummaryXlsx(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)
        cls.grades = {grade.code: grade for grade in cls.policy.grade_ids}
        cls.grades["C"].raise_percent = 3
        # owners in the order of their ids: director, head, staff, staff two,
        # other; staff two has no plan closed in March
        cls._close_month(3, [90, 80, 70, None, 50])
        cls._close_month(11, [95, 85, 75, 65, 55])
        # a plan not closed counts nowhere
        cls.env["hr.work.plan"].create(
            {
                "policy_id": cls.policy.id,
                "employee_id": cls.staff.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
            }
        )
        cls.env.flush_all()
        cls.summaries = cls.env["hr.work.plan.annual.summary"].search(
            [("policy_id", "=", cls.policy.id), ("year", "=", 2026)]
        )

    @classmethod
    def _close_month(cls, month, scores):
        """Generate the cycle of ``month`` 2026, assess its plans at
        ``scores`` (``None`` cancels the plan) and close it."""
        cycle = cls.env["hr.work.plan.cycle"].create(
            {
                "name": f"2026-{month:02}",
                "policy_id": cls.policy.id,
                "date_from": f"2026-{month:02}-01",
            }
        )
        plans = cycle.with_user(cls.user_officer).action_generate_plans()
        plans = plans.sorted(lambda plan: plan.employee_id.id)
        for plan, score in zip(plans, scores, strict=True):
            if score is None:
                plan.sudo().write({"state": "cancelled"})
                continue
            cls._self_assessed_past_the_workflow(plan, score)
        plans.filtered(lambda plan: plan.state != "cancelled").sudo().action_assess()
        cycle.with_user(cls.user_officer).action_close()

    def _render(self, summaries, user=None):
        content, file_type = (
            self.env["ir.actions.report"]
            .with_user(user or self.user_officer)
            ._render(REPORT, summaries.ids)
        )
        self.assertEqual(file_type, "xlsx")
        return load_workbook(io.BytesIO(content), data_only=True).active

    def _rows_by_owner(self, sheet):
        rows = list(sheet.iter_rows(values_only=True))
        return rows, {row[0]: row for row in rows[1:]}

    def test_one_row_per_summary_with_its_months(self):
        sheet = self._render(self.summaries)
        rows, by_owner = self._rows_by_owner(sheet)
        self.assertEqual(
            rows[0],
            (
                "Owner",
                "Department",
                "Policy",
                "Year",
                *MONTHS,
                "Plans",
                "Average Score",
                "Lowest Score",
                "Highest Score",
                "Annual Grade",
                "Grade Points",
                "Next-year Raise (%)",
            ),
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet["W2"].number_format, "0.0%")
        self.assertEqual(len(rows), 1 + 5 + 1)
        self.assertEqual(
            set(by_owner),
            {"Director", "Head", "Staff", "Staff Two", "Other", "Average"},
        )
        staff = by_owner["Staff"]
        self.assertEqual(staff[1:4], ("Board / Sales", "Monthly", 2026))
        self.assertIsInstance(staff[3], int)
        # the months of closed plans, blanks for the others (December's plan
        # is not closed)
        self.assertEqual(
            staff[4:16],
            (None, None, 70, None, None, None, None, None, None, None, 75, None),
        )
        self.assertEqual(staff[PLANS : HIGHEST + 1], (2, 72.5, 70, 75))
        summary = self.summaries.filtered(lambda s: s.employee_id == self.staff)
        self.assertEqual(staff[GRADE], summary.grade_id.display_name)
        self.assertEqual(summary.grade_id, self.grades["C"])
        # the policy averages: grade points do not apply
        self.assertIsNone(staff[POINTS])
        self.assertEqual(staff[RAISE], 0.03)
        two = by_owner["Staff Two"]
        self.assertIsNone(two[MARCH])
        self.assertEqual(two[NOVEMBER], 65)
        self.assertEqual(two[PLANS : HIGHEST + 1], (1, 65, 65, 65))
        self.assertEqual(two[RAISE], 0)
        for row in rows[1:]:
            for value in row[3:GRADE]:
                self.assertIsInstance(value, (int, float, type(None)))
        # the average of each month over the owners that have it
        average = by_owner["Average"]
        self.assertEqual(average[MARCH], (90 + 80 + 70 + 50) / 4)
        self.assertEqual(average[NOVEMBER], (95 + 85 + 75 + 65 + 55) / 5)
        self.assertIsNone(average[MARCH + 1])
        self.assertEqual(
            average[AVERAGE],
            sum(self.summaries.mapped("score_average")) / len(self.summaries),
        )
        self.assertIsNone(average[GRADE])

    def test_average_row_is_a_formula(self):
        content, _file_type = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            ._render(REPORT, self.summaries.ids)
        )
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A7"].value, "Average")
        self.assertEqual(sheet["G7"].value, "=SUBTOTAL(1,G2:G6)")
        self.assertEqual(sheet["E7"].value, None)

    def test_grade_points_where_the_policy_sums_them(self):
        for code, points in (("A", 0.5), ("B", 0), ("C", -0.3), ("D", -0.5)):
            self.grades[code].annual_points = points
        self.grades["E"].annual_points = -1
        self.policy.with_user(self.user_admin).write(
            {
                "annual_method": "grade_points",
                "annual_band_ids": [
                    Command.create(
                        {
                            "code": code,
                            "name": f"Annual {code}",
                            "min_points": low,
                            "grade_id": self.grades[code].id,
                        }
                    )
                    for code, low in (("A", 0.5), ("C", -1), ("E", -100))
                ],
            }
        )
        self.env.flush_all()
        self.summaries.invalidate_recordset()
        _rows, by_owner = self._rows_by_owner(self._render(self.summaries))
        # 70 is a D, 75 a C: −0.5 − 0.3
        self.assertEqual(by_owner["Staff"][POINTS], -0.8)
        self.assertEqual(by_owner["Staff"][GRADE], self.grades["C"].display_name)
        # 90 is a B, 95 an A
        self.assertEqual(by_owner["Director"][POINTS], 0.5)
        self.assertEqual(by_owner["Director"][GRADE], self.grades["A"].display_name)

    def test_a_manager_exports_the_summaries_of_the_team(self):
        summaries = (
            self.env["hr.work.plan.annual.summary"]
            .with_user(self.user_head)
            .search([("year", "=", 2026)])
        )
        _rows, by_owner = self._rows_by_owner(
            self._render(summaries, user=self.user_head)
        )
        self.assertEqual(set(by_owner), {"Head", "Staff", "Staff Two", "Average"})
        self.assertEqual(by_owner["Staff"][MARCH], 70)

    def test_queries_do_not_grow_with_rows(self):
        def queries(summaries):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._render(summaries)
            return self.env.cr.sql_log_count - before

        queries(self.summaries)  # the report's action and model, once
        self.assertEqual(queries(self.summaries[:1]), queries(self.summaries))
