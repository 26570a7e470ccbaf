"""What may run around a search as you type (issue 13): the hit list first, the rest after.

A mixin of :class:`dossier.tui.app.DossierApp`, like :mod:`dossier.tui.briefing`. A key's
list must not wait behind other work on the UI thread: moving the focus on Enter restyles
and repaints the whole screen, and opening the first hit in the reader lays out a whole
article. So Enter moves the focus once its list is in, while the user types the reader
opens the first hit only when the typing pauses, and the first searches of a large index do
not load its term dictionaries on a key (a warm-up search runs after the first screen).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable

from textual import work
from textual.timer import Timer
from textual.widgets import Input

from dossier.models import ArticleEntry
from dossier.tui.host import AppHost
from dossier.tui.messages import SearchWarmed

#: Seconds the reader waits, while the user types, before it opens the first hit: a key
#: typed meanwhile gets its list without an article laid out in between.
READER_DELAY = 0.15
#: Seconds Enter waits for its search's list before the focus moves anyway (a slow query
#: must not leave the keys meant for the list going into the search box).
FOCUS_WAIT = 0.2


_WORD_RE = re.compile(r"[^\W\d_]{4,}")


def warm_up_query(articles: Iterable[ArticleEntry]) -> str | None:
    """A query that reads what a first search would read from the index (the body and title
    term dictionaries, a fuzzy scan of the body terms, the highlighter): the longest word of
    the first titled article, searched as a word, a title word and a fuzzy word. None when no
    article has a title word to take."""
    for article in articles:
        words = _WORD_RE.findall(article.get("title") or "")
        if words:
            word = max(words, key=len).lower()
            return f"{word} title:{word} {word}~"
    return None


class PacingMixin(AppHost):
    """Orders the work a search brings: the hit list, then focus, reader and snippets."""

    _focus_timer: Timer | None = None
    """Moves the focus to the list if the search Enter ran is slow (None: no Enter waits)."""
    _reader_timer: Timer | None = None
    """Opens the highlighted hit in the reader once the typing pauses (None: none waits)."""
    _reader_path: str | None = None
    """The article waiting to be opened in the reader (None: none waits)."""
    reader_delay: float = READER_DELAY
    """Seconds the reader waits for a pause in the typing (``READER_DELAY``)."""

    def focus_list_when_listed(self) -> None:
        """Enter: focus the list as soon as the search just started has listed its hits."""
        if self._focus_timer is not None:
            self._focus_timer.stop()
        self._focus_timer = self.set_timer(FOCUS_WAIT, self.search_listed)
        if not self.query_text:  # nothing to search: every article is listed already
            self._focus_timer.stop()
            self._focus_timer = None
            self._after_enter()

    def search_listed(self) -> None:
        """A search's outcome is listed: once it is painted, do what Enter deferred (move
        the focus, open the first hit)."""
        if self._focus_timer is None:
            return
        self._focus_timer.stop()
        self._focus_timer = None
        self.call_after_refresh(self._after_enter)

    def _after_enter(self) -> None:
        self.focus_list()
        self.open_waiting_article()

    def article_can_wait(self, path: str) -> bool:
        """Whether opening ``path`` (highlighted by a new list) waits: until the first screen
        is drawn, or while the user types until the typing pauses. If so it is opened then,
        unless a newer list highlights another first."""
        if self._reader_timer is not None:
            self._reader_timer.stop()
            self._reader_timer = None
        self._reader_path = None
        if self.first_paint_at is None:  # the first screen first, the article right after it
            self._reader_path = path
            self.call_after_refresh(self.open_waiting_article)
            return True
        if not (self._typing and isinstance(self.focused, Input)):
            return False
        self._reader_path = path
        self._reader_timer = self.set_timer(self.reader_delay, self.open_waiting_article)
        return True

    def open_waiting_article(self) -> None:
        """Open the article that waits (for the first paint or a pause in typing), now."""
        if self._reader_timer is not None:
            self._reader_timer.stop()
            self._reader_timer = None
        path, self._reader_path = self._reader_path, None
        if path is not None:
            self.run_worker(self.show_article(path), group="reader")

    def warm_up_search(self) -> None:
        """Right after the first screen, run one search nobody sees: on a large index the first
        searches of a fresh reader paid for loading the term dictionaries (a fuzzy one ~80 ms
        of CPU more at 44,500 articles). It takes the search slot, so a key typed meanwhile
        runs right after it on the same warmed searcher instead of opening a second one."""
        if self._searching or self.query_text:
            return
        query = warm_up_query(self.article_index.values())
        if query is not None:
            self._searching = True
            self._warm_up_worker(query)

    @work(thread=True, group="search", exit_on_error=False)
    def _warm_up_worker(self, query: str) -> None:
        # A failure is left to the user's own search to report (and must not keep the slot).
        with contextlib.suppress(Exception):
            self.dossier.search(query, limit=1, snippets=1)
        self.post_message(SearchWarmed())

    def on_search_warmed(self, message: SearchWarmed) -> None:
        """The warm-up ended: free the search slot, and run what was typed meanwhile."""
        self._searching = False
        if self.query_text:  # typed while it ran: that search now
            self._start_search(self.query_text)
