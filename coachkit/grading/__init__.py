"""Grading with nbgrader: course set-up, collect, autograde, feedback and the cohort report.

The notebooks' scored cells call ``coachkit.grading.cells`` (kept light: it runs in every
trainee's kernel). Everything else wraps nbgrader, which takes seconds to import, so the
names below are loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Course": "coachkit.grading.course",
    "init_course": "coachkit.grading.course",
    "Trainee": "coachkit.grading.roster",
    "add_trainees": "coachkit.grading.roster",
    "list_trainees": "coachkit.grading.roster",
    "read_roster": "coachkit.grading.roster",
    "release": "coachkit.grading.handout",
    "collect": "coachkit.grading.collection",
    "autograde": "coachkit.grading.autograding",
    "generate_feedback": "coachkit.grading.feedback",
    "write_report": "coachkit.grading.report",
    "export_grades": "coachkit.grading.report",
    "StepReport": "coachkit.grading.outcome",
    "write_sources": "coachkit.grading.blueprint",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'coachkit.grading' has no attribute {name!r}")
