"""A generated cohort: its tables, how it is written and read, and how to look students up.

Tables are pandas DataFrames named and typed as in ``coachkit.cohort.schema``. On disk a
cohort is a folder with one CSV per table (always), one Parquet file per table (when pyarrow
is installed), ``config.json`` (the exact configuration, so anyone can regenerate it) and
``README.md`` (the data dictionary). Writing is deterministic: the same cohort gives the
same bytes.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from coachkit.cohort.config import CohortConfig
from coachkit.cohort.profile import StudentProfile, build_profile
from coachkit.cohort.schema import DTYPES, TABLE_NAMES, TABLES
from coachkit.errors import ConfigError, InputError

if TYPE_CHECKING:
    import pandas as pd

FORMATS: tuple[str, ...] = ("csv", "parquet")


def parquet_available() -> bool:
    """True when pyarrow can be imported (Parquet files are then written and preferred)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


class Cohort:
    """The tables of one synthetic cohort plus the configuration that produced them.

    Each table is also an attribute: ``cohort.students``, ``cohort.exams``,
    ``cohort.qbank_sessions``, ``cohort.practice_exams``, ``cohort.study_log``,
    ``cohort.calibration``, ``cohort.wellbeing``, ``cohort.meetings``, ``cohort.goals`` and
    ``cohort.latent`` (the hidden ground truth).
    """

    def __init__(self, config: CohortConfig, tables: Mapping[str, pd.DataFrame]) -> None:
        missing = [name for name in TABLE_NAMES if name not in tables]
        if missing:
            raise InputError(f"a cohort needs the tables {', '.join(missing)}")
        self.config = config
        self.tables = MappingProxyType({name: tables[name] for name in TABLE_NAMES})
        self._index = {sid: i for i, sid in enumerate(self.tables["students"]["student_id"])}

    def __repr__(self) -> str:
        return f"Cohort(students={len(self)}, seed={self.config.seed})"

    def __len__(self) -> int:
        return len(self._index)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __dir__(self) -> Iterable[str]:
        return [*super().__dir__(), *TABLE_NAMES]

    # ----------------------------------------------------------------------- lookups
    @property
    def student_ids(self) -> list[str]:
        """All student ids, in table order."""
        return list(self._index)

    @property
    def topics(self) -> dict[str, str]:
        """Topic id -> label, in teaching order."""
        return {b.topic: b.label for b in self.config.calendar.blocks}

    def student_row(self, student_id: str) -> pd.Series:
        """The ``students`` row of ``student_id`` (InputError naming it if unknown)."""
        if student_id not in self._index:
            raise InputError(f"unknown student id {student_id!r} in this cohort of {len(self)}")
        return self.tables["students"].iloc[self._index[student_id]]

    def topic_id(self, topic: str) -> str:
        """Resolve a topic id or label (any case), e.g. 'cardiology' or 'Cardiovascular'."""
        wanted = topic.strip().lower()
        for block in self.config.calendar.blocks:
            if wanted in (block.topic, block.label.lower()):
                return block.topic
        raise InputError(
            f"unknown topic {topic!r}; known: {', '.join(self.topics)} "
            f"(or their labels: {', '.join(self.topics.values())})"
        )

    def find(self, *, archetype: str | None = None, topic: str | None = None,
             seed: int | None = None) -> str:
        """Return the id of a student who fits, for a scenario to talk about.

        ``archetype`` keeps students of that pattern. ``topic`` prefers students for whom the
        topic stands out as a problem in their latest calibration quiz: accuracy below their
        own average, plus confidence above accuracy on it. Without ``seed`` the best fit is
        returned; with a seed, one of the few best fits is drawn reproducibly, so repeated
        scenario runs can meet different students. Raises ``InputError`` when nothing
        matches.
        """
        students = self.tables["students"]
        rows = students
        if archetype is not None:
            if archetype not in self.config.archetypes:
                raise InputError(
                    f"unknown archetype {archetype!r}; known: "
                    f"{', '.join(sorted(self.config.archetypes))}"
                )
            rows = students[students["archetype"] == archetype]
            if rows.empty:
                raise InputError(
                    f"no student with archetype {archetype!r} in this cohort "
                    f"(its mix: {', '.join(f'{k}={v:g}' for k, v in self.config.mix.items())})"
                )
        candidates = rows["student_id"].to_numpy()
        fit = self._fit(candidates, archetype, None if topic is None else self.topic_id(topic))
        order = np.lexsort((candidates, -fit))
        ranked = candidates[order]
        if seed is None:
            return str(ranked[0])
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise InputError(f"seed must be a whole number >= 0, got {seed!r}")
        best = ranked[: max(1, min(5, math.ceil(len(ranked) / 3)))]
        return str(best[np.random.default_rng(int(seed)).integers(len(best))])

    def _fit(self, ids: np.ndarray, archetype: str | None, topic: str | None) -> np.ndarray:
        """Higher = better example: the topic stands out, or the archetype is clear-cut."""
        import pandas as pd

        if topic is not None:
            cal = self.tables["calibration"]
            cal = cal[cal["student_id"].isin(ids)]
            last = cal[cal["survey"] == cal["survey"].max()]
            wide = last.pivot(index="student_id", columns="topic", values=["accuracy", "gap"])
            acc, gap = wide["accuracy"], wide["gap"]
            score = (acc.mean(axis=1) - acc[topic]) + gap[topic]
            return score.reindex(ids).to_numpy(dtype=float)
        if archetype is None:
            return np.zeros(len(ids))
        spec = self.config.archetypes[archetype]
        latent = self.tables["latent"].set_index("student_id").reindex(ids)
        distance = ((latent["ability"] - spec.ability_mean).abs()
                    + (latent["confidence_bias"] - spec.confidence_bias).abs() / 10)
        return -pd.to_numeric(distance).to_numpy(dtype=float)

    def profile(self, student_id: str) -> StudentProfile:
        """The plain facts a simulated student (and a facilitator) can talk about."""
        self.student_row(student_id)
        return build_profile(self, student_id)

    # ----------------------------------------------------------------------- disk
    def write(self, out_dir: str | os.PathLike[str], *,
              formats: Iterable[str] | None = None) -> Path:
        """Write every table (CSV, and Parquet when pyarrow is present), README and config.

        Returns the folder. An unwritable folder raises ``InputError`` naming it.
        """
        from coachkit.cohort.dictionary import render

        chosen = tuple(formats) if formats is not None else (
            FORMATS if parquet_available() else ("csv",))
        unknown = [f for f in chosen if f not in FORMATS]
        if unknown or not chosen:
            raise InputError(f"unknown format(s) {unknown or chosen}; use csv and/or parquet")
        if "parquet" in chosen and not parquet_available():
            raise InputError("Parquet output needs pyarrow: pip install 'coachkit[parquet]'")
        out = Path(out_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
            for name, frame in self.tables.items():
                if "csv" in chosen:
                    frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
                if "parquet" in chosen:
                    frame.to_parquet(out / f"{name}.parquet", index=False)
            (out / "config.json").write_text(self.config.to_json(), encoding="utf-8")
            (out / "README.md").write_text(render(self), encoding="utf-8")
        except OSError as exc:
            raise InputError(
                f"cannot write the cohort to {out}: {exc.strerror or exc}"
            ) from None
        return out

    @classmethod
    def read(cls, directory: str | os.PathLike[str]) -> Cohort:
        """Read a cohort folder written by ``write`` (Parquet preferred, else CSV)."""
        import pandas as pd

        folder = Path(directory)
        if not any((folder / f"students.{kind}").is_file() for kind in FORMATS):
            raise InputError(f"{folder} holds no cohort (no students.csv / students.parquet)")
        config_path = folder / "config.json"
        config = CohortConfig.from_file(config_path) if config_path.is_file() else CohortConfig()
        use_parquet = parquet_available() and all(
            (folder / f"{t}.parquet").is_file() for t in TABLE_NAMES)
        tables = {}
        for spec in TABLES:
            path = folder / f"{spec.name}.{'parquet' if use_parquet else 'csv'}"
            try:
                if use_parquet:
                    frame = pd.read_parquet(path)
                else:
                    frame = pd.read_csv(
                        path, parse_dates=[c.name for c in spec.columns if c.kind == "date"])
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot read cohort table {path}: {exc}") from None
            if list(frame.columns) != list(spec.names):
                raise ConfigError(
                    f"{path}: columns {list(frame.columns)} differ from the data dictionary "
                    f"{list(spec.names)}"
                )
            tables[spec.name] = frame.astype({c.name: DTYPES[c.kind] for c in spec.columns})
        return cls(config, tables)
