"""Coaching history: which ILP goal a meeting agrees, and how it turned out in the data.

A synthetic coach meets each student for an intake, after every block exam, and for a
check-in after a failed exam or a very stressful exam week. At the intake and at every
debrief the two agree one SMART goal, chosen from the student's own data in this order of
priority (with a one-in-five chance of taking the second concern instead, as real
conversations wander):

==============  ===================================================  ==========================
goal kind       chosen when                                           measured by
==============  ===================================================  ==========================
sleep           sleep under 6.3 h a night or stress 7+ (last month)   mean sleep in check-ins
calibration     confidence 12+ points above quiz accuracy              mean confidence gap
retrieval       under 38% of study time on retrieval practice         retrieval share, study log
topic           block score under 74%                                 % correct on that topic
qbank           few question-bank items a week (60; 150 in year 2)    items a week
stretch         none of the above                                     % correct, all questions
==============  ===================================================  ==========================

The goal's result is measured in the generated tables over the weeks it ran, and its
status follows: achieved (target reached), partly achieved (at least half way from the
baseline), not achieved, or in progress (still running when the data end).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

KINDS: tuple[str, ...] = ("sleep", "calibration", "retrieval", "topic", "qbank", "stretch")

FOCUS: dict[str, str] = {
    "sleep": "wellbeing and sleep",
    "calibration": "confidence versus accuracy",
    "retrieval": "study strategy",
    "topic": "a weak topic",
    "qbank": "question practice",
    "stretch": "stretching a strong performance",
}

_SECOND_CHOICE = 0.2


@dataclass(frozen=True)
class State:
    """What the coach sees at a meeting (per student arrays; None before any exam)."""

    stress: np.ndarray
    sleep: np.ndarray
    share: np.ndarray
    qbank_items: np.ndarray
    year2: bool
    score: np.ndarray | None
    accuracy: np.ndarray | None  # (students, topics so far) latest quiz
    gap: np.ndarray | None  # same shape: confidence - accuracy


@dataclass(frozen=True)
class Plan:
    """The goals agreed at one round of meetings: a kind and a topic index (-1) per student."""

    meeting_week: int
    due_week: int
    kind: np.ndarray
    topic: np.ndarray


def choose(state: State, *, rng: np.random.Generator, meeting_week: int, due_week: int) -> Plan:
    """Pick each student's goal from their data (see the module table)."""
    n = state.stress.shape[0]
    no = np.zeros(n, dtype=bool)
    gap_mean = no if state.gap is None else state.gap.mean(1) >= 12
    low_score = no if state.score is None else state.score < 74
    applies = np.stack([
        (state.sleep < 6.3) | (state.stress >= 7),
        gap_mean,
        state.share < 0.38,
        low_score,
        state.qbank_items < (150 if state.year2 else 60),
        np.ones(n, dtype=bool),
    ], axis=1)
    first = np.argmax(applies, axis=1)
    later = applies.copy()
    later[np.arange(n), first] = False
    later[:, -1] = True
    second = np.argmax(later, axis=1)
    pick = np.where(rng.random(n) < _SECOND_CHOICE, second, first)
    kind = np.array(KINDS, dtype=object)[pick]
    topic = np.full(n, -1, dtype=np.int64)
    if state.accuracy is not None:
        jitter = rng.random(state.accuracy.shape) * 1e-3
        weakest = np.argmin(state.accuracy + jitter, axis=1)
        widest = np.argmax(state.gap + jitter, axis=1)
        topic = np.where(kind == "topic", weakest, np.where(kind == "calibration", widest, -1))
    return Plan(meeting_week, due_week, kind, topic)


@dataclass(frozen=True)
class Observed:
    """The generated observations a review measures goals against (per student arrays)."""

    ids: np.ndarray
    first_names: list[str]
    weeks: int
    start: np.datetime64
    topic_labels: tuple[str, ...]
    share: np.ndarray  # (students, weeks) observed retrieval share
    hours: np.ndarray  # (students, weeks) total study hours
    qbank_items: np.ndarray  # (students, weeks)
    qbank_correct: np.ndarray  # (students, weeks)
    topic_items: np.ndarray  # (students, weeks + 1, topics) cumulative over weeks
    topic_correct: np.ndarray  # same
    pulse_weeks: np.ndarray
    stress: np.ndarray  # (students, pulses)
    sleep: np.ndarray  # (students, pulses)
    exam_weeks: np.ndarray
    scores: np.ndarray  # (students, blocks)
    percentiles: np.ndarray  # (students, blocks)
    pass_mark: float
    survey_weeks: np.ndarray
    survey_gap: list[np.ndarray]  # per survey (students, topics so far)
    survey_accuracy: list[np.ndarray]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _measure(obs: Observed, kind: np.ndarray, topic: np.ndarray, first: int, last: int
             ) -> np.ndarray:
    """Value of each student's goal measure over weeks ``first..last`` (NaN when no data)."""
    n = obs.ids.size
    out = np.full(n, np.nan)
    if last < first:
        return out
    weeks = slice(first, last + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        values = {
            "retrieval": 100 * obs.share[:, weeks].mean(1),
            "qbank": obs.qbank_items[:, weeks].mean(1),
            "stretch": 100 * obs.qbank_correct[:, weeks].sum(1) / obs.qbank_items[:, weeks].sum(1),
        }
        in_pulses = (obs.pulse_weeks >= first) & (obs.pulse_weeks <= last)
        values["sleep"] = (obs.sleep[:, in_pulses].mean(1) if in_pulses.any()
                           else np.full(n, np.nan))
        t = np.maximum(topic, 0)
        rows = np.arange(n)
        items = obs.topic_items[rows, last + 1, t] - obs.topic_items[rows, first, t]
        correct = obs.topic_correct[rows, last + 1, t] - obs.topic_correct[rows, first, t]
        values["topic"] = np.where(items > 0, 100 * correct / np.maximum(items, 1), np.nan)
        surveys = np.flatnonzero((obs.survey_weeks > first) & (obs.survey_weeks <= last))
        values["calibration"] = (obs.survey_gap[surveys[-1]].mean(1) if surveys.size
                                 else np.full(n, np.nan))
    for name, value in values.items():
        mask = kind == name
        out[mask] = value[mask]
    return out


def _baseline(obs: Observed, plan: Plan, survey: int | None) -> np.ndarray:
    """The measure's value when the goal was set (the data that prompted it)."""
    week = plan.meeting_week
    base = _measure(obs, plan.kind, plan.topic, max(week - 3, 0), week)
    if survey is not None:
        rows = np.arange(obs.ids.size)
        t = np.maximum(plan.topic, 0)
        acc = obs.survey_accuracy[survey][rows, np.minimum(t, obs.survey_accuracy[survey].shape[1] - 1)]
        base = np.where(plan.kind == "topic", acc, base)
        base = np.where(plan.kind == "calibration", obs.survey_gap[survey].mean(1), base)
    return base


def _target(kind: str, base: float, year2: bool) -> float:
    if kind == "retrieval":
        return float(min(max(5 * np.ceil((base + 12) / 5), 40), 75))
    if kind == "sleep":
        return 7.0
    if kind == "calibration":
        return 8.0
    if kind == "topic":
        return float(min(5 * np.ceil((base + 8) / 5), 90)) if base == base else 70.0
    if kind == "qbank":
        floor = 150 if year2 else 60
        return float(max(10 * np.ceil(1.5 * (base if base == base else 0) / 10), floor))
    return float(min(5 * np.ceil((base + 4) / 5), 90)) if base == base else 75.0


_UNIT = {"retrieval": "%", "sleep": "hours a night", "calibration": "points", "topic": "%",
         "qbank": "items a week", "stretch": "%"}
_LOWER_IS_BETTER = {"calibration"}


def _fmt(kind: str, value: float) -> str:
    if value != value:
        return "no data"
    if kind == "sleep":
        return f"{value:.1f} h"
    if kind == "calibration":
        return f"{value:+.0f} points"
    if kind == "qbank":
        return f"{value:.0f} items a week"
    return f"{value:.0f}%"


def _texts(kind: str, label: str, base: float, target: float, hours: float, stress: float,
           exam: str) -> tuple[str, str, str, str]:
    """(specific, measure, achievable, relevant) of one goal, in the student's voice."""
    if kind == "retrieval":
        swap = max(hours * (target - (base if base == base else 0)) / 100, 1)
        return (
            "Swap part of my rereading for retrieval practice: close the notes and test myself "
            "(spaced flashcards, blank-page recall, question blocks).",
            "Share of my weekly study time spent on retrieval practice (study log)",
            f"About {swap:.0f} of my {hours:.0f} weekly study hours change method; no extra time.",
            f"{exam} Only {_fmt(kind, base)} of my study time was active recall.",
        )
    if kind == "sleep":
        return (
            "Protect my sleep: lights out by 23:00 on weeknights and no studying in bed.",
            "Average hours of sleep a night (wellbeing check-ins)",
            "My study hours stay the same; the late-evening session moves to the morning.",
            f"I sleep about {_fmt(kind, base)} a night and rate my stress {stress:.0f} of 10; "
            "my tired weeks are my worst exam weeks.",
        )
    if kind == "calibration":
        return (
            f"Before each question block, write down the score I expect, compare it with the "
            f"result and note why they differ, starting with {label}.",
            "Gap between my stated confidence and my quiz accuracy, averaged over topics",
            "It takes two minutes per question block.",
            f"My confidence was {_fmt(kind, base)} above my accuracy on average, widest in "
            f"{label}.",
        )
    if kind == "topic":
        return (
            f"Do 20 {label} questions on at least four days a week and write one line on why "
            "for every question I miss.",
            f"Percent correct on {label} questions (question bank)",
            "About 45 minutes a day, inside my usual study time.",
            f"{label} was my weakest topic in the last quiz ({_fmt(kind, base)} correct).",
        )
    if kind == "qbank":
        return (
            f"Answer {target:.0f} question-bank items a week in timed blocks spread over at "
            "least four days.",
            "Question-bank items answered a week",
            f"It builds on the {_fmt(kind, base)} I do now.",
            "Questions show me what I do not know yet while there is still time to fix it; the "
            "comprehensive exams reward wide practice.",
        )
    return (
        "Do mixed, timed question blocks across all systems twice a week and explain one hard "
        "concept a week to a peer.",
        "Percent correct on all my question-bank items",
        "It replaces two of my usual review sessions.",
        f"{exam} My results are solid; mixing topics and teaching are the next step up.",
    )


def _status(kind: str, base: float, target: float, result: float, open_: bool
            ) -> tuple[str, float]:
    """(status, progress %) of a goal from its baseline, target and measured result."""
    if result != result:
        return ("in progress" if open_ else "not achieved"), float("nan")
    sign = -1.0 if kind in _LOWER_IS_BETTER else 1.0
    reached = sign * (result - target) >= 0
    span = sign * (target - base) if base == base else 0.0
    if reached:
        progress = 100.0
    elif span <= 0:
        progress = 0.0
    else:
        progress = float(np.clip(100 * sign * (result - base) / span, 0, 100))
    if open_:
        return "in progress", round(progress, 0)
    if reached:
        return "achieved", 100.0
    return ("partly achieved" if progress >= 50 else "not achieved"), round(progress, 0)


def _note(kind: str, status: str, base: float, target: float, result: float) -> str:
    if status == "in progress" and result != result:
        return "Just agreed; first review at the next meeting."
    got = f"{_fmt(kind, result)} against a target of {_fmt(kind, target)} " \
          f"(from {_fmt(kind, base)})"
    if result != result:
        return "Not reviewed against data: nothing was logged for this measure in the period."
    return {
        "achieved": f"Achieved: {got}.",
        "partly achieved": f"Partly achieved: {got}; worth keeping with a smaller step.",
        "not achieved": f"Not achieved: {got}; to explore what got in the way.",
        "in progress": f"In progress: {got} so far.",
    }[status]


def record(plans: list[Plan], obs: Observed) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn the agreed plans into the ``goals`` and ``meetings`` tables (as plain columns)."""
    n = obs.ids.size
    last_week = obs.weeks - 1
    goal_rows: list[tuple] = []
    meeting_rows: list[tuple] = []
    exam_index = {int(wk): k for k, wk in enumerate(obs.exam_weeks)}
    stress_at = lambda week: obs.stress[:, min(np.searchsorted(obs.pulse_weeks, week),  # noqa: E731
                                               obs.pulse_weeks.size - 1)]
    previous_goal: list[str | None] = [None] * n
    previous_index: list[int] = []
    for number, plan in enumerate(plans, start=1):
        k = exam_index.get(plan.meeting_week)  # None for the intake
        survey = k
        open_ = plan.due_week > last_week
        base = _baseline(obs, plan, survey)
        result = _measure(obs, plan.kind, plan.topic, plan.meeting_week + 1,
                          min(plan.due_week, last_week))
        hours = obs.hours[:, max(plan.meeting_week - 3, 0) : plan.meeting_week + 1].mean(1)
        stress = stress_at(plan.meeting_week)
        year2 = plan.due_week >= obs.exam_weeks[min(4, obs.exam_weeks.size - 1)]
        due_date = obs.start + 7 * min(plan.due_week, 10**6) + 4
        meeting_date = obs.start + 7 * plan.meeting_week + (4 if k is not None else 2)
        check_values = _measure(obs, plan.kind, plan.topic, plan.meeting_week + 1,
                                min(plan.meeting_week + 2, last_week))
        for i in range(n):
            kind = plan.kind[i]
            t = int(plan.topic[i])
            label = obs.topic_labels[t] if t >= 0 else ""
            if k is None:
                exam = ""
            else:
                exam = (f"My {obs.topic_labels[k]} exam score was {obs.scores[i, k]:.0f}% "
                        f"({_ordinal(int(obs.percentiles[i, k]))} percentile).")
            b = float(base[i])
            target = _target(kind, b, bool(year2))
            specific, measure, achievable, relevant = _texts(
                kind, label, b, target, float(hours[i]), float(stress[i]), exam)
            status, progress = _status(kind, b, target, float(result[i]), open_)
            goal_id = f"G-{obs.ids[i]}-{number}"
            meeting_id = f"M-{obs.ids[i]}-{number}"
            goal_rows.append((
                goal_id, obs.ids[i], meeting_id, kind, label or None, specific, measure,
                None if b != b else round(b, 1), target, _UNIT[kind], achievable, relevant,
                plan.meeting_week, plan.due_week, due_date, status,
                None if result[i] != result[i] else round(float(result[i]), 1),
                None if progress != progress else progress,
                _note(kind, status, b, target, float(result[i])),
            ))
            name = obs.first_names[i]
            if k is None:
                kind_m = "intake"
                data = "study log of the first weeks; admission test percentile"
                note = (f"Getting to know each other. {name} studies about {hours[i]:.0f} hours "
                        f"a week, {100 * obs.share[i, : plan.meeting_week + 1].mean():.0f}% of "
                        f"it active recall. First goal agreed ({FOCUS[kind]}).")
            else:
                kind_m = "exam debrief"
                data = (f"{obs.topic_labels[k]} exam {obs.scores[i, k]:.1f}% "
                        f"({_ordinal(int(obs.percentiles[i, k]))} percentile); "
                        "calibration quiz; study log; wellbeing check-ins")
                reviewed = goal_rows[previous_index[i]] if previous_goal[i] else None
                outcome = (f"Previous goal ({reviewed[3]}): {reviewed[-1]}" if reviewed
                           else "")
                note = f"{outcome} Next goal agreed ({FOCUS[kind]})."
            meeting_rows.append((
                obs.ids[i], plan.meeting_week, 0, meeting_id, plan.meeting_week, meeting_date,
                kind_m, data, FOCUS[kind], previous_goal[i], goal_id, note.strip(),
            ))
            if k is not None and (obs.scores[i, k] < obs.pass_mark or stress[i] >= 8):
                check_week = plan.meeting_week + 2
                if check_week <= last_week:
                    reason = ("an exam below the pass mark" if obs.scores[i, k] < obs.pass_mark
                              else f"a stressful exam week (stress {stress[i]:.0f} of 10)")
                    so_far = check_values[i]
                    meeting_rows.append((
                        obs.ids[i], check_week, 1, f"M-{obs.ids[i]}-{number}c", check_week,
                        obs.start + 7 * check_week + 2, "check-in",
                        "study log and wellbeing since the exam",
                        "wellbeing and sleep" if stress[i] >= 8 else "exam recovery",
                        goal_id, None,
                        f"Check-in after {reason}. Goal so far: {_fmt(kind, so_far)} against "
                        f"a target of {_fmt(kind, target)}. Support options discussed.",
                    ))
        previous_goal = [f"G-{obs.ids[i]}-{number}" for i in range(n)]
        previous_index = list(range(len(goal_rows) - n, len(goal_rows)))
    goals = pd.DataFrame(goal_rows, columns=[
        "goal_id", "student_id", "meeting_id", "kind", "topic", "specific", "measure",
        "baseline", "target", "unit", "achievable", "relevant", "set_week", "due_week",
        "due_date", "status", "result", "progress_pct", "progress_note"])
    meetings = pd.DataFrame(meeting_rows, columns=[
        "student_id", "_week", "_order", "meeting_id", "week", "date", "kind", "data_reviewed",
        "focus", "goal_reviewed", "goal_set", "note"])
    meetings = meetings.sort_values(["student_id", "_week", "_order"], kind="stable")
    meetings.insert(1, "meeting", meetings.groupby("student_id").cumcount() + 1)
    meetings = meetings.drop(columns=["_week", "_order"])
    goals = goals.sort_values(["student_id", "set_week"], kind="stable")
    return goals.reset_index(drop=True), meetings.reset_index(drop=True)
