# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The employee form counts and opens the employee's plans for managers and
officers, counting only the plans the user may read."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestEmployeePlans(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Plan = cls.env["hr.work.plan"]
        values = {"policy_id": cls.policy.id}
        cls.staff_plans = Plan.create(
            [
                {
                    **values,
                    "employee_id": cls.staff.id,
                    "date_from": f"2026-{month}-01",
                    "date_to": f"2026-{month}-{last_day}",
                }
                for month, last_day in (("10", "31"), ("11", "30"))
            ]
        )
        cls.other_plan = Plan.create(
            {
                **values,
                "employee_id": cls.other.id,
                "date_from": "2026-11-01",
                "date_to": "2026-11-30",
            }
        )

    def _count(self, user, employee, model="hr.employee"):
        """As the web client reads it."""
        records = self.env[model].with_user(user).browse(employee.id)
        return records.read(["work_plan_count"])[0]["work_plan_count"]

    def test_counts_follow_what_the_user_may_read(self):
        for model in ("hr.employee", "hr.employee.public"):
            with self.subTest(model=model):
                self.assertEqual(self._count(self.user_head, self.staff, model), 2)
                # the head reads no plan of another department
                self.assertEqual(self._count(self.user_head, self.other, model), 0)
                self.assertEqual(self._count(self.user_officer, self.other, model), 1)
                self.assertEqual(self._count(self.user_director, self.other, model), 1)

    def test_plain_users_do_not_get_the_count(self):
        for model in ("hr.employee", "hr.employee.public"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self._count(self.user_staff2, self.staff, model)

    def test_the_button_opens_the_plans(self):
        for model in ("hr.employee", "hr.employee.public"):
            with self.subTest(model=model):
                employee = (
                    self.env[model].with_user(self.user_head).browse(self.staff.id)
                )
                action = employee.action_open_work_plans()
                plans = self.env["hr.work.plan"].with_user(self.user_head)
                self.assertEqual(plans.search(action["domain"]), self.staff_plans)
                self.assertEqual(
                    action["context"]["default_employee_id"], self.staff.id
                )

    def test_the_button_shows_to_managers_and_officers(self):
        """Officers (HR users) see the private form, managers without an HR
        role the public profile: both carry the button; plain users see it
        on neither."""
        hr_user = new_test_user(
            self.env, login="wp_hr_user", groups="base.group_user,hr.group_hr_user"
        )
        Employee = self.env["hr.employee"]
        self.assertTrue(Employee.with_user(hr_user).browse().has_access("read"))
        self.assertFalse(Employee.with_user(self.user_head).browse().has_access("read"))
        for user, shows in (
            (hr_user, True),
            (self.user_officer, True),
            (self.user_head, True),
            (self.user_staff, False),
        ):
            with self.subTest(user=user.login):
                arch = Employee.with_user(user).get_views([(False, "form")])["views"][
                    "form"
                ]["arch"]
                self.assertEqual("action_open_work_plans" in arch, shows)
