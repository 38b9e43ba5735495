"""Where things live by default. One place, so tests can redirect it."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "RegLens"


def default_index_dir() -> Path:
    """$REGLENS_INDEX, else ./indexes/default in a checkout, else the user data dir."""
    env = os.environ.get("REGLENS_INDEX")
    if env:
        return Path(env)
    local = Path.cwd() / "indexes"
    if local.is_dir():
        return local / "default"
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "indexes" / "default"
