"""Tests for newsledger.cli, in-process with click's CliRunner plus a few real subprocess runs."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsledger.cli import EVENT_EXPORT_COLUMNS, main, render_text
from newsledger.model import Rejection, to_json
from newsledger.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "000_dee408f9bab61627.txt"
SCHEMA = json.loads((ROOT / "src" / "newsledger" / "schema" / "article_result.schema.json").read_text("utf-8"))
README = (ROOT / "README.md").read_text("utf-8")
NEWSLEDGER = Path(sys.executable).parent / "newsledger"
VERSION = "test-1"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def as_json(data):
    """What a value looks like after a trip through JSON (tuples → lists and so on)."""
    return json.loads(json.dumps(data))


@pytest.fixture
def inbox(tmp_path):
    """A folder with the seed article, an empty file and a JSON Lines file with one broken line."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "sub" / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.jsonl").write_text('{"text": "Harbour reopens.",\n', encoding="utf-8")
    return folder


@pytest.fixture
def ledger_db(tmp_path, seed_result, hostile_result):
    """A database file holding the seed and hostile results (written by the store, no model run)."""
    path = tmp_path / "ledger.db"
    with Store(path) as store:
        store.save(seed_result, VERSION)
        store.save(hostile_result, VERSION)
    return path


# ------------------------------------------------------------------ ingest


def test_an_article_repeated_within_one_batch_is_processed_once(tmp_path):
    story = "Police arrested three men in Lagos on Friday, a spokesman said."
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": story, "title": f"copy {n}"}) + "\n" for n in range(3))
                    + json.dumps({"text": "Rebels shelled the town of Idlib on Sunday."}) + "\n", encoding="utf-8")
    db = tmp_path / "out.db"
    for options in ((), ("--force",)):
        result = run("ingest", feed, "--db", db, "--quiet", *options)
        assert result.exit_code == 0, result.output
        # the first run stores each story once; --force re-processes them, still once each.  QA: the repeats were
        # reported as "2 already stored" on a fresh database.
        assert result.stdout.splitlines()[0] == ("processed 2 articles (0 already stored, 2 repeats of an article "
                                                 "earlier in this run, skipped), rejected 0 inputs this run")
    with Store(db) as store:
        assert store.summary()["articles"] == 2


def test_ingest_summary_tells_repeats_in_this_run_from_articles_already_stored(tmp_path):
    """QA: on a fresh database, the same story in two files was reported as "already stored"."""
    story = "Police arrested three men in Lagos on Friday, a spokesman said.\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(story, encoding="utf-8")
    db = tmp_path / "out.db"
    first, second = (run("ingest", tmp_path / "in", "--db", db, "--quiet") for _ in range(2))
    assert first.stdout.splitlines()[0] == ("processed 1 article (0 already stored, 1 repeat of an article earlier "
                                            "in this run, skipped), rejected 0 inputs this run")
    assert second.stdout.splitlines()[0] == ("processed 0 articles (1 already stored, 1 repeat of an article earlier "
                                             "in this run, skipped), rejected 0 inputs this run")


def test_a_rejected_file_fixed_and_ingested_again_leaves_the_quarantine(tmp_path):
    """QA: `newsledger list --rejected` still listed "story.txt: empty file" after the file was fixed and
    ingested, and the summary still counted it."""
    story, db = tmp_path / "in" / "story.txt", tmp_path / "out.db"
    story.parent.mkdir()
    story.write_text("", encoding="utf-8")
    assert run("ingest", story.parent, "--db", db, "--quiet").exit_code == 1
    assert run("list", "--rejected", "--db", db).stdout == f"{story}\tempty file\n"
    story.write_text("Police arrested three men in Lagos on Friday, a spokesman said.\n", encoding="utf-8")
    fixed = run("ingest", story.parent, "--db", db, "--quiet")
    assert fixed.stdout.splitlines()[1].endswith(", 0 rejected inputs")
    assert run("list", "--rejected", "--db", db).stderr == "no rejected inputs stored\n"
    story.write_text("", encoding="utf-8")  # broken again, then fixed again: already stored, still forgotten
    run("ingest", story.parent, "--db", db, "--quiet")
    story.write_text("Police arrested three men in Lagos on Friday, a spokesman said.\n", encoding="utf-8")
    again = run("ingest", story.parent, "--db", db, "--quiet")
    assert again.stdout.splitlines() == [
        "processed 0 articles (1 already stored, skipped), rejected 0 inputs this run",
        f"database {db}: 1 article, 1 event, 1 quote, 1 count, 0 rejected inputs"]


def test_a_broken_symbolic_link_is_rejected_and_quarantined(tmp_path):
    """QA: `ln -s /nonexistent bad2/broken.txt; newsledger extract bad2` printed nothing about it."""
    folder = tmp_path / "bad2"
    folder.mkdir()
    (folder / "broken.txt").symlink_to("/nonexistent")
    shutil.copy(SAMPLE, folder / "seed.txt")
    reason = "broken symbolic link to /nonexistent"
    extracted = run("extract", folder, "--published", "2016-07-21")
    assert extracted.exit_code == 0
    assert extracted.stderr == f"rejected: {folder / 'broken.txt'}: {reason}\n1 input(s) rejected\n"
    db = tmp_path / "out.db"
    ingested = run("ingest", folder, "--db", db, "--published", "2016-07-21", "--quiet")
    assert ingested.stdout.splitlines()[0] == "processed 1 article (0 already stored, skipped), rejected 1 input this run"
    assert ingested.stderr == f"rejected: {folder / 'broken.txt'}: {reason}\n"
    with Store(db) as store:
        assert [(r["path"], r["line"], r["reason"]) for r in store.list_rejected()] == [
            (str(folder / "broken.txt"), None, reason)]
    given = CliRunner().invoke(main, ["extract", str(folder / "broken.txt")])  # named on the command line
    assert (given.exit_code, given.stderr) == (1, f"Error: {folder / 'broken.txt'}: broken symbolic link\n")


def test_extract_of_the_qa_inputs(tmp_path):
    """QA: a Latin-1 file came out as mojibake, a record with text and html was rejected for want of text, and a
    one-paragraph HTML record was lost."""
    latin1 = tmp_path / "invalid_utf8.txt"
    latin1.write_bytes(b"Headline caf\xe9\nSome text in latin-1 \xe9\xe8 here. Police said two people were killed in "
                       b"Paris on Monday.\nMore \xff\xfe bytes \x81\x8d end.\n")
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"text": "Police said gunmen killed three.", "html": "<p>Police said.</p>"}) + "\n"
                       + json.dumps({"title": "H", "html": "<p>Police said gunmen killed three people in Kano on "
                                                           "Friday.</p>"}) + "\n", encoding="utf-8")
    result = run("extract", latin1, records)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"rejected: {records}:1: give 'text' or 'html', not both\n1 input(s) rejected\n"
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["article"]["title"], first["path"]) == ("Headline café", str(latin1))
    assert "latin-1 éè here" in first["article"]["text"]
    assert (second["article"]["title"], second["article"]["text"], second["path"]) == (
        "H", "Police said gunmen killed three people in Kano on Friday.", f"{records}:2")


def test_ingest_folder_then_rerun_is_unchanged(inbox, tmp_path, seed_result):
    db = tmp_path / "out.db"
    totals = (f"database {db}: 1 article, {len(seed_result.events)} events, {len(seed_result.quotes)} quotes, "
              f"{len(seed_result.counts)} counts, 2 rejected inputs\n")
    first = run("ingest", inbox, "--db", db, "--published", "2016-07-21", "--quiet")
    assert first.exit_code == 0, first.output
    assert first.stdout == "processed 1 article (0 already stored, skipped), rejected 2 inputs this run\n" + totals
    assert first.stderr == (f"rejected: {inbox / 'broken.jsonl'}:1: invalid JSON: expecting property name enclosed "
                            f"in double quotes at column 29\nrejected: {inbox / 'empty.txt'}: empty file\n")
    second = run("ingest", inbox, "--db", db, "--published", "2016-07-21", "--quiet")
    assert second.exit_code == 0, second.output
    assert second.stdout == "processed 0 articles (1 already stored, skipped), rejected 2 inputs this run\n" + totals

    with Store(db) as store:
        assert [(r["path"], r["line"], r["reason"]) for r in store.list_rejected()] == [
            (str(inbox / "broken.jsonl"), 1,
             "invalid JSON: expecting property name enclosed in double quotes at column 29"),
            (str(inbox / "empty.txt"), None, "empty file")]
        stored = store.load(seed_result.article.id)
    assert stored == replace(seed_result, article=replace(seed_result.article, path=str(inbox / "sub" / "seed.txt")))


def test_ingest_force_reprocesses(inbox, tmp_path):
    db = tmp_path / "out.db"
    run("ingest", inbox / "sub", "--db", db, "--quiet")
    again = run("ingest", inbox / "sub", "--db", db, "--quiet", "--force")
    assert again.stdout.splitlines()[0] == "processed 1 article (0 already stored, skipped), rejected 0 inputs this run"


@pytest.mark.parametrize("command", ["ingest", "extract"])
@pytest.mark.parametrize("bad, reason", [
    ("not a date", "it names no year (a publication date must not depend on the day it is read)"),
    ("2016-13-45x", None)])
def test_bad_published_date_is_a_clear_error(tmp_path, command, bad, reason):
    db = tmp_path / "out.db"
    extra = ["--db", db] if command == "ingest" else []
    result = run(command, SAMPLE, "--published", bad, *extra)
    assert result.exit_code == 1
    assert result.stdout == ""
    said = f": {reason};" if reason else ";"
    assert result.stderr == f"Error: cannot read {bad!r} as a date{said} use ISO form such as 2016-07-21\n"
    assert not db.exists()  # nothing written before the arguments were checked


# ------------------------------------------------------------------ extract


def test_extract_json_lines_match_the_schema(tmp_path, seed_result):
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"text": "Exampleton ferry strike ends\nFerry crews went back to work on Friday, the union "
                            "said.", "published": "2021-03-05", "url": "https://example.org/ferry"}) + "\n"
        + json.dumps({"text": "   "}) + "\n", encoding="utf-8")
    result = run("extract", SAMPLE, records, "--published", "2016-07-21", "--format", "json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == 2
    for obj in objects:
        jsonschema.validate(obj, SCHEMA)
    assert objects[0] == as_json({**to_json(seed_result), "path": str(SAMPLE)})
    assert (objects[1]["path"], objects[1]["article"]["published"], objects[1]["article"]["url"],
            objects[1]["article"]["title"]) == (f"{records}:1", "2021-03-05", "https://example.org/ferry",
                                                "Exampleton ferry strike ends")
    assert result.stderr == (f"rejected: {records}:2: record has no non-empty 'text' or 'html' field\n"
                             "1 input(s) rejected\n")


def test_extract_text_report_is_render_text(seed_result):
    result = run("extract", SAMPLE, "--published", "2016-07-21", "--format", "text")
    assert result.exit_code == 0
    assert result.stdout == render_text(seed_result) + "\n"


def test_extract_limit_counts_articles_not_rejections(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text("not json\n" + "".join(json.dumps({"text": f"Harbour story number {n} ends here."}) + "\n"
                                              for n in range(3)), encoding="utf-8")
    result = run("extract", records, "--limit", "2")
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [f"{records}:2", f"{records}:3"]
    assert result.stderr.splitlines()[-1] == "1 input(s) rejected"


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_a_run_whose_every_input_is_rejected_fails(tmp_path, command):
    """QA: `newsledger extract empty.txt; echo $?` printed 0."""
    empty, no_records = tmp_path / "empty.txt", tmp_path / "none.json"
    empty.write_bytes(b"")
    no_records.write_text("[]\n", encoding="utf-8")
    extra = ["--db", tmp_path / "out.db", "--quiet"] if command == "ingest" else []
    result = run(command, empty, no_records, *extra)
    assert result.exit_code == 1
    assert result.stderr.endswith(f"rejected: {empty}: empty file\n"
                                  f"rejected: {no_records}: no articles in the file (an empty JSON array)\n"
                                  "Error: no article was read: all 2 inputs were rejected\n")
    single = run(command, empty, *extra)
    assert single.exit_code == 1 and single.stderr.endswith("Error: no article was read: the input was rejected\n")
    if command == "ingest":  # the empty array is quarantined like any bad input
        assert result.stdout.startswith("processed 0 articles (0 already stored, skipped), rejected 2 inputs this run")
        with Store(tmp_path / "out.db") as store:
            assert [(r["path"], r["reason"]) for r in store.list_rejected()] == [
                (str(empty), "empty file"), (str(no_records), "no articles in the file (an empty JSON array)")]
    # one article read is a success, whatever else was rejected
    assert run(command, empty, SAMPLE, *extra).exit_code == 0


def test_exit_statuses_are_documented():
    for command in ("ingest", "extract"):
        assert "Exit status: 0 when" in run(command, "--help").stdout
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "Exit status" in readme and "every input was rejected" in readme


def test_reuters_stories_without_a_body_are_counted_as_skipped(tmp_path):
    sgml = ROOT / "tests" / "data" / "reuters_sample.sgm"  # two stories with a body, one without
    result = run("extract", sgml, "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == "1 Reuters story without a body skipped\n"
    ingested = run("ingest", sgml, "--db", tmp_path / "out.db", "--quiet")
    assert ingested.stdout.splitlines()[0] == ("processed 2 articles (0 already stored, skipped), 1 Reuters story "
                                               "without a body skipped, rejected 0 inputs this run")


def test_ingest_progress_bar_has_a_total_and_honest_units(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    result = run("ingest", folder, "--db", tmp_path / "out.db")
    assert result.exit_code == 0, result.output
    bar = result.stderr.replace("\r", "\n").splitlines()
    final = [line for line in bar if "2/2" in line]
    assert final, result.stderr
    assert final[-1].startswith("ingest: 100%") and " inputs" in final[-1]
    assert "processed=1" in final[-1] and "rejected=1" in final[-1] and "skipped=0" in final[-1]
    assert " art" not in result.stderr


def test_input_total_is_known_only_when_files_are_articles(tmp_path):
    from newsledger.cli import _input_total

    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.html.gz").write_bytes(b"")
    assert _input_total((str(tmp_path),), None) == 2
    assert _input_total((str(tmp_path / "a.txt"),), None) == 1
    assert _input_total((str(tmp_path),), 1) is None  # --limit stops early
    (tmp_path / "c.jsonl").write_text("{}")
    assert _input_total((str(tmp_path),), None) is None  # JSON Lines hold any number of articles
    assert _input_total((str(tmp_path / "missing"),), None) is None


# ------------------------------------------------------------------ show and list


def test_show_prints_the_evidence(ledger_db, seed_result):
    for given in (seed_result.article.id, seed_result.article.id[:6]):
        result = run("show", given, "--db", ledger_db)
        assert result.exit_code == 0
        assert result.stdout == render_text(seed_result) + "\n"
    text = seed_result.article.text
    for event in seed_result.events:
        for span in event.evidence:
            assert f"      [{span.start}:{span.end}] {text[span.start:span.end]!r}\n" in result.stdout


def test_show_hostile_report(ledger_db, hostile_result):
    result = run("show", hostile_result.article.id, "--db", ledger_db)
    assert result.stdout == f"""\
article {hostile_result.article.id}  <script>alert("title")</script> Exampleton harbour protest
  path: hostile/<script>.txt
  published: unknown; inferred 2021-03 (confidence 0.40, weekday)
    evidence: '<b>Monday</b>' — <em>weekday</em>
  removed (share button): '<a href="javascript:alert(4)">Share this</a>'

events (3):
  V1 PROTEST/obstruct [occurred] trigger='blocked'@11  agent=Protesters  target=the <script>alert(1)</script> \
harbour road  place=Exampleton  time=2021-03-01
      [0:86] 'Protesters blocked the <script>alert(1)</script> harbour road in Exampleton on Monday.'
  V2 PROTEST/demonstrate [claimed] trigger='marched'@179  agent=About 200 people  count=200  \
claimed by=<u>organisers</u>
      [162:204] 'About 200 people marched, organisers said.'
  V3 COERCE/threaten [denied, background] trigger='move'@103  agent=Jane Example  claimed by=Jane Example
      [87:161] '"<b>We will not move</b> <img src=x onerror=alert(2)>," said Jane Example.'

quotes (1):
  Q1 direct by Jane Example: [88:141] '<b>We will not move</b> <img src=x onerror=alert(2)>,'

counts (1):
  C1 [162:171] 'About 200' min=None best=200 max=None what='people' claimed_by='organisers'

times (1):
  T1 [79:85] 'Monday' DATE value=2021-03-01 anchor=2021-03 (inferred)

entities (2):
  E1 GPE 'Exampleton' (1 mention)
  E2 PERSON 'Jane Example' (1 mention)
"""


def test_show_reads_partial_timex_values_as_a_reader_writes_them(hostile_result):
    """A year-only anchor gives "2021-XX" ("last month"): the report says 2021, the JSON keeps the value."""
    from dataclasses import replace

    events = [replace(hostile_result.events[0], time_value="2021-XX", time_range_start="2021-01-01",
                      time_range_end="2021-XX-XX"), *hostile_result.events[1:]]
    result = replace(hostile_result, events=events, times=[replace(hostile_result.times[0], value="2021-W09")])
    report = render_text(result)
    assert "place=Exampleton  time=2021  period=2021-01-01 – 2021\n" in report
    assert "  T1 [79:85] 'Monday' DATE value=2021-W09 (week 9 of 2021) anchor=2021-03 (inferred)\n" in report
    assert "XX" not in report


def test_show_json(ledger_db, hostile_result):
    result = run("show", hostile_result.article.id, "--db", ledger_db, "--json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data == as_json(to_json(hostile_result))


@pytest.mark.parametrize(("given", "message"), [
    ("ffff", "Error: no stored article has id 'ffff'; `newsledger list` shows the ids\n"),
    ("%", "Error: no stored article has id '%'; `newsledger list` shows the ids\n"),
    ("", "Error: no stored article has id ''; `newsledger list` shows the ids\n"),
])
def test_show_unknown_id(ledger_db, given, message):
    result = run("show", given, "--db", ledger_db)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)


@pytest.mark.parametrize("command", [["show", "abc"], ["list"], ["list", "--rejected"], ["export", "--format", "csv"]])
def test_reading_a_missing_database_is_an_error_and_creates_nothing(tmp_path, command):
    db = tmp_path / "typo.db"
    result = run(*command, "--db", db)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: database {db} does not exist; run `newsledger ingest PATH --db {db}` first\n")
    assert not db.exists()


@pytest.mark.parametrize("command", [["show", "abc"], ["list"], ["export", "--format", "jsonl"]])
def test_too_new_database_is_an_error(tmp_path, command):
    import sqlite3

    db = tmp_path / "future.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    result = run(*command, "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db} has schema version 999; this newsledger knows up to ")


def test_list(ledger_db, seed_result, hostile_result):
    seed_line = f"{seed_result.article.id}\t2016-07-21\t{len(seed_result.events)} events\t{seed_result.article.title}"
    hostile_line = f"{hostile_result.article.id}\t(no date)\t3 events\t{hostile_result.article.title}"
    assert run("list", "--db", ledger_db).stdout == f"{seed_line}\n{hostile_line}\n"
    assert run("list", "--db", ledger_db, "--search", "harbour").stdout == hostile_line + "\n"
    assert run("list", "--db", ledger_db, "--search", "Speicher").stdout == seed_line + "\n"
    assert run("list", "--db", ledger_db, "--search", "zebra").stdout == ""
    assert run("list", "--db", ledger_db, "--limit", "1").stdout == seed_line + "\n"


def test_list_and_entities_say_when_nothing_matches(ledger_db):
    """QA: `list --search al-Qadhi` without a match printed nothing at all."""
    for args, note in ((["list", "--search", "al-Qadhi"], "no articles match 'al-Qadhi'"),
                       (["entities", "--search", "Qadhi"], "no entities match --search 'Qadhi'"),
                       (["entities"], "no entities stored; run `newsledger cluster` first")):
        result = run(*args, "--db", ledger_db)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", note + "\n"), args
    assert run("list", "--db", ledger_db, "--limit", "0").stderr == ""  # nothing was asked for


def test_entities_type_must_be_a_label(ledger_db):
    """QA: `entities --type foo` (or `--type person`) printed "no entities match" and exited 0, as if the
    ledger had none."""
    result = run("entities", "--db", ledger_db, "--type", "person")
    assert result.exit_code == 2
    assert ("Invalid value for '--type': 'person' is not one of 'PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP', "
            "'EVENT'.") in result.stderr


def test_entities_types_are_those_of_the_api():
    from newsledger.cli import _ENTITY_TYPES
    from newsledger.web.api import ENTITY_TYPES
    assert sorted(_ENTITY_TYPES) == sorted(ENTITY_TYPES)


@pytest.mark.parametrize("command", ["list", "entities"])
def test_limit_has_help(command):
    """QA: `--limit` had no help text."""
    help_text = " ".join(run(command, "--help").stdout.split())
    assert re.search(r"--limit INTEGER RANGE Print at most this many \w+.*; 0 prints none", help_text)


def test_list_bad_search(ledger_db):
    result = run("list", "--db", ledger_db, "--search", "harbour AND")
    assert result.exit_code == 1
    assert result.stderr == "Error: bad search 'harbour AND': fts5: syntax error near \"\"\n"


def test_list_rejected(ledger_db):
    with Store(ledger_db) as store:
        from newsledger.model import Rejection

        store.reject(Rejection("in/empty.txt", "empty file"))
        store.reject(Rejection("in/r.jsonl", "record is not a JSON object", line=7))
    assert run("list", "--db", ledger_db, "--rejected").stdout == (
        "in/empty.txt\tempty file\nin/r.jsonl:7\trecord is not a JSON object\n")


def test_list_show_and_rejected_escape_terminal_controls(tmp_path, hostile_result):
    """QA: a headline, file name or reason holding an escape sequence was printed raw, so that `list` or `show` on a
    scraped article could clear the screen (ESC [2J) or rename the terminal window (ESC ]0;…BEL)."""
    article = replace(hostile_result.article, title="Harbour \x1b]0;pwned\x07protest\r\x1b[2J ends",
                      path="in/\x1b[31mred.txt")
    db = tmp_path / "ledger.db"
    with Store(db) as store:
        store.save(replace(hostile_result, article=article), VERSION)
        store.reject(Rejection("in/\x1b[2Jbad.txt", "empty file"))
    escaped = "Harbour \\x1b]0;pwned\\x07protest\\r\\x1b[2J ends"
    assert run("list", "--db", db).stdout == f"{article.id}\t(no date)\t3 events\t{escaped}\n"
    assert run("list", "--db", db, "--rejected").stdout == "in/\\x1b[2Jbad.txt\tempty file\n"
    assert run("show", article.id, "--db", db).stdout.splitlines()[:2] == [
        f"article {article.id}  {escaped}", "  path: in/\\x1b[31mred.txt"]


def test_rejected_file_names_are_printed_with_their_controls_escaped(tmp_path):
    bad = tmp_path / "\x1b[2Jempty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(bad)])
    assert result.stderr.splitlines()[0] == f"rejected: {tmp_path}/\\x1b[2Jempty.txt: empty file"
    result = CliRunner().invoke(main, ["ingest", str(bad), "--db", str(tmp_path / "x.db"), "--quiet"])
    assert f"rejected: {tmp_path}/\\x1b[2Jempty.txt: empty file\n" in result.stderr


# ------------------------------------------------------------------ export

# In the export's default order (newest event first, then by article and position): V2 has no time of its own and
# its article no publication date, so it is dated by the inferred one (2021-03), which ends after V1's day; V3 is
# background and gets no date.
HOSTILE_ROWS = [
    {"id": "V2", "type": "PROTEST", "mode": "demonstrate", "modality": "claimed", "background": False,
     "trigger": "marched", "agent_text": "About 200 people", "target_text": None, "place_text": None,
     "time_value": None, "date": "2021-03", "date_source": "inferred publication date", "count_best": 200.0,
     "count_min": None, "count_max": None, "count_what": "people", "claimed_by_text": "<u>organisers</u>",
     "evidence": "About 200 people marched, organisers said."},
    {"id": "V1", "type": "PROTEST", "mode": "obstruct", "modality": "occurred", "background": False,
     "trigger": "blocked", "agent_text": "Protesters", "target_text": "the <script>alert(1)</script> harbour road",
     "place_text": "Exampleton", "time_value": "2021-03-01", "date": "2021-03-01", "date_source": "event time",
     "count_best": None, "count_min": None, "count_max": None, "count_what": None, "claimed_by_text": None,
     "evidence": "Protesters blocked the <script>alert(1)</script> harbour road in Exampleton on Monday."},
    {"id": "V3", "type": "COERCE", "mode": "threaten", "modality": "denied", "background": True,
     "trigger": "move", "agent_text": "Jane Example", "target_text": None, "place_text": None, "time_value": None,
     "date": None, "date_source": None, "count_best": None, "count_min": None, "count_max": None,
     "count_what": None, "claimed_by_text": "Jane Example",
     "evidence": '"<b>We will not move</b> <img src=x onerror=alert(2)>," said Jane Example.'},
]


@pytest.fixture
def hostile_db(tmp_path, hostile_result):
    path = tmp_path / "hostile.db"
    with Store(path) as store:
        store.save(hostile_result, VERSION)
    return path


def expected_rows(hostile_result):
    common = {"article_id": hostile_result.article.id, "article_title": hostile_result.article.title,
              "article_published": None, "article_url": "javascript:alert(1)", "review_status": "unreviewed",
              "place_precision": None, "lat": None, "lon": None, "country": None, "country_code": None,
              "time_range_start": None, "time_range_end": None, "instrument_text": None,  # the fixture is not geocoded
              "injured_best": None}
    return [{column: {**common, **row}[column] for column in EVENT_EXPORT_COLUMNS} for row in HOSTILE_ROWS]


def as_csv(row):
    return {k: "" if v is None else str(v) for k, v in row.items()}


def test_export_csv(hostile_db, hostile_result, tmp_path):
    stdout = run("export", "--db", hostile_db, "--format", "csv").stdout
    assert stdout.splitlines()[0] == ",".join(EVENT_EXPORT_COLUMNS)
    assert list(csv.DictReader(io.StringIO(stdout))) == [as_csv(r) for r in expected_rows(hostile_result)]
    out = tmp_path / "events.csv"
    result = run("export", "--db", hostile_db, "--format", "csv", "-o", out)
    assert result.stderr == f"wrote 3 events to {out}\n"
    written = out.read_bytes().decode("utf-8")
    assert written.count("\r\n") == 4  # RFC 4180 line ends: header + 3 rows
    assert written.replace("\r\n", "\n") == stdout.replace("\r\n", "\n")
    with CliRunner().isolated_filesystem(temp_dir=tmp_path) as here:
        dash = CliRunner().invoke(main, ["export", "--db", str(hostile_db), "--format", "csv", "-o", "-"])
        assert dash.stdout == stdout and not (Path(here) / "-").exists()  # "-o -" is standard output


def test_export_takes_the_api_event_filters_under_the_same_names():
    """Every /api/events filter is an export option (the API's q is --search), and the README shows them all."""
    from newsledger.cli import export
    from newsledger.web.api import EventFilters

    api = {f for f in EventFilters.__dataclass_fields__ if f != "article_id"} | {"sort"}
    options = {opt.lstrip("-").replace("-", "_") for param in export.params for opt in param.opts
               if opt.startswith("--")}
    assert {("search" if f == "q" else f) for f in api} <= options
    synopsis = re.search(r"newsledger export --format csv\|parquet\|geojson.*?```", README, re.S).group(0)
    for name in api:
        assert f"--{'search' if name == 'q' else name.replace('_', '-')}" in synopsis, name


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "BOGUS"], "Invalid value for '--type': 'BOGUS' is not one of 'ASSAULT', 'COERCE', 'PROTEST'"),
    (["--modality", "bogus"], "Invalid value for '--modality': 'bogus' is not one of 'occurred', 'claimed'"),
    (["--since", "2016-02-30"], "Invalid value for --since: '2016-02-30' is not a calendar date: 2016-02 has no "
                                "day 30"),
    (["--until", "2014-13"], "Invalid value for --until: '2014-13' is not a date: month 01-12, day 01-31"),
    (["--bbox", "1,2,3"], "Invalid value for --bbox: bbox '1,2,3' is not four numbers"),
    (["--background", "maybe"], "Invalid value for '--background': 'maybe' is not a valid boolean"),
])
def test_export_refuses_bad_filters(hostile_db, args, message):
    result = run("export", "--db", hostile_db, "--format", "csv", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr


@pytest.mark.parametrize("filters", [
    {"claimant": "organisers"}, {"claimant": "organiser"}, {"actor": "jane"}, {"place": "exampleton"},
    {"bbox": "-1,50,1,52"}, {"background": "true"}, {"background": "false"}, {"located": "true"},
    {"located": "false"}, {"type": "COERCE"}, {"modality": "claimed"}, {"since": "2021-03"},
])
def test_export_filters_give_the_api_rows(tmp_path, hostile_result, filters):
    from fastapi.testclient import TestClient

    from newsledger.web.app import create_app

    path = tmp_path / "ledger.db"
    with Store(path) as store:
        store.save(hostile_result, VERSION)
        store.conn.execute("UPDATE places SET lat = 51.5, lon = -0.1 WHERE name = 'Exampleton'")
        store.conn.commit()
    app = create_app(path)
    with TestClient(app) as client:
        api = client.get("/api/events.csv", params=filters).text
    app.state.store.close()
    options = [a for k, v in filters.items() for a in (f"--{k}", v)]
    result = run("export", "--db", path, "--format", "csv", *options)
    assert result.exit_code == 0, result.output
    assert result.stdout.replace("\r\n", "\n") == api.replace("\r\n", "\n")
    assert len(list(csv.DictReader(io.StringIO(api)))) < 3 or filters == {"background": "false"}


def test_export_csv_cells_are_cut_to_what_a_spreadsheet_holds(tmp_path, hostile_result):
    from newsledger.model import Span

    long_line = "About 200 people marched " + "and chanted " * 15_000
    text = hostile_result.article.text + "\n" + long_line
    v2 = replace(hostile_result.events[1], evidence=[Span(len(hostile_result.article.text) + 1, len(text))])
    path = tmp_path / "long.db"
    with Store(path) as store:
        store.save(replace(hostile_result, article=replace(hostile_result.article, text=text),
                           events=[hostile_result.events[0], v2, hostile_result.events[2]]), VERSION)
    result = run("export", "--db", path, "--format", "csv")
    [row] = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["id"] == "V2"]
    assert len(row["evidence"]) == 32_767 and row["evidence"].endswith(" more characters]")
    assert "[…truncated: " in row["evidence"]


def test_export_columns_are_the_api_columns_named_as_in_the_json_contract():
    from newsledger.web.api import EXPORT_COLUMNS

    assert EVENT_EXPORT_COLUMNS == EXPORT_COLUMNS
    event_fields = set(SCHEMA["$defs"]["event"]["properties"])
    assert {"id", "agent_text", "target_text", "place_text", "time_value", "claimed_by_text", "count_best",
            "place_precision", "time_range_start", "time_range_end"} <= event_fields & set(EVENT_EXPORT_COLUMNS)
    assert not {"event_id", "agent", "target", "place", "time", "claimed_by"} & set(EVENT_EXPORT_COLUMNS)
    assert "review_status" in EVENT_EXPORT_COLUMNS


def _reviewed_ledger(path, seed_result, hostile_result):
    """The seed and hostile articles with decisions: a corrected figure, a rejected event, a confirmed one."""
    with Store(path) as store:
        store.save(seed_result, VERSION)
        store.save(hostile_result, VERSION)
        seed_event = next(e for e in seed_result.events if e.count_best == 1700)
        store.add_review(seed_result.article.id, seed_event.id, "count_best", "correct", "1566", "alice")
        store.add_review(hostile_result.article.id, "V2", None, "reject", None, "alice")
        store.add_review(hostile_result.article.id, "V1", None, "confirm", None, "alice")
    return seed_event


def test_cli_and_api_exports_are_one_ledger(tmp_path, seed_result, hostile_result):
    """`newsledger export` writes what /api/events.csv, .geojson serve: decisions applied, rejected left out."""
    from fastapi.testclient import TestClient

    from newsledger.web.app import create_app

    path = tmp_path / "reviewed.db"
    seed_event = _reviewed_ledger(path, seed_result, hostile_result)
    with Store(path) as store:  # some coordinates, so that GeoJSON has features
        store.conn.execute("UPDATE places SET lat = 34.6, lon = 43.7, country = 'Iraq', country_code = 'IQ'")
        store.conn.commit()
    api = TestClient(create_app(str(path)))
    for options, params in (([], {}), (["--include-rejected"], {"include_rejected": "true"}),
                            (["--reviewed", "only"], {"reviewed": "only"}),
                            (["--type", "PROTEST", "--sort", "type"], {"type": "PROTEST", "sort": "type"})):
        out = tmp_path / "events.csv"
        run("export", "--db", path, "--format", "csv", "-o", out, *options)
        assert out.read_bytes() == api.get("/api/events.csv", params=params).content, options
        cli_geojson = json.loads(run("export", "--db", path, "--format", "geojson", *options).stdout)
        assert cli_geojson == api.get("/api/events.geojson", params=params).json(), options
    rows = {(r["article_id"], r["id"]): r for r in csv.DictReader(io.StringIO(
        run("export", "--db", path, "--format", "csv").stdout))}
    hostile = hostile_result.article.id
    assert (hostile, "V2") not in rows  # rejected: left out by default
    assert rows[(hostile, "V1")]["review_status"] == "confirmed"
    assert (rows[(seed_result.article.id, seed_event.id)]["count_best"],
            rows[(seed_result.article.id, seed_event.id)]["review_status"]) == ("1566.0", "corrected")
    everything = list(csv.DictReader(io.StringIO(
        run("export", "--db", path, "--format", "csv", "--include-rejected").stdout)))
    assert [r["review_status"] for r in everything if (r["article_id"], r["id"]) == (hostile, "V2")] == ["rejected"]
    reviewed = list(csv.DictReader(io.StringIO(
        run("export", "--db", path, "--format", "csv", "--reviewed", "only").stdout)))
    assert sorted((r["article_id"], r["id"]) for r in reviewed) == sorted(
        [(hostile, "V1"), (seed_result.article.id, seed_event.id)])
    # Parquet: the same rows as the CSV, typed.
    out = tmp_path / "events.parquet"
    assert run("export", "--db", path, "--format", "parquet", "-o", out).exit_code == 0
    table = pq.read_table(out).to_pylist()
    assert [as_csv(r) for r in table] == list(rows.values())


def test_csv_exports_neutralise_formulas_but_keep_numbers(tmp_path, hostile_result):
    """Text that a spreadsheet would run (=, +, -, @, tab, CR first) starts with a quote; -0.1 stays a number."""
    from fastapi.testclient import TestClient

    from newsledger.web.app import create_app

    events = list(hostile_result.events)
    events[0] = replace(events[0], agent_text='=HYPERLINK("http://evil.example","x")', target_text="+1+2",
                        place_text="-2+3", claimed_by_text="@SUM(A1)", mode="\tcmd", trigger="\rx")
    result = replace(hostile_result, events=events,
                     article=replace(hostile_result.article, title="=1+1 harbour", url="@evil"))
    path = tmp_path / "formulas.db"
    with Store(path) as store:
        store.save(result, VERSION)
        store.conn.execute("UPDATE places SET lat = -33.9, lon = -0.1")
        store.conn.commit()
    cli = run("export", "--db", path, "--format", "csv").stdout
    api = TestClient(create_app(str(path))).get("/api/events.csv").text
    assert cli == api.replace("\r\n", "\n")  # CliRunner's stdout has \n line ends
    [row] = [r for r in csv.DictReader(io.StringIO(cli)) if r["id"] == "V1"]
    assert (row["agent_text"], row["target_text"], row["place_text"], row["claimed_by_text"], row["mode"],
            row["trigger"], row["article_title"], row["article_url"]) == (
        '\'=HYPERLINK("http://evil.example","x")', "'+1+2", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\rx",
        "'=1+1 harbour", "'@evil")
    assert (row["lat"], row["lon"]) == ("-33.9", "-0.1")
    for cell in [c for r in csv.reader(io.StringIO(cli)) for c in r]:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")) and (not cell.startswith("-") or float(cell) < 0)
    # Parquet and GeoJSON are not spreadsheets' formulas: their text is as extracted.
    geo = json.loads(run("export", "--db", path, "--format", "geojson").stdout)
    [feature] = [f for f in geo["features"] if f["properties"]["id"] == "V1"]
    assert feature["properties"]["agent_text"] == '=HYPERLINK("http://evil.example","x")'
    assert feature["geometry"]["coordinates"] == [-0.1, -33.9]


def test_export_csv_carries_the_period_an_event_covers(ledger_db, seed_result):
    """An event over a period ("since X … as of Y") exports both ends, not only its time."""
    spanning = [e for e in seed_result.events if e.time_range_start or e.time_range_end]
    assert spanning, "the seed's UN count covers a period"
    rows = {(r["article_id"], r["id"]): r
            for r in csv.DictReader(io.StringIO(run("export", "--db", ledger_db, "--format", "csv").stdout))}
    for event in spanning:
        row = rows[(seed_result.article.id, event.id)]
        assert (row["time_range_start"], row["time_range_end"]) == (event.time_range_start or "",
                                                                    event.time_range_end or "")


def test_export_jsonl(ledger_db, seed_result, hostile_result, tmp_path):
    stdout = run("export", "--db", ledger_db, "--format", "jsonl").stdout
    # article_ids() orders by published: NULL first
    assert [json.loads(line) for line in stdout.splitlines()] == as_json([to_json(hostile_result),
                                                                          to_json(seed_result)])
    out = tmp_path / "all.jsonl"
    result = run("export", "--db", ledger_db, "--format", "jsonl", "--output", out)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote 2 articles to {out}\n")
    assert out.read_text(encoding="utf-8") == stdout


def test_export_says_one_event_in_the_singular(hostile_db, tmp_path):
    """QA: `export` said "wrote 1 events"."""
    out = tmp_path / "events.csv"
    result = run("export", "--db", hostile_db, "--format", "csv", "--type", "COERCE", "-o", out)
    assert (result.exit_code, result.stderr) == (0, f"wrote 1 event to {out}\n")


def test_export_jsonl_refuses_the_event_filters(ledger_db):
    result = CliRunner().invoke(main, ["export", "--db", str(ledger_db), "--format", "jsonl", "--include-rejected"])
    assert result.exit_code == 2
    assert "--include-rejected: for the event formats (csv, parquet, geojson)" in result.stderr


def test_export_help_names_every_format():
    summary = main.commands["export"].get_short_help_str(limit=200)
    assert all(name in summary for name in ("CSV", "Parquet", "GeoJSON", "JSON Lines")), summary


def test_export_parquet(hostile_db, hostile_result, tmp_path):
    out = tmp_path / "events.parquet"
    result = run("export", "--db", hostile_db, "--format", "parquet", "-o", out)
    assert (result.exit_code, result.stderr) == (0, f"wrote 3 events to {out}\n")
    table = pq.read_table(out)
    assert table.column_names == EVENT_EXPORT_COLUMNS
    assert (str(table.schema.field("count_best").type), str(table.schema.field("background").type),
            str(table.schema.field("lat").type)) == ("double", "bool", "double")
    assert table.to_pylist() == expected_rows(hostile_result)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "parquet"])
def test_export_to_a_missing_folder_is_a_clear_error(hostile_db, tmp_path, fmt):
    out = tmp_path / "no" / "such" / f"x.{fmt}"
    result = CliRunner().invoke(main, ["export", "--db", str(hostile_db), "--format", fmt, "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"Error: cannot write {out}: No such file or directory\n")


def test_export_parquet_needs_output(hostile_db):
    result = CliRunner().invoke(main, ["export", "--db", str(hostile_db), "--format", "parquet"])
    assert result.exit_code == 2
    assert "--format parquet needs --output FILE (Parquet is binary)" in result.stderr


# ------------------------------------------------------------------ the installed command, for real


def test_console_script_extract(tmp_path, seed_result):
    if not NEWSLEDGER.exists():
        pytest.skip(f"{NEWSLEDGER} is not installed (pip install -e . creates it)")
    proc = subprocess.run([str(NEWSLEDGER), "extract", str(SAMPLE), "--published", "2016-07-21"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    data = json.loads(line)
    jsonschema.validate(data, SCHEMA)
    # The whole object is compared in-process (test_extract_json_lines_match_the_schema); here the
    # entry point is what matters, so compare the article and the shape, not every extracted item.
    assert (data["path"], data["article"]) == (str(SAMPLE), as_json(to_json(seed_result)["article"]))
    assert sorted(data) == ["article", "counts", "entities", "events", "path", "places", "quotes", "times"]


def test_console_script_ingest_and_errors(inbox, tmp_path):
    if not NEWSLEDGER.exists():
        pytest.skip(f"{NEWSLEDGER} is not installed (pip install -e . creates it)")
    db = tmp_path / "real.db"
    proc = subprocess.run([str(NEWSLEDGER), "ingest", str(inbox), "--db", str(db)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("processed 1 article (0 already stored, skipped), rejected 2 inputs this run\n")
    assert f"rejected: {inbox / 'empty.txt'}: empty file\n" in proc.stderr
    proc = subprocess.run([str(NEWSLEDGER), "show", "0000", "--db", str(db)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        1, "", "Error: no stored article has id '0000'; `newsledger list` shows the ids\n")


def test_serve_needs_an_existing_database(tmp_path):
    db = tmp_path / "typo.db"
    result = run("serve", "--db", db)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: database {db} does not exist; run `newsledger ingest PATH --db {db}` first\n")
    assert not db.exists()


@pytest.mark.parametrize("command", ["ingest", "extract", "show", "list", "export", "serve"])
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert re.search(r"Example:\n +newsledger \S", result.stdout)


def test_export_geojson_has_only_located_events(tmp_path, seed_result):
    path = tmp_path / "seed.db"
    with Store(path) as store:
        store.save(seed_result, VERSION)
    collection = json.loads(run("export", "--db", path, "--format", "geojson").stdout)
    assert collection["type"] == "FeatureCollection"
    assert "GeoNames" in collection["attribution"]  # CC BY 4.0: the credit travels with the coordinates
    located = [e for e in seed_result.events
               if e.place and next(p for p in seed_result.places if p.id == e.place).lat is not None]
    assert sorted(f["properties"]["id"] for f in collection["features"]) == sorted(e.id for e in located)
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


# ------------------------------------------------------------------ incidents

def _two_reports(nlp):
    """Two invented reports of one bombing, and one of a different year: written for this test."""
    from newsledger import process

    first = process("A car bomb killed 12 people at the central market in Kirkuk on Monday, police said. "
                    "The attack wounded dozens more.", published="2019-05-13", nlp=nlp)
    second = process("Police in Kirkuk said a car bomb at the central market killed at least 14 people on Monday. "
                     "No group has claimed the attack.", published="2019-05-14", nlp=nlp)
    other = process("A car bomb killed three people at the central market in Kirkuk, officials said.",
                    published="2015-02-02", nlp=nlp)
    return first, second, other


def test_cluster_why_merge_and_split(tmp_path, nlp):
    path = tmp_path / "incidents.db"
    first, second, other = _two_reports(nlp)
    with Store(path) as store:
        for result in (first, second, other):
            store.save(result, VERSION)
    out = run("cluster", "--db", path, "--quiet").stdout
    assert re.match(r"\d+ incidents \(1 reported by several articles\), 0 near-duplicate article versions, "
                    r"0 hand corrections applied", out)
    with Store(path) as store:
        rows, _ = store.list_incidents(limit=50)
        shared = [r for r in rows if r["articles"] == 2]
        assert len(shared) == 1 and shared[0]["type"] == "ASSAULT"
        assert (shared[0]["count_min"], shared[0]["count_max"]) == (14, 14)
        incident_id = shared[0]["id"]
    why = run("why", incident_id, "--db", path).stdout
    assert f"Incident {incident_id}: ASSAULT" in why
    assert "same type ASSAULT" in why and "Kirkuk" in why
    assert first.article.id in why and second.article.id in why

    # A reviewer says they are different incidents; the split survives re-clustering.
    run("split", first.article.id, second.article.id, "--db", path, "--note", "test")
    run("cluster", "--db", path, "--quiet")
    with Store(path) as store:
        rows, _ = store.list_incidents(limit=50)
        assert not [r for r in rows if r["articles"] == 2]
    # And a reviewer's merge of two events (the 2019 and the 2015 bombing) wins over the clustering.
    run("merge", f"{first.article.id}:V1", f"{other.article.id}:V1", "--db", path)
    with Store(path) as store:
        rows, _ = store.list_incidents(limit=50)
        merged = [r for r in rows if r["articles"] == 2]
        assert len(merged) == 1
        members = {m["article_id"] for m in store.get_incident(merged[0]["id"])["members"]}
        assert {first.article.id, other.article.id} <= members


def test_why_unknown_incident_is_a_clear_error(tmp_path, seed_result):
    path = tmp_path / "seed.db"
    with Store(path) as store:
        store.save(seed_result, VERSION)
    result = CliRunner().invoke(main, ["why", "Inope", "--db", str(path)])
    assert result.exit_code == 1
    assert "no stored incident has id 'Inope'" in result.output


# ------------------------------------------------------------------ cross-article entities

def _named(text: str, published: str, names: dict[str, str]):
    """An invented article whose entities (name -> spaCy label) are marked by hand, no model needed."""
    from newsledger.clean import article_id
    from newsledger.model import Article, ArticleResult, Entity, Mention

    entities = []
    for i, (name, label) in enumerate(names.items(), 1):
        mentions = [Mention(m.start(), m.end(), name) for m in re.finditer(re.escape(name), text)]
        entities.append(Entity(f"E{i}", name, label, mentions))
    return ArticleResult(Article(article_id(text), text, text, title=text.split(".")[0], published=published),
                         entities)


def test_entities_why_and_a_split_of_two_mentions_survive_cluster(tmp_path):
    path = tmp_path / "entities.db"
    first = _named("Mayor Tamsin Orrery opened the new ferry pier in Lowmere on Friday.", "2021-04-03",
                   {"Tamsin Orrery": "PERSON", "Lowmere": "GPE"})
    second = _named("Lowmere's mayor, Tamsin Orery, said the ferry pier cost less than planned.", "2021-04-05",
                    {"Tamsin Orery": "PERSON", "Lowmere": "GPE"})
    with Store(path) as store:
        store.save(first, VERSION)
        store.save(second, VERSION)
    run("cluster", "--db", path, "--quiet")
    lines = run("entities", "--db", path, "--search", "orrery").stdout.splitlines()
    assert len(lines) == 1
    entity_id, label, articles, name, *others = lines[0].split("\t")
    assert (entity_id[0], label, articles) == ("N", "PERSON", "2 articles")
    assert {name, *(o.removeprefix("(also: ").rstrip(")") for o in others)} == {"Tamsin Orrery", "Tamsin Orery"}
    why = run("why", entity_id, "--db", path).stdout
    assert why.startswith(f"Entity {entity_id}: {name} (PERSON)")
    assert f"{first.article.id}:E1" in why and f"{second.article.id}:E1" in why and "spelling variant" in why
    assert "Lowmere" in run("entities", "--db", path).stdout

    # A reviewer says these are two people; the split is replayed by every later `newsledger cluster`.
    run("split", f"{first.article.id}:E1", f"{second.article.id}:E1", "--db", path, "--note", "test")
    for _ in range(2):
        out = run("cluster", "--db", path, "--quiet").stdout
        assert "1 hand corrections applied" in out
        lines = run("entities", "--db", path, "--search", "orrery").stdout.splitlines()
        assert sorted(line.split("\t")[1:] for line in lines) == [["PERSON", "1 article", "Tamsin Orrery"]]
        lines = run("entities", "--db", path, "--search", "tamsin").stdout.splitlines()
        assert sorted(line.split("\t")[1:] for line in lines) == [["PERSON", "1 article", "Tamsin Orery"],
                                                                   ["PERSON", "1 article", "Tamsin Orrery"]]


def test_why_unknown_entity_is_a_clear_error(tmp_path, seed_result):
    path = tmp_path / "seed.db"
    with Store(path) as store:
        store.save(seed_result, VERSION)
    result = CliRunner().invoke(main, ["why", "Nnope", "--db", str(path)])
    assert result.exit_code == 1
    assert "no stored entity has id 'Nnope'; `newsledger entities` lists them" in result.output


# ------------------------------------------------------------------ searches as typed


@pytest.fixture
def qadhi_db(tmp_path, hostile_result):
    """The hostile article under a headline with a hyphenated name."""
    path = tmp_path / "qadhi.db"
    with Store(path) as store:
        store.save(replace(hostile_result, article=replace(hostile_result.article,
                                                           title="Mahmoud al-Qadhi visits U.S. harbour")), VERSION)
    return path


@pytest.mark.parametrize("search", ["al-Qadhi", "AL-QADHI", '"al-Qadhi"', "al-Qad*", "title:al-Qadhi",
                                    "al-Qadhi OR zebra", "(al-Qadhi) NOT zebra", "U.S.", "al-Qadhi harbour"])
def test_list_search_takes_words_as_typed(qadhi_db, hostile_result, search):
    result = run("list", "--db", qadhi_db, "--search", search)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.split("\t")[0] == hostile_result.article.id


@pytest.mark.parametrize("search", ["al-Qadhi zebra", "text:al-Qadhi", "al-Qadhi NOT harbour"])
def test_list_search_keeps_its_meaning(qadhi_db, search):
    result = run("list", "--db", qadhi_db, "--search", search)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"no articles match {search!r}\n")


# ------------------------------------------------------------------ errors are one line, never a traceback


def test_ingest_and_extract_of_a_missing_path_are_errors_and_create_nothing(tmp_path):
    db = tmp_path / "new.db"
    missing = tmp_path / "nonexistent"
    for args in (["ingest", missing, "--db", db], ["ingest", SAMPLE, missing, "--db", db], ["extract", missing]):
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert (result.exit_code, result.stdout, result.stderr) == (
            1, "", f"Error: {missing}: no such file or folder\n"), args
    assert not db.exists()


def test_an_empty_folder_is_noted(tmp_path):
    """QA: `newsledger extract emptydir` printed nothing at all, and `ingest` only "processed 0 articles"."""
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / ".hidden.txt").write_text("Headline\nPolice said two people were hurt.\n", encoding="utf-8")
    note = f"note: {folder}: the folder holds no files (hidden files are not read)\n"
    result = CliRunner().invoke(main, ["extract", str(folder)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", note)
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "x.db"), "--quiet"])
    assert result.exit_code == 0 and result.stderr == note


@pytest.mark.parametrize("command", [["ingest", str(SAMPLE)], ["extract", str(SAMPLE)], ["list"], ["entities"]])
def test_negative_limit_is_refused(tmp_path, command):
    extra = ["--db", str(tmp_path / "x.db")] if command[0] != "extract" else []
    result = CliRunner().invoke(main, [*command, "--limit", "-5", *extra])
    assert result.exit_code == 2
    assert "Invalid value for '--limit': -5 is not in the range x>=0." in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_ingest_into_a_missing_folder_or_a_file_that_is_not_a_database(tmp_path):
    missing = tmp_path / "nonexistent" / "x.db"
    result = CliRunner().invoke(main, ["ingest", str(SAMPLE), "--db", str(missing), "--quiet"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"Error: cannot open database {missing}: folder {missing.parent} does not exist\n")
    text = tmp_path / "notes.md"
    text.write_text("# not a database\n" * 200, encoding="utf-8")
    before = text.read_bytes()
    for command in (["ingest", str(SAMPLE), "--quiet"], ["list"], ["export", "--format", "csv"], ["serve"]):
        result = CliRunner().invoke(main, [*command, "--db", str(text)])
        assert (result.exit_code, result.stdout) == (1, ""), command
        assert result.stderr == (f"Error: cannot open database {text}: the file is not an SQLite database (give "
                                 "--db a new file name or an existing newsledger database)\n"), command
    assert text.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


def test_a_model_that_is_not_installed_is_a_one_line_error(tmp_path, monkeypatch):
    import newsledger.cli as cli

    monkeypatch.setitem(cli._DEFAULTS, "model", "no_such_model_xyz")
    db = tmp_path / "x.db"
    for args in (["extract", SAMPLE], ["ingest", SAMPLE, "--db", db, "--quiet"]):
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: cannot load the spaCy model 'no_such_model_xyz' (NEWSLEDGER_MODEL): "
                                        "spaCy model 'no_such_model_xyz' is not installed"), result.stderr
        assert result.stderr.count("\n") == 1
    assert not db.exists()


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("NEWSLEDGER_BATCH_SIZE", "abc", "Error: NEWSLEDGER_BATCH_SIZE='abc' is not a whole number (articles per spaCy "
                                     "nlp.pipe batch; default 32)\n"),
    ("NEWSLEDGER_PORT", "99999", "Error: NEWSLEDGER_PORT='99999' is out of range: give a whole number from 1 to "
                                 "65535\n"),
])
def test_a_bad_setting_in_the_environment_is_a_one_line_error(tmp_path, variable, value, message):
    if not NEWSLEDGER.exists():
        pytest.skip(f"{NEWSLEDGER} is not installed (pip install -e . creates it)")
    (tmp_path / "a.txt").write_text("Harbour reopens\nThe harbour reopened on Monday.\n", encoding="utf-8")
    proc = subprocess.run([str(NEWSLEDGER), "extract", "a.txt"], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env={**__import__("os").environ, variable: value})
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, "", message)


def test_load_settings_names_the_variable(monkeypatch):
    from newsledger.settings import BadSetting, load_settings

    monkeypatch.setenv("NEWSLEDGER_MAX_CHARS", "-3")
    with pytest.raises(BadSetting, match=r"^NEWSLEDGER_MAX_CHARS='-3' is out of range: give a whole number 1 or "
                                         r"more$"):
        load_settings()
    monkeypatch.setenv("NEWSLEDGER_MAX_CHARS", " 5000 ")
    assert load_settings()["max_chars"] == 5000


def test_serve_port_out_of_range(ledger_db):
    result = CliRunner().invoke(main, ["serve", "--db", str(ledger_db), "--port", "99999"])
    assert result.exit_code == 2
    assert "Invalid value for '--port': 99999 is not in the range 1<=x<=65535." in result.stderr


def test_serve_on_a_port_in_use_says_so_and_does_not_claim_to_serve(ledger_db):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(ledger_db), "--port", str(port)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: cannot listen on 127.0.0.1:{port}: Address already in use; another program is "
                             "listening there: stop it or give --port another number\n")


def test_serve_prints_its_address_once_listening(ledger_db, free_port):
    import httpx

    server = subprocess.Popen([sys.executable, "-m", "newsledger", "serve", "--db", str(ledger_db), "--port",
                               str(free_port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line == f"serving {ledger_db} on http://127.0.0.1:{free_port}/  (Ctrl+C to stop)\n"
        # Printed after the socket listens: a request right away is answered, not refused.
        assert httpx.get(f"http://127.0.0.1:{free_port}/api/articles", timeout=20).status_code == 200
    finally:
        server.terminate()
        server.communicate(timeout=10)


# ------------------------------------------------------------------ hand corrections name stored things


@pytest.mark.parametrize(("a", "b", "message"), [
    ("foo", "bar", "Error: 'foo': no stored article has id 'foo'; `newsledger list` shows the ids\n"),
    ("{seed}:V99", "{seed}:V1",
     "Error: '{seed}:V99': article {seed} has no event V99; `newsledger show {seed}` lists its events\n"),
    ("{seed}:E99", "{seed}:E1",
     "Error: '{seed}:E99': article {seed} has no entity E99; `newsledger show {seed}` lists its entities\n"),
    ("{seed}:X1", "{seed}:V1",
     "Error: '{seed}:X1': after the article id comes an event id (V3) or an entity id (E2), not 'X1'\n"),
    ("{seed}:V1", "{hostile}", "Error: {seed}:V1 is an event but {hostile} is an article; {action} two articles, "
                               "two events (ARTICLE:V3) or two entities (ARTICLE:E2)\n"),
    ("{seed}:V1", "{seed}:V1", "Error: {seed}:V1 and {seed}:V1 are the same event; give two different ones\n"),
])
@pytest.mark.parametrize("action", ["merge", "split"])
def test_merge_and_split_of_unknown_items_are_errors(ledger_db, seed_result, hostile_result, action, a, b, message):
    names = {"seed": seed_result.article.id, "hostile": hostile_result.article.id, "action": action}
    result = CliRunner().invoke(main, [action, a.format(**names), b.format(**names), "--db", str(ledger_db)])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message.format(**names))
    with Store(ledger_db) as store:
        assert store.incident_corrections() == []


def test_merge_takes_a_unique_article_id_prefix_and_records_the_full_id(ledger_db, seed_result, hostile_result):
    seed, hostile = seed_result.article.id, hostile_result.article.id
    result = run("merge", f"{seed[:8]}:V1", f"{hostile}:V2", "--db", ledger_db)
    assert result.stdout.startswith(f"recorded: merge {seed}:V1 {hostile}:V2; ")
    with Store(ledger_db) as store:
        assert store.incident_corrections() == [("merge", f"{seed}:V1", f"{hostile}:V2")]


@pytest.mark.parametrize("given", ["X1", "cd48f2e70005b8ff", "cd48f2e70005b8ff:V1", "1"])
def test_why_of_an_id_that_is_neither_an_incident_nor_an_entity(ledger_db, given):
    result = CliRunner().invoke(main, ["why", given, "--db", str(ledger_db)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: {given!r} is neither an incident id (I…) nor an entity id (N…)")
    assert "`newsledger entities`" in result.stderr and result.stderr.count("\n") == 1


def test_list_marks_an_untitled_record_instead_of_showing_its_path_as_a_title(tmp_path):
    """QA: a JSON Lines record with no title was listed with "feed.jsonl:1" in the title column."""
    feed, db = tmp_path / "feed.jsonl", tmp_path / "out.db"
    feed.write_text('{"text": "Police arrested three men in Lagos on Friday, a spokesman said.", '
                    '"published": "2016-07-22"}\n', encoding="utf-8")
    assert run("ingest", feed, "--db", db, "--quiet").exit_code == 0
    line = run("list", "--db", db).stdout
    assert line.split("\t")[1:] == ["2016-07-22", "1 event", f"(untitled) {feed}:1\n"]


def test_incidents_lists_what_cluster_made_with_filters(tmp_path, seed_result):
    """QA: `why` pointed to /api/incidents, which needs the server; the CLI had no list of incidents."""
    path = tmp_path / "seed.db"
    with Store(path) as store:
        store.save(seed_result, VERSION)
    assert run("incidents", "--db", path).stderr == "no incidents stored: run `newsledger cluster` first\n"
    run("cluster", "--db", path, "--quiet")
    lines = run("incidents", "--db", path, "--type", "assault", "--since", "2014", "--place", "speicher").stdout
    assert [line.split("\t")[1:] for line in lines.splitlines()] == [
        ["2014", "ASSAULT", "Camp Speicher", "1,700", "1 event, 1 article"]]
    assert run("incidents", "--db", path, "--place", "Paris").stderr == "no incidents match\n"
    limited = run("incidents", "--db", path, "--limit", "1")
    assert len(limited.stdout.splitlines()) == 1 and limited.stderr.endswith("more; raise --limit or narrow the filters\n")
    bad = run("incidents", "--db", path, "--since", "last year")
    assert bad.exit_code == 2 and "'last year' is not an ISO date such as 2014 or 2014-06-12" in bad.stderr


def test_the_ingest_bar_says_it_is_parsing_the_first_batch(tmp_path):
    """QA: the bar sat at 0 with no word for the seconds the first batch takes to parse."""
    story = tmp_path / "story.txt"
    story.write_text("Police arrested three men in Lagos on Friday, a spokesman said.\n", encoding="utf-8")
    result = run("ingest", story, "--db", tmp_path / "out.db", "--batch-size", "8")
    assert "parsing the first batch of up to 8…" in result.stderr
    assert "parsing the first batch" not in run("ingest", story, "--db", tmp_path / "out.db", "--quiet").stderr
