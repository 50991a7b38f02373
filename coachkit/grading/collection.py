"""Collecting submissions: from nbgrader's exchange, a folder, or a zip from an LMS.

A folder or zip goes through nbgrader's own ``zip_collect`` (``ZipCollectApp``): it is
copied into ``downloaded/<assignment>/archive/``, extracted, and each file is mapped to
``submitted/<trainee>/<assignment>/`` by ``SubmissionCollector``. Running it again with the
same files gives the same result (nbgrader's ``force`` replaces each trainee's collected
files), and a later zip with more trainees adds them.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from coachkit.errors import InputError
from coachkit.grading.course import Course, prepare_nbgrader, quiet_logger
from coachkit.grading.outcome import StepReport, write_step
from coachkit.grading.submission import expected_files, inspect_submission


def last_error(result: dict) -> str:
    """The line of an nbgrader API result (``{"success", "log", "error"}``) that says what went wrong."""
    log = (result.get("log") or "") + "\n" + (result.get("error") or "")
    lines = [ln.strip() for ln in log.splitlines() if "ERROR" in ln or "Error" in ln]
    return (lines[-1] if lines else log.strip().splitlines()[-1] if log.strip() else "unknown error")[:300]


def _copy_into_archive(source: Path, archive: Path) -> None:
    archive.mkdir(parents=True, exist_ok=True)
    if source.is_file():
        if not zipfile.is_zipfile(source):
            raise InputError(f"{source} is neither a folder nor a zip file")
        shutil.copyfile(source, archive / source.name)
    elif source.is_dir():
        shutil.copytree(source, archive, dirs_exist_ok=True)
    else:
        raise InputError(f"{source}: no such folder or zip file")


def submitted_trainees(course: Course, assignment_id: str) -> list[str]:
    """Trainees with a folder for the assignment in ``submitted/``."""
    root = course.root / "submitted"
    return sorted(p.parent.name for p in root.glob(f"*/{assignment_id}") if p.is_dir()) if root.is_dir() else []


def collect(course: Course, assignment_id: str, *, source: str | os.PathLike[str] | None = None) -> StepReport:
    """Collect submissions of one assignment; ``source`` is a folder or a zip, else the exchange."""
    course.check_assignment(assignment_id)
    report = StepReport("collect", assignment_id)
    if not course.path("release", ".", assignment_id).is_dir():
        raise InputError(f"assignment {assignment_id!r} has not been released yet: run 'coachkit course release {assignment_id}' first")
    if source is None:
        result = course.api().collect(assignment_id, update=True)
        if not result["success"]:
            report.problem("(course)", f"collecting from the exchange failed: {last_error(result)}")
    else:
        prepare_nbgrader()
        from nbgrader.apps.zipcollectapp import ZipCollectApp
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.utils import capture_log

        notebooks, transcripts = expected_files(course, assignment_id)
        _copy_into_archive(Path(source).expanduser().resolve(),
                           course.root / "downloaded" / assignment_id / "archive")
        config = course.config(SubmissionCollector={"known_files": notebooks + transcripts},
                               ZipCollectApp={"force": True, "strict": True})
        app = ZipCollectApp(config=config, log=quiet_logger("zip_collect"))
        app.coursedir = CourseDirectory(config=config, parent=app)
        app.coursedir.assignment_id = assignment_id
        result = capture_log(app)
        if not result["success"]:
            report.problem("(course)", f"collecting the files failed: {last_error(result)}")
        plugin = app.collector_plugin_inst
        if plugin is not None:
            report.notes.extend(getattr(plugin, "notes", []))
            for trainee in getattr(plugin, "late_marked", []):
                report.problem(trainee, "the learning-management system marked this submission as late")
        for line in (result.get("log") or "").splitlines():
            if "Skipped notebook with invalid name" in line:
                report.notes.append(line.split("] ", 1)[-1])
    collected = submitted_trainees(course, assignment_id)
    with course.gradebook() as gb:  # whoever handed something in is a trainee of the course
        roster = {s.id for s in gb.students}
        for trainee in collected:
            if trainee not in roster:
                gb.update_or_create_student(trainee)
                report.notes.append(f"{trainee} was not on the roster and has been added")
    for trainee in collected:
        for message in inspect_submission(course, assignment_id, trainee).problems:
            report.problem(trainee, message)
        report.done.append(trainee)
    write_step(course, report)
    return report
