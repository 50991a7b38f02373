"""What one grading step did, trainee by trainee, in words a facilitator can act on.

Every step (collect, autograde, feedback) goes on when one trainee's work is broken and
reports it by name at the end, instead of stopping the cohort at the first bad file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StepReport:
    """Trainees handled, problems by trainee (``"(course)"`` for the course as a whole), notes."""

    step: str
    assignment_id: str
    done: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

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
        lines = [f"{self.step} {self.assignment_id}: {len(self.done)} done"
                 + (f", {len(self.problems)} with problems" if self.problems else "")]
        for trainee, messages in sorted(self.problems.items()):
            for message in messages:
                lines.append(f"  {trainee}: {message}")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)
