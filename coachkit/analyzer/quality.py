"""The quality tier: the fast tier's heads with stronger ``main`` and ``directive`` heads.

Each of the two joint heads (AnnoMI's main code; directive or not) is one logistic
regression fitted over two blocks: the fast tier's sparse features, built by the same code
(the directive head, as in the fast tier, without the student's words), and the frozen
MiniLM sentence encoder's layer means of the reply (``coachkit.analyzer.encoder``),
standardised and scaled to a fixed block norm. The sparse parts are stored as one ordinary
``LinearModel`` with the two heads; the dense parts as plain arrays. A head's logits are

    sparse(text) + dense(text) + bias

and, since a softmax ignores a constant added to every class, adding the dense logits to
the log of the sparse model's probabilities gives exactly the joint model's probabilities.

The other heads (subtypes, act) are the fast model's. So the quality tier changes the
``mi_code`` call, which sentences are directive, and through both the inquiry index; the
cues, the act names and the evidence come from the same code in both tiers.

A quality model directory holds ``quality.json`` (format, encoder layers, provenance),
``dense.npz`` (arrays only, loaded with ``allow_pickle=False``), ``joint/`` (the sparse
parts, a ``LinearModel`` directory), ``encoder.onnx`` and ``tokenizer.json``, and optionally
its own fast model (``model.json`` + ``weights.npz``, as ``coachkit train --tier quality``
writes); without one, the package's fast model supplies the other heads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from coachkit.analyzer.acts import MI_CODES
from coachkit.analyzer.cues import text_rule_features
from coachkit.analyzer.features import raw_features
from coachkit.analyzer.model import Head, LinearModel, load_model, read_model_directory
from coachkit.errors import ModelError

FORMAT_VERSION = 2
SHIPPED_QUALITY_DIR = Path(__file__).with_name("model_quality")
MANIFEST_FILE = "quality.json"
DENSE_FILE = "dense.npz"
JOINT_DIR = "joint"
#: The heads the quality tier fits jointly with the encoder; the rest are the fast model's.
JOINT_HEADS = ("main", "directive")


@dataclass(frozen=True)
class QualityModel:
    """Same interface as ``LinearModel`` (``predict``, ``head``); the ``JOINT_HEADS`` differ."""

    fast: LinearModel
    joint: LinearModel  # sparse parts of the joint heads, one ``LinearModel`` head each
    mean: np.ndarray  # (d,) standardisation of the encoder's output
    scale: np.ndarray  # (d,)
    weights: np.ndarray  # (d, classes of the joint heads side by side), block weight folded in
    encoder: object = field(compare=False, repr=False)  # coachkit.analyzer.encoder.Encoder
    metadata: dict = field(default_factory=dict)

    @property
    def heads(self) -> tuple[Head, ...]:
        return self.fast.heads

    def head(self, name: str) -> Head:
        return self.fast.head(name)

    def predict(self, texts: list[str], contexts: list[str], rules: list[list[str]] | None = None) -> dict[str, np.ndarray]:
        """The fast model's heads with the joint heads' probabilities in place of theirs."""
        if rules is None:
            rules = [text_rule_features(t) for t in texts]
        raw = raw_features(texts, contexts, rules)  # counted once for both models
        out = self.fast.predict_raw(raw)
        if not texts:
            return out
        sparse = self.joint.predict_raw(raw)
        dense = self.dense_logits(texts)
        for head in self.joint.heads:
            logits = np.log(np.maximum(sparse[head.name], 1e-300))
            logits += dense[:, head.first_column : head.first_column + len(head.classes)]
            logits -= logits.max(axis=1, keepdims=True)
            expd = np.exp(logits)
            out[head.name] = expd / expd.sum(axis=1, keepdims=True)
        return out

    def dense_logits(self, texts: list[str]) -> np.ndarray:
        """The encoder block's contribution to the joint heads' logits, (n, their classes)."""
        embedded = encoder_features(self.encoder, texts).astype(np.float64)
        return ((embedded - self.mean) / self.scale) @ self.weights


def encoder_features(encoder, texts: list[str]) -> np.ndarray:
    """The encoder block before standardisation: the reply's layer means.

    The student's preceding words are not encoded: as a second encoder block they left
    macro-F1 unchanged in transcript-grouped CV on AnnoMI (0.767 against 0.768), and the
    sparse blocks already carry the context's words.
    """
    return encoder.encode(list(texts))


def save_quality(directory: str | Path, *, joint: LinearModel, mean: np.ndarray, scale: np.ndarray,
                 weights: np.ndarray, layers: tuple[int, ...], metadata: dict) -> Path:
    """Write the quality tier's own files (not the encoder, not the fast model) into ``directory``."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        joint.save(directory / JOINT_DIR)
        np.savez_compressed(directory / DENSE_FILE, mean=mean.astype(np.float32), scale=scale.astype(np.float32),
                            weights=weights.astype(np.float32))
        manifest = {"format_version": FORMAT_VERSION, "layers": list(layers), **metadata}
        (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    except OSError as exc:
        raise ModelError(f"cannot write the quality model to {directory}: {exc.strerror or exc}") from exc
    return directory


def load_quality_model(directory: str | Path | None = None) -> QualityModel:
    """Load a quality model directory (default: the one shipped inside the package)."""
    if not isinstance(directory, (str, Path, type(None))):
        raise ModelError(f"tier 'quality' needs a quality model directory, not a {type(directory).__name__}")
    return _load_cached(str(Path(directory or SHIPPED_QUALITY_DIR).resolve()))


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> QualityModel:
    from coachkit.analyzer.encoder import Encoder

    path = Path(directory)
    dense_path = path / DENSE_FILE

    def check(manifest: dict) -> None:
        if manifest.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{path} was built by another version of CoachKit (quality format "
                             f"{manifest.get('format_version')!r}); retrain it with `coachkit train --tier quality`")

    manifest, arrays = read_model_directory(path, MANIFEST_FILE, DENSE_FILE, ("mean", "scale", "weights"),
                                            what="quality model",
                                            build="coachkit train --tier quality --data CSV --out DIR", check=check)
    mean, scale, weights = (arrays[k].astype(np.float64) for k in ("mean", "scale", "weights"))
    fast = load_model(path if (path / "model.json").is_file() else None)
    joint = load_model(path / JOINT_DIR)
    if fast.head("main").classes != MI_CODES:
        raise ModelError(f"the fast model does not predict AnnoMI's main codes {MI_CODES}")
    if tuple(h.name for h in joint.heads) != JOINT_HEADS or any(
            h.classes != fast.head(h.name).classes for h in joint.heads):
        raise ModelError(f"{path / JOINT_DIR} does not hold the quality tier's heads {', '.join(JOINT_HEADS)} "
                         "with the fast model's classes")
    encoder = Encoder(path, layers=tuple(manifest["layers"]))
    width, n_classes = encoder.dimension, sum(len(h.classes) for h in joint.heads)
    if weights.shape != (width, n_classes) or {mean.shape, scale.shape} != {(width,)}:
        raise ModelError(f"{dense_path} does not match the encoder in {path} "
                         f"({weights.shape[0]} weights for {width} dimensions)")
    meta = {k: v for k, v in manifest.items() if k not in {"format_version", "layers"}}
    return QualityModel(fast, joint, mean, scale, weights, encoder, meta)
