"""Calendar arithmetic on TIMEX3 values, shared by the pipeline (is an event dated after publication?)
and incident linking (do two events' dates overlap?), so neither reaches into the other."""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["time_interval", "month_end"]


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))


def time_interval(value: str | None) -> tuple[date, date] | None:
    """The calendar interval a TIMEX3 value covers: ``2014`` → 2014-01-01…2014-12-31; None when not a date."""
    if not value:
        return None
    value = re.sub(r"^(\d{4}(?:-\d{2})?)-W?[X\d]*X[X\d]*(?:-XX)?(?=$|T)", r"\1", value)  # "2016-XX": somewhen in 2016
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4])|-(SP|SU|FA|AU|WI|H1|H2))?(?:$|T)", value)
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            return date(year, month, 1), month_end(year, month)
        if m.group(4):
            start = date.fromisocalendar(year, int(m.group(4)), 1)
            return start, start + timedelta(days=6)
        if m.group(5):
            q = int(m.group(5))
            return date(year, 3 * q - 2, 1), month_end(year, 3 * q)
        if m.group(6):
            season = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 12),
                      "H1": (1, 6), "H2": (7, 12)}[m.group(6)]
            return date(year, season[0], 1), month_end(year, season[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
