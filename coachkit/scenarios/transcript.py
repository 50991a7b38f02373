"""The transcript store: every turn of every attempt, appended to one JSONL file.

``<work>/<trainee>/transcripts/<scenario_id>.jsonl`` holds one JSON object per turn
(``TranscriptTurn``). Each line is written with a single ``write``, flushed and fsynced
before the engine moves on, so a crash loses at most the line being written. That torn
line is what :func:`read_transcript` tolerates (it reports it and carries on) and what
:class:`TranscriptStore` cuts off before appending again. Grading collects these files;
the engine replays them to resume a conversation exactly where it stopped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coachkit.analyzer.analysis import Analysis

TRANSCRIPT_VERSION = 1
Speaker = Literal["coach", "student", "system"]


def utc_now() -> datetime:
    """The current time, timezone-aware UTC (transcripts use ISO 8601 UTC)."""
    return datetime.now(UTC)


class TranscriptTurn(BaseModel):
    """One line of a transcript: who said what, its analysis, and the state after it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    schema_version: int = TRANSCRIPT_VERSION
    trainee_id: str
    scenario_id: str
    attempt: int = Field(ge=1)
    turn: int = Field(ge=1)
    timestamp: datetime
    speaker: Speaker
    text: str
    analysis: dict[str, Any] | None = None
    state: dict[str, Any] = Field(default_factory=dict)

    def analysis_object(self) -> Analysis | None:
        """The analysis as an :class:`~coachkit.analyzer.analysis.Analysis` (trainee turns)."""
        return Analysis.from_dict(self.analysis) if self.analysis else None

    def to_json(self) -> str:
        """One JSON line (no newline), timestamps in ISO 8601 UTC."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


@dataclass
class Transcript:
    """The readable turns of a transcript file, and what could not be read."""

    path: Path
    turns: list[TranscriptTurn] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[TranscriptTurn]:
        return iter(self.turns)

    def __len__(self) -> int:
        return len(self.turns)

    @property
    def attempts(self) -> list[int]:
        """Attempt numbers present, in order."""
        return sorted({t.attempt for t in self.turns})

    def attempt(self, number: int) -> list[TranscriptTurn]:
        """The turns of one attempt, in turn order."""
        return sorted((t for t in self.turns if t.attempt == number), key=lambda t: t.turn)


def read_transcript(path: str | os.PathLike[str]) -> Transcript:
    """Read and validate a transcript; bad or torn lines are reported, never raised.

    A missing file is an empty transcript. A last line without its newline is the trace of
    a crash during a write: it is skipped and named in ``problems``, as is any line that is
    not valid JSON or not a valid turn.
    """
    file = Path(path)
    result = Transcript(path=file)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return result
    lines = raw.split(b"\n")
    torn_tail = lines[-1] != b""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        is_last = number == len(lines)
        try:
            result.turns.append(TranscriptTurn.model_validate_json(line))
        except ValidationError as exc:
            if is_last and torn_tail:
                result.problems.append(
                    f"{file}, line {number}: the last line is incomplete (the session was "
                    "interrupted while saving it); it was skipped"
                )
            else:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "line"
                result.problems.append(f"{file}, line {number}: {where}: {first['msg']}; "
                                       "the line was skipped")
    return result


class TranscriptStore:
    """Appends turns to one transcript file, durably (flush + fsync per line)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.repaired: str | None = None
        self._cut_torn_tail()

    def _cut_torn_tail(self) -> None:
        """Drop a half-written last line so the next append starts on a fresh line."""
        try:
            with open(self.path, "rb+") as handle:
                data = handle.read()
                if not data or data.endswith(b"\n"):
                    return
                keep = data.rfind(b"\n") + 1
                handle.truncate(keep)
                handle.flush()
                os.fsync(handle.fileno())
                self.repaired = (f"{self.path}: removed an incomplete last line "
                                 f"({len(data) - keep} bytes) left by an interrupted session")
        except FileNotFoundError:
            return

    def read(self) -> Transcript:
        """Everything written so far."""
        return read_transcript(self.path)

    def append(self, turn: TranscriptTurn) -> None:
        """Write one turn as one line and make sure it reached the disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = (turn.to_json() + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)
        finally:
            os.close(fd)
