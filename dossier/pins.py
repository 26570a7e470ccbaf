"""Sentences the reader pinned for the briefing, kept as JSON in the index folder.

The file (``pins.json``) survives restarts and re-indexing; it is rewritten atomically so a
crash never leaves half a file. Each pin keeps its quote, so it still reads when the article
changed since.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from dossier.locations import write_json_atomic
from dossier.models import Pin

__all__ = ["PINS_FILE", "add_pin", "read_pins", "remove_pin"]

PINS_FILE = "pins.json"


def read_pins(folder: Path) -> list[Pin]:
    """The pins in an index folder, oldest first (an unreadable file reads as none)."""
    try:
        data = json.loads((Path(folder) / PINS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    pins = data.get("pins") if isinstance(data, dict) else None
    return [
        cast(Pin, p)
        for p in pins or []
        if isinstance(p, dict) and {"path", "start", "end", "quote"} <= p.keys()
    ]


def _write(folder: Path, pins: list[Pin]) -> None:
    """Replace the pins file atomically."""
    write_json_atomic(Path(folder) / PINS_FILE, {"pins": pins}, indent=1)


def add_pin(
    folder: Path, path: str, start: int, end: int, quote: str, source: str | None = None
) -> tuple[Pin, bool]:
    """Pin a span of an article.

    Returns:
        The pin, and False when that span was pinned already (it is not added twice).
    """
    pins = read_pins(folder)
    for pin in pins:
        if pin["path"] == path and pin["start"] == start and pin["end"] == end:
            return pin, False
    new: Pin = {
        "path": path,
        "start": start,
        "end": end,
        "quote": quote,
        "source": source,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    _write(folder, [*pins, new])
    return new, True


def remove_pin(folder: Path, number: int) -> Pin | None:
    """Remove the pin at this 1-based position; the removed pin, or None when there is none."""
    pins = read_pins(folder)
    if not 1 <= number <= len(pins):
        return None
    removed = pins.pop(number - 1)
    _write(folder, pins)
    return removed
