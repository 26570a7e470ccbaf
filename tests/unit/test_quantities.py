"""Amounts keep their hedge and unit, and compare the way a reader would."""

from __future__ import annotations

import pytest

from dossier.claims.quantities import describe_amount, parse_amount, parse_duration_word, relation


@pytest.mark.parametrize(
    "phrase, hedge, number",
    [
        ("$3.2 million", "exact", 3_200_000),
        ("just over $300,000", "at_least", 300_000),
        ("more than $90,000", "at_least", 90_000),
        ("up to 2.4 million", "at_most", 2_400_000),
        ("as many as 2.3 million", "at_most", 2_300_000),
        ("$1,234.56", "exact", 1234.56),
        ("about $60,000", "about", 60_000),
        ("the more than 2,900", "at_least", 2900),
        ("fewer than 12", "below", 12),
        ("forty-five", "exact", 45),
        ("$3bn", "exact", 3_000_000_000),
    ],
)
def test_amounts_keep_their_hedge(phrase, hedge, number):
    value = parse_amount(phrase)
    assert value["hedge"] == hedge and value["number"] == number


def test_vague_amounts_are_ranges():
    value = parse_amount("hundreds of thousands")
    assert value["hedge"] == "vague" and value["min"] == 200_000 and value["number"] is None
    assert parse_amount("the committee") is None


def test_long_durations():
    unit, value = parse_duration_word("weekslong")
    assert unit == "week" and value["hedge"] == "vague"
    assert parse_duration_word("headlong") is None


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("$300,000", "just over $300,000", "agree"),  # same figure, one more precise
        ("more than $90,000", "$90,000", "agree"),
        ("over $2,000", "$2,841.12", "agree"),  # a bound the exact figure satisfies
        ("hundreds of thousands", "600,000", "agree"),
        ("at least 70", "at least 85", "agree"),
        ("$27,480", "$27,000", "variation"),  # one figure rounded
        ("up to 2.1 million", "2 million", "variation"),  # an upper estimate
        ("61", "62", "conflict"),
        ("$7,314.20", "$7,214.20", "conflict"),
        ("more than 900", "700", "conflict"),
    ],
)
def test_relation_reads_like_a_reader(a, b, expected):
    assert relation(parse_amount(a), parse_amount(b)) == expected
    assert relation(parse_amount(b), parse_amount(a)) == expected


def test_describe_amount():
    assert describe_amount(parse_amount("more than 2,900"), "bridge") == "more than 2,900"
    assert describe_amount(parse_amount("$27,480"), "$") == "$27,480"


def test_currency_of():
    from dossier.claims.quantities import currency_of

    assert (
        currency_of("£5m") == "£"
        and currency_of("5 million euros") == "€"
        and currency_of("$3") == "$"
    )
    assert currency_of("5 million") == "money"


def test_durations_are_described_in_their_own_unit():
    value = {"min": 730, "max": 730, "hedge": "exact", "number": 730, "unit_word": "year"}
    assert describe_amount(value, "duration") == "2 years"
    assert (
        describe_amount({**parse_duration_word("weekslong")[1], "unit_word": "week"}, "duration")
        == "weeks-long"  # as the text said it: how many weeks is not said
    )


def test_a_quote_starts_at_its_first_word_not_at_the_previous_paragraphs_closing_mark():
    from dossier.claims.facts import sentence_bounds

    text = 'She said "no."\n\n"\n\nHe accused the mayor of lying, saying "nobody knows."\n\n"'
    start = text.index('"\n\nHe')
    begin, end = sentence_bounds(text, start, len(text))
    assert text[begin:end] == 'He accused the mayor of lying, saying "nobody knows."'
    plain = "A sentence.  "
    assert sentence_bounds(plain, 0, len(plain)) == (0, len("A sentence."))
