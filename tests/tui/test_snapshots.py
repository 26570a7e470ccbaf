"""What the reader looks like: snapshots of the main screens at 120x40 and 80x24.

Regenerate after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import settle as _settle


async def settle(pilot) -> None:
    """As in the Pilot tests, and no animation left to run (the footer and scrollbars are
    drawn as they end)."""
    await _settle(pilot)
    await pilot.wait_for_scheduled_animations()
    await _settle(pilot)


async def ready(pilot) -> None:
    await settle(pilot)


async def on_discrepancies(pilot) -> None:
    await settle(pilot)
    await pilot.press("d")
    await settle(pilot)


async def on_entity_card(pilot) -> None:
    await settle(pilot)
    # The key path (sidebar, `i`) is covered in test_app.py; here only the card's look.
    pilot.app.open_entity_card("assimi-goita")
    await settle(pilot)


async def on_help(pilot) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


async def on_search(pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"sagara")
    await settle(pilot)
    await pilot.press("enter", "n")
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize(
    "run_before",
    [ready, on_search, on_discrepancies, on_entity_card, on_help],
    ids=["main", "search", "discrepancies", "entity-card", "help"],
)
def test_screens(snap_compare, seed_app, size, run_before):
    assert snap_compare(seed_app, terminal_size=size, run_before=run_before)
