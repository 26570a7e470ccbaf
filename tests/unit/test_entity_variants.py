"""One entity per real-world name on the ways news really writes names (issue 12).

Hand-written articles about an invented story, parsed by the real spaCy model; and mention
lists written by hand where only the dossier-level merge is under test.
"""

from __future__ import annotations

import pytest

from dossier.entities.gazetteer import fold
from dossier.entities.resolve import decide_kinds, resolve
from dossier.entities.variants import canonical, person_form, same_given, variant_groups
from tests.mentions import mention as _m

ARTICLES = {
    "a.txt": (
        "The Federal Aviation Administration opened an inquiry on Monday, said Robert T. "
        "Kellerman Jr., a lawyer for the airline. Kellerman said the crew was safe. "
        "Rep. Laura Pemberton (D-Ore.) asked for answers."
    ),
    "b.txt": (
        "The F.A.A. said the plane was airworthy. Bob Kellerman, who represents the carrier, "
        "disagreed. Pemberton wrote on Instagram that she was worried. His father, civil rights "
        "leader Robert Kellerman, spoke at the hearing."
    ),
    "c.txt": (
        "An FAA spokesman declined to comment. Ms. Pemberton bought a television at Corner Mart "
        "in Oregon. The company was called Blue Heron, L.L.C., and Blue Heron paid its staff. "
        "Parliament's Budget Office agreed. Mr. Dale Ortiz, a pilot, said Secretary of State "
        "Ann Lee called."
    ),
}


@pytest.fixture(scope="module")
def story():
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    docs = nlp.parse(list(ARTICLES.values()))
    mentions = {path: extract_mentions(doc) for path, doc in zip(ARTICLES, docs)}
    return mentions, resolve(mentions)


def one(entities, name):
    found = [e for e in entities if fold(name) in {fold(e["name"]), *map(fold, e["aliases"])}]
    assert len(found) == 1, f"{name}: {[(e['name'], e['kind']) for e in found]}"
    return found[0]


def test_acronym_dotted_and_expanded_forms_are_one_organisation(story):
    faa = one(story[1], "FAA")
    assert faa["kind"] == "organisation"
    assert {"F.A.A.", "FAA", "Federal Aviation Administration"} <= {faa["name"], *faa["aliases"]}
    assert len(faa["paths"]) == 3


def test_state_abbreviation_after_a_party_letter_is_the_state(story):
    oregon = one(story[1], "Oregon")
    assert oregon["kind"] == "place" and oregon["name"] == "Oregon" and "Ore." in oregon["aliases"]
    assert oregon["paths"] == ["a.txt", "c.txt"]


def test_middle_initial_suffix_and_nickname_join_but_the_father_stays_apart(story):
    son = one(story[1], "Robert T. Kellerman Jr.")
    assert "Bob Kellerman" in son["aliases"]
    father = one(story[1], "Robert Kellerman")
    assert father is not son and father["paths"] == ["b.txt"]


def test_the_father_keeps_his_own_spellings():
    mentions = {
        "a": [_m("Ned Vance Jr.", "person"), _m("Ned Vance", "person", start=30, kin="father")],
        "b": [_m("Ned Q. Vance", "person", kin="father"), _m("Ned Vance Jr.", "person", start=40)],
    }
    entities = resolve(mentions)
    father = one(entities, "Ned Q. Vance")
    assert "Ned Vance" in {father["name"], *father["aliases"]}
    assert one(entities, "Ned Vance Jr.") is not father


def test_surname_read_as_an_organisation_is_the_person_named_in_full(story):
    pemberton = one(story[1], "Pemberton")
    assert pemberton["kind"] == "person" and pemberton["name"] == "Laura Pemberton"
    assert len(pemberton["paths"]) == 3


def test_platforms_shops_and_companies_are_organisations(story):
    for name in ("Instagram", "Corner Mart", "Blue Heron"):
        assert one(story[1], name)["kind"] == "organisation", name
    names = {fold(n) for e in story[1] for n in (e["name"], *e["aliases"])}
    assert "l.l.c." not in names


def test_possessive_splits_owner_and_owned(story):
    assert one(story[1], "Budget Office")["kind"] == "organisation"
    assert "parliament's budget office" not in {fold(e["name"]) for e in story[1]}


def test_descriptions_keep_whole_titles_and_drop_honorifics(story):
    assert "Secretary of State" in one(story[1], "Ann Lee")["descriptions"]
    ortiz = one(story[1], "Dale Ortiz")
    assert "pilot" in ortiz["descriptions"]
    assert not any(d.startswith("Mr") for e in story[1] for d in e["descriptions"])
    assert "State" not in {e["name"] for e in story[1]}


def test_another_persons_name_is_not_a_description():
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    doc = next(
        nlp.parse(["The adviser, Tom Reyes, met Carla Diaz, the sister of Paul Diaz, on Monday."])
    )
    carla = next(m for m in extract_mentions(doc) if m["name"] == "Carla Diaz")
    assert not any("Paul" in d for d in carla["descriptions"])


def test_a_titled_name_that_is_also_a_town_is_a_person():
    mentions = {
        "a": [
            _m("Lagos", "place", gazetteer="city", titles=["President"]),
            _m("Lagos", "place", gazetteer="city", start=30),
        ],
        "b": [_m("Lagos", "person", gazetteer="city", titles=["Mr."])],
    }
    assert decide_kinds(mentions)["lagos"] == "person"


def test_one_word_person_with_no_support_is_not_a_person():
    mentions = {
        "a": [_m("Zentrix", "person"), _m("Zentrix", "person", start=40)],
        "b": [_m("Zentrix", "organisation")],
    }
    assert decide_kinds(mentions)["zentrix"] == "organisation"
    assert decide_kinds({"a": [_m("Quorvane", "person")]})["quorvane"] is None


def test_family_plural_and_given_name_alone_are_the_person():
    mentions = {
        "a": [_m("Clara Pemberton", "person"), _m("Pembertons", "organisation", start=30)],
        "b": [_m("Clara", "person", kin="wife")],
    }
    entities = resolve(mentions)
    assert one(entities, "Pembertons")["kind"] == "person"
    clara = one(entities, "Clara")
    assert clara["name"] == "Clara Pemberton" and clara["paths"] == ["a", "b"]


def test_a_deity_is_not_a_place():
    assert decide_kinds({"a": [_m("God", "place", gazetteer="city")]})["god"] is None


def test_legal_name_joins_the_short_name_even_beside_other_extensions():
    mentions = {
        "a": [
            _m(n, "organisation", source="ORG", start=i * 20)
            for i, n in enumerate(["Norvala", "Norvala Foods Inc.", "Norvala Way"])
        ]
    }
    norvala = one(resolve(mentions), "Norvala")
    names = {norvala["name"], *norvala["aliases"]}
    assert "Norvala Foods Inc." in names and "Norvala Way" not in names


@pytest.mark.parametrize("form", ["AG", "GmbH", "N.V.", "S.A.", "Limited", "Incorporated"])
def test_a_company_is_one_name_with_or_without_its_legal_form(form):
    # One list of legal forms serves the extractor and the resolver: every form it names
    # is dropped when names are compared.
    assert canonical(fold(f"Vellmar Freight {form}")) == canonical("vellmar freight")


def test_name_part_helpers():
    assert canonical("the transport department") == "department of transport"
    assert canonical("u.k.") == "united kingdom" and canonical("ore.") == "oregon"
    assert person_form("ann b. lee jr.") == (("ann",), "lee", "jr", "b")
    assert (
        same_given("bob", "robert")
        and same_given("rudolph", "rudy")
        and not same_given("anne", "robert")
    )
    groups = variant_groups({"nrc": True, "national research council": False, "nrg": True})
    assert groups["nrc"] == "national research council" and groups["nrg"] == "nrg"
    # Two longer names with the same initials: the acronym stays on its own.
    both = variant_groups(
        {"nrc": True, "national research council": False, "nuclear regulatory commission": False}
    )
    assert both["nrc"] == "nrc"


def test_an_outlets_name_that_is_a_named_persons_surname_is_the_person():
    mentions = {
        "a": [_m("Liam Forbes", "person"), _m("Forbes", "organisation", start=30, titles=["Mr."])]
    }
    assert one(resolve(mentions), "Forbes")["name"] == "Liam Forbes"
    assert decide_kinds({"a": [_m("Forbes", "person")]})["forbes"] == "organisation"


def test_a_relative_called_by_first_name_is_a_person_even_when_a_town_has_it():
    mentions = {
        "a": [
            _m("Orla", "place", gazetteer="city", kin="daughter"),
            _m("Orla", "place", gazetteer="city", start=40),
        ]
    }
    assert decide_kinds(mentions)["orla"] == "person"


def test_places_are_shown_by_full_name_never_as_a_dateline():
    mentions = {
        "a": [
            _m("Nev.", "place", source="gazetteer"),
            _m("LISBON", "place", gazetteer="city", start=20),
        ]
    }
    names = {e["name"] for e in resolve(mentions)}
    assert names == {"Nevada", "Lisbon"}


def test_members_word_counts_for_the_party_the_dossier_names():
    mentions = {
        "a": [_m("Labour Party", "organisation", source="ORG")],
        "b": [
            _m("Labour", "group", source="NORP"),
            _m("Liberals", "group", source="NORP", start=30),
        ],
    }
    entities = resolve(mentions)
    party = one(entities, "Labour Party")
    assert party["paths"] == ["a", "b"] and party["kind"] == "organisation"
    assert not [e for e in entities if e["name"] == "Liberals"]


def test_group_words_are_extracted_but_never_entities_alone():
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    doc = next(
        nlp.parse(["Labour members voted against the plan, and Conservative members agreed."])
    )
    mentions = extract_mentions(doc)
    assert any(m["source"] == "NORP" and m["gazetteer"] is None for m in mentions)
    assert "Conservative" not in {e["name"] for e in resolve({"a": mentions})}


def test_headline_phrases_and_shouted_words_are_not_entities():
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    text = (
        "Storm Is Coming To Harbor Town As Mayor Files Multi-Million Lawsuit\n\nWOW!\n\n"
        "The mayor, Jane Ortiz, spoke in Portland on Monday. Ortiz said the storm was close."
    )
    mentions = extract_mentions(next(nlp.parse([text])))
    assert any(m["headline"] for m in mentions)
    names = {e["name"] for e in resolve({"a": mentions})}
    assert names == {"Jane Ortiz", "Portland"}


def test_a_name_in_a_headline_stays_when_the_body_names_it_too():
    mentions = {
        "a": [
            _m("Dana Whitlock", "person") | {"headline": True},
            _m("Dana Whitlock", "person", start=80),
        ]
    }
    assert one(resolve(mentions), "Dana Whitlock")["mentions"] == 2
    assert resolve({"a": [_m("Dana Whitlock", "person") | {"headline": True}]}) == []


def test_person_names_end_at_line_breaks_numbers_and_lowercase_words():
    from dossier import nlp
    from dossier.entities.mentions import _runs

    doc = next(nlp.parse(["Ann Lee st Kim Ross 12\nTom Hart van Dyke"]))
    runs = {doc[a:b].text for a, b in _runs(doc, 0, len(doc), split_and=True, person=True)}
    assert {"Ann Lee", "Kim Ross", "Tom Hart van Dyke"} <= runs
    assert not any("\n" in r or "12" in r for r in runs)


def test_a_role_before_a_name_is_a_description_not_part_of_it():
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    doc = next(nlp.parse(["Midfielder Tomas Varga scored twice on Sunday."]))
    names = {m["name"] for m in extract_mentions(doc)}
    assert "Tomas Varga" in names and not any(n.startswith("Midfielder") for n in names)


def test_a_name_wrapped_over_two_lines_stays_one_name_and_datelines_are_places():
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    text = (
        "LISBON 2024-05-01\nOfficials of the National Fishery\nCouncil met on Monday in the port."
    )
    mentions = extract_mentions(next(nlp.parse([text])))
    names = {m["name"] for m in mentions}
    assert "National Fishery Council" in names
    assert decide_kinds({"a": mentions})["lisbon"] == "place"


def test_regions_of_a_country_stay_places_of_their_own():
    assert canonical("scotland") == "scotland" and canonical("britain") == "united kingdom"


def test_a_person_in_a_possessive_after_in_is_still_a_person():
    mentions = {
        "a": [
            _m("Edwin Marsh", "person", before="in") | {"possessive": True},
            _m("Edwin Marsh", "person", start=50, before="that"),
        ]
    }
    assert decide_kinds(mentions)["edwin marsh"] == "person"
    shop = {
        "a": [
            _m("Pine Mart", "person", before="at"),
            _m("Pine Mart", "person", start=50, before="at"),
        ]
    }
    assert decide_kinds(shop)["pine mart"] == "organisation"


def test_a_party_is_named_by_its_own_name_and_a_regional_adjective_is_no_party():
    mentions = {
        "a": [
            _m("Green Party", "organisation", source="ORG"),
            _m("Highland National Party", "organisation", source="ORG", start=20),
        ],
        "b": [
            _m("Greens", "group", source="NORP"),
            _m("Greens", "group", source="NORP", start=10),
            _m("Highland", "group", source="NORP", start=30),
        ],
    }
    entities = resolve(mentions)
    green = one(entities, "Greens")
    assert green["name"] == "Green Party" and green["paths"] == ["a", "b"]
    assert one(entities, "Highland National Party")["paths"] == ["a"]


def test_hyphen_joins_name_parts_but_not_a_lowercase_suffix():
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    doc = next(nlp.parse(["The UK-based charity said so on Monday."]))
    assert "UK-based" not in {m["name"] for m in extract_mentions(doc)}


def test_a_name_does_not_end_in_a_lowercase_word_and_numbers_stay_in_organisations():
    from dossier import nlp
    from dossier.entities.mentions import _mention, _runs

    doc = next(nlp.parse(["She told the Harbor Gazette days after the vote, on Radio 4."]))
    mention = _mention(doc, 3, 6, "organisation", "ORG")
    assert mention["name"] == "Harbor Gazette"
    start = [t.i for t in doc if t.text == "Radio"][0]
    assert _runs(doc, start, start + 2, split_and=False) == [(start, start + 2)]
