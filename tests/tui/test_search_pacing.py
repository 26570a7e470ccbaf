"""A key's hit list comes first (issue 13): no older search, deferred row, focus move or
reader load may overwrite or hold up the list of the query the box shows.

Searches run for real on a real index. Where a test needs a search to be slow, it holds
the real search's result back until the test releases it (:class:`HeldDossier`).
"""

from __future__ import annotations

import asyncio
import threading

from rich.text import Text
from textual.widgets import Input

from dossier.service import Dossier
from dossier.tui import make_app
from dossier.tui.widgets.article_list import ArticleList
from dossier.tui.widgets.discrepancies import StatusLine
from dossier.tui.widgets.reader import Reader
from tests.tui.conftest import settle


class HeldDossier(Dossier):
    """The real dossier, except that the searches for the held queries return only once
    the test releases them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gates: dict[str, threading.Event] = {}
        self.started: list[str] = []

    def hold(self, query: str) -> threading.Event:
        self.gates[query] = threading.Event()
        return self.gates[query]

    def release_all(self) -> None:
        for gate in self.gates.values():
            gate.set()

    def search(self, query: str, limit: int = 10, snippets: bool | int = True):
        self.started.append(query)
        result = super().search(query, limit=limit, snippets=snippets)
        gate = self.gates.get(query)
        if gate is not None:
            gate.wait(30)
        return result


async def wait_until(condition, seconds: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds (a search is never timed here)."""
    for _ in range(int(seconds / 0.005)):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the app never got there")


async def test_an_older_search_finishing_late_never_replaces_the_newer_querys_list(reports):
    dossier = HeldDossier(*reports)
    ferry, train = dossier.hold("ferry"), dossier.hold("train")
    app = make_app(dossier)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            articles = app.query_one(ArticleList)
            before = articles.paths()
            await pilot.press("slash", *"ferry")
            await wait_until(lambda: "ferry" in dossier.started)
            app.query_one("#search", Input).value = "train"  # typed on while it runs
            await pilot.pause()
            ferry.set()  # the older search ends now, after the newer query was typed
            await wait_until(lambda: "train" in dossier.started)
            await pilot.pause()
            assert app.shown_query is None, "the older query's hits were never listed"
            assert articles.paths() == before
            train.set()
            await wait_until(lambda: app.shown_query == "train")
            await settle(pilot)
            assert sorted(articles.paths()) == ["t00.txt", "t01.txt", "t02.txt"]
    finally:
        dossier.release_all()


async def test_rows_kept_for_after_the_paint_never_land_in_a_newer_list(reports):
    dossier = Dossier(*reports)
    app = make_app(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        ferries = dossier.search("ferry", limit=50, snippets=False)
        trains = dossier.search("train", limit=50, snippets=False)
        articles.show_hits(ferries, app.article_index)
        listed_first = articles.option_count
        assert 0 < listed_first < 30, "a screenful is listed before the first paint"
        assert len(articles._lines) >= articles.scrollable_content_region.height, (
            "the rows listed at once fill the view"
        )
        articles.show_hits(trains, app.article_index)  # before that paint
        await settle(pilot)
        assert sorted(articles.paths()) == ["t00.txt", "t01.txt", "t02.txt"]
        articles.show_hits(ferries, app.article_index)
        await settle(pilot)
        assert articles.option_count == 30, "after the paint every hit is listed"


async def test_listing_the_same_query_again_keeps_the_highlighted_row_and_the_scroll(reports):
    app = make_app(Dossier(*reports))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry", "enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        reader = app.query_one(Reader)
        for _ in range(12):
            await pilot.press("down")
        await settle(pilot)
        chosen = articles.highlighted_option.id
        scroll = articles.scroll_y
        assert scroll > 0 and reader.article.path == chosen
        app.load_articles()  # what an index refresh does: the same search again
        await settle(pilot)
        assert articles.highlighted_option.id == chosen
        assert articles.scroll_y == scroll
        assert reader.article.path == chosen
        app.run_search("train")  # a new query starts at its best hit
        await settle(pilot)
        assert articles.highlighted == 0 and articles.scroll_y == 0


async def test_enter_moves_the_focus_even_while_a_slow_search_is_still_running(reports):
    dossier = HeldDossier(*reports)
    gate = dossier.hold("ferry")
    app = make_app(dossier)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            articles = app.query_one(ArticleList)
            await pilot.press("slash", *"ferry", "enter")
            await wait_until(lambda: articles.has_focus)
            assert app.shown_query is None, "the focus did not wait for the slow search"
            gate.set()
            await wait_until(lambda: app.shown_query == "ferry")
            await settle(pilot)
            assert articles.has_focus and articles.option_count == 30
    finally:
        dossier.release_all()


async def test_the_reader_opens_the_first_hit_when_the_typing_pauses(reports):
    app = make_app(Dossier(*reports))
    # Pilot's keys come far faster than a person's, but a loaded machine can space two of
    # them by more than 0.15 s: a wider pause keeps "tra" from counting as a pause.
    app.reader_delay = 1.0
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(Reader)
        opened = reader.article.path
        await pilot.press("slash", *"train")
        await wait_until(lambda: app.shown_query == "train")
        first_hit = app.query_one(ArticleList).highlighted_option.id
        assert first_hit != opened
        assert reader.article.path == opened, "the list came first, the reader waits"
        await settle(pilot)
        assert reader.article.path == first_hit
        assert isinstance(app.focused, Input), "typing goes on in the search box"


async def test_a_one_line_status_is_redrawn_without_laying_the_screen_out(seed_app):
    async with seed_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status = seed_app.query_one("#status", StatusLine)
        status.update(Text("3 articles match"))
        assert not status._layout_required, "a one-line status keeps its height"
        long = "Query not understood: " + "an unbalanced bracket somewhere " * 4
        status.update(Text(long))
        await settle(pilot)
        assert status.size.height > 1, "a status that wraps still gets its lines"
        status.update(Text("5 articles"))
        await settle(pilot)
        assert status.size.height == 1


async def test_the_first_screen_is_drawn_before_the_reader_lays_out_an_article(reports):
    from pathlib import Path

    from dossier.tui import app as app_module
    from dossier.tui.app import DossierApp

    class Watched(DossierApp):
        """Notes what the reader showed when the first screen was drawn."""

        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
        reader_at_first_paint: object = "not drawn"

        def _mark_painted(self) -> None:
            if self.first_paint_at is None:
                self.reader_at_first_paint = self.query_one(Reader).article
            super()._mark_painted()

    app = Watched(Dossier(*reports))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.reader_at_first_paint is None, "the article came after the first screen"
        first = app.query_one(ArticleList).highlighted_option.id
        assert app.query_one(Reader).article.path == first


def test_the_app_factory_keeps_what_is_imported_out_of_the_collectors_passes(reports):
    import gc

    gc.unfreeze()
    try:
        make_app(Dossier(*reports))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


async def test_the_plain_article_list_fills_the_view_first_and_ends_with_the_more_line(reports):
    dossier = Dossier(*reports)
    app = make_app(dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        entries = dossier.articles()
        articles.show_articles(entries, limit=20)
        assert 0 < articles.option_count < 20, "a screenful is listed before the first paint"
        assert len(articles._lines) >= articles.scrollable_content_region.height
        await settle(pilot)
        assert articles.option_count == 21
        assert articles.paths() == [e["path"] for e in entries[:20]]
        last = articles.get_option_at_index(articles.option_count - 1)
        assert last.disabled and "13 more articles" in str(last.prompt)


async def test_a_snippet_that_comes_for_a_row_not_listed_yet_shows_when_it_is(reports):
    from dossier.models import Fragment

    dossier = Dossier(*reports)
    app = make_app(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        result = dossier.search("ferry", limit=50, snippets=False)
        articles.show_hits(result, app.article_index)
        last = result.hits[-1].path
        articles.fill_snippets("ferry", {last: (Fragment("the "), Fragment("ferry", True))})
        await settle(pilot)
        prompt = articles.get_option(last).prompt
        assert any("reverse" in str(span.style) for span in prompt.spans)
