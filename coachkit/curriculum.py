"""The curriculum as data: the modules, their knowledge checks and reflection prompts.

Educators change what the kit teaches by editing YAML, not code: ``modules/curriculum.yaml``
lists the modules in order (title, track, objectives, scenarios) and
``modules/checks/<module-id>.yaml`` holds each module's knowledge checks -- a question,
its options, which one is right and *why*, with feedback for every option, so a trainee
who picks a wrong answer learns something from it -- and the prompt of its written
reflection. One loader validates both (pydantic), and every problem names the file and
the field, so a typo is reported instead of silently dropping a question.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from coachkit.errors import ConfigError
from coachkit.workdir import safe_id

CURRICULUM_FILE = "curriculum.yaml"
CHECKS_FOLDER = "checks"

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Track = Literal["faculty", "student"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One answer to a knowledge check, with the feedback a trainee sees on choosing it."""

    text: Text
    correct: bool = False
    feedback: Text


class Question(_Strict):
    """A multiple-choice knowledge check with exactly one right answer."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
    prompt: Text
    options: Annotated[list[Option], Field(min_length=2, max_length=6)]

    @model_validator(mode="after")
    def _one_right_answer(self) -> "Question":
        right = sum(option.correct for option in self.options)
        if right != 1:
            raise ValueError(f"question '{self.id}' must have exactly one option with "
                             f"'correct: true' (found {right})")
        return self

    @property
    def answer(self) -> int:
        """Index of the right option."""
        return next(i for i, option in enumerate(self.options) if option.correct)


class ReflectionPrompt(_Strict):
    """What a module asks the trainee to write about, and a hint to get them started."""

    prompt: Text
    hint: Text | None = None


class Activities(_Strict):
    """The contents of ``checks/<module-id>.yaml``."""

    module: str
    questions: Annotated[list[Question], Field(min_length=1)]
    reflection: ReflectionPrompt

    @model_validator(mode="after")
    def _unique_ids(self) -> "Activities":
        ids = [q.id for q in self.questions]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"question ids must be unique; repeated: {', '.join(twice)}")
        return self


class ModuleInfo(_Strict):
    """One entry of ``curriculum.yaml``: a module of the course map."""

    id: Annotated[str, Field(pattern=r"^[0-9]{2}-[a-z0-9-]+$", max_length=80)]
    number: Annotated[int, Field(ge=0, le=99)]
    title: Text
    track: Track = "faculty"
    minutes: Annotated[int, Field(ge=1, le=240)]
    summary: Text
    skill: Text
    scenarios: list[str] = []

    @property
    def notebook(self) -> str:
        """The module's notebook file name, next to ``curriculum.yaml``."""
        return f"{self.id}.ipynb"


class Curriculum(_Strict):
    """The whole course: ordered modules, each with its checks and reflection prompt."""

    title: Text
    modules: Annotated[list[ModuleInfo], Field(min_length=1)]
    folder: Path
    activities: dict[str, Activities]

    def module(self, module_id: str) -> ModuleInfo:
        """Return the module called ``module_id``; ``ConfigError`` lists the known ones."""
        for info in self.modules:
            if info.id == module_id:
                return info
        known = ", ".join(m.id for m in self.modules)
        raise ConfigError(f"unknown module {module_id!r}; the curriculum has: {known}")

    def track(self, track: Track) -> list[ModuleInfo]:
        """The modules of one track, in course order."""
        return [m for m in self.modules if m.track == track]


class _CurriculumFile(_Strict):
    title: Text
    modules: Annotated[list[ModuleInfo], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique(self) -> "_CurriculumFile":
        for field in ("id", "number"):
            values = [getattr(m, field) for m in self.modules]
            twice = sorted({str(v) for v in values if values.count(v) > 1})
            if twice:
                raise ValueError(f"module {field}s must be unique; repeated: {', '.join(twice)}")
        return self


def curriculum_dir() -> Path:
    """The folder of the shipped modules (``$COACHKIT_MODULES`` overrides it)."""
    env = os.environ.get("COACHKIT_MODULES", "").strip()
    if env:
        return Path(env).expanduser().resolve()
    return Path(__file__).resolve().parents[1] / "modules"


def _read_yaml(file: Path) -> object:
    try:
        return yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{file}: file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{file}{line}: this is not valid YAML: "
                          f"{getattr(exc, 'problem', None) or exc}") from None


def _validate(model: type[BaseModel], data: object, file: Path) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = " → ".join(str(p) for p in error["loc"]) or "(top level)"
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "unknown field (check the spelling)"
            elif error["type"] == "missing":
                message = "this required field is missing"
            problems.append(f"{where}: {message}")
        raise ConfigError(f"{file}: " + "; ".join(problems)) from None


def load_activities(file: Path, *, module_id: str) -> Activities:
    """Read and validate one module's checks file; it must name ``module_id``."""
    activities = _validate(Activities, _read_yaml(file), file)
    if activities.module != module_id:
        raise ConfigError(f"{file}: module: says {activities.module!r} but the file "
                          f"belongs to module {module_id!r}")
    return activities


@lru_cache(maxsize=4)
def _load(folder: Path, stamp: tuple[float, ...]) -> Curriculum:
    file = folder / CURRICULUM_FILE
    parsed = _validate(_CurriculumFile, _read_yaml(file), file)
    activities = {}
    for info in parsed.modules:
        safe_id(info.id, what=f"module id in {file}")
        activities[info.id] = load_activities(
            folder / CHECKS_FOLDER / f"{info.id}.yaml", module_id=info.id)
    return Curriculum(title=parsed.title, modules=sorted(parsed.modules, key=lambda m: m.number),
                      folder=folder, activities=activities)


def load_curriculum(folder: Path | str | None = None) -> Curriculum:
    """Load and validate the curriculum in ``folder`` (default: :func:`curriculum_dir`).

    The result is cached until one of the YAML files changes, so every widget on a page
    can ask for it without re-reading the files.
    """
    base = Path(folder).resolve() if folder is not None else curriculum_dir()
    files = [base / CURRICULUM_FILE, *sorted((base / CHECKS_FOLDER).glob("*.yaml"))]
    stamp = tuple(f.stat().st_mtime if f.exists() else -1.0 for f in files)
    return _load(base, stamp)
