"""Cross-article clustering: hand-built articles, no spaCy model needed.

All articles below are invented test data: five reports of one bombing in an
invented town ("Qaryat al-Nur", 2014) with different figures, relative dates
already normalised by the time stage, and different spellings of its people;
a near-duplicate syndicated copy; and a bombing at the same place two years
later that must stay apart.
"""

from __future__ import annotations

import json
from pathlib import Path
import re

import pytest

from newsledger.clean import article_id
from newsledger.incidents import (ClusterConfig, Correction, SourceFigure, cluster_incidents, cluster_stories, explain,
                                  find_versions, name_key, reconcile_counts, resolve_entities)
from newsledger.model import Article, ArticleResult, Count, Entity, Event, Mention, Place, Span, TimeExpr
from newsledger.timex import time_interval


def _mentions(text: str, surface: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text)]


def make_article(text: str, published: str | None, *, entities: dict[str, tuple[str, list[str]]],
                 events: list[dict], times: dict[str, str] | None = None,
                 counts: dict[str, tuple[float | None, float | None, float | None, str | None]] | None = None,
                 title: str | None = None) -> ArticleResult:
    """An ArticleResult as the pipeline would give it, built by hand.

    entities: name -> (spaCy label, surface forms); times: surface -> TIMEX3 value;
    counts: surface -> (min, best, max, claimant surface); events: dicts naming
    trigger, type, mode and optionally agent, place, time, count, claimed_by, background.
    """
    ents, ent_of = [], {}
    for i, (name, (label, forms)) in enumerate(entities.items(), 1):
        mentions = sorted((m for f in forms for m in _mentions(text, f)), key=lambda m: m.start)
        assert mentions, f"{name} not in text"
        ents.append(Entity(f"E{i}", name, label, mentions))
        for f in forms:
            ent_of[f] = f"E{i}"
    time_list = []
    for i, (surface, value) in enumerate((times or {}).items(), 1):
        start = text.index(surface)
        time_list.append(TimeExpr(f"T{i}", surface, start, start + len(surface), "DATE", value, published,
                                  "published" if published else "none"))
    places = [Place(f"P{i}", e.name, e.mentions[0].start, e.mentions[0].end, e.id, e.type)
              for i, e in enumerate((e for e in ents if e.type in ("GPE", "LOC", "FAC")), 1)]
    count_list = []
    for i, (surface, (lo, best, hi, claimant)) in enumerate((counts or {}).items(), 1):
        start = text.index(surface)
        cstart = text.index(claimant) if claimant else None
        count_list.append(Count(f"C{i}", surface, start, start + len(surface), lo, best, hi, "people",
                                claimed_by=ent_of.get(claimant) if claimant else None, claimed_by_text=claimant,
                                claimed_by_start=cstart, claimed_by_end=cstart + len(claimant) if claimant else None))
    event_list = []
    for i, spec in enumerate(events, 1):
        start = text.index(spec["trigger"])
        sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
        sentence_end = text.find(".", start) + 1 or len(text)
        place = next((p for p in places if p.name == spec.get("place")), None)
        time = next((t for t in time_list if t.text == spec.get("time")), None)
        count = next((c for c in count_list if c.text == spec.get("count")), None)
        event_list.append(Event(
            id=f"V{i}", type=spec["type"], mode=spec.get("mode"), trigger=spec["trigger"], trigger_start=start,
            trigger_end=start + len(spec["trigger"]), modality=spec.get("modality", "occurred"),
            background=spec.get("background", False),
            agent=ent_of.get(spec.get("agent")), agent_text=spec.get("agent"),
            place=place.id if place else None, place_text=place.name if place else None,
            time=time.id if time else None, time_value=time.value if time else None,
            count=count.id if count else None, count_best=count.best if count else None,
            claimed_by=ent_of.get(spec.get("claimed_by")), claimed_by_text=spec.get("claimed_by"),
            evidence=[Span(sentence_start, sentence_end)]))
    article = Article(article_id(text), text, text, title=title or text.split(".")[0], published=published)
    return ArticleResult(article, ents, time_list, places, [], count_list, event_list)


# -- invented variants of one incident: a market bombing in Qaryat al-Nur, 10 June 2014 ---------------

A1 = make_article(
    "A car bomb killed at least 12 people at a market in Qaryat al-Nur on Tuesday, police said. "
    "The Islamic State group claimed the bombing. Governor Mahmoud al-Qadhi condemned the market attack.",
    "2014-06-11",
    entities={"Qaryat al-Nur": ("GPE", ["Qaryat al-Nur"]), "Islamic State": ("ORG", ["Islamic State"]),
              "Mahmoud al-Qadhi": ("PERSON", ["Mahmoud al-Qadhi"])},
    times={"Tuesday": "2014-06-10"}, counts={"at least 12 people": (12, 12, None, None)},
    events=[{"trigger": "killed", "type": "ASSAULT", "mode": "explosives", "place": "Qaryat al-Nur",
             "time": "Tuesday", "count": "at least 12 people"}])
A2 = make_article(
    "The death toll from Tuesday's market bombing in Qaryat al-Nur rose to 19, health officials said. "
    "Islamic State said it carried out the car bomb attack. Governor Mahmud al-Kadhi visited the market.",
    "2014-06-12",
    entities={"Qaryat al-Nur": ("GPE", ["Qaryat al-Nur"]), "Islamic State": ("ORG", ["Islamic State"]),
              "Mahmud al-Kadhi": ("PERSON", ["Mahmud al-Kadhi"])},
    times={"Tuesday": "2014-06-10"}, counts={"19": (19, 19, 19, "health officials")},
    events=[{"trigger": "bombing", "type": "ASSAULT", "mode": "explosives", "place": "Qaryat al-Nur",
             "time": "Tuesday", "count": "19"}])
A3 = make_article(
    "Between 15 and 25 people died when a car bomb tore through the market of Qaryat al Nur two days ago, "
    "according to a monitoring group. Islamic State fighters claimed the market attack.",
    "2014-06-12",
    entities={"Qaryat al Nur": ("GPE", ["Qaryat al Nur"]), "Islamic State": ("ORG", ["Islamic State"])},
    times={"two days ago": "2014-06-10"},
    counts={"Between 15 and 25 people": (15, 20, 25, "a monitoring group")},
    events=[{"trigger": "bomb", "type": "ASSAULT", "mode": "explosives", "place": "Qaryat al Nur",
             "time": "two days ago", "count": "Between 15 and 25 people"}])
A4 = make_article(
    "Islamic State said its car bomb killed 100 people at the Qaryat al-Nur market in June 2014. "
    "Local doctors said the market attack left 21 dead.",
    "2014-06-20",
    entities={"Qaryat al-Nur": ("GPE", ["Qaryat al-Nur"]), "Islamic State": ("ORG", ["Islamic State"])},
    times={"June 2014": "2014-06"},
    counts={"100 people": (100, 100, 100, "Islamic State"), "21 dead": (21, 21, 21, "Local doctors")},
    events=[{"trigger": "killed", "type": "ASSAULT", "mode": "explosives", "place": "Qaryat al-Nur",
             "time": "June 2014", "count": "100 people", "agent": "Islamic State",
             "claimed_by": "Islamic State", "modality": "claimed"},
            {"trigger": "attack", "type": "ASSAULT", "mode": "attack", "place": "Qaryat al-Nur",
             "time": "June 2014", "count": "21 dead"}])
# A syndicated copy of A1 with the agency's tag added: a version, not a new report.
A1_COPY = make_article(
    A1.article.text + " (AFP)", "2014-06-11",
    entities={"Qaryat al-Nur": ("GPE", ["Qaryat al-Nur"]), "Islamic State": ("ORG", ["Islamic State"]),
              "Mahmoud al-Qadhi": ("PERSON", ["Mahmoud al-Qadhi"])},
    times={"Tuesday": "2014-06-10"}, counts={"at least 12 people": (12, 12, None, None)},
    events=[{"trigger": "killed", "type": "ASSAULT", "mode": "explosives", "place": "Qaryat al-Nur",
             "time": "Tuesday", "count": "at least 12 people"}])

# -- a similar but distinct incident: the same market, two years later ------------------------------
B1 = make_article(
    "A car bomb killed 7 people at a market in Qaryat al-Nur on Sunday, police said. "
    "No group claimed the market attack.",
    "2016-03-14",
    entities={"Qaryat al-Nur": ("GPE", ["Qaryat al-Nur"])},
    times={"Sunday": "2016-03-13"}, counts={"7 people": (7, 7, 7, None)},
    events=[{"trigger": "killed", "type": "ASSAULT", "mode": "explosives", "place": "Qaryat al-Nur",
             "time": "Sunday", "count": "7 people"}])
# Its follow-up recalls the 2014 bombing in the background.
B2 = make_article(
    "Mourners buried the 7 victims of Sunday's car bomb at the Qaryat al-Nur market. "
    "The market was also hit in June 2014, when an Islamic State car bomb killed 19 people.",
    "2016-03-15",
    entities={"Qaryat al-Nur": ("GPE", ["Qaryat al-Nur"]), "Islamic State": ("ORG", ["Islamic State"])},
    times={"Sunday": "2016-03-13", "June 2014": "2014-06"},
    counts={"7 victims": (7, 7, 7, None), "19 people": (19, 19, 19, None)},
    events=[{"trigger": "car bomb", "type": "ASSAULT", "mode": "explosives", "place": "Qaryat al-Nur",
             "time": "Sunday", "count": "7 victims"},
            {"trigger": "killed", "type": "ASSAULT", "mode": "explosives", "place": "Qaryat al-Nur",
             "time": "June 2014", "count": "19 people", "agent": "Islamic State", "background": True}])

ALL = [A1, A2, A3, A4, A1_COPY, B1, B2]


def _ids(*results: ArticleResult) -> set[str]:
    return {r.article.id for r in results}


def _incident_of(clustering, result: ArticleResult, event_id: str = "V1"):
    aid = clustering.versions.get(result.article.id, result.article.id)  # a copy is found through its canonical
    return next(i for i in clustering.incidents if (aid, event_id) in i.members)


@pytest.fixture(scope="module")
def clustering():
    return cluster_incidents(ALL)


def test_variants_merge_into_one_incident_and_the_later_one_stays_apart(clustering):
    a = _incident_of(clustering, A1)
    # The longer copy is the canonical version; B2 only recalls the incident, in the background.
    assert set(a.articles) == _ids(A1_COPY, A2, A3, A4, B2)
    assert a.versions == {A1_COPY.article.id: (A1.article.id,)}
    assert (a.type, a.mode, a.time_start, a.time_end) == ("ASSAULT", "explosives", "2014-06-10", "2014-06-10")
    b = _incident_of(clustering, B1)
    assert set(b.articles) == _ids(B1, B2)
    assert a.id != b.id
    assert (b.time_start, b.time_end) == ("2016-03-13", "2016-03-13")


def test_background_mention_attaches_to_the_original_incident(clustering):
    a = _incident_of(clustering, A1)
    assert (B2.article.id, "V2") in a.members  # "in June 2014, when … killed 19", told in 2016
    reasons = next(m.reasons for m in a.merges if m.right == f"{B2.article.id}:V2")
    assert reasons[:2] == ("background mention", "same type ASSAULT")
    assert "time 2014-06-10 within 2014-06" in reasons
    assert "same place Qaryat al-Nur" in reasons


def test_counts_reconcile_ibc_style_and_every_figure_stays_visible(clustering):
    a = _incident_of(clustering, A1)
    killed = a.counts[0]
    # min = highest credible minimum (21: doctors; 19 told in 2016), max = highest credible maximum (25),
    # best = median of credible bests (12, 19, 20, 21, 19) = 19, inside [21, 25] → 21.
    assert (killed.kind, killed.min, killed.best, killed.max) == ("killed", 21, 21, 25)
    figures = {(f.article_id, f.text): (f.credible, f.claimed_by, f.note) for f in a.figures}
    assert figures[(A4.article.id, "100 people")] == (False, "Islamic State", "claimed by the perpetrator")
    assert figures[(A3.article.id, "Between 15 and 25 people")] == (True, "a monitoring group", None)
    assert figures[(A1_COPY.article.id, "at least 12 people")] == (True, None, None)
    assert figures[(A1.article.id, "at least 12 people")] == (False, None, f"version of {A1_COPY.article.id}")
    assert (a.count_min, a.count_best, a.count_max) == (21, 21, 25)


def test_merges_carry_their_reasons_and_score(clustering):
    a = _incident_of(clustering, A1)
    story = [m for m in a.merges if "background mention" not in m.reasons and "same story" not in m.reasons]
    assert len(story) == 3  # four canonical articles, three merges
    joined = " | ".join("; ".join(m.reasons) for m in story)
    assert "same type ASSAULT" in joined
    assert "same place Qaryat al-Nur" in joined
    assert "shared Islamic State" in joined
    assert re.search(r"text similarity 0\.\d\d", joined)
    assert all(m.score > 0 for m in story)
    text = explain(a)
    assert text.startswith(f"Incident {a.id}: ASSAULT (explosives)")
    assert "killed: min 21, best 21, max 25" in text


def test_entities_resolve_across_spellings():
    entities, entity_of = resolve_entities([A1, A2, A3])
    by_name = {e.name: e for e in entities}
    governor = next(e for e in entities if e.type == "PERSON")
    assert set(governor.variants) == {"Mahmoud al-Qadhi", "Mahmud al-Kadhi"}
    assert "spelling variant" in governor.merges[0].reasons[0]
    place = next(e for e in entities if "Qaryat" in e.name)
    assert len(place.members) == 3  # "Qaryat al-Nur" and "Qaryat al Nur"
    assert "Islamic State" in by_name


@pytest.mark.parametrize("name, key", [("Mr. Mahmoud al-Qadhi's", "mahmoud al qadhi"), ("The Islamic State", "islamic state"),
                                       ("Zürich", "zurich"), ("Президент Путин", "prezident putin")])
def test_name_key_folds_spelling(name, key):
    assert name_key(name) == key


def test_near_duplicates_are_versions():
    versions, merges = find_versions([A1, A1_COPY, A2])
    assert versions == {A1.article.id: A1_COPY.article.id}  # same day: the longer copy is canonical
    assert merges[0].reasons[0].startswith("near-duplicate text (Jaccard 0.")


def test_hand_split_and_merge_survive_reruns():
    split = [Correction("split", A1.article.id, A3.article.id)]
    first = cluster_incidents(ALL, split)
    second = cluster_incidents(ALL, split)  # a re-run with the same corrections gives the same answer
    assert [i.articles for i in first.incidents] == [i.articles for i in second.incidents]
    assert _incident_of(first, A1).id != _incident_of(first, A3).id
    merge = [Correction("merge", f"{A1.article.id}:V1", f"{B1.article.id}:V1")]
    merged = cluster_incidents(ALL, merge)
    inc = _incident_of(merged, A1)
    assert (B1.article.id, "V1") in inc.members
    assert any(m.reasons == ("merged by hand",) for m in inc.merges)
    event_split = [Correction("split", f"{A1.article.id}:V1", f"{B2.article.id}:V2")]
    moved = cluster_incidents(ALL, event_split)
    assert (B2.article.id, "V2") not in _incident_of(moved, A1).members


def test_later_correction_wins():
    corrections = [Correction("split", A1.article.id, A2.article.id), Correction("merge", A1.article.id, A2.article.id)]
    corrected, plain = _incident_of(cluster_incidents(ALL, corrections), A2), _incident_of(cluster_incidents(ALL), A2)
    assert corrected.members == plain.members


def test_reconcile_counts_rule():
    def fig(lo, best, hi, credible=True):
        return SourceFigure("a", "V1", "C1", "x", lo, best, hi, "killed", None, credible)
    ranges = reconcile_counts([fig(10, 10, 10), fig(12, 15, 20), fig(None, 30, None), fig(500, 500, 500, False)])
    assert [(r.kind, r.min, r.best, r.max) for r in ranges] == [("killed", 30, 30, 30)]
    ranges = reconcile_counts([fig(10, 10, 10), fig(12, 15, 20)])
    assert [(r.min, r.best, r.max) for r in ranges] == [(12, 12.5, 20)]


@pytest.mark.parametrize("value, expected", [
    ("2014", ("2014-01-01", "2014-12-31")), ("2014-06", ("2014-06-01", "2014-06-30")),
    ("2014-06-10", ("2014-06-10", "2014-06-10")), ("2014-W24", ("2014-06-09", "2014-06-15")),
    ("2014-Q2", ("2014-04-01", "2014-06-30")), ("PAST_REF", None), ("P2Y", None), (None, None),
    # a month or day not known ("last month" in a story dated only by its year) is somewhen in the known part
    ("2016-XX", ("2016-01-01", "2016-12-31")), ("2016-XX-XX", ("2016-01-01", "2016-12-31")),
    ("2016-WXX", ("2016-01-01", "2016-12-31")), ("2016-03-XX", ("2016-03-01", "2016-03-31")),
    ("XXXX-XX-XX", None)])
def test_time_interval(value, expected):
    iv = time_interval(value)
    assert (iv[0].isoformat(), iv[1].isoformat()) == expected if expected else iv is None


def test_a_tally_over_a_period_keeps_the_period_and_says_what_it_counts(nlp):
    from newsledger import process
    text = "The UN revealed that as of last month, 45 death sentences had been carried out since the beginning of 2016."
    incidents = cluster_incidents([process(text, published="2016-07-21", nlp=nlp)]).incidents
    assert [(i.type, i.mode, i.time_start, i.time_end, [(f.kind, f.best) for f in i.figures]) for i in incidents] \
        == [("COERCE", "execution", "2016-01-01", "2016-06-30", [("executed", 45.0)])]


def test_bad_correction_action_names_the_choices():
    with pytest.raises(ValueError, match="merge, split"):
        cluster_incidents(ALL, [Correction("join", A1.article.id, A2.article.id)])


# -- cross-article entities: stored, listed, explained, corrected ------------------------------------

def test_clustering_rows_carry_cross_entities_with_explanations(clustering):
    from newsledger.incidents import clustering_rows

    rows = clustering_rows(clustering)
    assert {"incidents", "members", "figures", "versions", "cross_entities", "cross_entity_members"} <= set(rows)
    governor = next(e for e in rows["cross_entities"] if e["type"] == "PERSON")
    assert governor["name"] in ("Mahmoud al-Qadhi", "Mahmud al-Kadhi")
    assert set(governor["variants"]) == {"Mahmoud al-Qadhi", "Mahmud al-Kadhi"}
    members = {(m["article_id"], m["member_entity_id"]) for m in rows["cross_entity_members"]
               if m["entity_id"] == governor["id"]}
    assert members == {(A1.article.id, "E3"), (A1_COPY.article.id, "E3"), (A2.article.id, "E3")}
    assert governor["explanation"].startswith(f"Entity {governor['id']}: {governor['name']} (PERSON)")
    assert "spelling variant" in governor["explanation"]
    # Entity ids and incident ids never collide: distinct prefixes.
    assert all(e["id"].startswith("N") for e in rows["cross_entities"])
    assert all(i["id"].startswith("I") for i in rows["incidents"])


def test_a_story_without_a_typed_event_is_no_stored_incident(fresh_store):
    """QA: an article with no typed event (a council meeting) made an untyped incident without members, so the
    Incidents page listed it as "0 articles, 0 events" — 106 of the 242 incidents of `make run`."""
    from newsledger.incidents import clustering_rows, stored_incidents

    meeting = make_article("The city council met to discuss the library budget. Members praised the plan.",
                           "2014-06-11", entities={}, events=[])
    clustering = cluster_incidents([A1, meeting])
    assert sorted((inc.type or "", inc.members) for inc in clustering.incidents) == [
        ("", ((meeting.article.id, None),)), ("ASSAULT", ((A1.article.id, "V1"),))]  # both stories still clustered
    assert [inc.type for inc in stored_incidents(clustering)] == ["ASSAULT"]
    fresh_store.save_clustering(clustering_rows(clustering))
    listed, total = fresh_store.list_incidents()
    assert (total, [(row["type"], row["articles"], row["events"]) for row in listed]) == (1, [("ASSAULT", 1, 1)])


def test_an_incidents_background_flag_is_a_boolean(clustering, fresh_store):
    """QA: /api/incidents said "background_only": 0 where an event says "background": false."""
    from newsledger.incidents import clustering_rows

    fresh_store.save_clustering(clustering_rows(clustering))
    listed, _ = fresh_store.list_incidents()
    flags = {json.dumps(row["background_only"]) for row in listed}
    assert flags == {"false"}  # none of these stories is only background
    assert json.dumps(fresh_store.get_incident(listed[0]["id"])["background_only"]) in flags


def test_store_lists_and_explains_cross_entities(clustering, fresh_store):
    from newsledger.incidents import clustering_rows
    from newsledger.store import CrossEntityNotFound

    rows = clustering_rows(clustering)
    fresh_store.save_clustering(rows)
    found, total = fresh_store.list_cross_entities(search="kadhi")  # matches a spelling, case-insensitively
    governor = next(e for e in rows["cross_entities"] if e["type"] == "PERSON")
    assert total == 1
    assert found == [{"id": governor["id"], "name": governor["name"], "type": "PERSON",
                      "variants": ["Mahmoud al-Qadhi", "Mahmud al-Kadhi"], "articles": 3, "members": 3}]
    everything, total = fresh_store.list_cross_entities()
    assert total == len(rows["cross_entities"]) == len(everything)
    assert [e["articles"] for e in everything] == sorted((e["articles"] for e in everything), reverse=True)
    assert [e["name"] for e in fresh_store.list_cross_entities(type="ORG")[0]] == ["Islamic State"]
    assert fresh_store.cross_entity_explanation(governor["id"]) == governor["explanation"]
    with pytest.raises(CrossEntityNotFound, match="no stored entity has id 'Nnope'"):
        fresh_store.cross_entity_explanation("Nnope")
    # A new clustering replaces the entities; rows without the entity keys (older callers) clear them.
    fresh_store.save_clustering({"incidents": [], "members": [], "figures": [], "versions": []})
    assert fresh_store.list_cross_entities() == ([], 0)


def test_entity_split_and_merge_corrections():
    a, b = f"{A1.article.id}:E3", f"{A2.article.id}:E3"
    entities, entity_of = resolve_entities([A1, A2, A3], [Correction("split", a, b)])
    assert entity_of[(A1.article.id, "E3")] != entity_of[(A2.article.id, "E3")]
    assert sorted(e.name for e in entities if e.type == "PERSON") == ["Mahmoud al-Qadhi", "Mahmud al-Kadhi"]
    # A hand merge joins two entities the rules keep apart (a governor and the group, for the test's sake).
    merged = [Correction("merge", a, f"{A3.article.id}:E2")]
    entities, entity_of = resolve_entities([A1, A2, A3], merged)
    assert entity_of[(A1.article.id, "E3")] == entity_of[(A3.article.id, "E2")]
    joined = next(e for e in entities if e.id == entity_of[(A1.article.id, "E3")])
    assert any(m.reasons == ("merged by hand",) for m in joined.merges)


def test_pair_scoring_grows_linearly_not_quadratically(monkeypatch):
    """Blocking bounds the pairs scored per article (≤ max_candidates), so doubling the corpus about doubles the work.

    Uses the synthetic generator of bench/cluster_scale.py (invented events, many incidents).
    """
    import importlib.util

    import newsledger.incidents as incidents

    path = Path(__file__).resolve().parent.parent / "bench" / "cluster_scale.py"
    spec = importlib.util.spec_from_file_location("cluster_scale", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    calls = {"n": 0}
    original = incidents._score_pair

    def counting(*args, **kwargs):
        calls["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(incidents, "_score_pair", counting)
    scored = []
    for n_events in (600, 1200):
        results, _ = bench.make_collection(n_events, seed=3)
        calls["n"] = 0
        incidents.cluster_incidents(results)
        scored.append((len(results), calls["n"]))
    (n1, c1), (n2, c2) = scored
    assert c1 > 0
    # Quadratic growth would multiply the scored pairs by about (n2/n1)^2 = 4.
    assert c2 / c1 < 1.5 * (n2 / n1)
    assert c2 <= n2 * incidents.DEFAULT_CONFIG.max_candidates


def test_a_conviction_a_recapture_and_a_tally_are_three_incidents():
    text = ("A court convicted 40 men in Baghdad. Government forces recaptured Tikrit. "
            "The UN said 45 sentences had been carried out since January.")
    article = make_article(text, "2016-07-21", entities={"Tikrit": ("GPE", ["Tikrit"])}, events=[
        {"trigger": "convicted", "type": "COERCE", "mode": "legal-action"},
        {"trigger": "recaptured", "type": "COERCE", "mode": "occupy", "place": "Tikrit"},
        {"trigger": "carried out", "type": "COERCE", "mode": "execution"},
    ])
    tally = article.events[2]
    article = ArticleResult(article.article, article.entities, article.times, article.places, article.quotes,
                            article.counts, article.events[:2] + [
                                Event(**{**tally.__dict__, "time_range_start": "2016-01",
                                         "time_range_end": "2016-07-21"})])
    clustering = cluster_incidents([article])
    members = sorted(sorted(m[1] for m in inc.members) for inc in clustering.incidents)
    assert members == [["V1"], ["V2"], ["V3"]]


def _place(name: str, precision: str, lat: float | None, lon: float | None, country: str | None,
           admin1: str | None = None) -> Place:
    return Place("P1", name, 0, len(name), None, "GPE", lat=lat, lon=lon, country_code=country, admin1=admin1,
                 precision=precision)


# Invented places: two towns 4 km apart in one province, a town 30 km from the other province's centroid.
_TOWN = _place("Qaryat al-Nur", "town", 34.000, 44.000, "IQ", "Salah ad Din")
_TOWN_NEAR = _place("Tall Ahmar", "town", 34.036, 44.000, "IQ", "Salah ad Din")
_PROVINCE = _place("Salah ad Din", "province", 34.500, 43.600, "IQ", "Salah ad Din")
_OTHER_PROVINCE = _place("Diyala", "province", 34.250, 44.200, "IQ", "Diyala")


@pytest.mark.parametrize("a, b, expected", [
    (_TOWN, _TOWN_NEAR, (0.92, "place 4 km apart")),
    # a country or a province is compared by its codes, wherever the gazetteer puts its point
    (_place("Iraq", "country", 33.0, 43.7, "IQ"), _place("Republic of Iraq", "country", 35.0, 42.0, "IQ"),
     (1.0, "same country IQ")),
    (_PROVINCE, _TOWN, (1.0, "same province Salah ad Din (IQ)")),
    (_OTHER_PROVINCE, _TOWN, None),  # 30 km from the centroid, but another province
    (_PROVINCE, _OTHER_PROVINCE, None),
    (_place("Iraq", "country", 34.0, 44.0, "IQ"), _TOWN, None),  # a town lies in its country: that says nothing
    (_place("Middle East", "region", 34.0, 44.0, None), _TOWN, None),
    (_place("Qaryat al-Nur", None, 34.0, 44.0, None), _TOWN_NEAR, (0.92, "place 4 km apart")),  # no precision
])
def test_places_are_near_by_km_between_points_and_by_codes_otherwise(a, b, expected):
    from newsledger.incidents import _nearness, _place_point

    near = _nearness(_place_point(a), _place_point(b))
    assert (near and (round(near[0], 2), near[1])) == expected


def _follow_up_pair(first_time: str | None, second_time: str | None):
    """One siege told twice, six weeks apart; each report may date the event itself ("on Sunday")."""
    entities = {"Exampletown": ("GPE", ["Exampletown"]), "Northern Front": ("ORG", ["Northern Front"])}
    texts = ("Fighters of the Northern Front besieged the hospital in Exampletown on Sunday, cutting water and "
             "power to hundreds of patients, doctors said.",
             "Patients went without water for days after the Northern Front siege of a hospital on Sunday, "
             "Exampletown officials said.")
    return [make_article(text, published, entities=entities,
                         times={"on Sunday": value} if value else None,
                         events=[{"trigger": trigger, "type": "COERCE", "mode": "blockade", "place": "Exampletown",
                                  "agent": "Northern Front", **({"time": "on Sunday"} if value else {})}])
            for text, published, value, trigger in zip(texts, ("2015-03-02", "2015-04-15"),
                                                         (first_time, second_time), ("besieged", "siege"))]


def test_publication_dates_weeks_apart_do_not_split_a_follow_up_but_event_dates_do():
    # Neither report dates the siege: the publication windows are six weeks apart, which a follow-up story
    # explains as well as a second siege does, so they are no evidence of two incidents.
    stories, _, _ = cluster_stories(_follow_up_pair(None, None))
    assert len(stories) == 1
    # Each dates it, to days six weeks apart: two sieges.
    stories, _, _ = cluster_stories(_follow_up_pair("2015-03-01", "2015-04-12"))
    assert len(stories) == 2


def test_names_sharing_a_phonetic_skeleton_are_not_variants_unless_spelt_alike():
    # "Iraq" and "Uruguay" are both ARK in metaphone; "Qadhi" and "Kadhi" are one man
    a = make_article("Gunmen attacked a convoy in Iraq, Mahmoud al-Qadhi said.", "2016-07-01",
                     entities={"Iraq": ("GPE", ["Iraq"]), "Mahmoud al-Qadhi": ("PERSON", ["Mahmoud al-Qadhi"])}, events=[])
    b = make_article("Farmers marched in Uruguay, Mahmud al-Kadhi said.", "2016-07-02",
                     entities={"Uruguay": ("GPE", ["Uruguay"]), "Mahmud al-Kadhi": ("PERSON", ["Mahmud al-Kadhi"])}, events=[])
    entities, _ = resolve_entities([a, b])
    names = sorted(sorted(e.variants) for e in entities)
    assert ["Iraq"] in names and ["Uruguay"] in names
    assert ["Mahmoud al-Qadhi", "Mahmud al-Kadhi"] in names


def test_one_template_told_of_two_towns_in_two_countries_is_two_incidents(nlp):
    from newsledger import process

    # wire copy reuses its wording: the same sentence about Mosul and about Maiduguri, same day
    text = ("A suicide bomber killed seven people at a crowded vegetable market in Mosul on Friday, police and "
            "hospital officials said. Dozens more were wounded in the blast, which struck during morning "
            "shopping hours. No group immediately claimed responsibility for the attack.")
    mosul = process(text, "2019-03-08", title="Suicide bomber kills 7 at market in Mosul", nlp=nlp)
    maiduguri = process(text.replace("seven", "twelve").replace("Mosul", "Maiduguri"), "2019-03-08",
                        title="Suicide bomber kills 12 at market in Maiduguri", nlp=nlp)
    stories, _, _ = cluster_stories([mosul, maiduguri])
    assert len(stories) == 2
    # the same wording about one town is one incident
    again = process(text.replace("Dozens more", "Many more"), "2019-03-08", title="Market bombing in Mosul",
                    nlp=nlp)
    stories, _, _ = cluster_stories([mosul, again])
    assert len(stories) == 1


def test_two_events_of_one_article_in_one_incident_say_why():
    article = make_article(
        "Police arrested two men in Exampletown on Monday. The men were later charged.", "2015-03-03",
        entities={"Exampletown": ("GPE", ["Exampletown"])},
        events=[{"trigger": "arrested", "type": "COERCE", "mode": "arrest", "place": "Exampletown"},
                {"trigger": "charged", "type": "COERCE", "mode": "legal-action"}])
    incident = cluster_incidents([article]).incidents[0]
    assert len(incident.members) == 2
    assert any("same article" in m.reasons for m in incident.merges)


def _escape_reports():
    """One escape told twice, undated; the second report recalls the inmate's old conviction deep in its text."""
    entities = {"Exampletown": ("GPE", ["Exampletown"])}
    lead = ("Arlo Venn escaped from a prison van near Exampletown{when}, pulling a gun on two "
            "guards who were moving him between prisons, the state prison service said.")
    first = make_article(lead.format(when=" on October 7, 2013") + " Venn ran away on foot with the guards' guns.",
                         None, entities=entities, times={"October 7, 2013": "2013-10-07"},
                         events=[{"trigger": "escaped", "type": "COERCE", "mode": "escape", "place": "Exampletown",
                                  "time": "October 7, 2013"}])
    back_story = ("Venn ran away on foot with the guards' guns and wearing one of their grey uniforms. Officers "
                  "with dogs searched the woods around Exampletown through the night, and the prison service "
                  "offered a reward for information. Schools near the road kept their pupils indoors, and buses "
                  "were stopped and searched at every roadblock between the prison and the state line. Neighbours "
                  "were told to lock their cars and to call the police about any stranger on foot. "
                  "Venn was convicted in June 1998 of armed robbery.")
    second = make_article(lead.format(when="") + " " + back_story, None, entities=entities,
                          times={"June 1998": "1998-06"},
                          events=[{"trigger": "escaped", "type": "COERCE", "mode": "escape", "place": "Exampletown"},
                                  {"trigger": "convicted", "type": "COERCE", "mode": "legal-action",
                                   "time": "June 1998"}])
    return first, second


def test_only_the_lead_dates_a_story_so_back_story_deep_in_the_text_splits_nothing():
    first, second = _escape_reports()
    assert second.article.text.index("convicted") - len(second.article.title or "") > 400  # past the lead
    stories, merges, _ = cluster_stories([first, second])
    assert len(stories) == 1
    assert merges[0][0].reasons == ("same type COERCE", "same place Exampletown", "text similarity 0.62",
                                    "average link 0.72")
    # were the whole text its lead, the conviction would date the second report: 1998 vs 2013, two incidents
    stories, _, _ = cluster_stories([first, second], config=ClusterConfig(lead_chars=10_000))
    assert len(stories) == 2


def _coach_fired(coach: str, seasons: str, shift: int) -> list[ArticleResult]:
    """Five differently worded, undated reports of one club firing one coach."""
    leads = ["The Exampleton Owls fired head coach {c} on Saturday, after a seventh straight defeat.",
             "{c} is out as head coach of the Exampleton Owls, who fired him on Saturday after a seventh straight "
             "defeat.",
             "Exampleton Owls owners fired coach {c} on Saturday, a club statement said, after a seventh straight "
             "defeat.",
             "The Owls of Exampleton have fired {c}, their head coach, on Saturday after a seventh straight defeat.",
             "Head coach {c} was fired by the Exampleton Owls on Saturday, after a seventh straight defeat."]
    tails = [f"He had coached the Owls for {seasons} seasons.", "Players said he had lost the locker room.",
             "He thanked the fans in a short statement.", "The club said he would be paid until summer.",
             "He leaves with a losing record."]
    search = ["General manager Carla Diaz said the search for a new coach would start at once.",
              "Carla Diaz, the general manager, will lead the search for a new coach.",
              "The search for a new coach starts at once, general manager Carla Diaz said.",
              "General manager Carla Diaz promised a quick search for the next coach.",
              "A search for a new coach will be led by general manager Carla Diaz."]
    out = []
    for lead, tail, more in zip(leads[shift:] + leads[:shift], tails, search):
        text = f"{lead.format(c=coach)} {tail} {more}"
        entities = {coach: ("PERSON", [coach]), "Carla Diaz": ("PERSON", ["Carla Diaz"])}
        if "Exampleton Owls" in text:
            entities["Exampleton Owls"] = ("ORG", ["Exampleton Owls"])
        out.append(make_article(text, None, entities=entities, events=[]))
    return out


def test_two_groups_each_with_its_own_key_participant_are_two_incidents():
    # One club fires two coaches, told in the same words: each group names its own coach in every report
    # and the other coach in none, so they are two firings however alike the reports read.
    first, second = _coach_fired("Alan Roe", "three", 0), _coach_fired("Ben Poe", "two", 2)
    stories, _, _ = cluster_stories(first + second)
    assert {frozenset(s) for s in stories} == {frozenset(_ids(*first)), frozenset(_ids(*second))}
    # without the test, the scores alone join them
    stories, _, _ = cluster_stories(first + second, config=ClusterConfig(own_key_share=0))
    assert {frozenset(s) for s in stories} == {frozenset(_ids(*first, *second))}


@pytest.mark.parametrize("start, end, shown", [
    ("2016-01-01", "2016-12-31", "2016"), ("2016-07-01", "2016-07-31", "2016-07"), ("2016-07-21", "2016-07-21", "2016-07-21"),
    ("2016-07-21", "2016-07-23", "2016-07-21 – 2016-07-23")])
def test_why_says_an_incident_time_as_a_reader_writes_it(start, end, shown):
    """A whole year is "2016", not "2016-01-01 … 2016-12-31"."""
    from newsledger.incidents import Incident
    incident = Incident("I1", "ASSAULT", None, (("a", "V1"),), ("a",), {}, start, end, None, None, (), (), ())
    assert f"  time: {shown}\n" in explain(incident) + "\n"


def _geocoded(result: ArticleResult, points: dict[str, tuple[str, float | None, float | None, str]]) -> ArticleResult:
    """The article with its places geocoded by hand: name -> (precision, lat, lon, country code)."""
    from dataclasses import replace

    places = [replace(p, precision=points[p.name][0], lat=points[p.name][1], lon=points[p.name][2],
                      country_code=points[p.name][3]) for p in result.places]
    return replace(result, places=places)


def _three_scenes() -> ArticleResult:
    """One report of a bombing in Baghdad, an attack near Tikrit the next day and a bombing in Kabul."""
    text = ("A car bomb killed 12 people in Baghdad on Monday. The blast in Abu Ghraib wounded 30 more. "
            "Police said the bombers came from Iraq. Two soldiers were also wounded. "
            "On Tuesday gunmen attacked a checkpoint near Tikrit. A suicide bomber struck in Kabul.")
    return _geocoded(make_article(
        text, "2016-07-20",
        entities={name: ("GPE", [name]) for name in ("Baghdad", "Abu Ghraib", "Iraq", "Tikrit", "Kabul")},
        events=[{"trigger": "car bomb", "type": "ASSAULT", "mode": "explosives", "place": "Baghdad"},
                {"trigger": "wounded 30", "type": "ASSAULT", "mode": "explosives", "place": "Abu Ghraib"},
                {"trigger": "came", "type": "ASSAULT", "mode": "explosives", "place": "Iraq"},
                {"trigger": "wounded.", "type": "ASSAULT", "mode": "attack"},
                {"trigger": "attacked", "type": "ASSAULT", "mode": "attack", "place": "Tikrit"},
                {"trigger": "struck", "type": "ASSAULT", "mode": "explosives", "place": "Kabul"}]),
        {"Baghdad": ("town", 33.34, 44.40, "IQ"), "Abu Ghraib": ("town", 33.29, 44.06, "IQ"),
         "Iraq": ("country", 33.0, 43.7, "IQ"), "Tikrit": ("town", 34.61, 43.68, "IQ"),
         "Kabul": ("town", 34.53, 69.17, "AF")})


def test_attacks_in_far_apart_places_of_one_story_are_separate_incidents():
    article = _three_scenes()
    incidents = cluster_incidents([article]).incidents
    # a town 32 km away, the country it lies in and an event with no place stay with Baghdad; Tikrit (165 km
    # away) and Kabul (another country) are incidents of their own
    assert sorted(sorted(m[1] for m in inc.members) for inc in incidents) == [["V1", "V2", "V3", "V4"], ["V5"], ["V6"]]
    aid = article.article.id
    splits = {inc.members[0][1]: [m.describe() for m in inc.merges if m.score == 0.0] for inc in incidents}
    assert splits == {
        "V1": [],
        "V5": [f"{aid}:V1 + {aid}:V5 (score 0.00): split: place Tikrit (IQ) is far from Baghdad (IQ)"],
        "V6": [f"{aid}:V1 + {aid}:V6 (score 0.00): split: place Kabul (AF) is far from Baghdad (IQ)"],
    }


def test_another_report_joins_the_incident_at_its_place_and_never_splits_one_by_itself():
    article = _three_scenes()
    # a second report of the story: the Kabul bombing, and an attack it alone places in Mosul (another
    # report's place may be a geocoding slip: it joins the incident its place fits, here the one in Iraq)
    follow_up = _geocoded(make_article(
        "The suicide bomber in Kabul killed five. Gunmen also attacked a patrol in Mosul.", "2016-07-21",
        entities={"Kabul": ("GPE", ["Kabul"]), "Mosul": ("GPE", ["Mosul"])},
        events=[{"trigger": "killed", "type": "ASSAULT", "mode": "explosives", "place": "Kabul"},
                {"trigger": "attacked", "type": "ASSAULT", "mode": "attack", "place": "Mosul"}]),
        {"Kabul": ("town", 34.53, 69.17, "AF"), "Mosul": ("town", 36.34, 43.13, "IQ")})
    a, b = article.article.id, follow_up.article.id
    clustering = cluster_incidents([article, follow_up], corrections=[Correction("merge", a, b)])
    assert clustering.stories == [[a, b]]
    assert sorted(sorted(inc.members) for inc in clustering.incidents) == [
        [(a, "V1"), (a, "V2"), (a, "V3"), (a, "V4"), (b, "V2")], [(a, "V5")], [(a, "V6"), (b, "V1")]]
