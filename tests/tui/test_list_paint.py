"""What a key costs the screen (issue 13): a new hit list repaints the list without laying the
screen out, and the first search of a fresh reader does not load the index's term
dictionaries on a key.

Searches run for real on a real index of hand-written reports.
"""

from __future__ import annotations

import threading

from textual.widgets import Input

from dossier.service import Dossier
from dossier.tui import make_app
from dossier.tui.pacing import warm_up_query
from dossier.tui.widgets.article_list import ArticleList
from tests.tui.conftest import screen_text, settle
from tests.tui.test_search_pacing import HeldDossier, wait_until
from tests.tui.test_search_speed import marked


class CountingDossier(HeldDossier):
    """The real dossier (searches of held queries wait for the test), also noting every
    search with its snippets and the most that ran at once."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[tuple[str, bool | int]] = []
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def search(self, query: str, limit: int = 10, snippets: bool | int = True):
        with self._lock:
            self.calls.append((query, snippets))
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            return super().search(query, limit=limit, snippets=snippets)
        finally:
            with self._lock:
                self.running -= 1


def test_the_warm_up_query_searches_a_title_word_as_a_word_a_title_and_a_fuzzy_word():
    articles = [
        {"path": "a.txt", "title": "12 %"},
        {"path": "b.txt", "title": "Quiet Harbour at dawn"},
    ]
    assert warm_up_query(articles) == "harbour title:harbour harbour~"
    assert warm_up_query([{"path": "c.txt", "title": ""}, {"path": "d.txt"}]) is None


async def test_a_search_nobody_sees_runs_once_the_first_screen_is_drawn(reports):
    dossier = CountingDossier(*reports)
    app = make_app(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(dossier.started) == 1 and dossier.started[0].endswith("~")
        assert app.shown_query is None, "its hits are not listed"
        assert len(app.query_one(ArticleList).paths()) == 33, "every article is still listed"


async def test_a_key_typed_during_the_warm_up_is_searched_right_after_it_never_beside_it(
    reports,
):
    dossier = CountingDossier(*reports)
    query = warm_up_query(dossier.articles())
    gate = dossier.hold(query)
    app = make_app(dossier)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(lambda: query in dossier.started)
            app.query_one("#search", Input).value = "train"
            await pilot.pause()
            assert dossier.started == [query], "the typed search waits for the warm-up"
            gate.set()
            await wait_until(lambda: app.shown_query == "train")
            await settle(pilot)
            assert dossier.most_at_once == 1
            assert sorted(app.query_one(ArticleList).paths()) == ["t00.txt", "t01.txt", "t02.txt"]
    finally:
        gate.set()


async def test_a_new_hit_list_repaints_the_list_without_laying_out_the_screen(reports):
    dossier = Dossier(*reports)
    app = make_app(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        ferries = dossier.search("ferry", limit=50, snippets=False)
        harbour = dossier.search("harbour", limit=50, snippets=False)
        articles.show_hits(ferries, app.article_index)
        await settle(pilot)
        articles.show_hits(harbour, app.article_index)  # another list longer than the view
        assert not articles._layout_required and not app.screen._layout_required
        await settle(pilot)
        assert articles.paths() == [hit.path for hit in harbour.hits]


async def test_the_scrollbar_and_the_end_key_follow_a_list_that_grows_past_the_view(reports):
    dossier = Dossier(*reports)
    app = make_app(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        trains = dossier.search("train", limit=50, snippets=False)
        ferries = dossier.search("ferry", limit=50, snippets=False)
        articles.show_hits(trains, app.article_index)
        await settle(pilot)
        assert articles.max_scroll_y == 0 and not articles.show_vertical_scrollbar
        articles.show_hits(ferries, app.article_index)
        await settle(pilot)
        assert articles.max_scroll_y > 0 and articles.show_vertical_scrollbar
        articles.focus()
        await pilot.press("end")
        await settle(pilot)
        assert articles.highlighted_option.id == ferries.hits[-1].path
        assert articles.scroll_y == articles.max_scroll_y, "the last row is scrolled to"


async def test_page_keys_move_the_highlight_even_when_a_row_is_taller_than_the_view(reports):
    app = make_app(Dossier(*reports))
    async with app.run_test(size=(80, 14)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry", "enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.has_focus and articles.highlighted == 0
        assert articles._heights[0] > articles.scrollable_content_region.height
        await pilot.press("pagedown")
        assert articles.highlighted == 1
        await pilot.press("pagedown", "pagedown")
        assert articles.highlighted == 3
        await pilot.press("pageup")
        assert articles.highlighted == 2
        await pilot.press("home", "pageup")
        assert articles.highlighted == 0, "page up at the top stays there (no wrapping)"
        await pilot.press("end", "pagedown")
        assert articles.highlighted == 29, "page down at the bottom stays there"


async def test_a_key_typed_in_the_search_box_does_not_lay_out_the_screen(reports):
    app = make_app(Dossier(*reports))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry")
        await settle(pilot)
        box = app.query_one("#search", Input)
        box.insert_text_at_cursor(" late")
        assert not box._layout_required and not app.screen._layout_required
        await settle(pilot)
        # Longer than the box: it still scrolls to keep the end of the query in view.
        long = "harbour " * 12 + "lastword"
        box.value = long
        box.cursor_position = len(long)
        await settle(pilot)
        assert box.scroll_x > 0
        assert "lastword" in screen_text(app)


async def test_enter_after_typing_keeps_the_rows_listed_for_the_same_hits(reports):
    app = make_app(Dossier(*reports))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        first = articles.get_option_at_index(0)
        await pilot.press("enter")
        await settle(pilot)
        assert articles.has_focus and app.shown_query == "ferry"
        assert articles.get_option_at_index(0) is first, "the rows were not built again"
        assert articles.option_count == 30
        # The same query with other hits (an index refresh that changed them) is listed anew.
        for path in ("f00.txt", "f01.txt"):
            (app.dossier.seeds / path).unlink()
        app.dossier.refresh(analyse=False)
        app.load_articles()
        await settle(pilot)
        assert articles.option_count == 28 and "f00.txt" not in articles.paths()


async def test_enter_on_the_listed_query_searches_again_only_after_an_index_refresh(reports):
    dossier = CountingDossier(*reports)
    app = make_app(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry")
        await settle(pilot)
        typed = [snippets for query, snippets in dossier.calls if query == "ferry"]
        assert typed and all(snippets > 0 for snippets in typed)
        dossier.calls.clear()
        await pilot.press("enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert dossier.calls == [], "listed from the index as it is: nothing to search"
        assert articles.has_focus and app.shown_query == "ferry" and marked(articles, 0)
        # An index refresh searches the listed query again, without highlighting the rows in
        # view again; rows that changed still get theirs as they show.
        for path in ("f00.txt", "f01.txt"):
            (dossier.seeds / path).unlink()
        dossier.refresh(analyse=False)
        app.load_articles()
        await settle(pilot)
        assert dossier.calls and set(dossier.calls) == {("ferry", 0)}  # (the watcher may too)
        assert "f00.txt" not in articles.paths() and marked(articles, 0)
        # A refresh whose search has not listed yet: Enter searches (the list may be old).
        dossier.calls.clear()
        app._articles_loaded += 1
        await pilot.press("slash", "enter")
        await settle(pilot)
        assert dossier.calls == [("ferry", 0)]
