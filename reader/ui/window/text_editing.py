"""Edit ▸ Cut, Copy, Paste and Select All, on the text field with the keyboard: the reader
(copy and select only: it is read-only), the notes and the memo, a filter or find field.
Their keys are the fields' own; the menu shows them, for the mouse and for those who look
there first, and is greyed where they would do nothing (a list, nothing selected)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

TextField = QTextEdit | QPlainTextEdit | QLineEdit


def focused_field() -> TextField | None:
    """The text field with the keyboard (a menu open over it leaves it so), if any."""
    widget: QWidget | None = QApplication.focusWidget()
    return widget if isinstance(widget, QTextEdit | QPlainTextEdit | QLineEdit) else None


def _selects(field: TextField) -> bool:
    if isinstance(field, QLineEdit):
        return field.hasSelectedText()
    return field.textCursor().hasSelection()


def _pastes(field: TextField) -> bool:
    if field.isReadOnly():
        return False
    if isinstance(field, QLineEdit):
        return bool(QApplication.clipboard().text())
    return field.canPaste()


def show_states(cut: QAction, copy: QAction, paste: QAction, select_all: QAction) -> None:
    """Each on where it would act, as the Edit menu opens."""
    field = focused_field()
    selects = field is not None and _selects(field)
    cut.setEnabled(selects and field is not None and not field.isReadOnly())
    copy.setEnabled(selects)
    paste.setEnabled(field is not None and _pastes(field))
    select_all.setEnabled(field is not None)


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
