"""The words of a text document as typed, to save: the research notes, the study memo, a
highlight's note, a code's memo."""

from __future__ import annotations

import weakref

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit
from shiboken6 import isValid

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


# The editor typing in each document (`typed_in`), whose caret a merge keeps at its words.
_EDITORS: weakref.WeakKeyDictionary[QTextDocument, weakref.ref[QPlainTextEdit]] = (
    weakref.WeakKeyDictionary()
)


def typed_in(document: QTextDocument, editor: QPlainTextEdit) -> None:
    """`editor` shows `document` for typing: `retype` keeps its caret with its words."""
    _EDITORS[document] = weakref.ref(editor)


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
    editor = _EDITORS[document]() if document in _EDITORS else None
    caret = None  # where its caret was, as numbers: a QTextCursor moves with the edits
    if editor is not None and isValid(editor):
        caret = (editor.textCursor().anchor(), editor.textCursor().position())
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for start, end, middle in reversed(changed_parts(typed, text)):  # the places before stand
        cursor.setPosition(index.to_utf16(start))
        cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(middle)
    cursor.endEditBlock()
    if caret is not None and editor is not None and editor.document() == document:
        _keep_caret(editor, caret, index, typed, text)


def _keep_caret(
    editor: QPlainTextEdit, caret: tuple[int, int], index: Utf16Index, typed: str, text: str
) -> None:
    """The editor's caret (and its selection's anchor) at the words it was at in `typed`,
    where the lines it was in are in `text` (text_merge.kept_place): Qt moves a caret on
    past any text put in at its place."""
    from reader.core.text_merge import kept_place

    now = Utf16Index(text)
    anchor, position = (kept_place(typed, text, index.to_code_point(p)) for p in caret)
    if anchor is None or position is None:
        return  # its line changed: where Qt put it
    anchor, position = now.to_utf16(anchor), now.to_utf16(position)
    moved = editor.textCursor()
    if (moved.anchor(), moved.position()) == (anchor, position):
        return
    moved.setPosition(anchor)
    moved.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    scrolled = editor.verticalScrollBar().value()  # the caret put back, the view stays
    editor.setTextCursor(moved)
    editor.verticalScrollBar().setValue(scrolled)
