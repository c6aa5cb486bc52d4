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
        "REQUEST", "demand", "called", "occurred")
