"""Search as you type on a dossier larger than a screen (issue 13): hits are listed at once,
their snippets highlighted for the rows in view and filled in as more rows come into view."""

from __future__ import annotations

import pytest

from dossier.service import Dossier
from dossier.tui import make_app
from dossier.tui.messages import SearchDone
from dossier.tui.widgets.article_list import ArticleList
from dossier.tui.widgets.reader import Reader
from tests.tui.conftest import MessageLog, search_shown, settle


@pytest.fixture
def harbour(tmp_path):
    """Thirty short reports that all mention the ferry (more hits than fit on a screen)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(30):
        filler = "Boats came and went all day while the harbour master counted crates. " * 3
        (seeds / f"{n:02d}.txt").write_text(
            f"Harbour report {n}\n\n{filler}The ferry number {n} was late again.\n",
            encoding="utf-8",
        )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh(analyse=False)
    return dossier


def marked(articles: ArticleList, index: int) -> bool:
    """Whether the row shows a highlighted match."""
    return any(
        "reverse" in str(span.style) for span in articles.get_option_at_index(index).prompt.spans
    )


async def test_hit_snippets_are_filled_in_as_rows_come_into_view(harbour):
    app = make_app(harbour)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry", "enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        last = articles.option_count - 1
        assert last == 29
        assert marked(articles, 0), "the rows on screen are highlighted"
        assert not marked(articles, last), "rows far below the screen are not worked on yet"
        await pilot.press("G")
        await settle(pilot)
        assert marked(articles, last), "scrolled into view, the row gets its highlighted snippet"
        reader = app.query_one(Reader)
        body = reader.article.body
        assert [body[s:e] for s, e in reader.hits] == ["ferry"]


async def test_typing_searches_each_key_without_a_fixed_delay(harbour):
    app = make_app(harbour)
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry")
        await settle(pilot)
        # The first key was searched on its own while the others were typed: a debounce
        # restarted by every key would only ever have searched the whole word.
        searched = [m.query for m in log.messages if isinstance(m, SearchDone)]
        assert searched[:1] == ["f"], searched
        assert app.shown_query == "ferry"
        assert app.query_one(ArticleList).option_count == 30


async def test_an_empty_result_while_typing_waits_for_the_next_key(harbour):
    app = make_app(harbour)
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry")
        await settle(pilot)
        await pilot.press("x")  # 'ferryx' mid-word: nothing matches
        # Its search has ended; the hook sees the result just before the app's handler,
        # which would paint it at once without the grace.
        await log.wait_for(SearchDone, lambda m: m.query == "ferryx")
        assert app.shown_query == "ferry", "the hits stay while the user may still be typing"
        await search_shown(pilot, "ferryx")
        assert app.shown_query == "ferryx"
        assert app.query_one(ArticleList).option_count == 0


async def test_loaded_data_is_left_out_of_full_garbage_collections(seed_app):
    import gc

    gc.unfreeze()
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert seed_app.entity_list
        assert gc.get_freeze_count() > 0, (
            "what the analysis loaded is frozen, not walked at every full collection"
        )
    gc.unfreeze()
