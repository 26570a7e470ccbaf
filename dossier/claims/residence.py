"""Where someone is from: the place a source puts after a person's name, and where sources differ.

Per article, :func:`residence_facts` reads the news convention 'Ana Ruiz, 34, of Springfield,
Ill.' / 'Ana Ruiz of Springfield' / 'Ana Ruiz, 34, from Leeds' as a ``residence`` fact: the
person (a name right before the 'of', with an age between commas or not; 'from' only after
an age) and the place (a place name right after it, with the state or country that follows
it after a comma). Elected officials are left out: the place after their name ('Sen. Ruiz of
Ohio') is the one they represent, not where they live.

Per dossier, :func:`residence_topics` reports one person placed in different places by
different sources ('of Aventura, Florida' / 'of South Florida'). Two places agree when they
name the same town ('Springfield, Ill.' / 'Springfield, Illinois') or one holds the other's
words ('Springfield' / 'Springfield, Ill.'): only where no source's place is in another's
is there something to check, and it stays a variation (one may be the region around the other).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from dossier.nlp import doc_ents, doc_text

#: Entity labels of places.
_PLACES = {"GPE", "LOC"}
#: Titles of people who represent a place: the place after their name is their constituency.
_OFFICE = {
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "congressman",
    "congresswoman",
    "del",
    "delegate",
    "assemblyman",
    "assemblywoman",
    "mayor",
    "councilman",
    "councilwoman",
    "mp",
    "president",
    "premier",
    "chancellor",
    "minister",
    "king",
    "queen",
    "prince",
    "princess",
    "duke",
    "ambassador",
    "speaker",
    "leader",
    "secretary",
    "attorney",
}
#: Name suffixes that are no surname ('Cesar Ruiz Jr.').
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: After the name: an optional age between commas, then 'of' and the place.
_AFTER_NAME = re.compile(r"(?:,\s*\d{1,3},)?\s+(?:of|from)\s+$")
#: A place name: capitalised words, maybe 'the' first, 'of' or a comma between them.
_PLACE_WORDS = re.compile(r"(?:the\s+)?[A-Z][\w.'\u2019-]*(?:(?:\s+of)?[\s,]+[A-Z][\w.'\u2019-]*)*")
_NAME_WORD = re.compile(r"^[A-Z][\w'\u2019.-]*$")


def residence_facts(doc) -> list[dict[str, Any]]:
    """Residence facts of one parsed article: a named person and the place given after 'of'."""
    text = doc_text(doc)
    places = _place_spans(doc)
    facts = []
    for of in doc:
        if of.lower_ not in ("of", "from") or of.i + 1 not in places:
            continue
        if of.lower_ == "from" and not (
            of.i > 1 and doc[of.i - 1].text == "," and doc[of.i - 2].like_num
        ):
            continue  # 'from' names a home only after an age ('Ana Ruiz, 34, from Leeds')
        person = _person_before(doc, of.i)
        if person is None:
            continue
        start, end = person
        if not _AFTER_NAME.search(text[start : of.idx + len(of.text)] + " "):
            continue
        place_end = _place_end(doc, places, of.i + 1)
        sent = of.sent
        place = text[doc[of.i + 1].idx : place_end]
        # the model's place may run on into what follows ('the Czech Republic 7-5 6-3')
        words = _PLACE_WORDS.match(place)
        if words is None:
            continue
        place = words.group(0).rstrip(", ")
        place_end = doc[of.i + 1].idx + len(place)
        facts.append(
            {
                "kind": "residence",
                "event": "live",
                "subject": None,
                "head": _surname(text[start:end]),
                "head_span": [start, end],
                "value": {"place": place, "parts": place_parts(place)},
                "value_text": place,
                "polarity": "affirms",
                "attribution": None,
                "start": doc[of.i + 1].idx,
                "end": place_end,
                "quote_start": sent.start_char,
                "quote_end": sent.end_char,
            }
        )
    return facts


def _place_spans(doc) -> dict[int, int]:
    """{token index a place name starts at: the index past its end}: the model's places, and
    runs of capitalised words the gazetteer knows (the small model misses many towns)."""
    from dossier.entities.gazetteer import fold, places

    found = {ent.start: ent.end for ent in doc_ents(doc) if ent.label_ in _PLACES}
    known = places()
    for token in doc:
        if (
            token.i in found
            or not token.text[:1].isupper()
            or token.ent_type_ not in ("", "GPE", "LOC")
        ):
            continue
        for size in (3, 2, 1):
            words = doc[token.i : token.i + size]
            if (
                len(words) == size
                and all(w.text[:1].isupper() for w in words)
                and fold(words.text) in known
            ):
                found[token.i] = token.i + size
                break
    return found


def _place_end(doc, places: dict[int, int], start: int) -> int:
    """Where the place starting at token ``start`` ends (a character offset): with the next
    place name or a dotted abbreviation when only a comma lies between ('Springfield, Ill.')."""
    end = places[start]
    if end + 1 < len(doc) and doc[end].text == ",":
        after = doc[end + 1]
        if end + 1 in places:
            end = places[end + 1]
        elif re.match(r"^[A-Z][a-z]{1,4}\.$", after.text):
            end = end + 2
    last = doc[end - 1]
    return last.idx + len(last.text)


def _person_before(doc, of_index: int) -> tuple[int, int] | None:
    """The character span of the person's name before 'of' (past an age between commas), or
    None when no name, another kind of name, or an elected official's name is there."""
    i = of_index - 1
    if i >= 3 and doc[i].text == "," and doc[i - 1].like_num and doc[i - 2].text == ",":
        i -= 3  # 'Ana Ruiz, 34, of'
    end = i
    while i >= 0 and _NAME_WORD.match(doc[i].text) and doc[i].ent_type_ in ("", "PERSON"):
        i -= 1
    first = i + 1
    if end - first < 1:
        return None  # one word is too often a place or a thing ('Bank of America')
    if any(doc[t].lower_.rstrip(".") in _OFFICE for t in range(max(0, first - 1), end + 1)):
        return None  # 'Sen. Ruiz of Ohio': the place represented, not where one lives
    if doc[end].tag_ == "NNPS" or (first > 0 and doc[first - 1].lower_ in ("the", "a", "an")):
        return None  # 'the Log Cabin Republicans of Ohio': a group, not a person
    if not any(doc[t].ent_type_ == "PERSON" for t in range(first, end + 1)) and not all(
        doc[t].pos_ == "PROPN" for t in range(first, end + 1)
    ):
        return None
    return doc[first].idx, doc[end].idx + len(doc[end].text)


def _surname(name: str) -> str:
    """The last word of a name that is not a suffix, lower case: the key of an unresolved person."""
    words = [w.lower().rstrip(".,") for w in name.split()]
    kept = [w for w in words if w not in _SUFFIXES]
    return (kept or words)[-1]


def place_parts(place: str) -> list[str]:
    """A place's parts, lower case, without dots: 'Springfield, Ill.' -> ['springfield', 'ill']."""
    parts = [" ".join(re.findall(r"[a-z]+", p.lower())) for p in place.split(",") if p.strip()]
    return [p.removeprefix("the ") for p in parts]


def place_relation(a: list[str], b: list[str]) -> str:
    """``agree`` (one town, or one place inside the other's words) or ``variation``."""
    if a[0] == b[0]:
        return "agree"
    words_a = set(" ".join(a).split())
    words_b = set(" ".join(b).split())
    return "agree" if words_a <= words_b or words_b <= words_a else "variation"


def residence_topics(facts: list[tuple[str, dict[str, Any]]], out) -> list[dict[str, Any]]:
    """'Where is X from?': one person placed in different places by different sources.

    Args:
        facts: (article path, residence fact) pairs of every article; ``head`` is the person's
            entity id when the dossier resolved it, else the name's last word.
        out: turns (path, fact) into a discrepancy's claim (CONTRACT.md shape).
    """
    by_person: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for path, fact in facts:
        by_person[fact["head"]].append((path, fact))
    found = []
    for members in by_person.values():
        differ = any(
            pa != pb and place_relation(a["value"]["parts"], b["value"]["parts"]) == "variation"
            for x, (pa, a) in enumerate(members)
            for pb, b in members[x + 1 :]
        )
        if not differ:
            continue
        chosen = sorted(members, key=lambda pf: (pf[0], pf[1]["start"]))
        who = next((f["head_name"] for _, f in chosen if f.get("head_name")), None)
        found.append(
            {
                "topic": f"Where is {who or chosen[0][1]['head'].title()} from?",
                "kind": "place",
                "severity": "variation",
                "summary": " / ".join(dict.fromkeys(f["value_text"] for _, f in chosen))
                + ", by source",
                "claims": [out(p, f) for p, f in chosen],
            }
        )
    return found
