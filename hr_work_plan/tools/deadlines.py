# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where a stage's deadline falls, as plain date arithmetic (no ORM).

A deadline rule names a *span* relative to the plan's period (the week or
month before it, its own last week or month, or the one after it) and a
*day* inside that span: a weekday (1 = Monday … 7 = Sunday) for weekly
periods, a day of the month otherwise; a negative day counts from the end
(-1 = the last day). With ``working_days`` the day counts working days only
(-1 = the last working day); without, the calendar day is rolled forward to
the next working day when it falls on a day off.
"""

import calendar
from datetime import date, datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

POSITIONS = ("before", "in", "after")
ROLL_FORWARD_LIMIT = 60


def _month_span(any_day):
    first = any_day.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def reference_span(period_type, date_from, date_to, position):
    """First and last day of the span in which the deadline's day counts."""
    if position not in POSITIONS:
        raise ValueError(f"unknown position {position!r}")
    if period_type == "week":
        monday = {
            "before": date_from - timedelta(days=date_from.weekday() + 7),
            "in": date_to - timedelta(days=date_to.weekday()),
            "after": date_to - timedelta(days=date_to.weekday()) + timedelta(days=7),
        }[position]
        return monday, monday + timedelta(days=6)
    anchor = {
        "before": date_from.replace(day=1) - relativedelta(months=1),
        "in": date_to,
        "after": date_to.replace(day=1) + relativedelta(months=1),
    }[position]
    return _month_span(anchor)


def _nth(days, day):
    """The day-th element of ``days`` (1-based, negative from the end), clamped."""
    if not days:
        return None
    index = day - 1 if day > 0 else day
    index = max(-len(days), min(index, len(days) - 1))
    return days[index]


def due_date(period_type, date_from, date_to, position, day, working_days, is_working):
    """Date a stage is due. ``is_working(date) -> bool`` tells working days."""
    if not day:
        raise ValueError("a deadline day cannot be 0")
    start, end = reference_span(period_type, date_from, date_to, position)
    span = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
    if working_days:
        return _nth([d for d in span if is_working(d)], day) or end
    due = _nth(span, day)
    for _attempt in range(ROLL_FORWARD_LIMIT):
        if is_working(due):
            break
        due += timedelta(days=1)
    return due


def at_hour(day, hour, tz_name):
    """Naive UTC datetime of ``hour`` (e.g. 16.5 = 16:30) local time on ``day``."""
    hours = int(hour)
    minutes = round((hour - hours) * 60)
    if hours >= 24:
        local = datetime.combine(day + timedelta(days=1), time(0, 0))
    else:
        local = datetime.combine(day, time(hours, minutes))
    zone = pytz.timezone(tz_name or "UTC")
    return zone.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def weekdays_only(day: date):
    """Fallback working-day test: Monday to Friday."""
    return day.weekday() < 5
