"""The analyzer's directive figures on the kit's labelled written-coaching splits.

Shared by the benchmarks so that every figure quoted for ``test.csv`` (the held-out split of
the kit's first authors) and ``dev.csv`` (held out, by a writer whose phrasing the detector has
never read) is computed the same way: a reply counts as directive when any of its sentences is.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ("test", "dev")


@dataclass(frozen=True)
class DirectiveFigures:
    """Reply-level directive precision, recall and F1, and act accuracy, on one split."""

    replies: int
    precision: float
    recall: float
    f1: float
    act_accuracy: float


def directive_scores(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of (gold, predicted) directive flags."""
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), 2 * tp / max(2 * tp + fp + fn, 1)


def directive_figures(split: str, tier: str = "fast") -> DirectiveFigures:
    """Score every reply of ``datasets/coaching_replies/{split}.csv`` with the shipped model."""
    from coachkit.analyzer import analyze_many

    with (ROOT / "datasets" / "coaching_replies" / f"{split}.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    results = analyze_many([r["text"] for r in rows], [r["context"] for r in rows], tier=tier, with_readability=False)
    precision, recall, f1 = directive_scores([(r["directive"] == "true", a.directive) for r, a in zip(rows, results)])
    act_accuracy = sum(r["act"] == a.act for r, a in zip(rows, results)) / len(rows)
    return DirectiveFigures(len(rows), precision, recall, f1, act_accuracy)
