"""Every parameter of the synthetic cohort, in one validated configuration object.

``CohortConfig`` is all the generator reads: cohort size and seed, the archetype mix and
each archetype's parameters, the curriculum calendar, and the effect sizes of the
generative model. Same configuration (including the seed) -> byte-identical output. It can
be written as JSON next to the data (provenance) and read back from YAML or JSON, so an
instructor can change one effect size without touching code.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator

from coachkit.cohort._validated import Validated
from coachkit.cohort.archetypes import ARCHETYPES, DEFAULT_MIX, ArchetypeSpec
from coachkit.errors import ConfigError, InputError

#: Largest cohort the generator accepts (memory grows linearly; see docs/cohort.md).
MAX_STUDENTS = 200_000


class Block(Validated):
    """One organ-system block: taught from ``start_week``, examined in ``exam_week``."""

    topic: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="topic id, e.g. 'cardiology'")
    label: str = Field(min_length=1, description="name shown to people, e.g. 'Cardiovascular'")
    start_week: int = Field(ge=0)
    exam_week: int = Field(ge=1)
    difficulty: float = Field(
        0.0, ge=-20, le=20, description="points added to (or taken from) every score on it"
    )

    @model_validator(mode="after")
    def _order(self) -> Block:
        if self.exam_week <= self.start_week:
            raise ValueError(
                f"block {self.topic!r}: exam_week ({self.exam_week}) must come after "
                f"start_week ({self.start_week})"
            )
        return self


DEFAULT_BLOCKS: tuple[Block, ...] = (
    Block(topic="hematology", label="Blood & immunity", start_week=0, exam_week=10,
          difficulty=0.5),
    Block(topic="musculoskeletal", label="Musculoskeletal & skin", start_week=11,
          exam_week=21, difficulty=1.5),
    Block(topic="cardiology", label="Cardiovascular", start_week=22, exam_week=32,
          difficulty=-1.5),
    Block(topic="pulmonology", label="Respiratory", start_week=33, exam_week=43,
          difficulty=0.5),
    Block(topic="nephrology", label="Renal & urinary", start_week=52, exam_week=62,
          difficulty=-2.0),
    Block(topic="gastroenterology", label="Gastrointestinal", start_week=63, exam_week=73,
          difficulty=0.5),
    Block(topic="endocrinology", label="Endocrine & reproductive", start_week=74,
          exam_week=84, difficulty=-0.5),
    Block(topic="neurology", label="Neuroscience & behaviour", start_week=85, exam_week=95,
          difficulty=-1.0),
)


class Calendar(Validated):
    """The two pre-clerkship years, week by week (week 0 starts on ``start_date``)."""

    start_date: dt.date = dt.date(2024, 8, 5)
    weeks: int = Field(96, ge=4, le=520, description="length of the timeline in weeks")
    year2_start_week: int = Field(52, ge=1, description="first week of the second year")
    blocks: tuple[Block, ...] = DEFAULT_BLOCKS
    practice_exam_weeks: tuple[int, ...] = (53, 64, 75, 86, 95)
    wellbeing_every_weeks: int = Field(2, ge=1, le=12, description="pulse survey interval")
    quiz_items: int = Field(
        20, ge=5, le=200, description="items per topic in each calibration quiz"
    )

    @field_validator("start_date")
    @classmethod
    def _monday(cls, value: dt.date) -> dt.date:
        if value.weekday() != 0:
            raise ValueError(f"start_date must be a Monday, got {value.isoformat()}")
        return value

    @model_validator(mode="after")
    def _fits(self) -> Calendar:
        if not self.blocks:
            raise ValueError("at least one block is needed")
        topics = [b.topic for b in self.blocks]
        if len(set(topics)) != len(topics):
            raise ValueError(f"block topics must be unique, got {topics}")
        previous = -1
        for block in self.blocks:
            if block.start_week <= previous:
                raise ValueError(
                    f"blocks must follow each other without overlap: {block.topic!r} starts "
                    f"in week {block.start_week}, before week {previous} has ended"
                )
            previous = block.exam_week
        if previous >= self.weeks:
            raise ValueError(f"the last exam (week {previous}) is beyond weeks={self.weeks}")
        if self.year2_start_week >= self.weeks:
            raise ValueError(f"year2_start_week must be < weeks ({self.weeks})")
        bad = [w for w in self.practice_exam_weeks if not 0 <= w < self.weeks]
        if bad or list(self.practice_exam_weeks) != sorted(set(self.practice_exam_weeks)):
            raise ValueError(
                "practice_exam_weeks must be increasing weeks within the timeline, got "
                f"{list(self.practice_exam_weeks)}"
            )
        return self

    @property
    def topics(self) -> tuple[str, ...]:
        """Topic ids in teaching order."""
        return tuple(b.topic for b in self.blocks)


class Effects(Validated):
    """Effect sizes of the generative model (what causes what, and how much).

    Scores are percent correct (0-100); "points" are percentage points of score. Shares are
    fractions of weekly study time. The data dictionary prints these values.
    """

    exam_mean: float = Field(72.0, ge=30, le=95, description="block score of an average student")
    ability_points: float = Field(
        6.0, ge=0, le=20, description="block-score points per standard deviation of ability"
    )
    topic_aptitude_sd: float = Field(
        3.0, ge=0, le=15, description="spread of a student's personal strength per topic"
    )
    exam_noise_sd: float = Field(3.5, ge=0, le=15, description="exam-day luck, in points")
    retrieval_points_per_10pp: float = Field(
        2.0, ge=-10, le=10,
        description="block-score points per +10 percentage points of retrieval share "
        "during the block (instead of rereading)",
    )
    retrieval_reference: float = Field(
        0.4, ge=0, le=1, description="retrieval share at which that effect is zero"
    )
    attendance_points_per_10pp: float = Field(
        0.8, ge=-5, le=5, description="block-score points per +10 pp attendance (around 85%)"
    )
    stress_points: float = Field(
        1.5, ge=0, le=10,
        description="score points lost per stress point above 4 (3 weeks before an exam)",
    )
    sleep_points: float = Field(
        1.0, ge=0, le=10, description="score points lost per hour of sleep below 7 a night"
    )
    sleep_per_stress: float = Field(
        0.3, ge=0, le=2, description="hours of nightly sleep lost per stress point above 4"
    )
    stress_retrieval_pull: float = Field(
        0.04, ge=0, le=0.3,
        description="retrieval share lost per stress point above 6 (back to rereading)",
    )
    stress_hours_pull: float = Field(
        0.06, ge=0, le=0.3, description="fraction of study hours lost per stress point above 6"
    )
    prior_accuracy: float = Field(
        40.0, ge=0, le=90, description="accuracy on a topic before it is taught"
    )
    halflife_weeks: float = Field(
        100.0, gt=1, le=1000, description="weeks for half of what was learned to fade"
    )
    halflife_gain_per_10pp: float = Field(
        0.15, ge=0, le=2,
        description="relative lengthening of that half-life per +10 pp retrieval share",
    )
    confidence_tracking: float = Field(
        0.5, ge=0, le=1,
        description="how much of a real accuracy difference shows up in confidence (1 = all)",
    )
    rereading_confidence_per_10pp: float = Field(
        3.0, ge=0, le=15,
        description="confidence points per +10 pp of rereading share (fluency felt as mastery)",
    )
    confidence_noise_sd: float = Field(5.0, ge=0, le=20)
    qbank_points_per_100_items: float = Field(
        1.0, ge=0, le=10,
        description="practice-exam points per 100 question-bank items a week (8-week mean)",
    )
    practice_noise_sd: float = Field(2.5, ge=0, le=15)
    goal_retrieval_uptake: float = Field(
        0.08, ge=0, le=0.5, description="retrieval share added while a retrieval goal is active"
    )
    goal_sleep_uptake: float = Field(
        0.4, ge=0, le=3, description="nightly sleep hours added while a sleep goal is active"
    )
    goal_calibration_uptake: float = Field(
        5.0, ge=0, le=30,
        description="confidence points of overconfidence removed while a calibration goal runs",
    )
    goal_qbank_uptake: float = Field(
        0.3, ge=0, le=2, description="relative rise of question-bank time under a volume goal"
    )
    block_pass_mark: float = Field(70.0, ge=0, le=100, description="pass mark of block exams")
    board_pass_mark: float = Field(
        58.0, ge=0, le=100,
        description="practice-exam score equivalent to the board-exam pass standard",
    )
    projection_sd: float = Field(
        4.0, gt=0, le=20, description="uncertainty of the board projection, in points"
    )


class CohortConfig(Validated):
    """Everything that defines a synthetic cohort. Change a value, get a different cohort.

    ``mix`` gives the share of students following each archetype (normalised to sum 1);
    archetypes not in ``mix`` do not occur. ``archetypes`` holds their parameters, by
    default ``ARCHETYPES``; a custom archetype needs an entry there and a share in ``mix``.
    """

    students: int = Field(60, ge=1, le=MAX_STUDENTS)
    seed: int = Field(2024, ge=0, lt=2**63)
    mix: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_MIX))
    archetypes: dict[str, ArchetypeSpec] = Field(default_factory=lambda: dict(ARCHETYPES))
    calendar: Calendar = Field(default_factory=Calendar)
    effects: Effects = Field(default_factory=Effects)

    @field_validator("students", mode="before")
    @classmethod
    def _whole(cls, value: Any) -> Any:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(f"students must be a whole number, got {value!r}")
        return value

    @model_validator(mode="after")
    def _mix(self) -> CohortConfig:
        unknown = sorted(set(self.mix) - set(self.archetypes))
        if unknown:
            raise ValueError(
                f"unknown archetype {', '.join(map(repr, unknown))}; known: "
                f"{', '.join(sorted(self.archetypes))}"
            )
        negative = {k: v for k, v in self.mix.items() if not v >= 0}
        if negative:
            raise ValueError(f"archetype shares must be >= 0, got {negative}")
        if sum(self.mix.values()) <= 0:
            raise ValueError("the archetype mix must give some share to at least one archetype")
        return self

    @property
    def shares(self) -> dict[str, float]:
        """The mix normalised to sum 1, in a fixed (sorted) order, zero shares dropped."""
        total = sum(self.mix.values())
        return {k: self.mix[k] / total for k in sorted(self.mix) if self.mix[k] > 0}

    def to_json(self) -> str:
        """Stable JSON (sorted keys) so that written cohorts are byte-identical."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_file(cls, path: str | Path, **overrides: Any) -> CohortConfig:
        """Read a YAML or JSON configuration; keyword ``overrides`` win over the file.

        Keys left out keep their defaults, so a file may hold only what it changes, e.g.
        ``effects: {retrieval_points_per_10pp: 0}``.
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read cohort configuration {path}: {exc.strerror}") from None
        import yaml  # JSON is YAML too

        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML/JSON: {exc}") from None
        if not isinstance(data, Mapping):
            raise ConfigError(f"{path}: the top level must be a mapping of settings")
        data = {**data, **overrides}
        if isinstance(data.get("archetypes"), Mapping):  # partial edits merge with defaults
            merged = {k: v.model_dump() for k, v in ARCHETYPES.items()}
            for name, fields in data["archetypes"].items():
                merged[name] = {**merged.get(name, {}), **(fields or {})}
            data["archetypes"] = merged
        try:
            return cls.model_validate(data)
        except InputError as exc:
            raise ConfigError(f"{path}: {exc}") from None
