"""Where someone is from: real spaCy parses of hand-written sentences."""

from __future__ import annotations

from dossier import nlp
from dossier.claims.align import fact_discrepancies
from dossier.claims.facts import extract_facts
from dossier.claims.residence import place_parts, place_relation


def homes_of(text):
    doc = next(iter(nlp.parse([text], count=1)))
    return [f for f in extract_facts(doc) if f["kind"] == "residence"]


def test_name_age_and_place_are_read():
    (home,) = homes_of("The driver, Maria Lopez, 34, of Springfield, Ill., was not hurt.")
    assert home["head"] == "lopez" and home["value"]["place"] == "Springfield, Ill."
    (plain,) = homes_of("Police named the driver as Maria Lopez of Tucson on Monday.")
    assert plain["head"] == "lopez" and plain["value"]["place"] == "Tucson"
    (uk,) = homes_of("The court heard that Maria Lopez, 34, from Leeds, had no licence.")
    assert uk["head"] == "lopez" and uk["value"]["place"] == "Leeds"
    assert homes_of("Maria Lopez flew in from Tucson on Monday.") == []  # 'from' needs the age


def test_an_officials_place_is_the_one_represented():
    assert homes_of("Sen. Rob Dalton of Ohio said the bill was dead.") == []
    assert homes_of("Representative Ann Voss of Texas voted against it.") == []
    assert homes_of("He has worked for the Bank of America in Charlotte since May.") == []


def test_place_relation():
    assert (
        place_relation(place_parts("Springfield, Ill."), place_parts("Springfield, Illinois"))
        == "agree"
    )
    assert place_relation(place_parts("Springfield"), place_parts("Springfield, Ill.")) == "agree"
    assert (
        place_relation(place_parts("Springfield, Ill."), place_parts("central Illinois"))
        == "variation"
    )


def test_one_person_placed_apart_by_two_sources():
    claims = {
        "a.txt": homes_of("The driver, Maria Lopez, 34, of Springfield, Ill., was not hurt."),
        "b.txt": homes_of("Maria Lopez, 34, of Chicago was driving the van."),
        "c.txt": homes_of("The van was driven by Maria Lopez of Springfield, Illinois."),
    }
    (found,) = fact_discrepancies(claims)
    assert found["kind"] == "place" and found["severity"] == "variation"
    assert {c["path"] for c in found["claims"]} == {"a.txt", "b.txt", "c.txt"}
    assert "Springfield, Ill." in found["summary"] and "Chicago" in found["summary"]
    del claims["b.txt"]
    assert fact_discrepancies(claims) == []  # one town, spelt two ways
