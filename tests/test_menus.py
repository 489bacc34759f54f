from odoo.tests import TransactionCase, new_test_user, tagged

MENUS_BY_GROUP = {
    "user": {
        "hr_work_plan.menu_work_plan_root",
        "hr_work_plan.menu_work_plan_overview",
        "hr_work_plan.menu_work_plan_my",
        "hr_work_plan.menu_work_plan_change",
        "hr_work_plan.menu_work_plan_appeal",
        "hr_work_plan.menu_work_plan_rate",
        "hr_work_plan.menu_work_plan_approval_mine",
        "hr_work_plan.menu_work_plan_delegation",
        "hr_work_plan_penalty.menu_work_plan_penalty",
        "hr_work_plan_penalty.menu_work_plan_case",
    },
    "manager": {
        "hr_work_plan.menu_work_plan_team",
        "hr_work_plan.menu_work_plan_reporting",
        "hr_work_plan_report.menu_work_plan_analysis",
        "hr_work_plan_report.menu_work_plan_item_analysis",
    },
    "officer": {
        "hr_work_plan.menu_work_plan_management",
        "hr_work_plan.menu_work_plan_all",
        "hr_work_plan.menu_work_plan_cycle",
        "hr_work_plan.menu_work_plan_check",
        "hr_work_plan.menu_work_plan_annual_summary",
        "hr_work_plan_report.menu_work_plan_penalty_analysis",
    },
    "admin": {
        "hr_work_plan.menu_work_plan_configuration",
        "hr_work_plan.menu_work_plan_policy",
        "hr_work_plan.menu_work_plan_policy_preset",
        "hr_work_plan.menu_work_plan_indicator",
        "hr_work_plan_penalty.menu_work_plan_penalty_rule",
    },
}


@tagged("post_install", "-at_install")
class TestMenus(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.app_menus = cls.env["ir.ui.menu"].search(
            [("id", "child_of", cls.env.ref("hr_work_plan.menu_work_plan_root").id)]
        )

    def _visible_app_menus(self, group):
        user = new_test_user(
            self.env,
            login=f"menu_{group}",
            groups=f"base.group_user,hr_work_plan.group_work_plan_{group}",
        )
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        visible = self.app_menus.filtered(lambda menu: menu.id in visible_ids)
        return set(visible.get_external_id().values())

    def _expected(self, *groups):
        return set().union(*(MENUS_BY_GROUP[group] for group in groups))

    def test_user_sees_own_plans_only(self):
        self.assertEqual(self._visible_app_menus("user"), self._expected("user"))

    def test_manager_sees_team_and_reporting(self):
        self.assertEqual(
            self._visible_app_menus("manager"), self._expected("user", "manager")
        )

    def test_officer_sees_management(self):
        self.assertEqual(
            self._visible_app_menus("officer"),
            self._expected("user", "manager", "officer"),
        )

    def test_admin_sees_configuration(self):
        self.assertEqual(
            self._visible_app_menus("admin"),
            self._expected("user", "manager", "officer", "admin"),
        )

    def test_arbiter_sees_what_a_user_sees(self):
        self.assertEqual(self._visible_app_menus("arbiter"), self._expected("user"))

    def test_portal_user_is_not_given_the_app(self):
        portal = new_test_user(
            self.env, login="menu_portal", groups="base.group_portal"
        )
        root = self.env.ref("hr_work_plan.menu_work_plan_root")
        self.assertFalse(root.groups_id & portal.groups_id)

    def test_every_app_menu_is_meant_for_a_group(self):
        self.assertEqual(
            set(self.app_menus.get_external_id().values()),
            self._expected(*MENUS_BY_GROUP),
        )
