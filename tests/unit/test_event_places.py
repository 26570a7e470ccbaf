"""Where an event happened is read from how the place hangs on the event, not from any place nearby."""

from __future__ import annotations

import pytest

from dossier.analysis import analyse
from dossier.service import Dossier


def event_places(text: str) -> list[list[str]]:
    """The places of every status claim (who was arrested, charged...) the text makes."""
    (result,) = analyse([text])
    return [
        (c.get("value") or {}).get("places", [])
        for c in result["claims"]
        if c.get("kind") == "status"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Ana Lopez, D-Ore., was charged on Tuesday with fraud, prosecutors said.",
        "U.S. Rep. Ana Lopez (D-Ore.) was indicted Tuesday on charges of fraud.",
        "Jan Kowalski, who represents Porto in parliament, was arrested on Monday.",
        "Jan Kowalski, a lawmaker from Porto, was arrested on Monday.",
        "Jan Kowalski was indicted by the attorney for the Northern District of Oregon on Monday.",
    ],
)
def test_places_that_describe_a_person_are_not_where_the_event_happened(text):
    places = event_places(text)
    assert places, "the sentence makes a claim about the person"
    assert all(p == [] for p in places), places


def test_places_of_the_event_are_kept_and_differ_by_source(tmp_path):
    assert event_places("The police arrested Jan Kowalski at a hotel in Lisbon on Monday.") == [
        ["Lisbon"]
    ]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Arrest\n\nThe police arrested Jan Kowalski at a hotel in Lisbon on Monday.\n"
    )
    (seeds / "b.txt").write_text(
        "Arrest\n\nJan Kowalski was arrested in Porto on Monday, officials said.\n"
    )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh()
    (found,) = [d for d in dossier.discrepancies() if d["kind"] == "place"]
    assert {tuple(c["value"]["places"]) for c in found["claims"]} == {("Lisbon",), ("Porto",)}
