"""Small helpers for showing data in a terminal (shared by the CLI and the TUI).

Rich is imported where a helper builds Rich text, not at import: the CLI's fast commands
(``--json``) never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.style import Style
    from rich.text import Text

    from dossier.models import Article, ConcordanceLine


def one_line(text: str) -> str:
    """Text fit for one line of a terminal: newlines and control characters escaped.

    File names may hold anything a file system allows; article text has its control
    characters made visible at ingest, names do not (they identify files).
    """
    if text.isprintable():
        return text
    return text.encode("unicode_escape").decode("ascii")


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 article', '3 articles': the count with the word agreeing with it.

    Args:
        count: how many.
        one: the words for exactly one ('article matches').
        many: the words for any other count; ``one`` + 's' when omitted.
    """
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


#: What the indexing phases are called on screen (CLI progress bar, TUI status and first build).
PHASE_LABELS = {
    "index": "reading and indexing articles",
    "analyse": "finding people, places and organisations",
}


def phase_label(phase: str) -> str:
    """The on-screen name of an indexing phase ('index', 'analyse'); unknown ones as given."""
    return PHASE_LABELS.get(phase, phase)


def article_header(article: Article) -> Text:
    """An article's headline (saying when it was derived) over its outlet, byline, date, path."""
    from rich.text import Text

    text = Text(article.title, style="bold")
    if article.title_derived:
        text.append("  (headline derived from the first sentence)", style="dim italic")
    facts = [
        article.source,
        article.author and f"by {article.author}",
        article.published,
        one_line(article.path),
    ]
    text.append("\n" + " · ".join(f for f in facts if f), style="dim")
    return text


def concordance_line(line: ConcordanceLine, highlight: str | Style = "reverse") -> Text:
    """A mention in its sentence, indented, the mention itself styled with ``highlight``."""
    from rich.text import Text

    before = line["start"] - line["sentence_start"]
    after = before + line["end"] - line["start"]
    sentence = line["sentence"]
    text = Text("  ")
    text.append(sentence[:before])
    text.append(sentence[before:after], style=highlight)
    text.append(sentence[after:])
    return text
