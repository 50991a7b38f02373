"""Grading with nbgrader: course set-up, collect, autograde, feedback and the cohort report.

The notebooks' scored cells call ``coachkit.grading.cells`` (kept light: it runs in every
trainee's kernel). Everything else wraps nbgrader, which takes seconds to import, so the
names below are loaded on first use.
"""

from __future__ import annotations

from coachkit.lazy import lazy_exports


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

__all__, __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
