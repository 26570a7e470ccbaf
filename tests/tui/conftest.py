"""Fixtures for driving the real app headless (Pilot) on a real index."""

from __future__ import annotations

import html
import os
import re

import pytest

from dossier.service import Dossier
from tests.conftest import SEEDS

# Scrolling and focus animations make screenshots depend on timing; a user may keep them.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(scope="session")
def tui_index(tmp_path_factory):
    """An index of the seeds, built once (the app only reads it)."""
    folder = tmp_path_factory.mktemp("tui-index")
    Dossier(SEEDS, folder).refresh()
    return folder


@pytest.fixture
def seed_app(tui_index):
    from dossier.tui import make_app

    return make_app(Dossier(SEEDS, tui_index))


async def settle(pilot, seconds: float = 0.3) -> None:
    """Let timers fire and workers finish, then let the screen catch up."""
    await pilot.pause(seconds)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)


def screen_text(app) -> str:
    """The characters on the screen, as a person sees them (from the app's screenshot)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(lines)).replace("\xa0", " ")
