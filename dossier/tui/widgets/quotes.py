"""The Quotes tab (issue 16 item 12): who said what, speaker by speaker.

A filter box on top (speaker name or words) narrows the list; Enter on a quotation opens
the article at its sentence; `y` copies it with its attribution. A quotation that another
outlet words differently (or credits to someone else) carries a marker.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from dossier.display import one_line
from dossier.tui.widgets.keys import LIST_KEYS


def _fold(text: str) -> str:
    """Case- and accent-insensitive text, so 'jose' finds 'José' (the TUI cannot reach
    dossier.entities' own fold: it goes through the service)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def matches(group: dict[str, Any], quote: dict[str, Any], words: str) -> bool:
    """Whether a filter (folded words, all required) matches a quotation's speaker or words."""
    haystack = _fold(f"{group['name']} {quote['quote']} {quote.get('source') or ''}")
    return all(word in haystack for word in words.split())


class QuoteFilter(Input):
    """The filter box: typing narrows the list; Enter, down or esc go to the list."""

    BINDINGS = [
        Binding("enter,down", "to_list", "To the list", show=False, id="quotes-filter-list"),
        Binding("escape", "to_list", "To the list", show=False, id="quotes-filter-back"),
    ]

    def action_to_list(self) -> None:
        self.screen.query_one(QuoteList).focus()


class QuoteList(OptionList):
    """Speakers as headers, their quotations below with the outlet."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="quotes-down"),
        Binding("k", "cursor_up", "Up", show=False, id="quotes-up"),
        Binding("slash,f", "filter", "Filter quotes", id="quotes-filter"),
        *LIST_KEYS,
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.speakers: list[dict[str, Any]] = []
        """The speakers and their quotations, as the service gives them."""

    def action_filter(self) -> None:
        self.screen.query_one(QuoteFilter).focus()

    def show_speakers(self, speakers: list[dict[str, Any]], words: str = "") -> int:
        """List the quotations that match the filter words; how many are listed."""
        self.speakers = speakers
        self.clear_options()
        key = _fold(words)
        shown = 0
        for number, group in enumerate(speakers):
            chosen = [(i, q) for i, q in enumerate(group["quotes"]) if not key or matches(group, q, key)]
            if not chosen:
                continue
            header = Text(one_line(group["name"]), style="bold")
            header.append(f"  {len(chosen)}", style="dim")
            self.add_option(Option(header, id=f"speaker:{number}", disabled=True))
            for index, quote in chosen:
                self.add_option(Option(self._prompt(quote), id=f"quote:{number}:{index}"))
            shown += len(chosen)
        if not shown:
            empty = "No quotation matches the filter." if key else "No direct quotations found in the articles."
            self.add_option(Option(Text(empty, style="dim"), disabled=True))
        else:
            self.highlighted = 1
        return shown

    @staticmethod
    def _prompt(quote: dict[str, Any]) -> Text:
        prompt = Text("  “")
        prompt.append(one_line(quote["quote"]))
        prompt.append("”\n    ")
        prompt.append(one_line(quote.get("source") or quote["path"]), style="dim")
        if quote.get("source_guessed"):
            prompt.append(" (guessed)", style="dim")
        if quote["differs"]:
            prompt.append("  ≠ another outlet quotes this differently", style="bold yellow")
        return prompt

    @property
    def current(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The highlighted (speaker, quotation), if any."""
        if self.highlighted is None or not self.option_count:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if not option_id.startswith("quote:"):
            return None
        _, number, index = option_id.split(":")
        group = self.speakers[int(number)]
        return group, group["quotes"][int(index)]


class QuotesView(Vertical):
    """The filter box above the list of quotations."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.speakers: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        # compact: one row, so that at 24 rows the quotations keep most of the tab
        yield QuoteFilter(placeholder="Filter: a speaker's name or words of a quote  (/ from the list)", id="quotes-filter", compact=True)
        yield QuoteList(id="quote-list")

    def show_speakers(self, speakers: list[dict[str, Any]]) -> None:
        """List every quotation (the filter typed so far still applies)."""
        self.speakers = speakers
        self.query_one(QuoteList).show_speakers(speakers, self.query_one(QuoteFilter).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # the app's search box listens for its own changes only
        self.query_one(QuoteList).show_speakers(self.speakers, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
