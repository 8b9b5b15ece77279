"""Which undo history Edit ▸ Undo (Ctrl+Z) works on, decided in one place from where the
keyboard focus is: a panel that claims a history has it while the focus is in that panel
(the library the study's; the codebook the study's, or the interview's when no study is
open); everywhere else the open interview's, or none while its notes are read-only.

The open interview asks here (`OpenInterview.follow_undo`) whenever its history changes:
an interview opened or switched to, write access lost or regained; the focus moving asks
too. Before, three handlers each set the active history, and which one won depended on
the order they had been connected in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget

from reader.ui.interview.open_interview import OpenInterview

Panel = Callable[[], QWidget | None]  # None: not made yet, so it cannot hold the focus
History = Callable[[], QUndoStack | None]


class UndoFocus(QObject):
    def __init__(self, window: QWidget, interview: OpenInterview) -> None:
        super().__init__(window)
        self._window, self._interview = window, interview
        self._claims: list[tuple[Panel, History]] = []
        interview.choose_undo_stack = self.stack_for_focus
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def claim(self, panel: Panel, history: History) -> None:
        """While the focus is in `panel()`, Undo works on `history()`."""
        self._claims.append((panel, history))

    def stack_for_focus(self) -> QUndoStack | None:
        focus = QApplication.focusWidget()
        for panel, history in self._claims:
            widget = panel()
            if focus is not None and widget is not None and widget.isAncestorOf(focus):
                return history()
        return self._interview.writable_undo_stack()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Focus leaving the window (a dialog, another app) keeps the history it had, and
        # so does the menu bar taking it (Alt+E): Edit ▸ Undo is for the pane left.
        if new is None or isinstance(new, QMenuBar | QMenu):
            return
        if self._window.isAncestorOf(new):
            self._interview.follow_undo()
