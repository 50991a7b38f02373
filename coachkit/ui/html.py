"""HTML fragments for the widgets. Every piece of text is escaped before it is shown.

Trainee replies are untrusted, and so is everything derived from them (sentences, cues,
suggested rewrites); the simulated person's lines and scenario text are escaped too, so a
scenario file cannot inject markup either. Structure comes only from this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING

from coachkit.ui.labels import OUTCOME_WORDS, act_words, sentence_call

if TYPE_CHECKING:  # annotations only: the home page's widgets do not need the analyzer
    from coachkit.analyzer.analysis import Analysis, SentenceAnalysis
    from coachkit.scenarios.debrief import AttemptSummary, Debrief
    from coachkit.scenarios.transcript import TranscriptTurn


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The ``<style>`` element of the kit's widgets (``coachkit/ui/theme.css``)."""
    css = resources.files("coachkit.ui").joinpath("theme.css").read_text(encoding="utf-8")
    return f"<style>{css}</style>"


def _highlighted(sentence: SentenceAnalysis, text: str) -> str:
    """The sentence with its evidence spans marked (offsets are into the whole reply)."""
    spans = sorted((e.start, e.end, e.explanation) for e in sentence.evidence
                   if sentence.start <= e.start < e.end <= sentence.end)
    out, position = [], sentence.start
    for start, end, why in spans:
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(f'<mark class="ck-cue" title="{escape(why)}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:sentence.end]))
    return "".join(out)


def note_html(text: str) -> str:
    """A kind message to the trainee (a refused reply, a problem), announced to screen readers."""
    return f'<div class="ck-note" role="alert">{escape(text)}</div>' if text else ""


def index_bar(value: float) -> str:
    """A small scale from -1 (telling) to +1 (inviting) with the value marked."""
    left = max(0.0, min(100.0, (value + 1) * 50))
    return (f'<span class="ck-index-bar" role="img" aria-label="inquiry index {value:+.2f}">'
            f'<span class="ck-index-mark" style="left:calc({left:.0f}% - 2px)"></span></span>')


def feedback_html(analysis: Analysis) -> str:
    """Sentence-by-sentence feedback: the call, the cue that drove it, a suggested rewrite."""
    items = []
    for sentence in analysis.sentences:
        kind, icon, label, explanation = sentence_call(sentence)
        cues = "".join(
            f'<div class="ck-why">Cue \u201c{escape(e.text)}\u201d: {escape(e.explanation)}</div>'
            for e in sentence.evidence
        )
        suggestion = (f'<div class="ck-suggest">Try instead: \u201c{escape(sentence.suggestion)}'
                      f'\u201d</div>' if sentence.suggestion else "")
        items.append(
            f'<li class="ck-sentence ck-{kind}" title="{escape(explanation)}">'
            f'<span class="ck-call"><span class="ck-icon" aria-hidden="true">{icon}</span> '
            f'{escape(label)}</span> <span class="ck-act">({escape(act_words(sentence.act))})'
            f'</span><blockquote>{_highlighted(sentence, analysis.text)}</blockquote>'
            f"{cues}{suggestion}</li>"
        )
    return (f'<div class="ck-feedback-view"><div>Your reply, sentence by sentence. '
            f"Inquiry index {analysis.inquiry_index:+.2f} {index_bar(analysis.inquiry_index)}"
            f' <small>(\u22121 = telling, +1 = inviting)</small></div>'
            f'<ol style="padding-left:0">{"".join(items)}</ol></div>')


def chat_html(turns: Sequence[TranscriptTurn], *, trainee_role: str, other_name: str) -> str:
    """The conversation as chat bubbles; ``.ck-msg-student`` / ``.ck-msg-coach`` by speaker."""
    bubbles = []
    for turn in turns:
        if turn.speaker == "system":
            if turn.turn == 1:
                continue
            bubbles.append(f'<div class="ck-msg ck-msg-system">{escape(turn.text)}</div>')
            continue
        who = "You" if turn.speaker == trainee_role else other_name
        bubbles.append(f'<div class="ck-msg ck-msg-{turn.speaker}"><span class="ck-who">'
                       f"{escape(who)}</span>{escape(turn.text)}</div>")
    return (f'<div class="ck-chat-scroll"><div class="ck-chat-log">{"".join(bubbles)}</div>'
            "</div>")


def scenario_intro_html(*, title: str, skill: str, setting: str, objectives: Sequence[str],
                        role: str) -> str:
    """What the trainee reads before the first reply."""
    aims = "".join(f"<li>{escape(o)}</li>" for o in objectives)
    part = "the student; the coach is simulated" if role == "student" else "the coach"
    return (f"<h3>{escape(title)}</h3><p><b>Skill:</b> {escape(skill)}. "
            f"<b>You play</b> {part}.</p><p>{escape(setting)}</p>"
            f"<details><summary>What to aim for</summary><ul>{aims}</ul></details>")


def debrief_html(debrief: Debrief) -> str:
    """The end-of-scenario debrief: outcome, the rubric per criterion, points to take away."""
    summary = debrief.summary
    parts = [f'<div class="ck-debrief"><h3>Debrief: {escape(debrief.title)}</h3>']
    if summary.outcome:
        parts.append(f"<p><b>{escape(OUTCOME_WORDS.get(summary.outcome, summary.outcome))}"
                     f"</b> {escape(summary.ending_note or '')}</p>")
    parts.append(f"<p>Average inquiry index {summary.mean_inquiry:+.2f} "
                 f"{index_bar(summary.mean_inquiry)}; {summary.directive_count} of "
                 f"{len(summary.replies)} replies told or directed.</p>")
    if debrief.rubric is not None:
        rubric = debrief.rubric
        parts.append(f"<h4>{escape(rubric.title)}: {rubric.total:g} of {rubric.max_total:g} "
                     "points</h4>")
        for c in rubric.criteria:
            parts.append(f'<div class="ck-criterion"><b>{escape(c.title)}</b>: '
                         f'<span class="ck-level">{escape(c.level)}</span> '
                         f"({c.points:g}/{c.max_points:g})<br>{escape(c.comment)}</div>")
    points = "".join(f"<li>{escape(p)}</li>" for p in debrief.points)
    parts.append(f"<h4>Points to take away</h4><ul>{points}</ul></div>")
    return "".join(parts)


def comparison_html(attempts: Sequence[AttemptSummary]) -> str:
    """Attempts side by side: each reply with its call, the outcome and the mean index."""
    columns = []
    for attempt in attempts:
        rows = []
        for r in attempt.replies:
            kind, icon, _, _ = sentence_call(r)
            rows.append(f'<li class="ck-sentence ck-{kind}">{icon} {escape(r.text)} '
                        f"<small>({r.inquiry_index:+.2f}, {escape(act_words(r.act))})</small></li>")
        outcome = OUTCOME_WORDS.get(attempt.outcome or "", "Not finished yet.")
        columns.append(f'<div class="ck-attempt"><h4>Attempt {attempt.attempt}</h4>'
                       f"<p>{escape(outcome)} Average inquiry index "
                       f'{attempt.mean_inquiry:+.2f}.</p><ol style="padding-left:0">{"".join(rows)}</ol></div>')
    return f'<div class="ck-compare">{"".join(columns)}</div>'
