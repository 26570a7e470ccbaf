"""The Quotes tab (issue 16 item 12), driven with Pilot on a real index of a hand-written dossier."""

from __future__ import annotations

import pytest

from dossier.service import Dossier
from dossier.tui import make_app
from dossier.tui.widgets.quotes import QuoteFilter, QuoteList
from dossier.tui.widgets.reader import Reader
from tests.quotes_dossier import write_quotes_dossier
from tests.tui.conftest import screen_text, settle


@pytest.fixture(scope="module")
def quotes_index(tmp_path_factory):
    seeds = write_quotes_dossier(tmp_path_factory.mktemp("quotes-seeds"))
    index = tmp_path_factory.mktemp("quotes-index")
    Dossier(seeds, index).refresh()
    return seeds, index


@pytest.fixture
def quotes_app(quotes_index):
    return make_app(Dossier(*quotes_index))


def _listed(quotes: QuoteList) -> list[str]:
    return [str(quotes.get_option_at_index(i).prompt) for i in range(quotes.option_count)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_quotes_tab_lists_speakers_and_marks_a_reworded_quote(quotes_app, size):
    async with quotes_app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        quotes = quotes_app.query_one(QuoteList)
        assert quotes.has_focus and quotes_app.query_one("TabbedContent").active == "quotes"
        listed = _listed(quotes)
        assert listed[0].startswith("Delphine Okafor")  # the most quoted speaker heads the list
        assert "Quotes (" in str(quotes_app.query_one("TabbedContent").get_tab("quotes").label)
        text = screen_text(quotes_app)
        assert "Delphine Okafor" in text and "Valley Courier" in text
        assert "another outlet quotes this differently" in "".join(listed)


async def test_filter_narrows_by_words_and_by_speaker(quotes_app):
    async with quotes_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("Q", "slash")
        assert quotes_app.query_one(QuoteFilter).has_focus
        await pilot.press(*"dry streets")
        await settle(pilot)
        quotes = quotes_app.query_one(QuoteList)
        listed = _listed(quotes)
        assert len(listed) == 2 and "dry streets" in listed[1]  # the speaker, and the one quote
        filter_box = quotes_app.query_one(QuoteFilter)
        filter_box.value = "okafor"
        await settle(pilot)
        assert sum("“" in line for line in _listed(quotes)) == 3
        filter_box.value = "no such words"
        await settle(pilot)
        assert "No quotation matches" in _listed(quotes)[0]
        await pilot.press("escape")
        assert quotes.has_focus


async def test_enter_opens_the_sentence_esc_comes_back_and_y_copies_with_attribution(quotes_app):
    async with quotes_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        quotes = quotes_app.query_one(QuoteList)
        group, quote = quotes.current
        await pilot.press("y")
        assert (
            quotes_app.last_copied
            == f"“{quote['quote']}” — {group['name']}, {quote['source']} ({quote['path']})"
        )
        assert (
            quotes_app.last_copied.startswith("“We will rebuild")
            and "— Delphine Okafor, Valley Courier (courier.txt)" in quotes_app.last_copied
        )
        await pilot.press("enter")
        await settle(pilot)
        reader = quotes_app.query_one(Reader)
        assert reader.article.path == quote["path"]
        assert reader.focus_span == (quote["sentence_start"], quote["sentence_end"])
        assert reader.has_focus and quotes_app.query_one("TabbedContent").active == "articles"
        await pilot.press("escape")
        await settle(pilot)
        assert quotes_app.query_one("TabbedContent").active == "quotes" and quotes.has_focus


async def test_quotes_rows_are_built_when_the_tab_is_first_shown(quotes_app):
    """Thousands of quotes built on the UI thread froze typing after opening a large dossier:
    the tab's label counts them at once, its rows are built when it is shown."""
    async with quotes_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Quotes (" in str(quotes_app.query_one("TabbedContent").get_tab("quotes").label)
        quotes = quotes_app.query_one(QuoteList)
        assert quotes.option_count == 0, "not built while the Articles tab is showing"
        await pilot.press("Q")
        await settle(pilot)
        assert _listed(quotes)[0].startswith("Delphine Okafor")
