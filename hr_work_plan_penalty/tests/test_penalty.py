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
        penalty.action_waive()
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
