"""Train the fast tier (``coachkit train``): AnnoMI transcripts plus the kit's written replies.

Only this module imports scikit-learn; scoring never does. Training is deterministic: the
same data gives a byte-identical model directory (lbfgs has no randomness, the example order
is fixed, and the model records no time stamp).

Two sources:

* AnnoMI-format transcripts (``--data``): one example per therapist utterance, labelled with
  the annotators' majority, with the client's preceding utterance as context - the unit the
  kit is evaluated on. They train the AnnoMI heads (main behaviour and its subtypes) and,
  through the advice subtype (and their questions, reflections and other talk), the
  directive head.
* The kit's labelled written coaching replies (``datasets/coaching_replies/train.csv``; never
  the test split): one example per sentence, labelled with its act. They train the act head
  and the directive head, which is what teaches the analyzer written academic-coaching talk.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coachkit.analyzer.acts import ACTS, DIRECTIVE_ACTS, MI_CODES
from coachkit.analyzer.cues import text_rule_features
from coachkit.analyzer.features import (
    BLOCK_INDEX,
    DEFAULT_BLOCK_WEIGHTS,
    PASS_THROUGH_BLOCKS,
    SHAPE_BUCKETS,
    RawFeatures,
    char_block,
    char_document_buckets,
    raw_features,
    weight,
)
from coachkit.analyzer.model import Head, LinearModel
from coachkit.analyzer.segment import split_sentences
from coachkit.errors import InputError

ANNOMI_COLUMNS = (
    "transcript_id",
    "utterance_id",
    "interlocutor",
    "utterance_text",
    "main_therapist_behaviour",
    "question_subtype",
    "reflection_subtype",
    "therapist_input_subtype",
)
REPLY_COLUMNS = ("context", "text", "sentence_labels")
#: head name -> its classes. A head trains on the examples that carry a label for it.
HEADS: dict[str, tuple[str, ...]] = {
    "main": MI_CODES,
    "question": ("open", "closed"),
    "reflection": ("simple", "complex"),
    "input": ("information", "advice", "options", "negotiation"),
    "directive": ("no", "yes"),
    "act": ACTS,
}
MIN_DOCUMENT_FREQUENCY = 2
REGULARISATION_C = 1.0
#: Class-prior correction of the main head: scores are divided by prior**PRIOR_CORRECTION.
#: Logistic regression favours frequent classes; macro-F1 weighs every class alike, so the
#: rarer therapist input is under-called without it (+0.007 macro-F1 in transcript-grouped CV).
PRIOR_CORRECTION = 0.5
#: Heads that do not see the student's words, only the coach's (and how much they echo the
#: student). Whether a sentence tells or invites is a property of what the coach wrote;
#: the student's topic words only let these heads learn which *dataset* a reply came from
#: (written replies were collected half directive, AnnoMI's are 3 % advice), so a reply
#: that merely had a context leaned directive.
CONTEXT_BLIND_HEADS = ("directive", "act")
#: Weight of a written coaching sentence in the directive head, against 1 for an AnnoMI
#: utterance. The kit exists to judge written coaching; AnnoMI's spoken counselling outnumbers
#: it 3 to 1 and labels far less as directive. 2 gave the best directive F1 in 4-fold CV on
#: the written *training* split (0.856 at 1, 0.868 at 2, 0.860 at 4).
WRITTEN_DIRECTIVE_WEIGHT = 2.0


@dataclass(frozen=True)
class Example:
    """One training text (an utterance or a sentence) with the labels it carries."""

    text: str
    context: str
    labels: dict[str, str]


def _majority(values: list[str]) -> str:
    counts = Counter(values)
    best = max(counts.values())
    return min(v for v, c in counts.items() if c == best)  # ties broken alphabetically


def _read_csv(path: str | Path, required: tuple[str, ...], what: str) -> list[dict]:
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path} is not {what}: missing column(s) {', '.join(missing)}")
            return list(reader)
    except OSError as exc:
        raise InputError(f"cannot read training data {path}: {exc.strerror or exc}") from exc


def read_annomi(path: str | Path) -> list[Example]:
    """Read an AnnoMI-format CSV into one example per therapist utterance."""
    rows = _read_csv(path, ANNOMI_COLUMNS, "AnnoMI-format")
    by_utterance: dict[tuple[int, int], list[dict]] = defaultdict(list)
    try:
        for row in rows:
            by_utterance[(int(row["transcript_id"]), int(row["utterance_id"]))].append(row)
    except ValueError as exc:
        raise InputError(f"{path}: transcript_id and utterance_id must be integers ({exc})") from exc
    examples: list[Example] = []
    previous_client, previous_transcript = "", None
    for key in sorted(by_utterance):
        group = by_utterance[key]
        if key[0] != previous_transcript:
            previous_client, previous_transcript = "", key[0]
        first = group[0]
        if first["interlocutor"] == "client":
            previous_client = first["utterance_text"]
            continue
        main = _majority([r["main_therapist_behaviour"] for r in group])
        if main not in MI_CODES:
            continue
        labels = {"main": main}
        advice = _majority([r["therapist_input_subtype"] for r in group]) == "advice"
        # Therapist input that is not advice (information, options, negotiation) gives the
        # directive head no label: AnnoMI has no code for persuasion, so arguing with facts is
        # "information" there, and calling it "not directive" taught the head the opposite of
        # the kit's written labels (CV: AnnoMI advice F1 0.339 -> 0.362, written directive F1
        # 0.860 -> 0.858). Questions, reflections and other talk still count as not directive.
        if advice or main != "therapist_input":
            labels["directive"] = "yes" if advice else "no"
        for head, column in (("question", "question_subtype"), ("reflection", "reflection_subtype"), ("input", "therapist_input_subtype")):
            if main == {"question": "question", "reflection": "reflection", "input": "therapist_input"}[head]:
                labels[head] = _majority([r[column] for r in group])
        examples.append(Example(first["utterance_text"], previous_client, labels))
        previous_client = ""
    if not examples:
        raise InputError(f"{path} holds no therapist utterances to train on")
    return examples


def read_replies(path: str | Path) -> list[Example]:
    """Read the kit's labelled written replies into one example per sentence."""
    examples = []
    for number, row in enumerate(_read_csv(path, REPLY_COLUMNS, "a labelled replies file"), start=2):
        labels = row["sentence_labels"].split("|")
        sentences = split_sentences(row["text"])
        unknown = [a for a in labels if a not in ACTS]
        if unknown:
            raise InputError(f"{path}, line {number}: unknown act(s) {', '.join(unknown)}")
        if len(sentences) != len(labels):
            continue  # the labeller split the reply differently; skip rather than misalign
        for span, act in zip(sentences, labels):
            examples.append(Example(span.text, row["context"], {"act": act, "directive": "yes" if act in DIRECTIVE_ACTS else "no"}))
    return examples


@dataclass(frozen=True)
class TrainingMatrix:
    """The fast tier's features of a set of examples, as the heads are fitted on them."""

    raw: RawFeatures
    vocabulary: np.ndarray
    idf: np.ndarray
    matrix: object  # scipy.sparse.csr_matrix, (examples, vocabulary)


def training_matrix(examples: list[Example]) -> TrainingMatrix:
    """Build the vocabulary (with idf) from ``examples`` and their weighted feature matrix."""
    from scipy.sparse import csr_matrix

    texts = [e.text for e in examples]
    contexts = [e.context for e in examples]
    raw = raw_features(texts, contexts, [text_rule_features(t) for t in texts])
    vocabulary, idf = _vocabulary(raw)
    blocks = (
        weight(raw, len(texts), vocabulary=vocabulary, idf=idf, block_weights=DEFAULT_BLOCK_WEIGHTS),
        char_block(raw, vocabulary=vocabulary, idf=idf, weight_c=DEFAULT_BLOCK_WEIGHTS["c"]),
    )
    matrix = csr_matrix(
        (np.concatenate([b.values for b in blocks]),
         (np.concatenate([b.rows for b in blocks]), np.concatenate([b.columns for b in blocks]))),
        shape=(len(texts), len(vocabulary)),
    )
    return TrainingMatrix(raw, vocabulary, idf, matrix)


def train(examples: list[Example], *, c: float = REGULARISATION_C) -> LinearModel:
    """Fit every head on the examples that carry its label; return the model."""
    built = training_matrix(examples)
    raw, vocabulary, idf = built.raw, built.vocabulary, built.idf
    heads, weights, bias = fit_heads(examples, built.matrix, tuple(HEADS), blind=context_word_columns(built), c=c)
    digest = hashlib.sha256("\n".join(f"{e.text}\t{e.context}\t{sorted(e.labels.items())}" for e in examples).encode())
    model = LinearModel(
        vocabulary=vocabulary,
        idf=idf,
        weights=weights.astype(np.float32),
        bias=bias.astype(np.float32),
        heads=heads,
        block_weights=dict(DEFAULT_BLOCK_WEIGHTS),
        metadata={
            "training": {
                "examples": len(examples),
                "labels": {name: sum(1 for e in examples if name in e.labels) for name in HEADS},
                "sha256": digest.hexdigest(),
                "C": c,
                "prior_correction": PRIOR_CORRECTION,
                "written_directive_weight": WRITTEN_DIRECTIVE_WEIGHT,
            }
        },
    )
    # Every training word's character-block projection is precomputed in the model, so a
    # scoring process projects only words it has never seen (``LinearModel.with_word_table``).
    return model.with_word_table(sorted({w for words in raw.words for w in words}))


def fit_heads(examples: list[Example], matrix, names: tuple[str, ...], *, blind: np.ndarray,
              c: float = REGULARISATION_C) -> tuple[tuple[Head, ...], np.ndarray, np.ndarray]:
    """Fit the heads ``names`` (keys of ``HEADS``) on the rows of ``matrix`` (one per example)
    that carry each head's label: its weights (columns side by side, in ``names`` order) and biases.

    The heads in ``CONTEXT_BLIND_HEADS`` do not see the columns in ``blind``; the directive
    head weighs written sentences by ``WRITTEN_DIRECTIVE_WEIGHT``; the main head's biases get
    the class-prior correction. The quality tier fits its joint heads with this too, on a
    matrix with the encoder's columns appended.
    """
    from sklearn.linear_model import LogisticRegression

    columns, biases, heads = [], [], []
    for name in names:
        classes = HEADS[name]
        keep = [i for i, e in enumerate(examples) if e.labels.get(name) in classes]
        if not keep:
            raise InputError(f"the training data has no examples for the {name!r} head")
        y = [examples[i].labels[name] for i in keep]
        weights = None
        if name == "directive":
            weights = np.array([WRITTEN_DIRECTIVE_WEIGHT if "act" in examples[i].labels else 1.0 for i in keep])
        head_matrix = matrix[keep]
        if name in CONTEXT_BLIND_HEADS:
            head_matrix = head_matrix @ _column_mask(matrix.shape[1], blind)
        coef, intercept = _fit_head(LogisticRegression, head_matrix, y, classes, c, weights)
        if name == "main":
            prior = np.array([max(y.count(k), 1) for k in classes], dtype=float) / len(y)
            intercept = intercept - PRIOR_CORRECTION * np.log(prior)
        heads.append(Head(name, tuple(classes), sum(len(h.classes) for h in heads)))
        columns.append(coef)
        biases.append(intercept)
    return tuple(heads), np.hstack(columns), np.concatenate(biases)


def context_word_columns(built: TrainingMatrix) -> np.ndarray:
    """Columns of the student's words (block ``x``) and of "no context" in ``built``'s matrix."""
    buckets = np.asarray(built.raw.buckets, dtype=np.int64)[np.asarray(built.raw.blocks) == BLOCK_INDEX["x"]]
    buckets = np.union1d(buckets, [SHAPE_BUCKETS["noctx"]])
    return np.flatnonzero(np.isin(built.vocabulary, buckets))


def _column_mask(n_columns: int, zeroed: np.ndarray):
    """A diagonal matrix that keeps every column but ``zeroed``."""
    from scipy.sparse import diags

    keep = np.ones(n_columns)
    keep[zeroed] = 0.0
    return diags(keep, format="csr")


def _vocabulary(raw) -> tuple[np.ndarray, np.ndarray]:
    """Known buckets (document frequency >= MIN_DOCUMENT_FREQUENCY) and their smoothed idf."""
    char_sets = char_document_buckets(raw)
    buckets = np.concatenate([np.asarray(raw.buckets, dtype=np.int64),
                              np.fromiter((b for s in char_sets for b in s), dtype=np.int64)])
    blocks = np.concatenate([np.asarray(raw.blocks, dtype=np.int64),
                             np.full(sum(len(s) for s in char_sets), BLOCK_INDEX["c"])])
    n_docs = len(raw.words)
    unique, df = np.unique(buckets, return_counts=True)  # each (row, bucket) appears once per block
    pass_through = np.unique(buckets[np.isin(blocks, PASS_THROUGH_BLOCKS)])
    keep = (df >= MIN_DOCUMENT_FREQUENCY) | np.isin(unique, pass_through)
    vocabulary, df = unique[keep], df[keep]
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    idf[np.isin(vocabulary, pass_through)] = 1.0
    return vocabulary, idf


def _fit_head(estimator, matrix, y, classes, c, sample_weight=None) -> tuple[np.ndarray, np.ndarray]:
    """Fit one head; return (n_features, len(classes)) weights and biases in ``classes`` order."""
    present = sorted(set(y))
    n_features = matrix.shape[1]
    coef = np.zeros((n_features, len(classes)))
    intercept = np.full(len(classes), -30.0)  # classes never seen get no probability
    if len(present) == 1:
        intercept[classes.index(present[0])] = 0.0
        return coef, intercept
    model = estimator(C=c, max_iter=5000, tol=1e-6).fit(matrix, y, sample_weight=sample_weight)
    fitted = list(model.classes_)
    if len(fitted) == 2:  # binary: softmax over [0, w·x + b] equals the logistic model
        coef[:, classes.index(fitted[1])] = model.coef_[0]
        intercept[classes.index(fitted[0])] = 0.0
        intercept[classes.index(fitted[1])] = model.intercept_[0]
    else:
        for k, label in enumerate(fitted):
            coef[:, classes.index(label)] = model.coef_[k]
            intercept[classes.index(label)] = model.intercept_[k]
    return coef, intercept
