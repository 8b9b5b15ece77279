"""The words of a text document as typed, to save: the research notes, the study memo, a
highlight's note, a code's memo."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from reader.core.offsets import Utf16Index

# Qt's paragraph and line separators and its frame marks, each a line end in plain text.
_LINE_ENDS = ("\u2029", "\u2028", "\ufdd0", "\ufdd1")


def typed_text(document: QTextDocument) -> str:
    """`document.toPlainText()`, but a no-break space stays one: toPlainText makes it a
    space, and French typography ("Prix : 10 €") was saved changed. One replace a mark,
    in C: str.translate took 100 ms of 1 MB of notes, on the GUI thread at each autosave."""
    text = document.toRawText()
    for mark in _LINE_ENDS:
        if mark in text:
            text = text.replace(mark, "\n")
    return text


# Said where a merge cleared a typing history (see retype).
UNDO_RESTARTS = " Undo there starts again from here, so as not to take their words back out."


def retype(document: QTextDocument, text: str) -> None:
    """`document` made to hold `text` by replacing only the lines that differ, so whoever
    types in it keeps their cursor and scroll (a merge of another program's change); one
    step of the editor's own undo, none when nothing differs. (A merge then clears that
    history: undone, the other program's change was taken back out, and saved so.)"""
    from reader.core.text_merge import changed_parts  # with difflib and merge3: not at start-up

    typed = typed_text(document)
    if typed == text:
        return
    index = Utf16Index(typed)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for start, end, middle in reversed(changed_parts(typed, text)):  # the places before stand
        cursor.setPosition(index.to_utf16(start))
        cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(middle)
    cursor.endEditBlock()
