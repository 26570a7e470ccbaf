"""Typed facts from every sentence of one parsed article: amounts and quotations.

Unlike :mod:`dossier.claims.frames` (fixed event frames), nothing here depends on a list of
events: any amount with a unit or a counted noun and any quotation becomes a fact, plain JSON
cached with the article's analysis:

- ``quantity``: ``value`` (:func:`quantities.parse_amount`), ``unit`` ('$', '%', a counted
  noun's lemma, or 'duration' with the value in days), ``head`` (the noun a compound amount
  describes: the 'report' of '112-page report'), ``predicate`` (the governing verb),
  ``context`` (content lemmas near the amount, cut at the neighbouring amounts of a list) and
  ``moment`` (an explicit date or time next to it, if any).
- ``quote``: ``value`` {"quote": the quoted words}, ``speaker`` (who the sentence says spoke),
  ``verb`` (the speech verb).

Every fact carries ``quote``/``quote_start``/``quote_end``: the sentence it comes from.
"""

from __future__ import annotations

import re
from typing import Any

from dossier.claims.accounts import account_facts
from dossier.claims.ages import decade_age_facts, named_as
from dossier.claims.align import EDITORIAL
from dossier.claims.charges import plea_facts
from dossier.claims.quantities import DURATION_DAYS, currency_of, parse_amount, parse_duration_word
from dossier.claims.residence import residence_facts
from dossier.claims.times import span_facts, time_facts
from dossier.nlp import doc_ents, doc_text, span_ents

#: Entity labels whose spans are amounts worth comparing.
_AMOUNT_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
#: Words of a window that tell nothing about what an amount is about.
_WEAK = {
    "say",
    "be",
    "have",
    "do",
    "also",
    "more",
    "than",
    "least",
    "about",
    "over",
    "up",
    "percent",
    "dollar",
    "million",
    "billion",
    "thousand",
}
#: How many tokens on each side of an amount form its context.
WINDOW = 8
SPEECH_VERBS = {
    "say",
    "tell",
    "add",
    "state",
    "write",
    "declare",
    "insist",
    "argue",
    "ask",
    "reply",
    "respond",
    "explain",
    "call",
    "describe",
    "assert",
    "claim",
    "warn",
    "note",
    "announce",
    "admit",
    "acknowledge",
    "quip",
    "recall",
    "testify",
    "tweet",
    "post",
    "suggest",
    "conclude",
    "continue",
    "complain",
}
#: A quotation: an opening mark after a space or a bracket (or at the start), a closing mark
#: before a space or punctuation, so a stray mark does not turn narration into a 'quote'.
_QUOTE_RE = re.compile(
    r"(?:^|(?<=[\s(\[\u2014-]))[\"\u201c](?=\S)([^\"\u201c\u201d]{3,}?)(?<=\S)[\"\u201d](?=[\s.,;:!?)\]\u2014-]|$)"
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def extract_facts(doc, covered: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
    """Quantity and quote facts of one parsed article.

    Args:
        doc: the spaCy Doc.
        covered: character spans already claimed by an event frame (their counts are not
            repeated here).
    """
    covered = covered or []
    facts: list[dict[str, Any]] = []
    for sent in doc.sents:
        amounts = [
            a for a in _amounts(doc, sent) if not any(s <= a["start"] < e for s, e in covered)
        ]
        bounds = sorted((a["tok_start"], a["tok_end"]) for a in amounts)
        for amount in amounts:
            facts.append(_quantity_fact(doc, sent, amount, bounds))
    facts += _quote_facts(doc)
    facts += _role_facts(doc)
    facts += _sequence_facts(doc)
    facts += time_facts(doc, SPEECH_VERBS)
    facts += span_facts(doc)
    facts += account_facts(doc)
    facts += plea_facts(doc)
    facts += residence_facts(doc)
    facts += decade_age_facts(doc)
    text = doc_text(doc)
    for fact in facts:
        fact["quote_start"], fact["quote_end"] = sentence_bounds(
            text, fact["quote_start"], fact["quote_end"]
        )
        fact["quote_start"], fact["quote_end"] = _own_paragraph(text, fact)
        fact["quote"] = text[fact["quote_start"] : fact["quote_end"]]
    return facts


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence span without what the parser glued to it from the paragraph before or after.

    The parser sometimes starts a sentence at the closing quotation mark of the previous
    paragraph ('"\n\nHe accused ...'); a quote shown to a reader starts at its first word.
    """
    span = text[start:end]
    head, gap, rest = span.partition("\n\n")
    if gap and not any(c.isalnum() for c in head):
        start += len(head) + len(gap)
    span = text[start:end]
    rest, gap, tail = span.rpartition("\n\n")
    if gap and not any(c.isalnum() for c in tail):
        end = start + len(rest)
    span = text[start:end]
    start += len(span) - len(span.lstrip())
    end = start + len(text[start:end].rstrip())
    return start, end


def _own_paragraph(text: str, fact: dict[str, Any]) -> tuple[int, int]:
    """The fact's sentence cut to the paragraph that holds the fact: the parser sometimes runs a
    sentence on past a paragraph break ('"… on Mo."\n\n"It was a private fact …," Patrick said')."""
    start, end = fact["quote_start"], fact["quote_end"]
    own_start, own_end = fact.get("start", start), fact.get("end", end)
    if "\n\n" not in text[start:end] or not (start <= own_start <= own_end <= end):
        return start, end
    first = text.rfind("\n\n", start, own_start)
    last = text.find("\n\n", own_end, end)
    if "\n\n" in text[own_start:own_end]:
        return start, end  # the fact itself spans paragraphs
    return (first + 2 if first >= 0 else start), (last if last >= 0 else end)


# -- amounts ---------------------------------------------------------------------------------
def _amounts(doc, sent) -> list[dict[str, Any]]:
    """Amounts of one sentence with their unit: entity spans and 'N-unit' compounds."""
    found: list[dict[str, Any]] = []
    taken: set[int] = set()
    for i in range(sent.start, sent.end):
        token_found = _compound_amount(doc, sent, i) or _single_amount(doc, sent, i)
        if token_found is not None:
            amounts, used = token_found
            found += amounts
            taken.update(used)
    for ent in span_ents(sent):
        if ent.label_ not in _AMOUNT_LABELS or any(t.i in taken for t in ent):
            continue
        amount = _entity_amount(doc, sent, ent)
        if amount is not None:
            found.append(amount)
    return found


def _compound_amount(doc, sent, i: int) -> tuple[list[dict[str, Any]], range] | None:
    """'112-page report', 'three-month review', '59-year-old Smith' starting at token i.

    Returns:
        (amounts, tokens used), or None when no compound amount starts there.
    """
    if not (
        i + 2 < sent.end
        and doc[i + 1].text == "-"
        and doc[i + 2].pos_ in ("NOUN", "ADJ", "PROPN")
        and not doc[i + 1].whitespace_
        and not doc[i].whitespace_
    ):
        return None
    token = doc[i]
    value = parse_amount(token.text)
    unit_token = doc[i + 2]
    if (
        value is not None
        and i + 4 < sent.end
        and doc[i + 3].text == "-"
        and doc[i + 4].lower_ == "old"
    ):
        # '59-year-old Smith': an age, comparable only for one named person
        named = doc[i + 5] if i + 5 < sent.end and doc[i + 5].pos_ == "PROPN" else None
        amounts = []
        if named is not None and unit_token.lemma_.lower() == "year":
            amounts.append(
                {
                    **_unit_amount(token, "age", value, None, i, i + 5),
                    "head": _name_key(named),
                    "head_span": (named.idx, named.idx + len(named.text)),
                }
            )
        return amounts, range(i, i + 5)
    if value is not None and unit_token.is_alpha and not _YEAR.match(token.text):
        head = unit_token.head if unit_token.head.i > unit_token.i else None
        return [_unit_amount(token, unit_token.lemma_.lower(), value, head, i, i + 3)], range(
            i, i + 3
        )
    return None


def _single_amount(doc, sent, i: int) -> tuple[list[dict[str, Any]], range] | None:
    """An age set off by commas ('Smith, 63,') or a duration word ('decades') at token i."""
    token = doc[i]
    holder = _age_holder(doc, token, sent)
    value = parse_amount(token.text) if holder is not None else None
    if value is not None and holder is not None:
        # 'Smith, 63, said': an age, comparable only for one named person
        first, last = doc[holder[0]], doc[holder[1]]
        amount = {
            **_unit_amount(token, "age", value, None, i, i + 1),
            "head": last.text.lower(),
            "head_span": (first.idx, last.idx + len(last.text)),
        }
        return [amount], range(i, i + 1)
    long_form = parse_duration_word(token.text)
    if long_form is None:
        return None
    head = token.head if token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN") else None
    return [_unit_amount(token, long_form[0], long_form[1], head, i, i + 1)], range(i, i + 1)


def _age_holder(doc, token, sent) -> tuple[int, int] | None:
    """'Smith, 63,': a bare number set off by commas right after a person's name; or after a
    role the article gives one named person ('the gunman, 44,' where it 'identified the
    gunman as Dario Velen'). The (first, last) token of the name, else None."""
    i = token.i
    if (
        not (token.is_digit and 16 <= int(token.text) <= 110)
        or i - 2 < sent.start
        or i + 1 >= sent.end
        or doc[i - 1].text != ","
        or doc[i + 1].text not in (",", ".", ";")
    ):
        return None
    if doc[i - 2].ent_type_ == "PERSON":
        return i - 2, i - 2
    return named_as(doc[i - 2])


def _name_key(token) -> str:
    """A named person's key for an attribute: the last word of the name ('Smith')."""
    words = [t for t in token.subtree if t.pos_ == "PROPN"] or [token]
    return words[-1].text.lower()


def _unit_amount(
    token, unit: str, value: dict[str, Any], head, start: int, end: int
) -> dict[str, Any]:
    if unit in DURATION_DAYS:
        days = DURATION_DAYS[unit]
        value = {
            **value,
            **{k: (value[k] * days if value.get(k) is not None else None) for k in ("min", "max")},
        }
        value["number"] = value["number"] * days if value.get("number") is not None else None
        value["unit_word"] = unit
        unit = "duration"
    doc = token.doc
    return {
        "value": value,
        "unit": unit,
        "head": head.lemma_.lower() if head is not None else None,
        "start": doc[start].idx,
        "end": doc[end - 1].idx + len(doc[end - 1].text),
        "tok_start": start,
        "tok_end": end,
        "anchor": head if head is not None else doc[end - 1],
    }


def _entity_amount(doc, sent, ent) -> dict[str, Any] | None:
    """An entity span as an amount, with a hedge that spaCy left just before it."""
    value, start = None, ent.start
    for back in (3, 2, 1, 0):
        first = max(sent.start, ent.start - back)
        value = parse_amount(doc[first : ent.end].text)
        if value is not None:
            start = first
            break
    if value is None:
        return None
    text = ent.text.lower()
    if ent.label_ == "MONEY" or "$" in text or re.search(r"dollars?$", text):
        unit, anchor = (
            currency_of(doc[max(sent.start, ent.start - 1) : min(ent.end + 1, sent.end)].text),
            ent.root,
        )
    elif ent.label_ == "PERCENT" or "%" in text or "percent" in text:
        unit, anchor = "%", ent.root
    else:
        noun = _counted_noun(ent)
        if noun is None:
            return None
        unit, anchor = noun.lemma_.lower(), noun
        if _YEAR.match(ent.text) or unit in DURATION_DAYS or len(unit) < 3 or not unit.isalpha():
            return None
        if currency_of(unit) != "money":  # '330m euros' is a sum, like '€330m'
            unit = currency_of(unit)
    return {
        "value": value,
        "unit": unit,
        "head": None,
        "start": doc[start].idx,
        "end": ent.end_char,
        "tok_start": start,
        "tok_end": ent.end,
        "anchor": anchor,
    }


def _counted_noun(ent):
    """The noun a cardinal counts: '2.3 million voters', 'dozens of bridges'."""
    root = ent.root
    if (
        root.dep_ in ("nummod", "quantmod", "amod")
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i > root.i
    ):
        noun = _phrase_noun(root.head)
        if noun.pos_ == "NOUN":
            return noun
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objects and any(c.dep_ in ("det", "nummod", "poss") for c in objects[0].children):
                return None  # 'fifteen of the 19 passengers': a part, not the count of them
            if objects:
                return objects[0]
    # The small model misparses long names before the noun ('2,900 Acme and Bolt Co. shops'):
    # read on through the noun phrase to its first common noun.
    doc = ent.doc
    for token in doc[ent.end : min(ent.end + 10, ent.sent.end)]:
        if token.pos_ == "NOUN":
            return token
        if token.pos_ not in ("PROPN", "ADJ", "CCONJ", "PART", "PUNCT") or token.text in (
            ",",
            ".",
            ";",
            ":",
        ):
            break
    return None


def _phrase_noun(token):
    """The common noun a name or modifier belongs to: 'Acme and Bolt shops' -> 'shops'."""
    for _ in range(4):
        if token.pos_ == "NOUN" and token.dep_ != "compound":
            return token
        if token.dep_ in ("compound", "conj", "poss", "amod", "nmod") and token.head.i > token.i:
            token = token.head
        elif token.dep_ == "case":
            token = token.head.head if token.head.head.i > token.i else token.head
        else:
            break
    return token


def _quantity_fact(
    doc, sent, amount: dict[str, Any], bounds: list[tuple[int, int]]
) -> dict[str, Any]:
    start, end = amount["tok_start"], amount["tok_end"]
    previous = [e for s, e in bounds if e <= start]
    before = max(previous + [sent.start, start - WINDOW])
    if previous:
        # In a list ('$5 on tea, $9 on cake and $3 on jam') the words after an amount are its
        # own; the next amount's context starts after the separator.
        separators = [t.i for t in doc[before:start] if t.text in (",", ";", "and", "or")]
        before = separators[-1] + 1 if separators else before
    after = min([s for s, e in bounds if s >= end] + [sent.end, end + WINDOW])
    words = [
        t
        for t in doc[before:after]
        if t.is_alpha
        and len(t.text) > 2
        and not t.is_stop
        and not (start <= t.i < end)
        and t.lemma_.lower() not in _WEAK
        and t.lemma_.lower() != amount["unit"]
    ]
    context = sorted({t.lemma_.lower() for t in words})
    # The nouns as written, in order, to word a question ('Lakeside Lodge').
    names = {t.lemma_.lower(): t.text for t in words if t.pos_ in ("NOUN", "PROPN")}
    moments = sorted(
        {
            e.text.lower()
            for e in span_ents(sent)
            if e.label_ in ("DATE", "TIME")
            and before <= e.start < after
            and not (start <= e.start < end or e.start <= start < e.end)
        }
    )
    return {
        "kind": "quantity",
        "event": _predicate(amount["anchor"]),
        "subject": amount["unit"],
        "unit": amount["unit"],
        "head": amount["head"],
        "head_span": amount.get("head_span"),
        "value": amount["value"],
        "value_text": doc[start:end].text,
        "context": context,
        "nouns": names,
        "moment": moments[0] if moments else None,
        "polarity": "denies" if _negated(amount["anchor"]) else "affirms",
        "attribution": _speaker(sent),
        "start": amount["start"],
        "end": amount["end"],
        "quote_start": sent.start_char,
        "quote_end": sent.end_char,
    }


def _predicate(token) -> str | None:
    """The verb an amount belongs to (its nearest verb ancestor), as a lemma."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.dep_ != "amod":
            return ancestor.lemma_.lower()
    return None


def _negated(token) -> bool:
    for ancestor in [token, *token.ancestors][:4]:
        if any(c.dep_ == "neg" for c in ancestor.children):
            return True
        if ancestor.pos_ == "VERB":
            break
    return False


def _speaker(sent, quoted: tuple[int, int] | None = None) -> str | None:
    """Who a sentence says spoke: the subject of its speech verb ('a spokesman', 'Smith')."""
    found = speaker_span(sent, quoted)
    return doc_text(sent.doc)[found[0] : found[1]] if found else None


def speaker_span(sent, quoted: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Character offsets of the subject of a sentence's speech verb, if it has one.

    A speech verb inside ``quoted`` (character offsets of the quoted words) is the speaker's
    own, not the sentence's; of the others, the one nearest the quotation and in its paragraph
    speaks it ('"…," Smith said' after a sentence about someone else).
    """
    text = doc_text(sent.doc)
    candidates = []
    for token in sent:
        if quoted and quoted[0] <= token.idx < quoted[1]:
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
            found = _subject_span(token)
            if found is None:
                continue
            if quoted:
                lo, hi = sorted((token.idx, quoted[0] if token.idx < quoted[0] else quoted[1]))
                if "\n\n" in text[lo:hi]:
                    continue  # another paragraph
                candidates.append((hi - lo, found))
            else:
                return found
    return min(candidates)[1] if candidates else None


def _subject_span(verb) -> tuple[int, int] | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].pos_ == "PRON":
        return None
    subject = subjects[0]
    aside = {
        t.i for c in subject.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree
    }
    words = [
        t for t in subject.subtree if t.i not in aside and not (t.is_punct and t.i > subject.i)
    ]
    first, last = min(t.i for t in words), max(t.i for t in words)
    if last - first >= 8:
        return None
    span = verb.doc[first : last + 1]
    return span.start_char, span.end_char


def speaker_name_span(sent, quoted: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The name of whoever speaks: the subject itself when it is a name, or the name set beside
    it ('a lawyer, Jo Doe,'); never a name inside a phrase ('a lawyer for Smith' is not Smith)."""
    found = speaker_span(sent, quoted)
    if found is None:
        return None
    doc = sent.doc
    span = doc.char_span(found[0], found[1], alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    for token in [root] + [c for c in root.children if c.dep_ == "appos"]:
        if token.ent_type_ in ("PERSON", "ORG"):
            ent = next((e for e in doc_ents(doc) if e.start <= token.i < e.end), None)
            if ent is not None:
                return ent.start_char, ent.end_char
    return None


#: Contractions whatever the apostrophe ('we’re' and "we're" say the same).
_CONTRACTIONS = {
    "'re": "be",
    "'m": "be",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
    "n't": "not",
    "ca": "can",
    "wo": "will",
}


#: Titles and their abbreviations, as sources house-style them inside the same quotation.
TITLE_ABBREVIATIONS = {
    "gen": "general",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "capt": "captain",
    "cmdr": "commander",
    "adm": "admiral",
    "maj": "major",
    "pres": "president",
    "atty": "attorney",
    "supt": "superintendent",
    "prof": "professor",
    "dr": "doctor",
    "mt": "mount",
    "ft": "fort",
}


def quote_words(span) -> list[str]:
    """A quotation's words for comparison: lemmas ('supported' ~ 'support', "n't" -> 'not'),
    acronyms without dots ('F.B.I.' = 'FBI'); an editor's bracketed insertion is kept, each word
    marked with :data:`EDITORIAL`, and a bracket inside a word ('[W]e') is only a case change."""
    words: list[str] = []
    depth, opened = 0, 0
    for token in span:
        text = token.text
        if text in ("(", "["):
            depth, opened = depth + 1, (opened if depth else len(words))
        elif text in (")", "]"):
            depth = max(0, depth - 1)
        elif ("..." in text or "\u2026" in text) and not token.is_alpha:
            if words and words[-1] != "\u2026":
                words.append("\u2026")  # words cut out here ('[...]' too): see align.ELLIPSIS
        elif text == "&":
            words.append(EDITORIAL + "and" if depth else "and")
        elif not token.is_punct and not token.is_space:
            if depth and any(c in text for c in ")]"):
                depth = max(0, depth - 1)  # '[W]e': the editor changed a letter, the word stays
                words.extend(_quote_word(token, re.sub(r"[()\[\]]", "", text)))
                continue
            marked = _quote_word(token, text)
            words.extend(EDITORIAL + w if depth else w for w in marked)
    if depth:  # a bracket never closed is a stray mark, not an insertion
        words[opened:] = [w.lstrip(EDITORIAL) for w in words[opened:]]
    return words


def _quote_word(token, text: str) -> list[str]:
    """One token's comparison words (two when the tokenizer kept a contraction whole)."""
    # Verbs by lemma ('supported' ~ 'support'); other words as written: the lemma of a
    # capitalised title word is unreliable ('Higher' vs 'higher').
    word = (
        (token.lemma_ if token.pos_ in ("VERB", "AUX") and text == token.text else text)
        .lower()
        .replace(".", "")
        .replace("\u2019", "'")
    )
    words = []
    for suffix, full in _CONTRACTIONS.items():
        if word.endswith(suffix) and len(word) > len(suffix) and suffix[0] in "'n":
            words.append(word[: -len(suffix)])  # a contraction the tokenizer kept whole
            word = full
            break
    word = _CONTRACTIONS.get(word, word)
    if word == "'s" and token.pos_ == "AUX":
        word = "be"  # "it’s": the model lemmatizes the straight "it's" only
    if token.text.endswith(".") and word in TITLE_ABBREVIATIONS:
        word = TITLE_ABBREVIATIONS[word]  # 'Gen. Lee' and 'General Lee' are one wording
    return words + ([word] if word else [])


# -- quotations --------------------------------------------------------------------------------
def _quote_facts(doc) -> list[dict[str, Any]]:
    """Quoted words (four words or more), with the sentence(s) around them and the speaker."""
    facts = []
    text = doc_text(doc)
    for match in _QUOTE_RE.finditer(text):
        words = " ".join(match.group(1).split())
        if len(words.split()) < 4 or "\n\n" in match.group(1):
            continue
        first = doc.char_span(match.start(1), match.start(1) + 1, alignment_mode="expand")
        last = doc.char_span(match.end(1) - 1, match.end(1), alignment_mode="expand")
        if first is None or last is None:
            continue
        sent, end_sent = first[0].sent, last[-1].sent
        inner = doc[first[0].i : last[-1].i + 1]
        facts.append(
            {
                "kind": "quote",
                "event": "quote",
                "subject": None,
                "value": {"quote": words},
                "value_text": words,
                "words": quote_words(inner),
                "polarity": "affirms",
                "attribution": _speaker(end_sent, match.span(1)) or _speaker(sent, match.span(1)),
                "speaker_span": speaker_name_span(end_sent, match.span(1))
                or speaker_name_span(sent, match.span(1)),
                "start": match.start(1),
                "end": match.end(1),
                "quote_start": sent.start_char,
                "quote_end": end_sent.end_char,
            }
        )
    return facts


# -- who holds a role ---------------------------------------------------------------------------
def _role_facts(doc) -> list[dict[str, Any]]:
    """A named holder of a relation: 'his wife, Ann', 'Smith's lawyer, Jo Doe', 'Ann, his wife',
    'Smith and wife Ann'.

    Only roles with a possessor count: they name one person's relation, which another source
    can name differently ('his wife, Ann' / 'his wife, Annie').
    """
    facts = []
    for token in doc:
        pair, owners = _kin_pair(token), []
        if pair is not None:
            # 'Smith and wife Ann': the relation is the first person's
            owners = [pair[1].head]
        elif token.dep_ == "appos":
            pair = (
                (token.head, token)
                if token.head.pos_ == "NOUN" and token.pos_ == "PROPN"
                else (token, token.head)
                if token.pos_ == "NOUN" and token.head.pos_ == "PROPN"
                else None
            )
        if pair is None:
            continue
        role, name = pair
        owners = owners or [c for c in role.children if c.dep_ == "poss"]
        if not owners or name.ent_type_ != "PERSON":
            continue
        span = next((e for e in doc_ents(doc) if e.start <= name.i < e.end), None)
        if span is None:
            continue
        owner = owners[0]
        sent = token.sent
        facts.append(
            {
                "kind": "role",
                "event": role.lemma_.lower(),
                "subject": role.lemma_.lower(),
                "unit": role.lemma_.lower(),
                "owner": None
                if owner.pos_ == "PRON"
                else owner.text.lower().removesuffix("'s").removesuffix("\u2019s"),
                "owner_span": None
                if owner.pos_ == "PRON"
                else (owner.idx, owner.idx + len(owner.text)),
                "value": {"name": span.text},
                "value_text": span.text,
                "polarity": "affirms",
                "attribution": None,
                "start": span.start_char,
                "end": span.end_char,
                "quote_start": sent.start_char,
                "quote_end": sent.end_char,
            }
        )
    return facts


#: Relations named before a name with no comma ('he and wife Ann'): family, a general lexicon.
KIN = {
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "mother",
    "father",
    "partner",
    "fiancee",
    "fiancée",
    "fiance",
    "fiancé",
    "widow",
    "widower",
}


def _kin_pair(token):
    """(role, name) for 'X and wife Ann', where the relation word is a compound of the name."""
    if token.lower_ not in KIN or token.dep_ != "compound":
        return None  # checked first: most tokens are neither, and their head is never read
    name = token.head
    if name.pos_ == "PROPN" and name.dep_ == "conj" and name.head.i < token.i:
        return token, name
    return None


# -- what came first -------------------------------------------------------------------------------
#: Verbs that put their subject before their object in time ('the ruling sparked protests').
CAUSE_VERBS = {"trigger", "spark", "prompt", "provoke", "cause", "precipitate", "ignite", "touch"}
#: Words that put their object before the verb they attach to ('closed after the floods').
AFTER_WORDS = {"following", "after"}


def _sequence_facts(doc) -> list[dict[str, Any]]:
    """'X triggered Y' and 'X following Y': which of two events a source puts first."""
    facts = []
    for token in doc:
        pair = None
        if token.pos_ == "VERB" and token.lemma_.lower() in CAUSE_VERBS and not _negated(token):
            objects = [c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if objects and subjects:
                cause = (
                    token.head
                    if subjects[0].pos_ == "PRON" and token.dep_ == "relcl"
                    else subjects[0]
                )
                pair = (_event_of(cause), objects[0])
        elif token.lower_ in AFTER_WORDS and token.dep_ == "prep" and token.head.pos_ == "VERB":
            objects = [c for c in token.children if c.dep_ in ("pobj", "dobj") and c.pos_ == "NOUN"]
            if objects:
                pair = (objects[0], token.head)
        if pair is None or pair[0] is None or pair[0].pos_ == "PRON":
            continue
        first, then = pair
        sent = token.sent
        facts.append(
            {
                "kind": "sequence",
                "event": "sequence",
                "subject": None,
                "value": {"before": first.lemma_.lower(), "after": then.lemma_.lower()},
                "value_text": token.text,
                "words": {first.lemma_.lower(): first.text, then.lemma_.lower(): then.text},
                "polarity": "affirms",
                "attribution": _speaker(sent),
                "start": token.idx,
                "end": token.idx + len(token.text),
                "quote_start": sent.start_char,
                "quote_end": sent.end_char,
            }
        )
    return facts


def _event_of(token):
    """The event a noun stands for: 'a move' set beside 'dissolved the parties' is that act."""
    if token.pos_ == "NOUN" and token.dep_ == "appos":
        for ancestor in list(token.ancestors)[:3]:
            if ancestor.pos_ == "VERB":
                return ancestor
    return token
