"""Reading scenario files, with errors that name the file, the line and the field.

PyYAML's composed node tree keeps the line of every key and value; the loader walks it once
to map each field path (``nodes → opening → responses → 0 → goto``) to a line, then
validates with the pydantic models of :mod:`coachkit.scenarios.schema` and checks what one
field cannot check alone (``goto`` and ``start`` name existing nodes, every node can be
reached). Every problem becomes one ``ConfigError`` listing all of them, so an educator can
fix a file in one pass.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from coachkit.errors import ConfigError, InputError
from coachkit.scenarios.schema import Scenario
from coachkit.workdir import safe_id

Path_ = tuple[str | int, ...]


def scenario_dir() -> Path:
    """The folder of shipped scenarios (``$COACHKIT_SIMULATIONS`` overrides it)."""
    env = os.environ.get("COACHKIT_SIMULATIONS", "").strip()
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "simulations"


def _marks(node: yaml.Node, path: Path_, out: dict[Path_, int], problems: list[str]) -> None:
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(f"line {key_node.start_mark.line + 1}: "
                                f"{_where(path + (key,))}: '{key}' is given twice")
            seen.add(key)
            out[path + (key,)] = key_node.start_mark.line + 1
            _marks(value_node, path + (key,), out, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _marks(item, path + (index,), out, problems)


def _where(path: Path_) -> str:
    return " → ".join(str(p) for p in path) if path else "(top level)"


def _line(path: Path_, marks: dict[Path_, int]) -> int:
    for end in range(len(path), -1, -1):
        if path[:end] in marks:
            return marks[path[:end]]
    return 1


def _pydantic_problems(exc: ValidationError, marks: dict[Path_, int]) -> list[str]:
    problems = []
    for error in exc.errors():
        # pydantic adds validator tags such as '[key]' or 'function-after[...]' to loc
        path = tuple(p for p in error["loc"] if isinstance(p, int) or "[" not in p)
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = f"unknown field '{path[-1]}' (check the spelling)"
        elif error["type"] == "missing":
            message = "this required field is missing"
        elif error["type"] == "literal_error":
            message = f"{message}; got {error.get('input')!r}"
        problems.append(f"line {_line(path, marks)}: {_where(path)}: {message}")
    return problems


def _graph_problems(scenario: Scenario, marks: dict[Path_, int]) -> list[str]:
    problems: list[str] = []
    known = ", ".join(scenario.nodes)
    if scenario.start is not None and scenario.start not in scenario.nodes:
        problems.append(f"line {_line(('start',), marks)}: start: unknown node "
                        f"'{scenario.start}' (nodes: {known})")
    reachable = {scenario.start_node}
    for name, node in scenario.nodes.items():
        for index, response in enumerate(node.responses):
            if response.goto is None:
                continue
            if response.goto not in scenario.nodes:
                path = ("nodes", name, "responses", index, "goto")
                problems.append(f"line {_line(path, marks)}: {_where(path)}: unknown node "
                                f"'{response.goto}' (nodes: {known})")
            reachable.add(response.goto)
    for name in scenario.nodes:
        if name not in reachable:
            path = ("nodes", name)
            problems.append(f"line {_line(path, marks)}: {_where(path)}: no response leads "
                            "to this node, so it can never be reached")
    return problems


def parse_scenario(text: str, *, source: str = "<scenario>") -> Scenario:
    """Validate the YAML text of a scenario; ``source`` names it in error messages."""
    problems: list[str] = []
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{source}{line}: this is not valid YAML: {reason}") from None
    if not isinstance(data, dict) or node is None:
        raise ConfigError(f"{source}, line 1: a scenario file is a mapping of fields "
                          "(id:, title:, ...)")
    marks: dict[Path_, int] = {}
    _marks(node, (), marks, problems)
    scenario = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, marks))
    if scenario is not None:
        problems.extend(_graph_problems(scenario, marks))
    if problems:
        listing = "\n  ".join(problems)
        plural = "s" if len(problems) > 1 else ""
        raise ConfigError(f"{source}: {len(problems)} problem{plural} in this scenario:\n"
                          f"  {listing}")
    return scenario


def load_scenario_file(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate one scenario file; its id must match the file name."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read the scenario file ({exc.strerror})") from None
    scenario = parse_scenario(text, source=str(file))
    if scenario.id != file.stem:
        raise ConfigError(f"{file}, line 1: id: '{scenario.id}' must match the file name "
                          f"('{file.stem}')")
    return scenario


@lru_cache(maxsize=64)
def _cached(path: str, mtime_ns: int) -> Scenario:
    return load_scenario_file(path)


def scenario_files(*, folder: str | os.PathLike[str] | None = None) -> list[Path]:
    """The scenario files in ``folder`` (default: :func:`scenario_dir`), sorted by name."""
    base = Path(folder) if folder is not None else scenario_dir()
    return sorted(p for p in base.glob("*.yaml") if not p.name.startswith("_"))


def load_scenario(scenario_id: str, *, folder: str | os.PathLike[str] | None = None) -> Scenario:
    """Load a scenario by id (the file name without ``.yaml``), or by path."""
    if scenario_id.endswith((".yaml", ".yml")) and Path(scenario_id).is_file():
        return load_scenario_file(scenario_id)
    ident = safe_id(scenario_id, what="scenario id")
    base = Path(folder) if folder is not None else scenario_dir()
    file = base / f"{ident}.yaml"
    if not file.is_file():
        known = ", ".join(p.stem for p in scenario_files(folder=base)) or "none"
        raise InputError(f"there is no scenario '{scenario_id}' (scenarios: {known})")
    return _cached(str(file), file.stat().st_mtime_ns)


def list_scenarios(*, folder: str | os.PathLike[str] | None = None) -> list[Scenario]:
    """Every scenario in ``folder``, validated (the first bad file raises)."""
    return [_cached(str(p), p.stat().st_mtime_ns) for p in scenario_files(folder=folder)]
