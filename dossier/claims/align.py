"""Align typed facts across articles and compare them: amounts and quotations.

Two facts from different articles are about the same thing when their keys agree (the unit or
counted noun, and the noun a compound amount describes) and their contexts are alike: a cosine
over the content lemmas near each amount, weighted by their rarity in this dossier (TF-IDF with
binary term frequency). Candidates come only from facts that share a key and a context lemma
(an inverted index), so the work grows with the facts, not with their square. Amounts tied to
different explicit moments ('Wednesday' / 'the night before') are never compared. A fact is
linked to its best partner in each other article, and only when the choice is mutual.

Quotations are aligned by shared word trigrams and compared word by word: the same passage with
words added, dropped or changed inside it is a ``quote`` variation; a shorter excerpt of the
same words is an agreement.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from functools import partial
from typing import Any

from dossier.claims.accounts import account_topics
from dossier.claims.charges import plea_topics
from dossier.claims.quantities import MONEY_UNITS, describe_amount, relation
from dossier.claims.residence import residence_topics
from dossier.claims.times import time_topics

#: How alike two amounts' contexts must be (cosine) to be about the same thing.
SIMILARITY = 0.3
#: Same for amounts that share a described noun ('112-page report'): the key already says a lot.
KEYED_SIMILARITY = 0.0
#: Sums and shares must also share this many context words (one name alone is not enough).
MONEY_SHARED = 2
#: Same for counts of one noun ('nurses', 'bridges'): the noun is a strong key.
NOUN_SIMILARITY = 0.15
#: Blocks of counts of one noun this small are compared all pairs (context or not).
SMALL_BLOCK = 40
#: Counts tied by their noun alone must be at least this large.
DISTINCTIVE = 100
#: One topic's figures lie within this factor of each other.
SPREAD = 10
#: Figures within this ratio are of one magnitude, and get this much more similarity.
MAGNITUDE_RATIO = 1.3
#: Counts under this ('two senators', 'three senators') are too common to tie on their size,
#: and need the context sums need.
SMALL_COUNT = 10
MAGNITUDE_BONUS = 0.15
#: A lemma in more than this share of the facts of a block is no evidence of sameness.
COMMON_SHARE = 0.5
#: Quotations: the share of the shorter one's words found in the other, in order.
QUOTE_OVERLAP = 0.6
#: The same words credited to two people count from this many words (not a stock phrase).
CREDIT_WORDS = 6
#: Within the stretch two quotations share, the share of words they have in common.
QUOTE_DENSITY = 0.7
#: The same, when every word of the shorter quotation (this many or more) is in the other.
QUOTE_DENSITY_WHOLE = 0.5
WHOLE_WORDS = 5
#: Quotations this short (words) may differ by one word and still be one passage, and
#: the most words that one change may hold on either side.
SHORT_QUOTE = 12
GAP_WORDS = 2
#: A word run shared by more quotations than this is a stock phrase, not one passage.
STOCK_PHRASE = 50
#: Marks the stored answer of :func:`one_word_relation` for a pair of quotations.
SKIPPED = b"~"
#: Where a source cut words out of a quotation ('I did these things. … I used').
ELLIPSIS = "\u2026"
#: Marks a word an editor put into a quotation ('pay [for] it'): not the speaker's own.
EDITORIAL = "["
#: Words that alone do not make two quotations one passage.
_FUNCTION = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "'s",
    "'re",
    "'m",
    "not",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "i",
    "we",
    "you",
    "he",
    "she",
    "they",
    "me",
    "us",
    "him",
    "her",
    "them",
    "my",
    "our",
    "your",
    "his",
    "their",
    "have",
    "has",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "so",
    "very",
    "just",
    "all",
    "some",
    "any",
    "no",
    "what",
    "which",
    "who",
    "how",
    "when",
    "where",
    "if",
    "then",
    "than",
    "think",
    "lot",
    "about",
    "up",
}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who"}
_STOP = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "is",
    "it",
    "that",
    "this",
    "be",
    "we",
    "i",
    "you",
    "he",
    "she",
    "they",
    "was",
    "were",
    "are",
}


#: Gives the dossier entity at a character span of an article: (path, start, end) -> entity or None.
EntityAt = Callable[[str, int, int], "dict[str, Any] | None"]
#: :func:`groundwork` found already, or a call that waits for it (None when it is not found).
Ahead = dict[str, Any] | Callable[[], dict[str, Any] | None] | None


def fact_discrepancies(
    claims: dict[str, list[dict[str, Any]]],
    entity_at: EntityAt | None = None,
    relations: QuoteRelations | None = None,
    ahead: Ahead = None,
) -> list[dict[str, Any]]:
    """Topics on which the articles' amounts, quotations or role holders differ.

    Args:
        claims: {article path: its claims and facts}.
        entity_at: resolves the people facts name to the dossier's entities, so that facts
            about one person are keyed by the entity's id whatever name each source uses.
        relations: how pairs of quotations relate, kept from an earlier run (see
            :class:`QuoteRelations`); the same result, computed only for new pairs.
        ahead: :func:`groundwork` of these claims (unresolved), found while the entities
            were resolved, or a call that waits for it (asked once the facts are resolved;
            None: not found); what a resolved fact changes is found again here.

    Returns:
        Discrepancies in the CONTRACT.md shape (without ids).
    """
    changed: set[tuple[str, str]] = set()
    if entity_at is not None:
        claims, changed = _resolved_claims(claims, entity_at)
    # What needs the entities comes first: the work ahead may still be under way.
    roles = _role_topics(
        [(path, f) for path, facts in claims.items() for f in facts if f.get("kind") == "role"]
    )
    found = ahead() if callable(ahead) else ahead
    if found is None:
        found, changed = groundwork(claims), set()
    elif any(kind in FREE_KINDS for kind, _ in changed):
        # a fact the groundwork took unresolved names someone: those topics are found again
        found = {**found, **_free_topics(claims)}
    # Amounts are linked within blocks of one unit: the units of resolved amounts are redone.
    redo = {unit for kind, unit in changed if kind == "quantity"}
    amounts = [part for part in found["amounts"] if part[1] not in redo]
    if redo:
        amounts += _amount_parts(_quantities(claims), redo, found["df"])
    amounts.sort(key=lambda part: part[0])
    return (
        [topic for _, _, topic in amounts]
        + _quote_topics(quotes_of(claims), relations)
        + roles
        + found["sequences"]
        + found["later"]
        + residence_topics(
            [
                (path, f)
                for path, facts in claims.items()
                for f in facts
                if f.get("kind") == "residence"
            ],
            _out,
        )
    )


#: The kinds of facts whose topics :func:`groundwork` finds besides amounts.
FREE_KINDS = frozenset({"sequence", "time", "span", "account", "plea"})


def groundwork(claims: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The part of :func:`fact_discrepancies` that needs no entity, from unresolved claims.

    Only facts that name someone by span (ages, speakers, role owners) change when resolved:
    :func:`fact_discrepancies` keeps what this found for every other fact and redoes the
    rest, so the merge can find these while the entities are resolved (in another process).

    Returns:
        {"amounts": [(first fact index, unit, topic)], "df": {context lemma: amounts near it},
        "sequences": [topic], "later": [topic]} (plain values: it may travel through a pipe).
    """
    quantities = _quantities(claims)
    df = context_counts(quantities)
    return {"amounts": _amount_parts(quantities, None, df), "df": df, **_free_topics(claims)}


def _free_topics(claims: dict[str, list[dict[str, Any]]]) -> dict[str, list[Any]]:
    """The topics of sequences, times, accounts and pleas (see :func:`groundwork`)."""
    sequences = [
        (path, f) for path, facts in claims.items() for f in facts if f.get("kind") == "sequence"
    ]
    times = [
        (path, f)
        for path, facts in claims.items()
        for f in facts
        if f.get("kind") in ("time", "span")
    ]
    accounts = [
        (path, f) for path, facts in claims.items() for f in facts if f.get("kind") == "account"
    ]
    pleas = [(path, f) for path, facts in claims.items() for f in facts if f.get("kind") == "plea"]
    return {
        "sequences": _sequence_topics(sequences),
        "later": time_topics(times, _out)
        + account_topics(accounts, _out)
        + plea_topics(pleas, _out),
    }


def _quantities(claims: dict[str, list[dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (path, f)
        for path, facts in claims.items()
        for f in facts
        if f.get("kind") == "quantity" and f.get("polarity") == "affirms"
    ]


def _resolved_claims(
    claims: dict[str, list[dict[str, Any]]], entity_at: EntityAt
) -> tuple[dict[str, list[dict[str, Any]]], set[tuple[str, str]]]:
    """:func:`_resolved` of every fact, and the (kind, unit) of each fact it changed."""
    resolved: dict[str, list[dict[str, Any]]] = {}
    changed: set[tuple[str, str]] = set()
    for path, facts in claims.items():
        out = resolved[path] = []
        for f in facts:
            r = _resolved(path, f, entity_at)
            if r is not f:
                changed.add((f.get("kind") or "", f.get("unit") or ""))
            out.append(r)
    return resolved, changed


def _resolved(path: str, fact: dict[str, Any], entity_at: EntityAt) -> dict[str, Any]:
    """A fact with the people it names replaced by entity ids (and their names kept to show)."""
    for span_key, id_key, name_key in (
        ("head_span", "head", "head_name"),
        ("owner_span", "owner", "owner_name"),
        ("speaker_span", "speaker", "speaker_name"),
    ):
        span = fact.get(span_key)
        entity = entity_at(path, span[0], span[1]) if span else None
        if entity is not None:
            fact = {**fact, id_key: entity["id"], name_key: entity["name"]}
    return fact


# -- amounts -------------------------------------------------------------------------------------
def _key(fact: dict[str, Any]) -> tuple[str, str | None]:
    return fact["unit"], fact.get("head")


def _amount_links(
    facts: list[tuple[str, dict[str, Any]]],
    units: set[str] | None = None,
    df: dict[str, int] | None = None,
) -> list[tuple[int, int]]:
    """Mutually best pairs of amounts (indexes into ``facts``) that are about the same thing
    (only amounts of the given ``units`` when given: pairs never cross a unit; ``df``: the
    context lemmas' counts over every amount, when counted already)."""
    return _AmountLinker(facts, units, df).links()


class _AmountLinker:
    """Scores pairs of amounts within a block (same unit and head) by their shared context.

    The passes share the facts, the context lemmas' idf weights and how many amounts of a
    block each article has. With ``units``, only the amounts of those units are linked (the
    weights are still those of every amount).
    """

    def __init__(
        self,
        facts: list[tuple[str, dict[str, Any]]],
        units: set[str] | None = None,
        df: dict[str, int] | None = None,
    ) -> None:
        self.facts = facts
        self.df = context_counts(facts) if df is None else df
        self.total = len(facts)
        self._idf: dict[str, float] = {}  # a lemma's weight is asked once per pair sharing it
        self.members = [i for i, (_, f) in enumerate(facts) if units is None or f["unit"] in units]
        self.weight = {
            i: math.sqrt(
                sum(self.idf(lemma) ** 2 for lemma in set(facts[i][1].get("context") or ()))
            )
            or 1.0
            for i in self.members
        }
        self.per_article = Counter(
            (facts[i][0], _key(facts[i][1]))
            for i in self.members
            if facts[i][1]["value"].get("hedge") != "vague"
        )

    def idf(self, lemma: str) -> float:
        """Inverse document frequency of a context lemma over every amount."""
        found = self._idf.get(lemma)
        if found is None:
            found = self._idf[lemma] = (
                math.log((self.total + 1) / (self.df.get(lemma, 0) + 1)) + 1.0
            )
        return found

    def links(self) -> list[tuple[int, int]]:
        """Each amount's best partner per other article; the pairs that chose each other."""
        facts = self.facts
        blocks: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        for i in self.members:
            blocks[_key(facts[i][1])].append(i)
        best: dict[tuple[int, str], tuple[float, int]] = {}
        for key, members in blocks.items():
            for (i, j), dot in self._candidate_pairs(key, members).items():
                score = self._pair_score(key, i, j, dot)
                if score is None:
                    continue
                for a, b in ((i, j), (j, i)):
                    slot = (a, facts[b][0])
                    if slot not in best or best[slot][0] < score:
                        best[slot] = (score, b)
        return [
            (a, b)
            for (a, path_b), (_, b) in best.items()
            if a < b and best.get((b, facts[a][0]), (0, -1))[1] == a
        ]

    def _candidate_pairs(
        self, key: tuple[str, str | None], members: list[int]
    ) -> dict[tuple[int, int], float]:
        """Pairs of a block sharing context lemmas, with the dot product of their idf weights."""
        keyed = key[1] is not None
        postings: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for lemma in set(self.facts[i][1].get("context") or ()):
                postings[lemma].append(i)
        limit = max(2, int(COMMON_SHARE * len(members)))
        pairs: dict[tuple[int, int], float] = defaultdict(float)
        for lemma, ids in postings.items():
            if len(ids) > limit and not keyed:
                continue
            weight = self.idf(lemma) ** 2
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    pairs[(ids[x], ids[y])] += weight
        # A shared described noun is a key in itself; so is a counted noun in a small block.
        if keyed or (_counted(key[0]) and len(members) <= SMALL_BLOCK):
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.setdefault((members[x], members[y]), 0.0)
        return pairs

    def _pair_score(self, key: tuple[str, str | None], i: int, j: int, dot: float) -> float | None:
        """How alike amounts i and j are, or None when they cannot be one figure."""
        keyed = key[1] is not None
        (pi, fi), (pj, fj) = self.facts[i], self.facts[j]
        if pi == pj or (fi.get("moment") and fj.get("moment") and fi["moment"] != fj["moment"]):
            return None
        if not _coherent_pair(fi["value"], fj["value"]):
            # figures of other magnitudes never make one slot: no link to steal a better one
            return None
        if _counted(key[0]) and not keyed and _other_acts(fi, fj):
            return None  # 'hold 240 seats' / 'lost 60 seats': counts of one noun in two acts
        counted = _counted(key[0])
        shared = set(fi.get("context") or ()) & set(fj.get("context") or ())
        if not (keyed or counted) and len(shared) < MONEY_SHARED:
            return None
        if (
            not keyed
            and not dot
            and (
                self.per_article[(pi, key)] > 1
                or self.per_article[(pj, key)] > 1
                or not _distinctive(fi, fj)
            )
        ):
            # nothing in common but the noun: only one large count of it on each side will do
            return None
        score = _score(dot / (self.weight[i] * self.weight[j]), fi["value"], fj["value"], counted)
        small = max(fi["value"].get("number") or 0, fj["value"].get("number") or 0) < SMALL_COUNT
        threshold = (
            KEYED_SIMILARITY if keyed else SIMILARITY if small or not counted else NOUN_SIMILARITY
        )
        return None if score < threshold else score


def _other_acts(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two counts hang on different verbs and are not one figure told twice (sizes
    within :data:`MAGNITUDE_RATIO`): 'at least 240 seats' held, 'nearly 60 seats' lost."""
    if not (a.get("event") and b.get("event")) or a["event"] == b["event"]:
        return False
    na, nb = a["value"].get("number"), b["value"].get("number")
    return not (na and nb and max(na, nb) / min(na, nb) <= MAGNITUDE_RATIO)


def _distinctive(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when both figures are large enough to be one figure by their size alone (2,100 / 2,900
    bridges); small counts (2 games, 3 games) are too common to tie on nothing else."""
    return all((f["value"].get("number") or 0) >= DISTINCTIVE for f in (a, b))


def _coherent(values: list[dict[str, Any]]) -> bool:
    """False when one topic's figures lie orders of magnitude apart: not one slot, a chain."""
    numbers = [v["number"] for v in values if v.get("number")]
    return not numbers or max(numbers) <= SPREAD * min(numbers)


def _coherent_pair(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """:func:`_coherent` of two figures (asked for every candidate pair: no list built)."""
    na, nb = a.get("number"), b.get("number")
    if na and nb:
        return max(na, nb) <= SPREAD * min(na, nb)
    one = na or nb
    return not one or one <= SPREAD * one


def _counted(unit: str) -> bool:
    """True for counts of a noun ('bridges'), False for sums of money and shares."""
    return unit not in MONEY_UNITS and unit != "%"


def _score(cosine: float, a: dict[str, Any], b: dict[str, Any], counted: bool) -> float:
    """Context similarity, raised for figures of one magnitude, lowered for vague words.

    Two close figures of the same unit ('2.3 million voters' / '2.4 million voters') are most
    likely one figure told twice (not so for sums of money: a story has many, of every size);
    a vague word ('thousands') is weak evidence of anything.
    """
    na, nb = a.get("number"), b.get("number")
    if (
        counted
        and na
        and nb
        and max(na, nb) >= SMALL_COUNT
        and max(na, nb) / min(na, nb) <= MAGNITUDE_RATIO
    ):
        cosine += MAGNITUDE_BONUS
    if a.get("hedge") == "vague" or b.get("hedge") == "vague":
        cosine *= 0.5
    return cosine


def context_counts(facts: list[tuple[str, dict[str, Any]]]) -> dict[str, int]:
    """How many amounts each context lemma is near (what its idf weight is made of)."""
    # a plain dict: marshal (the pipe from a forked process) takes no subclass
    return dict(Counter(lemma for _, fact in facts for lemma in set(fact.get("context") or ())))


def _amount_parts(
    facts: list[tuple[str, dict[str, Any]]],
    units: set[str] | None = None,
    df: dict[str, int] | None = None,
) -> list[tuple[int, str, dict[str, Any]]]:
    """The amount topics (of ``units`` only, when given) as (first fact index, unit, topic),
    in order of their first fact: a topic never mixes units, so the topics of some units
    and those of the others merge by that index into the topics of all."""
    groups = _components(len(facts), _amount_links(facts, units, df))
    found = []
    for members in groups:
        by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for i in members:
            by_path[facts[i][0]].append(facts[i][1])
        if (
            len(by_path) < 2
            or max(len(v) for v in by_path.values()) > 2
            or not _coherent([facts[i][1]["value"] for i in members])
        ):
            # a chain through many figures of one source, or of every size, is no single slot
            continue
        paths = sorted(by_path)
        relations = []
        for x, pa in enumerate(paths):
            for pb in paths[x + 1 :]:
                pair = [relation(a["value"], b["value"]) for a in by_path[pa] for b in by_path[pb]]
                relations.append(
                    "agree"
                    if "agree" in pair
                    else "variation"
                    if "variation" in pair
                    else "conflict"
                )
        if all(r == "agree" for r in relations):
            continue
        chosen = [(p, f) for p in paths for f in sorted(by_path[p], key=lambda f: f["start"])]
        sample = chosen[0][1]
        topic = {
            "topic": _amount_question(sample, [f for _, f in chosen]),
            "kind": "number",
            "severity": "conflict" if "conflict" in relations else "variation",
            "summary": " / ".join(
                dict.fromkeys(describe_amount(f["value"], f["unit"]) for _, f in chosen)
            )
            + ", by source",
            "claims": [_out(p, f) for p, f in chosen],
        }
        found.append((members[0], sample["unit"], topic))
    return found


def _amount_question(sample: dict[str, Any], facts: list[dict[str, Any]]) -> str:
    """A readable question for an amount's slot ('How many pages is the report?')."""
    from dossier.claims.compare import plural

    unit, head = sample["unit"], sample.get("head")
    shared = set.intersection(*(set(f.get("context") or ()) for f in facts)) - {head}
    nouns = sample.get("nouns") or {}
    named = [word for lemma, word in nouns.items() if lemma in shared]
    about = " ".join(named[:4]) if named else ", ".join(sorted(shared)[:3])
    if unit == "age":
        return f"How old is {sample.get('head_name') or (head or '').title()}?"
    if unit == "duration":
        return f"How long was the {head}?" if head else f"How long ({about})?"
    if head:
        return f"How many {plural(unit)} is the {head}?"
    if unit in MONEY_UNITS:
        return f"How much money ({about})?" if about else "How much money?"
    if unit == "%":
        return f"What share ({about})?" if about else "What share?"
    return f"How many {plural(unit)} ({about})?" if about else f"How many {plural(unit)}?"


# -- quotations ---------------------------------------------------------------------------------
def words_of(quote: str) -> list[str]:
    """A quotation's words for comparison: lower case, "n't" as 'not', no punctuation; the words
    of an editor's bracketed insertion marked with :data:`EDITORIAL` ('pay [for] it')."""
    # Letters an editor changed inside a word ('[W]e', 'do[es]') leave the word the speaker's.
    text = re.sub(r"\[(\w{1,3})\](?=\w)|(?<=\w)\[(\w{1,3})\]", r"\1\2", quote)
    text = re.sub(r"(?<=[A-Za-z])\.(?=[A-Za-z])", "", text)  # 'F.B.I.' = 'FBI'
    text = text.lower().replace("\u2019", "'").replace("n't", " not").replace("can not", "cannot")
    text = text.replace("...", " \u2026 ").replace("&", " and ")
    words = []
    for inserted, plain in re.findall(r"([(\[][^)\]]*[)\]])|([^(\[]+)", text):
        found = re.findall(r"[a-z0-9*]+(?:'[a-z]+)?|\u2026", inserted or plain)
        words += [EDITORIAL + w if inserted and w != ELLIPSIS else w for w in found]
    return words


def _same_word(x: str, y: str) -> bool:
    """One word, also when a source masked its letters ('f***ing' / 'fucking')."""
    if x == y:
        return True
    masked, other = (x, y) if "*" in x else (y, x)
    shown = masked.split("*")[0]
    return "*" in masked and bool(shown) and other.startswith(shown) and len(other) > len(shown)


def plain_words(words: list[str]) -> list[str]:
    """A quotation's words without the marks of an editor's insertions."""
    return [w.removeprefix(EDITORIAL) for w in words]


def quote_relation(a: list[str], b: list[str]) -> str | None:
    """``agree`` (same words, or one an excerpt of the other), ``variation`` (the same passage
    with words added, dropped or changed inside it) or None (not the same passage).

    Words left out where a source marks the cut with an ellipsis are an excerpt, not a change;
    an editor's insertion ('pay [for] it') and a masked word ('f***ing') are not the speaker's
    wording either.
    """
    edited_a = {i for i, w in enumerate(a) if w.startswith(EDITORIAL)}
    edited_b = {j for j, w in enumerate(b) if w.startswith(EDITORIAL)}
    a, b = plain_words(a), plain_words(b)
    if [w for w in a if w != ELLIPSIS] == [w for w in b if w != ELLIPSIS]:
        return "agree"
    short = min(len([w for w in a if w != ELLIPSIS]), len([w for w in b if w != ELLIPSIS]))
    if short < 4:
        return None
    # The words two quotations share bound what any alignment of them can match: most pairs
    # that share a trigram share little else, and are let go before the costly alignment.
    if sum((Counter(a) & Counter(b)).values()) / short < QUOTE_OVERLAP:
        return None
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    matched = sum(m.size for m in blocks)
    if not blocks or max(m.size for m in blocks) < 3 or matched / short < QUOTE_OVERLAP:
        return None
    # Every word of the shorter one, in order, in the other: one passage, the other with words
    # added ('under duress' / 'under a lot of duress'), so a looser density will do.
    density = QUOTE_DENSITY_WHOLE if matched >= short >= WHOLE_WORDS else QUOTE_DENSITY
    if (
        sum(1 for m in blocks if m.size >= 2 for w in a[m.a : m.a + m.size] if w not in _FUNCTION)
        < 2
    ):
        return None  # only a stock phrase in common ('there is a lot of')
    # The shared stretch runs from the first to the last run of two words or content word in
    # common: a lone 'I' or 'the' beyond it is where an excerpt starts or stops, not a rewording.
    anchors = [m for m in blocks if m.size >= 2 or a[m.a] not in _FUNCTION]
    first, last = anchors[0], anchors[-1]
    matched = sum(m.size for m in blocks if first.a <= m.a and m.a + m.size <= last.a + last.size)
    changed = elided_a = elided_b = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        inside = (
            first.a <= i1
            and i2 <= last.a + last.size
            and first.b <= j1
            and j2 <= last.b + last.size
        )
        if tag == "equal" or not inside:
            continue
        if a[i1:i2] == [ELLIPSIS] or b[j1:j2] == [ELLIPSIS]:
            elided_a, elided_b = elided_a + i2 - i1, elided_b + j2 - j1
        elif not (
            _inserted(edited_a, i1, i2)
            or _inserted(edited_b, j1, j2)
            or _masked(a[i1:i2], b[j1:j2])
        ):
            changed += 1
    region = max(last.a + last.size - first.a - elided_a, last.b + last.size - first.b - elided_b)
    if matched / max(region, 1) < density:
        return None  # a few words in common, spread out: not one passage
    return "variation" if changed else "agree"


def one_word_relation(a: list[str], b: list[str]) -> str | None:
    """``variation`` when a short quotation is the other's words but for one word added or
    changed inside it ('I went way too far' / 'I went too far'), else None.

    Such wordings share no run of three words, so :func:`quote_relation` never links them:
    here two runs of two words or more must hold every word of the shorter quotation (at
    most :data:`SHORT_QUOTE`) but for one gap of at most :data:`GAP_WORDS` words between
    them, and the gap must hold a content word ('in a very positive way' / 'in a positive
    way' is a stock phrase's filler, not a rewording) that no editor or mask explains.
    """
    edited = {i for i, w in enumerate(a) if w.startswith(EDITORIAL)} | {
        -1 - j for j, w in enumerate(b) if w.startswith(EDITORIAL)
    }
    a, b = plain_words(a), plain_words(b)
    if ELLIPSIS in a or ELLIPSIS in b or not 4 <= min(len(a), len(b)) <= SHORT_QUOTE:
        return None
    blocks = [
        m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size
    ]
    if len(blocks) != 2 or min(m.size for m in blocks) < 2:
        return None
    first, second = blocks
    gap_a, gap_b = a[first.a + first.size : second.a], b[first.b + first.size : second.b]
    if (
        not 0 < max(len(gap_a), len(gap_b)) <= GAP_WORDS
        or first.size + second.size + len(gap_a if len(a) <= len(b) else gap_b)
        != min(len(a), len(b))
        or all(w in _FUNCTION for w in gap_a + gap_b)
        or _masked(gap_a, gap_b)
        or any(i in edited for i in range(first.a + first.size, second.a))
        or any(-1 - j in edited for j in range(first.b + first.size, second.b))
    ):
        return None
    runs = a[first.a : first.a + first.size] + a[second.a : second.a + second.size]
    return "variation" if sum(w not in _FUNCTION for w in runs) >= 2 else None


def _inserted(edited: set[int], start: int, end: int) -> bool:
    """True when the words from ``start`` to ``end`` are all an editor's insertion."""
    return start < end and all(i in edited for i in range(start, end))


def _masked(one: list[str], other: list[str]) -> bool:
    """True when two stretches are the same words, some with letters masked ('f***ing')."""
    return len(one) == len(other) > 0 and all(map(_same_word, one, other))


class QuoteRelations:
    """How pairs of quotations relate (:func:`quote_relation`, or None when the cheap
    pre-test rules them out), by the digests of their words: a pure function of the two
    quotations, so an earlier run's answers hold as long as the code does (the caller keys
    what it stores by the merge's version). Comparing the candidate pairs of every quotation
    is most of the cost of a dossier's quotes; a run that adds one article computes the
    pairs of its quotations only.
    """

    def __init__(self, known: dict[tuple[bytes, bytes], str | None] | None = None) -> None:
        self.known = known or {}
        #: The pairs this run asked about: what is worth keeping for the next.
        self.used: dict[tuple[bytes, bytes], str | None] = {}
        #: The related pairs of one list of quotations, found ahead (see :func:`related_quotes`):
        #: (that list's fingerprint, its pairs), or None.
        self.ahead: tuple[bytes, list[tuple[int, int, str]]] | None = None
        #: True when whoever found the pairs ahead kept ``used`` for the next run already.
        self.saved = False

    @staticmethod
    def digest(words: list[str]) -> bytes:
        """A short digest of a quotation's words (the key of its pairs)."""
        return hashlib.blake2b("\x1f".join(words).encode(), digest_size=12).digest()

    def relation(self, pair: tuple[bytes, bytes], compute: Callable[[], str | None]) -> str | None:
        """The stored relation of a pair of digests, or ``compute()``'s, remembered."""
        found = self.known[pair] if pair in self.known else compute()
        self.used[pair] = found
        return found


def quotes_of(claims: dict[str, list[dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """Every quotation fact of the articles, as (path, fact), in the order the topics use."""
    return [(path, f) for path, facts in claims.items() for f in facts if f.get("kind") == "quote"]


def related_quotes(
    quotes: list[tuple[str, dict[str, Any]]], relations: QuoteRelations
) -> tuple[bytes, list[tuple[int, int, str]]]:
    """The pairs of quotations from two articles that relate ('agree' or 'variation'), with
    the fingerprint of the list they index.

    Needs no entity: the merge finds them while the entities are resolved (see
    :attr:`QuoteRelations.ahead`), then only weighs who each pair is credited to.
    """
    words = _quote_words(quotes)
    digests = [relations.digest(w) for w in words]
    return _fingerprint(quotes, digests), _related_pairs(quotes, words, digests, relations)


def _quote_words(quotes: list[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    return [f.get("words") or words_of(f["value"]["quote"]) for _, f in quotes]


def _fingerprint(quotes: list[tuple[str, dict[str, Any]]], digests: list[bytes]) -> bytes:
    """What identifies a list of quotations: each one's article and words, in order."""
    paths = "\x1e".join(path for path, _ in quotes).encode()
    return hashlib.blake2b(paths + b"".join(digests), digest_size=16).digest()


def _skip_keys(words: list[str]) -> set[tuple[str, ...]]:
    """The trigrams a quotation makes with one word of a four-word run left out: one word
    added or changed in a short quotation ('I went way too far' / 'I went too far') leaves
    the two wordings no trigram in common, but one of these."""
    content = [w not in _FUNCTION for w in words]
    runs = list(
        zip(
            words,
            words[1:],
            words[2:],
            words[3:],
            content,
            content[1:],
            content[2:],
            content[3:],
            strict=False,
        )
    )
    # keys of mostly function words: too many quotations share them to tell anything
    keys: set[tuple[str, ...]] = {
        (w0, w2, w3) for w0, _, w2, w3, c0, _, c2, c3 in runs if c0 + c2 + c3 >= 2
    }
    keys.update((w0, w1, w3) for w0, w1, _, w3, c0, c1, _, c3 in runs if c0 + c1 + c3 >= 2)
    return keys


def _skip_pairs(
    plain: list[list[str]], postings: dict[tuple[str, ...], list[int]]
) -> Iterator[tuple[int, int]]:
    """Pairs of quotations (i < j), one of them short (:data:`SHORT_QUOTE`), where one's
    trigram with a word left out (:func:`_skip_keys`) is a trigram or such a key of the other.

    Only the short quotations' keys are indexed; a long one's keys are looked up in them."""
    short_keys = {i: _skip_keys(w) for i, w in enumerate(plain) if len(w) <= SHORT_QUOTE}
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, keys in short_keys.items():
        for key in keys:
            by_key[key].append(i)
    for i, w in enumerate(plain):
        short = i in short_keys
        for key in short_keys[i] if short else _skip_keys(w):
            grams = postings.get(key, ())
            shorts = by_key.get(key, ())
            if not grams and len(shorts) < 1 + short:
                continue  # most keys: this quotation's alone
            if len(grams) + len(shorts) > STOCK_PHRASE:
                continue
            for j in shorts if not short else (*grams, *shorts):
                if j != i:
                    yield (i, j) if i < j else (j, i)
            if not short:  # a long quotation's key as a short one's trigram
                for j in grams:
                    if j in short_keys:
                        yield (i, j) if i < j else (j, i)


def _related_pairs(
    quotes: list[tuple[str, dict[str, Any]]],
    words: list[list[str]],
    digests: list[bytes],
    relations: QuoteRelations,
) -> list[tuple[int, int, str]]:
    """(i, j, relation) for each candidate pair (sharing a rare three-word run, or one with
    a word left out: :func:`_skip_pairs`) that relates."""
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    plain = [plain_words(w) for w in words]
    for i, w in enumerate(plain):
        for gram in {tuple(w[k : k + 3]) for k in range(len(w) - 2)}:
            if not set(gram) <= _STOP:
                postings[gram].append(i)
    seen: set[tuple[int, int]] = set()
    related: list[tuple[int, int, str]] = []
    prefilter: list[Callable[[int, int], bool]] = []

    def compare(i: int, j: int) -> str | None:
        if not prefilter:  # counts every quotation's words: only when some pair is new
            prefilter.append(_relation_prefilter(plain))
        return quote_relation(words[i], words[j]) if prefilter[0](i, j) else None

    paths = [path for path, _ in quotes]
    # QuoteRelations.relation, inlined: most pairs are known, and this loop is most of the cost
    known, used = relations.known, relations.used
    for ids in postings.values():
        if len(ids) > STOCK_PHRASE:
            continue
        for x, i in enumerate(ids):
            path, digest = paths[i], digests[i]
            for j in ids[x + 1 :]:
                if paths[j] == path or (i, j) in seen:
                    continue
                seen.add((i, j))
                pair = (digest, digests[j])
                relation = used[pair] = known[pair] if pair in known else compare(i, j)
                if relation == "variation" or relation == "agree":
                    related.append((i, j, relation))
    for i, j in _skip_pairs(plain, postings):
        if paths[i] == paths[j] or (i, j) in seen:
            continue
        seen.add((i, j))
        # kept apart from the trigram pairs' answers: another question
        pair = (digests[i], digests[j] + SKIPPED)
        if relations.relation(pair, partial(one_word_relation, words[i], words[j])):
            related.append((i, j, "variation"))
    return related


def _quote_links(
    quotes: list[tuple[str, dict[str, Any]]], relations: QuoteRelations
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs of quotations worded differently, and pairs of the same words credited to two
    people."""
    words = _quote_words(quotes)
    digests = [relations.digest(w) for w in words]
    ahead = relations.ahead
    if ahead is not None and ahead[0] == _fingerprint(quotes, digests):
        related = ahead[1]  # found while the entities were resolved, from these quotations
    else:
        relations.saved = False  # the pairs asked now are this run's to keep
        related = _related_pairs(quotes, words, digests, relations)
    links, credits = [], []
    for i, j, kind in related:
        if kind == "variation" and not _credited_apart(
            quotes[i][1], quotes[j][1], words[i], words[j], 0
        ):
            links.append((i, j))  # two people's words alike are two passages, not one reworded
        elif (
            kind == "agree"
            and _credited_apart(quotes[i][1], quotes[j][1], words[i], words[j])
            and _all_words_shared(words[i], words[j])
        ):
            credits.append((i, j))
    return links, credits


def _all_words_shared(a: list[str], b: list[str]) -> bool:
    """True when every word of the shorter quotation is in the other, in order: only then are
    they the same words credited twice ('I'm not going to pay' is not in 'we are not going to
    pay': two people's words alike)."""
    a, b = ([w for w in plain_words(ws) if w != ELLIPSIS] for ws in (a, b))
    short, long = sorted((a, b), key=len)
    blocks = SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks) == len(short)


def _relation_prefilter(words: list[list[str]]) -> Callable[[int, int], bool]:
    """A cheap test, per pair of quotations, that is False only where :func:`quote_relation`
    returns None at its word-count checks: each quotation's words are counted once, not once
    per pair (on large dossiers most candidate pairs stop there)."""
    plain = [[w for w in ws if w != ELLIPSIS] for ws in words]
    counts = [Counter(ws) for ws in words]
    kinds = [set(c) for c in counts]

    def may_relate(i: int, j: int) -> bool:
        if plain[i] == plain[j]:
            return True
        short = min(len(plain[i]), len(plain[j]))
        if short < 4:
            return False
        a, b = counts[i], counts[j]
        shared = sum(min(a[w], b[w]) for w in kinds[i] & kinds[j])
        return shared / short >= QUOTE_OVERLAP

    return may_relate


def _credited_apart(
    a: dict[str, Any], b: dict[str, Any], wa: list[str], wb: list[str], least: int = CREDIT_WORDS
) -> bool:
    """True when two quotations (``least`` words or more) are credited to two different entities."""
    if not (
        a.get("speaker")
        and b.get("speaker")
        and a["speaker"] != b["speaker"]
        and min(len(wa), len(wb)) >= least
    ):
        return False
    # Two entities whose names could be one person's ('Clinton' / 'Hillary Clinton') are not
    # two speakers: the split may be the entity resolution's, not the sources'.
    return name_relation(a.get("speaker_name") or "", b.get("speaker_name") or "") is None


def _quote_topics(
    quotes: list[tuple[str, dict[str, Any]]], relations: QuoteRelations | None = None
) -> list[dict[str, Any]]:
    links, credits = _quote_links(quotes, relations or QuoteRelations())
    found = _credit_topics(quotes, credits)
    for members in _components(len(quotes), links):
        chosen = sorted((quotes[i] for i in members), key=lambda pf: (pf[0], pf[1]["start"]))
        if len({p for p, _ in chosen}) < 2:
            continue
        speakers = Counter(
            f.get("speaker_name") or f["attribution"]
            for _, f in chosen
            if f.get("attribution")
            and f["attribution"][:1].isupper()
            and f["attribution"].lower() not in _PRONOUNS
        )
        who = speakers.most_common(1)[0][0] if speakers else None
        shortest = min((f["value"]["quote"] for _, f in chosen), key=len)
        opening = " ".join(shortest.split()[:8])
        found.append(
            {
                "topic": f"What exactly did {who} say: “{opening}…”?"
                if who
                else f"Exact wording of “{opening}…”",
                "kind": "quote",
                "severity": "variation",
                "summary": _wording_summary([f["value"]["quote"] for _, f in chosen]),
                "claims": [_out(p, f) for p, f in chosen],
            }
        )
    return found


def _credit_topics(
    quotes: list[tuple[str, dict[str, Any]]], credits: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    """'Who said it?': the same words credited to different people by different sources."""
    found = []
    for members in _components(len(quotes), credits):
        chosen = sorted((quotes[i] for i in members), key=lambda pf: (pf[0], pf[1]["start"]))
        names = list(
            dict.fromkeys(
                f.get("speaker_name") or f["attribution"] for _, f in chosen if f.get("speaker")
            )
        )
        opening = " ".join(min((f["value"]["quote"] for _, f in chosen), key=len).split()[:8])
        found.append(
            {
                "topic": f"Who said “{opening}…”?",
                "kind": "attribution",
                "severity": "variation",
                "summary": " / ".join(names),
                "claims": [_out(p, f) for p, f in chosen],
            }
        )
    return found


# -- who holds a role -----------------------------------------------------------------------------
#: How alike two given names must be to be one name told two ways ('Teresa' / 'Tess').
NAME_LIKENESS = 60


#: Common English given names and their familiar forms that share no first letters.
NICKNAMES = {
    "robert": {"bob", "bobby", "rob", "robbie"},
    "william": {"bill", "billy", "will", "willie"},
    "richard": {"dick", "rick", "ricky", "rich"},
    "eleanor": {"nell", "nellie"},
    "elizabeth": {"liz", "beth", "betsy", "betty", "lizzie", "eliza"},
    "edward": {"ted", "ed", "eddie", "ned"},
    "john": {"jack", "johnny"},
    "james": {"jim", "jimmy", "jamie"},
    "charles": {"chuck", "charlie"},
    "henry": {"hank", "harry"},
    "theodore": {"ted", "teddy"},
    "katherine": {"kate", "kathy", "katie", "kay"},
    "catherine": {"kate", "cathy", "katie"},
    "anthony": {"tony"},
    "joseph": {"joe", "joey"},
    "patricia": {"pat", "patty", "trish"},
    "susan": {"sue", "suzy"},
    "deborah": {"debbie", "deb"},
    "rebecca": {"becky"},
    "michael": {"mike", "mikey"},
    "thomas": {"tom", "tommy"},
    "christopher": {"chris"},
    "nicholas": {"nick"},
    "alexander": {"alex", "sasha"},
    "mary": {"molly", "polly"},
    "lawrence": {"larry"},
    "daniel": {"dan", "danny"},
    "benjamin": {"ben"},
    "samuel": {"sam"},
    "steven": {"steve"},
    "stephen": {"steve"},
    "matthew": {"matt"},
    "gregory": {"greg"},
    "jennifer": {"jen", "jenny"},
    "barbara": {"barb", "babs"},
    "frederick": {"fred", "freddie"},
}


def _nickname(a: str, b: str) -> bool:
    return b in NICKNAMES.get(a, ()) or a in NICKNAMES.get(b, ())


def name_relation(a: str, b: str) -> str | None:
    """``agree`` (one name, maybe shorter or with initials), ``variation`` (the same person's name
    spelt or shortened differently: 'Katherine' / 'Kathy') or None (two different people)."""
    from rapidfuzz import fuzz

    from dossier.claims.compare import _name_words

    x, y = _name_words(a), _name_words(b)
    if not x or not y:
        return None
    if set(x) <= set(y) or set(y) <= set(x):
        return "agree"
    if len(x) > 1 and len(y) > 1 and x[-1] != y[-1]:
        return None  # other surnames: other people
    first_x, first_y = x[0], y[0]
    alike = (
        first_x[:3] == first_y[:3]
        or fuzz.ratio(first_x, first_y) >= NAME_LIKENESS
        or _nickname(first_x, first_y)
    )
    return "variation" if alike else None


def _role_topics(roles: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, (_, fact) in enumerate(roles):
        blocks[fact["unit"]].append(i)
    links = []
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                (pi, fi), (pj, fj) = roles[i], roles[j]
                if pi == pj or (fi.get("owner") and fj.get("owner") and fi["owner"] != fj["owner"]):
                    continue
                if name_relation(fi["value"]["name"], fj["value"]["name"]) == "variation":
                    links.append((i, j))
    found = []
    for members in _components(len(roles), links):
        chosen = sorted((roles[i] for i in members), key=lambda pf: (pf[0], pf[1]["start"]))
        owner = next(
            (f.get("owner_name") or f["owner"].title() for _, f in chosen if f.get("owner")), None
        )
        role = chosen[0][1]["unit"]
        whose = f"{owner}'s {role}" if owner else f"the {role}"
        found.append(
            {
                "topic": f"What is the name of {whose}?",
                "kind": "name",
                "severity": "variation",
                "summary": " / ".join(dict.fromkeys(f["value"]["name"] for _, f in chosen)),
                "claims": [_out(p, f) for p, f in chosen],
            }
        )
    return found


# -- what came first -------------------------------------------------------------------------------
def _sequence_topics(facts: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Two events in one order by one source and the other order by another.

    Reported as a variation: the small model's reading of 'after' and 'triggered' is good
    enough to point a reader at the two sentences, not to call one of them wrong.
    """
    by_events: dict[frozenset[str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for path, fact in facts:
        value = fact["value"]
        if value["before"] != value["after"]:
            by_events[frozenset((value["before"], value["after"]))].append((path, fact))
    found = []
    for members in by_events.values():
        orders: dict[tuple[str, str], set[str]] = defaultdict(set)
        for path, fact in members:
            orders[(fact["value"]["before"], fact["value"]["after"])].add(path)
        if len(orders) < 2 or len(set.union(*orders.values())) < 2:
            continue
        chosen = sorted(members, key=lambda pf: (pf[0], pf[1]["start"]))
        sample = chosen[0][1]
        first, then = (
            sample["words"].get(sample["value"][k], sample["value"][k]) for k in ("before", "after")
        )
        found.append(
            {
                "topic": f"Which came first: “{first}” or “{then}”?",
                "kind": "sequence",
                "severity": "variation",
                "summary": " / ".join(f"{b} before {a}" for b, a in orders),
                "claims": [_out(p, f) for p, f in chosen],
            }
        )
    return found


# -- shared ---------------------------------------------------------------------------------------
def _wording_summary(quotes: list[str], around: int = 3) -> str:
    """Where the wordings part: '“…old bridge or a new one…” / “…old bridge or new one…”'."""
    first = quotes[0].split()
    shown = []
    for other in quotes[1:]:
        words = other.split()
        folded = SequenceMatcher(
            None,
            [w.lower().strip('.,;:!?"“”') for w in first],
            [w.lower().strip('.,;:!?"“”') for w in words],
            autojunk=False,
        )
        ops = folded.get_opcodes()
        # words only one side has before or after the shared stretch are where an excerpt
        # starts or stops: show the first change inside it
        inner = [op for k, op in enumerate(ops) if op[0] != "equal" and 0 < k < len(ops) - 1]
        change = inner[0] if inner else next((op for op in ops if op[0] != "equal"), None)
        if change is None:
            continue
        _, i1, i2, j1, j2 = change
        for seq, lo, hi in ((first, i1, i2), (words, j1, j2)):
            piece = " ".join(seq[max(0, lo - around) : hi + around])
            shown.append(
                ("…" if lo > around else "") + piece + ("…" if hi + around < len(seq) else "")
            )
    return " / ".join(f"“{piece}”" for piece in dict.fromkeys(shown)) or f"{len(quotes)} wordings"


def _components(size: int, links: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(size):
        groups[root(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


def _out(path: str, fact: dict[str, Any]) -> dict[str, Any]:
    value = fact.get("value")
    if fact.get("kind") == "quantity":
        value = {
            k: v for k, v in {**(value or {}), "unit": fact["unit"]}.items() if k != "unit_word"
        }
    return {
        "path": path,
        "quote": fact["quote"],
        "start": fact["quote_start"],
        "end": fact["quote_end"],
        "value": value,
        "value_text": fact.get("value_text"),
        "polarity": fact.get("polarity", "affirms"),
        "modality": "asserted",
        "attribution": fact.get("attribution"),
        "subject": fact.get("head_name") or fact.get("head") or fact.get("unit") or None,
        "speaker": fact.get("speaker"),
        "predicate": fact.get("event"),
    }
