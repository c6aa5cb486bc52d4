"""Read inputs from disk: plain text, HTML, JSON Lines, Reuters SGML, folders, gzip.

``iter_inputs`` streams one ``RawArticle`` or ``Rejection`` at a time so a run
over a large archive never holds the corpus in memory, and one bad file never
stops a run: it becomes a ``Rejection`` naming the file and the reason.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import html
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from charset_normalizer import CharsetMatches, from_bytes

from .errors import UnreadableInput
from .model import RawArticle, Rejection

__all__ = ["iter_inputs", "read_file", "decode_bytes", "iter_reuters", "record_body", "list_input_files",
           "single_article_files", "article_byte_limit", "SUPPORTED_SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SGML_SUFFIXES = {".sgm", ".sgml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | SGML_SUFFIXES

# Files that are not text whatever their name: read as text they give markup and compressed streams, not an
# article.  Found by their first bytes; a ZIP container is named by its suffix.
_DOCUMENT_MAGIC = ((b"%PDF-", "a PDF document"), (b"{\\rtf", "an RTF document"),
                   (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office 97-2003 document (.doc, .xls or .ppt)"),
                   (b"PK\x03\x04", "a ZIP archive"))
_ZIP_DOCUMENTS = {".docx": "a Word document (.docx)", ".xlsx": "an Excel workbook (.xlsx)",
                  ".pptx": "a PowerPoint presentation (.pptx)", ".odt": "an OpenDocument text (.odt)",
                  ".ods": "an OpenDocument spreadsheet (.ods)", ".epub": "an EPUB book (.epub)"}
# Text that is not an article: a table or XML read as one article is its cells or its tags.
_TABLE_SUFFIXES = {".csv": "a CSV table", ".tsv": "a TSV table", ".xml": "an XML file"}
_READS = "newsledger reads plain text, HTML, JSON Lines and Reuters SGML"

_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
_UTF8_BOM = b"\xef\xbb\xbf"


def _sniffable(head: bytes) -> bytes:
    """The first bytes of a file as UTF-8 without a byte-order mark, for telling its format: a UTF-8 mark (which
    Windows editors write) or UTF-16 (Notepad's "Unicode") would hide a page's ``<!DOCTYPE html>`` or a JSON
    array's ``[``, and such a page was read as plain text, its tags as the article."""
    if head.startswith(_UTF8_BOM):
        return head[len(_UTF8_BOM):]
    utf16 = "utf-16" if head.startswith(_UTF16_BOMS) else _utf16_without_bom(head)
    if utf16:  # the head may end inside a character: cut to whole code units, a broken last one replaced
        return head[:len(head) - len(head) % 2].decode(utf16, errors="replace").encode("utf-8")
    return head


def decode_bytes(data: bytes, path: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else the most likely charset (see ``_guess_encoding``).

    Bytes that are not UTF-8 and decode to text full of control codes are binary data, not an article:
    ``UnreadableInput`` says so rather than handing mojibake on."""
    if _is_binary(data):
        raise UnreadableInput(f"{path}: binary file (NUL bytes), not an article")
    utf16 = _utf16_without_bom(data)
    if utf16:  # its NUL bytes are valid UTF-8: it must be caught first
        text = data.decode(utf16, errors="replace")
        _check_text(text, utf16, path)
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mostly = _decode_mostly_utf8(data, bom=True)
    if mostly is not None:
        return mostly
    encoding = _guess_encoding(data, path)
    text = _decode_as(data, encoding)
    _check_text(text, encoding, path)
    return text


def _stray_byte_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each byte that is not UTF-8 read as Windows-1252 (as ``_decode_as`` reads it)."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("latin-1").translate(_C1_AS_CP1252), exc.end


codecs.register_error("newsledger-stray-cp1252", _stray_byte_as_cp1252)

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_mostly_utf8(data: bytes, *, bom: bool = False) -> str | None:
    """UTF-8 text with a few stray bytes that are not UTF-8 (a Windows-1252 "é" pasted into a UTF-8 page, a
    character cut by a truncation), or None when the bytes are not mostly UTF-8.

    Reading such a file whole in a guessed single-byte encoding would turn every correct character into
    mojibake ("cafÃ©", "â€”"); so when the valid multi-byte UTF-8 sequences outnumber the stray bytes, the file
    stays UTF-8 and only each stray byte is read as Windows-1252.  A real Windows-1252 file almost never
    holds a valid UTF-8 sequence ("Ã©" is not how anyone writes), so it is still left to ``_guess_encoding``."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if not valid:
        return None
    text = data.decode("utf-8-sig" if bom else "utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    if stray >= valid:
        return None
    return data.decode("utf-8-sig" if bom else "utf-8", errors="newsledger-stray-cp1252")


def _is_binary(head: bytes) -> bool:
    return b"\x00" in head[:8192] and not _is_utf16(head)


def _is_utf16(head: bytes) -> bool:
    return head.startswith(_UTF16_BOMS) or _utf16_without_bom(head) is not None


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text saved without a byte-order mark, else None.

    Its NUL bytes are the high bytes of ASCII letters, spaces and digits, so they all fall on one side of each
    pair (odd offsets little-endian, even big-endian), and at many of its pairs; binary data has NULs on both
    sides.  Such a file was rejected as "binary file (NUL bytes)"."""
    sample = data[:8192 - 8192 % 2] if len(data) >= 8192 else data[:len(data) - len(data) % 2]
    if len(sample) < 16 or data.startswith(_UTF16_BOMS):
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    for encoding, nul_side, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if other == 0 and nul_side >= pairs * 0.1:
            try:
                data[:len(data) - len(data) % 2].decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# The five bytes Windows-1252 leaves undefined.  A browser reads them as the C1 control codes of the same
# number (the WHATWG Encoding Standard's windows-1252), so one stray byte does not make a Western file unreadable.
_CP1252_UNDEFINED = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])
_CP1252_MASK = bytes.maketrans(_CP1252_UNDEFINED, b"?" * len(_CP1252_UNDEFINED))
_C1_AS_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in _CP1252_UNDEFINED}


def _guess_encoding(data: bytes, path: str) -> str:
    """The encoding of bytes that are not UTF-8, as a Python codec name.

    1. charset-normalizer's best guess, but Windows-1252 whenever it is about as plausible: short Western
       text fits several single-byte code pages equally well (cp775, cp1257 ...), and news that is not
       UTF-8 is overwhelmingly Windows-1252.
    2. When Windows-1252 is ruled out only by one of the five bytes it leaves undefined, and the best guess
       is a single-byte code page, guess again with those bytes masked; Windows-1252 then reads them as
       control codes (``_decode_as``), as a browser does.  Multi-byte encodings (Shift JIS, GBK ...) use
       these bytes as lead bytes, so they are never masked for them.
    """
    matches = from_bytes(data)
    best = matches.best()
    if _western_is_plausible(matches):
        return "cp1252"
    if any(b in data for b in _CP1252_UNDEFINED) and (best is None or len(str(best)) == len(data)):
        if _western_is_plausible(from_bytes(data.translate(_CP1252_MASK))):
            return "cp1252"
    if best is None:
        raise UnreadableInput(f"{path}: cannot detect the text encoding")
    return str(best.encoding)


def _western_is_plausible(matches: CharsetMatches) -> bool:
    """True when Windows-1252 is among charset-normalizer's ``matches`` and nearly as coherent as the best."""
    best = matches.best()
    western = next((m for m in matches if "cp1252" in m.could_be_from_charset), None)
    return best is not None and western is not None and western.chaos <= best.chaos + 0.1


def _decode_as(data: bytes, encoding: str) -> str:
    """``data`` in ``encoding``; Windows-1252 as the WHATWG standard reads it (undefined bytes → C1 codes)."""
    if encoding == "cp1252":
        return data.decode("latin-1").translate(_C1_AS_CP1252)
    return data.decode(encoding, errors="replace")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffd]")  # not \t \n \v \f \r, NEL
_MAX_CONTROL_SHARE = 0.05  # real text has none or a stray few; random bytes decode to 10% or more


def _check_text(text: str, encoding: str, path: str) -> None:
    """``UnreadableInput`` when text decoded by a guessed encoding is full of control codes (or
    undecodable bytes): binary data that holds no NUL byte, such as compressed or encrypted files."""
    visible = len(text) - sum(map(str.isspace, text))
    bad = len(_CONTROL.findall(text))
    if visible and bad > 2 and bad / visible > _MAX_CONTROL_SHARE:
        raise UnreadableInput(f"{path}: not text: {bad / visible:.0%} of the characters are control codes when "
                              f"read as {encoding}, the likeliest encoding (binary data?)")


class _PieceDecoder:
    """Decode a file piece by piece (a JSON line, a Reuters story): UTF-8 when a piece is UTF-8, else the
    charset detected once, on the file's first 64 KiB when they are not UTF-8, or else on the first piece
    that is not."""

    def __init__(self, head: bytes, path: str):
        self.head, self.path = head, path
        self.fallback: str | None = None

    def __call__(self, piece: bytes, first: bool = False) -> str:
        try:
            return piece.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError:
            pass
        mostly = _decode_mostly_utf8(piece, bom=first)
        if mostly is not None:
            return mostly
        if self.fallback is None:
            try:
                self.head.decode("utf-8")
                sample = piece  # the head is UTF-8 (a cut character at its end is no sign of anything else)
            except UnicodeDecodeError as exc:
                sample = piece if exc.start >= len(self.head) - 3 else self.head
            self.fallback = _guess_encoding(sample, self.path)
        text = _decode_as(piece, self.fallback)
        _check_text(text, self.fallback, self.path)
        return text


def _format_for(path: Path, data: bytes) -> str:
    data = _sniffable(data)
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


def _not_an_article(inner: Path, head: bytes) -> str | None:
    """Why a file that is a document, archive or table rather than text or HTML is not read ("a PDF document,
    not an article: …"), else None.  Such a file used to be read as text: an article of PDF operators or tags."""
    start = head.lstrip()  # the raw bytes: a document's magic number is no text, and never follows a mark
    kind = next((name for magic, name in _DOCUMENT_MAGIC if start.startswith(magic)), None)
    if kind == "a ZIP archive":
        kind = _ZIP_DOCUMENTS.get(inner.suffix.lower(), kind)  # an Office or e-book file is a ZIP container
    if kind == "a ZIP archive":
        return f"a ZIP archive, not an article: unpack it and give the folder ({_READS})"
    if kind:
        return f"{kind}, not an article: {_READS}; save or convert it as text or HTML first"
    table = _TABLE_SUFFIXES.get(inner.suffix.lower())
    if table and not _HTML_SNIFF.match(_sniffable(head)[:2048]):  # an XHTML page saved as .xml is still a page
        return (f"{table}, not an article: {_READS}; write one JSON Lines record per article (with `text` or "
                "`html`) instead")
    return None


def first_line_title(text: str) -> str | None:
    """A plain-text article's first line is its headline when it looks like one."""
    first = text.strip().split("\n", 1)[0].strip()
    if first and len(first) <= 200 and "\n" in text.strip() and not first.endswith((".", ":", ";")):
        return first
    return None


_HEAD = 64 * 1024  # bytes read first, to decide the format and the encoding
_CHUNK = 1024 * 1024  # bytes read at a time from a Reuters SGML file


def read_file(path: Path, *, title: str | None = None, published: str | None = None,
              tally: dict[str, int] | None = None, max_bytes: int | None = None) -> Iterator[RawArticle | Rejection]:
    """Yield the articles in one file (several for JSON Lines or SGML).

    JSON Lines and Reuters SGML files (gzipped or not) are read as a stream, a line or a story at a time,
    so a single huge file is never held in memory whole.  A plain-text or HTML file is one article and
    is read at once; so is a JSON array or a pretty-printed JSON object, and a UTF-16 file.

    ``tally``, when given, counts what is skipped without being an article or a rejection: Reuters
    stories without a <BODY> (``tally["no_body"]``).

    ``max_bytes``, when given, is the most a plain-text or HTML file (uncompressed) may hold: a bigger one is
    rejected after reading only that much (see ``article_byte_limit``).
    """
    name = str(path)
    if _is_broken_link(path):  # open() would say only "No such file or directory"
        yield Rejection(name, _broken_link_reason(path))
        return
    special = _special_file_kind(path)
    if special:  # open() on a named pipe waits for a writer: the run would hang there
        yield Rejection(name, f"not a regular file but {special}; give files or folders")
        return
    gzipped = path.suffix.lower() == ".gz"
    inner = path.with_suffix("") if gzipped else path
    try:
        raw = open(path, "rb")  # closed below, also when the consumer stops early
    except OSError as exc:
        yield Rejection(name, f"cannot read file: {exc.strerror or exc}")
        return
    try:
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else raw
        items = _read_stream(stream, name, inner, title=title, published=published,
                             tally=tally if tally is not None else {}, max_bytes=max_bytes)
        while True:
            try:
                item = next(items)
            except StopIteration:
                return
            except (OSError, EOFError, zlib.error) as exc:  # a damaged deflate stream raises zlib.error
                if gzipped:
                    yield Rejection(name, f"corrupt gzip file: {exc}")
                else:
                    yield Rejection(name, f"cannot read file: {getattr(exc, 'strerror', None) or exc}")
                return
            yield item
    finally:
        raw.close()


def _read_stream(stream: Any, name: str, inner: Path, *, title: str | None, published: str | None,
                 tally: dict[str, int], max_bytes: int | None = None) -> Iterator[RawArticle | Rejection]:
    head = stream.read(_HEAD)
    blank = 0  # bytes of blanks before ``head``: only the latest piece is kept (the file is read again below)
    while not _sniffable(head).strip():  # only blank so far (a byte-order mark is no text): empty unless more follows
        more = stream.read(_HEAD)
        if not more:
            yield Rejection(name, "empty file")
            return
        blank, head = blank + len(head), more
        if max_bytes is not None and blank > max_bytes:  # a gzip bomb of blanks
            yield _too_big(name, inner, max_bytes)
            return
    reason = _not_an_article(inner, head)
    if reason:
        yield Rejection(name, reason)
        return
    if _is_binary(head):
        yield Rejection(name, "binary file (NUL bytes), not an article")
        return
    fmt = _format_for(inner, head)
    if fmt == "jsonl" and not _is_utf16(head) and _jsonl_by_line(head, stream):
        stream.seek(0)
        yield from _read_jsonl_lines(name, stream, _PieceDecoder(head, name))
        return
    if fmt == "reuters" and not _is_utf16(head):
        stream.seek(0)
        yield from _read_reuters_stream(name, stream, _PieceDecoder(head, name), tally)
        return
    stream.seek(0)  # ``_jsonl_by_line`` may have read past the head
    one_article = fmt in ("text", "html")
    # One article (or one JSON document): read whole, but never more than an article can be.
    data = stream.read(max_bytes + 1) if one_article and max_bytes is not None else stream.read()
    if one_article and max_bytes is not None and len(data) > max_bytes:
        yield _too_big(name, inner, max_bytes)
        return
    try:
        text = decode_bytes(data, name)
    except UnreadableInput as exc:
        yield Rejection(name, str(exc).split(": ", 1)[-1])
        return
    if fmt == "jsonl":
        yield from _read_jsonl(name, text)
    elif fmt == "reuters":
        seen = {"stories": 0}
        yield from _reuters_stories(text, name, tally, seen)
        close = text.rfind("</REUTERS>")
        cut = close + len("</REUTERS>") if close >= 0 else 0  # with no story, the whole text is left over
        yield from _reuters_leftover(text[cut:], name, seen["stories"], text.count("\n", 0, cut))
    elif fmt == "html":
        yield RawArticle(name, text, "html", title=title, published=published)
    else:
        yield RawArticle(name, text, "text", title=title or first_line_title(text), published=published)


def _too_big(name: str, inner: Path, max_bytes: int) -> Rejection:
    unpacked = " uncompressed" if str(inner) != name else ""
    return Rejection(name, f"file is over {max_bytes:,} bytes{unpacked}, too big to be one article (not read further; "
                           f"NEWSLEDGER_MAX_CHARS raises the limit)")


def _jsonl_by_line(head: bytes, stream: Any) -> bool:
    """True when a .jsonl/.json file can be read line by line: not a JSON array, and not one object
    spread over several lines (its first line is a JSON value on its own)."""
    stripped = _sniffable(head).lstrip()
    if not stripped.startswith((b"{", b"[")):
        return True  # not JSON at all: every line is rejected, as in the whole-file reading
    stream.seek(0)
    lines = (line for line in stream if line.strip())
    first = next(lines, b"")  # may be longer than the head
    try:
        json.loads(first.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError:
        return False  # a value spread over lines: a pretty-printed object or array
    # One complete value per line.  A file that is a single array on one line is an array of
    # records; an array followed by more lines is JSON Lines whose first record is bad.
    return stripped.startswith(b"{") or next(lines, None) is not None


def _read_jsonl_lines(name: str, stream: Any, decode: _PieceDecoder) -> Iterator[RawArticle | Rejection]:
    # A binary stream splits on b"\n" only, like ``text.split("\n")`` below: a JSON string may hold
    # U+2028 or U+0085 unescaped, and splitting there would cut a valid record in two.
    for number, raw_line in enumerate(stream, 1):
        if not raw_line.strip():
            continue
        try:
            line = decode(raw_line[:-1] if raw_line.endswith(b"\n") else raw_line, first=number == 1)
        except UnreadableInput as exc:
            yield Rejection(name, str(exc).split(": ", 1)[-1], line=number)
            continue
        yield _parse_record_line(name, number, line)


def _parse_record_line(name: str, number: int, line: str) -> RawArticle | Rejection:
    """One JSON Lines record, or the reason it cannot be read."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(name, f"invalid JSON: {_json_error(exc, f'column {exc.colno}')}", line=number)
    return _record_to_article(name, number, item)


def _json_error(exc: json.JSONDecodeError, where: str) -> str:
    """The parser's complaint as a whole phrase with its place ("unterminated string starting at column 17"); its
    own message stops short of the place ("Unterminated string starting at")."""
    msg = exc.msg[:1].lower() + exc.msg[1:]
    return f"{msg} {where}" if msg.endswith(" at") else f"{msg} at {where}"


def _read_jsonl(name: str, text: str) -> Iterator[RawArticle | Rejection]:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of records is accepted too
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            if exc.msg != "Extra data":
                yield Rejection(name, f"invalid JSON: {_json_error(exc, f'line {exc.lineno}, column {exc.colno}')}")
                return
            records = None  # "[1, 2]" then more lines: JSON Lines whose first record is not an object
        if records is not None:
            if not isinstance(records, list):
                records = [records]
            if not records:
                yield Rejection(name, "no articles in the file (an empty JSON array)")
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
        yield _parse_record_line(name, number, line)


def record_body(record: dict[str, Any]) -> tuple[str, str]:
    """The article body of a record (a JSON Lines line, or a ``POST /api/articles`` body) and its format.

    A record gives ``text`` or ``html``, exactly one (a null field is no field), as the API requires;
    ``UnreadableInput`` says what is wrong otherwise: a field that is not a string, both fields, or no
    non-empty text.  The API checks "both" itself first, with the same message, so it may call this alone.
    """
    for key in ("text", "html"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise UnreadableInput(f"field {key!r} must be a string, got {type(value).__name__}")
    body_html, body_text = record.get("html"), record.get("text")
    if body_html is not None and body_text is not None:
        raise UnreadableInput("give 'text' or 'html', not both")
    if body_html and body_html.strip():
        return body_html, "html"
    if body_text and body_text.strip():
        return body_text, "text"
    raise UnreadableInput("record has no non-empty 'text' or 'html' field")


def _record_to_article(name: str, number: int, record: object) -> RawArticle | Rejection:
    if not isinstance(record, dict):
        return Rejection(name, "record is not a JSON object", line=number)
    try:
        content, fmt = record_body(record)
    except UnreadableInput as exc:
        return Rejection(name, str(exc), line=number)
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


# A <DATELINE> that is only a place, an optional region and the wire's date ("QUITO, March 20 - ",
# "SIDON, Lebanon, March 21 - ", "MANILA, April 1, Reuter - "); anything else (body text spilled into the field,
# "anti-" cut off at a line end) is not used.
_REUTERS_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3})"
    r"(?P<region>,\s*(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Reuter)\w*\b)"
    r"[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Abr)[a-z]*\.?\s*[0-9OlI]{1,3}\w{0,2}"
    r"(?:,?\s*\d{4})?)?(?:,?\s*Reuters?)?,?\s*-\s*", re.I)


def _reuters_dateline(field: str | None) -> str | None:
    """The place part of a Reuters-21578 <DATELINE> ("QUITO", "SIDON, Lebanon"), or None when it is not a clean one."""
    match = _REUTERS_DATELINE.fullmatch(" ".join((field or "").split()) + " ")
    if match is None:
        return None
    place = match.group("place").replace(".", "")
    if not place.isupper() or len(place) < 3:
        return None  # mixed case is body text; "US -" is too short to tell from a headline's abbreviation
    return match.group("place") + (match.group("region") or "")


def _sgml_field(doc: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.S)
    return html.unescape(match.group(1)) if match else None


def iter_reuters(text: str, name: str, *, only_with_body: bool = True) -> Iterator[RawArticle | Rejection]:
    """Stories of one Reuters-21578 SGML file (or of a part of one), with their dates and titles.

    A story's ``<DATELINE>`` opens its text ("QUITO, March 20 - Ecuador said ...").
    """
    for match in _REUTERS_DOC.finditer(text):
        newid, doc = match.groups()
        body = _sgml_field(doc, "BODY")
        if not body or not body.strip():
            if not only_with_body:
                yield Rejection(f"{name}#{newid}", "Reuters story has no BODY")
            continue
        body = re.sub(r"\s*\x03\s*$", "", body)  # end-of-text control character
        # The sign-off ("Reuter" or "REUTER") is kept as a line of its own, so that the cleaner removes it
        # and records the removal like any other boilerplate.
        sign_off = re.search(r"\s*\b(Reuter)\s*$", body.rstrip(), flags=re.I)
        if sign_off:
            body = body.rstrip()[:sign_off.start()]
        published = None
        date = _sgml_field(doc, "DATE")
        dm = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", date or "")
        if dm and dm.group(2) in _REUTERS_MONTHS:
            published = f"{dm.group(3)}-{_REUTERS_MONTHS[dm.group(2)]:02d}-{int(dm.group(1)):02d}"
        title = _sgml_field(doc, "TITLE")
        # Reuters wraps lines at ~65 columns; paragraphs start with an indent.
        paragraphs = re.split(r"\n\s{2,}(?=\S)", body.strip())
        clean_body = "\n".join(" ".join(p.split()) for p in paragraphs)
        # The dateline ("    QUITO, March 20 - ") opens the text, as the wire printed it, so that the geocoder finds
        # it as it finds any other dateline and every offset still points into the text; the sentence splitter
        # cuts it off from the first sentence.  Its date is left out: it repeats <DATE> (``published``), and in
        # the text it would read as the first event's time.
        dateline = _reuters_dateline(_sgml_field(doc, "DATELINE"))
        if dateline:
            clean_body = f"{dateline} - {clean_body}"
        if sign_off:
            clean_body += "\n" + sign_off.group(1)
        yield RawArticle(f"{name}#{newid}", clean_body, "text", title=title.strip() if title else None,
                         published=published, source="Reuters")


def _reuters_stories(text: str, name: str, tally: dict[str, int],
                     seen: dict[str, int] | None = None) -> Iterator[RawArticle | Rejection]:
    """``iter_reuters`` with the stories that have no <BODY> counted in ``tally["no_body"]`` (they are not
    articles, and not bad inputs either); ``seen["stories"]``, when given, counts every complete story."""
    for item in iter_reuters(text, name, only_with_body=False):
        if seen is not None:
            seen["stories"] += 1
        if isinstance(item, Rejection):  # iter_reuters rejects only stories without a body
            tally["no_body"] = tally.get("no_body", 0) + 1
            continue
        yield item


def _read_reuters_stream(name: str, stream: Any, decode: _PieceDecoder,
                         tally: dict[str, int]) -> Iterator[RawArticle | Rejection]:
    """``iter_reuters`` over a file read a chunk at a time, cut after each ``</REUTERS>``."""
    buffer = b""
    first = True
    seen = {"stories": 0}
    lines = 0  # line breaks before ``piece``, to say where a truncated story opens
    while True:
        chunk = stream.read(_CHUNK)
        buffer += chunk
        end = buffer.rfind(b"</REUTERS>")
        if end >= 0 or not chunk:
            cut = end + len(b"</REUTERS>") if end >= 0 and chunk else len(buffer)
            piece, buffer = buffer[:cut], buffer[cut:]
            try:
                text = decode(piece, first=first)
            except UnreadableInput as exc:
                yield Rejection(name, str(exc).split(": ", 1)[-1])
                return
            first = False
            yield from _reuters_stories(text, name, tally, seen)
            if not chunk:
                yield from _reuters_leftover(text, name, seen["stories"], lines)
            lines += piece.count(b"\n")
        if not chunk:
            return


def _reuters_leftover(tail: str, name: str, stories: int, lines_before: int) -> Iterator[Rejection]:
    """A Rejection when an SGML file's end shows that stories were lost: it stops inside a ``<REUTERS>`` story
    (a truncated download or copy), or it held no story at all.  ``tail`` is the text after the last complete
    story, which starts after ``lines_before`` line breaks; without this, such a file would pass as read, with
    nothing (or less than it holds) in it."""
    last_open, last_close = tail.rfind("<REUTERS"), tail.rfind("</REUTERS>")
    if last_open > last_close:
        yield Rejection(name, "truncated file: the <REUTERS> story opened on this line has no closing </REUTERS>",
                        line=lines_before + tail.count("\n", 0, last_open) + 1)
    elif not stories:
        yield Rejection(name, 'no Reuters stories in the file (no <REUTERS NEWID="…">…</REUTERS> element)')


def article_byte_limit(max_chars: int) -> int:
    """The most bytes a plain-text or HTML file may hold when the longest article accepted has ``max_chars``
    characters: 16 bytes a character (markup, scripts and inline images of a web page), and never under 64 MiB.

    A file over it cannot be one article, and reading it whole (or a gzip bomb) could exhaust the memory before
    the article's length is checked: a 100 MB text file took 1.6 GB and 19 s to be rejected."""
    return max(64 * 2**20, 16 * max_chars)


def list_input_files(paths: Iterable[str | Path]) -> list[Path] | None:
    """The files ``iter_inputs`` reads for ``paths``, in its order (None if a path does not exist)."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += _folder_files(path)
        elif path.exists() or _is_broken_link(path):
            out.append(path)
        else:
            return None
    return out


def single_article_files(files: list[Path]) -> bool:
    """True when each file is named as one article (plain text or HTML, perhaps gzipped), so that the number of
    files is the number of inputs a run reads; JSON Lines and SGML files hold any number."""
    for file in files:
        inner = file.with_suffix("") if file.suffix.lower() == ".gz" else file
        if inner.suffix.lower() in JSONL_SUFFIXES | SGML_SUFFIXES:
            return False
    return True


def _folder_files(path: Path) -> list[Path]:
    """The files in a folder, and its broken symbolic links, named pipes, sockets and devices: they are rejected,
    not silently passed over."""
    return sorted(p for p in path.rglob("*") if not p.is_dir() and not p.name.startswith("."))


def _special_file_kind(path: Path) -> str | None:
    """What a path that exists but is not a regular file is ("a named pipe (FIFO)" …), or None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # open() reports it
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None  # a folder read as a file: open() says "Is a directory"
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"))
    return next((kind for test, kind in kinds if test(mode)), "a special file")


def _is_broken_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def _broken_link_reason(path: Path) -> str:
    """Why a symbolic link cannot be read: its target is missing, or it points (in a loop) at itself."""
    try:
        target = os.readlink(path)
    except OSError:
        return "broken symbolic link"
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 raises RuntimeError for a loop (3.13 OSError ELOOP)
        return f"broken symbolic link (a loop through {target})"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"broken symbolic link (a loop through {target})"
    return f"broken symbolic link to {target}"


def iter_inputs(paths: Iterable[str | Path], *, title: str | None = None, published: str | None = None,
                tally: dict[str, int] | None = None, max_bytes: int | None = None) -> Iterator[RawArticle | Rejection]:
    """Walk files and folders (recursively, sorted) and yield what each holds.

    ``tally``, when given, counts what is skipped on the way, and ``max_bytes`` caps a one-article file (see
    ``read_file``).
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _folder_files(path):
                yield from read_file(file, title=title, published=published, tally=tally, max_bytes=max_bytes)
        elif path.exists():
            yield from read_file(path, title=title, published=published, tally=tally, max_bytes=max_bytes)
        elif _is_broken_link(path):
            yield Rejection(str(path), _broken_link_reason(path))
        else:
            yield Rejection(str(path), "no such file or folder")
