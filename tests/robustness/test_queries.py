"""Whatever is typed in the search bar: an answer or an explanation, never a traceback."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.service import QueryError
from tests.conftest import BIN, SEEDS

QUERY_ALPHABET = st.sampled_from(
    list('abcdegiklmnorstuy ()"*?~:^+-!&|\\/[]{}0123456789ÉéïAND OR NOT title: person: place:')
)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=QUERY_ALPHABET, max_size=60) | st.text(max_size=40))
def test_any_query_gives_an_answer_or_an_explanation(seed_dossier, text):
    try:
        result = seed_dossier.search(text, limit=5)
    except QueryError as exc:
        assert str(exc), "the explanation is not empty"
        assert "\n" not in str(exc)
    else:
        assert result.total >= len(result.hits)


@pytest.mark.parametrize(
    "query",
    [
        "(" * 200 + "coup" + ")" * 200,
        "x" * 10_000,
        '"unbalanced',
        "goita~999",
        "title:",
        "AND OR NOT",
        "person:",
        "*",
        "?~",
    ],
)
def test_hostile_queries_from_the_shell_exit_2_with_one_line(seed_dossier, query):
    # The session's seed index is current, so the command only reads it (no build per query).
    proc = subprocess.run(
        [
            str(BIN / "dossier"),
            "--seeds",
            str(SEEDS),
            "--index",
            str(seed_dossier.index),
            "search",
            query,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr
    if proc.returncode != 0:
        assert proc.returncode == 2
        assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith(
            "dossier: bad query"
        )
