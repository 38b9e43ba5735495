"""The key a vector is stored and reused under: its model and its text, hashed.

Apart from ``embed`` (which imports llama-index) so that loading an index can check stored keys
without importing a model framework."""

from __future__ import annotations

import hashlib


def text_key(model_name: str, text: str) -> str:
    """Cache key: a text is re-embedded only when it or the model changes."""
    return hashlib.sha256(f"{model_name}\x00{text}".encode()).hexdigest()[:32]
