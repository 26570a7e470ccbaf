"""Several processes on one dossier: one writer at a time, readers never see a broken index,
and a writer killed at any moment leaves an index the next run completes."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import time

import pytest

from dossier.service import Dossier
from tests.conftest import BIN

#: Where a crash trial kills the writer: a phase of the run, as ``dossier index --progress``
#: reports it, and which of its steps. Killed at the first, middle and last article read and
#: indexed (the last one is followed by the commit), and at the first and last article parsed
#: (the last one is followed by the merge and the writing of people and discrepancies); each
#: on an incremental run and on a rebuild.
KILL_POINTS = [
    ("index", "first"),
    ("index", "middle"),
    ("index", "last"),
    ("analyse", "first"),
    ("analyse", "last"),
]


def dossier_cmd(seeds, index, *args):
    return [str(BIN / "dossier"), "--seeds", str(seeds), "--index", str(index), *args]


def synthetic_folder(root, count: int):
    """Short articles of a made-up story (quick to parse, many to index)."""
    seeds = root / "seeds"
    seeds.mkdir()
    rng = random.Random(7)
    places = ["Harbourtown", "Lakeside", "Northfield", "Eastport"]
    for n in range(count):
        place = rng.choice(places)
        (seeds / f"{n:03d}.txt").write_text(
            f"Report {n} from {place}\n\nOfficials in {place} said {rng.randint(2, 90)} people were evacuated "
            f"on day {n}. Mayor Ana Lopez said the river would peak overnight.\n",
            encoding="utf-8",
        )
    return seeds


def check_consistent(seeds, index):
    """The index opens and holds every article of the folder exactly once."""
    dossier = Dossier(seeds, index)
    paths = [a["path"] for a in dossier.articles()]
    files = sorted(p.name for p in seeds.iterdir())
    assert sorted(paths) == files
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index / "whoosh"))
    with ix.searcher() as searcher:
        stored = [fields["path"] for fields in searcher.all_stored_fields()]
    assert sorted(stored) == files, "every article exactly once"
    assert dossier.search("evacuated", limit=1).total == len(files)


def test_two_index_runs_at_once(tmp_path):
    seeds = synthetic_folder(tmp_path, 40)
    index = tmp_path / "index"
    first = subprocess.Popen(
        dossier_cmd(seeds, index, "index"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.3)
    second = subprocess.run(
        dossier_cmd(seeds, index, "index"), capture_output=True, text=True, timeout=300
    )
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    if second.returncode != 0:
        assert second.returncode == 1 and "is being written by process" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
    check_consistent(seeds, index)


def test_searches_while_the_index_is_rebuilt(tmp_path):
    seeds = synthetic_folder(tmp_path, 30)
    index = tmp_path / "index"
    Dossier(seeds, index).refresh()
    reader = Dossier(seeds, index)
    writer = subprocess.Popen(
        [
            "sh",
            "-c",
            " && ".join(
                [" ".join(f"'{a}'" for a in dossier_cmd(seeds, index, "index", "--rebuild"))] * 3
            ),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    totals = set()
    searches = 0
    while writer.poll() is None:
        totals.add(reader.search("evacuated", limit=3).total)
        searches += 1
    assert writer.returncode == 0, writer.stderr.read()
    assert searches > 10
    assert totals == {30}, "every search saw a whole index, old or new"


def test_reader_open_while_another_process_reindexes(tmp_path):
    import asyncio

    from dossier.tui import make_app
    from dossier.tui.widgets.article_list import ArticleList

    seeds = synthetic_folder(tmp_path, 5)
    index = tmp_path / "index"
    Dossier(seeds, index).refresh()

    async def run():
        app = make_app(Dossier(seeds, index))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            assert len(app.query_one(ArticleList).paths()) == 5
            (seeds / "late.txt").write_text(
                "Late report\n\nOfficials said 3 people were evacuated late.\n"
            )
            proc = await asyncio.create_subprocess_exec(*dossier_cmd(seeds, index, "index"))
            assert await proc.wait() == 0
            for _ in range(60):
                await pilot.pause(0.25)
                if "late.txt" in app.query_one(ArticleList).paths():
                    break
            assert "late.txt" in app.query_one(ArticleList).paths()

    asyncio.run(run())


def kill_at(command: list[str], phase: str, step: str) -> bool:
    """Run a writer and kill -9 it when it reports ``step`` ("first", "middle" or "last") of
    ``phase``; returns whether it was still running then (False: it finished first)."""
    proc = subprocess.Popen(
        [*command, "--progress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    try:
        for line in proc.stderr:
            found = re.fullmatch(r"(\w+) (\d+)/(\d+)", line.strip())
            if not found or found[1] != phase:
                continue
            done, total = int(found[2]), int(found[3])
            wanted = {"first": 1, "middle": max(1, total // 2), "last": total}[step]
            if done >= wanted:
                running = proc.poll() is None
                os.kill(proc.pid, signal.SIGKILL)
                return running and proc.wait() == -signal.SIGKILL
        return False
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()


@pytest.fixture(scope="module")
def crash_base(tmp_path_factory):
    """A folder and its built index, copied by each crash trial (built once per file)."""
    root = tmp_path_factory.mktemp("crash")
    seeds = synthetic_folder(root, 24)
    Dossier(seeds, root / "index").refresh()
    return root


@pytest.mark.parametrize("rebuild", [False, True], ids=["incremental", "rebuild"])
@pytest.mark.parametrize(("phase", "step"), KILL_POINTS, ids=[f"{p}-{s}" for p, s in KILL_POINTS])
def test_killed_writer_never_breaks_the_index(crash_base, tmp_path, phase, step, rebuild):
    from click.testing import CliRunner

    from dossier.cli import main

    seeds, index = tmp_path / "seeds", tmp_path / "index"
    shutil.copytree(crash_base / "seeds", seeds)
    shutil.copytree(crash_base / "index", index)
    rng = random.Random(f"{phase}-{step}-{rebuild}")
    # change the folder so the run has articles to index and to parse
    for n in rng.sample(range(24), 5):
        path = seeds / f"{n:03d}.txt"
        path.write_text(
            path.read_text() + f"\nUpdate: {rng.randint(1, 9)} more people were evacuated.\n"
        )
    args = ["index", "--rebuild"] if rebuild else ["index"]
    running = kill_at(dossier_cmd(seeds, index, *args), phase, step)
    # Only the last parse may see its run finish before the kill arrives (the merge after it
    # is short); every other phase must really have been interrupted.
    assert running or (phase, step) == KILL_POINTS[-1], "the writer finished before the kill"
    # The next run (in this process: the same command, without another model load).
    done = CliRunner().invoke(
        main, ["--seeds", str(seeds), "--index", str(index), "index", "--json"]
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["not_analysed"] == []
    check_consistent(seeds, index)
    assert Dossier(seeds, index).search("update", limit=1).total == 5


def test_killed_writer_with_parsing_workers_frees_the_lock(tmp_path):
    """A large run parses in worker processes (started while the text index is written);
    when the writer is killed they exit too, so the next run gets the lock at once."""
    from dossier import nlp

    seeds = synthetic_folder(tmp_path, nlp.PARALLEL_MIN_DOCS + 20)
    index = tmp_path / "index"
    proc = subprocess.Popen(
        dossier_cmd(seeds, index, "index"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _children(proc.pid):
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert workers, "the run never started parsing workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Workers look for their parent twice a second; one busy in a long parse on a loaded
    # machine may take a few seconds to get there.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and [pid for pid in workers if _alive(pid)]:
        time.sleep(0.2)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the writer"
    # The next run, in this process (its parsing workers are forked with the model loaded).
    from click.testing import CliRunner

    from dossier.cli import main

    done = CliRunner().invoke(main, ["--seeds", str(seeds), "--index", str(index), "index"])
    assert done.exit_code == 0, done.output
    check_consistent(seeds, index)


def _alive(pid: int) -> bool:
    """Whether a process still runs (an exited one waiting to be reaped does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    """Process ids of a process's children (Linux /proc)."""
    try:
        return [int(c) for c in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        return []
