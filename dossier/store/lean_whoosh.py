"""Import Whoosh without two dependencies a dossier never uses (a cold search's budget).

``whoosh.compat`` imports ``urllib.request`` (and with it http, email, ssl) for a
``urlretrieve`` Whoosh never calls here, and ``whoosh.reading`` imports the
``cached_property`` package, which imports asyncio: together about a quarter of a cold
``dossier search``. While Whoosh is first imported, light stand-ins sit in ``sys.modules``
under those names; they are taken out at once, so a later ``import urllib.request`` or
``import cached_property`` anywhere in the process gets the real module.
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


# Imported by dossier.store before any Whoosh module (the package runs before its modules).
import_whoosh()
