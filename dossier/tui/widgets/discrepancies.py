"""The discrepancies tab: topics on which sources differ, and each source's claim."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.visual import VisualType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from dossier.models import Claim, Discrepancy
from dossier.tui.widgets.keys import LIST_KEYS
from dossier.tui.widgets.themed import ThemedOptionList


class TopicOption(Option):
    """A topic row: the discrepancy and its place in the list travel with it."""

    def __init__(self, prompt: Text, number: int, discrepancy: Discrepancy) -> None:
        super().__init__(prompt, id=f"topic:{number}")
        self.number = number
        self.discrepancy = discrepancy


class ClaimOption(Option):
    """A claim row: the claim travels with it."""

    def __init__(self, prompt: Text, claim: Claim) -> None:
        super().__init__(prompt)
        self.claim = claim


class TopicList(ThemedOptionList):
    """Discrepancy topics, conflicts first."""

    COMPONENT_CLASSES = {
        "topics--conflict",
        "topics--variation",
        "topics--detail",
        "topics--topic",
        "topics--summary",
    }

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="topics-down"),
        Binding("k", "cursor_up", "Up", show=False, id="topics-up"),
        Binding("l,right", "claims", "Claims", show=False, id="topics-claims"),
        *LIST_KEYS,
    ]

    def action_claims(self) -> None:
        """Move to the claims of the highlighted topic."""
        self.screen.query_one(ClaimList).focus()

    def show_topics(self, discrepancies: list[Discrepancy]) -> None:
        """List the topics (or say there are none)."""
        self.clear_options()
        if not discrepancies:
            empty = Text(
                "No differences found between the sources.", style=self.style_of("topics--detail")
            )
            self.add_option(Option(empty, disabled=True))
            return
        self.add_options(
            TopicOption(self._prompt(item), n, item) for n, item in enumerate(discrepancies)
        )

    def _prompt(self, item: Discrepancy) -> Text:
        detail = self.style_of("topics--detail")
        severity = item["severity"]
        prompt = Text()
        prompt.append(
            f"{severity:<9}",
            style=self.style_of(f"topics--{severity}")
            if severity in ("conflict", "variation")
            else "",
        )
        prompt.append(f" {item['kind']}", style=detail)
        prompt.append(f" · {len({c['path'] for c in item['claims']})} sources\n", style=detail)
        prompt.append(item["topic"], style=self.style_of("topics--topic"))
        if item.get("summary"):
            prompt.append("\n" + item["summary"], style=self.style_of("topics--summary"))
        return prompt

    def rebuild(self) -> None:
        """Show the topics again (in the current theme's styles)."""
        self.show_topics(self.screen.query_one(DiscrepancyView).discrepancies)


class ClaimList(ThemedOptionList):
    """Each source's claim on the selected topic; Enter opens the article at that sentence."""

    COMPONENT_CLASSES = {
        "claims--source",
        "claims--affirms",
        "claims--denies",
        "claims--attribution",
        "claims--value",
    }

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="claims-down"),
        Binding("k", "cursor_up", "Up", show=False, id="claims-up"),
        Binding("h,left", "topics", "Topics", show=False, id="claims-topics"),
        *LIST_KEYS,
    ]

    @dataclass
    class ClaimChosen(Message):
        """Enter on a claim: open its article at the claim's sentence."""

        claim: Claim

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claims: list[Claim] = []
        self.sources: dict[str, str] = {}

    def action_topics(self) -> None:
        """Move back to the topics."""
        self.screen.query_one(TopicList).focus()

    def show_claims(self, claims: list[Claim], sources: dict[str, str]) -> None:
        """List claims; ``sources`` maps article paths to outlet names."""
        self.claims, self.sources = claims, sources
        self.clear_options()
        self.add_options(ClaimOption(self._prompt(claim), claim) for claim in claims)
        if self.option_count:
            self.highlighted = 0

    def _prompt(self, claim: Claim) -> Text:
        prompt = Text()
        prompt.append(
            self.sources.get(claim["path"]) or claim["path"], style=self.style_of("claims--source")
        )
        polarity = claim.get("polarity", "affirms")
        polarity_style = self.style_of(
            "claims--denies" if polarity == "denies" else "claims--affirms"
        )
        prompt.append(f"  {polarity}", style=polarity_style)
        if claim.get("attribution"):
            prompt.append(
                f"  according to {claim['attribution']}", style=self.style_of("claims--attribution")
            )
        quote = Text("\n" + claim["quote"])
        value_text = claim.get("value_text")
        if value_text:
            at = claim["quote"].find(value_text)
            if at >= 0:
                quote.stylize(self.style_of("claims--value"), at + 1, at + 1 + len(value_text))
        prompt.append_text(quote)
        return prompt

    def rebuild(self) -> None:
        """Show the claims again (in the current theme's styles)."""
        self.show_claims(self.claims, self.sources)

    @property
    def current(self) -> Claim | None:
        """The highlighted claim, if any."""
        option = self.highlighted_option
        return option.claim if isinstance(option, ClaimOption) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, ClaimOption):
            self.post_message(self.ClaimChosen(event.option.claim))


class DiscrepancyView(Horizontal):
    """Topics on the left; the selected topic's claims, source by source, on the right."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.discrepancies: list[Discrepancy] = []
        self.sources: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield TopicList(id="topics")
        yield ClaimList(id="claims")

    def show_discrepancies(self, discrepancies: list[Discrepancy], sources: dict[str, str]) -> None:
        """List the topics; ``sources`` maps article paths to outlet names for display."""
        self.discrepancies = discrepancies
        self.sources = sources
        topics = self.query_one(TopicList)
        topics.show_topics(discrepancies)
        if not discrepancies:
            self.query_one(ClaimList).clear_options()
            return
        topics.highlighted = 0
        self.show_claims(0)

    def show_claims(self, number: int) -> None:
        """Show the claims of the topic at ``number``."""
        claims = self.query_one(ClaimList)
        if not 0 <= number < len(self.discrepancies):
            claims.clear_options()
            return
        claims.show_claims(self.discrepancies[number]["claims"], self.sources)

    def select(self, discrepancy_id: str) -> bool:
        """Highlight the topic with this id and show its claims; False when there is none."""
        number = next(
            (i for i, d in enumerate(self.discrepancies) if d["id"] == discrepancy_id), None
        )
        if number is None:
            return False
        self.query_one(TopicList).highlighted = number
        self.show_claims(number)
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option, TopicOption):
            self.show_claims(event.option.number)

    @property
    def current_claim(self) -> Claim | None:
        """The highlighted claim, if any."""
        return self.query_one(ClaimList).current


class StatusLine(Static):
    """One line under the search bar: hit counts, did-you-mean, query errors, index progress."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show new status text; the screen is laid out again only if its height may change.

        Each search sets the status: a layout pass re-renders the whole screen, which cost a
        typed key about as much as the search itself.
        """
        if layout and self._fits_one_line(content) and self._fits_one_line(self.content):
            layout = False
        super().update(content, layout=layout)

    def _fits_one_line(self, content: VisualType) -> bool:
        plain = content.plain if isinstance(content, Text) else content
        width = self.scrollable_content_region.width
        return isinstance(plain, str) and "\n" not in plain and cell_len(plain) <= width > 0
