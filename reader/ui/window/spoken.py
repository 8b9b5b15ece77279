"""What a screen reader is told as it comes, wherever the keyboard is: the status bar's
passing messages ("Removed P03 from the study…") and a message shown above the panes
("Opened read-only: …"). Qt makes each text a label's name, but a screen reader reads
names where the keyboard is, and the keyboard stays in the reader or the notes; an
announcement it reads out at once: a message above the panes first (it is an alert, as a
message box is), a passing one after what it is reading."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QStatusBar

Politeness = QAccessible.AnnouncementPoliteness


def announce(source: QObject, text: str, urgent: bool = False) -> None:
    """Tell assistive tools `text`, from `source`; nothing for an empty text (a message
    taken back)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(Politeness.Assertive if urgent else Politeness.Polite)
    QAccessible.updateAccessibility(event)


def speak_status(bar: QStatusBar) -> None:
    """The status bar's passing messages announced as they are shown."""
    bar.messageChanged.connect(lambda text: announce(bar, text))
