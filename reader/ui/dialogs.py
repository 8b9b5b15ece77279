"""Small dialogs: a highlight's note, its tags, and the labels of the six colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.ui.theme import swatch_icon


def _quote_label(quote: str) -> QLabel:
    shown = quote if len(quote) <= 240 else quote[:239] + "…"
    label = QLabel(f"“{shown}”")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
    return label


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NoteDialog(QDialog):
    """Edit the note of one highlight; Ctrl+Enter saves, Escape cancels."""

    def __init__(self, quote: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note on Highlight")
        self.editor = QPlainTextEdit(note)
        self.editor.setPlaceholderText("Why this passage matters…")
        self.editor.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(_quote_label(quote))
        layout.addWidget(self.editor)
        hint = QLabel("Ctrl+Enter saves")
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)
        layout.addWidget(_buttons(self))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        self.resize(460, 280)

    def note(self) -> str:
        return self.editor.toPlainText().strip()


class TagsDialog(QDialog):
    """Edit a highlight's tags, comma separated, completing from the tags already used."""

    def __init__(
        self, quote: str, tags: tuple[str, ...], known: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tags of Highlight")
        self.edit = QLineEdit(", ".join(tags))
        self.edit.setPlaceholderText("method, trust, rehearsal")
        completer = QCompleter(known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setWidget(self.edit)
        completer.activated.connect(self._complete)
        self._completer = completer
        self.edit.textEdited.connect(self._suggest)
        layout = QVBoxLayout(self)
        layout.addWidget(_quote_label(quote))
        layout.addWidget(self.edit)
        layout.addWidget(_buttons(self))
        self.resize(420, 160)

    def _current_word(self) -> str:
        return self.edit.text()[: self.edit.cursorPosition()].rsplit(",", 1)[-1].strip()

    def _suggest(self) -> None:
        word = self._current_word()
        if word:
            self._completer.setCompletionPrefix(word)
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _complete(self, tag: str) -> None:
        text = self.edit.text()
        head, _, _ = text[: self.edit.cursorPosition()].rpartition(",")
        tail = text[self.edit.cursorPosition() :]
        prefix = f"{head}, " if head else ""
        self.edit.setText(f"{prefix}{tag}, {tail.lstrip(', ')}".rstrip())
        self.edit.setCursorPosition(len(prefix) + len(tag) + 2)

    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.edit.text())


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, without empties or repeats, in the order given."""
    return tuple(dict.fromkeys(t.strip().lstrip("#") for t in text.split(",") if t.strip()))


class ColorLabelsDialog(QDialog):
    """The meaning of each highlight colour, e.g. yellow = "Key quote"."""

    def __init__(self, labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Highlight Colours")
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for number, (color_id, label) in enumerate(labels.items(), start=1):
            edit = QLineEdit(label)
            swatch = QLabel()
            swatch.setPixmap(swatch_icon(color_id, 16).pixmap(16, 16))
            swatch.setToolTip(f"{color_id}, key {number}")
            form.addRow(swatch, edit)
            self.edits[color_id] = edit
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def labels(self) -> dict[str, str]:
        return {cid: edit.text().strip() or cid.title() for cid, edit in self.edits.items()}


def ask(parent: QWidget | None, title: str, text: str, choices: list[str]) -> str:
    """A warning with one button per choice; the choice made (the last one on Escape)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.ActionRole) for choice in choices]
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return choices[buttons.index(clicked)] if clicked in buttons else choices[-1]


def refill_combo(combo: QComboBox, first: str, items: list[tuple[QIcon, str, str]]) -> None:
    """Replace `combo`'s items after `first`, keeping its choice while it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first)
    for icon, text, data in items:
        combo.addItem(icon, text, data)
    # A choice gone (a tag no longer in use) would filter everything away: fall back to all.
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
