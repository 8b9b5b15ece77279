"""The main window: the reader and the notes side by side, the outline, annotations and
search docked beside them, the banner above. It lays the widgets out and wires their
signals in one place (`_wire`); the open interview is owned by `OpenInterview`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.core.session import Session
from reader.ui.after_paint import AfterPaint
from reader.ui.annotations.editing import HighlightEditing
from reader.ui.appearance.appearance import Appearance
from reader.ui.codebook.wiring import wire_codebook
from reader.ui.exporting.transfers import Transfers
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.lazy_dock import LazyDock, focus_dock
from reader.ui.library.header_line import HeaderLine
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.study_actions import StudyActions
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.memo.notes_status import status_labels
from reader.ui.memo.wiring import wire_memo
from reader.ui.notes.notes_pane import NotesPane
from reader.ui.notes.quoting import NotesQuoting
from reader.ui.outline.outline import OutlineList
from reader.ui.reading.places import Places
from reader.ui.reading.reader_view import ReaderView
from reader.ui.recording.player_bar import PlayerBar
from reader.ui.recording.recording import Recording
from reader.ui.settings import settings
from reader.ui.speakers.speakers import Speakers
from reader.ui.window.action_states import wire_action_states
from reader.ui.window.actions import (
    Actions,
    add_dock_toggle,
    build_actions,
    build_menus,
)
from reader.ui.window.app_keys import AppKeys
from reader.ui.window.banner import Banner
from reader.ui.window.focus_marker import FocusMarker
from reader.ui.window.kept_switches import keep_switches
from reader.ui.window.key_hints import GreyedKeys, ReaderHints
from reader.ui.window.keyboard_dialogs import KeyboardDialogs
from reader.ui.window.later_panels import (
    connect_help,
    make_annotations,
    make_find_bar,
    make_library,
    make_search,
)
from reader.ui.window.menu_wiring import wire_menus
from reader.ui.window.spoken import speak_status
from reader.ui.window.status_line import status_line
from reader.ui.window.study_wiring import wire_study_extras
from reader.ui.window.tab_order import DockTabBars, ScreenTabOrder
from reader.ui.window.undo_focus import UndoFocus
from reader.ui.window.window_state import restore_state, save_state, show_left
from reader.ui.window.window_title import window_title

if TYPE_CHECKING:
    from reader.ui.annotations.panel import AnnotationsPanel
    from reader.ui.find.find_bar import FindBar
    from reader.ui.find.search_panel import SearchPanel
    from reader.ui.library.library_panel import LibraryPanel


class MainWindow(ScreenTabOrder, QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.interview = OpenInterview(self, settings())
        self.reader = ReaderView()
        self._find_bar: FindBar | None = None  # made at its first use (Ctrl+F, F3)
        self.notes_pane = NotesPane(self.interview)
        self.notes_editor = self.notes_pane.editor
        self.banner = Banner()
        self.study = OpenStudy(self)
        self.header_line = HeaderLine(self.study)
        self.speakers = Speakers(self.interview, self, self.reader.viewport())
        self.appearance = Appearance(settings(), self.reader, self.notes_pane, self.banner)
        self.appearance.apply_palette()
        self.player_bar = PlayerBar()  # shown while the interview has a recording
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self._lay_out_centre()
        # Made when a study opens (a lone interview shows no library).
        self.library_dock = LazyDock("Library", "library-dock", lambda: make_library(self), self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.outline = OutlineList()
        self.outline_dock = self._dock("Outline", "outline-dock", self.outline)
        # Tabbed behind the outline, and hidden: made when first shown or used (#17).
        self.annotations_dock = LazyDock(
            "Annotations", "annotations-dock", lambda: make_annotations(self), self
        )
        # Beside the outline and annotations: on the right it squeezed the reading column.
        self.search_dock = LazyDock("Search", "search-dock", lambda: make_search(self), self)
        for dock in (self.annotations_dock, self.search_dock):
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        # The library above the tabs; shown once a study opens (a lone interview has none).
        self.splitDockWidget(self.library_dock, self.outline_dock, Qt.Orientation.Vertical)
        self.library_dock.hide()
        self.tabifyDockWidget(self.outline_dock, self.annotations_dock)
        self.tabifyDockWidget(self.annotations_dock, self.search_dock)
        self.search_dock.hide()
        self.outline_dock.raise_()
        self.notes_label, self.words_label, self.save_label = status_labels(status_line(self))

        self.window_actions: Actions = build_actions(self)
        docks = [self.library_dock, self.outline_dock, self.annotations_dock, self.search_dock]
        build_menus(self, self.window_actions, docks)
        formats, preview = self.window_actions.format_actions(), self.window_actions.toggle_preview
        self.notes_pane.set_actions(formats, preview, self.window_actions.off_bar())
        self.editing = HighlightEditing(self.interview, self.reader, self)
        self.quoting = NotesQuoting(
            self.interview,
            self.reader,
            self.notes_pane,
            self.editing,
            self.window_actions.toggle_preview,
        )
        self.transfers = Transfers(self.interview, self.reader, self.banner, self)
        self.switcher = InterviewSwitcher(
            self.interview, self.study, lambda: self.library, self.reader
        )
        self.study_actions = StudyActions(
            self, self.interview, self.study, self.switcher, settings()
        )
        playback = self.window_actions.playback
        self.player_bar.set_actions(
            playback.back,
            playback.play,
            playback.forward,
            playback.speeds,
            [playback.typist_loop, playback.follow],
        )
        self.recording = Recording(
            self.interview, self.reader, self.notes_pane, self.player_bar, self
        )
        self._wire()
        widths = self.reader.wanted_width(), self.notes_pane.minimumWidth()
        self.fills_screen = restore_state(self, self.outline_dock, self.splitter, *widths)

    def _lay_out_centre(self) -> None:
        """Banner over the splitter; the reader column (reader over its find bar) and notes."""
        column = QWidget()
        column.setObjectName("reader-column")
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(0)
        column_layout.addWidget(self.header_line)
        column_layout.addWidget(self.speakers.hint)
        column_layout.addWidget(self.reader, 1)
        column_layout.addWidget(self.player_bar)  # and the find bar, once made
        self.reader_column = column_layout
        self.splitter.setObjectName("reader-notes-splitter")
        self.splitter.addWidget(column)
        self.splitter.addWidget(self.notes_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        return dock

    # Made when first shown or used (reader/ui/lazy_dock.py).
    @property
    def annotations(self) -> AnnotationsPanel:
        return cast("AnnotationsPanel", self.annotations_dock.panel())

    @property
    def library(self) -> LibraryPanel:
        return cast("LibraryPanel", self.library_dock.panel())

    @property
    def search_panel(self) -> SearchPanel:
        return cast("SearchPanel", self.search_dock.panel())

    @property
    def find_bar(self) -> FindBar:
        self._find_bar = self._find_bar or make_find_bar(self)
        return self._find_bar

    # Wiring: every signal of the window, in one place ------------------------------------

    def _wire(self) -> None:
        interview, reader, actions = self.interview, self.reader, self.window_actions
        editing, quoting = self.editing, self.quoting
        # The open interview tells the panes.
        interview.opened.connect(self._show_session)
        interview.replaced.connect(lambda session: self._show_session(session, keep_place=True))
        interview.structureChanged.connect(self._structure_changed)
        interview.highlightChanged.connect(reader.highlight_changed)
        interview.colorsChanged.connect(reader.colors_changed)
        interview.readOnlyChanged.connect(self._show_title)
        interview.message.connect(self.banner.show_message)
        interview.status.connect(self.statusBar().showMessage)
        speak_status(self.statusBar())  # and the banner its messages (both to screen readers)
        # Each interview's place, put back once the panes show it (after _show_session).
        self.places = Places(interview, reader, self.notes_editor, settings())
        # The reader asks.
        reader.topSegmentChanged.connect(self.outline.follow)
        reader.roleRequested.connect(editing.set_role)
        reader.renameSpeakerRequested.connect(editing.rename_speaker)
        reader.highlightRequested.connect(editing.add)
        reader.recolorRequested.connect(editing.recolor)
        reader.noteRequested.connect(editing.edit_note)
        reader.tagsRequested.connect(editing.edit_tags)
        reader.deleteRequested.connect(editing.delete)
        reader.quoteRequested.connect(quoting.quote_selection)
        reader.quoteHighlightRequested.connect(quoting.quote_highlight)
        ReaderHints(reader, self.statusBar())
        # Panels ask.
        self.outline.questionActivated.connect(self._go_to_question)
        self.notes_pane.linkActivated.connect(quoting.follow_link)
        wire_menus(self, actions)  # File, Edit, Go, View's preview, Format, About
        # Appearance and comfort (#17): View's zoom, theme, font, measure; Help's keys.
        self.appearance.connect_actions(actions.view)
        self.appearance.changed.connect(self.update)
        connect_help(self, actions)  # F1's keys, the User Guide
        panes = [reader, self.notes_editor, self.notes_pane.preview, self.outline]
        # The lists made later (Library, Annotations, Codebook) join when made.
        self.focus_marker = FocusMarker(self, panes)
        DockTabBars(self)  # and Tab goes round the screen (ScreenTabOrder)
        self.appearance.apply_all()
        # Speakers and transcripts (#13).
        actions.speakers.triggered.connect(self.speakers.show_dialog)
        self.recording.connect_playback(actions.playback)  # the Playback menu and keys
        self.undo_focus = UndoFocus(self, self.interview, actions.undo, actions.redo)
        self.undo_focus.claim(lambda: self.speakers.dialog, self.interview.writable_undo_stack)
        self.undo_focus.stand_in(self.notes_pane.preview, self.notes_editor)  # its typing
        AfterPaint(reader, lambda: (KeyboardDialogs.install(), AppKeys.install())).start()
        self._wire_study()
        wire_codebook(self)  # the codebook (#14) and REFI-QDA (#15)
        add_dock_toggle(actions, self.codebook.dock)  # View
        self.action_states = wire_action_states(self)  # greyed out while they cannot act
        keep_switches(actions, settings())  # preview, Follow Along, Typist's Loop
        GreyedKeys(self)  # and their keys say why

    def _wire_study(self) -> None:
        """Studies (#12): the library, switching interviews, opening and recent files."""
        study, switcher = self.study, self.switcher
        opening, actions = self.study_actions, self.window_actions
        wire_study_extras(self)  # its colours, its Undo in the library, nothing open
        self.memo = wire_memo(self)  # View ▸ Study Memo, Q into it; the status bar's notes
        study.opened.connect(self._show_library)
        study.closed.connect(self.library_dock.hide)
        for told in (study.opened, study.closed, study.readOnlyChanged, study.changed):
            told.connect(self._show_title)  # changed: the interview open renamed, say
        switcher.switched.connect(self._show_title)
        study.message.connect(lambda text: self.banner.show_message(text, []))
        study.lost.connect(self.banner.show_message)
        study.status.connect(self.statusBar().showMessage)
        switcher.switched.connect(self.header_line.show_interview)
        actions.open.triggered.connect(opening.choose_interview)
        actions.new_study.triggered.connect(opening.new_study)
        actions.open_study.triggered.connect(opening.choose_study)
        actions.add_interviews.triggered.connect(opening.add_files)
        actions.next_interview.triggered.connect(lambda: switcher.step(1))
        actions.previous_interview.triggered.connect(lambda: switcher.step(-1))
        actions.focus_library.triggered.connect(
            lambda: focus_dock(self.library_dock, self.library.view)
        )
        self.transfers.study = switcher.study_and_texts
        recent = actions.recent_menu
        assert recent is not None
        recent.aboutToShow.connect(lambda: opening.fill_recent_menu(recent))

    def _show_library(self) -> None:
        """A table of interviews needs room: the left docks widen when it first shows."""
        if not self.library_dock.isVisible():
            self.annotations_dock.panel()  # its least height sets how the column splits
            wants = self.reader.wanted_width() + self.notes_pane.minimumWidth()
            show_left(self, self.library_dock, self.library.view, wants)
        focus_dock(self.library_dock, self.library.view)

    # Opening -----------------------------------------------------------------------------

    def open_document(self, document_path: Path, notes_path: Path | None = None) -> bool:
        """Open `document_path` with its notes; False when it cannot be (after saying why)."""
        return self.interview.open(document_path, notes_path)

    def _show_session(self, session: Session, keep_place: bool = False) -> None:
        scroll = self.reader.verticalScrollBar().value()
        self.reader.show_session(session)
        self.outline.show_session(session)
        self.outline.follow(self.reader.top_segment_index())
        if keep_place:
            self.reader.verticalScrollBar().setValue(scroll)
        self._show_title()

    # What the window shows ---------------------------------------------------------------

    def _show_title(self, *_args: object) -> None:
        study, session = self.study.study, self.interview.session
        read_only = self.interview.read_only
        self.setWindowTitle(window_title(study, self.switcher.current, session, read_only))

    def _structure_changed(self) -> None:
        session = self.interview.session
        if session is None:
            return
        self.reader.refresh_structure()
        self.outline.show_session(session)
        self.outline.follow(self.reader.top_segment_index())

    # Moving around -----------------------------------------------------------------------

    def _go_to_question(self, start: int) -> None:
        self.reader.scroll_to_offset(start)
        self.reader.setFocus()

    # Window state and closing ------------------------------------------------------------

    def save_window_state(self) -> None:
        save_state(self, self.splitter, self.reader, self.notes_pane)

    def shut_down_now(self) -> str:
        """The system ends the app (a signal, a logout): no questions asked."""
        self.save_window_state()
        _hand_over_edit()
        reports = [self.interview.shut_down_now(), self.study_actions.close(rescue=True)]
        return " ".join(r for r in reports if r)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()  # first: it keeps the pane the focus is in
        editing = _hand_over_edit()
        if not self.interview.may_discard_unsaved() or not self.study_actions.may_close_study():
            event.ignore()
            if editing is not None:
                editing.setFocus()
            return
        self.interview.close()
        self.study_actions.close()
        event.accept()


def _hand_over_edit() -> QWidget | None:
    """The field with the focus, which it leaves: a code's description, a Library or
    Codebook cell keep their typing until then (Ctrl+Q moves no focus)."""
    editing = QApplication.focusWidget()
    if editing is not None:
        editing.clearFocus()
    return editing
