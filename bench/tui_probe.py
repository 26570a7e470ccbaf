"""Measure the reader in a child process: time to first paint, and keystroke -> results painted.

    python bench/tui_probe.py SEEDS INDEX [--queries q1 q2 ...]

Prints one JSON line: ``{"ready_at": <epoch seconds when the first screen was drawn>,
"idle_at": ..., "latencies_ms": [Enter -> hit list updated], "settled_ms": [Enter -> idle,
the first hit open in the reader]}``. The parent records when it started the process, so the first
figure includes interpreter start-up and every import. The app runs headless at 120x40.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


async def probe(seeds: str, index: str, queries: list[str]) -> dict:
    from dossier.service import Dossier
    from dossier.tui import make_app

    app = make_app(Dossier.open(seeds, index))
    result: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        result["ready_at"] = app.first_paint_at or time.time()
        result["idle_at"] = time.time()
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        latencies, settled = [], []
        search = app.query_one("#search")
        for query in queries:
            search.focus()
            search.value = query
            await pilot.pause(0.3)  # the debounced search-as-you-type runs first, as it would
            app.shown_query = None
            # Enter, as the Input posts it (Pilot's own key presses add ~150 ms of pauses)
            started = time.perf_counter()
            search.post_message(search.Submitted(search, query))
            while app.shown_query != query and time.perf_counter() - started < 10:
                await asyncio.sleep(0.001)
            latencies.append((time.perf_counter() - started) * 1000)
            await pilot.pause()
            settled.append((time.perf_counter() - started) * 1000)
        result["latencies_ms"] = latencies
        result["settled_ms"] = settled
        import resource

        result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result["spacy_imported"] = "spacy" in sys.modules
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("seeds")
    parser.add_argument("index")
    parser.add_argument("--queries", nargs="*", default=[])
    args = parser.parse_args()
    print(json.dumps(asyncio.run(probe(args.seeds, args.index, args.queries))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
