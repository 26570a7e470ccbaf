"""Several processes on one dossier: one writer at a time, readers never see a broken index,
and a writer killed at any moment leaves an index the next run completes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time

from dossier.service import Dossier
from tests.conftest import BIN

#: Crash trials: 20 as the issue asks; DOSSIER_CRASH_TRIALS lowers it for a quick run.
CRASH_TRIALS = int(os.environ.get("DOSSIER_CRASH_TRIALS", "20"))


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


def test_killed_writer_never_breaks_the_index(tmp_path):
    seeds = synthetic_folder(tmp_path, 60)
    index = tmp_path / "index"
    rng = random.Random(2026)
    survived = 0
    for trial in range(CRASH_TRIALS):
        # change the folder so every run has work to do
        for n in rng.sample(range(60), 5):
            path = seeds / f"{n:03d}.txt"
            path.write_text(
                path.read_text()
                + f"\nUpdate {trial}: {rng.randint(1, 9)} more people were evacuated.\n"
            )
        args = ["index", "--rebuild"] if trial % 4 == 0 else ["index"]
        proc = subprocess.Popen(
            dossier_cmd(seeds, index, *args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, 2.5))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done = subprocess.run(
            dossier_cmd(seeds, index, "index", "--json"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"trial {trial}: {done.stderr}"
        json.loads(done.stdout)
        check_consistent(seeds, index)
        survived += 1
    assert survived == CRASH_TRIALS


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
    done = subprocess.run(
        dossier_cmd(seeds, index, "index", "--json"), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
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
