# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPlanDeadlines(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Shanghai 5x8", "tz": "Asia/Shanghai"}
        )
        # Friday 27 November 2026 is a company holiday
        # leaves are entered in the time zone of the user who enters them
        cls.env.user.tz = "Asia/Shanghai"
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": cls.calendar.id,
                "date_from": datetime(2026, 11, 26, 16, 0),
                "date_to": datetime(2026, 11, 27, 15, 59),
            }
        )
        (cls.staff | cls.head).resource_calendar_id = cls.calendar
        cls.policy.deadline_ids = [
            Command.create(
                {"stage": "submit", "position": "before", "day": 27, "hour": 12}
            ),
            Command.create(
                {
                    "stage": "approve",
                    "position": "before",
                    "day": -1,
                    "hour": 18,
                    "working_days": True,
                }
            ),
            Command.create(
                {"stage": "self_assess", "position": "in", "day": 26, "hour": 18}
            ),
            Command.create(
                {"stage": "assess", "position": "in", "day": 27, "hour": 18}
            ),
            Command.create(
                {"stage": "report", "position": "in", "day": 28, "hour": 16}
            ),
        ]

    def test_deadlines_follow_the_rules_and_the_calendar(self):
        plan = self._plan(self.staff, [100])
        # the 27th is a holiday and the 28th–29th a weekend: Monday 30th, 12:00 Shanghai
        self.assertEqual(plan.submit_deadline, datetime(2026, 11, 30, 4, 0))
        # the last working day of November
        self.assertEqual(plan.approve_deadline, datetime(2026, 11, 30, 10, 0))
        self.assertEqual(plan.self_assess_deadline, datetime(2026, 12, 28, 10, 0))
        self.assertEqual(plan.assess_deadline, datetime(2026, 12, 28, 10, 0))
        self.assertEqual(plan.report_deadline, datetime(2026, 12, 28, 8, 0))
        self.assertEqual(plan.next_deadline, plan.submit_deadline)

    def test_employee_without_calendar_uses_the_company_one(self):
        self.staff2.resource_calendar_id = False
        self.env.company.resource_calendar_id.tz = "UTC"
        plan = self._plan(self.staff2, [100])
        self.assertEqual(plan.submit_deadline, datetime(2026, 11, 27, 12, 0))

    def test_weekly_deadline_on_a_weekday(self):
        weekly = self.policy.copy(
            {"code": "WK", "period_type": "week", "deadline_ids": []}
        )
        weekly.deadline_ids = [
            Command.create(
                {"stage": "submit", "position": "before", "day": 5, "hour": 12}
            )
        ]
        plan = self._plan(
            self.staff,
            [100],
            policy=weekly,
            date_from="2026-12-07",
            date_to="2026-12-13",
        )
        self.assertEqual(plan.submit_deadline, datetime(2026, 12, 4, 4, 0))

    def test_invalid_rules_are_refused(self):
        for values in ({"day": 0}, {"day": 32}, {"hour": 25}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.policy.deadline_ids[0].write(values)
        with self.assertRaises(ValidationError):
            self.policy.copy({"code": "WK2", "period_type": "week"}).deadline_ids[
                0
            ].day = 8

    @freeze_time("2026-11-30 06:00:00")
    def test_late_submission_is_recorded(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_submit()
        self.assertTrue(plan.submit_late)
        self.assertTrue(plan.is_late)
        self.assertFalse(plan.approve_late)

    @freeze_time("2026-11-30 03:00:00")
    def test_submission_in_time_is_not_late(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_submit()
        self.assertFalse(plan.is_late)

    def test_cron_records_lateness_and_reminds_once(self):
        plan = self._plan(self.staff, [100])
        head_plan = self._plan(self.head, [100])
        head_plan.with_user(self.user_head).action_submit()
        head_plan.activity_ids.unlink()
        Plan = self.env["hr.work.plan"]
        with freeze_time("2026-11-25 01:00:00"):
            Plan._cron_plan_deadlines()
            self.assertFalse(plan.activity_ids)
        with freeze_time("2026-11-28 01:00:00"):
            Plan._cron_plan_deadlines()
            self.assertEqual(plan.activity_ids.user_id, self.user_staff)
            self.assertFalse(plan.is_late)
        with freeze_time("2026-12-01 01:00:00"):
            Plan._cron_plan_deadlines()
            Plan._cron_plan_deadlines()
        self.assertTrue(plan.submit_late)
        self.assertTrue(plan.approve_late)
        self.assertFalse(plan.self_assess_late)
        self.assertEqual(len(plan.activity_ids), 1)
        self.assertTrue(head_plan.approve_late)
        self.assertFalse(head_plan.submit_late)
        self.assertEqual(head_plan.activity_ids.user_id, self.user_director)
