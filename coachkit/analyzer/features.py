"""Turn a reply (and what the student said before it) into hashed, weighted features.

The same code builds the training matrix and scores new text, so training and scoring can
never drift apart. Features are hashed with CRC-32 into ``N_BUCKETS`` buckets (deterministic
across processes, unlike Python's ``hash``), which means no vocabulary has to be loaded at
start-up: the scoring path imports only numpy.

Blocks, each L2-normalised on its own and then scaled (like sklearn ``TfidfVectorizer``
blocks stacked side by side):

* ``w`` - word unigrams and bigrams with sentence-start/-end markers, TF-IDF (sublinear tf);
* ``c`` - character 2-5-grams inside each word, which copes with typos and word forms. A
  word's n-grams form a fixed vector ``u_word`` (idf-weighted); a text's character vector is
  ``sum(tf_word * u_word)`` normalised by ``sqrt(sum(tf_word**2 * |u_word|**2))``. Because
  it is built from whole words, scoring can cache each word's projection onto the model's
  weights: this block costs one lookup per word instead of one per n-gram;
* ``x`` - the student's preceding words (context), TF-IDF, weighted down;
* ``s`` - a few shape features (question mark, length, overlap with the context), used as
  they are. Overlap is the share of the text's content words (their first five letters)
  that the student has just used: a reflection gives the student's own words back, while
  advice, information and persuasion bring in the coach's;
* ``r`` - the linguistic cues found in the text (``coachkit.analyzer.cues``), one binary
  feature each, so the trained heads learn how far to trust each cue.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import numpy as np

from coachkit.analyzer.language import COMMON_WORDS

N_BUCKETS = 1 << 20
BLOCKS = ("w", "c", "x", "s", "r")
BLOCK_INDEX = {name: i for i, name in enumerate(BLOCKS)}
PASS_THROUGH_BLOCKS = (BLOCK_INDEX["s"], BLOCK_INDEX["r"])  # raw values, no idf or norm
DEFAULT_BLOCK_WEIGHTS = {"w": 1.0, "c": 1.0, "x": 0.5, "s": 1.0, "r": 1.0}

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\?|!")
_SENTENCE_END = re.compile(r"[.!?]+\s+\S")


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (N_BUCKETS - 1)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (with apostrophes) and question/exclamation marks."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def _cached_bucket(prefix: str):
    """A cached ``token -> bucket`` function for one feature prefix (words recur constantly)."""

    @lru_cache(maxsize=1 << 17)
    def bucket(token: str) -> int:
        return _bucket(prefix + token)

    return bucket


_word_bucket = _cached_bucket("w:")


@lru_cache(maxsize=1 << 17)
def _bigram_bucket(first: str, second: str) -> int:
    """The bucket of the word pair ``first second`` (cached by the pair: no string is built)."""
    return _bucket(f"b:{first} {second}")


_context_bucket = _cached_bucket("x:")
_rule_bucket = _cached_bucket("r:")


@lru_cache(maxsize=1 << 16)
def char_buckets(word: str) -> tuple[int, ...]:
    """The distinct hashed character 2-5-grams of one word (padded with spaces)."""
    padded = f" {word} "
    return tuple(sorted({
        _bucket("c:" + padded[i : i + n]) for n in range(2, 6) for i in range(len(padded) - n + 1)
    }))


SHAPE_BUCKETS = {name: _bucket("s:" + name)
                  for name in ("endq", "hasq", "len", "short", "sents", "noctx", "overlap", "nooverlap", "echo", "echo_brief",
                               "new_brief")}


#: A sentence this short that echoes the student ("Eleven points below your practice score.")
#: is usually a reflection; one that brings only new words ("Questions only.") is not.
BRIEF_WORDS = 8


def _content_stems(words) -> set[str]:
    """First five letters of each word that is not a common function word."""
    return {w[:5] for w in words if w not in COMMON_WORDS and len(w) > 2}


@dataclass
class RawFeatures:
    """Unweighted features of a batch: bucket counts for the sparse blocks, word counts for ``c``."""

    rows: list[int] = field(default_factory=list)
    buckets: list[int] = field(default_factory=list)
    counts: list[float] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    words: list[Counter[str]] = field(default_factory=list)  # per row, for the character block

    def add(self, row: int, block: int, bucket_counts: dict[int, float] | Counter[int]) -> None:
        self.rows.extend([row] * len(bucket_counts))
        self.buckets.extend(bucket_counts)
        self.counts.extend(bucket_counts.values())
        self.blocks.extend([block] * len(bucket_counts))


def raw_features(texts: list[str], contexts: list[str], rules: list[list[str]]) -> RawFeatures:
    """Count the features of each (text, context, cue names) triple; no weighting yet.

    Written as a tight loop over C-level helpers (``Counter``, ``map`` over cached hashes):
    it runs once per reply and per sentence the kit scores.
    """
    raw = RawFeatures()
    w_block, x_block, s_block, r_block = (BLOCK_INDEX[b] for b in ("w", "x", "s", "r"))
    endq, hasq, length, short, sents, noctx, overlap, nooverlap, echo, echo_brief, new_brief = (
        SHAPE_BUCKETS[name] for name in SHAPE_BUCKETS)
    context_grams: dict[str, tuple[Counter[int], set[str]]] = {}  # a reply's sentences share its context
    for row, (text, context) in enumerate(zip(texts, contexts)):
        tokens = tokenize(text)
        grams = Counter(map(_word_bucket, tokens))
        grams.update(map(_bigram_bucket, ["<s>", *tokens], [*tokens, "</s>"]))
        raw.add(row, w_block, grams)
        words = Counter(t for t in tokens if t[0].isalnum())
        raw.words.append(words)
        shape = {}
        if context:
            if context not in context_grams:
                context_tokens = tokenize(context)
                context_grams[context] = (Counter(map(_context_bucket, context_tokens)), _content_stems(context_tokens))
            context_counts, context_stems = context_grams[context]
            raw.add(row, x_block, context_counts)
            stems = _content_stems(words)
            if stems:
                shared = len(stems & context_stems) / len(stems)
                shape[overlap if shared else nooverlap] = shared or 1.0
                brief = len(words) <= BRIEF_WORDS
                if shared >= 0.5:
                    shape[echo_brief if brief else echo] = 1.0
                elif brief and not shared:
                    shape[new_brief] = 1.0
        n_words = sum(words.values())
        shape[length] = math.log1p(n_words) / 3.0
        shape[sents] = (1 + len(_SENTENCE_END.findall(text))) / 3.0
        if text.rstrip().endswith("?"):
            shape[endq] = 1.0
        if "?" in text:
            shape[hasq] = 1.0
        if n_words <= 3:
            shape[short] = 1.0
        if not context:
            shape[noctx] = 1.0
        raw.add(row, s_block, {b: v for b, v in shape.items() if v})
        if rules[row]:
            raw.add(row, r_block, dict.fromkeys(map(_rule_bucket, rules[row]), 1.0))
    return raw


def char_document_buckets(raw: RawFeatures) -> list[set[int]]:
    """Per row, the set of character n-gram buckets it contains (for document frequencies)."""
    return [{b for word in words for b in char_buckets(word)} for words in raw.words]


@dataclass(frozen=True)
class Weighted:
    """The sparse blocks of a batch as COO arrays over model columns (vocabulary positions)."""

    n_rows: int
    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray


def _positions(vocabulary: np.ndarray, buckets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vocabulary positions of ``buckets`` and a mask of those the vocabulary knows."""
    table = _position_table(vocabulary)
    pos = table[buckets]
    known = pos >= 0
    return np.where(known, pos, 0), known


#: The position tables of the vocabularies in use, newest last (a model and, in the quality
#: tier, its joint model); each entry keeps its vocabulary alive, so ``is`` identifies it.
_TABLES: list[tuple[np.ndarray, np.ndarray]] = []
_TABLES_KEPT = 4


def _position_table(vocabulary: np.ndarray) -> np.ndarray:
    """``table[bucket]`` = the bucket's position in ``vocabulary``, or -1.

    One array of ``N_BUCKETS`` entries (4 MB) turns finding 90,000 buckets in a sorted
    vocabulary from a binary search each (8 ms) into one gather (0.1 ms); it takes 0.2 ms
    to build.
    """
    for known_vocabulary, table in _TABLES:
        if known_vocabulary is vocabulary:
            return table
    table = np.full(N_BUCKETS, -1, dtype=np.int32)
    table[vocabulary] = np.arange(len(vocabulary), dtype=np.int32)
    _TABLES.append((vocabulary, table))
    del _TABLES[:-_TABLES_KEPT]
    return table


def weight(raw: RawFeatures, n_rows: int, *, vocabulary: np.ndarray, idf: np.ndarray,
           block_weights: dict[str, float]) -> Weighted:
    """Apply TF-IDF and per-block L2 normalisation to the sparse blocks (all but ``c``).

    Buckets the model does not know are dropped, as an unseen word is by a fitted
    vectorizer. Shape and rule features pass through unchanged.
    """
    rows = np.asarray(raw.rows, dtype=np.int64)
    buckets = np.asarray(raw.buckets, dtype=np.int64)
    counts = np.asarray(raw.counts, dtype=np.float64)
    blocks = np.asarray(raw.blocks, dtype=np.int64)
    pos, known = _positions(vocabulary, buckets)
    rows, pos, counts, blocks = rows[known], pos[known], counts[known], blocks[known]
    raw_value = np.isin(blocks, PASS_THROUGH_BLOCKS)
    values = np.where(raw_value, counts, (1.0 + np.log(np.maximum(counts, 1.0))) * idf[pos])
    key = rows * len(BLOCKS) + blocks
    norms = np.sqrt(np.bincount(key, weights=values * values, minlength=n_rows * len(BLOCKS)))
    scale = np.array([block_weights[b] for b in BLOCKS])[blocks]
    values = np.where(raw_value, values, values / np.maximum(norms[key], 1e-12)) * scale
    return Weighted(n_rows, rows, pos, values)


def word_vectors(words: list[str], *, vocabulary: np.ndarray, idf: np.ndarray):
    """Each word's character vector ``u_word``: (word index, vocabulary position, value) arrays
    and the squared norm of each word's vector."""
    lengths = [len(char_buckets(w)) for w in words]
    buckets = np.fromiter((b for w in words for b in char_buckets(w)), dtype=np.int64, count=sum(lengths))
    owner = np.repeat(np.arange(len(words)), lengths)
    pos, known = _positions(vocabulary, buckets)
    owner, pos = owner[known], pos[known]
    values = idf[pos]
    sq_norms = np.bincount(owner, weights=values * values, minlength=len(words))
    return owner, pos, values, sq_norms


def char_row_terms(raw: RawFeatures, word_index: dict[str, int]):
    """For each (row, word) pair: row, word index, and sublinear tf of the word in the row."""
    lengths = np.fromiter(map(len, raw.words), dtype=np.int64, count=len(raw.words))
    total = int(lengths.sum())
    rows = np.repeat(np.arange(len(raw.words)), lengths)
    index = np.fromiter(map(word_index.__getitem__, chain.from_iterable(raw.words)), dtype=np.int64, count=total)
    counts = np.fromiter(chain.from_iterable(w.values() for w in raw.words), dtype=np.float64, count=total)
    return rows, index, 1.0 + np.log(counts)


def char_block(raw: RawFeatures, *, vocabulary: np.ndarray, idf: np.ndarray, weight_c: float) -> Weighted:
    """The character block as explicit sparse entries (training builds its matrix with this)."""
    vocab_words = sorted({w for words in raw.words for w in words})
    word_index = {w: i for i, w in enumerate(vocab_words)}
    owner, pos, values, sq_norms = word_vectors(vocab_words, vocabulary=vocabulary, idf=idf)
    rows, index, tf = char_row_terms(raw, word_index)
    norms = np.sqrt(np.bincount(rows, weights=tf * tf * sq_norms[index], minlength=len(raw.words)))
    starts = np.searchsorted(owner, np.arange(len(vocab_words)))
    ends = np.searchsorted(owner, np.arange(len(vocab_words)), side="right")
    out_rows, out_cols, out_vals = [], [], []
    for row, i, t in zip(rows, index, tf):
        span = slice(starts[i], ends[i])
        out_rows.append(np.full(ends[i] - starts[i], row))
        out_cols.append(pos[span])
        out_vals.append(values[span] * (t * weight_c / max(norms[row], 1e-12)))
    if not out_rows:
        empty = np.zeros(0)
        return Weighted(len(raw.words), empty.astype(np.int64), empty.astype(np.int64), empty)
    return Weighted(len(raw.words), np.concatenate(out_rows), np.concatenate(out_cols), np.concatenate(out_vals))
