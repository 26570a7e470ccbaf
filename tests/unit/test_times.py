"""Time facts (real spaCy parses of hand-written sentences) and 'when' discrepancies."""

from __future__ import annotations

from dossier import nlp
from dossier.claims.align import fact_discrepancies
from dossier.claims.facts import extract_facts
from dossier.claims.times import parse_time, stem, time_relation


def times_of(text):
    doc = next(iter(nlp.parse([text], count=1)))
    return [f for f in extract_facts(doc) if f["kind"] == "time"]


def dossier_of(**articles):
    """{path: its time facts} from hand-written article texts."""
    return {f"{name}.txt": times_of(text) for name, text in articles.items()}


def when_topics(claims):
    return [d for d in fact_discrepancies(claims) if d["kind"] in ("date", "denial")]


def test_parse_time_points_and_not_spans():
    assert parse_time("on Thursday") == {"type": "weekday", "weekday": 3}
    assert parse_time("last Thursday") == {"type": "weekday", "weekday": 3}
    assert parse_time("Sept. 14, 2016") == {"type": "month", "month": 9, "day": 14, "year": 2016}
    assert parse_time("in 2011") == {"type": "year", "year": 2011}
    assert parse_time("three weeks") is None
    assert parse_time("the weekend") is None


def test_time_relations():
    thursday, friday = parse_time("Thursday"), parse_time("Friday")
    assert time_relation(thursday, parse_time("Thursday morning")) == "agree"
    assert time_relation(thursday, friday) is None  # two steps of a story as often as a discrepancy
    assert time_relation(friday, parse_time("in October")) == "variation"
    assert time_relation(parse_time("2011"), parse_time("2013")) == "conflict"
    assert time_relation(parse_time("October 2013"), parse_time("2013")) == "agree"
    assert time_relation(friday, parse_time("2013")) is None  # needs the articles' dates


def test_event_nouns_are_stemmed_to_their_verb():
    assert (
        stem("resignation") == "resign" and stem("repayment") == "repay" and stem("vote") == "vote"
    )


def test_a_date_naming_a_thing_is_not_when_the_event_was():
    assert times_of("Mr. Okafor chaired the 2004 festival.") == []
    (fact,) = times_of("Mr. Okafor chaired the festival in 2004.")
    assert fact["value"] == {"type": "year", "year": 2004} and "chair" in fact["events"]


def test_a_date_in_a_clause_on_a_noun_takes_that_clause_event():
    (fact,) = [
        f
        for f in times_of(
            "In a letter in March announcing her retirement, Ms. Lindqvist thanked the staff."
        )
        if f["value_text"] == "March"
    ]
    assert {"announce", "retire"} <= set(fact["events"]) or {"announce", "retirement"} <= set(
        fact["events"]
    )


def test_the_same_event_on_a_weekday_and_in_a_month_is_reported():
    found = when_topics(
        dossier_of(
            a="Mayor Ingrid Halvorsen resigned from the harbour board on Tuesday, citing her health.",
            b="Mayor Ingrid Halvorsen resigned from the harbour board in October after a long dispute.",
        )
    )
    assert len(found) == 1
    assert found[0]["kind"] == "date" and found[0]["severity"] == "variation"
    assert "Tuesday" in found[0]["summary"] and "October" in found[0]["summary"]


def test_years_that_differ_are_a_conflict_and_agreeing_times_nothing():
    found = when_topics(
        dossier_of(
            a="Ms. Lindqvist founded the Corvale rowing club in 2011 with two friends.",
            b="Ms. Lindqvist founded the Corvale rowing club in 2013 with two friends.",
        )
    )
    assert [d["severity"] for d in found] == ["conflict"]
    assert (
        when_topics(
            dossier_of(
                a="Ms. Lindqvist founded the Corvale rowing club in 2011 with two friends.",
                b="Ms. Lindqvist founded the Corvale rowing club in March 2011.",
            )
        )
        == []
    )


def test_other_events_of_one_person_are_not_compared():
    assert (
        when_topics(
            dossier_of(
                a="Mr. Okafor testified before the council on Monday.",
                b="Mr. Okafor was born in Lagos in 1961 and moved to Leeds in 1990.",
            )
        )
        == []
    )


def test_a_modal_denial_of_an_occasion_at_a_time():
    found = when_topics(
        dossier_of(
            a="The regatta could take place on Sunday as planned if the wind drops, the club said.",
            b="Organisers said the regatta would not be held this Sunday as planned.",
        )
    )
    assert [d["kind"] for d in found] == ["denial"]
    assert {c["polarity"] for c in found[0]["claims"]} == {"affirms", "denies"}


def test_an_occasion_affirmed_by_both_is_no_denial():
    assert (
        when_topics(
            dossier_of(
                a="The regatta will take place on Sunday as planned.",
                b="The regatta will be held on Sunday as planned.",
            )
        )
        == []
    )


def test_the_ends_of_a_span_are_not_when_an_event_was():
    assert times_of("Ms. Lindqvist ran the Corvale rowing club from 2011 until 2015.") == []
    assert times_of("Ms. Lindqvist coached the team from March through June.") == []


def test_a_saying_dated_apart_from_what_it_reports_does_not_take_its_event():
    facts = times_of("Her lawyer said Monday that Ms. Lindqvist was dismissed on Friday.")
    monday = [f for f in facts if f["value"] == {"type": "weekday", "weekday": 0}]
    friday = [f for f in facts if f["value"] == {"type": "weekday", "weekday": 4}]
    assert not monday and "dismiss" in friday[0]["events"]
    (own,) = times_of("Ms. Lindqvist is retiring from the club, she announced Friday.")
    assert "retire" in own["events"]


def test_sentences_with_other_figures_are_other_events():
    assert (
        when_topics(
            dossier_of(
                a="Ms. Lindqvist earned $41,000 from the Corvale rowing club in 2011.",
                b="Ms. Lindqvist earned $58,500 from the Corvale rowing club in 2013.",
            )
        )
        == []
    )


def test_the_second_end_of_a_span_with_and_is_no_time_either():
    assert times_of("Ms. Lindqvist coached the club between March 2016 and July 2017.") == []


def test_the_named_subject_of_the_event_counts_when_the_model_misses_the_person():
    found = when_topics(
        dossier_of(
            a="Okonkwo has chaired the Corvale harbour board since 2009.",
            b="Okonkwo has chaired the Corvale harbour board since 2012, her critics noted.",
        )
    )
    assert [d["severity"] for d in found] == ["conflict"]
    assert found[0]["topic"] == "When did Okonkwo chair?"


def test_two_weekdays_count_only_for_one_named_actor_doing_one_thing():
    same = when_topics(
        dossier_of(
            a="Mayor Ingrid Halvorsen resigned from the harbour board on Tuesday, citing her health.",
            b="Mayor Ingrid Halvorsen resigned from the harbour board on Thursday, citing her health.",
        )
    )
    assert [d["severity"] for d in same] == ["variation"]
    apart = when_topics(
        dossier_of(
            a="Mayor Ingrid Halvorsen spoke about the harbour board on Tuesday, citing her health.",
            b="Her deputy said Mayor Ingrid Halvorsen would leave the harbour board on Thursday, citing her health.",
        )
    )
    assert apart == []


def test_one_named_actor_doing_and_not_doing_one_thing_at_one_time_is_a_denial():
    found = when_topics(
        dossier_of(
            a="Halvorsen will attend the harbour board meeting on Monday, her office said.",
            b="Halvorsen will not attend the harbour board meeting on Monday.",
        )
    )
    assert [d["kind"] for d in found] == ["denial"] and found[0][
        "topic"
    ] == "Does Halvorsen attend on Monday?"
    other_day = when_topics(
        dossier_of(
            a="Halvorsen will attend the harbour board meeting on Monday, her office said.",
            b="Halvorsen will not attend the harbour board meeting on Friday.",
        )
    )
    assert other_day == []
