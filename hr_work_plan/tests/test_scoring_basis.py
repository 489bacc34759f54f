# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A plan keeps the scoring rules it was approved under."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands


@tagged("post_install", "-at_install")
class TestScoringBasis(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.write(
            {
                "grade_ids": grade_commands(TRADE_GRADES),
                "matrix_ids": [
                    Command.create(
                        {"efficiency": "on_time", "quality": "good", "percent": 90}
                    ),
                    Command.create(
                        {"efficiency": "on_time", "quality": "pass", "percent": 70}
                    ),
                ],
            }
        )

    def _rate(self, plan, quality):
        for item in plan.line_ids.with_user(self.user_head):
            item.write({"efficiency": "on_time", "quality": quality})

    def _rated_plan(self, employee=None):
        """A plan carried out in full, rated on time and good."""
        plan = self._approved_plan(employee, weights=(60, 40))
        self._report(plan, "done", "done")
        plan.with_user(plan.employee_id.user_id).action_self_assess()
        self._rate(plan, "good")
        plan.with_user(self.user_head).action_assess()
        return plan

    def _edit_policy(self):
        self.policy.with_user(self.user_admin).write(
            {
                "matrix_ids": [
                    Command.update(cell.id, {"percent": 10})
                    for cell in self.policy.matrix_ids
                ],
                "grade_ids": [
                    Command.update(grade.id, {"coefficient": 5})
                    for grade in self.policy.grade_ids
                ],
            }
        )

    def test_editing_the_policy_rescores_no_approved_or_done_plan(self):
        assessed = self._rated_plan()
        done = self._rated_plan(self.staff2)
        done.with_user(self.user_officer).action_done()
        before = {
            plan: (
                plan.score_manager,
                plan.score_final,
                plan.grade_id,
                plan.coefficient,
            )
            for plan in assessed | done
        }
        self.assertEqual(before[assessed][:2], (90, 90))
        self.assertEqual(before[assessed][3], 1.1)
        self._edit_policy()
        for plan, values in before.items():
            with self.subTest(plan=plan.name):
                self.assertEqual(
                    (
                        plan.score_manager,
                        plan.score_final,
                        plan.grade_id,
                        plan.coefficient,
                    ),
                    values,
                )
                self.assertEqual(plan.line_ids.mapped("score_final"), [54, 36])

    def test_an_approved_plan_is_rated_by_the_table_it_was_approved_under(self):
        plan = self._approved_plan(weights=(60, 40))
        self._edit_policy()
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        self._rate(plan, "pass")
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_final, 70)
        self.assertEqual((plan.grade_id.code, plan.coefficient), ("D", 0.8))

    def test_an_officer_scores_again_with_a_reason(self):
        plan = self._rated_plan()
        self._edit_policy()
        with self.assertRaisesRegex(UserError, "Give a reason"):
            plan.with_user(self.user_officer).action_rescore(" ")
        with self.assertRaises(AccessError):
            plan.with_user(self.user_head).action_rescore("Cheaper table")
        with self.assertRaisesRegex(UserError, "your own plan"):
            plan.with_user(self.user_staff).action_rescore("Cheaper table")
        self.assertEqual(plan.score_final, 90)
        plan.with_user(self.user_officer).action_rescore("New table from January")
        self.assertEqual(plan.line_ids.mapped("score_final"), [6, 4])
        self.assertEqual(plan.score_final, 10)
        self.assertEqual(plan.coefficient, 5)
        self.assertIn("New table from January", plan.message_ids.mapped("body")[0])

    def test_a_done_plan_is_reopened_before_it_is_scored_again(self):
        plan = self._rated_plan()
        plan.with_user(self.user_officer).action_done()
        with self.assertRaisesRegex(UserError, "needs records in state"):
            plan.with_user(self.user_officer).action_rescore("Too late")

    def test_the_basis_is_frozen_at_approval_and_cleared_for_a_new_draft(self):
        plan = self._plan(self.staff, [100])
        self.assertFalse(plan.scoring_basis)
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        self.assertEqual(plan.scoring_basis["total_points"], 100)
        self.assertEqual(plan.scoring_basis["matrix"]["on_time/good"], 90)
        plan.with_user(self.user_officer).action_cancel()
        plan.with_user(self.user_officer).action_reopen("Start again")
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.scoring_basis)
