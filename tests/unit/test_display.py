"""Terminal helpers shared by the CLI and the TUI: one article header, one concordance line."""

from __future__ import annotations

from dossier.display import article_header, concordance_line, phase_label
from dossier.models import Article, ConcordanceLine


def test_article_header_names_outlet_byline_date_and_path():
    article = Article(
        id="a",
        path="news/a.txt",
        file="news/a.txt",
        title="Harbour reopens",
        body="The harbour reopened.",
        source="Harbour Daily",
        author="Ana Reis",
        published="2024-03-02",
    )
    header = article_header(article)
    assert header.plain == "Harbour reopens\nHarbour Daily · by Ana Reis · 2024-03-02 · news/a.txt"
    assert header.style == "bold"


def test_article_header_says_when_the_headline_was_derived():
    article = Article(
        id="b",
        path="b.txt",
        file="b.txt",
        title="The harbour reopened",
        body="The harbour reopened.",
        title_derived=True,
    )
    assert article_header(article).plain.splitlines() == [
        "The harbour reopened  (headline derived from the first sentence)",
        "b.txt",
    ]


def test_concordance_line_highlights_exactly_the_mention():
    line: ConcordanceLine = {
        "path": "a.txt",
        "source": None,
        "title": "Harbour reopens",
        "start": 120,
        "end": 129,
        "sentence": "Officials said Vera Lind would speak.",
        "sentence_start": 105,
        "mention": "Vera Lind",
    }
    text = concordance_line(line, "bold")
    assert text.plain == "  Officials said Vera Lind would speak."
    (span,) = [s for s in text.spans if s.style == "bold"]
    assert text.plain[span.start : span.end] == "Vera Lind"


def test_phase_labels_are_shared_and_unknown_phases_pass_through():
    assert phase_label("index") == "reading and indexing articles"
    assert phase_label("analyse") == "finding people, places and organisations"
    assert phase_label("claims") == "claims"
