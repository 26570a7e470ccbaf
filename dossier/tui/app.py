"""The dossier reader: search bar, article list, reader, people/places sidebar, discrepancies.

Everything slow (search, index refresh, loading entities) runs in thread workers; results
come back as messages. The app reads the dossier only through :class:`dossier.service.Dossier`.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, ProgressBar, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from dossier.display import one_line, phase_label, plural
from dossier.models import ArticleEntry, Discrepancy, Entity
from dossier.service import Dossier, QueryError
from dossier.tui.briefing import BriefingMixin  # issue 15: timeline, sources, pins, brief
from dossier.tui.commands import ArticleCommands, EntityCommands
from dossier.tui.messages import (
    FilterByEntity,
    IndexProgress,
    IndexRefreshed,
    OpenArticle,
    SearchDone,
    SnippetsDone,
)
from dossier.tui.pacing import PacingMixin  # issue 13: the hit list before anything else
from dossier.tui.quotes import QuotesMixin  # issue 16 item 12: the Quotes tab
from dossier.tui.screens.building import BuildingScreen
from dossier.tui.screens.entity_card import EntityCard
from dossier.tui.screens.help import HelpScreen, query_examples
from dossier.tui.widgets.article_list import ArticleList
from dossier.tui.widgets.discrepancies import ClaimList, DiscrepancyView, StatusLine, TopicList
from dossier.tui.widgets.quotes import QuoteList, QuotesView
from dossier.tui.widgets.reader import Reader
from dossier.tui.widgets.search_box import SearchBox
from dossier.tui.widgets.sidebar import Sidebar
from dossier.tui.widgets.sources import SourcesView
from dossier.tui.widgets.timeline import TimelineList

#: How long an empty result or a query error found while typing waits before it is shown:
#: mid-word ('gove', '"prime') the list would otherwise flash empty between two keys.
EMPTY_GRACE = 0.25
#: How often (seconds) the reader checks whether another process rewrote the index.
INDEX_POLL = 2.0
#: Seconds after opening before the seeds folder is checked for changes.
FRESHNESS_DELAY = 0.5
#: Hits listed per search (each costs a highlighted snippet, ~3 ms on news articles).
SEARCH_LIMIT = 50
#: Lines a listed hit takes at least (title, outlet, snippet, rule): how many hits the search
#: itself highlights is the list's height over this; the others are filled in as they show.
MIN_ROW_LINES = 4
#: Characters of the copied text the toast shows.
COPY_PREVIEW = 60
#: Below this width the sidebar is hidden until toggled with `s`.
NARROW = 110


class DossierApp(PacingMixin, QuotesMixin, BriefingMixin, App[None]):
    """Read, search and compare a folder of news articles."""

    CSS_PATH = "app.tcss"
    TITLE = "dossier"
    COMMANDS = App.COMMANDS | {ArticleCommands, EntityCommands}

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="search"),
        Binding("left_square_bracket", "previous_article", "Prev article", id="previous-article"),
        Binding("right_square_bracket", "next_article", "Next article", id="next-article"),
        Binding("n", "next_hit", "Next hit", id="next-hit"),
        Binding("N", "previous_hit", "Prev hit", show=False, id="previous-hit"),
        Binding("s", "toggle_sidebar", "People", id="toggle-sidebar"),
        Binding("tab", "focus_next", "Next pane", show=False, id="next-pane"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="previous-pane"),
        Binding("a", "show_tab('articles')", "Articles", show=False, id="articles-tab"),
        Binding("d", "show_tab('discrepancies')", "Discrepancies", id="discrepancies-tab"),
        Binding("y", "copy", "Copy", id="copy"),
        # issue 15: briefing tabs, pins, the brief
        Binding("t", "show_tab('timeline')", "Timeline", show=False, id="timeline-tab"),
        Binding("o", "show_tab('sources')", "Sources", show=False, id="sources-tab"),
        Binding("p", "pin", "Pin", show=False, id="pin"),
        Binding("w", "write_brief", "Write brief", show=False, id="write-brief"),
        Binding(
            "Q", "show_tab('quotes')", "Quotes", show=False, id="quotes-tab"
        ),  # issue 16 item 12
        Binding(
            "ctrl+d",
            "use_suggestion",
            "Use did-you-mean",
            show=False,
            priority=True,
            id="use-suggestion",
        ),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("escape", "back", "Back", show=False, id="back"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    query_text: var[str] = var("")
    """The search as last run ('' lists every article)."""
    shown_query: var[str | None] = var(None)
    """The search whose outcome is on screen: its hits, or why it could not run (an empty
    result or an error found while typing is shown after a grace). Reactive, so a benchmark
    or a test can watch for a search being painted instead of polling."""

    def __init__(self, dossier: Dossier) -> None:
        super().__init__()
        self.dossier = dossier
        self.article_index: dict[str, ArticleEntry] = {}
        """Article metadata by path."""
        self.entity_list: list[Entity] = []
        """The dossier's entities, as the service gives them."""
        self.mentions_by_path: dict[str, list[tuple[int, int, str]]] = {}
        self._search_timer: Timer | None = None
        """Shows an empty result or an error found while typing, unless a newer one comes first."""
        self._searching = False
        """Whether a search worker is running (one at a time; the latest query runs next)."""
        self._articles_loaded = 0
        """Counts the loads of the article metadata (each index refresh adds one)."""
        self._search_loaded = 0
        """``_articles_loaded`` when the search under way (or the last one) started."""
        self._listed_load = -1
        """``_articles_loaded`` when the hits listed now were searched."""
        self._return_to: tuple[str, str] | None = None
        """Where esc goes back to after opening a claim, quote or date: (tab, its article's
        path)."""
        self._index_stamp: tuple[int, ...] | None = None
        self._stop_watching = threading.Event()
        self._watcher: threading.Thread | None = None
        self._refreshing = False
        self._refresh_pending = False
        """Whether the seeds changed while a refresh was running (refresh once more after it)."""
        self.corrected: str | None = None
        """The did-you-mean suggestion of the last search."""
        self._typing = False
        """Whether the current query came from typing in the search box."""
        self._unfilled_tabs: dict[str, Callable[[], None]] = {}
        """Tabs whose rows are built when first shown, by tab id."""
        self.last_copied: str | None = None
        """What `y` last put on the clipboard."""
        self.first_paint_at: float | None = None
        """When the first screen was drawn (epoch seconds; for the benchmark)."""
        self.last_brief = None
        """Where `w` last wrote the brief."""

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield SearchBox(
            placeholder='Search  /   words "phrase" title:x person:y fuzzy~', id="search"
        )
        yield StatusLine(id="status")
        yield ProgressBar(id="index-progress", show_eta=False)
        with TabbedContent(initial="articles"):
            with TabPane("Articles", id="articles"), Horizontal(id="main"):
                yield ArticleList(id="article-list")
                yield Reader(id="reader")
                yield Sidebar(id="sidebar")
            with TabPane("Discrepancies", id="discrepancies"):
                yield DiscrepancyView(id="discrepancy-view")
            with TabPane("Timeline", id="timeline"):  # issue 15
                yield TimelineList(id="timeline-list")
            with TabPane("Sources", id="sources"):  # issue 15
                yield SourcesView(id="sources-view")
            with TabPane("Quotes", id="quotes"):  # issue 16 item 12
                yield QuotesView(id="quotes-view")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._mark_painted)
        self._apply_settings()
        self.query_one("#index-progress").display = False
        self._apply_width(self.size.width)
        if not self.dossier.store.exists():
            self.push_screen(BuildingScreen())
            self.refresh_index()
            return
        self.load_articles()
        self.focus_list()
        # After the first screen: hashing a large folder in a thread competes for the GIL.
        self.call_after_refresh(self.load_analysis)
        self.call_after_refresh(self.warm_up_search)  # issue 13: the first searches at 44,500
        self.set_timer(FRESHNESS_DELAY, self.check_freshness)
        self._index_stamp = self.dossier.index_stamp()
        self.set_interval(INDEX_POLL, self.poll_index)
        self.watch_seeds()

    def watch_seeds(self) -> None:
        """Refresh the index when files in the seeds folder change (inotify through
        watchfiles: stat-polling 44,500 files would be far too slow).

        A daemon thread rather than a Textual worker: it runs as long as the app, and
        waiting for every worker to finish must not wait for it.
        """
        if self._watcher is None and self.dossier.seeds.is_dir():
            self._watcher = threading.Thread(
                target=self._watch_seeds, name="dossier-watch", daemon=True
            )
            self._watcher.start()

    def _watch_seeds(self) -> None:
        try:
            from watchfiles import DefaultFilter, watch

            ignore = DefaultFilter(ignore_paths=[str(self.dossier.index.resolve())])
            # Wake every half second with no changes so a closing app is not kept waiting.
            changes = watch(
                self.dossier.seeds,
                watch_filter=ignore,
                stop_event=self._stop_watching,
                debounce=500,
                rust_timeout=500,
                yield_on_timeout=True,
                raise_interrupt=False,
            )
            for changed in changes:
                if self._stop_watching.is_set() or not self.is_running:
                    return
                if changed:
                    self.call_from_thread(self.seeds_changed)
        except Exception as exc:  # no inotify, folder removed: the reader works on without it
            if self.is_running and not self._stop_watching.is_set():
                self.call_from_thread(
                    self.notify,
                    f"Not watching the seeds folder: {exc}",
                    severity="warning",
                    markup=False,
                )

    def seeds_changed(self) -> None:
        """Files changed under the seeds: refresh now, or right after the refresh under way."""
        if self._refreshing or any(w.group == "index" and w.is_running for w in self.workers):
            self._refresh_pending = True
        else:
            self._refreshing = True
            self.refresh_index()

    def on_unmount(self) -> None:
        self._stop_watching.set()

    def poll_index(self) -> None:
        """Pick up an index that another process rewrote while the reader was open."""
        stamp = self.dossier.index_stamp()
        if stamp != self._index_stamp and not any(
            w.group == "index" and w.is_running for w in self.workers
        ):
            self._index_stamp = stamp
            self.load_articles()
            self.load_analysis()

    def _mark_painted(self) -> None:
        import time

        if self.first_paint_at is None:
            self.first_paint_at = time.time()

    def _apply_settings(self) -> None:
        from dossier.config import settings

        chosen = settings()
        if chosen.keymap:
            self.set_keymap(chosen.keymap)
        if chosen.theme:
            if chosen.theme in self.available_themes:
                self.theme = chosen.theme
            else:
                self.notify(
                    f"Unknown theme {chosen.theme!r}; see ctrl+p → theme", severity="warning"
                )
        if chosen.problem:
            self.notify(f"Settings ignored: {chosen.problem}", severity="warning", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        # The main screen, not the top one: a modal open during a resize must not keep the
        # wide layout on the screen beneath it.
        for screen in self.screen_stack:
            screen.set_class(width < NARROW, "-narrow")

    # -- loading ------------------------------------------------------------------------------
    def load_articles(self) -> None:
        """(Re)load article metadata and list them (or re-run the current search)."""
        try:
            articles = self.dossier.articles()
        except Exception as exc:  # no index yet, or it is being rebuilt
            self.set_status(Text(f"Index not readable yet: {exc}", style="red"))
            return
        self.article_index = {a["path"]: a for a in articles}
        self._articles_loaded += 1
        if self.query_text:
            self.run_search(self.query_text)
        else:
            self.query_one(ArticleList).show_articles(articles)
            status = Text(f"{len(articles)} articles · / to search · ? for help", style="dim")
            failed = self.dossier.not_analysed()
            if failed:
                first = failed[0]
                more = f" (+{len(failed) - 1} more, see `dossier index`)" if len(failed) > 1 else ""
                status.append(
                    f"  not analysed: {one_line(first['path'])}: {first['error']}{more}",
                    style="yellow",
                )
            self.set_status(status)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def load_analysis(self) -> None:
        """Load entities and discrepancies (JSON; can be large) off the UI thread, and group
        the mentions by article there too (a loop over every mention of a large dossier)."""
        entities = self.dossier.entities()
        discrepancies = self.dossier.discrepancies()
        mentions: dict[str, list[tuple[int, int, str]]] = {}
        for entity in entities:
            for occurrence in entity.get("occurrences", []):
                mentions.setdefault(occurrence["path"], []).append(
                    (occurrence["start"], occurrence["end"], entity["kind"])
                )
        self.call_from_thread(self._show_analysis, entities, discrepancies, mentions)

    def _show_analysis(
        self,
        entities: list[Entity],
        discrepancies: list[Discrepancy],
        mentions: dict[str, list[tuple[int, int, str]]],
    ) -> None:
        self.entity_list = entities
        self.mentions_by_path = mentions
        self.keep_loaded()
        self.query_one(Sidebar).show_entities(entities)
        sources = {path: a.get("source") or path for path, a in self.article_index.items()}
        self.query_one(DiscrepancyView).show_discrepancies(discrepancies, sources)
        tabs = self.query_one(TabbedContent)
        tab = tabs.get_tab("discrepancies")
        tab.label = f"Discrepancies ({len(discrepancies)})"
        self.call_later(self._restyle_reader)
        self.load_briefing()  # issue 15: the timeline and sources tabs follow the analysis
        self.load_quotes()  # issue 16 item 12

    async def _restyle_reader(self) -> None:
        """Show the open article again, now with its entity mentions styled."""
        reader = self.query_one(Reader)
        if reader.article is not None and reader.focus_span is None:
            hit_index = reader.hit_index
            await self.show_article(reader.article.path)
            reader.hit_index = hit_index

    @work(thread=True, exclusive=True, group="freshness", exit_on_error=False)
    def check_freshness(self) -> None:
        """Refresh the index in the background when the seeds changed since it was built."""
        if self.dossier.is_stale():
            self.call_from_thread(self.refresh_index)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def refresh_index(self) -> None:
        """Bring the index up to date, posting progress; the UI stays usable meanwhile."""

        def progress(phase: str, done: int, total: int) -> None:
            self.post_message(IndexProgress(phase, done, total))

        try:
            report = self.dossier.ensure_index(progress=progress)
        except Exception as exc:
            self.post_message(IndexRefreshed(None, error=str(exc)))
            return
        self.post_message(IndexRefreshed(report))

    def on_index_progress(self, message: IndexProgress) -> None:
        if isinstance(self.screen, BuildingScreen):
            self.screen.advance(message.phase, message.done, message.total)
            return
        bar = self.query_one("#index-progress", ProgressBar)
        bar.display = True
        bar.update(total=message.total, progress=message.done)
        label = phase_label(message.phase)
        self.set_status(
            Text(f"Updating the index: {label} {message.done}/{message.total}", style="dim")
        )

    def on_index_refreshed(self, message: IndexRefreshed) -> None:
        self._index_stamp = self.dossier.index_stamp()
        first_build = isinstance(self.screen, BuildingScreen)
        if first_build:
            self.pop_screen()
            self.watch_seeds()
        self._refreshing = False
        if self._refresh_pending:
            self._refresh_pending = False
            self.call_later(self.seeds_changed)
        self.query_one("#index-progress").display = False
        if message.error:
            self.set_status(Text(f"Index not updated: {message.error}", style="red"))
            return
        self.load_articles()
        self.load_analysis()
        report = message.report
        if report is not None and report.changed:
            counts = [
                (report.added, "added"),
                (report.updated, "updated"),
                (report.removed, "removed"),
            ]
            parts = [
                plural(len(paths), f"article {done}", f"articles {done}")
                for paths, done in counts
                if paths
            ]
            self.notify(", ".join(parts) or "Index updated", markup=False)
        if report is not None and report.skipped:
            self.notify(
                f"{len(report.skipped)} files skipped (see `dossier index`)", severity="warning"
            )
        if report is not None:
            for notice in report.notices:
                if notice.path == "(analysis)" or notice.message.startswith("not analysed"):
                    self.notify(
                        f"{one_line(notice.path)}: {notice.message}",
                        severity="warning",
                        timeout=8,
                        markup=False,
                    )
        # Popping the build screen auto-focuses the search box, where `?` would be typed.
        if first_build or self.focused is None:
            self.focus_list()

    # -- search -------------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def schedule_search(self, event: Input.Changed) -> None:
        """Search as the user types: at once, or right after the search under way."""
        if event.value.strip() != self.query_text:
            self.run_search(event.value, typing=True)

    @on(Input.Submitted, "#search")
    def submit_search(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self._listed_now(text):
            # Typed and listed from the index as it is: Enter only moves on to the hits.
            self._typing = False
            self.shown_query = text
            self.focus_list_when_listed()
            self.search_listed()
            return
        self.run_search(event.value)
        self.focus_list_when_listed()

    def _listed_now(self, text: str) -> bool:
        """Whether ``text``'s hits are listed, searched since the last index refresh, and no
        search is under way that could list others."""
        return (
            bool(text)
            and not self._searching
            and text == self.query_text == self.query_one(ArticleList).query_shown
            and self._listed_load == self._articles_loaded
        )

    def run_search(self, text: str, typing: bool = False) -> None:
        """Search in a worker. One runs at a time: keys typed meanwhile only change the query,
        which runs as soon as that search ends (no fixed delay on every key)."""
        text = text.strip()
        self.query_text = text
        self._typing = typing
        if self._search_timer is not None:
            self._search_timer.stop()
        if not text:
            self.query_one(ArticleList).show_articles(list(self.article_index.values()))
            self.set_status(Text(f"{len(self.article_index)} articles", style="dim"))
            return
        if not self._searching:
            self._start_search(text)

    def _start_search(self, text: str) -> None:
        self._searching = True
        self._search_loaded = self._articles_loaded
        articles = self.query_one(ArticleList)
        if articles.query_shown == text:
            # Listed already (Enter after typing it, an index refresh): the rows in view have
            # their highlights, which were most of the search's time; a row that changed asks
            # for its own as it shows.
            rows = 0
        else:
            rows = max(1, articles.scrollable_content_region.height // MIN_ROW_LINES + 1)
        self._search_worker(text, rows, self._typing)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_worker(self, text: str, rows: int, typing: bool) -> None:
        try:
            result = self.dossier.search(text, limit=SEARCH_LIMIT, snippets=rows)
        except QueryError as exc:
            self.post_message(SearchDone(text, None, error=str(exc), typing=typing))
            return
        except Exception as exc:
            self.post_message(
                SearchDone(text, None, error=f"the search failed ({exc})", typing=typing)
            )
            return
        self.post_message(SearchDone(text, result, typing=typing))

    def on_search_done(self, message: SearchDone) -> None:
        self._searching = False
        if message.query != self.query_text:
            if self.query_text:  # the user typed on: run what the box says now
                self._start_search(self.query_text)
            return
        empty = message.result is None or not message.result.hits
        if empty and message.typing:
            if self._search_timer is not None:
                self._search_timer.stop()
            self._search_timer = self.set_timer(EMPTY_GRACE, lambda: self._show_search(message))
            return
        self._show_search(message)

    def _show_search(self, message: SearchDone) -> None:
        """Paint a search's outcome (the hit list, the status line), if still the current query."""
        if message.query != self.query_text:
            return
        result = message.result
        if message.error or result is None:
            self.set_status(Text(f"Query not understood: {message.error}", style="bold red"))
            self.shown_query = message.query
            self.search_listed()
            return
        self.query_one(ArticleList).show_hits(result, self.article_index)
        self._listed_load = self._search_loaded
        self.shown_query = message.query
        self.search_listed()
        if not result.hits:
            # Nothing listed: the reader must not keep showing the previous search's article.
            self.run_worker(
                self.query_one(Reader).show(None, empty=f"No article matches {message.query!r}."),
                group="reader",
            )
        status = Text(plural(result.total, "article matches", "articles match"))
        if result.total > len(result.hits):
            status.append(
                f" (best {len(result.hits)} listed; narrow the search to see others)", style="dim"
            )
        if result.corrected:
            status.append("  Did you mean: ", style="dim")
            status.append(result.corrected, style="bold")
            status.append("?  (ctrl+d to use it)", style="dim")
        self.set_status(status)
        self.corrected = result.corrected

    @on(ArticleList.RowsNeedSnippets)
    def fill_snippets(self, event: ArticleList.RowsNeedSnippets) -> None:
        """Highlight the snippets of the hit rows that came into view."""
        self._snippet_worker(event.query, event.paths)

    @work(thread=True, group="snippets", exit_on_error=False)
    def _snippet_worker(self, query: str, paths: list[str]) -> None:
        if query != self.query_text:  # typed on meanwhile: the next search must not wait
            return
        self.post_message(SnippetsDone(query, self.dossier.snippets(query, paths)))

    def on_snippets_done(self, message: SnippetsDone) -> None:
        self.query_one(ArticleList).fill_snippets(message.query, message.snippets)

    def set_status(self, text: Text) -> None:
        self.query_one("#status", StatusLine).update(text)

    # -- reading ------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#article-list")
    async def article_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and not self.article_can_wait(event.option.id):
            await self.show_article(event.option.id)

    @on(OptionList.OptionSelected, "#article-list")
    def article_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(Reader).focus()

    async def show_article(self, path: str, focus: tuple[int, int] | None = None) -> None:
        """Show an article in the reader with the current search's hits highlighted."""
        try:
            article = self.dossier.article(path)
        except LookupError as exc:
            self.set_status(Text(str(exc), style="red"))
            return
        hits = self.dossier.match_spans(self.query_text, path) if self.query_text else []
        await self.query_one(Reader).show(
            article, hits=hits, mentions=self.mentions_by_path.get(path, []), focus=focus
        )

    async def open_article(self, path: str, focus: tuple[int, int] | None = None) -> None:
        """Switch to the Articles tab and open an article (from the palette or a claim).

        The search stays: an article it does not list is opened anyway, with no list row
        highlighted, and the status line says so.
        """
        self.query_one(TabbedContent).active = "articles"
        articles = self.query_one(ArticleList)
        index = articles.index_of(path)
        with articles.prevent(OptionList.OptionHighlighted):
            articles.highlighted = index
        if index is None and self.query_text:
            self.set_status(
                Text(
                    f"Opened an article outside the results of {self.query_text!r} · esc goes back",
                    style="dim",
                )
            )
        await self.show_article(path, focus=focus)
        self.query_one(Reader).focus()

    def focus_list(self) -> None:
        """Focus the article list, first giving it back its place where People stands in for
        it (narrow screens): focus must never sit in a hidden pane."""
        screen = self.screen_stack[0]
        if screen.has_class("-narrow"):
            screen.remove_class("-sidebar-toggled")
        self.query_one(ArticleList).focus()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        reader = self.query_one(Reader)
        if not reader.next_hit(step):
            self.notify("No search hits in this article.", timeout=2)
        elif reader.wrapped:
            self.notify(f"Wrapped to the {'first' if step > 0 else 'last'} hit.", timeout=2)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        articles = self.query_one(ArticleList)
        before = articles.highlighted
        articles.action_cursor_down() if step > 0 else articles.action_cursor_up()
        after = articles.highlighted
        if before is not None and after is not None and (after - before) * step < 0:
            self.notify(f"Wrapped to the {'first' if step > 0 else 'last'} article.", timeout=2)

    def action_focus_search(self) -> None:
        self._return_to = None  # the user moved on: esc must not jump back to a claim later
        if self.screen_stack[0].has_class("-narrow"):  # the results take the place of People
            self.screen_stack[0].remove_class("-sidebar-toggled")
        self.query_one(TabbedContent).active = "articles"
        self.query_one("#search", Input).focus()

    def action_use_suggestion(self) -> None:
        if self.corrected:
            self.query_one("#search", Input).value = self.corrected
            self.corrected = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "use_suggestion":
            return bool(self.corrected)  # otherwise ctrl+d keeps its meaning in the search bar
        return True

    # -- entities -----------------------------------------------------------------------------
    def on_sidebar_entity_chosen(self, message: Sidebar.EntityChosen) -> None:
        self.filter_by_entity(message.entity["id"])

    def on_sidebar_card_requested(self, message: Sidebar.CardRequested) -> None:
        self.open_entity_card(message.entity["id"])

    def on_filter_by_entity(self, message: FilterByEntity) -> None:
        self.filter_by_entity(message.entity_id)

    async def on_open_article(self, message: OpenArticle) -> None:
        await self.open_article(message.path)

    def filter_by_entity(self, entity_id: str) -> None:
        """Keep the articles that mention an entity: the filter shows in the search bar."""
        entity = next((e for e in self.entity_list if e["id"] == entity_id), None)
        if entity is None:
            return
        prefix = {"person": "person", "place": "place", "organisation": "org"}[entity["kind"]]
        search = self.query_one("#search", Input)
        words = [
            w
            for w in search.value.split()
            if w.split(":", 1)[0] not in ("person", "place", "org", "entity")
        ]
        search.value = " ".join([f"{prefix}:{entity_id}", *words])
        self.query_one(TabbedContent).active = "articles"
        self.run_search(search.value)
        self.focus_list()

    def open_entity_card(self, entity_id: str) -> None:
        """Push the entity card (names, descriptions, every mention in context)."""
        entity = next((e for e in self.entity_list if e["id"] == entity_id), None)
        if entity is not None:
            self.push_screen(
                EntityCard(entity, self.dossier.concordance(entity)), self._open_mention
            )

    async def _open_mention(self, mention: tuple[str, int, int] | None) -> None:
        """Open the article at the mention chosen in an entity card."""
        if mention is not None:
            path, start, end = mention
            await self.open_article(path, focus=(start, end))

    def action_toggle_sidebar(self) -> None:
        """Show and focus People (first entry selected); hide it when pressed there again."""
        sidebar = self.query_one(Sidebar)
        screen = self.screen_stack[0]
        self.query_one(TabbedContent).active = "articles"
        narrow = screen.has_class("-narrow")
        shown = (
            screen.has_class("-sidebar-toggled")
            if narrow
            else not screen.has_class("-sidebar-toggled")
        )
        if shown and sidebar.has_focus:
            screen.set_class(not narrow, "-sidebar-toggled")
            self.focus_list()
            return
        screen.set_class(narrow, "-sidebar-toggled")
        if sidebar.highlighted is None and sidebar.option_count:
            sidebar.action_first()
        sidebar.focus()

    # -- discrepancies --------------------------------------------------------------------------
    async def on_claim_list_claim_chosen(self, message: ClaimList.ClaimChosen) -> None:
        claim = message.claim
        self._return_to = ("discrepancies", claim["path"])
        await self.open_article(claim["path"], focus=(claim["start"], claim["end"]))

    async def on_quote_list_quote_chosen(self, message: QuoteList.QuoteChosen) -> None:
        await self.open_quote(message.quote)  # issue 16 item 12

    async def on_timeline_list_sentence_chosen(self, message: TimelineList.SentenceChosen) -> None:
        await self.open_timeline_sentence(message.mention)  # issue 15

    def on_timeline_list_compare_requested(self, message: TimelineList.CompareRequested) -> None:
        self.show_discrepancy(message.discrepancy_id)

    def keep_loaded(self) -> None:
        """Exempt what is loaded so far from Python's cyclic garbage collector: a full pass
        over the entities, quotes and timeline of a large dossier paused the reader for
        ~0.5 s at random keys. (JSON data has no cycles: reference counting still frees it.)"""
        gc.freeze()

    def when_tab_shown(self, tab: str, fill: Callable[[], None]) -> None:
        """Fill a tab now if it is showing, else when it is first shown: building thousands
        of quotes or timeline rows on the UI thread froze typing for seconds after opening."""
        if self.query_one(TabbedContent).active == tab:
            self._unfilled_tabs.pop(tab, None)
            fill()
        else:
            self._unfilled_tabs[tab] = fill

    @on(TabbedContent.TabActivated)
    def fill_shown_tab(self, event: TabbedContent.TabActivated) -> None:
        fill = self._unfilled_tabs.pop(event.pane.id or "", None)
        if fill is not None:
            fill()

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "discrepancies":
            self.query_one(TopicList).focus()
        elif tab in ("timeline", "sources"):  # issue 15
            self.query_one("#timeline-list" if tab == "timeline" else "#sources-view").focus()
        elif tab == "quotes":  # issue 16 item 12
            self.query_one(QuoteList).focus()
        else:
            self.focus_list()

    async def action_back(self) -> None:
        """Esc: back to the claim just opened; else leave the search box keeping its results
        (as fzf and less do); else clear the search."""
        back, self._return_to = self._return_to, None
        reader = self.query_one(Reader)
        if (
            back is not None
            and reader.has_focus
            and reader.article is not None
            and reader.article.path == back[1]
        ):
            self.query_one(TabbedContent).active = back[0]
            self.query_one(
                {"timeline": TimelineList, "quotes": QuoteList}.get(back[0], ClaimList)
            ).focus()
            return
        search = self.query_one("#search", Input)
        if search.has_focus:
            self.focus_list()
        elif search.value:
            search.value = ""
            self.run_search("")

    # -- everywhere ---------------------------------------------------------------------------
    def action_copy(self) -> None:
        """Copy the sentence being read (or the focused claim's quote) with its source (OSC 52)."""
        text = None
        if self.query_one(TabbedContent).active == "quotes":  # issue 16 item 12
            text = self.quote_citation()
        elif self.query_one(TabbedContent).active == "discrepancies":
            claim = self.query_one(DiscrepancyView).current_claim
            if claim is not None:
                entry = self.article_index.get(claim["path"])
                source = (entry.get("source") if entry is not None else None) or claim["path"]
                text = f"“{claim['quote']}” — {source} ({claim['path']})"
        if text is None:
            reader = self.query_one(Reader)
            article = reader.article
            sentence = reader.current_sentence()
            if article is not None:
                reference = (
                    f"{article.source or 'unknown outlet'}, “{article.title}” ({article.path})"
                )
                text = (
                    f"“{sentence}” — {reference}" if sentence else f"{article.title} — {reference}"
                )
        if text is None:
            self.notify("Nothing to copy yet.", timeout=2)
            return
        self.copy_to_clipboard(text)
        self.last_copied = text
        shown = text if len(text) <= COPY_PREVIEW else text[: COPY_PREVIEW - 1] + "…"
        self.notify(f"Copied: {shown}", markup=False, timeout=3)

    def action_help(self) -> None:
        examples = query_examples(list(self.article_index.values()), self.entity_list)
        self.push_screen(HelpScreen(self.help_sections(), examples))

    def action_help_quit(self) -> None:
        """ctrl+c: say which key quits here (Textual's own message names ctrl+q)."""
        keys = [
            key
            for key, active in self.active_bindings.items()
            if active.binding.action in ("quit", "app.quit")
        ]
        key = next((k for k in keys if len(k) == 1), keys[0] if keys else "ctrl+q")
        first = "esc, then " if isinstance(self.focused, Input) and len(key) == 1 else ""
        self.notify(f"Press {first}{key} to quit.", title="Do you want to quit?", markup=False)

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        """Bindings by where they apply, for the help screen."""
        return [
            ("Everywhere", _bindings(self.BINDINGS)),
            ("Article list", _bindings(ArticleList.BINDINGS)),
            ("Reader", _bindings(Reader.BINDINGS)),
            (
                "People and places",
                _bindings(Sidebar.BINDINGS)
                + [Binding("enter", "", "Show the articles that mention it")],
            ),
            (
                "Discrepancies",
                _bindings(TopicList.BINDINGS)
                + [Binding("enter", "", "Open the article at the claim; esc comes back")],
            ),
            (
                "Timeline",
                _bindings(TimelineList.BINDINGS)
                + [Binding("enter", "", "Open the article at the sentence; esc comes back")],
            ),
            (
                "Quotes",
                _bindings(QuoteList.BINDINGS)
                + [
                    Binding("enter", "", "Open the article at the quote; esc comes back"),
                    Binding("y", "", "Copy the quote with speaker and outlet"),
                ],
            ),
        ]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Show articles", "Switch to the Articles tab", lambda: self.action_show_tab("articles")
        )
        yield SystemCommand(
            "Show discrepancies",
            "Switch to the Discrepancies tab",
            lambda: self.action_show_tab("discrepancies"),
        )
        yield SystemCommand(
            "Toggle people and places", "Show or hide the sidebar", self.action_toggle_sidebar
        )
        yield from self.briefing_commands()  # issue 15
        yield from self.quotes_commands()  # issue 16 item 12

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.set_status(Text(f"Something went wrong: {event.worker.error}", style="bold red"))


def _bindings(declared: list[BindingType]) -> list[Binding]:
    """A class's BINDINGS as Binding objects, keys kept as declared ('j,down' stays one row;
    Textual's ``Binding.make_bindings`` would split it)."""
    return [b if isinstance(b, Binding) else Binding(*b) for b in declared]


def make_app(dossier: Dossier) -> DossierApp:
    """The app factory used by the CLI, the tests and the snapshot apps."""
    # What is imported by now (Textual, Whoosh, the app) lives as long as the process: kept
    # out of the cyclic collector, its full passes while the first screen is built cost
    # about a tenth of the start (issue 13).
    gc.freeze()
    return DossierApp(dossier)
