"""The derived data of a dossier: per-article analyses, then the cross-source merge.

Runs inside the write lock, after the text index is committed (see :meth:`Dossier.refresh`).
Every article's analysis (mentions and facts) is kept in one consolidated store,
``index/analysis/analyses.marshal``, keyed by the article's text digest and the analysis
version: reading one file of plain values costs a fraction of parsing thousands of JSON files,
which is what a one-article change paid before. From the analyses the people, places,
discrepancies and quotes are computed again (the same output as a build from scratch).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import marshal
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, cast

from dossier import locations
from dossier.models import IndexReport, Notice
from dossier.store import Store, can_fork, in_background, in_parallel, in_parallel_then
from dossier.store.writer import Progress, article_entries

ENTITIES_FILE = "entities.json"
DISCREPANCIES_FILE = "discrepancies.json"
#: Who said what (issue 16 item 12): every quotation by speaker, written with the discrepancies.
QUOTES_FILE = "quotes.json"
DERIVED_STAMP = "derived.json"
ANALYSIS_DIR = "analysis"
#: The consolidated store of every article's analysis (marshal: plain values, no code).
ANALYSIS_PACK = f"{ANALYSIS_DIR}/analyses.marshal"
#: The pack's keys alone, to know at once whether an article read needs parsing.
PACK_KEYS = f"{ANALYSIS_DIR}/keys.marshal"
#: Bump when the layout of the pack changes; a pack of another layout is read as empty.
PACK_FORMAT = 1
#: How pairs of quotations compared (by their words' digests), kept for the next merge.
QUOTE_PAIRS = f"{ANALYSIS_DIR}/quote-pairs.marshal"
#: Which analysis each article had at the last run ({path: key}), to guess the next merge.
PACK_PATHS = f"{ANALYSIS_DIR}/paths.marshal"


def analysis_version() -> str:
    """The version of mention and claim extraction plus the model's (analyses are keyed by it)."""
    from dossier.analysis import ANALYSIS_VERSION
    from dossier.nlp import MODEL_VERSION

    return f"a{ANALYSIS_VERSION}m{MODEL_VERSION}"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading and merging build millions of small,
    acyclic objects, and the collector's passes over them cost a quarter of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_pack(store: Store) -> dict[str, Any]:
    """The consolidated analyses ({key: result}), or {} when there is none or it is unreadable."""
    try:
        # loads() of the whole file: load() from a file reads it a few bytes at a time.
        header, analyses = marshal.loads((store.folder / ANALYSIS_PACK).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if header != _pack_header() or not isinstance(analyses, dict):
        return {}
    return analyses


def write_pack(store: Store, analyses: dict[str, Any]) -> None:
    """Write the consolidated analyses atomically (call with the write lock held)."""
    data = marshal.dumps((_pack_header(), analyses))
    locations.write_atomic(store.folder / ANALYSIS_PACK, data)
    with contextlib.suppress(OSError):  # without it the pack itself is read for its keys
        keys = marshal.dumps((_pack_header() + [len(data)], sorted(analyses)))
        locations.write_atomic(store.folder / PACK_KEYS, keys)


def read_pack_keys(store: Store) -> set[str] | None:
    """The keys of the stored analyses, from their small index (None when it does not match
    the pack: then only reading the pack tells)."""
    try:
        header, keys = marshal.loads((store.folder / PACK_KEYS).read_bytes())
        size = (store.folder / ANALYSIS_PACK).stat().st_size
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if header != _pack_header() + [size] or not isinstance(keys, list):
        return None
    return set(keys)


def _pack_header() -> list[Any]:
    # marshal's format may change with the Python version: another one reads as no pack.
    return [PACK_FORMAT, list(sys.version_info[:2])]


class EarlyAnalysis:
    """Analyses started in worker processes while the text index is still being written.

    Parsing is most of a large build and runs on every core; writing the text index runs on
    one. Articles handed to :meth:`add` during the write (when many are being read) are sent
    to the workers in chunks at once, so the workers parse while this process indexes; the
    results are collected by :func:`derive`. Anything that goes wrong here only means those
    articles are analysed after the commit, as they would have been anyway.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pack: dict[str, Any] | None = None
        self._stored: set[str] | None = None
        self._pending: list[tuple[str, str]] = []
        self._chunks: list[tuple[list[str], Any]] = []
        self._pool: Any = None
        self._broken = False

    def add(self, article: Any, total: int) -> None:
        """Queue one article just read (``total``: files being read in this run)."""
        from dossier import nlp
        from dossier.store.writer import body_digest

        if self._broken:
            return
        if self._stored is None:
            # The keys alone: the pack (megabytes) is read after the commit, while the
            # worker parses.
            known = read_pack_keys(self.store)
            self._stored = (set(self.pack()) if known is None else known) | {
                key for keys, _ in self._chunks for key in keys
            }
        key = f"{body_digest(article.body)}-{analysis_version()}.json"
        if key in self._stored:
            return
        self._stored.add(key)
        self._pending.append((key, article.body))
        # A few articles go to one worker at once: its spaCy import, model load and parse run
        # while this process commits the text index and reads the stored analyses.
        if len(self._pending) >= min(_worker_chunk(), total):
            self._submit(nlp.processes_for(total))

    def pack(self) -> dict[str, Any]:
        """The stored analyses as this run found them (read once per run)."""
        if self._pack is None:
            self._pack = read_pack(self.store)
        return self._pack

    @property
    def pack_read(self) -> bool:
        """True when :meth:`pack` has read the stored analyses already."""
        return self._pack is not None

    def _submit(self, processes: int = 1) -> None:
        from dossier.analysis import analyse_chunk, worker_pool

        chunk, self._pending = self._pending, []
        if not chunk:
            return
        try:
            if self._pool is None:
                self._pool = worker_pool(processes)
            self._chunks.append(
                (
                    [key for key, _ in chunk],
                    self._pool.submit(analyse_chunk, [body for _, body in chunk]),
                )
            )
        except Exception:
            self._broken = True

    def results(self, wanted: set[str], progress: Progress | None) -> dict[str, Any]:
        """The analyses of the wanted keys that the workers produced (waiting for them)."""
        self._submit()
        found: dict[str, Any] = {}
        total = sum(len(keys) for keys, _ in self._chunks)
        for keys, future in self._chunks:
            # A chunk whose worker failed is left out: its articles are parsed again in this
            # process, one at a time, behind the per-article failure boundary.
            with contextlib.suppress(Exception):
                found.update(zip(keys, future.result(), strict=True))
            if progress:
                progress("analyse", len(found), total)
        return {key: result for key, result in found.items() if key in wanted}

    def close(self) -> None:
        """Stop the workers (cancelling what they have not started)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _worker_chunk() -> int:
    from dossier.analysis import WORKER_CHUNK

    return WORKER_CHUNK


#: What each merge built, kept here until the process ends when the command line asks for it
#: (see :func:`keep_until_exit`); None: freed when the merge returns, as usual.
_kept: list[Any] | None = None


def keep_until_exit(keep: bool = True) -> None:
    """Keep what each merge builds until the process ends instead of freeing it when the merge
    returns: for a command that exits right after without freeing anything (``os._exit``),
    the few tenths of a second the millions of objects take to free are saved. ``keep=False``
    (a process that stays, the reader's) frees them again, and drops what was kept."""
    global _kept
    if not keep:
        _kept = None
    elif _kept is None:
        _kept = []


#: The merge is guessed (see :class:`_Guess`) or resolved (:class:`_ResolvedAhead`) ahead when at
#: most this many articles are parsed.
GUESS_AT_MOST = 16


def derive(
    store: Store,
    manifest: dict,
    progress: Progress | None,
    report: IndexReport,
    resolve_version: int,
    early: EarlyAnalysis | None = None,
) -> int:
    """Analyse articles that have no stored analysis, then re-merge the entities.

    ``resolve_version`` is the version of the cross-article merge (``service.RESOLVE_VERSION``):
    derived files computed under another one are recomputed. ``early`` holds analyses
    started while the text index was written.

    spaCy is imported only when some article needs parsing. An article whose analysis fails
    stays indexed and is listed as not analysed (its failed result is stored under the
    analysis version, so an upgrade retries it); a failure of the cross-source steps keeps the
    previous entities and discrepancies.

    Returns:
        How many articles were parsed.
    """
    entries = article_entries(manifest)
    version = analysis_version()
    keys = {a["path"]: f"{a['body_sha1']}-{version}.json" for a in entries}
    stamp = hashlib.sha1(
        "\n".join(sorted(f"{p}={k}" for p, k in keys.items())).encode()
        + f"|{resolve_version}".encode()
    ).hexdigest()
    # The stamp of what the derived files were computed from sits in a file of its own, so
    # that checking it does not mean reading megabytes of analyses or entities.
    derived = store.read_json(DERIVED_STAMP) or {}
    outputs = (ENTITIES_FILE, DISCREPANCIES_FILE, QUOTES_FILE, ANALYSIS_PACK)
    if derived.get("stamp") == stamp and all(store.has_json(n) for n in outputs):
        return 0
    with gc_paused():
        started = time.perf_counter()
        inputs = _MergeInputs(store, entries, resolve_version, keys)
        if len(keys) >= PARALLEL_MERGE_ARTICLES and can_fork() and _all_stored(store, early, keys):
            inputs.quotes_ahead(keys)
        pack = early.pack() if early is not None else read_pack(store)
        stored = _stored(store, pack, keys)
        missing = [path for path, key in keys.items() if key not in stored]
        guess = (
            _work_ahead(inputs, keys, (stored, pack, missing), early, report)
            if missing and early is not None and len(missing) <= GUESS_AT_MOST
            else None
        )
        analyses = _analyses(store, keys, (stored, pack, missing), progress, report, early, inputs)
        if missing:
            report.phases["analyse"] = time.perf_counter() - started
        _merge(store, inputs, analyses, (missing, guess), stamp, report)
        if _kept is not None:
            _kept.append((pack, stored, analyses, inputs, guess))
            # Kept until the process ends: the collection that re-enabling the collector
            # starts (a full pass over millions of objects, 0.2 s) need not look at them.
            gc.freeze()
    return len(missing)


#: From this many parsed articles the merge is guessed (:class:`_Guess`): their parse takes
#: longer than resolving the whole dossier, and a guess that holds leaves nothing after it.
#: Fewer are folded into the stored articles resolved ahead (:class:`_ResolvedAhead`).
GUESS_FROM = 2


def _work_ahead(
    inputs: _MergeInputs,
    keys: dict[str, str],
    found: tuple[dict[str, Any], dict[str, Any], list[str]],
    early: EarlyAnalysis,
    report: IndexReport,
) -> _Guess | _ResolvedAhead | None:
    """The entity work done while the workers parse the ``missing`` articles (``found``: the
    stored analyses, the pack, the missing paths): the last merge's resolver carried onto
    this dossier when there is one to use, else a guess or the stored articles resolved."""
    stored, pack, missing = found
    started = time.perf_counter()
    carried = inputs.carried()
    if carried is not None:  # the last merge's resolution, with what changed since
        report.phases["entities ahead"] = time.perf_counter() - started
        inputs.read_bodies()
        return _ResolvedAhead(*carried, report.phases)
    guess: _Guess | _ResolvedAhead | None = None
    if len(missing) >= GUESS_FROM:
        guessed = time.perf_counter()
        guess = _Guess.ahead(inputs, keys, stored, pack, missing)
        report.phases["guess"] = time.perf_counter() - guessed
    if guess is None:  # new articles, or few: their stored neighbours are resolved ahead
        inputs.read_bodies()  # needed in any case, and cheaper than what follows

        guess = _ResolvedAhead.ahead(inputs, keys, stored, missing, report.phases)
    return guess


def _all_stored(store: Store, early: EarlyAnalysis | None, keys: dict[str, str]) -> bool:
    """True when the pack holds every wanted analysis, by its keys alone (before reading it;
    False when the keys do not tell or the pack was read already)."""
    if early is not None and early.pack_read:
        return False  # read already: the merge's work ahead would only add a second read
    known = read_pack_keys(store)
    return known is not None and set(keys.values()) <= known


def _stored(store: Store, pack: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    """The stored analyses of the wanted keys (the pack's, or one file per article)."""
    stored = {key: pack[key] for key in keys.values() if key in pack}
    for key in set(keys.values()) - set(stored):
        legacy = store.read_json(f"{ANALYSIS_DIR}/{key}")  # one file per article (before the pack)
        if isinstance(legacy, dict):
            stored[key] = legacy
    return stored


def _analyses(
    store: Store,
    keys: dict[str, str],
    found: tuple[dict[str, Any], dict[str, Any], list[str]],
    progress: Progress | None,
    report: IndexReport,
    early: EarlyAnalysis | None,
    inputs: _MergeInputs,
) -> dict[str, Any]:
    """Every article's analysis by path (``found``: the stored analyses, the pack they were
    read from, the paths to parse), parsing those not stored yet. The pack is written by
    ``inputs`` (see :meth:`_MergeInputs.keep_pack`)."""
    stored, pack, missing = found
    if missing and early is not None:
        _import_merge()  # while the workers parse: the merge needs these next
        inputs.read_bodies()
        for key, result in early.results({keys[path] for path in missing}, progress).items():
            stored[key] = _as_stored(result)
        # The workers are done: their pool's thread would keep the merge from forking.
        early.close()
    todo = [path for path in missing if keys[path] not in stored]
    if todo:
        from dossier.analysis import analyse

        bodies = store.bodies(todo)
        order = [path for path in todo if path in bodies]

        def step(done: int, total: int) -> None:
            if progress:
                progress("analyse", done, total)

        for path, result in zip(
            order, analyse([bodies[p] for p in order], progress=step), strict=True
        ):
            stored[keys[path]] = _as_stored(result)
    if stored.keys() != pack.keys():
        inputs.keep_pack(stored)
    _remember_paths(store, keys)
    store.prune_json(ANALYSIS_DIR, set())
    return {path: stored.get(key) or {} for path, key in keys.items()}


def _remember_paths(store: Store, keys: dict[str, str]) -> None:
    """Keep which analysis each article had: when it changes, the next run guesses the merge
    with that one (see :class:`_Guess`)."""
    if _previous_keys(store) != keys:
        with contextlib.suppress(OSError):  # only a hint for the guess
            data = marshal.dumps((_pack_header(), keys))
            locations.write_atomic(store.folder / PACK_PATHS, data)


def _previous_keys(store: Store) -> dict[str, str]:
    """{article path: its analysis key} as the last run left them ({} when unreadable)."""
    try:
        header, keys = marshal.loads((store.folder / PACK_PATHS).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return keys if header == _pack_header() and isinstance(keys, dict) else {}


def _as_stored(result: dict[str, Any]) -> dict[str, Any]:
    """A fresh analysis as a JSON store would give it back (tuples as lists...): a fresh
    analysis and a stored one must merge the same."""
    return cast(dict[str, Any], json.loads(locations.json_bytes(result)))


def _import_merge() -> None:
    """Import the cross-article merge's modules (rapidfuzz, slugify and the resolvers)."""
    import dossier.claims.compare
    import dossier.claims.quotes
    import dossier.entities.resolve  # noqa: F401


#: From this many articles the merge finds the related quotations in a forked process while it
#: resolves the entities (below, forking costs about what the quotations take).
PARALLEL_MERGE_ARTICLES = 300


class _MergeInputs:
    """What the merge reads besides the analyses: bylines, body text, kept quotation pairs."""

    def __init__(
        self,
        store: Store,
        entries: Sequence[Mapping[str, Any]],
        version: int,
        keys: dict[str, str] | None = None,
    ) -> None:
        self.store = store
        self.version = version
        #: {path: analysis key} of the dossier merged.
        self.keys = keys or {}
        #: The resolver of the merge's entities, kept for the next merge (see :meth:`keep`).
        self.resolver: Any = None
        self.authors = {a["author"] for a in entries if a.get("author")}
        self.paths = [a["path"] for a in entries]
        self._bodies: dict[str, str] = {}
        self.relations = _read_relations(store, version)
        #: Waits for work the merge started ahead (see :meth:`quotes_ahead`,
        #: :meth:`claims_ahead`) and gives its groundwork of the claims, if any.
        self.ahead: Callable[[], dict[str, list[Any]] | None] | None = None
        #: The analyses to write as the new pack (see :meth:`keep_pack`).
        self._pack: dict[str, Any] | None = None
        #: Waits for a forked child writing the pack: True when it did.
        self._pack_written: Callable[[], bool] | None = None

    def read_bodies(self) -> None:
        """Read every article's body now (while the workers parse) for :meth:`sentence_of`."""
        with contextlib.suppress(Exception):  # read on first use otherwise
            self.sentence_of("", 0, 0)

    def keep_pack(self, analyses: dict[str, Any]) -> None:
        """Have ``analyses`` written as the new pack: by the process :meth:`claims_ahead`
        forks when it does, else at once."""
        if self._forks():
            self._pack = analyses
        else:
            write_pack(self.store, analyses)

    def settle_pack(self) -> None:
        """Write the pack :meth:`keep_pack` was given, unless a forked child wrote it (waiting
        for that child); called before the derived files are written."""
        if self.ahead is not None:
            self.ahead()  # its answer read (once): a child never waits on a full pipe
        if self._pack_written is not None:
            written, self._pack_written = self._pack_written(), None
            if written:
                self._pack = None
        if self._pack is not None:
            pack, self._pack = self._pack, None
            write_pack(self.store, pack)

    def _forks(self) -> bool:
        """True when :meth:`claims_ahead` will fork (no work went ahead already)."""
        return len(self.paths) >= PARALLEL_MERGE_ARTICLES and self.ahead is None and can_fork()

    def sentence_of(self, path: str, start: int, end: int) -> str:
        """The text of a body span (of the committed index: the new text of a changed article)."""
        # Most articles are asked for (every quotation credited to 'he' or 'she'): one pass
        # over the stored fields costs a quarter of a lookup per article (measured on BBC).
        if not self._bodies:
            self._bodies.update(self.store.bodies(self.paths))
        return self._bodies.get(path, "")[start:end]

    def cross_article(
        self,
        analyses: dict[str, Any],
        relations: Any,
        phases: dict[str, float],
        entities: list[dict[str, Any]] | None = None,
        resolved_ahead: _ResolvedAhead | None = None,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """:func:`_cross_article` of these analyses (``entities``: already resolved;
        ``resolved_ahead``: the stored articles' share of them, the parsed ones to fold in)."""
        mentions = {path: data.get("mentions", []) for path, data in analyses.items()}
        claims = {path: data.get("claims", []) for path, data in analyses.items()}
        if self._forks():
            self.claims_ahead(claims, quotes=entities is None)
            if entities is not None:
                # Nothing to resolve: this process finds the quotation pairs while the child
                # finds the rest, rather than wait for the child to find both.
                from dossier.claims.align import quotes_of, related_quotes

                relations.ahead = related_quotes(quotes_of(claims), relations)
        try:
            if resolved_ahead is not None:  # folded in while the child works
                entities = resolved_ahead.entities_for(analyses)
                self.resolver = resolved_ahead.resolver if entities is not None else None
            if entities is None:
                entities = self._resolve(mentions, phases, carry=resolved_ahead is None)
        except BaseException:
            if self.ahead is not None:
                self.ahead()  # no child left behind
            raise
        return _cross_article(
            mentions,
            claims,
            self.authors,
            self.sentence_of,
            relations,
            phases,
            entities,
            self.ahead,
        )

    def _resolve(
        self,
        mentions: dict[str, list[dict[str, Any]]],
        phases: dict[str, float],
        carry: bool = True,
    ) -> list[dict[str, Any]]:
        """Every article's entities: the last merge's resolver carried onto this dossier when
        there is one to use (and ``carry``), else resolved at once (the resolver kept for
        :meth:`keep`)."""
        from dossier.entities.resolve import Resolver

        started = time.perf_counter()
        same_order = list(mentions) == list(self.keys)  # the order resolving them would take
        carried = self.carried() if carry and same_order else None
        entities = None
        if carried is not None:  # the last merge's, with what changed since
            resolver, late = carried
            with contextlib.suppress(Exception):
                entities = resolver.finish({path: mentions[path] for path in late})
        if entities is None:
            if carried is not None or not carry:
                self.forget()  # it failed: resolved anew, and a new one kept
            resolver = Resolver(list(mentions), self.authors)
            resolver.ahead(mentions)
            entities = resolver.finish({})
        self.resolver = resolver
        phases["entities"] = time.perf_counter() - started
        return entities

    def carried(self) -> tuple[Any, list[str]] | None:
        """The last merge's resolver carried onto this dossier and the articles it lacks
        (see :mod:`dossier.entities.kept`), when there is one to use."""
        from dossier.entities import kept

        if len(self.keys) < kept.KEEP_FROM:
            return None
        return kept.carried(self.store.folder, self.keys, self.authors, self.version)

    def keep(self, analyses: dict[str, Any]) -> None:
        """Keep this merge's resolver for the next merge, written by a process of its own
        once the merge's files are written (see :mod:`dossier.entities.kept`); not kept
        where this process cannot fork (a reader's threads run): the next merge carries an
        older one, or resolves from the articles. An article fed without an analysis is
        kept without its key (fed again next time)."""
        from dossier.entities import kept

        resolver, version = self.resolver, self.version
        if resolver is None or len(self.keys) < kept.KEEP_FROM:
            return
        keys = {p: k if analyses.get(p) else None for p, k in self.keys.items()}
        in_background(lambda: kept.keep(self.store.folder, resolver, keys, version))

    def forget(self) -> None:
        """Remove the kept resolver (it failed to carry over)."""
        from dossier.entities import kept

        kept.forget(self.store.folder)

    def quotes_ahead(self, keys: dict[str, str]) -> None:
        """Find the related quotation pairs and the claims' groundwork in a forked process,
        from the stored analyses of ``keys`` ({path: analysis key}), while this one reads them
        and resolves the entities.

        Neither needs an entity. Forking before the analyses are read keeps the pages the
        two processes share (and copy on first write) few. The child keeps the pairs compared
        for the next run too. When the merge's quotations are not the ones the child found
        (or it failed) the merge finds them itself: the output is the same either way.
        """
        from dossier.claims.align import groundwork, quotes_of, related_quotes

        relations = self.relations

        def work() -> tuple[Any, ...]:
            pack = read_pack(self.store)
            claims = {path: (pack.get(key) or {}).get("claims", []) for path, key in keys.items()}
            found = related_quotes(quotes_of(claims), relations)
            _keep_relations(self.store, self.version, relations)
            # The claims are the merge's only when the pack (the file the merge reads too,
            # under the same lock) holds every one of them.
            whole = all(key in pack for key in keys.values())
            return (*found, groundwork(claims) if whole else None)

        self.ahead = self._finish(in_parallel(work))

    def claims_ahead(self, claims: dict[str, list[dict[str, Any]]], quotes: bool = True) -> None:
        """Find the claims' groundwork (what needs no entity,
        :func:`dossier.claims.align.groundwork`) and, with ``quotes``, the related quotation
        pairs in a forked process while this one resolves the entities; the child then
        writes the pack :meth:`keep_pack` was given.

        The child is forked from these very claims, so what it finds is theirs; what the
        resolution changes is found again by the merge (see
        :func:`dossier.claims.align.fact_discrepancies`). A child that fails leaves the work
        (and the pack) to this process: the output is the same either way.
        """
        from dossier.claims.align import groundwork, quotes_of, related_quotes

        relations, pack = self.relations, self._pack

        def work() -> tuple[Any, ...]:
            found = related_quotes(quotes_of(claims), relations) if quotes else (None, None)
            return (*found, groundwork(claims))

        def then() -> None:
            if quotes:
                _keep_relations(self.store, self.version, relations)
            if pack is not None:
                write_pack(self.store, pack)

        waiting, self._pack_written = in_parallel_then(work, then)
        self.ahead = self._finish(waiting)

    def _finish(self, waiting: Callable[[], Any]) -> Callable[[], dict[str, list[Any]] | None]:
        """The wait for a child of :meth:`quotes_ahead` or :meth:`claims_ahead`: it hands its
        quotation pairs to the relations and gives back its groundwork (None when it failed)."""
        relations = self.relations
        answer: list[dict[str, list[Any]] | None] = []

        def finish() -> dict[str, list[Any]] | None:
            if answer:  # asked again (see :meth:`settle_pack`): the child is read once
                return answer[0]
            answer.append(None)
            with contextlib.suppress(Exception):  # only a head start: the merge can do it all
                fingerprint, related, found = waiting()
                if fingerprint is not None:  # the child found the quotation pairs and kept them
                    relations.ahead = (fingerprint, [tuple(pair) for pair in related])
                    relations.saved = True
                answer[0] = cast(dict[str, list[Any]], found)
            return answer[0]

        return finish


class _Guess:
    """The entities resolved ahead, while the workers parse the changed articles, with each
    changed article's previous mentions in place of its new ones.

    Editing an article (a line appended, a typo fixed) mostly leaves its names as they were,
    only at other offsets: then the guess, with the new offsets, is what resolving the new
    mentions gives, and the merge after the parse is left with the claims. The offsets (start,
    end, sentence) are only copied into the entities' occurrences, never weighed, so the guess
    is used only when every other field of every mention is equal and the mentions keep their
    order: the output is exactly the merge of the new analyses.
    """

    #: The fields of a mention the resolution copies without weighing them.
    PLACED = ("start", "end", "sentence")

    def __init__(self, previous: dict[str, list[dict[str, Any]]], entities: list) -> None:
        self.previous = previous
        self.entities = entities

    @classmethod
    def ahead(
        cls,
        inputs: _MergeInputs,
        keys: dict[str, str],
        stored: dict[str, Any],
        pack: dict[str, Any],
        missing: list[str],
    ) -> _Guess | None:
        """The entities with the missing articles' previous mentions (None when one is unknown
        or resolving fails: the real merge then runs and reports it)."""
        from dossier.entities.resolve import resolve

        try:  # only a guess: whatever goes wrong here, the merge runs after the parse
            before = _previous_keys(inputs.store)
            old: dict[str, list[dict[str, Any]]] = {}
            for path in missing:
                found = pack.get(before.get(path, ""))
                if not isinstance(found, dict):
                    return None  # a new article: nothing to guess with
                old[path] = found.get("mentions", [])
            mentions = {
                path: (old[path] if path in old else (stored.get(key) or {}).get("mentions", []))
                for path, key in keys.items()
            }
            return cls(old, resolve(mentions, inputs.authors))
        except Exception:
            return None

    def entities_for(self, analyses: dict[str, Any]) -> list[dict[str, Any]] | None:
        """The guessed entities with the new offsets, or None when the new mentions differ."""
        moved: dict[tuple[str, int], dict[str, Any]] = {}
        for path, old in self.previous.items():
            new = analyses[path].get("mentions", [])
            if len(new) != len(old) or _order(new) != _order(old):
                return None
            for a, b in zip(old, new, strict=True):
                if _unplaced(a) != _unplaced(b):
                    return None
                moved[(path, a["start"])] = b
        if len(moved) != sum(len(old) for old in self.previous.values()):
            return None  # two mentions at one offset: which moved where is unclear
        return [_moved(entity, moved) for entity in self.entities]


class _CoreShare:
    """How much of a core this process has had since it was made (CPU time over wall time)."""

    #: Below this share the machine is busy: a parse in a worker gets no core of its own either
    #: (on an idle core, pure-Python work gets about all of it; measured 0.85 beside another
    #: process on two cores, where settling ahead slowed the worker as much as it saved).
    MOST = 0.9

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def most_of_a_core(self) -> bool:
        """True when this process has had at least :attr:`MOST` of a core so far."""
        wall = time.perf_counter() - self.wall
        return wall <= 0 or (time.process_time() - self.cpu) / wall >= self.MOST


class _ResolvedAhead:
    """The stored articles' share of the entity resolution, done while the workers parse the
    others (see :class:`dossier.entities.resolve.Resolver`); the parsed articles are folded in
    after, to the same entities as resolving all of them at once."""

    def __init__(self, resolver: Any, missing: list[str], phases: dict[str, float]) -> None:
        self.resolver = resolver
        self.missing = missing
        self.phases = phases

    @classmethod
    def ahead(
        cls,
        inputs: _MergeInputs,
        keys: dict[str, str],
        stored: dict[str, Any],
        missing: list[str],
        phases: dict[str, float],
    ) -> _ResolvedAhead | None:
        """The stored articles resolved ahead (None when there are none or it fails: the merge
        then resolves every article after the parse); ``phases``: the phases to time it in."""
        from dossier.entities.resolve import Resolver

        if len(missing) >= len(keys):
            return None  # nothing stored to resolve ahead
        started = time.perf_counter()
        share = _CoreShare()
        try:
            resolver = Resolver(list(keys), inputs.authors)
            absent = set(missing)
            resolver.ahead(
                {
                    path: (stored.get(key) or {}).get("mentions", [])
                    for path, key in keys.items()
                    if path not in absent
                }
            )
            # Settling is work the merge may partly do again: only worth it on a core of
            # its own, never at the cost of the parse (on a busy machine, CPU it would share).

            # Once the parse is over settling goes on: the records it makes are kept by the
            # merge, which would make them all again after the parse.
            resolver.settle(until=lambda: not share.most_of_a_core())
        except Exception:
            return None
        phases["entities ahead"] = time.perf_counter() - started
        return cls(resolver, missing, phases)

    def entities_for(self, analyses: dict[str, Any]) -> list[dict[str, Any]] | None:
        """Every article's entities with the parsed ones folded in (None when that fails: the
        merge then resolves them all and reports what went wrong)."""
        started = time.perf_counter()
        try:
            entities = self.resolver.finish(
                {path: analyses[path].get("mentions", []) for path in self.missing}
            )
        except Exception:
            return None
        self.phases["entities"] = time.perf_counter() - started
        return cast(list[dict[str, Any]], entities)


def _order(mentions: list[dict[str, Any]]) -> list[int]:
    """The mentions' indexes in order of offset (ties broken by index, as a stable sort)."""
    return sorted(range(len(mentions)), key=lambda n: mentions[n]["start"])


def _unplaced(mention: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mention.items() if k not in _Guess.PLACED}


def _moved(entity: dict[str, Any], moved: dict[tuple[str, int], dict[str, Any]]) -> dict:
    """An entity with the occurrences of changed articles at their new offsets."""
    occurrences = entity["occurrences"]
    if not any((o["path"], o["start"]) in moved for o in occurrences):
        return entity
    placed = []
    for o in occurrences:
        m = moved.get((o["path"], o["start"]))
        placed.append(
            o
            if m is None
            else {**o, "start": m["start"], "end": m["end"], "sentence": m["sentence"]}
        )
    return {**entity, "occurrences": placed}


def _merge(
    store: Store,
    inputs: _MergeInputs,
    analyses: dict[str, Any],
    parsed: tuple[list[str], _Guess | _ResolvedAhead | None],
    stamp: str,
    report: IndexReport,
) -> None:
    """Entities, discrepancies and quotes from every article's analysis, written beside the
    index (``parsed``: the paths parsed this run, and the merge guessed or resolved ahead for
    them)."""
    missing, guess = parsed
    not_analysed = _not_analysed(analyses, missing, report)
    relations = inputs.relations
    try:
        try:
            # A guess's entities are ready at once; resolving ahead leaves work for after the
            # fork of the claims' groundwork (see _MergeInputs.cross_article).
            entities = guess.entities_for(analyses) if isinstance(guess, _Guess) else None
            later = guess if isinstance(guess, _ResolvedAhead) else None
            output = inputs.cross_article(analyses, relations, report.phases, entities, later)
        except Exception as exc:
            from dossier.analysis import failed

            report.notices.append(
                Notice(
                    "(analysis)",
                    "people, places and discrepancies kept from the last run: "
                    + failed(exc)["error"],
                )
            )
            return
        entities, discrepancies, speakers = output
        store.write_json(ENTITIES_FILE, {"stamp": stamp, "entities": entities})
        store.write_json(DISCREPANCIES_FILE, {"stamp": stamp, "discrepancies": discrepancies})
        store.write_json(QUOTES_FILE, {"stamp": stamp, "speakers": speakers})
        inputs.settle_pack()  # the stamp says the pack holds every analysis: written first
        store.write_json(DERIVED_STAMP, {"stamp": stamp, "not_analysed": not_analysed})
        inputs.keep(analyses)
    finally:
        inputs.settle_pack()  # whatever happened, the parsed analyses are kept
    if not relations.saved:
        _keep_relations(store, inputs.version, relations)


def _keep_relations(store: Store, version: int, relations: Any) -> None:
    """Keep the quotation pairs this merge compared for the next (when they changed)."""
    if relations.used != relations.known:
        with contextlib.suppress(OSError):  # only a cache: the next merge compares them again
            locations.write_atomic(
                store.folder / QUOTE_PAIRS,
                marshal.dumps((_pack_header() + [version], relations.used)),
            )


def _read_relations(store: Store, version: int) -> Any:
    """The quotation pairs an earlier merge of this version compared (none when unreadable)."""
    from dossier.claims.align import QuoteRelations

    try:
        header, known = marshal.loads((store.folder / QUOTE_PAIRS).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return QuoteRelations()
    if header != _pack_header() + [version] or not isinstance(known, dict):
        return QuoteRelations()
    return QuoteRelations(known)


def _not_analysed(
    analyses: dict[str, Any], missing: list[str], report: IndexReport
) -> list[dict[str, str]]:
    """The articles whose analysis failed, with why; a notice for each analysed this run."""
    not_analysed = []
    for path, data in analyses.items():
        if data.get("error"):
            not_analysed.append({"path": path, "error": data["error"]})
            if path in missing:
                report.notices.append(
                    Notice(path, f"not analysed (still indexed and searchable): {data['error']}")
                )
    return not_analysed


def _cross_article(
    mentions: dict[str, list[dict[str, Any]]],
    claims: dict[str, list[dict[str, Any]]],
    authors: set[str],
    sentence_of: Callable[[str, int, int], str],
    relations: Any,
    phases: dict[str, float],
    entities: list[dict[str, Any]] | None = None,
    ahead: Callable[[], dict[str, list[Any]] | None] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Resolve entities, then compare claims and gather quotes by speaker, timing each phase.

    ``sentence_of`` gives the text of a body span; ``relations`` holds the quotation pairs an
    earlier run compared; ``entities``, when given, are the mentions' entities resolved
    already; ``ahead``, when given, waits for work started before the resolution and gives
    the claims' groundwork it found, if any (see :meth:`_MergeInputs.claims_ahead`; asked
    once, and by the caller again: a call after the first gives the same).

    Returns:
        (entities, discrepancies, speakers).
    """
    from dossier.claims.compare import entity_finder, find_discrepancies
    from dossier.claims.quotes import (
        collect_quotes,
        group_by_speaker,
        mark_differences,
        people_before,
        people_by_name,
    )
    from dossier.entities.resolve import resolve

    try:
        if entities is None:
            started = time.perf_counter()
            entities = resolve(mentions, authors)
            phases["entities"] = time.perf_counter() - started
    except BaseException:
        if ahead is not None:  # waited for even when resolving fails: no child left behind
            ahead()
        raise
    started = time.perf_counter()
    entity_at = entity_finder(entities)
    # The speakers need the entities alone: found before the work ahead is waited for.
    quotes = collect_quotes(
        claims, entity_at, (), people_by_name(entities), (people_before(entities), sentence_of)
    )
    discrepancies = find_discrepancies(claims, entities, sentence_of, relations, entity_at, ahead)
    speakers = group_by_speaker(mark_differences(quotes, discrepancies))
    phases["claims"] = time.perf_counter() - started
    return entities, discrepancies, speakers
