"""Shared fixtures for the scenario tests: an isolated work folder and trainee."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_work(tmp_path, monkeypatch):
    """Every test writes into its own work folder as trainee ``tester``."""
    root = tmp_path / "work"
    monkeypatch.setenv("COACHKIT_WORK", str(root))
    monkeypatch.setenv("COACHKIT_TRAINEE", "tester")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "jupyter-config"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    return root


import re

from coachkit.analyzer.acts import ACT_FAMILY, INQUIRY_WEIGHT, is_directive
from coachkit.analyzer.analysis import Analysis, SentenceAnalysis
from coachkit.scenarios.persona import PLACEHOLDERS, persona_from_values

#: Placeholder values of a made-up student, so engine tests need no cohort.
VALUES = {key: f"<{key}>" for key in PLACEHOLDERS} | {
    "name": "Sam", "full_name": "Sam Rivera", "exam": "the cardiovascular block exam",
    "exam_score": "58%", "weak_topic": "heart failure", "weak_accuracy": "44%",
    "weak_confidence": "85%", "strong_topic": "renal physiology", "strong_accuracy": "81%",
    "percentile": "18th", "goal": "20 questions every morning", "goal_status": "not started",
}

_RULES = (
    ("advice", r"\b(should|need to|must|have to|make sure|try to)\b"),
    ("reassurance", r"\b(don't worry|you'll be fine|everyone fails)\b"),
    ("seeking_collaboration", r"^(would it be ok|would it help|could we)\b"),
    ("emphasizing_autonomy", r"\b(up to you|your choice|your decision)\b"),
    ("open_question", r"^(what|how|why|tell me|where)\b.*\?$"),
    ("closed_question", r"\?$"),
    ("complex_reflection", r"^(it sounds|sounds like|so you|you feel|you're|you are)\b"),
)


def fake_analyze(text, context="", *, tier="fast"):
    """A keyword stand-in for the analyzer: enough to drive the engine's logic."""
    notes = ("not_english",) if re.search(r"\b(estudiar|examen|porque)\b", text) else ()
    sentences = []
    for match in re.finditer(r"[^.?!]+[.?!]?", text):
        part = match.group(0).strip()
        if not part:
            continue
        act = next((a for a, rx in _RULES if re.search(rx, part.lower())), "other")
        start = text.index(part, match.start())
        sentences.append(SentenceAnalysis(
            text=part, start=start, end=start + len(part), mi_code=ACT_FAMILY[act], act=act,
            directive=is_directive(act), inquiry_index=INQUIRY_WEIGHT[act],
            probabilities={ACT_FAMILY[act]: 1.0}, act_probabilities={act: 1.0},
        ))
    main = max(sentences, key=lambda s: abs(s.inquiry_index)) if sentences else None
    return Analysis(
        text=text, context=context, mi_code=main.mi_code if main else "other",
        act=main.act if main else "other",
        directive=any(s.directive for s in sentences),
        inquiry_index=sum(s.inquiry_index for s in sentences) / max(len(sentences), 1),
        probabilities={}, sentences=tuple(sentences), readability=None, notes=notes,
    )


@pytest.fixture
def persona():
    return persona_from_values("S-test", VALUES)


@pytest.fixture
def fake():
    """The keyword stand-in analyzer (tests of the engine's logic, not of the analyzer)."""
    return fake_analyze
