"""The fast tier's trained model: linear heads over hashed features, stored as plain arrays.

A model directory holds ``model.json`` (format version, heads and their classes, block
weights, training provenance) and ``weights.npz`` (numpy arrays only, loaded with
``allow_pickle=False``), so loading a model never executes code from the file.

Heads (all softmax over their classes):

* ``main`` - AnnoMI's main behaviour (question / reflection / therapist_input / other);
* ``question`` - open / closed, trained on questions only;
* ``reflection`` - simple / complex, trained on reflections only;
* ``input`` - information / advice / options / negotiation, trained on therapist input only;
* ``directive`` - no / yes: is the talk directive (AnnoMI advice, and the kit's own labelled
  written coaching sentences);
* ``act`` - the fine-grained act, trained on the kit's labelled written coaching sentences.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from coachkit.analyzer.cues import text_rule_features
from coachkit.analyzer.features import N_BUCKETS, Weighted, raw_features, weight
from coachkit.errors import ModelError

FORMAT_VERSION = 1
SHIPPED_MODEL_DIR = Path(__file__).with_name("model")


@dataclass(frozen=True)
class Head:
    """One classification head: its name, classes and the slice of the weight matrix it uses."""

    name: str
    classes: tuple[str, ...]
    first_column: int


@dataclass(frozen=True)
class LinearModel:
    """Hashed-feature linear classifier with several heads sharing one feature space."""

    vocabulary: np.ndarray  # sorted known buckets (int64)
    idf: np.ndarray  # aligned with vocabulary
    weights: np.ndarray  # (len(vocabulary), total classes) float32
    bias: np.ndarray  # (total classes,)
    heads: tuple[Head, ...]
    block_weights: dict[str, float]
    metadata: dict

    def head(self, name: str) -> Head:
        for head in self.heads:
            if head.name == name:
                return head
        raise ModelError(f"the model has no head named {name!r}")

    def predict(self, texts: list[str], contexts: list[str], rules: list[list[str]] | None = None) -> dict[str, np.ndarray]:
        """Return, per head, an (n, classes) array of probabilities for each text.

        ``rules`` are the cue features of each text; computed here when not given.
        """
        n = len(texts)
        feats = self.featurize(texts, contexts, rules)
        logits = np.tile(self.bias.astype(np.float64), (n, 1))
        if len(feats.values):
            contrib = self.weights[feats.columns].astype(np.float64) * feats.values[:, None]
            np.add.at(logits, feats.rows, contrib)
        out: dict[str, np.ndarray] = {}
        for head in self.heads:
            block = logits[:, head.first_column : head.first_column + len(head.classes)]
            block = block - block.max(axis=1, keepdims=True)
            expd = np.exp(block)
            out[head.name] = expd / expd.sum(axis=1, keepdims=True)
        return out

    def featurize(self, texts: list[str], contexts: list[str], rules: list[list[str]] | None = None) -> Weighted:
        if rules is None:
            rules = [text_rule_features(t) for t in texts]
        return weight(
            raw_features(texts, contexts, rules),
            len(texts),
            vocabulary=self.vocabulary,
            idf=self.idf,
            block_weights=self.block_weights,
        )

    def save(self, directory: str | Path) -> Path:
        """Write the model to ``directory`` (created if needed); returns the directory."""
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(
                directory / "weights.npz",
                vocabulary=self.vocabulary.astype(np.int64),
                idf=self.idf.astype(np.float32),
                weights=self.weights.astype(np.float32),
                bias=self.bias.astype(np.float32),
            )
            meta = {
                "format_version": FORMAT_VERSION,
                "n_buckets": N_BUCKETS,
                "heads": [{"name": h.name, "classes": list(h.classes)} for h in self.heads],
                "block_weights": self.block_weights,
                **self.metadata,
            }
            (directory / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
        except OSError as exc:
            raise ModelError(f"cannot write the model to {directory}: {exc.strerror or exc}") from exc
        return directory


def load_model(directory: str | Path | None = None) -> LinearModel:
    """Load a model directory (default: the model shipped inside the package)."""
    return _load_cached(str(Path(directory or SHIPPED_MODEL_DIR).resolve()))


@lru_cache(maxsize=8)
def _load_cached(directory: str) -> LinearModel:
    path = Path(directory)
    meta_path, weights_path = path / "model.json", path / "weights.npz"
    if not meta_path.is_file() or not weights_path.is_file():
        raise ModelError(
            f"{path} is not a CoachKit model directory (expected model.json and weights.npz); "
            "build one with `coachkit train --data CSV --out DIR`"
        )
    try:
        meta = json.loads(meta_path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {meta_path}: {exc}") from exc
    if meta.get("format_version") != FORMAT_VERSION or meta.get("n_buckets") != N_BUCKETS:
        raise ModelError(
            f"{path} was built by another version of CoachKit (format "
            f"{meta.get('format_version')!r}); retrain it with `coachkit train`"
        )
    try:
        with np.load(weights_path, allow_pickle=False) as arrays:
            vocabulary, idf = arrays["vocabulary"], arrays["idf"].astype(np.float64)
            weights, bias = arrays["weights"], arrays["bias"]
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot read the weights in {weights_path}: {exc}") from exc
    heads, column = [], 0
    for spec in meta["heads"]:
        heads.append(Head(spec["name"], tuple(spec["classes"]), column))
        column += len(spec["classes"])
    if weights.shape != (len(vocabulary), column) or bias.shape != (column,):
        raise ModelError(f"{weights_path} does not match the heads declared in {meta_path}")
    other = {k: v for k, v in meta.items() if k not in {"format_version", "n_buckets", "heads", "block_weights"}}
    return LinearModel(vocabulary, idf, weights, bias, tuple(heads), meta["block_weights"], other)
