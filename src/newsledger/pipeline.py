"""The stage order: clean → annotate → extract → link, for one article or a stream.

``prepare`` cleans a raw input into an ``Article``; ``build_result`` runs the
extractors over its annotated ``Doc`` and ties their outputs together (speaker
and claimant spans to entities, events to their time, place and count, and
several mentions of one event into one event).  Storing is the caller's job.

Casualties: an event's figure is its dead when a mention tells of deaths
("shot five people, killing two" killed two), never a number of wounds ("six
gunshot wounds"); a tally over a period ("555 children killed since 2008")
is kept apart from the incident and is background beside it; somebody shot in
an article that tells of no death was wounded (mode ``injury``).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from dateparser.date import DateDataParser
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .annotate import doc_text, extracting, load_nlp, remember_text
from .clean import CleanText, article_id, blank_control_characters, clean_html, clean_plain, too_little_text
from .errors import BadDate, EmptyArticle
from .ingest import first_line_title
from .extract.counts import extract_counts
from .extract.entities import PLACE_LABELS, extract_mentions
from .extract.event_codes import event_codes
from .extract.events import PERSON_NOUNS, EventCandidate, extract_event_candidates
from .extract.quotes import PronounResolver, extract_quotes
from .extract.times import extract_times, infer_publication_date
from .geo import ResolvedPlace, find_dateline, geocode_places, haversine_km
from .timex import time_interval
from .link import EntityIndex, link_mentions, resolve_span
from .model import (Article, ArticleResult, Count, Entity, Event, InferredDate, Place, Quote, RawArticle,
                    Rejection, Span as EvidenceSpan, TimeExpr)

__all__ = ["PIPELINE_VERSION", "ANNOTATE_VERSION", "process", "prepare", "build_result", "process_stream",
           "normalise_date", "rejection_of"]

# Bump when extraction output changes, so stored articles can be re-processed.
PIPELINE_VERSION = "0.4.21"
# Bump when what a spaCy Doc holds changes (annotate.py's own components); the model's name and version
# are added at run time.  While it is unchanged, a new PIPELINE_VERSION can reuse cached Docs and re-run
# only extraction (``engine.DocCache``, ``newsledger ingest --keep-docs``).  Cleaning needs no version:
# the article id is the hash of the cleaned text, so a cleaning change that alters a text makes a new id.
ANNOTATE_VERSION = "3"

_HTML_HINT = re.compile(r"<\s*(html|body|p|div|article|head)[\s>]", re.I)


def normalise_date(value: str | None, *, strict: bool = False) -> str | None:
    """An input date as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY`` when that is all it says)."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text) or re.match(r"(\d{4})-(\d{2})-(\d{2})[T ]", text)
    if match:
        year, month, day = match.groups()
        try:  # "2016-99-99" looks like ISO but names no day: never store it as a date
            date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            if strict:
                raise BadDate(f"{text!r} is not a calendar date (month 01-12, day within the month)") from None
            return None
        return "-".join(part for part in (year, month, day) if part)
    if not _NAMES_A_YEAR.search(text):
        # "yesterday", "next Friday", "21 July": read against today's date they would change from run to run
        if strict:
            raise BadDate(f"cannot read {text!r} as a date: it names no year (a publication date must not depend "
                          "on the day it is read); use ISO form such as 2016-07-21")
        return None
    data = _DATE_READER.get_date_data(text)
    if data.date_obj is None:
        if strict:
            raise BadDate(f"cannot read {text!r} as a date; use ISO form such as 2016-07-21")
        return None
    iso = data.date_obj.date().isoformat()
    return {"year": iso[:4], "month": iso[:7]}.get(data.period or "day", iso)


# A publication date must name its year (or be a Unix timestamp): a date read against today is no date.
_NAMES_A_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|^\d{9,10}$")
# Absolute dates only: relative ones ("2 days ago") would be read against the clock, not the article.
_DATE_READER = DateDataParser(settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                                        "PARSERS": ["timestamp", "custom-formats", "absolute-time"]})


def rejection_of(raw: RawArticle, exc: Exception) -> Rejection:
    """The quarantine row for an input that cannot become an article: its file, its line, the reason."""
    path = raw.path
    if raw.line is not None and path.endswith(f":{raw.line}"):
        path = path[: -len(f":{raw.line}")]  # a record's path already names its line ("feed.jsonl:7")
    return Rejection(path, str(exc).split(": ", 1)[-1], raw.line)


def prepare(raw: RawArticle, *, max_chars: int = 200_000) -> Article:
    """Clean one raw input into the article every offset points into."""
    cleaned: CleanText = clean_html(raw.content, raw.url) if raw.format == "html" else clean_plain(raw.content)
    if not cleaned.text.strip():
        raise EmptyArticle(f"{raw.path}: no article text found after cleaning")
    too_little = too_little_text(cleaned.text)
    if too_little:
        raise EmptyArticle(f"{raw.path}: {too_little}")
    if len(cleaned.text) > max_chars:
        raise EmptyArticle(f"{raw.path}: article has {len(cleaned.text)} characters, over the limit of {max_chars} "
                           "(NEWSLEDGER_MAX_CHARS raises it)")
    try:  # a date the input states must be a real one; a page's own metadata is only a hint
        published = normalise_date(raw.published, strict=True) or normalise_date(cleaned.published)
    except BadDate as exc:
        raise BadDate(f"{raw.path}: bad publication date: {exc}") from None
    # The metadata loses its control characters as the text does: PostgreSQL cannot store a NUL in a title.
    title, url, source = (blank_control_characters(v) if v else v for v in (
        raw.title or cleaned.title, raw.url or cleaned.url, raw.source or cleaned.source))
    return Article(
        id=article_id(cleaned.text), text=cleaned.text, raw_text=cleaned.raw_text, title=title, url=url,
        source=source, published=published, path=raw.path, removed=list(cleaned.removed),
    )


def process(text_or_html: str, published: str | None = None, url: str | None = None, *,
            title: str | None = None, nlp: Language | None = None) -> ArticleResult:
    """Run the whole pipeline on one article given as text or HTML.

    Args:
        text_or_html: the article, plain text or an HTML page.
        published: publication date (any common format); None lets newsledger infer one.
        url: where the article came from, kept as metadata.
        title: headline, when not part of the text.
        nlp: a loaded spaCy pipeline; by default the project's model, loaded once.
    """
    fmt = "html" if _HTML_HINT.search(text_or_html[:5000]) else "text"
    if fmt == "text" and title is None:
        title = first_line_title(text_or_html)
    raw = RawArticle("<memory>", text_or_html, fmt, title=title, url=url,
                     published=normalise_date(published, strict=True))
    article = prepare(raw)
    nlp = nlp or load_nlp()
    return build_result(article, nlp(article.text))


def process_stream(items: Iterable[RawArticle | Rejection], nlp: Language | None = None, *,
                   batch_size: int = 32, max_chars: int = 200_000,
                   skip: Callable[[Article], bool] | None = None) -> Iterator[ArticleResult | Rejection | None]:
    """Clean, annotate (batched through ``nlp.pipe``) and extract a stream of inputs.

    Rejections pass through; an input that fails cleaning or extraction becomes
    a Rejection naming the file and the reason instead of stopping the stream.
    An article for which ``skip(article)`` is true (already stored, unchanged)
    is not annotated and yields ``None``, so callers can count it.
    """
    nlp = nlp or load_nlp()

    def prepared() -> Iterator[tuple[Article | None, Rejection | None]]:
        for item in items:
            if isinstance(item, Rejection):
                yield None, item
                continue
            try:
                yield prepare(item, max_chars=max_chars), None
            except (EmptyArticle, BadDate) as exc:
                yield None, rejection_of(item, exc)

    pending: list[Article] = []
    pending_rejections: list[Rejection] = []

    def flush() -> Iterator[ArticleResult | Rejection]:
        docs = nlp.pipe((a.text for a in pending), batch_size=batch_size)
        for article, doc in zip(pending, docs):
            try:
                yield build_result(article, doc)
            except Exception as exc:  # one broken article must not stop a run of thousands
                yield Rejection(article.path or article.id, f"extraction failed: {type(exc).__name__}: {exc}")
        pending.clear()

    for article, rejection in prepared():
        if rejection is not None:
            pending_rejections.append(rejection)
        elif article is not None:
            if skip is not None and skip(article):
                yield None
                continue
            pending.append(article)
        if len(pending) >= batch_size:
            yield from pending_rejections
            pending_rejections.clear()
            yield from flush()
    yield from pending_rejections
    if pending:
        yield from flush()


_DEFINITE = {"the", "this", "that", "these", "those"}


def _resolve(doc: Doc, index: EntityIndex, start: int | None, end: int | None) -> Entity | None:
    if start is None or end is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    entity = resolve_span(index, start, end, span.root.text, definite=span[0].lower_ in _DEFINITE)
    if entity is not None and entity.type == "NORP" and _modifier_only(span, entity):
        return None  # "Iraqi security forces said": the forces speak, not the nationality
    return entity


def build_result(article: Article, doc: Doc) -> ArticleResult:
    """Run every extractor on an annotated article and tie the results together."""
    remember_text(doc, article.text)
    with extracting(doc):  # the entities and words every extractor reads are built once
        return _build_result(article, doc)


def _build_result(article: Article, doc: Doc) -> ArticleResult:
    entities = link_mentions(extract_mentions(doc))
    dateline = find_dateline(article.text)
    index = EntityIndex(entities, dateline=(dateline[0], dateline[1]) if dateline else None)

    inferred: InferredDate | None = None
    anchor: str | None
    if article.published:
        anchor, anchor_kind = article.published, "published"
    else:
        inferred = infer_publication_date(doc)
        anchor, anchor_kind = (inferred.value, "inferred") if inferred else (None, "none")
        article = replace(article, published_inferred=inferred)
    times = extract_times(doc, anchor, anchor_kind)

    places = _places(doc, entities)
    counts = _link_counts(doc, index, extract_counts(doc))
    quotes = _link_quotes(doc, index, extract_quotes(doc))
    events = _events(doc, index, extract_event_candidates(doc), times, places, counts, quotes, anchor)
    return ArticleResult(article, entities, times, places, quotes, counts, events)


def _places(doc: Doc, entities: list[Entity]) -> list[Place]:
    """Every place mention, geocoded against the GeoNames gazetteer (see docs/geo.md).

    The geocoder also finds places the entity recogniser missed and the
    article's dateline; those get ``entity`` None.
    """
    mention_entity = {(m.start, m.end): e for e in entities if e.type in PLACE_LABELS for m in e.mentions}
    resolved = geocode_places(doc)
    places: list[tuple[int, int, ResolvedPlace | None, Entity | None]] = []
    covered: set[tuple[int, int]] = set()
    for found in resolved:
        entity = mention_entity.get((found.start, found.end)) or next(
            (e for (s, t), e in mention_entity.items() if s <= found.start and found.end <= t), None)
        places.append((found.start, found.end, found, entity))
        covered.add((found.start, found.end))
    for (start, end), entity in mention_entity.items():  # mentions the geocoder passed over stay, unlocated
        # (one that overlaps a geocoded place is that place: "fox13now.comFAYETTEVILLE" is the dateline's town)
        if not any(start < t and s < end for s, t in covered):
            places.append((start, end, None, entity))
    places.sort(key=lambda p: p[0])
    out = []
    for number, (start, end, r, entity) in enumerate(places, 1):
        text = doc_text(doc)[start:end]
        if r is not None and r.located and r.anchor_start is None:
            name = r.name or text  # its own gazetteer entry
        else:
            name = entity.name if entity is not None else text
        if r is not None:
            label = r.label
        else:
            assert entity is not None  # an unlocated place is always an entity mention (second loop above)
            label = entity.type
        out.append(Place(
            f"P{number}", name, start, end, entity.id if entity else None,
            label, text,
            str(r.geonameid) if r is not None and r.geonameid is not None else None,
            r.lat if r is not None else None, r.lon if r is not None else None,
            r.country_code if r is not None else None, r.country if r is not None else None,
            r.admin1 if r is not None else None, r.feature_code if r is not None else None,
            r.precision if r is not None else "unknown", r.reason if r is not None else "not geocoded",
        ))
    return out


def _link_counts(doc: Doc, index: EntityIndex, counts: list[Count]) -> list[Count]:
    linked = []
    for count in counts:
        entity = _resolve(doc, index, count.claimed_by_start, count.claimed_by_end)
        linked.append(replace(count, claimed_by=entity.id if entity else None))
    return linked


def _link_quotes(doc: Doc, index: EntityIndex, candidates) -> list[Quote]:
    quotes = []
    for number, cand in enumerate(candidates, 1):
        if cand.referent_start is not None:  # "he said": resolved through the phrase the pronoun refers back to
            entity = _resolve(doc, index, cand.referent_start, cand.referent_end)
            name = entity.name if entity else (cand.referent_text or cand.speaker_text)
        else:
            entity = _resolve(doc, index, cand.speaker_start, cand.speaker_end)
            name = entity.name if entity else cand.speaker_text
        quotes.append(Quote(f"Q{number}", cand.text, cand.start, cand.end, entity.id if entity else None,
                            name, cand.kind, cand.speaker_start,
                            cand.speaker_end, cand.cue))
    return quotes


# Modes that can describe the same incident; others never merge.
_MODE_FAMILY = {
    "killing": "violence", "mass-killing": "violence", "firearms": "violence", "melee": "violence",
    "explosives": "violence", "aerial": "violence", "artillery": "violence", "attack": "violence",
    "clash": "violence", "suicide-bomb": "violence", "car-bomb": "violence", "remote-explosive": "violence",
    "grenade": "violence", "chemical": "violence", "mob": "violence",
    # the wounded of an attack are one event with it (one event per incident, eval/gold/README): the event's
    # count keeps its dead and ``injured`` its wounded
    "injury": "violence",
}


def _mode_family(mode: str | None) -> str | None:
    """A mode's family, or the mode itself when it has none."""
    return _MODE_FAMILY.get(mode, mode) if mode is not None else None


# When mentions of one event disagree on the mode, the more specific one wins the tie.
_MODE_SPECIFICITY = ("suicide-bomb", "car-bomb", "remote-explosive", "grenade", "chemical", "aerial", "artillery",
                     "mass-killing", "firearms", "melee", "mob", "explosives", "killing", "clash", "attack")  # "injury" stays apart: the wounded of an attack are a different count from its dead
# Modes whose targets are people: they are described ("a 42-year-old man") before they are named.
_HARMS_PEOPLE = {"killing", "mass-killing", "injury", "firearms", "melee"}
# Modes that a named death turns into a killing (their ACLED sub-type is a killing's: Attack or Armed clash).
_KILLED_BY = {"firearms", "melee"}
_MODALITY_FAMILY = {"occurred": "real", "claimed": "real", "approved": "intended", "planned": "intended"}


_EVENT_ARG_DEPS = {"nsubj", "nsubjpass", "dobj"}
_PROTEST_TYPES = {"PROTEST"}
# The forces facing protesters ("200 police fired tear gas"): their number is not the protest's.
_FORCES = {"police", "policeman", "officer", "troop", "soldier", "force", "army", "guard", "authority", "gendarme",
           "trooper", "military"}
# Nouns of harm done to one body: their number counts wounds, not people ("six gunshot wounds").
_HARM_NOUNS = {"wound", "injury", "shot", "bullet", "round"}
# Bodies that strike or protest as one: "two shipping companies went on strike" are not two people.
_BODIES = {"company", "companies", "firm", "firms", "union", "unions", "group", "groups", "organisation",
           "organisations", "organization", "organizations", "party", "parties", "country", "countries", "nation",
           "nations", "association", "associations", "federation", "federations", "bank", "banks", "port", "ports"}


def _counts_bodies(count: Count) -> bool:
    return count.what is not None and bool(count.what.split()) and count.what.lower().split()[-1] in _BODIES


# Modes of acts done to one person each: their number is a number of people ("45 executions", "300 arrests",
# "two injured officers");
# shootings, attacks or protests may each reach many or nobody.
_PER_PERSON_MODES = {"killing", "injury", "execution", "arrest", "abduction", "legal-action", "expel"}


def _attach_to_triggers(doc: Doc, items, triggers: dict[int, int], *, places: bool = False) -> dict[int, list]:
    """Give each time or place to the event it modifies: the first trigger up its dependency path.

    "the shelling of the village near Exampleton in 2014" gives 2014 and
    Exampleton to "shelling", not to a later verb of the same sentence.
    A verb met on the way whose subject or object is a trigger ("executions
    were carried out in 2016", "the attack took place in Kabul") passes the
    item to that trigger.  ``triggers`` maps every word of a trigger to its
    first word, the key of the result: "last Friday" hangs on the head of
    "missile attack", not on "missile".  A place that is itself the subject
    of the verb is a party, not a scene ("Afghanistan denied charges of
    bombing"; but "workers at Spain's ports supported a strike").  A time
    goes to the event noun it is written before ("in connection to Jan. 9
    shooting", "Sunday's fatal shooting"), and the time of "it happened" to
    the event told just before.
    """
    attached: dict[int, list] = {}
    if not triggers:
        return attached  # an article that tells of no event: nothing to give anything to
    for item in items:
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        noun = None if places else _noun_after(doc, span)
        if noun is not None and noun.i in triggers:
            attached.setdefault(triggers[noun.i], []).append(item)
            continue
        token = span.root
        for clause in token.children:  # "since 2007, when 28 were killed": 2007 is when they were killed
            if clause.dep_ == "relcl" and clause.i in triggers and any(
                    c.lower_ in {"when", "during"} for c in clause.subtree if c.i < clause.i):
                attached.setdefault(triggers[clause.i], []).append(item)
        # A time the parser hangs by two words ("occurred Sunday night, December 27th") goes the shorter way.
        heads = [span.root] if places else [t for t in span if not span.start <= t.head.i < span.end] or [span.root]
        found = [way for head in heads if (way := _trigger_up(head, span, triggers, places)) is not None]
        if found:
            attached.setdefault(min(found)[1], []).append(item)
    return attached


def _trigger_up(token: Token, span: Span, triggers: dict[int, int], places: bool) -> tuple[int, int] | None:
    """The trigger an item hangs on, walking up from one of its words, and how many steps away (-1 when a
    relative clause says outright that the event happened then)."""
    came_from: Token | None = None
    for steps in range(12):
        if token.i in triggers and not (span.start <= token.i < span.end):
            return steps, triggers[token.i]
        if token.pos_ in {"VERB", "AUX"} and not (places and came_from is not None
                                              and came_from.i == span.root.i and came_from.dep_ == "nsubj"):
            carried = [c for c in token.children if c.dep_ in _EVENT_ARG_DEPS and c.i in triggers]
            if carried:
                return steps, triggers[carried[0].i]
            if not places and token.dep_ == "relcl" and token.head.i in triggers and _says_it_happened(token):
                return -1, triggers[token.head.i]  # "a shooting that occurred Sunday night": told outright
            told_before = [i for i in triggers if i < token.i] if not places and _it_happened(token) else []
            if told_before:
                return steps, triggers[max(told_before)]
        if token.head.i == token.i:
            return None
        came_from, token = token, token.head
    return None


def _noun_after(doc: Doc, span: Span) -> Token | None:
    """The noun a time is written before, over a possessive and adjectives ("Jan. 9 shooting", "Sunday's
    fatal shooting"): the time dates what the noun names, whatever the parser hung it on."""
    i = span.end
    while i < len(doc) and (doc[i].tag_ == "POS" or doc[i].pos_ == "ADJ"):
        i += 1
    return doc[i] if i < len(doc) and i - span.end <= 2 and doc[i].pos_ == "NOUN" else None


# Verbs that tell when an event took place without naming it: "It happened around 8 p.m.", "It occurred Sunday".
_HAPPEN_VERBS = {"happen", "occur"}


def _says_it_happened(verb: Token) -> bool:
    """Whether a verb only says that something took place ("happened", "occurred", "took place")."""
    lemma = verb.lemma_.lower()
    return lemma in _HAPPEN_VERBS or (lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place"
                                                              for c in verb.children))


def _it_happened(verb: Token) -> bool:
    """Whether a verb says when "it" took place ("It happened on Thursday night", "This took place at 9 p.m."):
    "it" is the event told just before."""
    return _says_it_happened(verb) and any(c.dep_ == "nsubj" and c.lower_ in {"it", "this"} for c in verb.children)


# "the past two weeks", "over the last few days": a length that ends (or starts) now is a period in the calendar.
_ANCHORED_PERIOD = re.compile(r"(?i)(?:the\s+)?(?:past|last|previous|next|coming|recent)\b")


def _describes_a_thing(doc: Doc, time: TimeExpr, triggers: dict[int, int]) -> bool:
    """A time word that is an adjective of a noun other than a trigger dates the thing, not an event: "Lebanon's
    current power-sharing system" (but "the overnight attack" dates the attack)."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span.root.dep_ == "amod" and span.root.head.i not in triggers


# Prepositions that make an "-ing" clause the means or manner of the act it hangs on: "killed 12 in routing a
# force", "by storming the village", "while fleeing" (not "after attacking", which is another, earlier act).
_MEANS_PREPS = {"in", "by", "while", "when"}


def _means_times(doc: Doc, trigger: Token, times: list[TimeExpr]) -> list[TimeExpr]:
    """The times told inside the means clause of a verb trigger ("in routing a force … on Sunday")."""
    if trigger.pos_ != "VERB":
        return []
    clauses = [c for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in _MEANS_PREPS
               for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"]  # not "in what X called …"
    clauses += [c for c in trigger.children if c.dep_ == "advcl" and c.tag_ == "VBG" and any(
        m.dep_ == "mark" and m.lower_ in _MEANS_PREPS for m in c.children)]  # "while trying to retake the hill"
    found = []
    for clause in clauses:
        start, end = doc[clause.left_edge.i].idx, doc[clause.right_edge.i].idx + len(doc[clause.right_edge.i])
        found += [t for t in times if start <= t.start and t.end <= end]
    return found


def _says_when(time: TimeExpr) -> bool:
    """Whether a time attached to a trigger says when the event happened.

    A date, a clock time or a period ending now does; a bare length ("sentenced to 30 years", "clashed for a
    week", "six hours of fighting") says how long, and a recurrence ("every Friday") how often.
    """
    return time.type in {"DATE", "TIME"} or (time.type == "DURATION" and bool(_ANCHORED_PERIOD.match(time.text)))


def _generic(trigger) -> bool:
    """A bare plural noun ("executions", "attacks") with no determiner, possessor, number, relative clause or
    word of time names a kind of event ("riots in which 15 people were killed" are particular riots)."""
    return (trigger.tag_ == "NNS" and trigger.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and not _followed(trigger)
            and not any(c.dep_ in {"det", "poss", "nummod", "predet", "relcl"} or c.lower_ in _EARLIER
                        or c.lower_ in _HOW_MANY for c in trigger.children))


def _followed(trigger: Token) -> bool:
    """Whether something came after the events a noun names, so they happened: "the protest came in the wake of
    demonstrations", "after attacks", "following riots"."""
    prep = trigger.head
    if trigger.dep_ != "pobj":
        return False
    return prep.lower_ in {"after", "following"} or (prep.lower_ == "of" and prep.head.lower_ in {"wake", "aftermath"})


# Words of how many, which count particular events: "taken to hospital with several bullet wounds".
_HOW_MANY = {"several", "multiple", "many", "numerous", "few", "some"}
# Adjectives that point at particular earlier events: "denied previous charges", "recent attacks".
_EARLIER = {"previous", "earlier", "recent", "latest", "last", "past", "prior"}


# Verb links across which two events share a scene: coordination ("stormed … and killed"), an adverbial or
# complement clause ("killed 12 after storming the village", "since recapturing Tikrit they had found …").
_SAME_PLACE_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp"})
# Only coordinated verbs share a time: "arrested on Monday after attacking …" dates the arrest alone.
_SAME_TIME_DEPS = frozenset({"conj"})


def _linked_triggers(trigger: Token, triggers: set[int], deps: frozenset[str]) -> list[int]:
    """Verb triggers one clause link away from a verb trigger, through ``deps`` (a ``pcomp`` hangs from a
    preposition: "since recapturing" is a clause of the verb the preposition modifies)."""
    if trigger.pos_ != "VERB":
        return []

    def verb_clause(token: Token) -> bool:
        return token.pos_ == "VERB" and token.i in triggers and token.i != trigger.i

    direct, through_preposition = deps - {"pcomp"}, "pcomp" in deps
    linked = []
    head = trigger.head
    if trigger.dep_ in direct and verb_clause(head):
        linked.append(head.i)
    if through_preposition and trigger.dep_ == "pcomp" and head.dep_ == "prep" and verb_clause(head.head):
        linked.append(head.head.i)
    for child in trigger.children:
        if child.dep_ in direct and verb_clause(child):
            linked.append(child.i)
        if through_preposition and child.dep_ == "prep":
            linked += [g.i for g in child.children if g.dep_ == "pcomp" and verb_clause(g)]
    return linked


# Nouns an adjective of place locates ("the Iraqi capital", "Kuwaiti waters"); on any other noun it describes
# a party ("Canadian missionaries", "Iraqi forces"), not where the event happened.
_PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "province", "region", "border", "coast", "territory",
                          "soil", "waters", "water", "airspace", "countryside", "mainland", "frontier", "side",
                          "north", "south", "east", "west", "interior", "port", "island", "islands"})


# Nouns for a person that a town before them makes that town's resident ("a 22-year-old Summerville man").
_RESIDENTS = frozenset({"man", "woman", "men", "women", "boy", "girl", "teen", "teenager", "youth", "resident",
                        "native", "father", "mother", "son", "daughter", "couple", "family", "student"})


def _describes_a_party(doc: Doc, place: Place) -> bool:
    """A place written as an adjective of a noun that is not a place ("land seized from Canadian missionaries"),
    or as the home town of a person ("killed a 22-year-old Summerville man": where he lived, not where he died)."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    if root.dep_ == "compound" and root.head.lower_ in _RESIDENTS:
        return True
    return root.dep_ == "amod" and root.head.lemma_.lower() not in _PLACE_NOUNS \
        and root.head.lower_ not in _PLACE_NOUNS


def _most_precise(places: list[Place], offset: int) -> Place | None:
    """The most precise of the places attached to one trigger, then the nearest: "in a suburb of Botswana's
    capital Gaborone" is in Gaborone, "killed in Mosul, Iraq" in Mosul."""
    if not places:
        return None
    return min(places, key=lambda p: (_PRECISION_RANK.get(p.precision or "", 9), abs(p.start - offset)))


# A page's title that scraping left at the head of the text ends with the site's name after a separator:
# "Ex-con turns self in - KLTV.com-Tyler, Longview, Texas | ETX News", "… - FOX 8 WVUE New Orleans News, Weather".
_TITLE_SEPARATOR = re.compile(r"\s[-|«–—]\s")
_SITE_WORDS = re.compile(r"\.com\b|\bNews\b|\bTV\b|\bWeather\b")
_SITE_NAME_WITHIN = 250  # characters: the title's length at most
_PROSE = re.compile(r"\b[a-z]+\s+[a-z]+\s+[a-z]+\b")  # three lower-case words: no site's name


def _in_site_name(text: str, place: Place) -> bool:
    """A place in the site's name after a title ("… - KLTV.com-Tyler, Longview, Texas | ETX News"): where the
    publisher is, not where the headline's event happened."""
    separators = list(_TITLE_SEPARATOR.finditer(text, 0, place.start))
    between = text[separators[-1].end():place.start] if separators else ""
    if not separators or len(between) > 60 or "\n" in between or _PROSE.search(between):
        return False  # the body, glued to the title ("… WeatherTwo men were arrested … in Elkins")
    after = _TITLE_SEPARATOR.search(text, place.end, _SITE_NAME_WITHIN + 80)
    segment = text[separators[-1].end():after.start() if after else min(len(text), place.end + 40)]
    return bool(_SITE_WORDS.search(segment.split("\n")[0]))


def _town_in_state(places: list[Place], state: Place) -> Place | None:
    """The one town the article names in the state given as an event's scene, which says more: "a man was shot
    and killed at a Walmart in Pennsylvania … walked into the store in Stroudsburg".  None when it names no town
    there, or several as often as each other."""
    towns = Counter(p.geonameid for p in places if p.precision == "exact" and p.type != "DATELINE"
                    and p.country_code == state.country_code and p.admin1 == state.admin1)
    ranked = towns.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return next(p for p in places if p.geonameid == ranked[0][0] and p.precision == "exact")


def _dateline_inside(dateline: Place | None, place: Place) -> bool:
    """Whether the dateline's town lies inside the state the text gives as the scene, and so says more:
    "FAYETTEVILLE, N.C. – A North Carolina woman accidentally shot her husband" happened in Fayetteville; or the
    scene is a name the gazetteer lacks, only put in the dateline town's country ("DETROIT — … shot in Sunset").
    A county's dateline says more too ("JEFFERSON COUNTY, Colo. — … shot by Martinez", a name only put in the
    country).  A country the text names is left alone: "violence in Iraq" is seldom all in the dateline's town."""
    if dateline is None or dateline.precision not in {"exact", "town", "district"} or not place.country_code \
            or place.country_code != dateline.country_code:
        return False
    if place.precision == "country":
        return (place.reason or "").startswith("not in the gazetteer")
    return place.precision == "province" and place.admin1 is not None and place.admin1 == dateline.admin1


# A TIMEX3 value that names a day of a month, its year known or not ("2016-01-27", "XXXX-01-27T20:00").
_MONTH_DAY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}")


def _names_day(time: TimeExpr) -> bool:
    return bool(time.value and _MONTH_DAY.match(time.value))


# A year or a month, the values a later mention may tell the day of ("2016", "XXXX-01").
_YEAR_OR_MONTH = re.compile(r"^(?:\d{4}|XXXX)(?:-\d{2})?$")


def _first_told(group: list[dict]) -> list[dict]:
    """The mentions of the sentence that first reports an event, and of the headline run in before it."""
    told = sorted(group, key=lambda m: m["cand"].trigger.start_char)
    first = next((m["cand"].sentence.start_char for m in told if not _in_headline(m["cand"].sentence)),
                 told[-1]["cand"].sentence.start_char)
    return [m for m in told if m["cand"].sentence.start_char <= first]


def _refines(day: TimeExpr, time: TimeExpr | None) -> bool:
    """Whether ``day`` names the day of ``time`` told less fully: no time, a clock time on an unknown day, the
    month or the year of that day.  A known year is never traded for an unknown one."""
    if not _names_day(day) or day.value is None:
        return False
    if time is None:
        return True
    if not time.value:
        return False  # "last week", "Tuesday" read against no date: which day is the time extractor's to say
    match = re.match(r"^(\d{4}|XXXX)(?:-(\d{2}|XX))?(?:-XX)?(?:T|$)", time.value)
    if match is None:
        return False  # a day already, a week, a season, "PAST_REF"
    year, month = match.group(1), match.group(2)
    return year in {"XXXX", day.value[:4]} and month in {None, "XX", day.value[5:7]}


def _free_days_near(doc: Doc, days: list[TimeExpr], triggers: set[int]) -> dict[int, list[TimeExpr]]:
    """Each day hung on no event, given to the trigger nearest it in its sentence (by words)."""
    near: dict[int, list[TimeExpr]] = {}
    for day in days:
        span = doc.char_span(day.start, day.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sentence = span.sent
        inside = [i for i in triggers if sentence.start <= i < sentence.end]
        if inside:
            nearest = min(inside, key=lambda i: min(abs(i - span.start), abs(i - (span.end - 1))))
            near.setdefault(nearest, []).append(day)
    return near


# "INDIANAPOLIS (Dec. 2, 2015) –": the date of a dateline is the report's, not the event's.
_DATELINE_DATE = re.compile(r"\)\s*[–—-]")


# Verbs of saying: a day hung on one dates the report ("police said Tuesday"), not the event.
_SAYING = {"say", "tell", "report", "announce", "state", "add", "confirm", "release", "update"}


def _dates_a_saying(doc: Doc, time: TimeExpr) -> bool:
    """Whether the first verb above a time is a verb of saying ("Police said on Thursday that …")."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    token = span.root
    for _ in range(12):
        if token.pos_ in {"VERB", "AUX"} and not span.start <= token.i < span.end:
            return token.lemma_.lower() in _SAYING
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _when(times: list[TimeExpr], offset: int) -> TimeExpr | None:
    """The time that says when of the times told of one mention: one naming the day before a clock time or a
    weekday whose day is unknown ("shortly after 7:30 p.m. Saturday evening, December 12th"), then the closest."""
    return min(times, key=lambda t: (not _names_day(t), abs(t.start - offset))) if times else None


def _nearest(items, start: int, end: int, trigger_at: int, exclude: tuple[int, int] | None = None):
    inside = [x for x in items if start <= x.start and x.end <= end
              and not (exclude and exclude[0] <= x.start < exclude[1])]
    return min(inside, key=lambda x: abs(x.start - trigger_at)) if inside else None


def _events(doc: Doc, index: EntityIndex, candidates: list[EventCandidate], times: list[TimeExpr],
            places: list[Place], counts: list[Count], quotes: list[Quote], anchor: str | None) -> list[Event]:
    mentions: list[dict] = []
    trigger_tokens = {cand.trigger[0].i for cand in candidates}
    trigger_words = {t.i: cand.trigger[0].i for cand in candidates for t in cand.trigger} | {
        i: i for i in trigger_tokens}  # a word that starts a trigger keys its own
    times_of = _attach_to_triggers(doc, [t for t in times if not _describes_a_thing(doc, t, trigger_words)],
                                   trigger_words)
    # "BAGHDAD (Reuters) -": where the report was filed, used when the text says nothing better.
    dateline = _most_precise([p for p in places if p.type == "DATELINE" and p.lat is not None], 0)
    text = doc_text(doc)
    head_end = min([p.start for p in places if p.type == "DATELINE"] + [_SITE_NAME_WITHIN])
    places_of = _attach_to_triggers(doc, [p for p in places if p.type != "DATELINE"
                                          and not (p.start < head_end and _in_site_name(text, p))],
                                    trigger_words, places=True)
    pronouns = PronounResolver(doc)
    # Days told in a sentence but hung on no event ("Milwaukee police on Tuesday night, December 29th were called
    # out to the scene of a double shooting"): the day of the nearest event of that sentence, if it tells none.
    attached = {t.id for told in times_of.values() for t in told}
    days_near = _free_days_near(doc, [t for t in times if t.id not in attached and _names_day(t)
                                      and not _dates_a_saying(doc, t) and not _DATELINE_DATE.match(text, t.end)
                                      ], trigger_tokens)
    for cand in candidates:
        trigger = cand.trigger[0]
        time = _when([t for t in times_of.get(trigger.i, []) if _says_when(t)], trigger.idx)
        own = int(time is not None)  # fields of its own, not shared with a linked verb
        if time is None:  # "On Sunday gunmen stormed the village and killed 12": one time for both verbs
            time = _when([t for j in _linked_triggers(trigger, trigger_tokens, _SAME_TIME_DEPS)
                          for t in times_of.get(j, []) if _says_when(t)], trigger.idx)
        if time is None:  # "killed 1,269 soldiers in routing a force … on Sunday": the means tell the time
            time = _when([t for t in _means_times(doc, trigger, times) if _says_when(t)], trigger.idx)
        # A place inside the agent's words, or the target's words of an act between parties, names a party,
        # not where it happened ("Zeid called on Iraq"); a town stormed or shelled is where it happened.
        parties = [(s.start_char, s.end_char) for s in (cand.agent, None if cand.type in _PHYSICAL else cand.target)
                   if s is not None]

        def scene(candidates: list[Place]) -> Place | None:
            return _most_precise([p for p in candidates if not any(a <= p.start < b for a, b in parties)
                                  and not _describes_a_party(doc, p)], trigger.idx)

        place = scene(places_of.get(trigger.i, []))
        if place is None:  # "since recapturing Tikrit they had found 14 mass graves": found there
            place = scene([p for j in _linked_triggers(trigger, trigger_tokens, _SAME_PLACE_DEPS)
                           for p in places_of.get(j, [])])
        else:
            own += 1
        place = place if place is not None and not _dateline_inside(dateline, place) else dateline
        if place is not None and place.precision == "province" and place.type != "DATELINE":
            place = _town_in_state(places, place) or place
        # Whom the event reached: its target; for a protest the protesters, whichever side of the verb they are
        # ("About 10,000 workers have gone on strike", "2,000 students clashed with 300 police"), never the police.
        reached = [cand.target] if cand.type not in _PROTEST_TYPES else [
            span for span in (cand.agent, cand.target) if span is not None
            and span.root.lemma_.lower() not in _FORCES]
        people = counts if cand.type not in _PROTEST_TYPES else [c for c in counts if not _counts_bodies(c)]
        count = next((c for span in reached if span is not None and (
            c := _nearest(people, span.start_char, span.end_char, span.start_char)) is not None), None)
        if count is None and trigger.lemma_.lower() not in _HARM_NOUNS and cand.mode in _PER_PERSON_MODES:
            # "45 death sentences were carried out": the number counts the events themselves, each done to one
            # person (but "six gunshot wounds" are not six people hurt, nor "2 shootings, one deadly" two dead)
            count = next((c for c in counts if c.what_start is not None and c.what_end is not None
                          and c.what_start <= trigger.idx < c.what_end), None)
        if count is None:
            count = _toll_figure(trigger, counts)
        agent = _span_entity(doc, index, cand.agent)
        if cand.agent is not None and len(cand.agent) == 1 and cand.agent[0].lower_ in _AGENT_PRONOUNS:
            # "Iraqi security forces said … they had found 14 mass graves": the forces found them
            referent = pronouns.referent(cand.agent[0])
            if referent is not None:
                agent = _span_entity(doc, index, referent)
        target = _span_entity(doc, index, cand.target, head_only=True)
        time_range = _time_range(doc_text(doc), times_of.get(trigger.i, []))
        claimant = _span_entity(doc, index, cand.claimant)
        modality = cand.modality
        if _generic(trigger) and cand.agent is None and cand.target is None and time is None and place is None:
            modality = "hypothetical"  # "Fast-tracking executions will only accelerate injustice": no particular event
        if modality == "occurred" and time is not None and _after_publication(time.value, anchor):
            modality = "planned"  # "her visit to Moscow next week" has not happened yet
        claimed_by_text = cand.claimant.text if cand.claimant is not None else None
        quote = next((q for q in quotes if q.kind in {"direct", "continuation"} and q.start <= trigger.idx < q.end),
                     None)
        if quote is not None:  # an event told inside a direct quote is the speaker's claim
            claimant_id = quote.speaker
            claimed_by_text = quote.speaker_text
            modality = "claimed" if modality == "occurred" else modality
        else:
            claimant_id = claimant[0] if claimant else None
            reported = next((q for q in quotes if q.kind in {"indirect", "mixed"} and q.start <= trigger.idx < q.end
                             and q.speaker_text), None)
            if reported is not None and not claimed_by_text:
                # "X said that …": the event is narrated as fact, but X is who says so.
                claimant_id = reported.speaker
                claimed_by_text = (doc_text(doc)[reported.speaker_start:reported.speaker_end]
                                   if reported.speaker_start is not None else reported.speaker_text)
        if count is not None and count.claimed_by and not claimant_id and not claimed_by_text:
            claimant_id, claimed_by_text = count.claimed_by, count.claimed_by_text
        mentions.append({
            "cand": cand, "time": time, "place": place, "count": count, "agent": agent, "target": target,
            "things": cand.type not in _PROTEST_TYPES and count is not None and _counts_things(doc, count),
            "modality": modality, "claimed_by": claimant_id, "claimed_by_text": claimed_by_text,
            "quoted": quote is not None, "range": time_range, "own": own,
            "universal": _in_universal_time(times_of.get(trigger.i, [])),
            "listed": _people_listed(cand.target, counts),
            "days_near": days_near.get(trigger.i, []),
        })
    # "killed or wounded 1,500 soldiers": one figure for the dead and the hurt together, told as a killing.
    mentions = [m for m in mentions if not (_toll(m["cand"].mode) == "hurt" and any(
        _toll(o["cand"].mode) == "dead" and _either_or(o, m) for o in mentions))]
    groups = _merge_mentions(mentions)
    events = [_event_from_group(f"V{number}", group, anchor) for number, group in enumerate(groups, 1)]
    # A tally over a period beside an incident of its kind that the article reports is the incident's context:
    # "A boy was shot dead on Tuesday. 555 children have been killed since 2008."
    tallies = [all(m["cand"].period for m in group) for group in groups]
    incidents = {(e.type, _mode_family(e.mode)) for e, tally in zip(events, tallies)
                 if not tally and e.modality == "occurred"}
    events = [replace(e, background=True) if tally and (e.type, _mode_family(e.mode)) in incidents else e
              for e, tally in zip(events, tallies)]
    # Somebody shot (hit, not shot at) in an article that tells of no death was wounded: "a man was shot in the leg".
    if not any(e.type == "ASSAULT" and e.mode in {"killing", "mass-killing"} and e.modality in {"occurred", "claimed"}
               and not e.background for e in events):
        events = [_as_wounding(e, group) if e.mode == "firearms" and e.modality in {"occurred", "claimed"}
                  and any(_hits_somebody(m["cand"]) for m in group) else e for e, group in zip(events, groups)]
    return events


_TOLL_NOUNS = {"toll", "tally"}


def _toll_figure(trigger: Token, counts: list[Count]) -> Count | None:
    """The figure of a toll told of the event ("the death toll from the bombing rose to 70"): its dead, the
    nearest figure after the toll in the clause the toll is the subject of."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in {"from", "of", "in"} or prep.head.lemma_.lower() not in _TOLL_NOUNS:
        return None
    toll = prep.head
    if toll.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = toll.head
    start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    after = toll.right_edge.idx + len(toll.right_edge)
    return next((c for c in sorted(counts, key=lambda c: c.start) if after <= c.start and c.end <= end
                 and c.start >= start and c.what is None), None)


def _hits_somebody(cand: EventCandidate) -> bool:
    """A mention that somebody was shot ("a man was shot", "shot the victim"), not only shot at."""
    trigger = cand.trigger[0]
    if trigger.lemma_.lower() != "shoot" or trigger.pos_ != "VERB" or cand.target is None:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "at" for c in trigger.children):
        return False
    root = cand.target.root
    return root.pos_ == "PRON" or _a_person(root)


def _as_wounding(event: Event, group: list[dict]) -> Event:
    """The shooting as the wounding it was (mode "injury", codes to match); everybody it hit was wounded, so
    the people told one by one ("a 22-year-old man and a 16-year-old boy were shot") are its wounded."""
    codes = event_codes(event.type, "injury", event.agent_text, event.target_text)
    wounded = _wounded_told(group, wounding=True)
    if wounded > (event.injured_best or 0):
        event = replace(event, injured=None, injured_best=float(wounded))
    if wounded > max(event.count_best or 0, 1):  # one person told without a figure keeps the count null
        event = replace(event, count=None, count_best=float(wounded))
    return replace(event, mode="injury", cameo=codes.cameo, acled_event_type=codes.acled_type,
                   acled_sub_type=codes.acled_sub_type)


# People a crime report names besides ``PERSON_NOUNS`` ("a teenage man and the teen's unarmed neighbor").
_VICTIM_NOUNS = {"teen", "neighbor", "neighbour", "friend", "bystander", "homeowner", "owner", "driver", "clerk",
                 "customer", "relative", "cousin", "uncle", "aunt", "nephew", "niece", "grandmother", "grandfather",
                 "girlfriend", "boyfriend", "deputy", "toddler", "stepson", "stepdaughter", "roommate", "waitress",
                 "bartender", "cashier", "pedestrian", "motorist"}


def _a_person(token: Token) -> bool:
    """A word for a person: a person noun, a PERSON name, or a name with an age ("Stephens, 32", whatever
    entity type the tagger gave it)."""
    if token.ent_type_ == "PERSON" or {token.lemma_.lower(), token.lower_} & (PERSON_NOUNS | _VICTIM_NOUNS):
        return True
    return token.pos_ == "PROPN" and any(c.dep_ == "appos" and c.like_num for c in token.children)


def _people_listed(target: Span | None, counts: list[Count]) -> int | None:
    """How many people a target names one by one, when it names more than one: "John Smith, 24, and Jane Doe,
    30" is 2, "his five children as well as his wife" 6, "both victims" 2; None for one person or a lone
    figure (which the count already tells), or when a part is plural without a figure ("soldiers and
    civilians": how many is not told)."""
    if target is None:
        return None
    root = target.root
    if root.lower_ == "both":  # "Both were taken to the hospital", "both of them"; not "both of her legs"
        of = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"), None)
        return 2 if of is None or of.lower_ in {"them", "us"} or _a_person(of) else None
    if _a_person(root) and any(c.lower_ == "both" and c.dep_ in {"det", "predet"} for c in root.children):
        return 2  # "both victims"
    parts = [root, *root.conjuncts]
    if len(parts) < 2 or not _a_person(root):
        return None
    total = 0
    for part in parts:
        figure = next((c.best for c in counts if c.best is not None and c.what_start is not None
                       and c.what_end is not None and c.what_start <= part.idx < c.what_end), None)
        if figure is None and part.tag_ in {"NNS", "NNPS"}:
            return None
        total += int(figure) if figure is not None else int(_a_person(part))
    return total if total >= 2 else None


_ORDINAL_VICTIM = {"second": 2, "third": 3, "fourth": 4}


def _wounded_told(group: list[dict], *, wounding: bool = False) -> int:
    """How many wounded an event's mentions tell of without one figure for them all: people listed one by one
    ("Both were taken to the hospital"), or a first victim and another ("an 18-year-old man was shot …
    Another man was shot", "a second victim").  In a ``wounding`` (nobody died) a mention that somebody was
    shot tells of a wounded person too, and one person hurt ("A bystander was shot and wounded") is 1.
    0 when they tell of nobody, or only of one beside the dead (``_one_wounded`` guards that)."""
    hurt = [m for m in group if m["cand"].target is not None and (
        _mention_toll(m) == "hurt" or (wounding and _hits_somebody(m["cand"])))]
    # beside the dead, "Both were taken to the hospital" may count one who died
    listed = max((m["listed"] for m in hurt if m.get("listed") and (wounding or "both" not in {
        t.lower_ for t in m["cand"].target})), default=0)
    others = [m for m in hurt if {t.lower_ for t in m["cand"].target} & _ANOTHER]
    first = min((m["cand"].trigger.start for m in hurt if m not in others), default=None)
    if others and first is not None and first < others[0]["cand"].trigger.start:
        # "another man" after a first one ("the teen wounded in the thigh", told after "another teen", is him)
        listed = max([listed, 2] + [_ORDINAL_VICTIM.get(t.lower_, 2) for m in others for t in m["cand"].target])
    if not listed and wounding and any(_one_person(m["cand"].target) for m in hurt):
        return 1
    return listed


def _one_person(target: Span) -> bool:
    """A target that is one person, without a figure: "a bystander", "Assault suspect", "Arthur Papiyan"."""
    root = target.root
    if root.conjuncts or {t.lower_ for t in target} & {"no", "neither", "nobody", "none", "both"}:
        return False
    return root.ent_type_ == "PERSON" or (root.tag_ in {"NN", "NNP"} and _a_person(root))


def _span_entity(doc: Doc, index: EntityIndex, span: Span | None, *,
                 head_only: bool = False) -> tuple[str | None, str] | None:
    """(entity id or None, words) for an argument span.

    With ``head_only`` (targets), a name that only modifies the head noun is
    the target's affiliation, not the target: "36 ISIS fanatics" are people,
    not the organisation (``PERSON_NOUNS``), and "Iraqi soldiers" or "the
    Kurdish town" are not the nationality; "the Tikrit base", "the PKK
    targets" and "the city of Tikrit" keep their entity.
    """
    if span is None:
        return None
    entity = resolve_span(index, span.start_char, span.end_char, span.root.text,
                          definite=span[0].lower_ in _DEFINITE)
    if entity is not None and (head_only or entity.type == "NORP") and _modifier_only(span, entity):
        entity = None  # "Shiite soldiers surrendered": the soldiers act, not the religion or nationality
    return (entity.id if entity else None, span.text)


def _modifier_only(span: Span, entity: Entity) -> bool:
    """Whether the entity only modifies a head noun naming people, or is a nationality adjective on any noun."""
    root = span.root
    if root.pos_ != "NOUN" or not (entity.type == "NORP" or root.lemma_.lower() in PERSON_NOUNS
                                   or root.lower_ in PERSON_NOUNS):
        return False
    inside = [m for m in entity.mentions if span.start_char <= m.start and m.end <= span.end_char]
    return bool(inside) and all(m.end <= root.idx for m in inside)


# "the largest toll since 2016", "for the first time since 2012": a comparison, not the event's period.
_COMPARED_SINCE = re.compile(r"\b(?:the|its|their|his|her)\s+(?:first|largest|biggest|highest|lowest|worst|deadliest|"
                             r"bloodiest|heaviest|most|fewest|least|best)\b[^.;:,]{0,50}\b(?:ever\s+)?since\s+$", re.I)


def _time_range(text: str, times: list[TimeExpr]) -> tuple[str | None, str | None] | None:
    """(start, end) of the period an event's clause gives ("since X", "as of Y", "from X to Y"), or None.

    The start comes from "since"/"from"/"between"; the end from an explicit
    "as of"/"until"/"to" expression before the open end ("since X" runs to
    the anchor) that the time expressions carry.
    """
    ranged = [t for t in times if (t.range_start or t.range_end)
              and not _COMPARED_SINCE.search(text[max(0, t.start - 80):t.start])]
    if not ranged:
        return None
    start = next((t.range_start for t in ranged if t.range_start), None)
    end = next((t.range_end for t in ranged if t.range_end and not t.range_start), None) or next(
        (t.range_end for t in ranged if t.range_end), None)
    return (start, end)


# Event types that happen at their target ("stormed Tikrit", "shelled the town"): its place may be the target.
_PHYSICAL = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "INVESTIGATE", "AID"}

# Personal pronouns an agent is resolved through (the words they refer back to become the agent's words).
_AGENT_PRONOUNS = {"he", "she", "they"}


def _in_headline(sentence: Span) -> bool:
    """Whether a sentence is the headline run into the text: it opens the text and ends without a full stop."""
    return sentence.start_char == 0 and not re.search(r"[.!?\"”’')]\s*$", sentence.text)


# An event dated in the last days of the year before the story ("Tuesday" in a 2 January story) is news.
_NEWS_DAYS = 31


def _just_before(value: str, anchor: str | None) -> bool:
    """Whether a time ends within ``_NEWS_DAYS`` before a full publication date (so the year turned, not the story)."""
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", value)
    anchor_match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", anchor or "")
    if not match or not anchor_match:
        return False
    year, month, day = int(match.group(1)), int(match.group(2) or 12), match.group(3)
    last_day = int(day) if day else calendar.monthrange(year, month)[1]
    try:
        end, published = date(year, month, last_day), date(*map(int, anchor_match.groups()))
    except ValueError:
        return False
    return 0 <= (published - end).days <= _NEWS_DAYS


def _year(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}", value):
        return value[:4]
    return None


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Places told with this precision name a point; two of them farther apart than _SAME_PLACE_KM are two scenes.
_POINT_PRECISIONS = {"exact", "town", "district"}
_SAME_PLACE_KM = 100.0


def _after_publication(value: str | None, anchor: str | None) -> bool:
    """Whether a time lies wholly after a full publication date ("next week" in a story of today)."""
    interval, published = time_interval(value), time_interval(anchor)
    return interval is not None and published is not None and published[0] == published[1] \
        and interval[0] > published[1]


# A clock time in universal time ("at 2300 GMT", "(0300 UTC)"): its day may be the day before or after the local one.
_UNIVERSAL_TIME = re.compile(r"\b(?:GMT|UTC)\b", re.I)


def _in_universal_time(times: list[TimeExpr]) -> bool:
    """Whether the times told of a mention include a clock time in GMT or UTC."""
    return any(t.type == "TIME" and _UNIVERSAL_TIME.search(t.text) for t in times)


def _different_days(a: TimeExpr | None, b: TimeExpr | None, slack: int = 0) -> bool:
    """Whether two dates name two different days, more than ``slack`` days apart.  Clock times are left out: the
    day of "at 10.30 p.m." is inferred from the sentences around it, and may be the day of the report rather than
    of the event."""
    if a is None or b is None or a.type != "DATE" or b.type != "DATE" or not a.value or not b.value:
        return False
    if not (_DAY.match(a.value) and _DAY.match(b.value)) or a.value[:10] == b.value[:10]:
        return False
    try:
        apart = abs((date.fromisoformat(a.value[:10]) - date.fromisoformat(b.value[:10])).days)
    except ValueError:
        return True
    return apart > slack


def _far_apart(a: Place | None, b: Place | None) -> bool:
    """Whether two event places are different scenes: in two countries, in two provinces of one, or two towns
    farther apart than ``_SAME_PLACE_KM``.

    A place may contain the other (a town in a province named elsewhere), and the dateline is only where the
    report was filed, so neither splits an event.
    """
    if a is None or b is None or a.type == "DATELINE" or b.type == "DATELINE":
        return False
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return True
    if a.precision in _POINT_PRECISIONS | {"province"} and b.precision in _POINT_PRECISIONS | {"province"} \
            and a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return True
    if a.precision not in _POINT_PRECISIONS or b.precision not in _POINT_PRECISIONS:
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > _SAME_PLACE_KM


def _counts_things(doc: Doc, count: Count) -> bool:
    """Whether a figure counts things, not people ("two oil tankers", "four towns"): the people an attack
    reached are its figure, whatever it hit."""
    if count.what_start is None or count.what_end is None:
        return False
    span = doc.char_span(count.what_start, count.what_end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.pos_ == "NOUN" and not root.ent_type_ and root.lemma_.lower() not in PERSON_NOUNS \
        and root.lower_ not in PERSON_NOUNS


def _counts_noun(count: Count, lemma: str | None) -> bool:
    """Whether a figure counts the noun of this lemma ("18 soldiers" counts "soldier")."""
    if lemma is None or not count.what:
        return False
    word = count.what.lower().split()[-1]
    return word == lemma or word.rstrip("s") == lemma.rstrip("s")


def _exact(count: Count | None) -> bool:
    return count is not None and count.best is not None and count.min == count.best == count.max


def _different_tolls(a: dict, b: dict) -> bool:
    """Whether two mentions give two exact, different tolls of the same people, on the same word.

    Two sources may disagree about one event ("the army said 18, the rebels 21"), so differing figures with
    two different claimants stay one event; the same source or the narrator giving two figures tells two.
    """
    ca, cb = a["count"], b["count"]
    if not (_exact(ca) and _exact(cb)) or ca.best == cb.best or _toll(a["cand"].mode) != _toll(b["cand"].mode):
        return False
    if not ca.what or not cb.what or ca.what.lower().split()[-1] != cb.what.lower().split()[-1]:
        return False
    claimants = (a["claimed_by_text"] or ca.claimed_by_text, b["claimed_by_text"] or cb.claimed_by_text)
    return not (claimants[0] and claimants[1] and claimants[0].lower() != claimants[1].lower())


# Nouns and verbs of answering an act: what they answer is an earlier, other incident ("raided a platform in
# response to a missile attack", "in retaliation for the bombing").
_REPLY_WORDS = {"response", "retaliation", "reprisal", "revenge", "reaction", "answer", "reply", "retaliate",
                "respond", "avenge"}


def _answered(trigger: Token) -> bool:
    """Whether a trigger names the act another act answers: "a response to an attack", "retaliated for a raid"."""
    token = trigger.head if trigger.dep_ == "compound" else trigger
    if token.dep_ != "pobj" or token.head.lower_ not in {"to", "for", "against", "of"}:
        return token.dep_ == "dobj" and token.head.lemma_.lower() in {"avenge", "answer"}
    return token.head.head.lemma_.lower() in _REPLY_WORDS


def _reflexive(cand: EventCandidate) -> bool:
    return cand.target is not None and cand.target.root.lower_ in {"himself", "herself", "themselves", "itself"}


def _bare_pronoun(agent: tuple[str | None, str]) -> bool:
    """An agent that is a personal pronoun no name was found for ("He also killed the bartender")."""
    return agent[0] is None and agent[1].lower() in _AGENT_PRONOUNS


def _compatible(a: dict, b: dict) -> bool:
    ca, cb = a["cand"], b["cand"]
    if ca.type != cb.type:
        return False
    if ca.sentence.start == cb.sentence.start and _answered(ca.trigger.root) != _answered(cb.trigger.root):
        return False  # "raided a platform in response to a missile attack": the attack came first
    if _reflexive(ca) != _reflexive(cb):
        return False  # "shot three women and then killed himself": the suicide is another act, with its own toll
    same_family = bool(_MODE_FAMILY.get(ca.mode)) and _MODE_FAMILY.get(ca.mode) == _MODE_FAMILY.get(cb.mode)
    if ca.mode != cb.mode and not same_family and not _one_act(ca, cb):
        return False
    fa, fb = _MODALITY_FAMILY.get(a["modality"], a["modality"]), _MODALITY_FAMILY.get(b["modality"], b["modality"])
    if fa != fb and not (_MODALITY_FAMILY.get(a["modality"]) and _MODALITY_FAMILY.get(b["modality"])
                         and (_referring(a) or _referring(b))):
        return False
    if a["quoted"] != b["quoted"] and not (a["count"] and b["count"] and a["count"].best == b["count"].best):
        return False  # what a speaker says in a quote is kept apart from what the report narrates
    ya = _year(a["time"].value) if a["time"] else None
    yb = _year(b["time"].value) if b["time"] else None
    if ya and yb and ya != yb:
        return False
    if _different_days(a["time"], b["time"], slack=1 if a["universal"] or b["universal"] else 0):
        # two different days ("killed 18 ... On Tuesday, 19 soldiers were killed"); a day told with a clock
        # time in GMT ("on Sunday at 2300 GMT") may be the local day before or after
        return False
    if _far_apart(a["place"], b["place"]):
        return False  # two different towns or sites
    if _different_tolls(a, b):
        return False  # "killed 18 soldiers … On Tuesday, 19 soldiers were killed"
    if a["range"] and b["range"] and a["range"] != b["range"]:
        return False  # two different periods
    if ca.period != cb.period:
        return False  # a tally over a period ("555 killed since 2008") is not the incident the article reports
    if a["agent"] and b["agent"] and not _same_agent(a["agent"], b["agent"]) and not _claimed_by_agent(a, b) \
            and not (_bare_pronoun(a["agent"]) or _bare_pronoun(b["agent"])):
        return False  # two different named agents, or two different unnamed ones; "he" names nobody new
    return True


_RESPONSIBILITY_VERBS = {"claim", "accept", "take", "admit", "assume", "bear"}


def _claims_responsibility(cand: EventCandidate) -> bool:
    """Whether a mention is the act a group claims ("The Taliban claimed responsibility for the attack")."""
    token = cand.trigger.root
    if token.dep_ != "pobj" or token.head.lower_ != "for":
        return False
    noun = token.head.head
    return noun.lemma_.lower() in {"responsibility", "credit"} and noun.head.lemma_.lower() in _RESPONSIBILITY_VERBS


def _claimed_by_agent(a: dict, b: dict) -> bool:
    """Whether one mention is a named group's claim of an attack the other tells without naming who did it:
    "A suicide bomber killed 30 … The Taliban claimed responsibility for the attack" is one attack, by the
    group that claims it (two named agents stay apart)."""
    for claim, other in ((a, b), (b, a)):
        if _claims_responsibility(claim["cand"]) and claim["agent"][0] and not other["agent"][0]:
            return True
    return False


def _one_act(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether two mentions are active verbs coordinated in one clause with the same agent and target: one act
    told by two verbs ("guerrillas attacked and destroyed a bridge", "attacked, looted and burned a station").

    In the chain of coordinated verbs only the first has a subject and only the last an object, so every verb
    shares them.  A passive chain ("was captured, tried and sentenced") tells successive acts done to one
    person, and a death and a wounding stay apart ("killed and wounded dozens"): they count different people.
    """
    ta, tb = a.trigger[0], b.trigger[0]
    if ta.pos_ != "VERB" or tb.pos_ != "VERB" or {_toll(a.mode), _toll(b.mode)} == {"dead", "hurt"}:
        return False
    chain = _conjuncts(ta)
    if tb not in chain:
        return False
    subjects = [t for t in chain if any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in t.children)]
    objects = [t for t in chain if any(c.dep_ == "dobj" for c in t.children)]
    return subjects == [chain[0]] and objects == [chain[-1]] and any(c.dep_ == "nsubj" for c in chain[0].children)


def _either_or(a: dict, b: dict) -> bool:
    """Whether two verbs joined by "or" tell what happened to one counted group: "killed or wounded 1,500
    soldiers", "2,000 troops had been killed, wounded or captured" (one figure; "killed and wounded dozens"
    may count two groups)."""
    ta, tb = a["cand"].trigger[0], b["cand"].trigger[0]
    if a["count"] is None or b["count"] is None or a["count"].id != b["count"].id:
        return False
    chain = _conjuncts(ta)
    return tb in chain and any(c.dep_ == "cc" and c.lower_ == "or" for t in chain for c in t.children)


def _conjuncts(token: Token) -> list[Token]:
    """The verbs coordinated with a token, itself included, in text order."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    chain, todo = [], [token]
    while todo:
        t = todo.pop()
        chain.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB")
    return sorted(chain, key=lambda t: t.i)


_AGENT_NOISE = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "'s", "’s"}


def _agent_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", text.lower()) if w not in _AGENT_NOISE]


def _same_agent(a: tuple[str | None, str], b: tuple[str | None, str]) -> bool:
    """Two agents are one when they are the same entity or, when either is unnamed, one's words contain the other's.

    "human rights" (a truncated "Human rights groups") is the same agent;
    "Iraqi soldiers" and "Shiite soldiers" are not.
    """
    if a[0] and b[0]:
        return a[0] == b[0]
    short, long = sorted((_agent_words(a[1]), _agent_words(b[1])), key=len)
    if not short:
        return a[1].lower() == b[1].lower()
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


_DEFINITE_DETS = {"the", "this", "that", "these", "those"}
_ASSERTING_VERBS = {"carry", "conduct", "stage", "hold", "launch", "mount", "take", "occur", "happen", "begin",
                    "start", "continue", "resume", "make", "commit"}


def _referring(mention: dict) -> bool:
    """A definite noun that only refers to an event told elsewhere ("concern over the implementation of the death
    sentence"): its "occurred" is a default, not a statement, so it may join a planned or approved event."""
    trigger = mention["cand"].trigger[-1]
    if mention["modality"] != "occurred" or trigger.pos_ != "NOUN" or trigger.dep_ not in {"pobj", "dobj"}:
        return False
    if trigger.head.lemma_.lower() in _ASSERTING_VERBS:
        return False  # "executions were carried out", "staged a protest": the sentence says it happened
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE_DETS) for c in trigger.children)


def _merge_mentions(mentions: list[dict]) -> list[list[dict]]:
    """Greedy in-article coreference: a mention joins a compatible event told in its own sentence, else the first
    compatible event ("land mines blew up a truck" belongs with the killing of its own sentence)."""
    groups: list[list[dict]] = []
    for mention in mentions:
        fitting = [g for g in groups if all(_compatible(mention, other) for other in g)]
        sentence = mention["cand"].trigger.sent.start
        same_sentence = [g for g in fitting if any(m["cand"].trigger.sent.start == sentence for m in g)]
        if same_sentence or fitting:
            (same_sentence or fitting)[0].append(mention)
        else:
            groups.append([mention])
    return groups


# Words whose figure counts the dead or the wounded whatever weapon names the mode ("a suicide bomber killed three
# and injured 20": both verbs are of mode suicide-bomb, but one counts the dead and the other the wounded).
_DEAD_WORDS = {"kill", "die", "dead", "death", "murder", "slay", "massacre", "slaughter"}
_HURT_WORDS = {"injure", "injury", "wound", "hurt", "maim"}


def _mention_toll(mention: dict) -> str:
    """What a mention's figure counts: by its trigger word when that word says (killed, wounded), else by its mode."""
    lemma = mention["cand"].trigger.root.lemma_.lower()
    return "dead" if lemma in _DEAD_WORDS else "hurt" if lemma in _HURT_WORDS else _toll(mention["cand"].mode)


_ANOTHER = {"other", "another", "second", "third", "fourth"}


def _one_wounded(mention: dict, group: list[dict]) -> bool:
    """Whether a mention tells of one person wounded ("a second man was injured", "Smith is in critical
    condition") who is none of the event's dead (a victim who "died of his wounds" is counted once)."""
    target = mention["cand"].target
    if _mention_toll(mention) != "hurt" or mention["count"] is not None or target is None:
        return False
    root = target.root
    words = {t.lower_ for t in target}
    if words & {"no", "neither", "nobody", "none"}:
        return False
    if words & _ANOTHER:
        return True  # "a second was injured", "the other man": not the one who died
    if root.tag_ not in {"NN", "NNP"} and root.lower_ not in {"he", "she", "him", "her"}:
        return False
    dead = [m["cand"].target for m in group if _mention_toll(m) == "dead"]
    if not dead:
        return True
    # with a death told, "the victim", "the child" or "he" may be the one who died of the wounds ("The child was
    # airlifted with life-threatening injuries. She died later"); "a woman" is somebody new
    if root.tag_ == "NN" and any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE_DETS)
                                 for c in root.children):
        return False
    return root.lemma_.lower() not in {t.root.lemma_.lower() for t in dead if t is not None} | {
        "victim", "he", "she", "him", "her"}


def _dead_told(group: list[dict]) -> int:
    """How many dead an event's mentions tell of one by one, when more than one: the first victim, and each
    other person the killer "also" killed ("fatally shot a man … The officer also shot and killed a neighbor"
    is 2); 0 otherwise.  A pronoun ("he was also killed") or the same word again is nobody new, and a passive
    "Also on Sunday, a man was shot and killed" tells no killer (round-ups tell other incidents so); the first
    death counts even when the parse gives it no victim.  A plural victim ("also killed their children") tells
    no number, so then 0."""
    dead = sorted((m for m in group if _mention_toll(m) == "dead"), key=lambda m: m["cand"].trigger.start)
    if not dead:
        return 0
    first = dead[0]["cand"].target
    if first is not None and first.root.tag_ in {"NNS", "NNPS"}:
        return 0  # "killed their children": how many is not told one by one
    victims = [first.root.lower_ if first is not None else None]
    for mention in dead[1:]:
        target, trigger = mention["cand"].target, mention["cand"].trigger.root
        if target is None or target.root.pos_ == "PRON" or target.root.lower_ in victims \
                or not (_a_person(target.root) or target.root.pos_ == "PROPN"):
            continue
        verbs = [trigger, trigger.head] if trigger.dep_ == "conj" else [trigger]  # "also shot and killed X"
        if mention["cand"].agent is not None and any(c.dep_ == "advmod" and c.lower_ == "also"
                                                     for verb in verbs for c in verb.children):
            if target.root.tag_ in {"NNS", "NNPS"}:
                return 0  # "also shot and killed their children": more than one, but not told how many
            victims.append(target.root.lower_)
    return len(victims) if len(victims) > 1 else 0


def _toll(mode: str) -> str:
    """What a figure on a mention of this mode counts: the dead, or else the people the event reached."""
    return "dead" if mode in {"killing", "mass-killing"} else "hurt" if mode == "injury" else "reached"


def _group_mode(modes: list[str]) -> str:
    """The mode of an event told by mentions of these modes.

    The most frequent mode wins ("massacre" told four times beats one
    "murder"), the more specific one on a tie; a weapon named once ("car
    bomb") describes the whole event; and a death named once makes a
    shooting or stabbing a killing ("shot and killed", "opened fire …
    killing two"): the dead are what the ledger counts, and the ACLED
    sub-type of those modes is a killing's too.  A bare "attack" yields to
    what a coordinated verb says it did ("attacked and destroyed a bridge").
    """
    specific = [m for m in _MODE_SPECIFICITY if m in modes]
    mode = max(dict.fromkeys(modes), key=lambda x: (modes.count(x), -_MODE_SPECIFICITY.index(x)
                                                      if x in _MODE_SPECIFICITY else -99))
    if specific and _MODE_SPECIFICITY.index(specific[0]) < _MODE_SPECIFICITY.index("mass-killing"):
        return specific[0]
    if mode in _KILLED_BY | {"injury"} and {"killing", "mass-killing"} & set(modes):
        return "mass-killing" if "mass-killing" in modes else "killing"
    done = [m for m in modes if m not in _MODE_FAMILY]
    if mode == "attack" and done:
        return done[0]  # "attacked and destroyed a bridge": the generic attack yields to what it did
    return mode


_PRECISION_RANK = {"exact": 0, "town": 1, "district": 2, "province": 3, "country": 4, "region": 5}
_MODALITY_RANK = {"approved": 0, "claimed": 1, "occurred": 2, "planned": 3}


def _event_from_group(event_id: str, group: list[dict], anchor: str | None) -> Event:
    """The event a group of mentions tells, each argument taken from the mention that tells it best."""
    cand: EventCandidate = _telling_mention(group)["cand"]
    mode = _group_mode([m["cand"].mode for m in group])
    count = _event_count(group, mode)
    count_best = count.best if count is not None else None
    injured, injured_best, wounded = _event_injured(group, mode)
    listed = _listed_victims(group, mode, wounded)
    if _toll(mode) in {"dead", "hurt"} and listed > (count_best or 0):
        count, count_best = None, float(listed)
    time = _event_time(group)
    time_range = _first_value(group, "range") or (None, None)
    place = _event_place(group)
    agent = next((m["agent"] for m in sorted(group, key=lambda m: m["agent"] is None or m["agent"][0] is None)
                  if m["agent"]), None)
    target = _event_target(group, mode)
    modality = _event_modality(group)
    claimed = _event_claimed(group, modality, count)
    background = _is_background(group, time, time_range, anchor)
    trigger = cand.trigger
    codes = event_codes(cand.type, mode, agent[1] if agent else None, target[1] if target else None)
    return Event(
        id=event_id, type=cand.type, mode=mode, trigger=trigger.text, trigger_start=trigger.start_char,
        trigger_end=trigger.end_char, modality=modality, background=background,
        agent=agent[0] if agent else None, agent_text=agent[1] if agent else None,
        target=target[0] if target else None, target_text=target[1] if target else None,
        place=place.id if place else None, place_text=place.name if place else None,
        place_precision=place.precision if place else None,
        time=time.id if time else None, time_value=time.value if time else None,
        time_range_start=time_range[0], time_range_end=time_range[1],
        instrument_text=next((m["cand"].instrument.text for m in group if m["cand"].instrument is not None), None),
        count=count.id if count else None, count_best=count_best,
        injured=injured.id if injured else None, injured_best=injured_best,
        claimed_by=claimed[0], claimed_by_text=claimed[1], evidence=_evidence_spans(group),
        cameo=codes.cameo, acled_event_type=codes.acled_type, acled_sub_type=codes.acled_sub_type,
    )


def _telling_mention(group: list[dict]) -> dict:
    """The mention whose trigger, type and kind name the event: the one that tells the most of it."""
    told_dead = any(_mention_toll(m) == "dead" for m in group)

    def score(m: dict) -> tuple:
        # a time or place of its own (not one shared with a coordinated verb) marks the telling mention; beside
        # the dead, the wounded never do ("killed three and injured 20" is told by "killed")
        return (told_dead and _mention_toll(m) == "hurt",
                -(m["agent"] is not None) - (m["target"] is not None) - (m["count"] is not None)
                - m.get("own", (m["time"] is not None) + (m["place"] is not None)), m["cand"].trigger.start)

    return min(group, key=score)


def _first_value(group: list[dict], key: str, prefer: Callable | None = None):
    """The first value the mentions give for ``key``, or the best one by ``prefer`` when given."""
    values = [m[key] for m in group if m[key] is not None]
    if prefer and values:
        values.sort(key=prefer)
    return values[0] if values else None


def _event_count(group: list[dict], mode: str) -> Count | None:
    """The figure of the event's toll, before the dead named one by one are counted.

    The figure of a mention that names the event's mode or its dead: "shot five people, killing two" killed
    two; "a car bomb destroyed three houses and killed 12" killed 12.  Then a figure of the people the event
    is first told to reach ("killed 18 soldiers", not "18 rebels died" told of the same clash), the first told
    ("injuring about 30", not "seven were still being treated"); the same figure given by a named source is
    preferred to an unsourced one.
    """
    first_target = next((m["cand"].target for m in group if m["cand"].target is not None), None)
    main_noun = first_target.root.lemma_.lower() if first_target is not None else None
    # A figure of things hit ("attacked two oil tankers, killing 15") yields to one of the people reached.
    counted = sorted((m["things"] and _mention_toll(m) == "reached",
                      _mention_toll(m) != _toll(mode) and _mention_toll(m) != "dead",
                      not _counts_noun(m["count"], main_noun), i)
                     for i, m in enumerate(group) if m["count"] is not None
                     and not (_toll(mode) == "dead" and _mention_toll(m) == "hurt"))  # the wounded go to ``injured``
    count = group[counted[0][-1]]["count"] if counted else None
    if count is not None and count.claimed_by is None:
        count = next((group[key[-1]]["count"] for key in counted if key[:3] == counted[0][:3]
                      and group[key[-1]]["count"].best == count.best and group[key[-1]]["count"].claimed_by),
                     count)
    return count


def _event_injured(group: list[dict], mode: str) -> tuple[Count | None, float | None, int]:
    """The wounded: their figure, how many, and how many the mentions tell of without one figure for all.

    The first figure told of them wins, a sourced one before an unsourced one of the same value.
    """
    hurt = [m["count"] for m in group if m["count"] is not None and _mention_toll(m) == "hurt"]
    injured = next((c for c in hurt if c.claimed_by and c.best == hurt[0].best), hurt[0]) if hurt else None
    injured_best = injured.best if injured is not None else None
    if injured is None and mode != "injury" and any(_one_wounded(m, group) for m in group):
        injured_best = 1.0  # "A man was killed and a second was injured": one wounded, told without a figure
    wounded = _wounded_told(group, wounding=mode == "injury")
    if wounded > (injured_best or 0):  # "Both were taken to the hospital with injuries"
        injured, injured_best = None, float(wounded)
    return injured, injured_best, wounded


def _listed_victims(group: list[dict], mode: str, wounded: int) -> int:
    """How many victims the mentions name one by one, which outnumber a smaller figure told of them.

    The dead named one by one ("Stephens, 32, and Paul J. Rayer, 51, were shot and killed"): as many dead as
    named, more than any one figure told of them ("his five children as well as his wife"); for a wounding,
    the wounded told of.
    """
    if mode == "injury":
        return wounded if wounded > 1 else 0
    return max([m["listed"] for m in group if m.get("listed") and _mention_toll(m) == "dead"] + [_dead_told(group)])


def _event_time(group: list[dict]) -> TimeExpr | None:
    """When the event happened: a time with a value first, refined by a day told elsewhere.

    A mention that tells the day of the month or year told first: "the January murder" … "was killed Jan. 11";
    else a day hung on no event beside the mention that first reports the incident (after a headline).
    """
    time = _first_value(group, "time", prefer=lambda t: (t.value is None,))
    if time is not None and _YEAR_OR_MONTH.match(time.value or ""):
        time = next((m["time"] for m in group if m["time"] is not None and _refines(m["time"], time)), time)
    return next((t for m in _first_told(group) for t in m.get("days_near", []) if _refines(t, time)), time)


def _event_place(group: list[dict]) -> Place | None:
    """The place the mentions name most often; then a named site before a town before a country."""
    votes: dict[str, int] = {}
    for m in group:
        if m["place"] is not None:
            votes[m["place"].name] = votes.get(m["place"].name, 0) + 1
    return _first_value(group, "place", prefer=lambda p: (p.type == "DATELINE", -votes[p.name], p.lat is None,
                                                          {"FAC": 0, "LOC": 1, "GPE": 2}.get(p.type, 3),
                                                          _PRECISION_RANK.get(p.precision, 9)))


def _event_target(group: list[dict], mode: str) -> tuple | None:
    """Who or what the event reached, as (entity id, text).

    The target of a mention with a figure, of the event's own toll, and words before a pronoun ("a man", not
    "he"); the dead and the hurt are described before they are named ("a 42-year-old man", then "Rodney
    Jones", whose entity the evidence still links).
    """
    def target_rank(m: dict) -> tuple:
        root = m["cand"].target.root if m["cand"].target is not None else None
        return (_toll(mode) == "dead" and _mention_toll(m) == "hurt",  # the dead, not the wounded beside them
                m["count"] is None, _mention_toll(m) != _toll(mode) and _mention_toll(m) != "dead",
                root is not None and root.pos_ == "PRON",
                root is not None and root.pos_ == "PROPN" and mode in _HARMS_PEOPLE)

    return next((m["target"] for m in sorted(group, key=target_rank) if m["target"]), None)


def _event_modality(group: list[dict]) -> str:
    """The surest modality a mention gives; a claimed figure about an event also narrated as fact occurred."""
    modality = min((m["modality"] for m in group), key=lambda x: _MODALITY_RANK.get(x, 9))
    if modality == "claimed" and any(m["modality"] == "occurred" for m in group):
        modality = "occurred"
    return modality


def _event_claimed(group: list[dict], modality: str, count: Count | None) -> tuple[str | None, str | None]:
    """Who says so, as (entity id, text): the source of the toll, or of every mention when all are claims."""
    claimed: tuple[str | None, str | None] = (None, None)
    told = [m for m in group if not _in_headline(m["cand"].sentence)] or group
    if modality == "claimed" or all(m["claimed_by_text"] for m in told):
        # Every mention is somebody's claim or report: name who says so (a headline never says who).
        claimed = next(((m["claimed_by"], m["claimed_by_text"]) for m in group if m["claimed_by_text"]),
                       (None, None))
    if count is not None and count.claimed_by_text:
        claimed = (count.claimed_by, count.claimed_by_text)
    return claimed


def _is_background(group: list[dict], time: TimeExpr | None, time_range: tuple, anchor: str | None) -> bool:
    """Whether the event is background to the news rather than news itself.

    A past perfect makes it background only when no mention narrates it as news; an earlier year does too,
    unless its period runs on into the news year ("45 sentences carried out since 2015, as of last month").
    """
    if all(m["cand"].background_hint for m in group):
        return True
    value = time.value if time is not None else None
    year, news_year = _year(value), _year(anchor)
    return bool(value and year and news_year and year < news_year
                and not ((range_year := _year(time_range[1])) and range_year >= news_year)
                and not _just_before(value, anchor))


def _evidence_spans(group: list[dict]) -> list[EvidenceSpan]:
    """Every sentence that mentions the event, without trailing line breaks."""
    evidence = sorted({(m["cand"].sentence.start_char,
                        m["cand"].sentence.start_char + len(m["cand"].sentence.text.rstrip())) for m in group})
    return [EvidenceSpan(s, e) for s, e in evidence]
