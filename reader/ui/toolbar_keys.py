"""A tool bar the keyboard reaches, as tool bars are in most desktops: one Tab stop (the
window's Tab order keeps one per bar, reader/ui/window/tab_order.py), the arrow keys, Home
and End along its buttons, Space or Enter presses one. Qt's tool bars are no stop at all:
the notes' formatting bar and its Preview button could not be reached by Tab.

Its buttons take the focus from the keyboard only: a click leaves it where typing goes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolBar, QToolButton

STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}
ENDS = {Qt.Key.Key_Home: 0, Qt.Key.Key_End: -1}
PRESS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ToolbarKeys(QObject):
    def __init__(self, bar: QToolBar) -> None:
        super().__init__(bar)
        self.bar = bar

    def watch(self) -> None:
        """Its buttons as they are now (call again once actions are added)."""
        for button in self.buttons(shown_only=False):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.removeEventFilter(self)
            button.installEventFilter(self)

    def buttons(self, shown_only: bool = True) -> list[QToolButton]:
        """The bar's buttons in their order, those shown and enabled (or all)."""
        found = [
            button
            for action in self.bar.actions()
            if isinstance(button := self.bar.widgetForAction(action), QToolButton)
        ]
        if shown_only:
            found = [b for b in found if b.isVisible() and b.isEnabled()]
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QToolButton):
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key in PRESS:
            watched.click()
            return True
        buttons = self.buttons()
        if watched not in buttons or (key not in STEPS and key not in ENDS):
            return False
        if key in STEPS:
            target = buttons[(buttons.index(watched) + STEPS[key]) % len(buttons)]
        else:
            target = buttons[ENDS[key]]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return True
