"""The Annotations dock: every highlight as a filterable list that leads the reader to it."""

from __future__ import annotations

from html import escape
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
from reader.ui.theme import mix, swatch_color

if TYPE_CHECKING:
    from reader.ui.controller import Controller

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
QUOTE_CHARS = 600  # more than two lines hold at any dock width
MEASURE_CHARS = 250  # wider than any dock in any font: enough to tell one line from two
TOOLTIP_CHARS = 2000  # a whole-answer highlight would otherwise fill the screen
PAD_X, PAD_Y, BAR, GAP = 10, 7, 4, 8


class _Entry:
    """One highlight as the list shows it, with what filtering and painting need precomputed."""

    __slots__ = ("haystack", "highlight", "place", "quote")

    def __init__(self, highlight: Highlight, place: str) -> None:
        self.highlight = highlight
        self.place = place  # "Q7", "Intro", or "" for orphans
        self.quote = " ".join(highlight.exact[: QUOTE_CHARS * 2].split())[:QUOTE_CHARS]
        self.haystack = "\n".join((highlight.exact, highlight.note, *highlight.tags)).casefold()


class _Model(QAbstractListModel):
    """The rows shown: entries, and None for the orphans' header."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_Entry | None] = []
        self.orphans = 0
        self.colors: dict[str, str] = {}

    def set_rows(self, rows: list[_Entry | None], orphans: int) -> None:
        # A reset with plain lists is O(n) and far cheaper than diffing 10,000 rows.
        self.beginResetModel()
        self.rows, self.orphans = rows, orphans
        self.endResetModel()

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


def _two_lines(text: str, font: QFont, width: int) -> list[str]:
    """`text` word-wrapped to at most two lines of `width`, the second elided."""
    fm = QFontMetrics(font)
    if fm.horizontalAdvance(text) <= width:
        return [text]
    layout, option = QTextLayout(text, font), QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(width)
    layout.endLayout()
    # Qt counts UTF-16 units; slice there so text beyond the BMP (emoji) splits correctly.
    units = text.encode("utf-16-le")
    cut = 2 * line.textLength()
    first = units[:cut].decode("utf-16-le", "ignore").rstrip()
    rest = units[cut:].decode("utf-16-le", "ignore")
    return [first, fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)]


class _Delegate(QStyledItemDelegate):
    """Paints a row: colour bar, "Label · Q7", the quote (2 lines), the note, tag chips."""

    def __init__(self, view: QListView, model: _Model) -> None:
        super().__init__(view)
        self._view, self._model = view, model
        self._font: QFont | None = None
        self._advances: dict[str, int] = {}  # quote -> its width in the view's font

    def _prepare(self, font: QFont) -> None:
        """Derived fonts and metrics, made once per view font: sizeHint runs for every row."""
        if font == self._font:
            return
        self._font, self._advances = QFont(font), {}
        self._small, self._italic = _scaled(font, 0.86), QFont(font)
        self._italic.setItalic(True)
        self._fm, self._fm_small = QFontMetrics(font), QFontMetrics(self._small)
        self._fm_italic = QFontMetrics(self._italic)

    def _text_width(self) -> int:
        return max(40, self._view.viewport().width() - 2 * PAD_X - BAR - GAP)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        entry = self._model.rows[index.row()]
        self._prepare(option.font)
        small_h = self._fm_small.height()
        if entry is None:
            return QSize(0, small_h + 2 * PAD_Y + 6)
        # Measuring text is the cost of a relayout; a quote's width does not change, so keep it.
        advance = self._advances.get(entry.quote)
        if advance is None:
            advance = self._fm.horizontalAdvance(entry.quote[:MEASURE_CHARS])
            self._advances[entry.quote] = advance
        lines = 1 if advance <= self._text_width() else 2
        height = 2 * PAD_Y + small_h + 3 + lines * self._fm.lineSpacing()
        if entry.highlight.note:
            height += 2 + self._fm_italic.height()
        if entry.highlight.tags:
            height += 5 + small_h + 4
        return QSize(0, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry = self._model.rows[index.row()]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style paints selection and focus; the text is ours
        self._prepare(option.font)
        base, small, italic = self._font, self._small, self._italic
        palette, rect = opt.palette, opt.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        back = palette.color(QPalette.ColorRole.Base)
        if entry is None:
            text = palette.color(QPalette.ColorRole.Text)
            painter.setPen(mix(text, back, 0.8))
            painter.drawLine(rect.left(), rect.top() + 3, rect.right(), rect.top() + 3)
            painter.setPen(mix(text, back, 0.35))
            small.setBold(True)
            painter.setFont(small)
            text_rect = rect.adjusted(PAD_X, PAD_Y + 4, -PAD_X, 0)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft, self._model.header_text())
            small.setBold(False)
            painter.restore()
            return
        style = opt.widget.style() if opt.widget else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
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
        fm_small, fm = self._fm_small, self._fm
        label = self._model.colors.get(h.color, h.color)
        meta = f"{label}  ·  {entry.place}" if entry.place else label
        painter.setFont(small)
        painter.setPen(muted)
        elided = fm_small.elidedText(meta, Qt.TextElideMode.ElideRight, width)
        painter.drawText(x, y + fm_small.ascent(), elided)
        y += fm_small.height() + 3
        painter.setFont(base)
        painter.setPen(ink)
        for line in _two_lines(entry.quote, base, width):
            painter.drawText(x, y + fm.ascent(), line)
            y += fm.lineSpacing()
        if h.note:
            fm_italic = self._fm_italic
            lines = h.note.strip().splitlines() or [""]
            first = lines[0] + (" …" if len(lines) > 1 else "")
            painter.setFont(italic)
            painter.setPen(mix(ink, back, 0.2))
            y += 2
            elided = fm_italic.elidedText(first, Qt.TextElideMode.ElideRight, width)
            painter.drawText(x, y + fm_italic.ascent(), elided)
            y += fm_italic.height()
        if h.tags:
            self._paint_tags(painter, h.tags, small, x, y + 5, width, ink, back)
        painter.restore()

    def _paint_tags(
        self, painter: QPainter, tags: tuple[str, ...], font: QFont, x: int, y: int,
        width: int, ink: QColor, back: QColor,
    ) -> None:  # fmt: skip
        fm = QFontMetrics(font)
        painter.setFont(font)
        right, height = x + width, fm.height() + 4
        for i, tag in enumerate(tags):
            text = f"#{tag}"
            chip = fm.horizontalAdvance(text) + 12
            if x + chip > right:
                painter.setPen(mix(ink, back, 0.45))
                painter.drawText(x, y + 2 + fm.ascent(), f"+{len(tags) - i}")
                return
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mix(back, ink, 0.1))
            painter.drawRoundedRect(QRectF(x, y, chip, height), height / 2, height / 2)
            painter.setPen(mix(ink, back, 0.15))
            painter.drawText(x + 6, y + 2 + fm.ascent(), text)
            x += chip + 4


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
    """Filter box, colour and tag filters, a count, and the list of highlights."""

    jumpRequested = Signal(str)  # highlight id: scroll the reader there
    editNoteRequested = Signal(str)  # highlight id: open the note editor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller: Controller | None = None
        self._entries: list[_Entry] = []
        self._tags: list[str] = []

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
        self.view = QListView(accessibleName="Highlights")
        self.view.setModel(self._model)
        self.view.setItemDelegate(_Delegate(self.view, self._model))
        # Adjust: row heights depend on the width, so re-measure when the dock is resized.
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
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
                self._controller.highlightChanged.disconnect(self._update_entries)
                self._controller.structureChanged.disconnect(self._rebuild)
                self._controller.colorsChanged.disconnect(self._on_colors_changed)
            except (RuntimeError, TypeError):
                pass  # the previous controller is already gone
        self._controller = controller
        controller.highlightChanged.connect(self._update_entries)
        controller.structureChanged.connect(self._rebuild)
        controller.colorsChanged.connect(self._on_colors_changed)
        self._rebuild()

    def visible_ids(self) -> list[str]:
        return [e.highlight.id for e in self._model.rows if e is not None]

    def count_text(self) -> str:
        return self.count_label.text()

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, highlight_id: str) -> None:
        for row, entry in enumerate(self._model.rows):
            if entry is not None and entry.highlight.id == highlight_id:
                self._set_row(row)
                return

    # Building ----------------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Every entry again: question numbers may have changed."""
        self._entries = []
        self._fill_colors()
        self._update_entries()

    def _on_colors_changed(self) -> None:
        self._fill_colors()
        self.view.viewport().update()

    def _update_entries(self, *_changed: Highlight | None) -> None:
        """Entries for the session's highlights, reusing those whose highlight is unchanged."""
        if self._controller is None:
            return
        session = self._controller.session
        known = {e.highlight.id: e for e in self._entries}
        entries = []
        for h in session.notes.highlights:
            entry = known.get(h.id)
            if entry is None or entry.highlight is not h:
                question = None if h.orphan else session.question_at(h.start)
                place = "" if h.orphan else f"Q{question[0]}" if question else "Intro"
                entry = _Entry(h, place)
            entries.append(entry)
        self._entries = entries
        self._fill_tags()
        row = self.view.currentIndex().row()
        self._refilter()
        if self.current_id() is None and row >= 0 and self._model.rows:
            # The current row went away (deleted, say): its successor takes over.
            self._set_row(min(row, len(self._model.rows) - 1))

    def _fill_colors(self) -> None:
        assert self._controller is not None
        self._model.colors = dict(self._controller.session.notes.colors)
        items = []
        for color_id, label in self._model.colors.items():
            pixmap = QPixmap(12, 12)
            pixmap.fill(swatch_color(color_id))
            items.append((QIcon(pixmap), label, color_id))
        _refill(self.color_filter, "All colours", items)

    def _fill_tags(self) -> None:
        tags = sorted({t for e in self._entries for t in e.highlight.tags}, key=str.casefold)
        if tags != self._tags:
            self._tags = tags
            _refill(self.tag_filter, "All tags", [(QIcon(), f"#{t}", t) for t in tags])

    def _refilter(self) -> None:
        terms = self.filter_edit.text().casefold().split()
        color, tag = self.color_filter.currentData(), self.tag_filter.currentData()
        anchored: list[_Entry | None] = []
        orphans: list[_Entry | None] = []
        for entry in self._entries:
            h = entry.highlight
            if (color and h.color != color) or (tag and tag not in h.tags):
                continue
            if all(term in entry.haystack for term in terms):
                (orphans if h.orphan else anchored).append(entry)
        keep_id = self.current_id()
        header: list[_Entry | None] = [None] if orphans else []
        self._model.set_rows(anchored + header + orphans, len(orphans))
        shown, total = len(anchored) + len(orphans), len(self._entries)
        filtered = bool(terms or color or tag)
        noun = "highlight" if total == 1 else "highlights"
        self.count_label.setText(f"{shown} of {total}" if filtered else f"{total} {noun}")
        if keep_id is not None:
            self.select(keep_id)

    # Interaction -------------------------------------------------------------------------

    def _set_row(self, row: int) -> None:
        rows = self._model.rows
        if rows[row] is None:  # the header: the orphan below it, or the row above
            row = row + 1 if row + 1 < len(rows) else row - 1
        if 0 <= row < len(rows):
            index = self._model.index(row)
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
