"""The help screen, generated from the bindings so it never goes stale."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dossier.models import ArticleEntry, Entity

QUERY_HELP = [
    ("word other", "articles with both words"),
    ('"two words"', "the phrase"),
    ("word OR other, NOT third", "boolean logic, with ( )"),
    ("title:word  outlet:name", "one field"),
    ("wrod~  wodr~2", "fuzzy: 1 or 2 edits away"),
    ("wor*", "wildcard"),
    ("person:name  place:name  org:name", "articles naming that entity"),
]


def query_examples(articles: list[ArticleEntry], entities: list[Entity]) -> list[tuple[str, str]]:
    """Query examples made of the open dossier's own words and names (generic ones as fallback)."""
    words: list[str] = []
    phrase = None
    for article in articles:
        title = [w.strip(".,:;!?\"'“”‘’()") for w in (article.get("title") or "").split()]
        title = [w for w in title if w.isalpha()]
        for first, second in pairwise(title):
            if phrase is None and len(first) > 3 and len(second) > 3:
                phrase = f'"{first.lower()} {second.lower()}"'
        words += [w.lower() for w in title if len(w) >= 5 and w.lower() not in words]
    examples = dict(QUERY_HELP)
    chosen = list(QUERY_HELP)
    if len(words) >= 3:
        one, two, three = words[:3]
        typo = one[:2] + one[3] + one[2] + one[4:]
        outlet = next((a["source"].split()[0].lower() for a in articles if a["source"]), "name")
        chosen[0] = (f"{one} {two}", examples["word other"])
        chosen[2] = (f"{one} OR {two}, NOT {three}", chosen[2][1])
        chosen[3] = (f"title:{two}  outlet:{outlet}", chosen[3][1])
        chosen[4] = (f"{typo}~", chosen[4][1])
        chosen[5] = (f"{three[:4]}*", chosen[5][1])
    if phrase:
        chosen[1] = (phrase, chosen[1][1])
    prefixes = {"person": "person", "place": "place", "organisation": "org"}
    named = [
        f"{prefixes[k]}:{next(e['id'] for e in entities if e['kind'] == k)}"
        for k in prefixes
        if any(e["kind"] == k for e in entities)
    ]
    if named:
        chosen[6] = ("  ".join(named[:2]), chosen[6][1])
    return chosen


class HelpScreen(ModalScreen[None]):
    """Keys by place (everywhere, article list, reader, sidebar, tabs) and the query language."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help-close")]

    def __init__(
        self,
        sections: list[tuple[str, list[Binding]]],
        examples: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self.sections = sections
        self.examples = examples or QUERY_HELP

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("dossier — keys", style="bold"))
            with Grid(id="help-grid"):
                yield from self._tables()
            yield Static(
                Text(
                    "ctrl+p: command palette (open article, jump to person, switch tab, theme) "
                    "· esc closes",
                    style="dim",
                )
            )

    def _tables(self) -> Iterator[Static]:
        for title, bindings in self.sections:
            rows: list[tuple[str, str]] = []
            for binding in bindings:
                keys = ", ".join(_key_label(k) for k in binding.key.split(","))
                if (keys, binding.description) not in rows and binding.description:
                    rows.append((keys, binding.description))
            table = Table(
                title=title, title_justify="left", show_header=False, box=None, padding=(0, 1)
            )
            # Wide enough for the longest key plus a space: a narrow grid cell squeezes the
            # padding away otherwise ('ctrl+fPage down').
            table.add_column(
                style="bold", no_wrap=True, min_width=max((len(k) for k, _ in rows), default=1) + 2
            )
            table.add_column()
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
            yield Static(table)
        queries = Table(
            title="Search", title_justify="left", show_header=False, box=None, padding=(0, 1)
        )
        queries.add_column(style="bold", no_wrap=True)
        queries.add_column()
        for query, meaning in self.examples:
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
