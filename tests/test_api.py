"""Tests for the REST API (newsledger.web.api), in-process: filters, paging, downloads, writes with a token,
errors as JSON, and a schemathesis run over the OpenAPI document with no server errors."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from newsledger.model import to_json
from newsledger.review import hash_secret
from newsledger.store import Store
from newsledger.web.app import create_app

VERSION = "test-1"
TOKEN = "api-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MISSING = "0000000000000000"
SPEICHER = (34.64, 43.58)  # lat, lon near Tikrit


def make_ledger(path, seed_result, hostile_result, *, coordinates: bool = False) -> None:
    with Store(path) as store:
        store.save(seed_result, VERSION)
        store.save(hostile_result, VERSION)
        store.add_reviewer("bob", hash_secret(TOKEN))
        if coordinates:
            add_coordinates(store)


def add_coordinates(store: Store) -> None:
    """What the geocoding stage will do: coordinates on places (columns added here if the schema lacks them)."""
    have = {r[1] for r in store.conn.execute("PRAGMA table_info(places)")}
    with store.conn:
        for column, kind in (("lat", "REAL"), ("lon", "REAL"), ("country", "TEXT")):
            if column not in have:
                store.conn.execute(f"ALTER TABLE places ADD COLUMN {column} {kind}")
        store.conn.execute("UPDATE places SET lat = ?, lon = ?, country = 'IQ' WHERE name LIKE '%Speicher%'", SPEICHER)
        store.conn.execute("UPDATE places SET lat = 51.5, lon = -0.1, country = 'XX' WHERE name = 'Exampleton'")


@pytest.fixture(scope="module")
def client(tmp_path_factory, seed_result, hostile_result):
    """Read-only client over the seed and hostile articles, with coordinates for Camp Speicher and Exampleton."""
    path = tmp_path_factory.mktemp("api") / "ledger.db"
    make_ledger(path, seed_result, hostile_result, coordinates=True)
    app = create_app(path)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


@pytest.fixture
def writable(tmp_path, seed_result, hostile_result, nlp):
    path = tmp_path / "ledger.db"
    make_ledger(path, seed_result, hostile_result)
    app = create_app(path, nlp=nlp)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def as_json(data):
    return json.loads(json.dumps(data))


def all_events(seed_result, hostile_result):
    return [(r.article.id, e) for r in (seed_result, hostile_result) for e in r.events]


def keys(body):
    return [(e["article_id"], e["id"]) for e in body["items"]]


# ------------------------------------------------------------------ articles


def test_articles(client, seed_result, hostile_result):
    body = client.get("/api/articles").json()
    assert (body["limit"], body["offset"], body["total"]) == (50, 0, 2)
    assert [(a["id"], a["title"], a["url"], a["events"], a["quotes"]) for a in body["items"]] == [
        (seed_result.article.id, seed_result.article.title, None, len(seed_result.events), len(seed_result.quotes)),
        (hostile_result.article.id, hostile_result.article.title, "javascript:alert(1)", 3, 1)]
    found = client.get("/api/articles", params={"q": "harbour"}).json()
    assert ([a["id"] for a in found["items"]], found["total"]) == ([hostile_result.article.id], 1)
    assert [a["id"] for a in client.get("/api/articles", params={"limit": 1, "offset": 1}).json()["items"]] == [
        hostile_result.article.id]


@pytest.mark.parametrize("which", ["seed_result", "hostile_result"])
def test_article_is_the_json_contract(writable, request, which):
    result = request.getfixturevalue(which)
    for given in (result.article.id, result.article.id[:8]):
        response = writable.get(f"/api/articles/{given}")
        assert response.status_code == 200
        assert response.json() == as_json(to_json(result))


def test_submit_article_needs_a_token_and_processes_it(writable):
    text = "Police fired tear gas at 300 protesters in Exampleton on Monday, witnesses said.\nMore text follows."
    body = {"text": text, "title": "<b>Tear gas</b>", "published": "2021-03-02", "url": "https://example.org/a"}
    assert writable.post("/api/articles", json=body).status_code == 401
    response = writable.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 201
    created = response.json()
    assert created["created"] is True and created["article"]["title"] == "<b>Tear gas</b>"
    assert created["links"] == {"page": f"/articles/{created['article']['id']}",
                                "api": f"/api/articles/{created['article']['id']}"}
    stored = writable.get(f"/api/articles/{created['article']['id']}").json()
    assert stored["article"]["published"] == "2021-03-02" and stored["events"] == created["events"]
    again = writable.post("/api/articles", json=body, headers=AUTH)
    assert (again.status_code, again.json()["created"]) == (200, False)
    assert writable.get("/api/articles").json()["total"] == 3


_NO_TOKEN = ("this request writes, so it needs 'Authorization: Bearer TOKEN'; create a token with "
             "`newsledger reviewer add NAME`")


@pytest.mark.parametrize("url", ["/api/articles", "/articles", "/api/events/{aid}/V1/reviews",
                                 "/api/incidents/I1/merge", "/api/incidents/I1/split"])
@pytest.mark.parametrize("body", [b"not json", b'{"text": 5, "field": 7}', b"[" * 100_000])
def test_an_api_write_without_a_token_is_refused_before_its_body_is_read(writable, hostile_result, url, body):
    """QA: the token was checked after the body, so an anonymous client got 422 for a bad body (and had a body of
    any size read and parsed) where it should get 401."""
    response = writable.post(url.format(aid=hostile_result.article.id), content=body,
                             headers={"Content-Type": "application/json"})
    assert (response.status_code, response.json(), response.headers["www-authenticate"]) == (
        401, {"error": _NO_TOKEN}, "Bearer")
    bad_token = writable.post(url.format(aid=hostile_result.article.id), content=body,
                              headers={"Content-Type": "application/json", "Authorization": "Bearer nope"})
    assert (bad_token.status_code, bad_token.json()) == (
        401, {"error": "unknown or revoked token; create one with `newsledger reviewer add NAME`"})
    assert "default-src 'self'" in bad_token.headers["content-security-policy"]


def test_submit_article_as_html(writable):
    """`html` is accepted as in JSON Lines input: the page is cleaned, its text processed."""
    page = ("<html><head><title>Tear gas in Exampleton</title></head><body><article><h1>Tear gas in Exampleton</h1>"
            "<p>Police fired tear gas at 300 protesters in Exampleton on Monday, witnesses said.</p>"
            "<p>The protesters had gathered outside the town hall since the early morning.</p></article>"
            "</body></html>")
    response = writable.post("/api/articles", json={"html": page, "published": "2021-03-02"}, headers=AUTH)
    assert response.status_code == 201, response.text
    article = response.json()["article"]
    assert "Police fired tear gas" in article["text"] and "<p>" not in article["text"]


NO_TEXT = "record has no non-empty 'text' or 'html' field"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"text": "Some text.", "published": "not a date at all"},
         "cannot read 'not a date at all' as a date: it names no year (a publication date must not depend on the day "
         "it is read); use ISO form such as 2016-07-21"),
        ({"text": "Some text.", "published": "2016-02-30"}, "'2016-02-30' is not a calendar date"),
        ({"text": ""}, NO_TEXT),
        ({"text": "  \n\t "}, NO_TEXT),  # white space is as empty as nothing (it was a 400)
        ({"html": " "}, NO_TEXT),
        ({}, NO_TEXT),
        ({"title": "only a title"}, NO_TEXT),
        ({"text": "Some text.", "html": "<p>Some text.</p>"}, "give 'text' or 'html', not both"),
        ({"text": 5}, "text: Input should be a valid string"),
        ({"html": "<html><body><script>x()</script></body></html>"}, "no article text found after cleaning"),
    ],
)
def test_submit_article_errors(writable, body, error):
    response = writable.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["error"].startswith(error)


# ------------------------------------------------------------------ events: filters, sorting, paging


def test_events_default_order_is_newest_first_and_stable(client, seed_result, hostile_result):
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert body["total"] == len(seed_result.events) + len(hostile_result.events)
    assert sorted(keys(body)) == sorted((a, e.id) for a, e in all_events(seed_result, hostile_result))
    dated = [e["date_start"] for e in body["items"] if e["date"]]
    assert dated == sorted(dated, reverse=True)
    assert all(e["date"] is None for e in body["items"][len(dated):])  # undated last
    # pages put together give the same list
    pages = []
    for offset in range(0, body["total"], 4):
        pages += keys(client.get("/api/events", params={"limit": 4, "offset": offset}).json())
    assert pages == keys(body)


@pytest.mark.parametrize("event_type", ["PROTEST", "COERCE", "ASSAULT", "CONSULT"])
def test_events_by_type(client, seed_result, hostile_result, event_type):
    body = client.get("/api/events", params={"type": event_type, "limit": 1000}).json()
    expected = {(a, e.id) for a, e in all_events(seed_result, hostile_result) if e.type == event_type}
    assert set(keys(body)) == expected and body["total"] == len(expected)


def test_events_several_types_and_modality(client, seed_result, hostile_result):
    body = client.get("/api/events", params=[("type", "PROTEST"), ("type", "COERCE"), ("limit", 1000)]).json()
    assert set(keys(body)) == {(a, e.id) for a, e in all_events(seed_result, hostile_result)
                               if e.type in ("PROTEST", "COERCE")}
    body = client.get("/api/events", params={"type": "PROTEST", "modality": "claimed"}).json()
    assert [(e["article_id"], e["id"], e["claimed_by_text"], e["count_best"]) for e in body["items"]] == [
        (hostile_result.article.id, "V2", "<u>organisers</u>", 200.0)]


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"actor": "protesters"}, lambda e: "protesters" in f"{e.agent_text} {e.target_text}".lower()),
        ({"claimant": "jihadist"}, lambda e: "jihadist" in (e.claimed_by_text or "").lower()),
        ({"place": "speicher"}, lambda e: "speicher" in (e.place_text or "").lower()),
        ({"background": "true"}, lambda e: e.background),
        ({"background": "false"}, lambda e: not e.background),
        ({"actor": "100%_"}, lambda e: False),  # LIKE wildcards are literal
    ],
)
def test_event_text_filters(client, seed_result, hostile_result, params, keep):
    body = client.get("/api/events", params={**params, "limit": 1000}).json()
    assert set(keys(body)) == {(a, e.id) for a, e in all_events(seed_result, hostile_result) if keep(e)}


def test_event_time_filters(client, seed_result, hostile_result):
    in_2014 = client.get("/api/events", params={"since": "2014", "until": "2014", "limit": 1000}).json()
    assert in_2014["items"] and all(e["date"].startswith("2014") for e in in_2014["items"])
    march_2021 = client.get("/api/events", params={"since": "2021-03-01", "until": "2021-03-31"}).json()
    # V2 has no time of its own and its article no publication date: it takes the inferred one (2021-03)
    assert keys(march_2021) == [(hostile_result.article.id, "V2"), (hostile_result.article.id, "V1")]
    assert [(e["date"], e["date_source"]) for e in march_2021["items"]] == [
        ("2021-03", "inferred publication date"), ("2021-03-01", "event time")]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"since": "2021-03"}).text)))
    assert [(r["id"], r["date"], r["date_source"]) for r in rows] == [
        ("V2", "2021-03", "inferred publication date"), ("V1", "2021-03-01", "event time")]
    assert client.get("/api/events", params={"since": "2030"}).json()["total"] == 0


def test_event_full_text_filter(client, hostile_result):
    body = client.get("/api/events", params={"q": "harbour", "limit": 1000}).json()
    assert {a for a, _ in keys(body)} == {hostile_result.article.id}


def test_events_bbox_and_located(client, seed_result, hostile_result):
    everything = client.get("/api/events", params={"limit": 1000}).json()["items"]
    located = {(e["article_id"], e["id"]) for e in everything if e["lat"] is not None and e["lon"] is not None}
    assert {(seed_result.article.id, e.id) for e in seed_result.events if "Speicher" in (e.place_text or "")} \
        <= located
    assert keys(client.get("/api/events", params={"located": "true", "limit": 1000}).json()) == [
        (e["article_id"], e["id"]) for e in everything if (e["article_id"], e["id"]) in located]
    unlocated = client.get("/api/events", params={"located": "false", "limit": 1000}).json()
    assert set(keys(unlocated)) == {(e["article_id"], e["id"]) for e in everything} - located
    iraq = client.get("/api/events", params={"bbox": "38,29,49,38", "limit": 1000}).json()
    assert iraq["items"] and {a for a, _ in keys(iraq)} == {seed_result.article.id}
    assert all(29 <= e["lat"] <= 38 and 38 <= e["lon"] <= 49 for e in iraq["items"])
    speicher = [e for e in iraq["items"] if "Speicher" in (e["place_text"] or "")]
    assert speicher and all((e["lat"], e["lon"], e["country"]) == (*SPEICHER, "IQ") for e in speicher)
    across = client.get("/api/events", params={"bbox": "170,40,10,60"}).json()  # over the antimeridian
    assert {a for a, _ in keys(across)} == {hostile_result.article.id}


def test_event_detail(client, seed_result):
    event = next(e for e in seed_result.events if e.count_best == 1700)
    body = client.get(f"/api/events/{seed_result.article.id}/{event.id}").json()
    assert (body["trigger"], body["count_best"], body["review_status"], body["decisions"]) == (
        event.trigger, 1700.0, "unreviewed", [])
    text = seed_result.article.text
    assert body["evidence"] == [{"start": s.start, "end": s.end, "text": text[s.start:s.end]} for s in event.evidence]
    assert body["original"]["count_best"] == 1700.0
    assert body["incidents"] == []


# ------------------------------------------------------------------ downloads, facets, timeline


def test_downloads_follow_the_filters(client, seed_result):
    params = {"type": "ASSAULT"}
    listed = client.get("/api/events", params={**params, "limit": 1000}).json()
    response = client.get("/api/events.csv", params=params)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="events.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["article_id"], r["id"]) for r in rows] == keys(listed)
    assert all(r["type"] == "ASSAULT" and r["evidence"] for r in rows)
    as_json_download = client.get("/api/events.json", params=params).json()
    assert keys(as_json_download) == keys(listed) and as_json_download["total"] == listed["total"]
    geo = client.get("/api/events.geojson", params=params)
    assert geo.headers["content-type"] == "application/geo+json"
    features = geo.json()["features"]
    located = [e for e in listed["items"] if e["lat"] is not None]
    assert [f["id"] for f in features] == [f"{e['article_id']}:{e['id']}" for e in located]
    for feature in features:
        assert feature["geometry"] == {"type": "Point", "coordinates": [SPEICHER[1], SPEICHER[0]]}
        assert feature["properties"]["url"].startswith(f"/events/{seed_result.article.id}/")


def test_facets_and_timeline(client, seed_result, hostile_result):
    facets = client.get("/api/events/facets").json()
    types = {}
    for _, e in all_events(seed_result, hostile_result):
        types[e.type] = types.get(e.type, 0) + 1
    assert {f["value"]: f["count"] for f in facets["type"]} == types
    assert facets["review_status"] == [{"value": "unreviewed", "count": sum(types.values())}]
    timeline = client.get("/api/events/timeline").json()
    events = client.get("/api/events", params={"limit": 1000}).json()["items"]
    years = {}
    for e in events:
        if e["date"]:
            years[e["date"][:4]] = years.get(e["date"][:4], 0) + 1
    assert timeline == {"interval": "year", "buckets": [
        {"period": y, "count": n, "count_best_sum": timeline["buckets"][i]["count_best_sum"]}
        for i, (y, n) in enumerate(sorted(years.items()))]}
    assert "2014" in years and "2021" in years


# ------------------------------------------------------------------ other lists


def test_entities_quotes_places(client, seed_result, hostile_result):
    entities = client.get("/api/entities", params={"q": "jane"}).json()
    assert entities["items"] == [{"name": "Jane Example", "type": "PERSON", "articles": 1, "mentions": 1}]
    quotes = client.get("/api/quotes", params={"speaker": "jane"}).json()
    assert [(q["id"], q["speaker_name"], q["text"]) for q in quotes["items"]] == [
        ("Q1", "Jane Example", hostile_result.quotes[0].text)]
    assert client.get("/api/quotes").json()["total"] == len(seed_result.quotes) + 1
    places = client.get("/api/places", params={"q": "exampleton"}).json()["items"]
    assert places == [{"name": "Exampleton", "type": "GPE", "lat": 51.5, "lon": -0.1, "country": "XX",
                       "mentions": 1, "articles": 1, "events": 1, "precision": None}]


# ------------------------------------------------------------------ reviews through the API


def test_review_through_the_api(writable, seed_result):
    aid = seed_result.article.id
    event = next(e for e in seed_result.events if e.count_best == 1700)
    url = f"/api/events/{aid}/{event.id}/reviews"
    assert writable.post(url, json={"field": "count_best", "action": "correct", "value": "1566"}).status_code == 401
    bad_token = writable.post(url, json={"action": "confirm"}, headers={"Authorization": "Bearer nope"})
    assert (bad_token.status_code, bad_token.headers["www-authenticate"]) == (401, "Bearer")
    response = writable.post(url, json={"field": "count_best", "action": "correct", "value": "1,566",
                                        "note": "HRW count"}, headers=AUTH)
    assert response.status_code == 201
    body = response.json()
    assert (body["count_best"], body["original"]["count_best"], body["review_status"]) == (1566.0, 1700.0,
                                                                                            "corrected")
    assert [(d["field"], d["action"], d["value"], d["reviewer"]) for d in body["decisions"]] == [
        ("count_best", "correct", "1566", "bob")]
    log = writable.get("/api/reviews").json()["items"]
    assert [(r["reviewer"], r["field"], r["action"], r["old_value"], r["new_value"], r["note"]) for r in log] == [
        ("bob", "count_best", "correct", "1700.0", "1566", "HRW count")]
    # reviewed-only views and exports
    only = writable.get("/api/events", params={"reviewed": "only"}).json()
    assert keys(only) == [(aid, event.id)]
    rows = list(csv.DictReader(io.StringIO(writable.get("/api/events.csv", params={"reviewed": "only"}).text)))
    assert [(r["id"], r["count_best"], r["review_status"]) for r in rows] == [(event.id, "1566.0", "corrected")]
    unreviewed = writable.get("/api/events", params={"reviewed": "unreviewed", "limit": 1000}).json()
    assert (aid, event.id) not in keys(unreviewed)
    # rejecting the whole event hides it unless asked for
    writable.post(url, json={"action": "reject", "note": "duplicate"}, headers=AUTH)
    assert (aid, event.id) not in keys(writable.get("/api/events", params={"limit": 1000}).json())
    shown = writable.get("/api/events", params={"limit": 1000, "include_rejected": "true"}).json()
    assert next(e for e in shown["items"] if e["id"] == event.id and e["article_id"] == aid)["review_status"] == \
        "rejected"


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"field": "colour", "action": "correct", "value": "red"}, 422,
         "field: unknown field 'colour'; reviewable fields: type, mode, modality, background, agent_text, "
         "target_text, place_text, time_value, count_best, claimed_by_text"),
        ({"field": "colour", "action": "confirm"}, 422, "field: unknown field 'colour'; reviewable fields: type,"),
        ({"field": "count_best", "action": "correct", "value": "many"}, 400, "'many' is not a number"),
        ({"field": "count_best", "action": "correct"}, 400, "correcting count_best needs a value"),
        ({"field": None, "action": "correct", "value": "x"}, 400, "action 'correct' does not apply to a whole event"),
        ({"field": "modality", "action": "shrug"}, 422, "action: Input should be 'confirm', 'correct' or 'reject'"),
    ],
)
def test_bad_reviews(writable, seed_result, body, status, error):
    response = writable.post(f"/api/events/{seed_result.article.id}/V1/reviews", json=body, headers=AUTH)
    assert response.status_code == status
    assert response.json()["error"].startswith(error)


def test_unknown_review_field_is_a_422_like_a_bad_action(writable, seed_result):
    """Both name the body parameter that is wrong, say what was sent and what to send, and store nothing."""
    url = f"/api/events/{seed_result.article.id}/V1/reviews"
    before = writable.get("/api/reviews").json()["total"]
    field = writable.post(url, json={"field": "colour", "action": "reject"}, headers=AUTH)
    action = writable.post(url, json={"field": "modality", "action": "shrug"}, headers=AUTH)
    assert (field.status_code, action.status_code) == (422, 422)
    assert field.json() == {"error": "field: unknown field 'colour'; reviewable fields: type, mode, modality, "
                                     "background, agent_text, target_text, place_text, time_value, count_best, "
                                     "claimed_by_text"}
    assert action.json() == {"error": "action: Input should be 'confirm', 'correct' or 'reject' (got 'shrug')"}
    assert writable.get("/api/reviews").json()["total"] == before


def test_review_of_a_missing_event(writable):
    response = writable.post(f"/api/events/{MISSING}/V1/reviews", json={"action": "confirm"}, headers=AUTH)
    assert (response.status_code, response.json()) == (404, {
        "error": f"no stored event 'V1' in article '{MISSING}'; the events table (/api/events) lists them"})


# ------------------------------------------------------------------ incidents


def test_incidents(writable, seed_result, hostile_result):
    assert writable.get("/api/incidents").json() == {"items": [], "total": 0, "limit": 100, "offset": 0}
    store = writable.app.state.store
    with store.conn:
        store.conn.execute("INSERT INTO incidents (id, type, time_start, time_end, place_text, count_min, count_best,"
                           " count_max, reasons_json) VALUES ('I1', 'ASSAULT', '2014-06-12', '2014-06-12',"
                           " 'Camp Speicher', 1566, 1700, 1700, '[\"same place\"]')")
        store.conn.execute("INSERT INTO incident_members VALUES ('I1', ?, 'V2', 0.9, '[\"same trigger\"]')",
                           (seed_result.article.id,))
        store.conn.execute("INSERT INTO incident_members VALUES ('I1', ?, 'V2', 0.5, NULL)",
                           (hostile_result.article.id,))
    listed = writable.get("/api/incidents", params={"since": "2014"}).json()
    assert [(i["id"], i["events"], i["articles"], i["reasons"]) for i in listed["items"]] == [
        ("I1", 2, 2, ["same place"])]
    assert writable.get("/api/incidents", params={"since": "2015"}).json()["total"] == 0
    detail = writable.get("/api/incidents/I1").json()
    first = detail["members"][0]
    assert (first["article_id"], first["event_id"], first["reasons"]) == (seed_result.article.id, "V2",
                                                                         ["same trigger"])
    assert first["event"]["id"] == "V2" and first["event"]["evidence"]
    assert writable.get(f"/api/events/{seed_result.article.id}/V2").json()["incidents"] == ["I1"]
    # split and merge need a token, are logged and kept as corrections
    hostile_key = f"{hostile_result.article.id}:V2"
    assert writable.post("/api/incidents/I1/split", json={"members": [hostile_key]}).status_code == 401
    split = writable.post("/api/incidents/I1/split", json={"members": [hostile_key], "note": "not the same"},
                          headers=AUTH)
    assert split.status_code == 201 and split.json()["id"] == "I1.1"
    assert [m["article_id"] for m in split.json()["members"]] == [hostile_result.article.id]
    bad = writable.post("/api/incidents/I1/split", json={"members": ["nope:V9"]}, headers=AUTH)
    assert bad.status_code == 400 and bad.json()["error"].startswith("nope:V9 not in incident I1")
    merged = writable.post("/api/incidents/I1/merge", json={"other": "I1.1"}, headers=AUTH)
    assert merged.status_code == 200 and len(merged.json()["members"]) == 2
    assert "merged with incident I1.1 by reviewer bob" in merged.json()["reasons"]
    assert writable.get("/api/incidents/I1.1").status_code == 404
    corrections = store.conn.execute("SELECT action, a, b, reviewer FROM incident_corrections ORDER BY id").fetchall()
    assert [tuple(c) for c in corrections] == [("split", hostile_key, f"{seed_result.article.id}:V2", "bob"),
                                               ("merge", f"{seed_result.article.id}:V2", hostile_key, "bob")]
    audit = writable.get("/api/reviews", params={"incident_id": "I1"}).json()["items"]
    assert [r["action"] for r in audit] == ["merge", "split"]


# ------------------------------------------------------------------ errors and the OpenAPI document


SEARCH_HINT = '; search words as typed, or FTS5 syntax: "a phrase", OR, NOT, prefix*, title:word'


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        (f"/api/articles/{MISSING}", 404, f"no stored article has id '{MISSING}'; `newsledger list` shows the ids"),
        ("/api/articles/%25", 404, "no stored article has id '%'; `newsledger list` shows the ids"),
        ("/api/no-such-endpoint", 404, "Not Found"),
        ("/api/articles?q=AND", 422, "bad search query 'AND': fts5: syntax error near \"AND\"" + SEARCH_HINT),
        ("/api/events?q=%22open", 422, "bad search query '\"open': unterminated string" + SEARCH_HINT),
        ("/api/articles?q=*", 422, "bad search query '*': unknown special query: " + SEARCH_HINT),
        ("/api/events?since=yesterday", 422,
         "since/until: 'yesterday' is not a date: use 2014, 2014-06 or 2014-06-12"),
        ("/api/events?until=2014-13", 422, "since/until: '2014-13' is not a date: month 01-12, day 01-31"),
        ("/api/events?since=2016-02-30", 422, "since/until: '2016-02-30' is not a calendar date: 2016-02 has no "
                                              "day 30"),
        ("/api/events/timeline?until=2015-02-29", 422, "since/until: '2015-02-29' is not a calendar date: 2015-02 "
                                                       "has no day 29"),
        ("/api/incidents?since=2016-02-30", 422, "since/until: '2016-02-30' is not a calendar date: 2016-02 has "
                                                 "no day 30"),
        ("/api/events?bbox=1,2,3", 422, "bbox '1,2,3' is not four numbers: use west,south,east,north such as "
                                        "38,29,49,38"),
        ("/api/events?bbox=0,50,10,40", 422, "bbox '0,50,10,40' is out of range: longitudes -180..180, latitudes "
                                             "-90..90, south <= north"),
        ("/api/events?type=NOPE", 422, "type: Input should be 'ASSAULT', 'COERCE', 'PROTEST', 'ACCUSE', 'DEMAND', 'THREATEN', 'AGREE', 'CONSULT', 'SANCTION', 'MOBILIZE', 'AID', 'RETREAT', 'REJECT', 'SUPPORT', 'CONCEDE', 'COOPERATE' or 'INVESTIGATE' (got 'NOPE')"),
        ("/api/events.csv?type=PROTEST&type=protest", 422, "type: Input should be 'ASSAULT', 'COERCE', 'PROTEST', 'ACCUSE', 'DEMAND', 'THREATEN', 'AGREE', 'CONSULT', 'SANCTION', 'MOBILIZE', 'AID', 'RETREAT', 'REJECT', 'SUPPORT', 'CONCEDE', 'COOPERATE' or 'INVESTIGATE' (got 'protest')"),
        ("/api/events/facets?modality=bogus", 422,
         "modality: Input should be 'occurred', 'claimed', 'approved', 'planned', 'threatened', 'denied', "
         "'negated' or 'hypothetical' (got 'bogus')"),
        ("/api/incidents?type=NOPE", 422, "type: Input should be 'ASSAULT', 'COERCE', 'PROTEST', 'ACCUSE', 'DEMAND', 'THREATEN', 'AGREE', 'CONSULT', 'SANCTION', 'MOBILIZE', 'AID', 'RETREAT', 'REJECT', 'SUPPORT', 'CONCEDE', 'COOPERATE' or 'INVESTIGATE' (got 'NOPE')"),
        ("/api/quotes?kind=bogus", 422,
         "kind: Input should be 'direct', 'indirect', 'continuation', 'mixed' or 'unattributed' (got 'bogus')"),
        ("/api/entities?type=XX", 422,
         "type: Input should be 'PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC' or 'EVENT' (got 'XX')"),
        ("/api/events?limit=0", 422, "limit: Input should be greater than or equal to 1 (got '0')"),
        ("/api/events?sort=colour", 422, "sort: Input should be '-date', 'date', 'type', 'modality', '-count', "
                                         "'count', '-published', 'published' or 'place' (got 'colour')"),
        ("/api/incidents/nope", 404, "no stored incident has id 'nope'; /api/incidents lists them"),
    ],
)
def test_errors_are_json_with_a_message(client, path, status, error):
    response = client.get(path)
    assert (response.status_code, response.headers["content-type"]) == (status, "application/json")
    assert response.json() == {"error": error}


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=ten"])
def test_bad_paging(client, query):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert "limit" in response.json()["error"] or "offset" in response.json()["error"]


def test_openapi_document(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "newsledger"
    assert sorted(spec["paths"]) == [
        "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/events", "/api/events.csv",
        "/api/events.geojson", "/api/events.json", "/api/events/facets", "/api/events/timeline",
        "/api/events/{article_id}/{event_id}", "/api/events/{article_id}/{event_id}/reviews", "/api/incidents",
        "/api/incidents/{incident_id}", "/api/incidents/{incident_id}/merge", "/api/incidents/{incident_id}/split",
        "/api/places", "/api/quotes", "/api/reviews", "/articles"]
    filters = {"type", "modality", "article_id", "actor", "claimant", "place", "bbox", "since", "until", "q",
               "background", "reviewed", "include_rejected", "located"}
    assert {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]} == filters | {"limit", "offset",
                                                                                               "sort"}
    for path in ("/api/events.csv", "/api/events.geojson", "/api/events.json", "/api/events/facets"):
        assert filters <= {p["name"] for p in spec["paths"][path]["get"]["parameters"]}


def test_openapi_describes_the_errors_as_they_are_sent(client):
    """Every error is {"error": message}; each route lists the error statuses it can answer with."""
    spec = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in json.dumps(spec)
    assert spec["components"]["schemas"]["ErrorBody"] == {
        "title": "ErrorBody", "description": "Every error the API returns.", "type": "object",
        "required": ["error"], "properties": {"error": {"type": "string", "title": "Error", "description":
                                                         "what is wrong and, where it helps, what to send instead"}}}
    statuses = {(path, method): sorted(int(s) for s in op["responses"] if s.startswith("4"))
                for path, item in spec["paths"].items() for method, op in item.items()}
    assert statuses == {
        ("/api/articles", "get"): [422], ("/api/articles", "post"): [401, 422], ("/articles", "post"): [401, 422],
        ("/api/articles/{article_id}", "get"): [404],
        **{(path, "get"): [422] for path in ("/api/events", "/api/events.csv", "/api/events.json",
                                             "/api/events.geojson", "/api/events/facets", "/api/events/timeline",
                                             "/api/reviews", "/api/incidents", "/api/entities", "/api/quotes",
                                             "/api/places")},
        ("/api/events/{article_id}/{event_id}", "get"): [404],
        ("/api/events/{article_id}/{event_id}/reviews", "post"): [400, 401, 404, 422],
        ("/api/incidents/{incident_id}", "get"): [404],
        ("/api/incidents/{incident_id}/merge", "post"): [400, 401, 404, 422],
        ("/api/incidents/{incident_id}/split", "post"): [400, 401, 404, 422]}
    for item in spec["paths"].values():
        for op in item.values():
            for status, response in op["responses"].items():
                if status.startswith("4"):
                    assert response["content"] == {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    # the enums the API checks are in the document
    quotes = {p["name"]: p for p in spec["paths"]["/api/quotes"]["get"]["parameters"]}
    assert quotes["kind"]["schema"]["anyOf"][0]["enum"] == ["direct", "indirect", "continuation", "mixed",
                                                             "unattributed"]


@pytest.mark.parametrize(("status", "method", "url", "route", "kwargs"), [
    (422, "GET", "/api/events?since=2016-02-30", "/api/events", {}),
    (404, "GET", f"/api/articles/{MISSING}", "/api/articles/{article_id}", {}),
    (401, "POST", "/api/articles", "/api/articles", {"json": {"text": "x"}}),
    (422, "POST", "/api/events/{aid}/V1/reviews", "/api/events/{article_id}/{event_id}/reviews",
     {"json": {"field": "colour", "action": "confirm"}, "headers": AUTH}),
    (400, "POST", "/api/events/{aid}/V1/reviews", "/api/events/{article_id}/{event_id}/reviews",
     {"json": {"field": "count_best", "action": "correct", "value": "many"}, "headers": AUTH}),
])
def test_error_bodies_match_the_openapi_document(client, hostile_result, status, method, url, route, kwargs):
    import jsonschema

    spec = client.get("/openapi.json").json()
    response = client.request(method, url.format(aid=hostile_result.article.id), **kwargs)
    assert response.status_code == status
    assert str(status) in spec["paths"][route][method.lower()]["responses"]
    jsonschema.validate(response.json(), spec["components"]["schemas"]["ErrorBody"])


def test_csv_cells_are_cut_to_what_a_spreadsheet_holds(tmp_path, hostile_result):
    """An evidence sentence of 148,000 characters: Excel holds 32,767 in a cell, Python's csv reader 131,072."""
    from dataclasses import replace

    from newsledger.store import CSV_CELL_LIMIT

    long_line = "Protesters blocked the road " + "and the square " * 10_000
    text = hostile_result.article.text + "\n" + long_line
    start = len(hostile_result.article.text) + 1
    from newsledger.model import Span

    v1 = replace(hostile_result.events[0], evidence=[Span(start, len(text))])
    result = replace(hostile_result, article=replace(hostile_result.article, text=text),
                     events=[v1, *hostile_result.events[1:]])
    path = tmp_path / "long.db"
    with Store(path) as store:
        store.save(result, VERSION)
    app = create_app(path)
    with TestClient(app) as test_client:
        body = test_client.get("/api/events.csv").text
        listed = test_client.get("/api/events").json()["items"]
    app.state.store.close()
    rows = list(csv.DictReader(io.StringIO(body)))  # the default field limit (131,072) is not hit
    [row] = [r for r in rows if r["id"] == "V1"]
    assert len(row["evidence"]) == CSV_CELL_LIMIT == 32_767
    marker = re.search(r" \[…truncated: ([\d,]+) more characters\]$", row["evidence"])
    assert marker is not None
    kept = row["evidence"][:marker.start()]
    assert long_line.startswith(kept) and len(kept) + int(marker[1].replace(",", "")) == len(long_line)
    # the JSON is not cut
    assert len(next(e for e in listed if e["id"] == "V1")["evidence"][0]["text"]) == len(long_line)


def test_schemathesis_finds_no_server_errors(tmp_path, seed_result, hostile_result, nlp):
    """Generated requests for every operation in the OpenAPI document, reads and (authenticated) writes alike."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, Phase, given, settings

    path = tmp_path / "fuzz.db"
    make_ledger(path, seed_result, hostile_result, coordinates=True)
    app = create_app(path, nlp=nlp)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck),
                  phases=[Phase.explicit, Phase.generate], derandomize=True)
        @given(case=operation.as_strategy())
        def check(case):
            headers = dict(AUTH) if case.method.upper() == "POST" else {}
            response = case.call(headers=headers)
            kind = response.headers.get("content-type", [""])[0]
            if response.status_code >= 500 or not kind.startswith(("application/json", "application/geo+json",
                                                                    "text/csv")):
                failures.append((case.method, case.formatted_path, case.query, response.status_code,
                                 response.text[:200]))

        check()
    app.state.store.close()
    assert operations == 20  # 19 under /api plus the POST /articles alias
    assert failures == []


def test_post_articles_alias_needs_a_token(tmp_path):
    """`POST /articles` is the same operation as `POST /api/articles`: writes need a token, errors are JSON."""
    from fastapi.testclient import TestClient

    from newsledger.web.app import create_app

    client = TestClient(create_app(tmp_path / "empty.db"))
    response = client.post("/articles", json={"text": "Police arrested two men in Lagos on Friday."})
    assert response.status_code == 401
    assert "error" in response.json()


# ------------------------------------------------------------------ what people type: hyphens, accents, names


@pytest.fixture(scope="module")
def gazetteer_client(tmp_path_factory, hostile_result):
    """The hostile article as the gazetteer would name it: its town is "Al Başrah" (the article says "Basra"),
    V1's agent is linked to Jane Example while its words are "Protesters", and the headline has a hyphen."""
    from dataclasses import replace

    from newsledger.model import Place

    town = hostile_result.places[0]
    result = replace(
        hostile_result,
        article=replace(hostile_result.article, title="Mahmoud al-Qadhi visits the harbour"),
        places=[Place(town.id, "Al Başrah", town.start, town.end, town.entity, town.type, text="Basra",
                      lat=30.5, lon=47.8, country_code="IQ", country="Iraq", precision="exact")],
        events=[replace(hostile_result.events[0], place_text="Al Başrah", agent="E2"), *hostile_result.events[1:]])
    path = tmp_path_factory.mktemp("gazetteer") / "ledger.db"
    with Store(path) as store:
        store.save(result, VERSION)
    app = create_app(path)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


@pytest.mark.parametrize("q", ["al-Qadhi", "AL-QADHI", "al-Qad*", '"al-Qadhi"', "title:al-Qadhi", "al-Qadhi OR nope"])
def test_hyphenated_searches_work_in_the_api_and_the_page(gazetteer_client, hostile_result, q):
    events = gazetteer_client.get("/api/events", params={"q": q})
    assert events.status_code == 200, events.text
    assert events.json()["total"] == 3
    articles = gazetteer_client.get("/api/articles", params={"q": q}).json()
    assert [a["id"] for a in articles["items"]] == [hostile_result.article.id]
    page = gazetteer_client.get("/", params={"q": q})
    assert page.status_code == 200 and "bad search" not in page.text
    assert gazetteer_client.get("/api/events/facets", params={"q": q}).status_code == 200


@pytest.mark.parametrize("place", ["Basra", "basra", "BAŞRAH", "al basrah", "Al Başrah", "iraq"])
def test_place_filter_ignores_accents_and_case_and_reads_the_article_words(gazetteer_client, place):
    body = gazetteer_client.get("/api/events", params={"place": place}).json()
    assert [e["id"] for e in body["items"]] == ["V1"]
    assert body["items"][0]["place_text"] == "Al Başrah"


@pytest.mark.parametrize("q", ["Basra", "basrah", "BAŞ", "al başrah"])
def test_places_search_ignores_accents_and_case(gazetteer_client, q):
    items = gazetteer_client.get("/api/places", params={"q": q}).json()["items"]
    assert [(p["name"], p["mentions"]) for p in items] == [("Al Başrah", 1)]


def test_place_filter_finds_nothing_else(gazetteer_client):
    assert gazetteer_client.get("/api/events", params={"place": "Exampleton"}).json()["total"] == 0
    assert gazetteer_client.get("/api/places", params={"q": "Tikrit"}).json()["total"] == 0


def test_actor_filter_matches_the_linked_entity_name(gazetteer_client):
    """V1's words are "Protesters" but its agent is the entity Jane Example; V3's words name her."""
    for actor in ("Jane", "jane example", "JANE"):
        body = gazetteer_client.get("/api/events", params={"actor": actor}).json()
        assert sorted(e["id"] for e in body["items"]) == ["V1", "V3"], actor
    assert [e["id"] for e in gazetteer_client.get("/api/events", params={"actor": "protesters"}).json()["items"]] \
        == ["V1"]


def test_downloads_neutralise_spreadsheet_formulas(tmp_path, hostile_result):
    from dataclasses import replace

    events = [replace(hostile_result.events[0], agent_text="=cmd|' /C calc'!A0", target_text="-1+1",
                      claimed_by_text="@SUM(1)"), *hostile_result.events[1:]]
    path = tmp_path / "formula.db"
    with Store(path) as store:
        store.save(replace(hostile_result, events=events), VERSION)
        store.conn.execute("UPDATE places SET lat = -12.5, lon = -0.25")
        store.conn.commit()
    app = create_app(path)
    with TestClient(app) as test_client:
        rows = list(csv.DictReader(io.StringIO(test_client.get("/api/events.csv").text)))
        listed = test_client.get("/api/events").json()["items"]
    app.state.store.close()
    [v1] = [r for r in rows if r["id"] == "V1"]
    assert (v1["agent_text"], v1["target_text"], v1["claimed_by_text"]) == ("'=cmd|' /C calc'!A0", "'-1+1", "'@SUM(1)")
    assert (v1["lat"], v1["lon"]) == ("-12.5", "-0.25")  # numbers stay numbers
    # The JSON API is not a spreadsheet: its text is as extracted.
    assert next(e for e in listed if e["id"] == "V1")["agent_text"] == "=cmd|' /C calc'!A0"


@pytest.mark.parametrize(("column", "value", "cell"), [
    ("count_best", -5.0, -5.0),
    ("count_best", "-5", "-5"),  # a number as text is still a number
    ("lat", "-0.25", "-0.25"),
    ("count_best", "=1+1", "'=1+1"),  # a numeric column holding text is text: neutralised
    ("count_best", "-inf", "'-inf"),
    ("count_best", " -5", " -5"),  # text, but no formula either
    ("count_best", None, None),
    ("place_text", "-5", "'-5"),
    ("agent_text", "\nx", "\nx"),
])
def test_csv_cell_keeps_numbers_and_neutralises_formulas(column, value, cell):
    from newsledger.store import csv_cell

    assert csv_cell(column, value) == cell


@pytest.mark.parametrize(("body", "content_type", "error"), [
    ("not json", "application/json",
     "the request body is not valid JSON (Expecting value at character 0); send a JSON object with Content-Type: "
     "application/json"),
    ('{"text": ', "application/json",
     "the request body is not valid JSON (Expecting value at character 9); send a JSON object with Content-Type: "
     "application/json"),
    ("text=hello", "application/x-www-form-urlencoded",
     "the request body is not a JSON object; send one with Content-Type: application/json"),
    ("[1, 2]", "application/json", "the request body is not a JSON object; send one with Content-Type: "
                                   "application/json"),
    ("", "application/json", "the request body is empty; send a JSON object with Content-Type: application/json"),
])
@pytest.mark.parametrize("path", ["/api/articles", "/articles", "/api/events/{aid}/V1/reviews"])
def test_a_body_that_is_not_json_gets_a_clear_error(client, hostile_result, body, content_type, error, path):
    response = client.post(path.format(aid=hostile_result.article.id), content=body,
                           headers={**AUTH, "Content-Type": content_type})
    assert (response.status_code, response.json()) == (422, {"error": error})
