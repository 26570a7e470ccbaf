"""`dossier serve` in a real browser: headless Chromium (Debian's package) loads the page and
the reader it shows holds an article title.

textual-serve draws the terminal with xterm.js on a canvas, so the page's DOM holds no text.
The test drives Chromium over its DevTools protocol instead: it reads the terminal stream the
page receives on its websocket (what xterm.js draws) and takes a screenshot, which must not be
blank. Bounded in time; skipped, saying why, when Chromium or textual-serve is missing.
"""

from __future__ import annotations

import asyncio
import base64
import re
import shutil
import socket
import struct
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT, SEEDS

TITLE = "Coup Plot Foiled"  # the headline of one seed article, as the article list shows it
DEADLINE = 60.0
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium package)")
    return found


def png_colours(data: bytes) -> int:
    """How many distinct byte values the image's pixel rows hold (a blank page has a handful)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat = 8, b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    return len(set(zlib.decompress(idat)))


@pytest.fixture
def server(tmp_path):
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(BIN / "dossier"),
            "--seeds",
            str(SEEDS),
            "--index",
            str(tmp_path / "index"),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
    )
    try:
        line = proc.stdout.readline()  # printed once the index is ready, before serving
        assert f"http://127.0.0.1:{port}" in line, line
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


async def _load(url: str, chromium: str, profile: Path) -> tuple[str, bytes]:
    """Open the page in headless Chromium; the terminal text it received and a screenshot."""
    import aiohttp

    port = _free_port()
    browser = subprocess.Popen(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            f"--remote-debugging-port={port}",
            "--window-size=1280,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with aiohttp.ClientSession() as session:
            targets = None
            for _ in range(100):
                try:
                    async with session.get(f"http://127.0.0.1:{port}/json") as answer:
                        targets = await answer.json()
                        break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
            assert targets, "chromium did not open its DevTools port"
            page = next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"]
            async with session.ws_connect(page, max_msg_size=0) as ws:
                return await _drive(ws, url)
    finally:
        browser.terminate()
        browser.wait(10)


async def _drive(ws, url: str) -> tuple[str, bytes]:
    received: list[str] = []
    counter = 0

    async def call(method: str, **params) -> dict:
        nonlocal counter
        counter += 1
        await ws.send_json({"id": counter, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(ws.receive_json(), DEADLINE)
            if message.get("method") == "Network.webSocketFrameReceived":
                response = message["params"]["response"]
                payload = response["payloadData"]
                raw = base64.b64decode(payload) if response.get("opcode") == 2 else payload.encode()
                received.append(_ANSI.sub("", raw.decode("utf-8", "replace")))
            if message.get("id") == counter:
                return message

    await call("Network.enable")
    await call("Page.navigate", url=url)
    started = time.monotonic()
    while time.monotonic() - started < DEADLINE and TITLE not in "".join(received):
        await call("Runtime.evaluate", expression="1")  # lets frame events arrive
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)  # let xterm.js paint what arrived
    shot = await call("Page.captureScreenshot", format="png")
    return "".join(received), base64.b64decode(shot["result"]["data"])


def test_serve_shows_the_reader_in_headless_chromium(server, tmp_path):
    chromium = _chromium()
    text, screenshot = asyncio.run(_load(server, chromium, tmp_path / "profile"))
    assert TITLE in text, "the article list reached the browser's terminal"
    (tmp_path / "serve.png").write_bytes(
        screenshot
    )  # kept with the test's temporary files, not committed
    assert png_colours(screenshot) > 40, "the screenshot is blank"
