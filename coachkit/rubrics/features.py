"""Feature extractors: small named functions that measure one thing about a trainee's turns.

Rubrics name a feature (``feature: open_question_share``) and give its thresholds as data;
the code here only measures. Each extractor takes the coach turns, the student's profile
terms and its own keyword parameters (declared in the rubric under ``params``), and returns
a ``Measurement``: the value compared with the thresholds (``None`` when it does not apply,
e.g. a share of questions when no question was asked), a one-sentence plain-language
summary, and the evidence - the sentences that earned or cost points.

Register a new extractor with ``@feature("name", needs_analysis=..., unit=...)``; the rubric
loader rejects unknown names and unknown parameters, naming the file and line.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from coachkit.analyzer.acts import ACT_LABEL, family_of
from coachkit.analyzer.analysis import SentenceAnalysis
from coachkit.errors import InputError
from coachkit.rubrics.result import Effect, EvidenceRef
from coachkit.rubrics.smart import COMPONENT_TITLE, check_smart
from coachkit.rubrics.terms import compile_terms, find_terms
from coachkit.rubrics.turn import Turn


@dataclass(frozen=True)
class Measurement:
    """What an extractor found: the value, a plain-language summary and the evidence."""

    value: float | None
    summary: str
    evidence: tuple[EvidenceRef, ...] = ()


Extractor = Callable[..., Measurement]


@dataclass(frozen=True)
class Feature:
    """A registered extractor and what it needs."""

    name: str
    func: Extractor
    needs_analysis: bool
    unit: str
    description: str

    @property
    def params(self) -> tuple[str, ...]:
        """Names of the keyword parameters a rubric may set."""
        return tuple(
            p.name
            for p in inspect.signature(self.func).parameters.values()
            if p.kind is p.KEYWORD_ONLY and p.name != "profile_terms"
        )

    def __call__(self, turns: Sequence[Turn], *, profile_terms: Sequence[object] = (), **params: object) -> Measurement:
        return self.func(turns, profile_terms=profile_terms, **params)


#: Every extractor by name; rubrics refer to these names.
FEATURES: dict[str, Feature] = {}


def feature(name: str, *, needs_analysis: bool, unit: str) -> Callable[[Extractor], Extractor]:
    """Register ``func`` as the extractor called ``name`` (its docstring is its description)."""

    def register(func: Extractor) -> Extractor:
        if name in FEATURES:
            raise ValueError(f"feature {name!r} registered twice")
        doc = inspect.getdoc(func) or ""
        FEATURES[name] = Feature(name, func, needs_analysis, unit, doc.split("\n\n")[0])
        return func

    return register


# --- helpers -----------------------------------------------------------------------------


def _sentences(turns: Sequence[Turn]) -> Iterator[tuple[Turn, int, SentenceAnalysis]]:
    for turn in turns:
        if turn.analysis is None:
            raise InputError(f"turn {turn.number} has no analysis; analyse it before rating")
        for index, sentence in enumerate(turn.analysis.sentences):
            yield turn, index, sentence


def _ref(turn: Turn, index: int, sentence: SentenceAnalysis, effect: Effect, note: str) -> EvidenceRef:
    return EvidenceRef(turn.number, index, sentence.text, sentence.start, sentence.end, effect, note)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


# --- conversation features (need the analyzer's coding) ------------------------------------


@feature("open_question_share", needs_analysis=True, unit="share of questions")
def open_question_share(turns: Sequence[Turn], *, profile_terms: Sequence[object] = ()) -> Measurement:
    """Open questions as a share of all questions (open, closed and leading).

    Open questions invite the student's own account; closed and leading ones narrow it.
    Undefined when no question was asked.
    """
    evidence: list[EvidenceRef] = []
    open_n = total = 0
    for turn, i, s in _sentences(turns):
        if family_of(s.act) != "question":
            continue
        total += 1
        if s.act == "open_question":
            open_n += 1
            evidence.append(_ref(turn, i, s, "earned", "open question"))
        else:
            evidence.append(_ref(turn, i, s, "cost", ACT_LABEL[s.act]))
    if total == 0:
        return Measurement(None, "You asked no questions.", ())
    share = open_n / total
    return Measurement(
        share,
        f"You asked {_plural(total, 'question')} and {open_n} of them {'was' if open_n == 1 else 'were'} open ({_pct(share)}).",
        tuple(evidence),
    )


@feature("reflection_question_ratio", needs_analysis=True, unit="reflections per question")
def reflection_question_ratio(turns: Sequence[Turn], *, profile_terms: Sequence[object] = ()) -> Measurement:
    """Reflections (simple and complex) per question, MITI's R:Q.

    With no question at all the ratio counts as R:1, so one lone reflection does not look
    like a perfect score. Undefined when there are neither reflections nor questions.
    """
    evidence: list[EvidenceRef] = []
    reflections = questions = 0
    for turn, i, s in _sentences(turns):
        family = family_of(s.act)
        if family == "reflection":
            reflections += 1
            evidence.append(_ref(turn, i, s, "earned", ACT_LABEL[s.act]))
        elif family == "question":
            questions += 1
            evidence.append(_ref(turn, i, s, "context", ACT_LABEL[s.act]))
    if reflections == 0 and questions == 0:
        return Measurement(None, "You offered no reflections and asked no questions.", ())
    ratio = reflections / max(questions, 1)
    return Measurement(
        ratio,
        f"You offered {_plural(reflections, 'reflection')} and asked {_plural(questions, 'question')} "
        f"({ratio:.1f} reflections per question).",
        tuple(evidence),
    )


@feature("complex_reflection_share", needs_analysis=True, unit="share of reflections")
def complex_reflection_share(turns: Sequence[Turn], *, profile_terms: Sequence[object] = ()) -> Measurement:
    """Complex reflections as a share of all reflections, MITI's %CR.

    A complex reflection adds meaning (a feeling, a guess at what lies beneath) instead of
    repeating the student's words. Undefined when there was no reflection.
    """
    evidence: list[EvidenceRef] = []
    complex_n = total = 0
    for turn, i, s in _sentences(turns):
        if family_of(s.act) != "reflection":
            continue
        total += 1
        if s.act == "complex_reflection":
            complex_n += 1
            evidence.append(_ref(turn, i, s, "earned", "complex reflection"))
        else:
            evidence.append(_ref(turn, i, s, "cost", "simple reflection"))
    if total == 0:
        return Measurement(None, "You offered no reflections.", ())
    share = complex_n / total
    return Measurement(
        share,
        f"{complex_n} of your {_plural(total, 'reflection')} {'was' if complex_n == 1 else 'were'} complex ({_pct(share)}).",
        tuple(evidence),
    )


@feature("unpermitted_directives", needs_analysis=True, unit="directive sentences")
def unpermitted_directives(
    turns: Sequence[Turn],
    *,
    profile_terms: Sequence[object] = (),
    permission_acts: Sequence[str] = ("seeking_collaboration", "emphasizing_autonomy"),
    lookback_turns: int = 1,
) -> Measurement:
    """Directive sentences (advice, persuasion, leading questions...) given without permission.

    A directive sentence counts as permitted when a sentence coded as one of
    ``permission_acts`` (asking permission, emphasising the student's choice) comes before it
    in the same reply or in the last ``lookback_turns`` coach replies - MITI 4.2.1's
    "Persuade with Permission". Always defined (zero when nothing was directive).
    """
    allowed = frozenset(permission_acts)
    evidence: list[EvidenceRef] = []
    permitted = 0
    asked_in: list[int] = []  # positions (in ``turns``) of replies that asked permission
    for position, turn in enumerate(turns):
        if turn.analysis is None:
            raise InputError(f"turn {turn.number} has no analysis; analyse it before rating")
        asked_here = any(position - p <= lookback_turns for p in asked_in)
        for i, s in enumerate(turn.analysis.sentences):
            if s.act in allowed:
                asked_here = True
                evidence.append(_ref(turn, i, s, "earned", "asked permission / left the choice to the student"))
            elif s.directive:
                if asked_here:
                    permitted += 1
                    evidence.append(_ref(turn, i, s, "context", f"{ACT_LABEL.get(s.act, s.act)} after asking permission"))
                else:
                    evidence.append(_ref(turn, i, s, "cost", f"{ACT_LABEL.get(s.act, s.act)} without permission"))
        if any(s.act in allowed for s in turn.analysis.sentences):
            asked_in.append(position)
    unpermitted = sum(1 for e in evidence if e.effect == "cost")
    if unpermitted == 0 and permitted == 0:
        summary = "You gave no unrequested advice."
    elif unpermitted == 0:
        summary = f"You asked permission before each of your {_plural(permitted, 'suggestion')}."
    else:
        times = {1: "once", 2: "twice"}.get(unpermitted, f"{unpermitted} times")
        summary = f"You told or steered the student {times} without first asking permission."
    return Measurement(float(unpermitted), summary, tuple(evidence))


@feature("act_count", needs_analysis=True, unit="sentences")
def act_count(turns: Sequence[Turn], *, profile_terms: Sequence[object] = (), acts: Sequence[str] = ("open_question",)) -> Measurement:
    """How many sentences were coded as one of ``acts`` (e.g. open questions in one reply)."""
    wanted = frozenset(acts)
    unknown = wanted - set(ACT_LABEL)
    if unknown:
        raise InputError(f"act_count: unknown acts {sorted(unknown)}; known: {sorted(ACT_LABEL)}")
    evidence = tuple(_ref(t, i, s, "earned", ACT_LABEL[s.act]) for t, i, s in _sentences(turns) if s.act in wanted)
    where = "Your reply" if len(turns) == 1 else "Your replies"
    if not evidence:
        names = " or ".join(sorted(ACT_LABEL[a] for a in wanted))
        return Measurement(0.0, f"{where} {'has' if len(turns) == 1 else 'have'} no {names}.", ())
    found: dict[str, int] = {}
    for ref in evidence:
        found[ref.note] = found.get(ref.note, 0) + 1
    listed = " and ".join(_plural(n, label) for label, n in found.items())
    return Measurement(float(len(evidence)), f"{where} {'has' if len(turns) == 1 else 'have'} {listed}.", evidence)


@feature("mean_inquiry_index", needs_analysis=True, unit="inquiry index (-1 to 1)")
def mean_inquiry_index(turns: Sequence[Turn], *, profile_terms: Sequence[object] = ()) -> Measurement:
    """The mean inquiry index of the coach's replies (+1 all inquiry, -1 all telling)."""
    values: list[float] = []
    evidence: list[EvidenceRef] = []
    for turn in turns:
        if turn.analysis is None:
            raise InputError(f"turn {turn.number} has no analysis; analyse it before rating")
        if "empty" in turn.analysis.notes or not turn.analysis.sentences:
            continue
        values.append(turn.analysis.inquiry_index)
        worst = min(enumerate(turn.analysis.sentences), key=lambda p: p[1].inquiry_index)
        best = max(enumerate(turn.analysis.sentences), key=lambda p: p[1].inquiry_index)
        evidence.append(_ref(turn, best[0], best[1], "earned", f"inquiry index {best[1].inquiry_index:+.2f}"))
        if worst[1].inquiry_index < 0:
            evidence.append(_ref(turn, worst[0], worst[1], "cost", f"inquiry index {worst[1].inquiry_index:+.2f}"))
    if not values:
        return Measurement(None, "There were no replies to rate.", ())
    mean = sum(values) / len(values)
    return Measurement(mean, f"Your replies averaged {mean:+.2f} on the inquiry index (from -1 telling to +1 inquiring).", tuple(evidence))


# --- text features (work on plain text; no analyzer needed) --------------------------------


def _sentence_of(turn: Turn, start: int) -> tuple[int | None, str, int, int]:
    """The analysed sentence holding ``start``, else the surrounding plain-text sentence."""
    if turn.analysis is not None:
        for i, s in enumerate(turn.analysis.sentences):
            if s.start <= start < s.end:
                return i, s.text, s.start, s.end
    left = max(turn.text.rfind(p, 0, start) for p in ".!?\n") + 1
    right_candidates = [turn.text.find(p, start) for p in ".!?\n"]
    right = min((r + 1 for r in right_candidates if r != -1), default=len(turn.text))
    while left < right and turn.text[left].isspace():
        left += 1
    return None, turn.text[left:right], left, right


@feature("student_data_turns", needs_analysis=False, unit="replies")
def student_data_turns(turns: Sequence[Turn], *, profile_terms: Sequence[object] = ()) -> Measurement:
    """How many coach replies refer to the student's own data (a topic, a score, a date).

    Undefined when no profile terms were given: without the student's data there is
    nothing to refer to.
    """
    pattern = compile_terms(profile_terms)
    if pattern is None:
        return Measurement(None, "No student data was given, so references to it could not be checked.", ())
    evidence: list[EvidenceRef] = []
    turns_with_data = 0
    mentioned: list[str] = []
    for turn in turns:
        hits = find_terms(turn.text, pattern)
        if not hits:
            continue
        turns_with_data += 1
        seen: set[int] = set()
        for hit in hits:
            index, text, start, end = _sentence_of(turn, hit.start)
            if start in seen:
                continue
            seen.add(start)
            evidence.append(EvidenceRef(turn.number, index, text, start, end, "earned", f"mentions “{hit.text}”"))
            if hit.term not in mentioned:
                mentioned.append(hit.term)
    if turns_with_data == 0:
        subject = "Your reply does" if len(turns) == 1 else f"None of your {len(turns)} replies"
        return Measurement(0.0, f"{subject}{' not' if len(turns) == 1 else ''} mention the student's own data.", ())
    shown = ", ".join(f"“{m}”" for m in mentioned[:3])
    subject = "Your reply" if len(turns) == 1 else f"{turns_with_data} of your {len(turns)} replies"
    return Measurement(float(turns_with_data), f"{subject} referred to the student's own data ({shown}).",
                       tuple(evidence))


def _smart_feature(component: str) -> Extractor:
    title = COMPONENT_TITLE[component]

    def extract(turns: Sequence[Turn], *, profile_terms: Sequence[object] = ()) -> Measurement:
        goals = [t for t in turns if t.text.strip()]
        if not goals:
            return Measurement(None, "No goal was written.", ())
        scores: list[float] = []
        evidence: list[EvidenceRef] = []
        reasons: list[str] = []
        for turn in goals:
            check = check_smart(turn.text, profile_terms=profile_terms).components[component]
            scores.append(check.score)
            reasons.append(check.reason)
            for span in check.spans:
                evidence.append(
                    EvidenceRef(turn.number, None, span.text, span.start, span.end,
                                "earned" if span.supports else "cost", span.note)
                )
        mean = sum(scores) / len(scores)
        subject = "The goal" if len(goals) == 1 else f"Of {len(goals)} goals, the first"
        return Measurement(mean, f"{subject} {reasons[0]}.", tuple(evidence))

    extract.__doc__ = (
        f"How far the goal text is {title} (1 clearly, 0.5 partly, 0 not), averaged over goals.\n\n"
        "See ``coachkit.rubrics.smart`` for the word patterns."
    )
    extract.__name__ = f"smart_{component}"
    return extract


for _component in COMPONENT_TITLE:
    feature(f"smart_{_component}", needs_analysis=False, unit="SMART component score (0-1)")(_smart_feature(_component))
