# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The presets of the service-staff schemes (001): 外贸组 (trade), 技术研发
(rnd) and 厨房餐厅 (kitchen), run with the source's numbers."""

from odoo.tests import tagged

from .common import WorkPlanCase


class PresetCase(WorkPlanCase):
    def _copy(self, key):
        return self._copy_preset(key, self.board)

    def _generated_plan(self, policy, date_from, employee=None):
        cycle = self.env["hr.work.plan.cycle"].create(
            {"name": policy.code, "policy_id": policy.id, "date_from": date_from}
        )
        plans = cycle.with_user(self.user_officer).action_generate_plans()
        return plans.filtered(lambda plan: plan.employee_id == (employee or self.staff))

    def _rate(self, lines, *choices):
        """The approver picks each item's level: an index into its levels, or
        (index, points) for a level with a range."""
        for line, choice in zip(lines, choices, strict=True):
            index, points = choice if isinstance(choice, tuple) else (choice, None)
            values = {"level_id": line.indicator_id.level_ids[index].id}
            if points is not None:
                values["score_manager"] = points
            line.with_user(line.plan_id.approver_id.user_id).write(values)

    def _grades(self, policy, scores):
        return [
            (policy._grade_for(score).code, policy._grade_for(score).coefficient)
            for score in scores
        ]


@tagged("post_install", "-at_install")
class TestTradePreset(PresetCase):
    def test_the_monthly_form_rated_by_self_superior_and_manager(self):
        policy = self._copy("trade")
        self.assertEqual(
            {rater.role: rater.weight for rater in policy.rater_ids},
            {"self": 20, "direct_manager": 50, "second_manager": 30},
        )
        plan = self._generated_plan(policy, "2026-12-01")
        self.assertEqual(len(plan.line_ids), 22)
        self.assertEqual(plan.total_weight, 100)
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        plan.with_user(self.user_staff).action_self_assess()
        # every item "good" (较好); the results items within their ranges
        self._rate(plan.line_ids, *[1] * 19, (1, 11), (1, 9), (1, 7))
        plan.with_user(self.user_director).score_review = 70
        plan.with_user(self.user_head).action_assess()
        # morals 5+4+3+4, ability 2.5+3.5+3.5 (good 4, capped at 3.5)+2.5+8×2,
        # performance 3+4+5.5, results 11+9+7
        form = 16 + 28 + 12.5 + 27
        self.assertEqual(plan.score_manager, form)
        self.assertEqual(plan.score_final, round(0.2 * form + 0.5 * form + 0.3 * 70, 2))
        self.assertEqual(plan.score_final, 79.45)
        self.assertEqual((plan.grade_id.code, plan.coefficient), ("C", 1.0))

    def test_the_grade_bands_and_coefficients(self):
        policy = self._copy("trade")
        self.assertEqual(
            self._grades(policy, [100, 91, 90.5, 90, 81, 80, 71, 70, 61, 60, 0]),
            [
                ("A", 1.3),
                ("A", 1.3),
                ("A", 1.3),
                ("B", 1.1),
                ("B", 1.1),
                ("C", 1.0),
                ("C", 1.0),
                ("D", 0.8),
                ("D", 0.8),
                ("E", 0.4),
                ("E", 0.4),
            ],
        )

    def test_the_kpi_table_for_the_posts_linked_to_it(self):
        policy = self._copy("trade")
        form, kpis = policy.template_ids.sorted("sequence")
        self.assertEqual(
            kpis.line_ids.mapped("weight"), [20, 20, 10, 10, 5, 10, 10, 5, 5, 5]
        )
        self.assertEqual(form.total_weight, 100)
        leader = self.env["hr.job"].create({"name": "Team leader"})
        kpis.with_user(self.user_admin).job_ids = leader
        self.staff2.job_id = leader
        plan = self._generated_plan(policy, "2026-12-01", self.staff2)
        self.assertEqual(plan.line_ids.indicator_id, kpis.line_ids.indicator_id)
        # targets: the source's 100 % of plan and collection, the rest the
        # company's; then the actuals
        targets = [500, 1000, 100, 10, 4, 100, 100, 2, 100, 20]
        actuals = [450, 1000, 90, 12, 2, 95, 125, 1, 100, 10]
        self.assertEqual(plan.line_ids.mapped("target")[2], 100)
        self.assertEqual(plan.line_ids.mapped("target")[5], 100)
        for line, target in zip(plan.line_ids, targets, strict=True):
            line.sudo().target = target
        plan.with_user(self.user_staff2).action_submit()
        plan.with_user(self.user_head).action_approve()
        for line, actual in zip(plan.line_ids, actuals, strict=True):
            line.with_user(self.user_head).actual = actual
        # weight × actual ÷ target (target ÷ actual for expenses and bad
        # debts), at most the weight
        self.assertEqual(
            plan.line_ids.mapped("score_final"),
            [18, 20, 9, 10, 2.5, 9.5, 8, 5, 5, 2.5],
        )
        plan.with_user(self.user_staff2).action_self_assess()
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_final, 89.5)
        self.assertEqual((plan.grade_id.code, plan.coefficient), ("B", 1.1))


@tagged("post_install", "-at_install")
class TestRndPreset(PresetCase):
    def test_the_annual_score_moves_the_salary_grade(self):
        policy = self._copy("rnd")
        self.assertEqual(
            (policy.period_type, policy.appeal_accept_days, policy.appeal_resolve_days),
            ("year", 3, 10),
        )
        self.assertEqual(policy.category_ids.mapped("weight"), [70, 15, 15])
        plan = self._generated_plan(policy, "2026-01-01")
        kpis = plan.line_ids.filtered(lambda line: line.line_type == "kpi")
        self.assertEqual(kpis.mapped("target"), [15, 100, 100, 2, 85])
        self.assertEqual(kpis.mapped("weight"), [30, 25, 20, 15, 10])
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        for line, actual in zip(kpis, [12, 100, 90, 1, 85], strict=True):
            line.with_user(self.user_head).actual = actual
        # 30 × 12/15, 25, 20 × 90 %, 15 (1 failure, fewer than 3), 10
        self.assertEqual(kpis.mapped("score_final"), [24, 25, 18, 15, 10])
        rubrics = plan.line_ids - kpis
        # attitude: excellent, good, good, fair; ability: good throughout
        plan.with_user(self.user_staff).action_self_assess()
        self._rate(rubrics, 0, 1, 1, 2, *[1] * 7)
        plan.with_user(self.user_head).action_assess()
        # the assessor's superior, then HR review the result
        self.assertTrue(plan.under_review)
        pending = plan.approval_ids.filtered(lambda row: row.state == "pending")
        self.assertEqual(pending.user_id, self.user_director)
        plan.with_user(self.user_director).action_approve()
        pending = plan.approval_ids.filtered(lambda row: row.state == "pending")
        self.assertIn(self.user_officer, pending.user_id)
        plan.with_user(self.user_officer).action_approve()
        self.assertEqual(plan.state, "assessed")
        # 70 % × 92 + 15 % × (30+20+20+12) + 15 % × 88 of the ability's 110
        self.assertEqual(plan.score_final, 88.7)
        self.assertEqual(
            (plan.grade_id.salary_step, plan.grade_id.training_required), (1, False)
        )

    def test_salary_steps_and_training_by_band(self):
        policy = self._copy("rnd")
        outcomes = [
            (
                policy._grade_for(score).salary_step,
                policy._grade_for(score).training_required,
            )
            for score in (100, 95.5, 95, 80.5, 80, 60.5, 60, 59.5, 0)
        ]
        self.assertEqual(
            outcomes,
            [
                (2, False),
                (2, False),
                (1, False),
                (1, False),
                (0, False),
                (0, False),
                (0, True),
                (-1, True),
                (-1, True),
            ],
        )


@tagged("post_install", "-at_install")
class TestKitchenPreset(PresetCase):
    def test_the_staff_score_and_the_pay_it_gives(self):
        policy = self._copy("kitchen")
        self.assertEqual(
            policy.category_ids.mapped("points_total"), [20, 10, 25, 10, 35]
        )
        plan = self._generated_plan(policy, "2026-12-01")
        self.assertEqual(
            plan.line_ids.mapped("weight"), [5, 5, 10, 5, 5, 10, 10, 5, 10, 35]
        )
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        points = [5, 4, 9, 5, 4, 8, 9, 5, 8, 30]
        plan.with_user(self.user_staff).action_self_assess()
        self._rate(plan.line_ids, *[(0, value) for value in points])
        # a colleague rates the whole form
        self.env["hr.work.plan.rating"].with_user(self.user_staff2).create(
            {"plan_id": plan.id, "role": "peer", "score": 75}
        )
        plan.with_user(self.user_head).action_assess()
        self.assertEqual(plan.score_manager, 87)
        self.assertEqual(plan.score_final, (87 + 75) / 2)  # 81
        self.assertEqual(plan.grade_id.pay_change_percent, -1)  # base pay × 99 %

    def test_base_pay_by_band(self):
        policy = self._copy("kitchen")
        self.assertEqual(
            [
                policy._grade_for(score).pay_change_percent
                for score in (100, 95.5, 95, 80, 79.5, 70, 69.5, 60, 59.5)
            ],
            [0, 0, -1, -1, -5, -5, -10, -10, 0],
        )
        self.assertEqual(policy._grade_for(59.5).code, "E")
