"""The derived data: one consolidated analysis store, and the same output however it was reached.

Real spaCy, real on-disk indexes: a dossier changed step by step (an article added, one
changed, one removed) must derive exactly the files a build from scratch of the final folder
derives.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dossier.derive import ANALYSIS_DIR, ANALYSIS_PACK, DERIVED_STAMP, analysis_version, read_pack
from dossier.service import Dossier
from tests.dossiers import built

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DERIVED = ("entities.json", "discrepancies.json", "quotes.json", DERIVED_STAMP)

HARBOUR = (
    "Harbour fire\n\n"
    "A fire destroyed 40 boats at the harbour of Porto on Tuesday, the mayor Ana Lopez said. "
    "“We will rebuild the harbour before winter,” Lopez told reporters.\n"
)
HARBOUR_AGAIN = (
    "Fire at the harbour\n\n"
    "About 60 boats burned at the Porto harbour on Tuesday, according to the fire brigade. "
    "“We shall rebuild this harbour before the winter,” said Ana Lopez, the mayor.\n"
)


def indexed(tmp_path: Path, texts: dict[str, str]) -> tuple[Path, Dossier]:
    """A dossier of these texts ({file name: text}) in tmp_path, indexed and analysed."""
    dossier = built(tmp_path, texts)
    return dossier.seeds, dossier


def derived(index: Path) -> dict[str, object]:
    return {name: json.loads((index / name).read_text(encoding="utf-8")) for name in DERIVED}


@pytest.fixture(scope="module")
def stepwise(tmp_path_factory):
    """A dossier built from the seeds, then changed three ways, and the final folder."""
    seeds = tmp_path_factory.mktemp("stepwise") / "seeds"
    shutil.copytree(SEEDS, seeds)
    index = seeds.parent / "index"
    dossier = Dossier(seeds, index)
    dossier.refresh()
    (seeds / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    added = dossier.refresh()
    (seeds / "harbour-2.txt").write_text(HARBOUR_AGAIN, encoding="utf-8")
    dossier.refresh()
    first = sorted(p.name for p in seeds.glob("0*.txt"))[0]
    (seeds / first).write_text(
        (seeds / first).read_text(encoding="utf-8") + "\nA correction was added on Friday.\n",
        encoding="utf-8",
    )
    changed = dossier.refresh()
    (seeds / "harbour.txt").unlink()
    removed = dossier.refresh()
    return seeds, index, (added, changed, removed)


def test_each_change_parses_only_what_changed(stepwise):
    _, _, (added, changed, removed) = stepwise
    assert (added.analysed, changed.analysed, removed.analysed) == (1, 1, 0)


def test_changed_step_by_step_derives_what_a_build_from_scratch_derives(stepwise, tmp_path):
    seeds, index, _ = stepwise
    Dossier(seeds, tmp_path / "fresh").refresh()
    assert derived(index) == derived(tmp_path / "fresh")


def test_analyses_are_kept_in_one_store(stepwise):
    seeds, index, _ = stepwise
    assert (index / ANALYSIS_PACK).is_file()
    assert list((index / ANALYSIS_DIR).glob("*.json")) == []
    articles = Dossier(seeds, index).articles()
    assert len(read_pack(Dossier(seeds, index).store)) == len({a["body_sha1"] for a in articles})


def test_an_index_with_one_file_per_analysis_is_read_not_parsed_again(stepwise, tmp_path):
    seeds, index, _ = stepwise
    shutil.copytree(index, tmp_path / "old")
    old = tmp_path / "old"
    # The layout before the store: index/analysis/<key>.json per article.
    for key, result in read_pack(Dossier(seeds, old).store).items():
        (old / ANALYSIS_DIR / key).write_text(json.dumps(result), encoding="utf-8")
    (old / ANALYSIS_PACK).unlink()
    (old / DERIVED_STAMP).unlink()
    report = Dossier(seeds, old).refresh()
    assert report.analysed == 0
    assert derived(old) == derived(index)
    assert (old / ANALYSIS_PACK).is_file() and list((old / ANALYSIS_DIR).glob("*.json")) == []


def test_a_damaged_store_is_analysed_again(tmp_path):
    seeds, dossier = indexed(tmp_path, {"harbour.txt": HARBOUR})
    before = dossier.entities()
    (tmp_path / "index" / ANALYSIS_PACK).write_bytes(b"\x00not a store")
    (tmp_path / "index" / DERIVED_STAMP).unlink()
    report = dossier.refresh()
    assert report.analysed == 1
    assert dossier.entities() == before


def synthetic_folder(seeds: Path, count: int) -> Path:
    """Short hand-written articles, enough of them to be parsed in worker processes."""
    seeds.mkdir(parents=True)
    towns = ["Harbourtown", "Lakeside", "Northfield", "Eastport"]
    for n in range(count):
        (seeds / f"{n:03d}.txt").write_text(
            f"Report {n} from {towns[n % 4]}\n\nOfficials in {towns[n % 4]} said {n % 90 + 2} people were "
            f"evacuated on day {n}. “The river will peak overnight,” Mayor Ana Lopez said.\n",
            encoding="utf-8",
        )
    return seeds


def test_a_large_build_parses_while_indexing_and_derives_what_parsing_after_does(tmp_path):
    from dossier import nlp

    seeds = synthetic_folder(tmp_path / "seeds", nlp.PARALLEL_MIN_DOCS + 10)
    early = Dossier(seeds, tmp_path / "early")
    report = early.refresh()
    assert report.analysed == nlp.PARALLEL_MIN_DOCS + 10
    late = Dossier(seeds, tmp_path / "late")
    late.refresh(analyse=False)  # the text index alone; everything is parsed after the commit
    assert late.refresh().analysed == nlp.PARALLEL_MIN_DOCS + 10
    assert derived(tmp_path / "early") == derived(tmp_path / "late")


def test_early_analysis_parses_small_and_large_runs_in_workers(tmp_path):
    """A run of a few articles hands them to one worker as they are read (its spaCy load and
    parse overlap the text index's commit); a large run in chunks to two."""
    from dossier.analysis import analyse_chunk
    from dossier.derive import EarlyAnalysis
    from dossier.store.writer import body_digest

    seeds = synthetic_folder(tmp_path / "seeds", 3)
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh(analyse=False)
    articles = [dossier.article(a["path"]) for a in dossier.articles()]
    keys = [f"{body_digest(a.body)}-{analysis_version()}.json" for a in articles]
    expected = dict(zip(keys, analyse_chunk([a.body for a in articles]), strict=True))

    for total in (3, 500):  # as when 3 or 500 files are being read
        early = EarlyAnalysis(dossier.store)
        try:
            for article in articles:
                early.add(article, total)
            if total == 3:  # all read: in a worker already, before the results are asked for
                assert early._chunks
            found = early.results(set(keys), None)
        finally:
            early.close()
        assert found == expected


FERRY = (
    "Ferry strike\n\n"
    "The ferry workers' union said 300 crossings were cancelled at Dover on Monday. "
    "“We will not accept the new rota under any circumstances,” said union leader Marta Okafor.\n"
)
FERRY_AGAIN = (
    "Strike halts ferries\n\n"
    "About 120 crossings were cancelled at Dover on Monday, the operator said. "
    "“We shall never accept this new rota under any circumstances,” Marta Okafor told reporters.\n"
)
FERRY_AGREES = (
    "Strike halts ferries\n\n"
    "The union said 300 crossings were cancelled at Dover on Monday. "
    "“We will not accept the new rota under any circumstances,” Marta Okafor told reporters.\n"
)
TALKS = (
    "Talks to resume\n\n"
    "Ms. Okafor met the operator in Dover on Tuesday. Ms. Okafor said the talks went well.\n"
)
TALKS_TWO = TALKS.replace(
    "Ms. Okafor said", "Her sister, Ana Okafor, a ferry captain, was there too. Ms. Okafor said"
)


def test_each_step_derives_what_a_fresh_build_derives(tmp_path):
    """Discrepancies that appear and go, a bare surname that joins a person and then, with a
    namesake in the dossier, stands apart: after every step, the same files as from scratch."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    dossier = Dossier(seeds, tmp_path / "index")
    steps = [
        ("a.txt", FERRY),
        ("b.txt", FERRY_AGAIN),
        ("c.txt", TALKS),
        ("c.txt", TALKS_TWO),
        ("b.txt", FERRY_AGREES),
        ("a.txt", None),
    ]
    seen = []
    for n, (name, text) in enumerate(steps):
        if text is None:
            (seeds / name).unlink()
        else:
            (seeds / name).write_text(text, encoding="utf-8")
        dossier.refresh()
        fresh = tmp_path / f"fresh-{n}"
        Dossier(seeds, fresh).refresh()
        assert derived(tmp_path / "index") == derived(fresh), f"step {n}: {name}"
        seen.append(
            (
                len(dossier.discrepancies()),
                sorted(len(e["paths"]) for e in dossier.entities() if "Okafor" in e["name"]),
            )
        )
    assert seen[1][0] > seen[0][0] == 0 and seen[4][0] == 0  # found, then gone
    # "Ms. Okafor" joins Marta Okafor; once her article names a sister, its "Ms. Okafor" after
    # that name is the sister, the one before it cannot be told (Marta or Ana).
    assert seen[2][1] == [3] and seen[3][1] == [1, 1, 2]


def test_an_article_read_is_checked_against_the_packs_keys_not_the_pack(tmp_path):
    from dossier.derive import EarlyAnalysis, read_pack_keys

    seeds, dossier = indexed(tmp_path, {"harbour.txt": HARBOUR})
    assert read_pack_keys(dossier.store) == set(read_pack(dossier.store))
    (seeds / "harbour-2.txt").write_text(HARBOUR_AGAIN, encoding="utf-8")
    dossier.refresh(analyse=False)
    early = EarlyAnalysis(dossier.store)
    try:
        for entry in dossier.articles():
            early.add(dossier.article(entry["path"]), 1)
        assert early._pack is None  # the megabytes of analyses are read after the commit
        assert len(early._chunks) == 1  # the new article only, already with a worker
    finally:
        early.close()
    # A pack that no longer matches its keys (another size) is read for its keys again.
    pack = tmp_path / "index" / ANALYSIS_PACK
    pack.write_bytes(pack.read_bytes() + b"\x00")
    assert read_pack_keys(dossier.store) is None


def test_an_edit_that_only_moves_names_reuses_the_entities_resolved_while_parsing(
    tmp_path, monkeypatch
):
    """Words inserted before the names: every later offset moves, the names stay. The entities
    resolved from the old mentions during the parse (a guess, made from GUESS_FROM parsed
    articles: lowered here to one), moved to the new offsets, are kept; a renamed person is
    resolved again. After each step, the same files as from scratch."""
    from dossier import derive

    monkeypatch.setattr(derive, "GUESS_FROM", 1)
    seeds, dossier = indexed(tmp_path, {"a.txt": FERRY, "b.txt": FERRY_AGAIN})
    before = {
        o["start"] for e in dossier.entities() for o in e["occurrences"] if o["path"] == "b.txt"
    }
    (seeds / "b.txt").write_text(
        FERRY_AGAIN.replace("About 120", "By the evening, about 120"), encoding="utf-8"
    )
    moved = dossier.refresh()
    assert moved.analysed == 1 and "guess" in moved.phases and "entities" not in moved.phases
    after = {
        o["start"] for e in dossier.entities() for o in e["occurrences"] if o["path"] == "b.txt"
    }
    assert after != before  # the reused entities carry the new offsets
    Dossier(seeds, tmp_path / "fresh").refresh()
    assert derived(tmp_path / "index") == derived(tmp_path / "fresh")

    (seeds / "b.txt").write_text(
        FERRY_AGAIN.replace("Marta Okafor", "Martha Okafor"), encoding="utf-8"
    )
    renamed = dossier.refresh()
    assert renamed.analysed == 1 and "entities" in renamed.phases  # the guess is not used
    Dossier(seeds, tmp_path / "fresh-2").refresh()
    assert derived(tmp_path / "index") == derived(tmp_path / "fresh-2")


def _mention(name: str, start: int, **extra) -> dict:
    return {
        "name": name,
        "kind": "person",
        "start": start,
        "end": start + len(name),
        "sentence": [0, 99],
        **extra,
    }


def test_guessed_entities_are_used_only_when_the_mentions_differ_in_offsets_alone():
    from dossier.derive import _Guess

    old = [_mention("Ann Lee", 5), _mention("Bo Chan", 30)]
    entity = {
        "id": "ann-lee",
        "occurrences": [
            {"path": "a", "start": 5, "end": 12, "sentence": [0, 99], "surface": "Ann Lee"},
            {"path": "z", "start": 1, "end": 8, "sentence": [0, 9], "surface": "Ann Lee"},
        ],
    }
    guess = _Guess({"a": old}, [entity])
    shifted = [_mention("Ann Lee", 9, sentence=[0, 103]), _mention("Bo Chan", 34)]
    (moved,) = guess.entities_for({"a": {"mentions": shifted}})
    assert moved["occurrences"][0] == {
        "path": "a",
        "start": 9,
        "end": 16,
        "sentence": [0, 103],
        "surface": "Ann Lee",
    }
    assert moved["occurrences"][1] == entity["occurrences"][1]  # another article: as it was
    # Anything the resolution weighs (here who the person is said to be) makes it resolve again.
    kin = [_mention("Ann Lee", 9, kin="wife"), _mention("Bo Chan", 34)]
    assert guess.entities_for({"a": {"mentions": kin}}) is None
    assert guess.entities_for({"a": {"mentions": shifted[:1]}}) is None  # one fewer
    swapped = [_mention("Ann Lee", 40), _mention("Bo Chan", 34)]  # order by offset changed
    assert guess.entities_for({"a": {"mentions": swapped}}) is None
    tied = _Guess({"a": [_mention("Ann Lee", 5), _mention("Ann Lee", 5)]}, [entity])
    assert tied.entities_for({"a": {"mentions": [_mention("Ann Lee", 6)] * 2}}) is None


def test_a_damaged_hint_of_previous_analyses_only_means_no_guess(tmp_path, monkeypatch):
    import marshal

    from dossier import derive
    from dossier.derive import PACK_PATHS, _pack_header

    monkeypatch.setattr(derive, "GUESS_FROM", 1)  # one changed article is guessed: reads the hint
    seeds, dossier = indexed(tmp_path, {"a.txt": FERRY})
    # Readable, but not what a run writes: a path whose "key" cannot be looked up.
    (tmp_path / "index" / PACK_PATHS).write_bytes(marshal.dumps((_pack_header(), {"a.txt": []})))
    (seeds / "a.txt").write_text(FERRY + "\nA correction was added.\n", encoding="utf-8")
    report = dossier.refresh()
    assert report.analysed == 1 and "guess" in report.phases  # tried, and given up on
    assert "entities" in report.phases and not report.notices
    Dossier(seeds, tmp_path / "fresh").refresh()
    assert derived(tmp_path / "index") == derived(tmp_path / "fresh")


def test_quotation_pairs_found_in_a_forked_process_derive_what_a_fresh_build_derives(
    tmp_path, monkeypatch
):
    """From PARALLEL_MERGE_ARTICLES articles (lowered here to the seeds' size) the related
    quotations are found in a forked process while the entities are resolved."""
    from dossier import derive

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    Dossier(seeds, tmp_path / "index").refresh()
    handed: list[object] = []
    real = derive.in_parallel

    def watched(work):
        waiting = real(work)

        def result():
            handed.append(waiting())
            return handed[-1]

        return result

    monkeypatch.setattr(derive, "in_parallel", watched)
    monkeypatch.setattr(derive, "PARALLEL_MERGE_ARTICLES", 1)
    (seeds / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (seeds / "harbour-2.txt").write_text(HARBOUR_AGAIN, encoding="utf-8")
    Dossier(seeds, tmp_path / "index").refresh()  # parses: nothing forked ahead
    assert handed == []
    (seeds / "harbour-3.txt").write_text(HARBOUR.replace("Harbour fire", "Boats lost"), "utf-8")
    Dossier(seeds, tmp_path / "index").refresh()  # stored analysis: the quotes go ahead
    assert len(handed) == 1 and handed[0][1]  # (fingerprint, the related pairs)
    monkeypatch.setattr(derive, "PARALLEL_MERGE_ARTICLES", 10_000)
    Dossier(seeds, tmp_path / "fresh").refresh()
    assert derived(tmp_path / "index") == derived(tmp_path / "fresh")


def test_a_failing_forked_quotation_search_only_means_the_merge_does_it(tmp_path, monkeypatch):
    from dossier import derive
    from dossier.claims import align

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    Dossier(seeds, tmp_path / "fresh").refresh()
    shutil.copytree(tmp_path / "fresh", tmp_path / "index")
    (tmp_path / "index" / DERIVED_STAMP).unlink()  # merge again, from the stored analyses
    (tmp_path / "index" / ANALYSIS_DIR / "quote-pairs.marshal").unlink()

    def broken(quotes, relations):
        raise RuntimeError("the child fails")

    monkeypatch.setattr(align, "related_quotes", broken)
    monkeypatch.setattr(derive, "PARALLEL_MERGE_ARTICLES", 1)
    report = Dossier(seeds, tmp_path / "index").refresh()
    assert not report.notices
    assert derived(tmp_path / "index") == derived(tmp_path / "fresh")
    assert (tmp_path / "index" / ANALYSIS_DIR / "quote-pairs.marshal").is_file()


def test_with_threads_running_the_quotations_are_not_searched_ahead(tmp_path, monkeypatch):
    """Forking is unsafe with threads (a TUI's refresh): the merge then does the work itself,
    once, rather than reading the analyses a second time for nothing."""
    import threading

    from dossier import derive

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    Dossier(seeds, tmp_path / "index").refresh()
    asked: list[object] = []
    real = derive.in_parallel
    monkeypatch.setattr(derive, "in_parallel", lambda work: asked.append(work) or real(work))
    monkeypatch.setattr(derive, "PARALLEL_MERGE_ARTICLES", 1)
    # Copies of a stored body under new titles: nothing to parse, every analysis stored.
    (seeds / "copy.txt").write_text(HARBOUR.replace("Harbour fire", "Boats lost"), "utf-8")
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert Dossier(seeds, tmp_path / "index").refresh().analysed == 0
    finally:
        stop.set()
        waiting.join()
    assert asked == []
    (seeds / "copy-2.txt").write_text(HARBOUR.replace("Harbour fire", "Quay fire"), "utf-8")
    Dossier(seeds, tmp_path / "index").refresh()  # no thread now: forked ahead
    assert len(asked) == 1
    Dossier(seeds, tmp_path / "fresh").refresh()
    assert derived(tmp_path / "index") == derived(tmp_path / "fresh")


def derived_bytes(index: Path) -> dict[str, bytes]:
    return {name: (index / name).read_bytes() for name in DERIVED[:3]}


def test_claims_found_ahead_while_parsed_articles_are_merged_derive_what_a_fresh_build_derives(
    tmp_path, monkeypatch
):
    """From PARALLEL_MERGE_ARTICLES articles (lowered here to the seeds' size) a run that parsed
    articles finds the claims' groundwork and the related quotations in a forked process while
    it resolves the entities, and that process writes the pack: an add, a change and a removal
    give, byte for byte, the files a build from scratch gives."""
    from dossier import derive

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    Dossier(seeds, tmp_path / "index").refresh()
    handed: list[object] = []
    real = derive.in_parallel_then

    def watched(work, then):
        waiting, finished = real(work, then)

        def result():
            handed.append(waiting())
            return handed[-1]

        return result, finished

    written: list[int] = []  # by this process (the child's calls stay in the child)
    real_write = derive.write_pack
    monkeypatch.setattr(derive, "write_pack", lambda *a: written.append(1) or real_write(*a))
    monkeypatch.setattr(derive, "in_parallel_then", watched)
    monkeypatch.setattr(derive, "PARALLEL_MERGE_ARTICLES", 1)
    (seeds / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (seeds / "harbour-2.txt").write_text(HARBOUR_AGAIN, encoding="utf-8")
    assert Dossier(seeds, tmp_path / "index").refresh().analysed == 2
    assert len(handed) == 1 and handed[0][2]["sequences"]  # (fingerprint, pairs, groundwork)
    assert written == []  # the child wrote the pack
    assert Dossier(seeds, tmp_path / "index").refresh().analysed == 0  # and it holds them
    (seeds / "harbour.txt").write_text(HARBOUR + "The port reopened on Friday.\n", "utf-8")
    assert Dossier(seeds, tmp_path / "index").refresh().analysed == 1
    # One article changed: its neighbours were resolved ahead, the child finds both.
    assert len(handed) == 2 and handed[1][0] is not None and handed[1][2] and written == []
    monkeypatch.setattr(derive, "GUESS_FROM", 1)
    (seeds / "harbour.txt").write_text(HARBOUR + "The port reopened on Monday.\n", "utf-8")
    assert Dossier(seeds, tmp_path / "index").refresh().analysed == 1
    # Guessed ahead: nothing is left to resolve, so the merge finds the quotation pairs
    # itself while the child finds the groundwork.
    assert len(handed) == 3 and handed[2][0] is None and handed[2][2] and written == []
    monkeypatch.setattr(derive, "PARALLEL_MERGE_ARTICLES", 10_000)
    Dossier(seeds, tmp_path / "fresh").refresh()
    assert derived_bytes(tmp_path / "index") == derived_bytes(tmp_path / "fresh")


def test_a_failing_claims_child_leaves_the_groundwork_and_the_pack_to_the_merge(
    tmp_path, monkeypatch
):
    from dossier import derive
    from dossier.claims import align

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    Dossier(seeds, tmp_path / "index").refresh()
    (seeds / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    Dossier(seeds, tmp_path / "fresh").refresh()
    real = align.groundwork
    parent = __import__("os").getpid()

    def broken(claims):
        if __import__("os").getpid() != parent:
            raise RuntimeError("the child fails")
        return real(claims)

    monkeypatch.setattr(align, "groundwork", broken)
    monkeypatch.setattr(derive, "PARALLEL_MERGE_ARTICLES", 1)
    report = Dossier(seeds, tmp_path / "index").refresh()
    assert report.analysed == 1 and not report.notices
    assert derived_bytes(tmp_path / "index") == derived_bytes(tmp_path / "fresh")
    assert Dossier(seeds, tmp_path / "index").refresh().analysed == 0  # the merge kept the pack


def test_a_merge_failing_after_it_forked_still_keeps_the_parsed_analyses(tmp_path, monkeypatch):
    """The child forked for the claims is read and waited for whatever the merge does next:
    the parsed analyses reach the pack, the failure is a notice, nothing is left running."""
    from dossier import derive
    from dossier.claims import compare

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    Dossier(seeds, tmp_path / "index").refresh()
    before = derived_bytes(tmp_path / "index")

    def broken(*args, **kwargs):
        raise RuntimeError("the comparison fails")

    monkeypatch.setattr(compare, "find_discrepancies", broken)
    monkeypatch.setattr(derive, "PARALLEL_MERGE_ARTICLES", 1)
    (seeds / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    report = Dossier(seeds, tmp_path / "index").refresh()
    assert report.analysed == 1 and "kept from the last run" in report.notices[0].message
    assert derived_bytes(tmp_path / "index") == before
    monkeypatch.undo()
    assert Dossier(seeds, tmp_path / "index").refresh().analysed == 0  # in the pack


def test_one_changed_article_is_folded_into_the_others_resolved_while_it_is_parsed(tmp_path):
    """Fewer than GUESS_FROM changed articles are not guessed: the others are resolved during
    the parse and the changed one folded in after, to the files a build from scratch gives."""
    seeds, dossier = indexed(tmp_path, {"a.txt": FERRY, "b.txt": FERRY_AGAIN})
    (seeds / "b.txt").write_text(
        FERRY_AGAIN.replace("Marta Okafor", "Martha Okafor"), encoding="utf-8"
    )
    changed = dossier.refresh()
    assert changed.analysed == 1 and "entities ahead" in changed.phases
    assert "guess" not in changed.phases
    Dossier(seeds, tmp_path / "fresh").refresh()
    assert derived(tmp_path / "index") == derived(tmp_path / "fresh")


def test_a_new_article_is_resolved_with_the_stored_ones_resolved_while_it_is_parsed(tmp_path):
    """The stored articles' entities are resolved during the parse and the new article folded
    in after: the same files as from scratch, a surname in the new article included."""
    seeds, dossier = indexed(tmp_path, {"a.txt": FERRY, "c.txt": TALKS})
    (seeds / "b.txt").write_text(FERRY_AGAIN, encoding="utf-8")
    added = dossier.refresh()
    assert added.analysed == 1 and "entities ahead" in added.phases
    Dossier(seeds, tmp_path / "fresh").refresh()
    assert derived(tmp_path / "index") == derived(tmp_path / "fresh")


def test_a_process_that_waited_has_not_had_most_of_a_core():
    """Settling ahead is skipped when this process gets little CPU (a busy machine): waiting
    is the plainest case of it, and a process that only waits has had none."""
    import time

    from dossier.derive import _CoreShare

    share = _CoreShare()
    time.sleep(0.05)
    assert not share.most_of_a_core()


def test_the_reader_frees_each_merge_while_a_command_keeps_it_for_its_exit(tmp_path):
    """A command that ends after one merge keeps its objects for a fast exit; the reader, which
    merges again on every change of the folder, must free each merge's objects as usual."""
    from dossier import cli, derive

    derive.keep_until_exit()
    try:
        seeds, dossier = indexed(tmp_path, {"a.txt": FERRY})
        assert derive._kept, "the command keeps what its merge built"
        cli._stays_open()  # what opening the reader does
        (seeds / "b.txt").write_text(FERRY_AGAIN, encoding="utf-8")
        assert dossier.refresh().analysed == 1
        assert derive._kept is None
    finally:
        derive.keep_until_exit(False)
        cli._interactive = False
