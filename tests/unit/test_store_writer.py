"""The Whoosh writer behind a build: a real on-disk index, written through segment_writer."""

from __future__ import annotations

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
