"""File ▸ Export…: choose a format and, optionally, which colours and codes to include; in
a study, this interview or the whole study (Markdown, HTML, CSV, JSON or Word), and of the
study only the interviews with an attribute's value ("Role: nurse"), as the command line's
--where, Search Everything's and Coded Passages' filters keep them. REFI-QDA's project
and codebook are offered too (written by reader/ui/codebook/refi_export.py): they carry codes
and notes, not highlight colours, so for them the colours' box says so in place of the
colours, and the dialog keeps its height whatever the format. What was exported last
(this interview or the study, the format, CRLF; each study's interviews) is chosen again
the next time."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, Qt
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
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import NO_COLOR
from reader.core.export import FORMAT_INFO, ExportOptions
from reader.ui.clear_button import add_clear_button
from reader.ui.dialogs import ok_cancel, swatch_icon
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.exporting.code_list import COLUMNS, ROWS_SHOWN, CodeList, Codes, elided
from reader.ui.library.attribute_filter import chosen_filters, fill_attribute_filter
from reader.ui.library.attribute_values import index_of
from reader.ui.settings import SettingsMap, settings

if TYPE_CHECKING:
    from reader.core.study import Study

# Everything goes into these: colours and codes do not filter them. Short names: the combo
# fits a small screen's dialog, and what they are for is said under it (REFI_NOTES).
REFI_FORMATS = {
    "qdpx": "REFI-QDA project — .qdpx",
    "qdc": "REFI-QDA codebook — .qdc",
}
REFI_NOTES = {  # broken by hand: a wrapped label's height would change with its width
    "qdpx": "Every passage goes, without its highlight colour: the other\n"
    "tool sees it by its codes and notes.",
    "qdc": "The codebook alone: each code with its colour and memo.",
}
REFI_TITLE = "REFI-QDA, for NVivo, ATLAS.ti, MAXQDA, QualCoder"
# Each control's letter (Alt and it): C is left to Cancel, which some desktops give it.
COLOURS_TITLE = "Co&lours (none ticked: all)"
WHOLE_KEY, FORMAT_KEY, CRLF_KEY = "export/whole-study", "export/format", "export/crlf"
INTERVIEWS_KEY = "export/interviews"  # study folder -> the attribute's (key, value), or None
KEEP = 50  # studies
INTERVIEWS_TIP = "Export only the interviews with this attribute value"
CODES_TITLE = "C&odes (none ticked: all)"


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
        attributes: Study | None = None,  # the study, whose interviews may be filtered
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
        self.scope_combo.setAccessibleName("Export")  # its label's, where no relation says it
        self.scope_combo.setAccessibleDescription("What to export: this interview or the study")
        self.scope_combo.currentIndexChanged.connect(self._fill_formats)
        self._attributes = attributes
        self.interviews_combo = QComboBox()  # the study's: all, or those of a value
        self.interviews_combo.setAccessibleName("Interviews")
        self.interviews_combo.setAccessibleDescription(INTERVIEWS_TIP)
        fill_attribute_filter(self.interviews_combo, attributes)
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Format")
        self.format_combo.setAccessibleDescription("The kind of file to write")
        # As wide as its longest name, whichever is shown: no name runs under the arrow.
        self.format_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.crlf_box = QCheckBox("&Windows line ends (CRLF), as MAXQDA counts positions")
        keep = self.crlf_box.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # for a codebook too: the dialog does not shrink
        self.crlf_box.setSizePolicy(keep)
        self.refi_note = QLabel()
        # As tall as the longest note from the start, so that the page of the colours'
        # boxes is not the shorter one at first and the dialog grows when a REFI is chosen.
        lines = max(note.count("\n") + 1 for note in REFI_NOTES.values())
        self.refi_note.setMinimumHeight(lines * self.refi_note.fontMetrics().lineSpacing())
        self.refi_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.refi_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._fill_formats()
        self.color_boxes: dict[str, QCheckBox] = {}
        self.colour_group = QGroupBox(COLOURS_TITLE)
        # The colours' boxes, or what a REFI-QDA file carries: one as tall as the other.
        self.colour_pages = QStackedWidget()
        boxes, refi = QWidget(), QWidget()
        self._color_grid = QGridLayout(boxes)
        self._color_grid.setContentsMargins(0, 0, 0, 0)
        self._color_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        about = QVBoxLayout(refi)
        about.setContentsMargins(0, 0, 0, 0)
        about.addWidget(self.refi_note)
        about.addWidget(self.crlf_box)
        about.addStretch()
        for page in (boxes, refi):
            self.colour_pages.addWidget(page)
        QVBoxLayout(self.colour_group).addWidget(self.colour_pages)
        # By id, labelled by their paths (code_list.offered): a sub-code shows under whom
        # ("Rituals / Café culture"), two of one name ("Work / Stress", "Home / Stress")
        # are two rows, each in its own colour.
        self.code_list = CodeList()
        self.no_codes = QLabel("No passage is coded.")
        self.tag_group = tag_group = QGroupBox(CODES_TITLE)
        # A codebook that scrolls can be narrowed by name; ticked codes stay ticked.
        self.code_filter = QLineEdit()
        self.code_filter.setPlaceholderText("Filter codes")
        self.code_filter.setAccessibleName("Filter codes")
        self.code_filter.setAccessibleDescription(
            "Shows the codes whose names or parents' names hold this text"
        )
        add_clear_button(self.code_filter, "the filter")
        letter_edit_menus(self.code_filter)
        self.code_filter.textChanged.connect(self.code_list.narrow)
        outer = QVBoxLayout(tag_group)
        for widget in (self.code_filter, self.code_list, self.no_codes):
            outer.addWidget(widget)
        self._form = form = QFormLayout()
        if study:
            form.addRow("&Export", self.scope_combo)
            form.addRow("&Interviews", self.interviews_combo)
        form.addRow("&Format", self.format_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.colour_group)
        layout.addWidget(tag_group)
        self._fill_scope()  # in the dialog already: its Tab chain is the dialog's
        self.scope_combo.currentIndexChanged.connect(self._fill_scope)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        layout.addWidget(ok_cancel(self, "Export…"))
        self._choose_as_last()

    def _choose_as_last(self) -> None:
        store = settings()
        if self.scope_combo.count() > 1:
            self.scope_combo.setCurrentIndex(int(store.value(WHOLE_KEY, False, type=bool)))
        found = self.format_combo.findData(str(store.value(FORMAT_KEY, "md")))
        self.format_combo.setCurrentIndex(max(0, found))
        self.crlf_box.setChecked(bool(store.value(CRLF_KEY, False, type=bool)))
        if self._attributes is not None:
            kept = SettingsMap(store, INTERVIEWS_KEY, KEEP).get(str(self._attributes.folder))
            chosen = tuple(kept) if isinstance(kept, list) else None  # JSON has no tuples
            self.interviews_combo.setCurrentIndex(index_of(self.interviews_combo, chosen))

    def accept(self) -> None:
        store = settings()
        store.setValue(WHOLE_KEY, self.whole_study())
        store.setValue(FORMAT_KEY, self.format_name())
        store.setValue(CRLF_KEY, self.crlf())
        if self._attributes is not None and self.whole_study():
            chosen = self.interviews_combo.currentData()
            kept = SettingsMap(store, INTERVIEWS_KEY, KEEP)
            kept.put(str(self._attributes.folder), list(chosen) if chosen else None)
        super().accept()

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
        """The colours and codes the chosen scope has; one ticked stays ticked. The study's
        interviews to keep are offered for the study, when it has attribute values."""
        study = self.whole_study()
        if self.scope_combo.count() > 1:
            offered = study and self.interviews_combo.count() > 1
            self._form.setRowVisible(self.interviews_combo, offered)
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
        refi = name in REFI_FORMATS
        self.crlf_box.setVisible(name == "qdpx")
        self.refi_note.setText(REFI_NOTES.get(name, ""))
        self.colour_pages.setCurrentIndex(1 if refi else 0)
        self.colour_group.setTitle(REFI_TITLE if refi else COLOURS_TITLE)
        self.tag_group.setEnabled(not refi)
        self.code_list.choices.show_every(refi)  # unticked boxes said "not exported"
        self.tag_group.setTitle("C&odes (every one is exported)" if refi else CODES_TITLE)
        self.interviews_combo.setEnabled(not refi)
        self.interviews_combo.setToolTip("Every interview is exported" if refi else INTERVIEWS_TIP)

    def crlf(self) -> bool:
        return self.crlf_box.isChecked()

    def whole_study(self) -> bool:
        return bool(self.scope_combo.currentData())

    def format_name(self) -> str:
        return str(self.format_combo.currentData())

    def filters(self) -> dict[str, set[Any]] | None:
        """The study's interviews to export, as Study.matching takes them; None for all."""
        if not self.whole_study() or self.format_name() in REFI_FORMATS:
            return None
        return chosen_filters(self.interviews_combo)

    def filter_name(self) -> str:
        """The interviews kept, as the list names them ("Role: nurse"); "" for all."""
        return self.interviews_combo.currentText() if self.filters() else ""

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
            box.setAccessibleName(label)  # whole, not as cut to fit
        box.setAccessibleDescription("Exports the passages of this colour; none ticked: all")
        if icon is not None:
            box.setIcon(icon)
        box.setChecked(key in ticked)
        grid.addWidget(box, i // COLUMNS, i % COLUMNS)
        box.show()  # now, not from the event loop, so that the grid's size counts it
        boxes[key] = box
    # Columns as wide as each other, as the codes' below (code_list.py): box over box.
    widest = max((box.sizeHint().width() for box in boxes.values()), default=0)
    for column in range(COLUMNS):
        grid.setColumnMinimumWidth(column, widest)
        grid.setColumnStretch(column, 1)
    return boxes
