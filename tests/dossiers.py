"""Small hand-written dossiers for tests: texts written to a folder, indexed and analysed."""

from __future__ import annotations

from pathlib import Path

from dossier.service import Dossier


def built(root: Path, texts: dict[str, str]) -> Dossier:
    """A dossier of these texts ({file name: text}) in ``root``/seeds, indexed and analysed
    in ``root``/index."""
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (seeds / name).write_text(text, encoding="utf-8")
    dossier = Dossier(seeds, root / "index")
    dossier.refresh()
    return dossier
