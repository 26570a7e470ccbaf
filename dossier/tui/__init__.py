"""The terminal reader: a Textual app over :class:`dossier.service.Dossier`.

Only this package imports Textual; it reads the dossier through the service alone.
"""

from __future__ import annotations

from dossier.tui.app import DossierApp, make_app

__all__ = ["DossierApp", "make_app"]
