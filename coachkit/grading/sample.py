"""Rehearsal cohorts: synthetic submissions for trying the grading workflow end to end.

A facilitator can rehearse release → collect → autograde → feedback → report on made-up
trainees before the real cohort hands anything in (``coachkit course sample``); the tests
and the benchmark use the same cohorts. Each trainee has a *style* - ``inquiry`` (reflects,
asks open questions, works from the student's data), ``directive`` (closed questions and
unasked-for advice), ``mixed``, ``empty`` (hands in the notebook untouched) or ``malformed``
(a notebook that is not valid JSON) - and optional troubles: late, no transcript, graded
cells deleted.

The practice-conversation transcripts carry hand-coded analyses (``coded_analysis``), so
their rubric levels are known exactly whatever the analyzer's model says; written replies
are plain text that the analyzer rates when the notebook is graded.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat

from coachkit.analyzer.acts import INQUIRY_WEIGHT, MI_CODES, family_of, is_directive
from coachkit.analyzer.analysis import Analysis, SentenceAnalysis
from coachkit.grading.blueprint import Blueprint, ReplyExercise, load_blueprints
from coachkit.errors import InputError
from coachkit.grading.course import Course
from coachkit.grading.gradebook_view import read_gradebook

STYLES = ("inquiry", "directive", "mixed", "empty", "malformed")


def coded_analysis(sentences: Sequence[tuple[str, str]], *, context: str = "") -> Analysis:
    """An ``Analysis`` of a reply made of ``(sentence, act)`` pairs, as a human coder would give it."""
    parts: list[SentenceAnalysis] = []
    cursor = 0
    for text, act in sentences:
        family = family_of(act)
        parts.append(SentenceAnalysis(
            text=text, start=cursor, end=cursor + len(text), mi_code=family, act=act,
            directive=is_directive(act), inquiry_index=INQUIRY_WEIGHT[act],
            probabilities={c: float(c == family) for c in MI_CODES}, act_probabilities={act: 1.0},
        ))
        cursor += len(text) + 1
    weight = sum(len(p.text) for p in parts)
    index = sum(p.inquiry_index * len(p.text) for p in parts) / weight if weight else 0.0
    main = max(parts, key=lambda p: len(p.text)) if parts else None
    return Analysis(
        text=" ".join(t for t, _ in sentences), context=context,
        mi_code=main.mi_code if main else "other", act=main.act if main else "other",
        directive=any(p.directive for p in parts), inquiry_index=round(index, 4),
        probabilities=dict(main.probabilities) if main else {c: 0.25 for c in MI_CODES},
        sentences=tuple(parts), readability=None, notes=() if parts else ("empty",),
    )


#: The simulated student of the rehearsal transcripts (the engine saves these values).
PERSONA = {"student_id": "S-REHEARSAL", "values": {
    "name": "Sam", "weak_topic": "anatomy", "exam_score": "64%", "pass_mark": "65%",
    "exam": "the anatomy block exam", "strong_topic": "physiology",
}}

#: Coach turns per style: (sentence, act) pairs. Inquiry: all open questions, 5 reflections
#: to 2 questions, 4 of 5 complex, no advice, the student's data in two turns -> 10/10.
CONVERSATIONS: dict[str, list[list[tuple[str, str]]]] = {
    "inquiry": [
        [("It sounds like the email worried you.", "complex_reflection"),
         ("What would make these meetings useful for you?", "open_question")],
        [("You want to enjoy second year, not only survive it.", "complex_reflection"),
         ("Part of you wonders whether studying a lot is the same as studying well.", "complex_reflection")],
        [("The 64% in anatomy sits just under the pass mark.", "simple_reflection"),
         ("What do you make of the anatomy result?", "open_question")],
        [("You would like someone to think the anatomy block through with.", "complex_reflection")],
    ],
    "directive": [
        [("Did you get my email?", "closed_question"), ("You need to take these meetings seriously.", "persuasion")],
        [("You should make a timetable and stick to it.", "advice"), ("Do you use flashcards?", "closed_question")],
        [("Don't worry, everyone finds second year hard.", "reassurance"),
         ("Wouldn't it be better to start revising earlier?", "leading_question")],
    ],
    "mixed": [
        [("It sounds like the email worried you.", "complex_reflection"),
         ("What would make these meetings useful for you?", "open_question")],
        [("You should look at your anatomy notes again.", "advice"), ("Did that help last time?", "closed_question")],
        [("You are not sure the hours are paying off.", "simple_reflection"),
         ("What have you tried so far?", "open_question")],
    ],
}


def transcript_lines(style: str, *, trainee_id: str, scenario_id: str,
                     start: datetime | None = None) -> list[dict]:
    """The transcript of one rehearsal conversation, as the scenario engine writes it."""
    start = start or datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    lines: list[dict] = []

    def add(speaker: str, text: str, analysis: Analysis | None = None, state: dict | None = None) -> None:
        lines.append({"schema_version": 1, "trainee_id": trainee_id, "scenario_id": scenario_id, "attempt": 1,
                      "turn": len(lines) + 1, "timestamp": (start + timedelta(seconds=30 * len(lines))).isoformat(),
                      "speaker": speaker, "text": text,
                      "analysis": analysis.to_dict() if analysis else None, "state": state or {}})

    add("system", "Conversation started.", state={"persona": PERSONA})
    add("student", "Hi... I got an email saying I had to come to this?")
    for sentences in CONVERSATIONS[style]:
        analysis = coded_analysis(sentences)
        add("coach", analysis.text, analysis)
        add("student", "Mm, OK.")
    return lines


def _reply_for(style: str, exercise: ReplyExercise) -> str:
    topic = str(exercise.student_data[0]) if exercise.student_data else "this topic"
    if style == "inquiry":
        return exercise.model_reply
    if style == "directive":
        return f"You should study {topic} harder and do more questions every day. Did you use the flashcards?"
    return f"I can see {topic} has been on your mind. You should go to the tutoring sessions."


def _goal_for(style: str, blueprint: Blueprint) -> str:
    goal = blueprint.goal
    if goal is None:
        return ""
    if style == "inquiry":
        return goal.model_goal
    if style == "directive":
        return "Study more."
    return f"Do more {goal.student_data[0] if goal.student_data else ''} questions every week.".replace("  ", " ")


@dataclass
class SampleTrainee:
    """One made-up trainee: their style, troubles and what they wrote (the ground truth)."""

    trainee_id: str
    style: str
    late: bool = False
    no_transcript: bool = False
    deleted_cells: bool = False
    answers: dict[str, str] = field(default_factory=dict)


def _fill(released: nbformat.NotebookNode, answers: dict[str, str], *, delete: bool) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(json.loads(json.dumps(released)))
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            if cell.cell_type == "code":
                cell.source = cell.source.replace('"""\n\n"""', f'"""\n{answers[grade_id]}\n"""', 1)
            else:
                cell.source = answers[grade_id]
    if delete:  # a trainee who deleted the graded cells of the written replies
        nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "").startswith("reply-")]
    return nb


def plan_cohort(n: int, *, seed: int = 0) -> list[SampleTrainee]:
    """Styles and troubles for ``n`` trainees: mostly inquiry/directive/mixed, some empty, one malformed,
    one late, one without a transcript and one with deleted cells (when ``n`` allows)."""
    rng = random.Random(seed)
    styles = ["malformed"] + ["empty"] * max(1, n // 10)
    while len(styles) < n:
        styles.append(("inquiry", "directive", "mixed")[len(styles) % 3])
    styles = styles[:n]
    rng.shuffle(styles)
    trainees = [SampleTrainee(f"t{i + 1:03d}", style) for i, style in enumerate(styles)]
    regular = [t for t in trainees if t.style in {"inquiry", "mixed"}]
    for trouble, trainee in zip(("late", "no_transcript", "deleted_cells"), regular):
        setattr(trainee, trouble, True)
    return trainees


def write_cohort(course: Course, assignment_id: str, folder: str | Path, *, n: int = 30, seed: int = 0,
                 due: datetime | None = None) -> list[SampleTrainee]:
    """Write ``n`` rehearsal submissions of a released assignment to ``folder/<trainee>/``.

    Late trainees get a ``timestamp.txt`` a day after ``due`` (default: the assignment's due
    date in the gradebook), the others an hour before.
    """
    blueprint = next((b for b in load_blueprints(course.root / "assignments.yaml") if b.id == assignment_id), None)
    if blueprint is None:
        raise InputError(f"no blueprint for {assignment_id!r} in {course.root / 'assignments.yaml'}")
    notebook_path = course.path("release", ".", assignment_id) / f"{assignment_id}.ipynb"
    if not notebook_path.exists():
        raise InputError(f"release {assignment_id!r} first: rehearsal submissions start from the trainee version")
    released = nbformat.read(notebook_path, as_version=4)
    from coachkit.curriculum import load_curriculum

    questions = load_curriculum().activities[blueprint.module].questions
    if due is None:
        recorded = read_gradebook(course.gradebook_path)[0].get(assignment_id, (None, 0.0))[0]
        due = recorded.replace(tzinfo=UTC) if recorded else datetime(2025, 3, 14, 17, 0, tzinfo=UTC)
    trainees = plan_cohort(n, seed=seed)
    root = Path(folder)
    for trainee in trainees:
        target = root / trainee.trainee_id
        target.mkdir(parents=True, exist_ok=True)
        notebook = target / f"{assignment_id}.ipynb"
        if trainee.style == "malformed":
            notebook.write_text('{"cells": [{"cell_type": "code", "source": "reply = \'half', encoding="utf-8")
            continue
        answers: dict[str, str] = {}
        if trainee.style != "empty":
            for i, q in enumerate(questions):
                right = chr(65 + q.answer)
                wrong = chr(65 + (q.answer + 1) % len(q.options))
                correct = trainee.style == "inquiry" or (trainee.style == "mixed" and i % 2 == 0)
                answers[f"check-{q.id}-answer"] = right if correct else wrong
            for reply in blueprint.replies:
                answers[f"reply-{reply.id}-answer"] = _reply_for(trainee.style, reply)
            if blueprint.goal:
                answers["goal-answer"] = _goal_for(trainee.style, blueprint)
            answers["reflection"] = (f"As {trainee.trainee_id}, I would open by asking what the student wants "
                                     "from the meeting, and listen before saying anything about the data.")
        trainee.answers = answers
        nbformat.write(_fill(released, answers, delete=trainee.deleted_cells), notebook)
        if blueprint.scenario and trainee.style in CONVERSATIONS and not trainee.no_transcript:
            lines = transcript_lines(trainee.style, trainee_id=trainee.trainee_id, scenario_id=blueprint.scenario.id)
            (target / f"{blueprint.scenario.id}.jsonl").write_text(
                "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        stamp = due + (timedelta(days=1) if trainee.late else timedelta(hours=-1))
        (target / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
    return trainees
