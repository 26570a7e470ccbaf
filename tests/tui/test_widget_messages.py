"""Each pane on its own: it posts messages with its data, and styles its rows from the theme.

The widgets run in a bare host app (no dossier, no index): what they post is what the
dossier app acts on, so a pane can be tested, and reused, without the rest of the reader.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.message import Message

from dossier.models import Claim, Discrepancy, Entity, EventMention, Quote, Speaker, TimelineEvent
from dossier.tui.widgets.discrepancies import ClaimList, DiscrepancyView, TopicList
from dossier.tui.widgets.quotes import QuoteList
from dossier.tui.widgets.sidebar import Sidebar
from dossier.tui.widgets.timeline import TimelineList

PERSON: Entity = {
    "id": "vera-lind",
    "name": "Vera Lind",
    "kind": "person",
    "aliases": ["Lind"],
    "descriptions": ["harbour master"],
    "mentions": 3,
    "paths": ["a.txt", "b.txt"],
}
PLACE: Entity = {**PERSON, "id": "porto-novo", "name": "Porto Novo", "kind": "place", "aliases": []}


def claim(path: str, quote: str, polarity: str = "affirms") -> Claim:
    return {
        "path": path,
        "quote": quote,
        "start": 10,
        "end": 10 + len(quote),
        "value": None,
        "polarity": polarity,
        "attribution": None,
    }


TOPICS: list[Discrepancy] = [
    {
        "id": "was-the-ferry-late",
        "topic": "Was the ferry late?",
        "kind": "denial",
        "severity": "conflict",
        "summary": "1 source says so, 1 denies it",
        "claims": [
            claim("a.txt", "The ferry was late."),
            claim("b.txt", "The ferry was not late.", "denies"),
        ],
    },
    {
        "id": "how-many-passengers",
        "topic": "How many passengers?",
        "kind": "number",
        "severity": "variation",
        "summary": "40 to 45 passengers",
        "claims": [claim("a.txt", "About 40 passengers."), claim("c.txt", "45 passengers.")],
    },
]


class Host(App[None]):
    """Mounts one pane and records every message the pane posts."""

    CSS_PATH = "../../dossier/tui/app.tcss"

    def __init__(self, pane_type: type) -> None:
        super().__init__()
        self.pane_type = pane_type
        self.received: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.pane_type(id="pane")

    def on_sidebar_entity_chosen(self, message: Sidebar.EntityChosen) -> None:
        self.received.append(message)

    def on_sidebar_card_requested(self, message: Sidebar.CardRequested) -> None:
        self.received.append(message)

    def on_claim_list_claim_chosen(self, message: ClaimList.ClaimChosen) -> None:
        self.received.append(message)

    def on_timeline_list_sentence_chosen(self, message: TimelineList.SentenceChosen) -> None:
        self.received.append(message)

    def on_timeline_list_compare_requested(self, message: TimelineList.CompareRequested) -> None:
        self.received.append(message)

    def on_quote_list_quote_chosen(self, message: QuoteList.QuoteChosen) -> None:
        self.received.append(message)


async def test_sidebar_posts_the_chosen_entity_and_card_requests():
    app = Host(Sidebar)
    async with app.run_test() as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.show_entities([PLACE, PERSON])
        sidebar.focus()
        await pilot.press("g")  # first selectable row: the person (people come first)
        assert sidebar.current_entity == PERSON
        await pilot.press("enter", "j", "i")
        await pilot.pause()
    assert [(type(m).__name__, m.entity["id"]) for m in app.received] == [
        ("EntityChosen", "vera-lind"),
        ("CardRequested", "porto-novo"),
    ]


async def test_claim_list_posts_the_claim_itself():
    app = Host(DiscrepancyView)
    async with app.run_test() as pilot:
        app.query_one(DiscrepancyView).show_discrepancies(TOPICS, {"a.txt": "Harbour Daily"})
        app.query_one(TopicList).focus()
        await pilot.press("j", "l", "j", "enter")  # second topic, its second claim
        await pilot.pause()
    assert len(app.received) == 1 and isinstance(app.received[0], ClaimList.ClaimChosen)
    assert app.received[0].claim is TOPICS[1]["claims"][1]


async def test_a_topic_is_selected_by_id():
    app = Host(DiscrepancyView)
    async with app.run_test() as pilot:
        view = app.query_one(DiscrepancyView)
        view.show_discrepancies(TOPICS, {})
        assert view.select("how-many-passengers") and not view.select("no-such-topic")
        await pilot.pause()
        assert view.current_claim is TOPICS[1]["claims"][0]


async def test_timeline_posts_the_sentence_and_asks_to_compare():
    mention: EventMention = {
        "path": "a.txt",
        "source": "Harbour Daily",
        "start": 0,
        "end": 20,
        "sentence": "The ferry sailed on 3 May.",
        "expression": "3 May",
        "discrepancy": "when-did-it-sail",
    }
    event: TimelineEvent = {
        "date": "2024-05-03",
        "label": "3 May 2024",
        "granularity": "day",
        "undated": False,
        "year_inferred": False,
        "discrepancy": "when-did-it-sail",
        "mentions": [mention],
    }
    app = Host(TimelineList)
    async with app.run_test() as pilot:
        timeline = app.query_one(TimelineList)
        timeline.show_events([event], {}, {"when-did-it-sail": "When did it sail?"})
        timeline.focus()
        await pilot.press("enter", "c")
        await pilot.pause()
    first, second = app.received
    assert isinstance(first, TimelineList.SentenceChosen) and first.mention is mention
    assert isinstance(second, TimelineList.CompareRequested)
    assert second.discrepancy_id == "when-did-it-sail"


async def test_quote_list_posts_the_speaker_and_the_quote():
    quote: Quote = {
        "path": "a.txt",
        "quote": "We sail at dawn.",
        "start": 5,
        "end": 21,
        "sentence_start": 0,
        "sentence_end": 30,
        "differs": [],
        "source": "Harbour Daily",
        "source_guessed": False,
    }
    speaker: Speaker = {"id": "vera-lind", "name": "Vera Lind", "quotes": [quote]}
    app = Host(QuoteList)
    async with app.run_test() as pilot:
        quotes = app.query_one(QuoteList)
        assert quotes.show_speakers([speaker]) == 1
        quotes.focus()
        await pilot.press("enter")
        await pilot.pause()
    (message,) = app.received
    assert isinstance(message, QuoteList.QuoteChosen)
    assert message.speaker is speaker and message.quote is quote


async def test_rows_take_their_colours_from_the_theme_and_follow_a_theme_change():
    app = Host(DiscrepancyView)
    async with app.run_test() as pilot:
        app.query_one(DiscrepancyView).show_discrepancies(TOPICS, {})
        topics = app.query_one(TopicList)

        def severity_colour() -> str:
            prompt = topics.get_option_at_index(0).prompt
            return prompt.spans[0].style.color.get_truecolor().hex  # "conflict"

        def theme_error() -> str:
            return topics.style_of("topics--conflict").color.get_truecolor().hex

        app.theme = "textual-dark"
        await pilot.pause()
        await pilot.pause()
        dark = severity_colour()
        assert dark == theme_error()
        app.theme = "gruvbox"
        await pilot.pause()
        await pilot.pause()
        assert severity_colour() == theme_error() != dark
        assert topics.highlighted == 0
