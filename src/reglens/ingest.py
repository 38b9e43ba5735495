"""PDF → cleaned lines with positions, and a status for every file.

One bad file never stops a build: :func:`extract` turns every failure into a
status with a reason the user can act on. Positions (PDF points, page-local)
are kept per line so a cited passage can be highlighted later.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import hashlib
import itertools
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from .normalize import clean
from .safeio import FileTooLarge, NotARegularFile, read_regular
from .titles import detect as detect_title
from .titles import prefer_to_ocr

# Line boxes from the fonts' own ascent and descent, without MuPDF's per-glyph "quad
# corrections". Stated here because it is process-wide state that pymupdf4llm also sets
# when imported: the boxes once depended on whether that package was installed (indexes
# built where it was, and the frozen build, which leaves it out, differed by ~1 pt per
# line). The uncorrected boxes span the whole line height, which is what a highlight wants.
pymupdf.TOOLS.unset_quad_corrections(True)

OK = "ok"
NEEDS_OCR = "needs_ocr"
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
EMPTY = "empty"
UNREADABLE = "unreadable"
NOT_PDF = "not_pdf"
PARTIAL = "partial"  # damaged (e.g. truncated) but repaired: what could be read is indexed
GARBLED = "garbled"  # a text layer that does not decode (fonts without a Unicode map)
NOT_A_FILE = "not_a_file"  # a FIFO, device, socket, broken link or link loop named *.pdf
TOO_LARGE = "too_large"  # over the size, memory or text limit
TOO_SLOW = "too_slow"  # over the time limit
STATUSES = (OK, NEEDS_OCR, ENCRYPTED, CORRUPT, EMPTY, UNREADABLE, NOT_PDF, PARTIAL, GARBLED, NOT_A_FILE,
            TOO_LARGE, TOO_SLOW)
INDEXED = (OK, PARTIAL)  # statuses whose text is searchable
MAX_FILE_BYTES = 512 << 20
MAX_FILE_CHARS = 30_000_000  # ~15,000 dense pages; beyond this a "PDF" is a text bomb
GARBLED_SHARE = 0.3  # replacement characters above this share: the page's text is unreadable

OCR_LANGUAGE = "jpn"  # the Japanese model reads Latin letters and digits too; +eng doubles the time
OCR_DPI = 200
OCR_HINT = ("install Tesseract with Japanese data (Debian: apt install tesseract-ocr tesseract-ocr-jpn "
            "tesseract-ocr-jpn-vert; Windows: the UB Mannheim installer with Japanese) to make it searchable")

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


@dataclass
class Line:
    text: str
    page: int  # 0-based PDF page index
    bbox: tuple[float, float, float, float]
    size: float = 0.0  # font size, for title detection
    hard_break: bool = False  # ends its sentence or heading: short of the column's edge (Latin: and punctuated)
    ends_short: bool = False  # ends well before the right margin, whatever the text (where long passages are cut)
    # ends in 「。」 a character or more short of the edge in set Japanese text: its sentence ends
    # there, since the next character would have fit (structure: an article's line ends there)
    stops_short: bool = False


@dataclass
class Page:
    index: int
    label: str  # printed page label when the PDF defines one
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False


@dataclass
class Extracted:
    path: Path
    sha256: str
    size: int
    status: str
    reason: str = ""
    title: str = ""
    law_num: str = ""
    page_count: int = 0
    pages: list[Page] = field(default_factory=list)

    @property
    def chars(self) -> int:
        return sum(len(ln.text) for p in self.pages for ln in p.lines)


@functools.cache
def tessdata_dir() -> str | None:
    """Tesseract's data folder if Tesseract and Japanese data are installed, else None."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    exe = shutil.which("tesseract")
    if exe:
        try:
            out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
            m = re.search(r'"([^"]+)"', out.stdout + out.stderr)
            if m:
                candidates.insert(0, m.group(1))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                   "/usr/share/tessdata"]
    # Windows: UB Mannheim's installer, for all users or (without admin rights) for one
    for var, sub in (("ProgramFiles", ""), ("ProgramFiles(x86)", ""), ("LOCALAPPDATA", "Programs")):
        if os.environ.get(var):
            candidates.append(str(Path(os.environ[var], sub, "Tesseract-OCR", "tessdata")))
    candidates.append(r"C:\Program Files\Tesseract-OCR\tessdata")
    for c in candidates:
        if c and Path(c, "jpn.traineddata").is_file() and Path(c, "eng.traineddata").is_file():
            return c
    return None


_PAGE_NUMBER = re.compile(
    r"^[\s\-－―‐—–・]*(?:p\.?\s*)?[0-9０-９ivxlcdmIVXLCDM]{1,5}[\s\-－―‐—–・]*$"
    r"|^[\s\-－]*[0-9０-９]+\s*[/／]\s*[0-9０-９]+[\s\-－]*$"
    r"|^\S{1,3}[\-－―‐][0-9０-９]{1,4}$"  # 医－12
    r"|^[0-9０-９]+\s*ページ$|^第?[0-9０-９]+頁$"
)
_DIGITS = re.compile(r"[0-9０-９]+")


def _band(line: Line, page: Page) -> str | None:
    y0, y1 = line.bbox[1], line.bbox[3]
    if y1 <= page.height * 0.09:
        return "top"
    if y0 >= page.height * 0.91:
        return "bottom"
    return None


def _strip_running_text(pages: list[Page]) -> None:
    """Drop page numbers and headers/footers repeated across pages."""
    repeated: Counter[tuple[str, str]] = Counter()
    for page in pages:
        seen = set()
        for ln in page.lines:
            band = _band(ln, page)
            if band:
                seen.add((band, _DIGITS.sub("#", ln.text.strip())))
        repeated.update(seen)
    threshold = max(3, int(len(pages) * 0.5))
    running = {k for k, n in repeated.items() if n >= threshold}
    for page in pages:
        kept = []
        for ln in page.lines:
            band = _band(ln, page)
            if band and (
                _PAGE_NUMBER.match(ln.text.strip())
                or (band, _DIGITS.sub("#", ln.text.strip())) in running
            ):
                continue
            kept.append(ln)
        page.lines = kept


def _page_lines(page: pymupdf.Page, index: int, textpage=None) -> list[Line]:
    data = page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE
                         | pymupdf.TEXT_MEDIABOX_CLIP, textpage=textpage)
    lines: list[Line] = []
    for block in data.get("blocks", ()):
        for raw in block.get("lines", ()):
            spans = raw.get("spans", ())
            text = clean("".join(s.get("text", "") for s in spans))
            if not text.strip():
                continue
            size = max((s.get("size", 0.0) for s in spans), default=0.0)
            lines.append(Line(text=text, page=index,
                              bbox=tuple(round(v, 1) for v in raw["bbox"]),
                              size=round(size, 1)))
    lines = _join_bullets(_drop_ruby(_drop_overprinted(_columnize(lines))))
    if textpage is not None:  # read by OCR
        lines = _join_row_fragments(lines)
    _mark_hard_breaks(lines)
    return lines


def _drop_overprinted(lines: list[Line]) -> list[Line]:
    """Some PDFs print a text layer twice (or a garbled copy over it); keep the first.

    A line is such a copy when an earlier line covers most of it *and* either sits in the same
    box or reads much the same. Coverage alone also caught real lines: a statute's item set
    with a line box taller than its spacing (電気通信事業法 p5, 「の健全な発達のために適切でないと
    認められる者」 dropped from item 七) and a footnote whose tall box held the next line (passage
    rules 8).
    """
    kept: list[Line] = []
    for ln in lines:
        x0, y0, x1, y1 = ln.bbox
        area = max((x1 - x0) * (y1 - y0), 1e-6)
        covered = False
        for k in kept[-40:]:
            ix = min(x1, k.bbox[2]) - max(x0, k.bbox[0])
            iy = min(y1, k.bbox[3]) - max(y0, k.bbox[1])
            if ix > 0 and iy > 0 and ix * iy / area > 0.6 and _copy_of(ln, k, ix * iy, area):
                covered = True
                break
        if not covered:
            kept.append(ln)
    return kept


def _joined(parts: Sequence[Line], text: str, size: float) -> Line:
    """One line made of ``parts`` (pieces of one page, in reading order) that reads ``text``: its
    box is the smallest that holds theirs, so a highlight of it covers every piece."""
    return Line(text=text, page=parts[0].page,
                bbox=(min(p.bbox[0] for p in parts), min(p.bbox[1] for p in parts),
                      max(p.bbox[2] for p in parts), max(p.bbox[3] for p in parts)), size=size)


RUBY_SIZE = 0.7  # a reading (ルビ) is set at most this share of its base text's size
_KANA = re.compile(r"[ぁ-ゖァ-ヺー・]{1,12}")


def _ruby_over(ruby: Line, base: Line) -> bool:
    """Whether ``ruby`` is a reading printed just above ``base``'s characters."""
    if not (ruby.size and base.size and ruby.size <= RUBY_SIZE * base.size):
        return False
    width = max(ruby.bbox[2] - ruby.bbox[0], 1e-6)
    over = min(ruby.bbox[2], base.bbox[2]) - max(ruby.bbox[0], base.bbox[0])
    height = base.bbox[3] - base.bbox[1]
    return (over >= 0.5 * width and ruby.bbox[3] <= base.bbox[1] + 0.3 * height
            and ruby.bbox[1] >= base.bbox[1] - height)


def _drop_ruby(lines: list[Line]) -> list[Line]:
    """Readings printed over rare kanji (膀胱 with ぼうこう above it) are not text of their own.

    PyMuPDF returns each reading as a line between its base word and the rest of that line, so
    「ト 膀胱」「ぼうこう」「洗浄」 read as three sentences and 膀胱洗浄 was never one word (the
    medical fee schedule prints some 2,500 of them). A reading goes, and the two halves of the
    line it split are joined again (passage rules 8).
    """
    out: list[Line] = []
    split = False  # a reading was dropped since the last line kept: that line may go on here
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if _KANA.fullmatch(text):
            near = [lines[j] for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(lines)]
            if any(_ruby_over(ln, base) for base in near):
                split = bool(out)
                continue
        prev = out[-1] if out else None
        if (split and prev is not None and prev.size == ln.size
                and abs(prev.bbox[3] - ln.bbox[3]) <= 0.2 * ln.size
                and -0.2 * ln.size <= ln.bbox[0] - prev.bbox[2] <= 0.6 * ln.size):
            out[-1] = _joined((prev, ln), prev.text.rstrip() + ln.text, ln.size)
            split = False
            continue
        split = False
        out.append(ln)
    return out


COPY_BOX = 0.8  # overlap over union of two line boxes: the same place on the page
COPY_TEXT = 0.6  # difflib ratio of two lines' texts: the same words


def _copy_of(line: Line, earlier: Line, overlap: float, area: float) -> bool:
    """Whether ``line``, mostly covered by ``earlier``, is a second print of it."""
    ex0, ey0, ex1, ey1 = earlier.bbox
    union = area + max((ex1 - ex0) * (ey1 - ey0), 1e-6) - overlap
    if overlap / union >= COPY_BOX:
        return True
    a, b = line.text.strip(), earlier.text.strip()
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= COPY_TEXT


VERTICAL_SHARE = 0.6  # share of a page's characters standing alone on their line: set vertically


def _columnize(lines: list[Line]) -> list[Line]:
    """Vertical (縦書き) pages often come out one character per line; rebuild the columns.

    Characters sharing an x position are stacked top to bottom into a column,
    and columns are read right to left, as vertical Japanese is. A page is read so only when
    single characters carry most of its *text*, not merely most of its lines: a horizontal page
    with a calendar or a table of ○ marks has more one-character cells than lines of prose, and
    reading it right to left cut every sentence of its prose apart (vertical pages in the shared
    corpus: 1.0 of their characters stand alone; such table pages: 0.14–0.31).
    """
    singles = [ln for ln in lines if len(ln.text.strip()) == 1]
    chars = sum(len(ln.text.strip()) for ln in lines)
    if len(singles) < 20 or len(singles) < VERTICAL_SHARE * chars:
        return _stack_vertical_cells(lines)
    em = sorted(ln.bbox[3] - ln.bbox[1] for ln in singles)[len(singles) // 2] or 10.0
    ordered = sorted(lines, key=lambda ln: -(ln.bbox[0] + ln.bbox[2]) / 2)
    clusters: list[list[Line]] = []
    for ln in ordered:
        x = (ln.bbox[0] + ln.bbox[2]) / 2
        if clusters and abs(x - (clusters[-1][0].bbox[0] + clusters[-1][0].bbox[2]) / 2) < em / 2:
            clusters[-1].append(ln)
        else:
            clusters.append([ln])
    out: list[Line] = []
    for col in clusters:
        col.sort(key=lambda ln: ln.bbox[1])
        run: list[Line] = []
        for ln in col + [None]:
            if run and (ln is None or ln.bbox[1] - run[-1].bbox[3] > 1.5 * em):
                out.append(_joined(run, "".join(r.text.strip() for r in run), run[0].size))
                run = []
            if ln is not None:
                run.append(ln)
    return out


def _stacked_under(above: Line, ln: Line) -> bool:
    em = above.bbox[3] - above.bbox[1]
    centre = (above.bbox[0] + above.bbox[2]) / 2 - (ln.bbox[0] + ln.bbox[2]) / 2
    gap = ln.bbox[1] - above.bbox[3]
    return abs(centre) < 0.3 * em and -0.2 * em <= gap <= 0.5 * em


def _stack_vertical_cells(lines: list[Line]) -> list[Line]:
    """A horizontal page's words set vertically (a table's column headers: 服薬管理指導料 one
    character under the other) come one character per line; each such run is one line again.

    Only characters that follow each other in reading order and touch top to bottom are stacked,
    so the single cells of a row (○ × ○ side by side) stay apart (passage rules 8).
    """
    out: list[Line] = []
    run: list[Line] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(_joined(run, "".join(r.text.strip() for r in run), run[0].size))
        else:
            out.extend(run)
        run.clear()

    for ln in lines:
        single = len(ln.text.strip()) == 1
        if single and run and _stacked_under(run[-1], ln):
            run.append(ln)
            continue
        flush()
        if single:
            run.append(ln)
        else:
            out.append(ln)
    flush()
    return out


def _join_row_fragments(lines: list[Line]) -> list[Line]:
    """OCR returns a printed line in pieces (「標記」「につきまして、…連絡し」, 「まし」「たので、その
    写しを送付」「します。」), each ending short of the margin and so its own sentence; pieces that
    follow each other on one row, left to right, are one line (OCR pages only: a text layer's
    pieces on one row are a table's cells; passage rules 8)."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None:
            height = min(prev.bbox[3] - prev.bbox[1], ln.bbox[3] - ln.bbox[1])
            overlap = min(prev.bbox[3], ln.bbox[3]) - max(prev.bbox[1], ln.bbox[1])
            if height > 0 and overlap >= 0.5 * height and ln.bbox[0] >= prev.bbox[0] + 0.5 * height:
                latin = prev.text.rstrip()[-1:].isascii() and ln.text.lstrip()[:1].isascii()
                out[-1] = _joined((prev, ln), prev.text.rstrip() + (" " if latin else "") + ln.text.lstrip(),
                                  max(prev.size, ln.size))
                continue
        out.append(ln)
    return out


BULLETS = frozenset("・•●■◆◇□▪▸►")


def _join_bullets(lines: list[Line]) -> list[Line]:
    """A list's bullet is often a line of its own (its own font: Symbol, Wingdings) beside its
    item's text; the two are one line, so the item reads 「・ …」 and not 「・」 as a sentence
    before it (passage rules 8)."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and prev.text.strip() in BULLETS and len(ln.text.strip()) >= 2
                and ln.text.strip()[0] not in BULLETS):
            em = max(prev.bbox[3] - prev.bbox[1], 1e-6)
            overlap = min(prev.bbox[3], ln.bbox[3]) - max(prev.bbox[1], ln.bbox[1])
            gap = ln.bbox[0] - prev.bbox[2]
            if overlap >= 0.5 * min(em, ln.bbox[3] - ln.bbox[1]) and -0.2 * em <= gap <= 3 * em:
                joiner = " " if ln.text.strip()[0].isascii() else ""
                out[-1] = _joined((prev, ln), prev.text.strip() + joiner + ln.text.lstrip(), ln.size)
                continue
        out.append(ln)
    return out


def _mark_hard_breaks(lines: list[Line]) -> None:
    """A line ending well short of its column's right edge ends its sentence.

    Measured against the whole page, every line of a two-column page's left column ended
    "short" and each became a sentence of its own (answers quoted line fragments).
    """
    for column, measure in _columns(lines):
        # the column's right edge; a percentile ignores hanging punctuation
        edges = sorted(ln.bbox[2] for ln in measure)
        right = edges[int(0.8 * (len(edges) - 1))]
        for ln, nxt in zip(column, [*column[1:], None], strict=True):
            em = max(ln.size, 6.0)
            ln.hard_break = ln.ends_short = ln.bbox[2] < right - 1.5 * em
            # Japanese set justified: a line stopping a character short after 「。」 ends its
            # sentence, since the next character would have fit (unless it may not open a line:
            # 」）、。). 645 such lines in the library were run into the next one, among them
            # 借地借家法 第二十六条's 第二項 into 第三項 (user test 5)
            ln.stops_short = (not ln.hard_break and ln.text.rstrip().endswith("。")
                              and ln.bbox[2] < right - 0.6 * em
                              and (nxt is None or nxt.text.lstrip()[:1] not in _NO_LINE_START))
    # Latin text: a line end is no sentence end unless punctuation says so. A short line that
    # ends in a word, a number or a comma and is followed by a line going on in lower case
    # is a wrap (the GDPR: 「…up to 4 % of the total」 / 「worldwide annual turnover」 were two
    # answer sentences; 876 of its 2,959 sentences ended so, benchmarks/sentence_ends.py).
    # Japanese lines are left as they are: a short line there ends a heading or an item.
    for ln, nxt in zip(lines, lines[1:], strict=False):
        if ln.hard_break and _LATIN_RUNS_ON.search(ln.text) and _LATIN_GOES_ON.match(nxt.text.lstrip()):
            ln.hard_break = False


_NO_LINE_START = set("」』）)】〕、。，．・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ")  # may not open a line (行頭禁則)
_LATIN_RUNS_ON = re.compile(r"[A-Za-z0-9,]\s*$")  # ends in a word, a number or a comma
_LATIN_GOES_ON = re.compile(r"[a-z][a-z'’-]*(?:[\s,;]|\.(?:\s|$)|$)")  # a lower-case word (not "http://…"): it goes on


COLUMN_MIN_LINES = 8  # lines a text column holds at least
COLUMN_CROSSING = 0.2  # share of a page's lines that may span the gutter (titles, headings)
COLUMN_JUSTIFIED = 0.4  # share of a column's lines ending at its right edge: running text
COLUMN_SWITCHES = 0.1  # reading order crossing the gutter more often than this: a table's rows


def _columns(lines: list[Line], depth: int = 0) -> list[tuple[list[Line], list[Line]]]:
    """The page's lines grouped by text column, each with the lines its right edge is
    measured on: one group unless the page is set in columns.

    A gutter is an x position that at most a fifth of the lines cross (a title or heading may
    run across) with running text on both sides: each side holds several lines, most ending at
    the same right edge. A table's label column fails that test (its cells end where their
    words end) and so does a table read row by row (its order crosses the gutter at every
    row), so table pages keep the page-wide edge their rows were read with.
    Lines crossing the gutter are measured with the whole page.
    """
    if len(lines) < 2 * COLUMN_MIN_LINES or depth > 2:
        return [(lines, lines)] if lines else []
    best: tuple[int, float] | None = None
    ends = sorted(ln.bbox[2] for ln in lines)
    starts = sorted(ln.bbox[0] for ln in lines)
    for gutter in sorted({round(x + 1.0, 1) for x in ends}):
        left = bisect.bisect_right(ends, gutter)
        right = len(starts) - bisect.bisect_left(starts, gutter)
        crossing = len(lines) - left - right
        if (left >= COLUMN_MIN_LINES and right >= COLUMN_MIN_LINES
                and crossing <= COLUMN_CROSSING * len(lines)
                and (best is None or crossing < best[0])):
            best = (crossing, gutter)
    if best is None:
        return [(lines, lines)]
    gutter = best[1]
    left_lines = [ln for ln in lines if ln.bbox[2] <= gutter]
    right_lines = [ln for ln in lines if ln.bbox[0] >= gutter]
    if not (_justified(left_lines) and _justified(right_lines)) or _interleaved(lines, gutter):
        return [(lines, lines)]
    crossing_lines = [ln for ln in lines if ln.bbox[2] > gutter and ln.bbox[0] < gutter]
    groups = _columns(left_lines, depth + 1) + _columns(right_lines, depth + 1)
    return groups + ([(crossing_lines, lines)] if crossing_lines else [])


def _interleaved(lines: list[Line], gutter: float) -> bool:
    """The text crosses the gutter line by line: a table read row by row (a label, its value,
    the next label), not columns read one after the other."""
    sides = [ln.bbox[2] <= gutter for ln in lines if ln.bbox[2] <= gutter or ln.bbox[0] >= gutter]
    switches = sum(1 for a, b in itertools.pairwise(sides) if a != b)
    return switches > max(3, COLUMN_SWITCHES * len(sides))


def _justified(lines: list[Line]) -> bool:
    """Most lines end at one right edge (within an em): running text, not table cells."""
    em = max(sorted(ln.size for ln in lines)[len(lines) // 2], 6.0)
    ends = Counter(round(ln.bbox[2] / em) for ln in lines)
    top = max(ends[k - 1] + ends[k] + ends[k + 1] for k in ends)
    return top >= COLUMN_JUSTIFIED * len(lines)


def _detect_title(meta_title: str, pages: list[Page], file_stem: str = "") -> tuple[str, str]:
    """(title, law number) from the first page with text (see :mod:`reglens.titles`); when that
    page was read by OCR and the PDF has no title field, a file name that reads as a title wins."""
    first = next((p for p in pages if p.lines), None)
    meta = clean(meta_title or "")
    title, law_num = detect_title(meta, first.lines if first else [])
    if first is not None and getattr(first, "ocr", False) and title != meta.strip():
        title = prefer_to_ocr(title, clean(file_stem))
    return title, law_num


def read_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes | None, str, str]:
    """(bytes, "", "") of a library file, or (None, status, reason) when it cannot be read.

    Read once: the hash recorded is the hash of the bytes indexed, even if the
    file is replaced while the library is being built.
    """
    try:
        return read_regular(path, max_bytes), "", ""
    except FileNotFoundError:
        return None, UNREADABLE, "the file disappeared while the library was being read"
    except NotARegularFile:
        return None, NOT_A_FILE, "not a regular file (a pipe, device or socket); skipped"
    except FileTooLarge as exc:
        return None, TOO_LARGE, (f"the file is larger than the limit of {max_bytes >> 20} MB ({exc}); "
                                 "split it or raise the limit (--max-file-mb)")
    except OSError as exc:
        return None, UNREADABLE, f"cannot read the file: {exc.strerror or exc}"


def extract(path: Path, ocr: bool = True, max_bytes: int = MAX_FILE_BYTES) -> Extracted:
    """Read one PDF; never raises for a bad file, reports a status instead.

    Pages without a text layer are OCR'd with Tesseract when ``ocr`` and it is
    installed; their lines are marked so citations can say so.
    """
    path = Path(path)
    data, status, reason = read_file(path, max_bytes)
    if data is None:
        return Extracted(path, "", 0, status, reason)
    return extract_data(path, data, ocr)


def extract_data(path: Path, data: bytes, ocr: bool = True,
                 on_ocr_page: Callable[[int, int], None] | None = None) -> Extracted:
    """:func:`extract` on bytes already read."""
    digest, size = hashlib.sha256(data).hexdigest(), len(data)
    if size == 0:
        return Extracted(path, digest, 0, EMPTY, "the file is empty (0 bytes)")
    try:
        if b"%PDF" not in data[:1024]:
            return Extracted(path, digest, size, NOT_PDF,
                             "not a PDF file (no %PDF header); convert it to PDF first")
        doc = pymupdf.open(stream=data, filetype="pdf")
    except MemoryError:
        return Extracted(path, digest, size, TOO_LARGE, "the PDF needs more memory than the limit allows")
    except Exception as exc:  # PyMuPDF raises several types for broken files
        return Extracted(path, digest, size, CORRUPT, f"the PDF cannot be opened: {exc}")
    try:
        result = _read(doc, path, digest, size, tessdata_dir() if ocr else None, on_ocr_page)
    except MemoryError:
        return Extracted(path, digest, size, TOO_LARGE, "the PDF needs more memory than the limit allows")
    except Exception as exc:
        return Extracted(path, digest, size, CORRUPT, f"the PDF is damaged: {exc}")
    finally:
        doc.close()
    damaged = doc_repaired(doc) or _truncated(data)
    if damaged and result.status in (NEEDS_OCR, EMPTY, GARBLED):  # no text because the file is cut short
        result.status = CORRUPT
        result.reason = ("the file is damaged (truncated or with a broken cross-reference table) and no text "
                         "could be read from it; obtain an intact copy")
    if result.status == OK and damaged:
        result.status = PARTIAL
        result.reason = "; ".join(x for x in (
            "the file is damaged (truncated or with a broken cross-reference table) and was repaired; "
            "pages or text may be missing — obtain an intact copy", result.reason) if x)
    return result


def doc_repaired(doc: pymupdf.Document) -> bool:
    try:
        return bool(doc.is_repaired)
    except Exception:  # closed or an older PyMuPDF
        return False


# a linearized PDF has an early %%EOF after its first page, and its head states the file's
# length (/L) and where its main cross-reference table lies (/T)
_LINEARIZED = re.compile(rb"/Linearized\s*[0-9.]+([^>]{0,300})>>")
_OFFSETS = re.compile(rb"/[LT]\s*([0-9]{1,12})")


def _truncated(data: bytes) -> bool:
    """A PDF ends with %%EOF (trailing padding aside); one that does not was cut short. The head
    of a linearized PDF carries an %%EOF too, so the offsets it declares are checked as well."""
    m = _LINEARIZED.search(data[:4096])
    if m and any(int(x) > len(data) for x in _OFFSETS.findall(m.group(1))):
        return True
    return b"%%EOF" not in data[-4096:]


def _garbled(lines: list[Line]) -> bool:
    chars = sum(len(ln.text) for ln in lines)
    bad = sum(ln.text.count("\ufffd") for ln in lines)
    return chars > 0 and bad / chars > GARBLED_SHARE


def _read(doc: pymupdf.Document, path: Path, digest: str, size: int, tessdata: str | None,
          on_ocr_page: Callable[[int, int], None] | None = None) -> Extracted:
    if doc.needs_pass and not doc.authenticate(""):
        return Extracted(path, digest, size, ENCRYPTED,
                         "the PDF is password-protected; save an unprotected copy to index it",
                         page_count=doc.page_count)
    pages: list[Page] = []
    garbled = chars = 0
    for i in range(doc.page_count):
        pg = doc[i]
        try:
            label = pg.get_label() or ""
        except Exception:
            label = ""
        page = Page(index=i, label=label, width=pg.rect.width, height=pg.rect.height)
        page.lines = _page_lines(pg, i)
        if _garbled(page.lines):  # undecodable fonts: the text layer is noise
            page.lines = []
            garbled += 1
        chars += sum(len(ln.text) for ln in page.lines)
        if chars > MAX_FILE_CHARS:
            return Extracted(path, digest, size, TOO_LARGE,
                             f"more than {MAX_FILE_CHARS:,} characters of text (at page {i + 1}); "
                             "not indexed", page_count=doc.page_count)
        if not page.lines and tessdata and pg.get_images():
            if on_ocr_page is not None:
                on_ocr_page(i + 1, doc.page_count)
            try:
                tp = pg.get_textpage_ocr(language=OCR_LANGUAGE, dpi=OCR_DPI, full=True, tessdata=tessdata)
                page.lines = _page_lines(pg, i, textpage=tp)
                page.ocr = bool(page.lines)
            except Exception:  # OCR trouble on one page must not lose the file
                page.lines = []
        pages.append(page)
    _strip_running_text(pages)
    result = Extracted(path, digest, size, OK, page_count=doc.page_count, pages=pages)
    if doc.page_count == 0:
        result.status, result.reason = EMPTY, "the PDF has no pages"
        return result
    text_pages = sum(1 for p in pages if p.lines)
    if text_pages == 0 and garbled:
        result.status = GARBLED
        result.reason = ("the text layer cannot be decoded (its fonts carry no Unicode map), so the text "
                         "would be unreadable; " + (OCR_HINT if not tessdata else "OCR found no text"))
        return result
    if text_pages == 0:
        result.status = NEEDS_OCR
        result.reason = "no text layer (scanned pages); " + (
            OCR_HINT if not tessdata else "OCR found no text")
        return result
    ocr_pages = sum(1 for p in pages if p.ocr)
    notes = []
    if ocr_pages:
        notes.append(f"{ocr_pages} page(s) read by OCR")
    if garbled:
        notes.append(f"{garbled} page(s) with undecodable text were skipped")
    if text_pages < len(pages):
        notes.append(f"{len(pages) - text_pages} page(s) without text were skipped"
                     + ("" if tessdata else f" ({OCR_HINT})"))
    result.reason = "; ".join(notes)
    result.title, result.law_num = _detect_title(doc.metadata.get("title", "") if doc.metadata else "", pages,
                                                 path.stem)
    if not result.title:
        result.title = path.stem
    return result
