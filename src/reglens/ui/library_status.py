"""Per folder and per file: what the index holds, what is waiting for an update, what failed.

The library window used to list the folders the user typed as if they were
indexed. Here the manifest (what the index holds, per file status, the files it
skipped) is compared with the folders on disk: a folder the index never read is
"not indexed", a PDF on disk that the manifest does not list, or that changed
since the build, is "pending" until the next update. "Changed" is what the update
itself will find: another size, or — for a file modified after the build — another
SHA-256 (a copied library has new dates but the same contents: not pending).
No Qt: the dialog shows these records, tests check them directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

INDEXED = ("ok", "partial")  # statuses whose text is searchable (ingest.INDEXED)
# file states that are not a manifest status
PENDING_NEW, PENDING_CHANGED, PENDING_REMOVED, SKIPPED = "pending_new", "pending_changed", "pending_removed", "skipped"
PENDING = (PENDING_NEW, PENDING_CHANGED, PENDING_REMOVED)


@dataclass(frozen=True)
class DiskFile:
    rel: str  # posix, relative to its library folder
    size: int
    mtime: float
    sha256: str = ""  # computed only for a file of the recorded size modified after the build


@dataclass(frozen=True)
class FileState:
    folder: str  # the library folder as the user listed it
    rel: str
    status: str  # a manifest status code, or one of PENDING / SKIPPED
    reason: str = ""  # the core's reason (translated by ui.messages)
    title: str = ""
    pages: int = 0
    chunks: int = 0

    @property
    def failed(self) -> bool:
        return self.status not in INDEXED and self.status not in PENDING and self.status != SKIPPED


@dataclass(frozen=True)
class FolderState:
    folder: str
    in_index: bool  # the index was built from this folder
    exists: bool
    indexed: int = 0
    pending: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def state(self) -> str:
        """missing | not_indexed | failed | pending | indexed (the first that applies)."""
        if not self.exists:
            return "missing"
        if not self.in_index:
            return "not_indexed"
        if self.failed:
            return "failed"
        if self.pending:
            return "pending"
        return "indexed"


def _same_folder(a: str, b: str) -> bool:
    def norm(p: str) -> str:
        return os.path.normcase(os.path.normpath(os.path.abspath(p)))
    return norm(a) == norm(b)


def scan_disk(folders: list[str], manifest: dict | None = None) -> dict[str, list[DiskFile] | None]:
    """The PDFs the next build would read, per folder (None: the folder is not there).
    Runs off the UI thread: a network folder can take seconds to list, and a file
    touched since the build is hashed to know whether it really changed."""
    from ..indexer import scan
    from ..storage import sha256_file
    manifest = manifest or {}
    roots = [str(r) for r in manifest.get("roots", [])]
    built = _built_at(manifest)
    out: dict[str, list[DiskFile] | None] = {}
    for folder in folders:
        root = next((i for i, r in enumerate(roots) if _same_folder(r, folder)), None)
        recorded = {d["path"]: d for d in manifest.get("documents", []) if root is not None and d.get("root") == root}
        if not Path(folder).is_dir():
            out[folder] = None
            continue
        files = []
        for f in scan([Path(folder)]):
            if f.skipped:
                continue
            try:
                st = (Path(folder) / f.rel).stat()
                d = recorded.get(f.rel)
                digest = ""
                if d is not None and d.get("bytes") == st.st_size and (built is None or st.st_mtime > built):
                    digest = sha256_file(Path(folder) / f.rel)
            except OSError:
                continue
            files.append(DiskFile(f.rel, st.st_size, st.st_mtime, digest))
        out[folder] = files
    return out


def _built_at(manifest: dict) -> float | None:
    try:
        return datetime.fromisoformat(str(manifest.get("created", ""))).timestamp()
    except ValueError:
        return None


def library_state(folders: list[str], manifest: dict | None,
                  disk: dict[str, list[DiskFile] | None] | None = None
                  ) -> tuple[list[FolderState], list[FileState]]:
    """Folder summaries and file rows. ``disk`` None: the scan has not finished yet, so
    only what the manifest says is shown (nothing is called pending before it is known)."""
    manifest = manifest or {}
    roots = [str(r) for r in manifest.get("roots", [])]
    docs, skipped = manifest.get("documents", []), manifest.get("skipped", [])
    folder_states: list[FolderState] = []
    rows: list[FileState] = []
    listed = list(folders)
    # folders the index was built from but the user no longer lists are still in the index
    listed += [r for r in roots if not any(_same_folder(r, f) for f in folders)]
    for folder in listed:
        root = next((i for i, r in enumerate(roots) if _same_folder(r, folder)), None)
        scanned = disk is not None and folder in disk
        on_disk = disk.get(folder) if scanned else None
        exists = on_disk is not None if scanned else Path(folder).is_dir()
        mine = [d for d in docs if d.get("root") == root] if root is not None else []
        here: list[FileState] = [
            FileState(folder, d["path"], d["status"], d.get("reason", ""), d.get("title", ""),
                      int(d.get("pages", 0)), int(d.get("chunks", 0))) for d in mine]
        here += [FileState(folder, s["path"], SKIPPED, s.get("reason", ""))
                 for s in skipped if root is not None and s.get("root") == root]
        if on_disk is not None:
            known = {d["path"]: d for d in mine}
            present = set()
            for f in on_disk:
                present.add(f.rel)
                d = known.get(f.rel)
                if d is None:
                    here.append(FileState(folder, f.rel, PENDING_NEW))
                elif d.get("bytes") != f.size or (f.sha256 and f.sha256 != d.get("sha256")):
                    here.append(FileState(folder, f.rel, PENDING_CHANGED, title=d.get("title", "")))
            here += [FileState(folder, d["path"], PENDING_REMOVED, title=d.get("title", ""))
                     for d in mine if d["path"] not in present]
        # a changed or removed file shows once, as pending
        pending_paths = {r.rel for r in here if r.status in (PENDING_CHANGED, PENDING_REMOVED)}
        here = [r for r in here if r.status in PENDING or r.rel not in pending_paths]
        folder_states.append(FolderState(
            folder, root is not None, exists,
            indexed=sum(1 for r in here if r.status in INDEXED),
            pending=sum(1 for r in here if r.status in PENDING),
            failed=sum(1 for r in here if r.failed),
            skipped=sum(1 for r in here if r.status == SKIPPED)))
        rows += here
    return folder_states, rows


def read_only_reason(index_dir: Path, override: Path | None) -> str:
    """Why this workstation must not write the index ("" when it may): "override" when IT
    points it at a shared index (REGLENS_INDEX), "permission" when the folder is not writable."""
    if override is not None:
        return "override"
    probe = Path(index_dir)
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent  # a new index is created inside the nearest existing folder
    if not os.access(probe, os.W_OK):
        return "permission"
    return ""
