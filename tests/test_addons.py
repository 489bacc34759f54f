from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase, tagged

ADDON_DEPENDENCIES = {
    "hr_work_plan": {"hr", "mail"},
    "hr_work_plan_penalty": {"hr_work_plan"},
    "hr_work_plan_report": {"hr_work_plan_penalty", "report_xlsx"},
    "hr_work_plan_payroll": {"hr_work_plan_penalty", "payroll"},
}


@tagged("post_install", "-at_install")
class TestAddons(TransactionCase):
    def test_each_addon_is_installed_with_its_dependencies(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", list(ADDON_DEPENDENCIES))]
        )
        self.assertEqual(set(modules.mapped("name")), set(ADDON_DEPENDENCIES))
        for module in modules:
            with self.subTest(addon=module.name):
                self.assertEqual(module.state, "installed")
                version = get_manifest(module.name)["version"]
                self.assertRegex(version, r"^18\.0\.\d+\.\d+\.\d+$")
                self.assertEqual(module.latest_version, version)
                self.assertEqual(module.license, "LGPL-3")
                self.assertEqual(
                    set(module.dependencies_id.mapped("name")),
                    ADDON_DEPENDENCIES[module.name],
                )
                self.assertEqual(
                    set(module.dependencies_id.depend_id.mapped("state")),
                    {"installed"},
                )

    def test_payroll_bridge_installs_itself(self):
        bridge = self.env["ir.module.module"].search(
            [("name", "=", "hr_work_plan_payroll")]
        )
        self.assertTrue(bridge.auto_install)
