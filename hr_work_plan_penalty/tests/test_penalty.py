# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPenalty(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule_late = cls.env["hr.work.plan.penalty.rule"].create(
            {
                "name": "Plan late",
                "code": "LATE",
                "kind": "fine",
                "trigger": "late_submission",
                "amount": 50,
            }
        )
        cls.rule_cooperation = cls.env["hr.work.plan.penalty.rule"].create(
            {
                "name": "No cooperation",
                "code": "COOP",
                "kind": "fine",
                "amount": 50,
                "amount_min": 50,
                "amount_max": 100,
            }
        )

    def _penalty(self, rule, **values):
        return self.env["hr.work.plan.penalty"].create(
            {
                "rule_id": rule.id,
                "employee_id": self.staff.id,
                "reason": "Plan handed in on the 29th",
                **values,
            }
        )

    def test_amount_and_kind_come_from_the_rule(self):
        penalty = self._penalty(self.rule_late)
        self.assertEqual((penalty.kind, penalty.amount), ("fine", 50))

    def test_ranged_amount_is_checked(self):
        self.assertEqual(self._penalty(self.rule_cooperation, amount=80).amount, 80)
        with self.assertRaisesRegex(ValidationError, "from 50.0 to 100.0"):
            self._penalty(self.rule_cooperation, amount=120)

    def test_rule_range_must_be_ordered(self):
        with self.assertRaises(ValidationError):
            self.rule_cooperation.amount_min = 150

    def test_state_flow(self):
        penalty = self._penalty(self.rule_late)
        penalty.action_confirm()
        self.assertEqual(penalty.state, "confirmed")
        with self.assertRaises(UserError):
            penalty.action_confirm()
        penalty.action_waive("Explained and accepted")
        penalty.action_draft()
        self.assertEqual(penalty.state, "draft")

    def test_employees_read_only_their_own_and_their_team(self):
        penalty = self._penalty(self.rule_late)
        penalty.with_user(self.user_staff).read(["amount"])
        penalty.with_user(self.user_head).read(["amount"])
        with self.assertRaises(AccessError):
            penalty.with_user(self.user_other).read(["amount"])
        with self.assertRaises(AccessError):
            penalty.with_user(self.user_staff).write({"amount": 0})
        penalty.with_user(self.user_officer).action_confirm()

    def test_nobody_acts_on_a_fine_or_reward_of_their_own(self):
        officer = self.env["hr.employee"].create(
            {"name": "Officer", "user_id": self.user_officer.id}
        )
        other_officer = self._user("wp_officer2", "officer")
        Penalty = self.env["hr.work.plan.penalty"]
        with self.assertRaisesRegex(AccessError, "your own"):
            Penalty.with_user(self.user_officer).create(
                {
                    "rule_id": self.rule_late.id,
                    "employee_id": officer.id,
                    "reason": "Fining myself to waive it",
                }
            )
        own = Penalty.with_user(other_officer).create(
            {
                "rule_id": self.rule_late.id,
                "employee_id": officer.id,
                "reason": "Plan handed in late",
            }
        )
        for action in ("action_waive", "action_cancel", "action_confirm"):
            with (
                self.subTest(action=action),
                self.assertRaisesRegex(AccessError, "your own"),
            ):
                getattr(own.with_user(self.user_officer), action)()
        with self.assertRaisesRegex(AccessError, "your own"):
            own.with_user(self.user_officer).amount = 0
        self.assertEqual((own.state, own.amount), ("draft", 50))
        own.with_user(other_officer).action_confirm()
        self.assertEqual(own.state, "confirmed")

    def test_state_and_amount_are_not_forged(self):
        Penalty = self.env["hr.work.plan.penalty"].with_user(self.user_officer)
        with self.assertRaisesRegex(AccessError, "set by the workflow"):
            Penalty.create(
                {
                    "rule_id": self.rule_late.id,
                    "employee_id": self.staff.id,
                    "reason": "Paid already",
                    "state": "paid",
                }
            )
        penalty = self._penalty(self.rule_late)
        with self.assertRaisesRegex(AccessError, "set by the workflow"):
            penalty.with_user(self.user_officer).state = "waived"
        for amount in (float("nan"), float("inf"), -1):
            with self.subTest(amount=amount), self.assertRaises(ValidationError):
                penalty.with_user(self.user_officer).amount = amount
        for amount in (float("nan"), float("inf")):
            with self.subTest(amount=amount), self.assertRaises(ValidationError):
                self.rule_late.with_user(self.user_admin).amount = amount

    def test_confirmed_records_are_locked_and_kept(self):
        penalty = self._penalty(self.rule_late)
        penalty.with_user(self.user_officer).action_confirm()
        officer = penalty.with_user(self.user_officer)
        for values in ({"amount": 9999}, {"employee_id": self.staff2.id}):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, "Only draft"),
            ):
                officer.write(values)
        with self.assertRaisesRegex(UserError, "Only draft or cancelled"):
            officer.unlink()
        self.assertEqual((penalty.amount, penalty.employee_id), (50, self.staff))
        officer_employee = self.env["hr.employee"].create(
            {"name": "Officer", "user_id": self.user_officer.id}
        )
        own = self._penalty(self.rule_late, employee_id=officer_employee.id)
        with self.assertRaisesRegex(AccessError, "your own"):
            own.with_user(self.user_officer).unlink()
        self.assertTrue(own.exists())

    def test_a_fine_names_an_item_of_its_plan(self):
        plan = self._plan(self.staff, [100])
        other = self._plan(self.staff2, [100])
        with self.assertRaisesRegex(ValidationError, "belongs to its plan"):
            self._penalty(self.rule_late, plan_id=plan.id, line_id=other.line_ids.id)
        penalty = self._penalty(
            self.rule_late, plan_id=plan.id, line_id=plan.line_ids.id
        )
        self.assertEqual(penalty.line_id, plan.line_ids)
        for amount in (1e20, 1_000_001):
            with self.subTest(amount=amount), self.assertRaises(ValidationError):
                penalty.with_user(self.user_officer).amount = amount
