"""The reader's briefing features (issue 15): Timeline and Sources tabs, pins, the brief.

A mixin of :class:`dossier.tui.app.DossierApp`, kept apart so the app's own file only
mounts the tabs and binds the keys. Everything that reads or writes files runs in thread
workers; results come back with ``call_from_thread``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from textual import work
from textual.app import SystemCommand
from textual.widgets import TabbedContent

from dossier.display import one_line
from dossier.models import EventMention, SourcesSummary, TimelineEvent
from dossier.tui.host import AppHost
from dossier.tui.widgets.discrepancies import DiscrepancyView, TopicList
from dossier.tui.widgets.reader import Reader
from dossier.tui.widgets.sources import SourcesView
from dossier.tui.widgets.timeline import TimelineList


class BriefingMixin(AppHost):
    """Timeline, sources, pins and the brief, for the dossier app."""

    last_brief: Path | None = None
    """Where `w` last wrote the brief."""

    _briefing_generation = 0

    def load_briefing(self) -> None:
        """Load the timeline and the sources summary (which uses it) when one of their tabs
        is first shown.

        Finding every date in every article is the slowest read of the reader (seconds on a
        few thousand articles, minutes on tens of thousands, the first time after a change)
        and a thread doing it competes with typing for the interpreter: it waits until
        somebody asks for the timeline or the sources. Not exclusive workers: a result that a
        newer load overtook is dropped instead.
        """
        self._briefing_generation += 1
        generation = self._briefing_generation
        self.when_tab_shown("timeline", lambda: self._start_timeline(generation))
        self.when_tab_shown("sources", lambda: self._start_sources(generation))

    def _start_timeline(self, generation: int) -> None:
        self.query_one(TimelineList).show_pending(len(self.article_index))
        self._load_timeline(generation)

    def _start_sources(self, generation: int) -> None:
        self._load_sources(generation)

    @work(thread=True, group="briefing", exit_on_error=False)
    def _load_sources(self, generation: int) -> None:
        sources = self.dossier.sources()
        self.call_from_thread(self._show_sources, sources, generation)

    @work(thread=True, group="briefing", exit_on_error=False)
    def _load_timeline(self, generation: int) -> None:
        events = self.dossier.timeline()
        topics = {d["id"]: d["topic"] for d in self.dossier.discrepancies()}
        self.call_from_thread(self._show_timeline, events, topics, generation)

    def _show_sources(self, sources: SourcesSummary, generation: int) -> None:
        if generation != self._briefing_generation:
            return
        self.query_one(SourcesView).show_sources(sources)
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("sources").label = f"Sources ({len(sources['sources'])})"

    def _show_timeline(
        self, events: list[TimelineEvent], topics: dict[str, str], generation: int
    ) -> None:
        if generation != self._briefing_generation:
            return
        outlets = {path: a.get("source") or path for path, a in self.article_index.items()}
        self.query_one(TimelineList).show_events(events, outlets, topics)
        self.keep_loaded()  # issue 13: no collector pauses over what was just loaded
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("timeline").label = f"Timeline ({len(events)})"

    async def open_timeline_sentence(self, mention: EventMention) -> None:
        """Enter on an event's sentence: open the article there (esc comes back).

        Called by the app's handler: message handlers of a plain mixin are not collected.
        """
        self._return_to = ("timeline", mention["path"])
        await self.open_article(mention["path"], focus=(mention["start"], mention["end"]))

    def show_discrepancy(self, discrepancy_id: str) -> None:
        """Switch to the Discrepancies tab with this discrepancy selected."""
        self.query_one(TabbedContent).active = "discrepancies"
        self.query_one(DiscrepancyView).select(discrepancy_id)
        self.query_one(TopicList).focus()

    # -- pins -----------------------------------------------------------------------------------
    def pin_target(self) -> tuple[str, int, int] | None:
        """What `p` pins: the selected claim, the timeline's sentence, or the reader's hit."""
        tab = self.query_one(TabbedContent).active
        if tab == "discrepancies":
            claim = self.query_one(DiscrepancyView).current_claim
            return (claim["path"], claim["start"], claim["end"]) if claim else None
        if tab == "timeline":
            current = self.query_one(TimelineList).current
            return (current[1]["path"], current[1]["start"], current[1]["end"]) if current else None
        reader = self.query_one(Reader)
        if reader.article is None:
            return None
        span = (
            reader.hits[reader.hit_index]
            if reader.hits and reader.hit_index >= 0
            else reader.focus_span
        )
        if span is None:
            return None
        start, end, _ = self.dossier.sentence_at(reader.article.path, span[0])
        return reader.article.path, start, max(end, span[1])

    def action_pin(self) -> None:
        """Pin the current sentence or claim for the brief's "Noted" section."""
        target = self.pin_target()
        if target is None:
            self.notify(
                "Nothing to pin: step to a search hit (n), or select a claim or "
                "a timeline sentence.",
                timeout=4,
            )
            return
        pin, added = self.dossier.pin(*target)
        quote = one_line(pin["quote"])
        quote = quote if len(quote) <= 90 else quote[:87] + "…"
        self.notify(
            f"{'Pinned' if added else 'Already pinned'}: “{quote}”", timeout=4, markup=False
        )

    # -- the brief --------------------------------------------------------------------------------
    def action_write_brief(self, fmt: str = "md") -> None:
        """Write the brief to ``<index>/brief.<fmt>``; a toast says where."""
        self.write_brief(fmt)

    @work(thread=True, exclusive=True, group="brief", exit_on_error=False)
    def write_brief(self, fmt: str = "md") -> None:
        """Render and write the brief off the UI thread."""
        try:
            path = self.dossier.write_brief(fmt=fmt)
        except OSError as exc:
            self.call_from_thread(
                self.notify, f"Could not write the brief: {exc}", severity="error"
            )
            return
        self.last_brief = path
        self.call_from_thread(self.notify, f"Brief written to {path}", timeout=6)

    def briefing_commands(self) -> Iterator[SystemCommand]:
        """Palette entries of the briefing features."""
        yield SystemCommand(
            "Write the brief (Markdown)",
            "Write a one-page briefing to the index folder",
            lambda: self.action_write_brief("md"),
        )
        yield SystemCommand(
            "Write the brief (HTML)",
            "Write a self-contained HTML briefing to the index folder",
            lambda: self.action_write_brief("html"),
        )
        yield SystemCommand(
            "Pin the current sentence", "Note it for the brief's Noted section", self.action_pin
        )
        yield SystemCommand(
            "Show timeline", "Switch to the Timeline tab", lambda: self.action_show_tab("timeline")
        )
        yield SystemCommand(
            "Show sources", "Switch to the Sources tab", lambda: self.action_show_tab("sources")
        )
