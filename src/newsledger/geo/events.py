"""Where each event happened, and located events as GeoJSON.

``locate_event`` picks, among an article's resolved places, the one where *this*
event happened rather than any place its sentence names:

1. a place attached to the trigger through a locative preposition ("killed *in*
   Tikrit", "the attack *near* Mosul") — score 3;
2. a place that is the trigger's own argument ("militants stormed Tikrit") — 2;
3. a place under a locative preposition elsewhere in the sentence ("In Tikrit, …") — 1;

skipping places inside the agent's or target's span ("Iraqi forces") and places
used as modifiers ("the Iraq war", "Baghdad's government").  Ties go to the most
precise place, then the nearest to the trigger.  With none, the dateline place
is used, and failing that nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any

from .resolve import PRECISIONS, ResolvedPlace
from ..annotate import sent_of

__all__ = ["locate_event", "to_geojson", "geocode_name", "PlaceMention", "LOCATIVE_PREPOSITIONS"]

LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "on", "across", "around", "throughout", "into",
                         "within", "off", "along", "over", "beside", "by", "nearby"}
_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}


def geocode_name(name: str, article_text: str, places: Iterable[Any] = ()) -> ResolvedPlace | None:
    """Locate a place name a reviewer typed, in the context of its article.

    The name is resolved as one more mention after the article's own place mentions
    (objects with ``start``, ``end`` and ``type``), so "Tikrit" in an article about Iraq
    is the Iraqi town.  None when the gazetteer does not know the name itself: a typed
    name has no sentence around it, so borrowing another mention's location would be a guess.
    """
    from .resolve import geocode_places

    name = name.strip()
    if not name:
        return None
    text = f"{article_text}\n{name}"
    mention = PlaceMention(len(article_text) + 1, len(text), "GPE")
    own = [PlaceMention(p.start, p.end, "GPE" if p.type == "DATELINE" else p.type) for p in places
           if p.end <= len(article_text)]
    resolved = geocode_places([*own, mention], text, dateline=False)
    hit = next((r for r in resolved if r.start == mention.start), None)
    return hit if hit is not None and hit.located and hit.anchor_start is None else None


@dataclass(frozen=True)
class PlaceMention:
    """A place mention as the geocoder reads it: offsets and label (GPE, LOC, FAC)."""

    start: int
    end: int
    type: str


def _rank(precision: str) -> int:
    return PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)


def locate_event(doc: Any, trigger_start: int, trigger_end: int, places: Sequence[ResolvedPlace], *,
                 exclude: Iterable[tuple[int, int]] = (), dateline: ResolvedPlace | None = None,
                 ) -> tuple[ResolvedPlace, str] | None:
    """The place where one event happened, and why it was chosen.

    Args:
        doc: the article's spaCy ``Doc`` (parsed).
        trigger_start: character offset of the event trigger.
        trigger_end: end offset of the trigger.
        places: the article's ``geocode_places`` output.
        exclude: character ranges (agent, target) whose places describe a party, not the place.
        dateline: the dateline place, used when the sentence gives nothing better; by default
            the ``DATELINE``-labelled place in ``places``, if any.
    """
    span = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    trigger = span.root
    sent = sent_of(trigger)
    skip = list(exclude)
    best: tuple[tuple[int, int, int], ResolvedPlace, str] | None = None
    for place in places:
        if not place.located or place.label in {"DATELINE", "NORP"}:
            continue
        if not (sent.start_char <= place.start < sent.end_char):
            continue
        if any(s <= place.start < e for s, e in skip):
            continue
        pspan = doc.char_span(place.start, place.end, alignment_mode="expand")
        if pspan is None or not len(pspan):
            continue
        score, why = _attachment(pspan.root, trigger, place.text)
        if score == 0:
            continue
        key = (score, -_rank(place.precision), -abs(place.start - trigger_start))
        if best is None or key > best[0]:
            best = (key, place, why)
    if best is not None:
        return best[1], best[2]
    if dateline is None:
        dateline = next((p for p in places if p.label == "DATELINE" and p.located), None)
    if dateline is not None and dateline.located:
        return dateline, "dateline: the text gives no place for this event"
    return None


def _attachment(root: Any, trigger: Any, text: str) -> tuple[int, str]:
    """How a place token hangs from the trigger: (score, explanation)."""
    if root.dep_ in _MODIFIER_DEPS and root.head.ent_type_ not in {"GPE", "LOC", "FAC"}:
        return 0, ""
    locative = None
    token = root
    for _ in range(12):
        if token.dep_ == "prep" and token.text.lower() in LOCATIVE_PREPOSITIONS and locative is None:
            locative = token.text.lower()
        if token.head == token:
            break
        token = token.head
        if token == trigger:
            if locative:
                return 3, f"'{locative} {text}' attached to the trigger"
            return 2, f"{text} is the trigger's argument"
        if token.dep_ == "prep" and token.text.lower() in LOCATIVE_PREPOSITIONS and locative is None:
            locative = token.text.lower()
    if locative:
        return 1, f"'{locative} {text}' in the same sentence"
    return 0, ""


def to_geojson(items: Iterable[tuple[Any, ResolvedPlace | None]], *, include_unlocated: bool = False
               ) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of events, one Point feature per located event.

    Args:
        items: ``(event, place)`` pairs; an event is a dataclass (``model.Event``) or a
            mapping, and becomes the feature's properties; the place gives the point
            and a ``location`` property (name, GeoNames id, country, admin1, precision, reason).
        include_unlocated: also emit events without coordinates, with a null geometry.
    """
    features = []
    for event, place in items:
        props: dict[str, Any] = asdict(event) if is_dataclass(event) and not isinstance(event, type) else \
            dict(event) if isinstance(event, Mapping) else {"value": event}
        located = place is not None and place.located
        if not located and not include_unlocated:
            continue
        if place is not None:
            props["location"] = {
                "text": place.text, "start": place.start, "end": place.end, "name": place.name,
                "geonameid": place.geonameid, "country_code": place.country_code, "country": place.country,
                "admin1": place.admin1, "feature_code": place.feature_code, "precision": place.precision,
                "reason": place.reason,
            }
        geometry = {"type": "Point", "coordinates": [place.lon, place.lat]} if located and place else None
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}
