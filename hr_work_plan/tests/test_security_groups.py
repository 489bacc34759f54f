# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    def _group(self, name):
        return self.env.ref(f"hr_work_plan.group_work_plan_{name}")

    def _implied(self, xmlid):
        return self.env.ref(xmlid).trans_implied_ids

    def test_roles_form_a_chain(self):
        self.assertIn(
            self._group("user"), self._implied("hr_work_plan.group_work_plan_manager")
        )
        self.assertIn(
            self._group("manager"),
            self._implied("hr_work_plan.group_work_plan_officer"),
        )
        self.assertIn(
            self._group("officer"), self._implied("hr_work_plan.group_work_plan_admin")
        )
        self.assertIn(
            self._group("user"), self._implied("hr_work_plan.group_work_plan_arbiter")
        )
        self.assertNotIn(
            self._group("manager"),
            self._implied("hr_work_plan.group_work_plan_arbiter"),
        )

    def test_odoo_groups_imply_work_plan_roles(self):
        self.assertIn(self._group("user"), self._implied("base.group_user"))
        self.assertIn(self._group("officer"), self._implied("hr.group_hr_user"))
        self.assertIn(self._group("admin"), self._implied("hr.group_hr_manager"))
        self.assertNotIn(self._group("manager"), self._implied("base.group_user"))
        self.assertNotIn(self._group("admin"), self._implied("hr.group_hr_user"))

    def test_new_employee_user_writes_own_plans(self):
        user = new_test_user(self.env, login="wp_employee", groups="base.group_user")
        self.assertTrue(user.has_group("hr_work_plan.group_work_plan_user"))
        self.assertFalse(user.has_group("hr_work_plan.group_work_plan_manager"))

    def test_hr_officer_gets_all_plans(self):
        user = new_test_user(
            self.env, login="wp_hr_officer", groups="base.group_user,hr.group_hr_user"
        )
        self.assertTrue(user.has_group("hr_work_plan.group_work_plan_officer"))
        self.assertFalse(user.has_group("hr_work_plan.group_work_plan_admin"))

    def test_groups_sit_in_the_work_plan_categories(self):
        category = self.env.ref("hr_work_plan.module_category_work_plan")
        groups = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertEqual(
            set(groups.get_external_id().values()),
            {
                "hr_work_plan.group_work_plan_user",
                "hr_work_plan.group_work_plan_manager",
                "hr_work_plan.group_work_plan_officer",
                "hr_work_plan.group_work_plan_admin",
            },
        )
        self.assertEqual(
            self._group("arbiter").category_id,
            self.env.ref("hr_work_plan.module_category_work_plan_appeal"),
        )
