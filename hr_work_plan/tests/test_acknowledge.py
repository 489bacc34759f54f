# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Owner acknowledgement (签字确认): the owner signs the approved plan and the
result as the policy asks; a result left unsigned is deemed acknowledged by
the daily job; the owner who disagrees objects through an appeal."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands

# the suite's clock (common.CLOCK): the plans of the tests are assessed then
ASSESSED_ON = datetime(2026, 11, 20, 9, 0)


@tagged("post_install", "-at_install")
class TestAcknowledge(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.write(
            {
                "grade_ids": grade_commands(TRADE_GRADES),
                "acknowledge": "both",
                "acknowledge_days": 3,
            }
        )

    def _acknowledge(self, plan, user=None):
        plan.with_user(user or plan.employee_id.user_id).action_acknowledge()

    # ------------------------------------------------------------------
    # the policy

    def test_policy_asks_for_nothing_by_default(self):
        policy = self.env["hr.work.plan.policy"].create(
            {"name": "Plain", "code": "TEST-PLAIN"}
        )
        self.assertEqual((policy.acknowledge, policy.acknowledge_days), ("none", 3))
        for days in (-1, 367):
            with (
                self.subTest(days=days),
                self.assertRaisesRegex(ValidationError, "Acknowledgement Days"),
            ):
                policy.acknowledge_days = days

    # ------------------------------------------------------------------
    # the owner signs

    def test_owner_acknowledges_the_approved_plan(self):
        plan = self._approved_plan()
        self.assertEqual(plan.acknowledge_needed, "plan")
        self.assertTrue(plan.with_user(self.user_staff).can_acknowledge)
        self.assertFalse(plan.with_user(self.user_head).can_acknowledge)
        with freeze_time("2026-11-21 08:30:00"):
            self._acknowledge(plan)
        self.assertEqual(plan.acknowledged_plan_on, datetime(2026, 11, 21, 8, 30))
        self.assertFalse(plan.acknowledged_result_on)
        self.assertFalse(plan.acknowledge_needed)
        self.assertTrue(
            any(
                "acknowledged the plan" in body
                for body in plan.message_ids.mapped("body")
            )
        )
        with self.assertRaisesRegex(UserError, "nothing to acknowledge"):
            self._acknowledge(plan)

    def test_only_the_owner_acknowledges(self):
        plan = self._approved_plan()
        for user in (self.user_head, self.user_officer, self.user_admin):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, "Only the owner"),
            ):
                self._acknowledge(plan, user)
        self.assertFalse(plan.acknowledged_plan_on)

    def test_nothing_to_acknowledge_under_a_policy_asking_none(self):
        self.policy.acknowledge = "none"
        plan = self._assessed_plan()
        self.assertFalse(plan.acknowledge_needed)
        with self.assertRaisesRegex(UserError, "asks for no acknowledgement"):
            self._acknowledge(plan)

    def test_nothing_to_acknowledge_before_approval(self):
        plan = self._plan(self.staff, [60, 40])
        with self.assertRaisesRegex(UserError, "nothing to acknowledge"):
            self._acknowledge(plan)

    def test_owner_acknowledges_the_result(self):
        self.policy.acknowledge = "result"
        approved = self._approved_plan(self.staff2)
        self.assertFalse(approved.acknowledge_needed)
        plan = self._assessed_plan()
        self.assertEqual(plan.acknowledge_needed, "result")
        with freeze_time("2026-11-22 10:00:00"):
            self._acknowledge(plan)
        self.assertEqual(plan.acknowledged_result_on, datetime(2026, 11, 22, 10, 0))
        self.assertFalse(plan.acknowledged_deemed)
        self.assertFalse(plan.acknowledged_plan_on)

    def test_both_at_once_on_several_plans(self):
        plans = self._assessed_plan() | self._assessed_plan(
            date_from="2027-01-01", date_to="2027-01-31"
        )
        self.assertEqual(plans.mapped("acknowledge_needed"), ["both", "both"])
        foreign = self._approved_plan(self.staff2)
        with self.assertRaises(AccessError):
            (plans | foreign).with_user(self.user_staff).action_acknowledge()
        self.assertFalse(any(plans.mapped("acknowledged_plan_on")))
        plans.with_user(self.user_staff).action_acknowledge()
        for plan in plans:
            self.assertEqual(
                (plan.acknowledged_plan_on, plan.acknowledged_result_on),
                (ASSESSED_ON, ASSESSED_ON),
            )

    def test_a_corrected_assessment_is_acknowledged_again(self):
        self.policy.acknowledge = "result"
        plan = self._assessed_plan()
        self._acknowledge(plan)
        plan.with_user(self.user_head).action_back_to_assessment()
        self.assertFalse(plan.acknowledged_result_on)
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.acknowledge_needed, "result")

    # ------------------------------------------------------------------
    # deemed by the deadline

    def test_result_deemed_acknowledged_after_the_days(self):
        self.policy.acknowledge = "result"
        plan = self._assessed_plan()
        signed = self._assessed_plan(self.staff2)
        self._acknowledge(signed)
        # what a plan created in the same transaction does goes untracked
        self.flush_tracking()
        Plan = self.env["hr.work.plan"]
        with freeze_time("2026-11-23 08:59:00"):
            Plan._cron_plan_deadlines()
        self.assertFalse(plan.acknowledged_result_on)
        self.assertEqual(plan.acknowledge_needed, "result")
        with freeze_time("2026-11-23 09:00:00"):
            Plan._cron_plan_deadlines()
        self.assertEqual(
            (plan.acknowledged_result_on, plan.acknowledged_deemed),
            (datetime(2026, 11, 23, 9, 0), True),
        )
        self.assertFalse(plan.acknowledge_needed)
        self.assertEqual(
            (signed.acknowledged_result_on, signed.acknowledged_deemed),
            (ASSESSED_ON, False),
        )
        self.flush_tracking()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", plan._name),
                ("mail_message_id.res_id", "=", plan.id),
            ]
        )
        self.assertIn("acknowledged_deemed", tracked.field_id.mapped("name"))
        with freeze_time("2026-12-20 09:00:00"):
            self.assertFalse(Plan._deem_results_acknowledged())

    def test_no_deemed_acknowledgement_without_days_or_under_appeal(self):
        self.policy.acknowledge = "result"
        appealed = self._assessed_plan()
        appealed.with_user(self.user_staff).action_object_to_result()
        self.env["hr.work.plan.appeal"].with_user(self.user_staff).create(
            {"plan_id": appealed.id, "reason": "The client delay was excused"}
        )
        self.assertTrue(appealed.under_appeal)
        self.assertFalse(appealed.acknowledge_needed)
        with self.assertRaisesRegex(UserError, "under appeal"):
            self._acknowledge(appealed)
        other_policy = self.policy.copy(
            {
                "code": "TEST-NODAYS",
                "acknowledge": "result",
                "acknowledge_days": 0,
                "department_ids": [Command.set(self.other_department.ids)],
            }
        )
        unsigned = self._assessed_plan(self.other, policy=other_policy)
        with freeze_time("2026-12-31 09:00:00"):
            self.env["hr.work.plan"]._cron_plan_deadlines()
        self.assertFalse(appealed.acknowledged_result_on)
        self.assertFalse(unsigned.acknowledged_result_on)
        self.assertEqual(unsigned.acknowledge_needed, "result")

    def test_deeming_costs_the_same_for_many_plans(self):
        self.policy.acknowledge = "result"

        def queries(size):
            department, employees = self._team(f"Deem {size}", f"Deem {size}", size)
            policy = self.policy.copy(
                {
                    "code": f"DEEM{size}",
                    "department_ids": [Command.set(department.ids)],
                }
            )
            plans = self.env["hr.work.plan"]
            for employee in employees:
                plans |= self._plan(employee, [100], policy=policy)
            plans.sudo().write({"state": "assessed", "assessed_on": ASSESSED_ON})
            self.env.flush_all()
            self.env.invalidate_all()
            with freeze_time("2026-11-24 09:00:00"):
                before = self.env.cr.sql_log_count
                deemed = self.env["hr.work.plan"]._deem_results_acknowledged()
                self.env.flush_all()
                count = self.env.cr.sql_log_count - before
            self.assertEqual(deemed, plans)
            self.assertTrue(all(plans.mapped("acknowledged_deemed")))
            return count

        self.assertEqual(queries(3), queries(30))

    # ------------------------------------------------------------------
    # objecting

    def test_objection_opens_an_appeal(self):
        plan = self._assessed_plan()
        action = plan.with_user(self.user_staff).action_object_to_result()
        self.assertEqual(
            (action["res_model"], action["context"]["default_plan_id"]),
            ("hr.work.plan.appeal", plan.id),
        )
        with self.assertRaises(AccessError):
            plan.with_user(self.user_head).action_object_to_result()
        self.policy.acknowledge = "plan"
        with self.assertRaisesRegex(UserError, "no result waiting"):
            plan.with_user(self.user_staff).action_object_to_result()

    # ------------------------------------------------------------------
    # forged

    def test_acknowledgements_are_not_written_by_hand(self):
        draft = self._plan(self.staff, [60, 40])
        plan = self._approved_plan(self.staff2)
        forged = {
            "acknowledged_plan_on": "2026-11-21 08:00:00",
            "acknowledged_result_on": "2026-11-21 08:00:00",
            "acknowledged_deemed": True,
        }
        values = {
            "policy_id": self.policy.id,
            "employee_id": self.staff.id,
            "date_from": "2027-01-01",
            "date_to": "2027-01-31",
        }
        Plan = self.env["hr.work.plan"]
        for user in (self.user_staff, self.user_head, self.user_officer):
            for fname, value in forged.items():
                with self.subTest(user=user.login, field=fname):
                    with self.assertRaises(AccessError):
                        draft.with_user(user).write({fname: value})
                    with self.assertRaises(AccessError):
                        plan.with_user(user).write({fname: value})
                    with self.assertRaisesRegex(AccessError, "set by the workflow"):
                        Plan.with_user(user).create({**values, fname: value})
        for user in (self.user_staff, self.user_officer):
            with self.assertRaisesRegex(AccessError, "set by the workflow"):
                draft.with_user(user).write({"acknowledged_plan_on": "2026-11-21"})
        smuggled = (
            Plan.with_user(self.user_staff)
            .with_context(default_acknowledged_plan_on="2026-11-21 08:00:00")
            .create(values)
        )
        self.assertFalse(smuggled.acknowledged_plan_on)
        for record in draft | plan:
            self.assertEqual([record[fname] for fname in forged], [False, False, False])
