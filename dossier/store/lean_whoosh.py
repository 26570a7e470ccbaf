"""Import Whoosh without two dependencies a dossier never uses, and read its files in place.

``whoosh.compat`` imports ``urllib.request`` (and with it http, email, ssl) for a
``urlretrieve`` Whoosh never calls here, and ``whoosh.reading`` imports the
``cached_property`` package, which imports asyncio: together about a quarter of a cold
``dossier search``. While Whoosh is first imported, light stand-ins sit in ``sys.modules``
under those names; they are taken out at once, so a later ``import urllib.request`` or
``import cached_property`` anywhere in the process gets the real module.

Whoosh maps a segment file into memory, then hands each part of it (postings, term index,
stored fields) to a ``BufferFile`` that copies the part into a ``BytesIO``: every searcher
opened holds a private copy of the postings (180 MB at 44,500 articles), and opening one costs
the copy. :class:`ViewBufferFile` reads the mapped bytes where they are instead.
"""

from __future__ import annotations

import functools
import sys
import types
from typing import Any


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    """``urllib.request.urlretrieve``, imported when (if ever) it is called."""
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _stand_ins() -> dict[str, types.ModuleType]:
    """The stand-in modules for the names not imported yet."""
    stand_ins = {}
    if "urllib.request" not in sys.modules:
        request = types.ModuleType("urllib.request", "stand-in while Whoosh is imported")
        request.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
        stand_ins["urllib.request"] = request
    if "cached_property" not in sys.modules:
        # The package's descriptor, for a plain method, is functools' (compute once, keep
        # in the instance's __dict__); its only extra is coroutine support, unused by Whoosh.
        package = types.ModuleType("cached_property", "stand-in while Whoosh is imported")
        package.cached_property = functools.cached_property  # type: ignore[attr-defined]
        stand_ins["cached_property"] = package
    return stand_ins


def import_whoosh() -> None:
    """Import the Whoosh modules the store uses, with the stand-ins in place (once)."""
    if "whoosh.reading" in sys.modules:
        return
    stand_ins = _stand_ins()
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


class ViewReader:
    """A read-only file over a buffer (a memoryview of the mapped segment), copying only
    what is read: the part of the ``BytesIO`` interface Whoosh's readers use."""

    __slots__ = ("_buf", "_pos")

    def __init__(self, buf: Any) -> None:
        self._buf = buf
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes from the position (all that is left when negative or None)."""
        start = self._pos
        end = len(self._buf) if size is None or size < 0 else min(start + size, len(self._buf))
        self._pos = max(start, end)
        return bytes(self._buf[start:end])

    def readline(self, size: int | None = -1) -> bytes:
        """Bytes up to and including the next newline (pickle's loader asks for lines)."""
        start = self._pos
        limit = len(self._buf) if size is None or size < 0 else min(start + size, len(self._buf))
        end = start
        while end < limit and self._buf[end] != 10:
            end += 1
        return self.read(min(end + 1, limit) - start)

    def seek(self, offset: int, whence: int = 0) -> int:
        """Move the position (whence as for files: 0 start, 1 here, 2 end)."""
        base = (0, self._pos, len(self._buf))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        """The position."""
        return self._pos

    def close(self) -> None:
        """Let go of the buffer."""
        self._buf = b""


def _view_buffer_file() -> type:
    """Whoosh's ``BufferFile`` reading through a :class:`ViewReader` instead of a copy."""
    from whoosh.filedb.structfile import BufferFile

    class ViewBufferFile(BufferFile):
        """A part of a mapped segment, read in place (see the module's docstring)."""

        def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
            super().__init__(b"", name=name, onclose=onclose)
            self._buf = buf
            self.file = ViewReader(buf)

    return ViewBufferFile


def read_in_place() -> None:
    """Make Whoosh's compound segments hand out parts that read the mapped file in place."""
    import whoosh.filedb.compound as compound

    if compound.BufferFile.__name__ != "ViewBufferFile":
        compound.BufferFile = _view_buffer_file()


# Imported by dossier.store before any Whoosh module (the package runs before its modules).
import_whoosh()
read_in_place()
