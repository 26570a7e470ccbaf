"""The dossier-level kind of people, places and organisations, on CoNLL-2003 as one dossier.

    python bench/conll_dossier.py ../shared/corpora/conll2003/test.txt [--json] [--errors N]

``ner_conll.py`` takes each document as a dossier of one. Here the 231 test documents (Reuters,
December 1996) are one dossier, indexed and merged by the real ``Dossier``: a name gets one kind
for the whole dossier, so this measures what a large, mixed dossier does to the kind decision
(a club named after its town, a company after a place, a party after a surname). Every gold
PER/LOC/ORG span that the dossier reports as an entity occurrence with the same offsets is
scored on its kind; spans it does not report are counted apart (extraction, not kind).
Documents whose body the reader cleaned (a dateline dropped) are left out: their offsets move.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ner_conll import read_conll

from dossier.service import Dossier

KIND = {"person": "PER", "place": "LOC", "organisation": "ORG"}


def write_dossier(conll: Path, folder: Path) -> dict[str, list[tuple[int, int, str]]]:
    """One text file per document (a line per sentence, as the reader splits paragraphs);
    returns the gold spans by file, at their offsets in the body."""
    gold = {}
    for n, (text, spans) in enumerate(read_conll(conll)):
        name = f"doc{n:03d}.txt"
        body = text.replace("\n", "\n\n")
        (folder / name).write_text(f"Document {n}\n\n{body}\n", encoding="utf-8")
        moved = [
            (a + text.count("\n", 0, a), b + text.count("\n", 0, b), c) for a, b, c in sorted(spans)
        ]
        gold[name] = moved
    return gold


def score(dossier: Dossier, gold: dict, seeds: Path, errors: int) -> dict:
    bodies = dossier.store.bodies(sorted(gold))
    kept = {
        name: spans
        for name, spans in gold.items()
        if bodies[name].strip() == (seeds / name).read_text().split("\n", 2)[2].strip()
    }
    found = {}
    for entity in dossier.entities():
        for o in entity["occurrences"]:
            found[(o["path"], o["start"], o["end"])] = (KIND.get(entity["kind"]), entity["name"])
    confusion: Counter = Counter()
    wrong: Counter = Counter()
    for name, spans in kept.items():
        for start, end, cls in spans:
            got = found.get((name, start, end))
            if got is None:
                confusion[(cls, "not reported")] += 1
                continue
            confusion[(cls, got[0])] += 1
            if got[0] != cls:
                wrong[(bodies[name][start:end], cls, got[0])] += 1
    scored = sum(n for (_, got), n in confusion.items() if got != "not reported")
    right = sum(n for (cls, got), n in confusion.items() if cls == got)
    return {
        "documents": len(gold),
        "documents_scored": len(kept),
        "gold_spans": sum(len(s) for s in kept.values()),
        "spans_reported": scored,
        "right_kind": right,
        "kind_accuracy": round(right / scored, 3) if scored else None,
        "confusion": {f"{cls}->{got}": n for (cls, got), n in sorted(confusion.items())},
        "most_wrong": [
            {"surface": s, "gold": cls, "got": got, "count": n}
            for (s, cls, got), n in wrong.most_common(errors)
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=20, help="list this many wrong kinds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        gold = write_dossier(args.path, seeds)
        dossier = Dossier(seeds, Path(tmp) / "index")
        dossier.refresh()
        result = score(dossier, gold, seeds, args.errors)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{result['documents_scored']} of {result['documents']} documents, "
        f"{result['gold_spans']} gold spans, {result['spans_reported']} reported as entities: "
        f"kind right {result['right_kind']} ({result['kind_accuracy']})"
    )
    print("gold -> dossier:", ", ".join(f"{k} {v}" for k, v in result["confusion"].items()))
    for e in result["most_wrong"]:
        print(f"  {e['count']:3d}  {e['surface']!r}: {e['gold']}, dossier says {e['got']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
