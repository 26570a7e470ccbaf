"""The Whoosh schema and analysis: what is indexed and how words are matched."""

from __future__ import annotations

import re

from whoosh import fields
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

#: Bump when the schema or the analysis changes: an index stamped with another version is
#: rebuilt from the seeds instead of being read with the wrong assumptions.
SCHEMA_VERSION = 3

#: Fields a query may name (``title:foiled``), with the aliases users type.
SEARCH_FIELDS = ("title", "body", "outlet", "author", "published", "path")
FIELD_ALIASES = {"outlet": ["source"], "body": ["text"], "published": ["date"]}

TITLE_BOOST = 2.0


#: A number written with separators ('250,000', '5,687.75', '2018-04-17', '10:30') is one
#: token, so it is searched and highlighted whole; anything else is split as Whoosh does.
TOKEN_PATTERN = r"\d+(?:[.,:/-]\d+)+|\w+(?:\.?\w+)*"
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


class ThousandsFilter(Filter):
    """Drops thousands separators so '250,000' and '250000' are the same word."""

    def __call__(self, tokens):
        for token in tokens:
            if "," in token.text:
                token.text = _THOUSANDS.sub("", token.text)
            yield token


def text_analyzer():
    """Words folded for case and accents ('Müller' == 'muller'), then stemmed ('arrests' ==
    'arrest')."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | ThousandsFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StemFilter()
    )


def name_analyzer():
    """Outlet and author names: folded, not stemmed."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> fields.Schema:
    """The index schema: one document per article."""
    text = text_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True, unique=True),
        file=fields.ID(stored=True),
        fingerprint=fields.STORED(),
        title=fields.TEXT(analyzer=text, stored=True, field_boost=TITLE_BOOST, spelling=True),
        body=fields.TEXT(analyzer=text, stored=True, spelling=True),
        outlet=fields.TEXT(analyzer=name_analyzer(), stored=True),
        author=fields.TEXT(analyzer=name_analyzer(), stored=True),
        published=fields.ID(stored=True),
        url=fields.STORED(),
        meta=fields.STORED(),
    )
