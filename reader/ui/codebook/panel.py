"""The Codebook dock: the code tree with colours and counts, and below it the chosen code's
description (a Markdown memo), colour and whether it is a category.

Keys (listed in reader/ui/keys.py, CODEBOOK, for F1): Insert new code (Shift+Insert: a
sub-code), F2 rename, Delete delete, Ctrl+M merge, Alt+Up/Down move among its siblings,
Alt+Left out of its parent, Alt+Right into the code above, Ctrl+Shift+M under any code;
Enter retrieves its passages. Codes move by drag and drop too. Every change goes through
the hub, undoable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.codebook import deletion_question
from reader.core.wording import counted
from reader.ui import dialogs
from reader.ui.after_paint import AfterPaint
from reader.ui.codebook.code_choice import choose_code
from reader.ui.codebook.code_counts import CodingChange
from reader.ui.codebook.code_memo import CodeMemo
from reader.ui.codebook.code_menu import MOVE_KEYS, code_key, show_code_menu
from reader.ui.codebook.hub import CodebookHub
from reader.ui.codebook.model import CodeTreeModel
from reader.ui.codebook.tree_fit import TreeFit
from reader.ui.codebook.wrapped_names import WrappedNames
from reader.ui.elided_label import ElidedLabel
from reader.ui.list_entry import select_on_entry
from reader.ui.refused_drag import RefusedDrag
from reader.ui.row_menu import menu_from_key
from reader.ui.theme import color_icon
from reader.ui.typed_text import typed_text
from reader.ui.wrap_row import WrapRow

NEW_CODE = "Name of the new code"
NEW_CODE_SAYS = "The new code's name; written as a path, “Work / Night shifts”, it goes under Work"
TOP_LEVEL = "The top level"  # Move Into…'s place outside every code
USE_LINE_MIN_HEIGHT = 340  # px of the panel below which the tree takes the use line's row


class CodebookPanel(QWidget):
    retrieveRequested = Signal(str)  # a code id

    def __init__(self, hub: CodebookHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codebook-panel")
        self.hub = hub
        self.model = CodeTreeModel(hub)
        self.collapsed: set[str] = set()
        self.view = QTreeView()
        self.view.setObjectName("code-tree")
        self.view.setAccessibleName("Codes")
        self.view.setAccessibleDescription("Insert adds, F2 renames, Enter lists the passages")
        self.view.setModel(self.model)
        self.view.setItemDelegate(WrappedNames(self.view))  # the names wrapped, not cut
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        RefusedDrag(
            self.view, self._why_read_only, lambda why: hub.interview.status.emit(why, 6000)
        )
        self.fit = TreeFit(self.view, self.model)
        self.view.installEventFilter(self)
        self.installEventFilter(self)  # its height: the use line goes where the tree needs it
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(lambda pos: show_code_menu(self, pos))
        self.view.activated.connect(lambda i: self.retrieveRequested.emit(self.model.code_id(i)))
        self.view.collapsed.connect(lambda i: self.collapsed.add(self.model.code_id(i)))
        self.view.expanded.connect(lambda i: self.collapsed.discard(self.model.code_id(i)))
        self.view.selectionModel().currentChanged.connect(self._show_current)
        self.new_button = self._button("New", "New code beside this one  (Insert)", self.new_code)
        self.child_button = self._button(
            "New Sub-code", "New sub-code of this one  (Shift+Insert)", lambda: self.new_code(True)
        )
        self.merge_button = self._button(
            "Merge…", "Merge this code into another: its codings join", self.merge_code
        )
        self.delete_button = self._button("Delete", "Delete this code  (Delete)", self.delete_code)
        self.buttons = WrapRow(
            [self.new_button, self.child_button, self.merge_button, self.delete_button]
        )
        self.empty = QLabel(
            "No codes yet. Select words in the interview and press C to code them, "
            "or add codes here with New."
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 8px;")
        # The current code's use in words ("12 passages in 7 interviews"): the tree has
        # room for a count, not for the interviews.
        self.use = ElidedLabel(lines=3)
        self.use.setObjectName("code-use")
        self.use.setStyleSheet("color: palette(placeholder-text);")
        self.color_button = QToolButton()
        self.color_button.setToolTip("The code's colour")
        self.color_button.setAccessibleName("Colour of the code")
        self.color_button.clicked.connect(self.choose_color)
        # Short: the row must fit a 200 px dock beside the colour.
        self.category_box = QCheckBox("Category")
        self.category_box.setToolTip(
            "Ticked: a category, which only holds sub-codes and is not applied to passages; "
            "unticked: a code you apply to passages"
        )
        self.category_box.clicked.connect(self._category_clicked)
        self.memo = CodeMemo()
        self.memo.left.connect(self._commit_memo)
        self.memo.said.connect(lambda text: self.hub.interview.status.emit(text, 6000))
        details = QHBoxLayout()
        details.setSpacing(4)
        details.addWidget(self.color_button)
        details.addWidget(self.category_box, 1)
        # The tree takes the height: at 1024x640 the buttons and memo left it four rows.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.use)
        layout.addLayout(details)
        layout.addWidget(self.memo)
        self._stale = False
        self._shown: object = None  # whose codes the tree shows: a study, or a session
        hub.changed.connect(self.rebuild)
        hub.countsChanged.connect(self._counts_changed)
        self._counted = AfterPaint(self, self._count_study)
        self.rebuild()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        """A compact button: a tool button asks less height and padding than a push button."""
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        return button

    # Showing ---------------------------------------------------------------------------

    def current_id(self) -> str:
        return self.model.code_id(self.view.currentIndex())

    def set_current(self, code_id: str) -> None:
        index = self.model.index_of(code_id)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _counts_changed(self, change: CodingChange | None) -> None:
        if self.isVisible():
            self.model.refresh_counts(change)
            self._show_use()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()
        if not self.model.whole_study:
            self._counted.start()

    def _count_study(self) -> None:
        """The study's counts, once the panel has painted with the open interview's."""
        self.model.whole_study = True
        self.model.refresh_counts()
        self._show_use()

    def _show_use(self) -> None:
        code_id = self.current_id()
        self.use.setText(self.model.use_line(code_id) if code_id in self.model.codes else "")

    def rebuild(self) -> None:
        """The tree again. While the dock is hidden this waits until it shows: counting
        a study's codings reads every notes file."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        current = self.current_id()
        self._commit_memo()
        before = set(self.model.codes)
        self.model.rebuild()
        self.view.expandAll()
        for code_id in self.collapsed:
            self.view.collapse(self.model.index_of(code_id))
        came = self._came(before)
        if came or current in self.model.codes:
            self.set_current(came or current)
        self.empty.setVisible(not self.model.ids)
        read_only = self.hub.read_only
        for button in (self.new_button, self.child_button, self.merge_button, self.delete_button):
            button.setEnabled(not read_only)
        self._show_current()

    def _came(self, before: set[str]) -> str:
        """The first code (in the tree) not among the codes shown `before`, when they were
        the same study's or interview's: one an undo brought back (deleted or merged), a
        new one, one redone; "" for none."""
        study = self.hub.study
        owner = study if study is not None else self.hub.interview.session
        was, self._shown = self._shown, owner
        if owner is None or owner is not was:
            return ""
        return next((c.id for _, c in self.hub.book.tree() if c.id not in before), "")

    def _show_current(self, *_args: object) -> None:
        code = self.model.codes.get(self.current_id())
        enabled = code is not None and not self.hub.read_only
        details = (self.color_button, self.category_box, self.memo)
        for widget in (*details, self.child_button, self.merge_button, self.delete_button):
            widget.setEnabled(enabled)
        self.memo.setReadOnly(not enabled)
        self.category_box.setChecked(not code.codable if code else False)
        self.color_button.setIcon(color_icon(code.color, 16) if code else color_icon("#cccccc", 16))
        text = code.description if code else ""
        if typed_text(self.memo.document()) != text:
            self.memo.setPlainText(text)
        self._memo_of = code.id if code else ""
        self._show_use()

    # Changing --------------------------------------------------------------------------

    def new_code(self, below: bool = False) -> None:
        current = self.model.codes.get(self.current_id())
        if below and current is None:
            return
        where = f" (a sub-code of “{current.name}”)" if below and current else ""
        if below and current is not None:
            parent, index = current.id, None
        elif current is not None:
            parent = current.parent
            index = self.model.children[parent].index(current.id) + 1
        else:
            parent, index = "", None
        name, label = "", f"Name of the new code{where}:"
        while not self.hub.read_only:  # a name refused (said) is asked again, as typed
            name, ok = dialogs.get_text(self, "New Code", label, name, NEW_CODE, NEW_CODE_SAYS)
            if not ok or not name.strip():
                return
            # Typed as a path ("Work / Night shifts"), under that code, as the picker makes it.
            above, short = self.hub.book.new_place(name)
            place = (above, None) if above else (parent, index)
            if (code := self.hub.create(short, *place)) is not None:
                self.set_current(code.id)
                return

    def merge_code(self) -> None:
        source = self.model.codes.get(self.current_id())
        if source is None:
            return
        book = self.hub.book
        below = {c.id for c in book.descendants(source.id)}
        # Its own sub-codes too: one chosen takes its place (core Codebook.merge).
        targets = [c for _, c in book.tree() if c.id != source.id]
        if not targets:
            return
        count = self.hub.counts().get(source.id, 0)  # the study's, counted now if not in
        label = f"Merge “{source.name}” ({_passages(count)}) into:"
        if below:  # said: they go too
            goes = "goes" if len(below) == 1 else "go"
            label += f"\nIts {counted(len(below), 'sub-code')} {goes} under the code chosen"
            label += " (one of them chosen takes its place)."
        said = f"The code that takes “{source.name}”'s passages; “{source.name}” goes"
        target = choose_code(self, "Merge Codes", label, book, targets, said)
        if target and self.hub.merge(source.id, target):
            self.set_current(target)

    def move_into(self) -> None:
        """Ctrl+Shift+M: the code (with its sub-codes) under a code chosen anywhere in the
        tree, or to the top level, at the end. Alt+arrows go a step at a time: into a
        category 400 rows away they took 400 presses."""
        code = self.model.codes.get(self.current_id())
        if code is None:
            return
        book = self.hub.book
        below = {c.id for c in book.descendants(code.id)}
        places = [c for _, c in book.tree() if c.id not in {code.id, code.parent, *below}]
        top = TOP_LEVEL if code.parent else ""
        label = f"Move “{code.name}” under:"
        said = f"The code “{code.name}” goes under, with its sub-codes"
        parent = choose_code(self, "Move Code", label, book, places, said, top)
        if parent is not None and self.hub.move(code.id, parent):
            self.set_current(code.id)

    def delete_code(self) -> None:
        code = self.model.codes.get(self.current_id())
        if code is None:
            return
        text = deletion_question(self.hub.book, code.id, *self.hub.deletion_counts(code.id))
        choices = ["Delete Code", "Cancel"]
        if dialogs.ask(self, "Delete Code", text, choices, default="Cancel") == "Delete Code":
            after = self._neighbour(code.id)
            if self.hub.delete(code.id):
                self.set_current(after)

    def _neighbour(self, code_id: str) -> str:
        """The code the selection goes to when `code_id` and its sub-codes go: the next in
        the tree, else the one before (none was current: Delete again did nothing)."""
        book = self.hub.book
        gone = {code_id, *(c.id for c in book.descendants(code_id))}
        order = [c.id for _, c in book.tree()]
        at = order.index(code_id)
        after = [c for c in order[at:] if c not in gone]
        before = [c for c in order[:at] if c not in gone]
        return (after or before[-1:] or [""])[0]

    def choose_color(self) -> None:
        if (code := self.model.codes.get(self.current_id())) is None:
            return
        color = dialogs.get_color(self, QColor(code.color), f"Colour of “{code.name}”")
        if color.isValid():
            self.hub.update(code.id, "Recolour Code", color=color.name())

    def _category_clicked(self, checked: bool) -> None:
        code_id = self.current_id()
        text = "Make Category" if checked else "Make Code"  # Undo's name for it
        if code_id and not self.hub.update(code_id, text, codable=not checked):
            self._show_current()  # refused (or no change): the box as the code is

    def _commit_memo(self) -> None:
        code = self.model.codes.get(getattr(self, "_memo_of", ""))
        text = typed_text(self.memo.document()).strip()
        # Only what was typed: a description kept with spaces around it (another tool's)
        # was edited, and made a step to undo, by the focus passing through the memo.
        typed = self.memo.document().isModified()
        if code is not None and typed and text != code.description and not self.hub.read_only:
            self.hub.update(code.id, "Edit Code Description", description=text)

    def move_current(self, key: Qt.Key) -> None:
        code = self.model.codes.get(self.current_id())
        if code is None:
            return
        siblings = self.model.children[code.parent]
        row = siblings.index(code.id)
        if key == Qt.Key.Key_Up and row > 0:
            self.hub.move(code.id, code.parent, row - 1)
        elif key == Qt.Key.Key_Down and row < len(siblings) - 1:
            self.hub.move(code.id, code.parent, row + 1)
        elif key == Qt.Key.Key_Left and code.parent:
            above = self.model.codes[code.parent]
            index = self.model.children[above.parent].index(above.id) + 1
            self.hub.move(code.id, above.parent, index)
        elif key == Qt.Key.Key_Right and row > 0:
            self.hub.move(code.id, siblings[row - 1], None)
            self.view.expand(self.model.index_of(siblings[row - 1]))

    # Keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Resize:
            # A netbook's dock: the tree first; the use is in its rows' tooltips too.
            self.use.setVisible(self.height() >= USE_LINE_MIN_HEIGHT)
        elif watched is self.view and event.type() == QEvent.Type.ShortcutOverride:
            # Alt+arrows move codes here, before the window's Alt+Left/Right (skip 5 s).
            assert isinstance(event, QKeyEvent)
            if event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in MOVE_KEYS:
                event.accept()
                return True
        elif watched is self.view and isinstance(event, QContextMenuEvent):
            return menu_from_key(self.view, event, lambda pos: show_code_menu(self, pos))
        elif watched is self.view and event.type() == QEvent.Type.FocusIn:
            select_on_entry(self.view)  # Ctrl+6, F6: a row selected, not a bare frame
        elif watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._key(event):
                return True
        return super().eventFilter(watched, event)

    def _why_read_only(self) -> str:
        return self.hub.why_read_only() if self.hub.read_only else ""

    def _key(self, event: QKeyEvent) -> bool:
        """A code's editing key (`code_key`); in a read-only codebook it says why it does
        nothing, where it did nothing unsaid (the buttons greyed say it in their tips)."""
        if self.view.state() == QAbstractItemView.State.EditingState:
            return False
        act = code_key(self, event.key(), event.modifiers())
        if act is not None and (why := self._why_read_only()):
            self.hub.interview.status.emit(why, 6000)
        elif act is not None:
            act()
        return act is not None


def _passages(count: int) -> str:
    return counted(count, "coded passage")
