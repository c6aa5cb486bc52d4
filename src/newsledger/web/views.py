"""The pages: the ledger (map, timeline, facets, table), articles, events with their evidence, incidents,
the audit log, and the review forms (login + CSRF token required).

Every form follows Post/Redirect/Get, failures included: a refused form (a bad value, a stale CSRF token, a
lapsed login) redirects back to the page it came from, which shows the message and the reviewer's input
again (carried in a short-lived cookie, ``FLASH_COOKIE``, signed with the app's secret so that no one else can
set it), so reloading that page never submits twice.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ..review import (EVENT_TYPES, MODALITIES, REVIEW_FIELDS, BadReview, IncidentNotFound, NotAuthorised,
                      check_note, check_review, member_key)
from ..store import Store
from ..timex import describe_period, describe_timex
from .api import BadQuery, EventFilters, check_search
from .auth import CsrfFailed, check_csrf, csrf_token, log_in, log_out, session_reviewer, set_csrf_cookie
from .render import event_marks, highlight, highlight_span, safe_url

__all__ = ["make_views", "TEMPLATES", "FLASH_COOKIE"]

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["safe_url"] = safe_url
PAGE_SIZE = 50
REJECTED_SHOWN = 1000  # rows of /rejected; the page names `newsledger list --rejected --limit N` for more
FIELD_LABELS = {"type": "type", "mode": "mode", "modality": "modality", "background": "background",
                "agent_text": "who did it", "target_text": "to whom", "place_text": "where", "time_value": "when",
                "count_best": "how many", "claimed_by_text": "who says so"}


def _number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _when(value: str | None) -> Markup:
    """A TIMEX3 value as a reader writes it ("2016-XX" → 2016), the value itself on hover when they differ
    (a reviewer corrects ``time_value`` in TIMEX3)."""
    shown = describe_timex(value)
    if not value or shown == value:
        return Markup(escape(value or ""))
    return Markup(f'<span class="timex" title="TIMEX3 {escape(value)}">{escape(shown)}</span>')


def _period(bounds: tuple[str | None, str | None]) -> str:
    """``(start, end)`` as one readable span (``2014-01-01``, ``2014-12-31`` → 2014)."""
    return describe_period(*bounds)


TEMPLATES.env.filters["number"] = _number
TEMPLATES.env.filters["when"] = _when
TEMPLATES.env.filters["period"] = _period


FLASH_COOKIE = "newsledger_flash"
_FLASH_LIMIT = 3000  # bytes of cookie value; browsers keep at most about 4 KB per cookie


def _sign(secret: bytes, value: str) -> str:
    """``value`` with its HMAC-SHA256 under the app's ``secret``, so a cookie set by anyone else is ignored."""
    mac = hmac.new(secret, value.encode(), hashlib.sha256).digest()
    return value + "." + base64.urlsafe_b64encode(mac).decode().rstrip("=")


def _unsign(secret: bytes, signed: str) -> str | None:
    """The value of a ``_sign``-ed string whose signature holds, else None."""
    value = signed.rpartition(".")[0]
    return value if value and hmac.compare_digest(_sign(secret, value), signed) else None


def _flash(url: str, error: str, secret: bytes, form: dict[str, str] | None = None) -> RedirectResponse:
    """A 303 back to ``url`` (a path on this site) that shows ``error`` there once, with the ``form`` input.

    The cookie is signed with ``secret``: a cookie planted by another site or a neighbouring subdomain could
    otherwise put any message ("your token expired, paste it at …") and any prefilled value on the page."""
    response = RedirectResponse(url, status_code=303)
    path = unquote(url.split("?")[0].split("#")[0])
    payload = {"path": path, "error": error[:1000], "form": {k: v[:300] for k, v in (form or {}).items()}}
    value = base64.urlsafe_b64encode(json.dumps(payload, ensure_ascii=False).encode()).decode()
    if len(value) > _FLASH_LIMIT:  # very long input: the message matters more than the input
        payload["form"] = {}
        value = base64.urlsafe_b64encode(json.dumps(payload, ensure_ascii=False).encode()).decode()
    response.set_cookie(FLASH_COOKIE, _sign(secret, value), httponly=True, samesite="strict", path="/", max_age=60)
    return response


def _read_flash(request: Request, secret: bytes) -> dict[str, Any] | None:
    """The flash meant for this page (``error`` and ``form``), or None (also when its signature fails)."""
    raw = request.cookies.get(FLASH_COOKIE)
    value = _unsign(secret, raw) if raw else None
    if not value:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(value.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or payload.get("path") != request.url.path:
        return None
    form = payload.get("form")
    return {"error": str(payload.get("error") or ""),
            "form": {str(k): str(v) for k, v in form.items()} if isinstance(form, dict) else {}}


# The review facet's entries: the filter each one applies (the link takes it off again when it is on).
_REVIEW_FACET = {"unreviewed": ("reviewed", "unreviewed"), "confirmed or corrected": ("reviewed", "only"),
                 "rejected": ("include_rejected", "true")}


def _review_facet(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The review-status counts as the ledger can filter them: confirmed and corrected events added up."""
    counts = {str(item["value"]): int(item["count"]) for item in items}
    reviewed = counts.get("confirmed", 0) + counts.get("corrected", 0)
    merged = [("unreviewed", counts.get("unreviewed", 0)), ("confirmed or corrected", reviewed),
              ("rejected", counts.get("rejected", 0))]
    return [{"value": value, "count": count} for value, count in merged if count]


def _past_end(page: int, total: int) -> str | None:
    """The message for a page number past the last page (an old link, a hand-edited URL), else None."""
    pages = max(1, -(-total // PAGE_SIZE))
    if page <= pages:
        return None
    return f"there is no page {page}: this view has {total:,} item{'s' if total != 1 else ''} on {pages} page" + \
        ("s" if pages > 1 else "")


def _local_path(target: str | None) -> str:
    """Only same-site paths are followed after a login (no open redirect)."""
    # A browser drops tabs and newlines from a URL ("/\t/evil.example" is "//evil.example"): no blanks or controls.
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and all(" " < c != "\x7f" for c in target)):
        return target
    return "/"


def make_views(store: Store, write_lock: threading.Lock, secret: bytes) -> APIRouter:
    """The HTML routes over ``store`` (not in the OpenAPI document); ``secret`` signs the flash cookie."""
    views = APIRouter(include_in_schema=False)

    def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        token, new = csrf_token(request)
        flash = _read_flash(request, secret)
        if flash:
            context = {**context, "error": context.get("error") or flash["error"], "form": flash["form"]}
        response = TEMPLATES.TemplateResponse(request, name, {
            "form": {}, **context, "reviewer": session_reviewer(request, store), "csrf": token},
            status_code=status)
        if new:
            set_csrf_cookie(response, token)
        if FLASH_COOKIE in request.cookies:  # shown once (or not meant for this page): gone either way
            response.delete_cookie(FLASH_COOKIE, path="/")
        return response

    def refused(request: Request, page: str, exc: Exception, form: dict[str, str]) -> RedirectResponse:
        """Back to ``page`` with the reason; a lapsed login goes to the login page (and back from there).  Input
        whose CSRF token failed is not carried: it may not be the reviewer's own."""
        if isinstance(exc, CsrfFailed):
            return _flash(page, str(exc), secret)
        if isinstance(exc, NotAuthorised):
            return _flash("/login?" + urlencode({"next": page}), str(exc), secret)
        return _flash(page, str(exc), secret, form)

    def require_reviewer(request: Request, csrf: str | None) -> str:
        check_csrf(request, csrf)
        reviewer = session_reviewer(request, store)
        if reviewer is None:
            raise NotAuthorised("log in as a reviewer to change the ledger")
        return reviewer

    @views.get("/", response_class=HTMLResponse)
    def ledger(request: Request, filters: EventFilters = Depends(), page: int = Query(1, ge=1, le=100_000),
               sort: str = "-date") -> HTMLResponse:
        sort = sort if sort in Store.EVENT_SORTS else "-date"
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "page" and v != ""]
        error = None
        events: list[dict[str, Any]]
        facets: dict[str, list[dict[str, Any]]]
        try:
            kwargs = filters.as_kwargs()
            check_search(store, filters.q)
        except BadQuery as exc:  # a bad date or FTS5 query is the reader's typo: say so, show nothing
            error, events, total, facets = str(exc), [], 0, {}
        else:
            events, total = store.query_events(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, sort=sort,
                                               **kwargs)
            facets = store.event_facets(top=12, **kwargs)
        facets = {**facets, "review_status": _review_facet(facets.get("review_status", []))}
        facet_links = {}
        for name, param in (("type", "type"), ("modality", "modality"), ("review_status", None),
                            ("year", None), ("place", "place")):
            links = []
            for item in facets.get(name, []):
                value = str(item["value"])
                if name == "year":
                    pairs = [(k, v) for k, v in params if k not in ("since", "until")]
                    active = filters.since == value and filters.until == value
                    href = urlencode(pairs if active else pairs + [("since", value), ("until", value)])
                elif name == "review_status":
                    # Each entry is a filter the API has, and its count is what that filter shows: "confirmed"
                    # and "corrected" are both `reviewed=only`, so they are one entry (``_review_facet``).
                    key, on = _REVIEW_FACET[value]
                    active = (key, on) in params
                    href = urlencode([p for p in params if p[0] != key] + ([] if active else [(key, on)]))
                else:
                    assert param is not None  # only review_status and year have no parameter (handled above)
                    active = (param, value) in params
                    href = urlencode([p for p in params if p != (param, value)] if active
                                     else [p for p in params if param != "place" or p[0] != "place"]
                                     + [(param, value)])
                links.append({"value": value, "count": item["count"], "href": "/?" + href, "active": active})
            facet_links[name] = links
        bad_filter = error is not None  # the map, timeline and downloads would only answer the same 422
        error = error or _past_end(page, total)
        query = urlencode(params)
        timeline_base = urlencode([(k, v) for k, v in params if k not in ("since", "until")])
        pages = max(1, -(-total // PAGE_SIZE))
        return render(request, "index.html", {
            "events": events, "total": total, "page": page, "pages": pages, "facets": facet_links,
            "f": filters, "sort": sort, "query": query, "timeline_base": timeline_base, "error": error,
            "bad_filter": bad_filter,
            "summary": store.summary(), "types": EVENT_TYPES, "modalities": MODALITIES,
            "page_link": lambda n: "/?" + urlencode(params + [("page", str(n))])})

    @views.get("/articles", response_class=HTMLResponse)
    def articles(request: Request, q: str | None = None, page: int = Query(1, ge=1, le=100_000)) -> HTMLResponse:
        error = None
        try:
            check_search(store, q)
        except BadQuery as exc:
            error, items, total = str(exc), [], 0
        else:
            items = store.list_articles(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, query=q or None)
            total = store.count_articles(q or None)
            error = _past_end(page, total)
        return render(request, "articles.html", {
            "articles": items, "q": q or "", "error": error, "total": total, "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)), "summary": store.summary()})

    @views.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, article_id: str, event: str | None = None) -> HTMLResponse:
        result = store.load(article_id)
        names = {e.id: e.name for e in result.entities}
        current, _ = store.query_events(limit=None, article_id=result.article.id, include_rejected=True)
        return render(request, "article.html", {
            "r": result, "body": highlight(result, focus=event), "names": names, "focus": event,
            "current": {e["id"]: e for e in current}, "counts_by_id": {c.id: c for c in result.counts}})

    def event_context(article_id: str, event_id: str) -> dict[str, Any]:
        result = store.load(article_id)
        event = store.get_event(result.article.id, event_id)
        marks = event_marks(result, event)
        snippets = [highlight_span(result, s["start"], s["end"], marks) for s in event["evidence"]]
        counts = {c.id: c for c in result.counts}
        decisions = {d["field"]: d for d in event["decisions"]}
        fields = [{"name": name, "label": FIELD_LABELS[name], "value": event[name],
                   "original": event["original"][name], "decision": decisions.get(name)} for name in REVIEW_FIELDS]
        audit, _ = store.list_reviews(article_id=result.article.id, event_id=event_id, limit=200)
        return {"r": result, "e": event, "snippets": snippets, "count": counts.get(event["count"] or ""),
                "counts": counts, "fields": fields, "event_decision": decisions.get(""), "audit": audit,
                "incidents": store.incidents_of_event(result.article.id, event_id), "types": EVENT_TYPES,
                "modalities": MODALITIES}

    @views.get("/events/{article_id}/{event_id}", response_class=HTMLResponse)
    def event_page(request: Request, article_id: str, event_id: str, saved: str | None = None) -> HTMLResponse:
        context = event_context(article_id, event_id)
        return render(request, "event.html", {**context, "saved": saved if saved in (*REVIEW_FIELDS, "event")
                                              else None, "labels": FIELD_LABELS})

    @views.post("/events/{article_id}/{event_id}/review", response_class=HTMLResponse)
    def review_event(request: Request, article_id: str, event_id: str, csrf: str = Form(""),
                     field: str = Form(""), action: str = Form(""), value: str = Form(""),
                     note: str = Form("")) -> Response:
        page = f"/events/{quote(article_id, safe='')}/{quote(event_id, safe='')}"
        try:
            reviewer = require_reviewer(request, csrf)
            if not action:
                raise BadReview("choose what to do: confirm, correct or reject")
            stored = check_review(field or None, action, value or None)
            kept_note = check_note(note)
            with write_lock:
                store.add_review(article_id, event_id, field or None, action, stored, reviewer, kept_note)
        except (BadReview, NotAuthorised) as exc:
            store.get_event(article_id, event_id)  # no such event: its 404, not a redirect to one
            return refused(request, page, exc, {"field": field or "event", "action": action, "value": value,
                                                "note": note})
        return RedirectResponse(f"{page}?{urlencode({'saved': field or 'event'})}", status_code=303)

    @views.get("/rejected", response_class=HTMLResponse)
    def rejected(request: Request) -> HTMLResponse:
        """The inputs ingest could not read and why: the summary counts them, and a reader should see which."""
        return render(request, "rejected.html", {"items": store.list_rejected(limit=REJECTED_SHOWN),
                                                 "total": store.summary()["rejected"]})

    @views.get("/incidents", response_class=HTMLResponse)
    def incidents(request: Request, page: int = Query(1, ge=1, le=100_000)) -> HTMLResponse:
        items, total = store.list_incidents(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return render(request, "incidents.html", {"incidents": items, "total": total, "page": page,
                                                  "error": _past_end(page, total),
                                                  "pages": max(1, -(-total // PAGE_SIZE))})

    @views.get("/incidents/{incident_id}", response_class=HTMLResponse)
    def incident_page(request: Request, incident_id: str) -> HTMLResponse:
        incident = store.get_incident(incident_id)
        audit, _ = store.list_reviews(incident_id=incident_id, limit=200)
        return render(request, "incident.html", {"i": incident, "audit": audit, "key": member_key})

    @views.post("/incidents/{incident_id}/merge")
    def merge(request: Request, incident_id: str, csrf: str = Form(""), other: str = Form(""),
              note: str = Form("")) -> Response:
        page = f"/incidents/{quote(incident_id, safe='')}"
        try:
            reviewer = require_reviewer(request, csrf)
            if not other.strip():
                raise BadReview("give the id of the incident to merge into this one")
            kept_note = check_note(note)
            with write_lock:
                store.merge_incidents(incident_id, other.strip(), reviewer, kept_note)
        except (BadReview, NotAuthorised, IncidentNotFound) as exc:
            store.get_incident(incident_id)  # no such incident: its 404, not a redirect to one
            return refused(request, page, exc, {"form": "merge", "other": other, "note": note})
        return RedirectResponse(page, status_code=303)

    @views.post("/incidents/{incident_id}/split")
    def split(request: Request, incident_id: str, csrf: str = Form(""), members: list[str] = Form([]),
              note: str = Form("")) -> Response:
        page = f"/incidents/{quote(incident_id, safe='')}"
        try:
            reviewer = require_reviewer(request, csrf)
            kept_note = check_note(note)
            with write_lock:
                new = store.split_incident(incident_id, members, reviewer, kept_note)
        except (BadReview, NotAuthorised, IncidentNotFound) as exc:
            store.get_incident(incident_id)
            return refused(request, page, exc, {"form": "split", "members": "\n".join(members), "note": note})
        return RedirectResponse(f"/incidents/{quote(new['id'], safe='')}", status_code=303)

    @views.get("/reviews", response_class=HTMLResponse)
    def reviews(request: Request, page: int = Query(1, ge=1, le=100_000)) -> HTMLResponse:
        items, total = store.list_reviews(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return render(request, "reviews.html", {"reviews": items, "total": total, "page": page,
                                                "error": _past_end(page, total),
                                                "pages": max(1, -(-total // PAGE_SIZE))})

    @views.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/") -> HTMLResponse:
        return render(request, "login.html", {"next": _local_path(next), "error": None})

    @views.post("/login")
    def login(request: Request, csrf: str = Form(""), name: str = Form(""), token: str = Form(""),
              next: str = Form("/")) -> Response:
        target = _local_path(next)
        response = RedirectResponse(target, status_code=303)
        try:
            check_csrf(request, csrf)
            log_in(store, response, name, token)
        except NotAuthorised as exc:  # back to the form with the name kept (never the token)
            page = "/login?" + urlencode({"next": target})
            return (_flash(page, str(exc), secret) if isinstance(exc, CsrfFailed)
                    else _flash(page, str(exc), secret, {"name": name}))
        return response

    @views.post("/logout")
    def logout(request: Request, csrf: str = Form("")) -> Response:
        try:
            check_csrf(request, csrf)
        except CsrfFailed as exc:
            return _flash("/", str(exc), secret)
        response = RedirectResponse("/", status_code=303)
        log_out(store, request, response)
        return response

    return views
