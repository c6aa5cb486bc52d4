"""Tests for newsledger.store on PostgreSQL: the same behaviour as on SQLite, against a real server.

A PostgreSQL 15 server is started once for the session on loopback: ``initdb`` into a temporary folder
(as the ``postgres`` user when the tests run as root, since the server refuses to run as root), a free
port, its unix socket in that folder, password authentication, ``fsync`` off; it is stopped and its folder
removed at the end.  Each test gets an empty ``public`` schema.  Without the server binaries the tests
skip, except under ``CI=true``, where they fail (``.ci/run`` installs them).

Most tests run on both backends (the ``backend`` parameter) and assert the same whole outputs, so any
difference between the two is a failure.  The dialect rewriting is tested without a server.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import newsledger.store as store_module
from newsledger.cli import main
from newsledger.errors import ArticleNotFound, SchemaTooNew
from newsledger.model import Article, ArticleResult, Rejection
from newsledger.review import hash_secret
from newsledger.store import SCHEMA_VERSION, DatabaseUnavailable, SearchSyntaxError, Store
from newsledger.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
VERSION = "test-1"
TOKEN = "pg-token-0123456789abcdef"
SERVER_BIN_DIRS = ["/usr/lib/postgresql/15/bin"]


# ------------------------------------------------------------------ the server


def _server_bin() -> Path | None:
    """The folder holding PostgreSQL's initdb and pg_ctl (15 preferred), or None."""
    candidates = [Path(d) for d in SERVER_BIN_DIRS]
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(found).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server on loopback for this session; yields its base URL ``postgresql://USER:PW@HOST:PORT``."""
    bin_dir = _server_bin()
    if bin_dir is None:
        message = ("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/15/bin or on "
                   "the PATH: install them with `apt-get install postgresql-15` (.ci/run does)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:  # the server refuses to run as root
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root but there is no 'postgres' user to run the server as; "
                        "`apt-get install postgresql-15` creates it")
        as_user = ["runuser", "-u", "postgres", "--"]
    # Under /tmp when root, so that the postgres user can reach the folder whatever TMPDIR says.
    root = Path(tempfile.mkdtemp(prefix="newsledger-pg-", dir="/tmp" if owner is not None else None))
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    password = secrets.token_hex(16)
    (root / "pw").write_text(password + "\n")
    if owner is not None:
        os.chown(root / "pw", owner.pw_uid, owner.pw_gid)
    data, log, port = root / "data", root / "server.log", _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=60)
        if done.returncode:
            server_log = log.read_text() if log.exists() else ""
            pytest.fail(f"{' '.join(args[:2])} failed ({done.returncode}):\n{done.stdout}{done.stderr}{server_log}")

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=scram-sha-256",
            f"--pwfile={root / 'pw'}", "--no-locale", "--encoding=UTF8", "--no-sync")
        options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off")
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start")
        base = f"postgresql://postgres:{password}@127.0.0.1:{port}"
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE newsledger")
        yield base
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                           capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def _admin(postgres_server):
    import psycopg

    with psycopg.connect(f"{postgres_server}/newsledger", autocommit=True) as conn:
        yield conn


@pytest.fixture
def pg_url(postgres_server, _admin) -> str:
    """The URL of an empty database (its ``public`` schema dropped and made again)."""
    _admin.execute("SET client_min_messages = warning")
    _admin.execute("DROP SCHEMA public CASCADE")
    _admin.execute("CREATE SCHEMA public")
    return f"{postgres_server}/newsledger"


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    """Where a database lives: an SQLite file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(location):
    with Store(location) as opened:
        yield opened


def tiny(article_id: str, text: str, title: str | None = None, published: str | None = None) -> ArticleResult:
    return ArticleResult(Article(article_id, text, text, title=title, published=published, path=f"{article_id}.txt"))


def table_counts(store: Store) -> dict[str, int]:
    tables = ["articles", "removed", "entities", "mentions", "times", "places", "quotes", "counts", "events",
              "event_arguments", "evidence", "rejected"]
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


# ------------------------------------------------------------------ round trip and replacement


def test_store_picks_the_backend_from_the_location(store, location):
    assert store.dialect == ("postgresql" if location.startswith("postgresql://") else "sqlite")


def test_round_trip_through_a_reopened_database(location, seed_result, hostile_result):
    with Store(location) as store:
        store.save(seed_result, VERSION)
        store.save(hostile_result, VERSION)
    with Store(location) as store:
        assert [store.load(i) for i in store.article_ids()] == [hostile_result, seed_result]  # NULL date first


def test_resave_replaces_instead_of_duplicating(store, seed_result, hostile_result):
    store.save(seed_result, VERSION)
    store.save(hostile_result, VERSION)
    before = table_counts(store)
    store.save(seed_result, VERSION)
    store.save(seed_result, "test-2")
    assert table_counts(store) == before
    assert store.load(seed_result.article.id) == seed_result
    assert (store.has_article(seed_result.article.id), store.has_article(seed_result.article.id, "test-2"),
            store.has_article(seed_result.article.id, VERSION)) == (True, True, False)


def test_resave_with_less_found_drops_old_rows(store, hostile_result):
    store.save(hostile_result, VERSION)
    smaller = replace(hostile_result, events=hostile_result.events[:1], quotes=[], counts=[],
                      article=replace(hostile_result.article, title="Ferry timetable", removed=[]))
    store.save(smaller, VERSION)
    assert store.load(hostile_result.article.id) == smaller
    assert table_counts(store) == {
        "articles": 1, "removed": 0, "entities": 2, "mentions": 2, "times": 1, "places": 1, "quotes": 0,
        "counts": 0, "events": 1, "event_arguments": 4, "evidence": 1, "rejected": 0}
    assert [r["id"] for r in store.list_articles(query="ferry")] == [hostile_result.article.id]
    assert store.list_articles(query="protest") == []


def test_event_arguments_rows_keep_insertion_order(store, hostile_result):
    store.save(hostile_result, VERSION)
    rows = store.conn.execute("SELECT event_id, role, ref, text FROM event_arguments ORDER BY rowid").fetchall()
    assert [tuple(r) for r in rows] == [
        ("V1", "agent", None, "Protesters"),
        ("V1", "target", None, "the <script>alert(1)</script> harbour road"),
        ("V1", "place", "P1", "Exampleton"),
        ("V1", "time", "T1", "2021-03-01"),
        ("V2", "agent", None, "About 200 people"),
        ("V2", "count", "C1", "200.0"),
        ("V2", "claimed_by", None, "<u>organisers</u>"),
        ("V3", "agent", "E2", "Jane Example"),
        ("V3", "claimed_by", "E2", "Jane Example"),
    ]


def test_rows_hide_the_postgresql_only_columns(store, hostile_result):
    store.save(hostile_result, VERSION)
    row = store.conn.execute("SELECT * FROM articles").fetchone()
    assert list(row.keys()) == ["id", "path", "title", "url", "source", "published", "published_inferred", "text",
                                "raw_text", "pipeline_version", "processed_at"]
    assert dict(row)["id"] == row[0] == row["id"] == hostile_result.article.id
    assert store._columns("articles") == set(row.keys())


# ------------------------------------------------------------------ atomic writes


class Boom(RuntimeError):
    pass


def explode_on_third_row(monkeypatch):
    real = store_module._sql_value
    calls = {"n": 0}

    def flaky(value):
        calls["n"] += 1
        if calls["n"] == 3:
            raise Boom("disk on fire")
        return real(value)

    monkeypatch.setattr(store_module, "_sql_value", flaky)


def test_failed_save_leaves_no_half_article(store, seed_result, hostile_result, monkeypatch):
    store.save(seed_result, VERSION)
    before = table_counts(store)
    explode_on_third_row(monkeypatch)
    with pytest.raises(Boom):
        store.save(hostile_result, VERSION)
    monkeypatch.undo()
    assert table_counts(store) == before
    assert [r["id"] for r in store.list_articles()] == [seed_result.article.id]
    assert store.list_articles(query="harbour") == []
    with pytest.raises(ArticleNotFound):
        store.load(hostile_result.article.id)
    store.save(hostile_result, VERSION)  # the connection is usable after the rollback
    assert store.load(hostile_result.article.id) == hostile_result


def test_failed_resave_keeps_the_old_version(location, hostile_result, monkeypatch):
    with Store(location) as store:
        store.save(hostile_result, VERSION)
        before = table_counts(store)
        explode_on_third_row(monkeypatch)
        with pytest.raises(Boom):
            store.save(replace(hostile_result, events=[]), "test-2")
    monkeypatch.undo()
    with Store(location) as store:  # a fresh connection sees only committed data
        assert table_counts(store) == before
        assert store.load(hostile_result.article.id) == hostile_result
        assert store.has_article(hostile_result.article.id, VERSION)


# ------------------------------------------------------------------ rejected inputs and summary


def test_rejections_are_recorded_once(store):
    rejections = [Rejection("a.txt", "empty file"), Rejection("b.jsonl", "invalid JSON: Expecting value", line=3),
                  Rejection("b.jsonl", "invalid JSON: Expecting value", line=4), Rejection("a.txt", "other reason")]
    for _ in range(3):
        for rejection in rejections:
            store.reject(rejection)
    assert [(r["id"], r["path"], r["line"], r["reason"]) for r in store.list_rejected()] == [
        (1, "a.txt", None, "empty file"), (2, "b.jsonl", 3, "invalid JSON: Expecting value"),
        (3, "b.jsonl", 4, "invalid JSON: Expecting value"), (4, "a.txt", None, "other reason")]
    assert store.summary()["rejected"] == 4


# ------------------------------------------------------------------ schema versions


def _set_schema_version(location: str, version: int) -> None:
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location, autocommit=True) as conn:
            conn.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(version),))
    else:
        with sqlite3.connect(location) as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))


def test_new_database_records_schema_version(location):
    with Store(location) as store:
        assert store.schema_version() == SCHEMA_VERSION == len(store_module.MIGRATIONS)
        assert [tuple(r) for r in store.conn.execute("SELECT key, value FROM meta")] == [
            ("schema_version", str(SCHEMA_VERSION))]
    with Store(location) as store:  # reopening does not migrate again
        assert store.schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused(location):
    Store(location).close()
    _set_schema_version(location, SCHEMA_VERSION + 1)
    with pytest.raises(SchemaTooNew) as info:
        Store(location)
    on_postgres = location.startswith("postgresql://")
    shown = re.sub(r":[^:@/]+@", ":***@", location) if on_postgres else location  # no password in messages
    assert str(info.value) == (f"{shown} has schema version {SCHEMA_VERSION + 1}; this newsledger knows up to "
                               f"{SCHEMA_VERSION}. Upgrade newsledger or use another --db "
                               f"{'database' if on_postgres else 'file'}.")


def test_older_schema_is_upgraded_on_open(location, hostile_result, monkeypatch):
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 1)
    with Store(location) as store:
        assert store.schema_version() == 1
        assert "cameo" not in store._columns("events") and not store._has_incidents()
    monkeypatch.undo()
    with Store(location) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert {"cameo", "place_precision"} <= store._columns("events") and store._has_incidents()
        store.save(hostile_result, VERSION)
        assert store.load(hostile_result.article.id) == hostile_result


# ------------------------------------------------------------------ loading by id


@pytest.mark.parametrize(("given", "found"), [
    ("aaaa000000000002", "aaaa000000000002"), ("b0b", "b0b0000000000003"), ("aaaa0000000000020", None),
    ("aaaa", "several"), ("%", None), ("_", None), ("", None), ("AAAA000000000001", None),
])
def test_load_by_id_or_unique_prefix(store, given, found):
    store.save(tiny("aaaa000000000001", "Harbour reopens on Friday.", "Harbour"), VERSION)
    store.save(tiny("aaaa000000000002", "Ferry timetable changes.", "Ferry"), VERSION)
    store.save(tiny("b0b0000000000003", "Bridge closed for repairs.", "Bridge"), VERSION)
    if found is None:
        with pytest.raises(ArticleNotFound, match="no stored article has id"):
            store.load(given)
    elif found == "several":
        with pytest.raises(ArticleNotFound, match="matches several articles"):
            store.load(given)
    else:
        assert store.load(given).article.id == found


# ------------------------------------------------------------------ listing and search


@pytest.fixture
def ledger(store, seed_result, hostile_result):
    store.save(seed_result, VERSION)
    store.save(hostile_result, VERSION)
    store.save(tiny("c0c0000000000003", "Exampleton ferry timetable approved.", "Ferry vote", "2021-03-02"), VERSION)
    return store


def test_list_articles_rows(ledger, seed_result, hostile_result):
    assert ledger.list_articles() == [
        {"id": "c0c0000000000003", "title": "Ferry vote", "url": None, "source": None, "published": "2021-03-02",
         "published_inferred": None, "path": "c0c0000000000003.txt", "events": 0, "quotes": 0},
        {"id": seed_result.article.id, "title": seed_result.article.title, "url": None, "source": None,
         "published": "2016-07-21", "published_inferred": None, "path": seed_result.article.path,
         "events": len(seed_result.events), "quotes": len(seed_result.quotes)},
        {"id": hostile_result.article.id, "title": hostile_result.article.title, "url": "javascript:alert(1)",
         "source": "<i>Example Gazette</i>", "published": None,
         "published_inferred": '{"value": "2021-03", "confidence": 0.4, "evidence": [{"text": "<b>Monday</b>", '
                               '"start": 79, "end": 85, "reasoning": "<em>weekday</em>"}], "method": "weekday"}',
         "path": "hostile/<script>.txt", "events": 3, "quotes": 1},
    ]
    assert [r["id"] for r in ledger.list_articles(limit=1, offset=1)] == [seed_result.article.id]


@pytest.mark.parametrize(("query", "expected"), [
    ("Speicher", ["seed"]),
    ("speicher", ["seed"]),
    ("Exampleton", ["ferry", "hostile"]),
    ("harbour", ["hostile"]),
    ("title:protest", ["hostile"]),
    ("title:Exampleton", ["hostile"]),
    ("text:protest", []),
    ("Exampleton OR Speicher", ["ferry", "seed", "hostile"]),
    ("Exampleton NOT ferry", ["hostile"]),
    ("Exampleton AND (ferry OR harbour)", ["ferry", "hostile"]),
    ('"tear gas"', []),
    ('"harbour road"', ["hostile"]),
    ('"road harbour"', []),
    ("harbour + road", ["hostile"]),
    ("timetab*", ["ferry"]),
    ("title:ferr*", ["ferry"]),
    ("zebra", []),
    ('"" harbour', ["hostile"]),
    ('harbour NOT "..."', ["hostile"]),
    ('"..."', []),
])
def test_full_text_search(ledger, seed_result, hostile_result, query, expected):
    names = {seed_result.article.id: "seed", hostile_result.article.id: "hostile", "c0c0000000000003": "ferry"}
    assert [names[r["id"]] for r in ledger.list_articles(query=query)] == expected
    assert ledger.count_articles(query) == len(expected)


@pytest.mark.parametrize("query", ["AND", '"unclosed', "title:", "nosuchcolumn:x", "a OR", "(a", "a)"])
def test_full_text_search_syntax_error(ledger, query):
    with pytest.raises(sqlite3.OperationalError):
        ledger.list_articles(query=query)


@pytest.mark.parametrize(("filters", "pick"), [
    ({}, lambda a, e: True),
    ({"type": "PROTEST"}, lambda a, e: e.type == "PROTEST"),
    ({"modality": "claimed"}, lambda a, e: e.modality == "claimed"),
    ({"type": "PROTEST", "modality": "occurred"}, lambda a, e: e.type == "PROTEST" and e.modality == "occurred"),
    ({"type": "NO-SUCH-TYPE"}, lambda a, e: False),
    ({"article_id": "HOSTILE"}, lambda a, e: a == "HOSTILE"),
])
def test_list_events_filters(ledger, seed_result, hostile_result, filters, pick):
    hostile_id = hostile_result.article.id
    filters = {k: (hostile_id if v == "HOSTILE" else v) for k, v in filters.items()}
    expected = [(r.article.id, e.id) for r in (seed_result, hostile_result) for e in r.events
                if pick("HOSTILE" if r is hostile_result else "SEED", e)]
    assert [(r["article_id"], r["id"]) for r in ledger.list_events(**filters)] == expected


def test_list_events_row_and_paging(ledger, hostile_result):
    rows = ledger.list_events(article_id=hostile_result.article.id)
    assert rows[1] == {
        "article_id": hostile_result.article.id, "id": "V2", "type": "PROTEST", "mode": "demonstrate",
        "trigger": "marched", "trigger_start": 179, "trigger_end": 186, "modality": "claimed", "background": 0,
        "agent": None, "agent_text": "About 200 people", "target": None, "target_text": None, "place": None,
        "place_text": None, "time": None, "time_value": None, "count": "C1", "count_best": 200.0, "claimed_by": None,
        "claimed_by_text": "<u>organisers</u>", "cameo": None, "acled_event_type": None, "acled_sub_type": None,
        "place_precision": None, "article_title": hostile_result.article.title, "article_published": None}
    assert [(r["article_id"], r["id"]) for r in ledger.list_events(article_id=hostile_result.article.id, limit=2,
                                                                     offset=1)] == [
        (hostile_result.article.id, "V2"), (hostile_result.article.id, "V3")]


def test_summary(ledger, seed_result, hostile_result):
    ledger.reject(Rejection("x.txt", "empty file"))
    both = (seed_result, hostile_result)
    assert ledger.summary() == {
        "articles": 3, "events": sum(len(r.events) for r in both), "quotes": sum(len(r.quotes) for r in both),
        "counts": sum(len(r.counts) for r in both), "entities": sum(len(r.entities) for r in both), "rejected": 1}


# ------------------------------------------------------------------ the same answers through the API


def _build_ledger(location: str, seed_result, hostile_result) -> None:
    """Two articles with coordinates, a reviewer, decisions and incidents with a hand merge and split."""
    h, s = hostile_result.article.id, seed_result.article.id
    with Store(location) as store:
        store.save(seed_result, VERSION)
        store.save(hostile_result, VERSION)
        with store.conn:
            store.conn.execute("UPDATE places SET lat = ?, lon = ?, country = 'IQ' WHERE name LIKE '%Speicher%'",
                               (34.64, 43.58))
            store.conn.execute("UPDATE places SET lat = 51.5, lon = -0.1, country = 'XX' WHERE name = 'Exampleton'")
        store.add_reviewer("bob", hash_secret(TOKEN))
        store.add_review(h, "V2", "count_best", "correct", "300", "bob", note="recount")
        store.add_review(h, "V1", "background", "correct", "1", "bob")
        store.add_review(h, "V3", None, "reject", None, "bob")
        store.add_review(s, seed_result.events[0].id, "place_text", "correct", "Tikrit", "bob")
        store.save_clustering({
            "incidents": [{"id": "I1", "type": "PROTEST", "time_start": "2021-03-01", "place_text": "Exampleton",
                           "reasons": ["same place"]}, {"id": "I2", "type": "PROTEST", "reasons": []},
                          {"id": "I3", "type": "COERCE", "time_start": "2014-06-12"}],
            "members": [{"incident_id": "I1", "article_id": h, "event_id": "V1", "score": 0.9, "reasons": ["place"]},
                        {"incident_id": "I1", "article_id": h, "event_id": "V2"},
                        {"incident_id": "I2", "article_id": h, "event_id": "V3", "score": 0.2},
                        {"incident_id": "I3", "article_id": s, "event_id": seed_result.events[0].id, "score": 1.0}],
            "figures": [], "versions": []})
        store.merge_incidents("I1", "I2", "bob", note="one march")
        store.split_incident("I1", [f"{h}:V3"], "bob")


def _without_times(value):
    """The JSON with review and processing timestamps blanked (they differ between two runs)."""
    if isinstance(value, dict):
        return {k: "T" if k in ("created_at", "updated_at", "processed_at") else _without_times(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def test_api_answers_are_the_same_on_both_backends(tmp_path, pg_url, seed_result, hostile_result):
    h, s = hostile_result.article.id, seed_result.article.id
    urls = [
        "/api/articles", "/api/articles?q=harbour", "/api/articles?q=title:protest OR Speicher",
        f"/api/articles/{s}", f"/api/articles/{h}",
        "/api/events?limit=1000", "/api/events?sort=date&limit=1000", "/api/events?sort=-count",
        "/api/events?sort=count", "/api/events?sort=place", "/api/events?sort=type", "/api/events?sort=published",
        "/api/events?include_rejected=true&limit=1000", "/api/events?reviewed=only",
        "/api/events?reviewed=unreviewed&limit=3&offset=2", "/api/events?type=PROTEST&modality=claimed",
        "/api/events?actor=PROTESTERS", "/api/events?claimant=organisers", "/api/events?place=example",
        "/api/events?place=iq", "/api/events?q=harbour", "/api/events?since=2014&until=2016",
        "/api/events?since=2021-03-01&until=2021-03-31", "/api/events?bbox=38,29,49,38",
        "/api/events?bbox=170,40,10,60", "/api/events?located=true", "/api/events?located=false&limit=1000",
        "/api/events.json?limit=1000", "/api/events.geojson", "/api/events/facets",
        "/api/events/facets?type=PROTEST", "/api/events/timeline", "/api/events/timeline?interval=month",
        f"/api/events/{h}/V2", f"/api/events/{h}/V3", f"/api/events/{s}/{seed_result.events[0].id}",
        "/api/entities", "/api/entities?q=jane", "/api/entities?type=GPE", "/api/quotes", "/api/quotes?speaker=jane",
        "/api/places", "/api/places?q=example", "/api/reviews", f"/api/reviews?article_id={h}",
        "/api/incidents", "/api/incidents?type=PROTEST", "/api/incidents/I1", "/api/incidents/I1.1",
        "/api/incidents/I3", "/api/events?q=AND", "/api/events/nosuch/V1",
    ]
    pages = ["/", "/?q=harbour&place=example&since=2014", "/articles", "/articles?q=Speicher", f"/articles/{h}",
             f"/events/{h}/V2", f"/events/{s}/{seed_result.events[0].id}", "/incidents", "/incidents/I1", "/reviews"]
    answers = {}
    for name, location in (("sqlite", str(tmp_path / "ledger.db")), ("postgresql", pg_url)):
        _build_ledger(location, seed_result, hostile_result)
        app = create_app(location)
        with TestClient(app) as client:
            responses = [(url, client.get(url)) for url in urls]
            answers[name] = [(url, r.status_code, _without_times(r.json())) for url, r in responses]
            csv_download = client.get("/api/events.csv?limit=1000").text
            answers[name].append(("csv", 200, csv_download))
            answers[name] += [(page, client.get(page).status_code, None) for page in pages]
        app.state.store.close()
    for sqlite_answer, postgres_answer in zip(answers["sqlite"], answers["postgresql"]):
        assert postgres_answer == sqlite_answer
    statuses = [status for _, status, _ in answers["postgresql"]]
    assert statuses[len(urls) - 2:] == [400, 404, 200] + [200] * len(pages)


def test_one_store_shared_by_threads(pg_url, seed_result, hostile_result):
    """The web server shares one Store between threads: reads go on while another thread writes."""
    import threading

    errors: list[BaseException] = []
    with Store(pg_url) as store:
        store.save(seed_result, VERSION)

        def read() -> None:
            try:
                for _ in range(5):
                    rows, total = store.query_events(limit=5, q="Speicher")
                    assert total == len(seed_result.events) and len(rows) == 5
                    store.list_articles()
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        readers = [threading.Thread(target=read) for _ in range(4)]
        for thread in readers:
            thread.start()
        for n in range(5):
            store.save(replace(hostile_result, article=replace(hostile_result.article, id=f"h{n:015d}")), VERSION)
        for thread in readers:
            thread.join()
        assert errors == [] and store.summary()["articles"] == 6


# ------------------------------------------------------------------ the command line


def test_cli_ingest_show_and_list_on_postgresql(tmp_path, pg_url):
    sample = ROOT / "samples"
    sqlite_db = str(tmp_path / "ledger.db")
    outputs = {}
    for db in (sqlite_db, pg_url):
        runner = CliRunner()
        ingested = runner.invoke(main, ["ingest", str(sample), "--db", db, "--quiet"], catch_exceptions=False)
        assert ingested.exit_code == 0, ingested.output
        listed = runner.invoke(main, ["list", "--db", db], catch_exceptions=False)
        article = listed.output.split("\t")[0]
        shown = runner.invoke(main, ["show", article, "--db", db], catch_exceptions=False)
        searched = runner.invoke(main, ["list", "--db", db, "--search", "Speicher"], catch_exceptions=False)
        bad = runner.invoke(main, ["list", "--db", db, "--search", '"unclosed'])
        exported = runner.invoke(main, ["export", "--db", db, "--format", "jsonl"], catch_exceptions=False)
        outputs[db] = (listed.exit_code, listed.output, shown.exit_code, shown.output, searched.output,
                       bad.exit_code, bad.output, exported.exit_code,
                       [_without_times(json.loads(line)) for line in exported.output.splitlines()])
    assert outputs[pg_url] == outputs[sqlite_db]
    assert outputs[pg_url][1].count("\n") == len(list(sample.iterdir())) and outputs[pg_url][3].startswith("article ")
    assert outputs[pg_url][5:7] == (1, "Error: bad search '\"unclosed': unterminated string\n")


def test_cli_serve_on_postgresql(pg_url, hostile_result):
    with Store(pg_url) as store:
        store.save(hostile_result, VERSION)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsledger", "serve", "--db", pg_url, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        import httpx

        for _ in range(150):
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    pytest.fail(f"serve exited: {server.communicate()}")
                import time

                time.sleep(0.1)
        else:
            pytest.fail("serve did not answer within 15 s")
        assert [a["id"] for a in response.json()["items"]] == [hostile_result.article.id]
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    password = pg_url.split(":")[2].split("@")[0]
    assert password not in out and out.startswith("serving postgresql://postgres:***@127.0.0.1:")


def test_cli_reports_an_unreachable_server(postgres_server):
    url = postgres_server.rsplit(":", 1)[0] + f":{_free_port()}/newsledger"
    result = CliRunner().invoke(main, ["list", "--db", url])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot open PostgreSQL database postgresql://postgres:***@127.0.0.1:")
    assert result.output.endswith("failed: Connection refused Is the server running on that host and accepting "
                                  "TCP/IP connections?; check the URL (postgresql://USER:PASSWORD@HOST:PORT/DBNAME), "
                                  "that the server is running and that the database exists (createdb DBNAME)\n")
    with pytest.raises(DatabaseUnavailable):
        Store(url)


def test_keep_docs_needs_an_sqlite_database(pg_url):
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "samples"), "--db", pg_url, "--keep-docs"])
    assert result.exit_code == 2 and "--keep-docs keeps the Docs in an SQLite file" in result.output


# ------------------------------------------------------------------ the dialect layer (no server needed)


@pytest.mark.parametrize(("sqlite", "postgres"), [
    ("SELECT * FROM t WHERE a = ? AND b LIKE ? ESCAPE '\\'",
     "SELECT * FROM t WHERE a = %s AND b ILIKE %s ESCAPE '\\'"),
    ("SELECT '?', \"a?\", '50%' FROM t WHERE x NOT LIKE 'a%'",
     "SELECT '?', \"a?\", '50%%' FROM t WHERE x NOT ILIKE 'a%%'"),
    ("INSERT OR IGNORE INTO r (a, b) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM r WHERE b IS ?)",
     "INSERT INTO r (a, b) SELECT %s, %s WHERE NOT EXISTS (SELECT 1 FROM r WHERE b IS NOT DISTINCT FROM %s)"
     " ON CONFLICT DO NOTHING"),
    ("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
     "INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT ON CONSTRAINT meta_pkey DO UPDATE SET"
     " key = excluded.key, value = excluded.value"),
    ("SELECT CASE WHEN v GLOB '[0-9][0-9]-?*' THEN CAST(x AS REAL) END FROM t WHERE y IS NOT ?",
     "SELECT CASE WHEN v SIMILAR TO '[0-9][0-9]-_%%' THEN CAST(x AS DOUBLE PRECISION) END FROM t"
     " WHERE y IS DISTINCT FROM %s"),
    ("SELECT a FROM t ORDER BY a IS NULL, a DESC, (SELECT max(b) FROM u ORDER BY c) LIMIT ? OFFSET ?",
     "SELECT a FROM t ORDER BY a IS NULL NULLS FIRST, a DESC NULLS LAST, (SELECT max(b) FROM u ORDER BY c"
     " NULLS FIRST) NULLS FIRST LIMIT %s OFFSET %s"),
    ("SELECT x FROM (SELECT x FROM t ORDER BY y desc) AS s ORDER BY x NULLS LAST",
     "SELECT x FROM (SELECT x FROM t ORDER BY y desc NULLS LAST) AS s ORDER BY x NULLS LAST"),
])
def test_postgres_sql_rewriting(sqlite, postgres):
    assert store_module._postgres_sql(sqlite) == postgres


def test_postgres_migration_rewriting():
    assert store_module._postgres_migration(
        "CREATE TABLE r (id INTEGER PRIMARY KEY AUTOINCREMENT, t TEXT NOT NULL, x REAL, UNIQUE(t, x));"
        " ALTER TABLE r ADD COLUMN y TEXT;") == [
        'CREATE TABLE r (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, t TEXT COLLATE "C" NOT NULL,'
        " x DOUBLE PRECISION, UNIQUE(t, x), rowid BIGINT GENERATED ALWAYS AS IDENTITY)",
        'ALTER TABLE r ADD COLUMN y TEXT COLLATE "C"']
    assert not any("fts5" in s or "TRIGGER" in s for m in store_module.MIGRATIONS
                   for s in store_module._postgres_migration(m))


@pytest.mark.parametrize(("query", "tsquery"), [
    ("Speicher", "'Speicher'"),
    ("title:protest", "'protest':A"),
    ("text:road*", "'road':*B"),
    ("a b AND c", "'a' & 'b' & 'c'"),
    ("a OR b c", "('a' | 'b' & 'c')"),
    ("a NOT b", "'a' & !'b'"),
    ('"tear gas" OR title:(x OR y*)', "(('tear' <-> 'gas') | (('x':A | 'y':*A)))"),
    ('"it\'s ""quoted"""', "('it' <-> 's' <-> 'quoted')"),
    ("harbour+road*", "('harbour' <-> 'road':*)"),
    ('title:"harbour protest" NOT x', "('harbour':A <-> 'protest':A) & !'x'"),
])
def test_fts5_queries_become_tsqueries(query, tsquery):
    assert store_module._fts5_to_tsquery(query) == tsquery


@pytest.mark.parametrize(("query", "message"), [
    ("AND", 'fts5: syntax error near "AND"'), ('"unclosed', "unterminated string"),
    ("title:", 'fts5: syntax error near ""'), ("where:x", "no such column: where"),
    ("a OR", 'fts5: syntax error near ""'), ("a)", 'fts5: syntax error near ")"'),
    ("a ; b", 'fts5: syntax error near ";"'), ("a + OR", 'fts5: syntax error near "OR"'),
    ("NEAR(a b)", 'NEAR(...) queries are not supported on PostgreSQL; use a "phrase" or AND'),
])
def test_fts5_syntax_errors(query, message):
    with pytest.raises(SearchSyntaxError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        store_module._fts5_to_tsquery(query)
