"""Are the student's own data recognised in a coach's words, and only those?"""

from __future__ import annotations

import pytest

from coachkit.rubrics.terms import compile_terms, find_terms


@pytest.mark.parametrize(
    ("terms", "text", "found"),
    [
        ([58], "Your score was 58% on renal.", ["58"]),
        ([58], "You scored 158 points.", []),
        ([58], "That is 5.8 hours.", []),
        ([58.0], "58 percent", ["58"]),
        (["72%"], "from 72 to 80", ["72"]),
        (["Renal Physiology"], "the renal   physiology block", ["renal   physiology"]),
        (["cardiology"], "Cardiology questions", ["Cardiology"]),
        (["shelf exam"], "both shelf exams", ["shelf exams"]),
        (["of", "a"], "a list of things", []),
        ([True], "True", []),
        ([], "anything", []),
    ],
)
def test_term_matching(terms, text, found):
    assert [h.text for h in find_terms(text, compile_terms(terms))] == found
