"""The student dashboard figure: what a coach puts on the table in a meeting.

Six panels, each titled with what to look at: block exams against the cohort's percentile
bands, practice exams and the board projection, confidence next to accuracy per topic
(calibration), the study mix over time, wellbeing, and the learning-plan goals. Plain
labels, large type, and the Okabe-Ito palette, which stays distinguishable with the common
colour-vision deficiencies; status is also shown by symbol and word, never colour alone.

Figures are made with ``matplotlib.figure.Figure`` on the Agg canvas: no pyplot, no global
state, safe in a server and inside widgets (pass ``ax`` to draw one panel into your axes).
"""

from __future__ import annotations

import math
import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from coachkit.cohort.coaching import FOCUS, describe_target, describe_value, ordinal
from coachkit.cohort.profile import trend_word
from coachkit.errors import InputError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from coachkit.cohort.cohort import Cohort

#: panel names in reading order
PANELS: tuple[str, ...] = ("scores", "practice", "calibration", "study", "wellbeing", "goals")

#: Okabe-Ito colours (colour-blind safe)
COLORS: dict[str, str] = {
    "student": "#0072B2",  # blue
    "accuracy": "#0072B2",
    "confidence": "#D55E00",  # vermillion
    "pass": "#D55E00",
    "rereading": "#E69F00",  # orange
    "retrieval": "#56B4E9",  # sky blue
    "qbank": "#009E73",  # bluish green
    "stress": "#D55E00",
    "sleep": "#0072B2",
    "event": "#CC79A7",  # reddish purple
    "band_outer": "#E4E4E4",
    "band_inner": "#C4C4C4",
    "median": "#555555",
    "text": "#222222",
}
_STATUS_STYLE: dict[str, tuple[str, str]] = {  # status -> (symbol, colour)
    "achieved": ("\u2714", "#009E73"),
    "partly achieved": ("\u25D0", "#B07A00"),
    "not achieved": ("\u2716", "#D55E00"),
    "in progress": ("\u25CB", "#0072B2"),
}
_RC: dict[str, Any] = {
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#E8E8E8",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "text.color": COLORS["text"],
    "axes.labelcolor": COLORS["text"],
}


def _title(ax: Axes, headline: str, message: str) -> None:
    """The message (what to look at) as the bold title, the panel's name small above it."""
    wrapped = textwrap.fill(message, 54)
    ax.set_title(wrapped, loc="left", fontsize=14.5, fontweight="bold", pad=8)
    lines = wrapped.count("\n") + 1
    ax.annotate(headline.upper(), xy=(0, 1), xycoords="axes fraction",
                xytext=(0, 14 + 19 * lines),
                textcoords="offset points", fontsize=11, color="#666666", va="bottom",
                ha="left", annotation_clip=False)


def _bands(ax: Axes, x: np.ndarray, table: Any, key: str) -> None:
    """Cohort 10-90 and 25-75 percentile bands and the median of ``table.score`` by ``key``."""
    q = table.groupby(key)["score"].quantile([0.1, 0.25, 0.5, 0.75, 0.9]).unstack()
    q = q.reindex(x)
    ax.fill_between(x, q[0.1], q[0.9], color=COLORS["band_outer"], lw=0,
                    label="cohort: middle 80%")
    ax.fill_between(x, q[0.25], q[0.75], color=COLORS["band_inner"], lw=0,
                    label="cohort: middle 50%")
    ax.plot(x, q[0.5], color=COLORS["median"], lw=1.5, ls="--", label="cohort median")


def _panel_scores(ax: Axes, cohort: Cohort, sid: str) -> None:
    exams = cohort.exams
    mine = exams[exams["student_id"] == sid].sort_values("block")
    x = mine["block"].to_numpy()
    _bands(ax, x, exams, "block")
    pass_mark = cohort.config.effects.block_pass_mark
    ax.axhline(pass_mark, color=COLORS["pass"], lw=1.5, ls=":")
    ax.text(x[-1] + 0.45, pass_mark, f"pass\n{pass_mark:.0f}%", color=COLORS["pass"],
            va="center", ha="left", fontsize=11)
    ax.plot(x, mine["score"], color=COLORS["student"], lw=3, marker="o", ms=8,
            label="this student", zorder=5)
    for xi, yi in zip(x, mine["score"], strict=True):
        ax.annotate(f"{yi:.0f}", (xi, yi), textcoords="offset points", xytext=(0, 9),
                    ha="center", fontsize=11, color=COLORS["student"], fontweight="bold")
    labels = [lab.split(" & ")[0] for lab in mine["block_label"]]
    ax.set_xticks(x, labels, rotation=35, ha="right", rotation_mode="anchor")
    ax.set_xlim(x[0] - 0.4, x[-1] + 0.4)
    low = min(float(mine["score"].min()), float(exams["score"].quantile(0.05)), pass_mark)
    high = max(float(mine["score"].max()), float(exams["score"].quantile(0.95)))
    ax.set_ylim(max(0, low - 5), min(100, high + 14))  # headroom for the legend
    ax.set_ylabel("Score (%)")
    ax.legend(loc="upper right", ncol=2, fontsize=11)
    pct = mine["cohort_percentile"].to_numpy(dtype=float)
    latest = mine.iloc[-1]
    span = max(1, min(3, len(pct) // 2))
    p1, p2 = pct[:span].mean(), pct[-span:].mean()
    if latest["score"] < pass_mark:
        message = f"Latest exam {latest['score']:.0f}%, below the {pass_mark:.0f}% pass mark"
    elif p2 - p1 <= -15:
        message = f"Fell from the {ordinal(p1)} to the {ordinal(p2)} percentile of the cohort"
    elif p2 - p1 >= 15:
        message = f"Climbed from the {ordinal(p1)} to the {ordinal(p2)} percentile"
    else:
        message = f"Steady, around the {ordinal(pct.mean())} percentile of the cohort"
    _title(ax, "Block exams against the cohort", message)


def _panel_practice(ax: Axes, cohort: Cohort, sid: str) -> None:
    pe = cohort.practice_exams
    mine = pe[pe["student_id"] == sid].sort_values("attempt")
    if mine.empty:
        ax.text(0.5, 0.5, "No practice exams yet", ha="center", va="center",
                transform=ax.transAxes)
        _title(ax, "Practice exams", "None taken yet")
        return
    x = mine["attempt"].to_numpy()
    _bands(ax, x, pe, "attempt")
    board = cohort.config.effects.board_pass_mark
    ax.axhline(board, color=COLORS["pass"], lw=1.5, ls=":")
    ax.text(x[-1] + 0.3, board, f"board pass\nstandard {board:.0f}%", color=COLORS["pass"],
            va="center", ha="left", fontsize=11)
    ax.plot(x, mine["score"], color=COLORS["student"], lw=3, marker="s", ms=8, zorder=5,
            label="this student")
    for xi, yi in zip(x, mine["score"], strict=True):
        ax.annotate(f"{yi:.0f}", (xi, yi), textcoords="offset points", xytext=(0, 9),
                    ha="center", fontsize=11, color=COLORS["student"], fontweight="bold")
    weeks = mine["week"].to_numpy()
    ax.set_xticks(x, [f"#{a}\nweek {w}" for a, w in zip(x, weeks, strict=True)])
    ax.set_xlim(x[0] - 0.3, x[-1] + 1.4)
    lo = min(float(mine["score"].min()), float(pe["score"].quantile(0.05)), board)
    ax.set_ylim(max(0, lo - 6), min(100, float(pe["score"].quantile(0.97)) + 6))
    ax.set_ylabel("Score (%)")
    last = mine.iloc[-1]
    scores = [float(v) for v in mine["score"]]
    trend = trend_word(scores)
    if trend.startswith("peaked"):
        shape = f"P{trend[1:]}, now {scores[-1]:.0f}%"
    else:
        shape = f"{trend.capitalize()}: {scores[0]:.0f}% to {scores[-1]:.0f}%"
    medians = pe.groupby("attempt")["score"].median().reindex(x)
    peers = float(medians.iloc[-1] - medians.iloc[0])
    message = (f"{shape} (cohort median {peers:+.0f}); {last['projected_outcome']}: "
               f"{100 * last['pass_probability']:.0f}% chance to pass")
    _title(ax, "Practice exams and board projection", message)


def _panel_calibration(ax: Axes, cohort: Cohort, sid: str) -> None:
    cal = cohort.calibration
    mine = cal[cal["student_id"] == sid]
    last = mine[mine["survey"] == mine["survey"].max()].sort_values("gap")
    labels = [cohort.topics.get(t, t) for t in last["topic"]]
    y = np.arange(len(last))
    acc = last["accuracy"].to_numpy(dtype=float)
    conf = last["confidence"].to_numpy(dtype=float)
    for yi, a, c in zip(y, acc, conf, strict=True):
        ax.plot([a, c], [yi, yi], color="#9A9A9A", lw=2.5, zorder=1)
    ax.scatter(acc, y, s=110, color=COLORS["accuracy"], zorder=3, label="accuracy (quiz)")
    ax.scatter(conf, y, s=120, marker="D", facecolor="white", edgecolor=COLORS["confidence"],
               linewidth=2.5, zorder=4, label="confidence (own estimate)")
    for yi, a, c in zip(y, acc, conf, strict=True):
        ax.text(101, yi, f"{c - a:+.0f}", va="center", ha="left", fontsize=12,
                fontweight="bold" if abs(c - a) >= 10 else "normal",
                color=COLORS["confidence"] if c - a >= 10 else COLORS["text"])
    ax.text(101, len(y) - 0.35, "gap", ha="left", va="bottom", fontsize=11, color="#555555")
    ax.set_yticks(y, labels)
    ax.set_xlim(min(30, float(min(acc.min(), conf.min())) - 5), 100)
    ax.set_ylim(-0.7, len(y) - 0.1)
    ax.set_xlabel("Percent correct: expected (diamond) and actual (dot)")
    ax.legend(loc="upper left", fontsize=11, ncol=2, bbox_to_anchor=(0, -0.12))
    mean_gap = float((conf - acc).mean())
    widest = labels[-1]
    if mean_gap >= 10:
        message = f"Confidence {mean_gap:.0f} points above accuracy; widest in {widest}"
    elif mean_gap <= -8:
        message = f"Underconfident: accuracy {-mean_gap:.0f} points above own estimate"
    else:
        message = f"Well calibrated on average ({mean_gap:+.0f}); check {widest}"
    week = int(last["week"].iloc[0])
    _title(ax, f"Confidence vs. accuracy by topic (week {week})", message)


def _panel_study(ax: Axes, cohort: Cohort, sid: str) -> None:
    log = cohort.study_log
    mine = log[log["student_id"] == sid].sort_values("week")
    weeks = mine["week"].to_numpy()
    smooth = mine[["hours_retrieval", "hours_qbank", "hours_rereading"]].rolling(
        4, min_periods=1).mean()
    ax.stackplot(weeks, smooth["hours_qbank"], smooth["hours_retrieval"],
                 smooth["hours_rereading"],
                 colors=[COLORS["qbank"], COLORS["retrieval"], COLORS["rereading"]],
                 labels=["question bank", "other retrieval practice",
                         "rereading / passive review"], alpha=0.95, lw=0)
    breaks = mine["phase"].to_numpy() == "break"
    if breaks.any():
        b0, b1 = weeks[breaks].min(), weeks[breaks].max()
        ax.axvspan(b0 - 0.5, b1 + 0.5, color="#F3F3F3", zorder=0)
        ax.text((b0 + b1) / 2, 0.45, "summer break", transform=ax.get_xaxis_transform(),
                ha="center", va="center", rotation=90, fontsize=11, color="#666666")
    ax.set_xlim(weeks[0], weeks[-1])
    ax.set_ylim(0, float(smooth.sum(axis=1).max()) * 1.25)
    ax.set_xlabel("Week (4-week average)")
    ax.set_ylabel("Study hours a week")
    ax.legend(loc="upper left", fontsize=11, ncol=3, handlelength=1.2, columnspacing=1)
    teaching = mine[~breaks]
    recent = float(teaching["retrieval_share"].tail(8).mean())
    early = float(teaching["retrieval_share"].head(8).mean())
    if recent - early >= 0.12:
        message = (f"Retrieval practice up from {100 * early:.0f}% to {100 * recent:.0f}% "
                   "of study time")
    elif recent - early <= -0.12:
        message = (f"Retrieval practice down from {100 * early:.0f}% to {100 * recent:.0f}% "
                   "of study time")
    elif recent < 0.3:
        message = f"Mostly rereading: only {100 * recent:.0f}% of study time is retrieval practice"
    else:
        message = f"Retrieval practice about {100 * recent:.0f}% of study time throughout"
    _title(ax, "How study time is spent", message)


def _panel_wellbeing(ax: Axes, cohort: Cohort, sid: str) -> None:
    wb = cohort.wellbeing
    mine = wb[wb["student_id"] == sid].sort_values("week")
    weeks = mine["week"].to_numpy()
    stress = mine["stress"].to_numpy(dtype=float)
    sleep = mine["sleep_hours"].to_numpy(dtype=float)
    ax.plot(weeks, stress, color=COLORS["stress"], lw=2.5, marker="o", ms=4,
            label="stress (1-10, left)")
    ax.set_ylim(0.5, 10.5)
    ax.set_ylabel("Stress (1-10)", color=COLORS["stress"])
    ax.set_xlabel("Week")
    ax.set_xlim(weeks[0], weeks[-1])
    right = ax.twinx()
    right.plot(weeks, sleep, color=COLORS["sleep"], lw=2.5, ls="--",
               label="sleep (hours a night, right)")
    right.set_ylim(3.5, 10.5)
    right.set_ylabel("Sleep (hours a night)", color=COLORS["sleep"])
    right.grid(False)
    right.spines["right"].set_visible(True)
    events = mine.dropna(subset=["life_event"])
    for _, row in events.iterrows():
        ax.axvline(row["week"], color=COLORS["event"], lw=2)
        ax.text(row["week"] + 0.8, 10.2, textwrap.fill(str(row["life_event"]), 24),
                color=COLORS["event"], va="top", ha="left", fontsize=11)
    lines = ax.get_lines()[:1] + right.get_lines()[:1]
    ax.legend(lines, [ln.get_label() for ln in lines], loc="upper left", fontsize=11, ncol=2,
              bbox_to_anchor=(0, -0.14))
    recent_stress = stress[-3:].mean()
    recent_sleep = sleep[-3:].mean()
    start_stress = stress[:6].mean()
    word = ("low" if recent_stress < 4 else "moderate" if recent_stress < 6 else "high")
    drift = (" and rising" if recent_stress - start_stress >= 1.5 else "")
    message = f"Stress {word}{drift} ({recent_stress:.0f}/10); sleep {recent_sleep:.1f} h a night"
    if len(events):
        message += f"; life event in week {int(events['week'].iloc[-1])}"
    _title(ax, "Wellbeing check-ins", message)


def _panel_goals(ax: Axes, cohort: Cohort, sid: str, *, rows: int = 4) -> None:
    goals = cohort.goals
    mine = goals[goals["student_id"] == sid].sort_values("set_week").tail(rows)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    step = 1.0 / max(rows, 1)
    for i, (_, goal) in enumerate(mine.iloc[::-1].iterrows()):
        top = 1 - i * step - 0.01
        symbol, colour = _STATUS_STYLE.get(goal["status"], ("?", COLORS["text"]))
        kind = str(goal["kind"])
        result = ("" if math.isnan(goal["result"]) else
                  f";  result {describe_value(kind, float(goal['result']))}")
        ax.text(0.0, top, symbol, color=colour, fontsize=20, va="top", ha="left",
                fontfamily="DejaVu Sans")
        ax.text(0.06, top, f"{goal['status'].capitalize()}  ·  weeks {goal['set_week']}"
                f"-{goal['due_week']}", color=colour, fontsize=12.5, fontweight="bold",
                va="top", ha="left")
        ax.text(0.06, top - 0.062, f"{describe_target(kind, float(goal['target']))}{result}",
                fontsize=12, va="top", ha="left", color=colour)
        what = textwrap.shorten(str(goal["specific"]), 140, placeholder="...")
        ax.text(0.06, top - 0.122, textwrap.fill(what, 66), fontsize=11.5, va="top",
                ha="left", color=COLORS["text"], linespacing=1.1)
    done = mine[mine["status"] != "in progress"]
    achieved = int((done["status"] == "achieved").sum())
    current = mine.iloc[-1]
    message = (f"{achieved} of the last {len(done)} goals achieved; now working on "
               f"{FOCUS.get(str(current['kind']), str(current['kind']))}")
    _title(ax, "Learning-plan (ILP) goals", message)


_DRAW = {
    "scores": _panel_scores,
    "practice": _panel_practice,
    "calibration": _panel_calibration,
    "study": _panel_study,
    "wellbeing": _panel_wellbeing,
    "goals": _panel_goals,
}


def dashboard(cohort: Cohort, student_id: str, *, ax: Axes | None = None,
              panels: str | tuple[str, ...] | None = None,
              figsize: tuple[float, float] | None = None, dpi: int = 100) -> Figure:
    """Draw the dashboard of ``student_id`` and return its figure.

    Without ``ax`` a new figure holds the chosen ``panels`` (default: all six, two per row)
    under a header with the student's name and key numbers. With ``ax`` exactly one panel is
    drawn into those axes (default ``"scores"``), e.g. inside a widget's own figure.
    Save with ``fig.savefig("dashboard.png")`` or ``.svg``.
    """
    import matplotlib
    from matplotlib.figure import Figure

    cohort.student_row(student_id)  # clear error for an unknown id
    chosen = (panels,) if isinstance(panels, str) else tuple(panels or ())
    unknown = [p for p in chosen if p not in PANELS]
    if unknown:
        raise InputError(f"unknown dashboard panel(s) {unknown}; choose from {list(PANELS)}")
    with matplotlib.rc_context(_RC):
        if ax is not None:
            if len(chosen) > 1:
                raise InputError("with ax= give one panel, e.g. panels='calibration'")
            _DRAW[chosen[0] if chosen else "scores"](ax, cohort, student_id)
            return ax.figure
        chosen = chosen or PANELS
        ncols = 1 if len(chosen) == 1 else 2
        nrows = math.ceil(len(chosen) / ncols)
        size = figsize or (8.5 * ncols, 0.9 + 5.0 * nrows)
        fig = Figure(figsize=size, dpi=dpi, layout="constrained")
        fig.get_layout_engine().set(h_pad=0.12, w_pad=0.12, hspace=0.06, wspace=0.06)
        axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
        for name, panel_ax in zip(chosen, axes, strict=False):
            _DRAW[name](panel_ax, cohort, student_id)
        for extra in axes[len(chosen):]:
            extra.set_axis_off()
        _header(fig, cohort, student_id)
    return fig


def _header(fig: Figure, cohort: Cohort, sid: str) -> None:
    student = cohort.student_row(sid)
    exams = cohort.exams[cohort.exams["student_id"] == sid].sort_values("block")
    latest = exams.iloc[-1]
    pe = cohort.practice_exams[cohort.practice_exams["student_id"] == sid]
    parts = [f"Latest block exam: {latest['block_label']} {latest['score']:.0f}% "
             f"({ordinal(latest['cohort_percentile'])} percentile)"]
    if len(pe):
        last = pe.sort_values("attempt").iloc[-1]
        parts.append(f"latest practice exam {last['score']:.0f}% ({last['projected_outcome']})")
    fig.suptitle(f"{student['display_name']} ({student['pronouns']})  ·  {sid}  ·  "
                 f"pre-clerkship data for the coaching meeting\n"
                 + "  ·  ".join(parts), fontsize=16, fontweight="bold", x=0.01, ha="left")


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Save ``fig`` as PNG or SVG (by suffix) with stable bytes: no dates, fixed SVG ids."""
    import matplotlib

    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg"):
        raise InputError(f"save the dashboard as .png or .svg, not {target.name!r}")
    metadata = {"Date": None} if suffix == "svg" else {"Software": None}
    try:
        with matplotlib.rc_context({"svg.hashsalt": "coachkit"}):
            fig.savefig(target, metadata=metadata)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
