"""How a row of the Annotations list is painted: colour bar, place, quote, note and tags."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from reader.core.annotations import NO_COLOR
from reader.ui.annotations.model import Entry, HighlightListModel, Index
from reader.ui.theme import current, mix, readable_mix, swatch_color
from reader.ui.wrapped_text import in_its_direction, wrapped_lines

PAD_X, PAD_Y, BAR, GAP = 10, 7, 4, 8
STRIP = 2  # the page round a selected card's colour bar
CHIP_ROOM = 15  # px of a code chip beside its dot and name: 9 before the name, 6 after
# Up to this many rows each card is as tall as its text, its codes on a line of their own
# when they do not fit beside the label; beyond, every card has the tallest card's height
# (laying out 10,000 rows then measures one, not each) and its codes end in "+N". Each
# width the dock takes wraps every card again: 200 cards take ~8 ms a step of a drag.
FIT_ROWS = 200


@dataclass(frozen=True)
class CardInks:
    """A card's colours, selected or not, each text readable (4.5:1) on what it is drawn
    on: a grey mixed halfway into the selection's blue took the details line to 2.7:1."""

    back: QColor
    ink: QColor  # the quote
    details: QColor  # "Key quote · Q1 · 0:01 · Name", and the chips' "+N"
    note: QColor
    chip: QColor  # a code chip's fill
    chip_text: QColor


def card_inks(palette: QPalette, selected: bool) -> CardInks:
    role = QPalette.ColorRole
    back = palette.color(role.Highlight if selected else role.Base)
    ink = palette.color(role.HighlightedText if selected else role.Text)
    # A tint of the ink, so far as the ink keeps its contrast on it: on Dark's selection a
    # tenth of white left white names at 4.2:1.
    chip = readable_mix(back, ink, 0.1)
    return CardInks(
        back=back,
        ink=ink,
        details=readable_mix(ink, back, 0.45),
        note=readable_mix(ink, back, 0.2),
        chip=chip,
        chip_text=readable_mix(ink, chip, 0.15),
    )


def _scaled(font: QFont, factor: float) -> QFont:
    font = QFont(font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(7.0, font.pointSizeF() * factor))
    else:
        font.setPixelSize(max(9, round(font.pixelSize() * factor)))
    return font


class HighlightDelegate(QStyledItemDelegate):
    """Paints a row: colour bar, "Label · Q7 · 12:05 · Name" (model.label) with code chips
    (below it when they do not fit beside it), the quote in up to three lines (two with a
    note), the note's first line.

    A card is as tall as its text; in a list of more than FIT_ROWS the view asks for one
    height for all (`uniformItemSizes`): the tallest card's, codes beside the label.
    """

    def __init__(self, view: QListView, model: HighlightListModel) -> None:
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
        row = index.row()
        entry = self._model.rows[row] if 0 <= row < len(self._model.rows) else None
        if self._view.uniformItemSizes() or entry is None:
            return QSize(0, self._height)
        width, h = self._text_width(), entry.highlight
        height = (
            2 * PAD_Y + self._chip_h + 3 + len(self._quote(entry, width)) * self._fm.lineSpacing()
        )
        if h.note:
            height += self._note_h
        if self._codes_below(entry, width):
            height += self._chip_h + 3
        return QSize(0, height)

    def _codes_below(self, entry: Entry, width: int) -> bool:
        """The codes go on a line of their own: they and the whole label do not share one."""
        if not entry.tags or self._view.uniformItemSizes():
            return False
        label = self._fm_small.horizontalAdvance(self._model.label(entry, "  ·  "))
        return label + GAP + self._chips(self._model.codes_of(entry), width)[2] > width

    def _quote(self, entry: Entry, width: int) -> list[str]:
        key = (entry.quote, width, 2 if entry.highlight.note else 3)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > 2000:  # a few screens' worth, or a list's sizes
                self._wrapped.clear()
            lines = self._wrapped[key] = wrapped_lines(entry.quote, self._font, width, key[2])
        return lines

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

    def _paint_entry(self, painter: QPainter, opt: QStyleOptionViewItem, entry: Entry) -> None:
        palette, rect = opt.palette, opt.rect
        style = opt.widget.style() if opt.widget else self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        inks = card_inks(palette, selected)
        ink, back = inks.ink, inks.back
        if not selected:  # a hairline between rows; the selection band makes its own edge
            painter.setPen(mix(back, ink, 0.1))
            painter.drawLine(
                rect.left() + PAD_X, rect.bottom(), rect.right() - PAD_X, rect.bottom()
            )
        self._paint_bar(painter, opt, entry, selected)
        x, width, y = rect.left() + PAD_X + BAR + GAP, self._text_width(), rect.top() + PAD_Y
        fm_small, fm, small = self._fm_small, self._fm, self._small
        meta = self._model.label(entry, "  ·  ")
        below = self._codes_below(entry, width)
        chips, codes = 0, self._model.codes_of(entry)
        if below:  # the whole label, then the codes from the left on the next line
            self._paint_tags(painter, codes, x, y + self._chip_h + 3, width, inks)
        else:  # the label keeps at least half the line; the chips, right-aligned, the rest
            meta_width = min(fm_small.horizontalAdvance(meta), width // 2)
            room = width - meta_width - GAP
            used = self._chips(codes, room)[2]
            chips = self._paint_tags(painter, codes, x + width - used, y, room, inks)
        painter.setFont(small)
        painter.setPen(inks.details)
        elided = fm_small.elidedText(meta, Qt.TextElideMode.ElideRight, width - chips)
        painter.drawText(x, y + 2 + fm_small.ascent(), elided)
        y += (self._chip_h + 3) * (2 if below else 1)
        painter.setFont(self._font)
        painter.setPen(ink)
        # The quote and note read in the direction of their first letter (Hebrew's "?" on
        # the left); the row's label and codes keep the list's.
        painter.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        for line in self._quote(entry, width):
            painter.drawText(x, y + fm.ascent(), line)
            y += fm.lineSpacing()
        if note := entry.highlight.note:
            lines = note.strip().splitlines() or [""]
            first = lines[0] + (" …" if len(lines) > 1 else "")
            painter.setFont(self._italic)
            painter.setPen(inks.note)
            elided = self._fm_italic.elidedText(first, Qt.TextElideMode.ElideRight, width)
            painter.drawText(x, y + 2 + self._fm_italic.ascent(), elided)

    def _paint_bar(
        self, painter: QPainter, opt: QStyleOptionViewItem, entry: Entry, selected: bool
    ) -> None:
        """The card's colour bar, hollow for an orphan, which marks nothing in the text.
        On the selection band it stands on a strip of the page, drawn as on any card: alone
        there, Dark's blue vanished into the blue, and the white edge it had looked hollow."""
        rect, h = opt.rect, entry.highlight
        page = opt.palette.color(QPalette.ColorRole.Base)
        text = opt.palette.color(QPalette.ColorRole.Text)
        bar = QRectF(rect.left() + PAD_X, rect.top() + PAD_Y, BAR, rect.height() - 2 * PAD_Y)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(page)
            painter.drawRoundedRect(bar.adjusted(-STRIP, -STRIP, STRIP, STRIP), 3, 3)
        # A passage with no colour (only coded) has a neutral bar: its codes' chips say it.
        swatch = swatch_color(h.color) if h.color != NO_COLOR else mix(text, page, 0.7)
        painter.setPen(swatch if h.orphan else Qt.PenStyle.NoPen)
        painter.setBrush(Qt.BrushStyle.NoBrush if h.orphan else swatch)
        painter.drawRoundedRect(bar, 2, 2)

    def _chips(
        self, tags: tuple[tuple[str, str], ...], room: int
    ) -> tuple[list[int], int, int, str]:
        """(each chip's width, how many fit in `room`, the width they take, "+N" or ""). When
        none fits whole, the first is narrowed to the room its name elided in: a narrow
        panel showed a code's passages with "+1" and no code at all."""
        if not tags:
            return [], 0, 0, ""
        fm, dot = self._fm_small, self._chip_h // 2  # a code's colour, before its name
        widths = [fm.horizontalAdvance(label) + CHIP_ROOM + dot for _, label in tags]

        def extent(shown: int) -> tuple[int, str]:
            more = f"+{len(tags) - shown}" if shown < len(tags) else ""
            parts = [*widths[:shown], *([fm.horizontalAdvance(more)] if more else [])]
            return sum(parts) + 4 * (len(parts) - 1), more

        shown = len(tags)
        used, more = extent(shown)
        while shown and used > room:
            shown -= 1
            used, more = extent(shown)
        if not shown:
            more = f"+{len(tags) - 1}" if len(tags) > 1 else ""
            first = room - (fm.horizontalAdvance(more) + 4 if more else 0)
            if first >= CHIP_ROOM + dot + fm.horizontalAdvance("Wo…"):
                widths[0], shown, used = first, 1, room
        return widths, shown, used, more

    def _paint_tags(
        self, painter: QPainter, tags: tuple[tuple[str, str], ...], left: int, y: int,
        room: int, inks: CardInks,
    ) -> int:  # fmt: skip
        """Chips for `tags`, (code id, label), from `left`, as many as fit in `room`,
        then "+N".

        Returns the width used, with the gap before the label.
        """
        if not tags:
            return 0
        widths, shown, used, more = self._chips(tags, room)
        fm, height = self._fm_small, self._chip_h
        dot = height // 2
        painter.setFont(self._small)
        x = left
        # A tint of the ink shows a chip on a light or grey page; on High Contrast's black
        # it would not, so there the chip has an edge, as every pane has.
        edge = QPen(mix(inks.back, inks.ink, 0.6), 1) if current().pane_lines else Qt.PenStyle.NoPen
        for (code_id, label), chip in zip(tags[:shown], widths, strict=False):
            painter.setPen(edge)
            painter.setBrush(inks.chip)
            painter.drawRoundedRect(QRectF(x, y, chip, height), height / 2, height / 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self._model.code_color(code_id)))
            painter.drawEllipse(QRectF(x + 5, y + (height - dot) / 2, dot, dot))
            text_x = x + 6 + dot + 3
            painter.setPen(inks.chip_text)
            painter.drawText(
                text_x, y + 2 + fm.ascent(), chip_label(fm, label, chip - CHIP_ROOM - dot)
            )
            x += chip + 4
        if more:
            painter.setPen(inks.details)
            painter.drawText(x, y + 2 + fm.ascent(), more)
        return used + GAP


def chip_label(fm: QFontMetrics, label: str, room: int) -> str:
    """`label` whole where it fits in `room` (a chip's), else elided: the first chip when
    narrowed (HighlightDelegate._chips). Not elidedText alone: at a long name's own
    advance it elided it ("… handheld scann…" with the room for it)."""
    if fm.horizontalAdvance(label) <= room:
        return label
    return in_its_direction(fm.elidedText(label, Qt.TextElideMode.ElideRight, room))
