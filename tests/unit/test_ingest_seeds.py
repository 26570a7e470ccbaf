"""The seed articles come out of ingest clean: titles, bylines, no page furniture, exact text."""

from __future__ import annotations

import pytest

from dossier.ingest import read_source, scan_folder
from tests.conftest import SEEDS

BOILERPLATE = [
    "Download Post",
    "Leave a comment",
    "Your email address will not be published",
    "Required fields are marked",
    "0 Comment(s)",
    "116 views",
    "about 1 months ago",
    "- by Duga",
]


@pytest.fixture(scope="module")
def seeds():
    files, skipped = scan_folder(SEEDS)
    assert skipped == []
    articles = {}
    for source in files:
        found, notices = read_source(source)
        assert notices == []
        (article,) = found
        articles[article.path[:3]] = article
    return articles


def test_every_seed_is_read(seeds):
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize(
    "number, title",
    [
        ("000", "Mali Arrests Dozens of Soldiers Over Alleged Coup Plot Against Military Junta"),
        ("001", "Mali Arrests Dozens of Soldiers Over Alleged Coup Plot"),
        ("003", "Coup Plot Foiled: Dozens of Malian Soldiers Arrested in Midnight Raid"),
        ("004", "Mali's Military Faces Internal Turmoil Amid Coup Allegations"),
    ],
)
def test_titles_as_printed(seeds, number, title):
    assert seeds[number].title == title
    assert not seeds[number].title_derived
    assert title not in seeds[number].body, "a repeated headline must not stay in the body"


def test_article_without_headline_gets_a_short_derived_one(seeds):
    article = seeds["002"]
    assert article.title_derived
    assert article.title.startswith(
        "Mali’s military authorities have detained at least 45 soldiers"
    )
    assert len(article.title.split()) <= 14
    # the first sentence itself stays in the body
    assert article.body.startswith(
        "Mali’s military authorities have detained at least 45 soldiers, among them"
    )


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_no_boilerplate_in_bodies(seeds, number):
    for line in BOILERPLATE:
        assert line.lower() not in seeds[number].body.lower()


def test_byline_block_becomes_metadata(seeds):
    assert seeds["003"].author == "Duga"
    assert seeds["003"].source == "RNG247"
    assert seeds["003"].body.startswith("In a dramatic turn of events")


def test_signature_line_is_the_author_not_text(seeds):
    assert seeds["000"].author == "Autry Suku"
    assert "Autry Suku" not in seeds["000"].body
    assert seeds["000"].body.endswith("already fragile security.")


def test_standfirst_before_the_headline_is_kept_as_text_and_summary(seeds):
    article = seeds["004"]
    assert article.summary.startswith("Sources indicate that dozens of soldiers have been detained")
    assert article.body.startswith("Sources indicate that dozens of soldiers")


def test_sentences_are_kept_exactly(seeds):
    quote = "A Malian security source confirmed that “at least around 20 arrests” had been made in recent days"
    assert quote in seeds["001"].body
    # the non-breaking space that opened 001's first paragraph is gone, the text is not
    assert seeds["001"].body.startswith(
        "Mali’s military authorities have arrested dozens of soldiers"
    )
    assert "\u00a0" not in seeds["001"].body


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_body_paragraph_is_a_line_of_the_file(seeds, number):
    raw = (SEEDS / seeds[number].path).read_text(encoding="utf-8").replace("\u00a0", " ")
    lines = {line.strip() for line in raw.splitlines()}
    for paragraph in seeds[number].body.split("\n\n"):
        assert paragraph in lines


def test_parsing_is_stable(seeds):
    files, _ = scan_folder(SEEDS)
    again = {read_source(f)[0][0].path[:3]: read_source(f)[0][0] for f in files}
    assert all(again[k] == seeds[k] for k in seeds)
