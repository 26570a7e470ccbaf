"""The dependency rules of DESIGN.md, checked mechanically with import-linter."""

from __future__ import annotations

import subprocess

from tests.conftest import BIN, ROOT


def test_import_contracts_are_kept():
    proc = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "broken" in proc.stdout and " 0 broken" in proc.stdout
