"""Option lists whose rows are styled from the stylesheet, in whichever theme is on.

Rows are Rich text built once; their parts (a heading, a muted count, a severity) take
their styles from component classes (``widget--part``) styled in ``app.tcss``, so every
theme and NO_COLOR look right. When the theme changes, the rows are rebuilt.
"""

from __future__ import annotations

from rich.style import Style
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def component_style(widget: Widget, name: str) -> Style:
    """The Rich style of one of ``widget``'s component classes (its own part only)."""
    return widget.get_component_rich_style(name, partial=True)


class ThemedOptionList(OptionList):
    """An OptionList whose rows use component-class styles and follow theme changes."""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        # Styles are recomputed after the stylesheet has been refreshed for the new theme.
        self.call_after_refresh(self.restyle)

    def style_of(self, name: str) -> Style:
        """The Rich style of one of this list's component classes."""
        return component_style(self, name)

    def restyle(self) -> None:
        """Rebuild the rows in the current theme, keeping the cursor where it was."""
        highlighted = self.highlighted
        with self.prevent(OptionList.OptionHighlighted):
            self.rebuild()
            self.highlighted = highlighted

    def rebuild(self) -> None:
        """Show the rows again from the data last shown (lists that style rows override it)."""

    @property
    def highlighted_option(self) -> Option | None:
        """The highlighted row, if any."""
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted)
