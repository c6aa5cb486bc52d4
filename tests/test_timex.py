"""Tests for newsledger.timex: TIMEX3 values as readers write them (pages and text reports only)."""

from __future__ import annotations

import pytest

from newsledger.timex import describe_period, describe_timex


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2016", "2016"),
        ("2016-XX", "2016"),
        ("2016-XX-XX", "2016"),
        ("2016-07", "2016-07"),
        ("2016-07-XX", "2016-07"),
        ("2016-07-21", "2016-07-21"),
        ("2016-W30", "week 30 of 2016"),
        ("2016-WXX", "2016"),
        ("2016-W30-WE", "the weekend of week 30 of 2016"),
        ("2016-Q3", "Q3 2016"),
        ("2016-H1", "first half of 2016"),
        ("2016-SU", "summer 2016"),
        ("199", "1990s"),
        ("199X", "1990s"),
        ("19", "1900s"),
        ("19XX", "1900s"),
        ("2016-07-21T15:00", "2016-07-21 15:00"),
        ("2016-07-21TMO", "2016-07-21 morning"),
        ("2016-07-21TXX", "2016-07-21"),
        ("XXXX-07-21", "July 21 (year unknown)"),
        ("XXXX-07", "July (year unknown)"),
        ("XXXX-XX-XX", "an unknown date"),
        ("XXXX-WXX-2", "Tuesday"),
        ("PRESENT_REF", "now"),
        ("PAST_REF", "the past"),
        ("FUTURE_REF", "the future"),
        ("P2Y", "2 years"),
        ("P1D", "1 day"),
        ("PXY", "years"),
        ("PT30M", "30 minutes"),
        ("P3M", "3 months"),
        ("P1CE", "1 century"),
        ("not a timex", "not a timex"),
        ("2016-13", "2016-13"),
        ("", ""),
        (None, ""),
    ],
)
def test_describe_timex(value, shown):
    assert describe_timex(value) == shown


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2014-01-01", "2014-12-31", "2014"),
        ("2016-07-01", "2016-07-31", "2016-07"),
        ("2014-06-12", "2014-06-12", "2014-06-12"),
        ("2014-06-12", "2014-06-20", "2014-06-12 – 2014-06-20"),
        ("2016-01-01", "2016-XX", "2016-01-01 – 2016"),
        ("2014", "2016-W30", "2014 – week 30 of 2016"),
        ("2016-XX", "2016-XX-XX", "2016"),
        (None, "2016-XX", "? – 2016"),
        ("2016-01-01", None, "2016-01-01 – ?"),
        (None, None, ""),
    ],
)
def test_describe_period(start, end, shown):
    assert describe_period(start, end) == shown
