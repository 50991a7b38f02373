"""Do the scored cells produce what nbgrader reads as partial credit, and show escaped tables?"""

from __future__ import annotations

import json
import sys

import nbformat
import pytest
from nbgrader.utils import determine_grade

from coachkit.grading.cells import MIME_TYPE, CellScore, knowledge_check, score_goal, score_reply, score_transcript
from coachkit.grading.sample import transcript_lines

MODULE = "01-supportive-climate"


def _grade_cell(score: CellScore, points: float) -> nbformat.NotebookNode:
    """An autograder cell whose output is ``score`` as IPython would publish it."""
    cell = nbformat.v4.new_code_cell("score(...)", metadata={"nbgrader": {
        "grade": True, "solution": False, "points": points, "grade_id": "x", "schema_version": 3}})
    cell.outputs = [nbformat.v4.new_output("execute_result", data=score._repr_mimebundle_(), execution_count=1)]
    return cell


@pytest.mark.parametrize(("answer", "points", "expected"), [
    ("B", 1, 1.0), ("b", 1, 1.0), (" B) ", 2, 2.0), ("(b).", 1, 1.0), ("A", 1, 0.0), ("", 1, 0.0),
    ("B and C", 1, 0.0), ("Z", 1, 0.0), (None, 1, 0.0),
])
def test_knowledge_check_letters(answer, points, expected):
    assert float(knowledge_check(answer, module=MODULE, question="first-minutes", points=points)) == expected


def test_knowledge_check_explains_the_chosen_option():
    score = knowledge_check("A", module=MODULE, question="first-minutes")
    assert "Not quite." in score.html and score.payload["correct"] is False
    assert score.payload["label"] == "Knowledge check 1"


@pytest.mark.parametrize(("reply", "points"), [
    ("It sounds like the 64% worried you. What would make this meeting useful for you?", 4),
    ("You should study anatomy harder.", 4),
    ("", 3),
])
def test_nbgrader_reads_the_score_as_partial_credit(reply, points):
    score = score_reply(reply, points=points, student_data=["anatomy", 64])
    grade, max_points = determine_grade(_grade_cell(score, points))
    assert grade == float(score) and 0 <= grade <= points == max_points
    assert score.payload["rubric"]["rubric_id"] == "coaching-reply"


def test_credit_is_the_rubric_fraction_of_the_cell_points():
    score = score_reply("What do you make of your 64% in anatomy?", points=3, student_data=["anatomy", 64])
    rubric = score.payload["rubric"]
    assert float(score) == round(3 * rubric["total"] / rubric["max_total"], 2)


def test_trainee_text_is_escaped_in_the_table():
    score = score_reply("What do you make of <script>alert(1)</script> your results?", points=4)
    html = score._repr_mimebundle_()["text/html"]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_scoring_writes_nothing_to_stderr_even_when_libraries_warn(capsys, monkeypatch):
    import warnings

    import coachkit.rubrics.engine as engine

    real = engine.evaluate

    def noisy(*args, **kwargs):
        warnings.warn("a library warning", UserWarning)
        print("stray diagnostics", file=sys.stderr)
        return real(*args, **kwargs)

    monkeypatch.setattr("coachkit.rubrics.evaluate", noisy)
    score_goal("Answer 20 pharmacology questions every weekday by 14 March.", points=5)
    assert capsys.readouterr().err == ""


def test_goal_partial_credit_without_the_analyzer():
    assert float(score_goal("Study more.", points=5)) < float(
        score_goal("Answer 20 pharmacology questions every weekday until the exam on 14 March, "
                   "so that my 52% rises to 70%.", points=5, student_data=["pharmacology", 52])) == 5.0


def test_missing_transcript_scores_zero_and_says_so(tmp_path):
    score = score_transcript("first-meeting", points=10, folder=tmp_path)
    assert float(score) == 0 and score.payload["problems"] == ["missing transcript"]
    assert "No transcript" in score.html


@pytest.mark.parametrize(("style", "points"), [("inquiry", 10.0), ("mixed", 5.0), ("directive", 0.0)])
def test_transcript_levels_are_known_for_coded_conversations(tmp_path, style, points):
    lines = transcript_lines(style, trainee_id="t1", scenario_id="first-meeting")
    (tmp_path / "first-meeting.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    score = score_transcript("first-meeting", points=10, folder=tmp_path)
    assert float(score) == points
    assert score.payload["transcript_trainee"] == "t1" and score.payload["coach_turns"] == len(
        [x for x in lines if x["speaker"] == "coach"])


def test_torn_transcript_line_is_noted_not_fatal(tmp_path):
    lines = transcript_lines("inquiry", trainee_id="t1", scenario_id="first-meeting")
    text = "".join(json.dumps(x) + "\n" for x in lines) + '{"speaker": "coach", "te'
    (tmp_path / "first-meeting.jsonl").write_text(text)
    score = score_transcript("first-meeting", points=10, folder=tmp_path)
    assert float(score) == 10.0 and any("incomplete" in p for p in score.payload["problems"])


def test_payload_travels_as_json_in_the_output():
    bundle = score_reply("What stands out to you?", points=2)._repr_mimebundle_()
    assert json.loads(json.dumps(bundle[MIME_TYPE]))["kind"] == "reply"
    assert float(bundle["text/plain"]) == bundle[MIME_TYPE]["score"]
