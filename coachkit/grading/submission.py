"""Looking at one trainee's submitted folder before grading it.

nbgrader fails on a notebook that is not valid JSON and silently scores deleted cells as
missing; a facilitator needs to hear "t07: the notebook is damaged" instead. This module
names what is wrong with a submission: nothing handed in, a damaged notebook, deleted
graded cells, nothing answered, a missing transcript.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat

from coachkit.grading.course import Course

_TRANSCRIPT_CALL = re.compile(r'score_transcript\(\s*"([A-Za-z0-9._-]+)"')


@dataclass
class SubmissionCheck:
    """What was found in one submission; ``gradable`` is False when nbgrader cannot run it."""

    trainee_id: str
    gradable: bool = True
    problems: list[str] = field(default_factory=list)


def expected_files(course: Course, assignment_id: str) -> tuple[list[str], list[str]]:
    """(notebook names, transcript file names) the assignment's source notebooks expect."""
    source = course.path("source", ".", assignment_id)
    notebooks = sorted(p.name for p in source.glob("*.ipynb"))
    transcripts = sorted({f"{m}.jsonl" for p in source.glob("*.ipynb")
                          for cell in _course_notebook(p).cells
                          for m in _TRANSCRIPT_CALL.findall(cell.source)})
    return notebooks, transcripts


@lru_cache(maxsize=32)
def _read_cached(path: Path, mtime_ns: int) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _course_notebook(path: Path) -> nbformat.NotebookNode:
    """A source or released notebook, read once per version (they are the same for every trainee)."""
    return _read_cached(path, path.stat().st_mtime_ns)


def _grade_ids(nb: nbformat.NotebookNode) -> dict[str, bool]:
    """grade_id -> is it an answer (solution) cell."""
    out = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id") and (meta.get("grade") or meta.get("solution")):
            out[meta["grade_id"]] = bool(meta.get("solution"))
    return out


def inspect_submission(course: Course, assignment_id: str, trainee_id: str) -> SubmissionCheck:
    """Check one trainee's ``submitted/<trainee>/<assignment>/`` folder."""
    check = SubmissionCheck(trainee_id)
    folder = course.path("submitted", trainee_id, assignment_id)
    notebooks, transcripts = expected_files(course, assignment_id)
    released = course.path("release", ".", assignment_id)
    handed_in = [p for p in folder.glob("*.ipynb")] if folder.is_dir() else []
    if not handed_in:
        check.gradable = False
        check.problems.append("empty submission: no notebook was handed in")
        return check
    for name in notebooks:
        path = folder / name
        if not path.exists():
            check.problems.append(f"notebook {name} is missing (it gets 0 points)")
            continue
        try:
            nb = nbformat.read(path, as_version=4)
        except (json.JSONDecodeError, nbformat.reader.NotJSONError, UnicodeDecodeError) as exc:
            check.gradable = False
            check.problems.append(f"{name} is damaged (not valid JSON: {str(exc).splitlines()[0][:80]}); it was not graded")
            continue
        except Exception as exc:  # nbformat raises several kinds for a file that is not a notebook
            check.gradable = False
            check.problems.append(f"{name} is not a readable notebook ({type(exc).__name__}); it was not graded")
            continue
        source = _course_notebook(course.path("source", ".", assignment_id) / name)
        expected = _grade_ids(source)
        present = _grade_ids(nb)
        deleted = sorted(set(expected) - set(present))
        if deleted:
            check.problems.append(f"{name}: {len(deleted)} graded cell(s) deleted ({', '.join(deleted[:4])}); "
                                  "they get 0 points")
        if released.is_dir() and (released / name).exists():
            blank = _course_notebook(released / name)
            answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in blank.cells
                       if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
            mine = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
                    if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
            if answers and all(mine.get(k, v) == v for k, v in answers.items()):
                check.problems.append(f"{name}: nothing was answered")
    for name in transcripts:
        if not (folder / name).exists() and not (folder / "transcripts" / name).exists():
            check.problems.append(f"missing transcript {name} (the conversation gets 0 points)")
    return check
