"""The one door to a dossier: the CLI and the TUI ask this, never the index or the NLP directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dossier import locations
from dossier.models import Article, IndexReport, SearchResult
from dossier.store import IndexBusy, NoIndex, QueryError, Store
from dossier.store.writer import Progress

__all__ = ["ArticleNotFound", "Dossier", "IndexBusy", "NoIndex", "QueryError"]


class ArticleNotFound(LookupError):
    """No article matches the reference given."""


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

    @classmethod
    def open(cls, seeds: str | Path | None = None, index: str | Path | None = None) -> Dossier:
        """Open the dossier at the given (or default) folders; nothing is read yet."""
        return cls(locations.seeds_dir(seeds), locations.index_dir(index))

    # -- keeping the index fresh ------------------------------------------------------------
    def refresh(self, *, rebuild: bool = False, progress: Progress | None = None, wait: float = 5.0) -> IndexReport:
        """Index what changed in the seeds folder.

        Raises:
            IndexBusy: another process is writing the index.
        """
        if not self.seeds.is_dir():
            raise FileNotFoundError(f"seeds folder not found: {self.seeds}")
        return self.store.refresh(rebuild=rebuild, progress=progress, wait=wait)

    def ensure_index(self, progress: Progress | None = None) -> IndexReport | None:
        """Refresh before answering; when another process is writing, answer from the index as it is.

        Returns:
            The refresh report, or None when the refresh was left to the other writer.

        Raises:
            IndexBusy: another process is writing and there is no index to answer from yet.
        """
        try:
            return self.refresh(progress=progress, wait=0.0 if self.store.exists() else 30.0)
        except IndexBusy:
            if self.store.exists():
                return None
            raise

    def is_stale(self) -> bool:
        """True when the seeds folder changed since the index was last written."""
        return self.store.is_stale()

    # -- answers ----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 10) -> SearchResult:
        """Full-text search with the Whoosh query language.

        Raises:
            QueryError: the query is malformed; the message explains it.
        """
        return self.store.search(query, limit=limit)

    def articles(self) -> list[dict[str, Any]]:
        """Every article's metadata (id, path, title, source, author, published, words...)."""
        return self.store.article_entries()

    def skipped(self) -> list[dict[str, str]]:
        """Files the last index run could not read, with the reason."""
        return list(self.store.manifest().get("skipped", []))

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
            raise ArticleNotFound(f"'{ref}' matches {len(exact)} articles ({names}…); be more specific")
        if not exact:
            raise ArticleNotFound(f"no article '{ref}' (see `dossier articles`)")
        article = self.store.article(exact[0]["path"])
        if article is None:
            raise ArticleNotFound(f"article '{ref}' is listed but missing from the index; run `dossier index --rebuild`")
        return article
