"""Tests for newsledger.web: pages escape every untrusted string, the JSON API returns the contract.

The app runs in-process (FastAPI's TestClient) over a temporary database with
the processed seed article and the hand-built hostile article from conftest.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from newsledger.model import Article, ArticleResult, Count, Event, Quote, Span, TimeExpr, to_json
from newsledger.store import Store
from newsledger.web.app import create_app, highlight, safe_url

VERSION = "test-1"
MISSING = "0000000000000000"


@pytest.fixture(scope="module")
def client(tmp_path_factory, seed_result, hostile_result):
    path = tmp_path_factory.mktemp("web") / "ledger.db"
    with Store(path) as store:
        store.save(seed_result, VERSION)
        store.save(hostile_result, VERSION)
    app = create_app(path)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def as_json(data):
    return json.loads(json.dumps(data))


def assert_no_live_markup(page: str) -> None:
    """Nothing from an article may become a tag, an event handler or a javascript: link."""
    lowered = page.lower()
    assert "<script" not in lowered  # the templates have no scripts of their own either
    assert "<img" not in lowered
    assert "<b>" not in lowered and "<u>" not in lowered and "<em>" not in lowered and "<i>" not in lowered
    assert 'href="javascript:' not in lowered
    assert '<a href="javascript:alert(4)">' not in page


# ------------------------------------------------------------------ HTML pages


def test_index_page_escapes_everything(client, seed_result, hostile_result):
    response = client.get("/")
    assert (response.status_code, response.headers["content-type"]) == (200, "text/html; charset=utf-8")
    page = response.text
    assert_no_live_markup(page)
    # the hostile title and event fields are there, as text
    assert str(escape(hostile_result.article.title[:60])) in page
    assert "the &lt;script&gt;alert(1)&lt;/script&gt; harbour road" in page
    assert "&lt;u&gt;organisers&lt;/u&gt;" in page
    # every stored event is listed, with a link to its trigger in its article
    for result in (seed_result, hostile_result):
        for event in result.events:
            assert f'href="/articles/{result.article.id}#trigger-{event.id}"' in page
    summary = (f"2 articles · {len(seed_result.events) + 3} events · {len(seed_result.quotes) + 1} quotes ·\n"
               f"0 rejected inputs")
    assert summary in page


def test_index_search(client, seed_result, hostile_result):
    page = client.get("/", params={"q": "harbour"}).text
    assert f'href="/articles/{hostile_result.article.id}"' in page
    articles = page[page.index('<table id="articles">'):]
    assert f'href="/articles/{seed_result.article.id}"' not in articles


@pytest.mark.parametrize("q", ['"><script>alert(5)</script>', "AND"])
def test_index_search_with_hostile_or_bad_query(client, q):
    response = client.get("/", params={"q": q})
    assert response.status_code == 200
    assert_no_live_markup(response.text)
    assert f'value="{escape(q)}"' in response.text


def test_hostile_article_page(client, hostile_result):
    response = client.get(f"/articles/{hostile_result.article.id}")
    assert response.status_code == 200
    page = response.text
    assert_no_live_markup(page)
    assert "<title>&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Exampleton harbour protest · newsledger</title>" \
        in page
    assert "· source: javascript:alert(1)\n</p>" in page  # shown as text, not linked
    assert "“&lt;b&gt;Monday&lt;/b&gt;” — &lt;em&gt;weekday&lt;/em&gt;" in page
    assert ('<li><span class="removed">&lt;a href=&#34;javascript:alert(4)&#34;&gt;Share this&lt;/a&gt;</span> '
            '<span class="muted">(share button)</span></li>') in page
    assert f'<div class="article-text" id="text">{highlight(hostile_result)}</div>' in page
    assert ('<td>Jane Example</td><td>direct</td><td><a href="#quote-Q1">&lt;b&gt;We will not move&lt;/b&gt; '
            '&lt;img src=x onerror=alert(2)&gt;,</a></td>') in page


def test_seed_article_page_shows_events_and_evidence(client, seed_result):
    page = client.get(f"/articles/{seed_result.article.id}").text
    assert_no_live_markup(page)
    assert f'<div class="article-text" id="text">{highlight(seed_result)}</div>' in page
    text = seed_result.article.text
    for event in seed_result.events:
        assert f'<tr id="event-{event.id}">' in page
        for span in event.evidence:
            assert f"<div>“{escape(text[span.start:span.end])}”</div>" in page


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.org/story", "https://example.org/story"),
        ("HTTP://example.org/story", "HTTP://example.org/story"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/story", None),
        (None, None),
        ("", None),
    ],
)
def test_safe_url(url, shown):
    assert safe_url(url) == shown


def test_html_404_page(client):
    response = client.get("/articles/<img src=x onerror=alert(1)>")
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text == ("<h1>404</h1><p>no stored article has id &#39;&lt;img src=x onerror=alert(1)&gt;&#39;"
                             "; `newsledger list` shows the ids</p>")
    assert client.get("/no/such/page").text == "<h1>404</h1><p>Not Found</p>"


# ------------------------------------------------------------------ highlight


def test_highlight_marks_and_escapes():
    text = 'Police <b>fired</b> at "2 <i>men</i>" on Monday.\nEnd & done'
    fired = text.index("fired")
    quote = text.index("2 <i>")
    monday = text.index("Monday")
    result = ArticleResult(
        Article("0" * 16, text, text),
        times=[TimeExpr("T1", "Monday", monday, monday + 6, "DATE", "2021-03-01")],
        quotes=[Quote("Q1", '2 <i>men</i>', quote, quote + 12, None, None, "direct")],
        counts=[Count("C1", "2", quote, quote + 1, 2, 2, 2, "men")],  # inside the quote: not marked twice
        events=[Event("V1", "ASSAULT", "firearms", "fired", fired, fired + 5, "occurred", False,
                      evidence=[Span(0, 46)])],
    )
    assert str(highlight(result)) == (
        'Police &lt;b&gt;<mark class="trigger" id="trigger-V1" data-ref="V1">fired</mark>&lt;/b&gt; at &#34;'
        '<mark class="quote" id="quote-Q1" data-ref="Q1">2 &lt;i&gt;men&lt;/i&gt;</mark>&#34; on '
        '<mark class="time" id="time-T1" data-ref="T1">Monday</mark>.<br>\nEnd &amp; done')


# ------------------------------------------------------------------ JSON API


def test_api_articles(client, seed_result, hostile_result):
    response = client.get("/api/articles")
    assert response.status_code == 200
    body = response.json()
    assert (body["limit"], body["offset"]) == (50, 0)
    assert [(a["id"], a["title"], a["url"], a["events"], a["quotes"]) for a in body["items"]] == [
        (seed_result.article.id, seed_result.article.title, None, len(seed_result.events), len(seed_result.quotes)),
        (hostile_result.article.id, hostile_result.article.title, "javascript:alert(1)", 3, 1)]
    assert [a["id"] for a in client.get("/api/articles", params={"q": "harbour"}).json()["items"]] == [
        hostile_result.article.id]
    assert [a["id"] for a in client.get("/api/articles", params={"limit": 1, "offset": 1}).json()["items"]] == [
        hostile_result.article.id]


@pytest.mark.parametrize("which", ["seed_result", "hostile_result"])
def test_api_article_is_the_json_contract(client, request, which):
    result = request.getfixturevalue(which)
    for given in (result.article.id, result.article.id[:8]):
        response = client.get(f"/api/articles/{given}")
        assert response.status_code == 200
        assert response.json() == as_json(to_json(result))


@pytest.mark.parametrize("event_type", ["PROTEST", "COERCE", "ASSAULT", "NO-SUCH-TYPE"])
def test_api_events_by_type(client, seed_result, hostile_result, event_type):
    body = client.get("/api/events", params={"type": event_type}).json()
    expected = [(r.article.id, e.id) for r in (seed_result, hostile_result) for e in r.events if e.type == event_type]
    assert [(e["article_id"], e["id"]) for e in body["items"]] == expected
    assert all(e["type"] == event_type for e in body["items"])


def test_api_events_by_type_and_modality(client, hostile_result):
    body = client.get("/api/events", params={"type": "PROTEST", "modality": "claimed"}).json()
    assert [(e["article_id"], e["id"], e["claimed_by_text"], e["count_best"]) for e in body["items"]] == [
        (hostile_result.article.id, "V2", "<u>organisers</u>", 200.0)]


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        (f"/api/articles/{MISSING}", 404, f"no stored article has id '{MISSING}'; `newsledger list` shows the ids"),
        ("/api/articles/%25", 404, "no stored article has id '%'; `newsledger list` shows the ids"),
        ("/api/no-such-endpoint", 404, "Not Found"),
        ("/api/articles?q=AND", 400, "bad search query 'AND': fts5: syntax error near \"AND\""),
    ],
)
def test_api_errors_are_json_with_a_message(client, path, status, error):
    response = client.get(path)
    assert (response.status_code, response.headers["content-type"]) == (status, "application/json")
    assert response.json() == {"error": error}


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=ten"])
def test_api_rejects_bad_paging(client, query):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"


def test_openapi(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["info"]["title"] == "newsledger"
    assert sorted(spec["paths"]) == ["/", "/api/articles", "/api/articles/{article_id}", "/api/events",
                                     "/articles/{article_id}"]
    assert {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]} == {"limit", "offset", "type",
                                                                                     "modality"}
