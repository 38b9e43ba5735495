"""Preferences: where the index lives, how many results, font size, language, optional LLM."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from .settings import Settings

LANGUAGES = [("", "System / システム"), ("ja", "日本語"), ("en", "English")]


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        override = settings.index_override
        self.index_dir = QLineEdit(str(override or settings.stored_index_dir))
        browse = self.browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        # set by IT for this workstation (REGLENS_INDEX): shown, not editable here
        self.override_note = QLabel(self.tr(
            "Set for this computer by the environment variable {0} (usually by your IT department); "
            "it takes precedence over this setting.").format("REGLENS_INDEX"))
        self.override_note.setWordWrap(True)
        self.override_note.setVisible(override is not None)
        if override is not None:
            self.index_dir.setReadOnly(True)
            self.index_dir.setToolTip(self.override_note.text())
            browse.setEnabled(False)
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.index_dir, 1)
        rl.addWidget(browse)
        self.top_k = QSpinBox()
        self.top_k.setRange(1, 100)
        self.top_k.setValue(settings.top_k)
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 32)
        self.font_size.setSpecialValueText(self.tr("system default"))
        self.font_size.setValue(settings.font_size)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, [c for c, _ in LANGUAGES].index(settings.language)
                                          if settings.language in [c for c, _ in LANGUAGES] else 0))
        self.llm_url = QLineEdit(settings.llm_url)
        self.llm_url.setPlaceholderText(self.tr("off — e.g. http://127.0.0.1:8080/v1 or a .gguf file"))
        self.llm_model = QLineEdit(settings.llm_model)
        form = QFormLayout(self)
        # long labels (Japanese at a large font) wrap above their field instead of clipping
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Index folder"), row)
        form.addRow("", self.override_note)
        form.addRow(self.tr("Results per search"), self.top_k)
        form.addRow(self.tr("Font size"), self.font_size)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Language model (optional)"), self.llm_url)
        form.addRow(self.tr("Model name"), self.llm_model)
        note = QLabel(self.tr("The font size applies at once; a new language after restarting RegLens "
                              "(offered when you press OK). A language model's sentences are shown only "
                              "when the cited passage supports them."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 45)

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Index folder"), self.index_dir.text())
        if path:
            self.index_dir.setText(path)

    def accept(self) -> None:
        from pathlib import Path
        s = self.settings
        if s.index_override is None:  # the override is IT's, never stored as the user's choice
            s.index_dir = Path(self.index_dir.text().strip() or str(s.index_dir))
        s.top_k = self.top_k.value()
        s.font_size = self.font_size.value()
        s.language = self.language.currentData()
        s.llm_url = self.llm_url.text()
        s.llm_model = self.llm_model.text()
        super().accept()
