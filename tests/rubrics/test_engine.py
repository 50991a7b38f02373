"""Does ``evaluate`` give the levels, points, evidence and comments the rubric says?"""

from __future__ import annotations

import json

import pytest

from coachkit.rubrics import RubricResult, evaluate, load_rubric

PROFILE = ["renal physiology", 58, "cardiology"]


def test_inquiry_conversation_earns_the_expected_levels(inquiry_turns):
    result = evaluate("coaching-conversation", inquiry_turns, profile_terms=PROFILE)
    levels = {c.criterion_id: c.level for c in result.criteria}
    assert levels == {
        "open-questions": "good",  # 2 of 2 questions open
        "reflection-question-ratio": "good",  # 6 reflections : 2 questions = 3.0
        "complex-reflections": "good",  # 4 of 6 complex = 67%
        "permission-before-advice": "good",
        "student-data": "fair",  # only turn 1 names 58% / renal physiology
    }
    assert (result.total, result.max_total) == (9.0, 10.0)


def test_directive_conversation_reaches_needs_work(directive_turns):
    result = evaluate("coaching-conversation", directive_turns, profile_terms=PROFILE)
    assert {c.level for c in result.criteria} == {"needs work"}
    assert result.total == 0.0
    # no reflections at all: when_undefined sends %CR to its lowest level
    assert result.criterion("complex-reflections").value is None
    # six directive sentences (advice, persuasion, reassurance, leading question) ... four of them
    assert result.criterion("permission-before-advice").value == 4.0


@pytest.mark.parametrize(
    ("sentences", "value", "level"),
    [
        ([("What do you see?", "open_question"), ("How did it go?", "open_question"),
          ("Was it hard?", "closed_question")], 2 / 3, "fair"),
        ([("What do you see?", "open_question"), ("Is it cardio?", "closed_question"),
          ("Was it hard?", "closed_question")], 1 / 3, "needs work"),
        ([("What do you see?", "open_question")] * 7 + [("Ok?", "closed_question")] * 3, 0.7, "good"),
    ],
)
def test_open_question_thresholds(sentences, value, level, analysis_of):
    result = evaluate("coaching-conversation", [analysis_of(sentences)])
    crit = result.criterion("open-questions")
    assert crit.value == pytest.approx(value, abs=1e-6)
    assert crit.level == level


@pytest.mark.parametrize(
    ("reflections", "questions", "level"),
    [(2, 1, "good"), (1, 1, "fair"), (1, 2, "needs work"), (1, 0, "fair"), (2, 0, "good")],
)
def test_reflection_question_ratio_miti_thresholds(reflections, questions, level, analysis_of):
    sentences = [("You feel stuck.", "simple_reflection")] * reflections + [("What now?", "open_question")] * questions
    assert evaluate("coaching-conversation", [analysis_of(sentences)]).criterion("reflection-question-ratio").level == level


@pytest.mark.parametrize(("complex_n", "simple_n", "level"), [(1, 1, "good"), (2, 3, "fair"), (1, 2, "needs work")])
def test_complex_reflection_miti_thresholds(complex_n, simple_n, level, analysis_of):
    sentences = [("It worries you.", "complex_reflection")] * complex_n + [("You studied.", "simple_reflection")] * simple_n
    assert evaluate("coaching-conversation", [analysis_of(sentences)]).criterion("complex-reflections").level == level


def test_advice_after_asking_permission_is_not_counted(analysis_of):
    turns = [
        analysis_of([("Would it be OK if I shared an idea?", "seeking_collaboration")]),
        analysis_of([("You could try self-testing each evening.", "advice")]),
        analysis_of([("How did that land?", "open_question")]),
        analysis_of([("You should also sleep more.", "advice")]),
    ]
    crit = evaluate("coaching-conversation", turns).criterion("permission-before-advice")
    assert crit.value == 1.0 and crit.level == "fair"
    cost = [e for e in crit.evidence if e.effect == "cost"]
    assert [(e.turn, e.sentence, e.text) for e in cost] == [(4, 0, "You should also sleep more.")]
    assert "You should also sleep more." in crit.comment


def test_student_data_is_not_rated_without_profile_terms(inquiry_turns):
    result = evaluate("coaching-conversation", inquiry_turns)
    crit = result.criterion("student-data")
    assert not crit.rated and crit.max_points == 0 and result.max_total == 8.0


def test_evidence_points_at_the_sentence_that_earned_it(inquiry_turns):
    crit = evaluate("coaching-conversation", inquiry_turns, profile_terms=PROFILE).criterion("student-data")
    [ref] = crit.evidence
    assert (ref.turn, ref.sentence) == (1, 1)
    assert ref.text == "What stands out to you in the 58% on renal physiology?"
    assert inquiry_turns[0].text[ref.start:ref.end] == ref.text


def test_transcript_lines_keep_their_turn_numbers_and_skip_the_student(inquiry_turns):
    lines = []
    for i, analysis in enumerate(inquiry_turns):
        lines.append({"speaker": "student", "turn": 2 * i, "text": "hmm"})
        lines.append({"speaker": "coach", "turn": 2 * i + 1, "text": analysis.text, "analysis": analysis.to_dict()})
    result = evaluate("coaching-conversation", lines, profile_terms=PROFILE)
    direct = evaluate("coaching-conversation", inquiry_turns, profile_terms=PROFILE)
    assert [c.level for c in result.criteria] == [c.level for c in direct.criteria]
    turns = {e.turn for c in result.criteria for e in c.evidence}
    assert turns == {1, 3, 5, 7}


def test_empty_work_gets_the_lowest_level_everywhere():
    result = evaluate("coaching-conversation", ["", "   "], profile_terms=PROFILE)
    assert result.total == 0 and result.max_total == 10
    assert all("Nothing was submitted" in c.comment for c in result.criteria)


def test_result_round_trips_through_json(inquiry_turns):
    result = evaluate(load_rubric("coaching-conversation"), inquiry_turns, profile_terms=PROFILE)
    again = RubricResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result and again.to_dict()["total"] == result.total


def test_dict_analyses_are_accepted(inquiry_turns):
    as_dicts = [a.to_dict() for a in inquiry_turns]
    assert evaluate("coaching-conversation", as_dicts).to_dict() == evaluate("coaching-conversation", inquiry_turns).to_dict()
