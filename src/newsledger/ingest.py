"""Read inputs from disk: plain text, HTML, JSON Lines, Reuters SGML, folders, gzip.

``iter_inputs`` streams one ``RawArticle`` or ``Rejection`` at a time so a run
over a large archive never holds the corpus in memory, and one bad file never
stops a run: it becomes a ``Rejection`` naming the file and the reason.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import UnreadableInput
from .model import RawArticle, Rejection

__all__ = ["iter_inputs", "read_file", "decode_bytes", "iter_reuters", "SUPPORTED_SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SGML_SUFFIXES = {".sgm", ".sgml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | SGML_SUFFIXES

_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


def decode_bytes(data: bytes, path: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else the most likely charset."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableInput(f"{path}: binary file (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise UnreadableInput(f"{path}: cannot detect the text encoding")
    # Short Western text fits several single-byte code pages equally well (cp775, cp1257 ...);
    # news that is not UTF-8 is overwhelmingly Windows-1252, so prefer it whenever it is as plausible.
    western = next((m for m in matches if "cp1252" in m.could_be_from_charset), None)
    if western is not None and western.chaos <= best.chaos + 0.1:
        return str(western)
    return str(best)


def _format_for(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in SGML_SUFFIXES or data.lstrip().startswith(b"<!DOCTYPE lewis"):
        return "reuters"
    if _HTML_SNIFF.match(data[:2048]):
        return "html"
    if suffix in TEXT_SUFFIXES or suffix:
        return "text"
    return "text"


def first_line_title(text: str) -> str | None:
    """A plain-text article's first line is its headline when it looks like one."""
    first = text.strip().split("\n", 1)[0].strip()
    if first and len(first) <= 200 and "\n" in text.strip() and not first.endswith((".", ":", ";")):
        return first
    return None


def read_file(path: Path, *, title: str | None = None, published: str | None = None) -> Iterator[RawArticle | Rejection]:
    """Yield the articles in one file (several for JSON Lines or SGML)."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(name, f"cannot read file: {exc.strerror or exc}")
        return
    inner = path
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:  # a damaged deflate stream raises zlib.error
            yield Rejection(name, f"corrupt gzip file: {exc}")
            return
        inner = path.with_suffix("")
    if not data.strip():
        yield Rejection(name, "empty file")
        return
    try:
        text = decode_bytes(data, name)
    except UnreadableInput as exc:
        yield Rejection(name, str(exc).split(": ", 1)[-1])
        return
    fmt = _format_for(inner, data)
    if fmt == "jsonl":
        yield from _read_jsonl(name, text)
    elif fmt == "reuters":
        yield from iter_reuters(text, name)
    elif fmt == "html":
        yield RawArticle(name, text, "html", title=title, published=published)
    else:
        yield RawArticle(name, text, "text", title=title or first_line_title(text), published=published)


def _read_jsonl(name: str, text: str) -> Iterator[RawArticle | Rejection]:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of records is accepted too
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield Rejection(name, f"invalid JSON: {exc.msg} at line {exc.lineno}")
            return
        # Already parsed: a string element is a bad record, not a line to parse again.
        for number, record in enumerate(records, 1):
            yield _record_to_article(name, number, record)
        return
    try:  # one (possibly pretty-printed) JSON object; JSON Lines fails fast with "Extra data"
        single = json.loads(stripped)
    except json.JSONDecodeError:
        single = None
    if isinstance(single, dict):
        yield _record_to_article(name, 1, single)
        return
    # Split on "\n" only: str.splitlines() also breaks at U+2028, U+0085 … which JSON
    # strings may hold unescaped, and would cut a valid record in two.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(name, f"invalid JSON: {exc.msg}", line=number)
            continue
        yield _record_to_article(name, number, item)


def _record_to_article(name: str, number: int, record: object) -> RawArticle | Rejection:
    if not isinstance(record, dict):
        return Rejection(name, "record is not a JSON object", line=number)
    body_html = record.get("html")
    body_text = record.get("text")
    if isinstance(body_html, str) and body_html.strip():
        content, fmt = body_html, "html"
    elif isinstance(body_text, str) and body_text.strip():
        content, fmt = body_text, "text"
    else:
        return Rejection(name, "record has no non-empty 'text' or 'html' field", line=number)
    meta = {}
    for key in ("title", "url", "published", "source"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Rejection(name, f"field {key!r} must be a string, got {type(value).__name__}", line=number)
        meta[key] = value
    if fmt == "text" and meta["title"] is None:  # same headline rule as a plain-text file
        meta["title"] = first_line_title(content)
    return RawArticle(f"{name}:{number}", content, fmt, line=number, **meta)


_REUTERS_DOC = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_REUTERS_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}


def _sgml_field(doc: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.S)
    return html.unescape(match.group(1)) if match else None


def iter_reuters(text: str, name: str, *, only_with_body: bool = True) -> Iterator[RawArticle | Rejection]:
    """Stories of one Reuters-21578 SGML file, with their dates and titles."""
    for match in _REUTERS_DOC.finditer(text):
        newid, doc = match.groups()
        body = _sgml_field(doc, "BODY")
        if not body or not body.strip():
            if not only_with_body:
                yield Rejection(f"{name}#{newid}", "Reuters story has no BODY")
            continue
        body = re.sub(r"\s*\x03\s*$", "", body)  # end-of-text control character
        body = re.sub(r"\s*Reuter\s*$", "", body.rstrip(), flags=re.I)  # sign-off is "Reuter" or "REUTER"
        published = None
        date = _sgml_field(doc, "DATE")
        dm = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", date or "")
        if dm and dm.group(2) in _REUTERS_MONTHS:
            published = f"{dm.group(3)}-{_REUTERS_MONTHS[dm.group(2)]:02d}-{int(dm.group(1)):02d}"
        title = _sgml_field(doc, "TITLE")
        # Reuters wraps lines at ~65 columns; paragraphs start with an indent.
        paragraphs = re.split(r"\n\s{2,}(?=\S)", body.strip())
        clean_body = "\n".join(" ".join(p.split()) for p in paragraphs)
        yield RawArticle(f"{name}#{newid}", clean_body, "text", title=title.strip() if title else None,
                         published=published, source="Reuters")


def iter_inputs(paths: Iterable[str | Path], *, title: str | None = None,
                published: str | None = None) -> Iterator[RawArticle | Rejection]:
    """Walk files and folders (recursively, sorted) and yield what each holds."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                yield from read_file(file, title=title, published=published)
        elif path.exists():
            yield from read_file(path, title=title, published=published)
        else:
            yield Rejection(str(path), "no such file or folder")
