"""A folder of article files -> :class:`~dossier.models.Article` objects.

Formats: ``.txt`` (web pages pasted as text), ``.md`` (optional YAML or TOML front matter),
``.json`` (one article, a list, or BASIL's ``body-paragraphs``). An optional ``dossier.toml``
in the folder supplies metadata the files lack. Nothing here stops on a bad file: the caller
gets the reason and carries on.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import os
import stat as stat_kind
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.ingest.decode import Unreadable
from dossier.models import Article, Notice, Skipped

# Parsing (slugify, dates, the text cleaner's ~100 regexes, tomllib) is imported by the
# functions that parse: a search only scans the folder, and paid ~0.1 s to import them.

__all__ = [
    "SourceFile",
    "Unreadable",
    "folder_metadata",
    "read_source",
    "scan_folder",
    "scan_stats",
    "scan_stats_part",
]

SUPPORTED = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
}
METADATA_FILE = "dossier.toml"
#: Files larger than this are not articles (a log, a dump): skipped with a warning.
MAX_BYTES = 5 * 1024 * 1024
_NOT_ARTICLES = ("readme", "license", "licence", "copying", "changelog")
_NAME = operator.attrgetter("name")
#: First letters of the names the quick stat walk leaves to the full rules: hidden files and
#: a folder's notes (README...). dossier.toml has no article suffix.
_HIDDEN_OR_NOTES = frozenset("." + "".join(w[0] + w[0].upper() for w in _NOT_ARTICLES))


@dataclass(frozen=True)
class SourceFile:
    """A file found in the seeds folder, with the fingerprint that decides re-indexing."""

    path: str
    absolute: Path
    fingerprint: str
    size: int
    stat: list[int | str] | None = None
    """[size, mtime_ns, metadata hash] when it was scanned; lets the next scan skip reading it."""


def folder_metadata(seeds: Path) -> tuple[dict[str, dict[str, Any]], list[Skipped]]:
    """Read ``dossier.toml``: ``[defaults]`` for every file, ``[files."name.txt"]`` per file.

    Returns:
        ``({relative path or "*": metadata}, problems)``.
    """
    path = seeds / METADATA_FILE
    if not path.is_file():
        return {}, []
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [Skipped(METADATA_FILE, f"metadata file ignored: {exc}")]
    table: dict[str, dict[str, Any]] = {}
    if isinstance(data.get("defaults"), dict):
        table["*"] = data["defaults"]
    for name, meta in (data.get("files") or {}).items():
        if isinstance(meta, dict):
            table[str(name)] = meta
    return table, []


def scan_folder(
    seeds: Path,
    metadata: dict[str, dict[str, Any]] | None = None,
    known: dict[str, dict[str, Any]] | None = None,
    exclude: Path | None = None,
) -> tuple[list[SourceFile], list[Skipped]]:
    """Find the article files under ``seeds`` (recursively, sorted, hidden files ignored).

    Symbolic links that lead outside the folder, and link loops, are not followed. Files
    whose size, modification time and metadata match ``known`` (the manifest's entries)
    keep their fingerprint without being read again. ``exclude`` (the index folder, when it
    lives inside the seeds folder) is not scanned.

    Returns:
        ``(files, skipped)``.
    """
    scan = _FolderScan(seeds.resolve(), metadata or {}, known or {}, exclude)
    scan.walk(scan.seeds, "")
    return scan.files, scan.skipped


def scan_stats(
    seeds: Path, metadata: dict[str, dict[str, Any]] | None = None, exclude: Path | None = None
) -> tuple[dict[str, list[int | str]], list[Skipped]]:
    """The same walk as :func:`scan_folder`, reading no file: each article file's stat.

    Returns:
        ``({relative path: [size, mtime_ns, metadata hash]}, skipped)`` (the stats in no
        particular order, the skipped files in the walk's order), comparable with
        the ``stat`` the manifest keeps per file (a freshness check in a few milliseconds).
    """
    scan = _FolderScan(seeds.resolve(), metadata or {}, {}, exclude, stats_only=True)
    scan.walk(scan.seeds, "")
    return scan.stats, scan.skipped


@dataclass
class StatPart:
    """One of the two parts of a stat walk (see :func:`scan_stats_part`)."""

    stats: dict[str, list[int | str]]
    skipped: list[Skipped]
    folders: list[str]
    """The names of the root's subfolders the walk divided (both parts must see the same)."""


def scan_stats_part(
    seeds: Path,
    metadata: dict[str, dict[str, Any]] | None,
    exclude: Path | None,
    share: float,
    first: bool,
) -> StatPart:
    """One part of :func:`scan_stats`, so that two processes can walk a folder together.

    The first part holds the root folder's own files and skips and its first ``share`` of
    subfolders (rounded up, in the walk's order); the second part the other subfolders.
    The two parts' stats make the whole walk's, and their skipped files, first then
    second, its list in order, when both saw the same subfolders.
    """
    scan = _FolderScan(seeds.resolve(), metadata or {}, {}, exclude, stats_only=True)
    scan.part = (share, first)
    scan.walk(scan.seeds, "")
    return StatPart(scan.stats, scan.skipped, scan.root_folders)


class _FolderScan:
    """The state one :func:`scan_folder` walk shares between its steps.

    One ``scandir`` per folder and one ``stat`` per file (the directory entry knows links
    and kinds): a search checks a 2,000-file folder this way on every run.
    """

    def __init__(
        self,
        seeds: Path,
        metadata: dict[str, dict[str, Any]],
        known: dict[str, dict[str, Any]],
        exclude: Path | None,
        stats_only: bool = False,
    ) -> None:
        self.seeds = seeds
        self.metadata = metadata
        self.known = known
        self.stats_only = stats_only
        self.stats: dict[str, list[int | str]] = {}
        self.excluded = exclude.resolve() if exclude is not None else None
        self.files: list[SourceFile] = []
        self.skipped: list[Skipped] = []
        self.seen_dirs: set[tuple[int, int]] = set()
        self.part: tuple[float, bool] | None = None
        """(share, first) when only a part of the walk is made (scan_stats_part)."""
        self.root_folders: list[str] = []

    def walk(self, folder: Path, prefix: str) -> None:
        """Add the files of ``folder`` (sorted), then walk its subfolders (sorted), top down."""
        if not self.enter(folder):
            return
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            return  # unreadable folder: skipped silently, as os.walk does
        part = self.part if not prefix else None
        if part is not None and not part[1]:  # the second part: the root's subfolders only
            entries = [entry for entry in entries if _is_folder(entry)]
        elif self.stats_only and not self.metadata:
            entries = self.stat_plain_files(entries, prefix)  # records no skip: order kept
        entries.sort(key=_NAME)
        dirs: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry)
        mark = len(self.skipped)
        kept = self.folders_to_walk(dirs, prefix)  # before the files: skips in os.walk's order
        if part is not None:
            kept = self.take_part(kept, mark, part)
        for entry in files:
            if not entry.name.startswith(".") and entry.name != METADATA_FILE:
                self.add_file(entry, prefix + entry.name)
        for entry in kept:
            self.walk(Path(entry.path), prefix + entry.name + "/")

    def take_part(
        self, kept: list[os.DirEntry[str]], mark: int, part: tuple[float, bool]
    ) -> list[os.DirEntry[str]]:
        """The root's subfolders this part walks; the second part drops the root's skips
        (recorded since ``mark``: they belong to the first)."""
        share, first = part
        self.root_folders = [entry.name for entry in kept]
        cut = math.ceil(len(kept) * share)
        if first:
            return kept[:cut]
        del self.skipped[mark:]
        return kept[cut:]

    def stat_plain_files(
        self, entries: list[os.DirEntry[str]], prefix: str
    ) -> list[os.DirEntry[str]]:
        """Record the stat of the plain article files; return the other entries.

        The freshness check of a search stats every file of the folder (44,500 in a large
        dossier): a plain file (a regular file, not a link, of a supported kind, not a
        folder's notes, not too large, no metadata) costs one stat and a few string tests
        here, where add_file's checks took twice the stat's time.
        """
        others = []
        stats = self.stats
        for entry in entries:
            name = entry.name
            dot = name.rfind(".")
            if (
                dot > 0
                and (name[dot:] in SUPPORTED or name[dot:].lower() in SUPPORTED)
                and name[0] not in _HIDDEN_OR_NOTES
            ):
                try:
                    info = entry.stat() if entry.is_file(follow_symlinks=False) else None
                except OSError:
                    info = None
                if (
                    info is not None
                    and stat_kind.S_ISREG(info.st_mode)
                    and info.st_size <= MAX_BYTES
                ):
                    stats[prefix + name] = [info.st_size, info.st_mtime_ns, ""]
                    continue
            others.append(entry)
        return others

    def enter(self, folder: Path) -> bool:
        """False when ``folder`` was already walked (a link loop) or cannot be read."""
        try:
            info = folder.stat()
        except OSError:
            return False
        if (info.st_dev, info.st_ino) in self.seen_dirs:
            self.skipped.append(
                Skipped(_relative(folder, self.seeds), "folder link loop; not followed")
            )
            return False
        self.seen_dirs.add((info.st_dev, info.st_ino))
        return True

    def folders_to_walk(self, dirs: list[os.DirEntry[str]], prefix: str) -> list[os.DirEntry[str]]:
        """The subfolders to descend into: not hidden, not the index, not outside."""
        kept = []
        for entry in dirs:
            if entry.name.startswith("."):
                continue
            target = Path(entry.path)
            if self.excluded is not None and target.resolve() == self.excluded:
                continue  # the index itself, kept inside the seeds folder
            if entry.is_symlink() and not _inside(target, self.seeds):
                self.skipped.append(
                    Skipped(
                        prefix + entry.name, "link to a folder outside the dossier; not followed"
                    )
                )
                continue
            kept.append(entry)
        return kept

    def add_file(self, entry: os.DirEntry[str], rel: str) -> None:
        """Fingerprint one candidate file, or record why it is skipped."""
        info, problem = _problem(entry, self.seeds)
        if problem or info is None:
            self.skipped.append(Skipped(rel, problem or "not a regular file"))
            return
        overrides = _overrides(self.metadata, rel) if self.metadata else {}
        overrides_json = json.dumps(overrides, sort_keys=True, default=str) if overrides else ""
        meta = hashlib.sha1(overrides_json.encode()).hexdigest()[:12] if overrides else ""
        stat: list[int | str] = [info.st_size, info.st_mtime_ns, meta]
        if self.stats_only:
            self.stats[rel] = stat
            return
        previous = self.known.get(rel)
        absolute = Path(entry.path)
        if previous and previous.get("stat") == stat and previous.get("fingerprint"):
            # Same size, modification time and metadata as when it was indexed: not re-read
            # (as git does; a change within the same nanosecond and size would be missed).
            self.files.append(
                SourceFile(rel, absolute, previous["fingerprint"], info.st_size, stat)
            )
            return
        try:
            data = absolute.read_bytes()
        except OSError as exc:
            self.skipped.append(Skipped(rel, f"cannot read: {exc.strerror or exc}"))
            return
        digest = hashlib.sha1(data)
        if overrides:
            digest.update(overrides_json.encode())
        self.files.append(SourceFile(rel, absolute, digest.hexdigest(), len(data), stat))


def read_source(
    source: SourceFile, metadata: dict[str, dict[str, Any]] | None = None
) -> tuple[list[Article], list[Notice]]:
    """Parse one file into its articles.

    Raises:
        Unreadable: the file is empty, binary, malformed or holds no article text.
    """
    try:
        data = source.absolute.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror or exc}") from None
    from dossier.ingest.decode import decode, neutralise_controls
    from dossier.ingest.formats import json_articles, markdown_title, split_front_matter

    text, encoding = decode(data)
    text = neutralise_controls(text)
    notices = []
    if encoding != "utf-8":
        notices.append(Notice(source.path, f"not valid UTF-8; read as {encoding}"))
    kind = SUPPORTED[Path(source.path).suffix.lower()]
    overrides = _overrides(metadata or {}, source.path)
    items: list[tuple[str, dict[str, Any], str]]  # (path, metadata, text)
    if kind == "json":
        found = json_articles(text)
        if len(found) == 1:
            items = [(source.path, found[0][0], found[0][1])]
        else:
            items = [(f"{source.path}#{n}", meta, body) for n, (meta, body) in enumerate(found)]
    elif kind == "markdown":
        meta, body, problem = split_front_matter(text)
        if problem:
            notices.append(Notice(source.path, problem))
        if "title" not in meta:
            heading, body = markdown_title(body)
            if heading:
                meta["title"] = heading
        items = [(source.path, meta, body)]
    else:
        items = [(source.path, {}, text)]

    articles = []
    for path, meta, body_text in items:
        meta = (
            {**{k: v for k, v in overrides.items() if v not in (None, "")}, **meta}
            if overrides
            else meta
        )
        article = _build(path, source.path, meta, body_text, encoding)
        if article is None:
            notices.append(Notice(path, "no article text after cleaning; skipped"))
            continue
        articles.append(article)
    if not articles:
        raise Unreadable("no article text (only boilerplate or headings)")
    return articles, notices


def _build(path: str, file: str, meta: dict[str, Any], text: str, encoding: str) -> Article | None:
    from slugify import slugify

    from dossier.ingest.dates import normalise_date
    from dossier.ingest.text import clean_line, guess_outlet, parse_text

    given_title = clean_line(str(meta["title"])) if meta.get("title") else None
    parsed = parse_text(text, title=given_title)
    if not parsed.body.strip():
        return None
    source = _text(meta.get("source")) or parsed.source
    guess = guess_outlet(parsed.body) if source is None else None
    guessed = guess is not None  # wire credits: a guess, and said so
    return Article(
        id=slugify(path.replace("#", "-")) or hashlib.sha1(path.encode()).hexdigest()[:12],
        path=path,
        file=file,
        title=given_title or parsed.title,
        body=parsed.body,
        source=source or guess,
        source_guessed=guessed,
        author=_text(meta.get("author")) or parsed.author,
        published=normalise_date(meta.get("published")) or parsed.published,
        url=_text(meta.get("url")),
        title_derived=parsed.title_derived and not given_title,
        summary=parsed.summary,
        encoding=encoding,
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    from dossier.ingest.decode import neutralise_controls
    from dossier.ingest.text import clean_line

    text = clean_line(neutralise_controls(str(value)))
    return text or None


def _overrides(metadata: dict[str, dict[str, Any]], rel: str) -> dict[str, Any]:
    merged = {**metadata.get("*", {}), **metadata.get(rel, {})}
    if not merged:
        return {}
    from dossier.ingest.formats import metadata_from

    return metadata_from(merged) if merged else {}


def _problem(entry: os.DirEntry[str], seeds: Path) -> tuple[os.stat_result | None, str | None]:
    """The file's stat (links followed), or why it is not an article."""
    name = entry.name
    dot = name.rfind(".")  # Path(name).suffix and .stem, without making a Path per file
    has_suffix = 0 < dot < len(name) - 1
    suffix = name[dot:].lower() if has_suffix else ""
    if entry.is_symlink() and not _inside(Path(entry.path), seeds):
        return None, "link to a file outside the dossier; not followed"
    try:
        info = entry.stat()
    except OSError:
        return None, "broken link"
    if not stat_kind.S_ISREG(info.st_mode):
        return None, "not a regular file"
    if suffix not in SUPPORTED:
        return None, (
            f"not an article format ({suffix or 'no extension'}; "
            f"reads {', '.join(sorted(SUPPORTED))})"
        )
    if (name[:dot] if has_suffix else name).lower().startswith(_NOT_ARTICLES):
        return None, "a folder's notes, not an article"
    if info.st_size > MAX_BYTES:
        size = info.st_size
        return (
            None,
            f"too large for an article ({size / 1048576:.1f} MB > {MAX_BYTES // 1048576} MB)",
        )
    return info, None


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False  # judged as a file, as the walk does


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
