"""PostgreSQL-only store tests: the API answering the same on both backends, threads, the CLI, the dialect layer.

The backend-neutral store tests are in test_store.py and run on both backends; the server fixtures
(``postgres_server``, ``pg_url``) are in conftest.py.  The dialect rewriting is tested without a server.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import newsledger.store as store_module
from newsledger.cli import main
from newsledger.review import hash_secret
from newsledger.store import DatabaseUnavailable, SearchSyntaxError, Store
from newsledger.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
VERSION = "test-1"
TOKEN = "pg-token-0123456789abcdef"


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
        "/api/events?place=Exampleton", "/api/events?place=EXAMPLETON,", "/api/events?actor=jane%20example",
        "/api/events?actor=Jane-Example", "/api/events?claimant=UN", "/api/events?claimant=organisers%27",
        "/api/events?place=XX", "/api/events?place=speicher", "/api/events?since=2021-03&until=2021-03",
        "/api/events/timeline?since=2021", "/api/incidents?place=exampleton",
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
    assert statuses[len(urls) - 2:] == [422, 404, 200] + [200] * len(pages)


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


def test_cli_serve_on_postgresql(pg_url, hostile_result, free_port):
    with Store(pg_url) as store:
        store.save(hostile_result, VERSION)
    port = free_port
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


def test_cli_reports_an_unreachable_server(postgres_server, free_port):
    url = postgres_server.rsplit(":", 1)[0] + f":{free_port}/newsledger"
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
