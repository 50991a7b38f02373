"""Feedback for each trainee: nbgrader's HTML feedback plus a one-page rubric summary.

nbgrader's ``generate_feedback`` renders each autograded notebook as HTML; the rubric
tables appear under the scored cells because they are part of those cells' output.
``rubric-summary.html`` (next to it in ``feedback/<trainee>/<assignment>/``) gathers the
same tables on one page with the scores from the gradebook, the facilitator's comments and
anything that needs the trainee's attention. nbgrader's ``release_feedback`` hands out
both. Every piece of trainee text is escaped.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from coachkit.grading.collection import last_error
from coachkit.grading.course import Course
from coachkit.grading.outcome import StepReport, write_step
from coachkit.grading.records import assignment_records
from coachkit.grading.rubric_table import STYLE, message_html, rubric_table_html
from coachkit.rubrics import RubricResult

SUMMARY_FILE = "rubric-summary.html"

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:62em;margin:2em auto;padding:0 1em;color:#222}}
h1{{font-size:1.5em}} .ck-total{{font-size:1.2em}} .ck-flag{{background:#fff4d6;border-left:4px solid #c80;padding:.4em .8em}}
{style}</style></head><body>
<h1>{title}</h1>
<p class="ck-total">{total}</p>
{flags}{body}
<p class="ck-note">Generated {when} by CoachKit from the gradebook and the autograded notebook.</p>
</body></html>
"""


def _score_html(payload: dict[str, Any]) -> str:
    label = str(payload.get("label", "Item"))
    score, points = float(payload.get("score", 0)), float(payload.get("points", 0))
    if payload.get("rubric"):
        notes = tuple(str(p) for p in payload.get("problems", []))
        return rubric_table_html(RubricResult.from_dict(payload["rubric"]), heading=label, score=score,
                                 points=points, notes=notes, with_style=False)
    message = payload.get("message") or "; ".join(str(p) for p in payload.get("problems", [])) or "Rated."
    return message_html(label, str(message), score=score, points=points)


def summary_page(*, trainee_id: str, assignment_id: str, scores: list[dict[str, Any]],
                 grades: list[dict[str, Any]], total: tuple[float, float], flags: list[str]) -> str:
    """The HTML of one trainee's rubric summary (all trainee text escaped)."""
    scored = {p.get("grade_id") for p in scores}
    blocks = [_score_html(p) for p in scores]
    for grade in grades:  # manually graded cells (the reflection) and any cell without a payload
        if grade["name"] in scored:
            continue
        score = "not graded yet" if grade["score"] is None else f"{grade['score']:g} of {grade['max_score']:g} points"
        comment = f"<p>{escape(grade['comment'])}</p>" if grade.get("comment") else ""
        blocks.append(f'<div class="ck-rubric-block"><p><b>{escape(grade["name"])}</b> — <b>{score}</b></p>{comment}</div>')
    flag_html = "".join(f'<p class="ck-flag">{escape(f)}</p>' for f in flags)
    return _PAGE.format(
        title=escape(f"Feedback for {trainee_id}: {assignment_id}"),
        total=f"Total: <b>{total[0]:g} of {total[1]:g} points</b>",
        flags=flag_html, body="\n".join(blocks), style=STYLE,
        when=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _gradebook_view(course: Course, assignment_id: str) -> dict[str, Any]:
    """Per trainee: total, max, late seconds and the grades with comments."""
    out: dict[str, Any] = {}
    with course.gradebook() as gb:
        assignment = gb.find_assignment(assignment_id)
        for submission in assignment.submissions:
            grades = []
            for notebook in submission.notebooks:
                comments = {c.name: c.comment for c in notebook.comments}
                for g in notebook.grades:
                    grades.append({"name": g.name, "score": g.score if (g.auto_score is not None or g.manual_score is not None) else None,
                                   "max_score": g.max_score, "comment": comments.get(g.name)})
            out[submission.student.id] = {"total": (submission.score, submission.max_score),
                                          "late": submission.total_seconds_late, "grades": grades}
    return out


def generate_feedback(course: Course, assignment_id: str, *, release: bool = False,
                      progress: bool = True) -> StepReport:
    """Write feedback for every autograded trainee of an assignment (and hand it out if ``release``)."""
    course.check_assignment(assignment_id)
    from tqdm import tqdm

    report = StepReport("feedback", assignment_id)
    api = course.api()
    records = assignment_records(course, assignment_id)
    view = _gradebook_view(course, assignment_id)
    for trainee in tqdm(sorted(records), desc=f"feedback {assignment_id}", unit="trainee",
                        file=sys.stderr, disable=not progress):
        if trainee not in view:
            report.problem(trainee, "autograded files exist but the gradebook has no submission; autograde again")
            continue
        result = api.generate_feedback(assignment_id, trainee, force=True)
        if not result["success"]:
            report.problem(trainee, f"nbgrader could not write the feedback: {last_error(result)}")
            continue
        flags = []
        if view[trainee]["late"] > 0:
            flags.append("This work was handed in after the deadline.")
        flags.extend(f"Note: {p}." for s in records[trainee] for p in s.get("problems", []))
        folder: Path = course.path("feedback", trainee, assignment_id)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SUMMARY_FILE).write_text(
            summary_page(trainee_id=trainee, assignment_id=assignment_id, scores=records[trainee],
                         grades=view[trainee]["grades"], total=view[trainee]["total"], flags=flags),
            encoding="utf-8")
        if release:
            result = api.release_feedback(assignment_id, trainee)
            if not result["success"]:
                report.problem(trainee, f"could not hand the feedback out: {last_error(result)}")
                continue
        report.done.append(trainee)
    write_step(course, report)
    return report
