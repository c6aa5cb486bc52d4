"""Tests for newsledger.annotate: the cached views of a Doc the extractors share."""

from __future__ import annotations

import pytest

from newsledger.annotate import doc_text, remember_text, sent_of, sentences


def test_the_input_text_is_remembered_instead_of_rebuilt(nlp):
    text = "Rebels shelled the town.\n\nTwo people died,  officials said. "
    doc = nlp(text)
    remember_text(doc, text)
    assert doc_text(doc) is text and doc_text(doc) == doc.text


def test_a_text_of_another_length_is_not_remembered(nlp):
    doc = nlp("Rebels shelled the town.")
    remember_text(doc, "Rebels shelled the town")
    remember_text(doc, "Rebels shelled the town. Then they left.")
    assert doc_text(doc) == "Rebels shelled the town."


def test_sentences_and_sent_of_agree_with_spacy(nlp):
    doc = nlp("Rebels shelled the town. Two people died. Officials said so.")
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]
    assert all(sent_of(token).start == token.sent.start for token in doc)


@pytest.mark.parametrize("text, expected", [
    ("SIDON, Lebanon - Israeli jets bombed a camp.", ["SIDON, Lebanon -", "Israeli jets bombed a camp."]),
    ("BAGHDAD (Reuters) - Iraq said it shot down two planes.",
     ["BAGHDAD (Reuters) -", "Iraq said it shot down two planes."]),
    ("Headline here\nQUITO - At least 14 people were injured.",
     ["Headline here", "QUITO -", "At least 14 people were injured."]),
    # a comma before the dash (issue #5) …
    ("ROCKBRIDGE CO., Va., - Federal and state police are searching.",
     ["ROCKBRIDGE CO., Va., -", "Federal and state police are searching."]),
    # … but a dash the tokenizer glued to the next word is not cut ("The" stays in its sentence)
    ("INDIANAPOLIS, Ind. (Jan. 8, 2016)—The four suspects were identified.",
     ["INDIANAPOLIS, Ind. (Jan. 8, 2016)—The four suspects were identified."]),
    # two capitals are an abbreviation, and a lower-case word is not a dateline
    ("US - Iran talks collapsed on Monday.", ["US - Iran talks collapsed on Monday."]),
    ("Gunmen killed five people - police said.", ["Gunmen killed five people - police said."]),
])
def test_a_dateline_is_a_sentence_of_its_own(nlp, text, expected):
    """The parser must not make the dateline's place the subject or the speaker of the first sentence."""
    assert [s.text.strip() for s in nlp(text).sents if s.text.strip()] == expected
