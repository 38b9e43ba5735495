"""The shape of what an index stores, checked before anything trusts it.

An index may sit on a shared drive that others can write. Every field the
code later indexes into, compares or joins onto a path is checked here, so
a damaged or edited index ends in one plain :class:`IndexDamaged` instead of
a traceback deep in search, and no path read from it escapes its library.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from pathlib import Path, PurePosixPath

from .errors import REBUILD, IndexDamaged

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
MAX_PAGES = 1_000_000


def damaged(what: str) -> IndexDamaged:
    return IndexDamaged(f"the index is damaged: {what}; {REBUILD}")


def _need(cond: bool, what: str) -> None:
    if not cond:
        raise damaged(what)


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _str_list(v: object) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def check_relpath(rel: object) -> str:
    """A library-relative path as stored: relative, forward slashes, no '..' and no drive."""
    _need(isinstance(rel, str) and 0 < len(rel) <= 4096 and "\x00" not in rel, f"invalid path {rel!r}")
    assert isinstance(rel, str)
    p = PurePosixPath(rel)
    _need(not rel.startswith(("/", "\\")) and not _DRIVE.match(rel) and "\\" not in rel
          and ".." not in p.parts and "." not in rel.split("/") and "" not in rel.split("/"),
          f"a document path leaves its library ({rel!r})")
    return rel


def check_manifest(m: dict) -> None:
    """Raise IndexDamaged unless every field RegLens reads has the type and range it expects."""
    for key in ("reglens_version", "created"):
        _need(isinstance(m.get(key), str), f"invalid {key}")
    _need(_is_int(m.get("passage_rules", 1)), "invalid passage rules")
    roots = m.get("roots")
    _need(_str_list(roots) and 0 < len(roots) <= 1000, "the library folders are missing or invalid")
    tok = m.get("tokenizer")
    _need(isinstance(tok, dict) and tok.get("split_mode") in ("A", "B", "C")
          and isinstance(tok.get("sudachi_dictionary"), str)
          and isinstance(tok.get("whole_names", True), bool), "invalid tokenizer settings")
    emb = m.get("embedding")
    _need(isinstance(emb, dict) and isinstance(emb.get("model"), str) and _is_int(emb.get("dim"))
          and (0 < emb["dim"] <= 8192 or (emb["dim"] == 0 and emb["model"] == "none")),
          "invalid embedding settings")
    ivf = emb.get("ivf")
    _need(ivf is None or (isinstance(ivf, dict) and _is_int(ivf.get("nlist")) and ivf["nlist"] > 0),
          "invalid embedding settings")
    _need(_str_list(m.get("law_names")), "invalid law names")
    aliases = m.get("aliases", {})
    _need(isinstance(aliases, dict) and all(isinstance(k, str) and isinstance(v, str)
                                            for k, v in aliases.items()), "invalid aliases")
    _need(_is_int(m.get("chunk_count")) and m["chunk_count"] >= 0, "invalid passage count")
    docs = m.get("documents")
    _need(isinstance(docs, list), "the document list is missing")
    ids = set()
    for d in docs:
        _need(isinstance(d, dict), "a document entry is not an object")
        _need(isinstance(d.get("doc_id"), str) and d["doc_id"] not in ids, "duplicate or missing document id")
        ids.add(d["doc_id"])
        _need(_is_int(d.get("root")) and 0 <= d["root"] < len(roots), f"document {d['doc_id']!r} has no library")
        check_relpath(d.get("path"))
        if "path_raw" in d:
            _need(isinstance(d["path_raw"], str), "invalid raw path")
            check_relpath(raw_path(d))
        for key in ("status", "reason", "title", "law_num", "sha256"):
            _need(isinstance(d.get(key), str), f"document {d['doc_id']!r}: invalid {key}")
        _need(_is_int(d.get("pages", 0)) and 0 <= d.get("pages", 0) <= MAX_PAGES,
              f"document {d['doc_id']!r}: invalid page count")
        for key in ("chunks", "bytes", "chars", "pages"):
            _need(_is_int(d.get(key)) and d[key] >= 0, f"document {d['doc_id']!r}: invalid {key}")
        dups = d.get("duplicates")
        _need(isinstance(dups, list), "invalid duplicates")
        for x in dups:
            _need(isinstance(x, dict) and _is_int(x.get("root")) and 0 <= x["root"] < len(roots),
                  "invalid duplicate entry")
            check_relpath(x.get("path"))
    for x in m.get("skipped", []) if isinstance(m.get("skipped", []), list) else [None]:
        _need(isinstance(x, dict) and _is_int(x.get("root")) and 0 <= x["root"] < len(roots)
              and isinstance(x.get("path"), str) and isinstance(x.get("reason"), str), "invalid skipped entry")
    files = m.get("files")
    _need(isinstance(files, dict), "the file list is missing")
    for rel, meta in files.items():
        _need(isinstance(meta, dict) and isinstance(meta.get("sha256"), str) and _HEX64.match(meta["sha256"])
              and _is_int(meta.get("bytes")) and meta["bytes"] >= 0, f"invalid entry for {rel!r}")


def check_chunk(c: object, n: int, docs: dict[str, dict]) -> dict:
    """One stored passage, checked against the manifest's documents."""
    _need(isinstance(c, dict), f"passage {n} is not an object")
    assert isinstance(c, dict)
    _need(_is_int(c.get("id")) and c["id"] == n, f"passage {n} is out of order")
    doc = docs.get(c.get("doc_id")) if isinstance(c.get("doc_id"), str) else None
    _need(doc is not None, f"passage {n} belongs to no listed document")
    assert doc is not None
    for key in ("doc_title", "text"):
        _need(isinstance(c.get(key), str), f"passage {n}: invalid {key}")
    for key in ("kind", "article_label", "article_key", "caption", "page_label"):
        _need(isinstance(c.get(key, ""), str), f"passage {n}: invalid {key}")
    pages = c.get("pages")
    limit = max(doc.get("pages", 0), 1)
    _need(isinstance(pages, list) and pages and all(_is_int(p) and 0 <= p < limit for p in pages),
          f"passage {n}: invalid pages")
    spans = c.get("spans", [])
    _need(isinstance(spans, list) and all(
        isinstance(s, list) and len(s) == 5 and all(isinstance(v, int | float) and not isinstance(v, bool)
                                                    for v in s)
        and _is_int(s[0]) and 0 <= s[0] < limit for s in spans), f"passage {n}: invalid positions")
    for key in ("paragraph", "paragraph_end"):
        _need(c.get(key) is None or (_is_int(c[key]) and 0 < c[key] < 100_000), f"passage {n}: invalid {key}")
    _need(_is_int(c.get("part", 0)) and c.get("part", 0) >= 0, f"passage {n}: invalid part")
    _need(_str_list(c.get("heading_path", [])), f"passage {n}: invalid headings")
    _need(isinstance(c.get("ocr", False), bool), f"passage {n}: invalid OCR flag")
    return c


# -- paths, stored losslessly ------------------------------------------------

def stored_path(rel: str) -> dict:
    """How a library-relative path is stored: text to show, plus raw bytes when a name is not UTF-8.

    os.walk hands undecodable names over with surrogate escapes, which JSON cannot
    carry; the display form replaces them, ``path_raw`` keeps the exact bytes.
    """
    try:
        rel.encode("utf-8")
        return {"path": rel}
    except UnicodeEncodeError:
        raw = os.fsencode(rel)
        return {"path": raw.decode("utf-8", errors="replace"),
                "path_raw": base64.b64encode(raw).decode("ascii")}


def raw_path(entry: dict) -> str:
    """The exact file-system name of a stored path (surrogate-escaped where not UTF-8)."""
    if "path_raw" not in entry:
        return entry["path"]
    try:
        return os.fsdecode(base64.b64decode(entry["path_raw"], validate=True))
    except (binascii.Error, ValueError):
        raise damaged("invalid raw path") from None


def reader_roots(recorded: list[str], index_root: Path) -> tuple[list[Path | None], list[str]]:
    """The library folders an index records, minus those a reader must not follow.

    A shared index can be edited to name any folder: a relative path, a whole
    drive, or a network share on another server (on Windows, merely touching
    one sends the user's credentials there) are refused (None) with a note;
    IT sets REGLENS_ROOTS where the library really lives elsewhere.
    """
    own = _unc_share(str(index_root))
    roots: list[Path | None] = []
    notes: list[str] = []
    for r in recorded:
        share = _unc_share(r)
        p = Path(r)
        ok = bool(r) and (share is not None or p.is_absolute()) and p != Path(p.anchor) and (
            share is None or share == own)
        roots.append(p if ok else None)
        if not ok:
            notes.append(f"the library folder {r[:200]!r} recorded in the index is not followed "
                         "(set REGLENS_ROOTS to the library's real location)")
    return roots, notes


def _unc_share(path: str) -> tuple[str, str] | None:
    """(server, share) of a network path (\\\\server\\share\\… or //server/share/…), lower-cased."""
    if not path.startswith(("\\\\", "//")):
        return None
    parts = [x for x in re.split(r"[\\/]+", path) if x]
    return (parts[0].lower(), parts[1].lower()) if len(parts) >= 2 else ("", "")


def library_file(roots: list[Path | None], entry: dict) -> Path:
    """The file a document entry names, confined to its library root.

    Only PDF files under the root are ever served: a path that resolves
    elsewhere (a '..', an absolute path, a link out of the library) is refused.
    """
    idx = entry.get("root")
    _need(_is_int(idx) and 0 <= idx < len(roots) and roots[idx] is not None,
          "a document's library folder is not accepted")
    root = Path(roots[idx])
    rel = check_relpath(raw_path(entry))
    if root.suffix.lower() == ".pdf" and not root.is_dir():  # a single file given as the library
        path = root
    else:
        path = root.joinpath(*rel.split("/"))
        try:
            path.resolve().relative_to(root.resolve())
        except (ValueError, OSError):
            raise damaged(f"a document path leaves its library ({entry.get('path')!r})") from None
    _need(path.suffix.lower() == ".pdf", f"a document is not a PDF ({entry.get('path')!r})")
    return path
