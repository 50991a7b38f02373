"""``analyze`` and ``analyze_many``: the trained model and the linguistic cues, combined.

For each reply the model scores the whole reply (AnnoMI codes whole utterances, so the
reply's ``mi_code`` is the model's call on the whole) and each of its sentences. The cues
(``coachkit.analyzer.cues``) are found first and fed to the model as features, so its
``directive`` head weighs grammar (imperatives, obligation modals, advice as a question,
permission...) together with the words; a sentence is directive when that head says so.
Its act is then the cue's act where grammar names one, else the model's.

Act probabilities of a sentence: the directive head's probability is shared among the
directive acts, the rest among the other acts, each in proportion to the model's act scores
(the written-coaching ``act`` head averaged with AnnoMI's behaviour x subtype heads); an act
named by a cue is then mixed in as ``(1 - RULE_WEIGHT) * model + RULE_WEIGHT * cue``. The
inquiry index (see ``acts``) is the expectation of the act weights under that distribution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coachkit.analyzer import acts as A
from coachkit.analyzer.analysis import Analysis, Evidence, SentenceAnalysis
from coachkit.analyzer.cues import Decision, decide, rule_features
from coachkit.analyzer.language import looks_english
from coachkit.analyzer.model import LinearModel, load_model
from coachkit.analyzer.segment import Span, split_sentences
from coachkit.analyzer.suggest import suggest
from coachkit.errors import InputError

MAX_CHARS = 5000
RULE_WEIGHT = 0.85
TIERS = ("fast", "quality")  # quality: coachkit.analyzer.quality (ONNX encoder, loaded only when asked)
#: Per tier, a sentence is directive when its directive head gives it at least this
#: probability. Chosen by cross-validation on the ordinary replies of the written training
#: split (its first batch and the fifth to seventh, by other writers), reply level, with folds
#: that hold out whole writers (the kit meets faculty whose phrasing it has never read) and the
#: targeted batches always in training: those were written to teach the hard boundaries
#: (verdicts without cue words, reflections that voice a "should"), so they over-represent near
#: misses, and a threshold fitted on them is too eager on ordinary replies. Rule: the best F1
#: in steps of 0.05, the lower of two within 0.002 (recall first), applied again whenever the
#: model changes. Session 6, final models: fast 0.877 at both 0.45 and 0.50, so 0.45; quality
#: 0.882 at 0.60 and 0.881 at 0.55, so 0.55. Reproduce with
#: ``python benchmarks/directive_thresholds.py``.
DIRECTIVE_THRESHOLDS = {"fast": 0.45, "quality": 0.55}
_SUBTYPES = {
    "question": ("question", {"open": "open_question", "closed": "closed_question"}),
    "reflection": ("reflection", {"simple": "simple_reflection", "complex": "complex_reflection"}),
    "therapist_input": ("input", {"information": "information", "advice": "advice", "options": "options", "negotiation": "negotiation"}),
}
_DIRECTIVE_PRIORITY = ("advice", "leading_question", "persuasion", "reassurance")
_DIRECTIVE_MASK = np.array([A.is_directive(a) for a in A.ACTS])
_ACT_INDEX = {a: i for i, a in enumerate(A.ACTS)}
_INQUIRY_WEIGHTS = np.array([A.INQUIRY_WEIGHT[a] for a in A.ACTS])


def analyze(text: str, context: str = "", *, tier: str = "fast", model: LinearModel | str | None = None,
            with_readability: bool = True) -> Analysis:
    """Analyse one coach reply; ``context`` is what the student said just before it."""
    return analyze_many([text], [context], tier=tier, model=model, with_readability=with_readability)[0]


def analyze_many(texts: Sequence[str], contexts: Sequence[str] | None = None, *, tier: str = "fast",
                 model: LinearModel | str | None = None, with_readability: bool = True) -> list[Analysis]:
    """Analyse a batch of replies at once (much faster per reply than one at a time)."""
    if tier not in TIERS:
        raise InputError(f"unknown tier {tier!r}; available: {', '.join(TIERS)}")
    contexts = list(contexts) if contexts is not None else [""] * len(texts)
    if len(contexts) != len(texts):
        raise InputError(f"got {len(texts)} texts but {len(contexts)} contexts")
    for i, (text, context) in enumerate(zip(texts, contexts)):
        if not isinstance(text, str) or not isinstance(context, str):
            raise InputError(f"item {i}: text and context must be strings, not {type(text).__name__}/{type(context).__name__}")
    if tier == "quality":
        from coachkit.analyzer.quality import QualityModel, load_quality_model

        linear = model if isinstance(model, QualityModel) else load_quality_model(model)
    else:
        linear = model if isinstance(model, LinearModel) else load_model(model)

    clipped = [t[:MAX_CHARS] for t in texts]
    spans = [split_sentences(t) for t in clipped]
    decisions = [[decide(s.text) for s in sentence_spans] for sentence_spans in spans]
    features = [[rule_features(d) for d in reply] for reply in decisions]
    # One model call for every reply and, where a reply has several, each of its sentences.
    batch_texts, batch_contexts, owners = list(clipped), list(contexts), []
    batch_rules = [sorted({f for sentence in reply for f in sentence}) for reply in features]
    for i, sentence_spans in enumerate(spans):
        if len(sentence_spans) > 1:
            owners.append((i, len(batch_texts)))
            batch_texts.extend(s.text for s in sentence_spans)
            batch_contexts.extend([contexts[i]] * len(sentence_spans))
            batch_rules.extend(features[i])
    probs = linear.predict(batch_texts, batch_contexts, batch_rules)
    acts = _ActRows.of(_act_distributions(probs, linear))
    main_classes = linear.head("main").classes
    main_family = [main_classes[j] for j in probs["main"].argmax(axis=1).tolist()]  # ties: the first, as max() does
    shown_main = [dict(zip(main_classes, row)) for row in np.round(probs["main"], 4).tolist()]
    first_sentence_row = dict(owners)

    results = []
    for i, text in enumerate(texts):
        rows = [i] if len(spans[i]) <= 1 else list(range(first_sentence_row[i], first_sentence_row[i] + len(spans[i])))
        results.append(_summarise(text, clipped[i], contexts[i], spans[i], decisions[i], main_family, shown_main, acts, i,
                                  rows, with_readability, tier))
    return results


@dataclass(frozen=True)
class _ActRows:
    """The act distributions of a batch (one row per scored text, columns in ``A.ACTS`` order)
    and what coding a sentence reads from them, computed for all rows at once: numpy calls
    per sentence were a sixth of the time spent summarising."""

    dist: np.ndarray
    directive_mass: list[float]
    best_directive: list[str]  # the most likely directive act (the first of equals, in table order)
    best_inquiry: list[str]
    open_first: list[bool]  # an open question at least as likely as a closed one
    index: list[float]  # the inquiry index before any cue is mixed in
    shown: list[list[float]]  # rounded for output

    @classmethod
    def of(cls, dist: np.ndarray) -> _ActRows:
        directive_columns = np.flatnonzero(_DIRECTIVE_MASK)
        inquiry_columns = np.flatnonzero(~_DIRECTIVE_MASK)
        return cls(
            dist=dist,
            directive_mass=dist[:, _DIRECTIVE_MASK].sum(axis=1).tolist(),
            best_directive=[A.ACTS[j] for j in directive_columns[dist[:, directive_columns].argmax(axis=1)].tolist()],
            best_inquiry=[A.ACTS[j] for j in inquiry_columns[dist[:, inquiry_columns].argmax(axis=1)].tolist()],
            open_first=(dist[:, _ACT_INDEX["open_question"]] >= dist[:, _ACT_INDEX["closed_question"]]).tolist(),
            index=(dist @ _INQUIRY_WEIGHTS).tolist(),
            shown=np.round(dist, 4).tolist(),
        )


def _act_distributions(probs: dict[str, np.ndarray], linear: LinearModel) -> np.ndarray:
    """The model's act probabilities, one row per scored text, columns in ``A.ACTS`` order
    (see the module docstring). Computed for the whole batch at once."""
    main = probs["main"]
    main_col = {c: i for i, c in enumerate(linear.head("main").classes)}
    annomi = np.zeros((len(main), len(A.ACTS)))
    annomi[:, _ACT_INDEX["other"]] = main[:, main_col["other"]]
    for family, (head_name, mapping) in _SUBTYPES.items():
        sub_col = {c: i for i, c in enumerate(linear.head(head_name).classes)}
        for subtype, act in mapping.items():
            annomi[:, _ACT_INDEX[act]] += main[:, main_col[family]] * probs[head_name][:, sub_col[subtype]]
    written_col = [linear.head("act").classes.index(a) for a in A.ACTS]
    mixed = 0.5 * annomi + 0.5 * probs["act"][:, written_col]
    p_directive = probs["directive"][:, linear.head("directive").classes.index("yes")]
    dist = np.empty_like(mixed)
    for directive, mass in ((True, p_directive), (False, 1.0 - p_directive)):
        group = _DIRECTIVE_MASK if directive else ~_DIRECTIVE_MASK
        total = mixed[:, group].sum(axis=1)
        total[total == 0] = 1.0
        dist[:, group] = mass[:, None] * mixed[:, group] / total[:, None]
    return dist


def _sentence(span: Span, decision: Decision, acts: _ActRows, row: int, model_family: str,
              shown_main: dict[str, float], threshold: float) -> SentenceAnalysis:
    """Code one sentence from its row of act distributions and the main head's family
    (``shown_main``: the main head's scores, rounded for output)."""
    directive = acts.directive_mass[row] >= threshold
    if decision.act and A.is_directive(decision.act) == directive:
        act = decision.act
    elif directive:
        act = acts.best_directive[row]
    elif model_family == "question" or (decision.is_question and model_family != "reflection"):
        act = f"{decision.question_form or ('open' if acts.open_first[row] else 'closed')}_question"
    else:
        act = acts.best_inquiry[row]
    if act == decision.act:
        dist = (1 - RULE_WEIGHT) * acts.dist[row]
        dist[_ACT_INDEX[act]] += RULE_WEIGHT
        index, shown = float(dist @ _INQUIRY_WEIGHTS), np.round(dist, 4).tolist()
    else:
        index, shown = acts.index[row], acts.shown[row]
    index = min(1.0, max(-1.0, index))
    mi_code = A.family_of(act) if (directive or act.endswith("_question")) else model_family
    matches = decision.matches if act == decision.act else ()
    evidence = tuple(
        Evidence(span.start + m.start, span.start + m.end, m.text, m.cue.name, m.cue.explanation)
        for m in matches
    )
    return SentenceAnalysis(
        text=span.text,
        start=span.start,
        end=span.end,
        mi_code=mi_code,
        act=act,
        directive=directive,
        inquiry_index=round(index, 4),
        probabilities=shown_main,
        act_probabilities={k: v for k, v in zip(A.ACTS, shown) if v >= 0.0005},
        evidence=evidence,
        suggestion=suggest(span.text, act, matches) if directive else None,
    )


def _summarise(original: str, text: str, context: str, spans: list[Span], decisions: list[Decision],
               main_family: list[str], shown_main: list[dict[str, float]], acts: _ActRows, reply_row: int,
               rows: list[int], with_readability: bool, tier: str) -> Analysis:
    notes = []
    if len(original) > MAX_CHARS:
        notes.append("truncated")
    if not spans:
        return Analysis(text=original, context=context, mi_code="other", act="other", directive=False, inquiry_index=0.0,
                        probabilities=shown_main[reply_row], sentences=(),
                        readability=_readability(text, 0) if with_readability else None, tier=tier,
                        notes=("empty", *notes))
    if not looks_english(text):
        notes.append("not_english")
    sentences = []
    for span, decision, row in zip(spans, decisions, rows):
        sentences.append(_sentence(span, decision, acts, row, main_family[row], shown_main[row], DIRECTIVE_THRESHOLDS[tier]))
    directive = [s for s in sentences if s.directive]
    mi_code = main_family[reply_row]
    if directive:
        act = min(directive, key=lambda s: (_DIRECTIVE_PRIORITY.index(s.act), s.start)).act
    else:
        same_family = [s for s in sentences if s.mi_code == mi_code] or sentences
        act = max(same_family, key=lambda s: (s.act_probabilities.get(s.act, 0.0), s.start)).act
    lengths = [max(1, len(s.text.split())) for s in sentences]
    index = sum(n * s.inquiry_index for n, s in zip(lengths, sentences)) / sum(lengths)
    return Analysis(
        text=original,
        context=context,
        mi_code=mi_code,
        act=act,
        directive=bool(directive),
        inquiry_index=round(index, 4),
        probabilities=shown_main[reply_row],
        sentences=tuple(sentences),
        readability=_readability(text, len(spans)) if with_readability else None,
        tier=tier,
        notes=tuple(notes),
    )


def _readability(text: str, n_sentences: int):
    from coachkit.analyzer.readability import readability

    return readability(text, n_sentences)
