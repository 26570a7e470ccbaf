"""The dossier by outlet: what each source brings, and who names whom.

Pure functions over the service's data (articles, entities, timeline events); no index,
no spaCy. An article with no known outlet is its own source, labelled by its file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from dossier.models import (
    ArticleEntry,
    Entity,
    EntityMatrix,
    MatrixRow,
    SourceRow,
    TimelineEvent,
)

__all__ = ["entity_matrix", "key_entities", "outlet_of", "summarise_sources"]

#: How many entities a matrix or a briefing shows: the most mentioned ones.
_KEY_ENTITIES = 12


def outlet_of(article: Mapping[str, Any]) -> str:
    """The outlet an article is filed under: its source, or its file when the source is unknown."""
    return article.get("source") or f"({article['path']})"


def key_entities(entities: Sequence[Entity], limit: int = _KEY_ENTITIES) -> list[Entity]:
    """The most mentioned entities, the most widely reported first among equals."""
    return sorted(entities, key=lambda e: (-e["mentions"], -len(e["paths"]), e["name"]))[:limit]


def summarise_sources(
    articles: Sequence[ArticleEntry], entities: Sequence[Entity], events: Sequence[TimelineEvent]
) -> list[SourceRow]:
    """One row per outlet: articles, words, date range, and what only that outlet reports.

    Args:
        articles: article metadata (``path``, ``source``, ``source_guessed``, ``published``,
            ``words``).
        entities: the dossier's entities (``paths`` per entity).
        events: timeline events (``mentions`` with ``path``); undated ones are left out.

    Returns:
        Rows ``{outlet, guessed, articles: [path], words, first, last, only_entities:
        [{name, kind}], only_events: [{label, sentence, path}]}`` sorted by outlet. "Only" lists
        are empty when the dossier has a single outlet (there is nothing to compare with).
    """
    by_outlet: dict[str, list[ArticleEntry]] = {}
    for article in articles:
        by_outlet.setdefault(outlet_of(article), []).append(article)
    outlet_by_path = {a["path"]: outlet for outlet, group in by_outlet.items() for a in group}
    several = len(by_outlet) > 1
    entities_of, events_of = (
        _reported_only_by(entities, events, outlet_by_path) if several else ({}, {})
    )
    return [
        _source_row(outlet, group, entities_of.get(outlet, []), events_of.get(outlet, []))
        for outlet, group in sorted(by_outlet.items(), key=lambda item: item[0].casefold())
    ]


def _reported_only_by(
    entities: Sequence[Entity], events: Sequence[TimelineEvent], outlet_by_path: dict[str, str]
) -> tuple[dict[str, list[Entity]], dict[str, list[TimelineEvent]]]:
    """The entities and dated events only one outlet reports, by that outlet.

    Grouped once, not rescanned per outlet: a dossier of unattributed articles has as many
    outlets as articles.
    """
    entities_of: dict[str, list[Entity]] = {}
    events_of: dict[str, list[TimelineEvent]] = {}
    for e in key_entities(entities, limit=len(entities)):
        named_by = {outlet_by_path[p] for p in e["paths"] if p in outlet_by_path}
        if len(named_by) == 1:
            entities_of.setdefault(next(iter(named_by)), []).append(e)
    for ev in events:
        told_by = {outlet_by_path[m["path"]] for m in ev["mentions"] if m["path"] in outlet_by_path}
        if not ev["undated"] and len(told_by) == 1:
            events_of.setdefault(next(iter(told_by)), []).append(ev)
    return entities_of, events_of


def _source_row(
    outlet: str,
    group: list[ArticleEntry],
    only_entities: list[Entity],
    only_events: list[TimelineEvent],
) -> SourceRow:
    """One outlet's row of :func:`summarise_sources`."""
    dates = sorted(date for a in group if (date := a.get("published")))
    return {
        "outlet": outlet,
        "known": bool(group[0].get("source")),
        "guessed": any(a.get("source_guessed") for a in group),
        "articles": [a["path"] for a in group],
        "words": sum(a.get("words") or 0 for a in group),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "only_entities": [
            {"name": e["name"], "kind": e["kind"]} for e in only_entities if e["name"] != outlet
        ],
        "only_events": [
            {
                "label": ev["label"],
                "sentence": ev["mentions"][0]["sentence"],
                "path": ev["mentions"][0]["path"],
            }
            for ev in only_events
        ],
    }


def entity_matrix(
    articles: Sequence[ArticleEntry], entities: Sequence[Entity], limit: int = _KEY_ENTITIES
) -> EntityMatrix:
    """Mentions of the key entities by outlet.

    Returns:
        ``{outlets: [name], rows: [{id, name, kind, counts: [int per outlet]}]}``.
    """
    outlet_by_path = {a["path"]: outlet_of(a) for a in articles}
    outlets = sorted(set(outlet_by_path.values()), key=str.casefold)
    rows: list[MatrixRow] = []
    for entity in key_entities(entities, limit):
        counts = Counter(outlet_by_path.get(o["path"]) for o in entity.get("occurrences", []))
        if not counts:  # entities without occurrences (older caches): one per article named
            counts = Counter(outlet_by_path.get(p) for p in entity["paths"])
        rows.append(
            {
                "id": entity["id"],
                "name": entity["name"],
                "kind": entity["kind"],
                "counts": [counts.get(o, 0) for o in outlets],
            }
        )
    return {"outlets": outlets, "rows": rows}
