# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .test_plan_scoring import TRADE_GRADES, grade_commands


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

    def test_the_app_opens_on_the_overview(self):
        self._plan()
        self.start_tour(
            "/odoo/action-hr_work_plan.hr_work_plan_dashboard_action",
            "hr_work_plan_overview_tour",
            login="wp_tour",
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
        self.env["hr.work.plan.cycle"].create(
            {
                "name": "Tour cycle",
                "policy_id": self.policy.id,
                "date_from": "2027-01-01",
            }
        )
        self.start_tour(
            "/odoo/action-hr_work_plan.hr_work_plan_cycle_action",
            "hr_work_plan_new_cycle_plan_tour",
            login="wp_tour_officer",
        )


@tagged("post_install", "-at_install")
class TestMonthInTheBrowser(HttpCase):
    """A whole month, each person in his own browser session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,hr_work_plan.group_work_plan_"
        cls.officer = new_test_user(
            cls.env, login="wp_month_officer", groups=groups + "officer"
        )
        cls.superior = new_test_user(
            cls.env, login="wp_month_superior", groups=groups + "manager"
        )
        cls.owner_user = new_test_user(
            cls.env, login="wp_month_owner", groups=groups + "user"
        )
        cls.arbiter = new_test_user(
            cls.env, login="wp_month_arbiter", groups=groups + "arbiter"
        )
        Employee = cls.env["hr.employee"]
        boss = Employee.create({"name": "Month superior", "user_id": cls.superior.id})
        cls.owner = Employee.create(
            {
                "name": "Month owner",
                "user_id": cls.owner_user.id,
                "parent_id": boss.id,
            }
        )
        absentee = Employee.create({"name": "Month absentee", "parent_id": boss.id})
        policy = cls.env["hr.work.plan.policy"].create(
            {
                "name": "Month policy",
                "code": "MONTH",
                "total_points": 100,
                "employee_ids": [Command.set((cls.owner | absentee).ids)],
                "grade_ids": grade_commands(TRADE_GRADES),
            }
        )
        # the month of the day the suite runs: its deadlines are ahead
        cls.cycle = cls.env["hr.work.plan.cycle"].create(
            {
                "name": "Month cycle",
                "policy_id": policy.id,
                "date_from": date.today().replace(day=1),
            }
        )

    def _walk(self, tour, login, action):
        self.start_tour(f"/odoo/action-hr_work_plan.{action}", tour, login=login)

    def test_a_month_as_every_role(self):
        self._walk(
            "hr_work_plan_month_officer_opens",
            "wp_month_officer",
            "hr_work_plan_cycle_action",
        )
        plan = self.cycle.plan_ids.filtered(lambda p: p.employee_id == self.owner)
        self.assertEqual(plan.state, "draft")
        self._walk(
            "hr_work_plan_month_employee_writes",
            "wp_month_owner",
            "hr_work_plan_action_my",
        )
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.line_ids.mapped("weight"), [60, 40])
        self._walk(
            "hr_work_plan_month_superior_approves",
            "wp_month_superior",
            "hr_work_plan_action_to_approve",
        )
        self.assertEqual(plan.state, "approved")
        self._walk(
            "hr_work_plan_month_officer_starts_execution",
            "wp_month_officer",
            "hr_work_plan_cycle_action",
        )
        self._walk(
            "hr_work_plan_month_employee_reports",
            "wp_month_owner",
            "hr_work_plan_action_my",
        )
        self.assertEqual(plan.state, "self_assessed")
        self.assertEqual(plan.score_self, 93)
        self._walk(
            "hr_work_plan_month_officer_starts_assessment",
            "wp_month_officer",
            "hr_work_plan_cycle_action",
        )
        self._walk(
            "hr_work_plan_month_superior_assesses",
            "wp_month_superior",
            "hr_work_plan_action_to_approve",
        )
        self.assertEqual((plan.state, plan.score_final), ("assessed", 86))
        self._walk(
            "hr_work_plan_month_officer_validates",
            "wp_month_officer",
            "hr_work_plan_action_all",
        )
        self._walk(
            "hr_work_plan_month_officer_closes",
            "wp_month_officer",
            "hr_work_plan_cycle_action",
        )
        self.assertEqual(self.cycle.state, "closed")
        self.assertEqual(plan.grade_id.code, "B")
        self._walk(
            "hr_work_plan_month_owner_appeals",
            "wp_month_owner",
            "hr_work_plan_action_my",
        )
        self.assertTrue(plan.under_appeal)
        self._walk(
            "hr_work_plan_month_committee_answers",
            "wp_month_arbiter",
            "hr_work_plan_appeal_action",
        )
        self.assertEqual(plan.appeal_ids.state, "resolved")
        self.assertEqual((plan.score_final, plan.score_before_appeal), (90, 86))
