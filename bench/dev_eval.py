"""Discrepancies and entities on the labelled dev events, by kind: bench/results/dev_eval.{md,json}.

    python bench/dev_eval.py [EVAL_DIR]

EVAL_DIR defaults to ../shared/eval/basil-dev (one folder per event: seeds/, expected.json,
expected_entities.json). Each event is indexed with the installed `dossier` in a temporary
folder; the reports are scored with ../shared/tools/score.py, the same scorer as
../shared/tools/eval.sh, and tallied per kind: how many labels of each kind and level were found,
and how many reports of each kind matched a label (precision per kind).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
DOSSIER = str(Path(sys.executable).parent / "dossier")
RESULTS = ROOT / "bench" / "results"


def load_scorer():
    """The shared scorer as a module (its functions decide what counts as found)."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dossier_json(seeds: Path, index: Path, what: str) -> dict:
    out = subprocess.run(
        [DOSSIER, "--seeds", str(seeds), "--index", str(index), what, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def tally(events: Path) -> dict:
    """Per-kind counts over every event of ``events``."""
    score = load_scorer()
    labels: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    reports: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    entity_counts = {"found": 0, "labelled": 0, "wrong_kinds": 0}
    per_event = {}
    with tempfile.TemporaryDirectory(prefix="dossier-dev-") as tmp:
        for event in sorted(p for p in events.iterdir() if (p / "expected.json").is_file()):
            index = Path(tmp) / event.name
            found = dossier_json(event / "seeds", index, "discrepancies")["discrepancies"]
            expected = json.loads((event / "expected.json").read_text())
            for item in expected["discrepancies"]:
                hit = any(score.covers(d, item) for d in found)
                cell = labels[item.get("kind", "other")][item.get("level", "must")]
                cell[0] += hit
                cell[1] += 1
            for d in found:
                matched = any(score.covers(d, item) for item in expected["discrepancies"])
                reports[d["kind"]][0] += matched
                reports[d["kind"]][1] += 1
            line = entity_line(score, event, dossier_json(event / "seeds", index, "entities"))
            for key in entity_counts:
                entity_counts[key] += line[key]
            per_event[event.name] = {"reported": len(found), **line}
    return {"labels": labels, "reports": reports, "entities": entity_counts, "events": per_event}


def entity_line(score, event: Path, ents: dict) -> dict:
    """Entities found whole and wrong kinds for one event (the scorer's own totals line)."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        score.score_entities(json.loads((event / "expected_entities.json").read_text()), ents)
    last = (
        buffer.getvalue().strip().splitlines()[-1]
    )  # 'entities 11/12, wrong kinds 0, reported 40'
    found, labelled = last.split(",")[0].split()[1].split("/")
    wrong = int(last.split(",")[1].split()[-1])
    return {"found": int(found), "labelled": int(labelled), "wrong_kinds": wrong}


def markdown(data: dict) -> str:
    lines = ["# Dev events: discrepancies and entities by kind", ""]
    lines += ["| label kind | must | should | stretch |", "|---|---:|---:|---:|"]
    for kind, levels in sorted(data["labels"].items()):
        cells = [
            f"{levels[level][0]}/{levels[level][1]}" if level in levels else "—"
            for level in ("must", "should", "stretch")
        ]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", "| reported kind | matched a label / reported |", "|---|---:|"]
    for kind, (matched, total) in sorted(data["reports"].items()):
        lines.append(f"| {kind} | {matched}/{total} |")
    e = data["entities"]
    lines += [
        "",
        f"Entities found whole: {e['found']}/{e['labelled']}, wrong kinds {e['wrong_kinds']}.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    events = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "eval" / "basil-dev"
    if not events.is_dir():
        print(f"no dev events at {events}", file=sys.stderr)
        return 2
    data = tally(events)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "dev_eval.json").write_text(json.dumps(data, indent=2) + "\n")
    (RESULTS / "dev_eval.md").write_text(markdown(data))
    print(markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
