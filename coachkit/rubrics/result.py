"""What the rubric engine returns: per criterion the level reached, its evidence and a comment.

The same ``RubricResult`` feeds the debrief widget, nbgrader partial credit and the cohort
report, so it is plain data with a lossless ``to_dict()`` / ``from_dict()``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Effect = Literal["earned", "cost", "context"]


@dataclass(frozen=True)
class EvidenceRef:
    """A sentence (or span) of a coach turn that earned or cost points.

    ``turn`` is the transcript turn number (or the 1-based position of the reply);
    ``sentence`` is the 0-based index into ``Analysis.sentences`` (``None`` when the evidence
    is a span of plain text, e.g. a date in an ILP goal); ``start``/``end`` are character
    offsets into the turn's text, so a widget can highlight ``text`` in place.
    """

    turn: int
    sentence: int | None
    text: str
    start: int
    end: int
    effect: Effect
    note: str

    def where(self) -> str:
        """Human-readable location, e.g. "turn 3, sentence 2"."""
        if self.sentence is None:
            return f"turn {self.turn}"
        return f"turn {self.turn}, sentence {self.sentence + 1}"


@dataclass(frozen=True)
class CriterionResult:
    """The outcome of one criterion. ``rated`` is False when its feature did not apply."""

    criterion_id: str
    title: str
    level: str
    points: float
    max_points: float
    value: float | None
    evidence: tuple[EvidenceRef, ...]
    comment: str
    rated: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CriterionResult":
        """Rebuild from ``to_dict()`` output."""
        return cls(**{**data, "evidence": tuple(EvidenceRef(**e) for e in data["evidence"])})


@dataclass(frozen=True)
class RubricResult:
    """All criteria of one rubric applied to one piece of work."""

    rubric_id: str
    title: str
    criteria: tuple[CriterionResult, ...]

    @property
    def total(self) -> float:
        """Points earned over the rated criteria."""
        return round(sum(c.points for c in self.criteria), 6)

    @property
    def max_total(self) -> float:
        """Points available over the rated criteria (unrated ones are left out)."""
        return round(sum(c.max_points for c in self.criteria), 6)

    @property
    def fraction(self) -> float:
        """``total / max_total`` in [0, 1]; 0 when nothing could be rated."""
        return self.total / self.max_total if self.max_total else 0.0

    def criterion(self, criterion_id: str) -> CriterionResult:
        """Return one criterion's result by id."""
        for c in self.criteria:
            if c.criterion_id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, with ``total`` and ``max_total`` spelled out."""
        return {
            "rubric_id": self.rubric_id,
            "title": self.title,
            "criteria": [c.to_dict() for c in self.criteria],
            "total": self.total,
            "max_total": self.max_total,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RubricResult":
        """Rebuild from ``to_dict()`` output (totals are recomputed)."""
        return cls(
            rubric_id=data["rubric_id"],
            title=data["title"],
            criteria=tuple(CriterionResult.from_dict(c) for c in data["criteria"]),
        )
