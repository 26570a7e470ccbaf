"""collect_quotes / group_by_speaker on hand-written quote facts (no spaCy)."""

from __future__ import annotations

from dossier.claims.quotes import (
    UNATTRIBUTED,
    collect_quotes,
    group_by_speaker,
    mark_differences,
    people_by_name,
)

ADA = {
    "id": "ada-okonkwo",
    "name": "Ada Okonkwo",
    "kind": "person",
    "aliases": ["Minister Ada Okonkwo"],
}


def _quote(words, start, attribution=None, speaker_span=None, sentence=None):
    sentence = sentence or (start - 1, start + len(words) + 20)
    return {
        "kind": "quote",
        "value": {"quote": words},
        "attribution": attribution,
        "speaker_span": speaker_span,
        "start": start,
        "end": start + len(words),
        "quote_start": sentence[0],
        "quote_end": sentence[1],
    }


def _entity_at(spans):
    def entity_at(path, start, end):
        return next((e for p, s, t, e in spans if p == path and s < end and start < t), None)

    return entity_at


CLAIMS = {
    "b.txt": [
        _quote(
            "the bridge will reopen by spring at the latest", 10, "Minister Ada Okonkwo", [20, 40]
        ),
        {"kind": "quantity", "value": {"min": 3}, "quote_start": 0, "quote_end": 5},
        _quote("nobody told us about the closure", 200, "a resident"),
    ],
    "a.txt": [
        _quote("the bridge will reopen in spring at the latest", 30, "Okonkwo"),
        _quote("we were never consulted about any of this", 90, "he"),
    ],
}


def test_every_quote_with_its_resolved_speaker_path_words_and_offsets():
    found = collect_quotes(CLAIMS, _entity_at([("b.txt", 0, 50, ADA)]))
    assert [(q["path"], q["start"]) for q in found] == [
        ("a.txt", 30),
        ("a.txt", 90),
        ("b.txt", 10),
        ("b.txt", 200),
    ]
    resolved = found[2]
    assert (resolved["speaker_id"], resolved["speaker"]) == ("ada-okonkwo", "Ada Okonkwo")
    assert resolved["quote"] == "the bridge will reopen by spring at the latest"
    assert (resolved["sentence_start"], resolved["sentence_end"]) == (
        9,
        10 + len(resolved["quote"]) + 20,
    )
    # no entity at the span: the attribution text, or 'unattributed' for a bare pronoun
    assert (found[0]["speaker_id"], found[0]["speaker"]) == (None, "Okonkwo")
    assert found[1]["speaker"] == UNATTRIBUTED and found[3]["speaker"] == "a resident"


def test_a_surname_alone_is_resolved_to_the_one_person_of_that_name():
    named = people_by_name(
        [ADA, {"id": "okonkwo-river", "name": "Okonkwo River", "kind": "place", "aliases": []}]
    )
    found = collect_quotes(CLAIMS, _entity_at([("b.txt", 0, 50, ADA)]), entity_named=named)
    assert found[0]["speaker_id"] == "ada-okonkwo"
    assert named("a resident") is None and named("Minister Ada Okonkwo")["id"] == "ada-okonkwo"
    # two people share the surname: no guess
    assert (
        people_by_name([ADA, {**ADA, "id": "ben-okonkwo", "name": "Ben Okonkwo", "aliases": []}])(
            "Okonkwo"
        )
        is None
    )


def test_quotes_carry_the_ids_of_the_quote_discrepancies_that_hold_them():
    a, b = CLAIMS["a.txt"][0], CLAIMS["b.txt"][0]
    discrepancies = [
        {
            "id": "what-did-she-say",
            "kind": "quote",
            "claims": [
                {
                    "path": "a.txt",
                    "start": a["quote_start"],
                    "end": a["quote_end"],
                    "value": a["value"],
                },
                {
                    "path": "b.txt",
                    "start": b["quote_start"],
                    "end": b["quote_end"],
                    "value": b["value"],
                },
            ],
        },
        # the same sentence in a number discrepancy is not a quote that differs
        {
            "id": "how-many",
            "kind": "number",
            "claims": [
                {
                    "path": "a.txt",
                    "start": a["quote_start"],
                    "end": a["quote_end"],
                    "value": {"min": 3},
                }
            ],
        },
        # same sentence, other quoted words: not this quote
        {
            "id": "who-said-it",
            "kind": "attribution",
            "claims": [
                {
                    "path": "b.txt",
                    "start": b["quote_start"],
                    "end": b["quote_end"],
                    "value": {"quote": "other words"},
                }
            ],
        },
    ]
    found = {
        (q["path"], q["start"]): q["differs"] for q in collect_quotes(CLAIMS, None, discrepancies)
    }
    assert found[("a.txt", 30)] == ["what-did-she-say"] and found[("b.txt", 10)] == [
        "what-did-she-say"
    ]
    assert found[("a.txt", 90)] == [] and found[("b.txt", 200)] == []
    # Marked afterwards (the speakers found before the discrepancies): the same quotes.
    unmarked = collect_quotes(CLAIMS, None)
    assert all(q["differs"] == [] for q in unmarked)
    assert mark_differences(unmarked, discrepancies) == collect_quotes(CLAIMS, None, discrepancies)


def test_grouped_by_speaker_most_quoted_first_and_unattributed_last():
    named = people_by_name([ADA])
    groups = group_by_speaker(
        collect_quotes(CLAIMS, _entity_at([("b.txt", 0, 50, ADA)]), entity_named=named)
    )
    assert [(g["id"], g["name"], len(g["quotes"])) for g in groups] == [
        ("ada-okonkwo", "Ada Okonkwo", 2),
        (None, "a resident", 1),
        (None, UNATTRIBUTED, 1),
    ]
    assert set(groups[0]["quotes"][0]) == {
        "path",
        "quote",
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "differs",
    }
    # unresolved speakers written alike are one group, whatever the case
    more = {"c.txt": [_quote("the water is not safe to drink yet", 5, "A Resident")]}
    groups = group_by_speaker(collect_quotes({**CLAIMS, **more}))
    assert [len(g["quotes"]) for g in groups if g["name"].lower() == "a resident"] == [2]


def _he_said_case(
    previous: str, quoted: str = "“We will not raise the harbour fees this year,” she said."
):
    """A body of two sentences, the person of the first as an entity, and the quote fact of the second."""
    from dossier.claims.quotes import people_before

    body = previous + "\n\n" + quoted
    name = "Ana Ruiz"
    at = body.index(name)
    entity = {
        "id": "ana-ruiz",
        "name": name,
        "kind": "person",
        "aliases": [],
        "occurrences": [
            {"path": "a.txt", "start": at, "end": at + len(name), "sentence": [0, len(previous)]}
        ],
    }
    second = len(previous) + 2
    words_start = second + 1
    fact = _quote(
        "We will not raise the harbour fees this year,",
        words_start,
        None,
        None,
        (second, len(body)),
    )
    return {"a.txt": [fact]}, (people_before([entity]), lambda path, start, end: body[start:end])


def test_a_he_said_quote_goes_to_the_subject_of_the_sentence_before():
    for previous in (
        "Councillor Ana Ruiz defended the budget.",
        "In a statement on Monday, Ana Ruiz defended the budget.",
    ):
        claims, near = _he_said_case(previous)
        assert collect_quotes(claims, near=near)[0]["speaker_id"] == "ana-ruiz", previous
    # without the neighbourhood it stays unattributed
    claims, _ = _he_said_case("Ana Ruiz defended the budget.")
    assert collect_quotes(claims)[0]["speaker"] == UNATTRIBUTED


def test_a_he_said_quote_is_not_guessed_from_an_object_an_owner_or_a_credit_without_pronoun():
    for previous in (
        "The mayor thanked Ana Ruiz for the budget.",
        "Ana Ruiz's deputy defended the budget.",
    ):
        claims, near = _he_said_case(previous)
        assert collect_quotes(claims, near=near)[0]["speaker"] == UNATTRIBUTED, previous
    claims, near = _he_said_case(
        "Ana Ruiz defended the budget.",
        "A banner read “We will not raise the harbour fees this year,” in red.",
    )
    assert collect_quotes(claims, near=near)[0]["speaker"] == UNATTRIBUTED
