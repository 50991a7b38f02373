"""The trainees of a course, kept as students in nbgrader's gradebook.

Adding a trainee twice updates their name or email and never duplicates them
(``Gradebook.update_or_create_student``). A roster can come from a CSV file with a column
``id`` (or ``student_id``) and optional ``first_name``, ``last_name``, ``email``.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coachkit.errors import InputError
from coachkit.grading.course import Course
from coachkit.workdir import safe_id


@dataclass(frozen=True)
class Trainee:
    """One trainee: the id used everywhere (folders, gradebook) and optional details."""

    id: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


def read_roster(path: str | os.PathLike[str]) -> list[Trainee]:
    """Read trainees from a CSV file; a bad row is reported with its line number."""
    file = Path(path)
    try:
        handle = file.open(newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{file}: file not found") from None
    with handle:
        reader = csv.DictReader(handle)
        fields = {(f or "").strip().lower(): f for f in reader.fieldnames or []}
        id_field = fields.get("id") or fields.get("student_id")
        if id_field is None:
            raise InputError(f"{file}, line 1: needs a column 'id' (or 'student_id'); found {list(fields)}")
        trainees = []
        for line, row in enumerate(reader, start=2):
            raw = (row.get(id_field) or "").strip()
            if not raw:
                continue
            try:
                trainee_id = safe_id(raw, what="trainee id")
            except InputError as exc:
                raise InputError(f"{file}, line {line}: {exc}") from None

            def get(name: str, row: dict = row) -> str | None:
                value = (row.get(fields.get(name, ""), "") or "").strip()
                return value or None

            trainees.append(Trainee(trainee_id, get("first_name"), get("last_name"), get("email")))
    return trainees


def add_trainees(course: Course, trainees: Iterable[Trainee | str]) -> tuple[list[str], list[str]]:
    """Add trainees to the gradebook; returns (added ids, already present ids)."""
    added: list[str] = []
    present: list[str] = []
    with course.gradebook() as gb:
        known = {s.id for s in gb.students}
        for item in trainees:
            trainee = item if isinstance(item, Trainee) else Trainee(safe_id(str(item), what="trainee id"))
            details = {k: v for k, v in (("first_name", trainee.first_name), ("last_name", trainee.last_name),
                                         ("email", trainee.email)) if v}
            gb.update_or_create_student(trainee.id, **details)
            (present if trainee.id in known else added).append(trainee.id)
            known.add(trainee.id)
    return added, present


def list_trainees(course: Course) -> list[Trainee]:
    """Every trainee in the gradebook, sorted by id."""
    with course.gradebook() as gb:
        return [Trainee(s.id, s.first_name, s.last_name, s.email) for s in sorted(gb.students, key=lambda s: s.id)]
