"""A coach turn as the rubric engine sees it: its number, its text and (maybe) its analysis.

Callers hand the engine whatever they have: ``Analysis`` objects, their ``to_dict()`` form,
transcript lines (only coach lines are kept, numbered by the transcript's own ``turn``), or
bare strings (a written reply, an ILP goal). ``as_turns`` turns all of these into one shape
so feature extractors never care where a reply came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from coachkit.analyzer.analysis import Analysis
from coachkit.errors import InputError


@dataclass(frozen=True)
class Turn:
    """One coach reply. ``number`` is the transcript turn when known, else its 1-based position."""

    number: int
    text: str
    analysis: Analysis | None = None

    def with_analysis(self, analysis: Analysis) -> "Turn":
        """Return the same turn carrying ``analysis`` (for text-only turns analysed late)."""
        return replace(self, analysis=analysis)


def _from_mapping(item: Mapping[str, Any], position: int) -> Turn | None:
    if "speaker" in item:  # a transcript line
        if item.get("speaker") != "coach":
            return None
        raw = item.get("analysis")
        analysis = Analysis.from_dict(raw) if raw else None
        number = int(item.get("turn", position))
        return Turn(number=number, text=str(item.get("text", "")), analysis=analysis)
    if "mi_code" in item and "sentences" in item:  # Analysis.to_dict()
        analysis = Analysis.from_dict(dict(item))
        return Turn(number=position, text=analysis.text, analysis=analysis)
    raise InputError(
        f"turn {position}: expected an Analysis, its dict, a transcript line or a string, "
        f"got a mapping with keys {sorted(item)[:8]}"
    )


def as_turns(turns: Iterable[Any]) -> tuple[Turn, ...]:
    """Normalise the caller's turns; student and system transcript lines are dropped."""
    if isinstance(turns, (str, Analysis, Mapping)):
        turns = [turns]
    out: list[Turn] = []
    for position, item in enumerate(turns, start=1):
        if isinstance(item, Turn):
            out.append(item)
        elif isinstance(item, Analysis):
            out.append(Turn(number=position, text=item.text, analysis=item))
        elif isinstance(item, str):
            out.append(Turn(number=position, text=item))
        elif isinstance(item, Mapping):
            try:
                turn = _from_mapping(item, position)
            except (TypeError, KeyError) as exc:
                raise InputError(f"turn {position}: malformed analysis ({exc})") from exc
            if turn is not None:
                out.append(turn)
        else:
            raise InputError(
                f"turn {position}: expected an Analysis, its dict, a transcript line or a "
                f"string, got {type(item).__name__}"
            )
    return tuple(out)
