# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase

from .test_preset_rules import policy_rules


@tagged("post_install", "-at_install")
class TestTargetPresetRules(WorkPlanCase):
    """The rules of the presets of 002 (three prizes) and 003 (three weeks
    missed in a row), copied with their presets."""

    def _rules(self, policy):
        return policy_rules(policy)

    def _copy(self, key):
        return self.env.ref(f"hr_work_plan.preset_policy_{key}"), self._copy_preset(key)

    def test_first_second_and_third_prizes_of_the_scorecard(self):
        preset, policy = self._copy("unit_card")
        self.assertFalse(self._rules(preset).filtered("active"))
        rules = self._rules(policy)
        self.assertEqual(
            [(rule.code, rule.kind, rule.trigger, rule.rank) for rule in rules],
            [
                ("UNIT_CARD-FIRST-1", "reward", "ranking", 1),
                ("UNIT_CARD-SECOND-1", "reward", "ranking", 2),
                ("UNIT_CARD-THIRD-1", "reward", "ranking", 3),
            ],
        )
        self.assertTrue(all(rules.mapped("active")))
        # the source's "一定的物质奖励" has no amount
        self.assertEqual(set(rules.mapped("amount")), {0})

    def test_three_weeks_missed_follow_the_copy_s_missed_grade(self):
        preset, policy = self._copy("cs_center")
        rule = self._rules(policy)
        self.assertEqual(
            (
                rule.code,
                rule.trigger,
                rule.streak_length,
                rule.streak_scope,
                rule.streak_condition,
            ),
            ("CS_CENTER-STREAK-1", "streak", 3, "consecutive", "grade_in"),
        )
        self.assertEqual(rule.streak_grade_ids.policy_id, policy)
        self.assertEqual(rule.streak_grade_ids.mapped("code"), ["B"])
        self.assertEqual(self._rules(preset).streak_grade_ids.policy_id, preset)

    def test_the_delivery_and_after_sales_presets_carry_no_rule(self):
        for key in ("on_time_delivery", "after_sales"):
            with self.subTest(preset=key):
                _preset, policy = self._copy(key)
                self.assertFalse(self._rules(policy))
