"""The Whoosh schema and analysis: what is indexed and how words are matched."""

from __future__ import annotations

import re

from whoosh import fields, formats
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter
from whoosh.support.charset import accent_map

#: Bump when the schema, the analysis or the reading of article files changes: an index
#: stamped with another version is rebuilt from the seeds instead of being read with the wrong
#: assumptions (the stored analyses of unchanged bodies are kept). 5: headlines that end in
#: an abbreviation.
SCHEMA_VERSION = 5

#: Fields a query may name (``title:foiled``), with the aliases users type.
SEARCH_FIELDS = ("title", "body", "outlet", "author", "published", "path")
FIELD_ALIASES = {"outlet": ["source"], "body": ["text"], "published": ["date"]}

TITLE_BOOST = 2.0


#: A number written with separators ('250,000', '5,687.75', '2018-04-17', '10:30') is one
#: token, so it is searched and highlighted whole; anything else is split as Whoosh does.
TOKEN_PATTERN = r"\d+(?:[.,:/-]\d+)+|\w+(?:\.?\w+)*"
TOKEN_RE = re.compile(TOKEN_PATTERN)
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


#: Each analyser's term for each raw token it was given (see :class:`CachedPositions`),
#: keyed by the analyser's id with the analyser kept (so an id is never reused meanwhile).
_TERMS: dict[int, tuple[object, dict[str, str | bool]]] = {}
#: Raw tokens kept per analyser before its table is emptied (a bound on memory).
TERM_CACHE_SIZE = 500_000


def _term_table(analyzer) -> dict[str, str | bool]:
    entry = _TERMS.get(id(analyzer))
    if entry is None or entry[0] is not analyzer:
        if len(_TERMS) >= 4:  # analysers of writers gone (each writer reads its own schema)
            _TERMS.clear()
        entry = _TERMS[id(analyzer)] = (analyzer, {})
    if len(entry[1]) > TERM_CACHE_SIZE:
        entry[1].clear()
    return entry[1]


def _one_term(analyzer, raw: str) -> str | bool:
    """The term of one raw token, or False when the analyser does not make exactly one
    plain term of it (then the text is analysed the ordinary way)."""
    found = [(t.text, t.boost, t.stopped) for t in analyzer(raw, mode="index", boosts=True)]
    if len(found) != 1 or found[0][1] != 1.0 or found[0][2]:
        return False
    return found[0][0]


def forget_terms() -> None:
    """Let go of the term tables (a writer calls it when it is done)."""
    _TERMS.clear()


class CachedPositions(formats.Positions):
    """Whoosh's positions format whose indexing looks each distinct raw token's term up.

    Whoosh runs every token of every text through the analyser's chain of generators
    (tokenizer, four filters): a sixth of the writer's time on news articles, most of it
    for words seen many times before. The text analyser makes exactly one term of each
    token the tokenizer cuts, from that token alone, so a text's terms are its raw tokens
    (the same regular expression) mapped through a table filled by the analyser itself:
    the same terms, positions, weights and encoded values. Any other call (a query, a
    list of words, other options) goes Whoosh's way.
    """

    def word_values(self, value, analyzer, **kwargs):
        """``(term, frequency, weight, encoded positions)`` per distinct term of ``value``."""
        if not isinstance(value, str) or kwargs.keys() - {"mode"} or kwargs.get("mode") != "index":
            yield from super().word_values(value, analyzer, **kwargs)
            return
        terms = _term_table(analyzer)
        positions: dict[str, list[int]] = {}
        for position, raw in enumerate(TOKEN_RE.findall(value)):
            term = terms.get(raw)
            if term is None:
                term = terms[raw] = _one_term(analyzer, raw)
            if not isinstance(term, str):
                yield from super().word_values(value, analyzer, **kwargs)
                return
            positions.setdefault(term, []).append(position)
        boost = self.field_boost
        for term, found in positions.items():
            yield (term, len(found), float(len(found)) * boost, self.encode(found))


class SpelledText(fields.TEXT):
    """A stemmed text field whose unstemmed words feed "did you mean" and fuzzy search
    (Whoosh's ``spell_<field>`` list) without Whoosh's cost per document.

    Whoosh analyses the text a second time, unstemmed, and adds one posting per distinct
    word of every document to the spelling field, all on document 0: as many postings as
    the field itself, sorted and written at the commit. Only the field's word list is ever
    read, so the index writer (:func:`dossier.store.writer.segment_writer`) gathers the
    words itself, from the distinct raw words of each text, and writes each word once per
    segment. Whoosh's own path is switched off here.
    """

    format: formats.Format

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        if type(self.format) is formats.Positions:  # terms looked up (CachedPositions)
            self.format = CachedPositions(field_boost=self.format.field_boost)

    def spellable_words(self, value):
        """Nothing per document (see the class docstring)."""
        return iter(())

    def words_to_spell(self, raw_words) -> list[str]:
        """The spelling words of some raw tokens of this field's text (as the tokenizer
        cut them): analysed as Whoosh does, unstemmed."""
        return fields.TEXT.spellable_words(self, " ".join(raw_words))


#: Posting blocks with fewer postings than this are stored uncompressed (see LeanCodec).
COMPRESS_FROM = 16


class LeanPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, compressing only blocks of :data:`COMPRESS_FROM` postings
    or more.

    Whoosh compresses every block with zlib, most of them a rare word's one or two
    postings (tens of bytes, a few saved) at a fixed cost per call (~40 µs): about a
    sixth of the indexing time of news articles. Each block records whether it is
    compressed, so any Whoosh reader reads both kinds.
    """

    _compression: int
    _ids: list[int]

    def _write_block(self, last=False):
        if len(self._ids) >= COMPRESS_FROM:
            return super()._write_block(last)
        level, self._compression = self._compression, 0
        try:
            return super()._write_block(last)
        finally:
            self._compression = level


class LeanCodec(W3Codec):
    """Whoosh's default codec writing postings with :class:`LeanPostingsWriter` (reading is
    Whoosh's own)."""

    def postings_writer(self, dbfile, byteids=False):
        """A postings writer that leaves small blocks uncompressed."""
        return LeanPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


def build_schema() -> fields.Schema:
    """The index schema: one document per article."""
    text = text_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True, unique=True),
        file=fields.ID(stored=True),
        fingerprint=fields.STORED(),
        title=SpelledText(analyzer=text, stored=True, field_boost=TITLE_BOOST, spelling=True),
        body=SpelledText(analyzer=text, stored=True, spelling=True),
        outlet=fields.TEXT(analyzer=name_analyzer(), stored=True),
        author=fields.TEXT(analyzer=name_analyzer(), stored=True),
        published=fields.ID(stored=True),
        url=fields.STORED(),
        meta=fields.STORED(),
    )
