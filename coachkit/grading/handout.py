"""Handing out an assignment (nbgrader calls it releasing): nbgrader's ``generate_assignment``, a due date, and the exchange.

``generate_assignment`` writes the trainee version (answers removed, hidden tests removed)
to ``release/<assignment>/`` and records the assignment and its graded cells in the
gradebook. Handing it out through nbgrader's exchange is optional: many workshops share the
released folder through their learning-management system instead.
"""

from __future__ import annotations

from datetime import datetime

from coachkit.errors import InputError
from coachkit.grading.collection import last_error
from coachkit.grading.course import Course
from coachkit.grading.outcome import StepReport


def parse_due(text: str) -> datetime:
    """A due date such as ``2025-03-14 17:00`` (UTC) or ``2025-03-14 17:00 Europe/Paris``, in UTC.

    nbgrader reads a third word as a time zone, takes a number there as an offset in
    *seconds* and silently falls back to UTC for a zone it does not know; only zone names
    are accepted here, so a typo cannot move the deadline.
    """
    import dateutil.tz
    from nbgrader.utils import parse_utc

    parts = text.split()
    if len(parts) == 3 and (parts[2].lstrip("+-").isdigit() or dateutil.tz.gettz(parts[2]) is None):
        raise InputError(f"due date {text!r}: unknown time zone {parts[2]!r} (use a name such as Europe/Paris)")
    try:
        return parse_utc(" ".join(parts))
    except (ValueError, OverflowError) as exc:
        raise InputError(f"due date {text!r} is not a date and time such as '2025-03-14 17:00'") from exc


def release(course: Course, assignment_id: str, *, due: str | None = None,
            to_exchange: bool = False) -> StepReport:
    """Generate the trainee version of an assignment; optionally set its due date and hand it out."""
    course.check_assignment(assignment_id)
    report = StepReport("release", assignment_id, per_trainee=False)
    due_date = parse_due(due) if due else None
    api = course.api()
    with course.gradebook() as gb:  # keep the due date across re-generation
        existing = next((a for a in gb.assignments if a.name == assignment_id), None)
        keep_due = existing.duedate if existing is not None else None
    result = api.generate_assignment(assignment_id, force=True, create=True)
    if not result["success"]:
        raise InputError(f"nbgrader could not generate {assignment_id!r}: {last_error(result)}")
    with course.gradebook() as gb:
        if due_date or keep_due:
            gb.update_or_create_assignment(assignment_id, duedate=due_date or keep_due)
    report.notes.append(f"trainee version written to {course.path('release', '.', assignment_id)}")
    if due_date:
        report.notes.append(f"due {due_date:%Y-%m-%d %H:%M} UTC")
    if to_exchange:
        result = api.release_assignment(assignment_id)
        if not result["success"]:
            raise InputError(f"could not release {assignment_id!r} to the exchange: {last_error(result)}")
        report.notes.append("released to the nbgrader exchange")
    return report
