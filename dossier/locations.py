"""Where things live: the seeds folder, the index folder, the user's config folder.

Defaults are resolved when asked for, never at import time, so tests and the CLI can point
them elsewhere (``--seeds``/``--index``, or ``DOSSIER_SEEDS``/``DOSSIER_INDEX``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

import orjson

T = TypeVar("T")


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


def cache_dir() -> Path:
    """Where tables built from installed packages are kept between runs
    (``$XDG_CACHE_HOME/dossier``, else ``~/.cache/dossier``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dossier"


def cached_table(name: str, inputs: Iterable[str | bytes], build: Callable[[], T]) -> T:
    """A table built once per set of inputs, then read back from :func:`cache_dir`.

    Building the gazetteer or the given-name list from their packages takes a second or two,
    paid by every process that analyses an article (one changed article too). The file is
    keyed by a digest of ``inputs`` (the code and package versions the table depends on) and
    the Python version (marshal's format); a missing, stale, unreadable or damaged file means
    the table is built again, and a cache that cannot be written is simply not used.
    """
    digest = hashlib.sha1(f"{name}|{sys.version_info[:2]}".encode())
    for part in inputs:
        digest.update(part if isinstance(part, bytes) else part.encode())
    path = cache_dir() / f"{name}-{digest.hexdigest()[:16]}.marshal"
    try:
        return cast(T, marshal.loads(path.read_bytes()))
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table = build()
    with contextlib.suppress(OSError, ValueError):
        write_atomic(path, marshal.dumps(cast(Any, table)))
    return table


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


def json_bytes(data: Any, indent: int | None = None) -> bytes:
    """``data`` as JSON in UTF-8, not ASCII-escaped.

    Unindented JSON is written by ``orjson`` (the derived files of a large dossier are tens
    of megabytes: about 8x faster than the standard library's encoder, which matters on every
    incremental run); keys that are not strings become strings as ``json`` makes them. What
    orjson refuses (an integer beyond 64 bits, say) and indented JSON go through ``json``.
    """
    if indent is None:
        try:
            return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            pass
    return json.dumps(data, ensure_ascii=False, indent=indent).encode("utf-8")


def write_json_atomic(path: Path, data: Any, indent: int | None = None) -> None:
    """Write JSON (UTF-8, not ASCII-escaped) with :func:`write_atomic`."""
    write_atomic(path, json_bytes(data, indent))
