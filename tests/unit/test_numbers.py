"""Counts keep their hedge, and compare the way a reader would."""

from __future__ import annotations

import pytest

from dossier.claims.numbers import (
    counts_conflict,
    describe,
    parse_count,
    same_count,
    words_to_number,
)


@pytest.mark.parametrize(
    "phrase, low, high, approx",
    [
        ("at least 20", 20, None, False),
        ("at least around 20", 20, None, True),
        ("roughly 50", 50, 50, True),
        ("about 50", 50, 50, True),
        ("closer to 50", 50, 50, True),
        ("as high as 50", None, 50, False),
        ("more than 30", 30, None, False),
        ("nearly 100", 100, 100, True),
        ("forty-five", 45, 45, False),
        ("between 10 and 15", 10, 15, False),
        ("1,200", 1200, 1200, False),
        ("2.5 million", 2_500_000, 2_500_000, False),
        ("dozens", 24, 199, True),
        ("hundreds", 200, 999, True),
    ],
)
def test_hedged_counts(phrase, low, high, approx):
    value = parse_count(phrase)
    assert (value["min"], value["max"], value["approx"]) == (low, high, approx)


@pytest.mark.parametrize("phrase", ["the army", "soldiers", "", "May"])
def test_not_counts(phrase):
    assert parse_count(phrase) is None


def test_words_to_numbers():
    assert words_to_number("two hundred and five") == 205
    assert words_to_number("twelve") == 12
    assert words_to_number("eleventy") is None


@pytest.mark.parametrize(
    "a, b, conflict",
    [
        ("at least 20", "roughly 50", False),  # overlapping ranges: a variation
        ("at least 45", "about 20", True),  # disjoint: cannot both be true
        ("30", "more than 30", False),  # a near miss reads as variation
        ("12", "at least 30", True),
        ("dozens", "about 50", False),
        ("as high as 50", "at least 45", False),
        ("5", "hundreds", True),
    ],
)
def test_conflicts(a, b, conflict):
    assert counts_conflict(parse_count(a), parse_count(b)) is conflict
    assert counts_conflict(parse_count(b), parse_count(a)) is conflict


def test_about_fifty_and_fifty_agree():
    assert same_count(parse_count("about 50"), parse_count("50"))
    assert not same_count(parse_count("at least 50"), parse_count("50"))


def test_describe():
    assert describe(parse_count("at least 20")) == "at least 20"
    assert describe(parse_count("roughly 50")) == "about 50"


@pytest.mark.parametrize(
    "phrase", ["as much as 40", "below 40", "fewer than 40", "approx 40", "around some 40"]
)
def test_counts_and_amounts_read_every_hedge_alike(phrase):
    # One hedge lexicon for the count frames and the amount facts: a hedge one of them
    # knows, the other knows too, with the same bound.
    from dossier.claims.quantities import parse_amount

    count, amount = parse_count(phrase), parse_amount(phrase)
    assert count is not None and amount is not None
    assert (count["min"], count["max"]) == (amount["min"], amount["max"])
    assert count["approx"] == (amount["hedge"] == "about")
