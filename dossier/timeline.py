"""Dated events of a dossier, in order, without spaCy.

Sentences are split with a careful regex (abbreviations and initials do not end a
sentence), date expressions are found with patterns (explicit dates, month and year, years
after a preposition, weekdays, "last week", "yesterday"...) and normalised with
``dateparser`` against the article's published date. A relative expression in an undated
article is kept and marked undated rather than guessed. A bare month ("in July") in an
undated article takes the year of the latest month the dossier states with its year, and
says so (``year_inferred``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dossier.lexicon import MONTH_NUMBERS, MONTHS, NUMBER_WORDS, WEEKDAYS
from dossier.models import ArticleEntry, Discrepancy, TimelineEvent
from dossier.sentences import split_sentences

__all__ = ["DateMention", "build_timeline", "find_dates", "split_sentences"]

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
#: Words that put a bare year or month in event context ("in 2020", "since May", "the 2020 vote").
_PREP = (
    r"(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Tt]hrough|[Bb]efore|[Aa]fter|[Ff]rom|[Oo]f"
    r"|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]he|[Oo]n|[Tt]o)"
)

#: Words between the context word and a year: "until at least 2030", "by the end of 2027".
_HEDGE = (
    r"(?:(?:at\s+(?:least|the\s+(?:earliest|latest))|as\s+(?:late|early)\s+as"
    r"|the\s+(?:end|start|middle|beginning)\s+of|early|late|mid-?)\s+)?"
)

#: (kind, pattern): tried in this order; earlier (longer) matches win over overlapping later ones.
#: "twelve days ago": any one-word number, longest first so "seventeen" is not read as "seven".
_NUMBER_ALTERNATION = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:[012]\d|3[01])\b")),
    ("day", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("month", re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b")),
    ("day-noyear", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,\s]*\d)")),
    ("day-noyear", re.compile(rf"\b{_DAY}\s+{_MONTH}\b")),
    ("month-noyear", re.compile(rf"\b{_PREP}\s+(?P<d>{_MONTH})(?![\w-])")),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?:early|late|last|this|next)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:yesterday|today|tonight|tomorrow|(?:earlier|later)\s+this\s+(?:week|month|year)"
            r"|(?:last|this|next|past)\s+(?:week|month|year|weekend)|over\s+the\s+weekend"
            rf"|(?:\d+|{_NUMBER_ALTERNATION})\s+(?:days?|weeks?|months?|years?)\s+ago)\b",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b{_PREP}\s+{_HEDGE}(?P<d>{_YEAR}(?:(?:\s*(?:,|and|or|to|-|–)\s*){_YEAR})*)(?![\d,.]*\d)"
        ),
    ),
]
_YEAR_RE = re.compile(_YEAR)


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence.

    Attributes:
        text: the expression as written.
        start: its offset in the body.
        end: its end offset in the body.
        kind: which pattern found it (``day``, ``month``, ``year``, ``weekday``, ``relative``...).
        value: the normalised date (``2025``, ``2025-05``, ``2025-05-04``) or None when undated.
        granularity: ``day``, ``week`` (its Monday), ``month`` or ``year``.
        year_inferred: True when the year came from the dossier, not from the text.
    """

    text: str
    start: int
    end: int
    kind: str
    value: str | None
    granularity: str
    year_inferred: bool = False


def _raw_dates(sentence: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every date expression, longest patterns first, no overlaps."""
    taken: list[tuple[str, int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            # Context words ("in", "since") are matched but not part of the expression.
            start, end = match.span("d") if "d" in pattern.groupindex else match.span()
            if any(start < e and s < end for _, s, e in taken):
                continue
            if (
                kind == "relative"
                and sentence[start].isupper()
                and sentence[:start].strip() not in ("", '"', "“", "‘", "'", "(")
            ):
                continue  # 'Today' mid-sentence is a name (a show, a newspaper), not a date
            if kind == "year":  # "in 2020 and 2021": two events
                taken.extend(
                    (kind, start + y.start(), start + y.end())
                    for y in _YEAR_RE.finditer(sentence[start:end])
                )
                continue
            taken.append((kind, start, end))
    return sorted(taken, key=lambda t: t[1])


def _month_number(word: str | None) -> int:
    """1 to 12 for a month's name or abbreviation ('Sept.' is 9)."""
    if word is None:  # the patterns that call this all name a month
        raise ValueError("no month named")
    word = word.lower().rstrip(".")
    return MONTH_NUMBERS[word]


_SHIFT = {"last": -1, "past": -1, "this": 0, "next": 1}


def _relative(text: str, base: date) -> tuple[date, str] | None:
    """The common relative expressions by calendar arithmetic: (date, granularity).

    A weekday is the latest such day on or before the article's date (news reports the
    past: "on Sunday" in a Sunday paper is that day); "this week" is the week's Monday.
    """
    words = text.lower().replace("-", " ").split()
    day = next((w for w in words if w in WEEKDAYS), None)
    if day is not None:
        back = (base.weekday() - WEEKDAYS.index(day)) % 7
        if "last" in words and back == 0:
            back = 7
        if "next" in words:
            return base + timedelta(days=(WEEKDAYS.index(day) - base.weekday()) % 7 or 7), "day"
        return base - timedelta(days=back), "day"
    if "weekend" in words:
        back = (base.weekday() - 5) % 7
        shift = 7 if "next" in words else 0
        return base - timedelta(days=back) + timedelta(days=shift), "day"
    simple = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    if words and words[-1] in simple and len(words) == 1:
        return base + timedelta(days=simple[words[-1]]), "day"
    if words and words[-1] == "ago" and len(words) == 3:
        count = int(words[0]) if words[0].isdigit() else NUMBER_WORDS.get(words[0], 1)
        unit = words[1].rstrip("s")
        if unit == "day":
            return base - timedelta(days=count), "day"
        if unit == "week":
            return base - timedelta(weeks=count), "day"
        if unit == "month":
            month = base.year * 12 + base.month - 1 - count
            return date(month // 12, month % 12 + 1, 1), "month"
        return date(base.year - count, 1, 1), "year"
    step = next((_SHIFT[w] for w in words if w in _SHIFT), None)
    if step is None:
        return None
    if words[-1] == "week":
        monday = base - timedelta(days=base.weekday())
        return monday + timedelta(weeks=step), "week"
    if words[-1] == "month":
        month = base.year * 12 + base.month - 1 + step
        return date(month // 12, month % 12 + 1, 1), "month"
    if words[-1] == "year":
        return date(base.year + step, 1, 1), "year"
    return None


@lru_cache(maxsize=4096)
def _parse_relative(text: str, base: date) -> tuple[date, str] | None:
    """A weekday or relative expression against a base date: arithmetic, else dateparser."""
    found = _relative(text, base)
    if found is not None:
        return found
    import dateparser

    cleaned = re.sub(
        r"\b(early|late|on|morning|afternoon|evening|night|earlier|later)\b", " ", text, flags=re.I
    )
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
    }
    parsed = dateparser.parse(" ".join(cleaned.split()), languages=["en"], settings=settings)
    return (parsed.date(), "day") if parsed else None


def _normalise(
    kind: str, text: str, base: date | None, year_hint: int | None
) -> tuple[str | None, str, bool]:
    """(value, granularity, year_inferred) of one expression."""
    if kind == "year":
        year = _YEAR_RE.search(text)
        return (year.group() if year else None), "year", False
    if kind == "iso":
        return text, "day", False
    words = re.findall(r"[A-Za-z]+\.?|\d+", text)
    month_word = next(
        (w for w in words if w.lower().rstrip(".") in MONTH_NUMBERS),
        None,
    )
    numbers = [int(w) for w in words if w.isdigit()]
    if kind in ("day", "month"):
        year_number = next(n for n in numbers if n > 31)
        month = _month_number(month_word)
        day = next((n for n in numbers if n <= 31), None)
        value = f"{year_number:04d}-{month:02d}" + (f"-{day:02d}" if kind == "day" else "")
        return value, kind, False
    if kind in ("day-noyear", "month-noyear"):
        month = _month_number(month_word)
        inferred = base is None
        known = (base.year - (1 if month > base.month else 0)) if base else year_hint
        if known is None:
            return None, "month", False
        if kind == "day-noyear":
            return f"{known:04d}-{month:02d}-{numbers[0]:02d}", "day", inferred
        return f"{known:04d}-{month:02d}", "month", inferred
    if base is None:
        return None, "day", False
    found = _parse_relative(text, base)
    if found is None:
        return None, "day", False
    when, granularity = found
    value = {"year": f"{when.year:04d}", "month": f"{when.year:04d}-{when.month:02d}"}.get(
        granularity, when.isoformat()
    )
    return value, granularity, False


def find_dates(
    sentence: str, offset: int = 0, base: date | None = None, year_hint: int | None = None
) -> list[DateMention]:
    """Date expressions in one sentence, normalised.

    Args:
        sentence: the sentence text.
        offset: where the sentence starts in its body (added to the offsets returned).
        base: the article's published date; relative expressions need it.
        year_hint: the year for a bare month when the article has no date.
    """
    found = []
    for kind, start, end in _raw_dates(sentence):
        text = sentence[start:end]
        value, granularity, inferred = _normalise(kind, text, base, year_hint)
        found.append(
            DateMention(text, offset + start, offset + end, kind, value, granularity, inferred)
        )
    return found


def _parse_published(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def dossier_year(bodies: Iterable[str]) -> int | None:
    """The year of the latest month the texts state with its year ("June 2025"), or None."""
    latest: str | None = None
    for body in bodies:
        for kind, start, end in _raw_dates(body):
            if kind in ("day", "month", "iso"):
                value, _, _ = _normalise(kind, body[start:end], None, None)
                if value is not None and (latest is None or value > latest):
                    latest = value
    return int(latest[:4]) if latest else None


def _label(value: str | None, granularity: str, text: str) -> str:
    """A readable date: '4 May 2025', 'May 2025', '2025', or the expression when undated."""
    if value is None:
        return text
    parts = value.split("-")
    if granularity == "year" or len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1].capitalize()
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return ("week of " if granularity == "week" else "") + f"{int(parts[2])} {month} {parts[0]}"


def build_timeline(
    articles: list[ArticleEntry], bodies: dict[str, str], discrepancies: list[Discrepancy]
) -> list[TimelineEvent]:
    """Every dated event of a dossier in order, grouped by date, each with its sources.

    Args:
        articles: article metadata (``path``, ``source``, ``published``).
        bodies: each article's cleaned body by path.
        discrepancies: the dossier's discrepancies; an event inside a claim of a
            ``date`` discrepancy is marked with that discrepancy's id.

    Returns:
        Events ``{date, label, granularity, undated, year_inferred, discrepancy, sources,
        mentions: [{path, source, start, end, sentence, expression}]}``, dated ones in date
        order (coarser dates before finer ones of the same period), undated ones last.
    """
    claims = [c for d in discrepancies if d.get("kind") == "date" for c in d["claims"]]
    ids = [d["id"] for d in discrepancies if d.get("kind") == "date" for _ in d["claims"]]
    hint = dossier_year(bodies.values())
    groups: dict[tuple[object, ...], TimelineEvent] = {}
    for article in articles:
        path = article["path"]
        body = bodies.get(path, "")
        base = _parse_published(article.get("published"))
        for start, end in split_sentences(body):
            for mention in find_dates(body[start:end], start, base, hint):
                linked = next(
                    (
                        ids[n]
                        for n, c in enumerate(claims)
                        if c["path"] == path
                        and c["start"] < end
                        and start < c["end"]
                        and _same_date(c.get("value"), mention)
                    ),
                    None,
                )
                event = _event_of(groups, mention)
                event["discrepancy"] = event["discrepancy"] or linked
                if not any(m["path"] == path and m["start"] == start for m in event["mentions"]):
                    sentence = body[start:end]
                    event["mentions"].append(
                        {
                            "path": path,
                            "source": article.get("source"),
                            "start": start,
                            "end": end,
                            "sentence": sentence,
                            "expression": mention.text,
                            "discrepancy": linked,
                        }
                    )
    events = list(groups.values())
    for event in events:
        event["sources"] = sorted({m["source"] or m["path"] for m in event["mentions"]})
    return sorted(events, key=_order)


def _event_of(
    groups: dict[tuple[object, ...], TimelineEvent], mention: DateMention
) -> TimelineEvent:
    """The event a date mention belongs to, created on its first mention."""
    # An inferred year is a guess: such mentions never join a stated date's event.
    if mention.value:
        key: tuple[object, ...] = (mention.value, mention.granularity, mention.year_inferred)
    else:
        key = ("~", _undated_key(mention.text))
    return groups.setdefault(key, _new_event(mention))


def _undated_key(text: str) -> str:
    """'early Sunday morning' and 'on Sunday' are one undated event: 'sunday'."""
    words = [
        w
        for w in text.lower().split()
        if w not in {"early", "late", "on", "morning", "afternoon", "evening", "night"}
    ]
    return " ".join(words) or text.lower()


def _same_date(claim_value: Any, mention: DateMention) -> bool:
    """True when a date claim's value is this mention's date (or the claim says no year)."""
    year = claim_value.get("year") if isinstance(claim_value, dict) else None
    if year is None:
        return True
    return mention.value is not None and mention.value.startswith(str(year))


def _new_event(mention: DateMention) -> TimelineEvent:
    return {
        "date": mention.value,
        "label": _label(mention.value, mention.granularity, mention.text),
        "granularity": mention.granularity,
        "undated": mention.value is None,
        "year_inferred": mention.year_inferred,
        "discrepancy": None,
        "mentions": [],
    }


def _order(event: TimelineEvent) -> tuple[int, str, int, bool, str]:
    """Dated events by date (a year before its months, a month before its days; a stated date
    before the same date with an inferred year), undated last."""
    if event["date"] is None:
        return (1, "", 0, False, event["label"].lower())
    return (0, event["date"], len(event["date"]), event["year_inferred"], "")
