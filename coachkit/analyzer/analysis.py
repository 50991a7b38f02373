"""The analysis of a coach's reply: plain, JSON-serialisable data (the analyzer's contract).

Everything downstream (scenario engine, widgets, rubrics, grading) reads these objects or
their ``to_dict()`` form. ``SCHEMA_VERSION`` changes whenever a field changes meaning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Evidence:
    """A span of the reply that drove a call, e.g. "should" for an obligation modal.

    ``start``/``end`` are character offsets into the whole reply (not the sentence), so a
    widget can highlight them directly.
    """

    start: int
    end: int
    text: str
    cue: str
    explanation: str


@dataclass(frozen=True)
class Readability:
    """Length and readability of a reply (Flesch measures via textstat)."""

    words: int
    sentences: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float


@dataclass(frozen=True)
class SentenceAnalysis:
    """The coding of one sentence of a reply."""

    text: str
    start: int
    end: int
    mi_code: str
    act: str
    directive: bool
    inquiry_index: float
    probabilities: dict[str, float]
    act_probabilities: dict[str, float]
    evidence: tuple[Evidence, ...] = ()
    suggestion: str | None = None


@dataclass(frozen=True)
class Analysis:
    """The coding of a whole reply and of each of its sentences."""

    text: str
    context: str
    mi_code: str
    act: str
    directive: bool
    inquiry_index: float
    probabilities: dict[str, float]
    sentences: tuple[SentenceAnalysis, ...]
    readability: Readability | None
    tier: str = "fast"
    notes: tuple[str, ...] = ()
    schema_version: int = SCHEMA_VERSION

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """All evidence spans of all sentences, in reading order."""
        return tuple(ev for s in self.sentences for ev in s.evidence)

    @property
    def suggestions(self) -> tuple[str, ...]:
        """The inquiry-based rewrites offered for the reply's directive sentences."""
        return tuple(s.suggestion for s in self.sentences if s.suggestion)

    def to_dict(self) -> dict[str, Any]:
        """Return plain JSON-ready data (tuples become lists)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Analysis":
        """Rebuild an analysis from ``to_dict()`` output (e.g. a transcript line)."""
        sentences = tuple(
            SentenceAnalysis(
                **{
                    **s,
                    "evidence": tuple(Evidence(**e) for e in s.get("evidence", ())),
                }
            )
            for s in data.get("sentences", ())
        )
        readability = data.get("readability")
        return cls(
            **{
                **data,
                "sentences": sentences,
                "readability": Readability(**readability) if readability else None,
                "notes": tuple(data.get("notes", ())),
            }
        )
