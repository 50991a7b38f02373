"""CoachKit: practise academic coaching with feedback on inquiry-based vs. directive language.

The flat public API, so a notebook cell reads ``from coachkit import analyze, play``. Names
are imported on first use (PEP 562), so ``import coachkit`` - and the ``coachkit`` command -
stay fast: the scoring path never pays for pandas, matplotlib or ipywidgets.
"""

from __future__ import annotations

from coachkit.lazy import lazy_exports


__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # the language analyzer
    "analyze": "coachkit.analyzer",
    "analyze_many": "coachkit.analyzer",
    "Analysis": "coachkit.analyzer",
    # the synthetic cohort
    "CohortConfig": "coachkit.cohort",
    "generate": "coachkit.cohort",
    "load_default": "coachkit.cohort",
    "dashboard": "coachkit.cohort",
    # scenarios
    "Scenario": "coachkit.scenarios",
    "Session": "coachkit.scenarios",
    "list_scenarios": "coachkit.scenarios",
    "load_scenario": "coachkit.scenarios",
    "read_transcript": "coachkit.scenarios",
    # rubrics
    "load_rubric": "coachkit.rubrics",
    "evaluate": "coachkit.rubrics",
    # widgets for notebooks
    "play": "coachkit.ui",
    "ReplyPractice": "coachkit.ui",
    # errors
    "CoachKitError": "coachkit.errors",
}

__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
