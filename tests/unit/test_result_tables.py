"""Results and standings lines: the names on them are teams, judged by the line's shape only."""

from __future__ import annotations

import pytest

from dossier import nlp
from dossier.entities.mentions import extract_mentions
from dossier.entities.resolve import decide_kinds, mention_kind, resolve
from dossier.entities.tables import table_name_spans


def _names(text: str) -> list[str]:
    return [text[start:end] for start, end in table_name_spans(text)]


@pytest.mark.parametrize(
    ("line", "teams"),
    [
        ("Norwich 1 Swindon 1", ["Norwich", "Swindon"]),
        ("Norwich 2 Swindon 0 (halftime 1-0)", ["Norwich", "Swindon"]),
        ("Norwich 3 - 1 Swindon", ["Norwich", "Swindon"]),
        ("Norwich 2-1 Swindon", ["Norwich", "Swindon"]),
        ("Norwich 20 6 8 6 25 17 26", ["Norwich"]),
        ("4. Queen of the South 16 2 5 9 14 25 11", ["Queen of the South"]),
        ("NORWICH 74 62 .544 -", ["NORWICH"]),
    ],
)
def test_results_and_standings_lines_name_their_teams(line, teams):
    assert _names(line) == teams


@pytest.mark.parametrize(
    "line",
    [
        "Paris 2024 saw 3 million visitors",
        "NORWICH 2024-05-01",  # a dateline
        "Top 10 Cities To Visit In 2024",  # a headline with figures, no scores
        "Norwich 8,674 9,018",  # two figures are not a standings row
        "Northfield Mayor Ann Kerr said 3 people were hurt in Swindon",
        "Ann Kerr (Norwich) 1:19.03",  # a name with one time is no results line
    ],
)
def test_other_lines_with_figures_are_not_tables(line):
    assert _names(line) == []


def _parse(text: str):
    return next(iter(nlp.parse([text], count=1)))


def _kinds_on(text: str) -> list[tuple[str, str | None, str]]:
    """(name, kind, line) for every mention, kinds decided as for a dossier of one article."""
    mentions = extract_mentions(_parse(text))
    kinds = decide_kinds({"a": mentions})
    lines = text.split("\n")
    return [
        (m["name"], mention_kind(m, kinds), lines[text.count("\n", 0, m["start"])])
        for m in mentions
    ]


def test_towns_on_a_results_line_are_teams_and_stay_places_in_prose():
    text = (
        "Norwich 2 Swindon 0 (halftime 1-0)\n"
        "Bristol 20 6 8 6 25 17 26\n"
        "Thousands of fans lined the streets of Norwich on Sunday, and the mayor of Swindon "
        "said the town would welcome visitors from Bristol next week.\n"
    )
    found = _kinds_on(text)
    on_tables = {(name, kind) for name, kind, line in found if not line.startswith("Thousands")}
    in_prose = {(name, kind) for name, kind, line in found if line.startswith("Thousands")}
    assert on_tables == {
        ("Norwich", "organisation"),
        ("Swindon", "organisation"),
        ("Bristol", "organisation"),
    }
    assert {("Norwich", "place"), ("Swindon", "place"), ("Bristol", "place")} <= in_prose


def test_a_prose_sentence_with_numbers_is_untouched():
    text = "Paris 2024 saw 3 million visitors, and hotels in Paris were full for weeks.\n"
    assert {(name, kind) for name, kind, _ in _kinds_on(text)} == {("Paris", "place")}


def test_players_on_a_leaderboard_stay_people_and_countries_stay_places():
    text = (
        "Maria Hernandez 70 68 72\n"
        "Portugal 2 Norway 1\n"
        "Maria Hernandez won by a stroke, her coach said.\n"
    )
    found = {(name, kind) for name, kind, _ in _kinds_on(text)}
    assert ("Maria Hernandez", "person") in found
    assert ("Portugal", "place") in found and ("Norway", "place") in found


def test_a_team_the_model_missed_is_added():
    text = "EASTBROOK ROVERS 3 SWINDON 1\nThe match drew a large crowd.\n"
    found = {(name, kind) for name, kind, _ in _kinds_on(text)}
    assert ("EASTBROOK ROVERS", "organisation") in found


def _mention(name, kind, start, *, table=False):
    mention = {
        "name": name,
        "kind": kind,
        "source": "table" if table else "GPE",
        "gazetteer": None if table else "city",
        "start": start,
        "end": start + len(name),
        "sentence": [start, start + 40],
        "titles": [],
        "descriptions": [],
        "headline": False,
    }
    if table:
        mention["table"] = True
    return mention


def test_table_mentions_keep_their_kind_and_stay_out_of_the_place_vote():
    # Three results lines and one prose mention: the town is still a place in prose, and the
    # team is an organisation of its own.
    mentions = {
        "a": [
            _mention("Norwich", "organisation", 0, table=True),
            _mention("Norwich", "organisation", 50, table=True),
            _mention("Norwich", "organisation", 100, table=True),
            _mention("Norwich", "place", 200),
        ]
    }
    entities = {(e["kind"], e["mentions"]) for e in resolve(mentions) if e["name"] == "Norwich"}
    assert entities == {("organisation", 3), ("place", 1)}
    assert decide_kinds(mentions)["norwich"] == "place"
