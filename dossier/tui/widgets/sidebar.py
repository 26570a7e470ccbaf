"""People, places and organisations, grouped by kind, with mention and source counts."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.tui.widgets.keys import LIST_KEYS

GROUPS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))


class Sidebar(OptionList):
    """The dossier's entities. Enter filters the articles by one; ``i`` opens its card."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar-down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar-up"),
        Binding("i", "card", "Card", id="entity-card"),
        *LIST_KEYS,
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entities: dict[str, dict[str, Any]] = {}

    def show_entities(self, entities: list[dict[str, Any]], per_kind: int = 100) -> None:
        """List entities by kind, most mentioned first (at most ``per_kind`` of each)."""
        self.entities = {e["id"]: e for e in entities}
        self.clear_options()
        options: list[Option | None] = []
        for kind, label in GROUPS:
            members = [e for e in entities if e["kind"] == kind]
            if not members:
                continue
            shown = f"{label} ({len(members)}{', top ' + str(per_kind) if len(members) > per_kind else ''})"
            options.append(Option(Text(shown, style="bold"), id=f"header:{kind}", disabled=True))
            for entity in members[:per_kind]:
                prompt = Text(entity["name"], no_wrap=True, overflow="ellipsis")
                if entity.get("ambiguous"):
                    prompt.append(" ?", style="dim")
                prompt.append(f"  {entity['mentions']}× · {len(entity['paths'])} src", style="dim")
                options.append(Option(prompt, id=f"entity:{entity['id']}"))
        self.add_options(options)

    @property
    def current_entity(self) -> dict[str, Any] | None:
        """The highlighted entity, if any."""
        if self.highlighted is None or not self.option_count:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        return self.entities.get(option_id.removeprefix("entity:"))

    def action_card(self) -> None:
        entity = self.current_entity
        if entity is not None:
            self.app.open_entity_card(entity["id"])
