"""Atomic writes: a reader sees the old file or the new one, and no temporary file is left."""

from __future__ import annotations

import json
import threading

import pytest

from dossier import locations
from dossier.locations import write_atomic, write_json_atomic


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "deep" / "brief.md"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    assert [p.name for p in target.parent.iterdir()] == ["brief.md"]


@pytest.mark.parametrize(
    "data",
    [
        {"name": "José “Zé” Ruiz", "counts": {3: [1, 2.5, None, True]}, "pair": ("a", "b")},
        {"big": 2**70, "small": -1},  # beyond 64 bits: written by the standard encoder
        [],
    ],
)
def test_unindented_json_reads_back_as_the_standard_encoder_writes_it(tmp_path, data):
    target = tmp_path / "entities.json"
    write_json_atomic(target, data)
    text = target.read_text(encoding="utf-8")
    assert json.loads(text) == json.loads(json.dumps(data))
    assert "\\u" not in text, "text is kept as UTF-8, not ASCII-escaped"


def test_write_json_atomic_keeps_non_ascii_text(tmp_path):
    target = tmp_path / "pins.json"
    write_json_atomic(target, {"quote": "José said “no”"}, indent=1)
    assert "José" in target.read_text(encoding="utf-8")
    assert json.loads(target.read_text(encoding="utf-8")) == {"quote": "José said “no”"}


def test_concurrent_writers_of_one_file_never_mix(tmp_path):
    target = tmp_path / "state.json"
    payloads = [{"writer": n, "data": "x" * 20_000} for n in range(8)]
    threads = [threading.Thread(target=write_json_atomic, args=(target, p)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert json.loads(target.read_text(encoding="utf-8")) in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "state.json"
    write_json_atomic(target, {"ok": True})
    with pytest.raises(TypeError):
        write_json_atomic(target, {"bad": object()})
    assert json.loads(target.read_text(encoding="utf-8")) == {"ok": True}


def test_cached_table_is_built_once_then_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    builds = []

    def build():
        builds.append(1)
        return {"porto": ("city", 230000), "europe": ("continent", 0)}

    first = locations.cached_table("towns", ["v1"], build)
    again = locations.cached_table("towns", ["v1"], build)
    assert first == again == {"porto": ("city", 230000), "europe": ("continent", 0)}
    assert len(builds) == 1
    # Other inputs (a new package or code version) build a table of their own.
    locations.cached_table("towns", ["v2"], build)
    assert len(builds) == 2


def test_cached_table_rebuilds_a_damaged_file_and_works_without_a_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    locations.cached_table("names", ["v1"], lambda: frozenset({"ana"}))
    (stored,) = (tmp_path / "cache" / "dossier").glob("names-*.marshal")
    stored.write_bytes(b"\x00not marshal")
    assert locations.cached_table("names", ["v1"], lambda: frozenset({"ana"})) == {"ana"}
    # A cache folder that cannot be created (a file stands in its way): still answered.
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert locations.cached_table("names", ["v1"], lambda: frozenset({"bo"})) == {"bo"}
