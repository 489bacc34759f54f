# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Presets P5 and P12 of source 000, and the readings the presets of that
source document: deadlines of "before the Nth", P6's change window, totals."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_policy_presets import PRESET_DEFAULTS


@tagged("post_install", "-at_install")
class TestPlanPresets(WorkPlanCase):
    def _preset(self, key):
        return self.env.ref(f"hr_work_plan.preset_policy_{key}")

    def _copy(self, key):
        return self._copy_preset(key, self.board)

    @staticmethod
    def _pending(record):
        return record.approval_ids.filtered(lambda row: row.state == "pending")

    def _sectioned_plan(self, policy, items):
        """A department plan of the head for December 2026: ``items`` are
        (category, weight) rows."""
        plan = self._plan(
            self.head,
            [weight for _category, weight in items],
            policy=policy,
            owner_type="department",
            department_id=self.department.id,
        )
        for line, (category, _weight) in zip(plan.line_ids, items, strict=True):
            line.category_id = category
        return plan

    # ------------------------------------------------------------------
    # P5: plan management 60 + management 40, the panel reviews

    def test_p5_plan_management_60_and_management_40(self):
        policy = self._copy("p5")
        self.assertEqual(
            (policy.period_type, policy.owner_type, policy.code),
            ("month", "department", "P5-1"),
        )
        self.assertEqual((policy.total_points, policy.total_rule), (100, "exact"))
        planning, management = policy.category_ids
        self.assertEqual(
            [(c.code, c.points_total, c.weight) for c in policy.category_ids],
            [("PLAN", 60, 60), ("MANAGEMENT", 40, 40)],
        )
        # the four criteria of plan management, the five of management
        criteria = [(planning, 15)] * 4 + [(management, 8)] * 5
        # sections weighed 70 / 30 are not the source's 60 / 40
        wrong = self._sectioned_plan(policy, [(planning, 70), (management, 30)])
        with self.assertRaisesRegex(UserError, "exactly 60"):
            wrong.with_user(self.user_head).action_submit()
        wrong.with_user(self.user_head).unlink()
        plan = self._sectioned_plan(policy, criteria)
        plan.with_user(self.user_head).action_submit()
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "approved")
        self._report(plan, *["done"] * 9)
        plan.with_user(self.user_head).action_self_assess()
        plan_points, management_points = (14, 12, 13, 11), (7, 6, 8, 5, 7)
        self._score(plan, *plan_points, *management_points)
        plan.with_user(self.user_director).action_assess()
        # the panel (the office: work-plan officers) reviews the scores
        self.assertTrue(plan.under_review)
        panel = self._pending(plan)
        self.assertIn(self.user_officer, panel.user_id)
        self.assertNotIn(self.user_director, panel.user_id)
        plan.with_user(self.user_officer).action_approve()
        self.assertEqual(plan.state, "assessed")
        self.assertEqual(plan.score_final, 50 + 33)
        self.assertEqual(plan.grade_id.code, "B")

    # ------------------------------------------------------------------
    # P12: quarterly plans, special work carried over, scoring frozen at
    # approval, group operations management assesses

    def test_p12_quarter_plan_carried_over_frozen_and_routed(self):
        policy = self._copy("p12")
        self.assertEqual(
            (policy.period_type, policy.owner_type), ("quarter", "employee")
        )
        self.assertTrue(policy.carry_over)
        indicators, special = policy.category_ids
        self.assertEqual(policy._carry_over_category(), special)
        policy.with_user(self.user_admin).write(
            {"department_ids": [Command.clear()], "employee_ids": [self.staff.id]}
        )
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "Q4", "policy_id": policy.id, "date_from": "2026-10-01"}
        )
        plan = cycle.with_user(self.user_officer).action_generate_plans()
        self.assertEqual(plan.employee_id, self.staff)
        self.assertEqual(
            (plan.date_from, plan.date_to), (date(2026, 10, 1), date(2026, 12, 31))
        )
        plan.with_user(self.user_staff).write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "name": name,
                            "weight": weight,
                            "category_id": category.id,
                            "deadline": "2026-12-15",
                        }
                    )
                    for name, weight, category in (
                        ("Sales", 50, indicators),
                        ("New warehouse", 30, special),
                        ("System migration", 20, special),
                    )
                ]
            }
        )
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        self.assertEqual(plan.state, "approved")
        # the scoring stated at approval holds: the policy changed afterwards
        # (C from 78) does not re-grade the plan
        grade_c, grade_d = (
            policy.grade_ids.filtered(lambda grade, code=code: grade.code == code)
            for code in ("C", "D")
        )
        policy.with_user(self.user_admin).write(
            {
                "grade_ids": [
                    Command.update(grade_c.id, {"min_score": 78}),
                    Command.update(grade_d.id, {"max_score": 78}),
                ]
            }
        )
        self._report(plan, "done", "done", "not_done")
        plan.with_user(self.user_staff).action_self_assess()
        self._score(plan, 48, 29, 0)
        plan.with_user(self.user_head).action_assess()
        # group operations management (the work-plan officers) assesses
        self.assertTrue(plan.under_review)
        operations = self._pending(plan)
        self.assertIn(self.user_officer, operations.user_id)
        self.assertNotIn(self.user_head, operations.user_id)
        plan.with_user(self.user_officer).action_approve()
        self.assertEqual(plan.state, "assessed")
        self.assertEqual(plan.score_final, 48 + 29)
        self.assertEqual(plan.grade_id.code, "C")  # (70, 80] when approved
        self.assertEqual(policy._grade_for(77).code, "D")  # today's policy
        # next quarter: the unfinished special work is carried over into it
        following = self.env["hr.work.plan.cycle"].create(
            {"name": "Q1", "policy_id": policy.id, "date_from": "2027-01-01"}
        )
        next_plan = following.with_user(self.user_officer).action_generate_plans()
        carried = next_plan.line_ids
        self.assertEqual(carried.mapped("name"), ["System migration"])
        self.assertEqual(carried.category_id, special)
        self.assertEqual(carried.weight, 20)
        self.assertEqual(carried.carried_from_id, plan.line_ids[2])


@tagged("post_install", "-at_install")
class TestPresetReadings(WorkPlanCase):
    """What each preset of source 000 reads where its source is open."""

    def _dues(self, key, date_from, date_to):
        calendar = self.env["resource.calendar"].create({"name": "UTC", "tz": "UTC"})
        preset = self.env.ref(f"hr_work_plan.preset_policy_{key}")
        return preset._stage_deadlines(date_from, date_to, calendar)

    def test_before_the_nth_is_the_end_of_the_nth(self):
        # P6: proposals by the end of the 28th, the plan by the end of the
        # 30th of the month before (Wed 28 and Fri 30 April 2027)
        dues = self._dues("p6", date(2027, 5, 1), date(2027, 5, 31))
        self.assertEqual(dues["submit"], datetime(2027, 4, 29, 0, 0))
        self.assertEqual(dues["approve"], datetime(2027, 5, 1, 0, 0))
        # February has no 30th: its last day (Wed 28 February 2029)
        dues = self._dues("p6", date(2029, 3, 1), date(2029, 3, 31))
        self.assertEqual(dues["approve"], datetime(2029, 3, 1, 0, 0))
        # P8: plan and self-scores by the end of the 26th, the head's scores
        # by the end of the 27th (Sat 27 March 2027 → Mon 29)
        dues = self._dues("p8", date(2027, 3, 1), date(2027, 3, 31))
        self.assertEqual(dues["self_assess"], datetime(2027, 3, 27, 0, 0))
        self.assertEqual(dues["assess"], datetime(2027, 3, 30, 0, 0))
        # P11: by the end of the 5th and the 8th, the self-review by the end
        # of the 3rd of the next month (Sat 3 April 2027 → Mon 5)
        dues = self._dues("p11", date(2027, 3, 1), date(2027, 3, 31))
        self.assertEqual(
            dues,
            {
                "submit": datetime(2027, 3, 6, 0, 0),
                "approve": datetime(2027, 3, 9, 0, 0),
                "self_assess": datetime(2027, 4, 6, 0, 0),
            },
        )

    def test_p7_before_the_20th_is_before_the_offices_check_on_the_20th(self):
        # the plan of December 2026 by 00:00 on Friday 20 November, scored
        # by 00:00 on Monday 25 January 2027
        dues = self._dues("p7", date(2026, 12, 1), date(2026, 12, 31))
        self.assertEqual(
            dues,
            {
                "submit": datetime(2026, 11, 20, 0, 0),
                "approve": datetime(2026, 11, 20, 0, 0),
                "assess": datetime(2027, 1, 25, 0, 0),
                "report": datetime(2027, 1, 25, 0, 0),
            },
        )

    def test_weekly_hours_fall_on_the_day_itself(self):
        # P11-W: 10:00 on the last working day of the week before
        dues = self._dues("p11_week", date(2026, 12, 7), date(2026, 12, 13))
        self.assertEqual(dues, {"submit": datetime(2026, 12, 4, 10, 0)})

    def test_p6_changes_at_the_latest_3_days_before_the_item_is_due(self):
        action = (
            self.env.ref("hr_work_plan.preset_policy_p6")
            .with_user(self.user_admin)
            .action_copy_preset()
        )
        policy = self.env["hr.work.plan.policy"].browse(action["res_id"])
        self.assertEqual(policy.change_window_days, 3)
        policy.with_user(self.user_admin).department_ids = self.board
        plan = self._department_plan(policy)
        plan.with_user(self.user_head).action_submit()
        plan.with_user(self.user_director).action_approve()
        item = plan.line_ids[0]
        self.assertEqual(item.deadline, date(2026, 12, 20))

        def request(day):
            with freeze_time(day):
                return self._postpone(plan)

        with self.assertRaisesRegex(UserError, "3 days before"):
            request("2026-12-18 09:00:00")
        self.assertEqual(request("2026-12-17 09:00:00").state, "submitted")

    def test_totals_the_sources_state_and_those_they_leave_open(self):
        totals = {
            key: (preset.total_points, preset.total_rule)
            for key in ("p1", "p4", "p5", "p6", "p7", "p8", "p9", "p11", "p11_week")
            for preset in [self.env.ref(f"hr_work_plan.preset_policy_{key}")]
        }
        self.assertEqual(
            totals,
            {
                "p1": (100, "exact"),  # 总分为100分
                "p4": (120, "exact"),  # 按120分的总分分配
                "p5": (100, "exact"),  # 60 + 40
                "p6": (100, "at_most"),
                "p7": (100, "exact"),
                "p8": (100, "exact"),  # 100 each category
                "p9": (100, "exact"),
                "p11": (100, "exact"),
                "p11_week": (100, "exact"),
            },
        )
        # where the source states no total, the rule is a default of the note
        for key in ("p6", "p7", "p9", "p11", "p11_week", "p12"):
            with self.subTest(preset=key):
                self.assertIn("Total", PRESET_DEFAULTS[key])
        for key in ("p1", "p4", "p5", "p8"):
            with self.subTest(preset=key):
                self.assertNotIn("Total", PRESET_DEFAULTS[key])

    def test_p8_each_category_totals_exactly_100(self):
        action = (
            self.env.ref("hr_work_plan.preset_policy_p8")
            .with_user(self.user_admin)
            .action_copy_preset()
        )
        policy = self.env["hr.work.plan.policy"].browse(action["res_id"])
        policy.with_user(self.user_admin).department_ids = self.board
        short = self._plan(self.staff, [60, 30], policy=policy)
        with self.assertRaisesRegex(UserError, "exactly 100"):
            short.with_user(self.user_staff).action_submit()
        full = self._plan(self.staff2, [60, 40], policy=policy)
        full.with_user(self.user_staff2).action_submit()
        self.assertEqual(full.state, "submitted")
