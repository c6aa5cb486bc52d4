"""Events: a typed trigger with its arguments and modality, read off the parse.

A trigger is a verb or noun whose lemma is in ``TRIGGERS`` (PLOVER type and
mode), or a two-word trigger read off the parse (``_NOUN_PAIRS``: "car bomb",
"air strike", "tear gas"; ``_VERB_PAIRS``: "opened fire", "took to the streets",
"set ablaze").  Ambiguous words need context ("strike" is a labour strike
unless weapons are about; "seize" takes ground, people or weapons by its
object).  ``_refine`` then picks the most specific mode the sentence supports,
for the ACLED distinctions mapped in ``event_codes``: weapon (suicide, car
bomb, IED, grenade, aircraft, artillery, chemical), violent versus peaceful
protest and intervention against it, force against protesters, mob violence,
arrests versus abductions, disrupted weapons.  Arguments come from the dependency parse: the subject or ``by``-agent
is the agent; the object, passive subject or ``of``-complement is the target;
the weapon or means, where stated, is the instrument (``_instrument``: "with a
knife", "using mortars", "a car bomb attack", and a weapon as the subject —
"Bomb kills 12" — is the instrument, not the agent).
Modality comes from the words governing the trigger: an approval verb
("signed off", "approved") makes it *approved*; "will", "to be", "plan"
make it *planned*; "claimed to" makes it *claimed*, and so does being told
in somebody's allegation ("alleged that …", "accused X of …", "protested …,
saying …"; a neutral "X said that …" stays *occurred*); "deny" *denied*;
"threaten" *threatened*; "may", "could", "if", and events only asked for or
prevented ("urged X to impose sanctions") *hypothetical*; a negation
*negated*; so do "no" ("no injuries were reported", "no one was hurt") and
a near miss ("nearly killed"), while "possibly" and an aim ("shoot to kill")
are *hypothetical*.  A past perfect hints at a background event, unless it
is the backshift of reported speech or of a finding ("the UN revealed that 45
sentences had been carried out", "police determined he had been shot").

Casualties (``_outcome``, ``_fatal``): in an article about violence, words
that say somebody died are killings of that person ("died at the hospital",
"succumbed to his injuries", "pronounced dead", "left a man dead", "the
shooting death of X", "took his own life"), and so is a violent trigger with
a fatal word ("fatally shot", "shot dead", "stabbed to death", "a deadly
shooting"); words of hospital and hurt are injuries ("in critical
condition", "hospitalized", "suffered injuries", "was hurt"); an attempt is
an attack ("attempted murder").  A headline's bare participle is passive
("Man shot, killed": the man is the victim), and "shot and killed" share
their subject.  A figure over a period ("555 killed since 2008", "so far this
year") marks a tally (``period``).  The event stays a ``EventCandidate``
(token-level) until the pipeline has entities, times, places and counts to
attach.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from ..annotate import doc_ents, sent_of, token_words
from .quotes import PronounResolver

__all__ = ["EventCandidate", "TRIGGERS", "PERSON_NOUNS", "extract_event_candidates", "MODALITY_ORDER"]

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
    "hit": ("ASSAULT", "attack"), "target": ("ASSAULT", "attack"), "aid": ("AID", "aid"),
    "strafe": ("ASSAULT", "aerial"),
    "bombard": ("ASSAULT", "artillery"), "bombardment": ("ASSAULT", "artillery"), "mortar": ("ASSAULT", "artillery"),
    "missile": ("ASSAULT", "artillery"), "rocket": ("ASSAULT", "artillery"), "grenade": ("ASSAULT", "grenade"),
    "ied": ("ASSAULT", "remote-explosive"), "landmine": ("ASSAULT", "remote-explosive"),
    "detonate": ("ASSAULT", "explosives"), "explode": ("ASSAULT", "explosives"),
    "beat": ("ASSAULT", "melee"), "beating": ("ASSAULT", "melee"), "lynch": ("ASSAULT", "mob"),
    "lynching": ("ASSAULT", "mob"), "hack": ("ASSAULT", "melee"),
    "rape": ("ASSAULT", "sexual"), "molest": ("ASSAULT", "sexual"), "gang-rape": ("ASSAULT", "sexual"),
    "raped": ("ASSAULT", "sexual"), "raping": ("ASSAULT", "sexual"),  # the lemmatizer reads "raped" as "rap"
    "hijack": ("ASSAULT", "abduction"), "abductor": ("ASSAULT", "abduction"),
    "destroy": ("ASSAULT", "destroy"), "torch": ("ASSAULT", "destroy"), "burn": ("ASSAULT", "destroy"),
    "loot": ("ASSAULT", "destroy"), "looting": ("ASSAULT", "destroy"), "vandalise": ("ASSAULT", "destroy"),
    "vandalize": ("ASSAULT", "destroy"), "ransack": ("ASSAULT", "destroy"), "arson": ("ASSAULT", "destroy"),
    "demolish": ("ASSAULT", "destroy"),
    "homicide": ("ASSAULT", "killing"), "manslaughter": ("ASSAULT", "killing"), "slay": ("ASSAULT", "killing"),
    "slaying": ("ASSAULT", "killing"),
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
    "strike": ("PROTEST", "strike"), "walkout": ("PROTEST", "strike"), 
    "picket": ("PROTEST", "demonstrate"),
    "sit-in": ("PROTEST", "occupy"), "blockade": ("PROTEST", "obstruct"), "roadblock": ("PROTEST", "obstruct"),
    "unrest": ("PROTEST", "riot"), "scuffle": ("PROTEST", "riot"),
    # ACCUSE / disapprove
    "accuse": ("ACCUSE", "accuse"), "condemn": ("ACCUSE", "disapprove"), "criticise": ("ACCUSE", "disapprove"),
    "criticize": ("ACCUSE", "disapprove"), "denounce": ("ACCUSE", "disapprove"), "blame": ("ACCUSE", "accuse"),
    "concern": ("ACCUSE", "disapprove"),
    # DEMAND (CAMEO 10 DEMAND and 02 APPEAL)
    "demand": ("DEMAND", "demand"), "urge": ("DEMAND", "appeal"), "appeal": ("DEMAND", "appeal"),
    "criticism": ("ACCUSE", "disapprove"), "accusation": ("ACCUSE", "accuse"),
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
    "evacuate": ("AID", "evacuate"), "withdraw": ("RETREAT", "withdraw"),
    "withdrawal": ("RETREAT", "withdraw"), "retreat": ("RETREAT", "withdraw"), "flee": ("RETREAT", "withdraw"),
    "release": ("RETREAT", "release"), "free": ("RETREAT", "release"), "surrender": ("RETREAT", "surrender"),
    "reject": ("REJECT", "reject"),
    # Investigations and discoveries (CAMEO 09 INVESTIGATE)
    "investigate": ("INVESTIGATE", "investigate"), "investigation": ("INVESTIGATE", "investigate"),
    "find": ("INVESTIGATE", "discover"), "discover": ("INVESTIGATE", "discover"),
    "unearth": ("INVESTIGATE", "discover"), "exhume": ("INVESTIGATE", "discover"),
    "uncover": ("INVESTIGATE", "discover"), "intercept": ("INVESTIGATE", "discover"),
    "recover": ("INVESTIGATE", "discover"), "identify": ("INVESTIGATE", "discover"),
    "cache": ("COERCE", "disrupt-weapons"), "regain": ("COERCE", "occupy"), "control": ("COERCE", "occupy"),
}

# Two-word triggers: (modifier lemma, head lemma) read off a compound/amod, or (verb lemma, particle or
# object lemma) read off the verb's children.  The event is anchored on the head (noun) or the verb.
_NOUN_PAIRS: dict[tuple[str, str], tuple[str, str]] = {
    ("car", "bomb"): ("ASSAULT", "car-bomb"), ("car", "bombing"): ("ASSAULT", "car-bomb"),
    ("truck", "bomb"): ("ASSAULT", "car-bomb"), ("roadside", "bomb"): ("ASSAULT", "remote-explosive"),
    ("suicide", "bomber"): ("ASSAULT", "suicide-bomb"), ("suicide", "bombing"): ("ASSAULT", "suicide-bomb"),
    ("suicide", "attack"): ("ASSAULT", "suicide-bomb"), ("suicide", "bomb"): ("ASSAULT", "suicide-bomb"),
    ("suicide", "attacker"): ("ASSAULT", "suicide-bomb"), ("suicide", "blast"): ("ASSAULT", "suicide-bomb"),
    ("air", "strike"): ("ASSAULT", "aerial"), ("air", "raid"): ("ASSAULT", "aerial"),
    ("air", "attack"): ("ASSAULT", "aerial"), ("drone", "strike"): ("ASSAULT", "aerial"),
    ("drone", "attack"): ("ASSAULT", "aerial"), ("aerial", "bombardment"): ("ASSAULT", "aerial"),
    ("missile", "strike"): ("ASSAULT", "artillery"), ("missile", "attack"): ("ASSAULT", "artillery"),
    ("rocket", "attack"): ("ASSAULT", "artillery"), ("mortar", "attack"): ("ASSAULT", "artillery"),
    ("artillery", "fire"): ("ASSAULT", "artillery"), ("artillery", "strike"): ("ASSAULT", "artillery"),
    ("grenade", "attack"): ("ASSAULT", "grenade"), ("hand", "grenade"): ("ASSAULT", "grenade"),
    ("gun", "battle"): ("ASSAULT", "clash"), ("gun", "attack"): ("ASSAULT", "firearms"),
    ("tear", "gas"): ("PROTEST", "intervention"), ("water", "cannon"): ("PROTEST", "intervention"),
    ("rubber", "bullet"): ("PROTEST", "intervention"), ("hunger", "strike"): ("PROTEST", "hunger"),
    ("general", "strike"): ("PROTEST", "strike"), ("sexual", "assault"): ("ASSAULT", "sexual"),
    ("sexual", "violence"): ("ASSAULT", "sexual"), ("sexual", "abuse"): ("ASSAULT", "sexual"),
    ("gang", "rape"): ("ASSAULT", "sexual"), ("sit", "in"): ("PROTEST", "occupy"),
    ("chemical", "attack"): ("ASSAULT", "chemical"),
    ("gas", "attack"): ("ASSAULT", "chemical"), ("peace", "deal"): ("AGREE", "agree"),
    ("peace", "agreement"): ("AGREE", "agree"), ("trade", "sanction"): ("SANCTION", "sanction"),
}
_VERB_PAIRS: dict[tuple[str, str], tuple[str, str]] = {
    ("open", "fire"): ("ASSAULT", "firearms"), ("set", "fire"): ("ASSAULT", "destroy"),
    ("set", "ablaze"): ("ASSAULT", "destroy"), ("set", "alight"): ("ASSAULT", "destroy"),
    ("blow", "up"): ("ASSAULT", "explosives"), ("pull", "back"): ("RETREAT", "withdraw"),
    ("pull", "out"): ("RETREAT", "withdraw"), ("round", "up"): ("COERCE", "arrest"),
    ("call", "off"): ("RETREAT", "withdraw"), ("lock", "out"): ("COERCE", "restrict"),
    ("take", "control"): ("COERCE", "occupy"), ("take", "hostage"): ("ASSAULT", "abduction"),
    ("hold", "hostage"): ("ASSAULT", "abduction"),
    ("take", "street"): ("PROTEST", "demonstrate"), ("pour", "street"): ("PROTEST", "demonstrate"),
    ("flood", "street"): ("PROTEST", "demonstrate"), ("stage", "sit"): ("PROTEST", "occupy"),
    ("take", "over"): ("COERCE", "occupy"), ("push", "back"): ("COERCE", "occupy"),
    ("go", "strike"): ("PROTEST", "strike"),
    ("walk", "out"): ("PROTEST", "strike"), ("set", "up"): ("COERCE", "base"),
    ("fire", "gas"): ("PROTEST", "intervention"), ("fire", "cannon"): ("PROTEST", "intervention"),
    ("fire", "bullet"): ("ASSAULT", "firearms"), ("fire", "shot"): ("ASSAULT", "firearms"),
    ("fire", "round"): ("ASSAULT", "firearms"), ("fire", "rocket"): ("ASSAULT", "artillery"),
    ("fire", "missile"): ("ASSAULT", "artillery"), ("fire", "mortar"): ("ASSAULT", "artillery"),
    ("fire", "shell"): ("ASSAULT", "artillery"), ("fire", "on"): ("ASSAULT", "firearms"),
    ("fire", "at"): ("ASSAULT", "firearms"),
}
# Word classes used by the context rules in _refine.
_AIRCRAFT = {"warplane", "jet", "plane", "aircraft", "helicopter", "gunship", "drone", "fighter-bomber",
             "bomber", "airstrike", "air", "aerial", "airplane", "warplanes", "jets"}
_ARTILLERY = {"missile", "rocket", "mortar", "shell", "artillery", "tank", "howitzer", "katyusha", "shelling",
              "projectile", "cannon"}
_REMOTE = {"ied", "landmine", "mine", "roadside", "improvised", "device", "booby", "vbied", "remote", "planted",
           "detonate", "detonated", "parcel", "magnetic", "limpet"}
_CHEMICAL = {"chemical", "chlorine", "sarin", "mustard", "toxic", "nerve", "poison", "gas"}
_WEAPONS = {"weapon", "arm", "ammunition", "explosive", "ied", "bomb", "grenade", "rifle", "gun", "firearm",
            "rocket", "missile", "mortar", "device", "munition", "cache", "detonator", "depot", "ammo", "projectile",
            "firearms", "shell", "explosives", "weapons", "arms", "guns", "bombs", "grenades", "stash"}
_BASES = {"post", "base", "outpost", "checkpoint", "headquarters", "camp", "position", "point", "garrison"}
_TERRAIN = {"town", "city", "village", "area", "region", "district", "province", "territory", "base", "hill",
            "height", "airport", "airbase", "crossing", "border", "road", "highway", "neighbourhood",
            "neighborhood", "camp", "position", "stronghold", "fortification", "outpost", "post", "island",
            "port", "bridge", "field", "oilfield", "valley", "mountain", "front", "line", "capital", "suburb",
            "countryside", "enclave", "zone", "garrison", "checkpoint", "airstrip", "town", "headquarters"}
_PEOPLE = {"man", "men", "woman", "women", "people", "person", "child", "children", "civilian", "hostage",
           "prisoner", "detainee", "captive", "journalist", "activist", "official", "soldier", "worker",
           "student", "leader", "member", "suspect", "fighter", "girl", "boy", "villager", "passenger",
           "tourist", "national", "citizen", "resident", "crew", "pilot", "policeman", "officer", "militant",
           "commander", "rebel", "insurgent", "gunman", "gunmen", "protester", "demonstrator", "<person>"}
# Nouns that name people: "36 ISIS fanatics" are people, not the organisation their modifier names.
PERSON_NOUNS = frozenset(_PEOPLE - {"<person>"} | {
    "fanatic", "jihadist", "terrorist", "extremist", "islamist", "separatist", "diplomat", "staff", "staffer",
    "employee", "supporter", "follower", "loyalist", "troop", "troops", "peacekeeper", "combatant", "guard",
    "policewoman", "cop", "agent", "spy", "lawyer", "judge", "minister", "politician", "lawmaker", "opponent",
    "critic", "dissident", "blogger", "reporter", "monk", "priest", "cleric", "imam", "pilgrim", "worshipper",
    "migrant", "refugee", "farmer", "fisherman", "trader", "businessman", "guerrilla", "militiaman", "recruit",
    "veteran", "youth", "teenager", "family", "inmate", "convict", "defendant", "victim", "kid", "baby", "infant",
    "father", "mother", "son", "daughter", "brother", "sister", "wife", "husband", "general", "colonel", "captain",
    "sergeant", "chief", "spokesman", "spokeswoman", "envoy", "ambassador", "president", "governor", "mayor",
    "smuggler", "trafficker", "bandit", "robber", "thief", "kidnapper", "nationalist", "protestor", "marcher",
    "striker", "mourner", "voter", "paramedic", "doctor", "nurse", "teacher", "engineer", "contractor", "sailor",
    "seaman", "marine", "airman", "cadet", "trooper", "gendarme", "ranger", "personnel", "adviser", "advisor",
    "volunteer", "guerilla", "mercenary", "hostage", "abductee", "detainee", "convert", "believer"})
_PROTESTERS = {"protester", "protestor", "demonstrator", "marcher", "crowd", "student", "rally", "protest",
               "demonstration", "march", "rallies", "mourner", "striker"}
_STATE = {"trooper", "gendarme", "police", "policeman", "policemen", "officer", "troops", "troop", "soldier", "army",
          "force",
          "security", "military", "authority", "government", "guard", "regime", "gendarme"}
_ARMED = _STATE | {"patrol", "convoy", "combatant", "rebel", "militant", "insurgent", "guerrilla", "gunman", "gunmen",
                   "fighter", "militia",
                   "militiaman", "jihadist", "terrorist", "brigade", "division", "battalion", "unit"}
_RIOTING = {"clash", "stone", "rock", "hurl", "throw", "torch", "burn", "loot", "vandalise", "vandalize",
            "smash", "riot", "violent", "petrol", "molotov", "battle", "scuffle", "ransack", "ablaze", "arson",
            "rampage", "brick", "fire", "destroy", "damage", "attack", "injure", "pelt", "turn", "bottle", "debris"}
_PROTEST_TYPES = {"PROTEST"}
_NEED_ARMED_CONTEXT = {"hit", "target", "pound", "storm", "strafe", "flee", "overrun", "liberate", "occupy",
                       "explode", "detonate", "rocket", "missile", "mortar"}

# Outcomes of violence: who died and who was hurt ("was pronounced dead", "died of his wounds", "remains in
# critical condition").  Read only in an article about violence (``_VIOLENT``), where a death or an injury is
# the outcome of the violence, not of an illness or an accident.
_VIOLENT = {"shoot", "shooting", "shot", "gun", "gunfire", "gunman", "gunmen", "gunshot", "bullet", "stab",
            "stabbing", "kill", "killing", "murder", "homicide", "manslaughter", "slay", "slaying", "massacre",
            "bomb", "bombing", "blast", "explosion", "airstrike", "shelling", "ambush", "assault", "attack",
            "clash", "fighting", "militant", "rebel", "insurgent", "firearm", "rifle", "pistol", "handgun"}
_DEATH_VERBS = {"die", "succumb", "perish"}
# Verbs that state somebody dead: "was pronounced dead", "found him dead", "left two men dead", "are dead".
_DEAD_STATES = {"pronounce", "declare", "find", "leave", "be", "lie", "lay", "confirm", "report", "discover",
                "remain", "rule", "list"}
# What somebody died of when the death is the outcome of violence ("died of gunshot wounds").
_HARM = {"wound", "injury", "gunshot", "shot", "bullet", "stab", "stabbing", "trauma", "shooting", "attack",
         "assault", "beating", "blow", "blast", "explosion", "gunfire", "burn", "hemorrhage", "haemorrhage"}
_NOT_HARM = {"heart", "cardiac", "natural", "cancer", "disease", "illness", "stroke", "overdose", "asthma",
             "allergic", "diabetes", "infection", "pneumonia", "virus", "age", "drowning", "exposure"}
# A hospital condition names somebody hurt: "in critical condition", "listed in stable condition".
_CONDITIONS = {"critical", "serious", "stable", "fair", "grave", "good", "satisfactory", "life-threatening",
               "non-life-threatening", "guarded", "unknown"}
_FATAL_ADVERBS = {"fatally", "mortally"}
_FATAL_ADJECTIVES = {"fatal", "deadly", "lethal"}
# Modes that a fatal word turns into a killing ("fatally shot", "a deadly stabbing", "beaten to death").
_KILLABLE = {"firearms", "melee", "attack", "injury", "destroy"}
# Verbs whose "to death" is not a killing ("sentenced to death", "bored to death").
_NOT_KILLED_TO_DEATH = {"sentence", "condemn", "put", "bore", "scare", "frighten", "worry", "love", "work"}
_ATTEMPT = {"attempt", "try"}
# Verbs of harm whose bare headline participle is passive ("Man shot, killed").
_HARM_VERBS = {"shoot", "kill", "stab", "murder", "wound", "injure", "slay", "hurt", "gun"}
# Adverbs that say the event did not happen ("nearly killed") or only might have ("possibly killing").
_NEAR_MISS = {"nearly", "almost", "narrowly"}
_MAYBE = {"possibly", "potentially"}
# "not only", "not just": the negation is of "only", the event happened.
_NOT_ONLY = {"just", "only", "merely", "simply"}

# Triggers that need a particular object or context to be events at all.
_NEEDS_VIOLENT_OBJECT = {"find", "discover", "unearth", "uncover", "intercept", "recover", "identify"}
_GRAVE_WORDS = {"grave", "graves", "body", "bodies", "remains", "corpse", "corpses", "mass"}
# Words of a day that "on" may date a verb with: "called out on Tuesday night" is no "call on X to …".
_DAY_PARTS = {"night", "morning", "afternoon", "evening", "day", "weekend", "date", "occasion"}
_CALL_ON = {"call"}  # "call on X to …" is a DEMAND

_LIGHT_VERBS = {"express", "voice", "raise", "stage", "hold", "launch", "carry", "conduct", "mount", "make",
                "issue", "lodge", "file", "impose", "order", "join"}


def _light_verb(token: Token) -> bool:
    """Whether a verb only carries the event noun it governs ("staged protests", "carried out an attack")."""
    # the lemmatizer reads "staged" as "stag"
    return token.lemma_.lower() in _LIGHT_VERBS or token.lower_ in {"staged", "stages", "staging"}


_APPROVE = {"approve", "sign", "authorize", "authorise", "ratify", "endorse", "confirm", "uphold"}
_PLAN = {"plan", "schedule", "intend", "prepare", "set", "due", "expect", "aim", "seek", "want", "will", "ready",
         "poised", "wait", "await"}
# Getting forces ready: what they are got ready "for" is still to come ("ISIS is mobilizing its members for
# attacking the district", "troops massing for an offensive").
_READYING = {"mobilize", "mobilise", "prepare", "mass", "amass", "gather", "brace", "gear", "deploy", "reinforce",
             "ready", "wait", "train", "regroup"}
_CLAIM = {"claim", "allege", "boast", "purport", "allegation", "accusation"}
# Reporting verbs: a clause governed by one is somebody's account ("X said that …", "X revealed that …").
_SPEECH = {"say", "tell", "state", "add", "report", "reveal", "announce", "disclose", "confirm", "note",
           "explain", "write", "indicate", "show", "claim", "allege", "accuse", "charge", "insist", "argue",
           "contend", "assert", "maintain", "complain"}
# Verbs of finding out: what they report is backshifted like speech ("police determined he had been shot").
_FINDING = {"determine", "find", "learn", "discover", "realize", "realise", "conclude", "establish", "believe"}
# Reporting verbs that make what they report an allegation rather than narrated fact.
_ALLEGE = {"claim", "allege", "accuse", "charge", "insist", "contend", "assert"}
# A reporting participle on an event of these types ("protested the verdict, saying …", "condemned the raid,
# saying …") gives the protesters' or critics' grounds: an allegation.
_CONTENTIOUS = {"PROTEST", "ACCUSE", "DEMAND", "REJECT"}
# Personal pronouns a target is resolved through ("shot him", "they were killed"); not "it", not reflexives.
_TARGET_PRONOUNS = {"he", "she", "they", "him", "her", "them"}
# Types whose target is a party addressed or bound ("urged the government"), never the content asked or agreed.
_ADDRESSED = {"DEMAND", "AGREE"}
# How what is reported hangs on a reporting verb: "said that …", "claimed to …", "accused X of …",
# "charged with …".
_REPORTED = {"ccomp", "xcomp", "prep", "dobj", "parataxis", "oprd"}
_DENY = {"deny", "dismiss", "refute"}
# Nouns of accusing: denied, they were still made, and what they tell is what is denied.
_CHARGES = {"charge", "accusation", "allegation", "claim", "report", "suggestion"}
_THREATEN = {"threaten", "vow", "warn"}
# Asked for, prevented or feared, not done: the event stays hypothetical ("urged X to impose sanctions").
_UNREAL = {"urge", "ask", "call", "demand", "appeal", "press", "request", "forestall", "prevent", "avert",
           "avoid", "fear", "risk", "stop", "foil", "thwart"}
# Calling asks for something only "for" it or "on" somebody ("called for an end to the attacks", "called on X to
# …"); being called "to the scene of a shooting" or "out to" it is no demand, and the shooting happened.
_CALL_FOR = {"for", "on", "upon"}
# Shouting or telling somebody to do something orders it; what they are told to do is not done ("yelling at us
# to go ahead and kill him").  Only an infinitive: "told reporters that he was killed" reports a killing.
_ORDER_TO = {"tell", "yell", "shout", "scream", "order", "beg", "instruct", "command", "dare"}
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
    period: bool = False  # told over a period ("since 2008", "so far this year"): a tally, not one incident
    instrument: Span | None = None  # the weapon or means, where the text states it


# Throwing things at people: "demonstrators threw rocks", "protesters pelted police with stones".
_THROWING = {"throw", "hurl", "pelt", "lob"}
_MISSILES_THROWN = {"stone", "rock", "bottle", "brick", "molotov", "cocktail", "petrol", "firebomb", "projectile",
                    "debris", "object", "firecracker", "missile", "egg", "chair"}


_UNDUE = {"excessive", "brutal", "disproportionate", "lethal", "deadly", "violent", "unnecessary"}
_EXCHANGED = {"prisoner", "captive", "detainee", "hostage", "pow"}


def _protesters_throw(verb: Token) -> bool:
    """Whether a verb of throwing is demonstrators throwing missiles: what is thrown (the object, or "with"
    stones) is a missile and the sentence tells of a demonstration or its people do it."""
    thrown = [c for c in verb.children if c.dep_ == "dobj"]
    thrown += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
               if g.dep_ == "pobj"]
    if not _words(t for c in thrown for t in c.subtree) & _MISSILES_THROWN:
        return False
    return bool(_words(sent_of(verb)) & (_PROTEST_WORDS | _PROTEST_PEOPLE))


# Verbs of flocking together: a demonstration only when protesters do it ("protesters poured into the square").
_GATHERING = {"gather", "chant", "pour", "flood", "assemble", "converge", "swarm", "boo"}
# Words read only in context, before the lexicon: the whole sentence decides whether they tell an event.
_READ_IN_CONTEXT = {"force", "establish", "swap", "exchange"}
_READ_IN_CONTEXT_AS_VERBS = _CALL_ON | _GATHERING | _THROWING


def _is_trigger(token: Token) -> tuple[str, str] | None:
    """The (type, mode) a word triggers, or None: words read only in context first, then the lexicon less the
    other senses, the uses that are not the news and the words missing the context their event needs."""
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "NOUN"}:
        return None
    if lemma in _READ_IN_CONTEXT or (token.pos_ == "VERB" and lemma in _READ_IN_CONTEXT_AS_VERBS):
        return _context_trigger(token, lemma)
    hit = TRIGGERS.get(lemma) or TRIGGERS.get(token.lower_)
    if hit is None or _other_sense(token, lemma) or _not_the_news(token, lemma) \
            or _lacks_event_context(token, lemma):
        return None
    return _retyped(token, lemma, hit)


def _calls_on_somebody(verb: Token) -> bool:
    """Whether "call" calls "on" somebody ("called on the government to …"), not on a day ("were called out on
    Tuesday night")."""
    return any(c.dep_ == "prep" and c.lower_ == "on" and not any(
        g.dep_ == "pobj" and (g.lower_ in _DAY_PARTS or any(w.ent_type_ in {"DATE", "TIME"} for w in g.subtree))
        for g in c.children) for c in verb.children)


def _protesters_do(token: Token) -> bool:
    """Whether the subject (or passive agent) of a word names protesters."""
    return any(c.dep_ in {"nsubj", "agent"} and _words(c.subtree) & _PROTEST_PEOPLE for c in token.children)


def _context_trigger(token: Token, lemma: str) -> tuple[str, str] | None:
    """The event a word read only in context tells, or None: these words are no trigger on their own."""
    if lemma in _CALL_ON:
        return ("DEMAND", "demand") if _calls_on_somebody(token) else None
    if lemma in _GATHERING:
        return ("PROTEST", "demonstrate") if _protesters_do(token) else None
    if lemma == "force":  # "security forces used excessive force to suppress a peaceful protest"
        return ("ASSAULT", "repression") if token.pos_ == "NOUN" and any(
            c.dep_ == "amod" and c.lower_ in _UNDUE for c in token.children) and \
            _words(sent_of(token)) & _PROTEST_WORDS else None
    if lemma == "establish":  # "Turkish forces established a new military post": a base, where armed men are about
        return ("COERCE", "base") if token.pos_ == "VERB" and _object_words(token) & _BASES and \
            _has_armed_context(token) else None
    if lemma in {"swap", "exchange"}:
        # "a prisoner swap", "released 30 rebels in exchange for 16 soldiers": an exchange agreed by both sides
        words = _words(sent_of(token))
        swapped = words & _EXCHANGED or (token.head.lower_ == "in" and words & {"release", "free", "freed"})
        return ("AGREE", "agree") if token.pos_ == "NOUN" and swapped else None
    return ("PROTEST", "riot") if _protesters_throw(token) else None  # a verb of throwing


def _other_sense(token: Token, lemma: str) -> bool:
    """Whether a lexicon word is used in a sense that tells no event ("homicide detectives", rapeseed)."""
    if lemma in {"homicide", "manslaughter"} and token.dep_ == "compound":
        return True  # "homicide detectives"
    if lemma == "threaten" and token.dep_ == "amod":
        return True  # "life-threatening injuries"
    if lemma == "shoot" and any(c.dep_ in {"prt", "advmod"} and c.lower_ == "up" for c in token.children) \
            and not any(c.dep_ in {"dobj", "nsubjpass"} and not c.like_num and not any(
                g.dep_ == "nummod" for g in c.children) for c in token.children):
        return True  # "shares shot up 11 dollars": rose (but "gunmen shot up a bar" is a shooting)
    if lemma == "rape" and token.dep_ == "compound" and token.head.lemma_.lower() in {
            "oil", "seed", "meal", "crop", "field", "plant", "cake"}:
        return True  # rapeseed: "rape oil", "rape meal"
    if lemma in {"jail", "prison"} and token.pos_ != "VERB":
        return True  # "30 years' jail", "a high-security jail": a place or a term, not an arrest
    # "signed off" approves another event; it is modality, not an event
    return lemma == "sign" and any(c.lower_ == "off" for c in token.children)


def _not_the_news(token: Token, lemma: str) -> bool:
    """Whether a lexicon word tells something other than the event reported: opposing a thing, a noun of a
    verb-only trigger, an agreement only supported or demanded, a concern not voiced."""
    if lemma == "fight" and token.pos_ == "VERB" and (fought := [c for c in token.children if c.dep_ == "dobj"]) \
            and not _words(fought) & (_PEOPLE | _ARMED | {"<person>", "war", "battle", "fire"}) \
            and not any(o.ent_type_ in {"PERSON", "NORP", "ORG", "GPE"} for o in fought):
        return True  # "fight a takeover bid", "fight the charges": opposing a thing, not combat
    if lemma in {"target", "free", "release", "try", "burn", "aid", "flee", "deal", "hit", "pound", "storm",
                 "overrun", "liberate", "occupy", "destroy", "demolish", "loot", "hack", "beat"} \
            and token.pos_ != "VERB" and lemma not in {"deal", "looting"}:
        return True
    if lemma in {"deal", "settlement", "pact", "accord"} and (token.pos_ != "NOUN" or token.head.lemma_.lower() not in {
            "sign", "reach", "strike", "conclude", "agree", "seal", "clinch", "broker", "finalize", "finalise"}):
        return True  # "support the pact", "demand a better deal": the agreement is not the news
    return lemma == "concern" and not (token.pos_ == "NOUN" and token.head.lemma_ in {"express", "voice", "raise"})


def _lacks_event_context(token: Token, lemma: str) -> bool:
    """Whether a lexicon word misses the context its event needs: arms about, people freed, a court, an object
    burnt or beaten, armed men fleeing, ground regained."""
    if lemma in _NEED_ARMED_CONTEXT and not _has_armed_context(token):
        return True
    if lemma in {"free", "release"} and not _object_words(token) & (_PEOPLE | {"<person>"}):
        return True
    if lemma == "try" and (any(c.dep_ == "xcomp" for c in token.children) or not _judicial_context(token)):
        return True
    if lemma == "burn" and not any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children):
        return True
    if lemma == "custody" and not (token.head.lower_ == "into"):
        return True
    if lemma == "flee" and not any(c.dep_ == "nsubj" and _words(c.subtree) & _ARMED for c in token.children):
        return True
    if lemma == "beat" and (not any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children) or any(
            c.dep_ in {"prt", "advmod"} and c.lower_ in {"back", "off"} for c in token.children)):
        return True  # "the attack was beaten back": repelled (the attack is the clash), nobody was beaten
    return lemma in {"regain", "control"} and (token.pos_ != "VERB" or not _object_words(token) & (
        _TERRAIN | {"<place>", "territory", "region", "area"}))


def _retyped(token: Token, lemma: str, hit: tuple[str, str]) -> tuple[str, str] | None:
    """The lexicon's (type, mode) for a word, or the one its context makes it (None: no event after all)."""
    if lemma in _NEEDS_VIOLENT_OBJECT:
        return _found_thing_trigger(token, lemma, hit)
    if lemma == "strike":
        return _strike_trigger(token, hit)
    if lemma in {"charge", "sentence", "execute", "execution"}:
        return _judicial_trigger(token, lemma, hit)
    if lemma in _GATHERING and _protesters_do(token):
        return ("PROTEST", "demonstrate")
    return hit


def _found_thing_trigger(token: Token, lemma: str, hit: tuple[str, str]) -> tuple[str, str] | None:
    """What finding something tells by what is found: weapons are seized, ground regained, graves uncovered;
    anything else is no event."""
    objects = _object_words(token)
    if objects & _WEAPONS or objects & {"package", "parcel"} and _words(sent_of(token)) & _WEAPONS:
        return ("COERCE", "disrupt-weapons")
    if lemma == "recover" and token.pos_ == "VERB" and objects & (_TERRAIN | {"<place>"}) \
            and _has_armed_context(token):
        return ("COERCE", "occupy")  # "the army recovered the regions close to the border": ground regained
    if not objects & _GRAVE_WORDS or lemma in {"intercept", "recover", "identify"}:
        return None
    return hit


def _strike_trigger(token: Token, hit: tuple[str, str]) -> tuple[str, str] | None:
    """Whether "strike" is an armed attack, an air strike or a labour strike (None: a blast or a quake struck)."""
    if token.pos_ == "VERB" and any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children):
        return ("ASSAULT", "attack") if _has_armed_context(token) else None
    if token.pos_ == "VERB" and not _people_strike(token):
        return None  # "the blast, which struck during morning shopping hours": no labour strike
    if token.pos_ == "NOUN" and _has_armed_context(token) and not _words(sent_of(token)) & {
            "worker", "union", "wage", "pay", "employee", "striker", "labour", "labor", "teacher", "general"}:
        return ("ASSAULT", "aerial")
    if token.pos_ == "NOUN" and any(c.lower_ in {"air", "drone", "missile"} for c in token.children):
        return ("ASSAULT", "aerial")
    return hit


def _judicial_trigger(token: Token, lemma: str, hit: tuple[str, str]) -> tuple[str, str]:
    """Whether a charge, a sentence or an execution is a court's (an accusation or a death penalty carried out)
    or an armed group's killing."""
    if lemma == "charge" and token.pos_ == "NOUN" and not _judicial_context(token):
        return ("ACCUSE", "accuse")
    if lemma in {"sentence", "charge"} and token.pos_ == "NOUN" and token.head.lemma_ in {"carry", "implement"}:
        return ("COERCE", "execution")
    if lemma in {"execute", "execution"} and not _judicial_context(token) and not _announced(token):
        return ("ASSAULT", "killing")  # extrajudicial: an armed group "executing" captives
    if lemma in {"sentence"} and token.pos_ == "NOUN":
        if any(c.lower_ == "death" for c in token.children):
            return ("COERCE", "execution")
    return hit


# Things that "strike" without any labour dispute: a blast, a quake, a storm, a missile, a car.
_STRIKING_THINGS = {"blast", "explosion", "bomb", "quake", "earthquake", "tremor", "aftershock", "storm", "hurricane",
                    "typhoon", "cyclone", "tornado", "missile", "rocket", "shell", "mortar", "lightning", "tsunami",
                    "flood", "fire", "disaster", "attack", "bullet", "car", "truck", "vehicle", "plane", "aircraft",
                    "virus", "disease", "outbreak", "epidemic", "tragedy", "violence", "wave", "drone", "shot"}


def _people_strike(verb: Token) -> bool:
    """Whether an intransitive "strike" can be a labour strike: its subject is not a thing that strikes
    ("workers struck", "the union struck"; not "the blast, which struck", "a quake struck")."""
    subject = _child(verb, {"nsubj"})
    if subject is not None and subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
        subject = verb.head
    return subject is None or not _words([subject]) & _STRIKING_THINGS


def _victim_of(verb: Token, *, intransitive: bool = False) -> Token | None:
    """Who a verb of dying or being hurt is about: its object, passive subject or subject ("who" resolved);
    only the subject for a verb that takes no object ("died")."""
    victim = (None if intransitive else _child(verb, {"dobj"})) or _child(verb, {"nsubjpass", "nsubj"})
    if victim is not None and victim.lower_ in {"who", "that"} and verb.dep_ == "relcl":
        return verb.head
    if victim is None and verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
        return _child(verb.head, {"nsubjpass", "nsubj"})  # "was shot and later died"
    if victim is None and verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        return verb.head
    return victim


def _state_holder(token: Token) -> Token | None:
    """Whom a noun of injury or condition describes: "left the victim in critical condition" -> the victim,
    "a man with gunshot wounds" -> the man, "he suffered injuries" -> he, "his injuries" -> his."""
    head = token.head
    if token.dep_ in {"nsubj", "nsubjpass", "ROOT"} or head.i == token.i:
        return _child(token, {"poss"})  # "his injuries are not life-threatening"
    if token.dep_ == "dobj":  # "suffered six gunshot wounds", "the woman, who suffered …"
        subject = _child(head, {"nsubj"})
        if subject is not None and subject.lower_ in {"who", "that"} and head.dep_ == "relcl":
            return head.head
        return subject
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head.pos_ in {"NOUN", "PROPN", "NUM"} and head.i != token.i:
        if head.lemma_.lower() in PERSON_NOUNS or head.ent_type_ == "PERSON" or head.like_num:
            return head
        head = head.head.head if head.dep_ == "pobj" else head.head  # "taken to a hospital with injuries"
    if head.pos_ in {"VERB", "AUX"}:
        victim = _victim_of(head)
        return victim if victim is not None and victim.i != token.i else None
    return None


def _another_victim(token: Token | None) -> bool:
    """A person told as one more beside a first: "a second victim", "another man", "the other teen"."""
    return token is not None and any(c.dep_ in {"amod", "det"} and c.lower_ in {"second", "another", "other"}
                                     for c in token.children)


def _cause_of_death(token: Token) -> bool:
    """A wound or injury named as what somebody died of ("died of his wounds", "dead from gunshot wounds")."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.lemma_.lower() in _DEATH_VERBS or head.lower_ == "dead"


def _to_death(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() == "death" for g in c.children)
               for c in token.children)


def _fatal(token: Token) -> bool:
    """Words on a violent trigger that say its victim died: "fatally shot", "a deadly shooting", "shot dead",
    "stabbed to death"."""
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in _FATAL_ADVERBS:
            return True
        if child.dep_ in {"amod", "compound"} and child.lower_ in _FATAL_ADJECTIVES:
            return True
        if child.lower_ == "dead" and child.dep_ in {"oprd", "acomp", "advmod", "xcomp", "ccomp", "attr", "dobj"}:
            return True
    return _to_death(token)


# The lemmas ``_is_trigger`` may accept: the triggers, and the verbs it reads from their arguments.
_TRIGGER_LEMMAS = frozenset(TRIGGERS) | {"call", "gather", "chant", "pour", "flood", "assemble", "converge", "swarm",
                                         "boo", "swap", "exchange", "establish", "force"} | _THROWING


def _may_outcome(lemma: str, lower: str, pos: str) -> bool:
    """False for a word ``_outcome`` surely rejects: only a verb, "dead" as an adjective, or the nouns "death",
    "injury" and "condition" tell an outcome."""
    return pos == "VERB" or (lower == "dead" and pos == "ADJ") or (
        pos == "NOUN" and lemma in {"death", "injury", "condition"})


def _outcome(token: Token) -> tuple[tuple[str, str], Token | None] | None:
    """A word that says somebody died or was hurt, and who: ((type, mode), victim head), or None.

    Called only in an article about violence, where a death is the outcome
    of that violence: "died" (of a harm, or of nothing said: "died at the
    hospital"), "succumbed to his injuries", "pronounced dead", "left two men
    dead", "strangled to death", "took his own life" are killings; "was
    hurt", "hospitalized", "suffered injuries", "in critical condition" are
    injuries.  A wound one died of is part of the killing, not an injury.
    """
    lemma = token.lemma_.lower()
    killing, injury = ("ASSAULT", "killing"), ("ASSAULT", "injury")
    if token.pos_ == "VERB" and lemma in _DEATH_VERBS:
        if any(c.dep_ == "prt" for c in token.children):
            return None  # "the protests died down"
        cause = _prep_object(token, {"of", "from", "to"})
        cause_words = _words(cause.subtree) if cause is not None else set()
        if cause_words & _NOT_HARM or (cause is not None and not cause_words & _HARM) or (
                lemma == "succumb" and cause is None):
            return None
        return killing, _victim_of(token, intransitive=True)
    if token.lower_ == "dead" and token.pos_ == "ADJ":
        head = token.head
        if token.dep_ == "amod" and head.i < token.i and head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
            return killing, head  # "left a man dead", "Two dead, three injured"
        if token.dep_ in {"oprd", "acomp", "xcomp", "ccomp", "advmod", "attr"} and \
                head.lemma_.lower() in _DEAD_STATES:
            return killing, _child(token, {"nsubj"}) or _victim_of(head)
        return None
    if token.pos_ == "VERB" and _to_death(token) and lemma not in _NOT_KILLED_TO_DEATH:
        return killing, _victim_of(token)  # "strangled to death"
    life = next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() == "life"), None)
    owner = _child(life, {"poss"}) if life is not None and token.pos_ == "VERB" and lemma == "take" else None
    if owner is not None and life is not None:  # "took his own life" (the subject), "took my father's life" (the father)
        return killing, _child(token, {"nsubj"}) if any(c.lower_ == "own" for c in life.children) else owner
    if token.pos_ == "VERB" and lemma in {"hurt", "hospitalize", "hospitalise"}:
        if lemma == "hurt" and token.tag_ != "VBN":
            return None  # "the sanctions hurt the economy": only "was hurt", "two hurt" is a wound
        return injury, _victim_of(token)
    if token.pos_ == "NOUN" and lemma == "death" and token.dep_ != "compound" and not (
            token.dep_ == "pobj" and token.head.lower_ == "to"):
        # "the shooting death of Goldie Long", "his death was ruled a homicide" ("to death" is its verb's)
        return killing, _prep_object(token, {"of"}) or _child(token, {"poss"})
    if token.pos_ == "NOUN" and token.dep_ != "compound" and not _cause_of_death(token):
        if lemma == "injury":
            return injury, _state_holder(token)
        if lemma == "condition" and any(c.dep_ in {"amod", "compound"} and c.lower_ in _CONDITIONS
                                        for c in token.children):
            return injury, _state_holder(token)
    return None


def _undated_words(tokens: Iterable[Token]) -> set[str]:
    """The words of ``tokens`` outside dates and times ("March 3" is no march, "May 1" no permission)."""
    return _words(t for t in tokens if t.ent_type_ not in {"DATE", "TIME"})


def _words(tokens: Iterable[Token]) -> set[str]:
    """Lemmas and lower-case forms ("remains" is not "remain"); ``tokens`` may be a one-pass generator."""
    words: set[str] = set()
    for t in tokens:
        words.add(t.lemma_.lower())
        words.add(t.lower_)
    return words


_PAIR_HEADS = frozenset(head for _, head in _NOUN_PAIRS) | frozenset(head for head, _ in _VERB_PAIRS)


def _pair_trigger(token: Token) -> tuple[tuple[str, str], list[int]] | None:
    """A two-word trigger headed by ``token`` ("car bomb", "opened fire", "took to the streets")."""
    lemma = token.lemma_.lower()
    if lemma not in _PAIR_HEADS:  # most words head no pair: skip the walk over their children
        return None
    if token.pos_ in {"NOUN", "PROPN"}:
        for child in token.children:
            if child.dep_ in {"compound", "amod", "nmod"}:
                hit = _NOUN_PAIRS.get((child.lemma_.lower(), lemma)) or _NOUN_PAIRS.get((child.lower_, lemma))
                if hit:
                    return hit, [child.i, token.i]
    if token.pos_ == "VERB":
        for child in token.children:
            key = (lemma, child.lemma_.lower())
            if key in _VERB_PAIRS and child.dep_ in {"prt", "dobj", "prep", "acomp", "ccomp", "oprd", "advmod",
                                                     "xcomp", "npadvmod", "pobj", "attr"}:
                if key == ("set", "up") and not any(
                        c.dep_ == "dobj" and c.lemma_.lower() in _BASES for c in token.children):
                    continue
                return _VERB_PAIRS[key], [token.i, child.i]
            if child.dep_ == "prep" and child.lower_ in {"to", "on", "into"}:
                for grand in child.children:
                    key = (lemma, grand.lemma_.lower())
                    if grand.dep_ == "pobj" and key in _VERB_PAIRS:
                        return _VERB_PAIRS[key], [token.i, grand.i]
    return None


def _has_armed_context(token: Token) -> bool:
    """Whether the sentence names arms or armed people besides the word itself ("the Delta rocket lifted off" has none)."""
    words = _words([t for t in sent_of(token) if t.i != token.i])
    return bool(words & (_ARMED | _AIRCRAFT | _ARTILLERY | _WEAPONS | {"attack", "bomb", "shell", "fire"}))


def _object_words(token: Token) -> set[str]:
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "pobj", "attr"}]
    if token.dep_ in {"acl", "relcl"} and token.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        objects.append(token.head)  # "soldiers captured by the militants", "those of soldiers captured …"
    words: set[str] = set()
    for obj in objects:
        clauses = {t.i for c in obj.children if c.dep_ in {"relcl", "acl", "advcl"} for t in c.subtree}
        words |= _words(t for t in obj.subtree if t.i not in clauses)
        if obj.ent_type_ in {"GPE", "LOC", "FAC"}:
            words.add("<place>")
        if obj.ent_type_ in {"PERSON", "NORP"} or (obj.like_num and not any(c.dep_ == "prep" for c in obj.children)):
            words.add("<person>")  # "captured 48", "another 289 were captured": a bare number counts people
    return words


def _words_outside_nested_events(token: Token) -> set[str]:
    """The words of a trigger's sentence, less the clauses below it that tell another violent event."""
    nested: set[int] = set()
    for descendant in token.subtree:
        if descendant.i != token.i and descendant.pos_ == "VERB" and descendant.i not in nested \
                and descendant.dep_ in {"advcl", "relcl", "ccomp", "pcomp", "conj"} \
                and (descendant.lemma_.lower() in _VIOLENT or descendant.lower_ in _VIOLENT):
            nested.update(t.i for t in descendant.subtree)
    return _words([t for t in sent_of(token) if t.i not in nested])


# Verbs of finding or taking weapons: a weapon they find is seized, not used.
_SEIZING = {"find", "discover", "seize", "defuse", "recover", "uncover", "identify", "dismantle", "intercept",
            "confiscate", "unearth"}
# Verbs through which a found thing holds another ("a cache containing hand grenades").
_HOLDING = {"contain", "include", "hold", "store", "hide", "conceal"}


def _weapon_seized(token: Token) -> bool:
    """Whether a weapon noun is what somebody found or seized, or is held in it: "the bombs discovered on
    Wednesday", "police recovered a rifle", "an arms cache containing hand grenades has been discovered"."""
    if token.pos_ != "NOUN" or not _words([token]) & (_WEAPONS | _ARTILLERY | _REMOTE | {"landmine", "mine"}):
        return False
    if any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _SEIZING for c in token.children):
        return True  # "the bombs discovered on Wednesday night"
    current = token
    for _ in range(5):
        # up through what holds the weapon: "a stash of projectiles", "guns and ammunition", "a cache containing"
        if current.dep_ not in {"nsubjpass", "dobj", "pobj", "conj", "compound", "prep", "appos", "acl"} \
                or current.head.i == current.i or (current.dep_ == "prep" and current.lower_ != "of"):
            return False
        link, current = current.dep_, current.head
        lemma = current.lemma_.lower()
        if current.pos_ == "VERB" and lemma in _SEIZING:
            return link in {"dobj", "nsubjpass", "conj"}
        if current.pos_ == "VERB" and lemma not in _HOLDING:
            return False
        if current.pos_ == "NOUN" and any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _SEIZING
                                          for c in current.children):
            return True  # "the tin box containing the bombs discovered on Wednesday"
    return False


_POLICE = {"police", "agent", "officer", "authority"}


def _police_seize(sentence: Span) -> bool:
    """Whether the police seize or arrest somebody or something in a sentence ("Police seized guns and drugs at
    a raid"): a raid told with it is their search; one with killing in it stays an attack."""
    words = _words(sentence)
    if words & {"kill", "killed", "injure", "injured", "wound", "wounded", "dead", "die", "shoot", "shot"}:
        return False
    return any(t.pos_ == "VERB" and t.lemma_.lower() in _SEIZING | {"arrest", "detain", "nab", "apprehend"}
               and any(c.dep_ == "nsubj" and _words(c.subtree) & _POLICE for c in t.children) for t in sentence)


# Weapons for dispersing crowds: "tear gas", "rubber bullets", "water cannon".
_CROWD_CONTROL = {("tear", "gas"), ("rubber", "bullet"), ("water", "cannon"), ("pepper", "spray"),
                  ("plastic", "bullet"), ("rubber", "bullets"), ("water", "cannons")}


def _crowd_control(sentence: Span) -> bool:
    """Whether a sentence names a weapon for dispersing crowds."""
    return any((c.lower_, t.lemma_.lower()) in _CROWD_CONTROL or (c.lower_, t.lower_) in _CROWD_CONTROL
               for t in sentence for c in t.children if c.dep_ in {"compound", "amod", "nmod"})


def _mob_violence(token: Token) -> bool:
    """Whether what a trigger tells was done by a mob in a clause below it, with no demonstration in the
    sentence ("died after he was beaten by an angry mob", "a riot broke out after a mob lynched four men"):
    ACLED's mob violence, where rioters are no demonstrators."""
    sentence = sent_of(token)
    if _words(sentence) & (_PROTEST_WORDS | _PROTEST_PEOPLE) - {"riot", "rioter", "crowd"}:
        return False
    clause = next((t for t in [token, *token.ancestors] if t.pos_ == "VERB"), None)
    if clause is None:
        return False
    for mob in sentence:
        if mob.lemma_.lower() != "mob":
            continue
        verb = mob.head if mob.dep_ == "nsubj" else mob.head.head if mob.dep_ == "pobj" and \
            mob.head.dep_ == "agent" else None
        if verb is not None and verb.i != clause.i and clause in verb.ancestors:
            return True
    return False


_RPG = {"propelled", "rpg", "rpgs"}  # "rocket-propelled grenade"
_BOMB_VEHICLES = {"car", "truck", "vehicle", "lorry", "van", "motorcycle", "motorbike", "bus"}


def _car_bomb(tokens: list[Token]) -> bool:
    """Whether the words name a bomb in a vehicle ("car bomb attacks", "a truck bomb")."""
    return any(t.lemma_.lower() in {"bomb", "bombing", "bomber"} and any(
        c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in _BOMB_VEHICLES for c in t.children)
        for t in tokens)


def _refine(token: Token, typed: tuple[str, str], agent: Token | None, target: Token | None) -> tuple[str, str]:
    """The most specific (type, mode) the context allows: weapon, protest, territory, people."""
    kind, mode = typed
    if kind == "COERCE" and mode == "occupy":
        return _refine_taking(token, agent) or typed
    if kind == "INVESTIGATE":
        return ("COERCE", "disrupt-weapons") if _object_words(token) & _WEAPONS else typed
    if kind == "ASSAULT":
        return _refine_assault(_trigger_context(token, typed, agent, target))
    if kind == "PROTEST":
        return _refine_protest(_trigger_context(token, typed, agent, target))
    return typed


@dataclass(frozen=True)
class _TriggerContext:
    """The words around a trigger that refining its mode reads, gathered once."""

    token: Token
    typed: tuple[str, str]
    lemma: str
    agent: Token | None
    sent_words: set[str]
    local: set[str]  # the trigger's own phrase: a noun's subtree, a verb's arguments
    agent_words: set[str]
    target_words: set[str]
    protest_words: set[str]  # words of a protest in the sentence, dates left out
    protesters: set[str]  # protesters in the trigger's phrase or its target

    @property
    def mode(self) -> str:
        """The mode the trigger came with, before refining."""
        return self.typed[1]


def _trigger_context(token: Token, typed: tuple[str, str], agent: Token | None,
                     target: Token | None) -> _TriggerContext:
    """The words around a trigger, its agent and its target."""
    local_tokens = list(token.subtree) if token.pos_ != "VERB" else [
        t for c in token.children if c.dep_ in {"dobj", "prep", "agent", "nsubj", "nsubjpass", "compound", "amod"}
        for t in c.subtree] + [token]
    return _TriggerContext(
        token=token, typed=typed, lemma=token.lemma_.lower(), agent=agent,
        sent_words=_words(sent_of(token)), local=_words(local_tokens),
        agent_words=_words(agent.subtree) if agent is not None else set(),
        target_words=_words(target.subtree) if target is not None else set(),
        # "on March 3" names a month, not a march: the words of a date tell of no protest
        protest_words=_undated_words(sent_of(token)) & _PROTEST_WORDS,
        protesters=_undated_words(local_tokens + (list(target.subtree) if target is not None else [])) & _PROTESTERS,
    )


def _refine_taking(token: Token, agent: Token | None) -> tuple[str, str] | None:
    """What taking something is by what is taken: weapons are disrupted, people arrested or abducted, goods
    confiscated (None: ground, occupied)."""
    lemma = token.lemma_.lower()
    objects = _object_words(token)
    if objects & _WEAPONS:
        return ("COERCE", "disrupt-weapons")
    if objects & (_PEOPLE | {"<person>"}) and not objects & (_TERRAIN | {"<place>"}) and lemma != "push":
        agent_words = _words(agent.subtree) if agent is not None else set()
        return ("COERCE", "arrest") if agent_words & _STATE or not agent_words & _ARMED else (
            "ASSAULT", "abduction")
    if lemma in {"seize", "capture"} and not objects & (_TERRAIN | {"<place>"}):
        return ("COERCE", "confiscate")
    return None


# Modes of an attack that only its parties or its distinct means change.
_SETTLED_ASSAULT_MODES = {"suicide-bomb", "car-bomb", "grenade", "sexual", "abduction", "mob", "repression"}


def _refine_assault(context: _TriggerContext) -> tuple[str, str]:
    """An attack's mode by who does it to whom and with what, or the other event it turns out to be."""
    refined = _assault_by_parties(context) or _assault_by_distinct_means(context)
    if refined is not None:
        return refined
    if context.mode in _SETTLED_ASSAULT_MODES:
        return context.typed
    return (_assault_by_weapon(context) or _assault_by_ordnance(context) or _attack_that_is_no_assault(context)
            or context.typed)


def _assault_by_parties(context: _TriggerContext) -> tuple[str, str] | None:
    """Modes told by who attacks whom: people burnt to death, a mob, security forces on protesters or a crowd."""
    if context.mode == "destroy" and context.target_words & _PEOPLE and context.lemma == "burn":
        return ("ASSAULT", "killing")
    if "mob" in context.agent_words or "mob" in context.local or context.lemma in {"lynch", "lynching"} or (
            context.agent is None and _mob_violence(context.token)):
        return ("ASSAULT", "mob")
    if context.agent_words & _STATE and (context.protesters or (
            context.protest_words and context.mode in {"firearms", "killing", "injury", "melee"})):
        return ("ASSAULT", "repression")
    if context.mode in {"injury", "killing", "firearms", "melee"} \
            and (context.agent is None or context.agent_words & _STATE) \
            and not context.target_words & _ARMED and _crowd_control(sent_of(context.token)):
        # "Dozens were injured as security forces fired rubber bullets and tear gas": force on a crowd
        return ("ASSAULT", "repression")
    return None


def _assault_by_distinct_means(context: _TriggerContext) -> tuple[str, str] | None:
    """Means that decide the mode whatever the lexicon said: chemical arms, weapons seized, a suicide bombing,
    a sexual assault, rocket-propelled grenades."""
    if context.sent_words & {"chlorine", "sarin", "mustard", "poisonous", "toxic", "chemical", "nerve"} and (
            context.sent_words & {"gas", "weapon", "agent", "substance", "chlorine", "sarin"}) \
            and not _crowd_control(sent_of(context.token)):
        # (tear gas is no chemical weapon; "war-torn" is no tear gas, though "torn" has the lemma "tear")
        return ("ASSAULT", "chemical")
    if _weapon_seized(context.token):
        return ("COERCE", "disrupt-weapons")
    if context.mode in {"explosives", "attack", "killing", "injury", "suicide-bomb", "car-bomb"}:
        # "attacked a checkpoint a day after a suicide bombing killed six": the bombing is another event's
        own = _words_outside_nested_events(context.token)
        if {"suicide", "kamikaze", "self-detonate"} & own and (
                {"bomb", "bomber", "blast", "explosion", "attack", "vest", "blow", "detonate", "explode"} & own
                or {"go", "off"} <= own):  # "four kamikazes went off near a bus station"
            return ("ASSAULT", "suicide-bomb")
    if context.mode in {"attack", "melee", "injury"} and any(child.dep_ == "advmod" and child.lower_ == "sexually"
                                                       for child in context.token.children):
        return ("ASSAULT", "sexual")  # "sexually assaulted"
    if _rocket_propelled(context):
        return ("ASSAULT", "artillery")  # a rocket-propelled grenade is a rocket, fired like a shell
    return None


def _rocket_propelled(context: _TriggerContext) -> bool:
    """Whether the attack is with a rocket-propelled grenade (not a hand grenade)."""
    return bool(_RPG & context.sent_words and "hand" not in context.local and (
        context.lemma in {"grenade", "rocket"} or _RPG & context.local or (
            "grenade" in context.local and context.mode in {"attack", "killing", "injury", "firearms"}) or (
            context.mode in {"explosives", "attack", "injury"} and "grenade" in context.sent_words)))


def _assault_by_weapon(context: _TriggerContext) -> tuple[str, str] | None:
    """Modes told by a weapon at hand: gas, a grenade, a car bomb, an aircraft."""
    mode, local, sent_words, agent = context.mode, context.local, context.sent_words, context.agent
    if _CHEMICAL & local - {"gas"} or ({"gas"} & local and {"toxic", "mustard", "poison", "nerve", "chlorine",
                                                            "sarin", "chemical"} & sent_words):
        return ("ASSAULT", "chemical")
    if "grenade" in local or ("grenade" in sent_words and mode in {"explosives", "attack", "injury"}):
        return ("ASSAULT", "grenade")
    if mode in {"attack", "killing", "injury", "explosives"} and _car_bomb(
            [*(context.token.subtree if context.token.pos_ == "NOUN" else []),
             *(agent.subtree if agent is not None else [])]):
        return ("ASSAULT", "car-bomb")  # "car bomb attacks killed ten": the attack, and the killing it did
    if (_AIRCRAFT & (context.agent_words | local)) and mode in {"attack", "explosives", "killing", "injury", "destroy"}:
        if not {"suicide", "car"} & local:
            return ("ASSAULT", "aerial")
    return None


def _assault_by_ordnance(context: _TriggerContext) -> tuple[str, str] | None:
    """Modes told by ordnance: a mine or a roadside bomb, a missile from the air, artillery."""
    mode, local = context.mode, context.local
    remote = _REMOTE & local if "mine" not in local or any(_weapon_mine(t) for t in sent_of(context.token)) \
        else _REMOTE & local - {"mine"}  # a pit or the pronoun ("a friend of mine") is no weapon
    if mode in {"explosives", "attack", "injury", "killing"} and remote:
        return ("ASSAULT", "remote-explosive")
    artillery = _ARTILLERY & local - ({"cannon"} if "water" in local else set())  # a water cannon is no gun
    if context.agent_words & _AIRCRAFT - {"air", "aerial"} and (
            mode == "artillery" or mode == "firearms" and artillery):
        return ("ASSAULT", "aerial")  # "missiles fired by Israeli jets": a missile from the air is an air strike
    if mode in {"explosives", "attack", "killing", "injury", "destroy", "firearms"} and artillery:
        return ("ASSAULT", "artillery")
    return None


def _attack_that_is_no_assault(context: _TriggerContext) -> tuple[str, str] | None:
    """An attack that is another event: protesters rioting, or a police raid that is a search."""
    if context.mode in {"clash", "attack", "melee", "injury", "destroy"} and context.lemma not in {"attack", "raid"} \
            and context.protest_words and not context.agent_words & _ARMED - {"security"}:
        return ("PROTEST", "riot")
    if context.lemma == "raid" and (context.agent_words & _POLICE or context.agent is None
                                    and _police_seize(sent_of(context.token))):
        return ("COERCE", "raid")  # "police seized guns at a raid": a search, not an attack
    return None


def _refine_protest(context: _TriggerContext) -> tuple[str, str]:
    """A protest's mode: a mob's violence, a riot, or the police breaking it up."""
    if context.mode == "riot" and _mob_violence(context.token):
        return ("ASSAULT", "mob")  # "a riot broke out after a mob lynched four men": no demonstration
    if context.mode == "intervention":
        return _intervention_outcome(context.sent_words) or context.typed
    violent = (context.sent_words & _RIOTING) - {"fire", "attack", "turn"} or {"turn", "violent"} <= context.sent_words
    if context.mode in {"demonstrate", "strike", "obstruct", "occupy", "riot"} and violent and context.mode != "riot":
        return ("PROTEST", "riot")
    if context.mode in {"demonstrate", "obstruct", "occupy"} and context.sent_words & {
            "disperse", "arrest", "detain", "tear", "cannon", "baton", "pepper", "break"}:
        return ("PROTEST", "intervention")
    return context.typed


def _intervention_outcome(sent_words: set[str]) -> tuple[str, str] | None:
    """What breaking up a protest turned into: repression where people died or were hurt, a riot where
    protesters threw or burnt things (None: an intervention)."""
    if sent_words & {"kill", "killed", "dead", "death", "injure", "injured", "wound", "wounded", "die"}:
        return ("ASSAULT", "repression")
    if sent_words & {"throw", "threw", "hurl", "stone", "rock", "bottle", "clash", "loot", "torch",
                     "molotov", "petrol", "fire", "vandalise", "vandalize", "smash"} - {"fire"} or (
            "fire" in sent_words and {"light", "set"} & sent_words):
        return ("PROTEST", "riot")
    return None


_PROTEST_PEOPLE = {"protester", "protestor", "demonstrator", "marcher", "striker", "activist", "opponent",
                   "supporter", "mourner"}
_PROTEST_WORDS = {"protest", "protester", "protestor", "demonstration", "demonstrator", "demonstrate", "rally",
                  "march", "marcher", "riot", "rioter", "striker", "mourner", "crowd"}


def _announced(token: Token) -> bool:
    """Future or passive-infinitive phrasing ("will be executed", "to be hanged"): a state act announced."""
    aux = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    return bool(aux & {"will", "shall"}) or {"to", "be"} <= aux


# Natural hazards and accidents: what they kill or hurt is a disaster's toll, not an act of violence.
_HAZARDS = {"earthquake", "quake", "tremor", "aftershock", "flood", "flooding", "storm", "cyclone", "hurricane",
            "typhoon", "tornado", "landslide", "mudslide", "avalanche", "tsunami", "drought", "heatwave", "lightning",
            "eruption", "blizzard", "monsoon", "epidemic", "outbreak", "disease", "cholera", "malaria", "famine",
            "accident", "crash", "collision", "derailment"}


# Verbs of accidents: "the airliner crashed, killing 27", "the ferry capsized, drowning 40".
_ACCIDENT_VERBS = {"crash", "collapse", "overturn", "derail", "capsize", "sink", "erupt", "flood"}


def _natural_cause(trigger: Token, agent: Token | None) -> bool:
    """Whether a death or injury is caused by a natural hazard or an accident: by its agent, a causal phrase,
    or the accident its clause hangs from."""
    if agent is not None and agent.lemma_.lower() in _HAZARDS:
        return True
    if trigger.dep_ in {"advcl", "xcomp", "conj"} and trigger.head.lemma_.lower() in _ACCIDENT_VERBS:
        return True
    for prep in trigger.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in {"in", "from", "by"}:
            obj = _child(prep, {"pobj"})
            if obj is not None and obj.lemma_.lower() in _HAZARDS:
                return True
    return False


# "mine" is a pit as often as a weapon.  What is dug ("coal mine"), what a pit has ("mine fires", "the mine's
# operator") and where one works ("at the mine", "trapped in the mine") make it a pit; what one does to a weapon
# ("stepped on a mine", "the mine exploded", "planted mines") or its kind ("land mine", "anti-tank mine") make it
# a weapon, and win over the pit words.  A mine with neither is a weapon, as "mine" is in a war report.
_MINERALS = {"coal", "gold", "copper", "silver", "iron", "tin", "diamond", "uranium", "zinc", "nickel", "lithium",
             "cobalt", "platinum", "salt", "bauxite", "jade", "emerald", "ruby", "phosphate", "potash", "manganese",
             "chrome", "chromium", "graphite", "coltan", "cassiterite", "ore", "mineral", "open-pit", "opencast",
             "open-cast", "underground", "artisanal", "colliery"}
_MINE_PARTS = {"fire", "blaze", "collapse", "cave-in", "accident", "disaster", "operator", "owner", "worker",
               "shaft", "site", "company", "flood", "flooding", "rescue", "rescuer", "safety", "output",
               "production", "closure", "tunnel", "entrance", "manager", "official", "pit", "gallery",
               "concession", "project", "tailings", "dam", "workings", "inspector", "union", "strike"}
_MINE_PLACES = {"at", "in", "inside", "into", "underground", "beneath"}
_MINE_WORKED = {"run", "operate", "own", "manage", "close", "shut", "reopen", "open", "evacuate", "dig", "work",
                "buy", "sell", "acquire", "develop", "expand", "inspect"}
_PIT_PLACES = {"colliery", "quarry", "coalmine", "goldmine", "coalface"}
_MINING = {"miner", "miners", "mining", "coal", "methane", "firedamp"}
_PIT_WORDS = _PIT_PLACES | _MINING | {"pit", "shaft"}
_WEAPON_KINDS = {"land", "anti", "anti-personnel", "antipersonnel", "anti-tank", "antitank", "personnel", "tank",
                 "roadside", "naval", "sea", "claymore", "improvised", "magnetic", "limpet", "buried", "unexploded"}
# What a weapon mine does or has done to it: as the subject ("the mine exploded", "a mine went off"), the object
# ("planted mines", "hit a mine", "set off a mine") or the place one steps or drives onto ("stepped on a mine").
_MINE_GOES_OFF = {"explode", "detonate", "blow", "go"}
_MINE_HANDLED = {"plant", "lay", "detonate", "trigger", "set", "hit", "strike", "defuse", "clear", "sweep", "bury",
                 "explode"}
_MINE_TROD = {"step", "tread", "run", "drive", "roll", "walk", "stumble"}
_WEAPON_CONTEXT = {"landmine", "landmines", "minefield", "minefields", "demining", "de-mining", "mine-clearing",
                   "ied", "ieds", "roadside", "sapper", "sappers"}


def _is_mine(token: Token) -> bool:
    """A noun "mine", or one the tagger reads as the pronoun's adjective ("Mine fires killed 12")."""
    if token.lower_ not in {"mine", "mines"} and token.lemma_.lower() != "mine":
        return False
    return token.pos_ in {"NOUN", "PROPN"} or (token.dep_ in {"amod", "compound"} and token.head.pos_ == "NOUN")


def _pit_mine(token: Token) -> bool:
    """Whether a "mine" is a pit dug for coal or ore, not a weapon ("a fire at the coal mine")."""
    if not _is_mine(token):
        return False
    kinds = _words(t for c in token.children if c.dep_ in {"compound", "amod", "nmod"} for t in c.subtree)
    head = token.head
    if kinds & _WEAPON_KINDS or _handled_as_weapon(token) or _words(sent_of(token)) & _WEAPON_CONTEXT:
        return False  # "land mine", "the mine exploded", "stepped on a mine", "planted mines"
    if kinds & _MINERALS:
        return True  # "a coal mine", "the Grasberg copper mine"
    if token.dep_ in {"compound", "amod", "poss"} and head.lemma_.lower() in _MINE_PARTS:
        return True  # "mine fires", "the mine's operator"
    if token.dep_ == "pobj" and head.lower_ in _MINE_PLACES:
        return True  # "a fire at the mine", "trapped in the mine"
    if token.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in _MINE_WORKED:
        return True  # "the company that runs the mine", "the mine was shut"
    return bool(_words(sent_of(token)) & _PIT_WORDS)


def _handled_as_weapon(token: Token) -> bool:
    """Whether a mine goes off, is laid, hit or set off, or is stepped or driven onto."""
    head, lemma = token.head, token.head.lemma_.lower()
    if token.dep_ == "nsubj" and lemma in _MINE_GOES_OFF:
        return lemma not in {"blow", "go"} or any(c.dep_ == "prt" and c.lower_ in {"up", "off"} for c in head.children)
    if token.dep_ in {"dobj", "nsubjpass"} and lemma in _MINE_HANDLED:
        return True
    return token.dep_ == "pobj" and head.lower_ in {"on", "onto", "upon", "over", "into"} \
        and head.head.lemma_.lower() in _MINE_TROD


def _weapon_mine(token: Token) -> bool:
    """Whether a word names a mine that is a weapon ("landmine", "a land mine", "stepped on a mine")."""
    return token.lemma_.lower() == "landmine" or (_is_mine(token) and not _pit_mine(token))


# What goes wrong in a pit: a death or injury there with none of these causes named is an accident.
_MINE_HAZARDS = {"fire", "blaze", "inferno", "explosion", "blast", "collapse", "cave-in", "rockfall", "flood",
                 "flooding", "gas", "methane", "leak", "fume", "smoke", "accident", "disaster", "mine", "pit", "shaft",
                 "landslide", "mudslide"}
# Words of somebody doing violence: with one in the sentence a death at a mine may be an attack.
_PERPETRATION = (_VIOLENT - {"kill", "killing", "blast", "explosion"}) | {
    "gunman", "gunmen", "attacker", "bandit", "raider", "militia", "militiaman", "militiamen", "terrorist",
    "jihadist", "armed", "raid", "landmine", "ied", "arson", "arsonist", "sabotage", "saboteur"}


# Works where things go wrong as in a pit: "an explosion in a flax factory killed 45 workers".
_WORKS = {"factory", "plant", "refinery", "mill", "sawmill", "warehouse", "workshop", "foundry", "smelter",
          "distillery", "boiler", "furnace", "kiln", "fireworks", "shipyard", "dockyard"}


def _mine_accident(trigger: Token, agent: Token | None) -> bool:
    """Whether a death, injury or blast is an accident in a pit or works ("a fire at the mine killed 12 miners",
    "an explosion at the coal mine", "an explosion in a flax factory"), not violence: a pit or works is named,
    nobody is said to do violence, and what acts, if anything, is what goes wrong there."""
    sent = sent_of(trigger)
    words = _words(sent)
    if not any(_pit_mine(t) for t in sent) and not words & _PIT_PLACES and not (
            words & {"pit", "shaft"} and words & _MINING) and not any(
            t.pos_ == "NOUN" and t.lemma_.lower() in _WORKS for t in sent):  # a "trading pit" is no mine
        return False
    if words & _PERPETRATION or any(_weapon_mine(t) for t in sent):
        return False
    return agent is None or agent.lemma_.lower() in _MINE_HAZARDS | _HAZARDS or _is_mine(agent)


def _judicial_context(token: Token) -> bool:
    sent = sent_of(token)
    return any(t.lemma_.lower() in _JUDICIAL for t in sent)


_SEPARATORS = {"|", "--", "—", "–", "»", "«"}


def _spaced_hyphen(token: Token) -> bool:
    """A hyphen with a space on each side is a dash ("MANILA - Communist rebels"), not part of a word."""
    return token.text == "-" and bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _noun_phrase(token: Token) -> Span:
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}:
            break
        if child.dep_ == "npadvmod" and child.ent_type_ in {"DATE", "TIME"}:
            break  # "troops last May": when, not part of who
        if child.dep_ == "prep" and child.lower_ not in {"of", "from"}:
            break  # "the new law in the capital": where and when are arguments of the event, not the noun
        right = child.right_edge.i
    while right > token.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    # A separator inside the phrase is a page's boilerplate run into the text ("| News", "(Cincinnati, OH)--A man").
    cuts = [t.i for t in doc[left:token.i] if t.text in _SEPARATORS or "--" in t.text or "|" in t.text
            or _spaced_hyphen(t)]
    left = cuts[-1] + 1 if cuts else left
    right = next((t.i - 1 for t in doc[token.i + 1:right + 1] if t.text in _SEPARATORS or _spaced_hyphen(t)), right)
    while left < token.i and (doc[left].is_punct or doc[left].is_space or doc[left].tag_ in {"WRB", "WDT"}):
        left += 1  # "when up to 800 guerrillas": the clause's wh-word is not part of the noun phrase
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
            if obj is not None and obj.ent_type_ not in {"DATE", "TIME"}:
                return obj  # "shot at officers on Monday": Monday is when, not whom
    return None


def _misparsed_subject(verb: Token) -> Token | None:
    """The subject of a coordinated clause the parser ran into the first clause's object.

    In "The storm killed 12 people and police arrested 3 men" the parser
    makes "police" a conjunct of "people" and leaves "arrested" with no
    subject, so climbing would lend it the storm.  A finite conjunct verb with
    no subject whose words just before it end a nominal conjunct takes that
    conjunct as its subject.
    """
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.i == 0 \
            or _child(verb, {"nsubj", "nsubjpass", "expl"}) is not None:
        return None
    before = verb.doc[verb.i - 1]
    noun = next((t for t in before.ancestors if t.right_edge.i == verb.i - 1 and t.dep_ == "conj"), None) \
        if before.dep_ != "conj" else before
    if noun is None or noun.pos_ not in {"NOUN", "PROPN", "PRON"} or noun.head.pos_ not in {"NOUN", "PROPN", "NUM"} \
            or not verb.head.i < noun.i < verb.i or noun.right_edge.i != verb.i - 1:
        return None
    return noun


# Verbs whose object does what their complement says ("urged X to …", "ordered X to …", "called on X to …").
_OBJECT_CONTROL = {"urge", "ask", "call", "press", "request", "persuade", "force", "order", "tell", "encourage",
                   "invite", "allow", "permit", "authorize", "authorise", "instruct", "compel", "appeal", "beg",
                   "pressure", "pressurise", "pressurize", "convince", "oblige", "direct", "command", "yell",
                   "shout", "scream"}


def _subject_upwards(token: Token, steps: int = 4) -> Token | None:
    """The nearest subject found by climbing heads (for infinitives and misparsed clauses)."""
    misparsed = _misparsed_subject(token)
    if misparsed is not None:
        return misparsed
    current = token
    for _ in range(steps):
        subject = _child(current, {"nsubj"})
        if subject is not None and subject.lower_ not in {"who", "which", "that"}:
            return subject
        if subject is not None:  # relative pronoun: the noun the clause modifies
            return current.head if current.dep_ == "relcl" else None
        if current.head.i == current.i:
            return None
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in _OBJECT_CONTROL:
            # "urged the government to impose sanctions", "ordered troops to attack", "yelling at us to kill him":
            # whoever is asked would act
            asked = _child(current.head, {"dobj"}) or _prep_object(current.head, {"on", "upon", "at"})
            if asked is not None:
                return asked
        current = current.head
    return None


# Weapons and means of violence or force: what can be the instrument of an event.  Words that name an
# attack itself ("blast", "explosion", "airstrike") count too: as a subject ("a blast killed 12") they
# are how, not who.
_INSTRUMENTS = frozenset((_WEAPONS | _ARTILLERY | _CHEMICAL) - {"toxic", "nerve", "mustard", "arm", "arms", "cache",
                                                                   "depot", "stash", "detonator"} | {
    "bomb", "explosive", "ied", "vbied", "landmine", "mine", "grenade", "pistol", "handgun", "shotgun", "revolver",
    "knife", "machete", "axe", "sword", "dagger", "blade", "bat", "baton", "club", "hammer", "stick", "stone",
    "rock", "brick", "bullet", "gunfire", "gunshot", "drone", "airstrike", "air-strike", "blast", "explosion",
    "car", "truck", "vehicle", "lorry", "van", "teargas", "tear", "pepper", "spray", "cannon", "taser",
    "acid", "rope", "noose", "belt", "vest", "tank", "helicopter", "warplane", "jet", "aircraft", "plane",
    "airplane", "gunship", "ammunition", "munition", "firearm", "weapon", "rifle", "gun"})
# Crewed or steered means: as the subject they stand for who steers them ("Israeli gunships attacked",
# "a US drone killed five"), so they stay the agent there; after "with"/"using" they are the instrument.
_OPERATED = frozenset({"car", "truck", "vehicle", "lorry", "van", "tank", "jet", "plane", "aircraft", "airplane",
                       "helicopter", "gunship", "warplane", "drone"})
# Vehicles name a means after "with" only next to a weapon word ("with a car bomb"; "with a car" is transport).
_VEHICLES = frozenset({"car", "truck", "vehicle", "lorry", "van"})


def _instrument_word(token: Token) -> bool:
    if _is_mine(token):
        return _weapon_mine(token)  # "the mine's operator" is a pit, not a weapon
    return token.pos_ in {"NOUN", "PROPN"} and (token.lemma_.lower() in _INSTRUMENTS
                                                  or token.lower_ in _INSTRUMENTS)


def _instrument(trigger: Token, agent: Token | None) -> tuple[Token | None, Token | None]:
    """(instrument head, agent head): the weapon or means the text states for a trigger.

    A weapon as the doer ("Bomb kills 12", "a blast killed 12", "killed by a roadside bomb")
    is the instrument and the event has no agent from it (crewed means — gunships, drones,
    tanks — stand for their crews and stay the agent); otherwise the object of
    "with"/"using" ("shot him with a rifle", "attacked the base using mortars") or a
    weapon noun compounded onto a nominal trigger ("a knife attack").  People named
    after weapons ("gunmen", "bombers") stay agents.
    """
    if agent is not None and _instrument_word(agent) and agent.lemma_.lower() not in _OPERATED \
            and agent.lower_ not in _OPERATED:
        return agent, None
    candidates = []
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            candidates += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in {"advcl", "xcomp"} and child.lemma_.lower() in {"use", "wield", "fire", "brandish"}:
            candidates += [c for c in child.children if c.dep_ == "dobj"]
        elif child.dep_ == "compound" and trigger.pos_ == "NOUN":
            candidates.append(child)
    for candidate in candidates:
        if _instrument_word(candidate) and (candidate.lemma_.lower() not in _VEHICLES
                                            or any(_instrument_word(c) for c in candidate.children
                                                   if c.dep_ == "compound")):
            return candidate, agent
    return None, agent


def _instrument_phrase(instrument: Token, trigger: Token) -> Span:
    """The instrument's words: its noun phrase, or only its compound words when it modifies the trigger."""
    if instrument.dep_ == "compound" and instrument.head.i == trigger.i:
        start = min([c.i for c in instrument.subtree])
        return instrument.doc[start:instrument.i + 1]  # "car bomb" in "a car bomb attack"
    return _noun_phrase(instrument)


def _nobody(token: Token | None) -> bool:
    """A subject that names nobody: "no group", "nobody", "no one", "none"."""
    if token is None:
        return False
    return token.lower_ in {"nobody", "none", "noone", "no-one"} or (
        token.lower_ == "one" and token.i > 0 and token.nbor(-1).lower_ == "no") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _shared_subject(token: Token, steps: int = 4) -> Token | None:
    """The subject a coordinated or controlled verb shares with the verb it hangs from.

    Only conjunctions and open complements pass their subject down ("have been and may
    continue to be convicted and executed"); any other link ends the climb, so a subject
    from an unrelated clause is never borrowed.
    """
    current = token
    for _ in range(steps):
        if current.dep_ not in {"conj", "xcomp"} or current.head.i == current.i:
            return None
        current = current.head
        subject = _child(current, {"nsubj", "nsubjpass"})
        if subject is not None:
            return None if subject.lower_ in {"who", "which", "that"} else subject
    return None


def _headline_passive(verb: Token) -> Token | None:
    """The victim of a headline's bare participle ("Man shot, killed in Feltonville", "1 killed"), or None.

    Headlines drop "was": a verb of harm with a bare subject (no article, no
    possessive, or a number), no object and no auxiliary reports what was
    done to the subject.
    """
    if verb.lemma_.lower() not in _HARM_VERBS or verb.tag_ not in {"VBD", "VBN"}:
        return None
    if any(c.dep_ in {"aux", "auxpass", "dobj", "nsubjpass", "neg"} or (c.dep_ == "prep" and c.lower_ in {"at", "on"})
           for c in verb.children):
        return None
    if _shared_object(verb) is not None:
        return None  # "Gunmen killed and wounded dozens": the verbs share an object, the subject acts
    subject = _child(verb, {"nsubj"})
    if subject is None or subject.i > verb.i:
        return None
    age = subject.i > 0 and subject.nbor(-1).text == "," and subject.i + 1 < len(subject.doc) \
        and subject.nbor(1).text == ","  # "Boy, 9, accidentally shot": an age
    if (subject.like_num and not age) or (subject.pos_ in {"NOUN", "PROPN"} and not any(
            c.dep_ in {"det", "poss"} for c in subject.children) and subject.lemma_.lower() in PERSON_NOUNS | {"teen"}):
        return subject
    return None


def _shared_object(verb: Token) -> Token | None:
    """The object a verb shares with the verb coordinated after it ("killed and wounded dozens": dozens were
    killed and wounded), when it has none of its own."""
    if _child(verb, {"dobj"}) is not None:
        return None
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.i > verb.i and conj.i - verb.i <= 3 \
                and _child(conj, {"nsubj", "nsubjpass"}) is None:
            return _child(conj, {"dobj"})
    return None


def _one_of_harms(verb: Token) -> bool:
    """Whether a verb is an alternative in "killed, wounded or captured": one group of people of whom some were
    taken, the rest killed or hurt, with one figure for all (the killing carries it)."""
    if verb.pos_ != "VERB" or verb.dep_ != "conj":
        return False
    top = verb
    while top.dep_ == "conj" and top.head.i < top.i:
        top = top.head
    chain = [top, *(t for t in top.subtree if t.dep_ == "conj" and t.pos_ == "VERB" and t.head.i >= top.i
                   and t.i <= verb.i)]
    return any(c.dep_ == "cc" and c.lower_ == "or" for t in chain for c in t.children) and any(
        t.lemma_.lower() in {"kill", "wound", "injure"} for t in chain if t.i < verb.i)


def _tells(token: Token) -> bool:
    """Whether a word is the subject of a reporting verb: the one who tells ("Sheriff Lee said")."""
    return token.dep_ == "nsubj" and (token.head.lemma_.lower() in _SPEECH or token.head.lemma_.lower() in _FINDING)


def _participle(verb: Token) -> bool:
    """Whether a verb is a past participle, also one the tagger read as a past tense inside a list of
    participles ("was captured, tried and sentenced": "tried" tagged VBD), or one coordinated with a passive
    participle and sharing its auxiliary ("were knifed and shot to death": no subject or object of its own)."""
    if verb.tag_ == "VBN":
        return True
    if verb.tag_ != "VBD" or verb.dep_ != "conj" or verb.head.tag_ != "VBN":
        return False
    return any(c.dep_ == "conj" and c.tag_ == "VBN" for c in verb.children) or (
        any(c.dep_ == "auxpass" for c in verb.head.children)
        and not any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in verb.children))


# Acts done *with* someone: the other side is the object of "with" ("clashed with police", "talks with Bush").
_RECIPROCAL = {"clash", "fight", "battle", "skirmish", "scuffle", "brawl", "meet", "meeting", "talk", "talks",
               "negotiate", "negotiation", "consult", "consultation", "confer", "summit"}


def _counterpart(word: Token, trigger: Token | None = None) -> Token | None:
    """The other side of a reciprocal act ("clashed with police"), not a means ("fought with knives"); ``word``
    carries the "with" (the trigger itself, or the light verb of a trigger noun: "held talks with Bush")."""
    act = trigger if trigger is not None else word
    if act.lemma_.lower() not in _RECIPROCAL and act.lower_ not in _RECIPROCAL:
        return None
    other = _prep_object(word, {"with"})
    return None if other is None or _instrument_word(other) else other


def _threatened(trigger: Token) -> Token | None:
    """Whom a threat is made against: the object of the threatened act ("threatened to block Japanese firms")."""
    if trigger.lemma_.lower() != "threaten":
        return None
    act = next((c for c in trigger.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    return _child(act, {"dobj"}) if act is not None else None


# Words naming a party that can be asked or bound, beyond people and forces: the addressee of a demand or the
# other side of an agreement, as against its content ("demanded an end to …", "signed an agreement").
_PARTY_NOUNS = {"government", "administration", "authority", "ministry", "company", "firm", "union", "bank",
                "country", "nation", "state", "party", "court", "parliament", "congress", "council", "committee",
                "employer", "creditor", "lender", "side", "group", "organisation", "organization", "community",
                "agency", "board", "management", "regime", "leadership", "cabinet", "commission", "club"}


def _names_a_party(token: Token) -> bool:
    """Whether an argument names someone (a person, group or body) rather than a thing or an act."""
    if token.pos_ == "PRON":
        return token.lower_ not in {"it", "this", "that", "these", "those", "which", "what", "something"}
    word = token.lemma_.lower()
    return token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or token.pos_ == "PROPN" or word in PERSON_NOUNS \
        or token.lower_ in PERSON_NOUNS or word in _STATE or word in _ARMED or word in _PARTY_NOUNS


def _arguments(trigger: Token) -> tuple[Token | None, Token | None]:
    """(agent head, target head) for a trigger."""
    if trigger.pos_ == "VERB":
        victim = _headline_passive(trigger)
        if victim is not None:
            return None, victim
        left = trigger.head
        if trigger.tag_ == "VBN" and trigger.dep_ in {"advcl", "oprd", "xcomp", "ccomp"} and \
                left.lemma_.lower() == "leave" and not any(c.dep_ in {"nsubj", "nsubjpass", "dobj"}
                                                           for c in trigger.children):
            return None, _child(left, {"dobj"})  # "the shooting left another teen critically wounded": the teen
        if _participle(trigger) and trigger.dep_ in {"conj", "advcl"} and trigger.head.pos_ == "VERB" and not any(
                c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in trigger.children):
            # "was shot and killed", "Man shot, killed": the participle shares its head's passive subject, also
            # down a list ("was captured, tried and sentenced": "sentenced" hangs from "tried")
            head = trigger.head
            while head.dep_ == "conj" and head.head.pos_ == "VERB" and _participle(head) and not any(
                    c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in head.children):
                head = head.head
            shared = _child(head, {"nsubjpass"}) or _headline_passive(head)
            if shared is not None:
                return _prep_object(trigger, {"by"}) or _prep_object(head, {"by"}), shared
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children) or (
            trigger.tag_ == "VBN" and trigger.dep_ == "conj"
            and any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.head.children))
        if passive:
            target = _child(trigger, {"nsubjpass"})
            if target is None and trigger.tag_ == "VBN" and trigger.dep_ == "conj" and not any(
                    c.dep_ in {"aux", "auxpass"} for c in trigger.children):
                # "Three people were killed and two others injured": a gapped passive keeps its own subject
                target = _child(trigger, {"nsubj"})
            if target is None and trigger.dep_ in {"conj", "xcomp"}:
                target = _shared_subject(trigger)  # "people have been and may continue to be convicted and executed"
            agent = _prep_object(trigger, {"by"})
            if target is not None and target.lower_ in {"who", "which", "that"} and trigger.dep_ == "relcl":
                target = trigger.head
            if target is None and trigger.dep_ in {"relcl", "acl"}:
                target = trigger.head if trigger.head.pos_ in {"NOUN", "PROPN", "NUM"} else None
            return agent, target
        shared = _shared_object(trigger) if trigger.dep_ == "acl" else None
        if shared is not None:  # "smashed four brigades, killed or wounded 1,500 soldiers": an active verb
            return _subject_upwards(trigger), shared  # misread as "brigades killed", its object in the conjunct
        if trigger.dep_ == "acl" and trigger.tag_ == "VBN":  # "soldiers killed in Tikrit"
            return _prep_object(trigger, {"by"}), trigger.head
        agent = _accused_of(trigger) or _subject_upwards(trigger)
        target = _child(trigger, {"dobj"}) or _prep_object(trigger, {"against", "on"}) or (
            _prep_object(trigger, {"to"}) if trigger.lemma_.lower() == "surrender" else None) or (  # "surrendered to the army"
            _shared_object(trigger))  # "killed and wounded dozens"
        if target is not None and target.lower_ in {"who", "whom", "which", "that"} and trigger.dep_ == "relcl":
            target = trigger.head  # "the man whom police shot"
        if target is not None and (trigger.lemma_.lower(), target.lemma_.lower()) in _VERB_PAIRS:
            target = _prep_object(trigger, {"on", "at", "against"})  # "opened fire on the crowd"
        if target is None:
            target = _counterpart(trigger) or _threatened(trigger)
        return agent, target
    # Nominal trigger: "massacre of 1,700 soldiers", "the group's attack", "ISIS attack".
    target = _prep_object(trigger, {"of", "against", "on"}) or _counterpart(trigger)
    if target is not None and target.head.lower_ == "on" and target.lemma_.lower() in _STREETS:
        target = None  # "a shooting on Elm Street" happened there: the street is the place, nobody's target
    if target is None and trigger.dep_ == "dobj" and _light_verb(trigger.head):
        target = _counterpart(trigger.head, trigger)  # "held talks with Bush": "with" hangs on "held"
    agent = _prep_object(trigger, {"by"}) or _child(trigger, {"poss"})
    if agent is None:
        compound = _child(trigger, {"compound"})
        if compound is not None and compound.ent_type_ in {"ORG", "NORP", "GPE", "PERSON"}:
            agent = compound
    if agent is None:  # "an Iranian missile attack", "Israeli air raids": the nationality is who acts
        agent = next((c for c in trigger.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
    if agent is None and trigger.dep_ == "dobj" and _light_verb(trigger.head):
        agent = _subject_upwards(trigger.head)  # "X expressed concern", "X carried out an attack"
    return agent, target


# Words of a street: "on" one tells where a shooting happened, not whom it hit.
_STREETS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "boulevard", "blvd", "lane", "highway",
            "freeway", "expressway", "interstate", "block", "parkway", "pike", "turnpike"}


# Verbs of arresting or trying somebody "for" a deed: the one arrested did the deed, not who arrested them.
_HELD_FOR = {"arrest", "detain", "hold", "jail", "imprison", "charge", "convict", "sentence", "prosecute", "try",
             "fine", "punish", "execute", "hang", "nab", "apprehend"}


def _accused_of(trigger: Token) -> Token | None:
    """Who did a deed somebody is held for: "police arrested 3 men for looting" -> the 3 men."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "for" or prep.dep_ != "prep":
        return None
    holder = prep.head
    if holder.pos_ != "VERB" or holder.lemma_.lower() not in _HELD_FOR:
        return None
    return _child(holder, {"dobj", "nsubjpass"})


def _approver(trigger: Token) -> Token | None:
    """Who approves an approved act: the "by" agent or the subject of the approving verb above the trigger."""
    for gov in _governors(trigger):
        if gov.lemma_.lower() in _APPROVE:
            who = _prep_object(gov, {"by"}) or _child(gov, {"nsubj"})
            return who if who is not None and who.i != trigger.i and who.pos_ in {"PROPN", "NOUN"} else None
    return None


def _governors(trigger: Token, limit: int = 4) -> list[Token]:
    chain = []
    current = trigger
    for _ in range(limit):
        if current.head.i == current.i:
            break
        chain.append(current.head)
        if current.dep_ not in {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "nsubjpass", "nsubj", "aux",
                                "acl", "advcl", "relcl", "conj", "attr", "oprd"}:
            break
        current = current.head
    return chain


def _modality(trigger: Token) -> tuple[str, Token | None]:
    """Modality and, for claims, the claiming verb."""
    children = list(trigger.children)
    lemmas_here = {c.lemma_.lower() for c in children if c.dep_ in {"aux", "auxpass", "neg", "mark"}}
    if any(c.dep_ == "neg" for c in children) and not any(c.dep_ == "advmod" and c.lower_ in _NOT_ONLY
                                                          for c in children):
        return "negated", None  # but "They didn't just take his life, they took ours too" says it happened
    if any(c.dep_ == "det" and c.lower_ == "no" for c in children) or any(
            c.dep_ == "advmod" and c.lower_ in _NEAR_MISS for c in children):
        return "negated", None  # "no injuries were reported", "nearly killed"
    if any(c.dep_ == "advmod" and c.lower_ in _MAYBE or c.dep_ == "amod" and c.lower_ in {"possible", "potential"}
           for c in children):
        return "hypothetical", None  # "possibly killing", "any possible attack"
    if trigger.pos_ == "VERB" and "to" in {c.lower_ for c in children if c.dep_ == "aux"} and \
            trigger.dep_ == "xcomp" and TRIGGERS.get(trigger.head.lemma_.lower(), ("",))[0] == "ASSAULT":
        return "hypothetical", None  # an aim, not a result: "shoot to kill"
    # An approval verb whose object or passive subject is the trigger, or a relative clause on it.
    for child in children:
        if child.dep_ == "relcl" and child.lemma_.lower() in _APPROVE:
            return "approved", None
    if trigger.dep_ in {"pcomp", "pobj"} and trigger.head.lower_ == "for" \
            and trigger.head.head.lemma_.lower() in _READYING:
        return "planned", None  # "mobilizing its members for attacking the district"
    governors = _governors(trigger)
    below = [trigger, *governors]
    for k, gov in enumerate(governors):
        lemma = gov.lemma_.lower()
        # A plan or a threat governs its object or complement, not a clause hung on it: "set cars ablaze, while
        # farmers joined the demonstrations" plans nothing.  An infinitive on a noun is a complement too
        # ("waiting for the order to kick off the assault").
        complement = all(t.dep_ in {"xcomp", "dobj", "attr", "pobj", "prep", "oprd"} or (
            t.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)) for t in below[:k + 1])
        path = below[k]  # the word on the way down from the governor to the trigger
        # approving takes an object ("approved the execution"); a clause is reported: "family members confirmed
        # he was shot and killed"
        if lemma in _APPROVE and path.dep_ != "ccomp" and (lemma != "sign" or trigger.dep_ in {"dobj", "nsubjpass"}
                                                            or any(c.lower_ == "off" for c in gov.children)):
            return "approved", None
        if lemma in _DENY:
            if gov.i == trigger.head.i and trigger.dep_ == "dobj" and trigger.lemma_.lower() in _CHARGES:
                break  # "denied previous charges of bombing": the charges were made, the bombing is denied
            return "denied", gov
        if lemma in _CLAIM:
            return "claimed", gov
        if lemma in _THREATEN and trigger.dep_ in {"xcomp", "dobj"} and complement:
            return "threatened", gov
        if lemma in _PLAN and trigger.dep_ in {"xcomp", "dobj", "attr"} and complement:
            return "planned", None
        if lemma in _UNREAL and gov.i != trigger.i and trigger.dep_ in {"xcomp", "dobj", "ccomp", "pobj", "conj"} \
                and not (lemma == "call" and (any(c.dep_ == "oprd" for c in gov.children)
                                              or path.dep_ == "prep" and path.lower_ not in _CALL_FOR)):
            return "hypothetical", None  # but naming is not asking: "what X called a response to the attack"
        if lemma in _ORDER_TO and gov.pos_ == "VERB" and path.dep_ in {"xcomp", "ccomp"} \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in path.children):
            return "hypothetical", None
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


def _alleged_by(trigger: Token) -> Token | None:
    """The reporting verb that makes the trigger part of somebody's allegation, or None.

    The first reporting verb above the trigger decides (the trigger must be in
    what it reports, not in its subject): an allegation verb ("alleged",
    "claimed", "accused … of", "charged") makes the event a claim, and so does
    a reporting participle on a protest, accusation, demand or rejection ("X
    protested the decision, saying the confessions were extracted through
    torture").  A neutral "X said that …" does not: that is reported fact.
    """
    if any(c.dep_ == "amod" and c.lower_ in {"alleged", "purported"} for c in trigger.children):
        return trigger  # "the alleged massacre": nobody named
    child, current = trigger, trigger.head
    for _ in range(10):
        if current.i == child.i:
            return None
        lemma = current.lemma_.lower()
        if current.pos_ == "VERB" and lemma in _SPEECH:
            if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
                return None
            if child.dep_ not in _REPORTED:  # "police baton-charged the crowd and arrested 10": not what is reported
                child, current = current, current.head
                continue
            if lemma in _ALLEGE:
                return current
            head = current.head
            if current.tag_ == "VBG" and current.dep_ in {"advcl", "xcomp", "conj"} and head.i != current.i \
                    and TRIGGERS.get(head.lemma_.lower(), ("",))[0] in _CONTENTIOUS:
                return current
            return None
        child, current = current, current.head
    return None


def _in_clause_of(token: Token, verb: Token) -> bool:
    """Whether ``token`` is inside a finite clause complement ("that …") of ``verb``."""
    current = token
    while current.i != verb.i and current.head.i != current.i:
        if current.dep_ == "ccomp":
            return True
        current = current.head
    return False


def _speaker(verb: Token) -> Token | None:
    """Who utters a reporting verb: its subject, the subject of the clause a participle hangs on, or its by-agent."""
    if verb.pos_ != "VERB":
        return None
    subject = _child(verb, {"nsubj"})
    if subject is not None and subject.lower_ not in {"who", "which", "that"}:
        return subject
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp", "conj"}:
        return _subject_upwards(verb.head, steps=2)
    return _prep_object(verb, {"by"})


def _backshifted(verb: Token) -> bool:
    """A past perfect in what a reporting verb reports ("X revealed that 45 sentences had been carried out").

    Reported speech shifts the speaker's "have been" and "were" into "had
    been"; unless the reporting verb is itself in the past perfect, the tense
    says nothing about the event being older than the news.
    """
    current = verb
    for _ in range(3):
        if current.dep_ not in {"ccomp", "conj"} or current.head.i == current.i:
            return False
        current = current.head
        if current.pos_ == "VERB" and current.lemma_.lower() in _SPEECH | _FINDING:
            return not any(c.dep_ == "aux" and c.lower_ == "had" for c in current.children)
    return False


_PERIOD_NOUNS = {"year", "years", "decade", "decades", "month", "months"}
_PERIOD_MODIFIERS = {"this", "last", "past", "previous", "each", "every", "recent", "a"}
# A whole year or month ("in 2015", "in January"), not a day.
_YEAR_OR_MONTH = re.compile(r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|"
                            r"december)(?:\s+(?:of\s+)?\d{4})?|\d{4})", re.I)
# Sources of statistics: "according to a Tribune analysis".
# (Records and reports tell of single incidents too: "according to court records".)
_STATISTICS = {"analysis", "data", "statistic", "statistics", "tally", "count", "study", "database", "survey",
               "tracker"}


def _over_a_period(trigger: Token, target: Token | None) -> bool:
    """Whether the trigger's clause counts over a period rather than telling one incident.

    "555 children have been killed since 2008", "300 homicides so far this
    year", "2,900 people were shot last year", "in the past eight years",
    "annually": a tally of many incidents, which must not lend its figure to
    the incident an article reports.  Without a number it is one incident
    placed in a series ("the ninth air raid this year").
    """
    numbers = [c for c in trigger.children if c.dep_ == "nummod"]
    if target is not None:
        numbers += [t for t in target.subtree if t.like_num and t.dep_ in {"nummod", "nsubj", "nsubjpass", "dobj"}]
    if not numbers:
        return False
    since = trigger.head
    if trigger.dep_ == "relcl" and any(c.lower_ == "when" for c in trigger.children) and \
            since.ent_type_ == "DATE" and since.dep_ == "pobj" and since.head.lower_ == "since":
        return True  # "the most killings since 2007, when 28 were killed": the toll of that earlier time
    heads = [trigger] + [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if (trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}) or (
            trigger.pos_ == "VERB" and trigger.dep_ == "conj"):
        heads.append(trigger.head)  # "recorded 300 homicides so far this year", "were shot and killed since …"
    for head in heads:
        for child in head.children:
            lower = child.lower_
            if child.dep_ == "advmod" and (lower == "annually" or (
                    lower == "far" and any(g.lower_ == "so" for g in child.children))):
                return True
            obj = _child(child, {"pobj"}) if child.dep_ == "prep" else None
            if obj is not None and lower in {"since", "between"} and (obj.ent_type_ == "DATE" or obj.like_num):
                return True  # "since 2008", "between 2010 and 2015"
            if obj is not None and lower in {"in", "during", "through", "throughout"} and obj.ent_type_ == "DATE" \
                    and _YEAR_OR_MONTH.fullmatch(_entity_text(obj)):
                return True  # "468 people were killed in 2015", "28 homicides in January"
            if lower == "according" and any(t.lemma_.lower() in _STATISTICS for t in child.subtree):
                return True  # "555 children have been killed, according to a Tribune analysis"
            nouns = [child] if child.dep_ in {"npadvmod", "advmod"} else [obj] if obj is not None and lower in {
                "in", "over", "during", "within", "for", "per"} else []
            for noun in nouns:
                if noun.lower_ in _PERIOD_NOUNS and (lower == "per" or any(
                        g.lower_ in _PERIOD_MODIFIERS for g in noun.children if g.dep_ in {"det", "amod"})):
                    return True
    return False


def _entity_text(token: Token) -> str:
    """The text of the named entity ``token`` is in (or the token's own text)."""
    for ent in doc_ents(token.doc):
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _background_hint(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ == "had" for a in aux) and not _backshifted(verb):
        return True
    # "the massacre, which occurred …": a relative clause narrating the event.
    if trigger.pos_ == "NOUN" and any(c.dep_ == "relcl" and c.lemma_.lower() in {"occur", "happen", "take"}
                                      for c in trigger.children):
        return True
    return False


def extract_event_candidates(doc: Doc) -> list[EventCandidate]:
    """Event mentions of ``doc`` in text order."""
    events: list[EventCandidate] = []
    found: dict[int, tuple[tuple[str, str], list[int]]] = {}
    lemmas, lowers, tags = token_words(doc)
    violent = not _VIOLENT.isdisjoint(lemmas) or not _VIOLENT.isdisjoint(lowers)
    for i, (lemma, lower, pos) in enumerate(zip(lemmas, lowers, tags)):
        # Only a pair's head, or a verb or noun that _is_trigger may accept, needs its Token: _is_trigger
        # takes only a verb or noun whose lemma or form is a trigger, or a verb it reads from its arguments.
        if lemma not in _PAIR_HEADS and not ((pos == "VERB" or pos == "NOUN") and (
                lemma in _TRIGGER_LEMMAS or lower in TRIGGERS)):
            continue
        token = doc[i]
        pair = _pair_trigger(token)
        if pair is not None:
            found[token.i] = pair
            continue
        typed = _is_trigger(token)
        if typed is not None:
            found[token.i] = (typed, [token.i])
    victims: dict[int, Token | None] = {}
    resolver: PronounResolver | None = None  # made on the first pronoun target: most articles have none
    if violent:
        for i, (lemma, lower, pos) in enumerate(zip(lemmas, lowers, tags)):
            if i in found or not _may_outcome(lemma, lower, pos):
                continue
            token = doc[i]
            outcome = _outcome(token)
            if outcome is None:
                continue
            if token.lower_ == "dead" and token.head.i in found and found[token.head.i][0][0] == "ASSAULT":
                continue  # "shot dead": the shooting is the killing (see _fatal)
            found[token.i] = (outcome[0], [token.i])
            victims[token.i] = outcome[1]
        found = dict(sorted(found.items()))
    parts = {i for head, (_, tokens) in found.items() for i in tokens if i != head}
    for i, (typed, tokens) in found.items():
        token = doc[i]
        if i in parts:
            continue  # "fire" in "opened fire", "gas" in "fired tear gas": part of another trigger
        if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.i in found:
            continue  # "death sentence" is one trigger, headed by "sentence"
        if typed == ("ASSAULT", "injury") and token.pos_ == "NOUN" and _cause_of_death(token):
            continue  # "died of gunshot wounds": the wounds are the killing's, nobody else was hurt
        if typed[0] == "COERCE" and _one_of_harms(token):
            continue  # "2,000 troops had been killed, wounded or captured": one figure, told as a killing
        modality, claim_verb = _modality(token)
        if claim_verb is not None and modality == "claimed" and _nobody(_child(claim_verb, {"nsubj"})):
            modality, claim_verb = "occurred", None  # "No group claimed responsibility for the attack"
        if typed == ("ASSAULT", "killing") and token.lemma_.lower() in {"execute", "execution"} \
                and modality in {"approved", "planned"}:
            typed = ("COERCE", "execution")  # executions approved or scheduled in advance are state acts
        if i in victims:  # the one who died or was hurt; whoever the verb's subject is otherwise did it
            target = victims[i]
            subject = _child(token, {"nsubj"}) if token.pos_ == "VERB" else None
            agent = _prep_object(token, {"by"}) or (
                subject if subject is not None and target is not None and subject.i != target.i else None)
        elif typed == ("ASSAULT", "injury") and token.pos_ == "NOUN" and token.lemma_.lower() != "wound":
            # "she suffered injuries" (the dead suffered their wounds too, so a wound alone names nobody hurt)
            agent, target = _prep_object(token, {"by"}), _state_holder(token)
        elif typed == ("ASSAULT", "injury") and token.pos_ == "NOUN" and _another_victim(_state_holder(token)):
            # "A second victim was found with a gunshot wound": a wound of somebody else than a first victim
            agent, target = _prep_object(token, {"by"}), _state_holder(token)
        else:
            agent, target = _arguments(token)
        if token.lemma_.lower() in _THROWING and target is not None and target.lemma_.lower() in _MISSILES_THROWN:
            target = _prep_object(token, {"at", "on", "towards", "toward"})  # "threw rocks at the police"
        # A date is when, not who or whom ("troops last May", "last week's bombing", "Today's attack").
        agent = None if agent is not None and agent.ent_type_ in {"DATE", "TIME"} else agent
        target = None if target is not None and target.ent_type_ in {"DATE", "TIME"} else target
        if typed[0] == "ASSAULT" and (_natural_cause(token, agent) or _mine_accident(token, agent)):
            continue  # "an earthquake that killed 1,000", "a fire at the mine killed 12": a disaster, not violence
        typed = _refine(token, typed, agent, target)
        if target is not None and (typed[0] in _ADDRESSED and not _names_a_party(target)
                                   or token.lemma_.lower() == "flee"):
            # The target of a demand or an agreement is who it binds, not its content ("demanded an end to
            # hostels", "signed an agreement"); what is fled is where from ("fled the battlefield").
            target = None
        if typed[0] == "ASSAULT" and typed[1] in _KILLABLE and _fatal(token):
            typed = ("ASSAULT", "killing")  # "fatally shot", "a deadly stabbing", "beaten to death"
        if typed == ("ASSAULT", "killing") and (
                any(c.dep_ == "amod" and c.lemma_.lower() in _ATTEMPT for c in token.children)
                or (token.dep_ == "xcomp" and token.head.lemma_.lower() in _ATTEMPT)):
            typed = ("ASSAULT", "attack")  # "attempted murder", "tried to kill him": nobody died
        if target is not None and modality == "occurred" and (
                target.lower_ in {"nobody", "none", "no-one"}
                or any(c.dep_ == "det" and c.lower_ == "no" for c in target.children)):
            modality = "negated"  # "no one was hurt", "no officers were injured"
        if modality == "approved" and agent is None:
            agent = _approver(token)  # "the hanging … has been signed off by the President": the state acts
        claimant = None
        if claim_verb is not None:
            subject = _child(claim_verb, {"nsubj"})
            claimant = _noun_phrase(subject) if subject is not None else None
            if agent is None and subject is not None and not _in_clause_of(token, claim_verb):
                agent = subject  # "the group claimed to have executed …" (not "X alleged that Y were beaten")
        elif modality == "occurred":
            alleging = _alleged_by(token)
            if alleging is not None and _nobody(_speaker(alleging)):
                alleging = None  # "No group claimed responsibility for the attack": nobody alleges anything
            if alleging is not None:
                modality = "claimed"
                speaker = _speaker(alleging)
                claimant = _noun_phrase(speaker) if speaker is not None else None
                accused = _child(alleging, {"dobj", "nsubjpass"}) if alleging.lemma_.lower() in {
                    "accuse", "charge"} else None
                if accused is not None and (agent is None or agent.i == getattr(speaker, "i", -1)):
                    agent = accused  # "X accused the police of torturing detainees": the police did it
                elif speaker is not None and agent is not None and agent.i == speaker.i:
                    agent = None  # the speaker is who alleges the event, not who did it
        instrument, agent = _instrument(token, agent)
        if instrument is not None and typed[0] == "ASSAULT" and typed[1] in {"explosives", "attack", "killing",
                                                                              "injury"} and _weapon_mine(instrument):
            typed = ("ASSAULT", "remote-explosive")  # "a mine that killed three civilians": a landmine killing
        target_span = _noun_phrase(target) if target is not None else None
        if target_span is not None and target is not None and target.i < i < target_span.end:
            target_span = doc[target_span.start:i]  # "left a man dead": the man, not "a man dead"
        if target is not None and target.lower_ in _TARGET_PRONOUNS:
            # "police shot him": whom the pronoun stands for, resolved as pronoun agents and speakers are, but never
            # the doer of the same act ("a suspect shot her" is not the suspect shooting herself) nor someone who
            # tells of it ("Sheriff Lee said … He died at the hospital": the sheriff speaks, he did not die)
            resolver = resolver if resolver is not None else PronounResolver(doc)
            referent = resolver.referent(target)
            if referent is not None and not (agent is not None and referent.start <= agent.i < referent.end) \
                    and not _tells(referent.root) and _names_a_party(referent.root):
                target_span = referent
        events.append(EventCandidate(
            typed[0], typed[1], doc[min(tokens):max(tokens) + 1], modality,
            _noun_phrase(agent) if agent is not None else None,
            target_span,
            sent_of(token), claimant, _background_hint(token), _over_a_period(token, target),
            _instrument_phrase(instrument, token) if instrument is not None else None,
        ))
    return events
