"""The sources tab: one row per outlet, what only it reports, and key entities by outlet."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


def sources_table(rows: list[dict[str, Any]]) -> Table:
    """Outlets: articles, words, dates and what no other source mentions."""
    table = Table(title="Sources", title_justify="left", expand=True)
    for column in ("outlet", "articles", "words", "dates", "only this source reports"):
        table.add_column(column, justify="right" if column in ("articles", "words") else "left", ratio=3 if column.startswith("only") else None)
    for row in rows:
        outlet = Text(row["outlet"])
        if row["guessed"]:
            outlet.append(" (guessed from credits)", style="italic dim")
        elif not row["known"]:
            outlet.append(" (outlet unknown)", style="dim")
        dates = " to ".join(sorted({row["first"], row["last"]} - {None})) or "—"
        only = Text(", ".join(e["name"] for e in row["only_entities"]) or "—")
        if row["only_events"]:
            only.append("\ndates: " + ", ".join(e["label"] for e in row["only_events"]), style="dim")
        table.add_row(outlet, str(len(row["articles"])), str(row["words"]), dates, only)
    return table


def matrix_table(matrix: dict[str, Any]) -> Table:
    """Key entities (rows) by outlet (columns): mentions, '·' for none."""
    table = Table(title="Key people, places and organisations by outlet (mentions)", title_justify="left")
    table.add_column("entity")
    for outlet in matrix["outlets"]:
        table.add_column(Text(outlet, overflow="ellipsis"), justify="right", max_width=18)
    for row in matrix["rows"]:
        table.add_row(Text(row["name"]), *[str(n) if n else "·" for n in row["counts"]])
    return table


class SourcesView(VerticalScroll, can_focus=True):
    """Scrollable tables of the outlets and the entity matrix."""

    def compose(self):
        yield Static(Text("Loading sources…", style="dim"), id="sources-body")

    def show_sources(self, data: dict[str, Any]) -> None:
        """Show the service's ``sources()`` answer."""
        self.query_one("#sources-body", Static).update(Group(sources_table(data["sources"]), Text(""), matrix_table(data["matrix"])))
