"""The timeline tab: every dated event in order, each sentence with its source.

Enter on a sentence opens the article there; `c` on an event the sources date differently
opens that discrepancy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.models import EventMention, TimelineEvent
from dossier.tui.widgets.themed import ThemedOptionList


class MentionOption(Option):
    """A sentence that dates an event: the event and the sentence travel with it."""

    def __init__(self, prompt: Text, event: TimelineEvent, mention: EventMention) -> None:
        super().__init__(prompt)
        self.event = event
        self.mention = mention


class TimelineList(ThemedOptionList):
    """One option per sentence that dates an event; the date heads the first of its event."""

    COMPONENT_CLASSES = {
        "timeline--date",
        "timeline--note",
        "timeline--differs",
        "timeline--source",
    }

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="timeline-down"),
        Binding("k", "cursor_up", "Up", show=False, id="timeline-up"),
        Binding("c", "compare", "Compare sources", id="timeline-compare"),
    ]

    @dataclass
    class SentenceChosen(Message):
        """Enter on a sentence: open its article there."""

        mention: EventMention

    @dataclass
    class CompareRequested(Message):
        """``c`` on an event the sources date differently: show that discrepancy."""

        discrepancy_id: str

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.events: list[TimelineEvent] = []
        """The events shown, as the service gives them."""
        self.sources: dict[str, str] = {}
        self.topics: dict[str, str] = {}
        self.pending: int | None = None
        """While the dates are being read: how many articles (the note is shown)."""

    def show_pending(self, articles: int) -> None:
        """Say that the dates are being read (the first time after a change takes a while)."""
        self.events, self.pending = [], articles
        self.clear_options()
        note = Text(
            f"Reading the dates in {articles} articles…", style=self.style_of("timeline--note")
        )
        self.add_option(Option(note, disabled=True))

    def show_events(
        self, events: list[TimelineEvent], sources: dict[str, str], topics: dict[str, str]
    ) -> None:
        """List events; ``sources`` maps paths to outlets, ``topics`` discrepancy ids to topics."""
        self.events, self.sources, self.topics = events, sources, topics
        self.pending = None
        self.clear_options()
        if not events:
            empty = Text(
                "No dated events found in the articles.", style=self.style_of("timeline--note")
            )
            self.add_option(Option(empty, disabled=True))
            return
        self.add_options(
            MentionOption(self._prompt(event, mention, first=index == 0), event, mention)
            for event in events
            for index, mention in enumerate(event["mentions"])
        )
        self.highlighted = 0

    def _prompt(self, event: TimelineEvent, mention: EventMention, first: bool) -> Text:
        note = self.style_of("timeline--note")
        prompt = Text()
        if first:
            prompt.append(event["label"], style=self.style_of("timeline--date"))
            if event["undated"]:
                prompt.append(" (undated)", style=note)
            if event["year_inferred"]:
                prompt.append(" (year inferred)", style=note)
            if event["discrepancy"]:
                topic = self.topics.get(event["discrepancy"], event["discrepancy"])
                prompt.append(
                    f"  ⚠ sources differ: {topic} (c)", style=self.style_of("timeline--differs")
                )
            prompt.append("\n")
        source = self.sources.get(mention["path"]) or mention["path"]
        prompt.append(f"  {source}: ", style=self.style_of("timeline--source"))
        prompt.append(mention["sentence"])
        return prompt

    def rebuild(self) -> None:
        """Show the events again (in the current theme's styles)."""
        if self.pending is not None:
            self.show_pending(self.pending)
        else:
            self.show_events(self.events, self.sources, self.topics)

    @property
    def current(self) -> tuple[TimelineEvent, EventMention] | None:
        """The highlighted (event, mention), if any."""
        option = self.highlighted_option
        return (option.event, option.mention) if isinstance(option, MentionOption) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, MentionOption):
            self.post_message(self.SentenceChosen(event.option.mention))

    def action_compare(self) -> None:
        """Ask for the discrepancy of the highlighted event, when the sources differ on it."""
        current = self.current
        if current is None or not current[0]["discrepancy"]:
            self.notify("The sources agree on this date (or only one gives it).", timeout=2)
            return
        self.post_message(self.CompareRequested(current[0]["discrepancy"]))
