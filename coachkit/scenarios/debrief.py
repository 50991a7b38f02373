"""What the trainee learns at the end of an attempt: outcome, numbers, rubric, points.

The debrief is plain data built from the session's own transcript turns, so the widget,
the terminal and a grader show the same thing. The rubric named by the scenario
(``coaching-conversation`` by default) is applied to the trainee's replies by
:func:`coachkit.rubrics.evaluate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coachkit.rubrics import RubricResult, evaluate
from coachkit.rubrics.turn import Turn
from coachkit.scenarios.engine import Session
from coachkit.scenarios.transcript import TranscriptTurn


@dataclass(frozen=True)
class ReplySummary:
    """One reply of the trainee, as the debrief and the comparison show it."""

    turn: int
    text: str
    inquiry_index: float
    directive: bool
    act: str


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt at a scenario: its replies, how it ended and the mean inquiry index."""

    attempt: int
    replies: tuple[ReplySummary, ...]
    outcome: str | None
    ending_note: str | None

    @property
    def inquiry_indices(self) -> list[float]:
        """The inquiry index of each reply, in order (the debrief chart)."""
        return [r.inquiry_index for r in self.replies]

    @property
    def mean_inquiry(self) -> float:
        """Mean inquiry index over the replies (0 when there are none)."""
        values = self.inquiry_indices
        return round(sum(values) / len(values), 3) if values else 0.0

    @property
    def directive_count(self) -> int:
        """How many replies told, advised or pushed."""
        return sum(r.directive for r in self.replies)


@dataclass(frozen=True)
class Debrief:
    """Everything the end-of-scenario screen shows."""

    title: str
    skill: str
    summary: AttemptSummary
    points: tuple[str, ...]
    objectives: tuple[str, ...]
    rubric: RubricResult | None


def summarise_attempt(turns: Sequence[TranscriptTurn], *, trainee_role: str) -> AttemptSummary:
    """Summarise one attempt from its transcript turns."""
    replies = []
    for t in turns:
        if t.speaker != trainee_role or not t.analysis:
            continue
        replies.append(ReplySummary(turn=t.turn, text=t.text,
                                    inquiry_index=float(t.analysis["inquiry_index"]),
                                    directive=bool(t.analysis["directive"]),
                                    act=str(t.analysis["act"])))
    last = turns[-1].state if turns else {}
    return AttemptSummary(attempt=turns[0].attempt if turns else 0, replies=tuple(replies),
                          outcome=last.get("outcome"), ending_note=last.get("ending_note"))


def rubric_result(session: Session) -> RubricResult:
    """Apply the scenario's rubric to the trainee's replies of this attempt."""
    turns = [Turn(number=t.turn, text=t.text, analysis=t.analysis_object())
             for t in session.trainee_turns()]
    return evaluate(session.scenario.rubric, turns,
                    profile_terms=session.persona.profile_terms)


def build_debrief(session: Session) -> Debrief:
    """The debrief of the session's current attempt (usually once it has ended)."""
    scenario = session.scenario
    return Debrief(
        title=scenario.title,
        skill=scenario.skill_title,
        summary=summarise_attempt(session.turns, trainee_role=scenario.trainee_role),
        points=tuple(session.persona.fill(p) for p in scenario.debrief),
        objectives=tuple(scenario.objectives),
        rubric=rubric_result(session) if session.trainee_turns() else None,
    )


def attempt_summaries(session: Session) -> list[AttemptSummary]:
    """Every saved attempt of this scenario by this trainee, oldest first (try again)."""
    if session.store is None:
        return [summarise_attempt(session.turns, trainee_role=session.scenario.trainee_role)]
    transcript = session.store.read()
    return [summarise_attempt(transcript.attempt(a), trainee_role=session.scenario.trainee_role)
            for a in transcript.attempts]
