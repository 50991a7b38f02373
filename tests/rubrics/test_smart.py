"""Does the SMART checker see each component where a facilitator would?"""

from __future__ import annotations

import pytest

from coachkit.rubrics import check_smart, evaluate

STRONG = ("Do 20 cardiology questions every weekday until the block exam on 14 March, "
          "to lift my score from 58% to 70%.")

#: goal, expected (specific, measurable, achievable, relevant, time_bound)
GOALS = [
    (STRONG, (1, 1, 1, 1, 1)),
    ("Study cardiology more.", (0.5, 0, 0.5, 0.5, 0)),
    ("Improve.", (0.5, 0, 0.5, 0, 0)),
    ("Complete 40 practice questions per day by Friday so that I am ready for the Step 1 exam.", (1, 1, 1, 1, 1)),
    ("Review renal physiology each week.", (1, 0, 0.5, 0.5, 0.5)),
    ("I will never miss a day and get 100% on everything.", (0, 1, 0, 0, 0.5)),
    ("Spend 14 hours a day on flashcards before the shelf.", (1, 1, 0, 0.5, 1)),
    ("Write two one-page summaries of acid-base within 3 weeks because my block score dropped.", (1, 1, 1, 1, 1)),
    ("Teach back the cardiac cycle to a classmate by 2025-03-14.", (1, 0, 0.5, 0, 1)),
]


@pytest.mark.parametrize(("goal", "expected"), GOALS)
def test_smart_components(goal, expected):
    check = check_smart(goal, profile_terms=["cardiology", "renal physiology"])
    got = tuple(check.components[c].score for c in ("specific", "measurable", "achievable", "relevant", "time_bound"))
    assert got == expected


def test_spans_point_into_the_goal_text():
    check = check_smart(STRONG)
    for component in check.components.values():
        for span in component.spans:
            assert STRONG[span.start:span.end] == span.text


def test_step_1_is_not_an_amount():
    assert check_smart("Pass Step 1 exam.").components["measurable"].score == 0


@pytest.mark.parametrize(("goal", "total"), [(STRONG, 10.0), ("Study cardiology more.", 3.0), ("", 0.0)])
def test_ilp_rubric_points(goal, total):
    assert evaluate("ilp-goal", [goal], profile_terms=["cardiology"]).total == total
