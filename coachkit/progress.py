"""A trainee's progress through the curriculum, read from and kept in their work folder.

Why files and not a database: on a hub every trainee has their own server and folder, and
the kit must run unchanged there. So progress is whatever a trainee's own work has left in
``<work>/<trainee>/``: the knowledge-check answers and the written reflection of each
module (``progress/<module-id>.json``, written here, atomically, so a closed tab never
leaves half a file) and the scenario transcripts the engine appends
(``transcripts/<scenario-id>.jsonl``). Nothing is shared between trainees.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coachkit.curriculum import Curriculum, ModuleInfo
from coachkit.errors import InputError
from coachkit.workdir import WorkDir, safe_id

SCHEMA_VERSION = 1
PROGRESS_FOLDER = "progress"
MAX_REFLECTION_CHARS = 20_000

Status = Literal["not started", "in progress", "done"]


class Answer(BaseModel):
    """The trainee's latest answer to one knowledge check."""

    model_config = ConfigDict(extra="ignore")

    choice: int = Field(ge=0)
    correct: bool
    attempts: int = Field(default=1, ge=1)
    first_try_correct: bool
    answered_at: str


class ModuleRecord(BaseModel):
    """Everything a trainee answered and wrote in one module."""

    model_config = ConfigDict(extra="ignore")

    schema_version: int = SCHEMA_VERSION
    module_id: str
    answers: dict[str, Answer] = {}
    reflection: str = ""
    reflection_saved_at: str | None = None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def record_path(work: WorkDir, module_id: str) -> Path:
    """``<work>/<trainee>/progress/<module-id>.json``."""
    return work.path / PROGRESS_FOLDER / f"{safe_id(module_id, what='module id')}.json"


def load_record(work: WorkDir, module_id: str) -> ModuleRecord:
    """Return the trainee's record of a module (empty if they have not started it).

    A damaged file (edited by hand, disk full) is treated as empty rather than breaking
    the trainee's page; the next save replaces it.
    """
    file = record_path(work, module_id)
    try:
        return ModuleRecord.model_validate_json(file.read_bytes())
    except (FileNotFoundError, ValidationError, ValueError):
        return ModuleRecord(module_id=module_id)


def _write_atomically(file: Path, data: str) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=file.parent, prefix=f".{file.name}.", delete=False)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o600)
        os.replace(handle.name, file)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _save(work: WorkDir, record: ModuleRecord) -> ModuleRecord:
    _write_atomically(record_path(work, record.module_id), record.model_dump_json(indent=1))
    return record


def record_answer(work: WorkDir, module_id: str, question_id: str, *, choice: int,
                  correct: bool) -> ModuleRecord:
    """Keep the trainee's latest answer to a check, counting attempts.

    ``first_try_correct`` is fixed by the first attempt, so trying again after reading the
    feedback (which the kit encourages) still shows who knew it at once.
    """
    record = load_record(work, module_id)
    previous = record.answers.get(question_id)
    answers = dict(record.answers)
    answers[question_id] = Answer(
        choice=choice,
        correct=correct,
        attempts=previous.attempts + 1 if previous else 1,
        first_try_correct=previous.first_try_correct if previous else correct,
        answered_at=_now(),
    )
    return _save(work, record.model_copy(update={"answers": answers}))


def save_reflection(work: WorkDir, module_id: str, text: str) -> ModuleRecord:
    """Save the trainee's written reflection for a module (replacing the previous one)."""
    if len(text) > MAX_REFLECTION_CHARS:
        raise InputError(f"your reflection is {len(text):,} characters long; please keep it "
                         f"under {MAX_REFLECTION_CHARS:,}")
    record = load_record(work, module_id)
    return _save(work, record.model_copy(
        update={"reflection": text, "reflection_saved_at": _now()}))


def practised(work: WorkDir, scenario_id: str) -> bool:
    """True once the trainee has sent at least one reply in the scenario.

    The trainee's turns are the analysed ones, whichever role they play (a coach, or a
    student on the coachee track).

    A scenario never opened has no transcript file: that is answered without importing the
    transcript reader (and the analysis data it validates turns with) on the home page's way.
    """
    path = work.transcript_path(scenario_id)
    if not path.exists():
        return False
    from coachkit.scenarios.transcript import read_transcript

    transcript = read_transcript(path)
    return any(turn.analysis is not None for turn in transcript)


@dataclass(frozen=True)
class ModuleProgress:
    """How far a trainee is in one module: checks, practice and reflection."""

    module: ModuleInfo
    checks_total: int
    checks_correct: int
    scenarios_practised: tuple[str, ...]
    reflection_written: bool

    @property
    def steps_total(self) -> int:
        """Checks + scenarios + the reflection."""
        return self.checks_total + len(self.module.scenarios) + 1

    @property
    def steps_done(self) -> int:
        """Checks answered right, scenarios practised, and the reflection if written."""
        return self.checks_correct + len(self.scenarios_practised) + int(self.reflection_written)

    @property
    def status(self) -> Status:
        """``not started``, ``in progress`` or ``done``."""
        if self.steps_done == 0:
            return "not started"
        return "done" if self.steps_done >= self.steps_total else "in progress"


def module_progress(curriculum: Curriculum, work: WorkDir, module_id: str) -> ModuleProgress:
    """The trainee's progress in one module."""
    info = curriculum.module(module_id)
    record = load_record(work, module_id)
    questions = curriculum.activities[module_id].questions
    return ModuleProgress(
        module=info,
        checks_total=len(questions),
        checks_correct=sum(1 for q in questions
                           if q.id in record.answers and record.answers[q.id].correct),
        scenarios_practised=tuple(s for s in info.scenarios if practised(work, s)),
        reflection_written=bool(record.reflection.strip()),
    )


def curriculum_progress(curriculum: Curriculum, work: WorkDir) -> list[ModuleProgress]:
    """The trainee's progress in every module, in course order."""
    return [module_progress(curriculum, work, m.id) for m in curriculum.modules]
