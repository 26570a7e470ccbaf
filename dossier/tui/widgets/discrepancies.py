"""The discrepancies tab: topics on which sources differ, and each source's claim."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dossier.tui.widgets.keys import LIST_KEYS

SEVERITY_STYLE = {"conflict": "bold red", "variation": "yellow"}


class TopicList(OptionList):
    """Discrepancy topics, conflicts first."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="topics-down"),
        Binding("k", "cursor_up", "Up", show=False, id="topics-up"),
        Binding("l,right", "claims", "Claims", show=False, id="topics-claims"),
        *LIST_KEYS,
    ]

    def action_claims(self) -> None:
        self.screen.query_one(ClaimList).focus()


class ClaimList(OptionList):
    """Each source's claim on the selected topic; Enter opens the article at that sentence."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="claims-down"),
        Binding("k", "cursor_up", "Up", show=False, id="claims-up"),
        Binding("h,left", "topics", "Topics", show=False, id="claims-topics"),
        *LIST_KEYS,
    ]

    def action_topics(self) -> None:
        self.screen.query_one(TopicList).focus()


class DiscrepancyView(Horizontal):
    """Topics on the left; the selected topic's claims, source by source, on the right."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.discrepancies: list[dict[str, Any]] = []
        self.sources: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield TopicList(id="topics")
        yield ClaimList(id="claims")

    def show_discrepancies(self, discrepancies: list[dict[str, Any]], sources: dict[str, str]) -> None:
        """List the topics; ``sources`` maps article paths to outlet names for display."""
        self.discrepancies = discrepancies
        self.sources = sources
        topics = self.query_one(TopicList)
        topics.clear_options()
        if not discrepancies:
            topics.add_option(Option(Text("No differences found between the sources.", style="dim"), disabled=True))
            self.query_one(ClaimList).clear_options()
            return
        for number, item in enumerate(discrepancies):
            prompt = Text()
            prompt.append(f"{item['severity']:<9}", style=SEVERITY_STYLE.get(item["severity"], ""))
            prompt.append(f" {item['kind']}", style="dim")
            prompt.append(f" · {len({c['path'] for c in item['claims']})} sources\n", style="dim")
            prompt.append(item["topic"], style="bold")
            if item.get("summary"):
                prompt.append("\n" + item["summary"], style="italic")
            topics.add_option(Option(prompt, id=f"topic:{number}"))
        topics.highlighted = 0
        self.show_claims(0)

    def show_claims(self, number: int) -> None:
        """Show the claims of the topic at ``number``."""
        claims = self.query_one(ClaimList)
        claims.clear_options()
        if not 0 <= number < len(self.discrepancies):
            return
        for index, claim in enumerate(self.discrepancies[number]["claims"]):
            prompt = Text()
            prompt.append(self.sources.get(claim["path"]) or claim["path"], style="bold")
            polarity = claim.get("polarity", "affirms")
            prompt.append(f"  {polarity}", style="bold red" if polarity == "denies" else "green")
            if claim.get("attribution"):
                prompt.append(f"  according to {claim['attribution']}", style="dim")
            quote = Text("\n" + claim["quote"])
            value_text = claim.get("value_text")
            if value_text:
                at = claim["quote"].find(value_text)
                if at >= 0:
                    quote.stylize("bold reverse", at + 1, at + 1 + len(value_text))
            prompt.append_text(quote)
            claims.add_option(Option(prompt, id=f"claim:{number}:{index}"))
        if claims.option_count:
            claims.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option_list, TopicList) and event.option.id:
            self.show_claims(int(event.option.id.split(":")[1]))

    @property
    def current_claim(self) -> dict[str, Any] | None:
        """The highlighted claim, if any."""
        claims = self.query_one(ClaimList)
        if claims.highlighted is None or not claims.option_count:
            return None
        option_id = claims.get_option_at_index(claims.highlighted).id or ""
        if not option_id.startswith("claim:"):
            return None
        _, topic, index = option_id.split(":")
        return self.discrepancies[int(topic)]["claims"][int(index)]


class StatusLine(Static):
    """One line under the search bar: hit counts, did-you-mean, query errors, index progress."""
