"""One incident, many articles: cross-article clustering with explained merges.

Pure functions over ``ArticleResult`` values; nothing here reads or writes a
database.  The steps, in order (``cluster_incidents`` runs them all):

1. **Versions.** Near-duplicate articles (syndicated copies, updated versions)
   are found with MinHash LSH over word 5-shingles (``find_versions``) and kept
   as versions of one story: only the canonical copy is scored and counted.
2. **Entities.** Names resolve across articles (``resolve_entities``): same
   normalised name, or same transliteration key (ASCII-folded, honorifics
   dropped, a phonetic skeleton per word: Gaddafi = Qaddafi = Kadhafi).
3. **Stories.** Article pairs found by blocking (shared rare terms, shared
   resolved entities, shared event type and year) are scored on text
   similarity, shared participants, places, event types and time; every link
   keeps its reasons.  Sparse average-linkage joins articles into stories.
4. **Incidents.** Inside a story, foreground events of one type family and
   compatible times and places (as one article tells them: not another
   country, not towns over 100 km apart) form one incident.  Background
   events ("the massacre two years ago") attach to the best matching
   incident of *any* story, or start
   their own incident at their own time, never at the publication date.
5. **Counts.** Each incident's figures are reconciled IBC-style
   (``reconcile_counts``): min = highest credible minimum, max = highest
   credible maximum, best = median of credible best figures, clipped to
   [min, max].  Every source figure stays listed with its claimant.
6. **Corrections.** Hand splits and merges are data (``Correction``) applied on
   every run: article constraints during story clustering, event constraints
   after incident formation, entity constraints during resolution.

Complexity: with blocking keys whose posting lists are capped at
``max_block`` and at most ``max_candidates`` scored partners per article,
scoring is O(n · max_candidates) and the sparse average-linkage is
O(E log E) for E scored links, so the whole run is O(n log n) in the number
of articles n (see docs/incidents.md and bench/cluster_scale.py).
"""

from __future__ import annotations

from typing import Any

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

import jellyfish
from anyascii import anyascii

from .model import Article, ArticleResult, Count, Event, Place, TimeExpr
from .timex import describe_period, month_end as _month_end, time_interval

__all__ = [
    "ClusterConfig", "Correction", "Merge", "SourceFigure", "CountRange", "Incident", "CrossEntity",
    "Clustering", "find_versions", "resolve_entities", "cluster_stories", "cluster_incidents",
    "reconcile_counts", "name_key", "explain", "explain_entity", "clustering_rows", "stored_incidents",
]


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ClusterConfig:
    """Weights and thresholds of the clustering; the defaults are tuned on ECB+ topics 1–20."""

    w_text: float = 1.0  # TF-IDF cosine of the two articles
    w_entities: float = 0.35  # IDF-weighted cosine of resolved participants
    w_type: float = 0.05  # a shared foreground event type
    w_place: float = 0.05  # a shared place (or near ones: points under 50 km apart, same country or province)
    w_time_match: float = 0.05  # main times overlap
    time_conflict: float = 0.6  # subtracted when main times cannot overlap
    place_conflict: float = 0.6  # subtracted when the main events happened in different countries
    threshold: float = 0.26  # average link score needed to join two stories
    duplicate_jaccard: float = 0.8  # MinHash Jaccard for a near-duplicate version
    num_perm: int = 128
    max_block: int = 100  # blocking keys shared by more articles than this are not used
    max_candidates: int = 60  # scored partners per article
    top_terms: int = 25  # rarest-by-TF-IDF terms per article used as blocking keys
    background_threshold: float = 0.5  # event score needed to attach a background mention
    event_time_window_days: int = 14  # a foreground event with no time happened this long before publication
    title_weight: float = 2.0  # a title word counts this many times
    name_boost: float = 1.0  # extra weight of words inside entity names
    text_years: bool = False  # for undated articles, guess the main time from the year the text names most
    lead_chars: int = 400  # an article's lead (about two sentences after the title) dates its news
    key_conflict: float = 0.0  # subtracted when both articles' key participants differ entirely
    cohesion_ratio: float = 0.5  # two groups join only if their average link is this share of each one's cohesion
    cohesion_min: int = 5  # … counting only groups of at least this many articles
    own_key_share: float = 0.5  # two such groups stay apart when each has a key participant named in this share
    # of its reports and in none of the other's (0 turns the test off)


DEFAULT_CONFIG = ClusterConfig()


@dataclass(frozen=True)
class Correction:
    """A hand correction, kept as data so it survives re-runs.

    ``a`` and ``b`` name members: an article id, ``article_id:V3`` for an event
    or ``article_id:E2`` for an entity.  ``action`` is ``merge`` (always
    together) or ``split`` (never together).  Later corrections override
    earlier ones about the same pair.
    """

    action: str  # "merge" | "split"
    a: str
    b: str
    note: str | None = None


@dataclass(frozen=True)
class Merge:
    """Why two members (articles, events or entities) were put together."""

    left: str
    right: str
    score: float
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.left} + {self.right} (score {self.score:.2f}): {'; '.join(self.reasons)}"


@dataclass(frozen=True)
class SourceFigure:
    """One source's count for an incident, with who claims it."""

    article_id: str
    event_id: str | None
    count_id: str | None
    text: str
    min: float | None
    best: float | None
    max: float | None
    kind: str  # "killed" | "injured" | … what the figure counts
    claimed_by: str | None  # claimant as written in the article
    credible: bool
    note: str | None = None  # why not credible, or "version of …"


@dataclass(frozen=True)
class CountRange:
    """Reconciled figures of one kind for an incident (IBC rule, see ``reconcile_counts``)."""

    kind: str
    min: float | None
    best: float | None
    max: float | None
    rule: str


@dataclass(frozen=True)
class Incident:
    """A real-world incident reported by one or more articles."""

    id: str
    type: str | None  # PLOVER root type of its events; None for an article with no typed event
    mode: str | None
    members: tuple[tuple[str, str | None], ...]  # (article_id, event_id); event_id None for an untyped story
    articles: tuple[str, ...]  # canonical articles that report it, in order
    versions: dict[str, tuple[str, ...]]  # canonical article id -> near-duplicate article ids
    time_start: str | None
    time_end: str | None
    place: str | None
    agent: str | None
    counts: tuple[CountRange, ...]
    figures: tuple[SourceFigure, ...]
    merges: tuple[Merge, ...]
    background_only: bool = False  # known only from background mentions
    title: str | None = None

    @property
    def count_min(self) -> float | None:
        return self.counts[0].min if self.counts else None

    @property
    def count_best(self) -> float | None:
        return self.counts[0].best if self.counts else None

    @property
    def count_max(self) -> float | None:
        return self.counts[0].max if self.counts else None


@dataclass(frozen=True)
class CrossEntity:
    """One person, organisation or place across articles."""

    id: str
    name: str
    type: str
    members: tuple[tuple[str, str], ...]  # (article_id, entity_id)
    variants: tuple[str, ...]
    merges: tuple[Merge, ...]


@dataclass(frozen=True)
class Clustering:
    """Everything one clustering run found."""

    incidents: list[Incident]
    stories: list[list[str]]  # canonical article ids per story (article-level clustering)
    story_of: dict[str, int]  # every article id (versions too) -> story index
    entities: list[CrossEntity]
    entity_of: dict[tuple[str, str], str]  # (article_id, entity_id) -> CrossEntity id
    versions: dict[str, str]  # duplicate article id -> canonical article id
    story_merges: list[list[Merge]] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

class _UnionFind:
    """Union-find with path halving; ``union`` keeps the smaller root as the root."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def _short_id(prefix: str, key: str) -> str:
    return prefix + hashlib.sha1(key.encode()).hexdigest()[:10]


_STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
on once only or other our ours ourselves out over own said same says she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves one two new also told tell
year years day days time week weeks monday tuesday wednesday thursday friday saturday sunday according news
reported report reports people mr mrs ms dr last first still back get got like may might many much make made
just even well way since around per cent percent going""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d[\d.,]*\d|\d")


def _tokens(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(anyascii(text)):
        w = w.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        if w in _STOP or len(w) < 2:
            continue
        out.append(w)
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


# ---------------------------------------------------------------------------
# Names and entities
# ---------------------------------------------------------------------------

_HONORIFICS = frozenset("""mr mrs ms miss dr sir dame lord lady prof professor gen general col colonel capt captain
sgt sergeant lt president minister pm premier king queen prince princess sheikh judge rev reverend senator sen
governor gov mayor chancellor pope saint st officer chief commander rep representative secretary""".split())
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_RESOLVED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
_TYPE_GROUP = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
               "EVENT": "EVENT"}


def name_key(name: str) -> str:
    """A name folded for comparison: ASCII, lower case, no honorifics, articles or punctuation."""
    text = anyascii(name).lower()
    text = re.sub(r"['’]s\b", "", text)
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _HONORIFICS]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _skeleton(word: str) -> str:
    """A phonetic skeleton of one word that ignores common transliteration choices."""
    if word.isdigit():
        return word
    key = jellyfish.metaphone(word).upper().replace("TH", "T").replace("0", "T").replace("KH", "K")
    key = re.sub(r"(.)\1+", r"\1", key)
    if key and key[0] in "AEIOU":
        key = "A" + key[1:]
    return key or word


def _name_skeleton(key: str) -> str:
    return " ".join(_skeleton(w) for w in key.split())


def _first_names_compatible(a: list[str], b: list[str]) -> bool:
    """Given names agree when either is missing or their initials match ("T." vs "Tara")."""
    if not a or not b:
        return True
    return a[0][0] == b[0][0] and (len(a[0]) == 1 or len(b[0]) == 1
                                   or jellyfish.jaro_winkler_similarity(a[0], b[0]) >= 0.8)


# Jaro-Winkler similarity two names of one phonetic skeleton need to be spelling variants of one name
# ("Mahmoud al-Qadhi" ~ "Mahmud al-Kadhi" 0.96, "Gaddafi" ~ "Qadhafi" 0.81; "Iraq" ~ "Uruguay" 0.46).
_VARIANT_SIMILARITY = 0.8


def resolve_entities(results: Sequence[ArticleResult], corrections: Sequence[Correction] = (),
                     ) -> tuple[list[CrossEntity], dict[tuple[str, str], str]]:
    """Resolve entities across articles.

    Args:
        results: processed articles.
        corrections: ``merge``/``split`` corrections whose members are ``article_id:E…`` keys.

    Returns the resolved entities and a map from (article_id, entity_id) to the
    resolved id.  Rules, in order: (1) same folded name and compatible type;
    (2) same phonetic skeleton of the whole name and Jaro-Winkler similarity of
    at least 0.8 (a spelling or transliteration variant; not two places the
    gazetteer put in two countries or over 100 km apart); (3) a person named by surname alone joins the only full name
    with that surname, and two full names with the same surname join when the
    given names agree.  Blocking is by skeleton of the whole name and of the
    surname, so the cost is linear in the number of entities.
    """
    records: list[tuple[str, str, str, str, str]] = []  # (member key, name, type group, folded key, type)
    # member key -> the gazetteer entry its own name resolved to.  Only spelling variants are checked against
    # it: one name geocoded two ways in two articles ("Wellington" in NZ and in the US) is more often the
    # geocoder missing context in a short story than two places.
    geonames: dict[str, _PlacePoint] = {}
    for result in results:
        aid = result.article.id
        own_entry = {p.entity: pt for p in result.places if p.entity and p.geonameid
                     and not (p.reason or "").startswith("not in the gazetteer")
                     and (pt := _place_point(p)) is not None}
        for entity in result.entities:
            if entity.type not in _RESOLVED_TYPES:
                continue
            key = name_key(entity.name)
            if not key:
                continue
            records.append((f"{aid}:{entity.id}", entity.name, _TYPE_GROUP[entity.type], key, entity.type))
            if entity.id in own_entry:
                geonames[f"{aid}:{entity.id}"] = own_entry[entity.id]
    must, cannot = _constraints(corrections, lambda k: re.search(r":E\d+$", k) is not None)
    uf = _UnionFind()
    merges: dict[str, list[Merge]] = defaultdict(list)
    cannot_sets: dict[str, set[str]] = defaultdict(set)
    for a, b in cannot:
        cannot_sets[a].add(b)
        cannot_sets[b].add(a)
    members_of: dict[str, set[str]] = {}

    def allowed(a: str, b: str) -> bool:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return True
        ma, mb = members_of.get(ra, {ra}), members_of.get(rb, {rb})
        small, big = (ma, mb) if len(ma) < len(mb) else (mb, ma)
        return not any(cannot_sets.get(x, set()) & big for x in small)

    def join(a: str, b: str, score: float, reasons: tuple[str, ...]) -> None:
        if not allowed(a, b):
            return
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return
        ma, mb = members_of.pop(ra, {ra}), members_of.pop(rb, {rb})
        ga, gb = merges.pop(ra, []), merges.pop(rb, [])
        uf.union(ra, rb)
        root = uf.find(ra)
        # Small into large, so building a big entity costs O(size log size), not O(size²).
        big, small = (ma, mb) if len(ma) >= len(mb) else (mb, ma)
        big |= small
        members_of[root] = big
        big_m, small_m = (ga, gb) if len(ga) >= len(gb) else (gb, ga)
        big_m.extend(small_m)
        big_m.append(Merge(a, b, score, reasons))
        merges[root] = big_m

    for a, b in must:
        join(a, b, 1.0, ("merged by hand",))
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (_, _, group, key, _) in enumerate(records):
        blocks[(group, "name:" + key)].append(i)
        blocks[(group, "skel:" + _name_skeleton(key))].append(i)
        if group == "PERSON":
            blocks[(group, "surname:" + _skeleton(key.split()[-1]))].append(i)
    # Rules 1 and 2: same folded name, then same skeleton.
    for (group, block), idx in blocks.items():
        if block.startswith("surname:") or len(idx) < 2:
            continue
        first = idx[0]
        for i in idx[1:]:
            if records[i][3] == records[first][3]:
                reasons: tuple[str, ...] = (f"same name {records[first][1]}",)
                score = 1.0
            else:
                score = jellyfish.jaro_winkler_similarity(records[first][3], records[i][3])
                if score < _VARIANT_SIMILARITY:
                    continue  # one skeleton, different names: "Iraq" and "Uruguay" are both ARK
                a_place, b_place = geonames.get(records[first][0]), geonames.get(records[i][0])
                if a_place is not None and b_place is not None and _far_namesakes(a_place, b_place):
                    continue  # two spellings the gazetteer put in two countries name two places
                if group == "PERSON" and not _first_names_compatible(records[first][3].split()[:-1],
                                                                      records[i][3].split()[:-1]):
                    continue
                reasons = (f"spelling variant {records[i][1]} ~ {records[first][1]} "
                           f"(key {_name_skeleton(records[first][3])}, similarity {score:.2f})",)
            join(records[first][0], records[i][0], score, reasons)
    # Rule 3: surnames.
    for (group, block), idx in blocks.items():
        if not block.startswith("surname:") or len(idx) < 2:
            continue
        full = [i for i in idx if len(records[i][3].split()) > 1]
        full_roots = {uf.find(records[i][0]) for i in full}
        for i in idx:
            words = records[i][3].split()
            if len(words) == 1:
                if len(full_roots) == 1:
                    j = full[0]
                    join(records[j][0], records[i][0], 0.8,
                         (f"surname {records[i][1]} of the only full name {records[j][1]}",))
                continue
            for j in full:
                if j <= i or uf.find(records[i][0]) == uf.find(records[j][0]):
                    continue
                wj = records[j][3].split()
                if _first_names_compatible(words[:-1], wj[:-1]) and words[0][0] == wj[0][0]:
                    score = jellyfish.jaro_winkler_similarity(records[i][3], records[j][3])
                    if score >= 0.85:
                        join(records[j][0], records[i][0], score,
                             (f"same surname, compatible given names: {records[i][1]} ~ {records[j][1]}",))
    groups: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        groups[uf.find(rec[0])].append(i)
    entities: list[CrossEntity] = []
    entity_of: dict[tuple[str, str], str] = {}
    for root, idx in groups.items():
        names = Counter(records[i][1] for i in idx)
        name = max(names, key=lambda n: (names[n], len(n)))
        types = Counter(records[i][4] for i in idx)
        members = tuple(sorted(_split_member_key(records[i][0]) for i in idx))
        eid = _short_id("N", min(records[i][0] for i in idx))
        entities.append(CrossEntity(eid, name, types.most_common(1)[0][0], members,
                                    tuple(sorted(names)), tuple(merges.get(root, []))))
        for member in members:
            entity_of[member] = eid
    entities.sort(key=lambda e: e.members[0])
    return entities, entity_of


def _split_member_key(key: str) -> tuple[str, str]:
    """``"article_id:entity_id"`` -> ``(article_id, entity_id)``; the article id may itself contain colons."""
    article_id, entity_id = key.rsplit(":", 1)
    return article_id, entity_id


def _constraints(corrections: Sequence[Correction], accept) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Must-link and cannot-link pairs from corrections; a later correction about a pair wins."""
    latest: dict[frozenset, str] = {}
    pairs: dict[frozenset, tuple[str, str]] = {}
    for c in corrections:
        if c.action not in ("merge", "split"):
            raise ValueError(f"correction action {c.action!r} is not one of: merge, split")
        if not (accept(c.a) and accept(c.b)):
            continue
        key = frozenset((c.a, c.b))
        latest[key] = c.action
        pairs[key] = (c.a, c.b)
    must = [pairs[k] for k, v in latest.items() if v == "merge"]
    cannot = [pairs[k] for k, v in latest.items() if v == "split"]
    return must, cannot


# ---------------------------------------------------------------------------
# Time
# ---------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_TEXT_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+)?(?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?\s+(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+)?)?(?P<year>(?:19|20)\d{2})\b", re.I)


def _text_interval(text: str) -> tuple[date, date] | None:
    """An explicit absolute date written out ("March 3, 2011", "2008") when no value was normalised."""
    m = _TEXT_DATE.search(text)
    if not m:
        return None
    year = int(m.group("year"))
    month = _MONTHS.get((m.group("mon") or "").lower()[:4].rstrip(".")) or _MONTHS.get((m.group("mon") or "")[:3].lower())
    day = m.group("d1") or m.group("d2")
    try:
        if month and day:
            d = date(year, month, int(day))
            return d, d
        if month:
            return date(year, month, 1), _month_end(year, month)
    except ValueError:
        pass
    return date(year, 1, 1), date(year, 12, 31)


def _time_expr_interval(t: TimeExpr) -> tuple[date, date] | None:
    if t.range_start or t.range_end:
        a, b = time_interval(t.range_start), time_interval(t.range_end)
        first, last = a or b, b or a  # both set when either is
        if first is not None and last is not None:
            return first[0], last[1]
    if t.value:
        return time_interval(t.value)
    return _text_interval(t.text)


def _fmt_interval(iv: tuple[date, date]) -> str:
    a, b = iv
    if a == b:
        return a.isoformat()
    if a.day == 1 and b == _month_end(b.year, b.month):
        if a.month == 1 and b.month == 12 and a.year == b.year:
            return str(a.year)
        if a.year == b.year and a.month == b.month:
            return f"{a.year}-{a.month:02d}"
    return f"{a.isoformat()}/{b.isoformat()}"


def _compare_times(a: tuple[date, date] | None, b: tuple[date, date] | None, slack: int = 3) -> tuple[int, str]:
    """+1 with a reason when the intervals agree, -1 when they cannot overlap, 0 when unknown."""
    if a is None or b is None:
        return 0, ""
    if a[1] + timedelta(days=slack) < b[0] or b[1] + timedelta(days=slack) < a[0]:
        return -1, f"time {_fmt_interval(a)} vs {_fmt_interval(b)} (disjoint)"
    if b[0] <= a[0] and a[1] <= b[1]:
        return 1, (f"same time {_fmt_interval(a)}" if a == b else f"time {_fmt_interval(a)} within {_fmt_interval(b)}")
    if a[0] <= b[0] and b[1] <= a[1]:
        return 1, f"time {_fmt_interval(b)} within {_fmt_interval(a)}"
    return 1, f"time {_fmt_interval(a)} overlaps {_fmt_interval(b)}"


# ---------------------------------------------------------------------------
# Near duplicates
# ---------------------------------------------------------------------------

def _shingles(text: str, k: int = 5) -> set[str]:
    words = re.findall(r"\w+", anyascii(text).lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def find_versions(results: Sequence[ArticleResult], *, threshold: float = DEFAULT_CONFIG.duplicate_jaccard,
                  num_perm: int = DEFAULT_CONFIG.num_perm, cannot: Iterable[tuple[str, str]] = (),
                  ) -> tuple[dict[str, str], list[Merge]]:
    """Near-duplicate articles as versions of one story.

    Args:
        results: processed articles.
        threshold: Jaccard similarity of word 5-shingles above which two articles are versions.
        num_perm: MinHash permutations.
        cannot: article pairs a user split by hand; they are never versions of each other.

    Returns a map from each duplicate article id to its canonical article id (the
    latest published, then the longest), and the merges with their reasons.
    MinHash LSH makes candidate search near-linear; candidates are confirmed
    with the exact Jaccard similarity of their shingle sets.
    """
    from datasketch import MinHash, MinHashLSH  # imported here: only this step needs it

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    shingles: dict[str, set[str]] = {}
    by_id = {}
    for r in results:
        aid = r.article.id
        if aid in shingles:
            continue
        sh = _shingles(r.article.text)
        shingles[aid] = sh
        mh = MinHash(num_perm=num_perm)
        mh.update_batch([s.encode() for s in sh])
        lsh.insert(aid, mh)
        by_id[aid] = (r, mh)
    blocked = {frozenset(p) for p in cannot}
    uf = _UnionFind()
    merges: list[Merge] = []
    for aid, (r, mh) in by_id.items():
        for other in lsh.query(mh):
            if other <= aid or frozenset((aid, other)) in blocked:
                continue
            a, b = shingles[aid], shingles[other]
            jac = len(a & b) / len(a | b) if a | b else 0.0
            if jac >= threshold:
                uf.union(aid, other)
                merges.append(Merge(aid, other, jac, (f"near-duplicate text (Jaccard {jac:.2f})",)))
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in by_id:
        groups[uf.find(aid)].append(aid)
    versions: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue

        def rank(aid: str) -> tuple:
            art = by_id[aid][0].article
            return (art.published or "", len(art.text), aid)

        canonical = max(members, key=rank)
        for aid in members:
            if aid != canonical:
                versions[aid] = canonical
    return versions, merges


# ---------------------------------------------------------------------------
# Article profiles and story clustering
# ---------------------------------------------------------------------------

_FAMILY = {"ASSAULT": "violence", "COERCE": "coerce"}  # other types are their own family
_COERCE_FAMILY = {"occupy": "territory", "base": "territory", "curfew": "restriction", "restrict": "restriction",
                  "expel": "restriction", "confiscate": "restriction", "disrupt-weapons": "restriction"}
_REAL = {"occurred", "claimed"}


@dataclass
class _Profile:
    aid: str
    vector: dict[str, float]
    top_terms: list[str]
    entities: dict[str, str]  # cross-entity id -> display name
    roles: dict[str, str]  # cross-entity id -> "agent" | "target"
    places: dict[str, str]
    types: set[str]
    time: tuple[date, date] | None
    place_points: list[_PlacePoint]  # geocoded places: where each is, and at what precision
    key: set[str] = field(default_factory=set)  # prominent people and organisations
    time_own: bool = False  # the time is an event's own, not the publication window
    event_countries: frozenset[str] = frozenset()  # where the foreground events happened (country codes)
    event_places: frozenset[str] = frozenset()  # … and the words that say so


def _published_interval(result: ArticleResult) -> tuple[date, date] | None:
    art = result.article
    value = art.published or (art.published_inferred.value if art.published_inferred else None)
    return time_interval(value)


def _event_interval(result: ArticleResult, event: Event, window: int) -> tuple[tuple[date, date] | None, str]:
    """An event's own time; a foreground event without one happened shortly before publication."""
    if event.time_range_start or event.time_range_end:  # "since X … as of Y": the whole period
        a, b = time_interval(event.time_range_start), time_interval(event.time_range_end)
        first, last = a or b, b or a  # both set when either is
        if first is not None and last is not None:
            return (first[0], last[1]), "own"
    times = {t.id: t for t in result.times}
    if event.time and event.time in times:
        iv = _time_expr_interval(times[event.time])
        if iv:
            return iv, "own"
    iv = time_interval(event.time_value)
    if iv:
        return iv, "own"
    if not event.background:
        pub = _published_interval(result)
        if pub and pub[0] == pub[1]:
            return (pub[0] - timedelta(days=window), pub[1]), "published"
    return None, "none"


def _main_time(result: ArticleResult, window: int, text_years: bool = True,
               lead_chars: int = DEFAULT_CONFIG.lead_chars) -> tuple[date, date] | None:
    """The article's main time: the own times of the foreground events its lead tells, else the
    publication window, else the explicit date the text names most often (for undated text).

    Only the lead counts because a news story tells its news first (the inverted pyramid); a date deeper
    in the text more often dates back-story the event extractor took for foreground ("convicted in June
    1998", "their first fight in 2008"), and two such dates would set apart two reports of one incident.
    """
    lead_end = _lead_start(result.article) + lead_chars
    own = []
    for ev in result.events:
        if ev.background or ev.modality not in _REAL or ev.trigger_start >= lead_end:
            continue
        iv, how = _event_interval(result, ev, window)
        if iv and how == "own":
            own.append(iv)
    if own:
        return min(own, key=lambda iv: (iv[1] - iv[0], iv[0]))
    published = _publication_window(result, window)
    if published:
        return published
    if not text_years:
        return None
    years: Counter = Counter()
    for t in result.times:
        iv = _time_expr_interval(t)
        if iv:
            years[iv[0].year] += 1
    if not years:
        for m in _TEXT_DATE.finditer(result.article.text[:3000]):
            years[int(m.group("year"))] += 1
    if not years:
        return None
    year = max(years, key=lambda y: (years[y], y))
    return date(year, 1, 1), date(year, 12, 31)


def _lead_start(article: Article) -> int:
    """Where the body starts: after the title when the text begins with it."""
    title = article.title or ""
    return len(title) if title and article.text.startswith(title) else 0


def _publication_window(result: ArticleResult, window: int) -> tuple[date, date] | None:
    """The ``window`` days up to publication: when an undated foreground event is taken to have happened."""
    pub = _published_interval(result)
    return (pub[0] - timedelta(days=window), pub[1]) if pub else None


def _profiles(results: Sequence[ArticleResult], entity_of: dict[tuple[str, str], str],
              entity_names: dict[str, str], config: ClusterConfig) -> list[_Profile]:
    raw_tf: list[defaultdict[str, float]] = []
    df: Counter = Counter()
    for r in results:
        title = r.article.title or ""
        body = r.article.text
        if title and body.startswith(title):
            body = body[len(title):]
        tf: defaultdict[str, float] = defaultdict(int)  # int counts, plus the (float) title weight
        for w in _tokens(body):
            tf[w] += 1
        for w in _tokens(title):
            tf[w] += config.title_weight
        raw_tf.append(tf)
        df.update(tf.keys())
    n = len(results)
    profiles = []
    for r, tf in zip(results, raw_tf):
        vec = {w: (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 1)) + 1) for w, c in tf.items()}
        if config.name_boost != 1.0:
            named = {w for e in r.entities if e.type in _RESOLVED_TYPES and e.type != "NORP"
                     for w in _tokens(e.name) if not w.isdigit()}
            vec = {w: v * config.name_boost if w in named else v for w, v in vec.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vec = {w: v / norm for w, v in vec.items()}
        top = [w for w, _ in sorted(vec.items(), key=lambda kv: -kv[1])[:config.top_terms]]
        aid = r.article.id
        ents: dict[str, str] = {}
        places: dict[str, str] = {}
        for e in r.entities:
            cid = entity_of.get((aid, e.id))
            if cid is None:
                continue
            (places if e.type in _PLACE_TYPES else ents)[cid] = entity_names[cid]
        roles: dict[str, str] = {}
        types: set[str] = set()
        for ev in r.events:
            if ev.background or ev.modality not in _REAL:
                continue
            types.add(ev.type)
            for role in ("agent", "target"):
                ref = getattr(ev, role)
                if ref and (aid, ref) in entity_of:
                    roles.setdefault(entity_of[(aid, ref)], role)
        points = [pt for p in r.places if (pt := _place_point(p)) is not None]
        title_l = (r.article.title or "").lower()
        key = {entity_of[(aid, e.id)] for e in r.entities if e.type in {"PERSON", "ORG", "FAC"}
               and (aid, e.id) in entity_of and (len(e.mentions) >= 2 or e.name.lower() in title_l)}
        main = _main_time(r, config.event_time_window_days, config.text_years, config.lead_chars)
        place_by_id = {p.id: p for p in r.places}
        event_places = [p for ev in r.events if not ev.background and ev.modality in _REAL and ev.place
                        and (p := place_by_id.get(ev.place)) is not None and p.country_code and p.type != "DATELINE"]
        towns = [p for p in event_places if p.precision in {"exact", "town"}]
        # one country, told by towns only: "a market in Maiduguri" (not "Somali pirates … off Aden")
        countries = frozenset(p.country_code for p in towns if p.country_code) \
            if len(towns) == len(event_places) and len({p.country_code for p in towns}) == 1 else frozenset()
        profiles.append(_Profile(aid, vec, top, ents, roles, places, types, main, points, key,
                                 time_own=main is not None and main != _publication_window(r, config.event_time_window_days),
                                 event_countries=countries,
                                 event_places=frozenset(name_key(p.text or p.name) for p in event_places)))
    return profiles


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


# Precisions whose coordinates name a point (a site, a town, a district's seat): only these are compared in km.
_POINT_PRECISIONS = frozenset({"exact", "town", "district"})
_NEAR_KM = 50.0


@dataclass(frozen=True)
class _PlacePoint:
    """A geocoded place as the story links compare it."""

    point: tuple[float, float] | None  # (lat, lon)
    name: str
    precision: str | None
    country_code: str | None
    admin1: str | None


def _place_point(place: Place) -> _PlacePoint | None:
    """The comparable form of a resolved place, or None when the geocoder gave neither a point nor a country."""
    if (place.lat is None or place.lon is None) and not place.country_code:
        return None
    point = (place.lat, place.lon) if place.lat is not None and place.lon is not None else None
    return _PlacePoint(point, place.name, place.precision, place.country_code, place.admin1)


def _nearness(a: _PlacePoint, b: _PlacePoint) -> tuple[float, str] | None:
    """How near two places are (1 = the same spot, 0 = 50 km apart) and why, or None when they are not near.

    Two points (sites, towns, districts) are compared in km.  A country or a province has no point that
    means anything (the gazetteer's representative point is a centroid), so it is compared by its codes,
    never in km: two countries are near when they are one country, and a province is near the same
    province or a point inside it (same country and first-level division).  A country is near no town or
    province: nearly every report of a country's news names the country, so lying in it tells nothing.
    A region without codes ("Europe", "the Gulf") is near nothing.  A place geocoded without a precision
    (a result stored before precisions existed) counts as a point.
    """
    if a.point and b.point and _is_point(a) and _is_point(b):
        km = _km(a.point, b.point)
        return (1 - km / _NEAR_KM, f"place {km:.0f} km apart") if km <= _NEAR_KM else None
    if not a.country_code or a.country_code != b.country_code:
        return None
    if a.precision == b.precision == "country":
        return 1.0, f"same country {a.country_code}"
    if "province" in (a.precision, b.precision) and {a.precision, b.precision} <= _POINT_PRECISIONS | {"province"} \
            and a.admin1 and a.admin1 == b.admin1:
        return 1.0, f"same province {a.admin1} ({a.country_code})"
    return None


def _far_namesakes(a: _PlacePoint, b: _PlacePoint) -> bool:
    """Two resolved places that cannot be one place, whatever their names: in two countries ("Iraq" and
    "Uruguay"), or two towns over 100 km apart ("Paris" in France and in Texas)."""
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return True
    return bool(a.point and b.point and _is_point(a) and _is_point(b) and _km(a.point, b.point) > 100)


def _is_point(p: _PlacePoint) -> bool:
    return p.precision in _POINT_PRECISIONS or p.precision is None


def _score_pair(a: _Profile, b: _Profile, idf: dict[str, float], config: ClusterConfig,
                ) -> tuple[float, tuple[str, ...]]:
    """The link score of two articles and its reasons."""
    reasons: list[str] = []
    score = 0.0
    shared_types = sorted(a.types & b.types)
    if shared_types:
        score += config.w_type
        reasons.append(f"same type {'/'.join(shared_types)}")
    shared_places = set(a.places) & set(b.places)
    if shared_places:
        score += config.w_place
        best = max(shared_places, key=lambda k: idf.get(k, 0))
        reasons.append(f"same place {a.places[best]}")
    else:
        near = max((n for p in a.place_points for q in b.place_points if (n := _nearness(p, q)) is not None),
                   key=lambda n: n[0], default=None)
        if near is not None:
            score += config.w_place * near[0]
            reasons.append(near[1])
    verdict, why = _compare_times(a.time, b.time)
    if verdict > 0:
        score += config.w_time_match
        reasons.append(why)
    elif verdict < 0 and (a.time_own or b.time_own):
        score -= config.time_conflict
        reasons.append(why)
    if config.place_conflict and a.event_countries and b.event_countries \
            and not a.event_countries & b.event_countries and not a.event_places & b.event_places:
        score -= config.place_conflict
        reasons.append(f"events in {'/'.join(sorted(a.event_countries))} vs {'/'.join(sorted(b.event_countries))}")
    shared = set(a.entities) & set(b.entities)
    if shared:
        wa = math.sqrt(sum(idf.get(k, 1.0) ** 2 for k in a.entities))
        wb = math.sqrt(sum(idf.get(k, 1.0) ** 2 for k in b.entities))
        ent = sum(idf.get(k, 1.0) ** 2 for k in shared) / (wa * wb)
        score += config.w_entities * ent
        named = sorted(shared, key=lambda k: -idf.get(k, 0))[:3]
        parts = []
        for k in named:
            role = a.roles.get(k) if a.roles.get(k) == b.roles.get(k) else None
            parts.append(f"{role} {a.entities[k]}" if role else a.entities[k])
        reasons.append("shared " + ", ".join(parts) + f" (participants {ent:.2f})")
    if config.key_conflict and a.key and b.key and not (a.key & b.key):
        score -= config.key_conflict
        reasons.append("no key participant in common")
    text = _cosine(a.vector, b.vector)
    score += config.w_text * text
    reasons.append(f"text similarity {text:.2f}")
    return score, tuple(reasons)


def _candidate_pairs(profiles: list[_Profile], config: ClusterConfig) -> list[tuple[int, int]]:
    """Blocking: articles sharing a rare term, a resolved entity, or an event type and year.

    Keys held by more than ``max_block`` articles are skipped (they separate
    nothing); each article keeps its ``max_candidates`` partners sharing most
    keys.  Cost O(n · keys · max_block) to count, O(n · max_candidates) pairs.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    keys_of: list[list[str]] = []
    for i, p in enumerate(profiles):
        keys = [f"t:{w}" for w in p.top_terms] + [f"e:{k}" for k in p.entities] + [f"p:{k}" for k in p.places]
        if p.time:
            keys += [f"y:{t}:{p.time[0].year}" for t in p.types]
        keys_of.append(keys)
        for k in keys:
            postings[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, keys in enumerate(keys_of):
        shared: Counter = Counter()
        for k in keys:
            post = postings[k]
            if len(post) > config.max_block or len(post) < 2:
                continue
            for j in post:
                if j != i:
                    shared[j] += 1
        for j, _ in shared.most_common(config.max_candidates):
            pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _average_linkage(n: int, edges: dict[tuple[int, int], float], threshold: float,
                     must: Iterable[tuple[int, int]] = (), cannot: Iterable[tuple[int, int]] = (),
                     cohesion_ratio: float = 0.0, cohesion_min: int = 4,
                     veto: Callable[[list[int], list[int]], bool] | None = None,
                     ) -> tuple[list[int], list[tuple[int, int, float]]]:
    """Sparse average-linkage (UPGMA) where a missing edge counts as similarity 0.

    Returns a cluster label per item and the merges made as (i, j, average).
    Each merge updates only the neighbours of the two clusters, so the cost is
    O(E log E) for E edges.  Must-link pairs are joined first; a merge that
    would put a cannot-link pair together is refused.  With ``cohesion_ratio``
    r > 0, two groups of two or more also need an average link of at least
    r times each group's own cohesion (its mean internal link): a relative
    test that keeps apart two tight groups about similar incidents.  ``veto``
    (given the two groups' members) refuses a merge the scores allow; like the
    cohesion test, it is asked again when either group grows.
    """
    size = [1] * n
    intra = [0.0] * n
    label = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    nbr: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in edges.items():
        nbr[i][j] = nbr[i].get(j, 0.0) + s
        nbr[j][i] = nbr[j].get(i, 0.0) + s
    banned: dict[int, set[int]] = defaultdict(set)
    for i, j in cannot:
        banned[i].add(j)
        banned[j].add(i)
    merges: list[tuple[int, int, float]] = []
    adj: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in edges.items():
        adj[i][j] = adj[j][i] = s

    def strongest(a: int, b: int) -> tuple[int, int]:
        """The best single link between clusters a and b, to explain their merge."""
        small, big = (a, b) if size[a] <= size[b] else (b, a)
        found = max(((adj[x][y], x, y) for x in members[small] for y in adj[x] if label[y] == big), default=None)
        return (found[1], found[2]) if found else (members[a][0], members[b][0])

    def merge(a: int, b: int) -> int:
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for x in members[b]:
            label[x] = a
        members[a].extend(members.pop(b))
        intra[a] += intra[b] + nbr[a].get(b, 0.0)
        size[a] += size[b]
        banned[a] |= banned.pop(b, set())
        for x in list(banned[a]):
            banned[x].discard(b)
            banned[x].add(a)
        nb = nbr.pop(b, {})
        na = nbr[a]
        na.pop(b, None)
        for c, s in nb.items():
            if c == a:
                continue
            na[c] = na.get(c, 0.0) + s
            nbr[c].pop(b, None)
            nbr[c][a] = na[c]
        return a

    for i, j in must:
        a, b = label[i], label[j]
        if a != b and b not in banned[a]:
            merges.append((i, j, 1.0))
            merge(a, b)
    heap: list[tuple[float, int, int, int, int]] = []
    for a, neighbours in nbr.items():
        for b, s in neighbours.items():
            if a < b and s / (size[a] * size[b]) >= threshold:
                heapq.heappush(heap, (-s / (size[a] * size[b]), a, b, size[a], size[b]))
    while heap:
        neg, a, b, sa, sb = heapq.heappop(heap)
        if a not in members or b not in members or size[a] != sa or size[b] != sb:
            continue  # stale entry: one side has changed since it was pushed
        if b in banned[a]:
            continue
        if cohesion_ratio and any(size[c] >= cohesion_min and -neg < cohesion_ratio * intra[c] / (size[c] * (size[c] - 1) / 2)
                                  for c in (a, b)):
            continue  # re-pushed if either side grows
        if veto is not None and veto(members[a], members[b]):
            continue  # re-pushed if either side grows
        x0, y0 = strongest(a, b)
        merges.append((x0, y0, -neg))
        root = merge(a, b)
        for c, s in nbr[root].items():
            avg = s / (size[root] * size[c])
            if avg >= threshold:
                x, y = (root, c) if root < c else (c, root)
                heapq.heappush(heap, (-avg, x, y, size[x], size[y]))
    return label, merges


def cluster_stories(results: Sequence[ArticleResult], corrections: Sequence[Correction] = (),
                    config: ClusterConfig = DEFAULT_CONFIG, *, entity_of: dict[tuple[str, str], str] | None = None,
                    entities: list[CrossEntity] | None = None, versions: dict[str, str] | None = None,
                    ) -> tuple[list[list[str]], list[list[Merge]], dict[str, str]]:
    """Cluster articles into stories (one real incident each).

    Args:
        results: processed articles.
        corrections: ``merge``/``split`` corrections between article ids.
        config: weights and thresholds.
        entity_of, entities, versions: results of ``resolve_entities`` and
            ``find_versions`` when the caller already has them.

    Returns the stories (lists of canonical article ids), the merges that built
    each story, and the version map (duplicate id -> canonical id).
    """
    article_ids = {r.article.id for r in results}
    must, cannot = _constraints(corrections, lambda k: k in article_ids)
    if versions is None:
        versions, _ = find_versions(results, threshold=config.duplicate_jaccard, num_perm=config.num_perm,
                                    cannot=cannot)
    if entity_of is None or entities is None:
        entities, entity_of = resolve_entities(results, corrections)
    names = {e.id: e.name for e in entities}
    canon = [r for r in results if r.article.id not in versions]
    unique: dict[str, ArticleResult] = {}
    for r in canon:
        unique.setdefault(r.article.id, r)  # the first result for each article id, in order
    canon = list(unique.values())
    profiles = _profiles(canon, entity_of, names, config)
    index = {p.aid: i for i, p in enumerate(profiles)}
    df: Counter = Counter()
    for p in profiles:
        df.update(p.entities.keys())
        df.update(p.places.keys())
    n = len(profiles)
    idf = {k: math.log((n + 1) / (c + 1)) + 1 for k, c in df.items()}
    edges: dict[tuple[int, int], float] = {}
    reasons: dict[tuple[int, int], tuple[str, ...]] = {}
    for i, j in _candidate_pairs(profiles, config):
        s, why = _score_pair(profiles[i], profiles[j], idf, config)
        if s > 0:
            edges[(i, j)] = s
            reasons[(i, j)] = why

    def to_index(aid: str) -> int:
        return index[versions.get(aid, aid)]

    must_i = [(to_index(a), to_index(b)) for a, b in must]
    cannot_i = [(to_index(a), to_index(b)) for a, b in cannot]
    label, made = _average_linkage(n, edges, config.threshold, must_i, cannot_i, config.cohesion_ratio,
                                   config.cohesion_min, _own_participants_veto(profiles, config))
    clusters: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(label):
        clusters[lab].append(i)
    merges_of: dict[int, list[Merge]] = defaultdict(list)
    must_set = {frozenset(p) for p in must_i}
    for i, j, avg in made:
        lab = label[i]
        if frozenset((i, j)) in must_set and avg == 1.0:
            merges_of[lab].append(Merge(profiles[i].aid, profiles[j].aid, 1.0, ("merged by hand",)))
            continue
        merges_of[lab].append(_explain_link(i, j, avg, reasons, profiles))
    stories, story_merges = [], []
    for lab, idx in sorted(clusters.items(), key=lambda kv: min(profiles[i].aid for i in kv[1])):
        stories.append([profiles[i].aid for i in idx])
        story_merges.append(merges_of.get(lab, []))
    return stories, story_merges, versions


def _own_participants_veto(profiles: list[_Profile], config: ClusterConfig,
                           ) -> Callable[[list[int], list[int]], bool] | None:
    """A test that two large groups tell two incidents: each has its own key participant.

    A key participant (a person, organisation or site named twice or in the title) whom at least
    ``own_key_share`` of one group's reports name, while no report of the other names them at all, is
    that group's own; when both groups have one, they tell of different people in the same kind of
    incident (a club firing one coach, and the same club firing his predecessor years before, told in
    the same words).  Only groups of ``cohesion_min`` or more reports are compared, so that a share means
    something; a smaller group joins on its scores alone.
    """
    if not config.own_key_share:
        return None

    def own_key(group: list[int], other: list[int]) -> bool:
        named = {k for i in other for k in profiles[i].entities}
        counts = Counter(k for i in group for k in profiles[i].key if k not in named)
        return any(c >= config.own_key_share * len(group) for c in counts.values())

    def veto(a: list[int], b: list[int]) -> bool:
        if len(a) < config.cohesion_min or len(b) < config.cohesion_min:
            return False
        return own_key(a, b) and own_key(b, a)

    return veto


def _explain_link(i: int, j: int, avg: float, reasons: dict[tuple[int, int], tuple[str, ...]],
                  profiles: list[_Profile]) -> Merge:
    """A merge of two groups, explained by the strongest article link between them."""
    key = (i, j) if i < j else (j, i)
    why = reasons.get(key)
    if why is None:
        return Merge(profiles[i].aid, profiles[j].aid, avg, (f"average link {avg:.2f} across the two groups",))
    return Merge(profiles[i].aid, profiles[j].aid, avg, why + (f"average link {avg:.2f}",))


# ---------------------------------------------------------------------------
# Counts
# ---------------------------------------------------------------------------

_INJURY_WORDS = re.compile(r"\b(wound|injur|hurt|hospitali)", re.I)
COUNT_RULE = ("min = highest credible minimum; max = highest credible maximum (never below min); "
              "best = median of credible best figures, clipped to [min, max]")


def _figure_kind(event: Event, count: Count | None, sentence: str = "") -> str:
    """What a figure counts: the event's own words decide first, its sentences only after."""
    core = " ".join(x for x in (event.mode, event.trigger, count.what if count else None,
                                count.text if count else None) if x)
    kill = re.compile(r"\b(kill|dead|die|death|murder|massacre|slaughter)", re.I)
    if event.mode == "injury":
        return "injured"
    if event.type == "COERCE" and event.mode == "execution":
        return "executed"  # death sentences carried out by a state, told apart from killings
    if event.type == "ASSAULT" and (event.mode in {"killing", "mass-killing", "execution"} or kill.search(core)):
        return "killed"
    if _INJURY_WORDS.search(core):
        return "injured"
    if event.type == "ASSAULT":
        # A merged event's sentences may tell of both the dead and the wounded; the dead come first.
        if kill.search(sentence):
            return "killed"
        if _INJURY_WORDS.search(sentence):
            return "injured"
        return "affected"
    return event.type.lower()


def reconcile_counts(figures: Sequence[SourceFigure]) -> tuple[CountRange, ...]:
    """Reconcile the figures of one incident, per kind, IBC-style.

    Args:
        figures: every source's figure, credible or not.

    Rule (Iraq Body Count): min = the highest credible minimum any source
    reports (later, fuller reports raise it; an early low figure does not
    lower it); max = the highest credible maximum, and never below min;
    best = the median of the credible best figures, clipped to [min, max].
    A figure is credible when the event is told as having occurred or as
    a claim by a third party; denials, threats, plans and a perpetrator's
    own claim stay listed but do not move the range.  Kinds are ordered
    killed, injured, then others.
    """
    by_kind: dict[str, list[SourceFigure]] = defaultdict(list)
    claims_only: dict[str, list[SourceFigure]] = defaultdict(list)
    for f in figures:
        if f.credible:
            by_kind[f.kind].append(f)
        elif f.note is None or "claim" in (f.note or ""):
            claims_only[f.kind].append(f)
    # A kind known only from a party's own claim ("the group claimed to have executed 1,700") still gets a
    # range, from those claims, and says so in its rule: a user must see the figure and whose it is.
    fallback = {kind: fs for kind, fs in claims_only.items() if kind not in by_kind}
    out = []
    for kind in sorted(set(by_kind) | set(fallback), key=lambda k: ({"killed": 0, "injured": 1}.get(k, 2), k)):
        fs = by_kind.get(kind) or fallback[kind]
        rule = COUNT_RULE if kind in by_kind else COUNT_RULE + ". No credible third-party figure: the range " \
            "comes only from a party's own claim."
        mins = [f.min if f.min is not None else f.best for f in fs]
        maxs = [f.max if f.max is not None else f.best for f in fs]
        bests = [f.best for f in fs if f.best is not None]
        lo = max((m for m in mins if m is not None), default=None)
        hi = max((m for m in maxs if m is not None), default=None)
        if lo is not None and (hi is None or hi < lo):
            hi = lo
        best = median(bests) if bests else lo
        if best is not None:
            if lo is not None:
                best = max(best, lo)
            if hi is not None:
                best = min(best, hi)
        out.append(CountRange(kind, lo, best, hi, rule))
    return tuple(out)


def _figures(result: ArticleResult, events: Iterable[Event], agent_ids: set[str],
             entity_of: dict[tuple[str, str], str], version_of: str | None) -> list[SourceFigure]:
    counts = {c.id: c for c in result.counts}
    out = []
    aid = result.article.id
    for ev in events:
        count = counts.get(ev.count) if ev.count else None
        if count is None and ev.count_best is None:
            continue
        lo = count.min if count else None
        best = count.best if count else ev.count_best
        hi = count.max if count else None
        claimant = (count.claimed_by_text if count and count.claimed_by_text else None) or ev.claimed_by_text
        claimant_id = (count.claimed_by if count and count.claimed_by else None) or ev.claimed_by
        credible, note = True, None
        if ev.modality not in _REAL:
            credible, note = False, f"event is {ev.modality}"
        elif claimant_id and entity_of.get((aid, claimant_id)) in agent_ids:
            credible, note = False, "claimed by the perpetrator"
        if version_of:
            credible, note = False, f"version of {version_of}"
        sentence = " ".join(result.article.text[s.start:s.end] for s in ev.evidence)
        out.append(SourceFigure(aid, ev.id, count.id if count else None, count.text if count else str(best),
                                lo, best, hi, _figure_kind(ev, count, sentence), claimant, credible, note))
    return out


# ---------------------------------------------------------------------------
# Incidents
# ---------------------------------------------------------------------------

@dataclass
class _Group:
    """An incident being built."""

    type: str | None
    members: list[tuple[str, str | None]]
    intervals: list[tuple[date, date]]
    story: int | None
    merges: list[Merge]
    background_only: bool = False
    family: str | None = None  # the type family its events share (``_family``)
    entities: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    words: Counter = field(default_factory=Counter)
    scenes: list[tuple[str, _PlacePoint]] = field(default_factory=list)  # (article, place) of its foreground events


def _family(event_type: str | None, mode: str | None = None) -> str | None:
    """The kind of incident an event belongs to: violence, arrests and trials, territory taken, restrictions …

    A conviction and the recapture of a city are both COERCE in PLOVER, but not one incident.
    """
    if not event_type:
        return None
    if event_type == "COERCE" and mode in _COERCE_FAMILY:
        return _COERCE_FAMILY[mode]
    return _FAMILY.get(event_type, event_type)


def _incident_family(ev: Event) -> str | None:
    """The family, kept apart by period for a tally ("45 sentences carried out since the start of 2016"):
    a count over a period sums many incidents and is never one of them."""
    family = _family(ev.type, ev.mode)
    if ev.time_range_start or ev.time_range_end:
        return f"{family}|tally:{ev.time_range_start or ''}..{ev.time_range_end or ''}"
    return family


def _event_scene(result: ArticleResult, ev: Event) -> _PlacePoint | None:
    """Where an event happened, as the places are compared; the dateline is only where the report was filed."""
    place = next((p for p in result.places if p.id == ev.place), None) if ev.place else None
    if place is None or place.type == "DATELINE":
        return None
    return _place_point(place)


def _scene_conflict(scene: _PlacePoint | None, group: _Group, aid: str) -> _PlacePoint | None:
    """The group's place an event's place rules out, or None when they may be one scene.

    Only a clear conflict told by one article counts (``_far_namesakes``): a point (site, town) over 100 km
    from every point the same article gives the group's events, or, when either side has no point, a
    country none of them lies in.  Articles geocode and place events each their own way (on ECB+ dev,
    comparing across articles split one incident's reports: Surrey in England and in Canada), so
    another article's place never splits.  A country or a province holds the towns in it, so it neither
    splits them nor joins a far town to them; an event without a place joins as before.
    """
    if scene is None:
        return None
    own = [q for a, q in group.scenes if a == aid]
    points = [q for q in own if q.point and _is_point(q)] if scene.point and _is_point(scene) else []
    compared = points or [q for q in own if q.country_code]
    if not compared or not all(_far_namesakes(scene, q) for q in compared):
        return None
    return compared[0]


def _same_scene(scene: _PlacePoint | None, group: _Group) -> bool:
    """Whether any report puts one of the group's events at or near this event's place (or in its country)."""
    return scene is not None and any(not _far_namesakes(scene, q) for _, q in group.scenes)


def _describe_scene(p: _PlacePoint) -> str:
    return f"{p.name} ({p.country_code})" if p.country_code else p.name


def _group_time(intervals: list[tuple[date, date]]) -> tuple[date, date] | None:
    """The narrowest interval consistent with every member, else the hull of them all."""
    if not intervals:
        return None
    lo, hi = max(i[0] for i in intervals), min(i[1] for i in intervals)
    if lo <= hi:
        return lo, hi
    return min(i[0] for i in intervals), max(i[1] for i in intervals)


def _event_words(result: ArticleResult, ev: Event) -> Counter:
    text = " ".join(result.article.text[s.start:s.end] for s in ev.evidence) or ev.trigger
    return Counter(_tokens(text))


def _words_cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _score_background(ev: Event, iv: tuple[date, date] | None, ents: set[str], places: set[str], words: Counter,
                      group: _Group, names: dict[str, str]) -> tuple[float, tuple[str, ...]]:
    """How well a background mention fits an incident: type, time, place, participants, words."""
    reasons = [f"same type {ev.type}"]
    score = 0.1
    verdict, why = _compare_times(iv, _group_time(group.intervals), slack=31)
    if verdict < 0:
        return -1.0, (why,)
    if verdict > 0:
        score += 0.3
        reasons.append(why)
    shared_places = places & group.places
    if shared_places:
        score += 0.25
        reasons.append("same place " + ", ".join(sorted(names.get(p, p) for p in shared_places)[:2]))
    shared = ents & group.entities
    if shared:
        score += min(0.3, 0.15 * len(shared))
        reasons.append("shared " + ", ".join(sorted(names.get(e, e) for e in shared)[:3]))
    text = _words_cosine(words, group.words)
    score += 0.4 * text
    reasons.append(f"text similarity {text:.2f}")
    return score, tuple(reasons)


def cluster_incidents(results: Iterable[ArticleResult], corrections: Sequence[Correction] = (),
                      config: ClusterConfig = DEFAULT_CONFIG) -> Clustering:
    """Cluster the events of many articles into incidents, each merge explained.

    Args:
        results: processed articles (``newsledger.process`` output or ``Store.load``).
        corrections: hand ``merge``/``split`` corrections (articles, ``article:V…`` events,
            ``article:E…`` entities); applied on every run, so they survive re-runs.
        config: weights and thresholds (defaults tuned on ECB+ dev topics).

    Returns a ``Clustering``: incidents (ordered by first member), the article
    stories, resolved entities and near-duplicate versions.
    """
    results = list(results)
    by_id = {r.article.id: r for r in results}
    results = list(by_id.values())
    article_ids = set(by_id)
    _, cannot_articles = _constraints(corrections, lambda k: k in article_ids)
    versions, version_merges = find_versions(results, threshold=config.duplicate_jaccard,
                                             num_perm=config.num_perm, cannot=cannot_articles)
    entities, entity_of = resolve_entities(results, corrections)
    names = {e.id: e.name for e in entities}
    stories, story_merges, _ = cluster_stories(results, corrections, config, entity_of=entity_of,
                                               entities=entities, versions=versions)
    story_of: dict[str, int] = {}
    for s, aids in enumerate(stories):
        for aid in aids:
            story_of[aid] = s
    for dup, canonical in versions.items():
        story_of[dup] = story_of[canonical]
    window = config.event_time_window_days

    # 1. Foreground events: one incident per story and type family, split where times or places conflict.
    groups: list[_Group] = []
    background: list[tuple[ArticleResult, Event]] = []
    for s, aids in enumerate(stories):
        open_groups: dict[str | None, list[_Group]] = defaultdict(list)
        for aid in aids:
            r = by_id[aid]
            typed = False
            for ev in r.events:
                if ev.modality not in _REAL:
                    continue
                if ev.background:
                    background.append((r, ev))
                    continue
                typed = True
                iv, _ = _event_interval(r, ev, window)
                scene = _event_scene(r, ev)
                target = None
                family = _incident_family(ev)
                apart: tuple[_Group, _PlacePoint] | None = None  # the first group only its place kept apart
                fitting: list[_Group] = []
                for g in open_groups[family]:
                    if _compare_times(iv, _group_time(g.intervals))[0] < 0:
                        continue
                    other = _scene_conflict(scene, g, aid)
                    if other is None:
                        fitting.append(g)
                    elif apart is None:
                        apart = (g, other)
                # a place split off by one report draws the other reports' events told there
                target = next((g for g in fitting if _same_scene(scene, g)), fitting[0] if fitting else None)
                if target is None:
                    target = _Group(ev.type, [], [], s, [], family=family)
                    open_groups[family].append(target)
                    groups.append(target)
                    if apart is not None and scene is not None and apart[0].members:
                        # A bombing in Baghdad and one in Kabul told in one story are two incidents: say so.
                        first = apart[0].members[0]
                        target.merges.append(Merge(f"{first[0]}:{first[1]}", f"{aid}:{ev.id}", 0.0, (
                            f"split: place {_describe_scene(scene)} is far from {_describe_scene(apart[1])}",)))
                elif target.members:
                    verdict, why = _compare_times(iv, _group_time(target.intervals))
                    same = "same article" if target.members[0][0] == aid else "same story"
                    target.merges.append(Merge(f"{target.members[0][0]}:{target.members[0][1]}", f"{aid}:{ev.id}",
                                               1.0, (f"same type {ev.type}", same) + ((why,) if why else ())))
                target.members.append((aid, ev.id))
                if iv:
                    target.intervals.append(iv)
                if scene is not None:
                    target.scenes.append((aid, scene))
                _add_context(target, r, ev, entity_of)
            if not typed:
                # An article with no typed event still reports its story: keep it as an untyped member.
                untyped = open_groups.get("__untyped__")
                if not untyped:
                    g = _Group(None, [], [], s, [])
                    open_groups["__untyped__"] = [g]
                    groups.append(g)
                    untyped = [g]
                untyped[0].members.append((aid, None))
                t = _main_time(r, window, lead_chars=config.lead_chars)
                if t:
                    untyped[0].intervals.append(t)
        # The story's merges explain its incidents; an untyped group merges into the main typed one.
        typed_groups = [g for fam, gs in open_groups.items() if fam != "__untyped__" for g in gs]
        if "__untyped__" in open_groups and typed_groups:
            main = max(typed_groups, key=lambda g: len({m[0] for m in g.members}))
            main.members.extend(open_groups["__untyped__"][0].members)
            groups.remove(open_groups["__untyped__"][0])
        if typed_groups or "__untyped__" in open_groups:
            main = max(typed_groups, key=lambda g: len({m[0] for m in g.members})) if typed_groups \
                else open_groups["__untyped__"][0]
            main.merges[:0] = story_merges[s]

    # 2. Background mentions attach to the best incident of the same type family, or start their own.
    # Blocking: only incidents sharing the family and a place, a participant or a year are scored.
    index: dict[str, list[int]] = defaultdict(list)
    for gi, g in enumerate(groups):
        if g.type:
            for key in _group_keys(g.family or "", g.entities, g.places, _group_time(g.intervals)):
                index[key].append(gi)
    for r, ev in background:
        aid = r.article.id
        iv, _ = _event_interval(r, ev, window)
        ents, places = _event_entities(r, ev, entity_of)
        words = _event_words(r, ev)
        best: int | None = None
        best_score = config.background_threshold
        best_why: tuple[str, ...] = ()
        fam = _family(ev.type, ev.mode) or ""
        candidates = sorted({gi for key in _group_keys(fam, ents, places, iv)
                             if len(index.get(key, ())) <= config.max_block for gi in index.get(key, ())})
        for gi in candidates:
            g = groups[gi]
            if g.story == story_of.get(aid) and not g.background_only:
                continue  # a background mention is about another incident than its own story's
            score, fit = _score_background(ev, iv, ents, places, words, g, names)
            if score >= best_score:
                best, best_score, best_why = gi, score, fit
        if best is None:
            g = _Group(ev.type, [], [], None, [], background_only=True, family=fam)
            groups.append(g)
            for key in _group_keys(fam, ents, places, iv):
                index[key].append(len(groups) - 1)
        else:
            g = groups[best]
            first = g.members[0]
            g.merges.append(Merge(f"{first[0]}:{first[1]}", f"{aid}:{ev.id}", best_score,
                                  ("background mention",) + best_why))
        g.members.append((aid, ev.id))
        if iv:
            g.intervals.append(iv)
        g.entities |= ents
        g.places |= places
        g.words.update(words)

    # 3. Event corrections, applied after clustering so they hold on every run.
    groups = _apply_event_corrections(groups, corrections, versions)

    # 4. Build the incidents.
    version_list: dict[str, list[str]] = defaultdict(list)
    for dup, canonical in versions.items():
        version_list[canonical].append(dup)
    incidents = [_build_incident(g, by_id, version_list, entity_of, names) for g in groups if g.members]
    incidents.sort(key=lambda inc: (inc.time_start or "9999", inc.id))
    entity_list = entities
    return Clustering(incidents, stories, story_of, entity_list, entity_of, versions,
                      [m + [x for x in version_merges if story_of.get(x.left) == i]
                       for i, m in enumerate(story_merges)])


def _group_keys(family: str, entities: set[str], places: set[str], time: tuple[date, date] | None) -> list[str]:
    """Blocking keys of an incident or a background mention: family with a place, a participant or a year."""
    keys = [f"{family}|p:{p}" for p in places] + [f"{family}|e:{e}" for e in entities]
    if time and time[1].year - time[0].year <= 2:
        keys += [f"{family}|y:{y}" for y in range(time[0].year, time[1].year + 1)]
    return keys


def _event_entities(r: ArticleResult, ev: Event, entity_of: dict[tuple[str, str], str]) -> tuple[set[str], set[str]]:
    aid = r.article.id
    ents = {entity_of[(aid, x)] for x in (ev.agent, ev.target) if x and (aid, x) in entity_of}
    places = set()
    place = next((p for p in r.places if p.id == ev.place), None)
    if place is not None and place.entity and (aid, place.entity) in entity_of:
        places.add(entity_of[(aid, place.entity)])
    # Participants named in the event's sentences also count (agents are often pronouns).
    for e in r.entities:
        if (aid, e.id) not in entity_of:
            continue
        for m in e.mentions:
            if any(s.start <= m.start < s.end for s in ev.evidence):
                (places if e.type in _PLACE_TYPES else ents).add(entity_of[(aid, e.id)])
                break
    return ents, places


def _add_context(g: _Group, r: ArticleResult, ev: Event, entity_of: dict[tuple[str, str], str]) -> None:
    ents, places = _event_entities(r, ev, entity_of)
    g.entities |= ents
    g.places |= places
    g.words.update(_event_words(r, ev))


def _apply_event_corrections(groups: list[_Group], corrections: Sequence[Correction],
                             versions: dict[str, str]) -> list[_Group]:
    """Hand merges join two events' incidents; a hand split moves ``b`` out of ``a``'s incident."""
    must, cannot = _constraints(corrections, lambda k: re.search(r":V\d+$", k) is not None or ":" not in k)
    if not must and not cannot:
        return groups

    def where(key: str) -> int | None:
        aid, _, eid = key.partition(":")
        aid = versions.get(aid, aid)  # a version's event is its canonical article's event
        for gi, g in enumerate(groups):
            if any(m[0] == aid and (not eid or m[1] == eid) for m in g.members):
                return gi
        return None

    for a, b in must:
        if ":" not in a and ":" not in b:
            continue  # article merges were applied to the stories
        ga, gb = where(a), where(b)
        if ga is None or gb is None or ga == gb:
            continue
        g, h = groups[ga], groups[gb]
        g.members.extend(h.members)
        g.intervals.extend(h.intervals)
        g.merges.extend(h.merges + [Merge(a, b, 1.0, ("merged by hand",))])
        g.background_only = g.background_only and h.background_only
        h.members = []
    for a, b in cannot:
        if ":" not in a and ":" not in b:
            continue
        ga, gb = where(a), where(b)
        if ga is None or ga != gb:
            continue
        g = groups[ga]
        aid, _, eid = b.partition(":")
        aid = versions.get(aid, aid)
        moved = [m for m in g.members if m[0] == aid and (not eid or m[1] == eid)]
        g.members = [m for m in g.members if m not in moved]
        g.merges = [m for m in g.merges if m.right != b and m.left != b]
        groups.append(_Group(g.type, moved, [], None, [Merge(a, b, 0.0, ("split by hand",))], family=g.family))
    return groups


def _build_incident(g: _Group, by_id: dict[str, ArticleResult], version_list: dict[str, list[str]],
                    entity_of: dict[tuple[str, str], str], names: dict[str, str]) -> Incident:
    events: list[tuple[ArticleResult, Event]] = []
    for aid, eid in g.members:
        r = by_id[aid]
        ev = next((e for e in r.events if e.id == eid), None) if eid else None
        if ev is not None:
            events.append((r, ev))
    # Duplicates' events belong to the incident too, shown as versions.
    articles = list(dict.fromkeys(aid for aid, _ in g.members))
    types = Counter(ev.type for _, ev in events)
    modes = Counter(ev.mode for _, ev in events if ev.mode)
    agents = Counter(entity_of[(r.article.id, ev.agent)] for r, ev in events
                     if ev.agent and (r.article.id, ev.agent) in entity_of)
    agent_ids = set(agents)
    places = Counter(ev.place_text for _, ev in events if ev.place_text)
    figures: list[SourceFigure] = []
    for aid in articles:
        r = by_id[aid]
        mine = [ev for rr, ev in events if rr.article.id == aid]
        figures += _figures(r, mine, agent_ids, entity_of, None)
        for dup in sorted(version_list.get(aid, [])):
            if dup in by_id:
                dr = by_id[dup]
                dup_events = [e for e in dr.events if (e.type, e.trigger) in {(x.type, x.trigger) for x in mine}]
                figures += _figures(dr, dup_events, agent_ids, entity_of, aid)
    time = _group_time(g.intervals)
    anchor = min(f"{aid}:{eid}" if eid else aid for aid, eid in g.members)
    title = next((by_id[a].article.title for a in articles if by_id[a].article.title), None)
    return Incident(
        id=_short_id("I", anchor), type=types.most_common(1)[0][0] if types else None,
        mode=modes.most_common(1)[0][0] if modes else None,
        members=tuple(g.members), articles=tuple(articles),
        versions={a: tuple(sorted(version_list[a])) for a in articles if version_list.get(a)},
        time_start=time[0].isoformat() if time else None, time_end=time[1].isoformat() if time else None,
        place=places.most_common(1)[0][0] if places else None,
        agent=names.get(agents.most_common(1)[0][0]) if agents else None,
        counts=reconcile_counts(figures), figures=tuple(figures), merges=tuple(g.merges),
        background_only=g.background_only, title=title)


def explain(incident: Incident) -> str:
    """The text ``newsledger why INCIDENT_ID`` prints: what the incident is and why each member joined."""
    lines = [f"Incident {incident.id}: {incident.type or 'untyped'}"
             + (f" ({incident.mode})" if incident.mode else "")
             + (f" — {incident.title}" if incident.title else "")]
    if incident.time_start:
        lines.append(f"  time: {describe_period(incident.time_start, incident.time_end)}")
    if incident.place:
        lines.append(f"  place: {incident.place}")
    if incident.agent:
        lines.append(f"  agent: {incident.agent}")
    lines.append(f"  reported by {len(incident.articles)} article(s): {', '.join(incident.articles)}")
    for canonical, dups in incident.versions.items():
        lines.append(f"  versions of {canonical}: {', '.join(dups)}")
    if incident.background_only:
        lines.append("  known only from background mentions in later articles")
    for c in incident.counts:
        lines.append(f"  {c.kind}: min {_num(c.min)}, best {_num(c.best)}, max {_num(c.max)}")
    if incident.counts:
        lines.append(f"  rule: {incident.counts[0].rule}")
    for f in incident.figures:
        mark = "" if f.credible else f"  (not counted: {f.note})"
        lines.append(f"    {f.article_id}:{f.event_id} {f.kind} {f.text!r}"
                     + (f" according to {f.claimed_by}" if f.claimed_by else "") + mark)
    if incident.merges:
        lines.append("  merges:")
        for m in incident.merges:
            lines.append("    " + m.describe())
    return "\n".join(lines)


def explain_entity(entity: CrossEntity) -> str:
    """The text ``newsledger why ENTITY_ID`` prints: the entity's names, where it is named and why each joined."""
    articles = list(dict.fromkeys(aid for aid, _ in entity.members))
    lines = [f"Entity {entity.id}: {entity.name} ({entity.type})",
             f"  variants: {', '.join(entity.variants)}",
             f"  named in {len(articles)} article(s): {', '.join(articles)}",
             f"  members: {', '.join(f'{aid}:{eid}' for aid, eid in entity.members)}"]
    if entity.merges:
        lines.append("  merges:")
        for m in entity.merges:
            lines.append("    " + m.describe())
    else:
        lines.append("  merges: none (named once, or kept apart by a hand split)")
    return "\n".join(lines)


def _num(x: float | None) -> str:
    return "?" if x is None else (str(int(x)) if float(x).is_integer() else f"{x:g}")


def stored_incidents(clustering: Clustering) -> list[Incident]:
    """The incidents that have an event: a story whose articles have no typed event is an incident for article
    clustering (``eval/clusters.py``) but has no member to store, and was listed as "0 articles, 0 events"."""
    return [inc for inc in clustering.incidents if any(event_id is not None for _, event_id in inc.members)]


def clustering_rows(clustering: Clustering) -> dict[str, list[dict[str, Any]]]:
    """Plain rows for ``Store.save_clustering``: incidents, members, figures, article versions and
    cross-article entities (``cross_entities`` with their ``cross_entity_members``)."""
    incidents, members, figures = [], [], []
    for inc in stored_incidents(clustering):
        joined: dict[str, Merge] = {}
        for merge in inc.merges:
            joined.setdefault(merge.right, merge)
            joined.setdefault(merge.left, merge)
        incidents.append({
            "id": inc.id, "type": inc.type, "mode": inc.mode, "time_start": inc.time_start,
            "time_end": inc.time_end, "place_text": inc.place, "agent": inc.agent, "title": inc.title,
            "count_min": inc.count_min, "count_best": inc.count_best, "count_max": inc.count_max,
            "background_only": int(inc.background_only), "explanation": explain(inc),
            "reasons": [merge.describe() for merge in inc.merges],
        })
        for article_id, event_id in inc.members:
            if event_id is None:
                continue  # an article with no typed event belongs to its story, not to an event incident
            key = f"{article_id}:{event_id}"
            joining = joined.get(key) or joined.get(article_id)
            members.append({"incident_id": inc.id, "article_id": article_id, "event_id": event_id,
                            "score": joining.score if joining else None,
                            "reasons": list(joining.reasons) if joining else []})
        for fig in inc.figures:
            figures.append({"incident_id": inc.id, **{k: getattr(fig, k) for k in (
                "article_id", "event_id", "count_id", "text", "min", "best", "max", "kind", "claimed_by", "note")},
                "credible": int(fig.credible)})
    versions = [{"article_id": dup, "canonical_id": canonical} for dup, canonical in clustering.versions.items()]
    cross_entities = [{"id": e.id, "name": e.name, "type": e.type, "variants": list(e.variants),
                       "explanation": explain_entity(e)} for e in clustering.entities]
    cross_members = [{"entity_id": e.id, "article_id": aid, "member_entity_id": eid}
                     for e in clustering.entities for aid, eid in e.members]
    return {"incidents": incidents, "members": members, "figures": figures, "versions": versions,
            "cross_entities": cross_entities, "cross_entity_members": cross_members}
