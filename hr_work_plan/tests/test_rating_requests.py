# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rate a Colleague offers the plans that wait for the user's rating only:
self-assessed plans of peers and of the superior, whose policy asks for the
rating of that role, not rated yet."""

from odoo import Command
from odoo.tests import Form, tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestRatingRequests(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.helper = cls.env["hr.employee"].create(
            {
                "name": "Helper",
                "user_id": cls._user("wp_helper", "user").id,
                "parent_id": cls.staff.id,
            }
        )

    def _ask(self, *roles):
        self.policy.rater_ids = [
            Command.create({"role": "direct_manager", "weight": 60}),
            *(Command.create({"role": role, "weight": 20}) for role in roles),
        ]

    def _self_assessed(self):
        plan = self._approved_plan()
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        return plan

    def _dialog(self, user):
        return Form(self.env["hr.work.plan.rating.wizard"].with_user(user))

    def _public(self, employee):
        return self.env["hr.employee.public"].browse(employee.ids)

    def _rating_tile(self, user):
        return (
            self.env["hr.work.plan.dashboard.tile"]
            .with_user(user)
            .search([("code", "=", "ratings")])
        )

    def test_peers_and_subordinates_are_asked_once_the_plan_is_self_assessed(self):
        self._ask("peer", "subordinate")
        plan = self._approved_plan()
        self.assertFalse(self._dialog(self.user_staff2).colleague_ids)
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        for user, role in (
            (self.user_staff2, "peer"),
            (self.helper.user_id, "subordinate"),
        ):
            with self.subTest(user=user.login):
                dialog = self._dialog(user)
                self.assertEqual(dialog.colleague_ids[:], self._public(self.staff))
                self.assertEqual(dialog.employee_id, self._public(self.staff))
                self.assertEqual(dialog.role, role)
                self.assertEqual(self._rating_tile(user).count, 1)
        # neither the owner, nor someone of another team, nor the approver
        for user in (self.user_staff, self.user_other, self.user_head):
            with self.subTest(user=user.login):
                self.assertFalse(self._dialog(user).colleague_ids)
                self.assertEqual(self._rating_tile(user).count, 0)

    def test_rating_answers_the_request(self):
        self._ask("peer")
        plan = self._self_assessed()
        Rating = self.env["hr.work.plan.rating"]
        self.assertEqual(
            Rating.with_user(self.user_staff2)._plans_to_rate(), {plan: "peer"}
        )
        dialog = self._dialog(self.user_staff2)
        self.assertEqual(dialog.employee_id, self._public(self.staff))
        dialog.score = 80
        dialog.save().action_confirm()
        rating = plan.sudo().rating_ids
        self.assertEqual(
            (rating.rater_id, rating.role, rating.score),
            (self.user_staff2, "peer", 80),
        )
        self.assertFalse(self._dialog(self.user_staff2).colleague_ids)
        self.assertEqual(self._rating_tile(self.user_staff2).count, 0)

    def test_nobody_is_asked_for_a_rating_the_policy_does_not_count(self):
        self._ask("subordinate")
        self._self_assessed()
        self.assertFalse(self._dialog(self.user_staff2).colleague_ids)
        self.assertEqual(
            self._dialog(self.helper.user_id).colleague_ids[:],
            self._public(self.staff),
        )

    def test_the_dialog_says_when_nobody_asked(self):
        arch = (
            self.env["hr.work.plan.rating.wizard"]
            .with_user(self.user_staff2)
            .get_view()["arch"]
        )
        self.assertIn("Nobody has asked you to rate a plan", arch)
        self.assertFalse(self._dialog(self.user_staff2).colleague_ids)
