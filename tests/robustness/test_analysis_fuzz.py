"""The analysis fed real text of every shape: it never stops the index, and never fails at all.

Real articles are cut into paragraphs and each paragraph becomes an article of its own, so
the analysis meets texts that open with "He", "They", a quote, a number or a dash, and
one-sentence, one-word, headline-only, all-caps, list, table, foreign-language and very long
articles. The whole folder is read the way the index reads it and analysed in this process
through the index's per-article failure boundary (:func:`dossier.analysis.analyse`): no
article may fail there (the boundary is a safety net, not a place for bugs to hide). One
real ``dossier index`` build over a sample of the same folder proves the command exits 0,
indexes every article and lists none as not analysed.

``DOSSIER_FUZZ_FULL=1`` feeds every BBC and BASIL article instead of a sample (several minutes).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BIN, shared_path

FULL = os.environ.get("DOSSIER_FUZZ_FULL") == "1"
#: BBC articles cut into paragraphs in the default run (the issue asks for at least 400).
BBC_SAMPLE = 400
#: BASIL articles cut into paragraphs in the default run.
BASIL_SAMPLE = 60


def bbc_articles() -> list[str]:
    """Every BBC News article's text, in a fixed order."""
    root = shared_path("corpora", "bbc", "bbc")
    return [p.read_bytes().decode("utf-8", "replace") for p in sorted(root.glob("*/*.txt"))]


def basil_articles() -> list[list[str]]:
    """Every BASIL article's paragraphs, in a fixed order."""
    root = shared_path("corpora", "basil", "articles")
    found = []
    for path in sorted(root.glob("*/*.json")):
        paragraphs = json.loads(path.read_text(encoding="utf-8")).get("body-paragraphs") or []
        found.append([" ".join(p) if isinstance(p, list) else str(p) for p in paragraphs])
    return found


def sample(items: list, size: int) -> list:
    """An evenly spread, deterministic sample (everything in a full run)."""
    if FULL or len(items) <= size:
        return items
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


def odd_shapes(words: list[str]) -> dict[str, str]:
    """Articles of the shapes users paste that real paragraphs do not cover."""
    rng = random.Random(7)
    long_text = "\n\n".join(
        " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "."
        for _ in range(700)
    )
    return {
        "one-word.txt": "Resignation\n",
        "one-sentence.txt": "They said nothing.\n",
        "headline-only.txt": "Minister Quits After Vote Of No Confidence\n",
        "all-caps.txt": "STORM HITS COAST\n\nTHE STORM HIT THE COAST ON MONDAY, KILLING AT LEAST 12 PEOPLE, "
        "OFFICIALS SAID. HE SAID NOBODY HAD BEEN ARRESTED.\n",
        "list.txt": 'Key points\n\n- 12 arrested\n- 3 released on bail\n* Police: "more to come"\n1. Monday\n2) Tuesday\n',
        "table.txt": "Results\n\nParty | Seats | Share\n---|---|---\nLabour | 412 | 40.7%\nConservative | 166 | 31.7%\n"
        "Name\tAge\tRole\nSmith\t45\tMayor\n",
        "french.txt": "Le ministre a démissionné\n\nLe ministre de l'Intérieur a démissionné lundi, a déclaré son "
        "porte-parole. « Il n'a pas été arrêté », a-t-il ajouté.\n",
        "chinese.txt": "部长辞职\n\n内政部长周一辞职，他的发言人说。他没有被逮捕。\n",
        "dash-start.txt": '— and then, nothing. – They were never charged; "no" said none.\n',
        "number-start.txt": "47 were arrested. 12,000 marched. 3.5% voted. 2018-04-17: he resigned.\n",
        "quote-start.txt": "\"He was not arrested,\" she said. 'Neither was I.' «Ni moi.»\n",
        "punctuation.txt": "?!... ;;; --- ''' \"\"\" ((( ))) [[[ ]]] ... \u2026 \u2014 \u2013\n",
        "pronouns.txt": "He. She. They. It. Him. Her. Them. Neither. Both. None.\n",
        "ten-thousand-words.txt": "A very long report\n\n" + long_text,
    }


def build_folder(
    seeds: Path, bbc_sample: int = BBC_SAMPLE, basil_sample: int = BASIL_SAMPLE
) -> int:
    """Write the fuzz articles into ``seeds``; returns how many files were written.

    Args:
        bbc_sample: how many BBC articles to cut into paragraphs (every one in a full run).
        basil_sample: how many BASIL articles, the same way.
    """
    seeds.mkdir()
    count = 0
    bbc = bbc_articles()
    for n, text in enumerate(sample(bbc, bbc_sample)):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        for i, paragraph in enumerate(paragraphs):
            # A JSON body reaches the analysis exactly as written, first word first.
            (seeds / f"bbc-{n:04d}-{i:02d}.json").write_text(
                json.dumps({"title": f"bbc {n} {i}", "body": paragraph})
            )
            count += 1
    for n, paragraphs in enumerate(sample(basil_articles(), basil_sample)):
        for i, paragraph in enumerate(paragraphs):
            if paragraph.strip():
                # As pasted text: the cleaner finds (or derives) a headline first.
                (seeds / f"basil-{n:04d}-{i:02d}.txt").write_text(paragraph.strip() + "\n")
                count += 1
    words = sorted({w for text in bbc[:200] for w in re.findall(r"[A-Za-z][a-z]+", text)})
    for name, text in odd_shapes(words).items():
        (seeds / name).write_text(text)
        count += 1
    return count


#: The folder's texts are analysed in this many tests (each a slice of them), so that the
#: file counts as many tests and pytest-xdist hands it out early, not last.
SHARDS = 160 if FULL else 24
#: BBC and BASIL articles whose paragraphs also go through a real ``dossier index`` build.
BUILD_BBC, BUILD_BASIL = 6, 2


def read_folder(seeds: Path) -> tuple[list, list]:
    """The folder's articles and skipped files, read as the index reads them."""
    from dossier.ingest import folder_metadata, read_source, scan_folder

    metadata, problems = folder_metadata(seeds)
    files, skipped = scan_folder(seeds, metadata)
    articles = []
    for source in files:
        articles += read_source(source, metadata)[0]
    return articles, problems + skipped


@pytest.fixture(scope="module")
def fuzz_articles(tmp_path_factory):
    """Every fuzz text, written as files and read back as the index reads them."""
    seeds = tmp_path_factory.mktemp("fuzz") / "seeds"
    files = build_folder(seeds)
    articles, skipped = read_folder(seeds)
    assert skipped == []
    assert len(articles) == files
    return articles


@pytest.mark.parametrize("shard", range(SHARDS))
def test_analysis_survives_real_text_of_every_shape(fuzz_articles, shard):
    from dossier import nlp
    from dossier.analysis import analyse

    batch = fuzz_articles[shard::SHARDS]
    # Under the size at which analyse() forks parsing processes: the model is loaded once
    # per test worker, and both cores stay with the test workers.
    assert len(batch) < nlp.PARALLEL_MIN_DOCS
    results = analyse([article.body for article in batch])
    failed = [(a.path, r["error"]) for a, r in zip(batch, results, strict=True) if "error" in r]
    assert failed == [], f"{len(failed)} of {len(batch)} texts not analysed: {failed[:5]}"


def test_index_survives_real_text_of_every_shape(tmp_path):
    seeds = tmp_path / "seeds"
    files = build_folder(seeds, BUILD_BBC, BUILD_BASIL)
    run = subprocess.run(
        [BIN / "dossier", "--seeds", seeds, "--index", tmp_path / "index", "index", "--json"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    report = json.loads(run.stdout)
    assert report["skipped"] == [], report["skipped"][:5]
    assert len(report["added"]) == files
    assert report["analysed"] == files
    assert report["not_analysed"] == [], (
        f"{len(report['not_analysed'])} of {files} texts not analysed: {report['not_analysed'][:5]}"
    )


def _vocabulary() -> list[str]:
    text = "\n".join(bbc_articles()[::20])
    return sorted(set(re.findall(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*", text)))


PUNCTUATION = [
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    '"',
    "'",
    "“",
    "”",
    "—",
    "-",
    "(",
    ")",
    "\n\n",
    "%",
    "$",
    "£",
]


@pytest.fixture(scope="module")
def vocabulary():
    return _vocabulary()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_analysis_never_fails_on_sentences_made_of_real_words(vocabulary, data):
    from dossier.analysis import analyse

    pieces = data.draw(
        st.lists(
            st.one_of(st.sampled_from(vocabulary), st.sampled_from(PUNCTUATION)),
            min_size=1,
            max_size=40,
        )
    )
    text = " ".join(pieces)
    if data.draw(st.booleans()):
        text = text.upper()
    result = analyse([text])[0]
    assert "error" not in result, f"{result['error']} on {text!r}"
