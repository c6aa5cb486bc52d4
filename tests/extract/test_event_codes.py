from pathlib import Path

import pytest

from newsledger.extract.event_codes import CODES, EventCodes, event_codes

DOC = Path(__file__).resolve().parents[2] / "docs" / "events.md"


@pytest.mark.parametrize("args, expected", [
    (("ASSAULT", "aerial"), EventCodes("195", "19", "Explosions/Remote violence", "Air/drone strike")),
    (("ASSAULT", "suicide-bomb"), EventCodes("1831", "18", "Explosions/Remote violence", "Suicide bomb")),
    (("ASSAULT", "killing", "Rebels", "12 villagers"),
     EventCodes("1823", "18", "Violence against civilians", "Attack")),
    (("ASSAULT", "killing", "Rebels", "18 soldiers"), EventCodes("1823", "18", "Battles", "Armed clash")),
    (("ASSAULT", "attack", "Militants", "the Kurdish positions"), EventCodes("190", "19", "Battles", "Armed clash")),
    (("ASSAULT", "attack", "Gunmen", "a checkpoint"), EventCodes("190", "19", "Battles", "Armed clash")),
    (("COERCE", "occupy", "the Syrian army"), EventCodes("192", "19", "Battles", "Government regains territory")),
    (("COERCE", "occupy", None, "The Al-Nusra Front"), EventCodes("192", "19", "Battles",
                                                                   "Government regains territory")),
    (("COERCE", "occupy", None, "the town"), EventCodes("192", "19", "Battles",
                                                         "Non-state actor overtakes territory")),
    (("COERCE", "occupy", "ISIS militants"), EventCodes("192", "19", "Battles",
                                                        "Non-state actor overtakes territory")),
    (("PROTEST", "riot"), EventCodes("145", "14", "Riots", "Violent demonstration")),
    (("COERCE", "arrest"), EventCodes("173", "17", "Strategic developments", "Arrests")),
    (("ACCUSE", "disapprove"), EventCodes("111", "11", None, None)),
    (("RETREAT", "surrender", "Ten rebels", "security forces"),
     EventCodes("0874", "08", "Strategic developments", "Agreement")),
    (("RETREAT", "withdraw", "Iraqi security forces"),
     EventCodes("0872", "08", "Strategic developments", "Non-violent transfer of territory")),
    (("RETREAT", "withdraw", "Israel", "its troops"),
     EventCodes("0872", "08", "Strategic developments", "Non-violent transfer of territory")),
    (("RETREAT", "withdraw", "The army", "the offensive"),
     EventCodes("0872", "08", "Strategic developments", "Change to group/activity")),
    (("RETREAT", "withdraw", "Hezbollah forces"), EventCodes("0872", "08", "Strategic developments",
                                                              "Change to group/activity")),
    (("RETREAT", "withdraw", "The United States"), EventCodes("0872", "08", "Strategic developments",
                                                               "Change to group/activity")),
    (("PROTEST", "no-such-mode"), EventCodes("140", "14", "Protests", "Peaceful protest")),
    (("NO-SUCH-TYPE", None), EventCodes(None, None, None, None)),
])
def test_event_codes(args, expected):
    assert event_codes(*args) == expected


def test_every_code_row_is_in_the_docs_table():
    doc = DOC.read_text()
    for (kind, mode), (cameo, _, _) in CODES.items():
        assert f"| {kind} | {mode or '(any other)'} | {cameo or ''} |" in doc, (kind, mode)
