"""find_discrepancies on hand-written claims: no spaCy, no index, only the comparison."""

from __future__ import annotations

from typing import Any

from dossier.claims.compare import find_discrepancies


def _count(quote: str, figure: int, subject: str = "protester", start: int = 0) -> dict[str, Any]:
    """A count claim as frames.extract_claims writes one: 'N protesters were arrested'."""
    return {
        "kind": "count",
        "event": "arrest",
        "subject": subject,
        "value": {"min": figure, "max": figure, "approx": False},
        "value_text": str(figure),
        "polarity": "affirms",
        "quote": quote,
        "start": start,
        "end": start + len(str(figure)),
        "quote_start": 0,
        "quote_end": len(quote),
        "mention_start": None,
    }


def _approx(claim: dict[str, Any], low: int, high: int) -> dict[str, Any]:
    return {**claim, "value": {"min": low, "max": high, "approx": True}}


def test_counts_no_source_shares_are_a_conflict() -> None:
    claims = {
        "a.txt": [_count("Police arrested 12 protesters at the bridge.", 12)],
        "b.txt": [_count("Officers detained 40 protesters on the bridge.", 40)],
    }
    (found,) = find_discrepancies(claims, [])
    assert found["kind"] == "number"
    assert found["severity"] == "conflict"
    assert found["topic"] == "How many protesters were arrested"
    assert found["summary"] == "12 to 40 protesters, by source"
    assert [(c["path"], c["value"]["min"]) for c in found["claims"]] == [
        ("a.txt", 12),
        ("b.txt", 40),
    ]
    assert found["id"] == "how-many-protesters-were-arrested"


def test_overlapping_counts_are_a_variation() -> None:
    about = _approx(_count("About 30 protesters were arrested.", 30), 20, 40)
    claims = {
        "a.txt": [about],
        "b.txt": [_count("Police said 35 protesters were arrested.", 35)],
    }
    (found,) = find_discrepancies(claims, [])
    assert (found["kind"], found["severity"]) == ("number", "variation")


def test_same_count_everywhere_is_no_topic() -> None:
    claims = {
        "a.txt": [_count("Nine protesters were arrested.", 9)],
        "b.txt": [_count("Police arrested nine protesters.", 9)],
        "c.txt": [_count("Nine protesters were held.", 9)],
    }
    assert find_discrepancies(claims, []) == []


def test_one_source_alone_is_no_topic() -> None:
    claims = {"a.txt": [_count("3 protesters were arrested.", 3), _count("Then 8.", 8, start=5)]}
    assert find_discrepancies(claims, []) == []


def test_counts_of_two_occasions_are_not_compared() -> None:
    # One source gives tonight's figure and, in the same sentence, last night's: the other
    # source's figure is last night's, so the two counts are of different nights.
    claims = {
        "a.txt": [
            _count("Police arrested 5 protesters on Friday, compared with 61 on Thursday night.", 5)
        ],
        "b.txt": [_count("On Thursday night 61 protesters were arrested.", 61)],
    }
    assert find_discrepancies(claims, []) == []
    # The same two figures with nothing to say they are of different nights: a conflict.
    claims["a.txt"] = [_count("Police arrested 5 protesters on Friday.", 5)]
    (found,) = find_discrepancies(claims, [])
    assert found["severity"] == "conflict"


def test_counts_of_different_groups_are_not_compared() -> None:
    claims = {
        "a.txt": [_count("Police arrested 4 protesters.", 4)],
        "b.txt": [_count("Police arrested 70 students.", 70, subject="student")],
    }
    assert find_discrepancies(claims, []) == []


def test_conflicts_come_before_variations() -> None:
    claims = {
        "a.txt": [
            _approx(_count("About 30 students were arrested.", 30, "student"), 20, 40),
            _count("Police arrested 12 protesters.", 12, start=40),
        ],
        "b.txt": [
            _count("35 students were arrested.", 35, "student"),
            _count("Police arrested 90 protesters.", 90, start=40),
        ],
    }
    found = find_discrepancies(claims, [])
    assert [(d["topic"], d["severity"]) for d in found] == [
        ("How many protesters were arrested", "conflict"),
        ("How many students were arrested", "variation"),
    ]


def _person(name: str, spellings: dict[str, str]) -> dict[str, Any]:
    """A person entity named ``spellings[path]`` once in each article."""
    return {
        "id": name.lower().replace(" ", "-"),
        "name": name,
        "kind": "person",
        "occurrences": [
            {"path": path, "start": 4, "end": 4 + len(s), "sentence": [0, 40], "surface": s}
            for path, s in spellings.items()
        ],
    }


def test_a_name_spelt_two_ways_lists_every_article_that_spells_it() -> None:
    spellings = {
        "a.txt": "Joanna Kowalska",
        "b.txt": "Joanna Kowalska",
        "c.txt": "Joanna Kowalska",
        "d.txt": "Joanna Kowalsca",
        "e.txt": "Joanna Maria Kowalska",  # a longer form is house style, not a spelling
    }
    texts = {path: f"Ms. {s} spoke to the council." for path, s in spellings.items()}
    (found,) = find_discrepancies(
        {}, [_person("Joanna Kowalska", spellings)], lambda p, s, e: texts[p][s:e]
    )
    assert found["kind"] == "name" and found["summary"] == "Joanna Kowalsca / Joanna Kowalska"
    assert [c["path"] for c in found["claims"]] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    one_way = {path: "Joanna Kowalska" for path in spellings}
    assert find_discrepancies({}, [_person("Joanna Kowalska", one_way)], lambda p, s, e: "") == []
