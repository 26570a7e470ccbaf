"""`dossier quotes` on a small hand-written dossier with a real index (issue 16 item 12)."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import dossier
from tests.quotes_dossier import write_quotes_dossier


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return write_quotes_dossier(tmp_path_factory.mktemp("quotes-seeds")), tmp_path_factory.mktemp(
        "quotes-index"
    )


def test_quotes_json_groups_by_speaker_and_marks_the_reworded_quote(folders):
    seeds, index = folders
    data = json.loads(dossier("quotes", "--json", seeds=seeds, index=index).stdout)
    speakers = data["speakers"]
    first = speakers[0]
    assert (first["id"], first["name"]) == ("delphine-okafor", "Delphine Okafor")
    assert {q["path"] for q in first["quotes"]} == {"gazette.txt", "courier.txt", "notes.txt"}
    assert set(first["quotes"][0]) >= {
        "path",
        "source",
        "quote",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "differs",
    }
    by_path = {q["path"]: q for q in first["quotes"]}
    assert by_path["notes.txt"]["source"] == "notes.txt"  # no outlet known: the file name
    assert by_path["courier.txt"]["source"] == "Valley Courier"
    # the two outlets word the mayor's promise differently: both carry that discrepancy's id
    reworded = by_path["gazette.txt"]["differs"]
    assert (
        reworded
        and reworded == by_path["courier.txt"]["differs"]
        and by_path["notes.txt"]["differs"] == []
    )
    kinds = {
        d["id"]: d["kind"]
        for d in json.loads(dossier("discrepancies", "--json", seeds=seeds, index=index).stdout)[
            "discrepancies"
        ]
    }
    assert kinds[reworded[0]] == "quote"
    # quoted words nobody is credited with are listed last, as unattributed
    assert speakers[-1]["name"] == "unattributed" and speakers[-1]["id"] is None
    counts = [len(s["quotes"]) for s in speakers[:-1]]
    assert counts == sorted(counts, reverse=True)  # most quoted first


def test_quotes_speaker_filter_and_text_output(folders):
    seeds, index = folders
    data = json.loads(
        dossier("quotes", "--speaker", "okafor", "--json", seeds=seeds, index=index).stdout
    )
    assert [s["id"] for s in data["speakers"]] == ["delphine-okafor"]
    text = dossier("quotes", "--speaker", "Delphine", seeds=seeds, index=index).stdout
    assert "Delphine Okafor" in text and "Valley Courier (courier.txt)" in text
    assert "another outlet quotes this differently" in text
    assert (
        "No quotations by 'nobody at all'"
        in dossier("quotes", "--speaker", "nobody at all", seeds=seeds, index=index).stdout
    )


def test_an_outlet_read_from_wire_credits_is_marked_guessed(tmp_path):
    """On the seeds: one article names its outlet only in wire credits."""
    articles = json.loads(dossier("articles", "--json", index=tmp_path).stdout)["articles"]
    guessed = {a["path"]: a["source"] for a in articles if a.get("source_guessed")}
    quotes = [
        q
        for s in json.loads(dossier("quotes", "--json", index=tmp_path).stdout)["speakers"]
        for q in s["quotes"]
    ]
    assert guessed and any(q["path"] in guessed for q in quotes)
    for quote in quotes:
        assert quote["source_guessed"] == (quote["path"] in guessed)
        if quote["path"] in guessed:
            assert quote["source"] == guessed[quote["path"]]
    assert "(guessed)" in dossier("quotes", index=tmp_path).stdout
