"""Who may write: reviewer tokens for the API, login sessions and CSRF tokens for the pages.

Reads are public.  The API takes ``Authorization: Bearer TOKEN`` (a token from
``newsledger reviewer add NAME``); pages take a login (the same name and token)
that sets an HttpOnly, SameSite=Strict session cookie.  Every form carries a
CSRF token that must equal the ``newsledger_csrf`` cookie (double submit), and
a POST whose ``Origin`` names another site is refused.
"""

from __future__ import annotations

from fastapi import Request, Response

from ..review import NotAuthorised, hash_secret, new_secret, same_secret
from ..store import Store

__all__ = ["SESSION_COOKIE", "CSRF_COOKIE", "CsrfFailed", "bearer_reviewer", "session_reviewer", "csrf_token",
           "set_csrf_cookie", "check_csrf", "log_in", "log_out"]

SESSION_COOKIE = "newsledger_session"
CSRF_COOKIE = "newsledger_csrf"


class CsrfFailed(NotAuthorised):
    """A form came without the page's CSRF token, or from another site."""


def bearer_reviewer(request: Request, store: Store) -> str:
    """The reviewer named by the request's bearer token, or ``NotAuthorised``."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthorised("this request writes, so it needs 'Authorization: Bearer TOKEN'; "
                            "create a token with `newsledger reviewer add NAME`")
    name = store.reviewer_by_token(hash_secret(token.strip()))
    if name is None:
        raise NotAuthorised("unknown or revoked token; create one with `newsledger reviewer add NAME`")
    return name


def session_reviewer(request: Request, store: Store) -> str | None:
    """The logged-in reviewer, or None."""
    session = request.cookies.get(SESSION_COOKIE)
    return store.session_reviewer(hash_secret(session)) if session else None


def csrf_token(request: Request) -> tuple[str, bool]:
    """The CSRF token for forms on this page, and whether it is new (so the cookie must be set)."""
    token = request.cookies.get(CSRF_COOKIE)
    if token and 20 <= len(token) <= 100:
        return token, False
    return new_secret(), True


def set_csrf_cookie(response: Response, token: str) -> None:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")


def check_csrf(request: Request, submitted: str | None) -> None:
    """``NotAuthorised`` unless the form's token matches the cookie and the request comes from this site."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin.rstrip("/") != expected:
            raise CsrfFailed(f"form posted from {origin}, not from this site; reload the page and try again")
    if not same_secret(request.cookies.get(CSRF_COOKIE), submitted):
        raise CsrfFailed("the form's CSRF token is missing or stale; reload the page and submit again")


def log_in(store: Store, response: Response, name: str, token: str) -> str:
    """Check a reviewer's name and token and start a session on ``response``; the reviewer's name."""
    found = store.reviewer_by_token(hash_secret(token.strip())) if token.strip() else None
    if found is None or found != name.strip():
        raise NotAuthorised("wrong name or token; a token comes from `newsledger reviewer add NAME`")
    session = new_secret()
    store.start_session(found, hash_secret(session))
    response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/", max_age=12 * 3600)
    return found


def log_out(store: Store, request: Request, response: Response) -> None:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        store.end_session(hash_secret(session))
    response.delete_cookie(SESSION_COOKIE, path="/")
