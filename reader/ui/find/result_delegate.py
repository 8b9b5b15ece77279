"""How Search Everything paints a result in a narrow dock: its place ("Q12", "Intro") in a
short column, muted, beside the snippet word-wrapped onto up to three lines with the match
in bold and kept in sight; a longer place ("Line 40", "#method") on a line of its own.

At 200 px a one-line result showed about fifteen characters ("…king movies the…"). Every
result is as tall as the others at a given width, so the list scans evenly and its size
hint costs nothing: the snippet is laid out only when its row is painted.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidgetItem,
)

from reader.core.search import SNIPPET_CHARS, Result, ResultList
from reader.ui import theme

RESULT_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_LINES = 3
PAD = 3  # above and below a result, between two results
GAP = 5  # between the place column and the snippet
ELLIPSIS = "…"


def kind_group(
    title: str, kind: str, results: ResultList
) -> tuple[QTreeWidgetItem, list[QTreeWidgetItem]]:
    """The tree item of one kind of results ("Tags (3)"), with an item per result."""
    count = f"{len(results):,} of {results.total:,}" if results.more else f"{results.total:,}"
    group = QTreeWidgetItem([f"{title} ({count})"])
    group.setData(0, KIND_ROLE, kind)
    children = []
    for result in results:
        item = QTreeWidgetItem([f"{result.label}  {result.snippet}"])
        item.setData(0, RESULT_ROLE, result)
        item.setData(0, KIND_ROLE, kind)
        item.setToolTip(0, f"{result.label}: {result.snippet}")
        children.append(item)
    group.addChildren(children)
    return group, children


def place_column(metrics: QFontMetrics) -> int:
    """The width of the place column: the usual places, "Q12" and "Intro", fit it."""
    return max(metrics.horizontalAdvance(text) for text in ("Q000", "Intro"))


def cut_before(text: str, metrics: QFontMetrics, room: int) -> str:
    """`text` (the context before a match) cut from the left, at a word, to `room` px."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    kept = metrics.elidedText(text, Qt.TextElideMode.ElideLeft, max(0, room))[1:]
    at = len(text) - len(kept)
    if kept and at > 0 and not text[at - 1].isspace():  # in the middle of a word
        space = kept.find(" ")
        kept = kept[space + 1 :] if space != -1 else kept
    return ELLIPSIS + kept.lstrip()


def snippet_layout(result: Result, font: QFont, width: int, lines: int) -> QTextLayout:
    """`result`'s snippet wrapped to `width` in at most `lines` lines, the match in bold
    and in sight (the context before it shortened), "…" where the rest is cut."""
    text, start, end = result.snippet, result.snippet_start, result.snippet_end
    if end > start:
        bold = QFont(font)
        bold.setBold(True)
        match_width = QFontMetrics(bold).horizontalAdvance(text[start:end])
        # The match about the middle of the lines: the context before it takes half.
        before = cut_before(text[:start], QFontMetrics(font), (width * lines - match_width) // 2)
        text, start, end = before + text[start:], len(before), len(before) + end - start
    layout = _lay_out(text, font, start, end, width)
    if end > start and start > 1 and shown_end(layout, lines) < end:  # a long match
        text, start, end = ELLIPSIS + text[start:], 1, 1 + end - start  # begins at it
        layout = _lay_out(text, font, start, end, width)
    anywhere = end > start and shown_end(layout, lines) <= start  # a word wider than a line
    if anywhere:
        layout = _lay_out(text, font, start, end, width, anywhere)
    if layout.lineCount() > lines:  # what fits, and "…": a word less until both fit
        floor = start + 1 if end > start else 1  # the match's start stays
        kept = text[: shown_end(layout, lines)].rstrip()
        for _ in range(8):
            layout = _lay_out(kept + ELLIPSIS, font, start, min(end, len(kept)), width, anywhere)
            if layout.lineCount() <= lines or len(kept) <= floor:
                break
            space = kept.rfind(" ", floor)
            kept = kept[:space].rstrip() if space > floor else kept[:-1]
    return layout


def shown_end(layout: QTextLayout, lines: int) -> int:
    """Where the text shown in the first `lines` lines of `layout` ends."""
    if layout.lineCount() == 0:  # an empty snippet
        return 0
    last = layout.lineAt(min(lines, layout.lineCount()) - 1)
    return last.textStart() + last.textLength()


def _lay_out(
    text: str, font: QFont, start: int, end: int, width: int, anywhere: bool = False
) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    wrap = QTextOption.WrapMode
    option.setWrapMode(wrap.WrapAnywhere if anywhere else wrap.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    if end > start:
        bold = QTextLayout.FormatRange()
        bold.start, bold.length = start, end - start
        bold.format = QTextCharFormat()
        bold.format.setFontWeight(QFont.Weight.Bold)
        layout.setFormats([bold])
    # Lines a line spacing apart, as the rows' height counts them (a fallback font's
    # taller line, CJK or emoji, would push the last line out of the row).
    step = QFontMetrics(font).lineSpacing()
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(1, width))
        line.setPosition(QPointF(0, step * line.lineNumber()))
    layout.endLayout()
    return layout


class ResultDelegate(QStyledItemDelegate):
    """A result as its place, muted, then the snippet with the match in bold, on as many
    lines (one to three) as the tree's width asks; the groups as the style paints them."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self.lines = MAX_LINES
        view.viewport().installEventFilter(self)

    def lines_for(self, width: int) -> int:
        """How many lines a snippet gets in a viewport `width` px wide: what its usual
        length needs, at most MAX_LINES (results in a study sit three levels in)."""
        metrics = self.view.fontMetrics()
        room = width - 3 * self.view.indentation() - place_column(metrics) - GAP - 4
        per_line = max(1, room // max(1, metrics.averageCharWidth()))
        return max(1, min(MAX_LINES, math.ceil(2 * SNIPPET_CHARS / per_line)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            lines = self.lines_for(self.view.viewport().width())
            if lines != self.lines:  # the rows' height changes: the tree lays them out again
                self.lines = lines
                self.view.doItemsLayout()
        return super().eventFilter(watched, event)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if not isinstance(index.data(RESULT_ROLE), Result):
            return super().sizeHint(option, index)
        # A result wraps to the column's width: measuring its whole text, as the default
        # hint does, took two thirds of the time of listing 5,000 results.
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(max(option.rect.width(), 0), self.lines * line + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        result = index.data(RESULT_ROLE)
        if not isinstance(result, Result):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(2, PAD, -2, -PAD)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        if not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = opt.palette.color(group, role)
        font = QFont(opt.font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        lines = max(1, min(self.lines, rect.height() // line))
        column = place_column(metrics)
        label_width = metrics.horizontalAdvance(result.label)
        painter.save()
        painter.setClipRect(rect)
        painter.setFont(font)
        painter.setPen(text_color if selected else theme.muted_color())
        flags = int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if label_width <= column or lines == 1:  # the place in its column
            column = max(column, min(label_width, rect.width() // 3))
            label = metrics.elidedText(result.label, Qt.TextElideMode.ElideRight, column)
            painter.drawText(QRect(rect.left(), rect.top(), column, line), flags, label)
            snippet = rect.adjusted(column + GAP, 0, 0, 0)
        else:  # a long place on a line of its own, the snippet under it
            label = metrics.elidedText(result.label, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), flags, label)
            snippet, lines = rect.adjusted(0, line, 0, 0), lines - 1
        painter.setPen(text_color)
        layout = snippet_layout(result, font, snippet.width(), lines)
        painter.setClipRect(snippet)
        layout.draw(painter, QPointF(snippet.topLeft()))
        painter.restore()
