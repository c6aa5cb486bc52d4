"""Codes for other event schemes: PLOVER type and mode -> CAMEO and ACLED.

``CODES`` is pure data, one row per (PLOVER type, mode): the CAMEO code (with
its two-digit root) and the ACLED event type and sub-type.  The table in
docs/events.md is generated from it.  A few ACLED sub-types depend on who
acts and who is hit, which PLOVER keeps in the arguments rather than the
type: violence between armed groups is an *Armed clash* but violence against
unarmed people is an *Attack*; taking ground is *Government regains
territory* or *Non-state actor overtakes territory* by the agent (with no taker
named, ground a non-state group loses goes back to the government); state forces
withdrawing (with no object, or withdrawing troops) give up the state's hold on
ground without a fight, a *Non-violent transfer of territory*, while a
non-state group moving its fighters, or anybody withdrawing from a deal or a
bid, changes what a group does.  A surrender is an *Agreement*, as ACLED
codes surrenders, not a transfer of territory.
``event_codes`` applies those rules to the agent and target texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["EventCodes", "CODES", "ACLED_EVENT_TYPES", "event_codes"]


@dataclass(frozen=True)
class EventCodes:
    """CAMEO and ACLED codes for one event."""

    cameo: str | None  # e.g. "186" (assassinate); root is the first two digits
    cameo_root: str | None  # e.g. "18" (ASSAULT)
    acled_type: str | None  # e.g. "Violence against civilians"
    acled_sub_type: str | None  # e.g. "Attack"


_BATTLES, _EXPLOSIONS, _VAC = "Battles", "Explosions/Remote violence", "Violence against civilians"
_PROTESTS, _RIOTS, _STRATEGIC = "Protests", "Riots", "Strategic developments"
ACLED_EVENT_TYPES = (_BATTLES, _EXPLOSIONS, _VAC, _PROTESTS, _RIOTS, _STRATEGIC)

# Marker sub-types resolved by the arguments (see event_codes).
_VIOLENCE = "<attack-or-clash>"
_TERRITORY = "<territory>"
_WITHDRAWAL = "<withdrawal>"

# (PLOVER type, mode) -> (CAMEO code, ACLED event type, ACLED sub-type).  Mode None is the type's default.
CODES: dict[tuple[str, str | None], tuple[str | None, str | None, str | None]] = {
    # ASSAULT (CAMEO 18-20)
    ("ASSAULT", None): ("180", _VAC, _VIOLENCE),
    ("ASSAULT", "attack"): ("190", _VAC, _VIOLENCE),
    ("ASSAULT", "killing"): ("1823", _VAC, _VIOLENCE),
    ("ASSAULT", "mass-killing"): ("202", _VAC, "Attack"),
    ("ASSAULT", "firearms"): ("193", _VAC, _VIOLENCE),
    ("ASSAULT", "melee"): ("182", _VAC, _VIOLENCE),
    ("ASSAULT", "injury"): ("182", _VAC, _VIOLENCE),
    ("ASSAULT", "clash"): ("190", _BATTLES, "Armed clash"),
    ("ASSAULT", "explosives"): ("183", _EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("ASSAULT", "remote-explosive"): ("1833", _EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("ASSAULT", "car-bomb"): ("1832", _EXPLOSIONS, "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-bomb"): ("1831", _EXPLOSIONS, "Suicide bomb"),
    ("ASSAULT", "grenade"): ("183", _EXPLOSIONS, "Grenade"),
    ("ASSAULT", "aerial"): ("195", _EXPLOSIONS, "Air/drone strike"),
    ("ASSAULT", "artillery"): ("194", _EXPLOSIONS, "Shelling/artillery/missile attack"),
    ("ASSAULT", "chemical"): ("2041", _EXPLOSIONS, "Chemical weapon"),
    ("ASSAULT", "sexual"): ("1821", _VAC, "Sexual violence"),
    ("ASSAULT", "torture"): ("1822", _VAC, "Attack"),
    ("ASSAULT", "abduction"): ("181", _VAC, "Abduction/forced disappearance"),
    ("ASSAULT", "destroy"): ("1712", _STRATEGIC, "Looting/property destruction"),
    ("ASSAULT", "repression"): ("175", _PROTESTS, "Excessive force against protesters"),
    ("ASSAULT", "mob"): ("145", _RIOTS, "Mob violence"),
    # COERCE (CAMEO 17)
    ("COERCE", None): ("170", None, None),
    ("COERCE", "execution"): ("170", _VAC, "Attack"),
    ("COERCE", "arrest"): ("173", _STRATEGIC, "Arrests"),
    ("COERCE", "legal-action"): ("173", None, None),
    ("COERCE", "expel"): ("174", None, None),
    ("COERCE", "raid"): ("170", _STRATEGIC, "Other"),
    ("COERCE", "restrict"): ("172", None, None),
    ("COERCE", "curfew"): ("1723", _STRATEGIC, "Other"),
    ("COERCE", "martial-law"): ("1724", _STRATEGIC, "Other"),
    ("COERCE", "confiscate"): ("1711", _STRATEGIC, "Looting/property destruction"),
    ("COERCE", "disrupt-weapons"): ("1711", _STRATEGIC, "Disrupted weapons use"),
    ("COERCE", "occupy"): ("192", _BATTLES, _TERRITORY),
    ("COERCE", "base"): ("154", _STRATEGIC, "Headquarters or base established"),
    # PROTEST (CAMEO 14)
    ("PROTEST", None): ("140", _PROTESTS, "Peaceful protest"),
    ("PROTEST", "demonstrate"): ("141", _PROTESTS, "Peaceful protest"),
    ("PROTEST", "hunger"): ("142", _PROTESTS, "Peaceful protest"),
    ("PROTEST", "strike"): ("143", _PROTESTS, "Peaceful protest"),
    ("PROTEST", "boycott"): ("143", _PROTESTS, "Peaceful protest"),
    ("PROTEST", "obstruct"): ("144", _PROTESTS, "Peaceful protest"),
    ("PROTEST", "occupy"): ("144", _PROTESTS, "Peaceful protest"),
    ("PROTEST", "intervention"): ("141", _PROTESTS, "Protest with intervention"),
    ("PROTEST", "riot"): ("145", _RIOTS, "Violent demonstration"),
    # Verbal and cooperative types: CAMEO only, ACLED codes none of them except agreements
    ("ACCUSE", None): ("112", None, None),
    ("ACCUSE", "accuse"): ("112", None, None),
    ("ACCUSE", "disapprove"): ("111", None, None),
    ("DEMAND", None): ("100", None, None),
    ("DEMAND", "demand"): ("100", None, None),
    ("DEMAND", "appeal"): ("020", None, None),
    ("THREATEN", None): ("130", None, None),
    ("THREATEN", "threaten"): ("130", None, None),
    ("AGREE", None): ("030", _STRATEGIC, "Agreement"),
    ("AGREE", "agree"): ("057", _STRATEGIC, "Agreement"),
    ("AGREE", "ceasefire"): ("0871", _STRATEGIC, "Agreement"),
    ("CONSULT", None): ("040", None, None),
    ("CONSULT", "meet"): ("040", None, None),
    ("CONSULT", "negotiate"): ("046", None, None),
    ("CONSULT", "visit"): ("042", None, None),
    ("SANCTION", None): ("160", None, None),
    ("SANCTION", "sanction"): ("163", None, None),
    ("SANCTION", "restrict"): ("163", None, None),
    ("MOBILIZE", None): ("150", _STRATEGIC, "Change to group/activity"),
    ("MOBILIZE", "deploy"): ("154", _STRATEGIC, "Change to group/activity"),
    ("AID", None): ("070", None, None),
    ("AID", "evacuate"): ("073", None, None),
    ("RETREAT", None): ("084", _STRATEGIC, "Change to group/activity"),
    ("RETREAT", "withdraw"): ("0872", _STRATEGIC, _WITHDRAWAL),
    ("RETREAT", "release"): ("0841", _STRATEGIC, "Other"),
    ("RETREAT", "surrender"): ("0874", _STRATEGIC, "Agreement"),
    ("REJECT", None): ("120", None, None),
    ("REJECT", "reject"): ("120", None, None),
    ("INVESTIGATE", None): ("090", None, None),
    ("INVESTIGATE", "investigate"): ("090", None, None),
    ("INVESTIGATE", "discover"): ("092", _STRATEGIC, "Other"),
}

# Words that mark an armed actor: violence between two of them is a battle, not an attack on civilians.
_ARMED = re.compile(
    r"\b(troops?|soldiers?|army|armies|armed|forces?|military|militar\w*|militants?|militias?|militiam[ae]n|"
    r"rebels?|insurgents?|guerrillas?|fighters?|jihadists?|gunmen|police(men)?|policem[ae]n|officers?|"
    r"commanders?|brigades?|battalions?|divisions?|units?|guards?|marines?|terrorists?|taliban|gendarmes?|"
    r"troopers?|patrols?|combatants?|peshmerga|personnel|servicem[ae]n|"
    r"isis|isil|daesh|al-shabaab|boko haram|hezbollah|pkk|ypg|sdf|ira|"
    # places held by armed men: attacking "the Kurdish positions" or "a checkpoint" is fighting them
    r"positions|checkpoints?|outposts?|barracks|garrisons?|bases)\b", re.I)
_STATE = re.compile(
    r"\b(government|gov't|army|armed forces|military|troops|soldiers|police|security forces|national guard|"
    r"regime|state forces|marines|navy|air force|troopers?|gendarmes?|peshmerga)\b", re.I)
_NON_STATE = re.compile(
    r"\b(rebels?|insurgents?|militants?|militias?|guerrillas?|jihadists?|terrorists?|fighters|taliban|isis|isil|"
    r"daesh|al-shabaab|boko haram|opposition|separatists?)\b", re.I)

# An armed group named as a front ("the Al-Nusra Front", "the Polisario Front"); capitalised, unlike "the front".
_NAMED_FRONT = re.compile(r"\b[A-Z][\w'-]*\s+Front\b")


def event_codes(type: str, mode: str | None, agent_text: str | None = None,
                target_text: str | None = None) -> EventCodes:
    """CAMEO and ACLED codes for a PLOVER type and mode.

    Args:
        type: PLOVER root type, e.g. "ASSAULT".
        mode: the mode newsledger gives, e.g. "aerial"; unknown modes fall back to the type's row.
        agent_text: who acts, as written; decides territory changes (state or non-state) and withdrawals.
        target_text: who is hit, as written; decides *Armed clash* (armed target) or *Attack*, and what is
            withdrawn (forces, or a thing such as a bid).
    """
    row = CODES.get((type, mode)) or CODES.get((type, None)) or (None, None, None)
    cameo, acled_type, sub_type = row
    if sub_type == _VIOLENCE:
        if target_text and _ARMED.search(target_text):
            acled_type, sub_type = _BATTLES, "Armed clash"
        else:
            sub_type = "Attack"
    elif sub_type == _TERRITORY:
        agent, target = agent_text or "", target_text or ""
        if _NON_STATE.search(agent) or _NAMED_FRONT.search(agent):
            sub_type = "Non-state actor overtakes territory"
        elif _STATE.search(agent):
            sub_type = "Government regains territory"
        elif (_NON_STATE.search(target) or _NAMED_FRONT.search(target)) and not _STATE.search(target):
            # no taker named: ground lost by a non-state group ("the militants were pushed back") is the state's
            sub_type = "Government regains territory"
        else:
            sub_type = "Non-state actor overtakes territory"
    elif sub_type == _WITHDRAWAL:
        forces = _STATE.search(target_text) if target_text else _STATE.search(agent_text or "")
        sub_type = "Non-violent transfer of territory" if forces else "Change to group/activity"
    return EventCodes(cameo, cameo[:2] if cameo else None, acled_type, sub_type)
