"""Where things live: the seeds folder, the index folder, the user's config folder.

Defaults are resolved when asked for, never at import time, so tests and the CLI can point
them elsewhere (``--seeds``/``--index``, or ``DOSSIER_SEEDS``/``DOSSIER_INDEX``).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any


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


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace a file's text (or bytes) atomically: a reader sees the old file or the new,
    never half.

    The temporary file's name holds the process and thread, so concurrent writers of the
    same file never write into one another's temporary file; the last rename wins.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json_atomic(path: Path, data: Any, indent: int | None = None) -> None:
    """Write JSON (UTF-8, not ASCII-escaped) with :func:`write_atomic`."""
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=indent))
