"""The outline: the interview's questions, in order; it follows the reader and leads it."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.core.session import Session
from reader.core.shorten import shorten
from reader.ui.wrapped_text import wrapped_lines

PREVIEW_CHARS = 90
ISOLATE, END_ISOLATE = "\u2068", "\u2069"  # Unicode's first strong isolate, and its end
PAD_X, PAD_Y = 6, 3
MEASURES_KEPT = 20_000  # row heights: a long transcript's questions at a few widths


class WrappedRowDelegate(QStyledItemDelegate):
    """A row's text wrapped to the row's width, measured and painted the same way: Qt's
    own measure of wrapped rows disagreed with its painting (gaps under some rows, the
    last line cut from others). A row too low for its text ends in "…". Each row's
    height is measured once for a width and font: Qt asks three times a row as the window
    shows (a style set after the first paint asks again), and a long transcript's
    hundreds of questions were measured anew each time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, int, str], int] = {}  # (text, width, font) -> px

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        """The width the row's text is painted in: the view lays rows out as wide as its
        viewport less its spacing on each side."""
        view = option.widget
        if isinstance(view, QListView):
            width = view.viewport().width() - 2 * view.spacing()
        else:
            width = option.rect.width()
        return max(40, width - 2 * PAD_X)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width, text = self._text_width(option), str(index.data())
        key = (text, width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= MEASURES_KEPT:  # widths gone by: measured again
                self._heights.clear()
            lines = wrapped_lines(text, option.font, width, len(text))
            height = self._heights[key] = len(lines) * QFontMetrics(option.font).lineSpacing()
        return QSize(width + 2 * PAD_X, height + 2 * PAD_Y)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = ""  # paint draws it, wrapped

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The style draws the row (background, selection, focus) with no text, which is
        # drawn here, wrapped. Neither QStyle nor the option's state is touched from
        # Python: that would make PySide build QStyle's type, ~8 ms of start-up (#17).
        super().paint(painter, option, index)
        text = str(index.data())
        view = option.widget
        selected = isinstance(view, QListWidget) and view.selectionModel().isSelected(index)
        palette = option.palette
        role = palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text
        painter.save()
        painter.setPen(palette.color(role))
        if not index.flags() & Qt.ItemFlag.ItemIsEnabled:
            painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        fm = QFontMetrics(option.font)
        painter.setFont(option.font)
        # Each line reads in the direction of its first letter: a Hebrew question's "?"
        # ends it on the left, not on the right as in a left-to-right line.
        painter.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        y = rect.top() + fm.ascent()
        room = max(1, rect.height() // fm.lineSpacing())  # lines; a row too low elides
        for line in wrapped_lines(text, option.font, rect.width(), room):
            painter.drawText(rect.left(), y, line)
            y += fm.lineSpacing()
        painter.restore()


class OutlineList(QListWidget):
    """One row per question; activating a row asks the reader to go there."""

    questionActivated = Signal(int)  # the question's start offset

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setAccessibleName("Questions")
        self.setAccessibleDescription("The interview's questions; Enter goes to one")
        self.setWordWrap(True)
        self.setItemDelegate(WrappedRowDelegate(self))
        self.setUniformItemSizes(False)
        self.setSpacing(2)
        # Rows are measured at the view's width: measure again when it changes; a batch
        # at a time, so that thousands of questions never hold up the window's painting.
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setLayoutMode(QListWidget.LayoutMode.Batched)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._segment_indexes: list[int] = []  # segment index of each row
        self.itemClicked.connect(self._activate)
        self.itemActivated.connect(self._activate)

    def show_session(self, session: Session) -> None:
        self.clear()
        self._segment_indexes = []
        text = session.document.text
        for index, number in session.questions:  # one row per question, however long
            seg = session.segments[index]
            # The words isolated from the number (FSI … PDI, as HTML's <bdi>): they read
            # in their own direction after "Q3" (a wrapped row's next lines do anyway).
            words = shorten(session.question_words(index), PREVIEW_CHARS)
            item = QListWidgetItem(f"Q{number}  {ISOLATE}{words}{END_ISOLATE}")
            item.setData(Qt.ItemDataRole.UserRole, seg.start)
            item.setToolTip(text[seg.start : seg.end])
            self.addItem(item)
            self._segment_indexes.append(index)
        if session.segments and not self._segment_indexes:
            placeholder = QListWidgetItem("No questions found. Mark one from the reader's menu.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(placeholder)

    def follow(self, segment_index: int) -> None:
        """Make the question that `segment_index` falls under current, without jumping."""
        row = bisect_right(self._segment_indexes, segment_index) - 1
        if row == self.currentRow():
            return
        self.blockSignals(True)
        self.setCurrentRow(row)  # -1 above the first question: nothing is current
        self.blockSignals(False)
        if row >= 0:
            self.scrollToItem(self.item(row))

    def _activate(self, item: QListWidgetItem) -> None:
        start = item.data(Qt.ItemDataRole.UserRole)
        if start is not None:
            self.questionActivated.emit(start)
