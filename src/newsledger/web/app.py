"""The web server: the REST API (``api.py``) and the pages (``views.py``) over one database.

Every piece of article text, title and URL is untrusted: templates autoescape,
the highlighted article body is assembled from escaped pieces only
(``render.py``), and every page is sent with a Content-Security-Policy that
allows only this site's own scripts and styles, so even a missed escape could
not run a script.  Errors are JSON ``{"error": message}`` under ``/api`` and a
short HTML page elsewhere.
"""

from __future__ import annotations

import secrets
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from markupsafe import escape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ArticleNotFound, NewsledgerError
from ..review import EventNotFound, IncidentNotFound, NotAuthorised
from ..store import Store
from .api import BadBody, BadQuery, make_router
from .auth import CsrfFailed, bearer_reviewer
from .render import highlight, safe_url
from .views import make_views

__all__ = ["create_app", "highlight", "safe_url", "CSP"]

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _status(exc: NewsledgerError) -> int:
    if isinstance(exc, (ArticleNotFound, EventNotFound, IncidentNotFound)):
        return 404
    if isinstance(exc, CsrfFailed):
        return 403
    if isinstance(exc, NotAuthorised):
        return 401
    if isinstance(exc, (BadQuery, BadBody)):
        return 422
    return 400


def _wants_json(request: Request) -> bool:
    path = request.url.path
    if path == "/articles" and request.method == "POST":  # the JSON submission alias of POST /api/articles
        return True
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def _error(request: Request, status: int, message: str, **extra: Any) -> JSONResponse | HTMLResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 and _wants_json(request) else None
    if _wants_json(request):
        return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)
    login = ' <a href="/login">Log in</a>' if status == 401 else ""
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    # A whole page with the site's style and a way back: a reader who followed a stale link is not stranded.
    return HTMLResponse('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
                        f'<title>{status} {phrase} · newsledger</title><link rel="icon" href="data:,">'
                        '<link rel="stylesheet" href="/static/app.css"></head>\n<body><main>\n'
                        f"<h1>{status}</h1><p>{escape(message)}</p>{login}\n"
                        '<p><a href="/">Back to the ledger</a></p>\n</main></body></html>\n', status_code=status)


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":  # the body is not JSON at all: say so, and where it broke
            position = next((x for x in err.get("loc", ()) if isinstance(x, int)), None)
            reason = (err.get("ctx") or {}).get("error")
            where = f" at character {position}" if position is not None else ""
            return (f"the request body is not valid JSON ({reason or 'decode error'}{where}); send a JSON object "
                    "with Content-Type: application/json")
        if tuple(err.get("loc", ())) == ("body",):  # no body, or one that is not a JSON object
            if err.get("type") == "missing":
                return "the request body is empty; send a JSON object with Content-Type: application/json"
            if err.get("type") in ("model_attributes_type", "dict_type", "model_type"):
                return "the request body is not a JSON object; send one with Content-Type: application/json"
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
        given = err.get("input")
        shown = f" (got {given!r})" if isinstance(given, (str, int, float)) and len(repr(given)) < 60 else ""
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request"


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with every error as it is sent: ``{"error": message}`` (``api.ErrorBody``) for the
    statuses each route declares.  FastAPI adds a 422 ``HTTPValidationError`` (``{detail: [...]}``) to every
    route with parameters; the API never sends that body, so those entries are dropped (a route that can
    answer 422 declares it with ``api.errors``)."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.get("responses", {})
                for status, response in list(responses.items()):
                    if "HTTPValidationError" in str(response.get("content", "")):
                        del responses[status]
        components = schema.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema


class _HeadAsGet:
    """Answer ``HEAD`` as ``GET`` without the body (RFC 9110 §9.3.2): link checkers and ``curl -I`` probe pages
    that way, and FastAPI routes declared with ``get`` would say 405."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Any) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def create_app(db_path: str | Path, nlp: Any = None, secret: bytes | None = None) -> FastAPI:
    """A FastAPI app serving the database at ``db_path``.

    Args:
        db_path: the SQLite file (``:memory:`` works for tests).
        nlp: a loaded spaCy pipeline for ``POST /api/articles``; loaded on first use when None.
        secret: the key that signs the pages' flash cookie; a new random one when None (a restart then drops
            at most a refused form's one-minute message).
    """
    app = FastAPI(title="newsledger", version="0.2.0", docs_url=None, redoc_url=None,
                  description="Sourced, structured events extracted from news articles. Reads are public; writes "
                              "need `Authorization: Bearer TOKEN` (`newsledger reviewer add NAME`). Errors are "
                              '`{"error": message}`.')
    store = Store(db_path)
    app.state.store = store
    write_lock = threading.Lock()
    api_router = make_router(store, write_lock, {"nlp": nlp})
    app.include_router(api_router)
    app.include_router(make_views(store, write_lock, secret or secrets.token_bytes(32)))
    # `POST /articles` is the submission address users are told about; it is the same operation as /api/articles.
    submit = next(r for r in api_router.routes if isinstance(r, APIRoute) and r.path == "/api/articles"
                  and "POST" in (r.methods or set()))
    app.add_api_route("/articles", submit.endpoint, methods=["POST"], status_code=201, tags=["api"],
                      summary="Submit an article for processing (same as POST /api/articles)",
                      operation_id="submit_article_alias", responses=submit.responses)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(_HeadAsGet)

    @app.middleware("http")
    async def _api_writes_need_a_token_first(request: Request, call_next):
        """Refuse an API write without a valid token before its body is read: checked by the route, after the
        body, it let anyone have a body of any size read and parsed, and answered 422 (not 401) for a bad one."""
        if request.method == "POST" and _wants_json(request):  # every API write is a POST (others: 405)
            try:  # in a worker thread, as the routes' own store reads: the store's lock must not block the loop
                await run_in_threadpool(bearer_reviewer, request, store)
            except NotAuthorised as exc:
                return _error(request, 401, str(exc))
        return await call_next(request)

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.exception_handler(NewsledgerError)
    async def _known_error(request: Request, exc: NewsledgerError):
        return _error(request, _status(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        status = 422 if _wants_json(request) else 400
        return _error(request, status, _describe_validation(exc))

    # Registered on Starlette's class so router 404s (unknown paths) get the same treatment as ours.
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and exc.detail == "Not Found" and not _wants_json(request):  # no such route
            # FastAPI's interactive docs would load scripts from a CDN, which the CSP forbids (and offline fails).
            hint = ("; the API is described by its OpenAPI document, /openapi.json"
                    if request.url.path.rstrip("/") in ("/docs", "/redoc", "/swagger") else "")
            return _error(request, 404, f"there is no page at {request.url.path}{hint}")
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):  # pragma: no cover - a bug, but still a clear answer
        return _error(request, 500, f"internal error: {type(exc).__name__}; see the server log")

    return app
