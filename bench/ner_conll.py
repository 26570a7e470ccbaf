"""People / places / organisations extraction measured on the CoNLL-2003 English test set.

    python bench/ner_conll.py ../shared/corpora/conll2003/test.txt [--json] [--limit N]

Each -DOCSTART- document is one article (tokens joined by spaces, one sentence per line).
The project's extractor (mentions + the dossier-level kind decision, each document taken as
a dossier of one) and plain spaCy run on the same text; spans are compared exactly, by
character offsets. Mapping: PERSON->PER, GPE/LOC/FAC->LOC, ORG->ORG for spaCy; person,
place, organisation for dossier. MISC is not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossier import nlp
from dossier.entities.mentions import extract_mentions
from dossier.entities.resolve import decide_kinds, mention_kind

CLASSES = ("PER", "LOC", "ORG")
SPACY_MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
DOSSIER_MAP = {"person": "PER", "place": "LOC", "organisation": "ORG"}


def read_conll(path: Path):
    """Yield (text, gold spans) per document."""
    docs, sentences, sentence = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if sentence:
                sentences.append(sentence)
            if sentences:
                docs.append(sentences)
            sentences, sentence = [], []
            continue
        if not line.strip():
            if sentence:
                sentences.append(sentence)
            sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        docs.append(sentences)
    for sentences in docs:
        text_parts, gold, offset = [], set(), 0
        for sentence in sentences:
            current = None
            for index, (token, tag) in enumerate(sentence):
                start = offset
                end = start + len(token)
                if tag.startswith("B-") or (
                    tag.startswith("I-") and (current is None or current[2] != tag[2:])
                ):
                    if current:
                        gold.add(tuple(current))
                    current = [start, end, tag[2:]]
                elif tag.startswith("I-"):
                    current[1] = end
                else:
                    if current:
                        gold.add(tuple(current))
                    current = None
                offset = end + (1 if index < len(sentence) - 1 else 0)
            if current:
                gold.add(tuple(current))
            text_parts.append(" ".join(t for t, _ in sentence))
            offset += 1  # the newline
        yield "\n".join(text_parts), {g for g in gold if g[2] in CLASSES}


def scores(gold: set, found: set) -> dict:
    result = {}
    for cls in CLASSES:
        g = {s for s in gold if s[2] == cls}
        f = {s for s in found if s[2] == cls}
        tp = len(g & f)
        p = tp / len(f) if f else 0.0
        r = tp / len(g) if g else 0.0
        result[cls] = {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "gold": len(g),
            "found": len(f),
        }
    return result


def places_named_clubs(gold: set, found: set) -> dict:
    """How many of the places found are organisations in CoNLL on the very same span (mostly
    sports clubs named after their town, "Leicester 1 Blackburn 1"), and the places' F1
    without them: the share of the gap that only a sports-table rule would close."""
    gold_kind = {s[:3]: s[3] for s in gold}
    places = {s for s in found if s[3] == "LOC"}
    clubs = {s for s in places if gold_kind.get(s[:3]) == "ORG"}
    tp = len(places & gold)
    rest = len(places) - len(clubs)
    p, r = tp / rest if rest else 0.0, tp / sum(1 for s in gold if s[3] == "LOC")
    return {
        "count": len(clubs),
        "places_f1_without_them": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = parser.parse_args()
    documents = list(read_conll(args.path))
    if args.limit:
        documents = documents[: args.limit]
    gold, spacy_found, dossier_found = set(), set(), set()
    started = time.perf_counter()
    for number, (doc, (text, doc_gold)) in enumerate(
        zip(nlp.parse([t for t, _ in documents]), documents)
    ):
        gold |= {(number, *g) for g in doc_gold}
        for ent in doc.ents:
            if ent.label_ in SPACY_MAP:
                spacy_found.add((number, ent.start_char, ent.end_char, SPACY_MAP[ent.label_]))
        mentions = extract_mentions(doc)
        kinds = decide_kinds({"doc": mentions})
        for m in mentions:
            kind = mention_kind(m, kinds)
            if kind in DOSSIER_MAP:
                dossier_found.add((number, m["start"], m["end"], DOSSIER_MAP[kind]))
    seconds = time.perf_counter() - started

    def flat(spans):
        return {(f"{s[0]}:{s[1]}", s[2], s[3]) for s in spans}

    gold_flat = {(f"{s[0]}:{s[1]}", s[2], s[3]) for s in gold}
    report = {
        "documents": len(documents),
        "seconds": round(seconds, 1),
        "dossier": scores(gold_flat, flat(dossier_found)),
        "spacy": scores(gold_flat, flat(spacy_found)),
        "dossier_places_that_are_clubs": places_named_clubs(gold, dossier_found),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"CoNLL-2003 test: {len(documents)} documents, {seconds:.1f} s (both extractors, one parse)"
    )
    print(f"{'class':6} {'':8} {'P':>6} {'R':>6} {'F1':>6}")
    for cls in CLASSES:
        for who in ("spacy", "dossier"):
            s = report[who][cls]
            print(f"{cls:6} {who:8} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f}")
    clubs = report["dossier_places_that_are_clubs"]
    print(
        f"places found that CoNLL calls organisations on the same span (clubs named after towns): {clubs['count']}; places F1 without them {clubs['places_f1_without_them']:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
