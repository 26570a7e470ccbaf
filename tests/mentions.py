"""A mention as the analysis stores it, built by hand for the resolution's tests."""

from __future__ import annotations

from typing import Any


def mention(
    name: str,
    kind: str | None,
    *,
    start: int = 0,
    titles: tuple[str, ...] | list[str] = (),
    before: str = "",
    **extra: Any,
) -> dict[str, Any]:
    """A mention of ``name`` read as ``kind`` at ``start`` (``before``: the word before it;
    "in", "at" or "near" make it locative); ``extra`` sets or adds any other field."""
    return {
        "name": name,
        "kind": kind,
        "source": "PERSON",
        "gazetteer": None,
        "start": start,
        "end": start + len(name),
        "sentence": [0, 100],
        "titles": list(titles),
        "descriptions": [],
        "locative": before in {"in", "at", "near"},
        "words": len(name.split()),
        "before": before,
        "possessive": False,
        "headline": False,
        "kin": None,
        **extra,
    }
