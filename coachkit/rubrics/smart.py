"""A SMART checker for Individualized Learning Plan goals.

A goal in an ILP should be Specific, Measurable, Achievable, Relevant and Time-bound. This
module reads the goal's words and says, for each of the five, how far the text shows it
(1 = clearly, 0.5 = partly, 0 = not at all) and which words show it, so a trainee sees *why*
"study cardiology more" is weak and "do 20 cardiology questions every weekday until the
block exam on 14 March, to lift my score from 58% to 70%" is strong.

The rules are transparent word patterns, not a model: a facilitator can read them and
disagree. What each component looks for:

- **Specific** - a concrete action verb (answer, review, write, teach...) with an object
  (a named topic, a number or at least three content words). Vague verbs alone ("study more",
  "do better", "improve") give partial credit.
- **Measurable** - a number with a unit ("20 questions", "2 hours", "70%"). A bare number or
  a tracking word ("log", "track") gives partial credit.
- **Achievable** - no red flags: absolutes ("every single", "never", "perfect", "100%") or
  implausible loads (over 10 hours or 300 questions a day). Without any quantity the text
  cannot show it is achievable: partial credit.
- **Relevant** - a stated purpose ("so that", "to prepare for", "because") and a link to the
  student's situation (an exam, a weak area, a term from the student's own data). One of the
  two gives partial credit.
- **Time-bound** - a deadline ("by 14 March", "before the shelf exam", "within 3 weeks").
  A schedule without an end ("every day", "three times a week") gives partial credit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coachkit.rubrics.terms import compile_terms, find_terms

COMPONENTS: tuple[str, ...] = ("specific", "measurable", "achievable", "relevant", "time_bound")
COMPONENT_TITLE: dict[str, str] = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
}

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|hundred|a dozen|a couple of|twice|half an?"
)
_NUMBER = rf"(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS})"
_UNITS = (
    r"%|percent|percentage points?|points?|questions?|qs|items?|problems?|cases?|mcqs?|"
    r"hours?|hrs?|h|minutes?|mins?|pages?|cards?|flashcards?|anki cards?|chapters?|"
    r"sessions?|blocks?|practice (?:tests?|exams?)|tests?|exams?|quizzes|quiz|lectures?|"
    r"videos?|modules?|topics?|times?|days?|weeks?|pomodoros?|summaries|summary|"
    r"concept maps?|notes?|slides?|systems?|sets?|passages?"
)

_CONCRETE_VERBS = (
    r"answer|complete|finish|do|practi[cs]e|review|re-?do|read|write|rewrite|summari[sz]e|"
    r"teach|explain|quiz|test|draw|map|create|make|build|schedule|book|meet|attend|watch|"
    r"solve|annotate|retake|take|sit|submit|present|email|join|log|track|record|list|"
    r"outline|compare|memori[sz]e|recite|revisit|work through|go through|spend|use|"
    r"self-test|retrieve|raise|increase|reduce|reach|achieve|cover"
)
_VAGUE = (
    r"study (?:more|harder|better)|do better|work harder|get better|improve|try to|"
    r"be more|focus (?:more )?on|learn|understand|know|keep up|stay on top|study|revise|work on"
)
_STOPWORDS = frozenset(
    "a an the and or but to of in on at for with my your i me we you it is be will by from "
    "this that these those each every per more most some any as so than then into up".split()
)

_RED_FLAGS = (
    r"every single|never (?:miss|skip|fail)|perfect(?:ly)?|100 ?%|one hundred percent|"
    r"all of (?:the )?(?:material|content|questions|chapters)|everything|always|"
    r"24/7|all day|every waking|no matter what"
)
_LOAD = re.compile(
    rf"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>hours?|hrs?|questions?|qs|cards?|flashcards?)\s*"
    r"(?:a|per|each|every)\s*(?:day|night|evening)",
    re.IGNORECASE,
)
#: Loads above these per day are flagged as not achievable alongside coursework.
DAILY_LIMITS: dict[str, float] = {"hour": 10.0, "question": 300.0, "card": 1000.0}

_PURPOSE = (
    r"so that|so i|so as to|in order to|to prepare for|to get ready for|to be ready for|"
    r"because|since|which will|to (?:improve|raise|lift|boost|close|fix|strengthen|pass|"
    r"master|address)"
)
_CONTEXT = (
    r"exams?|shelf|step ?[123]|boards?|usmle|comlex|nbme|osce|clerkship|rotation|"
    r"block|course|weak(?:est|ness|er)?|gaps?|scores?|grades?|marks?|feedback|ilp|"
    r"learning plan|clinical|patients?|ward"
)

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DEADLINE = (
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|"
    rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|"
    rf"\b(?:by|before|until|till|no later than)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+|my\s+|next\s+)?\w+|"
    rf"{_WEEKDAYS}|next\s+\w+|my\s+\w+(?:\s+\w+)?|the\s+\w+(?:\s+\w+)?|{_MONTHS}|tomorrow|tonight)|"
    rf"\bwithin\s+(?:the\s+next\s+)?{_NUMBER}\s+(?:days?|weeks?|months?)\b|"
    rf"\bin\s+the\s+next\s+{_NUMBER}\s+(?:days?|weeks?|months?)\b|"
    rf"\bfor\s+(?:the\s+next\s+)?{_NUMBER}\s+(?:days?|weeks?|months?)\b|"
    rf"\b(?:this|next)\s+(?:week(?:end)?|month|block|rotation|{_WEEKDAYS})\b|\btomorrow\b|\btonight\b"
)
_FREQUENCY = (
    rf"\bevery\s+(?:other\s+)?(?:day|morning|evening|night|week(?:day|end)?|{_WEEKDAYS})s?\b|"
    r"\beach\s+(?:day|morning|evening|week)\b|\b(?:daily|nightly|weekly)\b|"
    r"\b(?:a|per)\s+(?:day|week)\b|\b\w+\s+times\s+(?:a|per)\s+(?:day|week)\b|\btwice\s+(?:a|per)\s+(?:day|week)\b"
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_RX = {
    "quantity": _rx(
        rf"(?<!step )\b{_NUMBER}\s*(?:-\s*)?(?:[a-z][\w-]*\s+){{0,2}}?(?:{_UNITS})(?![a-z])"
    ),
    "bare_number": _rx(r"(?<!step )(?<![\w./-])\d+(?:\.\d+)?(?![\w./-])"),
    "tracking": _rx(r"\b(?:track|log|measure|count|record|score)\w*\b"),
    "concrete": _rx(rf"\b(?:{_CONCRETE_VERBS})\b"),
    "vague": _rx(rf"\b(?:{_VAGUE})\b"),
    "red_flag": _rx(rf"\b(?:{_RED_FLAGS})"),
    "purpose": _rx(rf"\b(?:{_PURPOSE})\b"),
    "context": _rx(rf"\b(?:{_CONTEXT})\b"),
    "deadline": _rx(_DEADLINE),
    "frequency": _rx(_FREQUENCY),
}


@dataclass(frozen=True)
class Span:
    """Words of the goal that show (or undermine) a component; offsets into the goal text."""

    start: int
    end: int
    text: str
    note: str
    supports: bool = True


@dataclass(frozen=True)
class ComponentCheck:
    """How far the goal shows one SMART component (1, 0.5 or 0), with the words and a reason."""

    component: str
    score: float
    spans: tuple[Span, ...]
    reason: str


@dataclass(frozen=True)
class SmartCheck:
    """The five components of one goal."""

    text: str
    components: dict[str, ComponentCheck]

    @property
    def score(self) -> float:
        """Sum of the five component scores (0 to 5)."""
        return sum(c.score for c in self.components.values())


def _spans(name: str, text: str, note: str, *, supports: bool = True) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(0), note, supports) for m in _RX[name].finditer(text)]


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text) if w.lower() not in _STOPWORDS]


def _specific(text: str, term_spans: list[Span]) -> ComponentCheck:
    concrete = _spans("concrete", text, "concrete action")
    vague = _spans("vague", text, "vague aim", supports=False)
    quantity = _spans("quantity", text, "amount")
    has_object = bool(term_spans or quantity) or len(_content_words(text)) >= 4
    if concrete and has_object:
        return ComponentCheck("specific", 1.0, tuple(term_spans[:1] + concrete[:2]),
                              "names a concrete action and what it applies to")
    if concrete or vague:
        return ComponentCheck("specific", 0.5, tuple(concrete[:1] + vague[:2]),
                              "says what to work on only in general terms")
    return ComponentCheck("specific", 0.0, (), "does not say what the student will do")


def _measurable(text: str) -> ComponentCheck:
    quantity = _spans("quantity", text, "amount with a unit")
    if quantity:
        return ComponentCheck("measurable", 1.0, tuple(quantity[:3]), "gives an amount that can be checked")
    dates = [(d.start, d.end) for d in _spans("deadline", text, "")]
    numbers = [n for n in _spans("bare_number", text, "number without a unit")
               if not any(a <= n.start < b for a, b in dates)]
    partial = numbers + _spans("tracking", text, "tracking word")
    if partial:
        return ComponentCheck("measurable", 0.5, tuple(partial[:2]),
                              "mentions a number or tracking but not what is counted")
    return ComponentCheck("measurable", 0.0, (), "gives no number that would show progress")


def _achievable(text: str) -> ComponentCheck:
    flags = _spans("red_flag", text, "absolute or perfectionist aim", supports=False)
    for m in _LOAD.finditer(text):
        unit = m.group("unit").lower().rstrip("s")
        unit = {"hr": "hour", "q": "question", "flashcard": "card"}.get(unit, unit)
        if float(m.group("n")) > DAILY_LIMITS.get(unit, float("inf")):
            flags.append(Span(m.start(), m.end(), m.group(0), "more per day than is realistic", False))
    if flags:
        return ComponentCheck("achievable", 0.0, tuple(flags[:3]),
                              "sets an all-or-nothing or unrealistic target")
    quantity = _spans("quantity", text, "a realistic amount")
    if quantity:
        return ComponentCheck("achievable", 1.0, tuple(quantity[:1]), "sets a realistic, bounded amount")
    return ComponentCheck("achievable", 0.5, (), "gives no amount, so it is hard to tell if it is realistic")


def _relevant(text: str, term_spans: list[Span]) -> ComponentCheck:
    purpose = _spans("purpose", text, "stated purpose")
    context = _spans("context", text, "link to the student's situation") + term_spans
    if purpose and context:
        return ComponentCheck("relevant", 1.0, tuple(purpose[:1] + context[:2]),
                              "says why it matters for this student")
    if purpose or context:
        return ComponentCheck("relevant", 0.5, tuple((purpose or context)[:2]),
                              "hints at why it matters but does not link purpose and situation")
    return ComponentCheck("relevant", 0.0, (), "does not say why it matters for the student")


def _time_bound(text: str) -> ComponentCheck:
    deadline = _spans("deadline", text, "deadline")
    frequency = _spans("frequency", text, "schedule")
    if deadline:
        return ComponentCheck("time_bound", 1.0, tuple(deadline[:1] + frequency[:1]), "has a deadline")
    if frequency:
        return ComponentCheck("time_bound", 0.5, tuple(frequency[:2]), "has a schedule but no end date")
    return ComponentCheck("time_bound", 0.0, (), "has no deadline or schedule")


def check_smart(text: str, *, profile_terms: Iterable[object] = ()) -> SmartCheck:
    """Check one goal's text for the five SMART components.

    ``profile_terms`` (topics and numbers from the student's data) count as the specific
    object of the goal and as its link to the student's situation.
    """
    terms = [Span(h.start, h.end, h.text, "the student's own data")
             for h in find_terms(text, compile_terms(profile_terms))]
    components = {
        "specific": _specific(text, terms),
        "measurable": _measurable(text),
        "achievable": _achievable(text),
        "relevant": _relevant(text, terms),
        "time_bound": _time_bound(text),
    }
    return SmartCheck(text=text, components=components)
