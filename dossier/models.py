"""The dossier's data, shared by every layer.

Frozen dataclasses for what the store and the service build (articles, search results,
index reports); TypedDicts for the JSON that analysis writes under the index folder and
the service hands on (entities, discrepancies and their claims, quotations, timeline
events, sources): those travel as plain dicts (cached as JSON, printed by ``--json``), so
the types describe them without changing them. Key names follow ../shared/CONTRACT.md.

Nothing here imports a third-party package, so any layer (CLI, TUI, store, analysis) can
use these types without paying for another's imports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NotRequired, TypedDict


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

    def to_json(self, with_body: bool = False) -> dict[str, Any]:
        """The CONTRACT.md shape for ``dossier articles --json`` (plus optional body)."""
        data: dict[str, Any] = {
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

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT.md shape of one hit."""
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

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT.md shape for ``dossier search --json``."""
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

    def to_json(self) -> dict[str, Any]:
        """The ``dossier index --json`` report."""
        data = asdict(self)
        data["skipped"] = [asdict(s) for s in self.skipped]
        data["notices"] = [asdict(n) for n in self.notices]
        return data


# -- the JSON that analysis produces and the service hands on ---------------------------------


class ArticleEntry(TypedDict):
    """An article's metadata as the index manifest keeps it (``Dossier.articles()``)."""

    id: str
    path: str
    title: str
    source: str | None
    author: str | None
    published: str | None
    words: int
    url: str | None
    title_derived: bool
    source_guessed: NotRequired[bool]
    file: NotRequired[str]
    summary: NotRequired[str | None]
    encoding: NotRequired[str]
    body_sha1: NotRequired[str]
    duplicate_of: NotRequired[str]
    outlet: NotRequired[str | None]
    """Set by ``Dossier.briefing``: the article's outlet."""
    guessed: NotRequired[bool]
    """Set by ``Dossier.briefing``: whether that outlet was guessed from credits."""


class Occurrence(TypedDict):
    """One mention of an entity: its span and its sentence's span in an article's body."""

    path: str
    start: int
    end: int
    sentence: list[int]
    """``[start, end]`` of the sentence it stands in."""
    surface: str


class Described(TypedDict):
    """A description of an entity ("party leader") and the article that gives it."""

    text: str
    path: str


class Entity(TypedDict):
    """A person, place or organisation: one entry per real-world name (CONTRACT.md)."""

    id: str
    name: str
    kind: str
    """``person``, ``place`` or ``organisation`` (other kinds may be added)."""
    aliases: list[str]
    descriptions: list[str]
    mentions: int
    paths: list[str]
    described: NotRequired[list[Described]]
    ambiguous: NotRequired[bool]
    """True when a bare name fits more than one person of the dossier."""
    occurrences: NotRequired[list[Occurrence]]


class ConcordanceLine(TypedDict):
    """One mention of an entity in its sentence (``Dossier.concordance``)."""

    path: str
    source: str | None
    title: str | None
    start: int
    end: int
    sentence: str
    sentence_start: int
    mention: str


class Claim(TypedDict):
    """One source's claim in a discrepancy (CONTRACT.md); offsets index the article body."""

    path: str
    quote: str
    start: int
    end: int
    value: Any
    """Whatever normalised value the claim carries: a number range, a date, a place."""
    polarity: str
    """``affirms`` or ``denies``."""
    attribution: str | None
    subject: NotRequired[str | None]
    predicate: NotRequired[str | None]
    value_text: NotRequired[str | None]
    """The words of the quote that carry the value (highlighted when shown)."""
    modality: NotRequired[str]
    speaker: NotRequired[str | None]
    outlet: NotRequired[str | None]
    """Set by ``Dossier.briefing``: the article's outlet."""
    guessed: NotRequired[bool]
    """Set by ``Dossier.briefing``: whether that outlet was guessed from credits."""


class Discrepancy(TypedDict):
    """A topic on which the sources differ, with every source's claim (CONTRACT.md)."""

    id: str
    topic: str
    kind: str
    """What differs: ``number``, ``denial``, ``date``, ``place``, ``name``, ..."""
    severity: str
    """``conflict`` (cannot all be true) or ``variation`` (can be reconciled)."""
    summary: str
    claims: list[Claim]


class Quote(TypedDict):
    """A direct quotation; ``differs`` names outlets that word or credit it otherwise."""

    path: str
    quote: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    differs: list[Any]
    source: str | None
    source_guessed: bool


class Speaker(TypedDict):
    """A speaker (an entity of the dossier, or a description such as 'an MP') and their quotes."""

    id: str | None
    name: str
    quotes: list[Quote]


class EventMention(TypedDict):
    """A sentence that dates an event."""

    path: str
    source: str | None
    start: int
    end: int
    sentence: str
    expression: str
    """The date expression as written ("last Sunday")."""
    discrepancy: str | None
    source_guessed: NotRequired[bool]
    outlet: NotRequired[str | None]
    """Set by ``Dossier.briefing``: the article's outlet."""
    guessed: NotRequired[bool]
    """Set by ``Dossier.briefing``: whether that outlet was guessed from credits."""


class TimelineEvent(TypedDict):
    """A dated (or undatable) event and every sentence that dates it."""

    date: str | None
    """ISO date, month or year; None when the expression could not be dated."""
    label: str
    granularity: str
    undated: bool
    year_inferred: bool
    discrepancy: str | None
    """The id of the ``date`` discrepancy this event is part of, if any."""
    mentions: list[EventMention]
    sources: NotRequired[list[str]]
    discrepancy_topic: NotRequired[str | None]
    """Set by ``Dossier.briefing``: the topic of ``discrepancy``."""


class NamedEntity(TypedDict):
    """An entity as the sources summary names it."""

    name: str
    kind: str


class OnlyEvent(TypedDict):
    """A date that only one outlet reports."""

    label: str
    sentence: str
    path: str


class SourceRow(TypedDict):
    """One outlet in the sources summary: its articles and what only it reports."""

    outlet: str
    known: bool
    guessed: bool
    articles: list[str]
    words: int
    first: str | None
    last: str | None
    only_entities: list[NamedEntity]
    only_events: list[OnlyEvent]


class MatrixRow(TypedDict):
    """An entity's mentions per outlet, in the matrix's outlet order."""

    id: str
    name: str
    kind: str
    counts: list[int]


class EntityMatrix(TypedDict):
    """Key entities (rows) by outlet (columns)."""

    outlets: list[str]
    rows: list[MatrixRow]


class SourcesSummary(TypedDict):
    """What ``Dossier.sources()`` returns."""

    sources: list[SourceRow]
    matrix: EntityMatrix


class Pin(TypedDict):
    """A sentence the reader pinned for the brief's "Noted" section."""

    path: str
    start: int
    end: int
    quote: str
    source: NotRequired[str | None]
    when: NotRequired[str]
    """When it was pinned (ISO 8601, UTC)."""
    outlet: NotRequired[str | None]
    """Set by ``Dossier.briefing``: the article's outlet."""
    guessed: NotRequired[bool]
    """Set by ``Dossier.briefing``: whether that outlet was guessed from credits."""


class SourceRef(TypedDict):
    """An article named by its path, with its outlet resolved."""

    path: str
    outlet: str | None
    guessed: bool


class BriefEntity(TypedDict):
    """A key entity in the brief, with one source per outlet that names it."""

    id: str
    name: str
    kind: str
    mentions: int
    descriptions: list[str]
    sources: list[SourceRef]


class Briefing(TypedDict):
    """Everything the one-page brief shows (``Dossier.briefing``), outlets resolved."""

    title: str
    subtitle: str
    articles: list[ArticleEntry]
    discrepancies: list[Discrepancy]
    entities: list[BriefEntity]
    timeline: list[TimelineEvent]
    pins: list[Pin]
