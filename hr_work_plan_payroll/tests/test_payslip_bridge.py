# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from collections import defaultdict

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase
from odoo.addons.hr_work_plan.tests.test_plan_scoring import (
    TRADE_GRADES,
    grade_commands,
)
from odoo.addons.hr_work_plan_payroll.models.hr_payslip_input import (
    work_plan_line_values,
)

CODES = ["WP_SCORE", "WP_COEF", "WP_RATIO", "WP_FINE", "WP_REWARD"]
DECEMBER = ("2026-12-01", "2026-12-31")


class PayrollCase(WorkPlanCase):
    """The small company of WorkPlanCase, paid with the work plan structure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)
        cls.structure = cls.env.ref("hr_work_plan_payroll.structure_work_plan")
        cls.env["ir.config_parameter"].sudo().set_param(
            "payroll.allow_cancel_payslips", True
        )
        cls.user_payroll = cls._user("wp_payroll", "user")
        cls.user_payroll.groups_id += cls.env.ref("payroll.group_payroll_manager")
        Rule = cls.env["hr.work.plan.penalty.rule"]
        cls.rule_fine = Rule.create(
            {"name": "Plan late", "code": "PAY-LATE", "kind": "fine", "amount": 100}
        )
        cls.rule_reward = Rule.create(
            {"name": "Best plan", "code": "PAY-BEST", "kind": "reward", "amount": 50}
        )
        cls._contract(cls.staff)

    @classmethod
    def _contract(cls, employee, wage=10000, date_start="2026-01-01"):
        return cls.env["hr.contract"].create(
            {
                "name": f"Contract of {employee.name}",
                "employee_id": employee.id,
                "wage": wage,
                "struct_id": cls.structure.id,
                "date_start": date_start,
                "state": "open",
            }
        )

    def _closed_plan(self, employee=None, scores=(40, 28.5), **values):
        """A plan of December scored 68.5 (grade D, coefficient 0.8), closed."""
        plan = self._assessed_plan(employee, scores=scores, **values)
        plan.with_user(self.user_officer).action_done()
        return plan

    def _penalty(self, rule, employee=None, date="2026-12-10", confirm=True):
        penalty = (
            self.env["hr.work.plan.penalty"]
            .with_user(self.user_officer)
            .create(
                {
                    "rule_id": rule.id,
                    "employee_id": (employee or self.staff).id,
                    "date": date,
                    "reason": "Seen in the December review",
                }
            )
        )
        if confirm:
            penalty.action_confirm()
        return penalty

    def _payslip(self, employee=None, period=DECEMBER):
        payslip = (
            self.env["hr.payslip"]
            .with_user(self.user_payroll)
            .create(
                {
                    "employee_id": (employee or self.staff).id,
                    "date_from": period[0],
                    "date_to": period[1],
                }
            )
        )
        payslip.onchange_employee()
        return payslip

    def _inputs(self, payslip):
        return {line.code: line for line in payslip.input_line_ids}

    def _totals(self, payslip):
        return {line.code: line.total for line in payslip.line_ids}


@tagged("post_install", "-at_install")
class TestPayslipInputs(PayrollCase):
    def test_a_payslip_pays_the_plan_the_fines_and_the_rewards(self):
        plan = self._closed_plan()
        self.assertEqual((plan.score_final, plan.coefficient), (68.5, 0.8))
        fine = self._penalty(self.rule_fine)
        reward = self._penalty(self.rule_reward)
        payslip = self._payslip()
        payslip.compute_sheet()
        self.env.invalidate_all()  # what the payroll user reads, not the cache
        self.assertEqual(
            self._totals(payslip),
            {
                "WP_BASE": 8000,
                "WP_PAY": 1600,
                "WP_FINES": -100,
                "WP_REWARDS": 50,
                "WP_NET": 9550,
            },
        )
        inputs = self._inputs(payslip)
        self.assertEqual(sorted(inputs), sorted(CODES))
        self.assertEqual(
            [inputs[code].amount for code in CODES], [68.5, 0.8, 0.2, 100, 50]
        )
        self.assertEqual(inputs["WP_COEF"].work_plan_ids, plan)
        self.assertEqual(inputs["WP_COEF"].work_plan_origin, plan.display_name)
        self.assertEqual(inputs["WP_FINE"].work_plan_penalty_ids, fine)
        self.assertEqual(inputs["WP_REWARD"].work_plan_penalty_ids, reward)
        self.assertEqual(payslip.work_plan_ids, plan)
        self.assertEqual(payslip.work_plan_penalty_ids, fine | reward)
        self.assertEqual(payslip.work_plan_pay, 1600)
        self.assertFalse(payslip.work_plan_warning)

    def test_the_payslip_form_fills_the_inputs_when_the_employee_is_chosen(self):
        plan = self._closed_plan()
        self._penalty(self.rule_fine)
        Payslip = self.env["hr.payslip"].with_context(
            default_date_from=DECEMBER[0], default_date_to=DECEMBER[1]
        )
        with Form(Payslip.with_user(self.user_payroll)) as form:
            form.employee_id = self.staff
        payslip = form.record
        inputs = self._inputs(payslip)
        self.assertEqual(sorted(inputs), sorted(CODES))
        self.assertEqual(inputs["WP_COEF"].amount, 0.8)
        self.assertEqual(inputs["WP_COEF"].work_plan_ids, plan)
        self.assertEqual(inputs["WP_FINE"].amount, 100)
        self.assertEqual(payslip.work_plan_ids, plan)

    def test_plans_and_fines_outside_the_payslip_period_do_not_count(self):
        self._closed_plan()
        self._penalty(self.rule_fine, date="2026-11-30")
        november = self._payslip(period=("2026-11-01", "2026-11-30"))
        november.compute_sheet()
        inputs = self._inputs(november)
        self.assertFalse(inputs["WP_COEF"].work_plan_ids)
        self.assertEqual(inputs["WP_FINE"].amount, 100)
        december = self._payslip()
        december.compute_sheet()
        self.assertEqual(self._inputs(december)["WP_FINE"].amount, 0)

    def test_a_late_fine_shows_up_on_recompute_without_duplicate_inputs(self):
        self._closed_plan()
        payslip = self._payslip()
        payslip.compute_sheet()
        lines = payslip.input_line_ids
        self.assertEqual(self._totals(payslip)["WP_NET"], 9600)
        fine = self._penalty(self.rule_fine, date="2026-12-28")
        draft = self._penalty(self.rule_fine, date="2026-12-29", confirm=False)
        payslip.compute_sheet()
        payslip.compute_sheet()
        self.assertEqual(payslip.input_line_ids, lines, "updated in place")
        self.assertEqual(self._inputs(payslip)["WP_FINE"].work_plan_penalty_ids, fine)
        self.assertEqual(self._totals(payslip)["WP_NET"], 9500)
        draft.action_confirm()
        payslip.action_payslip_draft()
        payslip.compute_sheet()
        self.assertEqual(self._totals(payslip)["WP_NET"], 9400)
        self.assertEqual(len(payslip.input_line_ids), len(CODES))

    def test_a_duplicate_of_a_work_plan_input_is_removed(self):
        """Written past the checks, as a superuser's import would."""
        self._closed_plan()
        payslip = self._payslip()
        payslip.sudo().input_line_ids = [
            Command.create(
                {
                    "name": "Typed in",
                    "code": "WP_COEF",
                    "amount": 1.5,
                    "contract_id": payslip.contract_id.id,
                }
            )
        ]
        payslip.compute_sheet()
        coefficients = payslip.input_line_ids.filtered(
            lambda line: line.code == "WP_COEF"
        )
        self.assertEqual(coefficients.mapped("amount"), [0.8])

    def test_a_payslip_of_two_contracts_takes_fines_once(self):
        self.staff.contract_id.date_end = "2026-12-15"
        self._contract(self.staff, wage=12000, date_start="2026-12-16")
        self._closed_plan()
        self._penalty(self.rule_fine)
        payslip = self.env["hr.payslip"].create(
            {
                "employee_id": self.staff.id,
                "date_from": DECEMBER[0],
                "date_to": DECEMBER[1],
            }
        )
        payslip.compute_sheet()
        self.assertEqual(len(payslip.input_line_ids), 2 * len(CODES))
        totals = defaultdict(float)
        for line in payslip.line_ids:
            totals[line.code] += line.total
        self.assertEqual(totals["WP_FINES"], -100)
        self.assertEqual(totals["WP_PAY"], (10000 + 12000) * 0.2 * 0.8)

    def test_a_structure_without_work_plan_inputs_gets_none(self):
        bare = self.env["hr.payroll.structure"].create(
            {
                "name": "Wage only",
                "code": "WAGE",
                "parent_id": False,
                "rule_ids": [
                    Command.create(
                        {
                            "name": "Wage",
                            "code": "WAGE",
                            "amount_select": "code",
                            "amount_python_compute": "result = contract.wage",
                        }
                    )
                ],
            }
        )
        self.staff.contract_id.struct_id = bare
        self._closed_plan()
        payslip = self._payslip()
        payslip.compute_sheet()
        self.assertFalse(payslip.input_line_ids)
        self.assertEqual(self._totals(payslip), {"WAGE": 10000})


@tagged("post_install", "-at_install")
class TestSeveralOrNoPlans(PayrollCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.week_policy = cls.policy.copy(
            {
                "code": "TEST-W",
                "period_type": "week",
                "grade_ids": grade_commands(TRADE_GRADES),
            }
        )

    def _week_plans(self, month_plan, scores):
        plans = self.env["hr.work.plan"]
        for week, score in enumerate(scores):
            start = f"2026-12-{7 + 7 * week:02d}"
            end = f"2026-12-{13 + 7 * week:02d}"
            plan = self._closed_plan(
                scores=(score, 0),
                policy=self.week_policy,
                date_from=start,
                date_to=end,
                parent_id=month_plan.id,
            )
            plans |= plan
        return plans

    def test_the_month_plan_pays_over_its_week_plans(self):
        month = self._closed_plan()
        weeks = self._week_plans(month, [55, 55, 55])
        self.assertEqual(set(weeks.mapped("coefficient")), {0.4})
        payslip = self._payslip()
        payslip.compute_sheet()
        inputs = self._inputs(payslip)
        self.assertEqual(inputs["WP_COEF"].amount, 0.8)
        self.assertEqual(inputs["WP_COEF"].work_plan_ids, month)

    def test_a_policy_may_average_the_plans_instead(self):
        self.policy.payroll_combine = "average"
        month = self._closed_plan()
        weeks = self._week_plans(month, [55, 55, 55])
        payslip = self._payslip()
        payslip.compute_sheet()
        inputs = self._inputs(payslip)
        self.assertAlmostEqual(inputs["WP_COEF"].amount, (0.8 + 3 * 0.4) / 4)
        self.assertEqual(inputs["WP_SCORE"].amount, 58.38)
        self.assertEqual(inputs["WP_COEF"].work_plan_ids, month | weeks)
        self.assertIn("Average of 4 plans", inputs["WP_COEF"].work_plan_origin)

    def test_a_quarter_plan_pays_a_quarter_payslip(self):
        quarter_policy = self.policy.copy(
            {
                "code": "TEST-Q",
                "period_type": "quarter",
                "grade_ids": grade_commands(TRADE_GRADES),
            }
        )
        month = self._closed_plan()
        quarter = self._closed_plan(
            scores=(55, 40),
            policy=quarter_policy,
            date_from="2026-10-01",
            date_to="2026-12-31",
        )
        payslip = self._payslip(period=("2026-10-01", "2026-12-31"))
        payslip.compute_sheet()
        inputs = self._inputs(payslip)
        self.assertEqual(inputs["WP_COEF"].work_plan_ids, quarter)
        self.assertEqual(inputs["WP_COEF"].amount, 1.3)
        self.assertNotIn(month, inputs["WP_COEF"].work_plan_ids)

    def test_without_a_closed_plan_the_policy_decides_and_the_payslip_warns(self):
        plan = self._assessed_plan()
        payslip = self._payslip()
        payslip.compute_sheet()
        inputs = self._inputs(payslip)
        self.assertEqual(inputs["WP_COEF"].amount, 1.0)
        self.assertFalse(inputs["WP_COEF"].work_plan_ids)
        self.assertIn("No closed work plan of Staff", payslip.work_plan_warning)
        self.assertIn(f"{plan.display_name} is assessed", payslip.work_plan_warning)
        self.assertIn("as policy Monthly says", payslip.work_plan_warning)
        self.assertEqual(self._totals(payslip)["WP_NET"], 10000)
        self.policy.payroll_no_plan = "none"
        payslip.compute_sheet()
        self.assertEqual(self._inputs(payslip)["WP_COEF"].amount, 0)
        self.assertEqual(self._totals(payslip)["WP_NET"], 8000)

    def test_the_policy_of_an_employee_with_no_plan_at_all_is_found_by_scope(self):
        self.policy.payroll_no_plan = "none"
        payslip = self._payslip()
        payslip.compute_sheet()
        self.assertIn("as policy Monthly says", payslip.work_plan_warning)
        self.assertEqual(self._totals(payslip)["WP_PAY"], 0)

    def test_an_employee_in_no_policy_is_paid_the_wage(self):
        self.env["hr.work.plan.policy"].search(
            [("id", "!=", self.policy.id)]
        ).active = False
        outsider = self.env["hr.employee"].create({"name": "Outsider"})
        self._contract(outsider, wage=5000)
        payslip = self._payslip(outsider)
        payslip.compute_sheet()
        self.assertEqual(
            payslip.work_plan_warning,
            "Outsider is in no work plan policy: no plan pay.",
        )
        self.assertEqual(self._totals(payslip)["WP_NET"], 5000)


@tagged("post_install", "-at_install")
class TestPayslipRuns(PayrollCase):
    def _team_with_plans(self, name, size):
        department, employees = self._team(name, f"{name} member", size)
        self.policy.department_ids |= department
        plans = self.env["hr.work.plan"]
        for index, employee in enumerate(employees):
            self._contract(employee, wage=1000 * (index + 1))
            plans |= self._plan(employee, [100])
        grades = self.policy.grade_ids.sorted("min_score")
        for index, plan in enumerate(plans):
            grade = grades[index % len(grades)]
            plan.sudo().write(
                {
                    "state": "done",
                    "score_final": grade.min_score + 1,
                    "grade_id": grade.id,
                    "coefficient": grade.coefficient,
                }
            )
        return employees, plans

    def _run(self, employees):
        run = (
            self.env["hr.payslip.run"]
            .with_user(self.user_payroll)
            .create(
                {
                    "name": "December",
                    "date_start": DECEMBER[0],
                    "date_end": DECEMBER[1],
                }
            )
        )
        self.env["hr.payslip.employees"].with_user(self.user_payroll).with_context(
            active_id=run.id
        ).create({"employee_ids": [Command.set(employees.ids)]}).compute_sheet()
        return run

    def test_a_batch_run_fills_every_payslip(self):
        employees, plans = self._team_with_plans("Batch", 50)
        penalties = [
            self._penalty(self.rule_fine, employee) for employee in employees[:10]
        ]
        run = self._run(employees)
        self.assertEqual(len(run.slip_ids), 50)
        plan_of = {plan.employee_id: plan for plan in plans}
        for payslip in run.slip_ids:
            inputs = self._inputs(payslip)
            self.assertEqual(
                sorted(payslip.input_line_ids.mapped("code")), sorted(CODES)
            )
            plan = plan_of[payslip.employee_id]
            self.assertEqual(inputs["WP_COEF"].work_plan_ids, plan)
            wage = payslip.contract_id.wage
            self.assertAlmostEqual(
                self._totals(payslip)["WP_PAY"], wage * 0.2 * plan.coefficient
            )
        fined = run.slip_ids.filtered(lambda slip: slip.employee_id in employees[:10])
        self.assertEqual(
            set(fined.mapped(lambda slip: self._totals(slip)["WP_FINES"])), {-100}
        )
        self.assertEqual(
            fined.work_plan_penalty_ids,
            self.env["hr.work.plan.penalty"].union(*penalties),
        )

    def _refresh_queries(self, name, size):
        employees, _plans = self._team_with_plans(name, size)
        payslips = self.env["hr.payslip"].create(
            [
                {
                    "employee_id": employee.id,
                    "contract_id": employee.contract_id.id,
                    "struct_id": self.structure.id,
                    "date_from": DECEMBER[0],
                    "date_to": DECEMBER[1],
                }
                for employee in employees
            ]
        )
        counts = []
        for _attempt in range(2):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            payslips._refresh_work_plan_inputs()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(len(payslips.input_line_ids), len(CODES) * size)
        return counts

    def test_filling_inputs_does_not_query_per_payslip(self):
        few = self._refresh_queries("Few", 5)
        many = self._refresh_queries("Many", 40)
        self.assertLessEqual(many[0], few[0] + 5, f"first fill: 5 → {few}, 40 → {many}")
        self.assertLessEqual(many[1], few[1] + 5, f"refresh: 5 → {few}, 40 → {many}")


@tagged("post_install", "-at_install")
class TestPayingLocks(PayrollCase):
    def test_confirming_pays_the_plan_and_the_fines_cancelling_releases_them(self):
        plan = self._closed_plan()
        fine = self._penalty(self.rule_fine)
        payslip = self._payslip()
        payslip.compute_sheet()
        self.flush_tracking()  # the plan was made in an earlier transaction
        payslip.action_payslip_done()
        self.assertEqual(payslip.state, "done")
        self.assertEqual(plan.paid_payslip_id, payslip)
        self.assertTrue(plan.is_paid)
        self.assertEqual((fine.state, fine.paid_payslip_id), ("paid", payslip))
        self.flush_tracking()
        plan.invalidate_recordset(["message_ids"])
        self.assertIn(
            payslip.display_name,
            plan.message_ids.tracking_value_ids.mapped("new_value_char"),
        )
        self.assertFalse(plan.with_user(self.user_officer).can_reopen)
        with self.assertRaisesRegex(UserError, "was paid by payslip"):
            plan.with_user(self.user_officer).action_reopen("Score was wrong")
        payslip.action_payslip_cancel()
        self.assertFalse(plan.paid_payslip_id)
        self.assertEqual((fine.state, fine.paid_payslip_id.id), ("confirmed", False))
        self.assertTrue(plan.with_user(self.user_officer).can_reopen)

    def test_a_paid_plan_and_fine_do_not_pay_twice(self):
        plan = self._closed_plan()
        self._penalty(self.rule_fine)
        first = self._payslip()
        second = self._payslip()
        first.compute_sheet()
        second.compute_sheet()
        self.env["ir.config_parameter"].sudo().set_param(
            "payroll.prevent_compute_on_confirm", True
        )
        first.action_payslip_done()
        with self.assertRaisesRegex(UserError, "compute it again"):
            second.action_payslip_done()
        second.compute_sheet()
        self.assertIn(
            f"{plan.display_name} is paid by payslip", second.work_plan_warning
        )
        self.assertEqual(self._inputs(second)["WP_FINE"].amount, 0)

    def test_a_refund_releases_the_plan_and_cancelling_it_pays_again(self):
        plan = self._closed_plan()
        fine = self._penalty(self.rule_fine)
        payslip = self._payslip()
        payslip.compute_sheet()
        payslip.action_payslip_done()
        payslip.refund_sheet()
        refund = payslip.refunded_id
        self.assertEqual(refund.state, "done")
        self.assertFalse(plan.paid_payslip_id)
        self.assertEqual(fine.state, "confirmed")
        refund.action_payslip_cancel()
        self.assertEqual(plan.paid_payslip_id, payslip, "paid again")
        self.assertEqual(fine.state, "paid")

    def test_a_plan_under_appeal_blocks_the_payslip(self):
        plan = self._closed_plan()
        appeal = (
            self.env["hr.work.plan.appeal"]
            .with_user(self.user_staff)
            .create({"plan_id": plan.id, "reason": "Item 2 was done on time"})
        )
        payslip = self._payslip()
        with self.assertRaisesRegex(
            UserError, f"while {re.escape(appeal.display_name)} is open"
        ):
            payslip.action_payslip_done()
        self.assertEqual(payslip.state, "draft")
        self.assertFalse(plan.paid_payslip_id)

    def test_an_appeal_does_not_revise_a_paid_plan(self):
        arbiter = self._user("wp_arbiter", "arbiter")
        plan = self._closed_plan()
        appeal = (
            self.env["hr.work.plan.appeal"]
            .with_user(self.user_staff)
            .create({"plan_id": plan.id, "reason": "Item 2 was done on time"})
        )
        appeal.with_user(arbiter).action_accept()
        appeal.with_user(arbiter).action_resolve("Kept as is")
        payslip = self._payslip()
        payslip.compute_sheet()
        payslip.action_payslip_done()
        late = (
            self.env["hr.work.plan.appeal"]
            .with_user(self.user_staff)
            .create({"plan_id": plan.id, "reason": "The fine was not mine"})
        )
        late.with_user(arbiter).action_accept()
        with self.assertRaisesRegex(UserError, "was paid by payslip"):
            late.with_user(arbiter).action_resolve("Score raised", revised_score=80)
        self.assertEqual(plan.score_final, 68.5)

    def test_nobody_marks_a_plan_or_fine_paid_by_hand(self):
        plan = self._closed_plan()
        payslip = self._payslip()
        for values in ({"paid_payslip_id": payslip.id}, {"is_paid": True}):
            with self.assertRaises(UserError):  # AccessError is one too
                plan.with_user(self.user_officer).write(values)
        self.assertFalse(plan.is_paid)
        draft = self._plan(self.staff2, [100])
        with self.assertRaises(AccessError):
            draft.with_user(self.user_officer).write({"paid_payslip_id": payslip.id})
        fine = self._penalty(self.rule_fine, confirm=False)
        with self.assertRaises(AccessError):
            fine.with_user(self.user_officer).write({"paid_payslip_id": payslip.id})

    def test_an_input_takes_only_the_payslip_employees_records(self):
        other_plan = self._closed_plan(self.staff2)
        other_fine = self._penalty(self.rule_fine, self.staff2)
        payslip = self._payslip()
        payslip.compute_sheet()
        line = self._inputs(payslip)["WP_COEF"]
        for field, record in (
            ("work_plan_ids", other_plan),
            ("work_plan_penalty_ids", other_fine),
        ):
            with self.assertRaisesRegex(ValidationError, "takes only the work plans"):
                line.with_user(self.user_payroll).write(
                    {field: [Command.link(record.id)]}
                )
        with self.assertRaisesRegex(ValidationError, "takes only the work plans"):
            payslip.with_user(self.user_payroll).input_line_ids = [
                Command.create(
                    {
                        "name": "Forged",
                        "code": "OTHER",
                        "contract_id": payslip.contract_id.id,
                        "work_plan_ids": [Command.link(other_plan.id)],
                    }
                )
            ]

    def test_a_payslip_computed_before_a_change_is_not_confirmed(self):
        plan = self._closed_plan()
        payslip = self._payslip()
        payslip.compute_sheet()
        self.env["ir.config_parameter"].sudo().set_param(
            "payroll.prevent_compute_on_confirm", True
        )
        plan.with_user(self.user_officer).action_reopen("A score was wrong")
        with self.assertRaisesRegex(UserError, "changed since it was computed"):
            payslip.action_payslip_done()
        self.assertFalse(plan.paid_payslip_id)

    def test_nobody_writes_an_input_the_bridge_would_not(self):
        plan = self._closed_plan()
        payslip = self._payslip()
        payslip.compute_sheet()
        coefficient = self._inputs(payslip)["WP_COEF"].with_user(self.user_payroll)
        for values in (
            {"amount": 2.0},
            {"work_plan_origin": "By hand"},
            {"work_plan_missing": True},
            {"work_plan_ids": [Command.clear()]},
            {"code": "WP_SCORE"},
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, "filled by the work plan bridge"),
            ):
                coefficient.write(values)
        self.assertEqual((coefficient.amount, coefficient.work_plan_ids), (0.8, plan))
        with self.assertRaisesRegex(UserError, "filled by the work plan bridge"):
            payslip.with_user(self.user_payroll).input_line_ids = [
                Command.create(
                    {
                        "name": "Forged",
                        "code": "WP_REWARD",
                        "amount": 5000,
                        "contract_id": payslip.contract_id.id,
                    }
                )
            ]
        with self.assertRaisesRegex(UserError, "filled by the work plan bridge"):
            payslip.with_user(self.user_payroll).input_line_ids = [
                Command.create(
                    {
                        "name": "Fine in other words",
                        "code": "OTHER",
                        "contract_id": payslip.contract_id.id,
                        "work_plan_origin": "Fines of December",
                    }
                )
            ]
        self.assertEqual(len(payslip.input_line_ids), len(CODES))
        with self.assertRaisesRegex(UserError, "by computing it"):
            payslip.with_user(self.user_payroll).work_plan_inputs_computed = False
        coefficient.name = "Grade coefficient"  # not the bridge's to decide
        self.assertTrue(payslip.work_plan_inputs_computed)

    def test_inputs_brought_up_to_date_by_hand_still_need_a_compute(self):
        """With compute on confirm turned off, a payslip whose inputs were
        edited since its salary lines were computed is not confirmed: its
        lines would not take off the fine its inputs claim to pay."""
        self._closed_plan()
        payslip = self._payslip()
        payslip.compute_sheet()
        self.env["ir.config_parameter"].sudo().set_param(
            "payroll.prevent_compute_on_confirm", True
        )
        fine = self._penalty(self.rule_fine)
        line = self._inputs(payslip)["WP_FINE"].with_user(self.user_payroll)
        expected = payslip._expected_work_plan_inputs()[payslip]
        line.write(work_plan_line_values(expected["WP_FINE", payslip.contract_id]))
        self.assertEqual(line.amount, 100)
        self.assertFalse(payslip.work_plan_inputs_computed)
        with self.assertRaisesRegex(UserError, "compute it again"):
            payslip.with_user(self.user_payroll).action_payslip_done()
        self.assertEqual(fine.state, "confirmed")
        self.assertNotEqual(payslip.state, "done")
        payslip.with_user(self.user_payroll).compute_sheet()
        self.assertEqual(self._totals(payslip)["WP_FINES"], -100)
        payslip.with_user(self.user_payroll).action_payslip_done()
        self.assertEqual((fine.state, fine.paid_payslip_id), ("paid", payslip))

    def test_removing_an_input_needs_a_compute_too(self):
        self._closed_plan()
        payslip = self._payslip()
        payslip.compute_sheet()
        self.env["ir.config_parameter"].sudo().set_param(
            "payroll.prevent_compute_on_confirm", True
        )
        self._inputs(payslip)["WP_SCORE"].with_user(self.user_payroll).unlink()
        with self.assertRaisesRegex(UserError, "compute it again"):
            payslip.with_user(self.user_payroll).action_payslip_done()

    def test_setting_a_done_payslip_back_to_draft_releases_its_records(self):
        plan = self._closed_plan()
        fine = self._penalty(self.rule_fine)
        payslip = self._payslip()
        payslip.compute_sheet()
        payslip.action_payslip_done()
        payslip.action_payslip_draft()
        self.assertFalse(plan.paid_payslip_id)
        self.assertEqual(fine.state, "confirmed")
        payslip.compute_sheet()
        self.assertEqual(self._inputs(payslip)["WP_FINE"].work_plan_penalty_ids, fine)

    def test_closing_the_cycle_keeps_a_paid_result(self):
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "December", "policy_id": self.policy.id, "date_from": "2026-12-01"}
        )
        plan = self._closed_plan(cycle_id=cycle.id)
        payslip = self._payslip()
        payslip.compute_sheet()
        payslip.action_payslip_done()
        # scores that would grade the plan otherwise, as a data fix could leave
        self.env.cr.execute(
            "UPDATE hr_work_plan_line SET score_manager = 60 WHERE id = %s",
            [plan.line_ids[0].id],
        )
        self.env.invalidate_all()
        cycle.sudo().state = "assessing"
        cycle.with_user(self.user_officer).action_close()
        self.assertEqual((plan.score_final, plan.coefficient), (68.5, 0.8))
