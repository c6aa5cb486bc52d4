"""Tests for newsledger.ingest: every input shape becomes RawArticles or Rejections, never an exception.

All inputs are invented for these tests (see tests/data/README.md); files are
written to ``tmp_path`` unless they are worth keeping in ``tests/data``.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from newsledger.errors import UnreadableInput
from newsledger.ingest import (_reuters_dateline, article_byte_limit, decode_bytes, first_line_title, iter_inputs,
                               iter_reuters, list_input_files, read_file)
from newsledger.model import RawArticle, Rejection

DATA = Path(__file__).resolve().parent / "data"


def read(path: Path, **kwargs) -> list[RawArticle | Rejection]:
    return list(read_file(path, **kwargs))


# ------------------------------------------------------------------ plain text and HTML


def test_plain_text_title_is_first_line(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Exampleton ferry strike ends\nFerry crews returned to work on Friday.\n", encoding="utf-8")
    assert read(path) == [RawArticle(str(path), "Exampleton ferry strike ends\nFerry crews returned to work on "
                                                "Friday.\n", "text", title="Exampleton ferry strike ends")]


def test_plain_text_given_title_and_date_win(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Exampleton ferry strike ends\nFerry crews returned to work.\n", encoding="utf-8")
    assert read(path, title="Given headline", published="2021-03-02") == [
        RawArticle(str(path), "Exampleton ferry strike ends\nFerry crews returned to work.\n", "text",
                   title="Given headline", published="2021-03-02")]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ferry strike ends\nCrews went back to work.", "Ferry strike ends"),
        ("\n\n  Ferry strike ends  \nCrews went back to work.", "Ferry strike ends"),
        ("Crews went back to work on Friday.\nThe strike lasted a week.", None),  # a sentence, not a headline
        ("Read on:\nCrews went back to work.", None),
        ("Only one line, no body", None),
        ("x" * 201 + "\nbody", None),  # too long for a headline
        ("", None),
    ],
)
def test_first_line_title(text, title):
    assert first_line_title(text) == title


def test_html_file_is_read_as_html():
    path = DATA / "page.html"
    assert read(path) == [RawArticle(str(path), path.read_text(encoding="utf-8"), "html")]


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("page.htm", "<p>Harbour reopens.</p>", "html"),
        ("page.txt", "<!DOCTYPE html><html><body><p>Harbour reopens.</p></body></html>", "html"),  # sniffed
        ("page", "<div>Harbour reopens.</div>", "html"),
        ("notes.txt", "Harbour reopens <b>today</b>.", "text"),
        ("notes.md", "# Harbour reopens", "text"),
        ("notes.log", "Harbour reopens.", "text"),  # unknown suffix: read as text
    ],
)
def test_format_by_suffix_and_sniffing(tmp_path, name, content, fmt):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [item] = read(path)
    assert (item.format, item.content) == (fmt, content)


# ------------------------------------------------------------------ encodings, binary, empty, missing

WESTERN = "Café owners say the naïve “façade tax” – €5,000 a year – is unfair.\nThe council meets on Monday.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (WESTERN.encode("utf-8"), WESTERN),
        (WESTERN.encode("utf-8-sig"), WESTERN),  # the BOM is dropped
        (WESTERN.encode("cp1252"), WESTERN),
        (WESTERN.replace("“", '"').replace("”", '"').replace("–", "-").replace("€", "EUR ").encode("latin-1"),
         WESTERN.replace("“", '"').replace("”", '"').replace("–", "-").replace("€", "EUR ")),
        ("Der Bürgermeister von Großstadt sagte am Dienstag, die Gespräche würden fortgesetzt.\n".encode("cp1252"),
         "Der Bürgermeister von Großstadt sagte am Dienstag, die Gespräche würden fortgesetzt.\n"),
        ("Президент заявил во вторник, что переговоры продолжатся в Москве.\n".encode("cp1251"),
         "Президент заявил во вторник, что переговоры продолжатся в Москве.\n"),
        (WESTERN.encode("utf-16"), WESTERN),  # NUL bytes, but a BOM says it is text
    ],
    ids=["utf8", "utf8-bom", "cp1252", "latin1", "german-cp1252", "russian-cp1251", "utf16-bom"],
)
def test_decode_bytes(data, expected):
    assert decode_bytes(data, "x.txt") == expected


# QA: a UTF-8 page with one stray Windows-1252 byte was read whole as Windows-1252: "cafÃ©", "Â«", "â€”".
STRAY_BYTE = "The café owner said «nothing» — was left.\n".encode("utf-8") + b"A stray caf\xe9 byte.\n"


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_utf8_with_a_stray_byte_stays_utf8(tmp_path, suffix):
    path = tmp_path / f"mostly_utf8{suffix}"
    text = "The café owner said «nothing» — was left.\nA stray café byte.\n"
    if suffix == ".txt":
        path.write_bytes(STRAY_BYTE)
    else:  # a JSON Lines line is decoded on its own (``_PieceDecoder``)
        path.write_bytes(b'{"text": "' + STRAY_BYTE.replace(b"\n", b"\\n") + b'"}\n')
    [item] = read(path)
    assert isinstance(item, RawArticle) and item.content == text


def test_windows_1252_file_with_one_utf8_looking_pair_is_still_windows_1252():
    """Only when the UTF-8 sequences outnumber the stray bytes is the text UTF-8."""
    data = "Café «crème» à côté, naïve.\n".encode("cp1252") + "Ãœber\n".encode("cp1252")  # "Ãœ" is UTF-8 "Ü"
    assert decode_bytes(data, "x.txt") == "Café «crème» à côté, naïve.\nÃœber\n"


RUSSIAN_NEWS = "Заголовок\nПовстанцы атаковали колонну возле Гомы во вторник, убив 5 солдат.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [WESTERN, RUSSIAN_NEWS], ids=["western", "russian"])
def test_utf16_without_a_byte_order_mark_is_text(tmp_path, encoding, text):
    """QA: UTF-16 saved without a BOM was rejected as "binary file (NUL bytes), not an article"."""
    assert decode_bytes(text.encode(encoding), "x.txt") == text
    path = tmp_path / "records.jsonl"  # read whole, as a UTF-16 file with a BOM is
    path.write_bytes(json.dumps({"text": text}).encode(encoding) + "\n".encode(encoding))
    [item] = read(path)
    assert isinstance(item, RawArticle) and item.content == text


def test_cp1252_file_is_decoded_right(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(WESTERN.encode("cp1252"))
    [item] = read(path)
    assert item.content == WESTERN


# QA: a Latin-1 file with bytes Windows-1252 leaves undefined (\x81, \x8d) was read as Baltic cp775 ("cafķ").
QA_LATIN1 = (b"Headline caf\xe9\nSome text in latin-1 \xe9\xe8 here. Police said two people were killed in Paris on "
             b"Monday.\nMore \xff\xfe bytes \x81\x8d end.\n")


def test_latin1_file_with_bytes_windows_1252_leaves_undefined(tmp_path):
    path = tmp_path / "invalid_utf8.txt"
    path.write_bytes(QA_LATIN1)
    text = ("Headline café\nSome text in latin-1 éè here. Police said two people were killed in Paris on Monday.\n"
            "More ÿþ bytes \x81\x8d end.\n")  # the undefined bytes are C1 codes, as a browser reads them
    assert read(path) == [RawArticle(str(path), text, "text", title="Headline café")]
    records = tmp_path / "records.jsonl"  # read a line at a time: the same decoding
    records.write_bytes(b'{"text": "Police said two people were killed in Paris, caf\xe9 \x81 owners said."}\n')
    assert [i.content for i in read(records)] == ["Police said two people were killed in Paris, café \x81 owners said."]


# Not UTF-8, no NUL byte, and control codes in every other word whatever the encoding: binary data, not an article.
CONTROL_LINE = (b"Police said \x81\x8d\x90 two \x9d\x81 people \x8f\x8d were \x81\x81 killed \x90\x90 in Paris "
                b"\x81\x8d on Monday. caf\xe9\n")


@pytest.mark.parametrize(("name", "data", "line"), [
    ("junk.txt", CONTROL_LINE * 3, None),
    ("junk.jsonl", b'{"text": "ok, said the police on Monday."}\n' + CONTROL_LINE, 2),
])
def test_text_full_of_control_codes_is_rejected(tmp_path, name, data, line):
    path = tmp_path / name
    path.write_bytes(data)
    rejection = read(path)[-1]
    assert isinstance(rejection, Rejection) and (rejection.path, rejection.line) == (str(path), line)
    assert rejection.reason == ("not text: 21% of the characters are control codes when read as cp1252, the "
                                "likeliest encoding (binary data?)")


def test_decode_bytes_refuses_binary():
    with pytest.raises(UnreadableInput, match=r"^x\.bin: binary file \(NUL bytes\), not an article$"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.bin")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (NUL bytes), not an article"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("empty.jsonl", b"", "empty file"),
        ("bom.txt", b"\xef\xbb\xbf", "empty file"),  # QA: only a byte-order mark was "no article text found"
        ("bom.jsonl", b"\xef\xbb\xbf \n\n", "empty file"),
        ("bom16.txt", " \n".encode("utf-16"), "empty file"),
        ("broken.txt.gz", b"\x1f\x8b\x08\x00 not really gzip", None),  # reason checked below
    ],
)
def test_unreadable_files_are_rejected(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    [item] = read(path)
    assert isinstance(item, Rejection)
    assert (item.path, item.line) == (str(path), None)
    if reason is None:
        assert item.reason.startswith("corrupt gzip file: ")
    else:
        assert item.reason == reason



_READS = "newsledger reads plain text, HTML, JSON Lines and Reuters SGML"
_AS_TEXT = f"not an article: {_READS}; save or convert it as text or HTML first"
_AS_JSONL = f"not an article: {_READS}; write one JSON Lines record per article (with `text` or `html`) instead"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("report.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nBT (Police said 3 died) Tj ET\n%%EOF\n",
         "a PDF document, " + _AS_TEXT),
        ("report.txt", b"\n%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document, " + _AS_TEXT),  # named by its bytes
        ("report.pdf.gz", gzip.compress(b"%PDF-1.4\nBT (Police said 3 died) Tj ET\n"), "a PDF document, " + _AS_TEXT),
        ("memo.rtf", b"{\\rtf1\\ansi Police said 3 people died.}", "an RTF document, " + _AS_TEXT),
        ("story.docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a Word document (.docx), " + _AS_TEXT),
        ("story.odt", b"PK\x03\x04\x14\x00mimetypeapplication", "an OpenDocument text (.odt), " + _AS_TEXT),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
         "a Microsoft Office 97-2003 document (.doc, .xls or .ppt), " + _AS_TEXT),
        ("corpus.zip", b"PK\x03\x04\x14\x00\x00\x00a.txt",
         f"a ZIP archive, not an article: unpack it and give the folder ({_READS})"),
        ("articles.csv", b"title,text\nHarbour,Police said 3 died.\n", "a CSV table, " + _AS_JSONL),
        ("feed.xml", b'<?xml version="1.0"?><rss><item>Police said</item></rss>', "an XML file, " + _AS_JSONL),
    ],
)
def test_documents_archives_and_tables_are_rejected_with_what_they_are(tmp_path, name, data, reason):
    """QA: a PDF, RTF or CSV file was read as text (an "article" of PDF operators or table cells), and a .docx
    or ZIP was rejected only as "binary file (NUL bytes)"."""
    path = tmp_path / name
    path.write_bytes(data)
    assert [(item.path, item.reason) for item in read(path)] == [(str(path), reason)]


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("page.txt", "<!DOCTYPE html><html><body><p>Harbour reopens.</p></body></html>", "html"),
        ("page", "<div>Harbour reopens.</div>", "html"),
        ("page.xml", "<html><body><p>Harbour reopens.</p></body></html>", "html"),
        ("notes.txt", "Harbour reopens <b>today</b>.", "text"),
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_byte_order_mark_or_utf16_does_not_hide_a_page(tmp_path, name, content, fmt, encoding):
    """QA: a page saved with a UTF-8 byte-order mark (as Windows editors save) or in UTF-16 (Notepad's "Unicode")
    under a name that does not say HTML was read as plain text, its tags as the article (and as .xml it was
    rejected as an XML file)."""
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    [item] = read(path)
    assert (item.format, item.content) == (fmt, content)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_json_array_with_a_byte_order_mark_is_an_array_of_records(tmp_path, suffix):
    """QA: a JSON array saved with a UTF-8 byte-order mark was read as one line, "record is not a JSON object"."""
    path = tmp_path / f"x{suffix}"
    path.write_bytes('[{"text": "Harbour reopens."},\n {"text": "Bridge closes."}]\n'.encode("utf-8-sig"))
    assert read(path) == [RawArticle(f"{path}:1", "Harbour reopens.", "text", line=1),
                          RawArticle(f"{path}:2", "Bridge closes.", "text", line=2)]


def test_a_pretty_printed_json_object_with_a_byte_order_mark_is_one_record(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes('{\n  "title": "Harbour",\n  "text": "Harbour reopens."\n}\n'.encode("utf-8-sig"))
    assert read(path) == [RawArticle(f"{path}:1", "Harbour reopens.", "text", title="Harbour", line=1)]


def test_reuters_sgml_with_a_byte_order_mark_is_sniffed_without_suffix(tmp_path):
    path = tmp_path / "reut2-000"
    path.write_bytes((DATA / "reuters_sample.sgm").read_text(encoding="utf-8").encode("utf-8-sig"))
    assert [(i.path, i.title) for i in read(path)] == [
        (f"{path}#101", "EXAMPLELAND GRAIN HARVEST SEEN LOWER"), (f"{path}#103", "EXAMPLETON PORT WORKERS END STRIKE")]


def test_a_csv_table_with_a_byte_order_mark_is_rejected_as_a_table(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_bytes("title,text\nHarbour,Police said 3 died.\n".encode("utf-8-sig"))
    assert [(item.path, item.reason) for item in read(path)] == [(str(path), "a CSV table, " + _AS_JSONL)]


def test_an_xhtml_page_saved_as_xml_is_still_read_as_a_page(tmp_path):
    path = tmp_path / "page.xml"
    path.write_text("<html><body><p>Harbour reopens.</p></body></html>", encoding="utf-8")
    [item] = read(path)
    assert (item.format, item.content) == ("html", "<html><body><p>Harbour reopens.</p></body></html>")


def test_missing_path_is_rejected(tmp_path):
    missing = tmp_path / "nope" / "story.txt"
    assert list(iter_inputs([missing])) == [Rejection(str(missing), "no such file or folder")]


def test_unreadable_file_is_rejected(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    [item] = read(folder)  # read_file on a directory: OSError, not a crash
    assert isinstance(item, Rejection) and item.path == str(folder)
    assert item.reason.startswith("cannot read file: ")


# ------------------------------------------------------------------ JSON Lines and JSON


def test_jsonl_good_and_bad_records():
    path = DATA / "records.jsonl"
    name = str(path)
    assert read(path) == [
        RawArticle(f"{name}:1", "Exampleton council approves ferry timetable\nThe council voted 7 to 2 on Tuesday.",
                   "text", title="Ferry vote", url="https://example.org/ferry", published="2021-03-02",
                   source="Example Gazette", line=1),
        RawArticle(f"{name}:2", "<html><body><article><h1>Harbour reopens</h1><p>The harbour reopened on "
                                "Friday.</p></article></body></html>", "html", url="https://example.org/harbour",
                   line=2),
        Rejection(name, "invalid JSON: unterminated string starting at column 10", line=3),
        Rejection(name, "record has no non-empty 'text' or 'html' field", line=4),
        Rejection(name, "field 'published' must be a string, got int", line=5),
        # line 6 is blank and skipped
        Rejection(name, "record is not a JSON object", line=7),
        Rejection(name, "give 'text' or 'html', not both", line=8),  # both given, both blank: as the API says
    ]


@pytest.mark.parametrize("key", ["title", "url", "published", "source"])
@pytest.mark.parametrize(("value", "type_name"), [(1, "int"), (["a"], "list"), ({"a": 1}, "dict"), (True, "bool")])
def test_jsonl_non_string_field(tmp_path, key, value, type_name):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": "Harbour reopens.", key: value}) + "\n", encoding="utf-8")
    assert read(path) == [Rejection(str(path), f"field {key!r} must be a string, got {type_name}", line=1)]


@pytest.mark.parametrize("key", ["text", "html"])
@pytest.mark.parametrize(("value", "type_name"), [(5, "int"), (["a"], "list"), ({"a": 1}, "dict"), (False, "bool")])
def test_jsonl_body_that_is_not_a_string_is_named(tmp_path, key, value, type_name):
    """QA: {"text": 5} was reported as having no non-empty text."""
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({key: value}) + "\n" + json.dumps({"html": "<p>Harbour</p>", "text": value}) + "\n",
                    encoding="utf-8")
    assert read(path) == [Rejection(str(path), f"field {key!r} must be a string, got {type_name}", line=1),
                          Rejection(str(path), f"field 'text' must be a string, got {type_name}", line=2)]


def test_jsonl_record_with_text_and_html_is_rejected_as_the_api_rejects_it(tmp_path):
    """QA: ingest took the html and then said "no article text found after cleaning"; POST /api/articles says why."""
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": "Police said gunmen killed three.", "html": "<p>Police said.</p>"}) + "\n"
                    + json.dumps({"text": "Police said gunmen killed three.", "html": None}) + "\n", encoding="utf-8")
    assert read(path) == [Rejection(str(path), "give 'text' or 'html', not both", line=1),
                          RawArticle(f"{path}:2", "Police said gunmen killed three.", "text", line=2)]


@pytest.mark.parametrize(("line", "reason"), [
    ('{"text": "Police said', "invalid JSON: unterminated string starting at column 10"),
    ('{"text": "Police said."', "invalid JSON: expecting ',' delimiter at column 24"),
    ('{"text": "a"} {"text": "b"}', "invalid JSON: extra data at column 15"),
    ("not json", "invalid JSON: expecting value at column 1"),
])
def test_invalid_json_line_says_where(tmp_path, line, reason):
    """QA: the reason stopped at "Unterminated string starting at"."""
    path = tmp_path / "records.jsonl"
    path.write_text('{"text": "Harbour reopens."}\n' + line + "\n", encoding="utf-8")
    assert read(path)[1] == Rejection(str(path), reason, line=2)


@pytest.mark.parametrize("content", ["[]", "[]\n", "  [ \n ]  \n"])
@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_an_empty_json_array_is_rejected(tmp_path, content, suffix):
    """QA: `[]` gave no article, no message and no rejected row."""
    path = tmp_path / f"x{suffix}"
    path.write_text(content, encoding="utf-8")
    assert read(path) == [Rejection(str(path), "no articles in the file (an empty JSON array)")]


def test_reuters_stories_without_a_body_are_tallied(tmp_path):
    data = (DATA / "reuters_sample.sgm").read_bytes()
    packed = tmp_path / "reut2-000.sgm.gz"
    packed.write_bytes(gzip.compress(data))
    utf16 = tmp_path / "reut2-001.sgm"
    utf16.write_bytes(data.decode("utf-8").encode("utf-16"))  # read whole, not streamed
    for path in (DATA / "reuters_sample.sgm", packed, utf16):
        tally: dict[str, int] = {}
        items = list(read_file(path, tally=tally))
        assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle"], path
        assert tally == {"no_body": 1}, path
    tally = {}
    assert len(list(iter_inputs([DATA / "reuters_sample.sgm", packed], tally=tally))) == 4
    assert tally == {"no_body": 2}


def test_truncated_reuters_file_keeps_its_complete_stories_and_is_rejected(tmp_path):
    """QA: an SGML file cut inside a story (a broken download) passed as read: the lost story vanished silently,
    and a file cut inside its first story gave "processed 0 articles, rejected 0 inputs"."""
    data = (DATA / "reuters_sample.sgm").read_bytes()
    cut = data[:data.rindex(b"</REUTERS>")]  # story 103, opened on line 43, loses its end
    plain, packed, utf16 = tmp_path / "cut.sgm", tmp_path / "cut.sgm.gz", tmp_path / "cut16.sgm"
    plain.write_bytes(cut)
    packed.write_bytes(gzip.compress(cut))
    utf16.write_bytes(cut.decode("utf-8").encode("utf-16"))  # read whole, not streamed
    reason = "truncated file: the <REUTERS> story opened on this line has no closing </REUTERS>"
    for path in (plain, packed, utf16):
        items = read(path)
        assert [i.path for i in items[:-1]] == [f"{path}#101"], path
        assert items[-1] == Rejection(str(path), reason, line=43), path
    first = tmp_path / "first.sgm"
    first.write_bytes(data[:data.index(b"</REUTERS>")])
    assert read(first) == [Rejection(str(first), reason, line=2)]


def test_sgml_file_without_stories_is_rejected(tmp_path):
    path = tmp_path / "notes.sgm"
    path.write_text('<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<NOTE>no stories here</NOTE>\n', encoding="utf-8")
    assert read(path) == [Rejection(str(path), 'no Reuters stories in the file (no <REUTERS NEWID="…">…</REUTERS> '
                                               'element)')]


def test_a_file_too_big_to_be_one_article_is_rejected_unread(tmp_path):
    """QA: a 100 MB text file was read and cleaned whole (1.6 GB, 19 s) before its length was refused, and a gzip
    bomb could exhaust the memory; a JSON array of many records is not one article and is not capped."""
    text = "Headline\nPolice said two people were hurt.\n"  # 43 bytes
    fits, over, packed, blanks = (tmp_path / n for n in ("fits.txt", "over.html", "over.txt.gz", "blank.txt.gz"))
    fits.write_text(text, encoding="utf-8")
    over.write_text(f"<p>{text}</p>", encoding="utf-8")
    packed.write_bytes(gzip.compress(text.encode() * 3))
    blanks.write_bytes(gzip.compress(b" " * 200_000 + text.encode()))
    records = tmp_path / "many.json"
    records.write_text(json.dumps([{"text": text}] * 3), encoding="utf-8")
    items = list(iter_inputs([fits, over, packed, blanks, records], max_bytes=43))
    assert items[0] == RawArticle(str(fits), text, "text", title="Headline")
    reason = ("file is over 43 bytes{}, too big to be one article (not read further; NEWSLEDGER_MAX_CHARS raises "
              "the limit)")
    assert items[1:4] == [Rejection(str(over), reason.format("")),
                          Rejection(str(packed), reason.format(" uncompressed")),
                          Rejection(str(blanks), reason.format(" uncompressed"))]
    assert [i.path for i in items[4:]] == [f"{records}:{n}" for n in (1, 2, 3)]
    assert [type(i) for i in iter_inputs([over, packed])] == [RawArticle, RawArticle]  # no limit unless given


def test_article_byte_limit():
    assert (article_byte_limit(200_000), article_byte_limit(10_000_000)) == (64 * 2**20, 160_000_000)


def test_named_pipe_is_rejected_not_waited_on(tmp_path):
    """QA: `newsledger ingest pipe.txt` hung for ever in open(), waiting for a writer; in a folder it was
    passed over without a word."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\nPolice said two people were hurt.\n", encoding="utf-8")
    pipe = folder / "b.txt"
    os.mkfifo(pipe)
    reason = "not a regular file but a named pipe (FIFO); give files or folders"
    assert read(pipe) == [Rejection(str(pipe), reason)]
    items = list(iter_inputs([folder]))
    assert [type(i).__name__ for i in items] == ["RawArticle", "Rejection"]
    assert items[1] == Rejection(str(pipe), reason)
    assert list_input_files([folder]) == [folder / "a.txt", pipe]


def test_jsonl_null_fields_are_missing(tmp_path):
    path = tmp_path / "x.ndjson"
    path.write_text('{"text": "Harbour reopens.", "title": null, "url": null}\r\n', encoding="utf-8")
    assert read(path) == [RawArticle(f"{path}:1", "Harbour reopens.", "text", line=1)]


def test_jsonl_line_separators_inside_strings(tmp_path):
    """U+2028 and U+0085 are legal unescaped inside JSON strings; they must not split a record."""
    path = tmp_path / "x.jsonl"
    records = [{"text": "First\u2028line\x85two.", "title": "A"}, {"text": "Second record.", "title": "B"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert read(path) == [RawArticle(f"{path}:1", "First\u2028line\x85two.", "text", title="A", line=1),
                          RawArticle(f"{path}:2", "Second record.", "text", title="B", line=2)]


def test_json_array(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"text": "Harbour reopens.", "url": "https://example.org/a"},
                                {"title": "no body"}, "not an object"], indent=2), encoding="utf-8")
    assert read(path) == [
        RawArticle(f"{path}:1", "Harbour reopens.", "text", url="https://example.org/a", line=1),
        Rejection(str(path), "record has no non-empty 'text' or 'html' field", line=2),
        Rejection(str(path), "record is not a JSON object", line=3),
    ]


def test_json_array_invalid(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"text": "a"},\n {"text": ]', encoding="utf-8")
    assert read(path) == [Rejection(str(path), "invalid JSON: expecting value at line 2, column 11")]


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".jsonl.gz"])
def test_json_lines_whose_first_line_is_an_array_lose_only_that_line(tmp_path, suffix):
    path = tmp_path / f"x{suffix}"
    content = '[1, 2, 3]\n{"text": "Harbour reopens."}\n{"text": "Bridge closes."}\n'.encode()
    path.write_bytes(gzip.compress(content) if suffix.endswith(".gz") else content)
    assert read(path) == [Rejection(str(path), "record is not a JSON object", line=1),
                          RawArticle(f"{path}:2", "Harbour reopens.", "text", line=2),
                          RawArticle(f"{path}:3", "Bridge closes.", "text", line=3)]


def test_a_json_array_on_one_line_is_still_an_array_of_records(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"text": "Harbour reopens."}, {"text": "Bridge closes."}]\n', encoding="utf-8")
    assert [r.content for r in read(path)] == ["Harbour reopens.", "Bridge closes."]


def test_single_pretty_printed_json_object(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"text": "Harbour reopens.", "title": "Harbour"}, indent=2), encoding="utf-8")
    assert read(path) == [RawArticle(f"{path}:1", "Harbour reopens.", "text", title="Harbour", line=1)]


# ------------------------------------------------------------------ Reuters SGML

REUTERS_101 = ("EXAMPLETON - The Exampleland grain board said the 1987 harvest would be about 12 pct lower than last year "
               "because of the dry winter.\nBoard chairman Tom Sample told reporters the <Exampleton Grain Co> "
               "would buy less from farmers this season.\nReuter")
REUTERS_103 = ("EXAMPLETON - Dock workers at the port of Exampleton ended a two-day strike after the port authority agreed "
               "to review pay, a union spokesman said.\nREUTER")


def test_reuters_sgml():
    path = DATA / "reuters_sample.sgm"
    name = str(path)
    assert read(path) == [
        RawArticle(f"{name}#101", REUTERS_101, "text", title="EXAMPLELAND GRAIN HARVEST SEEN LOWER",
                   published="1987-03-03", source="Reuters"),
        RawArticle(f"{name}#103", REUTERS_103, "text", title="EXAMPLETON PORT WORKERS END STRIKE",
                   published="1987-10-14", source="Reuters"),
    ]


def test_reuters_story_without_body_can_be_reported():
    text = (DATA / "reuters_sample.sgm").read_text(encoding="utf-8")
    items = list(iter_reuters(text, "r.sgm", only_with_body=False))
    assert [(type(i).__name__, i.path) for i in items] == [
        ("RawArticle", "r.sgm#101"), ("Rejection", "r.sgm#102"), ("RawArticle", "r.sgm#103")]
    assert items[1] == Rejection("r.sgm#102", "Reuters story has no BODY")


def test_reuters_sniffed_without_suffix_and_gzipped(tmp_path):
    data = (DATA / "reuters_sample.sgm").read_bytes()
    plain = tmp_path / "reut2-000"
    plain.write_bytes(data)
    packed = tmp_path / "reut2-000.sgm.gz"
    packed.write_bytes(gzip.compress(data))
    for path in (plain, packed):
        assert [(i.path, i.title, i.published, i.content) for i in read(path)] == [
            (f"{path}#101", "EXAMPLELAND GRAIN HARVEST SEEN LOWER", "1987-03-03", REUTERS_101),
            (f"{path}#103", "EXAMPLETON PORT WORKERS END STRIKE", "1987-10-14", REUTERS_103),
        ]


REUTERS_DATELINE_STORY = """<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="9101" NEWID="201">
<DATE>20-MAR-1987 11:02:03.00</DATE>
<TEXT>&#2;
<TITLE>POLICE POST ATTACKED</TITLE>
<DATELINE>    QUITO, March 20 - </DATELINE><BODY>Guerrillas attacked a police post overnight, killing
three officers, the interior ministry said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""


def test_reuters_dateline_opens_the_text_without_its_date():
    [story] = list(iter_reuters(REUTERS_DATELINE_STORY, "r.sgm"))
    assert (story.content, story.title, story.published) == (
        "QUITO - Guerrillas attacked a police post overnight, killing three officers, the interior ministry said."
        "\nReuter", "POLICE POST ATTACKED", "1987-03-20")


def test_reuters_sign_off_is_removed_by_the_cleaner_with_its_reason():
    from newsledger.pipeline import prepare

    [story] = list(iter_reuters(REUTERS_DATELINE_STORY, "r.sgm"))
    article = prepare(story)
    assert article.text == ("QUITO - Guerrillas attacked a police post overnight, killing three officers, "
                            "the interior ministry said.")
    assert [(r.text, r.reason) for r in article.removed] == [("Reuter", "wire sign-off")]


def test_reuters_dateline_places_an_event_with_no_better_place(nlp):
    from newsledger.geo import find_dateline
    from newsledger.pipeline import build_result, prepare

    [story] = list(iter_reuters(REUTERS_DATELINE_STORY, "r.sgm"))
    assert find_dateline(story.content) == (0, 5, "QUITO")
    article = prepare(story)
    result = build_result(article, nlp(article.text))
    [place] = [p for p in result.places if p.type == "DATELINE"]
    assert (place.text, place.start, place.end, place.country_code, place.precision) == \
        ("QUITO", 0, 5, "EC", "exact")
    assert article.text[place.start:place.end] == "QUITO"
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.place == place.id


# ------------------------------------------------------------------ gzip and folders


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("story.txt.gz", "Ferry strike ends\nCrews went back to work.\n",
         ("", "Ferry strike ends\nCrews went back to work.\n", "text", "Ferry strike ends")),
        ("page.html.gz", "<p>Harbour reopens.</p>", ("", "<p>Harbour reopens.</p>", "html", None)),
        ("records.jsonl.gz", '{"text": "Harbour reopens.", "title": "Harbour"}\n',
         (":1", "Harbour reopens.", "text", "Harbour")),
    ],
)
def test_gzip(tmp_path, name, content, expected):
    """The suffix under .gz decides the format; paths keep the .gz name."""
    path = tmp_path / name
    path.write_bytes(gzip.compress(content.encode("utf-8")))
    [item] = read(path)
    path_suffix, body, fmt, title = expected
    assert (item.path, item.content, item.format, item.title) == (str(path) + path_suffix, body, fmt, title)


def test_gzip_empty_inside(tmp_path):
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(b""))
    assert read(path) == [Rejection(str(path), "empty file")]


def test_folder_recursive_sorted_skips_hidden(tmp_path):
    files = {
        "b.txt": "Bravo headline\nBody b.",
        "a/z.txt": "Zulu headline\nBody z.",
        "a/c/d.txt": "Delta headline\nBody d.",
        "a/.hidden.txt": "Hidden\nNever read.",
        "empty.txt": "",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    items = list(iter_inputs([tmp_path], published="2021-03-02"))
    assert [(Path(i.path).relative_to(tmp_path).as_posix(), type(i).__name__) for i in items] == [
        ("a/c/d.txt", "RawArticle"), ("a/z.txt", "RawArticle"), ("b.txt", "RawArticle"), ("empty.txt", "Rejection")]
    assert [(i.title, i.published) for i in items[:3]] == [
        ("Delta headline", "2021-03-02"), ("Zulu headline", "2021-03-02"), ("Bravo headline", "2021-03-02")]


def test_broken_symbolic_links_are_rejected(tmp_path):
    """QA: a broken symlink inside a folder was skipped without a word."""
    folder = tmp_path / "bad2"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour reopens\nThe harbour reopened on Friday.", encoding="utf-8")
    (folder / "broken.txt").symlink_to(tmp_path / "nonexistent")
    (folder / "loop.txt").symlink_to("loop.txt")
    lone = tmp_path / "lone.txt"
    lone.symlink_to("gone.txt")
    items = list(iter_inputs([folder, lone]))
    assert [(Path(i.path).name, getattr(i, "reason", None)) for i in items] == [
        ("a.txt", None),
        ("broken.txt", f"broken symbolic link to {tmp_path / 'nonexistent'}"),
        ("loop.txt", "broken symbolic link (a loop through loop.txt)"),
        ("lone.txt", "broken symbolic link to gone.txt"),
    ]
    assert list_input_files([folder, lone]) == [folder / "a.txt", folder / "broken.txt", folder / "loop.txt", lone]


def test_iter_inputs_mixes_files_folders_and_missing_in_order(tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "one.txt").write_text("One\nBody.", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Two\nBody.", encoding="utf-8")
    items = list(iter_inputs([two, tmp_path / "missing.txt", str(tmp_path / "dir")]))
    assert [(i.path, type(i).__name__) for i in items] == [
        (str(two), "RawArticle"), (str(tmp_path / "missing.txt"), "Rejection"),
        (str(tmp_path / "dir" / "one.txt"), "RawArticle")]


@pytest.mark.parametrize(
    ("record", "title"),
    [
        ({"text": "Ferry strike ends\nCrews went back to work."}, "Ferry strike ends"),  # as for a .txt file
        ({"text": "Ferry strike ends\nCrews went back to work.", "title": "Given"}, "Given"),
        ({"text": "Crews went back to work.\nThe strike is over."}, None),
        ({"html": "<h1>Ferry strike ends</h1>\n<p>Crews went back.</p>"}, None),  # HTML titles come from clean
    ],
)
def test_jsonl_title(tmp_path, record, title):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [item] = read(path)
    assert item.title == title


@pytest.mark.parametrize("field, expected", [
    ("    QUITO, March 20 - ", "QUITO"),
    ("SIDON, Lebanon, March 21 - ", "SIDON, Lebanon"),
    ("MANILA, April 1, Reuter - ", "MANILA"),
    ("CHICAGO, March 4, -", "CHICAGO"),
    ("TOKYO, MAY7 -", "TOKYO"),
    ("NEW YORK, March 2O - ", "NEW YORK"),
    # body text spilled into the field, a word cut at the line end, mixed case, two letters: not used
    ("OSLO, Oct 20 - Eight months to August 31 -", None),
    ("WASHINGTON, March 2 - anti-", None),
    ("Toronto, March 3 -", None),
    ("US, March 3 -", None),
    ("", None),
])
def test_only_a_clean_reuters_dateline_opens_the_text(field, expected):
    assert _reuters_dateline(field) == expected
