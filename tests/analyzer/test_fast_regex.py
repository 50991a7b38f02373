"""The faster forms of the cue patterns match exactly what the patterns as written match."""

from __future__ import annotations

import csv
import re

import pytest

from coachkit.analyzer.cues import (
    _REFLECTION_FRAME,
    _REFLECTION_FRAME_SOURCE,
    DIRECTIVE_CUES,
    INQUIRY_CUES,
    LEADING_CUES,
    PERSUASION_CUES,
    REASSURANCE_CUES,
    lowered,
)
from coachkit.analyzer.fast_regex import compile_fast, factor_word_boundaries, first_characters
from coachkit.analyzer.segment import split_sentences
from coachkit.paths import dataset_path

CUES = DIRECTIVE_CUES + LEADING_CUES + PERSUASION_CUES + REASSURANCE_CUES + INQUIRY_CUES


def _sentences() -> list[str]:
    """Every training sentence the kit has (AnnoMI and the written replies' training split),
    lower-cased as the cues see them, plus texts made to sit on the patterns' edges."""
    texts = []
    with dataset_path("annomi", "annomi_dev.csv").open(newline="") as handle:
        texts += [row["utterance_text"] for row in csv.DictReader(handle)]
    with dataset_path("coaching_replies", "train.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            texts += [row["text"], row["context"]]
    texts += ["", " ", "?", "you", "u should", "ya gotta", "'ve got to go", "I'd", "-you need to-", "so, you should.",
              "Do not worry", "dont worry", "everyone fails", "the data show", "you've got this!", "you've got this now"]
    return sorted({lowered(s.text) for t in set(texts) for s in split_sentences(t)} | {lowered(t) for t in texts})


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return _sentences()


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: cue.name)
def test_each_cue_finds_the_same_matches_as_its_pattern_as_written(cue, sentences) -> None:
    plain = re.compile(cue.source)
    for sentence in sentences:
        assert [m.span() for m in cue.pattern.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)], sentence


def test_most_cues_run_in_their_fast_form() -> None:
    assert sum("(?=[" in cue.pattern.pattern for cue in CUES) >= 10
    assert "(?=[" in _REFLECTION_FRAME.pattern


def test_the_reflection_frame_finds_the_same_matches_as_written(sentences) -> None:
    plain = re.compile(_REFLECTION_FRAME_SOURCE)
    for sentence in sentences:
        assert [m.span() for m in _REFLECTION_FRAME.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)]


@pytest.mark.parametrize(("pattern", "first"), [
    (r"\bfoo", "f"),
    (r"a?b", "ab"),
    (r"(?:x|y)*z", "xyz"),
    (r"colou?r", "c"),
    (r"don'?t", "d"),
    (r"(?<!when\s)(?=you)you", "y"),
    (r"ab{0,2}", "a"),
    (r"x{2}|\.", ".x"),
    (r"(a)+", "a"),
    (r"\bwe\s+(?:should|must)", "w"),
])
def test_first_characters_of_a_pattern(pattern: str, first: str) -> None:
    assert first_characters(pattern) == frozenset(first)


@pytest.mark.parametrize("pattern", [
    r"\s+you",  # a class
    r"[ab]c",
    r".x",
    r"^so",  # an anchor
    r"(?:a|)b",  # an empty alternative: not read, although {a, b} would be right
    r"a?",  # may match nothing
    r"(?P<name>x)",
    r"(?i)x",
    r"a?{b",  # a literal brace
])
def test_first_characters_gives_up_where_it_cannot_be_sure(pattern: str) -> None:
    assert first_characters(pattern) is None


def test_compile_fast_checks_the_first_character_and_keeps_the_rest() -> None:
    pattern = compile_fast(r"\bfoo|\bbar|^\W*baz")
    assert pattern.pattern == r"^\W*baz|(?=[bf])(?:\b(?:foo|bar))"
    assert factor_word_boundaries(r"\bfoo|\bbar|^\W*baz") == r"^\W*baz|\b(?:foo|bar)"
    assert [m.group() for m in pattern.finditer("foo bar xfoo baz")] == ["foo", "bar"]
