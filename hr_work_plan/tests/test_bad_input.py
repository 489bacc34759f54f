# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input gets a clear message and writes nothing: numbers are finite and
in range, text arguments are text."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands

NAN = float("nan")
INF = float("inf")


@tagged("post_install", "-at_install")
class TestBadInput(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)
        cls.user_arbiter = cls._user("wp_arbiter", "arbiter")

    def _accepted_appeal(self):
        plan = self._assessed_plan()
        appeal = (
            self.env["hr.work.plan.appeal"]
            .with_user(self.user_staff)
            .create({"plan_id": plan.id, "reason": "Unfair"})
        )
        appeal.with_user(self.user_arbiter).action_accept()
        return appeal

    def test_text_arguments_must_be_text(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_submit()
        with self.assertRaisesRegex(UserError, "reason is a text"):
            plan.with_user(self.user_head).action_reject(123)
        self.assertEqual(plan.state, "submitted")
        done = self._assessed_plan(self.staff2, (100,), (90,))
        done.with_user(self.user_officer).action_done()
        with self.assertRaisesRegex(UserError, "reason is a text"):
            done.with_user(self.user_officer).action_reopen(["x"])
        self.assertEqual(done.state, "done")
        appeal = (
            self.env["hr.work.plan.appeal"]
            .with_user(self.user_staff2)
            .create({"plan_id": done.id, "reason": "Unfair"})
        )
        with self.assertRaisesRegex(UserError, "reason is a text"):
            appeal.with_user(self.user_arbiter).action_refuse(123)
        with self.assertRaisesRegex(UserError, "reason is a text"):
            self.env["hr.work.plan.appeal"].with_user(self.user_staff2).create(
                {"plan_id": done.id, "reason": 42}
            )
        self.assertEqual(appeal.state, "submitted")

    def test_revised_score_is_a_number_within_the_plans_reach(self):
        appeal = self._accepted_appeal()
        plan = appeal.plan_id
        for score in ("ninety", NAN, INF, -1, 1e9, 100.01, True):
            with (
                self.subTest(score=score),
                self.assertRaisesRegex(UserError, "A score"),
            ):
                appeal.with_user(self.user_arbiter).action_resolve("Revised", score)
        self.assertEqual((appeal.state, plan.score_final), ("accepted", 78))
        appeal.with_user(self.user_arbiter).action_resolve("Revised", 100)
        self.assertEqual(plan.score_final, 100)

    @freeze_time("2026-12-05")
    def test_reweighting_takes_a_finite_weight(self):
        plan = self._approved_plan()
        for weight in (NAN, INF, 1e308, -5):
            with self.subTest(weight=weight), self.assertRaises(ValidationError):
                self.env["hr.work.plan.change"].with_user(self.user_staff).create(
                    {
                        "plan_id": plan.id,
                        "change_type": "reweight",
                        "reason": "More work",
                        "line_ids": [
                            Command.create(
                                {
                                    "plan_line_id": plan.line_ids[0].id,
                                    "new_weight": weight,
                                }
                            )
                        ],
                    }
                )
        self.assertFalse(
            self.env["hr.work.plan.change"].search([("plan_id", "=", plan.id)])
        )

    def test_item_numbers_are_finite_and_in_range(self):
        plan = self._plan(self.staff, [100])
        item = plan.line_ids.with_user(self.user_staff)
        for weight in (NAN, INF, 1e308, -1):
            with self.subTest(weight=weight), self.assertRaises(ValidationError):
                item.weight = weight
        self.assertEqual(item.weight, 100)
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        for score in (NAN, INF, 101):
            with self.subTest(score=score), self.assertRaises(ValidationError):
                item.write({"completion": "done", "score_self": score})
        item.write({"completion": "done", "score_self": 100})
        plan.with_user(self.user_staff).action_self_assess()
        for score in (NAN, INF, -1):
            with self.subTest(score=score), self.assertRaises(ValidationError):
                item.with_user(self.user_head).score_manager = score

    def test_review_score_is_finite_and_within_the_plans_reach(self):
        self.policy.rater_ids = [
            Command.create({"role": "direct_manager", "weight": 70}),
            Command.create({"role": "second_manager", "weight": 30}),
        ]
        plan = self._approved_plan(weights=(100,))
        self._report(plan, "done")
        plan.with_user(self.user_staff).action_self_assess()
        for score in (NAN, INF, 1e9, -1):
            with self.subTest(score=score), self.assertRaises(ValidationError):
                plan.with_user(self.user_director).score_review = score
        plan.with_user(self.user_director).score_review = 90
        self.assertEqual(plan.score_review, 90)

    def test_item_deadline_lies_in_the_period(self):
        plan = self._plan(self.staff, [100])
        item = plan.line_ids.with_user(self.user_staff)
        for deadline in ("2020-01-01", "2026-11-30", "2030-12-31"):
            with self.subTest(deadline=deadline), self.assertRaises(ValidationError):
                item.deadline = deadline
        item.deadline = "2027-01-15"  # postponed into the next month

    def test_policy_numbers_are_finite_and_in_range(self):
        policy = self.policy.with_user(self.user_admin)
        for values in (
            {"total_points": NAN},
            {"total_points": INF},
            {"total_points": 1e9},
            {"pay_ratio": NAN},
            {"execution_share": NAN},
            {"change_window_days": 100000},
            {"appeal_window_days": -1},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                policy.write(values)
        self.assertEqual(self.policy.total_points, 100)

    def test_configuration_numbers_are_finite_and_in_range(self):
        admin = self.user_admin
        grade = self.policy.grade_ids[0].with_user(admin)
        category = self.cat_routine.with_user(admin)
        rater = (
            self.env["hr.work.plan.rater"]
            .with_user(admin)
            .create({"policy_id": self.policy.id, "role": "self", "weight": 20})
        )
        cell = (
            self.env["hr.work.plan.matrix"]
            .with_user(admin)
            .create(
                {
                    "policy_id": self.policy.id,
                    "efficiency": "on_time",
                    "quality": "good",
                    "percent": 90,
                }
            )
        )
        deadline = (
            self.env["hr.work.plan.deadline"]
            .with_user(admin)
            .create({"policy_id": self.policy.id, "stage": "submit", "day": 25})
        )
        cases = [
            (grade, "coefficient", (NAN, INF, -1, 1e6)),
            (grade, "min_score", (NAN, -INF)),
            (grade, "quota_percent", (NAN, 101)),
            (category, "weight", (NAN, -1)),
            (category, "points_total", (NAN, INF, -10)),
            (rater, "weight", (NAN, INF, -1)),
            (cell, "percent", (NAN, INF, 101)),
            (deadline, "hour", (NAN, INF, 25)),
        ]
        for record, fname, values in cases:
            for value in values:
                with (
                    self.subTest(model=record._name, field=fname, value=value),
                    self.assertRaises(ValidationError),
                ):
                    record.write({fname: value})

    def test_a_grade_band_overlapping_another_is_refused_on_its_own(self):
        Grade = self.env["hr.work.plan.grade"].with_user(self.user_admin)
        with self.assertRaisesRegex(ValidationError, "overlap"):
            Grade.create(
                {
                    "policy_id": self.policy.id,
                    "code": "X",
                    "name": "Overlapping",
                    "min_score": 85,
                    "max_score": 95,
                }
            )
        self.assertFalse(
            self.env["hr.work.plan.grade"].search(
                [("policy_id", "=", self.policy.id), ("code", "=", "X")]
            )
        )
        # a band filling nothing yet may wait for the rest (gaps are checked
        # when a cycle closes)
        other = self.policy.copy({"code": "GAPS", "grade_ids": []})
        Grade.create(
            {
                "policy_id": other.id,
                "code": "A",
                "name": "Top",
                "min_score": 90,
                "max_score": 100,
            }
        )
        self.assertEqual(other.grade_ids.mapped("code"), ["A"])
