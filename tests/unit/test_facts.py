"""Typed facts read from real parses (the real spaCy model) of hand-written sentences."""

from __future__ import annotations

import pytest

from dossier import nlp
from dossier.claims.facts import extract_facts


def facts_of(text, kind=None):
    doc = next(iter(nlp.parse([text], count=1)))
    return [f for f in extract_facts(doc) if kind is None or f["kind"] == kind]


def test_amounts_carry_unit_hedge_and_described_noun():
    found = {
        f["value_text"]: f
        for f in facts_of(
            "The 36-page report says just over $90,000 was spent on up to 1,200 laptops.",
            "quantity",
        )
    }
    assert found["36-page"]["unit"] == "page" and found["36-page"]["head"] == "report"
    money = next(f for f in found.values() if f["unit"] == "$")
    assert money["value"]["hedge"] == "at_least" and money["value"]["number"] == 90_000
    laptops = next(f for f in found.values() if f["unit"] == "laptop")
    assert laptops["value"]["hedge"] == "at_most"


def test_durations_in_days():
    (fact,) = facts_of("Officials ended a three-month review of the port.", "quantity")
    assert fact["unit"] == "duration" and fact["head"] == "review" and fact["value"]["number"] == 90


def test_list_items_keep_their_own_words():
    facts = facts_of(
        "The fund paid $310 for a kayak, $95 for garden gnomes and $42 for a lamp.", "quantity"
    )
    context = {f["value_text"]: set(f["context"]) for f in facts}
    assert "gnome" in context["$95"] and "kayak" not in context["$95"]
    assert "lamp" in context["$42"] and "gnome" not in context["$42"]


def test_ages_belong_to_a_named_person_only():
    facts = facts_of("The 63-year-old Halvorsen met a 12-year-old boy.", "quantity")
    assert [(f["unit"], f["head"], f["value"]["number"]) for f in facts] == [
        ("age", "halvorsen", 63)
    ]


def test_ages_set_off_by_commas():
    facts = facts_of("Ines Halvorsen, 63, met the board on Friday, 12 members in all.", "quantity")
    ages = [f for f in facts if f["unit"] == "age"]
    assert [(f["head"], f["value"]["number"]) for f in ages] == [("halvorsen", 63)]


def test_quote_speaker_is_outside_the_quote():
    (fact,) = facts_of(
        '"She says she will fix the roads by June," Mayor Linda Osei told reporters.', "quote"
    )
    assert fact["attribution"] == "Mayor Linda Osei"
    assert fact["words"][:3] == ["she", "say", "she"]  # verbs by lemma


@pytest.mark.parametrize(
    "text, name",
    [
        ("Her husband, Tom, stayed home.", "Tom"),
        ("The mayor thanked Tom Okafor, her husband, for his patience.", "Tom Okafor"),
    ],
)
def test_role_holders(text, name):
    (fact,) = facts_of(text, "role")
    assert fact["unit"] == "husband" and fact["value"]["name"] == name and fact["owner"] is None


def test_a_stray_quote_mark_does_not_make_narration_a_quote():
    facts = facts_of(
        'The 5" screen was sold out. The manager said "we will restock the shelves soon" on Monday.',
        "quote",
    )
    assert [f["value"]["quote"] for f in facts] == ["we will restock the shelves soon"]


def test_quote_words_read_ampersand_as_and():
    (fact,) = facts_of('The mayor wrote: "Some good & some bad came of the vote."', "quote")
    assert fact["words"][:4] == ["some", "good", "and", "some"]


def test_the_speaker_is_the_name_of_the_subject_not_a_name_inside_it():
    (fact,) = facts_of(
        'A lawyer for Mr. Dunmore, Jo Keller, said the firm "will appeal the ruling next week."',
        "quote",
    )
    doc_text = (
        'A lawyer for Mr. Dunmore, Jo Keller, said the firm "will appeal the ruling next week."'
    )
    assert doc_text[fact["speaker_span"][0] : fact["speaker_span"][1]] == "Jo Keller"


def test_the_speaker_is_in_the_quotes_paragraph():
    text = 'A spokesman for the mayor said the city would respond.\n\n"The budget will be balanced by the autumn," Ines Halvorsen said.'
    facts = facts_of(text, "quote")
    assert [f["attribution"] for f in facts] == ["Ines Halvorsen"]


def test_which_event_came_first():
    (caused,) = facts_of(
        "The council closed the bridge, a move that sparked angry protests.", "sequence"
    )
    assert caused["value"] == {"before": "close", "after": "protest"}
    (after,) = facts_of("The council closed the bridge after angry protests.", "sequence")
    assert after["value"] == {"before": "protest", "after": "close"}


def test_a_part_is_not_the_count_of_the_whole():
    facts = facts_of("Twelve of the 40 passengers were rescued.", "quantity")
    assert [(f["unit"], f["value"]["number"]) for f in facts] == [("passenger", 40)]


def test_a_bracket_inside_a_word_keeps_the_quotation_whole():
    (fact,) = facts_of(
        'The letter said: "[W]e will not vote on any bill until the budget passes."', "quote"
    )
    assert fact["words"][:4] == ["we", "will", "not", "vote"]


def test_an_editors_insertion_is_marked_in_the_words():
    (fact,) = facts_of('She said: "He should pay [for] the new fence himself."', "quote")
    assert fact["words"][:5] == ["he", "should", "pay", "[for", "the"]


def test_a_curly_contraction_reads_like_a_straight_one():
    (curly,) = facts_of('She said: "And it’s going to be a long, cold winter."', "quote")
    (straight,) = facts_of('She said: "And it\'s going to be a long, cold winter."', "quote")
    assert curly["words"] == straight["words"] and curly["words"][2] == "be"
