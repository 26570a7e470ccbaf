"""Claim frames from one parsed article: who was arrested (or not), how many, where, by when.

A claim is plain data (cached as JSON per article, like mentions):

``{"kind": "status" | "count" | "place" | "date", "event", "subject", "value", "value_text",
"polarity", "modality", "attribution", "start", "end", "quote_start", "quote_end",
"mention_start"}``

``subject`` is a counted noun's lemma ('protester'), ``*`` for 'the number of arrests', or,
for claims about a named person, empty with ``mention_start`` pointing at the person's
mention (the dossier-level merge turns it into an entity id later). Everything here is
general language: event triggers, reporting verbs, hedges, negation.
"""

from __future__ import annotations

import re
from typing import Any

from dossier.claims.numbers import parse_count
from dossier.lexicon import MONTHS
from dossier.nlp import doc_text

#: Event triggers by lemma: verbs and nouns that name the event.
EVENTS: dict[str, dict[str, set[str]]] = {
    "arrest": {
        "verbs": {
            "arrest",
            "detain",
            "apprehend",
            "capture",
            "jail",
            "imprison",
            "abduct",
            "kidnap",
            "seize",
        },
        "nouns": {"arrest", "detention", "custody", "detainee", "capture", "abduction"},
    },
    "kill": {
        "verbs": {"kill", "murder", "slay", "execute", "massacre", "die", "shoot"},
        "nouns": {"death", "killing", "fatality", "dead", "toll", "casualty", "victim", "body"},
    },
    "injure": {"verbs": {"injure", "wound", "hurt"}, "nouns": {"injury", "wounded", "injured"}},
    "charge": {
        "verbs": {"charge", "indict", "prosecute", "sue"},
        "nouns": {"charge", "indictment", "prosecution"},
    },
    "convict": {
        "verbs": {"convict", "sentence", "acquit"},
        "nouns": {"conviction", "sentence", "verdict"},
    },
    "release": {"verbs": {"release", "free", "pardon"}, "nouns": {"release"}},
    "resign": {"verbs": {"resign", "quit"}, "nouns": {"resignation"}},
    "displace": {
        "verbs": {"evacuate", "displace", "flee", "rescue"},
        "nouns": {"evacuation", "evacuee", "refugee"},
    },
    "protest": {
        "verbs": {"protest", "demonstrate", "rally", "march", "strike"},
        "nouns": {"protest", "protester", "demonstration", "demonstrator", "rally", "strike"},
    },
    "vote": {"verbs": {"vote", "elect"}, "nouns": {"vote", "election", "ballot", "poll"}},
}
#: The words a topic uses for each event ("How many protesters were arrested").
EVENT_WORDS = {
    "arrest": "arrested",
    "kill": "killed",
    "injure": "injured",
    "charge": "charged",
    "convict": "convicted",
    "release": "released",
    "resign": "resigned",
    "displace": "displaced",
    "protest": "protesting",
    "vote": "voting",
    "timeline": "",
}
#: 'taken into custody', 'taken from his home': a common verb that is an arrest with these words.
_TAKE_OBJECTS = {"custody", "detention", "home", "house", "residence", "office", "prison", "jail"}
#: A political timeline: when a vote is due, when a transition or a mandate ends.
TIMELINE_WORDS = {
    "election",
    "elections",
    "vote",
    "poll",
    "polls",
    "transition",
    "rule",
    "mandate",
    "term",
    "power",
    "handover",
}
_END_PREPOSITIONS = {"to", "until", "till", "through", "by", "beyond"}
#: Nouns that can be counted in a claim: people and groups.
COUNTABLE = {
    "soldier",
    "officer",
    "general",
    "colonel",
    "troop",
    "people",
    "person",
    "civilian",
    "protester",
    "demonstrator",
    "member",
    "man",
    "woman",
    "child",
    "student",
    "worker",
    "official",
    "minister",
    "militant",
    "fighter",
    "rebel",
    "insurgent",
    "jihadist",
    "suspect",
    "prisoner",
    "detainee",
    "victim",
    "migrant",
    "refugee",
    "resident",
    "villager",
    "journalist",
    "policeman",
    "police",
    "personnel",
    "staff",
    "employee",
    "passenger",
    "patient",
    "casualty",
    "body",
    "lawmaker",
    "mp",
    "senator",
    "voter",
    "supporter",
    "opponent",
    "leader",
    "commander",
    "agent",
    "guard",
}
#: Words that stand for 'the count' itself: 'the figure is closer to 50', 'the toll rose to 12'.
COUNT_NOUNS = {"figure", "number", "toll", "total", "tally", "count"}
#: Nouns that refer back to named people: 'neither man had been charged'.
PERSON_NOUNS = {
    "officer",
    "general",
    "man",
    "woman",
    "commander",
    "minister",
    "official",
    "leader",
    "colonel",
    "soldier",
    "politician",
    "suspect",
}
DENIAL_VERBS = {"deny", "dispute", "reject", "refute", "dismiss", "contradict", "rebut"}
REPORTING_VERBS = {
    "say",
    "tell",
    "confirm",
    "claim",
    "state",
    "report",
    "estimate",
    "insist",
    "suggest",
    "add",
    "announce",
    "allege",
    "deny",
    "dispute",
    "assert",
    "cite",
    "indicate",
    "note",
    "explain",
    "warn",
    "corroborate",
    "acknowledge",
    "accuse",
    "describe",
    "write",
    "quote",
}
HEDGES = {
    "reportedly",
    "allegedly",
    "apparently",
    "possibly",
    "purportedly",
    "supposedly",
    "unconfirmed",
    "may",
    "might",
    "could",
    "suggest",
    "alleged",
    "claim",
}
_NUMBER_WORDS = re.compile(
    r"^(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens|scores|hundreds|thousands|several|millions)$",
    re.I,
)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


#: Every lemma that may trigger an event: most tokens trigger none, and one lookup says so.
_TRIGGER_LEMMAS = frozenset(
    {word for words in EVENTS.values() for group in words.values() for word in group} | {"take"}
)


def event_of(token) -> str | None:
    """The event class a token triggers, or None."""
    lemma = token.lemma_.lower()
    if lemma not in _TRIGGER_LEMMAS:
        return None
    for event, words in EVENTS.items():
        if token.pos_ in ("VERB", "AUX") and lemma in words["verbs"]:
            return event
        if token.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and lemma in words["nouns"]:
            return event
    if lemma == "take" and token.pos_ == "VERB":
        for prep in token.children:
            if (
                prep.dep_ == "prep"
                and prep.lower_ in ("into", "from")
                and any(
                    p.lemma_.lower() in _TAKE_OBJECTS for p in prep.children if p.dep_ == "pobj"
                )
            ):
                return "arrest"
    return None


def extract_claims(doc, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims of one article: counts, who was (not) arrested and where, political deadlines."""
    claims: list[dict[str, Any]] = []
    sentences = list(doc.sents)
    people_by_sentence: dict[int, list[dict[str, Any]]] = {}
    # A named person's surname alone is that person, whatever the model typed it as in its sentence.
    surnames = {
        m["name"].split()[-1]
        for m in mentions
        if m.get("kind") == "person" and m.get("name") and len(m["name"].split()) > 1
    }
    for m in mentions:
        if m.get("kind") in ("person", None) or m.get("name") in surnames:
            people_by_sentence.setdefault(m["sentence"][0], []).append(m)
    places = [m for m in mentions if m.get("kind") == "place" or m.get("gazetteer")]
    for number, sent in enumerate(sentences):
        triggers = [(t, e) for t in sent if (e := event_of(t))]
        attribution = _attribution(sent)
        modality = (
            "reported"
            if any(t.lemma_.lower() in HEDGES or t.lower_ in HEDGES for t in sent)
            or _reported_by_initial(sent)
            else "asserted"
        )
        base = {"attribution": attribution, "modality": modality}
        if triggers:
            claims += _count_claims(doc, sent, triggers, base)
            previous = sentences[number - 1] if number else None
            claims += _status_claims(
                doc, sent, triggers, people_by_sentence, previous, places, base
            )
        claims += _timeline_claims(doc, sent, base)
    whole = doc_text(doc)
    for claim in claims:
        for prefix in ("quote", "sentence"):
            if f"{prefix}_end" in claim:
                text = whole[claim[f"{prefix}_start"] : claim[f"{prefix}_end"]]
                claim[f"{prefix}_end"] = claim[f"{prefix}_start"] + len(text.rstrip())
        claim["quote"] = whole[claim["quote_start"] : claim["quote_end"]]
        if "sentence_start" in claim:
            claim["sentence_quote"] = whole[claim["sentence_start"] : claim["sentence_end"]]
    return claims


# -- counts ---------------------------------------------------------------------------------
def _count_phrase(doc, token) -> tuple[dict[str, Any], int] | None:
    """The longest hedged count phrase ending at ``token`` ('at least some 30')."""
    best = None
    for start in range(max(token.sent.start, token.i - 5), token.i + 1):
        value = parse_count(doc[start : token.i + 1].text)
        if value is not None:
            best = (value, start)
            break
    return best


def _counted_noun(token):
    """The noun a number counts: '45 protesters', 'dozens of protesters', 'the figure is ... 50'."""
    if token.dep_ in ("nummod", "quantmod") and token.head.pos_ in ("NOUN", "PROPN"):
        head = token.head
        return (
            head.head if head.head.dep_ == "pobj" and head.lemma_.lower() in COUNT_NOUNS else head
        )
    if token.pos_ in ("NOUN", "NUM") and token.lower_ in (
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "millions",
        "several",
    ):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
        if token.head.pos_ == "NOUN" and token.dep_ in ("amod", "nummod", "det"):
            return token.head
    # 'the figure is closer to 50', 'the number ... could be as high as 50'
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("AUX", "VERB"):
            for child in ancestor.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in COUNT_NOUNS:
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ == "of":
                            for obj in prep.children:
                                if obj.dep_ == "pobj":
                                    return obj
                    return child
            break
    return None


def _count_claims(doc, sent, triggers, base) -> list[dict[str, Any]]:
    """Count claims of one sentence: 'five protesters were arrested'."""
    claims = []
    for token in sent:
        if not _counts_something(doc, token):
            continue
        claim = _count_claim(doc, sent, token, triggers, base)
        if claim is not None:
            claims.append(claim)
    return claims


def _counts_something(doc, token) -> bool:
    """True when a number word may count people or things, not a date, an amount or a span."""
    if not _NUMBER_WORDS.match(token.text) or token.ent_type_ in (
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "ORDINAL",
        "QUANTITY",
    ):
        return False
    if _YEAR.fullmatch(token.text) or (
        token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "%", "per")
    ):
        return False
    return not (
        token.dep_ == "compound"
        or token.head.lower_
        in (
            "year",
            "years",
            "month",
            "months",
            "day",
            "days",
            "week",
            "weeks",
            "hour",
            "hours",
        )
    )


def _count_claim(doc, sent, token, triggers, base) -> dict[str, Any] | None:
    """The count claim of number word ``token``, or None when it counts no countable noun of
    an event."""
    found = _count_phrase(doc, token)
    noun = _counted_noun(token)
    if found is None or noun is None:
        return None
    value, start = found
    lemma = noun.lemma_.lower()
    if lemma in COUNT_NOUNS and token.head.i == noun.i:
        return None  # 'charged with nine counts', 'three figures': things counted, not 'the count'
    noun_event = event_of(noun)
    if lemma in COUNT_NOUNS or (noun_event and lemma not in COUNTABLE):
        subject = "*"
    elif lemma in COUNTABLE:
        subject = lemma
    else:
        return None
    event = noun_event or _nearest_event(token, triggers)
    if event is None or event in ("vote",):
        return None
    return {
        **base,
        "kind": "count",
        "event": event,
        "subject": subject,
        "value": {k: v for k, v in value.items() if k != "text"},
        "value_text": doc[start : token.i + 1].text,
        "polarity": _polarity(triggers[0][0], None),
        "start": doc[start].idx,
        "end": token.idx + len(token.text),
        "quote_start": sent.start_char,
        "quote_end": sent.end_char,
        "mention_start": None,
    }


def _nearest_event(token, triggers) -> str | None:
    if not triggers:
        return None
    return min(triggers, key=lambda pair: abs(pair[0].i - token.i))[1]


# -- who was (not) arrested, and where ----------------------------------------------------------
def _root_token(doc, mention):
    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    return span.root if span is not None else None


def _passive(verb) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _phrase_head(person):
    """The noun phrase a name belongs to: 'officers, including General X' -> 'officers'."""
    token = person
    for _ in range(4):
        if token.dep_ in ("conj", "appos") and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ in ("including", "like")
            and token.head.head.pos_ in ("NOUN", "PROPN")
        ):
            token = token.head.head
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ == "as"
            and token.head.head.lower_ == "such"
            and token.head.head.head.pos_ in ("NOUN", "PROPN")
        ):
            token = token.head.head.head
        else:
            break
    return token


def _is_patient(person, trigger) -> bool:
    """True when a named person undergoes the event rather than performs or reports it."""
    head = _phrase_head(person)
    if head is not person and _is_patient_token(head, trigger):
        return True
    return _is_patient_token(person, trigger)


def _is_patient_token(person, trigger) -> bool:
    if person.dep_ == "nsubj" and person.head == trigger and trigger.pos_ == "VERB":
        return _passive(trigger)
    # 'Also detained was X': the subject of the passive auxiliary
    if person.dep_ == "nsubj" and person.head.dep_ == "auxpass" and person.head.head == trigger:
        return True
    if (
        person.dep_ == "pobj"
        and person.head.lower_ in ("to", "by")
        and person.head.head.lower_ in ("according", "close", "by")
    ):
        return False
    if person.dep_ in ("nsubj",) and person.head.lemma_.lower() in REPORTING_VERBS:
        return False
    ancestors = list(person.ancestors)
    if trigger in ancestors:
        path = [person] + ancestors[: ancestors.index(trigger)]
        return all(
            t.dep_
            in (
                "dobj",
                "nsubjpass",
                "pobj",
                "prep",
                "conj",
                "appos",
                "compound",
                "attr",
                "cc",
                "preconj",
                "npadvmod",
                "oprd",
                "dative",
            )
            for t in path
        )
    # 'Among those detained is X', 'Also detained was X', 'X was among those detained'
    if (
        person.dep_ in ("nsubj", "nsubjpass", "attr")
        and trigger in person.head.subtree
        and trigger.i != person.head.i
    ):
        between = [t for t in trigger.ancestors if t != person.head and t in person.head.subtree]
        return not any(t.dep_ in ("ccomp", "relcl", "advcl") for t in between)
    # 'X, who was taken from his home'
    return bool(trigger.dep_ == "relcl" and trigger.head == person)


def _polarity(trigger, person) -> str:
    """'denies' when the event is negated or denied for this subject, else 'affirms'."""
    clause = [trigger] + [a for a in trigger.ancestors if a.pos_ in ("AUX", "VERB")][:1]
    for token in clause:
        if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in token.children):
            return "denies"
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    if person is not None:
        subjects.append(person)
    for subject in subjects:
        if any(
            c.lower_ in ("neither", "no", "none") for c in subject.children
        ) or subject.lower_ in ("neither", "none"):
            return "denies"
        if subject.dep_ == "conj" and any(c.lower_ == "neither" for c in subject.head.children):
            return "denies"
    for ancestor in trigger.ancestors:
        if ancestor.lemma_.lower() in DENIAL_VERBS:
            return "denies"
        if ancestor.dep_ in ("ROOT",):
            break
    return "affirms"


def _status_claims(
    doc, sent, triggers, people_by_sentence, previous, places, base
) -> list[dict[str, Any]]:
    claims: list[dict[str, Any]] = []
    people = people_by_sentence.get(sent.start_char, [])
    for trigger, event in triggers:
        if event not in ("arrest", "kill", "injure", "charge", "convict", "release", "resign"):
            continue
        before = len(claims)
        for mention in people:
            person = _root_token(doc, mention)
            if person is None or not _is_patient(person, trigger) or _partial_denial(trigger):
                continue
            claims.append(_status(doc, sent, trigger, event, mention, person, base, places))
        if len(claims) == before and _denied_for_all(trigger):
            # 'no charges have been filed in the case': a denial about whoever the story is about
            claims.append(
                {
                    **_status(doc, sent, trigger, event, {"start": None}, trigger, base, []),
                    "polarity": "denies",
                    "unnamed": True,
                }
            )
        # 'officers apprehended him': the last person named before the pronoun
        for child in trigger.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.lower_ in ("him", "her", "he", "she"):
                earlier = (
                    people_by_sentence.get(previous.start_char, []) if previous is not None else []
                )
                named_before = [m for m in people + earlier if m["start"] < child.idx]
                if named_before:
                    referent = max(named_before, key=lambda m: m["start"])
                    claims.append(
                        _status(
                            doc, sent, trigger, event, referent, child, base, places, referred=True
                        )
                    )
        # 'neither man had been charged': a phrase that refers back to people named before
        subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            if (
                subject.lemma_.lower() in PERSON_NOUNS
                and any(c.lower_ in ("neither", "both", "either") for c in subject.children)
                and previous is not None
            ):
                for mention in people_by_sentence.get(previous.start_char, []):
                    claims.append(
                        _status(
                            doc, sent, trigger, event, mention, subject, base, places, referred=True
                        )
                    )
    unique: dict[tuple[str, int], dict[str, Any]] = {}
    for claim in claims:
        key = (claim["event"], claim["mention_start"])
        kept = unique.setdefault(key, claim)
        if kept is not claim and claim.get("value") and kept["polarity"] == claim["polarity"]:
            places = (kept.get("value") or {}).get("places", [])
            kept["value"] = {"places": sorted(set(places) | set(claim["value"]["places"]))}
    return list(unique.values())


_MODALS = {"would", "will", "could", "may", "might", "should", "can", "shall"}


def _partial_denial(trigger) -> bool:
    """'does not charge him with conspiracy', 'was not arrested for the theft': a denial of one
    charge or ground, which leaves the event itself (charged, arrested) standing."""
    if _polarity(trigger, None) != "denies":
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("with", "for", "over") for c in trigger.children)


#: Words that make a denial about other people than those already named ('no further arrests').
_OTHERS = {"other", "further", "additional", "more", "new", "else", "second", "another"}


def _denied_for_all(trigger) -> bool:
    """'no charges have been filed', 'no one was arrested': the event denied with no one named."""
    if any(t.lower_ in _OTHERS for t in trigger.sent):
        return False
    if trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
    ):
        return True
    subjects = (
        [c for c in trigger.children if c.dep_ == "nsubjpass"] if trigger.pos_ == "VERB" else []
    )
    return any(
        s.lower_ in ("nobody", "none")
        or (s.lower_ == "one" and any(c.lower_ == "no" for c in s.children))
        for s in subjects
    )


def _status(
    doc, sent, trigger, event, mention, person, base, places, referred: bool = False
) -> dict[str, Any]:
    polarity = _polarity(trigger, person)
    quote_start, quote_end = _clause_span(sent, trigger, person)
    where = [
        p["name"]
        for p in places
        if sent.start_char <= p["start"] < sent.end_char and _place_of(doc, p, trigger)
    ]
    return {
        **base,
        "kind": "status",
        "event": event,
        "subject": "",
        "value": {"places": where} if where else None,
        # every place the sentence names: 'Dayton, Ohio' also says 'Ohio'
        "named_places": sorted(
            {p["name"] for p in places if sent.start_char <= p["start"] < sent.end_char}
        ),
        "value_text": trigger.text,
        "polarity": polarity,
        # 'would be prosecuted', 'could be arrested': expected or possible, not said to
        # have happened.
        "expected": any(c.dep_ == "aux" and c.lower_ in _MODALS for c in trigger.children),
        "start": trigger.idx,
        "end": trigger.idx + len(trigger.text),
        "quote_start": quote_start,
        "quote_end": quote_end,
        "mention_start": mention["start"],
        "referred": referred,
        "sentence_start": sent.start_char,
        "sentence_end": sent.end_char,
    }


#: How a place may hang below the event's word and still say where the event happened: through
#: prepositions ('in Porto', 'at a camp near Braga') and lists, never through a person or thing
#: that the place describes ('Ana Lopez, D-Ore.', 'a lawmaker who represents Porto', 'the
#: prosecutor for the Northern District').
_PLACE_PATH_DEPS = {"pobj", "prep", "conj", "cc", "compound", "pcomp"}
#: Verbs a place may sit under and still belong to the event ('was arrested while trying to
#: reach Porto' is not; 'arrested and jailed in Porto' is).
_PLACE_PATH_VERBS = {"xcomp", "conj"}


def _place_of(doc, place, trigger) -> bool:
    """True when a place names where the event happened ('in Porto', 'on the outskirts of
    Braga')."""
    token = _root_token(doc, place)
    if token is None:
        return False
    path = [token] + list(token.ancestors)
    for node in path:
        if node == trigger:
            return True
        if node.pos_ in ("VERB", "AUX"):
            if node.dep_ not in _PLACE_PATH_VERBS:
                return False
        elif node.dep_ not in _PLACE_PATH_DEPS:
            return False
    return False


def _clause_span(sent, trigger, person) -> tuple[int, int]:
    """The claim as written: the sentence, without an apposition or relative clause that
    follows the person ('..., a former mayor of ...')."""
    start, end = sent.start_char, sent.end_char
    cut = None
    for child in person.children:
        if child.dep_ in ("appos", "relcl", "acl") and child.i > trigger.i and child.i > person.i:
            first = min(t.i for t in child.subtree)
            cut = first if cut is None else min(cut, first)
    if cut is not None:
        end_token = sent.doc[cut - 1]
        while end_token.is_punct and end_token.i > person.i:
            end_token = sent.doc[end_token.i - 1]
        end = end_token.idx + len(end_token.text)
    return start, end


# -- political timelines ---------------------------------------------------------------------------
def _timeline_claims(doc, sent, base) -> list[dict[str, Any]]:
    """'pushing the vote to 2031', 'extend her term until 2035': when a timeline ends."""
    if not any(t.lower_ in TIMELINE_WORDS or t.lemma_.lower() in TIMELINE_WORDS for t in sent):
        return []
    claims = []
    for token in sent:
        if not (_YEAR.fullmatch(token.text) and token.like_num):
            continue
        # Walk left over 'at least', a month, a day, 'the end of' to the preposition.
        left = token.i - 1
        open_ended = False
        month = None
        while left >= sent.start and token.i - left <= 6:
            word = doc[left].lower_
            if word in _END_PREPOSITIONS:
                break
            if word in ("at", "least"):
                open_ended = open_ended or word == "least"
            elif word in MONTHS:
                month = MONTHS.index(word) + 1
            elif not (
                word in ("the", "end", "of", "early", "late", "mid", ",") or doc[left].like_num
            ):
                left = sent.start - 1
                break
            left -= 1
        if left < sent.start:
            continue
        start = doc[left].idx
        claims.append(
            {
                **base,
                "kind": "date",
                "event": "timeline",
                "subject": "*",
                "value": {"year": int(token.text), "month": month, "open": open_ended},
                "value_text": doc[left + 1 : token.i + 1].text,
                "polarity": "affirms",
                "start": start,
                "end": token.idx + len(token.text),
                "quote_start": sent.start_char,
                "quote_end": sent.end_char,
                "mention_start": None,
            }
        )
    return claims


# -- who says so -----------------------------------------------------------------------------------
def _attribution(sent) -> str | None:
    """Who the sentence says it comes from: 'a police source', 'Reuters', 'an aide'."""
    for token in sent:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to"
        ):
            to = token.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS:
            subjects = [c for c in token.children if c.dep_ in ("nsubj",) and c.pos_ != "PRON"]
            if subjects:
                said = _phrase(subjects[0])
                heard = [
                    c for c in token.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"
                ]
                if token.lemma_.lower() == "tell" and heard:
                    said += f" (told {heard[0].text})"
                return said
            if token.lemma_.lower() == "tell":
                heard = [
                    c for c in token.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"
                ]
                if heard:
                    return heard[0].text
    return None


def _phrase(token, limit: int = 8) -> str:
    words = [t for t in token.subtree if t.dep_ not in ("relcl", "acl") or t == token]
    text = token.doc[words[0].i : words[-1].i + 1].text if words else token.text
    parts = text.split()
    return " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")


def _reported_by_initial(sent) -> bool:
    text = sent.text.lower()
    return "initial reports" in text or "reports suggest" in text or "unconfirmed" in text
