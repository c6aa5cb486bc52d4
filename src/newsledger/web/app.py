"""The web server: a plain HTML ledger and a JSON API over one database.

Every piece of article text, title and URL is untrusted: templates autoescape,
and the highlighted article body is assembled here from escaped segments only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ArticleNotFound
from ..model import ArticleResult, to_json
from ..store import Store

__all__ = ["create_app", "highlight"]

_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
_SAFE_SCHEMES = ("http://", "https://")


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered as links; ``javascript:`` and friends are not."""
    return url if url and url.lower().startswith(_SAFE_SCHEMES) else None


_TEMPLATES.env.filters["safe_url"] = safe_url


def highlight(result: ArticleResult) -> Markup:
    """The article text as HTML with events, quotes, counts and times marked; all text escaped."""
    text = result.article.text
    marks: list[tuple[int, int, str, str]] = []
    for ev in result.events:
        marks.append((ev.trigger_start, ev.trigger_end, "trigger", ev.id))
    for q in result.quotes:
        marks.append((q.start, q.end, "quote", q.id))
    for c in result.counts:
        marks.append((c.start, c.end, "count", c.id))
    for t in result.times:
        marks.append((t.start, t.end, "time", t.id))
    # Non-overlapping marks only: the earliest, then longest, wins.
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    chosen: list[tuple[int, int, str, str]] = []
    inner: list[tuple[int, int, str, str]] = []
    last_end = 0
    for mark in marks:
        if mark[0] >= last_end:
            chosen.append(mark)
            last_end = mark[1]
        else:
            inner.append(mark)
    pieces: list[str] = []
    position = 0
    for start, end, kind, item_id in chosen:
        pieces.append(str(escape(text[position:start])))
        pieces.append(f'<mark class="{kind}" id="{kind}-{escape(item_id)}" data-ref="{escape(item_id)}">'
                      f"{escape(text[start:end])}</mark>")
        position = end
    pieces.append(str(escape(text[position:])))
    return Markup("".join(pieces).replace("\n", "<br>\n"))


def create_app(db_path: str | Path) -> FastAPI:
    """A FastAPI app serving the database at ``db_path``."""
    app = FastAPI(title="newsledger", version="0.1.0",
                  description="Sourced, structured events extracted from news articles.")
    store = Store(db_path)
    app.state.store = store

    @app.exception_handler(ArticleNotFound)
    async def _not_found(request: Request, exc: ArticleNotFound) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=404)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, q: str | None = None) -> HTMLResponse:
        try:
            articles = store.list_articles(limit=200, query=q or None)
        except Exception:
            articles = []
        events = store.list_events(limit=200)
        return _TEMPLATES.TemplateResponse(request, "index.html", {
            "articles": articles, "events": events, "summary": store.summary(), "q": q or ""})

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        try:
            result = store.load(article_id)
        except ArticleNotFound as exc:
            raise HTTPException(404, str(exc)) from exc
        names = {e.id: e.name for e in result.entities}
        return _TEMPLATES.TemplateResponse(request, "article.html", {
            "r": result, "body": highlight(result), "names": names})

    @app.get("/api/articles")
    def api_articles(limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0),
                     q: str | None = None) -> dict[str, Any]:
        """Article summaries; ``q`` is a full-text search (SQLite FTS5 syntax)."""
        try:
            items = store.list_articles(limit=limit, offset=offset, query=q)
        except Exception as exc:
            raise HTTPException(400, f"bad search query {q!r}: {exc}") from exc
        return {"items": items, "limit": limit, "offset": offset}

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict[str, Any]:
        """One article in the JSON contract of ``newsledger extract --format json``."""
        return to_json(store.load(article_id))

    @app.get("/api/events")
    def api_events(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
                   type: str | None = None, modality: str | None = None) -> dict[str, Any]:
        """Events across all articles, filtered by PLOVER type and modality."""
        return {"items": store.list_events(limit=limit, offset=offset, type=type, modality=modality),
                "limit": limit, "offset": offset}

    # Registered on Starlette's class so router 404s (unknown paths) get the same treatment as ours.
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse | HTMLResponse:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return HTMLResponse(f"<h1>{exc.status_code}</h1><p>{escape(str(exc.detail))}</p>",
                            status_code=exc.status_code)

    return app
