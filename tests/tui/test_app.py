"""The reader's flows, driven with Textual's Pilot on a real index of the seed articles."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import Input, Static

from dossier.service import Dossier
from dossier.tui import make_app
from dossier.tui.messages import IndexRefreshed
from dossier.tui.screens.entity_card import EntityCard
from dossier.tui.screens.help import HelpScreen
from dossier.tui.widgets.article_list import ArticleList
from dossier.tui.widgets.reader import Reader
from dossier.tui.widgets.sidebar import Sidebar
from tests.conftest import ROOT, SEEDS
from tests.tui.conftest import MessageLog, screen_text, search_shown, settle


def select_entity(app, entity_id: str) -> None:
    """Focus the sidebar with the cursor on one entity (as arrowing down to it would)."""
    sidebar = app.query_one(Sidebar)
    sidebar.focus()
    sidebar.highlighted = next(
        i
        for i in range(sidebar.option_count)
        if sidebar.get_option_at_index(i).id == f"entity:{entity_id}"
    )


def status(app) -> str:
    return str(app.query_one("#status", Static).render())


async def test_opens_on_the_article_list_with_the_first_article(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = seed_app.query_one(ArticleList)
        assert len(articles.paths()) == 5
        reader = seed_app.query_one(Reader)
        assert reader.article is not None and reader.article.path == articles.paths()[0]
        sidebar = seed_app.query_one(Sidebar)
        names = {e["name"] for e in sidebar.entities.values()}
        assert {"Assimi Goïta", "Mali", "AFP"} <= names
        assert "5 articles" in status(seed_app)


async def test_search_as_you_type_and_step_through_hits(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"sagara")
        await settle(pilot)
        assert "3 articles match" in status(seed_app)
        articles = seed_app.query_one(ArticleList)
        assert len(articles.paths()) == 3
        reader = seed_app.query_one(Reader)
        assert reader.hits, "the hits of the search are highlighted in the reader"
        await pilot.press("enter", "n")
        assert reader.hit_index == 0
        await pilot.press("n")
        assert reader.hit_index == (1 if len(reader.hits) > 1 else 0)
        await pilot.press("N")
        assert reader.hit_index == 0
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert reader.article.path == articles.paths()[1]


async def test_malformed_query_is_explained_inline(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"arrest AND (")
        await search_shown(pilot, "arrest AND (")
        assert "Query not understood" in status(seed_app) and "never closed" in status(seed_app)
        await pilot.press(
            "escape", "escape"
        )  # the first leaves the search box, the second clears it
        await settle(pilot)
        assert seed_app.query_one("#search", Input).value == ""
        assert len(seed_app.query_one(ArticleList).paths()) == 5


async def test_did_you_mean(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"militray juntta")
        await search_shown(pilot, "militray juntta")  # no hits: shown after the typing grace
        assert "Did you mean: military junta?" in status(seed_app)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert seed_app.query_one("#search", Input).value == "military junta"
        assert "articles match" in status(seed_app)


async def test_enter_on_a_person_filters_the_articles(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        select_entity(seed_app, "nema-sagara")
        await pilot.press("enter")
        await settle(pilot)
        assert seed_app.query_one("#search", Input).value == "person:nema-sagara"
        assert sorted(seed_app.query_one(ArticleList).paths()) == [
            "002_2bd22c6c0f0b07a9.txt",
            "003_4cf1716b6b9a04fc.txt",
            "004_a4dd8e98cb22ee3c.txt",
        ]
        assert seed_app.query_one(Reader).mentions, "entity mentions are styled in the reader"


async def test_entity_card_shows_every_mention_in_context(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        select_entity(seed_app, "assimi-goita")
        await pilot.press("i")
        await settle(pilot)
        card = seed_app.screen
        assert isinstance(card, EntityCard)
        assert len(card.mention_options) == card.entity["mentions"]
        assert "Asimi Goïta" in str(card.query_one("#card-aliases", Static).render())
        await pilot.press("escape")
        assert not isinstance(seed_app.screen, EntityCard)


async def test_help_is_generated_from_the_bindings(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(seed_app.screen, HelpScreen)
        text = screen_text(seed_app)
        for description in ("Next hit", "Prev article", "Copy", "Card", "Quit"):
            assert description in text
        await pilot.press("escape")
        assert not isinstance(seed_app.screen, HelpScreen)


async def test_palette_opens_an_article(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Open article: Coup Plot Foiled")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert seed_app.query_one(Reader).article.title.startswith("Coup Plot Foiled")


async def test_copy_puts_the_sentence_being_read_and_its_source_on_the_clipboard(seed_app):
    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        article = seed_app.query_one(Reader).article
        first_sentence = seed_app.query_one(Reader).current_sentence()
        assert first_sentence and article.body.startswith(first_sentence)
        assert (
            seed_app.last_copied.startswith(f"“{first_sentence}”")
            and article.path in seed_app.last_copied
        )
        assert (article.source or "unknown outlet") in seed_app.last_copied
        assert seed_app.clipboard == seed_app.last_copied
        await pilot.press("slash", *"sagara", "enter")
        await settle(pilot)
        await pilot.press("n", "y")
        reader = seed_app.query_one(Reader)
        start, end = reader.hits[reader.hit_index]
        assert reader.article.body[start:end] in seed_app.last_copied.split("”")[0]
        assert any(n.message.startswith("Copied: “") for n in seed_app._notifications)


async def test_narrow_terminal_hides_the_sidebar_until_toggled(seed_app):
    async with seed_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sidebar = seed_app.query_one(Sidebar)
        assert not sidebar.display or sidebar.region.width == 0
        await pilot.press("s")
        await settle(pilot)
        assert sidebar.region.width > 0


async def test_markup_and_escapes_in_articles_are_shown_literally(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(
        "[bold red]Injected[/] title\n\nBody with [link=http://x]link[/link] and \x1b[31mred\x1b[0m.\n"
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    app = make_app(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(Reader)
        header = app.query_one("#reader-header", Static).render()
        assert "[bold red]Injected[/] title" in str(header)
        paragraph = reader.query(".paragraph").first().render()
        assert "[link=http://x]link[/link]" in str(paragraph)
        assert "\x1b" not in str(paragraph) and "\u241b[31mred" in str(paragraph)


async def test_stale_index_is_refreshed_in_the_background(seeds_copy, tmp_path):
    dossier = Dossier(seeds_copy, tmp_path / "index")
    dossier.refresh()
    (seeds_copy / "new.txt").write_text(
        "Late news arrives\n\nA sixth article about the arrests arrived after indexing.\n"
    )
    app = make_app(Dossier(seeds_copy, tmp_path / "index"))
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await pilot.pause()
        assert len(app.query_one(ArticleList).paths()) >= 5  # usable at once
        await settle(pilot)  # the check of the seeds folder, then the refresh it starts
        assert any(isinstance(m, IndexRefreshed) for m in log.messages)
        assert "new.txt" in app.query_one(ArticleList).paths()


async def test_first_open_builds_the_index_with_progress(seeds_copy, tmp_path):
    app = make_app(Dossier(seeds_copy, tmp_path / "fresh-index"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the build is a worker: settling waits for it and what follows
        assert len(app.query_one(ArticleList).paths()) == 5
        assert app.query_one(Sidebar).entities


def test_opening_the_reader_does_not_import_spacy(tui_index):
    code = (
        "import asyncio, sys\n"
        "from dossier.service import Dossier\n"
        "from dossier.tui import make_app\n"
        "from tests.tui.conftest import search_shown, settle\n"
        "async def main():\n"
        f"    app = make_app(Dossier.open({str(SEEDS)!r}, {str(tui_index)!r}))\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await settle(pilot)  # the analysis loaded, the seeds folder checked\n"
        "        await pilot.press('slash', 'g', 'o', 'i', 't', 'a')\n"
        "        await search_shown(pilot, 'goita')\n"
        "asyncio.run(main())\n"
        "print('spacy' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


async def test_discrepancy_claim_jumps_to_its_sentence_and_back(seed_app):
    from textual.widgets import TabbedContent

    from dossier.tui.widgets.discrepancies import ClaimList, DiscrepancyView, TopicList

    async with seed_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert seed_app.query_one(TabbedContent).active == "discrepancies"
        view = seed_app.query_one(DiscrepancyView)
        assert view.discrepancies and view.discrepancies[0]["severity"] == "conflict"
        assert isinstance(seed_app.focused, TopicList)
        assert "conflict" in screen_text(seed_app) and view.discrepancies[0][
            "topic"
        ] in screen_text(seed_app)
        await pilot.press("l")
        assert isinstance(seed_app.focused, ClaimList)
        await pilot.press("j")
        claim = view.current_claim
        await pilot.press("enter")
        await settle(pilot)
        assert seed_app.query_one(TabbedContent).active == "articles"
        reader = seed_app.query_one(Reader)
        assert reader.article.path == claim["path"]
        assert reader.focus_span == (claim["start"], claim["end"])
        assert reader.article.body[claim["start"] : claim["end"]] == claim["quote"]
        await pilot.press("y")
        assert (
            claim["quote"] in seed_app.last_copied and reader.article.path in seed_app.last_copied
        )
        await pilot.press("escape")
        await settle(pilot)
        assert seed_app.query_one(TabbedContent).active == "discrepancies"
        assert isinstance(seed_app.focused, ClaimList)
        await pilot.press("y")
        assert claim["quote"] in seed_app.last_copied


async def test_user_keymap_and_theme_from_the_config_file(tmp_path, monkeypatch, tui_index):
    from dossier import config

    (tmp_path / "dossier").mkdir()
    (tmp_path / "dossier" / "config.toml").write_text(
        'theme = "textual-light"\n\n[keymap]\nnext-article = "ctrl+j"\n'
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    config.settings.cache_clear()
    try:
        app = make_app(Dossier(SEEDS, tui_index))
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.theme == "textual-light"
            articles = app.query_one(ArticleList)
            first = articles.highlighted
            await pilot.press("ctrl+j")
            await settle(pilot)
            assert articles.highlighted != first
    finally:
        config.settings.cache_clear()


def test_help_sections_take_bindings_declared_as_tuples_and_keep_compound_keys():
    from textual.binding import Binding

    from dossier.tui.app import _bindings

    listed = _bindings([("x", "export", "Export"), Binding("j,down", "cursor_down", "Down")])
    assert [(b.key, b.action, b.description) for b in listed] == [
        ("x", "export", "Export"),
        ("j,down", "cursor_down", "Down"),
    ]
    assert all(isinstance(b, Binding) for b in listed)
