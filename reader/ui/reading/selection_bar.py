"""The small bar that appears beside a fresh selection: colours, Note, Code, Copy quote."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from reader.core.annotations import COLOR_IDS
from reader.ui.theme import swatch_icon

QUOTE = ("Quote in Notes", "Quote")  # the label, and its short form for a narrow reader
COPY = ("Copy quote", "Copy")


class SelectionBar(QFrame):
    """A child of the reader's viewport, so it scrolls away with nothing to clean up."""

    colorChosen = Signal(str)
    noteChosen = Signal()
    tagChosen = Signal()
    copyChosen = Signal()
    quoteChosen = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selection-bar")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the reader keeps the keyboard
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#selection-bar { background: palette(window); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
            "#selection-bar QToolButton { border: none; padding: 3px 6px; }"
            "#selection-bar QToolButton:hover { background: palette(midlight);"
            " border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(1)
        self.swatches: dict[str, QToolButton] = {}
        for color_id in COLOR_IDS:
            button = self._button("", lambda _=False, c=color_id: self.colorChosen.emit(c))
            button.setIcon(swatch_icon(color_id, 14))
            self.swatches[color_id] = button
        self.note_button = self._button("Note", self.noteChosen.emit)
        self.tag_button = self._button("Code", self.tagChosen.emit)
        self.quote_button = self._button(QUOTE[0], self.quoteChosen.emit)
        self.copy_button = self._button(COPY[0], self.copyChosen.emit)
        self.hide()

    def _button(self, text: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        self.layout().addWidget(button)
        return button

    def set_labels(self, labels: dict[str, str]) -> None:
        for number, color_id in enumerate(COLOR_IDS, start=1):
            label = labels.get(color_id, color_id)
            self.swatches[color_id].setToolTip(f"{label}  ({number})")
            self.swatches[color_id].setAccessibleName(f"Highlight as {label}")
        self.note_button.setToolTip("Highlight and write a note  (N)")
        self.tag_button.setToolTip("Code the passage: choose or create codes  (C)")
        self.quote_button.setToolTip("Quote the passage in your notes, with a link back  (Q)")
        self.copy_button.setToolTip("Copy the passage as a quotation  (Ctrl+Shift+C)")

    def show_near(self, selection: QRect, anchor_x: int, column: tuple[int, int]) -> bool:
        """Beside the selection (its lines' bounding rectangle in the viewport), never over
        it: above its first line, else below its last, else, the selection filling the
        view, at the foot of the margin beside the text `column` (its left and right x)
        where one has room. `anchor_x` (where the selection ends) centres it. False when
        it found no room (a narrow window): it stays hidden, the selection uncovered."""
        area = self.parentWidget().rect()
        self._fit(area.width() - 8)
        x = min(max(4, anchor_x - self.width() // 2), area.width() - self.width() - 4)
        gap = 6
        if selection.top() - self.height() - gap >= 0:
            y = selection.top() - self.height() - gap
        elif selection.bottom() + gap + self.height() <= area.height():
            y = selection.bottom() + gap
        else:
            y = area.height() - self.height() - 4
            left, right = column
            for start, room in ((right + gap, area.width() - right), (4, left)):
                self._fit(room - gap - 4)
                if self.width() <= room - gap - 4:
                    x = start
                    break
            else:
                self.hide()
                return False
        self.move(QPoint(max(0, x), y))  # its colours first, should it still not fit
        self.show()
        self.raise_()
        return True

    def _fit(self, room: int) -> None:
        """The long labels, or their short forms where the reader is too narrow for them
        (at 1024 pixels wide the bar ran past the reader's left edge, a colour cut off)."""
        for short in (0, 1):
            self.quote_button.setText(QUOTE[short])
            self.copy_button.setText(COPY[short])
            self.adjustSize()
            if self.width() <= room:
                return
