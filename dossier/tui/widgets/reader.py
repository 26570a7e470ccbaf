"""The reader: one article as plain text, search hits and entity mentions highlighted."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from dossier.display import article_header, plural
from dossier.models import Article
from dossier.sentences import sentence_around

#: How each kind of entity mention is shown.
MENTION_STYLES = {"person": "underline", "place": "italic", "organisation": "underline dim"}
HIT_STYLE = "bold reverse"
CURRENT_STYLE = "bold black on yellow"
FOCUS_STYLE = "on #444444"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body and where it starts in the body text."""

    start: int
    text: str


class Reader(VerticalScroll, can_focus=True):
    """Shows an article. Text is never parsed as markup: it is data."""

    BINDINGS = [
        Binding("space", "page_down", "Page down", show=False, id="reader-page-down"),
        Binding("b", "page_up", "Page up", show=False, id="reader-page-up"),
        Binding("ctrl+f", "page_down", "Page down", show=False, id="reader-page-down-ctrl"),
        Binding("ctrl+b", "page_up", "Page up", show=False, id="reader-page-up-ctrl"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader-down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader-up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader-top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader-bottom"),
    ]

    article: var[Article | None] = var(None, init=False)
    """The article shown, or None."""
    hit_index: var[int] = var(-1, init=False)
    """Which search hit is current (-1: none)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[tuple[int, int]] = []
        self.mentions: list[tuple[int, int, str]] = []
        self.focus_span: tuple[int, int] | None = None
        self.empty = "Select an article."
        """What the reader says when no article is shown."""
        self.wrapped = False
        """Whether the last :meth:`next_hit` went round the end of the article."""
        self._paragraphs: list[Paragraph] = []

    def compose(self):
        yield Static(Text("Select an article.", style="dim"), id="reader-header")

    async def show(
        self,
        article: Article | None,
        hits: list[tuple[int, int]] | None = None,
        mentions: list[tuple[int, int, str]] | None = None,
        focus: tuple[int, int] | None = None,
        empty: str = "Select an article.",
    ) -> None:
        """Display an article with its highlights; ``focus`` is a span to scroll to and mark.

        ``empty`` is what the reader says when there is no article to show.
        """
        self.empty = empty
        self.hits = sorted(hits or [])
        self.mentions = sorted(mentions or [])
        self.focus_span = focus
        self.article = article
        self.hit_index = -1
        self._show_counter()
        await self._render_article()
        if focus:
            self.call_after_refresh(self._scroll_to_offset, focus[0])
        else:
            self.scroll_home(animate=False)

    async def _render_article(self) -> None:
        """Fill the reader. Paragraph widgets are reused from article to article: mounting
        widgets is what costs time in Textual, updating their text is cheap."""
        article = self.article
        header = self.query_one("#reader-header", Static)
        paragraphs = list(self.query(".paragraph").results(Static))
        if article is None:
            header.update(Text(self.empty, style="dim"))
            for widget in paragraphs:
                widget.display = False
            self._paragraphs = []
            return
        text = article_header(article)
        if self.hits:
            text.append(
                f"\n{plural(len(self.hits), 'match', 'matches')} · n / N to step through",
                style="dim",
            )
        header.update(text)
        self._paragraphs = []
        offset = 0
        for paragraph_text in article.body.split("\n\n"):
            self._paragraphs.append(Paragraph(offset, paragraph_text))
            offset += len(paragraph_text) + 2
        new_widgets = []
        for number, paragraph in enumerate(self._paragraphs):
            content = self._styled(paragraph.start, paragraph.text)
            if number < len(paragraphs):
                paragraphs[number].update(content)
                paragraphs[number].display = True
            else:
                new_widgets.append(Static(content, classes="paragraph", id=f"para-{number}"))
        for widget in paragraphs[len(self._paragraphs) :]:
            widget.display = False
        if new_widgets:
            await self.mount_all(new_widgets)

    def _styled(self, start: int, text: str) -> Text:
        styled = Text(text)
        end = start + len(text)
        for m_start, m_end, kind in self.mentions:
            if start <= m_start < end:
                styled.stylize(
                    MENTION_STYLES.get(kind, ""), m_start - start, min(m_end, end) - start
                )
        if self.focus_span and start <= self.focus_span[0] < end:
            f_start, f_end = self.focus_span
            styled.stylize(FOCUS_STYLE, f_start - start, min(f_end, end) - start)
        for number, (h_start, h_end) in enumerate(self.hits):
            if start <= h_start < end:
                style = CURRENT_STYLE if number == self.hit_index else HIT_STYLE
                styled.stylize(style, h_start - start, min(h_end, end) - start)
        return styled

    def _paragraph_at(self, offset: int) -> int:
        number = 0
        for index, paragraph in enumerate(self._paragraphs):
            if paragraph.start <= offset:
                number = index
        return number

    def _scroll_to_offset(self, offset: int) -> None:
        number = self._paragraph_at(offset)
        try:
            widget = self.query_one(f"#para-{number}", Static)
        except Exception:
            return
        self.scroll_to_widget(widget, animate=False, top=True)

    def watch_hit_index(self, old: int, new: int) -> None:
        for index in {old, new}:
            if 0 <= index < len(self.hits):
                number = self._paragraph_at(self.hits[index][0])
                paragraph = self._paragraphs[number]
                with contextlib.suppress(Exception):
                    self.query_one(f"#para-{number}", Static).update(
                        self._styled(paragraph.start, paragraph.text)
                    )
        if 0 <= new < len(self.hits):
            self._scroll_to_offset(self.hits[new][0])
        self._show_counter()

    def _show_counter(self) -> None:
        """'hit 3/13' on the frame: it stays in sight when the header has scrolled away."""
        if not self.hits:
            self.border_subtitle = ""
        elif 0 <= self.hit_index < len(self.hits):
            self.border_subtitle = f"hit {self.hit_index + 1}/{len(self.hits)}"
        else:
            self.border_subtitle = plural(len(self.hits), "match", "matches")

    def next_hit(self, step: int = 1) -> bool:
        """Move to the next (or previous, ``step=-1``) search hit; False when there are none.

        :attr:`wrapped` tells whether the move went round the end of the article.
        """
        self.wrapped = False
        if not self.hits:
            return False
        if self.hit_index < 0:
            self.hit_index = 0 if step > 0 else len(self.hits) - 1
        else:
            target = self.hit_index + step
            self.wrapped = not 0 <= target < len(self.hits)
            self.hit_index = target % len(self.hits)
        return True

    def reading_offset(self) -> int | None:
        """Where the reader is: the current hit, else the marked claim, else the top of the view."""
        if not self._paragraphs:
            return None
        if 0 <= self.hit_index < len(self.hits):
            return self.hits[self.hit_index][0]
        if self.focus_span:
            return self.focus_span[0]
        top = self.scroll_offset.y
        for number, paragraph in enumerate(self._paragraphs):
            try:
                widget = self.query_one(f"#para-{number}", Static)
            except Exception:
                break
            if widget.virtual_region.bottom > top:
                return paragraph.start
        return self._paragraphs[0].start

    def current_sentence(self) -> str | None:
        """The sentence being read (see :meth:`reading_offset`), or None without an article."""
        offset = self.reading_offset()
        if offset is None:
            return None
        paragraph = self._paragraphs[self._paragraph_at(offset)]
        start, end = sentence_around(paragraph.text, offset - paragraph.start)
        return paragraph.text[start:end]
