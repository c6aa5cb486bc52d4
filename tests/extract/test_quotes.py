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


def test_opening_mark_after_final_punctuation_closes_the_quote():
    assert find_quote_spans("“Not yet,“ she said. “Maybe tomorrow.”") == [(0, 10), (21, 38)]


def test_any_verb_in_a_short_clause_after_the_quote_gives_the_speaker(nlp):
    doc = nlp("“Is the plan ready?” Maria Lopez pressed. “We need an answer by Friday.”")
    assert [(q.kind, q.speaker_text) for q in extract_quotes(doc)] == [
        ("direct", "Maria Lopez"), ("continuation", "Maria Lopez")]


def test_short_opening_quote_passes_its_speaker_to_the_rest(nlp):
    doc = nlp("“We’re ready,” Lopez said. “The team has trained for months and the weather looks good.”")
    quotes = extract_quotes(doc)
    assert [(q.kind, q.speaker_text) for q in quotes][-1] == ("continuation", "Lopez")


def test_headline_name_before_colon_speaks(nlp):
    doc = nlp("Lopez: Council Plan ‘Will Never Work In This City.’")
    assert [(q.text, q.speaker_text) for q in extract_quotes(doc)] == [("Will Never Work In This City.", "Lopez")]


def test_clause_ending_in_colon_introduces_the_quote(nlp):
    doc = nlp("The mayor put it bluntly at the meeting: “We cannot afford another year of delays on the bridge.”")
    assert [(q.kind, q.speaker_text) for q in extract_quotes(doc)] == [("direct", "The mayor")]


def test_quote_after_a_reported_speech_sentence_takes_its_speaker(nlp):
    doc = nlp("Mayor Tom Reed said the budget would pass. “We have the votes and we have the time to do it.”")
    assert [(q.kind, q.speaker_text) for q in extract_quotes(doc)] == [
        ("indirect", "Mayor Tom Reed"), ("direct", "Mayor Tom Reed")]


def test_name_after_inverted_speech_verb_is_the_speaker(nlp):
    doc = nlp("“The new bridge will open next spring after the repairs are done,” said Reed.")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["Reed"]


def test_quote_paragraph_after_a_paragraph_of_reported_speech_takes_its_speaker(nlp):
    doc = nlp("Prices should not rise before the vote, the minister told reporters.\n"
              "“This is a promise we will keep.”")
    assert [(q.kind, q.speaker_text) for q in extract_quotes(doc)] == [
        ("indirect", "the minister"), ("direct", "the minister")]


def test_speech_verb_in_a_by_phrase_takes_the_main_subject(nlp):
    doc = nlp("Ms Lee rallied her supporters by warning that the mill "
              "“will close within a year if nothing changes.”")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["Ms Lee"]


def test_statement_saying_belongs_to_who_released_it(nlp):
    doc = nlp("The union released a statement saying, “Our members will not accept a pay cut this year.”")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["The union"]


def test_as_x_put_it_introduces_a_quote(nlp):
    doc = nlp("As Professor Hart put it: “Rivers do not care about borders at all.”")
    assert [(q.kind, q.speaker_text) for q in extract_quotes(doc)] == [("direct", "Professor Hart")]


def test_name_and_colon_right_before_the_quote_outrank_a_verb_further_back(nlp):
    doc = nlp("Analysts agree - Jane Roe: “The harvest will be late this year and prices will climb.”")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["Jane Roe"]


def test_speech_verb_right_after_the_closing_mark_wins(nlp):
    doc = nlp("Farmers largely agree. “The harvest will be late this year and prices will climb,” "
              "said Jane Roe, a trader.")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["Jane Roe"]


def test_participle_right_before_the_quote_takes_its_clause_subject(nlp):
    doc = nlp("Band member Ray Cole shared the news online last week, writing “Feels great to back a candidate "
              "I believe in. This is a man with integrity.”")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["Band member Ray Cole"]


def test_any_verb_right_before_the_opening_mark_introduces_the_quote(nlp):
    doc = nlp("Mrs. Hart thanked her home state and then boomed, “Today, you proved once again that there is "
              "no place like home.”")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["Mrs. Hart"]


def test_more_from_label_names_the_source(nlp):
    doc = nlp("What the survey shows - More from Jones: “The size of the state matters as much as the number "
              "of states each party holds.”")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["Jones"]


def test_object_of_a_causative_verb_is_who_speaks(nlp):
    doc = nlp("The weak result led some party leaders to warn that the campaign could collapse in the spring.")
    assert _summary(extract_quotes(doc)) == [
        ("indirect", "the campaign could collapse in the spring", "some party leaders", "warn")]


def test_speech_verb_after_the_closing_mark_beats_one_earlier_in_the_sentence(nlp):
    doc = nlp("Senator Ann Price, who met voters in what she called a ''restless mood,'' spoke at length. "
              "''You cannot win this race with small promises,'' Mr. Hale said.")
    assert [q.speaker_text for q in extract_quotes(doc)][-1] == "Mr. Hale"


@pytest.mark.parametrize("text, speaker", [
    ("Mayor Ann Cole has offered few ideas aside from stating that the city should not borrow more money.",
     "Mayor Ann Cole"),
    ("Governor Ben Ross is likely to stress that the state budget will stay balanced next year.", "Governor Ben Ross"),
])
def test_subjectless_speech_verb_takes_the_subject_of_the_clause_above(nlp, text, speaker):
    assert [(q.kind, q.speaker_text) for q in extract_quotes(nlp(text))] == [("indirect", speaker)]


def test_name_after_inverted_verb_even_when_the_parse_hangs_it_elsewhere(nlp):
    doc = nlp("''The town needs one or two big ideas that are proportionate to the scale of the problems we are "
              "facing,'' said Robert Hale, who served as mayor during the last decade yet endorsed his rival "
              "in the primary.")
    assert [q.speaker_text for q in extract_quotes(doc)] == ["Robert Hale"]
