"""The window's status line, whose passing messages stop clear of its word count.

Qt's own clipped a long message where it met the widgets on the right: at 1024 px a key's
reason ("Import Annotations: These notes are read-only here: … keeps them in a file you
can change.") ran its last word into "0 words". This one cuts it after a whole word with
"…", a gap before them, and keeps the whole message in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget

from reader.ui.elided_label import cut_after_a_word

LEFT = 6  # where Qt's own status bar starts its message
GAP = 12  # between the message and the first widget on the right


class StatusLine(QStatusBar):
    def paintEvent(self, event: QPaintEvent) -> None:
        message = self.currentMessage()
        if not message:
            self.setToolTip("")
            super().paintEvent(event)
            return
        shown = cut_after_a_word(message, self.fontMetrics(), self._room())
        self.setToolTip(message if shown != message else "")
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        room = self.rect().adjusted(LEFT, 0, 0, 0)
        room.setWidth(self._room())
        flags = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(room, int(flags | Qt.TextFlag.TextSingleLine), shown)
        painter.end()

    def _room(self) -> int:
        """The width left of the widgets shown beside a message (the permanent ones)."""
        children = self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        shown = [child.x() for child in children if child.isVisible()]
        right = min([self.width(), *(x for x in shown if x > LEFT)])
        return max(0, right - GAP - LEFT)


def status_line(window: QMainWindow) -> StatusLine:
    """`window`'s status bar, made a StatusLine."""
    line = StatusLine()
    window.setStatusBar(line)
    return line
