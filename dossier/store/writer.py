"""Keeping the index in step with the seeds folder: incremental, one writer at a time.

Layout of the index folder::

    index/whoosh/        the Whoosh index (one document per article)
    index/dossier.json   the manifest: per source file its fingerprint and article metadata,
                         stamped with the schema version and the Whoosh generation it matches
    index/.write.lock    held (flock) by the process that writes; the OS frees it if that
                         process dies, so a killed run never leaves a stale lock behind
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import hashlib
import json
import marshal
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from dossier.ingest import Unreadable, folder_metadata, read_source, scan_folder
from dossier.locations import write_atomic, write_json_atomic
from dossier.models import Article, ArticleEntry, IndexReport, Notice, Skipped
from dossier.store.schema import (
    SCHEMA_VERSION,
    TOKEN_RE,
    LeanCodec,
    SpelledText,
    build_schema,
    forget_terms,
)

WHOOSH_DIR = "whoosh"
MANIFEST = "dossier.json"
LOCK = ".write.lock"
#: What a freshness check needs from the manifest, in a form read ~10x faster than its JSON.
STAT_TABLE = "stat.marshal"
#: Whoosh's table of contents for the default index name, one per commit (generation).
_TOC_RE = re.compile(r"^_MAIN_([0-9]+)\.toc$")

#: progress(phase, done, total) is called as work advances ("index", "analyse").
Progress = Callable[[str, int, int], None]
#: after(manifest, report) runs inside the write lock once the index is committed.
AfterCommit = Callable[[dict, IndexReport], None]
#: on_article(article, total) sees each article as it is read, ``total`` files being read in
#: all (so analysis can start while the text index is still being written).
OnArticle = Callable[[Article, int], None]


class IndexBusy(Exception):
    """Another process is writing the index."""


class WriteLock:
    """An exclusive, crash-safe lock on the index folder (``flock``; freed when the holder dies)."""

    def __init__(self, folder: Path, wait: float = 5.0) -> None:
        self.path = folder / LOCK
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    holder = (
                        os.pread(fd, 32, 0).decode(errors="replace").strip() or "another process"
                    )
                    os.close(fd)
                    raise IndexBusy(
                        f"the index at {self.path.parent} is being written by process {holder}; "
                        f"waited {self.wait:g} s. Try again when it has finished."
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def article_meta(article: Article) -> dict[str, Any]:
    """What the manifest keeps per article (everything but the body)."""
    data = article.to_json()
    data["file"] = article.file
    data["summary"] = article.summary
    data["encoding"] = article.encoding
    data["body_sha1"] = body_digest(article.body)
    return data


def article_from_stored(stored: dict[str, Any]) -> Article:
    """The article whose stored fields these are (the inverse of what :func:`_add` stores)."""
    meta = stored.get("meta") or {}
    return Article(
        id=stored["id"],
        path=stored["path"],
        file=stored["file"],
        title=stored["title"],
        body=stored["body"],
        source=stored.get("outlet") or None,
        author=stored.get("author") or None,
        published=stored.get("published") or None,
        url=stored.get("url") or None,
        title_derived=meta.get("title_derived", False),
        summary=meta.get("summary"),
        encoding=meta.get("encoding", "utf-8"),
        source_guessed=meta.get("source_guessed", False),
    )


def body_digest(body: str) -> str:
    """The fingerprint of an article's cleaned text (keys its cached analysis)."""
    return hashlib.sha1(body.encode("utf-8")).hexdigest()


def article_entries(manifest: dict[str, Any]) -> list[ArticleEntry]:
    """Metadata of every article in a manifest, in path order."""
    entries = [a for entry in manifest["files"].values() for a in entry["articles"]]
    return sorted(entries, key=lambda a: a["path"])


def load_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest, or None when there is none or it cannot be read."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    return data


def save_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically, and the stat table that goes with it."""
    write_json_atomic(folder / MANIFEST, manifest)
    save_stat_table(folder, manifest)


def stat_table(manifest: dict[str, Any], written: os.stat_result) -> dict[str, Any]:
    """The manifest's freshness fields: per file its stat (None when it has no fingerprint),
    keyed by the size and modification time of the manifest file they were taken from."""
    fields = ("version", "generation", "seeds", "skipped", "recovered")
    table: dict[str, Any] = {name: manifest.get(name) for name in fields}
    table["manifest"] = [written.st_size, written.st_mtime_ns]
    table["files"] = {
        path: entry.get("stat") if entry.get("fingerprint") else None
        for path, entry in manifest["files"].items()
    }
    return table


def save_stat_table(folder: Path, manifest: dict[str, Any]) -> None:
    """Write the stat table of the manifest just written (the writer holds the lock)."""
    try:
        written = (folder / MANIFEST).stat()
    except OSError:
        return
    write_stat_table(folder, stat_table(manifest, written))


def write_stat_table(folder: Path, table: dict[str, Any]) -> None:
    """Write a stat table (best effort: it is only a shortcut, and a reader may write it)."""
    with contextlib.suppress(OSError):
        write_atomic(folder / STAT_TABLE, marshal.dumps(table))


def load_stat_table(folder: Path) -> tuple[dict[str, Any] | None, bool]:
    """The stat table of the manifest on disk, and whether it came from the table file.

    A table whose key does not match the manifest file (written by another version, or
    the manifest replaced since) is ignored, and the table is taken from the manifest.
    """
    try:
        written = (folder / MANIFEST).stat()
    except OSError:
        return None, False
    try:
        table = marshal.loads((folder / STAT_TABLE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        table = None
    if isinstance(table, dict) and table.get("manifest") == [written.st_size, written.st_mtime_ns]:
        return table, True
    manifest = load_manifest(folder)
    return (None if manifest is None else stat_table(manifest, written)), False


def latest_generation(folder: Path) -> int:
    """The generation of the last commit in the Whoosh index (-1 when there is none).

    Read from the names of its table-of-contents files, as Whoosh does, without opening it.
    """
    latest = -1
    try:
        names = os.listdir(folder / WHOOSH_DIR)
    except OSError:
        return latest
    for name in names:
        match = _TOC_RE.match(name)
        if match:
            latest = max(latest, int(match.group(1)))
    return latest


def open_whoosh(folder: Path):
    """Open the Whoosh index read-only (raises when there is none or it is damaged)."""
    return whoosh_index.open_dir(str(folder / WHOOSH_DIR))


def refresh(
    seeds: Path,
    folder: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    wait: float = 5.0,
    after: AfterCommit | None = None,
    on_article: OnArticle | None = None,
) -> IndexReport:
    """Bring the index in line with the seeds folder.

    Only new and changed files are read and indexed; files gone from the folder are removed.
    A different schema version, a damaged index or ``rebuild=True`` rebuilds from scratch.
    ``after`` runs while the lock is still held (derived data is written there);
    ``on_article`` is given each article read, before the commit.

    Raises:
        IndexBusy: another process held the write lock for longer than ``wait`` seconds.
    """
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    with WriteLock(folder, wait=wait):
        report = IndexReport()
        ix, manifest, reason, clear = _open_for_writing(folder, rebuild)
        if reason:
            report.rebuilt, report.reason = True, reason
        scan_started = time.perf_counter()
        metadata, problems = folder_metadata(seeds)
        files, skipped = scan_folder(seeds, metadata, manifest["files"], exclude=folder)
        report.phases["scan"] = time.perf_counter() - scan_started
        report.skipped.extend(problems + skipped)
        known: dict[str, Any] = manifest["files"]
        current = {f.path for f in files}
        gone = [path for path in known if path not in current]
        todo = [f for f in files if known.get(f.path, {}).get("fingerprint") != f.fingerprint]
        report.unchanged = len(files) - len(todo)
        touched = _remember_times(files, known)
        if gone or todo or report.rebuilt:
            write_started = time.perf_counter()
            _write(
                ix,
                known,
                gone,
                todo,
                metadata,
                report,
                progress,
                clear=clear,
                on_article=on_article,
            )
            report.phases["index"] = (
                time.perf_counter() - write_started - report.phases.get("ingest", 0.0)
            )
            manifest["generation"] = ix.latest_generation()
        _save_if_moved(folder, manifest, report, seeds, touched)
        if after is not None:
            after(manifest, report)
    report.seconds = time.perf_counter() - started
    return report


def _remember_times(files, known: dict[str, Any]) -> bool:
    """Store the new times of files touched but not changed; True when there were any."""
    touched = False
    for source in files:
        entry = known.get(source.path)
        if (
            entry is not None
            and entry.get("fingerprint") == source.fingerprint
            and entry.get("stat") != source.stat
        ):
            entry["stat"] = source.stat
            touched = True
    return touched


def _save_if_moved(
    folder: Path, manifest: dict[str, Any], report: IndexReport, seeds: Path, touched: bool
) -> None:
    """Write the manifest, with the skipped files and seeds folder, when anything changed."""
    skipped = [{"path": s.path, "reason": s.reason} for s in report.skipped]
    seeds_path = str(seeds.resolve())
    # Rewriting a large manifest costs more than the whole check: only when something moved.
    recovered = manifest.pop("recovered", False)
    if (
        report.changed
        or touched
        or recovered
        or manifest.get("skipped") != skipped
        or manifest.get("seeds") != seeds_path
    ):
        manifest["skipped"] = skipped
        manifest["seeds"] = seeds_path
        save_manifest(folder, manifest)


def _write(
    ix,
    known,
    gone,
    todo,
    metadata,
    report: IndexReport,
    progress: Progress | None,
    clear: bool = False,
    on_article: OnArticle | None = None,
) -> None:
    from whoosh.writing import CLEAR  # only a writer needs it: a search never loads it

    writer = segment_writer(ix)
    try:
        for path in gone:
            writer.delete_by_term("file", path)
            known.pop(path)
            report.removed.append(path)
        taken = {a["id"] for entry in known.values() for a in entry["articles"]}
        texts = {
            a.get("body_sha1"): a["path"] for entry in known.values() for a in entry["articles"]
        }
        for done, source in enumerate(todo, start=1):
            if progress:
                progress("index", done, len(todo))
            previous = known.pop(source.path, None)
            if previous is not None:
                writer.delete_by_term("file", source.path)
                taken.difference_update(a["id"] for a in previous["articles"])
            articles = _read_timed(source, metadata, report)
            if articles is None:
                if previous is not None:
                    report.removed.append(source.path)
                continue
            entries = [
                _add_article(
                    writer,
                    article,
                    source.fingerprint,
                    (taken, texts),
                    report,
                    on_article,
                    len(todo),
                )
                for article in articles
            ]
            known[source.path] = {
                "fingerprint": source.fingerprint,
                "articles": entries,
                "stat": source.stat,
            }
            (report.updated if previous is not None else report.added).append(source.path)
        writer.commit(mergetype=CLEAR) if clear else writer.commit()
    except BaseException:
        writer.cancel()
        raise


def segment_writer(ix):
    """A Whoosh writer for ``ix`` (``ix.writer(limitmb=256)``) with less work per document.

    - Spelling words (see :class:`~dossier.store.schema.SpelledText`): each text's distinct
      raw words not seen before in this writer are analysed unstemmed, and each spelling
      word is written once per segment at the commit (the words of merged segments are
      kept whole, also when their document 0 was deleted).
    - Postings through :class:`~dossier.store.schema.LeanCodec` (small blocks uncompressed).
    - Each of the new segment's length columns is looked for on disk once: Whoosh asks
      whether one exists for every posting it writes and caches only a yes.
    """
    return _writer_class()(ix, limitmb=256, codec=LeanCodec())


@functools.cache
def _writer_class():
    from whoosh.system import pack_uint
    from whoosh.writing import SegmentWriter

    once = pack_uint(1)  # a Frequency posting's value: the word once

    class LeanSegmentWriter(SegmentWriter):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # field -> (its spelling field, spelling words, raw words already analysed)
            self.spelling: dict[str, tuple[str, set[str], set[str]]] = {
                name: (field.spelling_fieldname(name), set(), set())
                for name, field in self.schema.items()
                if isinstance(field, SpelledText)
            }

        def add_document(self, **fields: Any) -> None:
            super().add_document(**fields)
            for name, (_, words, seen) in self.spelling.items():
                value = fields.get(name)
                if not isinstance(value, str):
                    continue
                new = set(TOKEN_RE.findall(value)).difference(seen)
                if new:
                    seen.update(new)
                    words.update(self.schema[name].words_to_spell(sorted(new)))

        def add_reader(self, reader: Any) -> None:
            for spelling, words, _ in self.spelling.values():
                if spelling in reader.indexed_field_names():
                    words.update(b.decode("utf-8") for b in reader.lexicon(spelling))
            super().add_reader(reader)

        def _process_posts(self, items: Any, startdoc: int, docmap: Any) -> Any:
            # A merged segment's spelling postings: its words were taken whole above.
            spelling = {name for name, _, _ in self.spelling.values()}
            for item in super()._process_posts(items, startdoc, docmap):
                if item[0] not in spelling:
                    yield item

        def _flush_segment(self) -> None:
            add = self.pool.add
            for spelling, words, _ in self.spelling.values():
                for word in words:
                    add((spelling, word.encode("utf-8"), 0, 1, once))
            super()._flush_segment()

        def _finish(self) -> None:
            forget_terms()  # committed or cancelled: the tables served this writer only
            super()._finish()

        def per_document_reader(self) -> Any:
            reader = super().per_document_reader()
            reader.has_column = functools.cache(reader.has_column)
            reader.doc_field_length = _lengths_read_once(reader)
            return reader

    return LeanSegmentWriter


def _lengths_read_once(reader: Any) -> Callable[..., Any]:
    """``reader.doc_field_length`` reading each field's column once, as a list.

    The commit asks for the document's field length with every posting it writes (for
    the blocks' length bounds): a column read through three calls each time.
    """
    read = reader.doc_field_length
    columns: dict[str, list[Any]] = {}

    def doc_field_length(docnum: int, fieldname: str, default: Any = 0) -> Any:
        if default != 0:
            return read(docnum, fieldname, default)
        column = columns.get(fieldname)
        if column is None:
            count = reader.doc_count_all()
            column = columns[fieldname] = [read(n, fieldname) for n in range(count)]
        return column[docnum] if docnum < len(column) else read(docnum, fieldname)

    return doc_field_length


def _read_timed(source, metadata, report: IndexReport) -> list[Article] | None:
    """Read one source file's articles, timing it as ingest and keeping its notices.

    Returns:
        The articles, or None when the file is unreadable (then reported as skipped).
    """
    read_started = time.perf_counter()
    try:
        articles, notices = read_source(source, metadata)
    except Unreadable as exc:
        report.skipped.append(Skipped(source.path, str(exc)))
        return None
    finally:
        report.phases["ingest"] = (
            report.phases.get("ingest", 0.0) + time.perf_counter() - read_started
        )
    report.notices.extend(notices)
    return articles


def _add_article(
    writer,
    article: Article,
    fingerprint: str,
    seen: tuple[set[str], dict[str, str]],
    report: IndexReport,
    on_article: OnArticle | None,
    total: int,
) -> dict[str, Any]:
    """Index one article under an id not yet taken; return its manifest entry.

    Args:
        seen: (ids taken, path by body hash), both updated; a body seen before is noted as
            a duplicate.
        on_article: given the article as indexed (after any id change) and ``total``.
    """
    taken, texts = seen
    if article.id in taken:
        suffix = hashlib.sha1(article.path.encode()).hexdigest()[:6]
        article = replace(article, id=f"{article.id}-{suffix}")
    taken.add(article.id)
    _add(writer, article, fingerprint)
    if on_article is not None:
        on_article(article, total)
    meta = article_meta(article)
    twin = texts.get(meta["body_sha1"])
    if twin is not None and twin != article.path:
        # Kept (a folder is indexed as it is) but said: the same story twice.
        meta["duplicate_of"] = twin
        report.notices.append(Notice(article.path, f"same text as {twin}"))
    texts.setdefault(meta["body_sha1"], article.path)
    return meta


def _add(writer, article: Article, fingerprint: str) -> None:
    writer.add_document(
        id=article.id,
        path=article.path,
        file=article.file,
        fingerprint=fingerprint,
        title=article.title,
        body=article.body,
        outlet=article.source or "",
        author=article.author or "",
        published=article.published or "",
        url=article.url or "",
        meta={
            "title_derived": article.title_derived,
            "summary": article.summary,
            "encoding": article.encoding,
            "source_guessed": article.source_guessed,
        },
    )


def _open_for_writing(folder: Path, rebuild: bool):
    """The index to write to, its manifest, and why it was (re)created, if it was."""
    manifest = load_manifest(folder)
    reason = None
    ix = None
    clear = False
    if rebuild or manifest is None:
        reason = "rebuild requested" if rebuild else "manifest missing"
        if manifest is not None and manifest.get("version") != SCHEMA_VERSION:
            reason = f"index format {manifest.get('version')} is not {SCHEMA_VERSION}"
        elif (folder / WHOOSH_DIR).exists():
            # Rebuild inside the index readers have open: the old documents go at the commit
            # (CLEAR), so a search running meanwhile sees the old index or the new, never none.
            try:
                ix = open_whoosh(folder)
                if set(ix.schema.names()) != set(build_schema().names()):
                    ix = None
            except Exception:
                ix = None
            if ix is not None:
                clear = True
                manifest = {
                    "version": SCHEMA_VERSION,
                    "generation": ix.latest_generation(),
                    "files": {},
                }
        if reason == "manifest missing" and not (folder / WHOOSH_DIR).exists():
            reason = "new index"
    elif not (folder / WHOOSH_DIR).exists():
        reason = "new index"
    elif manifest.get("version") != SCHEMA_VERSION:
        reason = f"index format {manifest.get('version')} is not {SCHEMA_VERSION}"
    else:
        try:
            ix = open_whoosh(folder)
            with ix.searcher() as searcher:
                searcher.doc_count()
        except Exception as exc:  # any damage at all: rebuild from the seeds, say so
            ix, reason = None, f"index was unreadable ({type(exc).__name__}: {exc})"
        else:
            if manifest.get("generation") != ix.latest_generation():
                manifest = _manifest_from_index(ix)
                manifest["recovered"] = True
    if ix is None:
        clear = False
        target = folder / WHOOSH_DIR
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        ix = whoosh_index.create_in(str(target), build_schema())
        manifest = {"version": SCHEMA_VERSION, "generation": ix.latest_generation(), "files": {}}
    return ix, manifest, reason, clear


def _manifest_from_index(ix) -> dict[str, Any]:
    """Rebuild the manifest from the index itself (after a run died between the two writes)."""
    files: dict[str, Any] = {}
    with ix.searcher() as searcher:
        for stored in searcher.all_stored_fields():
            entry = files.setdefault(
                stored["file"], {"fingerprint": stored["fingerprint"], "articles": []}
            )
            entry["articles"].append(article_meta(article_from_stored(stored)))
    return {"version": SCHEMA_VERSION, "generation": ix.latest_generation(), "files": files}
