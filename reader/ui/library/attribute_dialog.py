"""The dialog that defines or changes an attribute: its name, its type, a choice's options,
one a line (a choice may hold a comma: "Nurse, senior")."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from reader.core.study_file import ATTRIBUTE_TYPES, AttributeDef
from reader.ui.edit_menus import letter_edit_menus

TYPE_NAMES = {"text": "Text", "number": "Number", "date": "Date", "choice": "Choice"}


class AttributeDialog(QDialog):
    def __init__(self, parent: QWidget | None, definition: AttributeDef | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change Attribute" if definition else "New Attribute")
        self.name = QLineEdit(definition.label if definition else "")
        self.name.setPlaceholderText("e.g. Role, Age, Site")
        self.type = QComboBox()
        self.type.setAccessibleName("Type")
        self.type.setAccessibleDescription("What the attribute's values are")
        for type_ in ATTRIBUTE_TYPES:
            self.type.addItem(TYPE_NAMES.get(type_, type_), type_)
        self._shown = "\n".join(definition.options) if definition else ""
        self._kept = list(definition.options) if definition else []
        self.options = QPlainTextEdit(self._shown)
        self.options.setPlaceholderText("One choice a line, e.g.\nnurse\ndoctor\nporter")
        self.options.setTabChangesFocus(True)  # Tab goes on to the buttons, as in a form
        self.options.setAccessibleName("Choices, one a line")
        self.options.setAccessibleDescription("The values an interview may be given")
        letter_edit_menus(self.name, self.options)
        lines = self.options.fontMetrics().lineSpacing()
        self.options.setFixedHeight(lines * 5 + 2 * self.options.frameWidth() + 8)
        if definition is not None:  # a type never changes: values would stop fitting
            self.type.setCurrentIndex(self.type.findData(definition.type))
            self.type.setEnabled(False)
            self.type.setToolTip("A type cannot change: the values given would stop fitting")
            self.type.setAccessibleDescription(self.type.toolTip())
        self.type.currentIndexChanged.connect(self._show_options)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form = QFormLayout(self)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Type:", self.type)
        self.form.addRow("&Choices:", self.options)
        self.form.addRow(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 50)
        self._show_options()

    def _show_options(self) -> None:
        self.form.setRowVisible(self.options, self.type_name() == "choice")

    def type_name(self) -> str:
        return str(self.type.currentData())

    def choices(self) -> list[str]:
        """The choices typed, one a line; those shown, as they were, when left unchanged."""
        text = self.options.toPlainText()
        if text == self._shown:
            return list(self._kept)
        return [o.strip() for o in text.splitlines() if o.strip()]
