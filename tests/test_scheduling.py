"""How the test run is spread over pytest-xdist workers (the hooks in tests/conftest.py)."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import (
    SECONDS_FILE,
    SECONDS_KEY,
    SPREAD_FILES,
    _scope,
    pytest_xdist_auto_num_workers,
)

pytest_plugins = ("pytester",)

#: The hooks under test, in a throwaway suite's conftest (the spaCy model fixture left out).
HOOKS = """
from tests.conftest import (
    pytest_runtest_logreport,
    pytest_sessionfinish,
    pytest_xdist_auto_num_workers,
    pytest_xdist_make_scheduler,
)
"""


def test_a_file_is_one_unit_of_work_and_a_spread_file_one_per_test():
    assert _scope("tests/unit/test_store.py::test_add_change_delete") == "tests/unit/test_store.py"
    spread = sorted(SPREAD_FILES)[0]
    assert _scope(f"{spread}::test_x[3]") == f"{spread}::test_x[3]"


@pytest.fixture
def suite(pytester, monkeypatch):
    """Two files: one test collected first that was slow, then a file of three quick tests."""
    from tests.conftest import ROOT

    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(HOOKS)
    pytester.makepyfile(
        test_a_slow="def test_slow(): pass\n",
        test_b_quick="def test_one(): pass\ndef test_two(): pass\ndef test_three(): pass\n",
    )
    return pytester


def ran_first(result) -> str:
    lines = [line for line in result.outlines if "PASSED" in line]
    return lines[0]


def test_the_file_that_took_longest_last_time_runs_first(suite):
    cache = suite.path / ".pytest_cache" / "v" / SECONDS_KEY
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps({"test_a_slow.py": 30.0, "test_b_quick.py": 0.1}))
    result = suite.runpytest_subprocess("-n", "1", "-v")
    result.assert_outcomes(passed=4)
    assert "test_a_slow.py::test_slow" in ran_first(result)


def test_without_timings_the_file_with_most_tests_runs_first_and_the_times_are_kept(suite):
    result = suite.runpytest_subprocess("-n", "1", "-v")
    result.assert_outcomes(passed=4)
    assert "test_b_quick.py" in ran_first(result)
    kept = json.loads((suite.path / ".pytest_cache" / "v" / SECONDS_KEY).read_text())
    assert set(kept) == {"test_a_slow.py", "test_b_quick.py"}


def test_a_clean_checkout_orders_files_by_the_repositorys_table(suite):
    table = suite.path / SECONDS_FILE
    table.parent.mkdir()
    table.write_text(json.dumps({"test_a_slow.py": 30.0, "test_b_quick.py": 0.1}))
    result = suite.runpytest_subprocess("-n", "1", "-v")  # no cache: the table decides
    result.assert_outcomes(passed=4)
    assert "test_a_slow.py::test_slow" in ran_first(result)


def test_auto_gives_one_worker_more_than_the_cores(pytestconfig):
    cores = len(os.sched_getaffinity(0))
    assert pytest_xdist_auto_num_workers(pytestconfig) == cores + 1
