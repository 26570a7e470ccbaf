"""Where the sources differ: found on the seeds, and on a story the engine has never seen."""

from __future__ import annotations

import pytest

from tests.dossiers import built


def topics(dossier):
    return {d["topic"]: d for d in dossier.discrepancies()}


@pytest.fixture(scope="module")
def seed_found(seed_dossier):
    return seed_dossier.discrepancies()


def test_seed_denials_are_conflicts_with_both_sides(seed_found):
    denial = next(d for d in seed_found if d["kind"] == "denial" and "Dembele" in d["topic"])
    assert denial["severity"] == "conflict"
    sides = {(c["path"][:3], c["polarity"]) for c in denial["claims"]}
    assert ("004", "denies") in sides and ("001", "affirms") in sides
    # 'neither officer' refers back to the generals named in the previous sentence
    assert any(
        c["path"].startswith("003")
        and c["polarity"] == "denies"
        and "neither officer" in c["quote"]
        for c in denial["claims"]
    )


def test_seed_arrest_counts_are_one_topic_with_every_source(seed_found):
    counts = next(d for d in seed_found if d["kind"] == "number" and "soldiers" in d["topic"])
    assert counts["severity"] == "variation"
    assert {c["path"][:3] for c in counts["claims"]} >= {"000", "001", "002", "004"}
    at_least_20 = next(c for c in counts["claims"] if "at least around 20" in c["quote"])
    assert at_least_20["value"] == {"min": 20, "max": None, "approx": True}
    assert at_least_20["attribution"] == "A Malian security source"


def test_claims_point_at_their_sentence(seed_dossier, seed_found):
    for item in seed_found:
        for claim in item["claims"]:
            body = seed_dossier.article(claim["path"]).body
            assert body[claim["start"] : claim["end"]] == claim["quote"]


def test_conflicts_come_first(seed_found):
    severities = [d["severity"] for d in seed_found]
    assert severities == sorted(severities, key=lambda s: s != "conflict")
    assert len(seed_found) <= 12, "few enough for a reader to go through in minutes"


def test_a_claim_quotes_its_clause_not_the_apposition_after_it(seed_found):
    # Three sources agree Dembele governed Mopti; quoting that apposition inside the
    # detention conflict would make an agreement look like part of the conflict.
    for item in seed_found:
        if item["severity"] == "conflict":
            for claim in item["claims"]:
                if claim["path"][:3] in ("000", "001", "002"):
                    assert "Mopti" not in claim["quote"]


STORY = {
    "wire.txt": (
        "Ferry sinks off the coast\n\n"
        "At least 30 people were killed when a ferry sank on Tuesday, officials said. "
        "Police arrested the captain, Marco Bellini, hours later.\n\n"
        "Elections in the province have been postponed to 2026.\n"
    ),
    "daily.txt": (
        "Ferry disaster: captain questioned\n\n"
        "Twelve people were killed in the sinking, according to the coast guard. "
        "Marco Bellini has not been arrested, his lawyer said.\n\n"
        "The regional vote was pushed to 2026.\n"
    ),
    "herald.txt": (
        "Rescuers search for survivors\n\n"
        "About 30 people were killed, a rescue worker said. "
        "The vote has been delayed until 2026.\n"
    ),
}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return built(tmp_path_factory.mktemp("story"), STORY)


def test_unseen_story_count_conflict(story):
    found = topics(story)
    counts = found["How many people were killed"]
    assert counts["severity"] == "conflict"
    assert {c["path"] for c in counts["claims"]} == set(STORY)
    assert (
        next(c for c in counts["claims"] if c["path"] == "daily.txt")["attribution"]
        == "the coast guard"
    )


def test_unseen_story_denial(story):
    found = topics(story)
    denial = found["Was Marco Bellini arrested?"]
    assert denial["kind"] == "denial" and denial["severity"] == "conflict"
    assert {(c["path"], c["polarity"]) for c in denial["claims"]} == {
        ("wire.txt", "affirms"),
        ("daily.txt", "denies"),
    }


def test_unseen_story_agreement_is_not_reported(story):
    assert not [d for d in story.discrepancies() if d["kind"] == "date"], "all three say 2026"


# -- a story without any event trigger: amounts, quotes and names -------------------------------
AUDIT = {
    "post.txt": (
        "Audit finds school board misspent funds\n\n"
        "A 112-page audit released on Monday says the board spent $7,314.20 on a retreat at the "
        "Pinecrest Lakeside Lodge and $2,000 on office chairs. "
        'The board chair, Ellen Marsh, said: "We made mistakes, and we will pay back every dollar." '
        "Her husband, Robert, declined to comment. "
        "The district has 37 schools.\n"
    ),
    "ledger.txt": (
        "Board chair apologises after audit\n\n"
        "The 114-page audit lists a $7,214.20 weekend at the Pinecrest Lakeside Lodge. "
        '"We made mistakes and we will pay back each dollar," Ellen Marsh told reporters. '
        "Her husband, Bob, was not at the meeting. "
        "Officials said more than 35 schools are in the district.\n"
    ),
}


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    return built(tmp_path_factory.mktemp("audit"), AUDIT)


def test_amounts_of_any_thing_are_compared(audit):
    found = {d["topic"]: d for d in audit.discrepancies()}
    pages = found["How many pages is the audit?"]
    assert pages["severity"] == "conflict"
    assert {c["value"]["number"] for c in pages["claims"]} == {112, 114}
    money = [
        d
        for d in found.values()
        if any(c["value"].get("unit") == "$" and "Lakeside" in c["quote"] for c in d["claims"])
    ]
    assert len(money) == 1 and money[0]["severity"] == "conflict"
    assert {c["value_text"] for c in money[0]["claims"]} == {"$7,314.20", "$7,214.20"}
    # each claim quotes its whole sentence, at its offsets in the body
    body = audit.article("ledger.txt").body
    claim = next(c for c in money[0]["claims"] if c["path"] == "ledger.txt")
    assert body[claim["start"] : claim["end"]] == claim["quote"]


def test_agreeing_amounts_stay_quiet(audit):
    assert not [
        d for d in audit.discrepancies() if any("schools" in c["quote"] for c in d["claims"])
    ]


def test_reworded_quote_and_nickname(audit):
    kinds = {d["kind"]: d for d in audit.discrepancies()}
    assert {c["path"] for c in kinds["quote"]["claims"]} == set(AUDIT)
    assert kinds["quote"]["severity"] == "variation"
    assert {c["value"]["name"] for c in kinds["name"]["claims"]} == {"Robert", "Bob"}
