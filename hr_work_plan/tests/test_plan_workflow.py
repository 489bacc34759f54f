# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPlanWorkflow(WorkPlanCase):
    def _state_changes(self, plan):
        values = plan.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        return sorted(values.mapped("new_value_char"))

    def test_monthly_employee_plan_full_cycle(self):
        plan = self._plan(self.staff, [60, 40])
        self.flush_tracking()
        self.assertEqual(plan.approver_id, self.head)

        plan.with_user(self.user_staff).action_submit()
        self.flush_tracking()
        self.assertTrue(plan.submitted_on)
        activity = plan.activity_ids
        self.assertEqual(activity.user_id, self.user_head)
        mail = plan.message_ids.filtered(
            lambda message: "submitted the work plan" in message.body
        )
        self.assertEqual(mail.partner_ids, self.user_head.partner_id)

        plan.with_user(self.user_head).action_approve()
        self.flush_tracking()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.activity_ids.user_id, self.user_staff)

        self._report(plan, "done", "not_done")
        plan.with_user(self.user_staff).self_comment = "Catalogue slipped"
        plan.with_user(self.user_staff).action_self_assess()
        self.flush_tracking()
        self.assertEqual(plan.state, "self_assessed")
        self.assertEqual(plan.score_self, 100)
        self.assertEqual(plan.unfinished_count, 1)

        item_done, item_missed = plan.line_ids
        item_done.with_user(self.user_head).write(
            {"efficiency": "on_time", "quality": "good", "score_manager": 55}
        )
        item_missed.with_user(self.user_head).score_manager = 0
        plan.with_user(self.user_head).action_assess()
        self.flush_tracking()
        self.assertEqual(
            (plan.state, plan.score_manager, plan.score_final), ("assessed", 55, 55)
        )

        plan.with_user(self.user_officer).action_done()
        self.flush_tracking()
        self.assertEqual(plan.state, "done")
        self.assertFalse(plan.activity_ids)
        self.assertEqual(
            self._state_changes(plan),
            ["Approved", "Assessed", "Done", "Self-assessed", "Submitted"],
        )
        scores = plan.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "score_final"
        )
        self.assertEqual(scores.mapped("new_value_float"), [55])

    def test_submit_checks_the_total_and_writes_nothing_when_wrong(self):
        plan = self._plan(self.staff, [60, 30])
        with self.assertRaisesRegex(UserError, "total exactly 100"):
            plan.with_user(self.user_staff).action_submit()
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.submitted_on)
        self.assertFalse(plan.activity_ids)

    def test_submit_needs_items_with_weights(self):
        plan = self._plan(self.staff, [])
        with self.assertRaisesRegex(UserError, "no item"):
            plan.with_user(self.user_staff).action_submit()
        plan.line_ids = [Command.create({"name": "No weight", "weight": 0})]
        with self.assertRaisesRegex(UserError, "needs a weight"):
            plan.with_user(self.user_staff).action_submit()

    def test_at_most_rule(self):
        self.policy.total_rule = "at_most"
        plan = self._plan(self.staff, [60, 30])
        plan.with_user(self.user_staff).action_submit()
        self.assertEqual(plan.state, "submitted")
        too_much = self._plan(self.staff2, [80, 30])
        with self.assertRaisesRegex(UserError, "at most 100"):
            too_much.with_user(self.user_staff2).action_submit()

    def test_weekly_plan_at_120_with_extra_weight(self):
        weekly = self.policy.copy(
            {"code": "TEST-W", "period_type": "week", "total_points": 120}
        )
        routine, leader = weekly.category_ids[:2]
        month = self._plan(self.staff, [60, 40])
        week = self.env["hr.work.plan"].create(
            {
                "policy_id": weekly.id,
                "employee_id": self.staff.id,
                "date_from": "2026-12-07",
                "date_to": "2026-12-13",
                "parent_id": month.id,
                "line_ids": [
                    Command.create(
                        {"name": "Routine", "weight": 70, "category_id": routine.id}
                    ),
                    Command.create(
                        {"name": "Key", "weight": 50, "category_id": routine.id}
                    ),
                ],
            }
        )
        self.assertEqual(month.child_ids, week)
        week.with_user(self.user_staff).action_submit()
        week.with_user(self.user_head).action_approve()
        # the supervising leader adds a task on top of the 120
        week.with_user(self.user_head).line_ids = [
            Command.create(
                {"name": "Visit client", "weight": 15, "category_id": leader.id}
            )
        ]
        self.assertEqual((week.total_weight, week.extra_weight), (120, 15))

    def test_week_plan_must_sit_inside_its_month_plan(self):
        month = self._plan(self.staff, [100])
        with self.assertRaisesRegex(UserError, "covers its period"):
            self._plan(
                self.staff,
                [100],
                policy=self.policy.copy({"code": "W2", "period_type": "week"}),
                date_from="2027-01-04",
                date_to="2027-01-10",
                parent_id=month.id,
            )

    def test_department_plan_belongs_to_its_manager(self):
        department_policy = self.policy.copy(
            {"code": "TEST-D", "owner_type": "department"}
        )
        plan = self._plan(
            self.head, [100], policy=department_policy, owner_type="department"
        )
        self.assertEqual(plan.department_id, self.department)
        self.assertEqual(plan.approver_id, self.director)
        plan.with_user(self.user_head).action_submit()
        with self.assertRaisesRegex(UserError, "your own plan"):
            plan.with_user(self.user_head).action_approve()
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_reject_sends_back_with_reason(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_submit()
        action = plan.with_user(self.user_head).action_open_reject_wizard()
        self.assertEqual(action["name"], "Reject the plan")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_head)
            .with_context(**action["context"])
            .create({"reason": "Items are not measurable"})
        )
        wizard.action_confirm()
        self.assertEqual(
            (plan.state, plan.reject_reason), ("draft", "Items are not measurable")
        )
        self.assertIn("Items are not measurable", plan.message_ids[0].body)
        self.assertEqual(plan.activity_ids.user_id, self.user_staff)

    def test_reject_without_a_reason(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_reject()
        self.assertEqual((plan.state, plan.reject_reason), ("draft", False))
        plan.with_user(self.user_staff).action_submit()
        self.assertEqual(plan.state, "submitted")

    def test_officer_reopens_a_done_plan_with_a_reason(self):
        plan = self._approved_plan()
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        plan.with_user(self.user_head).action_assess()
        plan.with_user(self.user_officer).action_done()
        with self.assertRaises(UserError):
            plan.with_user(self.user_head).action_reopen("wrong score")
        with self.assertRaisesRegex(UserError, "Give a reason"):
            plan.with_user(self.user_officer).action_reopen()
        self.assertEqual(plan.state, "done")
        plan.with_user(self.user_officer).action_reopen("Score appealed")
        self.assertEqual(plan.state, "self_assessed")
        self.assertIn("Score appealed", plan.message_ids[0].body)
        plan.line_ids[0].with_user(self.user_head).score_manager = 50
        self.assertEqual(plan.score_manager, 50)

    def test_cancel(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_cancel()
        self.assertEqual(plan.state, "cancelled")
        approved = self._approved_plan(self.staff2)
        with self.assertRaises(UserError):
            approved.with_user(self.user_staff2).action_cancel()
        approved.with_user(self.user_officer).action_cancel()
        self.assertEqual(approved.state, "cancelled")

    def test_one_plan_per_owner_and_period(self):
        self._plan(self.staff, [100])
        with self.assertRaisesRegex(UserError, "already has a plan"):
            self._plan(self.staff, [100])

    def test_self_assess_needs_every_item_reported(self):
        plan = self._approved_plan()
        plan.line_ids[0].with_user(self.user_staff).completion = "done"
        with self.assertRaisesRegex(UserError, "Item 2"):
            plan.with_user(self.user_staff).action_self_assess()
        self.assertEqual(plan.state, "approved")

    def test_period_must_not_end_before_it_starts(self):
        with self.assertRaises(UserError) as error:
            self._plan(self.staff, [100], date_from="2026-12-31", date_to="2026-12-01")
        self.assertIn("before it starts", str(error.exception))
        self.assertFalse(
            self.env["hr.work.plan"].search([("employee_id", "=", self.staff.id)])
        )
