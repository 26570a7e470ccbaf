"""The article list: every article, or the hits of the current search with a snippet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from dossier.display import one_line
from dossier.models import ArticleEntry, Fragment, Hit, SearchResult
from dossier.tui.widgets.keys import LIST_KEYS

#: Articles listed without a search: measuring thousands of options delays the first screen.
LIST_LIMIT = 400
#: Hit rows listed with the first paint below those that fill the view (a key press of
#: scrolling finds one there); the others are listed right after that paint.
FIRST_ROWS_MARGIN = 1


class ArticleList(OptionList):
    """Articles by title, outlet and date; search hits with their highlighted snippet."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list-down"),
        Binding("k", "cursor_up", "Up", show=False, id="list-up"),
        *LIST_KEYS,
    ]

    # A new list changes the scrolled height: Textual's virtual_size asks for a layout of the
    # whole screen then (~20 ms of a key at 120x40), though the list keeps its place and size.
    # Repainting the list is enough; a scrollbar shown or hidden still lays the screen out.
    virtual_size = Reactive(Size(0, 0), layout=False)

    @dataclass
    class RowsNeedSnippets(Message):
        """Hit rows in view (or a screen below it) still show their opening words."""

        query: str
        paths: list[str]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.query_shown: str | None = None
        """The query whose hits are listed (None for the plain article list)."""
        self._hits: dict[str, Hit] = {}
        self._articles: Mapping[str, ArticleEntry] = {}
        self._pending: set[str] = set()
        """Hit rows whose highlighted snippet is not in yet (nor asked for)."""
        self._later: list[Any] = []
        """Hits or articles listed after the first paint of their list (below the view)."""
        self._tail: Option | None = None
        """The line that closes the plain article list, listed after the rows."""
        self._listing = 0
        """Counts the lists shown, so rows deferred for one never land in a newer one."""
        self._rows: tuple = ()
        """What the listed hit rows show (:func:`_row_keys`): a result listed already is kept."""

    def show_articles(self, articles: Sequence[ArticleEntry], limit: int = LIST_LIMIT) -> None:
        """List the articles (the first ``limit``; a large dossier is browsed by searching):
        as many as fill the view at once, the others right after that paint."""
        self.query_shown = None
        self._hits, self._pending, self._rows = {}, set(), ()
        rows = list(articles[:limit])
        options, count = self._options_to_fill(rows, top=0)
        self._later = rows[count:]
        self._tail = None
        if len(articles) > limit:
            more = Text(
                f"… {len(articles) - limit} more articles: type / to search them",
                style="dim italic",
            )
            self._tail = Option(more, id=None, disabled=True)
        self._listing += 1
        if options and (self._later or self._tail):
            options.append(None)  # the rule above the rows listed next
        self.set_options(options)
        if articles:
            self.highlighted = 0
        if self._later or self._tail:
            self.call_after_refresh(self._list_later_rows, self._listing)

    def show_hits(self, result: SearchResult, articles: Mapping[str, ArticleEntry]) -> None:
        """List the hits of a search, best first.

        The rows that fit on screen are listed at once and the others right after that paint:
        measuring and wrapping every row first was most of a keystroke's time. Listing the
        same query again (an index refresh, Enter after typing) keeps the highlighted article
        and the scroll position when it is still listed, without opening it again.

        Hits that came without a highlighted snippet show their opening words until
        :meth:`fill_snippets` brings one; :class:`RowsNeedSnippets` asks for the rows in view.
        The same hits of the same query again (Enter after typing it) leave the list as it is.
        """
        rows = _row_keys(result, articles)
        if result.query == self.query_shown and rows == self._rows:
            return
        kept = self._kept_row(result)
        scroll_y = self.scroll_y
        self.query_shown = result.query
        self._rows = rows
        self._hits = {hit.path: hit for hit in result.hits}
        self._articles = articles
        self._pending = {hit.path for hit in result.hits if not any(f.match for f in hit.snippet)}
        hits = list(result.hits)
        if kept is None:
            options, count = self._options_to_fill(hits, top=0)
        else:  # the view where it was, and the kept row
            options, count = self._options_to_fill(hits, top=int(scroll_y), down_to=kept)
        self._later = hits[count:]
        self._tail = None
        self._listing += 1
        if self._later and options:
            options.append(None)  # the rule above the rows listed next
        self.set_options(options)
        if kept is not None:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = kept
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        elif hits:
            self.highlighted = 0
        if self._later:  # it asks for the snippets in view once they are all listed
            self.call_after_refresh(self._list_later_rows, self._listing)
        elif self._pending:
            self.call_after_refresh(self.ask_for_snippets)

    def _options_to_fill(
        self, rows: list[Any], top: int, down_to: int = -1
    ) -> tuple[list[Option | None], int]:
        """Options for the first rows (hits or articles), enough to fill the view scrolled to
        line ``top`` (and to reach row ``down_to``): a row's lines are counted as if its text
        broke anywhere, never more than Textual's wrapping at words makes, so the view is
        always filled."""
        width = max(1, self.scrollable_content_region.width)
        wanted = top + max(1, self.scrollable_content_region.height)
        options: list[Option | None] = []
        lines, filled_at = 0, None
        for count, row in enumerate(rows, 1):
            option = self._row_option(row)
            if options:
                options.append(None)
            options.append(option)
            prompt = option.prompt
            plain = prompt.plain if isinstance(prompt, Text) else str(prompt)
            lines += 1 + sum(-(-max(1, cell_len(line)) // width) for line in plain.split("\n"))
            if filled_at is None and lines >= wanted:
                filled_at = count
            if filled_at is not None and count >= filled_at + FIRST_ROWS_MARGIN and count > down_to:
                return options, count
        return options, len(rows)

    def _kept_row(self, result: SearchResult) -> int | None:
        """The highlighted row's place in ``result``, if the list shows the same query again."""
        if result.query != self.query_shown or self.highlighted is None:
            return None
        option = self.highlighted_option
        paths = [hit.path for hit in result.hits]
        if option is None or option.id not in paths:
            return None
        return paths.index(option.id)

    def _row_option(self, row: Any) -> Option:
        """The option of a hit (with the snippet it has by now) or of an article."""
        if isinstance(row, Hit):
            hit = self._hits.get(row.path, row)
            return Option(self._hit_prompt(hit, hit.snippet), id=hit.path)
        return Option(_article_prompt(row), id=row["path"])

    def _list_later_rows(self, listing: int) -> None:
        """Add the rows below the first screenful, unless another list replaced it since."""
        if listing != self._listing or not (self._later or self._tail):
            return
        later, self._later = self._later, []
        options: list[Option | None] = []
        for row in later:
            if options:
                options.append(None)
            options.append(self._row_option(row))
        if self._tail is not None:
            options += [None, self._tail] if options else [self._tail]
            self._tail = None
        self.add_options(options)
        if self._pending:
            self.call_after_refresh(self.ask_for_snippets)

    def list_every_row(self) -> None:
        """List the rows still waiting for the next paint now (for keys and lookups that need
        the whole list)."""
        self._list_later_rows(self._listing)

    def _hit_prompt(self, hit: Hit, snippet: tuple[Fragment, ...]) -> Text:
        prompt = _article_prompt(
            self._articles.get(hit.path, {"title": hit.title, "source": hit.source})
        )
        prompt.append("\n")
        prompt.append_text(_snippet_line(snippet))
        return prompt

    def fill_snippets(self, query: str, snippets: dict[str, tuple[Fragment, ...]]) -> None:
        """Put highlighted snippets into the rows of the hits listed for ``query``."""
        if query != self.query_shown:
            return
        changed = False
        for path, snippet in snippets.items():
            hit = self._hits.get(path)
            if hit is None:
                continue
            try:
                option = self.get_option(path)
            except OptionDoesNotExist:  # listed after the next paint: it gets the snippet then
                self._hits[path] = replace(hit, snippet=snippet)
                continue
            # Set each prompt, then re-measure once: replace_option_prompt re-measures every
            # row of the list on each call (Textual 8.2).
            option._set_prompt(self._hit_prompt(hit, snippet))
            changed = True
        if changed:
            self._clear_caches()

    def paths_in_view(self, screens: int = 2) -> list[str]:
        """The listed articles from the top of the view down ``screens`` screenfuls (the
        rows a reader sees now and the ones scrolling would bring next)."""
        lines = self._lines
        if not lines:
            return []
        top = min(int(self.scroll_y), len(lines) - 1)
        bottom = min(top + max(1, self.scrollable_content_region.height) * screens, len(lines) - 1)
        first, last = lines[top][0], lines[bottom][0]
        return [option.id for option in self.options[first : last + 1] if option.id]

    def ask_for_snippets(self) -> None:
        """Post :class:`RowsNeedSnippets` for the rows in view that show no highlight yet."""
        if not self._pending or self.query_shown is None:
            return
        wanted = [path for path in self.paths_in_view() if path in self._pending]
        if wanted:
            self._pending.difference_update(wanted)
            self.post_message(self.RowsNeedSnippets(self.query_shown, wanted))

    def action_last(self) -> None:
        self.list_every_row()
        super().action_last()

    def action_page_down(self) -> None:
        """Highlight the row a page below (at least the next row)."""
        self.list_every_row()
        self._page(down=True)

    def action_page_up(self) -> None:
        """Highlight the row a page above (at least the previous row)."""
        self._page(down=False)

    def _page(self, down: bool) -> None:
        """Page, or step one row where paging stays put: OptionList pages by the view's height
        and keeps the highlight when its row is taller than that (a hit row on a small
        terminal), so pgdn never left the first hit there. Never wraps around."""
        before = self.highlighted
        super().action_page_down() if down else super().action_page_up()
        if before is None or self.highlighted != before:
            return
        rows = range(before + 1, self.option_count) if down else range(before - 1, -1, -1)
        row = next((r for r in rows if not self.get_option_at_index(r).disabled), None)
        if row is not None:
            self.highlighted = row

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._pending and round(old_value) != round(new_value):
            self.ask_for_snippets()

    def _on_resize(self) -> None:
        super()._on_resize()
        if self._pending:
            self.call_after_refresh(self.ask_for_snippets)

    def paths(self) -> list[str]:
        """The listed articles' paths, in order."""
        self.list_every_row()
        ids = (self.get_option_at_index(i).id for i in range(self.option_count))
        return [option_id for option_id in ids if option_id is not None]

    def index_of(self, path: str) -> int | None:
        """The option index of an article, if listed."""
        self.list_every_row()
        for index in range(self.option_count):
            if self.get_option_at_index(index).id == path:
                return index
        return None


SNIPPET_CONTEXT = 60


def _row_keys(result: SearchResult, articles: Mapping[str, ArticleEntry]) -> tuple:
    """What the rows of a result show, but their snippets (filled in as they come into view)."""
    return tuple((hit.path, hit.title, hit.source, articles.get(hit.path)) for hit in result.hits)


def _snippet_line(fragments) -> Text:
    """A short window of a snippet around its first match, matches highlighted."""
    text = Text(style="dim")
    plain = "".join(f.text for f in fragments)
    first = 0
    for fragment in fragments:
        if fragment.match:
            break
        first += len(fragment.text)
    if first >= len(plain):  # no match (yet): the opening words, about as long as a match's window
        start, end = 0, min(len(plain), 3 * SNIPPET_CONTEXT)
    else:
        start = max(0, first - SNIPPET_CONTEXT)
        end = min(len(plain), first + 2 * SNIPPET_CONTEXT)
    offset = 0
    for fragment in fragments:
        piece_start, piece_end = offset, offset + len(fragment.text)
        offset = piece_end
        lo, hi = max(start, piece_start), min(end, piece_end)
        if lo < hi:
            text.append(
                fragment.text[lo - piece_start : hi - piece_start],
                style="bold reverse" if fragment.match else "",
            )
    if start > 0:
        text = Text("…", style="dim") + text
    if end < len(plain):
        text.append("…")
    return text


def _article_prompt(article: Mapping[str, Any]) -> Text:
    prompt = Text(no_wrap=False)
    prompt.append(article.get("title") or article.get("path", "?"), style="bold")
    facts = [article.get("source") or "", article.get("published") or ""]
    facts = [f for f in facts if f] or [one_line(article.get("path", ""))]
    prompt.append("\n" + " · ".join(facts), style="dim")
    return prompt
