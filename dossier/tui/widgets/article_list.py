"""The article list: every article, or the hits of the current search with a snippet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.display import one_line
from dossier.models import ArticleEntry, Fragment, Hit, SearchResult
from dossier.tui.widgets.keys import LIST_KEYS

#: Articles listed without a search: measuring thousands of options delays the first screen.
LIST_LIMIT = 400


class ArticleList(OptionList):
    """Articles by title, outlet and date; search hits with their highlighted snippet."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list-down"),
        Binding("k", "cursor_up", "Up", show=False, id="list-up"),
        *LIST_KEYS,
    ]

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

    def show_articles(self, articles: Sequence[ArticleEntry], limit: int = LIST_LIMIT) -> None:
        """List the articles (the first ``limit``; a large dossier is browsed by searching)."""
        self.query_shown = None
        self._hits, self._pending = {}, set()
        self.clear_options()
        options: list[Option | None] = []
        for article in articles[:limit]:
            if options:
                options.append(None)
            options.append(Option(_article_prompt(article), id=article["path"]))
        if len(articles) > limit:
            more = Text(
                f"… {len(articles) - limit} more articles: type / to search them",
                style="dim italic",
            )
            options += [None, Option(more, id=None, disabled=True)]
        self.add_options(options)
        if articles:
            self.highlighted = 0

    def show_hits(self, result: SearchResult, articles: Mapping[str, ArticleEntry]) -> None:
        """List the hits of a search, best first.

        Hits that came without a highlighted snippet show their opening words until
        :meth:`fill_snippets` brings one; :class:`RowsNeedSnippets` asks for the rows in view.
        """
        self.query_shown = result.query
        self._hits = {hit.path: hit for hit in result.hits}
        self._articles = articles
        self._pending = {hit.path for hit in result.hits if not any(f.match for f in hit.snippet)}
        self.clear_options()
        options: list[Option | None] = []
        for hit in result.hits:
            if options:
                options.append(None)
            options.append(Option(self._hit_prompt(hit, hit.snippet), id=hit.path))
        self.add_options(options)
        if options:
            self.highlighted = 0
        if self._pending:
            self.call_after_refresh(self.ask_for_snippets)

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
        for path, snippet in snippets.items():
            hit = self._hits.get(path)
            if hit is not None:
                self.replace_option_prompt(path, self._hit_prompt(hit, snippet))

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
        ids = (self.get_option_at_index(i).id for i in range(self.option_count))
        return [option_id for option_id in ids if option_id is not None]

    def index_of(self, path: str) -> int | None:
        """The option index of an article, if listed."""
        for index in range(self.option_count):
            if self.get_option_at_index(index).id == path:
                return index
        return None


SNIPPET_CONTEXT = 60


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
