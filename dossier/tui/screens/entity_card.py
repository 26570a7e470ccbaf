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

from dossier.display import concordance_line, plural
from dossier.models import ConcordanceLine, Entity
from dossier.tui.widgets.themed import ThemedOptionList, component_style


class MentionOption(Option):
    """A mention in its sentence: the concordance line travels with it."""

    def __init__(self, prompt: Text, line: ConcordanceLine) -> None:
        super().__init__(prompt)
        self.line = line


class MentionList(ThemedOptionList):
    """Source headings (not selectable) and one row per mention, in its sentence."""

    COMPONENT_CLASSES = {"mentions--source", "mentions--mention"}

    def __init__(self, lines: list[ConcordanceLine], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines = lines

    def on_mount(self) -> None:
        # ThemedOptionList's own on_mount runs as well (Textual calls each class's handler).
        self.rebuild()

    def rebuild(self) -> None:
        """(Re)build the rows in the current theme's styles."""
        self.clear_options()
        options: list[Option] = []
        current = None
        for line in self.lines:
            if line["path"] != current:
                current = line["path"]
                heading = f"{line['title']} — {line['source'] or line['path']}"
                options.append(
                    Option(Text(heading, style=self.style_of("mentions--source")), disabled=True)
                )
            prompt = concordance_line(line, self.style_of("mentions--mention"))
            options.append(MentionOption(prompt, line))
        self.add_options(options)


class EntityCard(ModalScreen[tuple[str, int, int] | None]):
    """One person, place or organisation: aliases, descriptions, concordance.

    Enter on a mention closes the card with (path, start, end) so the app opens it there.
    """

    COMPONENT_CLASSES = {"card--name", "card--detail", "card--note"}

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="card-close"),
        Binding("q", "dismiss", "Close", show=False, id="card-quit"),
        Binding("j", "move(1)", "Down", show=False, id="card-down"),
        Binding("k", "move(-1)", "Up", show=False, id="card-up"),
    ]

    def __init__(self, entity: Entity, lines: list[ConcordanceLine]) -> None:
        super().__init__()
        self.entity = entity
        self.lines = lines

    def compose(self) -> ComposeResult:
        entity = self.entity
        with Vertical(id="card"):
            yield Static(id="card-title")
            if entity["aliases"]:
                yield Static(
                    Text("Also written: " + ", ".join(entity["aliases"])), id="card-aliases"
                )
            if entity["descriptions"]:
                described = "Described as: " + "; ".join(entity["descriptions"])
                yield Static(Text(described), id="card-descriptions")
            yield MentionList(self.lines, id="card-mentions")

    def _title(self) -> Text:
        entity = self.entity
        title = Text(entity["name"], style=component_style(self, "card--name"))
        mentions = plural(entity["mentions"], "mention")
        articles = plural(len(entity["paths"]), "article")
        title.append(
            f"  {entity['kind']} · {mentions} in {articles}",
            style=component_style(self, "card--detail"),
        )
        if entity.get("ambiguous"):
            note = "\nThis bare name fits more than one person in the dossier."
            title.append(note, style=component_style(self, "card--note"))
        return title

    def on_mount(self) -> None:
        self.query_one("#card-title", Static).update(self._title())
        mentions = self.query_one(MentionList)
        mentions.focus()
        mentions.action_first()

    @property
    def mention_options(self) -> list[MentionOption]:
        """The mention lines shown (for tests)."""
        return [o for o in self.query_one(MentionList).options if isinstance(o, MentionOption)]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, MentionOption):
            line = event.option.line
            self.dismiss((line["path"], line["start"], line["end"]))

    def action_move(self, step: int) -> None:
        """Move the cursor among the mentions."""
        mentions = self.query_one(MentionList)
        if step > 0:
            mentions.action_cursor_down()
        else:
            mentions.action_cursor_up()
