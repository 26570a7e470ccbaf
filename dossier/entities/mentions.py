"""Mentions of people, places and organisations in one parsed article.

Sources of evidence, combined here and weighed again across the whole dossier later
(:mod:`dossier.entities.resolve`):

- spaCy's NER spans, split where the model glued names together ("Silva nor Costa");
- acronym definitions ("World Health Organization (WHO)");
- organisation name patterns (capitalised words ending in Council, Group, Corps, Party...);
- stand-alone acronyms (NATO, UNICEF);
- the gazetteer (countries, continents, regions, cities), for places the model missed.

Names are cleaned: ranks and titles (General, Col., President, former Prime Minister) are
taken off the name and kept as descriptions; determiners and possessives are dropped.
A mention is plain data (a dict) so it can be cached as JSON per article.
"""

from __future__ import annotations

import re
from typing import Any

from dossier.entities.gazetteer import COUNTRY_ALIASES, fold, places
from dossier.entities.variants import STATE_ABBREVIATIONS

KIND_OF_LABEL = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organisation"}
#: Labels the small model gives to names it cannot place; the dossier decides what they are.
UNSURE_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}

#: Titles, ranks and honorifics that precede a name (compared without a final period).
TITLES = {
    "general", "gen", "lieutenant", "lt", "colonel", "col", "major", "maj", "captain", "capt",
    "brigadier", "brig", "admiral", "adm", "sergeant", "sgt", "commander", "cmdr", "marshal",
    "field", "corporal", "cpl", "private", "pte", "president", "vice", "prime", "minister",
    "ministers", "premier", "chancellor", "secretary", "senator", "sen", "representative",
    "rep", "congressman", "congresswoman", "governor", "gov", "mayor", "king", "queen",
    "prince", "princess", "sheikh", "emir", "sultan", "pope", "cardinal", "bishop",
    "archbishop", "rev", "reverend", "father", "imam", "rabbi", "sir", "dame", "lord", "lady",
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "judge", "justice", "chief",
    "ambassador", "deputy", "former", "ex", "speaker", "chairman", "chairwoman", "chair",
    "director", "commissioner", "attorney", "coach", "manager", "detective", "inspector",
    "superintendent", "constable", "officer", "agent", "generals", "colonels", "presidents",
    "interim", "acting", "transitional", "foreign", "defence", "defense", "interior", "finance",
    "health", "justice", "state", "leader", "opposition", "army", "military",
    # roles a report puts before a name like a title ("Defender Ana Lopez", "striker ...")
    "defender", "defenders", "midfielder", "midfielders", "forward", "forwards", "striker",
    "goalkeeper", "winger", "centre", "center", "fullback", "quarterback", "pitcher", "skipper",
    "spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "economist", "analyst",
}
#: Words that end an organisation's name ("Security Council", "Hanseatic Group").
ORG_HEADS = {
    "council", "group", "corps", "party", "army", "front", "movement", "ministry", "agency",
    "union", "bank", "commission", "committee", "assembly", "court", "organisation",
    "organization", "institute", "university", "project", "forces", "police", "company",
    "corporation", "inc", "ltd", "plc", "association", "federation", "foundation", "alliance",
    "coalition", "brigade", "battalion", "regiment", "guard", "network", "office", "department",
    "service", "services", "authority", "board", "league", "club", "fund", "trust", "society",
    "parliament", "senate", "congress", "government", "administration", "agency", "bureau",
    "times", "post", "news", "press", "herald", "journal", "tribune", "telegraph", "guardian",
}
#: Capitalised abbreviations that are not organisations' names.
NOT_ACRONYMS = {
    "MP", "MPS", "PM", "CEO", "CFO", "COO", "TV", "GDP", "AI", "OK", "AM", "PM", "BC", "AD",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "US", "UK", "USA", "UAE", "DRC",
    "ID", "PC", "CD", "DVD", "SMS", "GMT", "UTC", "EST", "PST", "HIV", "AIDS", "COVID", "DNA",
    "CCTV", "VIP", "FAQ", "PR", "HR", "IT", "RIP", "MR", "MRS", "MS", "DR", "NO", "SUV", "VAT",
}
#: Legal forms written after a company's name ("Acme, Inc.", "Foo Bar, L.L.C.").
CORPORATE_SUFFIXES = {"inc", "llc", "l.l.c", "ltd", "corp", "co", "plc", "lp", "llp", "l.p", "gmbh", "ag", "s.a", "n.v", "pllc"}
#: Relatives: "his father, X" names a member of the family, not the person the family is named for.
KIN = {
    "father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "uncle",
    "aunt", "nephew", "niece", "cousin", "grandfather", "grandmother", "grandson",
    "granddaughter", "stepfather", "stepmother", "stepson", "stepdaughter", "father-in-law",
    "mother-in-law", "son-in-law", "daughter-in-law", "brother-in-law", "sister-in-law",
    "widow", "widower", "fiancee", "fiance", "spouse", "dad", "mom", "mum", "parents", "children",
}
#: Honorifics that say nothing of a person's role: never a description on their own.
PLAIN_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "messrs", "sir", "dame"}
_CONNECTORS = {"of", "and", "for", "the", "de", "du", "des", "la", "le", "el", "al", "ul", "wa", "bin", "ibn", "von", "van", "der", "di", "da", "y", "&"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our"}
_LOCATIVE = {"in", "at", "from", "near", "into", "outside", "across", "throughout", "around", "via", "to", "toward", "towards", "inside", "within", "across"}
#: Cities at least this big are taken from the gazetteer without other evidence.
BIG_CITY = 100_000
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_MAX_GAZ_WORDS = 4
_MAX_DESCRIPTION_WORDS = 12


def _bare(text: str) -> str:
    return text.lower().rstrip(".")


def _is_title(token) -> bool:
    return _bare(token.text) in TITLES and (token.text[:1].isupper() or _bare(token.text) in {"former", "ex", "interim", "acting"})


def _capitalised(token) -> bool:
    return token.text[:1].isupper()


class _Taken:
    """Which tokens a mention already holds: each token belongs to one mention at most."""

    def __init__(self, size: int) -> None:
        self.flags = [False] * size

    def __getitem__(self, index):
        return self.flags[index]

    def claim(self, start: int, end: int) -> bool:
        if start >= end or any(self.flags[start:end]):
            return False
        for i in range(start, end):
            self.flags[i] = True
        return True

    def release(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.flags[i] = False


def extract_mentions(doc) -> list[dict[str, Any]]:
    """All mentions in a parsed article, in text order, as JSON-ready dicts."""
    taken = _Taken(len(doc))
    found: list[dict[str, Any]] = []
    for acronym_i, (start, end) in _definitions(doc):
        if taken.claim(start, end) and taken.claim(acronym_i, acronym_i + 1):
            expansion = _mention(doc, start, end, "organisation", "definition")
            acronym = _mention(doc, acronym_i, acronym_i + 1, "organisation", "definition")
            if expansion and acronym:
                expansion["defines"] = acronym["name"]
                acronym["defines"] = expansion["name"]
                found += [expansion, acronym]
    found += _model_mentions(doc, taken)
    for start, end in _org_patterns(doc):
        if taken.claim(start, end) and (mention := _mention(doc, start, end, "organisation", "pattern")):
            found.append(mention)
    found += _token_mentions(doc, taken)
    found += _gazetteer_mentions(doc, taken)
    # "Liberals", "Conservative": words for a party's members, kept aside so the dossier can
    # count them for the party when it names it (never an entity on their own).
    for ent in doc.ents:
        if ent.label_ == "NORP" and not any(taken[ent.start : ent.end]) and _capitalised(doc[ent.start]):
            if mention := _mention(doc, ent.start, ent.end, "group", "NORP"):
                mention["gazetteer"] = None  # never a place, for claims either
                found.append(mention)
    found.sort(key=lambda m: m["start"])
    return found


def _model_mentions(doc, taken: _Taken) -> list[dict[str, Any]]:
    """The model's names, cut into runs, made whole (hyphens, head nouns) and cleaned."""
    found = []
    for ent in doc.ents:
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None and ent.label_ not in UNSURE_LABELS:
            continue
        for start, end in _runs(doc, ent.start, ent.end, split_and=kind != "organisation", person=kind == "person"):
            start, end = _extend_hyphens(doc, start, end)
            if kind == "organisation":
                end = _extend_org(doc, end)
            corporate = _corporate_after(doc, end)
            if corporate:
                kind = "organisation"
            if all(_is_title(doc[i]) for i in range(start, end)) and end < len(doc) and doc[end].ent_type_ == "PERSON":
                continue  # "State" in "Secretary of State Ann Lee" is part of her title
            if _headline_phrase(doc, start, end) or not taken.claim(start, end):
                continue
            if mention := _mention(doc, start, end, kind, ent.label_):
                mention["corporate"] = corporate
                found.append(mention)
            else:
                taken.release(start, end)
    return found


def _token_mentions(doc, taken: _Taken) -> list[dict[str, Any]]:
    """One-token names the model missed: state abbreviations and acronyms."""
    found = []
    for token in doc:
        # "N.C.", "(D-Va.)": US states as news abbreviates them.
        if taken[token.i] or token.text not in STATE_ABBREVIATIONS or token.text.count(".") < 2 and not _party_state(doc, token.i):
            continue
        if taken.claim(token.i, token.i + 1) and (mention := _mention(doc, token.i, token.i + 1, "place", "gazetteer")):
            found.append(mention)
    for token in doc:
        if taken[token.i] or not _ACRONYM_RE.match(token.text) or not any(c.isalpha() for c in token.text):
            continue
        if _shouting(token.sent):
            continue  # an all-capitals headline: every word looks like an acronym
        previous = doc[token.i - 1].lower_ if token.i else ""
        if token.text in COUNTRY_ALIASES or _dateline(doc, doc[token.i : token.i + 1]) and fold(token.text) in places():
            kind, source = "place", "gazetteer"
        elif token.text.upper() in NOT_ACRONYMS or previous in {"a", "an"} or len(token.text) < 2:
            continue
        else:
            kind, source = "organisation", "acronym"
        if taken.claim(token.i, token.i + 1) and (mention := _mention(doc, token.i, token.i + 1, kind, source)):
            found.append(mention)
    return found


def _gazetteer_mentions(doc, taken: _Taken) -> list[dict[str, Any]]:
    """Places the model missed, longest gazetteer name first."""
    found = []
    gazetteer = places()
    for token in doc:
        if taken[token.i] or not _capitalised(token) or token.tag_ not in ("NNP", "NNPS"):
            continue
        for size in range(min(_MAX_GAZ_WORDS, len(doc) - token.i), 0, -1):
            span = doc[token.i : token.i + size]
            if any(taken[span.start : span.end]) or not _capitalised(span[-1]):
                continue
            key = fold(span.text)
            if key not in gazetteer:
                continue
            kind, population = gazetteer[key]
            # A town name the model did not see as a name is often a word ("Date", "Pace"):
            # take it only when it is a big city or the context says place.
            if kind == "city" and population < BIG_CITY and not _after_locative(doc, span.start):
                continue
            if kind == "city" and _shouting(span.sent) and not _dateline(doc, span):
                continue
            if taken.claim(span.start, span.end):
                if mention := _mention(doc, span.start, span.end, "place", "gazetteer"):
                    found.append(mention)
                break
    return found


_YEAR = re.compile(r"^(1[89]|20)\d\d\b")


def _dateline(doc, span) -> bool:
    """'LISBON —', 'LISBON (Agency) -', 'LISBON 2024-05-01' at the start of a line: the place
    the story was filed from, capitals or not."""
    if span.start and "\n" not in doc[span.start - 1].text and not doc[span.start - 1].is_space:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and (after.text in {"-", "—", "–", "--", "(", ","} or bool(_YEAR.match(after.text)))


def _party_state(doc, i: int) -> bool:
    """'R-Va.' in '(R-Va.)': a party letter, a hyphen, then the state."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].text in {"D", "R", "I"}


def _extend_hyphens(doc, start: int, end: int) -> tuple[int, int]:
    """Keep hyphenated names whole ('Ana' + '-Sofia', 'Port' + '-au-Prince') when the model cut them."""
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ and doc[end + 1].is_alpha and (_capitalised(doc[end + 1]) or len(doc[end + 1].text) <= 3):
        end += 2  # "-in", "-a-", "-Lago", but not "-based"
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ and doc[start - 2].is_alpha and _capitalised(doc[start - 2]):
        start -= 2
    return start, end


def _corporate_after(doc, end: int) -> bool:
    """'Acme, Inc.' / 'Acme LLC': the name before a legal form is a company's."""
    i = end + (end < len(doc) and doc[end].text == ",")
    if i >= len(doc) or not _capitalised(doc[i]) or i + 1 < len(doc) and doc[i + 1].text == "-":
        return False  # "Japan, co-hosts of ..."
    return _bare(doc[i].text).lower() in CORPORATE_SUFFIXES


def _after_locative(doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in _LOCATIVE


def _shouting(sentence) -> bool:
    """True for a sentence written in capitals (a headline), where case tells nothing."""
    words = [t.text for t in sentence if t.is_alpha and len(t.text) > 1]
    if len(words) == 1:
        return words[0].isupper() and sum(not t.is_space for t in sentence) <= 3  # "WOW!" alone
    return len(words) >= 2 and sum(w.isupper() for w in words) > len(words) / 2


def _on_headline(doc, char: int) -> bool:
    """True when the character is on a headline or shouted line (judged by line, not sentence).

    The lines are judged once per document and kept in ``doc.user_data``.
    """
    lines = doc.user_data.get("dossier_headlines")
    if lines is None:
        text, lines, start = doc.text, [], 0
        for line in text.split("\n"):
            end = start + len(line)
            span = doc.char_span(start, end, alignment_mode="expand") if line.strip() else None
            lines.append((end, bool(span) and (_title_case(span) or _shouting(span))))
            start = end + 1
        doc.user_data["dossier_headlines"] = lines
    return next((flag for end, flag in lines if char <= end), False)


def _title_case(sentence) -> bool:
    """True for a headline in title case, where every word is capitalised, verbs too."""
    words = [t for t in sentence if t.is_alpha and len(t.text) > 3]
    if len(words) < 3 or not all(t.text[:1].isupper() for t in words):
        return False
    # A headline has little words capitalised ("Is", "To"); a list of names or scores has
    # none, but has numbers and brackets.
    if any(t.text[:1].isdigit() or t.text in {"(", ";"} for t in sentence):
        return False
    return any(t.is_stop and t.text[:1].isupper() for t in sentence[1:])


def _headline_phrase(doc, start: int, end: int) -> bool:
    """'Dog Is Coming' in a title-case headline: a verb or a little word inside a 'name'."""
    span = doc[start:end]
    if len(span) < 2 or not _title_case(span.sent):
        return False
    return any(t.is_stop and t.lower_ not in _CONNECTORS or t.pos_ in ("VERB", "AUX") for t in span[1:])


def _runs(doc, start: int, end: int, split_and: bool, person: bool = False) -> list[tuple[int, int]]:
    """Split a span at commas, paragraph breaks and (for non-organisations) and/or/nor.

    In a person's name a number or a lowercase word that is no particle ("van", "bin") ends it:
    "Ann Lee st Kim Ross" are two people with a word between.
    """
    runs, run_start = [], start
    for i in range(start, end):
        token = doc[i]
        # "Parliament's Budget Office": the owner and the owned are two names.
        possessive = token.lower_ in {"'s", "’s"} and i + 1 < end
        cut = (
            token.is_punct and token.text not in {"-", "'", "’", "."}
            or split_and and token.lower_ in {"and", "or", "nor", "&"}
            or possessive
            or "\n\n" in token.text_with_ws  # a paragraph break (a single one may be a hard wrap)
            or token.is_space and (i == run_start or i == end - 1)
            or person and any(c.isdigit() for c in token.text)  # "Radio 4" is a name, "Ann Lee 12" is not
            or person and token.is_alpha and token.text.islower() and token.text not in _CONNECTORS
        )
        if cut:
            if run_start < i:
                runs.append((run_start, i))
            run_start = i + 1
    if run_start < end:
        runs.append((run_start, end))
    return runs


def _extend_org(doc, end: int) -> int:
    """'Hanseatic' + 'Group' when the model stopped one word short of the head noun."""
    while end < len(doc) and _capitalised(doc[end]) and _bare(doc[end].text) in ORG_HEADS:
        end += 1
    return end


def _org_patterns(doc):
    """Capitalised runs ending in an organisation head word ('Armed Forces Council')."""
    i = 0
    while i < len(doc):
        if not _capitalised(doc[i]) or doc[i].is_sent_start and _bare(doc[i].text) in _DETERMINERS:
            i += 1
            continue
        j = i
        while j < len(doc) and (_capitalised(doc[j]) or doc[j].lower_ in {"of", "for", "and", "&"} and j > i):
            j += 1
        while j > i and not _capitalised(doc[j - 1]):
            j -= 1
        if j - i >= 2 and _bare(doc[j - 1].text) in ORG_HEADS:
            yield i, j
        i = max(j, i + 1)


def _initials(token_text: str) -> str:
    parts = re.split(r"[-’']", token_text)
    return "".join(p[0] for p in parts if p[:1].isupper())


def _definitions(doc):
    """(acronym token index, (expansion start, end)) for 'Long Name (LN)'."""
    for token in doc:
        if not (_ACRONYM_RE.match(token.text) and token.i >= 2 and token.i + 1 < len(doc)):
            continue
        if doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")":
            continue
        acronym = token.text.replace("&", "")
        close = token.i - 1
        start = close
        while start > 0 and close - start < 12:
            word = doc[start - 1]
            if not (_capitalised(word) or word.lower_ in _CONNECTORS or "-" in word.text):
                break
            start -= 1
        for begin in range(close - 1, start - 1, -1):
            letters = "".join(_initials(doc[i].text) for i in range(begin, close))
            if letters[:1] == acronym[:1] and _subsequence(acronym, letters) and _capitalised(doc[begin]):
                yield token.i, (begin, close)
                break
        else:
            # An acronym from another language ("... Management Authority (AFAD)"): trust a
            # capitalised name that ends like an organisation's.
            while start < close and not _capitalised(doc[start]):
                start += 1
            if close - start >= 2 and _bare(doc[close - 1].text) in ORG_HEADS:
                yield token.i, (start, close)


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def _mention(doc, start: int, end: int, kind: str | None, source: str) -> dict[str, Any] | None:
    """Clean a token span into a mention, or None when nothing name-like is left."""
    surface_start = start
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start + 1 and doc[end - 1].is_alpha and doc[end - 1].text.islower():
        end -= 1  # "Acme Tribune days after": a name ends on a capitalised word
    possessive = end < len(doc) and doc[end].lower_ in {"'s", "’s"}
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
        possessive = possessive or doc[end - 1].lower_ in {"'s", "’s"}
        end -= 1
    titles: list[str] = []
    if kind in ("person", None):
        # Ranks inside the span ("Gen Ana Lopez") and right before it ("former Prime Minister ...").
        while start < end - 1 and _is_title(doc[start]):
            titles.append(doc[start].text)
            start += 1
        left = surface_start - 1
        before: list[str] = []
        while left >= 0 and len(before) < 5 and (_is_title(doc[left]) or doc[left].lower_ == "of" and before and left > 0 and _is_title(doc[left - 1])):
            # "Secretary of State Ann Lee": "of" inside a title keeps the whole title.
            before.insert(0, doc[left].text)
            left -= 1
        titles = before + titles
    if start >= end:
        return None
    span = doc[start:end]
    name = " ".join(span.text.split())  # a name wrapped over two lines is one name
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    name = name.strip(" -’'\"“”")
    if len(name) < 2 or not any(c.isupper() for c in name) or all(t.is_stop for t in span):
        return None
    if kind == "person" and len(span) == 1 and _bare(span.text) in TITLES:
        return None
    if len(span) == 1 and _bare(span.text).lower() in CORPORATE_SUFFIXES:
        return None
    previous = doc[surface_start - 1].lower_ if surface_start else ""
    mention: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "source": source,
        "gazetteer": (places().get(fold(name)) or (None,))[0],
        "start": span.start_char,
        "end": span.start_char + len(name) if span.text.startswith(name) else span.end_char,
        "sentence": [span.sent.start_char, span.sent.end_char],
        "titles": titles,
        "descriptions": _descriptions(doc, span, titles) if kind in ("person", None) else [],
        "locative": previous in _LOCATIVE or (previous == "of" and surface_start >= 2 and doc[surface_start - 2].lower_ in {"outskirts", "capital", "city", "town", "region", "province", "village"}),
        "words": len(span),
        "before": previous,
        "possessive": possessive,
        # A headline or a shouted line: case says nothing there (weighed across the dossier).
        "headline": _on_headline(doc, span.start_char),
        "kin": _kin(doc, span) if kind in ("person", None) else None,
    }
    return mention


def _kin(doc, span) -> str | None:
    """'father' in 'his father, Rev. John Doe' or 'John Doe, his father': who this is to someone."""
    root = span.root
    if root.dep_ == "appos" and root.head.lower_ in KIN:
        return root.head.lower_
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in KIN:
            return child.lower_
    left = span.start - 1
    while left >= 0 and (_is_title(doc[left]) or doc[left].pos_ in ("ADJ", "NOUN") and doc[left].lower_ not in KIN):
        left -= 1
    if left >= 1 and doc[left].text == "," and doc[left - 1].lower_ in KIN:
        return doc[left - 1].lower_
    return None


def _descriptions(doc, span, titles: list[str]) -> list[str]:
    """Roles said of a person: 'Portuguese economist', 'a former mayor of ...', 'General'."""
    found: list[str] = []
    role = [t for t in titles if _bare(t) not in PLAIN_HONORIFICS]  # "Mr." says no role
    if role:
        found.append(" ".join(role))
    # Modifiers just left of the name and its titles: "party leader", "Portuguese economist".
    left = span.start - 1
    while left >= 0 and _is_title(doc[left]):
        left -= 1
    words = []
    while left >= 0 and doc[left].pos_ in ("NOUN", "ADJ", "PROPN") and not doc[left].ent_type_ in ("PERSON", "ORG", "GPE") and len(words) < 4:
        if doc[left].pos_ == "PROPN" and doc[left].ent_type_ != "NORP":
            break
        words.insert(0, doc[left].text)
        left -= 1
    hyphenated = left >= 0 and not doc[left].whitespace_  # the tail of a hyphenated word: a fragment
    if words and not hyphenated and any(doc[span.start - 1 - i].pos_ == "NOUN" for i in range(len(words)) if span.start - 1 - i >= 0):
        found.append(" ".join(words))
    # Appositions: "General Ana Lopez, a respected former mayor of Porto".
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            tokens = [t for t in child.subtree if t.i >= span.end]
            if any(t.ent_type_ == "PERSON" for t in tokens):
                continue  # another person's name: their role, not this one's
            text = doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
            text = re.split(r",|;|—| – | who | which ", text)[0].strip()
            text = re.sub(r"^(a|an|the)\s+", "", text, flags=re.I)
            if text and len(text.split()) <= _MAX_DESCRIPTION_WORDS and re.search(r"[a-z]{3}", text):
                found.append(text)
    return found
