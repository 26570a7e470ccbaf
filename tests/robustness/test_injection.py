"""Article text is data: no escape sequence or markup from an article acts on the terminal."""

from __future__ import annotations

import os
import subprocess

import pytest

from dossier.service import Dossier
from tests.conftest import BIN

HOSTILE_TITLE = "Minister \x1b]0;owned\x07 resigns [bold red]now[/] \x1b[2J"
HOSTILE_BODY = (
    "Minister Jan Kowalski resigned on Monday, officials said. "
    "\x1b]52;c;cm0gLXJmIH4=\x07 clipboard \x1b[31mred\x1b[0m \x1b[10;10H moved \x9b2J c1 \x07 bell. "
    "[link=https://example.org]click[/link] [@click=app.quit]quit[/] $(reboot)\n"
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}", encoding="utf-8")
    (seeds / "plain.txt").write_text(
        "Minister quits\n\nMinister Jan Kowalski has not resigned, his office said.\n",
        encoding="utf-8",
    )
    # Built in this process (the model stays loaded); the commands below run the real binary.
    Dossier(seeds, root / "index").refresh()
    return seeds, root / "index"


@pytest.mark.parametrize(
    "args",
    [
        ("show", "evil"),
        ("show", "evil", "--json"),
        ("search", "minister"),
        ("search", "clipboard", "--json"),
        ("articles",),
        ("articles", "--json"),
        ("entities",),
        ("entity", "Kowalski"),
        ("discrepancies",),
        ("discrepancies", "--json"),
    ],
)
def test_no_escape_byte_from_an_article_reaches_the_terminal(hostile, args):
    seeds, index = hostile
    proc = subprocess.run(
        [str(BIN / "dossier"), "--seeds", str(seeds), "--index", str(index), *args],
        capture_output=True,
        env={**os.environ, "TERM": "xterm-256color", "FORCE_COLOR": "1", "COLUMNS": "200"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for sequence in (b"\x1b]", b"\x1b[2J", b"\x1b[10;10H", b"\x07", b"\xc2\x9b", b"\x1b[31mred"):
        assert sequence not in out, (args, sequence)
    if args[0] == "show" and "--json" not in args:
        text = out.decode("utf-8")
        assert "[bold red]now[/]" in text and "[link=https://example.org]click[/link]" in text
        assert "[@click=app.quit]quit[/]" in text


async def test_the_reader_shows_hostile_text_literally(hostile):
    from textual.widgets import Static

    from dossier.service import Dossier
    from dossier.tui import make_app
    from dossier.tui.widgets.reader import Reader
    from tests.tui.conftest import screen_text, settle

    seeds, index = hostile
    app = make_app(Dossier(seeds, index))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(Reader)
        assert reader.article.path == "evil.txt"
        shown = screen_text(app)
        assert "[bold red]now[/]" in shown and "[@click=app.quit]quit[/]" in shown
        assert "\x1b" not in str(app.query_one("#reader-header", Static).render())
        await pilot.click(Reader, offset=(20, 4))
        assert app.is_running, "clicking the article's text runs nothing"


async def test_toasts_quoting_an_article_show_its_text_literally(tmp_path):
    from dossier.service import Dossier
    from dossier.tui import make_app
    from tests.tui.conftest import settle

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Minister quits\n\nThe [@click=app.quit]minister[/] quit [bold red]today[/], aides said.\n"
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    app = make_app(dossier)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"aides", "enter", "n")
        await settle(pilot)
        for key in ("p", "y"):  # pin, then copy: both toasts quote the sentence
            await pilot.press(key)
            await settle(pilot)
        from textual.widgets._toast import Toast

        await pilot.pause(0.2)
        shown = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert len([t for t in shown if "[@click=app.quit]minister[/]" in t]) == 2, shown
        assert app.is_running
