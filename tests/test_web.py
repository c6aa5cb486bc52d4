"""Tests for newsledger.web pages: everything untrusted is escaped, highlights nest and link to rows, the
review forms need a login and a CSRF token, and decisions show up where a reader looks.

The app runs in-process (FastAPI's TestClient) over a temporary database with
the processed seed article and the hand-built hostile article from conftest.
The JSON API has its own file, test_api.py.
"""

from __future__ import annotations

import base64
import json
import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from newsledger.model import Article, ArticleResult, Count, Event, Quote, Rejection, Removal, Span, TimeExpr
from newsledger.review import hash_secret
from newsledger.store import Store
from newsledger.web.app import CSP, create_app, highlight, safe_url
from newsledger.web.render import removal_positions

VERSION = "test-1"
TOKEN = "alice-token-0123456789abcdef"
OUR_SCRIPT = '<script src="/static/app.js" defer></script>'


def make_ledger(path, *results) -> None:
    with Store(path) as store:
        for result in results:
            store.save(result, VERSION)
        store.add_reviewer("alice", hash_secret(TOKEN))


@pytest.fixture(scope="module")
def client(tmp_path_factory, seed_result, hostile_result):
    """A read-only client: tests using it must not write."""
    path = tmp_path_factory.mktemp("web") / "ledger.db"
    make_ledger(path, seed_result, hostile_result)
    app = create_app(path)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


@pytest.fixture
def writable(tmp_path, seed_result, hostile_result):
    """A client over its own database, for tests that log in and change things."""
    path = tmp_path / "ledger.db"
    make_ledger(path, seed_result, hostile_result)
    app = create_app(path)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def log_in(client: TestClient, name: str = "alice", token: str = TOKEN):
    csrf = csrf_of(client.get("/login").text)
    return client.post("/login", data={"csrf": csrf, "name": name, "token": token, "next": "/"},
                       follow_redirects=False)


def massacre(seed_result):
    """The Camp Speicher massacre event of the seed article and its 1,700 figure, which has a claimant."""
    counts = {c.id: c for c in seed_result.counts}
    event = next(e for e in seed_result.events if e.count_best == 1700 and counts[e.count].claimed_by_text)
    return event, counts[event.count]


def assert_no_live_markup(page: str) -> None:
    """Nothing from an article may become a tag, an event handler or a javascript: link."""
    lowered = page.lower()
    assert lowered.count("<script") == 1 and OUR_SCRIPT in page  # our one script file, nothing else
    assert "<img" not in lowered
    assert "<b>" not in lowered and "<u>" not in lowered and "<em>" not in lowered and "<i>" not in lowered
    assert 'href="javascript:' not in lowered
    assert '<a href="javascript:alert(4)">' not in page
    assert not re.search(r"<[a-z]+[^>]* on[a-z]+=", lowered)


# ------------------------------------------------------------------ the ledger page


def test_ledger_lists_events_with_links_to_their_evidence(client, seed_result, hostile_result):
    response = client.get("/")
    assert (response.status_code, response.headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert response.headers["content-security-policy"] == CSP
    page = response.text
    assert_no_live_markup(page)
    assert str(escape(hostile_result.article.title[:60])) in page
    assert "the &lt;script&gt;alert(1)&lt;/script&gt; harbour road" in page
    assert "&lt;u&gt;organisers&lt;/u&gt;" in page
    for result in (seed_result, hostile_result):
        for event in result.events:
            assert f'href="/events/{result.article.id}/{event.id}"' in page
            assert f'href="/articles/{result.article.id}?event={event.id}#trigger-{event.id}"' in page
    summary = (f"2 articles · {len(seed_result.events) + 3} events · {len(seed_result.quotes) + 1} quotes · "
               f'<a href="/rejected" id="rejected-link">0 rejected inputs</a>')
    assert summary in page
    # map and timeline are drawn by our script from the API, for the same filters as the table
    assert '<figure class="map" id="map" data-events="/api/events.geojson?"' in page
    assert 'data-countries="/static/countries-110m.json"' in page
    assert 'data-src="/api/events/timeline?"' in page
    # QA: the map said "(loading…)" while it was fetched, the timeline nothing at all
    assert '<span class="muted" id="timeline-status">(loading…)</span>' in page


def test_ledger_filters_facets_and_downloads(client, seed_result, hostile_result):
    page = client.get("/", params={"q": "harbour", "type": "PROTEST"}).text
    rows = re.findall(r'<tr id="row-([0-9a-f]+)-(V\d+)"', page)
    # newest first: V2 (no time of its own: the inferred publication month, 2021-03) ends after V1 (2021-03-01)
    assert rows == [(hostile_result.article.id, "V2"), (hostile_result.article.id, "V1")]
    assert page.count("(inferred pub.)") == 1 and "(pub.)" not in page
    assert '<a href="/api/events.csv?q=harbour&amp;type=PROTEST" id="download-csv">' in page
    assert 'data-events="/api/events.geojson?q=harbour&amp;type=PROTEST"' in page
    # the active type facet links to the view without it
    assert '<a href="/?q=harbour" class="active">PROTEST</a>' in page
    # a year facet filters to that year
    page = client.get("/").text
    assert '<a href="/?since=2014&amp;until=2014">2014</a>' in page
    in_2014 = client.get("/", params={"since": "2014", "until": "2014"}).text
    rows = re.findall(r'<tr id="row-[0-9a-f]+-(V\d+)"', in_2014)
    assert rows and all(e.time_value.startswith("2014") for e in seed_result.events if e.id in rows)


@pytest.mark.parametrize("q", ['"><script>alert(5)</script>', "AND"])
def test_ledger_with_hostile_or_bad_query(client, q):
    response = client.get("/", params={"q": q})
    assert response.status_code == 200
    assert_no_live_markup(response.text)
    assert f'value="{escape(q)}"' in response.text


@pytest.mark.parametrize("q", ["Jihadist-linked", "al-Qadhi", "Speicher,", "U.N."])
def test_ledger_and_articles_take_punctuated_words(client, q):
    """A hyphen or a full stop is part of what people type, not FTS5 syntax: no "bad search" message."""
    for path in ("/", "/articles"):
        response = client.get(path, params={"q": q})
        assert response.status_code == 200
        assert "bad search" not in response.text and 'id="error"' not in response.text, (path, q)


def test_ledger_search_for_a_hyphenated_word_finds_it(client, seed_result):
    page = client.get("/", params={"q": "Speicher-", "place": "speicher"}).text
    assert f'<tr id="row-{seed_result.article.id}-' in page


def test_ledger_bad_date_is_a_message_not_a_crash(client):
    page = client.get("/", params={"since": "yesterday"}).text
    assert "<p class=\"error\" id=\"error\">since/until: &#39;yesterday&#39; is not a date: use 2014, 2014-06 or " \
           "2014-06-12</p>" in page
    # no map, timeline or downloads that would only fetch the same error
    assert 'id="map"' not in page and 'id="timeline"' not in page and "/api/events.csv" not in page
    assert '<p class="downloads">No events: fix the filter above.</p>' in page
    assert 'id="map"' in client.get("/", params={"page": "9"}).text  # a page past the end is no bad filter


def test_articles_page_and_search(client, seed_result, hostile_result):
    page = client.get("/articles", params={"q": "harbour"}).text
    assert f'href="/articles/{hostile_result.article.id}"' in page
    assert f'href="/articles/{seed_result.article.id}"' not in page
    assert_no_live_markup(page)
    assert "bad search query" in client.get("/articles", params={"q": "AND"}).text



def test_a_search_or_filter_says_how_many_match_and_when_none_do(client, hostile_result):
    """QA: a search on /articles showed the total of all articles above the results, and a search or filter that
    matched nothing showed an empty table with only its headings."""
    page = client.get("/articles", params={"q": "harbour"}).text
    assert ('<p id="matches">1 article matches “harbour” · <a href="/articles">all articles</a></p>') in page
    page = client.get("/articles", params={"q": "zebra"}).text
    assert '<p id="matches">No article matches “zebra” · <a href="/articles">all articles</a></p>' in page
    assert 'id="matches"' not in client.get("/articles").text
    page = client.get("/", params={"q": "zebra"}).text
    assert '<p class="downloads">0 events · download this view:' in page
    assert ('<tr><td colspan="10" id="no-events">No events in this view: loosen the filters, or '
            '<a href="/">clear them</a>.</td></tr>') in page
    page = client.get("/", params={"q": "harbour", "type": "PROTEST"}).text
    assert '<p class="downloads">2 events · download this view:' in page and 'id="no-events"' not in page
    assert 'id="no-events"' not in client.get("/", params={"since": "yesterday"}).text  # the error says it all



def test_the_rejected_inputs_the_summary_counts_are_listed(tmp_path, hostile_result):
    """QA: the ledger said "2 rejected inputs" but no page said which inputs or why (only `list --rejected`)."""
    path = tmp_path / "ledger.db"
    make_ledger(path, hostile_result)
    with Store(path) as store:
        store.reject(Rejection('/in/"><img src=x onerror=alert(1)>.pdf', "a PDF document, not an article"))
        store.reject(Rejection("/in/feed.jsonl", "invalid JSON: expecting value at column 1", line=3))
    app = create_app(path)
    with TestClient(app) as client:
        ledger, articles = client.get("/").text, client.get("/articles").text
        page = client.get("/rejected").text
    app.state.store.close()
    assert ('<p class="muted" id="summary">1 article · 3 events · 1 quote · '  # not "1 articles"
            '<a href="/rejected" id="rejected-link">2 rejected inputs</a></p>') in ledger
    assert ('<p class="muted">1 article · <a href="/rejected" id="rejected-link">2 rejected inputs</a></p>'
            in articles)
    assert_no_live_markup(page)
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"num\">(.*?)</td><td>(.*?)</td><td>", page)
    assert rows == [("/in/&#34;&gt;&lt;img src=x onerror=alert(1)&gt;.pdf", "", "a PDF document, not an article"),
                    ("/in/feed.jsonl", "3", "invalid JSON: expecting value at column 1")]
    assert "2 in all.\n" in page
    make_ledger(tmp_path / "clean.db", hostile_result)
    app = create_app(tmp_path / "clean.db")
    with TestClient(app) as client:
        empty = client.get("/rejected").text
    app.state.store.close()
    assert '<td colspan="4" id="no-rejected">No rejected inputs: every input read so far was an article.</td>' in empty


# ------------------------------------------------------------------ the article page


def test_hostile_article_page(client, hostile_result):
    response = client.get(f"/articles/{hostile_result.article.id}")
    assert response.status_code == 200
    page = response.text
    assert_no_live_markup(page)
    assert "<title>&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Exampleton harbour protest · newsledger</title>" \
        in page
    # the article's source and its URL, each under its own label; a javascript: URL is shown as text, not linked
    assert '· source: <span id="article-source">&lt;i&gt;Example Gazette&lt;/i&gt;</span>' in page
    assert '· URL: <span id="article-url">javascript:alert(1)</span>\n</p>' in page
    assert '<a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)' in page  # the data's licence asks it
    assert "“&lt;b&gt;Monday&lt;/b&gt;” — &lt;em&gt;weekday&lt;/em&gt;" in page
    assert ('<li><span class="removed">&lt;a href=&#34;javascript:alert(4)&#34;&gt;Share this&lt;/a&gt;</span> '
            '<span class="muted">(share button)</span></li>') in page
    assert f'<div class="article-text" id="text">{highlight(hostile_result)}</div>' in page
    # the removed share button is struck out in place, at the end of the text
    assert ('<del class="removed" title="removed boilerplate: share button">&lt;a href=&#34;javascript:alert(4)&#34;'
            '&gt;Share this&lt;/a&gt;</del></div>') in page
    assert ('<td>Jane Example</td><td>direct</td><td><a href="#quote-Q1">&lt;b&gt;We will not move&lt;/b&gt; '
            '&lt;img src=x onerror=alert(2)&gt;,</a></td>') in page


@pytest.mark.parametrize(("url", "source", "shown"), [
    ("https://example.org/a?b=1&c=2", "Example Gazette",
     ' · source: <span id="article-source">Example Gazette</span>\n · URL: <a href="https://example.org/a?b=1&amp;c=2"'
     ' id="article-url" rel="noopener nofollow noreferrer">https://example.org/a?b=1&amp;c=2</a>'),
    ("ftp://example.org/a", None, ' · URL: <span id="article-url">ftp://example.org/a</span>\n</p>'),
    (None, "Reuters", ' · source: <span id="article-source">Reuters</span>\n\n</p>'),
])
def test_article_page_shows_the_source_and_the_url_each_under_its_label(tmp_path, hostile_result, url, source,
                                                                         shown):
    """The URL used to be labelled "source", and the article's real source was never shown."""
    from dataclasses import replace

    path = tmp_path / "ledger.db"
    make_ledger(path, replace(hostile_result, article=replace(hostile_result.article, url=url, source=source)))
    app = create_app(path)
    with TestClient(app) as test_client:
        page = test_client.get(f"/articles/{hostile_result.article.id}").text
    app.state.store.close()
    assert shown in page
    assert page.count("source:") == (1 if source else 0) and page.count("URL:") == (1 if url else 0)


def test_seed_article_page_shows_every_item_linked_to_its_row(client, seed_result):
    page = client.get(f"/articles/{seed_result.article.id}").text
    assert_no_live_markup(page)
    assert f'<div class="article-text" id="text">{highlight(seed_result)}</div>' in page
    text = seed_result.article.text
    for event in seed_result.events:
        assert f'<tr id="event-{event.id}">' in page
        assert f'id="trigger-{event.id}"' in page
        for span in event.evidence:
            assert f"<div>“{escape(text[span.start:span.end])}”</div>" in page
    for kind, items in (("quote", seed_result.quotes), ("count", seed_result.counts), ("time", seed_result.times),
                        ("place", seed_result.places)):
        for item in items:
            assert f'<tr id="row-{kind}-{item.id}">' in page
            assert f'data-row="row-{kind}-{item.id}"' in page
    for entity in seed_result.entities:
        assert f'<tr id="row-entity-{entity.id}">' in page
    # "36 of the 40": the part's row links to its whole's row
    parts = [c for c in seed_result.counts if c.part_of]
    assert parts
    for c in parts:
        assert f'<a href="#row-count-{c.part_of}">{escape(next(w.text for w in seed_result.counts if w.id == c.part_of))}</a>' in page
    # "RELATED STORIES" is struck out where it stood, before the next kept line
    assert ('<del class="removed" title="removed boilerplate: section label">RELATED STORIES</del><br>\n'
            "Photos of the horrific massacre") in page


def test_article_page_focuses_one_events_evidence(client, seed_result):
    event, _ = massacre(seed_result)
    page = client.get(f"/articles/{seed_result.article.id}", params={"event": event.id}).text
    assert f'<tr id="event-{event.id}" class="focus">' in page
    assert f'<mark class="evidence" id="evidence-{event.id}-0" data-ref="{event.id}"' in page


def test_highlight_nests_and_escapes():
    text = 'Police <b>fired</b> at "2 <i>men</i>" on Monday.\nEnd & done'
    fired, quote, monday = text.index("fired"), text.index("2 <i>"), text.index("Monday")
    result = ArticleResult(
        Article("0" * 16, text, text),
        times=[TimeExpr("T1", "Monday", monday, monday + 6, "DATE", "2021-03-01")],
        quotes=[Quote("Q1", '2 <i>men</i>', quote, quote + 12, None, None, "direct")],
        counts=[Count("C1", "2", quote, quote + 1, 2, 2, 2, "men")],  # inside the quote: nested
        events=[Event("V1", "ASSAULT", "firearms", "fired", fired, fired + 5, "occurred", False,
                      evidence=[Span(0, 46)])],  # ends inside "Monday": the time mark is cut in two
    )
    assert str(highlight(result)) == (
        'Police &lt;b&gt;<mark class="trigger" id="trigger-V1" data-ref="V1" data-row="event-V1" '
        'title="event V1: ASSAULT/firearms (occurred)" tabindex="0">fired</mark>&lt;/b&gt; at &#34;'
        '<mark class="quote" id="quote-Q1" data-ref="Q1" data-row="row-quote-Q1" '
        'title="quote Q1 (direct) by unknown speaker" tabindex="0"><mark class="count" id="count-C1" data-ref="C1" '
        'data-row="row-count-C1" title="count C1: 2" tabindex="0">2</mark> &lt;i&gt;men&lt;/i&gt;</mark>&#34; on '
        '<mark class="time" id="time-T1" data-ref="T1" data-row="row-time-T1" title="time T1: 2021-03-01" tabindex="0">Monday'
        '</mark>.<br>\nEnd &amp; done')
    focused = str(highlight(result, focus="V1"))
    assert focused.startswith('<mark class="evidence" id="evidence-V1-0" data-ref="V1" data-row="event-V1" '
                              'title="evidence for event V1" tabindex="0">Police')
    # a crossing mark is closed and reopened; only its first piece has the id and is a keyboard stop
    assert focused.endswith(
        '<mark class="time" id="time-T1" data-ref="T1" data-row="row-time-T1" title="time T1: 2021-03-01" tabindex="0">Monda'
        '</mark></mark><mark class="time" data-ref="T1" data-row="row-time-T1" title="time T1: 2021-03-01">y</mark>'
        '.<br>\nEnd &amp; done')


@pytest.mark.parametrize(
    ("raw", "text", "expected"),
    [
        ("A\nRELATED\nB", "A\nB", [2]),
        ("RELATED\nA\nB", "A\nB", [0]),
        ("A\nB\nRELATED", "A\nB", [3]),
        ("A\nX\nRELATED\nB", "A\nB", [2, 2]),
        ("A\n\nRELATED\n\nB", "A\n\nB", [3]),
    ],
)
def test_removal_positions(raw, text, expected):
    removed = [Removal(line, "r", raw.index(line), raw.index(line) + len(line)) for line in ("X", "RELATED")
               if line in raw.split("\n")]
    article = Article("0" * 16, text, raw, removed=removed)
    assert [position for position, _ in removal_positions(article)] == expected


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
    assert response.text == ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>404 Not Found · '
                             'newsledger</title><link rel="icon" href="data:,"><link rel="stylesheet" '
                             'href="/static/app.css"></head>\n<body><main>\n'
                             "<h1>404</h1><p>no stored article has id &#39;&lt;img src=x onerror=alert(1)&gt;&#39;"
                             "; `newsledger list` shows the ids</p>\n"
                             '<p><a href="/">Back to the ledger</a></p>\n</main></body></html>\n')
    # QA: an unknown page said only "Not Found"; it names the address (escaped) now
    assert ("<h1>404</h1><p>there is no page at /no/such/&lt;b&gt;page</p>\n"
            '<p><a href="/">Back to the ledger</a></p>') in client.get("/no/such/<b>page").text
    assert client.get("/events/nope/V1").status_code == 404
    assert client.get("/incidents/nope").status_code == 404
    # QA: a user who typed FastAPI's /docs learnt nothing of where the API is described
    for path in ("/docs", "/redoc/"):
        response = client.get(path)
        assert (response.status_code, f"<p>there is no page at {path}; the API is described by its OpenAPI "
                                      "document, /openapi.json</p>" in response.text) == (404, True)


# ------------------------------------------------------------------ the event page


def test_event_page_shows_the_sentence_and_who_claims_the_figure(client, seed_result):
    event, count = massacre(seed_result)
    page = client.get(f"/events/{seed_result.article.id}/{event.id}").text
    assert_no_live_markup(page)
    assert any(s.start <= count.start and count.end <= s.end for s in event.evidence)
    assert (f'<mark class="count" data-ref="{count.id}" title="how many">{escape(count.text)}</mark>') in page
    claimant = re.search(f'<mark class="claimant" data-ref="{count.id}" title="who gives the figure">(.*?)</mark>',
                         page).group(1)
    assert re.sub("<[^>]+>", "", claimant) == str(escape(count.claimed_by_text))
    assert f'<mark class="trigger" data-ref="{event.id}" title="what happened">{event.trigger}</mark>' in page
    assert f"claimed by <strong>{escape(count.claimed_by_text)}</strong>" in page
    assert '<span class="tag review-unreviewed" id="review-status">unreviewed</span>' in page
    assert "Log in</a> to confirm, correct or reject a field." in page
    assert 'action="/events/' not in page  # no forms for readers


def test_hostile_event_page_is_inert(client, hostile_result):
    page = client.get(f"/events/{hostile_result.article.id}/V1").text
    assert_no_live_markup(page)
    assert "the &lt;script&gt;alert(1)&lt;/script&gt; harbour road" in page


# ------------------------------------------------------------------ login, CSRF and review forms


def test_login_and_logout(writable):
    assert "Log in to review" in writable.get("/").text
    bad = log_in(writable, token="wrong-token-000000000000")
    assert (bad.status_code, bad.headers["location"]) == (303, "/login?next=%2F")  # reloading cannot resubmit
    page = writable.get(bad.headers["location"]).text
    assert '<p class="error" id="error">wrong name or token;' in page
    assert '<input name="name" autocomplete="username" required value="alice">' in page  # the name is kept
    assert "wrong-token" not in page  # the token never is
    assert 'id="error"' not in writable.get("/login").text  # shown once
    response = log_in(writable)
    assert (response.status_code, response.headers["location"]) == (303, "/")
    cookie = response.headers["set-cookie"]
    assert "newsledger_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = writable.get("/").text
    assert '<strong id="reviewer-name">alice</strong>' in page
    out = writable.post("/logout", data={"csrf": csrf_of(page)}, follow_redirects=False)
    assert out.status_code == 303
    assert "Log in to review" in writable.get("/").text


def test_login_redirects_only_to_this_site(writable):
    csrf = csrf_of(writable.get("/login").text)
    for target, expected in (("/events/x/V1", "/events/x/V1"), ("https://evil.example/", "/"),
                             ("//evil.example/", "/"), ("/\t/evil.example", "/"), ("/\\evil.example", "/")):
        response = writable.post("/login", data={"csrf": csrf, "name": "alice", "token": TOKEN, "next": target},
                                 follow_redirects=False)
        assert response.headers["location"] == expected



def test_logging_in_from_a_filtered_view_comes_back_to_it(writable):
    """QA: "Log in to review" kept only the path, so a reader who had filtered and paged the ledger came back
    to the whole ledger, page 1; and the login page linked to itself."""
    page = writable.get("/?type=ASSAULT&q=police&page=1").text
    link = re.search(r'<a id="login-link" href="([^"]+)">', page).group(1)
    assert link == "/login?next=/%3Ftype%3DASSAULT%26q%3Dpolice%26page%3D1"
    form = writable.get(link).text
    assert '<input type="hidden" name="next" value="/?type=ASSAULT&amp;q=police&amp;page=1">' in form
    response = writable.post("/login", data={"csrf": csrf_of(form), "name": "alice", "token": TOKEN,
                                              "next": "/?type=ASSAULT&q=police&page=1"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/?type=ASSAULT&q=police&page=1")
    assert 'id="login-link"' not in form  # the login page does not link to itself (next=/login?next=…)


def test_forms_need_the_csrf_token(writable, seed_result):
    writable.get("/login")  # sets the CSRF cookie
    response = writable.post("/login", data={"csrf": "forged-token-0000000000000", "name": "alice", "token": TOKEN},
                             follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login?next=%2F")
    page = writable.get("/login?next=%2F").text
    assert "CSRF token is missing or stale" in page and "reviewer-name" not in page
    log_in(writable)
    event = f"/events/{seed_result.article.id}/V1"
    response = writable.post(event + "/review", data={"action": "confirm"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, event)
    assert "CSRF token is missing or stale" in writable.get(event).text
    page = writable.get(event).text
    other_site = writable.post(event + "/review", data={"field": "type", "action": "correct", "value": "PROTEST",
                                                        "csrf": csrf_of(page)},
                               headers={"Origin": "https://evil.example"})
    assert other_site.url.path == event and "not from this site" in other_site.text
    form = re.search(r'<form [^>]*id="review-type">.*?</form>', other_site.text, re.S).group(0)
    assert 'value="PROTEST"' not in form and "selected" not in form  # a forged form's input is not kept
    assert "no decisions yet" in other_site.text


def test_review_needs_a_login(writable, seed_result):
    page = writable.get("/login").text
    event = f"/events/{seed_result.article.id}/V1"
    response = writable.post(event + "/review", data={"csrf": csrf_of(page), "action": "confirm"},
                             follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login?next=%2Fevents%2F"
                                                                    f"{seed_result.article.id}%2FV1")
    page = writable.get(response.headers["location"]).text
    assert '<p class="error" id="error">log in as a reviewer to change the ledger</p>' in page
    assert f'<input type="hidden" name="next" value="{event}">' in page


def test_correct_a_field_through_the_form(writable, seed_result):
    event, _ = massacre(seed_result)
    url = f"/events/{seed_result.article.id}/{event.id}"
    log_in(writable)
    page = writable.get(url).text
    assert '<form method="post" action="' + url + '/review" class="review" id="review-count_best">' in page
    response = writable.post(url + "/review", data={"csrf": csrf_of(page), "field": "count_best",
                                                    "action": "correct", "value": "1,566",
                                                    "note": "HRW's <b>count</b>"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, url + "?saved=count_best")
    page = writable.get(url + "?saved=count_best").text
    assert_no_live_markup(page)
    assert '<p class="saved" id="saved">Saved your decision on “how many” (count_best).</p>' in page
    field_row = page[page.index('<tr id="field-count_best">'):]
    field_row = field_row[:field_row.index("</tr>")]
    assert '<td class="value">1,566</td>' in field_row and "<s>1,700</s>" in field_row
    assert "corrected" in page
    audit = page[page.index('<table id="audit">'):]
    assert ("<td>alice</td><td>count_best</td><td>correct</td><td>1700.0</td><td>1566</td>"
            "<td>HRW&#39;s &lt;b&gt;count&lt;/b&gt;</td>") in audit
    # the ledger shows the corrected figure, and the audit log page the decision
    row = re.search(rf'<tr id="row-{seed_result.article.id}-{event.id}".*?</tr>', writable.get("/").text, re.S)
    assert '<td class="num">1,566</td>' in row.group(0)
    assert "<td>count_best</td><td>correct</td><td>1700.0</td><td>1566</td>" in writable.get("/reviews").text
    # and so does the article page's events table, next to its "corrected" tag
    article = writable.get(f"/articles/{seed_result.article.id}").text
    row = re.search(rf'<tr id="event-{event.id}".*?</tr>', article, re.S).group(0)
    cells = re.findall(r"<td>(.*?)</td>", row.split("<div>")[0], re.S)
    assert "corrected" in row and "1,566" in cells and "1,700" not in cells and "1566.0" not in row


def test_bad_correction_is_explained(writable, seed_result):
    url = f"/events/{seed_result.article.id}/V1"
    log_in(writable)
    page = writable.get(url).text
    response = writable.post(url + "/review", data={"csrf": csrf_of(page), "field": "type", "action": "correct",
                                                    "value": "<b>PARTY</b>", "note": "a \"party\""},
                             follow_redirects=False)
    # Post/Redirect/Get: back on the event page, so a reload does not submit the form again
    assert (response.status_code, response.headers["location"]) == (303, url)
    page = writable.get(url).text
    assert_no_live_markup(page)
    assert ('<p class="error" id="error">&#39;&lt;b&gt;PARTY&lt;/b&gt;&#39; is not an event type; use one of '
            "ASSAULT, COERCE") in page
    form = re.search(r'<form [^>]*id="review-type">.*?</form>', page, re.S).group(0)
    assert '<option value="correct" selected>correct to</option>' in form  # the reviewer's input is kept
    assert 'value="&lt;b&gt;PARTY&lt;/b&gt;"' in form and 'value="a &#34;party&#34;"' in form
    assert 'selected' not in re.search(r'<form [^>]*id="review-mode">.*?</form>', page, re.S).group(0)
    assert "no decisions yet" in page
    again = writable.get(url).text  # the message is shown once
    assert 'id="error"' not in again and "PARTY" not in again
    # an unknown field or a missing action is refused the same way
    for data in ({"field": "colour", "action": "correct", "value": "red"}, {"field": "type"}):
        response = writable.post(url + "/review", data={"csrf": csrf_of(again), **data}, follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (303, url)
    assert "choose what to do: confirm, correct or reject" in writable.get(url).text
    assert writable.post(f"/events/{seed_result.article.id}/V99/review",
                         data={"csrf": csrf_of(again), "action": "confirm"}).status_code == 404



def test_a_flash_cookie_set_by_anyone_else_is_ignored(writable, seed_result):
    """QA: the cookie that carries a refused form's message and input back was plain base64 JSON, so a cookie
    planted by another site (or a neighbouring subdomain) could put any message and prefilled value on a page."""
    url = f"/events/{seed_result.article.id}/V1"
    log_in(writable)
    page = writable.get(url).text
    writable.post(url + "/review", data={"csrf": csrf_of(page), "field": "type", "action": "correct",
                                         "value": "PARTY"}, follow_redirects=False)
    genuine = writable.cookies.get("newsledger_flash")
    forged_payload = {"path": url, "error": "your token expired: paste it at evil.example",
                      "form": {"field": "type", "action": "correct", "value": "FORGED"}}
    forged = base64.urlsafe_b64encode(json.dumps(forged_payload).encode()).decode()
    signature = genuine.rsplit(".", 1)[-1]
    writable.cookies.delete("newsledger_flash")
    for cookie in (forged, forged + "." + signature, genuine.replace(".", "x.")):  # unsigned, stolen, altered
        writable.cookies.set("newsledger_flash", cookie)
        shown = writable.get(url).text
        assert 'id="error"' not in shown and "evil.example" not in shown and "FORGED" not in shown
    writable.cookies.set("newsledger_flash", genuine)  # the app's own cookie works
    shown = writable.get(url).text
    assert ('<p class="error" id="error">&#39;PARTY&#39; is not an event type' in shown
            and 'value="PARTY"' in shown)



def test_the_review_facet_counts_what_its_links_show(writable, seed_result, hostile_result):
    """QA: the facet listed "confirmed 1" and "corrected 1", each linking to `reviewed=only`, which shows both
    (2 events); and no entry could be clicked off again."""
    log_in(writable)
    event, _ = massacre(seed_result)
    for url, data in ((f"/events/{seed_result.article.id}/{event.id}", {"field": "count_best", "action": "correct",
                                                                        "value": "1566"}),
                      (f"/events/{hostile_result.article.id}/V1", {"action": "confirm"}),
                      (f"/events/{hostile_result.article.id}/V2", {"action": "reject"})):
        csrf = csrf_of(writable.get(url).text)
        assert writable.post(url + "/review", data={"csrf": csrf, **data}, follow_redirects=False).status_code == 303
    total = len(seed_result.events) + 3
    assert ('<p class="saved" id="saved">Saved your decision on the whole event.</p>'
            in writable.get(f"/events/{hostile_result.article.id}/V1?saved=event").text)

    def facet(query: str) -> list[tuple[str, str, str]]:
        page = writable.get("/?" + query).text
        block = re.search(r'<ul class="facet" data-facet="review_status">(.*?)</ul>', page, re.S).group(1)
        return re.findall(r'<li><a href="([^"]*)"[^>]*>([^<]*)</a> <span class="muted">(\d+)</span></li>', block)

    assert facet("") == [("/?reviewed=unreviewed", "unreviewed", str(total - 3)),
                         ("/?reviewed=only", "confirmed or corrected", "2")]
    assert len(re.findall(r'<tr id="row-', writable.get("/?reviewed=only").text)) == 2
    assert facet("reviewed=only") == [("/?", "confirmed or corrected", "2")]  # on: the link takes it off
    # the filter form says it in the same words ("only" alone did not say only what)
    assert ('<label>Review <select name="reviewed"><option value="any">any</option><option value="only" selected>'
            'confirmed or corrected</option><option value="unreviewed">unreviewed</option></select></label>'
            ) in writable.get("/?reviewed=only").text
    assert facet("include_rejected=true") == [
        ("/?include_rejected=true&amp;reviewed=unreviewed", "unreviewed", str(total - 3)),
        ("/?include_rejected=true&amp;reviewed=only", "confirmed or corrected", "2"), ("/?", "rejected", "1")]



def test_every_review_control_has_a_name_a_screen_reader_can_say(writable, seed_result, hostile_result):
    """QA: the review forms' selects and inputs had only placeholders, so a screen reader announced ten
    identical "edit text" boxes on the event page."""
    log_in(writable)
    event, _ = massacre(seed_result)
    page = writable.get(f"/events/{seed_result.article.id}/{event.id}").text
    form = re.search(r'<form [^>]*id="review-count_best">.*?</form>', page, re.S).group(0)
    assert re.findall(r'<(?:select|input) name="(\w+)"[^>]*?aria-label="([^"]*)"', form) == [
        ("action", "what to do with how many"), ("value", "corrected how many"), ("note", "note on how many")]
    add_incident(writable.app.state.store, seed_result, hostile_result)
    for page in (writable.get(f"/events/{seed_result.article.id}/{event.id}").text, writable.get("/incidents/I1").text):
        main = page[page.index("<main>"):]
        controls = re.findall(r"<(?:select|input)\b[^>]*>", main)
        unnamed = [c for c in controls if 'type="hidden"' not in c and "aria-label=" not in c]
        assert controls and unnamed == []


def test_reject_an_event_hides_it_from_the_ledger(writable, hostile_result):
    aid = hostile_result.article.id
    log_in(writable)
    page = writable.get(f"/events/{aid}/V1").text
    writable.post(f"/events/{aid}/V1/review", data={"csrf": csrf_of(page), "action": "reject", "note": "not news"})
    ledger = writable.get("/").text
    assert f'id="row-{aid}-V1"' not in ledger
    shown = writable.get("/", params={"include_rejected": "true"}).text
    assert f'<tr id="row-{aid}-V1" class="status-rejected">' in shown


# ------------------------------------------------------------------ incidents


def add_incident(store: Store, seed_result, hostile_result) -> None:
    with store.conn:
        store.conn.execute(
            "INSERT INTO incidents (id, type, time_start, time_end, place_text, count_min, count_best, count_max,"
            " reasons_json) VALUES ('I1', 'ASSAULT', '2014-06-12', '2014-06-12', 'Camp Speicher', 1566, 1700, 1700,"
            " ?)", ('["same place: Camp Speicher", "<script>alert(9)</script> same time"]',))
        store.conn.execute("INSERT INTO incident_members VALUES ('I1', ?, 'V2', 0.9, ?)",
                           (seed_result.article.id, '["trigger executed ~ massacre"]'))
        store.conn.execute("INSERT INTO incident_members VALUES ('I1', ?, 'V2', 0.4, '[]')",
                           (hostile_result.article.id,))


def test_incident_pages(writable, seed_result, hostile_result):
    assert "No incidents yet" in writable.get("/incidents").text
    add_incident(writable.app.state.store, seed_result, hostile_result)
    listing = writable.get("/incidents").text
    assert '<a href="/incidents/I1">I1</a>' in listing
    page = writable.get("/incidents/I1").text
    assert_no_live_markup(page)
    assert "<li>&lt;script&gt;alert(9)&lt;/script&gt; same time</li>" in page
    member = re.search(rf'<tr id="member-{seed_result.article.id}-V2">.*?</tr>', page, re.S).group(0)
    assert "The Sunni jihadist group" in member and "1,700" in member and "trigger executed ~ massacre" in member
    assert "the &lt;u&gt;organisers" not in page  # escaped or absent, never live
    # split the hostile member off, through the form
    log_in(writable)
    page = writable.get("/incidents/I1").text
    response = writable.post("/incidents/I1/split", data={
        "csrf": csrf_of(page), "members": [f"{hostile_result.article.id}:V2"], "note": "different event"},
        follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/incidents/I1.1")
    assert f'id="member-{hostile_result.article.id}-V2"' in writable.get("/incidents/I1.1").text
    page = writable.get("/incidents/I1").text
    assert f'id="member-{hostile_result.article.id}-V2"' not in page
    response = writable.post("/incidents/I1/merge", data={"csrf": csrf_of(page), "other": "I1.1"},
                             follow_redirects=False)
    assert response.status_code == 303
    page = writable.get("/incidents/I1").text
    assert f'id="member-{hostile_result.article.id}-V2"' in page
    assert "merged with incident I1.1 by reviewer alice" in page


def test_static_assets_are_served_and_small(client):
    for name, kind in (("app.js", "text/javascript"), ("app.css", "text/css"), ("countries-110m.json", "application/json")):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
        assert len(response.content) < 1_000_000
    assert "http" not in client.get("/static/app.js").text.replace("http://www.w3.org/2000/svg", "")


def test_a_place_correction_the_gazetteer_cannot_locate_is_flagged(writable, seed_result):
    event, _ = massacre(seed_result)
    url = f"/events/{seed_result.article.id}/{event.id}"
    log_in(writable)
    page = writable.get(url).text
    writable.post(url + "/review", data={"csrf": csrf_of(page), "field": "place_text", "action": "correct",
                                         "value": "Qqzxv <b>camp</b>"}, follow_redirects=False)
    page = writable.get(url + "?saved=place_text").text
    assert_no_live_markup(page)
    assert 'id="unlocated"' in page and "Qqzxv &lt;b&gt;camp&lt;/b&gt;" in page
    # a place it knows stays on the map, without the warning
    writable.post(url + "/review", data={"csrf": csrf_of(page), "field": "place_text", "action": "correct",
                                         "value": "Tikrit"}, follow_redirects=False)
    assert 'id="unlocated"' not in writable.get(url + "?saved=place_text").text


# ------------------------------------------------------------------ dates as readers write them


def partial_dates(hostile_result) -> ArticleResult:
    """The hostile article with the partial TIMEX3 values a year-only anchor gives ("last month" → 2021-XX)."""
    from dataclasses import replace

    times = [replace(hostile_result.times[0], value="2021-W09")]
    events = [replace(hostile_result.events[0], time_value="2021-XX", time_range_start="2021-01-01",
                      time_range_end="2021-XX-XX"), *hostile_result.events[1:]]
    return replace(hostile_result, times=times, events=events)


def test_partial_timex_values_are_shown_as_a_reader_writes_them(tmp_path, hostile_result):
    path = tmp_path / "ledger.db"
    result = partial_dates(hostile_result)
    make_ledger(path, result)
    app = create_app(path)
    with TestClient(app) as browser:
        aid = result.article.id
        article = browser.get(f"/articles/{aid}").text
        row = re.search(r'<tr id="event-V1".*?</tr>', article, re.S).group(0)
        assert ('<td><span class="timex" title="TIMEX3 2021-XX">2021</span> <span class="muted">'
                "(period 2021-01-01 – 2021)</span></td>") in row
        times = re.search(r'<tr id="row-time-T1">.*?</tr>', article, re.S).group(0)
        assert '<td><span class="timex" title="TIMEX3 2021-W09">week 9 of 2021</span></td>' in times
        assert 'title="time T1: week 9 of 2021 (2021-W09)" tabindex="0">Monday</mark>' in article
        assert "2021-XX" not in article.replace('title="TIMEX3 2021-XX"', "")
        event = browser.get(f"/events/{aid}/V1").text
        field = re.search(r'<tr id="field-time_value">.*?</tr>', event, re.S).group(0)
        assert '<td class="value"><span class="timex" title="TIMEX3 2021-XX">2021</span></td>' in field
        # a reviewer's correction to another partial value reads the same way, in the audit logs too
        log_in(browser)
        event = browser.get(f"/events/{aid}/V1").text
        browser.post(f"/events/{aid}/V1/review", data={"csrf": csrf_of(event), "field": "time_value",
                                                        "action": "correct", "value": "2021-W10"})
        event = browser.get(f"/events/{aid}/V1").text
        field = re.search(r'<tr id="field-time_value">.*?</tr>', event, re.S).group(0)
        assert ('<td class="value"><span class="timex" title="TIMEX3 2021-W10">week 10 of 2021</span></td>'
                '\n<td><s><span class="timex" title="TIMEX3 2021-XX">2021</span></s></td>') in field
        cells = ('<td>time_value</td><td>correct</td><td><span class="timex" title="TIMEX3 2021-XX">2021</span></td>'
                 '<td><span class="timex" title="TIMEX3 2021-W10">week 10 of 2021</span></td>')
        assert cells in event and cells in browser.get("/reviews").text
        # an incident over a whole year says the year
        with app.state.store.conn as conn:
            conn.execute("INSERT INTO incidents (id, type, time_start, time_end) VALUES "
                         "('I1', 'PROTEST', '2021-01-01', '2021-12-31')")
        assert "<h1>Incident I1: PROTEST</h1>\n<p>2021 · " in browser.get("/incidents/I1").text
        listing = browser.get("/incidents").text
        assert "<td>2021</td>" in listing
        # no figure is not " / / ", and one source is not "1 articles"
        assert ('<td class="num"><span class="muted">no figure</span></td><td>0 articles, 0 events</td>' in listing)
    app.state.store.close()


def test_a_refused_merge_or_split_returns_to_the_incident_with_the_reason(writable, seed_result, hostile_result):
    add_incident(writable.app.state.store, seed_result, hostile_result)
    log_in(writable)
    page = writable.get("/incidents/I1").text
    for data, message in (({"other": "I1", "note": "<b>same</b>"},
                           "an incident cannot be merged with itself; give another incident id"),
                          ({"other": "Inope", "note": "<b>same</b>"}, "no stored incident has id &#39;Inope&#39;")):
        response = writable.post("/incidents/I1/merge", data={"csrf": csrf_of(page), **data}, follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (303, "/incidents/I1")
        shown = writable.get("/incidents/I1").text
        assert_no_live_markup(shown)
        assert f'<p class="error" id="error">{message}' in shown
        assert (f'<input name="other" size="8" aria-label="id of the incident to merge into this one" placeholder="id" '
                f'required value="{data["other"]}"> into this one <input name="note" aria-label="why the same incident" '
                'placeholder="why the same" value="&lt;b&gt;same&lt;/b&gt;">') in shown
    both = [f"{seed_result.article.id}:V2", f"{hostile_result.article.id}:V2"]
    response = writable.post("/incidents/I1/split", data={"csrf": csrf_of(page), "members": both,
                                                          "note": "all of it"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/incidents/I1")
    shown = writable.get("/incidents/I1").text
    assert '<p class="error" id="error">a split moves some members, not none or all' in shown
    assert all(f'value="{member}" checked>' in shown for member in both)
    assert '<input name="note" aria-label="why they are different incidents" placeholder="why they are different incidents" value="all of it">' in shown
    assert writable.post("/incidents/Inope/merge", data={"csrf": csrf_of(page), "other": "I1"}).status_code == 404


def test_a_page_past_the_last_says_so(client):
    total = client.app.state.store.summary()["events"]
    for path, message in (("/?page=7", f"there is no page 7: this view has {total} items on 1 page"),
                          ("/articles?page=2", "there is no page 2: this view has 2 items on 1 page"),
                          ("/incidents?page=3", "there is no page 3: this view has 0 items on 1 page"),
                          ("/reviews?page=2", "there is no page 2: this view has 0 items on 1 page")):
        response = client.get(path)
        assert response.status_code == 200
        assert f'<p class="error"' in response.text and message in response.text
    assert 'class="error"' not in client.get("/?page=1").text


def test_a_review_note_is_bounded_like_the_apis(writable, seed_result):
    url = f"/events/{seed_result.article.id}/V1"
    log_in(writable)
    page = writable.get(url).text
    response = writable.post(url + "/review", data={"csrf": csrf_of(page), "action": "confirm", "note": "n" * 2001},
                             follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, url)
    page = writable.get(url).text
    assert "a note holds at most 2,000 characters (this one has 2,001); shorten it" in page
    assert "no decisions yet" in page


def test_numbers_and_flags_read_as_numbers_and_words(client, seed_result, hostile_result):
    """Counts are stored as floats and background as a flag: pages show 1,700, a blank and "no", not 1700.0,
    None and False."""
    article = client.get(f"/articles/{hostile_result.article.id}").text
    assert ('<tr id="row-count-C1"><td><a href="#count-C1">About 200</a></td><td></td><td>200</td><td></td>'
            in article)
    event, _ = massacre(seed_result)
    row = re.search(rf'<tr id="event-{event.id}".*?</tr>', client.get(f"/articles/{seed_result.article.id}").text,
                    re.S).group(0)
    assert "<td>1,700</td>" in row and "1700.0" not in row
    page = client.get(f"/events/{seed_result.article.id}/{event.id}").text
    field = re.search(r'<tr id="field-background">.*?</tr>', page, re.S).group(0)
    assert f'<td class="value">{"yes" if event.background else "no"}</td>' in field


@pytest.mark.parametrize("path", ["/", "/incidents", "/api/events"])
def test_head_answers_like_get_without_a_body(client, path):
    """Link checkers and `curl -I` send HEAD: the headers of GET, no body, never 405."""
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert client.head("/no-such-page").status_code == 404
