"""Search Everything's results taken out of the app: Export Results as Markdown, HTML or
CSV (from the panel's menu button, and the results' row menu: right-click, the Menu key or
Shift+F10) writes the results listed, as searched (the words, the options, the interviews
the filter keeps); Ctrl+C copies the rows selected (Shift and Ctrl with the arrows or a
click select several; a group selected stands for its results) as text, each with its
interview and where it was said. Both place the results as core/search_export.py does."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
)

from reader.core.search import Result, ResultList
from reader.core.search_export import (
    FoundPassage,
    Interview,
    found_csv,
    found_html,
    found_markdown,
    found_passages,
    found_text,
)
from reader.core.session import Session
from reader.core.study_search import MEMO, StudyResults
from reader.core.wording import counted
from reader.ui.exporting.list_export import export_list
from reader.ui.exporting.save_folder import file_name, home_folder
from reader.ui.find.result_delegate import RESULT_ROLE
from reader.ui.find.study_scope import INTERVIEW_ROLE, StudyScope
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.row_menu import menu_from_key, passing_menu
from reader.ui.wait_cursor import waiting


class Searched(Protocol):
    """What of the Search panel its results are taken from (search_panel.SearchPanel)."""

    tree: QTreeWidget
    edit: QLineEdit
    scope: StudyScope | None
    interview: OpenInterview
    searched_session: Session | None
    results: dict[str, ResultList]
    study_results: StudyResults | None

    def options(self) -> dict[str, bool]: ...

    def result_items(self) -> list[QTreeWidgetItem]: ...

    def activate(self, item: QTreeWidgetItem) -> None: ...


Writer = Callable[[list[FoundPassage], str, str], bytes]
EXPORTS: dict[str, tuple[str, str, Writer]] = {
    "md": ("Markdown", "&Markdown", found_markdown),
    "html": ("HTML", "&HTML", found_html),
    "csv": ("CSV", "C&SV", lambda found, _title, _about: found_csv(found)),
}
NOTHING = "No results to export: search for some words first."
SEARCHING = "Export is ready once the search is done."
OPTION_WORDS = {
    "case": "case matched",
    "whole_word": "whole words",
    "regex": "a regular expression",
    "diacritics": "diacritics matched",
}
SLOW_PLACING = 20  # interviews to open before the wait cursor is worth showing


class ResultsOut(QObject):
    """The panel's Export Results menu and its results' row menu and Ctrl+C."""

    def __init__(self, panel: Searched) -> None:
        super().__init__(panel.tree)
        self.panel = panel
        tree = panel.tree
        # Shift and Ctrl with the arrows or a click, as in the Annotations list.
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._row_menu)
        tree.installEventFilter(self)
        self.button = QToolButton()
        self.button.setObjectName("search-export")
        # "⋯", the tip saying what it holds: "Export" beside the options widened the dock
        # of a 1024 px window by 20 px, from the reader.
        self.button.setText("⋯")
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.button.setAccessibleName("Export Results")
        self.button.setAutoRaise(True)  # as the options beside it
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self._add_exports(menu)
        self.button.setMenu(menu)
        self.update()

    def _add_exports(self, menu: QMenu) -> None:
        for extension, (_, mnemonic, _) in EXPORTS.items():
            menu.addAction(
                f"Export Results as {mnemonic}…", lambda e=extension: self.export(e)
            ).setEnabled(self.can_export())

    def can_export(self) -> bool:
        """Results are listed (a group is only made for some: a count, not a walk of the
        thousands, at each slice of a study's search), and the search is done."""
        scope = self.panel.scope
        listed = self.panel.tree.topLevelItemCount() > 0
        return listed and not (scope is not None and scope.searching)

    def update(self) -> None:
        """The button enabled once there are results and the search is done."""
        done = self.can_export()
        self.button.setEnabled(done)
        for action in self.button.menu().actions():
            action.setEnabled(done)
        searching = self.panel.scope is not None and self.panel.scope.searching
        tip = "Export the results listed, as Markdown, HTML or CSV"
        self.button.setToolTip(tip if done else SEARCHING if searching else NOTHING)

    # Which results, placed ---------------------------------------------------------------

    def chosen(self) -> list[QTreeWidgetItem]:
        """The result rows selected, or under a group selected, in the list's order."""

        def picked(item: QTreeWidgetItem | None) -> bool:
            while item is not None:
                if item.isSelected():
                    return True
                item = item.parent()
            return False

        return [item for item in self.panel.result_items() if picked(item)]

    def found(self, items: list[QTreeWidgetItem]) -> list[FoundPassage]:
        """`items`' results placed, interview by interview (each opened once)."""
        found: list[FoundPassage] = []

        def source(item: QTreeWidgetItem) -> tuple[str, bool]:
            result = item.data(0, RESULT_ROLE)
            return str(item.data(0, INTERVIEW_ROLE) or ""), result.kind == MEMO

        groups = [(key, list(rows)) for key, rows in groupby(items, key=source)]
        with waiting(len(groups) > SLOW_PLACING):
            for (interview_id, memo), rows in groups:
                results: list[Result] = [item.data(0, RESULT_ROLE) for item in rows]
                found += found_passages(results, self._interview(interview_id, memo))
        return found

    def _interview(self, interview_id: str, memo: bool) -> Interview:
        """What places the results of one interview (of the study, if `interview_id`), or of
        the study memo."""
        panel, scope = self.panel, self.panel.scope
        if memo and scope is not None:
            return Interview("", "", "", None, scope.memo_text())
        study = scope.owner.study if scope is not None else None
        texts = scope.switcher.texts if scope is not None else None
        if interview_id and study is not None and texts is not None:
            entry = study.interview(interview_id)
            loaded = texts.get(entry)
            session = loaded.session if loaded is not None else None
            notes = session.notes.notes if session is not None else ""
            return Interview(entry.id, entry.title, entry.participant, session, notes)
        session = panel.searched_session
        title = session.document.title if session is not None else ""
        return Interview("", title, "", session, panel.interview.research_notes())

    # Export and copy -----------------------------------------------------------------------

    def export(self, extension: str) -> None:
        """The results listed, to a file asked for; what became of it in the status bar."""
        items = self.panel.result_items()
        if not self.can_export():
            said = NOTHING if not items else SEARCHING
        else:
            query = self.panel.edit.text()
            label, _, writer = EXPORTS[extension]
            title = f"Search results for “{query}”"
            about = self.about()

            def make() -> bytes:
                return writer(self.found(items), title, about)

            name = file_name(query) or "search results"
            count = counted(len(items), "result")
            said = export_list(self.panel.tree, label, extension, name, self._home(), make, count)
        if said:
            self.panel.interview.status.emit(said, 8000)

    def _home(self) -> Path:
        scope = self.panel.scope
        study = scope.owner.study if scope is not None and scope.active() else None
        return home_folder(self.panel.interview.session, study.folder if study else None)

    def about(self) -> str:
        """How the results were searched for and where, and whether the list held them all:
        "Searched for “funding” (whole words) in 12 interviews with Role: nurse and the
        study memo; the list held 500 of the 1,234 found, and so does this file." """
        panel, scope = self.panel, self.panel.scope
        options = [OPTION_WORDS[name] for name, on in panel.options().items() if on]
        how = f" ({', '.join(options)})" if options else ""
        if panel.study_results is not None and scope is not None:
            searched = counted(scope.searched[1], "interview")
            kept = scope.filter.currentText() if scope.filter.currentIndex() > 0 else ""
            where = f"{searched} with {kept}" if kept else searched
            where += " and the study memo"
            total = panel.study_results.total
        else:
            session = panel.searched_session
            where = session.document.title if session is not None else "the interview"
            total = sum(results.total for results in panel.results.values())
        said = f"Searched for “{panel.edit.text()}”{how} in {where}"
        listed = len(panel.result_items())
        if listed < total:
            said += f"; the list held {listed:,} of the {total:,} found, and so does this file"
        return f"{said}."

    def copy(self) -> bool:
        """The rows selected onto the clipboard as text; False with none selected."""
        items = self.chosen()
        if items:
            QApplication.clipboard().setText(found_text(self.found(items)))
            said = f"Copied {counted(len(items), 'result')} with where each was said"
            self.panel.interview.status.emit(said, 4000)
        return bool(items)

    # The row menu and the keys ------------------------------------------------------------

    def _row_menu(self, pos: QPoint) -> None:
        tree = self.panel.tree
        item = tree.itemAt(pos) if pos.x() >= 0 else tree.currentItem()
        if item is not None and not item.isSelected():
            tree.setCurrentItem(item)  # right-click on a row outside the selection: that row
        menu = passing_menu(tree)
        if item is not None and isinstance(item.data(0, RESULT_ROLE), Result):
            menu.addAction("&Go to Result\tEnter", lambda: self.panel.activate(item))
        count = len(self.chosen())
        copy = menu.addAction(f"&Copy {counted(count, 'Result')}\tCtrl+C", self.copy)
        copy.setEnabled(count > 0)
        menu.addSeparator()
        self._add_exports(menu)
        menu.exec(tree.viewport().mapToGlobal(pos if pos.x() >= 0 else QPoint(0, 0)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel.tree and isinstance(event, QContextMenuEvent):
            return menu_from_key(self.panel.tree, event, self._row_menu)
        copying = isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy)
        if watched is self.panel.tree and copying:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # not the window's Copy: the key comes here as a press
                return True
            if event.type() == QEvent.Type.KeyPress:
                return self.copy() or True
        return super().eventFilter(watched, event)
