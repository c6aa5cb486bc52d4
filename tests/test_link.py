import pytest

from newsledger.annotate import load_nlp
from newsledger.extract.entities import extract_mentions
from newsledger.link import EntityIndex, link_mentions, resolve_span


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _entities(nlp, text):
    return [(e.name, e.type, [m.text for m in e.mentions]) for e in link_mentions(extract_mentions(nlp(text)))]


def test_short_person_names_join_the_full_name(nlp):
    text = ("UN envoy Staffan de Mistura met officials in Geneva. "
            "Mr de Mistura said talks would resume. De Mistura left on Friday.")
    entities = _entities(nlp, text)
    people = [e for e in entities if e[1] == "PERSON"]
    assert len(people) == 1
    assert people[0][0] == "Staffan de Mistura"


def test_acronym_joins_the_organisation_it_abbreviates(nlp):
    entities = _entities(nlp, "The United Nations warned of famine. The UN said aid was blocked.")
    assert ("United Nations", "ORG", ["United Nations", "UN"]) in entities


def test_title_words_stay_out_of_person_names(nlp):
    entities = _entities(nlp, "UN High Commissioner for Human Rights Zeid Ra'ad Al Hussein spoke on Monday.")
    assert "Zeid Ra'ad Al Hussein" in [name for name, kind, _ in entities if kind == "PERSON"]


def test_definite_group_description_refers_back_to_the_organisation(nlp):
    doc = nlp("Hamas fired rockets at the town. The Islamist group said the strikes were revenge.")
    index = EntityIndex(link_mentions(extract_mentions(doc)))
    start = doc.text.index("The Islamist group")
    entity = resolve_span(index, start, start + len("The Islamist group"), "group", definite=True)
    assert entity is not None and entity.name == "Hamas"
    # Without "the" the description is not read as a reference back: the qualifier inside it is all we know.
    assert resolve_span(index, start, start + 18, "group", definite=False).name == "Islamist"


def _resolve_phrase(nlp, text, phrase, head):
    doc = nlp(text)
    index = EntityIndex(link_mentions(extract_mentions(doc)))
    start = text.index(phrase)
    entity = resolve_span(index, start, start + len(phrase), head, definite=True)
    return entity.name if entity else None


def test_role_description_refers_back_to_the_nearest_person(nlp):
    text = "America Ferrera won an award in 2007. The actress said she was disheartened."
    assert _resolve_phrase(nlp, text, "The actress", "actress") == "America Ferrera"


def test_organisation_role_refers_to_the_person_introduced_with_that_organisation(nlp):
    text = ("Iraq President Fuad Masum approved the executions. The United Nations chief expressed concern. "
            "United Nations High Commissioner for Human Rights Zeid Ra'ad Al Hussein said the trials were unfair.")
    assert _resolve_phrase(nlp, text, "The United Nations chief", "chief") == "Zeid Ra'ad Al Hussein"


def test_the_dateline_is_no_antecedent(nlp):
    """spaCy often tags an upper-case dateline as an organisation; "the company" must not refer back to it."""
    text = "JOHANNESBURG - Three workers were killed at a zinc refinery last night. The company said fighting began."
    doc = nlp(text)
    entities = link_mentions(extract_mentions(doc))
    start = text.index("The company")
    assert resolve_span(EntityIndex(entities), start, start + 11, "company", definite=True) is not None
    assert resolve_span(EntityIndex(entities, dateline=(0, 12)), start, start + 11, "company", definite=True) is None


def test_a_last_name_tagged_as_a_place_is_the_person(nlp):
    text = "Maria Rivera was cooking dinner when she heard shots. Rivera said she ran outside to help."
    entities = _entities(nlp, text)
    assert [e for e in entities if e[0] == "Rivera"] == []
    assert any(e[0] == "Maria Rivera" and e[1] == "PERSON" for e in entities)


def test_entity_names_lose_a_datelines_dash_and_lower_case_words_are_no_names(nlp):
    entities = _entities(nlp, "NEW YORK - Shares of Eaton Corp rose 5 cts in heavy trading, traders said.")
    names = [e[0] for e in entities]
    assert "NEW YORK" in names
    assert not any(n.endswith("-") or n.islower() for n in names)
