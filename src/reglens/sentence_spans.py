"""PDF positions of one sentence of a passage, so the viewer can highlight just it.

A passage (chunk) keeps ``spans``: ``[page, x0, y0, x1, y1]`` per source line, in
text order, but not which characters each line holds. :func:`locate` finds that
out by reading those lines again from the PDF with the ingest's own line reader
(matched by page and box) and aligning their characters with the passage text,
white space ignored; it then returns the boxes of the lines the sentence covers,
cut at the sentence's first and last character. When the PDF cannot be read
again (moved, changed, a scanned page), the characters per line are estimated
from each line's box (Japanese print is fixed-pitch) and ``exact`` is False.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

_CACHE: OrderedDict[tuple, dict] = OrderedDict()
_LOCK = threading.Lock()
_CACHE_PAGES = 64


def _page_line_texts(path: str, page: int, mtime: float) -> dict:
    key = (path, page, mtime)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    import pymupdf

    from .ingest import _page_lines
    out: dict = {}
    try:
        with pymupdf.open(path) as doc:
            if 0 <= page < doc.page_count:
                for ln in _page_lines(doc[page], page):
                    out.setdefault(tuple(round(v, 1) for v in ln.bbox), ln.text)
    except Exception:  # noqa: BLE001 - an unreadable PDF only means estimated positions
        out = {}
    with _LOCK:
        _CACHE[key] = out
        while len(_CACHE) > _CACHE_PAGES:
            _CACHE.popitem(last=False)
    return out


def line_texts(chunk: dict, doc_path: str) -> list[str] | None:
    """The text of each of the chunk's lines, read again from the PDF; None when not possible."""
    spans = chunk.get("spans") or []
    if not spans or not doc_path or chunk.get("ocr"):
        return None
    try:
        mtime = Path(doc_path).stat().st_mtime
    except OSError:
        return None
    out = []
    for page, *box in spans:
        texts = _page_line_texts(doc_path, int(page), mtime)
        t = texts.get(tuple(round(float(v), 1) for v in box))
        if t is None:
            return None
        out.append(t)
    return out


def _compact_index(text: str) -> list[int]:
    """For every offset of ``text``, the number of non-space characters before it."""
    idx, n = [], 0
    for ch in text:
        idx.append(n)
        if not ch.isspace():
            n += 1
    idx.append(n)
    return idx


def _aligned(chunk_text: str, lines: list[str]) -> list[tuple[int, int, list[int], int]] | None:
    """Per line: the range of compact chunk characters it holds, where each of them stands among
    the line's own characters, and how many the line has. A PDF line may hold more than its
    passage does — the end of the previous article before 「Article 17」 (the passage starts at
    the heading, the line does not), so a cut is placed by the line's characters, not the
    passage's (clerk4: GDPR rows lit from the start of the line)."""
    target = [ch for ch in chunk_text if not ch.isspace()]
    j = 0
    out = []
    matched = 0
    for line in lines:
        start = j
        pos: list[int] = []
        n = 0
        for ch in line:
            if ch.isspace():
                continue
            if j < len(target) and target[j] == ch:
                j += 1
                matched += 1
                pos.append(n)
            n += 1
        out.append((start, j, pos, n))
    if not target or matched < 0.95 * len(target):
        return None
    return out


def _estimated_ranges(chunk_text: str, spans: list) -> list[tuple[int, int]]:
    total = sum(1 for ch in chunk_text if not ch.isspace())
    sizes = []
    for _, x0, y0, x1, y1 in spans:
        w, h = max(x1 - x0, 0.1), max(y1 - y0, 0.1)
        sizes.append(max(w, h) / min(w, h))  # characters ≈ long side / short side
    scale = total / (sum(sizes) or 1.0)
    out, pos = [], 0.0
    for s in sizes:
        out.append((round(pos), round(pos + s * scale)))
        pos += s * scale
    if out:
        out[-1] = (out[-1][0], total)
    return out


def locate(chunk: dict, doc_path: str, start: int, end: int) -> tuple[list[list[float]], bool]:
    """Boxes ``[page, x0, y0, x1, y1]`` of chunk text ``[start, end)``, and whether they are exact."""
    spans = chunk.get("spans") or []
    text = chunk.get("text", "")
    if not spans or not 0 <= start < end <= len(text):
        return [], False
    lines = line_texts(chunk, doc_path)
    aligned = _aligned(text, lines) if lines is not None else None
    exact = aligned is not None
    if aligned is None:
        aligned = [(a, b, [], 0) for a, b in _estimated_ranges(text, spans)]
    idx = _compact_index(text)
    cs, ce = idx[start], idx[end]
    out: list[list[float]] = []
    for (ls, le, pos, n), (page, x0, y0, x1, y1) in zip(aligned, spans, strict=False):
        a, b = max(ls, cs), min(le, ce)
        if a >= b or le <= ls:
            continue
        if pos and n:  # by where the characters stand in the line read again
            f0, f1 = pos[a - ls] / n, (pos[b - ls - 1] + 1) / n
        else:
            f0, f1 = (a - ls) / (le - ls), (b - ls) / (le - ls)
        if x1 - x0 >= y1 - y0:  # horizontal line: cut along x
            box = [x0 + f0 * (x1 - x0), y0, x0 + f1 * (x1 - x0), y1]
        else:  # vertical (縦書き) column: cut along y
            box = [x0, y0 + f0 * (y1 - y0), x1, y0 + f1 * (y1 - y0)]
        out.append([int(page)] + [round(v, 1) for v in box])
    return out, exact


def own_place(chunks: list[dict], doc_path: str,
              fallback: tuple[int, list]) -> tuple[int, list[list[float]]]:
    """(0-based page, boxes) of these passages' own characters, read again from the PDF, not of
    their whole lines: a line may also hold the end of the text before (a GDPR article's heading
    runs on the line that ends the article before it). ``fallback`` when nothing is found."""
    boxes: list[list[float]] = []
    for chunk in chunks:
        boxes += locate(chunk, doc_path, 0, len(chunk.get("text", "")))[0]
    return (int(boxes[0][0]), boxes) if boxes else fallback
