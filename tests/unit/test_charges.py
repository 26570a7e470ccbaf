"""What someone pleaded guilty to: real spaCy parses of hand-written sentences."""

from __future__ import annotations

from dossier import nlp
from dossier.claims.align import fact_discrepancies
from dossier.claims.facts import extract_facts


def pleas_of(text):
    doc = next(iter(nlp.parse([text], count=1)))
    return [f for f in extract_facts(doc) if f["kind"] == "plea"]


def test_the_charge_words_without_generic_ones():
    (fact,) = pleas_of("Marta Okonkwo pleaded guilty on Tuesday to one felony bribery count.")
    assert fact["subject"] == "okonkwo" and fact["words"] == ["bribery"]
    (nominal,) = pleas_of("Okonkwo's guilty plea was to a perjury charge.")
    assert nominal["subject"] == "okonkwo" and nominal["words"] == ["perjury"]


def test_a_pronoun_is_the_person_of_the_previous_plea():
    facts = pleas_of(
        "Marta Okonkwo pleaded guilty in a county court on Tuesday. She pleaded guilty to extortion before the judge."
    )
    assert [(f["subject"], f["words"]) for f in facts] == [("okonkwo", ["extortion"])]


def test_a_charge_told_as_a_clause_names_no_offence():
    assert (
        pleas_of("Marta Okonkwo pleaded guilty to charges that she took $9,000 from the port fund.")
        == []
    )


def test_charges_with_no_word_in_common_are_reported_and_shared_ones_not():
    apart = {
        "a.txt": pleas_of("Marta Okonkwo pleaded guilty to bribery."),
        "b.txt": pleas_of("Okonkwo's guilty plea was to a perjury charge."),
    }
    (found,) = [d for d in fact_discrepancies(apart) if d["topic"].startswith("What did")]
    assert found["kind"] == "charge"
    assert (
        found["severity"] == "variation"
        and "bribery" in found["summary"]
        and "perjury" in found["summary"]
    )
    same = {
        "a.txt": pleas_of("Marta Okonkwo pleaded guilty to bribery."),
        "b.txt": pleas_of("Okonkwo pleaded guilty to one felony bribery count."),
    }
    assert not [d for d in fact_discrepancies(same) if d["topic"].startswith("What did")]


def test_two_people_are_not_compared():
    claims = {
        "a.txt": pleas_of("Marta Okonkwo pleaded guilty to bribery."),
        "b.txt": pleas_of("Piet Lindqvist pleaded guilty to perjury."),
    }
    assert not [d for d in fact_discrepancies(claims) if d["topic"].startswith("What did")]
