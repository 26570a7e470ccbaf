"""Amounts with their hedge: '$3.2 million', 'just over $300,000', 'up to 2.4 million', 'weekslong'.

A quantity value is a JSON-safe dict ``{"min", "max", "approx", "hedge", "number"}``:
``number`` is the figure as stated (None for vague words such as 'dozens'), ``hedge`` one of
``exact``, ``at_least``, ``at_most``, ``about``, ``vague``. :func:`relation` says whether two
values agree, vary (rounding, estimates) or conflict, the way a reader would judge them.
"""

from __future__ import annotations

import re
from typing import Any

from dossier.claims.numbers import ABOUT, AT_LEAST, AT_MOST, BELOW, VAGUE, words_to_number

#: Words that soften a hedge without changing it ('just over', 'well over', 'only').
_SOFTENERS = ("just", "well", "only", "a little", "slightly", "the")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CURRENCY = re.compile(r"^(us\$|\$|€|£|¥)\s*")
_CURRENCY_WORDS = re.compile(r"\s+(dollars?|euros?|pounds?|yen)$")
#: Days per unit, to compare durations given in different units.
DURATION_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}
#: 'weekslong' and friends: a vague number of the unit.
_LONG = re.compile(r"^(day|week|month|year|decade)s-?long$")
#: Relative gap under which two figures read as one figure rounded ('$27,480' / '$27,000').
ROUNDING = 0.05


def parse_number(text: str) -> float | None:
    """'7,314.20' -> 7314.2, '2.3 million' -> 2300000, 'forty-five' -> 45; None otherwise."""
    text = _CURRENCY_WORDS.sub("", _CURRENCY.sub("", text.lower().strip()))
    text = text.replace(",", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|[mbk]n?)?", text)
    if match:
        scale = match.group(2) or ""
        factor = _SCALES.get(scale) or {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}.get(
            scale, 1
        )
        return float(match.group(1)) * factor
    words = text.replace("-", " ").split()
    if words and words[-1] in _SCALES and len(words) > 1:
        head = words_to_number(" ".join(words[:-1]))
        return None if head is None else head * _SCALES[words[-1]]
    value = words_to_number(text)
    return None if value is None else float(value)


def _strip(text: str, hedges: tuple[str, ...]) -> tuple[str, bool]:
    for hedge in sorted(hedges, key=len, reverse=True):
        if text.startswith(hedge + " "):
            return text[len(hedge) + 1 :], True
    return text, False


def parse_amount(phrase: str) -> dict[str, Any] | None:
    """A hedged amount ('just over $300,000', 'up to 2.4 million', 'tens of thousands').

    Returns:
        The value dict (module docstring), or None when the phrase states no amount.
    """
    text = " ".join(phrase.lower().replace("–", "-").split())
    hedge = "exact"
    for _ in range(3):
        for soft in _SOFTENERS:
            if text.startswith(soft + " "):
                text = text[len(soft) + 1 :]
        for name, group in (
            ("at_least", AT_LEAST),
            ("at_most", AT_MOST),
            ("below", BELOW),
            ("about", ABOUT),
        ):
            text, hit = _strip(text, group)
            if hit:
                # the first hedge bounds the figure: 'up to roughly 50' is at most 50
                hedge = name if hedge == "exact" else hedge
                break
    text = _CURRENCY_WORDS.sub("", _CURRENCY.sub("", text))
    for vague, (low, high) in sorted(VAGUE.items(), key=lambda item: -len(item[0])):
        if text == vague or text.startswith(vague + " of"):
            return {"min": low, "max": high, "approx": True, "hedge": "vague", "number": None}
    number = parse_number(text)
    if number is None:
        return None
    number = int(number) if float(number).is_integer() else round(number, 2)
    bounds = {
        "exact": (number, number),
        "about": (number, number),
        "at_least": (number, None),
        "at_most": (None, number),
        "below": (None, number),
    }[hedge]
    return {
        "min": bounds[0],
        "max": bounds[1],
        "approx": hedge == "about",
        "hedge": hedge,
        "number": number,
    }


def parse_duration_word(word: str) -> tuple[str, dict[str, Any]] | None:
    """'weekslong' -> ('week', vague 2-11); None for other words."""
    match = _LONG.match(word.lower())
    if not match:
        return None
    return match.group(1), {"min": 2, "max": 11, "approx": True, "hedge": "vague", "number": None}


def _rounded_to(a: float, b: float) -> bool:
    """True when ``b`` is a round figure that ``a`` rounds to ('27,480' -> '27,000')."""
    if a == b or b == 0:
        return a == b
    digits = len(str(int(abs(b)))) - len(str(int(abs(b))).rstrip("0"))
    if digits == 0:
        return False
    step = 10**digits
    return abs(a - b) < step and abs(a - b) / abs(b) <= ROUNDING


def _one_rounds_other(a: float | None, b: float | None) -> bool:
    """True when both figures are stated and one is the other rounded."""
    return a is not None and b is not None and (_rounded_to(a, b) or _rounded_to(b, a))


def relation(a: dict[str, Any], b: dict[str, Any]) -> str:
    """How two amounts of the same thing relate: ``agree``, ``variation`` or ``conflict``.

    A bound that the other figure satisfies agrees ('over $2,000' / '$2,841.12'; '$90,000' /
    'more than $90,000'); a figure within a vague range agrees ('tens of thousands' /
    '60,000'). Two stated figures that differ are a conflict unless one is the other rounded
    or either is an estimate ('about', 'up to', a vague word): then a variation.
    """
    ha, hb = a.get("hedge", "exact"), b.get("hedge", "exact")
    na, nb = a.get("number"), b.get("number")
    if na is None and nb is None and (a.get("min"), a.get("max")) == (b.get("min"), b.get("max")):
        return "agree"  # one range told twice ('in his 50s' / 'in his 50s')
    if ha == "vague" or hb == "vague":
        return "agree" if _overlap(a, b) else "variation"
    if na == nb and na is not None:
        return "agree"
    for x, y, hx in ((a, b, ha), (b, a, hb)):
        if (
            hx == "at_least"
            and y.get("number") is not None
            and y["number"] >= x["number"] * (1 - ROUNDING)
            and y.get("hedge") != "below"
        ):
            return "agree"
        if hx == "below" and y.get("number") is not None and y["number"] <= x["number"]:
            return "agree"
    if ha == hb == "at_least":
        return "agree"
    if not _overlap(a, b, margin=0.0):
        if "about" in (ha, hb) and _overlap(a, b, margin=0.2):
            return "variation"
        return "variation" if _one_rounds_other(na, nb) else "conflict"
    if ha == hb == "exact":
        return "variation" if _one_rounds_other(na, nb) else "conflict"
    return "variation"


def _overlap(a: dict[str, Any], b: dict[str, Any], margin: float = 0.0) -> bool:
    def bounds(v):
        low = 0.0 if v.get("min") is None else float(v["min"]) * (1 - margin)
        high = float("inf") if v.get("max") is None else float(v["max"]) * (1 + margin)
        return low, high

    (al, ah), (bl, bh) = bounds(a), bounds(b)
    return al <= bh and bl <= ah


def describe_amount(value: dict[str, Any], unit: str) -> str:
    """'$27,480', 'more than 2,900 bridges', '2.4 million voters' as a reader would say it."""
    number = value.get("number")
    if unit == "duration" and value.get("unit_word"):
        word = value["unit_word"]
        if number is None:
            return f"{word}s-long"  # "a monthslong inquiry": months, how many not said
        count = round(number / DURATION_DAYS[word], 1)
        return f"{count:g} {word}{'s' if count != 1 else ''}"
    if number is None:
        return value.get("text") or f"{value.get('min')}-{value.get('max')}"
    shown = f"{number:,.2f}" if isinstance(number, float) else f"{number:,}"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if isinstance(number, (int, float)) and number >= scale and number % (scale / 10) == 0:
            shown = f"{number / scale:g} {word}"  # '$2 trillion', not '$2e+06 million'
            break
    shown = (
        f"{unit}{shown}" if unit in ("$", "£", "€", "¥") else f"{shown}%" if unit == "%" else shown
    )
    prefix = {
        "at_least": "more than ",
        "at_most": "up to ",
        "below": "under ",
        "about": "about ",
    }.get(value.get("hedge", ""), "")
    return prefix + shown


#: Currencies by symbol and by word; a sum in one is never compared with a sum in another.
_CURRENCY_NAMES = {
    "$": "$",
    "dollar": "$",
    "£": "£",
    "pound": "£",
    "sterling": "£",
    "€": "€",
    "euro": "€",
    "¥": "¥",
    "yen": "¥",
}
MONEY_UNITS = frozenset({"$", "£", "€", "¥", "money"})


def currency_of(text: str) -> str:
    """The currency a sum is in ('£5m' -> '£', '5 million euros' -> '€'); 'money' when unsaid."""
    lowered = text.lower()
    for sign in ("$", "£", "€", "¥"):
        if sign in lowered:
            return sign
    for word in re.findall(r"[a-z]+", lowered):
        if word.rstrip("s") in _CURRENCY_NAMES or word in _CURRENCY_NAMES:
            return _CURRENCY_NAMES.get(word, _CURRENCY_NAMES.get(word.rstrip("s"), "money"))
    return "money"
