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
     [("THREATEN", "threaten", "threatened", "occurred", "The group", "the embassy"),
      ("ASSAULT", "explosives", "bomb", "threatened", "The group", "the embassy")]),
    ("Thousands of students protested against the new law in the capital.",
     [("PROTEST", "demonstrate", "protested", "occurred", "Thousands of students", "the new law")]),
])
def test_event_candidates(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_approval_makes_the_approved_event_approved(nlp):
    events = _events(nlp, "The president has approved the executions of the prisoners.")
    assert events == [("COERCE", "execution", "executions", "approved", "The president", "the prisoners")]


def test_claimed_execution_by_an_armed_group_is_a_killing(nlp):
    events = extract_event_candidates(nlp("The militants claimed to have executed 30 hostages."))
    assert [(e.type, e.mode, e.modality, e.claimant.text) for e in events] == [
        ("ASSAULT", "killing", "claimed", "The militants")]


def test_finding_mass_graves_is_a_discovery_but_finding_keys_is_not(nlp):
    assert _events(nlp, "Investigators found three mass graves.") == [
        ("INVESTIGATE", "discover", "found", "occurred", "Investigators", "three mass graves")]
    assert _events(nlp, "She found her keys.") == []
    # the object's own word form counts, not only its lemma ("remains" is not "remain")
    assert _events(nlp, "Human remains have since been found at the site.") == [
        ("INVESTIGATE", "discover", "found", "occurred", None, "Human remains")]


@pytest.mark.parametrize("text, expected", [
    ("Thousands of workers struck for higher pay.", [("PROTEST", "strike", "struck")]),
    # a thing that strikes is no labour strike
    ("The blast, which struck during morning shopping hours, killed five.",
     [("ASSAULT", "explosives", "blast"), ("ASSAULT", "killing", "killed")]),
    ("A powerful earthquake struck on Sunday.", []),
])
def test_strike_is_a_labour_strike_only_when_no_thing_strikes(nlp, text, expected):
    assert [e[:3] for e in _events(nlp, text)] == expected


def test_call_on_is_a_request(nlp):
    assert _events(nlp, "The envoy called on both sides to stop fighting.")[0][:4] == (
        "DEMAND", "demand", "called", "occurred")


@pytest.mark.parametrize("text, expected", [
    ("Gunmen opened fire on a crowded bus.", [("ASSAULT", "firearms", "opened fire")]),
    ("A car bomb exploded outside the ministry.", [("ASSAULT", "car-bomb", "car bomb"),
                                                   ("ASSAULT", "car-bomb", "exploded")]),
    ("Two suicide bombers blew themselves up at a checkpoint.", [("ASSAULT", "suicide-bomb", "suicide bombers"),
                                                                 ("ASSAULT", "suicide-bomb", "blew themselves up")]),
    ("An air strike hit the village.", [("ASSAULT", "aerial", "air strike"), ("ASSAULT", "aerial", "hit")]),
    ("Thousands of students took to the streets of the capital.",
     [("PROTEST", "demonstrate", "took to the streets")]),
    ("Protesters threw stones and police fired tear gas.", [("PROTEST", "riot", "threw"),
                                                            ("PROTEST", "riot", "fired tear gas")]),
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


@pytest.mark.parametrize("text, expected", [
    # being called to the scene of a shooting is no demand, and "on Tuesday night" is nobody called on
    ("Police on Tuesday night were called out to the scene of a double shooting near Main Street.",
     [("ASSAULT", "firearms", "shooting", "occurred", None, None)]),
    ("The envoy on Monday called for an end to the killing of civilians.",
     [("ASSAULT", "killing", "killing", "hypothetical", None, "civilians")]),
    # what somebody is yelled at or told to do is ordered, not done; what reporters are told was done
    ("He started yelling at us to go ahead and kill him.",
     [("ASSAULT", "killing", "kill", "hypothetical", "us", "him")]),
    ("Police told reporters that the man was killed on Tuesday.",
     [("ASSAULT", "killing", "killed", "occurred", None, "the man")]),
    # confirming that somebody was killed reports the killing; confirming a sentence approves it
    ("Family members confirmed that the man was shot and killed last night.",
     [("ASSAULT", "firearms", "shot", "occurred", None, "the man"),
      ("ASSAULT", "killing", "killed", "occurred", None, "the man")]),
    ("The court confirmed the death sentence.", [("COERCE", "execution", "sentence", "approved", "The court", None)]),
])
def test_being_called_out_told_or_confirmed_is_no_demand_or_approval(nlp, text, expected):
    assert _events(nlp, text) == expected


def test_not_only_a_killing_is_still_a_killing(nlp):
    events = _events(nlp, "A man was shot dead on Monday. They didn't just take his life, they took ours too.")
    assert [(trigger, modality) for _, _, trigger, modality, _, _ in events] == [
        ("shot", "occurred"), ("take", "occurred")]


def test_a_shooting_on_a_street_happened_there_and_hit_nobody_named_by_it(nlp):
    assert _events(nlp, "Two men were wounded in a shooting on Elm Street.") == [
        ("ASSAULT", "injury", "wounded", "occurred", None, "Two men"),
        ("ASSAULT", "firearms", "shooting", "occurred", None, None)]


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


# Outcomes of violence: who was killed and who was hurt (the figures a casualty count is read from).

@pytest.mark.parametrize("text, expected", [
    # A word that says the victim died makes the shooting or stabbing a killing.
    ("A woman was fatally shot in her home.", [("ASSAULT", "killing", "shot", "occurred", None, "A woman")]),
    ("A man was shot dead outside the bar.", [("ASSAULT", "killing", "shot", "occurred", None, "A man")]),
    ("The guard was stabbed to death.", [("ASSAULT", "killing", "stabbed", "occurred", None, "The guard")]),
    ("A gunman strangled the clerk to death.",
     [("ASSAULT", "killing", "strangled", "occurred", "A gunman", "the clerk")]),
    ("Police investigated a deadly shooting.",
     [("INVESTIGATE", "investigate", "investigated", "occurred", "Police", "a deadly shooting"),
      ("ASSAULT", "killing", "shooting", "occurred", None, None)]),
    # In an article about violence, dying is its outcome, told of the one who died.
    ("The man was pronounced dead at the scene after the shooting.",
     [("ASSAULT", "killing", "dead", "occurred", None, "The man"),
      ("ASSAULT", "firearms", "shooting", "occurred", None, None)]),
    ("The victim died at the hospital after the shooting.",
     [("ASSAULT", "killing", "died", "occurred", None, "The victim"),
      ("ASSAULT", "firearms", "shooting", "occurred", None, None)]),
    ("The officer succumbed to his injuries after the shooting.",
     [("ASSAULT", "killing", "succumbed", "occurred", None, "The officer"),
      ("ASSAULT", "firearms", "shooting", "occurred", None, None)]),
    ("The shooting left a teenager dead.",
     [("ASSAULT", "firearms", "shooting", "occurred", None, None),
      ("ASSAULT", "killing", "dead", "occurred", None, "a teenager")]),
    ("The gunman took his own life.", [("ASSAULT", "killing", "took", "occurred", None, "The gunman")]),
    ("Robbers took my father's life in the shooting.",
     [("ASSAULT", "killing", "took", "occurred", "Robbers", "my father's"),
      ("ASSAULT", "firearms", "shooting", "occurred", None, None)]),
    # The wounds one died of are the killing's: nobody else was hurt.
    ("The victim died of multiple gunshot wounds.", [("ASSAULT", "killing", "died", "occurred", None, "The victim")]),
    # An illness is not violence, and a death in an article with no violence is not a killing.
    ("The gunman's father died of cancer after the shooting.",
     [("ASSAULT", "firearms", "shooting", "occurred", None, None)]),
    ("The mayor died at the hospital on Sunday.", []),
])
def test_deaths_in_an_article_about_violence_are_killings(nlp, text, expected):
    assert _events(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The victim was listed in critical condition after the shooting.", ("condition", "occurred", "The victim")),
    ("A man was taken to a hospital with non-life-threatening injuries after the shooting.",
     ("injuries", "occurred", "A man")),
    ("Two people were hospitalized after the shooting.", ("hospitalized", "occurred", "Two people")),
    ("The attack left the driver in serious condition.", ("condition", "occurred", "the driver")),
    # "no one", "no officers": the injury did not happen.
    ("No one was hurt in the shooting.", ("hurt", "negated", "No one")),
])
def test_hospital_words_name_the_injured(nlp, text, expected):
    injuries = [(e.trigger.text, e.modality, e.target.text if e.target is not None else None)
                for e in extract_event_candidates(nlp(text)) if e.mode == "injury"]
    assert injuries == [expected]


def test_life_threatening_and_sanctions_that_hurt_are_not_events(nlp):
    assert [e.mode for e in extract_event_candidates(nlp(
        "He was treated for life-threatening injuries after the shooting."))] == ["injury", "firearms"]
    assert [e.type for e in extract_event_candidates(nlp("Sanctions hurt the economy after the attack."))] == [
        "SANCTION", "ASSAULT"]


@pytest.mark.parametrize("text, trigger, mode, modality", [
    ("He was charged with attempted murder.", "murder", "attack", "claimed"),  # nobody died
    ("The gunman tried to kill his wife.", "kill", "attack", "occurred"),
    ("The bullet nearly killed the officer.", "killed", "killing", "negated"),
    ("The shot came within inches of possibly killing the trooper.", "killing", "killing", "hypothetical"),
    ("Officers were told to shoot to kill.", "kill", "killing", "hypothetical"),  # an aim, not a result
])
def test_attempts_near_misses_and_aims_are_not_deaths(nlp, text, trigger, mode, modality):
    event = next(e for e in extract_event_candidates(nlp(text)) if e.trigger.text == trigger)
    assert (event.mode, event.modality) == (mode, modality)


def test_homicide_is_a_killing_but_homicide_detectives_are_not(nlp):
    assert [(e.mode, e.trigger.text) for e in extract_event_candidates(nlp(
        "Police are investigating a homicide."))] == [("investigate", "investigating"), ("killing", "homicide")]
    assert [e.trigger.text for e in extract_event_candidates(nlp(
        "Homicide detectives are investigating the shooting."))] == ["investigating", "shooting"]


@pytest.mark.parametrize("text, expected", [
    # Headlines drop "was": the bare subject of a participle of harm is its victim, shared by "shot, killed".
    ("Man shot, killed in Riverton", [("shot", None, "Man"), ("killed", None, "Man")]),
    ("Police say a man was shot and killed at the park.", [("shot", None, "a man"), ("killed", None, "a man")]),
    # A relative pronoun object is the noun it refers to.
    ("Police identified the teenager who gunmen shot dead on Sunday.", [("shot", "gunmen", "the teenager")]),
    # A date is when, not whom.
    ("Gunmen shot at officers on Monday.", [("shot", "Gunmen", None)]),
    # Boilerplate run into the text is not part of the victim's description.
    ("KXYZ News--A 27-year-old man was killed on Sunday.", [("killed", None, "A 27-year-old man")]),
])
def test_victims_of_headlines_and_shared_participles(nlp, text, expected):
    assert [(e.trigger.text, e.agent.text if e.agent is not None else None,
             e.target.text if e.target is not None else None) for e in extract_event_candidates(nlp(text))
            if e.type == "ASSAULT"] == expected

@pytest.mark.parametrize("text, expected", [
    # A passive participle shares the subject of the verbs it is coordinated with or controlled by:
    # that subject is what was done to, never the doer.
    ("Innocent people have been and may continue to be convicted and executed.",
     [("convicted", None, "Innocent people"), ("executed", None, "Innocent people")]),
    ("The prisoners were convicted and executed.",
     [("convicted", None, "The prisoners"), ("executed", None, "The prisoners")]),
    # An active verb keeps its subject as the agent, and shares the object of the verb coordinated after it.
    ("The militia tried and executed the prisoners.",
     [("tried", "The militia", "the prisoners"), ("executed", "The militia", "the prisoners")]),
])
def test_coordinated_passives_share_their_patient(nlp, text, expected):
    assert [(e.trigger.text, e.agent.text if e.agent is not None else None,
             e.target.text if e.target is not None else None) for e in extract_event_candidates(nlp(text))
            if e.type == "COERCE"] == expected



@pytest.mark.parametrize("text, trigger, period", [
    ("At least 555 children have been killed in the city since 2008.", "killed", True),
    ("The city has recorded 300 homicides so far this year.", "homicides", True),
    ("More than 2,900 people were shot in the city last year.", "shot", True),
    ("Nine officers have been fatally shot this year alone.", "shot", True),
    ("About 100 people are killed a year in the city.", "killed", True),
    ("In 2015, 468 people were killed in the city.", "killed", True),
    ("Twelve people have died in shootings in the city this month.", "died", True),
    ("At least 555 children have been killed in the city, according to a Tribune analysis.", "killed", True),
    ("Two men were killed on Sunday, according to court records.", "killed", False),
    # One incident, dated or placed in a series, is no tally.
    ("Gunmen killed two farmers on Sunday.", "killed", False),
    ("It was the ninth air raid on the town this year.", "air raid", False),
    # the toll of the earlier time a record is measured from
    ("It is the most killings the city has seen in January since 2007, when 28 were killed.", "killed", True),
    ("It was the deadliest attack since 1998, when a bombing killed 40 people.", "killed", True),
])
def test_a_figure_over_a_period_is_a_tally(nlp, text, trigger, period):
    event = next(e for e in extract_event_candidates(nlp(text)) if e.trigger.text == trigger)
    assert event.period is period


def test_what_the_police_found_had_happened_is_news_not_background(nlp):
    event = next(e for e in extract_event_candidates(nlp("Police determined that the man had been shot."))
                 if e.trigger.text == "shot")
    assert event.background_hint is False


@pytest.mark.parametrize("text, expected", [
    # A weapon where the doer would stand is how, not who.
    ("Bomb kills 12 in Kabul", [("kills", None, "Bomb")]),
    ("A blast killed 12 people at a market.", [("killed", None, "A blast")]),
    ("He was killed by a roadside bomb.", [("killed", None, "a roadside bomb")]),
    # "with" / "using" name the means; people named after weapons stay agents.
    ("Gunmen shot him with a rifle.", [("shot", "Gunmen", "a rifle")]),
    ("A man stabbed his neighbour with a kitchen knife.", [("stabbed", "A man", "a kitchen knife")]),
    ("Militants attacked the base using mortars.", [("attacked", "Militants", "mortars")]),
    ("A knife attack left two dead.", [("attack", None, "knife")]),
    # A car is a weapon only as the doer or next to a weapon word: "with a car" is not stated as a means.
    ("The rebels attacked the village with a car.", [("attacked", "The rebels", None)]),
    ("Fighters attacked the town.", [("attacked", "Fighters", None)]),
    # Crewed means stand for their crews as the doer, and are the means after "with".
    ("Israeli helicopter gunships attacked the camp.", [("attacked", "Israeli helicopter gunships", None)]),
    ("The army attacked the camp with helicopter gunships.", [("attacked", "The army", "helicopter gunships")]),
])
def test_instruments_where_stated(nlp, text, expected):
    events = [e for e in extract_event_candidates(nlp(text)) if e.trigger.text == expected[0][0]]
    assert [(e.trigger.text, e.agent.text if e.agent is not None else None,
             e.instrument.text if e.instrument is not None else None) for e in events] == expected


@pytest.mark.parametrize("text, triggers", [
    # Words of violence in other senses: a launch, a market rise, rapeseed, opposing a bid.
    ("The Delta rocket lifted off from Cape Canaveral on Friday.", []),
    ("Militants fired a rocket at the base.", ["fired a rocket"]),
    ("Shares of ChemLawn shot up 11 dollars.", []),
    ("Prices shot up.", []),
    ("Gunmen shot up a bar in the city.", ["shot"]),
    ("Exports of rape oil rose to 82,900 tonnes.", []),
    ("The Wallenbergs will fight the bid.", []),
    ("Rebels fought government troops near the town.", ["fought"]),
    ("They fought the Taliban.", ["fought"]),
])
def test_words_of_violence_in_other_senses_are_not_events(nlp, text, triggers):
    assert [e.trigger.text for e in extract_event_candidates(nlp(text)) if e.type == "ASSAULT"] == triggers


@pytest.mark.parametrize("text, expected", [
    # Nobody claiming an attack makes nobody its claimant or its agent.
    ("No group immediately claimed responsibility for the attack.", [("attack", "occurred", None, None)]),
    ("Nobody claimed responsibility for the bombing.", [("bombing", "occurred", None, None)]),
    ("The Taliban claimed responsibility for the attack.", [("attack", "claimed", "The Taliban", "The Taliban")]),
])
def test_a_claim_by_nobody_is_no_claim(nlp, text, expected):
    assert [(e.trigger.text, e.modality, e.agent.text if e.agent is not None else None,
             e.claimant.text if e.claimant is not None else None)
            for e in extract_event_candidates(nlp(text))] == expected


@pytest.mark.parametrize("text, expected", [
    # The suicide bombing is its own event: it does not make the later checkpoint attack a suicide attack.
    ("Militants attacked a police checkpoint in Kandahar on Monday, a day after a suicide bombing killed six "
     "soldiers.", [("attacked", "attack"), ("suicide bombing", "suicide-bomb"), ("killed", "suicide-bomb")]),
    # The killing told in a clause of the bombing is the bombing's.
    ("A suicide bomber blew himself up at a checkpoint, killing 12 people.",
     [("suicide bomber", "suicide-bomb"), ("blew himself up", "suicide-bomb"), ("killing", "suicide-bomb")]),
])
def test_a_weapon_named_for_another_event_does_not_type_this_one(nlp, text, expected):
    assert [(e.trigger.text, e.mode) for e in extract_event_candidates(nlp(text))] == expected


@pytest.mark.parametrize("text, expected", [
    # "left X wounded": the one left wounded
    ("The shooting left another teen critically wounded.", [("wounded", "another teen")]),
    # a wound names whom it hurt only when that is somebody else than a first victim (the dead had wounds too)
    ("A second victim was found nearby with a gunshot wound to the arm.", [("wound", "A second victim")]),
    ("The victim was found nearby with a gunshot wound to the arm.", [("wound", None)]),
])
def test_whom_a_wounding_told_apart_hurt(nlp, text, expected):
    assert [(e.trigger.text, e.target.text if e.target is not None else None)
            for e in extract_event_candidates(nlp(text)) if e.mode == "injury"] == expected


@pytest.mark.parametrize("text, expected", [
    # a month named March tells of no march: the police killing stays a killing, the wounding no riot
    ("Police shot and killed a man on March 3 near the station.",
     [("ASSAULT", "firearms", "shot", "occurred", "Police", "a man"),
      ("ASSAULT", "killing", "killed", "occurred", "Police", "a man")]),
    ("Two men were wounded in a shooting early Sunday, March 1, in the 1200 block of Main Street.",
     [("ASSAULT", "injury", "wounded", "occurred", None, "Two men"),
      ("ASSAULT", "firearms", "shooting", "occurred", None, None)]),
])
def test_a_month_named_march_is_no_protest(nlp, text, expected):
    assert _events(nlp, text) == expected
