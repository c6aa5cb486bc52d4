"""Turn raw input into the article text every offset points into.

HTML goes through trafilatura (main text and metadata).  Then general line
rules drop boilerplate that survives extraction or comes with plain-text
scrapes: section labels ("RELATED STORIES"), related-link lines ("Read more:
<headline>"), promo and contact footers, share prompts, copyright and picture
credits, wire-service credits and sign-offs ("Reuter") and page furniture (tags, "Updated at ...").
The rules are written to be right on any news site; a line that reports
speech ("..., officers said.") is never taken for a call to action.  Each removal is kept with its reason so the UI
can show it struck out and a user can disagree.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml.etree import ParserError  # type: ignore[import-untyped]  # lxml ships no stubs; trafilatura needs it
from lxml.html import HTMLParser, document_fromstring  # type: ignore[import-untyped]
from trafilatura.utils import load_html

from .model import Removal

__all__ = ["CleanText", "clean_text", "clean_html", "html_to_text", "visible_text", "classify_line", "too_little_text",
           "article_id", "blank_control_characters"]


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
_ADVERT_LINE = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?|ad|skip (?:advertisement|ad)|"
    r"story continues below(?: advertisement)?|continue reading(?: the)?(?: main)? (?:story|article)|"
    r"scroll (?:down )?to continue(?: with content| reading)?|don'?t miss(?: this| out)?|"
    # "Popular on Example", "Most read from Example News": a widget heading naming the site.
    r"(?:popular|trending|most (?:read|popular|viewed|shared|watched)|more (?:stories|news|videos)|"
    r"latest (?:news|stories|videos)|top stories)(?: (?:on|from|at|in) \S+(?: \S+){0,2})?)\W*$",
    re.I,
)

# "Read more: <headline>", "Related: <headline>", "See also - <headline>", "Also on example.com <headline>":
# a label glued to a link, not a sentence of the story.
_RELATED_LINK = re.compile(
    r"^[\[(]?\s*(?:(?:read|see|watch|listen) (?:more|also)|also (?:read|see|watch)|related(?: (?:post|article|story|"
    r"stories|content|coverage|reading|video|link))?|more (?:on this|from \w+)|more|recommended|don'?t miss|"
    r"also)\s*[:|»>]|^also on (?:www\.)?[\w-]+(?:\.[a-z]{2,})+\b",
    re.I,
)

# A line that reports speech is article text even when it mentions calling or emailing someone.
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|tells|added|adds|according to|quoted)\b", re.I)

# Calls to action.  Imperatives ("Email us ...", "Tell us what you think") count only at the start of a
# sentence, so reported speech such as "the minister did not tell us why" stays.
_SENTENCE_START = r"(?:^[\W_]*|[.!?…:|]\s+[\"'“‘]?|\bplease\s+)"
_CALL_TO_ACTION = re.compile(
    r"\bwe pay for (?:your )?(?:stories|pictures|videos|photos)|"
    # "Do you have a story for the Example News team?", "Have a tip?"
    rf"{_SENTENCE_START}(?:do you have|have you got|got|have) an? (?:story|news tip|tip)(?: for (?:us|the [\w .'’-]{{1,40}}))?\s*\?|"
    # "Email us at ...", "Call us on ...", "Contact us:"; not "Call us old-fashioned, but ...".
    rf"{_SENTENCE_START}(?:email|e-mail|call|contact|text|message|whatsapp|write to|send) us"
    r"(?:\s+(?:on|at|via|with|today|now|anytime|directly|your|a|an)\b|\s*[:.!,]|\s*$)|\btip us off\b|"
    # "Tell us about your childhood" opens interview questions; only the comment prompt is a promo.
    r"\btell us (?:what you think|your (?:views|thoughts|story|stories)|in the comments|below)\b|"
    # Sign-up and subscription prompts name a newsletter or the site itself ("our"); "you can sign up for a
    # free trial" or "subscribe to all three services" in a review is article text.
    r"\b(?:sign up|subscribe|register)\b[^.!?]{0,80}?\b(?:newsletters?|inbox|e-?mail alerts|news alerts)\b|"
    r"\b(?:sign up|subscribe|register) (?:for|to) (?:our|my)\b|"
    rf"{_SENTENCE_START}(?:sign up|subscribe)(?: now| today| here)?\s*(?:[!.:]|$)|"
    r"\bfollow us (?:on|at)\b|\blike us on facebook\b|"
    rf"\bdownload our (?:free )?app\b|{_SENTENCE_START}download the (?:free )?(?:[\w+&'’-]+ ){{0,3}}app\b|"
    r"\bclick(?:ing)? here\b|\bfor (?:more|the latest) (?:news|stories|updates),? (?:visit|see|follow)\b|"
    r"\b(?:send|share) (?:us )?your (?:stories|pictures|videos|photos|tips)\b|"
    r"\bget (?:our|the) (?:daily |weekly |free )*newsletter\b|\bnewsletter sign[- ]?up\b|"
    r"\bthanks? (?:you )?for (?:signing up|subscribing)\b|"
    # Author or outlet social prompts: "Follow her on Twitter @handle", "Follow Example News on Facebook".
    rf"{_SENTENCE_START}follow\b[^.!?]{{0,60}}?\b(?:on|at|via) (?:twitter|facebook|instagram|youtube|tiktok|"
    r"linkedin|snapchat|threads|bluesky|mastodon|x\b|@)|"
    # Affiliate disclosures: the site earns from products or links on the page.
    r"\b(?:may|might|could|will) (?:earn|get|receive|collect) (?:a )?(?:small )?(?:commission|share of (?:the )?"
    r"(?:sale|revenue)|affiliate)[^.!?]*\b(?:products?|links?|purchases?|this (?:page|post|article|site))\b|"
    r"\bif you (?:buy|purchase) (?:something|anything|a product|products)\b[^.!?]{0,40}\b(?:links?|this (?:post|page|"
    r"article)|our (?:site|links))\b",
    re.I,
)
_SHARE_PROMPT = re.compile(
    r"^(?:share(?: this)?(?: (?:article|story|page|post))?(?: (?:on|via) \w+)?|tweet(?: this)?|pin it|"
    r"click to share.*|share on (?:facebook|twitter|whatsapp|linkedin|reddit|email).*|"
    r"(?:(?:facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|email|e-mail|print|messenger|copy link)[\s,|/]*){2,})$"
    r"|^(?:(?:like|liked|enjoy|enjoyed|love|loved) (?:this|the) (?:story|article|post)\?\s*)?"
    r"share (?:it|this(?: story| article| post)?) with (?:a friend|your friends|friends)\W*$",
    re.I,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s-]?)?(?:\(?\d{2,5}\)?[\s-]?){2,4}\d{3,4}\b")
# The reader is asked to contact the publisher: "email us", "call us", "here's our email:".  "Our team will
# contact the families on 020 ..." is not such a request.
_CONTACT_US = re.compile(
    r"\b(?:email|e-mail|call|contact|phone|ring|text|message|whatsapp|write to|reach|tip|send (?:\w+ )?to) us\b|"
    r"\bour (?:e-?mail(?: address)?|address|(?:tele)?phone(?: number)?|(?:tips? |news |contact )?(?:number|line|hotline|"
    r"desk)|newsroom)\b|\bwe(?:'d|’d| would) (?:like|love) to hear\b",
    re.I,
)
# "Jane Doe can be reached at jane@example.com": an author contact line.
_REACHED_AT = re.compile(r"\b(?:can|may) be (?:reached|contacted|emailed) (?:at|on|via|by)\b", re.I)

# "© Example News 2019", "Copyright 2019 Example Media", "(c) 2019 ...", "... All rights reserved."
# "Copyright" opening a sentence ("Copyright lawsuits rose in 2019") is not a notice: the word must be
# followed by ©, a year, or up to three capitalised name words and then a year.
_COPYRIGHT = re.compile(
    r"^(?:©|ⓒ|\(c\)\s*(?:19|20)\d\d\b|(?:[Cc]opyright|COPYRIGHT)\s*(?:©|ⓒ|\(c\)|(?:19|20)\d\d\b|"
    r"(?:[^\sa-z][^\s]*\s+){1,3}(?:©|ⓒ|\(c\)|(?:19|20)\d\d\b)))|\b[Aa]ll [Rr]ights [Rr]eserved\b|\bALL RIGHTS RESERVED\b"
)
_IMAGE_CREDIT = re.compile(
    r"^(?:image|photo|picture|video|graphic)s? (?:copyright|caption|source|credit)s?\b|"
    r"^\(?(?:(?:photo|image|picture)s?(?: credit)?\s*:\s*)?[\w .'&-]{0,40}/\s*(?:getty images|ap photo|ap|afp|reuters|"
    r"epa|shutterstock|alamy|pa(?: wire)?)\)?$|^\(?(?:getty images|ap photo|afp via getty images|shutterstock)\)?$",
    re.I,
)
# Wire-service and contributor credits: "(Reporting by A; Editing by B)", "Editing by Jane Doe",
# "C contributed reporting from Paris."  "Reporting by the Guardian showed ..." is a sentence: a credit is
# in brackets, lists a second credit, or is nothing but names after "by".
_CREDIT_BY = r"(?:additional )?(?:reporting|writing|editing|compiled|produced|graphics|research) by\b"
_CREDIT_LINE = re.compile(
    rf"^\((?i:{_CREDIT_BY})|^(?i:{_CREDIT_BY}).*(?:;|,|\band)\s*(?i:{_CREDIT_BY})|"
    rf"^(?i:{_CREDIT_BY})(?:\s+(?:[A-Z][\w.'’-]*|and|in|from|with)|\s*,)+\s*[.)]*$|"
    r"\b(?i:contributed (?:reporting|research|to this (?:report|story|article)))\b[^.!?]{0,60}[.)]*$"
)
# The wire's sign-off closing a Reuters story (Reuters-21578 and its text dumps): "Reuter" or "REUTER" alone on
# its line, maybe with the end-of-text mark (\x03 or "&#3;").  "Reuters" is the agency's name and stays.
_WIRE_SIGN_OFF = re.compile(r"^(?:Reuter|REUTER)\s*(?:\x03|&#0?3;)?$")
# Page furniture: tag lists, "Updated at 1:23 p.m.", "5 min read".
_TAGS_LINE = re.compile(r"^(?:filed under|tags?|tagged(?: with)?|categories|category|topics)\s*:", re.I)
# "Updated at 1:23 p.m.", "Published: 12/03/2019 09:15 GMT", "Last updated Nov. 19, 2019": after the
# keyword only dates, times, time zones and weekdays, so "Published in 2019, the report found ..." stays.
_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DAYS = r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|today|yesterday"
_TIMESTAMP = re.compile(
    r"^(?:(?:last )?updated|published|posted|first published|last modified)(?: on| at)?\s*:?\s*"
    rf"(?=.*(?:\d{{1,2}}[:.]\d{{2}}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\b(?:{_MONTHS})\b))"
    rf"(?:\d+|[ap]\.?m\.?|(?-i:[A-Z]{{2,4}})|on|at|of|(?:{_MONTHS})|(?:{_DAYS})|[\s,.:/|()+-])+$",
    re.I,
)
_READING_TIME = re.compile(r"^(?:reading time:?\s*)?(?:about |less than )?\d+\s*-?\s*min(?:ute)?s?\.?(?: read)?\.?$|"
                           r"^reading time\s*:", re.I)


def classify_line(line: str) -> str | None:
    """The reason a line is boilerplate, or None when it is article text."""
    stripped = line.strip()
    if not stripped:
        return None
    words = stripped.split()
    n = len(words)
    if _SHARE_PROMPT.match(stripped):
        return "share prompt"
    if n <= 6 and (_ADVERT_LINE.match(stripped) or
                   (_LABEL_LINE.match(stripped) and not stripped.endswith((".", "?", "!", '"')))):
        return "section label"
    if n <= 30 and _RELATED_LINK.search(stripped):
        return "related link"
    if n <= 30 and _COPYRIGHT.search(stripped):
        return "copyright notice"
    if n <= 15 and _IMAGE_CREDIT.search(stripped):
        return "image credit"
    if n <= 60 and _CREDIT_LINE.search(stripped):
        return "byline / credit"
    if _WIRE_SIGN_OFF.match(stripped):
        return "wire sign-off"
    if (n <= 25 and _TAGS_LINE.match(stripped)) or (n <= 10 and (_TIMESTAMP.match(stripped) or
                                                                 _READING_TIME.match(stripped))):
        return "page metadata"
    if _ATTRIBUTION.search(stripped):
        return None  # reported speech: keep, whatever it asks the reader to do
    if n <= 60 and _CALL_TO_ACTION.search(stripped):
        return "promo / call to action"
    if (n <= 40 and (_EMAIL.search(stripped) or _PHONE.search(stripped)) and
            (_CONTACT_US.search(stripped) or _REACHED_AT.search(stripped))):
        return "contact footer"
    return None


# C0 control characters other than tab, newline, vertical tab, form feed and carriage return, and DEL.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def blank_control_characters(raw: str) -> str:
    """Control characters (a NUL left in a JSON record's text, a stray escape code) as spaces.

    Why: glued to a word ("killed\\x00") they hide it from the tagger, so the event is lost, and PostgreSQL
    cannot store a NUL at all.  A space has the same length, so every offset into the text stays true.
    """
    return _CONTROL_CHARACTERS.sub(" ", raw)


def clean_text(raw: str) -> tuple[str, list[Removal]]:
    """Apply the line rules; return the kept text and what was removed.

    Line endings are normalised to ``\n`` first; Removal offsets index that normalised text.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    removed: list[Removal] = []
    offset = 0
    for line in raw.split("\n"):
        reason = classify_line(line)
        if reason is None:
            kept.append(line)
        else:
            # Offsets cover the line without its surrounding whitespace, so raw[start:end] == Removal.text.
            start = offset + len(line) - len(line.lstrip())
            text_of_line = line.strip()
            removed.append(Removal(text_of_line, reason, start, start + len(text_of_line)))
        offset += len(line) + 1
    text = "\n".join(kept).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text, removed


def html_to_text(html: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page (empty text if none), in three steps.

    1. trafilatura on the page.
    2. When that gives nothing and the input is a fragment (no <html> tag at its start, as in an API body or a
       JSON Lines ``html`` field): trafilatura on the fragment inside <html>, because trafilatura takes a
       fragment of one top-level element ("<p>...</p>") for something that is not HTML.
    3. When that still gives nothing and the page shows at most ``_SHORT_PAGE`` characters: its visible text.
       A one-paragraph news brief is too short for trafilatura but is an article; a long page that yields
       nothing is not, and stays empty.
    """
    text, meta = _trafilatura_text(html, url)
    if not text.strip() and _is_fragment(html):
        text, meta = _trafilatura_text(f"<html>{html}</html>", url)
    if not text.strip() and (deep := _deep_tree(html)) is not None:
        text, meta = _trafilatura_text(deep, url)
    if not text.strip():
        visible = visible_text(html)
        if len(visible) <= _SHORT_PAGE:
            text = visible
    return text, meta


_SHORT_PAGE = 2000  # characters of visible text: a news brief of a few paragraphs, not a whole web page


def _trafilatura_text(html: Any, url: str | None) -> tuple[str, dict[str, str | None]]:
    """trafilatura on a page (a string, or an lxml tree already parsed)."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False)
    if document is None:
        return "", {}
    assert not isinstance(document, dict)  # as_dict is off, so trafilatura returns a Document
    meta = {
        "title": getattr(document, "title", None),
        "published": getattr(document, "date", None),
        "url": getattr(document, "url", None),
        "source": getattr(document, "sitename", None),
    }
    return document.text or "", meta


# libxml2 drops every element nested deeper than 255 (a page of unclosed <div>s or <font>s gets there): trafilatura
# then found nothing, and a whole article was rejected as "no article text found".  Its "huge" mode goes deeper.
_DEEP_PARSER = HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
_LIBXML2_MAX_DEPTH = 255


def _deep_tree(html: str) -> Any:
    """``html`` parsed without libxml2's nesting limit, when the page nests elements deeper than it; else None
    (the usual parse lost nothing)."""
    if html.count("<") <= _LIBXML2_MAX_DEPTH:
        return None  # too few tags to nest that deep
    try:
        tree = document_fromstring(f"<html>{html}</html>" if _is_fragment(html) else html, parser=_DEEP_PARSER)
    except (ValueError, ParserError):
        return None
    leaves = (element for element in tree.iter() if len(element) == 0)  # the deepest element is a leaf
    deep = any(sum(1 for _ in leaf.iterancestors()) >= _LIBXML2_MAX_DEPTH for leaf in leaves)
    return tree if deep else None


def _is_fragment(html: str) -> bool:
    """True for HTML without an <html> tag near its start: trafilatura's own test for a whole document."""
    return "html" not in html[:50].lower()


_INVISIBLE = ("head", "script", "style", "noscript", "template", "svg", "iframe", "object")
_BLOCKS = ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
           "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
           "section", "table", "td", "th", "tr", "ul")


def visible_text(html: str) -> str:
    """The text a browser shows for ``html`` (scripts, styles and the <head> left out), one line per block
    (paragraph, heading, list item ...) so that the line rules can judge each."""
    tree = _deep_tree(html)
    if tree is None:
        tree = load_html(f"<html>{html}</html>" if _is_fragment(html) else html)
    if tree is None:
        return ""
    for element in list(tree.iter(*_INVISIBLE)):
        element.drop_tree()  # keeps the text that follows the element
    for element in tree.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def clean_html(html: str, url: str | None = None) -> CleanText:
    """Trafilatura's main text, then the line rules."""
    raw, meta = html_to_text(html, url)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    raw = blank_control_characters(raw)
    text, removed = clean_text(raw)
    return CleanText(text, raw, removed, meta.get("title"), meta.get("published"), meta.get("url") or url,
                     meta.get("source"))


def clean_plain(raw: str) -> CleanText:
    """The line rules on a plain-text article."""
    raw = blank_control_characters(raw.replace("\r\n", "\n").replace("\r", "\n").strip("\n"))
    text, removed = clean_text(raw)
    return CleanText(text, raw, removed)


MIN_ARTICLE_WORDS = 3  # "hi" or a lone word is no article; "Gunmen killed three." is the shortest news brief
# A word: a run of letters or digits, or one Chinese or Japanese character (those scripts do not space words).
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")


def too_little_text(text: str) -> str | None:
    """Why a cleaned text is too little to be an article ("hi", a stray word), or None when it may be one.

    Words, not characters, are counted, so that a one-sentence brief in any script passes.  Meant for
    ``pipeline.prepare``, next to its "no article text found after cleaning" check, so that it holds for every
    input alike (a file, a JSON Lines record, an API body, an HTML page after cleaning).
    """
    words = len(_WORD.findall(text))
    if words >= MIN_ARTICLE_WORDS:
        return None
    return (f"too little text for an article: {words} word{'s' if words != 1 else ''} after cleaning, "
            f"at least {MIN_ARTICLE_WORDS} needed")


def article_id(text: str) -> str:
    """Content hash of the cleaned text: the same story twice gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
