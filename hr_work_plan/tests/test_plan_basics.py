# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPlanBasics(WorkPlanCase):
    def test_approver_is_direct_superior(self):
        self.assertEqual(self._plan(self.staff, [100]).approver_id, self.head)

    def test_department_manager_plan_goes_one_level_up(self):
        self.head.parent_id = False
        self.assertEqual(
            self._plan(self.head, [100]).approver_id, self.director.browse()
        )
        self.department.parent_id = self.env["hr.department"].create(
            {"name": "Board", "manager_id": self.director.id}
        )
        plan = self._plan(self.head, [100])
        self.assertEqual(plan.approver_id, self.director)

    def test_extra_weight_sits_outside_the_total(self):
        plan = self._plan(self.staff, [60, 40])
        plan.line_ids = [
            Command.create(
                {"name": "Leader", "weight": 15, "category_id": self.cat_leader.id}
            ),
            Command.create({"name": "Section", "display_type": "line_section"}),
        ]
        self.assertEqual((plan.total_weight, plan.extra_weight), (100, 15))

    def test_submit_checks_the_total_and_writes_nothing_when_wrong(self):
        plan = self._plan(self.staff, [60, 30])
        with self.assertRaisesRegex(UserError, "total exactly 100"):
            plan.with_user(self.user_staff).action_submit()
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.submitted_on)

    def test_at_most_rule_accepts_less(self):
        self.policy.total_rule = "at_most"
        plan = self._plan(self.staff, [60, 30])
        plan.with_user(self.user_staff).action_submit()
        self.assertEqual(plan.state, "submitted")
        plan.action_reject()
        plan.line_ids[0].weight = 80
        with self.assertRaisesRegex(UserError, "at most 100"):
            plan.action_submit()

    def test_submit_approve_is_tracked(self):
        plan = self._plan(self.staff, [60, 40])
        self.flush_tracking()
        plan.with_user(self.user_staff).action_submit()
        self.flush_tracking()
        plan.with_user(self.user_head).action_approve()
        self.flush_tracking()
        self.assertEqual(plan.state, "approved")
        tracked = plan.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")), ["Approved", "Submitted"]
        )

    def test_owner_cannot_approve_own_plan(self):
        plan = self._plan(self.head, [100])
        plan.with_user(self.user_head).action_submit()
        with self.assertRaisesRegex(UserError, "own plan"):
            plan.with_user(self.user_head).action_approve()
        self.assertEqual(plan.state, "submitted")

    def test_approve_needs_a_submitted_plan(self):
        plan = self._plan(self.staff, [100])
        with self.assertRaises(UserError):
            plan.with_user(self.user_head).action_approve()

    def test_visibility_follows_the_reporting_line(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).read(["name"])
        plan.with_user(self.user_head).read(["name"])
        plan.with_user(self.user_director).read(["name"])
        plan.with_user(self.user_officer).read(["name"])
        with self.assertRaises(AccessError):
            plan.with_user(self.user_other).read(["name"])
        Plan = self.env["hr.work.plan"]
        self.assertEqual(Plan.with_user(self.user_other).search([]), Plan.browse())
        self.assertIn(plan, Plan.with_user(self.user_head).search([]))
