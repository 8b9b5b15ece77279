"""The Export dialog's codes: one checkable list in place of a check box a code, so that a
study of 1,000 codes opens at once (1,000 boxes took about 170 ms). In the codebook's order,
three to a row as the colours' boxes, each in its code's colour, narrowed by name with a
filter (`CodeList.shown`); a code filtered out stays ticked. A sub-code is named by its path
("Rituals / Café culture"), shown, read out and filtered so (`offered`)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFontMetrics, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QWidget,
)

from reader.core.codebook import Codebook
from reader.ui.theme import color_icon

COLUMNS = 3
ROWS_SHOWN = 8  # more codes scroll: a large codebook keeps the dialog on the screen
LABEL_CHARS = 30  # a longer label is cut in its middle (its whole in the tooltip)
ID_ROLE = Qt.ItemDataRole.UserRole  # the code's id
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # its whole label, which the filter searches

Role = Qt.ItemDataRole
Index = QModelIndex | QPersistentModelIndex
Codes = dict[str, tuple[str, str]]  # code id -> (label, colour)


def offered(book: Codebook, ids: set[str]) -> Codes:
    """The codes `ids` of `book`, each by its path from the top (its parent, not in use
    itself, shows still), in the codebook tree's order: a code's sub-codes follow it."""
    order = [code for _, code in book.tree()]
    placed = {code.id for code in order}
    order += [code for code in book if code.id not in placed]  # under a code not found
    return {code.id: (book.path(code.id), code.color) for code in order if code.id in ids}


def elided(metrics: QFontMetrics, label: str) -> str:
    """`label` cut in its middle past LABEL_CHARS average characters: a long name would
    widen its column, and the dialog, past a laptop's screen."""
    room = metrics.averageCharWidth() * LABEL_CHARS
    return metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, room)


class CodeChoices(QAbstractListModel):
    """The codes offered, a row each (id, label shown, whole label, colour), and the ids
    ticked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, str]] = []
        self.ticked: set[str] = set()
        self.every = False  # a format that takes every code: all shown ticked, `ticked` kept

    def fill(self, codes: Codes, metrics: QFontMetrics) -> int:
        """Offer `codes` (those ticked before stay ticked); the row widest in `metrics`."""
        self.beginResetModel()
        self._rows = [(c, elided(metrics, name), name, color) for c, (name, color) in codes.items()]
        self.ticked &= codes.keys()
        self.endResetModel()
        widths = [metrics.horizontalAdvance(shown) for _, shown, _, _ in self._rows]
        return max(range(len(widths)), key=widths.__getitem__, default=-1)

    def show_every(self, every: bool) -> None:
        """Show every code ticked (a REFI-QDA file takes them all), or the choice again."""
        self.every = every
        if self._rows:
            last = self.index(len(self._rows) - 1)
            self.dataChanged.emit(self.index(0), last, [Role.CheckStateRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Role.DisplayRole) -> object:
        code_id, shown, label, color = self._rows[index.row()]
        if role == Role.DisplayRole:
            return shown
        if role == Role.CheckStateRole:
            ticked = self.every or code_id in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Role.DecorationRole:  # a code's colour, not the colour label of its name
            return color_icon(color)
        if role == Role.ToolTipRole:
            return label if shown != label else None
        if role in (NAME_ROLE, Role.AccessibleTextRole):
            return label
        if role == ID_ROLE:
            return code_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: Index, value: object, role: int = Role.EditRole) -> bool:
        if role != Role.CheckStateRole or not index.isValid():
            return False
        code_id = self._rows[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:  # type: ignore[call-overload]
            self.ticked.add(code_id)
        else:
            self.ticked.discard(code_id)
        self.dataChanged.emit(index, index, [Role.CheckStateRole])
        return True


class TickOnClick(QStyledItemDelegate):
    """A click anywhere on a code ticks it, as on a check box's label; Space as Qt's. Every
    row is `size` (the list's cell): the text of one longer than the first is not cut. A
    row is painted where the colours' box of its column stands, `pitch` apart, and `shift`
    pixels to the left (`CodeList.check_inset`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = QSize()
        self.shift = 0
        self.pitch = 0.0

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        rect: QRect = option.rect
        if self.size.isValid():
            column = rect.x() // self.size.width()
            move = round(column * self.pitch) - column * self.size.width() - self.shift
            option.rect = rect.translated(move, 0)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return self.size if self.size.isValid() else super().sizeHint(option, index)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractListModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
            and option.rect.contains(event.position().toPoint())
            and option.state & QStyle.StateFlag.State_Enabled
        ):
            on = index.data(Role.CheckStateRole) == Qt.CheckState.Checked
            state = Qt.CheckState.Unchecked if on else Qt.CheckState.Checked
            return model.setData(index, state, Role.CheckStateRole)
        return super().editorEvent(event, model, option, index)


class CodeList(QListView):
    """The codes, COLUMNS to a row and ROWS_SHOWN rows tall at most; `choices` holds them
    and what is ticked, `shown` the rows the filter lets through."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = CodeChoices(self)
        self.shown = QSortFilterProxyModel(self)
        self.shown.setSourceModel(self.choices)
        self.shown.setFilterRole(NAME_ROLE)
        self.shown.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModel(self.shown)
        self._delegate = TickOnClick(self)
        self.setItemDelegate(self._delegate)
        self.setFlow(QListView.Flow.LeftToRight)  # in rows, as the colours' boxes
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)  # laid out without asking each of 1,000 rows
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # On the group's own background, lined up with the colours' boxes, as they were.
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.setAccessibleName("Codes")
        self.setAccessibleDescription("Space ticks the code; none ticked exports every code")
        self._cell = QSize()
        self._across = 0

    def fill(self, codes: Codes) -> None:
        """Offer `codes` (those ticked before stay ticked) and fit the list to them."""
        widest = self.choices.fill(codes, self.fontMetrics())
        if widest < 0:
            return
        # The widest row sizes every cell, so the layout asks no other.
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        self._delegate.size = QSize()
        self._delegate.shift = self.check_inset(option)
        hint = self._delegate.sizeHint(option, self.choices.index(widest))
        # Spaced as the colours' boxes are in their grid.
        metric, style = QStyle.PixelMetric, self.style()
        across = max(6, style.pixelMetric(metric.PM_LayoutHorizontalSpacing))
        down = max(4, style.pixelMetric(metric.PM_LayoutVerticalSpacing))
        self._cell = QSize(hint.width() + across, hint.height() + down)
        self._across = across
        # COLUMNS of them, or as many as fit four fifths of a small screen.
        room = self.screen().availableGeometry().width() * 4 // 5
        columns = max(1, min(COLUMNS, len(codes), room // self._cell.width()))
        rows = -(-len(codes) // columns)
        scrolls = rows > ROWS_SHOWN
        # Shown from the start, not as needed: a bar come later would narrow the room
        # the columns were fitted to, and push the last of a row to the next.
        on, off = Qt.ScrollBarPolicy.ScrollBarAlwaysOn, Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        self.setVerticalScrollBarPolicy(on if scrolls else off)
        self.setFixedHeight(min(rows, ROWS_SHOWN) * self._cell.height())
        bar = self.verticalScrollBar().sizeHint().width() if scrolls else 0
        # + 1: a row wraps at the viewport's last pixel, not past it.
        self.setMinimumWidth(columns * self._cell.width() + bar + 1)
        self._fit_columns()

    def check_inset(self, option: QStyleOptionViewItem) -> int:
        """How much further in a row's box stands in its cell (a focus frame's margin, in
        most styles) than a check box's in the check box: the rows drawn that much to the
        left, the codes' boxes line up with the colours' boxes above them."""
        item = QStyleOptionViewItem(option)
        item.rect = QRect(0, 0, 200, 40)
        item.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        box = QStyleOptionButton()
        box.initFrom(self)
        box.rect = QRect(0, 0, 200, 40)
        element, style = QStyle.SubElement, self.style()
        inset = style.subElementRect(element.SE_ItemViewItemCheckIndicator, item, self).x()
        return max(0, inset - style.subElementRect(element.SE_CheckBoxIndicator, box, None).x())

    def narrow(self, text: str) -> None:
        """Show the codes whose names hold `text`, in any case; the others keep their ticks."""
        self.shown.setFilterFixedString(text.strip())

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """COLUMNS cells share the width, as a grid's columns do; each is painted where a
        grid as wide as the list, its columns as wide as each other and `_across` apart
        (the colours' boxes above), starts its column."""
        if self._cell.isValid():
            width = max(self._cell.width(), (self.viewport().width() - 1) // COLUMNS)
            self._delegate.size = QSize(width, self._cell.height())
            self._delegate.pitch = max(width, (self.width() + self._across) / COLUMNS)
            self.scheduleDelayedItemsLayout()
