"""Tests for newsledger.store: round trips, replacement, atomic writes, schema versions, queries."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

import newsledger.store as store_module
from newsledger.errors import ArticleNotFound, SchemaTooNew
from newsledger.model import Article, ArticleResult, Rejection
from newsledger.store import SCHEMA_VERSION, Store

VERSION = "test-1"


def tiny(article_id: str, text: str, title: str | None = None, published: str | None = None) -> ArticleResult:
    """A result with an article and nothing found in it."""
    return ArticleResult(Article(article_id, text, text, title=title, published=published, path=f"{article_id}.txt"))


def table_counts(store: Store) -> dict[str, int]:
    tables = ["articles", "removed", "entities", "mentions", "times", "places", "quotes", "counts", "events",
              "event_arguments", "evidence", "rejected"]
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


# ------------------------------------------------------------------ round trip and replacement


@pytest.mark.parametrize("which", ["seed_result", "hostile_result"])
def test_save_load_round_trip(fresh_store, request, which):
    result = request.getfixturevalue(which)
    fresh_store.save(result, VERSION)
    assert fresh_store.load(result.article.id) == result


def test_round_trip_through_a_file(tmp_path, seed_result, hostile_result):
    path = tmp_path / "ledger.db"
    with Store(path) as store:
        store.save(seed_result, VERSION)
        store.save(hostile_result, VERSION)
    with Store(path) as store:
        assert [store.load(i) for i in store.article_ids()] == [hostile_result, seed_result]  # NULL date first


def test_resave_replaces_instead_of_duplicating(fresh_store, seed_result, hostile_result):
    fresh_store.save(seed_result, VERSION)
    fresh_store.save(hostile_result, VERSION)
    before = table_counts(fresh_store)
    fresh_store.save(seed_result, VERSION)
    fresh_store.save(seed_result, "test-2")
    assert table_counts(fresh_store) == before
    assert fresh_store.load(seed_result.article.id) == seed_result
    assert (fresh_store.has_article(seed_result.article.id), fresh_store.has_article(seed_result.article.id, "test-2"),
            fresh_store.has_article(seed_result.article.id, VERSION)) == (True, True, False)


def test_resave_with_less_found_drops_old_rows(fresh_store, hostile_result):
    fresh_store.save(hostile_result, VERSION)
    smaller = replace(hostile_result, events=hostile_result.events[:1], quotes=[], counts=[],
                      article=replace(hostile_result.article, title="Ferry timetable", removed=[]))
    fresh_store.save(smaller, VERSION)
    assert fresh_store.load(hostile_result.article.id) == smaller
    assert table_counts(fresh_store) == {
        "articles": 1, "removed": 0, "entities": 2, "mentions": 2, "times": 1, "places": 1, "quotes": 0,
        "counts": 0, "events": 1, "event_arguments": 4, "evidence": 1, "rejected": 0}
    # the full-text index follows the new title, not the old one
    assert [r["id"] for r in fresh_store.list_articles(query="ferry")] == [hostile_result.article.id]
    assert fresh_store.list_articles(query="protest") == []


def test_event_arguments_rows(fresh_store, hostile_result):
    fresh_store.save(hostile_result, VERSION)
    rows = fresh_store.conn.execute(
        "SELECT event_id, role, ref, text FROM event_arguments ORDER BY rowid").fetchall()
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


# ------------------------------------------------------------------ atomic writes


class Boom(RuntimeError):
    pass


def explode_on_third_row(monkeypatch):
    """Make the row converter fail part-way through a save (after the article row is written)."""
    real = store_module._sql_value
    calls = {"n": 0}

    def flaky(value):
        calls["n"] += 1
        if calls["n"] == 3:
            raise Boom("disk on fire")
        return real(value)

    monkeypatch.setattr(store_module, "_sql_value", flaky)


def test_failed_save_leaves_no_half_article(fresh_store, seed_result, hostile_result, monkeypatch):
    fresh_store.save(seed_result, VERSION)
    before = table_counts(fresh_store)
    explode_on_third_row(monkeypatch)
    with pytest.raises(Boom):
        fresh_store.save(hostile_result, VERSION)
    monkeypatch.undo()
    assert table_counts(fresh_store) == before
    assert [r["id"] for r in fresh_store.list_articles()] == [seed_result.article.id]
    assert fresh_store.list_articles(query="harbour") == []  # nothing left in the full-text index either
    with pytest.raises(ArticleNotFound):
        fresh_store.load(hostile_result.article.id)


def test_failed_resave_keeps_the_old_version(tmp_path, hostile_result, monkeypatch):
    path = tmp_path / "ledger.db"
    with Store(path) as store:
        store.save(hostile_result, VERSION)
        before = table_counts(store)
        explode_on_third_row(monkeypatch)
        with pytest.raises(Boom):
            store.save(replace(hostile_result, events=[]), "test-2")
    monkeypatch.undo()
    with Store(path) as store:  # a fresh connection sees only committed data
        assert table_counts(store) == before
        assert store.load(hostile_result.article.id) == hostile_result
        assert store.has_article(hostile_result.article.id, VERSION)


# ------------------------------------------------------------------ rejected inputs


def test_rejections_are_recorded_once(fresh_store):
    rejections = [Rejection("a.txt", "empty file"), Rejection("b.jsonl", "invalid JSON: Expecting value", line=3),
                  Rejection("b.jsonl", "invalid JSON: Expecting value", line=4), Rejection("a.txt", "other reason")]
    for _ in range(3):
        for rejection in rejections:
            fresh_store.reject(rejection)
    assert [(r["path"], r["line"], r["reason"]) for r in fresh_store.list_rejected()] == [
        ("a.txt", None, "empty file"), ("b.jsonl", 3, "invalid JSON: Expecting value"),
        ("b.jsonl", 4, "invalid JSON: Expecting value"), ("a.txt", None, "other reason")]
    assert fresh_store.summary()["rejected"] == 4


# ------------------------------------------------------------------ schema versions


def test_new_database_records_schema_version(tmp_path):
    path = tmp_path / "ledger.db"
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == len(store_module.MIGRATIONS)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT key, value FROM meta").fetchall() == [("schema_version", str(SCHEMA_VERSION))]
    with Store(path) as store:  # reopening does not migrate again
        assert store.schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "ledger.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(SchemaTooNew) as info:
        Store(path)
    assert str(info.value) == (f"{path} has schema version {SCHEMA_VERSION + 1}; this newsledger knows up to "
                               f"{SCHEMA_VERSION}. Upgrade newsledger or use another --db file.")


# ------------------------------------------------------------------ loading by id


@pytest.fixture
def two_similar_ids(fresh_store):
    fresh_store.save(tiny("aaaa000000000001", "Harbour reopens on Friday.", "Harbour"), VERSION)
    fresh_store.save(tiny("aaaa000000000002", "Ferry timetable changes.", "Ferry"), VERSION)
    fresh_store.save(tiny("b0b0000000000003", "Bridge closed for repairs.", "Bridge"), VERSION)
    return fresh_store


@pytest.mark.parametrize(("given", "found"), [
    ("aaaa000000000002", "aaaa000000000002"), ("aaaa000000000001", "aaaa000000000001"), ("b0b", "b0b0000000000003"),
    ("aaaa0000000000020", None), ("aaaa", "several"), ("%", None), ("_", None), ("", None), ("AAAA000000000001", None),
])
def test_load_by_id_or_unique_prefix(two_similar_ids, given, found):
    if found is None:
        with pytest.raises(ArticleNotFound, match="no stored article has id"):
            two_similar_ids.load(given)
    elif found == "several":
        with pytest.raises(ArticleNotFound, match="matches several articles"):
            two_similar_ids.load(given)
    else:
        assert two_similar_ids.load(given).article.id == found


# ------------------------------------------------------------------ listing and search


@pytest.fixture
def ledger(fresh_store, seed_result, hostile_result):
    fresh_store.save(seed_result, VERSION)
    fresh_store.save(hostile_result, VERSION)
    fresh_store.save(tiny("c0c0000000000003", "Exampleton ferry timetable approved.", "Ferry vote", "2021-03-02"),
                     VERSION)
    return fresh_store


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
    ("Exampleton OR Speicher", ["ferry", "seed", "hostile"]),
    ("Exampleton NOT ferry", ["hostile"]),
    ('"tear gas"', []),
    ("timetab*", ["ferry"]),
    ("zebra", []),
])
def test_full_text_search(ledger, seed_result, hostile_result, query, expected):
    names = {seed_result.article.id: "seed", hostile_result.article.id: "hostile", "c0c0000000000003": "ferry"}
    assert [names[r["id"]] for r in ledger.list_articles(query=query)] == expected


@pytest.mark.parametrize("query", ["AND", '"unclosed', "title:"])
def test_full_text_search_syntax_error(ledger, query):
    with pytest.raises(sqlite3.OperationalError):
        ledger.list_articles(query=query)


def _event_keys(rows):
    return [(r["article_id"], r["id"]) for r in rows]


@pytest.mark.parametrize(("filters", "pick"), [
    ({}, lambda a, e: True),
    ({"type": "PROTEST"}, lambda a, e: e.type == "PROTEST"),
    ({"type": "COERCE"}, lambda a, e: e.type == "COERCE"),
    ({"modality": "claimed"}, lambda a, e: e.modality == "claimed"),
    ({"type": "PROTEST", "modality": "occurred"}, lambda a, e: e.type == "PROTEST" and e.modality == "occurred"),
    ({"type": "NO-SUCH-TYPE"}, lambda a, e: False),
    ({"article_id": "HOSTILE"}, lambda a, e: a == "HOSTILE"),
])
def test_list_events_filters(ledger, seed_result, hostile_result, filters, pick):
    hostile_id = hostile_result.article.id
    filters = {k: (hostile_id if v == "HOSTILE" else v) for k, v in filters.items()}
    # seed first (it has a date), then the undated hostile article; events in stored order
    expected = [(r.article.id, e.id) for r in (seed_result, hostile_result) for e in r.events
                if pick("HOSTILE" if r is hostile_result else "SEED", e)]
    assert _event_keys(ledger.list_events(**filters)) == expected


def test_list_events_row_and_paging(ledger, hostile_result):
    rows = ledger.list_events(article_id=hostile_result.article.id)
    assert rows[1] == {
        "article_id": hostile_result.article.id, "id": "V2", "type": "PROTEST", "mode": "demonstrate",
        "trigger": "marched", "trigger_start": 179, "trigger_end": 186, "modality": "claimed", "background": 0,
        "agent": None, "agent_text": "About 200 people", "target": None, "target_text": None, "place": None,
        "place_text": None, "time": None, "time_value": None, "count": "C1", "count_best": 200.0, "claimed_by": None,
        "claimed_by_text": "<u>organisers</u>", "cameo": None, "acled_event_type": None, "acled_sub_type": None,
        "place_precision": None,
        "article_title": hostile_result.article.title,
        "article_published": None}
    assert _event_keys(ledger.list_events(article_id=hostile_result.article.id, limit=2, offset=1)) == [
        (hostile_result.article.id, "V2"), (hostile_result.article.id, "V3")]


def test_summary(ledger, seed_result, hostile_result):
    ledger.reject(Rejection("x.txt", "empty file"))
    both = (seed_result, hostile_result)
    assert ledger.summary() == {
        "articles": 3, "events": sum(len(r.events) for r in both), "quotes": sum(len(r.quotes) for r in both),
        "counts": sum(len(r.counts) for r in both), "entities": sum(len(r.entities) for r in both), "rejected": 1}
