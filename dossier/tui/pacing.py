"""What may run around a search as you type (issue 13): the hit list first, the rest after.

A mixin of :class:`dossier.tui.app.DossierApp`, like :mod:`dossier.tui.briefing`. A key's
list must not wait behind other work on the UI thread: moving the focus on Enter restyles
and repaints the whole screen, and opening the first hit in the reader lays out a whole
article. So Enter moves the focus once its list is in, and while the user types the reader
opens the first hit only when the typing pauses.
"""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import Input

from dossier.tui.host import AppHost

#: Seconds the reader waits, while the user types, before it opens the first hit: a key
#: typed meanwhile gets its list without an article laid out in between.
READER_DELAY = 0.15
#: Seconds Enter waits for its search's list before the focus moves anyway (a slow query
#: must not leave the keys meant for the list going into the search box).
FOCUS_WAIT = 0.2


class PacingMixin(AppHost):
    """Orders the work a search brings: the hit list, then focus, reader and snippets."""

    _focus_timer: Timer | None = None
    """Moves the focus to the list if the search Enter ran is slow (None: no Enter waits)."""
    _reader_timer: Timer | None = None
    """Opens the highlighted hit in the reader once the typing pauses (None: none waits)."""
    _reader_path: str | None = None
    """The article waiting to be opened in the reader (None: none waits)."""

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
        self._reader_timer = self.set_timer(READER_DELAY, self.open_waiting_article)
        return True

    def open_waiting_article(self) -> None:
        """Open the article that waits (for the first paint or a pause in typing), now."""
        if self._reader_timer is not None:
            self._reader_timer.stop()
            self._reader_timer = None
        path, self._reader_path = self._reader_path, None
        if path is not None:
            self.run_worker(self.show_article(path), group="reader")
