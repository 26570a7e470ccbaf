"""A search's freshness check: read-only and cheap, yet it sees every change a refresh would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.ingest import scan_folder, scan_stats
from dossier.service import Dossier
from dossier.store.writer import WHOOSH_DIR, latest_generation
from tests.unit.test_store import hold_lock, paths, write


@pytest.fixture(params=["walked here", "walked in a forked process"])
def harbour(tmp_path, request, monkeypatch):
    # Large folders are checked in a forked process: both ways must see the same changes.
    forked = request.param == "walked in a forked process"
    monkeypatch.setattr("dossier.store.PARALLEL_CHECK_FILES", 1 if forked else 10**9)
    seeds = tmp_path / "seeds"
    (seeds / "wires").mkdir(parents=True)
    write(seeds, "one.txt", "Ferry strike ends", "Dockers voted to return to work on Friday.")
    write(seeds, "wires/two.txt", "Harbour reopens", "The harbour reopened after the storm.")
    write(seeds, "three.md", "Tolls rise", "Bridge tolls rise by a fifth next spring.")
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh(analyse=False)
    return dossier


def test_an_untouched_folder_is_current_and_needs_no_write_lock(harbour):
    assert harbour.store.is_current()
    holder = hold_lock(harbour.index)  # a writer busy elsewhere does not stop a reader
    try:
        report = harbour.ensure_index(analyse=False)
    finally:
        holder.kill()
        holder.wait()
    assert report is not None and not report.changed and report.unchanged == 3


def test_every_kind_of_change_makes_the_index_not_current(harbour):
    seeds = harbour.seeds
    later = time.time_ns() + 10**9
    os.utime(seeds / "one.txt", ns=(later, later))  # touched: the refresh records new times
    assert not harbour.store.is_current()
    harbour.ensure_index(analyse=False)
    assert harbour.store.is_current()

    text = (seeds / "wires/two.txt").read_text(encoding="utf-8")
    (seeds / "wires/two.txt").write_text(text.replace("storm", "gales"), encoding="utf-8")
    os.utime(seeds / "wires/two.txt", ns=(later + 10**9, later + 10**9))  # same size, new time
    assert not harbour.store.is_current()
    harbour.ensure_index(analyse=False)
    assert paths(harbour.search("gales")) == ["wires/two.txt"]

    write(seeds, "wires/four.txt", "Pilots return", "Harbour pilots returned to the quays.")
    assert not harbour.store.is_current()
    harbour.ensure_index(analyse=False)
    assert paths(harbour.search("pilots")) == ["wires/four.txt"]

    (seeds / "three.md").unlink()
    assert not harbour.store.is_current()
    harbour.ensure_index(analyse=False)
    assert paths(harbour.search("tolls")) == []

    (seeds / "notes.pdf").write_bytes(b"%PDF-1.4")  # a new skipped file is reported once
    assert not harbour.store.is_current()
    report = harbour.ensure_index(analyse=False)
    assert [s.path for s in report.skipped] == ["notes.pdf"]
    assert harbour.store.is_current()


def test_an_answer_read_beside_the_check_is_kept_only_when_the_index_is_current(harbour):
    def search(query):
        return lambda: paths(harbour.search(query))

    assert harbour.answer_if_current(search("harbour")) == ["wires/two.txt"]
    write(harbour.seeds, "wires/four.txt", "Pilots return", "Harbour pilots returned to work.")
    assert harbour.answer_if_current(search("harbour")) is None  # the caller refreshes first
    harbour.ensure_index(analyse=False)
    assert harbour.answer_if_current(search("harbour")) == ["wires/four.txt", "wires/two.txt"]


def test_a_malformed_query_on_a_current_index_is_explained_not_retried(harbour):
    from dossier.store import QueryError

    with pytest.raises(QueryError):
        harbour.answer_if_current(lambda: harbour.search('"unclosed phrase'))
    write(harbour.seeds, "five.txt", "Cranes idle", "Cranes stood idle at the quay.")
    # On a changed folder the error waits for the refresh (the caller asks again after it).
    assert harbour.answer_if_current(lambda: harbour.search('"unclosed phrase')) is None


def test_a_damaged_index_is_not_current_and_a_search_rebuilds_it(harbour):
    for toc in (harbour.index / WHOOSH_DIR).glob("*.toc"):
        toc.write_bytes(b"garbage")
    assert not harbour.store.is_current()
    report = harbour.ensure_index(analyse=False)
    assert report.rebuilt and paths(harbour.search("dockers")) == ["one.txt"]


def test_latest_generation_reads_the_commit_names_as_whoosh_does(harbour):
    from whoosh import index

    before = latest_generation(harbour.index)
    assert before == index.open_dir(str(harbour.index / WHOOSH_DIR)).latest_generation()
    write(harbour.seeds, "five.txt", "Cranes idle", "Cranes stood idle on the quay.")
    harbour.ensure_index(analyse=False)
    assert latest_generation(harbour.index) == before + 1
    assert latest_generation(harbour.index / "nowhere") == -1


def test_a_stat_scan_matches_what_a_full_scan_keeps(harbour):
    files, skipped = scan_folder(harbour.seeds)
    stats, stat_skipped = scan_stats(harbour.seeds)
    assert stats == {f.path: f.stat for f in files} and stat_skipped == skipped
    assert sorted(stats) == ["one.txt", "three.md", "wires/two.txt"]  # no order: compared whole


def test_scanning_and_searching_import_no_parsing_code(tmp_path, harbour):
    code = (
        "import sys\n"
        "from dossier.cli import main\n"
        "try:\n"
        f"    main(['--seeds', {str(harbour.seeds)!r}, '--index', {str(harbour.index)!r},"
        " 'search', 'harbour', '--json'])\n"
        "except SystemExit:\n    pass\n"
        "loaded = ('slugify', 'tomllib', 'dossier.ingest.text', 'dossier.ingest.dates', 'whoosh.writing')\n"
        "sys.stderr.write(' '.join(m for m in loaded if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert '"total": 1' in proc.stdout, proc.stderr
    assert proc.stderr.strip() == ""


def test_a_link_loop_and_a_broken_link_are_skipped_as_before(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds, "a.txt", "Title", "Body text here.")
    (seeds / "loop").symlink_to(seeds)
    (seeds / "gone.txt").symlink_to(tmp_path / "seeds" / "missing.txt")
    files, skipped = scan_folder(seeds)
    assert [f.path for f in files] == ["a.txt"]
    assert sorted((s.path, s.reason) for s in skipped) == [
        ("gone.txt", "broken link"),
        ("loop", "folder link loop; not followed"),
    ]
    assert isinstance(files[0].absolute, Path)


def test_whoosh_is_imported_without_urllib_or_asyncio_and_they_stay_importable(harbour):
    code = (
        "import sys\n"
        "from dossier.store import Store\n"
        "heavy = [m for m in ('asyncio', 'urllib.request', 'cached_property') if m in sys.modules]\n"
        "import urllib.request, cached_property, whoosh.compat, whoosh.reading\n"
        "assert urllib.request.urlopen and cached_property.cached_property\n"
        "assert whoosh.compat.urlretrieve.__module__ == 'dossier.store.lean_whoosh'\n"
        "print(' '.join(heavy) or 'none')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "none", proc.stderr
    result = harbour.search("harbour")  # a reader (deleted_docs_set) works with the stand-in
    assert paths(result) == ["wires/two.txt"]


def test_new_metadata_in_dossier_toml_makes_the_index_not_current(harbour):
    (harbour.seeds / "dossier.toml").write_text('[files."one.txt"]\nsource = "Harbour Gazette"\n')
    assert not harbour.store.is_current()
    report = harbour.ensure_index(analyse=False)
    assert report.updated == ["one.txt"] and harbour.store.is_current()
    assert harbour.article("one.txt").source == "Harbour Gazette"


def test_the_stat_table_follows_the_manifest_and_a_stale_one_is_ignored(harbour):
    from dossier.store.writer import MANIFEST, STAT_TABLE, load_stat_table

    table, from_file = load_stat_table(harbour.index)
    assert from_file and set(table["files"]) == {"one.txt", "three.md", "wires/two.txt"}
    old = (harbour.index / STAT_TABLE).read_bytes()
    write(harbour.seeds, "six.txt", "Quay lights", "New lights line the quay.")
    harbour.ensure_index(analyse=False)
    assert "six.txt" in load_stat_table(harbour.index)[0]["files"]
    (harbour.index / STAT_TABLE).write_bytes(old)  # a table from before the last write
    table, from_file = load_stat_table(harbour.index)
    assert not from_file and "six.txt" in table["files"]
    assert harbour.store.is_current()  # and the check writes the table back for the next run
    assert load_stat_table(harbour.index)[1]
    (harbour.index / STAT_TABLE).write_bytes(b"garbage")
    assert harbour.store.is_current()
    (harbour.index / MANIFEST).unlink()
    assert load_stat_table(harbour.index) == (None, False) and not harbour.store.is_current()


def test_names_without_a_real_extension_are_skipped_as_before(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("notes.", "README.md", "report.TXT", "data.tar.gz"):
        (seeds / name).write_text("Some words here.\n")
    files, skipped = scan_folder(seeds)
    assert [f.path for f in files] == ["report.TXT"]
    reasons = {s.path: s.reason.split(";")[0] for s in skipped}
    assert reasons == {
        "notes.": "not an article format (no extension",
        "README.md": "a folder's notes, not an article",
        "data.tar.gz": "not an article format (.gz",
    }


def test_skipped_files_are_listed_in_the_walks_order(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "zz.pdf").write_bytes(b"%PDF")
    (seeds / "aa-outside").symlink_to(outside)
    (seeds / "mm").mkdir()
    (seeds / "mm" / "b.csv").write_text("a,b\n")
    _, skipped = scan_folder(seeds)
    # a folder's subfolders are judged before its files, then the subfolders are walked
    assert [s.path for s in skipped] == ["aa-outside", "zz.pdf", "mm/b.csv"]


def test_exists_answers_from_the_stat_table_and_follows_the_manifest(harbour):
    import json

    from dossier.store.writer import MANIFEST, STAT_TABLE

    assert harbour.store.exists() and (harbour.index / STAT_TABLE).is_file()
    manifest = json.loads((harbour.index / MANIFEST).read_text())
    manifest["version"] = -1  # an index of another format: the table no longer matches
    (harbour.index / MANIFEST).write_text(json.dumps(manifest))
    assert not harbour.store.exists()
    (harbour.index / MANIFEST).unlink()
    assert not harbour.store.exists()


def test_the_quick_stat_walk_keeps_every_rule_of_the_full_scan(tmp_path, monkeypatch):
    """Plain files take the stat walk's quick way; every other entry is judged as before."""
    monkeypatch.setattr("dossier.ingest.MAX_BYTES", 40)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "far.txt").write_text("Far away.\n")
    seeds = tmp_path / "seeds"
    (seeds / "sub" / "folder.txt").mkdir(parents=True)  # a folder named like an article
    for name in ("a.txt", "B.MD", ".hidden.txt", "README.txt", "notes.", "x.tar.gz", "sub/c.json"):
        (seeds / name).write_text("Some words here.\n")
    (seeds / "big.txt").write_text("word " * 20)
    (seeds / "link-in.txt").symlink_to(seeds / "a.txt")
    (seeds / "link-out.txt").symlink_to(outside / "far.txt")
    (seeds / "broken.txt").symlink_to(seeds / "gone.txt")
    files, skipped = scan_folder(seeds)
    stats, stat_skipped = scan_stats(seeds)
    assert stats == {f.path: f.stat for f in files}
    assert stat_skipped == skipped
    assert sorted(stats) == ["B.MD", "a.txt", "link-in.txt", "sub/c.json"]
    assert {s.path for s in skipped} == {
        "README.txt",
        "notes.",
        "x.tar.gz",
        "big.txt",
        "link-out.txt",
        "broken.txt",
    }


def test_a_folder_checked_in_two_parts_sees_a_change_in_either_part(tmp_path, monkeypatch):
    """A large folder is walked half in a forked process, half by the caller after its read."""
    from dossier.ingest import scan_stats_part

    monkeypatch.setattr("dossier.store.PARALLEL_CHECK_FILES", 1)
    monkeypatch.setattr("dossier.store.SPLIT_CHECK_FILES", 1)
    seeds = tmp_path / "seeds"
    for folder in "abcde":
        (seeds / folder).mkdir(parents=True)
    for folder in "abcde":
        write(seeds, f"{folder}/one.txt", f"Storm {folder}", f"The {folder} quay flooded.")
    for skipped in ("b/scan.pdf", "e/scan.pdf", "root.pdf"):
        (seeds / skipped).write_bytes(b"%PDF")
    write(seeds, "top.txt", "Harbour", "The harbour reopened.")
    whole, whole_skipped = scan_stats(seeds)
    first = scan_stats_part(seeds, None, None, 0.6, True)
    second = scan_stats_part(seeds, None, None, 0.6, False)
    assert first.folders == second.folders == list("abcde")
    assert sorted(first.stats) == ["a/one.txt", "b/one.txt", "c/one.txt", "top.txt"]
    assert {**first.stats, **second.stats} == whole
    assert first.skipped + second.skipped == whole_skipped
    assert [s.path for s in whole_skipped] == ["root.pdf", "b/scan.pdf", "e/scan.pdf"]

    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh(analyse=False)
    assert dossier.store.is_current()
    later = time.time_ns() + 10**9
    for change in ("e/one.txt", "a/one.txt", "top.txt"):  # the caller's part, the child's, root
        os.utime(seeds / change, ns=(later, later))
        assert not dossier.store.is_current(), change
        dossier.ensure_index(analyse=False)
        assert dossier.store.is_current()
        later += 10**9
    (seeds / "d" / "notes.pdf").write_bytes(b"%PDF")  # a new skipped file in the caller's part
    assert not dossier.store.is_current()
    dossier.ensure_index(analyse=False)
    (seeds / "f").mkdir()  # a new subfolder
    write(seeds, "f/new.txt", "Pilots", "Pilots returned.")
    assert not dossier.store.is_current()
    dossier.ensure_index(analyse=False)
    assert dossier.store.is_current()
    assert paths(dossier.search("pilots")) == ["f/new.txt"]
