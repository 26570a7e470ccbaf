"""People, places and organisations: per-article mentions, then one entity per real-world name.

:mod:`dossier.entities.mentions` works on a spaCy parse (see :mod:`dossier.analysis`) and
runs only on new or changed articles at index time; :func:`dossier.entities.resolve.resolve`
is pure Python and re-merges the whole dossier. Importing this package imports neither.
"""

from __future__ import annotations

__all__ = ["ANALYSIS_VERSION"]

#: Bump when mention extraction changes: cached per-article analyses are then redone.
ANALYSIS_VERSION = 25
