"""Fixtures for the rubric tests: analyses built by hand, so tests do not depend on the model."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from coachkit.analyzer.acts import INQUIRY_WEIGHT, MI_CODES, family_of, is_directive
from coachkit.analyzer.analysis import Analysis, SentenceAnalysis


def make_analysis(sentences: Sequence[tuple[str, str]], *, context: str = "") -> Analysis:
    """An ``Analysis`` of a reply made of ``(sentence text, act)`` pairs, offsets included."""
    parts: list[SentenceAnalysis] = []
    cursor = 0
    for text, act in sentences:
        family = family_of(act)
        probs = {code: (1.0 if code == family else 0.0) for code in MI_CODES}
        parts.append(
            SentenceAnalysis(
                text=text, start=cursor, end=cursor + len(text), mi_code=family, act=act,
                directive=is_directive(act), inquiry_index=INQUIRY_WEIGHT[act],
                probabilities=probs, act_probabilities={act: 1.0},
            )
        )
        cursor += len(text) + 1
    full = " ".join(t for t, _ in sentences)
    index = sum(p.inquiry_index * len(p.text) for p in parts) / max(1, sum(len(p.text) for p in parts))
    main = max(parts, key=lambda p: len(p.text)) if parts else None
    return Analysis(
        text=full, context=context, mi_code=main.mi_code if main else "other",
        act=main.act if main else "other", directive=any(p.directive for p in parts),
        inquiry_index=round(index, 4),
        probabilities=main.probabilities if main else {c: 0.25 for c in MI_CODES},
        sentences=tuple(parts), readability=None, notes=() if parts else ("empty",),
    )


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
