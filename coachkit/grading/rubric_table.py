"""The rubric table: one row per criterion with level, points, comment and evidence, as HTML.

Shown under each scored cell of an autograded notebook, in nbgrader's feedback and in the
trainee's feedback summary. Every piece of trainee text (the evidence sentences, and the
comments, which quote them) is escaped: a reply containing ``<script>`` shows as text.
"""

from __future__ import annotations

from html import escape

from coachkit.rubrics import RubricResult

#: Evidence sentences shown per criterion (the rest are counted, not listed).
MAX_EVIDENCE = 4

STYLE = """
.ck-rubric{border-collapse:collapse;margin:.4em 0;font:14px/1.4 system-ui,sans-serif;max-width:60em}
.ck-rubric th,.ck-rubric td{border:1px solid #ccd;padding:.35em .5em;vertical-align:top;text-align:left}
.ck-rubric thead th{background:#eef1f6}
.ck-rubric .ck-lv{white-space:nowrap;font-weight:600}
.ck-rubric .ck-top{color:#1a6b2f}.ck-rubric .ck-mid{color:#8a5a00}.ck-rubric .ck-low{color:#a11}
.ck-rubric ul{margin:.2em 0 0 1.1em;padding:0}.ck-rubric li{margin:0}
.ck-ev-earned::before{content:"+ ";color:#1a6b2f}.ck-ev-cost::before{content:"− ";color:#a11}
.ck-ev-context::before{content:"· ";color:#666}
.ck-note{color:#555;font-size:90%}
""".strip()


def _level_class(points: float, max_points: float) -> str:
    if max_points and points >= max_points:
        return "ck-top"
    return "ck-mid" if points > 0 else "ck-low"


def rubric_table_html(
    result: RubricResult,
    *,
    heading: str,
    score: float | None = None,
    points: float | None = None,
    notes: tuple[str, ...] = (),
    with_style: bool = True,
) -> str:
    """Render one rubric result as an HTML table; ``score``/``points`` are the cell's credit."""
    rows = []
    for c in result.criteria:
        evidence = [e for e in c.evidence if e.effect != "context"][:MAX_EVIDENCE]
        more = len([e for e in c.evidence if e.effect != "context"]) - len(evidence)
        items = "".join(
            f'<li class="ck-ev-{e.effect}">{escape(e.text)} '
            f'<span class="ck-note">({escape(e.where())}: {escape(e.note)})</span></li>'
            for e in evidence
        )
        if more > 0:
            items += f'<li class="ck-note">… and {more} more</li>'
        level = "not rated" if not c.rated else c.level
        pts = "–" if not c.rated else f"{c.points:g} / {c.max_points:g}"
        rows.append(
            f"<tr><td>{escape(c.title)}</td>"
            f'<td class="ck-lv {_level_class(c.points, c.max_points) if c.rated else ""}">{escape(level)}</td>'
            f"<td>{pts}</td><td>{escape(c.comment)}{f'<ul>{items}</ul>' if items else ''}</td></tr>"
        )
    credit = ""
    if score is not None and points is not None:
        credit = f" — <b>{score:g} of {points:g} points</b>"
    note_html = "".join(f'<p class="ck-note">{escape(n)}</p>' for n in notes)
    style = f"<style>{STYLE}</style>" if with_style else ""
    return (
        f'{style}<div class="ck-rubric-block"><p><b>{escape(heading)}</b>{credit} '
        f'<span class="ck-note">(rubric “{escape(result.title)}”: {result.total:g} of {result.max_total:g})</span></p>'
        f"{note_html}"
        '<table class="ck-rubric"><thead><tr><th>Criterion</th><th>Level</th><th>Points</th>'
        f"<th>What we saw</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def message_html(heading: str, message: str, *, score: float, points: float) -> str:
    """A short boxed message (e.g. "no transcript was submitted") with the cell's credit."""
    return (
        f'<div class="ck-rubric-block"><p><b>{escape(heading)}</b> — <b>{score:g} of {points:g} points</b></p>'
        f"<p>{escape(message)}</p></div>"
    )
