"""Coding from the keyboard: the picker on a selection (which becomes a highlight once
coded) or on a highlight, and the codes used last on Alt+1..9.

A new name typed in the picker creates a code first (on the codebook's undo stack: in a
study, the study's), then codes the passage (on the interview's).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QTextCursor

from reader.core.annotations import Highlight
from reader.core.codebook import Codebook
from reader.ui.codebook.hub import CodebookHub
from reader.ui.reading.reader_view import ReaderView, _trim

if TYPE_CHECKING:
    from reader.ui.codebook.picker import CodePicker

RECENT = 9


class Coding(QObject):
    def __init__(self, hub: CodebookHub, reader: ReaderView) -> None:
        super().__init__(hub)
        self.hub, self.reader = hub, reader
        self._picker: CodePicker | None = None  # made at its first use (start-up, #17)
        self.recent: list[str] = []
        self._highlight = ""  # the picker's passage, once it is a highlight
        self._span: tuple[int, int] | None = None  # or a selection: start, end
        hub.codeUsed.connect(self._used)
        hub.changed.connect(self._follow_merged)

    @property
    def picker(self) -> CodePicker:
        if self._picker is None:
            from reader.ui.codebook.picker import CodePicker

            self._picker = CodePicker(self.reader)
            self._picker.picked.connect(self._picked)
            self._picker.takenOff.connect(self._taken_off)
            self._picker.closed.connect(self._back_to_reader)
        return self._picker

    # What the picker works on --------------------------------------------------------

    def pick_for_highlight(self, highlight_id: str) -> None:
        session, controller = self.hub.interview.session, self.hub.interview.controller
        highlight = session.highlight(highlight_id) if session is not None else None
        if highlight is None or controller is None or not controller.writable():
            return  # (read-only: the status bar says so, as for a selection)
        self._highlight, self._span = highlight_id, None
        self._open(highlight.codes, highlight.exact)

    def pick_for_span(self, start: int, end: int) -> None:
        session, controller = self.hub.interview.session, self.hub.interview.controller
        if session is None or controller is None or not controller.writable():
            return  # (read-only: the status bar says so)
        self._highlight, self._span = "", (start, end)
        said = session.passage_span(start, end)  # as code_span takes it: no speaker label
        self._open((), session.document.text[slice(*said)])

    def _open(self, on: tuple[str, ...], quote: str) -> None:
        reader = self.reader
        cursor = reader.textCursor()
        anchor = QTextCursor(cursor)
        anchor.setPosition(cursor.anchor())
        passage = reader.cursorRect().united(reader.cursorRect(anchor))
        top_left = reader.viewport().mapToGlobal(passage.topLeft())
        recent = self._recent_now()
        self.picker.open_at(QRect(top_left, passage.size()), self.hub.book, on, recent, quote)

    def _back_to_reader(self) -> None:
        self.reader.activateWindow()
        self.reader.setFocus()

    def _target(self) -> Highlight | None:
        session = self.hub.interview.session
        if session is None or not self._highlight:
            return None
        return session.highlight(self._highlight)

    # Applying ------------------------------------------------------------------------

    def _picked(self, code_id: str, name: str, keep_open: bool) -> None:
        if not code_id:  # a new code, where the name typed as a path puts it
            code = self.hub.create(*reversed(self.hub.book.new_place(name)))
            if code is None:
                return
            code_id = code.id
        target = self._target()
        if target is not None:
            if code_id not in target.codes:  # (the picker takes a ticked code off apart)
                self.hub.set_codes(target.id, (*target.codes, code_id))
        elif self._span is not None:
            start, end = self._span
            self._highlight = self.hub.code_span(start, end, (code_id,))
            self._span = None
            self.reader.leave_selection(end)  # coded, it shows so (Escape left it selected)
        if keep_open:
            self._kept_open(code_id)

    def _taken_off(self, code_id: str, keep_open: bool) -> None:
        target = self._target()
        if target is None or code_id not in target.codes:
            return
        codes = tuple(c for c in target.codes if c != code_id)
        self.hub.set_codes(target.id, codes, "Uncode")
        if self._target() is None:  # its last code off: it went
            self._highlight, self._span = "", (target.start, target.end)
        if keep_open:
            self._kept_open(code_id)

    def _kept_open(self, changed: str) -> None:
        self.picker.book = self.hub.book
        self.picker.set_on(target.codes if (target := self._target()) else (), changed)

    def apply_recent(self, number: int) -> None:
        """Alt+number: the code used `number`-th last, on the selection or the current
        highlight (added, never taken off)."""
        if self.reader.reading is None:
            return
        if not self.recent:  # none used since the start: those of the passages coded last
            self.recent = _coded_last(self.reader.session.notes.highlights, self.hub.book)
        if not 1 <= number <= len(self.recent):
            self.hub.interview.status.emit(
                f"Alt+{number} has no code yet: the codes you use go on Alt+1 to Alt+{RECENT}"
                " (C picks one).",
                6000,
            )
            return
        code_id = self._recent_now()[number - 1]
        if code_id not in self.hub.book:  # deleted since: its number is kept, and said
            self.hub.interview.status.emit(
                f"Alt+{number}'s code was deleted (Edit ▸ Undo in the Codebook brings it "
                "back); C picks another.",
                6000,
            )
            return
        if not (code := self.hub.book.code(code_id)).codable:  # made a category since
            self.hub.interview.status.emit(
                f"“{code.name}” is a category now: it holds codes, not passages.", 6000
            )
            return
        span = self.reader.selected_range()
        if span is not None:
            start, end = _trim(self.reader.session.document.text, *span)
            if start < end:
                made = self.hub.code_span(start, end, (code_id,))
                if made:
                    self.reader.select_highlight(made)  # the coded passage is the current one
            return
        current = self.reader.current_highlight()
        if current is not None and code_id in current.codes:  # it did nothing, unsaid
            self.reader.hint.emit(f"“{self.hub.book.path(code_id)}” is on this passage already.")
        elif current is not None:
            self.hub.set_codes(current.id, (*current.codes, code_id))

    def _used(self, code_id: str) -> None:
        # And a code merged into it: its number goes with the code it lives on in.
        now = zip(self.recent, self._recent_now(), strict=True)
        self.recent = [code_id, *(c for c, lives in now if lives != code_id)][:RECENT]

    def _follow_merged(self) -> None:
        """Codes of no record (another study's, an interview's alone) leave Alt+1..9; one
        merged or deleted keeps its number (`_recent_now`)."""
        merged, deleted = self._retired()
        book = self.hub.book
        self.recent = [c for c in self.recent if c in book or c in merged or c in deleted]

    def _recent_now(self) -> list[str]:
        """Alt+1..9's codes as they stand: a code merged into another (a study records
        where) gives its number to that one, and one deleted keeps it (said when pressed).
        Each number kept, not the list rewritten: a code merged into one listed too went
        from it, and the codes after it moved up a number (a habitual Alt+3 applied Alt+4's
        code); and Edit ▸ Undo of the merge did not give the code its number back."""
        merged, _deleted = self._retired()
        return [merged.get(code_id, code_id) for code_id in self.recent]

    def _retired(self) -> tuple[dict[str, str], frozenset[str]]:
        from reader.core.retired_codes import followed, retired_codes

        if (study := self.hub.study) is None:
            return {}, frozenset()
        return followed(retired_codes(study.data.settings), self.hub.book)


def _coded_last(highlights: Iterable[Highlight], book: Codebook) -> list[str]:
    """The codes of the passages changed last, newest first, each once: what Alt+1..9
    held when the interview was last worked in."""
    newest = sorted((h for h in highlights if h.codes), key=lambda h: h.modified, reverse=True)
    codes = (c for h in newest for c in reversed(h.codes) if c in book)
    return list(dict.fromkeys(codes))[:RECENT]
