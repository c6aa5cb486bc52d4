"""The whole pipeline end to end: the users' canonical example and small hand-made articles."""

from pathlib import Path

import pytest

from newsledger import process
from newsledger.errors import BadDate, EmptyArticle
from newsledger.ingest import iter_inputs
from newsledger.pipeline import normalise_date, process_stream
from newsledger.model import Rejection

SEED = Path(__file__).resolve().parent.parent / "samples" / "000_dee408f9bab61627.txt"


@pytest.fixture(scope="module")
def seed(nlp):
    """The seed as a user gives it: plain text, no publication date."""
    return process(SEED.read_text(encoding="utf-8"), nlp=nlp)


def _entity(result, entity_id):
    return next(e for e in result.entities if e.id == entity_id) if entity_id else None


def _name(result, entity_id):
    entity = _entity(result, entity_id)
    return entity.name if entity else None


def test_seed_boilerplate_is_removed_with_reasons(seed):
    assert [(r.text[:24], r.reason) for r in seed.article.removed] == [
        ("RELATED STORIES", "section label"),
        ("We pay for your stories!", "promo / call to action"),
    ]
    assert "RELATED STORIES" not in seed.article.text
    assert "tips@the-sun.co.uk" not in seed.article.text


def test_seed_publication_date_is_inferred_not_given(seed):
    assert seed.article.published is None
    inferred = seed.article.published_inferred
    assert inferred.value == "2016"
    assert 0 < inferred.confidence < 1
    evidence = [e["text"] for e in inferred.evidence]
    assert "2014" in evidence and "two years ago" in evidence
    for item in inferred.evidence:
        assert seed.article.text[item["start"]:item["end"]] == item["text"]


def test_seed_every_offset_points_at_its_evidence(seed):
    text = seed.article.text
    for entity in seed.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    for item in [*seed.times, *seed.counts, *seed.quotes]:
        assert text[item.start:item.end] == item.text
    for place in seed.places:
        assert text[place.start:place.end] == place.text
    for event in seed.events:
        assert text[event.trigger_start:event.trigger_end] == event.trigger
        assert any(s.start <= event.trigger_start < s.end for s in event.evidence)


def test_seed_people_and_organisations_are_linked(seed):
    names = {e.name: e for e in seed.entities}
    zeid = names["Zeid Ra'ad Al Hussein"]
    assert zeid.type == "PERSON"
    assert {m.text for m in zeid.mentions} == {"Zeid Ra'ad Al Hussein", "Zeid"}
    assert {m.text for m in names["United Nations"].mentions} == {"United Nations", "UN"}


def test_seed_quotes_are_attributed(seed):
    by_kind = [(q.kind, _name(seed, q.speaker)) for q in seed.quotes]
    assert ("direct", "Zeid Ra'ad Al Hussein") in by_kind
    assert ("continuation", "Zeid Ra'ad Al Hussein") in by_kind
    continuation = next(q for q in seed.quotes if q.kind == "continuation")
    assert continuation.text == "Fast-tracking executions will only accelerate injustice"
    zeid_call = next(q for q in seed.quotes if q.text.startswith("to end the use of the death penalty"))
    assert (zeid_call.kind, _name(seed, zeid_call.speaker)) == ("indirect", "Zeid Ra'ad Al Hussein")
    un = next(q for q in seed.quotes if "45 death sentences" in q.text)
    assert (un.kind, _name(seed, un.speaker)) == ("indirect", "United Nations")


def test_seed_counts_with_what_and_claimant(seed):
    counts = {(c.text, c.start): c for c in seed.counts}
    claimed = {(c.text, c.what, _name(seed, c.claimed_by)) for c in seed.counts if c.claimed_by}
    assert ("1,700", "soldiers", "ISIS") in claimed
    assert ("45", "death sentences", "United Nations") in claimed
    more_than = next(c for c in counts.values() if c.text == "MORE than 30")
    assert (more_than.min, more_than.best, more_than.max) == (31, 31, None)
    assert [(c.text, c.what) for c in seed.counts if c.text in {"36", "40"}][-2:] == [
        ("36", "soldiers"), ("40", "soldiers")]
    assert all(c.text != "0207 782 4368" for c in seed.counts)


def test_seed_massacre_is_one_background_assault_in_2014_claimed_by_isis(seed):
    assaults = [e for e in seed.events if e.type == "ASSAULT" and e.count_best == 1700]
    assert len(assaults) == 1
    massacre = assaults[0]
    assert massacre.time_value == "2014"
    assert massacre.background is True
    assert massacre.place_text == "Camp Speicher"
    assert _name(seed, massacre.claimed_by) == "ISIS"
    assert massacre.modality == "occurred"
    # Several sentences tell of the massacre; they are one event with all their evidence.
    assert len(massacre.evidence) >= 4


def test_seed_hanging_is_approved_not_carried_out(seed):
    executions = [e for e in seed.events if e.type == "COERCE" and e.mode == "execution"
                  and e.modality in {"approved", "planned"}]
    assert len(executions) == 1
    hanging = executions[0]
    assert hanging.modality == "approved"
    assert hanging.background is False
    assert hanging.count_best == 36
    assert not any(e.type == "COERCE" and e.mode == "execution" and e.modality == "occurred"
                   and e.count_best == 36 for e in seed.events)


def test_seed_other_events(seed):
    kinds = {(e.type, e.agent_text) for e in seed.events}
    assert ("PROTEST", "Human rights groups") in kinds
    demand = next(e for e in seed.events if e.type == "DEMAND")
    assert _name(seed, demand.agent) == "Zeid Ra'ad Al Hussein"
    graves = next(e for e in seed.events if e.type == "INVESTIGATE" and e.count_best == 14)
    assert graves.claimed_by_text == "Iraqi security forces"


def test_given_publication_date_anchors_relative_times(nlp):
    result = process("Rebels attacked the town two years ago, officials said on Tuesday.",
                     published="2016-07-21", nlp=nlp)
    assert result.article.published == "2016-07-21"
    assert result.article.published_inferred is None
    ago = next(t for t in result.times if t.text == "two years ago")
    assert (ago.value, ago.anchor, ago.anchor_kind) == ("2014", "2016-07-21", "published")
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert (attack.time_value, attack.background) == ("2014", True)


@pytest.mark.parametrize("text, expected", [
    # a length says how long, not when
    ("A court in Cairo sentenced the activist to 30 years in prison.", ("sentenced", None)),
    ("Rebels and troops clashed for a week near the border.", ("clashed", None)),
    # a period that ends now is when
    ("Thousands of workers have protested over the past two weeks against the closure.",
     ("protested", "the past two weeks")),
    ("Police said gunmen attacked the village on Sunday, killing four people.", ("attacked", "Sunday")),
])
def test_an_events_time_says_when_not_how_long(nlp, text, expected):
    result = process(text, published="1987-03-10", nlp=nlp)
    times = {t.id: t.text for t in result.times}
    event = next(e for e in result.events if e.trigger == expected[0])
    assert (event.trigger, times.get(event.time)) == expected


def test_html_input_goes_through_trafilatura(nlp):
    html = ("<html><head><title>Floods hit the valley</title></head><body><article>"
            "<h1>Floods hit the valley</h1><p>Heavy rain flooded the valley on Monday and police arrested two "
            "looters in the town centre, the mayor said.</p><p>Share this article</p>"
            "<p>Rescue teams worked through the night to reach families cut off by the water.</p>"
            "</article></body></html>")
    result = process(html, published="2021-03-02", nlp=nlp)
    assert result.article.title == "Floods hit the valley"
    assert "Share this article" not in result.article.text
    assert [(e.type, e.mode, e.target_text) for e in result.events if e.type == "COERCE"] == [
        ("COERCE", "arrest", "two looters")]


def test_bad_inputs_raise_clear_errors(nlp):
    with pytest.raises(BadDate, match="cannot read 'next blursday' as a date"):
        process("Some text about a protest.", published="next blursday", nlp=nlp)
    with pytest.raises(EmptyArticle, match="no article text"):
        process("   \n  ", nlp=nlp)
    # a stray word is no article; a one-sentence brief is
    with pytest.raises(EmptyArticle, match="too little text for an article: 1 word"):
        process("hi", nlp=nlp)
    assert process("Gunmen killed three people in Kano on Friday.", nlp=nlp).events


@pytest.mark.parametrize("value, expected", [
    ("2016-07-21", "2016-07-21"), ("2016-02-29", "2016-02-29"), ("2016-07", "2016-07"), ("2016", "2016"),
    ("2016-07-21T10:00:00Z", "2016-07-21"),
    ("2016-99-99", None), ("2015-02-29", None), ("2016-13", None), ("2019-13-45T00:00", None),
])
def test_iso_looking_dates_must_be_calendar_dates(value, expected):
    assert normalise_date(value) == expected
    if expected is None:
        with pytest.raises(BadDate, match="not a calendar date"):
            normalise_date(value, strict=True)


def test_a_record_with_an_impossible_date_is_quarantined_with_its_file_and_line(tmp_path, nlp):
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "Rebels killed 12 villagers in Idlib on Sunday.", "published": "2019-13-45"}\n'
        '{"text": "Police arrested two men in Basra on Monday.", "published": "2019-02-03"}\n', encoding="utf-8")
    outputs = list(process_stream(iter_inputs([tmp_path]), nlp, batch_size=2))
    rejections = [o for o in outputs if isinstance(o, Rejection)]
    results = [o for o in outputs if not isinstance(o, Rejection)]
    assert [(Path(r.path).name, r.line, r.reason) for r in rejections] == [
        ("feed.jsonl", 1, "bad publication date: '2019-13-45' is not a calendar date (month 01-12, day within the month)")]
    assert [r.article.published for r in results] == ["2019-02-03"]


def test_stream_turns_failures_into_rejections_and_keeps_going(tmp_path, nlp):
    (tmp_path / "a.txt").write_text("Police arrested three men in Lagos on Friday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("   ", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Soldiers killed four rebels near the border.", encoding="utf-8")
    outputs = list(process_stream(iter_inputs([tmp_path]), nlp, batch_size=2))
    rejections = [o for o in outputs if isinstance(o, Rejection)]
    results = [o for o in outputs if not isinstance(o, Rejection)]
    assert [(Path(r.path).name, r.reason) for r in rejections] == [("b.txt", "empty file")]
    assert sorted(Path(r.article.path).name for r in results) == ["a.txt", "c.txt"]


def test_seed_places_are_geocoded_with_precision(seed):
    tikrit = next(p for p in seed.places if p.text == "Tikrit")
    assert (tikrit.country_code, tikrit.admin1, tikrit.precision) == ("IQ", "Şalāḩ ad Dīn", "exact")
    assert abs(tikrit.lat - 34.6) < 0.2 and abs(tikrit.lon - 43.7) < 0.2
    camp = next(p for p in seed.places if p.text == "Camp Speicher")
    assert camp.name == "Camp Speicher" and camp.precision in {"town", "district"}
    assert "Tikrit" in camp.reason
    massacre = next(e for e in seed.events if e.type == "ASSAULT" and e.count_best == 1700)
    place = next(p for p in seed.places if p.id == massacre.place)
    assert (place.text, massacre.place_precision) == ("Camp Speicher", camp.precision)


def test_reported_speech_names_who_says_so_without_making_it_a_claim(nlp):
    result = process("Police said that gunmen killed three villagers near Kano on Sunday.",
                     published="2020-03-02", nlp=nlp)
    killing = next(e for e in result.events if e.type == "ASSAULT")
    assert (killing.modality, killing.claimed_by_text, killing.count_best) == ("occurred", "Police", 3)


def test_events_inside_a_direct_quote_are_the_speakers_claims(nlp):
    result = process('The minister said: "Rebels burned the village and killed 20 people."',
                     published="2020-03-02", nlp=nlp)
    killing = next(e for e in result.events if e.type == "ASSAULT" and e.count_best == 20)
    assert (killing.modality, killing.claimed_by_text) == ("claimed", "The minister")


# -- issue #6 ("Done means") on the seed: general rules, checked here on the seed and on invented sentences --

def test_seed_protests_are_one_event_whose_torture_claim_is_the_protesters(seed):
    protests = [e for e in seed.events if e.type == "PROTEST"]
    assert len(protests) == 1  # "Human rights groups have protested …" and "But human rights have protested …"
    protest = protests[0]
    assert (protest.agent_text, protest.modality, len(protest.evidence)) == ("Human rights groups", "occurred", 2)
    torture = [e for e in seed.events if e.mode == "torture"]
    assert [(e.type, e.modality, e.claimed_by_text) for e in torture] == [("ASSAULT", "claimed", "human rights")]
    assert not any(e.mode == "torture" and e.modality == "occurred" for e in seed.events)


def test_seed_un_count_of_executions_spans_2016_and_is_news(seed):
    count = next(e for e in seed.events if e.count_best == 45)
    assert (count.type, count.mode, count.modality, _name(seed, count.claimed_by)) == (
        "COERCE", "execution", "occurred", "United Nations")
    last_month = next(t for t in seed.times if t.text == "last month")
    assert count.time == last_month.id
    assert count.time_range_start[:4] == "2016"  # "since the beginning of 2016"
    assert count.time_range_end == last_month.range_end  # "as of last month"
    assert count.background is False
    # Only the UN's sentence tells of the 45: the concern about the 36 men's sentence is the hanging's.
    assert len(count.evidence) == 1
    assert seed.article.text[count.evidence[0].start:count.evidence[0].end].startswith("The UN revealed")


def test_seed_hanging_targets_the_men_not_the_organisation(seed):
    hanging = next(e for e in seed.events if e.mode == "execution" and e.modality == "approved")
    assert (hanging.target, hanging.target_text) == (None, "36 ISIS fanatics")
    # "concern over the implementation of the death sentence for the more than 30 men" refers to the hanging.
    assert any(seed.article.text[s.start:s.end].startswith("The United Nations chief") for s in hanging.evidence)


def test_seed_issue_6_event_list(seed):
    """Every event issue #6 expects, with its evidence."""
    def one(pred):
        found = [e for e in seed.events if pred(e)]
        assert len(found) == 1, [(e.type, e.mode, e.trigger) for e in seed.events]
        assert found[0].evidence
        return found[0]

    massacre = one(lambda e: e.mode == "mass-killing")
    assert (massacre.type, _name(seed, massacre.agent), massacre.count_best, massacre.time_value,
            massacre.background) == ("ASSAULT", "ISIS", 1700, "2014", True)
    conviction = one(lambda e: e.mode == "legal-action" and e.count_best == 40)
    assert conviction.modality == "occurred"
    hanging = one(lambda e: e.mode == "execution" and e.modality == "approved")
    assert hanging.count_best == 36
    graves = one(lambda e: e.type == "INVESTIGATE")
    assert (graves.count_best, graves.claimed_by_text) == (14, "Iraqi security forces")
    one(lambda e: e.type == "PROTEST")
    one(lambda e: e.mode == "torture")
    concern = one(lambda e: e.type == "ACCUSE" and e.trigger == "concern")
    assert _name(seed, concern.agent) == "Zeid Ra'ad Al Hussein"
    one(lambda e: e.count_best == 45)
    demand = one(lambda e: e.type == "DEMAND")
    assert demand.modality == "occurred"


def test_mentions_with_a_truncated_agent_merge_but_different_agents_do_not(nlp):
    result = process("Farm workers protested the new land law in the capital. "
                     "But the workers have protested the decision, saying it was rushed.",
                     published="2016-07-21", nlp=nlp)
    assert [(e.type, e.agent_text, len(e.evidence)) for e in result.events] == [("PROTEST", "Farm workers", 2)]
    result = process("Government soldiers attacked the village. Rebel soldiers attacked the town.",
                     published="2016-07-21", nlp=nlp)
    assert [(e.agent_text, e.target_text) for e in result.events] == [
        ("Government soldiers", "the village"), ("Rebel soldiers", "the town")]


def test_an_allegation_in_a_protest_is_a_claim_of_the_protesters(nlp):
    result = process("Lawyers for the men protested the verdict on Monday, saying the confessions had been "
                     "extracted under torture.", published="2016-07-21", nlp=nlp)
    assert [(e.type, e.modality, e.claimed_by_text) for e in result.events] == [
        ("PROTEST", "occurred", None), ("ASSAULT", "claimed", "Lawyers")]


@pytest.mark.parametrize("text, time_range, background", [
    # "since X" starts the period, "as of Y" ends it; a count that runs up to the news is not background,
    # though it is told in the past perfect and its closest date is last year.
    ("Police said that 12 people had been arrested since January 2015, as of last week.",
     ("2015-01", "2016-W28"), False),
    ("Rebels killed 40 villagers between 2010 and 2012, the report said.", ("2010", "2012"), True),
    ("Rebels killed 40 villagers on Sunday, the report said.", (None, None), False),
    # "for the first time since 2012" compares; it is not the period of the event.
    ("Government forces seized the highway on Tuesday for the first time since 2012, the monitor said.",
     (None, None), False),
])
def test_events_carry_the_period_their_clause_gives(nlp, text, time_range, background):
    result = process(text, published="2016-07-21", nlp=nlp)
    event = result.events[0]
    assert ((event.time_range_start, event.time_range_end), event.background) == (time_range, background)


def test_a_name_that_only_modifies_the_target_is_its_affiliation_not_the_target(nlp):
    result = process("The army killed three ISIS fighters near Mosul on Sunday. Rebels attacked the city of Mosul.",
                     published="2016-07-21", nlp=nlp)
    names = {e.id: e.name for e in result.entities}
    assert [(names.get(e.target), e.target_text) for e in result.events] == [
        (None, "three ISIS fighters"), ("Mosul", "the city of Mosul")]


def test_a_definite_noun_referring_to_an_approved_event_joins_it(nlp):
    result = process("The president approved the hanging of three prisoners. "
                     "Rights groups expressed concern over the hanging.", published="2016-07-21", nlp=nlp)
    hanging = next(e for e in result.events if e.mode == "execution")
    assert (hanging.modality, hanging.count_best, len(hanging.evidence)) == ("approved", 3, 2)
    assert len([e for e in result.events if e.mode == "execution"]) == 1


def test_a_pronoun_speaker_is_the_person_it_refers_back_to(nlp):
    """"She said" goes to the woman named before, not to the last person mentioned."""
    result = process("Mrs Ann Lee, the charity head, spoke on Monday. Mr John Smith arrived later. "
                     "She said the shelter would open next week.", published="2021-03-01", nlp=nlp)
    names = {e.id: e.name for e in result.entities}
    assert [(q.text, names.get(q.speaker), q.speaker_text) for q in result.quotes] == [
        ("the shelter would open next week", "Ann Lee", "Ann Lee")]


def test_a_nationality_before_the_speakers_noun_is_not_the_speaker(nlp):
    """"Iraqi security forces said": the forces speak, not the nationality; a named speaker still resolves."""
    result = process("Iraqi security forces said they had found 14 mass graves. "
                     "Kurdish officials said the road was closed. The Kurdistan Regional Government said it would "
                     "reopen it.", published="2021-03-01", nlp=nlp)
    names = {e.id: e.name for e in result.entities}
    assert [(q.speaker_text, names.get(q.speaker)) for q in result.quotes] == [
        ("Iraqi security forces", None), ("Kurdish officials", None),
        ("Kurdistan Regional Government", "Kurdistan Regional Government")]


# Casualties: the dead and the hurt an article reports, read off its events.

def _violence(result):
    return [(e.mode, e.modality, e.target_text, e.count_best, e.background) for e in result.events
            if e.type == "ASSAULT"]


@pytest.mark.parametrize("text, expected", [
    # "shot and killed" is one event, a killing, of the man both words tell of.
    ("Police say a man was shot and killed at the park on Monday.", [("killing", "occurred", "a man", None, False)]),
    # The figure of the dead, not of everyone shot.
    ("Gunmen shot five people on Monday, killing two.", [("killing", "occurred", "two", 2, False)]),
    # A weapon named once still describes the whole event, its figure is the dead, and the wounded are its injured
    # figure (test_the_wounded_of_an_attack_are_its_injured_figure), not an event of their own.
    ("A car bomb exploded near the market on Monday, killing 12 people and wounding 30.",
     [("car-bomb", "occurred", "12 people", 12, False)]),
    # The victim is described rather than named.
    ("A 42-year-old man was fatally shot on Monday. Rodney Jones died at the hospital.",
     [("killing", "occurred", "A 42-year-old man", None, False)]),
])
def test_the_dead_make_a_shooting_a_killing_with_their_figure(nlp, text, expected):
    assert _violence(process(text, published="2016-03-02", nlp=nlp)) == expected


def test_a_tally_over_a_period_stays_apart_from_the_incident_as_background(nlp):
    result = process("A boy was shot dead on Tuesday. At least 555 children have been killed in the city since 2008.",
                     published="2016-03-02", nlp=nlp)
    assert _violence(result) == [("killing", "occurred", "A boy", None, False),
                                 ("killing", "occurred", "At least 555 children", 555, True)]


def test_the_number_of_wounds_is_not_the_number_of_people_hurt(nlp):
    result = process("The woman suffered six gunshot wounds in the shooting and was listed in serious condition.",
                     published="2016-03-02", nlp=nlp)
    assert [(e.mode, e.target_text, e.count_best, e.injured_best) for e in result.events] == [
        ("injury", "The woman", None, 1.0)]  # one woman wounded, not six


@pytest.mark.parametrize("text, expected", [
    # Somebody shot in an article that tells of no death was wounded ...
    ("A man was shot in the leg on Monday and taken to a hospital.", [("injury", "occurred", "A man", None, False)]),
    # ... but shooting at somebody hits nobody,
    ("Gunmen shot at a police car on Monday.", [("firearms", "occurred", None, None, False)]),
    # ... and beside a death the shooting is the killing, of the one who died.
    ("A man was shot in the leg on Monday. His brother was shot dead.",
     [("killing", "occurred", "His brother", None, False)]),
])
def test_somebody_shot_in_an_article_with_no_death_was_wounded(nlp, text, expected):
    assert _violence(process(text, published="2016-03-02", nlp=nlp)) == expected


def test_a_past_perfect_mention_does_not_make_an_event_told_as_news_background(nlp):
    result = process("Officers found the victim on Monday; he had been shot in the chest. The man was shot on Monday "
                     "night and died at the scene.", published="2016-03-02", nlp=nlp)
    assert [(e.mode, e.background) for e in result.events if e.type == "ASSAULT"] == [("killing", False)]


def test_a_nationality_before_the_agents_noun_is_not_the_agent_but_an_organisation_is(nlp):
    """"Kurdish fighters attacked": the fighters act, not the nationality; "Islamic State fighters" are the group's."""
    result = process("Kurdish fighters attacked the village on Monday. Islamic State fighters shelled the town on "
                     "Tuesday.", published="2021-03-03", nlp=nlp)
    names = {e.id: e.name for e in result.entities}
    assert [(e.trigger, e.agent_text, names.get(e.agent)) for e in result.events] == [
        ("attacked", "Kurdish fighters", None), ("shelled", "Islamic State fighters", "Islamic State")]


def test_an_attack_days_before_a_new_year_story_is_news_and_its_headline_joins_it(nlp):
    text = ("Bomb kills 12 in Kabul\n"
            "A suicide bomber killed 12 people at a mosque in Kabul on Tuesday, officials said.\n")
    events = process(text, published="2020-01-02", nlp=nlp).events
    assert [(e.type, e.time_value, e.background, e.instrument_text, e.claimed_by_text, e.count_best)
            for e in events] == [("ASSAULT", "2019-12-31", False, "Bomb", "officials", 12.0)]
    # A year earlier by more than a month is still background.
    old = process("Gunmen killed 12 villagers in Zamfara state in October 2019, police said.",
                  published="2020-01-02", nlp=nlp).events
    assert [(e.time_value, e.background) for e in old] == [("2019-10", True)]


def test_a_headline_without_a_source_does_not_hide_who_reports_the_event(nlp):
    text = ("Gunmen kill 12 villagers in northern Nigeria\n"
            "Gunmen killed 12 villagers in Zamfara state on Tuesday, police said.\n")
    events = process(text, published="2021-03-04", nlp=nlp).events
    assert [(e.agent_text, e.claimed_by_text, len(e.evidence)) for e in events] == [("Gunmen", "police", 2)]


def test_a_pronoun_agent_is_who_it_refers_back_to(nlp):
    text = ("Iraqi security forces said that since recapturing the city of Tikrit they had found 14 mass graves.\n"
            "Police said he shot two guards before fleeing.\n")
    events = process(text, published="2016-07-21", nlp=nlp).events
    by_trigger = {e.trigger: e for e in events}
    assert by_trigger["found"].agent_text == "Iraqi security forces"
    assert by_trigger["recapturing"].agent_text == "Iraqi security forces"
    assert by_trigger["recapturing"].acled_sub_type == "Government regains territory"
    # "he" agrees with no earlier subject ("Police" is plural): nothing to resolve, the pronoun stays.
    assert by_trigger["shot"].agent_text == "he"


def test_a_party_named_as_target_is_not_where_an_act_between_parties_happened(nlp):
    text = ("The UN chief called on Iraq to end the death penalty.\n"
            "Government forces recaptured Tikrit on Monday.\n")
    events = {e.trigger: e for e in process(text, published="2016-07-21", nlp=nlp).events}
    assert events["called"].target_text == "Iraq" and events["called"].place_text is None
    assert events["recaptured"].place_text == "Tikrīt"


def _event_rows(result):
    return [(e.type, e.mode, e.trigger, e.agent_text, e.target_text, e.place_text, e.time_value, e.count_best,
             e.claimed_by_text) for e in result.events]


@pytest.mark.parametrize("text, expected", [
    # a gapped passive keeps its own subject: two others were injured (the explosion's injured figure, see
    # test_a_gapped_passive_gives_the_wounded_apart_from_the_dead), not the three dead
    ("Three people were killed and two others injured when a huge explosion went off in a suburb of the capital.",
     [("ASSAULT", "explosives", "killed", None, "Three people", None, None, 3.0, None)]),
    # a disaster's toll is not violence; violence after a disaster is
    ("The region was hit by an earthquake that killed up to 1,000 people.", []),
    ("Dozens of villagers died in the floods.", []),
    ("The airliner crashed near the airport, killing 27 people.", []),
    ("The ferry capsized, drowning 40 passengers.", []),
    ("After the earthquake, gunmen killed 12 villagers.",
     [("ASSAULT", "killing", "killed", "gunmen", "12 villagers", None, None, 12.0, None)]),
    # a date is when, not part of who; a wh-word and a dateline's dash are not part of the agent
    ("The base is near where South African troops last May launched a military attack against guerrilla targets.",
     [("ASSAULT", "attack", "attack", "South African troops", "guerrilla targets", None, "1986-05", None, None)]),
    ("The fighting began when up to 800 leftwing guerrillas attacked the base.",
     [("ASSAULT", "clash", "attacked", "up to 800 leftwing guerrillas", "the base", None, None, None, None)]),
    ("MANILA - Communist rebels killed 18 soldiers in an ambush, the army said.",
     [("ASSAULT", "killing", "killed", "Communist rebels", "18 soldiers", "Manila", None, 18.0, "the army")]),
    # a bare number captured is people, not property
    ("Chadian troops killed 384 Libyans and captured 48 in fighting near the air base.",
     [("ASSAULT", "killing", "killed", "Chadian troops", "384 Libyans", None, None, 384.0, None),
      ("COERCE", "arrest", "captured", "Chadian troops", "48", None, None, 48.0, None)]),
])
def test_event_arguments_from_real_wire_phrasing(nlp, text, expected):
    assert _event_rows(process(text, published="1987-03-20", nlp=nlp)) == expected


@pytest.mark.parametrize("text, expected", [
    # two tolls of the same people from the narrator, on two days in two provinces: two events, and the land mines
    # belong to the killing of their own sentence
    ("Rebels killed 18 soldiers in Mindanao, the army said. On Tuesday, 19 soldiers were killed in Quezon after "
     "land mines blew up a truck.",
     [("ASSAULT", "killing", "killed", "Rebels", "18 soldiers", "Mindanao", None, 18.0, "the army"),
      ("ASSAULT", "remote-explosive", "killed", None, "19 soldiers", "Quezon", "1987-03-17", 19.0, None)]),
    # the same kind of attack in two cities on two days
    ("Gunmen killed four people in Kandahar on Monday. Gunmen killed four people in Herat on Tuesday.",
     [("ASSAULT", "killing", "killed", "Gunmen", "four people", "Kandahār", "1987-03-16", 4.0, None),
      ("ASSAULT", "killing", "killed", "Gunmen", "four people", "Herāt", "1987-03-17", 4.0, None)]),
    # the toll first told, not a later partial figure of the same people
    ("A car bomb exploded at the base last night, injuring about 30 people. A spokeswoman said seven people were "
     "still being treated in hospital after the blast.",
     [("ASSAULT", "car-bomb", "injuring", None, "about 30 people", None, "1987-03-19TNI", 30.0, None)]),
])
def test_mentions_of_different_occasions_are_not_merged(nlp, text, expected):
    assert _event_rows(process(text, published="1987-03-20", nlp=nlp)) == expected


@pytest.mark.parametrize("text, expected", [
    # a day told with a clock time in GMT may be the local day before: one raid, not two
    ("Iraqi jets attacked an Iranian oil platform early on Monday, shipping sources said. "
     "The raid on the platform came on Sunday at 2300 GMT.",
     [("ASSAULT", "aerial", "attacked", "Iraqi jets", "an Iranian oil platform", None, "1987-03-16", None, None)]),
    # without the GMT clock, or two days apart even with it, the days are two occasions
    ("Iraqi jets attacked an Iranian oil platform early on Monday, shipping sources said. "
     "The raid on the platform came on Sunday.",
     [("ASSAULT", "aerial", "attacked", "Iraqi jets", "an Iranian oil platform", None, "1987-03-16", None,
       "shipping sources"),
      ("ASSAULT", "attack", "raid", None, "the platform", None, "1987-03-15", None, None)]),
    ("Iraqi jets attacked an Iranian oil platform early on Monday, shipping sources said. "
     "The raid on the platform came on Saturday at 2300 GMT.",
     [("ASSAULT", "aerial", "attacked", "Iraqi jets", "an Iranian oil platform", None, "1987-03-16", None,
       "shipping sources"),
      ("ASSAULT", "attack", "raid", None, "the platform", None, "1987-03-14", None, None)]),
    # coordinated verbs sharing their agent and target are one act, named by what it did
    ("Guerrillas attacked and destroyed a bridge near Usulutan on Monday, the army said.",
     [("ASSAULT", "destroy", "destroyed", "Guerrillas", "a bridge", "Usulután", "1987-03-16", None, "the army")]),
    ("Guerrillas attacked, looted and burned a police station in Usulutan on Monday.",
     [("ASSAULT", "destroy", "burned", "Guerrillas", "a police station", "Usulután", "1987-03-16", None, None)]),
    # each verb with its own target is its own act; coordinated, they share the scene and the day
    ("Guerrillas attacked an army post and destroyed a bridge near Usulutan on Monday.",
     [("ASSAULT", "attack", "attacked", "Guerrillas", "an army post", "Usulután", "1987-03-16", None, None),
      ("ASSAULT", "destroy", "destroyed", "Guerrillas", "a bridge", "Usulután", "1987-03-16", None, None)]),
])
def test_one_event_told_twice_is_merged(nlp, text, expected):
    assert _event_rows(process(text, published="1987-03-20", nlp=nlp)) == expected


def test_a_verb_without_a_place_shares_the_scene_of_the_clause_it_is_linked_to(nlp):
    result = process("Iraqi security forces said that since recapturing the city of Tikrit they had found 14 mass "
                     "graves.", published="2016-07-21", nlp=nlp)
    places = {e.trigger: e.place_text for e in result.events}
    assert places == {"recapturing": "Tikrīt", "found": "Tikrīt"}


@pytest.mark.parametrize("text, trigger, place", [
    # of two places attached to the trigger, the more precise is where it happened
    ("Three people were killed when a huge explosion went off in a suburb of Botswana's capital Gaborone.",
     "killed", "Gaborone"),
    # a demonym describing a party is not a place of the event; the written region is
    ("Farmers occupied land seized from Canadian missionaries in northern Haiti.", "seized", "Haiti"),
    # an adjective of a place noun still places it
    ("An Iranian gunboat attacked a tanker in Kuwaiti waters.", "attacked", "Kuwait"),
])
def test_event_place_is_the_most_precise_place_that_is_not_a_party(nlp, text, trigger, place):
    result = process(text, published="1987-03-20", nlp=nlp)
    assert {e.trigger: e.place_text for e in result.events}[trigger] == place


def test_an_adverbial_clause_does_not_lend_its_time(nlp):
    # "arrested on Monday after attacking …": the attack came before the arrest, on a day not given
    result = process("Police arrested two men on Monday after they attacked a bank in Lagos.",
                     published="1987-03-20", nlp=nlp)
    rows = {e.trigger: (e.place_text, e.time_value) for e in result.events}
    assert rows["arrested"] == ("Lagos", "1987-03-16")
    assert rows["attacked"] == ("Lagos", None)


def test_a_passive_chain_of_acts_done_to_one_person_stays_apart(nlp):
    result = process("The third crewman was captured, tried and sentenced to 30 years in jail.",
                     published="1987-03-20", nlp=nlp)
    assert [e.trigger for e in result.events] == ["captured", "tried"]


def test_an_event_dated_after_publication_is_planned(nlp):
    result = process("Thatcher left Bonn yesterday ahead of her visit to Moscow next week.", published="1987-03-24",
                     nlp=nlp)
    assert [(e.trigger, e.modality, e.time_value) for e in result.events] == [("visit", "planned", "1987-W14")]


def test_a_scraped_dateline_is_one_place_without_the_site_name_glued_to_it(nlp):
    text = ("Man shot outside bar | fox13now.comFAYETTEVILLE, N.C. – Police said a man was shot outside "
            "a bar on Friday night.")
    result = process(text, nlp=nlp)
    assert [p.text for p in result.places if "FAYETTEVILLE" in p.text] == ["FAYETTEVILLE"]
    town = next(p for p in result.places if p.text == "FAYETTEVILLE")
    assert (town.name, town.admin1, town.precision) == ("Fayetteville", "North Carolina", "exact")
    shooting = next(e for e in result.events if e.type == "ASSAULT")
    assert shooting.place == town.id


@pytest.mark.parametrize("text, town", [
    ("Woman accidentally shot husband | fox13now.comFAYETTEVILLE, N.C. – A North Carolina woman accidentally shot "
     "her husband in the chest after he tried to surprise her with breakfast, according to authorities.",
     "Fayetteville"),
    ("DUNCANNON, Pa. – A man was shot and killed in Pennsylvania on Friday, police said.", "Duncannon"),
    # a name the gazetteer lacks, put only in the country, says less than the dateline town
    ("DETROIT (WJBK) - Police are investigating a death. A 42-year-old woman was fatally shot in Zorbaville on "
     "Wednesday night.", "Detroit"),
])
def test_an_event_placed_in_the_dateline_towns_state_is_in_the_dateline_town(nlp, text, town):
    # issue #5: the dateline says more than the state around it
    result = process(text, nlp=nlp)
    shooting = next(e for e in result.events if e.type == "ASSAULT")
    place = next(p for p in result.places if p.id == shooting.place)
    assert (place.type, place.name, place.precision) == ("DATELINE", town, "exact")


def test_an_event_told_only_through_a_county_dateline_is_in_that_county(nlp):
    # a name the gazetteer lacks, put only in the country, says less than the county of the dateline
    result = process("JEFFERSON COUNTY, Colo. (CBS4) – Police are investigating a death. A man was fatally shot "
                     "in Zorbaville on Sunday.", nlp=nlp)
    shooting = next(e for e in result.events if e.type == "ASSAULT")
    place = next(p for p in result.places if p.id == shooting.place)
    assert (place.type, place.name, place.admin1, place.precision) == \
        ("DATELINE", "Jefferson County", "Colorado", "district")


def test_a_victims_home_town_is_not_where_he_was_killed(nlp):
    # issue #5: "a Summerville man" says where he lived; the Florence dateline says where it happened
    result = process("FLORENCE, S.C. (WCIV) — A 19-year-old man shot and killed a 22-year-old Summerville man last "
                     "week, police said.", nlp=nlp)
    killing = next(e for e in result.events if e.type == "ASSAULT")
    place = next(p for p in result.places if p.id == killing.place)
    assert (place.type, place.name, place.admin1) == ("DATELINE", "Florence", "South Carolina")


@pytest.mark.parametrize("text, expected", [
    # issue #5: the town in a site's name after the title is where the publisher is, not the event's place
    ("2 killed, 3 wounded in shooting at homeless camp - FOX 8 WVUE New Orleans News, Weather, Sports(RNN) - Two "
     "people are dead after a shooting in a Seattle homeless camp, police said.",
     [("killed", "killing", "Seattle")]),  # the 3 wounded are the killing's injured figure
    ("Ex-con accused of killing officer turns self in - KLTV.com-Tyler, Longview, Texas | ETX News A man accused "
     "of killing a police officer turned himself in on Monday.",
     [("accused", "accuse", None), ("killing", "killing", None)]),
])
def test_a_town_in_the_sites_name_after_the_title_is_no_place_of_the_headlines_event(nlp, text, expected):
    result = process(text, nlp=nlp)
    assert [(e.trigger, e.mode, e.place_text) for e in result.events] == expected


@pytest.mark.parametrize("text, place", [
    # issue #5: the one town the article names in the state given as the scene says more than the state …
    ("A man was shot and killed at a Walmart in Pennsylvania, police said. The man had walked into the store in "
     "Stroudsburg late Saturday.", "Stroudsburg"),
    # … but of two towns named as often, neither is taken
    ("A man was shot and killed in Pennsylvania, police said. Officers from Stroudsburg and Easton were called.",
     "Pennsylvania"),
])
def test_an_event_placed_in_a_state_is_in_the_articles_one_town_there(nlp, text, place):
    result = process(text, nlp=nlp)
    assert [(e.trigger, e.mode, e.place_text) for e in result.events] == [("killed", "killing", place)]


def test_an_event_in_another_state_than_the_dateline_keeps_its_own_place(nlp):
    result = process("MEMPHIS, Tenn. – A police officer was shot and killed in Texas on Friday, police said.",
                     nlp=nlp)
    shooting = next(e for e in result.events if e.type == "ASSAULT")
    assert next(p.name for p in result.places if p.id == shooting.place) == "Texas"


@pytest.mark.parametrize("text, trigger, modality", [
    # a bare plural names a kind of event …
    ("Fast-tracking executions will only accelerate injustice.", "executions", "hypothetical"),
    # … unless a relative clause tells a particular one
    ("The move led to riots in which 15 people were killed.", "riots", "occurred"),
])
def test_a_bare_plural_is_a_kind_of_event_unless_a_clause_tells_one(nlp, text, trigger, modality):
    result = process(text, published="1987-03-20", nlp=nlp)
    assert {e.trigger: e.modality for e in result.events}[trigger] == modality


# Which figure and which time an event gets.

@pytest.mark.parametrize("text, expected", [
    # a protest counts the people who protest (its agent) ...
    ("About 3,000 miners went on strike in the north on Monday.", [("went on strike", 3000)]),
    ("About 5,000 people marched against the 12 new laws on Monday.", [("marched", 5000)]),
    ("Two small shipping companies went on strike on Monday.", [("went on strike", None)]),
    ("Protestors set cars ablaze in the district, while 5,000 farmers joined the demonstrations in the capital.",
     [("set cars ablaze", None), ("demonstrations", 5000)]),
    # ... but not the police facing them
    ("Some 200 police fired tear gas at the marchers on Monday.", [("fired tear gas", None)]),
    # one figure for the dead or the hurt is one event, a killing
    ("Rebels killed or wounded 300 soldiers near the border on Monday.", [("killed", 300)]),
    # "smashed two battalions, killed or wounded 900 rebels": the verb is active, its figure is in the conjunct
    ("The agency said government troops smashed two rebel battalions, killed or wounded 900 rebels and destroyed "
     "12 trucks.", [("killed", 900), ("destroyed", 12)]),
    # the number of shootings is not a number of people; the number of arrests is
    ("Police investigated 2 shootings in the city on Monday.", [("investigated", 2), ("shootings", None)]),
    ("Police made 300 arrests in the city on Monday.", [("arrests", 300)]),
    # a suicide is another act than the shooting of others, with its own toll
    ("A man shot three women and then killed himself on Saturday.", [("shot", 3), ("killed", None)]),
])
def test_an_event_counts_the_people_it_reached(nlp, text, expected):
    result = process(text, published="1987-03-20", nlp=nlp)
    assert [(e.trigger, e.count_best) for e in result.events] == expected


def test_an_attack_answered_by_another_is_its_own_event_with_its_own_time(nlp):
    result = process("Gunboats shelled an oil platform in what officials called a response to a missile attack last "
                     "Friday on a tanker.", published="1987-10-20", nlp=nlp)
    assert [(e.trigger, e.modality, e.time_value) for e in result.events] == [
        ("shelled", "occurred", None), ("missile attack", "occurred", "1987-10-16")]


@pytest.mark.parametrize("text, expected", [
    # the means clause ("in routing …", "while trying to …") tells when the act was done
    ("Troops killed 300 rebels in routing a large force to capture the town on Sunday.",
     [("killed", "1987-03-15"), ("capture", "1987-03-15")]),
    ("Soldiers killed 40 guerrillas while trying to retake the hill on March 15.",
     [("killed", "1987-03-15"), ("retake", "1987-03-15")]),
    # a time word describing a thing does not date the event
    ("The leader agreed to the end of the current system.", [("agreed", None)]),
])
def test_an_events_time_is_told_in_its_own_clause(nlp, text, expected):
    result = process(text, published="1987-03-20", nlp=nlp)
    assert [(e.trigger, e.time_value) for e in result.events] == expected


@pytest.mark.parametrize("text, expected", [
    # a date told beside a clock time on an unknown day names the day
    ("The shooting took place shortly after 7:30 p.m. on the evening of December 12th.",
     [("shooting", "XXXX-12-12")]),
    # a clock time, a weekday, its part of day and a date are one expression: the event has it all
    ("The shooting took place shortly after 7:30 p.m. Saturday evening, December 12th.",
     [("shooting", "XXXX-12-12T19:30")]),
    # a date written before an event noun dates that event, whatever the parser hangs it on
    ("A teenager has been charged with murder in connection to Jan. 9 shooting south of Elmwood.",
     [("charged", None), ("shooting", "XXXX-01-09")]),
    # "it happened …" tells the time of the event told just before
    ("Police were called to Oak Street where there was a fatal shooting. It happened on Thursday night, "
     "January 21st, around 8:00 p.m.", [("shooting", "XXXX-01-21TNI")]),
    # a later mention tells the day of the month told first
    ("A man was arrested Friday in the January murder of John Smith. Smith was killed Jan. 11 near the park.",
     [("arrested", None), ("murder", "XXXX-01-11")]),
    # a day hung on no event, in the sentence that first reports it (after a run-in headline)
    ("Four dead in Oak Park shooting | Channel 9A shooting in Oak Park left four people dead, including a gunman, "
     "on New Year's Eve, and the sheriff said the man who stopped him is now in custody. The sheriff said the "
     "shooting happened at about 8:40 p.m.", [("dead", "XXXX-12-31")]),
    ("Police on Tuesday night, December 29th were called out to the scene of a double shooting near Elm Street. "
     "Two men were shot inside their car.", [("shot", "XXXX-12-29TNI")]),  # one incident: the shooting happened
])
def test_an_event_carries_the_day_the_report_tells_even_without_a_year(nlp, text, expected):
    """GVDB-like reports carry no publication date: the written month and day are still the event's."""
    result = process(text, nlp=nlp)
    assert [(e.trigger, e.time_value) for e in result.events] == expected


def test_denied_charges_were_made_and_what_they_tell_is_denied(nlp):
    result = process("The government denied earlier charges of shelling border villages.", published="1987-03-20",
                     nlp=nlp)
    assert [(e.trigger, e.modality, e.agent_text, e.place_text) for e in result.events] == [
        ("charges", "occurred", None, None), ("shelling", "denied", "The government", None)]


@pytest.mark.parametrize("value", ["yesterday", "next Friday", "21 July", "2 days ago"])
def test_a_publication_date_that_names_no_year_is_refused_not_read_against_today(value):
    """Read against the clock, "yesterday" would give another date on every run: never reproducible."""
    assert normalise_date(value) is None
    with pytest.raises(BadDate, match="names no year"):
        normalise_date(value, strict=True)


@pytest.mark.parametrize("value, expected", [
    ("Tue, 21 Jul 2016 10:00:00 GMT", "2016-07-21"), ("July 21, 2016", "2016-07-21"), ("July 2016", "2016-07"),
    ("1470000000", "2016-07-31"),
])
def test_written_publication_dates_keep_the_precision_they_give(value, expected):
    assert normalise_date(value, strict=True) == expected


def test_control_characters_in_the_metadata_become_spaces_as_in_the_text():
    # a JSON Lines record's title with a NUL could not be stored in PostgreSQL
    from newsledger.model import RawArticle
    from newsledger.pipeline import prepare
    raw = RawArticle("a.jsonl:1", "Rebels killed twelve\x00villagers in Idlib on Sunday.", "text",
                     title="Twelve\x00killed\x1b[2J", url="https://example.org/a\x07", source="Wire\x00")
    article = prepare(raw)
    assert (article.text, article.title, article.url, article.source) == (
        "Rebels killed twelve villagers in Idlib on Sunday.", "Twelve killed [2J", "https://example.org/a ",
        "Wire ")


def test_an_article_over_the_length_limit_says_how_to_raise_it():
    from newsledger.model import RawArticle
    from newsledger.pipeline import prepare
    raw = RawArticle("long.txt", "Rebels killed twelve villagers in Idlib on Sunday. " * 10, "text")
    with pytest.raises(EmptyArticle, match=r"long\.txt: article has 510 characters, over the limit of 100 "
                                           r"\(NEWSLEDGER_MAX_CHARS raises it\)"):
        prepare(raw, max_chars=100)


@pytest.mark.parametrize("text, expected", [
    # the wounded of an attack are one event with it: the count keeps the dead, ``injured`` the wounded
    ("A suicide bomber killed three people and injured 20 others at a market in Baghdad on Tuesday.",
     [("suicide-bomb", "killed", 3, 20)]),
    # without dead, the wounded are the people the attack reached
    ("Gunmen bombed a checkpoint in Mosul and wounded at least 12 soldiers.", [("explosives", "bombed", 12, 12)]),
    # one wounded person beside the dead, told without a figure
    ("One person was shot dead on Main Street on Monday and a second man was injured.",
     [("killing", "shot", 1, 1)]),
    # "the victim" beside a death may be the one who died: no wounded is added
    ("A man was killed in a shooting on Monday. The victim was taken to a hospital in critical condition.",
     [("killing", "killed", None, None)]),
])
def test_the_wounded_of_an_attack_are_its_injured_figure(nlp, text, expected):
    result = process(text, published="2016-03-02", nlp=nlp)
    assert [(e.mode, e.trigger, e.count_best, e.injured_best) for e in result.events if e.type == "ASSAULT"] == expected


@pytest.mark.parametrize("text, expected", [
    # the dead named one by one are summed, with no count of the text's to point at
    ("John Smith, 24, and Jane Doe, 30, were shot and killed outside a bar on Friday.",
     [("killing", "John Smith", None, 2.0, None, None)]),
    # a figure and one more named beside it
    ("A gunman opened fire at his home on Monday, killing his three children as well as his wife.",
     [("killing", "his three children", None, 4.0, None, None)]),
    # plural nouns without a figure tell no number: "soldiers and civilians" are not two
    ("Soldiers and civilians were killed in the attack on the town on Monday.",
     [("killing", "Soldiers", None, None, None, None)]),
    ("His wife and children were shot and killed at their home on Friday.",
     [("killing", "His wife", None, None, None, None)]),
    # the wounded of a shooting told one by one: listed, "both", "another", "a second victim"
    ("Police say a 22-year-old man and a 16-year-old boy were shot on Friday night.",
     [("injury", "a 22-year-old man", None, 2.0, None, 2.0)]),
    ("A man was shot in the arm on Friday. A woman was shot in the leg. Both are listed in critical condition.",
     [("injury", "A man", None, 2.0, None, 2.0)]),
    ("Police said a 30-year-old man was shot in the chest on Sunday. Another man was shot in the foot.",
     [("injury", "a 30-year-old man", None, 2.0, None, 2.0)]),
    ("One man was shot on Main Street on Sunday. A second victim was found nearby with a gunshot wound to the arm.",
     [("injury", "One man", None, 2.0, None, 2.0)]),
    # one person wounded, with no figure: one wounded, the count stays the text's (none)
    ("A bystander was shot and wounded by an officer on Monday.", [("injury", "A bystander", None, None, None, 1.0)]),
    # "both of her legs" are no people
    ("A waitress was shot on Sunday. She is in the hospital with gunshot wounds on both of her legs.",
     [("injury", "A waitress", None, None, None, 1.0)]),
    # beside a death: "another teen" left wounded is one wounded ...
    ("A teen was shot dead on Sunday. The shooting left another teen critically wounded.",
     [("killing", "A teen", None, None, None, 1.0)]),
    # ... "Both" may count the one who died ...
    ("A man was killed and another man was wounded in a shooting on Friday. Both were taken to a hospital in "
     "critical condition.", [("killing", "A man", None, None, None, 1.0)]),
    # ... and "the child" hurt before "she died" is the one who died
    ("A girl was shot by her brother on Saturday. The child was flown to a hospital with life-threatening injuries. "
     "She died later.", [("killing", "A girl", None, None, None, None)]),
])
def test_victims_told_one_by_one_are_counted(nlp, text, expected):
    result = process(text, published="2016-01-20", nlp=nlp)
    assert [(e.mode, e.target_text, e.count, e.count_best, e.injured, e.injured_best)
            for e in result.events if e.type == "ASSAULT"] == expected


def test_the_toll_of_the_time_a_record_is_measured_from_is_background(nlp):
    result = process("A man was shot dead on Tuesday. It is the most killings the city has seen in January since "
                     "2007, when 28 were killed.", nlp=nlp)
    assert [(e.target_text, e.count_best, e.background) for e in result.events if e.type == "ASSAULT"] == [
        ("A man", None, False), ("28", 28.0, True)]


@pytest.mark.parametrize("text, expected", [
    # the things an attack hit are not its figure when the people it reached are counted
    ("Warplanes bombed two villages, killing at least 25 civilians.", [("aerial", "bombed", 25, None)]),
    ("Iraqi jets hit three ships in the Gulf, killing two seamen.", [("aerial", "hit", 2, None)]),
    ("Rebels shelled four towns overnight, killing more than 20 people and wounding dozens.",
     [("artillery", "shelled", 21, 12)]),
    # a verb coordinated with a passive participle shares its subject, the victims and their figure
    ("Seven black youths were knifed and shot to death today in a mass killing in the township.",
     [("killing", "shot", 7, None)]),
    # the toll told of an attack is its figure
    ("Officials said the death toll from yesterday's bombing in the town had risen to at least 70.",
     [("explosives", "bombing", 70, None)]),
    # a gapped "some 30 injured" is the wounded
    ("Eight people were killed and some 30 injured in a blast in a crowded cafe.",
     [("explosives", "killed", 8, 30)]),
])
def test_an_attacks_figure_counts_people_not_the_things_it_hit(nlp, text, expected):
    result = process(text, published="1987-03-20", nlp=nlp)
    assert [(e.mode, e.trigger, e.count_best, e.injured_best) for e in result.events if e.type == "ASSAULT"] == expected


def test_a_gapped_passive_gives_the_wounded_apart_from_the_dead(nlp):
    result = process("Three people were killed and two others injured when a huge explosion went off in a suburb of "
                     "the capital.", published="1987-03-20", nlp=nlp)
    assert [(e.mode, e.count_best, e.injured_best) for e in result.events] == [("explosives", 3.0, 2.0)]


@pytest.mark.parametrize("text, expected", [
    # a named group's claim of the attack is the same attack, done by the group
    ("A suicide bomber killed 30 people at a bus station in Kabul on Wednesday. The Taliban claimed responsibility "
     "for the attack.", [("suicide-bomb", "killed", "The Taliban", 30.0)]),
    # nobody named claims it: the attack keeps its own agent
    ("A suicide bomber killed 30 people at a bus station in Kabul on Wednesday. No group has claimed responsibility "
     "for the attack.", [("suicide-bomb", "killed", "A suicide bomber", 30.0)]),
])
def test_a_groups_claim_of_responsibility_names_the_attacks_agent(nlp, text, expected):
    result = process(text, published="2016-05-05", nlp=nlp)
    assert [(e.mode, e.trigger, e.agent_text, e.count_best) for e in result.events if e.type == "ASSAULT"] == expected


@pytest.mark.parametrize("text, expected", [
    # a later victim the killer "also" killed is a second dead of the same incident, even when the parse gave the
    # first killing no victim; a pronoun killer ("He also killed …") names nobody new
    ("Officer Robert Smith fatally shot a man who came at him with a bat on Saturday. The officer also "
     "accidentally shot and killed a neighbor, 55-year-old Mary Jones.",
     [("killing", "shot", "occurred", "a man", 2.0)]),
    ("A gunman shot and killed a man outside a bar on Saturday. He also killed the bartender, police said.",
     [("killing", "killed", "occurred", "a man", 2.0)]),
    # a plural victim the killer "also" killed tells no number: no total
    ("A man fatally shot his wife at their home on Monday. He also shot and killed their children, police said.",
     [("killing", "shot", "occurred", "his wife", None)]),
    # "Also on Saturday" with no killer is how round-ups tell another incident: no second victim of this one
    ("A man was shot and killed on Saturday. Also on Saturday, a woman was shot and killed on Main Street.",
     [("killing", "killed", "occurred", "A man", None)]),
    # police called out to the scene of a shooting: the shooting happened, on a street that is no target
    ("Police were called out to the scene of a double shooting on Main Street on Tuesday night.",
     [("firearms", "shooting", "occurred", None, None)]),
    # "with several bullet wounds" are the man's wounds, not wounds in general
    ("The man was taken to a hospital with several bullet wounds and is in stable condition.",
     [("injury", "condition", "occurred", "The man", None)]),
])
def test_crime_report_victims_and_modality(nlp, text, expected):
    result = process(text, published="2016-03-02", nlp=nlp)
    assert [(e.mode, e.trigger, e.modality, e.target_text, e.count_best) for e in result.events
            if e.type == "ASSAULT"] == expected


def test_events_something_came_in_the_wake_of_happened(nlp):
    result = process("The farm protest came in the wake of demonstrations last night in over 30 cities.",
                     published="1987-03-02", nlp=nlp)
    assert [(e.type, e.trigger, e.modality) for e in result.events] == [("PROTEST", "protest", "occurred")]
