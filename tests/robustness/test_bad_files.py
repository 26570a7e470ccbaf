"""A folder of whatever an analyst dragged in: bad files are skipped with a reason, good ones kept."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.conftest import BIN, SEEDS

GOOD = (
    "Storm closes the port\n\nThe harbour authority said the port would stay closed until Friday.\n"
)


def make_bad_folder(root):
    seeds = root / "seeds"
    seeds.mkdir()
    for f in SEEDS.iterdir():
        (seeds / f.name).write_bytes(f.read_bytes())
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (seeds / "invalid-utf8.txt").write_bytes(
        "Caf\u00e9 news\n\nThe caf\u00e9 closed.\n".encode("utf-8") + b"\xff\xfe broken bytes.\n"
    )
    (seeds / "latin1.txt").write_bytes(
        "Fête ends\n\nLa fête est finie, said the mayor.\n".encode("latin-1")
    )
    (seeds / "huge.txt").write_bytes(b"Huge file\n\n" + b"word " * (20 * 1024 * 1024 // 5))
    (seeds / "one-line.txt").write_text("A " + "very " * 210_000 + "long line.")
    (seeds / "furniture.txt").write_text("Leave a comment\n\nDownload Post\n\n0 Comment(s)\n")
    (seeds / "copy of 001.txt").write_bytes((SEEDS / "001_60a314146dea50b9.txt").read_bytes())
    (seeds / "malformed.json").write_text('{"title": "x", "body": ')
    (seeds / "wrong-shape.json").write_text('{"headline": 3, "items": [1, 2]}')
    (seeds / "front.md").write_text("---\ntitle: [unclosed\n\nA story about the port.\n")
    (seeds / "naïve café ✓.txt").write_text(GOOD)
    (seeds / "new\nline.txt").write_text(GOOD.replace("Friday", "Monday"))
    (root / "outside.txt").write_text("Secret\n\nNot in the dossier.\n")
    (seeds / "escape.txt").symlink_to(root / "outside.txt")
    (seeds / "loop").symlink_to(seeds)
    (seeds / "dir.txt").mkdir()
    os.mkfifo(seeds / "pipe.txt")
    return seeds


def test_index_survives_a_folder_of_bad_files(tmp_path):
    seeds = make_bad_folder(tmp_path)
    proc = subprocess.run(
        [
            str(BIN / "dossier"),
            "--seeds",
            str(seeds),
            "--index",
            str(tmp_path / "index"),
            "index",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    assert "empty" in skipped["empty.txt"]
    assert "binary" in skipped["image.txt"]
    assert "too large" in skipped["huge.txt"]
    assert "no article text" in skipped["furniture.txt"]
    assert "malformed JSON" in skipped["malformed.json"]
    assert "no article" in skipped["wrong-shape.json"]
    assert "outside" in skipped["escape.txt"]
    assert "not a regular file" in skipped["pipe.txt"]
    indexed = set(report["added"])
    for good in (
        "invalid-utf8.txt",
        "latin1.txt",
        "one-line.txt",
        "front.md",
        "naïve café ✓.txt",
        "new\nline.txt",
        "copy of 001.txt",
    ):
        assert good in indexed, good
    assert {f.name for f in SEEDS.iterdir()} <= indexed
    notes = {n["path"]: n["message"] for n in report["notices"]}
    assert "same text as" in notes["copy of 001.txt"]
    assert "cp1252" in notes["latin1.txt"] or "latin-1" in notes["latin1.txt"]
    # every warning is one line that names its file
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(report["skipped"])
    assert not any("\\n" in line and "new\nline" in line for line in warnings)
    listed = json.loads(
        subprocess.run(
            [
                str(BIN / "dossier"),
                "--seeds",
                str(seeds),
                "--index",
                str(tmp_path / "index"),
                "articles",
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    assert len(listed["articles"]) == len(indexed)


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="root reads files whatever their mode; chmod 000 cannot make one unreadable",
)
def test_unreadable_file_is_skipped(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD)
    locked = seeds / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    from dossier.service import Dossier

    report = Dossier(seeds, tmp_path / "index").refresh()
    assert [s.path for s in report.skipped] == ["locked.txt"]
    assert report.added == ["good.txt"]
