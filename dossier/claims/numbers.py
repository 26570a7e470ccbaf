"""Counts as intervals that keep their hedge: 'at least 30' -> [30, ∞), 'roughly 60' -> ~60.

A value is a dict ``{"min", "max", "approx", "text"}`` (None for an open end), so it can be
stored as JSON and compared: two counts conflict when their intervals, widened a little for
approximate ones, do not overlap.
"""

from __future__ import annotations

import re
from typing import Any

from dossier.lexicon import NUMBER_WORDS

_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
#: Vague quantities as ranges a reader would accept.
VAGUE = {
    "dozens": (24, 199),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, None),
    "several": (3, 9),
    "a few": (2, 5),
    "few": (2, 5),
    "a handful": (3, 7),
    "a dozen": (12, 12),
    "a couple": (2, 3),
    "many": (5, None),
    "numerous": (5, None),
}
#: Hedges before a figure, one lexicon for counts (here) and amounts (:mod:`quantities`).
AT_LEAST = (
    "at least",
    "more than",
    "over",
    "upwards of",
    "no fewer than",
    "in excess of",
    "a minimum of",
    "not less than",
    "nearly all of",
)
AT_MOST = (
    "at most",
    "up to",
    "as high as",
    "as many as",
    "as much as",
    "no more than",
    "a maximum of",
    "not more than",
)
#: Strictly below the figure ('fewer than 20'); a count reads it as an upper bound too.
BELOW = ("fewer than", "less than", "under", "below")
ABOUT = (
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "an estimated",
    "estimated",
    "nearly",
    "almost",
    "close to",
    "closer to",
    "around some",
    "circa",
    "approx.",
    "approx",
    "almost exactly",
)
#: How far an approximate count may stray and still agree (a fraction of it).
APPROX_MARGIN = 0.2
#: Exact counts closer than this fraction are a variation, not a contradiction ('30' vs 'more
#: than 30').
NEAR_MARGIN = 0.1


def words_to_number(text: str) -> int | None:
    """'forty-five' -> 45, '1,200' -> 1200, '2.5 million' -> 2500000; None if not a number."""
    cleaned = text.lower().replace(",", "").replace("-", " ").strip()
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        value = float(cleaned)
        return int(value) if value.is_integer() else None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(hundred|thousand|million|billion)", cleaned)
    if match:
        return int(float(match.group(1)) * _SCALES[match.group(2)])
    total = current = 0
    seen = False
    for word in cleaned.split():
        if word == "and":
            continue
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_count(phrase: str) -> dict[str, Any] | None:
    """A count phrase ('at least some 30', 'roughly 60', 'dozens', 'between 10 and 15').

    Returns:
        ``{"min", "max", "approx", "text"}`` or None when the phrase holds no count.
    """
    text = " ".join(phrase.lower().replace("–", "-").split())
    text = re.sub(r"^(the|of)\s+", "", text)
    approx = False
    low_only = high_only = False
    changed = True
    while changed:
        changed = False
        for hedge in AT_LEAST:
            if text.startswith(hedge + " "):
                text, low_only, changed = text[len(hedge) + 1 :], True, True
        for hedge in AT_MOST + BELOW:
            if text.startswith(hedge + " "):
                text, high_only, changed = text[len(hedge) + 1 :], True, True
        for hedge in ABOUT:
            if text.startswith(hedge + " "):
                text, approx, changed = text[len(hedge) + 1 :], True, True
    between = re.fullmatch(r"between\s+(.+?)\s+and\s+(.+)", text) or re.fullmatch(
        r"([\d,]+)\s*(?:to|-)\s*([\d,]+)", text
    )
    first = words_to_number(between.group(1)) if between else None
    second = words_to_number(between.group(2)) if between else None
    if first is not None and second is not None:
        low, high = sorted((first, second))
        return {"min": low, "max": high, "approx": approx, "text": phrase.strip()}
    for vague, (vague_low, vague_high) in sorted(VAGUE.items(), key=lambda item: -len(item[0])):
        if text == vague or text.startswith(vague + " of"):
            return {"min": vague_low, "max": vague_high, "approx": True, "text": phrase.strip()}
    number = words_to_number(text)
    if number is None:
        return None
    if low_only and not high_only:
        return {"min": number, "max": None, "approx": approx, "text": phrase.strip()}
    if high_only and not low_only:
        return {"min": None, "max": number, "approx": approx, "text": phrase.strip()}
    return {"min": number, "max": number, "approx": approx, "text": phrase.strip()}


def _bounds(value: dict[str, Any]) -> tuple[float, float]:
    low = value.get("min")
    high = value.get("max")
    low = 0.0 if low is None else float(low)
    high = float("inf") if high is None else float(high)
    if value.get("approx"):
        low, high = low * (1 - APPROX_MARGIN), high * (1 + APPROX_MARGIN)
    return low, high


def same_count(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two counts say the same thing ('about 50' and '50' agree; 'at least 50' does
    not)."""
    return (a.get("min"), a.get("max")) == (b.get("min"), b.get("max"))


def counts_conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two counts cannot both be true ('at least 60' vs 'about 25')."""
    (a_low, a_high), (b_low, b_high) = _bounds(a), _bounds(b)
    if a_high < b_low:
        gap, scale = b_low - a_high, max(b_low, 1.0)
    elif b_high < a_low:
        gap, scale = a_low - b_high, max(a_low, 1.0)
    else:
        return False
    return gap / scale > NEAR_MARGIN


def describe(value: dict[str, Any]) -> str:
    """A count as a reader would say it: 'at least 20', 'about 50', '24-199'."""
    low, high, approx = value.get("min"), value.get("max"), value.get("approx")
    prefix = "about " if approx else ""
    if low is not None and high is not None:
        return f"{prefix}{low}" if low == high else f"{low}-{high}"
    if low is not None:
        return f"at least {prefix}{low}"
    if high is not None:
        return f"up to {prefix}{high}"
    return value.get("text", "?")
