"""Per-article analysis: one spaCy parse gives the article's mentions and claims.

Runs at index time on new or changed articles only (the result is cached by the service
under ``index/analysis/``, keyed by the article's text and :data:`ANALYSIS_VERSION`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dossier.entities import ANALYSIS_VERSION as ENTITIES_VERSION

#: Bump when claim extraction changes (mention extraction has its own version).
CLAIMS_VERSION = 4
ANALYSIS_VERSION = f"e{ENTITIES_VERSION}c{CLAIMS_VERSION}"


#: Text past this many characters is not analysed (a news article is a few thousand; spaCy
#: refuses more than a million). The whole text is still indexed and searchable.
MAX_ANALYSIS_CHARS = 100_000


def analyse(texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """Parse texts and extract their mentions and claims.

    Returns:
        One ``{"mentions": [...], "claims": [...]}`` per text, in order.
    """
    texts = [text[:MAX_ANALYSIS_CHARS] for text in texts]
    from dossier import nlp
    from dossier.claims.frames import extract_claims
    from dossier.entities.mentions import extract_mentions

    results = []
    for done, doc in enumerate(nlp.parse(texts, count=len(texts)), start=1):
        mentions = extract_mentions(doc)
        results.append({"mentions": mentions, "claims": extract_claims(doc, mentions)})
        if progress:
            progress(done, len(texts))
    return results
