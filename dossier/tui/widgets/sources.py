"""The sources tab: one row per outlet, what only it reports, and key entities by outlet."""

from __future__ import annotations

from typing import Any

from rich.console import Group, JustifyMethod
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.theme import Theme
from textual.widgets import Static

from dossier.models import EntityMatrix, SourceRow, SourcesSummary

_DIM = Style(dim=True)


def sources_table(rows: list[SourceRow], note: Style = _DIM) -> Table:
    """Outlets: articles, words, dates and what no other source mentions (notes in ``note``)."""
    table = Table(title="Sources", title_justify="left", expand=True)
    for column in ("outlet", "articles", "words", "dates", "only this source reports"):
        justify: JustifyMethod = "right" if column in ("articles", "words") else "left"
        table.add_column(column, justify=justify, ratio=3 if column.startswith("only") else None)
    for row in rows:
        outlet = Text(row["outlet"])
        if row["guessed"]:
            outlet.append(" (guessed from credits)", style=note + Style(italic=True))
        elif not row["known"]:
            outlet.append(" (outlet unknown)", style=note)
        dates = (
            " to ".join(sorted({d for d in (row["first"], row["last"]) if d is not None})) or "—"
        )
        only = Text(", ".join(e["name"] for e in row["only_entities"]) or "—")
        if row["only_events"]:
            only.append("\ndates: " + ", ".join(e["label"] for e in row["only_events"]), style=note)
        table.add_row(outlet, str(len(row["articles"])), str(row["words"]), dates, only)
    return table


def matrix_table(matrix: EntityMatrix) -> Table:
    """Key entities (rows) by outlet (columns): mentions, '·' for none."""
    title = "Key people, places and organisations by outlet (mentions)"
    table = Table(title=title, title_justify="left")
    table.add_column("entity")
    for outlet in matrix["outlets"]:
        table.add_column(Text(outlet, overflow="ellipsis"), justify="right", max_width=18)
    for row in matrix["rows"]:
        table.add_row(Text(row["name"]), *[str(n) if n else "·" for n in row["counts"]])
    return table


class SourcesView(VerticalScroll, can_focus=True):
    """Scrollable tables of the outlets and the entity matrix."""

    COMPONENT_CLASSES = {"sources--note"}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data: SourcesSummary | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading sources…", style="dim"), id="sources-body")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if self.data is not None:
            self.call_after_refresh(self.show_sources, self.data)

    def show_sources(self, data: SourcesSummary) -> None:
        """Show the service's ``sources()`` answer."""
        self.data = data
        note = self.get_component_rich_style("sources--note", partial=True)
        tables = Group(sources_table(data["sources"], note), Text(""), matrix_table(data["matrix"]))
        self.query_one("#sources-body", Static).update(tables)
