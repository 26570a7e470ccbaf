"""Spelling variants of one name: the keys that name the same thing before kinds are decided.

News writes one organisation or place several ways: "F.A.A." / "FAA" / "Federal Aviation
Administration", "Transport Department" / "Department of Transport", "U.K." / "United
Kingdom", "Ore." / "Oregon". :func:`variant_groups` joins such folded keys across the whole
dossier, so their mentions vote on one kind and end up in one entity. People's names have their own
variants (middle initials, "Jr.", nicknames): see :func:`person_form` and :func:`same_given`.
Pure Python, no spaCy.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from dossier.entities.gazetteer import COUNTRY_ALIASES, fold

#: US state and district abbreviations as news (AP style and postal codes) writes them.
STATE_ABBREVIATIONS = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
    "D.C.": "Washington",
    "Washington D.C.": "Washington",
    "Washington, D.C.": "Washington",
}
#: Country names that are the very same country as their alias (not "Scotland" for the
#: United Kingdom, nor "Gaza" for the Palestinian Territory: those stay places of their own).
SAME_COUNTRY = {
    "US",
    "U.S.",
    "USA",
    "U.S.A.",
    "America",
    "UK",
    "U.K.",
    "Britain",
    "Great Britain",
    "UAE",
    "Côte d'Ivoire",
    "DRC",
    "DR Congo",
    "Czech Republic",
    "Burma",
    "Holland",
    "the Netherlands",
    "Türkiye",
    "Macedonia",
    "Swaziland",
    "Cape Verde",
    "East Timor",
    "Timor-Leste",
}
#: Words after a name that say which of a family's namesakes is meant.
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}
#: Little words an acronym may or may not take a letter from ("Department of Transport": DOT, DT).
_ACRONYM_SKIPS = {"of", "for", "and", "the", "on", "in", "&", "to", "at"}
#: Legal forms that end a company's full name ("Acme, Inc.", "Foo Bar L.L.C.", "Bank AG"), lower
#: case without their last full stop: the mention extractor keeps them on the name, the
#: resolver drops them to compare names.
LEGAL_FORMS = {
    "inc",
    "incorporated",
    "llc",
    "l.l.c",
    "pllc",
    "ltd",
    "limited",
    "corp",
    "co",
    "plc",
    "lp",
    "l.p",
    "llp",
    "gmbh",
    "ag",
    "s.a",
    "n.v",
}
_DOTTED = re.compile(r"^(?:[a-z]\.){2,}$")


def canonical(key: str) -> str:
    """One spelling for a folded key: no leading "the", acronyms undotted, known variants named.

    "the f.a.a." -> "faa", "u.k." -> "united kingdom", "ore." -> "oregon",
    "transport department" -> "department of transport".
    """
    key = key[4:] if key.startswith("the ") else key
    if key in _aliases():
        return _aliases()[key]
    if _DOTTED.match(key.replace(" ", "")):
        key = key.replace(".", "").replace(" ", "")
        return _aliases().get(key, key)
    words = key.split()
    while len(words) >= 2 and words[-1].rstrip(".") in LEGAL_FORMS:
        words.pop()  # "Acme Stores Inc." is "Acme Stores"
    key = " ".join(words).rstrip(",")
    words = key.split()
    # "Transport Department" and "Department of Transport" are one name in two word orders.
    if len(words) >= 2 and words[-1] in _HEAD_FIRST and words[0] not in _HEAD_FIRST:
        return f"{words[-1]} of {' '.join(words[:-1])}"
    return key


#: Heads of organisation names that also come first, with "of" ("Department of State").
_HEAD_FIRST = {"department", "ministry", "office", "bureau", "agency"}


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    table = {fold(alias): fold(COUNTRY_ALIASES[alias]) for alias in SAME_COUNTRY}
    table.update({fold(alias): fold(name) for alias, name in STATE_ABBREVIATIONS.items()})
    table.update({k.replace(".", ""): v for k, v in list(table.items()) if _DOTTED.match(k)})
    return table


def full_name(surface: str) -> str | None:
    """The full name of an abbreviated country or state ("Nev." -> "Nevada"), or None."""
    name = STATE_ABBREVIATIONS.get(surface) or (
        COUNTRY_ALIASES.get(surface) if surface in SAME_COUNTRY else None
    )
    return name if name and name != surface and "." in surface else None


def initials(key: str) -> set[str]:
    """The acronyms a multi-word name can have: with and without its little words."""
    words = [w for w in re.split(r"[\s-]+", key) if w and w[0].isalnum()]
    if len(words) < 2:
        return set()
    every = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in _ACRONYM_SKIPS)
    return {every, content} - {""}


def variant_groups(keys: dict[str, bool]) -> dict[str, str]:
    """Map every folded key of the dossier to the key that stands for its group.

    Args:
        keys: {folded key: True when it was written as an acronym in capitals}.

    Returns:
        {key: group key}. Keys with one canonical spelling share it; an acronym joins the one
        longer name of the dossier whose initials it is ("faa" with "federal aviation
        administration"); when two longer names fit, it stays on its own.
    """
    groups = VariantGroups()
    groups.update(keys)
    return groups.groups


class VariantGroups:
    """:func:`variant_groups` kept up to date as a dossier's keys come in: a key is grouped
    again only when it is new, newly written as an acronym, or an acronym whose letters a new
    canonical spelling has for initials."""

    def __init__(self) -> None:
        #: {key: group key}, in the order the keys came.
        self.groups: dict[str, str] = {}
        self._acronym: dict[str, bool] = {}
        self._canonical: dict[str, str] = {}
        self._keys_of: dict[str, list[str]] = defaultdict(list)  # canonical -> its keys
        self._expansions: dict[str, set[str]] = {}  # initials -> canonical spellings

    def update(self, keys: Mapping[str, bool]) -> dict[str, str]:
        """Group the keys (all of the dossier's, the ones grouped before included).

        Returns:
            {key: its group before} for the keys grouped before whose group changed.
        """
        todo = [key for key, acronym in keys.items() if self._acronym.get(key) != acronym]
        letters: set[str] = set()
        for key in todo:
            self._acronym[key] = keys[key]
            if key not in self._canonical:
                root = self._canonical[key] = canonical(key)
                if root not in self._keys_of:
                    for initial in initials(root):
                        self._expansions.setdefault(initial, set()).add(root)
                        letters.add(initial)
                self._keys_of[root].append(key)
        moved = {}
        for key in dict.fromkeys(todo + [k for i in letters for k in self._keys_of.get(i, ())]):
            group = self._group_of(key)
            if key in self.groups and self.groups[key] != group:
                moved[key] = self.groups[key]
            self.groups[key] = group
        return moved

    def plain(self) -> tuple[Any, ...]:
        """The groups and what they were made from, as plain values (see :meth:`from_plain`)."""
        return (self.groups, self._acronym, self._canonical, dict(self._keys_of), self._expansions)

    @classmethod
    def from_plain(cls, values: tuple[Any, ...]) -> VariantGroups:
        made = cls()
        made.groups, made._acronym, made._canonical, keys_of, made._expansions = values
        made._keys_of = defaultdict(list, keys_of)
        return made

    def remove(self, gone: AbstractSet[str]) -> dict[str, str]:
        """Forget keys the dossier no longer has (its articles that had them left it).

        Returns:
            {key: its group before} for the remaining keys whose group changed (an acronym
            whose only expansion went, or that now has one where it had two).
        """
        letters: set[str] = set()
        for key in gone:
            if key not in self._canonical:
                continue
            root = self._canonical.pop(key)
            del self._acronym[key], self.groups[key]
            self._keys_of[root].remove(key)
            if not self._keys_of[root]:
                del self._keys_of[root]
                for initial in initials(root):
                    self._expansions[initial].discard(root)
                    letters.add(initial)
        moved = {}
        for key in [k for i in letters for k in self._keys_of.get(i, ())]:
            group = self._group_of(key)
            if self.groups[key] != group:
                moved[key] = self.groups[key]
                self.groups[key] = group
        return moved

    def _group_of(self, key: str) -> str:
        root = self._canonical[key]
        if not self._acronym[key] or " " in root or not root.isalpha() or len(root) < 2:
            return root
        found = self._expansions.get(root, set()) - {root}
        return next(iter(found)) if len(found) == 1 else root


@functools.lru_cache(maxsize=1 << 16)  # every person key of a large dossier (tens of thousands)
def person_form(key: str) -> tuple[tuple[str, ...], str, str, str]:
    """(given names, surname, suffix, middle initials) of a folded person key.

    "ann b. lee jr." -> (("ann",), "lee", "jr", "b"); hyphens split the parts of a
    name ("ana-maria lopez" -> given ("ana", "maria")) so both spellings compare.
    """
    words = [w.strip(".,") for w in re.split(r"[\s-]+", key) if w.strip(".,")]
    suffix = ""
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        suffix = words.pop()
    if len(words) >= 2 and words[-1] in NAME_SUFFIXES and words[-1] != "v":
        suffix = words.pop()
    middle = "".join(w for w in words[1:-1] if len(w) == 1)
    given = tuple(w for i, w in enumerate(words[:-1]) if not (i > 0 and len(w) == 1))
    return given, (words[-1] if words else ""), suffix, middle


def surname_forms(key: str) -> set[str]:
    """The ways a bare mention may give a folded person key's surname: its last part, and a
    hyphenated last word whole ("ana campa-lopez" -> {"lopez", "campa-lopez"}), since
    "Ms. Campa-Lopez" names her by both halves."""
    forms = {person_form(key)[1]}
    last = key.split()[-1].strip(".,") if key.split() else ""
    if "-" in last and last not in NAME_SUFFIXES:
        forms.add(last)
    return forms - {""}


@functools.lru_cache(maxsize=1)
def _nick_namer():
    from nicknames import NickNamer

    return NickNamer()


@functools.lru_cache(maxsize=4096)
def same_given(a: str, b: str) -> bool:
    """True when two given names are one, or one is the other's common nickname (Dave/David)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 2:
        return False
    namer = _nick_namer()
    return b in namer.canonicals_of(a) or a in namer.canonicals_of(b)
