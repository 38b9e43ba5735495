"""Whether an index version is whole, by one rule for everything that vouches for one.

An index may sit on a shared drive that others can write. Checksums alone prove only that
the files match the manifest: someone who edits a file and re-seals the manifest and
``CURRENT`` passes them. What a search refuses when it loads (NaN vectors, a forged passage
table, a manifest of the wrong shape) is the second half of the rule. ``index verify``,
``index restore`` and the app's restore button all ask :func:`version_problems`, so none of
them can call a version sound that loading would then refuse.
"""
from __future__ import annotations

from pathlib import Path

from . import storage
from .errors import IndexDamaged


def version_problems(root: Path, version: Path, manifest: dict) -> list[str]:
    """Every file re-hashed against the manifest, then the checks a search makes when it loads
    this version; empty when the version is sound. ``manifest`` is already checked against its
    seal (:func:`storage.read_manifest`)."""
    problems = storage.verify_version(version, manifest)
    if problems:
        return problems
    from .search import Index  # loading is what is checked; imported here so storage stays light
    try:
        Index(root, verify=False, opened=(version, manifest))
    except IndexDamaged as exc:
        return [str(exc)]
    return []


def restore_previous(root: Path) -> str:
    """Publish the version before the live one again, only if it is whole by
    :func:`version_problems`; returns its name (README "index restore")."""
    root = Path(root)
    return storage.restore_previous(root, lambda version, manifest: version_problems(root, version, manifest))
