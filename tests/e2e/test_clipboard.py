"""`y` in the real binary on a real pty: the sentence and its source go out as OSC 52."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

from dossier.service import Dossier
from tests.conftest import BIN

OSC52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)")


def read_until(
    fd: int, pattern: re.Pattern[bytes], seen: bytearray, timeout: float = 30.0
) -> re.Match[bytes]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = pattern.search(seen)
        if match:
            return match
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    raise AssertionError(f"{pattern.pattern!r} never came; last output: {bytes(seen[-400:])!r}")


def test_y_sends_the_sentence_with_its_source_as_osc52(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "pier.txt").write_text(
        "Pier closed for repairs\n\nThe old pier closed on Friday after a storm. Engineers will inspect it next week.\n"
    )
    index = tmp_path / "index"
    Dossier(seeds, index).refresh()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the installed console script, as a user starts it
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env["TERM"] = "xterm-256color"
        os.execve(
            str(BIN / "dossier"),
            [str(BIN / "dossier"), "--seeds", str(seeds), "--index", str(index)],
            env,
        )
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        seen = bytearray()
        read_until(fd, re.compile(rb"1 article"), seen)
        time.sleep(1.0)
        os.write(fd, b"y")
        match = read_until(fd, OSC52, seen)
        copied = base64.b64decode(match.group(1)).decode("utf-8")
        assert copied.startswith("“The old pier closed on Friday after a storm.”"), copied
        assert "pier.txt" in copied and "Engineers" not in copied
        os.write(fd, b"q")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
