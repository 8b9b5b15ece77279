"""How Search Everything paints a result: its snippet on one line, the match in bold about
its middle, the context either side cut to fit ("…came to **work** at the…"), and its place
("Q12", "Intro", "#method") with who speaks there in the transcript ("Q3 · Ben"), muted,
in a short column beside it; in a narrow dock, where the snippet beside the place would
show a word or two, the place on a line of its own above the snippet, which then has the
whole width. The tooltip holds the whole place and snippet.

A snippet word-wrapped onto three lines of a dock at a 1024×640 window read a word or two
a line ("…you came / to work at / the…"), each result three lines tall. A row is laid out
when Qt measures it, once per width, and painted from that layout (so its height and its
lines agree); only the rows Qt measures are: those in sight, and a page at the end for the
scroll bar (the tree scrolls by rows), so thousands of results cost no more.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import NamedTuple

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPointF, QRect, QSize, Qt, QTimer
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

from reader.core.offsets import Utf16Index
from reader.core.search import Result, ResultList
from reader.ui import theme

RESULT_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_LINES = 2  # the place, then the snippet, in a narrow dock
BESIDE_CHARS = 24  # the least room, in characters, for a snippet beside its place
PAD = 3  # above and below a result, between two results
GAP = 5  # between the place column and the snippet
KEPT_ROWS = 1000  # rows kept laid out: many pages of them, ~6 MB
SPEAKER_AFTER = " · "  # between a result's place and who speaks there
USUAL_SPEAKER = "Interviewer"  # a speaker's name as long as most: longer ones are cut
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
        item = QTreeWidgetItem([f"{where(result)}  {result.snippet}"])
        item.setData(0, RESULT_ROLE, result)
        item.setData(0, KIND_ROLE, kind)
        item.setToolTip(0, f"{where(result)}: {result.snippet}")
        children.append(item)
    group.addChildren(children)
    return group, children


def where(result: Result) -> str:
    """Where `result` is, as its row names it: its place, and who speaks there ("Q3 · Ben");
    a result outside the transcript (a note, a tag) has its place alone."""
    return f"{result.label}{SPEAKER_AFTER}{result.speaker}" if result.speaker else result.label


def place_column(metrics: QFontMetrics, speakers: bool = False) -> int:
    """The width of the place column: the usual places, "Q12" and "Intro", fit it; with
    `speakers`, a usual speaker's name after them too ("Q12 · Interviewer")."""
    place = max(metrics.horizontalAdvance(text) for text in ("Q000", "Intro"))
    if speakers:
        place += metrics.horizontalAdvance(SPEAKER_AFTER + USUAL_SPEAKER)
    return place


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
    layout = _cut_after(layout, font, start, end, width, lines, anywhere)
    if layout.lineCount() > lines and start > 1:  # the context before, unbroken, took them
        text, start, end = ELLIPSIS + text[start:], 1, 1 + end - start
        layout = _cut_after(_lay_out(text, font, start, end, width), font, start, end, width, lines)
    return layout


def _cut_after(
    layout: QTextLayout,
    font: QFont,
    start: int,
    end: int,
    width: int,
    lines: int,
    anywhere: bool = False,
) -> QTextLayout:
    """What fits of `layout`'s text, and "…": a word less until both fit, the match's
    start kept."""
    if layout.lineCount() <= lines:
        return layout
    text = layout.text()
    floor = start + 1 if end > start else 1
    kept = text[: shown_end(layout, lines)].rstrip()
    for _ in range(8):
        layout = _lay_out(kept + ELLIPSIS, font, start, min(end, len(kept)), width, anywhere)
        if layout.lineCount() <= lines or len(kept) <= floor:
            break
        space = kept.rfind(" ", floor)
        kept = kept[:space].rstrip() if space > floor else kept[:-1]
    return layout


def shown_end(layout: QTextLayout, lines: int) -> int:
    """Where the text shown in the first `lines` lines of `layout` ends, in code points
    (Python's, as the snippet's offsets; the layout counts UTF-16 units)."""
    if layout.lineCount() == 0:  # an empty snippet
        return 0
    last = layout.lineAt(min(lines, layout.lineCount()) - 1)
    return Utf16Index(layout.text()).to_code_point(last.textStart() + last.textLength())


def _lay_out(
    text: str, font: QFont, start: int, end: int, width: int, anywhere: bool = False
) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    wrap = QTextOption.WrapMode
    option.setWrapMode(wrap.WrapAnywhere if anywhere else wrap.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    if end > start:
        index = Utf16Index(text)  # the match's offsets are code points; the layout's, UTF-16
        bold = QTextLayout.FormatRange()
        bold.start = index.to_utf16(start)
        bold.length = index.to_utf16(end) - bold.start
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


class Row(NamedTuple):
    """A result as measured for a text column `width` px wide: its snippet laid out, the
    width of the place's column, and whether the place is on a line of its own above."""

    width: int
    snippet: QTextLayout
    column: int
    above: bool

    @property
    def lines(self) -> int:
        return 1 + self.above


class ResultDelegate(QStyledItemDelegate):
    """A result as its place, muted, then the snippet on one line with the match in bold:
    one line in a wide dock, two in a narrow one (the place above); the groups as the
    style paints them. A row is laid out where Qt measures it (`sizeHint`), always before
    it paints it: `paint` only draws."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self.place_above = True  # the place on a line of its own (narrow), as measured
        # Each result as measured last, for its paints (Qt measures a row once, then paints
        # it as often as it shows): ~6 KB each, the KEPT_ROWS used last (scrolling through
        # thousands of results held tens of MB), all let go at another search, width or font.
        self._rows: OrderedDict[Result, Row] = OrderedDict()
        self._width = -1  # the viewport's, as measured
        self._stale = False  # resized since: measured again from the event loop
        self._font: QFont | None = None  # the rows' font, as measured
        self._viewport = view.viewport()  # watched: the events of others pass untouched
        self._viewport.installEventFilter(self)

    def place_above_at(self, width: int) -> bool:
        """Whether a viewport `width` px wide puts each result's place on a line of its own:
        beside it, the snippet would have room for fewer than BESIDE_CHARS characters
        (results in a study sit three levels in)."""
        metrics = self.view.fontMetrics()
        room = width - 3 * self.view.indentation() - place_column(metrics, speakers=True) - GAP - 4
        return room < BESIDE_CHARS * max(1, metrics.averageCharWidth())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._viewport
            and event.type() == QEvent.Type.Resize
            and self._viewport.width() != self._width
            and not self._stale
        ):
            # The rows' heights change: measured again once, at the width a dock dragged
            # wider has reached by then, not at every pixel of the drag. A paint before
            # (the window system's, of a window resized) draws the rows as they were.
            self._stale = True
            QTimer.singleShot(0, self, self._measure_again)
        return super().eventFilter(watched, event)

    def _measure_again(self) -> None:
        self._stale = False
        self._width = self._viewport.width()
        self.place_above = self.place_above_at(self._width)
        self.forget()
        self.view.doItemsLayout()

    def place(self, result: Result, metrics: QFontMetrics, width: int) -> tuple[int, bool]:
        """The width of the place's column, and whether the place is on a line of its own
        above the snippet (in a narrow dock); beside it, a long place ("#method-and-approach")
        takes up to a third of the width, cut with "…"; one in the transcript a column wide
        enough for most speakers' names, so that its group's snippets line up."""
        if self.place_above:
            return width, True
        if result.kind == "document":
            wanted = place_column(metrics, speakers=True)
        else:
            wanted = metrics.horizontalAdvance(result.label)
        return max(place_column(metrics), min(wanted, width // 3)), False

    def forget(self) -> None:
        """Measure and lay out every row again (another width, font or search)."""
        self._rows.clear()

    def measured(self, result: Result, font: QFont, width: int) -> Row:
        """`result` laid out for a text column `width` px wide, once at this width."""
        row = self._rows.get(result)
        if row is None or row.width != width:
            column, above = self.place(result, QFontMetrics(font), width)
            snippet_width = width if above else width - column - GAP
            snippet = snippet_layout(result, font, snippet_width, 1)
            row = self._rows[result] = Row(width, snippet, column, above)
            if len(self._rows) > KEPT_ROWS:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(result)
        return row

    def text_rect(self, cell: QRect) -> QRect:
        """Where a result's text goes in its `cell`: within the style's margins and PAD."""
        opt = QStyleOptionViewItem()
        opt.rect = cell
        widget = self.view
        rect = widget.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        return rect.adjusted(2, PAD, -2, -PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        result = index.data(RESULT_ROLE)
        if not isinstance(result, Result):
            return super().sizeHint(option, index)
        font = option.font
        if self._font is None or font != self._font:  # zoomed: every row measured again
            self._font = QFont(font)
            self.forget()
        # The cell as the tree will paint it: the column less the row's indentation.
        depth, parent = 1 if self.view.rootIsDecorated() else 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        cell = self.view.header().sectionSize(0) - depth * self.view.indentation()
        line = QFontMetrics(font).lineSpacing()
        width = self.text_rect(QRect(0, 0, cell, line)).width()
        return QSize(max(cell, 0), self.measured(result, font, width).lines * line + 2 * PAD)

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
        rect = self.text_rect(opt.rect)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        if not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = opt.palette.color(group, role)
        font = QFont(opt.font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        row = self._rows.get(result)  # as Qt measured it, before
        if row is None:  # let go since, scrolled far past: laid out again
            row = self.measured(result, font, rect.width())
        else:
            self._rows.move_to_end(result)
        _width, layout, column, above = row
        painter.save()
        painter.setClipRect(rect)
        painter.setFont(font)
        painter.setPen(text_color if selected else theme.muted_color())
        flags = int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label = metrics.elidedText(where(result), Qt.TextElideMode.ElideRight, column)
        painter.drawText(QRect(rect.left(), rect.top(), column, line), flags, label)
        # The snippet beside the place, or under a long place on a line of its own.
        snippet = rect.adjusted(0, line, 0, 0) if above else rect.adjusted(column + GAP, 0, 0, 0)
        painter.setPen(text_color)
        painter.setClipRect(snippet)
        layout.draw(painter, QPointF(snippet.topLeft()))
        painter.restore()
