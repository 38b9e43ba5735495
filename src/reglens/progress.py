"""Progress events: long jobs are generators of these; the CLI and GUI consume them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    stage: str  # scan | ingest | tokenize | embed | write | publish | done
    done: int
    total: int
    message: str = ""
    # (page, pages) of the file being read while its scanned pages are OCR'd: a page takes
    # seconds, a file of them a minute, and the bar would stand still meanwhile
    ocr_page: tuple[int, int] | None = None

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0
