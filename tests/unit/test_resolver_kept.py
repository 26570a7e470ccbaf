"""The last merge's resolver, kept and carried onto the next dossier, resolves the dossier as
resolving all of its articles again would: after articles are added (anywhere in the path
order), changed or removed, and bylines come or go."""

from __future__ import annotations

import json
import marshal
import random
import shutil
import time

import pytest

from dossier.derive import analysis_version, read_pack
from dossier.entities import kept
from dossier.entities.resolve import Resolver, resolve
from dossier.entities.variants import VariantGroups, variant_groups
from dossier.service import Dossier
from tests.mentions import mention as _m


def carried(before, after, changed=(), authors=None, before_authors=None):
    """The entities of ``after`` from the resolver of ``before``, kept as plain values and
    carried over (``changed``: paths in both whose mentions differ)."""
    resolver = Resolver(list(before), before_authors)
    resolver.ahead(before)
    resolver.finish({})
    resolver = Resolver.from_plain(marshal.loads(marshal.dumps(resolver.plain())))
    assert resolver.carry(list(after), set(changed), authors)
    late = {p: after[p] for p in after if p not in before or p in changed}
    return resolver.finish(late), resolver


def test_every_seed_article_removed_changed_or_added_in_the_middle(seed_mentions):
    paths = list(seed_mentions)
    for gone in paths:
        after = {p: m for p, m in seed_mentions.items() if p != gone}
        assert carried(seed_mentions, after)[0] == resolve(after), gone
        # the same path, now with another article's text
        other = paths[(paths.index(gone) + 1) % len(paths)]
        after = {**seed_mentions, gone: seed_mentions[other]}
        assert carried(seed_mentions, after, {gone})[0] == resolve(after), gone
        # an article that sorts before this one (every later one moves down a place)
        before = {p: m for p, m in seed_mentions.items() if p != gone}
        assert carried(before, seed_mentions)[0] == resolve(seed_mentions), gone


def test_a_byline_that_comes_or_goes_is_never_a_person(seed_mentions):
    whole = resolve(seed_mentions)
    name = next(e["name"] for e in whole if e["kind"] == "person")
    with_byline = resolve(seed_mentions, {name})
    assert with_byline != whole
    assert carried(seed_mentions, seed_mentions, authors={name})[0] == with_byline
    back, _ = carried(seed_mentions, seed_mentions, before_authors={name})
    assert back == resolve(seed_mentions)


def test_removing_the_only_full_name_leaves_a_bare_surname_undecided_again():
    before = {
        "a.txt": [_m("Ada Okoro", "person")],
        "b.txt": [_m("Okoro", None, start=0), _m("Okoro", None, start=50)],
    }
    after = {"b.txt": before["b.txt"]}
    assert any(e["name"] == "Ada Okoro" for e in resolve(before))
    assert carried(before, after)[0] == resolve(after)


def test_removing_an_acronyms_only_expansion_sets_the_acronym_apart_again():
    before = {
        "a.txt": [_m("Federal Ports Authority", "organisation", source="ORG")],
        "b.txt": [_m("FPA", "organisation", source="ORG")],
        "c.txt": [_m("Foreign Press Association", "organisation", source="ORG")],
    }
    for gone in ("a.txt", "c.txt"):
        after = {p: m for p, m in before.items() if p != gone}
        assert carried(before, after)[0] == resolve(after), gone
    one = resolve({p: before[p] for p in ("a.txt", "b.txt")})
    assert [sorted([e["name"], *e["aliases"]]) for e in one] == [["FPA", "Federal Ports Authority"]]


def test_a_surnames_kind_follows_the_articles_that_name_its_owners():
    # "Vantor" read as an organisation in 12 articles is the surname of the two people
    # named in full in two others; with one of those articles gone, it spreads too far.
    before = {f"{n:02d}.txt": [_m("Vantor", "organisation")] for n in range(12)}
    before |= {"a.txt": [_m("Ada Vantor", "person")], "b.txt": [_m("Bo Vantor", "person")]}
    after = {p: m for p, m in before.items() if p != "b.txt"}
    assert {e["name"]: e["kind"] for e in resolve(before)}["Vantor"] == "person"
    assert {e["name"]: e["kind"] for e in resolve(after)}["Vantor"] == "organisation"
    assert carried(before, after)[0] == resolve(after)
    assert carried(after, before)[0] == resolve(before)


def test_a_name_taken_out_and_written_again_later_counts_as_new():
    first = {
        "a.txt": [_m("Kelm Vantor", "organisation", source="ORG")],
        "b.txt": [_m("Ada Okoro", "person")],
    }
    second = {"b.txt": first["b.txt"]}
    third = {**second, "c.txt": [_m("KELM VANTOR", "place", source="GPE")]}
    _, resolver = carried(first, second)
    resolver = Resolver.from_plain(marshal.loads(marshal.dumps(resolver.plain())))
    assert resolver.carry(list(third), set(), None)
    assert resolver.finish({"c.txt": third["c.txt"]}) == resolve(third)


def test_a_changed_article_gives_back_an_acronym_another_article_spells_otherwise():
    # "NATO" leaves with the changed article and comes back with it; "Nato" stays: the
    # acronym that joins the full name is counted again, not taken for a known spelling.
    nato = [
        _m("NATO", "organisation", source="ORG"),
        _m("North Atlantic Treaty Organization", "organisation", source="ORG", start=10),
    ]
    before = {"a.txt": nato, "b.txt": [_m("Nato", "organisation", source="ORG")]}
    assert carried(before, before, changed={"a.txt"})[0] == resolve(before)
    # and in two steps: gone with its article, then written again by a new one
    _, resolver = carried(before, {"b.txt": before["b.txt"]})
    after = {"b.txt": before["b.txt"], "c.txt": nato}
    resolver = Resolver.from_plain(marshal.loads(marshal.dumps(resolver.plain())))
    assert resolver.carry(list(after), set(), None)
    assert resolver.finish({"c.txt": nato}) == resolve(after)


def test_many_carries_in_a_row_on_random_dossiers(seed_mentions):
    # Articles of made-up people, places and organisations, some sharing names, changed,
    # added and removed at random; each state is carried from the one before.
    rng = random.Random(11)
    names = [
        ("Ada Okoro", "person"), ("Okoro", None), ("Bram Velde", "person"),
        ("Velde", "person"), ("Mrs. Velde", "person"), ("Porto", "place"),
        ("Federal Ports Authority", "organisation"), ("FPA", "organisation"),
        ("Kelm Vantor", "organisation"), ("Kelm", "place"), ("Green Party", "organisation"),
        ("NATO", "organisation"), ("Nato", "organisation"),
        ("North Atlantic Treaty Organization", "organisation"),
    ]  # fmt: skip

    def article():
        return [
            _m(name, kind, start=20 * n, titles=["Mrs."] if name.startswith("Mrs") else [])
            for n, (name, kind) in enumerate(rng.sample(names, rng.randint(1, 5)))
        ]

    state = {f"{n:02d}.txt": article() for n in range(0, 40, 4)}
    state |= {p: m for p, m in list(seed_mentions.items())[:2]}
    resolver = Resolver(sorted(state))
    resolver.ahead(dict(sorted(state.items())))
    resolver.finish({})
    for step in range(12):
        after = dict(state)
        for path in rng.sample(sorted(after), 2):
            del after[path]
        changed = set(rng.sample(sorted(after), 2))
        for path in changed:
            after[path] = article()
        for _ in range(2):
            after[f"{rng.randrange(40):02d}x{step}{_}.txt"] = article()
        after = dict(sorted(after.items()))
        resolver = Resolver.from_plain(marshal.loads(marshal.dumps(resolver.plain())))
        assert resolver.carry(list(after), changed, None)
        late = {p: m for p, m in after.items() if p not in state or p in changed}
        assert resolver.finish(late) == resolve(after), step
        state = after


def test_variant_groups_with_keys_removed_group_as_the_keys_left():
    keys = {
        "fpa": True,
        "federal ports authority": False,
        "foreign press association": False,
        "nfl": True,
        "national football league": False,
    }
    groups = VariantGroups()
    groups.update(keys)
    assert groups.groups["fpa"] == "fpa"  # two expansions fit: on its own
    moved = groups.remove({"foreign press association", "national football league"})
    left = {k: v for k, v in keys.items() if k in groups.groups}
    assert groups.groups == variant_groups(left)
    assert moved == {"fpa": "fpa", "nfl": "national football league"}


def _wait_for(path, seconds=60.0):
    waited = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < waited:
        time.sleep(0.1)
    return path.exists()


def test_an_article_added_after_a_merge_folds_into_the_kept_resolver(
    seeds_copy, seed_index, tmp_path, monkeypatch
):
    monkeypatch.setattr(kept, "KEEP_FROM", 1)  # the seeds are far below a dossier kept
    found = []
    carry = kept.carried
    monkeypatch.setattr(kept, "carried", lambda *a: found.append(carry(*a)) or found[-1])
    first = min(seeds_copy.iterdir())
    first.write_text(first.read_text(encoding="utf-8") + "\nMore was said on Friday.\n")
    dossier = Dossier(seeds_copy, seed_index)
    dossier.refresh()  # a merge of every article: its resolver is kept, after it answered
    assert _wait_for(seed_index / kept.KEPT_FILE)
    (seeds_copy / "002_added.txt").write_text(
        "Envoy meets rebels\n\nThe envoy Lars Brekke met rebel leaders in Gao on Monday. "
        "Brekke said the talks with the Federal Ports Authority (FPA) would go on.\n",
        encoding="utf-8",
    )
    report = dossier.refresh()
    assert report.analysed == 1
    assert (
        found
        and found[-1] is not None
        and found[-1][1]
        == [next(a["path"] for a in dossier.articles() if a["path"].startswith("002_added"))]
    )
    assert_as_a_fresh_merge(seeds_copy, seed_index, tmp_path / "fresh")
    assert "Lars Brekke" in {e["name"] for e in dossier.entities("person")}
    # and a merge with nothing to parse (an article removed) carries the resolver too
    assert _wait_for_newer(seed_index / kept.KEPT_FILE)
    (seeds_copy / "002_added.txt").unlink()
    assert dossier.refresh().analysed == 0
    assert found[-1] is not None and found[-1][1] == []
    assert "Lars Brekke" not in {e["name"] for e in dossier.entities("person")}
    assert_as_a_fresh_merge(seeds_copy, seed_index, tmp_path / "fresh-2")


def _wait_for_newer(path, seconds=60.0):
    """Wait until the kept resolver holds the last merge's articles (written after it)."""
    waited = time.monotonic() + seconds
    while time.monotonic() < waited:
        if path.exists() and len(marshal.loads(path.read_bytes())[1]) == 6:
            return True
        time.sleep(0.1)
    return False


def assert_as_a_fresh_merge(seeds, index, fresh_index):
    fresh = Dossier(seeds, fresh_index)
    fresh.refresh()
    for name in ("entities.json", "discrepancies.json", "quotes.json"):
        ours = json.loads((index / name).read_text())
        theirs = json.loads((fresh_index / name).read_text())
        assert ours == theirs, name


def test_a_kept_resolver_of_other_code_or_another_dossier_is_not_used(seed_index, seed_dossier):
    keys = {
        a["path"]: f"{a['body_sha1']}-{analysis_version()}.json" for a in seed_dossier.articles()
    }
    keys = dict(sorted(keys.items()))
    mentions = read_pack(seed_dossier.store)
    resolver = Resolver(list(keys))
    resolver.ahead({p: mentions[k]["mentions"] for p, k in keys.items()})
    resolver.finish({})
    kept.keep(seed_index, resolver, keys, 1)
    assert kept.carried(seed_index, keys, None, 1) is not None
    assert kept.carried(seed_index, keys, None, 2) is None  # another merge version
    other = {p: f"x{k}" for p, k in keys.items()}  # every analysis changed: too much to carry
    assert kept.carried(seed_index, other | {f"z{n}.txt": "k" for n in range(20)}, None, 1) is None
    header, saved, data = marshal.loads((seed_index / kept.KEPT_FILE).read_bytes())
    (seed_index / kept.KEPT_FILE).write_bytes(marshal.dumps((header[:-1] + [0], saved, data)))
    assert kept.carried(seed_index, keys, None, 1) is None
    (seed_index / kept.KEPT_FILE).write_bytes(b"not a resolver")
    assert kept.carried(seed_index, keys, None, 1) is None
    shutil.rmtree(seed_index)
    with pytest.raises(OSError):  # the index went meanwhile: nothing written
        kept.keep(seed_index, resolver, keys, 1)
    assert not seed_index.exists()


def test_a_kept_resolver_that_fails_to_fold_in_is_dropped_and_the_merge_resolves_anew(
    seeds_copy, seed_index, tmp_path, monkeypatch
):
    from dossier.service import RESOLVE_VERSION

    monkeypatch.setattr(kept, "KEEP_FROM", 1)
    dossier = Dossier(seeds_copy, seed_index)
    version = analysis_version()
    keys = {a["path"]: f"{a['body_sha1']}-{version}.json" for a in dossier.articles()}
    keys = dict(sorted(keys.items()))
    pack = read_pack(dossier.store)
    resolver = Resolver(list(keys))
    resolver.ahead({p: pack[k]["mentions"] for p, k in keys.items()})
    resolver.finish({})
    # kept with its variant groups lost: it carries over, but cannot fold a new article in
    plain = list(resolver.plain())
    plain[6] = ({}, *plain[6][1:])
    kept.keep(seed_index, Resolver.from_plain(tuple(plain)), keys, RESOLVE_VERSION)
    assert kept.carried(seed_index, keys, None, RESOLVE_VERSION) is not None
    (seeds_copy / "002_added.txt").write_text(
        "Envoy meets rebels\n\nThe envoy Lars Brekke met rebel leaders on Monday.\n",
        encoding="utf-8",
    )
    report = dossier.refresh()
    assert report.analysed == 1 and not any(n.path == "(analysis)" for n in report.notices)
    assert_as_a_fresh_merge(seeds_copy, seed_index, tmp_path / "fresh")
    # the broken one was removed, and this merge's resolver kept in its place
    keys = {a["path"]: f"{a['body_sha1']}-{version}.json" for a in dossier.articles()}
    assert _wait_for_newer(seed_index / kept.KEPT_FILE)
    assert kept.carried(seed_index, dict(sorted(keys.items())), None, RESOLVE_VERSION)
