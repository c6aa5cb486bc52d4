"""Tests for newsledger.review (checks and secrets) and the review tables in the store: decisions are
logged, applied on every read, and survive re-processing, even when event ids change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsledger.review import (EVENT_TYPES, BadReview, EventNotFound, UnknownField, check_review, hash_secret,
                               member_key, new_secret, parse_date_bound, parse_member_key, same_secret)
from newsledger.store import Store

VERSION = "test-1"


# ------------------------------------------------------------------ pure checks


@pytest.mark.parametrize(
    ("field", "action", "value", "stored"),
    [
        ("count_best", "correct", "1,566", "1566"),
        ("count_best", "correct", 1566.5, "1566.5"),
        ("type", "correct", "ASSAULT", "ASSAULT"),
        ("type", "correct", " assault ", "ASSAULT"),  # case and spaces do not matter
        ("modality", "correct", " claimed ", "claimed"),
        ("time_value", "correct", "2014-06", "2014-06"),
        ("time_value", "correct", "2016-W30", "2016-W30"),
        ("time_value", "correct", "2016-XX", "2016-XX"),  # as the page shows the value on hover
        ("time_value", "correct", "2016-07-XX", "2016-07-XX"),
        ("background", "correct", "yes", "1"),
        ("background", "correct", "False", "0"),
        ("agent_text", "correct", "  ISIS ", "ISIS"),
        ("agent_text", "confirm", None, None),
        ("place_text", "reject", "ignored", None),
        (None, "confirm", None, None),
        ("event", "reject", None, None),
    ],
)
def test_check_review_accepts(field, action, value, stored):
    assert check_review(field, action, value) == stored


@pytest.mark.parametrize(
    ("field", "action", "value", "message"),
    [
        ("colour", "correct", "red", "unknown field 'colour'; reviewable fields: type, mode, modality, background, "
                                     "agent_text, target_text, place_text, time_value, count_best, claimed_by_text"),
        ("type", "undo", None, "unknown action 'undo'; use one of confirm, correct, reject"),
        ("type", "correct", "party", f"'party' is not an event type; use one of {', '.join(EVENT_TYPES)}"),
        ("type", "correct", "NOTATYPE", f"'NOTATYPE' is not an event type; use one of {', '.join(EVENT_TYPES)}"),
        ("type", "correct", "OBSERVE", f"'OBSERVE' is not an event type; use one of {', '.join(EVENT_TYPES)}"),
        ("time_value", "correct", "2016-02-30", "'2016-02-30' is not a calendar date"),
        ("time_value", "correct", "2016-13", "'2016-13' is not a calendar date (month 01-12, week W01-W53)"),
        ("time_value", "correct", "2016-W54", "'2016-W54' is not a calendar date (month 01-12, week W01-W53)"),
        ("modality", "correct", "maybe", "'maybe' is not one of occurred, claimed, approved, planned, threatened, "
                                         "denied, negated, hypothetical"),
        ("count_best", "correct", "-3", "'-3' is not a count: give a number from 0 up"),
        ("count_best", "correct", "nan", "'nan' is not a count: give a number from 0 up"),
        ("time_value", "correct", "last June", "'last June' is not a TIMEX3 date: use 2014, 2014-06 or 2014-06-12 "
                                               "(or 2016-W30, 2016-XX, PAST_REF)"),
        ("agent_text", "correct", "   ", "correcting agent_text needs a value"),
        ("agent_text", "correct", "x" * 301, "give a value of 1 to 300 characters"),
        (None, "correct", "x", "action 'correct' does not apply to a whole event; use one of confirm, reject "
                               "(correct one field instead)"),
    ],
)
def test_check_review_refuses(field, action, value, message):
    with pytest.raises(BadReview) as info:
        check_review(field, action, value)
    assert str(info.value) == message
    # only a field that does not exist is an invalid request (the API's 422); a bad value is a 400
    assert isinstance(info.value, UnknownField) == (field == "colour")


@pytest.mark.parametrize(
    ("value", "end", "bound"),
    [("2014", False, "2014-01-01"), ("2014", True, "2014-12-31"), ("2014-06", True, "2014-06-31"),
     ("2014-06-12", False, "2014-06-12")],
)
def test_parse_date_bound(value, end, bound):
    assert parse_date_bound(value, end=end) == bound


def test_review_choices_are_the_json_schema_enums():
    """A reviewer picks a type or a modality from the JSON contract's own lists."""
    import json

    from newsledger.review import MODALITIES

    from conftest import SCHEMA

    event = json.loads(SCHEMA.read_text())["$defs"]["event"]["properties"]
    assert sorted(EVENT_TYPES) == sorted(event["type"]["enum"])
    assert sorted(MODALITIES) == sorted(event["modality"]["enum"])


def test_parse_date_bound_knows_the_calendar():
    assert parse_date_bound("2016-02-29", end=False) == "2016-02-29"
    for bad in ("2016-02-30", "2015-02-29", "2014-04-31"):
        with pytest.raises(BadReview, match="is not a calendar date"):
            parse_date_bound(bad, end=False)


@pytest.mark.parametrize("value", ["14", "2014-6", "2014-00", "2014-12-32", "June 2014", ""])
def test_parse_date_bound_refuses(value):
    with pytest.raises(BadReview):
        parse_date_bound(value, end=False)


def test_secrets():
    a, b = new_secret(), new_secret()
    assert a != b and len(a) >= 40
    assert hash_secret(a) == hash_secret(a) != hash_secret(b) and len(hash_secret(a)) == 64
    assert same_secret(a, a) and not same_secret(a, b) and not same_secret(None, None) and not same_secret("", "")


def test_member_keys():
    assert member_key("cd48f2e7", "V2") == "cd48f2e7:V2"
    assert parse_member_key(" cd48f2e7:V2 ") == ("cd48f2e7", "V2")
    for bad in ("cd48f2e7", ":V2", "cd48f2e7:"):
        with pytest.raises(BadReview):
            parse_member_key(bad)


# ------------------------------------------------------------------ the store's review tables


@pytest.fixture
def reviewed(fresh_store, hostile_result):
    fresh_store.save(hostile_result, VERSION)
    return fresh_store


def test_decisions_apply_and_are_logged(reviewed, hostile_result):
    aid = hostile_result.article.id
    event = reviewed.add_review(aid, "V2", "count_best", "correct", "250", "alice", "recount")
    assert (event["count_best"], event["original"]["count_best"], event["review_status"]) == (250.0, 200.0,
                                                                                           "corrected")
    event = reviewed.add_review(aid, "V2", "claimed_by_text", "reject", None, "bob")
    assert event["claimed_by_text"] is None and event["original"]["claimed_by_text"] == "<u>organisers</u>"
    event = reviewed.add_review(aid, "V2", "count_best", "correct", "300", "bob")  # the newest decision wins
    assert event["count_best"] == 300.0
    log, total = reviewed.list_reviews(article_id=aid)
    assert total == 3
    assert [(r["reviewer"], r["field"], r["action"], r["old_value"], r["new_value"], r["note"]) for r in log] == [
        ("bob", "count_best", "correct", "250.0", "300", None),
        ("bob", "claimed_by_text", "reject", "<u>organisers</u>", None, None),
        ("alice", "count_best", "correct", "200.0", "250", "recount")]
    assert all(r["created_at"] and r["trigger_start"] == event["trigger_start"] for r in log)


def test_confirming_a_corrected_field_keeps_the_correction(reviewed, hostile_result):
    """QA: "confirm" after "correct" used to put the extracted value back while the log said it kept it."""
    aid = hostile_result.article.id
    reviewed.add_review(aid, "V1", "agent_text", "correct", "Iraqi army", "alice")
    event = reviewed.add_review(aid, "V1", "agent_text", "confirm", None, "bob")
    assert (event["agent_text"], event["original"]["agent_text"], event["review_status"]) == (
        "Iraqi army", "Protesters", "corrected")
    assert [(d["field"], d["action"], d["value"], d["reviewer"]) for d in event["decisions"]] == [
        ("agent_text", "confirm", "Iraqi army", "bob")]
    # typed fields keep their corrected value too
    reviewed.add_review(aid, "V2", "count_best", "correct", "250", "alice")
    reviewed.add_review(aid, "V2", "background", "correct", check_review("background", "correct", "yes"), "alice")
    reviewed.add_review(aid, "V2", "count_best", "confirm", None, "bob")
    event = reviewed.add_review(aid, "V2", "background", "confirm", None, "bob")
    assert (event["count_best"], event["background"]) == (250.0, True)
    # a blanked field stays blank when confirmed
    reviewed.add_review(aid, "V2", "claimed_by_text", "reject", None, "alice")
    assert reviewed.add_review(aid, "V2", "claimed_by_text", "confirm", None, "bob")["claimed_by_text"] is None
    # confirming an untouched field keeps the extracted value
    assert reviewed.add_review(aid, "V3", "agent_text", "confirm", None, "bob")["agent_text"] == "Jane Example"
    # the filters and exports read the same values
    assert [r["id"] for r in reviewed.query_events(actor="Iraqi army")[0]] == ["V1"]
    assert reviewed.query_events(actor="Protesters")[1] == 0
    log, _ = reviewed.list_reviews(article_id=aid, event_id="V1")
    assert [(r["reviewer"], r["action"], r["old_value"], r["new_value"]) for r in log] == [
        ("bob", "confirm", "Iraqi army", "Iraqi army"), ("alice", "correct", "Protesters", "Iraqi army")]


def test_codes_follow_a_corrected_type(reviewed, hostile_result):
    from newsledger.extract.event_codes import event_codes

    aid = hostile_result.article.id
    before = reviewed.get_event(aid, "V1")
    assert (before["type"], before["cameo"]) == ("PROTEST", None)  # built by hand without codes
    expected = event_codes("ASSAULT", "obstruct", "Protesters", "the <script>alert(1)</script> harbour road")
    assert expected.cameo == "180"
    for action, value in (("correct", "ASSAULT"), ("confirm", None)):
        event = reviewed.add_review(aid, "V1", "type", action, value, "alice")
        assert (event["type"], event["cameo"], event["acled_event_type"], event["acled_sub_type"]) == (
            "ASSAULT", expected.cameo, expected.acled_type, expected.acled_sub_type), action
        listed = reviewed.query_events(types=["ASSAULT"])[0]
        assert [(e["id"], e["cameo"]) for e in listed] == [("V1", "180")]
    event = reviewed.add_review(aid, "V1", "type", "reject", None, "alice")
    assert (event["type"], event["cameo"], event["acled_event_type"], event["acled_sub_type"]) == (
        None, None, None, None)


def test_confirm_and_reject_whole_events(reviewed, hostile_result):
    aid = hostile_result.article.id
    assert reviewed.add_review(aid, "V1", None, "confirm", None, "alice")["review_status"] == "confirmed"
    assert reviewed.add_review(aid, "V3", "modality", "confirm", None, "alice")["review_status"] == "confirmed"
    assert reviewed.add_review(aid, "V3", None, "reject", None, "alice")["review_status"] == "rejected"
    rows, total = reviewed.query_events(limit=None)
    assert ([r["id"] for r in rows], total) == (["V2", "V1"], 2)  # V2: the inferred publication month
    rows, _ = reviewed.query_events(limit=None, include_rejected=True, sort="type")
    assert [(r["id"], r["review_status"]) for r in rows] == [("V3", "rejected"), ("V1", "confirmed"),
                                                             ("V2", "unreviewed")]
    assert [r["id"] for r in reviewed.query_events(limit=None, reviewed="only")[0]] == ["V1"]
    log, _ = reviewed.list_reviews()
    assert [(r["field"], r["action"], r["old_value"], r["new_value"]) for r in log] == [
        (None, "reject", "confirmed", "reject"), ("modality", "confirm", "denied", "denied"),
        (None, "confirm", "unreviewed", "confirm")]


def test_the_incident_stage_reads_no_rejected_event(reviewed, hostile_result):
    aid = hostile_result.article.id
    reviewed.add_review(aid, "V3", None, "reject", None, "alice")
    reviewed.add_review(aid, "V2", None, "confirm", None, "alice")
    (kept,) = list(reviewed.iter_results(without_rejected=True))
    assert [e.id for e in kept.events] == ["V1", "V2"]
    (everything,) = list(reviewed.iter_results())
    assert [e.id for e in everything.events] == ["V1", "V2", "V3"]


def test_the_incident_stage_reads_the_reviewers_values(reviewed, hostile_result):
    aid = hostile_result.article.id
    reviewed.add_review(aid, "V3", "type", "correct", "ASSAULT", "alice")
    reviewed.add_review(aid, "V3", "agent_text", "correct", "Police", "alice")
    reviewed.add_review(aid, "V2", "count_best", "correct", "250", "alice")
    reviewed.add_review(aid, "V1", "time_value", "reject", None, "bob")
    reviewed.add_review(aid, "V1", "modality", "confirm", None, "bob")  # the extracted value stands
    (kept,) = list(reviewed.iter_results(without_rejected=True))
    assert [(e.id, e.type, e.modality, e.agent, e.agent_text, e.count, e.count_best, e.time, e.time_value)
            for e in kept.events] == [
        ("V1", "PROTEST", "occurred", None, "Protesters", None, None, None, None),
        ("V2", "PROTEST", "claimed", None, "About 200 people", None, 250.0, None, None),
        ("V3", "ASSAULT", "denied", None, "Police", None, None, None, None)]
    (extracted,) = list(reviewed.iter_results())
    assert (extracted.events[2].type, extracted.events[2].agent, extracted.events[1].count) == ("COERCE", "E2", "C1")


def test_decisions_survive_reprocessing(reviewed, hostile_result):
    aid = hostile_result.article.id
    reviewed.add_review(aid, "V2", "count_best", "correct", "250", "alice")
    reviewed.add_review(aid, "V1", None, "reject", None, "alice")
    reviewed.save(hostile_result, "test-2")  # the same result again
    assert reviewed.get_event(aid, "V2")["count_best"] == 250.0
    # a new pipeline version numbers the events differently: decisions follow the trigger, not the id
    renumbered = replace(hostile_result, events=[replace(e, id={"V1": "V9", "V2": "V7", "V3": "V8"}[e.id])
                                                 for e in hostile_result.events])
    reviewed.save(renumbered, "test-3")
    assert reviewed.get_event(aid, "V7")["count_best"] == 250.0
    assert reviewed.get_event(aid, "V9")["review_status"] == "rejected"
    assert reviewed.list_reviews()[1] == 2  # the audit log is untouched
    # an event that is gone takes its decisions with it from the ledger, not from the log
    reviewed.save(replace(hostile_result, events=hostile_result.events[2:]), "test-4")
    assert [r["id"] for r in reviewed.query_events(limit=None, include_rejected=True)[0]] == ["V3"]
    assert reviewed.list_reviews()[1] == 2


def test_decisions_survive_reopening(tmp_path, hostile_result):
    path = tmp_path / "ledger.db"
    with Store(path) as store:
        store.save(hostile_result, VERSION)
        store.add_review(hostile_result.article.id, "V1", "place_text", "correct", "Exampleton harbour", "alice")
    with Store(path) as store:
        event = store.get_event(hostile_result.article.id, "V1")
        assert (event["place_text"], event["decisions"][0]["reviewer"]) == ("Exampleton harbour", "alice")


def test_corrected_values_are_filtered_and_sorted_on(reviewed, hostile_result):
    aid = hostile_result.article.id
    reviewed.add_review(aid, "V3", "type", "correct", "PROTEST", "alice")
    reviewed.add_review(aid, "V1", "time_value", "correct", "2019-05-04", "alice")
    rows, _ = reviewed.query_events(limit=None, types=["PROTEST"])
    assert sorted(r["id"] for r in rows) == ["V1", "V2", "V3"]
    rows, _ = reviewed.query_events(limit=None, since="2019-01-01", until="2019-12-31")
    assert [(r["id"], r["date"], r["date_source"]) for r in rows] == [("V1", "2019-05-04", "event time")]


def test_unknown_event(reviewed):
    with pytest.raises(EventNotFound):
        reviewed.add_review("0" * 16, "V1", None, "confirm", None, "alice")


def test_reviewers_and_sessions(fresh_store):
    fresh_store.add_reviewer("alice", hash_secret("t1"))
    assert fresh_store.reviewer_by_token(hash_secret("t1")) == "alice"
    fresh_store.add_reviewer("alice", hash_secret("t2"))  # a new token replaces the old one
    assert fresh_store.reviewer_by_token(hash_secret("t1")) is None
    assert fresh_store.list_reviewers() == ["alice"]
    fresh_store.start_session("alice", hash_secret("s1"))
    assert fresh_store.session_reviewer(hash_secret("s1")) == "alice"
    assert fresh_store.session_reviewer(hash_secret("s2")) is None
    fresh_store.end_session(hash_secret("s1"))
    assert fresh_store.session_reviewer(hash_secret("s1")) is None
    fresh_store.start_session("alice", hash_secret("old"), hours=-1)  # already expired
    assert fresh_store.session_reviewer(hash_secret("old")) is None
    # only hashes are stored
    stored = [tuple(r) for r in fresh_store.conn.execute("SELECT token_hash FROM reviewers")]
    assert stored == [(hash_secret("t2"),)]


def test_incident_tables_are_empty_until_filled(fresh_store):
    assert fresh_store.list_incidents() == ([], 0)
    assert fresh_store.incidents_of_event("x", "V1") == []
