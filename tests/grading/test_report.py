"""Does the cohort report flag the right trainees and stay fast and self-contained?"""

from __future__ import annotations

from datetime import datetime

import pytest

from coachkit.grading.gradebook_view import SubmissionRow
from coachkit.grading.report import CohortData, render, write_report


def _row(trainee: str, assignment: str, score: float, max_score: float = 10.0, late: float = 0.0) -> SubmissionRow:
    return SubmissionRow(trainee, assignment, "", "", "", datetime(2025, 3, 1), None, score, 0.0, max_score, 0, late)


def _payload(inquiry: float, points: list[float], *, owner: str | None = None) -> dict:
    criteria = [{"criterion_id": f"c{i}", "title": f"Criterion {i}", "level": "x", "points": p, "max_points": 2.0,
                 "value": None, "evidence": [], "comment": "", "rated": True} for i, p in enumerate(points)]
    return {"kind": "transcript", "inquiry_index": inquiry, "transcript_trainee": owner,
            "rubric": {"rubric_id": "coaching-conversation", "title": "t", "criteria": criteria}}


def _data(**records) -> CohortData:
    assignments = ["a1", "a2"]
    subs = {}
    recs: dict = {"a1": {}, "a2": {}}
    for trainee, (scores, payloads) in records.items():
        for a, s in zip(assignments, scores):
            subs[(trainee, a)] = _row(trainee, a, s)
        for a, p in zip(assignments, payloads):
            recs[a][trainee] = [p]
    return CohortData("c", assignments, sorted(records), subs, {"a1": 10.0, "a2": 10.0}, recs,
                      step_problems={"zed": ["a1: supportive-climate.ipynb is damaged"]})


@pytest.mark.parametrize(("trainee", "reason"), [
    ("low", "overall score 20%"),
    ("faller", "inquiry index fell from +0.60 to +0.20"),
    ("teller", "replies lean directive in a2"),
    ("zero", "lowest level on 3 of 4 rubric criteria"),
    ("copier", "recorded by someone"),
    ("zed", "damaged"),
])
def test_attention_reasons(trainee, reason):
    data = _data(
        low=([2, 2], [_payload(0.5, [2, 2]), _payload(0.5, [2, 2])]),
        faller=([9, 9], [_payload(0.6, [2, 2]), _payload(0.2, [2, 2])]),
        teller=([9, 9], [_payload(0.1, [2, 2]), _payload(-0.3, [2, 2])]),
        zero=([9, 9], [_payload(0.5, [0, 0]), _payload(0.5, [0, 2])]),
        copier=([9, 9], [_payload(0.5, [2, 2], owner="someone"), _payload(0.5, [2, 2])]),
        fine=([9, 9], [_payload(0.4, [2, 2]), _payload(0.5, [2, 1])]),
    )
    data.trainees.append("zed")
    assert any(reason in r for r in data.attention(trainee))
    assert data.attention("fine") == []


def test_render_with_two_modules_has_three_plots_and_escapes_ids():
    data = _data(**{"a<b": ([9, 9], [_payload(0.2, [2, 2]), _payload(0.6, [2, 2])]),
                    "bob": ([5, 6], [_payload(-0.2, [0, 2]), _payload(0.1, [1, 2])])})
    html = render(data)
    assert html.count("data:image/png;base64,") == 3
    assert "a&lt;b" in html and "<td>a<b</td>" not in html


def test_empty_course_renders(course):
    html = write_report(course).read_text()
    assert "0 submissions" in html and "No data yet" in html
