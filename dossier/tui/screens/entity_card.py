"""The entity card: names, descriptions, and every mention by source, in context."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dossier.display import plural


class EntityCard(ModalScreen[None]):
    """One person, place or organisation: aliases, descriptions, concordance."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="card-close"),
        Binding("q", "dismiss", "Close", show=False, id="card-quit"),
        Binding("j", "scroll('down')", "Down", show=False, id="card-down"),
        Binding("k", "scroll('up')", "Up", show=False, id="card-up"),
    ]

    def __init__(self, entity: dict[str, Any], lines: list[dict[str, Any]]) -> None:
        super().__init__()
        self.entity = entity
        self.lines = lines

    def compose(self) -> ComposeResult:
        entity = self.entity
        with VerticalScroll(id="card"):
            title = Text(entity["name"], style="bold")
            title.append(f"  {entity['kind']} · {plural(entity['mentions'], 'mention')} in {plural(len(entity['paths']), 'article')}", style="dim")
            if entity.get("ambiguous"):
                title.append("\nThis bare name fits more than one person in the dossier.", style="italic")
            yield Static(title, id="card-title")
            if entity["aliases"]:
                yield Static(Text("Also written: " + ", ".join(entity["aliases"])), id="card-aliases")
            if entity["descriptions"]:
                yield Static(Text("Described as: " + "; ".join(entity["descriptions"])), id="card-descriptions")
            current = None
            for line in self.lines:
                if line["path"] != current:
                    current = line["path"]
                    yield Static(Text(f"{line['title']} — {line['source'] or line['path']}", style="bold"), classes="card-source")
                sentence = Text("  ")
                before = line["start"] - line["sentence_start"]
                after = before + line["end"] - line["start"]
                sentence.append(line["sentence"][:before])
                sentence.append(line["sentence"][before:after], style="bold reverse")
                sentence.append(line["sentence"][after:])
                yield Static(sentence, classes="card-line")

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#card", VerticalScroll)
        scroller.scroll_down() if direction == "down" else scroller.scroll_up()
