"""The rubric file format, as pydantic models (the single source of the JSON schema).

A rubric is a list of criteria; each criterion names a feature extractor (see
``coachkit.rubrics.features``), its parameters, and ordered levels with thresholds on the
feature's value. The first level whose thresholds hold is the one reached; the last level
has no threshold and catches everything else. ``when_undefined`` says what happens when the
feature does not apply (e.g. no question was asked): a level name, or ``not_rated`` to leave
the criterion out of the total. Every criterion carries ``source``: where its thresholds
come from, so facilitators can check and change them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from coachkit.rubrics.features import FEATURES

#: ``when_undefined`` value that leaves a criterion out of the total.
NOT_RATED = "not_rated"

_ID = r"^[a-z0-9][a-z0-9_-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    """One level of a criterion: its name, points, thresholds and what to tell the trainee."""

    name: str = Field(min_length=1, description="Short label shown to trainees, e.g. 'good'.")
    points: float = Field(ge=0, description="Points earned at this level.")
    at_least: float | None = Field(None, description="Reached when the feature value is >= this.")
    at_most: float | None = Field(None, description="Reached when the feature value is <= this.")
    descriptor: str = Field(min_length=1, description="What work at this level looks like.")
    feedback: str = Field(min_length=1, description="Plain-language advice given at this level.")

    def holds(self, value: float) -> bool:
        """True when ``value`` meets this level's thresholds."""
        if self.at_least is not None and value < self.at_least:
            return False
        if self.at_most is not None and value > self.at_most:
            return False
        return True


class Criterion(_Strict):
    """One criterion bound to one measurable feature."""

    id: str = Field(pattern=_ID, description="Stable identifier (lower case, digits, - and _).")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1, description="What the criterion rewards and why.")
    feature: str = Field(description="Name of a registered feature extractor.")
    params: dict[str, Any] = Field(default_factory=dict, description="Keyword parameters of the feature.")
    source: str = Field(min_length=1, description="Where the thresholds come from (a citation or 'CoachKit choice: why').")
    when_undefined: str = Field(
        NOT_RATED, description="Level name used when the feature does not apply, or 'not_rated'."
    )
    levels: list[Level] = Field(min_length=2, description="Best first; the last has no threshold.")

    @field_validator("feature")
    @classmethod
    def _known_feature(cls, name: str) -> str:
        if name not in FEATURES:
            raise ValueError(f"unknown feature {name!r}; known: {', '.join(sorted(FEATURES))}")
        return name

    @field_validator("params")
    @classmethod
    def _known_params(cls, params: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        name = info.data.get("feature")
        if name in FEATURES:
            allowed = FEATURES[name].params
            unknown = sorted(set(params) - set(allowed))
            if unknown:
                raise ValueError(f"feature {name!r} has no parameter(s) {unknown}; it takes {list(allowed) or 'none'}")
        return params

    @model_validator(mode="after")
    def _check(self) -> "Criterion":
        names = [lv.name for lv in self.levels]
        if len(set(names)) != len(names):
            raise ValueError(f"level names must be unique, got {names}")
        *ranked, last = self.levels
        if last.at_least is not None or last.at_most is not None:
            raise ValueError(f"the last level ({last.name!r}) must have no threshold: it catches the rest")
        for lv in ranked:
            if lv.at_least is None and lv.at_most is None:
                raise ValueError(f"level {lv.name!r} needs at_least or at_most (only the last level has none)")
        points = [lv.points for lv in self.levels]
        if points != sorted(points, reverse=True):
            raise ValueError(f"levels must be ordered best first (points not increasing), got {points}")
        if self.when_undefined != NOT_RATED and self.when_undefined not in names:
            raise ValueError(f"when_undefined must be 'not_rated' or one of {names}, got {self.when_undefined!r}")
        return self

    @property
    def max_points(self) -> float:
        """Points of the best level."""
        return self.levels[0].points

    def level_for(self, value: float) -> Level:
        """The first level whose thresholds ``value`` meets."""
        return next(lv for lv in self.levels if lv.holds(value))

    def level_named(self, name: str) -> Level:
        """The level called ``name``."""
        return next(lv for lv in self.levels if lv.name == name)


class Rubric(_Strict):
    """A rubric file: metadata and criteria."""

    id: str = Field(pattern=_ID, description="Identifier; the file is rubrics/<id>.yaml.")
    title: str = Field(min_length=1)
    version: int = Field(ge=1, description="Bumped whenever levels or thresholds change.")
    applies_to: str = Field(
        pattern=r"^(conversation|reply|goal)$",
        description="What is rated: a whole transcript, one written reply, or ILP goal text.",
    )
    description: str = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Rubric":
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise ValueError(f"criterion ids must be unique, got {ids}")
        return self

    @property
    def max_total(self) -> float:
        """Points available when every criterion is rated."""
        return sum(c.max_points for c in self.criteria)

    @property
    def needs_analysis(self) -> bool:
        """True when any criterion needs the analyzer's coding of the turns."""
        return any(FEATURES[c.feature].needs_analysis for c in self.criteria)


def json_schema() -> dict[str, Any]:
    """The JSON schema of rubric files (for editors and for ``rubrics/rubric.schema.json``)."""
    schema = Rubric.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://coachkit.invalid/rubric.schema.json"
    schema["$defs"]["Criterion"]["properties"]["feature"]["enum"] = sorted(FEATURES)
    return schema


def export_json_schema(path: str | Path) -> Path:
    """Write the JSON schema to ``path`` (kept in the repo as ``rubrics/rubric.schema.json``)."""
    path = Path(path)
    path.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
