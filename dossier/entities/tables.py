"""Lines shaped like a results or standings table: the names on them are teams.

Sports pages and wire services print results as bare lines ("Northfield 2 Eastbrook 0",
"Northfield 3 - 1 Eastbrook", "Northfield 20 6 8 6 25 17 26"): the capitalised names
between the scores are teams, mostly named after their town. Only the line's shape is
read (names interleaved with figures, nothing else), never the topic or nearby words, so a
town named in running prose ("Northfield 2024 drew 3 million visitors") stays a place.
Pure string work: no spaCy needed.
"""

from __future__ import annotations

import re

#: A figure in a table cell: "2", "1-0", "3:1", ".544", "1:19.03", "8,674", "1/2".
_FIGURE = re.compile(r"^(?:\d+(?:[.,:/-]\d+)*|\.\d+)$")
_DASHES = {"-", "–", "—"}
#: A score pair written apart: "3 - 1" (or glued: "3-1", "3:1").
_SCORE_PAIR = re.compile(r"^\d{1,3}(?:[-–:]\d{1,3})?$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
#: A place in a ranking, opening a standings row: "4.".
_RANK = re.compile(r"^\d{1,3}\.$")
#: Small words inside a team's name ("Queen of the South", "Brighton and Hove Albion").
_CONNECTORS = {"of", "the", "and", "&", "de", "del", "la", "le", "upon", "on"}
_MAX_NAME_WORDS = 5
_STANDING_FIGURES = 3


def _blank_brackets(line: str) -> str:
    """The line with bracketed asides ("(halftime 1-0)", "(Lopez 40)") blanked out, so the
    offsets of the rest stay the same; names inside brackets are not read as teams."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), line)


def _token_class(word: str) -> str | None:
    """'N' a name word, 'F' a figure, '-' a dash, 'c' a connector, None anything else."""
    if _FIGURE.match(word):
        return "F"
    if word in _DASHES:
        return "-"
    if word in _CONNECTORS:
        return "c"
    if word[0].isupper() and all(c.isalpha() or c in ".'’&-" for c in word):
        return "N"
    return None


def _groups(line: str) -> list[tuple[str, list[re.Match[str]]]] | None:
    """The line as alternating groups of name words ('N') and figures ('F'), or None when a
    word is neither (any lower-case word of prose)."""
    groups: list[tuple[str, list[re.Match[str]]]] = []
    for match in re.finditer(r"\S+", _blank_brackets(line)):
        rank = not groups and bool(_RANK.match(match.group()))
        cls = "F" if rank else _token_class(match.group())
        if cls is None:
            return None
        kind = "N" if cls in ("N", "c") else "F"
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(match)
        else:
            groups.append((kind, [match]))
    for kind, words in groups:
        if kind == "N" and (
            _token_class(words[0].group()) != "N"
            or _token_class(words[-1].group()) != "N"
            or len(words) > _MAX_NAME_WORDS
        ):
            return None  # a connector opens or ends it, or too long for a team's name
    return groups


def _scores(words: list[re.Match[str]]) -> list[str]:
    """The numbers of a figure group that can be scores or table figures (not years)."""
    return [w.group() for w in words if _FIGURE.match(w.group()) and not _YEAR.match(w.group())]


def _score_pair(words: list[re.Match[str]]) -> bool:
    """'3 - 1', '3-1', '3:1': one result between two teams."""
    text = [w.group() for w in words]
    if len(text) == 1:
        return bool(re.match(r"^\d{1,3}[-–:]\d{1,3}$", text[0]))
    return len(text) == 3 and text[1] in _DASHES and all(_SCORE_PAIR.match(t) for t in text[::2])


def _is_table(groups: list[tuple[str, list[re.Match[str]]]]) -> bool:
    """Results ("A 1 B 1", "A 3 - 1 B") or a standings row ("A 20 6 8 6 25 17 26")."""
    if groups and groups[0][0] == "F" and len(groups[0][1]) == 1:
        groups = groups[1:]  # a rank: "1. A 20 6 8 ..."
    if not groups or groups[0][0] != "N":
        return False
    names = [g for g in groups if g[0] == "N"]
    figures = [g[1] for g in groups if g[0] == "F"]
    if len(names) == 1:
        # A standings row: one name, then only figures, several of them.
        return (
            len(groups) == 2
            and len(figures[0]) >= _STANDING_FIGURES
            and len(_scores(figures[0])) >= 2
        )
    if len(figures) < len(names) - 1 or not all(_scores(f) for f in figures):
        return False
    # Each name followed by its score, ending on a score; or one result between two names.
    return groups[-1][0] == "F" or (len(names) == 2 and _score_pair(figures[0]))


def table_name_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the names on lines of ``text`` shaped like a results or standings
    table (the teams), in text order.

    Args:
        text: the article's text.

    Returns:
        (start, end) offsets into ``text``, one per run of name words on such a line.
    """
    spans = []
    offset = 0
    for line in text.split("\n"):
        groups = _groups(line)
        if groups and _is_table(groups):
            spans += [
                (offset + words[0].start(), offset + words[-1].end())
                for kind, words in groups
                if kind == "N"
            ]
        offset += len(line) + 1
    return spans
