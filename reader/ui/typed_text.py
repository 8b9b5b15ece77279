"""The words of a text document as typed, to save: the research notes, the study memo, a
highlight's note, a code's memo."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

# Qt's paragraph and line separators and its frame marks, each a line end in plain text.
_LINE_ENDS = str.maketrans(dict.fromkeys("\u2029\u2028\ufdd0\ufdd1", "\n"))


def typed_text(document: QTextDocument) -> str:
    """`document.toPlainText()`, but a no-break space stays one: toPlainText makes it a
    space, and French typography ("Prix : 10 €") was saved changed."""
    return document.toRawText().translate(_LINE_ENDS)
