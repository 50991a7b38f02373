"""A student's data in a few plain facts: what a simulated student can talk about.

The scenario engine fills lines such as "my {weak_topic} accuracy is {weak_accuracy}" from
a ``StudentProfile``; a facilitator reads the same facts. Scores and accuracies are percent
(0-100), shares are fractions (0-1), the snapshot is the end of the generated timeline.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from coachkit.cohort.coaching import describe_target, describe_value, ordinal

if TYPE_CHECKING:
    from coachkit.cohort.cohort import Cohort

#: teaching weeks that count as "recently" for study-mix figures
RECENT_WEEKS = 8


@dataclass(frozen=True)
class StudentProfile:
    """Plain facts about one synthetic student at the end of the timeline."""

    student_id: str
    display_name: str
    first_name: str
    pronouns: str
    archetype: str
    archetype_label: str
    archetype_description: str
    latest_exam: str
    latest_topic: str
    latest_score: float
    latest_percentile: int
    pass_mark: float
    percentile: int
    score_trend: str
    weak_topic: str
    weak_accuracy: float
    weak_confidence: float
    strong_topic: str
    strong_accuracy: float
    strong_confidence: float
    widest_gap_topic: str
    widest_gap: float
    mean_gap: float
    retrieval_share: float
    rereading_share: float
    earlier_retrieval_share: float
    study_hours: float
    qbank_items_per_week: float
    attendance: float
    practice_scores: tuple[float, ...]
    trend: str
    pass_probability: float | None
    projected: str
    stress_level: float
    stress: str
    sleep_hours: float
    sleep: str
    life_event: str | None
    life_event_week: int | None
    goal: str
    goal_kind: str
    goal_measure: str
    goal_target: str
    goal_result: str
    goal_status: str
    goal_note: str
    previous_goal: str | None
    previous_goal_status: str | None
    previous_goal_note: str | None
    next_goal: str | None
    next_goal_kind: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable dict (tuples become lists)."""
        out = asdict(self)
        out["practice_scores"] = list(self.practice_scores)
        return out

    def facts(self) -> list[str]:
        """The profile as short first-person-free sentences a facilitator can scan."""
        lines = [
            f"{self.display_name} ({self.pronouns}), id {self.student_id}.",
            f"Latest exam: {self.latest_exam}, {self.latest_score:.0f}% "
            f"({ordinal(self.latest_percentile)} percentile; pass mark {self.pass_mark:.0f}%).",
            f"Block scores: {self.score_trend}.",
            f"Weakest topic: {self.weak_topic} ({self.weak_accuracy:.0f}% correct, "
            f"{self.weak_confidence:.0f}% confident). Strongest: {self.strong_topic} "
            f"({self.strong_accuracy:.0f}% correct, {self.strong_confidence:.0f}% confident).",
            f"Confidence minus accuracy: {self.mean_gap:+.0f} points on average, widest in "
            f"{self.widest_gap_topic} ({self.widest_gap:+.0f}).",
            f"Recent study: {self.study_hours:.0f} h a week, {100 * self.retrieval_share:.0f}% "
            f"retrieval practice (was {100 * self.earlier_retrieval_share:.0f}%), "
            f"{self.qbank_items_per_week:.0f} question-bank items a week.",
            f"Practice exams: {self.trend}; {self.projected}.",
            f"Wellbeing: stress {self.stress}; sleep {self.sleep}"
            + (f"; reported {self.life_event} in week {self.life_event_week}."
               if self.life_event else "."),
            f"Current goal ({self.goal_kind}): {self.goal} Status: {self.goal_status} "
            f"({self.goal_result} against {self.goal_target}).",
        ]
        if self.next_goal:
            lines.append(f"Just agreed for the weeks ahead ({self.next_goal_kind}): "
                         f"{self.next_goal}")
        return lines


def _stress_words(level: float, change: float) -> str:
    word = ("low" if level < 4 else "moderate" if level < 6 else "high" if level < 8
            else "very high")
    drift = (", rising" if change >= 1.5 else ", easing" if change <= -1.5 else "")
    return f"{word} ({level:.0f} of 10{drift})"


def trend_word(scores: list[float]) -> str:
    """'rising', 'falling', 'flat', or 'peaked at 71% in attempt 3' for a series of scores.

    A change of 4 points or more counts; a peak counts when the latest score is 4 or more
    below an earlier best that itself rose 4 or more from the start.
    """
    if len(scores) < 2:
        return "flat"
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    if (best < len(scores) - 1 and scores[best] - scores[-1] >= 4
            and scores[best] - scores[0] >= 4):
        return f"peaked at {scores[best]:.0f}% in attempt {best + 1}"
    change = scores[-1] - scores[0]
    return "rising" if change >= 4 else "falling" if change <= -4 else "flat"


def _trend_words(scores: list[float]) -> str:
    if not scores:
        return "no practice exams yet"
    if len(scores) == 1:
        return f"one attempt so far, {scores[0]:.0f}%"
    steps = " -> ".join(f"{s:.0f}%" for s in scores)
    word = trend_word(scores)
    word = "up, then down" if word.startswith("peaked") else word
    return f"{word} over {len(scores)} attempts ({steps})"


def build_profile(cohort: Cohort, student_id: str) -> StudentProfile:
    """Collect the facts for ``student_id`` from the cohort's tables."""
    config = cohort.config
    student = cohort.student_row(student_id)
    spec = config.archetypes.get(student["archetype"])
    labels = {b.topic: b.label for b in config.calendar.blocks}

    exams = cohort.exams[cohort.exams["student_id"] == student_id].sort_values("block")
    latest = exams.iloc[-1]
    year = config.calendar.year2_start_week
    first = exams[exams["week"] < year]["score"]
    second = exams[exams["week"] >= year]["score"]
    if len(first) and len(second):
        delta = second.mean() - first.mean()
        score_trend = (f"year 1 average {first.mean():.0f}%, year 2 average "
                       f"{second.mean():.0f}% ({delta:+.0f} points)")
    else:
        score_trend = " -> ".join(f"{s:.0f}%" for s in exams["score"])

    cal = cohort.calibration[cohort.calibration["student_id"] == student_id]
    survey = cal[cal["survey"] == cal["survey"].max()].sort_values(["accuracy", "topic"])
    weak, strong = survey.iloc[0], survey.iloc[-1]
    widest = survey.sort_values(["gap", "topic"]).iloc[-1]

    log = cohort.study_log[cohort.study_log["student_id"] == student_id]
    teaching = log[log["phase"] != "break"]
    recent = teaching.tail(RECENT_WEEKS)
    earlier = teaching.iloc[-2 * RECENT_WEEKS : -RECENT_WEEKS] if len(teaching) > RECENT_WEEKS \
        else teaching.head(RECENT_WEEKS)
    share = float(recent["retrieval_share"].mean())

    practice = cohort.practice_exams[cohort.practice_exams["student_id"] == student_id]
    practice = practice.sort_values("attempt")
    p_scores = [float(s) for s in practice["score"]]
    if len(practice):
        p_last = practice.iloc[-1]
        probability = float(p_last["pass_probability"])
        projected = (f"{p_last['projected_outcome']} on the board exam "
                     f"({100 * probability:.0f}% projected chance of passing)")
    else:
        probability, projected = None, "no projection yet"

    wb = cohort.wellbeing[cohort.wellbeing["student_id"] == student_id].sort_values("week")
    last3 = wb.tail(3)
    stress_level = float(last3["stress"].mean())
    stress_change = stress_level - float(wb["stress"].iloc[:6].mean())
    sleep_hours = float(last3["sleep_hours"].mean())
    events = wb.dropna(subset=["life_event"])
    event = events.iloc[-1] if len(events) else None

    # the goal the student has been working on is the last one reviewed against data; a goal
    # agreed at the very last meeting (nothing measured yet) is the next one
    goals = cohort.goals[cohort.goals["student_id"] == student_id].sort_values("set_week")
    measured = goals[goals["result"].notna() | (goals["status"] != "in progress")]
    goal = measured.iloc[-1] if len(measured) else goals.iloc[-1]
    later = goals[goals["set_week"] > goal["set_week"]]
    following = later.iloc[0] if len(later) else None
    earlier_goals = goals[goals["set_week"] < goal["set_week"]]
    previous = earlier_goals.iloc[-1] if len(earlier_goals) else None
    kind = str(goal["kind"])
    status = str(goal["status"])
    if status == "in progress" and not math.isnan(goal["progress_pct"]):
        status = f"in progress ({goal['progress_pct']:.0f}% of the way)"

    return StudentProfile(
        student_id=student_id,
        display_name=str(student["display_name"]),
        first_name=str(student["display_name"]).split()[0],
        pronouns=str(student["pronouns"]),
        archetype=str(student["archetype"]),
        archetype_label=spec.label if spec else str(student["archetype"]),
        archetype_description=spec.description if spec else "",
        latest_exam=f"{latest['block_label']} block exam",
        latest_topic=str(latest["topic"]),
        latest_score=float(latest["score"]),
        latest_percentile=int(latest["cohort_percentile"]),
        pass_mark=float(config.effects.block_pass_mark),
        percentile=round(exams["cohort_percentile"].mean()),
        score_trend=score_trend,
        weak_topic=labels.get(weak["topic"], str(weak["topic"])),
        weak_accuracy=float(weak["accuracy"]),
        weak_confidence=float(weak["confidence"]),
        strong_topic=labels.get(strong["topic"], str(strong["topic"])),
        strong_accuracy=float(strong["accuracy"]),
        strong_confidence=float(strong["confidence"]),
        widest_gap_topic=labels.get(widest["topic"], str(widest["topic"])),
        widest_gap=float(widest["gap"]),
        mean_gap=round(float(survey["gap"].mean()), 1),
        retrieval_share=round(share, 3),
        rereading_share=round(float((recent["hours_rereading"] / recent["hours_total"]).mean()),
                              3),
        earlier_retrieval_share=round(float(earlier["retrieval_share"].mean()), 3),
        study_hours=round(float(recent["hours_total"].mean()), 1),
        qbank_items_per_week=round(float(recent["qbank_items"].mean()), 0),
        attendance=round(float(recent["attendance_pct"].mean()), 0),
        practice_scores=tuple(p_scores),
        trend=_trend_words(p_scores),
        pass_probability=probability,
        projected=projected,
        stress_level=round(stress_level, 1),
        stress=_stress_words(stress_level, stress_change),
        sleep_hours=round(sleep_hours, 1),
        sleep=f"about {sleep_hours:.1f} hours a night",
        life_event=None if event is None else str(event["life_event"]),
        life_event_week=None if event is None else int(event["week"]),
        goal=str(goal["specific"]),
        goal_kind=kind,
        goal_measure=str(goal["measure"]),
        goal_target=describe_target(kind, float(goal["target"])),
        goal_result=describe_value(kind, float(goal["result"])),
        goal_status=status,
        goal_note=str(goal["progress_note"]),
        previous_goal=None if previous is None else str(previous["specific"]),
        previous_goal_status=None if previous is None else str(previous["status"]),
        previous_goal_note=None if previous is None else str(previous["progress_note"]),
        next_goal=None if following is None else str(following["specific"]),
        next_goal_kind=None if following is None else str(following["kind"]),
    )
