"""Calendar arithmetic on TIMEX3 values, shared by the pipeline (is an event dated after publication?)
and incident linking (do two events' dates overlap?), so neither reaches into the other."""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["time_interval", "month_end", "describe_timex", "describe_period"]


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


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PARTS = {"Q1": "Q1 {}", "Q2": "Q2 {}", "Q3": "Q3 {}", "Q4": "Q4 {}", "H1": "first half of {}",
          "H2": "second half of {}", "SP": "spring {}", "SU": "summer {}", "FA": "autumn {}", "AU": "autumn {}",
          "WI": "winter {}"}
_DAY_PARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "DE": "decade", "CE": "century", "Q": "quarter",
          "H": "hour", "TM": "minute", "S": "second"}


def _describe_duration(value: str) -> str | None:
    m = re.fullmatch(r"P(T?)(\d+(?:\.\d+)?|X)(DE|CE|[YMWDQHS])", value)
    if not m:
        return None
    clock, amount, unit = m.groups()
    if clock and unit == "M":
        unit = "TM"
    elif clock != ("T" if unit in ("H", "S") else ""):
        return None
    name = _UNITS[unit]
    plural = "centuries" if name == "century" else name + "s"
    if amount == "X":
        return plural
    return f"{amount} {name if amount == '1' else plural}"


def describe_timex(value: str | None) -> str:
    """A TIMEX3 value as a reader writes it: the unknown (X) parts dropped, weeks, quarters, seasons, decades
    and durations in words ("2016-XX" → "2016", "2016-W30" → "week 30 of 2016", "199" → "1990s",
    "P2Y" → "2 years"); a full date stays ISO, and a value it cannot read is given as it is.  For pages and
    text reports only: JSON and CSV keep the value itself (the contract)."""
    if not value:
        return ""
    if value in _REFS:
        return _REFS[value]
    if value.startswith("P"):
        return _describe_duration(value) or value
    date_part, _, time_part = value.partition("T")
    fields = date_part.split("-")
    year = fields[0]
    if re.fullmatch(r"\d{4}", year):
        shown = year
    elif re.fullmatch(r"\d{3}X?|\d{2}XX", year):  # a decade (199, 199X) or a century (19, 19XX)
        return year.rstrip("X").ljust(4, "0") + "s"
    elif re.fullmatch(r"\d{2}", year):
        return year + "00s"
    elif year == "XXXX":
        shown = ""
    else:
        return value
    rest = fields[1:]
    if not rest or rest[0].strip("X") == "":
        return shown or "an unknown date"  # "2016-XX", "2016-XX-XX": somewhen in 2016
    head = rest[0]
    if re.fullmatch(r"\d{2}", head) and 1 <= int(head) <= 12:
        day = rest[1] if len(rest) > 1 else ""
        if not shown:  # "XXXX-07-21": a day of a year the text does not give
            words = _MONTHS[int(head) - 1] + (f" {int(day)}" if re.fullmatch(r"\d{2}", day) else "")
            return f"{words} (year unknown)"
        shown += "-" + head
        if re.fullmatch(r"\d{2}", day):
            shown += "-" + day
            clock = re.fullmatch(r"(\d{2}:\d{2})(?::\d{2})?|(MO|MI|AF|EV|NI|DT)", time_part)
            if clock:
                shown += " " + (clock.group(1) or _DAY_PARTS[clock.group(2)])
        return shown
    week = re.fullmatch(r"W(\d{2}|XX)", head)
    if week:
        weekday = rest[1] if len(rest) > 1 else ""
        if re.fullmatch(r"[1-7]", weekday):  # "XXXX-WXX-2": every Tuesday
            return _WEEKDAYS[int(weekday) - 1] + ("" if week.group(1) == "XX" or not shown
                                                  else f" of week {int(week.group(1))} of {shown}")
        if week.group(1) == "XX" or not shown:
            return shown or value
        prefix = "the weekend of " if weekday == "WE" else ""
        return f"{prefix}week {int(week.group(1))} of {shown}"
    if head in _PARTS and shown:
        return _PARTS[head].format(shown)
    return value


def describe_period(start: str | None, end: str | None) -> str:
    """Two TIMEX3 bounds as one readable span: two days that make a whole year or month once ("2014-01-01",
    "2014-12-31" → "2014"), else "start – end" with "?" for a missing bound."""
    days = r"\d{4}-\d{2}-\d{2}"
    if start and end and re.fullmatch(days, start) and re.fullmatch(days, end):
        interval = time_interval(start), time_interval(end)
        if interval[0] and interval[1]:
            first, last = interval[0][0], interval[1][1]
            if first == date(first.year, 1, 1) and last == date(first.year, 12, 31):
                return str(first.year)
            if first.day == 1 and last == month_end(first.year, first.month):
                return f"{first.year}-{first.month:02d}"
    if start and describe_timex(start) == describe_timex(end):
        return describe_timex(start)
    if not start and not end:
        return ""
    return f"{describe_timex(start) or '?'} – {describe_timex(end) or '?'}"
