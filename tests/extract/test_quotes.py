import pytest

from newsledger.extract.quotes import _name_genders, extract_quotes, find_quote_spans


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


def _speakers(nlp, text):
    return [(q.kind, q.speaker_text) for q in extract_quotes(nlp(text))]


def test_quote_in_a_clause_without_speech_verb_takes_the_clause_subject(nlp):
    text = "Moore thanked the governor for “stepping up and taking action when the council would not.”"
    assert _speakers(nlp, text) == [("direct", "Moore")]


def test_clause_subject_that_cannot_speak_is_not_a_speaker(nlp):
    # "the city" is no source of words: the quote stays unattributed rather than taking the clause subject.
    text = "The city lived through “the longest period of peace and prosperity in its whole history.”"
    assert _speakers(nlp, text) == [("unattributed", None)]


def test_a_word_inside_the_quote_is_never_its_speaker(nlp):
    # The parse takes "Michigan" for the subject of "said"; the name before the verb speaks.
    text = ("''Our popularity is strong enough to put states in play in November that we don't usually win "
            "anymore: Michigan, Pennsylvania, Ohio,'' Mr. Hale said.")
    assert _speakers(nlp, text) == [("direct", "Mr. Hale")]


def test_relative_pronoun_speaker_is_the_whole_phrase_before_it(nlp):
    doc = nlp("The plan was criticized by Ann Lee, a lawyer from Ohio, who said the new rules were unfair to tenants.")
    quotes = extract_quotes(doc)
    assert _summary(quotes) == [
        ("indirect", "the new rules were unfair to tenants", "Ann Lee, a lawyer from Ohio", "said")]
    # The span ends right before ", who": the referent a reader gives the relative pronoun.
    assert doc.text[quotes[0].speaker_end:quotes[0].speaker_end + 5] == ", who"


def test_pictures_show_evidence_not_speech(nlp):
    assert extract_quotes(nlp("Photos of the attack also showed the fighters tying up the prisoners.")) == []
    assert extract_quotes(nlp("A new video showing the police firing on protesters was shared widely on Sunday.")) == []
    # A poll or a report that shows something makes a claim.
    assert _speakers(nlp, "The poll showed the mayor leading her rival by ten points among likely voters.") == [
        ("indirect", "The poll")]


def test_noun_with_a_speaking_participle_is_the_speaker(nlp):
    text = "Voters still trust the governor, with half of them saying the state is on the right track."
    assert _speakers(nlp, text) == [("indirect", "half of them")]


def test_asker_of_a_passive_participle_is_the_speaker(nlp):
    quotes = extract_quotes(nlp("Asked by the judge whether he understood the charges, Hale nodded."))
    assert _summary(quotes) == [("indirect", "whether he understood the charges", "the judge", "Asked")]


@pytest.mark.parametrize("text, speaker", [
    ('"One guy came in and said maybe we should leave town," said the woman, who like many in the town did not '
     'want to be quoted by name.', "the woman"),
    ("''I would have been sitting in prison for a long time,'' Mr. Hale, now 81 and retired in Ohio, said by "
     "telephone.", "Mr. Hale"),
    ("''She'd look at me and say, 'What did he mean by that?''' Mr. Hale said, smiling.", "Mr. Hale"),
])
def test_speaker_right_after_the_closing_mark(nlp, text, speaker):
    # (the woman "who did not want to be quoted" also states an intention, an indirect quote of its own)
    assert [s for s in _speakers(nlp, text) if s[0] != "indirect"] == [("direct", speaker)]


@pytest.mark.parametrize("text, speaker", [
    ('"The whole idea of a crooked system needs to stop, and everybody here knows it."\n\n- Ann Lee, Ohio.',
     "Ann Lee"),
    ('Rep. Ann Lee (R-Ohio):"I have not heard anyone other than you ever cite that figure."', "Rep. Ann Lee"),
    ('Lee also embraced the plan -- "I think this plan is the best we have had in many years."', "Lee"),
])
def test_labels_credit_lines_and_dashes_name_the_speaker(nlp, text, speaker):
    assert _speakers(nlp, text) == [("direct", speaker)]


def test_label_opening_a_sentence_names_the_source(nlp):
    text = ('Aides say she will help. From Lee\'s Facebook post: '
            '"We must move to overcome the divisiveness of this race."')
    assert _speakers(nlp, text)[-1] == ("direct", "Lee's Facebook post")


def test_name_in_apposition_identifies_a_described_speaker(nlp):
    text = "One of the men, Jessie Hale, said the war had been a terrible mistake for the country."
    assert _speakers(nlp, text) == [("indirect", "Jessie Hale")]


@pytest.mark.parametrize("text, referent", [
    # the subject of the clause above the pronoun
    ("Ann Lee left the meeting early because she said the vote had been rigged.", "Ann Lee"),
    # an earlier sentence: a subject first, else a name whose title agrees in gender
    ("Voters in the town were angry on Tuesday. They said the plan was unfair to farmers.", "Voters in the town"),
    ("Mr. Hale met Ms. Lee on Monday. She said the talks had failed and would not resume.", "Ms. Lee"),
    # the speaker of an earlier quote of the paragraph
    ("“We will not give up,” Ms. Lee said. “The town needs this bridge.” She added that the vote was close.",
     "Ms. Lee"),
])
def test_pronoun_speaker_gets_the_phrase_it_refers_to(nlp, text, referent):
    quote = [q for q in extract_quotes(nlp(text)) if q.speaker_text.lower() in {"he", "she", "they"}][-1]
    assert quote.referent_text == referent
    assert text[quote.referent_start:quote.referent_end] == referent


def test_pronoun_with_no_agreeing_antecedent_has_no_referent(nlp):
    quotes = extract_quotes(nlp("Mr. Hale met the board on Monday. She said the talks had failed."))
    assert [(q.speaker_text, q.referent_text) for q in quotes] == [("She", None)]


KOHL_ARTICLE = (
    "BONN, March 3 - Health Minister Rita Suessmuth presented her report on the AIDS epidemic to the cabinet on "
    "Tuesday.\n"
    "Chancellor Helmut Kohl told reporters he was satisfied with the talks, and Kohl thanked her for the report.\n"
)


@pytest.mark.parametrize("last_line, speaker", [
    ("She said the government would spend 50 mln marks more on AIDS research next year.", "She"),
    ('"The money is there," she said.', "she"),
])
def test_pronoun_never_refers_to_a_person_of_the_other_gender(nlp, last_line, speaker):
    # "Kohl thanked her": an object pronoun is never its own clause's subject, so it says nothing of Kohl's
    # gender, while "Kohl told reporters he" makes him male; "she" then skips him for the minister.
    doc = nlp(KOHL_ARTICLE + last_line)
    assert _name_genders(doc, find_quote_spans(doc.text)) == {"suessmuth": "f", "kohl": "m"}
    assert [(q.speaker_text, q.referent_text) for q in extract_quotes(doc)] == [
        ("Chancellor Helmut Kohl", None), (speaker, "Health Minister Rita Suessmuth")]


@pytest.mark.parametrize("text, genders", [
    ("AMMAN, May 4 - Queen Noor opened a children's hospital in Amman on Monday. "
     "He said the new ward would treat 500 patients a year.", {"noor": "f"}),
    ("WASHINGTON, May 4 - Congresswoman Pat Schroeder met Defense Secretary Caspar Weinberger on Monday. "
     "He said the budget would not be cut.", {"schroeder": "f"}),
])
def test_gendered_title_before_a_name_tells_its_gender(nlp, text, genders):
    doc = nlp(text)
    assert _name_genders(doc, find_quote_spans(text)) == genders
    assert [(q.speaker_text, q.referent_text) for q in extract_quotes(doc)] == [("He", None)]


def test_spokesman_and_chancellor_say_nothing_of_gender(nlp):
    doc = nlp("Trump spokesman Hope Hicks and Chancellor Helmut Kohl met on Monday.")
    assert _name_genders(doc, []) == {}


@pytest.mark.parametrize("text, expected", [
    ("The governor wants to cut the sales tax.", [("indirect", "to cut the sales tax", "The governor", "wants")]),
    ("The company declined to comment on the lawsuit.",
     [("indirect", "to comment on the lawsuit", "The company", "declined")]),
    ("The coach is hoping to sign two new players.",
     [("indirect", "to sign two new players", "The coach", "hoping")]),
])
def test_stated_intention_is_a_claim_of_the_subject(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


def test_reported_speech_holds_the_intentions_and_beliefs_it_reports(nlp):
    # The inner "plans to" and "thinks" belong to what the outer speaker says, not to a quote of their own.
    for text, content in [("She said the mayor plans to resign in May.", "the mayor plans to resign in May"),
                          ("The mayor said she thinks the plan will work.", "she thinks the plan will work")]:
        assert _summary(extract_quotes(nlp(text))) == [("indirect", content, text.split(" said")[0], "said")]


def test_parenthetical_speech_verb_reports_the_clause_it_interrupts(nlp):
    doc = nlp("The hotel, the owners said, will reopen in June.")
    assert _summary(extract_quotes(doc)) == [
        ("indirect", "The hotel, the owners said, will reopen in June", "the owners", "said"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("The senator criticized the trade deal on Monday.",
     [("indirect", "the trade deal", "The senator", "criticized")]),
    ("The union accused the company of hiding its losses.",
     [("indirect", "the company of hiding its losses", "The union", "accused")]),
    ("Local farmers called for an inquiry into the spill.",
     [("indirect", "an inquiry into the spill", "Local farmers", "called")]),
])
def test_what_a_verb_of_judging_or_backing_is_about_is_its_content(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


@pytest.mark.parametrize("text, expected", [
    ("The bridge is expected to reopen next week.",
     [("indirect", "The bridge is expected to reopen next week", None, "expected")]),
    ("The factory was reported to be losing money.",
     [("indirect", "The factory was reported to be losing money", None, "reported")]),
    ("Ms. Lee is expected to announce her decision on Friday.", []),  # her own announcement, when it comes
    ("Traffic will grow because the bridge is expected to reopen next week.",
     [("indirect", "the bridge is expected to reopen next week", None, "expected")]),  # a subordinate clause too
])
def test_passive_hearsay_is_a_claim_without_a_speaker(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


def test_what_somebody_learned_is_their_claim(nlp):
    doc = nlp("Investigators learned that the pilot had been awake for 20 hours.")
    assert _summary(extract_quotes(doc)) == [
        ("indirect", "the pilot had been awake for 20 hours", "Investigators", "learned"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("Ann Lee: Tax Plan Will Fail\nThe senator spoke in Dayton on Monday.",
     [("indirect", "Tax Plan Will Fail", "Ann Lee", ":")]),
    ("Breaking: Storm Closes Every School in the County\nThe storm arrived at noon.", []),  # a banner, no source
])
def test_headline_name_before_a_colon_states_the_claim(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


@pytest.mark.parametrize("text, expected", [
    ("The mayor left the meeting early, citing the new report.",
     [("indirect", "the new report", "The mayor", "citing")]),
    ("The union, which opposed the merger, lost the vote.",
     [("indirect", "the merger", "The union", "opposed")]),
    ("The senator criticized it on Monday.", [("indirect", "it", "The senator", "criticized")]),
])
def test_a_stance_counts_in_a_subordinate_clause_too(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


def test_a_stance_inside_another_claim_is_part_of_it(nlp):
    doc = nlp("The senator criticized the mayor who backed the plan.")
    assert _summary(extract_quotes(doc)) == [
        ("indirect", "the mayor who backed the plan", "The senator", "criticized"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("Critics called the plan a disaster.", [("indirect", "the plan a disaster", "Critics", "called")]),
    ("Many voters see the senator as a strong leader.",
     [("indirect", "the senator as a strong leader", "Many voters", "see")]),
    ("Conservatives consider him a phony.", [("indirect", "him a phony", "Conservatives", "consider")]),
    ("Many voters find the senator too cautious.",
     [("indirect", "the senator too cautious", "Many voters", "find")]),
    ("The senator criticized the plan as reckless.",
     [("indirect", "the plan as reckless", "The senator", "criticized")]),
    ("The bridge is seen as a symbol of the city.",
     [("indirect", "The bridge is seen as a symbol of the city", None, "seen")]),
])
def test_what_a_verb_of_casting_makes_of_its_object_is_the_claim(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


@pytest.mark.parametrize("text, expected", [
    ("The senator seemed ready to quit.", [("indirect", "The senator seemed ready to quit", None, "seemed")]),
    ("The campaign appears to be losing ground in Ohio.",
     [("indirect", "The campaign appears to be losing ground in Ohio", None, "appears")]),
    ("It seems that the plan failed.", [("indirect", "the plan failed", None, "seems")]),
])
def test_what_seems_or_appears_so_is_a_claim_without_a_speaker(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


@pytest.mark.parametrize("text, expected", [
    ("His claim that the vote was rigged angered the judge.",
     [("indirect", "the vote was rigged", "His", "claim")]),
    ("The mayor made the claim that taxes would fall.", [("indirect", "taxes would fall", "The mayor", "claim")]),
    ("Her plan to cut taxes was praised by economists.", [("indirect", "to cut taxes", "Her", "plan")]),
    ("The governor's criticism of the bill surprised nobody.",
     [("indirect", "the bill", "The governor's", "criticism")]),
])
def test_a_claim_noun_carries_the_claim_of_its_holder(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


@pytest.mark.parametrize("text, expected", [
    ("The senator was critical of the trade deal.",
     [("indirect", "the trade deal", "The senator", "critical")]),
    ("Local farmers are concerned that the river will flood.",
     [("indirect", "the river will flood", "Local farmers", "concerned")]),
])
def test_an_adjective_of_attitude_states_what_its_subject_holds(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


def test_a_described_name_the_parse_made_a_clause_still_speaks(nlp):
    doc = nlp("Ann Lee, a Hollywood, Fla., rabbi helping to organize the boycott, said he and other rabbis "
              "were alarmed about the rhetoric.")
    assert _summary(extract_quotes(doc)) == [
        ("indirect", "he and other rabbis were alarmed about the rhetoric", "Ann Lee", "said"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("The governor hinted at a run for the Senate.",
     [("indirect", "a run for the Senate", "The governor", "hinted")]),
    ("The senator focused on the economy.", [("indirect", "the economy", "The senator", "focused")]),
    ("The latest poll shows little interest in the race.",
     [("indirect", "little interest in the race", "The latest poll", "shows")]),
    ("Most of the delegates said yes.", [("indirect", "yes", "Most of the delegates", "said")]),
])
def test_more_verbs_of_speaking_about_take_their_object(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


def test_quoted_words_ending_the_report_with_their_stop_are_one_mixed_quote(nlp):
    # The reported words stop before the final stop the quote marks hold: one quote, not two.
    doc = nlp("The senator said the plan was “a disaster.”")
    assert _summary(extract_quotes(doc)) == [("mixed", "the plan was “a disaster", "The senator", "said")]


@pytest.mark.parametrize("text, expected", [
    ("The new rules, the agency said in a statement, would take effect in May.",
     [("indirect", "The new rules, the agency said in a statement, would take effect in May", "the agency", "said")]),
    ("Voters, the poll showed, are tired of the race.",
     [("indirect", "Voters, the poll showed, are tired of the race", "the poll", "showed")]),
    ("That plan, Lee argued, would cost billions.",
     [("indirect", "That plan, Lee argued, would cost billions", "Lee", "argued")]),
])
def test_the_speaker_of_a_parenthetical_verb_is_the_subject_next_to_it(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


def test_a_wish_for_somebody_else_to_act_is_a_claim(nlp):
    doc = nlp("Other Republicans want the president to push for new laws.")
    assert _summary(extract_quotes(doc)) == [
        ("indirect", "the president to push for new laws", "Other Republicans", "want"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("The senator pushed back on the suggestion that he was responsible for the delay.",
     [("indirect", "he was responsible for the delay", "The senator", "suggestion")]),
    ("The rumors that the company was for sale lifted its stock.",
     [("indirect", "the company was for sale", None, "rumors")]),
])
def test_a_claim_noun_without_a_holder_is_taken_up_by_the_subject_of_its_verb(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


@pytest.mark.parametrize("text, expected", [
    # A spreadsheet formula in the text is nobody: the speaker is the name next to the verb, never a mark.
    ('“The bridge will close,” =HYPERLINK("http://x") said officials.',
     [("direct", "The bridge will close,", "officials", "said")]),
    ("Lee met them.\n\n“The bridge will close,” =  officials said.",
     [("direct", "The bridge will close,", "officials", "said")]),
    ("Lee met them.\n\n“The bridge will close,” =A1 said officials.",
     [("direct", "The bridge will close,", "officials", "said")]),
    ('=HYPERLINK("http://x") said the officials', []),
])
def test_a_formula_or_a_mark_is_never_a_speaker(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://x") said officials',
    'The mayor wrote "http://evil.example" in the post.',
    'Lee said: "http://evil.example"',
    'Lee said: "www.evil.example/path, 100%"',
])
def test_content_with_no_words_is_no_quote(nlp, text):
    assert extract_quotes(nlp(text)) == []


def test_a_possessive_speaker_refers_back_like_its_pronoun(nlp):
    doc = nlp("Governor Tom Reed laid out his plan to cut taxes for farmers.")
    assert [(q.kind, q.text, q.speaker_text, q.referent_text) for q in extract_quotes(doc)] == [
        ("indirect", "to cut taxes for farmers", "his", "Governor Tom Reed")]


def test_a_short_quote_before_its_speech_verb_passes_the_speaker_on(nlp):
    doc = nlp("He laughed at the question. “It’s fine,” Lee says of the plan. "
              "“And much tougher than that is fine.”")
    assert [(q.kind, q.text, q.speaker_text) for q in extract_quotes(doc)] == [
        ("mixed", "It’s fine,", "Lee"), ("continuation", "And much tougher than that is fine.", "Lee")]


@pytest.mark.parametrize("text, expected", [
    ("Senator Ann Lee issued the following statement:\n\n“Our prayers are with all those affected by the attacks.”",
     [("direct", "Our prayers are with all those affected by the attacks.", "Senator Ann Lee", "issued")]),
    ("The mayor echoed:\n\n“He speaks his mind, and that might be what the country needs.”",
     [("direct", "He speaks his mind, and that might be what the country needs.", "The mayor", "echoed")]),
])
def test_a_paragraph_ending_in_a_colon_introduces_the_quote_after_it_whatever_its_verb(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


def test_declining_to_comment_is_a_statement_in_two_words(nlp):
    assert _summary(extract_quotes(nlp("Mr. Thiel declined to comment."))) == [
        ("indirect", "to comment", "Mr. Thiel", "declined")]


@pytest.mark.parametrize("text, expected", [
    ("As The Atlantic recently noted, trust in government is collapsing around the world.",
     [("indirect", "trust in government is collapsing around the world", "The Atlantic", "noted")]),
    ("As reported by Western Journalism, investigators found over 2,200 emails from the server.",
     [("indirect", "investigators found over 2,200 emails from the server", "Western Journalism", "reported")]),
    ("The rally drew thousands, as the Times reported on Saturday.",
     [("indirect", "The rally drew thousands", "the Times", "reported")]),
    ("Aides cheered as she was announced the winner.", []),
])
def test_an_as_clause_of_reporting_credits_the_clause_it_hangs_on(nlp, text, expected):
    assert _summary(extract_quotes(nlp(text))) == expected


@pytest.mark.parametrize("text, expected", [
    ("“It is not that we do not want to,” Rubio said on ABC’s “This Week With George Stephanopoulos.” "
     "“There is no way to check them.”",
     [("direct", "It is not that we do not want to,", "Rubio"),
      ("continuation", "There is no way to check them.", "Rubio")]),
    # In a headline every word is capitalised: the quote in it is somebody's words.
    ("Hillary Clinton Says Trump’s Bigotry Doesn’t ‘Fit With What I Thought I Knew’ About Him",
     [("direct", "Fit With What I Thought I Knew", "Hillary Clinton")]),
])
def test_a_quoted_title_in_prose_is_no_quote(nlp, text, expected):
    assert [(q.kind, q.text, q.speaker_text) for q in extract_quotes(nlp(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("“Allahu Akbar,” the attacker shouted as he ran at the guards.", [("mixed", "Allahu Akbar,", "the attacker")]),
    # a title beside no voicing verb stays no quote
    ("She was a regular guest on “The Rachel Maddow Show” and wrote for the paper.", []),
])
def test_capitalised_words_somebody_shouts_are_a_quote(nlp, text, expected):
    assert [(q.kind, q.text, q.speaker_text) for q in extract_quotes(nlp(text))] == expected
