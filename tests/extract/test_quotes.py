import pytest

from newsledger.extract.quotes import extract_quotes, find_quote_spans


@pytest.mark.parametrize("text, spans", [
    ('He said "we will win" today.', [(8, 21)]),
    ("He said “we will win” today.", [(8, 21)]),
    ("“Mixed marks close too\" she said.", [(0, 23)]),
    ("“An open quote runs to the paragraph end\nNext line.", [(0, 40)]),
    ("It's the group's ‘best ever’ result.", [(17, 28)]),
    ("No quotes here, just an apostrophe's worth.", []),
    ("He said ''we will win'' today.", [(8, 23)]),
    ("``We will win,'' he said.", [(0, 16)]),
    ("She said 'You are wrong.' Then she left.", [(9, 25)]),
    ("In the '90s the players' union grew.", []),
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


def test_interrupted_quote_keeps_its_speaker(nlp):
    doc = nlp("“I am not shy,” she said. “I have spoken in public for twenty years.”")
    assert [(q.kind, q.text, q.speaker_text) for q in extract_quotes(doc)] == [
        ("direct", "I am not shy,", "she"),
        ("continuation", "I have spoken in public for twenty years.", "she"),
    ]


def test_speaker_in_the_paragraph_before_a_colon(nlp):
    doc = nlp("The senator Maria Lopez told the crowd:\n“We will not give up on this town.”")
    assert _summary(extract_quotes(doc)) == [
        ("direct", "We will not give up on this town.", "The senator Maria Lopez", "told"),
    ]


def test_quoted_words_inside_reported_speech_make_one_mixed_quote(nlp):
    doc = nlp("Smith said the plan was “a total disaster” for the region.")
    assert _summary(extract_quotes(doc)) == [
        ("mixed", "the plan was “a total disaster” for the region", "Smith", "said"),
    ]


def test_scare_quotes_without_a_speaker_are_not_quotes(nlp):
    doc = nlp("The so-called “Gang of Eight” met on Tuesday.")
    assert extract_quotes(doc) == []


def test_call_on_someone_to_act_and_relative_clause_speaker(nlp):
    doc = nlp("Mr Zeid called on Iraq to end the use of the death penalty. "
              "Two officials, who said the talks had failed, left the city.")
    assert _summary(extract_quotes(doc)) == [
        ("indirect", "to end the use of the death penalty", "Mr Zeid", "called"),
        ("indirect", "the talks had failed", "Two officials", "said"),
    ]
