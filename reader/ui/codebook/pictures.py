"""Codes ▸ Pictures of the Coding…: the code × interview (or × attribute) heat map, code
co-occurrence, and code frequencies, each saved as PNG or SVG and its numbers as CSV.

The numbers come from the core (codebook_retrieval); the drawing from drawing.py. An open
window follows codings (a moment after the last of a burst), and saves what it shows then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.core.codebook_retrieval import Matrix, co_occurrence, code_matrix
from reader.core.store import atomic_write, describe_os_error
from reader.ui.codebook.drawing import Picture, save_png, save_svg, screen_ink
from reader.ui.codebook.hub import CodebookHub
from reader.ui.codebook.passage_finding import FOLLOW_MS, coded_now, save_home
from reader.ui.dialogs import KeptSize, close_only
from reader.ui.exporting.save_folder import ask_save_path

INTERVIEWS, CO_OCCURRENCE, FREQUENCIES = "interview", "co-occurrence", "frequencies"
NO_CODINGS = "No coded passages yet"
NOTHING_TO_SAVE = "No coded passages yet: code a passage (select words, press C) first."


def make_picture(hub: CodebookHub, kind: str, descendants: bool) -> Picture:
    """The picture of `kind`: INTERVIEWS, CO_OCCURRENCE, FREQUENCIES, "participant" or an
    attribute key (codes × its values)."""
    coded, book = coded_now(hub), hub.book
    # Categories hold no passages of their own: without their sub-codes, they go.
    drop = set() if descendants else {c.id for c in book if not c.codable}
    if kind == CO_OCCURRENCE:
        matrix = without(co_occurrence(coded, book, descendants=descendants), drop, columns=True)
        title = "Codes applied to overlapping passages (grey: each code's own passages)"
        return Picture(title, matrix, diagonal_apart=True)
    if kind == FREQUENCIES:
        by = without(code_matrix(coded, book, "interview", descendants=descendants), drop)
        sums = [[sum(row)] for row in by.counts]
        matrix = Matrix(by.rows, by.row_labels, ["codings"], ["codings"], sums)
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
    return Picture(f"Coded passages by code and {label}", without(matrix, drop))


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


class PictureView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.picture: Picture | None = None
        self.empty = False  # nothing coded: a line says so instead of an empty grid

    def show_picture(self, picture: Picture) -> None:
        self.picture = picture
        picture.font = self.font()
        self.empty = not any(any(row) for row in picture.matrix.counts)
        if self.empty:
            metrics = self.fontMetrics()
            self.setFixedSize(metrics.horizontalAdvance(NO_CODINGS) + 64, metrics.height() * 4)
        else:
            self.setFixedSize(picture.size())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.picture is None:
            return
        painter = QPainter(self)
        if self.empty:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, NO_CODINGS)
        else:
            self.picture.draw(painter, event.rect().toRectF(), screen_ink())
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a new theme: its colours
            self.update()


class PicturesWindow(QDialog):
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
        scroll = QScrollArea()
        scroll.setWidget(self.view)
        self.status = QLabel()
        self.status.setWordWrap(True)
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
        layout.addWidget(scroll, 1)
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
                atomic_write(target, picture.matrix.to_csv())
        except OSError as exc:
            self.status.setText(f"Not saved: {describe_os_error(exc)}")
            return
        self.status.setText(f"Saved {target}")
