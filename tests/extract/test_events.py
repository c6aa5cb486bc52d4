import pytest

from newsledger.extract.events import extract_event_candidates


def _events(nlp, text):
    return [(e.type, e.mode, e.trigger.text, e.modality,
             e.agent.text if e.agent is not None else None,
             e.target.text if e.target is not None else None)
            for e in extract_event_candidates(nlp(text))]


@pytest.mark.parametrize("text, expected", [
    ("Rebels killed 12 villagers near the border.",
     [("ASSAULT", "killing", "killed", "occurred", "Rebels", "12 villagers")]),
    ("Twelve villagers were killed by rebels.",
     [("ASSAULT", "killing", "killed", "occurred", "rebels", "Twelve villagers")]),
    ("The three men will be hanged next week.",
     [("COERCE", "execution", "hanged", "planned", None, "The three men")]),
    ("Police arrested two protesters on Sunday.",
     [("COERCE", "arrest", "arrested", "occurred", "Police", "two protesters"),
      ]),
    ("The militia denied killing the journalist.",
     [("ASSAULT", "killing", "killing", "denied", "The militia", "the journalist")]),
    ("The army did not attack the town.",
     [("ASSAULT", "attack", "attack", "negated", "The army", "the town")]),
    ("The group threatened to bomb the embassy.",
     [("THREATEN", "threaten", "threatened", "occurred", "The group", None),
      ("ASSAULT", "explosives", "bomb", "threatened", "The group", "the embassy")]),
    ("Thousands of students protested against the new law in the capital.",
     [("PROTEST", "demonstrate", "protested", "occurred", "Thousands of students", "the new law")]),
])
def test_event_candidates(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_approval_makes_the_approved_event_approved(nlp):
    events = _events(nlp, "The president has approved the executions of the prisoners.")
    assert events == [("COERCE", "execution", "executions", "approved", None, "the prisoners")]


def test_claimed_execution_by_an_armed_group_is_a_killing(nlp):
    events = extract_event_candidates(nlp("The militants claimed to have executed 30 hostages."))
    assert [(e.type, e.mode, e.modality, e.claimant.text) for e in events] == [
        ("ASSAULT", "killing", "claimed", "The militants")]


def test_finding_mass_graves_is_a_discovery_but_finding_keys_is_not(nlp):
    assert _events(nlp, "Investigators found three mass graves.") == [
        ("INVESTIGATE", "discover", "found", "occurred", "Investigators", "three mass graves")]
    assert _events(nlp, "She found her keys.") == []


def test_call_on_is_a_request(nlp):
    assert _events(nlp, "The envoy called on both sides to stop fighting.")[0][:4] == (
        "DEMAND", "demand", "called", "occurred")


@pytest.mark.parametrize("text, expected", [
    ("Gunmen opened fire on a crowded bus.", [("ASSAULT", "firearms", "opened fire")]),
    ("A car bomb exploded outside the ministry.", [("ASSAULT", "car-bomb", "car bomb"),
                                                   ("ASSAULT", "explosives", "exploded")]),
    ("Two suicide bombers blew themselves up at a checkpoint.", [("ASSAULT", "suicide-bomb", "suicide bombers"),
                                                                 ("ASSAULT", "suicide-bomb", "blew themselves up")]),
    ("An air strike hit the village.", [("ASSAULT", "aerial", "air strike"), ("ASSAULT", "aerial", "hit")]),
    ("Thousands of students took to the streets of the capital.",
     [("PROTEST", "demonstrate", "took to the streets")]),
    ("Protesters threw stones and police fired tear gas.", [("PROTEST", "riot", "fired tear gas")]),
    ("Police fired tear gas to disperse the protesters.", [("PROTEST", "intervention", "fired tear gas")]),
    ("Police found a cache of weapons in the house.", [("COERCE", "disrupt-weapons", "found"),
                                                       ("COERCE", "disrupt-weapons", "cache")]),
    ("Rebels seized the town of Kidal.", [("COERCE", "occupy", "seized")]),
    ("Soldiers captured three rebel commanders.", [("COERCE", "arrest", "captured")]),
    ("Turkish forces set up a new observation post in Idlib.", [("COERCE", "base", "set up")]),
    ("Workers went on strike over unpaid wages.", [("PROTEST", "strike", "went on strike")]),
])
def test_multiword_triggers_and_context_modes(nlp, text, expected):
    assert [(e.type, e.mode, e.trigger.text) for e in extract_event_candidates(nlp(text))] == expected


@pytest.mark.parametrize("text, trigger, modality", [
    ("The union urged the government to impose sanctions.", "sanctions", "hypothetical"),
    ("Police denied rumours of riots in the city.", "riots", "denied"),
    ("The union has threatened to strike on Thursday.", "strike", "threatened"),
])
def test_requested_denied_and_threatened_events_did_not_happen(nlp, text, trigger, modality):
    events = {e.trigger.text: e.modality for e in extract_event_candidates(nlp(text))}
    assert events[trigger] == modality


def test_labour_strike_is_not_an_air_strike_and_struck_is_an_attack_only_with_weapons(nlp):
    assert _events(nlp, "Dockers began a strike over pay.")[0][:2] == ("PROTEST", "strike")
    assert _events(nlp, "The company struck a deal with the union.") == [
        ("AGREE", "agree", "deal", "occurred", None, None)]


@pytest.mark.parametrize("text, trigger, claimant, agent", [
    # A reporting participle on a protest gives the protesters' grounds: an allegation, not narrated fact.
    ("Lawyers protested the verdict, saying the confessions were extracted through torture.",
     "torture", "Lawyers", None),
    ("The opposition condemned the raid, saying soldiers had killed 12 civilians.", "killed", "The opposition",
     "soldiers"),
    # "accused X of …": X is who did it, the accuser who says so.
    ("Rights groups accused the police of torturing detainees.", "torturing", "Rights groups", "the police"),
    ("Lawyers alleged that the prisoners were beaten in custody.", "beaten", "Lawyers", None),
])
def test_events_told_in_an_allegation_are_claims_of_whoever_alleges_them(nlp, text, trigger, claimant, agent):
    event = next(e for e in extract_event_candidates(nlp(text)) if e.trigger.text == trigger)
    assert (event.modality, event.claimant.text, event.agent.text if event.agent is not None else None) == (
        "claimed", claimant, agent)


def test_neutral_reported_speech_is_not_an_allegation(nlp):
    events = extract_event_candidates(nlp("Police said that gunmen killed three villagers near Kano."))
    assert [(e.trigger.text, e.modality, e.claimant) for e in events] == [("killed", "occurred", None)]


def test_claiming_to_have_done_something_still_makes_the_claimant_the_agent(nlp):
    events = extract_event_candidates(nlp("The group claimed to have executed 30 hostages."))
    assert [(e.modality, e.agent.text, e.claimant.text) for e in events] == [("claimed", "The group", "The group")]


@pytest.mark.parametrize("text, trigger, background", [
    # Narrated in the past perfect: an earlier event.
    ("The victims had been killed before the troops arrived.", "killed", True),
    # The same tense inside reported speech is backshift, not a sign of an earlier event.
    ("The UN revealed that 45 death sentences had been carried out since January.", "sentences", False),
    ("Officials said the rebels had attacked the convoy.", "attacked", False),
    # ... unless the report itself is told in the past perfect.
    ("Officials had said the rebels had attacked the convoy.", "attacked", True),
])
def test_past_perfect_is_background_unless_it_is_reported_speech(nlp, text, trigger, background):
    event = next(e for e in extract_event_candidates(nlp(text)) if e.trigger.text == trigger)
    assert event.background_hint is background


def test_alleged_events_are_claims_but_coordinated_acts_of_a_reporting_verb_are_not(nlp):
    events = {e.trigger.text: e.modality for e in extract_event_candidates(
        nlp("Canada imposed sanctions over the alleged chemical attack."))}
    assert events == {"sanctions": "occurred", "chemical attack": "claimed"}
    # "charged" is a police charge here, and "arrested" is not what it reports.
    events = {e.trigger.text: e.modality for e in extract_event_candidates(
        nlp("Police charged the protesters and arrested 10 of them."))}
    assert events["arrested"] == "occurred"
