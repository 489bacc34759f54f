# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestKitchenDismissal(WorkPlanCase):
    def _close_month(self, policy, month, score):
        start = f"2026-{month:02d}-01"
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": f"M{month}", "policy_id": policy.id, "date_from": start}
        )
        plan = self._plan(
            self.staff,
            [100],
            policy=policy,
            date_from=start,
            date_to=cycle.date_to,
            cycle_id=cycle.id,
        )
        plan.line_ids.sudo().write(
            {"completion": "done", "score_manager": score, "category_id": False}
        )
        plan.sudo().state = "assessed"
        cycle.sudo().state = "assessing"
        cycle.with_user(self.user_officer).action_close()
        return plan

    def test_below_60_three_months_running_is_a_dismissal_notice(self):
        preset = self.env.ref("hr_work_plan.preset_policy_kitchen")
        action = preset.with_user(self.user_admin).action_copy_preset()
        policy = self.env["hr.work.plan.policy"].browse(action["res_id"])
        rule = self.env["hr.work.plan.penalty.rule"].search(
            [("policy_ids", "in", policy.ids)]
        )
        self.assertEqual(
            (rule.kind, rule.trigger, rule.streak_length, rule.streak_grade_ids.code),
            ("notice", "streak", 3, "E"),
        )
        Penalty = self.env["hr.work.plan.penalty"]
        # 60 is not below 60: the run starts again
        for month, score in ((7, 55), (8, 60), (9, 59), (10, 50)):
            self._close_month(policy, month, score)
        self.assertFalse(Penalty.search([("rule_id", "=", rule.id)]))
        plan = self._close_month(policy, 11, 40)
        notice = Penalty.search([("rule_id", "=", rule.id)])
        self.assertEqual(
            (len(notice), notice.kind, notice.employee_id, notice.amount),
            (1, "notice", self.staff, 0),
        )
        self.assertEqual(notice.plan_id, plan)
