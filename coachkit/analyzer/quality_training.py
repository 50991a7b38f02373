"""Train the quality tier (``coachkit train --tier quality``).

The quality tier's main head is one logistic regression over two blocks (see
``coachkit.analyzer.quality``): the fast tier's sparse features, built by the same code, and
the frozen encoder's layer means of the reply, standardised and scaled so that the whole block has norm ``DENSE_BLOCK_WEIGHT`` (as each
sparse block has norm 1). Fitting both at once lets the regression decide, word by word and
dimension by dimension, what each block adds; averaging two separately trained models did
not beat the fast tier alone in transcript-grouped CV on AnnoMI.

The encoder is frozen, so training needs no torch: it reuses the ``encoder.onnx`` of an
existing quality model (the shipped one by default). Building the encoder itself is
``coachkit.analyzer.encoder_export`` (the ``train`` extra). Training is deterministic: the
encoder is a pure function of each text and lbfgs has no randomness.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np

from coachkit.analyzer.acts import MI_CODES
from coachkit.analyzer.encoder import Encoder
from coachkit.analyzer.encoder_export import ENCODER_FILE, TOKENIZER_FILE, export_encoder
from coachkit.analyzer.features import DEFAULT_BLOCK_WEIGHTS
from coachkit.analyzer.model import Head, LinearModel
from coachkit.analyzer.quality import SHIPPED_QUALITY_DIR, encoder_features, save_quality
from coachkit.analyzer.training import PRIOR_CORRECTION, REGULARISATION_C, Example, _fit_head, train, training_matrix
from coachkit.errors import InputError, ModelError

#: Encoder layers used (0-based over the six transformer layers): the upper four. Layers 3-6
#: probed better than the last layer alone or all six (transcript-grouped CV on AnnoMI).
LAYERS = (2, 3, 4, 5)
#: Norm of the encoder block next to the sparse blocks (each of norm 1).
DENSE_BLOCK_WEIGHT = 1.0


def train_main(examples: list[Example], *, encoder: Encoder, c: float = REGULARISATION_C,
               dense_weight: float = DENSE_BLOCK_WEIGHT) -> dict:
    """Fit the joint main head on the examples labelled with AnnoMI's main code.

    Returns the parts ``save_quality`` writes: ``main`` (the sparse part as a one-head
    ``LinearModel``), ``mean``, ``scale`` and ``weights`` (the encoder block).
    """
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    examples = [e for e in examples if e.labels.get("main") in MI_CODES]
    if not examples:
        raise InputError("the training data has no utterances labelled with AnnoMI's main codes")
    texts, contexts = [e.text for e in examples], [e.context for e in examples]
    built = training_matrix(examples)
    vocabulary, idf, sparse = built.vocabulary, built.idf, built.matrix
    dense = encoder_features(encoder, texts).astype(np.float64)
    mean, scale = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    block_scale = dense_weight / np.sqrt(dense.shape[1])
    matrix = hstack([sparse, csr_matrix((dense - mean) / scale * block_scale)]).tocsr()
    y = [e.labels["main"] for e in examples]
    coef, intercept = _fit_head(LogisticRegression, matrix, y, MI_CODES, c)
    prior = np.array([max(y.count(k), 1) for k in MI_CODES], dtype=float) / len(y)
    intercept = intercept - PRIOR_CORRECTION * np.log(prior)
    digest = hashlib.sha256("\n".join(f"{t}\t{x}\t{label}" for t, x, label in zip(texts, contexts, y)).encode())
    main = LinearModel(
        vocabulary=vocabulary,
        idf=idf,
        weights=coef[: len(vocabulary)].astype(np.float32),
        bias=intercept.astype(np.float32),
        heads=(Head("main", MI_CODES, 0),),
        block_weights=dict(DEFAULT_BLOCK_WEIGHTS),
        metadata={"training": {"examples": len(examples), "sha256": digest.hexdigest(), "C": c,
                               "prior_correction": PRIOR_CORRECTION}},
    )
    return {"main": main, "mean": mean, "scale": scale, "weights": coef[len(vocabulary):] * block_scale,
            "metadata": {"training": {"examples": len(examples), "sha256": digest.hexdigest(), "C": c,
                                      "dense_block_weight": dense_weight, "prior_correction": PRIOR_CORRECTION,
                                      "encoder": "all-MiniLM-L6-v2, int8, mean of layers 3-6 of the reply"}}}


def build(utterances: list[Example], sentences: list[Example], *, out: str | Path,
          encoder_from: str | Path | None = None, export: bool = False, with_fast: bool = True) -> Path:
    """Train the fast model and the quality main head into ``out``, with the encoder beside them.

    With ``with_fast=False`` no fast model is written and the quality tier takes its other
    heads from the package's fast model, as the shipped quality model does (so both tiers
    share one ``directive`` and ``act``).

    The encoder comes from ``encoder_from`` (a directory holding ``encoder.onnx`` and
    ``tokenizer.json``; default: the shipped quality model), or is rebuilt from the
    MiniLM weights when ``export`` is true (needs ``coachkit[train]``).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if export:
        export_encoder(out)
    else:
        source = Path(encoder_from or SHIPPED_QUALITY_DIR)
        for name in (ENCODER_FILE, TOKENIZER_FILE):
            if not (source / name).is_file():
                raise ModelError(f"{source} has no {name} to take the encoder from; "
                                 "pass --encoder DIR or --export-encoder")
            if (source / name).resolve() != (out / name).resolve():
                shutil.copyfile(source / name, out / name)
    encoder = Encoder(out, layers=LAYERS)
    if with_fast:
        train(utterances + sentences).save(out)
    parts = train_main(utterances, encoder=encoder)
    return save_quality(out, layers=LAYERS, main=parts["main"], mean=parts["mean"], scale=parts["scale"],
                        weights=parts["weights"], metadata=parts["metadata"])
