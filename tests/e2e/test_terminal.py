"""The installed `dossier` in a real terminal (tmux): open, search, read the screen, quit."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid

import pytest

from tests.conftest import BIN, SEEDS

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30).stdout


def wait_for(session: str, text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-t", session, "-p")
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def search_for_sagara(session: str) -> None:
    """Type a search as a person would and check the screen; leaves focus on the results."""
    wait_for(session, "People (")
    time.sleep(0.5)  # a person does not type within a millisecond of the first paint
    tmux("send-keys", "-t", session, "/")
    time.sleep(0.2)
    tmux("send-keys", "-t", session, "-l", "sagara")
    screen = wait_for(session, "3 articles match")
    assert "Sagara" in screen
    tmux("send-keys", "-t", session, "Enter")
    time.sleep(0.3)


@pytest.fixture
def session(seed_index):
    index = seed_index
    name = f"dossier-{uuid.uuid4().hex[:8]}"
    command = f"env -u COLUMNS -u LINES {BIN / 'dossier'} --seeds {SEEDS} --index {index}; echo DOSSIER-EXITED $?; sleep 30"
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    tmux("resize-window", "-t", name, "-x", "120", "-y", "40")
    yield name
    tmux("kill-session", "-t", name)


def test_search_in_a_real_terminal(session):
    started = time.monotonic()
    wait_for(session, "5 articles")
    opened = time.monotonic() - started
    wait_for(session, "Coup Plot Foiled")
    search_for_sagara(session)
    tmux("send-keys", "-t", session, "n")
    wait_for(session, "matches · n / N")
    tmux("send-keys", "-t", session, "q")
    wait_for(session, "DOSSIER-EXITED 0")
    print(f"first screen after {opened:.2f} s")
