"""Alignment and comparison of typed facts, on hand-written facts (no spaCy needed)."""

from __future__ import annotations

from dossier.claims.align import (
    QuoteRelations,
    fact_discrepancies,
    groundwork,
    name_relation,
    one_word_relation,
    quote_relation,
    quotes_of,
    related_quotes,
    words_of,
)
from dossier.claims.quantities import parse_amount


def amount(text, unit, context, head=None, moment=None, start=0):
    return {
        "kind": "quantity",
        "unit": unit,
        "head": head,
        "value": parse_amount(text),
        "value_text": text,
        "context": sorted(context),
        "moment": moment,
        "polarity": "affirms",
        "event": None,
        "quote": f"... {text} ...",
        "quote_start": start,
        "quote_end": start + 10,
        "start": start,
    }


def test_sums_tied_by_their_context_are_compared():
    claims = {
        "a.txt": [
            amount("$8,120.50", "$", {"lakeside", "spa", "resort", "spend"}),
            amount("$900", "$", {"bicycle", "buy"}, start=50),
        ],
        "b.txt": [
            amount("$8,210.50", "$", {"lakeside", "spa", "resort", "weekend"}),
            amount("$1,100", "$", {"piano", "lesson"}, start=50),
        ],
    }
    found = fact_discrepancies(claims)
    assert len(found) == 1
    assert found[0]["kind"] == "number" and found[0]["severity"] == "conflict"
    assert {c["value_text"] for c in found[0]["claims"]} == {"$8,120.50", "$8,210.50"}


def test_sums_sharing_one_word_are_not_compared():
    claims = {
        "a.txt": [amount("$5,000", "$", {"mayor", "boat"})],
        "b.txt": [amount("$7,000", "$", {"mayor", "garden"})],
    }
    assert fact_discrepancies(claims) == []


def test_agreeing_amounts_are_not_reported():
    claims = {
        "a.txt": [amount("$410,000", "$", {"donor", "fund", "raise"})],
        "b.txt": [amount("more than $410,000", "$", {"donor", "fund", "raise"})],
    }
    assert fact_discrepancies(claims) == []


def test_a_described_noun_is_a_key_of_its_own():
    claims = {
        "a.txt": [amount("112", "page", set(), head="report")],
        "b.txt": [amount("114", "page", {"release"}, head="report")],
        "c.txt": [amount("30", "page", set(), head="appendix")],
    }
    found = fact_discrepancies(claims)
    assert [d["topic"] for d in found] == ["How many pages is the report?"]


def test_amounts_at_different_moments_are_kept_apart():
    claims = {
        "a.txt": [amount("9", "arrest", {"police", "make"}, moment="monday")],
        "b.txt": [amount("40", "arrest", {"police", "make"}, moment="the night before")],
    }
    assert fact_discrepancies(claims) == []


def test_close_counts_of_one_noun_align_on_little_context():
    claims = {
        "a.txt": [amount("2.3 million", "voter", {"register", "state"})],
        "b.txt": [amount("up to 2.4 million", "voter", {"state", "eligible", "roll"})],
    }
    found = fact_discrepancies(claims)
    assert len(found) == 1 and found[0]["severity"] == "variation"


def quote(text, path_start=0, who=None):
    return {
        "kind": "quote",
        "value": {"quote": text},
        "words": words_of(text),
        "attribution": who,
        "quote": text,
        "quote_start": path_start,
        "quote_end": path_start + len(text),
        "start": path_start,
    }


def test_quote_relation():
    a = words_of("We will rebuild the old bridge or a new one")
    assert quote_relation(a, words_of("We will rebuild the old bridge or new one")) == "variation"
    assert quote_relation(a, words_of("rebuild the old bridge")) == "agree"  # an excerpt
    assert quote_relation(a, words_of("The weather was fine all week long")) is None
    # an editor's insertion and dotted acronyms are not the speaker's words
    assert (
        quote_relation(
            words_of("the (city) council told the F.B.I. everything"),
            words_of("the council told the FBI everything"),
        )
        == "agree"
    )
    assert words_of("I shouldn't") == ["i", "should", "not"]
    assert (
        quote_relation(
            words_of("some rain & some sun, said the farmer"),
            words_of("some rain and some sun, said the farmer"),
        )
        == "agree"
    )
    # a stock phrase in common is not one passage
    assert (
        quote_relation(
            words_of("There is a whole lot of anger"), words_of("I think there is a lot of hope")
        )
        is None
    )
    # a word in common beyond the shared stretch is where an excerpt starts, not a rewording
    assert (
        quote_relation(
            words_of("I saw the storm and quickly closed the old barn doors"),
            words_of("I quickly closed the old barn doors"),
        )
        == "agree"
    )
    # words cut out where the source marks the cut are an excerpt, not a rewording
    assert quote_relation(words_of("We will rebuild … a new one"), a) == "agree"
    assert quote_relation(words_of("We will rebuild the old bridge ... or a new one"), a) == "agree"
    assert quote_relation(words_of("We will rebuild the bridge or a new one"), a) == "variation"


def test_one_word_apart():
    short = words_of("We moved too slowly")
    # a word added inside a short quotation, on either side, or changed
    assert one_word_relation(words_of("We moved far too slowly"), short) == "variation"
    assert (
        one_word_relation(short, words_of("We moved far too slowly, and we know it")) == "variation"
    )
    assert (
        one_word_relation(words_of("we will never back down"), words_of("we will not back down"))
        == "variation"
    )
    assert quote_relation(words_of("We moved far too slowly"), short) is None  # no three-word run
    # filler words, an editor's insertion, a cut or two changes are no rewording
    assert (
        one_word_relation(words_of("in a very positive way"), words_of("in a positive way")) is None
    )
    assert one_word_relation(words_of("we moved [far] too slowly"), short) is None
    assert one_word_relation(words_of("we moved … too slowly"), short) is None
    assert (
        one_word_relation(
            words_of("We moved far too slowly then"), words_of("They moved too slowly then")
        )
        is None
    )
    # a long quotation holding a short one with a word added is another passage
    assert (
        one_word_relation(
            words_of("I think " * 6 + "we moved far too slowly"),
            words_of("I think " * 6 + "we moved too slowly"),
        )
        is None
    )


def test_short_quotes_one_word_apart_are_one_topic():
    claims = {
        "a.txt": [quote("We moved far too slowly", who="Ms. Ortega")],
        "b.txt": [quote("We moved too slowly, and we know it", who="Ms. Ortega")],
        "c.txt": [quote("We moved too quickly")],
    }
    (found,) = fact_discrepancies(claims)
    assert found["kind"] == "quote"
    assert {c["path"] for c in found["claims"]} == {"a.txt", "b.txt"}


def test_reworded_quotes_are_one_topic_across_sources():
    claims = {
        "a.txt": [quote("We never took a single cent from the fund", who="Ms. Ortega")],
        "b.txt": [quote("we never took a cent from the fund", who="Ms. Ortega")],
        "c.txt": [quote("The harbour will reopen in spring")],
    }
    found = fact_discrepancies(claims)
    assert len(found) == 1 and found[0]["kind"] == "quote"
    assert {c["path"] for c in found[0]["claims"]} == {"a.txt", "b.txt"}
    assert "Ms. Ortega" in found[0]["topic"]


def test_name_relation():
    assert name_relation("Katherine", "Kathy") == "variation"
    assert name_relation("Katherine Moss", "Katherine") == "agree"
    assert name_relation("Paul Reyes", "Tom Baker") is None
    assert name_relation("Rev. Ian P. Moss", "Ian Moss") == "agree"


def role(name, owner=None, start=0):
    return {
        "kind": "role",
        "unit": "husband",
        "owner": owner,
        "value": {"name": name},
        "value_text": name,
        "quote": f"her husband, {name}",
        "quote_start": start,
        "quote_end": start + 20,
        "start": start,
    }


def test_one_role_named_two_ways():
    claims = {
        "a.txt": [role("Robert")],
        "b.txt": [role("Bob", owner="lee")],
        "c.txt": [role("Robert Lee")],
    }
    found = fact_discrepancies(claims)
    assert len(found) == 1 and found[0]["kind"] == "name"
    assert found[0]["topic"] == "What is the name of Lee's husband?"
    assert len(found[0]["claims"]) == 3


def test_sums_in_other_currencies_are_not_compared():
    claims = {
        "a.txt": [amount("$8,120", "$", {"lakeside", "spa", "resort"})],
        "b.txt": [amount("£8,210", "£", {"lakeside", "spa", "resort"})],
    }
    assert fact_discrepancies(claims) == []


def test_counts_with_nothing_in_common_need_one_count_a_side():
    lone = {
        "a.txt": [amount("310", "bridge", {"repair"})],
        "b.txt": [amount("330", "bridge", {"inspect"})],
    }
    assert len(fact_discrepancies(lone)) == 1
    crowded = {
        "a.txt": [
            amount("310", "bridge", {"repair"}),
            amount("400", "bridge", {"close"}, start=40),
        ],
        "b.txt": [amount("330", "bridge", {"inspect"})],
    }
    assert fact_discrepancies(crowded) == []
    small = {
        "a.txt": [amount("3", "bridge", {"repair"})],
        "b.txt": [amount("2", "bridge", {"inspect"})],
    }
    assert fact_discrepancies(small) == []


def test_figures_of_every_size_are_no_topic():
    claims = {
        "a.txt": [amount("$20", "$", {"ticket", "price", "concert"})],
        "b.txt": [amount("$20,000", "$", {"ticket", "price", "concert"})],
    }
    assert fact_discrepancies(claims) == []


def test_ages_of_one_person():
    claims = {
        "a.txt": [
            amount("52", "age", set(), head="okafor"),
            amount("30", "age", set(), head="lund", start=30),
        ],
        "b.txt": [amount("53", "age", set(), head="okafor")],
    }
    (found,) = fact_discrepancies(claims)
    assert found["topic"] == "How old is Okafor?" and found["severity"] == "conflict"


def test_people_are_keyed_by_entity_whatever_the_name():
    ada = {"id": "ada-okafor", "name": "Ada Okafor"}
    claims = {
        "a.txt": [{**amount("52", "age", set(), head="okafor"), "head_span": (0, 6)}],
        "b.txt": [{**amount("53", "age", set(), head="ada"), "head_span": (10, 13)}],
    }
    assert fact_discrepancies(claims) == []  # by surface name: two people

    def entity_at(path, start, end):
        return ada

    (found,) = fact_discrepancies(claims, entity_at)
    assert found["topic"] == "How old is Ada Okafor?"


def test_quote_summary_shows_where_wordings_part():
    claims = {
        "a.txt": [quote("We will rebuild the old bridge or a new one before winter")],
        "b.txt": [quote("We will rebuild the old bridge or new one before winter")],
    }
    (found,) = fact_discrepancies(claims)
    assert (
        found["summary"] == "“…old bridge or a new one before…” / “…old bridge or new one before…”"
    )


def test_same_words_credited_to_two_people():
    words = "the harbour will reopen before the spring storms"
    claims = {
        "a.txt": [
            {
                **quote(words, who="Ms. Ortega"),
                "speaker": "ana-ortega",
                "speaker_name": "Ana Ortega",
            }
        ],
        "b.txt": [
            {**quote(words, who="Mr. Lund"), "speaker": "piet-lund", "speaker_name": "Piet Lund"}
        ],
        "c.txt": [
            {
                **quote(words, who="Ms. Ortega"),
                "speaker": "ana-ortega",
                "speaker_name": "Ana Ortega",
            }
        ],
    }
    (found,) = fact_discrepancies(claims)
    assert found["kind"] == "attribution" and found["summary"] == "Ana Ortega / Piet Lund"
    assert {c["speaker"] for c in found["claims"]} == {"ana-ortega", "piet-lund"}
    same = {"a.txt": claims["a.txt"], "c.txt": claims["c.txt"]}
    assert fact_discrepancies(same) == []


def test_one_person_under_two_entities_is_no_attribution_topic():
    words = "the harbour will reopen before the spring storms"
    claims = {
        "a.txt": [{**quote(words), "speaker": "ana-ortega", "speaker_name": "Ana Ortega"}],
        "b.txt": [{**quote(words), "speaker": "ortega", "speaker_name": "Ortega"}],
    }
    assert fact_discrepancies(claims) == []


def sequence(before, after, start=0):
    return {
        "kind": "sequence",
        "value": {"before": before, "after": after},
        "words": {before: before, after: after},
        "quote": f"{before} ... {after}",
        "quote_start": start,
        "quote_end": start + 10,
        "start": start,
    }


def test_two_events_in_opposite_orders():
    claims = {
        "a.txt": [sequence("close", "protest")],
        "b.txt": [sequence("protest", "close")],
        "c.txt": [sequence("close", "protest")],
    }
    (found,) = fact_discrepancies(claims)
    assert found["kind"] == "sequence" and len(found["claims"]) == 3
    assert fact_discrepancies({"a.txt": claims["a.txt"], "c.txt": claims["c.txt"]}) == []


def test_small_counts_need_real_context():
    def pair(x, y):
        return {
            "a.txt": [amount(x, "senator", {"state", "urge", "veto"})],
            "b.txt": [amount(y, "senator", {"state", "echo", "call"})],
        }

    assert fact_discrepancies(pair("2", "3")) == []  # a little context: not enough for small counts
    assert len(fact_discrepancies(pair("200", "210"))) == 1  # enough for figures of one magnitude


def test_quotation_pairs_compared_before_are_not_compared_again():
    from dossier.claims.align import QuoteRelations

    claims = {
        "a.txt": [quote("We will rebuild the old bridge or a new one before the winter")],
        "b.txt": [quote("We will rebuild the old bridge or the new one before winter")],
        "c.txt": [quote("The ferry service will run every hour until the bridge reopens")],
    }
    first = QuoteRelations()
    found = fact_discrepancies(claims, relations=first)
    assert [d["kind"] for d in found] == ["quote"]
    assert list(first.used.values()) == ["variation"]  # a.txt / b.txt: c.txt shares no trigram
    # A later run with the same quotations answers from what the first kept...
    again = QuoteRelations(dict(first.used))
    assert fact_discrepancies(claims, relations=again) == found
    assert again.used == first.used
    # ...and what it keeps is what it asked about: a pair gone with its article is dropped.
    del claims["b.txt"]
    fewer = QuoteRelations(dict(first.used))
    assert fact_discrepancies(claims, relations=fewer) == []
    assert fewer.used == {}


def test_a_kept_relation_is_used_rather_than_computed():
    from dossier.claims.align import QuoteRelations

    claims = {
        "a.txt": [quote("The ferry will run every hour from the north pier today")],
        "b.txt": [quote("Nobody on the council believed the ferry will run on time this year")],
    }
    assert fact_discrepancies(claims) == []  # one phrase in common, not one passage
    digests = [QuoteRelations.digest(f["words"]) for f in (claims["a.txt"][0], claims["b.txt"][0])]
    told = QuoteRelations({(digests[0], digests[1]): "variation"})
    assert [d["kind"] for d in fact_discrepancies(claims, relations=told)] == ["quote"]


def test_an_editors_insertion_is_not_a_change_of_wording():
    plain = words_of("He should pay for it. He has got the money in the bank.")
    assert (
        quote_relation(words_of("He should pay [for] it. He has got the money in the bank."), plain)
        == "agree"
    )
    assert (
        quote_relation(
            words_of("the mayor [Ana Ruiz] told us the bridge would be closed"),
            words_of("the mayor told us the bridge would be closed"),
        )
        == "agree"
    )
    assert words_of("[W]e will not vote on it")[:2] == ["we", "will"]
    # a word the speaker's version has and the other does not is still a change
    assert (
        quote_relation(words_of("He should pay it. He has got the money in the bank."), plain)
        == "variation"
    )


def test_masked_letters_are_the_same_word():
    said = words_of("I am not going to build that f***ing fence")
    assert quote_relation(said, words_of("I am not going to build that fucking fence")) == "agree"
    assert (
        quote_relation(said, words_of("I am not going to build that stupid fence")) == "variation"
    )


def test_like_words_of_two_people_are_no_attribution_topic():
    claims = {
        "a.txt": [
            {
                **quote("I'm not going to sign the new lease"),
                "speaker": "ana-ortega",
                "speaker_name": "Ana Ortega",
            }
        ],
        "b.txt": [
            {
                **quote("Tenants, we are not going to sign the new lease"),
                "speaker": "piet-lund",
                "speaker_name": "Piet Lund",
            }
        ],
    }
    assert [d["kind"] for d in fact_discrepancies(claims)] == []


def test_a_quotation_with_words_added_inside_it_is_one_passage_reworded():
    short = words_of("I know you are under duress")
    assert (
        quote_relation(short, words_of("I know you are under a lot of duress, sir")) == "variation"
    )
    assert (
        quote_relation(
            words_of("I went too far and I was wrong"),
            words_of("I went too far. I made a mistake and I was wrong."),
        )
        == "variation"
    )
    # most of the stretch the words span is new: not one passage
    assert (
        quote_relation(
            words_of("the city will rebuild the old harbour wall"),
            words_of(
                "the city will, over many long years and at a great cost to every one of us, "
                "rebuild the old harbour wall"
            ),
        )
        is None
    )


def reworded_and_recredited() -> dict:
    words = "the harbour will reopen before the spring storms"
    ortega = {"speaker": "ana-ortega", "speaker_name": "Ana Ortega"}
    return {
        "a.txt": [
            quote("We never took a single cent from the fund", who="Ms. Ortega"),
            {**quote(words, 100, who="Ms. Ortega"), **ortega},
        ],
        "b.txt": [
            quote("we never took a cent from the fund", who="Ms. Ortega"),
            {**quote(words, 100, who="Mr. Lund"), "speaker": "piet-lund", "speaker_name": "Lund"},
        ],
    }


def test_quote_pairs_found_ahead_give_the_topics_found_in_place():
    claims = reworded_and_recredited()
    in_place = fact_discrepancies(claims)
    assert sorted(d["kind"] for d in in_place) == ["attribution", "quote"]
    relations = QuoteRelations()
    relations.ahead = related_quotes(quotes_of(claims), QuoteRelations())
    relations.saved = True
    assert fact_discrepancies(claims, relations=relations) == in_place
    assert relations.used == {} and relations.saved  # the pairs came from ahead
    # The pairs found ahead are what the topics are made of: none ahead, no quotation topic.
    relations.ahead = (relations.ahead[0], [])
    assert fact_discrepancies(claims, relations=relations) == []


def test_quote_pairs_found_ahead_for_other_quotations_are_ignored():
    claims = reworded_and_recredited()
    other = {"a.txt": claims["a.txt"], "c.txt": claims["b.txt"]}  # same words, other article
    relations = QuoteRelations()
    relations.ahead = related_quotes(quotes_of(other), QuoteRelations())
    relations.saved = True
    assert fact_discrepancies(claims, relations=relations) == fact_discrepancies(claims)
    assert relations.used and not relations.saved  # compared here: this run's to keep


def many_kinds() -> dict:
    """Sums (no entity), ages named two ways (one entity once resolved) and two orders of
    events: an amount topic on each side of the ages' in the order of their first fact."""
    ages = [
        {**amount("52", "age", set(), head="okafor", start=20), "head_span": (20, 26)},
        {**amount("53", "age", set(), head="ada", start=20), "head_span": (20, 23)},
    ]
    return {
        "a.txt": [
            amount("$8,120.50", "$", {"lakeside", "spa", "resort", "spend"}),
            ages[0],
            amount("40", "boat", {"harbour", "sink"}, start=60),
            sequence("close", "protest", start=90),
        ],
        "b.txt": [
            amount("$8,210.50", "$", {"lakeside", "spa", "resort", "weekend"}),
            ages[1],
            amount("45", "boat", {"harbour", "sink"}, start=60),
            sequence("protest", "close", start=90),
        ],
    }


def test_groundwork_found_ahead_gives_the_topics_found_in_place():
    """What needs no entity is found ahead, from unresolved facts (and through a pipe: plain
    values); the ages, keyed by the entity once resolved, are found again in place."""
    import marshal

    claims = many_kinds()

    def entity_at(path, start, end):
        return {"id": "ada-okafor", "name": "Ada Okafor"} if start == 20 else None

    in_place = fact_discrepancies(claims, entity_at)
    assert [d["kind"] for d in in_place] == ["number", "number", "number", "sequence"]
    assert in_place[1]["topic"] == "How old is Ada Okafor?"
    ahead = marshal.loads(marshal.dumps(groundwork(claims)))
    assert [unit for _, unit, _ in ahead["amounts"]] == ["$", "boat"]  # unresolved: no age
    assert fact_discrepancies(claims, entity_at, ahead=ahead) == in_place


def test_groundwork_is_what_the_topics_are_made_of():
    claims = many_kinds()
    ahead = groundwork(claims)
    # Topics found ahead are taken as they are: none ahead, none but the ages' (redone).
    empty = {"amounts": [], "sequences": [], "later": []}
    assert fact_discrepancies(claims, ahead=empty) == []
    assert fact_discrepancies(claims, ahead=ahead) == fact_discrepancies(claims)


def test_a_resolved_fact_of_a_kind_found_ahead_has_its_topics_found_again():
    claims = many_kinds()
    for facts in claims.values():
        facts[3] = {**facts[3], "speaker_span": (90, 95)}  # the orders of events, credited
    ahead = {"amounts": [], "sequences": [], "later": []}

    def entity_at(path, start, end):
        return {"id": "ana-ortega", "name": "Ana Ortega"} if start == 90 else None

    found = fact_discrepancies(claims, entity_at, ahead=ahead)
    assert [d["kind"] for d in found] == ["sequence"]
    assert found == [d for d in fact_discrepancies(claims, entity_at) if d["kind"] == "sequence"]


def test_groundwork_is_waited_for_once_the_facts_are_resolved():
    claims = many_kinds()
    asked: list[str] = []

    def entity_at(path, start, end):
        asked.append("entity")
        return {"id": "ada-okafor", "name": "Ada Okafor"} if start == 20 else None

    def wait():
        asked.append("ahead")
        return groundwork(claims)

    in_place = fact_discrepancies(claims, entity_at)
    asked.clear()
    assert fact_discrepancies(claims, entity_at, ahead=wait) == in_place
    assert asked.count("ahead") == 1 and asked.index("ahead") > max(
        i for i, a in enumerate(asked) if a == "entity"
    )
    # Nothing found ahead (the work failed): everything is found here.
    assert fact_discrepancies(claims, entity_at, ahead=lambda: None) == in_place
