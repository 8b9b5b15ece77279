"""The line above the reader in a study: the interview's title, participant, date and
attribute values, so what is being read is always in sight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from reader.ui.library.open_study import OpenStudy


class HeaderLine(QLabel):
    def __init__(self, owner: OpenStudy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interview-header")
        self.owner = owner
        self.interview_id = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        # A long title and many attributes wrap: unwrapped, the line's width was the least
        # the reader's column could have, and pushed the window past a 1024 px screen.
        self.setWordWrap(True)
        self.setContentsMargins(12, 5, 12, 5)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        owner.changed.connect(self.refresh)
        owner.closed.connect(lambda: self.show_interview(""))
        self.hide()

    def show_interview(self, interview_id: str) -> None:
        self.interview_id = interview_id
        self.refresh()

    def refresh(self) -> None:
        study = self.owner.study
        entry = None
        if study is not None and self.interview_id:
            entry = next((e for e in study.interviews if e.id == self.interview_id), None)
        if study is None or entry is None:
            self.hide()
            return
        from html import escape  # with a study only, not at every start-up

        parts = [f"<b>{escape(entry.title)}</b>"]
        parts += [escape(v) for v in (entry.participant, entry.date) if v]
        for definition in study.data.attributes:
            if definition.key in entry.attributes:
                value = entry.attributes[definition.key]
                parts.append(f"{escape(definition.label)}: {escape(str(value))}")
        self.setText(" · ".join(parts))
        self.setToolTip(f"{study.data.title}: {entry.path}")
        self.show()
