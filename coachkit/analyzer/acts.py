"""The coding vocabulary: AnnoMI's main behaviours, the fine-grained acts, and their weights.

The four ``MI_CODES`` are AnnoMI's main therapist behaviours. The ``ACTS`` refine them in
the spirit of MITI 4.2.1 (Moyers et al.) and AnnoMI's subtypes. Every act belongs to one
family (its usual ``mi_code``), is either directive or not, and carries an inquiry weight
used by the inquiry index.

Inquiry index (documented formula)
----------------------------------
For one sentence with act probabilities ``p(a)``::

    inquiry_index = sum_a p(a) * INQUIRY_WEIGHT[a]          (clipped to [-1, 1])

The weights follow MITI's summary scores and the coaching handbook's "guide on the side":
open questions and reflections invite the student's own thinking (+), complex reflections
more than simple ones; MI-adherent acts (seek collaboration, emphasise autonomy, affirm) are
+; closed questions are mildly -, because a run of them turns a meeting into an
interrogation; giving information unasked is clearly - (the expert talks, the student
listens: the "sage on the stage" the kit trains away from), negotiating the coach's plan
less so; advice, leading questions, persuasion and premature reassurance are -1 or close
(MI-non-adherent). On AnnoMI, sessions that experts rate low in MI quality differ from high
ones mostly in these directive and informing acts, far less in reflections, which is why
reflections are weighted moderately.
Other talk (acknowledgements such as "Mm-hmm", "Right", "I see", greetings) is mildly +:
a turn in which the coach only acknowledges hands the floor back to the student, and in
AnnoMI such listening turns are far more frequent in high-quality sessions (at 0 they
diluted the session means of good sessions; +0.3 lifted session AUC from 0.89 to 0.92 in
transcript-grouped cross-validation, and every value between 0.2 and 0.5 did better than 0).
A reply's index is the mean of its sentences' indices weighted by sentence length, so one
short "OK." does not outweigh a long piece of advice.
"""

from __future__ import annotations

MI_CODES: tuple[str, ...] = ("question", "reflection", "therapist_input", "other")

#: act -> (family mi_code, directive?, inquiry weight, plain-language label)
ACT_TABLE: dict[str, tuple[str, bool, float, str]] = {
    "open_question": ("question", False, 0.7, "open question"),
    "closed_question": ("question", False, -0.2, "closed question"),
    "leading_question": ("question", True, -1.0, "leading question (advice phrased as a question)"),
    "simple_reflection": ("reflection", False, 0.4, "simple reflection"),
    "complex_reflection": ("reflection", False, 0.6, "complex reflection"),
    "affirmation": ("other", False, 0.6, "affirmation"),
    "seeking_collaboration": ("other", False, 0.8, "seeking collaboration / asking permission"),
    "emphasizing_autonomy": ("other", False, 0.8, "emphasising autonomy"),
    "structuring": ("other", False, 0.0, "structuring the conversation"),
    "information": ("therapist_input", False, -0.7, "giving information"),
    "options": ("therapist_input", False, 0.2, "offering options"),
    "negotiation": ("therapist_input", False, -0.5, "negotiating a plan"),
    "advice": ("therapist_input", True, -1.0, "advice"),
    "persuasion": ("therapist_input", True, -1.0, "persuading / arguing for change"),
    "reassurance": ("other", True, -0.8, "premature reassurance"),
    "other": ("other", False, 0.3, "other talk"),
}

ACTS: tuple[str, ...] = tuple(ACT_TABLE)
DIRECTIVE_ACTS: frozenset[str] = frozenset(a for a, row in ACT_TABLE.items() if row[1])
INQUIRY_WEIGHT: dict[str, float] = {a: row[2] for a, row in ACT_TABLE.items()}
ACT_LABEL: dict[str, str] = {a: row[3] for a, row in ACT_TABLE.items()}
ACT_FAMILY: dict[str, str] = {a: row[0] for a, row in ACT_TABLE.items()}


def family_of(act: str) -> str:
    """Return the AnnoMI main behaviour an act usually belongs to."""
    return ACT_FAMILY[act]


def is_directive(act: str) -> bool:
    """True for acts that tell, push or steer rather than invite the student's thinking."""
    return act in DIRECTIVE_ACTS
