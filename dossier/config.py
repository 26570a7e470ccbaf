"""Settings, loaded once: ``$XDG_CONFIG_HOME/dossier/config.toml`` then ``DOSSIER_*`` variables.

    theme = "textual-light"          # any Textual theme (DOSSIER_THEME)

    [keymap]                         # binding id = keys; ids are listed by `?` in the reader
    next-hit = "ctrl+n"
    quit = "ctrl+q,q"

A missing file means defaults; an unreadable one is reported once and ignored.
"""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier import locations


@dataclass(frozen=True)
class Settings:
    """What a user can set."""

    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str | None = None
    """Why the settings file was ignored, if it was."""


def load(path: Path | None = None) -> Settings:
    """Read settings from ``path`` (default: the user's config file) and the environment."""
    path = path or locations.config_dir() / "config.toml"
    data: dict[str, Any] = {}
    problem = None
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problem = f"{path}: {exc}"
    keymap = (
        {str(k): str(v) for k, v in (data.get("keymap") or {}).items()}
        if isinstance(data.get("keymap"), dict)
        else {}
    )
    theme = os.environ.get("DOSSIER_THEME") or (
        data.get("theme") if isinstance(data.get("theme"), str) else None
    )
    return Settings(theme=theme, keymap=keymap, problem=problem)


@functools.lru_cache(maxsize=1)
def settings() -> Settings:
    """The settings of this process (read once)."""
    return load()
