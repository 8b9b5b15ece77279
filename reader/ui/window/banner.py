"""A one-line message above the panes, with buttons for what the user can do about it.

One line whatever the message: a wrapped label once covered nearly half the window. The
text is elided to the room left by the buttons; the whole message is its tooltip and its
accessible description.
"""

from __future__ import annotations

from collections.abc import Callable

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

    def _add_button(self, label: str, callback: Callable[[], None]) -> QPushButton:
        button = QPushButton(label)
        button.setAccessibleName(label)
        button.setAccessibleDescription(f"{label}: about the message above the panes")
        button.clicked.connect(callback)
        self._layout.addWidget(button)
        self.buttons.append(button)
        return button
