"""A facilitator's nbgrader course directory, and the nbgrader objects that work on it.

``init_course`` copies the kit's ``grading/`` folder (``nbgrader_config.py``, the
``source/`` assignments and their blueprints) to a folder of the facilitator's own;
``Course`` opens such a folder and hands out nbgrader's API and gradebook configured for it.
Everything nbgrader keeps (``gradebook.db``, ``release/``, ``submitted/``, ``autograded/``,
``feedback/``) stays where plain ``nbgrader`` commands expect it, so the two can be mixed.

nbgrader is imported inside the methods: it takes seconds to import.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachkit.errors import ConfigError, InputError
from coachkit.grading.blueprint import BLUEPRINT_FILE, grading_dir
from coachkit.workdir import safe_id

CONFIG_FILE = "nbgrader_config.py"
GRADEBOOK_FILE = "gradebook.db"
#: CoachKit's own outputs inside the course folder (reports, exports, caches).
REPORTS_DIR = "reports"


def prepare_nbgrader() -> None:
    """Prepare the process for nbgrader's gradebook.

    nbgrader runs the ``alembic`` command when it creates a gradebook; it lives next to
    Python, which is not always on ``PATH``. nbgrader's own use of SQLAlchemy also emits
    ``SAWarning`` noise that would only confuse a facilitator.
    """
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning, module=r"nbgrader(\.|$)")
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def quiet_logger(name: str) -> logging.Logger:
    """A logger that keeps nbgrader's messages off the facilitator's screen (they are captured)."""
    logger = logging.getLogger(f"coachkit.grading.nbgrader.{name}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    return logger


@dataclass(frozen=True)
class Course:
    """An nbgrader course directory."""

    root: Path

    @classmethod
    def open(cls, root: str | os.PathLike[str] = ".") -> "Course":
        """Open an existing course folder (one holding ``nbgrader_config.py``)."""
        path = Path(root).expanduser().resolve()
        if not (path / CONFIG_FILE).is_file():
            raise ConfigError(
                f"{path} is not a course folder (no {CONFIG_FILE}); create one with "
                "'coachkit course init FOLDER'"
            )
        return cls(path)

    @property
    def gradebook_path(self) -> Path:
        """The sqlite gradebook nbgrader keeps."""
        return self.root / GRADEBOOK_FILE

    @property
    def reports(self) -> Path:
        """Where CoachKit writes reports and exports."""
        return self.root / REPORTS_DIR

    def path(self, step: str, trainee_id: str = ".", assignment_id: str = "") -> Path:
        """nbgrader's folder for a step (``source``, ``submitted``...), trainee and assignment."""
        return (self.root / step / trainee_id / assignment_id).resolve()

    def assignments(self) -> list[str]:
        """Assignment ids found in ``source/``."""
        source = self.root / "source"
        return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")) if source.is_dir() else []

    def check_assignment(self, assignment_id: str) -> str:
        """Return ``assignment_id`` if ``source/`` has it, else raise ``InputError`` listing the known ones."""
        if assignment_id not in self.assignments():
            known = ", ".join(self.assignments()) or "none"
            raise InputError(f"no assignment {assignment_id!r} in {self.root / 'source'}; available: {known}")
        return assignment_id

    def config(self, **sections: dict[str, Any]) -> Any:
        """The course's nbgrader configuration (its ``nbgrader_config.py``) plus ``sections``."""
        from traitlets.config import Config
        from traitlets.config.loader import PyFileConfigLoader

        try:
            config = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        except Exception as exc:  # a facilitator's typo in the config file: name it
            raise ConfigError(f"{self.root / CONFIG_FILE}: cannot be read ({exc})") from exc
        config.CourseDirectory.root = str(self.root)
        extra = Config()
        for section, values in sections.items():
            for key, value in values.items():
                extra[section][key] = value
        config.merge(extra)
        return config

    def api(self, **sections: dict[str, Any]) -> Any:
        """nbgrader's ``NbGraderAPI`` on this course, logging quietly (each call captures its log)."""
        prepare_nbgrader()
        from nbgrader.apps.api import NbGraderAPI

        return NbGraderAPI(config=self.config(**sections), log=quiet_logger("api"))

    @contextlib.contextmanager
    def gradebook(self) -> Iterator[Any]:
        """nbgrader's ``Gradebook`` on ``gradebook.db`` (created on first use), closed on exit."""
        prepare_nbgrader()
        from nbgrader.api import Gradebook

        course_id = self.config().CourseDirectory.get("course_id", "")
        with Gradebook(f"sqlite:///{self.gradebook_path}", course_id) as gb:
            yield gb


def init_course(target: str | os.PathLike[str], *, course_id: str | None = None,
                template: str | os.PathLike[str] | None = None) -> tuple[Course, list[str]]:
    """Create (or complete) a course folder from the kit's ``grading/``; returns what was added.

    Safe to run again: existing files are never overwritten, missing assignments are added.
    """
    source_root = Path(template) if template else grading_dir()
    root = Path(target).expanduser().resolve()
    root.mkdir(parents=True, exist_ok=True)
    added: list[str] = []
    config = root / CONFIG_FILE
    if not config.exists():
        text = (source_root / CONFIG_FILE).read_text(encoding="utf-8")
        if course_id:
            safe_id(course_id, what="course id")
            text = re.sub(r'(c\.CourseDirectory\.course_id = )"[^"]*"', rf'\1"{course_id}"', text)
        config.write_text(text, encoding="utf-8")
        added.append(CONFIG_FILE)
    if (source_root / BLUEPRINT_FILE).exists() and not (root / BLUEPRINT_FILE).exists():
        shutil.copyfile(source_root / BLUEPRINT_FILE, root / BLUEPRINT_FILE)
        added.append(BLUEPRINT_FILE)
    for assignment in sorted((source_root / "source").iterdir()):
        dest = root / "source" / assignment.name
        if assignment.is_dir() and not dest.exists():
            shutil.copytree(assignment, dest)
            added.append(f"source/{assignment.name}")
    course = Course(root)
    with course.gradebook():
        pass  # creates gradebook.db with nbgrader's schema
    return course, added
