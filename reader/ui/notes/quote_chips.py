"""A quote's link back, `[↩ Q4](#h-<id>)`, shows in the notes as a chip "↩ Q4", its
brackets and target drawn at no width (markdown_highlighter). Here the chip acts as one
thing, as a mail program's address token does: the caret stops before or after it, never
in it (some 40 hidden characters, which took as many key presses to cross, unseen); typing
lands beside it, not in the hidden target (which broke the link); Backspace just after it,
or Delete just before it, takes it whole."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from reader.core.markdown_links import is_quote_link
from reader.core.offsets import Utf16Index
from reader.ui.notes.markdown_highlighter import links_in

_VERTICAL = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


class Toward(Enum):
    """Which edge of a chip a caret inside it goes to."""

    START = "start"
    END = "end"
    NEAREST = "nearest"  # on screen: its label is all of its width


@dataclass(frozen=True)
class Chip:
    """A quote's link back in the document, in Qt positions: [start, end) the whole
    `[↩ Q4](#h-…)`; `label_end` where its label "↩ Q4" ends (the hidden "](…)" begins)."""

    start: int
    label_end: int
    end: int

    def edge(self, toward: Toward, position: int) -> int:
        if toward is Toward.NEAREST:
            # The hidden "[" and "](…)" take no room: distances are along the label.
            label_start = self.start + 1
            if position >= self.label_end:
                return self.end
            nearer_start = position - label_start <= self.label_end - position
            return self.start if nearer_start else self.end
        return self.start if toward is Toward.START else self.end


def chips_by(document: QTextDocument, position: int) -> list[Chip]:
    """The chips on the line of `position`."""
    block = document.findBlock(position)
    text = block.text()
    if "](" not in text:  # the usual line: no link to look for
        return []
    index, base = Utf16Index(text), block.position()
    return [
        Chip(
            base + index.to_utf16(start),
            base + index.to_utf16(end - len(url) - 3),
            base + index.to_utf16(end),
        )
        for start, end, url in links_in(text)
        if is_quote_link(url)
    ]


def chip_at(document: QTextDocument, position: int) -> Chip | None:
    """The chip `position` is inside of, if any."""
    return next((c for c in chips_by(document, position) if c.start < position < c.end), None)


def out_of_chips(cursor: QTextCursor, toward: Toward) -> QTextCursor:
    """`cursor` with its ends out of any chip: its position (the end that moved) to the
    chip's edge `toward`; a selection's anchor to the edge that takes the chip in."""
    document = cursor.document()
    anchor, position = cursor.anchor(), cursor.position()
    moved = QTextCursor(cursor)
    if chip := chip_at(document, position):
        position = chip.edge(toward, position)
    if anchor != cursor.position() and (chip := chip_at(document, anchor)):
        anchor = chip.start if anchor < position else chip.end
    elif anchor == cursor.position():
        anchor = position
    moved.setPosition(anchor)
    moved.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    return moved


class ChipCaret:
    """Keeps the caret of a notes editor out of its chips (see the module's docstring):
    the editor calls it around its key, mouse and paste handling."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        self._editor = editor

    def keep_out(self, toward: Toward) -> None:
        """The editor's caret (or selection) out of any chip, its position `toward`."""
        cursor = self._editor.textCursor()
        moved = out_of_chips(cursor, toward)
        if (moved.anchor(), moved.position()) != (cursor.anchor(), cursor.position()):
            self._editor.setTextCursor(moved)

    def before_typing(self) -> None:
        """Typed or pasted text goes beside a chip, never into its hidden target; a
        selection reaching into one takes it whole."""
        cursor = self._editor.textCursor()
        if not cursor.hasSelection():
            self.keep_out(Toward.NEAREST)
        else:
            self.keep_out(Toward.END if cursor.position() > cursor.anchor() else Toward.START)

    def deletes_chip(self, event: QKeyEvent) -> bool:
        """Backspace just after a chip (or Delete just before it) selects it, and the next
        press deletes it: its link back is hidden, so a press that took it at once would
        take some 40 unseen characters and the way back to the passage, unasked; selected,
        the user sees what goes, and it goes in one undoable step."""
        if event.key() not in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            return False
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            self.before_typing()  # a selection reaching into a chip: deleted whole
            return False
        backward, at = event.key() == Qt.Key.Key_Backspace, cursor.position()
        chip = next(
            (
                c
                for c in chips_by(cursor.document(), at)
                if (c.start < at <= c.end if backward else c.start <= at < c.end)
            ),
            None,
        )
        if chip is None:
            return self._deletes_word_to_chip(event, cursor)
        cursor.setPosition(chip.end if backward else chip.start)
        cursor.setPosition(chip.start if backward else chip.end, QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        return True

    def _deletes_word_to_chip(self, event: QKeyEvent, cursor: QTextCursor) -> bool:
        """Ctrl+Backspace (Ctrl+Delete) whose word ends inside a chip, as after "[↩ Q1](#h-…) "
        a space: Qt took the hidden ")" with the space, and the link broke. What is between
        goes; the chip stays, for the next press to select."""
        backward = event.matches(QKeySequence.StandardKey.DeleteStartOfWord)
        if not backward and not event.matches(QKeySequence.StandardKey.DeleteEndOfWord):
            return False
        word = QTextCursor(cursor)
        word.movePosition(
            QTextCursor.MoveOperation.PreviousWord
            if backward
            else QTextCursor.MoveOperation.NextWord,
            QTextCursor.MoveMode.KeepAnchor,
        )
        chip = chip_at(cursor.document(), word.position())
        if chip is None:
            return False
        cursor.setPosition(chip.end if backward else chip.start, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._editor.setTextCursor(cursor)
        return True

    def after_key(self, event: QKeyEvent, before: int) -> None:
        """A key moved the caret into a chip: on past it, the way the caret went (up or
        down a line: to the nearer edge)."""
        after = self._editor.textCursor().position()
        if event.key() in _VERTICAL or after == before:
            self.keep_out(Toward.NEAREST)
        else:
            self.keep_out(Toward.END if after > before else Toward.START)
