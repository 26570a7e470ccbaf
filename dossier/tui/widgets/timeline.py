"""The timeline tab: every dated event in order, each sentence with its source.

Enter on a sentence opens the article there; `c` on an event the sources date differently
opens that discrepancy.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class TimelineList(OptionList):
    """One option per sentence that dates an event; the date heads the first of its event."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="timeline-down"),
        Binding("k", "cursor_up", "Up", show=False, id="timeline-up"),
        Binding("c", "compare", "Compare sources", id="timeline-compare"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.events: list[dict[str, Any]] = []
        """The events shown, as the service gives them."""

    def show_events(self, events: list[dict[str, Any]], sources: dict[str, str], topics: dict[str, str]) -> None:
        """List the events; ``sources`` maps paths to outlets, ``topics`` discrepancy ids to topics."""
        self.events = events
        self.clear_options()
        if not events:
            self.add_option(Option(Text("No dated events found in the articles.", style="dim"), disabled=True))
            return
        for number, event in enumerate(events):
            for index, mention in enumerate(event["mentions"]):
                prompt = Text()
                if index == 0:
                    prompt.append(event["label"], style="bold")
                    if event["undated"]:
                        prompt.append(" (undated)", style="dim")
                    if event["year_inferred"]:
                        prompt.append(" (year inferred)", style="dim")
                    if event["discrepancy"]:
                        topic = topics.get(event["discrepancy"], event["discrepancy"])
                        prompt.append(f"  ⚠ sources differ: {topic} (c)", style="bold red")
                    prompt.append("\n")
                prompt.append(f"  {sources.get(mention['path']) or mention['path']}: ", style="dim")
                prompt.append(mention["sentence"])
                self.add_option(Option(prompt, id=f"event:{number}:{index}"))
        self.highlighted = 0

    @property
    def current(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The highlighted (event, mention), if any."""
        if self.highlighted is None or not self.option_count:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if not option_id.startswith("event:"):
            return None
        _, number, index = option_id.split(":")
        event = self.events[int(number)]
        return event, event["mentions"][int(index)]

    def action_compare(self) -> None:
        current = self.current
        if current is None or not current[0]["discrepancy"]:
            self.notify("The sources agree on this date (or only one gives it).", timeout=2)
            return
        self.app.show_discrepancy(current[0]["discrepancy"])
