"""The entity card: names, descriptions, and every mention by source, in context."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dossier.display import plural


class EntityCard(ModalScreen[tuple[str, int, int] | None]):
    """One person, place or organisation: aliases, descriptions, concordance.

    Enter on a mention closes the card with (path, start, end) so the app opens it there.
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="card-close"),
        Binding("q", "dismiss", "Close", show=False, id="card-quit"),
        Binding("j", "move(1)", "Down", show=False, id="card-down"),
        Binding("k", "move(-1)", "Up", show=False, id="card-up"),
    ]

    def __init__(self, entity: dict[str, Any], lines: list[dict[str, Any]]) -> None:
        super().__init__()
        self.entity = entity
        self.lines = lines

    def compose(self) -> ComposeResult:
        entity = self.entity
        with Vertical(id="card"):
            title = Text(entity["name"], style="bold")
            title.append(f"  {entity['kind']} · {plural(entity['mentions'], 'mention')} in {plural(len(entity['paths']), 'article')}", style="dim")
            if entity.get("ambiguous"):
                title.append("\nThis bare name fits more than one person in the dossier.", style="italic")
            yield Static(title, id="card-title")
            if entity["aliases"]:
                yield Static(Text("Also written: " + ", ".join(entity["aliases"])), id="card-aliases")
            if entity["descriptions"]:
                yield Static(Text("Described as: " + "; ".join(entity["descriptions"])), id="card-descriptions")
            yield OptionList(*self._options(), id="card-mentions")

    def _options(self) -> list[Option]:
        """Source headings (not selectable) and one option per mention, in its sentence."""
        options: list[Option] = []
        current = None
        for number, line in enumerate(self.lines):
            if line["path"] != current:
                current = line["path"]
                heading = Text(f"{line['title']} — {line['source'] or line['path']}", style="bold")
                options.append(Option(heading, id=f"source:{number}", disabled=True))
            sentence = Text("  ")
            before = line["start"] - line["sentence_start"]
            after = before + line["end"] - line["start"]
            sentence.append(line["sentence"][:before])
            sentence.append(line["sentence"][before:after], style="bold reverse")
            sentence.append(line["sentence"][after:])
            options.append(Option(sentence, id=f"mention:{number}"))
        return options

    def on_mount(self) -> None:
        mentions = self.query_one("#card-mentions", OptionList)
        mentions.focus()
        mentions.action_first()

    @property
    def mention_options(self) -> list[Option]:
        """The mention lines shown (for tests)."""
        mentions = self.query_one("#card-mentions", OptionList)
        return [o for o in mentions.options if (o.id or "").startswith("mention:")]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        line = self.lines[int((event.option.id or "mention:0").split(":")[1])]
        self.dismiss((line["path"], line["start"], line["end"]))

    def action_move(self, step: int) -> None:
        mentions = self.query_one("#card-mentions", OptionList)
        mentions.action_cursor_down() if step > 0 else mentions.action_cursor_up()
