"""Sentence splitting keeps offsets and does not split on abbreviations or decimals."""

import pytest

from coachkit.analyzer.segment import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("You should start using flashcards. What do you think?", ["You should start using flashcards.", "What do you think?"]),
        ("Dr. Okafor said 68.5% is low!! OK?", ["Dr. Okafor said 68.5% is low!!", "OK?"]),
        ("She takes M1s. Email her.", ["She takes M1s.", "Email her."]),
        ("You don't. What now?", ["You don't.", "What now?"]),
        ("first line\nsecond line", ["first line", "second line"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split(text: str, sentences: list[str]) -> None:
    spans = split_sentences(text)
    assert [s.text for s in spans] == sentences
    assert all(text[s.start : s.end] == s.text for s in spans)
