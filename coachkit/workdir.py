"""Where a trainee's work is kept: one private folder per trainee.

Every transcript, answer and progress file of a trainee lives under
``<root>/<trainee_id>/``. The root is, in order of precedence:

1. the ``COACHKIT_WORK`` environment variable;
2. ``c.CoachKit.work_dir`` in a Jupyter configuration file (``jupyter_config.py`` or
   ``jupyter_config.json`` in the current folder or any Jupyter configuration folder; a
   relative value is taken relative to the file that sets it);
3. ``./coachkit-work/``.

The trainee id comes from ``JUPYTERHUB_USER`` (one server per user on a hub), else from
``COACHKIT_TRAINEE``, else from the name the trainee gave once, remembered in
``<root>/.trainee``. Ids are used as folder names, so anything that could climb out of
the root (``/``, ``\\``, ``..``) or hide a file is refused: two trainees on one server can
never read or overwrite each other's files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coachkit.errors import ConfigError, InputError

DEFAULT_ROOT = "coachkit-work"
REMEMBERED_TRAINEE = ".trainee"
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}")


def safe_id(value: str, *, what: str = "id") -> str:
    """Return ``value`` if it can safely name a file or folder, else raise ``InputError``.

    Ids become path components, so a separator or ``..`` would let one trainee (or one
    scenario file) write outside its folder. Allowed: letters, digits and ``. _ @ + -``,
    starting with a letter or digit, at most 128 characters, and no ``..``.
    """
    text = str(value)
    if "/" in text or "\\" in text or "\x00" in text:
        raise InputError(f"{what} {text!r} must not contain path separators")
    if not _SAFE_ID.fullmatch(text) or ".." in text:
        raise InputError(
            f"{what} {text!r} is not a safe name: use letters, digits and . _ @ + - "
            "(starting with a letter or digit, at most 128 characters)"
        )
    return text


@lru_cache(maxsize=8)
def _configured_root(search_path: tuple[str, ...]) -> Path | None:
    """Return ``CoachKit.work_dir`` from the first Jupyter config file that sets it."""
    from traitlets.config.loader import JSONFileConfigLoader, PyFileConfigLoader

    for folder in search_path:
        for name, loader_class in (
            ("jupyter_config.json", JSONFileConfigLoader),
            ("jupyter_config.py", PyFileConfigLoader),
        ):
            file = Path(folder) / name
            if not file.is_file():
                continue
            try:
                config = loader_class(name, path=str(folder)).load_config()
            except Exception as exc:  # a broken config file is the user's to fix
                raise ConfigError(f"cannot read Jupyter configuration {file}: {exc}") from exc
            if "CoachKit" in config and "work_dir" in config.CoachKit:
                value = Path(os.path.expanduser(str(config.CoachKit.work_dir)))
                return value if value.is_absolute() else (file.parent / value)
    return None


def _config_search_path() -> tuple[str, ...]:
    from jupyter_core.paths import jupyter_config_dir, jupyter_config_path

    paths = [os.getcwd(), jupyter_config_dir(), *jupyter_config_path()]
    return tuple(dict.fromkeys(paths))


def work_root() -> Path:
    """Return the folder that holds every trainee's folder (not created here)."""
    env = os.environ.get("COACHKIT_WORK", "").strip()
    if env:
        return Path(os.path.expanduser(env)).resolve()
    configured = _configured_root(_config_search_path())
    if configured is not None:
        return configured.resolve()
    return (Path.cwd() / DEFAULT_ROOT).resolve()


def known_trainee_id(*, root: Path | None = None) -> str | None:
    """Return the trainee id if it is already known (hub, environment or remembered)."""
    for variable in ("JUPYTERHUB_USER", "COACHKIT_TRAINEE"):
        value = os.environ.get(variable, "").strip()
        if value:
            return safe_id(value, what=f"trainee id from ${variable}")
    remembered = (root or work_root()) / REMEMBERED_TRAINEE
    if remembered.is_file():
        value = remembered.read_text(encoding="utf-8").strip()
        if value:
            return safe_id(value, what=f"trainee id remembered in {remembered}")
    return None


def remember_trainee_id(name: str, *, root: Path | None = None) -> str:
    """Check and remember the name a trainee gave, so they are asked only once."""
    value = safe_id(name.strip(), what="your name for saving work")
    folder = root or work_root()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / REMEMBERED_TRAINEE).write_text(value + "\n", encoding="utf-8")
    return value


@dataclass(frozen=True)
class WorkDir:
    """One trainee's private folder and the named places inside it."""

    root: Path
    trainee_id: str

    @property
    def path(self) -> Path:
        """``<root>/<trainee_id>/``."""
        return self.root / self.trainee_id

    @property
    def transcripts(self) -> Path:
        """Where scenario transcripts are appended (one JSONL file per scenario)."""
        return self.path / "transcripts"

    def transcript_path(self, scenario_id: str) -> Path:
        """``<root>/<trainee>/transcripts/<scenario_id>.jsonl``."""
        return self.transcripts / f"{safe_id(scenario_id, what='scenario id')}.jsonl"

    def ensure(self) -> "WorkDir":
        """Create the trainee's folders, readable by the trainee only."""
        self.transcripts.mkdir(parents=True, exist_ok=True)
        for folder in (self.path, self.transcripts):
            os.chmod(folder, 0o700)
        return self


def workdir(*, trainee_id: str | None = None, root: Path | None = None) -> WorkDir:
    """Return the current trainee's work folder, created if missing.

    ``trainee_id`` overrides the environment (the CLI's ``--trainee``); when no id is
    known at all the caller must ask the trainee once and call
    :func:`remember_trainee_id` -- a ``ConfigError`` says so.
    """
    base = Path(root) if root is not None else work_root()
    ident = safe_id(trainee_id, what="trainee id") if trainee_id else known_trainee_id(root=base)
    if ident is None:
        raise ConfigError(
            "CoachKit does not know whose work this is yet. Set COACHKIT_TRAINEE=<your name> "
            "(or give --trainee NAME) so your work is saved in your own folder."
        )
    return WorkDir(root=base, trainee_id=ident).ensure()
