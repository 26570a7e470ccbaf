"""Align claims across articles and report where the sources differ.

Claims can only disagree when they are about the same event: status claims are grouped by
(event, person), counts by (event, counted group such as 'protesters'), the dossier's dates
together, and the typed facts by the keys :mod:`dossier.claims.align` builds. Within a group:

- one source affirms what another denies -> ``denial``, a conflict;
- counts whose ranges cannot both hold -> ``number`` conflict; different but overlapping ->
  ``number`` variation;
- different end dates of the same timeline -> ``date`` conflict ('May' and 'May 2025' agree);
- different places for the same event -> ``place`` variation;
- one person spelled differently by different sources -> ``name`` variation.

One discrepancy per topic, holding every source's claims; conflicts first.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from slugify import slugify

from dossier.claims.align import Ahead, QuoteRelations, fact_discrepancies
from dossier.claims.frames import EVENT_WORDS
from dossier.claims.numbers import counts_conflict, describe, same_count, words_to_number

_KIND_ORDER = {
    "denial": 0,
    "number": 1,
    "date": 2,
    "place": 3,
    "name": 4,
    "attribution": 5,
    "sequence": 6,
    "quote": 7,
}
_IRREGULAR_PLURALS = {
    "person": "people",
    "man": "men",
    "woman": "women",
    "child": "children",
    "people": "people",
    "police": "police",
    "personnel": "personnel",
    "staff": "staff",
}


def plural(noun: str) -> str:
    """'protester' -> 'protesters', 'person' -> 'people'."""
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _fold(text: str) -> str:
    from dossier.entities.gazetteer import fold

    return fold(text)


def _claim_out(path: str, claim: dict[str, Any], value: Any = None) -> dict[str, Any]:
    return {
        "path": path,
        "quote": claim["quote"],
        "start": claim["quote_start"],
        "end": claim["quote_end"],
        "value": claim.get("value") if value is None else value,
        "value_text": claim.get("value_text"),
        "polarity": claim.get("polarity", "affirms"),
        "modality": claim.get("modality", "asserted"),
        "attribution": claim.get("attribution"),
        "subject": claim.get("subject_name") or claim.get("subject") or None,
        "predicate": claim.get("event"),
    }


def find_discrepancies(
    claims: dict[str, list[dict[str, Any]]],
    entities: list[dict[str, Any]],
    sentence_of: Callable[[str, int, int], str] | None = None,
    relations: QuoteRelations | None = None,
    entity_at: Callable[[str, int, int], dict[str, Any] | None] | None = None,
    ahead: Ahead = None,
) -> list[dict[str, Any]]:
    """Every topic on which the articles differ.

    Args:
        claims: {article path: that article's claims (from :func:`frames.extract_claims`)}.
        entities: the dossier's entities (with ``occurrences``), to know who a claim is about.
        sentence_of: gives the text of a body span (path, start, end); used for name claims.
        relations: pairs of quotations compared by an earlier run (see
            :class:`dossier.claims.align.QuoteRelations`).
        entity_at: :func:`entity_finder` of ``entities``, when the caller has made it already.
        ahead: :func:`dossier.claims.align.groundwork` of ``claims`` found already, or a call
            that waits for it (asked after the topics that need the entities alone).

    Returns:
        Discrepancies in the CONTRACT.md shape, conflicts first.
    """
    by_mention: dict[tuple[str, int], dict[str, Any]] = {}
    for entity in entities:
        for occurrence in entity.get("occurrences", []):
            by_mention[(occurrence["path"], occurrence["start"])] = entity

    found: list[dict[str, Any]] = []
    found += _status_discrepancies(claims, by_mention)
    found += _count_discrepancies(claims, by_mention)
    found += _date_discrepancies(claims)
    # Names before the facts, listed after them: the facts may wait for work done ahead.
    names = _name_discrepancies(entities, sentence_of) if sentence_of is not None else []
    found += fact_discrepancies(claims, entity_at or entity_finder(entities), relations, ahead)
    found += names

    used: set[str] = set()
    for item in found:
        base = slugify(item["topic"])[:60] or "topic"
        slug = base
        n = 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        item["id"] = slug
    found.sort(
        key=lambda d: (
            d["severity"] != "conflict",
            _KIND_ORDER.get(d["kind"], 9),
            -len({c["path"] for c in d["claims"]}),
            d["topic"],
        )
    )
    return [
        {k: d[k] for k in ("id", "topic", "kind", "severity", "summary", "claims")} for d in found
    ]


def entity_finder(
    entities: list[dict[str, Any]],
) -> Callable[[str, int, int], dict[str, Any] | None]:
    """(path, start, end) -> the person or organisation mentioned in that span, if any."""
    spans: dict[str, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
    for entity in entities:
        if entity.get("kind") in ("person", "organisation"):
            for occurrence in entity.get("occurrences", []):
                spans[occurrence["path"]].append(
                    (occurrence["start"], occurrence.get("end", occurrence["start"] + 1), entity)
                )

    def entity_at(path: str, start: int, end: int) -> dict[str, Any] | None:
        inside = [(e - s, entity) for s, e, entity in spans.get(path, ()) if s < end and start < e]
        return max(inside, key=lambda pair: pair[0])[1] if inside else None

    return entity_at


def _status_discrepancies(claims, by_mention) -> list[dict[str, Any]]:
    """Denials and place variations, one topic per (event, person) group of status claims."""
    groups, names = _status_groups(claims, by_mention)
    found = []
    for (event, entity_id), members in groups.items():
        name = names[entity_id]
        word = EVENT_WORDS.get(event, event)
        denial = _denial_discrepancy(members, name, word)
        if denial is not None:
            found.append(denial)
        where = _place_discrepancy(members, name, word)
        if where is not None:
            found.append(where)
    return found


def _status_groups(claims, by_mention):
    """Status claims grouped by (event, person id), with the unnamed denials joined in.

    Returns:
        (groups, names): {(event, entity id): [(path, claim)]} and {entity id: name}.
    """
    groups: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    names: dict[str, str] = {}
    unnamed: list[tuple[str, dict[str, Any]]] = []
    for path, article_claims in claims.items():
        for claim in article_claims:
            if claim["kind"] == "status" and claim.get("unnamed"):
                unnamed.append((path, claim))
            if claim["kind"] != "status" or claim.get("mention_start") is None:
                continue
            entity = by_mention.get((path, claim["mention_start"]))
            if entity is None or entity["kind"] != "person":
                continue
            names[entity["id"]] = entity["name"]
            groups[(claim["event"], entity["id"])].append(
                (path, {**claim, "subject_name": entity["name"]})
            )
    _add_unnamed_denials(groups, unnamed, names)
    return groups, names


def _denial_discrepancy(members, name: str, word: str) -> dict[str, Any] | None:
    """'Was X charged?' when one source affirms what another denies, else None."""
    by_polarity: dict[str, set[str]] = defaultdict(set)
    for path, claim in members:
        if not (claim.get("expected") and claim["polarity"] == "affirms"):
            by_polarity[claim["polarity"]].add(path)
    if not (by_polarity["affirms"] and by_polarity["denies"] and len({p for p, _ in members}) >= 2):
        return None
    chosen, seen = [], set()
    for path, claim in sorted(members, key=lambda m: (m[0], m[1]["quote_start"])):
        if (path, claim["polarity"]) in seen or (
            claim.get("expected") and claim["polarity"] == "affirms"
        ):
            continue
        seen.add((path, claim["polarity"]))
        chosen.append(
            _claim_out(
                path,
                claim,
                value={"status": word, "negated": claim["polarity"] == "denies"},
            )
        )
    yes, no = len(by_polarity["affirms"]), len(by_polarity["denies"])
    return {
        "topic": f"Was {name} {word}?",
        "kind": "denial",
        # 'no one was charged' is about this person only by inference: worth a look, not a verdict
        "severity": "variation" if any(c.get("unnamed") for _, c in members) else "conflict",
        "summary": f"{yes} source{'s' if yes != 1 else ''} say{'' if yes != 1 else 's'} so, "
        f"{no} report{'s' if no == 1 else ''} a denial",
        "claims": chosen,
    }


def _place_discrepancy(members, name: str, word: str) -> dict[str, Any] | None:
    """'Where X was charged' when two sources name places with nothing in common, else None."""
    places: dict[str, set[str]] = defaultdict(set)
    named: dict[str, set[str]] = defaultdict(set)
    where_claims: dict[str, dict[str, Any]] = {}
    for path, claim in members:
        if claim["polarity"] == "affirms" and claim.get("value") and claim["value"].get("places"):
            places[path].update(claim["value"]["places"])
            named[path].update(claim["value"]["places"], claim.get("named_places") or ())
            where_claims.setdefault(path, claim)
    # Reported when two sources name places with nothing in common ('Porto' / 'Braga');
    # more or less detail ('Porto' / 'Porto, near Braga') alone is not worth a reader's time.
    folded = {path: {_fold(p).replace(".", "") for p in v} for path, v in places.items()}
    around = {path: {_fold(p).replace(".", "") for p in v} for path, v in named.items()}
    # 'Ohio' / 'Dayton, Ohio': one source's place named beside the other's
    # is no clash.
    disjoint = any(
        not (_places_meet(folded[a], around[b]) or _places_meet(around[a], folded[b]))
        for a in folded
        for b in folded
        if a < b
    )
    if not (len(places) >= 2 and disjoint):
        return None
    chosen = []
    for path in sorted(where_claims):
        claim = where_claims[path]
        quote_claim = {
            **claim,
            "quote": claim.get("sentence_quote") or claim["quote"],
            "quote_start": claim.get("sentence_start", claim["quote_start"]),
            "quote_end": claim.get("sentence_end", claim["quote_end"]),
        }
        chosen.append(_claim_out(path, quote_claim, value={"places": sorted(places[path])}))
    return {
        "topic": f"Where {name} was {word}",
        "kind": "place",
        "severity": "variation",
        "summary": " / ".join(", ".join(sorted(places[p])) for p in sorted(places)),
        "claims": chosen,
    }


def _add_unnamed_denials(groups, unnamed, names) -> None:
    """Join 'no charges have been filed' to the one person the other sources say was charged.

    Only when the dossier names a single person as undergoing the event, and only from a source
    that does not itself say that person underwent it.
    """
    for path, claim in unnamed:
        affirmed = [
            key
            for key, members in groups.items()
            if key[0] == claim["event"]
            and any(c["polarity"] == "affirms" and not c.get("expected") for _, c in members)
        ]
        if len(affirmed) != 1:
            continue
        members = groups[affirmed[0]]
        if any(
            p == path and c["polarity"] == "affirms" and not c.get("expected") for p, c in members
        ):
            continue
        members.append((path, {**claim, "subject_name": names[affirmed[0][1]]}))


def _places_meet(a: set[str], b: set[str]) -> bool:
    """True when two sources' places share one, counting an abbreviation ('Calif.' /
    'California')."""
    return any(
        x == y or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)))
        for x in a
        for y in b
    )


#: Ranks and roles a count can be of ('two generals'), matched against people's descriptions.
RANKS = {
    "general",
    "colonel",
    "officer",
    "minister",
    "commander",
    "governor",
    "mayor",
    "judge",
    "senator",
    "lawmaker",
}


def _rank_denials(claims, by_mention) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Denials about named people by their rank: 'neither general was arrested' counts as none."""
    found: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for path, article_claims in claims.items():
        for claim in article_claims:
            if (
                claim["kind"] != "status"
                or claim["polarity"] != "denies"
                or claim.get("mention_start") is None
            ):
                continue
            entity = by_mention.get((path, claim["mention_start"]))
            if entity is None or entity["kind"] != "person":
                continue
            words = {
                w.lower().rstrip(".") for d in entity.get("descriptions", []) for w in d.split()
            }
            for rank in RANKS:
                if rank in words or rank[:3] in words:
                    found[f"{claim['event']}|{rank}"].append(
                        (path, {**claim, "value": {"min": 0, "max": 0, "approx": False}})
                    )
    return found


def _count_discrepancies(claims, by_mention) -> list[dict[str, Any]]:
    """Counts of one group for one event ('how many protesters were arrested') that differ."""
    groups = _count_groups(claims)
    denials = _rank_denials(claims, by_mention)
    found = []
    for (event, subject), members in groups.items():
        if subject in RANKS:
            seen = set()
            for path, claim in denials.get(f"{event}|{subject}", []):
                if path not in seen:
                    seen.add(path)
                    members = members + [(path, claim)]
        item = _count_discrepancy(event, subject, members)
        if item is not None:
            found.append(item)
    return found


def _count_groups(claims) -> dict[tuple[str, str], list[tuple[str, dict[str, Any]]]]:
    """Affirmed counts by (event, counted group); a count of no group goes to the event's
    most counted group."""
    subjects_by_event: dict[str, Counter] = defaultdict(Counter)
    for article_claims in claims.values():
        for claim in article_claims:
            if (
                claim["kind"] == "count"
                and claim["subject"] != "*"
                and claim["polarity"] == "affirms"
            ):
                subjects_by_event[claim["event"]][claim["subject"]] += 1
    groups: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for path, article_claims in claims.items():
        for claim in article_claims:
            if claim["kind"] != "count" or claim["polarity"] != "affirms":
                continue
            subject = claim["subject"]
            if subject == "*":
                common = subjects_by_event[claim["event"]].most_common(1)
                subject = common[0][0] if common else "*"
            groups[(claim["event"], subject)].append((path, claim))
    return groups


def _count_discrepancy(event: str, subject: str, members) -> dict[str, Any] | None:
    """The discrepancy of one count group, or None when the sources agree or are one."""
    paths = {path for path, _ in members}
    if len(paths) < 2:
        return None
    values = [claim["value"] for _, claim in members]
    if all(same_count(values[0], v) for v in values[1:]):
        return None  # every source gives the same count: an agreement
    # A conflict is between sources: two of them with no count in common. One source
    # giving two counts (different nights, different operations) is no contradiction.
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path, claim in members:
        by_source[path].append(claim["value"])
    if _explained(members, by_source):
        # each source also states the figure the other gives: other nights, not a contradiction
        return None
    conflict = any(
        all(counts_conflict(x, y) for x in by_source[pa] for y in by_source[pb])
        for i, pa in enumerate(sorted(by_source))
        for pb in sorted(by_source)[i + 1 :]
    )
    noun = "people" if subject == "*" else plural(subject)
    word = EVENT_WORDS.get(event, event)
    chosen = []
    for path, claim in sorted(members, key=lambda m: (m[0], m[1]["start"])):
        chosen.append(_claim_out(path, {**claim, "subject": noun}))
    topic = f"How many {noun} were {word}" if word else f"How many {noun}"
    return {
        "topic": topic,
        "kind": "number",
        "severity": "conflict" if conflict else "variation",
        "summary": _count_summary(values, noun),
        "claims": chosen,
    }


def _count_summary(values: list[dict[str, Any]], noun: str) -> str:
    """'3 to 7 protesters, by source', from the precise counts (loose ranges left out)."""
    precise = [
        v
        for v in values
        if not (
            v.get("approx")
            and v.get("min") is not None
            and v.get("max") is not None
            and v["max"] > 2 * v["min"]
        )
    ] or values
    lows = [v["min"] for v in precise if v.get("min") is not None] + [
        v["max"] for v in precise if v.get("min") is None and v.get("max") is not None
    ]
    highs = [v["max"] for v in precise if v.get("max") is not None and v["max"] < 10**9]
    low = min(lows) if lows else None
    high = max(highs + lows) if (highs or lows) else None
    if low is not None and high is not None and low != high:
        return f"{low} to {high} {noun}, by source"
    return ", ".join(sorted({describe(v) for v in values}))


def _sentence_figures(text: str) -> list[dict[str, Any]]:
    """Every figure a sentence states, as exact counts ('six arrests Wednesday, compared to 47')."""
    figures = []
    for word in re.findall(r"\d[\d,]*|[A-Za-z]+", text):
        number = words_to_number(word)
        if number is not None and word.lower() not in ("a", "an"):
            figures.append({"min": number, "max": number, "approx": False})
    return figures


def _explained(members, by_source) -> bool:
    """True when some two sources' counts conflict, and every such conflict dissolves once each
    source's sentences are read whole: 'six arrests Wednesday, compared to 47 the previous
    night' also states the 47 another source gives."""
    stated = {
        path: by_source[path]
        + [f for p, c in members if p == path for f in _sentence_figures(c["quote"])]
        for path in by_source
    }
    paths = sorted(by_source)
    conflicting = [
        (pa, pb)
        for i, pa in enumerate(paths)
        for pb in paths[i + 1 :]
        if all(counts_conflict(x, y) for x in by_source[pa] for y in by_source[pb])
    ]
    return bool(conflicting) and all(
        any(not counts_conflict(x, y) for x in stated[pa] for y in by_source[pb])
        or any(not counts_conflict(x, y) for x in by_source[pa] for y in stated[pb])
        for pa, pb in conflicting
    )


def _date_discrepancies(claims) -> list[dict[str, Any]]:
    members = [
        (path, claim)
        for path, article_claims in claims.items()
        for claim in article_claims
        if claim["kind"] == "date"
    ]
    if len({path for path, _ in members}) < 2:
        return []
    years = {claim["value"]["year"] for _, claim in members}
    if len(years) < 2:
        return []

    def span(value):
        return value["year"], (10**6 if value.get("open") else value["year"])

    conflict = any(
        span(a["value"])[1] < span(b["value"])[0] or span(b["value"])[1] < span(a["value"])[0]
        for i, (pa, a) in enumerate(members)
        for pb, b in members[i + 1 :]
        if pa != pb
    )
    chosen = [
        _claim_out(path, claim)
        for path, claim in sorted(members, key=lambda m: (m[0], m[1]["start"]))
    ]
    summary = " or ".join(str(y) for y in sorted(years)) + ", by source"
    return [
        {
            "topic": "When the transition ends and elections are due",
            "kind": "date",
            "severity": "conflict" if conflict else "variation",
            "summary": summary,
            "claims": chosen,
        }
    ]


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: How alike two spellings of a name part must be to be one name misspelt ('Jonson'/'Johnson').
SPELLING_SIMILARITY = 75


@functools.lru_cache(maxsize=1 << 16)  # asked once per occurrence of a person
def _name_words(surface: str) -> tuple[str, ...]:
    """A name's words without initials and suffixes, folded ('John A. Doe' -> john, doe)."""
    return tuple(
        w
        for w in (w.rstrip(".,") for w in _fold(surface).split())
        if len(w) > 1 and w not in _SUFFIXES
    )


def _spelt_differently(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same name, different spelling: as many words, each equal or nearly so, one not equal.

    A longer or shorter form ('Ana Lopez Ramos' / 'Lopez Ramos') is house
    style, not a discrepancy.
    """
    from rapidfuzz import fuzz

    if len(a) != len(b) or a == b or len(a) < 2:
        return False
    return all(x == y or fuzz.ratio(x, y) >= SPELLING_SIMILARITY for x, y in zip(a, b, strict=True))


def _name_discrepancies(entities, sentence_of) -> list[dict[str, Any]]:
    found = []
    for entity in entities:
        if entity["kind"] != "person":
            continue
        first_by_path: dict[str, dict[str, Any]] = {}
        for occurrence in entity.get("occurrences", []):
            surface = occurrence.get("surface")
            if surface and len(_name_words(surface)) >= 2:
                first_by_path.setdefault(occurrence["path"], occurrence)
        forms = {path: _name_words(o["surface"]) for path, o in first_by_path.items()}
        # Each spelling against the others once, not each article against every other: a
        # name the dossier spells one way in hundreds of articles is one comparison.
        spelt = set(forms.values())
        differs = {w for w in spelt if any(_spelt_differently(w, o) for o in spelt)}
        variant_paths = {path for path, words in forms.items() if words in differs}
        if len(variant_paths) < 2:
            continue
        chosen = []
        for path in sorted(variant_paths):
            occurrence = first_by_path[path]
            start, end = occurrence["sentence"]
            claim = {
                "quote": sentence_of(path, start, end),
                "quote_start": start,
                "quote_end": end,
                "value": {"name": occurrence["surface"]},
                "value_text": occurrence["surface"],
                "polarity": "affirms",
                "event": "name",
                "subject": entity["name"],
            }
            chosen.append(_claim_out(path, claim))
        spellings = sorted({first_by_path[p]["surface"] for p in variant_paths})
        found.append(
            {
                "topic": f"How {entity['name']} is spelt",
                "kind": "name",
                "severity": "variation",
                "summary": " / ".join(spellings),
                "claims": chosen,
            }
        )
    return found
