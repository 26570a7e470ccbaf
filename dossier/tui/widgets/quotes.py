"""The Quotes tab (issue 16 item 12): who said what, speaker by speaker.

A filter box on top (speaker name or words) narrows the list; Enter on a quotation opens
the article at its sentence; `y` copies it with its attribution. A quotation that another
outlet words differently (or credits to someone else) carries a marker.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from dossier.display import one_line
from dossier.models import Quote, Speaker
from dossier.tui.widgets.keys import LIST_KEYS
from dossier.tui.widgets.themed import ThemedOptionList


def _fold(text: str) -> str:
    """Case- and accent-insensitive text, so 'jose' finds 'José' (the TUI cannot reach
    dossier.entities' own fold: it goes through the service)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


def matches(group: Speaker, quote: Quote, words: str) -> bool:
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
        """Move to the list of quotations."""
        self.screen.query_one(QuoteList).focus()


class QuoteOption(Option):
    """A quotation row: its speaker and the quotation travel with it."""

    def __init__(self, prompt: Text, speaker: Speaker, quote: Quote) -> None:
        super().__init__(prompt)
        self.speaker = speaker
        self.quote = quote


class QuoteList(ThemedOptionList):
    """Speakers as headers, their quotations below with the outlet."""

    COMPONENT_CLASSES = {"quotes--speaker", "quotes--detail", "quotes--differs"}

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="quotes-down"),
        Binding("k", "cursor_up", "Up", show=False, id="quotes-up"),
        Binding("slash,f", "filter", "Filter quotes", id="quotes-filter"),
        *LIST_KEYS,
    ]

    @dataclass
    class QuoteChosen(Message):
        """Enter on a quotation: open its article at the quotation's sentence."""

        speaker: Speaker
        quote: Quote

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.speakers: list[Speaker] = []
        """The speakers and their quotations, as the service gives them."""
        self.words = ""

    def action_filter(self) -> None:
        """Move to the filter box."""
        self.screen.query_one(QuoteFilter).focus()

    def show_speakers(self, speakers: list[Speaker], words: str = "") -> int:
        """List the quotations that match the filter words; how many are listed."""
        self.speakers, self.words = speakers, words
        self.clear_options()
        key = _fold(words)
        detail = self.style_of("quotes--detail")
        options: list[Option] = []
        for number, group in enumerate(speakers):
            chosen = [q for q in group["quotes"] if not key or matches(group, q, key)]
            if not chosen:
                continue
            header = Text(one_line(group["name"]), style=self.style_of("quotes--speaker"))
            header.append(f"  {len(chosen)}", style=detail)
            options.append(Option(header, id=f"speaker:{number}", disabled=True))
            options.extend(QuoteOption(self._prompt(quote), group, quote) for quote in chosen)
        shown = sum(isinstance(option, QuoteOption) for option in options)
        if not shown:
            empty = (
                "No quotation matches the filter."
                if key
                else "No direct quotations found in the articles."
            )
            options.append(Option(Text(empty, style=detail), disabled=True))
        self.add_options(options)
        if shown:
            self.highlighted = 1
        return shown

    def _prompt(self, quote: Quote) -> Text:
        detail = self.style_of("quotes--detail")
        prompt = Text("  “")
        prompt.append(one_line(quote["quote"]))
        prompt.append("”\n    ")
        prompt.append(one_line(quote.get("source") or quote["path"]), style=detail)
        if quote.get("source_guessed"):
            prompt.append(" (guessed)", style=detail)
        if quote["differs"]:
            prompt.append(
                "  ≠ another outlet quotes this differently", style=self.style_of("quotes--differs")
            )
        return prompt

    def rebuild(self) -> None:
        """Show the quotations again (in the current theme's styles)."""
        self.show_speakers(self.speakers, self.words)

    @property
    def current(self) -> tuple[Speaker, Quote] | None:
        """The highlighted (speaker, quotation), if any."""
        option = self.highlighted_option
        return (option.speaker, option.quote) if isinstance(option, QuoteOption) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, QuoteOption):
            self.post_message(self.QuoteChosen(event.option.speaker, event.option.quote))


class QuotesView(Vertical):
    """The filter box above the list of quotations."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.speakers: list[Speaker] = []

    def compose(self) -> ComposeResult:
        # compact: one row, so that at 24 rows the quotations keep most of the tab
        yield QuoteFilter(
            placeholder="Filter: a speaker's name or words of a quote  (/ from the list)",
            id="quotes-filter",
            compact=True,
        )
        yield QuoteList(id="quote-list")

    def show_speakers(self, speakers: list[Speaker]) -> None:
        """List every quotation (the filter typed so far still applies)."""
        self.speakers = speakers
        self.query_one(QuoteList).show_speakers(speakers, self.query_one(QuoteFilter).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # the app's search box listens for its own changes only
        self.query_one(QuoteList).show_speakers(self.speakers, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
