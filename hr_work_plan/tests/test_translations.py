# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestTranslations(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["hr_work_plan"], ["zh_CN"])
        cls.user_staff.lang = "zh_CN"

    def test_errors_speak_the_users_language(self):
        plan = self._plan(self.staff, [60, 30])
        with self.assertRaises(UserError) as error:
            # as the web client and RPC call it: in the user's language
            plan.with_user(self.user_staff).with_context(lang="zh_CN").action_submit()
        self.assertIn("合计必须等于 100", str(error.exception))

    def test_labels_and_states(self):
        Plan = self.env["hr.work.plan"].with_context(lang="zh_CN")
        fields = Plan.fields_get(["state", "line_ids"])
        self.assertEqual(fields["line_ids"]["string"], "计划事项")
        self.assertIn(("self_assessed", "已自评"), fields["state"]["selection"])
        menu = self.env.ref("hr_work_plan.menu_work_plan_root").with_context(
            lang="zh_CN"
        )
        self.assertEqual(menu.name, "工作计划")

    def test_to_dos_are_named_in_the_language_of_the_step(self):
        plan = self._plan(self.staff, [100])
        plan.with_user(self.user_staff).with_context(lang="zh_CN").action_submit()
        self.assertEqual(plan.activity_ids.summary, "审批计划")
