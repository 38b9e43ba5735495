"""Progress events: long jobs are generators of these; the CLI and GUI consume them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    stage: str  # scan | ingest | tokenize | embed | write | publish | done
    done: int
    total: int
    message: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0
