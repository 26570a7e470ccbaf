"""Markdown, JSON, folder metadata, encodings and bad files: read what can be read, explain the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.ingest import Unreadable, folder_metadata, read_source, scan_folder
from dossier.ingest.dates import parse_date
from tests.conftest import shared_path


def read_folder(folder: Path):
    """All articles of a folder, plus the skipped files and notices."""
    metadata, problems = folder_metadata(folder)
    files, skipped = scan_folder(folder, metadata)
    skipped = problems + skipped
    articles, notices = [], []
    for source in files:
        try:
            found, said = read_source(source, metadata)
        except Unreadable as exc:
            skipped.append((source.path, str(exc)))
            continue
        articles += found
        notices += said
    return articles, skipped, notices


def test_markdown_with_yaml_front_matter(tmp_path):
    (tmp_path / "a.md").write_text(
        '---\ntitle: "Parliament votes on budget"\noutlet: Daily Planet\nauthor: Lois Lane\n'
        "date: 2024-03-05\nurl: https://example.org/a\n---\n\nThe parliament voted on Tuesday.\n\nMore text here.\n",
        encoding="utf-8",
    )
    (article,), skipped, _ = read_folder(tmp_path)
    assert (article.title, article.source, article.author, article.published, article.url) == (
        "Parliament votes on budget",
        "Daily Planet",
        "Lois Lane",
        "2024-03-05",
        "https://example.org/a",
    )
    assert article.body == "The parliament voted on Tuesday.\n\nMore text here."


def test_markdown_with_toml_front_matter_and_heading(tmp_path):
    (tmp_path / "b.md").write_text(
        '+++\noutlet = "Wire"\ndate = 2023-01-02\n+++\n# Storm hits coast\n\nWinds rose overnight.\n'
    )
    (article,), _, _ = read_folder(tmp_path)
    assert (article.title, article.source, article.published) == (
        "Storm hits coast",
        "Wire",
        "2023-01-02",
    )
    assert article.body == "Winds rose overnight."


def test_broken_front_matter_keeps_the_text_and_says_so(tmp_path):
    (tmp_path / "c.md").write_text("---\ntitle: never closed\n\nThe storm passed.\n")
    (article,), skipped, notices = read_folder(tmp_path)
    assert "The storm passed." in article.body
    assert any("front matter" in n.message for n in notices)


def test_json_object_and_list(tmp_path):
    (tmp_path / "one.json").write_text(
        json.dumps(
            {"title": "One", "source": "A", "date": "2020-05-01T10:00:00Z", "body": "First text."}
        )
    )
    (tmp_path / "many.json").write_text(
        json.dumps(
            [
                {"headline": "Two", "outlet": "B", "text": "Second text."},
                {"title": "Three", "paragraphs": ["p1.", "p2."]},
            ]
        )
    )
    articles, skipped, _ = read_folder(tmp_path)
    by_path = {a.path: a for a in articles}
    assert set(by_path) == {"one.json", "many.json#0", "many.json#1"}
    assert by_path["one.json"].published == "2020-05-01"
    assert by_path["many.json#0"].source == "B"
    assert by_path["many.json#1"].body == "p1.\n\np2."
    assert len({a.id for a in articles}) == 3


def test_basil_article_from_the_shared_corpus(tmp_path):
    source = next(shared_path("corpora", "basil", "articles").rglob("*.json"))
    (tmp_path / source.name).write_bytes(source.read_bytes())
    (article,), skipped, _ = read_folder(tmp_path)
    raw = json.loads(source.read_text(encoding="utf-8"))
    assert article.title == raw["title"].strip()
    assert article.source == raw["source"]
    assert article.published == raw["date"]
    assert article.body.count("\n\n") == len([p for p in raw["body-paragraphs"] if p]) - 1
    assert raw["body-paragraphs"][0][0].strip() in article.body


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{not json", "malformed JSON"),
        ('{"title": "no body"}', "no article"),
        ("[1, 2, 3]", "no article"),
    ],
)
def test_bad_json_is_explained(tmp_path, content, reason):
    (tmp_path / "bad.json").write_text(content)
    (tmp_path / "good.txt").write_text("A headline\n\nA sentence of text.\n")
    articles, skipped, _ = read_folder(tmp_path)
    assert [a.path for a in articles] == ["good.txt"]
    assert skipped[0][0] == "bad.json" and reason in skipped[0][1]


def test_folder_metadata_fills_what_files_lack(tmp_path):
    (tmp_path / "dossier.toml").write_text(
        '[defaults]\noutlet = "Default Wire"\n\n[files."x.txt"]\noutlet = "X Times"\ndate = 2025-06-01\n'
    )
    (tmp_path / "x.txt").write_text("Headline X\n\nBody of x.\n")
    (tmp_path / "y.txt").write_text("Headline Y\n\nBody of y.\n")
    articles, _, _ = read_folder(tmp_path)
    by_path = {a.path: a for a in articles}
    assert (by_path["x.txt"].source, by_path["x.txt"].published) == ("X Times", "2025-06-01")
    assert by_path["y.txt"].source == "Default Wire"


def test_latin1_bbc_file_is_read_with_a_notice(tmp_path):
    source = shared_path("corpora", "bbc", "bbc", "sport", "199.txt")
    (tmp_path / "199.txt").write_bytes(source.read_bytes())
    (article,), _, notices = read_folder(tmp_path)
    assert notices and "not valid UTF-8" in notices[0].message
    assert "\ufffd" not in article.body and article.title


def test_cp1252_quotes_decode(tmp_path):
    (tmp_path / "q.txt").write_bytes(
        "Headline\n\nHe said \u201cyes\u201d to the caf\u00e9.\n".encode("cp1252")
    )
    (article,), _, notices = read_folder(tmp_path)
    assert article.body == "He said \u201cyes\u201d to the caf\u00e9."


def test_bad_files_are_skipped_with_reasons_and_good_ones_kept(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "furniture.txt").write_text("Leave a comment\n\n0 Comment(s)\n")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "good.txt").write_text("A headline\n\nA sentence of text.\n")
    articles, skipped, _ = read_folder(tmp_path)
    assert [a.path for a in articles] == ["good.txt"]
    reasons = dict((s.path, s.reason) if hasattr(s, "path") else s for s in skipped)
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.txt"]
    assert "not an article format" in reasons["photo.png"]
    assert "no article text" in reasons["furniture.txt"]


@pytest.mark.parametrize(
    "text", ["Minister Quits After Vote\n", "Resignation\n", "Leave a comment\n\nStorm Warning\n"]
)
def test_a_headline_alone_is_an_article_of_one_line(tmp_path, text):
    (tmp_path / "short.txt").write_text(text)
    (article,), skipped, _ = read_folder(tmp_path)
    assert skipped == []
    last = text.strip().split("\n")[-1]
    assert article.title == last and article.body == last


def test_escape_sequences_in_text_become_visible_symbols(tmp_path):
    (tmp_path / "evil.txt").write_text(
        "Title \x1b[31mred\n\nBody \x1b]52;c;aGk=\x07 and [bold]markup[/bold].\n"
    )
    (article,), _, _ = read_folder(tmp_path)
    assert "\x1b" not in article.title + article.body and "\x07" not in article.body
    assert "\u241b[31mred" in article.title
    assert "[bold]markup[/bold]" in article.body


def test_links_outside_the_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nNot part of the dossier.\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("A headline\n\nA sentence of text.\n")
    (seeds / "link.txt").symlink_to(outside / "secret.txt")
    (seeds / "folder").symlink_to(outside)
    (seeds / "loop").symlink_to(seeds)
    articles, skipped, _ = read_folder(seeds)
    assert [a.path for a in articles] == ["good.txt"]
    assert {s.path for s in skipped} >= {"link.txt", "folder"}


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2025-08-11", "2025-08-11"),
        ("Aug. 11, 2025", "2025-08-11"),
        ("Monday 11 August 2025 10:30 GMT", "2025-08-11"),
        ("Published: March 3, 2024", None),  # the prefix is the caller's business
        ("The army said on Monday", None),
        ("2025-02-30", None),
    ],
)
def test_stated_dates(text, iso):
    assert parse_date(text) == iso


def test_dateline_under_the_headline_is_the_publication_date(tmp_path):
    (tmp_path / "d.txt").write_text(
        "Storm hits coast\nPublished: March 3, 2024\n\nWinds rose overnight.\n"
    )
    (article,), _, _ = read_folder(tmp_path)
    assert article.published == "2024-03-03" and article.body == "Winds rose overnight."


@pytest.mark.parametrize(
    ("controls", "readable"),
    [(b"\x1b[31m" * 40, True), (b"\x0c\t\r\n\x0b" * 40, True), (b"\x01\x7f\x1c" * 40, False)],
)
def test_control_bytes_make_a_binary_file_only_when_they_are_not_text(controls, readable):
    """ESC sequences and whitespace controls are text; >10% other C0 controls is binary."""
    from dossier.ingest.decode import Unreadable, decode

    data = b"Prices rose on Monday. " * 10 + controls
    if readable:
        assert decode(data)[0].startswith("Prices rose")
    else:
        with pytest.raises(Unreadable, match="control bytes"):
            decode(data)


@pytest.mark.parametrize(
    "headline",
    [
        "Prosecutor Subpoenas Governor's Campaign and the State G.O.P.",
        "Harbour Trust Sells Its Stake in Acme Holdings Inc.",
        "Why Allies Are Wary of the U.S.",
    ],
)
def test_a_headline_ending_in_an_abbreviation_is_the_title(tmp_path, headline):
    body = "The board met on Monday. It voted to sell the stake.\n\nShares rose 4 percent."
    (tmp_path / "story.txt").write_text(f"{headline}\n\n{body}\n")
    (article,), _, _ = read_folder(tmp_path)
    assert article.title == headline
    assert article.body == body


def test_a_first_line_ending_in_a_full_stop_is_still_no_title(tmp_path):
    text = "The board met on Monday and voted to sell.\n\nShares rose 4 percent on the news.\n"
    (tmp_path / "story.txt").write_text(text)
    (article,), _, _ = read_folder(tmp_path)
    assert article.body.startswith("The board met on Monday")
