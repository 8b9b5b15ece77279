"""Search Everything (Ctrl+Shift+F): the interview, highlights, notes, tags and the research
notes at once, results grouped by kind in a dock; Enter on a result goes there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.search import KINDS, Result, ResultList, SearchError, search_everything
from reader.core.session import Session
from reader.ui import theme
from reader.ui.find.find_bar import warning_color
from reader.ui.interview.open_interview import OpenInterview

GROUP_TITLES = {
    "document": "In the interview",
    "quotes": "Highlight quotes",
    "notes": "Notes on highlights",
    "tags": "Tags",
    "research": "Research notes",
}
RESULT_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 250
REFRESH_MS = 600  # after an edit of the notes or a highlight, while the panel is shown
_ONE_LINE = str.maketrans("\n\t\r", "   ")  # as in the results' snippets


class SearchPanel(QWidget):
    """A query field, the find options and the results tree, over the open interview.

    Activating a result asks for it by signal (the window takes the reader or the notes
    there); results that no longer match what is open are searched again instead.
    """

    documentSpanRequested = Signal(int, int)  # select this span of the interview text
    highlightRequested = Signal(str, int, int)  # go to the highlight; flash [start, end)
    notesSpanRequested = Signal(int, int)  # select this span of the research notes
    escapePressed = Signal()

    def __init__(self, interview: OpenInterview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-panel")
        self.interview = interview
        self.searched_session: Session | None = None
        self.stale = False
        self.results: dict[str, ResultList] = {}
        self.error = ""
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        # A moment after the notes, a highlight or the open interview changed, while shown.
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        interview.highlightChanged.connect(self.changed)
        interview.opened.connect(self.changed)
        interview.replaced.connect(self.changed)
        interview.notes_document.contentsChanged.connect(self.changed)

        self.edit = QLineEdit()
        self.edit.setObjectName("search-edit")
        self.edit.setPlaceholderText("Search interview, highlights and notes")
        self.edit.setAccessibleName("Search everything")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.installEventFilter(self)
        self.case_button = self._toggle("Aa", "Match case")
        self.word_button = self._toggle("ab", "Whole word")
        font = self.word_button.font()
        font.setUnderline(True)
        self.word_button.setFont(font)
        self.regex_button = self._toggle(".*", "Regular expression")
        self.status = QLabel()
        self.status.setObjectName("search-status")
        self.status.setWordWrap(True)
        self.status.setContentsMargins(4, 0, 4, 0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("search-results")
        self.tree.setAccessibleName("Search results")
        self.tree.setAccessibleDescription("What was found, grouped by where; Enter goes to it")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(14)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegate(ResultDelegate(self.tree))
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.tree.itemActivated.connect(self._activated)
        self.tree.installEventFilter(self)

        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.case_button)
        row.addWidget(self.word_button)
        row.addWidget(self.regex_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self._show_status()

    def _toggle(self, text: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(name)
        button.setAccessibleName(name)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance("Aa") + 16)
        button.toggled.connect(lambda _on: self.search())
        return button

    def options(self) -> dict[str, bool]:
        return {
            "case": self.case_button.isChecked(),
            "whole_word": self.word_button.isChecked(),
            "regex": self.regex_button.isChecked(),
        }

    # Searching ---------------------------------------------------------------------------

    def search(self) -> None:
        self._timer.stop()
        self.stale = False
        session = self.interview.session
        query = self.edit.text()
        self.error = ""
        self.results = {}
        self.searched_session = None
        if session is not None and query:
            notes_text = self.interview.research_notes()
            try:
                self.results = search_everything(
                    session, query, notes_text=notes_text, **self.options()
                )
            except SearchError as exc:
                self.error = str(exc)
            else:
                self.searched_session = session
        self._populate()
        self._show_status()

    def _populate(self) -> None:
        """Fill the tree, keeping the current row and the scroll position when refreshing."""
        current = self.tree.currentItem()
        keep = None
        if current is not None and current.parent() is not None:
            keep = (current.data(0, KIND_ROLE), current.parent().indexOfChild(current))
        scroll = self.tree.verticalScrollBar().value()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        restore = None
        for kind in KINDS:
            results = self.results.get(kind)
            if not results:
                continue
            count = (
                f"{len(results):,} of {results.total:,}" if results.more else f"{results.total:,}"
            )
            group = QTreeWidgetItem([f"{GROUP_TITLES[kind]} ({count})"])
            group.setData(0, KIND_ROLE, kind)
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            children = []
            for result in results:
                item = QTreeWidgetItem([f"{result.label}  {result.snippet}"])
                item.setData(0, RESULT_ROLE, result)
                item.setData(0, KIND_ROLE, kind)
                item.setToolTip(0, result.snippet)
                children.append(item)
            group.addChildren(children)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
            if keep is not None and keep[0] == kind and children:
                restore = children[min(keep[1], len(children) - 1)]
        if restore is not None:
            self.tree.setCurrentItem(restore)
            self.tree.verticalScrollBar().setValue(scroll)
        self.tree.setUpdatesEnabled(True)

    def _show_status(self) -> None:
        palette = self.palette()
        if self.error:
            text = self.error
            palette.setColor(QPalette.ColorRole.WindowText, warning_color())
        elif not self.edit.text():
            text = "Find words in the interview, your highlights, their notes and tags, and "
            text += "your research notes."
            palette.setColor(QPalette.ColorRole.WindowText, theme.muted_color())
        elif not any(self.results.values()):
            text = "No results"
            palette.setColor(QPalette.ColorRole.WindowText, theme.muted_color())
        else:
            text = ""
        self.status.setPalette(palette)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def first_result(self) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.childCount():
                return group.child(0)
        return None

    def result_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            items.extend(group.child(j) for j in range(group.childCount()))
        return items

    # Keys and activation -----------------------------------------------------------------

    def focus_results(self) -> bool:
        """Move the focus into the results, on the current one or the first."""
        item = self.tree.currentItem() or self.first_result()
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return True
        if watched is self.edit:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive() or not self.results:
                    self.search()
                self.focus_results()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                if self._timer.isActive():
                    self.search()
                return self.focus_results()
        elif watched is self.tree and key == Qt.Key.Key_Up:
            first = self.tree.topLevelItem(0)
            if first is None or self.tree.currentItem() in (first, first.child(0)):
                self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _activated(self, item: QTreeWidgetItem) -> None:
        result = item.data(0, RESULT_ROLE)
        if isinstance(result, Result):
            self.go_to(result)
        else:
            item.setExpanded(not item.isExpanded())

    def go_to(self, result: Result) -> None:
        """Ask for the place of `result`, or search again if it no longer holds."""
        session = self.interview.session
        if session is None or session is not self.searched_session:
            self.search()  # another interview is open: these results are not about it
            return
        if result.kind == "document":
            if result.end <= len(session.document.text):
                self.documentSpanRequested.emit(result.start, result.end)
        elif result.kind == "research":
            text = self.interview.research_notes()
            found = result.snippet[result.snippet_start : result.snippet_end]  # maybe cut
            there = text[result.start : result.end].translate(_ONE_LINE)
            if found and there.startswith(found):
                self.notesSpanRequested.emit(result.start, result.end)
            else:
                self.search()  # the notes changed since: search them again
        elif result.highlight_id is not None:
            highlight = session.highlight(result.highlight_id)
            if highlight is None:
                self.search()
            elif highlight.orphan:
                self.interview.status.emit(
                    "That highlight is no longer in the interview text; see Annotations.", 6000
                )
            elif result.kind == "quotes":  # the words found, within the highlight
                start = highlight.start + result.start
                self.highlightRequested.emit(highlight.id, start, highlight.start + result.end)
            else:
                self.highlightRequested.emit(highlight.id, -1, -1)

    def open_with(self, prefill: str) -> None:
        """Shown: the focus in the field, `prefill` (a selection) as the query if given."""
        if prefill and prefill != self.edit.text():
            self.edit.setText(prefill)
            self.search()
        elif self.edit.text() and self.searched_session is not self.interview.session:
            self.search()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def changed(self, *_args: object) -> None:
        self.stale = True
        if self.isVisible() and self.edit.text():
            self._refresh.start()

    def refresh(self) -> None:
        """Search again if something changed while the panel was shown or hidden."""
        moved = self.searched_session is not self.interview.session
        if (self.stale or moved) and self.edit.text() and self.isVisible():
            self.search()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


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
