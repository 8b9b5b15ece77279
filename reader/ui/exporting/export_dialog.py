"""File ▸ Export…: choose a format and, optionally, which colours and codes to include; in
a study, this interview or the whole study (Markdown, HTML, CSV or JSON). REFI-QDA's
project and codebook are offered too (written by reader/ui/codebook/refi.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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

COLUMNS = 3
CODE_ROWS_SHOWN = 8  # more codes scroll: a large codebook keeps the dialog on the screen
LABEL_CHARS = 30  # a longer label is cut in its middle (its whole in the tooltip)

Codes = dict[str, tuple[str, str]]  # code id -> (label, colour)


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
        self.scope_combo.currentIndexChanged.connect(self._fill_formats)
        self.format_combo = QComboBox()
        self.crlf_box = QCheckBox("Windows line ends (CRLF), as MAXQDA counts positions")
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._fill_formats()
        self.color_boxes: dict[str, QCheckBox] = {}
        colour_group = QGroupBox("Colours (none ticked: all)")
        self._color_grid = QGridLayout(colour_group)
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
        # A codebook that scrolls can be narrowed by name; ticked codes stay ticked.
        self.code_filter = QLineEdit()
        self.code_filter.setPlaceholderText("Filter codes")
        self.code_filter.setAccessibleName("Filter codes")
        self.code_filter.setClearButtonEnabled(True)
        self.code_filter.textChanged.connect(self._place_codes)
        outer = QVBoxLayout(tag_group)
        outer.setContentsMargins(0, 0, 0, 0)
        inset = QHBoxLayout()  # the filter lined up with the boxes below it
        grid = self._code_grid.contentsMargins()
        inset.setContentsMargins(grid.left(), grid.top(), grid.right(), 0)
        inset.addWidget(self.code_filter)
        outer.addLayout(inset)
        outer.addWidget(scroll)
        self._code_scroll = scroll
        self._fill_boxes()
        self.scope_combo.currentIndexChanged.connect(self._fill_boxes)
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

    def _fill_boxes(self) -> None:
        """The boxes of the colours and codes the chosen scope has; one ticked stays ticked."""
        study = self.whole_study()
        colors = self._study_colors if study else self._colors
        self.color_boxes = _fill_grid(
            self._color_grid,
            # Passages only coded have no swatch to show.
            {c: (label, swatch_icon(c) if c != NO_COLOR else None) for c, label in colors.items()},
            {c for c, box in self.color_boxes.items() if box.isChecked()},
        )
        codes = self._scope_codes()
        self.code_boxes = _fill_grid(
            self._code_grid,
            # In the codebook's order, as its panel shows them; a code's colour, not the
            # colour label of its name.
            {c: (label, color_icon(color)) for c, (label, color) in codes.items()},
            {c for c, box in self.code_boxes.items() if box.isChecked()},
            "No passage is coded.",
        )
        rows = min(CODE_ROWS_SHOWN, max(1, -(-len(codes) // COLUMNS)))
        row = self._code_grid.itemAt(0).widget().sizeHint().height()
        spacing = max(0, self._code_grid.verticalSpacing())
        margins = self._code_grid.contentsMargins()
        scroll = self._code_scroll
        scroll.setFixedHeight(rows * row + (rows - 1) * spacing + margins.top() + margins.bottom())
        page_width = self._code_grid.sizeHint().width()
        scroll.setMinimumWidth(page_width + scroll.verticalScrollBar().sizeHint().width())
        filtering = len(codes) > COLUMNS * CODE_ROWS_SHOWN
        self.code_filter.setVisible(filtering)
        if not filtering:
            self.code_filter.clear()
        elif self.code_filter.text():  # the new boxes narrowed as the ones before were
            self._place_codes()
        if self.isVisible():  # the other scope's boxes: as wide and tall as they need
            # The layouts learn the new sizes from posted events: without them adjustSize
            # went by the old ones (the dialog grew later, by its minimum, and never shrank).
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.adjustSize()
            self._keep_on_screen()

    def _scope_codes(self) -> Codes:
        return self._study_codes if self.whole_study() else self._codes

    def _place_codes(self) -> None:
        """The code boxes whose names hold the filter's text, in order; the others hidden."""
        wanted = self.code_filter.text().strip().casefold()
        codes = self._scope_codes()
        shown = [c for c in self.code_boxes if wanted in codes[c][0].casefold()]
        for box in self.code_boxes.values():
            self._code_grid.removeWidget(box)
            box.hide()
        for i, code_id in enumerate(shown):
            box = self.code_boxes[code_id]
            self._code_grid.addWidget(box, i // COLUMNS, i % COLUMNS)
            box.show()

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


def _fill_grid(
    grid: QGridLayout, items: dict[str, tuple[str, QIcon | None]], ticked: set[str], empty: str = ""
) -> dict[str, QCheckBox]:
    """`grid` holding a box for each item (key -> label, icon), those of `ticked` ticked,
    else the line `empty`; the boxes by key."""
    while (item := grid.takeAt(0)) is not None:
        if (widget := item.widget()) is not None:
            widget.deleteLater()
    boxes: dict[str, QCheckBox] = {}
    metrics = grid.parentWidget().fontMetrics()
    room = metrics.averageCharWidth() * LABEL_CHARS
    for i, (key, (label, icon)) in enumerate(items.items()):
        # A long name would widen its column, and the dialog, past a laptop's screen.
        shown = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, room)
        box = QCheckBox(shown)
        if shown != label:
            box.setToolTip(label)
        if icon is not None:
            box.setIcon(icon)
        box.setChecked(key in ticked)
        grid.addWidget(box, i // COLUMNS, i % COLUMNS)
        box.show()  # now, not from the event loop, so that the grid's size counts it
        boxes[key] = box
    if not items and empty:
        grid.addWidget(QLabel(empty), 0, 0)
    return boxes
