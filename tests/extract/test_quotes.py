import pytest

from newsledger.extract.quotes import extract_quotes, find_quote_spans


@pytest.mark.parametrize("text, spans", [
    ('He said "we will win" today.', [(8, 21)]),
    ("He said “we will win” today.", [(8, 21)]),
    ("“Mixed marks close too\" she said.", [(0, 23)]),
    ("“An open quote runs to the paragraph end\nNext line.", [(0, 40)]),
    ("It's the group's ‘best ever’ result.", [(17, 28)]),
    ("No quotes here, just an apostrophe's worth.", []),
])
def test_find_quote_spans(text, spans):
    assert find_quote_spans(text) == spans


def _summary(quotes):
    return [(q.kind, q.text, q.speaker_text, q.cue) for q in quotes]


def test_direct_quote_with_speaker_before_colon(nlp):
    doc = nlp("Police chief Anna Berg said: “We have arrested two men and the search continues.”")
    assert _summary(extract_quotes(doc)) == [
        ("direct", "We have arrested two men and the search continues.", "Police chief Anna Berg", "said"),
    ]


def test_direct_quote_with_speaker_after(nlp):
    doc = nlp('"The bridge will reopen on Monday," the mayor told reporters.')
    assert _summary(extract_quotes(doc)) == [
        ("direct", "The bridge will reopen on Monday,", "the mayor", "told"),
    ]


def test_unattributed_paragraph_continues_previous_speaker(nlp):
    doc = nlp('Minister Karl Dorn said: "Prices will fall next year.\n"Wages will rise as well."\nMarkets rose.')
    quotes = extract_quotes(doc)
    assert [(q.kind, q.speaker_text) for q in quotes] == [
        ("direct", "Minister Karl Dorn"), ("continuation", "Minister Karl Dorn")]
    assert quotes[1].text == "Wages will rise as well."


def test_quote_with_no_speaker_anywhere_is_unattributed(nlp):
    doc = nlp('The report was long.\n"Nobody expected this outcome at all."\nIt ended there.')
    assert [(q.kind, q.speaker_text) for q in extract_quotes(doc)] == [("unattributed", None)]


def test_indirect_speech_and_according_to(nlp):
    doc = nlp("The ministry said that 12 people had been injured in the fire. "
              "According to witnesses, the fire started in the kitchen.")
    assert _summary(extract_quotes(doc)) == [
        ("indirect", "12 people had been injured in the fire", "The ministry", "said"),
        ("indirect", "the fire started in the kitchen", "witnesses", "according to"),
    ]


def test_passive_speech_verb_has_no_speaker_subject(nlp):
    doc = nlp("The prisoners were told they would be released.")
    assert [(q.kind, q.speaker_text) for q in extract_quotes(doc)] == [("indirect", None)]


def test_offsets_point_at_the_quoted_text(nlp):
    text = 'Officials said: "The road is closed until further notice."'
    quote = extract_quotes(nlp(text))[0]
    assert text[quote.start:quote.end] == quote.text
    assert text[quote.speaker_start:quote.speaker_end] == "Officials"
