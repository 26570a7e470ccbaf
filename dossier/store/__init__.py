"""The dossier's storage: a Whoosh index plus a manifest, both under the index folder."""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from dossier.ingest import folder_metadata, scan_folder, scan_stats, scan_stats_part
from dossier.locations import write_json_atomic
from dossier.models import Article, ArticleEntry, IndexReport, SearchResult
from dossier.store import lean_whoosh  # noqa: F401  (first: Whoosh imported without urllib, asyncio)
from dossier.store.schema import SCHEMA_VERSION
from dossier.store.searcher import QueryError, Searcher, check_query
from dossier.store.writer import (
    AfterCommit,
    IndexBusy,
    OnArticle,
    Progress,
    article_entries,
    article_from_stored,
    latest_generation,
    load_manifest,
    load_stat_table,
    open_whoosh,
    refresh,
    write_stat_table,
)

__all__ = ["IndexBusy", "NoIndex", "QueryError", "Store", "check_query"]

T = TypeVar("T")


#: A folder with this many files is checked for changes in a forked process (below it, the
#: walk costs less than starting one).
PARALLEL_CHECK_FILES = 2_000


#: The share of the root's subfolders the forked process walks in a folder of this many
#: files or more; the caller walks the others once it has read its answer (at 44,500 files a
#: search takes about a third of the walk's time; below, the child walks it all).
CHILD_SHARE = 0.6
SPLIT_CHECK_FILES = 10_000


def can_fork() -> bool:
    """True when work can be forked off: ``fork`` exists and no other thread runs (forking a
    process with threads, a TUI's, is unsafe)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def in_parallel(work: Callable[[], T]) -> Callable[[], T | None]:
    """Run ``work`` in a forked process; the returned call waits for its result.

    The result travels back through a pipe with ``marshal`` (plain data only). Where
    ``fork`` is missing or threads are running (forking those is unsafe), the work runs when
    its result is asked for. A child that fails gives None (the caller then does the full,
    careful work).
    """
    result, finished = in_parallel_then(work, lambda: None)

    def answer() -> T | None:
        found = result()
        return found if finished() else None

    return answer


def in_parallel_then(
    work: Callable[[], T], then: Callable[[], object]
) -> tuple[Callable[[], T | None], Callable[[], bool]]:
    """:func:`in_parallel` of ``work``, after which the child runs ``then`` (a side effect).

    Returns:
        (result, finished): ``result()`` waits for ``work``'s result alone (None when it
        failed); ``finished()`` waits for the child to end and is True when ``then`` ran to
        the end (call it once, after ``result``). Without fork both run when asked for.
    """
    if not can_fork():
        return work, lambda: _succeeds(then)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, close the pipe (the caller goes on), then ``then``
        status = 1
        try:
            os.close(read_end)
            try:
                data = memoryview(marshal.dumps(work()))  # type: ignore[arg-type]
                while data:
                    data = data[os.write(write_end, data) :]
            finally:
                os.close(write_end)
            then()
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def result() -> T | None:
        chunks = []
        try:
            while chunk := os.read(read_end, 1 << 16):
                chunks.append(chunk)
        finally:
            os.close(read_end)
        try:
            return marshal.loads(b"".join(chunks)) if chunks else None
        except (EOFError, ValueError, TypeError):
            return None

    def finished() -> bool:
        return os.waitpid(pid, 0)[1] == 0

    return result, finished


def in_background(work: Callable[[], object]) -> bool:
    """Run ``work`` in a process of its own that nobody waits for: a cache written after
    the command has its answer (see :mod:`dossier.entities.kept`).

    The process is a grandchild (its parent ends at once and is waited for, so no zombie is
    left behind); it lets go of this one's standard streams and open files (whoever reads
    the command's output sees it end, and no lock stays held), runs at a lower priority, and
    ends silently whatever ``work`` does. Returns False when it cannot fork (nothing ran).
    """
    if not can_fork():
        return False
    try:
        pid = os.fork()
    except OSError:  # no memory or processes left to fork: the cache is not written
        return False
    if pid == 0:
        try:
            if os.fork() == 0:
                try:
                    _let_go()
                    work()
                finally:
                    os._exit(0)
        finally:
            os._exit(0)
    with contextlib.suppress(ChildProcessError):  # SIGCHLD ignored: nothing to wait for
        os.waitpid(pid, 0)
    return True


def _let_go() -> None:
    """In a process left running on its own: standard streams to /dev/null, every other
    inherited file closed, the lowest but one priority."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    try:
        highest = os.sysconf("SC_OPEN_MAX")
    except (ValueError, OSError):
        highest = 1 << 16
    os.closerange(3, max(highest, 3))
    os.nice(10)


def _succeeds(then: Callable[[], object]) -> bool:
    try:
        then()
    except Exception:
        return False
    return True


#: What one part of a freshness walk found: (root subfolders, files as known or -1, skips).
PartCheck = tuple[list[str], int, list[dict[str, str]]]


def _parts_agree(first: PartCheck | None, second: PartCheck, table: dict[str, Any]) -> bool:
    """True when two parts of a walk, made over the same subfolders, found every file and
    skipped file as the table has them (and no other)."""
    if first is None:
        return False
    (folders, count, reasons), (other_folders, other_count, other_reasons) = first, second
    return (
        folders == other_folders
        and min(count, other_count) >= 0
        and count + other_count == len(table["files"])
        and reasons + other_reasons == table.get("skipped")
    )


class NoIndex(Exception):
    """There is no usable index yet."""


class Store:
    """Reads and refreshes the index of one seeds folder.

    Safe to share between threads: a read borrows an open searcher that no other thread is
    using (Whoosh wants one per thread at a time) and gives it back for the next read.
    """

    def __init__(self, seeds: Path, folder: Path) -> None:
        self.seeds = Path(seeds)
        self.folder = Path(folder)
        self._idle: list[Searcher] = []
        """Open searchers no read is using. Pooled rather than one per thread: the reader
        runs each search in a new worker thread, and every Whoosh searcher opened holds its
        own copy of the index files (~20 MB on 2,000 articles) and costs ~80 ms to open."""
        self._generation = 0
        """Bumped when the index is rewritten: searchers of an older generation are closed."""
        self._pool_lock = threading.Lock()

    # -- writing ----------------------------------------------------------------------
    def refresh(
        self,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        wait: float = 5.0,
        after: AfterCommit | None = None,
        on_article: OnArticle | None = None,
    ) -> IndexReport:
        """Index new and changed files, drop deleted ones (see :func:`writer.refresh`)."""
        report = refresh(
            self.seeds,
            self.folder,
            rebuild=rebuild,
            progress=progress,
            wait=wait,
            after=after,
            on_article=on_article,
        )
        self._reset()
        return report

    def _reset(self) -> None:
        """Close the idle searchers and retire the busy ones; the next read reopens the index."""
        with self._pool_lock:
            self._generation += 1
            idle, self._idle = self._idle, []
        for searcher in idle:
            searcher.close()

    def is_stale(self) -> bool:
        """True when the seeds folder differs from what the index holds (cheap: hashes only)."""
        manifest = load_manifest(self.folder)
        if manifest is None or manifest.get("version") != SCHEMA_VERSION:
            return True
        metadata, _ = folder_metadata(self.seeds)
        known = manifest["files"]
        files, _ = scan_folder(self.seeds, metadata, known, exclude=self.folder)
        if len(files) != len(known):
            return True
        return any(known.get(f.path, {}).get("fingerprint") != f.fingerprint for f in files)

    def is_current(self) -> bool:
        """True when a refresh would find nothing to do (see :meth:`unchanged_files`)."""
        return self.unchanged_files() is not None

    def unchanged_files(self) -> int | None:
        """How many files the index holds when a refresh would find nothing to do, else None.

        Read-only: no lock, no file read. The same test as :func:`writer.refresh` makes
        before writing (every file's size, modification time and metadata as the manifest
        has them, the same skipped files, the index readable at the manifest's generation),
        so a command that only reads skips the writer's setup. The searcher opened to check
        the index is kept for the read that follows.
        """
        check = self.start_unchanged_check()
        return None if check is None else check()

    def start_unchanged_check(self) -> Callable[[], int | None] | None:
        """Start :meth:`unchanged_files`; the returned call (make it once) waits for its
        answer. None when the index cannot be current (none, another version, recovered).

        In a large folder the walk over every file's stat runs in a forked process, so the
        caller can read the index (e.g. run the search it was asked for) at the same time,
        on the other core, and use what it read only if the answer says the index is current.
        """
        table, from_file = load_stat_table(self.folder)
        if (
            table is None
            or table.get("version") != SCHEMA_VERSION
            or table.get("recovered")
            or table.get("generation") != latest_generation(self.folder)
            or table.get("seeds") != str(self.seeds.resolve())
        ):
            return None
        current = table

        def walk() -> bool:
            return self._stats_match(current)

        matches = walk
        if len(current["files"]) >= PARALLEL_CHECK_FILES:
            share = CHILD_SHARE if len(current["files"]) >= SPLIT_CHECK_FILES else 1.0
            first = in_parallel(lambda: self._part_check(current, share, first=True))

            def matches() -> bool:
                second = self._part_check(current, share, first=False)
                return _parts_agree(first(), second, current)

        def answer() -> int | None:
            if not matches():
                return None
            try:  # a damaged index is rebuilt by the refresh: only a readable one is current
                self._retrying(lambda searcher: searcher.doc_count())
            except Exception:
                return None
            if not from_file:  # an index written before the table existed: next time is quick
                write_stat_table(self.folder, current)
            return len(current["files"])

        return answer

    def _stats_match(self, table: dict[str, Any]) -> bool:
        """True when every file's stat and every skipped file are as the table has them."""
        metadata, problems = folder_metadata(self.seeds)
        stats, skipped = scan_stats(self.seeds, metadata, exclude=self.folder)
        if stats != table["files"]:  # a file without a stat there (None) differs too
            return False
        reasons = [{"path": s.path, "reason": s.reason} for s in problems + skipped]
        return bool(table.get("skipped") == reasons)

    def _part_check(self, table: dict[str, Any], share: float, first: bool) -> PartCheck:
        """One part of :meth:`_stats_match` (see :func:`scan_stats_part`): the root's
        subfolders it saw, how many files it found as the table has them (-1 when one
        differs) and its skipped files."""
        metadata, problems = folder_metadata(self.seeds)
        part = scan_stats_part(self.seeds, metadata, self.folder, share, first)
        known = table["files"]
        same = all(known.get(path) == stat for path, stat in part.stats.items())
        skipped = (problems if first else []) + part.skipped
        reasons = [{"path": s.path, "reason": s.reason} for s in skipped]
        return part.folders, len(part.stats) if same else -1, reasons

    def exists(self) -> bool:
        """True when an index has been built in this folder (the reader asks before its
        first screen: the stat table answers without parsing the manifest)."""
        table, _ = load_stat_table(self.folder)
        return table is not None and table.get("version") == SCHEMA_VERSION

    # -- derived data (JSON files beside the index) -----------------------------------------
    def read_json(self, name: str) -> Any:
        """A derived-data file under the index folder, or None when missing or unreadable."""
        try:
            return json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_json(self, name: str, data: Any) -> None:
        """Write a derived-data file atomically (call with the write lock held)."""
        write_json_atomic(self.folder / name, data)

    def prune_json(self, folder: str, keep: set[str]) -> None:
        """Delete the files of a derived-data folder whose names are not in ``keep``."""
        for path in (self.folder / folder).glob("*.json"):
            if path.name not in keep:
                path.unlink(missing_ok=True)

    def has_json(self, name: str) -> bool:
        """True when the derived-data file exists."""
        return (self.folder / name).is_file()

    def bodies(self, paths: list[str]) -> dict[str, str]:
        """The cleaned body text of the given articles."""
        stored = self._retrying(lambda searcher: searcher.stored(paths))
        return {path: fields["body"] for path, fields in stored.items()}

    # -- reading ----------------------------------------------------------------------
    def _open_searcher(self) -> Searcher:
        try:
            return Searcher(open_whoosh(self.folder))
        except Exception as exc:
            raise NoIndex(
                f"no usable index in {self.folder} ({exc}); run `dossier index`"
            ) from None

    @contextmanager
    def _borrowed(self):
        """An open searcher for this read alone, given back to the pool afterwards."""
        with self._pool_lock:
            searcher = self._idle.pop() if self._idle else None
            generation = self._generation
        if searcher is None:
            searcher = self._open_searcher()
        healthy = False
        try:
            yield searcher
            healthy = True
        except (QueryError, NoIndex):
            healthy = True
            raise
        finally:
            with self._pool_lock:
                keep = healthy and generation == self._generation
                if keep:
                    self._idle.append(searcher)
            if not keep:
                searcher.close()

    def search(
        self,
        query: str,
        limit: int = 10,
        paths: set[str] | None = None,
        snippets: bool | int = True,
    ) -> SearchResult:
        """Run a query (see :meth:`Searcher.search`), optionally within some articles."""
        return self._retrying(
            lambda searcher: searcher.search(query, limit=limit, paths=paths, snippets=snippets)
        )

    def _retrying(self, call):
        """Run a read; if a writer replaced the files under it, reopen the index and try once
        more."""
        try:
            with self._borrowed() as searcher:
                return call(searcher)
        except (QueryError, NoIndex):
            raise
        except Exception:
            self._reset()  # the failed searcher was closed; the idle ones may be as stale
            with self._borrowed() as searcher:
                return call(searcher)

    def highlights(
        self, query: str, paths: list[str]
    ) -> dict[str, tuple[str, list[tuple[int, int]]]]:
        """Bodies of some hits of a query and its matches in each (see
        :meth:`Searcher.highlights`)."""
        return self._retrying(lambda searcher: searcher.highlights(query, paths))

    def match_spans(self, query: str, path: str) -> list[tuple[int, int]]:
        """Character spans of a query's matches in one article's body."""
        return self._retrying(lambda searcher: searcher.match_spans(query, path))

    def stamp(self) -> tuple[int, ...] | None:
        """When the index last changed (manifest and entity files' mtimes), or None; cheap."""
        stamps = []
        for name in ("dossier.json", "entities.json", "discrepancies.json"):
            try:
                stamps.append((self.folder / name).stat().st_mtime_ns)
            except OSError:
                stamps.append(0)
        return tuple(stamps) if any(stamps) else None

    def manifest(self) -> dict[str, Any]:
        """The manifest as last written."""
        manifest = load_manifest(self.folder)
        if manifest is None:
            raise NoIndex(f"no index in {self.folder}; run `dossier index`")
        return manifest

    def article_entries(self) -> list[ArticleEntry]:
        """Metadata of every indexed article (no bodies), in path order."""
        return article_entries(self.manifest())

    def article(self, path: str) -> Article | None:
        """The full article stored under ``path``."""
        stored = self._retrying(lambda searcher: searcher.stored([path])).get(path)
        return None if stored is None else article_from_stored(stored)
