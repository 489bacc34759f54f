# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase


def policy_rules(policy):
    """The fine and reward rules of ``policy``, archived ones too, by code."""
    return (
        policy.env["hr.work.plan.penalty.rule"]
        .with_context(active_test=False)
        .search([("policy_ids", "in", policy.ids)], order="code")
    )


RULE_FIELDS = (
    "name",
    "kind",
    "trigger",
    "amount",
    "amount_min",
    "amount_max",
    "unit",
    "payer",
    "split",
)


@tagged("post_install", "-at_install")
class TestPresetRules(WorkPlanCase):
    def _rules(self, policy):
        return policy_rules(policy)

    def _values(self, rules):
        return sorted(tuple(rule[name] for name in RULE_FIELDS) for rule in rules)

    def _copy(self, key):
        return self.env.ref(f"hr_work_plan.preset_policy_{key}"), self._copy_preset(key)

    def test_fines_of_the_source_wait_with_their_preset(self):
        rules = self._rules(self.env.ref("hr_work_plan.preset_policy_p1"))
        self.assertFalse(rules.filtered("active"))
        self.assertEqual(
            {rule.trigger: (rule.amount, rule.unit, rule.payer) for rule in rules},
            {
                "late_submission": (50, "occurrence", "owner"),
                "late_summary": (50, "occurrence", "owner"),
                "bad_format": (50, "occurrence", "owner"),
                "omission": (100, "item", "owner"),
                "false_completion": (100, "item", "department_manager"),
                "non_cooperation": (50, "person", "responsible"),
            },
        )
        cooperation = rules.filtered(lambda rule: rule.trigger == "non_cooperation")
        self.assertEqual((cooperation.amount_min, cooperation.amount_max), (50, 100))

    def test_copying_a_preset_copies_its_rules_for_the_copy_alone(self):
        for key in ("p1", "p2", "p7", "p9"):
            with self.subTest(preset=key):
                preset, policy = self._copy(key)
                preset_rules, rules = self._rules(preset), self._rules(policy)
                self.assertTrue(preset_rules)
                self.assertEqual(self._values(rules), self._values(preset_rules))
                self.assertTrue(all(rules.mapped("active")))
                self.assertEqual(rules.policy_ids, policy)
                self.assertFalse(rules & preset_rules)
                # the preset keeps its own rules, still archived
                self.assertEqual(preset_rules.policy_ids, preset)
                self.assertFalse(preset_rules.filtered("active"))
                for rule in rules:
                    self.assertRegex(rule.code, r"^P\d+-[A-Z-]+-\d+$")

    def test_a_preset_without_rules_copies_none(self):
        _preset, policy = self._copy("p6")
        self.assertFalse(self._rules(policy))

    def test_p2_p7_and_p9_rules_carry_the_sources_numbers(self):
        rules = (
            self.env["hr.work.plan.penalty.rule"]
            .with_context(active_test=False)
            .search([("code", "=like", "P_-%")])
        )
        self.assertEqual(
            {
                rule.code: (rule.kind, rule.trigger, rule.amount, rule.payer)
                for rule in rules
                if rule.code[:2] in ("P2", "P7", "P9")
            },
            {
                "P2-LATE": ("fine", "late_submission", 200, "department_manager"),
                "P2-WEEKS": ("fine", "bad_format", 200, "department_manager"),
                "P2-MAIN": ("fine", "unfinished_item", 500, "department_manager"),
                "P2-ROUTINE": ("fine", "unfinished_item", 300, "department_manager"),
                "P7-APPROVAL": ("fault_slip", "improper_approval", 0, "approver"),
                "P7-SHIELD": ("fault_slip", "shielding", 0, "direct_manager"),
                "P7-UNFAIR": ("fault_slip", "unfair_rating", 0, "approver"),
                "P9-MISSING": ("fine", "late_submission", 50, "owner"),
                "P9-MISSING-SUP": ("fine", "manual", 100, "owner"),
                "P9-SUGGESTION": ("reward", "manual", 50, "owner"),
            },
        )
        self.assertFalse(rules.filtered("active"))

    def test_p2_fines_the_head_500_for_main_work_and_300_for_routine_work(self):
        _preset, policy = self._copy("p2")
        policy.with_user(self.user_admin).department_ids = self.board
        main, routine = policy.category_ids
        # the rules apply from the copy, not from the day the preset was loaded
        self.assertEqual(
            set(self._rules(policy).mapped("date_start")), {date(2026, 11, 20)}
        )
        self.assertEqual(
            {rule.code: rule.category_ids for rule in self._rules(policy)},
            {
                "P2-LATE-1": main.browse(),
                "P2-WEEKS-1": main.browse(),
                "P2-MAIN-1": main,
                "P2-ROUTINE-1": routine,
            },
        )
        plan = self._department_plan(policy)
        plan.line_ids[1].category_id = routine
        plan.with_user(self.user_head).action_submit()
        plan.with_user(self.user_director).action_approve()
        plan.with_user(self.user_officer).action_approve()
        self._report(plan, "not_done", "not_done")
        plan.with_user(self.user_head).action_self_assess()
        self._score(plan, 0, 0)
        plan.with_user(self.user_director).action_assess()
        Penalty = self.env["hr.work.plan.penalty"]
        Penalty._cron_check_deadlines()
        fines = Penalty.search([("plan_id", "=", plan.id)])
        self.assertEqual(
            sorted(
                (fine.rule_id.code, fine.employee_id, fine.amount) for fine in fines
            ),
            [("P2-MAIN-1", self.head, 500), ("P2-ROUTINE-1", self.head, 300)],
        )
