# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scoring arithmetic on its own: examples from the policies and properties."""

from unittest import TestCase

from hypothesis import given, settings
from hypothesis import strategies as st

from ..tools.scoring import (
    Band,
    Basis,
    Category,
    PeriodResult,
    apply_share,
    band_problems,
    bonus_score,
    check_section_score,
    checklist_score,
    combine_period_results,
    deduction_score,
    disqualified,
    grade_for,
    in_band,
    kpi_achievement,
    kpi_all_or_nothing,
    kpi_linear,
    kpi_per_unit_short,
    kpi_rate,
    kpi_score,
    kpi_tiers,
    plan_score,
    quota_excess,
    rank,
    rater_score,
    rubric_score,
    task_item_score,
)

# weights and scores are stored with two decimals
weights = st.integers(min_value=0, max_value=12000).map(lambda cents: cents / 100)
percents = st.integers(min_value=0, max_value=10000).map(lambda cents: cents / 100)
completions = st.sampled_from(["done", "partial", "not_done", False])

# 外贸组: >90 优 1.3, >80 良 1.1, >70 中 1.0, >60 基本合格 0.8, ≤60 不合格 0.4
TRADE_BANDS = [
    Band("A", 90, 100, False, True),
    Band("B", 80, 90, False, True),
    Band("C", 70, 80, False, True),
    Band("D", 60, 70, False, True),
    Band("E", 0, 60, True, True),
]


class TestTaskItems(TestCase):
    def test_examples(self):
        self.assertEqual(task_item_score(20, "done", 80), 16)
        self.assertEqual(task_item_score(20, "not_done", 100), 0)
        self.assertEqual(task_item_score(20, False, 100), 0)
        self.assertIsNone(task_item_score(20, "cancelled", 100))
        self.assertEqual(task_item_score(20, "partial", 100, 50), 0)
        self.assertEqual(
            task_item_score(20, "partial", 100, 50, partial_credit=True), 10
        )
        self.assertEqual(task_item_score(20, "partial", 90, 50, excused=True), 9)

    @given(weights, completions, percents, percents, st.booleans(), st.booleans())
    def test_within_the_weight(
        self, weight, completion, percent, done, credit, excused
    ):
        score = task_item_score(weight, completion, percent, done, credit, excused)
        self.assertGreaterEqual(score, 0)
        self.assertLessEqual(score, weight + 1e-9)

    @given(weights, completions, percents, percents, percents, st.booleans())
    def test_never_rises_when_quality_falls(
        self, weight, completion, high, low, done, credit
    ):
        high, low = max(high, low), min(high, low)
        self.assertGreaterEqual(
            task_item_score(weight, completion, high, done, credit),
            task_item_score(weight, completion, low, done, credit),
        )

    @given(weights, percents, percents, percents, st.booleans())
    def test_never_rises_when_completion_falls(
        self, weight, percent, high, low, credit
    ):
        high, low = max(high, low), min(high, low)
        done = task_item_score(weight, "done", percent)
        more = task_item_score(weight, "partial", percent, high, credit)
        less = task_item_score(weight, "partial", percent, low, credit)
        self.assertGreaterEqual(done + 1e-9, more)
        self.assertGreaterEqual(more, less)

    @given(weights, percents, percents, st.booleans(), st.booleans())
    def test_not_done_is_always_zero(self, weight, percent, done, credit, excused):
        self.assertEqual(
            task_item_score(weight, "not_done", percent, done, credit, excused), 0
        )


class TestPlanScore(TestCase):
    def test_sum_of_points_without_category_weights(self):
        items = [("A", 16, 20, True), ("B", 80, 80, True), ("E", 10, 10, False)]
        self.assertEqual(plan_score(items, [Category("A", 0), Category("B", 0)]), 106)

    def test_empty_category_weight_is_spread(self):
        # P8: routine 100 and key 100 but no ad hoc work: the ad hoc weight is ignored
        categories = [Category("R", 50), Category("K", 30), Category("T", 20)]
        items = [("R", 90, 100, True), ("K", 60, 100, True)]
        self.assertAlmostEqual(plan_score(items, categories), 0.625 * 90 + 0.375 * 60)

    @given(
        st.lists(st.tuples(st.sampled_from("RKT"), weights), min_size=1, max_size=12),
        st.lists(weights.filter(bool), min_size=3, max_size=3),
    )
    def test_renormalisation_preserves_the_total(self, rows, category_weights):
        categories = list(map(Category, "RKT", category_weights))
        items = [(key, weight, weight, True) for key, weight in rows if weight > 0]
        if items:
            self.assertAlmostEqual(plan_score(items, categories, 100), 100)

    @given(
        st.lists(
            st.tuples(st.sampled_from("RKT"), percents, weights, st.booleans()),
            max_size=12,
        ),
        st.lists(weights, min_size=3, max_size=3),
    )
    def test_never_above_the_total_plus_extra(self, rows, category_weights):
        categories = list(map(Category, "RKT", category_weights))
        items = [
            (key, weight * share / 100, weight, counts)
            for key, share, weight, counts in rows
        ]
        extra = sum(points for _key, points, _weight, counts in items if not counts)
        counted_total = sum(weight for _key, _points, weight, counts in items if counts)
        ceiling = (100 if any(category_weights) else counted_total) + extra
        # the score is rounded to two decimals, which may add up to 0.005
        self.assertLessEqual(plan_score(items, categories, 100), ceiling + 0.005 + 1e-9)


class TestSectionsRatersShares(TestCase):
    def test_section_maximum(self):
        # P5: plan management 60, management 40
        self.assertEqual(check_section_score(60, 60), 60)
        with self.assertRaises(ValueError):
            check_section_score(60.5, 60)
        with self.assertRaises(ValueError):
            check_section_score(-1, 40)

    def test_raters(self):
        weights = {"self": 20, "direct_manager": 50, "department_manager": 30}
        scores = {"self": 90, "direct_manager": 80, "department_manager": 70}
        self.assertAlmostEqual(rater_score(scores, weights), 18 + 40 + 21)
        # self 0 = recorded, not counted
        self.assertAlmostEqual(
            rater_score(scores, {"self": 0, "direct_manager": 100}), 80
        )
        self.assertIsNone(rater_score({}, weights))

    @given(
        st.dictionaries(st.sampled_from(["a", "b", "c"]), percents, min_size=1),
        st.dictionaries(st.sampled_from(["a", "b", "c"]), weights, min_size=1),
    )
    def test_weighted_mean_stays_between_the_scores(self, scores, rater_weights):
        result = rater_score(scores, rater_weights)
        counted = [scores[r] for r, w in rater_weights.items() if w > 0 and r in scores]
        if result is None:
            self.assertFalse(counted)
        else:
            self.assertGreaterEqual(result, min(counted) - 1e-9)
            self.assertLessEqual(result, max(counted) + 1e-9)

    def test_execution_share(self):
        self.assertEqual(apply_share(90, 0.8), 72)


class TestGrades(TestCase):
    def test_boundaries(self):
        self.assertEqual(grade_for(90, TRADE_BANDS).code, "B")
        self.assertEqual(grade_for(90.01, TRADE_BANDS).code, "A")
        self.assertEqual(grade_for(80.5, TRADE_BANDS).code, "B")
        self.assertEqual(grade_for(60, TRADE_BANDS).code, "E")
        self.assertEqual(grade_for(100, TRADE_BANDS).code, "A")
        self.assertIsNone(grade_for(101, TRADE_BANDS))

    def test_contiguous_bands_have_no_problem(self):
        self.assertEqual(band_problems(TRADE_BANDS), [])

    def test_overlap_and_gap_are_found(self):
        overlapping = [Band("A", 90, 100), Band("B", 80, 90)]
        self.assertIn("B and A overlap", band_problems(overlapping, 80, 100))
        gapped = [Band("A", 91, 100), Band("B", 81, 90)]
        self.assertIn("gap between B and A", band_problems(gapped, 81, 100))
        open_ended = [Band("A", 90, 100, False, False), Band("B", 80, 90, False, False)]
        problems = band_problems(open_ended, 80, 100)
        self.assertIn("gap between B and A", problems)
        self.assertIn("scores up to 100 are not covered", problems)

    @settings(max_examples=50)
    @given(
        st.lists(
            st.floats(min_value=1, max_value=99), min_size=1, max_size=5, unique=True
        )
    )
    def test_generated_contiguous_bands_cover_every_score(self, cuts):
        edges = [0, *sorted(cuts), 100]
        bands = [
            Band(str(index), low, high, index == 0, True)
            for index, (low, high) in enumerate(zip(edges, edges[1:], strict=False))
        ]
        self.assertEqual(band_problems(bands), [])
        for score in [0, *cuts, 100, *(edge + 0.001 for edge in cuts)]:
            self.assertEqual(sum(1 for band in bands if grade_for(score, [band])), 1)


class TestRankingAndQuotas(TestCase):
    def test_competition_ranking(self):
        self.assertEqual(
            rank({"a": 90, "b": 95, "c": 90, "d": 70}), {"b": 1, "a": 2, "c": 2, "d": 4}
        )

    def test_quota_excess(self):
        grades = ["A", "A", "A", "B", "B", "C", "C", "C", "C", "C"]
        self.assertEqual(quota_excess(grades, {"A": 20, "B": 30}), {"A": (3, 2)})
        self.assertEqual(quota_excess(["A"], {"A": 10}), {})


class TestPayPeriods(TestCase):
    def test_the_month_plan_over_its_week_plans(self):
        results = [
            PeriodResult("month", 30, 68.5, 0.8),
            *(PeriodResult(f"week{week}", 6, 95, 1.3) for week in range(4)),
        ]
        self.assertEqual(
            combine_period_results(results, "longest"), (68.5, 0.8, ["month"])
        )
        self.assertEqual(
            combine_period_results(results, "average"),
            (89.7, 1.2, ["month", "week0", "week1", "week2", "week3"]),
        )

    def test_plans_of_the_same_length_are_averaged(self):
        results = [PeriodResult("a", 30, 90, 1.3), PeriodResult("b", 30, 70, 1.0)]
        self.assertEqual(
            combine_period_results(results, "longest"), (80, 1.15, ["a", "b"])
        )

    def test_no_plan_no_result(self):
        self.assertIsNone(combine_period_results([], "longest"))

    @given(
        st.lists(
            st.tuples(st.integers(1, 92), percents, st.floats(0, 3)),
            min_size=1,
            max_size=8,
        ),
        st.sampled_from(["longest", "average"]),
    )
    def test_the_result_lies_among_the_kept_plans(self, rows, mode):
        results = [
            PeriodResult(index, days, score, coefficient)
            for index, (days, score, coefficient) in enumerate(rows)
        ]
        score, coefficient, keys = combine_period_results(results, mode)
        kept = [result for result in results if result.key in keys]
        self.assertTrue(kept)
        self.assertLessEqual(min(r.score for r in kept) - 0.01, score)
        self.assertLessEqual(score, max(r.score for r in kept) + 0.01)
        self.assertLessEqual(min(r.coefficient for r in kept) - 1e-4, coefficient)
        self.assertLessEqual(coefficient, max(r.coefficient for r in kept) + 1e-4)
        if mode == "average":
            self.assertEqual(len(kept), len(results))
        else:
            self.assertEqual({r.days for r in kept}, {max(r.days for r in results)})


class TestKpiCurves(TestCase):
    def test_sales_commission_floor_and_cap(self):
        # 销售: results 70 % × achievement, 0 below 70 %, capped at 120 %
        self.assertEqual(kpi_linear(70, 69.9, 70, 120), 0)
        self.assertEqual(kpi_linear(70, 70, 70, 120), 49)
        self.assertEqual(kpi_linear(70, 100, 70, 120), 70)
        self.assertEqual(kpi_linear(70, 135, 70, 120), 84)

    def test_achievement_higher_and_lower_is_better(self):
        self.assertEqual(kpi_achievement(200, 150), 75)
        self.assertEqual(kpi_achievement(2, 4, "lower"), 50)
        self.assertEqual(kpi_achievement(2, 1, "lower"), 200)
        self.assertEqual(kpi_achievement(2, 0, "lower"), float("inf"))
        self.assertEqual(kpi_achievement(0, 0), 100)
        self.assertEqual(kpi_achievement(0, -1), 0)
        self.assertEqual(kpi_achievement(0, 1, "lower"), 0)
        self.assertEqual(kpi_achievement(100, -5), 0)

    def test_on_time_delivery_rate(self):
        # 准时交车率 ≥ 96 %: 188 of 200 on time is 4 cases short of 192, one
        # point each; with 3 customer-caused delays excluded, 1 short
        self.assertEqual(kpi_rate(188, 200), 94)
        self.assertEqual(kpi_rate(188, 200, excluded=3), 95.5)
        self.assertEqual(kpi_rate(5, 0), 0)
        self.assertEqual(kpi_per_unit_short(20, 96, 188, 200, 1), 16)
        self.assertEqual(kpi_per_unit_short(20, 96, 191, 200, 1), 19)
        self.assertEqual(kpi_per_unit_short(20, 96, 192, 200, 1), 20)
        self.assertEqual(kpi_per_unit_short(3, 96, 100, 200, 1), 0, "never below 0")

    def test_all_or_nothing_and_tiers(self):
        self.assertEqual(kpi_all_or_nothing(10, 99.99), 0)
        self.assertEqual(kpi_all_or_nothing(10, 100), 10)
        tiers = [(80, 50), (100, 100), (90, 80)]
        self.assertEqual(kpi_tiers(20, 79, tiers), 0)
        self.assertEqual(kpi_tiers(20, 80, tiers), 10)
        self.assertEqual(kpi_tiers(20, 95, tiers), 16)
        self.assertEqual(kpi_tiers(20, 130, tiers), 20)
        self.assertEqual(kpi_tiers(20, 100, [(100, 150)]), 20, "at most the weight")

    def test_each_curve_is_chosen_by_its_name(self):
        params = {
            "floor_percent": 70,
            "cap_percent": 120,
            "tiers": [(80, 50)],
            "target_rate": 96,
            "counted": 188,
            "cases": 200,
            "per_unit_points": 1,
        }
        self.assertEqual(kpi_score(20, "linear", 135, **params), 24)
        self.assertEqual(kpi_score(20, "linear", 69.9, **params), 0)
        self.assertEqual(kpi_score(20, "all_or_nothing", 99, **params), 0)
        self.assertEqual(kpi_score(20, "tiers", 85, **params), 10)
        self.assertEqual(kpi_score(20, "per_unit_short", 0, **params), 16)
        self.assertEqual(kpi_score(20, "linear", 150), 20, "capped at 100 by default")
        self.assertEqual(kpi_score(20, "linear", 50), 10, "no floor by default")

    @given(weights, percents, percents, percents, percents)
    def test_linear_is_monotone_bounded_and_zero_below_its_floor(
        self, weight, low, high, floor, cap
    ):
        low, high = sorted((low, high))
        self.assertLessEqual(
            kpi_linear(weight, low, floor, cap), kpi_linear(weight, high, floor, cap)
        )
        self.assertLessEqual(
            kpi_linear(weight, high, floor, cap), weight * cap / 100 + 0.01
        )
        if low < floor:
            self.assertEqual(kpi_linear(weight, low, floor, cap), 0)

    @given(
        weights,
        st.integers(0, 100),
        st.integers(0, 400),
        st.integers(1, 400),
        st.integers(0, 5),
    )
    def test_per_unit_short_is_monotone_and_bounded(
        self, weight, rate, counted, cases, points
    ):
        score = kpi_per_unit_short(weight, rate, counted, cases, points)
        self.assertLessEqual(score, weight)
        self.assertGreaterEqual(score, 0)
        self.assertGreaterEqual(
            kpi_per_unit_short(weight, rate, counted + 1, cases, points), score
        )

    @given(
        weights,
        percents,
        percents,
        st.lists(st.tuples(percents, percents), max_size=5),
    )
    def test_tiers_are_monotone_and_bounded(self, weight, low, high, tiers):
        low, high = sorted((low, high))
        if sorted(tiers) != sorted(tiers, key=lambda tier: (tier[1], tier[0])):
            return  # tiers that pay less for more are not monotone
        self.assertLessEqual(
            kpi_tiers(weight, low, tiers), kpi_tiers(weight, high, tiers)
        )
        self.assertLessEqual(kpi_tiers(weight, high, tiers), weight)


class TestRubricsChecklistsDeductionsBonusesVetoes(TestCase):
    def test_rubric_levels_fixed_or_ranged(self):
        # 外贸组: 很好 / 较好 / 一般 / 较差 with fixed points
        self.assertEqual(rubric_score(points=20), 20)
        self.assertEqual(rubric_score(points_min=12, points_max=16, given=14), 14)
        for points in (11.99, 16.01, None):
            with self.subTest(points=points), self.assertRaises(ValueError):
                rubric_score(points_min=12, points_max=16, given=points)

    def test_checklist_counts_the_checks_passed(self):
        self.assertEqual(checklist_score([(5, True), (3, False), (2.5, True)]), 7.5)
        self.assertEqual(checklist_score([]), 0)

    def test_unit_scorecard_deductions_bonus_and_veto(self):
        # 002-J: a 10-point section, late or wrong reports 0.5 each
        self.assertEqual(deduction_score(10, 3, 0.5), 8.5)
        self.assertEqual(deduction_score(2, 5, 0.5), 0, "floor at zero")
        self.assertEqual(deduction_score(2, 5, 0.5, floor_at_zero=False), -0.5)
        # fewer than 5 items → −2, fewer than 7 → −1
        tiers = [(7, 1), (5, 2)]
        self.assertEqual(deduction_score(6, 4, tiers=tiers), 4)
        self.assertEqual(deduction_score(6, 6, tiers=tiers), 5)
        self.assertEqual(deduction_score(6, 7, tiers=tiers), 6)
        # +5 per new firm with ≥ 100M sales, on top of the 100
        self.assertEqual(bonus_score(2, 5), 10)
        self.assertEqual(bonus_score(3, 5, cap=12), 12)
        self.assertEqual(bonus_score(-1, 5), 0)
        self.assertTrue(disqualified([False, True]))
        self.assertFalse(disqualified([]))

    @given(weights, st.integers(0, 50), st.integers(0, 50), percents)
    def test_more_units_never_deduct_less(self, weight, fewer, more, points):
        fewer, more = sorted((fewer, more))
        self.assertGreaterEqual(
            deduction_score(weight, fewer, points / 10),
            deduction_score(weight, more, points / 10),
        )
        self.assertGreaterEqual(deduction_score(weight, more, points / 10), 0)


class TestScoringEdges(TestCase):
    """Behaviours a mutant of tools/scoring.py could change unseen."""

    def test_extra_weight_adds_on_top_of_weighted_categories(self):
        categories = [Category("R", 50), Category("K", 50)]
        items = [("R", 40, 50, True), ("K", 25, 50, True), ("L", 7, 10, False)]
        self.assertEqual(plan_score(items, categories), 65 + 7)

    def test_an_exclusive_upper_bound_leaves_the_bound_out(self):
        band = Band("B", 80, 90, True, False)
        self.assertTrue(in_band(89.99, band))
        self.assertFalse(in_band(90, band))
        self.assertTrue(in_band(80, band))

    def test_a_band_of_equal_bounds_holds_that_score_only(self):
        band = Band("P", 60, 60, True, True)
        self.assertTrue(in_band(60, band))
        self.assertFalse(in_band(60.01, band))
        self.assertEqual(
            band_problems([Band("P", 60, 60, True, False)], 60, 60)[0], "P: empty band"
        )

    def test_percent_and_completion_are_clamped(self):
        self.assertEqual(task_item_score(20, "done", 150), 20)
        self.assertEqual(task_item_score(20, "done", -10), 0)
        self.assertEqual(task_item_score(20, "partial", 100, 150, True), 20)
        self.assertEqual(task_item_score(20, "partial", 100, -50, True), 0)

    def test_the_execution_share_is_at_most_one(self):
        self.assertEqual(apply_share(90, 1.5), 90)
        self.assertEqual(apply_share(90, -1), 0)
        self.assertEqual(apply_share(90, 0.8), 72)


class TestLowestGrade(TestCase):
    def _basis(self, grades):
        return Basis({"grades": grades})

    def test_the_lowest_band_whatever_its_order(self):
        grades = [
            [["B", 60, 80, True, False], 1.0, 2],
            [["C", 0, 60, True, False], 0.5, 3],
            [["A", 80, 100, True, True], 1.2, 1],
        ]
        self.assertEqual(self._basis(grades).lowest_grade(), (3, 0.5))

    def test_no_grade_without_bands(self):
        self.assertEqual(self._basis([]).lowest_grade(), (None, 0.0))


class TestCategoryMultipliers(TestCase):
    def test_the_logistics_composite(self):
        """物流: performance × 4 + skills × 2 + quality × 2 + attitude × 2, less
        the attendance counter, plus a commendation."""
        categories = [
            Category("P", 0, 0, 4),
            Category("S", 0, 0, 2),
            Category("Q", 0, 0, 2),
            Category("A", 0, 0, 2),
        ]
        items = [
            ("P", 9, 10, True),
            ("S", 8, 10, True),
            ("Q", 7, 10, True),
            ("A", 10, 10, True),
            (None, -1.5, 0, True),  # 3 times late, 0.5 each
            (None, 3, 0, False),  # a minor merit, on top
        ]
        self.assertEqual(plan_score(items, categories), 36 + 16 + 14 + 20 - 1.5 + 3)

    def test_weights_win_over_multipliers(self):
        categories = [Category("R", 50, 0, 4), Category("K", 50, 0, 1)]
        items = [("R", 10, 10, True), ("K", 5, 10, True)]
        self.assertEqual(plan_score(items, categories), 75)

    def test_a_basis_frozen_before_multipliers_reads_one(self):
        basis = Basis({"categories": {"7": [0, 0, True]}})
        self.assertEqual(basis.categories[7].multiplier, 1.0)
        self.assertTrue(basis.counts(7))
