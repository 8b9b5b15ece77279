"""Several values… in an attribute list (attribute_filter.py): a dialog of the values the
list offers, checkable, grouped by attribute, whose choice becomes an item of the list
("Role: nurse, doctor · Site: A"). Cancelled, the list goes back to what it showed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from reader.ui.library.attribute_values import (
    SEVERAL,
    index_of,
    offered_pairs,
)

PAIR_ROLE = Qt.ItemDataRole.UserRole


class SeveralValues(QObject):
    """Watches one attribute list for "Several values…" and keeps the choice before it."""

    @staticmethod
    def offer(combo: QComboBox) -> None:
        """Watch `combo` (once, however often it is filled)."""
        if combo.findChild(SeveralValues) is None:
            SeveralValues(combo)

    @staticmethod
    def kept(combo: QComboBox) -> object:
        """The choice before "Several values…" was picked: it stands while the dialog is up."""
        watcher = combo.findChild(SeveralValues)
        return watcher.before if watcher is not None else None

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo
        self.before: object = combo.currentData()
        self.dialog: QDialog | None = None
        combo.currentIndexChanged.connect(self._changed)
        combo.activated.connect(self._activated)

    def _changed(self) -> None:
        if self.combo.currentData() != SEVERAL:
            self.before = self.combo.currentData()

    def _activated(self) -> None:
        if self.combo.currentData() == SEVERAL:
            self.dialog = ChooseValues(self.combo, self.before)
            self.dialog.finished.connect(self._finished)
            self.dialog.open()

    def _finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        assert isinstance(dialog, ChooseValues)
        pairs = dialog.checked() if result == QDialog.DialogCode.Accepted else None
        combo = self.combo
        if pairs is None:
            combo.setCurrentIndex(index_of(combo, self.before))
        else:  # none: every interview; one: its own item; more: theirs, made
            chosen = pairs if len(pairs) > 1 else pairs[0] if pairs else None
            combo.setCurrentIndex(index_of(combo, chosen))
        dialog.deleteLater()


class ChooseValues(QDialog):
    def __init__(self, combo: QComboBox, before: object) -> None:
        super().__init__(combo.window())
        self.setWindowTitle("Interviews with Several Values")
        chosen = (
            set(before) if isinstance(before, tuple) and isinstance(before[0], tuple) else {before}
        )
        intro = QLabel(
            "Check the values to keep. An interview is kept when it has one of the values "
            "checked under each attribute."
        )
        intro.setWordWrap(True)
        self.values = QListWidget()
        self.values.setAccessibleName("Attribute values")
        self.values.setAccessibleDescription("Space checks or unchecks a value")
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        last = ""
        for pair, label in offered_pairs(combo).items():
            name, _, value = label.partition(": ")
            if name != last:
                heading = QListWidgetItem(name)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: no stop, no box
                heading.setFont(heading_font)
                self.values.addItem(heading)
                last = name
            item = QListWidgetItem(value)
            item.setData(PAIR_ROLE, pair)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)  # fmt: skip
            checked = pair in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.values.addItem(item)
        first = next(i for i in range(self.values.count()) if self._pair(i) is not None)
        self.values.setCurrentRow(first)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.values, 1)
        layout.addWidget(buttons)
        self.resize(380, 420)

    def _pair(self, row: int) -> tuple[str, Any] | None:
        pair = self.values.item(row).data(PAIR_ROLE)
        return tuple(pair) if pair is not None else None  # type: ignore[return-value]

    def checked(self) -> tuple[tuple[str, Any], ...]:
        """The values checked, in the list's order."""
        return tuple(
            self._pair(i)
            for i in range(self.values.count())
            if self._pair(i) is not None
            and self.values.item(i).checkState() == Qt.CheckState.Checked
        )
