"""Focus and layout in a real terminal (tmux): a resize under a modal, `s` at 80 columns."""

from __future__ import annotations

import shutil
import time
import uuid

import pytest

from dossier.service import Dossier
from tests.conftest import BIN
from tests.e2e.test_terminal import tmux, wait_for

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

ARTICLES = {
    "pier.txt": "Pier closed for repairs\n\nThe old pier closed on Friday after Mayor Helen Ashby inspected the storm damage.\n",
    "ferry.txt": "Ferry service resumes\n\nThe ferry resumed service on Tuesday, said Helen Ashby, after the repairs.\n",
}


@pytest.fixture
def reader(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in ARTICLES.items():
        (seeds / name).write_text(text)
    index = tmp_path / "index"
    Dossier(seeds, index).refresh()
    name = f"dossier-layout-{uuid.uuid4().hex[:8]}"
    command = f"env -u COLUMNS -u LINES {BIN / 'dossier'} --seeds {seeds} --index {index}; sleep 30"
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    tmux("resize-window", "-t", name, "-x", "120", "-y", "40")
    wait_for(name, "People (")
    time.sleep(0.5)
    yield name
    tmux("kill-session", "-t", name)


def test_closing_help_after_a_resize_leaves_a_readable_reader(reader):
    wait_for(reader, "2 articles")
    tmux("send-keys", "-t", reader, "?")
    wait_for(reader, "dossier — keys")
    tmux("resize-window", "-t", reader, "-x", "80", "-y", "24")
    time.sleep(0.8)
    tmux("send-keys", "-t", reader, "Escape")
    time.sleep(0.8)
    screen = tmux("capture-pane", "-t", reader, "-p")
    body_lines = [
        line for line in screen.splitlines() if "resumed service" in line or "pier closed" in line
    ]
    assert body_lines, screen


def test_s_at_80_columns_focuses_people_so_j_moves_there(reader):
    tmux("resize-window", "-t", reader, "-x", "80", "-y", "24")
    time.sleep(0.8)
    before = wait_for(reader, "2 articles")
    opened = "resumed service" if "resumed service" in before else "pier closed"
    tmux("send-keys", "-t", reader, "s")
    wait_for(reader, "People (")
    tmux("send-keys", "-t", reader, "j")
    time.sleep(0.8)
    assert opened in tmux("capture-pane", "-t", reader, "-p"), (
        "j moved in People, not in the hidden list"
    )
