"""Per-article analysis: one spaCy parse gives the article's mentions and claims.

Runs at index time on new or changed articles only (the result is cached by the service
under ``index/analysis/``, keyed by the article's text and :data:`ANALYSIS_VERSION`).

Each article is analysed behind its own boundary: an exception while parsing or reading
one article gives that article an ``error`` (and no mentions or claims) instead of stopping
the run, so one odd text never costs the rest of the dossier its people and discrepancies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dossier.entities import ANALYSIS_VERSION as ENTITIES_VERSION

#: Bump when claim extraction changes (mention extraction has its own version).
CLAIMS_VERSION = 30
ANALYSIS_VERSION = f"e{ENTITIES_VERSION}c{CLAIMS_VERSION}"


#: Text past this many characters is not analysed (a news article is a few thousand; spaCy
#: refuses more than a million). The whole text is still indexed and searchable.
MAX_ANALYSIS_CHARS = 100_000


#: Texts a worker process is given at a time: enough to fill spaCy's batches, few enough
#: that both workers finish at about the same time.
WORKER_CHUNK = 16


def analyse(
    texts: Sequence[str], progress: Callable[[int, int], None] | None = None
) -> list[dict[str, Any]]:
    """Parse texts and extract their mentions and claims.

    Large batches are analysed in worker processes (parse and extraction both), so only the
    small results cross the process boundary, never the parsed documents.

    Returns:
        One ``{"mentions": [...], "claims": [...]}`` per text, in order; a text whose analysis
        failed gets empty lists and ``"error"``: a one-line description of what went wrong.
    """
    texts = [text[:MAX_ANALYSIS_CHARS] for text in texts]
    from dossier import nlp

    processes = nlp.processes_for(len(texts))
    if processes > 1:
        return _analyse_in_workers(texts, processes, progress)
    return _analyse_here(texts, progress)


def _analyse_here(
    texts: Sequence[str],
    progress: Callable[[int, int], None] | None = None,
    done: int = 0,
    total: int | None = None,
) -> list[dict[str, Any]]:
    """Parse and extract in this process (``done`` of ``total`` already analysed elsewhere)."""
    from dossier import nlp

    total = len(texts) if total is None else total
    results: list[dict[str, Any]] = []
    try:
        for doc in nlp.parse(texts, count=1):
            results.append(analyse_doc(doc))
            if progress:
                progress(done + len(results), total)
    except Exception:
        # Go on one text at a time, so only the text that breaks the parser is lost.
        for text in texts[len(results) :]:
            try:
                results.append(analyse_doc(next(iter(nlp.parse([text], count=1)))))
            except Exception as exc:
                results.append(failed(exc))
            if progress:
                progress(done + len(results), total)
    return results


def worker_pool(processes: int):
    """A pool of worker processes for :func:`analyse_chunk` (forked: each starts with this
    process's modules, and its model if it is loaded)."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_exit_with,
        initargs=(os.getpid(),),
    )


def _exit_with(parent: int) -> None:
    """Make this worker process exit when its parent does (even killed): it holds a copy of
    the index's write lock, which must not outlive the writer."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def analyse_chunk(texts: Sequence[str]) -> list[dict[str, Any]]:
    """:func:`analyse` of a few texts in this process (what a worker process runs)."""
    return _analyse_here([text[:MAX_ANALYSIS_CHARS] for text in texts])


def _analyse_in_workers(
    texts: list[str], processes: int, progress: Callable[[int, int], None] | None
) -> list[dict[str, Any]]:
    """Analyse in worker processes, in order; what a dead worker leaves is analysed here."""
    from concurrent.futures.process import BrokenProcessPool

    chunks = [texts[i : i + WORKER_CHUNK] for i in range(0, len(texts), WORKER_CHUNK)]
    results: list[dict[str, Any]] = []
    try:
        with worker_pool(processes) as pool:
            for found in pool.map(analyse_chunk, chunks):
                results += found
                if progress:
                    progress(len(results), len(texts))
    except (BrokenProcessPool, OSError):
        # A worker was killed (out of memory, a crash in native code) or none could start.
        results += _analyse_here(texts[len(results) :], progress, len(results), len(texts))
    return results


def analyse_doc(doc: Any) -> dict[str, Any]:
    """Mentions and claims of one parsed article; ``error`` set instead when extraction fails."""
    from dossier.claims.facts import extract_facts
    from dossier.claims.frames import extract_claims
    from dossier.entities.mentions import extract_mentions

    try:
        mentions = extract_mentions(doc)
        claims = extract_claims(doc, mentions)
        covered = [(c["start"], c["end"]) for c in claims if c.get("kind") == "count"]
        return {"mentions": mentions, "claims": claims + extract_facts(doc, covered)}
    except Exception as exc:
        return failed(exc)


def failed(exc: BaseException) -> dict[str, Any]:
    """The analysis result of an article that could not be analysed."""
    where = ""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is not None:
        where = f" ({tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno})"
    message = " ".join(str(exc).split())[:160]
    return {
        "mentions": [],
        "claims": [],
        "error": f"{type(exc).__name__}: {message}{where}"
        if message
        else f"{type(exc).__name__}{where}",
    }
