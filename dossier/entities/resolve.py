"""One entity per real-world name across the dossier.

Per-article mentions (:mod:`dossier.entities.mentions`) are weighed together here: the same
surface form gets one kind for the whole dossier (the model's votes, the gazetteer, the
context), spelling variants of one person join ("Mohamed Salah" ~ "Mohammed Salah"), a bare
surname joins the one person who carries it, acronyms join their definitions. Pure Python:
no spaCy, so re-merging after a change is cheap.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from typing import Any

from rapidfuzz import fuzz
from slugify import slugify

from dossier.entities.gazetteer import fold
from dossier.entities.mentions import ORG_HEADS

KINDS = ("person", "place", "organisation")
_BROAD_PLACES = {"country", "continent", "region"}
#: Similarity (0-100) two spellings of a given name / surname need to be one person.
GIVEN_NAME_SIMILARITY = 80
SURNAME_SIMILARITY = 85
#: Name parts this short must match exactly ("Ali" is not "Eli").
SHORT_PART = 3


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def decide_kinds(mentions: dict[str, list[dict[str, Any]]]) -> dict[str, str | None]:
    """The kind each folded surface form has across the dossier (None: not an entity)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    gazetteer: dict[str, str | None] = {}
    locative: Counter = Counter()
    defined: set[str] = set()
    surnames: set[str] = set()
    for found in mentions.values():
        for m in found:
            key = fold(m["name"])
            votes[key][m["kind"]] += 1
            gazetteer[key] = m.get("gazetteer")
            locative[key] += bool(m.get("locative"))
            if m["source"] == "definition":
                defined.add(key)
            if m["kind"] == "person" and len(key.split()) >= 2 and not m.get("gazetteer"):
                surnames.add(key.split()[-1])
    kinds: dict[str, str | None] = {}
    for key, counter in votes.items():
        gaz = gazetteer.get(key)
        known = Counter({k: v for k, v in counter.items() if k})
        unsure = counter[None]
        # A single word that is the surname of a person named in full elsewhere in the dossier;
        # the model's unsure labels ("Silva nor Costa" as a work of art) then count for a person.
        surname = len(key.split()) == 1 and key in surnames
        as_person = known["person"] + (unsure if surname else 0)
        as_place = known["place"] + locative[key]
        if key in defined:
            kind = "organisation"
        elif gaz in _BROAD_PLACES:
            kind = "person" if surname and as_person > 2 * as_place else "place"
        elif gaz == "city" and surname and as_person > as_place:
            kind = "person"
        elif gaz == "city" and known["place"] + known["person"] + locative[key] >= known["organisation"] / 2:
            # A town's name read as a person, or used after "in"/"near": the town. Mostly
            # read as an organisation and never placed: a club or firm named after it.
            kind = "place"
        elif surname and (as_person >= known["organisation"] or known["organisation"] <= 2):
            kind = "person"
        elif known:
            top = known.most_common()
            if len(top) > 1 and top[0][1] == top[1][1]:
                tied = {top[0][0], top[1][0]}
                kind = "place" if "place" in tied and locative[key] else ("person" if "person" in tied else top[0][0])
            else:
                kind = top[0][0]
        else:
            kind = None
        kinds[key] = kind
    return kinds


def _similar_part(a: str, b: str, threshold: int) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) <= SHORT_PART:
        return False
    return fuzz.ratio(a, b) >= threshold


def _same_person(a: str, b: str) -> bool:
    """Two multi-word names of one person: same surname and given name, up to spelling."""
    pa, pb = a.split(), b.split()
    if not _similar_part(pa[-1], pb[-1], SURNAME_SIMILARITY):
        return False
    if len(pa) == len(pb):
        return all(_similar_part(x, y, GIVEN_NAME_SIMILARITY) for x, y in zip(pa[:-1], pb[:-1]))
    short, long = (pa, pb) if len(pa) < len(pb) else (pb, pa)
    return all(any(_similar_part(x, y, GIVEN_NAME_SIMILARITY) for y in long[:-1]) for x in short[:-1])


def _has_accents(text: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text))


def _best_name(surfaces: Counter) -> str:
    """The display name: per word position, the spelling most mentions use (accents win ties)."""
    longest = Counter({s: n for s, n in surfaces.items() if len(s.split()) > 1}) or surfaces
    lengths = Counter()
    for surface, n in longest.items():
        lengths[len(surface.split())] += n
    size = lengths.most_common(1)[0][0]
    chosen = []
    for position in range(size):
        spelling = Counter()
        for surface, n in longest.items():
            words = surface.split()
            if len(words) == size:
                spelling[words[position]] += n
        chosen.append(max(spelling.items(), key=lambda item: (item[1], _has_accents(item[0]), item[0]))[0])
    return " ".join(chosen)


def resolve(mentions: dict[str, list[dict[str, Any]]], authors: set[str] | None = None) -> list[dict[str, Any]]:
    """Merge every article's mentions into the dossier's entities.

    Args:
        mentions: {article path: mentions of that article}.
        authors: byline names; they are article metadata, never people in the story.

    Returns:
        Entities as CONTRACT.md describes them, plus ``occurrences`` (path, start, end,
        sentence) for concordances and highlighting, sorted by kind then mentions.
    """
    kinds = decide_kinds(mentions)
    author_keys = {fold(a) for a in authors or ()}
    union = _Union()
    items: list[tuple[str, dict[str, Any], str, str]] = []  # (path, mention, key, kind)
    for path, found in mentions.items():
        for m in found:
            key = _strip_the(fold(m["name"]))
            kind = kinds.get(fold(m["name"]))
            if kind is None or (kind == "person" and key in author_keys):
                continue
            items.append((path, m, key, kind))
            union.find(f"{kind}|{key}")

    keys_by_kind: dict[str, set[str]] = defaultdict(set)
    for _, _, key, kind in items:
        keys_by_kind[kind].add(key)

    # People: spelling variants of full names.
    full = sorted(k for k in keys_by_kind["person"] if len(k.split()) >= 2)
    by_initial: dict[str, list[str]] = defaultdict(list)
    for key in full:  # spelling variants keep a surname's first letter: compare within those
        by_initial[key.split()[-1][:1]].append(key)
    for block in by_initial.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if _same_person(a, b):
                    union.join(f"person|{a}", f"person|{b}")

    # Organisations: acronym <-> definition; "X Group" <-> "X"; "Russian X Y" <-> "X Y".
    organisations = keys_by_kind["organisation"]
    for _, m, key, kind in items:
        if kind == "organisation" and m.get("defines"):
            other = _strip_the(fold(m["defines"]))
            if other in organisations:
                union.join(f"organisation|{key}", f"organisation|{other}")
    for key in organisations:
        words = key.split()
        if len(words) >= 2 and words[-1] in ORG_HEADS and " ".join(words[:-1]) in organisations:
            union.join(f"organisation|{key}", f"organisation|{' '.join(words[:-1])}")
        if len(words) >= 3 and " ".join(words[1:]) in organisations:
            union.join(f"organisation|{key}", f"organisation|{' '.join(words[1:])}")

    # People: a bare surname joins the one person who has it (in the same article first).
    surname_owner: dict[str, set[str]] = defaultdict(set)
    for key in full:
        surname_owner[key.split()[-1]].add(union.find(f"person|{key}"))
    in_article: dict[str, set[str]] = defaultdict(set)
    for path, _, key, kind in items:
        if kind == "person" and len(key.split()) >= 2:
            in_article[path].add(union.find(f"person|{key}"))
    ambiguous: set[str] = set()
    groups_of_item: list[str] = []
    for path, m, key, kind in items:
        group = union.find(f"{kind}|{key}")
        if kind == "person" and len(key.split()) == 1:
            owners = surname_owner.get(key, set())
            local = owners & in_article[path]
            if len(local) == 1:
                group = next(iter(local))
            elif len(owners) == 1:
                group = next(iter(owners))
            elif owners:
                ambiguous.add(group)
        groups_of_item.append(group)

    grouped: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for (path, m, _, _), group in zip(items, groups_of_item):
        grouped[group].append((path, m))

    entities = []
    used_ids: set[str] = set()
    for group, members in grouped.items():
        kind = group.split("|", 1)[0]
        surfaces = Counter(m["name"] for _, m in members)
        if kind == "person":
            name = _best_name(surfaces)
        else:
            # The most used name; on a tie a full name over an abbreviation, then the
            # shortest ("Africa Corps" over "Russian Africa Corps").
            name = max(
                surfaces.items(),
                key=lambda item: (item[1], kind == "organisation" and len(item[0].split()) > 1, -len(item[0].split()), _has_accents(item[0])),
            )[0]
        aliases = set(surfaces)
        for _, m in members:
            if m.get("titles"):
                aliases.add(" ".join(m["titles"] + [m["name"]]))
        aliases.discard(name)
        described: list[dict[str, str]] = []
        seen = set()
        for path, m in members:
            for text in m.get("descriptions") or []:
                if fold(text) not in seen:
                    seen.add(fold(text))
                    described.append({"text": text, "path": path})
        entity_id = slugify(name) or "entity"
        if entity_id in used_ids:
            entity_id = f"{entity_id}-{kind}"
        while entity_id in used_ids:
            entity_id += "-x"
        used_ids.add(entity_id)
        entities.append(
            {
                "id": entity_id,
                "name": name,
                "kind": kind,
                "aliases": sorted(aliases, key=lambda a: (fold(a), a)),
                "descriptions": [d["text"] for d in described],
                "described": described,
                "mentions": len(members),
                "paths": sorted({path for path, _ in members}),
                "ambiguous": group in ambiguous,
                "occurrences": sorted(
                    ({"path": path, "start": m["start"], "end": m["end"], "sentence": m["sentence"], "surface": m["name"]} for path, m in members),
                    key=lambda o: (o["path"], o["start"]),
                ),
            }
        )
    order = {kind: n for n, kind in enumerate(KINDS)}
    entities.sort(key=lambda e: (order.get(e["kind"], 9), -e["mentions"], fold(e["name"])))
    return entities
