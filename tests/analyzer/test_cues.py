"""The rule-based cues: matched case-blind, with straight or curly apostrophes, spans intact."""

from __future__ import annotations

import pytest

from coachkit.analyzer.cues import decide, lowered


@pytest.mark.parametrize(("sentence", "act"), [
    ("Why don\u2019t you join a study group?", "leading_question"),
    ("DON'T WORRY, YOU'LL BE FINE.", "reassurance"),
    ("You Should Start Using Flashcards.", "advice"),
    ("Would it be OK if I shared an idea?", "seeking_collaboration"),
    ("It\u2019s entirely up to you.", "emphasizing_autonomy"),
])
def test_cues_ignore_case_and_apostrophe_style(sentence: str, act: str) -> None:
    assert decide(sentence).act == act


def test_evidence_is_cut_from_the_original_sentence_even_where_lower_case_is_longer() -> None:
    sentence = "\u0130stanbul aside, You SHOULD sleep more."  # "İ" lower-cases to two characters
    assert len(lowered(sentence)) == len(sentence)
    decision = decide(sentence)
    assert decision.act == "advice"
    match = decision.matches[0]
    assert sentence[match.start : match.end] == match.text and match.text.startswith("You SHOULD")
