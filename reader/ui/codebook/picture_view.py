"""A picture of the coding on screen: its body (cells or bars) scrolls both ways, while the
row labels stay on the left and the title and column labels on top (each a pane in the
scroll area's margins, painted with the same drawing as a saved file: drawing.py).

A cell names what it counts in its tooltip, and the arrows move a current cell (framed);
a click or Enter on one asks for its passages (`cellActivated`).
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from reader.ui.codebook.drawing import Ink, Picture, screen_ink

NO_CODINGS = "No coded passages yet"
ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MOVES = {
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
}


class _Pane(QWidget):
    """A label pane in the scroll area's margin: painted, and its tooltips given, by the
    view (in the picture's coordinates)."""

    def __init__(
        self,
        view: PictureView,
        paint: Callable[[QPainter, QRect], None],
        tip: Callable[[QPointF], str],
    ) -> None:
        super().__init__(view)
        self._paint, self._tip = paint, tip

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._paint(painter, event.rect())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            show_tip(self, event, self._tip(QPointF(event.pos())))
            return True
        return super().event(event)


def show_tip(widget: QWidget, event: QHelpEvent, text: str) -> None:
    if text:
        QToolTip.showText(event.globalPos(), text, widget)
    else:
        QToolTip.hideText()
        event.ignore()


class PictureView(QAbstractScrollArea):
    cellActivated = Signal(int, int)  # row, column (len(columns): the totals')
    currentChanged = Signal(str)  # the current cell, in words

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("picture")
        self.setAccessibleName("Picture")
        self.setAccessibleDescription(
            "Arrows move between the cells; Enter lists a cell's passages"
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.picture: Picture | None = None
        self.empty = False  # nothing coded: a line says so instead of an empty grid
        self.current = (0, 0)
        self._pressed: tuple[int, int] | None = None
        self.rows_pane = _Pane(self, self._paint_rows, self._row_tip)
        self.head_pane = _Pane(self, self._paint_head, self._column_tip)

    # Showing ------------------------------------------------------------------------------

    def show_picture(self, picture: Picture) -> None:
        self.picture = picture
        picture.font = self.font()
        self.empty = not any(any(row) for row in picture.matrix.counts)
        rows, columns = len(picture.matrix.rows), picture.column_count()
        self.current = (
            max(0, min(self.current[0], rows - 1)),
            max(0, min(self.current[1], columns - 1)),
        )
        self._lay_out()
        self._update_all()

    def _margins(self) -> tuple[int, int]:
        """The row labels' width and the title's and column labels' height."""
        if self.picture is None or self.empty:
            return 0, 0
        return ceil(self.picture.left()), ceil(self.picture.top())

    def _lay_out(self) -> None:
        left, top = self._margins()
        self.setViewportMargins(left, top, 0, 0)
        for pane in (self.rows_pane, self.head_pane):
            pane.setVisible(bool(left or top))
        shown = self.viewport().geometry()
        self.rows_pane.setGeometry(shown.left() - left, shown.top(), left, shown.height())
        self.head_pane.setGeometry(
            shown.left() - left, shown.top() - top, left + shown.width(), top
        )
        size = self.picture.size() if self.picture is not None and not self.empty else None
        for bar, length, room in (
            (self.horizontalScrollBar(), size.width() - left if size else 0, shown.width()),
            (self.verticalScrollBar(), size.height() - top if size else 0, shown.height()),
        ):
            bar.setRange(0, max(0, length - room))
            bar.setPageStep(room)
            bar.setSingleStep(20)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._lay_out()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._update_all()

    def _update_all(self) -> None:
        for widget in (self.viewport(), self.rows_pane, self.head_pane):
            widget.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # a new theme: its colours
            self._update_all()
        elif event.type() == QEvent.Type.FontChange and self.picture is not None:
            self.show_picture(self.picture)

    def _offset(self) -> QPointF:
        """Where the viewport's top left corner is in the picture."""
        left, top = self._margins()
        return QPointF(
            left + self.horizontalScrollBar().value(), top + self.verticalScrollBar().value()
        )

    # Painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        picture, ink = self.picture, screen_ink()
        if picture is None or self.empty:
            painter.fillRect(event.rect(), ink.page)
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = NO_CODINGS if picture is not None else ""
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, text)
        else:
            painter.fillRect(event.rect(), ink.page)
            offset = self._offset()
            painter.translate(-offset)
            picture.draw_body(painter, QRectF(event.rect()).translated(offset), ink)
            if self.hasFocus():
                self._frame_current(painter, picture, ink)
        painter.end()

    def _frame_current(self, painter: QPainter, picture: Picture, ink: Ink) -> None:
        pen = painter.pen()
        pen.setColor(ink.text)
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawRect(picture.cell_rect(*self.current).adjusted(1, 1, -1, -1))

    def _paint_rows(self, painter: QPainter, rect: QRect) -> None:
        picture, ink = self.picture, screen_ink()
        painter.fillRect(rect, ink.page)
        if picture is not None:
            dy = self._offset().y()
            painter.translate(0, -dy)
            picture.draw_row_labels(painter, QRectF(rect).translated(0, dy), ink)

    def _paint_head(self, painter: QPainter, rect: QRect) -> None:
        picture, ink = self.picture, screen_ink()
        painter.fillRect(rect, ink.page)
        if picture is None:
            return
        picture.draw_title(painter, ink)  # still: it names the picture however it scrolls
        left = self._margins()[0]
        painter.setClipRect(QRect(left, 0, self.head_pane.width() - left, self.head_pane.height()))
        dx = self.horizontalScrollBar().value()
        painter.translate(-dx, 0)
        picture.draw_column_labels(painter, QRectF(rect).translated(dx, 0), ink)

    # Where the pointer is -----------------------------------------------------------------

    def cell_at(self, point: QPointF) -> tuple[int, int] | None:
        """The cell at `point` of the viewport, None off the cells."""
        if self.picture is None or self.empty:
            return None
        at = point + self._offset()
        i, j = self.picture.row_at(at.y()), self.picture.column_at(at.x())
        return None if i is None or j is None else (i, j)

    def _row_tip(self, point: QPointF) -> str:
        picture = self.picture
        i = picture.row_at(point.y() + self._offset().y()) if picture is not None else None
        return picture.matrix.row_labels[i] if picture is not None and i is not None else ""

    def _column_tip(self, point: QPointF) -> str:
        picture, left = self.picture, self._margins()[0]
        if picture is None or picture.bars or point.x() < left:
            return ""
        j = picture.column_at(point.x() + self.horizontalScrollBar().value())
        return picture.column_label(j) if j is not None else ""

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            cell = self.cell_at(QPointF(event.pos()))
            text = self.picture.describe(*cell) if self.picture is not None and cell else ""
            show_tip(
                self.viewport(), event, f"{text}\nClick or Enter: its passages" if text else ""
            )
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = self.cell_at(event.position())
        if self._pressed is not None and event.button() == Qt.MouseButton.LeftButton:
            self.set_current(*self._pressed)
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if (
            cell is not None
            and cell == self._pressed
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.cellActivated.emit(*cell)
        self._pressed = None
        super().mouseReleaseEvent(event)

    # Keys -----------------------------------------------------------------------------------

    def set_current(self, row: int, column: int) -> None:
        picture = self.picture
        if picture is None or self.empty:
            return
        row = max(0, min(row, len(picture.matrix.rows) - 1))
        column = max(0, min(column, picture.column_count() - 1))
        self.current = (row, column)
        self._show_cell(picture.cell_rect(row, column))
        self.viewport().update()
        self.currentChanged.emit(picture.describe(row, column))

    def _show_cell(self, cell: QRectF) -> None:
        """The viewport scrolled so that `cell` (in the picture) shows whole."""
        left, top = self._margins()
        shown = QRectF(self.viewport().rect()).translated(self._offset())
        for bar, start, end, low, high, origin in (
            (
                self.horizontalScrollBar(),
                cell.left(),
                cell.right(),
                shown.left(),
                shown.right(),
                left,
            ),
            (self.verticalScrollBar(), cell.top(), cell.bottom(), shown.top(), shown.bottom(), top),
        ):
            if start < low:
                bar.setValue(int(start - origin))
            elif end > high:
                bar.setValue(ceil(end - (high - low) - origin))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if (
            self.picture is None
            or self.empty
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            super().keyPressEvent(event)
        elif key in MOVES:
            down, across = MOVES[Qt.Key(key)]
            self.set_current(self.current[0] + down, self.current[1] + across)
        elif key in ACTIVATE_KEYS:
            self.cellActivated.emit(*self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: object) -> None:
        super().focusInEvent(event)  # type: ignore[arg-type]
        self.viewport().update()
        if self.picture is not None and not self.empty:
            self.currentChanged.emit(self.picture.describe(*self.current))

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self.viewport().update()
