"""The time-expression grammar: regular-expression rules and their TIMEX3 values.

Each :class:`Rule` is a regular expression whose group ``x`` (or the whole match)
is the TimeML extent — leading prepositions such as "in", "on", "since" sit
outside it — and a handler that turns the match into ``(type, value)`` given a
:class:`Ctx` (the anchor date, the tense of the governing verb and the
discourse reference time).  The same rules serve detection (``finditer`` over
the article) and normalisation (``fullmatch`` over a candidate string).

Value conventions (TIMEX3):

* dates ``2016``, ``2016-07``, ``2016-07-21``, weeks ``2016-W30``, weekend
  ``2016-W30-WE``, quarters ``2016-Q3``, halves ``2016-H1``, seasons ``2016-SU``
  (SP/SU/FA/WI), decades ``199``, centuries ``19``;
* times ``2016-07-21T15:00``, parts of day ``2016-07-21TMO`` (MO/AF/EV/NI);
* durations ``P2Y``, ``P3M``, ``P2W``, ``P10D``, ``PT5H``, ``PT30M``, ``P2DE``
  (decades), ``P1CE`` (centuries), ``P2Q`` (quarters), ``PXY`` when the amount is
  vague ("several years", "years");
* ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF`` for "now", "recently", "soon";
* sets ``P1D`` ("daily"), ``P1W``, ``XXXX-WXX-2`` ("every Tuesday").

Anchoring: relative expressions are resolved against the anchor.  When the
anchor is coarser than the expression needs, the known prefix is kept and the
unknown fields become X placeholders: with anchor ``2016``, "last month" is
``2016-XX``, "yesterday" ``2016-XX-XX``, "last week" ``2016-WXX``, "two years
ago" ``2014``.  (A year-only anchor cannot tell whether "last month" crossed a
year boundary; the anchor's year is kept.)  With no anchor, relative
expressions get ``None``; absolute ones (``March 2014``) keep their value and a
missing year is ``XXXX``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

# --------------------------------------------------------------------------- anchor


@dataclass(frozen=True)
class Anchor:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None

    @property
    def iso(self) -> str | None:
        if self.year is None:
            return None
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out


_ANCHOR_RE = re.compile(r"^\s*(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?")


def parse_anchor(anchor: str | None) -> Anchor | None:
    """``2016-07-21`` / ``2016-07`` / ``2016`` / ``20160721`` / ``2016-07-21T13:37`` → :class:`Anchor`."""
    if not anchor:
        return None
    m = _ANCHOR_RE.match(anchor)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        mo = d = None
    if d is not None and mo is not None:
        try:
            dt.date(y, mo, d)
        except ValueError:
            d = None
    return Anchor(y, mo, d)


@dataclass
class Ctx:
    anchor: Anchor | None
    tense: str | None = None  # "past" | "present" | "future" | None
    ref: str | None = None  # the latest absolute date mentioned before (discourse reference time)
    ref_quarter: str | None = None  # the latest quarter/period mentioned nearby
    extra: dict = field(default_factory=dict)


Result = tuple[str, str | None]  # (type, value)

# --------------------------------------------------------------------------- value helpers


def _d(date: dt.date) -> str:
    return date.isoformat()


def _week(date: dt.date) -> str:
    y, w, _ = date.isocalendar()
    return f"{y:04d}-W{w:02d}"


def shift(anchor: Anchor | None, unit: str, n: int) -> str | None:
    """The anchor moved by ``n`` units, formatted at that unit's granularity."""
    if anchor is None or anchor.year is None:
        return None
    y, m = anchor.year, anchor.month
    date = anchor.date
    if unit == "year":
        return f"{y + n:04d}"
    if unit == "decade":
        return f"{y // 10 + n:03d}"
    if unit == "century":
        return f"{y // 100 + n:02d}"
    if unit == "month":
        if m is None:
            return f"{y:04d}-XX"
        k = y * 12 + (m - 1) + n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if unit == "quarter":
        if m is None:
            return f"{y:04d}-QX"
        k = y * 4 + (m - 1) // 3 + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if unit == "weekend" and n == 0 and date is not None:
        return _week(date) + "-WE"
    if unit in ("week", "weekend"):
        if date is None:
            return f"{y:04d}-WXX" + ("-WE" if unit == "weekend" else "")
        return _week(date + dt.timedelta(weeks=n)) + ("-WE" if unit == "weekend" else "")
    if unit in ("day", "night"):
        if date is None:
            return f"{y:04d}-{m:02d}-XX" if m else f"{y:04d}-XX-XX"
        return _d(date + dt.timedelta(days=n))
    return None


def shift_value(value: str | None, years: int) -> str | None:
    """Move a TIMEX3 date value by whole years ("2016-Q3" → "2015-Q3")."""
    if not value or not re.match(r"^\d{4}", value):
        return None
    y = int(value[:4]) + years
    rest = value[4:]
    if re.match(r"^-\d{2}-\d{2}$", rest):
        try:
            dt.date(y, int(rest[1:3]), int(rest[4:6]))
        except ValueError:
            rest = rest[:3] + "-28"
    return f"{y:04d}{rest}"


def _granularity_unit(value: str | None) -> str | None:
    if not value:
        return None
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    return None


# --------------------------------------------------------------------------- lexicon

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "last": -1, "final": -1,
}
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_VAGUE = {"a few", "few", "several", "some", "many", "a number of", "numerous", "a couple of", "couple of", "dozens of",
          "hundreds of", "countless", "a handful of", "multiple"}

# Month names must be capitalised ("may", "march" are common words).
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]
MONTH_FULL = {w.lower() for w in _MONTH_NAMES}
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]


def _cased(words: list[str]) -> str:
    return "|".join(sorted({w for word in words for w in (word, word.upper())}, key=len, reverse=True))


MONTH = rf"(?-i:(?:{_cased(_MONTH_NAMES)})\b|(?:{_cased(_MONTH_ABBR)})(?:\.|\b))"
_WD_FULL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WD_ABBR = ["Mon", "Tues", "Tue", "Wed", "Thurs", "Thu", "Fri", "Sat", "Sun"]
WEEKDAY = rf"(?-i:(?:{_cased(_WD_FULL)})\b|(?:{_cased(_WD_ABBR)})\.)"
WEEKDAYS_PL = rf"(?-i:(?:{_cased(_WD_FULL)})s\b)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
YEAR_APOS = r"(?:['’]\d\d)"
SEASON = r"(?:spring|summer|autumn|fall|winter)"
_NUMW = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
         r"seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
         r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
NUM = (rf"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+hundred|\d+(?:\.\d+)?(?:\s+1/2)?|"
       rf"{_NUMW}(?:\s+and\s+a\s+half)?|a\s+dozen|a|an|one)")
VAGUE = r"(?:a\s+few|few|several|some|many|a\s+number\s+of|numerous|a\s+couple\s+of|couple\s+of|dozens\s+of|" \
        r"hundreds\s+of|a\s+handful\s+of)"
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies))"
UNIT_SG = r"(?:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century)"
MOD = (r"(?:(?:about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|fewer\s+than|"
       r"at\s+least|at\s+most|up\s+to|some|only|just|barely|well\s+over|close\s+to|upwards\s+of)\s+)")
ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"


def number(text: str) -> float | None:
    """"two" → 2, "twenty-four" → 24, "2 1/2" → 2.5, "a" → 1; vague amounts → None."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("a", "an", "one"):
        return 1.0
    if t in ("a dozen", "dozen"):
        return 12.0
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.endswith(" 1/2"):
        t, half = t[:-4], 0.5
    m = re.fullmatch(r"(.+?) hundred", t)
    if m:
        base = 1.0 if m.group(1) in ("a", "one") else number(m.group(1))
        return base * 100 + half if base is not None else None
    try:
        return float(t.replace(",", "")) + half
    except ValueError:
        pass
    if t in _SMALL:
        return _SMALL[t] + half
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](\w+))?", t)
    if m:
        n = _TENS[m.group(1)] + (_SMALL.get(m.group(2), 0) if m.group(2) else 0)
        return n + half
    return None


_UNIT_CODE = {"year": "Y", "month": "M", "week": "W", "day": "D", "night": "D", "weekend": "WE", "hour": "H",
              "minute": "M", "second": "S", "decade": "DE", "century": "CE", "quarter": "Q"}


def unit_of(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") else w


def duration(n: float | None, unit: str) -> str:
    """``P2Y``, ``PT5H``, ``PXD`` … (fractions move to the next unit down when they can)."""
    code = _UNIT_CODE[unit]
    t = "T" if unit in ("hour", "minute", "second") else ""
    if n is None:
        return f"P{t}X{code}"
    if unit == "decade":
        return f"P{n * 10:g}Y"
    if n != int(n):
        whole, frac = int(n), n - int(n)
        sub = {"year": (12, "M"), "month": (30, "D"), "week": (7, "D"), "day": (24, "H"), "hour": (60, "M"),
               "minute": (60, "S")}.get(unit)
        if sub and float(frac * sub[0]).is_integer():
            part = f"{int(frac * sub[0])}{sub[1]}"
            head = f"{whole}{code}" if whole else ""
            if t:
                return f"PT{head}{part}"
            if unit == "day":
                return f"P{head}T{part}"
            return f"P{head}{part}"
        return f"P{t}{n:g}{code}"
    return f"P{t}{int(n)}{code}"


# --------------------------------------------------------------------------- resolution helpers


def _month_year(anchor: Anchor | None, month: int, tense: str | None, rel: str | None = None) -> int | None:
    """The year of a bare month name, given the anchor and the tense ("in March")."""
    if anchor is None or anchor.year is None:
        return None
    y = anchor.year
    if anchor.month is None:
        return y
    am = anchor.month
    if rel == "last":
        return y if month < am else y - 1
    if rel == "next":
        return y if month > am else y + 1
    if rel == "this":
        return y
    if tense == "past" and month > am + 1:
        return y - 1
    if tense == "future" and month < am - 1:
        return y + 1
    if tense in (None, "past-modal") and abs(month - am) > 6:
        # no tense, or reported future ("said it would cut jobs by March"): the nearest such month
        return y - 1 if month > am else y + 1
    return y


def _day_year(anchor: Anchor | None, month: int, day: int, tense: str | None) -> int | None:
    """The year of "March 3" without a year: the anchor's, moved when the tense says so."""
    if anchor is None or anchor.year is None:
        return None
    y = anchor.year
    if anchor.month is None:
        return y
    ad = anchor.date or dt.date(y, anchor.month, 15)
    try:
        cand = dt.date(y, month, min(day, 28) if month == 2 and day > 28 else day)
    except ValueError:
        return y
    diff = (cand - ad).days
    if tense == "past" and diff > 60:
        return y - 1
    if tense == "future" and diff < -60:
        return y + 1
    if tense not in ("past", "future") and abs(diff) > 183:
        return y - 1 if diff > 0 else y + 1
    return y


def _weekday(anchor: Anchor | None, wd: int, tense: str | None, rel: str | None = None) -> str | None:
    if anchor is None or anchor.year is None:
        return None
    date = anchor.date
    if date is None:
        return shift(anchor, "day", 0)
    delta = wd - date.weekday()
    if rel == "last":
        back = (date.weekday() - wd) % 7 or 7
        return _d(date - dt.timedelta(days=back))
    if rel == "next":
        fwd = (wd - date.weekday()) % 7 or 7
        return _d(date + dt.timedelta(days=fwd))
    if rel == "this":
        return _d(date + dt.timedelta(days=delta))
    if tense == "future":
        # "will meet on Friday", "the vote is on Friday": the next occurrence (today included)
        return _d(date + dt.timedelta(days=(wd - date.weekday()) % 7))
    # past, or no verb to tell ("Friday's close"): news mostly reports what happened
    return _d(date - dt.timedelta(days=(date.weekday() - wd) % 7))


def _weekend(anchor: Anchor | None, n: int, tense: str | None) -> str | None:
    """ "this weekend"/"the weekend" (n=0) by tense; "last"/"next weekend" (n=-1/+1)."""
    if anchor is None or anchor.date is None:
        return shift(anchor, "weekend", n)
    date = anchor.date
    wd = date.weekday()
    if n == 0:
        if wd >= 5:
            return _week(date) + "-WE"
        if tense == "past" or (tense is None and wd <= 1):
            return _week(date - dt.timedelta(days=wd + 1)) + "-WE"
        return _week(date) + "-WE"
    if n < 0:
        return _week(date - dt.timedelta(days=wd + 1 if wd < 5 else 7)) + "-WE"
    return _week(date if wd < 5 else date + dt.timedelta(days=7)) + "-WE"


def _recent_day(ctx: Ctx) -> str | None:
    """The day in focus: the latest day mentioned in this or the previous sentence (the anchor day
    counts), or None.  A clock time or "later in the day" without a day of its own is on that day
    ("Slepian was killed Oct. 23. He was shot at 10 p.m." → ``…-10-23T22:00``)."""
    day = ctx.extra.get("ref_day")
    return day if _granularity_unit(day) == "day" else None


def _clock_day(ctx: Ctx) -> str | None:
    """The day of a clock time that names none: the day in focus, else the day an earlier sentence gave
    the same event ("Slepian was shot to death last Oct. 23. … Slepian was shot to death at 10 p.m." →
    Oct. 23), else the anchor day."""
    return _recent_day(ctx) or ctx.extra.get("event_day") or (shift(ctx.anchor, "day", 0) if ctx.anchor else None)


def _fmt_date(y: int | None, m: int | None = None, d: int | None = None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    if m is None:
        return ys
    if d is None:
        return f"{ys}-{m:02d}"
    return f"{ys}-{m:02d}-{d:02d}"


def _day_number(text: str) -> int:
    """The number of a day-of-month match ("21st" → 21); the grammar's DAYNUM always starts with digits."""
    digits = re.match(r"\d+", text)
    assert digits is not None, text
    return int(digits.group())


def _valid_day(y: int | None, m: int, d: int) -> bool:
    try:
        dt.date(y or 2000, m, d)
        return True
    except ValueError:
        return False


def _year2(text: str) -> int:
    n = int(text.strip("'’"))
    return 1900 + n if n >= 30 else 2000 + n


def _rel_word(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w in ("last", "past", "previous", "preceding"):
        return "last"
    if w in ("next", "coming", "following", "upcoming"):
        return "next"
    if w in ("this", "current", "the current", "present"):
        return "this"
    return None


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern
    handler: Callable[[re.Match, Ctx], Result | None]
    priority: int = 0
    trigger: re.Pattern | None = None  # every match contains a match of this (cheap) pattern


RULES: list[Rule] = []


def rule(name: str, pattern: str, priority: int = 0, flags: int = re.I):
    def deco(fn):
        RULES.append(Rule(name, re.compile(pattern, flags), fn, priority))
        return fn

    return deco


def _g(m: re.Match, name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


# ---- explicit calendar dates

_B = r"(?<![\w/.-])"  # not inside a word or a number
_E = r"(?![\w/-]|\.\d)"


@rule("iso", rf"{_B}(?P<x>(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?){_E}")
def _iso(m, ctx):
    y, mo = int(m["y"]), int(m["m"])
    d = int(m["d"]) if m["d"] else None
    if d and not _valid_day(y, mo, d):
        return None
    return "DATE", _fmt_date(y, mo, d)


@rule("numeric", rf"{_B}(?P<x>(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<y>{YEAR}|\d\d)){_E}")
def _numeric(m, ctx):
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"]) if len(m["y"]) == 4 else _year2(m["y"])
    # month first (US) unless that is impossible
    if 1 <= a <= 12 and _valid_day(y, a, b):
        return "DATE", _fmt_date(y, a, b)
    if 1 <= b <= 12 and _valid_day(y, b, a):
        return "DATE", _fmt_date(y, b, a)
    return None


_TIMEPART = r"(?:(?:,\s*|\s+at\s+)?(?P<t>\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?|[ap]m\b)))?"


@rule("month_day_year",
      rf"(?P<x>(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})\b(?:,?\s+(?P<y>{YEAR}|{YEAR_APOS})\b)?)",
      priority=2)
def _mdy(m, ctx):
    mon = MONTHS[m["mon"].lower().rstrip(".")]
    d = _day_number(m["d"])
    y: int | None
    if m["y"]:
        y = int(m["y"]) if m["y"][0].isdigit() else _year2(m["y"])
    else:
        y = _day_year(ctx.anchor, mon, d, ctx.tense)
        if y is not None and _ENDED_BEFORE.search(m.string, max(0, m.start("x") - 12), m.start("x")) and \
                ctx.anchor is not None and ctx.anchor.date is not None and _valid_day(y, mon, d) and \
                dt.date(y, mon, d) > ctx.anchor.date:
            y -= 1  # "the quarter ended Oct. 31" in a report of Oct. 27: a period over by then ended a year before
    if not _valid_day(y, mon, d):
        return None
    return "DATE", _fmt_date(y, mon, d)


_ENDED_BEFORE = re.compile(r"\bended\s+$", re.I)


@rule("day_month_year",
      rf"(?P<x>(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})\b)?)",
      priority=2)
def _dmy(m, ctx):
    return _mdy(m, ctx)


@rule("part_of_date", rf"(?P<x>the\s+(?P<p>week|weekend)\s+of\s+(?:(?P<wd>{WEEKDAY}),?\s+)?"
                      rf"(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})\b(?:,?\s+(?P<y>{YEAR}|{YEAR_APOS})\b)?)", priority=2)
def _part_of_date(m, ctx):
    """ "the week of Dec. 13" → that date's ISO week ("the night of Friday, Oct. 23" is left to the
    date alone, as AQUAINT annotates it)."""
    r = _mdy(m, ctx)
    if r is None:
        return None
    day = r[1]
    p = m["p"].lower()
    if day.startswith("X"):
        return "DATE", "XXXX-WXX" + ("-WE" if p == "weekend" else "")
    date = dt.date.fromisoformat(day)
    return "DATE", _week(date) + ("-WE" if p == "weekend" else "")


@rule("second_day", rf"(?P<mon>{MONTH})\s+(?P<d1>{DAYNUM})\s*(?:and|or|-|–|to|through)\s*(?P<x>(?P<d>{DAYNUM}))\b"
                   rf"(?!\s*(?:%|percent|per\s+cent|[a-z]))(?:,?\s+(?P<y>{YEAR})\b)?")
def _second_day(m, ctx):
    """ "April 24 and 25": the second day of a pair shares the first's month (and year)."""
    d1, d = _day_number(m["d1"]), _day_number(m["d"])
    if d <= d1:
        return None
    return _mdy(m, ctx)


@rule("month_year", rf"(?P<x>(?:(?P<mod>early|late|mid|the\s+(?:beginning|start|end|middle)\s+of)[\s-]+)?"
                    rf"(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR}|{YEAR_APOS})\b)", priority=1)
def _my(m, ctx):
    mon = MONTHS[m["mon"].lower().rstrip(".")]
    y = int(m["y"]) if m["y"][0].isdigit() else _year2(m["y"])
    return "DATE", _fmt_date(y, mon)


_MONTH_CTX = (r"(?:in|on|since|until|till|by|through|from|of|during|before|after|between|and|to|for|"
              r"early|late|mid|last|next|this|that|each|every|until|or|around|about|the\s+end\s+of|"
              r"the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)")


_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our|this|last|next)\s+$", re.I)
_NOT_A_MONTH_NOUN = re.compile(r"\s+(?:of|on|for|to|against|through|across|in|and|or|government|administration|"
                               r"cabinet|ministry|family|campaign|team)\b")


def _month_modifier(m: re.Match) -> bool:
    """ "the March accession": a capitalised month name between a determiner and a lower-case noun
    is the month (a surname or "the March on Washington" is followed by a name or a preposition)."""
    before = m.string[max(0, m.start("x") - 8):m.start("x")]
    after = m.string[m.end("x"):m.end("x") + 20]
    return bool(_DETERMINER_BEFORE.search(before) and re.match(r"\s+[a-z]", after)
                and not _NOT_A_MONTH_NOUN.match(after))


@rule("month", rf"(?P<pre>\b(?:in|on|by|of|to|or|and|for|from|since|until|till|during|before|after|between|through|around)\s+)?"
               rf"(?P<x>(?:(?P<rel>last|next|this|that|early|late|mid|the\s+(?:beginning|start|end|middle)\s+of)[\s-]+)?"
               rf"(?P<mon>{MONTH}))(?!\.?\s*\d)(?!\s+(?:of\s+)?(?:{YEAR}))")
def _month(m, ctx):
    word = m["mon"]
    if not word.endswith(".") and word.lower() not in MONTH_FULL and re.match(r"\s+[A-Z][a-z]", m.string[m.end():m.end() + 3]):
        return None  # "Jan Kavan": an undotted abbreviation before a capitalised word is a first name
    if (word.lower().rstrip(".") in ("may", "march") or word.lower() not in MONTH_FULL) and not m["rel"]:
        # "May"/"March" alone only after a preposition (the lookbehind saw one), or as the modifier
        # between a determiner and a noun ("the March accession", "its May meeting"); so does an
        # abbreviation, which news writes only beside a day or a year ("Johnathan Dean Mar, 18" is a surname)
        if not m["pre"] and not _month_modifier(m):
            return None
    mon = MONTHS[word.lower().rstrip(".")]
    rel = (m["rel"] or "").lower()
    relw = rel if rel in ("last", "next", "this") else None
    y = _month_year(ctx.anchor, mon, ctx.tense, relw)
    if y is None and ctx.anchor is None:
        return "DATE", f"XXXX-{mon:02d}"
    return "DATE", _fmt_date(y, mon)


# ---- years, decades, centuries


@rule("year", rf"(?<![$£€#\d,.\w-])(?P<x>(?:(?:the\s+)?(?:(?P<mod>early|late|mid|the\s+(?:beginning|start|end|middle|first\s+half|second\s+half)\s+of|"
              rf"(?:the\s+)?(?:fiscal|calendar|financial|model|school|academic)(?:\s+year)?|the\s+year)[\s-]+))?"
              rf"(?P<y>{YEAR}))(?![\d%$]|[.,]\d|-\d|\s*(?:percent|per\s+cent|people|persons|men|women|soldiers|troops|"
              rf"dollars|points|feet|metres|meters|miles|km|kilometers|tons|units|members|students|votes|deaths|cases)\b)")
def _year(m, ctx):
    y = int(m["y"])
    mod = (m["mod"] or "").lower()
    if "first half" in mod:
        return "DATE", f"{y}-H1"
    if "second half" in mod:
        return "DATE", f"{y}-H2"
    return "DATE", f"{y:04d}"


@rule("year_pair", rf"(?<![\d$])(?P<x>(?P<y>{YEAR})\s*[-–/]\s*(?P<y2>\d\d|{YEAR}))(?![\d%])")
def _year_pair(m, ctx):
    y = int(m["y"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y // 100) * 100 + int(m["y2"])
    if not y < y2 <= y + 10:
        return None
    return "DURATION", f"P{y2 - y}Y"


@rule("decade", rf"(?P<x>(?:the\s+)?(?:(?:early|late|mid|the\s+(?:early|late|mid))[\s-]+)?"
                rf"(?:(?P<c>1[5-9]|20)(?P<dd>\d)0['’]?s|['’](?P<d2>\d)0s|"
                rf"(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)")
def _decade(m, ctx):
    if m["c"]:
        return "DATE", f"{m['c']}{m['dd']}"
    digit = m["d2"] if m["d2"] else str({"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                                          "seventies": 7, "eighties": 8, "nineties": 9}[m["dw"].lower()])
    if m["dw"] and not m.group("x").lower().startswith("the"):
        return None  # "in his fifties" is an age; "the nineties" a decade
    cent = 19
    if ctx.anchor and ctx.anchor.year:
        cent = ctx.anchor.year // 100 if int(digit) * 10 <= ctx.anchor.year % 100 else ctx.anchor.year // 100 - 1
    return "DATE", f"{cent}{digit}"


@rule("century", r"(?P<x>(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century)\b")
def _century(m, ctx):
    return "DATE", f"{int(m['n']) - 1:02d}"


@rule("century_rel", r"(?P<x>(?:the\s+|this\s+|last\s+|next\s+)(?P<rel>last|next|this|past|current|previous)?\s*century)\b")
def _century_rel(m, ctx):
    x = m["x"].lower()
    n = -1 if re.search(r"\b(last|past|previous)\b", x) else 1 if "next" in x else 0
    if not re.search(r"\b(this|last|past|previous|next|current)\b", x):
        return None
    return "DATE", shift(ctx.anchor, "century", n)


# ---- quarters and halves

_QWORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@rule("quarter", rf"(?P<x>(?:the\s+)?(?:(?P<y0>{YEAR})\s+|(?P<rel>this|last|next|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s)\s+)?"
                 rf"(?:(?:fiscal|calendar|financial)\s+)?(?P<q>{ORD})[\s-]+(?:fiscal[\s-]+)?quarter"
                 rf"(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<y1>{YEAR})|(?P<rel2>this|last|next)\s+year|the\s+(?P<rel3>current|previous|next)\s+year))?)\b",
      priority=1)
def _quarter(m, ctx):
    q = _QWORD[m["q"].lower()]
    y = m["y0"] or m["y1"]
    if y:
        return "DATE", f"{int(y):04d}-Q{q}"
    rel = " ".join(filter(None, [m["rel"], m["rel2"], m["rel3"]])).lower()
    a = ctx.anchor
    if a is None or a.year is None:
        return "DATE", None
    if "last" in rel or "previous" in rel:
        return "DATE", f"{a.year - 1:04d}-Q{q}"
    if "next" in rel:
        return "DATE", f"{a.year + 1:04d}-Q{q}"
    y = a.year
    if not rel and a.month is not None:
        aq = (a.month - 1) // 3 + 1
        if q > aq and ctx.tense != "future":
            y -= 1
    end = _ended_day(m, ctx) if not rel else None
    if end is not None and end.year < y:
        y = end.year  # "the second quarter ended Oct. 31" (Oct. 31 a year back): no quarter ends before its year
    return "DATE", f"{y:04d}-Q{q}"


_QUARTER_ENDED = re.compile(rf"\s+(?:that\s+|which\s+)?ended\s+(?P<x>(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})\b(?:,?\s+(?P<y>{YEAR})\b)?)")


def _ended_day(m: re.Match | _FakeMatch, ctx: Ctx) -> dt.date | None:
    """The day a period "ended" as the words after it tell ("the second quarter ended Oct. 31"), or None."""
    if not isinstance(m, re.Match):
        return None
    after = _QUARTER_ENDED.match(m.string, m.end("x"))
    if after is None:
        return None
    r = _mdy(after, replace(ctx, tense="past"))
    if r is None or r[1] is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[1]):
        return None
    return dt.date.fromisoformat(r[1])


@rule("q_abbr", rf"(?<!\w)(?P<x>(?:the\s+)?Q(?P<q>[1-4])(?:\s+(?P<y>{YEAR}))?)\b", flags=0)
def _q_abbr(m, ctx):
    if m["y"]:
        return "DATE", f"{m['y']}-Q{m['q']}"
    return _quarter(_FakeMatch({"q": {"1": "first", "2": "second", "3": "third", "4": "fourth"}[m["q"]]}), ctx)


class _FakeMatch(dict):
    def __getitem__(self, k):
        return self.get(k)


@rule("half", rf"(?P<x>(?:the\s+)?(?:(?P<y0>{YEAR})\s+)?(?P<h>first|second|1st|2nd|latter|last)[\s-]+half"
              rf"(?:\s+of\s+(?:(?P<y1>{YEAR})|(?P<rel>this|last|next)\s+year|the\s+year))?)\b")
def _half(m, ctx):
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    y = m["y0"] or m["y1"]
    if y:
        return "DATE", f"{int(y):04d}-H{h}"
    if m["h"].lower() in ("last", "latter") and not re.search(r"\bof\b", m["x"]):
        return None  # "the last half" alone: too often the last half of something else
    if not re.search(r"\bof\b", m["x"]) and re.match(r"\s+of\s+(?!(?:the\s+)?(?:fiscal|calendar|financial|current)\b|\d)",
                                                     m.string[m.end():m.end() + 30], re.I):
        return None  # "the second half of the two-week statement period", "of the game": not a half-year
    a = ctx.anchor
    if a is None or a.year is None:
        return "DATE", None
    rel = (m["rel"] or "").lower()
    yy = a.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
    if not rel and not m["y1"] and not re.search(r"\bof\b", m["x"]):
        # bare "the first half" needs some period context: only with a year-level meaning
        if a.month is not None and h == 2 and a.month <= 6 and ctx.tense == "past":
            yy -= 1
    return "DATE", f"{yy:04d}-H{h}"


@rule("period_of_year", rf"(?P<x>the\s+(?P<ord>first|last|past|latest)\s+(?P<n>{NUM}|{_NUMW})\s+(?P<u>months|weeks|quarters|days))\b", priority=1)
def _period(m, ctx):
    n = number(m["n"])
    return "DURATION", duration(n, unit_of(m["u"]))


# ---- seasons


@rule("season", rf"(?P<x>(?:(?P<rel>this|last|next|this\s+past|this\s+coming|the|early|late|mid|the\s+early|the\s+late)[\s-]+)?"
                rf"(?-i:(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|SPRING|SUMMER|AUTUMN|FALL|WINTER))\b"
                rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})\b)?)")
def _season(m, ctx):
    code = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        return "DATE", f"{m['y']}-{code}"
    if not rel:
        return None  # bare "fall"/"spring" is too often a verb or a noun
    a = ctx.anchor
    if a is None or a.year is None:
        return "DATE", None
    y = a.year
    if a.month is not None:
        sm = SEASON_MONTH[code]
        am = a.month
        cur = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(am, "FA")
        if "last" in rel or "past" in rel:
            y = y if (sm < am and cur != code) else y - 1
            if code == "WI" and am <= 3:
                y = a.year - 1 if cur == "WI" else a.year
        elif "next" in rel or "coming" in rel:
            y = y if sm > am and cur != code else y + 1
        elif rel == "the" or rel in ("early", "late", "mid", "the early", "the late"):
            if ctx.tense == "past" and sm > am + 1:
                y -= 1
            elif ctx.tense == "future" and sm < am - 1:
                y += 1
    return "DATE", f"{y:04d}-{code}"


# ---- holidays (a few fixed-date and rule-based ones)

_HOLIDAYS = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25), "new year's day": (1, 1),
    "new year's eve": (12, 31), "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "boxing day": (12, 26), "bastille day": (7, 14), "st. patrick's day": (3, 17), "may day": (5, 1),
}


def _thanksgiving(y: int) -> dt.date:
    d = dt.date(y, 11, 1)
    return d + dt.timedelta(days=(3 - d.weekday()) % 7 + 21)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    """The ``n``-th weekday ``wd`` (0 = Monday) of a month; ``n`` = -1 for the last one."""
    if n > 0:
        d = dt.date(y, month, 1)
        return d + dt.timedelta(days=(wd - d.weekday()) % 7 + 7 * (n - 1))
    d = dt.date(y + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - wd) % 7)


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


# holidays whose date moves from year to year
_MOVABLE = {
    "thanksgiving": _thanksgiving,
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),  # the Tuesday after the first Monday
    "easter": _easter, "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
}


@rule("holiday", rf"(?P<x>(?:(?P<rel>last|next|this)\s+)?(?-i:(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))|"
                 rf"Independence\s+Day|Halloween|Valentine['’]s\s+Day|Boxing\s+Day|Bastille\s+Day|St\.\s+Patrick['’]s\s+Day|"
                 rf"Thanksgiving(?:\s+Day)?|Election\s+Day|Easter(?:\s+(?:Sunday|Monday)|(?!\s+(?:[A-Z]|week|weekend|eggs?|bunny|holidays?|services?|message|vigil|mass|break|recess)))|Good\s+Friday|Memorial\s+Day|"
                 rf"Labou?r\s+Day)\b)(?:,?\s+(?P<y>{YEAR}))?)(?!\s+(?:tree|party|card|gift|present|shopping|sales?|season|holidays?)s?\b)")
def _holiday(m, ctx):
    name = re.sub(r"\s+", " ", m["h"]).lower().replace("’", "'")
    a = ctx.anchor
    rel = (m["rel"] or "").lower()
    if m["y"]:
        y = int(m["y"])
    elif a is None or a.year is None:
        y = None
    else:
        y = a.year
    movable = _MOVABLE.get("thanksgiving" if name.startswith("thanksgiving") else name.replace("labour", "labor"))
    if movable is not None:
        if y is None:
            return "DATE", None
        d = movable(y)
        ad = a.date if a else None
        if not m["y"] and ad:
            if (rel == "last" or (ctx.tense == "past" and not rel)) and d > ad:
                d = movable(y - 1)
            elif (rel == "next" or ctx.tense == "future" and not rel) and d < ad:
                d = movable(y + 1)
        return "DATE", _d(d)
    mo, dd = _HOLIDAYS[name]
    if y is None:
        return "DATE", f"XXXX-{mo:02d}-{dd:02d}"
    if not m["y"] and a and a.date:
        cand = dt.date(y, mo, dd)
        if (rel == "last" or (ctx.tense == "past" and not rel)) and cand > a.date:
            y -= 1
        elif rel == "next" and cand < a.date:
            y += 1
    return "DATE", _fmt_date(y, mo, dd)


@rule("holiday_week", r"(?P<x>(?:(?P<rel>last|next|this)\s+)?(?-i:(?P<h>Easter|Holy|Christmas|Thanksgiving))\s+(?-i:[Ww]eek))\b(?!-)")
def _holiday_week(m, ctx):
    """ "as Easter week began": the ISO week holding the holiday (Holy Week ends on Easter Sunday,
    which closes its ISO week), in the year the tense or "last"/"next" points to."""
    a = ctx.anchor
    if a is None or a.year is None:
        return "DATE", None
    name = m["h"].lower()
    day = {"easter": _easter, "holy": _easter, "thanksgiving": _thanksgiving,
           "christmas": lambda y: dt.date(y, 12, 25)}[name]
    rel = (m["rel"] or "").lower()
    d = day(a.year)
    if a.date is not None:
        if (rel == "last" or ctx.tense == "past" and not rel) and d - dt.timedelta(days=6) > a.date:
            d = day(a.year - 1)
        elif (rel == "next" or ctx.tense == "future" and not rel) and d < a.date:
            d = day(a.year + 1)
    return "DATE", _week(d)


# ---- deictic days, weekdays, parts of day

_DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@rule("relday", r"(?<![\w-])(?P<x>(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?:the\s+day\s+(?P<ba>before|after)\s+)?"
                r"(?P<w>today|tonight|yesterday|tomorrow)(?:(?:\s+|-)(?P<pod>morning|afternoon|evening|night|overnight))?)"
                r"(?!['’]s?\s+(?:world|society|generation|youth|standards|technology|economy|market|kids|children)\b)(?![\w-])")
def _relday(m, ctx):
    w = m["w"].lower()
    if w in ("today", "tomorrow") and not m["pod"] and not m["mod"] and not m["ba"]:
        prev = m.string[max(0, m.start("x") - 12):m.start("x")].lower()
        nxt = m.string[m.end("x"):m.end("x") + 3]
        if re.search(r"\bof\s+$", prev) and (re.match(r"['’]s\b", nxt) or w == "tomorrow"):
            return None  # generic "many of today's computers", "the people of tomorrow" ("in today's
            # world" is ruled out by the pattern; "in today's editions" is the publication day)
    n = _DAY_OFFSET[w]
    if m["ba"]:
        n += -1 if m["ba"].lower() == "before" else 1
    a = ctx.anchor
    base = shift(a, "day", n) if a else None
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("NI" if w == "tonight" else None)
    mod = (m["mod"] or "").lower()
    if mod == "mid" and not pod:
        pod = "AF" if False else None
    if pod:
        return "TIME", (base + "T" + pod) if base else None
    return "DATE", base


@rule("weekday", rf"(?P<x>(?:(?P<rel>last|next|this|this\s+past|this\s+coming|that|early|late|earlier|later|"
                 rf"the\s+(?:previous|preceding|following|next))\s+)?"
                 rf"(?P<wd>{WEEKDAY})(?:['’]s)?(?:(?:\s+|-)(?P<pod>morning|afternoon|evening|night|overnight))?"
                 rf"(?:,?\s+(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})\b(?:,?\s+(?P<y>{YEAR}))?)?)")
def _weekday_rule(m, ctx):
    shared = _SHARED_PLURAL.match(m.string, m.end("x")) if not (m["mon"] or m["pod"] or m["rel"]) else None
    if shared:
        # "on Monday and Tuesday nights": the plural of the second weekday makes both recurring
        part = PARTS_OF_DAY[shared["pod"].lower()[:-1]]
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower().rstrip('.')] + 1}T{part}"
    if m["mon"]:
        r = _mdy(m, ctx)
        if r is None:
            return None
        _, v = r
    else:
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        relw = "last" if rel in ("last", "this past") else "next" if rel in ("next", "this coming") else \
            "this" if rel == "this" else None
        base = ctx.anchor
        if rel.startswith("the "):
            # "down 4.5% from the previous Friday": anaphoric, relative to the day the story is at
            relw = "last" if rel in ("the previous", "the preceding") else "next"
            if _granularity_unit(ctx.ref) == "day":
                base = parse_anchor(ctx.ref)
        v = _weekday(base, WEEKDAYS[m["wd"].lower().rstrip(".")], ctx.tense, relw)
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    if pod:
        return "TIME", (v + "T" + pod) if v else None
    return "DATE", v


_SHARED_PLURAL = re.compile(rf"\s+(?:and|or)\s+{WEEKDAY}\s+(?P<pod>mornings|afternoons|evenings|nights)\b", re.I)


@rule("weekday_set", rf"(?P<x>(?:(?:every|each|on)\s+)?(?:(?P<wd>{WEEKDAYS_PL})(?:\s+(?P<pod>mornings|afternoons|evenings|nights))?|"
                      rf"(?P<wd2>{WEEKDAY})\s+(?P<pod2>mornings|afternoons|evenings|nights)))")
def _weekday_set(m, ctx):
    if m.group("x").lower().startswith("on "):
        return None
    wd = WEEKDAYS[m["wd"].lower()[:-1]] + 1 if m["wd"] else WEEKDAYS[m["wd2"].lower().rstrip(".")] + 1
    pod = PARTS_OF_DAY.get((m["pod"] or m["pod2"] or "").lower().rstrip("s"), "")
    return "SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else "")


@rule("every_weekday", rf"(?P<x>(?:every|each)\s+(?P<wd>{WEEKDAY})(?:\s+(?P<pod>morning|afternoon|evening|night))?)")
def _every_weekday(m, ctx):
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")] + 1
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower(), "")
    return "SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else "")


@rule("the_pod", r"\b(?:in|during|by|throughout)\s+(?P<x>the\s+(?P<pod>morning|afternoon|evening))\b(?!\s+(?:of|after|before)\b)")
def _the_pod(m, ctx):
    """ "Friday … Dealers placed buy orders in the morning": that part of the day in focus (TIME
    …TMO); with no day in focus the phrase is generic ("jogs in the morning") and gets no value."""
    day = _recent_day(ctx)
    return "TIME", f"{day}T{PARTS_OF_DAY[m['pod'].lower()]}" if day else None


@rule("this_pod", r"(?P<x>(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>this|last|that)\s+(?P<pod>morning|afternoon|evening|night))\b")
def _this_pod(m, ctx):
    pod = PARTS_OF_DAY[m["pod"].lower()]
    rel = m["rel"].lower()
    if rel == "that":
        # anaphoric and distal: "Slepian was killed Friday. That night, …" is on the latest day
        # mentioned other than the publication day
        return "TIME", (ctx.ref + "T" + pod) if _granularity_unit(ctx.ref) == "day" else None
    n = -1 if rel == "last" else 0
    base = shift(ctx.anchor, "day", n) if ctx.anchor else None
    return "TIME", (base + "T" + pod) if base else None


# ---- clock times

_CLOCK = r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b|[AP]M\b)"


@rule("clock", rf"(?<![\w:.])(?P<x>(?:(?P<mod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
               rf"{_CLOCK}(?:\s+(?P<tz>(?-i:[A-Z]{{2,4}}T|GMT|UTC)|local\s+time))?"
               rf"(?:(?:,?\s+(?:on\s+)?)(?:(?P<wd>{WEEKDAY})(?:\s+(?P<pod>morning|afternoon|evening|night))?"
               rf"(?:,?\s+(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})\b(?:,?\s+(?P<y>{YEAR})\b)?)?|"
               rf"(?P<mon2>{MONTH})\s+(?P<d2>{DAYNUM})\b(?:,?\s+(?P<y2>{YEAR})\b)?)|"
               rf"\s+(?P<rd>today|yesterday|tomorrow|tonight))?)", priority=1)
def _clock(m, ctx):
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ap = m["ap"].lower()[0]
    if h > 12 or h == 0:
        return None
    if ap == "p" and h != 12:
        h += 12
    if ap == "a" and h == 12:
        h = 0
    if m["mon"] or m["mon2"]:
        mon = MONTHS[(m["mon"] or m["mon2"]).lower().rstrip(".")]
        d = _day_number(m["d"] or m["d2"])
        written = m["y"] or m["y2"]  # "7:30 p.m. Saturday evening, December 12, 2015": one expression, one day
        y = int(written) if written else _day_year(ctx.anchor, mon, d, ctx.tense)
        day = _fmt_date(y, mon, d) if _valid_day(y, mon, d) else None
    elif m["wd"]:
        day = _weekday(ctx.anchor, WEEKDAYS[m["wd"].lower().rstrip(".")], ctx.tense)
    elif m["rd"]:
        day = shift(ctx.anchor, "day", _DAY_OFFSET[m["rd"].lower()])
    else:
        day = _clock_day(ctx)
    day = day or "XXXX-XX-XX"
    return "TIME", f"{day}T{h:02d}:{mi:02d}"


@rule("clock24", rf"(?<![\w:.])(?P<x>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s+(?P<tz>(?-i:GMT|UTC|[A-Z]{{2,4}}T)))?)(?![\w:.]|\.\d)")
def _clock24(m, ctx):
    pre = m.string[max(0, m.start() - 12):m.start()].lower()
    if not m["tz"] and not re.search(r"\b(at|by|from|until|before|after|around)\s$", pre):
        return None
    day = _clock_day(ctx) or "XXXX-XX-XX"
    return "TIME", f"{day}T{int(m['h']):02d}:{m['mi']}"


@rule("clock_military", r"(?<![\w:.,$])(?P<x>(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:(?P<tz>(?-i:GMT|UTC|[A-Z]{2,4}T|Z))\b|"
                        r"local\s+time|(?P<hrs>hours|hrs)\b))(?![\w-])", priority=1)
def _clock_military(m, ctx):
    """ "lifted off at 1805 local time", "at 0600 GMT", "at 1400 hours": a 24-hour clock, not a year."""
    if m["hrs"]:
        pre = m.string[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(at|by|from|until|till|before|after|around|about)\s$", pre):
            return None  # "1400 hours of overtime" is an amount
    day = _clock_day(ctx) or "XXXX-XX-XX"
    return "TIME", f"{day}T{m['h']}:{m['mi']}"


@rule("noon", rf"(?<![\w-])(?P<x>(?P<w>noon|midnight|midday|mid[-\s]?afternoon|mid[-\s]?morning|dawn|daybreak|dusk|nightfall|sunrise|sunset)"
              rf"(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY})|\s+(?P<rd>today|yesterday|tomorrow))?)\b")
def _noon(m, ctx):
    w = re.sub(r"[-\s]", "", m["w"].lower())
    if m["wd"]:
        day = _weekday(ctx.anchor, WEEKDAYS[m["wd"].lower().rstrip(".")], ctx.tense)
    elif m["rd"]:
        day = shift(ctx.anchor, "day", _DAY_OFFSET[m["rd"].lower()])
    else:
        day = _clock_day(ctx)
    day = day or "XXXX-XX-XX"
    suffix = {"noon": "12:00", "midday": "12:00", "midnight": "24:00", "midafternoon": "AF", "midmorning": "MO",
              "dawn": "MO", "daybreak": "MO", "sunrise": "MO", "dusk": "EV", "nightfall": "EV", "sunset": "EV"}[w]
    return "TIME", f"{day}T{suffix}"


# "overnight" as an adverb ("struck overnight", "overnight, rebels …"), not a noun modifier
# ("overnight loans", "an overnight stay") nor money-market jargon ("overnight to spot/next",
# "overnight and tomorrow-next funds"): what follows is punctuation, a preposition or a clause word.
# Before a noun of violence it dates that event ("launched the overnight attack": the night it struck).
_OVERNIGHT_EVENTS = (r"(?:attacks?|raids?|strikes?|airstrikes?|bombings?|bombardments?|shelling|shootings?|"
                     r"gunfire|fighting|clash(?:es)?|assaults?|offensive|ambush(?:es)?|blasts?|explosions?|"
                     r"riots?|rioting|violence|incursions?|killings?|stabbings?|robber(?:y|ies)|fire|fires|"
                     r"protests?|demonstrations?)")
_OVERNIGHT_NEXT = (r"(?=\s*(?:[.,;:!?)\"”’—–]|$)|\s+(?:on|in|at|into|from|near|outside|inside|across|around|along|"
                   r"against|with|by|but|as|when|while|after|before|until|amid|despite|local|the|a|an|said|according|"
                   r"to(?!\s+spot)|and(?!\s+(?:tomorrow|two|next|spot|term|[\w-]+-day)\b))\b|"
                   r"\s+(?:(?:air|missile|rocket|drone)\s+)?" + _OVERNIGHT_EVENTS + r"\b)")
# "can't be done overnight", "you don't change overnight": figurative "suddenly", not a night
_OVERNIGHT_FIGURATIVE = re.compile(r"(?:\b(?:not|never|cannot)\b|n['’]t\b)[^.;:!?]*$|\bof\s+$", re.I)


@rule("overnight", rf"(?<![\w-])(?P<x>overnight){_OVERNIGHT_NEXT}")
def _overnight(m, ctx):
    """A past "overnight" is the night leading into the day in focus (TimeBank: "Friday … overnight"
    → Thursday ``TNI``; with no other day in focus, the night before the publication day); a future
    one is that day's own night; a present one is habitual ("banks trade overnight") and gets no value."""
    before = m.string[max(0, m.start("x") - 60):m.start("x")]
    if _OVERNIGHT_FIGURATIVE.search(before):
        return None
    day = _recent_day(ctx) or (shift(ctx.anchor, "day", 0) if ctx.anchor else None)
    base = parse_anchor(day)
    if ctx.tense == "present" or not base or not base.date:
        return "TIME", None
    night = day if ctx.tense == "future" else shift(base, "day", -1)
    return "TIME", f"{night}TNI"


@rule("early_hours", rf"(?P<x>the\s+(?:early|small|wee)(?:\s+morning)?\s+hours"
                     rf"(?:\s+of\s+(?:(?:(?P<wd>{WEEKDAY})|(?P<rd>today|yesterday|tomorrow))(?:\s+morning)?|the\s+morning))?)\b",
      priority=1)
def _early_hours(m, ctx):
    """ "the early hours of Sunday": the small hours after midnight, the morning of that day (``TMO``,
    as for "dawn"); without a day, the day in focus."""
    if m["wd"]:
        day = _weekday(ctx.anchor, WEEKDAYS[m["wd"].lower().rstrip(".")], ctx.tense)
    elif m["rd"]:
        day = shift(ctx.anchor, "day", _DAY_OFFSET[m["rd"].lower()]) if ctx.anchor else None
    else:
        day = _recent_day(ctx) or (shift(ctx.anchor, "day", 0) if ctx.anchor else None)
    return "TIME", f"{day}TMO" if day else None


# ---- relative units: this/last/next week, earlier this year, the end of the month …


@rule("rel_unit", rf"(?P<x>(?:(?P<mod>early|late|earlier|later|mid|the\s+(?:beginning|start|end|middle|rest|remainder|balance)\s+of)[\s-]+"
                  rf"(?:(?:in|of)\s+)?)?"
                  rf"(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+last|the\s+previous|the\s+preceding|the\s+coming|the\s+next|the\s+current|the\s+following|"
                  rf"the\s+same|that|the\s+)\s*(?P<u>year|month|week|weekend|quarter|decade|century|fiscal\s+year|"
                  rf"calendar\s+year|day|season|period)(?:['’]s)?)\b(?!-\w)")
def _rel_unit(m, ctx):
    if re.fullmatch(r"[A-Z][a-z]+", m["u"]) and re.search(r"[a-z][\W]*$", m.string[max(0, m.start("x") - 20):m.start("x")]):
        return None  # ABC's "This Week": a capitalised unit inside a sentence is a title
    rel = re.sub(r"\s+", " ", m["rel"].lower().strip())
    u = m["u"].lower().split()[-1]
    mod = (m["mod"] or "").lower()
    a = ctx.anchor
    if u == "period":
        if rel in ("the latest", "the", "the same", "that"):
            return "DATE", ctx.ref_quarter
        return None
    if u == "season":
        return None
    if re.match(r"-to-", m.string[m.end():m.end() + 4]):
        return None  # "the quarter-to-quarter comparison"
    if rel == "this past":
        rel = "last"  # "this past weekend": the latest one
    elif rel == "this coming":
        rel = "next"
    if (rel in ("the following", "the previous", "the preceding") or rel == "the next" and u == "day") and not mod:
        # anaphoric: one unit after / before the time the story is at (the latest explicit date
        # nearby, else the latest date mentioned), not the publication date
        ref_value = ctx.extra.get("ref_abs") or ctx.ref or (_recent_day(ctx) if u == "day" else None)
        ref = parse_anchor(ref_value) if ref_value and re.match(r"^\d{4}", ref_value) else None
        if u in ("year", "month", "week", "day") and ref is not None and (
                u == "year" or (u in ("month", "week") and ref.month) or (u == "day" and ref.day)):
            return "DATE", shift(ref, u, 1 if rel in ("the following", "the next") else -1)
    if rel in ("the past", "the last", "the previous", "the coming", "the next", "the following", "the preceding"):
        # "over the past year", "the next year or so": TimeBank annotates the unit before / after the
        # anchor's (DATE 1997 for a 1998 article), like "last year"
        if mod:
            return None
        if u == "day" and rel in ("the next", "the following", "the previous"):
            return "DATE", None
        back = rel in ("the past", "the last", "the previous", "the preceding")
        if u == "weekend":
            return "DATE", shift(a, "weekend", -1 if back else 1)
        if u == "day":
            return "DURATION", duration(1, u)
        if u in ("decade", "century") and back and _SPAN_BEFORE.search(m.string, max(0, m.start("x") - 12), m.start("x")):
            # "over the past decade" (in 1998) is the ten years up to now, not the 1980s
            return "DURATION", duration(1, u)
        return "DATE", shift(a, u, -1 if back else 1)
    if rel == "that" and u == "quarter":
        return "DATE", ctx.ref_quarter  # "that quarter": the quarter the story is about
    if rel == "that":
        # anaphoric: "that year" is the year of the latest date mentioned
        size = {"year": 4, "month": 7, "day": 10}.get(u)
        if size and ctx.ref and len(ctx.ref) >= size and re.match(r"^\d{4}", ctx.ref):
            return "DATE", ctx.ref[:size]
        return "DATE", None
    if rel == "the same":
        # "on the same day": the day the story is at
        if u == "day":
            return "DATE", ctx.ref if _granularity_unit(ctx.ref) == "day" else _recent_day(ctx)
        return "DATE", None
    if rel == "the" and not mod and u in ("year", "week") and re.match(
            r"\s+(?:ended|ending|that\s+ended|which\s+ended|to)\s", m.string[m.end():m.end() + 20]):
        # "the year ended March 31": a fiscal year, given as its span (TimeBank); so is Reuters'
        # "the week ended/to Wednesday February 25", which is no calendar week; "the quarter
        # ended Sept. 30" is annotated as the quarter itself, below
        return "DURATION", "P1Y" if u == "year" else "P1W"
    if rel == "the":
        # "the year", "the week": the current unit (TimeBank convention); "the day" is anaphoric
        if u == "day":
            # anaphoric: the day the story is at; "the day after his death" one day on
            day = _recent_day(ctx) or (ctx.ref if _granularity_unit(ctx.ref) == "day" else None)
            ba = re.match(r"\s+(after|before)\b", m.string[m.end():m.end() + 8], re.I)
            appositive = re.search(r"(?:\d|day),\s*$", m.string[max(0, m.start("x") - 4):m.start("x")])
            if day and ba and not appositive:  # "Oct. 12, the day before the plunge" restates Oct. 12
                return "DATE", shift(parse_anchor(day), "day", 1 if ba.group(1).lower() == "after" else -1)
            return "DATE", day
        if u == "quarter":
            return "DATE", ctx.ref_quarter or shift(a, "quarter", -1)
        if u == "period":
            return "DATE", ctx.ref_quarter
        if u == "weekend":
            return "DATE", _weekend(a, 0, ctx.tense)
        if u in ("week", "month", "decade", "century") and not mod:
            return "DATE", shift(a, u, 0) if u != "week" else (f"{a.year:04d}-WXX" if a and a.year else None)
        return "DATE", shift(a, u, 0)
    n = {"this": 0, "last": -1, "next": 1, "the current": 0}.get(rel, 0)
    if u == "day":
        return None
    if u == "weekend":
        return "DATE", _weekend(a, n, ctx.tense)
    return "DATE", shift(a, u, n)


_SPAN_BEFORE = re.compile(r"\b(?:over|during|throughout|for)\s+$", re.I)


@rule("month_quarter", r"(?P<x>the\s+(?P<mon>(?-i:March|June|September|December))\s+quarter)\b", priority=2)
def _month_quarter(m, ctx):
    """ "the December quarter" (Australian and NZ usage): the calendar quarter ending that month."""
    mon = MONTHS[m["mon"].lower()]
    y = _month_year(ctx.anchor, mon, ctx.tense)
    return "DATE", f"{y:04d}-Q{(mon - 1) // 3 + 1}" if y else f"XXXX-Q{(mon - 1) // 3 + 1}"


_ORDINAL_WORD = "|".join(sorted((k for k in ORDINALS if k not in ("last", "final")), key=len, reverse=True))


@rule("nth_day_is", rf"\b(?:today|it|this)(?:['’]s|\s+is)\s+(?P<x>the\s+(?:{_ORDINAL_WORD}|last|final)\s+day)\s+of\b")
def _nth_day_is(m, ctx):
    """ "Today is the eighth day of Desert Shield", "It's the second day of an offensive": a count of the
    days of something that names the present day, the anchor day."""
    return "DATE", shift(ctx.anchor, "day", 0) if ctx.anchor else None


@rule("earlier_in", rf"(?P<x>(?P<mod>earlier|later)\s+in\s+the\s+(?P<u>year|month|week|day|decade))\b")
def _earlier_in(m, ctx):
    u = m["u"].lower()
    if u == "day":
        return "DATE", _recent_day(ctx) or shift(ctx.anchor, "day", 0)  # "later in the day": the day in focus
    return "DATE", shift(ctx.anchor, u, 0) if u != "week" else shift(ctx.anchor, "week", 0)


@rule("end_of_year", rf"(?P<x>(?:the\s+)?(?P<u>year|month|quarter|week)(?:['’]s)?[\s-]+end)\b")
def _year_end(m, ctx):
    return "DATE", shift(ctx.anchor, m["u"].lower(), 0)


# ---- "two years ago", "a week earlier", "three days later", "in two weeks"


@rule("ago", rf"(?P<x>{MOD}?(?P<n>{NUM}|{VAGUE}|a\s+couple\s+of)(?:\s+or\s+(?:so|more|\w+))?[\s-]+(?P<u>{UNIT})(?:\s+or\s+so)?\s+"
             rf"(?P<dir>ago|earlier|later|hence|from\s+now|back|(?:before|after)(?=\s*(?:[,.;:)]|$))))", priority=1)
def _ago(m, ctx):
    u = unit_of(m["u"])
    direction = m["dir"].lower()
    if direction == "later":
        # TimeML: in "three days later" the amount is a DURATION and "later" a signal outside the
        # extent (the duration rule takes "three days"); "ago" belongs to a DATE
        return None
    raw = re.sub(r"\s+", " ", m["n"].lower())
    vague = raw in {re.sub(r"\s+", " ", v) for v in _VAGUE} or raw.replace("  ", " ") in _VAGUE
    n = None if vague else number(raw)
    if raw in ("a couple of", "couple of"):
        n = 2
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    if direction in ("before", "after") and not re.search(r"\b(?:the|a|an)\b", m.string[m.end():m.end() + 0]):
        # "two years before the war" is relative to an event, not to the anchor
        nxt = m.string[m.end():m.end() + 20]
        if re.match(r"\s+\w", nxt) and not re.match(r"\s*[,.;)]", nxt):
            return "DURATION", duration(n, u)
    base_anchor = ctx.anchor
    if n == 1 and u == "year" and ctx.ref_quarter and re.match(r"^\d{4}-[QH]\d$", ctx.ref_quarter or ""):
        # "profit rose in the third quarter from a year ago": the same period a year before
        return "DATE", shift_value(ctx.ref_quarter, sign)
    if direction in ("earlier", "later", "before", "after"):
        # relative to an explicit date mentioned just before, else to the anchor
        ref_abs = ctx.extra.get("ref_abs")
        ref = parse_anchor(ref_abs) if ref_abs else None
        if ref is not None:
            base_anchor = ref
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if n != int(n):
        return "DATE", None
    n = int(n)
    if u in ("hour", "minute", "second"):
        return "TIME", None if base_anchor is None else None
    if u == "night":
        u = "day"
    if u == "year" and base_anchor is not ctx.anchor and base_anchor is not None and base_anchor.month:
        # "for the six months ended Aug. 12, … compared with … a year earlier": the same day (or
        # month) a year back, as precise as the date it counts from
        return "DATE", shift_value(base_anchor.iso, sign * n)
    return "DATE", shift(base_anchor, u, sign * n)


# ---- durations


def _not_a_unit(m: re.Match, u: str) -> bool:
    """The unit word is used in another sense: a fraction, an ordinal, a title."""
    word = m["u"]
    nxt = m.string[m.end("u"):m.end("u") + 25]
    raw = re.sub(r"\s+", " ", m["n"].lower())
    if u == "quarter":
        # "three-quarters of its food", "more than a quarter of the market": a fraction
        if re.match(r"-", m.string[m.end("n"):m.end("n") + 1]) and word.lower().endswith("s"):
            return True
        if raw in ("a", "one", "three") and re.match(r"\s+of\s+(?!a\s+centur|the\s+(?:year|decade|centur))", nxt):
            return True
    if u == "second" and raw in ("a", "one") and re.match(r"\s+[a-z]", nxt) and \
            not re.match(r"\s+(?:or|and|later|earlier|ago|before|after|of|to|in)\b", nxt):
        return True  # "a second group", "a second betrayal": an ordinal
    if re.fullmatch(r"[A-Z][a-z]+", word):
        pre = m.string[max(0, m.start("x") - 20):m.start("x")]
        next_word = re.match(r"[^\w.!?]*(\w*)", nxt)  # the next word in the same sentence
        after = next_word.group(1) if next_word else ""
        if re.search(r"[a-z]\W*$", pre) and not after[:1].isupper():
            return True  # "on CBS's ''60 Minutes''": a capitalised unit inside a sentence is a title
    return False


_ONE_DAY_SUBJECT = re.compile(r"\b(?:will|would|could|might|may|can|should|must|shall|to|i|you|he|she|we|they)\s+$", re.I)


def _indefinite_one_day(m: re.Match) -> bool:
    """ "will one day be", "hopes to one day fly": "one day" between a subject or modal and its verb
    is an indefinite time ahead, not a length of one day (TimeML: DATE FUTURE_REF, like "some day")."""
    if m["lead"] or m["n2"] or re.sub(r"\s+", " ", m.group("x").lower()) != "one day":
        return False
    return bool(_ONE_DAY_SUBJECT.search(m.string, max(0, m.start("x") - 12), m.start("x")))


@rule("duration", rf"(?P<x>(?:(?P<lead>the\s+(?:past|last|next|coming|previous|following|first|final|remaining|preceding|same)|"
                  rf"another|an?\s+(?:additional|extra|further|full|whole|entire)|the|(?:this|that)\s+(?:past|coming))\s+)?"
                  rf"{MOD}?(?:the\s+(?:past|last|next|first)\s+)?"
                  rf"(?P<n>{NUM}|{VAGUE})(?:\s+(?:or|to|and)\s+(?P<n2>{NUM}))?(?:\s+more|\s+straight|\s+consecutive|\s+full|\s+long|\s+additional)?"
                  rf"(?:[\s-]+(?:trading|business|working|calendar|fiscal))?[\s-]+(?P<u>{UNIT})"
                  rf"(?:(?P<adj>-long|-old)|\s+(?:and\s+a\s+half|(?P<old>old)))?(?:\s+(?P<per>period|span|stretch|term|window|stint))?)\b")
def _duration(m, ctx):
    if m["adj"] == "-old" or m["old"]:
        return None  # ages are not time expressions
    if _indefinite_one_day(m):
        return None  # "Islam will one day be …": the "future" rule reads it as FUTURE_REF
    u = unit_of(m["u"])
    if _not_a_unit(m, u):
        return None
    raw = re.sub(r"\s+", " ", m["n"].lower())
    n: float | None
    if raw in ("a couple of", "couple of"):
        n = 2
    elif raw in _VAGUE:
        n = None
    else:
        n = number(raw)
    if m["n2"]:
        n = None  # "three or four years"
    if "and a half" in m.group("x").lower() and n is not None:
        n += 0.5
    x = m.group("x")
    if raw in ("a", "an") and not m["lead"]:
        before = m.string[max(0, m.start("x") - 25):m.start("x")]
        if re.search(r"(\btimes|\btwice|\bonce|\bper)\s*$", before):
            return "SET", duration(1, u)  # "twice a day": a frequency
        if re.search(r"(\d|\b(?:million|billion|trillion|thousand|hundred|dozen)|\b[a-z]{3,}[b-df-hj-np-tv-z]s)\s+$", before) and \
                not re.match(r"\s+(?:ago|earlier|later|before|after|or|and)\b", m.string[m.end("x"):m.end("x") + 10]):
            return None  # "$500 million a year", "four flights a week": a rate, not a time (TimeBank)
    if n is None and raw in ("a", "an"):
        n = 1
    if u == "weekend":
        return "DURATION", f"P{int(n) if n else 'X'}WE"
    return "DURATION", duration(n, u)


@rule("bare_plural", rf"\b(?:for|within|over|in|after|than|since|taking|take|takes|took|lasting|last)\s+"
                     rf"(?P<x>(?:recent\s+|coming\s+|the\s+coming\s+)?(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries))\b"
                     rf"(?!\s+(?:of|old|ago|earlier|later|before|after)\b)")
def _bare_plural(m, ctx):
    x = m.group("x").lower()
    if "coming" in x:
        return "DATE", "FUTURE_REF"
    if x.startswith("recent"):
        return "DATE", "PAST_REF"
    return "DURATION", duration(None, unit_of(m["u"]))


@rule("units_later", r"(?:^|(?<=[.!?;:]\s)|(?<=[.!?;:][\"”’]\s)|(?<=\n))(?P<x>(?P<u>Minutes|Hours|Days|Weeks|Months|Years))"
                     r"\s+(?:later|after|before|earlier)\b", flags=0)
def _units_later(m, ctx):
    """Sentence-initial "Hours later, …" / "Days after the attack, …": the vague amount is a duration
    (TIMEX3 tags the quantity, not the signal "later"), as "within hours" is."""
    return "DURATION", duration(None, unit_of(m["u"]))


@rule("ahead_units", r"(?P<x>the\s+(?P<u>days|weeks|months|years)\s+ahead)\b")
def _ahead_units(m, ctx):
    return "DURATION", duration(None, unit_of(m["u"]))  # "in the weeks ahead" (TimeBank: PXW)


@rule("recent_units", rf"(?P<x>(?:the\s+)?(?P<w>recent|coming|past|last|next|future|upcoming|following)\s+(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|quarters))\b")
def _recent_units(m, ctx):
    w = m["w"].lower()
    if w in ("recent", "past", "last"):
        return "DATE", "PAST_REF"
    return "DATE", "FUTURE_REF"


# ---- sets

_SETWORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "quarterly": "P3M", "biweekly": "P2W", "biannually": "P6M"}


@rule("set_word", r"(?<![\w-])(?P<x>daily|nightly|weekly|monthly|annually|yearly|hourly)(?![\w-])")
def _set_word(m, ctx):
    before = m.string[max(0, m.start("x") - 25):m.start("x")]
    if re.search(r"(?:\d%?|\b(?:percent|million|billion|trillion|thousand|hundred|dozen|units|shares|tons|barrels))\s+$",
                 before, re.I):
        return None  # "rise 8.5% annually", "10,000 units annually": a rate, not a time (TimeBank)
    if m["x"].lower() in ("daily", "weekly") and re.match(r"\s+(?:[A-Z][a-z]|(?:newspaper|paper|magazine|tabloid)s?\b)",
                                                         m.string[m.end("x"):m.end("x") + 14]) \
            and re.search(r"[\w,]\s+$", before):
        return None  # "the Communist Party daily Granma", "the weekly Der Spiegel": a newspaper, not a set
    return "SET", _SETWORDS[m["x"].lower()]


@rule("every", rf"(?P<x>(?:every|each|per)\s+(?:(?P<n>{NUM})\s+|other\s+)?(?P<u>{UNIT_SG}s?)|"
               rf"(?:every|each)\s+(?P<pod>morning|afternoon|evening|night)|(?:once|twice|\w+\s+times)\s+an?\s+(?P<u2>{UNIT_SG}))\b")
def _every(m, ctx):
    if m["pod"]:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[m['pod'].lower()]}"
    if m.group("x").lower().startswith("per") and re.search(
            r"(?:\d|\b(?:million|billion|thousand|hundred)|\b(?!times\b)[a-z]{3,}s)\s+$", m.string[max(0, m.start("x") - 25):m.start("x")]):
        return None  # "15 million instructions per second", "$5 per hour": a unit of a rate, not a recurring time
    u = unit_of(m["u"] or m["u2"])
    n = number(m["n"]) if m["n"] else (2 if "other" in m.group("x").lower() else 1)
    return "SET", duration(n, u)


# ---- PRESENT_REF / PAST_REF / FUTURE_REF and anaphoric "the time"


@rule("present", r"(?<![\w-])(?P<x>now|right\s+now|currently|nowadays|these\s+days|at\s+present|presently|"
                 r"(?:the\s+)?present(?:\s+(?:day|time))?|this\s+(?:(?:critical|crucial|difficult|delicate|decisive|historic|"
                 r"sensitive|important|late|early|tense|particular)\s+)?(?:moment|juncture)|this\s+point\s+in\s+time|"
                 r"(?:the\s+)?(?:current|present)\s+(?:time|moment)|for\s+the\s+time\s+being|"
                 r"to\s*date|so\s+far|thus\s+far|as\s+yet)(?![\w-])")
def _present(m, ctx):
    x = re.sub(r"\s+", " ", m["x"].lower())
    if x in ("so far", "thus far", "as yet", "to date", "todate"):
        return None
    if x == "present" or x == "the present":
        pre = m.string[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(at|until|till|to|the)\s*$", pre) and x == "present":
            return None
    return "DATE", "PRESENT_REF"


@rule("past", r"(?<![\w-])(?P<x>(?:more\s+|most\s+|very\s+|only\s+)?recently|lately|"
              r"the\s+(?:recent\s+|distant\s+|not\s+(?:so\s+|too\s+)?distant\s+)?past)(?![\w-])")
def _past(m, ctx):
    nxt = m.string[m.end():m.end() + 25].lower()
    if m["x"].lower().endswith("past") and re.match(r"\s+(?:\w+\s+)?(?:\d+|\w+)\s+(?:years|months|weeks|days|decades)\b|\s+(?:year|month|week|decade)\b", nxt):
        return None
    return "DATE", "PAST_REF"


@rule("future", r"(?<![\w-])(?P<x>soon|(?:very\s+)?soon|shortly|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|"
                r"(?:in\s+)?(?:the\s+)?(?:coming|next\s+few)\s+(?:days|weeks|months|years|decades)|a\s+later\s+date|"
                r"the\s+(?:short|long|medium|near)\s+term|one\s+day|some\s+day|someday)(?![\w-])")
def _future(m, ctx):
    x = re.sub(r"\s+", " ", m["x"].lower())
    if x.startswith("in "):
        return None
    if x.endswith("future"):
        if "foreseeable" in x:
            return None  # "for the foreseeable future": indefinitely, not a time TimeML marks
        nxt = m.string[m.end():m.end() + 15]
        prev = m.string[max(0, m.start() - 12):m.start()].lower()
        if re.match(r"\s+of\b", nxt):
            return None  # "the future of our peoples": the future as a topic, not a time
        if re.match(r"\s+[a-z]", nxt) and not re.match(r"\s+(?:and|or|but|when|if|as|to|for|in)\b", nxt) and \
                not re.search(r"\b(?:in|into|for|about|towards?|until|till|from|near|at)\s+$", prev):
            return None  # "the future looks bleak": the subject of a clause
    if x in ("shortly", "soon", "very soon"):
        nxt = m.string[m.end():m.end() + 15].lower()
        prev = m.string[max(0, m.start() - 4):m.start()].lower()
        if re.match(r"\s+(before|after|afterwards?|thereafter)\b", nxt):
            return None  # "soon after the vote": relative to an event, a signal rather than a time
        if re.search(r"\bas\s+$", prev) and re.match(r"\s+as\b", nxt):
            # "as soon as trading opened", "as soon as Tuesday": a conjunction / a bound; "as soon as
            # possible" names no time either (TimeML leaves it unmarked)
            return None
    if x == "one day":
        nxt = m.string[m.end():m.end() + 10].lower()
        prev = m.string[max(0, m.start() - 10):m.start()].lower()
        if re.match(r"\s+(later|earlier|before|after|of)\b", nxt) or re.search(r"\b(for|in|than|just|only)\s+$", prev):
            return None
    return "DATE", "FUTURE_REF"


@rule("recent_adj", r"(?<![\w-])(?P<x>recent|current|former|upcoming|future|past)(?=\s+(?:\w+\s+)?\w)")
def _recent_adj(m, ctx):
    w = m["x"].lower()
    nxt = m.string[m.end():m.end() + 30].lower()
    if w == "recent":
        return "DATE", "PAST_REF"
    if w == "current":
        if re.search(r"\bthen\s+$", m.string[max(0, m.start("x") - 6):m.start("x")], re.I):
            return "DATE", "PAST_REF"  # "the then current market price": current at a past time
        if re.match(r"\s+(account|affairs|events|of|and\s+former|or\s+former|members?|employees?|president|leaders?|"
                    r"chairman|ceo|head|chief|owner|holders?|champion|director|residents?|crop)\b", nxt):
            return None
        return "DATE", "PRESENT_REF"
    if w == "future":
        prev = m.string[max(0, m.start("x") - 12):m.start("x")]
        if re.search(r"(?:['’]s?|\b(?:its|his|her|their|our|your|my|any|likely))\s+$", prev, re.I):
            return None  # "Intel's future flagship", "its future strategy": a property of the thing, not a time
        if re.match(r"\s+(of|tense|generations?|president|husband|wife|leaders?|king|queen|plans?|\w+s)\b", nxt):
            return None
        return "DATE", "FUTURE_REF"
    return None


@rule("at_the_time", r"\bat\s+(?P<x>(?:that|the)\s+time)\b")
def _at_the_time(m, ctx):
    # anaphoric: the latest date mentioned before
    return "DATE", ctx.ref


# A bare "Earlier," / "Later," is a discourse connective, not a time expression
# (TimeML marks the phrase only with a unit: "earlier this year", "later in the day").


@rule("year_earlier_adj", r"(?<![\w-])(?P<x>(?:year-earlier|year-ago|previous-year|prior-year))(?![\w-])")
def _year_earlier_adj(m, ctx):
    x = m["x"].lower()
    if not re.search(r"earlier|ago|previous|prior", x):
        return None
    base = ctx.ref_quarter
    if base:
        return "DATE", shift_value(base, -1)
    return "DATE", shift(ctx.anchor, "year", -1)


# ---- spelled-out years (broadcast transcripts): "nineteen ninety-six", "the year two thousand"

_SP_CENT = r"(?:nineteen|eighteen|twenty)"
_SP_YY = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|"
          r"eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
          r"oh[- ](?:one|two|three|four|five|six|seven|eight|nine))")


def _spelled_year(text: str) -> int | None:
    t = re.sub(r"\s+", " ", text.lower().strip())
    m = re.fullmatch(r"two thousand(?: and)?(?: (\w+(?:[- ]\w+)?))?", t)
    if m:
        rest = number(m.group(1)) if m.group(1) else 0
        return 2000 + int(rest) if rest is not None else None
    m = re.fullmatch(r"(nineteen|eighteen|twenty) (?:oh[- ])?(.+)", t)
    if m:
        rest = number(m.group(2))
        if rest is None:
            return None
        return {"nineteen": 1900, "eighteen": 1800, "twenty": 2000}[m.group(1)] + int(rest)
    return None


SPELLED_YEAR = rf"(?:{_SP_CENT}\s+{_SP_YY}|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ]\w+)?))?)"


@rule("spelled_year", rf"(?<![\w-])(?P<x>(?:(?:the\s+(?P<s>spring|summer|autumn|fall|winter)\s+of\s+)|(?P<mon>{MONTH})\s+(?:of\s+)?|"
                      rf"(?:the\s+)?(?:early|late|mid)[\s-]+|the\s+year\s+|(?:the\s+)?fiscal\s+(?:year\s+)?)?(?P<y>{SPELLED_YEAR}))(?![\w-])")
def _spelled(m, ctx):
    pre = m.string[max(0, m.start("x") - 20):m.start("x")].lower()
    y = _spelled_year(m["y"])
    if y is None:
        return None
    x = m.group("x").lower()
    if not (m["s"] or m["mon"] or x.startswith(("the year", "fiscal", "the fiscal", "early", "late", "mid", "the early", "the late"))):
        # a bare spelled year needs a temporal preposition before it ("in nineteen ninety-six"),
        # except "nineteen/eighteen" + tens, which is never a cardinal ("a nineteen ninety-seven attack")
        if not re.match(r"(?:nineteen|eighteen)\s+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)", m["y"].lower()) \
                and not re.search(r"\b(in|since|until|by|of|from|to|before|after|during|through|and)\s+$", pre):
            return None
        if m["y"].lower().startswith("two thousand") and not re.search(r"\b(in|since|until|by|before|after)\s+$", pre):
            return None
    if m["s"]:
        return "DATE", f"{y}-{SEASONS[m['s'].lower()]}"
    if m["mon"]:
        return "DATE", _fmt_date(y, MONTHS[m["mon"].lower().rstrip(".")])
    return "DATE", f"{y:04d}"


@rule("month_rel_year", rf"(?P<x>(?:(?:early|late|mid)[\s-]+)?(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year)\b", priority=1)
def _month_rel_year(m, ctx):
    a = ctx.anchor
    if a is None or a.year is None:
        return "DATE", None
    y = a.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return "DATE", _fmt_date(y, MONTHS[m["mon"].lower().rstrip(".")])


@rule("latest_period", r"(?P<x>the\s+(?:latest|most\s+recent|just-?(?:ended|completed)|recent|same)\s+(?:fiscal\s+)?(?P<u>quarter|period|three\s+months|year))\b")
def _latest_period(m, ctx):
    x = m.group("x").lower()
    if m["u"].lower() == "year":
        if re.search(r"latest|most\s+recent|just", x):
            return "DATE", shift(ctx.anchor, "year", -1)  # "the latest fiscal year": the last completed one
        return None
    if m["u"].lower() == "quarter" and re.search(r"latest|most\s+recent|just", x) and ctx.anchor and ctx.anchor.month:
        return "DATE", shift(ctx.anchor, "quarter", -1)  # the most recently completed quarter
    if ctx.ref_quarter:
        return "DATE", ctx.ref_quarter
    if m["u"].lower() == "quarter" or "latest" in m.group("x").lower():
        return "DATE", shift(ctx.anchor, "quarter", -1)
    return "DATE", None


@rule("whole_year", r"(?P<x>the\s+(?:full|whole|entire)\s+(?:fiscal\s+|calendar\s+)?year)\b")
def _whole_year(m, ctx):
    return "DATE", shift(ctx.anchor, "year", 0)



@rule("every_month", rf"(?P<x>(?:every|each)\s+(?P<mon>{MONTH}))")
def _every_month(m, ctx):
    return "SET", f"XXXX-{MONTHS[m['mon'].lower().rstrip('.')]:02d}"


@rule("year_earlier_period", rf"(?P<x>(?:the\s+)?(?:comparable\s+|same\s+)?(?:year-earlier|year-ago|prior-year|previous-year|year-before)\s+"
                             rf"(?:(?P<q>{ORD})[\s-]+)?(?:fiscal\s+)?(?:quarter|period|three\s+months|months))\b", priority=1)
def _year_earlier_period(m, ctx):
    if m["q"]:
        r = _quarter(_FakeMatch({"q": m["q"]}), ctx)
        return ("DATE", shift_value(r[1], -1)) if r and r[1] else ("DATE", None)
    if ctx.ref_quarter:
        return "DATE", shift_value(ctx.ref_quarter, -1)
    return "DATE", shift_value(shift(ctx.anchor, "quarter", -1), -1)


def _year_ago_quarter(ctx: Ctx) -> str | None:
    """The reporting period of a year before: the quarter in focus, else the last completed one, minus a year."""
    if ctx.ref_quarter and re.match(r"^\d{4}-[QH]\d$", ctx.ref_quarter):
        return shift_value(ctx.ref_quarter, -1)
    return shift_value(shift(ctx.anchor, "quarter", -1), -1)


@rule("period_year_ago", rf"(?P<x>last\s+year['’]s\s+(?:(?P<q>{ORD})[\s-]+)?(?:fiscal\s+)?(?:quarter|period)|"
                         rf"the\s+(?:same\s+|corresponding\s+|comparable\s+)?(?:(?P<q2>{ORD})[\s-]+)?(?:fiscal\s+)?(?:quarter|period)"
                         rf"\s+(?:of\s+)?(?:a\s+year\s+(?:ago|earlier|before)|last\s+year|the\s+(?:previous|prior|preceding)\s+year))\b",
      priority=1)
def _period_year_ago(m, ctx):
    """Financial reports: "last year's quarter", "the corresponding period last year", "the quarter a
    year ago" are the reporting period in focus, a year back (TimeBank: ``1988-Q3``)."""
    q = m["q"] or m["q2"]
    a = ctx.anchor
    if q:
        return "DATE", f"{a.year - 1:04d}-Q{_QWORD[q.lower()]}" if a and a.year else None
    return "DATE", _year_ago_quarter(ctx)


@rule("year_period", rf"(?P<x>the\s+(?P<y>{YEAR})\s+(?:fiscal\s+)?(?P<u>quarter|period))\b", priority=1)
def _year_period(m, ctx):
    """ "the 1988 quarter", "the 1989 period": the reporting period in focus, in that year."""
    y = int(m["y"])
    ref = ctx.ref_quarter if ctx.ref_quarter and re.match(r"^\d{4}-[QH]\d$", ctx.ref_quarter) else None
    if ref:
        return "DATE", f"{y:04d}{ref[4:]}"
    if m["u"].lower() == "quarter":
        last = shift(ctx.anchor, "quarter", -1)
        return "DATE", f"{y:04d}{last[4:]}" if last and re.match(r"^\d{4}-Q\d$", last) else f"{y:04d}-QX"
    return "DATE", f"{y:04d}"


# Triggers keep the scan fast: a rule only runs on windows around its trigger words.
_UNIT_T = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur|half|period|term)"
_WD_T = r"(?-i:Mon|Tue|Wed|Thu|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN)"
# Every month name starts with one of these capitals: the lookahead lets the scan skip other positions fast.
_MONTH_T = "(?-i:(?=[" + "".join(sorted({w[0] for w in _MONTH_NAMES + _MONTH_ABBR})) + "]))" + MONTH
_TRIGGERS = {
    **dict.fromkeys(["duration", "ago", "rel_unit", "bare_plural", "recent_units", "every", "period_of_year",
                     "end_of_year", "earlier_in", "latest_period", "whole_year", "year_earlier_period", "period_year_ago", "year_period", "ahead_units",
                     "year_earlier_adj", "century_rel", "half", "quarter", "century"], _UNIT_T),
    **dict.fromkeys(["month", "month_day_year", "day_month_year", "month_year", "second_day", "month_rel_year", "every_month",
                     "part_of_date"], _MONTH_T),
    **dict.fromkeys(["weekday", "weekday_set", "every_weekday"], _WD_T),
    # \d+ rather than \d: the same windows (a number's digits are adjacent), one match per number, not per digit
    **dict.fromkeys(["year", "iso", "numeric", "year_pair", "clock", "clock24", "clock_military"], r"\d+"),
    "decade": r"\d0['’]?s|ties\b",  # every decade ends "0s" ("1990s", "'90s", "90's") or "-ties" ("the twenties")
    "season": r"spring|summer|autumn|fall|winter",
    "relday": r"today|tonight|yesterday|tomorrow",
    "this_pod": r"morning|afternoon|evening|night",
    "the_pod": r"morning|afternoon|evening",
    "overnight": r"overnight",
    "month_quarter": r"quarter",
    "units_later": r"(?-i:Minutes|Hours|Days|Weeks|Months|Years)",
    "early_hours": r"hours",
    "noon": r"\bnoon|midnight|midday|mid[-\s]?afternoon|mid[-\s]?morning|dawn|daybreak|dusk|nightfall|sunrise|sunset",
    "spelled_year": r"nineteen|eighteen|twenty|thousand",
    "q_abbr": r"Q[1-4]",
    "holiday": r"Christmas|Year|Day|Halloween|Thanksgiving|Easter",
    "holiday_week": r"Easter|Holy|Christmas|Thanksgiving",
}
_NO_WORD_START = {"decade"}  # "'90s" starts with an apostrophe
RULES[:] = [Rule(r.name, r.regex if r.name in _NO_WORD_START else re.compile(r"\b(?:" + r.regex.pattern + ")", r.regex.flags),
                 r.handler, r.priority,
                 re.compile(_TRIGGERS[r.name], re.I) if r.name in _TRIGGERS else None) for r in RULES]
RULES.sort(key=lambda r: -r.priority)


# --------------------------------------------------------------------------- matching API


@dataclass
class Hit:
    start: int  # offsets of the extent (group x) in the searched text
    end: int
    rule: Rule
    match: re.Match


def _extent(m: re.Match) -> tuple[int, int]:
    try:
        s, e = m.span("x")
        if s >= 0:
            return s, e
    except IndexError:
        pass
    return m.span()


_HYPHEN_ADJ = re.compile(r"(?i:the|a|an)(\s+)(?:\S+\s+)?\S+-(?:\S+-)?(?:year|month|week|day|hour|minute|quarter|decade)$")


_BEFORE, _AFTER = 90, 60


# ---- literal prefilter
#
# Every match of a rule (or of a trigger) consumes one of a few literal strings: "ago" needs one of "ago",
# "earlier", "later", …; "quarter" needs "quarter".  The strings are read off the parsed regular expression
# (``_needed``), so a text or a trigger window that contains none of them cannot hold a match and its regex
# scan is skipped; the matches found are exactly those of the full scan.  The check runs on the lower-cased
# text: for every character but "İ", "ı" and "ſ", a case-insensitive match of an ASCII letter is that letter
# after ``str.lower()``, and the lower-cased text keeps every offset; a text holding one of those three is
# scanned without the prefilter.

# The regular-expression parser is private (``re._parser``, Python 3.11+) and not in the type stubs; without it
# every scan simply runs unfiltered.
_sre_c: Any
_sre_p: Any
try:
    _sre_c, _sre_p = importlib.import_module("re._constants"), importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - a Python that moved them again
    _sre_c = _sre_p = None

_FOLD_UNSAFE = re.compile("[\u0130\u0131\u017f]")  # İ ı ſ: case-insensitive matches of i/s that lower() misses


def _needed_seq(items) -> frozenset[str] | None:
    """One of these (lower-cased) strings is consumed by every match of the parsed sequence ``items``."""
    cands: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is _sre_c.LITERAL:
            run += chr(av).lower()
            continue
        if run:
            cands.append(frozenset([run]))
            run = ""
        need = _needed_item(op, av)
        if need is not None:
            cands.append(need)
    if run:
        cands.append(frozenset([run]))
    if not cands:
        return None
    return max(cands, key=lambda c: (min(len(x) for x in c), -len(c)))


def _needed_item(op, av) -> frozenset[str] | None:
    if op is _sre_c.SUBPATTERN:
        return _needed_seq(av[-1])
    if op is _sre_c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            need = _needed_seq(branch)
            if need is None:
                return None
            out |= need
        return frozenset(x for x in out if not any(y != x and y in x for y in out))
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] >= 1:
        return _needed_seq(av[2])
    return None  # anything else (classes, anchors, lookarounds, optional parts) needs no literal


def _needed(pattern: re.Pattern | None) -> tuple[str, ...] | None:
    """The literal strings one of which every match of ``pattern`` consumes, or None when there are none."""
    if pattern is None or _sre_p is None:
        return None
    try:
        need = _needed_seq(_sre_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - an unknown parser structure: no prefilter
        return None
    if not need or any(not c.isascii() and c.lower() != c.upper() for lit in need for c in lit):
        return None  # a cased non-ASCII letter may match case-insensitively what lower() does not give
    return tuple(sorted(need))


def _lowered(text: str) -> str | None:
    """``text`` lower-cased for the literal prefilter, or None when the prefilter cannot be used on it."""
    if not text.isascii() and _FOLD_UNSAFE.search(text):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def _has_any(low: str, needed: tuple[str, ...], a: int = 0, b: int | None = None) -> bool:
    """Whether one of the strings ``needed`` lies wholly inside ``low[a:b]``."""
    if b is None:
        b = len(low)
    for lit in needed:
        if low.find(lit, a, b) >= 0:
            return True
    return False


def _lower_variant(trigger: re.Pattern) -> re.Pattern | None:
    """``trigger`` (case-insensitive) as a case-sensitive pattern over lower-cased text, when that is the same.

    Only for plain patterns: literals, alternatives, classes and the escapes ``\\b`` and ``\\d``, which
    ``lower()`` leaves alone (a character and its lower case agree on ``\\w`` and ``\\d``); such a pattern
    matches a text (no "İ", "ı", "ſ") exactly where its lower-cased form matches the lower-cased text, and a
    case-sensitive scan is several times faster.
    """
    pattern = trigger.pattern
    if not trigger.flags & re.I or re.search(r"\(\?(?!:)|\\[^bd]", pattern):
        return None
    return re.compile(pattern.lower(), trigger.flags & ~re.I)


# ---- first-character guard
#
# Python's matcher tries a rule at every position of its window, and most positions fail only after the
# rule's leading alternatives have all been tried.  Every match starts with a character of a small set read
# off the parsed pattern (``_first``: "ago" starts with a number, a vague amount or a modifier), so a
# zero-width, case-sensitive lookahead for that set, put in front of the rule, rejects the other positions
# at once.  The lookahead consumes nothing and every match passes it, so the matches stay the same.


def _first_seq(items) -> tuple[set[str], bool] | None:
    """The characters a match of the parsed sequence can start with (``"\\d"`` for any digit) and whether
    it can match the empty string, or None when the pattern holds something this does not read."""
    out: set[str] = set()
    for op, av in items:
        got = _first_item(op, av)
        if got is None:
            return None
        chars, nullable = got
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[set[str], bool] | None:
    if op is _sre_c.LITERAL:
        return {chr(av)}, False
    if op is _sre_c.IN:
        out: set[str] = set()
        for member, value in av:
            if member is _sre_c.LITERAL:
                out.add(chr(value))
            elif member is _sre_c.RANGE and value[1] - value[0] < 64:
                out |= {chr(c) for c in range(value[0], value[1] + 1)}
            elif member is _sre_c.CATEGORY and value is _sre_c.CATEGORY_DIGIT:
                out.add("\\d")
            else:
                return None  # a negated class, \w, \s …
        return out, False
    if op is _sre_c.BRANCH:
        out, nullable = set(), False
        for branch in av[1]:
            got = _first_seq(branch)
            if got is None:
                return None
            out |= got[0]
            nullable = nullable or got[1]
        return out, nullable
    if op is _sre_c.SUBPATTERN:
        return _first_seq(av[-1])
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
        got = _first_seq(av[2])
        return None if got is None else (got[0], got[1] or av[0] == 0)
    if op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):
        return set(), True  # anchors and lookarounds consume nothing
    return None


def _first_guard(pattern: re.Pattern) -> str | None:
    """``(?-i:(?=[…]))`` admitting every character a match of ``pattern`` can start with, or None."""
    if _sre_p is None:
        return None
    try:
        got = _first_seq(_sre_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - an unknown parser structure: no guard
        return None
    if got is None or got[1]:
        return None
    chars: set[str] = set()
    for c in got[0]:
        c = _FOLD_OF.get(c, c)
        if c == "\\d":
            chars.add(c)
        elif c.isascii() and c.isalpha():  # both cases and every other character matching it case-insensitively
            low = c.lower()
            chars |= {low, low.upper(), *_FOLDS.get(low, "")}
        elif c.lower() != c or c.upper() != c:
            return None  # a cased non-ASCII letter: its case-insensitive matches are not listed here
        else:
            chars.add(re.escape(c))
    return "(?-i:(?=[" + "".join(sorted(chars)) + "]))"


# Every character that matches an ASCII letter case-insensitively, beyond its two cases (all of Unicode checked).
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_FOLD_OF = {f: letter for letter, folds in _FOLDS.items() for f in folds}

RULES[:] = [replace(r, regex=re.compile(guard + r.regex.pattern, r.regex.flags))
            if (guard := _first_guard(r.regex)) else r for r in RULES]

_RULE_NEEDS = {id(r): (r, _needed(r.regex)) for r in RULES}  # the rule is kept to check the id is still its own
_TRIGGER_NEEDS = {(r.trigger.pattern, r.trigger.flags): _needed(r.trigger) for r in RULES if r.trigger is not None}
_ALL_NEEDS = tuple(sorted({lit for needs in (*(n for _, n in _RULE_NEEDS.values()), *_TRIGGER_NEEDS.values())
                           if needs for lit in needs}))
_TRIGGER_LOWER = {(r.trigger.pattern, r.trigger.flags): _lower_variant(r.trigger) for r in RULES
                  if r.trigger is not None}


def _windows(trigger: re.Pattern, text: str) -> list[list[int]]:
    windows: list[list[int]] = []
    for t in trigger.finditer(text):
        a, b = max(0, t.start() - _BEFORE), min(len(text), t.end() + _AFTER)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    return windows


def _scan(r: Rule, text: str, window_cache: dict | None = None, low: str | None = None,
          present: frozenset[str] | None = None):
    """The matches of rule ``r`` in ``text`` (only in the windows around its trigger, when it has one).

    ``low`` is ``_lowered(text)``; given, windows (and texts) without any literal the rule needs are skipped.
    ``present`` (with ``low``) is the set of prefilter literals that occur in ``low`` (``_literals_present``).
    """
    known = _RULE_NEEDS.get(id(r)) if low is not None else None
    needed = known[1] if known is not None and known[0] is r else None
    if needed is not None:
        if present is not None:
            needed = tuple(present.intersection(needed))  # (in any order: only whether one is found counts)
            if not needed:
                return
        elif low is not None and not _has_any(low, needed):
            return
    if r.trigger is None:
        yield from r.regex.finditer(text)
        return
    # Many rules share one trigger (the unit words); find its windows once per text.
    key = (r.trigger.pattern, r.trigger.flags)
    if window_cache is not None and key in window_cache:
        windows = window_cache[key]
    else:
        if low is None:
            windows = _windows(r.trigger, text)
        else:
            tneed, lowered = _TRIGGER_NEEDS.get(key), _TRIGGER_LOWER.get(key)
            if tneed is not None and not (any(lit in present for lit in tneed) if present is not None
                                          else _has_any(low, tneed)):
                windows = []
            elif lowered is not None:
                windows = _windows(lowered, low)
            else:
                windows = _windows(r.trigger, text)
        if window_cache is not None:
            window_cache[key] = windows
    last_end = -1
    for a, b in windows:
        if needed is not None and low is not None and not _has_any(low, needed, a, b):
            continue  # no match can lie in this window
        # begin at a line or sentence edge so lookbehinds and "^" see a clean start
        for m in r.regex.finditer(text, a, b):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


def _literals_present(low: str) -> frozenset[str]:
    """The prefilter literals (of every rule and trigger) that occur in the lower-cased text."""
    return frozenset([lit for lit in _ALL_NEEDS if lit in low])


def find_all(text: str) -> list[Hit]:
    """Every rule match in ``text`` (overlapping; resolution happens later)."""
    hits = []
    window_cache: dict = {}
    low = _lowered(text)
    present = _literals_present(low) if low is not None else None
    for r in RULES:
        for m in _scan(r, text, window_cache, low, present):
            s, e = _extent(m)
            # drop trailing whitespace/punctuation inside the extent
            while e > s and text[e - 1] in " \t\n,;:":
                e -= 1
            if text[e - 2:e] in ("'s", "’s") and e - 2 > s:
                e -= 2  # possessive: "Friday's meeting" → "Friday"
            lead = _HYPHEN_ADJ.match(text, s, e)
            if lead:
                s = lead.end(1)  # "the two-week strike": "the" belongs to the noun phrase
            if e > s:
                hits.append(Hit(s, e, r, m))
    return hits


def resolve(hit: Hit, ctx: Ctx) -> Result | None:
    return hit.rule.handler(hit.match, ctx)


@lru_cache(maxsize=4096)
def _fullmatch_rules(text: str) -> tuple[int, ...]:
    return tuple(i for i, r in enumerate(RULES) if (m := r.regex.fullmatch(text)) and _extent(m) == (0, len(text)))


def reads_alone(text: str) -> bool:
    """Whether some rule matches the whole of ``text`` taken out of its sentence."""
    return bool(_fullmatch_rules(text))


def normalise_text(text: str, ctx: Ctx) -> tuple[Result, str] | None:
    """``(type, value), rule name`` of the first rule that matches the whole of ``text``."""
    for i in _fullmatch_rules(text):
        r = RULES[i]
        m = r.regex.fullmatch(text)
        assert m is not None  # _fullmatch_rules only lists rules that match
        res = r.handler(m, ctx)
        if res is not None:
            return res, r.name
    return None
