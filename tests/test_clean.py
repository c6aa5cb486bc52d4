"""Tests for newsledger.clean: the line rules, Removal offsets, HTML and plain-text cleaning.

Every line and page below is invented for these tests (Example Gazette, Exampleton, example.org ...)
except the canonical sample file shipped in samples/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.clean import (article_id, classify_line, clean_html, clean_plain, clean_text, html_to_text,
                             too_little_text, visible_text)
from newsledger.model import Removal

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "000_dee408f9bab61627.txt"


# ------------------------------------------------------------------ classify_line: boilerplate


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # section labels
        ("RELATED STORIES", "section label"),
        ("You may also like:", "section label"),
        ("More:", "section label"),
        ("Comments", "section label"),
        ("  Most popular  ", "section label"),
        ("Advertisement", "section label"),
        ("Story continues below advertisement", "section label"),
        ("Continue reading the main story", "section label"),
        ("DON'T MISS", "section label"),
        ("Popular on Example Gazette", "section label"),
        # related links
        ("Read more: Exampleton council approves new ferry timetable", "related link"),
        ("Related: Ten things to know about the harbour bridge", "related link"),
        ("SEE MORE: Exampleton students stage sit-in over fees", "related link"),
        ("[Related: Budget talks stall for a third week]", "related link"),
        ("Related post: Pickled onion recipe", "related link"),
        ("Also on example.org Ferry operator fined over late sailings", "related link"),
        # share prompts
        ("Share this article", "share prompt"),
        ("Share on Facebook", "share prompt"),
        ("Facebook Twitter WhatsApp Email", "share prompt"),
        ("Like this story? Share it with a friend!", "share prompt"),
        # copyright notices
        ("© 2024 Example Gazette. All rights reserved.", "copyright notice"),
        ("Copyright 2019 The Associated Press. All rights reserved.", "copyright notice"),
        ("copyright Example Review 2019 - ISSN: 1234-5678", "copyright notice"),
        ("Copyright © 2021 Example Media Group", "copyright notice"),
        ("(c) 2019 Example Ltd", "copyright notice"),
        ("© Reuters", "copyright notice"),
        # picture credits
        ("Image copyright Getty Images", "image credit"),
        ("Photo: Jane Doe/AP", "image credit"),
        ("(Getty Images)", "image credit"),
        # wire-service and contributor credits
        ("(Reporting by Jane Doe; Editing by John Roe)", "byline / credit"),
        ("Reporting by Jane Doe; additional reporting by Ann Poe; Editing by John Roe", "byline / credit"),
        ("Editing by John Roe", "byline / credit"),
        ("Editing by John Roe, Ann Poe and Jane Doe", "byline / credit"),
        ("Reporting by Jane Doe in Paris and John Roe in London", "byline / credit"),
        ("Ann Poe contributed reporting from Exampleton.", "byline / credit"),
        ("Gazette writers Jane Doe and John Roe contributed to this report.", "byline / credit"),
        # page furniture
        ("Filed under: Politics | Elections", "page metadata"),
        ("Tags: Brexit, EU, Trade", "page metadata"),
        ("Updated at 1:23 p.m.", "page metadata"),
        ("Published: 12/03/2019 09:15 GMT", "page metadata"),
        ("Last updated Nov. 19, 2019", "page metadata"),
        ("5 min read", "page metadata"),
        ("Reading time: 3 minutes", "page metadata"),
        # promos and calls to action
        ("We pay for your stories! Do you have a story for the Example Gazette news team? "
         "Email us at tips@example.org or call 0100 555 0199", "promo / call to action"),
        ("Have a tip? Jane Doe may be reached at jdoe@example.org.", "promo / call to action"),
        ("Tell us what YOU think...", "promo / call to action"),
        ("Click here to subscribe to the Example Gazette newsletter", "promo / call to action"),
        ("CLICK HERE TO GET THE EXAMPLE NEWS APP", "promo / call to action"),
        ("GET EXAMPLE BUSINESS ON THE GO BY CLICKING HERE", "promo / call to action"),
        ("Sign Up: Stay on top of the latest news! Sign up for our Email Newsletters here.", "promo / call to action"),
        ("Get the latest updates right in your inbox. Subscribe to the Gazette's newsletters.",
         "promo / call to action"),
        ("Sign up for Example Morning today to get the free daily newsletter delivered to your inbox.",
         "promo / call to action"),
        ("Thanks for signing up!", "promo / call to action"),
        ("Follow the Example Gazette opinion section on Facebook, Twitter (@ExampleOpinion) and Instagram.",
         "promo / call to action"),
        ("Follow us on Twitter @ExampleGazette or Facebook.", "promo / call to action"),
        ("Contact us: newsdesk@example.org", "promo / call to action"),
        ("Send us your pictures and videos of the storm.", "promo / call to action"),
        ("Download our free app for breaking news alerts.", "promo / call to action"),
        ("If you buy something through this post, Example Gazette may get a share of the sale.",
         "promo / call to action"),
        ("Disclosure: Example Reviews may earn a commission from some of the products featured on this page.",
         "promo / call to action"),
        # contact footers
        ("The Gazette welcomes letters. We'd like to hear what you think. Here's our email: letters@example.org.",
         "contact footer"),
        ("Jane Doe can be reached at jdoe@example.org or 0100 555 0123.", "contact footer"),
        ("Anyone with pictures can reach us on 0100 555 0199 or at pictures@example.org", "contact footer"),
        # the wire's sign-off at the end of a Reuters story
        ("Reuter", "wire sign-off"),
        (" REUTER", "wire sign-off"),
        ("Reuter\x03", "wire sign-off"),
        ("Reuter &#3;", "wire sign-off"),
    ],
)
def test_boilerplate_lines(line: str, reason: str) -> None:
    assert classify_line(line) == reason


# ------------------------------------------------------------------ classify_line: article text


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        "Contact the police on 0800 555 111 if you saw anything, officers said.",
        '"Please call us on 101 if you saw anything," Det Insp Jane Doe said.',
        "Our team will contact the families on 0100 555 0188 this week.",
        "We called 999 at 10:42 and an ambulance arrived at 11:30.",
        "The minister did not tell us why the budget was cut.",
        "Call us old-fashioned, but we still like paper maps.",
        "Tell us about your childhood in Exampleton.",
        "Got a story like that? Everyone in town does.",
        "Copyright lawsuits against software companies rose sharply in 2023.",
        "Copyright Office officials declined to comment.",
        "(c) the board shall publish its accounts each year.",
        "MORE than 30 prisoners will be released under the amnesty.",
        "More than 2,000 people signed up for the vaccine trial in its first week.",
        "Read more about the case in the court filing, which runs to 300 pages.",
        "Related charges were dropped in March.",
        "Also, the council said the road would reopen on Friday.",
        "Also on U.S. soil, troops were told to stand down.",
        "Watch out for falling debris, firefighters warned.",
        "If you just want the streaming service, you can sign up for a free 7-day trial.",
        "An even better deal is if you sign up for the bundle. If you were to subscribe to all three services "
        "separately, you'd be paying around $17.99 per month.",
        "- Sign up for the bundle using the same email as your existing account",
        "Voters who subscribe to the service can watch the debate live.",
        "Users must download the app and register with a phone number.",
        "Follow-up tests found no trace of the virus.",
        "Follow the money, the prosecutor told the jury.",
        "The company could not be reached for comment.",
        "Reporting by the Gazette showed the firm had paid no tax.",
        "Thousands of fans contributed to the fundraiser.",
        "Published in 2019, the report found that 30% of rivers were polluted.",
        "Posted guards stood at every gate on 12 March.",
        "Updated figures released on Tuesday show unemployment fell to 3.9%.",
        "Tags on the crates showed they had been shipped from Rotterdam.",
        "Photo IDs will be required at polling stations from May.",
        "Share prices fell 4% on Monday.",
        "Share this with your family, she urged viewers.",
        "The firm may earn a commission of up to 5% on each sale, the filing shows.",
        "Reading time for the full report is estimated at three hours.",
        "The 5 minute walk takes most commuters longer.",
        "Fast-tracking executions will only accelerate injustice.",
        "Human rights groups have protested the mass executions that were signed off by the President",
        "Reuters",
        "Paul Reuter",
        "Reuter said the central bank would hold rates.",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    assert classify_line(line) is None


# ------------------------------------------------------------------ clean_text


RAW = (
    "Harbour bridge closed after barge strike\n"
    "The Old Harbour bridge in Exampleton was closed on Tuesday, the council said.\n"
    "\n"
    "  RELATED STORIES  \n"
    "\n"
    "\n"
    "Engineers expect the bridge to stay shut for two weeks.\n"
    "Read more: Exampleton council approves new ferry timetable\n"
    "Contact the police on 0800 555 111 if you saw anything, officers said.\n"
    "Share this article\n"
    "© 2024 Example Gazette. All rights reserved."
)


def test_clean_text_whole_output() -> None:
    text, removed = clean_text(RAW)
    assert text == (
        "Harbour bridge closed after barge strike\n"
        "The Old Harbour bridge in Exampleton was closed on Tuesday, the council said.\n"
        "\n"
        "Engineers expect the bridge to stay shut for two weeks.\n"
        "Contact the police on 0800 555 111 if you saw anything, officers said."
    )
    assert removed == [
        Removal("RELATED STORIES", "section label", 122, 137),
        Removal("Read more: Exampleton council approves new ferry timetable", "related link", 198, 256),
        Removal("Share this article", "share prompt", 328, 346),
        Removal("© 2024 Example Gazette. All rights reserved.", "copyright notice", 347, 391),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_clean_text_offsets_slice_the_removed_line(newline: str) -> None:
    raw = RAW.replace("\n", newline)
    normalised = raw.replace("\r\n", "\n").replace("\r", "\n")
    text, removed = clean_text(raw)
    assert [r.reason for r in removed] == ["section label", "related link", "share prompt", "copyright notice"]
    lines = normalised.split("\n")
    for r in removed:
        assert normalised[r.start:r.end] == r.text
        assert r.text in (line.strip() for line in lines)
    assert clean_text(normalised) == (text, removed)


def test_clean_text_without_boilerplate_is_unchanged() -> None:
    raw = "First paragraph.\nSecond paragraph."
    assert clean_text(raw) == (raw, [])


def test_clean_text_collapses_blank_runs_left_by_removals() -> None:
    text, removed = clean_text("One.\n\nAdvertisement\n\nTwo.")
    assert text == "One.\n\nTwo."
    assert removed == [Removal("Advertisement", "section label", 6, 19)]


def test_reuters_sign_off_is_removed_with_its_reason() -> None:
    raw = ("Examplelands grain harvest seen lower\n"
           "  The Exampleland grain harvest will fall 10 pct this year, the agriculture ministry said.\n"
           " Reuter\n")
    result = clean_plain(raw)
    assert result.text == (
        "Examplelands grain harvest seen lower\n"
        "  The Exampleland grain harvest will fall 10 pct this year, the agriculture ministry said.")
    assert result.removed == [Removal("Reuter", "wire sign-off", 130, 136)]
    assert result.raw_text[130:136] == "Reuter"


# ------------------------------------------------------------------ clean_html

PAGE = """<!DOCTYPE html>
<html><head>
<title>Harbour bridge closed after barge strike | Example Gazette</title>
<meta property="og:site_name" content="Example Gazette">
<meta name="date" content="2024-03-05">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour bridge closed after barge strike</h1>
<p>The Old Harbour bridge in the invented town of Exampleton was closed on Tuesday after a barge struck one of
its pillars, the council said.</p>
<p>Engineers spent the afternoon inspecting the damage and expect the bridge to stay shut for at least two weeks
while repairs are planned.</p>
<p>RELATED STORIES</p>
<p>Contact the police on 0800 555 111 if you saw anything, officers said.</p>
<p>No one was injured in the collision, which happened shortly after 9am as the barge was being towed upriver.</p>
<p>Read more: Exampleton council approves new ferry timetable</p>
<p>Do you have a story for the Example Gazette? Email us at news@example.org or call 0100 555 0199.</p>
</article>
<footer><p>© 2024 Example Gazette. All rights reserved.</p></footer>
</body></html>"""

PAGE_TEXT = (
    "Harbour bridge closed after barge strike\n"
    "The Old Harbour bridge in the invented town of Exampleton was closed on Tuesday after a barge struck one of "
    "its pillars, the council said.\n"
    "Engineers spent the afternoon inspecting the damage and expect the bridge to stay shut for at least two weeks "
    "while repairs are planned.\n"
    "Contact the police on 0800 555 111 if you saw anything, officers said.\n"
    "No one was injured in the collision, which happened shortly after 9am as the barge was being towed upriver."
)


def test_clean_html_whole_output() -> None:
    result = clean_html(PAGE, "https://news.example.org/2024/03/05/bridge")
    assert result.text == PAGE_TEXT
    assert [(r.text, r.reason) for r in result.removed] == [
        ("RELATED STORIES", "section label"),
        ("Read more: Exampleton council approves new ferry timetable", "related link"),
        ("Do you have a story for the Example Gazette? Email us at news@example.org or call 0100 555 0199.",
         "promo / call to action"),
    ]
    for r in result.removed:
        assert result.raw_text[r.start:r.end] == r.text
    assert (result.title, result.published, result.url, result.source) == (
        "Harbour bridge closed after barge strike", "2024-03-05", "https://news.example.org/2024/03/05/bridge",
        "Example Gazette")


def test_clean_html_on_a_page_without_text() -> None:
    result = clean_html("<html><body></body></html>")
    assert (result.text, result.raw_text, result.removed) == ("", "", [])


BRIEF = "Police said gunmen killed three people in Kano on Friday."


@pytest.mark.parametrize("html", [
    f"<p>{BRIEF}</p>",  # QA: a one-paragraph JSON Lines html field was rejected as "no article text"
    f"<div><p>{BRIEF}</p></div>",
    f"<span>{BRIEF}</span>",
    f"<html><body><p>{BRIEF}</p></body></html>",
])
def test_a_short_html_news_brief_keeps_its_text(html: str) -> None:
    result = clean_html(html)
    assert (result.text.strip(), result.removed) == (BRIEF, [])


ARTICLE = ("Police said gunmen killed three people in Kano on Friday. The governor condemned the attack and "
           "ordered more patrols. Residents said the gunmen arrived on motorcycles before dawn and fired on a market. "
           "A hospital official said four more people were wounded and were being treated.")


@pytest.mark.parametrize("depth", [300, 1000])
@pytest.mark.parametrize(("body", "text"), [
    (f"<p>{BRIEF}</p>", BRIEF),
    (f"<article><h1>Kano attack</h1><p>{ARTICLE}</p></article>", f"Kano attack\n{ARTICLE}"),
], ids=["brief", "article"])
def test_a_page_nested_deeper_than_libxml2_allows_keeps_its_text(depth: int, body: str, text: str) -> None:
    """QA: libxml2 drops elements nested deeper than 255 (a page of unclosed <div>s or <font>s), so such a page
    was rejected as "no article text found after cleaning"."""
    html = "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    assert clean_html(html).text == text


def test_visible_text_of_a_short_page_leaves_out_what_a_browser_does_not_show() -> None:
    html = (f"<head><title>Kano</title><style>p {{color: red}}</style></head><h1>Gunmen attack Kano</h1>"
            f"<script>track()</script><p>{BRIEF}<br>The governor condemned it.</p><!-- ad slot -->"
            "<ul><li>Share on Facebook</li></ul><noscript>Enable JavaScript</noscript>")
    assert visible_text(html) == f"Gunmen attack Kano\n{BRIEF}\nThe governor condemned it.\nShare on Facebook"
    assert html_to_text("<p>\n</p><script>track()</script>") == ("", {})  # nothing visible: still no text


def test_a_long_page_trafilatura_finds_nothing_in_stays_empty() -> None:
    """The visible-text fallback is for briefs; a big page without an article is not turned into one."""
    menu = "".join(f"<li><a href='/s{n}'>Section number {n}</a></li>" for n in range(200))
    page = f"<html><body><ul>{menu}</ul></body></html>"
    assert len(visible_text(page)) > 2000
    assert html_to_text(page)[0] == trafilatura_text_of(page)


def trafilatura_text_of(page: str) -> str:
    import trafilatura

    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False)
    return (document.text or "") if document is not None else ""


@pytest.mark.parametrize(("text", "reason"), [
    ("hi", "too little text for an article: 1 word after cleaning, at least 3 needed"),
    ("Harbour reopens.", "too little text for an article: 2 words after cleaning, at least 3 needed"),
    ("  \n ", "too little text for an article: 0 words after cleaning, at least 3 needed"),
    ("Gunmen killed three.", None),
    (BRIEF, None),
    ("警方称周一有两人死亡。", None),  # Chinese does not space its words
])
def test_too_little_text(text: str, reason: str | None) -> None:
    assert too_little_text(text) == reason


# ------------------------------------------------------------------ the canonical sample via clean_plain


def test_canonical_sample_removes_exactly_the_label_and_the_promo() -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    result = clean_plain(raw)
    promo = ("We pay for your stories! Do you have a story for The Sun Online news team? "
             "Email us at tips@the-sun.co.uk or call 0207 782 4368")
    assert [(r.text, r.reason) for r in result.removed] == [
        ("RELATED STORIES", "section label"),
        (promo, "promo / call to action"),
    ]
    for r in result.removed:
        assert result.raw_text[r.start:r.end] == r.text
    expected_lines = [line for line in result.raw_text.split("\n") if line.strip() not in ("RELATED STORIES", promo)]
    assert result.text == "\n".join(expected_lines).strip("\n")
    assert len(result.raw_text.split("\n")) == len(result.text.split("\n")) + 2


def test_article_id_is_a_content_hash() -> None:
    assert article_id("Same text.") == article_id("Same text.")
    assert article_id("Same text.") != article_id("Other text.")
    assert len(article_id("Same text.")) == 16


def test_control_characters_become_spaces_of_the_same_length():
    raw = "Gunmen killed\x00 five villagers\x1b in Kaduna.\tPolice\x7f said so.\n\nRELATED STORIES\nMore."
    cleaned = clean_plain(raw)
    assert cleaned.raw_text == "Gunmen killed  five villagers  in Kaduna.\tPolice  said so.\n\nRELATED STORIES\nMore."
    assert cleaned.text == "Gunmen killed  five villagers  in Kaduna.\tPolice  said so.\n\nMore."
    (removal,) = cleaned.removed
    assert cleaned.raw_text[removal.start:removal.end] == "RELATED STORIES"


def test_a_nul_glued_to_a_word_does_not_hide_the_event():
    from newsledger.pipeline import process

    result = process("Gunmen killed\x00 five villagers in Kaduna on Monday, police said.")
    (event,) = result.events
    assert (event.type, event.mode, event.count_best, event.place_text) == ("ASSAULT", "killing", 5.0, "Kaduna")
