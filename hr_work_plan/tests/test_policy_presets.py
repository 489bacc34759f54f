# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPolicyPresets(TransactionCase):
    def _preset(self, name):
        return self.env.ref(f"hr_work_plan.preset_policy_{name}")

    def test_presets_wait_archived(self):
        presets = (
            self.env["hr.work.plan.policy"]
            .with_context(active_test=False)
            .search(
                [("code", "in", ["P1", "P4", "P6", "P7", "P8", "P9", "P11", "P11-W"])]
            )
        )
        self.assertEqual(len(presets), 8)
        self.assertFalse(presets.filtered("active"))

    def test_core_policy(self):
        p1 = self._preset("p1")
        self.assertEqual(
            (p1.total_points, p1.total_rule, p1.pay_ratio), (100, "exact", 0.2)
        )
        self.assertEqual(p1.category_ids.mapped("code"), list("ABCDEFG"))
        self.assertEqual(p1._carry_over_category().code, "G")

    def test_weekly_120_with_extras(self):
        p4 = self._preset("p4")
        self.assertEqual((p4.period_type, p4.total_points), ("week", 120))
        extras = p4.category_ids.filtered(lambda category: not category.counts_in_total)
        self.assertEqual(extras.mapped("added_by"), ["approver", "handler"])
        self.assertTrue(all(extras.mapped("addable_after_approval")))
        self.env.user.tz = "Asia/Shanghai"
        calendar = self.env["resource.calendar"].create(
            {"name": "CN", "tz": "Asia/Shanghai"}
        )
        dues = p4._stage_deadlines(
            datetime(2026, 12, 7).date(), datetime(2026, 12, 13).date(), calendar
        )
        self.assertEqual(dues, {"submit": datetime(2026, 12, 4, 4, 0)})

    def test_monthly_form_deadlines(self):
        p8 = self._preset("p8")
        self.assertEqual(p8.category_ids.mapped("points_total"), [100, 100, 100])
        calendar = self.env["resource.calendar"].create({"name": "UTC", "tz": "UTC"})
        dues = p8._stage_deadlines(
            datetime(2027, 3, 1).date(), datetime(2027, 3, 31).date(), calendar
        )
        self.assertEqual(dues["submit"], datetime(2027, 2, 27, 0, 0))  # end of Fri 26th
        self.assertEqual(dues["report"], datetime(2027, 3, 29, 16, 0))  # Sun 28th → Mon
