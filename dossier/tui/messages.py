"""App-level messages, posted from workers and handled on the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from dossier.models import Fragment, IndexReport, SearchResult


@dataclass
class SearchDone(Message):
    """A search finished; ``error`` explains a malformed query instead of a result."""

    query: str
    result: SearchResult | None
    error: str | None = None
    typing: bool = False
    """Whether the search ran as the user typed (not on Enter or from a filter)."""


class SearchWarmed(Message):
    """The search run after the first screen to load the index's term dictionaries ended."""


@dataclass
class SnippetsDone(Message):
    """Highlighted snippets for some listed hits of ``query``, by path."""

    query: str
    snippets: dict[str, tuple[Fragment, ...]]


@dataclass
class IndexProgress(Message):
    """Indexing advanced (``phase`` is 'index' or 'analyse')."""

    phase: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress) and message.phase == self.phase


@dataclass
class IndexRefreshed(Message):
    """The index was brought up to date (``report`` is None when another process was writing)."""

    report: IndexReport | None
    error: str | None = None


@dataclass
class OpenArticle(Message):
    """Open an article in the reader (from the command palette)."""

    path: str


@dataclass
class FilterByEntity(Message):
    """List the articles that mention an entity (from the command palette)."""

    entity_id: str
