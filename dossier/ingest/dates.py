"""Publication dates as written in article files -> ISO ``YYYY-MM-DD``.

Strict on purpose: a date line is only taken as the publication date when the whole text
is a date, so that prose never loses a line by accident.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dossier.lexicon import MONTH_NUMBERS

_MONTH = r"(?P<month>{})\.?".format("|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)))
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
_TIME = r"(?:[\s,]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_PATTERNS = [
    re.compile(r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?:[T ][\d:.+\-Z]*)?$"),
    re.compile(r"^(?P<year>\d{4})/(?P<mon>\d{2})/(?P<day>\d{2})$"),
    re.compile(
        rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}$",
        re.I,
    ),
    re.compile(
        rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}$",
        re.I,
    ),
]


def parse_date(text: str) -> str | None:
    """Parse a stated date ('2025-08-11', 'Aug. 11, 2025', 'Monday 11 August 2025 10:30 GMT').

    Returns:
        The ISO date, or None when the text is not (only) a date.
    """
    text = text.strip().rstrip(".")
    if not text or len(text) > 60:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else MONTH_NUMBERS[groups["month"].lower()]
        try:
            return date(int(groups["year"]), month, int(groups["day"])).isoformat()
        except ValueError:
            return None
    return None


def normalise_date(value: object) -> str | None:
    """A metadata date (string, date or datetime, as JSON/TOML/front matter give it) -> ISO."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        found = parse_date(value)
        if found:
            return found
        match = re.match(r"^(\d{4}-\d{2}-\d{2})", value.strip())
        return parse_date(match.group(1)) if match else None
    return None
