"""Time expressions and their TIMEX3 values, anchored on the publication date.

:func:`extract_times` finds time expressions with the rules of
:mod:`._time_grammar` (explicit dates in the usual news formats, years,
decades, quarters, seasons, weekdays, "last month", "two years ago", "earlier
this year", durations, clock times, sets, "now"/"recently"/"soon"), adds the
spaCy DATE/TIME entities no rule covers when they can be normalised (dateparser
parses those, on the candidate span only, cached), and resolves every value
against the anchor.  Extents follow TimeML: a leading preposition ("in", "on",
"since", "as of") is not part of the expression; "the", modifiers such as
"early"/"about" and trailing "ago" are.

Conventions (see :mod:`._time_grammar` for the full list of values):

* weekdays use the tense of the governing verb: future (also a plan reported
  in the past: "planned to leave on Thursday", "planned a rally on Saturday"; a plan
  in the present: "plans to hold"; a bound: "as soon as Tuesday"; a change taking hold: "effective
  Feb. 1") → the next
  occurrence (the anchor day included), otherwise the latest one up to the anchor (news mostly reports
  what happened); bare months and day-months without a year take the anchor's
  year unless the tense puts them clearly in the previous or next year (a
  modal under a past reporting verb, "said it would open on Dec. 24", does not);
* ``anchor`` may be a full date (``2016-07-21``, a time suffix is ignored), a
  month (``2016-07``) or a year (``2016``).  With a coarse anchor, finer
  relative values keep the known part and put X in the rest ("last month" →
  ``2016-XX``; "yesterday" → ``2016-XX-XX``); with no anchor, relative values are
  ``None`` and ``anchor_kind`` is ``"none"``;
* "since X" sets ``range_start`` = X and ``range_end`` = the anchor, or the
  "as of Y" time of the same sentence ("as of last month, … since 2014"); "as
  of X", "until X", "by X" set ``range_end`` = X; "from X to Y" / "between X and
  Y" set both ends on both expressions; an edge named by "the beginning of X" /
  "the end of X" is X's first / last day ("since the beginning of 2016" →
  ``range_start`` ``2016-01-01``, while the value stays ``2016``);
* "at the time" is anaphoric: its value is the latest date mentioned before it;
  so are "the next/following day", "the day after X" (one day on), "that night", "the same
  day" (distal: the latest day other than the anchor's); a clock time or "later in the day"
  without a day of its own is on the day in focus (the latest day named in this or the previous
  sentence, the anchor day included), else (a clock time) on the day an earlier sentence gave the
  same event ("was shot to death last Oct. 23" … "was shot to death at 10 p.m."), else on the anchor day;
* a clock time with its weekday, part of day and date is one expression ("shortly after 7:30 p.m. Saturday
  evening, December 12th" → ``XXXX-12-12T19:30``); a month abbreviation with no day, year or preposition
  beside it is no month ("Johnathan Dean Mar, 18"); "overnight" before a noun of violence dates that event
  ("launched the overnight attack"), before other nouns it is no time ("an overnight stay");
* a weekday dating an event verb in the simple present, in a sentence with no past tense, is on a
  timetable and lies ahead ("He and Arafat meet separately Monday"); a day-month that "ended" after
  the anchor ended a year before, and so did the quarter that ended then ("the second quarter ended
  Oct. 31" in a report of Oct. 27, 1989 is 1988-Q2);
* an infinitive under an adjective takes the copula's tense ("had been due to expire Friday" is
  past, "is due to expire Friday" ahead); a modal "may/might/should/must/can" with a bare verb
  looks ahead ("may have" looks back); a reported future ("said it would … by March") takes the
  nearest such month;
* financial reports: the latest past quarter mentioned (within three sentences,
  until "the first nine months" moves the focus) is the period in focus:
  "a year earlier", "the year-ago period", "last year's quarter", "the
  corresponding period last year" are that quarter a year back, "the 1988
  quarter" that quarter in 1988, "that quarter" the quarter itself.

:func:`infer_publication_date` infers a publication date for an undated article:
the day a dateline gives ("BAGHDAD, March 3, 2015 - …", method ``dateline``; as scraped, the place may be
glued to the headline's site name: "… | Fox 59INDIANAPOLIS (December 3, 2015) –"), else
a year from an explicit year and a relative expression about the same past event
("in 2014" … "two years ago" → 2016), bounded below by the latest explicit year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..model import InferredDate, TimeExpr
from ..annotate import doc_ents, sent_of, sentences, doc_text
from ._time_grammar import (
    Anchor,
    Ctx,
    Hit,
    find_all,
    normalise_text,
    parse_anchor,
    reads_alone,
    resolve,
)

__all__ = ["extract_times", "infer_publication_date", "normalise_time", "tense_of"]

_DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T|$)")
_QUARTER_VALUE = re.compile(r"^\d{4}-(?:Q\d|H\d)$")
_ANAPHORIC_DAY = re.compile(r"(?i)(?:(?:the|that)\s+day|the\s+(?:morning|afternoon|evening))$")
_LEAD_TRIM = re.compile(
    r"^(?:(?:in|on|at|since|by|from|to|until|till|through|during|for|of|as\s+of|before|after|between|around|about|"
    r"within|over|last|this|next)\s+)+", re.I)

# --------------------------------------------------------------------------- tense


def _verb_tense(tok: Token) -> str | None:
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in aux}
    if lowers & {"will", "'ll", "shall", "wo"}:
        return "future"
    if any(a.lower_ in ("going", "gon") for a in aux):
        return "future"
    if lowers & {"would", "could", "might", "should", "may", "can", "must"}:
        return None
    if lowers & {"had", "did", "was", "were"}:
        return "past"
    if tok.lemma_ in ("plan", "schedule") and tok.tag_ == "VBD" and any(c.dep_ == "dobj" for c in tok.children):
        # "Protesters planned a demonstration on Saturday": the planned event lies ahead
        return "future"
    if tok.lemma_ in _PLAN_LEMMAS and (tok.tag_ in ("VBZ", "VBP") or tok.tag_ == "VBN" and lowers & {"is", "are", "'s", "'re"}):
        # "On Tuesday, the league plans to hold a news conference", "the vote is scheduled for
        # Friday": a plan in the present is about what lies ahead
        return "future"
    if lowers & {"has", "have", "'ve", "'s"} and tok.tag_ == "VBN":
        return "past"
    if tok.tag_ == "VBD":
        return "past"
    if tok.tag_ == "VBN" and not aux:
        return "past"
    if tok.tag_ in ("VBZ", "VBP"):
        if tok.lemma_ == "be" or tok.lower_ in ("is", "are", "'s", "'re"):
            # "is scheduled to", "are expected to": look at the complement
            return "present"
        return "present"
    if tok.tag_ == "VB":
        # infinitive: "plans to meet on Friday" → future, "was to meet" → past
        head = tok.head if tok.head.i != tok.i else None
        if head is not None and head.pos_ in ("VERB", "AUX"):
            t = _verb_tense(head)
            if head.lemma_ in ("plan", "expect", "schedule", "hope", "intend", "want", "aim", "set", "propose",
                               "promise", "agree", "vow", "threaten", "decide", "prepare", "seek", "try", "be"):
                if t == "past" and head.lemma_ in ("plan", "schedule", "set", "expect", "intend", "prepare") and \
                        not any(c.lower_ == "had" for c in head.children):
                    # "planned to leave on Thursday", "were planning to drive on Monday", "set to resume
                    # Monday": the plan is reported in the past, the planned act lies ahead ("had
                    # planned to" tells of a plan overtaken by events)
                    return "future"
                return "future" if t in ("present", "future", None) else t
            return t
        if head is not None and head.pos_ == "ADJ":
            # "was due to expire Friday", "had been due to expire", "weren't available to comment
            # yesterday": the copula dates the expectation; "is due to", "am willing to", "would be
            # ready to" look ahead
            cop = head.head if head.dep_ in ("acomp", "attr") and head.head.pos_ in ("AUX", "VERB") else None
            if cop is not None and cop.i != tok.i and _verb_tense(cop) == "past":
                return "past"
            if cop is None and head.dep_ in ("ccomp", "oprd", "xcomp") and head.head.pos_ == "VERB" and \
                    head.head.i != tok.i and _verb_tense(head.head) == "past":
                # "made it difficult for Sun to meet demand well into the summer": the adjective
                # complements a past verb, so the infinitive's time is that verb's past
                return "past"
        return "future"
    return None


_PLAN_LEMMAS = {"plan", "schedule", "expect", "intend"}
_MODALS = {"would", "could", "might", "should", "may", "can", "must"}
_FORWARD_MODALS = {"might", "should", "may", "can", "must"}


def tense_of(span: Span) -> str | None:
    """"past" | "present" | "future" | "past-modal" | None: the tense of the verb governing ``span``.

    A modal verb ("would", "could") tells nothing by itself, so the search goes on
    up to the reporting verb; when that is past, the result is "past-modal" ("said
    the summit would be held on April 24"): reported, but not necessarily over, so
    a date months ahead of the anchor is not moved back a year.
    """
    tok = span.root
    seen = 0
    modal = False
    while seen < 8:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            t = _verb_tense(tok)
            modal = modal or any(c.lower_ in _MODALS for c in tok.children if c.dep_ in ("aux", "auxpass"))
            if t is not None or tok.dep_ in ("ROOT",) or tok.head.i == tok.i:
                if modal and t is None and any(c.lower_ in _FORWARD_MODALS for c in tok.children if c.dep_ in ("aux", "auxpass")):
                    # "the bug may strike at midnight Friday", "talks must resume Monday": a modal with a bare
                    # verb and no reporting verb above looks ahead; "may have struck" looks back ("could",
                    # "would" also tell of past ability or habit: "could not be located Wednesday")
                    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
                    return "past" if aux & {"have", "'ve"} else "future"
                return "past-modal" if modal and t == "past" else t
        if tok.head.i == tok.i:
            break
        tok = tok.head
        seen += 1
    root = sent_of(span[0]).root
    if root.pos_ in ("VERB", "AUX"):
        return _verb_tense(root)
    return None


# --------------------------------------------------------------------------- dateparser fallback


@lru_cache(maxsize=64)
def _date_parser(prefer: str, base: tuple[int, int, int] | None):
    """One dateparser parser per (preference, base date); building one is slow."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(*base)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def _dateparse(text: str, anchor_iso: str | None, tense: str | None) -> str | None:
    """A TIMEX3 value for an absolute date dateparser understands, at its granularity."""
    if not re.search(r"\d", text):
        return None
    base = parse_anchor(anchor_iso)
    key = (base.year, base.month or 1, base.day or 1) if base is not None and base.year else None
    try:
        data = _date_parser("future" if tense == "future" else "past", key).get_date_data(text)
    except Exception:  # dateparser raises on odd input; the span is just not a date then
        return None
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    if not re.search(r"\b(1[5-9]|20)\d\d\b|'\d\d\b", text) and base is None:
        return None
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "time":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


# --------------------------------------------------------------------------- normalisation API


def normalise_time(text: str, anchor_date: str | None, tense: str | None = None,
                   ref: str | None = None) -> tuple[str, str | None, str | None, str | None] | None:
    """``(type, value, range_start, range_end)`` for one time expression, or None if it is not one.

    ``text`` is the expression (a leading preposition is allowed: "since 2016"
    gives range_start ``2016``); ``anchor_date`` the ISO anchor or None;
    ``tense`` "past" | "present" | "future" | None.
    """
    stripped = text.strip()
    lead = _LEAD_TRIM.match(stripped)
    prep = ""
    body = stripped
    if lead:
        prep = lead.group(0).strip().lower()
        if prep.split()[-1] in ("last", "this", "next"):
            prep = ""
        else:
            body = stripped[lead.end():]
    ctx = Ctx(parse_anchor(anchor_date), tense, ref)
    res = normalise_text(body, ctx)
    value: str | None
    if res is None:
        v = _dateparse(body, anchor_date, tense)
        if v is None:
            return None
        typ, value = ("TIME" if "T" in v else "DATE"), v
    else:
        (typ, value), _ = res
    rs, re_ = _range(prep, value, ctx.anchor, body)
    return typ, value, rs, re_


_EDGE = re.compile(r"^(?:the\s+)?(?P<edge>beginning|start|outset|dawn|end|close)\s+of\b", re.I)


def _edge_day(value: str | None, text: str) -> str | None:
    """The first or last day of a year or month named as "the beginning of 2016" / "the end of March 2016"."""
    m = _EDGE.match(text.strip())
    if not m or not value:
        return value
    first = m["edge"].lower() in ("beginning", "start", "outset", "dawn")
    ym = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value)
    if not ym:
        return value
    y, mo = int(ym[1]), int(ym[2]) if ym[2] else None
    if mo is None:
        return f"{y:04d}-01-01" if first else f"{y:04d}-12-31"
    if first:
        return f"{y:04d}-{mo:02d}-01"
    nxt = dt.date(y + mo // 12, mo % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


def _range(prep: str, value: str | None, anchor: Anchor | None, text: str = "") -> tuple[str | None, str | None]:
    """``(range_start, range_end)`` for an expression after a preposition ("since X", "as of X", …).

    The edge of a period named by "the beginning of X" / "the end of X" is its
    first / last day: "since the beginning of 2016" starts on ``2016-01-01``.
    """
    if not value or value.startswith("P") and not value.startswith("PRESENT") and not value.startswith("PAST"):
        return None, None
    p = re.sub(r"\s+", " ", prep.lower())
    edge = _edge_day(value, text)
    if p in ("since", "ever since", "starting", "from"):
        return edge, (anchor.iso if anchor else None) if p != "from" else None
    if p in ("as of", "until", "till", "by", "through", "up to", "before"):
        return None, edge
    if p == "after":
        return edge, None
    return None, None


# --------------------------------------------------------------------------- extraction


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_TRAIL = re.compile(r"(?:['’]s|['’])$")
_ENT_DROP = re.compile(r"^(?:the\s+)?(?:age|ages|aged)\b|\b(?:old|years?\s+old|-year-old)$|^\d+$|^(?:\d+\s+)?(?:times?|once|twice)$", re.I)


class _SpanHit:
    """A spaCy entity that no rule covers (normalised with dateparser)."""

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _candidates(doc: Doc) -> list[Hit | _SpanHit]:
    text = doc_text(doc)
    hits: list[Hit | _SpanHit] = list(find_all(text))
    for ent in doc_ents(doc):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        s, e = ent.start_char, ent.end_char
        t = text[s:e]
        lead = _LEAD_TRIM.match(t)
        if lead and lead.group(0).split()[0].lower() not in ("last", "this", "next"):
            s += lead.end()
        t = text[s:e]
        tr = _TRAIL.search(t)
        if tr:
            e -= len(tr.group(0))
        if e > s and not _ENT_DROP.search(text[s:e]):
            hits.append(_SpanHit(s, e))
    return hits


def _span(doc: Doc, s: int, e: int) -> Span | None:
    return doc.char_span(s, e, alignment_mode="expand")


def _sent_index(doc: Doc) -> list[int]:
    starts = [sent.start_char for sent in sentences(doc)]
    return starts


def extract_times(doc: Doc, anchor: str | None, anchor_kind: str = "published") -> list[TimeExpr]:
    """Every time expression in ``doc``, with TIMEX3 type and value resolved against ``anchor``."""
    text = doc_text(doc)
    anc = parse_anchor(anchor)
    if anc is None:
        anchor_kind = "none"
        anchor = None
    tense_cache: dict[tuple[int, int], str | None] = {}

    def tense(s: int, e: int) -> str | None:
        key = (s, e)
        if key not in tense_cache:
            sp = _span(doc, s, e)
            tense_cache[key] = tense_of(sp) if sp is not None and len(sp) else None
        return tense_cache[key]

    # pass 1: which candidates are real (a rule accepts them), longest first
    cands = _candidates(doc)
    scored: list[tuple[int, int, int, Hit | _SpanHit]] = []
    for h in cands:
        if isinstance(h, Hit):
            ctx = Ctx(anc, None, None, None)
            if resolve(h, ctx) is None:
                continue
            scored.append((h.end - h.start, h.rule.priority, 1, h))
        else:
            scored.append((h.end - h.start, -1, 0, h))
    scored.sort(key=lambda x: (-x[0], -x[1], -x[2], x[3].start))
    chosen: list[Hit | _SpanHit] = []
    for _, _, is_rule, h in scored:
        span = (h.start, h.end)
        if any(_overlaps(span, (c.start, c.end)) for c in chosen):
            continue
        if not is_rule:
            # an entity no rule fully matches: keep it only when a rule or dateparser can read it
            sub = [c for c in cands if isinstance(c, Hit) and c.start >= h.start and c.end <= h.end]
            if sub:
                continue  # the rule hits inside it will be chosen on their own
            if reads_alone(text[h.start:h.end]):
                continue  # a rule reads it alone but not here: its context ruled it out ("in today's world")
        chosen.append(h)
    chosen.sort(key=lambda h: h.start)

    # pass 2: values in text order, with the discourse reference time
    sent_starts = _sent_index(doc)
    import bisect

    def event_verb(s: int, e: int) -> str | None:
        sp = _span(doc, s, e)
        return _event_verb(sp) if sp is not None and len(sp) else None

    out: list[TimeExpr] = []
    ref: str | None = None
    ref_q: tuple[str, int] | None = None
    ref_abs: tuple[str, int] | None = None  # the latest explicit (not relative) date and its sentence
    ref_day: tuple[str, int] | None = None  # the latest day (anchor day included) and its sentence
    preps: list[tuple[str, int]] = []  # (preposition before, sentence index) of each expression in ``out``
    event_days: dict[str, str] = {}  # the lemma of an event verb -> the day a date expression gave it
    for h in chosen:
        s, e = h.start, h.end
        si = bisect.bisect_right(sent_starts, s) - 1
        tn = tense(s, e)
        if _AS_SOON_AS.search(text, max(0, s - 20), s):
            tn = "future"  # "as soon as Tuesday", "as early as next week": a bound on what lies ahead
        elif _EFFECTIVE.search(text, max(0, s - 24), s) and not _BECAME_EFFECTIVE.search(text, max(0, s - 40), s):
            # "named him chairman, effective Feb. 1": the change takes hold ahead of the report ("the law
            # became effective June 1" tells of one that already has)
            tn = "future"
        elif tn in ("past", "present") and _is_deadline(text, s, e, sent_starts, si):
            tn = "future"  # "has given them until 9 a.m. Tuesday to sign": the deadline is still ahead
        elif tn == "present" and isinstance(h, Hit) and h.rule.name == "weekday" and _scheduled(_span(doc, s, e)):
            tn = "future"  # "He and Arafat meet separately Monday": the present of a timetable
        near_q = ref_q[0] if ref_q and si - ref_q[1] <= _Q_WINDOW else None
        ctx = Ctx(anc, tn, ref, near_q)
        if ref_abs and si - ref_abs[1] <= 1:
            ctx.extra["ref_abs"] = ref_abs[0]
        if ref_day and si - ref_day[1] <= 1:
            ctx.extra["ref_day"] = ref_day[0]
        elif event_days and isinstance(h, Hit) and h.rule.name in _CLOCK_RULES:
            verb = event_verb(s, e)
            if verb in event_days:
                ctx.extra["event_day"] = event_days[verb]
        if isinstance(h, Hit):
            res = resolve(h, ctx)
            if res is None:
                continue
            typ, value = res
            if value is None and _ANAPHORIC_DAY.match(text, s, e):
                # "strong redemptions that day", "jogs in the morning" with no day in focus: generic,
                # which TimeML does not mark (only a specific time is a TIMEX3), and undatable anyway
                continue
        else:
            norm = normalise_text(text[s:e], ctx)
            if norm is not None:
                (typ, value), _ = norm
            else:
                value = _dateparse(text[s:e], anc.iso if anc else None, tn)
                if value is None:
                    continue
                typ = "TIME" if "T" in value else "DATE"
        if value and _DATE_VALUE.match(value) and value != (anc.iso if anc else None):
            ref = value
        elif value and re.match(r"^\d{4}-\d{2}-\d{2}T", value):
            ref = value[:10]
        if value and _DATE_VALUE.match(value) and isinstance(h, Hit) and h.rule.name in _ABSOLUTE_RULES:
            ref_abs = (value, si)
        if value and _DAY_VALUE.match(value):
            ref_day = (value[:10], si)
            if typ == "DATE":
                verb = event_verb(s, e)
                if verb is not None:
                    event_days[verb] = value[:10]
        if value and _QUARTER_VALUE.match(value) and not (isinstance(h, Hit) and h.rule.name in _YEAR_BACK_RULES) \
                and not _after_anchor_quarter(value, anc):
            # "after a flat second quarter": a quarter named in passing leaves the reported one in focus
            if not (near_q and value != near_q and _INDEFINITE_BEFORE.search(text, max(0, s - 16), s)):
                ref_q = (value, si)
        elif typ == "DURATION" and value and re.fullmatch(r"P(?:[6-9]|1[01])M", value):
            ref_q = None  # "the first nine months": the period in focus is no longer a quarter
        prep = _preposition_before(text, s)
        rs, rend = _range(prep, value, anc, text[s:e])
        out.append(TimeExpr("", text[s:e], s, e, typ, value, anchor, anchor_kind, rs, rend))
        preps.append((re.sub(r"\s+", " ", prep.lower()), si))
    out = _as_of_ends(out, preps)
    out = _link_ranges(text, out)
    return [replace(t, id=f"T{i + 1}") for i, t in enumerate(out)]


# clock times that may name no day of their own
_CLOCK_RULES = {"clock", "clock24", "clock_military", "noon"}
# verbs that report or link rather than name an event: "said Monday … said at 10 a.m." are two sayings
_NOT_EVENT_VERBS = {"say", "tell", "add", "report", "announce", "state", "note", "confirm", "deny", "claim", "insist",
                    "explain", "comment", "declare", "be", "have", "do", "get", "make", "take", "go", "come"}


def _event_verb(span: Span) -> str | None:
    """The lemma of the verb an expression dates ("shot to death last Oct. 23" → "shoot"), unless it
    only reports or links."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ == "VERB":
            return None if tok.lemma_.lower() in _NOT_EVENT_VERBS else tok.lemma_.lower()
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _scheduled(span: Span | None) -> bool:
    """A weekday dating a verb in the simple present ("meet Monday", "opens on Friday"): news tells what
    happened in the past tense, so an event verb in the present is on a timetable, ahead (a reporting
    "says Monday" or a stative "is" is not)."""
    if span is None or not len(span):
        return False
    tok = span.root.head
    if tok.lower_ == "on" and tok.dep_ == "prep":
        tok = tok.head
    if not (tok.pos_ == "VERB" and tok.tag_ in ("VBZ", "VBP") and tok.lemma_.lower() not in _NOT_EVENT_VERBS
            and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)):
        return False
    # "Weakness hurt the index, which fell on Friday": a verb whose past has the same form, or a sentence
    # told in the past, is no timetable
    return tok.lower_ not in _SAME_FORM_PAST and not any(t.tag_ == "VBD" for t in tok.sent)


_SAME_FORM_PAST = {"hurt", "cut", "put", "set", "hit", "let", "cost", "quit", "shut", "spread", "cast", "bet", "bid",
                   "burst", "split", "upset", "broadcast", "forecast", "read", "beat", "shed", "thrust", "rid"}


def _after_anchor_quarter(value: str, anc: Anchor | None) -> bool:
    """A quarter or half after the anchor's: a forecast, not the period a report is about."""
    if anc is None or anc.year is None or anc.month is None:
        return False
    y, kind, n = int(value[:4]), value[5], int(value[6])
    cur = (anc.month - 1) // 3 + 1 if kind == "Q" else (anc.month - 1) // 6 + 1
    return (y, n) > (anc.year, cur)


# a reporting quarter stays the period in focus for a few sentences ("a year earlier", "the period")
_Q_WINDOW = 3
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[a-z]+\s+)?$", re.I)
_YEAR_BACK_RULES = ("ago", "year_earlier_adj", "year_earlier_period", "period_year_ago", "year_period")
_AS_SOON_AS = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$", re.I)
_EFFECTIVE = re.compile(r"\b(?:effective|with\s+effect\s+from)\s+(?:(?:on|from|as\s+of)\s+)?$", re.I)
_BECAME_EFFECTIVE = re.compile(r"\b(?:became|become|becomes|becoming|was|were|been)\s+effective\s+"
                               r"(?:(?:on|from|as\s+of)\s+)?$", re.I)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+$", re.I)
_TO_VERB_AFTER = re.compile(r"\s+to\s+[a-z]+")
_DEADLINE_WORD = re.compile(r"\bdeadlines?\b", re.I)
_GRANT_BEFORE = re.compile(r"\b(?:give|gives|given|giving|gave|grants?|granted|allows?|allowed|ha(?:s|ve)\s+until)\b", re.I)


def _is_deadline(text: str, s: int, e: int, sent_starts: list[int], si: int) -> bool:
    """ "given them until 9 a.m. Tuesday to sign", "extended its deadline until Tuesday": a deadline.

    The giving is reported in the past, but the deadline itself lies ahead of the report (a passed
    deadline is told as what happened at it, not "until" it)."""
    if not _UNTIL_BEFORE.search(text, max(0, s - 8), s):
        return False
    if _DEADLINE_WORD.search(text, max(sent_starts[si], s - 40), s):
        return True
    return bool(_TO_VERB_AFTER.match(text, e) and _GRANT_BEFORE.search(text, sent_starts[si], s))


_ABSOLUTE_RULES = {"iso", "numeric", "month_day_year", "day_month_year", "month_year", "year", "spelled_year"}
_PREP_BEFORE = re.compile(r"(?:\b(ever\s+since|since|as\s+of|until|till|through|by|from|after|before|starting|up\s+to))\s+$", re.I)


def _preposition_before(text: str, start: int) -> str:
    m = _PREP_BEFORE.search(text[max(0, start - 20):start])
    return m.group(1) if m else ""


def _as_of_ends(times: list[TimeExpr], preps: list[tuple[str, int]]) -> list[TimeExpr]:
    """"As of last month, 45 had been carried out since the beginning of 2016": the "since" range
    ends at the sentence's "as of" time, not at the anchor."""
    out = list(times)
    for i, (p, si) in enumerate(preps):
        if p not in ("since", "ever since") or not out[i].range_start:
            continue
        ends = [out[j] for j, (q, sj) in enumerate(preps) if q == "as of" and sj == si and out[j].value]
        if len(ends) == 1:
            out[i] = replace(out[i], range_end=ends[0].value)
    return out


def _link_ranges(text: str, times: list[TimeExpr]) -> list[TimeExpr]:
    """"from X to Y", "between X and Y", "X-Y": both ends on both expressions."""
    out = list(times)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        mid = text[a.end:b.start]
        if not re.fullmatch(r"\s*(?:to|until|till|through|and|-|–)\s*", mid, re.I):
            continue
        pre = text[max(0, a.start - 9):a.start].lower()
        if "and" in mid.lower() and not re.search(r"between\s+$", pre):
            continue
        if "and" not in mid.lower() and not re.search(r"(from|between)\s+$", pre) and mid.strip() not in ("-", "–"):
            continue
        if not (a.value and b.value and a.type == b.type == "DATE"):
            continue
        out[i] = replace(a, range_start=a.value, range_end=b.value)
        out[i + 1] = replace(b, range_start=a.value, range_end=b.value)
    return out


# --------------------------------------------------------------------------- publication date inference

_AGO = re.compile(r"^(?:about|around|nearly|almost|some|roughly|more\s+than|over|just|only)?\s*"
                  r"(?P<n>\w+(?:[- ]\w+)?)\s+years?\s+ago$", re.I)


# A dateline that carries its filing date: "BAGHDAD, March 3, 2015 -", "MEMPHIS, Tenn. (June 3, 2015) –",
# "KABUL, Afghanistan, May 4, 2016 —": a place in capitals (and its state or country), the date, then the dash.
# The place opens a line, or, as scraped, is glued to the headline's site name ("… | Fox 59INDIANAPOLIS
# (December 3, 2015) –", "FOX6Now.comMILWAUKEE"): capitals right after a lower-case letter or a digit.
_DATELINE_BEFORE = re.compile(r"(?:(?:^|\n)[ \t]*|(?<=[a-z0-9]))[A-Z][A-Z.'’ -]{1,40}(?:,[ \t]*[A-Z][A-Za-z.' ]{1,30})?,?[ \t]*\(?[ \t]*$")
_DATELINE_AFTER = re.compile(r"[ \t]*\)?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[-–—]")
_DATELINE_REACH = 400  # a dateline opens the story: its headline and first line


def _dateline_date(text: str, times: list[TimeExpr]) -> InferredDate | None:
    """The full date a dateline gives ("BAGHDAD, March 3, 2015 - …"): the day the story was filed."""
    for t in times:
        if t.start > _DATELINE_REACH:
            break
        if not (t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value) and re.search(r"\d{4}", t.text)):
            continue
        if _DATELINE_BEFORE.search(text[max(0, t.start - 80):t.start]) and _DATELINE_AFTER.match(text, t.end):
            return InferredDate(t.value, 0.9, [{"text": t.text, "start": t.start, "end": t.end,
                                                "reasoning": "the dateline's date: the day the story was filed"}],
                                "dateline")
    return None


def infer_publication_date(doc: Doc) -> InferredDate | None:
    """A publication date inferred from the text, or None when the text does not support one.

    A dateline with a full date ("BAGHDAD, March 3, 2015 - …") gives the day itself.  Otherwise, an explicit year ("in 2014") and an expression counting years back from
    the publication date ("two years ago", "last year") in the same or an
    adjacent sentence are taken to refer to the same past event, so the article
    was written in year + N.  Candidates earlier than the latest explicit year
    mentioned as past or present are discarded (an article cannot predate what it
    reports); agreement between several pairs raises the confidence.
    """
    from ._time_grammar import number

    times = extract_times(doc, None, "none")
    filed = _dateline_date(doc.text, times)
    if filed is not None:
        return filed
    sents = [(s.start_char, s.end_char) for s in sentences(doc)]

    def sent_of(pos: int) -> int:
        for i, (a, b) in enumerate(sents):
            if a <= pos < b:
                return i
        return len(sents) - 1

    explicit = []  # (year, TimeExpr, sentence)
    for t in times:
        if t.value and re.match(r"^\d{4}", t.value) and t.type in ("DATE", "TIME"):
            if re.search(r"\b(1[5-9]|20)\d\d\b", t.text):
                sp = _span(doc, t.start, t.end)
                if sp is not None and tense_of(sp) == "future":
                    continue  # "by 2030": a target, not a reported fact
                explicit.append((int(t.value[:4]), t, sent_of(t.start)))
    if not explicit:
        return None
    bound_year, bound_t, _ = max(explicit, key=lambda x: (x[0], -x[1].start))

    relative = []  # (years back, TimeExpr, sentence)
    for t in times:
        txt = re.sub(r"\s+", " ", t.text.strip().lower())
        n = None
        m = _AGO.match(txt)
        if m:
            v = number(m.group("n"))
            n = int(v) if v is not None and v == int(v) else None
        elif txt in ("last year", "a year ago", "the previous year", "the past year"):
            n = 1 if txt != "the past year" else None
        if n:
            relative.append((n, t, sent_of(t.start)))

    candidates: dict[int, list] = {}
    for n, rt, rs in relative:
        best = None
        for y, et, es in explicit:
            dist = abs(rs - es)
            if dist > 1 or et is rt:
                continue
            key = (dist, abs(rt.start - et.start))
            if best is None or key < best[0]:
                best = (key, y, et, dist)
        if best is None:
            continue
        _, y, et, dist = best
        cand = y + n
        if cand < bound_year:
            continue
        candidates.setdefault(cand, []).append((y, et, n, rt, dist))
    if not candidates:
        return None
    value, pairs = max(candidates.items(), key=lambda kv: (len(kv[1]), -min(p[4] for p in kv[1]), kv[0]))
    conf = 0.6 if min(p[4] for p in pairs) == 0 else 0.5
    conf = min(0.9, conf + 0.15 * (len(pairs) - 1))
    if len(candidates) > 1:
        conf = max(0.2, conf - 0.2 * (len(candidates) - 1))
    evidence = []
    for y, et, back, rt, dist in pairs:
        where = "the same sentence" if dist == 0 else "the adjacent sentence"
        evidence.append({"text": et.text, "start": et.start, "end": et.end,
                         "reasoning": f"explicit year {y} of a past event"})
        evidence.append({"text": rt.text, "start": rt.start, "end": rt.end,
                         "reasoning": f"'{rt.text}' in {where} counts {back} year{'s' if back > 1 else ''} back "
                                      f"from publication to that event: {y} + {back} = {y + back}"})
    if bound_t is not None:
        evidence.append({"text": bound_t.text, "start": bound_t.start, "end": bound_t.end,
                         "reasoning": f"latest explicit year mentioned is {bound_year}; "
                                      f"publication cannot be earlier ({value} ≥ {bound_year})"})
    return InferredDate(str(value), round(conf, 2), evidence, "explicit-year+relative-expression")
