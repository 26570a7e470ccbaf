"""The reader's Quotes tab (issue 16 item 12): loading, opening and copying quotations.

A mixin of :class:`dossier.tui.app.DossierApp`, like :mod:`dossier.tui.briefing`, so the
app's own file only mounts the tab and binds the key.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual import work
from textual.app import SystemCommand
from textual.widgets import TabbedContent

from dossier.models import Quote, Speaker
from dossier.tui.host import AppHost
from dossier.tui.widgets.quotes import QuoteList, QuotesView


class QuotesMixin(AppHost):
    """Who said what, for the dossier app."""

    _quotes_generation = 0

    def load_quotes(self) -> None:
        """Read the quotations off the UI thread (a newer load overtakes an older one)."""
        self._quotes_generation += 1
        self._load_quotes(self._quotes_generation)

    @work(thread=True, group="quotes", exit_on_error=False)
    def _load_quotes(self, generation: int) -> None:
        speakers = self.dossier.quotes()
        self.call_from_thread(self._show_quotes, speakers, generation)

    def _show_quotes(self, speakers: list[Speaker], generation: int) -> None:
        if generation != self._quotes_generation:
            return
        view = self.query_one(QuotesView)
        self.when_tab_shown("quotes", lambda: view.show_speakers(speakers))
        self.keep_loaded()  # issue 13: no collector pauses over what was just loaded
        count = sum(len(group["quotes"]) for group in speakers)
        self.query_one(TabbedContent).get_tab("quotes").label = f"Quotes ({count})"

    async def open_quote(self, quote: Quote) -> None:
        """Enter on a quotation: open the article at its sentence (esc comes back)."""
        self._return_to = ("quotes", quote["path"])
        await self.open_article(
            quote["path"], focus=(quote["sentence_start"], quote["sentence_end"])
        )

    def quote_citation(self) -> str | None:
        """What `y` copies on the Quotes tab: “quote” — Speaker, Outlet (path)."""
        current = self.query_one(QuoteList).current
        if current is None:
            return None
        group, quote = current
        outlet = quote.get("source") or quote["path"]
        return f"“{quote['quote']}” — {group['name']}, {outlet} ({quote['path']})"

    def quotes_commands(self) -> Iterator[SystemCommand]:
        """Palette entries of the Quotes tab."""
        yield SystemCommand(
            "Show quotes", "Who said what: the Quotes tab", lambda: self.action_show_tab("quotes")
        )
