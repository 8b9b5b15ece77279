"""A one-line message above the panes, with buttons for what the user can do about it.

One line whatever the message: a wrapped label once covered nearly half the window. The
text is elided to the room left by the buttons; the whole message is its tooltip and its
accessible description, and More… shows it in a box where it is cut. A message with
nothing to decide (no button but Dismiss) is dismissed by Escape too, where Escape has
nothing else to do (no selection to clear, no bar to close): the key reaches the window,
which this banner watches. A button pressed from the keyboard that takes its message away
leaves the focus on the next message's Dismiss, to dismiss it in turn (Qt gave it to the
reader, Tab then going back each time); on the reader when none is left.

A message added (`add_message`, as a study's notice after its first interview's own) waits
behind the one shown, which keeps its buttons, and "1 of 2" beside the text says so;
dismissing the one shown shows the next. Any other message replaces them all, as before,
except what a message's own button says, which replaces that message only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from reader.ui.elided_label import ElidedLabel
from reader.ui.window.spoken import announce

Actions = list[tuple[str, Callable[[], None]]]


class Banner(QFrame):
    dismissed = Signal(str)  # the text of the message Dismiss (or Escape) took away

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
        # Where the message is cut: the whole of it in a box (its tooltip needs a mouse).
        self.more = QPushButton("More…", flat=True, accessibleName="More")
        self.more.setToolTip("Show the whole message")
        self.more.setAccessibleDescription(self.more.toolTip())
        self.more.clicked.connect(self._show_whole)
        self.more.hide()
        self._layout.addWidget(self.more)
        self.count = QLabel(accessibleName="Messages")  # "1 of 2" while others wait
        self.count.hide()
        self._layout.addWidget(self.count)
        self._waiting: list[tuple[str, Actions]] = []
        self._actions: Actions = []  # the buttons' of the message shown
        self._acting = False  # a button of the message shown is acting on it
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.buttons: list[QPushButton] = []
        self.set_colors("#fff4ce", "#e0c97a", "#3d3000")
        self.setVisible(False)
        self._watched: QWidget | None = None  # the window whose Escape dismisses
        self.label.installEventFilter(self)  # resized: the message may fit, or not

    def set_colors(self, background: str, border: str, text: str) -> None:
        """The banner's colours (the theme gives a set per palette)."""
        self.setStyleSheet(
            f"#banner {{ background: {background}; border-bottom: 1px solid {border}; }}"
            f"#banner QLabel {{ color: {text}; }}"
            "#banner QPushButton { padding: 2px 10px; }"
        )

    def text(self) -> str:
        return self.label.text()

    def show_message(self, text: str, actions: Actions | None = None) -> None:
        """Show `text` with a button per (label, callback); an empty text hides the banner.
        It replaces the messages waiting too, unless a button of the one shown said it."""
        if not self._acting:
            self._waiting.clear()
        self._show(text, actions or [])

    def add_message(self, text: str, actions: Actions | None = None) -> None:
        """`text` waits behind the message shown until that one is dismissed; with none
        shown, it is shown at once."""
        if self.isHidden():
            self.show_message(text, actions)
        elif text:
            self._waiting.append((text, actions or []))
            self._show_count()

    def amend(self, old: str, new: str) -> None:
        """Words said before and no longer true, `old`, replaced by `new` in the message
        shown or those waiting; `new` waits behind the others where none holds `old`."""
        shown = self.label.text() if self.isVisible() else ""
        if not old or not any(old in text for text, _ in [(shown, []), *self._waiting]):
            if new:
                self.add_message(new)
            return
        self._waiting = [(text.replace(old, new), actions) for text, actions in self._waiting]
        if old in shown:
            self._show(shown.replace(old, new), self._actions)

    def _show(self, text: str, actions: Actions) -> None:
        if not text and self._waiting:  # this one is done: the next
            text, actions = self._waiting.pop(0)
        self._actions = actions
        gone, self.buttons = self.buttons, []
        for label, callback in actions:
            self._add_button(label, callback)
        close = self._add_button("Dismiss", lambda: self._dismiss(text))
        close.setFlat(True)
        close.setToolTip("Hide this message" + (" and show the next" if self._waiting else ""))
        close.setAccessibleDescription(close.toolTip())
        # Shown again as it stands (a new file in the study folder offers the same ones
        # again): said once, not at each, the screen reader cut off each time.
        again = not self.isHidden() and text == self.label.text()
        self.label.setText(text)  # and its tooltip
        self.label.setAccessibleName(text)
        self.setAccessibleDescription(text)
        self._show_count()
        self.setVisible(bool(text))
        if not again:
            announce(self, text, urgent=True)
        self._fit_more()
        if text and any(button.hasFocus() for button in gone):
            close.show()  # at once: the layout shows it later
            close.setFocus(Qt.FocusReason.OtherFocusReason)
        for button in gone:  # out of sight now: deleted only once a dialog closes
            button.hide()
            button.deleteLater()

    def _fit_more(self) -> None:
        """More… while the message is cut: the label's room counted with More…'s."""
        room = self.label.width()
        if self.more.isVisible():
            room += self.more.width() + self._layout.spacing()
        self.more.setVisible(self.label.sizeHint().width() > room)

    def _show_whole(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self.window(), "Message", self.label.text())

    def _dismiss(self, text: str) -> None:
        self._show("", [])
        self.dismissed.emit(text)

    def _show_count(self) -> None:
        self.count.setText(f"1 of {1 + len(self._waiting)}")
        self.count.setVisible(bool(self._waiting))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._watched is not self.window():
            self._watched = self.window()
            self._watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.Resize:
            self._fit_more()
        if (
            watched is self._watched
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.isVisible()
            and len(self.buttons) == 1  # Dismiss alone: nothing to decide
        ):
            self.buttons[0].click()
            return True
        return super().eventFilter(watched, event)

    def _add_button(self, label: str, callback: Callable[[], None]) -> QPushButton:
        button = QPushButton(label)
        button.setAccessibleName(label)
        button.setAccessibleDescription(f"{label}: about the message above the panes")
        button.clicked.connect(lambda: self._act(callback))
        self._layout.addWidget(button)
        self.buttons.append(button)
        return button

    def _act(self, callback: Callable[[], None]) -> None:
        """A button of the message shown: what it says replaces that message only."""
        self._acting = True
        try:
            callback()
        finally:
            self._acting = False
