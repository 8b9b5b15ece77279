"""Retrieval: every passage of a code, or of two codes joined (A and B, A or B, A not B),
across the study (or the interviews with an attribute's value), with its interview,
speaker and question; the selected passage reads in full, wrapped, amid the rest of its
paragraph (dimmed), under the list; Enter or a double click goes to the passage
(switching interview), and the list exports as Markdown, HTML or CSV.

The open interview counts as edited (its session), the others as their notes files say.
The list follows codings made while it is open (a moment after the last of a burst), and
Export writes what a retrieval gives at that moment. A code shown that goes (deleted, or
merged away) leaves the list empty, saying so, until an undo brings it back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.codebook_retrieval import CodeQuery, Passage
from reader.core.wording import counted
from reader.ui.codebook import passage_finding
from reader.ui.codebook.hub import CodebookHub
from reader.ui.codebook.passage_finding import FOLLOW_MS, Asked, Places, find_passages, query_of
from reader.ui.codebook.passage_view import codes_line, passage_html
from reader.ui.codebook.passages_export import EXPORTS, NOTHING_TO_EXPORT, export_passages
from reader.ui.dialogs import KeptSize, close_only
from reader.ui.library.attribute_filter import chosen_filters, fill_attribute_filter
from reader.ui.library.attribute_values import index_of
from reader.ui.slices import Slices
from reader.ui.theme import color_icon
from reader.ui.wait_cursor import MANY_FILES, waiting
from reader.ui.window.focus_marker import FocusMarker

OPERATORS = {"": "alone", "and": "and", "or": "or", "not": "and not"}
FILLING = "Export is ready once the list is complete."
FITTED_CHARS = 30  # the widest a column but the passage's is made to fit its contents
SAID_MS = 8000  # how long "Exported …" stands in place of the count


class RetrievalWindow(QDialog):
    jumpRequested = Signal(str, str)  # interview id ("" alone), highlight id

    def __init__(self, hub: CodebookHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Coded Passages")
        self.setObjectName("retrieval")
        self.hub = hub
        self.passages: list[Passage] = []
        self.places: Places = {}  # other interviews' passages as placed last (transcripts)
        self._gone = ["", ""]  # the code each box showed that went (deleted, merged away)
        self._names: dict[str, str] = {}  # code id -> name, of every code listed
        self._count_text = ""
        # The list filled interview by interview (find_passages' batches): how far it is.
        self._slices = Slices(self)
        self._slices.grown.connect(self._grown)
        self._interviews = (0, 0)  # listed, of
        self._was: tuple[str, str] | None = None  # the passage selected before, if it comes
        self._chosen: QTreeWidgetItem | None = None  # the first, made current meanwhile
        self._asked_where: tuple[str, tuple[str, object]] | None = None  # offered, with its label
        self.follow = QTimer(self, singleShot=True, interval=FOLLOW_MS, timeout=self.refresh)
        self.said = QTimer(self, singleShot=True, interval=SAID_MS, timeout=self._show_count)
        self.first, self.second = QComboBox(), QComboBox()
        for combo in (self.first, self.second):
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.currentIndexChanged.connect(self.refresh)
        # Named for a screen reader, which would name a box by the code it shows.
        self.first.setAccessibleName("Code")
        self.first.setAccessibleDescription("The passages coded with this code")
        self.second.setAccessibleName("Second code")
        self.second.setAccessibleDescription("The code the first is combined with")
        self.operator = QComboBox()
        self.operator.setAccessibleName("Combined")
        self.operator.setAccessibleDescription(
            "The first code alone, or with the second: and, or, and not"
        )
        for key, label in OPERATORS.items():
            self.operator.addItem(label, key)
        self.operator.currentIndexChanged.connect(self._operator_changed)
        self.below = QCheckBox("with sub-codes")
        self.below.setChecked(True)
        self.below.setAccessibleDescription("A code's passages include its sub-codes' passages")
        self.below.toggled.connect(self.refresh)
        self.interviews = QComboBox()  # in a study: only those with an attribute's value
        self.interviews.setAccessibleName("Passages of which interviews")
        self.interviews.setToolTip("Only the interviews with this attribute value")
        self.interviews.currentIndexChanged.connect(self.refresh)
        self.count = QLabel()
        self.list = QTreeWidget()
        self.list.setObjectName("retrieved")
        self.list.setAccessibleName("Coded passages")
        self.list.setAccessibleDescription(
            "Each passage with its interview, speaker, question and codes; Enter goes to it"
        )
        self.list.setHeaderLabels(["Interview", "Speaker", "Q", "Passage", "Codes"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setWordWrap(False)
        header = self.list.header()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)  # the codes fitted (_fit_columns), not stretched
        header.resizeSection(2, self.fontMetrics().horizontalAdvance("Q000") + 12)
        self._sized_by_hand: set[int] = set()  # columns the user widened or narrowed
        self._fitting = False
        header.sectionResized.connect(self._resized)
        self.list.itemActivated.connect(self._activated)
        self.list.installEventFilter(self)  # Enter goes to the passage, and no further
        self.preview = QTextBrowser()  # the selected passage in full; Tab reaches it
        self.preview.setObjectName("retrieved-passage")
        self.preview.setAccessibleName("Passage in full")
        self.preview.setAccessibleDescription("The chosen passage, with who says it and where")
        self.preview.setOpenLinks(False)
        self.list.currentItemChanged.connect(self._show_current)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setChildrenCollapsible(False)
        split.setSizes([220, 280])
        self.focus_marker = FocusMarker(self, [self.list, self.preview])  # a bar, as in panes
        self.export_button = QPushButton("Export")
        menu = QMenu(self.export_button)
        for extension, (label, _) in EXPORTS.items():
            menu.addAction(f"{label} (.{extension})…", lambda e=extension: self.export(e))
        self.export_button.setMenu(menu)
        self.export_button.setAutoDefault(False)  # Enter in a Code box does not pop its menu
        row = QHBoxLayout()
        row.addWidget(QLabel("Passages coded"))
        row.addWidget(self.first, 1)
        row.addWidget(self.operator)
        row.addWidget(self.second, 1)
        row.addWidget(self.below)
        bottom = QHBoxLayout()
        bottom.addWidget(self.interviews)
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close_only(self))
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.resize(900, 520)
        KeptSize(self, "windows/retrieval")
        self.fill_codes()
        hub.changed.connect(self.fill_codes)
        hub.countsChanged.connect(self._codings_changed)

    def _codings_changed(self, _change: object) -> None:
        if self.isVisible():  # else filled when shown
            self.follow.start()

    def fill_codes(self) -> None:
        book = self.hub.book
        for k, combo in enumerate((self.first, self.second)):
            chosen = combo.currentData() or self._gone[k]
            combo.blockSignals(True)
            combo.clear()
            for depth, code in book.tree():
                combo.addItem(color_icon(code.color), "    " * depth + code.name, code.id)
            index = combo.findData(chosen)
            # A code shown that went is not swapped for another: the list says it went, and
            # shows it again when an undo brings it back.
            self._gone[k] = chosen if chosen and index < 0 else ""
            combo.setCurrentIndex(index if chosen else 0)
            combo.blockSignals(False)
        self._names.update((c.id, c.name) for c in book)
        self._operator_changed()

    def show_code(self, code_id: str) -> None:
        """Shown on `code_id` alone; on the code it shows, as it was left (the way back
        from a passage gone to: its query and the passage selected kept)."""
        if code_id and code_id != self.first.currentData():
            self.first.setCurrentIndex(max(0, self.first.findData(code_id)))
            self.operator.setCurrentIndex(0)
        self.show()
        self.refresh()
        self.raise_()
        self.activateWindow()
        self.list.setFocus()

    def show_asked(self, asked: Asked) -> None:
        """Shown on what a picture's cell `asked` for, in one retrieval."""
        boxes = (self.first, self.operator, self.second, self.below)
        for box in boxes:
            box.blockSignals(True)
        self.first.setCurrentIndex(max(0, self.first.findData(asked.first)))
        self.operator.setCurrentIndex(self.operator.findData("and" if asked.second else ""))
        self.second.setCurrentIndex(self.second.findData(asked.second) if asked.second else -1)
        self.second.setEnabled(bool(asked.second))
        self._gone = ["", ""]
        self.below.setChecked(asked.descendants)
        for box in boxes:
            box.blockSignals(False)
        if asked.where is not None:
            self._asked_where = (asked.where_label, asked.where)
        self._offer_interviews(asked.where)
        self.show_code("")

    def _offer_interviews(self, chosen: object = ...) -> None:
        """The attribute values as the Library has them now, and the interviews a cell
        asked for last when they are none of them (one interview, a participant); the
        choice kept (or `chosen`), without a retrieval."""
        kept = self.interviews.currentData() if chosen is ... else chosen
        fill_attribute_filter(self.interviews, self.hub.study)
        self.interviews.blockSignals(True)
        if self._asked_where is not None and self.hub.study is not None:
            label, where = self._asked_where
            if all(self.interviews.itemData(i) != where for i in range(self.interviews.count())):
                self.interviews.addItem(label, where)
        self.interviews.setCurrentIndex(index_of(self.interviews, kept))
        self.interviews.blockSignals(False)

    def _operator_changed(self) -> None:
        pair = bool(self.operator.currentData())
        self.second.blockSignals(True)  # greyed out, it names no code (it looked set up)
        if not pair:
            self.second.setCurrentIndex(-1)
            self._gone[1] = ""
        elif self.second.currentIndex() < 0 and self.second.count() and not self._gone[1]:
            self.second.setCurrentIndex(0)
        self.second.blockSignals(False)
        self.second.setEnabled(pair)
        self.refresh()

    def query(self) -> CodeQuery | None:
        first = self.first.currentData()
        if not first:
            return None
        operator = self.operator.currentData() or ""
        return query_of(first, operator, self.second.currentData() or "", self.below.isChecked())

    def title(self) -> str:
        # By label: two codes of one name are told apart by their paths ("Home / Stress").
        first, second = self.hub.book.labels_of([self.first.currentData() or ""]) + (
            self.hub.book.labels_of([self.second.currentData() or ""])
        )
        operator = self.operator.currentData()
        codes = f"{first} {OPERATORS[operator]} {second}" if operator else first
        return f"{codes} · {self.interviews.currentText()}" if self._filters() else codes

    def _filters(self) -> dict | None:
        return chosen_filters(self.interviews) if self.hub.study is not None else None

    def _gone_code(self) -> str:
        """The name of a code this window shows that went, "" when none did."""
        pair = bool(self.operator.currentData())
        boxes = [(self._gone[0], self.first), (self._gone[1], self.second)][: 1 + pair]
        gone = [g for g, box in boxes if g and box.currentIndex() < 0]
        return self._names.get(gone[0], "?") if gone else ""

    @property
    def filling(self) -> bool:
        """The list is being filled, interview by interview."""
        return self._slices.running

    def refresh(self, at_once: bool = False) -> None:
        """The list as a retrieval gives it now: filled from the event loop, interview by
        interview, when many transcripts are to be opened, unless `at_once`."""
        if not self.isVisible():
            return  # filled when shown
        self.follow.stop()
        self._slices.stop()
        gone = self._gone_code()
        query = None if gone else self.query()
        selected = self.list.currentItem()
        self._was = selected.data(0, Qt.ItemDataRole.UserRole) if selected is not None else None
        self._chosen = None
        self.list.clear()  # first: the current row moves as it empties, shown from passages
        study = self.hub.study
        self._offer_interviews()
        self.interviews.setVisible(study is not None and self.interviews.count() > 1)
        kept = self._filters()  # the interviews kept: only their transcripts are opened
        self.passages = []
        self._count_text = (
            f"“{gone}” is no longer in the codebook (deleted or merged): "
            "Edit ▸ Undo brings it back."
            if gone
            else ""
        )
        if query is None:
            self._grown([])
            return
        finding = find_passages(self.hub, query, self.places, kept)
        self._interviews = (0, finding.interviews)
        slow = finding.to_open > passage_finding.AT_ONCE
        with waiting(at_once and finding.to_open >= MANY_FILES):
            first = self._slices.start(
                finding.batches, None if slow and not at_once else float("inf")
            )
        self._grown(first)

    def _grown(self, batches: list[list[Passage]]) -> None:
        """The passages of the interviews placed since, added to the list; the passage
        selected before made current again as it comes, else the first."""
        self._interviews = (self._interviews[0] + len(batches), self._interviews[1])
        items = []
        for p in (p for batch in batches for p in batch):
            quote = " ".join(p.highlight.exact.split())
            question = "" if p.question is None else str(p.question)
            item = QTreeWidgetItem([p.title, p.speaker, question, quote, codes_line(p)])
            item.setToolTip(3, p.highlight.exact[:2000])
            item.setData(0, Qt.ItemDataRole.UserRole, (p.interview_id, p.highlight.id))
            items.append(item)
            self.passages.append(p)
        if items:
            self.list.addTopLevelItems(items)
            ids = [item.data(0, Qt.ItemDataRole.UserRole) for item in items]
            if self._was in ids and self.list.currentItem() in (None, self._chosen):
                self.list.setCurrentItem(items[ids.index(self._was)])
            elif self.list.currentItem() is None:
                self._chosen = items[0]
                self.list.setCurrentItem(items[0])
        elif not self.passages:
            self._show_current()
        if not self.filling or len(self.passages) == len(items):  # at the start and the end
            self._fit_columns()  # each slice, it measured the rows again: a third of the time
        if not self._gone_code():
            listed, of = self._interviews
            interviews = len({p.interview_id for p in self.passages})
            self._count_text = (
                f"Finding who says each passage: {listed} of {counted(of, 'interview')}…"
                if self.filling
                else f"{counted(len(self.passages), 'passage')} in "
                f"{counted(interviews, 'interview')}"
            )
        self._show_count()
        done = bool(self.passages) and not self.filling  # an empty list is no export
        self.export_button.setEnabled(done)
        self.export_button.setToolTip(
            "" if done else FILLING if self.filling else NOTHING_TO_EXPORT
        )

    def hideEvent(self, event: QHideEvent) -> None:
        self._slices.stop()  # Escape, Close: the rest is placed when shown again
        super().hideEvent(event)

    def _fit_columns(self) -> None:
        """Interview, speaker and codes as wide as they are, up to FITTED_CHARS each, but
        for a column the user sized; the passage takes the rest. At 100 px each, "Tomasz
        Wiśnie…" and the codes were cut beside a passage column half empty."""
        cap = self.fontMetrics().averageCharWidth() * FITTED_CHARS
        self._fitting = True
        for column in {0, 1, 4} - self._sized_by_hand:
            self.list.resizeColumnToContents(column)
            self.list.setColumnWidth(column, min(cap, self.list.columnWidth(column)))
        self._fitting = False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column != 3:  # the passage's follows the others
            self._sized_by_hand.add(column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a passage goes to it and stops there: the list passed it on (as item
        views do), and the dialog's default button, Export, opened its menu over the
        passage and took the keyboard."""
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if (item := self.list.currentItem()) is not None:
                self._activated(item)
            return True
        return super().eventFilter(watched, event)

    def _show_current(self) -> None:
        row = self.list.indexOfTopLevelItem(self.list.currentItem())
        self.preview.setHtml(passage_html(self.passages[row]) if row >= 0 else "")

    def _activated(self, item: QTreeWidgetItem) -> None:
        interview_id, highlight_id = item.data(0, Qt.ItemDataRole.UserRole)
        self.jumpRequested.emit(interview_id, highlight_id)

    def _show_count(self) -> None:
        self.said.stop()
        self.count.setText(self._count_text)

    def _say(self, text: str) -> None:
        """`text` in place of the count for a while (the count comes back)."""
        self.count.setText(text)
        self.said.start()

    def export(self, extension: str) -> None:
        self.refresh(at_once=True)  # what a retrieval gives now, whatever was listed before
        said = export_passages(self, self.hub, self.passages, self.title(), extension)
        if said:
            self._say(said)
