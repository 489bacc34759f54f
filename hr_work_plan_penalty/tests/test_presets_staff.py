# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rewards and notices of the service-staff presets (seed 001), copied
with their policies and fired by closing cycles with the sources' numbers."""

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.hr_work_plan.tests.common import WorkPlanCase

from .test_preset_rules import policy_rules


@tagged("post_install", "-at_install")
class TestStaffPresetRules(WorkPlanCase):
    def _copy(self, key):
        return self._copy_preset(key, self.department)

    def _rules(self, policy):
        return policy_rules(policy)

    def _close(self, policy, date_from, scores):
        """Close the cycle of ``policy`` from ``date_from`` with one plan per
        employee of ``scores`` (employee → points out of 100)."""
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": date_from, "policy_id": policy.id, "date_from": date_from}
        )
        for employee, score in scores.items():
            plan = self._plan(
                employee,
                [100],
                policy=policy,
                date_from=date_from,
                date_to=cycle.date_to,
                cycle_id=cycle.id,
            )
            # 物流 counts its first category 4 times: the points that make it
            multiplier = plan.line_ids.category_id.multiplier
            plan.line_ids.sudo().write(
                {"completion": "done", "score_manager": score / multiplier}
            )
            plan.sudo().state = "assessed"
        cycle.sudo().state = "assessing"
        cycle.with_user(self.user_officer).action_close()
        return cycle

    def _given(self, policy):
        penalties = self.env["hr.work.plan.penalty"].search(
            [("rule_id", "in", self._rules(policy).ids)]
        )
        return sorted(
            (p.rule_id.code, p.employee_id.name, p.kind, p.amount) for p in penalties
        )

    def test_the_presets_rules_carry_the_sources_numbers(self):
        rules = self.env["hr.work.plan.penalty.rule"].with_context(active_test=False)
        values = {
            rule.code: (
                rule.kind,
                rule.trigger,
                rule.amount,
                rule.streak_length,
                rule.streak_scope,
                rule.streak_condition,
                rule.streak_grade_ids.mapped("code"),
            )
            for key in ("taobao_cs", "logistics", "sales_grade", "medical_device")
            for rule in rules.search(
                [
                    (
                        "policy_ids",
                        "in",
                        self.env.ref(f"hr_work_plan.preset_policy_{key}").ids,
                    )
                ]
            )
        }
        self.assertEqual(
            values,
            {
                "TAOBAO_CS-FIRST": (
                    "reward",
                    "streak",
                    300,
                    3,
                    "consecutive",
                    "rank_first",
                    [],
                ),
                "TAOBAO_CS-RESIGN": (
                    "notice",
                    "streak",
                    0,
                    3,
                    "consecutive",
                    "grade_in",
                    ["E"],
                ),
                "LOGISTICS-BASIC": (
                    "notice",
                    "streak",
                    0,
                    2,
                    "consecutive",
                    "grade_in",
                    ["D"],
                ),
                "LOGISTICS-INCOMPETENT": (
                    "notice",
                    "streak",
                    0,
                    1,
                    "consecutive",
                    "grade_in",
                    ["E"],
                ),
                "MEDICAL_DEVICE-TWELVE-A": (
                    "notice",
                    "streak",
                    0,
                    12,
                    "year",
                    "grade_in",
                    ["A"],
                ),
                "MEDICAL_DEVICE-SIX-D": (
                    "notice",
                    "streak",
                    0,
                    6,
                    "year",
                    "grade_in",
                    ["D"],
                ),
            },
        )
        self.assertFalse(
            rules.search([("code", "in", list(values))]).filtered("active")
        )

    @freeze_time("2026-12-05 09:00:00")
    def test_taobao_cs_first_three_months_earns_300_once_failing_is_a_resignation(
        self,
    ):
        policy = self._copy("taobao_cs")
        rules = self._rules(policy)
        self.assertEqual(
            rules.mapped("code"), ["TAOBAO_CS-FIRST-1", "TAOBAO_CS-RESIGN-1"]
        )
        self.assertEqual(rules.streak_grade_ids.policy_id, policy)
        for month in ("2026-08-01", "2026-09-01"):
            self._close(policy, month, {self.staff: 95, self.staff2: 50})
        self.assertFalse(self._given(policy))
        self._close(policy, "2026-10-01", {self.staff: 95, self.staff2: 50})
        expected = [
            ("TAOBAO_CS-FIRST-1", "Staff", "reward", 300),
            ("TAOBAO_CS-RESIGN-1", "Staff Two", "notice", 0),
        ]
        self.assertEqual(self._given(policy), expected)
        # once: a fourth month first gives nothing more
        self._close(policy, "2026-11-01", {self.staff: 95, self.staff2: 75})
        self.assertEqual(self._given(policy), expected)

    @freeze_time("2027-01-20 09:00:00")
    def test_logistics_basically_competent_twice_running_and_incompetent(self):
        policy = self._copy("logistics")
        # 基本称职 is grade D (60–70), 不称职 E (below 60), by default
        self._close(policy, "2026-01-01", {self.staff: 65, self.staff2: 55})
        self.assertEqual(
            self._given(policy), [("LOGISTICS-INCOMPETENT-1", "Staff Two", "notice", 0)]
        )
        self._close(policy, "2026-07-01", {self.staff: 68, self.staff2: 85})
        self.assertEqual(
            self._given(policy),
            [
                ("LOGISTICS-BASIC-1", "Staff", "notice", 0),
                ("LOGISTICS-INCOMPETENT-1", "Staff Two", "notice", 0),
            ],
        )

    @freeze_time("2027-01-20 09:00:00")
    def test_medical_device_twelve_a_and_six_d_in_a_year(self):
        policy = self._copy("medical_device")
        for month in range(1, 13):
            # the staff: A every month; the other: D every other month, else B
            self._close(
                policy,
                f"2026-{month:02}-01",
                {self.staff: 95, self.staff2: 50 if month % 2 else 85},
            )
            if month == 11:
                self.assertEqual(
                    self._given(policy),
                    [("MEDICAL_DEVICE-SIX-D-1", "Staff Two", "notice", 0)],
                )
        self.assertEqual(
            self._given(policy),
            [
                ("MEDICAL_DEVICE-SIX-D-1", "Staff Two", "notice", 0),
                ("MEDICAL_DEVICE-TWELVE-A-1", "Staff", "notice", 0),
            ],
        )
