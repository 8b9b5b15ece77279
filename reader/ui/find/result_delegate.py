"""How Search Everything paints a result: its place, muted, then the snippet with the
match in bold, the match kept in sight in a narrow dock."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidgetItem,
)

from reader.core.search import Result, ResultList
from reader.ui import theme

RESULT_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


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
        item.setToolTip(0, result.snippet)
        children.append(item)
    group.addChildren(children)
    return group, children


class ResultDelegate(QStyledItemDelegate):
    """A result as its place, muted, then the snippet with the match in bold."""

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
        rect = rect.adjusted(2, 0, -2, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        if not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        text_color = opt.palette.color(
            group,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        muted = text_color if selected else theme.muted_color()
        font = QFont(opt.font)
        bold = QFont(font)
        bold.setBold(True)
        normal_metrics, bold_metrics = QFontMetrics(font), QFontMetrics(bold)
        painter.save()
        painter.setClipRect(rect)
        x = rect.left()
        # A column for the usual places ("Q12", "Intro", "Line 40"); tags may be longer.
        label_width = max(
            normal_metrics.horizontalAdvance(result.label),
            normal_metrics.horizontalAdvance("Line 00"),
        )
        painter.setFont(font)
        painter.setPen(muted)
        flags = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        painter.drawText(x, rect.top(), label_width, rect.height(), flags, result.label)
        x += label_width + normal_metrics.horizontalAdvance("  ")
        snippet = result.snippet
        before = snippet[: result.snippet_start]
        match = snippet[result.snippet_start : result.snippet_end]
        after = snippet[result.snippet_end :]
        room = rect.right() - x
        match_width = bold_metrics.horizontalAdvance(match)
        # Keep the match in sight: cut the context before it from the left if need be.
        before_room = max(0, min(room // 3, room - match_width - 20))
        if normal_metrics.horizontalAdvance(before) > before_room and match:
            before = normal_metrics.elidedText(before, Qt.TextElideMode.ElideLeft, before_room)
        painter.setPen(text_color)
        for part, part_font, metrics in (
            (before, font, normal_metrics),
            (match, bold, bold_metrics),
        ):
            if part:
                painter.setFont(part_font)
                width = metrics.horizontalAdvance(part)
                painter.drawText(x, rect.top(), width + 1, rect.height(), flags, part)
                x += width
        if after and x < rect.right():
            painter.setFont(font)
            rest = normal_metrics.elidedText(after, Qt.TextElideMode.ElideRight, rect.right() - x)
            painter.drawText(x, rect.top(), rect.right() - x, rect.height(), flags, rest)
        painter.restore()
