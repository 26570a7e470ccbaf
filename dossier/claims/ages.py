"""Ages given as a decade of life ('a man in his 50s'), for the person they describe.

Per article, :func:`decade_age_facts` reads 'in his 50s' / 'in her early 40s' as an age
``quantity`` fact (the years the phrase allows) about the subject it describes: a named
person ('Tom Reyes was in his 30s', 'the driver, Tom Reyes, a man in his 30s'), or a role
the article gives one named person ('the suspect is a white male in his 50s', where the
article 'identified the suspect as Cesar Ruiz' or wrote 'the suspect, Cesar Ruiz,'). A
role the article gives to nobody or to several people stays unresolved: no fact.

The facts join the other ages of the dossier ('Ruiz, 56,'): one person's ages that differ
are a ``number`` topic ('How old is …?'), a variation when the decade holds the other age.
"""

from __future__ import annotations

import re
from typing import Any

#: 'in his 50s', "in her 40's".
_DECADE = re.compile(r"^([1-9]0)'?s$")
#: Where in the decade: (first year, last year) after the decade's start.
_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
_POSSESSIVES = {"his", "her", "their"}


def decade_age_facts(doc) -> list[dict[str, Any]]:
    """Age facts of one parsed article from 'in his 50s'-style phrases."""
    facts = []
    for token in doc:
        match = _DECADE.match(token.text)
        if not match or token.dep_ != "pobj" or token.head.lower_ != "in":
            continue
        children = list(token.children)
        if not any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in children):
            continue
        part = next((_PART[c.lower_] for c in children if c.lower_ in _PART), (0, 9))
        decade = int(match.group(1))
        name = _described(token.head)
        if name is None:
            continue
        first, last = name
        start = token.head.idx
        end = token.idx + len(token.text)
        sent = token.sent
        facts.append(
            {
                "kind": "quantity",
                "event": None,
                "subject": "age",
                "unit": "age",
                "head": doc[last].lower_,
                "head_span": (doc[first].idx, doc[last].idx + len(doc[last].text)),
                "value": {
                    "min": decade + part[0],
                    "max": decade + part[1],
                    "approx": True,
                    "hedge": "decade",
                    "number": None,
                    "text": doc[token.head.i : token.i + 1].text,
                },
                "value_text": doc[token.head.i : token.i + 1].text,
                "context": [],
                "nouns": {},
                "moment": None,
                "polarity": "affirms",
                "attribution": None,
                "start": start,
                "end": end,
                "quote_start": sent.start_char,
                "quote_end": sent.end_char,
            }
        )
    return facts


def _described(prep) -> tuple[int, int] | None:
    """The (first, last) token indexes of the name of the person an 'in his 50s' describes."""
    head = prep.head
    if head.pos_ in ("AUX", "VERB"):
        subject = _subject(head)  # 'Reyes was in his 30s'
    elif head.dep_ == "attr" and head.head.pos_ in ("AUX", "VERB"):
        subject = _subject(head.head)  # 'the suspect is a white male in his 50s'
    elif head.dep_ == "appos":
        subject = head.head  # 'the gunman, a man in his 40s,'
    else:
        subject = head
    if subject is None:
        return None
    return _name_of(subject) or named_as(subject)


def _subject(verb):
    """A verb's subject; for 'who' in a relative clause, the noun the clause is on."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if found and found[0].lower_ in ("who", "that") and verb.dep_ == "relcl":
        return verb.head  # 'Tom Reyes, who is in his 60s'
    return found[0] if found else None


def _name_of(token) -> tuple[int, int] | None:
    """A proper name at the token ('Reyes'), or set beside it ('the driver, Tom Reyes,')."""
    if token.pos_ == "PROPN":
        return _name_span(token)
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return _name_span(child)
    return None


def _name_span(token) -> tuple[int, int]:
    """A name's first and last token: the proper nouns compounded onto its head."""
    first = token.i
    for child in token.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i < first:
            first = child.i
    return first, token.i


def named_as(subject) -> tuple[int, int] | None:
    """The one person the article names for a role ('the suspect'): 'identified the suspect
    as Cesar Ruiz', 'the suspect, Cesar Ruiz,' or 'Cesar Ruiz, the suspect,'."""
    if subject.pos_ != "NOUN" or not any(c.lower_ == "the" for c in subject.children):
        return None
    role = subject.lemma_.lower()
    names: dict[str, tuple[int, int]] = {}
    for token in subject.doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() != role:
            continue
        found = _name_of(token) if token.pos_ == "NOUN" else None
        if token.dep_ == "appos" and token.head.pos_ == "PROPN":
            found = _name_span(token.head)
        if found is None and token.dep_ == "dobj":
            found = next(
                (
                    _name_span(pobj)
                    for prep in token.head.children
                    if prep.dep_ == "prep" and prep.lower_ == "as"
                    for pobj in prep.children
                    if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN"
                ),
                None,
            )
        if found is not None:
            names[subject.doc[found[1]].lower_] = found
    return next(iter(names.values())) if len(names) == 1 else None
