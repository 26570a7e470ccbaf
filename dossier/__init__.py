"""dossier: a keyboard-driven terminal reader for news dossiers.

A folder of articles about one story becomes a searchable index with the people, places and
organisations it names and the claims on which its sources disagree. The core is headless;
``dossier.cli`` and ``dossier.tui`` read it through :class:`dossier.service.Dossier`.
"""

__version__ = "0.1.0"
