"""A frozen pydantic base whose validation failures are the kit's own errors.

Cohort parameters come from Python callers, the CLI and YAML files. Whatever the source, a
bad value must surface as an ``InputError`` that names the field and the value, so the CLI can
print one line and exit 2 instead of showing pydantic's multi-line report.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from coachkit.errors import InputError


def describe(exc: ValidationError) -> str:
    """One line per problem: ``field.path: message (got value)``, joined with '; '."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "config"
        message = err["msg"].removeprefix("Value error, ")
        got = err.get("input")
        shown = "" if isinstance(got, dict) else f" (got {got!r})"
        parts.append(f"{where}: {message}{shown}")
    return "; ".join(parts)


class Validated(BaseModel):
    """Immutable, strict-keyed model; invalid input raises ``InputError``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise InputError(f"invalid {type(self).__name__}: {describe(exc)}") from None

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Any:
        """As pydantic's, raising ``InputError``."""
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as exc:
            raise InputError(f"invalid {cls.__name__}: {describe(exc)}") from None
