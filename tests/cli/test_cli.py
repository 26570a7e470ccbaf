"""The installed `dossier` command, run as a user runs it: JSON shapes, exit codes, import cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest

from tests.conftest import BIN, ROOT, SEEDS, shared_path

SEED_TITLES = {
    "000_4049b7bfb30b67b1.txt": "Mali Arrests Dozens of Soldiers Over Alleged Coup Plot Against Military Junta",
    "001_60a314146dea50b9.txt": "Mali Arrests Dozens of Soldiers Over Alleged Coup Plot",
    "003_4cf1716b6b9a04fc.txt": "Coup Plot Foiled: Dozens of Malian Soldiers Arrested in Midnight Raid",
    "004_a4dd8e98cb22ee3c.txt": "Mali's Military Faces Internal Turmoil Amid Coup Allegations",
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-index")


@dataclass
class Ran:
    """What a run of the command printed, and its exit status."""

    returncode: int
    stdout: str
    stderr: str


def dossier(*args: str, index=None, seeds=SEEDS, check: bool = True, real: bool = False) -> Ran:
    """Run ``dossier --seeds SEEDS [--index INDEX] ARGS``.

    In-process through click's CliRunner (the same command function, parsing and exit
    codes, without paying for a new interpreter); ``real=True`` runs the installed console
    script in a subprocess, for the end-to-end checks.
    """
    command = ["--seeds", str(seeds)]
    if index is not None:
        command += ["--index", str(index)]
    command += list(args)
    if real:
        proc = subprocess.run(
            [str(BIN / "dossier"), *command],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
            timeout=120,
        )
        ran = Ran(proc.returncode, proc.stdout, proc.stderr)
    else:
        from click.testing import CliRunner

        from dossier.cli import main

        result = CliRunner().invoke(main, command, catch_exceptions=False)
        ran = Ran(result.exit_code, result.stdout, result.stderr)
    if check:
        assert ran.returncode == 0, ran.stderr
    return ran


def test_articles_json_lists_every_seed_with_its_title(index_dir):
    data = json.loads(dossier("articles", "--json", index=index_dir).stdout)
    articles = {a["path"]: a for a in data["articles"]}
    assert len(articles) == 5
    for path, title in SEED_TITLES.items():
        assert articles[path]["title"] == title
    for article in articles.values():
        assert set(article) >= {"id", "path", "title", "source", "author", "published", "words"}
        assert article["words"] > 100


def test_search_json_shape_and_accent_folding(index_dir):
    data = json.loads(dossier("search", "goita", "--json", index=index_dir).stdout)
    assert set(data) == {"query", "total", "corrected", "hits"}
    assert data["total"] == 5 and data["corrected"] is None
    assert {h["path"] for h in data["hits"]} == {p.name for p in SEEDS.glob("*.txt")}
    for hit in data["hits"]:
        assert set(hit) >= {"id", "path", "title", "source", "score", "snippet"}
        assert "<b>" in hit["snippet"]


def test_phrase_and_title_field_from_the_shell(index_dir):
    phrase = json.loads(dossier("search", '"coup plot"', "--json", index=index_dir).stdout)
    assert phrase["total"] >= 3
    title = json.loads(dossier("search", "title:foiled", "--json", index=index_dir).stdout)
    assert [h["path"] for h in title["hits"]] == ["003_4cf1716b6b9a04fc.txt"]


def test_did_you_mean(index_dir):
    data = json.loads(dossier("search", "militray", "juntta", "--json", index=index_dir).stdout)
    assert data["total"] == 0 and data["corrected"] == "military junta"
    text = dossier("search", "militray", "juntta", index=index_dir).stdout
    assert "Did you mean: military junta?" in text


def test_malformed_query_exits_2_with_one_line(index_dir):
    proc = dossier("search", "arrest AND (", index=index_dir, check=False, real=True)
    assert proc.returncode == 2
    assert "bad query" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_show_by_prefix_prints_plain_text(index_dir):
    proc = dossier("show", "003", index=index_dir)
    assert proc.stdout.startswith("Coup Plot Foiled")
    assert "RNG247" in proc.stdout and "by Duga" in proc.stdout
    data = json.loads(dossier("show", "003", "--json", index=index_dir).stdout)
    assert data["body"].startswith("In a dramatic turn of events")
    missing = dossier("show", "nope", index=index_dir, check=False)
    assert missing.returncode == 2 and "no article" in missing.stderr


def test_index_reports_and_is_incremental(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for f in SEEDS.iterdir():
        (seeds / f.name).write_bytes(f.read_bytes())
    (seeds / "broken.json").write_text("{oops")
    first = dossier("index", index=tmp_path / "ix", seeds=seeds)
    assert "5 added" in first.stdout and "1 skipped" in first.stdout
    assert "warning: skipped broken.json: malformed JSON" in first.stderr
    second = dossier("index", "--json", index=tmp_path / "ix", seeds=seeds, real=True)
    report = json.loads(second.stdout)
    assert report["added"] == [] and report["unchanged"] == 5 and not report["rebuilt"]


@pytest.mark.parametrize("forked", [False, True])
def test_search_finds_what_changed_since_the_last_run(tmp_path, monkeypatch, forked):
    from dossier import store

    # A large folder's check runs in a forked process beside the search: same answers.
    monkeypatch.setattr("dossier.store.PARALLEL_CHECK_FILES", 1 if forked else 10**9)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Ferry strike ends\n\nDockers voted to go back on Friday.\n")
    dossier("index", index=tmp_path / "ix", seeds=seeds)

    def hits(query: str) -> list[str]:
        found = dossier("search", query, "--json", index=tmp_path / "ix", seeds=seeds)
        return [hit["path"] for hit in json.loads(found.stdout)["hits"]]

    assert hits("dockers") == ["a.txt"]
    (seeds / "b.txt").write_text("Pilots return\n\nDockers and pilots met the port board.\n")
    walks = []
    real_walk = store.scan_stats
    monkeypatch.setattr(store, "scan_stats", lambda *a, **k: walks.append(1) or real_walk(*a, **k))
    assert sorted(hits("dockers")) == ["a.txt", "b.txt"]
    # The folder found changed is walked once, not again before the refresh (that walk runs in
    # the forked process when there is one).
    assert len(walks) == (0 if forked else 1)
    (seeds / "a.txt").unlink()
    assert hits("dockers") == ["b.txt"]
    assert (
        dossier("search", '"unclosed', index=tmp_path / "ix", seeds=seeds, check=False).returncode
        == 2
    )


def test_index_progress_prints_a_line_per_step_of_each_phase(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n, town in enumerate(("Harbourtown", "Lakeside", "Eastport")):
        (seeds / f"{n}.txt").write_text(
            f"Flood in {town}\n\nOfficials in {town} said {n + 4} people were evacuated.\n"
        )
    ran = dossier("index", "--progress", index=tmp_path / "ix", seeds=seeds)
    lines = ran.stderr.splitlines()
    assert lines[:3] == ["index 1/3", "index 2/3", "index 3/3"]
    # Parsing runs in a worker that reports as its results come back: in steps, up to all.
    analysed = [int(line.split()[1].split("/")[0]) for line in lines[3:]]
    assert all(line.startswith("analyse ") and line.endswith("/3") for line in lines[3:])
    assert analysed == sorted(analysed) and analysed[-1] == 3
    (seeds / "1.txt").write_text("Flood in Lakeside\n\nNobody was evacuated, officials said.\n")
    again = dossier("index", "--progress", index=tmp_path / "ix", seeds=seeds)
    assert again.stderr.splitlines() == ["index 1/1", "analyse 1/1"]
    quiet = dossier("index", index=tmp_path / "ix", seeds=seeds)
    assert quiet.stderr == ""


def test_markup_and_escapes_in_articles_are_printed_literally(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(
        "[bold red]Injected[/] \x1b[2J title\n\nBody with [link=http://x]link[/link] and \x1b]0;pwned\x07.\n"
    )
    for args in (("show", "evil"), ("search", "injected"), ("articles",)):
        out = subprocess.run(
            [str(BIN / "dossier"), "--seeds", str(seeds), "--index", str(tmp_path / "ix"), *args],
            capture_output=True,
            env={**os.environ, "TERM": "xterm-256color", "FORCE_COLOR": "1", "COLUMNS": "200"},
        ).stdout
        assert b"\x1b]" not in out and b"\x1b[2J" not in out
        assert b"[bold red]Injected[/]" in out or args == ("articles",)
    shown = dossier("show", "evil", index=tmp_path / "ix", seeds=seeds).stdout
    assert "[link=http://x]link[/link]" in shown


def test_python_dash_m_works_the_same(index_dir):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossier",
            "--seeds",
            str(SEEDS),
            "--index",
            str(index_dir),
            "search",
            "goita",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert json.loads(proc.stdout)["total"] == 5


def test_entities_json_shape_and_kind_filter(index_dir):
    data = json.loads(dossier("entities", "--json", index=index_dir).stdout)
    assert data["entities"], "the seeds name people, places and organisations"
    for entity in data["entities"]:
        assert set(entity) >= {"id", "name", "kind", "aliases", "descriptions", "mentions", "paths"}
        assert entity["kind"] in {"person", "place", "organisation"}
    people = json.loads(dossier("entities", "--kind", "person", "--json", index=index_dir).stdout)[
        "entities"
    ]
    assert people and all(e["kind"] == "person" for e in people)


def score(kind: str, index_dir, tmp_path) -> subprocess.CompletedProcess:
    """Run ../shared/tools/score.py on `dossier KIND --json` for the seeds."""
    tool = shared_path("tools", "score.py")
    expected = shared_path("expected", f"seed_{kind}.json")
    out = tmp_path / f"{kind}.json"
    out.write_text(dossier(kind, "--json", index=index_dir).stdout, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(tool), kind, str(expected), str(out)], capture_output=True, text=True
    )


def test_seed_entities_pass_the_hand_labelled_score(index_dir, tmp_path):
    proc = score("entities", index_dir, tmp_path)
    assert proc.returncode == 0, proc.stdout


def test_entity_concordance(index_dir):
    proc = dossier("entity", "Goita", index=index_dir)
    assert proc.stdout.startswith("Assimi Goïta")
    assert "also:" in proc.stdout and "Asimi Goïta" in proc.stdout
    assert proc.stdout.count("\n  ") >= 5
    missing = dossier("entity", "Nobody Atall", index=index_dir, check=False)
    assert missing.returncode == 2 and "no entity" in missing.stderr


@pytest.mark.parametrize(
    "command", [("search", "goita", "--json"), ("entities", "--json"), ("articles", "--json")]
)
def test_answers_from_an_index_import_neither_textual_nor_spacy(index_dir, command):
    dossier("index", index=index_dir)
    code = (
        "import sys\n"
        "from dossier.cli import main\n"
        f"try:\n    main(['--seeds', {str(SEEDS)!r}, '--index', {str(index_dir)!r}, *{list(command)!r}])\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(m for m in ('textual', 'spacy') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == ""


def test_seed_discrepancies_pass_the_hand_labelled_score(index_dir, tmp_path):
    proc = score("discrepancies", index_dir, tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "must 3/3" in proc.stdout


def test_discrepancies_filters_and_text_output(index_dir):
    conflicts = json.loads(
        dossier("discrepancies", "--severity", "conflict", "--json", index=index_dir).stdout
    )["discrepancies"]
    assert conflicts and all(d["severity"] == "conflict" for d in conflicts)
    for item in conflicts:
        assert set(item) >= {"id", "topic", "kind", "severity", "summary", "claims"}
        for claim in item["claims"]:
            assert set(claim) >= {
                "path",
                "quote",
                "start",
                "end",
                "value",
                "polarity",
                "attribution",
            }
    numbers = json.loads(
        dossier("discrepancies", "--kind", "number", "--json", index=index_dir).stdout
    )["discrepancies"]
    assert numbers and all(d["kind"] == "number" for d in numbers)
    text = dossier("discrepancies", index=index_dir).stdout
    assert text.startswith("CONFLICT") and "[denies]" in text


def test_entities_kind_takes_the_query_spelling_and_titles_agree_in_number(index_dir):
    orgs = json.loads(dossier("entities", "--kind", "org", "--json", index=index_dir).stdout)[
        "entities"
    ]
    assert orgs and all(e["kind"] == "organisation" for e in orgs)
    table = dossier("entities", "--kind", "org", index=index_dir).stdout
    assert table.split("┏")[0].strip() == f"{len(orgs)} organisation{'s' if len(orgs) != 1 else ''}"
    people = dossier("entities", "--kind", "people", index=index_dir).stdout
    assert people.split("┏")[0].strip().endswith(" people")


def test_counts_agree_in_number(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text(
        "Lighthouse relit\n\nKeepers relit the lighthouse at Dunmore on Tuesday.\n"
    )
    found = dossier("search", "lighthouse", index=tmp_path / "index", seeds=seeds).stdout
    assert "1 article matches" in found
