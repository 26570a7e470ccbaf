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
