"""Time expressions: extents (TimeML conventions), TIMEX3 types and values, inference."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.annotate import load_nlp
from newsledger.extract.times import extract_times, infer_publication_date, normalise_time

ANCHOR = "2016-07-21"  # a Thursday
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "000_dee408f9bab61627.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def times(nlp, text, anchor=ANCHOR, kind="published"):
    return extract_times(nlp(text), anchor, kind)


def only(nlp, text, anchor=ANCHOR):
    found = times(nlp, text, anchor)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t.text, t.type, t.value


@pytest.mark.parametrize("text, expected", [
    # explicit dates in the usual news formats
    ("The attack happened in 2014.", ("2014", "DATE", "2014")),
    ("He arrived on July 4, 2016, with aid.", ("July 4, 2016", "DATE", "2016-07-04")),
    ("He left on 21 July 2016 with aid.", ("21 July 2016", "DATE", "2016-07-21")),
    ("The report was published on 2016-07-19.", ("2016-07-19", "DATE", "2016-07-19")),
    ("Sales rose in March 2015.", ("March 2015", "DATE", "2015-03")),
    ("He was born on 03/04/2011.", ("03/04/2011", "DATE", "2011-03-04")),
    ("The deal was signed in mid-2015.", ("mid-2015", "DATE", "2015")),
    ("The station opened in the spring of 2012.", ("the spring of 2012", "DATE", "2012-SP")),
    ("Results came in the fourth quarter of 2015.", ("the fourth quarter of 2015", "DATE", "2015-Q4")),
    ("The conflict began in the 1990s.", ("the 1990s", "DATE", "199")),
    ("It will be signed on Sept. 30.", ("Sept. 30", "DATE", "2016-09-30")),
    ("It was signed on Dec. 15.", ("Dec. 15", "DATE", "2015-12-15")),  # past tense, months ahead → last year
    # relative to the anchor
    ("The vote took place on Tuesday.", ("Tuesday", "DATE", "2016-07-19")),
    ("The vote will take place on Tuesday.", ("Tuesday", "DATE", "2016-07-26")),
    ("Prices fell last month.", ("last month", "DATE", "2016-06")),
    ("The camp was seized two years ago.", ("two years ago", "DATE", "2014")),
    ("Earlier this year, the army advanced.", ("Earlier this year", "DATE", "2016")),
    ("The law passed last year.", ("last year", "DATE", "2015")),
    ("Talks will resume next week.", ("next week", "DATE", "2016-W30")),
    ("Profit fell in the third quarter.", ("the third quarter", "DATE", "2016-Q3")),
    ("The talks resumed this summer.", ("this summer", "DATE", "2016-SU")),
    ("The war ended three decades ago.", ("three decades ago", "DATE", "198")),
    ("She died yesterday in hospital.", ("yesterday", "DATE", "2016-07-20")),
    ("Police met today to discuss it.", ("today", "DATE", "2016-07-21")),
    # present / past / future references
    ("Violence has risen recently.", ("recently", "DATE", "PAST_REF")),
    ("Troops are now in the city.", ("now", "DATE", "PRESENT_REF")),
    ("The ministry is currently investigating.", ("currently", "DATE", "PRESENT_REF")),
    ("Elections will be held soon.", ("soon", "DATE", "FUTURE_REF")),
    # durations (the preposition "for" is outside the extent)
    ("Fighting continued for the past three weeks.", ("the past three weeks", "DURATION", "P3W")),
    ("He was jailed for two years.", ("two years", "DURATION", "P2Y")),
    ("The strike lasted 30 days.", ("30 days", "DURATION", "P30D")),
    ("It lasted 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M")),
    ("The siege lasted about five hours.", ("about five hours", "DURATION", "PT5H")),
    ("They fought for several years.", ("several years", "DURATION", "PXY")),
    # times of day
    ("The blast occurred at 3 p.m. yesterday.", ("3 p.m. yesterday", "TIME", "2016-07-20T15:00")),
    ("The meeting ended at 10:30 a.m.", ("10:30 a.m.", "TIME", "2016-07-21T10:30")),
    ("The rally was held on Saturday night.", ("Saturday night", "TIME", "2016-07-16TNI")),
    # 24-hour clocks with a zone or "hours" are times, not years
    ("The rocket lifted off at 1805 local time.", ("1805 local time", "TIME", "2016-07-21T18:05")),
    ("The shelling began at 0600 GMT.", ("0600 GMT", "TIME", "2016-07-21T06:00")),
    ("Troops moved in at 1400 hours.", ("1400 hours", "TIME", "2016-07-21T14:00")),
    # sets
    ("Police patrol the area daily.", ("daily", "SET", "P1D")),
    ("The market opens every Monday.", ("every Monday", "SET", "XXXX-WXX-1")),
])
def test_values(nlp, text, expected):
    assert only(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "the past/next UNIT" without a number is the unit before/after the anchor's (TimeBank)
    ("Hate groups grew over the past year.", ("the past year", "DATE", "2015")),
    ("The plant will be closed over the next year.", ("the next year", "DATE", "2017")),
    # "three days later": the amount is a DURATION, "later" a signal outside the extent
    ("Three days later, the index recovered.", ("Three days", "DURATION", "P3D")),
    # fiscal and reporting periods
    ("Sales rose in the latest quarter.", ("the latest quarter", "DATE", "2016-Q2")),
    ("Sales were $6 billion in the latest fiscal year.", ("the latest fiscal year", "DATE", "2015")),
    ("The merger should be complete by year's end.", ("year's end", "DATE", "2016")),
    # a frequency keeps its SET reading
    ("The pills are taken twice a day.", ("twice a day", "SET", "P1D")),
    # spelled-out years of broadcast transcripts
    ("It was a nineteen ninety-seven attack.", ("nineteen ninety-seven", "DATE", "1997")),
    # weekdays: a plan reported in the past points ahead; month-days under "would" are not moved back a year
    ("The team planned to leave Nairobi on Friday.", ("Friday", "DATE", "2016-07-22")),
    ("The talks, set to resume Monday, were delayed.", ("Monday", "DATE", "2016-07-25")),
    ("The team had planned to leave on Monday but stayed.", ("Monday", "DATE", "2016-07-18")),
    ("Officials said the summit would be held on Dec. 24.", ("Dec. 24", "DATE", "2016-12-24")),
    ("Officials said the summit was held on Dec. 24.", ("Dec. 24", "DATE", "2015-12-24")),
    # "the future" as a time, not as a topic
    ("Prices will rise in the future.", ("the future", "DATE", "FUTURE_REF")),
    ("Prices will fall soon.", ("soon", "DATE", "FUTURE_REF")),
])
def test_values_new_rules(nlp, text, expected):
    assert only(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Earlier, the army had advanced.",  # a connective, not a time
    "He was killed soon after his capture.",  # "soon after X": a signal
    "They said they would act as soon as the vote ended.",
    "That is the problem in today's world.",  # generic "today's"
    "Those are the people of tomorrow.",
    "Jan Kavan of the Czech Republic signed the treaty.",  # a first name
    "Iraq imports about three-quarters of its food.",  # fractions
    "Funds account for more than a quarter of the market.",
    "A second group of directors resigned.",  # an ordinal
    'He said so on CBS\'s "60 Minutes" programme.',  # titles
    'Baker said on ABC\'s "This Week" that talks failed.',
    "The plan will save $500 million a year.",  # rates
    "The airline runs four flights a week.",
    "It is important to the future of our peoples.",  # the future as a topic
    "The future looks bleak.",
    "The quarter-to-quarter comparison was poor.",
])
def test_not_time_expressions(nlp, text):
    assert [(t.text, t.value) for t in times(nlp, text)] == []


def test_fiscal_periods_ended(nlp):
    # TimeBank: "the quarter ended June 30" is the quarter (a DATE), "the year ended June 30" a span
    found = times(nlp, "The company lost $92 million for the quarter ended June 30.")
    assert [(t.text, t.type, t.value) for t in found] == [("the quarter", "DATE", "2016-Q2"),
                                                          ("June 30", "DATE", "2016-06-30")]
    found = times(nlp, "Revenue rose 5% for the year ended June 30.")
    assert [(t.text, t.type, t.value) for t in found] == [("the year", "DURATION", "P1Y"),
                                                          ("June 30", "DATE", "2016-06-30")]


def test_following_unit_follows_the_story(nlp):
    # "the following month" is one month after the story's time, not after the publication date
    found = times(nlp, "The company was sold in March 2014. The following month, it closed.")
    assert [(t.text, t.value) for t in found] == [("March 2014", "2014-03"), ("The following month", "2014-04")]


def test_previous_weekday_is_anaphoric(nlp):
    found = times(nlp, "The index closed lower on Friday, down 4.5% from the previous Friday.")
    assert [(t.text, t.value) for t in found] == [("Friday", "2016-07-15"), ("the previous Friday", "2016-07-08")]


def test_as_soon_as_weekday_keeps_the_weekday(nlp):
    found = times(nlp, "The group might come to the U.S. as soon as Tuesday, reports said.")
    assert [t.text for t in found] == ["Tuesday"]


def test_as_soon_as_weekday_points_ahead(nlp):
    # ANCHOR 2016-07-21 is a Thursday; "as soon as" / "as early as" bound what lies ahead
    found = times(nlp, "The group might come to the U.S. as soon as Tuesday, reports said.")
    assert [(t.text, t.value) for t in found] == [("Tuesday", "2016-07-26")]
    found = times(nlp, "A ruling could come as early as Monday.")
    assert [(t.text, t.value) for t in found] == [("Monday", "2016-07-25")]


def test_effective_date_points_ahead(nlp):
    # "effective Feb. 1" in a past-tense report: the change takes hold ahead (ANCHOR is July 2016);
    # "became effective" tells of one that already has
    assert only(nlp, "The board named him chairman, effective Feb. 1.") == ("Feb. 1", "DATE", "2017-02-01")
    assert only(nlp, "The board raised prices, effective on Jan. 15.") == ("Jan. 15", "DATE", "2017-01-15")
    assert [(t.text, t.value) for t in times(nlp, "The cut was announced in May, effective July 1.")] == [
        ("May", "2016-05"), ("July 1", "2016-07-01")]  # already in force: still this year
    assert only(nlp, "The law became effective Feb. 1.") == ("Feb. 1", "DATE", "2016-02-01")


def test_years_earlier_than_a_date_keep_its_precision(nlp):
    # counted from an explicit day or month just named, not from the publication date
    text = "For the six months ended June 12, net was $6.5 million, compared with $18.1 million a year earlier."
    assert [(t.text, t.value) for t in times(nlp, text)] == [
        ("the six months", "P6M"), ("June 12", "2016-06-12"), ("a year earlier", "2015-06-12")]
    text = "He was arrested in March 2014. Two years earlier, he had moved to Paris."
    assert [(t.text, t.value) for t in times(nlp, text)] == [("March 2014", "2014-03"), ("Two years earlier", "2012-03")]
    assert only(nlp, "Net rose 5% from a year earlier.") == ("a year earlier", "DATE", "2015")


def test_open_ended_future_is_no_time(nlp):
    # TimeML leaves "as soon as possible" and "for the foreseeable future" unmarked: they name no time
    assert times(nlp, "He asked them to return the boy as soon as possible.") == []
    assert times(nlp, "Troops will stay in the region for the foreseeable future.") == []
    assert only(nlp, "The boy will return soon.") == ("soon", "DATE", "FUTURE_REF")
    assert only(nlp, "Troops will leave in the near future.") == ("the near future", "DATE", "FUTURE_REF")


def test_present_plan_points_ahead(nlp):
    # a plan stated in the present is about what lies ahead; a plain past stays in the past
    assert only(nlp, "On Tuesday, the league plans to hold a news conference.") == ("Tuesday", "DATE", "2016-07-26")
    assert only(nlp, "The vote is scheduled for Friday.") == ("Friday", "DATE", "2016-07-22")
    assert only(nlp, "On Tuesday, the league held a news conference.") == ("Tuesday", "DATE", "2016-07-19")


def test_reporting_period_a_year_back(nlp):
    # financial reports: the quarter in focus, a year back
    text = "Profit rose in the second quarter. Sales for last year's quarter were $3 million."
    assert [(t.text, t.value) for t in times(nlp, text)] == [("the second quarter", "2016-Q2"),
                                                            ("last year's quarter", "2015-Q2")]
    text = "Profit rose in the second quarter, compared with $2 million in the corresponding period last year."
    assert [(t.text, t.value) for t in times(nlp, text)] == [("the second quarter", "2016-Q2"),
                                                            ("the corresponding period last year", "2015-Q2")]
    text = "Profit rose in the second quarter. For the quarter a year ago, it earned $1 million."
    assert [(t.text, t.value) for t in times(nlp, text)] == [("the second quarter", "2016-Q2"),
                                                            ("the quarter a year ago", "2015-Q2")]


def test_year_period_takes_the_quarter_in_focus(nlp):
    text = "Profit rose in the second quarter. It earned $1 million in the 2015 quarter."
    assert [(t.text, t.type, t.value) for t in times(nlp, text)] == [
        ("the second quarter", "DATE", "2016-Q2"), ("the 2015 quarter", "DATE", "2015-Q2")]
    text = "Profit rose in the second quarter. In the 2016 period, costs fell; that quarter was good."
    assert [(t.text, t.value) for t in times(nlp, text)] == [
        ("the second quarter", "2016-Q2"), ("the 2016 period", "2016-Q2"), ("that quarter", "2016-Q2")]
    # after "the first nine months" the period in focus is no longer a quarter
    text = ("Profit rose in the second quarter. In the first nine months, net was $306 million, "
            "compared with a loss in the 2015 period.")
    assert [(t.text, t.value) for t in times(nlp, text)][-1] == ("the 2015 period", "2015")


def test_forecast_quarter_is_not_the_reporting_period(nlp):
    text = ("Profit fell in the second quarter. Analysts expect losses through the third quarter of 2017. "
            "In the year-ago period, it earned $101 million.")
    assert [(t.text, t.value) for t in times(nlp, text)][-1] == ("the year-ago period", "2015-Q2")


def test_year_ago_adjective_extent(nlp):
    # "The year-ago results": the adjective is the expression, "The year" is not "this year"
    text = "Profit rose in the second quarter. The year-ago results were restated."
    assert [(t.text, t.value) for t in times(nlp, text)] == [("the second quarter", "2016-Q2"),
                                                            ("year-ago", "2015-Q2")]


def test_last_half_of_year(nlp):
    assert only(nlp, "Earnings will be lower for the last half of 2015.") == (
        "the last half of 2015", "DATE", "2015-H2")


def test_last_month_day_keeps_the_day(nlp):
    # "last Oct. 23": the day, not "last Oct" (month)
    assert only(nlp, "He was shot to death last Oct. 23 at his home.") == ("Oct. 23", "DATE", "2015-10-23")


def test_rates_and_possessed_future_are_not_times(nlp):
    assert times(nlp, "Sales should rise 8.5% annually through 2018.")[0].text == "2018"
    assert len(times(nlp, "Sales should rise 8.5% annually through 2018.")) == 1
    assert times(nlp, "The plant would produce about 10,000 units annually.") == []
    assert times(nlp, "The chip is Intel's future flagship.") == []
    assert times(nlp, "For its future strategy, the thrift may branch out.") == []
    assert only(nlp, "The commemorations are held here annually.") == ("annually", "SET", "P1Y")
    assert only(nlp, "It will help Kenya meet future medical disasters.") == ("future", "DATE", "FUTURE_REF")


def test_todays_edition_is_the_anchor_day(nlp):
    found = times(nlp, "The offer was advertised in today's editions of the Journal.")
    assert [(t.text, t.value) for t in found] == [("today", "2016-07-21")]
    assert times(nlp, "They are the chips of choice in many of today's computers.") == []


def test_second_day_of_a_pair(nlp):
    found = times(nlp, "The summit will be held on April 24 and 25.")
    assert [(t.text, t.value) for t in found] == [("April 24", "2017-04-24"), ("25", "2017-04-25")]
    found = times(nlp, "Prices rose on July 4 and 5 percent later.")
    assert [t.text for t in found] == ["July 4"]


def test_planned_event_lies_ahead(nlp):
    assert only(nlp, "Protesters planned a large demonstration on Saturday.") == ("Saturday", "DATE", "2016-07-23")


def test_pre_dawn_is_not_a_time(nlp):
    assert times(nlp, "Agents took the child in a pre-dawn raid.") == []
    assert only(nlp, "Agents took the child at dawn.") == ("dawn", "TIME", "2016-07-21TMO")


def test_weeks_ahead(nlp):
    assert only(nlp, "Funds may sell junk bonds in the weeks ahead.") == ("the weeks ahead", "DURATION", "PXW")


def test_no_time_in_ages_or_counts(nlp):
    assert times(nlp, "A 10-year-old boy and 1,700 soldiers were hurt.") == []
    assert times(nlp, "He is 40 years old.") == []


def test_since_and_as_of_ranges(nlp):
    (t,) = times(nlp, "45 sentences had been carried out since the beginning of 2016.")
    # the beginning of a year is its first day
    assert (t.text, t.value, t.range_start, t.range_end) == ("the beginning of 2016", "2016", "2016-01-01", ANCHOR)
    (t,) = times(nlp, "Prices have risen since 2014.")
    assert (t.value, t.range_start, t.range_end) == ("2014", "2014", ANCHOR)
    (t,) = times(nlp, "The work must be finished by the end of March 2017.")
    assert (t.text, t.value, t.range_start, t.range_end) == ("the end of March 2017", "2017-03", None, "2017-03-31")
    (t,) = times(nlp, "Rents have doubled since the start of March 2016.")
    assert (t.range_start, t.range_end) == ("2016-03-01", ANCHOR)
    (t,) = times(nlp, "As of last month, 45 people had died.")
    assert (t.text, t.value, t.range_start, t.range_end) == ("last month", "2016-06", None, "2016-06")
    # "as of Y" in the same sentence ends the "since X" range at Y instead of the anchor
    a, b = times(nlp, "As of last month, 45 sentences had been carried out since the beginning of 2016.")
    assert (a.text, a.value, a.range_end) == ("last month", "2016-06", "2016-06")
    assert (b.text, b.range_start, b.range_end) == ("the beginning of 2016", "2016-01-01", "2016-06")
    a, b = times(nlp, "From 2010 to 2012 the town grew.")
    assert (a.range_start, a.range_end, b.range_start, b.range_end) == ("2010", "2012", "2010", "2012")


def test_at_the_time_is_anaphoric(nlp):
    found = times(nlp, "The camp fell in 2014. The group claimed at the time to have won.")
    assert [(t.text, t.value) for t in found] == [("2014", "2014"), ("the time", "2014")]


def test_year_only_anchor_uses_placeholders(nlp):
    def vals(text):
        return [(t.value, t.anchor_kind) for t in times(nlp, text, "2016")]

    assert vals("The camp was seized two years ago.") == [("2014", "published")]
    assert vals("Prices fell last month.") == [("2016-XX", "published")]
    assert vals("She died yesterday in hospital.") == [("2016-XX-XX", "published")]
    assert vals("Talks resumed last week.") == [("2016-WXX", "published")]


def test_no_anchor(nlp):
    found = times(nlp, "The camp was seized two years ago, in July 2014, for three days.", None)
    assert [(t.text, t.type, t.value, t.anchor, t.anchor_kind) for t in found] == [
        ("two years ago", "DATE", None, None, "none"),
        ("July 2014", "DATE", "2014-07", None, "none"),
        ("three days", "DURATION", "P3D", None, "none"),
    ]


def test_ids_and_offsets(nlp):
    text = "On Tuesday, officials said the talks of March 3, 2015 failed."
    found = times(nlp, text)
    assert [t.id for t in found] == ["T1", "T2"]
    assert [text[t.start:t.end] for t in found] == ["Tuesday", "March 3, 2015"]


def test_normalise_time():
    assert normalise_time("since 2016", ANCHOR) == ("DATE", "2016", "2016", ANCHOR)
    assert normalise_time("last Tuesday", ANCHOR, "past") == ("DATE", "2016-07-19", None, None)
    assert normalise_time("two years ago", "2016") == ("DATE", "2014", None, None)
    assert normalise_time("the third quarter of 2015", None) == ("DATE", "2015-Q3", None, None)
    assert normalise_time("the weather", "2016") is None


def test_canonical_example_inference(nlp):
    from newsledger.clean import clean_plain

    text = clean_plain(SAMPLE.read_text(encoding="utf-8")).text
    doc = nlp(text)
    inferred = infer_publication_date(doc)
    assert inferred is not None and inferred.value == "2016"
    cited = {e["text"] for e in inferred.evidence}
    assert {"2014", "two years ago"} <= cited
    for e in inferred.evidence:
        assert text[e["start"]:e["end"]] == e["text"] and e["reasoning"]
    found = {t.text: t for t in extract_times(doc, inferred.value, "inferred")}
    assert found["2014"].value == "2014"
    assert found["two years ago"].value == "2014"
    assert found["the beginning of 2016"].range_start == "2016-01-01"
    assert found["the beginning of 2016"].range_end == "2016-XX"  # "as of last month" in the same sentence
    assert found["last month"].value == "2016-XX" and found["last month"].range_end == "2016-XX"
    assert all(t.anchor_kind == "inferred" for t in found.values())


def test_inference_needs_evidence(nlp):
    assert infer_publication_date(nlp("The talks failed last week, officials said.")) is None
    assert infer_publication_date(nlp("The bridge opened in 1990. It closed in 2001.")) is None
    # the latest explicit year bounds the estimate from below: 2010 + 3 < 2015 is rejected
    doc = nlp("The town fell in 2010. It was retaken three years ago. Repairs began in 2015.")
    assert infer_publication_date(doc) is None
    doc = nlp("The town fell in 2012. It was retaken three years ago. Repairs began in 2014.")
    assert infer_publication_date(doc).value == "2015"


# ---- session rules: anaphoric days, reference day of clock times, tense of infinitives and modals,
# movable holidays, newspapers named "daily", "the week of <date>"


def _values(nlp, text, anchor=ANCHOR):
    return [(t.text, t.type, t.value) for t in times(nlp, text, anchor)]


@pytest.mark.parametrize("text, expected", [
    # "the next day" / "the following day" are one day after the day the story is at, not after the anchor
    ("Slepian was killed on Oct. 23. The next day, police searched the woods.",
     [("Oct. 23", "DATE", "2015-10-23"), ("The next day", "DATE", "2015-10-24")]),
    ("Slepian was killed on Oct. 23. The following day, police searched the woods.",
     [("Oct. 23", "DATE", "2015-10-23"), ("The following day", "DATE", "2015-10-24")]),
    # "the day after X" / "the day before X": one day on / back from the day in focus …
    ("Slepian was killed on July 2. Two men came to his house the day after his death.",
     [("July 2", "DATE", "2016-07-02"), ("the day", "DATE", "2016-07-03")]),
    # … but an appositive restates the date it follows
    ("He was last seen July 2, the day before the warrant was issued.",
     [("July 2", "DATE", "2016-07-02"), ("the day", "DATE", "2016-07-02")]),
    # "that night", "the same day": distal anaphora, the latest day mentioned other than the anchor day
    ("Slepian was killed Friday. That night, his family held a vigil.",
     [("Friday", "DATE", "2016-07-15"), ("That night", "TIME", "2016-07-15TNI")]),
    ("The shooting happened on July 2. On the same day, a fax was sent.",
     [("July 2", "DATE", "2016-07-02"), ("the same day", "DATE", "2016-07-02")]),
    # a clock time or "later in the day" without a day of its own is on the day in focus (this or the
    # previous sentence), else on the anchor day
    ("Slepian was killed on July 2. He was shot at 10 p.m. in his kitchen.",
     [("July 2", "DATE", "2016-07-02"), ("10 p.m.", "TIME", "2016-07-02T22:00")]),
    ("The meeting ended at 10:30 a.m.", [("10:30 a.m.", "TIME", "2016-07-21T10:30")]),
    ("The president left on Tuesday. He arrived in Philadelphia later in the day.",
     [("Tuesday", "DATE", "2016-07-19"), ("later in the day", "DATE", "2016-07-19")]),
    # an infinitive under an adjective takes the tense of the copula: "was due to" looks back …
    ("The offer had been due to expire Friday evening.", [("Friday evening", "TIME", "2016-07-15TEV")]),
    ("Officials weren't available to comment on Monday.", [("Monday", "DATE", "2016-07-18")]),
    # … "is due to", "am willing to" look ahead
    ("The offer is due to expire Friday.", [("Friday", "DATE", "2016-07-22")]),
    ("I am willing to leave on Monday.", [("Monday", "DATE", "2016-07-25")]),
    # a modal with a bare verb looks ahead; "may have" looks back; "could" may be a past ability
    ("The bug may strike at midnight Friday.", [("midnight Friday", "TIME", "2016-07-22T24:00")]),
    ("The attack may have happened on Monday.", [("Monday", "DATE", "2016-07-18")]),
    ("The grandparents could not be located Wednesday.", [("Wednesday", "DATE", "2016-07-20")]),
    # "this past weekend", "this coming week"
    ("This past weekend, doctors met in Buffalo.", [("This past weekend", "DATE", "2016-W28-WE")]),
    ("The rally is set for this coming weekend.", [("this coming weekend", "DATE", "2016-W29-WE")]),
    # "the week of <date>": that date's ISO week
    ("The report was released the week of July 4.", [("the week of July 4", "DATE", "2016-W27")]),
    # movable holidays
    ("It will be a theme of our campaign from now to Election Day.",
     [("now", "DATE", "PRESENT_REF"), ("Election Day", "DATE", "2016-11-08")]),
    ("The church was full on Easter.", [("Easter", "DATE", "2016-03-27")]),
    ("Stores closed on Good Friday.", [("Good Friday", "DATE", "2016-03-25")]),
    ("Rates will rise after Labor Day.", [("Labor Day", "DATE", "2016-09-05")]),
    ("The parade was held on Memorial Day.", [("Memorial Day", "DATE", "2016-05-30")]),
    ("He will be back by Memorial Day.", [("Memorial Day", "DATE", "2017-05-29")]),
    ("He visited Easter Island in 2015.", [("2015", "DATE", "2015")]),
    # "Easter week": the ISO week that holds Easter Sunday (2016-03-27)
    ("Protesters prayed as Easter week began.", [("Easter week", "DATE", "2016-W12")]),
    # a newspaper called "daily" is not a set; the adverb and the adjective are
    ("The Communist Party daily Granma compared him with Che.", []),
    ("The news weekly Der Spiegel reported it.", []),
    ("Rallies were held almost daily.", [("daily", "SET", "P1D")]),
])
def test_session_rules(nlp, text, expected):
    assert _values(nlp, text) == expected


@pytest.mark.parametrize("text, anchor, expected", [
    # "one day" between a subject or modal and its verb is an indefinite time ahead, not a length
    ("Islam will one day be the second largest religion.", ANCHOR, [("one day", "DATE", "FUTURE_REF")]),
    ("She hopes to one day fly to Mars.", ANCHOR, [("one day", "DATE", "FUTURE_REF")]),
    ("The strike lasted one day.", ANCHOR, [("one day", "DURATION", "P1D")]),
    # a generic "that day" with no day in focus is not a time expression; with one it is that day
    ("On a bad day, you have strong redemptions that day.", ANCHOR, []),
    ("He left on July 2. He was arrested that day.", ANCHOR, [("July 2", "DATE", "2016-07-02"), ("that day", "DATE", "2016-07-02")]),
    # an infinitive under an adjective that complements a past verb is past
    ("Problems made it difficult for Sun to meet demand well into the summer.", "2016-11-02", [("the summer", "DATE", "2016-SU")]),
    ("The rain made it impossible to hold the vote on Monday.", ANCHOR, [("Monday", "DATE", "2016-07-18")]),
    # "March"/"May" between a determiner and a noun is the month; a name or "the March on" is not
    ("The March accession will enable them to join.", ANCHOR, [("March", "DATE", "2017-03")]),
    ("They joined the March on Washington.", ANCHOR, []),
    ("The May government fell.", ANCHOR, []),
    # "then current": current at a past time
    ("Holders may buy shares at 50% of the then current market price.", ANCHOR, [("current", "DATE", "PAST_REF")]),
    # a deadline given or extended "until" a time lies ahead, though the giving is past
    ("INS has given the relatives until 9 a.m. Tuesday to sign a paper.", ANCHOR,
     [("9 a.m. Tuesday", "TIME", "2016-07-26T09:00")]),
    ("INS extended its deadline until Tuesday.", ANCHOR, [("Tuesday", "DATE", "2016-07-26")]),
    ("He stayed until Tuesday to finish the work.", ANCHOR, [("Tuesday", "DATE", "2016-07-19")]),
    # "in the morning" is that part of the day in focus, or generic without one; "mid afternoon"
    ("Prices crashed Friday. Dealers placed buy orders in the morning.", ANCHOR,
     [("Friday", "DATE", "2016-07-15"), ("the morning", "TIME", "2016-07-15TMO")]),
    ("He jogs in the morning.", ANCHOR, []),
    ("By mid afternoon, sources said the operation was over.", ANCHOR, [("mid afternoon", "TIME", "2016-07-21TAF")]),
    # "per <unit>" after what is counted is a rate; after a frequency it is a set
    ("The chip runs at 15 million instructions per second.", ANCHOR, []),
    ("They met twice per week.", ANCHOR, [("per week", "SET", "P1W")]),
    # a holiday week is the ISO week that holds the holiday
    ("Sales slumped during Christmas week.", "2016-11-02", [("Christmas week", "DATE", "2015-W52")]),
    ("They will travel during Thanksgiving week.", ANCHOR, [("Thanksgiving week", "DATE", "2016-W47")]),
])
def test_value_rules_from_timeml_errors(nlp, text, anchor, expected):
    assert _values(nlp, text, anchor) == expected


def test_reported_future_month_is_the_nearest(nlp):
    # a reported future ("would") takes the nearest such month, not the anchor's year
    text = "The company said on Tuesday it would cut jobs by March."
    assert _values(nlp, text, "2016-11-21") == [("Tuesday", "DATE", "2016-11-15"), ("March", "DATE", "2017-03")]
    assert _values(nlp, "The company said it cut jobs in March.", "2016-11-21") == [("March", "DATE", "2016-03")]


# The time rules' speed-ups (a literal prefilter and a first-character guard read off each parsed pattern)
# must never change what the rules find.
_SPEED_UP_TEXTS = [
    "The massacre occurred two years ago, in 2014, and 45 sentences were carried out since the beginning of 2016.",
    "Profits in the third quarter of 1989 rose 8.5% annually; last year's fourth quarter was weaker.",
    "The rocket lifted off at 1805 local time on Tuesday, Oct. 23, after a delay of three days.",
    "In the 1990s and the '80s, in the late twenties, mid-afternoon raids came at dawn or at noon.",
    "Talks resume next week; the deal, signed earlier this year, expires in the coming months, officials said now.",
    "THE STRIKE ENDED ON MONDAY, MARCH 3, 1987, AT 10:30 A.M. EST, TWO WEEKS LATER THAN PLANNED.",
    "İstanbul talks in ıate SEPTEMBER ſince 2015 — and ſpring 2016 — were set for Friday night.",
    "From now to Election Day and Easter, the week of Dec. 13 and the Party daily Granma, that night.",
    "By mid afternoon of Christmas week, in the morning, 15 million instructions per second: the March accession.",
]


def _all_hits(text):
    from newsledger.extract import _time_grammar as grammar
    return [(h.start, h.end, h.rule.name, h.match.span()) for h in grammar.find_all(text)]


@pytest.mark.parametrize("text", _SPEED_UP_TEXTS + [t.lower() for t in _SPEED_UP_TEXTS])
def test_the_literal_prefilter_finds_what_the_full_scan_finds(text, monkeypatch):
    from newsledger.extract import _time_grammar as grammar
    fast = _all_hits(text)
    monkeypatch.setattr(grammar, "_lowered", lambda _text: None)  # no prefilter: every window is scanned
    assert _all_hits(text) == fast


@pytest.mark.parametrize("text", _SPEED_UP_TEXTS)
def test_the_first_character_guards_change_no_match(text):
    import re
    from newsledger.extract import _time_grammar as grammar
    guard = re.compile(r"^\(\?-i:\(\?=\[[^\]]*\]\)\)")
    guarded = [r for r in grammar.RULES if guard.match(r.regex.pattern)]
    assert guarded  # the guards are in place
    for rule in guarded:
        plain = re.compile(guard.sub("", rule.regex.pattern, count=1), rule.regex.flags)
        assert [m.span() for m in rule.regex.finditer(text)] == [m.span() for m in plain.finditer(text)], rule.name


@pytest.mark.parametrize("text, anchor, expected", [
    # adverbial "overnight": the night before the day in focus (TimeBank wsj_0586: Friday → Thursday TNI)
    ("Gunmen attacked the village overnight, killing 12.", ANCHOR, [("overnight", "TIME", "2016-07-20TNI")]),
    ("Stocks fell on Friday. Losses mounted overnight in Tokyo.", ANCHOR,
     [("Friday", "DATE", "2016-07-15"), ("overnight", "TIME", "2016-07-14TNI")]),
    # "overnight" modifying a noun is no time expression
    ("The bank raised its overnight rate.", ANCHOR, []),
    ("They made an overnight stay in Kabul.", ANCHOR, []),
    # figurative "suddenly" and money-market jargon are no night either; a habitual one has no value
    ("Such reforms cannot be done overnight, he said.", ANCHOR, []),
    ("Eurodollars were steady with overnight to spot/next quoted at six pct.", ANCHOR, []),
    ("Banks trade overnight in Tokyo.", ANCHOR, [("overnight", "TIME", None)]),
    ("Rebels will attack overnight, officials warned.", ANCHOR, [("overnight", "TIME", "2016-07-21TNI")]),
    # … but before a noun of violence it dates that event: the night it struck
    ("The rebels launched the overnight attack on the town.", ANCHOR, [("overnight", "TIME", "2016-07-20TNI")]),
    ("Police are investigating an overnight shooting.", ANCHOR, [("overnight", "TIME", "2016-07-20TNI")]),
    ("Insurgents carried out an overnight rocket attack on the base.", ANCHOR, [("overnight", "TIME", "2016-07-20TNI")]),
    # "the early hours of Sunday": the small hours of that day, its morning
    ("Troops arrived in the early hours of Sunday.", ANCHOR, [("the early hours of Sunday", "TIME", "2016-07-17TMO")]),
    ("The blast happened in the early hours of today.", ANCHOR, [("the early hours of today", "TIME", "2016-07-21TMO")]),
    ("Fighting went on into the small hours.", ANCHOR, [("the small hours", "TIME", "2016-07-21TMO")]),
    # sentence-initial "Hours later" / "Days after …": the vague amount is a duration
    ("The bomb went off. Hours later, police arrested two men.", ANCHOR, [("Hours", "DURATION", "PTXH")]),
    ("Days after the attack, the president resigned.", ANCHOR, [("Days", "DURATION", "PXD")]),
])
def test_conflict_news_times(nlp, text, anchor, expected):
    assert _values(nlp, text, anchor) == expected


@pytest.mark.parametrize("text, anchor, expected", [
    # "the December quarter": the calendar quarter that ends in that month
    ("Growth was inflated in the December quarter, the bank said.", "1987-02-26",
     [("the December quarter", "DATE", "1986-Q4")]),
    # "the week ended <date>" is the seven days up to that date, a span like "the year ended March 31"
    ("Banks borrowed 64 mln dlrs in the week ended Wednesday February 25.", "1987-02-26",
     [("the week", "DURATION", "P1W"), ("Wednesday February 25", "DATE", "1987-02-25")]),
    # the half of some other period is no half-year
    ("The week marked the second half of the two-week statement period.", "1987-02-26", [("The week", "DATE", "1987-WXX"),
                                                                                        ("two-week", "DURATION", "P2W")]),
])
def test_reuters_period_idioms(nlp, text, anchor, expected):
    assert _values(nlp, text, anchor) == expected


@pytest.mark.parametrize("text, anchor, expected", [
    # a clock time with no day in focus is on the day an earlier sentence gave the same event …
    ("Slepian was shot to death last Oct. 23 at his home. Clark said the rifle was found. It is being tested. "
     "Slepian was shot to death at 10 p.m. as he stood in his kitchen.", "1999-04-19",
     [("Oct. 23", "DATE", "1998-10-23"), ("10 p.m.", "TIME", "1998-10-23T22:00")]),
    # … not when the event differs, nor for a saying
    ("Slepian was killed last Oct. 23 at his home. Clark said the rifle was found. It is being tested. "
     "Slepian was shot to death at 10 p.m. as he stood in his kitchen.", "1999-04-19",
     [("Oct. 23", "DATE", "1998-10-23"), ("10 p.m.", "TIME", "1999-04-19T22:00")]),
    ("Clark said last Oct. 23 that the rifle was found. It is being tested. The police chief agreed. "
     "Clark said at 10 a.m. that he would seek an indictment.", "1999-04-19",
     [("Oct. 23", "DATE", "1998-10-23"), ("10 a.m.", "TIME", "1999-04-19T10:00")]),
    # a period that "ended" on a day after the report ended a year before; so did its quarter
    ("In the year-ago quarter, the second quarter ended Oct. 31, the company had a loss. Results for that "
     "quarter included a charge.", "1989-10-27",
     [("the year-ago quarter", "DATE", "1988-Q3"), ("the second quarter", "DATE", "1988-Q2"),
      ("Oct. 31", "DATE", "1988-10-31"), ("that quarter", "DATE", "1988-Q2")]),
    ("The offer ends Oct. 31.", "1989-10-27", [("Oct. 31", "DATE", "1989-10-31")]),
    ("Sun had a loss for its fourth quarter ended June 30.", "1989-10-27",
     [("fourth quarter", "DATE", "1989-Q4"), ("June 30", "DATE", "1989-06-30")]),
    # an event verb in the simple present is on a timetable: its weekday lies ahead …
    ("He and Arafat meet separately Monday with Albright.", "1998-05-01", [("Monday", "DATE", "1998-05-04")]),
    # … a reporting verb, a stative one, a past-tense form or a sentence told in the past are not
    ("Netanyahu says Monday that gaps remain.", "1998-05-01", [("Monday", "DATE", "1998-04-27")]),
    ("The president is in Paris Monday.", "1998-05-01", [("Monday", "DATE", "1998-04-27")]),
    ("Weakness hurt the index, which fell 1.4% on Friday.", "1989-10-30", [("Friday", "DATE", "1989-10-27")]),
    # "Monday and Tuesday nights": the plural makes both weekdays recurring
    ("Flights will leave Bombay on Monday and Tuesday nights.", "1998-02-13",
     [("Monday", "SET", "XXXX-WXX-1TNI"), ("Tuesday nights", "SET", "XXXX-WXX-2TNI")]),
    ("He met them on Monday and Tuesday.", "1998-02-13", [("Monday", "DATE", "1998-02-09"), ("Tuesday", "DATE", "1998-02-10")]),
    # "today is the eighth day of …", "it's the second day of …": the present day
    ("In Saudi Arabia, today is the eighth day of Desert Shield.", "1990-08-15",
     [("today", "DATE", "1990-08-15"), ("the eighth day", "DATE", "1990-08-15")]),
    ("It's the second day of an offensive by the security forces.", "1998-03-06", [("the second day", "DATE", "1998-03-06")]),
    ("The second day of the talks ended.", "1998-03-06", []),
    # "over the past decade" in 1998 is the ten years up to then, not the 1980s
    ("Threats had become routine over the past decade.", "1998-10-25", [("the past decade", "DURATION", "P10Y")]),
    ("They lost earning power in the last decade.", "1998-10-25", [("the last decade", "DATE", "198")]),
    # a quarter named in passing ("after a flat second quarter") leaves the reported quarter in focus
    ("Net rose in the third quarter from a year ago. After a flat second quarter, sales recovered. "
     "Charges were taken in the year-earlier period.", "1989-11-01",
     [("the third quarter", "DATE", "1989-Q3"), ("a year ago", "DATE", "1988-Q3"), ("second quarter", "DATE", "1989-Q2"),
      ("the year-earlier period", "DATE", "1988-Q3")]),
    ("Net rose in the third quarter from a year ago. After the second quarter, sales recovered. "
     "Charges were taken in the year-earlier period.", "1989-11-01",
     [("the third quarter", "DATE", "1989-Q3"), ("a year ago", "DATE", "1988-Q3"), ("the second quarter", "DATE", "1989-Q2"),
      ("the year-earlier period", "DATE", "1988-Q2")]),
    # "this crucial moment" is the present as "this moment" is
    ("He would not be traveling at this crucial moment.", "1990-08-15", [("this crucial moment", "DATE", "PRESENT_REF")]),
    # "the early hours of Thursday morning" ends with its "morning"
    ("He was arrested in the early hours of Thursday morning.", "1999-10-08",
     [("the early hours of Thursday morning", "TIME", "1999-10-07TMO")]),
])
def test_reasoning_rules_from_timeml_errors(nlp, text, anchor, expected):
    assert _values(nlp, text, anchor) == expected


@pytest.mark.parametrize("text, expected", [
    ("Bombs kill 5\nBAGHDAD, March 3, 2015 - Two car bombs killed five people on Tuesday, police said.", "2015-03-03"),
    ("Shooting in Memphis\nMEMPHIS, Tenn. (June 3, 2015) – A man was shot on Beale Street.", "2015-06-03"),
    ("KABUL, Afghanistan, May 4, 2016 — A suicide bomber struck a bus.", "2016-05-04"),
    # a date inside the story is no dateline, and a dateline without a year gives no date
    ("Talks\nThe deal was signed on March 3, 2015 - officials said.", None),
    ("BAGHDAD, March 3 (Reuters) - Two car bombs killed five people.", None),
    # as scraped, the dateline's place is glued to the headline's site name
    ("Man shot on east side | Fox 59INDIANAPOLIS (December 3, 2015) – A man was shot around 3:45 a.m. Thursday.",
     "2015-12-03"),
    ("Man shot | Fox 59INDIANAPOLIS, Ind. (Dec. 10, 2015) – A man was shot on the east side.", "2015-12-10"),
    ("Man shot | FOX6Now.comMILWAUKEE (January 2, 2016) — A man was shot.", "2016-01-02"),
    # capitals glued to a word inside the story are no dateline
    ("Talks\nThe deal with McDONALD was signed on March 3, 2015 - officials said.", None),
])
def test_a_datelines_full_date_is_the_inferred_publication_date(nlp, text, expected):
    inferred = infer_publication_date(nlp(text))
    assert (inferred.value if inferred else None) == expected
    if inferred is not None:
        assert inferred.method == "dateline" and inferred.confidence == 0.9
        assert text[inferred.evidence[0]["start"]:inferred.evidence[0]["end"]] == inferred.evidence[0]["text"]


def test_a_glued_datelines_date_dates_the_weekday_after_it(nlp):
    """The inferred dateline day anchors "around 3:45 a.m. Thursday": that Thursday, the filing day itself."""
    doc = nlp("Man shot | Fox 59INDIANAPOLIS (December 3, 2015) – A man was shot around 3:45 a.m. Thursday.")
    inferred = infer_publication_date(doc)
    assert inferred is not None
    assert [(t.text, t.type, t.value) for t in extract_times(doc, inferred.value, "inferred")] == [
        ("December 3, 2015", "DATE", "2015-12-03"), ("around 3:45 a.m. Thursday", "TIME", "2015-12-03T03:45")]


@pytest.mark.parametrize("text, anchor, expected", [
    # a clock time, a weekday (and its part of day) and a date are one expression with the full value
    ("The shooting took place shortly after 7:30 p.m. Saturday evening, December 12th.", None,
     [("shortly after 7:30 p.m. Saturday evening, December 12th", "TIME", "XXXX-12-12T19:30")]),
    ("He was shot at 7:30 p.m. Saturday evening, December 12, 2015, police said.", ANCHOR,
     [("7:30 p.m. Saturday evening, December 12, 2015", "TIME", "2015-12-12T19:30")]),
    ("He was shot at 10 p.m. Dec. 3, 2015, in the park.", ANCHOR, [("10 p.m. Dec. 3, 2015", "TIME", "2015-12-03T22:00")]),
    ("He was shot at 10 p.m. Friday night near the park.", ANCHOR, [("10 p.m. Friday night", "TIME", "2016-07-15T22:00")]),
    ("He was shot late Sunday, January 3rd, outside his home.", None,
     [("late Sunday, January 3rd", "DATE", "XXXX-01-03")]),
    # a month abbreviation with no day, year or preposition beside it is no month: here a surname
    ("Police identified the victim as Johnathan Dean Mar, 24, of Gary.", None, []),
    ("The jury ruled on the death of Johnathan Dean Mar, 18, of Kennewick.", ANCHOR, []),
    ("Sales rose in Jan. and fell in Feb.", ANCHOR, [("Jan.", "DATE", "2016-01"), ("Feb.", "DATE", "2016-02")]),
])
def test_crime_report_times(nlp, text, anchor, expected):
    assert _values(nlp, text, anchor) == expected
