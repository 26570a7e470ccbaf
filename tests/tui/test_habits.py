"""Regressions from a new user's session (issue 16): focus, resize, stale state, claims."""

from __future__ import annotations

from textual.widgets import Input, Static, TabbedContent

from dossier.service import Dossier
from dossier.tui import make_app
from dossier.tui.screens.help import HelpScreen
from dossier.tui.widgets.article_list import ArticleList
from dossier.tui.widgets.discrepancies import ClaimList, DiscrepancyView
from dossier.tui.widgets.reader import Reader
from dossier.tui.widgets.sidebar import Sidebar
from tests.tui.conftest import screen_text, search_shown, settle

SMALL = {
    "harbour.txt": "Harbour reopens after storm\n\nThe harbour in Portmere reopened on Monday, said Harriet Vance.\n\n"
    "Harriet Vance, the harbour master, said 40 boats were damaged.",
    "council.txt": "Council meets on repairs\n\nThe town council met to discuss the repairs, said Owen Pryce.\n\n"
    "Owen Pryce said the storm damaged 35 boats.",
}


def status(app) -> str:
    return str(app.query_one("#status", Static).render())


def write_small(folder):
    folder.mkdir()
    for name, text in SMALL.items():
        (folder / name).write_text(text)
    return folder


async def test_first_run_leaves_focus_on_the_list_so_question_mark_opens_help(tmp_path):
    app = make_app(Dossier(write_small(tmp_path / "seeds"), tmp_path / "index"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the first build is a worker: settling waits for it
        assert app.query_one(ArticleList).paths()
        assert isinstance(app.focused, ArticleList)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert app.query_one("#search", Input).value == ""


async def test_resize_with_a_modal_open_relays_out_the_reader(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert seed_app.query_one(Reader).region.width > 30


async def test_s_at_80_columns_shows_and_focuses_people_then_hides_on_second_press(seed_app):
    async with seed_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles = seed_app.query_one(ArticleList)
        opened = seed_app.query_one(Reader).article.path
        await pilot.press("s")
        await settle(pilot)
        sidebar = seed_app.query_one(Sidebar)
        assert seed_app.focused is sidebar and sidebar.region.width > 0
        assert sidebar.current_entity is not None
        await pilot.press("j")
        await settle(pilot)
        assert seed_app.query_one(Reader).article.path == opened, (
            "j moved in People, not the hidden list"
        )
        await pilot.press("s")
        await settle(pilot)
        assert (
            sidebar.region.width == 0 and seed_app.focused is articles and articles.region.width > 0
        )


async def test_search_with_no_results_clears_the_reader(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harbour")  # a word the seed articles never use
        await search_shown(pilot, "harbour")  # no hits: shown after the typing grace
        reader = seed_app.query_one(Reader)
        assert "0 articles match" in status(seed_app)
        assert reader.article is None and not reader.hits


async def open_second_claim(pilot, app):
    await pilot.press("d")
    await settle(pilot)
    await pilot.press("l", "j")
    claim = app.query_one(DiscrepancyView).current_claim
    await pilot.press("enter")
    await settle(pilot)
    return claim


async def test_claim_opens_its_article_at_its_sentence_keeping_the_search(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = seed_app.query_one(ArticleList)
        target = seed_app.query_one(DiscrepancyView).discrepancies[0]["claims"][1]["path"]
        other = next(p for p in articles.paths() if p != target)
        # A search that lists one other article only: the claim lies outside its results.
        await pilot.press("slash", *f"path:{other}", "enter")
        await settle(pilot)
        query = seed_app.query_one("#search", Input).value
        assert articles.paths() == [other]
        claim = await open_second_claim(pilot, seed_app)
        reader = seed_app.query_one(Reader)
        assert reader.article.path == claim["path"] and reader.focus_span == (
            claim["start"],
            claim["end"],
        )
        assert seed_app.query_one("#search", Input).value == query and seed_app.query_text == query
        assert articles.paths() == [other], "the results are still listed"


async def test_esc_goes_back_to_the_claim_only_right_after_opening_it(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_second_claim(pilot, seed_app)
        await pilot.press("slash", *"arrest")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert seed_app.query_one(TabbedContent).active == "articles"
        assert not isinstance(seed_app.focused, ClaimList)


async def test_esc_in_the_search_box_keeps_the_results_and_leaves_the_prompt(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"arrest")
        await settle(pilot)
        listed = seed_app.query_one(ArticleList).paths()
        await pilot.press("escape")
        await settle(pilot)
        assert seed_app.query_one("#search", Input).value == "arrest"
        assert seed_app.query_one(ArticleList).paths() == listed
        assert isinstance(seed_app.focused, ArticleList)


async def test_filtering_by_a_person_highlights_and_steps_through_their_mentions(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = seed_app.query_one(Sidebar)
        sidebar.focus()
        sidebar.highlighted = next(
            i
            for i in range(sidebar.option_count)
            if (sidebar.get_option_at_index(i).id or "").startswith("entity:")
        )
        entity = sidebar.current_entity
        await pilot.press("enter")
        await settle(pilot)
        reader = seed_app.query_one(Reader)
        assert reader.hits, "the entity's mentions are the hits"
        await pilot.press("n")
        start, end = reader.hits[reader.hit_index]
        names = {entity["name"], *entity["aliases"]}
        assert any(
            reader.article.body[start:end].lower() in n.lower()
            or n.lower() in reader.article.body[start:end].lower()
            for n in names
        )
        listed = seed_app.query_one(ArticleList).get_option_at_index(0).prompt
        assert any(span.style and "reverse" in str(span.style) for span in listed.spans)


async def test_help_examples_use_the_open_dossiers_own_names(tmp_path):
    app = make_app(Dossier(write_small(tmp_path / "seeds"), tmp_path / "index"))
    app.dossier.refresh()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        shown = " ".join(query for query, _ in app.screen.examples)
        assert "harbour" in shown or "council" in shown
        person = next(e for e in app.entity_list if e["kind"] == "person")
        assert f"person:{person['id']}" in shown
        assert "word other" not in shown, "no generic placeholders when the dossier has words"


async def test_ctrl_c_names_the_key_that_quits(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        assert any(n.message == "Press q to quit." for n in seed_app._notifications)


async def test_a_long_error_wraps_instead_of_being_cut_at_80_columns(seed_app):
    async with seed_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nosuchfield:word")
        await search_shown(pilot, "nosuchfield:word")  # an error: shown after the typing grace
        message = status(seed_app)
        assert "unknown field" in message
        assert message.split("(fields: ")[1].rstrip(")").split(", ")[-1] in screen_text(seed_app)


async def test_entity_card_counts_agree_in_number(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        single = next(e for e in seed_app.entity_list if len(e["paths"]) == 1)
        seed_app.open_entity_card(single["id"])
        await settle(pilot)
        assert "in 1 article" in screen_text(seed_app) and "in 1 articles" not in screen_text(
            seed_app
        )


async def test_hit_counter_stays_on_the_frame_and_wrapping_is_announced(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"sagara", "enter")
        await settle(pilot)
        reader = seed_app.query_one(Reader)
        total = len(reader.hits)
        assert total >= 1
        await pilot.press("n")
        assert reader.border_subtitle == f"hit 1/{total}"
        await pilot.press(*["n"] * total)
        await settle(pilot)
        assert reader.hit_index == 0
        assert any(n.message == "Wrapped to the first hit." for n in seed_app._notifications)
        await pilot.press("N")
        assert any(n.message == "Wrapped to the last hit." for n in seed_app._notifications)
        assert f"hit {total}/{total}" in screen_text(seed_app)


async def test_bracket_wrapping_across_articles_is_announced(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        articles = seed_app.query_one(ArticleList)
        assert articles.highlighted == articles.option_count - 1
        assert any(n.message == "Wrapped to the last article." for n in seed_app._notifications)


async def test_g_and_G_and_paging_keys_work_in_the_people_list_and_the_reader(seed_app):
    async with seed_app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        sidebar = seed_app.query_one(Sidebar)
        sidebar.focus()
        await pilot.press("G")
        assert sidebar.highlighted == sidebar.option_count - 1
        await pilot.press("g")
        first = sidebar.highlighted
        assert first is not None and first < 3
        await pilot.press("ctrl+f")
        assert sidebar.highlighted > first
        await pilot.press("ctrl+b")
        assert sidebar.highlighted == first
        reader = seed_app.query_one(Reader)
        reader.focus()
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert reader.scroll_y > 0
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert reader.scroll_y == 0


async def test_enter_on_a_mention_in_the_entity_card_opens_it(seed_app):
    from dossier.tui.screens.entity_card import EntityCard

    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        entity = max(seed_app.entity_list, key=lambda e: len(e["paths"]))
        seed_app.open_entity_card(entity["id"])
        await settle(pilot)
        card = seed_app.screen
        assert isinstance(card, EntityCard)
        await pilot.press("j", "j")
        mentions = card.query_one("#card-mentions")
        line = mentions.get_option_at_index(mentions.highlighted).line
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(seed_app.screen, EntityCard)
        reader = seed_app.query_one(Reader)
        assert reader.article.path == line["path"]
        assert reader.focus_span == (line["start"], line["end"])


async def test_enter_on_a_person_at_80_columns_shows_the_filtered_list_it_focuses(seed_app):
    async with seed_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", "j", "enter")
        await settle(pilot)
        articles = seed_app.query_one(ArticleList)
        assert seed_app.focused is articles and articles.region.width > 0


async def test_searching_at_80_columns_with_people_shown_brings_the_results_back(seed_app):
    async with seed_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", "slash", *"arrest")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        articles = seed_app.query_one(ArticleList)
        assert seed_app.focused is articles and articles.region.width > 0
