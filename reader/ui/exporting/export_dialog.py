"""File ▸ Export…: choose a format and, optionally, which colours and codes to include; in
a study, this interview or the whole study (Markdown, HTML, CSV or JSON). REFI-QDA's
project and codebook are offered too (written by reader/ui/codebook/refi.py)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import NO_COLOR
from reader.core.export import FORMAT_INFO, ExportOptions
from reader.ui.dialogs import ok_cancel, swatch_icon
from reader.ui.exporting.code_list import COLUMNS, ROWS_SHOWN, CodeList, Codes, elided

# Everything goes into these: colours and codes do not filter them.
REFI_FORMATS = {
    "qdpx": "REFI-QDA project for NVivo, ATLAS.ti, MAXQDA — .qdpx",
    "qdc": "REFI-QDA codebook — .qdc",
}


class ExportDialog(QDialog):
    def __init__(
        self,
        colors: dict[str, str],  # colour id -> label, of the interview's passages
        codes: Codes,  # the interview's codes in use
        parent: QWidget | None = None,
        study: str = "",
        study_formats: tuple[str, ...] = (),
        study_colors: dict[str, str] | None = None,  # the whole study's, for its export
        study_codes: Codes | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.study_formats = study_formats
        self._colors, self._study_colors = colors, study_colors or colors
        self._codes, self._study_codes = codes, study_codes if study_codes is not None else codes
        self.scope_combo = QComboBox()
        self.scope_combo.addItem("This interview", False)
        if study:
            self.scope_combo.addItem(f"The whole study “{study}”", True)
        self.scope_combo.setAccessibleDescription("What to export: this interview or the study")
        self.scope_combo.currentIndexChanged.connect(self._fill_formats)
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleDescription("The kind of file to write")
        self.crlf_box = QCheckBox("Windows line ends (CRLF), as MAXQDA counts positions")
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._fill_formats()
        self.color_boxes: dict[str, QCheckBox] = {}
        colour_group = QGroupBox("Colours (none ticked: all)")
        self._color_grid = QGridLayout(colour_group)
        # By id, labelled as Codebook.labels names them: two codes of one name ("Work /
        # Stress", "Home / Stress") are two rows, each in its own colour.
        self.code_list = CodeList()
        self.no_codes = QLabel("No passage is coded.")
        tag_group = QGroupBox("Codes (none ticked: all)")
        # A codebook that scrolls can be narrowed by name; ticked codes stay ticked.
        self.code_filter = QLineEdit()
        self.code_filter.setPlaceholderText("Filter codes")
        self.code_filter.setAccessibleName("Filter codes")
        self.code_filter.setAccessibleDescription("Shows the codes whose names hold this text")
        self.code_filter.setClearButtonEnabled(True)
        self.code_filter.textChanged.connect(self.code_list.narrow)
        outer = QVBoxLayout(tag_group)
        for widget in (self.code_filter, self.code_list, self.no_codes):
            outer.addWidget(widget)
        form = QFormLayout()
        if study:
            form.addRow("Export", self.scope_combo)
        form.addRow("Format", self.format_combo)
        form.addRow("", self.crlf_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(colour_group)
        layout.addWidget(tag_group)
        self._fill_scope()  # in the dialog already: its Tab chain is the dialog's
        self.scope_combo.currentIndexChanged.connect(self._fill_scope)
        self.filter_groups = (colour_group, tag_group)
        self._format_changed()
        layout.addWidget(ok_cancel(self, "Export…"))

    def _fill_formats(self) -> None:
        current = self.format_combo.currentData() or "md"
        self.format_combo.clear()
        for name, info in FORMAT_INFO.items():
            if not self.whole_study() or name in self.study_formats:
                self.format_combo.addItem(f"{info.label} — .{info.extension}", name)
        for name, label in REFI_FORMATS.items():
            self.format_combo.addItem(label, name)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(current)))

    def _fill_scope(self) -> None:
        """The colours and codes the chosen scope has; one ticked stays ticked."""
        study = self.whole_study()
        colors = self._study_colors if study else self._colors
        self.color_boxes = _fill_grid(
            self._color_grid,
            # Passages only coded have no swatch to show.
            {c: (label, swatch_icon(c) if c != NO_COLOR else None) for c, label in colors.items()},
            {c for c, box in self.color_boxes.items() if box.isChecked()},
        )
        # New boxes join the end of the Tab chain, after Cancel: put them back in their place.
        chain = [self.crlf_box, *self.color_boxes.values(), self.code_filter, self.code_list]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        codes = self._scope_codes()
        self.code_list.fill(codes)
        self.code_list.setVisible(bool(codes))
        self.no_codes.setVisible(not codes)
        filtering = len(codes) > COLUMNS * ROWS_SHOWN
        self.code_filter.setVisible(filtering)
        if not filtering:
            self.code_filter.clear()
        if self.isVisible():  # the other scope's colours and codes: as wide and tall as they need
            # The layouts learn the new sizes from posted events: without them adjustSize
            # went by the old ones (the dialog grew later, by its minimum, and never shrank).
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.adjustSize()
            self._keep_on_screen()

    def _scope_codes(self) -> Codes:
        return self._study_codes if self.whole_study() else self._codes

    def _keep_on_screen(self) -> None:
        """Grown for the study's codes, the dialog steps back inside the screen."""
        screen = self.screen().availableGeometry()
        frame = self.frameGeometry()
        x = max(screen.left(), min(frame.left(), screen.right() + 1 - frame.width()))
        y = max(screen.top(), min(frame.top(), screen.bottom() + 1 - frame.height()))
        if (x, y) != (frame.left(), frame.top()):
            self.move(self.pos() + QPoint(x - frame.left(), y - frame.top()))

    def _format_changed(self) -> None:
        name = self.format_combo.currentData()
        self.crlf_box.setVisible(name == "qdpx")
        for group in getattr(self, "filter_groups", ()):
            group.setEnabled(name not in REFI_FORMATS)

    def crlf(self) -> bool:
        return self.crlf_box.isChecked()

    def whole_study(self) -> bool:
        return bool(self.scope_combo.currentData())

    def format_name(self) -> str:
        return str(self.format_combo.currentData())

    def options(self) -> ExportOptions:
        return ExportOptions(
            colors=frozenset(c for c, box in self.color_boxes.items() if box.isChecked()),
            codes=frozenset(self.code_list.choices.ticked),
        )


def _fill_grid(
    grid: QGridLayout, items: dict[str, tuple[str, QIcon | None]], ticked: set[str]
) -> dict[str, QCheckBox]:
    """`grid` holding a box for each item (key -> label, icon), those of `ticked` ticked;
    the boxes by key."""
    while (item := grid.takeAt(0)) is not None:
        if (widget := item.widget()) is not None:
            widget.hide()  # at once: until deleted it was a stop of Tab, at its old place
            widget.deleteLater()
    boxes: dict[str, QCheckBox] = {}
    metrics = grid.parentWidget().fontMetrics()
    for i, (key, (label, icon)) in enumerate(items.items()):
        shown = elided(metrics, label)
        box = QCheckBox(shown)
        if shown != label:
            box.setToolTip(label)
        if icon is not None:
            box.setIcon(icon)
        box.setChecked(key in ticked)
        grid.addWidget(box, i // COLUMNS, i % COLUMNS)
        box.show()  # now, not from the event loop, so that the grid's size counts it
        boxes[key] = box
    return boxes
