"""Linking inside one article: which mentions name the same entity.

Rules, in order, all reading only the article itself:
1. same normalised text and compatible type;
2. a person's short form ("Mr Zeid", "Zeid") whose words all occur in a
   longer person name of the article;
3. an acronym ("UN") matching the initials of a longer organisation name
   ("United Nations");
4. a demonym (NORP "Iraqi") is kept apart from the country (GPE "Iraq"): they
   are different roles in an event.
Each entity is named by its fullest mention.  ``resolve_span`` maps any span
(an argument, a speaker, a claimant) to an entity, including definite
descriptions such as "the group" that refer back to the nearest organisation and "the UN chief"
that refer back to the nearest person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .extract.entities import RawMention, looks_like_person_name
from .model import Entity, Mention

__all__ = ["link_mentions", "resolve_span", "EntityIndex"]

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "gen",
               "general", "col", "colonel", "capt", "captain", "sgt", "president", "minister", "king",
               "queen", "prince", "sheikh", "judge", "rev", "senator", "governor", "mayor"}
_COMPATIBLE = {
    "PERSON": {"PERSON"}, "ORG": {"ORG", "NORP"}, "NORP": {"NORP", "ORG"}, "GPE": {"GPE", "LOC"},
    "LOC": {"LOC", "GPE", "FAC"}, "FAC": {"FAC", "LOC"}, "EVENT": {"EVENT"},
}


# The grouping compares every mention with every earlier one: the text helpers are cached.
@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    return re.sub(r"\s+", " ", text).lower().removeprefix("the ")


def _name_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", text.lower()) if w.strip(".") not in _HONORIFICS]


@lru_cache(maxsize=8192)
def _name_word_set(text: str) -> frozenset[str]:
    return frozenset(_name_words(text))


@lru_cache(maxsize=8192)
def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'’-]*", text))


def link_mentions(mentions: Sequence[RawMention]) -> list[Entity]:
    """Group mentions into entities (ids E1, E2 … in order of first mention)."""
    groups: list[list[RawMention]] = []
    label_of: list[str] = []
    # Longest names first so that short forms find the name they abbreviate.
    order = sorted(range(len(mentions)), key=lambda i: (-len(mentions[i].text), mentions[i].start))
    for index in order:
        mention = mentions[index]
        target = _find_group(mention, groups, label_of)
        if target is None:
            groups.append([mention])
            label_of.append(mention.label)
        else:
            groups[target].append(mention)
    groups.sort(key=lambda g: min(m.start for m in g))
    entities = []
    for number, group in enumerate(groups, 1):
        group.sort(key=lambda m: m.start)
        name_source = max(group, key=lambda m: len(m.text))
        name = re.sub(r"['’]s$", "", name_source.text.strip())
        entities.append(Entity(f"E{number}", name, _majority_label(group),
                               [Mention(m.start, m.end, m.text) for m in group]))
    return entities


def _majority_label(group: Sequence[RawMention]) -> str:
    counts: dict[str, int] = {}
    for mention in group:
        counts[mention.label] = counts.get(mention.label, 0) + 1
    return max(counts, key=lambda label: (counts[label], label == group[0].label))


def _find_group(mention: RawMention, groups: list[list[RawMention]], labels: list[str]) -> int | None:
    norm = _norm(mention.text)
    words = _name_words(mention.text)
    for i, group in enumerate(groups):
        if labels[i] not in _COMPATIBLE.get(mention.label, {mention.label}):
            continue
        for other in group:
            if _norm(other.text) == norm:
                return i
    if mention.label == "PERSON" and words:
        # The model sometimes tags a full name as ORG; a person-shaped ORG name still takes its short forms.
        candidates = [i for i, g in enumerate(groups)
                      if (labels[i] == "PERSON" or (labels[i] == "ORG" and all(looks_like_person_name(o.text) for o in g)))
                      and any(set(words) <= _name_word_set(o.text) for o in g)]
        if len(candidates) == 1:
            return candidates[0]
    if mention.label in {"ORG", "GPE", "NORP"} and mention.text.isupper() and 2 <= len(mention.text) <= 6:
        for i, group in enumerate(groups):
            if labels[i] in {"ORG", "GPE"} and any(_initials(o.text) == mention.text for o in group
                                                  if len(o.text) > len(mention.text)):
                return i
    return None


_GROUP_NOUNS = {
    "ORG": {"group", "organisation", "organization", "militants", "militia", "movement", "party", "company",
            "firm", "agency", "ministry", "government", "body", "rebels", "insurgents", "jihadists",
            "fighters", "army", "force", "forces", "network", "faction", "union", "bank", "council",
            "authorities", "regime"},
    "GPE": {"country", "city", "town", "village", "capital", "province", "state", "region", "nation"},
}


# Heads of descriptions that name a person by role: "the actress", "the UN chief", "the senator".
_PERSON_NOUNS = {
    "man", "woman", "actor", "actress", "singer", "star", "chief", "head", "leader", "president", "senator",
    "congressman", "congresswoman", "lawmaker", "legislator", "governor", "mayor", "minister", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "official", "commissioner", "envoy", "ambassador", "diplomat",
    "director", "chairman", "chairwoman", "chair", "executive", "ceo", "founder", "candidate", "nominee",
    "lawyer", "attorney", "judge", "prosecutor", "general", "commander", "officer", "politician", "activist",
    "author", "writer", "researcher", "scientist", "economist", "professor", "analyst", "businessman",
    "businesswoman", "billionaire", "tycoon", "mogul", "king", "queen", "prince", "pope", "cleric", "pastor",
    "coach", "player", "veteran", "father", "mother", "husband", "wife", "son", "daughter", "frontrunner",
    "front-runner", "incumbent", "rival", "challenger", "strategist", "adviser", "advisor", "aide", "pollster",
    "host", "anchor", "journalist", "reporter", "columnist", "commentator", "novelist", "comedian",
}


class EntityIndex:
    """Look up which entity a character span refers to."""

    def __init__(self, entities: Sequence[Entity], dateline: tuple[int, int] | None = None):
        """``dateline``: the (start, end) of the article's dateline ("JOHANNESBURG -"), whose place is where the
        report was filed and never what "the company" or "the government" refers back to."""
        self.entities = list(entities)
        self._by_id = {e.id: e for e in entities}
        self._mentions = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda item: item[0])
        self._antecedents = [item for item in self._mentions
                             if dateline is None or not (dateline[0] <= item[0] < dateline[1])]

    def get(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def inside(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention inside [start, end), in text order."""
        return [e for s, t, e in self._mentions if s >= start and t <= end]

    def nearest_before(self, offset: int, types: set[str], window: int = 1500) -> Entity | None:
        """The entity of the closest mention of one of ``types`` before ``offset``."""
        best = None
        for s, _t, e in self._antecedents:
            if s >= offset:
                break
            if e.type in types and offset - s <= window:
                best = e
        return best


    def affiliated_person(self, qualifiers: Sequence[Entity], offset: int, gap: int = 60) -> Entity | None:
        """The person closest to ``offset`` with a mention that follows a qualifier's mention within ``gap``
        characters ("UN High Commissioner for Human Rights Zeid …" ties Zeid to the UN)."""
        ends = [m.end for q in qualifiers for m in q.mentions]
        best: tuple[int, Entity] | None = None
        for s, _t, e in self._mentions:
            if e.type == "PERSON" and any(0 <= s - end <= gap for end in ends):
                if best is None or abs(s - offset) < best[0]:
                    best = (abs(s - offset), e)
        return best[1] if best else None


_PRIORITY = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3, "LOC": 4, "FAC": 5, "EVENT": 6}


def resolve_span(index: EntityIndex, start: int, end: int, head_text: str | None = None,
                 prefer: Sequence[str] = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"),
                 definite: bool = False) -> Entity | None:
    """The entity a span (a subject, a claimant) refers to, or None.

    A named mention inside the span wins (people before organisations before
    places).  A span with no name but a group noun as head ("the group",
    "the Sunni jihadist group") refers back to the nearest organisation
    mentioned before it when ``definite`` (the span starts with "the", "this",
    "that"); a definite role description ("the actress", "the UN chief") and
    a personal pronoun refer to the nearest person.
    """
    inside = index.inside(start, end)
    head = (head_text or "").lower()
    group_label = next((label for label, nouns in _GROUP_NOUNS.items() if head in nouns), None)
    if definite and head in _PERSON_NOUNS and all(e.type in {"ORG", "GPE", "NORP", "LOC"} for e in inside):
        # "the agency chief": the person the article introduces with that organisation ("Agency director
        # Maria Ortega Diaz"), before or after; "the actress": the nearest person before.
        referent = (index.affiliated_person(inside, start) if inside
                    else index.nearest_before(start, {"PERSON"}))
        if referent is not None:
            return referent
    if group_label and definite and inside and all(e.type == "NORP" for e in inside):
        # "the Sunni jihadist group": the name inside only qualifies the group; find the group itself.
        referent = index.nearest_before(start, {group_label})
        if referent is not None:
            return referent
    if inside:
        ranked = sorted(inside, key=lambda e: (prefer.index(e.type) if e.type in prefer else 99))
        return ranked[0]
    if head in {"he", "she", "him", "her"}:
        return index.nearest_before(start, {"PERSON"})
    if group_label and definite:  # only "the group", not "a group" or "security forces"
        return index.nearest_before(start, {group_label})
    return None
