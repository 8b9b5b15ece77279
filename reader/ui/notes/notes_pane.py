"""The notes side of the window: a formatting bar over the editor or its rendered preview;
in a study, tabs above them switch between the interview's notes and the study memo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QStackedWidget, QTabBar, QTextBrowser, QToolBar, QVBoxLayout, QWidget

from reader.core.markdown_links import heading_anchors, heading_line
from reader.core.offsets import Utf16Index
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.notes.notes_editor import NotesEditor
from reader.ui.notes.notes_words import EDITOR_NAMES, MEMO_HINT, PREVIEW_NAMES
from reader.ui.notes.preview import NotesPreview
from reader.ui.toolbar_keys import ToolbarKeys
from reader.ui.typed_text import typed_text

NO_LINK = "Ctrl+Enter follows a link: put the caret in one."
NOTES_TAB, MEMO_TAB = 0, 1


class NotesPane(QWidget):
    """The open interview's research notes: its `notes_document`, edited or previewed;
    another interview's document is shown as soon as it is open (`notesDocumentChanged`).
    With a study open, the study memo's document instead, in the same editor (`show_memo`):
    the interview's notes change under it meanwhile, and show again on the way back."""

    linkActivated = Signal(str)  # from the preview, or Ctrl+click in the editor
    memoShown = Signal(bool)  # the study memo shows (True), or the interview's notes
    memoEdited = Signal()  # the study memo's words changed
    memoReadOnlyChanged = Signal()  # whether (or why) the study memo takes typing changed

    def __init__(self, interview: OpenInterview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notes-pane")
        self.interview = interview
        self.editor = NotesEditor()
        self.editor.show_document(interview.notes_document)
        letter_edit_menus(self.editor)
        interview.notesDocumentChanged.connect(self._interview_document)
        interview.opened.connect(self._interview_opened)
        interview.readOnlyChanged.connect(self._follow_read_only)
        self._memo: QTextDocument | None = None  # the study memo's, while a study is open
        self._memo_read_only = ""  # why the study memo takes no typing; "" when it does
        # The caret and scroll of the document not shown: put back when it shows again.
        self._kept: dict[bool, tuple[int, int]] = {}  # by "is the memo"
        self.tabs = QTabBar()
        self.tabs.setObjectName("notes-tabs")
        self.tabs.setAccessibleName("Notes shown")
        self.tabs.setAccessibleDescription("The interview's notes, or the study memo")
        self.tabs.addTab("Interview notes")
        self.tabs.addTab("Study memo")
        self.tabs.setTabToolTip(NOTES_TAB, "Your notes on the open interview")
        self.tabs.setTabToolTip(MEMO_TAB, "Notes across the study (memo.md in its folder)")
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # arrows switch, as in any tab bar
        self.tabs.hide()  # while no study is open
        self.tabs.currentChanged.connect(lambda index: self.show_memo(index == MEMO_TAB))
        # Notes swapped or merged from disk while the preview shows: it shows them.
        interview.researchNotesChanged.connect(self._interview_notes_changed)
        self._format_actions: list[QAction] = []
        self.preview = NotesPreview()
        self.preview.setObjectName("notes-preview")
        letter_edit_menus(self.preview)
        self.preview.setAccessibleName(PREVIEW_NAMES[False][0])
        self.preview.setAccessibleDescription(PREVIEW_NAMES[False][1])
        self.preview.setOpenLinks(False)  # every link goes through linkActivated
        self.preview.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.preview.document().setDocumentMargin(16)
        self.preview.setFont(self.editor.font())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.preview)
        self.toolbar = QToolBar("Format")
        self.toolbar.setObjectName("notes-toolbar")
        self.toolbar.setAccessibleName("Formatting")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack)
        self.editor.linkActivated.connect(self.linkActivated)
        self.editor.noLinkAtCaret.connect(lambda: interview.status.emit(NO_LINK, 6000))
        self.editor.said.connect(lambda text: interview.status.emit(text, 6000))
        self.editor.installEventFilter(self)
        self.editor.viewport().installEventFilter(self)  # where text dragged there lands
        self.preview.anchorClicked.connect(lambda url: self.linkActivated.emit(url.toString()))

    def set_actions(
        self, format_actions: list[QAction], preview: QAction, off_bar: list[QAction]
    ) -> None:
        """Put the formatting actions on the bar, but those `off_bar` (the Format menu's
        alone: the bar fits a 1024 px screen as it is); they act while the notes have focus."""
        for action in format_actions:
            if action not in off_bar:
                self.toolbar.addAction(action)
                # Its name, not its glyph: a screen reader said "B", "heavy quotation mark".
                name = action.text().replace("&", "")
                self.toolbar.widgetForAction(action).setAccessibleName(name)
            self.addAction(action)
            self._format_actions.append(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(preview)
        # Never narrower than its bar: a hidden last button is a lost one.
        self.setMinimumWidth(self.toolbar.sizeHint().width())
        ToolbarKeys(self.toolbar).watch()  # one Tab stop, the arrows along it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A key that would type into notes (or a memo) that take no typing, or format them,
        says why on the status line, and so does text dragged onto them: typing into those
        another window had did nothing and said nothing."""
        editor = self.editor
        read_only = watched in (editor, editor.viewport()) and editor.isReadOnly()
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        changes = pressed and (_would_type(event) or self._formats(event))
        if isinstance(event, QDragEnterEvent) and event.mimeData() is not None:
            changes = editor.canInsertFromMimeData(event.mimeData())
        if read_only and changes and (why := self.why_read_only()):
            self.interview.status.emit(why, 6000)
        return super().eventFilter(watched, event)

    def _formats(self, event: QKeyEvent) -> bool:
        """Whether `event` is the key of a formatting action (greyed out: it came here)."""
        pressed = QKeySequence(event.keyCombination())
        return any(pressed in action.shortcuts() for action in self._format_actions)

    def _follow_read_only(self, *_args: object) -> None:
        """Read-only notes take no typing and no formatting (a change could not be saved);
        the preview no formatting (it would change the text behind it, unseen)."""
        if self.showing_memo():
            read_only = bool(self._memo_read_only)
            self.editor.set_hint(self._memo_read_only or MEMO_HINT)
        else:
            read_only = self.interview.read_only
            why = self.interview.why_read_only() if read_only else ""
            self.editor.show_nothing_open(self.interview.session is None, why)
        self.editor.setReadOnly(read_only)
        for action in self._format_actions:
            action.setEnabled(not read_only and not self.previewing())

    # The study memo ------------------------------------------------------------------------

    def set_memo(self, document: QTextDocument | None) -> None:
        """The study memo's document (a study opened), or None (it closed): the tabs show
        while there is one."""
        showing = self.showing_memo()
        if showing:
            self.show_memo(False)
        self._memo = document
        if document is not None:
            document.contentsChanged.connect(self._memo_changed)
        self._kept.pop(True, None)
        self.tabs.setVisible(document is not None)
        if showing and document is not None:
            self.show_memo(True)

    def _memo_changed(self) -> None:
        """The memo's words changed (its styling is unheard: the highlighter blocks it)."""
        self.memoEdited.emit()
        if self.showing_memo():  # typed, or merged from disk while the preview shows
            self.refresh_preview()

    def set_memo_read_only(self, why: str) -> None:
        """Why the study memo takes no typing (StudyMemo.why_read_only); "" when it does."""
        self._memo_read_only = why
        if self.showing_memo():
            self._follow_read_only()
        self.memoReadOnlyChanged.emit()

    def why_read_only(self) -> str:
        """Why the notes shown take no typing, in words; "" when they do."""
        return self._memo_read_only if self.showing_memo() else self.interview.why_read_only()

    def showing_memo(self) -> bool:
        return self._memo is not None and self.editor.document() is self._memo

    def show_memo(self, on: bool) -> None:
        """The study memo in the editor (and preview), or the open interview's notes."""
        on = on and self._memo is not None
        if on != self.showing_memo():
            self._kept[not on] = (
                self.editor.textCursor().position(),
                self.editor.verticalScrollBar().value(),
            )
            self.editor.show_document(self._memo if on else self.interview.notes_document)
            self.editor.resume_styling()
            position, scroll = self._kept.pop(on, (0, 0))
            cursor = self.editor.textCursor()
            cursor.setPosition(min(position, self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(cursor)
            self.editor.verticalScrollBar().setValue(scroll)
            for widget, names in ((self.editor, EDITOR_NAMES), (self.preview, PREVIEW_NAMES)):
                widget.setAccessibleName(names[on][0])
                widget.setAccessibleDescription(names[on][1])
            self._follow_read_only()
            self.refresh_preview()
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(MEMO_TAB if on else NOTES_TAB)
        self.tabs.blockSignals(False)
        self.memoShown.emit(on)

    def _interview_document(self, document: QTextDocument) -> None:
        """Another interview's notes: shown, unless the memo is (then on the way back)."""
        if self.showing_memo():
            self._kept.pop(False, None)  # the caret was in the notes of the one left
        else:
            self.editor.show_document(document)
            self.refresh_preview()

    def _interview_notes_changed(self) -> None:
        """The memo shown does not change with the interview's notes (its quotes' labels
        are its own words): its preview is not rendered again."""
        if not self.showing_memo():
            self.refresh_preview()

    def _interview_opened(self, *_args: object) -> None:
        if not self.showing_memo():
            self.editor.resume_styling()

    def _render_preview(self) -> None:
        # As typed: toPlainText makes a no-break space (a quote's chip's) a plain one.
        self.preview.render(typed_text(self.editor.document()), self.showing_memo())

    def refresh_preview(self, *_args: object) -> None:
        if self.previewing():
            self._render_preview()

    def show_preview(self, on: bool) -> None:
        if on:
            self._render_preview()
            self.stack.setCurrentWidget(self.preview)
            self.preview.open_at(self.editor)
            self.preview.setFocus()
        else:
            self.stack.setCurrentWidget(self.editor)
            self.editor.setFocus()
        self.editor.set_shown(not on)
        self._follow_read_only()

    def select_span(self, start: int, end: int, memo: bool = False) -> None:
        """Select [start, end) (code points) of the interview's notes, or of the study
        memo, in the editor."""
        self.show_memo(memo)
        self.show_preview(False)
        index = Utf16Index(self.editor.toPlainText())  # the editor counts UTF-16 units
        cursor = self.editor.textCursor()
        cursor.setPosition(index.to_utf16(start))
        cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def previewing(self) -> bool:
        return self.stack.currentWidget() is self.preview

    def take_focus(self) -> None:
        """The side on show, the editor or its preview, takes the keyboard focus: Edit ▸
        Undo is then the notes' typing history (reader/ui/window/undo_focus.py)."""
        self.stack.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def go_to_heading(self, anchor: str) -> bool:
        """The notes' heading linked as `#anchor` (`[see](#results)`) at the top, in the
        preview or the editor, whichever shows; False when the notes have none."""
        if self.previewing():
            document = self.preview.document()
            headings, block = [], document.begin()
            while block.isValid():
                if block.blockFormat().headingLevel():
                    headings.append(block)
                block = block.next()
            anchors = heading_anchors(block.text() for block in headings)
            found = next((b for b, a in zip(headings, anchors, strict=True) if a == anchor), None)
            if found is None:
                return False
            top = document.documentLayout().blockBoundingRect(found).top()
            self.preview.verticalScrollBar().setValue(round(top))
            return True
        line = heading_line(self.editor.toPlainText().split("\n"), anchor)
        if line is None:
            return False
        block = self.editor.document().findBlockByNumber(line)
        self.editor.setTextCursor(QTextCursor(block))
        bar = self.editor.verticalScrollBar()
        bar.setValue(bar.maximum())  # then back: the heading at the top, not at the bottom
        self.editor.ensureCursorVisible()
        return True


_EDITING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
_CHANGING = (QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut)


def _would_type(event: QKeyEvent) -> bool:
    """Whether `event` types, deletes or pastes in a text editor (not moves, nor copies)."""
    if any(event.matches(sequence) for sequence in _CHANGING):
        return True
    shift_alone = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    if event.modifiers() & ~shift_alone:
        return False
    return event.key() in _EDITING_KEYS or (event.text().isprintable() and bool(event.text()))
