# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WorkPlanCase
from .test_plan_scoring import TRADE_GRADES, grade_commands


class IndicatorCase(WorkPlanCase):
    """The small company, with a library of indicators from the sources."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.grade_ids = grade_commands(TRADE_GRADES)
        Indicator = cls.env["hr.work.plan.indicator"]
        cls.sales = Indicator.create(
            {
                "name": "销售额",
                "line_type": "kpi",
                "unit": "万元",
                "curve": "linear",
                "floor_percent": 70,
                "cap_percent": 120,
            }
        )
        cls.on_time = Indicator.create(
            {
                "name": "准时交车率",
                "line_type": "kpi",
                "unit": "%",
                "curve": "per_unit_short",
                "per_unit_points": 2,
            }
        )
        cls.reports = Indicator.create(
            {
                "name": "报表迟报、错报",
                "line_type": "deduction",
                "per_unit_points": 0.5,
            }
        )
        cls.new_firm = Indicator.create(
            {"name": "新增规上企业", "line_type": "bonus", "per_unit_points": 5}
        )
        cls.main_target = Indicator.create(
            {"name": "主要目标未完成", "line_type": "veto"}
        )
        cls.attitude = Indicator.create(
            {
                "name": "服务态度",
                "line_type": "rubric",
                "level_ids": [
                    Command.create({"name": "很好", "points": 15, "sequence": 1}),
                    Command.create({"name": "较好", "points": 12, "sequence": 2}),
                    Command.create(
                        {
                            "name": "一般",
                            "points_min": 6,
                            "points_max": 9,
                            "sequence": 3,
                        }
                    ),
                ],
            }
        )
        cls.safety = Indicator.create(
            {
                "name": "安全检查",
                "line_type": "checklist",
                "check_ids": [
                    Command.create({"name": "消防通道畅通", "points": 5}),
                    Command.create({"name": "台账齐全", "points": 5}),
                ],
            }
        )

    def _indicator_plan(self, items, employee=None):
        """An approved plan of ``items``: (indicator, weight, values) rows."""
        employee = employee or self.staff
        plan = self.env["hr.work.plan"].create(
            {
                "policy_id": self.policy.id,
                "employee_id": employee.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create(
                        {
                            "name": indicator.name,
                            "indicator_id": indicator.id,
                            "weight": weight,
                            "category_id": self.cat_routine.id,
                            **values,
                        }
                    )
                    for indicator, weight, values in items
                ],
            }
        )
        plan.with_user(employee.user_id).action_submit()
        plan.with_user(plan.approver_id.user_id).action_approve()
        return plan

    def _enter(self, line, **values):
        line.with_user(line.plan_id.approver_id.user_id).write(values)
        return line.score_final


@tagged("post_install", "-at_install")
class TestIndicatorScores(IndicatorCase):
    def test_the_sales_commission_curve(self):
        """销售: nothing under 70 % of the target, the achievement up to 120 %."""
        plan = self._indicator_plan([(self.sales, 100, {"target": 200})])
        line = plan.line_ids
        self.assertEqual(
            (line.line_type, line.curve, line.floor_percent, line.cap_percent),
            ("kpi", "linear", 70, 120),
            "the item takes its indicator's curve",
        )
        for actual, points in ((139.8, 0), (140, 70), (200, 100), (270, 120)):
            with self.subTest(actual=actual):
                self.assertEqual(self._enter(line, actual=actual), points)
        self.assertEqual(line.achievement, 135)
        self.assertEqual(plan.score_manager, 120)
        self.assertEqual(
            line._indicator_rule(),
            "weight × achievement, 0 below 70%, counted up to 120%",
        )
        self.assertEqual(line.indicator_summary, "270 万元 against 200 万元: 135%")

    def test_the_on_time_delivery_rate(self):
        """准时交车率 ≥ 96 %: 188 of 200 on time is 4 short of 192; the 3
        delays the customer caused and signed for do not count against."""
        plan = self._indicator_plan(
            [(self.on_time, 20, {"target": 96}), (self.sales, 80, {"target": 100})]
        )
        line = plan.line_ids[0]
        self.assertEqual(self._enter(line, numerator=188, denominator=200), 12)
        self.assertAlmostEqual(line.achievement, 94 / 96 * 100)
        self.assertEqual(self._enter(line, excluded=3), 18)
        self.assertIn("191 of 200", line.indicator_summary)
        self.assertEqual(self._enter(line, numerator=197, excluded=0), 20)

    def test_the_unit_scorecard_deducts_adds_and_vetoes(self):
        """The 100-point unit scorecard: late or wrong reports 0.5 each off
        their 10 points, a new large firm +5 on top, and a missed main
        target disqualifies the unit."""
        plan = self._indicator_plan(
            [
                (self.reports, 10, {}),
                (self.sales, 90, {"target": 100}),
                (self.new_firm, 10, {}),
                (self.main_target, 0, {}),
            ]
        )
        reports, sales, bonus, veto = plan.line_ids
        self.assertEqual((plan.total_weight, plan.extra_weight), (100, 10))
        self.assertEqual(self._enter(reports, units=3), 8.5)
        self.assertEqual(self._enter(reports, units=40), 0, "not below 0")
        self._enter(reports, units=3)
        self._enter(sales, actual=100)
        self.assertEqual(self._enter(bonus, units=1), 5)
        self.assertEqual(self._enter(bonus, units=3), 10, "up to its weight")
        self._enter(bonus, units=1)
        self.assertEqual(plan.score_manager, 8.5 + 90 + 5)
        self.assertFalse(plan.disqualified)
        with self.assertRaisesRegex(ValidationError, "Say why"):
            self._enter(veto, vetoed=True)
        self._enter(veto, vetoed=True, veto_reason="主要目标未完成")
        self.assertTrue(plan.disqualified)
        plan.with_user(self.user_staff).action_self_assess()
        plan.with_user(self.user_head).action_assess()
        plan._assign_final_scores()
        self.assertEqual((plan.score_final, plan.grade_id.code), (0, "E"))
        self.assertIn("Disqualified", plan.score_explanation)
        self.assertIn("vetoed: the plan is disqualified", plan.score_explanation)

    def test_rubric_levels_fixed_or_ranged(self):
        plan = self._indicator_plan([(self.attitude, 15, {}), (self.sales, 85, {})])
        rubric = plan.line_ids[0]
        good, fair, ranged = self.attitude.level_ids
        self.assertEqual(self._enter(rubric, level_id=good.id), 15)
        self.assertEqual(self._enter(rubric, level_id=fair.id), 12)
        plan.with_user(self.user_staff).action_self_assess()
        self.assertEqual(self._enter(rubric, level_id=ranged.id, score_manager=8), 8)
        with self.assertRaisesRegex(ValidationError, "from 6 to 9, not 10"):
            self._enter(rubric, score_manager=10)
        other = self.env["hr.work.plan.indicator.level"].create(
            {"indicator_id": self.sales.id, "name": "Elsewhere", "points": 1}
        )
        with self.assertRaisesRegex(ValidationError, "is one of indicator 销售额"):
            self._enter(rubric, level_id=other.id)

    def test_a_checklist_counts_the_checks_passed(self):
        plan = self._indicator_plan([(self.safety, 10, {}), (self.sales, 90, {})])
        checklist = plan.line_ids[0]
        self.assertEqual(
            checklist.check_ids.mapped("name"), ["消防通道畅通", "台账齐全"]
        )
        self.assertEqual(checklist.score_final, 0)
        checklist.check_ids[0].with_user(self.user_head).passed = True
        self.assertEqual(checklist.score_final, 5)
        self.assertIn("1 of 2 checks", checklist.indicator_summary)
        with self.assertRaises(AccessError):
            checklist.check_ids[1].with_user(self.user_staff).passed = True
        with self.assertRaises(AccessError):
            checklist.check_ids[1].with_user(self.user_head).points = 50
        self.assertEqual(checklist.score_final, 5)

    def test_tiers_of_a_kpi_and_of_a_deduction(self):
        tiered = self.env["hr.work.plan.indicator"].create(
            {
                "name": "回款率",
                "line_type": "kpi",
                "curve": "tiers",
                "tier_ids": [
                    Command.create({"threshold": 80, "percent": 60}),
                    Command.create({"threshold": 100, "percent": 100}),
                ],
            }
        )
        absences = self.env["hr.work.plan.indicator"].create(
            {
                "name": "缺勤",
                "line_type": "deduction",
                "tier_ids": [
                    Command.create({"threshold": 5, "points": 2}),
                    Command.create({"threshold": 7, "points": 1}),
                ],
            }
        )
        plan = self._indicator_plan([(tiered, 50, {"target": 100}), (absences, 50, {})])
        kpi, deduction = plan.line_ids
        self.assertEqual(len(kpi.tier_ids), 2, "copied from the indicator")
        self.assertEqual(self._enter(kpi, actual=79), 0)
        self.assertEqual(self._enter(kpi, actual=80), 30)
        self.assertEqual(self._enter(kpi, actual=100), 50)
        self.assertEqual(self._enter(deduction, units=4), 48)
        self.assertEqual(self._enter(deduction, units=6), 49)
        self.assertEqual(self._enter(deduction, units=7), 50)

    def test_a_lower_is_better_kpi(self):
        complaints = self.env["hr.work.plan.indicator"].create(
            {
                "name": "客户投诉",
                "line_type": "kpi",
                "direction": "lower",
                "curve": "all_or_nothing",
            }
        )
        plan = self._indicator_plan([(complaints, 100, {"target": 2})])
        line = plan.line_ids
        self.assertEqual(self._enter(line, actual=3), 0)
        self.assertEqual(self._enter(line, actual=2), 100)
        self.assertEqual(self._enter(line, actual=0), 100)
        self.assertEqual(line.achievement, 1000, "kept to the largest achievement")


@tagged("post_install", "-at_install")
class TestIndicatorEntry(IndicatorCase):
    def test_the_scorer_enters_the_actuals_never_the_owner(self):
        plan = self._indicator_plan([(self.sales, 100, {"target": 100})])
        line = plan.line_ids
        with self.assertRaisesRegex(AccessError, "entered by its scorer"):
            line.with_user(self.user_staff).actual = 150
        with self.assertRaisesRegex(AccessError, "entered by the approver"):
            line.with_user(self.user_director).actual = 150
        line.with_user(self.user_staff).self_comment = "Two orders slipped to January"
        self.assertEqual(self._enter(line, actual=90), 90)
        plan.with_user(self.user_staff).action_self_assess()
        self.assertEqual(self._enter(line, actual=95), 95)
        plan.with_user(self.user_head).action_assess()
        with self.assertRaisesRegex(UserError, "until its approver assesses it"):
            self._enter(line, actual=150)
        self.assertEqual(line.actual, 95)

    def test_an_office_scores_its_indicator(self):
        finance = self.env["res.groups"].create({"name": "Finance office"})
        self.user_other.groups_id += finance
        self.sales.scorer_group_id = finance
        plan = self._indicator_plan([(self.sales, 100, {"target": 100})])
        line = plan.line_ids
        with self.assertRaisesRegex(AccessError, "Finance office"):
            self._enter(line, actual=100)
        line.with_user(self.user_other).actual = 100
        self.assertEqual(line.score_final, 100)
        self.assertEqual(
            self.env["hr.work.plan.line"]
            .with_user(self.user_other)
            .search([("indicator_id", "=", self.sales.id)]),
            line,
            "the office sees the items it scores",
        )

    def test_nothing_is_measured_before_the_plan_is_carried_out(self):
        with self.assertRaisesRegex(AccessError, "once the plan is carried out"):
            self.env["hr.work.plan"].with_user(self.user_staff).create(
                {
                    "policy_id": self.policy.id,
                    "employee_id": self.staff.id,
                    "date_from": "2026-12-01",
                    "date_to": "2026-12-31",
                    "line_ids": [
                        Command.create(
                            {
                                "name": "销售额",
                                "indicator_id": self.sales.id,
                                "weight": 100,
                                "actual": 500,
                            }
                        )
                    ],
                }
            )
        self.assertFalse(
            self.env["hr.work.plan"].search([("employee_id", "=", self.staff.id)])
        )

    def test_counts_are_sane(self):
        plan = self._indicator_plan([(self.on_time, 100, {"target": 96})])
        line = plan.line_ids
        for values, message in (
            ({"numerator": 201, "denominator": 200}, "more than all"),
            ({"units": -1}, "Units of .* must be at least 0"),
            ({"actual": float("nan")}, "finite"),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self._enter(line, **values)
        with self.assertRaisesRegex(ValidationError, "above its cap"):
            self.sales.floor_percent = 130

    def test_the_library_is_kept_by_administrators(self):
        with self.assertRaisesRegex(AccessError, "kept by administrators"):
            self.safety.check_ids[0].with_user(self.user_officer).points = 50
        with self.assertRaises(AccessError):
            self.sales.with_user(self.user_officer).cap_percent = 500


@tagged("post_install", "-at_install")
class TestTemplatesAndImport(IndicatorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller_job = cls.env["hr.job"].create({"name": "Seller"})
        cls.staff.job_id = cls.seller_job
        Template = cls.env["hr.work.plan.template"]
        cls.general = Template.create(
            {
                "name": "All staff",
                "policy_id": cls.policy.id,
                "line_ids": [
                    Command.create(
                        {
                            "indicator_id": cls.safety.id,
                            "weight": 10,
                            "category_id": cls.cat_routine.id,
                        }
                    )
                ],
            }
        )
        cls.sellers = Template.create(
            {
                "name": "Sellers",
                "policy_id": cls.policy.id,
                "job_ids": [Command.link(cls.seller_job.id)],
                "line_ids": [
                    Command.create(
                        {
                            "indicator_id": cls.sales.id,
                            "weight": 70,
                            "target": 200,
                            "category_id": cls.cat_routine.id,
                        }
                    ),
                    Command.create(
                        {
                            "indicator_id": cls.on_time.id,
                            "weight": 30,
                            "target": 96,
                            "category_id": cls.cat_routine.id,
                        }
                    ),
                ],
            }
        )
        cls.cycle = cls.env["hr.work.plan.cycle"].create(
            {"name": "Dec", "policy_id": cls.policy.id, "date_from": "2026-12-01"}
        )

    def test_generated_plans_start_with_their_template(self):
        plans = self.cycle.with_user(self.user_officer).action_generate_plans()
        by_owner = {plan.employee_id: plan for plan in plans}
        seller = by_owner[self.staff].line_ids
        self.assertEqual(
            [(line.indicator_id, line.weight, line.target) for line in seller],
            [(self.sales, 70, 200), (self.on_time, 30, 96)],
        )
        self.assertEqual(seller[0].line_type, "kpi")
        other = by_owner[self.staff2].line_ids
        self.assertEqual(other.indicator_id, self.safety)
        self.assertEqual(len(other.check_ids), 2)
        again = self.cycle.with_user(self.user_officer).action_generate_plans()
        self.assertFalse(again)

    def test_a_copied_policy_keeps_its_templates_in_its_own_categories(self):
        copy = self.policy.copy({"code": "TEST-M2"})
        self.assertEqual(copy.template_ids.mapped("name"), ["All staff", "Sellers"])
        self.assertEqual(copy.template_ids.line_ids.category_id, copy.category_ids[0])
        self.assertEqual(len(self.policy.template_ids), 2)

    def test_the_cycle_lists_its_indicator_items(self):
        plans = self.cycle.with_user(self.user_officer).action_generate_plans()
        plans.line_ids.filtered(lambda line: line.line_type == "task").unlink()
        action = self.cycle.with_user(self.user_officer).action_view_indicators()
        items = self.env["hr.work.plan.line"].search(action["domain"])
        self.assertEqual(items, plans.line_ids)
        self.assertEqual(
            set(items.mapped("indicator_id")), {self.safety, self.sales, self.on_time}
        )
        actuals = self.cycle.with_user(self.user_officer).action_view_actuals()
        self.assertEqual(actuals["context"], {"default_cycle_id": self.cycle.id})

    def test_actuals_are_imported_for_the_whole_cycle(self):
        plans = self.cycle.with_user(self.user_officer).action_generate_plans()
        seller = plans.filtered(lambda plan: plan.employee_id == self.staff)
        seller.with_user(self.user_staff).action_submit()
        seller.with_user(self.user_head).action_approve()
        Actual = self.env["hr.work.plan.indicator.actual"].with_user(self.user_head)
        result = Actual.with_context(default_cycle_id=self.cycle.id).load(
            ["employee_id", "indicator_id", "actual", "numerator", "denominator"],
            [
                ["Staff", "销售额", "180", "", ""],
                ["Staff", "准时交车率", "", "190", "200"],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        sales, on_time = seller.line_ids
        self.assertEqual((sales.actual, sales.score_final), (180, 63))
        self.assertEqual((on_time.numerator, on_time.score_final), (190, 26))
        self.assertEqual(len(Actual.search([("cycle_id", "=", self.cycle.id)])), 2)
        with self.assertRaisesRegex(ValidationError, "has no item of indicator"):
            Actual.create(
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": self.staff.id,
                    "indicator_id": self.reports.id,
                    "actual": 1,
                }
            )
        with self.assertRaisesRegex(AccessError, "entered by its scorer"):
            Actual.with_user(self.user_staff).create(
                {
                    "cycle_id": self.cycle.id,
                    "employee_id": self.staff.id,
                    "indicator_id": self.sales.id,
                    "actual": 400,
                }
            )
        self.assertEqual(sales.actual, 180)


@tagged("post_install", "-at_install")
class TestResearchAnnualComposite(IndicatorCase):
    """设计 / 技术研发: KPIs weighted 30/25/20/15/10 make the results, rubrics
    the attitude and the ability; annual = results 70 % + attitude 15 % +
    ability 15 %, and the grade moves the salary grade (> 95 → +2, 80–95 → +1,
    60–80 → 0, ≤ 60 → −1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["hr.work.plan.category"]
        cls.annual = cls.env["hr.work.plan.policy"].create(
            {
                "name": "研发年度考核",
                "code": "TEST-RD",
                "period_type": "year",
                "total_points": 100,
                "department_ids": [Command.link(cls.board.id)],
                "grade_ids": grade_commands(
                    [
                        ("A", 95, 100, False, True, 1.0),
                        ("B", 80, 95, True, True, 1.0),
                        ("C", 60, 80, False, False, 1.0),
                        ("D", 0, 60, True, True, 1.0),
                    ],
                    salary_step={"A": 2, "B": 1, "C": 0, "D": -1},
                ),
            }
        )
        cls.results, cls.attitude_cat, cls.ability_cat = Category.create(
            [
                {
                    "policy_id": cls.annual.id,
                    "code": code,
                    "name": name,
                    "weight": weight,
                    "points_total": 100 if code == "R" else 15,
                    "sequence": index,
                }
                for index, (code, name, weight) in enumerate(
                    (("R", "业绩", 70), ("T", "态度", 15), ("B", "能力", 15))
                )
            ]
        )
        Indicator = cls.env["hr.work.plan.indicator"]
        cls.kpis = Indicator.create(
            [
                {"name": name, "line_type": "kpi", "curve": "all_or_nothing"}
                for name in ("研发周期", "评审通过率", "计划完成率", "可生产性", "成本")
            ]
        )
        cls.ability = cls.attitude.copy({"name": "工作能力"})

    def test_the_annual_score_and_its_salary_step(self):
        items = [
            (kpi, weight, {"target": 100, "category_id": self.results.id})
            for kpi, weight in zip(self.kpis, (30, 25, 20, 15, 10), strict=True)
        ] + [
            (self.attitude, 15, {"category_id": self.attitude_cat.id}),
            (self.ability, 15, {"category_id": self.ability_cat.id}),
        ]
        plan = self.env["hr.work.plan"].create(
            {
                "policy_id": self.annual.id,
                "employee_id": self.staff.id,
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create(
                        {
                            "name": indicator.name,
                            "indicator_id": indicator.id,
                            "weight": weight,
                            **values,
                        }
                    )
                    for indicator, weight, values in items
                ],
            }
        )
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        *kpis, attitude, ability = plan.line_ids
        for line, actual in zip(kpis, (100, 100, 100, 100, 80), strict=True):
            self._enter(line, actual=actual)
        self._enter(attitude, level_id=self.attitude.level_ids[0].id)  # 很好 15
        self._enter(ability, level_id=self.ability.level_ids[1].id)  # 较好 12
        # results 90 of 100 × 70 + attitude 15 of 15 × 15 + ability 12 of 15 × 15
        self.assertEqual(plan.score_manager, 63 + 15 + 12)
        plan.with_user(self.user_staff).action_self_assess()
        plan.with_user(self.user_head).action_assess()
        plan._assign_final_scores()
        self.assertEqual((plan.grade_id.code, plan.salary_step), ("B", 1))
        self._enter_again(kpis[-1], 100, plan)
        self.assertEqual((plan.score_final, plan.grade_id.code), (97, "A"))
        self.assertEqual(plan.salary_step, 2)

    def _enter_again(self, line, actual, plan):
        """An officer corrects an actual after the assessment and scores again."""
        plan.with_user(self.user_head).action_back_to_assessment()
        line.with_user(self.user_officer).actual = actual
        plan.with_user(self.user_head).action_assess()
        plan._assign_final_scores()
