"""Review: what a reviewer may change, how values are checked, and the secrets behind logins.

Pure functions only; ``store`` keeps the audit log and the current decisions,
the web layer checks tokens and CSRF with the helpers here.

A decision is about one event, keyed by its article and trigger offsets (not
its ``V3`` id, which may change when the pipeline is re-run), and either about
the whole event (``field`` is None: ``confirm`` or ``reject`` it) or one field
(``confirm`` the value, ``correct`` it to a new value, or ``reject`` it as
wrong without knowing the right one, which blanks it).  The newest decision
per field wins; every decision stays in the audit log with its old and new
value.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import date
from typing import Any

from .errors import NewsledgerError

__all__ = [
    "ACTIONS", "EVENT_ACTIONS", "REVIEW_FIELDS", "EVENT_TYPES", "MODALITIES", "REVIEW_STATUSES",
    "BadReview", "UnknownField", "NotAuthorised", "EventNotFound", "IncidentNotFound",
    "check_review", "check_note", "NOTE_LIMIT", "parse_date_bound", "parse_bbox", "new_secret", "hash_secret", "same_secret", "member_key",
    "parse_member_key",
]


class BadReview(NewsledgerError):
    """A review names an unknown field or action, or gives a value the field cannot hold."""


class UnknownField(BadReview):
    """A review names a field that is not in ``REVIEW_FIELDS``: the request itself is invalid (the API's 422)."""


class NotAuthorised(NewsledgerError):
    """A write came without a valid reviewer token or login."""


class EventNotFound(NewsledgerError):
    """No stored event has that article id and event id."""


class IncidentNotFound(NewsledgerError):
    """No stored incident has that id."""


ACTIONS = ("confirm", "correct", "reject")
EVENT_ACTIONS = ("confirm", "reject")
# Statuses of an event, from its decisions: rejected as a whole, a field corrected or blanked,
# confirmed (as a whole or field by field), or untouched.
REVIEW_STATUSES = ("unreviewed", "confirmed", "corrected", "rejected")

EVENT_TYPES = ("ASSAULT", "COERCE", "PROTEST", "ACCUSE", "DEMAND", "THREATEN", "AGREE", "CONSULT", "SANCTION",
               "MOBILIZE", "AID", "RETREAT", "REJECT", "SUPPORT", "CONCEDE", "COOPERATE", "INVESTIGATE")
MODALITIES = ("occurred", "claimed", "approved", "planned", "threatened", "denied", "negated", "hypothetical")

_TIMEX = re.compile(r"\d{4}(-(\d{2}|XX)(-(\d{2}|XX))?|-W\d{2}|-(SP|SU|FA|WI|Q[1-4]|H[12]))?|PRESENT_REF|PAST_REF|FUTURE_REF")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _text(value: str) -> str:
    value = value.strip()
    if not value or len(value) > 300:
        raise BadReview("give a value of 1 to 300 characters")
    return value


def _choice(choices: tuple[str, ...]):
    def check(value: str) -> str:
        value = value.strip()
        if value not in choices:
            raise BadReview(f"{value!r} is not one of {', '.join(choices)}")
        return value
    return check


def _timex(value: str) -> str:
    value = value.strip()
    if not _TIMEX.fullmatch(value):
        raise BadReview(f"{value!r} is not a TIMEX3 date: use 2014, 2014-06 or 2014-06-12 (or 2016-W30, 2016-XX, PAST_REF)")
    month, week = re.fullmatch(r"\d{4}-(\d{2})\b.*", value), re.fullmatch(r"\d{4}-W(\d{2})", value)
    if month and not 1 <= int(month.group(1)) <= 12 or week and not 1 <= int(week.group(1)) <= 53:
        raise BadReview(f"{value!r} is not a calendar date (month 01-12, week W01-W53)")
    full = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if full:
        try:
            date(*(int(x) for x in full.groups()))
        except ValueError:
            raise BadReview(f"{value!r} is not a calendar date") from None
    return value


def _count(value: str) -> str:
    try:
        number = float(value.replace(",", "").strip())
    except ValueError:
        raise BadReview(f"{value!r} is not a number: give digits such as 1700") from None
    if not 0 <= number < 1e12 or number != number:
        raise BadReview(f"{value!r} is not a count: give a number from 0 up")
    return str(int(number)) if number.is_integer() else str(number)


def _flag(value: str) -> str:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes"):
        return "1"
    if lowered in ("0", "false", "no"):
        return "0"
    raise BadReview(f"{value!r} is not true or false")


def _event_type(value: str) -> str:
    """One of ``EVENT_TYPES`` (the ``type`` enum of the JSON Schema); lower case is accepted and upper-cased."""
    value = value.strip()
    if value.upper() in EVENT_TYPES:
        return value.upper()
    raise BadReview(f"{value!r} is not an event type; use one of {', '.join(EVENT_TYPES)}")


# Every field a reviewer may change, with the check that turns the submitted text into the stored value.
REVIEW_FIELDS = {
    "type": _event_type,
    "mode": _text,
    "modality": _choice(MODALITIES),
    "background": _flag,
    "agent_text": _text,
    "target_text": _text,
    "place_text": _text,
    "time_value": _timex,
    "count_best": _count,
    "claimed_by_text": _text,
}


def check_review(field: str | None, action: str, value: Any = None) -> str | None:
    """The value to store for a decision, or ``BadReview`` saying what is wrong (``UnknownField`` for a field
    that cannot be reviewed at all).

    Args:
        field: one of ``REVIEW_FIELDS``, or None (or "" / "event") for the whole event.
        action: ``confirm``, ``correct`` or ``reject`` (the whole event: ``confirm`` or ``reject``).
        value: the new value, needed by ``correct`` only.
    """
    if field in (None, "", "event"):
        if action not in EVENT_ACTIONS:
            raise BadReview(f"action {action!r} does not apply to a whole event; use one of "
                            f"{', '.join(EVENT_ACTIONS)} (correct one field instead)")
        return None
    if field not in REVIEW_FIELDS:
        raise UnknownField(f"unknown field {field!r}; reviewable fields: {', '.join(REVIEW_FIELDS)}")
    if action not in ACTIONS:
        raise BadReview(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    if action != "correct":
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadReview(f"correcting {field} needs a value")
    return REVIEW_FIELDS[field](str(value))


# The longest note a decision keeps (the API's bodies and the review forms alike).
NOTE_LIMIT = 2000


def check_note(note: str | None) -> str | None:
    """A reviewer's note as stored (None when blank), or ``BadReview`` when it is longer than ``NOTE_LIMIT``."""
    if note is None or not note.strip():
        return None
    if len(note) > NOTE_LIMIT:
        raise BadReview(f"a note holds at most {NOTE_LIMIT:,} characters (this one has {len(note):,}); shorten it")
    return note


def parse_date_bound(value: str, *, end: bool) -> str:
    """``2014`` → ``2014-01-01`` (or ``2014-12-31`` for an end bound); ``BadReview`` if it is not a date."""
    match = _DATE.fullmatch(value.strip())
    if not match:
        raise BadReview(f"{value!r} is not a date: use 2014, 2014-06 or 2014-06-12")
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        raise BadReview(f"{value!r} is not a date: month 01-12, day 01-31")
    if day:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            raise BadReview(f"{value!r} is not a calendar date: {year}-{month} has no day {day}") from None
    return f"{year}-{month or ('12' if end else '01')}-{day or ('31' if end else '01')}"


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``"west,south,east,north"`` → floats, checked; ``BadReview`` otherwise."""
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise BadReview(f"bbox {value!r} is not four numbers: use west,south,east,north such as 38,29,49,38") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise BadReview(f"bbox {value!r} is out of range: longitudes -180..180, latitudes -90..90, south <= north")
    return west, south, east, north


def new_secret() -> str:
    """A fresh random token (URL-safe, 256 bits)."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """What is stored instead of a token: its SHA-256, so a copied database gives no logins away."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_secret(a: str | None, b: str | None) -> bool:
    """Constant-time equality of two non-empty secrets."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def member_key(article_id: str, event_id: str) -> str:
    """How an incident member is named in corrections: ``article_id:V3``."""
    return f"{article_id}:{event_id}"


def parse_member_key(key: str) -> tuple[str, str]:
    """``article_id:V3`` → (article_id, "V3"); ``BadReview`` otherwise."""
    article_id, sep, event_id = key.strip().partition(":")
    if not sep or not article_id or not event_id:
        raise BadReview(f"{key!r} does not name an event; use ARTICLE_ID:EVENT_ID such as cd48f2e7a1b2c3d4:V2")
    return article_id, event_id
