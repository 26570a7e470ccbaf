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
CLAIMS_VERSION = 23
ANALYSIS_VERSION = f"e{ENTITIES_VERSION}c{CLAIMS_VERSION}"


#: Text past this many characters is not analysed (a news article is a few thousand; spaCy
#: refuses more than a million). The whole text is still indexed and searchable.
MAX_ANALYSIS_CHARS = 100_000


def analyse(texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """Parse texts and extract their mentions and claims.

    Returns:
        One ``{"mentions": [...], "claims": [...]}`` per text, in order; a text whose analysis
        failed gets empty lists and ``"error"``: a one-line description of what went wrong.
    """
    texts = [text[:MAX_ANALYSIS_CHARS] for text in texts]
    from dossier import nlp

    results: list[dict[str, Any]] = []
    try:
        for doc in nlp.parse(texts, count=len(texts)):
            results.append(analyse_doc(doc))
            if progress:
                progress(len(results), len(texts))
    except Exception:  # noqa: BLE001 - the parser failed on some text of the batch
        # Go on one text at a time, so only the text that breaks the parser is lost.
        for text in texts[len(results) :]:
            try:
                results.append(analyse_doc(next(iter(nlp.parse([text], count=1)))))
            except Exception as exc:  # noqa: BLE001
                results.append(failed(exc))
            if progress:
                progress(len(results), len(texts))
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
    except Exception as exc:  # noqa: BLE001 - one article must never break the dossier
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
    return {"mentions": [], "claims": [], "error": f"{type(exc).__name__}: {message}{where}" if message else f"{type(exc).__name__}{where}"}
