"""Which account posted something: real spaCy parses of hand-written sentences."""

from __future__ import annotations

from dossier import nlp
from dossier.claims.accounts import is_handle
from dossier.claims.align import fact_discrepancies
from dossier.claims.facts import extract_facts


def accounts_of(text):
    doc = next(iter(nlp.parse([text], count=1)))
    return [f for f in extract_facts(doc) if f["kind"] == "account"]


def test_handles_and_not_names():
    assert is_handle("@harbour_watch") and is_handle("RiverKing88") and is_handle("HarbourWatch")
    assert not is_handle("Smith") and not is_handle("Ann Smith") and not is_handle("NASA")


def test_agent_and_named_account_are_read():
    (by,) = accounts_of('The clip, which was posted on Vimeo by "HarbourWatch," shows the pier.')
    assert (
        by["event"] == "clip"
        and by["platform"] == "vimeo"
        and by["value"] == {"account": "HarbourWatch"}
    )
    (under,) = accounts_of(
        "The Vimeo clip is published under an account titled PierCam22, and it is short."
    )
    assert (
        under["event"] == "clip"
        and under["platform"] == "vimeo"
        and under["value"] == {"account": "PierCam22"}
    )


def test_a_person_posting_is_not_an_account():
    assert accounts_of("The clip was posted on Vimeo by Ann Smith.") == []


def test_one_clip_credited_to_two_accounts_is_reported():
    claims = {
        "a.txt": accounts_of(
            'The clip, which was posted on Vimeo by "HarbourWatch," shows the pier.'
        ),
        "b.txt": accounts_of(
            "The Vimeo clip is published under an account titled PierCam22, and it is short."
        ),
    }
    (found,) = [d for d in fact_discrepancies(claims) if d["kind"] == "name"]
    assert "HarbourWatch" in found["summary"] and "PierCam22" in found["summary"]


def test_same_account_or_other_platforms_are_not_reported():
    same = {
        "a.txt": accounts_of(
            'The clip, which was posted on Vimeo by "HarbourWatch," shows the pier.'
        ),
        "b.txt": accounts_of("The clip was uploaded to Vimeo by @HarbourWatch on Sunday."),
    }
    assert not [d for d in fact_discrepancies(same) if d["kind"] == "name"]
    other = {
        "a.txt": accounts_of(
            'The clip, which was posted on Vimeo by "HarbourWatch," shows the pier.'
        ),
        "b.txt": accounts_of("The clip was uploaded to Instagram by @pier_cam on Sunday."),
    }
    assert not [d for d in fact_discrepancies(other) if d["kind"] == "name"]
