"""People, places and organisations: per-article mentions, then one entity per real-world name.

:func:`analyse` needs spaCy (through :mod:`dossier.nlp`) and runs only on new or changed
articles at index time; :func:`dossier.entities.resolve.resolve` is pure Python and
re-merges the whole dossier. Importing this package imports neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["ANALYSIS_VERSION", "analyse"]

#: Bump when mention extraction changes: cached per-article analyses are then redone.
ANALYSIS_VERSION = 2


def analyse(texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """Parse texts and extract their mentions.

    Returns:
        One ``{"mentions": [...]}`` per text, in order.
    """
    from dossier import nlp
    from dossier.entities.mentions import extract_mentions

    results = []
    for done, doc in enumerate(nlp.parse(texts, count=len(texts)), start=1):
        results.append({"mentions": extract_mentions(doc)})
        if progress:
            progress(done, len(texts))
    return results
