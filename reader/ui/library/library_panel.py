"""The Library dock: every interview of the study in a table (title, participant, date,
counts, how far read, then the attributes), sortable and filterable, edited in place.

Enter or a double click opens an interview; F2 edits the cell; Delete clears a value cell
or, on the title, removes the interview from the study (cell_clearing.py); Alt+Up/Down, or
a drag, move it in the study's order; Home/End go to the first/last row. Typing a letter in
the table, or Ctrl+F, goes to the filter (the keys listed in reader/ui/keys.py, LIBRARY,
for F1). What needs a dialog or the window is asked for by signal. Which columns show, and
how wide: library_columns.py; the row's and heading's menus: library_menus.py.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.wording import counted
from reader.ui.clear_button import add_clear_button, placeholder_room
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.library.cell_clearing import KEYS
from reader.ui.library.empty_library import empty_library_page
from reader.ui.library.library_cells import LibraryDelegate
from reader.ui.library.library_columns import LibraryColumns
from reader.ui.library.library_memory import LibraryMemory
from reader.ui.library.library_menus import LibraryMenus
from reader.ui.library.library_model import (
    ID_ROLE,
    SORT_ROLE,
    LibraryModel,
    LibrarySorting,
)
from reader.ui.library.open_study import OpenStudy
from reader.ui.painting import EmptyListText
from reader.ui.refused_drag import RefusedDrag
from reader.ui.row_menu import menu_from_key
from reader.ui.type_to_filter import type_to_filter
from reader.ui.window.spoken import SpokenLabel

FILTER_NOT_FIND = (
    "Ctrl+F in the Library filters the list; to find in the interview, go to it first (Ctrl+1)."
)

# Moving is in the study's own order: sorted by a column, the way back is said.
SORTED_NO_MOVE = (
    "Sorted by a column: Study Order (right-click a heading, or the Menu key) gives back "
    "the study's order, in which interviews move."
)


class LibraryPanel(LibraryMenus, QWidget):
    openRequested = Signal(str)  # interview id
    removeRequested = Signal(str)  # interview id: off the study's list (StudyActions.remove)
    addFilesRequested = Signal()
    addFolderRequested = Signal()
    relocateRequested = Signal(str)  # interview id
    newAttributeRequested = Signal()
    editAttributeRequested = Signal(str)  # attribute key
    newStudyRequested = Signal()
    openStudyRequested = Signal()

    def __init__(
        self,
        owner: OpenStudy,
        store: QSettings | None = None,
        parent: QWidget | None = None,
        counts_later: bool = False,
    ) -> None:
        """`counts_later`: the first study's notes files are read at `read_counts`."""
        super().__init__(parent)
        self.setObjectName("library-panel")
        self.owner = owner
        self.model = LibraryModel(owner, counts_later)
        self.proxy = LibrarySorting(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        # After an edit is committed, not inside it: a reset would pull the editor away.
        owner.changed.connect(self.reload, Qt.ConnectionType.QueuedConnection)
        # Told after `changed`, so queued after its reload: the rows are there to select.
        owner.interviewsChanged.connect(self._came, Qt.ConnectionType.QueuedConnection)
        owner.opened.connect(lambda _study: self.reload())
        owner.closed.connect(self.reload)

        self.filter = QLineEdit()
        self.filter.setObjectName("library-filter")
        self.filter.setAccessibleName("Filter interviews")
        add_clear_button(self.filter, "the filter", escape_clears=True)
        letter_edit_menus(self.filter)
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.filter.textChanged.connect(self._update_count)
        self.filter.installEventFilter(self)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("library-add")
        self.add_button.setToolTip("Add interviews to the study, or an attribute")
        add_menu = QMenu(self.add_button)
        add_menu.addAction("Add &Interviews…", self.addFilesRequested.emit)
        add_menu.addAction("Add a &Folder of Interviews…", self.addFolderRequested.emit)
        add_menu.addSeparator()
        add_menu.addAction("New &Attribute…", self.newAttributeRequested.emit)
        add_menu.addSeparator()  # Fill Participants and Dates from Transcripts joins (later_panels)
        self.add_button.setMenu(add_menu)
        self.fill_action: QAction | None = None
        # How many a filter shows ("3 of 15"), beside the field while it filters; the
        # total is in the field's placeholder. No line of its own: at 1024x640 the dock
        # showed five rows, and a line under the table took one of them.
        self.count = SpokenLabel()
        self.count.setObjectName("library-count")
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.view = QTableView()
        self.view.setObjectName("library-view")
        self.view.setAccessibleName("Interviews of the study")
        self.view.setAccessibleDescription(
            "Enter opens the interview, F2 edits the cell, Delete clears it; Delete on the "
            "title takes the interview out of the study"
        )
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(LibraryDelegate(self.model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)  # rows are chosen with the arrows; Tab leaves
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the study's order
        # Rows move by drag and drop, in the study's order only (as with Alt+Up/Down).
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: self.view.setDragEnabled(self.in_study_order())
        )
        RefusedDrag(
            self.view, self.owner.why_read_only, lambda why: self.owner.status.emit(why, 6000)
        )
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # Titles elide at their end (their start names the participant), in full in the
        # row's tooltip and above the reader once open.
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.columns = LibraryColumns(self.view, self.model, store)
        header = self.view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._row_menu)
        self.view.doubleClicked.connect(self._open_index)
        self.view.installEventFilter(self)
        EmptyListText(self.view, self._nothing_matches)  # filtered to nothing: not blank
        self.filter.textChanged.connect(self.view.viewport().update)  # it names the words

        table_page = QWidget()
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.filter, 1)
        row.addWidget(self.count)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(table_page)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(
            empty_library_page(self.newStudyRequested.emit, self.openStudyRequested.emit)
        )
        self.pages.addWidget(table_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.reload()
        self.memory = LibraryMemory(owner, self.model, self.view, self.filter, store)

    # Showing ------------------------------------------------------------------------------

    def reload(self) -> None:
        """The rows again, the selection kept."""
        current, column = self.current_id(), self.view.currentIndex().column()
        changed = self.model.reload()
        self.pages.setCurrentIndex(1 if self.owner.study is not None else 0)
        if not changed:
            return
        if current:
            self.select(current, column)  # the cell edited stays current: F2 edits it again
        self.columns.fit(self.model.changed_columns)  # after: a new column is scrolled to
        self._update_count()

    def read_counts(self) -> None:
        """The counts held back (`counts_later`) read now, into the rows."""
        if self.model.read_counts():
            self.reload()

    def _came(self, came: list[str], _went: list[str]) -> None:
        """An interview that came to the study (added, a removal undone, an Add redone) is
        selected, and scrolled to."""
        if came:
            self.select(came[0])

    def _update_count(self) -> None:
        """The total in the filter's placeholder ("Filter 15 interviews…"), "3 of 15"
        beside it while it filters; all of it, what is missing and why the study is
        read-only too, in the field's tooltip and accessible description (a screen reader
        says it with the field)."""
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        missing = sum(1 for h in self.model.rows if h.missing)
        interviews = counted(total, "interview")
        self._fit_placeholder()
        filtering = bool(self.filter.text())
        self.count.setVisible(filtering)  # first: said as it shows, not once hidden
        self.count.setText(f"{shown} of {total}")
        text = f"{shown} of {interviews}" if filtering else interviews
        if missing:
            text += f", {missing} missing"
        if self.owner.read_only and self.owner.study is not None:
            text += f" · read-only. {self.owner.why_read_only()}"
        self.filter.setAccessibleDescription(text)
        self.filter.setToolTip(text)
        self.count.setToolTip(text)

    def _nothing_matches(self) -> str:
        words = self.filter.text()  # Escape leaves it: the field's ✕ empties it
        return f"No interview matches “{words}”. Escape in the filter clears it." if words else ""

    def set_current(self, interview_id: str) -> None:
        self.model.set_current(interview_id)
        self.select(interview_id)

    def current_id(self) -> str:
        index = self.view.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else ""

    def visible_ids(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data(ID_ROLE)) for r in range(self.proxy.rowCount())]

    def select(self, interview_id: str, column: int = -1) -> None:
        """The interview's row current, in `column` (-1: the current cell's, or the title)."""
        row = self.model.row_of(interview_id)
        if row < 0:
            return
        column = column if column >= 0 else self.view.currentIndex().column()
        column = column if 0 <= column < self.model.columnCount() else 0
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def in_study_order(self) -> bool:
        return self.view.horizontalHeader().sortIndicatorSection() == -1

    # Acting -------------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(str(index.data(ID_ROLE)))

    def remove_current(self) -> None:
        interview_id = self.current_id()
        if interview_id and not self._refused():
            row = self.view.currentIndex().row()
            self.removeRequested.emit(interview_id)
            study = self.owner.study
            if study is not None and all(e.id != interview_id for e in study.interviews):
                self._select_row(row)

    def _refused(self) -> bool:
        """Whether the open study is read-only; then the status line says why, where the
        keys that change it (Delete, F2, Alt+arrows) did nothing and said nothing."""
        if self.owner.study is None or not self.owner.read_only:
            return False
        self.owner.status.emit(self.owner.why_read_only(), 6000)
        return True

    def rename_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(0))

    def move_current(self, step: int) -> None:
        """Alt+Up/Down: past the row above or below as listed (a filter may hide rows
        between them in the study's order: moving past those showed no change)."""
        interview_id = self.current_id()
        if not interview_id or self.owner.study is None or self._refused():
            return
        if not self.in_study_order():
            self.owner.status.emit(SORTED_NO_MOVE, 6000)
            return
        listed = self.visible_ids()
        place = listed.index(interview_id) + step
        if 0 <= place < len(listed):
            self.owner.move(interview_id, self.owner.study.index_of(listed[place]))
            self.model.reload()
            self.select(interview_id)

    def _select_row(self, row: int) -> None:
        self.model.reload()
        self._update_count()
        self._go_to_row(row)

    def _go_to_row(self, row: int) -> None:
        if self.proxy.rowCount():
            index = self.proxy.index(min(row, self.proxy.rowCount() - 1), 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def study_order(self) -> None:
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)

    def _fit_placeholder(self) -> None:
        """ "Filter 15 interviews…", or as much of it as the field shows whole: at 1024 px
        it read "Filter 15 int…"; "all 15", as "Filter 15…" read as a number to look for."""
        total = self.model.rowCount()
        said = [f"Filter {counted(total, 'interview')}…", f"Filter all {total}…"] if total else []
        # Left of the clear button's place: counted without it, "Filter all 300…" was cut
        # by the field to "Filter all 30…", another number.
        room = placeholder_room(self.filter)
        metrics = self.filter.fontMetrics()
        fits = (
            text
            for text in [*said, "Filter interviews…"]
            if metrics.horizontalAdvance(text) <= room
        )
        self.filter.setPlaceholderText(next(fits, "Filter…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.Resize:
            self._fit_placeholder()
        if watched is self.view and isinstance(event, QContextMenuEvent):
            return menu_from_key(self.view, event, self._row_menu)
        if not isinstance(event, QKeyEvent) or watched not in (self.view, self.filter):
            return super().eventFilter(watched, event)
        if event.matches(QKeySequence.StandardKey.Find):  # the Library's find is its filter
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # not the window's Find: the key comes here as a press
            elif event.type() == QEvent.Type.KeyPress:
                self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.filter.selectAll()
                # Edit ▸ Find… shows the key too: say why it did not find in the interview.
                self.owner.status.emit(FILTER_NOT_FIND, 8000)
            return True
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key, mods = event.key(), event.modifiers()
        if watched is self.filter and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.view.setFocus()
            if not self.view.currentIndex().isValid() and self.proxy.rowCount():
                self.view.setCurrentIndex(self.proxy.index(0, 0))
            return True
        if watched is not self.view or self.view.state() == QAbstractItemView.State.EditingState:
            return super().eventFilter(watched, event)
        plain = not mods & ~Qt.KeyboardModifier.KeypadModifier  # Ctrl+Delete is no Delete
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.view.currentIndex())
        elif plain and key in KEYS:  # a value cleared, or the interview removed
            self.delete_pressed(key)
        elif plain and key == Qt.Key.Key_F2 and self.owner.read_only:
            self._refused()  # said, where no cell is edited
        elif mods & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if key == Qt.Key.Key_Up else 1)
        elif plain and key in (Qt.Key.Key_Home, Qt.Key.Key_End):  # rows, not cells
            self._go_to_row(0 if key == Qt.Key.Key_Home else self.proxy.rowCount() - 1)
        elif not type_to_filter(event, self.filter):
            return super().eventFilter(watched, event)
        return True
