# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a grade brings beyond its coefficient (pay change, raise, salary
steps, training, improvement plan) and the annual composite of the period
grades: the arithmetic on its own, then on closed plans."""

from unittest import TestCase

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..tools.scoring import (
    AnnualBand,
    annual_band_for,
    annual_points,
    pay_after_change,
    salary_step_within,
)
from .common import WorkPlanCase

NAN = float("nan")
INF = float("inf")

# 医疗器械: monthly A/B/C/D move this month's pay by +3 / 0 / −5 / −12 % and
# give A 0.5, B 0, C −0.3, D −0.5 points, summed over the year
MEDICAL_BANDS = [
    AnnualBand("A", 5.0),
    AnnualBand("B", 3.0),
    AnnualBand("C", 0.0),
    AnnualBand("D", -6.0),
]
MEDICAL_POINTS = {"A": 0.5, "B": 0.0, "C": -0.3, "D": -0.5}
# code, lowest score (inclusive), highest (exclusive but for A), coefficient,
# pay change, annual points
MEDICAL_GRADES = [
    ("A", 90, 100, 1.0, 3.0, 0.5),
    ("B", 80, 90, 1.0, 0.0, 0.0),
    ("C", 70, 80, 1.0, -5.0, -0.3),
    ("D", 0, 70, 1.0, -12.0, -0.5),
]


def _year(grades):
    """The annual points of a year of monthly grades."""
    return annual_points(MEDICAL_POINTS[grade] for grade in grades)


class TestAnnualArithmetic(TestCase):
    def test_twelve_a_give_six_points_and_a(self):
        points = _year("A" * 12)
        self.assertEqual(points, 6.0)
        self.assertEqual(annual_band_for(points, MEDICAL_BANDS), "A")

    def test_ten_a_two_b_give_five_points_and_a(self):
        points = _year("A" * 10 + "B" * 2)
        self.assertEqual(points, 5.0)
        self.assertEqual(annual_band_for(points, MEDICAL_BANDS), "A")

    def test_half_a_half_d_cancel_out_to_c(self):
        points = _year("AD" * 6)
        self.assertEqual(points, 0.0)
        self.assertEqual(annual_band_for(points, MEDICAL_BANDS), "C")

    def test_negative_points_are_subtracted(self):
        # 8 A = 4, 4 C = −1.2, summed without float noise
        self.assertEqual(_year("A" * 8 + "C" * 4), 2.8)
        self.assertEqual(_year("C" * 12), -3.6)
        self.assertEqual(_year("D" * 6 + "B" * 6), -3.0)
        self.assertEqual(annual_points([0.5, -0.3, -0.5]), -0.3)
        self.assertEqual(annual_points([]), 0.0)

    def test_a_period_without_grade_adds_nothing(self):
        self.assertEqual(annual_points([0.5, None, 0.5]), 1.0)

    def test_each_bound_is_inclusive(self):
        cases = [
            (5.0, "A"),
            (4.99, "B"),
            (3.0, "B"),
            (2.99, "C"),
            (0.0, "C"),
            (-0.01, "D"),
            (-6.0, "D"),
            (7.5, "A"),
        ]
        for points, code in cases:
            with self.subTest(points=points):
                self.assertEqual(annual_band_for(points, MEDICAL_BANDS), code)

    def test_below_every_minimum_is_the_lowest_band(self):
        self.assertEqual(annual_band_for(-6.01, MEDICAL_BANDS), "D")
        self.assertEqual(annual_band_for(-100, MEDICAL_BANDS), "D")

    def test_bands_in_any_order(self):
        shuffled = [MEDICAL_BANDS[2], MEDICAL_BANDS[0], MEDICAL_BANDS[3]]
        shuffled.append(MEDICAL_BANDS[1])
        for points, code in ((5.0, "A"), (3.0, "B"), (0.0, "C"), (-1, "D")):
            with self.subTest(points=points):
                self.assertEqual(annual_band_for(points, shuffled), code)

    def test_float_noise_does_not_miss_a_bound(self):
        # 0.1 + 0.2 is 0.30000000000000004 and ten 0.3 are 2.9999999999999996
        self.assertEqual(annual_band_for(sum([0.3] * 10), [AnnualBand("B", 3)]), "B")
        self.assertEqual(
            annual_band_for(sum([0.3] * 10), [AnnualBand("A", 3), AnnualBand("C", 0)]),
            "A",
        )

    def test_no_band_no_grade(self):
        self.assertIsNone(annual_band_for(6.0, []))

    def test_pay_change(self):
        self.assertEqual(pay_after_change(5000, 3), 5150.0)
        self.assertEqual(pay_after_change(5000, 0), 5000.0)
        self.assertEqual(pay_after_change(5000, -5), 4750.0)
        self.assertEqual(pay_after_change(5000, -12), 4400.0)
        self.assertEqual(pay_after_change(5000, -100), 0.0)
        self.assertEqual(pay_after_change(5000, -150), 0.0)

    def test_salary_steps_stay_in_the_post_range(self):
        # 研发: +2 / +1 / 0 / −1 within the post's grades 3–8
        self.assertEqual(salary_step_within(5, 2, 3, 8), 7)
        self.assertEqual(salary_step_within(5, 1, 3, 8), 6)
        self.assertEqual(salary_step_within(5, 0, 3, 8), 5)
        self.assertEqual(salary_step_within(5, -1, 3, 8), 4)
        self.assertEqual(salary_step_within(7, 2, 3, 8), 8)
        self.assertEqual(salary_step_within(8, 2, 3, 8), 8)
        self.assertEqual(salary_step_within(3, -1, 3, 8), 3)
        self.assertIsInstance(salary_step_within(5, 1, 3, 8), int)


@tagged("post_install", "-at_install")
class TestGradeOutcomes(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.medical = cls.env["hr.work.plan.policy"].create(
            {
                "name": "Operating staff",
                "code": "TEST-MED",
                "period_type": "month",
                "employee_ids": [Command.link(cls.staff.id)],
                "grade_ids": [
                    Command.create(
                        {
                            "code": code,
                            "name": code,
                            "min_score": low,
                            "max_score": high,
                            "max_inclusive": code == "A",
                            "coefficient": coefficient,
                            "pay_change_percent": pay_change,
                            "annual_points": points,
                        }
                    )
                    for code, low, high, coefficient, pay_change, points in (
                        MEDICAL_GRADES
                    )
                ],
            }
        )
        cls.grades = {grade.code: grade for grade in cls.medical.grade_ids}
        cls.grades["D"].write(
            {"training_required": True, "improvement_plan_required": True}
        )

    def _close_month(self, month, score):
        """Generate, assess at ``score`` and close the cycle of ``month`` 2026;
        its one plan, the staff's."""
        cycle = self.env["hr.work.plan.cycle"].create(
            {
                "name": f"2026-{month:02}",
                "policy_id": self.medical.id,
                "date_from": f"2026-{month:02}-01",
            }
        )
        plan = cycle.with_user(self.user_officer).action_generate_plans()
        self.assertEqual(plan.employee_id, self.staff)
        self._self_assessed_past_the_workflow(plan, score)
        plan.sudo().action_assess()
        cycle.with_user(self.user_officer).action_close()
        return plan

    def _summary(self):
        self.env.flush_all()
        return self.env["hr.work.plan.annual.summary"].search(
            [
                ("employee_id", "=", self.staff.id),
                ("policy_id", "=", self.medical.id),
                ("year", "=", 2026),
            ]
        )

    def _use_grade_points(self):
        self.medical.with_user(self.user_admin).write(
            {
                "annual_method": "grade_points",
                "annual_band_ids": [
                    Command.create(
                        {
                            "code": band.key,
                            "name": f"Annual {band.key}",
                            "min_points": band.min_points,
                            "grade_id": self.grades[band.key].id,
                        }
                    )
                    for band in MEDICAL_BANDS
                ],
            }
        )

    @freeze_time("2026-12-20 09:00:00")
    def test_a_closed_plan_shows_what_its_grade_brings(self):
        plan = self._close_month(11, 95)
        self.assertEqual(plan.state, "done")
        self.assertEqual(plan.grade_id, self.grades["A"])
        self.assertEqual(plan.pay_change_percent, 3.0)
        self.assertFalse(plan.training_required)
        self.assertFalse(plan.improvement_plan_required)
        # the owner reads it on the own plan
        own = plan.with_user(self.user_staff)
        self.assertEqual(own.pay_change_percent, 3.0)

    @freeze_time("2026-12-20 09:00:00")
    def test_a_fail_grade_asks_for_training_and_an_improvement_plan(self):
        plan = self._close_month(11, 55)
        self.assertEqual(plan.grade_id, self.grades["D"])
        self.assertEqual(plan.pay_change_percent, -12.0)
        self.assertTrue(plan.training_required)
        self.assertTrue(plan.improvement_plan_required)

    @freeze_time("2027-01-10 09:00:00")
    def test_twelve_a_give_an_annual_a(self):
        self._use_grade_points()
        self.grades["A"].raise_percent = 5
        for month in range(1, 13):
            self._close_month(month, 95)
        summary = self._summary()
        self.assertEqual(summary.raise_percent, 5)
        self.assertEqual(summary.plan_count, 12)
        self.assertEqual(summary.grade_points, 6.0)
        self.assertEqual(summary.annual_band_id.code, "A")
        self.assertEqual(summary.grade_id, self.grades["A"])

    @freeze_time("2027-01-10 09:00:00")
    def test_six_a_and_six_d_give_an_annual_c(self):
        self._use_grade_points()
        for month in range(1, 13):
            self._close_month(month, 95 if month % 2 else 50)
        summary = self._summary()
        self.assertEqual(summary.grades, ", ".join(["A", "D"] * 6))
        self.assertEqual(summary.grade_points, 0.0)
        self.assertEqual(summary.annual_band_id.code, "C")
        self.assertEqual(summary.grade_id, self.grades["C"])
        # averaged instead, (95 + 50) / 2 = 72.5 is a C as well, by score
        self.medical.annual_method = "average"
        summary.invalidate_recordset()
        self.assertEqual(summary.score_average, 72.5)
        self.assertFalse(summary.annual_band_id)
        self.assertEqual(summary.grade_id, self.grades["C"])

    @freeze_time("2027-01-10 09:00:00")
    def test_the_method_decides_the_annual_grade(self):
        # 8 A and 4 D: 4 − 2 = 2 points is a C; the average 80 a B
        self._use_grade_points()
        for month in range(1, 13):
            self._close_month(month, 90 if month <= 8 else 60)
        summary = self._summary()
        self.assertEqual(summary.grade_points, 2.0)
        self.assertEqual(summary.grade_id, self.grades["C"])
        self.medical.annual_method = "average"
        summary.invalidate_recordset()
        self.assertEqual(summary.score_average, 80.0)
        self.assertEqual(summary.grade_id, self.grades["B"])

    def test_the_points_method_needs_annual_grades(self):
        with self.assertRaisesRegex(ValidationError, "give it annual grades"):
            self.medical.with_user(self.user_admin).annual_method = "grade_points"

    def test_an_annual_grade_stands_for_a_grade_of_its_policy(self):
        with self.assertRaisesRegex(ValidationError, "another policy"):
            self.env["hr.work.plan.annual.band"].with_user(self.user_admin).create(
                {
                    "policy_id": self.policy.id,
                    "code": "A",
                    "min_points": 5,
                    "grade_id": self.grades["A"].id,
                }
            )

    def test_outcomes_are_finite_and_in_range(self):
        grade = self.grades["A"].with_user(self.user_admin)
        cases = [
            ("pay_change_percent", (NAN, INF, -101, 100.5)),
            ("raise_percent", (NAN, -INF, -100.01, 101)),
            ("salary_step", (-6, 6, 100)),
            ("annual_points", (NAN, INF, -101, 101)),
        ]
        for fname, values in cases:
            for value in values:
                with (
                    self.subTest(field=fname, value=value),
                    self.assertRaises(ValidationError),
                ):
                    grade.write({fname: value})
        grade.write(
            {
                "pay_change_percent": -100,
                "raise_percent": 100,
                "salary_step": -5,
                "annual_points": -100,
            }
        )
        grade.write({"salary_step": 5, "pay_change_percent": 100})
        self.assertEqual((grade.salary_step, grade.pay_change_percent), (5, 100))

    def test_a_range_error_names_the_field_and_the_bounds(self):
        grade = self.grades["B"].with_user(self.user_admin)
        with self.assertRaisesRegex(
            ValidationError,
            r"Pay Change \(%\) of B B must be between -100 and 100, not 150",
        ):
            grade.pay_change_percent = 150

    def test_users_read_annual_grades_admins_write_them(self):
        self._use_grade_points()
        band = self.medical.annual_band_ids[:1]
        self.assertTrue(band.with_user(self.user_staff).read(["min_points"]))
        with self.assertRaises(AccessError):
            band.with_user(self.user_officer).min_points = 4
        band.with_user(self.user_admin).min_points = 4.5
        self.assertEqual(band.min_points, 4.5)

    def test_a_copied_policy_keeps_its_annual_grades_on_its_own_grades(self):
        self._use_grade_points()
        copy = self.medical.copy({"code": "TEST-MED-2"})
        self.assertEqual(copy.annual_method, "grade_points")
        self.assertEqual(copy.annual_band_ids.mapped("code"), ["A", "B", "C", "D"])
        self.assertEqual(copy.annual_band_ids.grade_id, copy.grade_ids)
        self.assertEqual(
            copy.annual_band_ids.mapped("grade_id.code"), ["A", "B", "C", "D"]
        )
