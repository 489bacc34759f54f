# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login="wp_tour", groups="base.group_user")
        cls.boss = new_test_user(
            cls.env, login="wp_tour_boss", groups="base.group_user"
        )
        cls.manager = cls.env["hr.employee"].create(
            {"name": "Tour boss", "user_id": cls.boss.id}
        )
        cls.owner = cls.env["hr.employee"].create(
            {"name": "Tour owner", "user_id": cls.user.id, "parent_id": cls.manager.id}
        )
        cls.policy = cls.env["hr.work.plan.policy"].create(
            {"name": "Tour policy", "code": "TOUR", "total_points": 100}
        )

    def _plan(self):
        return self.env["hr.work.plan"].create(
            {
                "policy_id": self.policy.id,
                "employee_id": self.owner.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create({"name": "Weekly report", "weight": 40}),
                    Command.create({"name": "New catalogue", "weight": 60}),
                ],
            }
        )

    def test_employee_submits_a_plan(self):
        plan = self._plan()
        self.start_tour(
            "/odoo/action-hr_work_plan.hr_work_plan_action_my",
            "hr_work_plan_submit_tour",
            login="wp_tour",
        )
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.activity_ids.user_id, self.boss)

    def test_superior_approves_without_the_manager_role(self):
        plan = self._plan()
        plan.with_user(self.user).action_submit()
        self.start_tour(
            "/odoo/action-hr_work_plan.hr_work_plan_action_to_approve",
            "hr_work_plan_approve_tour",
            login="wp_tour_boss",
        )
        self.assertEqual(plan.state, "approved")

    def test_officer_generates_a_cycle(self):
        new_test_user(
            self.env,
            login="wp_tour_officer",
            groups="base.group_user,hr_work_plan.group_work_plan_officer",
        )
        self.policy.employee_ids = self.owner | self.manager
        cycle = self.env["hr.work.plan.cycle"].create(
            {
                "name": "Tour cycle",
                "policy_id": self.policy.id,
                "date_from": "2027-01-01",
            }
        )
        self.start_tour(
            "/odoo/action-hr_work_plan.hr_work_plan_cycle_action",
            "hr_work_plan_cycle_tour",
            login="wp_tour_officer",
        )
        self.assertEqual(cycle.plan_ids.employee_id, self.owner | self.manager)

    def test_officer_opens_the_next_cycle(self):
        new_test_user(
            self.env,
            login="wp_tour_officer",
            groups="base.group_user,hr_work_plan.group_work_plan_officer",
        )
        cycle = self.env["hr.work.plan.cycle"].create(
            {
                "name": "Tour cycle",
                "policy_id": self.policy.id,
                "date_from": "2027-01-01",
            }
        )
        cycle.action_start_planning()
        self.start_tour(
            "/odoo/action-hr_work_plan.hr_work_plan_cycle_action",
            "hr_work_plan_next_cycle_tour",
            login="wp_tour_officer",
        )
        following = self.env["hr.work.plan.cycle"].search(
            [("policy_id", "=", self.policy.id), ("date_from", "=", "2027-02-01")]
        )
        self.assertEqual(
            (following.name, str(following.date_to), following.state),
            ("2027-02", "2027-02-28", "draft"),
        )

    def test_new_plans_open_on_every_list(self):
        new_test_user(
            self.env,
            login="wp_tour_officer",
            groups="base.group_user,hr_work_plan.group_work_plan_officer",
        )
        for action, login in (
            ("hr_work_plan_action_my", "wp_tour"),
            ("hr_work_plan_action_all", "wp_tour_officer"),
        ):
            with self.subTest(action=action):
                self.start_tour(
                    f"/odoo/action-hr_work_plan.{action}",
                    "hr_work_plan_new_plan_tour",
                    login=login,
                )
