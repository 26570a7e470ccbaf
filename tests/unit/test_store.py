"""The index on disk: search semantics, incremental updates, the writer lock, recovery."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dossier.service import Dossier, IndexBusy, QueryError
from dossier.store.writer import MANIFEST, WHOOSH_DIR


def paths(result):
    return sorted(h.path for h in result.hits)


def write(folder: Path, name: str, title: str, body: str) -> None:
    (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")


@pytest.fixture
def small(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(
        seeds,
        "a.txt",
        "Army arrests officers",
        "General Goïta said soldiers were arrested in the capital on Sunday.",
    )
    write(
        seeds,
        "b.txt",
        "Parliament dissolved",
        "The military government dissolved political parties after protests.",
    )
    write(
        seeds,
        "c.txt",
        "Coup plot foiled",
        "Officials described a coup plot; the general denied the arrests.",
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    return dossier


# -- search semantics ------------------------------------------------------------------
def test_accents_fold_both_ways(small):
    assert paths(small.search("goita")) == ["a.txt"]
    assert paths(small.search("Goïta")) == ["a.txt"]


def test_stemming_matches_word_forms(small):
    assert paths(small.search("arrest")) == ["a.txt", "c.txt"]
    assert paths(small.search("dissolving")) == ["b.txt"]


def test_phrase_needs_the_words_together(small):
    assert paths(small.search('"coup plot"')) == ["c.txt"]
    assert paths(small.search('"plot coup"')) == []


def test_field_queries(small):
    assert paths(small.search("title:foiled")) == ["c.txt"]
    assert paths(small.search("title:general")) == []
    assert paths(small.search("text:general")) == ["a.txt", "c.txt"]


def test_boolean_operators(small):
    assert paths(small.search("general AND NOT denied")) == ["a.txt"]
    assert paths(small.search("parties OR plot")) == ["b.txt", "c.txt"]


def test_fuzzy_and_wildcard(small):
    assert paths(small.search("parlament~")) == ["b.txt"]
    assert paths(small.search("offic*")) == ["a.txt", "c.txt"]


def test_fuzzy_matches_words_whose_stem_differs(small):
    # 'officials' is stemmed to 'offici': the misspelling is compared with the word as written
    assert paths(small.search("oficials~")) == ["c.txt"]
    assert paths(small.search("goitta~")) == ["a.txt"]
    assert paths(small.search("capitl~")) == ["a.txt"]


def test_match_spans_locate_hits_in_the_body(small):
    article = small.article("a.txt")
    spans = small.match_spans("soldier* goita", "a.txt")
    assert [article.body[s:e] for s, e in spans] == ["Goïta", "soldiers"]
    assert small.match_spans("parliament", "a.txt") == []


def test_title_outranks_body(small):
    result = small.search("coup")
    assert result.hits[0].path == "c.txt"


def test_snippet_marks_the_matched_words(small):
    (hit,) = small.search("soldiers").hits
    marked = [f.text for f in hit.snippet if f.match]
    assert marked == ["soldiers"]
    assert "<b>soldiers</b>" in hit.snippet_markup()


def test_spelling_suggestion_when_nothing_matches(small):
    result = small.search("parliment")
    assert result.total == 0
    assert result.corrected == "parliament"
    assert small.search("parliament").corrected is None


def test_a_fuzzy_word_that_finds_nothing_gets_a_suggestion_too(small):
    # two letters off: more than a fuzzy term's one edit, within the corrector's two
    result = small.search("parlimint~ dissolved")
    assert result.total == 0
    assert result.corrected == "parliament~ dissolved"
    assert small.search(result.corrected).total == 1


def test_no_suggestion_for_nonsense(small):
    assert small.search("zzqxj").corrected is None


@pytest.mark.parametrize(
    "query, says",
    [
        ("arrest AND (", "never closed"),
        ("arrest)", "no matching"),
        ('"coup plot', "unbalanced quotes"),
        ("AND arrest", "before"),
        ("arrest OR", "after"),
        ("arrest NOT", "after"),
        ("nosuchfield:x", "unknown field"),
        ("title: coup", "needs a word"),
        ("coup~9", "fuzzy distance"),
        ("()", "empty brackets"),
        ("(" * 40 + "x" + ")" * 40, "nested"),
        ("x " * 600, "too long"),
    ],
)
def test_malformed_queries_are_explained(small, query, says):
    with pytest.raises(QueryError, match=says):
        small.search(query)


# -- incremental updates -----------------------------------------------------------------
def test_nothing_changed_writes_nothing(small):
    report = small.refresh()
    assert not report.changed and report.unchanged == 3


def test_add_change_delete(small):
    write(small.seeds, "d.txt", "New article", "A brand new report about elections.")
    write(small.seeds, "a.txt", "Army arrests officers", "Now the text speaks of a referendum.")
    (small.seeds / "b.txt").unlink()
    report = small.refresh()
    assert (report.added, report.updated, report.removed, report.unchanged) == (
        ["d.txt"],
        ["a.txt"],
        ["b.txt"],
        1,
    )
    assert paths(small.search("elections")) == ["d.txt"]
    assert paths(small.search("referendum")) == ["a.txt"]
    assert paths(small.search("soldiers")) == []
    assert paths(small.search("parliament")) == []
    assert sorted(a["path"] for a in small.articles()) == ["a.txt", "c.txt", "d.txt"]
    assert small.search("referendum").total == 1, "the old version must not linger"


def test_file_that_turns_unreadable_is_dropped_and_reported(small):
    (small.seeds / "a.txt").write_bytes(b"\x00\x01binary")
    report = small.refresh()
    assert [s.path for s in report.skipped] == ["a.txt"]
    assert paths(small.search("goita")) == []


def test_schema_version_change_rebuilds(small):
    manifest_path = small.index / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["version"] = -1
    manifest_path.write_text(json.dumps(manifest))
    report = small.refresh()
    assert report.rebuilt and "format" in report.reason
    assert len(report.added) == 3


def test_damaged_index_is_rebuilt_with_a_reason(small):
    for toc in (small.index / WHOOSH_DIR).glob("*.toc"):
        toc.write_bytes(b"garbage")
    report = small.refresh()
    assert report.rebuilt and "unreadable" in report.reason
    assert paths(small.search("goita")) == ["a.txt"]


def test_manifest_lost_after_commit_is_recovered_from_the_index(small):
    manifest_path = small.index / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["generation"] = -5
    manifest["files"] = {}
    manifest_path.write_text(json.dumps(manifest))
    report = small.refresh()
    assert not report.changed and report.unchanged == 3


def test_stored_article_keeps_every_field_and_the_recovered_manifest_matches(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "wire.md").write_text(
        "---\ntitle: Harbour reopens\nauthor: Ana Reis\npublished: 2024-03-02\n---\n"
        "LISBON (AFP) - The harbour reopened on Friday after a week of storms.\n\n"
        "Ferries were running again by noon, officials told AFP.\n",
        encoding="utf-8",
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    article = dossier.article("wire.md")
    assert (article.source, article.source_guessed) == ("AFP", True)
    assert (article.author, article.published) == ("Ana Reis", "2024-03-02")
    before = json.loads((dossier.index / MANIFEST).read_text())["files"]
    manifest = json.loads((dossier.index / MANIFEST).read_text())
    manifest["generation"], manifest["files"] = -5, {}
    (dossier.index / MANIFEST).write_text(json.dumps(manifest))
    dossier.refresh()  # rebuilt from the index's stored fields
    assert json.loads((dossier.index / MANIFEST).read_text())["files"] == before


# -- one writer at a time ------------------------------------------------------------------
HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from dossier.store.writer import WriteLock
    with WriteLock(Path(sys.argv[1]), wait=0):
        print("locked", flush=True)
        time.sleep(60)
    """
)


def hold_lock(index: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(index)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_writer_waits_then_gives_a_clear_message(small):
    holder = hold_lock(small.index)
    try:
        started = time.monotonic()
        with pytest.raises(IndexBusy, match=f"process {holder.pid}"):
            small.refresh(wait=0.5)
        assert time.monotonic() - started >= 0.5
        # readers are not blocked by a writer
        assert paths(small.search("goita")) == ["a.txt"]
        assert small.ensure_index() is None
    finally:
        holder.kill()
        holder.wait()


def test_lock_of_a_killed_writer_is_recovered(small):
    holder = hold_lock(small.index)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    write(small.seeds, "e.txt", "After the crash", "Indexing continues normally.")
    report = small.refresh(wait=0.5)
    assert report.added == ["e.txt"]


def test_unchanged_files_are_not_read_again_and_same_size_edits_are_seen(small):
    path = small.seeds / "a.txt"
    original = path.read_text(encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns()))  # touched, not changed
    report = small.refresh()
    assert not report.changed and report.unchanged == 3
    edited = original.replace("Sunday", "Monday")  # same length
    assert len(edited) == len(original)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    report = small.refresh()
    assert report.updated == ["a.txt"]
    assert paths(small.search("monday")) == ["a.txt"]


def test_only_the_best_hits_get_highlighted_snippets(small):
    result = small.search("arrest", snippets=1)
    first, second = result.hits
    assert any(f.match for f in first.snippet)
    assert not any(f.match for f in second.snippet) and second.snippet


def test_an_index_kept_inside_the_seeds_folder_is_not_read_as_articles(small):
    inner = Dossier(small.seeds, small.seeds / "index")
    first = inner.refresh()
    assert sorted(first.added) == ["a.txt", "b.txt", "c.txt"]
    again = inner.refresh()
    assert not again.changed and not again.skipped
    with pytest.raises(FileNotFoundError, match="must not be the seeds folder"):
        Dossier(small.seeds, small.seeds).refresh()


# -- phrases, numbers and entity filters as single hits ---------------------------------------
@pytest.fixture
def figures(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(
        seeds,
        "f.txt",
        "Budget vote delayed",
        "No one is above the law, the mayor said. The board will remove the clause. "
        "The fund paid $5,687.75 on 2018-04-17 and 250,000 people signed; a rival fund raised $60,000. "
        "Growth was 3.5 percent in 2018.",
    )
    write(
        seeds,
        "g.txt",
        "Ferry schedule",
        "Mayor Harriet Vance opened the ferry line. Vance said the boats were late.",
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    return dossier


def marked(dossier, query, path):
    body = dossier.article(path).body
    return [body[s:e] for s, e in dossier.match_spans(query, path)]


def test_a_phrase_is_one_hit_and_its_words_alone_are_not_hits(figures):
    assert marked(figures, '"above the law"', "f.txt") == ["above the law"]
    hit = figures.search('"above the law"').hits[0]
    assert [f.text for f in hit.snippet if f.match] == ["above the law"]


def test_numbers_with_separators_are_one_token(figures):
    assert marked(figures, "250,000", "f.txt") == ["250,000"]
    assert marked(figures, "$5,687.75", "f.txt") == ["5,687.75"]
    assert marked(figures, "2018-04-17", "f.txt") == ["2018-04-17"]
    assert marked(figures, "3.5", "f.txt") == ["3.5"]
    assert paths(figures.search("250000")) == ["f.txt"], "thousands separators are optional"
    assert paths(figures.search("000")) == []
    assert marked(figures, "2018", "f.txt") == ["2018"], "a bare year is not part of a date"


def test_a_phrase_and_its_words_are_not_counted_twice(figures):
    assert marked(figures, '"above the law" law', "f.txt") == ["above the law"]


def test_an_entity_filter_highlights_every_mention_of_the_entity(figures):
    person = next(e for e in figures.entities("person") if "Vance" in e["name"])
    spans = marked(figures, f"person:{person['id']}", "g.txt")
    assert len(spans) >= 2 and all("Vance" in s for s in spans), spans
    hit = figures.search(f"person:{person['id']}").hits[0]
    assert any(f.match and "Vance" in f.text for f in hit.snippet)


# -- reading cheaply (issue 13) ---------------------------------------------------------
def test_highlighting_words_match_the_index_analysis_and_are_remembered():
    from dossier.store.schema import name_analyzer, text_analyzer
    from dossier.store.searcher import _TERMS, _tokens

    text = "Mrs Müller's naïve U.S. aides arrested 250,000 people on 2018-04-17 at 10:30; they're arresting more."
    for analyzer in (text_analyzer(), name_analyzer()):
        expected = [
            (t.text, t.startchar, t.endchar)
            for t in analyzer(text, positions=True, chars=True, mode="index", removestops=False)
        ]
        assert _tokens(text, analyzer) == expected
        assert _TERMS[id(analyzer)][1]["arrested"] in {"arrest", "arrested"}, (
            "each word is analysed once, then remembered"
        )


def test_reads_from_new_threads_share_one_open_searcher(small):
    import threading

    def search():
        assert small.search("arrest").total == 2

    for _ in range(3):  # the reader runs every search in a new worker thread
        thread = threading.Thread(target=search)
        thread.start()
        thread.join()
    assert len(small.store._idle) == 1, "one searcher opened and reused, not one per thread"
    first = small.store._idle[0]
    small.search("plot")
    assert small.store._idle == [first]


def test_a_rewrite_retires_the_pooled_searchers(small, tmp_path):
    small.search("arrest")
    before = list(small.store._idle)
    write(small.seeds, "d.txt", "Curfew lifted", "The general lifted the curfew after the arrests.")
    small.refresh(analyse=False)
    assert paths(small.search("curfew")) == ["d.txt"]
    assert not set(map(id, small.store._idle)) & set(map(id, before))


def test_snippets_for_rows_as_they_come_into_view(small):
    result = small.search("arrest", snippets=0)
    assert [hit.path for hit in result.hits] == ["a.txt", "c.txt"]
    assert not any(f.match for hit in result.hits for f in hit.snippet), "opening words only"
    filled = small.snippets("arrest", ["c.txt"])
    assert [f.text for f in filled["c.txt"] if f.match] == ["arrests"]
    # the matches found for the row are the ones the reader highlights
    body = small.article("c.txt").body
    assert [body[s:e] for s, e in small.match_spans("arrest", "c.txt")] == ["arrests"]
    assert small.snippets("arrest AND (", ["c.txt"]) == {}, "a malformed query marks nothing"


def test_remembered_matches_follow_a_rewrite(small):
    small.snippets("curfew", ["a.txt"])
    write(small.seeds, "a.txt", "Army arrests officers", "A curfew was declared in the capital.")
    small.refresh(analyse=False)
    body = small.article("a.txt").body
    assert [body[s:e] for s, e in small.match_spans("curfew", "a.txt")] == ["curfew"]


def test_forked_work_answers_before_the_work_after_it_ends(tmp_path):
    """The result of ``work`` is read while the child still runs ``then``; ``finished`` waits
    for ``then`` and says whether it ran to the end."""
    from dossier.store import in_parallel_then

    flag = tmp_path / "then-done"
    go = tmp_path / "go"

    def then() -> None:
        while not go.exists():  # held until the caller has its result
            time.sleep(0.01)
        flag.write_text("done")

    result, finished = in_parallel_then(lambda: {"found": [1, 2]}, then)
    assert result() == {"found": [1, 2]} and not flag.exists()
    go.write_text("")
    assert finished() and flag.read_text() == "done"

    def broken() -> None:
        raise RuntimeError("then fails")

    result, finished = in_parallel_then(lambda: 3, broken)
    assert result() == 3 and not finished()

    def failing() -> int:
        raise RuntimeError("work fails")

    result, finished = in_parallel_then(failing, lambda: flag.unlink())
    assert result() is None and not finished() and flag.exists()  # nothing after a failure


def test_work_left_in_the_background_never_holds_the_command_or_its_lock(tmp_path):
    """A command that leaves a cache to be written after it answers ends for whoever reads
    its output (the pipe is let go), and the index lock it held is free: the background work
    waits for a file the test writes only after the command has ended."""
    go, done = tmp_path / "go", tmp_path / "done"
    script = textwrap.dedent(
        f"""
        import fcntl, time
        from pathlib import Path
        from dossier.store import in_background

        lock = open({str(tmp_path / "lock")!r}, "w")
        fcntl.flock(lock, fcntl.LOCK_EX)

        def work():
            deadline = time.monotonic() + 120  # never left running by a failed test
            while not Path({str(go)!r}).exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            Path({str(done)!r}).write_text("written")

        print("started" if in_background(work) else "no fork")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "started" and not done.exists()
    with open(tmp_path / "lock", "w") as lock:  # the lock went with the command
        import fcntl

        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    go.write_text("")
    deadline = time.monotonic() + 60
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert done.read_text() == "written"
