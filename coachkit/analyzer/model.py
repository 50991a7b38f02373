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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from coachkit.analyzer.cues import text_rule_features
from coachkit.analyzer.features import N_BUCKETS, RawFeatures, char_row_terms, raw_features, weight, word_vectors
from coachkit.errors import ModelError

FORMAT_VERSION = 1
#: Optional arrays of a model directory (older models lack them and still load).
WORD_TABLE_ARRAYS = ("table_words", "table_projections", "table_sq_norms")
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
    #: Character-block projections of the training words, shipped with the model so a fresh
    #: process does not hash and project every common word again (see ``with_word_table``).
    table_words: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="<U1"), compare=False, repr=False)
    table_projections: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32), compare=False,
                                          repr=False)
    table_sq_norms: np.ndarray = field(default_factory=lambda: np.zeros(0), compare=False, repr=False)
    word_cache: dict = field(default_factory=dict, compare=False, repr=False)  # word -> (projection, |u|^2)

    @cached_property
    def _table_rows(self) -> dict[str, int]:
        return dict(zip(self.table_words.tolist(), range(len(self.table_words))))

    def head(self, name: str) -> Head:
        for head in self.heads:
            if head.name == name:
                return head
        raise ModelError(f"the model has no head named {name!r}")

    def predict(self, texts: list[str], contexts: list[str], rules: list[list[str]] | None = None) -> dict[str, np.ndarray]:
        """Return, per head, an (n, classes) array of probabilities for each text.

        ``rules`` are the cue features of each text; computed here when not given.
        """
        if rules is None:
            rules = [text_rule_features(t) for t in texts]
        return self.predict_raw(raw_features(texts, contexts, rules))

    def predict_raw(self, raw: RawFeatures) -> dict[str, np.ndarray]:
        """``predict`` from features already counted (models that share them count them once)."""
        n = len(raw.words)
        logits = np.tile(self.bias.astype(np.float64), (n, 1))
        sparse = weight(raw, n, vocabulary=self.vocabulary, idf=self.idf, block_weights=self.block_weights)
        _add_rows(logits, sparse.rows, self.weights[sparse.columns] * sparse.values[:, None].astype(np.float32))
        self._add_character_block(logits, raw)
        out: dict[str, np.ndarray] = {}
        for head in self.heads:
            block = logits[:, head.first_column : head.first_column + len(head.classes)]
            block = block - block.max(axis=1, keepdims=True)
            expd = np.exp(block)
            out[head.name] = expd / expd.sum(axis=1, keepdims=True)
        return out

    def with_word_table(self, words: list[str]) -> LinearModel:
        """This model with the character-block projections of ``words`` precomputed."""
        projections, sq_norms = self._project_words(words)
        return replace(self, table_words=np.array(words, dtype=str), table_projections=projections.astype(np.float32),
                       table_sq_norms=sq_norms, word_cache={})

    def _project_words(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each word's character vector projected onto the weights, and its squared norm."""
        owner, pos, values, sq_norms = word_vectors(words, vocabulary=self.vocabulary, idf=self.idf)
        projections = np.zeros((len(words), self.weights.shape[1]))
        _add_rows(projections, owner, self.weights[pos] * values[:, None].astype(np.float32))
        return projections, sq_norms

    def _add_character_block(self, logits: np.ndarray, raw) -> None:
        """Add the ``c`` block through per-word projections: the shipped table's, else computed
        once per word and cached."""
        batch_words = sorted({w for words in raw.words for w in words})
        if not batch_words:
            return
        table = self._table_rows
        rows = np.array([table.get(w, -1) for w in batch_words], dtype=np.int64)
        unknown = np.flatnonzero(rows < 0)
        new = [batch_words[i] for i in unknown if batch_words[i] not in self.word_cache]
        if new:
            for word, projection, sq in zip(new, *self._project_words(new)):
                self.word_cache[word] = (projection, float(sq))
        if len(self.table_words):
            projections = self.table_projections[rows].astype(np.float64)
            sq_norms = self.table_sq_norms[rows]
        else:
            projections, sq_norms = np.zeros((len(batch_words), self.weights.shape[1])), np.zeros(len(batch_words))
        for i in unknown:
            projections[i], sq_norms[i] = self.word_cache[batch_words[i]]
        word_index = {w: i for i, w in enumerate(batch_words)}
        rows, index, tf = char_row_terms(raw, word_index)
        norms = np.sqrt(np.bincount(rows, weights=tf * tf * sq_norms[index], minlength=len(raw.words)))
        block = np.zeros_like(logits)
        _add_rows(block, rows, projections[index] * tf[:, None])
        logits += block * (self.block_weights["c"] / np.maximum(norms, 1e-12))[:, None]

    def save(self, directory: str | Path) -> Path:
        """Write the model to ``directory`` (created if needed); returns the directory."""
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            table = {"table_words": self.table_words, "table_projections": self.table_projections.astype(np.float32),
                     "table_sq_norms": self.table_sq_norms.astype(np.float64)} if len(self.table_words) else {}
            _write_npz(directory / "weights.npz", {
                "vocabulary": self.vocabulary.astype(np.int64),
                "idf": self.idf.astype(np.float32),
                "weights": self.weights.astype(np.float32),
                "bias": self.bias.astype(np.float32),
                **table,
            })
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


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write arrays as an uncompressed ``.npz`` that is byte-identical for identical arrays.

    Uncompressed because ``savez_compressed`` costs ~15 ms of inflating at every start-up;
    each member gets a fixed date, because older numpy releases stamped the current time
    (two saves of the same model would differ).
    """
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            member = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            with archive.open(member, "w", force_zip64=True) as handle:
                np.lib.format.write_array(handle, np.ascontiguousarray(array), allow_pickle=False)


def _add_rows(out: np.ndarray, rows: np.ndarray, values: np.ndarray) -> None:
    """``out[rows[i]] += values[i]`` for row indices sorted ascending (fast, no scatter)."""
    if not len(rows):
        return
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    out[rows[starts]] += np.add.reduceat(values, starts, axis=0)


def load_model(directory: str | Path | None = None) -> LinearModel:
    """Load a model directory (default: the model shipped inside the package)."""
    return _load_cached(str(Path(directory or SHIPPED_MODEL_DIR).resolve()))


def read_model_directory(path: Path, meta_name: str, arrays_name: str, required: tuple[str, ...], *, what: str,
                         build: str, check: Callable[[dict], None],
                         optional: tuple[str, ...] = ()) -> tuple[dict, dict[str, np.ndarray]]:
    """Read a model directory's JSON description and its arrays, with plain-language errors.

    ``check`` vets the description (format version) before any array is read; the
    ``required`` arrays (and the ``optional`` ones the file has) are loaded with
    ``allow_pickle=False``, so reading a model never executes code from it.
    """
    meta_path, arrays_path = path / meta_name, path / arrays_name
    if not meta_path.is_file() or not arrays_path.is_file():
        raise ModelError(f"{path} is not a CoachKit {what} directory (expected {meta_name} and {arrays_name}); "
                         f"build one with `{build}`")
    try:
        meta = json.loads(meta_path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {meta_path}: {exc}") from exc
    check(meta)
    try:
        with np.load(arrays_path, allow_pickle=False) as arrays:
            names = (*required, *(name for name in optional if name in arrays.files))
            return meta, {name: arrays[name] for name in names}
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot read the weights in {arrays_path}: {exc}") from exc


@lru_cache(maxsize=8)
def _load_cached(directory: str) -> LinearModel:
    path = Path(directory)

    def check(meta: dict) -> None:
        if meta.get("format_version") != FORMAT_VERSION or meta.get("n_buckets") != N_BUCKETS:
            raise ModelError(
                f"{path} was built by another version of CoachKit (format "
                f"{meta.get('format_version')!r}); retrain it with `coachkit train`"
            )

    meta, arrays = read_model_directory(path, "model.json", "weights.npz", ("vocabulary", "idf", "weights", "bias"),
                                        what="model", build="coachkit train --data CSV --out DIR", check=check,
                                        optional=WORD_TABLE_ARRAYS)
    vocabulary, idf = arrays["vocabulary"], arrays["idf"].astype(np.float64)
    weights, bias = arrays["weights"], arrays["bias"]
    weights_path, meta_path = path / "weights.npz", path / "model.json"
    heads, column = [], 0
    for spec in meta["heads"]:
        heads.append(Head(spec["name"], tuple(spec["classes"]), column))
        column += len(spec["classes"])
    if weights.shape != (len(vocabulary), column) or bias.shape != (column,):
        raise ModelError(f"{weights_path} does not match the heads declared in {meta_path}")
    if vocabulary.ndim != 1 or len(vocabulary) and not (0 <= vocabulary.min() and vocabulary.max() < N_BUCKETS):
        raise ModelError(f"{weights_path} holds feature buckets outside 0..{N_BUCKETS - 1}")
    other = {k: v for k, v in meta.items() if k not in {"format_version", "n_buckets", "heads", "block_weights"}}
    table = {name: arrays[name] for name in WORD_TABLE_ARRAYS if name in arrays}
    if table and (len(table) < len(WORD_TABLE_ARRAYS)
                  or table["table_projections"].shape != (len(table["table_words"]), column)
                  or table["table_sq_norms"].shape != (len(table["table_words"]),)):
        raise ModelError(f"the word table in {weights_path} is incomplete or does not match the heads")
    return LinearModel(vocabulary, idf, weights, bias, tuple(heads), meta["block_weights"], other, **table)
