"""Command palette providers: open an article, jump to a person, place or organisation.

A chosen command posts a message (:mod:`dossier.tui.messages`) that the app handles.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider

from dossier.tui.messages import FilterByEntity, OpenArticle

if TYPE_CHECKING:
    from dossier.tui.app import DossierApp


class ArticleCommands(Provider):
    """'Open article: …' for every article."""

    async def search(self, query: str) -> Hits:
        """Articles whose title matches what was typed."""
        app = cast("DossierApp", self.app)
        matcher = self.matcher(query)
        for article in app.article_index.values():
            text = f"Open article: {article['title']}"
            score = matcher.match(text)
            if score > 0:
                choose = partial(app.post_message, OpenArticle(article["path"]))
                yield Hit(score, matcher.highlight(text), choose, help=article["path"])


class EntityCommands(Provider):
    """'Jump to person/place/organisation: …' for every entity (its articles, filtered)."""

    async def search(self, query: str) -> Hits:
        """Entities whose name matches what was typed."""
        app = cast("DossierApp", self.app)
        matcher = self.matcher(query)
        for entity in app.entity_list:
            text = f"Jump to {entity['kind']}: {entity['name']}"
            score = matcher.match(text)
            if score > 0:
                choose = partial(app.post_message, FilterByEntity(entity["id"]))
                aliases = ", ".join(entity["aliases"][:3])
                yield Hit(score, matcher.highlight(text), choose, help=aliases)
