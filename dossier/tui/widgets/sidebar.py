"""People, places and organisations, grouped by kind, with mention and source counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.models import Entity
from dossier.tui.widgets.keys import LIST_KEYS
from dossier.tui.widgets.themed import ThemedOptionList

GROUPS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))


class EntityOption(Option):
    """A sidebar row: the entity it stands for travels with it."""

    def __init__(self, prompt: Text, entity: Entity) -> None:
        super().__init__(prompt, id=f"entity:{entity['id']}")
        self.entity = entity


class Sidebar(ThemedOptionList):
    """The dossier's entities. Enter filters the articles by one; ``i`` opens its card."""

    COMPONENT_CLASSES = {"sidebar--group", "sidebar--count"}

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar-down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar-up"),
        Binding("i", "card", "Card", id="entity-card"),
        *LIST_KEYS,
    ]

    @dataclass
    class EntityChosen(Message):
        """Enter on an entity: show the articles that mention it."""

        entity: Entity

    @dataclass
    class CardRequested(Message):
        """``i`` on an entity: open its card."""

        entity: Entity

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entities: dict[str, Entity] = {}
        """The entities listed, by id, as the service gives them."""
        self.per_kind = 100

    def show_entities(self, entities: list[Entity], per_kind: int = 100) -> None:
        """List entities by kind, most mentioned first (at most ``per_kind`` of each)."""
        self.entities = {e["id"]: e for e in entities}
        self.per_kind = per_kind
        self.clear_options()
        options: list[Option] = []
        for kind, label in GROUPS:
            members = [e for e in entities if e["kind"] == kind]
            if not members:
                continue
            top = f", top {per_kind}" if len(members) > per_kind else ""
            heading = Text(f"{label} ({len(members)}{top})", style=self.style_of("sidebar--group"))
            options.append(Option(heading, id=f"header:{kind}", disabled=True))
            options.extend(EntityOption(self._prompt(e), e) for e in members[:per_kind])
        self.add_options(options)

    def _prompt(self, entity: Entity) -> Text:
        count = self.style_of("sidebar--count")
        prompt = Text(entity["name"], no_wrap=True, overflow="ellipsis")
        if entity.get("ambiguous"):
            prompt.append(" ?", style=count)
        prompt.append(f"  {entity['mentions']}× · {len(entity['paths'])} src", style=count)
        return prompt

    def rebuild(self) -> None:
        """Show the entities again (in the current theme's styles)."""
        self.show_entities(list(self.entities.values()), self.per_kind)

    @property
    def current_entity(self) -> Entity | None:
        """The highlighted entity, if any."""
        option = self.highlighted_option
        return option.entity if isinstance(option, EntityOption) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, EntityOption):
            self.post_message(self.EntityChosen(event.option.entity))

    def action_card(self) -> None:
        """Ask for the highlighted entity's card."""
        entity = self.current_entity
        if entity is not None:
            self.post_message(self.CardRequested(entity))
