"""Toponym resolution: place mentions → gazetteer entries, decided by the article's context.

``geocode_places`` follows these steps:

1. Find the toponyms: spaCy GPE/LOC/FAC entities, a dateline ("BAGHDAD (Reuters) -")
   and direction phrases ("northern Iraq"); NORP demonyms ("Iraqi") are kept as
   evidence of the article's country focus only.
2. Look each distinct name up in the gazetteer: the name as written, then without
   a division word ("Rapides Parish" → "Rapides", with a hint that it is a
   district), then alternate names (scored lower).  A division word beside the
   name counts too ("Washington state", "the state of Washington", "Barrow and
   Jackson counties"), and "Central and South America" is read as "Central
   America" and "South America".
3. Score every candidate by a prior alone (feature class, population, capital)
   and take the confident winners as the article's focus: the countries and
   first-order divisions they lie in, and their points.
4. Score again with context: the focus country and province, an explicit
   container next to the mention ("Paris, Texas", "Tikrit, northern Iraq"), and
   nearness to the other places; repeat once with the new winners.  Every
   mention of one name in one article gets the same sense.  A continent's or
   world region's name ("Middle East") keeps that sense unless a container names
   the namesake town; an item of a list of states or countries is one too; and a
   town of a name that a far larger city of its country bears (Boston, N.Y.) gets
   only a quarter of the evidence of a shared province.
5. A name the gazetteer lacks (a base, a camp, a village) gets the best enclosing
   location: the place it is said to be near or in, a place named inside it
   ("Tikrit University"), the article's main town (unless its sentence is about
   another country), the most specific place in its sentence, or the focus
   country — with the precision that location allows.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.attrs import ENT_IOB, IDX, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from .gazetteer import (DIVISION_WORDS, OTHER_STATE_ABBREVIATIONS, US_STATE_ABBREVIATIONS, Gazetteer, GazetteerEntry,
                        load_gazetteer, normalise_name)
from ..annotate import DATELINE_BODY, doc_ents, doc_text
from ..extract.entities import surnames

__all__ = ["Toponym", "ResolvedPlace", "PRECISIONS", "find_toponyms", "find_dateline", "geocode_places",
           "haversine_km"]

# From most to least precise; loosely UCDP GED's where_prec 1, 2, 3, 4, 6 (and 7 for regions).
PRECISIONS = ("exact", "town", "district", "province", "country", "region")

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Toponym:
    """A place mention to resolve: offsets of the whole phrase and of the name inside it."""

    start: int
    end: int
    text: str
    label: str  # GPE | LOC | FAC | DATELINE
    name_start: int  # the name without a direction word: "Iraq" in "northern Iraq"
    name_end: int
    direction: str | None = None  # north | south | east | west | central | north-east …
    recovered: bool = False  # found by ``_recover``, not by the NER model
    expanded: str | None = None  # the name meant, when the text shares a noun: "Central" in "Central and South America"
    country: str | None = None  # the country a demonym before the name puts it in: "IQ" for "Iraqi Kurdistan"


@dataclass(frozen=True)
class ResolvedPlace:
    """Where one place mention points: a gazetteer entry, or the best enclosing one, and how sure."""

    start: int
    end: int
    text: str
    label: str  # GPE | LOC | FAC | DATELINE
    precision: str  # exact | town | district | province | country | region | unknown
    reason: str
    geonameid: int | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    population: int | None = None
    confidence: float = 0.0  # 0..1, the winner's share of the candidates' evidence
    anchor_start: int | None = None  # the mention whose location was borrowed, if any
    anchor_end: int | None = None

    @property
    def located(self) -> bool:
        """True when the mention has coordinates."""
        return self.lat is not None and self.lon is not None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(h)))


# --- finding toponyms ----------------------------------------------------------------------------------

def _name_of(top: Toponym, text: str) -> str:
    """The place name a toponym stands for: its text, or the name it shares a noun with."""
    return top.expanded or text[top.name_start:top.name_end]


_DIRECTIONS = {
    "north": "north", "northern": "north", "south": "south", "southern": "south", "east": "east",
    "eastern": "east", "west": "west", "western": "west", "central": "central", "northeast": "north-east",
    "north-east": "north-east", "northeastern": "north-east", "north-eastern": "north-east",
    "northwest": "north-west", "north-west": "north-west", "northwestern": "north-west",
    "north-western": "north-west", "southeast": "south-east", "south-east": "south-east",
    "southeastern": "south-east", "south-eastern": "south-east", "southwest": "south-west",
    "south-west": "south-west", "southwestern": "south-west", "south-western": "south-west",
    # written apart, as British news does: "North West England", "South East Queensland"
    "north west": "north-west", "north east": "north-east", "south west": "south-west", "south east": "south-east",
}
_DIRECTION_BEFORE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _DIRECTIONS), key=len, reverse=True))
                               + r")\s+$", re.I)

_DIRECTION_INSIDE = re.compile(r"(" + "|".join(sorted(map(re.escape, _DIRECTIONS), key=len, reverse=True))
                               + r")\s+(?=[A-Z])", re.I)

# The dateline's pattern is shared with the sentence splitter (``annotate.DATELINE_BODY``).
_DATELINE_BODY = DATELINE_BODY
_DATELINE = re.compile("^" + _DATELINE_BODY, re.M)
_DATELINE_AFTER_HEADLINE = re.compile(_DATELINE_BODY)


_SHARED_NOUN_SPAN = re.compile(r"([A-Z][a-z]+)\s+(?:and|or|&)\s+([A-Z][a-z]+)\s+[A-Z][\w'’-]+")
_SHARED_NOUN_AFTER = re.compile(r"\s+(?:and|or|&)\s+([A-Z][a-z]+)\s+([A-Z][\w'’-]+)")

_HEADLINE_END = re.compile(r"[.!?][\"'”’]?[ \t]+(?=[A-Z])")


def find_dateline(text: str, *, within: int = 400, gazetteer: Gazetteer | None = None
                  ) -> tuple[int, int, str] | None:
    """The dateline place at the head of an article ("BAGHDAD (Reuters) -"): start, end, name.

    The dateline opens a line, or follows a headline run into the same line
    ("Selectmen hire lawyer. PORTLAND — The board ...").  A station's call sign glued to the town
    ("WCIVFLORENCE, S.C. —") is left out; the gazetteer (by default ``load_gazetteer()``, opened only then)
    tells "WSYXMARION" (Marion) from a town of that spelling ("WASHINGTON").
    """
    match = _DATELINE.search(text[:within])
    if match is not None and (_headline_label(match) or _too_short(match)):
        match = None
    if match is None or _colon(match):
        # "RPD: Officer shot … RENO, Nev. (KOLO) - ": a headline's colon gives way to a dateline's dash
        first = _HEADLINE_END.search(text[:min(within, 250)])
        later = _DATELINE_AFTER_HEADLINE.match(text[:within], first.end()) if first is not None else None
        if later is not None and (_headline_label(later) or _too_short(later)):
            later = None
        if later is None or _colon(later):
            later = _scraped_dateline(text[:within], gazetteer) or later
        if later is not None and (match is None or not _colon(later)):
            match = later
    if match is None or _headline_label(match) or _too_short(match):
        match = _bracketed_dateline(text[:within])
    if match is None:
        return None
    name = match.group("name").strip()
    start = match.start("name") + _call_sign_length(name, gazetteer)
    end = match.start("name") + len(name)
    if match.group("region"):
        end = match.end("region")
    return start, end, text[start:end]


# "(Cincinnati, OH)--A man was shot": a radio station's dateline in brackets, the town in mixed case.
_BRACKETED = re.compile(r"\((?P<name>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}),[ \t]*(?P<region>[A-Z][A-Za-z.]{1,6})\)"
                        r"[ \t]*(?:--|[-—–])")
_US_STATE_CODES = set(US_STATE_ABBREVIATIONS) | {a for names in US_STATE_ABBREVIATIONS.values() for a in names} | {
    "AK", "HI", "ID", "IA", "ME", "OH", "UT"}  # the postal codes of the states AP writes in full


def _bracketed_dateline(head: str) -> re.Match | None:
    """A dateline in brackets with a US state's code or abbreviation ("(Cincinnati, OH)--"); a wire's credit
    ("(Reuters, AP) -") names no state."""
    match = _BRACKETED.search(head)
    return match if match is not None and match.group("region") in _US_STATE_CODES else None


def _too_short(match: re.Match) -> bool:
    """"US - Iran talks", "DA: Man shot": two letters are a headline's abbreviation, not a dateline."""
    return len(match.group("name").strip().replace(".", "")) < 3


def _colon(match: re.Match) -> bool:
    return match.group(0).rstrip().endswith(":")


# A US broadcaster's call sign ("WCIV", "KSDK") that page scraping glued to the dateline's town.
_CALL_SIGN = re.compile(r"[KW][A-Z]{3}(?=[A-Z])")


def _call_sign_length(name: str, gazetteer: Gazetteer | None) -> int:
    """How many letters of a dateline's name are a call sign glued to the town: 4 for "WCIVST. GEORGE" (the
    gazetteer knows St. George, not the whole), else 0."""
    sign = _CALL_SIGN.match(name)
    if sign is None or len(name) - sign.end() < 3:
        return 0
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    town = name[sign.end():].split(",")[0].strip()
    return sign.end() if gaz.rows(normalise_name(town)) and not gaz.rows(normalise_name(name)) else 0


# Capitalised labels that open a headline the way a dateline opens a story ("VIDEO: Philadelphia shooting …",
# "UPDATE: …"): a page's section or format, never a place.
_HEADLINE_LABELS = {"VIDEO", "VIDEOS", "UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "WATCH", "PHOTO", "PHOTOS",
                    "EXCLUSIVE", "LIVE", "AUDIO", "GALLERY", "SLIDESHOW", "OPINION", "EDITORIAL", "ANALYSIS",
                    "COMMENTARY", "CORRECTION", "LISTEN", "DEVELOPING", "NEW", "JUST IN", "ALERT", "REPORT",
                    "EXCLUSIVE VIDEO", "GRAPHIC", "WARNING", "TAG", "TAGS", "RELATED", "READ MORE", "MORE"}


def _headline_label(match: re.Match) -> bool:
    return match.group("name").strip(" .").upper() in _HEADLINE_LABELS


def _scraped_dateline(head: str, gazetteer: Gazetteer | None) -> re.Match | None:
    """A dateline that page scraping glued to the site's name ("CBS DenverAURORA, Colo. (CBS4) –",
    "fox8.comAKRON, Ohio--", "| WSYXMARION —"), or that follows a credit with the wire's name in brackets
    ("Associated Press MEMPHIS, Tenn. (AP) -").  Prose seldom runs a lower-case letter or a call sign straight
    into a capitalised word and a dash."""
    for match in _DATELINE_AFTER_HEADLINE.finditer(head):
        at = match.start("name")
        before = head[at - 1] if at else ""
        glued = before.isdigit() or before.islower() or before == "."
        credited = before in {" ", "\t"} and "(" in head[match.end("name"):match.end()]
        if (glued or credited or _call_sign_length(match.group("name").strip(), gazetteer)) \
                and not _headline_label(match):
            return match
    return None


# "9 A.M.", "10.30 p.m.": a clock time's abbreviation is never a place (not Armenia, not Saint Pierre and
# Miquelon).  Dotted, in any case, it is a time wherever it stands; undotted ("AM", "pm") only after a number.
_TIME_ABBREVIATION = re.compile(r"[AaPp]\.?\s?[Mm]\.?")
_CLOCK_BEFORE = re.compile(r"\d\s*$")
# Upper-case initials with dots ("U.S.", "N.Y.", "U.N."): a place only when news writes that place so.
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,4}[A-Z]\.?")
DOTTED_COUNTRIES = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "USSR": "RU", "DRC": "CD", "PRC": "CN"}
DOTTED_TOWNS = {"LA": "Los Angeles"}  # "L.A." (undotted "LA" stays Louisiana's postal code)
_DOTTED_PLACES = set(DOTTED_COUNTRIES) | set(DOTTED_TOWNS) | {
    abbr.replace(".", "").replace(" ", "") for table in (US_STATE_ABBREVIATIONS, *OTHER_STATE_ABBREVIATIONS.values())
    for names in table.values() for abbr in names if _DOTTED_INITIALS.fullmatch(abbr)}


# A state written as a shortened word ("Mass.", "Calif.", "Pa."): without its dot the word is an English word
# or a name ("Mass graves", "Miss Smith", "Del Monte"), not the state.
_WORD_ABBREVIATIONS = {normalise_name(abbr) for table in (US_STATE_ABBREVIATIONS, *OTHER_STATE_ABBREVIATIONS.values())
                       for names in table.values() for abbr in names
                       if abbr.endswith(".") and not _DOTTED_INITIALS.fullmatch(abbr)}


# A courtesy title before a name ("Mr. Sanford", "Ms. Sears") is never a place, though its letters are a
# country's code (Mauritania's "MR", Montserrat's "MS"); written in capitals it stays a code.
_COURTESY_TITLES = {"mr", "mrs", "ms", "messrs", "dr", "mme", "mlle"}
# An ordinal alone ("First Presbyterian Church", "First Selectman") is no place ("First" is an old name of Aden).
_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}


def _not_a_place(text: str, start: int, end: int) -> bool:
    """A time abbreviation ("9 A.M."), dotted initials that name no place ("U.N.", "A.M."), a state's
    shortened name without its dot ("Mass graves"), a courtesy title ("Mr.", "Ms.") or an ordinal ("First")."""
    span = text[start:end]
    if (span.rstrip(".").lower() in _COURTESY_TITLES and not span.isupper()) or span.lower() in _ORDINALS:
        return True
    if not span.endswith(".") and text[end:end + 1] != "." and not span.isupper() \
            and normalise_name(span) in _WORD_ABBREVIATIONS:
        return True
    if _TIME_ABBREVIATION.fullmatch(span) and ("." in span or _CLOCK_BEFORE.search(text[max(0, start - 12):start])):
        return True
    if _DOTTED_INITIALS.fullmatch(span) and "." in span:
        return re.sub(r"[.\s]", "", span) not in _DOTTED_PLACES
    return False


# Country names news used before a border or a name changed, read as the country that holds the place now, at
# country precision ("West Germany" is Germany, not the west part of Germany; "Zaire" is not Angola's province).
HISTORICAL_COUNTRIES = {
    "West Germany": "DE", "East Germany": "DE", "Federal Republic of Germany": "DE",
    "German Democratic Republic": "DE", "Soviet Union": "RU", "USSR": "RU", "U.S.S.R.": "RU",
    "Yugoslavia": "RS", "Czechoslovakia": "CZ", "Burma": "MM", "Zaire": "CD", "Rhodesia": "ZW",
    "Ceylon": "LK", "Siam": "TH", "Dahomey": "BJ", "Upper Volta": "BF", "Kampuchea": "KH", "Persia": "IR",
    "East Pakistan": "BD", "South Vietnam": "VN", "North Vietnam": "VN", "North Yemen": "YE",
    "South Yemen": "YE", "Swaziland": "SZ", "Zaïre": "CD",
}
_HISTORICAL = {normalise_name(name): cc for name, cc in HISTORICAL_COUNTRIES.items()}


# A lower-case function word the NER model sometimes lets close a span ("the Gulf on Monday"): no place
# name ends with one.
_TRAILING_FUNCTION_WORD = re.compile(r"\s+(?:on|in|at|of|to|from|for|by|with|and|or|the|a|an|as|near)$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing function word and a possessive tail from a span."""
    segment = text[start:end]
    lead = re.match(r"(?i)the\s+", segment)
    if lead:
        start += lead.end()
    trailing = _TRAILING_FUNCTION_WORD.search(text[start:end])
    if trailing and trailing.start() > 0:
        end = start + trailing.start()
    tail = re.search(r"(?:['’]s|['’])$", text[start:end])
    if tail:
        end -= len(tail.group(0))
    return start, end


def find_toponyms(doc_or_mentions: Any, text: str | None = None, *, dateline: bool = True,
                  gazetteer: Gazetteer | None = None, demonyms: bool = False) -> list[Toponym]:
    """Place mentions in document order, from a spaCy ``Doc`` or a list of mentions.

    Args:
        doc_or_mentions: a spaCy ``Doc``, or objects with ``start``, ``end`` and a
            ``type`` or ``label`` (GPE, LOC, FAC; others are ignored) such as ``Place``.
        text: the article text; needed with a list of mentions.
        dateline: also take the dateline place at the head of the article.
        gazetteer: with a ``Doc``, also recover place names the model labelled
            PERSON, ORG or NORP or left unlabelled (see ``_recover``).
        demonyms: also return NORP demonyms ("Iraqi") as toponyms of their country.
    """
    ents = doc_ents(doc_or_mentions) if isinstance(doc_or_mentions, Doc) else None  # built once: spaCy makes new Spans
    text, spans = _spans(doc_or_mentions, text, ents)
    if gazetteer is not None and ents is not None:
        spans = spans + _recover(doc_or_mentions, gazetteer, demonyms, ents)
    found: dict[tuple[int, int], Toponym] = {}
    queue = list(spans)
    expansions: dict[tuple[int, int], str] = {}
    last_names = _surnames(doc_or_mentions, ents) if ents is not None else set()
    people_and_bodies = {normalise_name(e.text) for e in ents or () if e.label_ in {"PERSON", "ORG"}}
    while queue:
        label, start, end = queue.pop(0)
        recovered = label == "RECOVERED"
        label = "GPE" if recovered else label
        if label not in PLACE_LABELS:
            continue
        start, end = _trim(text, start, end)
        if end <= start or not any(ch.isalpha() for ch in text[start:end]) or _not_a_place(text, start, end):
            continue
        if last_names and normalise_name(text[start:end]) in last_names \
                and not _LOCATIVE_BEFORE.search(text[max(0, start - 12):start]):
            continue  # "Maria Rivera was cooking dinner … Rivera said": the person, named again
        if ents is not None and (_NEWSPAPER_AFTER.match(text, end) or (
                _DISEASE_AFTER.match(text, end) and not _names_a_country_or_state(gazetteer, text[start:end]))):
            # "told the New York Times", "West Nile virus": a paper or a disease, not a place of the story (but
            # "Texas flu deaths", "the Nigeria fever outbreak" are in that state or country)
            continue
        if gazetteer is not None and normalise_name(text[start:end]) in people_and_bodies \
                and not _holds_a_known_place(gazetteer, text[start:end]):
            continue  # "President Saakashvili … Saakashvili's resignation", "United Way": tagged a person or body too
        # "Central and South America", "North and South Korea": two places sharing one noun.
        both = _SHARED_NOUN_SPAN.fullmatch(text, start, end)
        if both and both.group(1).lower() in _DIRECTIONS and both.group(2).lower() in _DIRECTIONS:
            queue[:0] = [(label, start, both.end(1)), (label, both.start(2), end)]
            continue
        shared = _SHARED_NOUN_AFTER.match(text, end)
        if shared and text[start:end].lower() in _DIRECTIONS and shared.group(1).lower() in _DIRECTIONS:
            expansions[(start, end)] = f"{text[start:end]} {shared.group(2)}"
        elif text[start:end].lower() in _DIRECTIONS and ents is not None:
            # A compass word alone ("North" of "North Nokomis Street", "a Southern tradition") names no place.
            # (Like the newspaper, disease and person rules above, this corrects the recogniser: a caller's
            # own mentions are taken as given.)
            continue
        before = _DIRECTION_BEFORE.search(text[max(0, start - 20):start])
        direction = None
        phrase_start = start
        if before and normalise_name(text[start - len(before.group(0)):end]) in _HISTORICAL:
            start = phrase_start = start - len(before.group(0))  # "West Germany" is one name
        elif before:
            direction = _DIRECTIONS[before.group(1).lower()]
            phrase_start = start - (len(before.group(0)))
        else:
            inside = _DIRECTION_INSIDE.match(text, start, end)
            if inside and gazetteer is not None and not gazetteer.rows(normalise_name(text[start:end])) \
                    and normalise_name(text[start:end]) not in _HISTORICAL \
                    and gazetteer.rows(normalise_name(text[inside.end():end])):
                # "Northeast Georgia", "Southern California" tagged whole: the direction is not part of the name
                # (unlike "North Carolina", which the gazetteer knows).
                direction = _DIRECTIONS[inside.group(1).lower()]
                start = inside.end()
        if recovered and any(t.start < end and start < t.end for t in found.values()):
            continue
        start, country = _demonym_before(text, start, end, gazetteer) if gazetteer is not None else (start, None)
        found[(phrase_start, end)] = Toponym(phrase_start, end, text[phrase_start:end], label, start, end, direction,
                                             recovered, expansions.get((start, end)), country)
    if dateline:
        head = find_dateline(text, gazetteer=gazetteer)
        if head is not None and not any(t.start < head[1] and head[0] < t.end for t in found.values()):
            # "(Cincinnati, OH)--" that the recogniser missed: the town, and a state's code after it
            town_end = head[0] + len(head[2].split(",")[0].rstrip())
            region = text[town_end:head[1]].strip(", \t")
            if region in _US_STATE_CODES or region + "." in _US_STATE_CODES:  # "YORK, Pa-" drops the dot
                at = head[1] - len(region)
                found[(head[0], town_end)] = Toponym(head[0], town_end, text[head[0]:town_end], "DATELINE",
                                                     head[0], town_end)
                found[(at, head[1])] = Toponym(at, head[1], region, "DATELINE", at, head[1],
                                               expanded=None if region in _US_STATE_CODES else region + ".")
            else:
                found[(head[0], head[1])] = Toponym(head[0], head[1], head[2], "DATELINE", head[0], head[1])
        elif head is not None:  # the recogniser found the dateline town too ("PHILADELPHIA -"): it is the dateline
            name_end = head[0] + len(head[2].split(",")[0].rstrip())
            key = next((k for k, t in found.items() if t.start == head[0] and name_end <= t.end <= head[1]), None)
            if key is not None:
                found[key] = replace(found[key], label="DATELINE")
            else:
                # It found only the region ("AURORA, Colo.": "Colo."), a part of the town's name ("ST." of
                # "ST. PARIS") or a span with scraped junk glued to the town ("fox13now.comFAYETTEVILLE"): the
                # dateline's town replaces what overlaps it, and the region stays its container.
                for k in [k for k, t in found.items() if t.start < name_end and head[0] < t.end]:
                    del found[k]
                found[(head[0], name_end)] = Toponym(head[0], name_end, text[head[0]:name_end], "DATELINE",
                                                     head[0], name_end)
        if head is not None:
            # The region of "SIDON, Lebanon -" belongs to the dateline too: where the report was filed.
            for k, t in list(found.items()):
                if head[0] < t.start and t.end <= head[1] and t.label != "DATELINE":
                    found[k] = replace(t, label="DATELINE")
    return sorted(found.values(), key=lambda t: t.start)


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|to|into|of)\s+$", re.I)
# A newspaper's title after a place's name ("the Los Angeles Times", "The New Zealand Herald", "China Daily").
_NEWSPAPER_AFTER = re.compile(r"\s+(?:Times(?!\s+Square)|Daily|Herald|Tribune|Post(?!\s+Office)|Gazette|Chronicle|"
                              r"Journal|Star|Telegraph|Courier|Examiner|[IE]nquirer|Dispatch|Globe|Bee)\b")
# A disease named after a place ("West Nile virus", "Marburg virus", "Minamata disease", "Rift Valley fever").
_DISEASE_AFTER = re.compile(r"['’]?\s+(?:ha?emorrhagic\s+)?(?:virus|viruses|fever|flu|disease|encephalitis)\b")


def _names_a_country_or_state(gaz: Gazetteer | None, name: str) -> bool:
    """Whether the gazetteer knows the name as a country or a first-order division by its own name."""
    return gaz is not None and any(not alt and _kind(gaz.entry(row)) in {"country", "adm1"}
                                   for row, alt in gaz.rows(normalise_name(name)))


def _holds_a_known_place(gaz: Gazetteer, name: str) -> bool:
    """Whether the gazetteer knows the name, or a word of it, as a place: a country, a division or a town of
    1,000 people ("Historic Dublin", "Tennessee Colony"; not "Saakashvili", "United Way"), or as a
    country's people ("Sri Lankan")."""
    if gaz.rows(normalise_name(name)) or normalise_name(name) in gaz.demonyms:
        return True
    for word in re.findall(r"[A-Z][\w'’.-]*", name):
        key = normalise_name(word)
        if len(key) >= 3 and any(_kind(e) in {"country", "adm1", "adm2"} or e.population >= 1000
                                 for e in (gaz.entry(r) for r, alt in gaz.rows(key)[:50] if not alt)):
            return True
    return False


def _surnames(doc: Doc, ents: Sequence[Span]) -> set[str]:
    """The last names of the article's people named in full ("Maria Rivera" → "rivera")."""
    return {normalise_name(name) for name in surnames(doc, [(e.start, e.end) for e in ents if e.label_ == "PERSON"])}


_DEMONYM_WORD = re.compile(r"([A-Z][a-z]+)\s+$")
_DEMONYM_INSIDE = re.compile(r"([A-Z][a-z]+)\s+(?=[A-Z])")


def _demonym_before(text: str, start: int, end: int, gaz: Gazetteer) -> tuple[int, str | None]:
    """"Iraqi Kurdistan": a demonym (outside the entity or opening it) puts the name in its country.

    Returns the start of the name proper and the country's code.  Only when the
    gazetteer lacks the whole phrase ("American Samoa", "British Columbia" are names).
    """
    inside = _DEMONYM_INSIDE.match(text, start, end)
    if inside and gaz.demonyms.get(normalise_name(inside.group(1))) and not gaz.rows(normalise_name(text[start:end])):
        return inside.end(), gaz.demonyms[normalise_name(inside.group(1))]
    before = _DEMONYM_WORD.search(text[max(0, start - 25):start])
    if before and gaz.demonyms.get(normalise_name(before.group(1))) \
            and not gaz.rows(normalise_name(f"{before.group(1)} {text[start:end]}")):
        return start, gaz.demonyms[normalise_name(before.group(1))]
    return start, None


_IOB_O = 2  # ``Token.ent_iob`` of a token outside every entity ("O")
# Labels the model gives place names it misreads: a person ("Gainesville residents"), an organisation, a
# demonym, a product ("Cyprus", "a Saratoga native") or a title ("the Lindsay Police").
_RECOVERABLE_LABELS = {"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART"}

_LOCATIVE = {"in", "at", "near", "outside", "from", "to", "into", "across", "throughout", "toward", "towards",
             "inside", "around", "between", "through", "of"}


def _recover(doc: Any, gaz: Gazetteer, demonyms: bool, ents: Sequence[Span] | None = None) -> list[tuple[str, int, int]]:
    """Place names the NER model missed or mislabelled, as ("GPE", start, end).

    A PERSON, ORG, NORP, PRODUCT or WORK_OF_ART entity (a possessive "'s" dropped),
    or a run of capitalised proper nouns outside any entity, is taken as a place
    when the gazetteer knows the name (its main name, not an alternate) and one of
    these holds: the same name is tagged GPE/LOC elsewhere in the article; it is a
    country, a first-order division, or a name with a division word ("Kanawha
    County"); a known container follows it ("Gainesville, Fla."); a locative
    preposition precedes it ("in Alexandria"; not a title's, nor a possessive's:
    "at Culver's") and it is a place of at least 1,000 people; a word for a town's
    people or parts follows a place of that size ("a Winona man", "Danbury police",
    also when the model calls it a person); it names a district in a list closed by
    "counties" ("Jackson and Barrow counties"); or it is an item of a list beside a
    tagged place ("Newark, Heath and Pataskala"). A name confirmed by a tag, its
    container or a word after it is taken at its other mentions too, and so is the
    town opening the headline or an organisation's name ("St. Cloud Hospital") when
    the article confirms it (the dateline's town counts).
    """
    if ents is None:
        ents = doc_ents(doc)
    placed = {normalise_name(e.text) for e in ents if e.label_ in PLACE_LABELS}
    place_starts = {e.start_char for e in ents if e.label_ in PLACE_LABELS}
    place_ends = {e.end_char for e in ents if e.label_ in PLACE_LABELS}
    spans: list[tuple[int, int, str]] = []
    for ent in ents:
        if ent.label_ in _RECOVERABLE_LABELS:
            spans.append((ent.start, ent.end, ent.label_))
            if len(ent) > 1 and ent[-1].text in {"'s", "’s"} and not (ent.end < len(doc) and doc[ent.end].is_title):
                spans[-1] = (ent.start, ent.end - 1, ent.label_ + "'s")  # "Sri Lanka's" (not "St Patrick's Day")
    # Runs of capitalised proper nouns outside any entity (IOB "O", POS PROPN, an upper-case first
    # character), read from one attribute array rather than token by token.  A token's trailing whitespace
    # is one space or nothing, so only a token that is not such a noun ends a run.
    text = doc_text(doc)
    run_start = run_end = -1
    for i, (iob, pos, idx) in enumerate(zip(*doc.to_array([ENT_IOB, POS, IDX]).T.tolist())):
        if iob == _IOB_O and pos == PROPN and text[idx].isupper():
            if run_end != i:
                if run_start >= 0:
                    spans.append((run_start, run_end, ""))
                run_start = i
            run_end = i + 1
    if run_start >= 0:
        spans.append((run_start, run_end, ""))
    affiliations = _affiliation_places(text, gaz)
    found = list(affiliations)
    # A name confirmed once (by its context or a tag) is a place at its other mentions too ("55 Gainesville
    # residents marched … protecting Gainesville"): a second pass takes the mentions the first one left.
    confirmed = placed | {normalise_name(text[s:e]) for _, s, e in affiliations}
    left: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        span = doc[start:end]
        key = normalise_name(span.text)
        if not key or len(key) < 2:
            continue
        possessive = label.endswith("'s")  # "at Culver's" is a shop or a home, not a town
        label = label.removesuffix("'s")
        if label == "NORP":
            if demonyms and (key in gaz.demonyms or (key.endswith("s") and key[:-1] in gaz.demonyms)):
                found.append(("RECOVERED", span.start_char, span.end_char))
                continue
        rows = [r for r, alt in gaz.rows(key) if not alt]
        words = key.split()
        # (not "department": "Police Department", "Health Department" are services, not Police, Poland)
        hinted = len(words) >= 2 and words[-1] in DIVISION_WORDS and words[-1] != "department" \
            and gaz.rows(" ".join(words[:-1]))
        if not rows and not hinted:
            continue
        kinds = {_kind(gaz.entry(r)) for r in rows[:50]}
        big = max((gaz.entry(r).population for r in rows[:50]), default=0)
        prev = doc[start - 1] if start > 0 else None
        after = doc_text(doc)[span.end_char:span.end_char + 12]
        follow = re.match(r",\s*([A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)", after)
        container = False
        if follow:
            for r, alt in gaz.rows(normalise_name(follow.group(1))):
                if not alt and _kind(gaz.entry(r)) in {"adm1", "country"}:
                    container = True
                    break
        # (not in a title: "Shakespeare in Love")
        locative = prev is not None and prev.lower_ in _LOCATIVE and big >= 1000 and not possessive \
            and label != "WORK_OF_ART"
        strong = bool(kinds & {"country", "adm1"}) or bool(hinted)
        # "a Winona man", "Danbury police", "Northbrook-based": a town's name before a word for its people or
        # its parts; "Douglas, Sarpy and Lancaster counties": names a plural division word closes.
        local = (big >= 1000
                 and bool(_LOCAL_NOUN_AFTER.match(text, span.end_char, span.end_char + 20))) \
            or ("adm2" in kinds and bool(_DIVISION_LIST_AFTER.match(text, span.end_char, span.end_char + 80)))
        # A person's full name is rarely a town's ("Glen Allen said"), but a country's or state's is no one's
        # ("Sri Lanka has a Muslim population"), and a town's of 1,000 people is meant after "in" or before a
        # word for its people ("home in Glen Allen", "missing Glen Allen woman").
        inside = prev is not None and prev.lower_ == "in" and big >= 1000 and not possessive
        if label == "PERSON" and len(span) > 1 and not (hinted or container or local or inside
                                                        or kinds & {"country", "adm1"}):
            continue
        if len(key.replace(" ", "")) <= 3 and not span.text.replace(".", "").isupper() \
                and not span.text.endswith("."):
            continue  # "Mr", "Ms": not a country code
        if len(key.replace(" ", "")) <= 3 and kinds == {"country"} and span.text.isupper() \
                and key.replace(" ", "").upper() not in DOTTED_COUNTRIES:
            continue  # "ER visits", "TV One", "MAC cosmetics": a country's code news does not write for it
        # "Newark, Heath and Pataskala", "Sunnyvale and Morgan Hill": an item of a list of tagged places
        item_before = _LIST_SEPARATOR_BEFORE.search(text, max(0, span.start_char - 8), span.start_char)
        item_after = _LIST_SEPARATOR_AFTER.match(text, span.end_char, span.end_char + 8)
        listed = big >= 1000 and ((item_before is not None and item_before.start() in place_ends)
                                  or (item_after is not None and item_after.end() in place_starts)) \
            and not _STREET_LIST_AFTER.match(text, span.end_char, span.end_char + 40)  # "Lakeview and Harrison streets"
        if key in placed or strong or container or local or (locative and label != "PERSON") \
                or (locative and len(span) == 1) or (inside and label == "PERSON") or listed:
            found.append(("RECOVERED", span.start_char, span.end_char))
            if strong or container or local:  # not a preposition alone: "led detectives to Henry"
                confirmed.add(key)
        elif big >= 1000 and rows:
            left.append((span.start_char, span.end_char, key))
    # (a surname of a person the article names in full is dropped later, in ``find_toponyms``)
    found += [("RECOVERED", s, e) for s, e, key in left if key in confirmed]
    head = find_dateline(text, gazetteer=gaz)
    if head is not None:
        confirmed.add(normalise_name(head[2].split(",")[0]))
    # "St. Cloud Hospital", "the Dublin Branch": an organisation opening with a town the article confirms
    found = _organisation_places(doc, gaz, ents, confirmed) + found
    found += _headline_opening(doc, gaz, confirmed) + _hyphen_pairs(text, gaz, confirmed, ents)
    return found


def _headline_opening(doc: Any, gaz: Gazetteer, confirmed: set[str]) -> list[tuple[str, int, int]]:
    """The town opening the headline ("Pataskala zoning allows …", "Clinton couple faces …"), which the
    recogniser rarely tags there, when the article names it as a place again (tagged, confirmed by its
    context, or as the dateline)."""
    words = 0
    while words < min(3, len(doc)) and doc[words].text[:1].isupper() and doc[words].is_alpha:
        words += 1
    for n in range(words, 0, -1):
        key = normalise_name(doc[:n].text)
        if key in confirmed and any(not alt and _kind(gaz.entry(r)) in {"city", "adm2"}
                                    for r, alt in gaz.rows(key)[:50]):
            return [("RECOVERED", 0, doc[n - 1].idx + len(doc[n - 1].text))]
    return []


_LIST_SEPARATOR_BEFORE = re.compile(r"(?:,|,? and|,? or|;) $")
_LIST_SEPARATOR_AFTER = re.compile(r"(?:,| and| or|, and|, or) ")
_STREET_LIST_AFTER = re.compile(r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’-]*)*\s+(?:streets|avenues|roads|drives|lanes)\b")

# "Watertown-Mayer Lutheran", "the Lebanon-Syria Treaty", "Paris-Henry County": two places joined by a hyphen.
_HYPHEN_PAIR = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)-([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
_HYPHEN_PART_MIN = 1000


def _hyphen_pairs(text: str, gaz: Gazetteer, confirmed: set[str], ents: Sequence[Span]
                  ) -> list[tuple[str, int, int]]:
    """Both places of two joined by a hyphen ("the Lebanon-Syria Treaty", "Logan-Rogersville schools"), when
    the gazetteer lacks the whole ("Winston-Salem" is one town) and knows each part as a country, a state, or
    a town or county of 1,000 people, and one part is a country or state or a place the article names
    elsewhere ("Coca-Cola" joins no places the story is about; "Jean-Claude" is a person's name)."""
    found = []
    people = [(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"]
    for match in _HYPHEN_PAIR.finditer(text):
        if gaz.rows(normalise_name(match.group(0).replace("-", " "))) \
                or any(s <= match.start() and match.end() <= e for s, e in people):
            continue
        parts = []
        for group in (1, 2):
            key = normalise_name(match.group(group))
            entries = [gaz.entry(r) for r, alt in gaz.rows(key)[:50] if not alt] if len(key) > 2 else []
            kinds = {_kind(e) for e in entries}
            if not (kinds & {"country", "adm1"} or any(e.population >= _HYPHEN_PART_MIN for e in entries)):
                break
            parts.append(bool(kinds & {"country", "adm1"}) or key in confirmed)
        if len(parts) == 2 and any(parts):
            found += [("RECOVERED", match.start(1), match.end(1)), ("RECOVERED", match.start(2), match.end(2))]
    return found


# Words for a town's people or parts that follow its name used as a modifier ("a Winona man", "Danbury
# police", "DeKalb neighborhoods"): the name is the town's, whatever the recogniser labelled it.
_LOCAL_NOUN_AFTER = re.compile(r"(?:\s+(?:man|woman|men|women|boy|girl|teen|teenager|resident|residents|native|"
                               r"natives|police|policeman|home|residence|neighborhood|neighborhoods|neighbourhood|"
                               r"neighbourhoods|students|parents|city\s+limits)\b|-based\b)")
_DIVISION_LIST_AFTER = re.compile(r"(?:(?:,\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w'’-]*)?)*,?\s+(?:and|&)\s+"
                                  r"[A-Z][\w.'’-]*(?:\s[A-Z][\w'’-]*)?)?\s+(?:counties|parishes)\b")


# "Sen. Ray Miller, D-Columbus,", "(R-Ocilla)": the town or state after a US legislator's party letter is the
# one they represent (a dash after it may come garbled from the page's encoding: "R-Marshall â“").
_PARTY_PLACE = re.compile(r"(?:,\s*|\()(?:D|R|I|DFL)-([A-Z][\w'’]*\.?(?: [A-Z][\w'’]*)?)"
                          r"(?=\s*[,);]|\s+[—–-]|\s+â)")
# "Chiefland Police Chief", "the Cookville Volunteer Fire Department", "the Lindsay Police", "Dublin Mayor
# Marilee Chinnici-Zuercher", "the DeKalb City Council": a town's own services and offices name the town.
_TOWN_SERVICE = re.compile(r"\b([A-Z][a-z]+(?: (?!Volunteer\b)[A-Z][a-z]+)?) "
                           r"(?:(?:Volunteer )?Fire (?:Department|Dept\b|Chief|Station)|Police\b|Mayor\b|"
                           r"City Council\b)")
_NOT_A_TOWN_SERVICE = {"city", "county", "state", "capitol", "metro", "university", "campus", "transit", "airport",
                       "park", "parks", "tribal", "village", "town", "township", "school", "harbor", "port", "the",
                       "vice", "deputy", "acting", "former", "interim", "national", "military", "border", "secret"}
# "McMinn County Sheriff Steve Frisbie", "the 2009 Walker County Fair": a county named with its division
# word is a place whatever the recogniser made of the words around it.
_COUNTY = re.compile(r"\b([A-Z][a-z]*[A-Z]?[a-z]+(?: [A-Z][a-z]+)? (?:County|Parish))\b")


def _affiliation_places(text: str, gaz: Gazetteer) -> list[tuple[str, int, int]]:
    """Places named by conventions of US local news, as ("RECOVERED", start, end): a legislator's party
    and home ("Sen. Ray Miller, D-Columbus"), a town's police or fire service or its mayor ("Chiefland Police
    Chief", "Dublin Mayor"), and a county with its division word ("McMinn County Sheriff"), each only when the
    gazetteer knows the name as a town or division (by its main name)."""
    found = []
    for pattern, kinds in ((_PARTY_PLACE, {"city", "adm2", "adm1"}), (_TOWN_SERVICE, {"city"}),
                           (_COUNTY, {"adm2"})):
        for match in pattern.finditer(text):
            name = match.group(1)
            # (a word closing a sentence is no part of the name: "said Monday. Carthage Police Chief")
            before = re.search(r"([A-Z][\w.'’-]*[\w'’-]) $", text[max(0, match.start() - 30):match.start()])
            if pattern is not _PARTY_PLACE and (normalise_name(name).split()[0] in _NOT_A_TOWN_SERVICE
                                             or (before and before.group(1) != "The")):
                continue  # "State Police", "New York City Police Department", "Los Angeles County"
            if any(not alt and _kind(gaz.entry(r)) in kinds for r, alt in gaz.rows(normalise_name(name))[:50]):
                found.append(("RECOVERED", match.start(1), match.end(1)))
    return found


_AREA_WORDS = {"metro", "metropolitan", "greater"}  # "Metro Vancouver", "Greater Boston": the town's wider area
_ORG_PLACE_TOWN_MIN = 100_000  # a town opening an organisation's name counts from this size, or when tagged elsewhere
_ORG_DIVISION_WORDS = {"county", "parish", "borough", "province", "governorate", "oblast", "prefecture", "shire"}


def _organisation_places(doc: Any, gaz: Gazetteer, ents: Sequence[Span], placed: set[str]) -> list[tuple[str, int, int]]:
    """The place opening an organisation's name ("the Ohio Supreme Court", "U.S. Census", "Gainesville
    Police") or closing it after "of" ("the University of Kentucky", "Bank of Canada"), as ("RECOVERED",
    start, end).

    The organisation is based there, which says where the story is (geoparsing corpora such as LGL count
    these).  Only a proper name of one to three words counts, and only when it is a country or a
    first-order division, a division named with its division word ("the Clarke County Board of Education"),
    or a town of 100,000 people or one the article tags as a place elsewhere ("Union Pacific" and "Orange"
    the telecoms company name no place).
    """
    found = []
    for ent in ents:
        if ent.label_ != "ORG":
            continue
        for span in (_place_opening_name(doc, gaz, ent, placed), _place_after_of(doc, gaz, ent, placed)):
            if span is not None:
                found.append(("RECOVERED", span[0], span[1]))
    return found


def _opening_proper_nouns(doc: Any, ent: Span) -> tuple[int, int, int]:
    """Where an organisation's name starts (past "the"), how many compass or area words open it (0 or 1), and
    how many words they and the capitalised proper nouns after them make (up to three nouns, leaving at least
    one word after them, but for the area of "Metro Vancouver")."""
    start = ent.start + (1 if ent[0].lower_ == "the" else 0)
    # "the Western Pennsylvania Kennel Association", "Metro Vancouver": a compass word or a word for a
    # town's wider area opens the name before the place ("West Virginia" stays one name).
    area = doc[start].lower_ in _AREA_WORDS and start < ent.end - 1
    lead = 1 if doc[start].text[:1].isupper() and (area or (doc[start].lower_ in _DIRECTIONS
                                                            and start < ent.end - 2)) else 0
    run = lead
    while run < 3 + lead and start + run < ent.end - (0 if area else 1):
        token = doc[start + run]
        if token.pos_ != "PROPN" or not token.text[:1].isupper():
            break
        run += 1
    return start, lead, run


def _place_opening_name(doc: Any, gaz: Gazetteer, ent: Span, placed: set[str]) -> tuple[int, int] | None:
    """The longest place among the proper nouns opening an organisation's name ("the Ohio Supreme Court")."""
    start, lead, run = _opening_proper_nouns(doc, ent)
    for first, n in [(start, n) for n in (3, 2, 1) if n > lead] + [(start + 1, n) for n in (3, 2, 1) if lead]:
        if first + n > start + run or (first > start and (doc[first].lower_ in _DIRECTIONS
                                                          or doc[first].lower_ in _AREA_WORDS)):
            continue  # ("East Central Regional Hospital", "West Metro Chamber": no place after the word)
        prefix = doc[first:first + n]
        if _names_a_place(gaz, prefix.text, placed):
            # The compass word stays with the name ("Western Pennsylvania" is the west of the state) unless
            # the gazetteer knows the whole as another place ("North Arlington" of a story about Arlington).
            whole = doc[start:first + n].text
            begin = doc[start].idx if first > start and doc[start].lower_ in _DIRECTIONS \
                and not gaz.rows(normalise_name(whole)) else prefix.start_char
            return begin, prefix.end_char
    return None


def _place_after_of(doc: Any, gaz: Gazetteer, ent: Span, placed: set[str]) -> tuple[int, int] | None:
    """The place closing an organisation's name after "of": "the University of Kentucky", "Bank of Canada"."""
    of = max((t.i for t in ent if t.lower_ == "of"), default=None)
    if of is None or of == ent.start:
        return None
    tail = of + 1 + (1 if of + 1 < ent.end and doc[of + 1].lower_ == "the" else 0)
    if tail < ent.end - 1 and doc[tail].lower_ in _AREA_WORDS:
        tail += 1  # "United Way of Metropolitan Atlanta"
    words = doc[tail:ent.end]
    if 0 < len(words) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words) \
            and _names_a_place(gaz, words.text, placed):
        return words.start_char, words.end_char
    return None


def _names_a_place(gaz: Gazetteer, name: str, placed: set[str]) -> bool:
    """Whether a proper name inside an organisation's name is a place: a country, a first-order division, a
    division written with its division word, a town of 100,000 people or one the article tags elsewhere."""
    key = normalise_name(name)
    if len(key.replace(" ", "")) < 2:
        return False
    if len(key.replace(" ", "")) <= 3 and not name.replace(".", "").replace(" ", "").isupper():
        return False  # "St." of "St. Cloud Hospital" is no country code ("U.S." is written in capitals)
    entries = [gaz.entry(r) for r, alt in gaz.rows(key)[:50] if not alt]
    kinds = {_kind(e) for e in entries}
    big_town = any(_kind(e) == "city" and e.population >= _ORG_PLACE_TOWN_MIN for e in entries)
    # "the Clarke County Board of Education": a name with its division word is a division, not a firm.
    division = key.split()[-1] in _ORG_DIVISION_WORDS and bool(kinds & {"adm1", "adm2"})
    return bool(kinds & {"country", "adm1"}) or division or bool(entries and (big_town or key in placed))


def _spans(doc_or_mentions: Any, text: str | None,
           ents: Sequence[Span] | None = None) -> tuple[str, list[tuple[str, int, int]]]:
    if isinstance(doc_or_mentions, Doc):
        doc = doc_or_mentions
        return doc_text(doc), [(e.label_, e.start_char, e.end_char) for e in (doc_ents(doc) if ents is None else ents)]
    if text is None:
        raise ValueError("geocoding a list of mentions needs the article text: pass text=article.text")
    spans = []
    for m in doc_or_mentions:
        label = getattr(m, "type", None) or getattr(m, "label", None) or "GPE"
        spans.append((label, m.start, m.end))
    return text, spans


# --- candidates and scores --------------------------------------------------------------------------------

_DISTRICT_WORDS = {"county", "parish", "borough", "district", "municipality", "township", "census area", "raion",
                   "rayon", "shire"}
_PROVINCE_WORDS = {"state", "province", "governorate", "region", "oblast", "prefecture", "department", "krai",
                   "territory", "emirate", "wilaya", "voivodeship", "canton", "muhafazah"}
_TOWN_WORDS = {"city", "town", "village"}
_KIND_RANK = {"city": 0, "adm2": 1, "adm1": 2, "country": 3, "cont": 4}  # "cont": a continent or world region
_PRECISION_OF_KIND = {"city": "exact", "adm2": "district", "adm1": "province", "country": "country",
                      "cont": "region"}


# A sea, lake or mountain range ranks as a world region: it is wide, and its point is only its middle.
_KIND_OF_CODE = {"PCLI": "country", "ADM1": "adm1", "ADM2": "adm2", "CONT": "cont", "RGN": "cont",
                 **{code: "cont" for code in ("OCN", "SEA", "GULF", "BAY", "STRT", "CNL", "LK", "MTS")}}


def _kind(entry: GazetteerEntry) -> str:
    return _KIND_OF_CODE.get(entry.feature_code, "city")


@dataclass
class _Candidate:
    row: int
    entry: GazetteerEntry
    kind: str
    alternate: bool
    prior: float
    score: float = 0.0
    support: float = 0.0  # from the other names' candidates: containment, nearness, a shared province
    province_weight: float = 1.0  # how much a shared province counts for it (see ``_MINOR_NAMESAKE_RATIO``)


def _candidates(gaz: Gazetteer, name: str, context_hint: str | None = None, *, island: bool = False,
                country: str | None = None, has_parts: bool = False) -> tuple[list[_Candidate], str | None]:
    """Gazetteer candidates for one name, and the division word it carried (if any).

    ``context_hint`` is a division word written next to the name rather than in it
    ("Washington state", "the province of Ontario"); it counts when the name carries none.
    ``island``: the text calls the place an island ("the island of Luzon"), which no
    populated place is: only divisions and countries remain.  ``country``: a demonym
    put the name in that country ("Iraqi Kurdistan"): only its places remain.  ``has_parts``: the text
    names a part of the place with a direction adjective ("northern Luzon"), which a village has none
    of: towns under ``_PARTS_TOWN_MIN`` people drop.
    """
    key = normalise_name(name)
    dotted = name.strip().replace(".", "") if _DOTTED_INITIALS.fullmatch(name.strip()) and "." in name else ""
    if dotted in DOTTED_TOWNS:
        key = normalise_name(DOTTED_TOWNS[dotted])
    hint = None
    words = key.split()
    keys = [key]
    if len(words) >= 2 and words[-1] in DIVISION_WORDS:
        hint = words[-1]
        if hint != "township":
            # (a US township is neither the county nor the town of its name, often states away: "Jerome
            # Township", Ohio is no Jerome County, Idaho; the gazetteer holds townships only by their whole name)
            keys.append(" ".join(words[:-1]))
    elif len(words) >= 3 and words[1] == "of" and words[0] in DIVISION_WORDS:
        hint = words[0]
        keys.append(" ".join(words[2:]))
    seen: set[int] = set()
    found: list[_Candidate] = []
    for k in keys:
        if not k:
            continue
        if k != key and any(not c.alternate for c in found):
            break  # "Mexico City", "Iowa City": the whole name matched, its shorter form is another place
        for row, alternate in gaz.rows(k):
            if row in seen:
                continue
            seen.add(row)
            entry = gaz.entry(row)
            if len(k) <= 3 and entry.feature_code != "PCLI" and not alternate and k != key:
                continue
            found.append(_Candidate(row, entry, _kind(entry), alternate, 0.0))
    # "Iraqi", "Sri Lankans": a demonym stands for its country, also when a place shares the word
    # ("Irish" Town): the people's name is the common reading.
    cc = gaz.demonyms.get(key) or (gaz.demonyms.get(key[:-1]) if key.endswith("s") else None)
    cc = cc or _HISTORICAL.get(key)  # "West Germany", "Soviet Union": today's country
    country_entry = gaz.country(cc) if cc else None
    if cc and country_entry is not None and gaz._country_row[cc] not in seen:  # a country implies a code
        found.append(_Candidate(gaz._country_row[cc], country_entry, "country", False, 0.0))
        demonym = True
    else:
        demonym = cc is not None and key in _HISTORICAL
    if island:  # the gazetteer has no islands: a small town named like one is a namesake, often far away
        found = [c for c in found if c.kind != "city" or c.entry.population >= _NAMESAKE_TOWN_MAX]
    if has_parts:
        found = [c for c in found if c.kind != "city" or c.entry.population >= _PARTS_TOWN_MIN]
    if country is not None and not any(c.kind in {"country", "cont"} and not c.alternate for c in found):
        # (a demonym before a country or world region modifies a phrase: "the Czech EU presidency")
        found = [c for c in found if c.entry.country_code == country]
    short = len(key.replace(" ", "")) <= 3
    if short and not name.replace(".", "").replace(" ", "").isupper():
        # "Mr" is no country code: short keys written in lower case match only full names.
        # "Ga." may be a state's abbreviation, never a country code.
        allowed = {"adm1"} if name.rstrip().endswith(".") else set()
        found = [c for c in found if c.kind not in {"country", "adm1"} or c.kind in allowed
                 or normalise_name(c.entry.name) == key]
    rivals = _Rivals.of(found)
    for cand in found:
        cand.prior = _prior(cand, hint, rivals, key)
        if cand.kind == "city" and not cand.alternate and rivals.biggest_town.get(cand.entry.country_code, -1) >= max(
                _MINOR_NAMESAKE_BIG, _MINOR_NAMESAKE_RATIO * cand.entry.population):
            cand.province_weight = _MINOR_NAMESAKE_PROVINCE
        if hint is None and context_hint is not None:
            cand.prior += _context_hint_bonus(cand, context_hint, rivals)
        if demonym and cand.kind == "country" and cand.entry.country_code == cc:
            cand.prior = 9.5  # above a namesake division or town, whatever its size
    return found, hint


@dataclass
class _Rivals:
    """What a name's candidates say about each other, gathered in one pass so that scoring a
    candidate against its namesakes costs the same however many there are (a common name has
    hundreds, and comparing every pair made one story take a tenth of a second)."""

    any_primary: bool  # some candidate matched by its main name, not an alternate
    province_kind: str  # what "province" beside the name means: "adm1", or "adm2" when it has none of those
    town_provinces: set[tuple[str, str]]  # (country, admin1) of towns of 1,000+ people with the name
    biggest_town: dict[str, int]  # country -> population of its biggest town with the name
    wide_primary: bool  # a country or world region has the name
    primary_provinces: dict[str, set[str]]  # country -> admin1 codes of first-order divisions with the name

    @classmethod
    def of(cls, found: list[_Candidate]) -> _Rivals:
        town_provinces: set[tuple[str, str]] = set()
        biggest_town: dict[str, int] = {}
        primary_provinces: dict[str, set[str]] = {}
        any_primary = wide_primary = False
        for o in found:
            if o.alternate:
                continue
            any_primary = True
            entry = o.entry
            if o.kind == "city":
                if entry.population >= 1000:
                    town_provinces.add((entry.country_code, entry.admin1_code))
                biggest_town[entry.country_code] = max(biggest_town.get(entry.country_code, 0), entry.population)
            elif o.kind in {"country", "cont"}:
                wide_primary = True
            elif o.kind == "adm1":
                primary_provinces.setdefault(entry.country_code, set()).add(entry.admin1_code)
        return cls(any_primary, "adm1" if primary_provinces else "adm2", town_provinces, biggest_town,
                   wide_primary, primary_provinces)


def _context_hint_bonus(cand: _Candidate, hint: str, rivals: _Rivals) -> float:
    """"Washington state", "the state of Washington": the division of that rank over towns of the name.

    Unlike a division word inside the name, a word beside it never counts against a
    country ("the State of Israel").
    """
    if hint in _PROVINCE_WORDS:
        return 4.0 if cand.kind == rivals.province_kind else -3.0 if cand.kind == "city" else 0.0
    if hint in _DISTRICT_WORDS:
        return 4.0 if cand.kind == "adm2" else -3.0 if cand.kind == "city" else 0.0
    if hint == "university":
        # "the University of Georgia": universities take the name of the state or province they serve, so a
        # first-order division beats the country of the same name (a country alone keeps it: "of Ghana").
        return -3.0 if cand.kind == "country" and rivals.primary_provinces else 0.0
    return 0.0


# A division word written right after a name ("Washington state", "Anbar province") or before it
# with "of" ("the state of Washington", "the Province of Ontario").
_HINT_WORDS = r"state|province|governorate|oblast|prefecture|region|county|parish|district"
_HINT_AFTER = re.compile(r"\s+(" + _HINT_WORDS + r")\b")  # lower case: "Woodstock District Chamber" is a name
# "Barrow, Jackson and Madison counties": a plural division word closing a list of names.
_HINT_PLURAL = {"states": "state", "provinces": "province", "governorates": "governorate", "oblasts": "oblast",
                "prefectures": "prefecture", "regions": "region", "counties": "county", "parishes": "parish",
                "districts": "district"}
_HINT_LIST_AFTER = re.compile(r"(?:\s*(?:,|,?\s+and|,?\s+or|&)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?){0,5}\s+("
                              + "|".join(_HINT_PLURAL) + r")\b")
_HINT_BEFORE = re.compile(r"\b(" + _HINT_WORDS + r")\s+of\s+(?:the\s+)?$", re.I)


# "northern Luzon", "south-eastern Anatolia": a direction adjective before a name says the place has parts
# news tells apart, which a village has not ("north west Bicester", a town of 30,000, keeps its sense).
_PARTS_TOWN_MIN = 10_000
_DIRECTION_ADJECTIVE = re.compile(r"(?i)\b(?:north|south|east|west)(?:-?(?:east|west))?ern\s+$")


def _named_in_parts(text: str, top: Toponym) -> bool:
    """"northern Luzon": the mention names a part of the place with a direction adjective."""
    return top.direction is not None and bool(_DIRECTION_ADJECTIVE.search(text[top.start:top.name_start]))


_ISLAND_AFTER = re.compile(r"\s+[Ii]slands?\b")
_ISLAND_BEFORE = re.compile(r"\b[Ii]slands?\s+of\s+(?:the\s+)?$")


def _island(text: str, top: Toponym) -> bool:
    """"Mindanao island", "the northern island of Luzon": the text calls the place an island."""
    return bool(_ISLAND_AFTER.match(text, top.name_end)
                or _ISLAND_BEFORE.search(text[max(0, top.name_start - 20):top.name_start]))


_UNIVERSITY_BEFORE = re.compile(r"\buniversit(?:y|ies)\s+of\s+(?:the\s+)?$", re.I)


def _context_hint(text: str, top: Toponym) -> str | None:
    """The division word written beside a mention, if any."""
    if top.expanded:
        return None
    after = _HINT_AFTER.match(text, top.name_end)
    if after:
        return after.group(1).lower()
    listed = _HINT_LIST_AFTER.match(text, top.name_end)
    if listed:
        return _HINT_PLURAL[listed.group(1)]
    before = _HINT_BEFORE.search(text[max(0, top.name_start - 20):top.name_start])
    if before is None and _UNIVERSITY_BEFORE.search(text[max(0, top.name_start - 20):top.name_start]):
        return "university"
    return before.group(1).lower() if before else None


# A town that shares its name with a city of its own country at least this many times its size (and of at
# least _MINOR_NAMESAKE_BIG people) gets only this share of the evidence of a shared province: the article
# naming New York state says little about which Boston it means.  Nearness, containment and a written
# container count in full.
_MINOR_NAMESAKE_RATIO = 30
_MINOR_NAMESAKE_BIG = 100_000
_MINOR_NAMESAKE_PROVINCE = 0.25

# A town smaller than this that shares its name with a country, or with a first-order division of its
# own country, yields to that country or division unless the text names the town's container.
_NAMESAKE_TOWN_MAX = 100_000


def _prior(cand: _Candidate, hint: str | None, rivals: _Rivals, key: str) -> float:
    entry = cand.entry
    if cand.kind == "country":
        score = 9.0
    elif cand.kind == "cont":
        score = 9.0
    elif cand.kind == "adm1":
        score = 7.5
    elif cand.kind == "adm2":
        score = 4.5
    else:
        score = 1.2 * math.log10(entry.population + 10) + (1.5 if entry.feature_code == "PPLC" else 0.0)
    if cand.alternate:
        score -= 5.0 if rivals.any_primary else 2.5
    if hint in _DISTRICT_WORDS:
        score += 4.0 if cand.kind == "adm2" else (-3.0 if cand.kind == "city" else -5.0)
    elif hint in _PROVINCE_WORDS:
        score += 4.0 if cand.kind == rivals.province_kind else (-3.0 if cand.kind == "city" else -2.0)
    elif hint in _TOWN_WORDS:
        score += 2.0 if cand.kind == "city" else 0.0
    elif cand.kind in {"adm1", "adm2"}:
        # A division named after its main town ("Tikrit" district) yields to the town.
        if (entry.country_code, entry.admin1_code) in rivals.town_provinces:
            score -= 3.0
    if normalise_name(entry.name) != key and not cand.alternate and hint is None and cand.kind != "country":
        score -= 0.3  # matched through an alias of the division
    if cand.kind == "city" and hint is None and entry.population < _NAMESAKE_TOWN_MAX and (
            rivals.wide_primary or (entry.feature_code != "PPLC" and bool(
                rivals.primary_provinces.get(entry.country_code, set()) - {entry.admin1_code}))):
        # "Mexico" (Missouri), "California" (Pennsylvania), "Wales" (England), "Middle East" (Maryland):
        # the bare name means the country, the province or the world region, even in an article focused
        # on the town's country.
        score -= 3.0
    return score


@dataclass
class _Name:
    """All mentions of one name in one article."""

    key: str
    text: str
    mentions: list[Toponym]
    candidates: list[_Candidate]
    hint: str | None
    containers: list[str]  # keys of names written right after it as its container ("Paris, Texas")
    best: _Candidate | None = None
    confidence: float = 0.0
    inner: bool = False  # a name found inside a longer one the gazetteer lacks; not a mention of its own


# (also "the Rice Lake area of Fulton County", "Fulton County located in Illinois")
_CONTAINER_GAP = re.compile(r"^\s*(?:,|\(|,\s*in|\bin|(?:area|section|neighbou?rhood)\s+of"
                            r"|,?\s*(?:located|situated)\s+in)\s*$")
_LIST_GAP = re.compile(r"^\s*(?:,|;|,?\s*(?:and|or|&))\s*$")


def _prior_kind(name: _Name) -> str | None:
    """The kind of a name's best candidate by prior alone."""
    if not name.candidates:
        return None
    return max(name.candidates, key=lambda c: (c.prior, -_KIND_RANK[c.kind])).kind


_LIST_PEER = 3.0


def _list_peers(toponyms: Sequence[Toponym], text: str, names: dict[str, _Name]) -> None:
    """An item of a list of states or countries is one too: "Texas, Utah, Virginia, Washington" (the state).

    In a run of toponyms joined by commas or "and", a name whose candidates include a
    first-order division (or a country) gets ``_LIST_PEER`` on that candidate when at
    least two other items are, by prior, divisions of that same country (or countries).
    """
    runs: list[list[Toponym]] = []
    for top in toponyms:
        if runs and _LIST_GAP.match(text[runs[-1][-1].end:top.start]) and "\n" not in text[runs[-1][-1].end:top.start]:
            runs[-1].append(top)
        else:
            runs.append([top])
    for run in runs:
        if len(run) < 3:
            continue
        keys = [normalise_name(_name_of(t, text)) for t in run]
        tops = {}
        for key in set(keys):
            name = names.get(key)
            if name is not None and name.candidates:
                best = max(name.candidates, key=lambda c: (c.prior, -_KIND_RANK[c.kind]))
                tops[key] = (best.kind, best.entry.country_code if best.kind == "adm1" else "")
        for key in set(keys):
            name = names.get(key)
            if name is None:
                continue
            others = Counter(tops[k] for k in set(keys) if k != key and k in tops
                             and tops[k][0] in {"adm1", "country"})
            for (kind, cc), count in others.items():
                if count < 2 or tops.get(key) == (kind, cc) or (kind == "country" and tops.get(key, ("",))[0] == kind):
                    continue
                for cand in name.candidates:
                    if cand.kind == kind and not cand.alternate and (kind == "country" or cand.entry.country_code == cc):
                        cand.prior += _LIST_PEER
                break


def _peers(a: _Name, b: _Name) -> bool:
    """Two names of the same rank (two countries, two provinces): list items, not place and container."""
    kind = _prior_kind(a)
    return kind in {"country", "adm1"} and kind == _prior_kind(b)


# Joint support: what the other names of the article could be says which sense of a name fits.
_SUPPORT_CONTAIN = 3.0  # "Paris" and "Henry County": a Paris lies in a Henry County
_SUPPORT_NEAR = 2.0  # a candidate of another name lies within _NEAR_KM
_SUPPORT_PROVINCE = 2.0  # shared province, divided by the root of the other name's number of provinces
_SUPPORT_MAX = 5.0
_DATELINE_TOWN = 3.0
# A dateline with no state or country after it names a city that stands alone in wire style, a national
# capital first ("WASHINGTON —" in a story that names Pittsburgh is still the capital).
_DATELINE_CAPITAL = 3.0
_NEAR_KM = 40.0
_SUPPORTERS = 40  # per name, the candidates with the highest priors lend support


def _joint_support(names: list[_Name]) -> None:
    """Set ``support`` on every candidate from the candidates of the article's other names.

    Each other name adds the strongest of: a containment (a town inside a district
    that is a candidate of the other name, or the reverse), a candidate of it
    within 40 km, or a shared first-order division, the last weighted down when
    the other name is spread over many divisions.  Candidates rather than winners
    are compared, so two ambiguous names can settle each other ("Paris" and
    "Henry County" are both in Tennessee).
    """
    if len(names) < 2:
        return
    tables = []
    for name in names:
        pool = [c for c in name.candidates if not c.alternate]
        pool = sorted(pool, key=lambda c: -c.prior)[:_SUPPORTERS]
        districts = {(c.entry.country_code, c.entry.admin1_code, c.entry.admin2_code) for c in pool
                     if c.kind == "adm2"}
        towns_in = {(c.entry.country_code, c.entry.admin1_code, c.entry.admin2_code) for c in pool
                    if c.kind == "city" and c.entry.admin2_code}
        provinces = {(c.entry.country_code, c.entry.admin1_code) for c in pool
                     if c.kind in {"city", "adm2", "adm1"} and c.entry.admin1_code}
        cells: dict[tuple[int, int], list[GazetteerEntry]] = defaultdict(list)
        for c in pool:
            if c.kind in {"city", "adm2"}:
                cells[(int(c.entry.lat // 0.5), int(c.entry.lon // 0.5))].append(c.entry)
        rows = {c.row for c in name.candidates if not c.alternate}
        tables.append((name.key, districts, towns_in, provinces, cells, rows))
    for name in names:
        regional = _names_region(name)
        own = {c.row for c in name.candidates if not c.alternate}
        for cand in name.candidates:
            entry = cand.entry
            if cand.kind not in {"city", "adm2", "adm1"} or not entry.admin1_code or cand.alternate or regional:
                continue
            if name.hint is None and cand.kind != "city" and normalise_name(entry.name) != name.key:
                continue  # "Nevada" is rarely Nevada County: only an exact name earns support
            a2_key = (entry.country_code, entry.admin1_code, entry.admin2_code)
            a1_key = (entry.country_code, entry.admin1_code)
            cell = (int(entry.lat // 0.5), int(entry.lon // 0.5))
            total = 0.0
            for key, districts, towns_in, provinces, cells, rows in tables:
                if key == name.key or not own.isdisjoint(rows):
                    continue  # a name that may be this very place ("Paris" and "Paris City") is no evidence
                if entry.admin2_code and ((cand.kind == "city" and a2_key in districts)
                                          or (cand.kind == "adm2" and a2_key in towns_in)):
                    total += _SUPPORT_CONTAIN
                    continue
                if cand.kind in {"city", "adm2"} and any(
                        haversine_km(entry.lat, entry.lon, o.lat, o.lon) <= _NEAR_KM
                        for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                        for o in cells.get((cell[0] + dy, cell[1] + dx), ()) if o.id != entry.id):
                    total += _SUPPORT_NEAR
                    continue
                if a1_key in provinces:
                    total += cand.province_weight * _SUPPORT_PROVINCE / len(provinces) ** 0.5
            cand.support = min(total, _SUPPORT_MAX)


_Point = tuple[float, float, str, str]  # latitude, longitude, country, admin1 of a confident town or district


def _focus(names: list[_Name], demonym_countries: Counter, skip: str | None) -> tuple[Counter, Counter,
                                                                                        list[_Point]]:
    countries: Counter = Counter()
    provinces: Counter = Counter()
    points: list[_Point] = []
    for name in names:
        if name.key == skip or name.best is None:
            continue
        weight = name.confidence * len(name.mentions) ** 0.5 * (0.5 if name.inner else 1.0)
        entry = name.best.entry
        if entry.country_code:
            countries[entry.country_code] += weight
        if entry.admin1_code:
            provinces[(entry.country_code, entry.admin1_code)] += weight
        if name.best.kind in {"city", "adm2"} and name.confidence >= 0.5:
            points.append((entry.lat, entry.lon, entry.country_code, entry.admin1_code))
    for cc, count in demonym_countries.items():
        countries[cc] += 0.5 * count ** 0.5
    return countries, provinces, points


def _names_region(name: _Name) -> bool:
    """True when one sense of the name is a continent or world region ("Middle East", "Americas")."""
    return any(c.kind == "cont" and not c.alternate for c in name.candidates)


def _context_score(cand: _Candidate, name: _Name, countries: Counter, provinces: Counter,
                   points: list[_Point], resolved: dict[str, _Name], gaz: Gazetteer,
                   regional: bool | None = None, totals: tuple | None = None) -> float:
    """``regional`` (``_names_region(name)``) and ``totals`` (``_focus_totals(countries, provinces)``) may
    be given by a caller scoring many candidates against the same name and focus."""
    entry = cand.entry
    if cand.kind in {"city", "adm2", "adm1"} and (_names_region(name) if regional is None else regional):
        # A world region's name means the region, whatever the article's country: only a container written
        # beside it ("Middle East, Md.") says the namesake town.
        return _container_score(cand, name, resolved)
    score = 0.0
    total_c, top, total_p = totals if totals is not None else _focus_totals(countries, provinces)
    if total_c and entry.country_code:
        score += 5.0 * countries[entry.country_code] / total_c
        if entry.country_code != top and entry.country_code in gaz.country_neighbours.get(top, ()):
            score += 0.5
    if total_p and cand.kind == "country":
        # A country holds the provinces the article is about, as a town near them would be close.
        score += 4.0 * sum(v for (cc, _), v in provinces.items() if cc == entry.country_code) / total_p
    elif total_p and entry.admin1_code:
        score += 4.0 * cand.province_weight * provinces[(entry.country_code, entry.admin1_code)] / total_p
    score += _container_score(cand, name, resolved)
    if entry.feature_class in _PHYSICAL_CLASSES and top is not None:
        # "the Gulf": the sea near the article's country (the Gulf of Mexico in a story about Texas)
        focus = gaz.country(top)
        if focus is not None and haversine_km(entry.lat, entry.lon, focus.lat, focus.lon) < _SEA_FOCUS_KM:
            score += 3.0
    if points and cand.kind in {"city", "adm2"}:
        nearest = min(haversine_km(entry.lat, entry.lon, lat, lon) for lat, lon, _, _ in points)
        score += 3.0 if nearest < 30 else 2.0 if nearest < 100 else 1.0 if nearest < 300 else 0.0
    elif cand.kind == "country" and any(cc == entry.country_code for _, _, cc, _ in points):
        score += 3.0
    elif cand.kind == "adm1" and any((cc, a1) == (entry.country_code, entry.admin1_code) for _, _, cc, a1 in points):
        score += 3.0
    return score


_PHYSICAL_CLASSES = {"H", "T"}  # GeoNames classes of water bodies and relief (see ``PHYSICAL_FEATURES``)
_SEA_FOCUS_KM = 2500.0


def _focus_totals(countries: Counter, provinces: Counter) -> tuple:
    """The total country weight, the top country (when the total is not zero) and the total province weight."""
    total_c = sum(countries.values())
    return total_c, (countries.most_common(1)[0][0] if total_c else None), sum(provinces.values())


# "Santa Maria, Davao del Sur", "Paris, Henry County": a town in the district written after it, or (districts
# are split and renamed more often than provinces) at least in that district's province.
_CONTAINER_DISTRICT = 14.0
_CONTAINER_DISTRICT_PROVINCE = 7.0


def _district_container_score(entry: GazetteerEntry, container: _Name) -> float:
    """Evidence for a town from a district written after it."""
    best = 0.0
    for oc in container.candidates:
        o = oc.entry
        if oc.kind != "adm2" or oc.alternate or not o.admin1_code \
                or (o.country_code, o.admin1_code) != (entry.country_code, entry.admin1_code):
            continue
        if o.admin2_code and o.admin2_code == entry.admin2_code:
            return _CONTAINER_DISTRICT
        best = _CONTAINER_DISTRICT_PROVINCE
    return best


def _container_score(cand: _Candidate, name: _Name, resolved: dict[str, _Name]) -> float:
    """Evidence from a container written right after the name ("Paris, Texas")."""
    entry = cand.entry
    score = 0.0
    for key in name.containers:
        other = resolved.get(key)
        if other is None:
            continue
        for oc in other.candidates:
            o = oc.entry
            if oc.kind == "country" and o.country_code == entry.country_code and cand.kind != "country":
                score += 12.0
                break
            if oc.kind == "adm1" and (o.country_code, o.admin1_code) == (entry.country_code, entry.admin1_code) \
                    and cand.kind in {"city", "adm2"}:
                score += 14.0
                break
        if cand.kind == "city":
            score += _district_container_score(entry, other)
    return score


def _decide(name: _Name) -> None:
    if not name.candidates:
        name.best, name.confidence = None, 0.0
        return
    ranked = sorted(name.candidates, key=lambda c: (-c.score, _KIND_RANK[c.kind], -c.entry.population))
    name.best = ranked[0]
    margin = ranked[0].score - ranked[1].score if len(ranked) > 1 else 5.0
    name.confidence = 1.0 - 0.5 * math.exp(-margin / 1.5) if len(ranked) > 1 else 1.0


# --- the whole article -------------------------------------------------------------------------------------

def geocode_places(doc_or_mentions: Any, text: str | None = None, *, gazetteer: Gazetteer | None = None,
                   dateline: bool = True, demonyms: Iterable[str] = (),
                   demonyms_as_places: bool = False) -> list[ResolvedPlace]:
    """Resolve every place mention of one article to a location with a precision.

    Args:
        doc_or_mentions: a spaCy ``Doc`` (its GPE/LOC/FAC entities are the mentions and
            its NORP entities count as country evidence), or a list of mention objects
            with ``start``, ``end`` and ``type``/``label`` (e.g. ``model.Place``).
        text: the article text; required with a list of mentions.
        gazetteer: by default ``load_gazetteer()``.
        dateline: also resolve the dateline place at the head of the article.
        demonyms: extra NORP words ("Iraqi") to use as country evidence.
        demonyms_as_places: also return NORP demonyms as mentions of their country
            (some geoparsing corpora count "Egyptian" as a toponym; event places should not).

    Returns one ``ResolvedPlace`` per mention, in document order; a mention that
    cannot be placed at all has ``precision == "unknown"`` and no coordinates.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    toponyms = find_toponyms(doc_or_mentions, text, dateline=dateline, gazetteer=gaz, demonyms=demonyms_as_places)
    if text is None:
        text = doc_text(doc_or_mentions) if isinstance(doc_or_mentions, Doc) else doc_or_mentions.text
    norp = list(demonyms)
    if isinstance(doc_or_mentions, Doc):
        norp += [e.text for e in doc_ents(doc_or_mentions) if e.label_ == "NORP"]
    else:
        norp += [text[m.start:m.end] for m in doc_or_mentions
                 if (getattr(m, "type", None) or getattr(m, "label", None)) == "NORP"]
    demonym_countries: Counter = Counter()
    for word in norp:
        cc = gaz.demonyms.get(normalise_name(word)) or gaz.demonyms.get(normalise_name(word).rstrip("s"))
        if cc:
            demonym_countries[cc] += 1
    demonym_countries.update(_locale_evidence(text))

    # One entry per distinct name; mentions of the same name share a sense.
    names: dict[str, _Name] = {}
    for top in toponyms:
        name_text = _name_of(top, text)
        key = normalise_name(name_text)
        if not key:
            continue
        if _street_corner_part(top, text):  # "76th and Townsend": no town, nor evidence for one
            names.setdefault(_CORNER_KEY + key, _Name(_CORNER_KEY + key, name_text, [], [], None, [])
                             ).mentions.append(top)
            continue
        if key not in names:
            same = [t for t in toponyms if normalise_name(_name_of(t, text)) == key]
            context_hint = next((h for t in same for h in [_context_hint(text, t)] if h), None)
            candidates, hint = _candidates(gaz, name_text, context_hint, island=any(_island(text, t) for t in same),
                                           country=next((t.country for t in same if t.country), None),
                                           has_parts=any(_named_in_parts(text, t) for t in same))
            names[key] = _Name(key, name_text, [], candidates, hint, [])
        names[key].mentions.append(top)
    # A name the gazetteer lacks may hold one it has ("Henry County Courthouse"): that inner name takes
    # part in the resolution (as evidence, not as a mention of its own) and later locates the outer one.
    parts: dict[str, _Name] = {}
    for key, name in list(names.items()):
        if name.candidates or key.startswith(_CORNER_KEY):
            continue
        for part in _inner_parts(name.text):
            part_key = normalise_name(part)
            if part_key in names and names[part_key].candidates:
                parts[key] = names[part_key]
                break
            cands, hint = _candidates(gaz, part)
            cands = [c for c in cands if not c.alternate and c.kind in {"city", "adm2", "adm1"}]
            if cands:
                parts[key] = names[part_key] = _Name(part_key, part, name.mentions, cands, hint, [], inner=True)
                break
    _list_peers(toponyms, text, names)
    # "Paris, Texas" / "Tikrit, northern Iraq" / "Alexandria (La.)": the next toponym is a container,
    # unless the two are items of a list ("Georgia, Oklahoma, Pennsylvania", "Mexico, China, Japan").
    keys = [normalise_name(_name_of(t, text)) for t in toponyms]
    closing: set[int] = set()  # toponyms taken as the container of the one before them
    for i in range(len(toponyms) - 1):
        a, b = toponyms[i], toponyms[i + 1]
        gap = text[a.end:b.start]
        ka, kb = keys[i], keys[i + 1]
        if not (_CONTAINER_GAP.match(gap) and "\n" not in gap) or ka not in names or kb not in names or ka == kb:
            continue
        if _peers(names[ka], names[kb]):
            continue
        if i > 0 and i - 1 not in closing and _LIST_GAP.match(text[toponyms[i - 1].end:a.start]) \
                and keys[i - 1] in names and _peers(names[keys[i - 1]], names[kb]):
            continue  # "…, Virginia, Washington, West Virginia" (but "Louisville, Ky., New Haven, Conn.")
        if i + 2 < len(toponyms) and _LIST_GAP.match(text[b.end:toponyms[i + 2].start]) \
                and keys[i + 2] in names and _peers(names[kb], names[keys[i + 2]]) \
                and not _peers(names[ka], names[keys[i + 2]]) and _prior_kind(names[keys[i + 2]]) != "country":
            continue  # "Washington, Oregon and California"
        closing.add(i + 1)
        if kb not in names[ka].containers:
            names[ka].containers.append(kb)

    all_names = list(names.values())
    _joint_support(all_names)
    head = find_dateline(text, gazetteer=gaz)
    if head is not None:
        # A dateline names a town ("WASHINGTON —" is the capital, not the state).
        for top in toponyms:
            if top.name_start < head[1] and head[0] < top.name_end:
                dateline_name = names.get(normalise_name(_name_of(top, text)))
                if dateline_name is None:
                    continue
                for cand in dateline_name.candidates:
                    if cand.kind == "city":
                        cand.support += _DATELINE_TOWN
                    if cand.entry.feature_code == "PPLC" and not dateline_name.containers:
                        cand.support += _DATELINE_CAPITAL
    for name in all_names:
        for cand in name.candidates:
            cand.score = cand.prior + cand.support
        _decide(name)
    for _ in range(2):
        for name in all_names:
            countries, provinces, points = _focus(all_names, demonym_countries, name.key)
            regional, totals = _names_region(name), _focus_totals(countries, provinces)
            for cand in name.candidates:
                cand.score = cand.prior + cand.support + _context_score(cand, name, countries, provinces, points,
                                                                         names, gaz, regional, totals)
        for name in all_names:
            _decide(name)

    countries, _, _ = _focus(all_names, demonym_countries, None)
    abroad = {name.key for name in all_names if _small_namesake_abroad(name, all_names, demonym_countries, gaz)}
    home = _dateline_place(head, toponyms, names, text)
    if home is not None:
        abroad |= {name.key for name in all_names if _small_namesake_in_another_state(name, all_names, home)}
    abroad |= _quarters_of_another_town(all_names, text, home, countries)
    results: list[ResolvedPlace] = []
    by_span: dict[tuple[int, int], ResolvedPlace] = {}
    dropped: set[tuple[int, int]] = set()
    for top in toponyms:
        known = names.get(normalise_name(_name_of(top, text)))
        if known is None or known.best is None:
            continue
        if top.recovered and known.best.kind == "city" and countries and known.best.entry.population < 100_000 \
                and known.best.entry.country_code != countries.most_common(1)[0][0]:
            dropped.add((top.start, top.end))  # a capitalised word that only looks like a small foreign town
            continue
        if known.key in abroad:
            continue  # "the village of Baga" in a story about Nigeria is no Spanish Bagà: placed as a name it lacks
        if _street_corner_part(top, text):
            continue  # "76th and Townsend": a street corner, placed as a name the gazetteer lacks
        if _outside_written_container(known, names):
            continue  # "Grantville, Pennsylvania" when the gazetteer knows only Grantville, Georgia: placed in the state
        place = _from_entry(top, known.best.entry, known.best.kind, gaz, known.confidence,
                            _reason(known, countries))
        if top.direction:
            place = _directional(place, top, gaz)
        by_span[(top.start, top.end)] = place
    # Names the gazetteer lacks: every mention of one name gets the best location any of them found.
    unknown: dict[str, list[ResolvedPlace]] = defaultdict(list)
    islands = {normalise_name(_name_of(t, text)) for t in toponyms if _island(text, t)}
    stated = {normalise_name(_name_of(t, text)): t.country for t in reversed(toponyms) if t.country}
    # (from the last to the first, so that "the town of Kalam in the Swat Valley" can be said to be where the
    # Swat Valley, another name the gazetteer lacks, was placed)
    placed_unknown: dict[tuple[int, int], ResolvedPlace] = {}
    for top in reversed(toponyms):
        if (top.start, top.end) not in by_span and (top.start, top.end) not in dropped:
            key = normalise_name(_name_of(top, text))
            place = _enclosing(top, text, toponyms, by_span, gaz, countries, parts, island=key in islands,
                               country=stated.get(key), placed_unknown=placed_unknown)
            unknown[key].insert(0, place)
            if place.located:
                placed_unknown[(top.start, top.end)] = place
    for places in unknown.values():
        best = min(places, key=lambda p: (p.precision == "unknown", not p.reason.startswith("not in the "
                                          "gazetteer; said to be"), _precision_rank(p.precision)))
        for place in places:
            if place is not best and best.located:
                place = replace(best, start=place.start, end=place.end, text=place.text, label=place.label)
            by_span[(place.start, place.end)] = place
    return [by_span[(t.start, t.end)] for t in toponyms if (t.start, t.end) in by_span]


def _outside_written_container(name: _Name, names: dict[str, _Name]) -> bool:
    """True when the text writes a container after a town ("Greenwood, W. Va.") and the winner lies outside
    it: none of the gazetteer's towns of that name is in that state or country (a small one the gazetteer
    lacks is meant), so the town is placed as a name the gazetteer lacks, in its container."""
    best = name.best
    if best is None or best.kind not in {"city", "adm2"}:
        return False
    for key in name.containers:
        container = names.get(key)
        if container is None or container.best is None:
            continue
        held = container.best.entry
        if container.best.kind == "adm1" or (container.best.kind == "adm2" and best.kind == "city"):
            # (a district written after a town says its province too: "the Rice Lake area of Fulton County")
            return (held.country_code, held.admin1_code) != (best.entry.country_code, best.entry.admin1_code)
        if container.best.kind == "country":
            return held.country_code != best.entry.country_code
    return False


_ABROAD_FOCUS = 1.0  # the focus country's weight (about one confident mention) that makes a namesake abroad doubtful


def _small_namesake_abroad(name: _Name, names: list[_Name], demonym_countries: Counter, gaz: Gazetteer) -> bool:
    """True when a name's winner is a town under 100,000 people in a country nothing else in the article
    points to, while the article is about another country: a namesake the gazetteer happens to hold
    (Bagà, Spain, for "the village of Baga" in a story about Nigeria), not the place meant.  A town in a
    neighbour of that country, or in a container written beside the name, is kept."""
    best = name.best
    if best is None or best.kind != "city" or best.entry.population >= _NAMESAKE_TOWN_MAX or name.inner:
        return False
    others, _, _ = _focus(names, demonym_countries, name.key)
    if not others:
        return False
    top, weight = others.most_common(1)[0]
    cc = best.entry.country_code
    # (a town across the border may be meant, but not one matched only by another spelling: "Kalam" in a story
    # about Pakistan is no Kallam, India)
    neighbour = cc in gaz.country_neighbours.get(top, ()) and not best.alternate
    return cc != top and weight >= _ABROAD_FOCUS and others[cc] == 0 and not neighbour \
        and cc not in {c.entry.country_code for k in name.containers
                                            for other in names if other.key == k for c in other.candidates}


def _dateline_place(head: tuple[int, int, str] | None, toponyms: Sequence[Toponym], names: dict[str, _Name],
                   text: str) -> GazetteerEntry | None:
    """The town or county the dateline names, as resolved ("MILWAUKEE —" is Milwaukee, Wisconsin), if any."""
    if head is None:
        return None
    for top in toponyms:
        if top.name_start < head[1] and head[0] < top.name_end:
            name = names.get(normalise_name(_name_of(top, text)))
            if name is not None and name.best is not None and name.best.kind in {"city", "adm2"}:
                return name.best.entry
    return None


def _small_namesake_in_another_state(name: _Name, names: list[_Name], home: GazetteerEntry) -> bool:
    """True when a name's winner is a small town in another state of the dateline town's country, a state no
    other name of the article lies in and none written beside it: in a local story ("DETROIT — … in Sunset") a
    namesake the gazetteer happens to hold (Sunset, Florida), not the neighbourhood meant.  A namesake in the
    dateline's own state takes its place instead."""
    best = name.best
    if best is None or best.kind != "city" or best.entry.population >= _NAMESAKE_TOWN_MAX or name.inner \
            or name.containers or best.entry.country_code != home.country_code or not home.admin1_code \
            or best.entry.admin1_code == home.admin1_code:
        return False
    local = [c for c in name.candidates if c.kind == "city" and not c.alternate
             and c.entry.country_code == home.country_code and c.entry.admin1_code == home.admin1_code]
    if local:  # "Kensington" in a Philadelphia story is Kensington, Pennsylvania
        name.best = max(local, key=lambda c: c.score)
        return False
    state = best.entry.admin1_code
    return not any(other is not name and other.best is not None and other.best.entry.country_code == home.country_code
                   and other.best.entry.admin1_code == state for other in names)


# "the Rogers Park neighborhood", "the city's Kensington section", "West Ashley, a Charleston neighbourhood":
# the name of a part of a town.
_QUARTER_AFTER = re.compile(r"\s+(?:neighbou?rhood|section)\b|,\s+an?\s+(?:[A-Z][\w'’.-]*\s+){1,3}"
                            r"(?:neighbou?rhood|suburb|district)\b", re.I)


def _quarter(top: Toponym, text: str) -> bool:
    # (in "West Ashley, a Charleston neighbourhood" Charleston is the town, not a part of one)
    return bool(_QUARTER_AFTER.match(text, top.end)) \
        and not re.search(r",\s+an?\s+$", text[max(0, top.start - 6):top.start])


def _quarters_of_another_town(names: list[_Name], text: str, home: GazetteerEntry | None,
                              countries: Counter) -> set[str]:
    """The keys of names written as a part of a town ("in the Rogers Park neighborhood") whose winner is a town
    outside the state of the article's town (the dateline's, else the one town named most often): in a Chicago
    story that is a Chicago neighbourhood, not Rogers, Arkansas.  They are placed as names the gazetteer lacks,
    in the article's town (``_enclosing``)."""
    focus = countries.most_common(1)[0][0] if countries else None
    quarters = [n for n in names if n.best is not None and n.best.kind in {"city", "adm2"}
                and any(_quarter(m, text) for m in n.mentions)]
    if not quarters or focus is None:
        return set()
    if home is None:
        towns = sorted(((len(n.mentions), n.best.entry) for n in names if n not in quarters and n.best is not None
                        and n.best.kind == "city" and n.best.entry.country_code == focus and not n.inner),
                       key=lambda pair: pair[0], reverse=True)
        if not towns or (len(towns) > 1 and towns[1][0] == towns[0][0]):
            return set()
        home = towns[0][1]
    return {n.key for n in quarters if n.best is not None and n.best.entry.id != home.id
            and (n.best.entry.country_code, n.best.entry.admin1_code) != (home.country_code, home.admin1_code)}


# Money and telephone numbers written the way one country writes them: weak evidence of the
# article's country, counted like a demonym ("$2,000" in a local paper, "call 903-675-5454").
_LOCALE_PATTERNS = (
    (re.compile(r"(?<![A-Za-z])\$\s?\d"), "US"),
    (re.compile(r"\b(?:C|CA|Can)\$\s?\d"), "CA"),
    (re.compile(r"\b(?:A|AU|AUD)\$\s?\d"), "AU"),
    (re.compile(r"\bNZ\$\s?\d"), "NZ"),
    (re.compile(r"£\s?\d"), "GB"),
    (re.compile(r"(?<![\d-])\(?\d{3}\)?[-. ]\d{3}-\d{4}(?![\d-])"), "US"),
)


# A character every match of the pattern of the same place in ``_LOCALE_PATTERNS`` holds: a text without it
# is not scanned.
_LOCALE_NEEDS = ("$", "$", "$", "$", "£", "-")
assert len(_LOCALE_NEEDS) == len(_LOCALE_PATTERNS)


def _locale_evidence(text: str) -> Counter:
    """Countries suggested by how the article writes money and telephone numbers."""
    found: Counter = Counter()
    for (pattern, cc), needed in zip(_LOCALE_PATTERNS, _LOCALE_NEEDS):
        if needed not in text:
            continue
        n = len(pattern.findall(text))
        if n:
            found[cc] += n
    return found


def _reason(name: _Name, countries: Counter) -> str:
    best = name.best
    assert best is not None
    entry = best.entry
    if len(name.candidates) == 1:
        why = "only gazetteer entry"
    else:
        parts = []
        if any(best.entry.country_code and k for k in name.containers):
            parts.append("named container")
        if countries and entry.country_code == countries.most_common(1)[0][0]:
            parts.append("article's country focus")
        if best.kind in {"country", "adm1", "cont"}:
            parts.append(f"{best.kind} over smaller namesakes")
        elif best.entry.population:
            parts.append(f"population {best.entry.population:,}")
        why = f"{len(name.candidates)} candidates; " + ", ".join(parts) if parts else \
            f"{len(name.candidates)} candidates; best prior"
    if best.alternate:
        why += "; alternate name"
    return why


def _from_entry(top: Toponym, entry: GazetteerEntry, kind: str, gaz: Gazetteer, confidence: float,
                reason: str) -> ResolvedPlace:
    admin1 = gaz.admin(entry.country_code, entry.admin1_code) if entry.admin1_code and kind != "adm1" else None
    return ResolvedPlace(
        start=top.start, end=top.end, text=top.text, label=top.label, precision=_PRECISION_OF_KIND[kind],
        reason=reason, geonameid=entry.id, name=entry.name, lat=round(entry.lat, 5), lon=round(entry.lon, 5),
        country_code=entry.country_code or None, country=gaz.country_names.get(entry.country_code),
        admin1=(entry.name if kind == "adm1" else admin1.name if admin1 else None),
        feature_class=entry.feature_class, feature_code=entry.feature_code, population=entry.population,
        confidence=round(confidence, 3))


_SHIFT = {"north": (5 / 6, 1 / 2), "south": (1 / 6, 1 / 2), "east": (1 / 2, 5 / 6), "west": (1 / 2, 1 / 6),
          "central": (1 / 2, 1 / 2), "north-east": (5 / 6, 5 / 6), "north-west": (5 / 6, 1 / 6),
          "south-east": (1 / 6, 5 / 6), "south-west": (1 / 6, 1 / 6)}


_MAIN_LANDMASS_SHARE = 0.7  # of a country's towns on its main landmass' box, for "northern X" to use that box


def _directional(place: ResolvedPlace, top: Toponym, gaz: Gazetteer) -> ResolvedPlace:
    """"northern Iraq": the mean point of the country's towns in the northern third of its box, at province
    precision.

    The towns are those of the main landmass' bounding box.  Their mean, rather than
    the middle of the third, keeps the point where the country is; when that third
    holds almost none of them (a slanted country: the north-west third of
    Pakistan's box is Afghanistan) the third of its towns that lie furthest that way
    is used instead.  When
    under 70% of the country's towns lie in that box (an archipelago: the
    Philippines, Indonesia, New Zealand), it is the mean of the towns in that third
    of the box of its towns ("southern Philippines" is Mindanao, not southern Luzon;
    with no towns there, the country's own point at country precision).  "Central"
    is the middle of the box.
    """
    if place.feature_code != "PCLI" or not top.direction or place.country_code not in gaz.country_bbox:
        return place
    assert place.country_code is not None
    south, west, north, east = gaz.country_bbox[place.country_code]
    fy, fx = _SHIFT[top.direction]
    why = f"{top.direction} part of {place.name}; " + place.reason
    part = _direction_part_point(gaz, place.country_code, top.direction)
    if part == "few":
        return replace(place, reason=f"{top.direction} part of {place.name}, an archipelago; " + place.reason)
    if isinstance(part, tuple):
        return replace(place, lat=part[0], lon=part[1], precision="province", reason=why)
    return replace(place, lat=round(south + (north - south) * fy, 5), lon=round(west + (east - west) * fx, 5),
                   precision="province", reason=why)


@functools.lru_cache(maxsize=2048)
def _direction_part_point(gaz: Gazetteer, country_code: str, direction: str) -> tuple[float, float] | str | None:
    """The mean point of a country's towns in the named third of its main landmass' box (or, when that third
    holds almost none, of the third of its towns that lie furthest that way), or, for an archipelago, of its
    towns in that third of their box ("few" when under three lie there); None for "central" and for a
    landmass with under nine towns (the middle of the third of its box is used).

    Only this answer is kept per (country, direction), not the country's towns, so memory stays flat however
    many countries a long run meets.
    """
    south, west, north, east = gaz.country_bbox[country_code]
    fy, fx = _SHIFT[direction]
    towns = gaz.places_in(country_code)
    if not towns:
        return None
    inside = [(lat, lon) for lat, lon in towns if south <= lat <= north and west <= lon <= east]
    if len(inside) >= _MAIN_LANDMASS_SHARE * len(towns):
        # A landmass: the mean of its towns in that third of its box; when the third holds almost none of
        # them (a slanted country: the north-west third of Pakistan's box is Afghanistan), the third of its
        # towns that lie furthest that way (along the direction, on the box scaled to a square).
        vy, vx = fy - 0.5, fx - 0.5
        if (vy, vx) == (0.0, 0.0) or len(inside) < 9:
            return None
        third = _box_third(inside, (south, west, north, east), direction)
        if len(third) >= max(3, len(inside) // 50):
            return round(sum(p[0] for p in third) / len(third), 5), round(sum(p[1] for p in third) / len(third), 5)
        height, width = max(north - south, 1e-6), max(east - west, 1e-6)
        ranked = sorted(inside, key=lambda t: vy * (t[0] - south) / height + vx * (t[1] - west) / width,
                        reverse=True)
        part = ranked[:len(ranked) // 3]
        return round(sum(p[0] for p in part) / len(part), 5), round(sum(p[1] for p in part) / len(part), 5)
    lats, lons = sorted(t[0] for t in towns), sorted(t[1] for t in towns)
    cut = len(towns) // 100
    south, north, west, east = lats[cut], lats[-1 - cut], lons[cut], lons[-1 - cut]
    part = _box_third(towns, (south, west, north, east), direction)
    if len(part) < 3:
        return "few"
    return round(sum(p[0] for p in part) / len(part), 5), round(sum(p[1] for p in part) / len(part), 5)


def _box_third(points: Sequence[tuple[float, float]], box: tuple[float, float, float, float],
               direction: str) -> list[tuple[float, float]]:
    """The points in the third of a box holding the point of _SHIFT, on each axis the direction names
    ("southern": all longitudes)."""
    south, west, north, east = box
    fy, fx = _SHIFT[direction]
    dy, dx = (north - south) / 3, (east - west) / 3
    whole_y, whole_x = direction in {"east", "west"}, direction in {"north", "south"}
    y0, y1 = (south, north) if whole_y else (south + dy * int(fy * 3), south + dy * (int(fy * 3) + 1))
    x0, x1 = (west, east) if whole_x else (west + dx * int(fx * 3), west + dx * (int(fx * 3) + 1))
    return [(lat, lon) for lat, lon in points if y0 <= lat <= y1 and x0 <= lon <= x1]


# ("the Gondra district of Uttar Pradesh": a word for the kind of division the name is may stand between it and
# its container.  Not "region" or "area": "the Salinas Valley region of California" lies by its towns, not in
# the middle of the state.)
_NEAR = re.compile(r"^\s*(?:(?:district|county|township|village|town|area|section|neighbou?rhood)"
                   r"\s+(?=of\b|in\b))?"
                   r"(?:,\s*)?(?:(?:just|some|about|\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
                   r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of"
                   r"|near|outside|close to|in|at|on the outskirts of|by|inside|of))?\s*(?:the\s+)?(?:city\s+of\s+|"
                   r"town\s+of\s+|village\s+of\s+|province\s+of\s+)?$", re.I)

_STREET_WORDS = {"street", "avenue", "boulevard", "blvd", "road", "drive", "lane", "freeway", "highway", "parkway",
                 "expressway", "turnpike", "terrace", "court",
                 "st", "ave", "rd", "dr", "ln", "hwy", "pkwy"}  # written short, last: "West Morris St."

_GENERIC = {"camp", "base", "airbase", "air", "airport", "international", "university", "hospital", "bridge",
            "dam", "square", "street", "road", "prison", "mosque", "church", "school", "college", "refinery",
            "station", "port", "fort", "barracks", "market", "hotel", "stadium", "district", "village",
            "province", "governorate", "county", "city", "mount", "lake", "river", "valley", "field",
            "oil", "gas", "plant", "palace", "house", "centre", "center", "checkpoint", "crossing", "border",
            "the", "of", "and", "al", "el", "new", "old", "upper", "lower", "greater"}


# A street corner: "65th & Thurston", "Belleview and Simms", "North 30th"; and the word before a name that makes it
# the second street of one ("near 76th and Townsend": a street corner, not the town of Townsend, Delaware).
_ORDINAL_STREET = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I)
_CORNER = re.compile(r"^[A-Z0-9][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?\s+(?:&|and)\s+[A-Z0-9][\w.'’-]*$")
_CORNER_BEFORE = re.compile(r"(?:\b\d+(?:st|nd|rd|th)|\b(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|"
                            r"Blvd\.|Drive|Dr\.))\s+(?:&|and)\s+$")


def _street_like(top: Toponym, text: str) -> bool:
    """A street, a numbered street or a street corner: it lies in a town, whatever town shares its words."""
    name = _name_of(top, text)
    if (_STREET_WORDS - {"court"}) & set(normalise_name(name).split()[-1:]):
        return True
    if top.label in {"FAC", "LOC"} and (_ORDINAL_STREET.search(name) or _CORNER.match(name)):
        return True
    return _street_corner_part(top, text)


_CORNER_KEY = "street corner: "


def _street_corner_part(top: Toponym, text: str) -> bool:
    """The second street of a corner the NER model cut short ("76th and [Townsend]")."""
    return bool(_CORNER_BEFORE.search(text[max(0, top.start - 30):top.start]))


def _inner_parts(name: str) -> list[str]:
    """Place names inside a longer name, longest first: "Henry County Courthouse" → "Henry County", "Henry"."""
    words = re.findall(r"[A-Za-z][\w'’.-]*", name)
    parts = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            span = words[i:i + size]
            first, last = span[0], span[-1]
            if not first[0].isupper() or first.lower() in _GENERIC or (size == 1 and first.lower() in _DIRECTIONS):
                continue  # "North" of "North Lake Shore Drive" is no place (but "North Carolina" is)
            if last.lower() in _GENERIC and not (size > 1 and last.lower() in DIVISION_WORDS):
                continue
            if any(not w[0].isupper() for w in span):
                continue
            if i + size == len(words) and words[0].lower() not in _GENERIC:
                continue  # the last word names the kind of thing ("Qqzxv Hall"), unlike "Lake Ontario"
            part = " ".join(span)
            if normalise_name(part) != normalise_name(name):
                parts.append(part)
    return parts


# A name inside a longer one ("Canaan Valley", "Zion National Park", "Meadow Grove") is only a clue: many
# valleys, parks, forts and hamlets bear the name of a town far away.  The inner place locates the outer
# name when it is a city of this size, or lies within _INNER_NEAR_KM of a town or district the article
# names itself ("Tikrit University" in a story about Tikrit, "San Fernando Valley" beside Los Angeles), or,
# for a province ("Tennessee Colony"), when a place the article names lies in it.
_INNER_BIG_TOWN = 100_000
_INNER_NEAR_KM = 150.0


def _inner_fits_story(inner: _Candidate, top: Toponym, resolved: dict[tuple[int, int], ResolvedPlace]) -> bool:
    """Whether the place named inside an unknown name is where the rest of the article is."""
    entry = inner.entry
    if inner.kind == "city" and entry.population >= _INNER_BIG_TOWN:
        return True
    named = [p for p in resolved.values() if p.located and p.anchor_start is None and p.start != top.start
             and p.precision in {"exact", "district", "province"}]
    if inner.kind == "adm1":
        return any(p.country_code == entry.country_code and p.admin1 == entry.name for p in named)
    return any(p.precision != "province" and p.lat is not None and p.lon is not None
               and haversine_km(entry.lat, entry.lon, p.lat, p.lon) <= _INNER_NEAR_KM for p in named)


def _inner_within(inner: _Candidate, container: ResolvedPlace, gaz: Gazetteer) -> bool:
    """Whether the place inside an unknown name is a district or town of the country or province the name is
    said to be in."""
    entry = inner.entry
    if inner.kind not in {"city", "adm2"} or entry.country_code != container.country_code:
        return False
    if container.feature_code == "PCLI":  # also "north-west Pakistan"
        return True
    province = gaz.admin(entry.country_code, entry.admin1_code) if entry.admin1_code else None
    return container.feature_code == "ADM1" and province is not None and province.id == container.geonameid


_POSSESSIVE_GAP = re.compile(r"['’]s?\s+")  # "Utah's Zion National Park"


@dataclass(frozen=True)
class _UnknownName:
    """A name the gazetteer lacks, with what the rules that place it look at, worked out once."""
    top: Toponym
    text: str
    toponyms: Sequence[Toponym]
    resolved: dict[tuple[int, int], ResolvedPlace]
    gaz: Gazetteer
    sentence: tuple[int, int]
    focus: str | None  # the article's most mentioned country
    inner_best: _Candidate | None  # a town or division named inside the name, when trusted
    street: bool
    island: bool
    dateline_town: ResolvedPlace | None  # the dateline's town in the focus country


def _enclosing(top: Toponym, text: str, toponyms: Sequence[Toponym], resolved: dict[tuple[int, int], ResolvedPlace],
               gaz: Gazetteer, countries: Counter, parts: dict[str, _Name], *, island: bool = False,
               country: str | None = None,
               placed_unknown: dict[tuple[int, int], ResolvedPlace] | None = None) -> ResolvedPlace:
    """The best enclosing location for a name the gazetteer lacks.

    An island ("the island of Luzon") holds the towns of its sentence rather than lying
    near them ("Quezon province in the northern island of Luzon"): it skips the rules
    that borrow a town or district of its sentence or a name inside it.  ``placed_unknown``: where
    other names the gazetteer lacks were placed, for a name said to be in one of them (rule 1 only).
    The rules are tried in order; the first that places the name wins.
    """
    focus = countries.most_common(1)[0][0] if countries else None
    street = _street_like(top, text)
    name = _UnknownName(top, text, toponyms, resolved, gaz, _sentence_range(text, top.start), focus,
                        _inner_candidate(top, text, parts, street=street, island=island), street, island,
                        dateline_town=next((p for p in resolved.values() if p.label == "DATELINE"
                                            and p.precision == "exact" and p.country_code == focus), None))
    unknown = ResolvedPlace(top.start, top.end, top.text, top.label, "unknown", "not in the gazetteer")
    return (_possessive_holder(name) or _next_place(name, placed_unknown) or _demonym_country(name, country)
            or _inner_place(name) or _sentence_town(name) or _article_town(name) or _sentence_container(name)
            or _country_fallback(top, gaz, focus) or unknown)


def _inner_candidate(top: Toponym, text: str, parts: dict[str, _Name], *, street: bool,
                     island: bool) -> _Candidate | None:
    """The town or division named inside an unknown name ("Tikrit University"), when it can be trusted: a
    known town of some size or a division, never inside an island's or a street's name."""
    inner = parts.get(normalise_name(_name_of(top, text)))
    inner_best = inner.best if inner is not None and not island and not street else None
    # (a street is named after places anywhere: "West Venango Street" lies in Philadelphia, not Venango)
    if inner_best is not None and (inner_best.alternate or inner_best.kind not in {"city", "adm2", "adm1"}
                                   or (inner_best.kind == "city" and inner_best.entry.population < 5000
                                       and inner_best.score - inner_best.prior < 3)):
        return None
    return inner_best


def _possessive_holder(name: _UnknownName) -> ResolvedPlace | None:
    """0. "Utah's Zion National Park": a state or country in the possessive right before the name holds it."""
    if name.street:
        return None
    top, resolved = name.top, name.resolved
    # (The gap is matched in place: a slice of the text up to each earlier toponym costs a long article dearly.)
    owner = next((t for t in name.toponyms if t.end < top.start
                  and _POSSESSIVE_GAP.fullmatch(name.text, t.end, top.start) and (t.start, t.end) in resolved
                  and resolved[(t.start, t.end)].precision in {"province", "country"}), None)
    if owner is None:
        return None
    holder = resolved[(owner.start, owner.end)]
    return _borrow(top, holder, f"said to be in {holder.text}")


def _next_place(name: _UnknownName, placed_unknown: dict[tuple[int, int], ResolvedPlace] | None
                ) -> ResolvedPlace | None:
    """1. "Camp X near Tikrit", "Camp X, north of Tikrit", "X in Salahuddin province": the next place."""
    top, text, inner_best = name.top, name.text, name.inner_best
    around = {**(placed_unknown or {}), **name.resolved}
    following = [t for t in name.toponyms if t.start >= top.end and t.start < name.sentence[1]
                 and (t.start, t.end) in around and around[(t.start, t.end)].located]
    if not following:
        return None
    nxt = following[0]
    gap = text[top.end:nxt.start]
    if len(gap) > 45 or not _NEAR.match(gap):
        return None
    container = around[(nxt.start, nxt.end)]
    if inner_best is not None and _inner_within(inner_best, container, name.gaz):
        # "the Swat Valley, north-west Pakistan": the district inside the name is nearer than the country
        place = _from_entry(top, inner_best.entry, inner_best.kind, name.gaz, 0.5, "")
        return _borrow(top, place, f"named after {inner_best.entry.name} in {container.text}")
    said = re.sub(r"^(district|county|township|village|town|area|section|neighbou?rhood)\b", r"an \1"
                  if gap.strip(" ,")[:1] == "a" else r"a \1", gap.strip(" ,"))
    return _borrow(top, container, f"said to be {said or 'in'} {container.text}")


def _demonym_country(name: _UnknownName, country: str | None) -> ResolvedPlace | None:
    """"Iraqi Kurdistan": the country its demonym names."""
    entry = name.gaz.country(country) if country is not None else None
    if entry is None:
        return None
    place = _from_entry(name.top, entry, "country", name.gaz, 0.5, "")
    return replace(place, reason=f"not in the gazetteer; in {place.country}, as the word before it says",
                   confidence=0.5)


def _inner_place(name: _UnknownName) -> ResolvedPlace | None:
    """2. A place named inside the name ("Tikrit University", "Henry County Courthouse"), in the article's
    country, in the sense the rest of the article gave that inner name."""
    top, inner_best, dateline_town = name.top, name.inner_best, name.dateline_town
    if inner_best is None or name.focus is None or inner_best.entry.country_code != name.focus:
        return None
    place = _from_entry(top, inner_best.entry, inner_best.kind, name.gaz, 0.5, "")
    if inner_best.kind != "adm1" and dateline_town is not None and place.admin1 != dateline_town.admin1:
        # "CHICAGO — … a hotel near McCormick Place": a site of the dateline's town, not of McCormick,
        # South Carolina; a name is seldom given after a town of another state
        place = _borrow(top, dateline_town, f"a site of the dateline's town, {dateline_town.text}")
        return replace(place, precision="town", confidence=0.4)
    if _inner_fits_story(inner_best, top, name.resolved):
        return _borrow(top, place, f"named after {inner_best.entry.name} in the article's country")
    return None


def _sentence_places(name: _UnknownName) -> list[tuple[Toponym, ResolvedPlace]]:
    """The located places of the name's sentence, with their mentions."""
    return [(t, name.resolved[(t.start, t.end)]) for t in name.toponyms
            if name.sentence[0] <= t.start < name.sentence[1]
            and (t.start, t.end) in name.resolved and name.resolved[(t.start, t.end)].located]


def _sentence_town(name: _UnknownName) -> ResolvedPlace | None:
    """3. A town or district named in the same sentence (not for an island, which holds them)."""
    same = [p for t, p in _sentence_places(name) if p.precision in {"exact", "district"} and t.label != "DATELINE"]
    if not same or name.island:
        return None
    return _borrow_nearest(name, same)


def _article_town(name: _UnknownName) -> ResolvedPlace | None:
    """4. The one town the article names in its focus country (the most mentioned, when several), unless the
    sentence is about another country ("Romania confirmed an outbreak in the Danube Delta").

    The dateline is where the reporter filed from ("MANILA -" over a story about Mindanao), not a town of the
    story.
    """
    top, text, dateline_town = name.top, name.text, name.dateline_town
    sentence_places = [p for _, p in _sentence_places(name)]
    if any(p.country_code and p.country_code != name.focus for p in sentence_places):
        return None
    # 4a. A street in a local story: the dateline's town, for a street lies in a town and a local story's
    #     dateline names that town ("MILWAUKEE — … shot near 65th & Thurston").
    quarter = _quarter(top, text)
    if (name.street or quarter) and dateline_town is not None:
        what = "a street" if name.street else "a part"
        place = _borrow(top, dateline_town, f"{what} of the dateline's town, {dateline_town.text}")
        return replace(place, precision="town", confidence=0.4)
    return _main_town(name, sentence_places, within_town=name.street or quarter)


def _main_town(name: _UnknownName, sentence_places: list[ResolvedPlace], *, within_town: bool
               ) -> ResolvedPlace | None:
    """4b. The article's most mentioned town of its focus country, or of several named as often the one named
    last before the name; ``within_town``: a street or a neighbourhood, which lies in the town."""
    top, text, resolved = name.top, name.text, name.resolved
    towns = Counter(p.geonameid for p in resolved.values() if p.precision == "exact" and p.anchor_start is None
                    and p.country_code == name.focus and p.label != "DATELINE")
    if not towns:
        return None
    ranked = towns.most_common()
    tied = {gid for gid, n in ranked if n == ranked[0][1]}
    # Several towns named as often: the one named last before this name ("... the township of Soweto.
    # ... the Tladi police training centre").
    before = [p for p in resolved.values() if p.geonameid in tied and p.anchor_start is None
              and p.start < top.start and p.label != "DATELINE"]
    if len(tied) > 1 and not before:
        return None
    town = max(before, key=lambda p: p.start) if len(tied) > 1 else \
        next(p for p in resolved.values() if p.geonameid == ranked[0][0] and p.anchor_start is None
             and p.label != "DATELINE")
    # ("… Mount Hood's northeastern slopes in Oregon" in a story about West Virginia: a sentence naming
    # another province of the town's country is about that province, not the town; but not a province
    # written as another name's container, "from Fort Knox, Ky., to Fort Benning".)
    if any(p.feature_code == "ADM1" and p.country_code == town.country_code
           and p.admin1 != town.admin1 and not text[:p.start].rstrip().endswith(",")
           for p in sentence_places):
        return None
    why = "the article's main town" if len(tied) == 1 else "the town named last before it"
    place = _borrow(top, town, f"{why} in {town.country}, {town.text}")
    # a street or a neighbourhood of the article's one town lies in that town; anything else only near it
    return replace(place, precision="town" if within_town and len(tied) == 1 else "district", confidence=0.4)


def _sentence_container(name: _UnknownName) -> ResolvedPlace | None:
    """5. The province or country of the same sentence (an island holds the towns and districts there)."""
    same = [p for _, p in _sentence_places(name)
            if not (name.island and p.precision in {"exact", "town", "district"})]
    if not same:
        return None
    return _borrow_nearest(name, same)


def _borrow_nearest(name: _UnknownName, same: list[ResolvedPlace]) -> ResolvedPlace:
    """Locate the name at the most precise place of its sentence, the nearest of those."""
    best_place = min(same, key=lambda p: (PRECISIONS.index(p.precision), abs(p.start - name.top.start)))
    return _borrow(name.top, best_place, f"in the same sentence as {best_place.text}")


def _country_fallback(top: Toponym, gaz: Gazetteer, focus: str | None) -> ResolvedPlace | None:
    """The article's focus country, as the location of a name the gazetteer lacks."""
    entry = gaz.country(focus) if focus is not None else None
    if entry is None:
        return None
    place = _from_entry(top, entry, "country", gaz, 0.3, "")
    return replace(place, reason="not in the gazetteer; the article's country focus", confidence=0.3)


def _precision_rank(precision: str) -> int:
    return PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)


def _borrow(top: Toponym, source: ResolvedPlace, why: str) -> ResolvedPlace:
    """Locate ``top`` at another resolved place; a town-level source means "near that town"."""
    precision = "town" if source.precision == "exact" else source.precision
    return replace(source, start=top.start, end=top.end, text=top.text, label=top.label, precision=precision,
                   reason=f"not in the gazetteer; {why}", anchor_start=source.start, anchor_end=source.end,
                   confidence=round(min(source.confidence, 0.6), 3))


def _sentence_range(text: str, at: int) -> tuple[int, int]:
    """Rough sentence bounds around an offset: full stops followed by a capital, or line breaks."""
    start = 0
    for m in re.finditer(r"[.!?][\"'”’)]?\s+(?=[A-Z\"“])|\n+", text[:at]):
        start = m.end()
    end = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z\"“])|\n").search(text, at)
    return start, (end.start() + 1 if end else len(text))
