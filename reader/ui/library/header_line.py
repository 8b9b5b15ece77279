"""The line above the reader in a study: the interview's title, participant, date and
attribute values, so what is being read is always in sight.

One line, never wider than the reader's column: a long title with a few attributes once
made the window wider than the screen. What does not fit is left off from the end, the
attributes first (an ellipsis says so), then the title is shortened; the whole line is
in the tooltip and the accessible description.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from reader.ui.library.open_study import OpenStudy
from reader.ui.window.spoken import announce

SEPARATOR = " · "
MINIMUM_CHARS = 8  # the width the line asks for at least, in average characters
SLACK = 2  # pixels: rich text is laid out in fractions of one, measured here in whole ones


def fit_line(parts: list[str], room: int, bold: QFontMetrics, plain: QFontMetrics) -> str:
    """`parts` (the title first, bold) as rich text in `room` pixels: whole parts from the
    start, then "…" for the ones left off; short of room for that, a title shortened."""
    from html import escape  # with a study only, not at every start-up

    title, rest = parts[0], parts[1:]
    title_width = bold.horizontalAdvance(title)
    afters = []  # what may follow the title, the longest first
    for kept in range(len(rest), -1, -1):
        tail = rest[:kept] + (["…"] if kept < len(rest) else [])
        afters.append("".join(SEPARATOR + part for part in tail))
    afters += [" …", ""] if rest else []
    for after in afters:
        if title_width + plain.horizontalAdvance(after) <= room:
            return f"<b>{escape(title)}</b>{escape(after)}"
    return f"<b>{escape(bold.elidedText(title, Qt.TextElideMode.ElideRight, room))}</b>"


class HeaderLine(QLabel):
    def __init__(self, owner: OpenStudy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interview-header")
        self.owner = owner
        self.interview_id = ""
        self.parts: list[str] = []  # plain text, the title first
        self.setTextFormat(Qt.TextFormat.RichText)
        # One line, fitted to the width (see `_fit`): unfitted, the line's width was the
        # least the reader's column could have, and pushed the window past a 1024 px screen.
        self.setWordWrap(False)
        self.setContentsMargins(12, 5, 12, 5)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        owner.changed.connect(self.refresh)
        owner.closed.connect(lambda: self.show_interview(""))
        self.hide()

    def show_interview(self, interview_id: str) -> None:
        """The line of `interview_id`, said to a screen reader when it is another: the
        keyboard stays in the reader (Ctrl+PgDn), which says nothing of what opened. Not
        at start-up, the window not shown yet: its title says the interview as it shows."""
        another = interview_id != self.interview_id
        self.interview_id = interview_id
        self.refresh()
        if another and self.parts and self.window().isVisible():
            announce(self, self.full_text())

    def full_text(self) -> str:
        return SEPARATOR.join(self.parts)

    def refresh(self) -> None:
        study = self.owner.study
        entry = None
        if study is not None and self.interview_id:
            entry = next((e for e in study.interviews if e.id == self.interview_id), None)
        if study is None or entry is None:
            self.parts = []
            self.hide()
            return
        parts = [entry.title]
        parts += [v for v in (entry.participant, entry.date) if v]
        for definition in study.data.attributes:
            if definition.key in entry.attributes:
                parts.append(f"{definition.label}: {entry.attributes[definition.key]}")
        self.parts = [" ".join(part.split()) for part in parts]  # one line, whatever they hold
        full = self.full_text()
        self.setToolTip(f"{full}\n{study.data.title}: {entry.path}")
        self.setAccessibleName(full)
        self.setAccessibleDescription(full)
        self._fit()
        self.show()

    def _fit(self) -> None:
        if not self.parts:
            return
        bold = QFont(self.font())
        bold.setBold(True)
        room = self.contentsRect().width() - SLACK
        self.setText(fit_line(self.parts, room, QFontMetrics(bold), self.fontMetrics()))

    # One line, the width it is given ------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        """A few characters: the line takes the width it is given (its policy ignores its
        size hint), and never widens the window."""
        margins = self.contentsMargins()
        width = self.fontMetrics().averageCharWidth() * MINIMUM_CHARS
        return QSize(width + margins.left() + margins.right(), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
