"""Help ▸ User Guide: the README's part for users (reader/core/user_guide.py) in a window
of its own, beside the work, with its contents' links and a find field. Links to the
guide's sections go there (Alt+Left back); the docs' files and web pages open in the
system's programs."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QKeySequence,
    QShortcut,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.user_guide import GuideMissingError, heading_anchor, read_guide
from reader.resources import README
from reader.ui.dialogs import close_only
from reader.ui.edit_menus import letter_edit_menus

OBJECT_NAME = "user-guide"


def show_user_guide(parent: QWidget) -> QDialog:
    """The guide's window: the one open brought forward, asked again."""
    shown = parent.findChild(QDialog, OBJECT_NAME)
    if shown is None:
        shown = UserGuide(parent)
        shown.resize(min(760, parent.screen().availableGeometry().width() - 40), 640)
    shown.show()
    shown.raise_()
    shown.activateWindow()
    return shown


class UserGuide(QDialog):
    """The guide, read from the README as the app finds it (a message where it cannot)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle("Interview Reader User Guide")
        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText("Find in the guide (Enter: next, Shift+Enter: previous)")
        self.find_field.setAccessibleName("Find in the guide")
        self.find_field.setClearButtonEnabled(True)
        self.find_field.returnPressed.connect(lambda: self.find_next(backward=False))
        QShortcut(QKeySequence.StandardKey.Find, self, self._to_find_field)
        back = QShortcut(QKeySequence("Shift+Return"), self.find_field)
        back.activated.connect(lambda: self.find_next(backward=True))
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenLinks(False)  # sections here, files and pages outside
        self.browser.anchorClicked.connect(self.follow)
        letter_edit_menus(self.find_field, self.browser)
        QShortcut(QKeySequence.StandardKey.Back, self, self._back)
        # Where each section link was followed from: the caret and the scroll, for Alt+Left.
        self._places: list[tuple[QTextCursor, int]] = []
        self._headings: dict[str, int] = {}  # anchor -> where its heading starts
        self.not_found = QLabel("Not found", self)
        self.not_found.hide()
        finding = QHBoxLayout()
        finding.addWidget(self.find_field)
        finding.addWidget(self.not_found)
        layout = QVBoxLayout(self)
        layout.addLayout(finding)
        layout.addWidget(self.browser)
        layout.addWidget(close_only(self))  # Enter in the find field finds, it does not close
        self._load()
        self.browser.setFocus()

    def _load(self) -> None:
        try:
            self.browser.setMarkdown(read_guide(README))
        except GuideMissingError as exc:
            self.browser.setMarkdown(
                f"# The user guide is not here\n\nInterview Reader looks for it in its "
                f"README ({exc}). It is also on the project's page, as README.md."
            )
            return
        self._wrap_code()
        self._name_headings()

    def _wrap_code(self) -> None:
        """The command lines' code blocks wrap at the pane's width as the prose does:
        kept on one line, the longest (930 px) widened the whole guide, so every page of it
        scrolled sideways under a horizontal scroll bar, at any window width."""
        wrapping = QTextBlockFormat()
        wrapping.setNonBreakableLines(False)
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().nonBreakableLines():
                QTextCursor(block).mergeBlockFormat(wrapping)
            block = block.next()

    def _name_headings(self) -> None:
        """Where each heading is, by the anchor the README's links name it with: Qt's
        Markdown reader names none."""
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                self._headings.setdefault(heading_anchor(block.text()), block.position())
            block = block.next()

    def follow(self, url: QUrl) -> None:
        """A link clicked or pressed: a section of the guide, else the system opens it."""
        if not url.scheme() and not url.path() and url.hasFragment():
            at = self._headings.get(url.fragment())
            if at is None:
                return
            bar = self.browser.verticalScrollBar()
            self._places.append((self.browser.textCursor(), bar.value()))
            # The caret too, to the heading: a screen reader reads on from it, and Tab goes
            # on to the section's links, not back to the contents'.
            heading = QTextCursor(self.browser.document())
            heading.setPosition(at)  # selected: Qt's Tab starts from the top without one
            heading.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            self.browser.setTextCursor(heading)
            self._caret_down(0)  # the heading at the top
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif not url.scheme():  # the docs beside the README
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(README.parent / url.path())))

    def _back(self) -> None:
        if self._places:
            caret, scrolled = self._places.pop()
            self.browser.setTextCursor(caret)
            self.browser.verticalScrollBar().setValue(scrolled)

    def _to_find_field(self) -> None:
        """Ctrl+F: the find field, its words selected to type over."""
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def find_next(self, backward: bool) -> bool:
        """The next (or previous) place the find field's words are, round the end."""
        words = self.find_field.text()
        if not words:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(words, flags)
        if not found:  # round from the other end
            end = QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            self.browser.moveCursor(end)
            found = self.browser.find(words, flags)
        self.not_found.setVisible(not found)
        self.find_field.setAccessibleDescription("" if found else "Not found")  # heard too
        if found:  # a third of the way down, not on the pane's edge, with what leads to it
            self._caret_down(self.browser.viewport().height() // 3)
        return found

    def _caret_down(self, pixels: int) -> None:
        """Scroll the caret's line to `pixels` below the pane's top."""
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + self.browser.cursorRect().top() - pixels)
