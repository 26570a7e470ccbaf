"""Whoosh's segment parts are read where they are mapped, with a file's semantics."""

from __future__ import annotations

import io
import random

from dossier.store.lean_whoosh import ViewReader


def test_view_reader_reads_seeks_and_reads_lines_like_a_file():
    data = b"first line\nsecond\n\nno newline at the end"
    rng = random.Random(7)
    view, copy = ViewReader(memoryview(data)), io.BytesIO(data)
    for _ in range(500):
        op = rng.choice(["read", "read_all", "readline", "seek", "seek_here", "seek_end"])
        n = rng.randint(-2, 12)
        if op == "read":
            assert view.read(n) == copy.read(n)
        elif op == "read_all":
            assert view.read() == copy.read()
        elif op == "readline":
            assert view.readline() == copy.readline()
        elif op == "seek":
            assert view.seek(abs(n) * 3) == copy.seek(abs(n) * 3)
        elif op == "seek_here":
            assert view.seek(abs(n), 1) == copy.seek(abs(n), 1)
        else:
            assert view.seek(-abs(n), 2) == copy.seek(-abs(n), 2)
        assert view.tell() == copy.tell()


def test_search_reads_the_mapped_segment_without_copying_its_parts(tmp_path):
    from whoosh.filedb import compound

    from dossier.service import Dossier

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(3):
        (seeds / f"a{n}.txt").write_text(
            f"Report {n}\n\nThe harbour authority said ships waited {n} days.\n"
        )
    dossier = Dossier(seeds, tmp_path / "index")
    dossier.refresh(analyse=False)
    assert dossier.search('"harbour authority"').total == 3
    assert compound.BufferFile.__name__ == "ViewBufferFile"
