"""The main window: reader and notes side by side, the outline beside them; start-up."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import replace
from pathlib import Path

import orjson
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QTextCursor,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import APP_ID, APP_NAME, __version__
from reader.core.backups import list_backups
from reader.core.document import Document, DocumentError, load_document
from reader.core.notes_file import (
    VERSION,
    NewerVersionError,
    NotesData,
    NotesFormatError,
    parse,
    validate,
)
from reader.core.notes_location import candidates, locate_notes, remember_notes_path
from reader.core.session import Session
from reader.core.store import atomic_write, set_aside
from reader.ui import dialogs
from reader.ui.annotations.panel import AnnotationsPanel
from reader.ui.dialogs import ColorLabelsDialog, NoteDialog, TagsDialog
from reader.ui.find import find_bar, search_panel
from reader.ui.interview.controller import Controller
from reader.ui.notes.notes_pane import NotesPane
from reader.ui.outline.outline import OutlineList
from reader.ui.persistence.safety import NotesSafety, keep_backups
from reader.ui.persistence.saver import describe_error
from reader.ui.reading.reader_view import ReaderView
from reader.ui.window.actions import Actions, build_actions, build_menus
from reader.ui.window.banner import Banner
from reader.ui.window.shutdown import ShutdownOnSignals


def settings() -> QSettings:
    """Window state (geometry, splitter, docks): an INI file in the user's config folder."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_ID, APP_ID)


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.controller: Controller | None = None
        self.reader = ReaderView()
        self.notes_pane = NotesPane()
        self.notes_editor = self.notes_pane.editor
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reader-notes-splitter")
        self.splitter.addWidget(self.reader)
        self.splitter.addWidget(self.notes_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.banner = Banner()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

        self.outline = OutlineList()
        self.outline_dock = QDockWidget("Outline", self)
        self.outline_dock.setObjectName("outline-dock")
        self.outline_dock.setWidget(self.outline)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.annotations = AnnotationsPanel()
        self.annotations_dock = QDockWidget("Annotations", self)
        self.annotations_dock.setObjectName("annotations-dock")
        self.annotations_dock.setWidget(self.annotations)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.annotations_dock)
        self.tabifyDockWidget(self.outline_dock, self.annotations_dock)
        self.outline_dock.raise_()

        self.notes_label = QLabel()
        self.words_label = QLabel()
        self.save_label = QLabel()
        self.statusBar().addWidget(self.notes_label, 1)
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.save_label)
        # Counting words of megabytes of notes on every keystroke would be wasteful.
        self._word_timer = QTimer(self, singleShot=True, interval=400)
        self._word_timer.timeout.connect(self._count_words)

        self.actions: Actions | None = None
        self.undo_group = QUndoGroup(self)
        self._wire_static()
        # A first start fits the screen (a 1366x768 laptop too), reader wider than notes.
        screen = QGuiApplication.primaryScreen().availableGeometry()
        width, height = min(1280, screen.width() * 92 // 100), min(820, screen.height() * 9 // 10)
        self.resize(width, height)
        self.splitter.setSizes([width * 3 // 5, width * 2 // 5])
        self._restore_state()

    # Wiring: everything that does not depend on the open document ------------------------

    def _wire_static(self) -> None:
        self.outline.questionActivated.connect(self._go_to_question)
        self.reader.topSegmentChanged.connect(self.outline.follow)
        self.reader.roleRequested.connect(self._set_role)
        self.reader.renameSpeakerRequested.connect(self._rename_speaker)
        self.notes_editor.textChanged.connect(self._notes_edited)
        self.notes_pane.linkActivated.connect(self.follow_link)
        self.reader.quoteRequested.connect(self._quote_selection)
        self.reader.quoteHighlightRequested.connect(self.quote_highlight)
        self.reader.highlightRequested.connect(self._add_highlight)
        self.reader.recolorRequested.connect(self._recolor)
        self.reader.noteRequested.connect(self.edit_note)
        self.reader.tagsRequested.connect(self.edit_tags)
        self.reader.deleteRequested.connect(self._delete_highlight)
        self.annotations.jumpRequested.connect(self.go_to_highlight)
        self.annotations.editNoteRequested.connect(self.edit_note)

    def _build_actions(self, controller: Controller) -> None:
        # The group's undo and redo follow whichever document's stack is active.
        self.undo_group.addStack(controller.undo_stack)
        self.undo_group.setActiveStack(controller.undo_stack)
        if self.actions is None:
            undo = self.undo_group.createUndoAction(self, "&Undo")
            redo = self.undo_group.createRedoAction(self, "&Redo")
            self.actions = build_actions(self, undo, redo)
            toggles = [
                self.outline_dock.toggleViewAction(),
                self.annotations_dock.toggleViewAction(),
            ]
            build_menus(self, self.actions, toggles)
            find_bar.install(self)
            search_panel.install(self)
            self.actions.open.triggered.connect(self._choose_document)
            self.actions.show_notes_file.triggered.connect(self.show_notes_file)
            self.actions.save_notes_as.triggered.connect(lambda: self.safety.save_as())
            self.actions.restore_backup.triggered.connect(lambda: self.safety.restore_from_backup())
            self.actions.export.triggered.connect(self.export)
            self.actions.import_annotations.triggered.connect(self.import_annotations)
            self.actions.print.triggered.connect(self.print_interview)
            self.actions.export_pdf.triggered.connect(self.export_pdf)
            self.actions.quit.triggered.connect(self.close)
            self.actions.focus_reader.triggered.connect(self.reader.setFocus)
            self.actions.focus_notes.triggered.connect(self._focus_notes)
            self.actions.cycle_panes.triggered.connect(self.cycle_panes)
            self.actions.quote_in_notes.triggered.connect(self._quote_from_menu)
            self.actions.toggle_preview.toggled.connect(self.notes_pane.show_preview)
            self._connect_format_actions(self.actions)
            self.actions.focus_outline.triggered.connect(
                lambda: self._focus_dock(self.outline_dock, self.outline)
            )
            self.actions.focus_annotations.triggered.connect(
                lambda: self._focus_dock(self.annotations_dock, self.annotations.view)
            )
            self.actions.color_labels.triggered.connect(self.edit_color_labels)
            self.actions.about.triggered.connect(self._about)

    # Opening a document ------------------------------------------------------------------

    def open_document(self, document_path: Path, notes_path: Path | None = None) -> bool:
        """Show `document_path` with its notes; False (and a message) when it cannot be read."""
        try:
            document = load_document(document_path)
        except DocumentError as exc:
            QMessageBox.warning(self, "Cannot open the interview", str(exc))
            return False
        if not self.may_discard_unsaved():
            return False
        found = ""
        if notes_path is None:
            notes_path, found = self._locate_notes(document_path, document)
        loaded = self._read_notes(notes_path)
        if loaded is None:
            return False  # the user chose not to go on; the current document stays open
        notes, read_only, messages, on_disk = loaded
        messages = [m for m in (found, *messages, *(notes.notices if notes else [])) if m]
        self.close_document()
        session = Session.open(document, notes)
        controller = Controller(session, notes_path, self)
        controller.saver.read_only = read_only
        if notes is not None and on_disk is None and not read_only:
            controller.saver.mark_dirty()  # recovered from a backup: write it back now
        self.safety = NotesSafety(
            self, controller, document_path, on_disk, keep_backups(settings())
        )
        messages += self.safety.start()
        read_only = controller.saver.read_only
        if document.notice:
            messages.append(document.notice)
        if session.anchor_summary is not None:
            messages.append(session.anchor_summary.message())
        self.controller = controller
        self._build_actions(controller)
        controller.structureChanged.connect(self._structure_changed)
        controller.readOnlyRefused.connect(
            lambda: self.statusBar().showMessage(
                "These notes are open read-only here: nothing can be changed.", 5000
            )
        )
        controller.highlightChanged.connect(self.reader.highlight_changed)
        controller.colorsChanged.connect(self.reader.colors_changed)
        controller.saver.stateChanged.connect(self._show_save_state)
        controller.notes_text = self.notes_editor.toPlainText
        self._show_session(session)
        self.notes_editor.blockSignals(True)
        self.notes_editor.load_text(session.notes.notes)
        self.notes_editor.blockSignals(False)
        self.notes_editor.setReadOnly(read_only)
        self._count_words()
        self.setWindowTitle(
            f"{APP_NAME} — {document.title}" + (" (read-only)" if read_only else "")
        )
        self.show_notes_path(notes_path)
        self._show_save_state("read-only" if read_only else "saved", "")
        conflict_text, conflict_actions = self.safety.conflict_actions()
        self.banner.show_message("  ".join([*messages, conflict_text]).strip(), conflict_actions)
        return True

    def _locate_notes(self, document_path: Path, document: Document) -> tuple[Path, str]:
        """The document's notes file and what to say about how it was found; the notes of
        a moved and edited interview are offered, never taken without asking."""
        location = locate_notes(document_path, document)
        if location.message or location.path.exists():
            return location.path, location.message
        offered = candidates(document_path, document)
        if not offered or offered[0].quotes_found == 0:
            return location.path, ""
        best = offered[0]
        choice = dialogs.ask(
            self,
            "Notes of a moved interview?",
            f"This interview has no notes yet, but {best.describe()}.\n\n"
            "Use those notes for this interview?",
            ["Use Those Notes", "Start Empty"],
        )
        if choice != "Use Those Notes":
            return location.path, ""
        with contextlib.suppress(OSError):  # remembered for next time if the folder allows
            remember_notes_path(document_path, best.path)
        return best.path, f"Using the notes of “{best.title}” from {best.source}."

    def _read_notes(
        self, notes_path: Path
    ) -> tuple[NotesData | None, bool, list[str], bytes | None] | None:
        """(notes, read-only, messages, the file's bytes); None when the user chose to quit."""
        try:
            on_disk = notes_path.read_bytes()
        except FileNotFoundError:
            return None, False, [], None
        except OSError as exc:
            reason = f"The notes file {notes_path} cannot be read ({exc.strerror or exc})"
            return None, True, [f"{reason}; nothing will be written to it. Opened read-only."], None
        try:
            return parse(on_disk), False, [], on_disk
        except NewerVersionError as exc:
            message = f"These notes cannot be changed here: {exc}. Opened read-only."
            return _load_newer_readonly(on_disk), True, [message], on_disk
        except NotesFormatError as exc:
            return self._recover(notes_path, str(exc))

    def _recover(self, notes_path: Path, reason: str):  # -> the same as _read_notes
        """A notes file that cannot be read: set it aside, then the user's choice."""
        try:
            aside = set_aside(notes_path)
        except OSError as exc:
            message = (
                f"The notes file {notes_path} could not be read ({reason}) nor set aside "
                f"({describe_error(exc)}); it is left as it is. Opened read-only."
            )
            return None, True, [message], None
        readable = [b for b in list_backups(notes_path) if b.highlights >= 0]
        stop = "Keep Current Interview" if self.controller is not None else "Quit"
        choices = (["Open Latest Backup"] if readable else []) + ["Start Empty", stop]
        choice = dialogs.ask(
            self,
            "Notes file set aside",
            f"The notes file {notes_path} could not be read: {reason}.\n\n"
            f"It was kept, unchanged, as {aside.name}. Nothing has been lost.",
            choices,
        )
        if choice == stop:
            return None
        if choice == "Open Latest Backup":
            notes = parse(readable[0].path.read_bytes())
            when = readable[0].time.strftime("%Y-%m-%d %H:%M")
            return notes, False, [f"Opened the backup of {when}; {aside.name} was set aside."], None
        return None, False, [f"Started with empty notes; {aside.name} was set aside."], None

    def _show_session(self, session: Session) -> None:
        self.reader.show_session(session)
        self.outline.show_session(session)
        assert self.controller is not None
        self.annotations.set_controller(self.controller)
        self.outline.follow(self.reader.top_segment_index())

    def replace_session(self, session: Session) -> None:
        """Show `session` in place of the current one (document reloaded, notes merged)."""
        assert self.controller is not None
        scroll = self.reader.verticalScrollBar().value()
        self.controller.session = session
        self.controller.undo_stack.clear()  # its commands refer to the replaced highlights
        self._show_session(session)
        self.reader.verticalScrollBar().setValue(scroll)
        if self.notes_editor.toPlainText() != session.notes.notes:
            cursor = self.notes_editor.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(session.notes.notes)  # one step of the editor's own undo

    def replace_notes(self, notes: NotesData) -> None:
        assert self.controller is not None
        self.replace_session(Session.open(self.controller.session.document, notes))

    def notes_saved_elsewhere(self, path: Path) -> None:
        """After Save Notes As…: the notes live at `path`, writable, from now on."""
        assert self.controller is not None
        try:
            remember_notes_path(self.safety.guard.document_path, path)
        except OSError as exc:
            self.statusBar().showMessage(
                f"Saved, but the choice could not be remembered: {describe_error(exc)}", 8000
            )
        self.notes_editor.setReadOnly(False)
        self.setWindowTitle(f"{APP_NAME} — {self.controller.session.document.title}")
        self.show_notes_path(path)

    def show_notes_path(self, path: Path) -> None:
        self.notes_label.setText(f"Notes: {path}")
        self.notes_label.setToolTip(str(path))

    def may_discard_unsaved(self) -> bool:
        """Save everything; if that fails, ask whether to go on and lose the unsaved part."""
        if self.controller is None or self.controller.saver.flush():
            return True
        answer = QMessageBox.warning(
            self,
            "Notes not saved",
            f"Your notes could not be saved to {self.controller.notes_path}.\n\n"
            "Go on anyway and lose the changes since the last save? (Cancel, then File ▸ "
            "Save Notes As…, keeps them.)",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def shut_down_now(self) -> None:
        """The system is ending the app (a signal, a logout): no questions. Everything is
        written; if the notes file cannot be, a rescue copy goes to the data folder."""
        self.save_window_state()
        if self.controller is not None and not self.controller.saver.flush():
            rescued = self.controller.saver.rescue()
            print(
                f"interview-reader: the notes could not be saved to "
                f"{self.controller.notes_path}; "
                + (f"a copy was written to {rescued}." if rescued else "nor rescued."),
                file=sys.stderr,
            )
        self.close_document()

    def flush_notes(self) -> None:
        if self.controller is not None:
            self.controller.saver.flush()

    def close_document(self) -> None:
        if self.controller is None:
            return
        self.safety.stop()
        self.controller.saver.flush()
        self.controller.saver.shutdown()
        self.controller.deleteLater()
        self.controller = None

    # Slots -------------------------------------------------------------------------------

    def _notes_edited(self) -> None:
        if self.controller is not None:
            self.controller.notes_edited()
        self._word_timer.start()

    def _count_words(self) -> None:
        count = self.notes_editor.word_count()
        self.words_label.setText(f"{count} word{'' if count == 1 else 's'}")

    # Notes: formatting, quoting, links ----------------------------------------------------

    def _connect_format_actions(self, actions: Actions) -> None:
        editor = self.notes_editor
        actions.bold.triggered.connect(lambda: editor.wrap_selection("**"))
        actions.italic.triggered.connect(lambda: editor.wrap_selection("*"))
        actions.heading_1.triggered.connect(lambda: editor.set_line_prefix("# "))
        actions.heading_2.triggered.connect(lambda: editor.set_line_prefix("## "))
        actions.heading_3.triggered.connect(lambda: editor.set_line_prefix("### "))
        actions.bullet_list.triggered.connect(lambda: editor.set_line_prefix("- "))
        actions.block_quote.triggered.connect(lambda: editor.set_line_prefix("> "))
        self.notes_pane.set_actions(actions.format_actions(), actions.toggle_preview)

    def _focus_notes(self) -> None:
        if self.notes_pane.previewing():
            self.notes_pane.preview.setFocus()
        else:
            self.notes_editor.setFocus()

    def cycle_panes(self) -> None:
        """F6: reader, notes, annotations, outline, and round again (visible ones only)."""
        notes = self.notes_pane.preview if self.notes_pane.previewing() else self.notes_editor
        panes = [self.reader, notes, self.annotations.view, self.outline]
        visible = [p for p in panes if p.isVisible()]
        focus = QApplication.focusWidget()
        current = next(
            (i for i, p in enumerate(visible) if p is focus or p.isAncestorOf(focus)), -1
        )
        visible[(current + 1) % len(visible)].setFocus()

    def _quote_from_menu(self) -> None:
        if self.reader.selected_range() is not None:
            self.reader.quote_selection()
        elif self.reader.current_highlight_id:
            self.quote_highlight(self.reader.current_highlight_id)

    def _quote_selection(self, start: int, end: int) -> None:
        if self.controller is None:
            return
        highlight = self.controller.add_highlight(start, end, self.reader.default_color)
        if highlight is not None:
            self.quote_highlight(highlight.id)

    def quote_highlight(self, highlight_id: str) -> None:
        """A block quote of the passage with a link back to it, at the notes' caret."""
        if self.controller is None or self.notes_editor.isReadOnly():
            return
        highlight = self.controller.session.highlight(highlight_id)
        if highlight is None:
            return
        question = self.controller.session.question_at(highlight.start)
        label = f"Q{question[0]}" if question else "Intro"
        lines = [" ".join(line.split()) for line in highlight.exact.split("\n") if line.strip()]
        body = "\n>\n".join(f"> {line}" for line in lines)
        self.notes_pane.show_preview(False)
        self.actions.toggle_preview.setChecked(False)
        self.notes_editor.insert_block(f"{body} [↩ {label}](#h-{highlight.id})")
        self.statusBar().showMessage(f"Quoted in your notes, with a link back to {label}.", 4000)

    def follow_link(self, url: str) -> None:
        """#h-<id> goes to a highlight; web links open in the browser, on a click only."""
        if url.startswith("#h-"):
            highlight_id = url[3:]
            highlight = self.controller.session.highlight(highlight_id) if self.controller else None
            if highlight is None:
                self.statusBar().showMessage(
                    "That quote's highlight was deleted; Edit ▸ Undo brings it back.", 6000
                )
            elif highlight.orphan:
                self.statusBar().showMessage(
                    "That quote is no longer in the interview text; see Annotations.", 6000
                )
            else:
                self.go_to_highlight(highlight_id)
                self.reader.setFocus()
        elif url.startswith(("http://", "https://", "mailto:")):
            QDesktopServices.openUrl(QUrl(url))

    def _structure_changed(self) -> None:
        assert self.controller is not None
        self.reader.refresh_structure()
        self.outline.show_session(self.controller.session)
        self.outline.follow(self.reader.top_segment_index())

    def _set_role(self, start: int, role: object) -> None:
        if self.controller is not None:
            self.controller.set_role(start, role)  # type: ignore[arg-type]

    def _rename_speaker(self, detected: str) -> None:
        if self.controller is None:
            return
        current = self.controller.session.notes.speakers.get(detected, detected)
        name, ok = QInputDialog.getText(
            self, "Rename Speaker", f"Name for “{current}”:", text=current
        )
        if ok:
            self.controller.rename_speaker(detected, name)

    def _go_to_question(self, start: int) -> None:
        self.reader.scroll_to_offset(start)
        self.reader.setFocus()

    def _focus_dock(self, dock: QDockWidget, widget: QWidget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus()

    # Highlights --------------------------------------------------------------------------

    def _add_highlight(self, start: int, end: int, color: str, then: str) -> None:
        if self.controller is None:
            return
        highlight = self.controller.add_highlight(start, end, color)
        if highlight is None:
            return
        if then == "note":
            self.edit_note(highlight.id)
        elif then == "tags":
            self.edit_tags(highlight.id)

    def _recolor(self, highlight_id: str, color: str) -> None:
        if self.controller is not None:
            self.controller.edit_highlight(highlight_id, "Recolour Highlight", color=color)

    def _delete_highlight(self, highlight_id: str) -> None:
        if self.controller is not None:
            self.controller.delete_highlight(highlight_id)

    def edit_note(self, highlight_id: str) -> None:
        highlight = self.controller.session.highlight(highlight_id) if self.controller else None
        if highlight is None:
            return
        dialog = NoteDialog(highlight.exact, highlight.note, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.edit_highlight(highlight_id, "Edit Note", note=dialog.note())

    def edit_tags(self, highlight_id: str) -> None:
        highlight = self.controller.session.highlight(highlight_id) if self.controller else None
        if highlight is None:
            return
        known = sorted(self.controller.session.tags(), key=str.casefold)
        dialog = TagsDialog(highlight.exact, highlight.tags, known, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.edit_highlight(highlight_id, "Edit Tags", tags=dialog.tags())

    def edit_color_labels(self) -> None:
        if self.controller is None:
            return
        dialog = ColorLabelsDialog(dict(self.controller.session.notes.colors), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.set_color_labels(dialog.labels())

    def go_to_highlight(self, highlight_id: str) -> None:
        highlight = self.controller.session.highlight(highlight_id) if self.controller else None
        if highlight is None or highlight.orphan:
            return
        self.reader.scroll_to_offset(highlight.start, flash_end=highlight.end)
        self.reader.select_highlight(highlight_id)

    def _show_save_state(self, state: str, detail: str) -> None:
        text = {
            "saved": "Saved",
            "saving": "Saving…",
            "read-only": "Read-only",
            "error": f"Not saved: {detail}",
        }[state]
        self.save_label.setText(text)

    def _choose_document(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open Interview", "", "Interviews (*.txt *.md *.markdown);;All files (*)"
        )
        if path:
            self.open_document(Path(path))

    # Taking the work out ----------------------------------------------------------------

    # Exporters, the importer and printing load on first use: start-up does not pay for them.

    def export(self) -> None:
        from reader.core.export import FORMAT_INFO, FORMATS, ExportCancelled
        from reader.ui.exporting.export_dialog import ExportDialog

        if self.controller is None:
            return
        session = self.controller.session
        session.notes.notes = self.controller.notes_text()
        tags = sorted(session.tags(), key=str.casefold)
        dialog = ExportDialog(session.notes.colors, tags, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name = dialog.format_name()
        info = FORMAT_INFO[name]
        suggested = Path(session.document.source).with_suffix(f".{info.extension}").name
        path, _ = QFileDialog.getSaveFileName(
            self, "Export", suggested, f"{info.label} (*.{info.extension})"
        )
        if not path:
            return
        progress = QProgressDialog("Exporting…", "Cancel", 0, 100, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # quick exports show no dialog at all

        def report(done: int, total: int) -> bool:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            data = FORMATS[name](session, replace(dialog.options(), progress=report))
            atomic_write(Path(path), data)
        except ExportCancelled:
            self.statusBar().showMessage("Export cancelled; nothing was written.", 5000)
            return
        except OSError as exc:
            QMessageBox.warning(
                self, "Export", f"{path} could not be written: {describe_error(exc)}"
            )
            return
        finally:
            progress.close()
        self.statusBar().showMessage(f"Exported to {path}", 6000)

    def import_annotations(self) -> None:
        from reader.core.importer import AnnotationImportError, import_w3c

        if self.controller is None or self.controller.saver.read_only:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Import Annotations", "", "W3C Web Annotations (*.jsonld *.json);;All files (*)"
        )
        if not path:
            return
        try:
            result = import_w3c(self.controller.session, Path(path).read_bytes())
        except (OSError, AnnotationImportError) as exc:
            QMessageBox.warning(self, "Import Annotations", f"{Path(path).name}: {exc}")
            return
        self.controller.import_highlights(result.added)
        self.statusBar().showMessage(result.message(), 8000)

    def print_interview(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from reader.ui.exporting.printing import print_document

        if self.reader.reading is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(self.reader.reading).print_(printer)

    def export_pdf(self) -> None:
        from reader.ui.exporting.printing import pdf_printer, print_document

        if self.reader.reading is None:
            return
        suggested = Path(self.controller.session.document.source).with_suffix(".pdf").name
        path, _ = QFileDialog.getSaveFileName(self, "Export as PDF", suggested, "PDF (*.pdf)")
        if path:
            print_document(self.reader.reading).print_(pdf_printer(path))
            self.statusBar().showMessage(f"Saved {path}", 6000)

    def show_notes_file(self) -> None:
        if self.controller is None:
            return
        path = self.controller.notes_path
        if not path.exists():
            self.controller.saver.mark_dirty()
            self.controller.saver.flush()
        QMessageBox.information(
            self, "Notes File", f"This interview's notes are saved in\n\n{path}"
        )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><p>Read an interview and keep research notes on "
            "it, offline. Notes are plain JSON you can read with any tool.</p>",
        )

    # Window state ------------------------------------------------------------------------

    def _restore_state(self) -> None:
        store = settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = store.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = store.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def save_window_state(self) -> None:
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.setValue("window/splitter", self.splitter.saveState())
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_discard_unsaved():
            event.ignore()
            return
        self.save_window_state()
        self.close_document()
        event.accept()


def _load_newer_readonly(raw: bytes) -> NotesData | None:
    """What this build understands of a newer notes file, to show it without writing."""
    try:
        data = orjson.loads(raw)
        data = {**data, "version": VERSION}
        validate(data)
        return NotesData.from_json(data)
    except (orjson.JSONDecodeError, NotesFormatError, KeyError, TypeError, ValueError):
        return None  # shown empty; the file itself stays as it is


def run_gui(document_path: Path, notes_path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(__version__)
    window = MainWindow()
    ShutdownOnSignals(app, window.shut_down_now, window.flush_notes)
    if not window.open_document(document_path, notes_path):
        return 1
    window.show()
    return app.exec()
