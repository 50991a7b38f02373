"""The analysis is plain, JSON-ready data whose offsets, evidence and index can be trusted."""

from __future__ import annotations

import json

import pytest

from coachkit.analyzer import MAX_CHARS, Analysis, analyze, analyze_many
from coachkit.errors import InputError

REPLY = "It sounds like the score stung. You need to do more questions. What would help you most?"


def test_round_trips_through_json() -> None:
    analysis = analyze(REPLY, "I failed renal.")
    data = json.loads(json.dumps(analysis.to_dict()))
    assert Analysis.from_dict(data) == analysis


def test_sentence_offsets_and_evidence_spans_point_into_the_reply() -> None:
    analysis = analyze(REPLY)
    for sentence in analysis.sentences:
        assert REPLY[sentence.start : sentence.end] == sentence.text
        for ev in sentence.evidence:
            assert REPLY[ev.start : ev.end] == ev.text
            assert sentence.start <= ev.start < ev.end <= sentence.end


def test_inquiry_index_and_probabilities_are_well_formed() -> None:
    for analysis in analyze_many([REPLY, "Great.", "Why don't you just study harder?"]):
        assert -1.0 <= analysis.inquiry_index <= 1.0
        assert sum(analysis.probabilities.values()) == pytest.approx(1.0, abs=1e-3)
        for sentence in analysis.sentences:
            assert sum(sentence.act_probabilities.values()) == pytest.approx(1.0, abs=5e-3)


def test_inquiry_based_replies_score_above_directive_ones() -> None:
    inquiry, directive = analyze_many(["What stood out to you in these results?",
                                       "You have to stop rereading and do questions."])
    assert inquiry.inquiry_index > 0.3 > -0.3 > directive.inquiry_index


def test_batch_and_single_analysis_agree() -> None:
    texts = [REPLY, "Have you tried Anki?", ""]
    assert analyze_many(texts) == [analyze(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "note"),
    [("", "empty"), ("   \n ", "empty"), ("Deberías estudiar más para el examen de cardiología.", "not_english"),
     ("What do you think? " * 400, "truncated")],
)
def test_awkward_input_is_noted_not_fatal(text: str, note: str) -> None:
    assert note in analyze(text).notes


def test_long_text_is_analysed_up_to_the_limit() -> None:
    analysis = analyze("You should rest. " * 1000)
    assert analysis.sentences[-1].end <= MAX_CHARS and analysis.directive


def test_readability_is_reported() -> None:
    r = analyze("What would you like to focus on today?").readability
    assert r.words == 8 and r.sentences == 1 and r.flesch_reading_ease > 60


@pytest.mark.parametrize("bad", [None, 5, ["a"]])
def test_non_text_is_refused_with_a_clear_error(bad) -> None:
    with pytest.raises(InputError, match="must be strings"):
        analyze(bad)


def test_unknown_tier_is_refused() -> None:
    with pytest.raises(InputError, match="unknown tier 'turbo'"):
        analyze("Hi", tier="turbo")
