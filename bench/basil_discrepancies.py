"""Run the discrepancy finder on BASIL events (one event = three outlets' articles).

    python bench/basil_discrepancies.py ../shared/corpora/basil/articles [--events 8] [--json]
        [--exclude ../shared/eval/basil-dev]   # only events outside the labelled dev set

Each event's three JSON articles are copied to a temporary seeds folder and indexed like any
dossier; the discrepancies found are printed for a person to judge (BASIL has no labels for
them). Events are taken in a fixed order (sorted by event id, spread over the years).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossier.service import Dossier


def events(root: Path) -> dict[str, list[Path]]:
    """Event id -> its article files (only complete triplets)."""
    found: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(root.rglob("*.json")):
        event = path.stem.rsplit("_", 1)[0]
        found[event].append(path)
    return {event: files for event, files in found.items() if len(files) == 3}


def _title(path: Path) -> str:
    return (json.loads(path.read_text(encoding="utf-8")).get("title") or "").strip()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("root", type=Path)
    parser.add_argument("--events", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--exclude",
        type=Path,
        help="an eval folder (../shared/eval/basil-dev): skip its events, to judge unseen ones",
    )
    args = parser.parse_args()
    all_events = events(args.root)
    if args.exclude:
        seen = {
            path.read_text(encoding="utf-8").split("\n", 1)[0].strip()
            for path in args.exclude.glob("*/seeds/*.txt")
        }
        all_events = {
            e: files for e, files in all_events.items() if not any(_title(f) in seen for f in files)
        }
    ids = sorted(all_events)
    step = max(1, len(ids) // args.events)
    chosen = ids[::step][: args.events]
    report = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for event in chosen:
            seeds = Path(tmp) / event / "seeds"
            seeds.mkdir(parents=True)
            for path in all_events[event]:
                shutil.copy(path, seeds / path.name)
            dossier = Dossier(seeds, Path(tmp) / event / "index")
            dossier.refresh()
            headline = json.loads(all_events[event][0].read_text(encoding="utf-8")).get(
                "main-event", ""
            )
            found = dossier.discrepancies()
            report.append({"event": event, "main_event": headline, "discrepancies": found})
    seconds = time.perf_counter() - started
    if args.json:
        print(
            json.dumps(
                {"seconds": round(seconds, 1), "events": report}, indent=2, ensure_ascii=False
            )
        )
        return 0
    for item in report:
        print(
            f"\n## {item['main_event']}  ({item['event']}): {len(item['discrepancies'])} discrepancies"
        )
        for d in item["discrepancies"]:
            print(f"  {d['severity']:9} {d['kind']:7} {d['topic']}  [{d['summary']}]")
            for claim in d["claims"][:6]:
                print(f"      {claim['path'][:12]} {claim['polarity']:7} {claim['quote'][:110]!r}")
    kinds = Counter(
        f"{d['kind']} {d['severity']}" for item in report for d in item["discrepancies"]
    )
    print(
        f"\n{len(report)} events in {seconds:.1f} s; "
        + ", ".join(f"{n} {k}" for k, n in kinds.most_common())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
