"""The dossier benchmark: one run on this machine, written to bench/results/latest.{md,json}.

    python bench/run.py [--quick] [--skip-large]

Corpora: the seeds; BBC News (2,225 articles, ../shared/corpora/bbc/bbc, copied to a
temporary folder so articles can be added and changed; the articles added are real ones from
outside it, BASIL's, so that each is parsed); and a 44,500-article corpus made
deterministically from BBC paragraphs (BBC x 20, recombined) for search at scale.
Peers (bench extras, never runtime dependencies): SQLite FTS5 and tantivy, on the same
documents, in the same run. Every command is a real subprocess of the installed `dossier`
where a user would run one; peak RSS comes from the kernel (wait4).
"""

from __future__ import annotations

import argparse
import ast
import compileall
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "bbc" / "bbc"
BIN = Path(sys.executable).parent
DOSSIER = str(BIN / "dossier")
RESULTS = ROOT / "bench" / "results"
QUERY_KINDS = ("single", "and", "phrase", "fuzzy", "field", "entity")


# -- measuring -----------------------------------------------------------------------------
#: Runs a command and reports its wall time and peak RSS on stderr's last line. A child forked
#: straight from this process would report this process's own size as its peak (Linux keeps the
#: high-water mark of the pages shared at fork across exec), which at 44,500 articles is ~900 MB;
#: forked from this small launcher, the figure is the command's own.
LAUNCHER = """
import os, subprocess, sys, time
epoch, started = time.time(), time.perf_counter()
proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
sys.stderr.write(f"\\nLAUNCHER {time.perf_counter() - started} {usage.ru_maxrss} {epoch}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


#: When each command run by :func:`run_rss` was started (epoch seconds), latest last.
SPAWNED: list[float] = []


def run_rss(cmd: list[str], env=None) -> tuple[float, float, str]:
    """Run ``cmd``: (seconds, its own peak RSS in MB, its stdout), measured by a launcher.

    Raises:
        RuntimeError: the command failed (its stderr's tail is in the message).
    """
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, *cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {proc.returncode}: {err[-800:]}")
    _, seconds, maxrss, epoch = err.rstrip().splitlines()[-1].split()
    SPAWNED.append(float(epoch))
    return float(seconds), int(maxrss) / 1024, out


def summary(values: list[float]) -> dict:
    values = sorted(values)
    if not values:
        return {}
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return {
        "n": len(values),
        "min": values[0],
        "median": statistics.median(values),
        "p95": p95,
        "max": values[-1],
    }


def dossier_cmd(seeds: Path, index: Path, *args: str) -> list[str]:
    return [DOSSIER, "--seeds", str(seeds), "--index", str(index), *args]


# -- corpora -------------------------------------------------------------------------------
def copy_bbc(target: Path) -> Path:
    target.mkdir(parents=True)
    for path in sorted(BBC.rglob("*.txt")):
        if path.name.lower().startswith("readme"):
            continue
        dest = target / path.relative_to(BBC)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    return target


def new_articles(count: int) -> list[str]:
    """``count`` real articles from outside BBC (BASIL, other outlets and years) as dossier
    text files: what "one article added" adds, so that it is parsed, never a copy."""
    basil = SHARED / "corpora" / "basil" / "articles"
    texts = []
    for path in sorted(basil.rglob("*.json"))[:count]:
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = data.get("body-paragraphs") or []
        if isinstance(paragraphs, str):
            paragraphs = ast.literal_eval(paragraphs)
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        texts.append(f"{data['title'].strip()}\n\n{body}\n")
    return texts


def make_large(target: Path, copies: int = 20) -> Path:
    """BBC x copies: each article's title with its paragraphs recombined with another's."""
    files = sorted(p for p in BBC.rglob("*.txt") if not p.name.lower().startswith("readme"))
    articles = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        articles.append((lines[0], lines[1:]))
    rng = random.Random(44_500)
    target.mkdir(parents=True)
    count = 0
    for copy in range(copies):
        folder = target / f"part{copy:02d}"
        folder.mkdir()
        for number, (title, paragraphs) in enumerate(articles):
            other = articles[rng.randrange(len(articles))][1]
            mixed = paragraphs[: max(1, len(paragraphs) // 2)] + other[len(other) // 2 :]
            (folder / f"{number:04d}.txt").write_text(
                f"{title} ({copy + 1})\n\n" + "\n\n".join(mixed) + "\n", encoding="utf-8"
            )
            count += 1
    return target


def corpus_docs(dossier) -> list[dict]:
    """Every article of an indexed dossier as {path, title, body}."""
    entries = dossier.articles()
    bodies = dossier.store.bodies([a["path"] for a in entries])
    return [
        {"path": a["path"], "title": a["title"], "body": bodies[a["path"]]}
        for a in entries
        if a["path"] in bodies
    ]


# -- queries -------------------------------------------------------------------------------
_WORD = re.compile(r"[a-z]{5,}")
_STOP = set(
    [
        "about",
        "after",
        "again",
        "against",
        "their",
        "there",
        "these",
        "those",
        "which",
        "while",
        "would",
        "could",
        "should",
        "other",
        "where",
        "being",
        "before",
        "still",
        "under",
        "since",
        "among",
        "between",
        "first",
        "years",
    ]
)


def make_queries(
    docs: list[dict], entities: list[dict], per_kind: int = 40, seed: int = 200
) -> list[dict]:
    """200 queries, 40 of each kind, drawn deterministically from the corpus."""
    rng = random.Random(seed)
    df: Counter = Counter()
    for doc in docs:
        df.update(set(_WORD.findall(doc["body"].lower())) - _STOP)
    mid = sorted(w for w, n in df.items() if 10 <= n <= 400)
    common = sorted(w for w, n in df.items() if n >= 50)
    queries = []
    for word in rng.sample(mid, per_kind):
        queries.append({"kind": "single", "words": [word]})
    while len([q for q in queries if q["kind"] == "and"]) < per_kind:
        doc = rng.choice(docs)
        words = sorted(set(_WORD.findall(doc["body"].lower())) & set(mid))
        if len(words) >= 2:
            queries.append({"kind": "and", "words": rng.sample(words, 2)})
    while len([q for q in queries if q["kind"] == "phrase"]) < per_kind:
        doc = rng.choice(docs)
        tokens = re.findall(r"[A-Za-z]{4,}", doc["body"])
        if len(tokens) > 3:
            i = rng.randrange(len(tokens) - 1)
            if doc["body"].find(f"{tokens[i]} {tokens[i + 1]}") >= 0:
                queries.append(
                    {"kind": "phrase", "words": [tokens[i].lower(), tokens[i + 1].lower()]}
                )
    for word in rng.sample([w for w in mid if len(w) >= 6], per_kind):
        i = rng.randrange(2, len(word))
        typo = word[:i] + rng.choice("aeiouy") + word[i + 1 :]
        queries.append({"kind": "fuzzy", "words": [typo], "intended": word})
    title_words = sorted({w for doc in docs for w in _WORD.findall(doc["title"].lower())} - _STOP)
    for word in rng.sample(title_words, per_kind):
        queries.append({"kind": "field", "words": [word]})
    people = [e for e in entities if e["kind"] == "person" and len(e["paths"]) >= 3][:100]
    for _ in range(per_kind if people else 0):
        person = rng.choice(people)
        queries.append(
            {
                "kind": "entity",
                "words": [rng.choice(common)],
                "entity": person["id"],
                "paths": person["paths"],
            }
        )
    return queries


def as_dossier(q: dict) -> str:
    words = q["words"]
    kind = q["kind"]
    if kind == "and":
        return f"{words[0]} {words[1]}"
    if kind == "phrase":
        return '"' + " ".join(words) + '"'
    if kind == "fuzzy":
        return f"{words[0]}~"
    if kind == "field":
        return f"title:{words[0]}"
    if kind == "entity":
        return f"person:{q['entity']} {words[0]}"
    return words[0]


# -- engines ---------------------------------------------------------------------------------
def time_queries(run_one, queries: list[dict]) -> dict:
    """Per kind: latency summaries (ms); each query run once warm-up, then timed."""
    per_kind: dict[str, list[float]] = {}
    for q in queries:
        try:
            run_one(q)
        except NotImplementedError:
            continue
        started = time.perf_counter()
        run_one(q)
        per_kind.setdefault(q["kind"], []).append((time.perf_counter() - started) * 1000)
    result = {kind: summary(values) for kind, values in per_kind.items()}
    all_values = [v for values in per_kind.values() for v in values]
    result["all"] = summary(all_values)
    return result


def fts5_engine(docs: list[dict]):
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    started = time.perf_counter()
    db.executemany(
        "INSERT INTO docs VALUES (?, ?, ?)", [(d["path"], d["title"], d["body"]) for d in docs]
    )
    db.commit()
    build = time.perf_counter() - started

    def one(q):
        words = q["words"]
        if q["kind"] == "fuzzy":
            raise NotImplementedError  # FTS5 has no fuzzy matching
        match = (
            f"{words[0]} AND {words[1]}"
            if q["kind"] == "and"
            else as_dossier(q)
            if q["kind"] in ("phrase", "field")
            else words[0]
        )
        sql = "SELECT path, snippet(docs, 2, '<b>', '</b>', '…', 12) FROM docs WHERE docs MATCH ?"
        args: list = [match]
        if q["kind"] == "entity":
            sql += f" AND path IN ({','.join('?' * len(q['paths']))})"
            args += q["paths"]
        return db.execute(sql + " ORDER BY rank LIMIT 10", args).fetchall()

    return one, build


def tantivy_engine(docs: list[dict]):
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("path", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    schema = builder.build()
    index = tantivy.Index(schema)
    started = time.perf_counter()
    writer = index.writer()
    for d in docs:
        writer.add_document(tantivy.Document(path=d["path"], title=d["title"], body=d["body"]))
    writer.commit()
    index.reload()
    build = time.perf_counter() - started
    searcher = index.searcher()

    def one(q):
        words = q["words"]
        if q["kind"] == "fuzzy":
            query = tantivy.Query.fuzzy_term_query(schema, "body", words[0], distance=1)
        elif q["kind"] == "entity":
            raise NotImplementedError  # no entity data to filter on
        else:
            text = f"+{words[0]} +{words[1]}" if q["kind"] == "and" else as_dossier(q)
            query = index.parse_query(text, ["title", "body"])
        return searcher.search(query, 10).hits

    return one, build


def dossier_engine(dossier, snippets: bool = True):
    def one(q):
        return dossier.search(as_dossier(q), limit=10, snippets=snippets)

    return one


#: Hit rows the reader's list shows at 120x40 (its height over the lines a row takes at least).
TUI_ROWS = 8


def tui_engine(dossier):
    """The search the reader runs on a key: its list's worth of hits ranked and counted, the
    rows in view highlighted (the others are highlighted as they scroll into view)."""
    from dossier.tui.app import SEARCH_LIMIT

    def one(q):
        return dossier.search(as_dossier(q), limit=SEARCH_LIMIT, snippets=TUI_ROWS)

    return one


# -- sections -----------------------------------------------------------------------------------
def tui(seeds: Path, index: Path, queries: list[str], runs: int) -> dict:
    paints, idles, latencies, settled, rss = [], [], [], [], []
    spacy = False
    for number in range(runs):
        _, peak, out = run_rss(
            [
                sys.executable,
                str(ROOT / "bench" / "tui_probe.py"),
                str(seeds),
                str(index),
                "--queries",
                *(queries if number == 0 else []),
            ]
        )
        data = json.loads(out.strip().splitlines()[-1])
        started = SPAWNED[-1]  # when the probe itself was started, not its launcher
        paints.append(data["ready_at"] - started)
        idles.append(data["idle_at"] - started)
        latencies += data["latencies_ms"]
        settled += data["settled_ms"]
        rss.append(peak)
        spacy = spacy or data["spacy_imported"]
    return {
        "first_paint_s": summary(paints),
        "idle_s": summary(idles),
        "keystroke_ms": summary(latencies),
        "settled_ms": summary(settled),
        "rss_mb": max(rss),
        "spacy_imported": spacy,
    }


def cold_search(seeds: Path, index: Path, runs: int) -> dict:
    times, rss = [], []
    for _ in range(runs):
        seconds, peak, _ = run_rss(dossier_cmd(seeds, index, "search", "government", "--json"))
        times.append(seconds)
        rss.append(peak)
    return {"wall_s": summary(times), "rss_mb": max(rss)}


def nlp_floor(docs: list[dict], tmp: Path) -> float:
    """Seconds for a bare nlp.pipe over the same texts with the same model (2 processes)."""
    texts = tmp / "texts.json"
    texts.write_text(json.dumps([d["body"][:100_000] for d in docs]))
    code = (
        "import json, sys, time\n"
        "import spacy\n"
        "from dossier.nlp import MODEL, PARALLEL_MIN_DOCS\n"
        f"texts = json.load(open({str(texts)!r}))\n"
        "nlp = spacy.load(MODEL)\n"
        "started = time.perf_counter()\n"
        "n = 2 if len(texts) >= PARALLEL_MIN_DOCS else 1\n"
        "for _ in nlp.pipe(texts, batch_size=32, n_process=n): pass\n"
        "print(time.perf_counter() - started)\n"
    )
    _, _, out = run_rss([sys.executable, "-c", code])
    return float(out.strip().splitlines()[-1])


def section_seeds(tmp: Path, quick: bool) -> dict:
    from dossier.service import Dossier

    seeds = ROOT / "seeds"
    builds = []
    for n in range(1 if quick else 3):
        seconds, peak, _ = run_rss(dossier_cmd(seeds, tmp / f"seed-index-{n}", "index"))
        builds.append(seconds)
    index = tmp / "seed-index-0"
    noop = [run_rss(dossier_cmd(seeds, index, "index"))[0] for _ in range(5)]
    dossier = Dossier(seeds, index)
    return {
        "full_build_s": summary(builds),
        "nothing_changed_s": summary(noop),
        "cold_search": cold_search(seeds, index, 5 if quick else 10),
        "tui": tui(
            seeds, index, ["goita", "coup", '"coup plot"', "sagara", "arrest~"], 3 if quick else 5
        ),
        "articles": len(dossier.articles()),
    }


def section_bbc(tmp: Path, quick: bool) -> tuple[dict, list[dict], list[dict]]:
    from dossier.service import Dossier

    seeds = copy_bbc(tmp / "bbc")
    index = tmp / "bbc-index"
    seconds, peak, out = run_rss(dossier_cmd(seeds, index, "index", "--json"))
    report = json.loads(out)
    dossier = Dossier(seeds, index)
    docs = corpus_docs(dossier)
    floor = nlp_floor(docs, tmp)
    noop = [run_rss(dossier_cmd(seeds, index, "index"))[0] for _ in range(5)]
    added, changed, copied = [], [], []
    for n, text in enumerate(new_articles(3)):
        # A new article (another outlet's story, not in BBC): parsed, then merged.
        (seeds / f"added-{n}.txt").write_text(text, encoding="utf-8")
        added.append(run_rss(dossier_cmd(seeds, index, "index"))[0])
        target = seeds / "tech" / f"{n + 1:03d}.txt"
        target.write_text(
            target.read_text(encoding="utf-8", errors="replace")
            + f"\nA correction was added on day {n}.\n"
        )
        changed.append(run_rss(dossier_cmd(seeds, index, "index"))[0])
        # A copy of an article under another title: its body's analysis is reused, no parse.
        source = seeds / "business" / f"{n + 1:03d}.txt"
        (seeds / f"copied-{n}.txt").write_text(
            f"Copied report {n}\n\n"
            + source.read_text(encoding="utf-8", errors="replace").split("\n", 2)[-1]
        )
        copied.append(run_rss(dossier_cmd(seeds, index, "index"))[0])
    entities = dossier.entities()
    queries = make_queries(docs, entities)
    result = {
        "articles": len(docs),
        "full_build": {
            "wall_s": seconds,
            "rss_mb": peak,
            "phases_s": report.get("phases", {}),
            "analysed": report.get("analysed"),
        },
        "nlp_pipe_floor_s": floor,
        "build_over_floor": seconds / floor if floor else None,
        "nothing_changed_s": summary(noop),
        "one_added_s": summary(added),
        "one_changed_s": summary(changed),
        "one_copy_added_s": summary(copied),
        "cold_search": cold_search(seeds, index, 5 if quick else 10),
        "tui": tui(
            seeds,
            index,
            [as_dossier(q) for q in queries[:: max(1, len(queries) // 30)]],
            2 if quick else 3,
        ),
        "entities": len(entities),
        "discrepancies": len(dossier.discrepancies()),
    }
    result["search"] = engines(dossier, docs, queries)
    return result, docs, queries


def engines(dossier, docs: list[dict], queries: list[dict]) -> dict:
    found = {
        "queries": Counter(q["kind"] for q in queries),
        "dossier": time_queries(dossier_engine(dossier), queries),
        "dossier_bare": time_queries(dossier_engine(dossier, snippets=False), queries),
        "dossier_tui": time_queries(tui_engine(dossier), queries),
    }
    fts, fts_build = fts5_engine(docs)
    found["fts5"] = time_queries(fts, queries)
    found["fts5"]["build_s"] = fts_build
    try:
        tan, tan_build = tantivy_engine(docs)
        found["tantivy"] = time_queries(tan, queries)
        found["tantivy"]["build_s"] = tan_build
    except ImportError:
        found["tantivy"] = {"error": "tantivy not installed (pip install -e .[bench])"}
    return found


def section_large(tmp: Path, queries: list[dict]) -> dict:
    from dossier.service import Dossier

    seeds = make_large(tmp / "large")
    index = tmp / "large-index"
    seconds, peak, out = run_rss(dossier_cmd(seeds, index, "index", "--text-only", "--json"))
    dossier = Dossier(seeds, index)
    docs = corpus_docs(dossier)
    text_queries = [q for q in queries if q["kind"] != "entity"]
    return {
        "articles": len(docs),
        "text_index_build": {"wall_s": seconds, "rss_mb": peak},
        "analysis": "not run at this size (see the BBC analysis rate; it scales linearly)",
        "search": engines(dossier, docs, text_queries),
        "cold_search": cold_search(seeds, index, 5),
        "tui": tui(
            seeds,
            index,
            [as_dossier(q) for q in text_queries[:: max(1, len(text_queries) // 30)]],
            2,
        ),
    }


# -- report -------------------------------------------------------------------------------------
def machine() -> dict:
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        memory = f"{int(open('/proc/meminfo').readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
    }


def fmt(value, unit="", digits=2) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        if not value:
            return "—"
        return f"{value['median']:.{digits}f} / {value['p95']:.{digits}f}{unit}"
    return f"{value:.{digits}f}{unit}"


def markdown(data: dict) -> str:
    m = data["machine"]
    lines = [
        "# dossier benchmark",
        "",
        f"{m['date']} · commit {m['commit']} · Python {m['python']} · {m['cpus']} cores ({m['cpu']}) · {m['memory']}",
        "",
        "Figures are median / p95 over repeated runs unless said otherwise. Every `dossier` figure",
        "is a real process of the installed command; RSS is the process's peak resident memory.",
        "",
    ]
    s = data["seeds"]
    lines += [
        "## Seeds (5 articles)",
        "",
        "| what | figure | target |",
        "|---|---|---|",
        f"| full build (index + spaCy analysis), s | {fmt(s['full_build_s'])} | |",
        f"| nothing-changed re-index, s | {fmt(s['nothing_changed_s'])} | ≤ 1 |",
        f"| `dossier search` cold process, s | {fmt(s['cold_search']['wall_s'])} | ≤ 0.3 |",
        f"| TUI process start → first screen drawn, s | {fmt(s['tui']['first_paint_s'])} | ≤ 0.5 |",
        f"| … → idle (sidebar and discrepancies loaded), s | {fmt(s['tui']['idle_s'])} | |",
        f"| TUI Enter → hit list updated, ms | {fmt(s['tui']['keystroke_ms'], digits=1)} | |",
        f"| TUI Enter → idle (first hit open in the reader), ms | {fmt(s['tui']['settled_ms'], digits=1)} | |",
        f"| TUI peak RSS, MB; spaCy imported | {s['tui']['rss_mb']:.0f}; {s['tui']['spacy_imported']} | no spaCy |",
        "",
    ]
    b = data.get("bbc")
    if b:
        phases = ", ".join(f"{k} {v:.1f}" for k, v in b["full_build"]["phases_s"].items())
        lines += [
            f"## BBC News ({b['articles']} articles)",
            "",
            "| what | figure | target |",
            "|---|---|---|",
            f"| full build, s (peak RSS MB) | {b['full_build']['wall_s']:.1f} ({b['full_build']['rss_mb']:.0f}) | |",
            f"| … by phase, s | {phases} | |",
            f"| bare `nlp.pipe` floor (same model, 2 processes), s | {b['nlp_pipe_floor_s']:.1f} | |",
            f"| full build ÷ floor | {b['build_over_floor']:.2f} | ≤ 1.3 |",
            f"| nothing changed, s | {fmt(b['nothing_changed_s'])} | ≤ 1 |",
            f"| one new article added (parsed), s | {fmt(b['one_added_s'])} | ≤ 3 |",
            f"| one article changed (parsed), s | {fmt(b['one_changed_s'])} | ≤ 3 |",
            f"| one copy of an article added (analysis reused), s | {fmt(b.get('one_copy_added_s'))} | |",
            f"| `dossier search` cold process, s (RSS MB) | {fmt(b['cold_search']['wall_s'])} ({b['cold_search']['rss_mb']:.0f}) | ≤ 0.3 |",
            f"| TUI start → first screen drawn, s | {fmt(b['tui']['first_paint_s'])} | ≤ 0.8 |",
            f"| … → idle (sidebar and discrepancies loaded), s | {fmt(b['tui']['idle_s'])} | |",
            f"| TUI Enter → hit list updated, ms | {fmt(b['tui']['keystroke_ms'], digits=1)} | p95 ≤ 50 |",
            f"| TUI Enter → idle (first hit open in the reader), ms | {fmt(b['tui']['settled_ms'], digits=1)} | |",
            f"| TUI peak RSS, MB | {b['tui']['rss_mb']:.0f} | ≤ 250 |",
            f"| entities / discrepancies found | {b['entities']} / {b['discrepancies']} | |",
            "",
        ]
        lines += search_table(b["search"])
    large = data.get("large")
    if large:
        lines += [
            f"## Generated corpus ({large['articles']} articles, BBC x 20 recombined)",
            "",
            "| what | figure | target |",
            "|---|---|---|",
            f"| text index build (`--text-only`), s (RSS MB) | {large['text_index_build']['wall_s']:.0f} ({large['text_index_build']['rss_mb']:.0f}) | |",
            f"| people/places/claims analysis | {large['analysis']} | |",
            f"| `dossier search` cold process, s | {fmt(large['cold_search']['wall_s'])} | |",
            f"| TUI start → first screen drawn, s | {fmt(large['tui']['first_paint_s'])} | |",
            f"| TUI Enter → hit list updated, ms | {fmt(large['tui']['keystroke_ms'], digits=1)} | p95 ≤ 150 |",
            f"| TUI Enter → idle (first hit open in the reader), ms | {fmt(large['tui']['settled_ms'], digits=1)} | |",
            "",
        ]
        lines += search_table(large["search"])
    return "\n".join(lines) + "\n"


def search_table(found: dict) -> list[str]:
    lines = [
        "Search latency in-process, ms (median / p95), the same queries on the same documents.",
        "dossier returns highlighted snippets and the total; FTS5 returns top-10 with `snippet()`;",
        "tantivy returns top-10 hits. FTS5 has no fuzzy search; neither peer has entity filters.",
        f"The TUI path is the reader's search on a key: top 50 ranked and counted, the {TUI_ROWS} rows in view highlighted.",
        "",
        "| kind | queries | dossier | dossier, no snippets | TUI path | FTS5 | tantivy | bare ÷ FTS5 | bare ÷ tantivy |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for kind in (*QUERY_KINDS, "all"):
        d = found["dossier"].get(kind)
        if not d:
            continue
        bare = found["dossier_bare"].get(kind)
        tui_path = found.get("dossier_tui", {}).get(kind)
        f = found["fts5"].get(kind)
        t = found["tantivy"].get(kind) if isinstance(found.get("tantivy"), dict) else None
        ratio_f = f"{bare['median'] / f['median']:.0f}×" if f and bare else "—"
        ratio_t = f"{bare['median'] / t['median']:.0f}×" if t and bare else "—"
        count = sum(found["queries"].values()) if kind == "all" else found["queries"].get(kind, 0)
        lines.append(
            f"| {kind} | {count} | {fmt(d, digits=1)} | {fmt(bare, digits=1)} | {fmt(tui_path, digits=1)} | {fmt(f, digits=2)} | {fmt(t, digits=2)} | {ratio_f} | {ratio_t} |"
        )
    lines.append("")
    build = [f"FTS5 {found['fts5'].get('build_s', 0):.1f} s"]
    if isinstance(found.get("tantivy"), dict) and "build_s" in found["tantivy"]:
        build.append(f"tantivy {found['tantivy']['build_s']:.1f} s")
    lines += [f"Peer index builds (in memory, text only): {', '.join(build)}.", ""]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--skip-large", action="store_true", help="skip the 44,500-article corpus")
    args = parser.parse_args()
    # The package's bytecode written first, as an install has it: where the environment turns
    # writing it off (PYTHONDONTWRITEBYTECODE), every timed command would compile what changed.
    compileall.compile_dir(ROOT / "dossier", quiet=1)
    data: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as name:
        tmp = Path(name)
        print("seeds…", flush=True)
        data["seeds"] = section_seeds(tmp, args.quick)
        if BBC.is_dir():
            print("BBC…", flush=True)
            data["bbc"], _, queries = section_bbc(tmp, args.quick)
            if not args.skip_large:
                print("44,500 articles…", flush=True)
                data["large"] = section_large(tmp, queries)
        else:
            data["bbc"] = None
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(data, indent=2, default=str) + "\n")
    (RESULTS / "latest.md").write_text(markdown(data))
    print(markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
