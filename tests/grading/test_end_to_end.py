"""Does a synthetic cohort of 30 go through release → collect → autograde → feedback → report
with real nbgrader, and does the gradebook hold exactly what the rubrics give each trainee?"""

from __future__ import annotations

import base64
import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from coachkit.grading import Course, autograde, collect, export_grades, generate_feedback, release, write_report
from coachkit.grading.blueprint import load_blueprints
from coachkit.grading.cells import knowledge_check, score_reply, score_transcript
from coachkit.grading.sample import write_cohort

pytestmark = pytest.mark.e2e

N = 30
ASSIGNMENT = "supportive-climate"  # released by the ``released_course`` fixture


@pytest.fixture(scope="module")
def run(released_course: Path, tmp_path_factory: pytest.TempPathFactory, assignment_id: str,
        isolated_jupyter) -> dict:
    """The whole workflow, once: every test below reads its results."""
    assert assignment_id == ASSIGNMENT
    with isolated_jupyter():
        return _workflow(released_course, tmp_path_factory)


def _workflow(released_course: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("e2e") / "course"
    shutil.copytree(released_course, root)
    course = Course.open(root)
    inbox = root.parent / "inbox"
    trainees = write_cohort(course, ASSIGNMENT, inbox, n=N)
    steps = {
        "collect": collect(course, ASSIGNMENT, source=inbox),
        "autograde": autograde(course, ASSIGNMENT, progress=False),
        "feedback": generate_feedback(course, ASSIGNMENT, progress=False),
    }
    return {"course": course, "trainees": {t.trainee_id: t for t in trainees}, "steps": steps, "inbox": inbox,
            "report": write_report(course), "csv": export_grades(course)}


def _grades(course: Course) -> dict[str, dict[str, float | None]]:
    with course.gradebook() as gb:
        out = {}
        for sub in gb.find_assignment(ASSIGNMENT).submissions:
            out[sub.student.id] = {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades}
        return out


def _expected(course: Course, trainee) -> dict[str, float | None]:
    """What each graded cell should get, computed here with the same rubrics and analyzer."""
    blueprint = next(b for b in load_blueprints(course.root / "assignments.yaml") if b.id == ASSIGNMENT)
    from coachkit.curriculum import load_curriculum

    def answer(grade_id: str) -> str:
        return f"\n{trainee.answers[grade_id]}\n" if grade_id in trainee.answers else "\n\n"

    out: dict[str, float | None] = {}
    for q in load_curriculum().activities[blueprint.module].questions:
        out[f"check-{q.id}"] = float(knowledge_check(answer(f"check-{q.id}-answer"), module=blueprint.module,
                                                     question=q.id, points=blueprint.check_points))
    for r in blueprint.replies:
        out[f"reply-{r.id}"] = None if trainee.deleted_cells else float(
            score_reply(answer(f"reply-{r.id}-answer"), points=r.points, rubric=r.rubric, student_data=r.student_data))
    out["scenario"] = float(score_transcript(blueprint.scenario.id, points=blueprint.scenario.points,
                                             folder=course.path("submitted", trainee.trainee_id, ASSIGNMENT)))
    out["reflection"] = None if trainee.answers else 0.0  # written: waits for the facilitator; blank: 0
    return out


def test_every_gradable_trainee_is_in_the_gradebook_and_the_malformed_one_is_not(run):
    graded = set(_grades(run["course"]))
    malformed = {t for t, x in run["trainees"].items() if x.style == "malformed"}
    assert len(malformed) == 1
    assert graded == set(run["trainees"]) - malformed
    assert len(run["steps"]["autograde"].done) == N - 1


def test_gradebook_holds_what_the_rubrics_give_each_trainee(run):
    grades = _grades(run["course"])
    for trainee_id, trainee in run["trainees"].items():
        if trainee.style == "malformed":
            continue
        assert grades[trainee_id] == pytest.approx(_expected(run["course"], trainee)), trainee_id


@pytest.mark.parametrize(("style", "conversation", "checks"), [("inquiry", 10.0, 3.0), ("mixed", 5.0, 2.0),
                                                               ("directive", 0.0, 0.0), ("empty", 0.0, 0.0)])
def test_conversation_and_knowledge_check_points_follow_the_trainee_style(run, style, conversation, checks):
    grades = _grades(run["course"])
    for trainee in (t for t in run["trainees"].values() if t.style == style and not t.no_transcript):
        got = grades[trainee.trainee_id]
        assert got["scenario"] == conversation, trainee.trainee_id
        assert sum(v for k, v in got.items() if k.startswith("check-")) == checks


def test_written_replies_rank_inquiry_above_mixed_above_directive(run):
    grades = _grades(run["course"])

    def mean(style: str) -> float:
        values = [grades[t]["reply-worried-student"] for t, x in run["trainees"].items()
                  if x.style == style and not x.deleted_cells]
        return sum(values) / len(values)

    assert mean("inquiry") > mean("mixed") > mean("directive") > mean("empty") == 0.0


def test_problems_are_reported_by_name(run):
    problems = run["steps"]["autograde"].problems
    by_trouble = {t.trainee_id: t for t in run["trainees"].values()}
    malformed = next(t for t, x in by_trouble.items() if x.style == "malformed")
    late = next(t for t, x in by_trouble.items() if x.late)
    missing = next(t for t, x in by_trouble.items() if x.no_transcript)
    deleted = next(t for t, x in by_trouble.items() if x.deleted_cells)
    empty = next(t for t, x in by_trouble.items() if x.style == "empty")
    assert any("damaged" in m and "not graded" in m for m in problems[malformed])
    assert any("after the deadline" in m for m in problems[late])
    assert any("missing transcript first-meeting.jsonl" in m for m in problems[missing])
    assert any("graded cell(s) deleted" in m for m in problems[deleted])
    assert any("nothing was answered" in m for m in problems[empty])
    quiet = [t for t, x in by_trouble.items() if x.style in {"inquiry", "directive", "mixed"}
             and not (x.late or x.no_transcript or x.deleted_cells)]
    assert not set(quiet) & set(problems)


def test_late_submission_is_late_in_the_gradebook(run):
    late = next(t for t, x in run["trainees"].items() if x.late)
    with run["course"].gradebook() as gb:
        assert gb.find_submission(ASSIGNMENT, late).total_seconds_late == pytest.approx(24 * 3600)


def test_feedback_has_nbgrader_html_and_an_escaped_rubric_summary(run):
    course = run["course"]
    for trainee_id in run["steps"]["feedback"].done:
        folder = course.path("feedback", trainee_id, ASSIGNMENT)
        assert (folder / f"{ASSIGNMENT}.html").is_file()
        summary = (folder / "rubric-summary.html").read_text(encoding="utf-8")
        assert "Total:" in summary and "<script" not in summary
    inquiry = next(t for t, x in run["trainees"].items() if x.style == "inquiry" and not x.deleted_cells)
    page = (course.path("feedback", inquiry, ASSIGNMENT) / "rubric-summary.html").read_text(encoding="utf-8")
    assert "Open questions" in page and "Written reply: worried student" in page
    nbgrader_page = (course.path("feedback", inquiry, ASSIGNMENT) / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "ck-rubric" in nbgrader_page  # the rubric table travels inside nbgrader's own feedback


def test_report_is_self_contained_with_plots_and_flags_the_troubled(run):
    html = run["report"].read_text(encoding="utf-8")
    assert not re.search(r'src="(?!data:)', html)  # no external images or scripts
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 2  # inquiry per module and the heat map (pre/post needs two modules)
    assert all(base64.b64decode(i)[:8] == b"\x89PNG\r\n\x1a\n" for i in images)
    attention = html.split("<h2>Who needs attention</h2>")[1].split("<h2>")[0]
    malformed = next(t for t, x in run["trainees"].items() if x.style == "malformed")
    assert f"<td>{malformed}</td>" in attention and "damaged" in attention


def test_csv_export_has_one_row_per_trainee(run):
    rows = list(csv.DictReader(run["csv"].open(encoding="utf-8")))
    assert len(rows) == N and {r["assignment"] for r in rows} == {ASSIGNMENT}
    grades = _grades(run["course"])
    for row in rows:
        expected = sum(v or 0 for v in grades.get(row["student_id"], {}).values())
        assert float(row["raw_score"]) == pytest.approx(expected)
        assert float(row["max_score"]) == 21


def test_running_every_step_again_changes_nothing_and_keeps_manual_grades(run):
    course = run["course"]
    inquiry = next(t for t, x in run["trainees"].items() if x.style == "inquiry" and not x.late)
    with course.gradebook() as gb:
        grade = gb.find_grade("reflection", ASSIGNMENT, ASSIGNMENT, inquiry)
        grade.manual_score = 3.0
        gb.db.commit()
    before = _grades(course)
    with course.gradebook() as gb:
        counts = (len(gb.students), len(gb.find_assignment(ASSIGNMENT).submissions))
    release(course, ASSIGNMENT)
    collect(course, ASSIGNMENT, source=run["inbox"])
    autograde(course, ASSIGNMENT, trainees=[inquiry, next(iter(run["steps"]["autograde"].done))], progress=False)
    generate_feedback(course, ASSIGNMENT, progress=False)
    assert _grades(course) == before
    with course.gradebook() as gb:
        assert (len(gb.students), len(gb.find_assignment(ASSIGNMENT).submissions)) == counts
        assert gb.find_grade("reflection", ASSIGNMENT, ASSIGNMENT, inquiry).manual_score == 3.0
        assert gb.find_assignment(ASSIGNMENT).duedate is not None
    summary = (course.path("feedback", inquiry, ASSIGNMENT) / "rubric-summary.html").read_text(encoding="utf-8")
    assert "3 of 4 points" in summary
    assert json.loads((course.reports / "steps" / f"{ASSIGNMENT}-autograde.json").read_text())["step"] == "autograde"
