"""The research notes editor: plain Markdown with light styling, formatting keys, links."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QHelpEvent,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QPlainTextEdit, QToolTip, QWidget
from shiboken6 import isValid

from reader.core.offsets import Utf16Index
from reader.core.wording import words_in
from reader.ui import theme
from reader.ui.after_paint import AfterPaint
from reader.ui.notes.markdown_highlighter import MarkdownHighlighter, links_in
from reader.ui.notes.notes_words import (
    EDITOR_NAMES,
    ESCAPE_STAYS,
    HINT,
    NO_PICTURES,
    NOTES_READ_ONLY,
    NOTHING_OPEN_HINT,
    ONLY_IN_NOTES,
    TAB_AT_LINE_START,
    link_tip,
)
from reader.ui.notes.quote_chips import ChipCaret, Toward
from reader.ui.notes.typing_steps import TypingSteps
from reader.ui.own_copies import own_copy
from reader.ui.painting import paint_empty_text
from reader.ui.typed_text import typed_in
from reader.ui.window.available import set_available

LONG_NOTES_CHARS = 100_000
KEEP = QTextCursor.MoveMode.KeepAnchor


class NotesEditor(QPlainTextEdit):
    linkActivated = Signal(str)  # a link Ctrl+clicked in the text, or Ctrl+Enter in it
    noLinkAtCaret = Signal()  # Ctrl+Enter where no link is
    said = Signal(str)  # for the status line: why a key did nothing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notes")
        self.setAccessibleName(EDITOR_NAMES[False][0])
        self.setAccessibleDescription(EDITOR_NAMES[False][1])
        # Drawn here, not as Qt's placeholder, which leaves no margin on the right.
        self.hint = HINT
        font = theme.ui_font()
        font.setPointSizeF(theme.READING_POINT_SIZE - 1.5)
        self.setFont(font)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.highlighter = MarkdownHighlighter(self, font.pointSizeF())
        self._style_after_paint = False
        self._after_paint = AfterPaint(self.viewport(), self._start_styling)
        self._hint_drawn = False
        self.textChanged.connect(self._hint_follows)
        self.chips = ChipCaret(self)
        self.typing_steps = TypingSteps(self)  # a word or a burst of typing per undo step
        self._paste_plain: QAction | None = None  # see take_paste_plain
        self._own_actions: list[QAction] = []  # see acts_here
        self._focused = False  # the last widget focused (a menu aside) was this editor
        self.show_document(self.document())

    def show_document(self, document: QTextDocument) -> None:
        """Edit `document` (the open interview's research notes, each interview its own,
        with its own typing history); styled as Markdown once `resume_styling` is called."""
        self.pause_styling()
        self.setDocument(document)
        typed_in(document, self)  # a merge keeps the caret at its words
        document.setDefaultFont(self.font())  # no edit, unlike its margin (set by its owner)
        self._hint_follows()

    def set_text_font(self, font: QFont) -> None:
        """Another size (zoom) or theme: the text and its Markdown styling follow."""
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.highlighter.restyle(font.pointSizeF())

    def pause_styling(self) -> None:
        """Before other notes show: the highlighter would style every line at once,
        ~230 ms for 1 MB of notes, which the window's first paint should not wait for."""
        self._style_after_paint = False
        self.highlighter.setDocument(None)

    def resume_styling(self) -> None:
        """After loading: short notes are styled at once; long ones once they are shown,
        from the top a chunk at a time, so that neither the first paint nor typing waits
        for the whole (attaching the highlighter alone visits every line, ~25 ms)."""
        if not self.is_long():
            self.highlighter.setDocument(self.document())
            return
        self._style_after_paint = True
        if not self.isHidden():  # else once shown (`set_shown`): the preview hides it
            self._after_paint.start()

    def set_shown(self, shown: bool) -> None:
        """The preview took the editor's place, or gave it back: styling waits meanwhile
        (styling the lines of a hidden editor costs about 1 s a chunk, 8 ms shown)."""
        if not shown:
            self.highlighter.pause()
            return
        if self._style_after_paint:
            self._after_paint.start()
        self.highlighter.resume()

    def _start_styling(self) -> None:
        if self._style_after_paint:
            self._style_after_paint = False
            self.highlighter.style_gradually(self.document())

    def is_long(self) -> bool:
        """Whether the notes are long enough for their styling and word count to wait."""
        return self.document().characterCount() >= LONG_NOTES_CHARS

    def word_count(self) -> int:
        return words_in(self.toPlainText())

    # Formatting (formatting.py, imported on first use: start-up never pays its 5 ms) -----

    def wrap_selection(self, marker: str) -> None:
        """**bold**, *italic* or `code` around the selection, or taken off it; at the
        caret, a toggle (in a word, on the word)."""
        from reader.ui.notes import formatting

        formatting.wrap_selection(self, marker)

    def insert_link(self) -> None:
        """Ctrl+K: the selection or the word at the caret a link, or a link words again."""
        from reader.ui.notes import formatting

        formatting.insert_link(self, self.said.emit)

    def set_line_prefix(self, prefix: str) -> None:
        """Make each selected line a heading ("## "), list item ("- ") or quote ("> "),
        or no more one."""
        from reader.ui.notes import formatting

        formatting.set_line_prefix(self, prefix)

    def insert_block(self, markdown: str) -> QTextCursor:
        """Insert a Markdown block at the caret, on lines of its own (a selection stays);
        what was inserted, selected."""
        from reader.ui.notes import formatting

        return formatting.insert_block(self, markdown)

    def show_nothing_open(self, nothing: bool, read_only: str = "") -> None:
        """With no interview open, the hint says how to open one; with notes that take no
        typing, why (`read_only`), not how to highlight and quote into them."""
        self.set_hint(NOTHING_OPEN_HINT if nothing else read_only or HINT)

    def set_hint(self, hint: str) -> None:
        """What the empty editor says (the research notes' hint, or the study memo's)."""
        if hint != self.hint:
            self.hint = hint
            self.viewport().update()

    def _hint_follows(self) -> None:
        """The hint goes, whole, with the first character typed (Qt repaints only the
        line typed in, which left the rest of the hint drawn) and comes back whole."""
        if self._hint_drawn != self.document().isEmpty():
            self._hint_drawn = not self._hint_drawn
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.document().isEmpty():
            margin = self.document().documentMargin()
            paint_empty_text(self.viewport(), self.hint, margin, margin)

    # Keys: lists and quotes go on, Tab indents list items ---------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab indents, so Ctrl+Tab leaves the editor: the keyboard reaches every pane.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QWidget.focusNextPrevChild(self, forward)  # the editor's own refuses while editable
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self.isReadOnly():  # moving, selecting, copying, following a link: no edits
            if enter and modifiers == Qt.KeyboardModifier.ControlModifier:
                self._follow_link_at_caret()
            else:
                super().keyPressEvent(event)
            return
        if self.chips.deletes_chip(event):
            return
        # What the key types: Ctrl+V's "v" (as some platforms give it) types nothing; AltGr
        # (Ctrl+Alt on Windows) types its character.
        control = (
            modifiers & ~Qt.KeyboardModifier.ShiftModifier == Qt.KeyboardModifier.ControlModifier
        )
        typed = "" if control else event.text()
        if (typed.isprintable() or enter) and typed:
            self.chips.before_typing()  # beside a quote's link, not into it
        if enter and plain and self._continue_block():
            return
        if enter and modifiers == Qt.KeyboardModifier.ControlModifier:
            self._follow_link_at_caret()
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self._tab(key == Qt.Key.Key_Backtab):
            return
        if key == Qt.Key.Key_Escape and plain:  # on to the window: a message it dismisses
            self.said.emit(ESCAPE_STAYS)
        before = self.textCursor().position()
        with self.typing_steps.typing(typed):
            super().keyPressEvent(event)
        self.chips.after_key(event, before)

    # Pasting (notes/pasting.py, imported on first use) ----------------------------------

    def insertFromMimeData(self, source: QMimeData) -> None:
        self._paste(source, plain=False)  # pasted or dropped

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        # HTML alone too; a picture, for the paste to say why it puts nothing in
        return source.hasHtml() or source.hasImage() or super().canInsertFromMimeData(source)

    def createMimeDataFromSelection(self) -> QMimeData:
        """The Markdown as written, as plain text (and as Markdown): Qt's HTML of it,
        pasted back, would be read as a web page's and come back escaped."""
        text = self.textCursor().selection().toPlainText()
        data = own_copy(text)
        data.setData("text/markdown", text.encode())
        return data

    def take_paste_plain(self, action: QAction) -> None:
        """Edit ▸ Paste as Plain Text (Ctrl+Shift+V) pastes here (`acts_here`)."""
        self._paste_plain = action
        self.acts_here(action)
        action.triggered.connect(self._paste_plain_now)

    def acts_here(self, action: QAction) -> None:
        """An Edit action for this editor alone (Paste as Plain Text, Replace…): its key
        works here, and it is on while the editor has the focus and takes typing: elsewhere
        (the reader, the preview) it would act out of sight. A menu taking the focus leaves
        it as it was: it is for the pane left."""
        if not self._own_actions:
            QApplication.instance().focusChanged.connect(self._show_own_actions)
        self._own_actions.append(action)
        self.addAction(action)
        self._show_own_actions()

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        self._show_own_actions()

    def _show_own_actions(self, _old: QWidget | None = None, new: QWidget | None = None) -> None:
        if new is None or not isinstance(new, QMenu | QMenuBar):
            self._focused = self.hasFocus()
        why = NOTES_READ_ONLY if self.isReadOnly() else ""
        why = why if self._focused else ONLY_IN_NOTES
        for action in self._own_actions:
            if isValid(action):  # the window's
                set_available(action, why)

    def _paste_plain_now(self) -> None:
        source = QApplication.clipboard().mimeData()
        if source is not None and self._paste_plain is not None and self._paste_plain.isEnabled():
            self._paste(source, plain=True)

    def _paste(self, source: QMimeData, plain: bool) -> None:
        from reader.ui.notes.formatting import own_step
        from reader.ui.notes.pasting import pasted_text

        self.chips.before_typing()  # beside a quote's link, not into it
        text = QMimeData()
        text.setText(pasted_text(source, self.textCursor().selectedText(), plain))
        if not text.text():  # a picture alone, say: the selection stays
            if source.hasImage() or "<img" in source.html().lower():
                self.said.emit(NO_PICTURES)
            return
        # A step of its own: Qt joined the words typed just after it, and Ctrl+Z on them
        # took the whole paste back too.
        with own_step(self.textCursor()):
            super().insertFromMimeData(text)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if event.commitString():
            self.chips.before_typing()
        super().inputMethodEvent(event)  # each text committed is a step of its own (Qt's)

    def _continue_block(self) -> bool:
        from reader.core.markdown_lines import continued  # 2 ms: a first Enter's
        from reader.ui.notes.formatting import count_on, in_code_block

        cursor = self.textCursor()
        text = cursor.block().text()
        found = None if cursor.hasSelection() else continued(text)
        if found is None or in_code_block(self.document(), cursor.block().position()):
            return False
        prefix, body, nested = found
        caret = Utf16Index(text).to_code_point(cursor.positionInBlock())
        if not body.strip() and caret == len(text):
            if nested:  # a nested item goes a level out, as Shift+Tab
                return self._tab(outdent=True)
            # Enter on an empty item ends the list or quote, a blank line after it: else
            # Markdown took the next line into it (the user's comment in a participant's).
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, KEEP)
            cursor.insertText("\n")
            self.setTextCursor(cursor)
            return True
        if caret <= len(text) - len(body):
            # At or in the mark ("|- second", "1|. first"), a line opens above, the item
            # moving down whole: a mark put before it doubled it ("- - second").
            QTextCursor(cursor.block()).insertText("\n")
            return True
        cursor.insertText("\n" + prefix)
        self.setTextCursor(cursor)
        count_on(self, cursor.block())  # a numbered item's next ones count on from it
        return True

    def _tab(self, outdent: bool) -> bool:
        """Tab and Shift+Tab indent and outdent list items; elsewhere Tab types a tab, but
        not where it would make the line code, unseen until the preview. Read-only notes
        take neither (their edits could not be saved)."""
        from reader.ui.notes import formatting

        if self.isReadOnly():
            return False
        if formatting.indent_items(self, outdent):
            return True
        if outdent or not formatting.tab_makes_code(self):
            return False
        self.said.emit(TAB_AT_LINE_START)
        return True

    # Links: Ctrl+click or Ctrl+Enter follows them ---------------------------------------

    def link_at(self, cursor: QTextCursor) -> str | None:
        text = cursor.block().text()
        offset = Utf16Index(text).to_code_point(cursor.positionInBlock())
        for start, end, url in links_in(text):
            if start <= offset < end:
                return url
        return None

    def _follow_link_at_caret(self) -> None:
        """Ctrl+Enter: the link the caret is in, or that ends just before it (spaces
        between: a time link just typed with Ctrl+Shift+T, its space after it)."""
        cursor = self.textCursor()
        text = cursor.block().text()
        offset = Utf16Index(text).to_code_point(cursor.positionInBlock())
        before = len(text[:offset].rstrip(" "))
        url = next(
            (url for start, end, url in links_in(text) if start <= offset < end or end == before),
            None,
        )
        if url:
            self.linkActivated.emit(url)
        else:
            self.noLinkAtCaret.emit()

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            tip = link_tip(self.link_at(self.cursorForPosition(event.pos())) or "")
            QToolTip.showText(event.globalPos(), tip, self.viewport())  # "" hides it
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            url = self.link_at(self.cursorForPosition(event.position().toPoint()))
            if url:
                self.linkActivated.emit(url)
                event.accept()
                return
        super().mouseReleaseEvent(event)
        self.chips.keep_out(Toward.NEAREST)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.chips.keep_out(Toward.NEAREST)  # a click on a quote's chip: beside it

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        self.chips.keep_out(Toward.NEAREST)  # a word of a chip selected: all of it

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.chips.keep_out(Toward.NEAREST)
        over_link = bool(
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and self.link_at(self.cursorForPosition(event.position().toPoint()))
        )
        shape = Qt.CursorShape.PointingHandCursor if over_link else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)
