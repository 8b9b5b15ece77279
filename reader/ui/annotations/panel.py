"""The Annotations dock: every highlight as a filterable list that leads the reader to it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import NO_COLOR, Highlight
from reader.ui.annotations.code_filter import CodeFilter
from reader.ui.annotations.color_filter import ColorFilter
from reader.ui.annotations.current_in_view import CurrentInView
from reader.ui.annotations.delegate import FIT_ROWS, HighlightDelegate
from reader.ui.annotations.list_keys import ListKeys
from reader.ui.annotations.model import (
    ID_ROLE,
    Entry,
    HighlightListModel,
    Index,
    by_key,
    find_entry,
    row_place,
)
from reader.ui.annotations.show_all import count_line, nothing_shown, show_all_button
from reader.ui.annotations.study_deleting import delete_chosen
from reader.ui.annotations.study_rows import StudyRows
from reader.ui.clear_button import add_clear_button
from reader.ui.dialogs import filter_combo
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.painting import EmptyListText
from reader.ui.window.spoken import SpokenLabel
from reader.ui.wrap_row import WrapRow

CARDS_PER_BATCH = 20  # about two docks' height of cards
NO_HIGHLIGHTS = "No highlights yet: select words in the interview and press H (or 1–6)."
SELECT = QItemSelectionModel.SelectionFlag.Select
ALONE = QItemSelectionModel.SelectionFlag.ClearAndSelect


class AnnotationsPanel(QWidget):
    """Filter box, colour and tag filters, a count, and the list of highlights.

    A highlight added, removed or edited changes its own row only; every entry is made again
    when the controller or the interview's structure changes, and the rows when a filter does.
    """

    jumpRequested = Signal(str)  # highlight id: scroll the reader there
    editNoteRequested = Signal(str)  # highlight id: open the note editor
    filled = Signal()  # the colour and code lists are filled for the rows just made

    def __init__(self, interview: OpenInterview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._interview = interview
        self._stale = False  # the session changed while the panel was hidden
        self._entries: list[Entry] = []  # every highlight, in the session's order
        self._by_id: dict[str, Entry] = {}
        self._filter: tuple[list[str], str | None, str | None] = ([], None, None)
        # The ids of the rows chosen when they were deleted, the current one first: brought
        # back (an undo), they are chosen again, as the Codebook and the Library choose what
        # an undo brings back. The row that took the current one's place stayed current, and
        # the next Delete removed it, not the highlight just brought back.
        self._went: list[str] = []

        self.filter_edit = QLineEdit(
            placeholderText="Filter quotes, notes, codes",
            accessibleName="Filter highlights",
            accessibleDescription="Shows only the highlights whose quote, note, codes, "
            "question, time or speaker hold these words",
        )
        add_clear_button(self.filter_edit, "the filter", escape_clears=True, fitted=True)
        letter_edit_menus(self.filter_edit)
        self.color_filter = filter_combo("Colour filter", "Shows only the highlights of one colour")
        self.tag_filter = filter_combo("Code filter", "Shows only the highlights with one code")
        self._colors = ColorFilter(self.color_filter)
        self.tag_filter.addItem("All codes")
        self.study = StudyRows(interview, self)  # this interview or the whole study
        self.count_label = SpokenLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.count_label.setWordWrap(True)  # the hint of an empty list in a narrow dock

        self._model = HighlightListModel(self)
        # After any change the view lays out every row again, asking the model for each
        # row's index twice: 20,000 calls into Python, ~20 ms, at 10,000 highlights of a
        # Python model. QSortFilterProxyModel answers from its own map in C++ (an identity
        # proxy would ask the model); it neither sorts nor filters: its rows are the model's.
        self._rows = QSortFilterProxyModel(self)
        self._rows.setSourceModel(self._model)
        self._codes = CodeFilter(self.tag_filter, self._model)
        self.view = QListView(
            accessibleName="Highlights",
            accessibleDescription="Every highlight in text order; Enter goes to it, "
            "F2 edits its note, Delete deletes it, or every one selected (Shift+Down)",
        )
        self.view.setModel(self._rows)
        self.view.setItemDelegate(HighlightDelegate(self.view, self._model))
        # Cards as tall as their text; one height for all in a long list (delegate.FIT_ROWS).
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # a new width, new heights
        # Measured a batch at a time from the event loop: the first paint after switching
        # interviews waits for the cards in view, not for all of them (~5 ms for 100).
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(CARDS_PER_BATCH)
        self._in_view = CurrentInView(self.view, self._rows)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Shift with the arrows or a click, Ctrl with a click: several, for one Delete.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setMouseTracking(True)  # status tips on hover
        self.view.clicked.connect(self.jump)
        self.keys = ListKeys(self, self)  # Enter, F2, Delete, and the row menu
        EmptyListText(self.view, self._nothing_shown)  # filtered to nothing: not blank

        # The colour beside the words (a swatch alone when narrow); the code and the scope
        # side by side, or folded: under the Library at 1024x640 the list had 1.5 cards.
        words = QHBoxLayout()
        words.addWidget(self.filter_edit, 2)
        words.addWidget(self.color_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(words)
        layout.addWidget(WrapRow([self.tag_filter, self.study.bar], fill=True))
        count_line = QHBoxLayout()
        count_line.addWidget(self.count_label, 1)
        lists = [self.color_filter, self.tag_filter, self.study.attribute]
        self.show_all = show_all_button(self.filter_edit, lists, self.study.scope)
        count_line.addWidget(self.show_all)
        layout.addLayout(count_line)
        layout.addWidget(self.view, 1)

        self.filter_edit.textChanged.connect(self._refilter)
        self.filter_edit.returnPressed.connect(self.focus_list)
        self.color_filter.currentIndexChanged.connect(self._refilter)
        self.tag_filter.currentIndexChanged.connect(self._refilter)
        self.study.changed.connect(self.reload)
        self._refilter()
        interview.opened.connect(self.reload)
        interview.replaced.connect(self.reload)
        interview.highlightChanged.connect(self._on_highlight_changed)
        interview.structureChanged.connect(self._rebuild)
        interview.colorsChanged.connect(self._on_colors_changed)
        if interview.session is not None:
            self.reload()

    # Public ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Every row again, from the interview open now (another one, or reloaded)."""
        self._entries, self._by_id = [], {}  # another session: nothing to reuse
        self._rebuild()

    def set_codes(self, colors: dict[str, str], labels: dict[str, str]) -> None:
        """The codes' colours and labels by id (Codebook.labels), for the rows' chips and
        the code filter: two codes of one name are told apart by their paths."""
        model = self._model
        if (model.code_colors, model.code_labels) == (colors, labels):
            return
        model.code_colors, model.code_labels = colors, labels
        self._codes.fill(anew=True)
        self.view.viewport().update()

    def visible_ids(self) -> list[str]:
        self._ensure_built()
        return [e.highlight.id for e in self._model.rows if e is not None]

    def count_text(self) -> str:
        self._ensure_built()
        return self.count_label.text().replace("\u00a0", " ")

    def current_id(self) -> str | None:
        self._ensure_built()
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, highlight_id: str, *also: str) -> None:
        """The highlight's row current and selected, and the rows of `also` selected too
        (those not shown are left out)."""
        self._ensure_built()
        entries = (self._by_id.get(i) for i in (highlight_id, *also))
        rows = [r for e in entries if e is not None and (r := self._model.row_of(e)) is not None]
        if rows:
            self._set_row(rows[0])
        for row in rows[1:]:
            self.view.selectionModel().select(self._rows.index(row, 0), SELECT)

    # Building ----------------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Every entry again, for question numbers may have changed; then every row. While
        the panel is hidden (a tab behind the outline, as at start-up) this waits until it
        is shown: 10,000 entries cost ~80 ms that the first paint need not pay."""
        if not self.isVisible():
            self._stale = True
            return
        self._build()

    def _ensure_built(self) -> None:
        if self._stale:
            self._build()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ensure_built()

    def _build(self) -> None:
        self._stale = False
        session = self._interview.session
        known, entries = self._by_id, []
        for h in session.notes.highlights if session is not None else ():
            entry = known.get(h.id)
            place = self._place(h)
            if entry is None or entry.highlight is not h:
                entry = self.study.entry(h, place, session.code_names(h))
            entries.append(entry.placed(place))
        self._entries = self.study.merged(entries)
        self._by_id = {e.highlight.id: e for e in entries}
        self._colors.uncoloured = sum(1 for e in self._entries if e.color == NO_COLOR)
        if session is not None:  # none open: across the study, the others are listed
            self._fill_colors()
        self._codes.count(self._entries)  # across a study, every listed interview's codes
        self.filled.emit()  # a remembered colour or code may be chosen now (filter_memory.py)
        row = self.view.currentIndex().row()
        self._refilter()
        self._keep_a_current_row(row)

    def _place(self, highlight: Highlight) -> str:
        session = self._interview.session
        assert session is not None
        return self.study.place("" if highlight.orphan else row_place(session, highlight))

    def _on_highlight_changed(self, before: Highlight | None, after: Highlight | None) -> None:
        """One highlight added (before None), removed (after None) or edited: its row only."""
        if self._interview.controller is None or self._stale:
            return  # a stale panel is built whole when it is shown
        old = None if before is None else self._by_id.get(before.id)
        if (
            (before is not None and (old is None or old.highlight != before))
            or (after is not None and after.id in self._by_id and old is None)
            or (before is not None and after is not None and before.id != after.id)
        ):
            self._rebuild()  # out of step with the session: never expected, but cheap to mend
            return
        keep_id, row = self.current_id(), self.view.currentIndex().row()
        gone = after is None and before is not None and before.id == keep_id
        if gone and keep_id not in self._went:  # deleted elsewhere (the reader)
            self._went = [keep_id]
        session = self._interview.session
        new = (
            None
            if after is None or session is None
            else self.study.entry(after, self._place(after), session.code_names(after))
        )
        if old is not None:
            self._forget(old)
        if new is not None:
            self._learn(new)
        self._show_change(old, new)
        tag_gone = self._codes.fill() and self._codes.chosen() != self._filter[2]
        if tag_gone or (self._colors.refresh() and self._colors.chosen() != self._filter[1]):
            self._refilter()  # the tag or "No colour" filtered on is gone: the filter fell back
        else:
            self._update_count()
        if keep_id is not None and self.current_id() != keep_id:
            self.select(keep_id)  # the row moved (an edit), or was replaced under the view
        self._keep_a_current_row(row, gone)
        if before is None and after is not None and after.id in self._went:
            self.select(*self._went)

    def _forget(self, entry: Entry) -> None:
        i = find_entry(self._entries, entry, 0, len(self._entries))
        assert i is not None
        del self._entries[i]
        del self._by_id[entry.highlight.id]
        self._colors.uncoloured -= entry.color == NO_COLOR
        self._codes.forget(entry)

    def _learn(self, entry: Entry) -> None:
        # After the highlights with the same (start, end), as the session inserts it.
        i = bisect_right(self._entries, entry.key, key=by_key)
        self._entries.insert(i, entry)
        self._by_id[entry.highlight.id] = entry
        self._colors.uncoloured += entry.color == NO_COLOR
        self._codes.learn(entry)

    def _show_change(self, old: Entry | None, new: Entry | None) -> None:
        """Move the rows from showing `old` to showing `new`; either may be None."""
        model = self._model
        row = None if old is None else model.row_of(old)
        shown = new is not None and self._passes(new)
        if row is not None and shown:
            assert old is not None and new is not None
            # Where `new` goes once `old` is out: if that is `old`'s row, replace it in place.
            lo, hi = model.section(new.orphan)
            place = bisect_right(model.rows, new.key, lo, hi, key=by_key)
            if new.orphan == old.orphan and place - (place > row) == row:
                model.replace(row, new)
                return
        if row is not None:
            model.remove(row)
        if shown:
            assert new is not None
            model.insert(new)

    def _passes(self, entry: Entry) -> bool:
        terms, color, tag = self._filter
        return (
            self.study.keeps(entry)
            and (color is None or entry.color == color)
            and (not tag or tag in entry.highlight.codes)
            and all(entry.has(term) for term in terms)
        )

    def _keep_a_current_row(self, row: int, gone: bool = False) -> None:
        if (gone or self.current_id() is None) and row >= 0 and self._model.rows:
            # The current row went away (deleted, say): its successor takes over (`gone`:
            # Qt made another current, the one above, or one of several selected).
            self._set_row(min(row, len(self._model.rows) - 1))

    def _on_colors_changed(self) -> None:
        self._fill_colors()
        self.view.viewport().update()

    def _fill_colors(self) -> None:
        assert self._interview.session is not None
        self._model.colors = dict(self._interview.session.notes.colors)
        self._colors.fill(self._model.colors)

    def _refilter(self) -> None:
        terms = Entry.terms(self.filter_edit.text())
        color, tag = self._colors.chosen(), self._codes.chosen()
        self._filter = (terms, color, tag)
        # One comprehension per condition: a keystroke filters 10,000 rows in a few ms.
        chosen = self.study.narrow(self._entries)
        if color is not None:
            chosen = [e for e in chosen if e.color == color]
        if tag:
            chosen = [e for e in chosen if tag in e.highlight.codes]
        for term in terms:
            chosen = [e for e in chosen if e.has(term)]
        kept = self._by_id.get(self.current_id() or "")
        self._model.set_rows([e for e in chosen if not e.orphan], [e for e in chosen if e.orphan])
        self._update_count()
        if kept is not None:  # its row, or, hidden now, the next shown in its place (not none)
            row = self._model.row_of(kept)
            lo, hi = self._model.section(kept.orphan)
            place = bisect_left(self._model.rows, kept.key, lo, hi, key=by_key)
            self._keep_a_current_row(place if row is None else row)

    def _update_count(self) -> None:
        self.view.setUniformItemSizes(len(self._model.rows) > FIT_ROWS)  # and the rows' sizes
        terms, color, tag = self._filter
        rows, orphans = len(self._model.rows), self._model.orphans
        shown, total = rows - (1 if orphans else 0), len(self._entries)
        filtered = bool(terms or tag) or color is not None or self.study.narrowing
        self.show_all.setVisible(filtered)
        if total == 0 and not filtered:  # what the list is for, where it is empty
            self.count_label.set_quietly(NO_HIGHLIGHTS)
            return
        whole = count_line(e.highlight for e in self._entries)  # "3 highlights, 1 coded…"
        say = self.count_label.setText if filtered else self.count_label.set_quietly  # as asked
        say(f"{shown} of {total}" if filtered else whole)

    def _nothing_shown(self) -> str:
        _terms, color, tag = self._filter  # with no highlight, the count says what to do
        only_words = color is None and not tag and not self.study.narrowing
        return nothing_shown(self.filter_edit.text().strip(), only_words) if self._entries else ""

    # Interaction -------------------------------------------------------------------------

    def _set_row(self, row: int) -> None:
        rows = self._model.rows
        if rows[row] is None:  # the header: the orphan below it, or the row above
            row = row + 1 if row + 1 < len(rows) else row - 1
        if 0 <= row < len(rows):
            index = self._rows.index(row, 0)
            # That row alone, whatever keys are held: the view's own setCurrentIndex reads
            # them, and during Ctrl+Z (Ctrl down) kept the selection as it was.
            self.view.selectionModel().setCurrentIndex(index, ALONE)
            self._in_view.keep()

    def focus_list(self) -> None:
        self.view.setFocus()  # a row selected as it comes (ListKeys)

    def jump(self, index: Index) -> None:
        entry = self.entry_at(index)
        # A row of another interview opens it first (the rows are made again then).
        if entry is not None and self.study.reach(entry) and not entry.highlight.orphan:
            self.jumpRequested.emit(entry.highlight.id)
            if self.current_id() != entry.highlight.id:  # the others selected stay so
                self.select(entry.highlight.id)

    def entry_at(self, index: Index) -> Entry | None:
        return self._model.rows[index.row()] if index.isValid() else None

    def edit(self) -> None:
        if (entry := self.entry_at(self.view.currentIndex())) is not None and self.study.reach(
            entry
        ):
            self.editNoteRequested.emit(entry.highlight.id)

    def delete(self) -> None:
        """The highlights chosen deleted, one step (Backspace too), of other interviews too."""
        if entries := self.keys.chosen():
            self._went = [entry.highlight.id for entry in entries]
            delete_chosen(self._interview, self.study, entries)
