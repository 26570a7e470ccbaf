"""A file dropped into the seeds folder while the reader is open shows up without a restart."""

from __future__ import annotations

import shutil
import time
import uuid

import pytest

from dossier.service import Dossier
from tests.conftest import BIN
from tests.e2e.test_terminal import tmux, wait_for

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_a_file_added_while_open_appears_with_a_notice(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "tide.txt").write_text(
        "Tide tables printed\n\nThe harbour office printed new tide tables on Monday.\n"
    )
    (seeds / "ferry.txt").write_text(
        "Ferry returns\n\nThe ferry returned to service on Tuesday after repairs.\n"
    )
    index = tmp_path / "index"
    Dossier(seeds, index).refresh()
    name = f"dossier-watch-{uuid.uuid4().hex[:8]}"
    command = f"env -u COLUMNS -u LINES {BIN / 'dossier'} --seeds {seeds} --index {index}; sleep 30"
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    try:
        wait_for(name, "2 articles")
        time.sleep(1.0)  # the watcher starts after the first screen
        (seeds / "lamp.txt").write_text(
            "Lamp relit\n\nKeepers relit the lamp at the point on Wednesday evening.\n"
        )
        started = time.monotonic()
        wait_for(name, "1 article added", timeout=60)
        wait_for(name, "Lamp relit", timeout=10)
        print(f"appeared after {time.monotonic() - started:.1f} s")
    finally:
        tmux("send-keys", "-t", name, "q")
        tmux("kill-session", "-t", name)
