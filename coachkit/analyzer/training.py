"""Train the fast tier from AnnoMI-format transcripts (``coachkit train``).

Only this module imports scikit-learn; scoring never does. Training is deterministic: the
same CSV gives a byte-identical model directory (lbfgs has no randomness, rows are sorted,
and the model file records no time stamp).

From AnnoMI rows (one per utterance per annotator) it builds one example per therapist
utterance, labelled with the annotators' majority, with the client's preceding utterance as
context - the same unit the kit is evaluated on.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coachkit.analyzer.acts import MI_CODES
from coachkit.analyzer.features import BLOCK_INDEX, DEFAULT_BLOCK_WEIGHTS, raw_features, weight
from coachkit.analyzer.model import Head, LinearModel
from coachkit.errors import InputError

REQUIRED_COLUMNS = (
    "transcript_id",
    "utterance_id",
    "interlocutor",
    "utterance_text",
    "main_therapist_behaviour",
    "question_subtype",
    "reflection_subtype",
    "therapist_input_subtype",
)
HEADS = (
    ("main", MI_CODES, "main_therapist_behaviour", None),
    ("question", ("open", "closed"), "question_subtype", "question"),
    ("reflection", ("simple", "complex"), "reflection_subtype", "reflection"),
    ("input", ("information", "advice", "options", "negotiation"), "therapist_input_subtype", "therapist_input"),
)
MIN_DOCUMENT_FREQUENCY = 2
REGULARISATION_C = 1.0
#: Class-prior correction of the main head: scores are divided by prior**PRIOR_CORRECTION.
#: Logistic regression favours frequent classes; macro-F1 weighs every class alike, so the
#: rarer therapist input is under-called without it (+0.007 macro-F1 in transcript-grouped CV).
PRIOR_CORRECTION = 0.5


@dataclass(frozen=True)
class Example:
    """One therapist utterance with its majority labels."""

    text: str
    context: str
    labels: dict[str, str]


def _majority(values: list[str]) -> str:
    counts = Counter(values)
    best = max(counts.values())
    return min(v for v, c in counts.items() if c == best)  # ties broken alphabetically


def read_annomi(path: str | Path) -> list[Example]:
    """Read an AnnoMI-format CSV into one example per therapist utterance."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path} is not AnnoMI-format: missing column(s) {', '.join(missing)}")
            rows = list(reader)
    except OSError as exc:
        raise InputError(f"cannot read training data {path}: {exc.strerror or exc}") from exc
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
        labels = {column: _majority([r[column] for r in group]) for _, _, column, _ in HEADS}
        if labels["main_therapist_behaviour"] not in MI_CODES:
            continue
        examples.append(Example(first["utterance_text"], previous_client, labels))
        previous_client = ""
    if not examples:
        raise InputError(f"{path} holds no therapist utterances to train on")
    return examples


def train(examples: list[Example], *, c: float = REGULARISATION_C) -> LinearModel:
    """Fit every head on ``examples`` and return the model (deterministic)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    texts = [e.text for e in examples]
    contexts = [e.context for e in examples]
    raw = raw_features(texts, contexts)
    vocabulary, idf = _vocabulary(raw)
    feats = weight(raw, len(texts), vocabulary=vocabulary, idf=idf, block_weights=DEFAULT_BLOCK_WEIGHTS)
    matrix = csr_matrix((feats.values, (feats.rows, feats.columns)), shape=(len(texts), len(vocabulary)))
    columns, biases, heads = [], [], []
    for name, classes, column, family in HEADS:
        keep = [i for i, e in enumerate(examples) if (family is None or e.labels["main_therapist_behaviour"] == family)
                and e.labels[column] in classes]
        y = [e.labels[column] for e in (examples[i] for i in keep)]
        coef, intercept = _fit_head(LogisticRegression, matrix[keep], y, classes, c)
        if name == "main":
            prior = np.array([max(y.count(k), 1) for k in classes], dtype=float) / len(y)
            intercept = intercept - PRIOR_CORRECTION * np.log(prior)
        heads.append(Head(name, tuple(classes), sum(len(h.classes) for h in heads)))
        columns.append(coef)
        biases.append(intercept)
    digest = hashlib.sha256("\n".join(f"{e.text}\t{e.context}\t{sorted(e.labels.items())}" for e in examples).encode())
    return LinearModel(
        vocabulary=vocabulary,
        idf=idf,
        weights=np.hstack(columns).astype(np.float32),
        bias=np.concatenate(biases).astype(np.float32),
        heads=tuple(heads),
        block_weights=dict(DEFAULT_BLOCK_WEIGHTS),
        metadata={
            "training": {
                "examples": len(examples),
                "sha256": digest.hexdigest(),
                "C": c,
                "prior_correction": PRIOR_CORRECTION,
            }
        },
    )


def _vocabulary(raw) -> tuple[np.ndarray, np.ndarray]:
    """Known buckets (document frequency >= MIN_DOCUMENT_FREQUENCY) and their smoothed idf."""
    buckets = np.asarray(raw.buckets, dtype=np.int64)
    blocks = np.asarray(raw.blocks, dtype=np.int64)
    n_docs = max(raw.rows) + 1 if raw.rows else 0
    unique, df = np.unique(buckets, return_counts=True)  # each (row, bucket) appears once per block
    shape_buckets = np.unique(buckets[blocks == BLOCK_INDEX["s"]])
    keep = (df >= MIN_DOCUMENT_FREQUENCY) | np.isin(unique, shape_buckets)
    vocabulary, df = unique[keep], df[keep]
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    idf[np.isin(vocabulary, shape_buckets)] = 1.0
    return vocabulary, idf


def _fit_head(estimator, matrix, y, classes, c) -> tuple[np.ndarray, np.ndarray]:
    """Fit one head; return (n_features, len(classes)) weights and biases in ``classes`` order."""
    present = sorted(set(y))
    n_features = matrix.shape[1]
    coef = np.zeros((n_features, len(classes)))
    intercept = np.full(len(classes), -30.0)  # classes never seen get no probability
    if len(present) == 1:
        intercept[classes.index(present[0])] = 0.0
        return coef, intercept
    model = estimator(C=c, max_iter=5000, tol=1e-6).fit(matrix, y)
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
