"""The Whoosh schema and analysis: what is indexed and how words are matched."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

#: Bump when the schema or the analysis changes: an index stamped with another version is
#: rebuilt from the seeds instead of being read with the wrong assumptions.
SCHEMA_VERSION = 2

#: Fields a query may name (``title:foiled``), with the aliases users type.
SEARCH_FIELDS = ("title", "body", "outlet", "author", "published", "path")
FIELD_ALIASES = {"outlet": ["source"], "body": ["text"], "published": ["date"]}

TITLE_BOOST = 2.0


def text_analyzer():
    """Words folded for case and accents ('Müller' == 'muller'), then stemmed ('arrests' == 'arrest')."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter()


def name_analyzer():
    """Outlet and author names: folded, not stemmed."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


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
