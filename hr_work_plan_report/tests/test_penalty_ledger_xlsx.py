# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import io

from openpyxl import load_workbook

from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase

REPORT = "hr_work_plan_report.report_penalty_ledger_xlsx"
# the columns of the amounts: fine, fault slip, reward
FINE, SLIP, REWARD = 8, 9, 10


@tagged("post_install", "-at_install")
class TestPenaltyLedgerXlsx(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["hr.work.plan.penalty.rule"]
        cls.rule_late = Rule.create(
            {"name": "Plan late", "code": "LATE", "kind": "fine", "amount": 50}
        )
        cls.rule_prize = Rule.create(
            {"name": "Best plan", "code": "BEST", "kind": "reward", "amount": 30}
        )
        Penalty = cls.env["hr.work.plan.penalty"]
        values = [
            (cls.staff, cls.rule_late, "fine", 50.0, "2026-11-03"),
            (cls.staff, cls.rule_prize, "reward", 30.0, "2026-11-10"),
            (cls.staff2, False, "fault_slip", 20.5, "2026-11-05"),
            (cls.other, cls.rule_late, "fine", 100.0, "2026-11-04"),
            (cls.head, False, "notice", 0.0, "2026-11-06"),
        ]
        cls.penalties = Penalty.create(
            [
                {
                    "employee_id": employee.id,
                    "rule_id": rule and rule.id,
                    "kind": kind,
                    "amount": amount,
                    "date": date,
                    "reason": f"Reason of {employee.name}",
                }
                for employee, rule, kind, amount, date in values
            ]
        )
        cls.penalties[0].plan_id = cls.env["hr.work.plan"].create(
            {
                "policy_id": cls.policy.id,
                "employee_id": cls.staff.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
            }
        )
        cls.penalties[1].action_confirm()

    def _render(self, penalties, data_only=True, **context):
        content, file_type = (
            self.env["ir.actions.report"]
            .with_user(self.user_officer)
            .with_context(**context)
            ._render(REPORT, penalties.ids)
        )
        self.assertEqual(file_type, "xlsx")
        return load_workbook(io.BytesIO(content), data_only=data_only).active

    def test_the_ledger_lists_the_records_with_their_totals(self):
        sheet = self._render(self.penalties)
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(
            rows[0],
            (
                "Date",
                "Employee",
                "Department",
                "Kind",
                "Rule",
                "Reason",
                "Plan",
                "State",
                "Fine",
                "Fault Slip",
                "Reward",
            ),
        )
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertGreater(sheet.column_dimensions["C"].width, 20)
        self.assertEqual(sheet["A2"].number_format, "yyyy-mm-dd")
        self.assertEqual(sheet["I2"].number_format, "#,##0.00")
        self.assertEqual(
            [row[:2] for row in rows[1:]],
            [
                # Board / Purchase comes before Board / Sales
                (datetime.datetime(2026, 11, 4), "Other"),
                ("Total Other", None),
                ("Total Board / Purchase", None),
                (datetime.datetime(2026, 11, 6), "Head"),
                ("Total Head", None),
                (datetime.datetime(2026, 11, 3), "Staff"),
                (datetime.datetime(2026, 11, 10), "Staff"),
                ("Total Staff", None),
                (datetime.datetime(2026, 11, 5), "Staff Two"),
                ("Total Staff Two", None),
                ("Total Board / Sales", None),
                ("Grand Total", None),
            ],
        )
        by_label = {row[0]: row for row in rows if isinstance(row[0], str)}
        fine = rows[6]
        self.assertEqual(
            fine[2:],
            (
                "Board / Sales",
                "Fine",
                "Plan late",
                "Reason of Staff",
                self.penalties[0].plan_id.name,
                "Draft",
                50,
                None,
                None,
            ),
        )
        reward = rows[7]
        self.assertEqual(reward[3:6], ("Reward", "Best plan", "Reason of Staff"))
        self.assertEqual(reward[6:], (None, "Confirmed", None, None, 30))
        notice = rows[4]
        # a notice carries no amount and no rule: blanks, not zeros
        self.assertEqual(notice[3:5], ("Notice to HR", None))
        self.assertEqual(notice[FINE:], (None, None, None))
        slip = rows[9]
        self.assertEqual(slip[FINE:], (None, 20.5, None))
        for row in rows[1:]:
            for value in row[FINE:]:
                self.assertIsInstance(value, (int, float, type(None)))
        # totals per employee, per department and of everything selected
        self.assertEqual(by_label["Total Staff"][FINE:], (50, 0, 30))
        self.assertEqual(by_label["Total Staff Two"][FINE:], (0, 20.5, 0))
        self.assertEqual(by_label["Total Board / Sales"][FINE:], (50, 20.5, 30))
        self.assertEqual(by_label["Total Board / Purchase"][FINE:], (100, 0, 0))
        self.assertEqual(by_label["Grand Total"][FINE:], (150, 20.5, 30))
        for kind, col in (("fine", FINE), ("fault_slip", SLIP), ("reward", REWARD)):
            self.assertEqual(
                by_label["Grand Total"][col],
                sum(
                    self.penalties.filtered(lambda p, k=kind: p.kind == k).mapped(
                        "amount"
                    )
                ),
            )

    def test_totals_are_formulas_that_leave_out_the_subtotals(self):
        sheet = self._render(self.penalties, data_only=False)
        self.assertEqual(sheet["A12"].value, "Total Board / Sales")
        # the department's range holds its employees' subtotal rows
        self.assertEqual(sheet["I12"].value, "=SUBTOTAL(9,I5:I11)")
        self.assertEqual(sheet["A13"].value, "Grand Total")
        self.assertEqual(sheet["K13"].value, "=SUBTOTAL(9,K2:K12)")
        self.assertEqual(sheet["A9"].value, "Total Staff")
        self.assertEqual(sheet["I9"].value, "=SUBTOTAL(9,I7:I8)")

    def test_only_the_selected_records(self):
        sheet = self._render(self.penalties[:2])
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(
            [row[0] for row in rows[1:]][2:],
            ["Total Staff", "Total Board / Sales", "Grand Total"],
        )
        self.assertEqual(rows[-1][FINE:], (50, 0, 30))

    def test_queries_do_not_grow_with_rows(self):
        def queries(penalties):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._render(penalties)
            return self.env.cr.sql_log_count - before

        queries(self.penalties)  # the report's action and model, once
        self.assertEqual(queries(self.penalties[:1]), queries(self.penalties))

    def test_labels_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_work_plan", "hr_work_plan_penalty"], ["zh_CN"]
        )
        Penalty = self.env["hr.work.plan.penalty"].with_context(lang="zh_CN")
        kinds = dict(Penalty._fields["kind"]._description_selection(Penalty.env))
        states = dict(Penalty._fields["state"]._description_selection(Penalty.env))
        self.assertNotEqual(kinds["fine"], "Fine")
        sheet = self._render(self.penalties[:1], lang="zh_CN")
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], Penalty.fields_get(["date"])["date"]["string"])
        self.assertEqual(rows[0][FINE], kinds["fine"])
        self.assertEqual(rows[1][3], kinds["fine"])
        self.assertEqual(rows[1][7], states["draft"])
