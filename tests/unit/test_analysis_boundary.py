"""One article can never break the index: the analysis boundary, on a real index and real spaCy.

Once the known crash is fixed no real text makes the extraction fail, so the tests that check
the boundary itself make it fail on purpose for one marked article (the rest of the pipeline
is the real one).
"""

from __future__ import annotations

import pytest

import dossier.analysis as analysis
from dossier.service import Dossier

PRONOUN_FIRST = (
    "He was arrested on Monday in Paris, police said. Officers took Jan Kowalski to Lisbon.\n"
)
MARKER = "Zanzibarian marmalade"


def write(seeds, files):
    seeds.mkdir(exist_ok=True)
    for name, text in files.items():
        (seeds / name).write_text(text)


def test_article_opening_with_a_pronoun_is_analysed(tmp_path):
    write(tmp_path / "seeds", {"a.txt": "Arrest in Paris\n\n" + PRONOUN_FIRST})
    dossier = Dossier(tmp_path / "seeds", tmp_path / "index")
    report = dossier.refresh()
    assert report.analysed == 1
    assert dossier.not_analysed() == []
    assert any(e["name"] == "Jan Kowalski" for e in dossier.entities())


@pytest.fixture
def failing_extraction(monkeypatch):
    """Mention extraction that fails on the article holding MARKER, and only there."""
    from dossier.entities import mentions

    real = mentions.extract_mentions

    def extract(doc):
        if MARKER in doc.text:
            raise ValueError("injected failure")
        return real(doc)

    monkeypatch.setattr(mentions, "extract_mentions", extract)
    return monkeypatch


def test_a_failing_article_stays_indexed_and_the_others_keep_their_analysis(
    tmp_path, failing_extraction
):
    seeds = tmp_path / "seeds"
    write(
        seeds,
        {
            "good.txt": "Mayor resigns\n\nThe mayor Ana Lopez resigned on Monday in Lisbon, her office said.\n",
            "bad.txt": f"Odd one\n\nThe {MARKER} was sold in Porto by Rui Costa on Tuesday.\n",
        },
    )
    dossier = Dossier(seeds, tmp_path / "index")
    report = dossier.refresh()

    assert sorted(report.added) == ["bad.txt", "good.txt"]
    assert [n.path for n in report.notices if "not analysed" in n.message] == ["bad.txt"]
    assert "ValueError: injected failure" in report.notices[0].message
    assert [f["path"] for f in dossier.not_analysed()] == ["bad.txt"]
    assert dossier.search("marmalade").total == 1  # still searchable
    names = {e["name"] for e in dossier.entities()}
    assert "Ana Lopez" in names and "Rui Costa" not in names

    # Nothing changed: not parsed again, still listed as not analysed.
    again = dossier.refresh()
    assert again.analysed == 0
    assert [f["path"] for f in dossier.not_analysed()] == ["bad.txt"]

    # An upgrade (a new analysis version) retries it; with the fault gone it is analysed.
    failing_extraction.undo()
    failing_extraction.setattr(analysis, "ANALYSIS_VERSION", analysis.ANALYSIS_VERSION + "-next")
    upgraded = dossier.refresh()
    assert upgraded.analysed == 2
    assert dossier.not_analysed() == []
    assert "Rui Costa" in {e["name"] for e in dossier.entities()}


def test_a_failing_merge_keeps_the_previous_entities_and_says_so(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    write(
        seeds,
        {
            "a.txt": "Mayor resigns\n\nThe mayor Ana Lopez resigned on Monday in Lisbon, her office said.\n"
        },
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    before = dossier.entities()
    assert before

    from dossier.entities import resolve as resolve_module

    def broken(*args, **kwargs):
        raise RuntimeError("merge failed")

    monkeypatch.setattr(resolve_module, "resolve", broken)
    monkeypatch.setattr(resolve_module, "Resolver", broken)  # resolving ahead of the parse too
    write(seeds, {"b.txt": "Storm\n\nA storm hit Porto on Friday, officials said.\n"})
    report = dossier.refresh()
    assert report.added == ["b.txt"]
    assert any(
        n.path == "(analysis)"
        and "kept from the last run" in n.message
        and "merge failed" in n.message
        for n in report.notices
    )
    assert dossier.entities() == before
    assert dossier.search("storm").total == 1

    monkeypatch.undo()
    dossier.refresh()
    assert "Porto" in {e["name"] for e in dossier.entities()}


def test_a_failing_quote_list_keeps_the_previous_quotes_and_entities(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    write(
        seeds,
        {
            "a.txt": "Mayor resigns\n\n“I leave this office with a heavy heart,” said Mayor Ana Lopez on Monday.\n"
        },
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    before, entities = dossier.quotes(), dossier.entities()
    assert [q["quote"] for s in before for q in s["quotes"]] == [
        "I leave this office with a heavy heart,"
    ]

    from dossier.claims import quotes as quotes_module

    def broken(*args, **kwargs):
        raise RuntimeError("quotes failed")

    monkeypatch.setattr(quotes_module, "collect_quotes", broken)
    write(
        seeds,
        {
            "b.txt": "Storm\n\n“The water rose faster than anyone expected,” a fisherman said in Porto.\n"
        },
    )
    report = dossier.refresh()
    assert any(n.path == "(analysis)" and "quotes failed" in n.message for n in report.notices)
    assert dossier.quotes() == before and dossier.entities() == entities

    monkeypatch.undo()
    dossier.refresh()
    assert len([q for s in dossier.quotes() for q in s["quotes"]]) == 2


# -- large batches: parsed and extracted in worker processes -----------------------------------
def many_texts(count: int) -> list[str]:
    """Short hand-written articles, each naming its own people and places."""
    towns = ["Lisbon", "Porto", "Braga", "Faro", "Coimbra"]
    return [
        f"The mayor Ana Lopez{n} met {10 + n} fishermen in {towns[n % 5]} on Monday. "
        f"“We will rebuild the harbour number {n},” said Rui Costa{n}."
        for n in range(count)
    ]


def test_a_large_batch_gives_what_one_process_gives():
    from dossier import nlp

    texts = many_texts(nlp.PARALLEL_MIN_DOCS)
    assert nlp.processes_for(len(texts)) == 2
    assert analysis.analyse(texts) == analysis._analyse_here(texts)


def test_a_worker_that_dies_costs_nothing(monkeypatch):
    """A worker killed mid-batch (out of memory, a crash in native code): the rest of the
    batch is analysed in this process, every text once, in order."""
    import os

    from dossier import nlp

    real = analysis.analyse_doc
    parent = os.getpid()

    def dies_in_a_worker(doc):
        if MARKER in doc.text and os.getpid() != parent:
            os._exit(1)
        return real(doc)

    monkeypatch.setattr(analysis, "analyse_doc", dies_in_a_worker)
    texts = many_texts(nlp.PARALLEL_MIN_DOCS)
    texts[150] = f"The {MARKER} was sold in Porto by Rui Costa on Tuesday."
    results = analysis.analyse(texts)
    assert not any(r.get("error") for r in results)
    assert "Rui Costa" in {m["name"] for m in results[150]["mentions"]}
    assert results == analysis._analyse_here(texts)  # in this process the marker is harmless
