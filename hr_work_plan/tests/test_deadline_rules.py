# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deadline arithmetic on its own, for every kind of rule."""

from datetime import date, datetime
from unittest import TestCase

from ..tools.deadlines import at_hour, due_date, reference_span, weekdays_only

DEC = (date(2026, 12, 1), date(2026, 12, 31))
# Monday 30 November to Sunday 6 December 2026
WEEK = (date(2026, 11, 30), date(2026, 12, 6))


def due(period, position, day, working_days=False, is_working=weekdays_only):
    return due_date(
        period[2], period[0], period[1], position, day, working_days, is_working
    )


MONTH = (*DEC, "month")
WEEKLY = (*WEEK, "week")


class TestDeadlineRules(TestCase):
    def test_reference_spans(self):
        self.assertEqual(
            reference_span("month", *DEC, "before"),
            (date(2026, 11, 1), date(2026, 11, 30)),
        )
        self.assertEqual(
            reference_span("month", *DEC, "after"),
            (date(2027, 1, 1), date(2027, 1, 31)),
        )
        self.assertEqual(
            reference_span("quarter", date(2027, 1, 1), date(2027, 3, 31), "in"),
            (date(2027, 3, 1), date(2027, 3, 31)),
        )
        self.assertEqual(
            reference_span("week", *WEEK, "before"),
            (date(2026, 11, 23), date(2026, 11, 29)),
        )
        self.assertEqual(
            reference_span("week", *WEEK, "after"),
            (date(2026, 12, 7), date(2026, 12, 13)),
        )
        with self.assertRaises(ValueError):
            reference_span("month", *DEC, "during")

    def test_day_of_month_before_the_period(self):
        # P2: the 28th of the month before; 28 Nov 2026 is a Saturday
        self.assertEqual(due(MONTH, "before", 20), date(2026, 11, 20))
        self.assertEqual(due(MONTH, "before", 28), date(2026, 11, 30))

    def test_day_after_the_period(self):
        # P7: the previous month is scored by the 25th
        self.assertEqual(due(MONTH, "after", 25), date(2027, 1, 25))

    def test_day_beyond_the_month_is_its_last_day(self):
        self.assertEqual(
            due_date(
                "month",
                date(2027, 3, 1),
                date(2027, 3, 31),
                "before",
                30,
                False,
                lambda day: True,
            ),
            date(2027, 2, 28),
        )

    def test_day_counted_from_the_end(self):
        self.assertEqual(
            due(MONTH, "in", -1, is_working=lambda day: True), date(2026, 12, 31)
        )
        self.assertEqual(
            due(MONTH, "in", -2, is_working=lambda day: True), date(2026, 12, 30)
        )

    def test_weekday_of_the_week_before(self):
        # P4: Friday 12:00 before the week
        self.assertEqual(due(WEEKLY, "before", 5), date(2026, 11, 27))

    def test_last_working_day_of_the_week(self):
        # P11: weekly plan by the last working day; Friday 4 December is a holiday
        def is_working(day):
            return weekdays_only(day) and day != date(2026, 12, 4)

        self.assertEqual(due(WEEKLY, "in", -1, True, is_working), date(2026, 12, 3))

    def test_nth_working_day(self):
        # the 3rd working day of January 2027: 1 Jan is a holiday, 2–3 a weekend
        def is_working(day):
            return weekdays_only(day) and day != date(2027, 1, 1)

        self.assertEqual(due(MONTH, "after", 3, True, is_working), date(2027, 1, 6))

    def test_holiday_rolls_forward(self):
        def is_working(day):
            return weekdays_only(day) and day != date(2026, 11, 20)

        self.assertEqual(
            due(MONTH, "before", 20, False, is_working), date(2026, 11, 23)
        )

    def test_day_zero_is_refused(self):
        with self.assertRaises(ValueError):
            due(MONTH, "before", 0)

    def test_hour_in_local_time(self):
        self.assertEqual(
            at_hour(date(2026, 11, 27), 12.0, "Asia/Shanghai"),
            datetime(2026, 11, 27, 4, 0),
        )
        self.assertEqual(
            at_hour(date(2026, 11, 27), 16.5, "UTC"), datetime(2026, 11, 27, 16, 30)
        )
        self.assertEqual(
            at_hour(date(2026, 11, 27), 24.0, "UTC"), datetime(2026, 11, 28, 0, 0)
        )
