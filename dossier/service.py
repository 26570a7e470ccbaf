"""The one door to a dossier: the CLI and the TUI ask this, never the index or the NLP directly."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from dossier import locations
from dossier.derive import (
    DERIVED_STAMP,
    DISCREPANCIES_FILE,
    ENTITIES_FILE,
    QUOTES_FILE,
    EarlyAnalysis,
    derive,
)
from dossier.models import (
    Article,
    ArticleEntry,
    BriefEntity,
    Briefing,
    Claim,
    ConcordanceLine,
    Discrepancy,
    Entity,
    EventMention,
    Fragment,
    IndexReport,
    Notice,
    Pin,
    Quote,
    SearchResult,
    SourceRef,
    SourcesSummary,
    Speaker,
    TimelineEvent,
)
from dossier.store import IndexBusy, NoIndex, QueryError, Store
from dossier.store.searcher import snippet_around
from dossier.store.writer import Progress

__all__ = ["ArticleNotFound", "Dossier", "EntityNotFound", "IndexBusy", "NoIndex", "QueryError"]

T = TypeVar("T")

#: Hits whose matches are remembered for the reader (a few searches' worth of rows).
SPAN_CACHE = 512
#: Bump when the cross-article merge changes, so stored entities are recomputed.
RESOLVE_VERSION = 40
TIMELINE_FILE = "timeline.json"
#: Bump when the timeline's extraction changes, so a cached timeline is recomputed.
TIMELINE_VERSION = 3
#: Key entities of each kind in a brief (the most mentioned): the brief stays a page or two.
BRIEF_ENTITIES_PER_KIND = 6
ENTITY_KINDS = {
    "person": "person",
    "people": "person",
    "place": "place",
    "org": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "entity": None,
}
_ENTITY_FILTER_RE = re.compile(
    r'(?<![\w:])({}):("[^"]*"|[^\s()]+)'.format("|".join(ENTITY_KINDS)), re.IGNORECASE
)
#: What the brief gives an outlet to (each has optional ``outlet`` and ``guessed`` keys).
_Sourced = TypeVar("_Sourced", Claim, EventMention, Pin)


class ArticleNotFound(LookupError):
    """No article matches the reference given."""


class EntityNotFound(LookupError):
    """No person, place or organisation matches the name given."""


class Dossier:
    """A seeds folder and its index.

    Args:
        seeds: the folder of article files.
        index: the folder that holds the index (created when missing).
    """

    def __init__(self, seeds: Path, index: Path) -> None:
        self.seeds = Path(seeds)
        self.index = Path(index)
        self.store = Store(self.seeds, self.index)
        self._cache: dict[str, tuple[tuple[int, ...] | None, dict[str, Any]]] = {}
        """Derived-data files by name, with the index stamp they were read under."""
        self._articles: tuple[tuple[int, ...] | None, list[ArticleEntry]] | None = None
        """The manifest's article entries, with the index stamp they were read under."""
        self._span_cache: dict[tuple[str, str], list[tuple[int, int]]] = {}
        """Matches of recent hits by (query, path), valid for the index stamp below."""
        self._spans_stamp: tuple[int, ...] | None = None

    @classmethod
    def open(cls, seeds: str | Path | None = None, index: str | Path | None = None) -> Dossier:
        """Open the dossier at the given (or default) folders; nothing is read yet."""
        return cls(locations.seeds_dir(seeds), locations.index_dir(index))

    # -- keeping the index fresh ------------------------------------------------------------
    def refresh(
        self,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        wait: float = 5.0,
        analyse: bool = True,
    ) -> IndexReport:
        """Index what changed in the seeds folder.

        With ``analyse=False`` only the text index is updated (searchable at once); people,
        places and discrepancies are computed by the next refresh that analyses.

        Raises:
            IndexBusy: another process is writing the index.
        """
        if not self.seeds.is_dir():
            raise FileNotFoundError(f"seeds folder not found: {self.seeds}")
        if self.seeds.resolve() == self.index.resolve():
            raise FileNotFoundError(
                f"the index folder must not be the seeds folder itself: {self.seeds}"
            )

        early = EarlyAnalysis(self.store) if analyse else None

        def derive_after(manifest: dict[str, Any], report: IndexReport) -> None:
            if not analyse:
                return
            try:
                report.analysed = derive(
                    self.store, manifest, progress, report, RESOLVE_VERSION, early
                )
            except (OSError, ImportError) as exc:
                # The text index is committed and searchable; say what is missing and go on.
                report.notices.append(Notice("(analysis)", f"people and places not updated: {exc}"))

        try:
            return self.store.refresh(
                rebuild=rebuild,
                progress=progress,
                wait=wait,
                after=derive_after,
                on_article=early.add if early is not None else None,
            )
        finally:
            if early is not None:
                early.close()

    def ensure_index(
        self, progress: Progress | None = None, analyse: bool = True, checked: bool = False
    ) -> IndexReport | None:
        """Refresh before answering; while another process writes, answer from the index as it is.

        ``checked``: the caller has just found the index not current (see
        :meth:`answer_if_current`), so the read-only check is not made a second time.

        Returns:
            The refresh report, or None when the refresh was left to the other writer.

        Raises:
            IndexBusy: another process is writing and there is no index to answer from yet.
        """
        if not analyse and not checked and self._folders_ok():
            unchanged = self.store.unchanged_files()
            if unchanged is not None:
                # Nothing to write: skip the writer's lock and setup (a cold search's budget).
                return IndexReport(unchanged=unchanged)
        try:
            return self.refresh(
                progress=progress, wait=0.0 if self.store.exists() else 30.0, analyse=analyse
            )
        except IndexBusy:
            if self.store.exists():
                return None
            raise

    def answer_if_current(self, answer: Callable[[], T]) -> T | None:
        """``answer()`` read from the index as it is, if a refresh would find nothing to do.

        The check of the seeds folder runs on the other core while ``answer`` reads the
        index, so a cold ``dossier search`` of a large dossier pays for the slower of the
        two, not both. None when the folder changed or the index is missing or damaged
        (refresh, then ask again); an error of ``answer`` on a current index is raised.
        """
        check = self.store.start_unchanged_check() if self._folders_ok() else None
        if check is None:
            return None
        try:
            value = answer()
        except Exception:
            if check() is not None:
                raise  # e.g. a malformed query: the same on a refreshed index
            return None
        return value if check() is not None else None

    def _folders_ok(self) -> bool:
        """True when the seeds folder exists and is not the index folder (refresh says why not)."""
        return self.seeds.is_dir() and self.seeds.resolve() != self.index.resolve()

    def index_stamp(self) -> tuple[int, ...] | None:
        """Changes whenever any process rewrites the index (for readers that stay open)."""
        return self.store.stamp()

    def is_stale(self) -> bool:
        """True when the seeds folder changed since the index was last written."""
        return self.store.is_stale()

    # -- answers ----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 10, snippets: bool | int = True) -> SearchResult:
        """Full-text search with the Whoosh query language, plus entity filters.

        ``person:ana-lopez``, ``place:"Lisbon"``, ``org:reuters`` or ``entity:...`` keep the
        articles that mention that entity under any of its names (its article set, read
        from the entities file: no alias is searched for).

        Args:
            snippets: highlighted snippets for all hits (True), none (False) or the best N;
                the others show their article's opening words (see :meth:`snippets`).

        Raises:
            QueryError: the query is malformed or names an unknown entity; the message explains it.
        """
        paths: set[str] | None = None
        named = self._filter_entities(query)
        for entity in named:
            found = set(entity["paths"])
            paths = found if paths is None else paths & found
        text = _ENTITY_FILTER_RE.sub(" ", query).strip()
        result = self.store.search(text, limit=limit, paths=paths, snippets=False)
        shown = len(result.hits) if snippets is True else int(snippets)
        filled = self.snippets(query, [hit.path for hit in result.hits[:shown]]) if shown else {}
        hits = tuple(
            replace(hit, snippet=filled.get(hit.path) or hit.snippet) for hit in result.hits
        )
        return SearchResult(query=query, total=result.total, hits=hits, corrected=result.corrected)

    def snippets(self, query: str, paths: list[str]) -> dict[str, tuple[Fragment, ...]]:
        """Highlighted snippets of some hits of a query: the reader asks for the rows that
        come into view. The matches found are remembered for :meth:`match_spans`.

        An article without a match to show is left out (its row keeps its opening words).
        """
        query = query.strip()
        try:
            named = self._filter_entities(query)
        except QueryError:
            return {}
        text = _ENTITY_FILTER_RE.sub(" ", query).strip()
        wanted = set(paths)
        mentions: dict[str, list[tuple[int, int]]] = {}
        for (
            entity
        ) in named:  # snippets around the entity's mentions too: Whoosh only knows the words typed
            for o in entity.get("occurrences", []):
                if o["path"] in wanted:
                    mentions.setdefault(o["path"], []).append((o["start"], o["end"]))
        filled = {}
        for path, (body, spans) in self.store.highlights(text, list(paths)).items():
            spans = sorted(set(spans) | set(mentions.get(path, [])))  # as match_spans gives them
            self._remember_spans(query, path, spans)
            snippet = snippet_around(body, spans)
            if snippet:
                filled[path] = snippet
        return filled

    def _remember_spans(self, query: str, path: str, spans: list[tuple[int, int]]) -> None:
        """Keep a hit's matches for the reader, which opens the hits just listed."""
        stamp = self.store.stamp()
        if self._spans_stamp != stamp or len(self._span_cache) >= SPAN_CACHE:
            self._span_cache.clear()
            self._spans_stamp = stamp
        self._span_cache[(query, path)] = spans

    def _filter_entities(self, query: str) -> list[Entity]:
        """The entities a query's ``person:``/``place:``/``org:`` filters name.

        Raises:
            QueryError: a filter names no entity, or several.
        """
        named: list[Entity] = []
        for match in _ENTITY_FILTER_RE.finditer(query):
            kind = ENTITY_KINDS[match.group(1).lower()]
            try:
                named.append(self.entity(match.group(2).strip('"'), kind=kind))
            except EntityNotFound as exc:
                raise QueryError(str(exc)) from None
        return named

    def _spans(self, text: str, entities: list[Entity], path: str) -> list[tuple[int, int]]:
        """The query words' spans plus every mention of the named entities (any alias) in one
        article."""
        spans = set(self.store.match_spans(text, path)) if text else set()
        for entity in entities:
            spans |= {
                (o["start"], o["end"]) for o in entity.get("occurrences", []) if o["path"] == path
            }
        return sorted(spans)

    def match_spans(self, query: str, path: str) -> list[tuple[int, int]]:
        """Where the words of a query, and the entities it filters by, occur in one article's
        body."""
        query = query.strip()
        if self._spans_stamp == self.store.stamp() and (query, path) in self._span_cache:
            return list(self._span_cache[(query, path)])
        text = _ENTITY_FILTER_RE.sub(" ", query).strip()
        try:
            named = self._filter_entities(query)
        except QueryError:
            named = []
        return self._spans(text, named, path)

    # -- people, places, organisations ---------------------------------------------------------
    def entities(self, kind: str | None = None) -> list[Entity]:
        """The dossier's entities (CONTRACT.md shape plus ``occurrences``), optionally of one
        kind."""
        found = self._read_cached(ENTITIES_FILE).get("entities", [])
        return [e for e in found if kind is None or e["kind"] == kind]

    def _read_cached(self, name: str) -> dict[str, Any]:
        """A derived-data file, re-read only when some process rewrote the index."""
        stamp = self.store.stamp()
        cached = self._cache.get(name)
        if cached is None or cached[0] != stamp or stamp is None:
            data = self.store.read_json(name) or {}
            cached = (stamp, data if isinstance(data, dict) else {})
            self._cache[name] = cached
        return cached[1]

    def discrepancies(
        self, kind: str | None = None, severity: str | None = None
    ) -> list[Discrepancy]:
        """Topics on which the sources differ (CONTRACT.md), conflicts first."""
        found = self._read_cached(DISCREPANCIES_FILE).get("discrepancies", [])
        return [
            d
            for d in found
            if (kind is None or d["kind"] == kind)
            and (severity is None or d["severity"] == severity)
        ]

    def quotes(self, speaker: str | None = None) -> list[Speaker]:
        """Every quotation by speaker, most quoted first, each with its outlet (``source``; an
        outlet read from wire credits is ``source_guessed``).

        Args:
            speaker: keep the speakers whose id or name contains this (case and accents ignored).
        """
        from dossier.entities.gazetteer import fold

        articles: dict[str, Mapping[str, Any]] = {a["path"]: a for a in self.articles()}
        key = fold(speaker).strip() if speaker else ""
        found: list[Speaker] = []
        speakers: list[Speaker] = self._read_cached(QUOTES_FILE).get("speakers", [])
        for group in speakers:
            if (
                key
                and key not in fold(group["name"])
                and key.replace(" ", "-") not in (group["id"] or "")
            ):
                continue
            quotes: list[Quote] = [
                {
                    **q,
                    "source": articles.get(q["path"], {}).get("source") or Path(q["path"]).name,
                    "source_guessed": bool(articles.get(q["path"], {}).get("source_guessed")),
                }
                for q in group["quotes"]
            ]
            found.append({**group, "quotes": quotes})
        return found

    def entity(self, name: str, kind: str | None = None) -> Entity:
        """The entity with this id, name or alias (case and accents ignored).

        Raises:
            EntityNotFound: no entity, or several, match.
        """
        from dossier.entities.gazetteer import fold

        candidates = self.entities(kind)
        by_id = [e for e in candidates if e["id"] == name]
        if (
            by_id
        ):  # an id as the app and the sidebar write it ('person:jan-kowalski') names one entity
            return by_id[0]
        key = fold(name)
        exact = [
            e
            for e in candidates
            if key in ({e["id"], fold(e["name"])} | {fold(a) for a in e["aliases"]})
        ]
        if not exact:
            exact = [e for e in candidates if e["id"].startswith(key.replace(" ", "-"))]
        if not exact:  # a surname alone: 'Kowalski' for 'Jan Kowalski'
            exact = [
                e
                for e in candidates
                if e["kind"] == "person" and fold(e["name"]).split()[-1] == key
            ]
        if len(exact) > 1:
            exact = [e for e in exact if not e.get("ambiguous")] or exact
        if len(exact) == 1:
            return exact[0]
        what = kind or "entity"
        if not exact:
            raise EntityNotFound(f"no {what} '{name}' in this dossier (see `dossier entities`)")
        raise EntityNotFound(
            f"'{name}' could be {', '.join(e['name'] for e in exact[:5])}; be more specific"
        )

    def concordance(self, entity: Entity) -> list[ConcordanceLine]:
        """Every mention of an entity with its sentence, grouped by article in path order."""
        paths = sorted({o["path"] for o in entity["occurrences"]})
        bodies = self.store.bodies(paths)
        titles: dict[str, Mapping[str, Any]] = {a["path"]: a for a in self.articles()}
        lines: list[ConcordanceLine] = []
        for occurrence in entity["occurrences"]:
            body = bodies.get(occurrence["path"], "")
            start, end = occurrence["sentence"]
            meta = titles.get(occurrence["path"], {})
            lines.append(
                {
                    "path": occurrence["path"],
                    "source": meta.get("source"),
                    "title": meta.get("title"),
                    "start": occurrence["start"],
                    "end": occurrence["end"],
                    "sentence": body[start:end],
                    "sentence_start": start,
                    "mention": body[occurrence["start"] : occurrence["end"]],
                }
            )
        return lines

    def articles(self) -> list[ArticleEntry]:
        """Every article's metadata (id, path, title, source, author, published, words...)."""
        stamp = self.store.stamp()
        cached = self._articles
        if cached is None or cached[0] != stamp or stamp is None:
            cached = (stamp, self.store.article_entries())
            self._articles = cached
        return list(cached[1])

    def not_analysed(self) -> list[dict[str, str]]:
        """Articles whose analysis failed (indexed and searchable, but without people or claims)."""
        return list((self.store.read_json(DERIVED_STAMP) or {}).get("not_analysed", []))

    def article(self, ref: str) -> Article:
        """The article with this id or path (or a unique prefix of either).

        Raises:
            ArticleNotFound: nothing, or more than one article, matches.
        """
        entries = self.articles()
        exact = [a for a in entries if ref in (a["id"], a["path"])]
        if not exact:
            exact = [a for a in entries if a["id"].startswith(ref) or a["path"].startswith(ref)]
        if len(exact) > 1:
            names = ", ".join(a["path"] for a in exact[:5])
            raise ArticleNotFound(
                f"'{ref}' matches {len(exact)} articles ({names}…); be more specific"
            )
        if not exact:
            raise ArticleNotFound(f"no article '{ref}' (see `dossier articles`)")
        article = self.store.article(exact[0]["path"])
        if article is None:
            raise ArticleNotFound(
                f"article '{ref}' is listed but missing from the index; "
                "run `dossier index --rebuild`"
            )
        return article

    # -- briefings: timeline, sources, pins, the brief (issue 15) ---------------------------------
    def timeline(self) -> list[TimelineEvent]:
        """Every dated event in order, with its sources.

        See :func:`dossier.timeline.build_timeline`.

        Cached in the index folder under the index stamp; date parsing never imports spaCy.
        """
        from dossier.timeline import build_timeline

        stamp = list(self.store.stamp() or ())
        cached = self.store.read_json(TIMELINE_FILE) or {}
        if stamp and cached.get("stamp") == stamp and cached.get("version") == TIMELINE_VERSION:
            stored: list[TimelineEvent] = cached["events"]  # as written below
            return stored
        articles = self.articles()
        events = build_timeline(
            articles, self.store.bodies([a["path"] for a in articles]), self.discrepancies()
        )
        outlets: dict[str, Mapping[str, Any]] = {a["path"]: a for a in articles}
        for event in events:
            for mention in event["mentions"]:
                mention["source_guessed"] = bool(
                    outlets.get(mention["path"], {}).get("source_guessed")
                )
        if stamp:
            # A read-only index: compute again next time.
            with contextlib.suppress(OSError):
                self.store.write_json(
                    TIMELINE_FILE, {"stamp": stamp, "version": TIMELINE_VERSION, "events": events}
                )
        return events

    def sources(self) -> SourcesSummary:
        """One row per outlet (articles, words, dates, what only it reports) and a matrix of
        key entities by outlet (see :mod:`dossier.sources`)."""
        from dossier.sources import entity_matrix, summarise_sources

        articles, entities = self.articles(), self.entities()
        return {
            "sources": summarise_sources(articles, entities, self.timeline()),
            "matrix": entity_matrix(articles, entities),
        }

    def sentence_at(self, path: str, offset: int) -> tuple[int, int, str]:
        """The sentence of an article that holds this character offset: (start, end, text).

        Raises:
            ArticleNotFound: no article has this path.
        """
        from dossier.sentences import sentence_around

        body = self.article(path).body
        start, end = sentence_around(body, offset)
        return start, end, body[start:end]

    def pins(self) -> list[Pin]:
        """Sentences pinned for the briefing, oldest first."""
        from dossier.pins import read_pins

        return read_pins(self.index)

    def pin(self, path: str, start: int, end: int) -> tuple[Pin, bool]:
        """Pin a span of an article (its quote is kept with it).

        Returns:
            The pin, and False when it was pinned already.

        Raises:
            ArticleNotFound: no article has this path.
        """
        from dossier.pins import add_pin

        article = self.article(path)
        start, end = max(0, start), min(len(article.body), end)
        return add_pin(
            self.index, article.path, start, end, article.body[start:end], article.source
        )

    def unpin(self, number: int) -> Pin | None:
        """Remove the pin at this 1-based position; the pin removed, or None."""
        from dossier.pins import remove_pin

        return remove_pin(self.index, number)

    def briefing(self) -> Briefing:
        """Everything the one-page brief shows, with each quote's outlet resolved."""
        from dossier.sources import outlet_of

        articles = self.articles()
        meta: dict[str, Mapping[str, Any]] = {a["path"]: a for a in articles}

        def sourced(item: _Sourced) -> _Sourced:
            ref = _source_ref(meta, item["path"])
            return {**item, "outlet": ref["outlet"], "guessed": ref["guessed"]}

        discrepancies: list[Discrepancy] = [
            {**d, "claims": [sourced(c) for c in d["claims"]]} for d in self.discrepancies()
        ]
        # Keyed for lookups by an event's discrepancy id, which may be None.
        topics: dict[str | None, str] = {d["id"]: d["topic"] for d in discrepancies}
        timeline: list[TimelineEvent] = [
            {
                **e,
                "discrepancy_topic": topics.get(e["discrepancy"]),
                "mentions": [sourced(m) for m in e["mentions"]],
            }
            for e in self.timeline()
        ]
        outlets = {outlet_of(a) for a in articles}
        dates = sorted(date for a in articles if (date := a.get("published")))
        span = f", {dates[0]} to {dates[-1]}" if dates else ""
        return {
            "title": self._story_title(articles),
            "subtitle": f"{len(articles)} articles from {len(outlets)} sources{span}; "
            f"{len(discrepancies)} points where they differ",
            "articles": [
                {**a, "outlet": a.get("source"), "guessed": bool(a.get("source_guessed"))}
                for a in articles
            ],
            "discrepancies": discrepancies,
            "entities": self._brief_entities(meta),
            "timeline": timeline,
            "pins": [sourced(p) for p in self.pins()],
        }

    def _brief_entities(self, meta: Mapping[str, Mapping[str, Any]]) -> list[BriefEntity]:
        """The brief's key entities of each kind, each with one source per outlet that names it."""
        from dossier.sources import key_entities, outlet_of

        entities: list[BriefEntity] = []
        for kind in ("person", "place", "organisation"):
            for e in key_entities(self.entities(kind), BRIEF_ENTITIES_PER_KIND):
                # One entry per outlet (an article of unknown outlet is its own), as quotes
                # carry them.
                named = {
                    outlet_of(meta[p]): _source_ref(meta, p)
                    for p in sorted(e["paths"])
                    if p in meta
                }
                entities.append(
                    {
                        "id": e["id"],
                        "name": e["name"],
                        "kind": e["kind"],
                        "mentions": e["mentions"],
                        "descriptions": e["descriptions"],
                        "sources": [named[k] for k in sorted(named, key=str.casefold)],
                    }
                )
        return entities

    def _story_title(self, articles: list[ArticleEntry]) -> str:
        """The story's name: the headline that shares most words with the others."""
        titles = [a["title"] for a in articles if not a.get("title_derived")] or [
            a["title"] for a in articles
        ]
        if not titles:
            return self.seeds.name
        words = [set(re.findall(r"\w+", t.lower())) for t in titles]
        return max(
            titles, key=lambda t: sum(len(set(re.findall(r"\w+", t.lower())) & w) for w in words)
        )

    def write_brief(self, target: str | Path | None = None, fmt: str = "md") -> Path:
        """Write the brief (``md`` or ``html``) to a file, by default ``<index>/brief.<fmt>``.

        Returns:
            The path written.
        """
        from dossier.brief import render_html, render_markdown

        text = (render_html if fmt == "html" else render_markdown)(self.briefing())
        path = Path(target) if target else self.index / f"brief.{fmt}"
        locations.write_atomic(path, text)
        return path


def _source_ref(meta: Mapping[str, Mapping[str, Any]], path: str) -> SourceRef:
    """An article named by its path, with its outlet (``meta``: article metadata by path)."""
    article = meta.get(path, {})
    return {
        "path": path,
        "outlet": article.get("source"),
        "guessed": bool(article.get("source_guessed")),
    }
