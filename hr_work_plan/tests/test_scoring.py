# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scoring arithmetic on its own: examples from the policies and properties."""

from unittest import TestCase

from hypothesis import given, settings
from hypothesis import strategies as st

from ..tools.scoring import (
    Band,
    Category,
    PeriodResult,
    apply_share,
    band_problems,
    check_section_score,
    combine_period_results,
    grade_for,
    plan_score,
    quota_excess,
    rank,
    rater_score,
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
