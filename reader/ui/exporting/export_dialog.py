"""File ▸ Export…: choose a format and, optionally, which colours and tags to include; in
a study, this interview or the whole study (Markdown, HTML, CSV or JSON)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reader.core.export import FORMAT_INFO, ExportOptions
from reader.ui.theme import swatch_icon


class ExportDialog(QDialog):
    def __init__(
        self,
        colors: dict[str, str],
        tags: list[str],
        parent: QWidget | None = None,
        study: str = "",
        study_formats: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.study_formats = study_formats
        self.scope_combo = QComboBox()
        self.scope_combo.addItem("This interview", False)
        if study:
            self.scope_combo.addItem(f"The whole study “{study}”", True)
        self.scope_combo.currentIndexChanged.connect(self._fill_formats)
        self.format_combo = QComboBox()
        self._fill_formats()
        self.color_boxes: dict[str, QCheckBox] = {}
        colour_group = QGroupBox("Colours (none ticked: all)")
        grid = QGridLayout(colour_group)
        for i, (color_id, label) in enumerate(colors.items()):
            box = QCheckBox(label)
            box.setIcon(swatch_icon(color_id))
            grid.addWidget(box, i // 3, i % 3)
            self.color_boxes[color_id] = box
        self.tag_boxes: dict[str, QCheckBox] = {}
        tag_group = QGroupBox("Tags (none ticked: all)")
        tag_grid = QGridLayout(tag_group)
        for i, tag in enumerate(tags):
            box = QCheckBox(f"#{tag}")
            tag_grid.addWidget(box, i // 3, i % 3)
            self.tag_boxes[tag] = box
        if not tags:
            tag_grid.addWidget(QLabel("No tags yet."), 0, 0)
        form = QFormLayout()
        if study:
            form.addRow("Export", self.scope_combo)
        form.addRow("Format", self.format_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(colour_group)
        layout.addWidget(tag_group)
        layout.addWidget(buttons)

    def _fill_formats(self) -> None:
        current = self.format_combo.currentData() or "md"
        self.format_combo.clear()
        for name, info in FORMAT_INFO.items():
            if not self.whole_study() or name in self.study_formats:
                self.format_combo.addItem(f"{info.label} — .{info.extension}", name)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(current)))

    def whole_study(self) -> bool:
        return bool(self.scope_combo.currentData())

    def format_name(self) -> str:
        return str(self.format_combo.currentData())

    def options(self) -> ExportOptions:
        return ExportOptions(
            colors=frozenset(c for c, box in self.color_boxes.items() if box.isChecked()),
            tags=frozenset(t for t, box in self.tag_boxes.items() if box.isChecked()),
        )
