"""Small helpers for showing data in a terminal (shared by the CLI and the TUI)."""

from __future__ import annotations


def one_line(text: str) -> str:
    """Text fit for one line of a terminal: newlines and control characters escaped.

    File names may hold anything a file system allows; article text has its control
    characters made visible at ingest, names do not (they identify files).
    """
    if text.isprintable():
        return text
    return text.encode("unicode_escape").decode("ascii")


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 article', '3 articles': the count with the word agreeing with it.

    Args:
        count: how many.
        one: the words for exactly one ('article matches').
        many: the words for any other count; ``one`` + 's' when omitted.
    """
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
