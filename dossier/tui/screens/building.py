"""Shown while the first index of a dossier is built."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar

from dossier.display import phase_label


class BuildingScreen(Screen[None]):
    """A progress screen for the first build (the reader opens when it is done)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="building"):
            yield Label(Text("Building the dossier's index…", style="bold"))
            yield Label(Text("Reading articles", style="dim"), id="building-phase")
            yield ProgressBar(id="building-bar", show_eta=False)

    def advance(self, phase: str, done: int, total: int) -> None:
        """Show progress of one phase ('index' or 'analyse')."""
        label = phase_label(phase)
        self.query_one("#building-phase", Label).update(
            Text(label[:1].upper() + label[1:], style="dim")
        )
        self.query_one("#building-bar", ProgressBar).update(total=total, progress=done)
