"""Toponym resolution, enclosing locations, event places and GeoJSON (newsledger.geo).

The gazetteer is compiled from installed packages on first use (about 40 s once
per machine, then cached under NEWSLEDGER_CACHE); mentions are given by hand, and
the one parse-dependent test hand-builds its ``Doc``, so no spaCy model is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsledger.geo import (PRECISIONS, ResolvedPlace, find_dateline, find_toponyms, geocode_places, haversine_km,
                            load_gazetteer, locate_event, normalise_name, to_geojson)
from newsledger.model import Event


@dataclass(frozen=True)
class M:
    start: int
    end: int
    type: str


def mentions(text: str, *spans: tuple[str, str]) -> list[M]:
    """Mentions for (surface, label) pairs, each found after the previous one."""
    found, at = [], 0
    for surface, label in spans:
        start = text.index(surface, at)
        found.append(M(start, start + len(surface), label))
        at = start + len(surface)
    return found


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


def resolve(gazetteer, text, *spans, **kwargs):
    return geocode_places(mentions(text, *spans), text, gazetteer=gazetteer, **kwargs)


@pytest.mark.parametrize("name, key", [
    ("St. Louis", "saint louis"), ("U.S.", "us"), ("Şalāḩ ad Dīn", "salah ad din"), ("the Hague", "hague"),
    ("Côte d'Ivoire", "cote divoire"), ("Ft. Worth", "fort worth"), ("Mt. Pleasant", "mount pleasant"),
    # Alone, a code stays a code (Montana's "MT", Sao Tome's "ST"): "Mount" and "Saint" name no place.
    ("MT", "mt"), ("St.", "st"), ("Mount", "mount"),
])
def test_normalise_name(name, key):
    assert normalise_name(name) == key


def test_gazetteer_entry_has_admin_and_country(gazetteer):
    tikrit = [e for e in gazetteer.lookup("Tikrit") if e.feature_code.startswith("PPL")]
    assert [(e.country_code, gazetteer.admin(e.country_code, e.admin1_code).name) for e in tikrit] == \
        [("IQ", "Şalāḩ ad Dīn")]


def test_seed_tikrit_northern_iraq_and_camp_speicher(gazetteer):
    text = ("Soldiers were killed at Camp Speicher in 2014. Remains were found in Tikrit, northern Iraq. "
            "Iraqi forces recaptured the city of Tikrit.")
    places = resolve(gazetteer, text, ("Camp Speicher", "FAC"), ("Tikrit", "GPE"), ("Iraq", "GPE"),
                     ("Tikrit", "GPE"))
    got = [(p.text, p.name, p.admin1, p.country_code, p.precision) for p in places]
    assert got == [
        ("Camp Speicher", "Tikrīt", "Şalāḩ ad Dīn", "IQ", "district"),
        ("Tikrit", "Tikrīt", "Şalāḩ ad Dīn", "IQ", "exact"),
        ("northern Iraq", "Iraq", None, "IQ", "province"),
        ("Tikrit", "Tikrīt", "Şalāḩ ad Dīn", "IQ", "exact"),
    ]
    camp, _, north, _ = places
    assert camp.anchor_start == text.index("Tikrit") and "not in the gazetteer" in camp.reason
    iraq = gazetteer.country("IQ")
    assert north.lat > iraq.lat + 1  # the northern part, not the country's middle


def test_unknown_site_near_a_named_town_is_town_precision(gazetteer):
    text = "Militants stormed Camp Speicher near Tikrit on Thursday."
    camp = resolve(gazetteer, text, ("Camp Speicher", "FAC"), ("Tikrit", "GPE"))[0]
    assert (camp.name, camp.precision, camp.reason) == ("Tikrīt", "town", "not in the gazetteer; said to be near Tikrit")
    assert haversine_km(camp.lat, camp.lon, 34.6, 43.68) < 25


@pytest.mark.parametrize("text, spans, expected", [
    ("PARIS, Texas (AP) - A tornado hit the town on Monday.", [("PARIS", "DATELINE"), ("Texas", "GPE")],
     ("US", "TX")),
    ("Storms cut power in Paris and Dallas overnight, officials in Texas said.",
     [("Paris", "GPE"), ("Dallas", "GPE"), ("Texas", "GPE")], ("US", "TX")),
    ("Protesters marched in Paris while unions in Lyon and Marseille joined them across France.",
     [("Paris", "GPE"), ("Lyon", "GPE"), ("Marseille", "GPE"), ("France", "GPE")], ("FR", "11")),
    ("Talks resume in Paris next week.", [("Paris", "GPE")], ("FR", "11")),
])
def test_paris_is_decided_by_context(gazetteer, text, spans, expected):
    labels = [(s, "GPE") for s, _ in spans]
    places = resolve(gazetteer, text, *labels, dateline=False)
    paris = places[0]
    entry = gazetteer.get(paris.geonameid)
    assert (entry.country_code, entry.admin1_code) == expected
    assert paris.precision == "exact"


@pytest.mark.parametrize("text, spans, country", [
    ("Flooding closed roads from Atlanta to Savannah, Georgia officials said.",
     [("Atlanta", "GPE"), ("Savannah", "GPE"), ("Georgia", "GPE")], "US"),
    ("Georgia recalled its ambassador after protests in Tbilisi and Batumi.",
     [("Georgia", "GPE"), ("Tbilisi", "GPE"), ("Batumi", "GPE")], "GE"),
])
def test_georgia_state_or_country(gazetteer, text, spans, country):
    georgia = next(p for p in resolve(gazetteer, text, *spans) if p.text == "Georgia")
    assert georgia.country_code == country
    assert georgia.precision == ("province" if country == "US" else "country")


def test_container_abbreviation_and_county_word(gazetteer):
    text = "A fire in Gainesville, Fla., spread to homes. Deputies in Cook County near Chicago helped."
    places = resolve(gazetteer, text, ("Gainesville", "GPE"), ("Fla.", "GPE"), ("Cook County", "GPE"),
                     ("Chicago", "GPE"))
    assert [(p.text, p.admin1, p.precision) for p in places] == [
        ("Gainesville", "Florida", "exact"), ("Fla.", "Florida", "province"),
        ("Cook County", "Illinois", "district"), ("Chicago", "Illinois", "exact"),
    ]


def test_demonym_sets_the_country_focus(gazetteer):
    text = "Egyptian police said the blast in Alexandria wounded five."
    plain = resolve(gazetteer, text, ("Alexandria", "GPE"))
    assert plain[0].country_code == "EG"  # the largest Alexandria, without context
    with_norp = geocode_places(mentions(text, ("Egyptian", "NORP"), ("Alexandria", "GPE")), text,
                               gazetteer=gazetteer)
    assert [(p.text, p.country_code) for p in with_norp] == [("Alexandria", "EG")]
    us = "Virginia police said the blast in Alexandria wounded five."
    assert resolve(gazetteer, us, ("Virginia", "GPE"), ("Alexandria", "GPE"))[1].admin1 == "Virginia"


def test_unplaceable_mention_is_unknown(gazetteer):
    text = "They met at Qqzxv Hall."
    assert [(p.text, p.precision, p.located) for p in resolve(gazetteer, text, ("Qqzxv Hall", "FAC"))] == \
        [("Qqzxv Hall", "unknown", False)]


@pytest.mark.parametrize("text, expected", [
    ("BAGHDAD (Reuters) - A car bomb exploded.", "BAGHDAD"),
    ("Title line\nMOSUL, Iraq — Fighting resumed.", "MOSUL, Iraq"),
    ("WASHINGTON: The Senate voted.", "WASHINGTON"),
    ("The minister said on Monday - quietly.", None),
    # a headline's label is a page's format, not a place
    ("VIDEO: Philadelphia shooting victims crash into car", None),
    ("UPDATE: Man shot on Southwest Side", None),
])
def test_find_dateline(text, expected):
    found = find_dateline(text)
    assert (found[2] if found else None) == expected


def _place(text: str, surface: str, label: str = "GPE", precision: str = "exact") -> ResolvedPlace:
    start = text.index(surface)
    return ResolvedPlace(start, start + len(surface), surface, label, precision, "test", geonameid=1,
                         name=surface, lat=36.34, lon=43.13, country_code="IQ", country="Iraq")


def test_locate_event_prefers_the_locative_place_over_the_agent():
    words = ["Iraqi", "forces", "killed", "ten", "militants", "in", "Mosul", "."]
    doc = Doc(Vocab(), words=words, spaces=[True] * 6 + [False, False],
              heads=[1, 2, 2, 4, 2, 2, 5, 2], deps=["amod", "nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"],
              ents=["B-NORP", "O", "O", "O", "O", "O", "B-GPE", "O"])
    mosul = _place(doc.text, "Mosul")
    trigger = doc.text.index("killed")
    assert locate_event(doc, trigger, trigger + 6, [mosul]) == (mosul, "'in Mosul' attached to the trigger")
    dateline = _place(doc.text, "Iraqi", label="DATELINE", precision="exact")
    assert locate_event(doc, trigger, trigger + 6, [dateline]) == (
        dateline, "dateline: the text gives no place for this event")


def test_to_geojson():
    text = "Militants attacked Mosul."
    place = _place(text, "Mosul")
    event = Event("V1", "ASSAULT", None, "attacked", 10, 18, "occurred", False, place="P1", place_text="Mosul")
    collection = to_geojson([(event, place), (event, None)])
    assert collection["type"] == "FeatureCollection"
    assert [f["geometry"] for f in collection["features"]] == [{"type": "Point", "coordinates": [43.13, 36.34]}]
    props = collection["features"][0]["properties"]
    assert (props["id"], props["location"]["precision"], props["location"]["country_code"]) == ("V1", "exact", "IQ")
    assert len(to_geojson([(event, None)], include_unlocated=True)["features"]) == 1


def test_precisions_are_ordered():
    assert PRECISIONS == ("exact", "town", "district", "province", "country", "region")


# --- rules that decide ambiguous names by the rest of the article ------------------------------------------

def _where(place, gazetteer):
    entry = gazetteer.get(place.geonameid)
    return entry.country_code, entry.admin1_code, place.precision


def test_two_ambiguous_names_settle_each_other(gazetteer):
    # Neither "Paris" nor "Henry County" is decided alone; one Paris lies in one Henry County (Tennessee).
    text = "Residents of Paris and Henry County will receive a letter from the rescue squad."
    places = resolve(gazetteer, text, ("Paris", "GPE"), ("Henry County", "GPE"))
    assert [_where(p, gazetteer) for p in places] == [("US", "TN", "exact"), ("US", "TN", "district")]
    # Alone, Paris is still the capital of France.
    assert _where(resolve(gazetteer, "Residents of Paris will receive a letter.", ("Paris", "GPE"))[0],
                  gazetteer)[:2] == ("FR", "11")


def test_a_district_decides_a_town(gazetteer):
    # "Kanawha City" is no gazetteer town; without its division word it is Kanawha County, which holds a Charleston.
    text = "Police say a Charleston man was arrested at a motel in Kanawha City."
    places = resolve(gazetteer, text, ("Charleston", "GPE"), ("Kanawha City", "GPE"))
    assert [_where(p, gazetteer)[:2] for p in places] == [("US", "WV"), ("US", "WV")]


def test_nearby_candidates_decide_each_other(gazetteer):
    # Cambridge alone is England's; beside Somerville (one lies 3 km away in Massachusetts) it is the American one.
    assert resolve(gazetteer, "Traffic was slow in Cambridge.", ("Cambridge", "GPE"))[0].country_code == "GB"
    text = "Traffic was slow between Cambridge and Somerville."
    places = resolve(gazetteer, text, ("Cambridge", "GPE"), ("Somerville", "GPE"))
    assert [(p.text, p.admin1) for p in places] == [("Cambridge", "Massachusetts"), ("Somerville", "Massachusetts")]


@pytest.mark.parametrize("text, spans, expected", [
    # A list of states is no "town, state" pair: Oklahoma is not the hamlet in Pennsylvania.
    ("Cases were found in states including Georgia, Oklahoma, Pennsylvania, Wisconsin and California.",
     ["Georgia", "Oklahoma", "Pennsylvania", "Wisconsin", "California"],
     [("US", "GA"), ("US", "OK"), ("US", "PA"), ("US", "WI"), ("US", "CA")]),
    # ... but "town, state" pairs inside a list still pair up.
    ("Finalists were Louisville, Ky., New Haven, Conn., and Surprise, Ariz.",
     ["Louisville", "Ky.", "New Haven", "Conn.", "Surprise", "Ariz."],
     [("US", "KY"), ("US", "KY"), ("US", "CT"), ("US", "CT"), ("US", "AZ"), ("US", "AZ")]),
])
def test_lists_are_not_containers(gazetteer, text, spans, expected):
    places = resolve(gazetteer, text, *[(s, "GPE") for s in spans])
    assert [_where(p, gazetteer)[:2] for p in places] == expected


def test_small_namesake_town_yields_to_country_or_province(gazetteer):
    # In an article about Texas, "Mexico" is still the country, not Mexico, Missouri.
    text = "Officials in Texas said the man, a native of Mexico, was arrested in Dallas."
    places = resolve(gazetteer, text, ("Texas", "GPE"), ("Mexico", "GPE"), ("Dallas", "GPE"))
    assert [(p.text, p.country_code, p.precision) for p in places] == [
        ("Texas", "US", "province"), ("Mexico", "MX", "country"), ("Dallas", "US", "exact")]
    # Written with its container, the small town wins.
    text = "The fair opened in Mexico, Mo., on Friday."
    assert _where(resolve(gazetteer, text, ("Mexico", "GPE"), ("Mo.", "GPE"))[0], gazetteer) == \
        ("US", "MO", "exact")


def test_country_holds_the_article_focus(gazetteer):
    # "Mexico" beside Mexico City and Guadalajara is the country, not Mexico City by an alternate name.
    text = "The outbreak in Mexico spread from Mexico City to Guadalajara."
    places = resolve(gazetteer, text, ("Mexico", "GPE"), ("Mexico City", "GPE"), ("Guadalajara", "GPE"))
    assert [(p.text, p.feature_code, p.precision) for p in places] == [
        ("Mexico", "PCLI", "country"), ("Mexico City", "PPLC", "exact"), ("Guadalajara", "PPL", "exact")]


def test_demonym_is_its_country_before_a_namesake_place(gazetteer):
    text = "Irish radio reported that the Irish government disagreed."
    places = resolve(gazetteer, text, ("Irish", "NORP"), ("Irish", "GPE"))
    assert [(p.text, p.country_code, p.precision) for p in places] == [("Irish", "IE", "country")]


@pytest.mark.parametrize("text, expected", [
    ("Selectmen hire veteran lawyer. PORTLAND — The board hired a lawyer.", "PORTLAND"),
    ("Book sale opens. MALTA – About 5,000 books are stacked.", "MALTA"),
    ("He paid. The bill - all of it - came later.", None),
])
def test_dateline_after_a_headline(text, expected):
    found = find_dateline(text)
    assert (found[2] if found else None) == expected


def test_dateline_names_a_town(gazetteer):
    text = "House passes tax bill. WASHINGTON — The House voted on Thursday."
    place = resolve(gazetteer, text, ("WASHINGTON", "GPE"))[0]
    assert (place.name, place.admin1, place.precision) == ("Washington", "District of Columbia", "exact")


@pytest.mark.parametrize("text, name, country", [
    ("PSC official may face $24,000 in fines. Georgia's newest regulator said he would appeal.", "Georgia", "US"),
    ("A shop owner sold a ticket worth £2.5m. The Richmond council said it was delighted.", "Richmond", "GB"),
    ("Anyone with information may call the Athens Police Department at 903-675-5454.", "Athens", "US"),
    ("Anyone with information may call the Athens Police Department.", "Athens", "GR"),
])
def test_money_and_phone_formats_hint_the_country(gazetteer, text, name, country):
    assert resolve(gazetteer, text, (name, "GPE"))[0].country_code == country


def test_name_inside_an_unknown_name_takes_the_article_sense(gazetteer):
    # "Henry County Courthouse" is not in the gazetteer; the Henry County inside it is Tennessee's, as Paris says.
    text = "A Paris man appeared at the Henry County Courthouse on Monday."
    places = resolve(gazetteer, text, ("Paris", "GPE"), ("Henry County Courthouse", "FAC"))
    assert [_where(p, gazetteer) for p in places] == [("US", "TN", "exact"), ("US", "TN", "district")]
    assert places[1].reason == "not in the gazetteer; named after Henry County in the article's country"


def test_whole_name_before_its_short_form(gazetteer):
    text = "Flights from Mexico City and Iowa City were cancelled."
    places = resolve(gazetteer, text, ("Mexico City", "GPE"), ("Iowa City", "GPE"))
    assert [(p.name, p.precision) for p in places] == [("Mexico City", "exact"), ("Iowa City", "exact")]


def test_direction_word_inside_the_entity(gazetteer):
    # The model tags "Northeast Georgia" whole; the direction is split off unless the name has it ("North Carolina").
    text = "Two Northeast Georgia counties grew fastest, as did Atlanta and North Carolina."
    places = resolve(gazetteer, text, ("Northeast Georgia", "GPE"), ("Atlanta", "GPE"), ("North Carolina", "GPE"))
    assert [(p.text, p.admin1, p.precision) for p in places] == [
        ("Northeast Georgia", "Georgia", "province"), ("Atlanta", "Georgia", "exact"),
        ("North Carolina", "North Carolina", "province")]


def test_a_name_the_gazetteer_lacks_said_to_be_a_district_of_a_province(gazetteer):
    text = "A villager in the Qqzxv district of Uttar Pradesh said floods had also reached Indore."
    [village, _, _] = resolve(gazetteer, text, ("Qqzxv", "GPE"), ("Uttar Pradesh", "GPE"), ("Indore", "GPE"))
    assert (village.name, village.precision, village.reason) == (
        "Uttar Pradesh", "province", "not in the gazetteer; said to be a district of Uttar Pradesh")


def test_direction_written_as_two_words_inside_the_entity(gazetteer):
    # "North West England" is England (not "North West" province of South Africa or Cameroon); "South East Asia"
    # stays the region, which the gazetteer knows whole.
    text = "Canals in North West England and markets in South East Asia reopened."
    places = resolve(gazetteer, text, ("North West England", "LOC"), ("South East Asia", "LOC"))
    assert [(p.text, p.name, p.country_code, p.feature_code) for p in places] == [
        ("North West England", "England", "GB", "ADM1"), ("South East Asia", "Southeast Asia", None, "RGN")]


# --- world regions, name variants, division words, namesakes -------------------------------------------------

def test_world_regions_are_gazetteer_entries(gazetteer):
    def regions(name):
        return [(e.name, e.feature_code) for e in gazetteer.lookup(name) if e.feature_code in {"RGN", "CONT"}]
    assert regions("Middle East") == [("Middle East", "RGN")]
    assert regions("West Africa") == [("Western Africa", "RGN")]  # the M49 name under its news name
    assert regions("South-East Asia") == [("Southeast Asia", "RGN")]
    # "Central Africa" is the region, no longer an alias of the Central African Republic; "South Africa"
    # stays the country although M49 has a "Southern Africa".
    assert [e.feature_code for e in gazetteer.lookup("Central Africa")] == ["RGN"]
    assert [(e.country_code, e.feature_code) for e in gazetteer.lookup("South Africa")] == [("ZA", "PCLI")]
    # A region's point is the plain mean of its members' points: Russia does not drag Eastern Europe to Siberia.
    east = next(e for e in gazetteer.lookup("Eastern Europe") if e.feature_code == "RGN")
    assert (round(east.lat, 1), round(east.lon, 1)) == (51.2, 28.2)
    middle = next(e for e in gazetteer.lookup("Middle East") if e.feature_code == "RGN")
    assert (round(middle.lat, 1), round(middle.lon, 1)) == (29.3, 43.2)
    assert (middle.country_code, middle.feature_class) == ("", "L")


def test_region_beats_a_namesake_town(gazetteer):
    # Baltimore and Maryland give the article a focus next to the village of Middle East, Md.; "Middle East"
    # is still the region.
    text = "Officials in Baltimore and Towson, Maryland, said aid to the Middle East would grow."
    places = resolve(gazetteer, text, ("Baltimore", "GPE"), ("Towson", "GPE"), ("Maryland", "GPE"),
                     ("Middle East", "LOC"))
    assert [(p.text, p.feature_code, p.precision, p.country_code) for p in places][3] == \
        ("Middle East", "RGN", "region", None)
    # Written with its container, the village wins.
    text = "The fair opened in Middle East, Md., on Friday."
    assert _where(resolve(gazetteer, text, ("Middle East", "GPE"), ("Md.", "GPE"))[0], gazetteer) == \
        ("US", "MD", "exact")


def test_two_regions_sharing_a_noun(gazetteer):
    text = "Frogs in the jungles of Central and South America are dying."
    places = resolve(gazetteer, text, ("Central", "LOC"), ("South America", "LOC"))
    assert [(p.text, p.name, p.feature_code, p.precision) for p in places] == [
        ("Central", "Central America", "RGN", "region"), ("South America", "South America", "CONT", "region")]
    # Tagged as one entity, the phrase is split into its two places.
    places = resolve(gazetteer, text, ("Central and South America", "LOC"))
    assert [(p.text, p.name) for p in places] == [("Central", "Central America"), ("South America", "South America")]


@pytest.mark.parametrize("name, country", [
    ("Democratic Republic of Congo", "CD"), ("Democratic Republic of the Congo", "CD"), ("DR Congo", "CD"),
    ("Republic of Congo", "CG"), ("Republic of Korea", "KR"), ("Vatican City State", "VA"),
])
def test_country_name_variants(gazetteer, name, country):
    text = f"Aid reached {name} on Monday."
    place = resolve(gazetteer, text, (name, "GPE"))[0]
    assert (place.country_code, place.feature_code, place.precision) == (country, "PCLI", "country")


@pytest.mark.parametrize("text, name, expected", [
    ("The cow, born in Canada, was found at a Washington state farm.", "Washington", ("US", "WA", "province")),
    ("The cow was found on a farm in the state of Washington.", "Washington", ("US", "WA", "province")),
    # A plural division word closing a list names each item's division.
    ("School boards in Barrow, Jackson and Madison counties tweaked their policies, Georgia officials said.",
     "Jackson", ("US", "GA", "district")),
])
def test_division_word_beside_the_name(gazetteer, text, name, expected):
    spans = [(s, "GPE") for s in ("Canada", "Barrow", "Washington", "Jackson", "Madison", "Georgia") if s in text]
    spans.sort(key=lambda s: text.index(s[0]))
    place = next(p for p in resolve(gazetteer, text, *spans) if p.text == name)
    assert _where(place, gazetteer) == expected


def test_minor_namesake_needs_more_than_a_shared_province(gazetteer):
    # New York state is named, but Boston is still Boston, Massachusetts, not the town of 8,000 in New York.
    text = ("Cases rose in Texas and across New York. Earlier this week, the Mayor of Boston declared a flu "
            "emergency in the United States.")
    places = resolve(gazetteer, text, ("Texas", "GPE"), ("New York", "GPE"), ("Boston", "GPE"),
                     ("United States", "GPE"))
    assert _where(places[2], gazetteer) == ("US", "MA", "exact")


def test_an_item_of_a_list_of_states_is_a_state(gazetteer):
    text = "Cases were confirmed in Oregon, Texas, Utah, Virginia, Washington and Wyoming."
    names = ["Oregon", "Texas", "Utah", "Virginia", "Washington", "Wyoming"]
    places = resolve(gazetteer, text, *[(n, "GPE") for n in names])
    assert [(p.admin1, p.precision) for p in places][4] == ("Washington", "province")


def test_national_capital_written_otherwise_is_a_capital(gazetteer):
    # countryinfo writes "Washington D.C."; the capital is still found and marked.
    assert [(e.admin1_code, e.feature_code) for e in gazetteer.lookup("Washington")
            if e.country_code == "US" and e.feature_code == "PPLC"] == [("DC", "PPLC")]
    # Without any US context, bare "Washington" beside Cairo is the capital, not the state.
    text = "Egypt cooperated closely with Washington, the minister said in Cairo."
    places = resolve(gazetteer, text, ("Egypt", "GPE"), ("Washington", "GPE"), ("Cairo", "GPE"))
    assert (places[1].admin1, places[1].feature_code) == ("District of Columbia", "PPLC")


@pytest.mark.parametrize("text, name, admin1", [
    ("Horse movements were banned in NSW and Queensland.", "NSW", "New South Wales"),
    ("The plant in Kamloops, B.C., closed.", "B.C.", "British Columbia"),
])
def test_state_abbreviations_of_other_countries(gazetteer, text, name, admin1):
    spans = [(s, "GPE") for s in ("Kamloops", "NSW", "B.C.", "Queensland") if s in text]
    spans.sort(key=lambda s: text.index(s[0]))
    place = next(p for p in resolve(gazetteer, text, *spans) if p.text == name)
    assert (place.admin1, place.precision) == (admin1, "province")


def test_unknown_name_does_not_borrow_a_town_of_another_country(gazetteer):
    # The article's main town is Hohhot, but the Danube Delta's sentence is about Romania.
    text = ("Birds died in Hohhot, China. More birds died in Hohhot. Romania confirmed another outbreak in the "
            "Danube Delta area.")
    places = resolve(gazetteer, text, ("Hohhot", "GPE"), ("China", "GPE"), ("Hohhot", "GPE"), ("Romania", "GPE"),
                     ("Danube Delta", "LOC"))
    assert (places[-1].country_code, places[-1].precision) == ("RO", "country")


# --- points of countries and provinces ---------------------------------------------------------------------

def test_country_point_is_the_equal_area_centroid():
    from newsledger.geo.gazetteer import _equal_area_centroid, _outline_centroid
    # A lon/lat rectangle from the equator to 60° N: half its area lies south of asin(sin 60° / 2) = 25.66° N,
    # not of the plain-degree middle 30° N.
    ring = [(0.0, 0.0), (0.0, 10.0), (60.0, 10.0), (60.0, 0.0)]  # (lat, lon)
    lat, lon = _equal_area_centroid(ring)
    assert (round(lat, 4), round(lon, 4)) == (25.6589, 5.0)
    outline = {"features": [{"geometry": {"type": "Polygon",
                                          "coordinates": [[[0, 0], [10, 0], [10, 60], [0, 60], [0, 0]]]}}]}
    assert tuple(round(v, 4) for v in _outline_centroid(outline)) == (25.6589, 5.0)
    # A main landmass under 70% of the outline gives no centroid (the caller falls back to the package's point).
    islands = {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]]}}]}
    assert _outline_centroid(islands) is None


def test_province_point_is_the_centroid_of_its_places_hull():
    from newsledger.geo.gazetteer import _convex_hull, _division_point
    # Towns crowd one corner of a province that spans 0–10° N, 0–10° E: its point is the middle of the land
    # the towns span (the hull's equal-area centroid), not the middle of the crowd.
    corners = [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    crowd = [(1.0 + 0.01 * i, 1.0 + 0.01 * i) for i in range(100)]
    assert sorted(_convex_hull(corners + crowd)) == sorted(corners)
    lat, lon = _division_point(corners + crowd)
    assert (round(lat, 4), round(lon, 4)) == (4.9809, 5.0)
    # One mis-filed village far outside (the outer 1% on an axis) does not stretch the hull.
    grid = [(float(y), float(x)) for y in range(11) for x in range(11)] * 2
    assert tuple(round(v, 4) for v in _division_point(grid)) == (4.9809, 5.0)
    assert tuple(round(v, 4) for v in _division_point(grid + [(40.0, 5.0)])) == (4.9809, 5.0)
    # Nor do a handful of villages mis-filed a country away (more than the few places trimmed on a side).
    assert tuple(round(v, 4) for v in _division_point(grid + [(40.0, 5.0 + i) for i in range(3)])) == (4.9809, 5.0)
    # A sparse outback is land of the province too: a crowded east (1,000 towns at 5–10° E) and eight towns
    # along its empty west edge keep the west (only three places at most are cut on a side, not 1%).
    east = [(0.5 + (i % 20) * 0.5, 5.0 + (i // 20) * 0.1) for i in range(1000)]
    outback = [(1.0 + i, 0.0) for i in range(8)]
    assert tuple(round(v, 4) for v in _division_point(east + outback)) == (5.0666, 5.1826)
    # Fewer than three distinct points: the middle of their bounding box.
    assert _division_point([(2.0, 4.0), (2.0, 4.0)]) == (2.0, 4.0)
    assert _division_point([]) is None


def test_iso_point_of_a_division_is_checked_against_its_places():
    from newsledger.geo.gazetteer import _checked_iso_point
    places = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0)]
    # Outside the box of the division's places but within 400 km of one (352 km from (0, 1)): taken.
    assert _checked_iso_point((1.0, 4.0), places) == (1.0, 4.0)
    # Outside the box and over 400 km from every place (another division's point): none, so the places' point
    # is used.
    assert _checked_iso_point((5.0, 5.0), places) is None
    # Inside the box of a sparse division, however far from its towns (556 km from each corner): taken.
    corners = [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    assert _checked_iso_point((5.0, 5.0), corners) == (5.0, 5.0)
    # Nothing to check it by, or no ISO point: none either.
    assert _checked_iso_point((1.0, 1.0), []) is None
    assert _checked_iso_point(None, places) is None


def test_province_and_country_points_from_the_packaged_data(gazetteer):
    # Divisions that are ISO 3166-2 subdivisions are at the package's point, the middle of their outline, even
    # where their towns crowd one edge (Ontario's and Queensland's south, Alaska's south coast); a first-order
    # division that is not (Finnmark, merged away in ISO) at the middle of the land its towns span; countries
    # at their landmass' equal-area centroid.
    def point(name, code, country):
        entry = next(e for e in gazetteer.lookup(name) if e.feature_code == code and e.country_code == country)
        return round(entry.lat, 1), round(entry.lon, 1)
    assert point("Texas", "ADM1", "US") == (31.3, -98.5)
    assert point("Ontario", "ADM1", "CA") == (50.0, -86.0)
    assert point("Alaska", "ADM1", "US") == (64.4, -149.7)
    assert point("Queensland", "ADM1", "AU") == (-22.2, 144.6)
    assert point("British Columbia", "ADM1", "CA") == (55.0, -125.0)
    assert point("New South Wales", "ADM1", "AU") == (-31.9, 147.3)
    assert point("Finnmark", "ADM1", "NO") == (70.1, 26.2)
    # Second-order divisions that are ISO subdivisions too: a French department, an English county.
    assert point("Ain", "ADM2", "FR") == (46.1, 5.3)
    assert point("Surrey", "ADM2", "GB") == (51.3, -0.3)
    # North Darfur's lies 213 km from the nearest of its few towns: still its point.
    assert point("North Darfur", "ADM1", "SD") == (16.0, 26.0)
    # Oued Ed-Dahab's ISO point is Oujda's, 1,900 km north of all its places: the places' point is kept.
    assert point("Oued Ed-Dahab", "ADM2", "MA") == (23.2, -16.1)
    assert point("China", "PCLI", "CN") == (35.6, 103.6)
    assert point("Russia", "PCLI", "RU") == (59.5, 97.4)


@pytest.mark.parametrize("name, expected", [("America", ("US", "PCLI")), ("EU", ("", "RGN"))])
def test_short_news_names_of_a_country_and_a_grouping(gazetteer, name, expected):
    text = f"Officials said {name} would answer the proposal within a week."
    place, = resolve(gazetteer, text, (name, "GPE"))
    assert (place.country_code or "", place.feature_code) == expected
    assert place.name == {"US": "United States", "": "European Union"}[expected[0]]


# ------------------------------------------------------------------ QA fixes: codes, datelines, islands, history

@pytest.mark.parametrize("text, surface", [
    ("A bomb exploded at a market at 9 A.M. on Monday, the U.N. said.", "A.M."),
    ("The bomb went off at 10.30 P.M. (2130 GMT).", "P.M."),
    ("Shops open at 8 am and close at 6 PM.", "PM"),
    ("Polls close at 7 p.m. local time.", "p.m."),
    ("The U.N. said talks would resume.", "U.N."),
])
def test_time_abbreviations_and_unknown_initials_are_no_places(gazetteer, text, surface):
    assert resolve(gazetteer, text, (surface, "GPE"), dateline=False) == []


def test_known_dotted_abbreviations_still_name_places(gazetteer):
    text = "Talks between U.S. and U.K. officials in N.Y. and L.A. ended."
    places = resolve(gazetteer, text, ("U.S.", "GPE"), ("U.K.", "GPE"), ("N.Y.", "GPE"), ("L.A.", "GPE"))
    assert [(p.text, p.country_code, p.feature_code, p.name) for p in places] == [
        ("U.S.", "US", "PCLI", "United States"), ("U.K.", "GB", "PCLI", "United Kingdom"),
        ("N.Y.", "US", "ADM1", "New York"), ("L.A.", "US", "PPL", "Los Angeles")]


@pytest.mark.parametrize("text, expected", [
    ("QUITO, March 20 - Ecuador said oil exports resumed.", "QUITO"),
    ("NEW YORK, Oct 19, 1987 - Stocks fell.", "NEW YORK"),
    ("QUITO - Ecuador said oil exports resumed.", "QUITO"),
    ("MOSUL, Iraq, Feb. 3 - Fighting resumed.", "MOSUL, Iraq"),
])
def test_find_dateline_with_a_wire_date(text, expected):
    found = find_dateline(text)
    assert (found[2] if found else None) == expected


def test_province_word_selects_a_second_order_division_when_no_first_order_one(gazetteer):
    # Reuters #7594: the Philippines' provinces are GeoNames ADM2s; "Quezon province" is not Quezon town, Bukidnon.
    text = "On Tuesday, 19 soldiers were killed in Quezon province in the northern island of Luzon."
    quezon, luzon = resolve(gazetteer, text, ("Quezon province", "GPE"), ("Luzon", "LOC"))
    assert (quezon.geonameid, quezon.feature_code, quezon.precision) == (1692194, "ADM2", "district")
    # "the island of Luzon": no 3,211-person Luzon in Davao; the gazetteer has no islands, so the country.
    assert (luzon.name, luzon.country_code, luzon.precision, luzon.reason) == \
        ("Philippines", "PH", "country", "not in the gazetteer; the article's country focus")


def test_part_of_an_archipelago_country(gazetteer):
    # Reuters #7594: "southern Philippines" is Mindanao (about 7.9 N, 125 E), not southern Luzon (13.5 N, 122 E).
    text = "Communist rebels killed 18 soldiers on Mindanao island in the southern Philippines, the army said."
    mindanao, south = resolve(gazetteer, text, ("Mindanao", "GPE"), ("southern Philippines", "GPE"))
    assert (south.name, south.precision, south.lat, south.lon) == ("Philippines", "province", 7.91761, 124.34236)
    assert (mindanao.precision, mindanao.lat, mindanao.lon, mindanao.reason) == \
        ("province", 7.91761, 124.34236, "not in the gazetteer; in the same sentence as southern Philippines")
    # A country on one main landmass: the mean of its towns in that third of its outline's box.
    iraq = resolve(gazetteer, "Fighting in northern Iraq.", ("northern Iraq", "GPE"))[0]
    assert (iraq.precision, iraq.lat, iraq.lon) == ("province", 36.22038, 43.96551)


def test_part_of_a_slanted_country_stays_inside_it(gazetteer):
    # The north-west third of Pakistan's box is Afghanistan and Iran; its towns furthest north-west are
    # Khyber Pakhtunkhwa's (Peshawar 34.0 N, 71.6 E).
    place = resolve(gazetteer, "Floods in north-west Pakistan.", ("north-west Pakistan", "GPE"))[0]
    assert (place.precision, place.lat, place.lon) == ("province", 32.94694, 71.3133)
    assert gazetteer.country_bbox["PK"][1] < 66.0 < place.lon


def test_a_town_outside_its_written_state_is_placed_in_the_state(gazetteer):
    # The gazetteer holds Grantville, Georgia, but no Grantville in Pennsylvania.
    text = "Martha was born in Grantville, Pennsylvania, and moved to Paris, Texas."
    grantville, pennsylvania, paris, texas = resolve(gazetteer, text, ("Grantville", "GPE"), ("Pennsylvania", "GPE"),
                                                     ("Paris", "GPE"), ("Texas", "GPE"))
    assert (grantville.name, grantville.precision, grantville.reason) == \
        ("Pennsylvania", "province", "not in the gazetteer; said to be in Pennsylvania")
    assert (paris.admin1, paris.precision) == ("Texas", "exact")


@pytest.mark.parametrize("text, surface", [("Mass graves were found near the town.", "Mass"),
                                           ("Miss Smith said the school would close.", "Miss")])
def test_a_state_abbreviation_without_its_dot_is_no_place(gazetteer, text, surface):
    assert resolve(gazetteer, text, (surface, "GPE")) == []
    assert resolve(gazetteer, "He lives in Boston, Mass., with his wife.", ("Boston", "GPE"),
                   ("Mass.", "GPE"))[1].name == "Massachusetts"


def test_demonym_before_a_name_puts_it_in_that_country(gazetteer):
    # Reuters #3450: "Iraqi Kurdistan" is not Kordestan province, Iran.
    text = "Iran's offensive into Iraqi Kurdistan is coupled with support for Kurdish rebels."
    iran, kurdistan = resolve(gazetteer, text, ("Iran", "GPE"), ("Kurdistan", "GPE"))
    assert (kurdistan.country_code, kurdistan.feature_code, kurdistan.precision, kurdistan.reason) == \
        ("IQ", "PCLI", "country", "not in the gazetteer; in Iraq, as the word before it says")
    # A demonym before a country or grouping is a modifier, not a container.
    text = "The Czech EU presidency met Israeli officials. EU envoys went on to Jerusalem."
    eu = resolve(gazetteer, text, ("EU", "GPE"), ("EU", "GPE"), ("Jerusalem", "GPE"))
    assert [(p.name, p.feature_code) for p in eu[:2]] == [("European Union", "RGN")] * 2


@pytest.mark.parametrize("name, country", [
    ("West Germany", "DE"), ("East Germany", "DE"), ("Soviet Union", "RU"), ("U.S.S.R.", "RU"),
    ("Yugoslavia", "RS"), ("Czechoslovakia", "CZ"), ("Burma", "MM"), ("Zaire", "CD"),
])
def test_historical_country_names(gazetteer, name, country):
    # Reuters #8679: "She had flown to West Germany" is Germany at country precision, not "west part of Germany".
    text = f"She had flown to {name} from talks in Normandy."
    place = resolve(gazetteer, text, (name, "GPE"))[0]
    entry = gazetteer.country(country)
    assert (place.text, place.country_code, place.feature_code, place.precision, place.lat, place.lon) == \
        (name, country, "PCLI", "country", round(entry.lat, 5), round(entry.lon, 5))


def test_historical_name_is_not_split_by_its_direction_word(gazetteer):
    text = "Thatcher flew to West Germany."
    start = text.index("Germany")
    [place] = geocode_places([M(start, start + len("Germany"), "GPE")], text, gazetteer=gazetteer)
    assert (place.text, place.country_code, place.precision) == ("West Germany", "DE", "country")


def test_unknown_site_takes_the_town_named_last_before_it(gazetteer):
    # Reuters #16958: Soweto and Pretoria are each named once; Tladi comes right after Soweto.
    text = ("A bomb was lobbed onto a parade ground in South Africa's biggest black township of Soweto. "
            "Policemen from all over South Africa were on parade at the Tladi police training centre. "
            "Pretoria has raided alleged bases abroad.")
    places = resolve(gazetteer, text, ("South Africa", "GPE"), ("Soweto", "GPE"), ("South Africa", "GPE"),
                     ("Tladi", "GPE"), ("Pretoria", "GPE"))
    tladi = places[3]
    assert (tladi.name, tladi.precision, tladi.anchor_start, tladi.reason) == \
        ("Soweto", "district", text.index("Soweto"),
         "not in the gazetteer; the town named last before it in South Africa, Soweto")


def test_small_foreign_namesake_yields_to_the_article_country(gazetteer):
    text = ("Nigeria attack\nSuspected Islamist militants attacked the village of Baga, killing 16 people, a "
            "Nigerian military spokesman said. The army has fought insurgents across northern Nigeria for years.")
    places = resolve(gazetteer, text, ("Nigeria", "GPE"), ("Baga", "GPE"), ("northern Nigeria", "GPE"),
                     demonyms=["Nigerian"])
    baga = places[1]
    assert (baga.name, baga.country_code, baga.precision, baga.reason) == \
        ("Nigeria", "NG", "country", "not in the gazetteer; the article's country focus")
    text = "Soldiers killed 12 insurgents in the village of Baga in Borno state, Nigeria, the army said."
    baga = resolve(gazetteer, text, ("Baga", "GPE"), ("Borno", "GPE"), ("Nigeria", "GPE"))[0]
    assert (baga.name, baga.feature_code, baga.precision) == ("Borno", "ADM1", "province")
    # Without another country in the article, Bagà (Catalonia) stays the only reading.
    assert resolve(gazetteer, "Fire in Baga.", ("Baga", "GPE"))[0].country_code == "ES"


@pytest.mark.parametrize("text, spans, gulf", [
    ("Iranian gunboats attacked a Liberian tanker in the Gulf on Monday, shipping sources in Bahrain said.",
     [("the Gulf on", "LOC"), ("Bahrain", "GPE")], "Persian Gulf"),
    ("Britain sent two minesweepers to the Gulf.", [("Britain", "GPE"), ("Gulf", "LOC")], "Persian Gulf"),
    ("Oil companies shut platforms in the Gulf as the storm approached Louisiana.",
     [("Gulf", "LOC"), ("Louisiana", "GPE")], "Gulf of Mexico"),
])
def test_the_gulf_is_the_sea_near_the_articles_country(gazetteer, text, spans, gulf):
    places = resolve(gazetteer, text, *spans)
    sea = next(p for p in places if "Gulf" in text[p.start:p.end])
    assert (text[sea.start:sea.end], sea.name, sea.feature_code, sea.precision) == ("Gulf", gulf, "GULF", "region")


@pytest.mark.parametrize("name, code, lat, lon", [
    ("Black Sea", "SEA", 44.0, 35.0), ("Indian Ocean", "OCN", -20.0, 80.0), ("Strait of Hormuz", "STRT", 26.6, 56.3),
    ("Lake Victoria", "LK", -1.0, 33.0), ("Ural Mountains", "MTS", 60.0, 59.0),
])
def test_seas_lakes_and_ranges_are_places(gazetteer, name, code, lat, lon):
    text = f"Ships and villages near the {name} were hit."
    [place] = resolve(gazetteer, text, (name, "LOC"))
    assert (place.name, place.feature_code, place.lat, place.lon, place.precision) == (name, code, lat, lon, "region")


def test_a_bare_dateline_names_the_capital_over_a_namesake_near_other_places(gazetteer):
    text = ("WASHINGTON — The Army said a soldier from Pittsburgh died in the shower. Sen. Bob Casey, D-Pa., "
            "called the findings troubling.")
    [dateline, _] = resolve(gazetteer, text, ("WASHINGTON", "GPE"), ("Pittsburgh", "GPE"))
    assert (dateline.name, dateline.admin1, dateline.feature_code) == ("Washington", "District of Columbia", "PPLC")


def test_a_place_opening_an_organisations_name_is_a_toponym(nlp, gazetteer):

    text = ("A killer asked the Ohio Supreme Court to delay his execution, according to U.S. Census data and "
            "a release from Gainesville Police. Union Pacific said it would move freight.")
    found = [text[t.start:t.end] for t in find_toponyms(nlp(text), gazetteer=gazetteer)]
    assert found == ["Ohio", "U.S.", "Gainesville"]


def test_a_division_or_a_place_after_of_in_an_organisations_name_is_a_toponym(nlp, gazetteer):
    # A county with its division word opens the name ("Douglas County", not Douglas on the Isle of Man); a
    # place closes it after "of"; "St." alone is no country code (Sao Tome's "ST").
    text = ("He was taken to the Douglas County Hospital and later to St. Cloud Hospital. His daughter is a "
            "senior at the University of Kentucky.")
    found = [text[t.start:t.end] for t in find_toponyms(nlp(text), gazetteer=gazetteer)]
    assert found == ["Douglas County", "Kentucky"]


def test_a_town_before_a_word_for_its_people_and_names_before_counties_are_toponyms(nlp, gazetteer):
    # The model tags these ORG; a word for the town's people or parts after the name, or a list
    # closed by "counties", says they are places.  A firm's name before such a word names no town.
    text = ("The body of a Winona man was found behind a Winona residence. Enrollment slowed in Jackson and "
            "Barrow counties. Apple officials said the Google man was fine.")
    doc = nlp(text)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ not in {"GPE", "LOC", "FAC"}] == [
        ("Winona", "ORG"), ("Winona", "ORG"), ("Barrow", "ORG"), ("Apple", "ORG"), ("Google", "ORG")]
    places = geocode_places(doc, gazetteer=gazetteer)
    assert [(p.text, p.name, p.admin1) for p in places] == [
        ("Winona", "Winona", "Minnesota"), ("Winona", "Winona", "Minnesota"),
        ("Jackson", "Jackson County", "Georgia"), ("Barrow", "Barrow County", "Georgia")]


def test_a_legislators_home_and_a_towns_police_or_fire_service_name_places(nlp, gazetteer):
    # "D-Columbus", "(R-Ocilla)", "D-Calif.": the place a legislator represents; "Chiefland Police Chief": the
    # town whose service it is.  "State Police" and "Police Department" name no town (nor Police, Poland).
    text = ("Sen. Ray Miller, D-Columbus, and Rep. Jay Roberts (R-Ocilla) agreed with Nancy Pelosi, D-Calif., "
            "said Chiefland Police Chief Robert Douglas. State Police Department officers and the New York City "
            "Police Department came.")
    found = [(p.text, p.name, p.admin1) for p in geocode_places(nlp(text), gazetteer=gazetteer)]
    assert found == [("Columbus", "Columbus", "Georgia"), ("Ocilla", "Ocilla", "Georgia"),
                     ("Calif.", "California", "California"), ("Chiefland", "Chiefland", "Florida"),
                     ("New York City", "New York City", "New York")]


def test_a_town_confirmed_once_is_a_place_at_its_other_mentions(nlp, gazetteer):
    # issue #5: the model tags the town PERSON; "residents" after it confirms it, and the confirmation
    # carries to the mention with no clue of its own ("keep Ocala green") and to an organisation opening
    # with the town's name (a town under 100,000 people counts there only when the article confirms it).
    text = ("Council backs new park. About 40 Ocala residents spoke Tuesday. The plan would keep Ocala green, "
            "Guinn said. He was taken to Ocala Regional Medical Center.")
    doc = nlp(text)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ in {"PERSON", "ORG"}] == [
        ("Ocala", "PERSON"), ("Ocala", "PERSON"), ("Guinn", "PERSON"), ("Ocala Regional Medical Center", "ORG")]
    found = [(p.start, p.text, p.name, p.admin1) for p in geocode_places(doc, gazetteer=gazetteer)]
    assert found == [(33, "Ocala", "Ocala", "Florida"), (84, "Ocala", "Ocala", "Florida"),
                     (125, "Ocala", "Ocala", "Florida")]


def test_a_towns_mayor_and_council_and_a_county_with_its_division_word_name_places(nlp, gazetteer):
    # issue #5: "X Police", "X Mayor", "X City Council" name the town; "Hall County" is a place inside the
    # model's "Hall County Sheriff" and "The Greene County Fair"; "Vice Mayor" and "State Police" name none;
    # the word closing the sentence before is no part of the name ("said Monday. Cornelia Police Chief").
    text = ("A man was shot, police said Monday. Cornelia Police Chief Chris Hall spoke. The Hartwell Police "
            "said a man was held. Athens Mayor Heidi Davison and the Dahlonega City Council agreed. The "
            "Byesville Volunteer Fire Department came. The Vice Mayor and State Police were not told. "
            "Deputies answered, according to Hall County Sheriff Gerald Couch. Los Angeles County and The Greene "
            "County Fair were named.")
    found = [(p.text, p.name, p.admin1) for p in geocode_places(nlp(text), gazetteer=gazetteer)]
    assert found == [("Cornelia", "Cornelia", "Georgia"), ("Hartwell", "Hartwell", "Georgia"),
                     ("Athens", "Athens", "Georgia"), ("Dahlonega", "Dahlonega", "Georgia"),
                     ("Byesville", "Byesville", "Ohio"), ("Hall County Sheriff", "Hall County", "Georgia"),
                     ("Los Angeles County", "Los Angeles County", "California"),
                     ("Greene County", "Greene County", "Georgia")]


def test_the_town_opening_the_headline_is_a_place_when_the_article_names_it_again(nlp, gazetteer):
    text = "Pataskala zoning allows rebuilding. PATASKALA -- City officials said on Monday that the plan was late."
    found = [(p.text, p.label, p.name, p.admin1) for p in geocode_places(nlp(text), gazetteer=gazetteer)]
    assert found == [("Pataskala", "GPE", "Pataskala", "Ohio"), ("PATASKALA", "DATELINE", "Pataskala", "Ohio")]


def test_places_joined_by_a_hyphen_and_items_of_a_list_of_places(nlp, gazetteer):
    # A state or a place named elsewhere confirms a pair ("Coca-Cola", "Jean-Claude" join none); a town
    # beside a tagged town in a list is one too, but not a street of a corner ("Lakeview and Harrison streets").
    text = ("Fans at the University of Wisconsin-Milwaukee cheered, and Coca-Cola paid. The bank opened "
            "branches in Gainesville and Lindsay this year. Crews fixed pipes on Shady and Harrison streets.")
    found = [(p.text, p.name, p.admin1) for p in geocode_places(nlp(text), gazetteer=gazetteer)]
    assert found == [("Wisconsin", "Wisconsin", "Wisconsin"), ("Milwaukee", "Milwaukee", "Wisconsin"),
                     ("Gainesville", "Gainesville", "Texas"), ("Lindsay", "Lindsay", "Texas")]


def test_a_country_the_model_calls_a_person_and_possessives(nlp, gazetteer):
    # "Sri Lanka" tagged PERSON is still the country (a full name that is a country or state is no one's);
    # "St Patrick's Day" is a day and "at Culver's" a shop, not a parish or a town.
    text = ("Sri Lanka has a large Muslim population. Officials in Sri Lanka's capital spoke. Police arrested "
            "two men on St Patrick's Day. A fundraiser is at Culver's tonight.")
    found = [(p.text, p.name) for p in geocode_places(nlp(text), gazetteer=gazetteer)]
    assert found == [("Sri Lanka", "Sri Lanka"), ("Sri Lanka", "Sri Lanka")]


def test_a_dateline_town_that_the_recogniser_found_only_part_of(nlp, gazetteer):
    text = "Family mourns four children killed in fire. ST. PARIS — Scott Randall cried when he heard the news."
    [place] = geocode_places(nlp(text), gazetteer=gazetteer)
    assert (place.text, place.label, place.name, place.admin1) == ("ST. PARIS", "DATELINE", "Saint Paris", "Ohio")


@pytest.mark.parametrize("text, expected", [
    ("Deputy shot off duty « CBS DenverAURORA, Colo. (CBS4) – A deputy was shot.", "AURORA, Colo."),
    ("Reward in pizza shop murder | fox8.comAKRON, Ohio-- The police said.", "AKRON, Ohio"),
    ("Shooting closes road near Smithridge Dr.RENO, Nev. (KOLO) - Police say.", "RENO, Nev."),
    ("Tyler, Texas | ETX NewsAssociated Press MEMPHIS, Tenn. (AP) - An ex-con was held.", "MEMPHIS, Tenn."),
    ("Man killed | FOX6Now.comMILWAUKEE — A man was shot.", "MILWAUKEE"),
    # issue #5: a date in brackets and a long dash with no space after it; a comma before the dash
    ("Man shot in back | Fox 59INDIANAPOLIS, Ind. (January 23, 2016)–Metro police are investigating.",
     "INDIANAPOLIS, Ind."),
    ("Search goes on\nROCKBRIDGE CO., Va., - Federal and state police are searching.", "ROCKBRIDGE CO., Va."),
    # a station's call sign glued to the town is left out, with or without the station in brackets
    ("Teen charged | News, Weather, Sports | WCIVFLORENCE, S.C. (WCIV/WPDE) — A 19-year-old man was held.",
     "FLORENCE, S.C."),
    ("Man shot at home | News, Weather, Sports | WSYXMARION — A Marion-area man was shot.", "MARION"),
    # a headline's label before a colon gives way to the dateline after it
    ("RPD: Officer Involved Shooting Closes McCarran Blvd. and Smithridge Dr.RENO, Nev. (KOLO) - Police say.",
     "RENO, Nev."),
    ("DA: Man shot by state police was armed - News - Citizens' VoiceHONESDALE — A 21-year-old man was shot.",
     "HONESDALE"),
    # a radio station's dateline in brackets, in mixed case, with a state's postal code
    ("Man found shot in parking lot(Cincinnati, OH)--A 27-year-old man was shot.", "Cincinnati, OH"),
])
def test_find_a_dateline_scraping_glued_to_the_sites_name(text, expected):
    head = find_dateline(text)
    assert head is not None and head[2] == expected


@pytest.mark.parametrize("text, expected", [
    # a town the gazetteer knows by the whole capitalised word keeps its first letters
    ("Man shot | WASHINGTON (AP) - The police said.", "WASHINGTON"),
    ("WHITEHALL, Pa. - A man was shot.", "WHITEHALL, Pa."),
])
def test_a_town_spelt_like_a_call_sign_keeps_its_name(text, expected):
    head = find_dateline(text)
    assert head is not None and head[2] == expected


@pytest.mark.parametrize("text, site", [
    # issue #5: a site named like a town of another state is a site of the dateline's town
    ("CHICAGO (STMW) — A man was shot in the lobby of a hotel near McCormick Place on Sunday.", "McCormick Place"),
    # a street written short ("St.") lies in the dateline's town, not in the town of Morris, Illinois
    ("INDIANAPOLIS – A man was found shot on West Morris St. late Thursday, police said.", "West Morris St."),
])
def test_a_site_or_short_written_street_of_a_dateline_story_is_in_the_dateline_town(nlp, gazetteer, text, site):
    place = next(p for p in geocode_places(nlp(text), gazetteer=gazetteer) if p.text == site)
    town = text.split(" ")[0]
    assert (place.name, place.precision) == (town.title(), "town")
    assert place.reason in {f"not in the gazetteer; a site of the dateline's town, {town}",
                            f"not in the gazetteer; a street of the dateline's town, {town}"}


@pytest.mark.parametrize("text, expected", [
    # a dateline the recogniser missed is its town and its state, also with the state's dot dropped
    ("Teen in custody | WPMT FOX43YORK, Pa- A 16-year-old girl was arrested.",
     [("YORK", "York", "Pennsylvania", "exact"), ("Pa", "Pennsylvania", "Pennsylvania", "province")]),
    ("Man found shot in parking lot(Cincinnati, OH)--A 27-year-old man was shot and killed Tuesday night in "
     "Westwood.", [("Cincinnati", "Cincinnati", "Ohio", "exact"), ("OH", "Ohio", "Ohio", "province")]),
])
def test_a_missed_dateline_is_its_town_and_its_state(nlp, gazetteer, text, expected):
    places = [p for p in geocode_places(nlp(text), gazetteer=gazetteer) if p.label == "DATELINE"]
    assert [(p.text, p.name, p.admin1, p.precision) for p in places] == expected


def test_a_neighbourhood_named_like_a_town_of_another_state_is_in_the_articles_town(nlp, gazetteer):
    # issue #5: "the Washington Heights neighborhood" of a Chicago story is not Washington Heights, New York
    text = ("Police said a man was shot on Saturday in the Washington Heights neighborhood. Chicago police are "
            "investigating. No one is in custody, Chicago police said.")
    place = next(p for p in geocode_places(nlp(text), gazetteer=gazetteer) if p.text == "Washington Heights")
    assert (place.name, place.admin1, place.precision, place.reason) == \
        ("Chicago", "Illinois", "town", "not in the gazetteer; the article's main town in United States, Chicago")


@pytest.mark.parametrize("text", [
    "The iPhone maker said the NASA-led mission - a first - would go ahead.",
    "He met the head of IBM - the company said - on Monday.",
    "The talks (Geneva, Switzerland) - a first - ended.",
])
def test_prose_with_capitals_and_dashes_has_no_dateline(text):
    assert find_dateline(text) is None


def test_a_scraped_dateline_town_replaces_the_junk_glued_to_it(nlp, gazetteer):
    text = ("Wife shot husband | fox13now.comFAYETTEVILLE, N.C. – A North Carolina woman shot her husband, "
            "police said.")
    places = geocode_places(nlp(text), gazetteer=gazetteer)
    town = next(p for p in places if p.label == "DATELINE")
    assert (text[town.start:town.end], town.name, town.admin1, town.precision) == \
        ("FAYETTEVILLE", "Fayetteville", "North Carolina", "exact")
    assert not any("fox13now" in text[p.start:p.end] for p in places)


def test_a_street_in_a_story_naming_no_other_town_is_in_the_dateline_town(nlp, gazetteer):
    text = "Man killed | FOX6Now.comMILWAUKEE — A 42-year-old man was shot and killed on Keefe Avenue on Sunday."
    street = next(p for p in geocode_places(nlp(text), gazetteer=gazetteer) if p.text == "Keefe Avenue")
    assert (street.name, street.precision, street.reason) == \
        ("Milwaukee", "town", "not in the gazetteer; a street of the dateline's town, MILWAUKEE")


@pytest.mark.parametrize("text, street", [
    # a street corner the NER model cut short is not the town of Townsend, Delaware
    ("Same man | FOX6Now.comMILWAUKEE -- Police say the man killed himself after taking two hostages to the "
     "basement of a house near 76th and Townsend. Milwaukee police released a statement.", "Townsend"),
    ("Man dies | FOX6Now.comMILWAUKEE — A 24-year-old man was shot near 65th & Thurston on Thursday. "
     "Milwaukee police are investigating.", "65th & Thurston"),
    # a street of the dateline's town, named again in the text, is in that town, not only near it
    ("Man killed | FOX6Now.comMILWAUKEE — A 42-year-old man was shot and killed on Keefe Avenue on Sunday. "
     "Milwaukee police arrested his brother.", "Keefe Avenue"),
])
def test_a_street_or_street_corner_in_a_dateline_story_is_in_the_dateline_town(nlp, gazetteer, text, street):
    place = next(p for p in geocode_places(nlp(text), gazetteer=gazetteer) if p.text == street)
    assert (place.name, place.admin1, place.precision, place.reason) == \
        ("Milwaukee", "Wisconsin", "town", "not in the gazetteer; a street of the dateline's town, MILWAUKEE")


@pytest.mark.parametrize("text, name", [
    ("Woman shot | DETROIT (WJBK) - A 42-year-old woman was fatally shot in Sunset on Wednesday night.", "Sunset"),
    ("CINCINNATI (WLWT) -- A 27-year-old man was shot and killed Tuesday night in Westwood.", "Westwood"),
])
def test_a_small_namesake_in_another_state_than_the_dateline_is_not_the_place_meant(nlp, gazetteer, text, name):
    # Sunset, Florida and Westwood, Kentucky are namesakes the gazetteer holds, not the neighbourhoods meant
    place = next(p for p in geocode_places(nlp(text), gazetteer=gazetteer) if p.text == name)
    assert (place.admin1, place.precision) == ({"Sunset": "Michigan", "Westwood": "Ohio"}[name], "town")


def test_a_bare_direction_inside_a_name_is_no_place(gazetteer, nlp):
    # "North" of "North Lake Shore Drive" is not the North Region of Cameroon (nor any country's focus)
    text = ("Three people were shot at the W Hotel in the upscale Streeterville neighborhood. "
            "Police closed North Lake Shore Drive.")
    drive = next(p for p in geocode_places(nlp(text)) if p.text == "North Lake Shore Drive")
    assert drive.country_code in {"US", None}


def test_a_street_is_not_placed_in_the_county_it_is_named_after(gazetteer, nlp):
    text = ("Two men were shot in Hunting Park, Philadelphia on Friday. "
            "The car crashed on West Venango Street.")
    street = next(p for p in geocode_places(nlp(text)) if p.text == "West Venango Street")
    assert "Venango" not in (street.name or "") and "named after" not in street.reason


def test_a_persons_last_name_is_not_a_place(gazetteer, nlp):
    text = ("A man was shot in Hunting Park, Philadelphia. Maria Rivera was cooking dinner when she heard shots. "
            "Rivera said she ran outside.")
    assert [p.text for p in geocode_places(nlp(text)) if p.text == "Rivera"] == []


def test_a_name_inside_an_unknown_name_must_lie_near_the_story(gazetteer):
    # Canaan, Maine is no clue to a valley in a story about West Virginia towns: a town of the sentence is.
    text = "Floods closed roads around Lewisburg and Elkins, and the trails of Canaan Valley."
    valley = resolve(gazetteer, text, ("Lewisburg", "GPE"), ("Elkins", "GPE"), ("Canaan Valley", "LOC"))[2]
    assert (valley.name, valley.admin1, valley.precision, valley.reason) == (
        "Elkins", "West Virginia", "town", "not in the gazetteer; in the same sentence as Elkins")


def test_an_unknown_name_in_a_sentence_about_another_province_is_not_the_main_town(gazetteer):
    text = "The council of Lewisburg met on Monday. Climbers also crowded the Qqzxv Peak trails in Oregon."
    peak = resolve(gazetteer, text, ("Lewisburg", "GPE"), ("Qqzxv Peak", "LOC"), ("Oregon", "GPE"))[1]
    assert (peak.name, peak.precision, peak.reason) == (
        "Oregon", "province", "not in the gazetteer; in the same sentence as Oregon")


def test_a_place_named_in_parts_is_no_village(gazetteer):
    # "northern Luzon": the island (which the gazetteer lacks), not the village of Luzon in Davao.
    text = "Officials in Manila said farms in northern Luzon were quarantined."
    luzon = resolve(gazetteer, text, ("Manila", "GPE"), ("Luzon", "LOC"))[1]
    assert (luzon.text, luzon.name, luzon.precision, luzon.reason) == (
        "northern Luzon", "Manila", "town", "not in the gazetteer; in the same sentence as Manila")


def test_a_district_written_after_a_town_decides_its_province(gazetteer):
    # Malolos, Pandi and Talavera pull towards Central Luzon; "Davao del Sur" says which Santa Maria.
    text = "Vets from Malolos, Pandi and Talavera said pigs died in Santa Maria, Davao del Sur."
    places = resolve(gazetteer, text, ("Malolos", "GPE"), ("Pandi", "GPE"), ("Talavera", "GPE"),
                     ("Santa Maria", "GPE"), ("Davao del Sur", "GPE"))
    assert (places[3].name, places[3].admin1, places[3].population) == ("Santa Maria", "Davao", 16758)


def test_another_spelling_of_a_town_across_the_border_yields_to_the_article_country(gazetteer):
    # "Kalam" is an alternate name of Kallam, India; in a story about Pakistan it is a place the gazetteer lacks.
    text = "Troops reached Kalam on Monday. Pakistan said the army would stay in Pakistan."
    kalam = resolve(gazetteer, text, ("Kalam", "GPE"), ("Pakistan", "GPE"), ("Pakistan", "GPE"))[0]
    assert (kalam.name, kalam.precision, kalam.reason) == (
        "Pakistan", "country", "not in the gazetteer; the article's country focus")


def test_a_district_inside_an_unknown_name_beats_the_country_it_is_said_to_be_in(gazetteer):
    text = "Floods cut off the Swat Valley, north-west Pakistan, for a week."
    valley = resolve(gazetteer, text, ("Swat Valley", "LOC"), ("Pakistan", "GPE"))[0]
    assert (valley.name, valley.feature_code, valley.precision, valley.reason) == (
        "Swat", "ADM2", "district", "not in the gazetteer; named after Swat in north-west Pakistan")


def test_an_unknown_name_said_to_be_in_another_unknown_name(gazetteer):
    text = "Helicopters landed in the village of Qqzxv in the Swat Valley, north-west Pakistan."
    village = resolve(gazetteer, text, ("Qqzxv", "GPE"), ("Swat Valley", "LOC"), ("Pakistan", "GPE"))[0]
    assert (village.name, village.precision, village.anchor_start, village.reason) == (
        "Swat", "district", text.index("Swat"), "not in the gazetteer; said to be in the Swat Valley")


def test_a_township_is_not_the_county_of_its_name(gazetteer):
    text = "The council of Dublin, Ohio, met on Monday. It agreed to serve homes in Jerome Township with city water."
    township = resolve(gazetteer, text, ("Dublin", "GPE"), ("Ohio", "GPE"), ("Jerome Township", "GPE"))[2]
    assert (township.name, township.admin1, township.precision, township.reason) == (
        "Dublin", "Ohio", "district", "not in the gazetteer; the article's main town in United States, Dublin")


@pytest.mark.parametrize("name, successor, lat, lon", [
    ("Rhône-Alpes", "Auvergne-Rhône-Alpes", 45.5, 5.3), ("Picardy", "Hauts-de-France", 49.6, 2.8)])
def test_a_former_region_lies_where_it_was(gazetteer, name, successor, lat, lon):
    text = f"Health officials of the {name} said the epidemic would spread."
    place = resolve(gazetteer, text, (name, "GPE"))[0]
    assert (place.feature_code, place.country_code, place.precision) == ("ADM1", "FR", "province")
    assert gazetteer.admin("FR", gazetteer.get(place.geonameid).admin1_code).name == successor
    assert (round(place.lat, 1), round(place.lon, 1)) == (lat, lon)


@pytest.mark.parametrize("iso_name, common_name, short_name, expected", [
    ("Iran, Islamic Republic of", "Iran", "Iran", "Iran"),  # the common name first
    ("Russian Federation", None, "Russia", "Russia"),  # else the shorter name
    ("Eswatini", None, "Swaziland", "Eswatini"),  # not an older, longer name
    ("Congo, The Democratic Republic of the", None, None, "The Democratic Republic of the Congo"),  # never inverted
    ("Palestine, State of", None, "Palestine, State of", "State of Palestine"),
])
def test_a_country_is_shown_by_the_name_readers_know(iso_name, common_name, short_name, expected):
    from newsledger.geo.gazetteer import _country_display_name
    assert _country_display_name(iso_name, common_name, short_name) == expected


def test_a_place_in_a_country_names_it_as_readers_do(gazetteer):
    assert [(gazetteer.country(cc).name, gazetteer.country_names[cc]) for cc in ("IR", "VN", "RU")] == [
        ("Iran", "Iran"), ("Vietnam", "Vietnam"), ("Russia", "Russia")]


def test_a_courtesy_title_is_no_place(nlp):
    # "Mr." and "Ms." are Mauritania's and Montserrat's codes (and "Ms." no state's dotted name)
    text = ("Mr. Sanford said the state would not take the money. "
            "Ms. Sears told police in Florence, S.C., that she was at home.")
    assert [(p.text, p.name) for p in geocode_places(nlp(text))] == [
        ("Florence", "Florence"), ("S.C.", "South Carolina")]


@pytest.mark.parametrize("text, expected", [
    ("Police closed North Nokomis Street near Alexandria. It's a Southern tradition, said Pearlman of "
     "East Central Regional Hospital.", [("North Nokomis Street", "Alexandria"), ("Alexandria", "Alexandria")]),
    # a compass word sharing its noun with the next name stays a place
    ("Species live in the jungles of Central and South America.",
     [("Central", "Central America"), ("South America", "South America")]),
])
def test_a_compass_word_alone_is_no_place(nlp, text, expected):
    assert [(p.text, p.name) for p in geocode_places(nlp(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("Tom Smith attended the meeting at the Western Pennsylvania Kennel Association in Pittsburgh.",
     [("Western Pennsylvania", "Pennsylvania", "province"), ("Pittsburgh", "Pittsburgh", "exact")]),
    ("That's too low, say Metro Vancouver officials.", [("Vancouver", "Vancouver", "exact")]),
    ("Milton Little, president of United Way of Metropolitan Atlanta, spoke.", [("Atlanta", "Atlanta", "exact")]),
    ("The West Virginia Department of Health agreed.", [("West Virginia", "West Virginia", "province")]),
])
def test_a_compass_or_area_word_opening_an_organisation_leaves_its_place(nlp, text, expected):
    assert [(p.text, p.name, p.precision) for p in geocode_places(nlp(text))] == expected


def test_a_district_written_after_an_area_holds_a_town_the_gazetteer_has_elsewhere(gazetteer):
    # The gazetteer's only Rice Lake is in Wisconsin; the text puts this one in Fulton County, Illinois.
    text = "The samples were found in the Rice Lake area of Fulton County located in Illinois."
    places = resolve(gazetteer, text, ("Rice Lake", "LOC"), ("Fulton County", "GPE"), ("Illinois", "GPE"))
    assert [(p.name, p.admin1, p.precision, p.reason.split(";")[-1].strip()) for p in places] == [
        ("Fulton County", "Illinois", "district", "said to be an area of Fulton County"),
        ("Fulton County", "Illinois", "district", "named container, article's country focus, population 23,100"),
        ("Illinois", "Illinois", "province", "article's country focus, adm1 over smaller namesakes")]


def test_a_university_of_a_state_is_not_the_namesake_country(gazetteer):
    text = "Research teams from the universities of Georgia and Glasgow discovered the mechanism."
    georgia = resolve(gazetteer, text, ("Georgia", "GPE"))[0]
    assert (georgia.name, georgia.country_code, georgia.precision) == ("Georgia", "US", "province")


def test_a_name_also_tagged_a_person_or_organisation_is_no_place(nlp):
    # "Hartmann" is tagged ORG once and GPE once; the gazetteer knows no place of that name
    text = "Hartmann's lawyers filed a motion in Akron. The motion asks the court to allow Hartmann time to appeal."
    assert [p.text for p in geocode_places(nlp(text))] == ["Akron"]


def test_a_place_opening_a_newspapers_title_is_the_paper(nlp):
    text = ("Mr. Kemp told the New York Times that the raid in Frederick was wrong. "
            "According to China Daily, police in Beijing detained a suspect.")
    assert [p.text for p in geocode_places(nlp(text))] == ["Frederick", "Beijing"]


def test_an_ordinal_or_a_countrys_code_news_does_not_write_is_no_place(nlp):
    # "First" is an old name of Aden, "ER" Eritrea's code and "TV" Tuvalu's; "US" and "UK" are written so
    text = ("The most common reasons for those ER visits in Springfield were dental pain. The meeting will be "
            "at First Presbyterian Church in Athens, Ga. The journalists were from TV One in Auckland. "
            "Exports to the US and UK grew.")
    assert [p.text for p in geocode_places(nlp(text))] == ["Springfield", "Athens", "Ga.", "Auckland", "US", "UK"]


@pytest.mark.parametrize("text", [
    "Police said the shooting happened in West Ashley, a Charleston neighbourhood, on Sunday.",
    "Police said the shooting happened in West Ashley, a Charleston suburb, on Sunday.",
])
def test_a_name_said_to_be_a_part_of_a_town_is_no_namesake_elsewhere(nlp, text):
    # the gazetteer's Ashley County, Arkansas is not the West Ashley of Charleston
    ashley = geocode_places(nlp(text))[0]
    assert (ashley.text, ashley.name, ashley.admin1, ashley.reason) == (
        "West Ashley", "Charleston", "South Carolina", "not in the gazetteer; in the same sentence as Charleston")


def test_a_disease_named_after_a_place_is_no_place(nlp):
    text = "Two more cases of West Nile virus were reported in Ohio. The Marburg virus is still spreading in Angola."
    assert [p.text for p in geocode_places(nlp(text))] == ["Ohio", "Angola"]


def test_a_state_or_country_before_a_disease_word_is_where_the_outbreak_is(nlp):
    text = ("Texas flu deaths rose to 20 this week, officials in Austin said. "
            "The Nigeria fever outbreak has spread to Lagos.")
    assert [(p.text, p.precision) for p in geocode_places(nlp(text))] == [
        ("Texas", "province"), ("Austin", "exact"), ("Nigeria", "country"), ("Lagos", "exact")]


def test_a_town_tagged_as_a_persons_full_name_is_a_place_after_in_or_before_its_people(nlp):
    text = ("Henrico police seek missing Glen Allen woman. She was last seen at the 9400 block of Telegraph Road "
            "in Glen Allen. Glen Allen said he had not seen her.")
    assert [(p.text, p.start) for p in geocode_places(nlp(text)) if p.text == "Glen Allen"] == [
        ("Glen Allen", 28), ("Glen Allen", 103)]  # not "Glen Allen said" (115)


def test_a_state_in_the_possessive_holds_the_name_after_it(gazetteer):
    # not "a site of the dateline's town" 2,700 km away
    text = "CHARLESTON, W.Va. -- The bill protects land in Michigan, in Utah's Zion National Park and in Colorado."
    park = next(p for p in resolve(gazetteer, text, ("Michigan", "GPE"), ("Utah", "GPE"),
                                   ("Zion National Park", "FAC"), ("Colorado", "GPE")) if p.text.startswith("Zion"))
    assert (park.text, park.name, park.precision, park.reason) == (
        "Zion National Park", "Utah", "province", "not in the gazetteer; said to be in Utah")


def test_a_callers_own_mention_of_a_compass_word_is_taken_as_given(gazetteer):
    # the recogniser's stray "North" is dropped (test above); a mention the caller gives is resolved
    text = "Urgent care visits for Cox North, South and Walnut Lawn rose."
    assert [p.text for p in resolve(gazetteer, text, ("South", "LOC"))] == ["South"]
