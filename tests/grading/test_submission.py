"""Does the check before grading name what is wrong with a submission?"""

from __future__ import annotations

import nbformat
import pytest

from coachkit.grading.submission import expected_files, inspect_submission


def _submit(course, assignment_id, trainee, *, edit=None, text=None):
    folder = course.path("submitted", trainee, assignment_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{assignment_id}.ipynb"
    if text is not None:
        target.write_text(text)
        return folder
    nb = nbformat.read(course.path("release", ".", assignment_id) / f"{assignment_id}.ipynb", as_version=4)
    if edit:
        edit(nb)
    nbformat.write(nb, target)
    return folder


def _answer(nb):
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reply-worried-student-answer")
    cell.source = cell.source.replace('"""\n\n"""', '"""\nWhat worries you most?\n"""')


def _delete(nb):
    _answer(nb)
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "scenario"]


def test_expected_files(course, assignment_id):
    assert expected_files(course, assignment_id) == ([f"{assignment_id}.ipynb"], ["first-meeting.jsonl"])


@pytest.mark.parametrize(("setup", "gradable", "message"), [
    ({}, False, "empty submission"),
    ({"text": '{"cells": ['}, False, "damaged"),
    ({"text": '{"cells": 3}'}, False, "not a readable notebook"),
    ({"edit": None}, True, "nothing was answered"),
    ({"edit": _delete}, True, "1 graded cell(s) deleted (scenario)"),
    ({"edit": _answer}, True, "missing transcript first-meeting.jsonl"),
])
def test_problems_are_named(course, assignment_id, setup, gradable, message):
    if setup:
        _submit(course, assignment_id, "ann", **setup)
    else:
        course.path("submitted", "ann", assignment_id).mkdir(parents=True)
    check = inspect_submission(course, assignment_id, "ann")
    assert check.gradable is gradable
    assert any(message in p for p in check.problems), check.problems


def test_a_complete_submission_has_no_problems(course, assignment_id):
    folder = _submit(course, assignment_id, "ann", edit=_answer)
    (folder / "first-meeting.jsonl").write_text("{}\n")
    assert inspect_submission(course, assignment_id, "ann").problems == []
