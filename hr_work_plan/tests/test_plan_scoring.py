# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WorkPlanCase

# >90 A 1.3, >80 B 1.1, >70 C 1.0, >60 D 0.8, ≤60 E 0.4 (外贸组)
TRADE_GRADES = [
    ("A", 90, 100, False, True, 1.3),
    ("B", 80, 90, False, True, 1.1),
    ("C", 70, 80, False, True, 1.0),
    ("D", 60, 70, False, True, 0.8),
    ("E", 0, 60, True, True, 0.4),
]


def grade_commands(grades, **values):
    """Grades from (code, low, high, low inclusive, high inclusive,
    coefficient) rows; ``values`` maps a field to its value per code."""
    return [
        Command.create(
            {
                "code": code,
                "name": code,
                "min_score": low,
                "max_score": high,
                "min_inclusive": low_in,
                "max_inclusive": high_in,
                "coefficient": coefficient,
                **{name: by_code[code] for name, by_code in values.items()},
            }
        )
        for code, low, high, low_in, high_in, coefficient in grades
    ]


@tagged("post_install", "-at_install")
class TestPlanScoring(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)

    def _assess(self, plan, reports, scores=None):
        """Report each item (completion, done date), then score it as the approver."""
        owner = plan.employee_id.user_id
        items = plan.line_ids.filtered(lambda line: not line.display_type)
        for item, values in zip(items, reports, strict=True):
            item.with_user(owner).write(values)
        plan.with_user(owner).action_self_assess()
        for item, score in zip(items, scores or [], strict=False):
            item.with_user(plan.approver_id.user_id).write(score)
        plan.with_user(plan.approver_id.user_id).action_assess()
        return plan

    def test_p1_score_table(self):
        self.policy.write(
            {
                "matrix_ids": [
                    Command.create(
                        {"efficiency": eff, "quality": quality, "percent": pct}
                    )
                    for eff, quality, pct in [
                        ("on_time", "excellent", 100),
                        ("on_time", "good", 90),
                        ("late", "good", 70),
                        ("late", "pass", 60),
                    ]
                ],
                "execution_share": 0.8,
            }
        )
        plan = self._approved_plan(weights=(50, 30, 20))
        self._assess(
            plan,
            [
                {"completion": "done", "done_date": "2026-12-18"},
                {"completion": "done", "done_date": "2026-12-22"},
                {"completion": "not_done"},
            ],
            [{"quality": "excellent"}, {"quality": "good"}, {"quality": "excellent"}],
        )
        on_time, late, _missed = plan.line_ids
        self.assertEqual((on_time.efficiency, late.efficiency), ("on_time", "late"))
        self.assertEqual(plan.line_ids.mapped("score_final"), [50, 21, 0])
        self.assertEqual(plan.score_manager, 71)
        self.assertEqual(plan.score_final, 56.8)  # 80% of 71
        self.assertEqual((plan.grade_id.code, plan.coefficient), ("E", 0.4))

    def test_efficiency_override_needs_a_reason(self):
        self.policy.matrix_ids = [
            Command.create({"efficiency": "on_time", "quality": "good", "percent": 90})
        ]
        plan = self._approved_plan(weights=(100,))
        plan.line_ids.with_user(self.user_staff).write(
            {"completion": "done", "done_date": "2026-12-24"}
        )
        plan.with_user(self.user_staff).action_self_assess()
        item = plan.line_ids.with_user(self.user_head)
        with self.assertRaises(UserError):
            item.write({"efficiency": "on_time", "quality": "good"})
        item.write(
            {
                "efficiency": "on_time",
                "efficiency_override_reason": "Client moved the meeting",
                "quality": "good",
            }
        )
        self.assertEqual(item.score_final, 90)

    def test_manual_scores_with_boundaries(self):
        for total, code, coefficient in (
            (90, "B", 1.1),
            (90.5, "A", 1.3),
            (80.5, "B", 1.1),
        ):
            with self.subTest(total=total):
                employee = self.env["hr.employee"].create(
                    {"name": f"Seller {total}", "parent_id": self.head.id}
                )
                plan = self._plan(employee, [60, 40])
                plan.action_submit()
                plan.with_user(self.user_head).action_approve()
                for item in plan.line_ids:
                    item.write({"completion": "done"})
                plan.action_self_assess()
                first, second = plan.line_ids.with_user(self.user_head)
                first.score_manager = 60
                second.score_manager = total - 60
                plan.with_user(self.user_head).action_assess()
                self.assertEqual(plan.score_final, total)
                self.assertEqual(
                    (plan.grade_id.code, plan.coefficient), (code, coefficient)
                )

    def test_scores_above_the_weight_are_refused(self):
        plan = self._approved_plan(weights=(60, 40))
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        with self.assertRaises(UserError):
            plan.line_ids[0].with_user(self.user_head).score_manager = 61
        self.assertEqual(plan.line_ids[0].score_manager, 0)

    def test_p8_empty_category_weight_is_spread(self):
        p8 = self.env["hr.work.plan.policy"].create(
            {
                "name": "P8",
                "code": "T-P8",
                "total_rule": "at_most",
                "total_points": 100,
                "category_ids": [
                    Command.create(
                        {
                            "code": code,
                            "name": code,
                            "weight": weight,
                            "points_total": 100,
                        }
                    )
                    for code, weight in (("R", 50), ("K", 30), ("T", 20))
                ],
                "grade_ids": grade_commands(TRADE_GRADES),
            }
        )
        routine, key, _ad_hoc = p8.category_ids
        plan = self.env["hr.work.plan"].create(
            {
                "policy_id": p8.id,
                "employee_id": self.staff.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create(
                        {"name": "R1", "weight": 100, "category_id": routine.id}
                    ),
                    Command.create(
                        {"name": "K1", "weight": 100, "category_id": key.id}
                    ),
                ],
            }
        )
        plan.line_ids[0].weight = 110
        with self.assertRaisesRegex(
            UserError, "– R total 110; they may total at most 100"
        ):
            plan.with_user(self.user_staff).action_submit()
        plan.line_ids[0].weight = 100
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        self._score(plan, 90, 60)
        plan.with_user(self.user_head).action_assess()
        # routine 50 and key 30 share the ad hoc 20: 5/8 × 90 + 3/8 × 60
        self.assertEqual(plan.score_final, 78.75)
        self.assertEqual((plan.grade_id.code, plan.coefficient), ("C", 1.0))

    def test_p5_sections_cannot_exceed_their_maximum(self):
        p5 = self.policy.copy({"code": "T-P5", "grade_ids": []})
        p5.category_ids.unlink()
        p5.category_ids = [
            Command.create(
                {"code": "PLAN", "name": "Plan management", "points_total": 60}
            ),
            Command.create({"code": "MGMT", "name": "Management", "points_total": 40}),
        ]
        plan_section, management = p5.category_ids
        plan = self.env["hr.work.plan"].create(
            {
                "policy_id": p5.id,
                "employee_id": self.staff.id,
                "date_from": "2027-01-01",
                "date_to": "2027-01-31",
                "line_ids": [
                    Command.create(
                        {
                            "name": "Soundness",
                            "weight": 30,
                            "category_id": plan_section.id,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Feasibility",
                            "weight": 30,
                            "category_id": plan_section.id,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Cost control",
                            "weight": 40,
                            "category_id": management.id,
                        }
                    ),
                ],
            }
        )
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        self._report(plan, "done", "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        for item, score in zip(plan.line_ids, (30, 25, 38), strict=True):
            item.with_user(self.user_head).score_manager = score
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_final, 93)
        self.assertFalse(plan.grade_id)

    def test_raters_self_superior_manager(self):
        self.policy.rater_ids = [
            Command.create({"role": "self", "weight": 20}),
            Command.create({"role": "direct_manager", "weight": 80}),
        ]
        plan = self._approved_plan(weights=(60, 40))
        self._report(plan, "done", "done")  # self scores 100
        plan.with_user(self.user_staff).action_self_assess()
        self._score(plan, 50, 30)
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_final, 84)  # 20% × 100 + 80% × 80
        self.policy.rater_ids.filtered(lambda rater: rater.role == "self").weight = 0
        self.assertEqual(plan._final_score(), 84)
        plan.with_user(self.user_officer).action_rescore("Self-rating not counted")
        self.assertEqual(plan.score_final, 80)

    def test_leader_tasks_add_on_top(self):
        plan = self._approved_plan(weights=(60, 40))
        plan.with_user(self.user_head).line_ids = [
            Command.create(
                {"name": "Leader", "weight": 10, "category_id": self.cat_leader.id}
            )
        ]
        self._report(plan, "done", "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        for item, score in zip(plan.line_ids, (60, 40, 10), strict=True):
            item.with_user(self.user_head).score_manager = score
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_final, 110)
        self.assertEqual((plan.grade_id.code, plan.coefficient), ("A", 1.3))

    def test_unfinished_without_change_scores_zero(self):
        plan = self._approved_plan(weights=(60, 40))
        self._report(plan, "done", "partial")
        plan.with_user(self.user_staff).action_self_assess()
        first, second = plan.line_ids.with_user(self.user_head)
        first.score_manager = 60
        second.score_manager = 20
        self.assertEqual(second.score_final, 0)
        # the plan keeps the rules it was approved under until an officer
        # scores it again
        self.policy.partial_credit = True
        self.assertEqual(second.score_final, 0)
        plan.with_user(self.user_officer).action_rescore("Partial credit from now on")
        self.assertEqual(second.score_final, 20)

    def test_overlapping_or_gapped_grades_are_refused(self):
        with self.assertRaises(UserError):
            self.policy.write(
                {
                    "grade_ids": [
                        Command.update(self.policy.grade_ids[0].id, {"min_score": 95})
                    ]
                }
            )
        self.assertEqual(self.policy.grade_ids[0].min_score, 90)

    def test_score_explanation_names_the_rules(self):
        self.policy.matrix_ids = [
            Command.create({"efficiency": "on_time", "quality": "good", "percent": 90})
        ]
        plan = self._approved_plan(weights=(60, 40))
        self._assess(
            plan,
            [
                {"completion": "done", "done_date": "2026-12-01"},
                {"completion": "not_done"},
            ],
            [{"quality": "good"}],
        )
        explanation = plan.score_explanation
        self.assertIn("90 %", explanation)
        self.assertIn("54.00", explanation)
        self.assertIn("unfinished, no approved change: 0", explanation)
        self.assertIn("grade E", explanation)

    def test_trade_team_raters_with_review(self):
        """外贸组: self 20%, superior 50%, manager 30% (review by the next level)."""
        self.policy.rater_ids = [
            Command.create({"role": "self", "weight": 20}),
            Command.create({"role": "direct_manager", "weight": 50}),
            Command.create({"role": "second_manager", "weight": 30}),
        ]
        plan = self._approved_plan(weights=(60, 40))
        self._report(plan, "done", "done")  # self: 100
        plan.with_user(self.user_staff).action_self_assess()
        self._score(plan, 54, 36)  # superior: 90
        for user in (self.user_staff, self.user_head, self.user_other):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                plan.with_user(user).score_review = 70
        plan.with_user(self.user_director).score_review = 80
        self.assertEqual(plan.reviewer_id, self.user_director)
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_final, 20 + 45 + 24)  # 89
        self.assertEqual((plan.grade_id.code, plan.coefficient), ("B", 1.1))

    def test_peers_and_subordinates_rate(self):
        """配送: superior, subordinate and peer ratings."""
        self.policy.rater_ids = [
            Command.create({"role": "direct_manager", "weight": 50}),
            Command.create({"role": "peer", "weight": 30}),
            Command.create({"role": "subordinate", "weight": 20}),
        ]
        helper = self.env["hr.employee"].create(
            {
                "name": "Helper",
                "user_id": self._user("wp_helper", "user").id,
                "parent_id": self.staff.id,
            }
        )
        plan = self._approved_plan(weights=(60, 40))
        self._report(plan, "done", "done")
        Rating = self.env["hr.work.plan.rating"]
        with self.assertRaises(UserError):
            Rating.with_user(self.user_staff2).create(
                {"plan_id": plan.id, "role": "peer", "score": 70}
            )
        plan.with_user(self.user_staff).action_self_assess()
        Rating.with_user(self.user_staff2).create(
            {"plan_id": plan.id, "role": "peer", "score": 70}
        )
        with self.assertRaises(AccessError):
            Rating.with_user(self.user_staff2).create(
                {"plan_id": plan.id, "role": "subordinate", "score": 100}
            )
        with self.assertRaises(AccessError):
            Rating.with_user(self.user_other).create(
                {"plan_id": plan.id, "role": "peer", "score": 100}
            )
        # through the dialog, without access to the plan itself
        self.env["hr.work.plan.rating.wizard"].with_user(helper.user_id).create(
            {"employee_id": self.staff.id, "role": "subordinate", "score": 90}
        ).action_confirm()
        self.assertFalse(Rating.with_user(self.user_staff).search([]))
        self._score(plan, 50, 30)
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_final, 40 + 21 + 18)
