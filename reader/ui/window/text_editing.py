"""Edit ▸ Cut, Copy, Paste and Select All, on the text field with the keyboard: the reader
(copy and select only: it is read-only), the notes and the memo, a filter or find field.
Their keys are the fields' own; the menu shows them, for the mouse and for those who look
there first, and is greyed where they would do nothing (a list, nothing selected), its
tip saying why, as every greyed item's does."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

from reader.ui.window.available import set_available

TextField = QTextEdit | QPlainTextEdit | QLineEdit
NO_FIELD = "Put the caret in your notes, the interview or a text field first"
NO_SELECTION = "Select some text first"
NOTHING_TO_PASTE = "The clipboard holds no text"
INTERVIEW_KEPT = "The interview's words are never changed: Copy them, or Q quotes them in notes"
READ_ONLY = "This text cannot be changed here: Copy takes it"


def focused_field() -> TextField | None:
    """The text field with the keyboard (a menu open over it leaves it so), if any."""
    widget: QWidget | None = QApplication.focusWidget()
    return widget if isinstance(widget, QTextEdit | QPlainTextEdit | QLineEdit) else None


def _selects(field: TextField) -> bool:
    if isinstance(field, QLineEdit):
        return field.hasSelectedText()
    return field.textCursor().hasSelection()


def _pastes(field: TextField) -> bool:
    if isinstance(field, QLineEdit):
        return bool(QApplication.clipboard().text())
    return field.canPaste()


def show_states(cut: QAction, copy: QAction, paste: QAction, select_all: QAction) -> None:
    """Each on where it would act, else its tip says why, as the Edit menu opens."""
    field = focused_field()
    if field is None:
        for action in (cut, copy, paste, select_all):
            set_available(action, NO_FIELD)
        return
    unselected = "" if _selects(field) else NO_SELECTION
    kept = ""
    if field.isReadOnly():  # the reading pane known by its name: this module knows fields
        kept = INTERVIEW_KEPT if field.objectName() == "reader" else READ_ONLY
    set_available(cut, kept or unselected)
    set_available(copy, unselected)
    set_available(paste, kept or ("" if _pastes(field) else NOTHING_TO_PASTE))
    set_available(select_all, "")


def connect_text_editing(menu: QMenu, *four: QAction) -> None:
    """Cut, Copy, Paste and Select All (`four`) on `menu` (Edit), acting on the field the
    menu was opened over."""
    menu.aboutToShow.connect(lambda: show_states(*four))
    for action, act in zip(four, ("cut", "copy", "paste", "selectAll"), strict=True):
        action.triggered.connect(lambda _=False, act=act: _on_field(act))


def _on_field(act: str) -> None:
    field = focused_field()
    if field is not None:
        getattr(field, act)()
