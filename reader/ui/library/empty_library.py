"""What the Library shows with no study open: what a study is, and buttons to make or open
one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget


def empty_library_page(new_study: Callable[[], None], open_study: Callable[[], None]) -> QWidget:
    """The buttons under the heading, so a short dock shows them, then what a study is. In
    a scroll area: in a short dock the wrapped text was squeezed under the buttons, cut in
    half; there it is laid out at its height for the dock's width, and scrolls when the
    dock is shorter."""
    page = QWidget()
    heading = QLabel("<b>No study open.</b>")
    text = QLabel(
        "A study is a folder of interviews: open one to see them all here, switch "
        "between them, give them attributes and search them together. Dropping a folder "
        "on the window opens it too."
    )
    text.setObjectName("library-empty-text")
    text.setWordWrap(True)
    # Open Study… first: a folder of transcripts opens as it is (the README's first steps).
    open_, new = QPushButton("Open Study…"), QPushButton("New Study…")
    new.clicked.connect(new_study)
    open_.clicked.connect(open_study)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(12, 12, 12, 12)
    for widget in (heading, open_, new):
        layout.addWidget(widget)
    layout.addSpacing(6)
    layout.addWidget(text)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setObjectName("library-empty")
    scroll.setWidget(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll
