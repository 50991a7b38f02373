"""The cohort report: one self-contained HTML page, and the gradebook as CSV.

For the facilitator after a round of grading: who needs attention and why, each trainee's
inquiry index module by module, the change from their first to their latest module, a heat
map of the rubric criteria across the cohort, and the scores per assignment. Plots are PNG
images embedded in the page (no files to keep together, nothing fetched).

Reasons a trainee is flagged (``ATTENTION`` thresholds are data, listed in the report):
a problem found while collecting or grading (damaged or empty work, missing transcript,
late), an overall score under half the points, an inquiry index that fell from the first to
the latest module, replies that lean directive in the latest module, the lowest level on at
least half the rubric criteria, or a transcript that belongs to someone else.
"""

from __future__ import annotations

import base64
import csv
import io
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from coachkit.grading.course import Course
from coachkit.grading.gradebook_view import SubmissionRow, read_gradebook
from coachkit.grading.outcome import read_steps
from coachkit.grading.records import assignment_records

#: Thresholds for "needs attention".
ATTENTION = {
    "min_score_share": 0.5,      # overall score below this share of the points available
    "inquiry_drop": 0.2,         # inquiry index fell at least this much, first to latest module
    "directive_latest": 0.0,     # latest module's mean inquiry index below this
    "lowest_level_share": 0.5,   # lowest level on at least this share of rated criteria
}
REPORT_FILE = "cohort-report.html"
CSV_FILE = "grades.csv"


@dataclass
class CohortData:
    """Everything the report shows, gathered once from the gradebook and autograded work."""

    course_id: str
    assignments: list[str]
    trainees: list[str]
    submissions: dict[tuple[str, str], SubmissionRow]
    max_scores: dict[str, float]
    records: dict[str, dict[str, list[dict[str, Any]]]]
    step_problems: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_trainee: dict[str, list[SubmissionRow]] = defaultdict(list)
        for (trainee, _), row in self.submissions.items():
            self._by_trainee[trainee].append(row)

    # --- derived measures -------------------------------------------------------------------
    def inquiry(self, trainee: str) -> dict[str, float]:
        """Assignment -> mean inquiry index of the trainee's rated replies and conversations."""
        out = {}
        for assignment in self.assignments:
            values = [p["inquiry_index"] for p in self.records.get(assignment, {}).get(trainee, [])
                      if p.get("inquiry_index") is not None]
            if values:
                out[assignment] = sum(values) / len(values)
        return out

    def criteria(self) -> list[tuple[str, str]]:
        """(key, title) of every rubric criterion seen, in first-seen order."""
        seen: dict[str, str] = {}
        for assignment in self.assignments:
            for payloads in self.records.get(assignment, {}).values():
                for p in payloads:
                    rubric = p.get("rubric")
                    for c in (rubric or {}).get("criteria", []):
                        seen.setdefault(f"{rubric['rubric_id']}/{c['criterion_id']}", c["title"])
        return list(seen.items())

    def criterion_shares(self, trainee: str) -> dict[str, float]:
        """Criterion key -> mean share of its points the trainee earned (rated criteria only)."""
        sums: dict[str, list[float]] = defaultdict(list)
        for assignment in self.assignments:
            for p in self.records.get(assignment, {}).get(trainee, []):
                rubric = p.get("rubric")
                for c in (rubric or {}).get("criteria", []):
                    if c.get("rated", True) and c["max_points"]:
                        sums[f"{rubric['rubric_id']}/{c['criterion_id']}"].append(c["points"] / c["max_points"])
        return {k: sum(v) / len(v) for k, v in sums.items()}

    def score_share(self, trainee: str) -> float | None:
        """Points earned over points available in the assignments the trainee handed in."""
        rows = self._by_trainee.get(trainee, [])
        total = sum(r.max_score for r in rows)
        return sum(r.score for r in rows) / total if total else None

    def attention(self, trainee: str) -> list[str]:
        """Plain reasons this trainee needs the facilitator's attention (empty when none)."""
        reasons = list(self.step_problems.get(trainee, []))
        share = self.score_share(trainee)
        if share is not None and share < ATTENTION["min_score_share"]:
            reasons.append(f"overall score {share:.0%} of the points available")
        inquiry = self.inquiry(trainee)
        if len(inquiry) >= 2:
            first, last = list(inquiry.values())[0], list(inquiry.values())[-1]
            if first - last >= ATTENTION["inquiry_drop"]:
                reasons.append(f"inquiry index fell from {first:+.2f} to {last:+.2f}")
        if inquiry and list(inquiry.values())[-1] < ATTENTION["directive_latest"]:
            reasons.append(f"replies lean directive in {list(inquiry)[-1]} (inquiry index {list(inquiry.values())[-1]:+.2f})")
        lowest = rated = 0
        for assignment in self.assignments:
            for p in self.records.get(assignment, {}).get(trainee, []):
                for c in (p.get("rubric") or {}).get("criteria", []):
                    if c.get("rated", True):
                        rated += 1
                        lowest += c["points"] == 0
                if p.get("transcript_trainee") and p["transcript_trainee"] != trainee:
                    reasons.append(f"the transcript in {assignment} was recorded by {p['transcript_trainee']}")
        if rated and lowest / rated >= ATTENTION["lowest_level_share"]:
            reasons.append(f"lowest level on {lowest} of {rated} rubric criteria")
        return list(dict.fromkeys(reasons))


def _course_order(course: Course, names: list[str]) -> list[str]:
    order: list[str] = []
    blueprint = course.root / "assignments.yaml"
    if blueprint.exists():
        import yaml

        data = yaml.safe_load(blueprint.read_text(encoding="utf-8")) or {}
        order = [a.get("id") for a in data.get("assignments", []) if isinstance(a, dict)]
    rank = {name: i for i, name in enumerate(order)}
    return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))


def gather(course: Course) -> CohortData:
    """Read the gradebook (read-only), the scored cells and the latest step reports."""
    maxima, rows, trainees = read_gradebook(course.gradebook_path)
    assignments = _course_order(course, [a for a in maxima if a in set(course.assignments()) | set(maxima)])
    problems: dict[str, list[str]] = defaultdict(list)
    for step in read_steps(course):
        for trainee, messages in step.get("problems", {}).items():
            if trainee != "(course)":
                problems[trainee].extend(f"{step['assignment_id']}: {m}" for m in messages)
    course_id = str(course.config().CourseDirectory.get("course_id", ""))
    return CohortData(
        course_id=course_id,
        assignments=assignments,
        trainees=sorted(set(trainees) | {r.trainee_id for r in rows} | set(problems)),
        submissions={(r.trainee_id, r.assignment_id): r for r in rows},
        max_scores={a: m for a, (_, m) in maxima.items()},
        records={a: assignment_records(course, a) for a in assignments},
        step_problems={t: list(dict.fromkeys(m)) for t, m in problems.items()},
    )


# --- plots ----------------------------------------------------------------------------------


def _png(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _inquiry_plot(data: CohortData, inquiry: dict[str, dict[str, float]]) -> str | None:
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    xs = {a: i for i, a in enumerate(data.assignments)}
    lines = [[(xs[a], v) for a, v in values.items()] for values in inquiry.values() if values]
    if not lines:
        return None
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    ax.add_collection(LineCollection([ln for ln in lines if len(ln) > 1], colors="#8899aa",
                                     alpha=max(0.05, min(0.6, 8 / max(len(lines), 1))), linewidths=1))
    singles = [p for ln in lines if len(ln) == 1 for p in ln]
    if singles:
        ax.scatter([p[0] for p in singles], [p[1] for p in singles], s=6, color="#8899aa", alpha=0.5)
    means = []
    for a in data.assignments:
        vals = [v[a] for v in inquiry.values() if a in v]
        means.append(sum(vals) / len(vals) if vals else math.nan)
    ax.plot(range(len(means)), means, color="#1f4e99", marker="o", linewidth=2.5, label="cohort mean")
    ax.axhline(0, color="#999", linewidth=0.8, linestyle="--")
    ax.set_xticks(range(len(data.assignments)), data.assignments, rotation=15, ha="right")
    ax.set_xlim(-0.3, max(len(data.assignments) - 0.7, 0.3))
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("inquiry index (−1 telling … +1 inquiring)")
    ax.set_title("Inquiry index per module (one grey line per trainee)")
    ax.legend(loc="lower right")
    return _png(fig)


def _pre_post_plot(pairs: dict[str, tuple[float, float]]) -> str | None:
    import matplotlib.pyplot as plt

    if not pairs:
        return None
    pre = [p[0] for p in pairs.values()]
    post = [p[1] for p in pairs.values()]
    colors = ["#1a7f37" if b > a else ("#b42318" if b < a else "#667") for a, b in zip(pre, post)]
    fig, ax = plt.subplots(figsize=(4.6, 4.4))
    ax.scatter(pre, post, c=colors, s=14, alpha=0.75)
    ax.plot([-1, 1], [-1, 1], color="#999", linewidth=0.8, linestyle="--")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("first module (pre)")
    ax.set_ylabel("latest module (post)")
    up = sum(b > a for a, b in zip(pre, post))
    ax.set_title(f"Pre → post inquiry index: {up} of {len(pairs)} improved")
    return _png(fig)


def _heatmap(data: CohortData, order: list[str]) -> str | None:
    import matplotlib.pyplot as plt
    import numpy as np

    criteria = data.criteria()
    if not criteria or not order:
        return None
    shares = {t: data.criterion_shares(t) for t in order}
    grid = np.array([[shares[t].get(key, np.nan) for t in order] for key, _ in criteria], dtype=float)
    width = min(14.0, 4 + 0.22 * len(order))
    fig, ax = plt.subplots(figsize=(width, 1.2 + 0.36 * len(criteria)))
    cmap = plt.get_cmap("RdYlGn").with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    ax.set_yticks(range(len(criteria)), [f"{title} ({key.split('/')[0]})" for key, title in criteria])
    if len(order) <= 60:
        ax.set_xticks(range(len(order)), order, rotation=90, fontsize=7)
    else:
        ax.set_xticks([])
        ax.set_xlabel(f"{len(order)} trainees, lowest total first")
    fig.colorbar(image, ax=ax, fraction=0.025, pad=0.01, label="share of points")
    ax.set_title("Rubric criteria across the cohort (grey: not rated)")
    return _png(fig)


# --- page -----------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:72em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccd;padding:.25em .5em;text-align:left;vertical-align:top}
thead th{background:#eef1f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#666;font-size:90%}img{max-width:100%}.flag{color:#b42318}
"""


def _img(b64: str | None, alt: str) -> str:
    if b64 is None:
        return f'<p class="muted">No data yet for: {escape(alt)}.</p>'
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{b64}">'


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def render(data: CohortData) -> str:
    """The report page for ``data``."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    inquiry = {t: data.inquiry(t) for t in data.trainees}
    pairs = {t: (list(v.values())[0], list(v.values())[-1]) for t, v in inquiry.items() if len(v) >= 2}
    shares = {t: data.score_share(t) for t in data.trainees}
    order = sorted((t for t in data.trainees if shares[t] is not None), key=lambda t: (shares[t], t))
    attention = {t: data.attention(t) for t in data.trainees}
    flagged = sorted((t for t in data.trainees if attention[t]), key=lambda t: (-len(attention[t]), t))

    rows_att = "".join(
        f"<tr><td>{escape(t)}</td><td>{'<br>'.join(escape(r) for r in attention[t])}</td></tr>" for t in flagged
    ) or '<tr><td colspan="2">Nobody: every trainee is on track.</td></tr>'
    rows_asg = []
    for a in data.assignments:
        subs = [r for (t, x), r in data.submissions.items() if x == a]
        pcts = sorted(r.score / r.max_score for r in subs if r.max_score)
        median = pcts[len(pcts) // 2] if pcts else None
        rows_asg.append(
            f"<tr><td>{escape(a)}</td><td class=n>{len(subs)}</td><td class=n>{data.max_scores.get(a, 0):g}</td>"
            f"<td class=n>{_pct(sum(pcts) / len(pcts) if pcts else None)}</td><td class=n>{_pct(median)}</td>"
            f"<td class=n>{sum(1 for r in subs if r.seconds_late > 0)}</td>"
            f"<td class=n>{sum(1 for r in subs if r.pending_manual)}</td></tr>"
        )
    head = "".join(f"<th>{escape(a)}</th>" for a in data.assignments)
    rows_tr = []
    for t in data.trainees:
        cells = []
        for a in data.assignments:
            r = data.submissions.get((t, a))
            cells.append(f"<td class=n>{'–' if r is None else f'{r.score:g}/{r.max_score:g}'}</td>")
        pre_post = pairs.get(t)
        change = "–" if pre_post is None else f"{pre_post[0]:+.2f} → {pre_post[1]:+.2f}"
        flag = f'<span class="flag">{len(attention[t])}</span>' if attention[t] else ""
        rows_tr.append(f"<tr><td>{escape(t)}</td>{''.join(cells)}<td class=n>{_pct(shares[t])}</td>"
                       f"<td class=n>{change}</td><td class=n>{flag}</td></tr>")
    thresholds = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in ATTENTION.items())
    pending = sum(1 for r in data.submissions.values() if r.pending_manual)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cohort report {escape(data.course_id)}</title>
<style>{_CSS}</style></head><body>
<h1>Cohort report{': ' + escape(data.course_id) if data.course_id else ''}</h1>
<p>{len(data.trainees)} trainees · {len(data.assignments)} assignments · {len(data.submissions)} submissions ·
{len(flagged)} need attention · {pending} waiting for manual grading.
<span class="muted">Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.</span></p>
<h2>Who needs attention</h2>
<table><thead><tr><th>Trainee</th><th>Why</th></tr></thead><tbody>{rows_att}</tbody></table>
<p class="muted">Flagged for: problems found while collecting or grading; {escape(thresholds)}.</p>
<h2>Inquiry index per module</h2>
{_img(_inquiry_plot(data, inquiry), "inquiry index per module")}
<p class="muted">Mean analyzer inquiry index of each trainee's rated replies and practice conversations in each assignment.</p>
<h2>Change from the first to the latest module</h2>
{_img(_pre_post_plot(pairs), "pre/post change")}
<h2>Rubric criteria across the cohort</h2>
{_img(_heatmap(data, order), "rubric heat map")}
<h2>Assignments</h2>
<table><thead><tr><th>Assignment</th><th>Submissions</th><th>Points</th><th>Mean</th><th>Median</th><th>Late</th>
<th>Manual grading pending</th></tr></thead><tbody>{''.join(rows_asg)}</tbody></table>
<h2>Every trainee</h2>
<table><thead><tr><th>Trainee</th>{head}<th>Overall</th><th>Inquiry pre → post</th><th>Flags</th></tr></thead>
<tbody>{''.join(rows_tr)}</tbody></table>
</body></html>
"""


def write_report(course: Course, *, out: str | os.PathLike[str] | None = None) -> Path:
    """Write the cohort report (default ``reports/cohort-report.html``) and return its path."""
    path = Path(out) if out else course.reports / REPORT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    html = render(gather(course))
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path


#: Columns of nbgrader's own CSV export (``nbgrader export``), kept for compatibility.
CSV_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
               "raw_score", "late_submission_penalty", "score", "max_score"]


def export_grades(course: Course, *, out: str | os.PathLike[str] | None = None) -> Path:
    """Write the gradebook as CSV with nbgrader's export columns, one row per trainee and assignment.

    Trainees without a submission get a row with score 0, as in ``nbgrader export``.
    """
    path = Path(out) if out else course.reports / CSV_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    maxima, rows, trainees = read_gradebook(course.gradebook_path)
    by_key = {(r.trainee_id, r.assignment_id): r for r in rows}
    order = _course_order(course, list(maxima))
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for assignment in order:
            due, max_score = maxima[assignment]
            for trainee in trainees:
                r = by_key.get((trainee, assignment))
                first, last, email = trainees[trainee]
                writer.writerow([assignment, due or "", (r.timestamp if r and r.timestamp else ""), trainee, last,
                                 first, email, f"{r.raw_score:g}" if r else 0, f"{r.late_penalty:g}" if r else 0,
                                 f"{r.score:g}" if r else 0, f"{max_score:g}"])
    tmp.replace(path)
    return path
