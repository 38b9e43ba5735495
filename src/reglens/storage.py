"""Index directory layout, sealing, verification, atomic publish and locking.

Layout (format 3)::

    INDEX/CURRENT              JSON: the published version, its manifest's sha256, the previous one
    INDEX/LOCK                 OS-level writer lock (flock / LockFileEx); its presence means nothing
    INDEX/LOCK.owner           JSON: who holds the lock (host, pid, user, token), for messages only
    INDEX/v-<time>-<rand>/     one complete, immutable version
        manifest.json          format, versions, models, documents, file hashes
        chunks.sqlite          passages (text + citation + positions), read by id on demand
        bm25/, bm25_lead/      bm25s arrays (.npy, allow_pickle=False) + JSON vocab/params
        tokens/                every passage's term ids (tokenids.py), so updates tokenize what changed
        dense/vectors.npy      float32 passage vectors, row n = chunk dense/vector_keys.json["chunks"][n]
        dense/ivf_*.npy        past dense.FLAT_MAX vectors: an inverted file as plain arrays
        graph.json             the legal graph: references, delegations, definitions, declared acts
        variants.json          the lexical terms by reading (other spellings of a question's words)

An index may live on a shared drive that other people can write, so everything
read from it is untrusted data: CURRENT seals the manifest by its hash, the
manifest seals every other file, every name and path is checked to stay inside
the index, and nothing read from it is imported, called or unpickled.
A version is written completely, sealed, then published by atomically
replacing CURRENT, so readers see the old or the new index, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import os
import re
import secrets
import shutil
import socket
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BUILD, REBUILD, DiskFull, IndexBusy, IndexDamaged, IndexMissing, IndexReadOnly
from .safeio import FileTooLarge, NotARegularFile, is_regular, loads, printable, read_regular
from .safeio import write_json as safe_write_json

FORMAT_VERSION = 3  # 3: the legal graph (references, delegations, definitions), variants.json,
# per-passage term ids (tokens/) and an optional inverted file for the vectors
READABLE_VERSIONS = (2, 3)  # a format-2 index is searched (without the graph); its next build reuses it
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
LOCK = "LOCK"
LOCK_OWNER = "LOCK.owner"
TMP_PREFIX = ".tmp-"
VERSION_NAME = re.compile(r"^v-\d{8}-\d{6}-[0-9a-f]{6}$")
MAX_POINTER_BYTES = 4096
MAX_MANIFEST_BYTES = 256 << 20  # 100,000 documents' entries fit many times over


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


@dataclass(frozen=True)
class Pointer:
    """What CURRENT says: the live version, its manifest's hash and the version before it."""

    version: str
    manifest_sha256: str
    previous: str | None = None
    previous_sha256: str | None = None  # the previous version's seal: it can be published again


def read_pointer(root: Path) -> Pointer:
    """CURRENT, checked: a version name of our own form and a manifest hash."""
    pointer = Path(root) / CURRENT
    try:
        raw = read_regular(pointer, MAX_POINTER_BYTES, follow_links=False)
        data = loads(raw)
    except FileNotFoundError:
        lost = _version_folders(Path(root))
        if lost:  # versions without their pointer: a damaged index, not an empty folder (user test 6)
            raise IndexDamaged(f"{pointer} is missing, but the folder holds {len(lost)} index version(s) "
                               f"({', '.join(lost[-2:])}); {BUILD}") from None
        raise IndexMissing(f"no index at {root}; build one with 'reglens index build'") from None
    except (NotARegularFile, FileTooLarge):
        raise IndexDamaged(f"{pointer} is not a small regular file; {REBUILD}") from None
    except OSError as exc:
        raise IndexDamaged(f"{pointer} cannot be read ({exc.strerror or exc}); {REBUILD}") from None
    except ValueError:
        raise IndexDamaged(f"{pointer} is damaged or from an older RegLens (format 1); {REBUILD}") from None
    if not isinstance(data, dict) or data.get("format") != "reglens-current":
        raise IndexDamaged(f"{pointer} is not a RegLens index pointer; {REBUILD}")
    name, digest, previous = data.get("version"), data.get("manifest_sha256"), data.get("previous")
    if not isinstance(name, str) or not VERSION_NAME.match(name):
        raise IndexDamaged(f"{pointer} names no valid version; {REBUILD}")
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise IndexDamaged(f"{pointer} carries no manifest checksum; {REBUILD}")
    if not (previous is None or (isinstance(previous, str) and VERSION_NAME.match(previous))):
        previous = None
    previous_digest = data.get("previous_manifest_sha256")
    if not (previous and isinstance(previous_digest, str) and re.fullmatch(r"[0-9a-f]{64}", previous_digest)):
        previous_digest = None
    return Pointer(name, digest, previous, previous_digest)


def _version_folders(root: Path) -> list[str]:
    """The published-version folders under ``root`` (by name), oldest first."""
    try:
        return sorted(p.name for p in root.iterdir() if VERSION_NAME.match(p.name) and p.is_dir())
    except OSError:
        return []


def version_path(root: Path, name: str) -> Path:
    """A version folder that is really inside the index: no symlink, no escape."""
    root = Path(root)
    path = root / name
    try:
        st = os.lstat(path)
    except OSError:
        raise IndexDamaged(f"{root / CURRENT} points to a missing version ({name}); {REBUILD}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise IndexDamaged(f"the index version {name} is not a folder (a link or a file); {REBUILD}")
    if path.resolve().parent != root.resolve():
        raise IndexDamaged(f"the index version {name} lies outside the index folder; {REBUILD}")
    return path


def current_dir(root: Path) -> Path:
    """The published version directory, or IndexMissing / IndexDamaged."""
    return version_path(Path(root), read_pointer(root).version)


def member(version: Path, rel: object, folder: bool = False) -> Path:
    """A file (or ``folder``) named by the index, confined to its version folder: no '..', no
    absolute path, no link, and a regular file (a FIFO or device would block or never end)."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel:
        raise IndexDamaged(f"the index names an invalid file {rel!r}; {REBUILD}")
    parts = rel.split("/")
    if rel.startswith("/") or any(p in ("", ".", "..") for p in parts) or re.match(r"^[A-Za-z]:", rel):
        raise IndexDamaged(f"the index names a file outside itself ({rel!r}); {REBUILD}")
    path = version.joinpath(*parts)
    probe = version
    try:
        for p in parts:  # no component may be a symbolic link (or a junction)
            probe = probe / p
            if probe.is_symlink():
                raise IndexDamaged(f"the index file {rel} is a link; {REBUILD}")
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise IndexDamaged(f"the index file {rel} is missing; {REBUILD}") from None
    except OSError as exc:
        raise IndexDamaged(f"the index file {rel[:80]!r} cannot be read ({exc.strerror or exc}); {REBUILD}") from None
    if not (stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)):
        raise IndexDamaged(f"the index file {rel} is not a regular {'folder' if folder else 'file'}; {REBUILD}")
    return path


write_json = safe_write_json  # exclusive temporary file: a planted link is never written through


DISK_FULL_MARGIN = 1 << 20  # less free than this after a failed write: the disk was full


def disk_full(root: Path, exc: Exception) -> DiskFull | None:
    """The error to report for ``exc`` (an OSError, or SQLite's) raised while writing a version
    under ``root``, when the disk is full: by its errno or SQLite's code, or — numpy's short write
    carries neither ("34176 requested and 5088 written") — by the space left, measured before
    the half version is removed."""
    import sqlite3
    try:
        free = shutil.disk_usage(root).free
    except OSError:
        free = None
    said = (getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT)
            or getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL)
    if said or (free is not None and free < DISK_FULL_MARGIN):
        mb = (free or 0) / (1 << 20)
        return DiskFull(f"the disk holding {root} is full ({mb:.1f} MB free; {exc}); free some space "
                        "or choose another folder — the published index is unchanged", mb)
    return None


def seal(version: Path, manifest: dict) -> str:
    """Record every file's hash in the manifest (written last); returns the manifest's hash."""
    files = {}
    for p in sorted(version.rglob("*")):
        if p.is_file() and p.name != MANIFEST:
            files[p.relative_to(version).as_posix()] = {
                "sha256": sha256_file(p), "bytes": p.stat().st_size}
    manifest["files"] = files
    write_json(version / MANIFEST, manifest)
    return sha256_file(version / MANIFEST)


def publish(root: Path, version: Path, manifest_sha256: str) -> Path:
    """Rename the finished temp dir, then atomically repoint CURRENT (keeping the previous name)."""
    try:
        before: Pointer | None = read_pointer(root)
    except (IndexMissing, IndexDamaged):
        before = None
    final = root / version.name.removeprefix(TMP_PREFIX)
    os.replace(version, final)
    _point(root, Pointer(final.name, manifest_sha256, before.version if before else None,
                         before.manifest_sha256 if before else None))
    return final


def _point(root: Path, pointer: Pointer) -> None:
    """Atomically replace CURRENT."""
    current = root / CURRENT
    if (current.exists() or current.is_symlink()) and not is_regular(current):
        _remove(current)  # a folder, FIFO or link where the pointer belongs cannot be replaced
    write_json(current, {"format": "reglens-current", "version": pointer.version,
                         "manifest_sha256": pointer.manifest_sha256, "previous": pointer.previous,
                         "previous_manifest_sha256": pointer.previous_sha256})


def restorable(root: Path) -> str | None:
    """The name of the version before the live one, if CURRENT keeps it with its seal (cheap:
    nothing is verified here; :func:`restore_previous` verifies before it publishes)."""
    try:
        pointer = read_pointer(root)
    except (IndexMissing, IndexDamaged):
        return None
    if pointer.previous and pointer.previous_sha256 and (Path(root) / pointer.previous).is_dir():
        return pointer.previous
    return None


def restore_previous(root: Path, check: Callable[[Path, dict], list[str]]) -> str:
    """Publish the version before the live one again — the way back from a damaged or unwanted
    build without reading every PDF again. Its manifest must match the seal CURRENT kept for it
    and ``check`` (``integrity.version_problems``: checksums, then what loading refuses) must
    find nothing; the live version becomes the previous one (kept, not deleted). Returns its name."""
    root = Path(root)
    with writer_lock(root):
        pointer = read_pointer(root)
        if not (pointer.previous and pointer.previous_sha256):
            raise IndexMissing(f"{root} keeps no previous version to restore; {BUILD}")
        try:
            version = version_path(root, pointer.previous)
            problems = check(version, read_manifest(version, pointer.previous_sha256))
        except IndexDamaged as exc:
            problems = [str(exc).split("; ")[0]]
        if problems:
            raise IndexDamaged(f"the previous version is damaged too ({problems[0]}); {BUILD}")
        _point(root, Pointer(pointer.previous, pointer.previous_sha256, pointer.version, pointer.manifest_sha256))
    return pointer.previous


def clean_stale(root: Path) -> None:
    """Remove leftovers of killed builds and every version but the live one and its predecessor.

    Called only while holding the writer lock. The predecessor (named in CURRENT)
    is kept so a reader that opened it just before the swap can finish its query;
    a version that was renamed but never published (a crash before the switch)
    is an orphan and goes.
    """
    if not root.is_dir():
        return
    try:
        pointer = read_pointer(root)
        keep = {pointer.version, pointer.previous}
    except (IndexMissing, IndexDamaged):
        keep = set()
    for p in root.iterdir():
        name = p.name
        leftover = name.startswith(TMP_PREFIX) or (name.startswith(CURRENT + ".") and name.endswith(".part"))
        if leftover or (name.startswith("v-") and name not in keep):
            _remove(p)


def _remove(p: Path) -> None:
    if p.is_symlink() or not p.is_dir():
        with contextlib.suppress(OSError):
            p.unlink()
    else:
        shutil.rmtree(p, ignore_errors=True)


def read_manifest(version: Path, expected_sha256: str | None = None) -> dict:
    """The manifest of a version, checked against CURRENT's seal and for its shape."""
    from .manifest import check_manifest

    path = version / MANIFEST
    try:
        raw = read_regular(path, MAX_MANIFEST_BYTES, follow_links=False)
    except FileNotFoundError:
        raise IndexDamaged(f"{path} is missing; {REBUILD}") from None
    except (NotARegularFile, FileTooLarge):
        raise IndexDamaged(f"{path} is not a regular file of plausible size; {REBUILD}") from None
    except OSError as exc:
        raise IndexDamaged(f"{path} cannot be read ({exc.strerror or exc}); {REBUILD}") from None
    if expected_sha256 is not None and hashlib.sha256(raw).hexdigest() != expected_sha256:
        raise IndexDamaged(f"{path} was changed after the index was built (checksum mismatch); {REBUILD}")
    try:
        manifest = loads(raw)
    except ValueError as exc:
        raise IndexDamaged(f"{path} is unreadable ({str(exc)[:200]}); {REBUILD}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != "reglens-index":
        raise IndexDamaged(f"{path} is not a RegLens manifest; {REBUILD}")
    if manifest.get("format_version") not in READABLE_VERSIONS:
        raise IndexDamaged(
            f"index format {manifest.get('format_version')!r} is not supported by this version "
            f"(expects {FORMAT_VERSION}); {REBUILD}")
    check_manifest(manifest)
    return manifest


def newer_version(root: Path, opened: str) -> str | None:
    """The version published at ``root`` since ``opened`` was, or None (also when CURRENT cannot be
    read now: the opened version keeps serving). One small file: cheap enough before every search.

    A shared index is updated by IT while workstations keep the app open for days; they would
    search the version they opened until restarted, and after two updates its folder is gone."""
    try:
        live = read_pointer(root).version
    except (IndexMissing, IndexDamaged):
        return None
    return live if live != opened else None


def has_published(root: Path) -> bool:
    """Whether a version was ever published here (CURRENT exists; sound or not): a cancelled
    first build has no previous index to speak of, an index to update has one."""
    return (Path(root) / CURRENT).exists()


def open_version(root: Path) -> tuple[Path, dict]:
    """The live version and its manifest, sealed by CURRENT (files are checked by :func:`verify`)."""
    pointer = read_pointer(root)
    version = version_path(Path(root), pointer.version)
    return version, read_manifest(version, pointer.manifest_sha256)


def verify_version(version: Path, manifest: dict, deep: bool = True) -> list[str]:
    """Problems with a version's files against its manifest; empty when sound."""
    problems = []
    files = manifest["files"]
    if not files:
        problems.append("the manifest lists no files")
    for rel, meta in files.items():
        try:
            p = member(version, rel)
        except IndexDamaged as exc:
            if "missing" in str(exc):
                problems.append(f"missing file: {rel[:200]}")
                continue
            problems.append(str(exc))
            continue
        try:
            st = os.lstat(p)
        except (OSError, ValueError):
            problems.append(f"missing file: {rel[:200]}")
            continue
        if not stat.S_ISREG(st.st_mode):
            problems.append(f"not a regular file: {rel}")
        elif st.st_size != meta["bytes"]:
            problems.append(f"wrong size: {rel} ({st.st_size} bytes, expected {meta['bytes']})")
        elif deep and sha256_file(p) != meta["sha256"]:
            problems.append(f"content changed: {rel} (checksum mismatch)")
    for dirpath, dirnames, filenames in os.walk(version):  # links are listed, never followed
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            rel = Path(dirpath, name).relative_to(version).as_posix()
            if rel != MANIFEST and rel not in files:
                problems.append(f"unexpected file in the index: {rel[:200]}")
    return problems


def verify(root: Path, deep: bool = True) -> list[str]:
    """Problems found in the published index; an empty list means it is sound."""
    try:
        version, manifest = open_version(root)
    except (IndexMissing, IndexDamaged) as exc:
        return [str(exc)]
    return verify_version(version, manifest, deep)


@contextlib.contextmanager
def writer_lock(root: Path) -> Iterator[None]:
    """One writer per index, through an OS lock that dies with its process.

    LOCK.owner only names the holder for messages; a writer removes it only
    when it still carries its own token.
    """
    from filelock import FileLock, Timeout

    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(root / LOCK), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise IndexBusy(
            f"another process is updating {root} ({_lock_owner(root)}); try again when it has finished. "
            f"If no build is running anywhere (a crashed machine can leave a network share locked), "
            f"delete {root / LOCK} and {root / LOCK_OWNER}") from None
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise IndexReadOnly(f"cannot lock {root} for writing ({exc.strerror or exc}): "
                                "the index folder is read-only here") from None
        raise IndexBusy(f"cannot lock {root} for writing ({exc.strerror or exc}); "
                        "is the index folder read-only?") from None
    token = secrets.token_hex(8)
    owner = root / LOCK_OWNER
    try:
        with contextlib.suppress(OSError):
            write_json(owner, {"host": socket.gethostname(), "pid": os.getpid(), "user": _user(),
                               "since": time.strftime("%Y-%m-%d %H:%M:%S"), "token": token})
        yield
    finally:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            if loads(read_regular(owner, 1 << 16, follow_links=False)).get("token") == token:
                owner.unlink()
        lock.release()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "?"


def _lock_owner(root: Path) -> str:
    try:
        data = loads(read_regular(root / LOCK_OWNER, 1 << 16, follow_links=False))
        return printable(f"{data['user']} on {data['host']}, pid {int(data['pid'])}, since {data['since']}")[:200]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "unknown process"
