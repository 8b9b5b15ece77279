"""The Speakers dialog: every speaker found, with their turns and first words; rename,
merge, and choose who asks and who answers; in a study, rename in every interview where
the speaker is shown (study_rename.py). Each change is an undoable command, applied at
once (the dialog stays open and follows the model). While the notes are read-only it
shows the speakers and says why they cannot be changed."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.interview import Role, SpeakerInfo, speaker_report
from reader.ui.dialogs import close_only, get_item, speaker_name
from reader.ui.interview.open_interview import OpenInterview

if TYPE_CHECKING:
    from reader.ui.speakers.study_rename import StudyRename

SIDES = (("Asks", Role.QUESTION), ("Answers", Role.ANSWER))
NAME, SIDE, TURNS, WORDS = range(4)
SEEN_NOT_CHANGED = "The speakers can be seen, not changed."  # after why (read_only.py)
STUDY_TIP = "Rename this speaker in every interview of the study where it is shown"


class SpeakersDialog(QDialog):
    def __init__(
        self,
        interview: OpenInterview,
        parent: QWidget | None = None,
        across: StudyRename | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Speakers")
        self.setObjectName("speakers-dialog")
        self._interview = interview
        self._across = across
        # Undo and Redo work here too, a window apart from the main one.
        undo = interview.undo_group.createUndoAction(self)
        redo = interview.undo_group.createRedoAction(self)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([undo, redo])
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Speaker", "Side", "Turns", "First words"])
        self.table.setAccessibleName("Speakers")
        self.table.setAccessibleDescription(
            "Each speaker found, their side, turns and first words; F2 renames"
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons; arrows move
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (NAME, SIDE, TURNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WORDS, QHeaderView.ResizeMode.Stretch)
        self.table.itemDoubleClicked.connect(lambda _item: self.rename())
        # F2 renames the selected speaker, as it renames a code or an interview.
        rename_key = QAction(self.table, shortcut=QKeySequence(Qt.Key.Key_F2))
        rename_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        rename_key.triggered.connect(self.rename)
        self.table.addAction(rename_key)
        self.rename_button = QPushButton("&Rename…")
        self.merge_button = QPushButton("&Merge Into…")
        self.rename_button.clicked.connect(self.rename)
        self.merge_button.clicked.connect(self.merge)
        self.study_button = QPushButton("Rename in &Study…")
        self.study_button.clicked.connect(self.rename_in_study)
        for button in (self.rename_button, self.merge_button, self.study_button):
            button.setAutoDefault(False)  # Enter in a Side box chooses the side, nothing more
        close = close_only(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.study_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(720, 360)
        self.speakers: list[SpeakerInfo] = []
        interview.structureChanged.connect(self.refresh)
        interview.opened.connect(self.refresh)
        interview.replaced.connect(self.refresh)
        interview.readOnlyChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Rows from the model as it is now; the selected speaker stays selected."""
        session = self._interview.session
        selected = self.selected()
        # Whose Side box has the keyboard: the boxes are made anew, and the focus went to
        # nothing with the one it was on (Down on a side, then nothing answered).
        boxes = {self.table.cellWidget(r, SIDE): i.name for r, i in enumerate(self.speakers)}
        focused = boxes.get(QApplication.focusWidget())
        report = speaker_report(session.document.text, session.segments) if session else None
        self.speakers = list(report.speakers) if report else []
        self.table.setRowCount(len(self.speakers))
        sides = session.notes.sides if session else {}
        read_only = self._interview.read_only
        for row, info in enumerate(self.speakers):
            name = QTableWidgetItem(info.name)
            if info.variants:
                name.setToolTip("Written as: " + ", ".join(info.variants))
            self.table.setItem(row, NAME, name)
            box = self._side_box(info, sides.get(info.name))
            box.setEnabled(not read_only)
            self.table.setCellWidget(row, SIDE, box)
            turns = QTableWidgetItem(str(info.turns))
            turns.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, TURNS, turns)
            words = QTableWidgetItem(info.first_words)
            words.setToolTip(info.first_words)
            self.table.setItem(row, WORDS, words)
            if info.name == selected:
                self.table.selectRow(row)
            if info.name == focused:
                box.setFocus(Qt.FocusReason.OtherFocusReason)
        # Tab from the table to its Side boxes, then the buttons: made after the buttons,
        # the boxes came after Close.
        chain = [self.table, *(self.table.cellWidget(r, SIDE) for r in range(len(self.speakers)))]
        for before, after in pairwise([*chain, self.rename_button]):
            QWidget.setTabOrder(before, after)
        if self.speakers and not self.table.selectedItems():
            self.table.selectRow(0)
        if not self.speakers:
            self.summary.setText("No speakers were found.")
        elif read_only:
            self.summary.setText(self._interview.why_read_only(then=SEEN_NOT_CHANGED))
        else:
            self.summary.setText(
                "Changes apply at once and can be undone (Ctrl+Z). "
                "Give one speaker another's name to merge them."
            )
        self.rename_button.setEnabled(bool(self.speakers) and not read_only)
        self.merge_button.setEnabled(len(self.speakers) > 1 and not read_only)
        for button in (self.rename_button, self.merge_button):
            button.setToolTip(self._interview.why_read_only())
        self.study_button.setVisible(self._across is not None and self._across.offered())
        self.study_button.setEnabled(self.rename_button.isEnabled())
        self.study_button.setToolTip(self._interview.why_read_only() or STUDY_TIP)

    def _side_box(self, info: SpeakerInfo, chosen: Role | None) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"Side of {info.name}")
        box.setAccessibleDescription(f"Whether {info.name}'s turns are questions or answers")
        for label, role in SIDES:
            box.addItem(label, role)
        current = chosen or (Role.QUESTION if info.role is Role.QUESTION else Role.ANSWER)
        box.setCurrentIndex(box.findData(current))
        box.currentIndexChanged.connect(
            lambda _i, name=info.name, box=box: self.set_side(name, Role(box.currentData()))
        )
        return box

    def selected(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return self.speakers[rows[0].row()].name if rows and self.speakers else ""

    def select(self, name: str) -> None:
        for row, info in enumerate(self.speakers):
            if info.name == name:
                self.table.selectRow(row)

    # What the user does -------------------------------------------------------------------

    def rename(self) -> None:
        name = self.selected()
        controller = self._interview.controller
        if not name or controller is None or self._interview.read_only:
            return  # (a double click on a read-only row)
        new, ok = speaker_name(self, name)
        if ok and new.strip():
            controller.rename_speaker(name, new)
            self.select(new.strip())

    def rename_in_study(self) -> None:
        name = self.selected()
        if not name or self._across is None or self._interview.read_only:
            return
        new, ok = speaker_name(self, name, study=True)
        if ok and new.strip():
            self._across.rename(name, new)
            self.select(new.strip())

    def merge(self) -> None:
        """Merge the selected speaker into another: their turns take the other's name."""
        name = self.selected()
        controller = self._interview.controller
        others = [info.name for info in self.speakers if info.name != name]
        if not name or not others or controller is None:
            return
        target, ok = get_item(
            self,
            "Merge Speakers",
            f"Merge “{name}” into:",
            others,
            "Speaker to merge into",
            f"The speaker whose name “{name}”'s turns take",
        )
        if ok and target:
            controller.rename_speaker(name, target)
            self.select(target)

    def set_side(self, name: str, side: Role) -> None:
        controller = self._interview.controller
        if controller is not None:
            controller.set_speaker_side(name, side)
        self.refresh()  # shows the model's side, also when a read-only file refused it
