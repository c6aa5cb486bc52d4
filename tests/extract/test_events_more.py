"""Pit mines versus landmines, hazards coordinated with other clauses, and what a deed held "for" is."""

import pytest

from newsledger.extract.event_codes import EventCodes, event_codes
from newsledger.extract.events import extract_event_candidates


def _events(nlp, text):
    return [(e.type, e.mode, e.trigger.text, e.modality,
             e.agent.text if e.agent is not None else None,
             e.target.text if e.target is not None else None,
             e.instrument.text if e.instrument is not None else None)
            for e in extract_event_candidates(nlp(text))]


@pytest.mark.parametrize("text", [
    "A fire at the mine killed 12 miners.",
    "Mine fires killed 12 workers in the province.",
    "The mine's operator said 12 miners were killed.",
    "An explosion at the coal mine killed 21 miners on Tuesday.",
    "Twelve miners were killed in an explosion at the mine, the mining company said.",
    "Two miners were injured in a collapse at the mine.",
    "Methane gas exploded in the pit, killing 30 miners.",
    "The company that runs the mine said a fire killed 12 workers.",
])
def test_an_accident_in_a_pit_mine_is_not_violence(nlp, text):
    assert _events(nlp, text) == []


@pytest.mark.parametrize("text, expected", [
    ("A land mine killed three soldiers.",
     [("ASSAULT", "remote-explosive", "killed", "occurred", None, "three soldiers", "A land mine")]),
    ("The mine exploded under the vehicle, killing four soldiers.",
     [("ASSAULT", "remote-explosive", "exploded", "occurred", None, None, "The mine"),
      ("ASSAULT", "remote-explosive", "killing", "occurred", None, "four soldiers", "The mine")]),
    ("Rebels planted a mine that killed three civilians.",
     [("ASSAULT", "remote-explosive", "killed", "occurred", None, "three civilians", "a mine")]),
    ("A mine went off near the school, killing two children.",
     [("ASSAULT", "remote-explosive", "killing", "occurred", None, "two children", "A mine")]),
    ("A roadside mine killed three soldiers.",
     [("ASSAULT", "remote-explosive", "killed", "occurred", None, "three soldiers", "A roadside mine")]),
])
def test_a_landmine_is_still_a_remote_explosive(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # Attacked at a mine: violence, but the mine is where, not the weapon.
    ("Gunmen attacked a gold mine, killing 12 miners.",
     [("ASSAULT", "attack", "attacked", "occurred", "Gunmen", "a gold mine", None),
      ("ASSAULT", "killing", "killing", "occurred", "Gunmen", "12 miners", None)]),
    ("Police shot dead 34 striking miners at the platinum mine.",
     [("ASSAULT", "killing", "shot", "occurred", "Police", "34 striking miners", None)]),
    # The pronoun is no weapon either.
    ("A friend of mine was shot and killed on Sunday.",
     [("ASSAULT", "firearms", "shot", "occurred", None, "A friend of mine", None),
      ("ASSAULT", "killing", "killed", "occurred", None, "A friend of mine", None)]),
])
def test_violence_at_a_pit_mine_is_not_typed_by_the_mine(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_an_attack_on_a_railway_from_a_copper_mine_is_no_mine_attack(nlp):
    events = _events(nlp, "Guerrillas blew up a railway line, interrupting train traffic from the Cobriza copper "
                          "mine to the coast.")
    assert events == [("ASSAULT", "explosives", "blew up", "occurred", "Guerrillas", "a railway line", None)]


@pytest.mark.parametrize("text, expected", [
    ("The storm killed 12 people and police arrested 3 men.",
     [("COERCE", "arrest", "arrested", "occurred", "police", "3 men", None)]),
    ("The earthquake killed 300 people and troops evacuated thousands.",
     [("AID", "evacuate", "evacuated", "occurred", "troops", "thousands", None)]),
    ("The storm killed 12 people and injured 30 others.", []),
    # Not only after a hazard: the conjunct just before a subjectless verb is its subject.
    ("Rebels killed 12 people and police arrested 3 men.",
     [("ASSAULT", "killing", "killed", "occurred", "Rebels", "12 people", None),
      ("COERCE", "arrest", "arrested", "occurred", "police", "3 men", None)]),
    ("Mourners clashed with police, prisoners rioted in a jail and guerrillas attacked security bases.",
     [("PROTEST", "riot", "clashed", "occurred", "Mourners", None, None),
      ("PROTEST", "riot", "rioted", "occurred", "prisoners", None, None),
      ("ASSAULT", "attack", "attacked", "occurred", "guerrillas", "security bases", None)]),
])
def test_a_coordinated_clause_does_not_borrow_the_first_clause_subject(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_whoever_is_arrested_for_a_deed_did_it(nlp):
    assert _events(nlp, "The storm killed 12 people, and police arrested 3 men for looting.") == [
        ("COERCE", "arrest", "arrested", "occurred", "police", "3 men", None),
        ("ASSAULT", "destroy", "looting", "occurred", "3 men", None, None)]


@pytest.mark.parametrize("text, expected, codes", [
    ("Rebels surrendered to the army.",
     ("RETREAT", "surrender", "surrendered", "occurred", "Rebels", "the army", None),
     EventCodes("0874", "08", "Strategic developments", "Agreement")),
    ("Troops withdrew from the town.",
     ("RETREAT", "withdraw", "withdrew", "occurred", "Troops", None, None),
     EventCodes("0872", "08", "Strategic developments", "Non-violent transfer of territory")),
    ("The United States withdrew from the nuclear deal.",
     ("RETREAT", "withdraw", "withdrew", "occurred", "The United States", None, None),
     EventCodes("0872", "08", "Strategic developments", "Change to group/activity")),
    ("Hezbollah forces pulled back from the province.",
     ("RETREAT", "withdraw", "pulled back", "occurred", "Hezbollah forces", None, None),
     EventCodes("0872", "08", "Strategic developments", "Change to group/activity")),
])
def test_retreats_and_surrenders_get_acled_codes(nlp, text, expected, codes):
    events = _events(nlp, text)
    assert events == [expected]
    kind, mode, _, _, agent, target, _ = expected
    assert event_codes(kind, mode, agent, target) == codes


@pytest.mark.parametrize("text, expected", [
    # "killed and wounded dozens": both verbs take the object; the bare subject acts (no headline passive)
    ("Gunmen killed and wounded dozens of people in the market on Friday.",
     [("killed", "Gunmen", "dozens of people in the market"), ("wounded", "Gunmen", "dozens of people in the market")]),
    # a headline's bare participles still report what was done to the subject
    ("Two killed, three wounded in shooting",
     [("killed", None, "Two"), ("wounded", None, "three"), ("shooting", None, None)]),
])
def test_coordinated_verbs_share_the_object_of_the_last(nlp, text, expected):
    assert [(e.trigger.text, e.agent.text if e.agent is not None else None,
             e.target.text if e.target is not None else None) for e in extract_event_candidates(nlp(text))
            if e.type == "ASSAULT"] == expected
