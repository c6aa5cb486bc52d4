"""Turn raw input into the article text every offset points into.

HTML goes through trafilatura (main text and metadata).  Then general line
rules drop boilerplate that survives extraction or comes with plain-text
scrapes: section labels ("RELATED STORIES"), promo and contact footers, share
prompts and copyright lines.  Each removal is kept with its reason so the UI
can show it struck out and a user can disagree.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import trafilatura

from .model import Removal

__all__ = ["CleanText", "clean_text", "clean_html", "html_to_text", "classify_line", "article_id"]


@dataclass(frozen=True)
class CleanText:
    text: str  # after line rules; what extraction runs on
    raw_text: str  # before line rules; Removal offsets point here
    removed: list[Removal]
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None


# Labels that introduce link lists or ads rather than article prose.
_LABEL_WORDS = (
    r"related|stories|story|articles?|read|more|also|see|watch|video|videos|advertisement|advert|ad|"
    r"sponsored|recommended|trending|popular|latest|top|most|share|comments?|newsletter|follow|"
    r"editor'?s|picks?|you|may|might|like|this|on|now|next|previous|continue|reading|below|here|links?|"
    r"news|in|other|topics|tags?|featured|promoted|content|from|around|the|web|partners?|us|pictures|photos|gallery"
)
_LABEL_LINE = re.compile(rf"^(?:(?:{_LABEL_WORDS})[\s:&/|-]*){{1,6}}$", re.I)
_ADVERT_LINE = re.compile(r"^(advertisement|advert|sponsored( content)?|ad|story continues below( advertisement)?)$", re.I)

_CALL_TO_ACTION = re.compile(
    r"\b(?:we pay for (?:your )?(?:stories|pictures|videos|photos)|do you have a story|got a story|"
    r"(?:email|e-mail|call|contact|text|message|whatsapp|tell|tip) us\b|tip us off|"
    r"sign up (?:for|to)\b|subscribe (?:to|now|for)\b|follow us (?:on|at)\b|like us on facebook|"
    r"download (?:our|the) (?:free )?app|click here|for (?:more|the latest) (?:news|stories|updates),? (?:visit|see|follow)|"
    r"(?:send|share) (?:us )?your (?:stories|pictures|videos|photos|tips)|"
    r"get (?:our|the) (?:daily |free )?newsletter|newsletter sign[- ]?up)",
    re.I,
)
_SHARE_PROMPT = re.compile(
    r"^(?:share(?: this)?(?: (?:article|story|page|post))?(?: (?:on|via) \w+)?|tweet(?: this)?|pin it|"
    r"click to share.*|share on (?:facebook|twitter|whatsapp|linkedin|reddit|email).*|"
    r"(?:(?:facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|email|e-mail|print|messenger|copy link)[\s,|/]*){2,})$",
    re.I,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s-]?)?(?:\(?\d{2,5}\)?[\s-]?){2,4}\d{3,4}\b")
_CONTACT_VERB = re.compile(r"\b(?:email|e-mail|call|contact|phone|ring|write to|send|tips?)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:us|our|we)\b", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.I)


def classify_line(line: str) -> str | None:
    """The reason a line is boilerplate, or None when it is article text."""
    stripped = line.strip()
    if not stripped:
        return None
    words = stripped.split()
    if len(words) <= 6 and (_ADVERT_LINE.match(stripped) or
                            (_LABEL_LINE.match(stripped) and not stripped.endswith((".", "?", "!", '"')))):
        return "section label"
    if _SHARE_PROMPT.match(stripped):
        return "share prompt"
    if _COPYRIGHT.search(stripped) and len(words) <= 30:
        return "copyright notice"
    if _CALL_TO_ACTION.search(stripped) and len(words) <= 60:
        return "promo / call to action"
    if ((_EMAIL.search(stripped) or _PHONE.search(stripped)) and _CONTACT_VERB.search(stripped)
            and _FIRST_PERSON.search(stripped) and len(words) <= 40):
        return "contact footer"
    return None


def clean_text(raw: str) -> tuple[str, list[Removal]]:
    """Apply the line rules; return the kept text and what was removed."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    removed: list[Removal] = []
    offset = 0
    for line in raw.split("\n"):
        reason = classify_line(line)
        if reason is None:
            kept.append(line)
        else:
            removed.append(Removal(line.strip(), reason, offset, offset + len(line)))
        offset += len(line) + 1
    text = "\n".join(kept).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text, removed


def html_to_text(html: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page via trafilatura (empty text if none)."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False)
    if document is None:
        return "", {}
    meta = {
        "title": getattr(document, "title", None),
        "published": getattr(document, "date", None),
        "url": getattr(document, "url", None),
        "source": getattr(document, "sitename", None),
    }
    return document.text or "", meta


def clean_html(html: str, url: str | None = None) -> CleanText:
    """Trafilatura's main text, then the line rules."""
    raw, meta = html_to_text(html, url)
    raw = raw.replace("\r\n", "\n")
    text, removed = clean_text(raw)
    return CleanText(text, raw, removed, meta.get("title"), meta.get("published"), meta.get("url") or url,
                     meta.get("source"))


def clean_plain(raw: str) -> CleanText:
    """The line rules on a plain-text article."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    text, removed = clean_text(raw)
    return CleanText(text, raw, removed)


def article_id(text: str) -> str:
    """Content hash of the cleaned text: the same story twice gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
