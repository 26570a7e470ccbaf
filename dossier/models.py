"""The dossier's data: plain frozen dataclasses shared by every layer.

Nothing here imports a third-party package, so any layer (CLI, TUI, store, analysis) can
use these types without paying for another's imports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Article:
    """One article, parsed and cleaned.

    Attributes:
        id: stable ASCII slug, unique within the dossier.
        path: the article's path relative to the seeds folder (``a.json#2`` for the third
            article of a JSON file that holds a list).
        file: the file it was read from, relative to the seeds folder.
        title: the headline; derived from the first sentence when the file has none.
        body: the cleaned body text. Character offsets used elsewhere index into it.
        source: the outlet, when known.
        author: the byline, when known.
        published: ISO date (``YYYY-MM-DD``) when the file states one.
        url: the article's address, when known.
        title_derived: True when the title was made from the first sentence.
        summary: a standfirst line that stood apart from the body, when there was one.
        encoding: the text encoding the file was read with.
        source_guessed: True when ``source`` was guessed from wire credits in the text
            ("(AFP)", "told Reuters") rather than stated by the file or its byline.
    """

    id: str
    path: str
    file: str
    title: str
    body: str
    source: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    title_derived: bool = False
    summary: str | None = None
    encoding: str = "utf-8"
    source_guessed: bool = False

    @property
    def words(self) -> int:
        """Number of words in the body."""
        return len(self.body.split())

    def to_json(self, with_body: bool = False) -> dict:
        """The CONTRACT.md shape for ``dossier articles --json`` (plus optional body)."""
        data = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "author": self.author,
            "published": self.published,
            "words": self.words,
            "url": self.url,
            "title_derived": self.title_derived,
            "source_guessed": self.source_guessed,
        }
        if with_body:
            data["summary"] = self.summary
            data["body"] = self.body
        return data


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read as an article, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Notice:
    """Something worth telling the user about a file that was still read (e.g. its encoding)."""

    path: str
    message: str


@dataclass(frozen=True)
class Fragment:
    """A piece of a search snippet; ``match`` marks the words the query hit."""

    text: str
    match: bool = False


@dataclass(frozen=True)
class Hit:
    """One search result."""

    id: str
    path: str
    title: str
    source: str | None
    score: float
    snippet: tuple[Fragment, ...] = ()

    def snippet_markup(self) -> str:
        """The snippet with matched words wrapped in ``<b>…</b>`` (CONTRACT.md)."""
        return "".join(f"<b>{f.text}</b>" if f.match else f.text for f in self.snippet)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "score": round(self.score, 4),
            "snippet": self.snippet_markup(),
        }


@dataclass(frozen=True)
class SearchResult:
    """The answer to one query: ranked hits, the total, and a spelling suggestion."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    corrected: str | None = None

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "corrected": self.corrected,
            "hits": [h.to_json() for h in self.hits],
        }


@dataclass
class IndexReport:
    """What one index run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    rebuilt: bool = False
    reason: str | None = None
    analysed: int = 0
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent per phase: scan, ingest, index, analyse, entities, claims."""
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """True when the run wrote anything to the index."""
        return bool(self.added or self.updated or self.removed or self.rebuilt)

    def to_json(self) -> dict:
        data = asdict(self)
        data["skipped"] = [asdict(s) for s in self.skipped]
        data["notices"] = [asdict(n) for n in self.notices]
        return data
