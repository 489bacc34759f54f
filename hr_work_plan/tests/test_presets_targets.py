# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The presets of sources 002 (企业服务局 scorecard), 003 (客服中心) and 004
(准时交车率, after-sales targets), run with the sources' numbers."""

import math

from freezegun import freeze_time

from odoo.tests import tagged

from .common import WorkPlanCase

# 002-J: the full marks of the twelve sections, in order
UNIT_CARD_SECTIONS = [10, 5, 15, 2, 2, 6, 8, 22, 18, 6, 4, 2]
# 002-J: the bonuses, per unit counted
UNIT_CARD_BONUSES = {
    "firm_100m": 5,
    "firm_5xxx": 3,
    "net_123": 2,
    "product_national": 2,
    "product_provincial": 1,
    "product_city": 0.5,
    "hightech_national": 4,
    "hightech_provincial": 2,
    "hightech_city": 1,
    "brand_provincial": 1,
    "brand_city": 0.5,
    "certificate_provincial": 1,
    "certificate_city": 0.5,
    "label": 1,
    "certification": 0.5,
    "shareholding": 2,
    "listing": 4,
    "training_plan": 2,
    "material_adopted": 1,
    "information_adopted": 0.5,
}
# 002-J: deductions per occurrence, with the points of their sub-item
UNIT_CARD_DEDUCTIONS = {
    "plan_breakdown": (2, 2),
    "investment_events": (2, 1),
    "park_ledger": (2, 1),
    "zone_ledger": (2, 1),
    "fin_reports": (6, 0.5),
    "monitoring": (5, 1),
    "analysis": (5, 1),
    "stat_training": (2, 1),
    "financing": (4, 2),
    "complaints": (3, 3),
    "summaries": (3, 1),
    "research": (1, 1),
    "information": (2, 0),
}


class PresetCase(WorkPlanCase):
    def _copy(self, key):
        return self._copy_preset(key)

    def _indicator(self, key, ref):
        return self.env.ref(f"hr_work_plan.preset_indicator_{key}_{ref}")

    def _cycle(self, policy, date_from):
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": policy.code, "policy_id": policy.id, "date_from": date_from}
        )
        return cycle, cycle.with_user(self.user_officer).action_generate_plans()

    @staticmethod
    def _item(plan, indicator):
        return plan.line_ids.filtered(lambda line: line.indicator_id == indicator)

    @staticmethod
    def _as_approver(plan):
        return plan.approver_id.user_id

    def _to_self_assessed(self, plan):
        plan.with_user(plan.employee_id.user_id).action_submit()
        plan.with_user(self._as_approver(plan)).action_approve()
        plan.with_user(plan.employee_id.user_id).action_self_assess()

    def _enter(self, plan, key, ref, **values):
        line = self._item(plan, self._indicator(key, ref))
        self.assertEqual(len(line), 1, ref)
        line.with_user(self._as_approver(plan)).write(values)
        return line


@tagged("post_install", "-at_install")
class TestUnitCard(PresetCase):
    """企业服务局目标考核办法: sections, deductions, bonuses, veto, ranking."""

    def test_the_card_carries_the_sections_and_rules_of_the_source(self):
        policy = self._copy("unit_card")
        sections = policy.category_ids.filtered("counts_in_total")
        self.assertEqual(sections.mapped("points_total"), UNIT_CARD_SECTIONS)
        self.assertEqual(sum(UNIT_CARD_SECTIONS), 100)
        self.assertEqual(
            (policy.period_type, policy.owner_type), ("year", "department")
        )
        self.assertEqual((policy.total_points, policy.total_rule), (100, "exact"))
        template = policy.template_ids
        self.assertEqual(len(template), 1)
        # each section's items weigh its full marks; bonuses and vetoes outside
        for section, points in zip(sections, UNIT_CARD_SECTIONS, strict=True):
            lines = template.line_ids.filtered(
                lambda line, section=section: line.category_id == section
            )
            self.assertEqual(sum(lines.mapped("weight")), points, section.name)
        lines = {
            line.indicator_id: line
            for line in template.line_ids
            if line.indicator_id.line_type == "bonus"
        }
        self.assertEqual(
            {
                ref: lines[
                    self._indicator("unit_card", ref)
                ].indicator_id.per_unit_points
                for ref in UNIT_CARD_BONUSES
            },
            UNIT_CARD_BONUSES,
        )
        self.assertEqual(len(lines), len(UNIT_CARD_BONUSES))
        for ref, (weight, per_unit) in UNIT_CARD_DEDUCTIONS.items():
            line = template.line_ids.filtered(
                lambda line, ref=ref: line.indicator_id
                == self._indicator("unit_card", ref)
            )
            self.assertEqual(
                (line.weight, line.indicator_id.per_unit_points), (weight, per_unit)
            )
        information = self._indicator("unit_card", "information")
        self.assertEqual(
            [(tier.threshold, tier.points) for tier in information.tier_ids],
            [(5, 2), (7, 1)],
        )
        vetoes = template.line_ids.indicator_id.filtered(
            lambda indicator: indicator.line_type == "veto"
        )
        self.assertEqual(len(vetoes), 2)
        rules = (
            self.env["hr.work.plan.penalty.rule"]
            .search([("policy_ids", "in", policy.ids)])
            .sorted("rank")
            if "hr.work.plan.penalty.rule" in self.env
            else None
        )
        if rules is not None:
            self.assertEqual(rules.mapped("rank"), [1, 2, 3])
            self.assertEqual(set(rules.mapped("kind")), {"reward"})

    def _full_marks(self, plan):
        """Every item at its full points: each rubric's section gives its
        weight, every check passes, nothing deducted, nothing added."""
        user = self._as_approver(plan)
        for line in plan.line_ids:
            if line.line_type == "rubric":
                line.with_user(user).write(
                    {
                        "level_id": line.indicator_id.level_ids.id,
                        "score_manager": line.weight,
                    }
                )
            elif line.line_type == "checklist":
                line.check_ids.with_user(user).write({"passed": True})
        # information items: 8 a year (two a quarter), nothing off
        self._enter(plan, "unit_card", "information", units=8)

    @freeze_time("2027-12-20 09:00:00")
    def test_a_year_of_three_centres_deductions_bonuses_veto_and_prizes(self):
        policy = self._copy("unit_card")
        chairman = self._user("wp_chairman", "manager")
        self.director.parent_id = self.env["hr.employee"].create(
            {"name": "Chairman", "user_id": chairman.id}
        )
        third_user = self._user("wp_third", "manager")
        third_department = self.env["hr.department"].create(
            {"name": "Logistics", "parent_id": self.board.id}
        )
        third_department.manager_id = self.env["hr.employee"].create(
            {
                "name": "Third",
                "user_id": third_user.id,
                "department_id": third_department.id,
                "parent_id": self.director.id,
            }
        )
        policy.with_user(self.user_admin).department_ids = (
            self.department | self.other_department | third_department
        )
        cycle, plans = self._cycle(policy, "2027-01-01")
        self.assertEqual(len(plans), 3)
        by_department = {plan.department_id: plan for plan in plans}
        sales = by_department[self.department]
        purchase = by_department[self.other_department]
        third = by_department[third_department]
        # 30 items of the sections, the bonuses, two vetoes
        self.assertEqual(len(sales.line_ids), 30 + len(UNIT_CARD_BONUSES) + 2)
        for plan in plans:
            self._to_self_assessed(plan)
            self._full_marks(plan)
        self.assertEqual(sales.score_manager, 100)
        # Sales: 3 late statistics reports (−0.5 each), an enterprise
        # complaint (−3), 6 information items (fewer than 7: −1), one safety
        # requirement short (−1); a new firm above 100 M (+5), two net new
        # "123" firms (+2 each), a new product appraised by the city (+0.5)
        self._enter(sales, "unit_card", "fin_reports", units=3)
        self._enter(sales, "unit_card", "complaints", units=1)
        self._enter(sales, "unit_card", "information", units=6)
        safety = self._item(sales, self._indicator("unit_card", "safety"))
        safety.check_ids[0].with_user(self.user_director).passed = False
        self._enter(sales, "unit_card", "firm_100m", units=1)
        self._enter(sales, "unit_card", "net_123", units=2)
        self._enter(sales, "unit_card", "product_city", units=1)
        sales_score = 100 - 3 * 0.5 - 3 - 1 - 1 + 5 + 2 * 2 + 0.5
        self.assertEqual(sales.score_manager, sales_score)
        # Purchase: one analysis missing (−2) and one late (−1), 4
        # information items (fewer than 5: −2), no research article (−1); a
        # provincial high-tech firm (+2)
        self._enter(purchase, "unit_card", "analysis", units=2 + 1)
        self._enter(purchase, "unit_card", "information", units=4)
        self._enter(purchase, "unit_card", "research", units=1)
        self._enter(purchase, "unit_card", "hightech_provincial", units=1)
        purchase_score = 100 - 2 - 1 - 2 - 1 + 2
        self.assertEqual(purchase.score_manager, purchase_score)
        # Logistics scores best but had a fatal accident: vetoed
        self._enter(third, "unit_card", "listing", units=2)
        self._enter(
            third,
            "unit_card",
            "veto_accident",
            vetoed=True,
            veto_reason="A worker died in a warehouse fire",
        )
        self.assertTrue(third.disqualified)
        # sections score, the leader in charge signs, the guidance section
        # aggregates and the director's meeting decides (the officers)
        for plan in plans:
            plan.with_user(self.user_director).action_assess()
            self.assertTrue(plan.under_review)
            deciders = []
            while plan.under_review:
                pending = plan.approval_ids.filtered(lambda row: row.state == "pending")
                deciders.append(pending.step_id.name)
                self.assertTrue(pending.user_id)
                plan.with_user(pending.user_id[:1]).action_approve()
            self.assertEqual(
                deciders,
                [
                    "The leader in charge signs",
                    "The guidance section aggregates, the director's meeting decides",
                ],
            )
        first_step = sales.approval_ids.filtered(
            lambda row: row.step_id.name == "The leader in charge signs"
        )
        self.assertEqual(first_step.user_id, chairman)
        cycle.with_user(self.user_officer).action_close()
        self.assertEqual(
            [(plan.score_final, plan.rank) for plan in (sales, purchase, third)],
            [(sales_score, 1), (purchase_score, 2), (0, 0)],
        )
        self.assertEqual(third.grade_id.code, "E")
        # above 100 with bonuses: the highest grade
        self.assertEqual(sales.grade_id.code, "A")
        if "hr.work.plan.penalty" in self.env:
            prizes = self.env["hr.work.plan.penalty"].search(
                [("plan_id", "in", plans.ids)]
            )
            self.assertEqual(
                sorted((prize.rule_id.rank, prize.employee_id) for prize in prizes),
                [(1, self.head), (2, self.other)],
            )


@tagged("post_install", "-at_install")
class TestCustomerServiceCentre(PresetCase):
    """客服中心: weekly indicators, three weeks missed in a row penalised."""

    # the company's standards, which the source does not give: the test's own
    TARGETS = {
        "install": 95,
        "repair": 90,
        "failure": 5,
        "search": 98,
        "taxi_call": 90,
        "return_test": 85,
    }

    def _week(self, policy, date_from, actuals):
        """A closed week: ``actuals`` is employee → {indicator ref: actual}."""
        cycle, plans = self._cycle(policy, date_from)
        for plan in plans:
            for ref, target in self.TARGETS.items():
                line = self._item(plan, self._indicator("cs_center", ref))
                line.with_user(plan.employee_id.user_id).target = target
            self._to_self_assessed(plan)
            for ref, actual in actuals[plan.employee_id].items():
                self._enter(plan, "cs_center", ref, actual=actual)
            plan.with_user(self._as_approver(plan)).action_assess()
        cycle.with_user(self.user_officer).action_close()
        return {plan.employee_id: plan for plan in plans}

    def test_three_weeks_missed_in_a_row_are_penalised(self):
        policy = self._copy("cs_center")
        self.assertEqual((policy.period_type, policy.total_points), ("week", 60))
        policy.with_user(self.user_admin).employee_ids = self.staff | self.staff2
        met = {"install": 96, "repair": 92, "failure": 4, "search": 99}
        met.update(taxi_call=90, return_test=88)
        # the failure rate is lower-is-better: 6 % misses a 5 % standard
        missed = {**met, "failure": 6}
        weeks = [
            ("2026-12-07", {self.staff: missed, self.staff2: missed}),
            ("2026-12-14", {self.staff: missed, self.staff2: met}),
            ("2026-12-21", {self.staff: missed, self.staff2: missed}),
        ]
        results = [self._week(policy, start, actuals) for start, actuals in weeks]
        self.assertEqual(
            [
                (week[self.staff].score_final, week[self.staff].grade_id.code)
                for week in results
            ],
            [(50, "B")] * 3,
        )
        self.assertEqual(
            [week[self.staff2].grade_id.code for week in results], ["B", "A", "B"]
        )
        self.assertEqual(results[1][self.staff2].score_final, 60)
        if "hr.work.plan.penalty" not in self.env:
            return
        fines = self.env["hr.work.plan.penalty"].search(
            [
                (
                    "plan_id",
                    "in",
                    [week[employee].id for week in results for employee in week],
                )
            ]
        )
        self.assertEqual(fines.employee_id, self.staff)
        self.assertEqual(fines.plan_id, results[2][self.staff])
        self.assertEqual(fines.rule_id.streak_length, 3)


@tagged("post_install", "-at_install")
class TestOnTimeDelivery(PresetCase):
    """准时交车率 ≥ 96 %: 1 point off per late vehicle beyond the target."""

    def _month(self, on_time, signed, settled):
        policy = self._copy("on_time_delivery")
        policy.with_user(self.user_admin).employee_ids = self.staff
        _cycle, plan = self._cycle(policy, "2026-12-01")
        rate = self._item(plan, self._indicator("on_time_delivery", "rate"))
        self.assertEqual((rate.weight, rate.target), (20, 96))
        post = policy.category_ids.filtered(lambda category: category.code == "POST")
        plan.with_user(self.user_staff).write(
            {
                "line_ids": [
                    (
                        0,
                        0,
                        {"name": "Post duties", "weight": 80, "category_id": post.id},
                    )
                ]
            }
        )
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        duties = plan.line_ids - rate
        duties.with_user(self.user_staff).write(
            {"completion": "done", "score_self": 80}
        )
        plan.with_user(self.user_staff).action_self_assess()
        rate.with_user(self.user_head).write(
            {"numerator": on_time, "excluded": signed, "denominator": settled}
        )
        duties.with_user(self.user_head).score_manager = 80
        plan.with_user(self.user_head).action_assess()
        return plan, rate

    @staticmethod
    def _expected(on_time, signed, settled):
        """The source's rule: late vehicles beyond what 96 % allows, 1 point
        each, off the rate's 20 points."""
        allowed_late = settled - math.ceil(settled * 96 / 100)
        late = settled - on_time - signed
        return 20 - max(late - allowed_late, 0)

    def test_late_vehicles_beyond_the_target_cost_a_point_each(self):
        # 200 settled: 188 on time (the 2 the customers called late in the
        # call-back already left out), 3 late by the customer's doing and
        # signed for: 9 late, 8 allowed, 1 point off
        for on_time, signed, settled in ((188, 3, 200), (184, 2, 200), (193, 0, 200)):
            with self.subTest(on_time=on_time, signed=signed):
                plan, rate = self._month(on_time, signed, settled)
                expected = self._expected(on_time, signed, settled)
                self.assertEqual(rate.score_final, expected)
                self.assertEqual(plan.score_final, 80 + expected)
        self.assertEqual(self._expected(188, 3, 200), 19)
        self.assertEqual(self._expected(184, 2, 200), 14)
        self.assertEqual(self._expected(193, 0, 200), 20)


@tagged("post_install", "-at_install")
class TestAfterSales(PresetCase):
    """After-sales targets: rates, visits, output 220 = 180 + 40 (240 =
    190 + 50), CSI ≥ 900, the ten-item survey ≥ 92."""

    @freeze_time("2027-12-20 09:00:00")
    def test_a_year_of_the_after_sales_department(self):
        policy = self._copy("after_sales")
        self.assertEqual(
            (policy.period_type, policy.owner_type), ("year", "department")
        )
        policy.with_user(self.user_admin).department_ids = self.department
        cycle, plan = self._cycle(policy, "2027-01-01")
        targets = {
            line.indicator_id: line.target
            for line in plan.line_ids
            if line.line_type == "kpi"
        }
        ref = lambda name: self._indicator("after_sales", name)  # noqa: E731
        self.assertEqual(
            {name: targets[ref(name)] for name in ("return_visits", "satisfaction")},
            {"return_visits": 100, "satisfaction": 98},
        )
        self.assertEqual(targets[ref("timeliness")], 98)
        self.assertEqual(targets[ref("training")], 100)
        self.assertEqual(
            targets[ref("routine_output")] + targets[ref("accident_output")], 220
        )
        self.assertEqual((targets[ref("csi")], targets[ref("survey")]), (900, 92))
        self._to_self_assessed(plan)
        self._enter(plan, "after_sales", "return_visits", numerator=40, denominator=40)
        self._enter(plan, "after_sales", "satisfaction", actual=98.5)
        self._enter(plan, "after_sales", "timeliness", actual=97)  # below 98
        self._enter(plan, "after_sales", "training", actual=100)
        visits = self._item(plan, ref("visits"))
        # new products visited within 10 days, key customers twice; one
        # major repair visited after more than a week
        visits.check_ids[:2].with_user(self.user_director).write({"passed": True})
        self._enter(plan, "after_sales", "routine_output", actual=185)
        self._enter(plan, "after_sales", "accident_output", actual=55)  # above 50
        self._enter(plan, "after_sales", "csi", actual=905)
        self._enter(plan, "after_sales", "survey", actual=91)  # below 92
        plan.with_user(self.user_director).action_assess()
        cycle.with_user(self.user_officer).action_close()
        routine = round(20 * 185 / 180, 2)  # counted up to 190
        accident = round(10 * 50 / 40, 2)  # 55 counted as the second target, 50
        expected = 10 + 10 + 0 + 10 + (4 + 3) + routine + accident + 10 + 0
        self.assertEqual(plan.score_final, round(expected, 2))
        self.assertEqual(plan.grade_id.code, "B")
