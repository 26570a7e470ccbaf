"""Keys every list shares, as less and vim users expect them (g, G, ctrl+f, ctrl+b)."""

from __future__ import annotations

from textual.binding import Binding

#: Bindings for any OptionList: first and last entry, a page down and up.
LIST_KEYS = [
    Binding("g", "first", "First", show=False, id="list-first"),
    Binding("G", "last", "Last", show=False, id="list-last"),
    Binding("ctrl+f", "page_down", "Page down", show=False, id="list-page-down"),
    Binding("ctrl+b", "page_up", "Page up", show=False, id="list-page-up"),
]
