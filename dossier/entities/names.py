"""Given names: evidence that a capitalised word starts a person's name.

The small model often takes a person for an organisation or a place ("Nadia Okafor" as an
ORG in a list of names) or misses a name it has not seen. A given name in front of another
capitalised word is strong evidence of a person. The names come from ``faker``'s person
providers (some eighty locales, so not only English names); its bare ``en`` list is left out
because it holds surnames and common words ("General", "Young", "Price"). Loaded once,
lazily (about 0.3 s), only when articles are analysed.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path

from dossier.entities.gazetteer import fold, places

#: faker locales whose "first names" are not given names as news writes them.
_SKIPPED_LOCALES = {"en"}
#: Gazetteer kinds a given name must not also be: "Jordan", "Georgia", "Chad" are countries first.
_PLACE_KINDS = {"country", "continent", "region"}


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names in Latin script, folded ('maria', 'jose', 'dmitri').

    Built once per version of faker and of this module and the folding it uses, then read
    back from the user's cache folder."""
    from importlib.metadata import version

    from dossier.entities import gazetteer
    from dossier.locations import cached_table

    inputs = (
        Path(__file__).read_bytes(),
        Path(gazetteer.__file__).read_bytes(),
        version("faker"),
    )
    return cached_table("given-names", inputs, _build_given_names)


def _build_given_names() -> frozenset[str]:
    import faker.providers.person as providers

    found: set[str] = set()
    for module in pkgutil.iter_modules(providers.__path__):
        if module.name in _SKIPPED_LOCALES:
            continue
        provider = importlib.import_module(f"{providers.__name__}.{module.name}").Provider
        for attribute in (
            "first_names",
            "first_names_male",
            "first_names_female",
            "first_names_nonbinary",
        ):
            names = provider.__dict__.get(attribute) or getattr(provider, attribute, None)
            if isinstance(names, dict):
                names = names.keys()
            if not isinstance(names, (tuple, list, set, frozenset, type({}.keys()))):
                continue
            found.update(fold(name) for name in names if _latin_name(name))
        # Names written in another script come romanized too ("Kenichi"); one syllable
        # ("Li", "Jun", "Yang") is as often a surname or a word: left out.
        romanized = provider.__dict__.get("first_romanized_names") or ()
        found.update(fold(name) for name in romanized if _latin_name(name) and len(name) >= 5)
    # Two letters ("Yr", "Bo") are more often abbreviations than names.
    return frozenset(name for name in found if len(name) >= 3)


def _latin_name(name: str) -> bool:
    letters = fold(name).replace("-", "").replace("'", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isascii() and name[:1].isupper()


def is_given_name(word: str, *, places_too: bool = False) -> bool:
    """True when the word is a known given name ('Maria', 'José'); case- and accent-insensitive.

    Args:
        word: the word.
        places_too: also when it is a country's or a region's name ("Jordan", "Georgia"),
            which is otherwise the place.
    """
    key = fold(word)
    if key not in given_names():
        return False
    return places_too or places().get(key, ("",))[0] not in _PLACE_KINDS


@functools.lru_cache(maxsize=1)
def _given_genders() -> dict[str, str]:
    from importlib.metadata import version

    from dossier.locations import cached_table

    return cached_table(
        "given-genders", (Path(__file__).read_bytes(), version("faker")), _build_given_genders
    )


def _build_given_genders() -> dict[str, str]:
    import faker.providers.person as providers

    lists: dict[str, set[str]] = {"m": set(), "f": set()}
    for module in pkgutil.iter_modules(providers.__path__):
        if module.name in _SKIPPED_LOCALES:
            continue
        provider = importlib.import_module(f"{providers.__name__}.{module.name}").Provider
        for gender, attribute in (("m", "first_names_male"), ("f", "first_names_female")):
            names = provider.__dict__.get(attribute) or getattr(provider, attribute, None)
            if isinstance(names, (dict, tuple, list, set, frozenset)):
                lists[gender].update(fold(n) for n in names if _latin_name(n))
    # A name given to both ('Andrea', 'Jean', 'Kim') in some locale says nothing.
    return {n: g for g, other in (("m", "f"), ("f", "m")) for n in lists[g] - lists[other]}


def given_name_gender(word: str) -> str | None:
    """'m' or 'f' when a given name is only ever a man's or a woman's in faker's locales
    ('Peter', 'Maria'); None when it is both, or unknown."""
    return _given_genders().get(fold(word))
