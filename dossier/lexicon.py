"""Calendar words shared by ingest, the entity and claim extractors and the timeline.

Also the words for numbers, shared by the claim extractors and the timeline.

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

#: Numbers written as one word ("twelve", "forty", "a"/"an" for one), lower case.
NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
