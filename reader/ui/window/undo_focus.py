"""Which undo history Edit ▸ Undo (Ctrl+Z) works on, decided in one place from where the
keyboard focus is: a text field with a typing history of its own (the research notes, a
filter, the codebook's memo) has it while the field has the focus, as Ctrl+Z typed there
is the field's own; a panel that claims a history has it while the focus is in that panel
(the library the study's; the codebook the study's, or the interview's when no study is
open; the Speakers dialog, a window apart, the interview's, whose steps it makes);
everywhere else the open interview's, or none while its notes are read-only. The notes'
preview stands in for the notes: Undo there undoes their typing (`stand_in`).

The open interview asks here (`OpenInterview.follow_undo`) whenever its history changes:
an interview opened or switched to, write access lost or regained; the focus moving asks
too. Before, three handlers each set the active history, and which one won depended on
the order they had been connected in; and Edit ▸ Undo undid a highlight while the notes
had the focus, though Ctrl+Z there undid the typing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from reader.ui.interview.open_interview import OpenInterview
from reader.ui.window.available import set_available

Panel = Callable[[], QWidget | None]  # None: not made yet, so it cannot hold the focus
History = Callable[[], QUndoStack | None]
TextField = QLineEdit | QPlainTextEdit | QTextEdit

NOTHING_TO_UNDO = "Nothing to undo here."
NOTHING_TO_REDO = "Nothing to redo here."


class UndoFocus(QObject):
    def __init__(
        self, window: QWidget, interview: OpenInterview, undo: QAction, redo: QAction
    ) -> None:
        super().__init__(window)
        self._window, self._interview = window, interview
        self._undo, self._redo = undo, redo
        self._claims: list[tuple[Panel, History]] = []
        self._stand_ins: list[tuple[QWidget, TextField]] = []
        self._focus: QWidget | None = None  # the last widget of the window with the focus
        interview.choose_undo_stack = self.stack_for_focus
        QApplication.instance().focusChanged.connect(self._focus_changed)
        undo.triggered.connect(lambda: self._step(back=True))
        redo.triggered.connect(lambda: self._step(back=False))
        group = interview.undo_group
        changes = [group.activeStackChanged, group.canUndoChanged, group.canRedoChanged]
        changes += [group.undoTextChanged, group.redoTextChanged, interview.readOnlyChanged]
        for signal in changes:
            signal.connect(self._show)
        self._show()

    def claim(self, panel: Panel, history: History) -> None:
        """While the focus is in `panel()` (of the window, or a dialog of its own),
        Undo works on `history()`."""
        self._claims.append((panel, history))

    def stand_in(self, viewer: QWidget, field: TextField) -> None:
        """While `viewer` has the focus (the notes' preview, read-only), Undo works on the
        typing of `field`, whose text it shows: not on a highlight, out of sight."""
        self._stand_ins.append((viewer, field))

    def _typed_in(self, widget: QWidget) -> QWidget:
        """The field whose typing `widget` stands for: itself but for a viewer."""
        return next((field for viewer, field in self._stand_ins if viewer is widget), widget)

    def stack_for_focus(self) -> QUndoStack | None:
        history = self._claim_of(QApplication.focusWidget())
        return history() if history is not None else self._interview.writable_undo_stack()

    def _claim_of(self, focus: QWidget | None) -> History | None:
        for panel, history in self._claims:
            widget = panel()
            if focus is not None and widget is not None and widget.isAncestorOf(focus):
                return history
        return None

    def text_field(self) -> TextField | None:
        """The field whose own typing history Undo works on now, if the focus is in one."""
        if self._focus is None or not isValid(self._focus):
            return None
        focus = self._typed_in(self._focus)
        return focus if isinstance(focus, TextField) and not focus.isReadOnly() else None

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Focus leaving the window (a dialog, another app) keeps the history it had, and
        # so does the menu bar taking it (Alt+E): Edit ▸ Undo is for the pane left; a
        # dialog that claims a history takes it.
        if new is None or isinstance(new, QMenuBar | QMenu):
            return
        if self._window.isAncestorOf(new) or self._claim_of(new) is not None:
            self._watch(new)
            self._interview.follow_undo()
            self._show()

    def _watch(self, widget: QWidget) -> None:
        """Undo and Redo go on and off with the typing history of the widget focused."""
        if self._focus is not None and isValid(self._focus):
            for signal in _typing_signals(self._typed_in(self._focus)):
                signal.disconnect(self._show)
        self._focus = widget
        for signal in _typing_signals(self._typed_in(widget)):
            signal.connect(self._show)

    def _step(self, back: bool) -> None:
        field, group = self.text_field(), self._interview.undo_group
        if field is not None:
            field.undo() if back else field.redo()
        else:
            group.undo() if back else group.redo()

    def _show(self, *_changed: object) -> None:
        """Named by what they would undo ("Undo Typing", "Undo Add Highlight"); off, their
        tips say why, as the other actions' do."""
        field, group, interview = self.text_field(), self._interview.undo_group, self._interview
        if field is not None:
            can_undo, can_redo = _typing_to(field, back=True), _typing_to(field, back=False)
            undo_text, redo_text = ("Typing" if can else "" for can in (can_undo, can_redo))
            why = ""
        else:
            can_undo, can_redo = group.canUndo(), group.canRedo()
            undo_text, redo_text = group.undoText(), group.redoText()
            unsaved = interview.session is not None and interview.read_only
            why = interview.why_read_only() if group.activeStack() is None and unsaved else ""
        for action, verb, can, what, nothing in (
            (self._undo, "&Undo", can_undo, undo_text, NOTHING_TO_UNDO),
            (self._redo, "&Redo", can_redo, redo_text, NOTHING_TO_REDO),
        ):
            action.setText(f"{verb} {what}" if what else verb)
            set_available(action, "" if can else why or nothing)


def _typing_signals(widget: QWidget) -> list[SignalInstance]:
    if isinstance(widget, QLineEdit):
        return [widget.textChanged]
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return [widget.undoAvailable, widget.redoAvailable]
    return []


def _typing_to(field: TextField, back: bool) -> bool:
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable() if back else field.isRedoAvailable()
    document = field.document()
    return document.isUndoAvailable() if back else document.isRedoAvailable()
