"""The Annotations dock: every highlight as a filterable list that leads the reader to it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from html import escape
from itertools import pairwise
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPixmap,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations import Highlight
from reader.core.offsets import Utf16Index
from reader.ui.theme import mix, swatch_color

if TYPE_CHECKING:
    from reader.ui.interview.controller import Controller

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
QUOTE_CHARS = 600  # more than three lines hold at any dock width
TOOLTIP_CHARS = 2000  # a whole-answer highlight would otherwise fill the screen
PAD_X, PAD_Y, BAR, GAP = 10, 7, 4, 8


class _Entry:
    """One highlight as the list shows it, with what filtering and painting need precomputed."""

    __slots__ = ("color", "haystack", "highlight", "key", "orphan", "place", "quote", "tags")

    def __init__(self, highlight: Highlight, place: str) -> None:
        self.highlight = highlight
        self.place = place  # "Q7", "Intro", or "" for orphans
        self.quote = " ".join(highlight.exact[: QUOTE_CHARS * 2].split())[:QUOTE_CHARS]
        self.haystack = "\n".join((highlight.exact, highlight.note, *highlight.tags)).casefold()
        # Copied out of the highlight: filtering reads them for every row on each keystroke.
        self.key = (highlight.start, highlight.end)  # the session's (document) order
        self.color, self.tags, self.orphan = highlight.color, highlight.tags, highlight.orphan

    def placed(self, place: str) -> _Entry:
        """This entry under another question number, reusing the text work."""
        if place == self.place:
            return self
        entry = _Entry.__new__(_Entry)
        for name in _Entry.__slots__:
            setattr(entry, name, getattr(self, name))
        entry.place = place
        return entry


_key = attrgetter("key")


def _find(entries: Sequence[_Entry | None], entry: _Entry, lo: int, hi: int) -> int | None:
    """Index of `entry` in the sorted `entries[lo:hi]`: a bisection, then its equal keys."""
    i = bisect_left(entries, entry.key, lo, hi, key=_key)
    while i < hi and (other := entries[i]) is not None and other.key == entry.key:
        if other is entry:
            return i
        i += 1
    return None


class _Model(QAbstractListModel):
    """The rows shown: anchored entries, then None for the orphans' header and the orphans.

    Both parts are in document order, as the session keeps its highlights, so a row is found
    or placed by bisection.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_Entry | None] = []
        self.orphans = 0
        self.colors: dict[str, str] = {}

    def set_rows(self, anchored: list[_Entry], orphans: list[_Entry]) -> None:
        # A reset with plain lists is O(n) and far cheaper than diffing 10,000 rows.
        self.beginResetModel()
        self.rows = [*anchored, None, *orphans] if orphans else list(anchored)
        self.orphans = len(orphans)
        self.endResetModel()

    def section(self, orphan: bool) -> tuple[int, int]:
        """The rows [lo, hi) of the anchored part, or of the orphans (empty: no header)."""
        anchored = len(self.rows) - self.orphans - (1 if self.orphans else 0)
        return (anchored + 1, len(self.rows)) if orphan else (0, anchored)

    def row_of(self, entry: _Entry) -> int | None:
        return _find(self.rows, entry, *self.section(entry.orphan))

    def insert(self, entry: _Entry) -> None:
        """Show `entry` in its place; the orphans' header comes with the first orphan."""
        lo, hi = self.section(entry.orphan)
        if entry.orphan and not self.orphans:
            self._insert(hi, [None, entry])
            self.orphans = 1
            return
        # After the entries with the same (start, end), where the session puts it too.
        self._insert(bisect_right(self.rows, entry.key, lo, hi, key=_key), [entry])
        if entry.orphan:
            self.orphans += 1
            self._header_changed()

    def remove(self, row: int) -> None:
        """Hide the entry at `row`; the header goes with the last orphan."""
        entry = self.rows[row]
        assert entry is not None
        if entry.orphan and self.orphans == 1:
            self._remove(row - 1, 2)
            self.orphans = 0
            return
        self._remove(row, 1)
        if entry.orphan:
            self.orphans -= 1
            self._header_changed()

    def replace(self, row: int, entry: _Entry) -> None:
        self.rows[row] = entry
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def _insert(self, row: int, rows: list[_Entry | None]) -> None:
        self.beginInsertRows(QModelIndex(), row, row + len(rows) - 1)
        self.rows[row:row] = rows
        self.endInsertRows()

    def _remove(self, row: int, count: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.rows[row : row + count]
        self.endRemoveRows()

    def _header_changed(self) -> None:
        index = self.index(self.section(True)[0] - 1)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.rows[index.row()] is None:
            return Qt.ItemFlag.NoItemFlags  # the header: skipped by the keyboard and the mouse
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def header_text(self) -> str:
        return f"Not found in the current text ({self.orphans})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.rows[index.row()]
        if entry is None:
            return self.header_text() if role == Qt.ItemDataRole.DisplayRole else None
        h = entry.highlight
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.quote
        if role == ID_ROLE:
            return h.id
        if role == Qt.ItemDataRole.ToolTipRole:
            quote = h.exact if len(h.exact) <= TOOLTIP_CHARS else h.exact[:TOOLTIP_CHARS] + "…"
            label = " · ".join(filter(None, (self.colors.get(h.color, h.color), entry.place)))
            parts = [f"<b>{escape(label)}</b>", escape(quote).replace("\n", "<br>")]
            if h.note:
                parts.append(f"<i>{escape(h.note).replace(chr(10), '<br>')}</i>")
            if h.tags:
                parts.append(escape(" ".join(f"#{t}" for t in h.tags)))
            return "<p>" + "</p><p>".join(parts) + "</p>"  # rich text, so Qt wraps it
        if role == Qt.ItemDataRole.StatusTipRole and h.orphan:
            return "This quote is not in the current text: edit its note (F2) or delete it."
        return None


def _scaled(font: QFont, factor: float) -> QFont:
    font = QFont(font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(7.0, font.pointSizeF() * factor))
    else:
        font.setPixelSize(max(9, round(font.pixelSize() * factor)))
    return font


def _wrapped(text: str, font: QFont, width: int, count: int) -> list[str]:
    """`text` word-wrapped to at most `count` lines of `width`, the last one elided."""
    fm = QFontMetrics(font)
    if fm.horizontalAdvance(text) <= width:
        return [text]
    layout, option = QTextLayout(text, font), QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    for _ in range(count):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    # Qt's line starts count UTF-16 units: convert them in the one place that does that.
    index = Utf16Index(text)
    cuts = [index.to_code_point(start) for start in starts]
    lines = [text[a:b].rstrip() for a, b in pairwise(cuts)]
    rest = text[cuts[-1] :]
    return [*lines, fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)]


class _Delegate(QStyledItemDelegate):
    """Paints a row: colour bar, "Label · Q7" with tag chips, the quote, the note.

    Every row has one height, so the view lays out 10,000 rows without measuring them: the
    label line, two lines of quote and a line for the note's first line, which the quote
    takes when there is no note.
    """

    def __init__(self, view: QListView, model: _Model) -> None:
        super().__init__(view)
        self._view, self._model = view, model
        self._font: QFont | None = None
        # (quote, width, lines) -> its lines: a change repaints every visible row, unchanged.
        self._wrapped: dict[tuple[str, int, int], list[str]] = {}

    def _prepare(self, font: QFont) -> None:
        """Derived fonts, metrics and the row's geometry, made once per view font."""
        if font == self._font:
            return
        self._font, self._wrapped = QFont(font), {}
        self._small, self._italic = _scaled(font, 0.86), QFont(font)
        self._italic.setItalic(True)
        self._fm, self._fm_small = QFontMetrics(font), QFontMetrics(self._small)
        self._fm_italic = QFontMetrics(self._italic)
        self._chip_h = self._fm_small.height() + 4  # the label line holds the tag chips
        self._note_h = max(self._fm.lineSpacing(), 2 + self._fm_italic.height())
        self._height = 2 * PAD_Y + self._chip_h + 3 + 2 * self._fm.lineSpacing() + self._note_h

    def _text_width(self) -> int:
        return max(40, self._view.viewport().width() - 2 * PAD_X - BAR - GAP)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self._prepare(option.font)
        return QSize(0, self._height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry = self._model.rows[index.row()]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style paints selection and focus; the text is ours
        self._prepare(option.font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if entry is None:
            self._paint_header(painter, opt)
        else:
            self._paint_entry(painter, opt, entry)
        painter.restore()

    def _paint_header(self, painter: QPainter, opt: QStyleOptionViewItem) -> None:
        """The orphans' header: its title low in the row, near its orphans, then a rule."""
        palette, rect, small = opt.palette, opt.rect, QFont(self._small)
        text, back = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
        small.setBold(True)
        fm = QFontMetrics(small)
        x, right = rect.left() + PAD_X, rect.right() - PAD_X
        title = fm.elidedText(self._model.header_text(), Qt.TextElideMode.ElideRight, right - x)
        y = rect.bottom() - PAD_Y - fm.height()
        painter.setPen(mix(text, back, 0.35))
        painter.setFont(small)
        painter.drawText(x, y + fm.ascent(), title)
        start = x + fm.horizontalAdvance(title) + GAP
        if start < right:
            painter.setPen(mix(text, back, 0.8))
            middle = y + fm.ascent() - fm.xHeight() // 2
            painter.drawLine(start, middle, right, middle)

    def _paint_entry(self, painter: QPainter, opt: QStyleOptionViewItem, entry: _Entry) -> None:
        palette, rect = opt.palette, opt.rect
        style = opt.widget.style() if opt.widget else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        back = palette.color(QPalette.ColorRole.Base)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:
            back = palette.color(QPalette.ColorRole.Highlight)
            ink = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            ink = palette.color(QPalette.ColorRole.Text)
            # A hairline between rows; the selection band makes its own edge.
            painter.setPen(mix(back, ink, 0.1))
            painter.drawLine(
                rect.left() + PAD_X, rect.bottom(), rect.right() - PAD_X, rect.bottom()
            )
        muted = mix(ink, back, 0.45)
        h = entry.highlight
        bar = QRectF(rect.left() + PAD_X, rect.top() + PAD_Y, BAR, rect.height() - 2 * PAD_Y)
        swatch = swatch_color(h.color)
        # Hollow for orphans, which mark nothing in the text; outlined on the selection band.
        painter.setPen(swatch if h.orphan else ink if selected else Qt.PenStyle.NoPen)
        painter.setBrush(Qt.BrushStyle.NoBrush if h.orphan else swatch)
        painter.drawRoundedRect(bar, 2, 2)

        x, width, y = int(bar.right()) + GAP, self._text_width(), rect.top() + PAD_Y
        fm_small, fm, small = self._fm_small, self._fm, self._small
        label = self._model.colors.get(h.color, h.color)
        meta = f"{label}  ·  {entry.place}" if entry.place else label
        # The label keeps at least half the line; the tag chips, right-aligned, the rest.
        meta_width = min(fm_small.horizontalAdvance(meta), width // 2)
        chips = self._paint_tags(painter, h.tags, x + width, y, width - meta_width - GAP, ink, back)
        painter.setFont(small)
        painter.setPen(muted)
        elided = fm_small.elidedText(meta, Qt.TextElideMode.ElideRight, width - chips)
        painter.drawText(x, y + 2 + fm_small.ascent(), elided)
        y += self._chip_h + 3
        painter.setFont(self._font)
        painter.setPen(ink)
        key = (entry.quote, width, 2 if h.note else 3)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > 500:  # a few screens' worth
                self._wrapped.clear()
            lines = self._wrapped[key] = _wrapped(entry.quote, self._font, width, key[2])
        for line in lines:
            painter.drawText(x, y + fm.ascent(), line)
            y += fm.lineSpacing()
        if h.note:
            lines = h.note.strip().splitlines() or [""]
            first = lines[0] + (" …" if len(lines) > 1 else "")
            painter.setFont(self._italic)
            painter.setPen(mix(ink, back, 0.2))
            elided = self._fm_italic.elidedText(first, Qt.TextElideMode.ElideRight, width)
            painter.drawText(x, y + 2 + self._fm_italic.ascent(), elided)

    def _paint_tags(
        self, painter: QPainter, tags: tuple[str, ...], right: int, y: int, room: int,
        ink: QColor, back: QColor,
    ) -> int:  # fmt: skip
        """Chips for `tags` ending at `right`, as many as fit in `room`, then "+N".

        Returns the width used, with the gap before the label.
        """
        if not tags:
            return 0
        fm, height = self._fm_small, self._chip_h
        widths = [fm.horizontalAdvance(f"#{tag}") + 12 for tag in tags]

        def extent(shown: int) -> tuple[int, str]:
            more = f"+{len(tags) - shown}" if shown < len(tags) else ""
            parts = [*widths[:shown], *([fm.horizontalAdvance(more)] if more else [])]
            return sum(parts) + 4 * (len(parts) - 1), more

        shown = len(tags)
        used, more = extent(shown)
        while shown and used > room:
            shown -= 1
            used, more = extent(shown)
        painter.setFont(self._small)
        x = right - used
        for tag, chip in zip(tags[:shown], widths, strict=False):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mix(back, ink, 0.1))
            painter.drawRoundedRect(QRectF(x, y, chip, height), height / 2, height / 2)
            painter.setPen(mix(ink, back, 0.15))
            painter.drawText(x + 6, y + 2 + fm.ascent(), f"#{tag}")
            x += chip + 4
        if more:
            painter.setPen(mix(ink, back, 0.45))
            painter.drawText(x, y + 2 + fm.ascent(), more)
        return used + GAP


def _refill(combo: QComboBox, first: str, items: list[tuple[QIcon, str, str]]) -> None:
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


class AnnotationsPanel(QWidget):
    """Filter box, colour and tag filters, a count, and the list of highlights.

    A highlight added, removed or edited changes its own row only; every entry is made again
    when the controller or the interview's structure changes, and the rows when a filter does.
    """

    jumpRequested = Signal(str)  # highlight id: scroll the reader there
    editNoteRequested = Signal(str)  # highlight id: open the note editor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller: Controller | None = None
        self._stale = False  # the session changed while the panel was hidden
        self._entries: list[_Entry] = []  # every highlight, in the session's order
        self._by_id: dict[str, _Entry] = {}
        self._tag_counts: Counter[str] = Counter()
        self._tags: list[str] = []  # the tag filter's items
        self._filter: tuple[list[str], str | None, str | None] = ([], None, None)

        self.filter_edit = QLineEdit(placeholderText="Filter quotes, notes, tags")
        self.filter_edit.setClearButtonEnabled(True)
        self.color_filter = QComboBox(accessibleName="Colour filter")
        self.tag_filter = QComboBox(accessibleName="Tag filter")
        adjust = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        for combo in (self.color_filter, self.tag_filter):
            combo.setSizeAdjustPolicy(adjust)  # long tags must not widen the dock
            combo.setMinimumContentsLength(6)
        self.color_filter.addItem("All colours")
        self.tag_filter.addItem("All tags")
        self.count_label = QLabel()
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self._model = _Model(self)
        # After any insertion, removal or change the view lays out every row again, asking
        # the model for each row's index twice: asked of a Python model, that is 20,000 calls
        # into Python and ~20 ms at 10,000 highlights. QSortFilterProxyModel keeps its own
        # map of the rows and answers in C++ (QIdentityProxyModel would ask the model). It
        # neither sorts nor filters here, so its rows are the model's rows.
        self._rows = QSortFilterProxyModel(self)
        self._rows.setSourceModel(self._model)
        self.view = QListView(accessibleName="Highlights")
        self.view.setModel(self._rows)
        self.view.setItemDelegate(_Delegate(self.view, self._model))
        # One height for every row, whatever the width: laying out 10,000 rows measures one.
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setMouseTracking(True)  # status tips on hover
        self.view.installEventFilter(self)
        self.view.clicked.connect(self._jump)
        self.view.customContextMenuRequested.connect(self._context_menu)

        filters = QHBoxLayout()
        filters.addWidget(self.color_filter, 1)
        filters.addWidget(self.tag_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_edit)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)

        self.filter_edit.textChanged.connect(self._refilter)
        self.filter_edit.returnPressed.connect(self._focus_list)
        self.color_filter.currentIndexChanged.connect(self._refilter)
        self.tag_filter.currentIndexChanged.connect(self._refilter)
        self._refilter()

    # Public ------------------------------------------------------------------------------

    def set_controller(self, controller: Controller) -> None:
        if self._controller is not None:
            try:
                self._controller.highlightChanged.disconnect(self._on_highlight_changed)
                self._controller.structureChanged.disconnect(self._rebuild)
                self._controller.colorsChanged.disconnect(self._on_colors_changed)
            except (RuntimeError, TypeError):
                pass  # the previous controller is already gone
        self._controller = controller
        controller.highlightChanged.connect(self._on_highlight_changed)
        controller.structureChanged.connect(self._rebuild)
        controller.colorsChanged.connect(self._on_colors_changed)
        self._entries, self._by_id = [], {}  # another session: nothing to reuse
        self._rebuild()

    def visible_ids(self) -> list[str]:
        self._ensure_built()
        return [e.highlight.id for e in self._model.rows if e is not None]

    def count_text(self) -> str:
        self._ensure_built()
        return self.count_label.text()

    def current_id(self) -> str | None:
        self._ensure_built()
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, highlight_id: str) -> None:
        self._ensure_built()
        entry = self._by_id.get(highlight_id)
        row = None if entry is None else self._model.row_of(entry)
        if row is not None:
            self._set_row(row)

    # Building ----------------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Every entry again, for question numbers may have changed; then every row.

        While the panel is hidden (a tab behind the outline, as at start-up) this waits
        until it is shown: 10,000 entries cost ~80 ms that the first paint need not pay.
        """
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
        if self._controller is None:
            return
        session = self._controller.session
        self._fill_colors()
        known, entries = self._by_id, []
        for h in session.notes.highlights:
            entry = known.get(h.id)
            place = self._place(h)
            if entry is None or entry.highlight is not h:
                entry = _Entry(h, place)
            entries.append(entry.placed(place))
        self._entries = entries
        self._by_id = {e.highlight.id: e for e in entries}
        self._tag_counts = Counter(t for e in entries for t in e.tags)
        self._fill_tags()
        row = self.view.currentIndex().row()
        self._refilter()
        self._keep_a_current_row(row)

    def _place(self, highlight: Highlight) -> str:
        assert self._controller is not None
        if highlight.orphan:
            return ""
        question = self._controller.session.question_at(highlight.start)
        return f"Q{question[0]}" if question else "Intro"

    def _on_highlight_changed(self, before: Highlight | None, after: Highlight | None) -> None:
        """One highlight added (before None), removed (after None) or edited: its row only."""
        if self._controller is None or self._stale:
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
        new = None if after is None else _Entry(after, self._place(after))
        if old is not None:
            self._forget(old)
        if new is not None:
            self._learn(new)
        self._show_change(old, new)
        if self._fill_tags() and self.tag_filter.currentData() != self._filter[2]:
            self._refilter()  # the tag filtered on is no longer in use: the filter fell back
        else:
            self._update_count()
        if keep_id is not None and self.current_id() != keep_id:
            self.select(keep_id)  # the row moved (an edit), or was replaced under the view
        self._keep_a_current_row(row)

    def _forget(self, entry: _Entry) -> None:
        i = _find(self._entries, entry, 0, len(self._entries))
        assert i is not None
        del self._entries[i]
        del self._by_id[entry.highlight.id]
        self._tag_counts.subtract(entry.tags)
        for tag in entry.tags:
            if self._tag_counts[tag] <= 0:
                del self._tag_counts[tag]

    def _learn(self, entry: _Entry) -> None:
        # After the highlights with the same (start, end), as the session inserts it.
        i = bisect_right(self._entries, entry.key, key=_key)
        self._entries.insert(i, entry)
        self._by_id[entry.highlight.id] = entry
        self._tag_counts.update(entry.tags)

    def _show_change(self, old: _Entry | None, new: _Entry | None) -> None:
        """Move the rows from showing `old` to showing `new`; either may be None."""
        model = self._model
        row = None if old is None else model.row_of(old)
        shown = new is not None and self._passes(new)
        if row is not None and shown:
            assert old is not None and new is not None
            # Where `new` goes once `old` is out: if that is `old`'s row, replace it in place.
            lo, hi = model.section(new.orphan)
            place = bisect_right(model.rows, new.key, lo, hi, key=_key)
            if new.orphan == old.orphan and place - (place > row) == row:
                model.replace(row, new)
                return
        if row is not None:
            model.remove(row)
        if shown:
            assert new is not None
            model.insert(new)

    def _passes(self, entry: _Entry) -> bool:
        terms, color, tag = self._filter
        return (
            (not color or entry.color == color)
            and (not tag or tag in entry.tags)
            and all(term in entry.haystack for term in terms)
        )

    def _keep_a_current_row(self, row: int) -> None:
        if self.current_id() is None and row >= 0 and self._model.rows:
            # The current row went away (deleted, say): its successor takes over.
            self._set_row(min(row, len(self._model.rows) - 1))

    def _on_colors_changed(self) -> None:
        self._fill_colors()
        self.view.viewport().update()

    def _fill_colors(self) -> None:
        assert self._controller is not None
        self._model.colors = dict(self._controller.session.notes.colors)
        items = []
        for color_id, label in self._model.colors.items():
            pixmap = QPixmap(12, 12)
            pixmap.fill(swatch_color(color_id))
            items.append((QIcon(pixmap), label, color_id))
        _refill(self.color_filter, "All colours", items)

    def _fill_tags(self) -> bool:
        """Offer the tags in use; True if they changed."""
        if len(self._tag_counts) == len(self._tags) and all(
            t in self._tag_counts for t in self._tags
        ):
            return False
        self._tags = sorted(self._tag_counts, key=str.casefold)
        _refill(self.tag_filter, "All tags", [(QIcon(), f"#{t}", t) for t in self._tags])
        return True

    def _refilter(self) -> None:
        terms = self.filter_edit.text().casefold().split()
        color, tag = self.color_filter.currentData(), self.tag_filter.currentData()
        self._filter = (terms, color, tag)
        # One comprehension per condition: a keystroke filters 10,000 rows in a few ms.
        chosen = self._entries
        if color:
            chosen = [e for e in chosen if e.color == color]
        if tag:
            chosen = [e for e in chosen if tag in e.tags]
        for term in terms:
            chosen = [e for e in chosen if term in e.haystack]
        keep_id = self.current_id()
        self._model.set_rows([e for e in chosen if not e.orphan], [e for e in chosen if e.orphan])
        self._update_count()
        if keep_id is not None:
            self.select(keep_id)

    def _update_count(self) -> None:
        terms, color, tag = self._filter
        rows, orphans = len(self._model.rows), self._model.orphans
        shown, total = rows - (1 if orphans else 0), len(self._entries)
        noun = "highlight" if total == 1 else "highlights"
        filtered = bool(terms or color or tag)
        self.count_label.setText(f"{shown} of {total}" if filtered else f"{total} {noun}")

    # Interaction -------------------------------------------------------------------------

    def _set_row(self, row: int) -> None:
        rows = self._model.rows
        if rows[row] is None:  # the header: the orphan below it, or the row above
            row = row + 1 if row + 1 < len(rows) else row - 1
        if 0 <= row < len(rows):
            index = self._rows.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _focus_list(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self._model.rows:
            self._set_row(0)

    def _jump(self, index: Index) -> None:
        entry = self._model.rows[index.row()] if index.isValid() else None
        if entry is not None and not entry.highlight.orphan:
            self.jumpRequested.emit(entry.highlight.id)

    def _jump_current(self) -> None:
        self._jump(self.view.currentIndex())

    def _edit(self) -> None:
        if (highlight_id := self.current_id()) is not None:
            self.editNoteRequested.emit(highlight_id)

    def _delete(self) -> None:
        if (highlight_id := self.current_id()) is not None and self._controller is not None:
            self._controller.delete_highlight(highlight_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            handler = {
                Qt.Key.Key_Return: self._jump_current,
                Qt.Key.Key_Enter: self._jump_current,
                Qt.Key.Key_F2: self._edit,
                Qt.Key.Key_Delete: self._delete,
                Qt.Key.Key_Backspace: self._delete,
            }.get(Qt.Key(event.key()))
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if handler is not None and plain:
                handler()
                return True
        return super().eventFilter(watched, event)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        entry = self._model.rows[index.row()] if index.isValid() else None
        if entry is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        go = menu.addAction("&Go to Highlight", lambda: self._jump(index))
        go.setEnabled(not entry.highlight.orphan)
        menu.addAction("Edit &Note…", self._edit)
        menu.addAction("&Delete Highlight", self._delete)
        menu.exec(self.view.viewport().mapToGlobal(pos))
