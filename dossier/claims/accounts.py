"""Who posted it: the online account a source credits with publishing a video, photo or post.

Per article, :func:`account_facts` reads 'the video, which was posted on YouTube by
"RiverKing88"', 'the clip is published under an account titled HarbourWatch' and 'uploaded by
@harbour_watch' as an ``account`` fact: the thing posted (the noun's lemma), the platform when
one is named, and the account. Only handle-like names count (an @, a digit or underscore, or
inner capitals: 'RiverKing88', 'HarbourWatch'); a person's name is another kind of claim.

Per dossier, :func:`account_topics` reports one thing posted, on one platform, credited to
different accounts by different sources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

#: Verbs that put something online.
POST_VERBS = {"post", "publish", "upload", "share", "stream"}
#: Verbs that give an account its name ('an account titled X', 'a channel called X').
_NAMING = {"title", "call", "name", "dub"}
_HANDLE = re.compile(r"^@?[A-Za-z0-9_.]{3,30}$")


def is_handle(text: str) -> bool:
    """True for an account-like name: '@harbour_watch', 'RiverKing88', 'HarbourWatch'."""
    if not _HANDLE.match(text):
        return False
    return (
        text.startswith("@")
        or bool(re.search(r"[0-9_]", text))
        or bool(re.search(r"[a-z][A-Z]", text))
    )


def account_facts(doc) -> list[dict[str, Any]]:
    """Account facts of one parsed article: what was posted, where, by which account."""
    facts = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in POST_VERBS:
            continue
        thing = _posted_thing(verb)
        account = _account(verb)
        if thing is None or account is None:
            continue
        sent = verb.sent
        facts.append(
            {
                "kind": "account",
                "event": thing.lemma_.lower(),
                "subject": thing.lemma_.lower(),
                "platform": _platform(verb, thing),
                "value": {"account": account.text.lstrip("@")},
                "value_text": account.text,
                "polarity": "affirms",
                "attribution": None,
                "start": account.idx,
                "end": account.idx + len(account.text),
                "quote_start": sent.start_char,
                "quote_end": sent.end_char,
            }
        )
    return facts


def _posted_thing(verb):
    """The noun posted: the passive subject, or the noun a relative or participle clause is on."""
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
        return verb.head
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"]
    return subjects[0] if subjects else None


def _account(verb):
    """'by X' (the agent) or 'under an account titled X': the account's name, when handle-like."""
    for prep in verb.children:
        if prep.dep_ not in ("agent", "prep") or prep.lower_ not in ("by", "under", "from"):
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            candidates = [noun]
            for clause in noun.children:
                if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in _NAMING:
                    candidates += [
                        c for c in clause.children if c.dep_ in ("oprd", "dobj", "attr", "npadvmod")
                    ]
            candidates += [c for c in noun.children if c.dep_ == "appos"]
            for candidate in candidates:
                if is_handle(candidate.text):
                    return candidate
    return None


def _platform(verb, thing) -> str | None:
    """'posted on YouTube', 'the YouTube video': where the thing was posted, when named."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "to"):
            names = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if names:
                return names[0].lower_
    names = [c for c in thing.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return names[0].lower_ if names else None


def account_topics(facts: list[tuple[str, dict[str, Any]]], out) -> list[dict[str, Any]]:
    """'Which account posted the video?': one thing credited to different accounts by source.

    Args:
        facts: (article path, account fact) pairs of every article.
        out: turns (path, fact) into a discrepancy's claim (CONTRACT.md shape).
    """
    by_thing: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for path, fact in facts:
        by_thing[fact["event"]].append((path, fact))
    found = []
    for thing, members in by_thing.items():
        platforms = {f["platform"] for _, f in members if f.get("platform")}
        accounts = {f["value"]["account"].lower() for _, f in members}
        if len({p for p, _ in members}) < 2 or len(platforms) > 1 or len(accounts) < 2:
            continue
        chosen = sorted(members, key=lambda pf: (pf[0], pf[1]["start"]))
        where = (
            f" on {next(f['platform'] for _, f in chosen if f.get('platform')).title()}"
            if platforms
            else ""
        )
        found.append(
            {
                "topic": f"Which account posted the {thing}{where}?",
                "kind": "name",
                "severity": "variation",
                "summary": " / ".join(dict.fromkeys(f["value_text"] for _, f in chosen))
                + ", by source",
                "claims": [out(p, f) for p, f in chosen],
            }
        )
    return found
