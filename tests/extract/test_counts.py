"""Counts: parse_count values for every expression type, extraction of what/claimant, non-counts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsledger.annotate import annotate
from newsledger.clean import clean_plain
from newsledger.extract.counts import _wholes, extract_counts, parse_count
from newsledger.model import Count

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "000_dee408f9bab61627.txt"


# ---------------------------------------------------------------- parse_count

@pytest.mark.parametrize("text, expected", [
    # exact numbers
    ("1,700", (1700, 1700, 1700)),
    ("1700", (1700, 1700, 1700)),
    ("36", (36, 36, 36)),
    ("forty", (40, 40, 40)),
    ("Twenty-five", (25, 25, 25)),
    ("twenty five", (25, 25, 25)),
    ("two hundred", (200, 200, 200)),
    ("one hundred and fifty", (150, 150, 150)),
    ("five thousand", (5000, 5000, 5000)),
    ("1.5 million", (1_500_000, 1_500_000, 1_500_000)),
    ("1.5 mln", (1_500_000, 1_500_000, 1_500_000)),
    ("a million", (1_000_000, 1_000_000, 1_000_000)),
    ("half a million", (500_000, 500_000, 500_000)),
    ("a dozen", (12, 12, 12)),
    ("two dozen", (24, 24, 24)),
    ("a total of 19", (19, 19, 19)),
    ("another 20", (20, 20, 20)),
    # lower bounds
    ("more than 30", (31, 31, None)),
    ("MORE than 30", (31, 31, None)),
    ("over 80", (81, 81, None)),
    ("over a million", (1_000_001, 1_000_001, None)),
    ("more than a dozen", (13, 13, None)),
    ("more than 10 mln", (10_000_001, 10_000_001, None)),
    ("at least 30", (30, 30, None)),
    ("at least 14", (14, 14, None)),
    # upper bounds
    ("up to 1,700", (None, None, 1700)),
    ("as many as 1,000", (None, None, 1000)),
    ("up to a total of 1,000", (None, None, 1000)),
    ("fewer than 30", (None, None, 29)),
    ("less than 30", (None, None, 29)),
    ("nearly 50", (None, 50, 50)),
    ("almost 50", (None, 50, 50)),
    ("Nearly 1,000", (None, 1000, 1000)),
    # approximations: best only, no invented margin
    ("about 300", (None, 300, None)),
    ("around 300", (None, 300, None)),
    ("some 300", (None, 300, None)),
    ("roughly 300", (None, 300, None)),
    ("approximately 300", (None, 300, None)),
    ("an estimated 500 million", (None, 500_000_000, None)),
    # vague plurals (ACLED-style conservative minimum)
    ("dozens", (12, 12, None)),
    ("Dozens", (12, 12, None)),
    ("scores", (20, 20, None)),
    ("hundreds", (100, 100, None)),
    ("thousands", (1000, 1000, None)),
    ("millions", (1_000_000, 1_000_000, None)),
    ("tens of thousands", (10_000, 10_000, None)),
    ("hundreds of thousands", (100_000, 100_000, None)),
    ("several hundred", (200, 200, None)),
    ("a few thousand", (2000, 2000, None)),
    ("a couple of hundred", (200, 200, None)),
    # ranges: best = the lower bound
    ("30 to 40", (30, 30, 40)),
    ("30-40", (30, 30, 40)),
    ("30 - 40", (30, 30, 40)),
    ("between 30 and 40", (30, 30, 40)),
    ("between 1,000 and 1,500", (1000, 1000, 1500)),
    ("two or three", (2, 2, 3)),
    ("as many as 30,000 to 40,000", (30_000, 30_000, 40_000)),
    # half a dozen, N and a half million (spaces or hyphens)
    ("a half-dozen", (6, 6, 6)),
    ("half a dozen", (6, 6, 6)),
    ("a half dozen", (6, 6, 6)),
    ("at least a half-dozen", (6, 6, None)),
    ("two and a half million", (2_500_000, 2_500_000, 2_500_000)),
    ("two-and-a-half-million", (2_500_000, 2_500_000, 2_500_000)),
    ("over two-and-a-half-million", (2_500_001, 2_500_001, None)),
])
def test_parse_count_values(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", [
    "5%", "$5", "third", "1st", "in 2014", "25-year-old", "aged 25", "6-3", "1987-88", "10:30",
    "one third", "1-1/2", "soldiers", "", "many",
])
def test_parse_count_rejects_non_counts(text):
    assert parse_count(text) is None


# ---------------------------------------------------------------- extraction

def _counts(text: str):
    return extract_counts(annotate(text))


def _one(text: str):
    counts = _counts(text)
    assert len(counts) == 1, counts
    return counts[0]


def test_offsets_point_into_the_text():
    text = "Police said at least 30 people were killed in the attack."
    c = _one(text)
    assert (c.id, c.text, c.min, c.best, c.max) == ("C1", "at least 30", 30, 30, None)
    assert text[c.start:c.end] == "at least 30"
    assert (c.what, text[c.what_start:c.what_end]) == ("people", "people")
    assert c.claimed_by_text == "Police" and text[c.claimed_by_start:c.claimed_by_end] == "Police"
    assert c.claimed_by is None  # entity ids are assigned later by the pipeline


@pytest.mark.parametrize("text, expected", [
    # (text, min, best, max, what, claimed_by_text)
    ("At least 14 people were injured in clashes during the strike.",
     ("At least 14", 14, 14, None, "people", None)),
    ("Some 2,800 workers will be laid off, the company said.",
     ("Some 2,800", None, 2800, None, "workers", "the company")),
    ("Between 30 and 40 protesters were arrested, according to the interior ministry.",
     ("Between 30 and 40", 30, 30, 40, "protesters", "the interior ministry")),
    ("Thousands of protesters marched through the capital.",
     ("Thousands", 1000, 1000, None, "protesters", None)),
    ("Forty people drowned when the ferry sank.",
     ("Forty", 40, 40, 40, "people", None)),
    ("Up to 1,700 prisoners were freed last year, the group claimed.",
     ("Up to 1,700", None, None, 1700, "prisoners", "the group")),
    ("He said 30-40 others were injured.",
     ("30-40", 30, 30, 40, "others", "He")),
    ("The rebels said they had captured more than a dozen soldiers.",
     ("more than a dozen", 13, 13, None, "soldiers", "The rebels")),
])
def test_extract_expression_types(text, expected):
    c = _one(text)
    assert (c.text, c.min, c.best, c.max, c.what, c.claimed_by_text) == expected


def test_of_groups_count_the_same_noun():
    counts = _counts("Two of the crew were killed, and 186 of the Navy's 340 aircraft were grounded.")
    assert [(c.text, c.best, c.what) for c in counts] == [
        ("Two", 2, "crew"), ("186", 186, "aircraft"), ("340", 340, "aircraft")]
    assert [c.part_of for c in counts] == [None, "C3", None]


@pytest.mark.parametrize("text, expected", [
    ("36 of the 40 men were sentenced to death.", [("36", "C2"), ("40", None)]),
    ("Police arrested five out of 20 suspects.", [("five", "C2"), ("20", None)]),
    ("Two of its 12 reactors were shut down.", [("Two", "C2"), ("12", None)]),
    ("At least 20 of the 35 passengers were injured.", [("At least 20", "C2"), ("35", None)]),
    # two counts that merely follow each other are not linked
    ("12 soldiers and 30 civilians were killed.", [("12", None), ("30", None)]),
])
def test_part_of_links_a_part_to_its_whole(text, expected):
    assert [(c.text, c.part_of) for c in _counts(text)] == expected


def test_a_part_larger_than_its_whole_is_not_linked():
    text = "40 of 35 observers"
    part = Count("", "40", 0, 2, 40, 40, 40, None)
    whole = Count("", "35", 6, 8, 35, 35, 35, "observers")
    assert _wholes(text, [part, whole]) == {}
    assert _wholes("35 of 40 observers", [replace(part, text="35", best=35), replace(whole, text="40", best=40)]) \
        == {0: 1}


@pytest.mark.parametrize("text, what", [
    ("Police arrested 12 Hamas members.", "Hamas members"),  # a name compounded on the noun says whose
    ("5 Ford workers were injured.", "Ford workers"),
])
def test_what_keeps_proper_noun_compounds(text, what):
    assert _one(text).what == what


def test_from_to_is_two_counts_not_a_range():
    counts = _counts("The plant will increase its employment from 48 to 100 people.")
    assert [(c.text, c.min, c.best, c.max, c.what) for c in counts] == [
        ("48", 48, 48, 48, "people"), ("100", 100, 100, 100, "people")]


def test_elliptical_counts_have_no_noun():
    counts = _counts("Hailstorms killed two people, injured 20 and damaged crops, a Hong Kong newspaper reported.")
    assert [(c.text, c.best, c.what, c.claimed_by_text) for c in counts] == [
        ("two", 2, "people", "a Hong Kong newspaper"), ("20", 20, None, "a Hong Kong newspaper")]


def test_a_gapped_participle_read_as_the_numbers_modifier_leaves_an_elliptical_count():
    counts = _counts("Eight people were killed and some 30 injured in a blast in a crowded cafe.")
    assert [(c.text, c.best, c.what) for c in counts] == [("Eight", 8, "people"), ("some 30", 30, None)]


def test_count_inside_the_speaker_is_not_claimed_by_it():
    c = _one("The two contractors said their bid was ready.")
    assert (c.text, c.what, c.claimed_by_text) == ("two", "contractors", None)


def test_claimant_of_quoted_as_saying():
    c = _one("A union leader, Predrag Petrovic, was quoted as saying hundreds of workers had been on strike.")
    assert (c.best, c.what, c.claimed_by_text) == (100, "workers", "A union leader, Predrag Petrovic")


def test_number_of_subject_gives_what():
    c = _one("The number of workers on temporary layoff remains at 7,600, the spokeswoman said.")
    assert (c.text, c.best, c.what, c.claimed_by_text) == ("7,600", 7600, "workers", "the spokeswoman")


@pytest.mark.parametrize("text", [
    "The massacre took place in 2014 at the camp.",
    "The attack happened on March 5 at 10:30.",
    "Call 0207 782 4368 for details.",
    "The 25-year-old man was arrested.",
    "A man aged 25 was arrested.",
    "Darius Keaton, 63, was sentenced to two months in jail.",
    "He was the third person to die.",
    "Prices rose 5 pct while profits fell 12%.",
    "The company paid $5 million and 11,000 dlrs in fines.",
    "The mine produced 2.2 mln tonnes of ore and 300 barrels of oil.",
    "The prisoners were held at Camp 22 under Resolution 2254.",
    "A meeting of the Group of Five was held in Paris.",
    "The court ruled in a 6-3 decision.",
    "It was a three-year contract ending an 18-month strike.",
    "Benefits will be cut by one third.",
    "It is one of the largest producers in the world.",
    "The 1,000-strong team arrived.",
    # a dialled number is a telephone number
    "The clerk said she called 911 from the back room.",
    # a year after a month and day, even when glued to the next word
    "WKBN (March 4, 2016)–City police are looking for a driver.",
    # "no one" is nobody; a capitalised number word inside a name stays a name
    "No one was hurt in the attack.",
    "The Big Three automakers raised prices.",
    # a unit compound after "a" measures the noun: not a count of refineries
    "It is a 100,000 barrel refinery.",
])
def test_non_counts_return_nothing(text):
    assert _counts(text) == []


def test_date_labelled_number_is_a_count_when_it_modifies_a_plural_noun():
    c = _one("They will be executed for the murder of 1700 soldiers.")
    assert (c.text, c.best, c.what) == ("1700", 1700, "soldiers")


def test_ids_are_sequential():
    counts = _counts("Three men and four women were arrested; 12 others fled.")
    assert [c.id for c in counts] == ["C1", "C2", "C3"]
    assert [c.best for c in counts] == [3, 4, 12]


# ---------------------------------------------------------------- the canonical example

@pytest.fixture(scope="module")
def canonical():
    text = clean_plain(SAMPLE.read_text(encoding="utf-8")).text
    return text, extract_counts(annotate(text))


def test_canonical_example(canonical):
    text, counts = canonical
    got = [(c.text, c.min, c.best, c.max, c.what, c.claimed_by_text) for c in counts]
    assert got == [
        ("36", 36, 36, 36, "ISIS fanatics", None),
        ("1,700", 1700, 1700, 1700, "soldiers", None),
        ("MORE than 30", 31, 31, None, "ISIS soldiers", None),  # the condemned, not their victims
        ("1700", 1700, 1700, 1700, "soldiers", None),
        ("36", 36, 36, 36, "soldiers", None),
        ("40", 40, 40, 40, "soldiers", None),
        ("14", 14, 14, 14, "mass graves", "Iraqi security forces"),
        ("1,700", 1700, 1700, 1700, "soldiers", "The Sunni jihadist group"),
        ("more than 30", 31, 31, None, "men", None),
        ("45", 45, 45, 45, "death sentences", "The UN"),
    ]
    for c in counts:
        assert text[c.start:c.end] == c.text
        assert text[c.what_start:c.what_end] == c.what
        if c.claimed_by_text:
            assert text[c.claimed_by_start:c.claimed_by_end] == c.claimed_by_text
    assert [c.id for c in counts] == [f"C{i}" for i in range(1, 11)]
    # "36 of the 40 soldiers who were convicted": 36 is a part of 40, nothing else is a part
    assert [(c.id, c.part_of) for c in counts if c.part_of] == [("C5", "C6")]


def test_canonical_footer_phone_number_is_not_a_count():
    raw = SAMPLE.read_text(encoding="utf-8")
    footer = raw[raw.index("We pay for your stories"):]
    assert _counts(footer) == []


# ---------------------------------------------------------------- rules added for conflict news (heldout3, GVDB)
# (invented sentences with the structures met in the research-only data; no corpus text is copied here)

@pytest.mark.parametrize("text, expected", [
    # a clause-final "X said" followed only by a time: X is the phrase after the last comma, even when the parser
    # gave the verb an earlier subject ("a rumour") or none
    ("A crowd burned at least five shops and attacked homes in the district after a rumour mocking one of the "
     "town's oldest shrines, police and residents said Monday",
     [("at least five", 5, 5, None, "shops", "police and residents")]),
    ("Troops have retaken two hamlets from rebels who withdrew following heavy air and artillery bombardment, "
     "the Monitor for Civil Liberties said on Monday",
     [("two", 2, 2, 2, "hamlets", "the Monitor for Civil Liberties")]),
    # a negated or declined reporting verb claims nothing
    ("Detective Marlow would not say if investigators have linked the two robberies.",
     [("two", 2, 2, 2, "robberies", None)]),
    ("Police declined to say whether the three men were armed.",
     [("three", 3, 3, 3, "men", None)]),
])
def test_claimants_in_conflict_news(text, expected):
    got = [(c.text, c.min, c.best, c.max, c.what, c.claimed_by_text) for c in _counts(text)]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # a capitalised number word glued to the previous word (a title run into the text) starts a new word
    ("Two hurt in bar fight | Valley Herald, NewsTwo armed men were still at large on Sunday.",
     [("Two", 2, 2, 2, None), ("Two", 2, 2, 2, "men")]),
    ("Fight at mall | wxyz.comTwo people were hurt in a brawl.",
     [("Two", 2, 2, 2, "people")]),
    # a capitalised number word after a dateline, modifying the plural noun after it
    ("Tunis Two depots containing rifles were found near the border.",
     [("Two", 2, 2, 2, "depots")]),
    # a bare number that a people verb governs counts even when the NER calls it a DATE
    ("Fire at the Winter Carnival kills 8, forty others are hurt.",
     [("8", 8, 8, 8, None), ("forty", 40, 40, 40, "others")]),
    # a singular measure word inside the compound of a plural object noun
    ("A jet dropped three barrel bombs on the market.",
     [("three", 3, 3, 3, "barrel bombs")]),
    # elliptical "one" as the object or subject of a people verb
    ("The guards found four intruders and shot one.",
     [("four", 4, 4, 4, "intruders"), ("one", 1, 1, 1, None)]),
    ("One died at the scene.",
     [("One", 1, 1, 1, None)]),
    # written numbers with "a half"
    ("Gunmen abducted at least a half-dozen traders on the road.",
     [("at least a half-dozen", 6, 6, None, "traders")]),
    ("Over three-and-a-half-million voters joined the boycott.",
     [("Over three-and-a-half-million", 3_500_001, 3_500_001, None, "voters")]),
])
def test_counts_in_conflict_news(text, expected):
    counts = _counts(text)
    assert [(c.text, c.min, c.best, c.max, c.what) for c in counts] == expected
    for c in counts:
        assert text[c.start:c.end] == c.text
