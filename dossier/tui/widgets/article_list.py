"""The article list: every article, or the hits of the current search with a snippet."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dossier.display import one_line
from dossier.models import SearchResult
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

    def show_articles(self, articles: list[dict[str, Any]], limit: int = LIST_LIMIT) -> None:
        """List the articles (the first ``limit``; a large dossier is browsed by searching)."""
        self.clear_options()
        options: list[Option | None] = []
        for article in articles[:limit]:
            if options:
                options.append(None)
            options.append(Option(_article_prompt(article), id=article["path"]))
        if len(articles) > limit:
            more = Text(f"… {len(articles) - limit} more articles: type / to search them", style="dim italic")
            options += [None, Option(more, id=None, disabled=True)]
        self.add_options(options)
        if articles:
            self.highlighted = 0

    def show_hits(self, result: SearchResult, articles: dict[str, dict[str, Any]]) -> None:
        """List the hits of a search, best first."""
        self.clear_options()
        options = []
        for hit in result.hits:
            prompt = _article_prompt(articles.get(hit.path, {"title": hit.title, "source": hit.source}))
            prompt.append("\n")
            prompt.append_text(_snippet_line(hit.snippet))
            if options:
                options.append(None)
            options.append(Option(prompt, id=hit.path))
        self.add_options(options)
        if options:
            self.highlighted = 0

    def paths(self) -> list[str]:
        """The listed articles' paths, in order."""
        return [self.get_option_at_index(i).id for i in range(self.option_count)]

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
    start = max(0, first - SNIPPET_CONTEXT)
    end = min(len(plain), first + 2 * SNIPPET_CONTEXT)
    offset = 0
    for fragment in fragments:
        piece_start, piece_end = offset, offset + len(fragment.text)
        offset = piece_end
        lo, hi = max(start, piece_start), min(end, piece_end)
        if lo < hi:
            text.append(fragment.text[lo - piece_start : hi - piece_start], style="bold reverse" if fragment.match else "")
    if start > 0:
        text = Text("…", style="dim") + text
    if end < len(plain):
        text.append("…")
    return text


def _article_prompt(article: dict[str, Any]) -> Text:
    prompt = Text(no_wrap=False)
    prompt.append(article.get("title") or article.get("path", "?"), style="bold")
    facts = [article.get("source") or "", article.get("published") or ""]
    facts = [f for f in facts if f] or [one_line(article.get("path", ""))]
    prompt.append("\n" + " · ".join(facts), style="dim")
    return prompt
