"""Between the interview and the notes: quoting a passage with a link back, and following
such a link (or a web link) from the notes to where it leads."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QTextCursor, QTextDocument, QUndoCommand

from reader.core.annotations import Highlight
from reader.core.chip_relabel import said_where
from reader.core.markdown_links import quote as quote_block
from reader.core.markdown_links import quote_label
from reader.ui.annotations.editing import HighlightEditing
from reader.ui.interview.commands import AddHighlightCommand, HighlightThere, WrappingStep
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.notes.chip_labels import ChipLabels
from reader.ui.notes.notes_pane import NotesPane
from reader.ui.reading.reader_view import ReaderView

# A quote's link followed to a highlight no longer there, by what brings it back. Ctrl+Z
# in the notes is their typing's: the interview's history is the reader's.
_GONE = {
    "Undo": "That quote's highlight was deleted; Ctrl+Z in the interview brings it back.",
    "Redo": "That quote's highlight was undone; Ctrl+Shift+Z in the interview brings it back.",
}
_LOST = "That quote's highlight was deleted, and no Undo brings it back: its link leads nowhere."


class QuoteStep(WrappingStep):
    """Q on words no highlight holds: the highlight made (`added`, its own step) and its
    quote put in the research notes, as one step of the interview's history, so that an
    undo in the reader leaves no quote linking to nothing; Q on a highlight, its quote
    alone (`added`: HighlightThere). Undone, the quote goes only if it is still as put
    in: edited since, it is the user's, and stays (they are told).
    Redone, it comes back where it was, if its highlight does. Its going and coming are
    edits of the notes, on the notes' own typing history too. Another program changing
    the highlight since drops the step from the history, as it does the highlight's."""

    def __init__(
        self,
        added: AddHighlightCommand | HighlightThere,
        put_in: Callable[[], tuple[QTextCursor, str] | None],
        tell: Callable[[str], None],
        highlight_id: str,
    ) -> None:
        super().__init__("Quote in Notes", added)
        self._put_in, self._tell = put_in, tell
        # The end of the link in the quote (in the notes, or the study memo's, which
        # names the interview first), and in any other quote of it.
        self._link = f"#h-{highlight_id})"
        # At the quote's start, moved by edits before it; None before it is put in, or if
        # it could not be. Qt positions (UTF-16), as `_length`.
        self._at: QTextCursor | None = None
        self._quote, self._length = "", 0  # as put in, paragraphs ending in U+2029
        self._first = True
        self._taken = False  # by the last undo
        self._spacer = ""  # the line ends the last undo left between the text around it
        self._around = ("", "")  # the text on each side of the quote as put in (`_around`)

    def redo(self) -> None:
        self.wrapped.redo()
        if self._first:  # at the notes' caret
            self._first = False
            put = self._put_in()
            if put is not None:
                quote, where = put
                self.setText(f"Quote in {where}")  # the Edit menu's Undo names it so
                self._quote, self._at = quote.selectedText(), QTextCursor(quote)
                self._length = quote.selectionEnd() - quote.selectionStart()
                self._around = _around(
                    quote.document(), quote.selectionStart(), quote.selectionEnd()
                )
                self._at.setPosition(quote.selectionStart())
        elif self._taken and self._at is not None and not self._at.isNull():
            if self._linked() or not self.wrapped.shown():  # put back by the notes' own
                return  # Undo already (not twice); or linking to nothing
            start = self._at.position()
            self._at.beginEditBlock()
            if self._spacer:  # the quote goes back between the paragraphs it kept apart
                spacer = QTextCursor(self._at)
                spacer.setPosition(start + len(self._spacer), QTextCursor.MoveMode.KeepAnchor)
                if spacer.selectedText() == self._spacer.replace("\n", "\u2029"):
                    spacer.removeSelectedText()
            self._at.insertText(self._quote.replace("\u2029", "\n"))
            self._at.endEditBlock()
            self._at.setPosition(start)  # which the insertion moved past the quote

    def undo(self) -> None:
        self.wrapped.undo()
        at = self._at
        if at is None or at.isNull():  # none put in, or those notes are gone
            return
        quote = QTextCursor(at)
        end = at.position() + self._length
        if end < at.document().characterCount():
            quote.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._taken = quote.selectedText() == self._quote
        if self._taken:
            quote.beginEditBlock()
            quote.removeSelectedText()
            self._spacer = _keep_apart(quote, self._around)
            quote.endEditBlock()
            at.setPosition(quote.position() - len(self._spacer))  # before it: redo's place
        elif self._linked():
            self._tell("The quote stays in your notes, as you changed it; its link leads nowhere.")

    def _linked(self) -> bool:
        """Whether the notes link to the passage: its quote is in them, as put in or not."""
        at = self._at
        return at is not None and not at.document().find(self._link).isNull()


def _around(doc: QTextDocument, start: int, end: int) -> tuple[str, str]:
    """The two characters before `start` and after `end` (fewer at the notes' ends)."""
    last = doc.characterCount() - 1  # the document's closing paragraph end
    before = range(max(0, start - 2), start)
    return "".join(map(doc.characterAt, before)), "".join(
        map(doc.characterAt, range(end, min(last, end + 2)))
    )


def _keep_apart(at: QTextCursor, around: tuple[str, str]) -> str:
    """Where a quote was taken out: text on both sides is kept paragraphs apart, as the
    quote kept it (written under it, it was glued to the line above: "Intro lineafter"),
    unless the text there is as it was when the quote was put in (`around`): a tight list
    or two lines stay as they were. The line ends put in ("" when none were needed)."""
    doc, pos = at.document(), at.position()
    if _around(doc, pos, pos) == around:
        return ""
    last = doc.characterCount() - 1  # the document's closing paragraph end
    before = after = 0
    while before < pos and doc.characterAt(pos - before - 1) == "\u2029":
        before += 1
    while pos + after < last and doc.characterAt(pos + after) == "\u2029":
        after += 1
    if before == pos or pos + after == last or before + after >= 2:
        return ""  # text on one side only, or a blank line between them already
    spacer = "\n" * (2 - before - after)
    at.insertText(spacer)
    return spacer


class NotesQuoting(QObject):
    def __init__(
        self,
        interview: OpenInterview,
        reader: ReaderView,
        notes: NotesPane,
        editing: HighlightEditing,
        preview: QAction,
    ) -> None:
        super().__init__(notes)
        self._interview = interview
        self._reader = reader
        self._notes = notes
        self._editing = editing
        self._preview = preview
        self.chip_labels = ChipLabels(interview)  # the chips follow renames and renumbering
        # The study memo's (ui/memo): the quote's label and link there, given whose words
        # and where they are and the highlight's id, when the memo shows; else None.
        self.into_memo: Callable[[str, str, str], tuple[str, str] | None] = lambda *_: None

    def quote_from_menu(self) -> None:
        """Edit ▸ Quote in Notes: the selection, else the highlight at the caret."""
        if self._reader.selected_range() is not None:
            self._reader.quote_selection()
        elif self._reader.current_highlight_id:
            self.quote_highlight(self._reader.current_highlight_id)

    def quote_selection(self, start: int, end: int) -> None:
        """The passage becomes a highlight, quoted: one step of Undo in the reader, unless
        it was one already (then the quote alone, undone in the notes; its colour kept)."""
        controller = self._interview.controller
        if controller is None:
            return
        steps: list[QuoteStep] = []

        def quoting(added: AddHighlightCommand, highlight: Highlight) -> QUndoCommand:
            put_in = partial(self._put_in, highlight.id)
            steps.append(QuoteStep(added, put_in, self._tell, highlight.id))
            return steps[-1]

        color = self._reader.default_color
        highlight = controller.add_highlight(start, end, color, quoting, recolour=False)
        if highlight is not None and not steps:
            self.quote_highlight(highlight.id)

    def quote_highlight(self, highlight_id: str) -> None:
        """A block quote of the passage with a link back to it, at the notes' caret: a
        step of the interview's history, as a quote of new words is (Ctrl+Z in the reader
        took back the step before it, the highlight perhaps, its link then leading
        nowhere)."""
        controller = self._interview.controller
        if controller is None or self._notes.editor.isReadOnly():
            self._put_in(highlight_id)  # which says why nothing is put in
            return
        put_in = partial(self._put_in, highlight_id)
        there = HighlightThere(controller, highlight_id)
        controller.undo_stack.push(QuoteStep(there, put_in, self._tell, highlight_id))

    def _put_in(self, highlight_id: str) -> tuple[QTextCursor, str] | None:
        """The quote put in the notes, selected, and where ("Notes", "Memo"); None if it
        could not be (notes that take no typing: the status line says why)."""
        session = self._interview.session
        if session is None:
            return None
        if self._notes.editor.isReadOnly():
            self._tell(f"Not quoted. {self._notes.why_read_only()}")
            return None
        highlight = session.highlight(highlight_id)
        if highlight is None:
            return None
        said, place = said_where(session, highlight.start, highlight.end)
        label, target, where = quote_label("", said, place), f"#h-{highlight.id}", "your notes"
        in_memo = self.into_memo(said, place, highlight.id)
        if in_memo is not None:
            (label, target), where = in_memo, "the study memo"
        self.chip_labels.remember(target, label)
        self._preview.setChecked(False)
        quote = self._notes.editor.insert_block(quote_block(highlight.exact, label, target))
        self._tell(f"Quoted in {where}, with a link back to {label}.", 4000)
        return quote, "Memo" if in_memo is not None else "Notes"

    def _tell(self, text: str, ms: int = 8000) -> None:
        self._interview.status.emit(text, ms)

    def follow_link(self, url: str) -> None:
        """#h-<id> goes to a highlight, #a-heading to the notes' heading; web links open
        in the browser, on a click only."""
        if url.startswith("#h-"):
            session, controller = self._interview.session, self._interview.controller
            highlight = session.highlight(url[3:]) if session is not None else None
            if highlight is None:
                self._tell(_GONE.get(controller.brings_back(url[3:]) if controller else "", _LOST))
            elif highlight.orphan:
                self._interview.status.emit(
                    "That quote is no longer in the interview text; see Annotations.", 6000
                )
            else:
                self._editing.go_to(highlight.id)
                self._reader.setFocus(Qt.FocusReason.OtherFocusReason)
        elif url.startswith(("http://", "https://", "mailto:")):
            QDesktopServices.openUrl(QUrl(url))
        elif url.startswith("#") and not url.startswith("#t="):  # #t=: the recording's
            found = self._notes.go_to_heading(url[1:])
            if not found:
                self._tell(f"No heading in these notes is linked as “{url}”.", 6000)
