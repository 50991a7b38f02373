"""The quality tier's frozen sentence encoder: int8 MiniLM run by ONNX Runtime.

Only the quality tier imports this module, and it imports ``onnxruntime`` and ``tokenizers``
lazily, so the fast tier's start-up never pays for them. Neither torch nor any network
access is needed: the graph and the tokenizer ship in the model directory (see
``coachkit.analyzer.encoder_export`` for how they are built).

Each text is encoded on its own. The graph's int8 matrix products quantize their inputs
with one scale per call, so encoding texts together would let one text's numbers depend on
its neighbours in the batch; one call per text makes every embedding a function of its text
alone (and wastes nothing on padding). Embeddings are cached per text, since the same
context comes with every sentence of a reply.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import numpy as np

from coachkit.analyzer.encoder_export import ENCODER_FILE, TOKENIZER_FILE
from coachkit.errors import ModelError

MAX_TOKENS = 256
CACHE_SIZE = 4096


class Encoder:
    """Text -> the concatenated per-layer mean embeddings of the chosen layers."""

    def __init__(self, directory: str | Path, *, layers: tuple[int, ...], cache_size: int = CACHE_SIZE) -> None:
        directory = Path(directory)
        graph, vocabulary = directory / ENCODER_FILE, directory / TOKENIZER_FILE
        missing = [p.name for p in (graph, vocabulary) if not p.is_file()]
        if missing:
            raise ModelError(f"{directory} has no quality-tier encoder (missing {', '.join(missing)}); "
                             "build one with `coachkit train --tier quality`")
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(f"the quality tier needs {exc.name}: pip install onnxruntime tokenizers") from exc
        try:
            self._tokenizer = Tokenizer.from_file(str(vocabulary))
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # ORT and tokenizers raise their own types for unreadable files
            raise ModelError(f"cannot load the quality-tier encoder from {directory}: {exc}") from exc
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.layers = tuple(layers)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    @property
    def dimension(self) -> int:
        return len(self.layers) * int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return an (n, dimension) float32 array, one row per text."""
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            vector = self._cache.get(text)
            if vector is None:
                vector = self._encode_one(text)
                self._cache[text] = vector
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            out[row] = vector
        return out

    def _encode_one(self, text: str) -> np.ndarray:
        encoding = self._tokenizer.encode(text)
        ids = np.asarray([encoding.ids], dtype=np.int64)
        feeds = {
            "input_ids": ids,
            "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids),
        }
        (means,) = self._session.run(None, feeds)
        return means[0, list(self.layers)].reshape(-1).astype(np.float32)
