"""Command palette providers: open an article, jump to a person, place or organisation."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider


class ArticleCommands(Provider):
    """'Open article: …' for every article."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for article in self.app.article_index.values():
            text = f"Open article: {article['title']}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self.app.open_article, article["path"]), help=article["path"])


class EntityCommands(Provider):
    """'Jump to person/place/organisation: …' for every entity (its articles, filtered)."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entity in self.app.entity_list:
            text = f"Jump to {entity['kind']}: {entity['name']}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self.app.filter_by_entity, entity["id"]), help=", ".join(entity["aliases"][:3]))
