"""Named-entity mentions from the spaCy parse, with full person names.

The small English model often tags only the tail of a long name ("Ortega Diaz"
of "Maria Luisa Ortega Diaz"); ``person_spans`` widens a PERSON mention over the
proper nouns in front of it, stopping at title and institution words so
"Special Rapporteur for Human Rights" stays out of the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span
from ..annotate import doc_ents, doc_text

__all__ = ["RawMention", "extract_mentions", "looks_like_person_name", "ENTITY_LABELS", "PLACE_LABELS"]

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

# Words that end a name when read leftwards: titles, offices and institution nouns.
_NAME_STOP = {
    "rights", "affairs", "council", "commission", "commissioner", "minister", "president", "secretary",
    "general", "state", "states", "nations", "party", "forces", "force", "army", "police", "ministry",
    "department", "office", "court", "union", "committee", "agency", "chief", "leader", "spokesman",
    "spokeswoman", "spokesperson", "governor", "mayor", "judge", "prime", "deputy", "director", "chairman",
    "ambassador", "envoy", "senator", "king", "queen", "prince", "sheikh", "captain", "colonel", "major",
    "lieutenant", "sergeant", "officer", "human", "high", "foreign", "interior", "defence", "defense",
    "justice", "health", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "gen", "col", "capt", "sgt", "rev",
    "professor", "prof", "bishop", "pope", "cardinal", "imam", "ayatollah", "emir", "sultan", "vice",
    "executive", "ceo", "founder", "coach", "manager", "reporter", "correspondent", "editor", "said", "says",
}


@dataclass(frozen=True)
class RawMention:
    """A named mention before linking: label and offsets into the doc text."""

    label: str
    start: int
    end: int
    text: str
    token_start: int
    token_end: int


def _widen_person(ent: Span) -> Span:
    doc = ent.doc
    start = ent.start
    while start > 0:
        tok = doc[start - 1]
        if tok.is_space or "\n" in tok.whitespace_:
            break
        if tok.ent_type_ and tok.ent_type_ != "PERSON":
            break
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.lower_.strip(".") in _NAME_STOP:
            break
        start -= 1
    return doc[start:ent.end] if start != ent.start else ent


_DASHES = {"-", "--", "—", "–", ":", ","}


def _trim_the(span: Span) -> Span:
    """Drop a leading determiner, a possessive tail or a dateline's dash: "the United Nations'" ->
    "United Nations", "CLEVELAND -" -> "CLEVELAND"."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].text in _DASHES):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in _DASHES):
        end -= 1
    return span if start == span.start and end == span.end else doc[start:end]


# "Mr de Mistura", "Dr. Ali Hassan": an honorific before capitalised words is a person, whatever NER said.
_HONORIFIC_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+((?:(?:de|da|del|al|el|van|von|der|bin|ibn)\s+)*[A-Z][\w'’-]+"
    r"(?:\s+(?:(?:de|da|del|al|el|van|von|der|bin|ibn)\s+)*[A-Z][\w'’-]+)*)")


def _honorific_mentions(doc: Doc) -> list[Span]:
    spans = []
    for match in _HONORIFIC_NAME.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1), label="PERSON", alignment_mode="contract")
        if span is not None and len(span):
            spans.append(span)
    return spans


def extract_mentions(doc: Doc) -> list[RawMention]:
    """Named mentions in document order; PERSON names widened, determiners trimmed."""
    mentions: list[RawMention] = []
    seen: set[tuple[int, int]] = set()
    honorific = _honorific_mentions(doc)
    taken = {t for span in honorific for t in range(span.start, span.end)}
    for span in honorific:
        mentions.append(RawMention("PERSON", span.start_char, span.end_char, span.text, span.start, span.end))
        seen.add((span.start_char, span.end_char))
    text = doc_text(doc)
    for ent in doc_ents(doc):
        if ent.label_ not in ENTITY_LABELS:
            continue
        if any(t in taken for t in range(ent.start, ent.end)):
            continue
        span = _widen_person(ent) if ent.label_ == "PERSON" else ent
        span = _trim_the(span)
        # ``span.text`` is the doc text between the span's first and last character (built once here)
        span_text = text[span.start_char:span.end_char] if len(span) else ""
        if not span_text.strip() or not any(ch.isalpha() for ch in span_text):
            continue
        if "@" in span_text or "://" in span_text:
            continue
        if span_text.islower():
            continue  # "cts", "mln": a name has a capital somewhere ("eBay", "al-Qaeda")
        key = (span.start_char, span.end_char)
        if key in seen:
            continue
        seen.add(key)
        mentions.append(RawMention(ent.label_, span.start_char, span.end_char, span_text, span.start, span.end))
    mentions.sort(key=lambda m: m.start)
    return _surnames_as_people(doc, mentions)


def surnames(doc: Doc, spans: Iterable[tuple[int, int]]) -> set[str]:
    """Last names, lower-cased, of the people named in full by ``spans`` (token ranges of PERSON
    mentions): two or more proper nouns, so "Maria Rivera" gives "rivera" but "Historic Dublin" nothing."""
    names = set()
    for start, end in spans:
        if end - start >= 2 and all(t.pos_ == "PROPN" for t in doc[start:end]) and doc[end - 1].is_title:
            names.add(doc[end - 1].lower_)
    return names


def _surnames_as_people(doc: Doc, mentions: list[RawMention]) -> list[RawMention]:
    """A one-word place mention that is the last name of a person named in full is that person
    ("Maria Rivera was cooking dinner … Rivera said": the model tags the second mention GPE)."""
    last_names = surnames(doc, [(m.token_start, m.token_end) for m in mentions if m.label == "PERSON"])
    if not last_names:
        return mentions
    return [replace(m, label="PERSON") if m.label in {"GPE", "LOC"} and m.token_end - m.token_start == 1
            and m.text.lower() in last_names else m for m in mentions]


@lru_cache(maxsize=8192)
def looks_like_person_name(text: str) -> bool:
    """Two to four capitalised words (name particles allowed) and no title or institution word."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    particles = {"de", "da", "del", "al", "el", "van", "von", "der", "bin", "ibn", "la", "le"}
    for word in words:
        lower = word.lower().strip(".")
        if lower in _NAME_STOP or lower in _ORG_WORDS:
            return False
        if not (word[:1].isupper() or lower in particles):
            return False
    return True


_ORG_WORDS = {"group", "bank", "inc", "corp", "company", "ltd", "co", "university", "institute", "airlines",
              "association", "foundation", "organisation", "organization", "times", "post", "news", "network",
              "club", "fund", "trust", "holdings", "international", "national", "federal", "republic", "kingdom",
              "airways", "motors", "systems", "energy", "oil", "international", "centre", "center"}
