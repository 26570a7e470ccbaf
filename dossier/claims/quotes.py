"""Who said what: every direct quotation of the dossier, by speaker (issue 16, item 12).

Pure functions over the cached quote facts (:mod:`dossier.claims.facts`) and the
discrepancies already found; nothing here parses text or imports spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

#: The speaker of quotations whose sentence names nobody.
UNATTRIBUTED = "unattributed"
#: Discrepancy kinds that compare quotations (the words, or who said them).
QUOTE_KINDS = ("quote", "attribution")
#: Attribution words that say nothing about who spoke ('he said'): grouped as unattributed.
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "one"}

EntityAt = Callable[[str, int, int], "dict[str, Any] | None"]
#: Gives the person a speaker's name stands for: attribution text -> entity or None.
EntityNamed = Callable[[str], "dict[str, Any] | None"]
#: Gives the text of a span of an article: (path, start, end) -> text.
TextOf = Callable[[str, int, int], str]
#: A quotation credited to a pronoun: '…,” he said.' / '“…,” said she'.
_PRONOUN_CREDIT_RE = re.compile(
    r"\b(?:(?:he|she)\s+(?:\w+ly\s+)?(?:said|says|told|added|asked|explained|noted|argued|wrote|continued|insisted|replied|recalled|warned|stated)"
    r"|(?:said|says|added|asked)\s+(?:he|she))\b",
    re.IGNORECASE,
)


def people_by_name(entities: Iterable[dict[str, Any]]) -> EntityNamed:
    """A lookup of people by name, alias or unambiguous surname (case and accents ignored).

    For speakers the model did not tag where they are credited ('..., Okonkwo said' when
    the article named 'Ada Okonkwo' earlier): the name must end in a capitalised word.
    """
    from dossier.entities.gazetteer import fold

    names: dict[str, dict[str, Any]] = {}
    surnames: dict[str, list[dict[str, Any]]] = {}
    for entity in entities:
        if entity.get("kind") != "person" or entity.get("ambiguous"):
            continue
        for name in [entity["name"], *entity.get("aliases", [])]:
            names.setdefault(fold(name), entity)
        surnames.setdefault(fold(entity["name"]).split()[-1], []).append(entity)

    def entity_named(text: str) -> dict[str, Any] | None:
        words = text.split()
        if not words or not words[-1][:1].isupper():
            return None
        if fold(text) in names:
            return names[fold(text)]
        found = surnames.get(fold(words[-1]), [])
        return found[0] if len(found) == 1 else None

    return entity_named


def _key(path: str, start: int, end: int, words: str | None) -> tuple[str, int, int, str | None]:
    return path, start, end, words


def _differs_index(discrepancies: Iterable[dict[str, Any]]) -> dict[tuple, list[str]]:
    """(path, sentence start, sentence end, quoted words) -> ids of the discrepancies holding it."""
    index: dict[tuple, list[str]] = {}
    for item in discrepancies:
        if item.get("kind") not in QUOTE_KINDS:
            continue
        for claim in item.get("claims", []):
            value = claim.get("value") if isinstance(claim.get("value"), dict) else {}
            ids = index.setdefault(
                _key(claim["path"], claim["start"], claim["end"], value.get("quote")), []
            )
            if item["id"] not in ids:
                ids.append(item["id"])
    return index


#: Words before the subject of a sentence that still leave it the subject: titles ('Justice',
#: 'Mr.', 'Sen.'), after any introductory phrase closed by a comma ('In a statement, ').
_TITLES_ONLY_RE = re.compile(r"^(?:\s*[A-Z][\w.'\u2019-]*)*\s*$")
#: Gives the people named in the sentence right before an offset of an article:
#: (path, offset) -> [(mention start, mention end, sentence start, entity)], in order of mention.
PeopleBefore = Callable[[str, int], "list[tuple[int, int, int, dict[str, Any]]]"]


def people_before(entities: Iterable[dict[str, Any]]) -> PeopleBefore:
    """The people (persons only) named in the sentence that ends where another begins."""
    by_end: dict[tuple[str, int], list[tuple[int, int, int, dict[str, Any]]]] = {}
    for entity in entities:
        if entity.get("kind") == "person" and not entity.get("ambiguous"):
            for occurrence in entity.get("occurrences", []):
                if occurrence.get("sentence"):
                    start, end = occurrence["sentence"]
                    by_end.setdefault((occurrence["path"], end), []).append(
                        (
                            occurrence["start"],
                            occurrence.get("end", occurrence["start"]),
                            start,
                            entity,
                        )
                    )

    def before(path: str, offset: int) -> list[tuple[int, int, int, dict[str, Any]]]:
        # the previous sentence ends at most a paragraph break before this one
        for end in range(offset, max(-1, offset - 4), -1):
            if (path, end) in by_end:
                return sorted(by_end[(path, end)], key=lambda item: item[0])
        return []

    return before


def pronoun_speaker(
    path: str, fact: dict[str, Any], before: PeopleBefore, text_of: TextOf
) -> dict[str, Any] | None:
    """The person a '“…,” he said' quotation stands for, when the sentence before has them as
    subject.

    The quotation's sentence must credit the words to 'he'/'she', and the sentence right
    before must open (after titles or an introductory phrase) with a person of the dossier:
    'Senator Ann Ruiz criticised the plan. “…,” she said.' Anything else (a person named as
    an object, 'The judge asked Ms. Ruiz…', an owner, 'Ruiz's lawyer said…', or nobody the
    dossier knows) stays unattributed.
    """
    start, end = fact["quote_start"], fact["quote_end"]
    sentence = text_of(path, start, end)
    outside = (
        sentence[: max(0, fact["start"] - start)] + " " + sentence[max(0, fact["end"] - start) :]
    )
    if not _PRONOUN_CREDIT_RE.search(outside):
        return None
    named = before(path, start)
    if not named:
        return None
    mention, mention_end, sentence_start, entity = named[0]
    lead = text_of(path, sentence_start, mention).rsplit(",", 1)[-1]
    possessive = text_of(path, mention_end, mention_end + 2) in (
        "'s",
        "\u2019s",
    )  # 'Ruiz's lawyer said'
    return entity if _TITLES_ONLY_RE.match(lead) and not possessive else None


def _speaker(
    path: str,
    fact: dict[str, Any],
    entity_at: EntityAt | None,
    entity_named: EntityNamed | None,
    near: tuple[PeopleBefore, TextOf] | None,
) -> tuple[str | None, str]:
    """(entity id or None, name to show) of a quote's speaker."""
    span = fact.get("speaker_span")
    attribution = " ".join((fact.get("attribution") or "").split())
    entity = entity_at(path, span[0], span[1]) if span and entity_at is not None else None
    if entity is None and attribution and entity_named is not None:
        entity = entity_named(attribution)
    if (
        entity is None
        and (not attribution or attribution.lower() in _PRONOUNS)
        and near is not None
    ):
        entity = pronoun_speaker(path, fact, *near)
    if entity is not None:
        return entity["id"], entity["name"]
    if not attribution or attribution.lower() in _PRONOUNS:
        return None, UNATTRIBUTED
    return None, attribution


def collect_quotes(
    claims: dict[str, list[dict[str, Any]]],
    entity_at: EntityAt | None = None,
    discrepancies: Iterable[dict[str, Any]] = (),
    entity_named: EntityNamed | None = None,
    near: tuple[PeopleBefore, TextOf] | None = None,
) -> list[dict[str, Any]]:
    """Every direct quotation, with its speaker and the quote discrepancies it belongs to.

    Args:
        claims: {article path: that article's claims and facts}; only ``quote`` facts are used.
        entity_at: (path, start, end) -> the dossier entity named there, to resolve speakers.
        discrepancies: the dossier's discrepancies; a quote is marked with the ids of the
            ``quote``/``attribution`` ones that hold its sentence and words.
        entity_named: attribution text -> person, for speakers ``entity_at`` finds nothing at
            (see :func:`people_by_name`).
        near: (:func:`people_before`, the text of a span), to credit a '“…,” he said'
            quotation to the subject of the sentence before (see :func:`pronoun_speaker`).

    Returns:
        One dict per quotation (``speaker_id`` None when no entity matched; ``speaker`` the
        entity's name, else the attribution text, else ``unattributed``), in path order.
    """
    differs = _differs_index(discrepancies)
    found = []
    for path in sorted(claims):
        for fact in claims[path]:
            if fact.get("kind") != "quote":
                continue
            words = (fact.get("value") or {}).get("quote") or ""
            speaker_id, name = _speaker(path, fact, entity_at, entity_named, near)
            found.append(
                {
                    "speaker_id": speaker_id,
                    "speaker": name,
                    "path": path,
                    "quote": words,
                    "start": fact["start"],
                    "end": fact["end"],
                    "sentence_start": fact["quote_start"],
                    "sentence_end": fact["quote_end"],
                    "differs": list(
                        differs.get(_key(path, fact["quote_start"], fact["quote_end"], words), [])
                    ),
                }
            )
    found.sort(key=lambda q: (q["path"], q["start"]))
    return found


def mark_differences(
    quotes: list[dict[str, Any]], discrepancies: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Mark quotations (of :func:`collect_quotes`, asked without discrepancies) with the ids of
    the quote discrepancies that hold them: the same as asking with them, so the speakers can
    be found before the discrepancies are."""
    differs = _differs_index(discrepancies)
    for quote in quotes:
        key = _key(quote["path"], quote["sentence_start"], quote["sentence_end"], quote["quote"])
        quote["differs"] = list(differs.get(key, []))
    return quotes


def group_by_speaker(quotes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker, most quoted first (unattributed last), as quotes.json holds them.

    Speakers without an entity are grouped by their attribution text, case ignored.
    """
    groups: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        key = quote["speaker_id"] or "text:" + quote["speaker"].casefold()
        group = groups.setdefault(
            key, {"id": quote["speaker_id"], "name": quote["speaker"], "quotes": []}
        )
        group["quotes"].append(
            {k: v for k, v in quote.items() if k not in ("speaker_id", "speaker")}
        )
    return sorted(
        groups.values(),
        key=lambda g: (
            g["id"] is None and g["name"] == UNATTRIBUTED,
            -len(g["quotes"]),
            g["name"].casefold(),
        ),
    )
