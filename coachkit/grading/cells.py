"""What the cells of a graded notebook call: scoring that nbgrader reads as partial credit.

nbgrader 0.9 gives an autograder cell partial credit when its result (the
``execute_result``) is a single number between 0 and the cell's points; any output on
stderr, or an error, gives 0 (``nbgrader.utils.determine_grade``). Each function here
therefore returns a ``CellScore``: a float whose plain-text form is that number, which also
shows as a rubric table in the notebook and in nbgrader's HTML feedback, and carries the
full rubric result as JSON (``MIME_TYPE``) for the cohort report. Warnings and stray stderr
output are swallowed while scoring, so a library warning can never zero a trainee's grade.

This module is imported inside trainees' kernels: it stays light (no nbgrader import).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import warnings
from collections.abc import Iterator, Sequence
from html import escape
from pathlib import Path
from typing import Any

from coachkit.errors import CoachKitError
from coachkit.grading.rubric_table import STYLE, message_html, rubric_table_html

#: Output mimetype carrying the machine-readable result of a scored cell.
MIME_TYPE = "application/vnd.coachkit.score+json"
PAYLOAD_VERSION = 1
#: Set by nbgrader while it autogrades (``NBGRADER_EXECUTION=autograde``) or validates.
NBGRADER_ENV = "NBGRADER_EXECUTION"


class CellScore(float):
    """A cell's credit: prints as a bare number (nbgrader's partial credit), shows as HTML."""

    html: str
    payload: dict[str, Any]

    def __new__(cls, value: float, *, html: str, payload: dict[str, Any]) -> "CellScore":
        self = super().__new__(cls, value)
        self.html = html
        self.payload = payload
        return self

    def __repr__(self) -> str:
        return format(float(self), "g")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/plain": repr(self), "text/html": f"<style>{STYLE}</style>{self.html}", MIME_TYPE: self.payload}


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Swallow warnings and stderr: nbgrader gives 0 points to a cell that writes to stderr."""
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


def _credit(fraction: float, points: float) -> float:
    return round(min(max(fraction, 0.0), 1.0) * float(points), 2)


def _payload(kind: str, label: str, score: float, points: float, **extra: Any) -> dict[str, Any]:
    return {"version": PAYLOAD_VERSION, "kind": kind, "label": label, "score": score,
            "points": float(points), "problems": [], **extra}


def _text(answer: object) -> str:
    return answer if isinstance(answer, str) else ("" if answer is None else str(answer))


def _letter(answer: str) -> str | None:
    cleaned = answer.strip().strip(".)]:").strip("([").strip().upper()
    return cleaned if len(cleaned) == 1 and cleaned.isalpha() else None


def knowledge_check(answer: object, *, module: str, question: str, points: float = 1) -> CellScore:
    """Score a multiple-choice answer (a letter) against the module's knowledge check.

    The right answer and the feedback for every option come from the curriculum
    (``modules/checks/<module>.yaml``), so a trainee learns why an answer is right or wrong.
    """
    with _quiet():
        from coachkit.curriculum import load_curriculum

        questions = load_curriculum().activities[module].questions
        check = next((q for q in questions if q.id == question), None)
    if check is None:
        raise CoachKitError(f"module {module!r} has no knowledge check {question!r}")
    number = next(i for i, q in enumerate(questions, start=1) if q.id == question)
    label = f"Knowledge check {number}"
    letter = _letter(_text(answer))
    index = ord(letter) - ord("A") if letter else -1
    if not 0 <= index < len(check.options):
        letters = ", ".join(chr(ord("A") + i) for i in range(len(check.options)))
        message = "No answer was given." if not _text(answer).strip() else f"Type just one letter ({letters})."
        payload = _payload("choice", label, 0.0, points, answer=_text(answer)[:20], correct=False, message=message)
        payload["problems"].append("no answer" if not _text(answer).strip() else "answer not a letter")
        return CellScore(0.0, html=message_html(label, message, score=0.0, points=points), payload=payload)
    option = check.options[index]
    score = float(points) if option.correct else 0.0
    verdict = "Right." if option.correct else "Not quite."
    html = message_html(label, f"Your answer: {letter}. {verdict} {option.feedback.strip()}", score=score, points=points)
    payload = _payload("choice", label, score, points, answer=letter, correct=option.correct,
                       message=f"Your answer: {letter}. {verdict}")
    return CellScore(score, html=html, payload=payload)


def _rubric_score(kind: str, label: str, result: Any, points: float, *, inquiry: float | None,
                  notes: tuple[str, ...] = (), **extra: Any) -> CellScore:
    score = _credit(result.fraction, points)
    payload = _payload(kind, label, score, points, rubric=result.to_dict(), inquiry_index=inquiry, **extra)
    html = rubric_table_html(result, heading=label, score=score, points=points, notes=notes, with_style=False)
    return CellScore(score, html=html, payload=payload)


def score_reply(reply: object, *, points: float, rubric: str = "coaching-reply",
                student_data: Sequence[object] = (), label: str = "Your reply") -> CellScore:
    """Score one written coaching reply with a rubric (partial credit in proportion to it).

    ``student_data`` are the topics and numbers of the student in the exercise, for the
    "refers to the student's data" criterion.
    """
    text = _text(reply)
    with _quiet():
        from coachkit.rubrics import evaluate, load_rubric

        spec = load_rubric(rubric)
        if not text.strip():
            result = evaluate(spec, [], profile_terms=student_data)
            score = _rubric_score("reply", label, result, points, inquiry=None)
            score.payload["problems"].append("empty answer")
            return score
        analysis = None
        if spec.needs_analysis:
            from coachkit.analyzer import analyze

            analysis = analyze(text)
        result = evaluate(spec, [analysis or text], profile_terms=student_data)
    return _rubric_score("reply", label, result, points,
                         inquiry=None if analysis is None else analysis.inquiry_index)


def score_goal(goal: object, *, points: float, rubric: str = "ilp-goal",
               student_data: Sequence[object] = (), label: str = "Your SMART goal") -> CellScore:
    """Score a goal for an Individualized Learning Plan against the SMART rubric."""
    return score_reply(goal, points=points, rubric=rubric, student_data=student_data, label=label)


def transcript_file(scenario_id: str, *, folder: str | os.PathLike[str] = ".") -> Path | None:
    """The transcript handed in next to the notebook, if any (top level or ``transcripts/``)."""
    for candidate in (Path(folder) / f"{scenario_id}.jsonl", Path(folder) / "transcripts" / f"{scenario_id}.jsonl"):
        if candidate.is_file():
            return candidate
    return None


def score_transcript(scenario_id: str, *, points: float, rubric: str = "coaching-conversation",
                     folder: str | os.PathLike[str] = ".", label: str | None = None) -> CellScore:
    """Score the practice conversation whose transcript was handed in with the notebook.

    The latest attempt with any coach reply is rated; the student's data for the
    "refers to the student's data" criterion come from the transcript itself (the
    scenario's student, as the engine saved it).
    """
    label = label or f"Practice conversation: {scenario_id}"
    path = transcript_file(scenario_id, folder=folder)
    if path is None:
        message = (f"No transcript of the conversation “{scenario_id}” was handed in with this "
                   "notebook, so it could not be rated.")
        payload = _payload("transcript", label, 0.0, points, scenario_id=scenario_id, message=message)
        payload["problems"].append("missing transcript")
        return CellScore(0.0, html=message_html(label, message, score=0.0, points=points), payload=payload)
    with _quiet():
        from coachkit.rubrics import evaluate
        from coachkit.scenarios import read_transcript
        from coachkit.scenarios.persona import data_terms

        transcript = read_transcript(path)
        attempts = [a for a in transcript.attempts if any(t.speaker == "coach" for t in transcript.attempt(a))]
        turns = transcript.attempt(attempts[-1]) if attempts else []
        persona = next((t.state.get("persona") for t in turns if t.speaker == "system" and "persona" in t.state), None)
        terms = data_terms((persona or {}).get("values", {}))
        coach = [t.model_dump(mode="json") for t in turns if t.speaker == "coach"]
        result = evaluate(rubric, coach, profile_terms=terms)
    indices = [c["analysis"]["inquiry_index"] for c in coach if c.get("analysis")]
    notes = tuple(transcript.problems)
    score = _rubric_score(
        "transcript", label, result, points,
        inquiry=sum(indices) / len(indices) if indices else None, notes=notes,
        scenario_id=scenario_id, attempt=attempts[-1] if attempts else None, coach_turns=len(coach),
        transcript_trainee=turns[0].trainee_id if turns else None,
    )
    score.payload["problems"].extend(["empty transcript"] if not coach else [])
    score.payload["problems"].extend(f"transcript: {p}" for p in transcript.problems)
    return score


class _Note(str):
    """A message that shows as plain text in a notebook (and as escaped HTML)."""

    def _repr_html_(self) -> str:
        return f"<p>{escape(self)}</p>"

    def __repr__(self) -> str:
        return str(self)


def attach_transcript(scenario_id: str, *, folder: str | os.PathLike[str] = ".") -> str:
    """Copy your transcript of a practice conversation next to this notebook, to hand it in.

    Does nothing while nbgrader grades the notebook (the handed-in copy is what counts).
    """
    if os.environ.get(NBGRADER_ENV):
        return _Note("Transcript attached when the notebook was handed in.")
    try:
        from coachkit.workdir import workdir

        source = workdir().transcript_path(scenario_id)
    except CoachKitError as exc:
        return _Note(f"Could not find your work folder: {exc}")
    if not source.is_file():
        return _Note(f"You have not practised “{scenario_id}” yet: run the conversation first, then run this cell again.")
    target = Path(folder) / f"{scenario_id}.jsonl"
    shutil.copyfile(source, target)
    lines = sum(1 for line in target.read_text(encoding="utf-8").splitlines() if line.strip())
    return _Note(f"Attached your transcript of “{scenario_id}” ({lines} lines). Save the notebook and hand it in.")
