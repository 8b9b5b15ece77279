"""Search Everything (Ctrl+Shift+F): the interview, highlights, notes, tags and the research
notes at once, results grouped by kind in a dock; Enter on a result goes there. Diacritics
are ignored unless "Match diacritics" is on; the options are remembered, as the find bar's."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QFont, QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.search import (
    KINDS,
    Result,
    ResultList,
    SearchError,
    comparing,
    search_everything,
)
from reader.core.session import Session
from reader.core.study_search import MEMO, StudyResults
from reader.ui import theme
from reader.ui.after_paint import AfterPaint
from reader.ui.clear_button import add_clear_button
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.find.find_bar import warning_color
from reader.ui.find.find_options import checked, keep_query, option_buttons
from reader.ui.find.kept_row import KeptRow, results_under
from reader.ui.find.result_delegate import RESULT_ROLE, ResultDelegate, kind_group
from reader.ui.find.results_out import ResultsOut
from reader.ui.find.study_scope import INTERVIEW_ROLE, StudyScope, memo_group, populate
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.settings import settings
from reader.ui.window.spoken import announce

GROUP_TITLES = {
    "document": "In the interview",
    "quotes": "Highlight quotes",
    "notes": "Notes on highlights",
    "tags": "Codes",
    "research": "Research notes",
    MEMO: "Study memo",
}
DEBOUNCE_MS = 250
EVERYTHING = "Search the interview, your highlights, their notes and codes, and your research notes"
REFRESH_MS = 600  # after an edit of the notes or a highlight, while the panel is shown
QUERY_KEY = "search/query"  # the last query searched, in the field at the next start
OPTIONS = "search"  # the settings keys of its options: search/match-case...
_ONE_LINE = str.maketrans("\n\t\r", "   ")  # as in the results' snippets


def placeholder_width(edit: QLineEdit) -> int:
    """The width at which `edit` shows its whole placeholder: its frame and Qt's 2 px
    each side, and room for the clear button (as tall as the field)."""
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    room = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    return room + 2 * (frame + 2) + edit.sizeHint().height() + 4


class SearchPanel(QWidget):
    """A query field, the find options and the results tree, over the open interview.

    Activating a result asks for it by signal (the window takes the reader or the notes
    there); results that no longer match what is open are searched again instead.
    """

    documentSpanRequested = Signal(int, int)  # select this span of the interview text
    highlightRequested = Signal(str, int, int)  # go to the highlight; flash [start, end)
    notesSpanRequested = Signal(int, int)  # select this span of the research notes
    memoSpanRequested = Signal(int, int)  # select this span of the study memo

    def __init__(self, interview: OpenInterview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-panel")
        self.interview = interview
        self.searched_session: Session | None = None
        self.stale = False
        self.results: dict[str, ResultList] = {}
        self.scope: StudyScope | None = None  # a study is searched whole when one is open
        self.study_results: StudyResults | None = None
        self.error = ""
        self._to_results = False  # Enter was pressed before a study's first result came
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        # A moment after the notes, a highlight or the open interview changed, while shown.
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        interview.highlightChanged.connect(self.changed)
        interview.opened.connect(self.changed)
        interview.replaced.connect(self.changed)
        interview.researchNotesChanged.connect(self.changed)

        self.edit = QLineEdit()
        self.edit.setObjectName("search-edit")
        # Short, in full in the tip: the field is never narrower than it.
        self.edit.setPlaceholderText("Search…")
        self.edit.setMinimumWidth(placeholder_width(self.edit))
        self.edit.setToolTip(EVERYTHING)
        self.edit.setAccessibleName("Search everything")
        self.edit.setAccessibleDescription(EVERYTHING)
        add_clear_button(self.edit, "the search")
        letter_edit_menus(self.edit)
        self.edit.setText(str(settings().value(QUERY_KEY, "")))  # the last, searched once shown
        self._after_paint = AfterPaint(self, self.refresh)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.installEventFilter(self)
        self.option_buttons = option_buttons(OPTIONS, self, self.search)
        self.case_button, self.word_button, self.regex_button, self.diacritics_button = (
            self.option_buttons.values()
        )
        self.status = QLabel()
        self.status.setObjectName("search-status")
        self.status.setWordWrap(True)
        self.status.setContentsMargins(4, 0, 4, 0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("search-results")
        self.tree.setAccessibleName("Search results")
        self.tree.setAccessibleDescription("What was found, grouped by where; Enter goes to it")
        self.tree.setHeaderHidden(True)
        # Results are as tall as their lines; measured only in sight (result_delegate.py).
        self.tree.setUniformRowHeights(False)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(10)  # a result in a study sits three levels in
        self.rows = ResultDelegate(self.tree)
        self.tree.setItemDelegate(self.rows)
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.tree.itemActivated.connect(self.activate)
        self._kept: KeptRow | None = None  # the row current before a refresh, to restore
        self.tree.currentItemChanged.connect(self._forget_kept)
        self.tree.installEventFilter(self)
        self.results_out = ResultsOut(self)  # Export Results, the row menu, Ctrl+C

        # The options under the field, which has the dock's width: beside them, in the
        # dock of a 1024 px window, it showed ten characters of the query.
        options = QHBoxLayout()
        options.setSpacing(2)
        for button in (
            self.case_button,
            self.diacritics_button,
            self.word_button,
            self.regex_button,
        ):
            options.addWidget(button)
        options.addStretch(1)
        options.addWidget(self.results_out.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addLayout(options)
        self._layout = layout
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.show_status()

    def set_scope(self, scope: StudyScope) -> None:
        """Search the whole study while one is open, filtered by `scope.filter`."""
        self.scope = scope
        self._layout.insertWidget(2, scope.filter)  # under the options
        scope.fill_filter()  # in the panel first: shown alone, it would be a window
        scope.filter.currentIndexChanged.connect(lambda _i: self.search())
        scope.grown.connect(self._grown)
        scope.owner.opened.connect(self.changed)
        scope.owner.closed.connect(self.changed)

    def options(self) -> dict[str, bool]:
        return checked(self.option_buttons)

    # Searching ---------------------------------------------------------------------------

    def search(self) -> None:
        self._timer.stop()
        self.stale = False
        session = self.interview.session
        query = self.edit.text()
        keep_query(QUERY_KEY, query)
        self.error = ""
        self.results = {}
        self.study_results = None
        self.searched_session = None
        self._to_results = False
        if self.scope is not None:
            self.scope.stop()  # an empty query too: the study's search under way is dropped
        if self.scope is not None and self.scope.active() and query:
            try:
                self.study_results = self.scope.search(query, self.options())
            except SearchError as exc:
                self.error = str(exc)
            self.searched_session = session
        elif session is not None and query:
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
        self.show_status()

    def _populate(self) -> None:
        """Fill the tree, keeping the current row and the scroll position when refreshing."""
        keep = KeptRow.of(self.tree.currentItem(), self.tree.verticalScrollBar().value())
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self.rows.forget()  # the rows measured: of the results gone, or measured again
        self._kept = keep  # set after clear(), which made no row current
        if self.study_results is not None:
            populate(self.tree, self.study_results.interviews, GROUP_TITLES)
            memo_group(self.tree, self.study_results.memo, GROUP_TITLES[MEMO])
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for kind in KINDS:
            results = self.results.get(kind)
            if not results:
                continue
            group, _children = kind_group(GROUP_TITLES[kind], kind, results)
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
        self._restore(0)
        self.tree.setUpdatesEnabled(True)

    def _grown(self, found: list) -> None:
        """More of a study's results: painted below the others, the current row kept (or
        made current again, once its interview is searched)."""
        if self.study_results is not None:
            first = self.tree.topLevelItemCount()
            populate(self.tree, found, GROUP_TITLES)
            self._restore(first)
            self.show_status()
            if found and self._to_results and self.edit.hasFocus():
                self.focus_results()

    def _restore(self, first: int) -> None:
        """The row current before the results were filled again, if it is among the
        top-level rows from `first` on: current again, without taking the focus."""
        if self._kept is None:
            return
        tops = map(self.tree.topLevelItem, range(first, self.tree.topLevelItemCount()))
        item = self._kept.find(results_under(tops))
        if item is not None:
            scroll = self._kept.scroll
            self.tree.setCurrentItem(item)  # which forgets _kept
            self.tree.verticalScrollBar().setValue(scroll)

    def _forget_kept(self) -> None:
        self._kept = None  # another row was made current: that one stays

    def show_status(self) -> None:
        """Below the field: the error, or how much was found, in the theme's colours."""
        palette = self.palette()
        if self.error:
            text = self.error
            palette.setColor(QPalette.ColorRole.WindowText, warning_color())
        elif not self.edit.text():
            text = "Find words in the interview, your highlights, their notes and codes, and "
            text += "your research notes."
            palette.setColor(QPalette.ColorRole.WindowText, theme.muted_color())
        elif self.study_results is not None and self.scope is not None and self.scope.said():
            text = self.scope.said()
            palette.setColor(QPalette.ColorRole.WindowText, theme.muted_color())
        elif not any(self.results.values()):
            text = "No results"
            palette.setColor(QPalette.ColorRole.WindowText, theme.muted_color())
        else:
            text = ""
        self.status.setPalette(palette)
        # What was found, once the search is done: a study's grew slice by slice ("5 in 3
        # interviews, searching…"), and each count was said, a queue of them.
        searching = self.scope is not None and self.scope.searching
        if text != self.status.text() and self.edit.text() and not searching:
            announce(self.status, text)
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.results_out.update()

    def first_result(self) -> QTreeWidgetItem | None:
        items = self.result_items()
        return items[0] if items else None

    def result_items(self) -> list[QTreeWidgetItem]:
        """Every result, in order (grouped by kind, or by interview then kind)."""
        return results_under([self.tree.invisibleRootItem()])

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
        key = event.key()  # Escape goes on to the window's (reader/ui/escape_back.py) ...
        if key == Qt.Key.Key_Escape and self.scope is not None and self.scope.halt():
            self.show_status()  # ... once it has stopped a study's search under way
            return True
        if watched is self.edit:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                stopped = self.scope is not None and self.scope.stopped
                if self._timer.isActive() or not (self.results or self.study_results) or stopped:
                    self.search()
                # To the results; the first of a study's, as it comes (the rest follow it).
                self._to_results = not self.focus_results()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                if self._timer.isActive():
                    self.search()
                return self.focus_results()
        elif watched is self.tree and key == Qt.Key.Key_Up:
            first = self.tree.topLevelItem(0)
            if first is None or self.tree.currentItem() in (first, self.first_result()):
                self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def activate(self, item: QTreeWidgetItem) -> None:
        result = item.data(0, RESULT_ROLE)
        interview_id = item.data(0, INTERVIEW_ROLE)
        if isinstance(result, Result) and self.scope is not None and interview_id:
            if self.scope.open(str(interview_id)):  # then the result is about what is open
                self.searched_session = self.interview.session
                self.go_to(result)
        elif isinstance(result, Result):
            self.go_to(result)
        else:  # a group: Enter folds or unfolds it, and it stays in sight
            item.setExpanded(not item.isExpanded())
            self.tree.scrollToItem(item)

    def go_to(self, result: Result) -> None:
        """Ask for the place of `result`, or search again if it no longer holds."""
        if result.kind == MEMO:  # the study's, whichever interview is open
            memo = self.scope.memo_text() if self.scope is not None else ""
            self._go_to_notes(result, memo, self.memoSpanRequested)
            return
        session = self.interview.session
        if session is None or session is not self.searched_session:
            self.search()  # another interview is open: these results are not about it
            return
        if result.kind == "document":
            if result.end <= len(session.document.text):
                self.documentSpanRequested.emit(result.start, result.end)
        elif result.kind == "research":
            self._go_to_notes(result, self.interview.research_notes(), self.notesSpanRequested)
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

    def _go_to_notes(self, result: Result, text: str, there_now: SignalInstance) -> None:
        """The research notes' result, or the memo's: asked for by `there_now`."""
        found = result.snippet[result.snippet_start : result.snippet_end]  # maybe cut
        there = text[result.start : result.end].translate(_ONE_LINE)
        if found and there.startswith(found):
            there_now.emit(result.start, result.end)
        else:
            self.search()  # the notes changed since: search them again

    def open_with(self, prefill: str) -> None:
        """Shown: the focus in the field, `prefill` (a selection) as the query if given;
        not one that only differs in case or diacritics while they do not count, as a result
        gone to leaves selected: the way back finds the results as they were left."""
        fold = comparing(**self.options())
        if prefill and fold(prefill) != fold(self.edit.text()):
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
        # Once painted: a dock restored open at start searches the last query after the
        # window's first paint, not before it.
        self._after_paint.start()
