"""The help screen, generated from the bindings so it never goes stale."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

QUERY_HELP = [
    ("flood evacuation", "articles with both words"),
    ('"river levels"', "the phrase"),
    ("army OR police, NOT denied", "boolean logic, with ( )"),
    ("title:storm  outlet:reuters", "one field"),
    ("goverment~  militray~2", "fuzzy: 1 or 2 edits away"),
    ("evacuat*", "wildcard"),
    ("person:ana-lopez  place:lisbon", "articles naming that entity"),
]


class HelpScreen(ModalScreen[None]):
    """Keys by place (everywhere, article list, reader, sidebar, discrepancies) and the query language."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help-close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("dossier — keys", style="bold"))
            with Grid(id="help-grid"):
                yield from self._tables()
            yield Static(Text("ctrl+p: command palette (open article, jump to person, switch tab, theme) · esc closes", style="dim"))

    def _tables(self):
        for title, bindings in self.sections:
            table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 1))
            table.add_column(style="bold", no_wrap=True)
            table.add_column()
            seen = set()
            for binding in bindings:
                keys = ", ".join(_key_label(k) for k in binding.key.split(","))
                if (keys, binding.description) in seen or not binding.description:
                    continue
                seen.add((keys, binding.description))
                table.add_row(Text(keys), Text(binding.description))
            yield Static(table)
        queries = Table(title="Search", title_justify="left", show_header=False, box=None, padding=(0, 1))
        queries.add_column(style="bold", no_wrap=True)
        queries.add_column()
        for query, meaning in QUERY_HELP:
            queries.add_row(Text(query), Text(meaning))
        yield Static(queries)


_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "esc",
    "space": "space",
    "enter": "enter",
}


def _key_label(key: str) -> str:
    key = key.strip()
    return _NAMES.get(key, key)
