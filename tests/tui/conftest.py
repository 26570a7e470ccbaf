"""Fixtures for driving the real app headless (Pilot) on a real index."""

from __future__ import annotations

import asyncio
import html
import os
import re
from collections.abc import Callable
from typing import TypeVar

import pytest
from textual.message import Message

from dossier.service import Dossier
from tests.conftest import SEEDS

M = TypeVar("M", bound=Message)

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


def busy(app) -> bool:
    """Whether any of the app's workers has not finished yet."""
    return any(not worker.is_finished for worker in app.workers)


def scheduled(app) -> list[asyncio.Task]:
    """The app's own one-shot timers still to fire: a grace or a delay it set, the check of
    the seeds folder after opening.

    Textual has no public way to wait for a timer; a Timer keeps the task it runs in, and
    ``set_timer`` makes one that fires once (``_repeat == 0``). Intervals (the index poll)
    never end and widgets' timers (a toast expiring, the cursor blinking) are not the app's
    work: both are left out, as are timers created paused.
    """
    return [
        timer._task
        for timer in list(app._timers)
        if timer._repeat == 0
        and timer._task is not None
        and not timer._task.done()
        and timer._active.is_set()
    ]


async def settle(pilot, timeout: float = 120.0) -> None:
    """Wait until the app has nothing left to do on its own: every pending message handled,
    every timer it set fired, every worker finished, including those that these start (a
    search's outcome asks for snippets, the analysis loads the timeline and the quotes).

    Idle means two pauses in a row with nothing running or scheduled: a pause repaints the
    screen, and what waited for that repaint (``call_after_refresh``) runs during the next.
    A test that must look before a timer fires waits for a message (:class:`MessageLog`).
    """
    app = pilot.app
    async with asyncio.timeout(timeout):  # a hang fails the test instead of stalling the run
        quiet = 0
        while quiet < 2:
            await pilot.pause()
            timers = scheduled(app)
            if timers or busy(app):
                quiet = 0
                if timers:
                    await asyncio.wait(timers)
                await app.workers.wait_for_complete()
            else:
                quiet += 1


async def search_shown(pilot, query: str, timeout: float = 60.0) -> None:
    """Wait until the app shows the outcome of a search (its hits, or why it could not run;
    while typing, an empty result or an error shows after a grace), then settle."""
    app = pilot.app
    shown = asyncio.Event()
    app.watch(app, "shown_query", lambda value: shown.set() if value == query else None)
    await asyncio.wait_for(shown.wait(), timeout)
    await settle(pilot)


class MessageLog:
    """Every message the app handles, for ``app.run_test(message_hook=log)``: a test waits
    for the one that says the work is done instead of sleeping."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._arrived = asyncio.Event()

    def __call__(self, message: Message) -> None:
        self.messages.append(message)
        self._arrived.set()

    async def wait_for(
        self, kind: type[M], where: Callable[[M], bool] = lambda _: True, timeout: float = 60.0
    ) -> M:
        """The first message of this type (for which ``where`` holds) the app received,
        waiting for it if it has not come yet. The hook sees a message just before its handler
        runs: settle after this to see what the handler did."""

        async def first() -> M:
            seen = 0
            while True:
                for message in self.messages[seen:]:
                    if isinstance(message, kind) and where(message):
                        return message
                seen = len(self.messages)
                self._arrived.clear()
                await self._arrived.wait()

        return await asyncio.wait_for(first(), timeout)


def screen_text(app) -> str:
    """The characters on the screen, as a person sees them (from the app's screenshot)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(lines)).replace("\xa0", " ")


# -- a dossier of short hand-written reports, indexed for real (search pacing, list paint) --
def write_reports(folder, ferries: int = 30, trains: int = 3) -> None:
    """Short reports: many about the ferry (more than a screen of hits), a few about trains."""
    folder.mkdir()
    filler = "Boats came and went all day while the harbour master counted crates. " * 3
    for n in range(ferries):
        (folder / f"f{n:02d}.txt").write_text(
            f"Harbour report {n}\n\n{filler}The ferry number {n} was late again.\n",
            encoding="utf-8",
        )
    for n in range(trains):
        (folder / f"t{n:02d}.txt").write_text(
            f"Station report {n}\n\nThe night train number {n} left on time.\n",
            encoding="utf-8",
        )


@pytest.fixture
def reports(tmp_path):
    seeds = tmp_path / "seeds"
    write_reports(seeds)
    Dossier(seeds, tmp_path / "index").refresh(analyse=False)
    return seeds, tmp_path / "index"
