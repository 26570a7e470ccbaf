"""Entities on the shapes real news takes: lists of names, datelines, headlines in capitals,
clubs named after towns, one-word names with a role. Real spaCy model, hand-written text."""

from __future__ import annotations

import pytest

from dossier.entities.gazetteer import fold
from dossier.entities.names import is_given_name
from dossier.entities.resolve import decide_kinds, resolve
from tests.mentions import mention as _m


def read(text: str) -> list[tuple[str, str | None]]:
    """(name, kind decided for a dossier of this one text) for every mention, in order."""
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    mentions = extract_mentions(next(nlp.parse([text])))
    kinds = decide_kinds({"a.txt": mentions})
    return [(m["name"], kinds.get(fold(m["name"]))) for m in mentions]


def test_given_names_know_many_languages_but_not_countries_or_short_words():
    assert all(
        is_given_name(name) for name in ("Maria", "José", "Dragan", "Bogdan", "Hassan", "Kenichi")
    )
    assert not is_given_name("Jun")  # one romanized syllable: as often a surname or a word
    assert not is_given_name("Jordan") and is_given_name("Jordan", places_too=True)
    assert not any(is_given_name(word) for word in ("General", "Young", "Price", "Yr"))


def test_a_list_of_players_is_a_list_of_people():
    found = dict(
        read(
            "Goalkeepers - Tomasz Wrobel , Dragan Kovac .\nDefenders - Bogdan Ilic , Marek Nowak ."
        )
    )
    # the model reads "Wrobel" and "Dragan Kovac" as places and misses "Bogdan Ilic"
    for name in ("Tomasz Wrobel", "Dragan Kovac", "Bogdan Ilic", "Marek Nowak"):
        assert found.get(name) == "person", found
    assert not any(name.startswith(("Goalkeepers", "Defenders")) for name in found)


def test_a_firm_named_with_two_given_names_stays_a_firm_and_a_party_no_person():
    assert read("Morgan Stanley said on Tuesday it would cut jobs.") == [
        ("Morgan Stanley", "organisation")
    ]
    assert not any(kind == "person" for _, kind in read("The Christian Democrats won the vote."))


def test_a_number_after_a_name_is_not_part_of_it_unless_the_name_ends_in_one():
    found = dict(read("Rui Costa 12 , Channel 4 said."))
    assert found == {"Rui Costa": "person", "Channel 4": "organisation"}


def test_an_initial_stands_for_a_given_name():
    assert read("The board said J. Okafor would retire in July.") == [("J. Okafor", "person")]


def test_a_nationality_word_before_a_name_is_not_part_of_it():
    assert read("Russian Igor Petrov scored in the second half.") == [("Igor Petrov", "person")]


def test_a_town_name_as_a_given_name_belongs_to_the_person():
    found = dict(read("Hassan Ali and Salem Haddad met on Friday."))
    assert found.get("Salem Haddad") == "person" and "Salem" not in found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("VILA REAL , Portugal 2024-05-01\nThe mayor said the bridge would reopen.", "VILA REAL"),
        ("By Maria Okafor\nLISBON (Reuters) - The talks ended.", "LISBON"),
    ],
)
def test_a_dateline_is_a_place_and_ends_the_byline_before_it(text, place):
    found = dict(read(text))
    assert found.get(place) == "place", found
    assert all("\n" not in name for name in found)


def test_a_label_in_capitals_is_not_a_name():
    found = dict(read("FEATURE - Singapore sees prestige in hosting the talks ."))
    assert "FEATURE" not in found and found.get("Singapore") == "place"


def test_a_headline_in_capitals_names_the_people_and_places_of_the_body():
    text = "CARTER VISITS PARIS .\nAna Carter arrived in Paris on Monday."
    found = read(text)
    assert ("CARTER", "person") in found and ("PARIS", "place") in found
    entities = resolve({"a.txt": _mentions(text)})
    carter = next(e for e in entities if e["name"] == "Ana Carter")
    assert len(carter["occurrences"]) == 2  # the headline's surname is her, not a word


def test_words_of_a_headline_in_capitals_are_not_organisations():
    assert read("LOCAL SCHOOLS SHUT AS STORM HITS\nThe schools shut on Monday.") == []


def test_a_town_name_inside_a_clubs_name_is_the_club_not_the_town():
    found = dict(read("Fans of Real Zaragoza celebrated in the streets."))
    assert found == {"Real Zaragoza": "organisation"}
    assert dict(read("He joined Atletico Valencia last year.")) == {
        "Atletico Valencia": "organisation"
    }
    # read as people by the model: clubs named after towns
    assert dict(read("Results: Lisbon Rovers 3 , Porto Wanderers 1 .")) == {
        "Lisbon Rovers": "organisation",
        "Porto Wanderers": "organisation",
    }


def test_a_place_the_gazetteer_does_not_know_is_placed_by_its_context():
    found = dict(read("Aid reached the town of Ndeko on Friday, officials said."))
    assert found.get("Ndeko") == "place"  # the model reads a person here


def test_a_one_word_name_with_a_role_is_a_person_even_without_a_full_name():
    assert read("Striker Kowalczyk scored twice on Sunday.") == [("Kowalczyk", "person")]
    assert read("Veteran defender Brannigan scored twice on Sunday.") == [("Brannigan", "person")]


def test_the_administration_of_a_person_named_like_a_town_is_a_persons():
    # "Carson" is a town in the gazetteer; only a person has an administration.
    assert read("The Carson administration said on Monday that it would appeal.") == [
        ("Carson", "person")
    ]


def test_a_town_the_model_reads_as_a_person_stays_the_town_unless_a_person_is_meant():
    assert read("A storm hit Porto on Friday, officials said.") == [("Porto", "place")]
    town_as_person = [_m("Carson", "person", gazetteer="city")]
    assert decide_kinds({"a": town_as_person})["carson"] == "place"
    assert (
        decide_kinds({"a": [_m("Carson", "person", gazetteer="city", role=True)]})["carson"]
        == "person"
    )


def test_a_role_makes_a_one_word_name_a_person():
    assert decide_kinds({"a": [_m("Okonkwo", "person")]}).get("okonkwo") is None
    assert decide_kinds({"a": [_m("Okonkwo", "person", role=True)]})["okonkwo"] == "person"


def test_one_role_in_many_readings_as_an_organisation_makes_no_person():
    # A club or company the dossier names a hundred times as an organisation, once taken
    # for someone's role ("striker Vantor"): an organisation. A few readings either way,
    # with a role among them: a person.
    club = [_m("Vantor", "organisation", start=n * 20) for n in range(40)]
    club.append(_m("Vantor", "person", start=900, role=True))
    assert decide_kinds({"a": club})["vantor"] == "organisation"
    person = [_m("Vantor", "organisation", start=n * 20) for n in range(3)]
    person.append(_m("Vantor", "person", start=900, role=True))
    assert decide_kinds({"a": person})["vantor"] == "person"


def test_a_word_read_as_an_organisation_in_many_articles_is_no_stray_full_names_surname():
    # "Vantor", a party, in 30 articles; one article reads "Ada Vantor" (a stray full name):
    # the party stays an organisation. The usual pattern (the full name once, then the
    # surname, which the model reads as an organisation) stays a person.
    party = {f"{n:02d}.txt": [_m("Vantor", "organisation")] for n in range(30)}
    party["99.txt"] = [_m("Ada Vantor", "person")]
    assert decide_kinds(party)["vantor"] == "organisation"
    story = {f"{n:02d}.txt": [_m("Vantor", "organisation")] for n in range(3)}
    story["99.txt"] = [_m("Ada Vantor", "person"), _m("Vantor", "organisation", start=40)]
    assert decide_kinds(story)["vantor"] == "person"


def test_placed_names_are_places_but_not_events_or_acronyms():
    assert decide_kinds({"a": [_m("Ndeko", "organisation", placed=True)]})["ndeko"] == "place"
    assert decide_kinds({"a": [_m("World Series", None, placed=True)]}).get("world series") is None
    assert decide_kinds({"a": [_m("CAPS", "organisation", placed=True)]})["caps"] == "organisation"


def _mentions(text):
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    return extract_mentions(next(nlp.parse([text])))


def test_a_party_letter_before_a_state_is_not_part_of_the_place():
    found = read(
        "Sen. Ann Colter (R-Mass.) and Rep. Tom Bixby, R-Ky., voted for the farm bill on Monday."
    )
    names = [name for name, _ in found]
    assert not any(name.startswith(("R-", "D-")) for name in names), names


def test_an_outlets_plural_possessive_does_not_glue_it_to_the_next_name():
    found = dict(read("During the interview, Sky News’ Anna Novak pressed the mayor."))
    assert found.get("Sky News") == "organisation", found
    assert found.get("Anna Novak") == "person", found


def test_dotted_initials_the_model_reads_as_a_place_are_an_agency():
    found = dict(read("The senator said the F.B.I. had opened an inquiry into the leak in Ohio."))
    assert found.get("F.B.I.") == "organisation" and found.get("Ohio") == "place", found


def test_a_role_word_before_a_name_that_modifies_a_noun_is_no_role():
    found = dict(read("Hours later, the official Twitter account of the city council replied."))
    assert found.get("Twitter") != "person", found


def test_a_party_letter_inside_the_models_place_span_is_trimmed():
    from dossier import nlp
    from dossier.entities.mentions import _mention

    doc = next(iter(nlp.parse(["Sen. Mary Colter, D-Mass., said the bill was weak."])))
    i = [t.text for t in doc].index("D")
    assert _mention(doc, i, i + 3, "place", "GPE")["name"] == "Mass."


def test_a_sentences_opening_word_is_not_a_given_name():
    found = dict(
        read("The governor signed it. Plus Kowalski is nominating Todd Jones as director.")
    )
    assert "Plus Kowalski" not in found and "Kowalski" in found, found


def test_a_hyphened_pair_of_places_is_no_name():
    found = dict(
        read(
            "The ruling hurt the U.S.-Canada trade talks and the United States-Israeli "
            "relationship, the judge said."
        )
    )
    assert "U.S.-Canada" not in found and "United States-Israeli" not in found, found


def test_a_court_case_the_model_reads_as_a_name_is_none():
    from dossier import nlp
    from dossier.entities.mentions import _mention

    doc = next(iter(nlp.parse(["The judges cited Lopez v. Harlan in the ruling."])))
    i = [t.text for t in doc].index("Lopez")
    assert _mention(doc, i, i + 3, "person", "PERSON") is None
    assert _mention(doc, i, i + 1, "person", "PERSON")["name"] == "Lopez"


def test_a_middle_initial_v_and_a_hyphened_town_stay_names():
    found = dict(read("Vladimir V. Orlov flew to Miami-Dade County on Monday to meet the mayor."))
    assert found.get("Vladimir V. Orlov") == "person", found
    assert any(name.startswith("Miami-Dade") for name in found), found


def test_a_plural_possessive_inside_an_organisations_name_keeps_it_whole():
    found = dict(read("Members of the Scottish Teachers' Union voted on Monday."))
    assert "Scottish Teachers' Union" in found, found


@pytest.mark.parametrize(
    "line",
    [
        "Governor Appoints Ex-Aide to Fill Ellison’s Seat",
        "Judge Orders Release of Migrant Children From Shelters",
    ],
)
def test_a_headline_inside_the_body_in_title_case_is_a_headline(line):
    """A related story's headline pasted with the article keeps its little words in lower
    case ("to", "of"): its capitalised words are no names."""
    text = (
        "Ana Carter was sworn in on Monday in Portland.\n\n"
        f"{line}\n\n"
        "Carter thanked the governor, Mark Ellison, for his trust."
    )
    mentions = _mentions(text)
    on_line = [m for m in mentions if text.index(line) <= m["start"] < text.index("Carter thanked")]
    assert on_line and all(m["headline"] for m in on_line)
    names = {e["name"] for e in resolve({"a.txt": mentions})}
    assert names == {"Ana Carter", "Portland", "Mark Ellison"}


def test_a_sentence_or_a_list_of_names_is_not_a_headline():
    for text in (
        "Hassan Ali and Salem Haddad met on Friday.",
        "Pallbearers\n\nTomas Reyes, Dragan Kovac and Peter Brandt of Lisbon\n",
    ):
        assert not any(m["headline"] for m in _mentions(text) if m["name"] != "Pallbearers")


def test_a_title_before_a_name_read_as_an_organisation_makes_a_person():
    text = (
        "Bishop Okafor of Lagos said the budget was wrong. Bishop Daniel Okafor spoke again "
        "on Sunday. Spokesperson Marie Lindqvist said the ministry had the letters."
    )
    mentions = _mentions(text)
    people = {e["name"] for e in resolve({"a.txt": mentions}) if e["kind"] == "person"}
    assert {"Daniel Okafor", "Marie Lindqvist"} <= people
    assert any(m["titles"] == ["Bishop"] for m in mentions)


def test_organisations_named_with_a_title_word_stay_organisations():
    found = dict(
        read(
            "General Motors and the State Department signed the deal. "
            "The Health Ministry and President Airlines agreed."
        )
    )
    for name in ("General Motors", "State Department", "Health Ministry"):
        assert found.get(name) == "organisation", found


def test_a_description_is_a_role_not_a_bracket_or_a_pronoun():
    described = {
        m["name"]: m["descriptions"]
        for m in _mentions(
            "Rep. Wesley Marsh (D-Mont.) was the only person to publicly campaign for the post. "
            "Senator Ana Lopez, herself a target of the inquiry, said she was pleased."
        )
    }
    assert "D-Mont." in described["Wesley Marsh"]
    assert not any("(" in d or ")" in d for d in described["Wesley Marsh"])
    assert "herself" not in described["Ana Lopez"]
