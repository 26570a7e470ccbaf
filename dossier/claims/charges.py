"""What someone pleaded guilty to: the charge each source names.

Per article, :func:`plea_facts` reads 'Smith pleaded guilty to conspiracy', 'pleaded guilty
on Monday to one felony fraud count' and 'Smith's guilty plea was to a bribery charge' as a
``plea`` fact: who pleaded (a name's last word; 'he' or 'she' is the person of the article's
previous plea) and the charge's own words ('conspiracy', 'fraud'), with the generic words of a
charge ('count', 'felony', 'one') left out. A charge told as a clause ('to charges that he
spent ...', 'to using funds') names no offence and gives no fact.

Per dossier, :func:`plea_topics` reports one person's plea named with charges that share no
word across sources ('conspiracy' / 'fraud'): a variation, as one plea can cover both.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dossier.nlp import doc_ents

#: Words of a charge that do not name the offence.
GENERIC = {
    "charge",
    "count",
    "felony",
    "misdemeanor",
    "one",
    "two",
    "single",
    "federal",
    "state",
    "criminal",
    "offense",
    "offence",
    "crime",
    "guilty",
    "plea",
    "accusation",
}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def plea_facts(doc) -> list[dict[str, Any]]:
    """Plea facts of one parsed article (see the module's docstring)."""
    facts: list[dict[str, Any]] = []
    last_named = None
    for token in doc:
        found = _plea(token)
        if found is None:
            continue
        who, charge = found
        person = _person_key(who) if who is not None else None
        if person is None and who is not None and who.lower_ in ("he", "she"):
            person = last_named
        elif person is not None:
            last_named = person
        words = _charge_words(charge) if charge is not None else []
        if person is None or not words:
            continue
        sent = token.sent
        facts.append(
            {
                "kind": "plea",
                "event": "plead",
                "subject": person,
                "value": {"charge": " ".join(words)},
                "value_text": " ".join(words),
                "words": words,
                "polarity": "affirms",
                "attribution": None,
                "start": charge.idx,
                "end": charge.idx + len(charge.text),
                "quote_start": sent.start_char,
                "quote_end": sent.end_char,
            }
        )
    return facts


def _plea(token):
    """(who, charge noun) of 'X pleaded guilty (...) to C' or 'X's guilty plea was to C'."""
    if (
        token.lemma_.lower() == "plead"
        and token.pos_ == "VERB"
        and any(c.lower_ == "guilty" for c in token.children)
    ):
        if any(c.dep_ == "neg" for c in token.children):
            return None
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        return (subjects[0] if subjects else None), _to_object(token)
    if token.lemma_.lower() == "plea" and any(c.lower_ == "guilty" for c in token.children):
        owners = [c for c in token.children if c.dep_ == "poss"]
        if owners and token.dep_ == "nsubj" and token.head.lemma_.lower() == "be":
            return owners[0], _to_object(token.head)
    return None


def _to_object(verb):
    # 'pleaded guilty to X': the small model hangs 'to X' on the verb or on 'guilty'
    guilty = [c for c in verb.children if c.lower_ == "guilty"]
    for prep in [*verb.children, *(c for g in guilty for c in g.children)]:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def _person_key(token) -> str | None:
    """A named person's key: the last word of the name, suffixes aside ('Lopez Jr.' -> 'lopez').

    The name is the person entity around the token or, as the small model often types an
    unfamiliar surname as an organisation, the proper nouns of the token's phrase.
    """
    ent = next(
        (e for e in doc_ents(token.doc) if e.start <= token.i < e.end and e.label_ == "PERSON"),
        None,
    )
    if ent is not None:
        names = ent.text.split()
    elif token.pos_ == "PROPN":
        names = [
            t.text
            for t in token.subtree
            if t.pos_ == "PROPN" and (t is token or t.dep_ == "compound")
        ]
    else:
        return None
    words = [w.lower().replace("\u2019s", "").replace("'s", "").strip(",") for w in names]
    words = [w for w in words if w and w not in _SUFFIXES]
    return words[-1] if words else None


def _charge_words(noun) -> list[str]:
    """The words that name an offence: 'conspiracy', 'felony fraud count' -> ['fraud']."""
    if noun.pos_ != "NOUN" or any(c.dep_ in ("acl", "relcl", "ccomp") for c in noun.children):
        return []  # a clause ('charges that he spent ...') tells what was done, not the charge
    words = [
        c for c in noun.children if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")
    ] + [noun]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            words += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    return sorted({w.lemma_.lower() for w in words} - GENERIC)


def plea_topics(facts: list[tuple[str, dict[str, Any]]], out) -> list[dict[str, Any]]:
    """'What did Smith plead guilty to?': charges with no word in common across sources.

    Args:
        facts: (article path, plea fact) pairs of every article.
        out: turns (path, fact) into a discrepancy's claim (CONTRACT.md shape).
    """
    by_person: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for path, fact in facts:
        by_person[fact["subject"]][path].append(fact)
    found = []
    for person, by_path in by_person.items():
        told = {path: set().union(*(f["words"] for f in pleas)) for path, pleas in by_path.items()}
        paths = sorted(told)
        apart = any(not told[a] & told[b] for x, a in enumerate(paths) for b in paths[x + 1 :])
        if len(paths) < 2 or not apart:
            continue
        chosen = [(p, f) for p in paths for f in by_path[p]]
        found.append(
            {
                "topic": f"What did {person.title()} plead guilty to?",
                "kind": "charge",
                "severity": "variation",
                "summary": " / ".join(dict.fromkeys(f["value_text"] for _, f in chosen))
                + ", by source",
                "claims": [out(p, f) for p, f in chosen],
            }
        )
    return found
