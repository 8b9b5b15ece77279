"""Codes ▸ Pictures of the Coding…: the code × interview (or × attribute) heat map, code
co-occurrence, and code frequencies, each saved as PNG or SVG and its numbers as CSV.

The numbers come from the core (codebook_retrieval); the drawing from drawing.py. An open
window follows codings (a moment after the last of a burst), and saves what it shows then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.codebook_retrieval import Matrix, co_occurrence, code_matrix, value_label
from reader.core.store import atomic_write, describe_os_error
from reader.ui.codebook.drawing import Picture, save_png, save_svg
from reader.ui.codebook.hub import CodebookHub
from reader.ui.codebook.passage_finding import FOLLOW_MS, INTERVIEW, Asked, coded_now, save_home
from reader.ui.codebook.picture_view import PictureView
from reader.ui.dialogs import KeptSize, close_only
from reader.ui.exporting.save_folder import ask_save_path

INTERVIEWS, CO_OCCURRENCE, FREQUENCIES = "interview", "co-occurrence", "frequencies"
NOTHING_TO_SAVE = "No coded passages yet: code a passage (select words, press C) first."


def make_picture(hub: CodebookHub, kind: str, descendants: bool) -> Picture:
    """The picture of `kind`: INTERVIEWS, CO_OCCURRENCE, FREQUENCIES, "participant" or an
    attribute key (codes × its values)."""
    coded, book = coded_now(hub), hub.book
    # Categories hold no passages of their own: without their sub-codes, they go.
    drop = set() if descendants else {c.id for c in book if not c.codable}
    if kind == CO_OCCURRENCE:
        matrix = without(co_occurrence(coded, book, descendants=descendants), drop, columns=True)
        title = "A row code's passages that the column code also codes or overlaps (grey: all)"
        return Picture(title, matrix, diagonal_apart=True)
    if kind == FREQUENCIES:
        by = without(code_matrix(coded, book, "interview", descendants=descendants), drop)
        # With the interviews each code is in, in a study (alone there is one).
        columns = ["passages", "interviews"][: 1 + (hub.study is not None)]
        sums = [[sum(row), sum(1 for n in row if n)][: len(columns)] for row in by.counts]
        matrix = Matrix(by.rows, by.row_labels, columns, columns, sums)
        colors = [book.code(r).color for r in matrix.rows]
        return Picture("Coded passages per code", matrix, bars=True, colors=colors)
    order: tuple[str, ...] = ()
    label = "interview"
    study = hub.study
    if kind not in (INTERVIEWS, "participant") and study is not None:
        attribute = study.attribute(kind)
        order, label = attribute.options, attribute.label
    elif kind == "participant":
        label = "participant"
    matrix = code_matrix(coded, book, kind, descendants=descendants, order=order)
    title = f"Coded passages by code and {label}"
    per = "interview" if kind == INTERVIEWS and study is not None else ""
    return Picture(title, without(matrix, drop), totals=True, per=per)


def without(matrix: Matrix, rows: set[str], columns: bool = False) -> Matrix:
    """`matrix` without the rows of `rows` (and those columns too, for code × code)."""
    if not rows:
        return matrix
    keep = [i for i, r in enumerate(matrix.rows) if r not in rows]
    cols = [j for j, c in enumerate(matrix.columns) if not columns or c not in rows]
    return Matrix(
        [matrix.rows[i] for i in keep],
        [matrix.row_labels[i] for i in keep],
        [matrix.columns[j] for j in cols],
        [matrix.column_labels[j] for j in cols],
        [[matrix.counts[i][j] for j in cols] for i in keep],
    )


def asked_of(
    hub: CodebookHub, kind: str, picture: Picture, descendants: bool, cell: tuple[int, int]
) -> Asked:
    """What Retrieve is asked for a cell: its code in its interview, participant or
    attribute value; a pair of codes on the same passages; a code alone (a bar, a total)."""
    matrix, (i, j) = picture.matrix, cell
    code = matrix.rows[i]
    if picture.bars or j >= len(matrix.columns):
        return Asked(code, descendants=descendants)
    column = matrix.columns[j]
    if kind == CO_OCCURRENCE:
        return Asked(code, "" if column == code else column, descendants)
    study = hub.study
    if study is None:  # one interview: its column is all its passages
        return Asked(code, descendants=descendants)
    if kind == INTERVIEWS:
        return Asked(
            code,
            descendants=descendants,
            where=(INTERVIEW, column),
            where_label=f"Interview: {matrix.column_labels[j]}",
        )
    # The value as the interviews hold it (a number, "" or none), not as the column says it.
    entry = next(e for e in study.interviews if value_label(e, kind) == column)
    value = entry.participant if kind == "participant" else entry.attributes.get(kind)
    name = "Participant" if kind == "participant" else study.attribute(kind).label
    return Asked(
        code, descendants=descendants, where=(kind, value), where_label=f"{name}: {column}"
    )


class PicturesWindow(QDialog):
    retrieveRequested = Signal(object)  # an Asked: a cell's passages

    def __init__(self, hub: CodebookHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pictures of the Coding")
        self.setObjectName("pictures")
        self.hub = hub
        self.kind = QComboBox()
        self.kind.setAccessibleName("Picture")
        self.kind.setAccessibleDescription("Which picture of the coding shows")
        self.kind.currentIndexChanged.connect(self.refresh)
        self.below = QCheckBox("Count sub-codes too")
        self.below.setAccessibleDescription("A code's codings include its sub-codes' codings")
        self.below.toggled.connect(self.refresh)
        self.view = PictureView()
        self.view.cellActivated.connect(self._cell_activated)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.view.currentChanged.connect(self.status.setText)  # the cell the arrows are on
        top = QHBoxLayout()
        top.addWidget(self.kind, 1)
        top.addWidget(self.below)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        self.save_buttons: list[QPushButton] = []
        for text, extension in (("Save PNG…", "png"), ("Save SVG…", "svg"), ("Save CSV…", "csv")):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, e=extension: self.save(e))
            bottom.addWidget(button)
            self.save_buttons.append(button)
        bottom.addWidget(close_only(self))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.resize(900, 620)
        KeptSize(self, "windows/pictures")
        self.follow = QTimer(self, singleShot=True, interval=FOLLOW_MS, timeout=self.refresh)
        hub.changed.connect(self.fill_kinds)
        hub.countsChanged.connect(self._codings_changed)
        self.fill_kinds()

    def _codings_changed(self, _change: object) -> None:
        if self.isVisible():  # else drawn when shown
            self.follow.start()

    def _cell_activated(self, row: int, column: int) -> None:
        picture = self.view.picture
        if picture is not None and not self.view.empty:
            kind, below = self.kind.currentData(), self.below.isChecked()
            self.retrieveRequested.emit(asked_of(self.hub, kind, picture, below, (row, column)))

    def fill_kinds(self) -> None:
        chosen = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem("Codes × interviews (heat map)", INTERVIEWS)
        study = self.hub.study
        if study is not None:
            self.kind.addItem("Codes × participants (heat map)", "participant")
            for attribute in study.data.attributes:
                self.kind.addItem(f"Codes × {attribute.label} (heat map)", attribute.key)
        self.kind.addItem("Code co-occurrence (heat map)", CO_OCCURRENCE)
        self.kind.addItem("Code frequencies (bars)", FREQUENCIES)
        self.kind.setCurrentIndex(max(0, self.kind.findData(chosen)))
        self.kind.blockSignals(False)
        self.refresh()

    def show_kind(self, kind: str = "") -> None:
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.show()
        self.refresh()
        self.raise_()
        self.activateWindow()

    def refresh(self) -> None:
        if not self.isVisible():
            return
        self.follow.stop()
        self.view.show_picture(
            make_picture(self.hub, self.kind.currentData(), self.below.isChecked())
        )
        for button in self.save_buttons:  # greyed out while there is nothing to save
            button.setEnabled(not self.view.empty)
            button.setToolTip(NOTHING_TO_SAVE if self.view.empty else "")

    def save(self, extension: str) -> None:
        if self.follow.isActive():  # a coding not drawn yet: saved as it is now
            self.refresh()
        picture = self.view.picture
        if picture is None or self.view.empty:
            return
        name = "".join(c if c.isalnum() else "-" for c in picture.title.lower()).strip("-")
        path = ask_save_path(
            self,
            f"Save as {extension.upper()}",
            f"{name}.{extension}",
            save_home(self.hub),
            f"*.{extension}",
        )
        if not path:
            return
        target = Path(path)
        try:
            if extension == "png":
                save_png(picture, target)
            elif extension == "svg":
                save_svg(picture, target)
            else:
                atomic_write(target, picture.matrix.to_csv(picture.totals))
        except OSError as exc:
            self.status.setText(f"Not saved: {describe_os_error(exc)}")
            return
        self.status.setText(f"Saved {target}")
