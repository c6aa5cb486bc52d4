"""The REST API under ``/api``: reads are public, writes need a reviewer's bearer token.

Every list is paged (``limit``/``offset``) in a stable order and answers
``{items, total, limit, offset}``.  Event lists share one set of filters
(``EventFilters``) with their CSV, JSON and GeoJSON downloads, facets and
timeline, so any view in the UI can be downloaded as it is.  Errors are JSON
``{"error": message}`` (see ``app.py``).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..errors import BadDate, EmptyArticle, NewsledgerError, UnreadableInput
from ..model import to_json
from ..review import (EVENT_TYPES, MODALITIES, NOTE_LIMIT, REVIEW_FIELDS, BadReview, UnknownField, check_review,
                      parse_date_bound)
from ..review import parse_bbox as _parse_bbox
from ..store import (BOOLEAN_COLUMNS, EXPORT_COLUMNS, NUMBER_COLUMNS, Store, csv_cell, events_csv, events_geojson,
                     export_row, write_events_csv)
from .auth import bearer_reviewer

__all__ = ["EventFilters", "make_router", "EXPORT_COLUMNS", "NUMBER_COLUMNS", "BOOLEAN_COLUMNS", "export_row",
           "csv_cell", "events_csv", "write_events_csv", "events_geojson", "BadQuery", "BadBody", "ErrorBody",
           "ENTITY_TYPES", "QUOTE_KINDS"]

# The enums of the JSON Schema (src/newsledger/schema/article_result.schema.json) that the filters take.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
QUOTE_KINDS = ("direct", "indirect", "continuation", "mixed", "unattributed")


class BadQuery(NewsledgerError):
    """A filter value cannot be used (bad date, bounding box, choice or full-text query): 422."""


class BadBody(NewsledgerError):
    """A request body that is well-formed JSON but cannot be used (no article text, a bad date, a review of a field
    that does not exist): 422."""


class ErrorBody(BaseModel):
    """Every error the API returns."""

    error: str = Field(description="what is wrong and, where it helps, what to send instead")


_ERROR_MEANINGS = {
    400: "The request is valid but cannot be carried out (e.g. a review value the field cannot hold, an incident "
         "merged with itself)",
    401: "No valid reviewer token: send 'Authorization: Bearer TOKEN' (`newsledger reviewer add NAME`)",
    404: "Nothing stored has that id",
    422: "A parameter or the body is invalid (wrong type, out of range, not one of the allowed values, not a "
         "calendar date, bad search syntax)",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route that can fail with ``codes``: each ``{"error": message}``."""
    return {code: {"model": ErrorBody, "description": _ERROR_MEANINGS[code]} for code in codes}


def check_choices(name: str, values: list[str] | None, allowed: tuple[str, ...]) -> None:
    """``BadQuery`` naming the allowed values when one of ``values`` is not one of them."""
    for value in values or []:
        if value not in allowed:
            listed = ", ".join(repr(a) for a in allowed[:-1]) + f" or {allowed[-1]!r}"
            raise BadQuery(f"{name}: Input should be {listed} (got {value!r})")


@dataclass
class EventFilters:
    """The filters every event view takes, as query parameters."""

    type: list[str] | None = Query(None, description="PLOVER type(s); repeat for several: "
                                   + ", ".join(EVENT_TYPES))
    modality: list[str] | None = Query(None, description="modality(ies); repeat for several: "
                                       + ", ".join(MODALITIES))
    article_id: str | None = Query(None, description="events of one article")
    actor: str | None = Query(None, description="whole words in the agent or the target, or in the name of the "
                              "entity either is linked to (accents, case and punctuation ignored: UN finds "
                              "\"the UN\", not \"Community\")")
    claimant: str | None = Query(None, description="whole words in who claims the event or its figure, or in the "
                                 "linked entity's name (accents, case and punctuation ignored)")
    place: str | None = Query(None, description="whole words in the place as the article writes it or as the "
                              "gazetteer names it, or in its country's name, or the country's ISO code (IQ); "
                              "accents and case ignored: Tikrit finds Tikrīt")
    bbox: str | None = Query(None, description="west,south,east,north in degrees; only geocoded events match",
                             examples=["38,29,49,38"])
    since: str | None = Query(None, description="events on or after this date (2014, 2014-06 or 2014-06-12)")
    until: str | None = Query(None, description="events on or before this date")
    q: str | None = Query(None, description="full-text search of the article text: words as typed (al-Qadhi), or "
                          "FTS5 syntax (\"a phrase\", OR, NOT, prefix*, title:word)")
    background: bool | None = Query(None, description="true: only context events; false: only the news")
    reviewed: Literal["any", "only", "unreviewed"] = Query(
        "any", description="only: events a reviewer confirmed or corrected; unreviewed: the others")
    include_rejected: bool = Query(False, description="include events a reviewer rejected")
    located: bool | None = Query(None, description="true: only events with coordinates")

    def as_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.query_events`` and friends; ``BadQuery`` for unusable values."""
        try:
            since = parse_date_bound(self.since, end=False) if self.since else None
            until = parse_date_bound(self.until, end=True) if self.until else None
        except BadReview as exc:
            raise BadQuery(f"since/until: {exc}") from exc
        # An HTML form sends its empty selects as "type=": no filter, not "type is empty".
        types = [t for t in self.type or [] if t] or None
        modalities = [m for m in self.modality or [] if m] or None
        check_choices("type", types, EVENT_TYPES)
        check_choices("modality", modalities, MODALITIES)
        return {"types": types, "modalities": modalities, "article_id": self.article_id,
                "actor": self.actor, "claimant": self.claimant, "place": self.place, "bbox": parse_bbox(self.bbox),
                "since": since, "until": until, "q": self.q, "background": self.background,
                "reviewed": self.reviewed, "include_rejected": self.include_rejected, "located": self.located}


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``"west,south,east,north"`` → floats, checked; ``BadQuery`` otherwise."""
    if not value:
        return None
    try:
        return _parse_bbox(value)
    except BadReview as exc:
        raise BadQuery(str(exc)) from None


def check_search(store: Store, q: str | None) -> None:
    """``BadQuery`` when ``q`` is not a valid FTS5 query (checked alone, so real errors are not masked)."""
    if q:
        try:
            store.count_articles(q)
        except sqlite3.OperationalError as exc:
            raise BadQuery(f"bad search query {q!r}: {exc}; search words as typed, or FTS5 syntax: \"a phrase\", "
                           "OR, NOT, prefix*, title:word") from exc


EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"]
QuoteKind = Literal["direct", "indirect", "continuation", "mixed", "unattributed"]
Sort = Literal["-date", "date", "type", "modality", "-count", "count", "-published", "published", "place"]


def _limit(default: int = 100) -> Any:
    return Query(default, ge=1, le=1000, description="page size")


def _offset() -> Any:
    return Query(0, ge=0, le=10_000_000, description="rows to skip")


def _page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


class ArticleIn(BaseModel):
    """An article to process: ``text`` (plain text, first line = headline unless ``title`` is given; HTML is
    recognised too) or ``html`` (an HTML page) — exactly one, as in a JSON Lines input."""

    text: str | None = Field(None, max_length=200_000, description="article text (or HTML)")
    html: str | None = Field(None, max_length=200_000, description="an HTML page")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40, description="publication date, e.g. 2016-07-21")
    source: str | None = Field(None, max_length=200)


class ReviewIn(BaseModel):
    """One decision: the whole event (``field`` null) or one field; ``value`` for ``correct`` only."""

    field: str | None = Field(None, description="a reviewable field (" + ", ".join(REVIEW_FIELDS)
                              + ") or null for the whole event")
    action: Literal["confirm", "correct", "reject"]
    value: str | float | None = None
    note: str | None = Field(None, max_length=NOTE_LIMIT)


class MergeIn(BaseModel):
    other: str = Field(min_length=1, max_length=200, description="id of the incident merged into this one")
    note: str | None = Field(None, max_length=NOTE_LIMIT)


class SplitIn(BaseModel):
    members: list[str] = Field(min_length=1, max_length=1000,
                               description="ARTICLE_ID:EVENT_ID of each member moved to a new incident")
    note: str | None = Field(None, max_length=NOTE_LIMIT)


def make_router(store: Store, write_lock: threading.Lock, nlp_holder: dict[str, Any]) -> APIRouter:
    """The ``/api`` routes over ``store``."""
    api = APIRouter(prefix="/api", tags=["api"])

    @api.get("/articles", summary="List articles", responses=errors(422))
    def list_articles(limit: int = Query(50, ge=1, le=1000), offset: int = _offset(),
                      q: str | None = Query(None, description="full-text search: words as typed, or FTS5 syntax "
                                            "(\"a phrase\", OR, NOT, prefix*, title:word)")):
        """Article summaries, newest first; ``q`` searches titles and text."""
        def run():
            return store.list_articles(limit=limit, offset=offset, query=q or None), store.count_articles(q or None)
        items, total = _searching(store, q, run)
        return _page(items, total, limit, offset)

    @api.post("/articles", status_code=201, summary="Submit an article for processing", responses=errors(401, 422))
    def submit_article(article: ArticleIn, request: Request):
        """Run the pipeline on one article and store it (needs a reviewer token); its id and what was found."""
        reviewer = bearer_reviewer(request, store)
        from ..ingest import record_body
        from ..model import RawArticle
        from ..pipeline import PIPELINE_VERSION, _HTML_HINT, build_result, normalise_date, prepare

        if article.text is not None and article.html is not None:
            raise BadBody("give 'text' or 'html', not both")
        try:
            content, fmt = record_body({"text": article.text, "html": article.html})
            published = normalise_date(article.published, strict=True)
        except (UnreadableInput, BadDate) as exc:
            raise BadBody(str(exc)) from None
        if fmt == "text" and _HTML_HINT.search(content[:5000]):
            fmt = "html"
        raw = RawArticle(f"api:{reviewer}", content, fmt, title=article.title, url=article.url,
                         published=published, source=article.source)
        try:
            prepared = prepare(raw)
        except EmptyArticle as exc:
            raise BadBody(str(exc).removeprefix(f"{raw.path}: ")) from None
        with write_lock:
            if nlp_holder.get("nlp") is None:
                from ..annotate import load_nlp
                nlp_holder["nlp"] = load_nlp()
            result = build_result(prepared, nlp_holder["nlp"](prepared.text))
            existed = store.has_article(result.article.id)
            store.save(result, PIPELINE_VERSION)
        body = to_json(result)
        body["created"] = not existed
        body["links"] = {"page": f"/articles/{result.article.id}", "api": f"/api/articles/{result.article.id}"}
        return JSONResponse(body, status_code=201 if not existed else 200)

    @api.get("/articles/{article_id}", summary="One article in the JSON contract", responses=errors(404))
    def get_article(article_id: str):
        """One article as ``newsledger extract --format json`` prints it (a unique id prefix is enough)."""
        return to_json(store.load(article_id))

    def _searching(store_: Store, q: str | None, call):
        check_search(store_, q)
        return call()

    def event_rows(filters: EventFilters, limit: int | None, offset: int, sort: str, evidence: bool = True):
        kwargs = filters.as_kwargs()
        return _searching(store, filters.q, lambda: store.query_events(limit=limit, offset=offset, sort=sort,
                                                                 with_evidence=evidence, **kwargs))

    @api.get("/events", summary="List events", responses=errors(422))
    def list_events(filters: EventFilters = Depends(), limit: int = _limit(),
                    offset: int = _offset(), sort: Sort = "-date"):
        """Events across all articles with reviewers' corrections applied; ``date`` is the event's own date
        when the text gives one, else the publication date (``date_source`` says which)."""
        items, total = event_rows(filters, limit, offset, sort)
        return _page(items, total, limit, offset)

    @api.get("/events.json", summary="Download events as JSON", responses=errors(422))
    def download_json(filters: EventFilters = Depends(), sort: Sort = "-date"):
        items, total = event_rows(filters, None, 0, sort)
        return Response(json.dumps({"items": items, "total": total}, ensure_ascii=False),
                        media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="events.json"'})

    @api.get("/events.csv", summary="Download events as CSV", response_class=Response,
             responses={200: {"content": {"text/csv": {}}}, **errors(422)})
    def download_csv(filters: EventFilters = Depends(), sort: Sort = "-date"):
        items, _ = event_rows(filters, None, 0, sort)
        return Response(events_csv(items), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @api.get("/events.geojson", summary="Download located events as GeoJSON", response_class=Response,
             responses={200: {"content": {"application/geo+json": {}}}, **errors(422)})
    def download_geojson(filters: EventFilters = Depends(), sort: Sort = "-date"):
        items, _ = event_rows(filters, None, 0, sort)
        return Response(json.dumps(events_geojson(items), ensure_ascii=False), media_type="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="events.geojson"'})

    @api.get("/events/facets", summary="Counts of the filtered events by type, modality, place, year …",
             responses=errors(422))
    def facets(filters: EventFilters = Depends(), top: int = Query(25, ge=1, le=200)):
        kwargs = filters.as_kwargs()
        return _searching(store, filters.q, lambda: store.event_facets(top=top, **kwargs))

    @api.get("/events/timeline", summary="Filtered events per year or month", responses=errors(422))
    def timeline(filters: EventFilters = Depends(), interval: Literal["year", "month"] = "year"):
        kwargs = filters.as_kwargs()
        return {"interval": interval,
                "buckets": _searching(store, filters.q, lambda: store.event_timeline(interval=interval, **kwargs))}

    @api.get("/events/{article_id}/{event_id}", summary="One event with evidence, decisions and incidents",
             responses=errors(404))
    def get_event(article_id: str, event_id: str):
        event = store.get_event(article_id, event_id)
        event["incidents"] = store.incidents_of_event(article_id, event_id)
        return event

    @api.post("/events/{article_id}/{event_id}/reviews", status_code=201, summary="Review an event or a field",
              responses=errors(400, 401, 404, 422))
    def review_event(article_id: str, event_id: str, review: ReviewIn, request: Request):
        """Confirm, correct or reject one field (or confirm/reject the whole event); needs a reviewer token.
        The decision is logged (who, when, old, new) and kept when the article is re-processed."""
        reviewer = bearer_reviewer(request, store)
        try:
            value = check_review(review.field, review.action, review.value)
        except UnknownField as exc:  # like any value outside an enum of the body, a 422 naming the parameter
            raise BadBody(f"field: {exc}") from None
        with write_lock:
            return store.add_review(article_id, event_id, review.field or None, review.action, value, reviewer,
                                    review.note)

    @api.get("/reviews", summary="The audit log", responses=errors(422))
    def reviews(article_id: str | None = None, event_id: str | None = None, incident_id: str | None = None,
                limit: int = _limit(), offset: int = _offset()):
        """Every decision, newest first: who, when, the field, the old and the new value."""
        items, total = store.list_reviews(article_id=article_id, event_id=event_id, incident_id=incident_id,
                                          limit=limit, offset=offset)
        return _page(items, total, limit, offset)

    @api.get("/incidents", summary="List cross-article incidents", responses=errors(422))
    def incidents(type: str | None = Query(None, description="PLOVER type: " + ", ".join(EVENT_TYPES)),
                  since: str | None = None, until: str | None = None,
                  place: str | None = Query(None, description="whole words in the incident's place"),
                  limit: int = _limit(), offset: int = _offset()):
        check_choices("type", [type] if type else None, EVENT_TYPES)
        try:
            since_bound = parse_date_bound(since, end=False) if since else None
            until_bound = parse_date_bound(until, end=True) if until else None
        except BadReview as exc:
            raise BadQuery(f"since/until: {exc}") from exc
        items, total = store.list_incidents(type=type, since=since_bound, until=until_bound, place=place,
                                            limit=limit, offset=offset)
        return _page(items, total, limit, offset)

    @api.get("/incidents/{incident_id}", summary="One incident with its sources, figures and merge reasons",
             responses=errors(404))
    def incident(incident_id: str):
        return store.get_incident(incident_id)

    @api.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one",
              responses=errors(400, 401, 404, 422))
    def merge(incident_id: str, body: MergeIn, request: Request):
        reviewer = bearer_reviewer(request, store)
        with write_lock:
            return store.merge_incidents(incident_id, body.other, reviewer, body.note)

    @api.post("/incidents/{incident_id}/split", status_code=201, summary="Move members to a new incident",
              responses=errors(400, 401, 404, 422))
    def split(incident_id: str, body: SplitIn, request: Request):
        reviewer = bearer_reviewer(request, store)
        with write_lock:
            return store.split_incident(incident_id, body.members, reviewer, body.note)

    @api.get("/entities", summary="List entities across articles", responses=errors(422))
    def entities(q: str | None = Query(None, description="words in the name"),
                 type: EntityType | None = Query(None, description="spaCy label"),
                 limit: int = _limit(), offset: int = _offset()):
        items, total = store.list_entities(q=q, type=type, limit=limit, offset=offset)
        return _page(items, total, limit, offset)

    @api.get("/quotes", summary="List quotes with their speakers", responses=errors(422))
    def quotes(q: str | None = Query(None, description="words in the quote"),
               speaker: str | None = Query(None, description="words in the speaker's name"),
               kind: QuoteKind | None = Query(None, description="how the quote is given"),
               article_id: str | None = None, limit: int = _limit(), offset: int = _offset()):
        items, total = store.list_quotes(q=q, speaker=speaker, kind=kind, article_id=article_id, limit=limit,
                                         offset=offset)
        return _page(items, total, limit, offset)

    @api.get("/places", summary="List place names with mention counts and coordinates", responses=errors(422))
    def places(q: str | None = Query(None, description="words in the gazetteer's name or the article's words for the "
                                     "place (accents and case ignored: Basra finds Al Başrah)"),
               limit: int = _limit(), offset: int = _offset()):
        items, total = store.list_places(q=q, limit=limit, offset=offset)
        return _page(items, total, limit, offset)

    return api
