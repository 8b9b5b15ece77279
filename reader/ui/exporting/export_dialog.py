"""File ▸ Export…: choose a format and, optionally, which colours and codes to include; in
a study, this interview or the whole study (Markdown, HTML, CSV or JSON). REFI-QDA's
project and codebook are offered too (written by reader/ui/codebook/refi.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import NO_COLOR
from reader.core.export import FORMAT_INFO, ExportOptions
from reader.ui.dialogs import ok_cancel, swatch_icon
from reader.ui.theme import color_icon

# Everything goes into these: colours and codes do not filter them.
REFI_FORMATS = {
    "qdpx": "REFI-QDA project for NVivo, ATLAS.ti, MAXQDA — .qdpx",
    "qdc": "REFI-QDA codebook — .qdc",
}

CODE_COLUMNS = 3
CODE_ROWS_SHOWN = 8  # more codes scroll: a large codebook keeps the dialog on the screen
CODE_LABEL_CHARS = 30  # a longer label is cut in its middle (its whole in the tooltip)

Codes = dict[str, tuple[str, str]]  # code id -> (label, colour)


class ExportDialog(QDialog):
    def __init__(
        self,
        colors: dict[str, str],
        codes: Codes,  # the interview's codes in use
        parent: QWidget | None = None,
        study: str = "",
        study_formats: tuple[str, ...] = (),
        study_codes: Codes | None = None,  # the whole study's, offered for its export
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.study_formats = study_formats
        self._codes, self._study_codes = codes, study_codes if study_codes is not None else codes
        self.scope_combo = QComboBox()
        self.scope_combo.addItem("This interview", False)
        if study:
            self.scope_combo.addItem(f"The whole study “{study}”", True)
        self.scope_combo.currentIndexChanged.connect(self._fill_formats)
        self.format_combo = QComboBox()
        self.crlf_box = QCheckBox("Windows line ends (CRLF), as MAXQDA counts positions")
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._fill_formats()
        self.color_boxes: dict[str, QCheckBox] = {}
        colour_group = QGroupBox("Colours (none ticked: all)")
        grid = QGridLayout(colour_group)
        for i, (color_id, label) in enumerate(colors.items()):
            box = QCheckBox(label)
            if color_id != NO_COLOR:  # passages only coded: no swatch to show
                box.setIcon(swatch_icon(color_id))
            grid.addWidget(box, i // 3, i % 3)
            self.color_boxes[color_id] = box
        # By id, labelled as Codebook.labels names them: two codes of one name ("Work /
        # Stress", "Home / Stress") are two boxes, each in its own colour.
        self.code_boxes: dict[str, QCheckBox] = {}
        tag_group = QGroupBox("Codes (none ticked: all)")
        self._code_grid = QGridLayout()
        page = QWidget()
        page.setLayout(self._code_grid)
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The boxes lie on the group's own background, lined up with the colours' boxes:
        # no page of another shade, no second margin around the grid's own.
        page.setAutoFillBackground(False)
        scroll.viewport().setAutoFillBackground(False)
        outer = QVBoxLayout(tag_group)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._code_scroll = scroll
        self._fill_codes()
        self.scope_combo.currentIndexChanged.connect(self._fill_codes)
        form = QFormLayout()
        if study:
            form.addRow("Export", self.scope_combo)
        form.addRow("Format", self.format_combo)
        form.addRow("", self.crlf_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(colour_group)
        layout.addWidget(tag_group)
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

    def _fill_codes(self) -> None:
        """The boxes of the codes the chosen scope uses; a code ticked stays ticked."""
        codes = self._study_codes if self.whole_study() else self._codes
        ticked = {c for c, box in self.code_boxes.items() if box.isChecked()}
        while (item := self._code_grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.code_boxes = {}
        room = self.fontMetrics().averageCharWidth() * CODE_LABEL_CHARS
        for i, code_id in enumerate(codes):  # in the codebook's order, as its panel shows them
            label, color = codes[code_id]
            # A long name would widen its column, and the dialog, past a laptop's screen.
            shown = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle, room)
            box = QCheckBox(shown)
            if shown != label:
                box.setToolTip(label)
            box.setIcon(color_icon(color))  # a code, not the colour label of its name
            box.setChecked(code_id in ticked)
            self._code_grid.addWidget(box, i // CODE_COLUMNS, i % CODE_COLUMNS)
            box.show()  # now, not from the event loop, so that the width below counts it
            self.code_boxes[code_id] = box
        if not codes:
            self._code_grid.addWidget(QLabel("No passage is coded."), 0, 0)
        rows = min(CODE_ROWS_SHOWN, max(1, -(-len(codes) // CODE_COLUMNS)))
        row = self._code_grid.itemAt(0).widget().sizeHint().height()
        spacing = max(0, self._code_grid.verticalSpacing())
        margins = self._code_grid.contentsMargins()
        scroll = self._code_scroll
        scroll.setFixedHeight(rows * row + (rows - 1) * spacing + margins.top() + margins.bottom())
        page_width = self._code_grid.sizeHint().width()
        scroll.setMinimumWidth(page_width + scroll.verticalScrollBar().sizeHint().width())
        if self.isVisible():  # the other scope's codes: as wide and tall as they need
            # The layouts learn the new sizes from posted events: without them adjustSize
            # went by the old ones (the dialog grew later, by its minimum, and never shrank).
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.adjustSize()
            self._keep_on_screen()

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
            codes=frozenset(c for c, box in self.code_boxes.items() if box.isChecked()),
        )
