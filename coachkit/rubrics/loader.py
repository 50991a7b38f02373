"""Loading rubric files: YAML in, a validated ``Rubric`` out, errors that point at the line.

A facilitator editing ``rubrics/coaching-conversation.yaml`` who mistypes a threshold gets
``rubrics/coaching-conversation.yaml, line 42, criteria[2].levels[0].at_least: Input should
be a valid number`` instead of a traceback.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from coachkit.errors import ConfigError, InputError
from coachkit.rubrics.spec import Rubric

#: Environment variable naming another folder of rubrics (e.g. a course's own copies).
RUBRICS_ENV = "COACHKIT_RUBRICS_DIR"


def rubrics_dir() -> Path:
    """The folder where rubric ids are looked up: ``$COACHKIT_RUBRICS_DIR`` or the kit's ``rubrics/``."""
    env = os.environ.get(RUBRICS_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "rubrics"


def available_rubrics() -> list[str]:
    """Ids of the rubrics in ``rubrics_dir()``."""
    return sorted(p.stem for p in rubrics_dir().glob("*.yaml"))


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the YAML node at ``loc`` (or of its nearest existing parent)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def parse_rubric(text: str, *, source: str = "<rubric>") -> Rubric:
    """Validate rubric YAML text; ``source`` names the file in error messages."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{source}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{source}, line 1: a rubric must be a mapping with id, title and criteria")
    try:
        return Rubric.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = _line_of(node, loc)
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{source}, line {line}, {_field(loc)}: {msg}")
        raise ConfigError("\n".join(problems)) from None


@lru_cache(maxsize=64)
def _load_cached(path: Path, mtime_ns: int) -> Rubric:
    return parse_rubric(path.read_text(encoding="utf-8"), source=str(path))


def rubric_path(rubric_id_or_path: str | os.PathLike[str]) -> Path:
    """Resolve an id (``coaching-conversation``) or a path to the rubric file."""
    text = os.fspath(rubric_id_or_path)
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        path = Path(text)
    else:
        path = rubrics_dir() / f"{text}.yaml"
    if not path.is_file():
        known = ", ".join(available_rubrics()) or "none"
        raise InputError(f"no rubric {text!r} (looked for {path}); available: {known}")
    return path.resolve()


def load_rubric(rubric_id_or_path: str | os.PathLike[str]) -> Rubric:
    """Load and validate a rubric by id (``rubrics/<id>.yaml``) or by path; cached per file version."""
    path = rubric_path(rubric_id_or_path)
    rubric = _load_cached(path, path.stat().st_mtime_ns)
    if path.parent == rubrics_dir().resolve() and rubric.id != path.stem:
        raise ConfigError(f"{path}, line 1, id: the id {rubric.id!r} must match the file name {path.stem!r}")
    return rubric
