"""The notes side of the window: a formatting bar over the editor or its rendered preview."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget, QTextBrowser, QToolBar, QVBoxLayout, QWidget

from reader.ui.notes_editor import NotesEditor


class NotesPane(QWidget):
    linkActivated = Signal(str)  # from the preview, or Ctrl+click in the editor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notes-pane")
        self.editor = NotesEditor()
        self.preview = QTextBrowser()
        self.preview.setObjectName("notes-preview")
        self.preview.setOpenLinks(False)  # every link goes through linkActivated
        self.preview.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.preview.document().setDocumentMargin(16)
        self.preview.setFont(self.editor.font())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.preview)
        self.toolbar = QToolBar("Format")
        self.toolbar.setObjectName("notes-toolbar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack)
        self.editor.linkActivated.connect(self.linkActivated)
        self.preview.anchorClicked.connect(lambda url: self.linkActivated.emit(url.toString()))

    def set_actions(self, format_actions: list[QAction], preview: QAction) -> None:
        """Put the formatting actions on the bar; they act while the notes have focus."""
        for action in format_actions:
            if action.isSeparator():
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
                self.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(preview)

    def show_preview(self, on: bool) -> None:
        if on:
            self.preview.document().setMarkdown(self.editor.toPlainText())
            self.preview.document().setBaseUrl(QUrl("notes:"))
            self.stack.setCurrentWidget(self.preview)
            self.preview.setFocus()
        else:
            self.stack.setCurrentWidget(self.editor)
            self.editor.setFocus()

    def previewing(self) -> bool:
        return self.stack.currentWidget() is self.preview
