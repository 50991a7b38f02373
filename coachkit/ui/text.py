"""Plain-text views for the terminal (``coachkit simulate``): feedback and debrief."""

from __future__ import annotations

import textwrap

from coachkit.analyzer.analysis import Analysis
from coachkit.scenarios.debrief import Debrief
from coachkit.ui.labels import OUTCOME_WORDS, act_words, sentence_call


def _wrap(text: str, indent: str, first: str | None = None) -> str:
    return textwrap.fill(text, width=88, initial_indent=indent if first is None else first,
                         subsequent_indent=indent)


def feedback_text(analysis: Analysis) -> str:
    """Per-sentence feedback: the call (icon + words), the cue, and a suggested rewrite."""
    lines = [f"  Feedback (inquiry index {analysis.inquiry_index:+.2f}, from -1 telling to "
             "+1 inviting):"]
    for sentence in analysis.sentences:
        _, icon, label, _ = sentence_call(sentence)
        lines.append(_wrap(f"{icon} {label.upper()} ({act_words(sentence.act)}): "
                           f"\u201c{sentence.text}\u201d", "    "))
        for evidence in sentence.evidence:
            lines.append(_wrap(f"cue \u201c{evidence.text}\u201d: {evidence.explanation}",
                               "        "))
        if sentence.suggestion:
            lines.append(_wrap(f"try instead: \u201c{sentence.suggestion}\u201d", "        "))
    return "\n".join(lines)


def debrief_text(debrief: Debrief) -> str:
    """The end-of-scenario debrief as text."""
    summary = debrief.summary
    out = [f"=== Debrief: {debrief.title} ===", f"Skill: {debrief.skill}"]
    if summary.outcome:
        out.append(OUTCOME_WORDS.get(summary.outcome, summary.outcome))
    if summary.ending_note:
        out.append(_wrap(summary.ending_note, ""))
    indices = ", ".join(f"{v:+.2f}" for v in summary.inquiry_indices) or "none"
    out.append(f"Inquiry index per reply: {indices} (mean {summary.mean_inquiry:+.2f}); "
               f"directive replies: {summary.directive_count} of {len(summary.replies)}.")
    if debrief.rubric is not None:
        rubric = debrief.rubric
        out.append(f"\nRubric \u201c{rubric.title}\u201d: {rubric.total:g} of "
                   f"{rubric.max_total:g} points")
        for criterion in rubric.criteria:
            out.append(f"  - {criterion.title}: {criterion.level} "
                       f"({criterion.points:g}/{criterion.max_points:g})")
            out.append(_wrap(criterion.comment, "      "))
    out.append("\nPoints to take away:")
    out.extend(_wrap(point, "    ", first="  - ") for point in debrief.points)
    return "\n".join(out)
