"""The search box: Textual's Input, without a screen layout on every key typed."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchBox(Input):
    """The one-line query box at the top of the reader."""

    # Each key changes the typed text's width, which Input keeps as its virtual size; Textual
    # lays out the whole screen on that (~20 ms at 120x40, on every key of search as you
    # type, competing with the search it starts). The box keeps its size: a repaint does.
    virtual_size = Reactive(Size(0, 0), layout=False)
