"""Where things live: the seeds folder, the index folder, the user's config folder.

Defaults are resolved when asked for, never at import time, so tests and the CLI can point
them elsewhere (``--seeds``/``--index``, or ``DOSSIER_SEEDS``/``DOSSIER_INDEX``).
"""

from __future__ import annotations

import os
from pathlib import Path


def seeds_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder of article files: the explicit one, else ``$DOSSIER_SEEDS``, else ``./seeds``."""
    return Path(explicit or os.environ.get("DOSSIER_SEEDS") or "seeds")


def index_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The index folder: the explicit one, else ``$DOSSIER_INDEX``, else ``./index``."""
    return Path(explicit or os.environ.get("DOSSIER_INDEX") or "index")


def config_dir() -> Path:
    """The user's settings folder (``$XDG_CONFIG_HOME/dossier``, else ``~/.config/dossier``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "dossier"
