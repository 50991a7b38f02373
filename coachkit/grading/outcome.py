"""What one grading step did, trainee by trainee, in words a facilitator can act on.

Every step (collect, autograde, feedback) goes on when one trainee's work is broken and
reports it by name at the end, instead of stopping the cohort at the first bad file. The
latest report of each step is kept in ``reports/steps/`` so the cohort report can list
every problem next to the trainee's name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.grading.course import Course


@dataclass
class StepReport:
    """Trainees handled, problems by trainee (``"(course)"`` for the course as a whole), notes."""

    step: str
    assignment_id: str
    done: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    per_trainee: bool = True  # False for course-wide steps (release): no trainee count

    def problem(self, trainee_id: str, message: str) -> None:
        """Record one problem with one trainee's work (kept once)."""
        messages = self.problems.setdefault(trainee_id, [])
        if message not in messages:
            messages.append(message)

    @property
    def ok(self) -> bool:
        """True when nothing needs the facilitator's attention."""
        return not self.problems

    def summary(self) -> str:
        """A few plain lines: counts first, then each problem by trainee."""
        count = f"{len(self.done)} done" if self.per_trainee else "done"
        lines = [f"{self.step} {self.assignment_id}: {count}"
                 + (f", {len(self.problems)} with problems" if self.problems else "")]
        for trainee, messages in sorted(self.problems.items()):
            for message in messages:
                lines.append(f"  {trainee}: {message}")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


def write_step(course: Course, report: StepReport) -> Path:
    """Keep the latest report of a step (``reports/steps/<assignment>-<step>.json``) for the cohort report."""
    path = course.reports / "steps" / f"{report.assignment_id}-{report.step}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"step": report.step, "assignment_id": report.assignment_id, "done": report.done,
                                "problems": report.problems, "notes": report.notes}, indent=1), encoding="utf-8")
    return path


def read_steps(course: Course) -> list[dict[str, Any]]:
    """All kept step reports."""
    folder = course.reports / "steps"
    out = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            out.append(json.loads(path.read_text(encoding="utf-8")))
        except json.JSONDecodeError:
            continue
    return out
