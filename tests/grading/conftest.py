"""Fixtures for the grading tests: Jupyter kept in temp folders, one released course per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coachkit.grading.course import Course

ASSIGNMENT = "supportive-climate"
DUE = "2025-03-14 17:00"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end run of real nbgrader on a synthetic cohort "
                            "(part of the normal test run)")


@pytest.fixture(scope="session")
def assignment_id() -> str:
    """The assignment the grading tests release and grade."""
    return ASSIGNMENT


@pytest.fixture(scope="session")
def jupyter_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Jupyter's config/data/runtime folders and the work folder, all temporary (nothing in ~)."""
    root = tmp_path_factory.mktemp("jupyter")
    dirs = {"JUPYTER_CONFIG_DIR": str(root / "config"), "JUPYTER_DATA_DIR": str(root / "data"),
            "JUPYTER_RUNTIME_DIR": str(root / "runtime"), "COACHKIT_WORK": str(root / "work"),
            "IPYTHONDIR": str(root / "ipython")}
    saved = {k: os.environ.get(k) for k in dirs}
    os.environ.update(dirs)
    yield dirs
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def released_course(tmp_path_factory: pytest.TempPathFactory, jupyter_dirs: dict[str, str]) -> Path:
    """A course folder with the supportive-climate assignment released (built once per session)."""
    from coachkit.grading import init_course, release

    root = tmp_path_factory.mktemp("template") / "course"
    course, _ = init_course(root, course_id="test-course")
    release(course, ASSIGNMENT, due=DUE)
    return root


@pytest.fixture
def course(released_course: Path, tmp_path: Path) -> Course:
    """A private copy of the released course for one test."""
    target = tmp_path / "course"
    shutil.copytree(released_course, target)
    return Course.open(target)
