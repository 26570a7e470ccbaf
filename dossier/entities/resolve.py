"""One entity per real-world name across the dossier.

Per-article mentions (:mod:`dossier.entities.mentions`) are weighed together here: the same
surface form gets one kind for the whole dossier (the model's votes, the gazetteer, the
context), spelling variants of one person join ("Mohamed Salah" ~ "Mohammed Salah"), a bare
surname joins the one person who carries it, acronyms join their definitions. Pure Python:
no spaCy, so re-merging after a change is cheap.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from operator import itemgetter
from typing import Any, cast

from rapidfuzz import fuzz, process
from slugify import slugify

from dossier.entities.gazetteer import fold
from dossier.entities.mentions import OFFICE_TITLES, ORG_HEADS, PLACE_HEADS, PLAIN_HONORIFICS
from dossier.entities.names import given_name_gender, is_given_name
from dossier.entities.variants import (
    LEGAL_FORMS,
    VariantGroups,
    canonical,
    full_name,
    person_form,
    same_given,
    surname_forms,
)

KINDS = ("person", "place", "organisation")
_BROAD_PLACES = {"country", "continent", "region"}
#: Similarity (0-100) two spellings of a given name / surname need to be one person.
GIVEN_NAME_SIMILARITY = 80
SURNAME_SIMILARITY = 85
#: A word after a title or called someone's kin is a person unless read as an organisation
#: more than this many times for each time it is so written.
TITLE_OUTVOTED = 4
#: A single word read mostly as an organisation, written in this many times more articles
#: than name in full anyone with it for a surname, is not their surname.
SURNAME_SPREAD = 10
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


#: Titles that only a person carries: a word written after one of them is a person's name.
HONORIFICS = OFFICE_TITLES | {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "justice",
    "secretary",
    "sir",
    "dame",
    "lord",
    "lady",
    "prince",
    "princess",
    "king",
    "queen",
    "pope",
    "minister",
    "chancellor",
    "premier",
    "speaker",
    "candidate",
    "nominee",
}
#: Social platforms, news agencies and outlets: organisations the small model often takes for
#: people ("Instagram said", "told Reuters"). A lexicon of kinds of things, not of one story.
MEDIA_AND_PLATFORMS = {
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "tiktok",
    "snapchat",
    "reddit",
    "whatsapp",
    "linkedin",
    "telegram",
    "wechat",
    "weibo",
    "pinterest",
    "tumblr",
    "truth social",
    "threads",
    "google",
    "apple",
    "amazon",
    "microsoft",
    "netflix",
    "spotify",
    "uber",
    "airbnb",
    "wikipedia",
    "reuters",
    "bloomberg",
    "politico",
    "axios",
    "buzzfeed",
    "vox",
    "slate",
    "salon",
    "vice",
    "breitbart",
    "the hill",
    "the atlantic",
    "time",
    "newsweek",
    "forbes",
    "fortune",
    "cnn",
    "msnbc",
    "cnbc",
    "nbc",
    "abc",
    "cbs",
    "pbs",
    "npr",
    "fox",
    "fox news",
    "bbc",
    "sky news",
    "al jazeera",
    "afp",
    "ap",
    "associated press",
    "upi",
    "tass",
    "xinhua",
    "huffpost",
    "huffington post",
    "daily beast",
    "drudge report",
    "mediaite",
    "propublica",
    "the intercept",
    "usa today",
    "cnn money",
    "c-span",
    "espn",
    "yahoo",
    "yahoo news",
    "msn",
}
#: Last words of a firm's full name that the short name leaves out ("Acme Stores").
BUSINESS_NOUNS = {
    "stores",
    "store",
    "workshop",
    "company",
    "holdings",
    "brands",
    "international",
    "enterprises",
    "industries",
    "motors",
    "airlines",
    "airways",
    "foods",
    "pharmaceuticals",
    "media",
    "entertainment",
    "studios",
    "labs",
    "technologies",
    "systems",
    "communications",
    "energy",
    "financial",
    "partners",
    "capital",
    "ventures",
    "restaurants",
    "hotels",
    "resorts",
}
#: Names that are not places, people or organisations even when the gazetteer lists a town.
NOT_ENTITIES = {"god", "allah", "lord"}


class _Spelling:
    """What the mentions of a name written one way say of its kind, summed over them.

    Counts add up in any order; the two order-dependent facts (the order in which each kind
    was first voted, the last gazetteer kind) are kept with the position of the mention that
    set them, so mentions fed out of order sum up as in order.
    """

    __slots__ = (
        "at",
        "body",
        "corporate",
        "defined",
        "first",
        "first_kind",
        "gazetteer",
        "kin",
        "locative",
        "named",
        "paths",
        "placed",
        "titled",
        "votes",
    )

    def __init__(self) -> None:
        self.votes: dict[str | None, int] = {}
        self.paths: dict[str, int] = {}  # the articles it is written in, and how often
        self.first_kind: dict[str | None, int] = {}
        self.first: tuple[int, Any] | None = None  # the first mention's gazetteer entry
        self.gazetteer: tuple[int, str] | None = None  # the last one that names a kind
        self.locative = self.placed = self.at = self.kin = self.body = self.titled = 0
        self.defined = self.corporate = self.named = False

    def plain(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    @classmethod
    def from_plain(cls, values: tuple[Any, ...]) -> _Spelling:
        spelling = cls.__new__(cls)
        for name, value in zip(cls.__slots__, values, strict=True):
            setattr(spelling, name, value)
        return spelling

    def add(self, m: dict[str, Any], position: int, path: str) -> None:
        """Count one mention (``position``: its place among all mentions of the dossier;
        ``path``: its article's)."""
        # Runs once per mention of the dossier on every merge: plain tests, no bool sums.
        kind, get, votes = m["kind"], m.get, self.votes
        paths = self.paths
        paths[path] = paths.get(path, 0) + 1
        if kind in votes:
            votes[kind] += 1
            if position < self.first_kind[kind]:
                self.first_kind[kind] = position
        else:
            votes[kind] = 1
            self.first_kind[kind] = position
        gaz = get("gazetteer")
        if gaz and (self.gazetteer is None or position > self.gazetteer[0]):
            self.gazetteer = (position, gaz)
        if self.first is None or position < self.first[0]:
            self.first = (position, gaz)
        if get("locative"):
            self.locative += 1
        if get("placed"):
            self.placed += 1
        # "at X", "on X" (not "at X's rally"): shops, venues, platforms, never a person.
        if get("before") in _AT_OR_ON and not get("possessive"):
            self.at += 1
        if get("kin") or get("role"):  # "his wife, Ann", "striker Ann"
            self.kin += 1
        if not get("headline"):
            self.body += 1
            titles = get("titles")
            if titles and _titled(titles):
                self.titled += 1
        if not self.defined and m["source"] == "definition":
            self.defined = True
        if not self.corporate and get("corporate"):
            self.corporate = True
        if not self.named and kind == "person" and not gaz:
            self.named = True


_AT_OR_ON = frozenset({"at", "on"})


#: Mentions per article at most, for one number to order every mention of a dossier.
_PER_ARTICLE = 1 << 32
_COUNTS = ("locative", "placed", "at", "kin", "body", "titled")


def _empty_evidence() -> dict[str, Any]:
    return {
        "votes": {},
        "gazetteer": {},
        "acronym": {},
        **{name: Counter() for name in _COUNTS},
        "defined": set(),
        "corporate": set(),
        "given": set(),
        "owners": {},  # surname -> the people named in full with it (see _name_parts)
        "paths": {},  # group -> {article: its mentions there}
    }


def _group_evidence(ev: dict[str, Any], root: str, spellings: list[tuple[str, _Spelling]]) -> None:
    """Sum a group's spellings into the dossier's evidence ``ev`` (votes in the order each
    kind was first voted, the gazetteer kind of the last mention that has one)."""
    votes: Counter = Counter()
    paths: Counter = Counter()
    first_kind: dict[str | None, int] = {}
    sums = dict.fromkeys(_COUNTS, 0)
    last = first = None
    upper = defined = corporate = False
    for name, s in spellings:
        paths.update(s.paths)
        for kind, n in s.votes.items():
            votes[kind] += n
            first_kind[kind] = min(first_kind.get(kind, s.first_kind[kind]), s.first_kind[kind])
        if s.gazetteer and (last is None or s.gazetteer[0] > last[0]):
            last = s.gazetteer
        if s.first and (first is None or s.first[0] < first[0]):
            first = s.first
        for count in _COUNTS:
            sums[count] += getattr(s, count)
        upper = upper or name.replace(".", "").isupper()
        defined = defined or s.defined
        corporate = corporate or s.corporate
    ev["votes"][root] = Counter({k: votes[k] for k in sorted(votes, key=first_kind.__getitem__)})
    ev["paths"][root] = paths
    ev["gazetteer"][root] = (last or first or (0, None))[1]
    ev["acronym"][root] = upper
    for count in _COUNTS:
        ev[count][root] = sums[count]
    for flag, on in (("defined", defined), ("corporate", corporate)):
        if on:
            ev[flag].add(root)
        else:
            ev[flag].discard(root)


def _titled(titles: list[str] | None) -> bool:
    return any(fold(t).rstrip(".") in HONORIFICS for t in titles or ())


def _name_parts(named: AbstractSet[str]) -> tuple[dict[str, set[str]], set[str]]:
    """The people named in full (by group key) of each surname, and their first given
    names."""
    owners: dict[str, set[str]] = defaultdict(set)
    given: set[str] = set()
    for key in named:
        if len(key.split()) >= 2:
            for surname in surname_forms(key):
                owners[surname].add(key)
            first = person_form(key)[0]
            if first:
                given.add(first[0])
    return dict(owners), given


def _spread_beyond_owners(key: str, ev: dict[str, Any], as_person: int) -> bool:
    """True when ``key`` is read as an organisation more than the other ways, and written in
    far more articles (:data:`SURNAME_SPREAD` times) than name in full the people with
    surname ``key`` (or ``key`` less a plural "s")."""
    if ev["votes"][key]["organisation"] <= as_person:
        return False
    family = key if key in ev["owners"] else key[:-1]
    owners = set()
    for owner in ev["owners"].get(family, ()):
        owners.update(ev["paths"].get(owner, ()))
    return len(ev["paths"][key]) > SURNAME_SPREAD * max(len(owners), 1)


def decide_kinds(mentions: dict[str, list[dict[str, Any]]]) -> dict[str, str | None]:
    """The kind each folded surface form has across the dossier (None: not an entity).

    Variant spellings ("F.A.A.", "FAA", "Federal Aviation Administration") vote together and
    get one kind; see :func:`dossier.entities.variants.variant_groups`.
    """
    resolver = Resolver(list(mentions))
    resolver.ahead(mentions)
    return resolver.kinds()


def mention_kind(mention: dict[str, Any], kinds: dict[str, str | None]) -> str | None:
    """The kind of one mention: its own when its line fixed it (a team on a results line),
    else the kind its name has across the dossier (``kinds``, from :func:`decide_kinds`)."""
    if mention.get("table"):
        return "organisation"
    return kinds.get(fold(mention["name"]))


def _group_kind(key: str, ev: dict[str, Any]) -> str | None:
    """The kind of one name group from its votes and evidence, or None when not an entity."""
    counter = ev["votes"][key]
    gaz = ev["gazetteer"].get(key)
    locative = ev["locative"][key]
    known = Counter({k: v for k, v in counter.items() if k})
    unsure = counter[None]
    single = len(key.split()) == 1
    # A single word that is the surname of a person named in full elsewhere in the dossier
    # (or "the Smiths", the family), or that follows "Mr."/"President": that person.
    surname = single and (key in ev["owners"] or (key.endswith("s") and key[:-1] in ev["owners"]))
    # After "Mr." or "President", or called someone's wife or son: a person.
    signs = ev["titled"][key] + ev["kin"][key]
    # ... unless the dossier reads it as an organisation many times for each such sign
    # (one "Labour" taken for a role in hundreds of the party's mentions).
    titled = signs > 0 and signs * TITLE_OUTVOTED >= known["organisation"]
    if surname and _spread_beyond_owners(key, ev, known["person"] + unsure):
        # Read mostly as an organisation, and in far more articles than name its owners in
        # full ("Labour", a party, in 180 articles; "New Labour" read as a name in one): a
        # namesake's surname, not that person everywhere.
        surname = False
    as_person = known["person"] + (unsure if surname else 0)
    as_place = known["place"] + locative
    if key in NOT_ENTITIES:
        return None
    if not ev["body"][key] and not gaz and not (surname or titled) and not known["place"]:
        return None  # only ever in a headline or a shouted line: a phrase, not a name
    if key in ev["defined"] or key in ev["corporate"]:
        # Once written "Name, Inc." (or defined as an acronym): a company everywhere.
        return "organisation"
    if key in MEDIA_AND_PLATFORMS and not (surname or titled):
        return "organisation"  # an outlet, unless it is the surname of someone named in full
    if gaz in _BROAD_PLACES:
        return "person" if (surname or titled) and as_person > 2 * as_place else "place"
    if (surname or (titled and single)) and locative <= max(known["person"], 1):
        # Never the organisation or place of that name, unless mostly written "in X".
        return "person"
    if gaz == "city" and known["place"] + known["person"] + locative >= known["organisation"] / 2:
        # A town's name read as a person once, or used after "in"/"near": the town. Mostly
        # read as an organisation and never placed: a club or firm named after it.
        return "place"
    return _kind_by_votes(key, ev, known, gaz, locative, titled)


def _kind_by_votes(
    key: str, ev: dict[str, Any], known: Counter, gaz: str | None, locative: int, titled: bool
) -> str | None:
    """The kind most mentions of a name were read as, corrected by how it is used: placed like
    a town, written "at X", or a lone word no one is named by."""
    single = len(key.split()) == 1
    placed = ev["placed"][key]
    if (
        not gaz
        and known
        and placed >= max(known["organisation"], known["person"], 1)
        and not ORG_HEADS.intersection(key.split())
        and not ev["acronym"].get(key)
    ):
        return "place"  # "the town of X", "X province": a place the gazetteer does not know
    if not known:
        return None
    top = known.most_common()
    if len(top) > 1 and top[0][1] == top[1][1]:
        tied = {top[0][0], top[1][0]}
        kind = (
            "place"
            if "place" in tied and locative
            else ("person" if "person" in tied else top[0][0])
        )
    else:
        kind = top[0][0]
    if kind == "person" and not titled and ev["at"][key] * 2 >= known["person"]:
        # "bought at X", "posted on X": a shop, venue or platform, not a person.
        return "place" if gaz else "organisation"
    if kind == "person" and single and not titled and key not in ev["given"]:
        # One word, never the surname or given name of anyone named in full, never after
        # "Mr." or a title: news introduces people by full name, so this is a brand, a show,
        # an outlet... an organisation when anyone read it so, otherwise not an entity.
        return "organisation" if known["organisation"] else None
    if kind != "person" and not single and key.split()[-1] in PLACE_HEADS:
        return "place"
    return kind


def _similar_part(a: str, b: str, threshold: int) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) <= SHORT_PART:
        return False
    return fuzz.ratio(a, b) >= threshold


def _same_person(a: str, b: str) -> bool:
    """Two multi-word names of one person: same surname and given name, up to spelling.

    Middle initials and "Jr."/"III" may be left out but must not differ; a common nickname
    stands for its given name ("Dave" for "David") when the surname is the same.
    """
    given_a, surname_a, suffix_a, middle_a = person_form(a)
    given_b, surname_b, suffix_b, middle_b = person_form(b)
    if not given_a or not given_b or not _similar_part(surname_a, surname_b, SURNAME_SIMILARITY):
        return False
    if (suffix_a and suffix_b and suffix_a != suffix_b) or (
        middle_a and middle_b and middle_a != middle_b
    ):
        return False

    def alike(x: str, y: str) -> bool:
        return _similar_part(x, y, GIVEN_NAME_SIMILARITY) or (
            surname_a == surname_b and same_given(x, y)
        )

    if len(given_a) == len(given_b):
        return all(alike(x, y) for x, y in zip(given_a, given_b, strict=True))
    short, long = (given_a, given_b) if len(given_a) < len(given_b) else (given_b, given_a)
    return alike(short[0], long[0]) and all(any(alike(x, y) for y in long) for x in short)


def _has_accents(text: str) -> bool:
    if text.isascii():
        return False
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text))


def _best_name(surfaces: Counter) -> str:
    """The display name: per word position, the spelling most mentions use (accents win ties)."""
    if len(surfaces) == 1:  # one spelling: its words
        return " ".join(next(iter(surfaces)).split())
    longest = Counter({s: n for s, n in surfaces.items() if len(s.split()) > 1}) or surfaces
    lengths: Counter[int] = Counter()
    for surface, n in longest.items():
        lengths[len(surface.split())] += n
    size = lengths.most_common(1)[0][0]
    chosen = []
    for position in range(size):
        spelling: Counter[str] = Counter()
        for surface, n in longest.items():
            words = surface.split()
            if len(words) == size:
                spelling[words[position]] += n
        chosen.append(
            max(spelling.items(), key=lambda item: (item[1], _has_accents(item[0]), item[0]))[0]
        )
    return " ".join(chosen)


#: Relatives who share a name with "Jr." or "Sr." told apart.
_PARENT_OR_CHILD = {"father", "mother", "son", "daughter", "dad", "mom", "mum"}


def _join_people(full: list[str], union: _Union, parents: AbstractSet[str] = frozenset()) -> None:
    """Spelling variants, initials, suffixes and nicknames of full names of one person.

    A name without "Jr."/"Sr." that the dossier calls someone's father or son stays apart
    from the same name with the suffix.
    """
    for a, b in _people_pairs(full, _apart(full, parents)):
        union.join(f"person|{a}", f"person|{b}")


def _apart(full: list[str], parents: AbstractSet[str]) -> set[str]:
    """The fathers and sons named like a "Jr."/"Sr." of the dossier."""
    # A father or son named like a "Jr."/"Sr." of the dossier joins only his own variants: a
    # join with a shared one ("Bob Smith") would chain him to his namesake.
    suffixed = {(person_form(k)[0][:1], person_form(k)[1]) for k in full if person_form(k)[2]}
    return {
        k
        for k in parents
        if not person_form(k)[2] and (person_form(k)[0][:1], person_form(k)[1]) in suffixed
    }


def _people_pairs(
    full: list[str], apart: set[str], new: AbstractSet[str] | None = None
) -> list[tuple[str, str]]:
    """The pairs of full names of one person (only those with a ``new`` name, when given)."""
    by_initial: dict[str, list[str]] = defaultdict(list)
    for key in full:  # spelling variants keep a surname's first letter: compare within those
        by_initial[person_form(key)[1][:1]].append(key)
    pairs = []
    for block in by_initial.values():
        if new is not None and new.isdisjoint(block):
            continue
        for i, j in _surname_pairs(block, new):
            a, b = block[i], block[j]
            if len({a, b} & apart) != 1 and _same_person(a, b):
                pairs.append((a, b))
    return pairs


def _join_compound_surnames(full: list[str], union: _Union) -> None:
    """'Lopez Ramos' is 'Ana Lopez Ramos' named by her two-word surname: two
    words, the first no given name, that end the one longer name of the dossier."""
    endings: dict[str, set[str]] = defaultdict(set)
    for key in full:
        words = key.split()
        if len(words) >= 3:
            endings[" ".join(words[-2:])].add(key)
    for key in full:
        words = key.split()
        longer = endings.get(key, set())
        if len(words) == 2 and len(longer) == 1 and not is_given_name(words[0]):
            union.join(f"person|{key}", f"person|{next(iter(longer))}")


def _surname_pairs(block: list[str], new: AbstractSet[str] | None = None) -> list[tuple[int, int]]:
    """The pairs (i < j, in order) of a block's names whose surnames :func:`_same_person` could
    accept (with a ``new`` name, when given); each pair of surnames is compared once, not once
    per pair of names."""
    forms = [person_form(key) for key in block]
    at: dict[str, list[int]] = defaultdict(list)
    for n, (given, surname, _, _) in enumerate(forms):
        if given:  # a name without a given name is never the same person as another
            at[surname].append(n)
    # The same test as _similar_part, with the fuzzy ratios of one surname against all the
    # others computed in one call (rapidfuzz's C loop).
    longer = [s for s in at if len(s) > SHORT_PART]
    alike: dict[str, list[str]] = {s: [s] for s in at}
    wanted = None if new is None else {forms[n][1] for n, key in enumerate(block) if key in new}
    for a in longer:
        if wanted is None or a in wanted:
            alike[a] += [
                b
                for b, _, _ in process.extract(
                    a, longer, scorer=fuzz.ratio, score_cutoff=SURNAME_SIMILARITY, limit=None
                )
                if b != a
            ]
    pairs = []
    for i, (given, surname, _, _) in enumerate(forms):
        if not given:
            continue
        if new is None:
            pairs += [(i, j) for j in sorted(j for s in alike[surname] for j in at[s] if j > i)]
        elif block[i] in new:
            # Similar surnames are similar both ways: the new name's own list finds its pairs
            # (a pair of two new names once, from the first).
            pairs += [
                (min(i, j), max(i, j))
                for j in sorted(j for s in alike[surname] for j in at[s])
                if j != i and (j > i or block[j] not in new)
            ]
    return pairs


def _join_organisations(items, organisations: set[str], union: _Union) -> None:
    """Acronym <-> definition; "X Group" <-> "X"; "Russian X Y" <-> "X Y"; "X Stores" <-> "X"."""
    for _, m, key, kind in items:
        if kind == "organisation" and m.get("defines"):
            other = canonical(fold(m["defines"]))
            if other in organisations:
                union.join(f"organisation|{key}", f"organisation|{other}")
    longer: dict[str, list[str]] = defaultdict(list)
    for key in organisations:
        words = key.split()
        if len(words) >= 2 and words[-1] in ORG_HEADS and " ".join(words[:-1]) in organisations:
            union.join(f"organisation|{key}", f"organisation|{' '.join(words[:-1])}")
        elif len(words) >= 2 and " ".join(words[:-1]) in organisations:
            longer[" ".join(words[:-1])].append(key)
        if len(words) >= 3 and " ".join(words[1:]) in organisations:
            union.join(f"organisation|{key}", f"organisation|{' '.join(words[1:])}")
    # A name and the same name with a business noun ("Acme" / "Acme Stores") are one firm when
    # the dossier has no other such extension; a full legal name ("Acme Stores Inc.") is the
    # firm's own whatever else extends the name ("Acme Way" is its motto, not the firm).
    extensions = {key for extended in longer.values() for key in extended}
    legal = {
        key
        for _, m, key, kind in items
        if kind == "organisation"
        and key in extensions  # the only keys asked about below
        and fold(m["name"]).split()[-1].rstrip(".") in LEGAL_FORMS
    }
    for short, extended in longer.items():
        registered = [key for key in extended if key in legal]
        business = [key for key in extended if key.split()[-1] in BUSINESS_NOUNS]
        if (
            len(short) >= 4
            and short.split()[-1] not in ORG_HEADS
            and (len(registered) == 1 or (len(extended) == 1 and business))
        ):
            union.join(f"organisation|{short}", f"organisation|{(registered or extended)[0]}")


#: Honorifics and titles that say whether the person is a man or a woman.
_GENDERED_TITLES = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "congressman": "m",
    "congresswoman": "f",
}


def _rank_titles(mention: dict[str, Any]) -> set[str]:
    """A mention's titles that say what someone is ('president', 'gov'), not 'Mr.'."""
    return {fold(t).rstrip(".") for t in mention.get("titles") or ()} - PLAIN_HONORIFICS


def _title_gender(mention: dict[str, Any]) -> str | None:
    found = {_GENDERED_TITLES.get(t.lower().rstrip(".")) for t in mention.get("titles") or ()}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _owner_genders(full: list[str], union: _Union) -> dict[str, str]:
    """Each person group's gender, when its given names tell it ('Ana Lee': 'f')."""
    seen: dict[str, set[str]] = defaultdict(set)
    for key in full:
        given = person_form(key)[0]
        seen[union.find(f"person|{key}")].add(given_name_gender(given[0]) or "?" if given else "?")
    return {group: g.pop() for group, g in seen.items() if len(g) == 1 and "?" not in g}


def _attach_single_names(
    items, full: list[str], union: _Union
) -> tuple[list[str | None], set[str]]:
    """The group of every item: a bare surname (or "the Smiths") joins the one person who has
    it, in the same article first (named in full before it there); a bare given name the one
    person named so. "Mr. Lee" never joins "Ana Lee" (nor, in an article that only says
    "Mr. Lee", do its plain "Lee"s)."""
    surname_owner: dict[str, set[str]] = defaultdict(set)
    given_owner: dict[str, set[str]] = defaultdict(set)
    for key in full:
        given = person_form(key)[0]
        for surname in surname_forms(key):
            surname_owner[surname].add(union.find(f"person|{key}"))
        if given:
            given_owner[given[0]].add(union.find(f"person|{key}"))
    labels, first_full, titles_of = _named_in_full(items, union)
    genders = _owner_genders(full, union)
    ruled_out = _ruled_out_by_titles(items, surname_owner, genders, first_full)
    ambiguous: set[str] = set()
    groups_of_item: list[str | None] = []
    for path, m, key, kind in items:
        group, person = labels[(kind, key)]
        if person == -1:
            family = key[:-1] if key not in surname_owner and key.endswith("s") else key
            owners = surname_owner.get(family) or given_owner.get(key, set())
            if not owners:
                groups_of_item.append(group)
                continue
            titles = m.get("titles")
            gender = _title_gender(m) if titles else None
            out = ruled_out.get((path, key))
            if out or gender is not None:
                owners = {
                    o
                    for o in owners - (out or set())
                    if gender is None or genders.get(o, gender) == gender
                }
            if titles:
                # "President Lee" is the Lee the dossier calls President, when one is.
                rank = _rank_titles(m)
                owners = {o for o in owners if titles_of[o] & rank} or owners
            named = first_full[path]
            local = {o for o in owners if named.get(o, m["start"] + 1) <= m["start"]}
            if m["source"] == "NORP" and not local:
                # A people's word ("French") where no one with that surname was named in
                # full before it: not that person (the model reads some surnames so too).
                groups_of_item.append(None)
                continue
            if len(local) == 1 and family == key:
                group = next(iter(local))
            elif len(owners) == 1 and family == key:
                group = next(iter(owners))
            elif owners:
                ambiguous.add(group)
        groups_of_item.append(group)
    return groups_of_item, ambiguous


def _named_in_full(items, union: _Union):
    """Per (kind, key) its group before single names attach and whether it is one word naming
    a person (-1), a full name (1) or neither (0); where each person is first named in full
    in each article; the titles given each person."""
    labels: dict[tuple[str, str], tuple[str, int]] = {}
    for _, _, key, kind in items:
        if (kind, key) not in labels:
            words = len(key.split())
            person = (-1 if words == 1 else 1 if words >= 2 else 0) if kind == "person" else 0
            labels[(kind, key)] = (union.find(f"{kind}|{key}"), person)
    first_full: dict[str, dict[str, int]] = defaultdict(dict)
    titles_of: dict[str, set[str]] = defaultdict(set)
    for path, m, key, kind in items:
        owner, person = labels[(kind, key)]
        if person == 1:
            first_full[path][owner] = min(first_full[path].get(owner, m["start"]), m["start"])
            if m.get("titles"):
                titles_of[owner] |= _rank_titles(m)
    return labels, first_full, titles_of


def _ruled_out_by_titles(
    items,
    surname_owner: dict[str, set[str]],
    genders: dict[str, str],
    first_full: dict[str, dict[str, int]],
):
    """{(path, surname): owners} that an article's "Mr. Lee" rules out for its plain "Lee"s
    (the namesakes of the other sex), when the article gives that surname one sex only and
    names no one of that sex and surname in full (else its own full names tell)."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path, m, key, kind in items:
        if kind == "person" and m.get("titles") and len(key.split()) == 1:
            gender = _title_gender(m)
            if gender:
                seen[(path, key)].add(gender)
    found: dict[tuple[str, str], set[str]] = {}
    for (path, key), sexes in seen.items():
        sex = next(iter(sexes))
        owners = surname_owner.get(key, set())
        if len(sexes) == 1 and not any(
            genders.get(o) == sex for o in owners & first_full[path].keys()
        ):
            found[(path, key)] = {
                o for o in surname_owner.get(key, ()) if genders.get(o, sex) != sex
            }
    return found


def _display_name(kind: str, members, surfaces: Counter) -> str:
    """The name an entity is shown by, from the surface forms of its mentions."""
    # "Liberals" counts for the Liberal Party but never names it.
    naming = (
        Counter(m["name"] for _, m in members if m["source"] != "NORP")
        if any(m["source"] == "NORP" for _, m in members)
        else surfaces
    ) or surfaces
    if kind == "person":
        name = _best_name(naming)
    elif len(naming) == 1:
        name = next(iter(naming))
    else:
        # A place by its full name ("Oregon", not "Ore."), never a capitalised dateline;
        # then the most used name; on a tie a full name over an abbreviation, then the
        # shortest ("Africa Corps" over "Russian Africa Corps").
        name = max(
            naming.items(),
            key=lambda item: (
                kind != "place" or "." not in item[0],
                not (item[0].isupper() and len(item[0]) > 5),
                item[1],
                kind == "organisation" and len(item[0].split()) > 1,
                "." not in item[0],
                -len(item[0].split()),
                _has_accents(item[0]),
            ),
        )[0]
    expanded = full_name(name) if kind == "place" else None
    if expanded:
        name = expanded  # only "Nev." in the dossier: still shown as "Nevada"
    elif kind == "place" and name.isupper() and len(name) > 5:
        name = name.title()  # only a dateline ("LISBON —") names it
    return name


def _entity_record(
    name: str, kind: str, members, surfaces: Counter, ambiguous: bool
) -> dict[str, Any]:
    """One entity as CONTRACT.md describes it, from its mentions (all but its id)."""
    aliases = set(surfaces)
    for _, m in members:
        if m.get("titles"):
            aliases.add(" ".join(m["titles"] + [m["name"]]))
    aliases.discard(name)
    described: list[dict[str, str]] = []
    seen = set()
    for path, m in members:
        for text in m.get("descriptions") or ():
            folded = fold(text)
            if folded not in seen:
                seen.add(folded)
                described.append({"text": text, "path": path})
    return {
        "name": name,
        "kind": kind,
        "aliases": sorted(aliases, key=lambda a: (fold(a), a)),
        "descriptions": [d["text"] for d in described],
        "described": described,
        "mentions": len(members),
        "paths": sorted({path for path, _ in members}),
        "ambiguous": ambiguous,
        "occurrences": sorted(
            (
                {
                    "path": path,
                    "start": m["start"],
                    "end": m["end"],
                    "sentence": m["sentence"],
                    "surface": m["name"],
                }
                for path, m in members
            ),
            key=itemgetter("path", "start"),
        ),
    }


def resolve(
    mentions: dict[str, list[dict[str, Any]]], authors: set[str] | None = None
) -> list[dict[str, Any]]:
    """Merge every article's mentions into the dossier's entities.

    Args:
        mentions: {article path: mentions of that article}.
        authors: byline names; they are article metadata, never people in the story.

    Returns:
        Entities as CONTRACT.md describes them, plus ``occurrences`` (path, start, end,
        sentence) for concordances and highlighting, sorted by kind then mentions.
    """
    resolver = Resolver(list(mentions), authors)
    resolver.ahead(mentions)
    return resolver.finish({})


class Resolver:
    """The dossier's entities from its articles' mentions, fed in two steps.

    :meth:`ahead` takes the articles whose analyses are known before a run parses the others
    (so its passes over their mentions run while a worker parses), :meth:`finish` the others,
    and returns what :func:`resolve` of all of them returns. What the mentions say is summed
    per spelling with each mention's position in the dossier, so the order of feeding does
    not matter; the kinds are decided again for the name groups the late articles touch, the
    joins and single names for the whole dossier. When a late name would regroup an earlier
    one, everything is resolved again from the start.

    A finished resolver can be kept as plain values (:meth:`plain`, :meth:`from_plain`) and
    carried onto the dossier of a later run (:meth:`carry`): the articles changed or gone
    are taken out of the sums, the others keep their place, and :meth:`finish` folds in
    the articles it lacks (see :mod:`dossier.entities.kept`).
    """

    def __init__(self, paths: Sequence[str], authors: set[str] | None = None) -> None:
        self.paths = list(paths)
        self._at = {path: n for n, path in enumerate(self.paths)}
        self._authors = authors
        self._author_keys = {fold(a) for a in authors or ()}
        self._mentions: dict[str, list[dict[str, Any]]] = {}
        self._folded: dict[str, str] = {}  # spelling -> folded key
        self._keys: dict[str, bool] = {}  # folded key -> written as an acronym
        self._spellings: dict[str, _Spelling] = {}
        self._variants = VariantGroups()
        self._groups = self._variants.groups  # folded key -> its variant group's key
        self._members: dict[str, set[str]] = defaultdict(set)  # group -> spellings
        self._ev = _empty_evidence()
        self._named: set[str] = set()
        self._by_group: dict[str, str | None] = {}
        self._spelled: dict[str, tuple[str, str | None, bool]] = {}
        self._party_names: frozenset[str] = frozenset()
        self._parties: dict[str, str | None] = {}
        self._items: dict[str, list[tuple[str, dict[str, Any], str, str]]] = {}
        self._settled: tuple[list[dict[str, Any]] | None, _Settled] | None = None

    def ahead(self, mentions: Mapping[str, list[dict[str, Any]]]) -> None:
        """Take the mentions known first ({path: mentions}; call once, before :meth:`finish`)."""
        for path, found in mentions.items():
            self._feed(path, found)
        self._variants.update(self._keys)
        for name in self._spellings:
            self._members[self._groups[self._folded[name]]].add(name)
        for root in self._members:
            self._sum_group(root)
        self._named = {self._groups[self._folded[n]] for n in self._spellings if self._is_named(n)}
        self._ev["owners"], self._ev["given"] = _name_parts(self._named)
        self._by_group = {root: _group_kind(root, self._ev) for root in self._members}
        self._party_names = self._parties_named()
        for path in mentions:
            self._items[path] = self._items_of(path)

    def finish(self, mentions: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The entities of every article, with the late ones' mentions ({path: mentions})."""
        if any(path in self._mentions or path not in self._at for path in mentions):
            raise ValueError("finish() takes articles of the dossier not fed ahead")
        if mentions:
            late = {path: self._feed(path, found) for path, found in mentions.items()}
            self._update(late)
        elif self._settled is not None and self._settled[0] is not None:
            return self._settled[0]
        items = [item for path in self.paths for item in self._items.get(path, ())]
        before = self._settled[1] if self._settled is not None else None
        self._settled = _entities_of(items, before)
        return cast(list[dict[str, Any]], self._settled[0])

    def carry(
        self, paths: Sequence[str], drop: AbstractSet[str], authors: set[str] | None = None
    ) -> bool:
        """Move this resolver, fed and finished by an earlier run, onto the dossier of
        ``paths``: the articles of ``drop`` (changed since) and those no longer in ``paths``
        are taken out, the others keep what was summed and settled for them; the articles
        of ``paths`` it lacks are then given to :meth:`finish`, which returns what
        :func:`resolve` of the whole dossier returns.

        Returns:
            False when the articles kept are not in the same order in ``paths`` (the resolver
            is then left as it was, and must be built again).
        """
        at = {path: n for n, path in enumerate(paths)}
        gone = [p for p in self.paths if p in drop or p not in at]
        kept = [p for p in self.paths if p in self._mentions and p not in drop and p in at]
        if any(at[a] > at[b] for a, b in itertools.pairwise(kept)):
            return False
        self._renumber({self._at[p]: at[p] for p in kept})
        self.paths, self._at = list(paths), at
        self._drop([p for p in gone if p in self._mentions])
        self._new_authors(authors)
        if self._settled is not None:
            self._settled = (None, self._settled[1])  # the entities of the dossier before
        return True

    def plain(self) -> tuple[Any, ...]:
        """What this resolver has summed and settled, as plain values (``marshal`` keeps
        them, and the mentions its parts share stay shared); :meth:`from_plain` reads it."""
        variants = self._variants
        settled = self._settled[1] if self._settled is not None else None
        return (
            self.paths,
            None if self._authors is None else sorted(self._authors),
            self._mentions,
            self._folded,
            self._keys,
            {name: s.plain() for name, s in self._spellings.items()},
            variants.plain(),
            dict(self._members),
            {
                k: {r: dict(c) for r, c in v.items()} if k in _PER_GROUP else _plain_counts(v)
                for k, v in self._ev.items()
            },
            self._named,
            self._by_group,
            self._spelled,
            self._party_names,
            self._parties,
            self._items,
            None if settled is None else settled.plain(),
        )

    @classmethod
    def from_plain(cls, data: tuple[Any, ...]) -> Resolver:
        """The resolver :meth:`plain` gave ``data`` of."""
        (
            paths,
            authors,
            mentions,
            folded,
            keys,
            spellings,
            variants,
            members,
            ev,
            named,
            by_group,
            spelled,
            party_names,
            parties,
            items,
            settled,
        ) = data
        resolver = cls(paths, None if authors is None else set(authors))
        resolver._mentions, resolver._folded, resolver._keys = mentions, folded, keys
        resolver._spellings = {name: _Spelling.from_plain(s) for name, s in spellings.items()}
        resolver._variants = VariantGroups.from_plain(variants)
        resolver._groups = resolver._variants.groups
        resolver._members = defaultdict(set, members)
        for k, v in ev.items():
            if k == "votes":
                v = {root: Counter(c) for root, c in v.items()}
            resolver._ev[k] = Counter(v) if isinstance(resolver._ev[k], Counter) else v
        resolver._named, resolver._by_group, resolver._spelled = named, by_group, spelled
        resolver._party_names, resolver._parties, resolver._items = party_names, parties, items
        if settled is not None:
            resolver._settled = (None, _Settled.from_plain(settled))
        return resolver

    def _renumber(self, moved: dict[int, int]) -> None:
        """Give the mentions counted so far their place in a dossier whose articles moved
        ({article's index before: its index now})."""
        if all(a == b for a, b in moved.items()):
            return

        def now(position: int) -> int:
            article = moved.get(position // _PER_ARTICLE)
            if article is None:  # an article taken out: its spellings are counted again
                return position
            return article * _PER_ARTICLE + position % _PER_ARTICLE

        for s in self._spellings.values():
            s.first_kind = {kind: now(p) for kind, p in s.first_kind.items()}
            if s.first is not None:
                s.first = (now(s.first[0]), s.first[1])
            if s.gazetteer is not None:
                s.gazetteer = (now(s.gazetteer[0]), s.gazetteer[1])

    def _drop(self, paths: list[str]) -> None:
        """Take articles out: their spellings are counted again from the others' mentions,
        their keys forgotten where no other article has them, and the kinds decided again
        for the groups that changed."""
        if not paths:
            return
        names: set[str] = set()
        for path in paths:
            names.update(m["name"] for m in self._mentions.pop(path))
            self._items.pop(path, None)
        keys = {self._folded[name] for name in names}
        before = {self._groups[key] for key in keys}
        for name in names & self._spellings.keys():
            del self._spellings[name]
            self._members[self._groups[self._folded[name]]].discard(name)
        for key in keys:
            self._spelled.pop(key, None)
        written: dict[str, bool] = {}  # the keys still written, and whether as an acronym
        still: set[str] = set()  # the dropped articles' spellings other articles write
        folded = self._folded
        for path, found in self._mentions.items():
            base = self._at[path] * _PER_ARTICLE
            for n, m in enumerate(found):
                name = m["name"]
                key = folded[name]
                if key in keys:
                    written[key] = written.get(key, False) or _acronym(name)
                    if name in names:
                        still.add(name)
                        self._recount(name, m, base + n, path)
        gone = keys - written.keys()
        for key in gone:
            del self._keys[key]
        self._keys.update(written)
        for name in names - still:
            del folded[name]  # fed again, if ever, as a new name (its acronym counted again)
        moved = self._variants.remove(gone)
        moved.update(self._variants.update(self._keys))
        touched = self._move(moved)
        for name in names & self._spellings.keys():
            root = self._groups[self._folded[name]]
            self._members[root].add(name)
        touched |= before | {self._groups[k] for k in keys - gone}
        touched |= self._name_parts_again()
        self._decide(touched, set(moved), {})

    def _recount(self, name: str, m: dict[str, Any], position: int, path: str) -> None:
        """Count a mention of a spelling taken out of the sums again (see :meth:`_feed`)."""
        if m["source"] == "NORP" or m.get("table"):
            return
        spelling = self._spellings.get(name)
        if spelling is None:
            spelling = self._spellings[name] = _Spelling()
        spelling.add(m, position, path)

    def _new_authors(self, authors: set[str] | None) -> None:
        """Take the dossier's bylines now (a new article may bring a new one)."""
        keys = {fold(a) for a in authors or ()}
        changed = keys ^ self._author_keys
        self._authors, self._author_keys = authors, keys
        if changed:
            self._refresh_items(set(), {k for k in self._groups if _strip_the(k) in changed}, {})

    def settle(self, until: Callable[[], bool] | None = None) -> None:
        """Resolve the articles fed ahead, for :meth:`finish` to keep what the late articles
        leave as it was (the joins of full names, the records of groups they do not touch).

        Args:
            until: when given, settling stops as soon as it returns True (the late articles
                have come): what was settled by then is kept, the rest is done by finish.
        """
        if until is not None and until():
            return
        self._settled = _entities_of(
            [item for path in self.paths for item in self._items.get(path, ())], stop=until
        )

    def kinds(self) -> dict[str, str | None]:
        """The kind of every folded surface form fed so far (see :func:`decide_kinds`)."""
        return {key: self._by_group.get(root) for key, root in self._groups.items()}

    def _is_named(self, name: str) -> bool:
        return self._spellings[name].named

    def _feed(self, path: str, found: list[dict[str, Any]]) -> set[str]:
        """Count one article's mentions; returns the spellings it gave evidence for."""
        self._mentions[path] = found
        base = self._at[path] * _PER_ARTICLE
        folded, spellings = self._folded, self._spellings
        counted: set[str] = set()
        for n, m in enumerate(found):
            name = m["name"]
            if name not in folded:
                key = folded[name] = fold(name)
                self._keys[key] = self._keys.get(key, False) or _acronym(name)
            if m["source"] == "NORP" or m.get("table"):
                # Members of a group ("Republicans") say nothing of a name's kind; a team on a
                # results line has its own kind and must not make its town a team in prose.
                continue
            spelling = spellings.get(name)
            if spelling is None:
                spelling = spellings[name] = _Spelling()
            spelling.add(m, base + n, path)
            counted.add(name)
        return counted

    def _sum_group(self, root: str) -> None:
        members = sorted(self._members[root])
        _group_evidence(self._ev, root, [(name, self._spellings[name]) for name in members])

    def _parties_named(self) -> frozenset[str]:
        # Only "<word> party": "Scottish" is not the "Scottish National Party".
        return frozenset(
            key
            for key, kind in self._by_group.items()
            if kind == "organisation" and key.endswith(" party") and len(key.split()) == 2
        )

    def _party(self, word: str) -> str | None:
        """The party the dossier names for a members' word ("liberals" -> "liberal party")."""
        if word not in self._parties:
            stem = word[:-1] if word.endswith("s") else word
            found = {
                key
                for key in self._party_names
                if len(stem) >= 4 and key.split()[0].startswith(stem)
            }
            self._parties[word] = next(iter(found)) if len(found) == 1 else None
        return self._parties[word]

    def _items_of(self, path: str) -> list[tuple[str, dict[str, Any], str, str]]:
        """The article's mentions that name an entity, as (path, mention, group key, kind).

        Bylines are left out; a nationality ('Democrats') stands for its party when the
        dossier names that party.
        """
        items: list[tuple[str, dict[str, Any], str, str]] = []
        spelled, folded = self._spelled, self._folded
        for m in self._mentions[path]:
            folded_key = folded[m["name"]]
            entry = spelled.get(folded_key)
            if entry is None:
                root = self._groups[folded_key]
                entry = spelled[folded_key] = (
                    root,
                    self._by_group.get(root),
                    _strip_the(folded_key) in self._author_keys,
                )
            key, kind, byline = entry
            if m.get("table"):
                kind = "organisation"  # as mention_kind() says
            if m["source"] == "NORP" and kind is None and self._party(key):
                key, kind = cast(str, self._party(key)), "organisation"
            if kind is None or (kind == "person" and byline):
                continue
            items.append((path, m, key, kind))
        return items

    def _update(self, late: dict[str, set[str]]) -> None:
        """Fold the late articles ({path: spellings counted}) into the decisions taken ahead."""
        touched, moved = self._regroup()
        for names in late.values():
            for name in names:
                root = self._groups[self._folded[name]]
                self._members[root].add(name)
                touched.add(root)
        if moved:
            touched |= self._name_parts_again()
        else:
            touched |= self._more_named(
                {
                    self._groups[self._folded[n]]
                    for s in late.values()
                    for n in s
                    if self._is_named(n)
                }
            )
        self._decide(touched, moved, late)

    def _decide(self, touched: set[str], moved: set[str], late: dict[str, Any]) -> None:
        """Sum and decide the kind of the ``touched`` groups again, then refresh the items
        of the articles they change (see :meth:`_refresh_items`)."""
        changed = set()
        # A bare surname's kind weighs the articles that name its owners in full: decided
        # again with any full name's group touched (one that went included), once every
        # touched group is summed.
        touched = touched | {
            word
            for root in touched
            if " " in root
            for surname in surname_forms(root)
            for word in (surname, f"{surname}s")
            if word in self._members
        }
        for root in touched:
            if self._members.get(root):
                self._sum_group(root)
        for root in touched:
            if not self._members.get(root):
                self._members.pop(root, None)
                self._ev_forget(root)
                if self._by_group.pop(root, None) is not None:
                    changed.add(root)
                continue
            kind = _group_kind(root, self._ev)
            if root not in self._by_group or self._by_group[root] != kind:
                changed.add(root)
            self._by_group[root] = kind
        self._refresh_items(changed, moved, late)

    def _ev_forget(self, root: str) -> None:
        """Take a group no spelling is left in out of the dossier's evidence."""
        for name, value in self._ev.items():
            if isinstance(value, dict) and name != "owners":
                value.pop(root, None)
        for flag in ("defined", "corporate"):
            self._ev[flag].discard(root)

    def _regroup(self) -> tuple[set[str], set[str]]:
        """Group the keys again when late ones came ("FBI" then "Federal Bureau of
        Investigation"); returns the groups that lost or gained spellings and the keys moved."""
        moved = self._variants.update(self._keys)
        return self._move(moved), set(moved)

    def _move(self, moved: dict[str, str]) -> set[str]:
        """Move the spellings of keys whose group changed ({key: group before}); returns the
        groups that lost or gained spellings."""
        touched: set[str] = set()
        if moved:
            for name in self._spellings:
                key = self._folded[name]
                if key in moved:
                    self._members[moved[key]].discard(name)
                    self._members[self._groups[key]].add(name)
                    touched |= {moved[key], self._groups[key]}
        return touched

    def _name_parts_again(self) -> set[str]:
        """Name parts from every person named in full again (after a regrouping); returns the
        groups whose kind the parts gained or lost may change."""
        self._named = {self._groups[self._folded[n]] for n in self._spellings if self._is_named(n)}
        owners, given = _name_parts(self._named)
        surnames = owners.keys() ^ self._ev["owners"].keys()
        given ^= self._ev["given"]
        self._ev["owners"] = owners
        self._ev["given"] ^= given
        words = {w for s in surnames for w in (s, f"{s}s")} | given
        return {w for w in words if w in self._members}

    def _more_named(self, named: set[str]) -> set[str]:
        """Add people named in full; returns the groups whose kind their name parts may
        change (a bare surname, "the Smiths", a given name)."""
        new = named - self._named
        if not new:
            return set()
        self._named |= new
        owners, given = _name_parts(new)
        surnames = owners.keys() - self._ev["owners"].keys()
        for surname, people in owners.items():
            self._ev["owners"].setdefault(surname, set()).update(people)
        given -= self._ev["given"]
        self._ev["given"] |= given
        words = {w for s in surnames for w in (s, f"{s}s")} | given
        return {w for w in words if w in self._members}

    def _refresh_items(self, changed: set[str], moved: set[str], late: dict[str, Any]) -> None:
        """Items for the late articles, and again for the earlier ones that name a group
        whose kind ``changed`` or a key ``moved`` to another group (all of them when the
        parties the dossier names changed)."""
        changed_keys = {key for key, root in self._groups.items() if root in changed} | moved
        for key in changed_keys:
            self._spelled.pop(key, None)
        parties = self._parties_named()
        everything = parties != self._party_names
        if everything:
            self._party_names, self._parties = parties, {}
        folded = self._folded
        for path, found in self._mentions.items():
            if (
                path in late
                or everything
                or (changed_keys and any(folded[m["name"]] in changed_keys for m in found))
            ):
                self._items[path] = self._items_of(path)


#: The evidence that holds a count of things per group.
_PER_GROUP = ("votes", "paths")


def _plain_counts(value: Any) -> Any:
    return dict(value) if isinstance(value, Counter) else value


def _acronym(name: str) -> bool:
    """True when a name is written as an acronym in capitals ("FBI", "U.N.", "AT&T")."""
    letters = name.replace(".", "").replace("&", "")
    return letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8


class _Settled:
    """What resolving a dossier's items decided, for resolving them again with more items:
    the full names and the pairs of them joined, and each group's record by its members."""

    def __init__(self, full: list[str], apart: set[str], pairs: list[tuple[str, str]]) -> None:
        self.full = set(full)
        self.apart = apart
        self.pairs = pairs
        #: {group: (ambiguous, members, record without its id, id wanted)}
        self.records: dict[str, tuple[bool, list[Any], dict[str, Any], str]] = {}

    def plain(self) -> tuple[Any, ...]:
        return (self.full, self.apart, self.pairs, self.records)

    @classmethod
    def from_plain(cls, values: tuple[Any, ...]) -> _Settled:
        full, apart, pairs, records = values
        settled = cls([], apart, pairs)
        settled.full, settled.records = full, records
        return settled


def _entities_of(
    items: list[tuple[str, dict[str, Any], str, str]],
    before: _Settled | None = None,
    stop: Callable[[], bool] | None = None,
) -> tuple[list[dict[str, Any]] | None, _Settled]:
    """The entities of the dossier's items (path, mention, group key, kind), in order, and
    what was decided, for a later call with more items (``before``) to reuse (no entities
    when ``stop`` said to stop before every record was made)."""
    keys_by_kind: dict[str, set[str]] = defaultdict(set)
    for _, _, key, kind in items:
        keys_by_kind[kind].add(key)
    full = sorted(k for k in keys_by_kind["person"] if len(k.split()) >= 2)
    # "his father, John Doe" beside "John Doe Jr.": the father, not the son without his "Jr.".
    parents = {
        key for _, m, key, kind in items if kind == "person" and m.get("kin") in _PARENT_OR_CHILD
    }
    apart = _apart(full, parents)
    if before is not None and before.apart == apart:
        # Whether two names are one person depends on those two names alone.
        named = set(full)
        pairs = before.pairs + _people_pairs(full, apart, named - before.full)
        if not before.full <= named:  # names no article gives any more (taken out)
            pairs = [(a, b) for a, b in pairs if a in named and b in named]
    else:
        pairs = _people_pairs(full, apart)
    settled = _Settled(full, apart, pairs)
    if stop is not None and stop():
        return None, settled
    union = _Union()
    for a, b in pairs:
        union.join(f"person|{a}", f"person|{b}")
    _join_compound_surnames(full, union)
    _join_organisations(items, keys_by_kind["organisation"], union)
    groups_of_item, ambiguous = _attach_single_names(items, full, union)
    grouped: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for (path, m, _, _), group in zip(items, groups_of_item, strict=True):
        if group is not None:
            grouped[group].append((path, m))
    entities = _entity_records(grouped, ambiguous, before, settled, stop)
    if entities is None:
        return None, settled
    order = {kind: n for n, kind in enumerate(KINDS)}
    entities.sort(key=lambda e: (order.get(e["kind"], 9), -e["mentions"], fold(e["name"])))
    return entities, settled


def _entity_records(
    grouped: dict[str, list[tuple[str, dict[str, Any]]]],
    ambiguous: set[str],
    before: _Settled | None = None,
    settled: _Settled | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[dict[str, Any]] | None:
    """One entity record per group, each with a unique id from its display name (a group with
    the members it had ``before`` keeps its record; each is kept in ``settled``); None when
    ``stop``, asked every few hundred groups, says to stop."""
    entities = []
    used_ids: set[str] = set()
    known = before.records if before is not None else {}
    for n, (group, members) in enumerate(grouped.items()):
        if stop is not None and n % 256 == 0 and stop():
            return None
        kind = group.split("|", 1)[0]
        unsure = group in ambiguous
        kept = known.get(group)
        if kept is not None and kept[0] == unsure and kept[1] == members:
            record, entity_id = kept[2], kept[3]
        else:
            surfaces = Counter(m["name"] for _, m in members)
            name = _display_name(kind, members, surfaces)
            record = _entity_record(name, kind, members, surfaces, unsure)
            entity_id = slugify(name) or "entity"
        if settled is not None:
            settled.records[group] = (unsure, members, record, entity_id)
        # The ids of namesakes depend on the order of every group: given here, not kept.
        if entity_id in used_ids:
            entity_id = f"{entity_id}-{kind}"
        while entity_id in used_ids:
            entity_id += "-x"
        used_ids.add(entity_id)
        entities.append({"id": entity_id, **record})
    return entities
