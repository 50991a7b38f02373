"""Autograding a cohort with nbgrader, one trainee at a time, with a progress bar.

Each trainee's submission is checked first (``inspect_submission``): a damaged notebook or
an empty folder is reported by name and skipped, so nbgrader never stops on it. The others
go through nbgrader's own ``autograde`` (``NbGraderAPI.autograde``), which writes their
grades to ``gradebook.db``; running it again replaces the automatic scores and keeps the
facilitator's manual grades and comments. Late submissions are named from the gradebook.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from coachkit.errors import InputError
from coachkit.grading.collection import last_error, submitted_trainees
from coachkit.grading.course import Course
from coachkit.grading.outcome import StepReport, write_step
from coachkit.grading.records import assignment_records
from coachkit.grading.submission import inspect_submission


def _late(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"


def autograde(course: Course, assignment_id: str, *, trainees: Iterable[str] | None = None,
              execution: str = "in-process", progress: bool = True) -> StepReport:
    """Autograde the submissions of one assignment (all collected trainees, or ``trainees``).

    ``execution`` is how notebooks run: ``"in-process"`` (fastest), ``"shared-kernel"`` or
    ``"fresh-kernels"`` (nbgrader's own, one kernel per notebook); see
    ``coachkit.grading.execution``.
    """
    course.check_assignment(assignment_id)
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute
    from tqdm import tqdm

    from coachkit.grading.execution import EXECUTIONS, shutdown_shared_kernels

    if execution not in EXECUTIONS:
        raise InputError(f"unknown execution {execution!r}; choose one of {', '.join(EXECUTIONS)}")
    sections: dict = {}
    replacement = EXECUTIONS[execution]
    if replacement is not None:
        default = Autograde.class_traits()["autograde_preprocessors"].default()
        sections["Autograde"] = {"autograde_preprocessors": [replacement if p is Execute else p for p in default]}
        sections[replacement.__name__] = {"timeout": course.config().Execute.get("timeout", 120)}
    api = course.api(**sections)
    report = StepReport("autograde", assignment_id)
    todo = sorted(trainees) if trainees is not None else submitted_trainees(course, assignment_id)
    marker = course.reports / f".autograding-{assignment_id}"
    isolated: set[str] = set()
    if marker.exists():  # the last run died inside this notebook (e.g. it called os._exit)
        culprit = marker.read_text(encoding="utf-8").strip()
        report.notes.append(f"the previous run stopped while grading {culprit}; "
                            "that notebook now runs in its own kernel")
        isolated.add(culprit)
    marker.parent.mkdir(parents=True, exist_ok=True)
    isolated_api = None
    try:
        for trainee in tqdm(todo, desc=f"autograde {assignment_id}", unit="trainee", file=sys.stderr,
                            disable=not progress):
            check = inspect_submission(course, assignment_id, trainee)
            for message in check.problems:
                report.problem(trainee, message)
            if not check.gradable:
                continue
            marker.write_text(trainee, encoding="utf-8")
            if trainee in isolated:
                isolated_api = isolated_api or course.api()
                result = isolated_api.autograde(assignment_id, trainee, force=True, create=True)
            else:
                result = api.autograde(assignment_id, trainee, force=True, create=True)
            marker.unlink()
            if not result["success"]:
                report.problem(trainee, f"nbgrader could not grade it: {last_error(result)}")
                continue
            report.done.append(trainee)
    finally:
        shutdown_shared_kernels()
    with course.gradebook() as gb:
        for trainee in report.done:
            submission = gb.find_submission(assignment_id, trainee)
            if submission.total_seconds_late > 0:
                report.problem(trainee, f"handed in {_late(submission.total_seconds_late)} after the deadline")
    assignment_records(course, assignment_id)  # refresh the cache the report reads
    write_step(course, report)
    return report
