"""Turn a reply (and what the student said before it) into hashed, weighted features.

The same code builds the training matrix and scores new text, so training and scoring can
never drift apart. Features are hashed with CRC-32 into ``N_BUCKETS`` buckets (deterministic
across processes, unlike Python's ``hash``), which means no vocabulary has to be loaded at
start-up: the scoring path imports only numpy.

Four blocks, each L2-normalised on its own and then scaled (as sklearn's ``TfidfVectorizer``
blocks stacked side by side would be):

* ``w`` - word unigrams and bigrams with sentence-start/-end markers, TF-IDF (sublinear tf);
* ``c`` - character 2-5-grams inside word boundaries, TF-IDF, which copes with typos;
* ``x`` - the student's preceding words (context), TF-IDF, weighted down;
* ``s`` - a few shape features (question mark, length), used as they are;
* ``r`` - the linguistic cues found in the text (``coachkit.analyzer.cues``), one binary
  feature each, so the trained heads learn how far to trust each cue.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

N_BUCKETS = 1 << 20
BLOCKS = ("w", "c", "x", "s", "r")
PASS_THROUGH_BLOCKS = (3, 4)  # shape and rule features keep their raw values
BLOCK_INDEX = {name: i for i, name in enumerate(BLOCKS)}
DEFAULT_BLOCK_WEIGHTS = {"w": 1.0, "c": 1.0, "x": 0.5, "s": 1.0, "r": 1.0}

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\?|!")
_SENTENCE_END = re.compile(r"[.!?]+\s+\S")


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (N_BUCKETS - 1)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (with apostrophes) and question/exclamation marks."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


@lru_cache(maxsize=1 << 16)
def _word_buckets(word: str) -> tuple[int, ...]:
    return (_bucket("w:" + word),)


@lru_cache(maxsize=1 << 16)
def _char_buckets(word: str) -> tuple[int, ...]:
    padded = f" {word} "
    return tuple(
        _bucket("c:" + padded[i : i + n])
        for n in range(2, 6)
        for i in range(len(padded) - n + 1)
    )


@lru_cache(maxsize=1 << 16)
def _context_buckets(word: str) -> tuple[int, ...]:
    return (_bucket("x:" + word),)


@lru_cache(maxsize=1 << 16)
def _bigram_bucket(pair: str) -> int:
    return _bucket("b:" + pair)


_SHAPE_BUCKETS = {name: _bucket("s:" + name) for name in ("endq", "hasq", "len", "short", "sents", "noctx")}


@dataclass
class RawFeatures:
    """Bucket counts for a batch, as flat arrays (one entry per feature occurrence group)."""

    rows: list[int] = field(default_factory=list)
    buckets: list[int] = field(default_factory=list)
    counts: list[float] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)

    def add(self, row: int, block: int, bucket_counts: dict[int, float]) -> None:
        self.rows.extend([row] * len(bucket_counts))
        self.buckets.extend(bucket_counts)
        self.counts.extend(bucket_counts.values())
        self.blocks.extend([block] * len(bucket_counts))


def _count(buckets_iter) -> dict[int, float]:
    counts: dict[int, float] = {}
    for b in buckets_iter:
        counts[b] = counts.get(b, 0.0) + 1.0
    return counts


@lru_cache(maxsize=1024)
def _rule_bucket(name: str) -> int:
    return _bucket("r:" + name)


def raw_features(texts: list[str], contexts: list[str], rules: list[list[str]]) -> RawFeatures:
    """Count hashed features of each (text, context, cue names) triple; no weighting yet."""
    raw = RawFeatures()
    for row, (text, context) in enumerate(zip(texts, contexts)):
        if rules[row]:
            raw.add(row, 4, {_rule_bucket(name): 1.0 for name in rules[row]})
        tokens = tokenize(text)
        words = [t for t in tokens if t[0].isalnum()]
        marked = ["<s>", *tokens, "</s>"]
        word_counts = _count(b for t in tokens for b in _word_buckets(t))
        for pair in zip(marked, marked[1:]):
            b = _bigram_bucket(pair[0] + " " + pair[1])
            word_counts[b] = word_counts.get(b, 0.0) + 1.0
        raw.add(row, 0, word_counts)
        raw.add(row, 1, _count(b for w in words for b in _char_buckets(w)))
        if context:
            raw.add(row, 2, _count(b for t in tokenize(context) for b in _context_buckets(t)))
        stripped = text.rstrip()
        n_words = len(words)
        shape = {
            _SHAPE_BUCKETS["endq"]: 1.0 if stripped.endswith("?") else 0.0,
            _SHAPE_BUCKETS["hasq"]: 1.0 if "?" in text else 0.0,
            _SHAPE_BUCKETS["len"]: math.log1p(n_words) / 3.0,
            _SHAPE_BUCKETS["short"]: 1.0 if n_words <= 3 else 0.0,
            _SHAPE_BUCKETS["sents"]: (1 + len(_SENTENCE_END.findall(text))) / 3.0,
            _SHAPE_BUCKETS["noctx"]: 0.0 if context else 1.0,
        }
        raw.add(row, 3, {b: v for b, v in shape.items() if v})
    return raw


@dataclass(frozen=True)
class Weighted:
    """A batch as CSR-like arrays over *model columns* (positions in the model's vocabulary)."""

    n_rows: int
    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray


def weight(
    raw: RawFeatures,
    n_rows: int,
    *,
    vocabulary: np.ndarray,
    idf: np.ndarray,
    block_weights: dict[str, float],
) -> Weighted:
    """Apply TF-IDF and per-block L2 normalisation, keeping only buckets the model knows.

    ``vocabulary`` is the sorted array of known buckets; ``idf`` is aligned with it. Shape and
    rule features pass through unchanged.
    """
    rows = np.asarray(raw.rows, dtype=np.int64)
    buckets = np.asarray(raw.buckets, dtype=np.int64)
    counts = np.asarray(raw.counts, dtype=np.float64)
    blocks = np.asarray(raw.blocks, dtype=np.int64)
    if len(vocabulary):
        pos = np.searchsorted(vocabulary, buckets).clip(0, len(vocabulary) - 1)
        known = vocabulary[pos] == buckets
    else:
        pos = np.zeros(len(buckets), dtype=np.int64)
        known = np.zeros(len(buckets), dtype=bool)
    rows, pos, counts, blocks = rows[known], pos[known], counts[known], blocks[known]
    is_shape = np.isin(blocks, PASS_THROUGH_BLOCKS)
    values = np.where(is_shape, counts, (1.0 + np.log(np.maximum(counts, 1.0))) * idf[pos])
    key = rows * len(BLOCKS) + blocks
    norms = np.sqrt(np.bincount(key, weights=values * values, minlength=n_rows * len(BLOCKS)))
    scale = np.array([block_weights[b] for b in BLOCKS])[blocks]
    values = np.where(is_shape, values, values / np.maximum(norms[key], 1e-12)) * scale
    return Weighted(n_rows, rows, pos, values)
