# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands


@tagged("post_install", "-at_install")
class TestPlanAppeal(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.write(
            {"grade_ids": grade_commands(TRADE_GRADES), "appeal_window_days": 7}
        )
        cls.user_arbiter = cls._user("wp_arbiter", "arbiter")
        # the committee is this test's arbiter alone, whatever the database holds
        cls.env.ref("hr_work_plan.group_work_plan_arbiter").users = cls.user_arbiter
        cls.env.company.resource_calendar_id.tz = "UTC"

    def _appeal(self, plan, user=None, reason="The client delay was excused"):
        return (
            self.env["hr.work.plan.appeal"]
            .with_user(user or self.user_staff)
            .create({"plan_id": plan.id, "reason": reason})
        )

    @freeze_time("2026-12-31 09:00:00")  # a Thursday
    def test_appeal_revises_the_score_and_keeps_the_original(self):
        plan = self._assessed_plan()
        self.assertEqual((plan.score_final, plan.grade_id.code), (78, "C"))
        appeal = self._appeal(plan)
        self.assertEqual(appeal.original_score, 78)
        self.assertTrue(plan.under_appeal)
        self.assertEqual(appeal.accept_deadline, date(2027, 1, 5))
        self.assertEqual(appeal.resolve_deadline, date(2027, 1, 14))
        self.assertEqual(appeal.activity_ids.user_id, self.user_arbiter)
        with self.assertRaises(AccessError):
            appeal.with_user(self.user_officer).action_accept()
        appeal.with_user(self.user_arbiter).action_accept()
        appeal.with_user(self.user_arbiter).action_resolve("Delay excused", 86)
        self.assertEqual(
            (appeal.state, appeal.original_score, appeal.revised_score),
            ("resolved", 78, 86),
        )
        self.assertEqual(
            (plan.score_final, plan.grade_id.code, plan.coefficient), (86, "B", 1.1)
        )
        self.assertFalse(plan.under_appeal)

    def test_only_the_owner_appeals_an_assessed_plan(self):
        plan = self._approved_plan()
        with self.assertRaisesRegex(UserError, "no assessment"):
            self._appeal(plan)
        plan = self._assessed_plan(self.staff2, (100,), (90,))
        with self.assertRaises(AccessError):
            self._appeal(plan, user=self.user_head)
        with self.assertRaisesRegex(UserError, "needs a reason"):
            self._appeal(plan, user=self.user_staff2, reason=" ")
        self._appeal(plan, user=self.user_staff2)
        with self.assertRaisesRegex(UserError, "already under appeal"):
            self._appeal(plan, user=self.user_staff2)

    def test_appeal_window(self):
        plan = self._assessed_plan()
        with (
            freeze_time("2027-02-15"),
            self.assertRaisesRegex(UserError, "within 7 days"),
        ):
            self._appeal(plan)
        self.assertFalse(plan.appeal_ids)

    def test_refusal_needs_a_reason_and_owner_cannot_decide(self):
        plan = self._assessed_plan()
        appeal = self._appeal(plan)
        with self.assertRaisesRegex(UserError, "Give a reason"):
            appeal.with_user(self.user_arbiter).action_refuse()
        appeal.with_user(self.user_arbiter).action_refuse("The delay was not excused")
        self.assertEqual(appeal.state, "refused")
        self.assertEqual(plan.score_final, 78)
        with self.assertRaises(AccessError):
            appeal.with_user(self.user_staff).write({"reason": "Changed"})

    def test_overdue_appeals_escalate_once(self):
        second_arbiter = self._user("wp_arbiter2", "arbiter")
        with freeze_time("2026-12-31 09:00:00"):
            appeal = self._appeal(self._assessed_plan())
        appeal.activity_ids.unlink()
        Appeal = self.env["hr.work.plan.appeal"]
        with freeze_time("2027-01-05"):
            Appeal._cron_escalate_appeals()
            self.assertFalse(appeal.activity_ids)
        with freeze_time("2027-01-06"):
            self.assertTrue(appeal.is_overdue)
            self.assertIn(appeal, Appeal.search([("is_overdue", "=", True)]))
            Appeal._cron_escalate_appeals()
            Appeal._cron_escalate_appeals()
        self.assertEqual(
            appeal.activity_ids.user_id, self.user_arbiter | second_arbiter
        )

    def test_arbiters_see_every_appeal_other_users_only_theirs(self):
        appeal = self._appeal(self._assessed_plan())
        Appeal = self.env["hr.work.plan.appeal"]
        self.assertIn(appeal, Appeal.with_user(self.user_arbiter).search([]))
        self.assertNotIn(appeal, Appeal.with_user(self.user_staff2).search([]))
