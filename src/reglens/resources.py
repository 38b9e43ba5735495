"""Find bundled files the same way from a source checkout, a wheel or a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve()
    for candidate in (here.parent / "resources", here.parents[2] / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("RegLens resources folder not found")


def resource(name: str) -> Path:
    return resource_dir() / name
