"""`dossier brief`, `timeline`, `sources`, `pin`/`pins`/`unpin` run as a user runs them, on the seed dossier."""

from __future__ import annotations

import json
import subprocess

import html5lib
import pytest

from tests.cli.test_cli import dossier
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("brief-index")


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


def test_brief_holds_every_labelled_seed_discrepancy_with_its_quotes(index_dir):
    from dossier.brief import md

    labels = json.loads(
        shared_path("expected", "seed_discrepancies.json").read_text(encoding="utf-8")
    )
    found = json.loads(dossier("discrepancies", "--json", index=index_dir).stdout)["discrepancies"]
    out = dossier("brief", index=index_dir).stdout
    text = (index_dir / "brief.md").read_text(encoding="utf-8")
    assert str(index_dir / "brief.md") in out
    who_said_what = text.split("## Sources")[0]
    for claim in (c for d in found for c in d["claims"]):
        assert md(claim["quote"]) in who_said_what
    # every 'must' label that the engine finds is in the brief with each of its quotes
    for label in (item for item in labels["discrepancies"] if item["level"] == "must"):
        for evidence in label["evidence"]:
            assert any(
                c["path"].endswith(evidence["path"])
                and _fold(evidence["quote_contains"]) in _fold(c["quote"])
                and md(c["quote"]) in who_said_what
                for d in found
                for c in d["claims"]
            ), (label["id"], evidence)


def test_html_brief_parses_without_errors(index_dir, tmp_path):
    target = tmp_path / "out" / "brief.html"
    dossier("brief", "-o", str(target), index=index_dir)
    page = target.read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert "Who said what" in page and "Timeline" in page


def test_timeline_of_the_seeds_orders_dates_and_marks_the_disputed_year(index_dir):
    events = json.loads(dossier("timeline", "--json", index=index_dir).stdout)["events"]
    labels = [e["label"] for e in events]
    assert labels.index("May 2025") < labels.index("July 2025")
    by_label = {e["label"]: e for e in events}
    assert (
        by_label["2027"]["discrepancy"]
        and by_label["2027"]["discrepancy"] == by_label["2030"]["discrepancy"]
    )
    assert by_label["May 2025"]["discrepancy"] is None
    dated = [e["date"] for e in events if not e["undated"]]
    assert dated == sorted(dated)
    assert all(e["mentions"] and e["sources"] for e in events)
    human = dossier("timeline", index=index_dir).stdout
    assert "sources differ" in human


def test_sources_name_guessed_outlets_and_the_matrix(index_dir):
    data = json.loads(dossier("sources", "--json", index=index_dir).stdout)
    rows = {r["outlet"]: r for r in data["sources"]}
    assert rows["AFP"]["guessed"] is True  # "... told AFP", twice
    assert rows["RNG247"]["guessed"] is False  # from the byline
    assert sum(len(r["articles"]) for r in rows.values()) == 5
    assert data["matrix"]["outlets"] == list(rows)
    articles = json.loads(dossier("articles", "--json", index=index_dir).stdout)["articles"]
    assert all("source_guessed" in a for a in articles)
    assert "AFP (guessed)" in dossier("articles", index=index_dir).stdout


def test_pins_survive_a_restart_and_go_into_the_brief(index_dir):
    first = dossier("pin", "004", "neither", "Dembele", index=index_dir)
    assert "pinned" in first.stdout
    again = dossier("pin", "004", "neither", "Dembele", index=index_dir)
    assert "already pinned" in again.stdout
    dossier("index", "--rebuild", index=index_dir)  # a rebuilt index keeps its pins
    pins = json.loads(dossier("pins", "--json", index=index_dir, real=True).stdout)[
        "pins"
    ]  # a new process
    assert (
        len(pins) == 1
        and "neither Dembele nor Sagara" in pins[0]["quote"]
        and pins[0]["path"].startswith("004")
    )
    dossier("brief", index=index_dir)
    assert (
        "neither Dembele nor Sagara"
        in (index_dir / "brief.md").read_text(encoding="utf-8").split("## Noted")[1]
    )
    assert dossier("pin", "004", "no such words here", index=index_dir, check=False).returncode == 2
    assert "unpinned" in dossier("unpin", "1", index=index_dir).stdout
    assert json.loads(dossier("pins", "--json", index=index_dir).stdout)["pins"] == []


def test_brief_does_not_import_spacy_once_indexed(index_dir, tmp_path):
    import sys

    from tests.conftest import SEEDS

    dossier("index", index=index_dir)
    code = (
        "import sys; from dossier.cli import main\n"
        "try:\n"
        f"    main(['--seeds', {str(SEEDS)!r}, '--index', {str(index_dir)!r}, 'brief', '-o', {str(tmp_path / 'b.html')!r}], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "print('spacy' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "False", proc.stderr
    assert (tmp_path / "b.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
