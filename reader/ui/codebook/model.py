"""The code tree as a Qt model: a code's name with its colour, and how many codings it has:
its own, and in brackets its total with its sub-codes, each passage once (as Retrieve
with sub-codes and the pictures count them). A code's tooltip gives its whole path, its
passages and the interviews they are in (`use_line`, counted when asked: core code_use),
and its description.

The model mirrors the codebook (rebuilt when the codebook changes, which is rare) and
changes nothing itself: renaming in place and dropping codes ask the hub, whose change
comes back as a rebuild. An index carries the code's position in `ids` as its internal id.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Collection

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from reader.core.code_use import CodeUse, above, carrying, subtree_counts, use_words
from reader.core.codebook import PATH_SEPARATOR, Code, Codebook, clean_name
from reader.core.wording import counted
from reader.ui.codebook.code_counts import CodingChange
from reader.ui.codebook.hub import CodebookHub
from reader.ui.theme import color_icon

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
# Named once: on Python 3.11 each `Qt.ItemDataRole.X` is a descriptor call (0.3 µs) and
# each `|` of flags 1 µs, and the view asks data() 250 times and flags() 36 times for
# each repaint of the tree (applying a code repaints it).
Role = Qt.ItemDataRole
DISPLAY, EDIT, DECORATION = Role.DisplayRole, Role.EditRole, Role.DecorationRole
FONT, TOOLTIP, ALIGNMENT = Role.FontRole, Role.ToolTipRole, Role.TextAlignmentRole
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DROP_TARGET = Qt.ItemFlag.ItemIsDropEnabled  # between codes, or at the top level
READ_ONLY_CODE = DROP_TARGET | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
MOVABLE_CODE = READ_ONLY_CODE | Qt.ItemFlag.ItemIsDragEnabled
RENAMABLE_CODE = MOVABLE_CODE | Qt.ItemFlag.ItemIsEditable  # its name, in place
MIME = "application/x-interview-reader-code"
# The counts' heading is short: at 1024 px "Codings" took a third of the dock, and the
# names were cut to "Workpla…". Its tooltip and accessible name say it.
COLUMNS = ("Code", "#")
COUNTS_NAMED = "Codings: the passages coded with it"
COUNTING = "Counting the other interviews' codings…"


class CodeTreeModel(QAbstractItemModel):
    renameRefused = Signal(str, str)  # a code's id, the name typed that the codebook refused

    def __init__(self, hub: CodebookHub) -> None:
        super().__init__(hub)
        self.hub = hub
        self.ids: list[str] = []
        self.codes: dict[str, Code] = {}
        self.children: dict[str, list[str]] = {"": []}
        self.key: dict[str, int] = {}
        self.counts: Counter[str] = Counter()  # the model's own: adjusted in place
        self.totals: dict[str, int] = {}
        # Whether the study's counts are to be counted (off the GUI thread: 500 interviews
        # take ~300 ms): once the panel has painted, not at start-up.
        self.whole_study = False
        self._counting = False  # whether the heading says the study's are being counted
        self.rebuild()

    def rebuild(self) -> None:
        self.beginResetModel()
        book: Codebook = self.hub.book
        self.ids = [c.id for c in book]
        self.codes = {c.id: c for c in book}
        self.key = {code_id: i for i, code_id in enumerate(self.ids)}
        self.children = {"": []}
        for code in book:
            self.children.setdefault(code.id, [])
            self.children.setdefault(code.parent, []).append(code.id)
        self._count()
        self.endResetModel()

    def depth(self) -> int:
        """How many levels the tree has below its top (0: top-level codes only)."""
        level, depth = self.children[""], 0
        while level := [c for code_id in level for c in self.children.get(code_id, [])]:
            depth += 1
        return depth

    def refresh_counts(self, change: CodingChange | None = None) -> None:
        """The counts again: of the codes `change` touched and the codes above them when
        only one passage changed (counting every code and comparing 1,000 took 2 ms of
        each coding), else of every code. Only the cells that changed are told (one coding
        changes a code and those above it: asking the view to repaint a range of 1,000
        rows made it fetch every row's data, 60 ms)."""
        if change is not None and not (self._counting or self.hub.tally.counting):
            self._cells_changed(self._adjust(change))  # the others' counts stand as shown
            return
        before_own, before_total, was_counting = self.counts, self.totals, self._counting
        self._count()
        if self._counting != was_counting:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, 1)
        changed = [
            code_id
            for code_id in self.ids
            if self.counts.get(code_id, 0) != before_own.get(code_id, 0)
            or self.totals.get(code_id, 0) != before_total.get(code_id, 0)
        ]
        if len(changed) > 50:  # another interview's counts: everything at once
            last = len(self.children[""]) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, 1), [])
            return
        self._cells_changed(changed)

    def _adjust(self, change: CodingChange) -> list[str]:
        """Each changed code's own count as the tally has it now, and a total moved by one
        where the passage entered or left that code's subtree; the codes in the tree whose
        cells changed (a code an undo brings back is not in it yet: the rebuild that
        follows counts it)."""
        shown: set[str] = set()
        for code_id in change.codes:
            own = self.hub.tally.count_of(code_id)
            if own == self.counts.get(code_id, 0):
                continue
            if own:
                self.counts[code_id] = own
            else:  # as a sum of Counters leaves it
                del self.counts[code_id]
            shown.add(code_id)
        was, now = self._closure(change.before), self._closure(change.after)
        for code_id in was - now:
            self.totals[code_id] -= 1
        for code_id in now - was:
            self.totals[code_id] += 1
        shown |= was ^ now
        return [code_id for code_id in shown if code_id in self.codes]

    def _closure(self, codes: Collection[str]) -> set[str]:
        """`codes` that are in the tree, and every code above them."""
        return above(self.codes, codes)

    def _cells_changed(self, code_ids: list[str]) -> None:
        for code_id in code_ids:
            cell = self.index_of(code_id, 1)
            self.dataChanged.emit(cell, cell, [DISPLAY])

    def _count(self) -> None:
        self.counts = self.hub.counts(known=True)
        if self.whole_study:
            self.hub.tally.count_soon()
        self._counting = self.hub.tally.counting
        # Each passage once in each code above its codes: summed over the coding sets, of
        # which a study has far fewer than passages.
        self.totals = dict.fromkeys(self.ids, 0) | subtree_counts(self.codes, self.hub.tally.sets())

    def use_line(self, code_id: str) -> str:
        """How much the code is used, in words (core code_use `use_words`)."""
        code, below = self.codes[code_id], self._subtree(code_id)
        own, total = self.counts.get(code_id, 0), self.totals.get(code_id, 0)
        if self._counting:
            return f"{counted(own, 'passage')} in this interview. {COUNTING}"
        files = self.hub.tally.interview_sets() if self.hub.study is not None else Counter()
        found = (carrying(files, frozenset({code_id})), carrying(files, below))
        use = CodeUse(own, found[0], total, found[1])
        return use_words(use, code.codable, len(below) > 1, self.hub.study is not None)

    def _subtree(self, code_id: str) -> frozenset[str]:
        found, todo = {code_id}, [code_id]
        while todo:
            below = self.children.get(todo.pop(), [])
            found.update(below)
            todo.extend(below)
        return frozenset(found)

    def _code_tip(self, code: Code) -> str:
        """The code's whole path (the tree cuts long names), its use and description."""
        kind = "" if code.codable else "A category (holds sub-codes, not applied to passages)."
        names, parent = [code.name], code.parent
        while parent in self.codes and len(names) <= len(self.codes):
            names.insert(0, self.codes[parent].name)
            parent = self.codes[parent].parent
        lines = [f"<b>{html.escape(PATH_SEPARATOR.join(names))}</b>", self.use_line(code.id)]
        lines += [html.escape(text) for text in (kind, code.description.strip()) if text]
        return "<p>" + "<br>".join(lines).replace("\n", "<br>") + "</p>"

    # Structure -----------------------------------------------------------------------------

    def code_id(self, index: Index) -> str:
        return self.ids[index.internalId()] if index.isValid() else ""

    def index_of(self, code_id: str, column: int = 0) -> QModelIndex:
        code = self.codes.get(code_id)
        if code is None:
            return QModelIndex()
        row = self.children[code.parent].index(code_id)
        return self.createIndex(row, column, self.key[code_id])

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        siblings = self.children.get(self.code_id(parent), [])
        if not (0 <= row < len(siblings) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, self.key[siblings[row]])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        return self.index_of(self.codes[self.code_id(index)].parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.children.get(self.code_id(parent), []))

    def columnCount(self, _parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if section == 1 and role == Qt.ItemDataRole.AccessibleTextRole:
            return COUNTS_NAMED
        if section == 1 and role == Qt.ItemDataRole.ToolTipRole and not self._counting:
            return COUNTS_NAMED
        if section == 1 and self._counting:  # muted, saying why, until they are in
            if role == Qt.ItemDataRole.ToolTipRole:
                return COUNTING
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        return None

    # Data ----------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        code = self.codes[self.code_id(index)]
        column = index.column()
        if role == ID_ROLE:
            return code.id
        if column == 0:
            if role in (DISPLAY, EDIT):
                return code.name
            if role == DECORATION:
                return color_icon(code.color)
            if role == FONT and not code.codable:
                font = QFont()
                font.setItalic(True)
                return font
            if role == TOOLTIP:
                return self._code_tip(code)
        elif column == 1:
            if role == DISPLAY:
                return self._count_text(code)
            if role == ALIGNMENT:
                return RIGHT_ALIGNED
            if role == TOOLTIP:
                return self.use_line(code.id)
        return None

    def _count_text(self, code: Code) -> str:
        own, total = self.counts.get(code.id, 0), self.totals.get(code.id, 0)
        if not code.codable and not own:
            return f"({total})"  # a category: the passages of its sub-codes
        return str(own) if own == total else f"{own} ({total})"

    def widest_count(self) -> str:
        """As wide as the widest text of the counts' column, which is fitted to it (the
        codebook panel), at each count's change: from the largest counts, not each code's
        text (1,000 codes' took a millisecond of every coding)."""
        widest = "0" * len(str(max(self.counts.values(), default=0)))
        counted = {code: n for code, n in self.counts.items() if n}
        if {code: n for code, n in self.totals.items() if n} == counted:
            return widest  # no code counts its sub-codes' passages apart
        return f"{widest} ({'0' * len(str(max(self.totals.values(), default=0)))})"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return DROP_TARGET
        if self.hub.read_only:
            return READ_ONLY_CODE
        return RENAMABLE_CODE if index.column() == 0 else MOVABLE_CODE

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 0:
            return False
        # Renamed by the hub after the editor closes: a rebuild now would pull the
        # index out from under the view. Cleaned as the codebook keeps it, so that a name
        # typed back with a space more is no change (it made an Undo that undid nothing).
        code_id, typed = self.code_id(index), str(value)
        QTimer.singleShot(0, lambda: self._rename(code_id, typed))
        return True

    def _rename(self, code_id: str, typed: str) -> None:
        name = clean_name(typed)
        refused = not self.hub.update(code_id, "Rename Code", name=name)
        if refused and code_id in self.codes and self.codes[code_id].name != name:
            self.renameRefused.emit(code_id, typed)  # said; typed again, it was lost

    # Drag and drop: a code onto another (below it) or between codes (beside them) ----------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = list(dict.fromkeys(self.code_id(i) for i in indexes if i.isValid()))
        data.setData(MIME, "\n".join(ids[:1]).encode("utf-8"))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(MIME) or self.hub.read_only:
            return False
        moving = bytes(data.data(MIME).data()).decode("utf-8")
        target = self.code_id(parent)
        below = {c.id for c in self.hub.book.descendants(moving)} if moving in self.codes else set()
        return target != moving and target not in below

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        moving = bytes(data.data(MIME).data()).decode("utf-8")
        target = self.code_id(parent)
        index = None if row < 0 else row
        code = self.codes.get(moving)
        if (
            code is not None
            and code.parent == target
            and index is not None
            and self.children[target].index(moving) < index
        ):
            index -= 1  # the code leaves its place above the drop
        # After the drop returns: the view is still using the indexes a rebuild resets.
        QTimer.singleShot(0, lambda: self.hub.move(moving, target, index))
        return False  # the rows move through the hub, not by the view removing them
