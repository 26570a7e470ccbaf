"""The Whoosh writer behind a build: a real on-disk index, written through segment_writer."""

from __future__ import annotations

from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import QueryParser

from dossier.store.schema import build_schema
from dossier.store.writer import segment_writer

WORDS = [
    "harbour",
    "ferry",
    "captain",
    "storm",
    "cargo",
    "bridge",
    "engine",
    "signal",
    "market",
    "lantern",
]


def body(n: int) -> str:
    # every article its own words, so each adds postings to the spelling fields
    return " ".join(f"{word}{n}x{k}" for k, word in enumerate(WORDS)) + " ferry harbour"


def test_commit_checks_each_length_column_once(tmp_path, monkeypatch):
    ix = whoosh_index.create_in(tmp_path, build_schema())
    checks: list[str] = []
    real = FileStorage.file_exists

    def counted(self, name):
        checks.append(name)
        return real(self, name)

    writer = segment_writer(ix)
    for n in range(40):
        writer.add_document(id=str(n), path=f"{n}.txt", title=f"Report {n}", body=body(n))
    monkeypatch.setattr(FileStorage, "file_exists", counted)
    writer.commit()
    monkeypatch.undo()
    postings = 40 * (len(WORDS) + 2)
    # Whoosh alone asks once per posting of a field without a length column (spelling)
    assert len(checks) < 30 < postings
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 40
        hits = searcher.search(QueryParser("body", ix.schema).parse("ferry"), limit=None)
        assert len(hits) == 40
        (doc,) = searcher.search(QueryParser("body", ix.schema).parse("cargo7x4"))
        assert doc["path"] == "7.txt"
        assert searcher.reader().doc_field_length(doc.docnum, "body") == len(WORDS) + 2


def _spelling(ix, field: str = "spell_body") -> dict[str, int]:
    """The spelling words of an index and how many postings each has."""
    with ix.reader() as reader:
        return {
            word.decode(): len(list(reader.postings(field, word).all_ids()))
            for word in reader.lexicon(field)
        }


def test_spelling_words_are_written_once_per_segment_unstemmed_and_folded(tmp_path):
    ix = whoosh_index.create_in(tmp_path, build_schema())
    writer = segment_writer(ix)
    texts = [body(n) + " Ferries sailed; Zürich's 12,500 harbours" for n in range(40)]
    for n, text in enumerate(texts):
        writer.add_document(id=str(n), path=f"{n}.txt", title=f"Sailing report {n}", body=text)
    writer.commit()
    spelling = _spelling(ix)
    # Whoosh alone writes one posting per document holding the word (40 here)
    assert spelling["ferry"] == spelling["ferries"] == spelling["harbours"] == 1
    # the same words Whoosh's own analysis gives: folded, not stemmed, numbers whole
    field = ix.schema["body"]
    expected = {w for text in texts for w in fields.TEXT.spellable_words(field, text)}
    assert set(spelling) == expected and {"zurich", "12500", "sailed"} <= expected
    assert set(_spelling(ix, "spell_title")) == {"sailing", "report", *map(str, range(40))}


def test_a_merge_keeps_every_spelling_word_of_the_merged_segments(tmp_path):
    """Whoosh keeps a segment's spelling words as postings of its document 0: a merge after
    that document was deleted would drop them all."""
    ix = whoosh_index.create_in(tmp_path, build_schema())
    writer = segment_writer(ix)
    for n in range(4):
        writer.add_document(id=str(n), path=f"{n}.txt", title="Old", body=f"lantern{n} harbour")
    writer.commit()
    writer = segment_writer(ix)
    writer.delete_by_term("path", "0.txt")
    writer.add_document(id="9", path="9.txt", title="New", body="beacon harbour")
    writer.commit(optimize=True)
    assert len(ix._segments()) == 1
    spelling = _spelling(ix)
    assert {"lantern1", "lantern2", "lantern3", "beacon", "harbour"} <= set(spelling)
    assert spelling["harbour"] == 1


def test_only_blocks_of_many_postings_are_compressed(tmp_path):
    ix = whoosh_index.create_in(tmp_path, build_schema())
    writer = segment_writer(ix)
    for n in range(40):
        writer.add_document(id=str(n), path=f"{n}.txt", title="Report", body=body(n))
    writer.commit()
    with ix.reader() as reader:
        common = reader.postings("body", b"ferri")
        rare = reader.postings("body", b"ferry3x1")
        assert common._compression and not rare._compression
        assert list(common.all_ids()) == list(range(40)) and list(rare.all_ids()) == [3]
        assert reader.postings("body", b"ferry3x1").value_as("positions") == [1]


TEXT = (
    "Müller's crew sailed at 10:30 on 2018-04-17 with 12,500 tonnes (12500 t) for the U.S. "
    "port; the Crew said ferries, ferries and FERRY_LINES 5,687.75 km... Zoë naïve café 1,2,3"
)


class CountingAnalyzer:
    """The schema's text analyser, counting the texts it is given."""

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self.texts: list[str] = []

    def __call__(self, value, **kwargs):
        self.texts.append(value)
        return self.analyzer(value, **kwargs)


def test_indexed_terms_positions_and_weights_are_whooshs_looked_up_per_raw_word():
    from whoosh.formats import Positions

    from dossier.store.schema import CachedPositions, text_analyzer

    schema = build_schema()
    assert isinstance(schema["body"].format, CachedPositions)
    assert schema["title"].format.field_boost == 2.0
    for boost in (1.0, 2.0):
        analyzer = CountingAnalyzer(text_analyzer())
        cached = CachedPositions(field_boost=boost)
        expected = list(Positions(field_boost=boost).word_values(TEXT, text_analyzer()))
        assert list(cached.word_values(TEXT, analyzer, mode="index")) == expected
        assert TEXT not in analyzer.texts  # each raw word alone, once
        assert analyzer.texts.count("ferries") == 1 and "ferry_lines" not in analyzer.texts
        analyzer.texts.clear()
        again = {v[0]: v[1] for v in cached.word_values(TEXT + " ferries", analyzer, mode="index")}
        assert again["ferri"] == 3
        assert analyzer.texts == []  # every word already known
    query = list(CachedPositions().word_values("ferries", text_analyzer(), mode="query"))
    assert query == list(Positions().word_values("ferries", text_analyzer(), mode="query"))


def test_blocks_keep_the_length_bounds_of_their_documents(tmp_path):
    ix = whoosh_index.create_in(tmp_path, build_schema())
    writer = segment_writer(ix)
    for n in range(30):
        writer.add_document(id=str(n), path=f"{n}.txt", title="T", body="ferry " + "word " * n)
    writer.commit()
    with ix.reader() as reader:
        lengths = [reader.doc_field_length(n, "body") for n in range(30)]
        assert lengths[:3] == [1, 2, 3]
        ferry = reader.postings("body", b"ferri")
        assert (ferry.block_min_length(), ferry.block_max_length()) == (1, max(lengths))
        assert reader.max_field_length("body") == max(lengths)


def test_the_term_tables_live_as_long_as_their_writer(tmp_path):
    from dossier.store import schema

    ix = whoosh_index.create_in(tmp_path, build_schema())
    for finish in ("commit", "cancel"):
        writer = segment_writer(ix)
        writer.add_document(id="1", path="1.txt", title="Storm", body="Ferries stayed in port.")
        assert any("Ferries" in table for _, table in schema._TERMS.values())
        getattr(writer, finish)()
        assert schema._TERMS == {}
