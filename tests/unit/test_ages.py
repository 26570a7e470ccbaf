"""Ages told as a decade of life: real spaCy parses of hand-written sentences."""

from __future__ import annotations

from dossier import nlp
from dossier.claims.align import fact_discrepancies
from dossier.claims.facts import extract_facts


def ages_of(text):
    doc = next(iter(nlp.parse([text], count=1)))
    return [f for f in extract_facts(doc) if f["kind"] == "quantity" and f["unit"] == "age"]


def test_a_decade_of_a_named_person():
    (age,) = ages_of("Police said the driver, Tom Reyes, was in his 30s.")
    assert age["head"] == "reyes" and (age["value"]["min"], age["value"]["max"]) == (30, 39)
    (late,) = ages_of("Tom Reyes, who is in his late 60s, spoke to reporters.")
    assert (late["value"]["min"], late["value"]["max"]) == (66, 69)


def test_a_role_the_article_gives_one_named_person():
    (age,) = ages_of(
        "Officers identified the suspect as Dario Velen of Tucson. "
        "A police source said the suspect is a white male in his 50s."
    )
    assert age["head"] == "velen" and age["value"]["min"] == 50
    # a role given to nobody, or a group's decade, says nothing about one person
    assert ages_of("The gunman, a man in his early 40s, was arrested.") == []
    assert ages_of("Most voters in their 20s stayed home on Tuesday.") == []


def test_a_decade_against_an_age_is_a_variation_and_agrees_with_itself():
    named = "Dario Velen, 56, of Tucson was arrested on Friday."
    role = (
        "Officers identified the suspect as Dario Velen. "
        "A police source said the suspect is a white male in his 50s."
    )
    (found,) = fact_discrepancies({"a.txt": ages_of(named), "b.txt": ages_of(role)})
    assert found["kind"] == "number" and found["severity"] == "variation"
    assert "in his 50s" in found["summary"] and "56" in found["summary"]
    assert fact_discrepancies({"a.txt": ages_of(role), "b.txt": ages_of(role)}) == []


def test_an_age_after_a_role_the_article_gives_one_named_person():
    (age,) = ages_of(
        "Police identified the gunman as Dario Velen. The gunman, 44, was shot by officers."
    )
    assert age["head"] == "velen" and age["value"]["number"] == 44
    assert ages_of("The gunman, 44, was shot by officers.") == []  # nobody named
