"""When something happened: time facts read from DATE spans, and where sources disagree on them.

Per article, :func:`time_facts` turns each date a sentence ties to an event ('resigned on
Friday', 'a video in December announcing his resignation', 'would not be held this Tuesday')
into a ``time`` fact: the normalised time (:func:`parse_time`), the event stems around it
(verbs and their nominalisations: 'resignation' -> 'resign'), the people the
sentence names, its content lemmas, and whether the event is denied.

Per dossier, :func:`time_topics` links time facts of different articles that share an event
stem, a named person and three content words (and no clashing figures), and reports linked
times that cannot be reconciled: other years, other months, a weekday against a month. Dev and
many real articles carry no publication date, so a weekday is read as a day of the week the
articles appeared (the summary says so), two weekdays count only for one named actor doing one
thing, and relative phrases ('last week') are not compared. A coarser time holding the finer
one ('Friday' / 'Friday afternoon', 'October 2013' / '2013') agrees. A time affirmed by one
source and denied by another ('could take place on Tuesday' / 'would not be held this
Tuesday') is a ``denial``. :func:`span_facts` reads the years a named person's tenure ran
('Lund, who served from 1971 to 1983'); one person's overlapping spans with other years
are a ``date`` conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from dossier.lexicon import MONTH_NUMBERS, WEEKDAYS
from dossier.nlp import doc_ents, span_ents

#: Words that only place a time inside its day or frame it ('on Friday afternoon', 'early').
_FILLER = {
    "on",
    "in",
    "this",
    "early",
    "late",
    "earlier",
    "later",
    "morning",
    "afternoon",
    "evening",
    "night",
    "the",
    "of",
    "last",
    "next",
    "past",
    "mid",
    "middle",
    "end",
    "beginning",
    "start",
}
#: Words that make a date one end of a span.
_RANGE = {"from", "through", "to", "until", "till", "between", "thru"}
#: Nouns a date may modify and still time the event ('Friday afternoon').
_TIME_OF_DAY = {"morning", "afternoon", "evening", "night", "noon", "midnight"}
#: Verbs and phrases that only say an event took place: 'take place', 'be held', 'go ahead'.
OCCUR_VERBS = {"occur", "happen", "hold", "take", "proceed", "go"}
#: Verbs that carry no event of their own.
_LIGHT = {
    "be",
    "have",
    "do",
    "say",
    "tell",
    "add",
    "make",
    "get",
    "come",
    "go",
    "take",
    "give",
    "report",
    "accord",
    "write",
    "state",
}
#: Nominal endings that turn a verb into its event noun ('resignation', 'repayment', 'arrival').
_NOMINAL = ("ation", "ment", "al")
#: Content words two sentences must share (times aside) to tell of one event.
SHARED_WORDS = 3
#: Modal verbs that leave an event possible rather than asserted.
MODALS = {"could", "might", "may", "would", "will", "can", "should"}
#: Modals that leave an event only possible: its time is no claim of when it happens. A
#: scheduled event ('will leave on Jan. 1', 'would be held on April 30') has a time to compare.
POSSIBLE = {"could", "might", "may", "can", "should"}


def parse_time(text: str) -> dict[str, Any] | None:
    """A date expression as a comparable value, or None for durations and vague times.

    Returns:
        ``{"type": "weekday", "weekday": 0-6}``, ``{"type": "month", "month": 1-12, "day": d or
        None, "year": y or None}`` or ``{"type": "year", "year": y}``.
    """
    head, comma, _ = text.partition(",")
    if comma:
        # 'January 1, weeks earlier': the model glues on what follows the date;
        # 'Jan. 1, 2019' stays whole.
        return _parse_time(text) or _parse_time(head)
    return _parse_time(text)


def _parse_time(text: str) -> dict[str, Any] | None:
    words = [w for w in re.findall(r"[a-z]+|\d+", text.lower())]
    words = [w for w in words if w not in _FILLER]
    if not words or len(words) > 4:
        return None
    days = [w for w in words if w in WEEKDAYS]
    months = [w for w in words if w in MONTH_NUMBERS]
    numbers = [int(w) for w in words if w.isdigit()]
    rest = [w for w in words if w not in WEEKDAYS and w not in MONTH_NUMBERS and not w.isdigit()]
    if rest:
        return None  # 'two weeks', 'the weekend', 'recent days': not one point in time
    year = next((n for n in numbers if 1800 <= n <= 2100), None)
    day = next((n for n in numbers if 1 <= n <= 31), None)
    if months and len(set(MONTH_NUMBERS[m] for m in months)) == 1:
        return {"type": "month", "month": MONTH_NUMBERS[months[0]], "day": day, "year": year}
    if days and len(set(days)) == 1 and not numbers and not months:
        return {"type": "weekday", "weekday": WEEKDAYS.index(days[0])}
    if year and not days and not months and len(numbers) == 1:
        return {"type": "year", "year": year}
    return None


def describe_time(value: dict[str, Any]) -> str:
    """A normalised time for a summary: 'Friday', 'December', 'Dec 8, 2017', '2017'."""
    if value["type"] == "weekday":
        return WEEKDAYS[value["weekday"]].title()
    if value["type"] == "year":
        return str(value["year"])
    name = next(
        m
        for m, n in MONTH_NUMBERS.items()
        if (n == value["month"] and len(m) > 3) or n == value["month"] == 5
    ).title()
    return " ".join(str(p) for p in (name, value.get("day"), value.get("year")) if p)


def time_relation(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """``agree``, ``variation`` or ``conflict`` for two times of one event; None when the two
    cannot be compared without the articles' dates ('Friday' / '2017')."""
    kinds = {a["type"], b["type"]}
    if a == b:
        return "agree"
    if kinds == {"weekday"}:
        # Two weekdays are too often two steps of one story (a statement Wednesday, another
        # Thursday) and articles a day apart name one day two ways: no evidence either way.
        return None
    if kinds == {"year"}:
        return "conflict"
    if kinds == {"month"}:
        if a.get("year") and b.get("year") and a["year"] != b["year"]:
            return "conflict"
        if a["month"] != b["month"]:
            return "conflict"
        return "agree" if not (a.get("day") and b.get("day")) else "conflict"
    if kinds == {"weekday", "month"}:
        # A weekday names a day of the week the articles appeared; a month alone points further
        # back (or is the month that holds it): a reader should look.
        month = a if a["type"] == "month" else b
        return None if month.get("day") else "variation"
    if kinds == {"month", "year"}:
        month, year = (a, b) if a["type"] == "month" else (b, a)
        return "conflict" if month.get("year") and month["year"] != year["year"] else "agree"
    return None


# -- extraction ------------------------------------------------------------------------------------
def stem(lemma: str) -> str:
    """An event noun as its verb: 'resignation' -> 'resign', 'repayment' -> 'repay'."""
    for ending in _NOMINAL:
        if lemma.endswith(ending) and len(lemma) - len(ending) >= 4:
            return lemma[: -len(ending)]
    return lemma


def time_facts(doc, speech_verbs: set[str]) -> list[dict[str, Any]]:
    """Time facts of one parsed article: each point in time a sentence ties to an event."""
    facts = []
    for ent in doc_ents(doc):
        if ent.label_ != "DATE":
            continue
        value = parse_time(ent.text)
        if value is None or _modifies_noun(ent.root) or _in_range(ent):
            continue
        verb, events = _events(ent.root, speech_verbs)
        if verb is None or not events:
            continue
        facts.append(_time_fact(ent, verb, events, value))
    return facts


def _time_fact(ent, verb, events: set[str], value: Any) -> dict[str, Any]:
    """The time fact of one date entity tied to the event verb ``verb``."""
    sent = ent.sent
    occurs = verb.lemma_.lower() in ("occur", "happen", "hold") or (
        verb.lemma_.lower() == "take" and any(c.lower_ == "place" for c in verb.children)
    )
    return {
        "kind": "time",
        "event": verb.lemma_.lower(),
        "subject": None,
        "value": value,
        "value_text": ent.text,
        "events": sorted(events),
        "occurs": occurs,
        "names": _names(sent, verb),
        "actor": next(
            (
                c.lower_
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"
            ),
            None,
        ),
        "amounts": _sentence_amounts(sent),
        "context": _sentence_context(sent),
        "polarity": "denies" if any(c.dep_ == "neg" for c in verb.children) else "affirms",
        "modal": next(
            (c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in MODALS),
            None,
        ),
        "attribution": None,
        "start": ent.start_char,
        "end": ent.end_char,
        "quote_start": sent.start_char,
        "quote_end": sent.end_char,
    }


def _sentence_amounts(sent) -> list[str]:
    """The sentence's figures (money, percentages, counts) as bare digits, sorted."""
    return sorted(
        {
            re.sub(r"[^\d.]", "", e.text)
            for e in span_ents(sent)
            if e.label_ in ("MONEY", "PERCENT", "CARDINAL") and re.search(r"\d", e.text)
        }
    )


def _sentence_context(sent) -> list[str]:
    """The sentence's content lemmas (no stop words, dates or times), sorted."""
    return sorted(
        {
            t.lemma_.lower()
            for t in sent
            if t.is_alpha
            and not t.is_stop
            and len(t.text) > 2
            and t.ent_type_ not in ("DATE", "TIME")
        }
    )


#: 'from 1967 to 1979', 'between 2003 and 2009': the years a tenure or a period ran.
_SPAN = re.compile(
    r"\b(?:from|between)\s+(?:(?:early|late|mid)\s+)?((?:1[89]|20)\d\d)\s*(?:to|through|until|till|and|-|\u2013)\s*((?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)


def span_facts(doc) -> list[dict[str, Any]]:
    """'Lund, who served from 1971 to 1983': the years a named person's tenure ran.

    Only in sentences that name a person: the person is the span's key across sources.
    """
    facts = []
    for sent in doc.sents:
        names = sorted(
            {
                e.text.split()[-1].lower().removesuffix("'s").removesuffix("\u2019s")
                for e in span_ents(sent)
                if e.label_ == "PERSON"
            }
        )
        if not names:
            continue
        people = [e for e in span_ents(sent) if e.label_ == "PERSON"]
        for match in _SPAN.finditer(sent.text):
            first, last = int(match.group(1)), int(match.group(2))
            if not first < last:
                continue
            start = sent.start_char + match.start()
            holder = _span_holder(doc, start, people)
            facts.append(
                {
                    "kind": "span",
                    "event": "span",
                    "subject": None,
                    "value": {"type": "span", "from": first, "to": last},
                    "value_text": match.group(0),
                    "events": [],
                    "names": names,
                    "holder": holder,
                    "amounts": [],
                    "context": _sentence_context(sent),
                    "polarity": "affirms",
                    "modal": None,
                    "attribution": None,
                    "start": start,
                    "end": start + len(match.group(0)),
                    "quote_start": sent.start_char,
                    "quote_end": sent.end_char,
                }
            )
    return facts


def _span_holder(doc, start: int, people) -> str:
    """Whose span it is: the named subject of the verb it hangs on ('Lund, who served from',
    'Smith held the seat from'), else the person named last before it."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is not None:
        verb = span[0].head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].lower_ in ("who", "that") and verb.dep_ == "relcl":
            subjects = [verb.head]
        if subjects and subjects[0].pos_ == "PROPN":
            return subjects[0].lower_.removesuffix("'s").removesuffix("\u2019s")
    before = [e for e in people if e.end_char <= start]
    return (
        (before[-1] if before else people[0])
        .text.split()[-1]
        .lower()
        .removesuffix("'s")
        .removesuffix("\u2019s")
    )


def _names(sent, verb) -> list[str]:
    """The people a sentence names (a name's last word), and the event's own named subject,
    which the small model often fails to type as a person ('Okafor has led ...')."""
    names = {
        e.text.split()[-1].lower().removesuffix("'s").removesuffix("\u2019s")
        for e in span_ents(sent)
        if e.label_ == "PERSON"
    }
    for subject in verb.children:
        if (
            subject.dep_ in ("nsubj", "nsubjpass")
            and subject.pos_ == "PROPN"
            and subject.ent_type_ in ("", "PERSON", "ORG")
        ):
            names.add(subject.lower_)
    return sorted(names)


def _in_range(ent) -> bool:
    """'from 2007 to 2014', 'between May and July': an end of a span, not when an event was."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    first = ent.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # 'between May and July': July ends the span May starts
    opening = doc[first.left_edge.i - 1].lower_ if first.left_edge.i > 0 else ""
    return (
        before in _RANGE
        or after in _RANGE
        or after in ("-", "\u2013")
        or opening in _RANGE
        or first.head.lower_ in _RANGE
    )


def _modifies_noun(root) -> bool:
    """'the 2008 campaign', 'a 1999 book': a date that names a thing, not when an event was."""
    head = root.head
    return (
        root.dep_ in ("compound", "amod", "nummod", "nmod", "poss")
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in _TIME_OF_DAY
    )


def _events(root, speech_verbs: set[str]) -> tuple[Any, set[str]]:
    """The verb a date belongs to and the event stems on the way to it.

    'a video in December announcing his resignation, Smith said': the date hangs on 'video',
    whose clause names the events ('announce', 'resign'); the speech verb adds none.
    """
    events: set[str] = set()
    for token in root.ancestors:
        if token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ == "acl" and child.pos_ == "VERB":
                    events |= _verb_events(child)
            events.add(stem(token.lemma_.lower()))
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            if token.lemma_.lower() in speech_verbs:
                # 'is resigning, he announced Friday': the saying's content is the event
                for child in [*token.children, token.head]:
                    if (
                        (
                            child.dep_ in ("ccomp", "parataxis", "advcl")
                            or (token.dep_ in ("ccomp", "parataxis") and child is token.head)
                        )
                        and child.pos_ in ("VERB", "AUX")
                        and not _dated(child, root)
                    ):
                        events |= _verb_events(child)
            else:
                events |= _verb_events(token)
            return token, {e for e in events if e not in _LIGHT and len(e) > 2}
    return None, set()


def _dated(clause, date) -> bool:
    """True when a reported clause has a date of its own ('said Monday that he was fired
    Friday'): the saying's date is then not the reported event's."""
    return any(t.ent_type_ == "DATE" and t.i != date.i for t in clause.subtree if date.i != t.i)


def _verb_events(verb) -> set[str]:
    """A verb's own event stems: its lemma and its object's ('announced his resignation')."""
    found = {verb.lemma_.lower()}
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN":
            found.add(stem(child.lemma_.lower()))
    return found


# -- across articles -------------------------------------------------------------------------------
def time_topics(facts: list[tuple[str, dict[str, Any]]], out) -> list[dict[str, Any]]:
    """Discrepancies on when something happened, and on whether it happens at a stated time.

    Args:
        facts: (article path, time fact) pairs of every article.
        out: turns (path, fact) into a discrepancy's claim (CONTRACT.md shape).
    """
    points = [(p, f) for p, f in facts if f["kind"] == "time"]
    spans = [(p, f) for p, f in facts if f["kind"] == "span"]
    return _when_topics(points, out) + _denial_topics(points, out) + _span_topics(spans, out)


#: How much of the longer of two spans they must share to be one tenure told two ways.
SPAN_OVERLAP = 0.5


def _span_topics(facts: list[tuple[str, dict[str, Any]]], out) -> list[dict[str, Any]]:
    """One named person's tenure given other years by two sources ('1967 to 1979' / '1966 to 1978').

    Two spans are one tenure when they are the same person's, their sentences share
    :data:`SHARED_WORDS` content words and overlap for most of their length; spans that do
    not overlap are other periods of a life, never compared.
    """
    found, seen = [], set()
    for x, (pa, a) in enumerate(facts):
        for pb, b in facts[x + 1 :]:
            va, vb = a["value"], b["value"]
            if (
                pa == pb
                or (va["from"], va["to"]) == (vb["from"], vb["to"])
                or a["holder"] != b["holder"]
            ):
                continue
            shared = max(0, min(va["to"], vb["to"]) - max(va["from"], vb["from"]))
            longer = max(va["to"] - va["from"], vb["to"] - vb["from"])
            if (
                shared < SPAN_OVERLAP * longer
                or len(set(a["context"]) & set(b["context"]) - _LIGHT) < SHARED_WORDS
            ):
                continue
            key = (pa, a["start"], pb, b["start"])
            if key in seen:
                continue
            seen.add(key)
            who = a["holder"].title()
            found.append(
                {
                    "topic": f"Which years ({who})?",
                    "kind": "date",
                    "severity": "conflict",
                    "summary": f"{va['from']}-{va['to']} / {vb['from']}-{vb['to']}, by source",
                    "claims": [out(pa, a), out(pb, b)],
                }
            )
    return found


def _when_topics(facts: list[tuple[str, dict[str, Any]]], out) -> list[dict[str, Any]]:
    """Times of one event told by two sources: linked when they share an event stem, a name and
    enough of their sentence; reported when two linked times cannot be reconciled."""
    from dossier.claims.align import _components

    by_event: dict[str, list[int]] = defaultdict(list)
    for i, (_, fact) in enumerate(facts):
        # A future act's weekday is too often another act's
        # ('will lose ..., in an interview Tuesday').
        future_weekday = fact.get("modal") and fact["value"]["type"] == "weekday"
        if (
            fact["polarity"] == "affirms"
            and fact.get("modal") not in POSSIBLE
            and not future_weekday
        ):
            for event in fact["events"]:
                by_event[event].append(i)
    links: dict[tuple[int, int], str | None] = {}
    for members in by_event.values():
        if len({facts[i][0] for i in members}) < 2:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (
                    (i, j) not in links
                    and facts[i][0] != facts[j][0]
                    and _same_event(facts[i][1], facts[j][1])
                ):
                    links[(i, j)] = _relation(facts[i][1], facts[j][1])
    found = []
    for group in _components(len(facts), list(links)):
        paths = [facts[i][0] for i in group]
        if any(paths.count(p) > 2 for p in paths):
            continue  # a chain through many dates of one source is no single event
        in_group = set(group)
        relations = [r for pair, r in links.items() if pair[0] in in_group]
        topic = _when_topic([facts[i] for i in group], relations, out)
        if topic is not None:
            found.append(topic)
    return found


def _relation(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """How two linked time facts compare; two weekdays count only for one named actor doing
    one thing ('Smith resigned Tuesday' / 'Smith resigned on Thursday')."""
    found = time_relation(a["value"], b["value"])
    if (
        found is None
        and a["value"]["type"] == b["value"]["type"] == "weekday"
        and a["event"] == b["event"]
        and a.get("actor")
        and a.get("actor") == b.get("actor")
    ):
        return "variation"
    return found


def _same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two time facts tell of one event: a shared stem, a shared name and at least
    :data:`SHARED_WORDS` content words of their sentences in common (times aside)."""
    if not set(a["events"]) & set(b["events"]) or not set(a["names"]) & set(b["names"]):
        return False
    if a.get("amounts") and b.get("amounts") and not set(a["amounts"]) & set(b["amounts"]):
        return False  # other figures: another year's income, another count, not this event
    shared = set(a["context"]) & set(b["context"]) - set(WEEKDAYS) - set(MONTH_NUMBERS) - _LIGHT
    return len(shared) >= SHARED_WORDS


def _when_topic(
    group: list[tuple[str, dict[str, Any]]], relations: list[str | None], out
) -> dict[str, Any] | None:
    """A 'when' discrepancy when some two linked sources' times cannot be reconciled."""
    if "conflict" not in relations and "variation" not in relations:
        return None
    chosen = sorted(group, key=lambda pf: (pf[0], pf[1]["start"]))
    sample = chosen[0][1]
    events = set.intersection(*(set(f["events"]) for _, f in chosen)) or set(sample["events"])
    names = set.intersection(*(set(f["names"]) for _, f in chosen)) or set(sample["names"])
    who = sorted(names)[0].title()
    event = next((f["event"] for _, f in chosen if f["event"] in events), sorted(events)[0])
    times = " / ".join(dict.fromkeys(describe_time(f["value"]) for _, f in chosen))
    relative = any(f["value"]["type"] == "weekday" for _, f in chosen)
    return {
        "topic": f"When did {who} {event}?",
        "kind": "date",
        "severity": "conflict" if "conflict" in relations else "variation",
        "summary": times
        + ", by source"
        + (" (weekdays read as the week the articles appeared)" if relative else ""),
        "claims": [out(p, f) for p, f in chosen],
    }


def _denial_topics(facts: list[tuple[str, dict[str, Any]]], out) -> list[dict[str, Any]]:
    """One source says something happens at a time, another that it does not: an occasion
    ('could take place on Tuesday' / 'would not be held this Tuesday') or one named actor's
    act ('Smith will vote on Monday' / 'Smith will not vote on Monday')."""
    by_time: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for path, fact in facts:
        by_time[repr(sorted(fact["value"].items()))].append((path, fact))
    found = []
    for members in by_time.values():
        for x, (pa, fa) in enumerate(members):
            for pb, fb in members[x + 1 :]:
                if pa == pb or fa["polarity"] == fb["polarity"]:
                    continue
                topic = _denial_topic(fa, fb)
                if topic is not None:
                    chosen = sorted([(pa, fa), (pb, fb)], key=lambda pf: pf[0])
                    when = describe_time(fa["value"])
                    found.append(
                        {
                            "topic": topic,
                            "kind": "denial",
                            "severity": "variation",
                            "summary": " / ".join(
                                (
                                    "not "
                                    if f["polarity"] == "denies"
                                    else (f.get("modal") or "") + " "
                                ).strip()
                                + f" {when}"
                                for _, f in chosen
                            ),
                            "claims": [out(p, f) for p, f in chosen],
                        }
                    )
    return found


def _denial_topic(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """The question two facts of one time and opposite polarity answer apart, if one event."""
    when = describe_time(a["value"])
    if a.get("occurs") and b.get("occurs"):
        shared = set(a["context"]) & set(b["context"]) - set(WEEKDAYS) - {
            "hold",
            "place",
            "take",
            "occur",
            "happen",
        }
        return (
            f"Will it take place on {when} ({', '.join(sorted(shared)[:3])})?" if shared else None
        )
    if a["event"] == b["event"] and a.get("actor") and a.get("actor") == b.get("actor"):
        return f"Does {a['actor'].title()} {a['event']} on {when}?"
    return None
