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
    "A huge explosion in a chemical factory killed 30 workers and injured 100, the agency reported.",
])
def test_an_accident_in_a_pit_mine_or_works_is_not_violence(nlp, text):
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
     [("PROTEST", "riot", "clashed", "occurred", "Mourners", "police", None),
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


@pytest.mark.parametrize("text, expected", [
    # "killed" misread as "battalions killed": an active verb sharing the object of its conjunct
    ("Troops smashed two rebel battalions, killed or wounded 900 rebels and destroyed 12 trucks.",
     [("ASSAULT", "killing", "killed", "occurred", "Troops", "900 rebels", None),
      ("ASSAULT", "injury", "wounded", "occurred", "Troops", "900 rebels", None),
      ("ASSAULT", "destroy", "destroyed", "occurred", "Troops", "12 trucks", None)]),
    # naming is not asking: the attack "called" a response to did happen
    ("The navy shelled a platform in what officials called a response to an attack on a tanker.",
     [("ASSAULT", "artillery", "shelled", "occurred", "The navy", "a platform", None),
      ("ASSAULT", "attack", "attack", "occurred", None, "a tanker", None)]),
    # denied charges were made; the deed they tell is what is denied
    ("The army denied charges of shelling the villages.",
     [("ACCUSE", "accuse", "charges", "occurred", None, None, None),
      ("ASSAULT", "artillery", "shelling", "denied", "The army", "the villages", None)]),
])
def test_what_is_named_or_denied_and_a_misread_participle(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # violence at works is still violence
    ("A bomb exploded in a textile factory, killing three workers.",
     [("ASSAULT", "explosives", "bomb", "occurred", None, None, None),
      ("ASSAULT", "explosives", "exploded", "occurred", None, None, "A bomb"),
      ("ASSAULT", "killing", "killing", "occurred", None, "three workers", "A bomb")]),
    ("Gunmen stormed a sugar mill and killed four guards.",
     [("ASSAULT", "attack", "stormed", "occurred", "Gunmen", "a sugar mill", None),
      ("ASSAULT", "killing", "killed", "occurred", "Gunmen", "four guards", None)]),
])
def test_violence_at_works_is_not_an_accident(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "set" plans what it governs as its complement ...
    ("Workers are set to strike at the plant on Monday.",
     [("PROTEST", "strike", "strike", "planned", None, None, None)]),
    # ... not a clause hung on it; the farmers who join the demonstrations are their agent
    ("Protestors set cars ablaze in the district, while 5,000 farmers joined the demonstrations in the capital.",
     [("PROTEST", "riot", "set cars ablaze", "occurred", "Protestors", "cars", None),
      ("PROTEST", "riot", "demonstrations", "occurred", "5,000 farmers", None, None)]),
])
def test_a_plan_governs_its_complement_not_a_clause_hung_on_it(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the other side of a reciprocal act is the object of "with", on the verb, the noun or its light verb ...
    ("Mourners clashed with police at the funeral.",
     [("PROTEST", "riot", "clashed", "occurred", "Mourners", "police", None)]),
    ("Yesterday, he held talks with Vice President George Bush.",
     [("CONSULT", "negotiate", "talks", "occurred", "he", "Vice President George Bush", None)]),
    # ... but not a means
    ("Rebels fought with knives in the village.",
     [("ASSAULT", "clash", "fought", "occurred", "Rebels", None, "knives")]),
    # a threat is against whoever the threatened act would hit
    ("Thatcher threatened to block Japanese financial firms from London.",
     [("THREATEN", "threaten", "threatened", "occurred", "Thatcher", "Japanese financial firms", None)]),
    # a demand or an agreement binds a party, not its content
    ("The leaders also demanded an end to the hostels.",
     [("DEMAND", "demand", "demanded", "occurred", "The leaders", None, None)]),
    ("The association urged the government to act.",
     [("DEMAND", "appeal", "urged", "occurred", "The association", "the government", None)]),
    ("Nigeria has signed a bilateral agreement.",
     [("AGREE", "agree", "signed", "occurred", "Nigeria", None, None),
      ("AGREE", "agree", "agreement", "approved", "Nigeria", None, None)]),
    # what is fled is where from
    ("Iranian troops fled the battlefield.",
     [("RETREAT", "withdraw", "fled", "occurred", "Iranian troops", None, None)]),
    # a list of participles shares the passive subject, also where the tagger reads one as a past tense
    ("The third, Eugene Hasenfus, was captured, tried and sentenced to 30 years in jail.",
     [("COERCE", "arrest", "captured", "occurred", None, "The third, Eugene Hasenfus", None),
      ("COERCE", "legal-action", "tried", "occurred", None, "The third, Eugene Hasenfus", None),
      ("COERCE", "legal-action", "sentenced", "occurred", None, "The third, Eugene Hasenfus", None)]),
])
def test_targets_are_the_other_side_the_threatened_or_the_addressed_not_content(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a pronoun target stands for whom it refers back to ...
    ("Police found John Smith lying in the street. A gunman had shot him twice.",
     [("ASSAULT", "firearms", "shot", "occurred", "A gunman", "John Smith", None)]),
    ("Two men were found in the car. They had been shot.",
     [("ASSAULT", "firearms", "shot", "occurred", None, "Two men", None)]),
    # ... never the doer of the same act, nor whoever tells of it
    ("A suspect approached the woman and shot her in the head.",
     [("ASSAULT", "firearms", "shot", "occurred", "A suspect", "her", None)]),
    ("Sheriff Jim Lee said a deputy was shot. He died at the hospital.",
     [("ASSAULT", "firearms", "shot", "occurred", None, "a deputy", None),
      ("ASSAULT", "killing", "died", "occurred", None, "He", None)]),
])
def test_a_pronoun_target_is_resolved_to_whom_it_refers_to(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_captured_as_an_alternative_to_killed_or_wounded_is_no_arrest_of_its_own(nlp):
    # one figure for the dead, the hurt and the taken: the killing carries it (a separate "captured 48" is an arrest)
    assert _events(nlp, "It said at least 2,000 Iraqi troops had been killed, wounded or captured.") == [
        ("ASSAULT", "killing", "killed", "occurred", None, "at least 2,000 Iraqi troops", None),
        ("ASSAULT", "injury", "wounded", "occurred", None, "at least 2,000 Iraqi troops", None)]
    assert [e[:3] for e in _events(nlp, "Chadian troops killed 384 Libyans and captured 48 in fighting.")] == [
        ("ASSAULT", "killing", "killed"), ("COERCE", "arrest", "captured"), ("ASSAULT", "clash", "fighting")]


@pytest.mark.parametrize("text, expected", [
    ("Iraq crushed a new Iranian offensive near Basra.",
     [("ASSAULT", "attack", "offensive", "occurred", "Iranian", None, None)]),
    # a name compounded onto the noun still comes first
    ("An ISIS attack on the town killed 12.",
     [("ASSAULT", "attack", "attack", "occurred", "ISIS", "the town", None),
      ("ASSAULT", "killing", "killed", "occurred", "An ISIS attack", "12", None)]),
])
def test_a_nationality_adjective_on_an_event_noun_is_its_agent(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # whoever is urged, ordered or called on to act would be the one acting
    ("The association urged the government to impose trade sanctions against Japan.",
     [("DEMAND", "appeal", "urged", "occurred", "The association", "the government", None),
      ("SANCTION", "sanction", "trade sanctions", "hypothetical", "the government", "Japan", None)]),
    ("The UN called on Iraq to release the prisoners.",
     [("DEMAND", "demand", "called", "occurred", "The UN", "Iraq", None),
      ("RETREAT", "release", "release", "hypothetical", "Iraq", "the prisoners", None)]),
    # a threat is the threatener's own act
    ("The union has threatened to strike on Thursday.",
     [("THREATEN", "threaten", "threatened", "occurred", "The union", None, None),
      ("PROTEST", "strike", "strike", "threatened", "The union", None, None)]),
    # "staged" is a light verb even where the lemmatizer reads it as "stag"
    ("Brazilian farmers, angry about high interest rates, staged fresh protests yesterday.",
     [("PROTEST", "demonstrate", "protests", "occurred", "Brazilian farmers", None, None)]),
])
def test_the_one_asked_to_act_is_the_agent_of_the_act(nlp, text, expected):
    assert _events(nlp, text) == expected


# ACLED sub-types: the distinctions a coder draws between kinds of violence, protest and strategic events.

@pytest.mark.parametrize("text, expected", [
    # a weapon held in what was found, or found itself, was seized, not used
    ("An arms cache containing hand grenades has been discovered in the city.",
     [("COERCE", "disrupt-weapons", "cache", "occurred", None, None, None),
      ("COERCE", "disrupt-weapons", "hand grenades", "occurred", None, None, None),
      ("COERCE", "disrupt-weapons", "discovered", "occurred", None, "An arms cache", None)]),
    ("Fishermen found a box containing the bombs discovered on Wednesday night.",
     [("COERCE", "disrupt-weapons", "bombs", "occurred", None, None, None),
      ("COERCE", "disrupt-weapons", "discovered", "occurred", None, "the bombs", None)]),
    # a raid at which the police seize things is their search; one with a killing stays an attack
    ("Police seized guns and drugs in a raid on two homes.",
     [("COERCE", "disrupt-weapons", "seized", "occurred", "Police", "guns", None),
      ("COERCE", "raid", "raid", "occurred", None, "two homes", None)]),
    ("Gunmen killed a guard in a raid on the bank.",
     [("ASSAULT", "killing", "killed", "occurred", "Gunmen", "a guard", None),
      ("ASSAULT", "attack", "raid", "occurred", None, "the bank", None)]),
])
def test_weapons_found_or_seized_are_disrupted_weapons_use(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # hurt while state forces fire crowd-control weapons: force against a crowd (and a water cannon is no artillery)
    ("Dozens of people were injured as security forces fired rubber bullets and water cannon.",
     [("ASSAULT", "repression", "injured", "occurred", None, "Dozens of people", "rubber bullets"),
      ("ASSAULT", "repression", "fired rubber bullets", "occurred", "security forces", None, None),
      ("ASSAULT", "repression", "water cannon", "occurred", None, None, None)]),
    # (a policeman hurt there was not hurt by that force)
    ("A policeman was injured as police fired tear gas at rioters.",
     [("PROTEST", "riot", "injured", "occurred", None, "A policeman", "tear gas"),
      ("ASSAULT", "repression", "fired tear gas", "occurred", "police", "rioters", None)]),
    # excessive force on a protest is force against protesters; on a suspect it is no event of its own
    ("Security forces used excessive force to violently suppress a peaceful protest outside the court.",
     [("ASSAULT", "repression", "force", "occurred", None, None, None),
      ("PROTEST", "demonstrate", "protest", "occurred", None, None, None)]),
    ("Police used excessive force during the arrest of a suspect.",
     [("COERCE", "arrest", "arrest", "occurred", None, "a suspect", None)]),
    # demonstrators throwing stones make a violent demonstration; throwing a ball is nothing
    ("Demonstrators threw rocks at the police.",
     [("PROTEST", "riot", "threw", "occurred", "Demonstrators", "the police", None)]),
    ("He threw the ball to his brother.", []),
    # a mob's violence with no demonstration is mob violence, and so is what it caused
    ("A riot broke out after a mob lynched two men.",
     [("ASSAULT", "mob", "riot", "occurred", None, None, None),
      ("ASSAULT", "mob", "lynched", "occurred", "a mob", "two men", None)]),
])
def test_force_on_crowds_stone_throwing_and_mobs(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_a_death_caused_by_a_mob_is_mob_violence(nlp):
    assert _events(nlp, "A thief died after an angry mob attacked him.") == [
        ("ASSAULT", "mob", "died", "occurred", None, "A thief", None),
        ("ASSAULT", "mob", "attacked", "occurred", "an angry mob", "him", None)]


@pytest.mark.parametrize("text, expected", [
    # a missile fired from aircraft is an air strike; a rocket fired at an air base is still a rocket
    ("Two missiles were fired by Israeli jets at the airport.",
     [("ASSAULT", "artillery", "missiles", "occurred", None, None, None),
      ("ASSAULT", "aerial", "fired by Israeli jets at", "occurred", "Israeli jets", "Two missiles", None)]),
    ("Rebels fired rockets at the air base.",
     [("ASSAULT", "artillery", "fired rockets", "occurred", "Rebels", "the air base", None)]),
    # kamikazes who "went off" blew themselves up
    ("Four kamikazes went off near a bus station, killing two people.",
     [("ASSAULT", "suicide-bomb", "killing", "occurred", "Four kamikazes", "two people", None)]),
    # a rocket-propelled grenade is a rocket; a hand grenade stays a grenade
    ("A rocket-propelled grenade hit the convoy, wounding two soldiers.",
     [("ASSAULT", "artillery", "rocket", "occurred", None, None, None),
      ("ASSAULT", "artillery", "grenade", "occurred", None, None, None),
      ("ASSAULT", "artillery", "hit", "occurred", None, "the convoy", "A rocket-propelled grenade"),
      ("ASSAULT", "artillery", "wounding", "occurred", None, "two soldiers", "A rocket-propelled grenade")]),
    ("A man threw a hand grenade into the market, killing two.",
     [("ASSAULT", "grenade", "hand grenade", "occurred", None, None, None),
      ("ASSAULT", "killing", "killing", "occurred", "A man", "two", None)]),
    # the bomb the attack and the killing are told by
    ("Twin car bomb attacks have killed ten people.",
     [("ASSAULT", "car-bomb", "attacks", "occurred", None, None, "car bomb"),
      ("ASSAULT", "car-bomb", "killed", "occurred", "Twin car bomb attacks", "ten people", None)]),
])
def test_the_weapon_sets_the_kind_of_violence(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_an_attack_beaten_back_beat_nobody(nlp):
    assert _events(nlp, "The attack was beaten back by the troops.") == [
        ("ASSAULT", "attack", "attack", "occurred", None, None, None)]


@pytest.mark.parametrize("text, expected, sub_type", [
    ("A prisoner swap between the government and the rebels took place on Monday.",
     ("AGREE", "agree", "swap", "occurred", None, None, None), "Agreement"),
    ("The army recovered the regions close to the border.",
     ("COERCE", "occupy", "recovered", "occurred", "The army", "the regions", None), "Government regains territory"),
    ("The militants were pushed back from the town.",
     ("COERCE", "occupy", "pushed back", "occurred", None, "The militants", None), "Government regains territory"),
    ("The rebels were pushed back by the army.",
     ("COERCE", "occupy", "pushed back", "occurred", "the army", "The rebels", None), "Government regains territory"),
])
def test_exchanges_and_ground_regained(nlp, text, expected, sub_type):
    assert _events(nlp, text) == [expected]
    kind, mode, _, _, agent, target, _ = expected
    assert event_codes(kind, mode, agent, target).acled_sub_type == sub_type


@pytest.mark.parametrize("text", ["Shares were traded on the stock exchange.",
                                  "The company will exchange shares with its rival."])
def test_an_exchange_of_no_prisoners_is_no_agreement(nlp, text):
    assert _events(nlp, text) == []


def test_people_released_in_exchange_for_others_is_an_agreement(nlp):
    assert _events(nlp, "The government released 30 rebels in exchange for 16 soldiers.") == [
        ("RETREAT", "release", "released", "occurred", "The government", "30 rebels", None),
        ("AGREE", "agree", "exchange", "occurred", None, None, None)]


@pytest.mark.parametrize("text, expected", [
    # poison gas is a chemical weapon, in a war-torn country too ("torn" has the lemma "tear", but that is no tear gas)
    ("Civilians in the war-torn country were attacked with poisonous gas.",
     [("ASSAULT", "chemical", "attacked", "occurred", None, "Civilians", "poisonous gas")]),
    # "raped" is not "rap"; "sexually assaulted" is sexual violence
    ("Two women were raped and sexually assaulted by police.",
     [("ASSAULT", "sexual", "raped", "occurred", None, "Two women", None),
      ("ASSAULT", "sexual", "assaulted", "occurred", "police", "Two women", None)]),
    ("Demonstrators staged a sit-in at the Capitol.",
     [("PROTEST", "occupy", "sit-in", "occurred", "Demonstrators", None, None)]),
    # a post established by armed men is a base; a refugee camp is not
    ("Turkish forces established a new military post in the village.",
     [("COERCE", "base", "established", "occurred", "Turkish forces", "a new military post", None)]),
    ("The UN established a refugee camp near the border.", []),
])
def test_weapons_protests_and_bases_named_by_their_words(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # what forces are readied, waiting or mobilised for has not happened yet
    ("ISIS is mobilizing its members for attacking the district.",
     [("MOBILIZE", "deploy", "mobilizing", "occurred", "ISIS", "its members", None),
      ("ASSAULT", "attack", "attacking", "planned", "ISIS", "the district", None)]),
    ("The air defense forces are ready to counter an airstrike.",
     [("ASSAULT", "aerial", "airstrike", "planned", None, None, None)]),
    ("The army units were waiting for the order to kick off the assault.",
     [("ASSAULT", "attack", "assault", "planned", None, None, None)]),
    # a possible attack may not come; a foiled one did not happen
    ("They discussed a possible attack on the base.",
     [("ASSAULT", "attack", "attack", "hypothetical", None, "the base", None)]),
    ("Police foiled a bomb attack on the embassy.",
     [("ASSAULT", "attack", "attack", "hypothetical", None, "the embassy", "bomb")]),
])
def test_attacks_prepared_for_possible_or_foiled_did_not_happen(nlp, text, expected):
    assert _events(nlp, text) == expected
