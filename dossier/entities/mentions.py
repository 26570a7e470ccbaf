"""Mentions of people, places and organisations in one parsed article.

Sources of evidence, combined here and weighed again across the whole dossier later
(:mod:`dossier.entities.resolve`):

- spaCy's NER spans, split where the model glued names together ("Silva nor Costa");
- acronym definitions ("World Health Organization (WHO)");
- organisation name patterns (capitalised words ending in Council, Group, Corps, Party...);
- stand-alone acronyms (NATO, UNICEF);
- given names (:mod:`dossier.entities.names`): "Ana Lopez" is a person whatever the model
  read, and found when the model missed it;
- datelines ("PORTO, Portugal 2024-05-01"), places whatever their case;
- the gazetteer (countries, continents, regions, cities), for places the model missed; a
  town's name glued to other capitalised words is a club's or a firm's ("Dynamo Porto");
- on a headline or a line in capitals (where case says nothing) only the names the body or
  the gazetteer knows.

Names are cleaned: ranks and titles (General, Col., President, former Prime Minister) are
taken off the name and kept as descriptions; determiners and possessives are dropped.
A mention is plain data (a dict) so it can be cached as JSON per article.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from dossier.entities.gazetteer import COUNTRY_ALIASES, fold, places
from dossier.entities.names import is_given_name
from dossier.entities.tables import table_name_spans
from dossier.entities.variants import LEGAL_FORMS, STATE_ABBREVIATIONS
from dossier.lexicon import MONTH_NUMBERS, WEEKDAYS
from dossier.nlp import doc_ents, doc_text

KIND_OF_LABEL = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organisation",
}
#: Labels the small model gives to names it cannot place; the dossier decides what they are.
UNSURE_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}

#: Titles, ranks and honorifics that precede a name (compared without a final period).
TITLES = {
    "general",
    "gen",
    "lieutenant",
    "lt",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "brigadier",
    "brig",
    "admiral",
    "adm",
    "sergeant",
    "sgt",
    "commander",
    "cmdr",
    "marshal",
    "field",
    "corporal",
    "cpl",
    "private",
    "pte",
    "president",
    "vice",
    "prime",
    "minister",
    "ministers",
    "premier",
    "chancellor",
    "secretary",
    "senator",
    "sen",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "sultan",
    "pope",
    "cardinal",
    "bishop",
    "archbishop",
    "rev",
    "reverend",
    "father",
    "imam",
    "rabbi",
    "sir",
    "dame",
    "lord",
    "lady",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "judge",
    "justice",
    "chief",
    "ambassador",
    "deputy",
    "former",
    "ex",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "commissioner",
    "attorney",
    "coach",
    "manager",
    "detective",
    "inspector",
    "superintendent",
    "constable",
    "officer",
    "agent",
    "generals",
    "colonels",
    "presidents",
    "interim",
    "acting",
    "transitional",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "state",
    "leader",
    "opposition",
    "army",
    "military",
    # roles a report puts before a name like a title ("Defender Ana Lopez", "striker ...")
    "defender",
    "defenders",
    "midfielder",
    "midfielders",
    "forward",
    "forwards",
    "striker",
    "goalkeeper",
    "winger",
    "centre",
    "center",
    "fullback",
    "quarterback",
    "pitcher",
    "skipper",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lawyer",
    "economist",
    "analyst",
}
#: Words that end an organisation's name ("Security Council", "Hanseatic Group").
ORG_HEADS = {
    "council",
    "group",
    "corps",
    "party",
    "army",
    "front",
    "movement",
    "ministry",
    "agency",
    "union",
    "bank",
    "commission",
    "committee",
    "assembly",
    "court",
    "organisation",
    "organization",
    "institute",
    "university",
    "project",
    "forces",
    "police",
    "company",
    "corporation",
    "inc",
    "ltd",
    "plc",
    "association",
    "federation",
    "foundation",
    "alliance",
    "coalition",
    "brigade",
    "battalion",
    "regiment",
    "guard",
    "network",
    "office",
    "department",
    "service",
    "services",
    "authority",
    "board",
    "league",
    "club",
    "fund",
    "trust",
    "society",
    "parliament",
    "senate",
    "congress",
    "government",
    "administration",
    "bureau",
    "times",
    "post",
    "news",
    "press",
    "herald",
    "journal",
    "tribune",
    "telegraph",
    "guardian",
    "brothers",
    "bros",
    "tech",
    "college",
    "school",
    "academy",
    "hospital",
    "museum",
    "library",
    "center",
    "centre",
}
#: Last words of place names ("Nob Hill", "Fifth Avenue", "Coney Island").
PLACE_HEADS = {
    "hill",
    "hills",
    "street",
    "avenue",
    "boulevard",
    "road",
    "square",
    "plaza",
    "park",
    "island",
    "islands",
    "river",
    "lake",
    "mountain",
    "mountains",
    "valley",
    "bay",
    "beach",
    "coast",
    "county",
    "airport",
    "harbor",
    "harbour",
    "bridge",
    "canyon",
    "peninsula",
    "strait",
    "desert",
    "forest",
    "heights",
    "falls",
    "creek",
    "stadium",
    "arena",
    "oval",
    "ground",
    "speedway",
    "racecourse",
    "raceway",
    "velodrome",
    "theater",
    "theatre",
}
#: Capitalised abbreviations that are not organisations' names.
NOT_ACRONYMS = {
    "MP",
    "MPS",
    "PM",
    "CEO",
    "CFO",
    "COO",
    "TV",
    "GDP",
    "AI",
    "OK",
    "AM",
    "BC",
    "AD",
    "II",
    "III",
    "IV",
    "VI",
    "VII",
    "VIII",
    "IX",
    "XI",
    "XII",
    "US",
    "UK",
    "USA",
    "UAE",
    "DRC",
    "ID",
    "PC",
    "CD",
    "DVD",
    "SMS",
    "GMT",
    "UTC",
    "EST",
    "PST",
    "HIV",
    "AIDS",
    "COVID",
    "DNA",
    "CCTV",
    "VIP",
    "FAQ",
    "PR",
    "HR",
    "IT",
    "RIP",
    "MR",
    "MRS",
    "MS",
    "DR",
    "NO",
    "SUV",
    "VAT",
}
#: Relatives: "his father, X" names a member of the family, not the person the family is named for.
KIN = {
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "uncle",
    "aunt",
    "nephew",
    "niece",
    "cousin",
    "grandfather",
    "grandmother",
    "grandson",
    "granddaughter",
    "stepfather",
    "stepmother",
    "stepson",
    "stepdaughter",
    "father-in-law",
    "mother-in-law",
    "son-in-law",
    "daughter-in-law",
    "brother-in-law",
    "sister-in-law",
    "widow",
    "widower",
    "fiancee",
    "fiance",
    "spouse",
    "dad",
    "mom",
    "mum",
    "parents",
    "children",
}
#: Nouns only a person is called ("striker Ana", "Lopez, a spokeswoman for ..."): a one-word
#: name next to one is a person's even when the dossier never gives the full name.
PERSON_ROLES = {
    "official",
    "leader",
    "chief",
    "founder",
    "owner",
    "player",
    "actor",
    "actress",
    "singer",
    "writer",
    "author",
    "poet",
    "artist",
    "painter",
    "composer",
    "musician",
    "rapper",
    "comedian",
    "candidate",
    "nominee",
    "activist",
    "campaigner",
    "businessman",
    "businesswoman",
    "billionaire",
    "millionaire",
    "tycoon",
    "magnate",
    "entrepreneur",
    "host",
    "anchor",
    "presenter",
    "reporter",
    "journalist",
    "columnist",
    "editor",
    "critic",
    "scientist",
    "researcher",
    "physician",
    "doctor",
    "surgeon",
    "nurse",
    "teacher",
    "student",
    "suspect",
    "victim",
    "defendant",
    "plaintiff",
    "witness",
    "soldier",
    "veteran",
    "pilot",
    "driver",
    "rider",
    "champion",
    "titleholder",
    "swimmer",
    "boxer",
    "golfer",
    "batsman",
    "bowler",
    "keeper",
    "dictator",
    "tyrant",
    "envoy",
    "diplomat",
    "adviser",
    "advisor",
    "aide",
    "lawmaker",
    "legislator",
    "politician",
    "negotiator",
    "strategist",
    "referee",
    "umpire",
    "athlete",
    "skier",
    "sprinter",
    "cyclist",
    "jockey",
    "priest",
    "cleric",
    "monk",
    "nun",
    "prophet",
    "man",
    "woman",
    "boy",
    "girl",
    "teenager",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "widow",
    "opener",
    "playmaker",
    "captain",
    "coach",
    "manager",
    "midfielder",
    "defender",
    "striker",
    "forward",
    "goalkeeper",
    "winger",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lawyer",
    "attorney",
    "economist",
    "analyst",
    "minister",
    "president",
    "senator",
    "governor",
    "mayor",
    "judge",
    "prosecutor",
    "detective",
    "inspector",
    "officer",
    "chairman",
    "chairwoman",
    "secretary",
    "ambassador",
    "premier",
    "chancellor",
    "commander",
    "general",
    "colonel",
    "sergeant",
    "lieutenant",
    "king",
    "queen",
    "prince",
    "princess",
}
#: Honorifics that say nothing of a person's role: never a description on their own.
PLAIN_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "messrs", "sir", "dame"}
_CONNECTORS = {
    "of",
    "and",
    "for",
    "the",
    "de",
    "du",
    "des",
    "la",
    "le",
    "el",
    "al",
    "ul",
    "wa",
    "bin",
    "ibn",
    "von",
    "van",
    "der",
    "di",
    "da",
    "y",
    "&",
}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
}
_LOCATIVE = {
    "in",
    "at",
    "from",
    "near",
    "into",
    "outside",
    "across",
    "throughout",
    "around",
    "via",
    "to",
    "toward",
    "towards",
    "inside",
    "within",
}
#: Cities at least this big are taken from the gazetteer without other evidence.
BIG_CITY = 100_000
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_MAX_GAZ_WORDS = 4
_MAX_DESCRIPTION_WORDS = 12


def _bare(text: str) -> str:
    return text.lower().rstrip(".")


def _is_title(token) -> bool:
    return _bare(token.text) in TITLES and (
        token.text[:1].isupper() or _bare(token.text) in {"former", "ex", "interim", "acting"}
    )


#: Offices people are elected or appointed to, written before a name ("Senator", "Gov.").
OFFICE_TITLES = {
    "president",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "judge",
}
#: Titles that, before a single capitalised word, make it a person's name ("Bishop Lopez"),
#: unlike "General" or "State", which begin names of firms and departments.
PERSON_ONLY_TITLES = OFFICE_TITLES | {
    "bishop",
    "archbishop",
    "cardinal",
    "rev",
    "reverend",
    "father",
    "rabbi",
    "imam",
    "pastor",
    "sheikh",
    "ambassador",
}


def _person_behind_titles(doc, start: int, end: int) -> bool:
    """True when a span read as an organisation is titles and a person's name: "Bishop Lopez",
    "Spokesperson Ana Lopez" (a name that starts with a given name, or one word after a title
    only people bear), with no word that ends an organisation's or a place's name."""
    lead = start
    while lead < end - 1 and _is_title(doc[lead]):
        lead += 1
    rest = doc[lead:end]
    if lead == start or not 1 <= len(rest) <= 3:
        return False
    if not all(t.is_alpha and _capitalised(t) for t in rest) or fold(rest.text) in places():
        return False
    if any(t.lower_ in ORG_HEADS or t.lower_ in PLACE_HEADS for t in rest):
        return False
    if len(rest) == 1:
        return any(_bare(t.text) in PERSON_ONLY_TITLES for t in doc[start:lead])
    return is_given_name(rest[0].text)


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
    found: list[dict[str, Any]] = _dateline_mentions(doc, taken)
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
        if taken.claim(start, end) and (
            mention := _mention(doc, start, end, "organisation", "pattern")
        ):
            found.append(mention)
    found += _token_mentions(doc, taken)
    found += _given_name_mentions(doc, taken)
    found += _gazetteer_mentions(doc, taken)
    # "Liberals", "Conservative": words for a party's members, kept aside so the dossier can
    # count them for the party when it names it (never an entity on their own).
    for ent in doc_ents(doc):
        if (
            ent.label_ == "NORP"
            and not any(taken[ent.start : ent.end])
            and _capitalised(doc[ent.start])
        ) and (mention := _mention(doc, ent.start, ent.end, "group", "NORP")):
            mention["gazetteer"] = None  # never a place, for claims either
            found.append(mention)
    found = _echo_mentions(doc, found, taken)
    _mark_table_teams(doc, found)
    found.sort(key=lambda m: m["start"])
    return found


def _mark_table_teams(doc, found: list[dict[str, Any]]) -> None:
    """Names on a line shaped like a results or standings table ('Northfield 2 Eastbrook 0')
    are teams: each such mention becomes an organisation of its own (``table``), which the
    dossier's kind vote leaves out, so the town named in prose stays a place; a name there
    that no pass found is added as a team.

    People stay people (a golf leaderboard lists players): only a mention the model or the
    gazetteer did not read as a person, or a town's name read as one, becomes a team. A
    country stays the country: its national team goes by its name everywhere.
    """
    spans = table_name_spans(doc_text(doc))
    if not spans:
        return
    starts = [start for start, _ in spans]
    covered = [False] * len(spans)
    for m in found:
        n = bisect.bisect_right(starts, m["start"]) - 1
        if n < 0 or m["start"] >= spans[n][1]:
            continue
        covered[n] = True
        if m["end"] > spans[n][1] or not _table_team(m):
            continue
        m.update(kind="organisation", table=True, gazetteer=None)
    for (start, end), seen in zip(spans, covered, strict=True):
        span = doc.char_span(start, end, alignment_mode="expand")
        if seen or span is None or is_given_name(span[0].text):
            continue  # "Ana Lopez 70 68 72": a player the model missed, not a team
        if mention := _mention(doc, span.start, span.end, "organisation", "table"):
            mention.update(table=True, gazetteer=None)
            found.append(mention)


def _table_team(mention: dict[str, Any]) -> bool:
    """Whether a mention on a results line is a team (see :func:`_mark_table_teams`)."""
    if mention["kind"] == "group" or mention.get("gazetteer") in _TEAM_KEEPS:
        return False
    return mention["kind"] != "person" or bool(mention.get("gazetteer"))


#: Gazetteer kinds a name on a results line keeps: a national team is its country's name.
_TEAM_KEEPS = {"country", "continent"}


_DASHES = {"-", "—", "–", "--"}


def _dateline_mentions(doc, taken: _Taken) -> list[dict[str, Any]]:
    """The place a story was filed from, in capitals at the start of a line: 'LISBON (Agency) -',
    'PORTO, Portugal 2024-05-01', 'ST. LOUIS 2024-05-01', 'OLHAO -- The ...'."""
    found = []
    for match in _LINE_IN_CAPITALS.finditer(doc_text(doc)):
        first = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if first is None:
            continue
        token = first[0]
        end = token.i
        while (
            end < len(doc)
            and end - token.i < 6
            and (
                _caps_word(doc[end])
                or (doc[end].text == "-" and not doc[end].whitespace_ and end > token.i)
            )
        ):
            end += 1
        if (
            end == token.i
            or end >= len(doc)
            or doc[end - 1].text == "-"
            or not _dateline_follows(doc, end, token.i)
        ):
            continue
        if taken.claim(token.i, end) and (
            mention := _mention(doc, token.i, end, "place", "dateline")
        ):
            found.append(mention)
    return found


_LINE_IN_CAPITALS = re.compile(r"(?:^|\n)[ \t]*([A-Z][A-Z.]+)")


def _caps_word(token) -> bool:
    letters = token.text.rstrip(".")
    return (len(letters) >= 2 and letters.isalpha() and letters.isupper()) or token.text in {
        "ST.",
        "FT.",
        "MT.",
    }


def _dateline_follows(doc, end: int, start: int) -> bool:
    """What follows a dateline: a comma and a region in mixed case, a year or a date, or an
    agency in brackets; a dash only after a place the gazetteer knows ("FEATURE -" is a
    label, not a place)."""
    after = doc[end]
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    if after.text == "," and nxt is not None:
        return nxt.text[:1].isupper() and not nxt.text.isupper()
    if after.text == "(":
        return True
    if after.text in _DASHES:
        return fold(doc[start:end].text) in places()
    if fold(after.text).rstrip(".") in MONTH_NUMBERS:
        return nxt is not None and nxt.text.isdigit()
    return bool(_YEAR.match(after.text))


def _echo_mentions(doc, found: list[dict[str, Any]], taken: _Taken) -> list[dict[str, Any]]:
    """Names on a headline or a line in capitals, read from the body: 'LOPEZ WINS IN PORTO'
    names the person and the place the body names ('Ana Lopez', 'Porto').

    Case says nothing on such a line, so the model's guesses there are kept only when the
    body or the gazetteer knows the name; the line is then read again for the body's names
    (a person's surname too) and for countries and regions.
    """
    body: dict[str, str] = {}
    for m in found:
        if (
            not m["headline"]
            and m["kind"] in ("person", "place", "organisation")
            and not (m["name"].isupper() and _slug(doc, m))
        ):
            body.setdefault(fold(m["name"]), m["kind"])
    for m in found:
        if not m["headline"] and m["kind"] == "person" and m["words"] >= 2:
            body.setdefault(fold(m["name"].split()[-1]), "person")
    kept = []
    for m in found:
        key = fold(m["name"])
        if (
            m["source"] != "dateline"
            and key not in body
            and key not in places()
            and (_on_shouted_line(doc, m["start"]) or (m["name"].isupper() and _slug(doc, m)))
        ):
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            taken.release(span.start, span.end)
            continue
        kept.append(m)
    gazetteer = places()
    for token in _headline_tokens(doc):
        if taken[token.i] or not token.is_alpha or not _capitalised(token):
            continue
        for size in range(min(_MAX_GAZ_WORDS, len(doc) - token.i), 0, -1):
            span = doc[token.i : token.i + size]
            if any(taken[span.start : span.end]) or not _capitalised(span[-1]):
                continue
            key = fold(span.text)
            kind = body.get(key) or ("place" if gazetteer.get(key, ("",))[0] in _BROAD else None)
            if kind and taken.claim(span.start, span.end):
                if mention := _mention(doc, span.start, span.end, kind, "echo"):
                    kept.append(mention)
                break
    return kept


def _headline_tokens(doc):
    """The tokens of the headline and shouted lines, in order."""
    _line_flags(doc, 0)
    ends, flags = doc.user_data["dossier_lines"]
    for n, (headline, _) in enumerate(flags):
        start = ends[n - 1] + 1 if n else 0
        span = (
            doc.char_span(start, ends[n], alignment_mode="expand")
            if headline and ends[n] > start
            else None
        )
        yield from span or ()


def _slug(doc, mention: dict[str, Any]) -> bool:
    """'FEATURE - ...', 'UPDATE 2 - ...': a label in capitals that opens a line, not a name."""
    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    if not mention["name"].isupper() or (
        span.start and "\n" not in doc[span.start - 1].text_with_ws
    ):
        return False
    rest = doc[span.end : span.end + 3]
    return any(t.text in _DASHES and t.whitespace_ for t in rest) and all(
        t.text in _DASHES or _numeric(t)
        for t in rest[: next(i for i, t in enumerate(rest) if t.text in _DASHES) + 1]
    )


#: Gazetteer kinds taken on a headline line without the body's support (towns are not:
#: "BATH", "READING" and "NICE" are words there).
_BROAD = {"country", "continent", "region"}


def _model_mentions(doc, taken: _Taken) -> list[dict[str, Any]]:
    """The model's names, cut into runs, made whole (hyphens, head nouns) and cleaned."""
    found = []
    for ent in doc_ents(doc):
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None and ent.label_ not in UNSURE_LABELS:
            continue
        for start, end in _runs(
            doc, ent.start, ent.end, split_and=kind != "organisation", person=kind == "person"
        ):
            start, end = _extend_hyphens(doc, start, end)
            if kind == "organisation":
                end = _extend_org(doc, end)
            corporate = _corporate_after(doc, end)
            if corporate:
                kind = "organisation"
            elif kind != "person" and _personal_name(
                doc, *(given := _with_given_name(doc, start, end, taken))
            ):
                kind, (start, end) = (
                    "person",
                    given,
                )  # "Ana Lopez" read as an organisation or a place
            elif kind == "person" and _named_after_place(doc, start, end):
                kind = "organisation"  # "Lisbon United", "Porto Re": a club or firm, not a person
            if kind == "person":
                start, end = _extend_person(doc, start, end, taken)
            elif kind == "place" and _dotted_agency(doc, start, end):
                kind = "organisation"  # the model's "F.B.I." place: an agency's initials
            if (
                all(_is_title(doc[i]) for i in range(start, end))
                and end < len(doc)
                and doc[end].ent_type_ == "PERSON"
            ):
                continue  # "State" in "Secretary of State Ann Lee" is part of her title
            if (
                ent.label_ == "GPE"
                and end - start == 1
                and (places().get(fold(doc[start].text)) or ("",))[0] == "city"
            ):
                if (
                    end < len(doc)
                    and doc[end].ent_iob_ == "B"
                    and doc[end].ent_type_ == "PERSON"
                    and _town_before_name(doc, start)
                ):
                    continue  # "Salem" in "Salem Haddad": the person's given name
                if compound := _named_after_city(doc, start, end, taken):
                    found += _compound_mention(doc, *compound, taken)
                    continue
            if _headline_phrase(doc, start, end) or not taken.claim(start, end):
                continue
            if mention := _mention(doc, start, end, kind, ent.label_):
                mention["corporate"] = corporate
                found.append(mention)
            else:
                taken.release(start, end)
    return found


def _headline_line(doc, start: int) -> bool:
    return _on_headline(doc, doc[start].idx)


def _name_word(token) -> bool:
    """A capitalised word that can be part of a person's name (not a title, head noun or number)."""
    bare = _bare(token.text)
    return bool(
        ((token.text[:1].isupper() and not _ROMAN.match(token.text)) or _INITIAL.match(token.text))
        and token.text.replace("-", "").replace("'", "").replace("’", "").rstrip(".").isalpha()
        and not token.is_stop
        and bare not in TITLES
        and bare not in ORG_HEADS
        and bare not in PLACE_HEADS
        and (places().get(fold(token.text)) or ("city",))[0] == "city"
    )


def _personal_name(doc, start: int, end: int) -> bool:
    """'Ana Lopez' where the model saw an organisation or a place: a given name, then one or two
    name words, the last no given name too (two given names are often a firm: "Morgan Stanley")."""
    if not 2 <= end - start <= 3 or _headline_line(doc, start):
        return False
    span = doc[start:end]
    return bool(
        (is_given_name(span[0].text) or (_INITIAL.match(span[0].text) and span[0].whitespace_))
        and not _demonym(span[0])
        and all(_name_word(t) for t in span)
        and not is_given_name(span[-1].text)
        and fold(span.text) not in places()
    )


def _with_given_name(doc, start: int, end: int, taken: _Taken) -> tuple[int, int]:
    """The span with the given name just before it, when the model left it out ('Ana' + 'Lopez')."""
    if (
        end - start == 1
        and start
        and not taken[start - 1]
        and doc[start - 1].whitespace_ == " "
        and is_given_name(doc[start - 1].text)
        and doc[start - 1].ent_type_ == ""
    ):
        return start - 1, end
    return start, end


def _named_after_place(doc, start: int, end: int) -> bool:
    """A 'person' of two or three words, none a given name, one a country or a big city, one
    not a place, or one ending in an organisation's head noun ('Ana Lopez Club')."""
    span = doc[start:end]
    if len(span) < 2 or _headline_line(doc, start):
        return False
    if _bare(span[-1].text) in ORG_HEADS:
        return True
    if len(span) > 3 or any(is_given_name(t.text, places_too=True) for t in span):
        return False
    found = [places().get(fold(t.text)) for t in span]
    big = [f is not None and (f[0] != "city" or f[1] >= BIG_CITY) for f in found]
    return any(big) and not all(found)


def _extend_person(doc, start: int, end: int, taken: _Taken) -> tuple[int, int]:
    """A person's name the model cut short or took too much of: a given name just before it
    ("Ana" + "Lopez" when "Ana" looked like a town), a name word just after it ("Ana Le" +
    "Gras"); a nationality word in front ("Russian Ana Lopez") is left out."""
    if _headline_line(doc, start):
        return start, end
    if end - start >= 3 and _demonym(doc[start]) and is_given_name(doc[start + 1].text):
        start += 1
    while (
        start > 0
        and end - start < 4
        and not taken[start - 1]
        and doc[start - 1].whitespace_ == " "
        and doc[start - 1].ent_type_ in ("", "GPE", "LOC", "NORP")
        and _name_word(doc[start - 1])
        and (
            is_given_name(doc[start - 1].text)
            or (
                end - start == 1
                and doc[start - 1].tag_ == "NNP"
                and _town_before_name(doc, start - 1)
            )
        )
    ):
        start -= 1
    while (
        end < len(doc)
        and end - start < 4
        and not taken[end]
        and doc[end - 1].whitespace_ == " "
        and doc[end].ent_type_ == ""
        and doc[end].tag_ == "NNP"
        and _name_word(doc[end])
    ):
        end += 1
    return start, end


def _town_before_name(doc, i: int) -> bool:
    """'Salem' in 'Salem Haddad': a town's name as a given name, right before a surname, not
    after 'in' or 'at'."""
    return (places().get(fold(doc[i].text)) or ("",))[0] == "city" and not (
        i and doc[i - 1].lower_ in _LOCATIVE
    )


def _demonym(token) -> bool:
    """'Russian', 'Swede', 'Montenegrin': a word naming a country's people (its first letters
    are a country's), not a given name nor a place itself."""
    return _demonym_word(token.text)


def _demonym_word(word: str) -> bool:
    key = fold(word)
    return (
        len(key) >= 4
        and key[:4] in _country_stems()
        and key not in places()
        and key.endswith(_DEMONYM_ENDINGS)
    )


#: How words for a country's people end ("Russian", "Japanese", "Swede", "Croat", "Thai").
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic", "e", "er", "at", "in", "ot", "k", "ch")


@functools.lru_cache(maxsize=1)
def _country_stems() -> frozenset[str]:
    return frozenset(
        key[:4]
        for key, (kind, _) in places().items()
        if kind == "country" and len(key) >= 4 and " " not in key
    )


def _given_name_mentions(doc, taken: _Taken) -> list[dict[str, Any]]:
    """People the model missed: a given name followed by one or two name words ('Ana Lopez')."""
    found = []
    flags, words = taken.flags, _words(doc)
    for i, word in enumerate(words):
        if flags[i] or not word[:1].isupper() or not is_given_name(word):
            continue
        token = doc[i]
        if token.tag_ != "NNP" or token.ent_type_ or not _name_word(token):
            continue  # a word of another kind of name ("Christian Democrats", "Grace Day")
        end = i + 1
        while (
            end < len(doc)
            and end - i < 3
            and not taken[end]
            and doc[end - 1].whitespace_ == " "
            and doc[end].tag_ in ("NNP", "NNPS")
            and not doc[end].ent_type_
            and _name_word(doc[end])
        ):
            end += 1
        if end - i < 2 or not _personal_name(doc, i, end) or _corporate_after(doc, end):
            continue
        if (
            end < len(doc)
            and _capitalised(doc[end])
            and doc[end - 1].whitespace_ == " "
            and not doc[end].is_punct
        ):
            continue  # a longer capitalised run ("Ana Lopez Foundation Trust"): not only a name
        if taken.claim(i, end) and (mention := _mention(doc, i, end, "person", "given-name")):
            found.append(mention)
    return found


def _token_mentions(doc, taken: _Taken) -> list[dict[str, Any]]:
    """One-token names the model missed: state abbreviations and acronyms."""
    found = []
    words = _words(doc)
    for i, word in enumerate(words):
        # "N.C.", "(D-Va.)": US states as news abbreviates them.
        if (
            word not in STATE_ABBREVIATIONS
            or taken[i]
            or (word.count(".") < 2 and not _party_state(doc, i))
        ):
            continue
        if taken.claim(i, i + 1) and (mention := _mention(doc, i, i + 1, "place", "gazetteer")):
            found.append(mention)
    for i, word in enumerate(words):
        if not _ACRONYM_RE.match(word) or taken[i] or not any(c.isalpha() for c in word):
            continue
        token = doc[i]
        if _shouting(token.sent) or _on_shouted_line(doc, token.idx):
            continue  # an all-capitals headline: every word looks like an acronym
        previous = doc[token.i - 1].lower_ if token.i else ""
        if token.text in COUNTRY_ALIASES or (
            _dateline(doc, doc[token.i : token.i + 1]) and fold(token.text) in places()
        ):
            kind, source = "place", "gazetteer"
        elif token.text.upper() in NOT_ACRONYMS or previous in {"a", "an"} or len(token.text) < 2:
            continue
        else:
            kind, source = "organisation", "acronym"
        if taken.claim(token.i, token.i + 1) and (
            mention := _mention(doc, token.i, token.i + 1, kind, source)
        ):
            found.append(mention)
    return found


def _gazetteer_mentions(doc, taken: _Taken) -> list[dict[str, Any]]:
    """Places the model missed, longest gazetteer name first."""
    found = []
    gazetteer = places()
    words, flags = _words(doc), taken.flags
    for token in doc:
        if flags[token.i] or not words[token.i][:1].isupper() or token.tag_ not in ("NNP", "NNPS"):
            continue
        for size in range(min(_MAX_GAZ_WORDS, len(doc) - token.i), 0, -1):
            if any(flags[token.i : token.i + size]) or not words[token.i + size - 1][:1].isupper():
                continue
            span = doc[token.i : token.i + size]
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
            if kind == "city" and (compound := _named_after_city(doc, span.start, span.end, taken)):
                found += _compound_mention(doc, *compound, taken)
                break
            if taken.claim(span.start, span.end):
                if mention := _mention(doc, span.start, span.end, "place", "gazetteer"):
                    found.append(mention)
                break
    return found


#: Words before a city's name that still name a part of the city ("Central Lisbon").
_PART_OF_PLACE = {
    "central",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "greater",
    "inner",
    "outer",
    "downtown",
    "upper",
    "lower",
    "old",
    "new",
    "metro",
    "metropolitan",
    "suburban",
    "midtown",
    "uptown",
}


def _named_after_city(doc, start: int, end: int, taken: _Taken) -> tuple[int, int] | None:
    """'Porto Wanderers', 'Dynamo Lisbon', 'Braga Newsroom': a town's name glued to other
    capitalised words is part of a club's, a firm's or an office's name, not the town.

    Returns the whole name's token bounds, or None when the town stands alone (or with a
    weekday after it: "in Porto Wednesday").
    """

    def glue(token) -> bool:
        bare = _bare(token.text)
        # an acronym already read as an organisation ("SC Porto") still holds the name together
        free = not taken[token.i] or (token.text.isupper() and len(token.text) <= 5)
        return (
            free
            and token.text[:1].isupper()
            and token.is_alpha
            and not token.is_stop
            and token.ent_type_ not in ("PERSON", "NORP", "DATE", "TIME")
            and not _ROMAN.match(token.text)
            and (bare not in TITLES or bare in ORG_HEADS)
            and bare not in WEEKDAYS
            and fold(token.text) not in MONTH_NUMBERS
            and bare not in _PART_OF_PLACE
            and fold(token.text) not in places()
            and not _demonym(token)
        )

    if end - start == 1 and is_given_name(doc[start].text):
        return None  # "Elizabeth", "Florence": as often a person's name as the town's
    first, last = start, end
    while (
        first > 0
        and start - first < 2
        and doc[first - 1].whitespace_ == " "
        and glue(doc[first - 1])
    ):
        if doc[first - 1].is_sent_start and doc[first - 1].pos_ != "PROPN":
            break  # "Visiting Porto, ...": a capitalised first word of a sentence
        first -= 1
    while (
        last < len(doc) and last - end < 2 and doc[last - 1].whitespace_ == " " and glue(doc[last])
    ):
        last += 1
    if (first, last) == (start, end) or _shouting(doc[start].sent):
        return None
    if first < start and is_given_name(doc[first].text) and last == end:
        return None  # "Ana Porto": a person named like the town, left to the model
    return first, last


def _compound_mention(doc, start: int, end: int, taken: _Taken) -> list[dict[str, Any]]:
    """The whole name a town's name is part of: a place when it ends like one ('Porto Bay'),
    otherwise an organisation."""
    kind = "place" if _bare(doc[end - 1].text) in PLACE_HEADS else "organisation"
    if taken.claim(start, end) and (mention := _mention(doc, start, end, kind, "compound")):
        return [mention]
    for i in range(start, end):
        taken.claim(i, i + 1)  # part of a name held by another mention: not the town either
    return []


_YEAR = re.compile(r"^(1[89]|20)\d\d\b")
_ROMAN = re.compile(r"^[IVX]+$")
#: An initial standing for a given name ("J. Lopez").
_INITIAL = re.compile(r"^[A-Z]\.$")


def _dateline(doc, span) -> bool:
    """'LISBON —', 'LISBON (Agency) -', 'LISBON 2024-05-01' at the start of a line: the place
    the story was filed from, capitals or not."""
    if span.start and "\n" not in doc[span.start - 1].text and not doc[span.start - 1].is_space:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and (
        after.text in {"-", "—", "–", "--", "(", ","} or bool(_YEAR.match(after.text))
    )


def _plural_possessive(doc, i: int, start: int, end: int) -> bool:
    """The apostrophe of "Sky News' Ana Lee" inside a span: an owner ending in s, then a
    person's given name ("Workers' Union" is one name)."""
    return (
        doc[i].text in {"'", "’"}
        and start < i < end - 1
        and bool(doc[i].whitespace_)
        and not doc[i - 1].whitespace_
        and doc[i - 1].lower_.endswith("s")
        and is_given_name(doc[i + 1].text)
    )


#: City initials news writes with dots ("N.Y.C."); countries' are in COUNTRY_ALIASES.
_CITY_INITIALS = {"NYC", "LA", "DC", "SF"}
_DOTTED_RE = re.compile(r"^(?:[A-Z]\.){3,}$")


def _dotted_agency(doc, start: int, end: int) -> bool:
    """'F.B.I.', 'C.I.A.': three or more dotted initials that are no country, state or city."""
    text = doc[start].text
    return (
        end - start == 1
        and bool(_DOTTED_RE.match(text))
        and text not in STATE_ABBREVIATIONS
        and text.replace(".", "") not in COUNTRY_ALIASES
        and text.replace(".", "") not in _CITY_INITIALS
        and fold(text) not in places()
    )


def _party_state(doc, i: int) -> bool:
    """'R-Va.' in '(R-Va.)': a party letter, a hyphen, then the state."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].text in {"D", "R", "I"}


def _extend_hyphens(doc, start: int, end: int) -> tuple[int, int]:
    """Keep hyphenated names whole ('Ana' + '-Sofia', 'Port' + '-au-Prince') when the model cut
    them."""
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and (_capitalised(doc[end + 1]) or len(doc[end + 1].text) <= 3)
    ):
        end += 2  # "-in", "-a-", "-Lago", but not "-based"
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].is_alpha
        and _capitalised(doc[start - 2])
        and not _party_state(doc, start)  # 'Va.' in 'R-Va.' is the state, not 'R-Va.'
    ):
        start -= 2
    return start, end


def _corporate_after(doc, end: int) -> bool:
    """'Acme, Inc.' / 'Acme LLC': the name before a legal form is a company's."""
    i = end + (end < len(doc) and doc[end].text == ",")
    if i >= len(doc) or not _capitalised(doc[i]) or (i + 1 < len(doc) and doc[i + 1].text == "-"):
        return False  # "Japan, co-hosts of ..."
    return _bare(doc[i].text).lower() in LEGAL_FORMS


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
    return _line_flags(doc, char)[0]


def _on_shouted_line(doc, char: int) -> bool:
    """True when the character is on a line written mostly in capitals."""
    return _line_flags(doc, char)[1]


def _line_flags(doc, char: int) -> tuple[bool, bool]:
    """(headline or shouted, shouted) for the line holding the character, judged once per
    document and kept in ``doc.user_data``."""
    lines = doc.user_data.get("dossier_lines")
    if lines is None:
        text, ends, flags, start = doc_text(doc), [], [], 0
        for line in text.split("\n"):
            end = start + len(line)
            ends.append(end)
            if _plainly_prose(line):
                flags.append((False, False))  # most lines: judged on the string, not the tokens
            else:
                span = doc.char_span(start, end, alignment_mode="expand") if line.strip() else None
                shouted = bool(span) and _shouting(span)
                flags.append((shouted or (bool(span) and _title_case(span)), shouted))
            start = end + 1
        lines = doc.user_data["dossier_lines"] = (ends, flags)
    ends, flags = lines
    return flags[min(bisect.bisect_left(ends, char), len(flags) - 1)]


_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]{4,}")


def _plainly_prose(line: str) -> bool:
    """A line that is neither in title case (it has a long word in lower case) nor in capitals
    (lower-case letters far outnumber capitals): the common case, told without the tokens."""
    lower = sum(c.islower() for c in line)
    return bool(_LOWER_WORD.search(line)) and lower > 5 * sum(c.isupper() for c in line) + 20


def _title_case(sentence) -> bool:
    """True for a headline in title case, where every word is capitalised, verbs too."""
    words = [t for t in sentence if t.is_alpha and len(t.text) > 3]
    if len(words) < 3 or not all(t.text[:1].isupper() for t in words):
        return False
    # A headline has little words capitalised ("Is", "To"); a list of names or scores has
    # none, but has numbers and brackets.
    if any(t.text[:1].isdigit() or t.text in {"(", ";"} for t in sentence):
        return False
    if any(t.is_stop and t.text[:1].isupper() for t in sentence[1:]):
        return True
    # Or the little words left in lower case between capitalised ones, as most news sites
    # print a headline ("Governor Names Aide to Fill Vacant Seat"); a list of names has commas.
    return (
        len(words) >= 4
        and sentence[-1].text not in {".", "!", "?"}
        and not any(t.text == "," for t in sentence)
        and any(t.text in _HEADLINE_LOWER for t in sentence[1:-1])
    )


#: Little words a headline in title case keeps in lower case (not "and"/"or": "Smith and Wesson").
_HEADLINE_LOWER = {
    "to",
    "of",
    "in",
    "on",
    "for",
    "at",
    "with",
    "after",
    "from",
    "by",
    "over",
    "into",
    "about",
    "against",
    "a",
    "an",
    "the",
}


def _headline_phrase(doc, start: int, end: int) -> bool:
    """'Dog Is Coming' in a title-case headline: a verb or a little word inside a 'name'."""
    span = doc[start:end]
    if len(span) < 2 or not _title_case(span.sent):
        return False
    return any(
        (t.is_stop and t.lower_ not in _CONNECTORS) or t.pos_ in ("VERB", "AUX") for t in span[1:]
    )


def _runs(
    doc, start: int, end: int, split_and: bool, person: bool = False
) -> list[tuple[int, int]]:
    """Split a span at commas, paragraph breaks and (for non-organisations) and/or/nor.

    In a person's name a number or a lowercase word that is no particle ("van", "bin") ends it:
    "Ann Lee st Kim Ross" are two people with a word between.
    """
    runs, run_start = [], start
    for i in range(start, end):
        token = doc[i]
        # "Parliament's Budget Office": the owner and the owned are two names.
        possessive = (token.lower_ in {"'s", "’s"} and i + 1 < end) or _plural_possessive(
            doc, i, start, end
        )
        cut = (
            (token.is_punct and token.text not in {"-", "'", "’", "."})
            or (split_and and token.lower_ in {"and", "or", "nor", "&"})
            or possessive
            or "\n\n" in token.text_with_ws  # a paragraph break (a single one may be a hard wrap)
            or (token.is_space and (i == run_start or i == end - 1))
            or (
                person and any(c.isdigit() for c in token.text)
            )  # "Radio 4" is a name, "Ann Lee 12" is not
            or (
                person and token.is_alpha and token.text.islower() and token.text not in _CONNECTORS
            )
            # "Goalkeepers - Ana Lopez", "Lisbon - Rui Costa": a dash with spaces around it
            # separates, a hyphen inside a name ("Port-au-Prince") has none.
            or (
                token.text in {"-", "--"}
                and token.whitespace_
                and i > start
                and doc[i - 1].whitespace_
            )
            or _case_break(doc, i)
        )
        if cut:
            if run_start < i:
                runs.append((run_start, i))
            run_start = i + 1
    if run_start < end:
        runs.append((run_start, end))
    return [trimmed for run in runs if (trimmed := _trim_number(doc, *run))]


#: Names that end in a number of their own ("Channel 4", "Route 66", "Terminal 5").
NUMBERED_NAMES = {
    "channel",
    "radio",
    "route",
    "highway",
    "interstate",
    "terminal",
    "flight",
    "formula",
    "apollo",
    "district",
    "ward",
    "precinct",
    "pier",
    "gate",
    "platform",
    "studio",
}


def _trim_number(doc, start: int, end: int) -> tuple[int, int] | None:
    """'Lopez 12', 'Porto 3' (a score, a page, an amount after a name): the name without the
    number, unless the name is one that ends in a number ('Channel 4')."""
    while (
        end - 1 > start
        and _numeric(doc[end - 1])
        and _bare(doc[end - 2].text) not in NUMBERED_NAMES
    ):
        end -= 1
    return (start, end) if not _numeric(doc[start]) or end - start > 1 else None


def _numeric(token) -> bool:
    return any(c.isdigit() for c in token.text) and not any(c.isalpha() for c in token.text)


def _case_break(doc, i: int) -> bool:
    """A line break between a name in mixed case and a word in capitals: a byline followed by a
    dateline ('Ana Lopez' / 'LISBON'), two lines, not one name wrapped."""
    token = doc[i]
    if "\n" not in token.text_with_ws or i + 1 >= len(doc):
        return False
    after, this = doc[i + 1], doc[i - 1] if token.is_space and i else token
    return (
        after.is_alpha and len(after.text) > 1 and after.text.isupper() and not this.text.isupper()
    )


def _extend_org(doc, end: int) -> int:
    """'Hanseatic' + 'Group' when the model stopped one word short of the head noun."""
    while end < len(doc) and _capitalised(doc[end]) and _bare(doc[end].text) in ORG_HEADS:
        end += 1
    return end


def _org_patterns(doc):
    """Capitalised runs ending in an organisation head word ('Armed Forces Council')."""
    words = _words(doc)
    caps = [w[:1].isupper() for w in words]
    i = 0
    while i < len(doc):
        if not caps[i] or (_bare(words[i]) in _DETERMINERS and doc[i].is_sent_start):
            i += 1
            continue
        j = i
        while j < len(doc) and (
            caps[j] or (j > i and words[j].lower() in {"of", "for", "and", "&"})
        ):
            j += 1
        while j > i and not caps[j - 1]:
            j -= 1
        if j - i >= 2 and _bare(words[j - 1]) in ORG_HEADS:
            yield i, j
        i = max(j, i + 1)


def _words(doc) -> list[str]:
    """The text of every token (kept in ``doc.user_data``: reading spaCy tokens is slow)."""
    words = doc.user_data.get("dossier_words")
    if words is None:
        words = doc.user_data["dossier_words"] = [t.text for t in doc]
    return words


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
            if (
                letters[:1] == acronym[:1]
                and _subsequence(acronym, letters)
                and _capitalised(doc[begin])
            ):
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


#: Words that open a sentence and may be glued to the name after them by the model.
_CONNECTIVES = {"plus", "also", "but", "and", "then", "still", "yet", "meanwhile"}


def _trim_span(doc, start: int, end: int) -> tuple[int, int, bool]:
    """Drop leading determiners, trailing lowercase words and a possessive from a span.

    Returns:
        (start, end, possessive): the trimmed token span, and whether it ended in "'s".
    """
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    if end - start >= 3 and _party_state(doc, start + 2):
        start += 2  # the model's "D-Mass.": the state, after the party letter
    while end - start >= 2 and doc[start].lower_ in _CONNECTIVES and doc[start].is_sent_start:
        start += 1  # "Plus Marsh is ...": a sentence's opening word, not a given name
    while end > start + 1 and doc[end - 1].is_alpha and doc[end - 1].text.islower():
        end -= 1  # "Acme Tribune days after": a name ends on a capitalised word
    possessive = end < len(doc) and doc[end].lower_ in {"'s", "’s"}
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
        possessive = possessive or doc[end - 1].lower_ in {"'s", "’s"}
        end -= 1
    return start, end, possessive


def _span_titles(doc, start: int, end: int, surface_start: int) -> tuple[int, list[str]]:
    """Ranks inside the span ("Gen Ana Lopez") and right before it ("former Prime Minister ...").

    Returns:
        (start, titles): the span's start past its own titles, and every title in order.
    """
    titles: list[str] = []
    while start < end - 1 and _is_title(doc[start]):
        titles.append(doc[start].text)
        start += 1
    left = surface_start - 1
    before: list[str] = []
    while (
        left >= 0
        and len(before) < 5
        and (
            _is_title(doc[left])
            or (doc[left].lower_ == "of" and before and left > 0 and _is_title(doc[left - 1]))
        )
    ):
        # "Secretary of State Ann Lee": "of" inside a title keeps the whole title.
        before.insert(0, doc[left].text)
        left -= 1
    return start, before + titles


def _clean_name(span, kind: str | None) -> str | None:
    """The span's text as a name, or None when it is a bare title, suffix or stop words."""
    name = " ".join(span.text.split())  # a name wrapped over two lines is one name
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    name = name.strip(" -’'\"“”")
    if len(name) < 2 or not any(c.isupper() for c in name) or all(t.is_stop for t in span):
        return None
    if kind == "person" and len(span) == 1 and _bare(span.text) in TITLES:
        return None
    if len(span) == 1 and _bare(span.text).lower() in LEGAL_FORMS:
        return None
    if any(t.text in {"v.", "vs."} for t in span) or _joined_places(name):
        return None  # a court case ("Lee v. Ohio"), a relation ("France-Spain border")
    return name


def _joined_places(name: str) -> bool:
    """'France-Spain', 'United States-Japanese': two countries or regions (or one and a people)
    hyphened into a modifier, unless the whole is a place ('Guinea-Bissau'); towns are left
    alone ('Wilkes-Barre')."""
    parts = name.split("-")
    if len(parts) != 2 or fold(name) in places() or not all(parts):
        return False

    def placed(part: str) -> bool:
        return (
            (places().get(fold(part)) or ("city",))[0] != "city"
            or part.replace(".", "") in COUNTRY_ALIASES
            or part in COUNTRY_ALIASES
            or _demonym_word(part)
        )

    return placed(parts[0]) and placed(parts[1])


def _mention(doc, start: int, end: int, kind: str | None, source: str) -> dict[str, Any] | None:
    """Clean a token span into a mention, or None when nothing name-like is left."""
    surface_start = start
    start, end, possessive = _trim_span(doc, start, end)
    titles: list[str] = []
    if kind == "organisation" and _person_behind_titles(doc, start, end):
        kind = "person"  # "Bishop Ana Lopez" read as an organisation: the title tells
    if kind in ("person", None):
        start, titles = _span_titles(doc, start, end, surface_start)
    if start >= end:
        return None
    span = doc[start:end]
    name = _clean_name(span, kind)
    if name is None:
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
        "locative": previous in _LOCATIVE or _place_of(doc, surface_start),
        "placed": _placed(doc, span, surface_start),
        "words": len(span),
        "before": previous,
        "possessive": possessive,
        # A headline or a shouted line: case says nothing there (weighed across the dossier).
        "headline": _on_headline(doc, span.start_char),
        "kin": _kin(doc, span) if kind in ("person", None) else None,
    }
    if (
        len(span) == 1
        and kind in ("person", None)
        and (_has_role(doc, span) or any(_bare(t) in PERSON_ROLES for t in titles))
    ):
        mention["role"] = True
    return mention


_INSIDE = {"in", "near", "outside", "inside", "throughout", "across"}
#: Nouns for places: "the town of X", "X province".
PLACE_NOUNS = {
    "outskirts",
    "capital",
    "city",
    "town",
    "region",
    "province",
    "village",
    "state",
    "county",
    "district",
    "port",
    "resort",
    "island",
    "valley",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "municipality",
    "prefecture",
    "territory",
    "enclave",
    "oblast",
    "governorate",
}


def _placed(doc, span, surface_start: int) -> bool:
    """Said only of places: "in X", "the city X", "the town of X", "X province" (not "at X":
    shops and firms too)."""
    previous = doc[surface_start - 1].lower_ if surface_start else ""
    return (
        (previous in _INSIDE and surface_start == span.start)
        or (previous in PLACE_NOUNS and len(span) == 1)
        or _place_of(doc, surface_start)
        or _place_noun_after(doc, span.end)
    )


def _place_of(doc, start: int) -> bool:
    """'the town of X', 'the coast of X', 'north of X'."""
    return (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in PLACE_NOUNS | _PARTS_OF_PLACES
    )


#: What a place has and a person or a firm has not: "the coast of X", "north of X".
_PARTS_OF_PLACES = {
    "coast",
    "shores",
    "streets",
    "suburbs",
    "centre",
    "center",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "outskirts",
    "heart",
    "edge",
    "mayor",
    "residents",
    "citizens",
    "people",
}


def _place_noun_after(doc, end: int) -> bool:
    """'X province', 'X state' (not 'X state media', where the place names a government's)."""
    if end >= len(doc) or doc[end].lower_ not in PLACE_NOUNS or not doc[end].text.islower():
        return False
    return end + 1 >= len(doc) or not (
        doc[end + 1].pos_ in ("NOUN", "PROPN") and doc[end + 1].text.islower()
    )


def _has_role(doc, span) -> bool:
    """'striker Ana', 'Brazilian defender Lopez', 'Lopez, a spokeswoman', 'Lopez, an American':
    a noun only a person is called, right before the name or in apposition to it."""
    left = span.start - 1
    modifier = (
        span.end < len(doc) and doc[span.end].pos_ == "NOUN" and doc[span.end].text.islower()
    )  # "the official Twitter account": the name names the account, the role word is its own
    if (
        left >= 0
        and doc[left].text.islower()
        and doc[left].lemma_.lower() in PERSON_ROLES
        and not modifier
    ):
        return True
    if (
        span.end < len(doc)
        and doc[span.end].lower_ in {"administration", "presidency"}
        and doc[span.end].text.islower()
    ):
        return True  # "the Ana Lopez administration": only a person has one
    for child in span.root.children:
        if (
            child.dep_ == "appos"
            and child.i >= span.end
            and (
                (child.text.islower() and child.lemma_.lower() in PERSON_ROLES)
                or child.ent_type_ == "NORP"
            )
        ):
            return True
    return (
        span.root.dep_ == "appos"
        and span.root.head.text.islower()
        and span.root.head.lemma_.lower() in PERSON_ROLES
    )


def _kin(doc, span) -> str | None:
    """'father' in 'his father, Rev. John Doe' or 'John Doe, his father': who this is to someone."""
    root = span.root
    if root.dep_ == "appos" and root.head.lower_ in KIN:
        return root.head.lower_
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in KIN:
            return child.lower_
    left = span.start - 1
    while left >= 0 and (
        _is_title(doc[left]) or (doc[left].pos_ in ("ADJ", "NOUN") and doc[left].lower_ not in KIN)
    ):
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
    words: list[str] = []
    while (
        left >= 0
        and doc[left].pos_ in ("NOUN", "ADJ", "PROPN")
        and doc[left].ent_type_ not in ("PERSON", "ORG", "GPE")
        and len(words) < 4
    ):
        if doc[left].pos_ == "PROPN" and doc[left].ent_type_ != "NORP":
            break
        words.insert(0, doc[left].text)
        left -= 1
    hyphenated = (
        left >= 0 and not doc[left].whitespace_
    )  # the tail of a hyphenated word: a fragment
    if (
        words
        and not hyphenated
        and any(
            doc[span.start - 1 - i].pos_ == "NOUN"
            for i in range(len(words))
            if span.start - 1 - i >= 0
        )
    ):
        found.append(" ".join(words))
    # Appositions: "General Ana Lopez, a respected former mayor of Porto".
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ != "PRON":
            # ("Ana Lopez, herself a lawyer": the role follows as an apposition of its own.)
            tokens = [t for t in child.subtree if t.i >= span.end]
            if any(t.ent_type_ == "PERSON" for t in tokens):
                continue  # another person's name: their role, not this one's
            text = doc[tokens[0].i : tokens[-1].i + 1].text if tokens else ""
            text = re.split(r",|;|—| – | who | which ", text)[0].strip()
            text = re.sub(r"^(a|an|the)\s+", "", text, flags=re.I)
            if text.startswith("("):  # "Ana Lopez (D-Ore.)": the party tag, without brackets
                text = text[1:].removesuffix(")").strip()
            if (
                text
                and len(text.split()) <= _MAX_DESCRIPTION_WORDS
                and re.search(r"[a-z]{3}", text)
            ):
                found.append(text)
    return found
