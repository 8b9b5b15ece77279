"""Undo steps of typing in the notes, a word or a burst each, as in a word processor.

Qt's document merges every character typed next to the one before into one undo step, so
a paragraph typed over minutes went with one Ctrl+Z (and the next autosave wrote the
loss). A key that starts a word, or comes after a pause, is typed inside an edit block of
its own: Qt merges what is typed after it into that block, and merges nothing into an
ended block from another one, so each word (with the spaces after it) is one step.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QPlainTextEdit

PAUSE_S = 1.0  # typing after this long idle starts a new step, even in the middle of a word


class TypingSteps:
    """Where the undo steps of an editor's typing begin (see the module's docstring)."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        self._editor = editor
        self._typed_at = float("-inf")
        self._steps = -1  # the document's undo steps after the last key typed
        # The step begun holds spaces alone so far (typed after a paste or a quote): the
        # word typed next joins it, not a step of its own after a step of a space.
        self._blank = False

    @contextmanager
    def typing(self, text: str) -> Iterator[None]:
        """Around the handling of a key (or input method text) that types `text`."""
        if not text or not text.isprintable():
            yield
            return
        cursor = self._editor.textCursor()
        starts = self._starts_step(text, cursor.position())
        self._blank = text.isspace() and (starts or self._blank)
        if starts:
            cursor.beginEditBlock()
        try:
            yield
        finally:
            if starts:
                cursor.endEditBlock()
            self._typed_at = time.monotonic()
            self._steps = self._editor.document().availableUndoSteps()

    def _starts_step(self, text: str, caret: int) -> bool:
        document = self._editor.document()
        if time.monotonic() - self._typed_at >= PAUSE_S:
            return True
        # Anything else changed the notes since (an undo, a quote, a format): not joined.
        if document.availableUndoSteps() != self._steps:
            return True
        # A line's start counts as a space: the paragraph separator before it is one.
        before = document.characterAt(caret - 1) if caret else " "
        return not text[0].isspace() and before.isspace() and not self._blank
