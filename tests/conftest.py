"""Shared fixtures: the project's seed articles, the read-only ../shared folder, fresh indexes."""

from __future__ import annotations

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
