"""Events: a typed trigger with its arguments and modality, read off the parse.

A trigger is a verb or noun whose lemma is in ``TRIGGERS`` (PLOVER type and
mode).  Arguments come from the dependency parse: the subject or ``by``-agent
is the agent; the object, passive subject or ``of``-complement is the target.
Modality comes from the words governing the trigger: an approval verb
("signed off", "approved") makes it *approved*; "will", "to be", "plan"
make it *planned*; "claimed to" makes it *claimed*; "deny" *denied*;
"threaten" *threatened*; "may", "could", "if" *hypothetical*; a negation
*negated*.  The event stays a ``EventCandidate`` (token-level) until the
pipeline has entities, times, places and counts to attach.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

__all__ = ["EventCandidate", "TRIGGERS", "extract_event_candidates", "MODALITY_ORDER"]

# lemma -> (PLOVER type, mode).  Modes name the sub-kind, loosely following PLOVER's mode field.
TRIGGERS: dict[str, tuple[str, str]] = {
    # ASSAULT: physical violence
    "kill": ("ASSAULT", "killing"), "murder": ("ASSAULT", "killing"), "massacre": ("ASSAULT", "mass-killing"),
    "slaughter": ("ASSAULT", "mass-killing"), "slaughtering": ("ASSAULT", "mass-killing"),
    "killing": ("ASSAULT", "killing"), "assassinate": ("ASSAULT", "killing"),
    "assassination": ("ASSAULT", "killing"), "shoot": ("ASSAULT", "firearms"),
    "shooting": ("ASSAULT", "firearms"), "gunfire": ("ASSAULT", "firearms"), "stab": ("ASSAULT", "melee"),
    "stabbing": ("ASSAULT", "melee"), "behead": ("ASSAULT", "killing"), "beheading": ("ASSAULT", "killing"),
    "bomb": ("ASSAULT", "explosives"), "bombing": ("ASSAULT", "explosives"),
    "explosion": ("ASSAULT", "explosives"), "blast": ("ASSAULT", "explosives"),
    "airstrike": ("ASSAULT", "aerial"), "shell": ("ASSAULT", "artillery"), "shelling": ("ASSAULT", "artillery"),
    "attack": ("ASSAULT", "attack"), "ambush": ("ASSAULT", "attack"), "assault": ("ASSAULT", "attack"),
    "wound": ("ASSAULT", "injury"), "injure": ("ASSAULT", "injury"), "torture": ("ASSAULT", "torture"),
    "abduct": ("ASSAULT", "abduction"), "kidnap": ("ASSAULT", "abduction"),
    "abduction": ("ASSAULT", "abduction"), "kidnapping": ("ASSAULT", "abduction"),
    "clash": ("ASSAULT", "clash"), "fight": ("ASSAULT", "clash"), "battle": ("ASSAULT", "clash"),
    "fighting": ("ASSAULT", "clash"), "skirmish": ("ASSAULT", "clash"), "firefight": ("ASSAULT", "clash"),
    "gunbattle": ("ASSAULT", "clash"), "shootout": ("ASSAULT", "clash"), "offensive": ("ASSAULT", "attack"),
    "raid": ("ASSAULT", "attack"), "storm": ("ASSAULT", "attack"), "pound": ("ASSAULT", "attack"),
    "hit": ("ASSAULT", "attack"), "target": ("ASSAULT", "attack"), "strafe": ("ASSAULT", "aerial"),
    "bombard": ("ASSAULT", "artillery"), "bombardment": ("ASSAULT", "artillery"), "mortar": ("ASSAULT", "artillery"),
    "missile": ("ASSAULT", "artillery"), "rocket": ("ASSAULT", "artillery"), "grenade": ("ASSAULT", "grenade"),
    "ied": ("ASSAULT", "remote-explosive"), "landmine": ("ASSAULT", "remote-explosive"),
    "detonate": ("ASSAULT", "explosives"), "explode": ("ASSAULT", "explosives"),
    "beat": ("ASSAULT", "melee"), "beating": ("ASSAULT", "melee"), "lynch": ("ASSAULT", "mob"),
    "lynching": ("ASSAULT", "mob"), "hack": ("ASSAULT", "melee"),
    "rape": ("ASSAULT", "sexual"), "molest": ("ASSAULT", "sexual"), "gang-rape": ("ASSAULT", "sexual"),
    "hostage": ("ASSAULT", "abduction"), "hijack": ("ASSAULT", "abduction"), "abductor": ("ASSAULT", "abduction"),
    "destroy": ("ASSAULT", "destroy"), "torch": ("ASSAULT", "destroy"), "burn": ("ASSAULT", "destroy"),
    "loot": ("ASSAULT", "destroy"), "looting": ("ASSAULT", "destroy"), "vandalise": ("ASSAULT", "destroy"),
    "vandalize": ("ASSAULT", "destroy"), "ransack": ("ASSAULT", "destroy"), "arson": ("ASSAULT", "destroy"),
    "demolish": ("ASSAULT", "destroy"),
    # Taking ground (PLOVER COERCE / CAMEO 192); taking people is an arrest or an abduction (see _refine)
    "seize": ("COERCE", "occupy"), "capture": ("COERCE", "occupy"), "recapture": ("COERCE", "occupy"),
    "retake": ("COERCE", "occupy"), "overrun": ("COERCE", "occupy"), "liberate": ("COERCE", "occupy"),
    "occupy": ("COERCE", "occupy"), "defuse": ("COERCE", "disrupt-weapons"),
    # COERCE: state or judicial coercion
    "execute": ("COERCE", "execution"), "execution": ("COERCE", "execution"), "hang": ("COERCE", "execution"),
    "hanging": ("COERCE", "execution"), "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"),
    "apprehend": ("COERCE", "arrest"), "nab": ("COERCE", "arrest"), "custody": ("COERCE", "arrest"),
    "detention": ("COERCE", "arrest"), "imprison": ("COERCE", "arrest"), "jail": ("COERCE", "arrest"),
    "convict": ("COERCE", "legal-action"), "sentence": ("COERCE", "legal-action"),
    "prosecute": ("COERCE", "legal-action"), "charge": ("COERCE", "legal-action"),
    "deport": ("COERCE", "expel"), "expel": ("COERCE", "expel"), "curfew": ("COERCE", "curfew"),
    "trial": ("COERCE", "legal-action"), "try": ("COERCE", "legal-action"),
    "ban": ("COERCE", "restrict"), "censor": ("COERCE", "restrict"),
    # PROTEST
    "protest": ("PROTEST", "demonstrate"), "demonstrate": ("PROTEST", "demonstrate"),
    "demonstration": ("PROTEST", "demonstrate"), "rally": ("PROTEST", "demonstrate"),
    "march": ("PROTEST", "demonstrate"), "riot": ("PROTEST", "riot"), "boycott": ("PROTEST", "boycott"),
    "strike": ("PROTEST", "strike"), "walkout": ("PROTEST", "strike"), "protester": ("PROTEST", "demonstrate"),
    "demonstrator": ("PROTEST", "demonstrate"), "picket": ("PROTEST", "demonstrate"),
    "sit-in": ("PROTEST", "occupy"), "blockade": ("PROTEST", "obstruct"), "roadblock": ("PROTEST", "obstruct"),
    "unrest": ("PROTEST", "riot"), "scuffle": ("PROTEST", "riot"),
    # ACCUSE / disapprove
    "accuse": ("ACCUSE", "accuse"), "condemn": ("ACCUSE", "disapprove"), "criticise": ("ACCUSE", "disapprove"),
    "criticize": ("ACCUSE", "disapprove"), "denounce": ("ACCUSE", "disapprove"), "blame": ("ACCUSE", "accuse"),
    "concern": ("ACCUSE", "disapprove"),
    # REQUEST (CAMEO DEMAND / APPEAL)
    "demand": ("REQUEST", "demand"), "urge": ("REQUEST", "appeal"), "appeal": ("REQUEST", "appeal"),
    "charges": ("ACCUSE", "accuse"), "criticism": ("ACCUSE", "disapprove"), "accusation": ("ACCUSE", "accuse"),
    # THREATEN
    "threaten": ("THREATEN", "threaten"), "threat": ("THREATEN", "threaten"),
    # AGREE / CONSULT / SANCTION / MOBILIZE / AID / RETREAT / REJECT
    "sign": ("AGREE", "agree"), "agree": ("AGREE", "agree"), "agreement": ("AGREE", "agree"),
    "ceasefire": ("AGREE", "ceasefire"), "truce": ("AGREE", "ceasefire"), "accord": ("AGREE", "agree"),
    "deal": ("AGREE", "agree"), "pact": ("AGREE", "agree"), "settlement": ("AGREE", "agree"),
    "meet": ("CONSULT", "meet"), "talk": ("CONSULT", "negotiate"), "negotiate": ("CONSULT", "negotiate"),
    "visit": ("CONSULT", "visit"), "sanction": ("SANCTION", "sanction"), "embargo": ("SANCTION", "sanction"),
    "talks": ("CONSULT", "negotiate"), "summit": ("CONSULT", "meet"),
    "deploy": ("MOBILIZE", "deploy"), "mobilize": ("MOBILIZE", "deploy"), "mobilise": ("MOBILIZE", "deploy"),
    "redeploy": ("MOBILIZE", "deploy"), "reinforce": ("MOBILIZE", "deploy"), "deployment": ("MOBILIZE", "deploy"),
    "evacuate": ("AID", "evacuate"), "aid": ("AID", "aid"), "withdraw": ("RETREAT", "withdraw"),
    "withdrawal": ("RETREAT", "withdraw"), "retreat": ("RETREAT", "withdraw"), "flee": ("RETREAT", "withdraw"),
    "release": ("RETREAT", "release"), "free": ("RETREAT", "release"), "surrender": ("RETREAT", "surrender"),
    "reject": ("REJECT", "reject"),
    # Investigations and discoveries (CAMEO 09 INVESTIGATE)
    "investigate": ("INVESTIGATE", "investigate"), "investigation": ("INVESTIGATE", "investigate"),
    "find": ("INVESTIGATE", "discover"), "discover": ("INVESTIGATE", "discover"),
    "unearth": ("INVESTIGATE", "discover"), "exhume": ("INVESTIGATE", "discover"),
}
# Triggers that need a particular object or context to be events at all.
_NEEDS_VIOLENT_OBJECT = {"find", "discover", "unearth"}
_GRAVE_WORDS = {"grave", "graves", "body", "bodies", "remains", "corpse", "corpses", "mass"}
_CALL_ON = {"call"}  # "call on X to …" is a REQUEST

_LIGHT_VERBS = {"express", "voice", "raise", "stage", "hold", "launch", "carry", "conduct", "mount", "make",
                "issue", "lodge", "file", "impose", "order"}
_APPROVE = {"approve", "sign", "authorize", "authorise", "ratify", "endorse", "confirm", "uphold"}
_PLAN = {"plan", "schedule", "intend", "prepare", "set", "due", "expect", "aim", "seek", "want", "will"}
_CLAIM = {"claim", "allege", "boast", "purport"}
_DENY = {"deny", "dismiss", "refute"}
_THREATEN = {"threaten", "vow", "warn"}
_HYPOTHETICAL = {"may", "might", "could", "would", "should", "must", "if", "unless", "whether", "can"}
_JUDICIAL = {"court", "sentence", "convict", "judge", "penalty", "death", "prison", "jail", "trial", "hang",
             "hanging", "gallows", "ministry", "justice", "verdict", "judiciary", "row", "sentenced", "punishment",
             "punish", "convicted", "condemned", "firing", "squad", "lethal", "injection", "inmate", "prisoner"}

MODALITY_ORDER = ("occurred", "claimed", "approved", "planned", "threatened", "denied", "negated", "hypothetical")


@dataclass(frozen=True)
class EventCandidate:
    """One event mention: trigger, argument spans and modality, still token-based."""

    type: str
    mode: str
    trigger: Span
    modality: str
    agent: Span | None
    target: Span | None
    sentence: Span
    claimant: Span | None
    background_hint: bool  # past perfect or a relative clause about an earlier event


def _is_trigger(token: Token) -> tuple[str, str] | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "NOUN"}:
        return None
    if lemma == "call" and token.pos_ == "VERB":
        if any(c.dep_ == "prep" and c.lower_ == "on" for c in token.children):
            return ("REQUEST", "demand")
        return None
    hit = TRIGGERS.get(lemma) or TRIGGERS.get(token.lower_)
    if hit is None:
        return None
    if lemma in _NEEDS_VIOLENT_OBJECT:
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
        words = {t.lower_ for o in objects for t in o.subtree}
        if not words & _GRAVE_WORDS:
            return None
    if lemma == "concern" and not (token.pos_ == "NOUN" and token.head.lemma_ in {"express", "voice", "raise"}):
        return None
    if lemma == "sign" and any(c.lower_ == "off" for c in token.children):
        return None  # "signed off" approves another event; it is modality, not an event
    if lemma in {"sentence", "charge"} and token.pos_ == "NOUN" and token.head.lemma_ in {"carry", "implement"}:
        return ("COERCE", "execution")
    if lemma in {"execute", "execution"} and not _judicial_context(token) and not _announced(token):
        return ("ASSAULT", "killing")  # extrajudicial: an armed group "executing" captives
    if lemma == "strike" and token.pos_ == "NOUN" and any(
            c.lower_ in {"air", "drone", "missile"} for c in token.children):
        return ("ASSAULT", "aerial")
    if lemma in {"sentence"} and token.pos_ == "NOUN":
        if any(c.lower_ == "death" for c in token.children):
            return ("COERCE", "execution")
    return hit


def _announced(token: Token) -> bool:
    """Future or passive-infinitive phrasing ("will be executed", "to be hanged"): a state act announced."""
    aux = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    return bool(aux & {"will", "shall"}) or {"to", "be"} <= aux


def _judicial_context(token: Token) -> bool:
    sent = token.sent
    return any(t.lemma_.lower() in _JUDICIAL for t in sent)


def _noun_phrase(token: Token) -> Span:
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}:
            break
        if child.dep_ == "prep" and child.lower_ not in {"of", "from"}:
            break  # "the new law in the capital": where and when are arguments of the event, not the noun
        right = child.right_edge.i
    while right > token.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    while left < token.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


def _child(token: Token, deps: set[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _prep_object(token: Token, preps: set[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in preps:
            obj = _child(child, {"pobj"})
            if obj is not None:
                return obj
    return None


def _subject_upwards(token: Token, steps: int = 4) -> Token | None:
    """The nearest subject found by climbing heads (for infinitives and misparsed clauses)."""
    current = token
    for _ in range(steps):
        subject = _child(current, {"nsubj"})
        if subject is not None and subject.lower_ not in {"who", "which", "that"}:
            return subject
        if subject is not None:  # relative pronoun: the noun the clause modifies
            return current.head if current.dep_ == "relcl" else None
        if current.head is current:
            return None
        current = current.head
    return None


def _arguments(trigger: Token) -> tuple[Token | None, Token | None]:
    """(agent head, target head) for a trigger."""
    if trigger.pos_ == "VERB":
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children)
        if passive:
            target = _child(trigger, {"nsubjpass"})
            agent = _prep_object(trigger, {"by"})
            if target is not None and target.lower_ in {"who", "which", "that"} and trigger.dep_ == "relcl":
                target = trigger.head
            if target is None and trigger.dep_ in {"relcl", "acl"}:
                target = trigger.head if trigger.head.pos_ in {"NOUN", "PROPN", "NUM"} else None
            return agent, target
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":  # "soldiers killed in Tikrit"
            return _prep_object(trigger, {"by"}), trigger.head
        agent = _subject_upwards(trigger)
        target = _child(trigger, {"dobj"}) or _prep_object(trigger, {"against", "on"})
        return agent, target
    # Nominal trigger: "massacre of 1,700 soldiers", "the group's attack", "ISIS attack".
    target = _prep_object(trigger, {"of", "against", "on"})
    agent = _prep_object(trigger, {"by"}) or _child(trigger, {"poss"})
    if agent is None:
        compound = _child(trigger, {"compound"})
        if compound is not None and compound.ent_type_ in {"ORG", "NORP", "GPE", "PERSON"}:
            agent = compound
    if agent is None and trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in _LIGHT_VERBS:
        agent = _subject_upwards(trigger.head)  # "X expressed concern", "X carried out an attack"
    return agent, target


def _governors(trigger: Token, limit: int = 4) -> list[Token]:
    chain = []
    current = trigger
    for _ in range(limit):
        if current.head is current:
            break
        chain.append(current.head)
        if current.dep_ not in {"xcomp", "ccomp", "dobj", "pobj", "prep", "nsubjpass", "nsubj", "aux", "acl",
                                "advcl", "relcl", "conj", "attr", "oprd"}:
            break
        current = current.head
    return chain


def _modality(trigger: Token) -> tuple[str, Token | None]:
    """Modality and, for claims, the claiming verb."""
    children = list(trigger.children)
    lemmas_here = {c.lemma_.lower() for c in children if c.dep_ in {"aux", "auxpass", "neg", "mark"}}
    if any(c.dep_ == "neg" for c in children):
        return "negated", None
    # An approval verb whose object or passive subject is the trigger, or a relative clause on it.
    for child in children:
        if child.dep_ == "relcl" and child.lemma_.lower() in _APPROVE:
            return "approved", None
    governors = _governors(trigger)
    for gov in governors:
        lemma = gov.lemma_.lower()
        if lemma in _APPROVE and (lemma != "sign" or any(c.lower_ == "off" for c in gov.children)
                                  or trigger.dep_ in {"dobj", "nsubjpass"}):
            return "approved", None
        if lemma in _DENY:
            return "denied", gov
        if lemma in _CLAIM:
            return "claimed", gov
        if lemma in _THREATEN and trigger.dep_ in {"xcomp", "dobj"}:
            return "threatened", gov
        if lemma in _PLAN and trigger.dep_ in {"xcomp", "dobj", "attr"}:
            return "planned", None
    if lemmas_here & _HYPOTHETICAL or any(g.lemma_.lower() in _HYPOTHETICAL for g in governors[:1]):
        return "hypothetical", None
    if "will" in lemmas_here or "shall" in lemmas_here:
        return "planned", None
    # "36 men to be hanged": an infinitive with no tensed governor is a plan (headline style).
    if trigger.pos_ == "VERB" and "to" in {c.lower_ for c in children if c.dep_ == "aux"}:
        head = trigger.head
        if trigger.dep_ in {"acl", "ROOT", "relcl"} or head.pos_ in {"NOUN", "PROPN"}:
            return "planned", None
    if trigger.pos_ == "NOUN" and trigger.head.dep_ == "ROOT":
        head = trigger.head
        if any(c.lower_ in {"will", "shall"} for c in head.children if c.dep_ == "aux"):
            if trigger.dep_ in {"nsubj", "nsubjpass"}:
                return "planned", None
    return "occurred", None


def _background_hint(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ == "had" for a in aux):
        return True
    # "the massacre, which occurred …": a relative clause narrating the event.
    if trigger.pos_ == "NOUN" and any(c.dep_ == "relcl" and c.lemma_.lower() in {"occur", "happen", "take"}
                                      for c in trigger.children):
        return True
    return False


def extract_event_candidates(doc: Doc) -> list[EventCandidate]:
    """Event mentions of ``doc`` in text order."""
    events: list[EventCandidate] = []
    for token in doc:
        typed = _is_trigger(token)
        if typed is None:
            continue
        if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.lemma_.lower() in TRIGGERS:
            continue  # "death sentence" is one trigger, headed by "sentence"
        modality, claim_verb = _modality(token)
        if typed == ("ASSAULT", "killing") and token.lemma_.lower() in {"execute", "execution"} \
                and modality in {"approved", "planned"}:
            typed = ("COERCE", "execution")  # executions approved or scheduled in advance are state acts
        agent, target = _arguments(token)
        claimant = None
        if claim_verb is not None:
            subject = _child(claim_verb, {"nsubj"})
            claimant = _noun_phrase(subject) if subject is not None else None
            if agent is None and subject is not None:
                agent = subject
        events.append(EventCandidate(
            typed[0], typed[1], doc[token.i:token.i + 1], modality,
            _noun_phrase(agent) if agent is not None else None,
            _noun_phrase(target) if target is not None else None,
            token.sent, claimant, _background_hint(token),
        ))
    return events
