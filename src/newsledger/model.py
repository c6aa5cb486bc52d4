"""The data model: plain frozen dataclasses shared by every stage.

Every extracted item carries ``start``/``end`` character offsets into the
cleaned article text (``Article.text``) so a reader can always go back to the
exact evidence.  Nothing here imports spaCy: stages convert spaCy objects into
these classes before anything is stored or served.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "RawArticle",
    "Rejection",
    "Removal",
    "Article",
    "InferredDate",
    "Mention",
    "Entity",
    "TimeExpr",
    "Count",
    "Place",
    "Quote",
    "Span",
    "Event",
    "ArticleResult",
    "to_json",
]


@dataclass(frozen=True)
class RawArticle:
    """One input document as read from disk, before any cleaning."""

    path: str
    content: str
    format: str  # "text" | "html"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date as given by the input, never guessed
    source: str | None = None
    line: int | None = None  # line number inside a JSON Lines or record file


@dataclass(frozen=True)
class Rejection:
    """An input that could not be read; it goes to the ``rejected`` table."""

    path: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class Removal:
    """A boilerplate line removed from the article text, and why."""

    text: str
    reason: str
    start: int  # offsets into Article.raw_text (the text before line rules)
    end: int


@dataclass(frozen=True)
class InferredDate:
    """A publication date inferred from the text, never presented as given."""

    value: str  # TIMEX3-style, e.g. "2016" or "2016-07"
    confidence: float
    evidence: list[dict[str, Any]]  # [{text, start, end, reasoning}]
    method: str


@dataclass(frozen=True)
class Article:
    """The cleaned article that every offset points into."""

    id: str  # content hash (sha256 of the cleaned text, first 16 hex digits)
    text: str
    raw_text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    published_inferred: InferredDate | None = None
    path: str | None = None
    removed: list[Removal] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    id: str  # "E1", "E2" … unique inside one article
    name: str  # the fullest name found in the article
    type: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC …
    mentions: list[Mention]


@dataclass(frozen=True)
class TimeExpr:
    id: str
    text: str
    start: int
    end: int
    type: str  # TIMEX3 type: DATE | TIME | DURATION | SET
    value: str | None  # TIMEX3 value, e.g. "2014", "2016-W30", "P2Y", "PAST_REF"
    anchor: str | None = None  # the date relative expressions were resolved against
    anchor_kind: str | None = None  # "published" | "inferred" | "none"
    range_start: str | None = None  # for "since X", "between X and Y"
    range_end: str | None = None


@dataclass(frozen=True)
class Count:
    id: str
    text: str
    start: int
    end: int
    min: float | None
    best: float | None
    max: float | None
    what: str | None  # the noun the count counts ("soldiers")
    what_start: int | None = None
    what_end: int | None = None
    claimed_by: str | None = None  # entity id of the claimant, when known
    claimed_by_text: str | None = None
    claimed_by_start: int | None = None
    claimed_by_end: int | None = None
    part_of: str | None = None  # id of the count this one is part of: "36 of the 40" -> C1.part_of = "C2"


@dataclass(frozen=True)
class Place:
    """A place mention and where it points in the GeoNames gazetteer (docs/geo.md)."""

    id: str
    name: str  # gazetteer name when resolved, else the entity's name
    start: int
    end: int
    entity: str | None  # entity id
    type: str  # GPE | LOC | FAC | DATELINE
    text: str | None = None  # the words in the article
    geonameid: str | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    precision: str | None = None  # exact | town | district | province | country | region | unknown (UCDP where_prec)
    reason: str | None = None  # why this gazetteer entry (or enclosing place) was chosen


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    speaker: str | None  # entity id or None
    speaker_text: str | None
    kind: str  # "direct" | "indirect" | "continuation" | "unattributed"
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # PLOVER root type, e.g. ASSAULT, COERCE, PROTEST
    mode: str | None  # PLOVER mode, e.g. "execution", "mass-killing"
    trigger: str
    trigger_start: int
    trigger_end: int
    modality: str  # occurred | claimed | approved | planned | threatened | denied | hypothetical
    background: bool
    agent: str | None = None  # entity id
    agent_text: str | None = None
    target: str | None = None  # entity id
    target_text: str | None = None
    place: str | None = None  # place id
    place_text: str | None = None
    place_precision: str | None = None
    time: str | None = None  # time id
    time_value: str | None = None
    count: str | None = None  # count id
    count_best: float | None = None
    claimed_by: str | None = None
    claimed_by_text: str | None = None
    evidence: list[Span] = field(default_factory=list)
    cameo: str | None = None  # CAMEO code, e.g. "180"; see docs/events.md
    acled_event_type: str | None = None  # e.g. "Violence against civilians"
    acled_sub_type: str | None = None  # e.g. "Attack"
    time_range_start: str | None = None  # the period the event spans ("since 2016" …), from its time expressions
    time_range_end: str | None = None  # ("as of last month", "until X"); see docs/schema.md
    instrument_text: str | None = None  # the weapon or means, where stated ("a roadside bomb", "with a knife")
    # The people the event wounded, when the text gives a figure for them apart from its dead ("killed three
    # and injured 20": count 3, injured 20); for a wounding it is the event's own count.
    injured: str | None = None  # count id
    injured_best: float | None = None


@dataclass(frozen=True)
class ArticleResult:
    """Everything newsledger found in one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def to_json(result: ArticleResult, *, include_raw: bool = False) -> dict[str, Any]:
    """The public JSON contract (docs/schema.md) for one article result."""
    data = asdict(result)
    if not include_raw:
        data["article"].pop("raw_text", None)
    return data
