"""A one-line message above the panes, with buttons for what the user can do about it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet(
            "#banner { background: #fff4ce; border-bottom: 1px solid #e0c97a; }"
            "#banner QLabel { color: #3d3000; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 8, 6)
        self._layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        self.setVisible(False)

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
            button = QPushButton(label)
            button.clicked.connect(callback)
            self._layout.addWidget(button)
            self.buttons.append(button)
        close = QPushButton("Dismiss")
        close.setFlat(True)
        close.clicked.connect(lambda: self.setVisible(False))
        self._layout.addWidget(close)
        self.buttons.append(close)
        self.label.setText(text)
        self.setVisible(bool(text))
