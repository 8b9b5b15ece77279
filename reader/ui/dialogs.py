"""Small dialogs: a highlight's note and the labels of the six colours; a name, a choice or
a colour asked for (get_text, get_item, get_color); the docks' narrow filter drop-downs;
windows that keep their size between sessions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QIcon,
    QKeySequence,
    QPaintEvent,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.shorten import shorten
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.settings import settings
from reader.ui.theme import swatch_icon
from reader.ui.typed_text import typed_text


def _quote_label(quote: str) -> QLabel:
    shown = shorten(quote, 240)
    label = QLabel(f"“{shown}”")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
    return label


def ok_cancel(dialog: QDialog, ok_text: str = "") -> QDialogButtonBox:
    """OK and Cancel that accept and reject `dialog`; OK says `ok_text` if given."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text:
        box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class KeptSize(QObject):
    """`window`'s size and place as it was closed last, in this session or an earlier one
    (kept in the settings under `key`); else as it is made."""

    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self._window, self._key = window, key
        value = settings().value(key)
        if isinstance(value, QByteArray):
            window.restoreGeometry(value)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Hide:
            settings().setValue(self._key, self._window.saveGeometry())
        return False


def close_only(dialog: QDialog) -> QDialogButtonBox:
    """A Close button that closes `dialog` (as Escape does), for windows to look at. It is
    no default button: Enter belongs to the list, box or field it is pressed in (a drop-down
    list left with Enter closed the window)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    box.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
    box.rejected.connect(dialog.reject)
    return box


class NoteDialog(QDialog):
    """Edit the note of one highlight; Ctrl+Enter saves, Escape cancels."""

    def __init__(self, quote: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note on Highlight")
        self.editor = QPlainTextEdit(note)
        self.editor.moveCursor(QTextCursor.MoveOperation.End)  # N adds to the note there
        self.editor.setPlaceholderText("Why this passage matters…")
        self.editor.setAccessibleName("Note")
        self.editor.setAccessibleDescription(
            "Why this passage matters; Ctrl+Enter saves, Escape cancels"
        )
        self.editor.setTabChangesFocus(True)
        letter_edit_menus(self.editor)
        layout = QVBoxLayout(self)
        layout.addWidget(_quote_label(quote))
        layout.addWidget(self.editor)
        hint = QLabel("Ctrl+Enter saves")
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)
        layout.addWidget(ok_cancel(self))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        self.resize(460, 280)

    def note(self) -> str:
        return typed_text(self.editor.document()).strip()


class ColorLabelsDialog(QDialog):
    """The meaning of each highlight colour, e.g. yellow = "Key quote", beside its key."""

    def __init__(self, labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Highlight Colours")
        about = QLabel("What each colour means; its key, 1–6, highlights the selection in it.")
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.edits: dict[str, QLineEdit] = {}
        for number, (color_id, label) in enumerate(labels.items(), start=1):
            key = QLabel(f"&{number}")  # Alt+number goes to the field too
            swatch = QLabel()
            swatch.setPixmap(swatch_icon(color_id, 16).pixmap(16, 16))
            swatch.setToolTip(f"{color_id}, key {number}")
            edit = QLineEdit(label)
            edit.setAccessibleName(f"Meaning of colour {number} ({color_id})")
            edit.setAccessibleDescription(
                f"What a highlight in {color_id} means; key {number} highlights in it"
            )
            key.setBuddy(edit)
            letter_edit_menus(edit)
            for column, widget in enumerate((key, swatch, edit)):
                grid.addWidget(widget, number, column)
            self.edits[color_id] = edit
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(grid)
        layout.addWidget(ok_cancel(self))

    def labels(self) -> dict[str, str]:
        return {cid: edit.text().strip() or cid.title() for cid, edit in self.edits.items()}


def get_text(
    parent: QWidget | None, title: str, label: str, text: str, name: str, description: str
) -> tuple[str, bool]:
    """A line typed in Qt's input dialog, starting from `text`, and whether it was given
    (OK). Its field is named `name` and described by `description` for a screen reader:
    Qt's static getText named it by its label alone ("Name for “Q”:"), with no word on what
    it does (#17)."""
    dialog = _input_dialog(parent, title, label)
    dialog.setTextValue(text)
    return _asked(dialog, QLineEdit, name, description)


def get_item(
    parent: QWidget | None, title: str, label: str, items: list[str], name: str, description: str
) -> tuple[str, bool]:
    """One of `items` (the first to start with), chosen in Qt's input dialog, and whether
    it was (OK). Its list is named and described as get_text's field: Qt's named it by the
    item it showed ("Drinks"), as if that were what it asked."""
    dialog = _input_dialog(parent, title, label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    return _asked(dialog, QComboBox, name, description)


def speaker_name(parent: QWidget | None, shown: str, study: bool = False) -> tuple[str, bool]:
    """Rename Speaker… (in the reader's menu, the Speakers dialog) or, `study`, Rename in
    Study…: the new name of the speaker shown as `shown`, and whether one was given."""
    if study:
        title, label = "Rename in Study", f"Name for “{shown}” in every interview:"
        does = "in every interview of the study where they are shown"
    else:
        title, label = "Rename Speaker", f"Name for “{shown}”:"
        does = "in this interview; another speaker's name merges the two"
    return get_text(parent, title, label, shown, "New name", f"What “{shown}” is called {does}")


# Qt's colour dialog, its parts as a screen reader should hear them: by Qt's class for
# those it leaves nameless, else by the name Qt gives them (its labels' words).
COLOR_PARTS = {
    "QtPrivate::QColorPicker": ("Hue and saturation", "The arrow keys change the colour"),
    "QtPrivate::QColorLuminancePicker": ("Lightness", "Up and Down lighten and darken it"),
    "Basic colors": ("Basic colors", "Colours to choose from: the arrow keys, then Space"),
    "Custom colors": ("Custom colors", "Colours added with Add to Custom Colors"),
    "HTML:": ("HTML", "The colour as # and six hexadecimal digits, as #1f77b4"),
}


def get_color(parent: QWidget | None, color: QColor, title: str) -> QColor:
    """A colour chosen from `color` in Qt's colour dialog (the system's own where it has
    one), invalid when cancelled; its parts named and described first: Qt's static
    getColor left its colour field and lightness strip nameless (#17)."""
    from PySide6.QtWidgets import QColorDialog

    dialog = QColorDialog(color, parent)
    dialog.setWindowTitle(title)
    for part in dialog.findChildren(QWidget):
        heard = QAccessible.queryAccessibleInterface(part).text(QAccessible.Text.Name)
        said = COLOR_PARTS.get(part.metaObject().className()) or COLOR_PARTS.get(heard)
        if said is not None:
            part.setAccessibleName(said[0])
            part.setAccessibleDescription(said[1])
    try:
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.currentColor() if ok else QColor()  # as OK left it
    finally:
        dialog.deleteLater()


def _input_dialog(parent: QWidget | None, title: str, label: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    return dialog


def _asked(
    dialog: QInputDialog, kind: type[QWidget], name: str, description: str
) -> tuple[str, bool]:
    """`dialog` shown until answered, its field (of `kind`) named first; what it holds."""
    field = dialog.findChild(kind)
    assert field is not None, kind  # made by setTextValue or setComboBoxItems
    field.setAccessibleName(name)
    field.setAccessibleDescription(description)
    try:
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.textValue() if ok else "", ok)
    finally:
        dialog.deleteLater()


def ask(
    parent: QWidget | None, title: str, text: str, choices: list[str], default: str = ""
) -> str:
    """A warning with one button per choice; the choice made (the last one on Escape).
    Enter answers `default`, else the first choice: a question whose first choice cannot
    be taken back (or deletes) makes the harmless one the default, as Enter is pressed to
    get past a message."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.ActionRole) for choice in choices]
    box.setDefaultButton(buttons[choices.index(default) if default else 0])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return choices[buttons.index(clicked)] if clicked in buttons else choices[-1]


def may_discard(parent: QWidget | None, title: str, text: str) -> bool:
    """A warning that what could not be saved would be lost: True on Discard. Cancel is
    the default: Enter, pressed to get past a message, threw the work away."""
    buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    default = QMessageBox.StandardButton.Cancel
    answer = QMessageBox.warning(parent, title, text, buttons, default)
    return answer == QMessageBox.StandardButton.Discard


def refill_combo(
    combo: QComboBox,
    first: str,
    items: list[tuple[QIcon, str, str]],
    before: list[tuple[QIcon, str, str]] | None = None,
) -> None:
    """Replace `combo`'s items after `first`, keeping its choice while it is still offered.
    `before`: the items it was last given. When `items` are those with one item more or
    less (a passage coded or uncoded), that item alone is added or taken out: refilling a
    code filter's 80 items took 0.7 ms of each coding."""
    current = combo.currentData()
    combo.blockSignals(True)
    if before is None or not _one_item_apart(combo, before, items):
        combo.clear()
        combo.addItem(first)
        for icon, text, data in items:
            combo.addItem(icon, text, data)
    # A choice gone (a tag no longer in use) would filter everything away: fall back to all.
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def _one_item_apart(
    combo: QComboBox, before: list[tuple[QIcon, str, str]], after: list[tuple[QIcon, str, str]]
) -> bool:
    """Add to `combo` the one item `after` has that `before` lacks, or take out the one it
    no longer has; False, and nothing done, when they differ otherwise."""
    if abs(len(after) - len(before)) != 1:
        return False
    longer, shorter = (after, before) if len(after) > len(before) else (before, after)
    pairs = enumerate(zip(shorter, longer, strict=False))
    at = next((i for i, (a, b) in pairs if a != b), len(shorter))
    if longer[at + 1 :] != shorter[at:]:
        return False
    if longer is after:
        combo.insertItem(at + 1, *after[at])  # after `first`
    else:
        combo.removeItem(at + 1)
    return True


class FilterCombo(QComboBox):
    """A drop-down too narrow for some items: the chosen one, cut to fit, ends in "…" (Qt
    cut it bare: "Work / S" passed for a whole name), or shows its icon alone when not a
    letter fits; its tooltip gives it whole."""

    def shown_text(self) -> str:
        """The chosen item's text as it fits beside its icon."""
        # Imported here: PySide builds QStyle's Python type, ~6 ms, on first use, and a
        # filter drop-down is not on screen at the first paint (#17).
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = field.width() - (0 if option.currentIcon.isNull() else option.iconSize.width() + 4)
        shown = self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)
        # Too narrow for a letter beside its icon: the icon alone (a colour's swatch).
        return "" if shown == "…" and not option.currentIcon.isNull() else shown

    def paintEvent(self, event: QPaintEvent) -> None:  # QComboBox's own, with the text cut
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStylePainter

        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.shown_text() != self.currentText():
            QToolTip.showText(event.globalPos(), f"{self.currentText()}\n{self.toolTip()}", self)
            return True
        return super().event(event)


def filter_combo(name: str, description: str) -> QComboBox:
    """A narrow drop-down for a dock's filter row: long items must not widen the dock."""
    combo = FilterCombo(accessibleName=name)
    combo.setAccessibleDescription(description)
    combo.setToolTip(description)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)
    return combo
