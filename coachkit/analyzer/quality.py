"""The quality tier: the fast tier's heads with a stronger main head (words + MiniLM).

The main head (AnnoMI's question / reflection / therapist_input / other) is one logistic
regression fitted jointly on two blocks: the fast tier's sparse features (words, character
n-grams, the student's preceding words, shape and cue features) and the frozen MiniLM
sentence encoder's layer means of the reply (``coachkit.analyzer.encoder``), standardised and scaled to
a fixed block norm. The sparse part is stored as an ordinary one-head ``LinearModel``; the
dense part as plain arrays. Its logits are

    sparse(text) + dense(text) + bias - PRIOR_CORRECTION * log(prior)

and, since a softmax ignores a constant added to every class, adding the dense logits to
the log of the sparse model's probabilities gives exactly the joint model's probabilities.

The other heads (subtypes, directive, act) are the fast model's, so ``directive`` and the
act of a sentence come from the same cues and heads in both tiers; the quality tier changes
the ``mi_code`` call and, through the main probabilities, the inquiry index.

A quality model directory holds ``quality.json`` (format, encoder layers, provenance),
``dense.npz`` (arrays only, loaded with ``allow_pickle=False``), ``main/`` (the sparse part,
a ``LinearModel`` directory), ``encoder.onnx`` and ``tokenizer.json``, and optionally its
own fast model (``model.json`` + ``weights.npz``, as ``coachkit train --tier quality``
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
from coachkit.analyzer.model import Head, LinearModel, load_model, read_model_directory
from coachkit.errors import ModelError

FORMAT_VERSION = 1
SHIPPED_QUALITY_DIR = Path(__file__).with_name("model_quality")
MANIFEST_FILE = "quality.json"
DENSE_FILE = "dense.npz"
MAIN_DIR = "main"


@dataclass(frozen=True)
class QualityModel:
    """Same interface as ``LinearModel`` (``predict``, ``head``); only ``main`` differs."""

    fast: LinearModel
    main: LinearModel  # sparse part of the joint main head (one head, ``main``)
    mean: np.ndarray  # (d,) standardisation of the encoder's output
    scale: np.ndarray  # (d,)
    weights: np.ndarray  # (d, 4), block weight folded in
    encoder: object = field(compare=False, repr=False)  # coachkit.analyzer.encoder.Encoder
    metadata: dict = field(default_factory=dict)

    @property
    def heads(self) -> tuple[Head, ...]:
        return self.fast.heads

    def head(self, name: str) -> Head:
        return self.fast.head(name)

    def predict(self, texts: list[str], contexts: list[str], rules: list[list[str]] | None = None) -> dict[str, np.ndarray]:
        """The fast model's heads with ``main`` replaced by the joint head's probabilities."""
        if rules is None:
            rules = [text_rule_features(t) for t in texts]
        out = self.fast.predict(texts, contexts, rules)
        if not texts:
            return out
        sparse = self.main.predict(texts, contexts, rules)["main"]
        logits = np.log(np.maximum(sparse, 1e-300)) + self.dense_logits(texts)
        logits -= logits.max(axis=1, keepdims=True)
        expd = np.exp(logits)
        out["main"] = expd / expd.sum(axis=1, keepdims=True)
        return out

    def dense_logits(self, texts: list[str]) -> np.ndarray:
        """The encoder block's contribution to the main head's logits, (n, 4)."""
        embedded = encoder_features(self.encoder, texts).astype(np.float64)
        return ((embedded - self.mean) / self.scale) @ self.weights


def encoder_features(encoder, texts: list[str]) -> np.ndarray:
    """The encoder block before standardisation: the reply's layer means.

    The student's preceding words are not encoded: as a second encoder block they left
    macro-F1 unchanged in transcript-grouped CV on AnnoMI (0.767 against 0.768), and the
    sparse blocks already carry the context's words.
    """
    return encoder.encode(list(texts))


def save_quality(directory: str | Path, *, main: LinearModel, mean: np.ndarray, scale: np.ndarray,
                 weights: np.ndarray, layers: tuple[int, ...], metadata: dict) -> Path:
    """Write the quality tier's own files (not the encoder, not the fast model) into ``directory``."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        main.save(directory / MAIN_DIR)
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
    main = load_model(path / MAIN_DIR)
    for model, where in ((fast, "fast model"), (main, f"{path / MAIN_DIR}")):
        if model.head("main").classes != MI_CODES:
            raise ModelError(f"the {where} does not predict AnnoMI's main codes {MI_CODES}")
    encoder = Encoder(path, layers=tuple(manifest["layers"]))
    width = encoder.dimension
    if weights.shape != (width, len(MI_CODES)) or {mean.shape, scale.shape} != {(width,)}:
        raise ModelError(f"{dense_path} does not match the encoder in {path} "
                         f"({weights.shape[0]} weights for {width} dimensions)")
    meta = {k: v for k, v in manifest.items() if k not in {"format_version", "layers"}}
    return QualityModel(fast, main, mean, scale, weights, encoder, meta)
