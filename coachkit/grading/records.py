"""The scored cells of autograded notebooks, as plain records for feedback and reports.

Each scored cell's output carries its result as JSON (``cells.MIME_TYPE``): the rubric
result, the credit, the inquiry index, the problems seen. ``assignment_records`` reads them
from ``autograded/<trainee>/<assignment>/*.ipynb`` and keeps a small cache
(``reports/records/<assignment>.json``) keyed by each notebook's modification time, so a
report over hundreds of trainees does not re-read every notebook.
"""

from __future__ import annotations

import json
import os
from typing import Any

from coachkit.grading.cells import MIME_TYPE
from coachkit.grading.course import Course

CACHE_VERSION = 1


def notebook_scores(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The score payloads of one notebook's cells, in cell order (with the cell's grade_id)."""
    with open(path, encoding="utf-8") as handle:
        nb = json.load(handle)
    out = []
    for cell in nb.get("cells", []):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(MIME_TYPE)
            if isinstance(payload, dict):
                out.append({**payload, "grade_id": grade_id})
    return out


def assignment_records(course: Course, assignment_id: str) -> dict[str, list[dict[str, Any]]]:
    """Trainee id -> score payloads of all their autograded notebooks of the assignment."""
    cache_file = course.reports / "records" / f"{assignment_id}.json"
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
        if cache.get("version") != CACHE_VERSION:
            cache = {}
    except (FileNotFoundError, json.JSONDecodeError):
        cache = {}
    entries: dict[str, Any] = cache.get("trainees", {})
    fresh: dict[str, Any] = {}
    changed = False
    root = course.root / "autograded"
    for folder in sorted(root.glob(f"*/{assignment_id}")) if root.is_dir() else []:
        trainee = folder.parent.name
        notebooks = sorted(folder.glob("*.ipynb"))
        stamp = [[p.name, p.stat().st_mtime_ns] for p in notebooks]
        entry = entries.get(trainee)
        if entry is None or entry.get("stamp") != stamp:
            scores: list[dict[str, Any]] = []
            for path in notebooks:
                try:
                    scores.extend(notebook_scores(path))
                except (OSError, json.JSONDecodeError):
                    continue
            entry = {"stamp": stamp, "scores": scores}
            changed = True
        fresh[trainee] = entry
    if changed or set(fresh) != set(entries):
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"version": CACHE_VERSION, "trainees": fresh}), encoding="utf-8")
        tmp.replace(cache_file)
    return {trainee: entry["scores"] for trainee, entry in fresh.items()}
