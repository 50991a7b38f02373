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
retrieval       under 38% of study time on retrieval practice (and    retrieval share, study log
                the intake's default)
topic           block score under 74%                                 % correct on that topic
qbank           few question-bank items a week (60; 150 in year 2)    items a week
stretch         none of the above                                     next block-exam score
==============  ===================================================  ==========================

The goal's result is measured in the generated tables over the weeks it ran, and its
status follows: achieved (target reached), partly achieved (at least half way from the
baseline), not achieved, or in progress (still running when the data end).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
        (state.share < 0.38) | (state.score is None),  # the intake's default: a retrieval habit
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
    first_names: np.ndarray
    weeks: int
    start: np.datetime64
    topic_labels: tuple[str, ...]
    share: np.ndarray  # (students, weeks) observed retrieval share
    hours: np.ndarray  # (students, weeks) total study hours
    qbank_items: np.ndarray  # (students, weeks)
    topic_items: np.ndarray  # (students, weeks + 1, topics) cumulative over weeks
    topic_correct: np.ndarray  # same
    pulse_weeks: np.ndarray
    stress: np.ndarray  # (students, pulses)
    sleep: np.ndarray  # (students, pulses)
    exam_weeks: np.ndarray
    scores: np.ndarray  # (students, blocks)
    percentiles: np.ndarray  # (students, blocks)
    pass_mark: float
    year2_start_week: int
    survey_gap: list[np.ndarray]  # per survey = per block (students, topics so far)
    survey_accuracy: list[np.ndarray]


_UNIT = {"retrieval": "%", "sleep": "hours a night", "calibration": "points", "topic": "%",
         "qbank": "items a week", "stretch": "%"}


def _measure(obs: Observed, plan: Plan, first: int, last: int) -> np.ndarray:
    """Each student's goal measure over weeks ``first..last`` (NaN where there is no data).

    retrieval: mean retrieval share (%); sleep: mean of the check-ins; calibration: mean gap
    in the latest quiz of the period; topic: % correct on that topic's questions; qbank:
    items a week; stretch: score on the block exam that closes the period.
    """
    n = obs.ids.size
    out = np.full(n, np.nan)
    if last < first:
        return out
    weeks = slice(first, last + 1)
    rows = np.arange(n)
    t = np.maximum(plan.topic, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        items = obs.topic_items[rows, last + 1, t] - obs.topic_items[rows, first, t]
        correct = obs.topic_correct[rows, last + 1, t] - obs.topic_correct[rows, first, t]
        in_pulses = (obs.pulse_weeks >= first) & (obs.pulse_weeks <= last)
        exams = np.flatnonzero((obs.exam_weeks >= first) & (obs.exam_weeks <= last))
        nan = np.full(n, np.nan)
        values = {
            "retrieval": 100 * obs.share[:, weeks].mean(1),
            "qbank": obs.qbank_items[:, weeks].mean(1),
            "sleep": obs.sleep[:, in_pulses].mean(1) if in_pulses.any() else nan,
            "topic": np.where(items > 0, 100 * correct / np.maximum(items, 1), np.nan),
            "calibration": obs.survey_gap[exams[-1]].mean(1) if exams.size else nan,
            "stretch": obs.scores[:, exams[-1]] if exams.size else nan,
        }
    for name, value in values.items():
        mask = plan.kind == name
        out[mask] = value[mask]
    return out


def _baseline(obs: Observed, plan: Plan, block: int | None) -> np.ndarray:
    """The measure's value when the goal was agreed: the data that prompted it."""
    week = plan.meeting_week
    base = _measure(obs, plan, max(week - 3, 0), week)
    if block is None:
        return np.where(np.isin(plan.kind, ("calibration", "topic", "stretch")), np.nan, base)
    rows = np.arange(obs.ids.size)
    t = np.clip(plan.topic, 0, obs.survey_accuracy[block].shape[1] - 1)
    base = np.where(plan.kind == "topic", obs.survey_accuracy[block][rows, t], base)
    base = np.where(plan.kind == "calibration", obs.survey_gap[block].mean(1), base)
    return np.where(plan.kind == "stretch", obs.scores[:, block], base)


def _round5(x: np.ndarray) -> np.ndarray:
    return 5 * np.floor(x / 5 + 0.5)


def _targets(kind: np.ndarray, base: np.ndarray, year2: bool) -> np.ndarray:
    b = np.nan_to_num(base)
    return np.select(
        [kind == "retrieval", kind == "sleep", kind == "calibration", kind == "topic",
         kind == "qbank"],
        [np.clip(_round5(b + 8), 35, 75),
         np.full(b.shape, 7.0),
         np.maximum(5.0, np.round(b * 0.5)),
         np.where(np.isnan(base), 70.0, np.minimum(_round5(b + 8), 90)),
         np.maximum(10 * np.ceil(1.4 * b / 10), 150 if year2 else 60)],
        np.where(np.isnan(base), 80.0, np.clip(5 * np.floor(b / 5), 75, 90)),
    )


def _status(kind: np.ndarray, base: np.ndarray, target: np.ndarray, result: np.ndarray,
            open_: bool) -> tuple[np.ndarray, np.ndarray]:
    """Status words and progress % (NaN when unknown) from baseline, target and result."""
    sign = np.where(kind == "calibration", -1.0, 1.0)
    known = ~np.isnan(result)
    reached = known & (sign * (result - target) >= 0)
    span = sign * (target - base)
    with np.errstate(invalid="ignore", divide="ignore"):
        partial = np.clip(100 * sign * (result - base) / span, 0, 100)
    progress = np.where(reached, 100.0, np.where(known & (span > 0), partial, 0.0))
    progress = np.where(known, np.round(progress), np.nan)
    if open_:
        return np.full(kind.shape, "in progress", dtype=object), progress
    status = np.where(reached, "achieved",
                      np.where(known & (progress >= 50), "partly achieved", "not achieved"))
    return status.astype(object), progress


def _fmt(kind: np.ndarray, values: np.ndarray, *, digits: int = 1) -> np.ndarray:
    """Values as people read them: '7.1 h', '+14.2 points', '120 items a week', '62.5%'.

    Results and baselines keep one decimal so that a near miss never reads as a hit;
    targets are whole numbers (``digits=0``).
    """
    out = np.full(values.shape, "no data", dtype=object)
    known = ~np.isnan(values)
    patterns = {"sleep": "%.1f h", "calibration": f"%+.{digits}f points",
                "qbank": "%.0f items a week"}
    for kind_name in np.unique(kind[known]):
        rows = known & (kind == kind_name)
        pattern = patterns.get(kind_name, f"%.{digits}f%%")
        out[rows] = np.char.mod(pattern, values[rows]).astype(object)
    return out


def describe_value(kind: str, value: float, *, digits: int = 1) -> str:
    """One goal measure value as people read it, e.g. ``describe_value("sleep", 6.8)``."""
    return str(_fmt(np.array([kind], dtype=object), np.array([value], dtype=float),
                    digits=digits)[0])


def describe_target(kind: str, target: float) -> str:
    """A goal's target with its direction, e.g. 'target gap ≤ +8 points'."""
    value = describe_value(kind, target, digits=0)
    return f"target gap \u2264 {value}" if kind == "calibration" else f"target \u2265 {value}"


def ordinal(value: float) -> str:
    """'1st', '22nd', '13th': a (rounded) percentile as people say it."""
    n = round(value)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ORDINALS = np.array([ordinal(v) for v in range(101)], dtype=object)


def _ordinals(values: np.ndarray) -> np.ndarray:
    """Ordinals of percentiles 0-100, looked up rather than formatted one by one."""
    return _ORDINALS[np.clip(np.rint(values), 0, 100).astype(np.int64)]


#: kind -> (specific, measure, achievable, relevant) in the student's voice; filled per row
_TEMPLATES: dict[str, tuple[str, str, str, str]] = {
    "retrieval": (
        "Swap part of my rereading for retrieval practice: close the notes and test myself "
        "(spaced flashcards, blank-page recall, question blocks).",
        "Share of my weekly study time spent on retrieval practice (study log)",
        "About {swap} of my {hours} weekly study hours change method; no extra time.",
        "{exam}Only {base} of my study time was active recall.",
    ),
    "sleep": (
        "Protect my sleep: lights out by 23:00 on weeknights and no studying in bed.",
        "Average hours of sleep a night (wellbeing check-ins)",
        "My study hours stay the same; the late-evening session moves to the morning.",
        "I sleep about {base} a night and rate my stress {stress} of 10; my tired weeks are "
        "my worst exam weeks.",
    ),
    "calibration": (
        "Before each question block, write down the score I expect and compare it with the "
        "result, starting with {label}.",
        "Gap between my stated confidence and my quiz accuracy, averaged over topics",
        "It takes two minutes per question block.",
        "{exam}My confidence was {base} above my accuracy on average, widest in {label}.",
    ),
    "topic": (
        "Do 20 {label} questions on at least four days a week and write one line on why for "
        "every question I miss.",
        "Percent correct on {label} questions (question bank)",
        "About 45 minutes a day, inside my usual study time.",
        "{label} was my weakest topic in the last quiz ({base} correct).",
    ),
    "qbank": (
        "Answer more practice questions: {target} of question-bank work in timed blocks, "
        "spread over at least four days.",
        "Question-bank items answered a week",
        "It builds on the {base} I do now.",
        "Questions show me what I do not know yet while there is time to fix it; the "
        "comprehensive exams reward wide practice.",
    ),
    "stretch": (
        "Do mixed, timed question blocks across all systems twice a week and explain one hard "
        "concept a week to a peer.",
        "My score on the next block exam (keep it at or above the target)",
        "It replaces two of my usual review sessions.",
        "{exam}My results are solid; mixing topics and teaching others are the next step up.",
    ),
}

_NOTE = {
    "achieved": "Achieved: {result} against a target of {target} (from {base}).",
    "partly achieved": "Partly achieved: {result} against a target of {target} (from {base}); "
                       "worth keeping with a smaller step.",
    "not achieved": "Not achieved: {result} against a target of {target} (from {base}); what "
                    "got in the way is worth exploring.",
    "in progress": "Just agreed; first review at the next meeting.",
}


def _fill(template: str, fields: dict[str, np.ndarray], rows: np.ndarray) -> list[str]:
    """``template`` filled row by row for ``rows`` (only the fields it names are read)."""
    names = [k for k in fields if "{" + k + "}" in template]
    if not names:
        return [template] * rows.size
    columns = [fields[k][rows] for k in names]
    return [template.format(**dict(zip(names, values, strict=True)))
            for values in zip(*columns, strict=True)]


def record(plans: list[Plan], obs: Observed) -> tuple[dict[str, np.ndarray],
                                                      dict[str, np.ndarray]]:
    """Build the ``goals`` and ``meetings`` columns from the agreed plans and the data."""
    n = obs.ids.size
    last_week = obs.weeks - 1
    exam_index = {int(wk): k for k, wk in enumerate(obs.exam_weeks)}
    labels = np.array(obs.topic_labels, dtype=object)
    goals: list[dict[str, np.ndarray]] = []
    meetings: list[dict[str, np.ndarray]] = []
    previous: dict[str, np.ndarray] | None = None
    for number, plan in enumerate(plans, start=1):
        block = exam_index.get(plan.meeting_week)  # None: the intake
        open_ = plan.due_week > last_week
        base = _baseline(obs, plan, block).round(1)  # as written, so the status can be checked
        target = _targets(plan.kind, base, plan.due_week >= obs.year2_start_week)
        result = _measure(obs, plan, plan.meeting_week + 1, min(plan.due_week, last_week)).round(1)
        status, progress = _status(plan.kind, base, target, result, open_)
        recent = slice(max(plan.meeting_week - 3, 0), plan.meeting_week + 1)
        pulse = min(np.searchsorted(obs.pulse_weeks, plan.meeting_week), obs.pulse_weeks.size - 1)
        stress = obs.stress[:, pulse]
        hours = obs.hours[:, recent].mean(1)
        fields = {
            "label": np.where(plan.topic >= 0, labels[np.maximum(plan.topic, 0)], ""),
            "base": _fmt(plan.kind, base),
            "target": _fmt(plan.kind, target, digits=0),
            "result": _fmt(plan.kind, result),
            "hours": np.char.mod("%.0f", hours).astype(object),
            "swap": np.char.mod("%.0f", np.maximum(
                hours * (target - np.nan_to_num(base)) / 100, 1)).astype(object),
            "stress": np.char.mod("%d", stress).astype(object),
            "exam": np.full(n, "", dtype=object),
        }
        if block is not None:
            pct = _ordinals(obs.percentiles[:, block])
            fields["exam"] = np.array(
                [f"My {obs.topic_labels[block]} exam score was {s:.0f}% ({p} percentile). "
                 for s, p in zip(obs.scores[:, block].tolist(), pct, strict=True)], dtype=object)
        texts = {part: np.empty(n, dtype=object) for part in
                 ("specific", "measure", "achievable", "relevant")}
        notes = np.empty(n, dtype=object)
        for kind, parts in _TEMPLATES.items():
            rows = np.flatnonzero(plan.kind == kind)
            for part, template in zip(texts, parts, strict=True):
                texts[part][rows] = _fill(template, fields, rows)
        for word, template in _NOTE.items():
            rows = np.flatnonzero(status == word)
            notes[rows] = _fill(template, fields, rows)
        if not open_:
            notes[np.isnan(result)] = ("Not reviewed against data: nothing was logged for it "
                                       "in the period.")
        goal_id = np.char.add(np.char.add("G-", obs.ids.astype(str)), f"-{number}").astype(object)
        meeting_id = np.char.add(np.char.add("M-", obs.ids.astype(str)),
                                 f"-{number}").astype(object)
        goals.append({
            "goal_id": goal_id, "student_id": obs.ids, "meeting_id": meeting_id,
            "kind": plan.kind, "topic": np.where(plan.topic >= 0, fields["label"], None),
            **texts,
            "baseline": base, "target": target,
            "unit": np.array([_UNIT[k] for k in plan.kind], dtype=object),
            "set_week": np.full(n, plan.meeting_week), "due_week": np.full(n, plan.due_week),
            "due_date": np.full(n, obs.start + 7 * plan.due_week + 4),
            "status": status, "result": result, "progress_pct": progress,
            "progress_note": notes,
        })
        focus = np.array([FOCUS[k] for k in plan.kind], dtype=object)
        if block is None:
            share0 = 100 * obs.share[:, : plan.meeting_week + 1].mean(1)
            note = [f"Getting to know each other. {name} studies about {h:.0f} hours a week, "
                    f"{s:.0f}% of it active recall. First goal agreed: {f}."
                    for name, h, s, f in zip(obs.first_names, hours, share0, focus, strict=True)]
            data = "study log of the first weeks; admission test percentile"
            kind_m = "intake"
        else:
            note = [f"Previous goal ({k}): {r} Next goal agreed: {f}."
                    for k, r, f in zip(previous["kind"], previous["progress_note"], focus,
                                       strict=True)]
            data = (np.char.add(f"{obs.topic_labels[block]} exam ", np.char.mod(
                "%.1f%% (", obs.scores[:, block])).astype(object)
                + np.array(_ordinals(obs.percentiles[:, block]), dtype=object)
                + " percentile); calibration quiz; study log; wellbeing check-ins")
            kind_m = "exam debrief"
        meetings.append({
            "student_id": obs.ids, "_order": np.zeros(n, dtype=np.int64), "meeting_id": meeting_id,
            "week": np.full(n, plan.meeting_week),
            "date": np.full(n, obs.start + 7 * plan.meeting_week + (2 if block is None else 4)),
            "kind": np.full(n, kind_m, dtype=object),
            "data_reviewed": np.broadcast_to(np.asarray(data, dtype=object), (n,)),
            "focus": focus,
            "goal_reviewed": (np.full(n, None, dtype=object) if previous is None
                              else previous["goal_id"]),
            "goal_set": goal_id, "note": np.array(note, dtype=object),
        })
        check_week = plan.meeting_week + 2
        if block is not None and check_week <= last_week:
            failed = obs.scores[:, block] < obs.pass_mark
            rows = np.flatnonzero(failed | (stress >= 8))
            so_far = _fmt(plan.kind, _measure(obs, plan, plan.meeting_week + 1, check_week))
            reason = np.where(failed[rows], "an exam below the pass mark",
                              "a stressful exam week").astype(object)
            meetings.append({
                "student_id": obs.ids[rows], "_order": np.ones(rows.size, dtype=np.int64),
                "meeting_id": np.char.add(meeting_id[rows].astype(str), "c").astype(object),
                "week": np.full(rows.size, check_week),
                "date": np.full(rows.size, obs.start + 7 * check_week + 2),
                "kind": np.full(rows.size, "check-in", dtype=object),
                "data_reviewed": np.full(rows.size, "study log and wellbeing since the exam",
                                         dtype=object),
                "focus": np.where(stress[rows] >= 8, "wellbeing and sleep",
                                  "exam recovery").astype(object),
                "goal_reviewed": goal_id[rows],
                "goal_set": np.full(rows.size, None, dtype=object),
                "note": np.array(
                    [f"Check-in after {r}. Goal so far: {s} against a target of {t}. "
                     "Support options discussed." for r, s, t in
                     zip(reason, so_far[rows], fields["target"][rows], strict=True)],
                    dtype=object),
            })
        previous = goals[-1]
    goal_cols = {k: np.concatenate([g[k] for g in goals]) for k in goals[0]}
    order = np.lexsort((goal_cols["set_week"], goal_cols["student_id"].astype(str)))
    goal_cols = {k: v[order] for k, v in goal_cols.items()}
    meet_cols = {k: np.concatenate([m[k] for m in meetings]) for k in meetings[0]}
    order = np.lexsort((meet_cols["_order"], meet_cols["week"],
                        meet_cols["student_id"].astype(str)))
    meet_cols = {k: v[order] for k, v in meet_cols.items() if k != "_order"}
    sid = meet_cols["student_id"].astype(str)
    first = np.searchsorted(sid, sid, side="left")
    meet_cols["meeting"] = np.arange(sid.size) - first + 1
    return goal_cols, meet_cols
