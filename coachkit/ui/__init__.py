"""The kit's widgets for notebooks and Voila; one call per cell, no logic in notebooks.

    from coachkit.ui import play, ReplyPractice
    play("failed-block-exam")          # a simulated coaching conversation
    ReplyPractice()                    # check one written reply

Widgets load on first use, so ``import coachkit.ui`` stays cheap.
"""

from __future__ import annotations

from coachkit.lazy import lazy_exports


_LAZY = {
    "play": "coachkit.ui.simulation",
    "Simulation": "coachkit.ui.simulation",
    "ReplyPractice": "coachkit.ui.practice",
    "explain": "coachkit.ui.practice",
    "Quiz": "coachkit.ui.quiz",
    "Reflection": "coachkit.ui.reflection",
    "ModuleMap": "coachkit.ui.progress",
    "PracticeRoom": "coachkit.ui.practice_room",
}

__all__, __getattr__, __dir__ = lazy_exports(__name__, _LAZY)
