"""Entities resolved in two steps (the stored articles ahead, the parsed ones after) are the
entities resolved at once: the merge after a one-article add must not depend on how it ran."""

from __future__ import annotations

import itertools
import random
import string

import pytest

from dossier.entities.resolve import Resolver, resolve
from tests.mentions import mention as _m


def in_steps(mentions, late, authors=None):
    """Resolve ``mentions`` with the ``late`` paths fed after the others, with and without
    the entities of the others settled first (the two must agree)."""
    found = []
    for settle in (False, True):
        resolver = Resolver(list(mentions), authors)
        resolver.ahead({p: found for p, found in mentions.items() if p not in late})
        if settle:
            resolver.settle()
        found.append(resolver.finish({p: found for p, found in mentions.items() if p in late}))
    assert found[0] == found[1]
    return found[1]


def only(entities, name):
    found = [e for e in entities if e["name"] == name]
    assert len(found) == 1, [(e["name"], e["kind"]) for e in entities]
    return found[0]


def test_every_split_of_the_seeds_resolves_as_at_once(seed_mentions):
    paths = list(seed_mentions)
    whole = resolve(seed_mentions, {"Staff Writer"})
    splits = [{p} for p in paths] + [set(paths[:2]), set(paths[-2:]), set(paths)]
    for late in splits + [set(c) for c in itertools.combinations(paths, 3)][:4]:
        assert in_steps(seed_mentions, late, {"Staff Writer"}) == whole, sorted(late)


def test_the_last_gazetteer_kind_is_the_last_in_the_dossier_not_the_last_fed():
    # In dossier order the country comes last (a broad place: "Vellor" is the country); fed
    # ahead, then the earlier article, the town would come last (a club named after it).
    mentions = {
        "a.txt": [_m("Vellor", "organisation", gazetteer="city")],
        "b.txt": [
            _m("Vellor", "organisation", start=10),
            _m("Vellor", "organisation", start=30, gazetteer="country"),
        ],
    }
    assert only(resolve(mentions), "Vellor")["kind"] == "place"
    assert in_steps(mentions, {"a.txt"}) == resolve(mentions)


def test_a_tie_of_three_kinds_is_broken_in_the_order_the_dossier_first_voted_them():
    mentions = {
        "a.txt": [_m("Kelm Vantor", "organisation")],
        "b.txt": [_m("Kelm Vantor", "place")],
        "c.txt": [_m("Kelm Vantor", "person")],
    }
    assert only(resolve(mentions), "Kelm Vantor")["kind"] == "organisation"
    assert in_steps(mentions, {"a.txt"}) == resolve(mentions)


def test_a_late_full_name_regroups_an_acronym_read_ahead_with_its_votes():
    # The full name alone is no entity the model could tell; the acronym's votes, read ahead,
    # make the group an organisation.
    mentions = {
        "a.txt": [_m("Federal Ports Authority", None, source="ORG")],
        "b.txt": [
            _m("FPA", "organisation", source="ORG"),
            _m("FPA", "organisation", source="ORG", start=40),
        ],
    }
    whole = resolve(mentions)
    assert [(e["name"], e["aliases"]) for e in whole] == [("FPA", ["Federal Ports Authority"])]
    assert in_steps(mentions, {"a.txt"}) == whole


def test_a_late_full_name_makes_a_bare_surname_read_ahead_a_person():
    mentions = {
        "a.txt": [_m("Ada Okoro", "person")],
        "b.txt": [_m("Okoro", None, start=0), _m("Okoro", None, start=50)],
    }
    whole = resolve(mentions)
    assert only(whole, "Ada Okoro")["paths"] == ["a.txt", "b.txt"]
    assert in_steps(mentions, {"a.txt"}) == whole
    # and the other way round: the full name ahead, the bare surname late
    assert in_steps(mentions, {"b.txt"}) == whole


def test_a_full_name_in_a_late_article_decides_again_the_surname_read_ahead():
    # Whether "Vantor" is the surname of the people named in full depends on how many
    # articles name them: an article folded in late, naming one, decides it again.
    mentions = {f"{n:02d}.txt": [_m("Vantor", "organisation")] for n in range(12)}
    mentions["00a.txt"] = [_m("Ada Vantor", "person")]
    mentions["05a.txt"] = [_m("Bo Vantor", "person")]
    mentions = dict(sorted(mentions.items()))
    whole = resolve(mentions)
    assert only(whole, "Vantor")["kind"] == "person"
    assert in_steps(mentions, {"05a.txt"}) == whole
    assert in_steps(mentions, {"00a.txt", "05a.txt"}) == whole


def test_a_peoples_word_is_a_namesakes_mention_only_after_the_full_name_in_its_article():
    # "Pia Norsk" named once; "Norsk", a people's word (NORP) elsewhere, is not her; after
    # her full name in the same article, the model's NORP reading of her surname is.
    mentions = {
        "a.txt": [_m("Pia Norsk", "person"), _m("Norsk", "person", start=40, source="NORP")],
        "b.txt": [_m("Norsk", None, source="NORP"), _m("Norsk", None, start=30, source="NORP")],
        "c.txt": [_m("Norsk", "person", start=10)],
    }
    whole = resolve(mentions)
    occurrences = only(whole, "Pia Norsk")["occurrences"]
    assert [(o["path"], o["start"]) for o in occurrences] == [
        ("a.txt", 0),
        ("a.txt", 40),
        ("c.txt", 10),
    ]
    assert in_steps(mentions, {"a.txt"}) == whole


def test_a_party_named_late_takes_the_members_word_read_ahead():
    mentions = {
        "a.txt": [_m("Green Party", "organisation", source="ORG")],
        "b.txt": [_m("Greens", None, source="NORP")],
    }
    whole = resolve(mentions)
    assert only(whole, "Green Party")["paths"] == ["a.txt", "b.txt"]
    assert in_steps(mentions, {"a.txt"}) == whole


def test_finish_takes_only_articles_not_fed_ahead():
    resolver = Resolver(["a.txt"])
    resolver.ahead({"a.txt": [_m("Ada Okoro", "person")]})
    with pytest.raises(ValueError):
        resolver.finish({"a.txt": []})


def test_a_late_spelling_variant_joins_the_person_settled_ahead():
    mentions = {
        "a.txt": [_m("Mohammed Sallah", "person")],
        "b.txt": [_m("Mohamed Sallah", "person"), _m("Mohamed Sallah", "person", start=40)],
    }
    whole = resolve(mentions)
    assert [e["name"] for e in whole] == ["Mohamed Sallah"]
    assert in_steps(mentions, {"a.txt"}) == whole


def test_a_late_father_keeps_apart_from_his_son_settled_ahead():
    # Ahead, "John Doe" and "John Doe Jr." are one; the late article calls John Doe the
    # father: the pairs settled ahead no longer hold and are all made again.
    mentions = {
        "a.txt": [_m("John Doe", "person", kin="father")],
        "b.txt": [_m("John Doe Jr.", "person"), _m("John Doe", "person", start=40)],
    }
    whole = resolve(mentions)
    assert len([e for e in whole if e["kind"] == "person"]) == 2
    assert in_steps(mentions, {"a.txt"}) == whole


def test_groups_the_late_article_leaves_as_they_were_keep_their_settled_records():
    mentions = {
        "a.txt": [_m("Ada Okoro", "person")],
        "b.txt": [_m("Ada Okoro", "person"), _m("Bram Velde", "person", start=40)],
        "c.txt": [_m("Bram Velde", "person")],
    }
    resolver = Resolver(list(mentions))
    resolver.ahead({p: mentions[p] for p in ("b.txt", "c.txt")})
    resolver.settle()
    settled = {e["name"]: e for e in resolver.finish({})}
    after = {e["name"]: e for e in resolver.finish({"a.txt": mentions["a.txt"]})}
    assert after["Bram Velde"]["occurrences"] is settled["Bram Velde"]["occurrences"]
    assert after["Ada Okoro"]["paths"] == ["a.txt", "b.txt"]
    assert list(after.values()) == resolve(mentions)


def test_variant_groups_kept_up_to_date_group_as_all_the_keys_at_once():
    from dossier.entities.variants import VariantGroups, variant_groups

    steps = [
        {"fpa": True, "the u.k.": False, "nfl": False},
        {"federal ports authority": False, "nfl": True},
        {"foreign press association": False, "national football league": False},
    ]
    groups, keys, moved = VariantGroups(), {}, []
    for step in steps:
        keys.update(step)
        moved.append(groups.update(keys))
        assert groups.groups == variant_groups(keys)
    # the acronym joins its one expansion, then stands alone when a second one fits
    assert moved == [{}, {"fpa": "fpa"}, {"fpa": "federal ports authority", "nfl": "nfl"}]


def test_a_settle_cut_short_once_the_parse_is_over_keeps_what_it_made_and_resolves_as_at_once():
    # 300 people, one per article, and one article late: records are made a few hundred at a
    # time, and settling stops between two batches when asked.
    rng = random.Random(7)
    surnames = {"".join(rng.choices(string.ascii_lowercase, k=9)).title() for _ in range(300)}
    mentions = {
        f"{n:03d}.txt": [_m(f"Ana {surname}", "person"), _m("Porto", "place", start=30)]
        for n, surname in enumerate(sorted(surnames))
    }
    late = {"150.txt"}
    whole = resolve(mentions)
    for stop_after in (0, 1, 2, 3, 99):
        calls = itertools.count()
        resolver = Resolver(list(mentions))
        resolver.ahead({p: found for p, found in mentions.items() if p not in late})
        resolver.settle(until=lambda calls=calls, limit=stop_after: next(calls) >= limit)
        made = len(resolver._settled[1].records) if resolver._settled else 0
        # asked before settling, after pairing full names, then every 256 records
        assert made == {0: 0, 1: 0, 2: 0, 3: 256, 99: 300}[stop_after]  # 299 people, Porto
        assert resolver.finish({p: mentions[p] for p in late}) == whole
