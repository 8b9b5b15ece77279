"""A one-line message above the panes, with buttons for what the user can do about it.

One line whatever the message: a wrapped label once covered nearly half the window. The
text is elided to the room left by the buttons; the whole message is its tooltip and its
accessible description. A message with nothing to decide (no button but Dismiss) is
dismissed by Escape too, where Escape has nothing else to do (no selection to clear, no bar
to close): the key reaches the window, which this banner watches.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from reader.ui.elided_label import ElidedLabel


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName("Message")
        self.label = ElidedLabel()
        self.label.setObjectName("banner-text")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 3, 6, 3)
        self._layout.setSpacing(6)
        self._layout.addWidget(self.label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.buttons: list[QPushButton] = []
        self.set_colors("#fff4ce", "#e0c97a", "#3d3000")
        self.setVisible(False)
        self._watched: QWidget | None = None  # the window whose Escape dismisses

    def set_colors(self, background: str, border: str, text: str) -> None:
        """The banner's colours (the theme gives a set per palette)."""
        self.setStyleSheet(
            f"#banner {{ background: {background}; border-bottom: 1px solid {border}; }}"
            f"#banner QLabel {{ color: {text}; }}"
            "#banner QPushButton { padding: 2px 10px; }"
        )

    def text(self) -> str:
        return self.label.text()

    def show_message(
        self, text: str, actions: list[tuple[str, Callable[[], None]]] | None = None
    ) -> None:
        """Show `text` with a button per (label, callback); an empty text hides the banner."""
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for label, callback in actions or []:
            self._add_button(label, callback)
        close = self._add_button("Dismiss", lambda: self.setVisible(False))
        close.setFlat(True)
        close.setAccessibleDescription("Hide this message")
        self.label.setText(text)  # and its tooltip
        self.label.setAccessibleName(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._watched is not self.window():
            self._watched = self.window()
            self._watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._watched
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.isVisible()
            and len(self.buttons) == 1  # Dismiss alone: nothing to decide
        ):
            self.setVisible(False)
            return True
        return super().eventFilter(watched, event)

    def _add_button(self, label: str, callback: Callable[[], None]) -> QPushButton:
        button = QPushButton(label)
        button.setAccessibleName(label)
        button.setAccessibleDescription(f"{label}: about the message above the panes")
        button.clicked.connect(callback)
        self._layout.addWidget(button)
        self.buttons.append(button)
        return button
