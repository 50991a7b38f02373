"""Synthetic student performance data for data-driven coaching practice.

No real student data may be used to train coaches, so this package makes synthetic
pre-clerkship medical students whose data hold something real to discover: block exams,
question-bank sessions, practice exams with a board projection, study strategies week by
week, confidence next to accuracy per topic, wellbeing, and coaching meetings with ILP goals.
Students follow hidden archetypes; the generative model is documented in
``coachkit.cohort.generator`` and in the README written with every cohort.

    from coachkit.cohort import CohortConfig, generate, load_default, dashboard
    cohort = load_default()                      # the 60 students shipped in datasets/cohort
    sid = cohort.find(archetype="overconfident", topic="cardiology")
    cohort.profile(sid).facts()
    save_figure(dashboard(cohort, sid), "student.png")
    generate(CohortConfig(students=1000, seed=7)).write("my-cohort")

Heavy modules (pandas, matplotlib) load on first use, so importing this package is cheap.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachkit.cohort.archetypes import ARCHETYPES, DEFAULT_MIX, ArchetypeSpec
from coachkit.cohort.config import Block, Calendar, CohortConfig, Effects

if TYPE_CHECKING:
    from coachkit.cohort.cohort import Cohort
    from coachkit.cohort.figure import dashboard, save_figure
    from coachkit.cohort.generator import generate
    from coachkit.cohort.profile import StudentProfile

__all__ = [
    "ARCHETYPES",
    "DEFAULT_MIX",
    "ArchetypeSpec",
    "Block",
    "Calendar",
    "Cohort",
    "CohortConfig",
    "Effects",
    "StudentProfile",
    "dashboard",
    "default_dir",
    "generate",
    "load_default",
    "save_figure",
]

_LAZY = {
    "Cohort": "coachkit.cohort.cohort",
    "generate": "coachkit.cohort.generator",
    "dashboard": "coachkit.cohort.figure",
    "save_figure": "coachkit.cohort.figure",
    "StudentProfile": "coachkit.cohort.profile",
}

#: environment variable that points at another default cohort folder
ENV_DIR = "COACHKIT_COHORT_DIR"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'coachkit.cohort' has no attribute {name!r}")


def default_dir() -> Path | None:
    """The shipped cohort folder: ``$COACHKIT_COHORT_DIR``, else ``datasets/cohort`` of the
    repository this package lives in, else of the working directory (None if none exists)."""
    candidates = []
    if os.environ.get(ENV_DIR):
        candidates.append(Path(os.environ[ENV_DIR]))
    candidates.append(Path(__file__).resolve().parents[2] / "datasets" / "cohort")
    candidates.append(Path.cwd() / "datasets" / "cohort")
    for folder in candidates:
        if (folder / "students.csv").is_file() or (folder / "students.parquet").is_file():
            return folder
    return None


@functools.lru_cache(maxsize=1)
def _load_default() -> Cohort:
    from coachkit.cohort.cohort import Cohort
    from coachkit.cohort.generator import generate

    folder = default_dir()
    if folder is None:  # e.g. installed without the repository: same data, made on the spot
        return generate(CohortConfig())
    return Cohort.read(folder)


def load_default() -> Cohort:
    """The small default cohort (60 students, seed 2024) that ships in ``datasets/cohort``.

    Read once per process and handed out as a copy, so callers may modify their tables.
    Without the shipped folder the same cohort is generated from the default configuration.
    """
    from coachkit.cohort.cohort import Cohort

    cached = _load_default()
    return Cohort(cached.config, {k: v.copy() for k, v in cached.tables.items()})
