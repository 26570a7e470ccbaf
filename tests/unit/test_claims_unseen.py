"""Classes of errors found by running the discrepancy engine on stories it was not tuned on.

Each test holds a hand-written case of one class: a false alarm the engine raised, or a real
disagreement it missed. Extraction runs on the real spaCy model; alignment on hand-written facts.
"""

from __future__ import annotations

import pytest

from dossier import nlp
from dossier.claims.align import fact_discrepancies
from dossier.claims.facts import extract_facts
from dossier.claims.frames import extract_claims
from dossier.claims.quantities import parse_amount
from dossier.service import Dossier
from tests.dossiers import built


def parsed(text):
    return next(iter(nlp.parse([text], count=1)))


def amount(text, unit, context, moment=None, start=0):
    return {
        "kind": "quantity",
        "unit": unit,
        "head": None,
        "value": parse_amount(text),
        "value_text": text,
        "context": sorted(context),
        "moment": moment,
        "polarity": "affirms",
        "event": None,
        "quote": f"... {text} ...",
        "quote_start": start,
        "quote_end": start + 10,
        "start": start,
    }


# -- 'seven counts' is a number of charges, not 'the count' of the people charged ------------------
def test_counts_of_a_charge_are_not_the_count_of_people():
    doc = parsed("The mayor was charged with nine counts, including bribery and perjury.")
    assert [c for c in extract_claims(doc, []) if c["kind"] == "count"] == []


def test_the_toll_itself_is_still_a_count_of_the_event():
    doc = parsed("The death toll rose to 14 on Sunday.")
    counts = [c for c in extract_claims(doc, []) if c["kind"] == "count"]
    assert [(c["event"], c["subject"], c["value"]["min"]) for c in counts] == [("kill", "*", 14)]


@pytest.fixture(scope="module")
def indictment(tmp_path_factory):
    root = tmp_path_factory.mktemp("indictment")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "courier.txt").write_text(
        "Mayor indicted\n\nThe 2019 indictment of 14 harbour officials named the mayor as a go-between. "
        "The mayor was arrested at dawn.\n",
        encoding="utf-8",
    )
    (seeds / "globe.txt").write_text(
        "Mayor in court\n\nThe mayor was charged with nine counts, including bribery and perjury. "
        "He was arrested at his home.\n",
        encoding="utf-8",
    )
    dossier = Dossier(seeds, root / "index")
    dossier.refresh()
    return dossier


def test_officials_indicted_and_counts_charged_are_no_conflict(indictment):
    assert [d for d in indictment.discrepancies() if d["kind"] == "number"] == []


# -- hedges and moments of sums ---------------------------------------------------------------------
def test_roughly_is_a_hedge_and_the_first_hedge_bounds_the_figure():
    assert parse_amount("roughly $12 million")["hedge"] == "about"
    assert parse_amount("up to roughly 50")["hedge"] == "at_most"


def test_a_figure_ten_times_smaller_does_not_take_the_link():
    # The couple's total earnings (one figure per source) and one year of the husband's fees:
    # the fees share more context words with the total, but one slot never spans 10x.
    def others(tag):
        return [
            amount(f"${n}", "$", {f"{tag}{n}", f"w{tag}{n}"}, start=100 + n)
            for n in (410, 520, 630)
        ]

    claims = {
        "a.txt": [amount("roughly $88 million", "$", {"couple", "earn", "pay", "hannah", "luis"})]
        + others("a"),
        "b.txt": [
            amount(
                "$85 million",
                "$",
                {
                    "couple",
                    "earn",
                    "gross",
                    "income",
                    "hannah",
                    "luis",
                    "adjust",
                    "release",
                    "return",
                    "former",
                },
            ),
            amount("$7.2 million", "$", {"luis", "earn"}, start=50),
        ]
        + others("b"),
    }
    found = fact_discrepancies(claims)
    assert [sorted(c["value_text"] for c in d["claims"]) for d in found] == [
        ["$85 million", "roughly $88 million"]
    ]
    assert found[0]["severity"] == "variation"


# -- when a scheduled event happens ----------------------------------------------------------------
def test_dates_inside_a_month_and_after_a_glued_comma():
    from dossier.claims.times import parse_time

    assert parse_time("mid-May") == {"type": "month", "month": 5, "day": None, "year": None}
    assert parse_time("the end of February")["month"] == 2
    assert parse_time("January 1, weeks earlier") == {
        "type": "month",
        "month": 1,
        "day": 1,
        "year": None,
    }
    assert parse_time("January 1, 2019")["year"] == 2019


def test_a_scheduled_departure_told_two_ways_is_a_date_conflict():
    claims = {
        "a.txt": [
            f
            for f in extract_facts(
                parsed(
                    "Governor Ines Varga announced that Treasurer Paul Okonjo will step down from the cabinet on March 3, weeks earlier than planned."
                ),
                [],
            )
            if f["kind"] == "time"
        ],
        "b.txt": [
            f
            for f in extract_facts(
                parsed(
                    "Governor Ines Varga said that Treasurer Paul Okonjo will step down from the cabinet at the end of June."
                ),
                [],
            )
            if f["kind"] == "time"
        ],
    }
    (found,) = [d for d in fact_discrepancies(claims) if d["kind"] == "date"]
    assert found["severity"] == "conflict" and {c["path"] for c in found["claims"]} == {
        "a.txt",
        "b.txt",
    }


def test_a_possible_time_is_still_no_claim_of_when():
    claims = {
        "a.txt": [
            f
            for f in extract_facts(
                parsed(
                    "Treasurer Paul Okonjo could step down from the cabinet in March, aides of Governor Ines Varga said."
                ),
                [],
            )
            if f["kind"] == "time"
        ],
        "b.txt": [
            f
            for f in extract_facts(
                parsed(
                    "Treasurer Paul Okonjo will step down from the cabinet in June, aides of Governor Ines Varga said."
                ),
                [],
            )
            if f["kind"] == "time"
        ],
    }
    assert [d for d in fact_discrepancies(claims) if d["kind"] == "date"] == []


# -- quotations ------------------------------------------------------------------------------------
def test_a_title_abbreviated_by_one_source_is_the_same_wording():
    (short,) = [
        f
        for f in extract_facts(
            parsed("“We owe a great deal to Gen. Okafor and her staff,” the mayor said."), []
        )
        if f["kind"] == "quote"
    ]
    (full,) = [
        f
        for f in extract_facts(
            parsed("“We owe a great deal to General Okafor and her staff,” the mayor said."), []
        )
        if f["kind"] == "quote"
    ]
    assert short["words"] == full["words"]


# -- who holds a role ------------------------------------------------------------------------------
def test_a_relation_named_without_a_comma_is_a_role():
    facts = [
        f
        for f in extract_facts(parsed("Okafor and son Mateo arrived on Monday."), [])
        if f["kind"] == "role"
    ]
    assert [(f["unit"], f["owner"], f["value"]["name"]) for f in facts] == [
        ("son", "okafor", "Mateo")
    ]
    assert [
        f
        for f in extract_facts(parsed("Mr. Okafor and Senator Ann Lee spoke."), [])
        if f["kind"] == "role"
    ] == []


def test_a_wife_named_two_ways_with_and_without_a_comma():
    claims = {
        "a.txt": extract_facts(parsed("He and wife Jolene live in Leeds with their two dogs."), []),
        "b.txt": extract_facts(
            parsed("The event was attended by Mr. Okafor's wife, Joleen, and their two dogs."), []
        ),
    }
    (found,) = [d for d in fact_discrepancies(claims) if d["kind"] == "name"]
    assert found["summary"] == "Jolene / Joleen"


# -- whether something happened to the person the story is about ------------------------------------
def statuses(text, mentions=()):
    return [c for c in extract_claims(parsed(text), list(mentions)) if c["kind"] == "status"]


def test_an_event_denied_with_no_one_named():
    (claim,) = statuses("No charges have been filed in the case so far.")
    assert (claim["event"], claim["polarity"], claim["unnamed"]) == ("charge", "denies", True)
    (claim,) = statuses("Nobody was arrested, police said.")
    assert (claim["event"], claim["polarity"]) == ("arrest", "denies")
    assert statuses("No further arrests were made.") == [], "other people than those named"


@pytest.fixture(scope="module")
def arson(tmp_path_factory):
    texts = {
        "tribune.txt": "Warehouse fire\n\nFire crews worked through the night at the warehouse. "
        "Dario Pellegrini has been charged with arson, prosecutors said.\n",
        "mercury.txt": "Warehouse fire\n\nDario Pellegrini was questioned for hours on Monday. "
        "No charges have been filed in the case, a police spokesman said. "
        "The indictment does not charge Pellegrini with fraud.\n",
        "courier.txt": "Warehouse fire\n\nDario Pellegrini, 41, was arrested at his home in Mestre, Italy. "
        "Pellegrini will be charged with arson, his lawyer said.\n",
        "gazette.txt": "Warehouse fire\n\nPolice arrested Dario Pellegrini in Italy on Monday.\n",
    }
    return built(tmp_path_factory.mktemp("arson"), texts)


def test_no_charges_filed_against_the_one_person_charged_elsewhere(arson):
    (denial,) = [d for d in arson.discrepancies() if d["kind"] == "denial"]
    assert denial["topic"] == "Was Dario Pellegrini charged?" and denial["severity"] == "variation"
    sides = {(c["path"], c["polarity"]) for c in denial["claims"]}
    assert sides == {("tribune.txt", "affirms"), ("mercury.txt", "denies")}, (
        "'will be charged' is no affirmation"
    )


def test_a_place_named_beside_the_other_is_no_clash(arson):
    assert [d for d in arson.discrepancies() if d["kind"] == "place"] == []


def test_not_charged_with_one_thing_is_no_denial_of_the_charge():
    assert (
        statuses(
            "The indictment does not charge Pellegrini with fraud.",
            [{"name": "Pellegrini", "kind": "person", "start": 32, "end": 42, "sentence": [0, 54]}],
        )
        == []
    )


def test_a_surname_the_model_typed_as_a_place_is_still_the_person():
    text = "Dario Pellegrini left. Pellegrini has been charged with arson."
    mentions = [
        {"name": "Dario Pellegrini", "kind": "person", "start": 0, "end": 16, "sentence": [0, 22]},
        {"name": "Pellegrini", "kind": "place", "start": 23, "end": 33, "sentence": [23, 62]},
    ]
    assert [(c["event"], c["polarity"], c["mention_start"]) for c in statuses(text, mentions)] == [
        ("charge", "affirms", 23)
    ]


def test_two_peoples_alike_words_are_not_one_quotation_reworded():
    from dossier.claims.align import words_of

    def said(text, who, name):
        return {
            "kind": "quote",
            "value": {"quote": text},
            "words": words_of(text),
            "attribution": name,
            "speaker": who,
            "speaker_name": name,
            "quote": text,
            "quote_start": 0,
            "quote_end": len(text),
            "start": 0,
        }

    apart = {
        "a.txt": [
            said("this budget is not putting people back to work", "ana-ortega", "Ana Ortega")
        ],
        "b.txt": [said("the new budget is putting people back to work", "piet-lund", "Piet Lund")],
    }
    assert fact_discrepancies(apart) == []
    same = {
        "a.txt": apart["a.txt"],
        "b.txt": [
            said("the new budget is putting people back to work", "ana-ortega", "Ana Ortega")
        ],
    }
    assert [d["kind"] for d in fact_discrepancies(same)] == ["quote"]


def test_a_fact_is_quoted_within_its_own_paragraph():
    text = (
        'Mayor Ruiz spoke.\n\n"He is cool," Ana Ruiz said of Lee. "Tom, Ann, Bob, the chief have nothing on Lee."'
        '\n\n"It was a private fact, but now known," Lee said to laughs.'
    )
    quotes = [f["quote"] for f in extract_facts(parsed(text), []) if f["kind"] == "quote"]
    assert quotes == [
        '"Tom, Ann, Bob, the chief have nothing on Lee."',
        '"It was a private fact, but now known," Lee said to laughs.',
    ]


# -- the years a person's tenure ran --------------------------------------------------------------
def spans_of(**texts):
    return {f"{name}.txt": extract_facts(parsed(text), []) for name, text in texts.items()}


def test_one_tenure_given_other_years_is_a_date_conflict():
    claims = spans_of(
        a="Ms. Okafor will become the second woman to lead the council, after Edith Marlowe, who served from 1971 to 1983.",
        b="Ms. Okafor is the first woman on the council since Edith Marlowe, a Liberal, held the seat from 1970 to 1982.",
    )
    (found,) = [d for d in fact_discrepancies(claims) if d["kind"] == "date"]
    assert (
        found["severity"] == "conflict" and found["summary"] == "1971-1983 / 1970-1982, by source"
    )
    assert "Marlowe" in found["topic"]


def test_other_periods_or_other_peoples_years_are_not_compared():
    claims = spans_of(
        a="Edith Marlowe, who sat on the council with Ms. Okafor, served from 1971 to 1983.",
        b="Edith Marlowe, who sat on the council with Ms. Okafor, taught school from 1950 to 1962.",
        c="Ms. Okafor sat on the council with Edith Marlowe, and Ms. Okafor served from 1975 to 1987.",
    )
    assert [d for d in fact_discrepancies(claims) if d["kind"] == "date"] == []


# -- counts of one noun that are not one figure ----------------------------------------------------
def test_counts_of_one_noun_in_two_acts_are_not_compared():
    claims = {
        "a.txt": [
            {**amount("at least 240", "seat", {"republicans", "house", "track"}), "event": "hold"}
        ],
        "b.txt": [{**amount("nearly 60", "seat", {"democrats", "house", "past"}), "event": "lose"}],
    }
    assert fact_discrepancies(claims) == []
    told_twice = {
        "a.txt": claims["a.txt"],
        "b.txt": [{**amount("210", "seat", {"democrats", "house", "past"}), "event": "win"}],
    }
    assert [d["kind"] for d in fact_discrepancies(told_twice)] == ["number"], (
        "one figure, two verbs"
    )


def test_sums_in_trillions_read_as_trillions():
    from dossier.claims.quantities import describe_amount

    assert describe_amount(parse_amount("$2 trillion"), "$") == "$2 trillion"
    assert describe_amount(parse_amount("$1.5 billion"), "$") == "$1.5 billion"


@pytest.fixture(scope="module")
def two_nights(tmp_path_factory):
    texts = {
        "post.txt": "Protests calmer\n\nThe chief said there were nine arrests Thursday, compared to 52 the night before.\n",
        "times.txt": "Protests go on\n\nPolice made 52 arrests overnight after protesters blocked the bridge.\n",
    }
    return built(tmp_path_factory.mktemp("nights"), texts)


def test_a_source_that_also_states_the_other_count_is_no_conflict(two_nights):
    assert [d for d in two_nights.discrepancies() if d["kind"] == "number"] == []


def test_a_future_act_on_a_weekday_is_not_compared():
    claims = {
        "a.txt": [
            f
            for f in extract_facts(
                parsed(
                    "Speaker John Hartley admitted his party will lose its majority on the council in an interview Tuesday with the Courier."
                ),
                [],
            )
            if f["kind"] == "time"
        ],
        "b.txt": [
            f
            for f in extract_facts(
                parsed(
                    "Speaker John Hartley said his party will lose its majority on the council in November, in an interview with the Courier."
                ),
                [],
            )
            if f["kind"] == "time"
        ],
    }
    assert [d for d in fact_discrepancies(claims) if d["kind"] == "date"] == []
