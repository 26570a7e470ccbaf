"""The reader goes on when the analysis of an article fails, and says which one."""

from __future__ import annotations

from textual.widgets import Static

from dossier.service import Dossier
from dossier.tui import make_app
from dossier.tui.widgets.article_list import ArticleList
from tests.tui.conftest import settle
from tests.unit.test_analysis_boundary import MARKER, failing_extraction  # noqa: F401 - a fixture


async def test_status_line_names_the_article_that_was_not_analysed(tmp_path, failing_extraction):  # noqa: F811
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(
        "Mayor resigns\n\nThe mayor Ana Lopez resigned on Monday in Lisbon.\n"
    )
    (seeds / "bad.txt").write_text(f"Odd one\n\nThe {MARKER} was sold in Porto by Rui Costa.\n")
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()

    app = make_app(Dossier(seeds, tmp_path / "index"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = str(app.query_one("#status", Static).render())
        assert "2 articles" in status
        assert "not analysed: bad.txt: ValueError: injected failure" in status
        assert sorted(app.query_one(ArticleList).paths()) == ["bad.txt", "good.txt"]
        await pilot.press("slash", *"marmalade")
        await settle(pilot)
        assert app.query_one(ArticleList).paths() == ["bad.txt"]
