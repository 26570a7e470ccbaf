"""The HTML brief renders in headless Chromium (Debian's package): a screenshot that is not
blank and a DOM that holds the brief's sections. The screenshot stays in the test's
temporary folder; nothing is committed."""

from __future__ import annotations

import subprocess

from tests.cli.test_cli import dossier
from tests.e2e.test_serve import _chromium, png_colours


def test_html_brief_renders_in_headless_chromium(tmp_path, seed_index):
    chromium = _chromium()
    page = tmp_path / "brief.html"
    dossier("brief", "-o", str(page), index=seed_index)
    common = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,1600",
    ]
    shot = tmp_path / "brief.png"
    subprocess.run(
        [*common, f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert png_colours(shot.read_bytes()) > 40, "the rendered brief is blank"
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "Who said what" in dom and "Timeline" in dom and "neither Dembele nor Sagara" in dom
