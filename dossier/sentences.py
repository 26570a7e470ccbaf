"""Sentences of article text without spaCy: for the reader, pins, quotes and the timeline.

One splitter for every place that needs "the sentence at this offset" while the reader is open
(spaCy is never loaded there), so copying (`y`) and pinning (`p`) agree on what a sentence is.
"""

from __future__ import annotations

import re

__all__ = ["sentence_around", "split_sentences"]

#: Words before a full stop that do not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "sgt",
    "sen",
    "rep",
    "gov",
    "pres",
    "st",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "jr",
    "sr",
    "fig",
    "approx",
}
_BOUNDARY_RE = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-Þ])|\n\s*\n|\n""")


def split_sentences(body: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of a text; abbreviations and initials do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(body):
        end = match.end() if match.group().strip() else match.start()
        word = re.search(r"([\w.]+)[.]+[\"'”’)\]]*$", body[start : match.end()])
        if match.group().startswith(".") and word:
            token = word.group(1).lower().rstrip(".")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        _add_span(body, start, end, spans)
        start = match.end()
    _add_span(body, start, len(body), spans)
    return spans


def _add_span(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the span trimmed of surrounding spaces, when it holds any text."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_around(text: str, offset: int) -> tuple[int, int]:
    """The (start, end) of the sentence of ``text`` that holds ``offset`` (else the nearest one)."""
    spans = split_sentences(text) or [(0, len(text))]
    return next(
        ((s, e) for s, e in spans if s <= offset < e),
        min(spans, key=lambda se: abs(se[0] - offset)),
    )
