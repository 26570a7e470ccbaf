"""People, places and organisations: one entity per real-world name, right kind, every article."""

from __future__ import annotations

import pytest

from dossier.entities.resolve import resolve
from dossier.service import Dossier, QueryError
from tests.mentions import mention as _m


def by_alias(entities, name):
    from dossier.entities.gazetteer import fold

    key = fold(name)
    found = [e for e in entities if key in {fold(e["name"]), *map(fold, e["aliases"])}]
    assert len(found) == 1, f"{name}: {[(e['name'], e['kind']) for e in found]}"
    return found[0]


@pytest.fixture(scope="module")
def seed_entities(seed_dossier):
    return seed_dossier.entities()


def test_one_person_whatever_the_spelling(seed_entities):
    person = by_alias(seed_entities, "Assimi Goita")
    assert person["kind"] == "person"
    assert person["name"] == "Assimi Goïta"
    assert {"Asimi Goïta", "Goïta", "Colonel Assimi Goïta"} <= set(person["aliases"])
    assert len(person["paths"]) == 5
    assert person["id"] == "assimi-goita"


def test_same_surname_different_people_stay_apart(seed_entities):
    oumar = by_alias(seed_entities, "Oumar Maiga")
    choguel = by_alias(seed_entities, "Choguel Maiga")
    assert oumar is not choguel
    assert oumar["paths"] == ["001_60a314146dea50b9.txt"]


def test_bare_surname_joins_the_one_person_who_has_it(seed_entities):
    dembele = by_alias(seed_entities, "Dembele")
    assert dembele["name"] == "Abass Dembele" and len(dembele["paths"]) == 5
    sagara = by_alias(seed_entities, "Sagara")
    assert sagara["kind"] == "person" and sagara["name"] == "Nema Sagara"


@pytest.mark.parametrize(
    "name", ["Mali", "Bamako", "Kati", "Mopti", "Niger", "Burkina Faso", "Sahel", "France"]
)
def test_places_are_places(seed_entities, name):
    assert by_alias(seed_entities, name)["kind"] == "place"


def test_niger_is_not_nigeria_and_places_do_not_merge_by_spelling():
    mentions = {
        "a": [
            _m("Niger", "place", gazetteer="country"),
            _m("Nigeria", "place", gazetteer="country", start=20),
        ],
    }
    names = {e["name"] for e in resolve(mentions)}
    assert names == {"Niger", "Nigeria"}


def test_organisations_join_acronyms_and_short_forms(seed_entities):
    jnim = by_alias(seed_entities, "JNIM")
    assert jnim["kind"] == "organisation"
    assert "Jama’a Nusrat ul-Islam wa al-Muslimin" in {jnim["name"], *jnim["aliases"]}
    wagner = by_alias(seed_entities, "Wagner")
    assert wagner["name"] == "Wagner Group" and len(wagner["paths"]) == 2
    assert by_alias(seed_entities, "ACLED")["kind"] == "organisation"
    assert by_alias(seed_entities, "Africa Corps")["name"] == "Africa Corps"


def test_titles_become_descriptions_not_names(seed_entities):
    dembele = by_alias(seed_entities, "Abass Dembele")
    assert "General" in dembele["descriptions"]
    assert any("governor" in d for d in dembele["descriptions"])
    assert "Malian sociologist" in by_alias(seed_entities, "Oumar Maiga")["descriptions"]


def test_byline_authors_are_not_people_in_the_story(seed_entities):
    names = {e["name"] for e in seed_entities} | {a for e in seed_entities for a in e["aliases"]}
    assert not names & {"Autry Suku", "Duga", "Download Post", "Leave"}


def test_surname_shared_by_two_people_stays_ambiguous():
    mentions = {
        "a": [_m("Ali Hassan", "person"), _m("Omar Hassan", "person", start=20)],
        "b": [_m("Hassan", "person")],
    }
    entities = resolve(mentions)
    hassan = [e for e in entities if e["name"] == "Hassan"]
    assert len(hassan) == 1 and hassan[0]["ambiguous"]


def test_mr_never_joins_a_woman_of_that_name_nor_do_the_plain_surnames_around_it():
    # Article a names only the wife in full; its "Mr. Moreno" is the husband named in b.
    mentions = {
        "a": [
            _m("Paulina Moreno", "person"),
            _m("Moreno", "person", start=30, titles=("Mr.",)),
            _m("Moreno", "person", start=60, titles=("President",)),
        ],
        "b": [_m("Tomas Moreno", "person"), _m("Moreno", "person", start=40)],
    }
    people = {e["name"]: e for e in resolve(mentions) if e["kind"] == "person"}
    assert people["Paulina Moreno"]["mentions"] == 1, people
    assert people["Tomas Moreno"]["mentions"] == 4, people


def test_mr_and_mrs_of_one_article_go_each_to_their_own():
    mentions = {
        "a": [
            _m("Paulina Moreno", "person"),
            _m("Tomas Moreno", "person", start=20),
            _m("Moreno", "person", start=40, titles=("Mr.",)),
            _m("Moreno", "person", start=60, titles=("Mrs.",)),
        ],
    }
    people = {e["name"]: e["mentions"] for e in resolve(mentions) if e["kind"] == "person"}
    assert people == {"Paulina Moreno": 2, "Tomas Moreno": 2}, people


def test_a_bare_surname_before_the_articles_full_name_is_not_that_person():
    # Article a calls someone "Moreno" before it names Paulina Moreno; the dossier also has
    # Tomas Moreno: the first "Moreno" cannot be told, the later one is Paulina.
    mentions = {
        "a": [
            _m("Moreno", "person"),
            _m("Paulina Moreno", "person", start=50),
            _m("Moreno", "person", start=90),
        ],
        "b": [_m("Tomas Moreno", "person")],
    }
    people = {e["name"]: e for e in resolve(mentions) if e["kind"] == "person"}
    assert people["Paulina Moreno"]["mentions"] == 2 and people["Moreno"]["ambiguous"], people


def test_one_mrs_does_not_decide_the_plain_surnames_of_an_article_naming_both():
    mentions = {
        "a": [
            _m("Tomas Moreno", "person"),
            _m("Paulina Moreno", "person", start=20),
            _m("Moreno", "person", start=40, titles=("Mrs.",)),
            _m("Moreno", "person", start=60),
        ],
    }
    people = {e["name"]: e for e in resolve(mentions) if e["kind"] == "person"}
    assert people["Paulina Moreno"]["mentions"] == 2 and people["Tomas Moreno"]["mentions"] == 1
    assert people["Moreno"]["ambiguous"], people


def test_a_titled_surname_joins_the_namesake_with_that_title():
    mentions = {
        "a": [
            _m("Tomas Moreno", "person", titles=("President",)),
            _m("Paulina Moreno", "person", start=30),
        ],
        "b": [_m("Moreno", "person", titles=("President",))],
    }
    people = {e["name"]: e["mentions"] for e in resolve(mentions) if e["kind"] == "person"}
    assert people == {"Tomas Moreno": 2, "Paulina Moreno": 1}, people


def test_ms_joins_the_one_woman_of_that_name():
    mentions = {
        "a": [_m("Paulina Moreno", "person"), _m("Tomas Moreno", "person", start=20)],
        "b": [_m("Moreno", "person", titles=("Ms.",))],
    }
    people = {e["name"]: e for e in resolve(mentions) if e["kind"] == "person"}
    assert people["Paulina Moreno"]["mentions"] == 2 and "Moreno" not in people, people


def test_a_two_word_surname_alone_joins_the_person_named_in_full():
    mentions = {
        "a": [_m("Debra Okonkwo Barrow", "person"), _m("Okonkwo Barrow", "person", start=30)],
        "b": [_m("Barrow", "person")],
    }
    people = [e for e in resolve(mentions) if e["kind"] == "person"]
    assert [(e["name"], e["mentions"]) for e in people] == [("Debra Okonkwo Barrow", 3)], people


def test_bare_hyphenated_surname_joins_the_person_named_in_full():
    # "Ms. Ortiz-Baca said" names "Lena Ortiz-Baca" by her whole double surname.
    mentions = {
        "a": [_m("Lena Ortiz-Baca", "person")],
        "b": [_m("Ortiz-Baca", "person", titles=("Ms.",))],
    }
    entities = resolve(mentions)
    assert [e["name"] for e in entities if e["kind"] == "person"] == ["Lena Ortiz-Baca"]


def test_different_given_names_never_merge_and_short_names_need_exact_match():
    mentions = {
        "a": [
            _m("John Smith", "person"),
            _m("Joan Smith", "person", start=20),
            _m("Li Wei", "person", start=40),
            _m("Lu Wei", "person", start=60),
        ]
    }
    assert len(resolve(mentions)) == 4


def test_spelling_variants_of_one_name_merge():
    mentions = {
        "a": [_m("Mohammed Salah", "person")],
        "b": [_m("Mohamed Salah", "person")],
        "c": [_m("Salah", "person")],
    }
    (entity,) = resolve(mentions)
    assert len(entity["paths"]) == 3


def test_a_story_the_engine_has_never_seen(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Quake hits eastern Turkey\n\nIn Turkey, President Recep Tayyip Erdoğan visited Malatya on Monday, where rescuers "
        "from the Red Crescent searched the rubble. Erdoğan promised new homes within a year.\n"
    )
    (seeds / "b.txt").write_text(
        "Turkey counts the dead\n\nTurkish President Recep Tayyip Erdogan said the toll in Malatya had risen. "
        "Officials from the Disaster and Emergency Management Authority (AFAD) said 120 buildings collapsed.\n"
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    entities = dossier.entities()
    erdogan = by_alias(entities, "Erdogan")
    assert erdogan["kind"] == "person" and len(erdogan["paths"]) == 2
    assert by_alias(entities, "Turkey")["kind"] == "place"
    assert by_alias(entities, "Malatya")["kind"] == "place"
    afad = by_alias(entities, "AFAD")
    assert afad["kind"] == "organisation" and "Disaster and Emergency Management Authority" in {
        afad["name"],
        *afad["aliases"],
    }


def test_search_filters_by_entity(seed_dossier):
    result = seed_dossier.search("person:nema-sagara", limit=10)
    assert {h.path for h in result.hits} == {
        "002_2bd22c6c0f0b07a9.txt",
        "003_4cf1716b6b9a04fc.txt",
        "004_a4dd8e98cb22ee3c.txt",
    }
    narrowed = seed_dossier.search("place:Kati custody", limit=10)
    assert [h.path for h in narrowed.hits] == ["001_60a314146dea50b9.txt"]
    with pytest.raises(QueryError, match="no person 'nobody'"):
        seed_dossier.search("person:nobody")


def test_concordance_shows_each_mention_in_its_sentence(seed_dossier):
    entity = seed_dossier.entity("Sagara")
    lines = seed_dossier.concordance(entity)
    assert len(lines) == entity["mentions"]
    for line in lines:
        assert "Sagara" in line["mention"]
        assert line["mention"] in line["sentence"]


def test_entities_are_recomputed_when_articles_change(seeds_copy, tmp_path):
    dossier = Dossier(seeds_copy, tmp_path / "index")
    dossier.refresh()
    assert "Choguel Maiga" in {e["name"] for e in dossier.entities("person")}
    for path in seeds_copy.iterdir():
        if "Choguel" in path.read_text(encoding="utf-8"):
            path.unlink()
    report = dossier.refresh()
    assert report.analysed == 0, "unchanged articles are not parsed again"
    assert "Choguel Maiga" not in {e["name"] for e in dossier.entities("person")}


def test_an_entity_id_names_one_entity_even_when_its_name_is_shared(tmp_path):
    from dossier.service import Dossier

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Minister speaks\n\nJan Kowalski spoke in Lisbon on Monday. Kowalski said the talks went well.\n"
    )
    (seeds / "b.txt").write_text(
        "Talks\n\nAnna Kowalski held talks in Porto. Kowalski later left for Madrid.\n"
    )
    (seeds / "c.txt").write_text(
        "Talks end\n\nThe talks ended on Friday. Kowalski did not comment on the talks.\n"
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    people = {e["id"]: e for e in dossier.entities("person")}
    assert "kowalski" in people and people["kowalski"]["ambiguous"]
    assert dossier.entity("kowalski", kind="person")["id"] == "kowalski"
    assert dossier.search("person:kowalski talks").total == 1  # the filter the sidebar writes


def test_entity_filter_rows_filled_later_mark_the_mentions(seed_dossier):
    person = seed_dossier.entity("nema-sagara")
    listed = seed_dossier.search("person:nema-sagara", limit=10, snippets=0)
    assert sorted(hit.path for hit in listed.hits) == sorted(person["paths"]), (
        "the entity's article set"
    )
    filled = seed_dossier.snippets("person:nema-sagara", [hit.path for hit in listed.hits])
    assert set(filled) == set(person["paths"])
    for path, snippet in filled.items():
        assert any(f.match and "Sagara" in f.text for f in snippet), path
    at_once = seed_dossier.search("person:nema-sagara", limit=10)
    assert {hit.path: hit.snippet for hit in at_once.hits} == filled, (
        "the same snippets as a search that highlights all"
    )
