"""The Timeline and Sources tabs, pins and the brief, driven with Pilot on a real index."""

from __future__ import annotations

import json
import shutil

import pytest

from dossier.service import Dossier
from dossier.tui import make_app
from dossier.tui.widgets.discrepancies import TopicList
from dossier.tui.widgets.reader import Reader
from dossier.tui.widgets.sources import SourcesView
from dossier.tui.widgets.timeline import TimelineList
from tests.conftest import SEEDS
from tests.tui.conftest import screen_text, settle


@pytest.fixture
def own_app(tui_index, tmp_path):
    """The app on a private copy of the index (these tests write pins and briefs into it)."""
    folder = tmp_path / "index"
    shutil.copytree(tui_index, folder)
    return make_app(Dossier(SEEDS, folder))


async def test_timeline_tab_lists_events_in_order_and_enter_opens_the_sentence(own_app):
    async with own_app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        timeline = own_app.query_one(TimelineList)
        assert timeline.has_focus
        labels = [e["label"] for e in timeline.events]
        assert labels.index("May 2025") < labels.index("July 2025")
        assert "Timeline (" in str(own_app.query_one("TabbedContent").get_tab("timeline").label)
        # go to the first sentence of the 2027 event, which one source dates differently
        target = next(
            i
            for i in range(timeline.option_count)
            if getattr(timeline.get_option_at_index(i), "event", {}).get("label") == "2027"
        )
        timeline.highlighted = target
        assert "sources differ" in screen_text(own_app)
        await pilot.press("enter")
        await settle(pilot)
        reader = own_app.query_one(Reader)
        _, mention = timeline.current
        assert reader.article.path == mention["path"] and reader.focus_span == (
            mention["start"],
            mention["end"],
        )
        await pilot.press("escape")
        await settle(pilot)
        assert own_app.query_one("TabbedContent").active == "timeline" and timeline.has_focus
        await pilot.press("c")  # to the discrepancy about that date
        await settle(pilot)
        topics = own_app.query_one(TopicList)
        assert own_app.query_one("TabbedContent").active == "discrepancies"
        chosen = own_app.query_one("DiscrepancyView").discrepancies[topics.highlighted]
        assert chosen["kind"] == "date"


async def test_the_dates_are_read_only_when_the_timeline_is_first_shown(own_app):
    # Reading every date is the reader's slowest read: it must not compete with typing
    # before anybody asks for the timeline.
    from dossier.service import TIMELINE_FILE

    cached = own_app.dossier.index / TIMELINE_FILE
    cached.unlink(missing_ok=True)
    async with own_app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        tabs = own_app.query_one("TabbedContent")
        assert not cached.exists() and str(tabs.get_tab("timeline").label) == "Timeline"
        assert str(tabs.get_tab("sources").label) == "Sources"
        await pilot.press("t")
        await settle(pilot)
        assert cached.exists() and own_app.query_one(TimelineList).events
        assert str(tabs.get_tab("timeline").label).startswith("Timeline (")
        await pilot.press("o")
        await settle(pilot)
        assert str(tabs.get_tab("sources").label).startswith("Sources (")
        assert "by outlet" in screen_text(own_app)


async def test_sources_tab_shows_outlets_and_the_guess(own_app):
    async with own_app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert own_app.query_one(SourcesView).has_focus
        text = screen_text(own_app)
        assert "RNG247" in text and "AFP (guessed from credits)" in text
        assert "by outlet" in text


async def test_p_pins_the_selected_claim_and_w_writes_the_brief_with_it(own_app):
    index = own_app.dossier.index
    async with own_app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("p")  # nothing selected in the reader yet
        await settle(pilot)
        assert own_app.dossier.pins() == []
        await pilot.press("d", "l")
        await settle(pilot)
        claim = own_app.query_one("DiscrepancyView").current_claim
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert own_app.last_brief == index / "brief.md"
    pins = json.loads((index / "pins.json").read_text(encoding="utf-8"))["pins"]
    assert [(p["path"], p["start"], p["end"]) for p in pins] == [
        (claim["path"], claim["start"], claim["end"])
    ]
    # a new reader on the same index (a restart) sees the pin
    assert Dossier(SEEDS, index).pins()[0]["quote"] == claim["quote"]
    brief = (index / "brief.md").read_text(encoding="utf-8")
    assert "## Noted" in brief and claim["quote"].split()[0] in brief.split("## Noted")[1]


async def test_p_in_the_reader_pins_the_current_hit_sentence(own_app):
    async with own_app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"neither")
        await settle(pilot)
        await pilot.press("enter", "n")
        await settle(pilot)
        reader = own_app.query_one(Reader)
        hit = reader.hits[reader.hit_index]
        await pilot.press("p")
        await settle(pilot)
    pin = own_app.dossier.pins()[0]
    assert pin["path"] == reader.article.path and pin["start"] <= hit[0] < pin["end"]
    assert "neither" in pin["quote"].lower() and pin["quote"].rstrip().endswith(".")


async def test_the_palette_writes_the_html_brief(own_app):
    async with own_app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        commands = {c.title: c.callback for c in own_app.get_system_commands(own_app.screen)}
        assert {
            "Write the brief (Markdown)",
            "Show timeline",
            "Show sources",
            "Pin the current sentence",
        } <= set(commands)
        commands["Write the brief (HTML)"]()
        await settle(pilot)
        assert own_app.last_brief == own_app.dossier.index / "brief.html"
        assert any("Brief written to" in str(n.message) for n in own_app._notifications)
    assert (
        (own_app.dossier.index / "brief.html")
        .read_text(encoding="utf-8")
        .startswith("<!DOCTYPE html>")
    )
