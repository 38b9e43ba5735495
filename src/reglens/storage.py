"""Index directory layout, manifest, verification, atomic publish and locking.

Layout (format 1)::

    INDEX/CURRENT              name of the published version directory
    INDEX/LOCK                 present while a writer works (pid inside)
    INDEX/v-<time>-<rand>/     one complete, immutable version
        manifest.json          format, versions, models, documents, file hashes
        chunks.jsonl           one chunk (text + citation + positions) per line
        bm25/                  bm25s arrays (.npy, allow_pickle=False) + JSON vocab
        dense/                 llama-index FAISS store (faiss binary + JSON)
        dense/vectors.npy      float32 embedding cache, rows = dense/vector_keys.json

A version is written completely, verified, then published by atomically
replacing CURRENT, so readers see the old or the new index, never a mix.
Nothing here unpickles or executes data from disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import IndexBusy, IndexDamaged, IndexMissing

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
LOCK = "LOCK"
TMP_PREFIX = ".tmp-"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def new_version_dir(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    name = f"{TMP_PREFIX}v-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
    path = root / name
    path.mkdir()
    return path


def current_dir(root: Path) -> Path:
    """The published version directory, or IndexMissing."""
    pointer = Path(root) / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise IndexMissing(f"no index at {root}; build one with 'reglens index build'") from None
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise IndexDamaged(f"{pointer} is damaged; rebuild the index")
    path = Path(root) / name
    if not path.is_dir():
        raise IndexDamaged(f"{pointer} points to a missing version ({name}); rebuild the index")
    return path


def write_json(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def seal(version: Path, manifest: dict) -> None:
    """Record every file's hash in the manifest (written last)."""
    files = {}
    for p in sorted(version.rglob("*")):
        if p.is_file() and p.name != MANIFEST:
            files[p.relative_to(version).as_posix()] = {
                "sha256": sha256_file(p), "bytes": p.stat().st_size}
    manifest["files"] = files
    write_json(version / MANIFEST, manifest)


def publish(root: Path, version: Path) -> Path:
    """Rename the finished temp dir, then atomically repoint CURRENT."""
    final = root / version.name.removeprefix(TMP_PREFIX)
    os.replace(version, final)
    tmp = root / f"{CURRENT}.{secrets.token_hex(3)}.part"
    tmp.write_text(final.name + "\n", encoding="utf-8")
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, root / CURRENT)
    return final


def clean_stale(root: Path, keep: int = 1) -> None:
    """Remove leftovers of killed builds and all but ``keep`` old versions.

    Called only while holding the writer lock. One previous version is kept so
    a reader that opened it just before the swap can finish its query.
    """
    if not root.is_dir():
        return
    try:
        live = current_dir(root).name
    except (IndexMissing, IndexDamaged):
        live = None
    for p in root.iterdir():
        if p.name.startswith(TMP_PREFIX) or (p.name.startswith(CURRENT + ".") and p.suffix == ".part"):
            _remove(p)
    versions = sorted((p for p in root.iterdir() if p.is_dir() and p.name.startswith("v-")
                       and p.name != live), key=lambda p: p.name)
    for p in versions[: max(0, len(versions) - keep)]:
        _remove(p)


def _remove(p: Path) -> None:
    if p.is_dir():
        shutil.rmtree(p, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            p.unlink()


def read_manifest(version: Path) -> dict:
    path = version / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexDamaged(f"{path} is missing; rebuild the index") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IndexDamaged(f"{path} is unreadable ({exc}); rebuild the index") from None
    if not isinstance(manifest, dict) or manifest.get("format") != "reglens-index":
        raise IndexDamaged(f"{path} is not a RegLens manifest; rebuild the index")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexDamaged(
            f"index format {manifest.get('format_version')} is not supported by this version "
            f"(expects {FORMAT_VERSION}); rebuild the index")
    return manifest


def verify(root: Path, deep: bool = True) -> list[str]:
    """Problems found in the published index; an empty list means it is sound."""
    try:
        version = current_dir(root)
        manifest = read_manifest(version)
    except (IndexMissing, IndexDamaged) as exc:
        return [str(exc)]
    problems = []
    files = manifest.get("files", {})
    if not files:
        problems.append("the manifest lists no files")
    for rel, meta in files.items():
        p = version / rel
        if not p.is_file():
            problems.append(f"missing file: {rel}")
        elif p.stat().st_size != meta.get("bytes"):
            problems.append(f"wrong size: {rel} ({p.stat().st_size} bytes, expected {meta.get('bytes')})")
        elif deep and sha256_file(p) != meta.get("sha256"):
            problems.append(f"content changed: {rel} (checksum mismatch)")
    return problems


@contextlib.contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """One writer per index; a lock left by a dead process is taken over."""
    root.mkdir(parents=True, exist_ok=True)
    lock = root / LOCK
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if _lock_is_stale(lock):
                _remove(lock)
                continue
            raise IndexBusy(f"another process is updating {root} ({_lock_owner(lock)}); "
                            "try again when it has finished") from None
        with os.fdopen(fd, "w") as f:
            f.write(f"{os.getpid()}\n")
        break
    else:  # pragma: no cover - lost a race twice
        raise IndexBusy(f"could not lock {root}")
    try:
        yield
    finally:
        _remove(lock)


def _lock_owner(lock: Path) -> str:
    try:
        return f"pid {int(lock.read_text().split()[0])}"
    except (OSError, ValueError, IndexError):
        return "unknown process"


def _lock_is_stale(lock: Path) -> bool:
    try:
        pid = int(lock.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        # written but empty: a writer killed between create and write
        return time.time() - lock.stat().st_mtime > 10 if lock.exists() else True
    if pid == os.getpid():
        return False
    try:
        import psutil
        return not psutil.pid_exists(pid)
    except ImportError:  # pragma: no cover
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False
