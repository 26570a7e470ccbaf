"""Reading a parsed document once: text and entities kept beside the Doc (real spaCy model)."""

from __future__ import annotations

import pickle

from dossier import nlp

TEXT = (
    "Maria Lindqvist flew from Oslo to Nairobi on Tuesday with 40 engineers.\n\n"
    "The Harbour Trust said the plant in Mombasa would open in March. "
    "Peter Okonjo, its director, declined to comment."
)


def parse(text=TEXT):
    return next(iter(nlp.parse([text], count=1)))


def test_text_is_spacys_text_joined_once():
    doc = parse()
    assert nlp.doc_text(doc) == doc.text == TEXT
    # the same string object every time: built once, not joined again per call
    assert nlp.doc_text(doc) is nlp.doc_text(doc)


def test_entities_are_spacys_built_once():
    doc = parse()
    assert [(e.start, e.end, e.label_) for e in nlp.doc_ents(doc)] == [
        (e.start, e.end, e.label_) for e in doc.ents
    ]
    assert nlp.doc_ents(doc) is nlp.doc_ents(doc)


def test_sentence_entities_match_spacys_span_ents():
    doc = parse()
    spans = [*doc.sents, doc[0:3], doc[2:9], doc[5:5], doc[len(doc) - 4 :], doc[:]]
    assert len(list(doc.sents)) >= 3 and nlp.doc_ents(doc)
    for span in spans:
        assert [(e.start, e.end, e.label_) for e in nlp.span_ents(span)] == [
            (e.start, e.end, e.label_) for e in span.ents
        ], span.text


def test_each_document_keeps_its_own():
    first, second = parse(), parse("Ahmed Farouk met Lena Schulz in Cairo.")
    assert nlp.doc_text(first) == TEXT
    assert nlp.doc_text(second) == "Ahmed Farouk met Lena Schulz in Cairo."
    assert [e.text for e in nlp.doc_ents(second)] == [e.text for e in second.ents]


def test_a_read_document_still_pickles_and_copies():
    doc = parse()
    nlp.doc_text(doc), nlp.doc_ents(doc), nlp.span_ents(next(iter(doc.sents)))
    assert pickle.loads(pickle.dumps(doc)).text == TEXT
    assert doc.copy().text == TEXT


def test_the_pipeline_tokenizes_exactly_as_spacys_own_load():
    """The reader loads the model with a bare tokenizer that the model's folder fills in: it
    must end up with every rule spaCy's own load gives (special cases, affixes, URLs)."""
    import spacy

    plain = spacy.load(nlp.MODEL)
    ours = nlp.pipeline()
    rules = {"exclude": ["vocab"]}  # the vocabulary grows with every text parsed
    assert ours.tokenizer.rules
    assert ours.tokenizer.to_bytes(**rules) == plain.tokenizer.to_bytes(**rules)
    text = "Dr. Ana Ruiz didn't pay $5.5bn (e.g. at https://example.org/a?b=1) in the U.S. :)"
    assert [t.text for t in ours(text)] == [t.text for t in plain(text)]
    assert [(e.text, e.label_) for e in ours(text).ents] == [
        (e.text, e.label_) for e in plain(text).ents
    ]


def test_loading_the_model_leaves_spacys_command_line_alone():
    """The first parse of an added article pays for ``import spacy``: its command line
    (typer, weasel, httpx) is not imported, yet ``spacy.info`` and ``spacy.cli`` still work."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from dossier import nlp\n"
        "doc = nlp.pipeline()('Maria Lindqvist flew from Oslo to Nairobi on Tuesday.')\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'typer', 'weasel', 'httpx', 'requests'} or m.startswith('spacy.cli'))\n"
        "print(heavy)\n"
        "import spacy, spacy.cli\n"
        "print(callable(spacy.cli.download), spacy.info()['spacy_version'] == spacy.__version__)\n"
        "print([e.text for e in doc.ents])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "[]"
    assert out[1] == "True True"
    assert "Maria Lindqvist" in out[2]
