# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPolicyScoreGrid(WorkPlanCase):
    """The score table is edited as a grid of efficiency rows and quality
    columns on the policy; its cells stay the scoring's records."""

    def _cells(self, policy=None):
        policy = policy or self.policy
        return {
            (cell.efficiency, cell.quality): cell.percent for cell in policy.matrix_ids
        }

    def test_editing_the_grid_in_the_form_writes_the_cells(self):
        with Form(self.policy.with_user(self.user_admin)) as form:
            form.matrix_on_time_excellent = 100
            form.matrix_on_time_good = 90
            form.matrix_late_pass = 55
        self.assertEqual(
            self._cells(),
            {
                ("on_time", "excellent"): 100,
                ("on_time", "good"): 90,
                ("on_time", "pass"): 0,
                ("on_time", "improve"): 0,
                ("late", "excellent"): 0,
                ("late", "good"): 0,
                ("late", "pass"): 55,
                ("late", "improve"): 0,
            },
        )
        self.assertEqual(self.policy._scoring_basis_values()["matrix"]["late/pass"], 55)

    def test_the_grid_shows_the_cells_and_changes_them_in_place(self):
        self.policy.matrix_ids = [
            Command.create({"efficiency": "late", "quality": "good", "percent": 70}),
            Command.create({"efficiency": "on_time", "quality": "pass", "percent": 80}),
        ]
        self.assertEqual(self.policy.matrix_late_good, 70)
        self.assertEqual(self.policy.matrix_on_time_pass, 80)
        self.assertEqual(self.policy.matrix_on_time_excellent, 0)
        late_good = self.policy.matrix_ids.filtered(lambda cell: cell.quality == "good")
        self.policy.with_user(self.user_admin).write({"matrix_late_good": 65})
        self.assertEqual(late_good.percent, 65)
        self.assertIn(late_good, self.policy.matrix_ids)
        self.assertEqual(len(self.policy.matrix_ids), 8)
        self.assertEqual(self._cells()[("on_time", "pass")], 80)
        # a cell changed directly shows in the grid
        late_good.percent = 60
        self.assertEqual(self.policy.matrix_late_good, 60)

    def test_the_cells_check_what_the_grid_writes(self):
        self.policy.matrix_on_time_good = 90
        policy = self.policy.with_user(self.user_admin)
        for value in (150, -1, float("nan"), float("inf")):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                policy.write({"matrix_on_time_excellent": value})
        self.assertEqual(self._cells()[("on_time", "excellent")], 0)
        self.assertEqual(self._cells()[("on_time", "good")], 90)

    def test_only_administrators_edit_the_grid(self):
        for user in (self.user_officer, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.policy.with_user(user).write({"matrix_late_good": 50})
        self.assertFalse(self.policy.matrix_ids)

    def test_a_grid_of_zeros_is_no_score_table(self):
        self.policy.with_user(self.user_admin).write({"matrix_on_time_good": 90})
        self.assertEqual(len(self.policy.matrix_ids), 8)
        self.policy.with_user(self.user_admin).write({"matrix_on_time_good": 0})
        self.assertFalse(self.policy.matrix_ids)
        self.assertFalse(self.policy._scoring_basis_values()["matrix"])

    def test_a_new_policy_takes_its_grid(self):
        policy = (
            self.env["hr.work.plan.policy"]
            .with_user(self.user_admin)
            .create(
                {
                    "name": "Grid",
                    "code": "GRID",
                    "matrix_on_time_excellent": 100,
                    "matrix_late_improve": 30,
                }
            )
        )
        self.assertEqual(self._cells(policy)[("on_time", "excellent")], 100)
        self.assertEqual(self._cells(policy)[("late", "improve")], 30)
        self.assertEqual(len(policy.matrix_ids), 8)
