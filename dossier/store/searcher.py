"""Queries: checked, parsed with Whoosh's query language, run, highlighted, spell-corrected.

Whoosh's parser accepts nearly anything and silently guesses ('arrest AND (' becomes a
plain search for 'arrest'). A user who mistyped deserves to be told, so queries are first
checked here and a :class:`QueryError` explains what is wrong and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import qparser
from whoosh import query as wq
from whoosh.index import Index

from dossier.models import Fragment, Hit, SearchResult
from dossier.store.schema import FIELD_ALIASES, SEARCH_FIELDS, name_analyzer

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 16
MAX_FUZZY = 2
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_BINARY = _OPERATORS - {"NOT"}
_KNOWN_FIELDS = set(SEARCH_FIELDS) | {
    alias for aliases in FIELD_ALIASES.values() for alias in aliases
}
_FIELD_RE = re.compile(r"(?<![\w:])([A-Za-z_]+):")
_FUZZY_RE = re.compile(r"\w~(\d+)")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
SNIPPET_CHARS = 200


#: Past this many articles, stored fields are read in one pass over the index.
BULK_STORED = 200


class QueryError(ValueError):
    """A query that cannot be run as written; the message tells the user why."""


def check_query(text: str) -> None:
    """Raise :class:`QueryError` for a malformed query (unbalanced brackets or quotes,
    a dangling operator, an unknown field, an excessive fuzzy distance)."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    if text.count('"') % 2:
        raise QueryError('unbalanced quotes: a phrase opened with " is never closed')
    outside = re.sub(r'"[^"]*"', '""', text)
    depth = 0
    for char in outside:
        if char == "(":
            depth += 1
            if depth > MAX_DEPTH:
                raise QueryError(f"too many nested brackets (at most {MAX_DEPTH})")
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("a closing ')' has no matching '('")
    if depth:
        raise QueryError(f"{depth} bracket{'s' if depth > 1 else ''} opened with '(' never closed")
    if re.search(r"\(\s*\)", outside):
        raise QueryError("empty brackets '()': put words inside them")
    tokens = re.findall(r'\(|\)|""|[^\s()]+', outside)
    previous = None
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token in _BINARY:
            if previous is None or previous in _OPERATORS or previous == "(":
                raise QueryError(f"'{token}' needs a word before it")
            if following is None or following in _BINARY or following == ")":
                raise QueryError(f"'{token}' needs a word after it")
        elif token == "NOT" and (following is None or following in _BINARY or following == ")"):
            raise QueryError("'NOT' needs a word after it")
        previous = token
    for match in _FIELD_RE.finditer(outside):
        name = match.group(1)
        if name.lower() not in _KNOWN_FIELDS:
            raise QueryError(
                f"unknown field '{name}:' (fields: {', '.join(sorted(_KNOWN_FIELDS))})"
            )
        rest = outside[match.end() :]
        if not rest or rest[0].isspace() or rest[0] == ")":
            raise QueryError(f"'{name}:' needs a word right after it (e.g. {name}:storm)")
    for match in _FUZZY_RE.finditer(outside):
        if int(match.group(1)) > MAX_FUZZY:
            raise QueryError(f"fuzzy distance {match.group(1)} is too large (use ~1 or ~2)")


class StemmedFuzzyTerm(wq.FuzzyTerm):
    """A fuzzy term that works on stemmed fields.

    Whoosh looks fuzzy candidates up among the field's unstemmed spelling words, then
    searches for them verbatim in the stemmed index, so 'lopes~' found nothing although
    'Lopez' is there. Here each candidate is stemmed before it is searched.
    """

    def _btexts(self, ixreader):
        # Highlighting asks again for every hit: expand once per reader.
        cached = getattr(self, "_expanded", None)
        if cached is not None and cached[0] is ixreader:
            return cached[1]
        found = self._expand(ixreader)
        self._expanded = (ixreader, found)
        return found

    def _expand(self, ixreader):
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        field = ixreader.schema[self.fieldname]
        # Whoosh walks its word graph in Python (~100 ms a term on 2,000 news articles);
        # rapidfuzz compares against the field's word list in C. OSA: a swap is one edit.
        vocabulary = _spelling_words(ixreader, self.fieldname)
        prefix = self.text[: self.prefixlength]
        found = process.extract(
            self.text, vocabulary, scorer=OSA.distance, score_cutoff=self.maxdist, limit=None
        )
        words = {word for word, _, _ in found if word.startswith(prefix)}
        words.add(self.text)
        terms: set[bytes] = set()
        for word in words:
            for token in field.analyzer(word, mode="query"):
                btext = field.to_bytes(token.text)
                if (self.fieldname, btext) in ixreader:
                    terms.add(btext)
        return sorted(terms)


_VOCABULARIES: dict[tuple, tuple[object, list[str]]] = {}


def _spelling_words(ixreader, fieldname: str) -> list[str]:
    """The unstemmed words of a field (its spelling list), read once per index reader."""
    key: tuple[object, str]
    try:  # segments are immutable: their ids name the vocabulary across readers
        key = (tuple(leaf.segment().segment_id() for leaf, _ in ixreader.leaf_readers()), fieldname)
    except AttributeError:
        key = (id(ixreader), fieldname)
    cached = _VOCABULARIES.get(key)
    if cached is not None:
        return cached[1]
    field = ixreader.schema[fieldname]
    spelling = field.spelling_fieldname(fieldname)
    words = (
        [b.decode("utf-8") for b in ixreader.lexicon(spelling)]
        if spelling in ixreader.schema
        else []
    )
    if len(_VOCABULARIES) >= 8:
        _VOCABULARIES.clear()
    _VOCABULARIES[key] = (None, words)
    return words


class _FuzzyPlugin(qparser.FuzzyTermPlugin):
    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):
        qclass = StemmedFuzzyTerm

        def query(self, parser):
            # The word as typed (folded, not stemmed) is what is compared with the spelling
            # words: 'militray' is 2 edits from 'military', its stem 'militrai' is 3.
            fieldname = self.fieldname or parser.fieldname
            folded = [t.text for t in name_analyzer()(self.text)]
            return StemmedFuzzyTerm(
                fieldname,
                folded[0] if len(folded) == 1 else self.text.lower(),
                boost=self.boost,
                maxdist=self.maxdist,
                prefixlength=self.prefixlength,
            )


def make_parser(schema) -> qparser.QueryParser:
    """The query parser: AND by default, title and body searched, fuzzy and field aliases on."""
    parser = qparser.MultifieldParser(["title", "body"], schema, group=qparser.AndGroup)
    parser.add_plugin(_FuzzyPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    parser.remove_plugin_class(qparser.PlusMinusPlugin)
    return parser


def parse_query(parser: qparser.QueryParser, text: str) -> wq.Query:
    """Check and parse a query string."""
    check_query(text)
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # Whoosh raises assorted types on odd input
        raise QueryError(f"could not understand the query ({exc})") from None
    if parsed is wq.NullQuery:
        raise QueryError("the query has no words to search for")
    return parsed


def _tidy(fragments: list[Fragment]) -> tuple[Fragment, ...]:
    """Fold line breaks in a snippet into spaces (snippets are one line)."""
    return tuple(
        Fragment(" ".join(f.text.split("\n")).replace("  ", " "), f.match)
        for f in fragments
        if f.text
    )


def _highlight_plan(
    query: wq.Query, reader, fieldname: str
) -> tuple[set[str], list[tuple[str, ...]]]:
    """The words and phrases of a query that can show in one field; negated parts are left out."""
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []

    def walk(node: wq.Query) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if isinstance(node, wq.Phrase):
            if node.fieldname == fieldname:
                phrases.append(tuple(node.words))
            return
        if node.is_leaf():
            if node.field() == fieldname:
                for _, text in node.expanded_terms(reader):
                    words.add(text.decode("utf-8") if isinstance(text, bytes) else text)
            return
        for child in node.children():
            walk(child)

    walk(query)
    return words, phrases


#: Per analyzer (held, so its id stays its own): each distinct word and its indexed form.
_TERMS: dict[int, tuple[object, dict[str, str | None]]] = {}
#: Distinct words remembered per analyzer; a news corpus has far fewer.
_TERMS_MAX = 200_000


def _terms_of(text: str, analyzer):
    """The tokenizer's pattern and the indexed form of every word in ``text`` (remembered
    per analyzer), or None when the analyzer is not a plain regex-tokenized chain.

    Every filter of the schema's analyzers works on one word at a time, so a word is run
    through the chain once and remembered: running the chain over every word of every
    body is what made highlighting cost ~6 ms an article.
    """
    items = getattr(analyzer, "items", None) or [analyzer]
    expression = getattr(items[0], "expression", None)
    if expression is None or getattr(items[0], "gaps", False):
        return None
    held = _TERMS.get(id(analyzer))
    if held is None or held[0] is not analyzer or len(held[1]) > _TERMS_MAX:
        if len(_TERMS) >= 8:
            _TERMS.clear()
        held = _TERMS[id(analyzer)] = (analyzer, {})
    terms = held[1]
    unknown = [word for word in set(expression.findall(text)) if word not in terms]
    if unknown:
        # One pass of the chain over the new words, one per line: each is a whole token
        analysed = [t.text for t in analyzer("\n".join(unknown), mode="index", removestops=False)]
        if len(analysed) == len(unknown):
            terms.update(zip(unknown, analysed, strict=True))
        else:  # a filter dropped or split a word: one at a time
            for word in unknown:
                terms[word] = next(
                    (t.text for t in analyzer(word, mode="index", removestops=False)), None
                )
    return expression, terms


def _tokens(text: str, analyzer) -> list[tuple[str, int, int]]:
    """The indexed words of a text with their character offsets, as ``analyzer`` makes them."""
    known = _terms_of(text, analyzer)
    if known is None:
        return [
            (t.text, t.startchar, t.endchar)
            for t in analyzer(text, positions=True, chars=True, mode="index", removestops=False)
        ]
    expression, terms = known
    found = []
    for match in expression.finditer(text):
        term = terms.get(match.group(0))
        if term is not None:
            found.append((term, match.start(), match.end()))
    return found


def find_spans(
    text: str, analyzer, words: set[str], phrases: list[tuple[str, ...]]
) -> list[tuple[int, int]]:
    """Where query words and whole phrases occur in a text, as (start, end) offsets.

    A phrase is one span from its first word to its last; its words are not hits on their
    own. Spans inside a longer span are dropped.
    """
    known = None if phrases else _terms_of(text, analyzer)
    if known is not None:  # words alone: only the spellings that are query words are looked for
        expression, terms = known
        wanted = {word for word in set(expression.findall(text)) if terms.get(word) in words}
        return (
            [m.span() for m in expression.finditer(text) if m.group(0) in wanted] if wanted else []
        )
    tokens = _tokens(text, analyzer)
    spans = {(start, end) for word, start, end in tokens if word in words}
    texts = [word for word, _, _ in tokens]
    for phrase in phrases:
        size = len(phrase)
        if not size:
            continue
        for index in range(len(tokens) - size + 1):
            if texts[index] == phrase[0] and tuple(texts[index : index + size]) == phrase:
                spans.add((tokens[index][1], tokens[index + size - 1][2]))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if kept and end <= kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def snippet_around(
    text: str, spans: list[tuple[int, int]], chars: int = SNIPPET_CHARS
) -> tuple[Fragment, ...]:
    """A window of ``text`` around its first span, every span inside it marked as a match."""
    if not spans:
        return ()
    first = spans[0][0]
    start = max(0, first - chars // 3)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), max(start + chars, spans[0][1]))
    if end < len(text):
        space = text.rfind(" ", spans[0][1], end)
        end = space if space > 0 else end
    parts: list[Fragment] = [Fragment("…")] if start else []
    index = start
    for span_start, span_end in spans:
        if span_start < index or span_end > end:
            continue
        parts.append(Fragment(text[index:span_start]))
        parts.append(Fragment(text[span_start:span_end], True))
        index = span_end
    parts.append(Fragment(text[index:end] + ("…" if end < len(text) else "")))
    return _tidy(parts)


@dataclass
class Searcher:
    """Runs queries against an open Whoosh index (one per thread, as Whoosh requires)."""

    index: Index

    def __post_init__(self) -> None:
        # Index.schema unpickles the table of contents on every access: read it once.
        self.schema = self.index.schema
        self.parser = make_parser(self.schema)
        self._open = None
        self._plans: dict[str, tuple[object, wq.Query, tuple]] = {}
        """Recent queries, parsed and expanded for highlighting, by text (for one open searcher):
        the rows of one search are highlighted a few at a time as they come into view."""
        self._numbered: tuple[object, dict[str, int | None]] = (None, {})
        """Document numbers by path, for the open searcher they belong to."""

    def _current(self):
        """A Whoosh searcher on the latest commit, kept open between queries: opening one
        costs ~80 ms on 44,500 articles, checking that it is still current costs nothing."""
        if self._open is not None and not self._open.up_to_date():
            # Not Searcher.refresh(): its reader reuse kept the documents of segments a
            # rebuild had dropped (seen: 60 hits where the index held 30).
            self._open.close()
            self._open = None
        if self._open is None:
            self._open = self.index.searcher()
        return self._open

    def doc_count(self) -> int:
        """How many articles the latest commit holds (opens the index's segments)."""
        return self._current().doc_count()

    def stored(self, paths: list[str]) -> dict[str, dict]:
        """The stored fields of the given articles, from the searcher kept open."""
        searcher = self._current()
        found = {}
        if len(paths) > BULK_STORED:
            # One pass over every stored document beats a term lookup per article.
            wanted = set(paths)
            return {f["path"]: f for f in searcher.all_stored_fields() if f.get("path") in wanted}
        for path in paths:
            fields = searcher.document(path=path)
            if fields is not None:
                found[path] = fields
        return found

    def close(self) -> None:
        """Release the open searcher's files."""
        if self._open is not None:
            self._open.close()
            self._open = None

    def search(
        self, text: str, limit: int = 10, paths: set[str] | None = None, snippets: bool | int = True
    ) -> SearchResult:
        """Run a query; fall back to a spelling suggestion when it finds nothing.

        Args:
            text: the query; may be empty when ``paths`` restricts the search.
            limit: the most hits to return (``total`` counts them all).
            paths: when given, only these articles can match.
            snippets: highlight the matched words in a snippet (about 3 ms a hit): all hits
                (True), none (False), or only the best N (an int; the others get the
                article's opening words).

        Raises:
            QueryError: the query is malformed.
        """
        text = text.strip()
        plan = None
        if not text and paths is not None:
            query = wq.Every()
        else:
            query, plan = self._prepared(text)
        if paths is not None and not paths:
            return SearchResult(query=text, total=0, hits=())
        searcher = self._current()
        only = self._docnums(paths) if paths is not None else None
        try:
            results = searcher.search(query, limit=max(1, limit), filter=only)
        except Exception as exc:
            raise QueryError(f"the query could not be run ({exc})") from None
        highlighted = limit if snippets is True else int(snippets)
        if highlighted and plan is None:
            plan = _highlight_plan(query, searcher.reader(), "body")
        hits = tuple(
            self._hit(result, query if rank < highlighted else None, searcher, plan)
            for rank, result in enumerate(results[:limit])
        )
        total = len(results)
        corrected = self._suggest(searcher, text) if total == 0 else None
        return SearchResult(query=text, total=total, hits=hits, corrected=corrected)

    def _prepared(self, text: str) -> tuple[wq.Query, tuple]:
        """A query parsed, and its highlight plan; remembered for the searcher kept open.

        Raises:
            QueryError: the query is malformed.
        """
        searcher = self._current()
        cached = self._plans.get(text)
        if cached is not None and cached[0] is searcher:
            return cached[1], cached[2]
        query = parse_query(self.parser, text)
        plan = _highlight_plan(query, searcher.reader(), "body")
        if len(self._plans) >= 16:
            self._plans.clear()
        self._plans[text] = (searcher, query, plan)
        return query, plan

    def _docnums(self, paths: set[str]) -> set[int]:
        """The document numbers of some articles, as a search filter: an entity's article set
        is looked up path by path once per open searcher, not run as a query of N terms."""
        searcher = self._current()
        if self._numbered[0] is not searcher:
            self._numbered = (searcher, {})
        known = self._numbered[1]
        found: set[int] = set()
        for path in paths:
            if path not in known:
                known[path] = searcher.document_number(path=path)
            number = known[path]
            if number is not None:
                found.add(number)
        return found

    def highlights(
        self, text: str, paths: list[str]
    ) -> dict[str, tuple[str, list[tuple[int, int]]]]:
        """The bodies of some articles with where a query's words occur in them.

        Meant for the hits of that query: whether each article matches is not checked again.
        A blank or malformed query marks nothing.
        """
        stored = self.stored(paths)
        text = text.strip()
        plan = None
        if text:
            try:
                plan = self._prepared(text)[1]
            except QueryError:
                plan = None
        analyzer = self.schema["body"].analyzer
        return {
            path: (fields["body"], find_spans(fields["body"], analyzer, *plan) if plan else [])
            for path, fields in stored.items()
        }

    def match_spans(self, text: str, path: str) -> list[tuple[int, int]]:
        """Where a query's words occur in one article's body, as character offsets.

        Empty when the query is blank, malformed, or does not match that article.
        """
        text = text.strip()
        if not text:
            return []
        try:
            query, plan = self._prepared(text)
        except QueryError:
            return []
        searcher = self._current()
        results = searcher.search(query, limit=1, filter=wq.Term("path", path))
        if not results.scored_length():
            return []
        return self.spans(query, searcher, results[0]["body"], plan)

    def spans(self, query: wq.Query, searcher, body: str, plan=None) -> list[tuple[int, int]]:
        """Where a parsed query's words and phrases occur in an article body.

        ``plan`` is the query's :func:`_highlight_plan`, when already worked out: expanding
        a prefix or fuzzy word once serves every hit.
        """
        words, phrases = plan or _highlight_plan(query, searcher.reader(), "body")
        return find_spans(body, self.schema["body"].analyzer, words, phrases)

    def _hit(self, result, query: wq.Query | None = None, searcher=None, plan=None) -> Hit:
        body = result["body"]
        fragments: tuple[Fragment, ...] = ()
        if query is not None:
            fragments = snippet_around(body, self.spans(query, searcher, body, plan))
        if not fragments:
            cut = body[:SNIPPET_CHARS].rsplit(" ", 1)[0] if len(body) > SNIPPET_CHARS else body
            fragments = _tidy([Fragment(cut + ("…" if len(body) > SNIPPET_CHARS else ""))])
        return Hit(
            id=result["id"],
            path=result["path"],
            title=result["title"],
            source=result.get("outlet") or None,
            score=float(result.score or 0.0),
            snippet=fragments,
        )

    def _suggest(self, searcher, text: str) -> str | None:
        """A corrected query ('militray' -> 'military', 'repay~' -> 'repaid~') when it would
        find something."""
        body_corrector = searcher.corrector("body")
        title_corrector = searcher.corrector("title")
        analyzer = self.schema["body"].analyzer
        changed = False

        def fix(match: re.Match[str]) -> str:
            nonlocal changed
            word = match.group(0)
            if word in _OPERATORS or (match.end() < len(text) and text[match.end()] == ":"):
                return word
            if match.end() < len(text) and text[match.end()] in "*?":
                return word  # a pattern, not a word (a fuzzy "word~" is still a word)
            terms = [t.text for t in analyzer(word)]
            if not terms or all(
                searcher.doc_frequency("body", t) or searcher.doc_frequency("title", t)
                for t in terms
            ):
                return word
            folded = word.lower()
            options = body_corrector.suggest(folded, limit=1, maxdist=2) or title_corrector.suggest(
                folded, limit=1, maxdist=2
            )
            if not options:
                return word
            changed = True
            return options[0]

        candidate = _WORD_RE.sub(fix, text)
        if not changed or candidate == text:
            return None
        try:
            query = parse_query(self.parser, candidate)
        except QueryError:
            return None
        return candidate if searcher.search(query, limit=1).scored_length() else None
