"""Fixtures for the grading tests: Jupyter kept in temp folders, one released course per session."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
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
    """Temporary Jupyter config/data/runtime, IPython and work folders (nothing goes to ``~``)."""
    root = tmp_path_factory.mktemp("jupyter")
    return {"JUPYTER_CONFIG_DIR": str(root / "config"), "JUPYTER_DATA_DIR": str(root / "data"),
            "JUPYTER_RUNTIME_DIR": str(root / "runtime"), "IPYTHONDIR": str(root / "ipython"),
            "COACHKIT_WORK": str(root / "work")}


@contextlib.contextmanager
def jupyter_env(dirs: dict[str, str]) -> Iterator[None]:
    """Point Jupyter at ``dirs`` for the duration (other test folders never see it)."""
    with pytest.MonkeyPatch.context() as patch:
        for key, value in dirs.items():
            patch.setenv(key, value)
        yield


@pytest.fixture(scope="session")
def isolated_jupyter(jupyter_dirs: dict[str, str]):
    """``with isolated_jupyter(): ...`` applies the temporary folders (for module-scoped fixtures)."""
    return lambda: jupyter_env(jupyter_dirs)


@pytest.fixture(autouse=True)
def _isolated_jupyter(jupyter_dirs: dict[str, str]) -> Iterator[None]:
    with jupyter_env(jupyter_dirs):
        yield


@pytest.fixture(scope="session")
def released_course(tmp_path_factory: pytest.TempPathFactory, jupyter_dirs: dict[str, str]) -> Path:
    """A course folder with the supportive-climate assignment released (built once per session)."""
    from coachkit.grading import init_course, release

    root = tmp_path_factory.mktemp("template") / "course"
    with jupyter_env(jupyter_dirs):
        course, _ = init_course(root, course_id="test-course")
        release(course, ASSIGNMENT, due=DUE)
    return root


@pytest.fixture
def course(released_course: Path, tmp_path: Path) -> Course:
    """A private copy of the released course for one test."""
    target = tmp_path / "course"
    shutil.copytree(released_course, target)
    return Course.open(target)
