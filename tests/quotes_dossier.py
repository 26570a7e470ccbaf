"""A small hand-written dossier for the Quotes view: two outlets word one statement apart.

Invented story and names; shared by the CLI and the Pilot tests of `dossier quotes`.
"""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "gazette.txt": (
        "Harbour town votes on pumping station repair\n\n"
        "The harbour town council met on Tuesday to discuss the flooded pumping station.\n\n"
        "“We will rebuild the pumping station before the winter storms arrive,” said Mayor Delphine Okafor, "
        "speaking after the vote.\n\n"
        "“The budget simply does not cover a second pumping station,” said Marcus Hale, the council treasurer.\n\n"
        "Residents packed the hall for the three-hour meeting.\n"
    ),
    "courier.txt": (
        "Council backs repair of flooded pumping station\n\n"
        "Councillors in the harbour town approved the repair of the pumping station on Tuesday.\n\n"
        "“We will rebuild the station long before the first winter storms arrive,” Okafor told reporters.\n\n"
        "Hale warned that costs could rise. “Nobody should expect the work to be cheap or quick,” Hale said.\n\n"
        "The station flooded last month after heavy rain.\n"
    ),
    "notes.txt": (
        "Pumping station meeting notes\n\n"
        "A long meeting about the pumping station ended late on Tuesday evening.\n\n"
        "A sign at the door read “Save our harbour from the next flood” in large letters.\n\n"
        "Delphine Okafor thanked the residents. “Every household in this town deserves dry streets,” Okafor said.\n"
    ),
}

METADATA = """
[files."gazette.txt"]
source = "Harbour Gazette"

[files."courier.txt"]
source = "Valley Courier"
"""


def write_quotes_dossier(folder: Path) -> Path:
    """Write the articles (and the outlets of two of them) into ``folder``; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "dossier.toml").write_text(METADATA, encoding="utf-8")
    return folder
