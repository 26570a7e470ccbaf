"""Plain article text -> title, byline, date and a clean body.

Real article files are pasted from web pages: the headline may appear twice or not at all,
a standfirst may precede it, bylines and view counters sit under it, a signature and comment
boilerplate trail the body. The cleaner removes those lines and keeps every article sentence
unchanged, so that character offsets into the body stay meaningful.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.ingest.dates import parse_date

#: Lines that are page furniture, not article text (matched on the whole, case-folded line).
_BOILERPLATE = [
    r"download( post| pdf| article)?",
    r"leave a (comment|reply)",
    r"your email address will not be published.*",
    r"required fields are marked.*",
    r"\d+\s*comments?(\s*\(s\))?",
    r"\d+\s*comment\(s\)",
    r"comments?(\s*\(\d+\))?",
    r"(no|add a|post a|view|show) comments?",
    r"(share|share this( article| story| post)?|share on \w+|tweet|print|email|whatsapp"
    r"|facebook|twitter|linkedin)",
    r"(advertisement|advert|sponsored( content)?|ad)",
    r"(read more|read next|related( articles| posts| stories| news)?|more stories"
    r"|recommended( for you)?)",
    r"(click here|sign up|log ?in|subscribe|subscribe now).*",
    r"(posted|filed) (in|under)\b.*",
    r"tags?\s*:.*",
    r"(copyright|\u00a9).*",
    r"all rights reserved\.?",
    r"-?\s*\d[\d,.]*\s*k?\s+(views?|reads?|shares?)",
    r"-?\s*(about\s+|over\s+|almost\s+)?(\d+|an?|one)\s+(second|minute|hour|day|week|month|year)s?\s+ago",
    r"(skip to (main )?content|back to top|next article|previous article|continue reading)",
    r"photo:.*|image:.*|file photo.*",
]
_BOILERPLATE_RE = re.compile(r"^(?:{})$".format("|".join(_BOILERPLATE)), re.IGNORECASE)
_MAX_BOILERPLATE_LEN = 120

_BYLINE_RE = re.compile(r"^[-–—•*\s]*by\s+(?P<who>[^.!?]{2,100})$", re.IGNORECASE)
_DATE_LINE_RE = re.compile(
    r"^[-–—•*\s]*(?:(?:published|updated|posted|date|first published)\s*(?:on|:)?\s*)?"
    r"(?P<date>.{6,60})$",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"""[.!?…]["'”’)\]]*$""")
#: A line's last word when it is an abbreviation, whose stop ends no sentence: dotted initials
#: ("U.S.", "G.O.P.") or a firm's or a name's suffix.
_ABBREVIATION_END_RE = re.compile(
    r"(?:(?<![\w.])(?:[A-Za-z]\.){2,}|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros)\.)$"
)
_NAME_WORD_RE = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*$")
_FIRST_SENTENCE_RE = re.compile(r"""^(.+?[.!?…]["'”’)]*)(?=\s+["'“‘(]?[A-ZÀ-Þ0-9])""")

#: Characters that are spacing but not plain spaces: folded to ' ' (same length, offsets kept).
_ODD_SPACE = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

_HEADLINE_WORDS = 12


@dataclass
class ParsedText:
    """What the cleaner found in a text."""

    title: str
    body: str
    title_derived: bool = False
    author: str | None = None
    source: str | None = None
    published: str | None = None
    summary: str | None = None


def clean_line(line: str) -> str:
    """Fold odd spaces, drop zero-width characters and trim."""
    return _INVISIBLE.sub("", line.translate(_ODD_SPACE)).strip()


def is_boilerplate(line: str) -> bool:
    """True for page furniture such as 'Leave a comment' or '116 views'."""
    return len(line) <= _MAX_BOILERPLATE_LEN and bool(_BOILERPLATE_RE.match(line))


def is_sentence(line: str) -> bool:
    """True when the line ends like prose (a full stop, a question, a closing quote)."""
    return bool(_SENTENCE_END_RE.search(line))


def looks_like_title(line: str) -> bool:
    """A headline: short, one line, not ending with a full stop (a question mark is fine; so
    is the stop of an abbreviation that ends it: "... and the State G.O.P.")."""
    words = line.split()
    if line.endswith((",", ";", ":")) or (
        line.endswith(".") and not line.endswith("...") and not _ABBREVIATION_END_RE.search(line)
    ):
        return False
    return 1 <= len(words) <= 25 and len(line) <= 200


def looks_like_name(line: str) -> bool:
    """A signature line: two to four capitalised words and nothing else."""
    words = line.split()
    return 2 <= len(words) <= 4 and len(line) <= 50 and all(_NAME_WORD_RE.match(w) for w in words)


def parse_byline(who: str) -> tuple[str | None, str | None]:
    """Split 'NAME, PLACE, OUTLET' (or 'NAME | OUTLET') into author and outlet."""
    parts = [p.strip() for p in re.split(r"\s*[,|]\s*|\s+[-–—]\s+", who) if p.strip()]
    if not parts:
        return None, None
    author = parts[0]
    outlet = parts[-1] if len(parts) >= 2 else None
    if outlet and parse_date(outlet):
        outlet = None
    return author, outlet


def headline_from(body: str) -> str:
    """A short headline from the body's first sentence (for files that have no title)."""
    first = body.split("\n", 1)[0]
    match = _FIRST_SENTENCE_RE.match(first)
    sentence = (match.group(1) if match else first).strip()
    words = sentence.split()
    if len(words) <= _HEADLINE_WORDS:
        return sentence.rstrip(".")
    # Prefer a clause boundary: the headline then reads as a phrase, not a cut-off.
    clause = re.split(r",\s|\s[–—]\s|—|;\s", sentence, maxsplit=1)[0]
    if 4 <= len(clause.split()) <= _HEADLINE_WORDS + 6:
        return clause.rstrip(".")
    return " ".join(words[:_HEADLINE_WORDS]) + "…"


def parse_text(text: str, title: str | None = None) -> ParsedText:
    """Clean an article's text.

    Args:
        text: the decoded file text (newlines normalised).
        title: a title known from metadata; when given, the text is not searched for one
            but a copy of it at the top is still removed.

    Returns:
        The parsed fields; ``body`` holds the kept lines joined by blank lines.
    """
    lines = [line for line in (clean_line(raw) for raw in text.split("\n")) if line]
    parsed = _strip_furniture(lines)
    kept = parsed.lines
    # A signature under the last paragraph: the author, not article text.
    if len(kept) >= 3 and looks_like_name(kept[-1]) and is_sentence(kept[-2]):
        signature = kept.pop()
        parsed.author = parsed.author or signature
    found: str | None
    if title:
        found, summary = title, None
        kept = _drop_title_copies(kept, title, within=4)
    else:
        found, summary, kept = _take_title(kept)
    body = "\n\n".join(kept)
    if not body and found and not title:
        # Only a headline (or one short line): that line is the whole article, kept searchable.
        body = found
    derived = found is None
    return ParsedText(
        title=found if found is not None else (headline_from(body) if body else "(untitled)"),
        body=body,
        title_derived=derived,
        author=parsed.author,
        source=parsed.source,
        published=parsed.published,
        summary=summary,
    )


@dataclass
class _Furniture:
    """The lines kept after the page furniture is removed, and what the furniture said."""

    lines: list[str]
    author: str | None = None
    source: str | None = None
    published: str | None = None


def _strip_furniture(lines: list[str]) -> _Furniture:
    """Drop boilerplate lines, and bylines and date lines near the top (keeping what they say)."""
    found = _Furniture([])
    for index, line in enumerate(lines):
        if is_boilerplate(line):
            continue
        if index < 8 and len(line) <= 100 and _read_furniture(line, found):
            continue
        found.lines.append(line)
    return found


def _read_furniture(line: str, found: _Furniture) -> bool:
    """True when ``line`` is a byline or a date line; what it says goes into ``found``."""
    byline = _BYLINE_RE.match(line)
    if byline and not is_sentence(line):
        who, outlet = parse_byline(byline.group("who"))
        found.author = found.author or who
        found.source = found.source or outlet
        return True
    dated = _DATE_LINE_RE.match(line)
    if dated and not found.published:
        date = parse_date(dated.group("date"))
        if date and len(line.split()) <= 8:
            found.published = date
            return True
    return False


def _drop_title_copies(lines: list[str], title: str, within: int) -> list[str]:
    """``lines`` without copies of the title among the first ``within`` lines."""
    folded = title.casefold()
    return [line for i, line in enumerate(lines) if not (i < within and line.casefold() == folded)]


def _take_title(kept: list[str]) -> tuple[str | None, str | None, list[str]]:
    """Find the headline in the text: ``(title or None, standfirst summary, lines left)``."""
    title, title_at = _find_title(kept)
    if title is None:
        return None, None, kept
    before = [line for line in kept[:title_at] if line.casefold() != title.casefold()]
    summary = " ".join(before) if before and all(is_sentence(line) for line in before) else None
    return title, summary, _drop_title_copies(kept, title, within=6)


def _find_title(lines: list[str]) -> tuple[str | None, int]:
    """The headline and its position, or (None, -1) when the text has none."""
    head = lines[:6]
    # A headline printed twice (page title + article heading) is the surest sign.
    for i, line in enumerate(head):
        if looks_like_title(line) and any(
            line.casefold() == other.casefold() for other in head[i + 1 :]
        ):
            return line, i
    if head and looks_like_title(head[0]):
        return head[0], 0
    # A standfirst sentence, then the headline.
    if (
        len(head) >= 2
        and is_sentence(head[0])
        and looks_like_title(head[1])
        and not is_sentence(head[1])
    ):
        return head[1], 1
    return None, -1


# -- the outlet, guessed from wire credits in the text ---------------------------------------
_OUTLET = r"[A-Z][A-Za-z0-9&]*(?:[ -][A-Z][A-Za-z0-9&]*){0,2}"
_ACRONYM = r"[A-Z][A-Z0-9&]{1,9}"
#: Credit patterns, strongest first: a dateline credit "CITY (Reuters) -", a signature line
#: "- AFP" under the text, the people quoted "told AFP" / "speaking to AFP", "AFP reported".
#: Each comes with words one of which any match contains: a text with none of them is not
#: searched with that pattern (most texts credit no one, and every article is scanned).
_CREDIT_PATTERNS = [
    (
        re.compile(
            rf"(?:^|\n)(?:[A-Z][A-Z'.-]+(?:[ ,]+[A-Za-z'.-]+){{0,3}}\s*)?"
            rf"\((?P<o>{_OUTLET})\)\s*[-–—:]"
        ),
        ("(",),
    ),
    (re.compile(rf"(?:^|\n)\s*[-–—]\s*(?P<o>{_OUTLET})\s*$"), ("-", "–", "—")),
    # From here on the credit may be a citation of another outlet.
    (
        re.compile(
            rf"\b(?:told|[Ss]peaking(?: [a-z ,]{{0,40}})? to|in an interview with) "
            rf"(?:the )?(?P<o>{_ACRONYM})\b(?![ -][A-Z])"
        ),
        ("told", "peaking", "in an interview with"),
    ),
    (
        re.compile(
            rf"\b(?:told|[Ss]peaking(?: [a-z ,]{{0,40}})? to) (?:the )?(?P<o>{_OUTLET}) "
            r"(?:newspaper|news agency|agency|channel|broadcaster|radio|television)\b"
        ),
        ("told", "peaking"),
    ),
    (
        re.compile(rf"(?:^|[.!?]\s+)(?P<o>{_ACRONYM}) (?:reported|reports|has reported)\b"),
        (" report",),
    ),
]


_CITED_FROM = 2


def guess_outlet(body: str) -> str | None:
    """The outlet a text credits itself to, from wire credits; None when it names none.

    Only general credit shapes count ("LISBON (AFP) -", a "- Reuters" signature line, "told
    AFP", "AFP reported"); among several credits of the same strength the most repeated wins.
    A quoted credit ("told AFP") counts only when it recurs or sits in the lead paragraph.
    """
    lead = len(body.split("\n\n", 1)[0])
    for strength, (pattern, needles) in enumerate(_CREDIT_PATTERNS):
        if not any(needle in body for needle in needles):
            continue
        matches = [m for m in pattern.finditer(body) if not parse_date(m.group("o"))]
        found = [m.group("o").strip() for m in matches]
        if strength >= _CITED_FROM:
            # Articles quote other outlets ("told CNN"): a credit counts when it recurs or
            # sits in the lead paragraph, where a wire story credits itself.
            found = [
                name
                for m, name in zip(matches, found, strict=True)
                if found.count(name) >= 2 or m.start("o") < lead
            ]
        if found:
            return max(found, key=found.count)
    return None
