"""Applying a rubric: measure each criterion's feature, pick the level, explain it plainly.

``evaluate`` is the one function the debrief widget, the nbgrader partial-credit cells and
the cohort report all call, so the same work always gets the same levels and words.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from coachkit.errors import InputError
from coachkit.rubrics.features import FEATURES, Measurement
from coachkit.rubrics.loader import load_rubric
from coachkit.rubrics.result import CriterionResult, EvidenceRef, RubricResult
from coachkit.rubrics.spec import NOT_RATED, Criterion, Level, Rubric
from coachkit.rubrics.turn import Turn, as_turns

#: Longest quotation placed in a comment (the full sentence stays in the evidence).
QUOTE_CHARS = 110


def _quote(ref: EvidenceRef) -> str:
    text = " ".join(ref.text.split())
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{text}” ({ref.where()})"


def _comment(measurement: Measurement, level: Level, *, top: bool) -> str:
    parts = [measurement.summary, level.feedback.strip()]
    wanted = "earned" if top else "cost"
    example = next((e for e in measurement.evidence if e.effect == wanted), None)
    if example is not None:
        parts.append(("A good example: " if top else "For instance: ") + _quote(example) + ".")
    return " ".join(p for p in parts if p)


def _analysed(turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
    missing = [t for t in turns if t.analysis is None]
    if not missing:
        return turns
    try:
        from coachkit.analyzer import analyze_many
    except ImportError as exc:  # the analyzer package is not installed in this environment
        raise InputError(f"turns {[t.number for t in missing]} have no analysis and the analyzer is unavailable ({exc})") from exc
    analyses = iter(analyze_many([t.text for t in missing]))
    return tuple(t.with_analysis(next(analyses)) if t.analysis is None else t for t in turns)


def _rate(criterion: Criterion, turns: tuple[Turn, ...], profile_terms: Sequence[object]) -> CriterionResult:
    measurement = FEATURES[criterion.feature](turns, profile_terms=profile_terms, **criterion.params)
    if measurement.value is None:
        if criterion.when_undefined == NOT_RATED:
            return CriterionResult(
                criterion.id, criterion.title, "not rated", 0.0, 0.0, None, measurement.evidence,
                f"{measurement.summary} This criterion was not rated.", rated=False,
            )
        level = criterion.level_named(criterion.when_undefined)
    else:
        level = criterion.level_for(measurement.value)
    top = level.points == criterion.max_points
    return CriterionResult(
        criterion.id, criterion.title, level.name, level.points, criterion.max_points,
        None if measurement.value is None else round(measurement.value, 6),
        measurement.evidence, _comment(measurement, level, top=top),
    )


def _nothing_submitted(criterion: Criterion) -> CriterionResult:
    lowest = criterion.levels[-1]
    return CriterionResult(
        criterion.id, criterion.title, lowest.name, lowest.points, criterion.max_points, None, (),
        f"Nothing was submitted, so there is nothing to rate. {lowest.feedback.strip()}",
    )


def evaluate(
    rubric: Rubric | str | os.PathLike[str],
    turns: Iterable[Any],
    *,
    profile_terms: Sequence[object] = (),
) -> RubricResult:
    """Rate a trainee's coach turns (or goal text) against a rubric.

    ``turns`` may be ``Analysis`` objects, their dicts, transcript lines (student lines are
    skipped) or plain strings; strings are analysed on the fly when a criterion needs the
    analyzer's coding. ``profile_terms`` are words and numbers from the student's own data
    (topic names, scores), used by the "refers to the student's data" and SMART criteria.
    Empty work (no turn with any text) gets the lowest level on every criterion.
    """
    spec = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
    normalised = tuple(t for t in as_turns(turns) if t.text.strip())
    terms = tuple(profile_terms)
    if not normalised:
        criteria = tuple(_nothing_submitted(c) for c in spec.criteria)
    else:
        if spec.needs_analysis:
            normalised = _analysed(normalised)
        criteria = tuple(_rate(c, normalised, terms) for c in spec.criteria)
    return RubricResult(rubric_id=spec.id, title=spec.title, criteria=criteria)
