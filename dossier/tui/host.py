"""What the app's feature mixins (:mod:`briefing`, :mod:`quotes`, :mod:`pacing`) may use of the app.

At run time a mixin is a plain class; to the type checker it is an App that has the
dossier app's own attributes, so a mixin is checked against what it really calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App

    from dossier.models import ArticleEntry
    from dossier.service import Dossier

    class AppHost(App[None]):
        """The parts of :class:`dossier.tui.app.DossierApp` its mixins use."""

        dossier: Dossier
        article_index: dict[str, ArticleEntry]
        _return_to: tuple[str, str] | None
        _typing: bool
        query_text: str
        first_paint_at: float | None
        _searching: bool

        def _start_search(self, text: str) -> None:
            """Run a search in the worker (the search slot is free)."""

        def focus_list(self) -> None:
            """Focus the article list."""

        async def show_article(self, path: str, focus: tuple[int, int] | None = None) -> None:
            """Show an article in the reader."""

        async def open_article(self, path: str, focus: tuple[int, int] | None = None) -> None:
            """Switch to the Articles tab and open an article."""

        def action_show_tab(self, tab: str) -> None:
            """Switch to a tab and focus its main pane."""

        def when_tab_shown(self, tab: str, fill: Callable[[], None]) -> None:
            """Fill a tab now if it is showing, else when it is first shown."""

        def keep_loaded(self) -> None:
            """Exempt what is loaded so far from the cyclic garbage collector."""

else:
    AppHost = object
