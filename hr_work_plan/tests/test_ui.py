# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_employee_submits_a_plan(self):
        user = new_test_user(self.env, login="wp_tour", groups="base.group_user")
        boss = new_test_user(self.env, login="wp_tour_boss", groups="base.group_user")
        manager = self.env["hr.employee"].create(
            {"name": "Tour boss", "user_id": boss.id}
        )
        owner = self.env["hr.employee"].create(
            {"name": "Tour owner", "user_id": user.id, "parent_id": manager.id}
        )
        policy = self.env["hr.work.plan.policy"].create(
            {"name": "Tour policy", "code": "TOUR", "total_points": 100}
        )
        plan = self.env["hr.work.plan"].create(
            {
                "policy_id": policy.id,
                "employee_id": owner.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create({"name": "Weekly report", "weight": 40}),
                    Command.create({"name": "New catalogue", "weight": 60}),
                ],
            }
        )
        self.start_tour(
            "/odoo/action-hr_work_plan.hr_work_plan_action_my",
            "hr_work_plan_submit_tour",
            login="wp_tour",
        )
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.activity_ids.user_id, boss)
