"""What a screen reader is told as it comes, wherever the keyboard is: the status bar's
passing messages ("Removed P03 from the study…"), a message shown above the panes
("Opened read-only: …") and the counts beside the fields that filter or find. Qt makes
each text a label's name, but a screen reader reads names where the keyboard is, and the
keyboard stays in the reader, the notes or the field; an announcement it reads out at
once: a message above the panes first (it is an alert, as a message box is), the others
after what it is reading."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QStatusTipEvent
from PySide6.QtWidgets import QLabel, QStatusBar

Politeness = QAccessible.AnnouncementPoliteness


def announce(source: QObject, text: str, urgent: bool = False) -> None:
    """Tell assistive tools `text`, from `source`; nothing for an empty text (a message
    taken back)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(Politeness.Assertive if urgent else Politeness.Polite)
    QAccessible.updateAccessibility(event)


class Spoken:
    """A label whose text is said to a screen reader as it changes, while it is in sight:
    a count beside a field the keyboard is in ("3 of 12", "1 of 15")."""

    def setText(self, text: str, *args: Any, **kwargs: Any) -> None:
        if text != self.text() and self.isVisible():  # type: ignore[attr-defined]
            announce(self, text)  # type: ignore[arg-type]
        super().setText(text, *args, **kwargs)  # type: ignore[misc]

    def set_quietly(self, text: str) -> None:
        """`text` shown, not said: a count not asked for (the Annotations' whole list's,
        changed by each highlight made and each interview opened)."""
        super().setText(text)  # type: ignore[misc]


class SpokenLabel(Spoken, QLabel):
    """A QLabel so spoken."""


def speak_status(bar: QStatusBar) -> None:
    """The status bar's passing messages announced as they are shown."""
    _StatusSpeaker(bar)


class _StatusSpeaker(QObject):
    """Says the status bar's messages, not the tips it shows of the menu item or button
    under the pointer or the keyboard: a screen reader reads those with the item, and
    going down a menu queued a tip at each item."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._bar, self._tip = bar, ""
        bar.window().installEventFilter(self)  # the tips come to the window, then the bar
        bar.messageChanged.connect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StatusTip:
            assert isinstance(event, QStatusTipEvent)
            self._tip = event.tip()
        return super().eventFilter(watched, event)

    def _changed(self, text: str) -> None:
        tip, self._tip = self._tip, ""
        if text != tip:
            announce(self._bar, text)
