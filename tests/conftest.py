"""Shared fixtures: the project's seed articles, the read-only ../shared folder, fresh indexes."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
BIN = Path(sys.executable).parent


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that data is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def seed_dossier(tmp_path_factory):
    """The seed dossier, indexed once for the session (read-only use)."""
    from dossier.service import Dossier

    dossier = Dossier(SEEDS, tmp_path_factory.mktemp("seed-index"))
    dossier.refresh()
    return dossier


@pytest.fixture(scope="session")
def seed_mentions(seed_dossier):
    """{path: mentions} of the seed articles, from the real analyses of the built dossier."""
    from dossier.derive import analysis_version, read_pack

    pack = read_pack(seed_dossier.store)
    version = analysis_version()
    entries = sorted(seed_dossier.articles(), key=lambda a: a["path"])
    return {a["path"]: pack[f"{a['body_sha1']}-{version}.json"]["mentions"] for a in entries}


@pytest.fixture
def seed_index(tmp_path, seed_dossier) -> Path:
    """A writable copy of the session's built seed index (copied, not parsed again)."""
    target = tmp_path / "index"
    shutil.copytree(seed_dossier.index, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def spacy_model_loaded_once():
    """Load the spaCy model once per test process, before any test.

    An index build analyses its articles in a forked worker process (``dossier.analysis``),
    which starts with the parent's model when the parent has loaded it: without this, every
    test that builds an index pays ``import spacy`` and a model load (about 1.3 s of CPU) in a
    fresh worker. Tests that check what a process imports run their own interpreter.
    """
    from dossier import nlp

    nlp.pipeline()


# -- spreading the run over the test workers (pytest-xdist) ----------------------------------
#: Files whose tests may run on different workers: their module fixtures are cheap next to
#: their tests, so they are handed out one test at a time to fill the workers at the end.
#: Every other file runs on one worker, so its module-scoped indexes are built once.
SPREAD_FILES = {"tests/robustness/test_analysis_fuzz.py"}
#: Where the seconds each file took are remembered (in pytest's cache, .pytest_cache/).
SECONDS_KEY = "dossier/seconds-per-file"
#: The seconds each file took on a full run, kept in the repository: the order of a run with no
#: cache of its own (a clean clone, CI). A file's cached time, where there is one, wins.
SECONDS_FILE = "tests/seconds-per-file.json"


def _file_seconds(config) -> dict[str, float]:
    """Each file's seconds: the repository's table, updated by this checkout's last run."""
    seconds: dict[str, float] = {}
    kept = Path(config.rootpath) / SECONDS_FILE
    if kept.is_file():
        seconds.update(json.loads(kept.read_text()))
    cache = getattr(config, "cache", None)  # None under -p no:cacheprovider
    if cache is not None:
        seconds.update(cache.get(SECONDS_KEY, {}))
    return seconds


def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker more than the cores. A worker spends a good part of its time
    waiting (on a terminal, a browser, a killed writer, a subprocess starting, an app's
    timers), and an extra worker fills those waits with another file's tests."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


def _scope(nodeid: str) -> str:
    """The unit of work a test belongs to: its file, or itself in a spread file."""
    path = nodeid.split("::", 1)[0]
    return nodeid if path in SPREAD_FILES else path


def pytest_xdist_make_scheduler(config, log):
    """Hand out whole files, the longest first (as long as they took last time; by how many
    tests they hold when there is no last time), so no worker is left alone with a long file
    at the end while the others wait; a spread file's tests come last, one at a time."""
    from xdist.scheduler import LoadScopeScheduling

    seconds = _file_seconds(config)

    class LongestFileFirst(LoadScopeScheduling):
        _tests_in: dict[str, int] | None = None

        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid)

        def _cost(self, scope: str) -> float:
            if self._tests_in is None:
                self._tests_in = {}
                for nodeid in self.collection or ():
                    path = nodeid.split("::", 1)[0]
                    self._tests_in[path] = self._tests_in.get(path, 0) + 1
            path = scope.split("::", 1)[0]
            count = self._tests_in.get(path, 1)
            total = seconds.get(path, float(count))
            return total / count if path in SPREAD_FILES else total

        def _assign_work_unit(self, node) -> None:
            if seconds:
                longest = max(self.workqueue, key=self._cost)
                self.workqueue.move_to_end(longest, last=False)
            super()._assign_work_unit(node)

    return LongestFileFirst(config, log)


_seconds: dict[str, float] = {}


def pytest_runtest_logreport(report):
    """Add up each file's time (setup, call and teardown), for the next run's order."""
    path = report.nodeid.split("::", 1)[0]
    _seconds[path] = _seconds.get(path, 0.0) + report.duration


def pytest_sessionfinish(session):
    """Remember each file's time where a whole run saw it (the controller, or a lone run)."""
    cache = getattr(session.config, "cache", None)
    if hasattr(session.config, "workerinput") or cache is None or not _seconds:
        return
    remembered = cache.get(SECONDS_KEY, {})
    remembered.update({path: round(s, 2) for path, s in _seconds.items()})
    cache.set(SECONDS_KEY, remembered)
