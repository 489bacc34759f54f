# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPlanAccess(WorkPlanCase):
    def _readers(self, plan):
        Plan = self.env["hr.work.plan"]
        users = (
            self.user_staff,
            self.user_staff2,
            self.user_head,
            self.user_director,
            self.user_other,
            self.user_officer,
        )
        return {user.login for user in users if plan in Plan.with_user(user).search([])}

    def test_who_reads_a_staff_plan(self):
        plan = self._plan(self.staff, [100])
        self.assertEqual(
            self._readers(plan), {"wp_staff", "wp_head", "wp_director", "wp_officer"}
        )
        for user in (self.user_staff2, self.user_other):
            with self.assertRaises(AccessError):
                plan.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                plan.line_ids.with_user(user).read(["name"])

    def test_managed_department_sees_plans_without_reporting_line(self):
        self.staff2.parent_id = False
        plan = self._plan(self.staff2, [100], approver_id=self.head.id)
        self.assertIn("wp_head", self._readers(plan))

    def test_other_company_is_invisible(self):
        company = self.env["res.company"].create({"name": "Elsewhere"})
        self.user_officer.company_ids = [Command.link(company.id)]
        policy = self.policy.copy(
            {"code": "X", "company_id": company.id, "department_ids": []}
        )
        employee = self.env["hr.employee"].create(
            {"name": "Far", "company_id": company.id}
        )
        plan = self.env["hr.work.plan"].create(
            {
                "policy_id": policy.id,
                "employee_id": employee.id,
                "company_id": company.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
            }
        )
        Plan = self.env["hr.work.plan"].with_user(self.user_officer)
        main_company = Plan.with_context(allowed_company_ids=self.env.company.ids)
        self.assertNotIn(plan, main_company.search([]))
        with self.assertRaises(AccessError):
            plan.with_user(self.user_officer).with_context(
                allowed_company_ids=self.env.company.ids
            ).read(["name"])
        self.assertIn(
            plan, Plan.with_context(allowed_company_ids=company.ids).search([])
        )
        self.assertNotIn(
            plan, self.env["hr.work.plan"].with_user(self.user_head).search([])
        )

    def test_user_creates_only_own_plans(self):
        Plan = self.env["hr.work.plan"].with_user(self.user_staff)
        values = {
            "policy_id": self.policy.id,
            "date_from": "2027-01-01",
            "date_to": "2027-01-31",
        }
        own = Plan.create({**values, "employee_id": self.staff.id})
        self.assertEqual(own.approver_id, self.head)
        with self.assertRaises(AccessError):
            Plan.create({**values, "employee_id": self.staff2.id})
        with self.assertRaises(AccessError):
            Plan.create(
                {
                    **values,
                    "employee_id": self.staff.id,
                    "date_from": "2027-02-01",
                    "date_to": "2027-02-28",
                    "approver_id": self.staff2.id,
                }
            )

    def test_owner_cannot_reroute_approval(self):
        plan = self._plan(self.staff, [100])
        with self.assertRaises(AccessError):
            plan.with_user(self.user_staff).approver_id = self.staff2
        with self.assertRaises(AccessError):
            plan.with_user(self.user_staff).employee_id = self.staff2
        plan.with_user(self.user_officer).approver_id = self.director
        self.assertEqual(plan.approver_id, self.director)

    def test_only_the_approver_or_an_officer_approves(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).action_submit()
        for user in (self.user_staff, self.user_staff2, self.user_other):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                plan.with_user(user).action_approve()
        with self.assertRaises(AccessError):
            plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.user_officer).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_officer_cannot_approve_own_plan(self):
        officer = self.env["hr.employee"].create(
            {
                "name": "Officer",
                "user_id": self.user_officer.id,
                "parent_id": self.head.id,
                "department_id": self.department.id,
            }
        )
        plan = self._plan(officer, [100])
        plan.with_user(self.user_officer).action_submit()
        with self.assertRaisesRegex(UserError, "your own plan"):
            plan.with_user(self.user_officer).action_approve()

    def test_workflow_fields_are_not_writable(self):
        plan = self._plan(self.staff, [100])
        for user in (self.user_staff, self.user_head, self.user_officer):
            for values in ({"state": "done"}, {"score_final": 99}, {"is_late": False}):
                with (
                    self.subTest(user=user.login, values=values),
                    self.assertRaises(AccessError),
                ):
                    plan.with_user(user).write(values)
        self.assertEqual((plan.state, plan.score_final), ("draft", 0))

    def test_owner_edits_content_only_in_draft(self):
        plan = self._plan(self.staff, [100])
        plan.line_ids.with_user(self.user_staff).name = "Reworded"
        plan.with_user(self.user_staff).action_submit()
        with self.assertRaises(AccessError):
            plan.line_ids.with_user(self.user_staff).weight = 90
        with self.assertRaises(AccessError):
            plan.with_user(self.user_staff).line_ids = [
                Command.create({"name": "Sneaked in", "weight": 10})
            ]
        with self.assertRaises(AccessError):
            plan.line_ids.with_user(self.user_staff).unlink()
        self.assertEqual(plan.line_ids.weight, 100)

    def test_owner_cannot_score_as_manager(self):
        plan = self._approved_plan()
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        for values in (
            {"score_manager": 60},
            {"quality": "excellent"},
            {"efficiency": "on_time"},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                plan.line_ids[0].with_user(self.user_staff).write(values)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_staff).manager_comment = "Great"
        with self.assertRaises(UserError):
            plan.with_user(self.user_staff).action_assess()

    def test_manager_cannot_write_self_fields(self):
        plan = self._approved_plan()
        for values in (
            {"completion": "done"},
            {"score_self": 60},
            {"done_date": "2026-12-10"},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                plan.line_ids[0].with_user(self.user_head).write(values)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_head).self_comment = "Well done"
        with self.assertRaises(AccessError):
            plan.with_user(self.user_head).action_self_assess()

    def test_manager_scores_only_while_assessing(self):
        plan = self._approved_plan()
        with self.assertRaises(AccessError):
            plan.line_ids[0].with_user(self.user_head).score_manager = 60

    def test_other_manager_cannot_score(self):
        plan = self._approved_plan()
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        with self.assertRaises(AccessError):
            plan.line_ids[0].with_user(self.user_other).score_manager = 60
        with self.assertRaises(AccessError):
            plan.with_user(self.user_other).action_assess()

    def test_done_plan_is_read_only_to_everyone(self):
        plan = self._approved_plan()
        self._report(plan, "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        plan.with_user(self.user_head).action_assess()
        plan.with_user(self.user_officer).action_done()
        for user in (
            self.user_staff,
            self.user_head,
            self.user_officer,
            self.user_admin,
        ):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                plan.line_ids[0].with_user(user).write({"name": "Changed"})
            with self.subTest(user=user.login), self.assertRaises(UserError):
                plan.with_user(user).write({"note": "Changed"})
        with self.assertRaises(UserError):
            plan.with_user(self.user_officer).unlink()

    def test_leader_tasks_are_added_by_the_approver_only(self):
        plan = self._approved_plan()
        with self.assertRaises(AccessError):
            plan.with_user(self.user_staff).line_ids = [
                Command.create(
                    {
                        "name": "Self-assigned",
                        "weight": 10,
                        "category_id": self.cat_leader.id,
                    }
                )
            ]
        with self.assertRaises(AccessError):
            plan.with_user(self.user_head).line_ids = [
                Command.create(
                    {
                        "name": "Routine",
                        "weight": 10,
                        "category_id": self.cat_routine.id,
                    }
                )
            ]
        plan.with_user(self.user_head).line_ids = [
            Command.create(
                {"name": "Leader", "weight": 10, "category_id": self.cat_leader.id}
            )
        ]
        self.assertEqual(plan.extra_weight, 10)

    def test_policies_are_configured_by_administrators(self):
        for user in (self.user_staff, self.user_head, self.user_officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.policy.with_user(user).write({"total_points": 120})
        self.policy.with_user(self.user_admin).write({"total_points": 120})

    def test_cycles_are_run_by_officers(self):
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": "Dec", "policy_id": self.policy.id, "date_from": "2026-12-01"}
        )
        for user in (self.user_staff, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                cycle.with_user(user).action_generate_plans()
        self.assertFalse(cycle.plan_ids)

    def test_approver_without_manager_role_still_approves(self):
        user_lead = self._user("wp_lead", "user")
        team_lead = self.env["hr.employee"].create(
            {"name": "Team lead", "user_id": user_lead.id, "parent_id": self.head.id}
        )
        self.staff.parent_id = team_lead
        plan = self._plan(self.staff, [100])
        self.assertEqual(plan.approver_id, team_lead)
        plan.with_user(self.user_staff).action_submit()
        self.assertTrue(plan.with_user(user_lead).can_act)
        plan.with_user(user_lead).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_buttons_follow_the_role(self):
        plan = self._plan(self.staff, [100])
        acting = {
            user.login
            for user in (
                self.user_staff,
                self.user_head,
                self.user_other,
                self.user_officer,
            )
            if plan.with_user(user).can_act
        }
        self.assertEqual(acting, {"wp_staff", "wp_officer"})
        plan.with_user(self.user_staff).action_submit()
        self.assertFalse(plan.with_user(self.user_staff).can_act)
        self.assertTrue(plan.with_user(self.user_head).can_act)
