# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scoring arithmetic of work plans, as pure functions of plain values.

Models gather the inputs, call these, and store the results; nothing here
touches the database, so every rule can be tested on its own.
"""

import math
from collections import namedtuple

Band = namedtuple(
    "Band",
    "code min_score max_score min_inclusive max_inclusive",
    defaults=(True, True),
)
Category = namedtuple(
    "Category", "key weight full_marks multiplier", defaults=(0.0, 1.0)
)

UNFINISHED = ("not_done", "partial")
# scores are kept to two decimals, so that 89.999… grades as 90
DIGITS = 2


def clamp(value, low, high):
    return max(low, min(value, high))


def task_item_score(
    weight,
    completion,
    percent=100.0,
    completion_percent=100.0,
    partial_credit=False,
    excused=False,
):
    """Points of a task item out of its ``weight``.

    ``completion``: done / partial / not_done / cancelled, or empty when not
    reported. ``percent``: share of the weight the efficiency × quality table
    gives (0–100). An item not carried out scores 0; a partly done item earns
    its completion share when the policy gives partial credit or an approved
    change excuses it, else 0. Cancelled items score nothing (``None``): they
    leave the plan."""
    if completion == "cancelled":
        return None
    share = clamp(percent, 0.0, 100.0) / 100.0
    if completion == "done":
        return weight * share
    if completion == "partial" and (partial_credit or excused):
        return weight * share * clamp(completion_percent, 0.0, 100.0) / 100.0
    return 0.0


def category_totals(items):
    """Sum of points and of weights per category from ``(key, points, weight)``
    rows; rows whose points are ``None`` (cancelled items) are left out."""
    totals = {}
    for key, points, weight in items:
        if points is None:
            continue
        earned, possible = totals.get(key, (0.0, 0.0))
        totals[key] = (earned + points, possible + weight)
    return totals


def plan_score(items, categories=(), total_points=100.0):
    """Score of a plan out of ``total_points`` (extra weight on top).

    ``items``: ``(category key, points, weight, counts_in_total)`` rows.
    ``categories``: the policy's categories with their weights. When the
    categories carry weights (routine / key / ad hoc each scored on its own),
    each category's share ``earned / possible`` is weighted, and the weight of
    a category with no item is spread over the others; otherwise the plan
    score is the sum of the points, each category's times its multiplier
    (物流: performance × 4, skills × 2, quality × 2, attitude × 2). Items
    outside the total (leader tasks, emergencies) add their points on top
    either way."""
    counted = [(key, points, weight) for key, points, weight, counts in items if counts]
    extra = sum(
        points for _key, points, _weight, counts in items if not counts and points
    )
    weighted = {
        category.key: category.weight for category in categories if category.weight
    }
    if not weighted:
        multipliers = {category.key: category.multiplier for category in categories}
        return round(
            sum(
                (points or 0.0) * multipliers.get(key, 1.0)
                for key, points, _weight in counted
            )
            + extra,
            DIGITS,
        )
    totals = category_totals(counted)
    present = {
        key: weight
        for key, weight in weighted.items()
        if totals.get(key, (0.0, 0.0))[1] > 0
    }
    weight_sum = sum(present.values())
    if not weight_sum:
        return round(extra, DIGITS)
    score = sum(
        weight / weight_sum * totals[key][0] / totals[key][1] * total_points
        for key, weight in present.items()
    )
    return round(score + extra, DIGITS)


# ----------------------------------------------------------------------
# indicator items: KPI curves, rubrics, checklists, deductions, bonuses, vetoes


def kpi_rate(numerator, denominator, excluded=0.0):
    """A rate in percent: (numerator + excluded) ÷ denominator, where the
    excluded cases are those that do not count against (a customer-caused
    delay with the customer's signature); 0 with no case."""
    if denominator <= 0:
        return 0.0
    return (numerator + excluded) / denominator * 100.0


def kpi_achievement(target, actual, direction="higher"):
    """How far ``actual`` reaches ``target``, in percent: actual ÷ target, or
    target ÷ actual when lower is better. A target of 0 is met (100) or not
    (0); a lower-is-better actual of 0 or less beats any positive target."""
    higher = direction != "lower"
    if target <= 0:
        met = actual >= target if higher else actual <= target
        return 100.0 if met else 0.0
    if higher:
        return max(actual, 0.0) / target * 100.0
    if actual <= 0:
        return float("inf")
    return target / actual * 100.0


def kpi_linear(weight, achievement, floor_percent=0.0, cap_percent=100.0):
    """The weight times the achievement: nothing below the floor, never more
    than the cap (销售: 70 % floor, 120 % cap)."""
    if achievement < floor_percent:
        return 0.0
    return round(weight * min(achievement, cap_percent) / 100.0, DIGITS)


def kpi_all_or_nothing(weight, achievement):
    """The whole weight when the target is reached, else nothing."""
    return weight if achievement >= 100.0 else 0.0


def kpi_per_unit_short(weight, target_rate, counted, cases, per_unit_points):
    """The weight less ``per_unit_points`` for each case short of the target
    rate (准时交车率 ≥ 96 %: 188 on time of 200 is 4 short of 192); never
    below 0. ``counted`` includes the excluded cases."""
    required = math.ceil(target_rate / 100.0 * cases - 1e-9)
    short = max(required - counted, 0)
    return round(max(weight - short * per_unit_points, 0.0), DIGITS)


def kpi_tiers(weight, achievement, tiers):
    """The share of the weight of the highest tier reached: ``tiers`` are
    (from achievement %, percent of the weight); none reached gives 0."""
    reached = [(start, percent) for start, percent in tiers if achievement >= start]
    if not reached:
        return 0.0
    _start, percent = max(reached)
    return round(weight * clamp(percent, 0.0, 100.0) / 100.0, DIGITS)


# the largest achievement kept, in percent: a lower-is-better actual of 0
# beats any target, and no curve pays beyond its cap anyway
MAX_ACHIEVEMENT = 1000.0
KPI_CURVES = ("linear", "all_or_nothing", "per_unit_short", "tiers")


def kpi_score(weight, curve, achievement, **params):
    """Points of a KPI item under ``curve``; ``params``: ``floor_percent``
    and ``cap_percent`` (linear), ``tiers`` (tiers), ``target_rate``,
    ``counted``, ``cases`` and ``per_unit_points`` (per_unit_short)."""
    if curve == "all_or_nothing":
        return kpi_all_or_nothing(weight, achievement)
    if curve == "per_unit_short":
        return kpi_per_unit_short(
            weight,
            params.get("target_rate", 0.0),
            params.get("counted", 0.0),
            params.get("cases", 0.0),
            params.get("per_unit_points", 0.0),
        )
    if curve == "tiers":
        return kpi_tiers(weight, achievement, params.get("tiers", ()))
    return kpi_linear(
        weight,
        achievement,
        params.get("floor_percent", 0.0),
        params.get("cap_percent", 100.0),
    )


def rubric_score(points=None, points_min=None, points_max=None, given=None):
    """The points of a rubric level (很好 / 较好 / 一般 / 较差): fixed, or
    those ``given`` within the level's range; ``ValueError`` outside it."""
    if points_min is None and points_max is None:
        return points or 0.0
    if given is None or not points_min <= given <= points_max:
        raise ValueError(f"{given} is outside {points_min}–{points_max}")
    return given


def checklist_score(checks):
    """The points of the checks passed, from ``(points, passed)`` rows."""
    return round(sum(points for points, passed in checks if passed), DIGITS)


def tier_points(count, tiers):
    """Points of the first threshold ``count`` stays under: ``tiers`` are
    (threshold, points), e.g. fewer than 5 → 2, fewer than 7 → 1."""
    for threshold, points in sorted(tiers):
        if count < threshold:
            return points
    return 0.0


def deduction_score(weight, units, per_unit_points=0.0, tiers=(), floor_at_zero=True):
    """A deduction item starts from its weight and loses ``per_unit_points``
    for each unit counted (late or wrong reports 0.5 each, a complaint 3)
    and the points of the tier its count falls in; by default it does not go
    below 0."""
    score = weight - units * per_unit_points - tier_points(units, tiers)
    if floor_at_zero:
        score = max(score, 0.0)
    return round(score, DIGITS)


def bonus_score(units, per_unit_points, cap=None):
    """Points a bonus item adds on top of the total: so much per unit (a new
    firm above 100M sales +5), up to ``cap`` when there is one."""
    points = max(units, 0) * per_unit_points
    if cap is not None:
        points = min(points, cap)
    return round(points, DIGITS)


def disqualified(vetoes):
    """A plan with any vetoed item is disqualified: score 0, lowest grade,
    out of the ranking."""
    return any(vetoes)


def check_section_score(points, max_points):
    """Raise ``ValueError`` unless 0 ≤ points ≤ max_points."""
    if points < 0 or points > max_points:
        raise ValueError(f"{points} is outside 0–{max_points}")
    return points


def rater_score(scores, weights):
    """Weighted mean of the raters' scores.

    ``scores``: role → score given; ``weights``: role → weight. Raters with no
    weight (a self-rating recorded but not counted) and raters who gave no
    score are left out; the weights of the others are renormalised."""
    counted = {
        role: weight
        for role, weight in weights.items()
        if weight > 0 and scores.get(role) is not None
    }
    total = sum(counted.values())
    if not total:
        return None
    return round(
        sum(scores[role] * weight for role, weight in counted.items()) / total, DIGITS
    )


def apply_share(score, share):
    """The part of a score that counts (P1: execution is 80% of the score)."""
    return round(score * clamp(share, 0.0, 1.0), DIGITS)


def in_band(score, band):
    above = score > band.min_score or (band.min_inclusive and score == band.min_score)
    below = score < band.max_score or (band.max_inclusive and score == band.max_score)
    return above and below


def grade_for(score, bands):
    """The first band holding ``score``, or ``None``."""
    return next((band for band in bands if in_band(score, band)), None)


def _ordered_bands(bands):
    return sorted(bands, key=lambda band: (band.min_score, band.max_score))


def _overlap(lower, upper):
    return upper.min_score < lower.max_score or (
        upper.min_score == lower.max_score
        and upper.min_inclusive
        and lower.max_inclusive
    )


def band_overlaps(bands):
    """Empty and overlapping ``bands``, as readable strings: a score belongs
    to two bands, or a band holds no score. Gaps are not looked at."""
    problems = []
    ordered = _ordered_bands(bands)
    for band in ordered:
        if band.min_score > band.max_score or (
            band.min_score == band.max_score
            and not (band.min_inclusive and band.max_inclusive)
        ):
            problems.append(f"{band.code}: empty band")
    problems.extend(
        f"{lower.code} and {upper.code} overlap"
        for index, lower in enumerate(ordered)
        for upper in ordered[index + 1 :]
        if _overlap(lower, upper)
    )
    return problems


def band_problems(bands, low=0.0, high=100.0):
    """Overlaps and gaps of ``bands`` over ``[low, high]``, as readable strings.

    Bands are compared in ascending order of their bounds; two bands overlap
    when a score belongs to both, and leave a gap when a score between them
    belongs to neither."""
    problems = band_overlaps(bands)
    ordered = _ordered_bands(bands)
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if not _overlap(lower, upper) and (
            upper.min_score > lower.max_score
            or not (upper.min_inclusive or lower.max_inclusive)
        ):
            problems.append(f"gap between {lower.code} and {upper.code}")
    if ordered:
        first, last = ordered[0], ordered[-1]
        if first.min_score > low or (
            first.min_score == low and not first.min_inclusive
        ):
            problems.append(f"scores from {low} are not covered")
        if last.max_score < high or (last.max_score == high and not last.max_inclusive):
            problems.append(f"scores up to {high} are not covered")
    return problems


def rank(scores):
    """Competition ranking (1, 2, 2, 4) of ``key → score``, highest first."""
    ordered = sorted(scores.items(), key=lambda item: -item[1])
    ranks = {}
    for position, (key, score) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        if previous and previous[1] == score:
            ranks[key] = ranks[previous[0]]
        else:
            ranks[key] = position
    return ranks


PeriodResult = namedtuple("PeriodResult", "key days score coefficient")


def combine_period_results(results, mode="longest"):
    """One score and coefficient for pay from the plans of a pay period.

    ``results``: PeriodResult rows, ``days`` being the length of each plan's
    period. ``mode`` "longest" keeps the plans of the longest period (a month
    plan over its week plans, a quarter plan over its months) and "average"
    keeps them all; the kept plans' scores and coefficients are averaged.
    Returns (score, coefficient, keys of the kept plans), or None without
    plans."""
    if not results:
        return None
    kept = list(results)
    if mode == "longest":
        longest = max(result.days for result in kept)
        kept = [result for result in kept if result.days == longest]
    count = len(kept)
    return (
        round(sum(result.score for result in kept) / count, DIGITS),
        round(sum(result.coefficient for result in kept) / count, 4),
        [result.key for result in kept],
    )


def quota_excess(grades, quotas):
    """Grades given more often than their quota allows.

    ``grades``: one grade code per owner; ``quotas``: code → largest share in
    percent. Returns code → (count, allowed) for each grade over its quota;
    the allowed count is rounded down, but a quota above 0 always allows one."""
    population = len(grades)
    excess = {}
    for code, quota in quotas.items():
        count = sum(1 for grade in grades if grade == code)
        allowed = int(population * quota / 100.0 + 1e-9)
        if quota > 0:
            allowed = max(allowed, 1)
        if count > allowed:
            excess[code] = (count, allowed)
    return excess


class Basis:
    """What scoring reads from a policy, as plain values: frozen on a plan
    when it is approved, so that later edits of the policy do not re-score it.

    ``values`` is the JSON-serialisable dict of :meth:`as_dict`."""

    def __init__(self, values):
        self.total_points = float(values.get("total_points") or 0.0)
        self.partial_credit = bool(values.get("partial_credit"))
        self.execution_share = float(values.get("execution_share", 1.0))
        self.matrix = dict(values.get("matrix") or {})
        categories = values.get("categories") or {}
        # plans approved before multipliers kept three values per category
        self.categories = {
            int(key): Category(int(key), weight, full_marks, *(rest or [1.0]))
            for key, (weight, full_marks, _counts, *rest) in categories.items()
        }
        self.counts_in_total = {
            int(key): bool(values[2]) for key, values in categories.items()
        }
        self.raters = dict(values.get("raters") or {})
        self.grades = [
            (Band(*band), coefficient, grade_id)
            for band, coefficient, grade_id in values.get("grades") or []
        ]

    @staticmethod
    def as_dict(
        total_points,
        partial_credit,
        execution_share,
        matrix,
        categories,
        raters,
        grades,
    ):
        """``matrix``: ``(efficiency, quality) → percent``; ``categories``:
        key → ``(weight, full marks, counts in the total, multiplier)``;
        ``raters``: role → weight; ``grades``: ``(Band, coefficient, grade
        id)``."""
        return {
            "total_points": total_points,
            "partial_credit": partial_credit,
            "execution_share": execution_share,
            "matrix": {
                f"{efficiency}/{quality}": percent
                for (efficiency, quality), percent in matrix.items()
            },
            "categories": {
                str(key): list(values) for key, values in categories.items()
            },
            "raters": raters,
            "grades": [
                [list(band), coefficient, grade_id]
                for band, coefficient, grade_id in grades
            ],
        }

    @property
    def has_matrix(self):
        return bool(self.matrix)

    def matrix_percent(self, efficiency, quality):
        """Percent of an item's weight the score table gives; 0 without a cell."""
        return self.matrix.get(f"{efficiency}/{quality}", 0.0)

    def category_list(self):
        return list(self.categories.values())

    def counts(self, category_key):
        """Whether items of the category count in the total; items without
        a category, or of a category unknown to the basis, do."""
        return self.counts_in_total.get(category_key, True)

    def lowest_grade(self):
        """``(grade id, coefficient)`` of the lowest band, or ``(None, 0.0)``."""
        if not self.grades:
            return None, 0.0
        _band, coefficient, grade_id = min(
            self.grades, key=lambda grade: (grade[0].min_score, grade[0].max_score)
        )
        return grade_id, coefficient

    def grade_for(self, score):
        """``(grade id, coefficient)`` of the band holding ``score``, or
        ``(None, 0.0)``; extra weight can lift a score above the highest band,
        which then applies."""
        bands = [band for band, _coefficient, _grade_id in self.grades]
        if bands:
            score = min(score, max(band.max_score for band in bands))
        band = grade_for(score, bands)
        for candidate, coefficient, grade_id in self.grades:
            if band is not None and candidate == band:
                return grade_id, coefficient
        return None, 0.0


# ----------------------------------------------------------------------
# annual composites and grade outcomes

AnnualBand = namedtuple("AnnualBand", "key min_points")


def annual_points(grade_points):
    """The sum of the points each period's grade gives (医疗器械: A 0.5, B 0,
    C −0.3, D −0.5 a month); a period without a grade adds nothing."""
    return round(sum(points or 0.0 for points in grade_points), DIGITS)


def annual_band_for(points, bands):
    """The key of the band with the highest minimum ``points`` reach (≥ 5 A,
    ≥ 3 B, ≥ 0 C); a total below every minimum gets the lowest band (< 0 D),
    and no band at all gives ``None``."""
    if not bands:
        return None
    ordered = sorted(bands, key=lambda band: band.min_points)
    reached = [band for band in ordered if round(points, DIGITS) >= band.min_points]
    return (reached[-1] if reached else ordered[0]).key


def pay_after_change(pay, pay_change_percent):
    """``pay`` moved by the grade's pay change (A +3 %, D −12 %); a change of
    −100 % or less leaves nothing, never a negative pay."""
    return round(max(pay * (1.0 + pay_change_percent / 100.0), 0.0), DIGITS)


def salary_step_within(current, step, lowest, highest):
    """The salary grade after moving ``step`` steps from ``current`` (研发:
    +2, +1, 0, −1), kept within the post's range ``lowest``–``highest``."""
    return int(clamp(current + step, lowest, highest))
