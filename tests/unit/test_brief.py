"""Briefings: sentences and dates without spaCy, the timeline, outlets from wire credits,
pins, the sources summary and the brief's Markdown and HTML (hand-written inputs)."""

from __future__ import annotations

import json

import html5lib
import pytest

from dossier.brief import quoted, render_html, render_markdown
from dossier.ingest.text import guess_outlet
from dossier.pins import PINS_FILE, add_pin, read_pins, remove_pin
from dossier.sources import entity_matrix, summarise_sources
from dossier.timeline import build_timeline, find_dates, split_sentences


# -- sentences and dates --------------------------------------------------------------------
def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = (
        "Dr. Ana Reyes met Gen. J. K. Oduya on Friday. They spoke for an hour.\n\nA new paragraph"
    )
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == [
        "Dr. Ana Reyes met Gen. J. K. Oduya on Friday.",
        "They spoke for an hour.",
        "A new paragraph",
    ]


def test_explicit_dates_are_normalised_with_their_precision():
    found = {
        m.text: (m.value, m.granularity)
        for m in find_dates(
            "The port closed on 3 March 2019, reopened in April 2019 and was sold on 2020-01-15 after talks in 2018 and 2017."
        )
    }
    assert found == {
        "3 March 2019": ("2019-03-03", "day"),
        "April 2019": ("2019-04", "month"),
        "2020-01-15": ("2020-01-15", "day"),
        "2018": ("2018", "year"),
        "2017": ("2017", "year"),
    }


def test_years_need_event_context_and_hedged_years_are_kept():
    assert [m.value for m in find_dates("About 2019 people signed; 7,620 more came.")] == []
    assert [m.value for m in find_dates("The mandate runs until at least 2031.")] == ["2031"]


def test_relative_dates_follow_the_article_date_and_stay_undated_without_one():
    from datetime import date

    base = date(2024, 3, 13)  # a Wednesday
    dated = {
        m.text: m.value
        for m in find_dates("He was seized early Sunday and freed yesterday.", base=base)
    }
    assert dated == {"early Sunday": "2024-03-10", "yesterday": "2024-03-12"}
    undated = find_dates("He was seized early Sunday and freed yesterday.")
    assert [m.value for m in undated] == [None, None]


def test_weekdays_weeks_and_names_that_look_like_dates():
    from datetime import date

    base = date(2024, 3, 13)  # a Wednesday
    found = {
        m.text: (m.value, m.granularity, m.year_inferred)
        for m in find_dates(
            "On Wednesday morning, a week after talks began last week, the host of the Today show spoke.",
            base=base,
        )
    }
    assert found == {
        "Wednesday morning": ("2024-03-13", "day", False),
        "last week": ("2024-03-04", "week", False),
    }
    assert [m.value for m in find_dates("It ran in USA Today two days ago.", base=base)] == [
        "2024-03-11"
    ]
    # Any one-word number counts, not only one to ten.
    assert [m.value for m in find_dates("The pier shut twelve days ago.", base=base)] == [
        "2024-03-01"
    ]
    assert [(m.value, m.granularity) for m in find_dates("Sales fell last month.", base=base)] == [
        ("2024-02", "month")
    ]


def test_a_bare_month_takes_the_article_year_or_an_inferred_one():
    from datetime import date

    assert find_dates("Talks began in July.", base=date(2024, 9, 1))[0].value == "2024-07"
    assert find_dates("Talks began in November.", base=date(2024, 9, 1))[0].value == "2023-11"
    hinted = find_dates("Talks began in July.", year_hint=2022)[0]
    assert (hinted.value, hinted.year_inferred) == ("2022-07", True)
    assert find_dates("You may go.") == []  # the modal verb is not a month


# -- the timeline ----------------------------------------------------------------------------
ARTICLES = [
    {"path": "a.txt", "source": "Daily Post", "published": None},
    {"path": "b.txt", "source": "Evening Star", "published": None},
]
BODIES = {
    "a.txt": "The dam was approved in October 2021. In March, the council voted to finish it by 2026.",
    "b.txt": "Work began in February 2021. The council says the dam will be finished by 2028.",
}


def test_timeline_orders_events_and_groups_sources():
    events = build_timeline(ARTICLES, BODIES, [])
    labels = [e["label"] for e in events]
    # "In March" takes the year of the latest month stated with its year (2021), and says so.
    assert labels == ["February 2021", "March 2021", "October 2021", "2026", "2028"]
    assert events[1]["year_inferred"] and not events[0]["year_inferred"]
    assert [m["source"] for m in events[0]["mentions"]] == ["Evening Star"]


def test_an_inferred_year_never_joins_a_stated_date():
    articles = [
        {"path": "a.txt", "source": "A", "published": None},
        {"path": "b.txt", "source": "B", "published": None},
    ]
    bodies = {"a.txt": "The plant closed in May 2020.", "b.txt": "The plant closed in May."}
    events = build_timeline(articles, bodies, [])
    assert [(e["label"], e["year_inferred"], e["sources"]) for e in events] == [
        ("May 2020", False, ["A"]),
        ("May 2020", True, ["B"]),
    ]


def test_timeline_links_only_the_dates_a_date_discrepancy_is_about():
    body = BODIES["a.txt"]
    sentence = "In March, the council voted to finish it by 2026."
    start = body.index(sentence)
    discrepancy = {
        "id": "finish",
        "kind": "date",
        "claims": [
            {
                "path": "a.txt",
                "start": start,
                "end": start + len(sentence),
                "value": {"year": 2026},
            },
            {"path": "b.txt", "start": 29, "end": len(BODIES["b.txt"]), "value": {"year": 2028}},
        ],
    }
    events = {e["label"]: e for e in build_timeline(ARTICLES, BODIES, [discrepancy])}
    assert events["2026"]["discrepancy"] == "finish" and events["2028"]["discrepancy"] == "finish"
    assert events["March 2021"]["discrepancy"] is None  # same sentence, not the date in dispute


# -- outlets from wire credits ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        ("LAGOS, Nigeria (Reuters) - Fuel prices rose on Monday.", "Reuters"),
        ("Fuel prices rose.\n\nThe minister resigned.\n\n- NTV", "NTV"),
        ("Prices rose, officials told XYZ News Agency.\n\nMore text.", None),
        ("Prices rose, two officials told QRT.\n\nMore text follows here.", "QRT"),
        (
            "Prices rose.\n\nLater an official told QRT it was over.",
            None,
        ),  # once, outside the lead: a citation
        ("Prices rose.\n\nAn aide told QRT so. A minister told QRT the same.", "QRT"),
        ("Prices rose, the minister told Maria Lopez.", None),
    ],
)
def test_outlet_guess_from_wire_credits(body, outlet):
    assert guess_outlet(body) == outlet


CREDITS = [
    "LAGOS, Nigeria (Reuters) - Fuel prices rose.",
    "ROME (Agence Nova): talks ended.",
    "Prices rose.\n\n\u2014 NTV",
    "Prices rose.\n– Daily Star",
    "Prices rose, speaking on condition of anonymity to QRT officials said.",
    "Prices rose, she said in an interview with QRT on Monday.",
    "Speaking to the Harbour Gazette newspaper, she said so.",
    "The mayor told the Northfield Times newspaper that prices rose.",
    "Prices rose. QRT reported that talks ended. QRT has reported more.",
]


@pytest.mark.parametrize("text", CREDITS)
def test_each_credit_pattern_is_tried_only_where_its_words_are(text):
    """A pattern is skipped on texts without its words: every match must hold one of them."""
    from dossier.ingest.text import _CREDIT_PATTERNS

    matched = False
    for pattern, needles in _CREDIT_PATTERNS:
        for match in pattern.finditer(text):
            matched = True
            assert any(needle in match.group(0) for needle in needles), (pattern, needles)
    assert matched


def test_a_guessed_outlet_is_marked_and_a_stated_one_wins(tmp_path):
    from dossier.ingest import read_source, scan_folder

    (tmp_path / "wire.txt").write_text(
        "Storm hits coast\n\nThe storm hit the coast, officials told QRT on Monday.\n",
        encoding="utf-8",
    )
    (tmp_path / "paper.txt").write_text(
        "Storm hits coast\nBy Jo Bloggs | The Coast Herald\n\nThe storm hit, officials told QRT.\n",
        encoding="utf-8",
    )
    files, _ = scan_folder(tmp_path)
    found = {a.path: a for f in files for a in read_source(f)[0]}
    assert (found["wire.txt"].source, found["wire.txt"].source_guessed) == ("QRT", True)
    assert (found["paper.txt"].source, found["paper.txt"].source_guessed) == (
        "The Coast Herald",
        False,
    )
    assert found["wire.txt"].to_json()["source_guessed"] is True


# -- pins ------------------------------------------------------------------------------------
def test_pins_persist_are_not_doubled_and_can_be_removed(tmp_path):
    pin, added = add_pin(tmp_path, "a.txt", 0, 10, "The dam was", "Daily Post")
    assert added and pin["when"]
    assert add_pin(tmp_path, "a.txt", 0, 10, "The dam was")[1] is False
    add_pin(tmp_path, "b.txt", 5, 9, "began")
    assert [p["quote"] for p in read_pins(tmp_path)] == [
        "The dam was",
        "began",
    ]  # read back from disk
    assert json.loads((tmp_path / PINS_FILE).read_text())["pins"][1]["path"] == "b.txt"
    assert remove_pin(tmp_path, 1)["path"] == "a.txt" and remove_pin(tmp_path, 5) is None
    assert [p["path"] for p in read_pins(tmp_path)] == ["b.txt"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_unreadable_pins_file_reads_as_no_pins(tmp_path):
    (tmp_path / PINS_FILE).write_text("{not json", encoding="utf-8")
    assert read_pins(tmp_path) == []


# -- sources ---------------------------------------------------------------------------------
ENTITIES = [
    {
        "id": "dam",
        "name": "Okavu Dam",
        "kind": "place",
        "mentions": 4,
        "paths": ["a.txt", "b.txt"],
        "occurrences": [{"path": "a.txt"}, {"path": "a.txt"}, {"path": "b.txt"}, {"path": "b.txt"}],
    },
    {
        "id": "lena",
        "name": "Lena Ortiz",
        "kind": "person",
        "mentions": 2,
        "paths": ["a.txt"],
        "occurrences": [{"path": "a.txt"}, {"path": "a.txt"}],
    },
]


def test_sources_say_what_only_one_outlet_reports():
    events = build_timeline(ARTICLES, BODIES, [])
    rows = {
        r["outlet"]: r
        for r in summarise_sources([{**a, "words": 10} for a in ARTICLES], ENTITIES, events)
    }
    assert [e["name"] for e in rows["Daily Post"]["only_entities"]] == ["Lena Ortiz"]
    assert rows["Evening Star"]["only_entities"] == []
    assert {e["label"] for e in rows["Evening Star"]["only_events"]} == {"February 2021", "2028"}
    matrix = entity_matrix(ARTICLES, ENTITIES)
    assert matrix["outlets"] == ["Daily Post", "Evening Star"]
    assert matrix["rows"][0] == {
        "id": "dam",
        "name": "Okavu Dam",
        "kind": "place",
        "counts": [2, 2],
    }


def test_an_article_without_outlet_is_its_own_source():
    rows = summarise_sources([{"path": "x.txt", "source": None, "words": 3}], [], [])
    assert rows[0]["outlet"] == "(x.txt)" and rows[0]["known"] is False


# -- the brief -------------------------------------------------------------------------------
HOSTILE = 'He said <script>alert("x")</script> | *not bold* & left.'


def _briefing() -> dict:
    claim = {
        "path": "a.txt",
        "outlet": "Daily Post",
        "guessed": False,
        "quote": "The dam will be finished by 2026.",
        "polarity": "affirms",
        "attribution": "the council",
        "start": 0,
        "end": 10,
    }
    other = {
        "path": "b.txt",
        "outlet": "QRT",
        "guessed": True,
        "quote": HOSTILE,
        "polarity": "denies",
        "attribution": None,
        "start": 0,
        "end": 10,
    }
    return {
        "title": "Dam <b>row</b>",
        "subtitle": "2 articles from 2 sources",
        "articles": [
            {
                "path": "a.txt",
                "outlet": "Daily Post",
                "guessed": False,
                "title": "Dam | vote",
                "published": "2024-01-02",
                "words": 10,
            },
            {
                "path": "b.txt",
                "outlet": "QRT",
                "guessed": True,
                "title": "Dam",
                "published": None,
                "words": 12,
            },
        ],
        "discrepancies": [
            {
                "id": "finish",
                "topic": "When the dam is finished",
                "kind": "date",
                "severity": "conflict",
                "summary": "2026 or 2028",
                "claims": [claim, other],
            }
        ],
        "entities": [
            {
                "id": "lena",
                "name": "Lena Ortiz",
                "kind": "person",
                "mentions": 2,
                "descriptions": ["engineer"],
                "sources": [
                    {"path": "a.txt", "outlet": "Daily Post"},
                    {"path": "c_d.txt", "outlet": None},
                ],
            }
        ],
        "timeline": [
            {
                "label": "2026",
                "undated": False,
                "year_inferred": False,
                "discrepancy_topic": "When the dam is finished",
                "sources": ["Daily Post"],
                "mentions": [
                    {**claim, "sentence": claim["quote"], "expression": "2026"},
                    {**other, "sentence": "Not quoted here.", "expression": "2026"},
                ],
            }
        ],
        "pins": [{"path": "b.txt", "outlet": "QRT", "guessed": True, "quote": "A pinned line."}],
    }


def test_markdown_brief_quotes_every_claim_with_its_source_and_escapes_text():
    text = render_markdown(_briefing())
    assert (
        text.index("## Who said what")
        < text.index("## Sources")
        < text.index("## Timeline")
        < text.index("## Noted")
    )
    assert "“The dam will be finished by 2026.”" in text and "the council" in text
    assert "<script>" not in text and r"\<script\>" in text and r"\| \*not bold\*" in text
    assert "QRT (guessed) `b.txt`" in text
    assert "named by Daily Post, `c_d.txt`" in text  # a file name is code, not escaped text
    assert "A pinned line." in text.split("## Noted")[1]
    timeline = text.split("## Timeline")[1].split("## Noted")[0]
    assert "sources differ" in timeline
    assert (
        "Not quoted here." not in timeline and "also: QRT (guessed) `b.txt`" in timeline
    )  # one quote per event


def test_html_brief_is_valid_self_contained_and_escaped():
    page = render_html(_briefing())
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page)  # raises on any parse error
    assert (
        "<script>" not in page and "&lt;script&gt;" in page and "Dam &lt;b&gt;row&lt;/b&gt;" in page
    )
    assert "http" not in page and "<link" not in page and "<style>" in page
    assert "The dam will be finished by 2026." in page and "A pinned line." in page


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("The port reopened on Monday.", "“The port reopened on Monday.”"),
        # all someone's words: its own marks, not a second pair around them
        ("“We will reopen the port.”", "“We will reopen the port.”"),
        ('"We will reopen the port."', '"We will reopen the port."'),
        # a quotation and who said it: one sentence to quote
        ("“We will reopen,” Ana Ruiz said.", "““We will reopen,” Ana Ruiz said.”"),
        ("“We will,” she said, “reopen.”", "““We will,” she said, “reopen.””"),
    ],
)
def test_a_sentence_is_quoted_once(sentence, shown):
    assert quoted(sentence) == shown


def test_mention_counts_agree_in_number():
    data = _briefing()
    data["entities"][0]["mentions"] = 1
    assert "Lena Ortiz** (engineer): 1 mention;" in render_markdown(data)
    assert "1 mention;" in render_html(data) and "1 mentions" not in render_html(data)


def test_the_sentence_around_an_offset_skips_titles_and_initials():
    from dossier.sentences import sentence_around

    text = "Gen. Ana Lopez met J. Smith on Monday. Sen. Rui Costa left. He said no."
    start, end = sentence_around(text, text.index("Smith"))
    assert text[start:end] == "Gen. Ana Lopez met J. Smith on Monday."
    start, end = sentence_around(text, text.index("Costa"))
    assert text[start:end] == "Sen. Rui Costa left."


def test_sources_of_many_unattributed_articles_are_summarised_quickly():
    """Every article of unknown outlet is its own source: what each alone reports is grouped
    once, not looked for again per source (2,000 sources took minutes)."""
    import time

    from dossier.sources import summarise_sources

    articles = [
        {"path": f"{n:04d}.txt", "source": None, "published": None, "words": 10}
        for n in range(2000)
    ]
    entities = [
        {
            "id": f"e{n}",
            "name": f"Person {n}",
            "kind": "person",
            "mentions": 1,
            "paths": [f"{n:04d}.txt"],
        }
        for n in range(2000)
    ]
    started = time.perf_counter()
    rows = summarise_sources(articles, entities, [])
    assert time.perf_counter() - started < 2.0
    assert len(rows) == 2000
    assert rows[7]["only_entities"] == [{"name": "Person 7", "kind": "person"}]
