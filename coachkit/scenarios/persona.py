"""The simulated person's data: from a cohort profile to the values scenario lines use.

Scenario lines say ``{weak_topic}`` or ``{weak_accuracy}``; this module is the one place
that knows which placeholders exist (``PLACEHOLDERS``, checked when a scenario loads) and
how each is filled from the synthetic student's profile. It also collects the words and
numbers that count as "referring to the student's data" in a coach's reply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the schema imports PLACEHOLDERS from here
    from coachkit.scenarios.schema import PersonaSpec

#: placeholder -> what it is filled with (the format guide lists these).
PLACEHOLDERS: dict[str, str] = {
    "name": "the student's first name",
    "full_name": "the student's full display name",
    "archetype": "the learner pattern the cohort gave the student, in plain words",
    "exam": "the latest block exam, e.g. 'the cardiovascular block exam'",
    "exam_score": "the student's score on it, e.g. '61%'",
    "pass_mark": "the pass mark of that exam, e.g. '65%'",
    "percentile": "the student's percentile in the class, e.g. '18th'",
    "weak_topic": "the topic with the lowest accuracy",
    "weak_accuracy": "accuracy on that topic, e.g. '48%'",
    "weak_confidence": "the student's average confidence on that topic, e.g. '82%'",
    "strong_topic": "the topic with the highest accuracy",
    "strong_accuracy": "accuracy on that topic",
    "strong_confidence": "confidence on that topic",
    "retrieval_share": "share of study time spent on retrieval practice (self-testing)",
    "rereading_share": "share of study time spent rereading notes and slides",
    "trend": "the practice-exam trend in words, e.g. 'flat over 5 attempts (60% -> 62%)'",
    "projected": "the projected outcome of the next exam in words",
    "stress": "self-reported stress, in words, e.g. 'high (7 of 10)'",
    "sleep": "sleep in words, e.g. 'about 6.9 hours a night'",
    "life_event": "a recent life event the student reported (or 'nothing in particular')",
    "goal": "the current goal in the student's learning plan",
    "goal_status": "how that goal is going, in words",
    "previous_goal": "the goal agreed at the meeting before",
    "previous_goal_status": "how that earlier goal turned out, e.g. 'not achieved'",
}

#: words that, in a reply, point at assessment data whatever the profile says.
DATA_WORDS: tuple[str, ...] = (
    "score", "scored", "percentile", "accuracy", "exam", "block", "qbank", "question bank",
    "practice test", "results", "marks", "grade", "data", "dashboard", "confidence",
    "calibration", "trend", "graph", "chart", "numbers", "pass mark",
)
_PROFILE_TERM_KEYS = (
    "exam_score", "pass_mark", "percentile", "weak_accuracy", "weak_confidence",
    "strong_accuracy", "strong_confidence", "retrieval_share", "rereading_share",
    "weak_topic", "strong_topic", "exam",
)


@dataclass(frozen=True)
class Persona:
    """The simulated student (or, in coachee scenarios, the trainee's own student data)."""

    student_id: str
    values: Mapping[str, str]
    profile: Any = None
    data_terms: tuple[str, ...] = ()

    def fill(self, line: str) -> str:
        """Fill a scenario line's placeholders (all checked at load time)."""
        return line.format_map(dict(self.values))

    @property
    def profile_terms(self) -> tuple[str, ...]:
        """Only this student's numbers and topics (what a rubric counts as their data)."""
        return tuple(t for t in self.data_terms if t not in DATA_WORDS)

    def to_dict(self) -> dict[str, Any]:
        """What the transcript keeps: the student id and the filled values."""
        return {"student_id": self.student_id, "values": dict(self.values)}


def data_terms(values: Mapping[str, str]) -> tuple[str, ...]:
    """Numbers, topics and exam words that show a reply used the student's data.

    Numbers match as whole numbers ("58" in "58%"), phrases as whole words (see
    :func:`coachkit.rubrics.terms.compile_terms`, which the engine uses to find them).
    """
    terms: dict[str, None] = dict.fromkeys(DATA_WORDS)
    for key in _PROFILE_TERM_KEYS:
        value = values.get(key, "").strip()
        number = re.fullmatch(r"(\d+(?:\.\d+)?)(?:%|st|nd|rd|th)?", value)
        if number:
            terms[number.group(1)] = None
        elif key in {"weak_topic", "strong_topic", "exam"} and value:
            topic = value.removeprefix("the ").removesuffix(" exam")
            if topic not in {"one topic", "another topic", "last block"}:
                terms[topic] = None
    return tuple(terms)


def _percent(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.0f}%"


def _share(value: float | None) -> str:
    return "unknown" if value is None else f"{100 * value:.0f}%"


def _ordinal(value: float | None) -> str:
    if value is None:
        return "unknown"
    n = int(round(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def values_from_profile(profile: Any) -> dict[str, str]:
    """Turn a cohort ``StudentProfile`` into the placeholder values (all strings).

    Scores, accuracies and confidences are percent (0-100) in the profile; study shares are
    fractions (0-1). Missing facts get neutral words so a line always reads.
    """
    exam = str(profile.latest_exam)
    return {
        "name": profile.first_name,
        "full_name": profile.display_name,
        "archetype": profile.archetype_label,
        "exam": exam if exam.lower().startswith("the ") else f"the {exam}",
        "exam_score": _percent(profile.latest_score),
        "pass_mark": _percent(profile.pass_mark),
        "percentile": _ordinal(profile.percentile),
        "weak_topic": profile.weak_topic,
        "weak_accuracy": _percent(profile.weak_accuracy),
        "weak_confidence": _percent(profile.weak_confidence),
        "strong_topic": profile.strong_topic,
        "strong_accuracy": _percent(profile.strong_accuracy),
        "strong_confidence": _percent(profile.strong_confidence),
        "retrieval_share": _share(profile.retrieval_share),
        "rereading_share": _share(profile.rereading_share),
        "trend": profile.trend,
        "projected": profile.projected,
        "stress": profile.stress,
        "sleep": profile.sleep,
        "life_event": profile.life_event or "nothing in particular",
        "goal": profile.goal.rstrip("."),
        "goal_status": profile.goal_status,
        "previous_goal": (profile.previous_goal or "a goal about their study habits").rstrip("."),
        "previous_goal_status": profile.previous_goal_status or "not reviewed",
    }


def persona_from_values(student_id: str, values: Mapping[str, str], *,
                        profile: Any = None) -> Persona:
    """Build a persona from already-filled values (e.g. rebuilt from a transcript)."""
    return Persona(student_id=student_id, values=dict(values), profile=profile,
                   data_terms=data_terms(values))


@lru_cache(maxsize=1)
def default_cohort() -> Any:
    """The shipped cohort, loaded once per process (scenarios only read it)."""
    from coachkit.cohort import load_default

    return load_default()


def resolve_persona(spec: "PersonaSpec", *, cohort: Any = None) -> Persona:
    """Find the scenario's student in the cohort (the shipped one unless given)."""
    cohort = cohort if cohort is not None else default_cohort()
    student_id = cohort.find(archetype=spec.archetype, topic=spec.topic, seed=spec.seed)
    profile = cohort.profile(student_id)
    return persona_from_values(str(student_id), values_from_profile(profile), profile=profile)
