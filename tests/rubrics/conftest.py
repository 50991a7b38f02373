"""Fixtures for the rubric tests: analyses built by hand, so tests do not depend on the model."""

from __future__ import annotations

import pytest

from coachkit.analyzer.analysis import Analysis
from coachkit.grading.sample import coded_analysis as make_analysis


#: Coach turns of an inquiry-based conversation about a student's renal block.
INQUIRY_TURNS = [
    [("You have been looking hard at your renal results.", "simple_reflection"),
     ("What stands out to you in the 58% on renal physiology?", "open_question")],
    [("It sounds like the drop surprised you after all the rereading.", "complex_reflection"),
     ("You expected the hours to show in the score.", "complex_reflection")],
    [("Part of you wonders whether rereading is the right tool.", "complex_reflection"),
     ("What would you like to try before the block exam?", "open_question")],
    [("You want something that shows you what you really know.", "complex_reflection"),
     ("Self-testing seems to fit how you like to work.", "simple_reflection")],
]

#: Coach turns of a directive conversation: advice without asking, closed questions.
DIRECTIVE_TURNS = [
    [("Did you do the practice questions?", "closed_question"),
     ("You should do fifty questions a day.", "advice")],
    [("Rereading does not work, you need to switch.", "persuasion"),
     ("Have you tried flashcards?", "closed_question")],
    [("Don't worry, everyone struggles with renal.", "reassurance"),
     ("Wouldn't it be better to start earlier?", "leading_question")],
]


@pytest.fixture
def analysis_of():
    """The ``make_analysis`` builder, for tests that compose their own replies."""
    return make_analysis


@pytest.fixture
def inquiry_turns() -> list[Analysis]:
    return [make_analysis(t) for t in INQUIRY_TURNS]


@pytest.fixture
def directive_turns() -> list[Analysis]:
    return [make_analysis(t) for t in DIRECTIVE_TURNS]
