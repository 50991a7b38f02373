"""Train the quality tier (``coachkit train --tier quality``).

Each of the quality tier's joint heads (see ``coachkit.analyzer.quality``) is one logistic
regression over two blocks: the fast tier's sparse features, built by the same code, and the
frozen encoder's layer means of the reply, standardised and scaled so that the whole block
has norm ``DENSE_BLOCK_WEIGHT`` (as each sparse block has norm 1). Fitting both at once lets
the regression decide, word by word and dimension by dimension, what each block adds;
averaging two separately trained models did not beat the fast tier alone in
transcript-grouped CV on AnnoMI. The heads are fitted by the fast tier's own
``training.fit_heads`` (same labels, sample weights, prior correction and blind columns).

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
from coachkit.analyzer.model import LinearModel
from coachkit.analyzer.quality import JOINT_HEADS, SHIPPED_QUALITY_DIR, encoder_features, save_quality
from coachkit.analyzer.training import (
    PRIOR_CORRECTION,
    REGULARISATION_C,
    WRITTEN_DIRECTIVE_WEIGHT,
    Example,
    context_word_columns,
    fit_heads,
    train,
    training_matrix,
)
from coachkit.errors import InputError, ModelError

#: Encoder layers used (0-based over the six transformer layers): the upper four. Layers 3-6
#: probed better than the last layer alone or all six (transcript-grouped CV on AnnoMI).
LAYERS = (2, 3, 4, 5)
#: Norm of the encoder block next to the sparse blocks (each of norm 1).
DENSE_BLOCK_WEIGHT = 1.0


def train_joint(examples: list[Example], *, encoder: Encoder, c: float = REGULARISATION_C,
                dense_weight: float = DENSE_BLOCK_WEIGHT) -> dict:
    """Fit the joint heads on ``examples`` (AnnoMI utterances and written sentences).

    Returns the parts ``save_quality`` writes: ``joint`` (the sparse parts as a
    ``LinearModel`` with the ``JOINT_HEADS``), ``mean``, ``scale`` and ``weights`` (the
    encoder block), and ``metadata``.
    """
    from scipy.sparse import csr_matrix, hstack

    if not any(e.labels.get("main") in MI_CODES for e in examples):
        raise InputError("the training data has no utterances labelled with AnnoMI's main codes")
    built = training_matrix(examples)
    vocabulary = built.vocabulary
    dense = encoder_features(encoder, [e.text for e in examples]).astype(np.float64)
    mean, scale = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    block_scale = dense_weight / np.sqrt(dense.shape[1])
    matrix = hstack([built.matrix, csr_matrix((dense - mean) / scale * block_scale)]).tocsr()
    heads, coef, bias = fit_heads(examples, matrix, JOINT_HEADS, blind=context_word_columns(built), c=c)
    digest = hashlib.sha256("\n".join(f"{e.text}\t{e.context}\t{sorted(e.labels.items())}" for e in examples).encode())
    training = {"examples": len(examples), "sha256": digest.hexdigest(), "C": c, "prior_correction": PRIOR_CORRECTION,
                "written_directive_weight": WRITTEN_DIRECTIVE_WEIGHT}
    joint = LinearModel(
        vocabulary=vocabulary,
        idf=built.idf,
        weights=coef[: len(vocabulary)].astype(np.float32),
        bias=bias.astype(np.float32),
        heads=heads,
        block_weights=dict(DEFAULT_BLOCK_WEIGHTS),
        metadata={"training": training},
    )
    return {"joint": joint, "mean": mean, "scale": scale, "weights": coef[len(vocabulary):] * block_scale,
            "metadata": {"training": {**training, "dense_block_weight": dense_weight,
                                      "encoder": "all-MiniLM-L6-v2, int8, mean of layers 3-6 of the reply"}}}


def build(utterances: list[Example], sentences: list[Example], *, out: str | Path,
          encoder_from: str | Path | None = None, export: bool = False, with_fast: bool = True) -> Path:
    """Train the fast model and the quality tier's joint heads into ``out``, with the encoder beside them.

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
    parts = train_joint(utterances + sentences, encoder=encoder)
    return save_quality(out, layers=LAYERS, joint=parts["joint"], mean=parts["mean"], scale=parts["scale"],
                        weights=parts["weights"], metadata=parts["metadata"])
