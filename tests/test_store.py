"""Tests for newsledger.store: round trips, replacement, atomic writes, schema versions, queries.

Every test runs on both backends (the ``location`` parameter): an SQLite file and an empty database on a
real PostgreSQL 15 server started for the session on loopback (see ``postgres_server`` in conftest.py).
They assert the same whole outputs, so any difference between the two backends is a failure.  Without the
server binaries the PostgreSQL half skips, except under ``CI=true``, where it fails (``.ci/run`` installs them).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace

import pytest

import newsledger.store as store_module
from newsledger.errors import ArticleNotFound, SchemaTooNew
from newsledger.model import Article, ArticleResult, Rejection
from newsledger.store import SCHEMA_VERSION, Store, events_geojson

VERSION = "test-1"


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


@pytest.mark.parametrize("which", ["seed_result", "hostile_result"])
def test_save_load_round_trip(store, request, which):
    result = request.getfixturevalue(which)
    store.save(result, VERSION)
    assert store.load(result.article.id) == result


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


def test_an_sqlite_file_uses_wal_and_syncs_per_checkpoint(tmp_path):
    """A reader (the UI) never blocks the ingest, and an article costs no fsync of its own."""
    with Store(tmp_path / "ledger.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


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


_CONCURRENT_READS = """
import sys, threading
from newsledger.store import Store
store = Store(sys.argv[1])
finished = []
def read():
    for _ in range(25):  # filters that call back into Python (nl_fold) while SQLite holds the connection
        store.query_events(limit=None, place="Exampleton", actor="protesters", with_evidence=True)
        store.event_timeline(claimant="organisers")
        store.event_facets(top=5)
    finished.append(1)
threads = [threading.Thread(target=read) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(finished))
"""


def test_threads_sharing_an_sqlite_store_take_turns(tmp_path, seed_result, hostile_result):
    """The web server's threads share one Store: concurrent reads (a page's map and timeline requests) must not
    deadlock the process.  Run apart, since a deadlock here holds the GIL and would freeze the test run."""
    import subprocess
    import sys

    path = tmp_path / "ledger.db"
    with Store(path) as store:
        store.save(seed_result, "test-1")
        store.save(hostile_result, "test-1")
    try:
        done = subprocess.run([sys.executable, "-c", _CONCURRENT_READS, str(path)], capture_output=True, text=True,
                              timeout=90)
    except subprocess.TimeoutExpired:
        pytest.fail("eight threads reading one Store deadlocked")
    assert (done.returncode, done.stdout, done.stderr) == (0, "8\n", "")


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


def test_an_input_read_as_an_article_forgets_its_rejections(store):
    """QA: a file rejected as "empty file", then fixed and ingested, stayed in the quarantine for ever."""
    for rejection in (Rejection("a.txt", "empty file"), Rejection("feed.jsonl", "no articles in the file"),
                      Rejection("feed.jsonl", "invalid JSON", line=3), Rejection("feed.jsonl", "invalid JSON", line=4),
                      Rejection("reut.sgm", "truncated file", line=40), Rejection("b.txt", "empty file")):
        store.reject(rejection)
    for path in ("a.txt", "feed.jsonl:3", "reut.sgm#5"):
        store.forget_rejections(path)
    assert [(r["path"], r["line"], r["reason"]) for r in store.list_rejected()] == [
        ("feed.jsonl", 4, "invalid JSON"), ("reut.sgm", 40, "truncated file"), ("b.txt", None, "empty file")]


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
        "place_precision": None, "time_range_start": None, "time_range_end": None, "instrument_text": None,
        "injured": None, "injured_best": None,
        "article_title": hostile_result.article.title, "article_published": None}
    assert [(r["article_id"], r["id"]) for r in ledger.list_events(article_id=hostile_result.article.id, limit=2,
                                                                     offset=1)] == [
        (hostile_result.article.id, "V2"), (hostile_result.article.id, "V3")]


def test_summary(ledger, seed_result, hostile_result):
    ledger.reject(Rejection("x.txt", "empty file"))
    both = (seed_result, hostile_result)
    assert ledger.summary() == {
        "articles": 3, "events": sum(len(r.events) for r in both), "quotes": sum(len(r.quotes) for r in both),
        "counts": sum(len(r.counts) for r in both), "entities": sum(len(r.entities) for r in both), "rejected": 1}


# ------------------------------------------------------------------ searches and filters as people type them


@pytest.mark.parametrize(("typed", "fts5"), [
    ("al-Qadhi", '"al-Qadhi"'),
    ("al-Qadhi harbour", '"al-Qadhi" harbour'),
    ("al-Qad*", '"al-Qad"*'),
    ("title:al-Qadhi", 'title:"al-Qadhi"'),
    ("U.S. don't 10:30", '"U.S." "don\'t" "10:30"'),
    ("(x OR y-z) NOT w", '(x OR "y-z") NOT w'),
    ("Mosul, Iraq", "Mosul  Iraq"),
    # FTS5's own syntax is left as it is, errors included
    ('"al-Qadhi" OR title:harb* AND a + b', '"al-Qadhi" OR title:harb* AND a + b'),
    ("NEAR(car bomb, 5)", "NEAR(car bomb, 5)"),
    ("harbour AND", "harbour AND"),
    ('"unclosed', '"unclosed'),
    ("nosuchcolumn:x", "nosuchcolumn:x"),
    # QA: a pasted address was read as a column filter, "no such column: http"
    ("https://example.org/a-b harbour", '"https://example.org/a-b" harbour'),
    ("title:https://example.org", 'title:"https://example.org"'),
])
def test_fts_query_quotes_what_fts5_would_misread(typed, fts5):
    assert store_module.fts_query(typed) == fts5


def test_fold_drops_accents_and_case():
    assert [store_module.fold(t) for t in ("Tikrīt", "Al Başrah", "Şalāḩ ad Dīn", "MOSUL", None)] == [
        "tikrit", "al basrah", "salah ad din", "mosul", None]


@pytest.fixture
def gazetteer_ledger(store, hostile_result):
    """The hostile article with its town named by the gazetteer ("Al Başrah"; the article says "Basra"), V1's
    agent linked to Jane Example (its words: "Protesters") and a hyphenated name in the headline."""
    from newsledger.model import Place

    town = hostile_result.places[0]
    store.save(replace(
        hostile_result,
        article=replace(hostile_result.article, title="Mahmoud al-Qadhi visits the harbour"),
        places=[Place(town.id, "Al Başrah", town.start, town.end, town.entity, town.type, text="Basra",
                      lat=30.5, lon=47.8, country_code="IQ", country="Iraq", precision="exact")],
        events=[replace(hostile_result.events[0], place_text="Al Başrah", agent="E2"), *hostile_result.events[1:]]),
        VERSION)
    return store


def _ids(store, **filters):
    rows, total = store.query_events(limit=None, **filters)
    assert total == len(rows)
    return sorted(r["id"] for r in rows)


@pytest.mark.parametrize("query", ["al-Qadhi", "AL-qadhi", "al-Qad*", "title:al-Qadhi", '"al-Qadhi" harbour'])
def test_hyphenated_search_on_both_backends(gazetteer_ledger, hostile_result, query):
    assert [r["id"] for r in gazetteer_ledger.list_articles(query=query)] == [hostile_result.article.id]
    assert gazetteer_ledger.count_articles(query) == 1
    assert _ids(gazetteer_ledger, q=query) == ["V1", "V2", "V3"]


@pytest.mark.parametrize("place", ["Basra", "BASRA", "başrah", "Al Basrah", "Iraq", "iraq"])
def test_place_filter_ignores_accents_and_case_on_both_backends(gazetteer_ledger, place):
    assert _ids(gazetteer_ledger, place=place) == ["V1"]
    rows, total = gazetteer_ledger.list_places(q=place if place.lower() != "iraq" else "basra")
    assert ([r["name"] for r in rows], total) == (["Al Başrah"], 1)


def test_actor_and_claimant_filters_match_linked_entity_names(gazetteer_ledger, hostile_result):
    assert _ids(gazetteer_ledger, actor="jane") == ["V1", "V3"]
    assert _ids(gazetteer_ledger, actor="JANE EXAMPLE") == ["V1", "V3"]
    assert _ids(gazetteer_ledger, claimant="jane") == ["V3"]
    # Once a reviewer corrects V1's agent, its old entity link no longer speaks for it.
    gazetteer_ledger.add_review(hostile_result.article.id, "V1", "agent_text", "correct", "Dock workers", "ann")
    assert _ids(gazetteer_ledger, actor="jane") == ["V3"]
    assert _ids(gazetteer_ledger, actor="dock") == ["V1"]
    # and a corrected place is matched by its new words only
    gazetteer_ledger.add_review(hostile_result.article.id, "V1", "place_text", "correct", "Umm Qaşr", "ann")
    assert _ids(gazetteer_ledger, place="basra") == []
    assert _ids(gazetteer_ledger, place="umm qasr") == ["V1"]


def test_events_carry_the_figure_range_and_country_code(gazetteer_ledger, hostile_result):
    rows = {r["id"]: r for r in gazetteer_ledger.query_events(limit=None)[0]}
    assert {k: rows["V2"][k] for k in ("count_best", "count_min", "count_max", "count_what")} == {
        "count_best": 200.0, "count_min": None, "count_max": None, "count_what": "people"}
    assert (rows["V1"]["country"], rows["V1"]["country_code"]) == ("Iraq", "IQ")
    gazetteer_ledger.add_review(hostile_result.article.id, "V2", "count_best", "reject", None, "ann")
    v2 = next(r for r in gazetteer_ledger.query_events(limit=None)[0] if r["id"] == "V2")
    assert (v2["count_best"], v2["count_what"]) == (None, None)


# ------------------------------------------------------------------ hand corrections and unusable files


def test_correction_members_must_be_stored(store, hostile_result):
    from newsledger.store import BadCorrection

    store.save(hostile_result, VERSION)
    aid = hostile_result.article.id
    assert store.correction_member(aid[:6]) == aid
    assert store.correction_member(f"{aid}:V2") == f"{aid}:V2"
    assert store.correction_member(f" {aid}:E1 ") == f"{aid}:E1"
    for key, message in ((f"{aid}:V9", f"article {aid} has no event V9"),
                         (f"{aid}:E9", f"article {aid} has no entity E9"),
                         (f"{aid}:Q1", "after the article id comes an event id"),
                         ("ffff", "no stored article has id 'ffff'"), (":V1", "names no article")):
        with pytest.raises(BadCorrection, match=re.escape(message)):
            store.correction_member(key)
    with pytest.raises(BadCorrection, match="is an event but"):
        store.add_incident_correction("merge", f"{aid}:V1", aid)
    assert store.add_incident_correction("split", f"{aid}:V1", f"{aid[:8]}:V2") == (f"{aid}:V1", f"{aid}:V2")
    assert store.incident_corrections() == [("split", f"{aid}:V1", f"{aid}:V2")]


def test_an_unusable_sqlite_file_is_a_clear_error(tmp_path):
    from newsledger.store import DatabaseUnavailable

    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello\n" * 500)
    cases = [(tmp_path / "missing" / "x.db", "folder {} does not exist".format(tmp_path / "missing")),
             (tmp_path, "it is a folder"),
             (not_a_db, "the file is not an SQLite database")]
    for path, reason in cases:
        with pytest.raises(DatabaseUnavailable, match=f"^cannot open database {re.escape(str(path))}: "
                                                      f"{re.escape(reason)}"):
            Store(path)
    assert not_a_db.read_text() == "hello\n" * 500


def test_a_corrected_place_is_geocoded_in_its_article_and_a_rejected_one_leaves_the_map(store, seed_result):
    store.save(seed_result, VERSION)
    aid = seed_result.article.id
    found = next(e for e in seed_result.events if e.trigger == "found")  # the mass graves: no place of its own
    event = store.add_review(aid, found.id, "place_text", "correct", "Tikrit", "alice")
    assert (event["place_text"], event["precision"], event["country"], event["review_status"]) == (
        "Tikrit", "exact", "Iraq", "corrected")
    assert abs(event["lat"] - 34.6) < 0.1 and abs(event["lon"] - 43.68) < 0.1
    assert [d["field"] for d in event["decisions"]] == ["place_text"]  # the location is derived, not a decision
    assert found.id in [f["properties"]["id"] for f in events_geojson(store.query_events(limit=None)[0])["features"]]
    # a name the gazetteer does not know is kept as words, with no invented point
    event = store.add_review(aid, found.id, "place_text", "correct", "Qwxzy Farm", "alice")
    assert (event["place_text"], event["lat"], event["lon"], event["precision"]) == ("Qwxzy Farm", None, None, None)
    event = store.add_review(aid, found.id, "place_text", "reject", None, "bob")
    assert (event["place_text"], event["lat"], event["precision"]) == (None, None, None)


def test_codes_follow_a_corrected_agent(store, seed_result):
    store.save(seed_result, VERSION)
    aid = seed_result.article.id
    retaken = next(e for e in seed_result.events if e.trigger == "recapturing")
    event = store.add_review(aid, retaken.id, "agent_text", "correct", "ISIS fighters", "alice")
    assert event["acled_sub_type"] == "Non-state actor overtakes territory"
    event = store.add_review(aid, retaken.id, "agent_text", "correct", "Iraqi security forces", "alice")
    assert event["acled_sub_type"] == "Government regains territory"


# ------------------------------------------------------------------ whole-word filters, dates from an inferred publication


@pytest.fixture
def worded(store, hostile_result):
    """The hostile article with claimants and places whose letters hide other words: "Community" holds "un",
    "Miquelon" holds "iq"."""
    from newsledger.model import Place

    text = hostile_result.article.text
    town = hostile_result.places[0]
    road = text.index("harbour road")
    places = [Place("P1", "Tikrīt", town.start, town.end, town.entity, "GPE", text="Tikrit", lat=34.6, lon=43.7,
                    country_code="IQ", country="Iraq", precision="exact"),
              Place("P2", "Saint Pierre and Miquelon", road, road + 12, None, "LOC", text="harbour road",
                    lat=46.8, lon=-56.2, country_code="PM", country="Saint Pierre and Miquelon", precision="region")]
    v1, v2, v3 = hostile_result.events
    events = [replace(v1, agent_text="Iraqi army", claimed_by_text="the UN", place="P1", place_text="Tikrit"),
              replace(v2, agent_text="Mahmoud al-Qādhi", claimed_by_text="Community officials", place="P2",
                      place_text="Saint Pierre and Miquelon"),
              replace(v3, agent=None, agent_text="The Sunni jihadist group", claimed_by=None,
                      claimed_by_text="Philippine News Agency (PNA)")]
    store.save(replace(hostile_result, places=places, events=events), VERSION)
    return store


@pytest.mark.parametrize(("filters", "ids"), [
    ({"claimant": "UN"}, ["V1"]),
    ({"claimant": "un"}, ["V1"]),
    ({"claimant": "the UN"}, ["V1"]),
    ({"claimant": "PNA"}, ["V3"]),
    ({"claimant": "news agency"}, ["V3"]),
    ({"claimant": "agency news"}, []),
    ({"claimant": "Commun"}, []),
    ({"actor": "army"}, ["V1"]),
    ({"actor": "arm"}, []),
    ({"actor": "al-Qadhi"}, ["V2"]),
    ({"actor": "AL QĀDHI"}, ["V2"]),
    ({"actor": "jihadist"}, ["V3"]),
    ({"actor": "-"}, []),
    ({"place": "IQ"}, ["V1"]),
    ({"place": "iq"}, ["V1"]),
    ({"place": "Iraq"}, ["V1"]),
    ({"place": "tikrit"}, ["V1"]),
    ({"place": "Miquelon"}, ["V2"]),
    ({"place": "PM"}, ["V2"]),
    ({"place": "Saint Pierre and Miquelon"}, ["V2"]),
    ({"place": "harbour"}, ["V2"]),  # the article's words for the place
    ({"place": "Q"}, []),
    ({"place": "Miq"}, []),
])
def test_text_filters_match_whole_words_alike_on_both_databases(worded, filters, ids):
    rows, total = worded.query_events(limit=None, include_rejected=True, **filters)
    assert (sorted(r["id"] for r in rows), total) == (ids, len(ids))


def test_an_undated_event_takes_the_inferred_publication_date(store, seed_result, hostile_result):
    """The hostile article has no publication date but an inferred one (2021-03): V2 has no time of its own."""
    store.save(seed_result, VERSION)
    store.save(hostile_result, VERSION)
    aid = hostile_result.article.id
    rows, _ = store.query_events(limit=None, article_id=aid)
    assert [(r["id"], r["date"], r["date_source"], r["date_start"], r["date_end"], r["article_published"])
            for r in sorted(rows, key=lambda r: r["id"])] == [
        ("V1", "2021-03-01", "event time", "2021-03-01", "2021-03-01", None),
        ("V2", "2021-03", "inferred publication date", "2021-03-01", "2021-03-31", None),
        ("V3", None, None, None, None, None)]  # background: no fallback
    assert {r["date_source"] for r in store.query_events(limit=None, article_id=seed_result.article.id)[0]} \
        <= {"event time", "publication date", None}
    march, _ = store.query_events(limit=None, since="2021-03-01", until="2021-03-31")
    assert sorted(r["id"] for r in march) == ["V1", "V2"]
    assert {"period": "2021", "count": 2, "count_best_sum": 200} in store.event_timeline()
    assert {"value": "2021", "count": 2} in store.event_facets()["year"]
    # a correction of its time takes over
    event = store.add_review(aid, "V2", "time_value", "correct", "2020-12", "alice")
    assert (event["date"], event["date_source"]) == ("2020-12", "event time")
