"""Calendar words shared by ingest, the entity and claim extractors and the timeline.

Pure data, no imports: months in order (``MONTHS.index(name) + 1`` is the month's number),
every spelling news writes of a month (full name or abbreviation, without its full stop)
with its number, and the weekdays from Monday (``WEEKDAYS.index(day)`` is Python's
``date.weekday()``).
"""

from __future__ import annotations

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ABBREVIATIONS = {"september": ("sep", "sept")}
#: 'january' and 'jan' -> 1, 'sept' and 'sep' -> 9, 'may' -> 5 (lower case, no full stop).
MONTH_NUMBERS: dict[str, int] = {
    spelling: number
    for number, name in enumerate(MONTHS, start=1)
    for spelling in (name, *_ABBREVIATIONS.get(name, (name[:3],)))
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
