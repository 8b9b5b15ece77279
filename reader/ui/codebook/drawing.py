"""Pictures of the coding, drawn with QPainter: a heat map of a count matrix (codes ×
interviews, × an attribute's values, or × codes for co-occurrence) and frequency bars.

One drawing serves the window, PNG (QImage) and SVG (QSvgGenerator, in QtSvg, which
PySide6-Essentials has), in parts: the title, the row labels, the column labels and the
body (cells or bars). A file gets them all (`draw`); the window paints each part in a pane
of its own, so that the labels stay while the body scrolls (picture_view.py). QtCharts was
weighed and left out: it lives in PySide6-Addons, a second wheel several times the size
of what the app installs (see docs/codebook.md), and a heat map is not one of its chart
types anyway. Painting only the cells in the exposed rectangle keeps a 1,000 × 500
matrix scrollable.

On screen a picture takes the theme's colours (`screen_ink`); saved as PNG or SVG it keeps
white paper (`PAPER`), as a paper, a slide or a printer wants it whatever the theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from reader.core.codebook import PATH_SEPARATOR
from reader.core.codebook_retrieval import Matrix
from reader.core.wording import counted
from reader.ui import theme
from reader.ui.wrapped_text import in_its_direction

CELL_W, CELL_H = 36, 22
LABEL_MAX = 260  # px for a row label, shortened beyond
COLUMN_LABEL_MAX = 150
MARGIN = 16
TITLE_H = 34
BAR_MAX = 420
TOTAL_GAP = 6  # between the cells and their totals' column
TOTAL = "Total"
LOW, HIGH = QColor("#f3f6fb"), QColor("#1d4f91")  # white paper to deep blue
END = Qt.TextElideMode.ElideRight
READABLE = 4.5  # WCAG's contrast for text: a count on its cell


@dataclass(frozen=True)
class Ink:
    """The colours a picture is drawn in: page, text, the heat map's ends (no passages,
    the most) and co-occurrence's diagonal (a code with itself) with its numbers."""

    page: QColor
    text: QColor
    low: QColor
    high: QColor
    own: QColor
    own_text: QColor

    def shade(self, share: float) -> QColor:
        """From `low` (0) to `high` (1); zero stays near the page so empty cells recede."""
        return theme.mix(self.low, self.high, max(0.0, min(1.0, share)))

    def on(self, cell: QColor) -> QColor:
        """The page's colour or the text's on `cell`, whichever reads better; black or
        white where neither reads at 4.5:1 (a mid-tone cell, in Dark)."""
        best = max((self.page, self.text), key=lambda ink: theme.contrast(ink, cell))
        if theme.contrast(best, cell) >= READABLE:
            return best
        return max((QColor("white"), QColor("black")), key=lambda ink: theme.contrast(ink, cell))


PAPER = Ink(QColor("white"), QColor("#222222"), LOW, HIGH, QColor("#e4e4e4"), QColor("#555555"))


def screen_ink() -> Ink:
    """The current theme's: its page and text, shading toward its accent (deep blue in
    Light, a soft blue in Dark, yellow in High Contrast)."""
    palette = theme.current()
    page, text, accent = QColor(palette.base), QColor(palette.text), QColor(palette.accent)
    own = theme.mix(page, text, 0.18)
    return Ink(page, text, theme.mix(page, accent, 0.08), accent, own, theme.muted_color())


def short_label(fm: QFontMetricsF, label: str, width: float) -> str:
    """`label` in `width`, each name cut at its end so that its start shows: a code's own
    name keeps the room it needs, its parents' path what is left ("Working co… / Staffing
    shortages on the night rota"); short of room, the path a third and the name the rest.
    Sub-codes of one long parent still read apart. A Hebrew or Arabic name cut shows its
    "…" on its left, where it is cut."""
    if fm.horizontalAdvance(label) <= width:
        return label
    *parents, own = label.split(PATH_SEPARATOR)
    if not parents:
        return in_its_direction(fm.elidedText(own, END, width))
    path = PATH_SEPARATOR.join(parents)
    room = width - fm.horizontalAdvance(PATH_SEPARATOR)
    least = fm.horizontalAdvance("Wor…")  # less of a path than this says nothing
    own_width = fm.horizontalAdvance(own)
    path_room = room - own_width if room - own_width >= least else room / 3
    shown = fm.elidedText(path, END, path_room)
    rest = fm.elidedText(own, END, room - fm.horizontalAdvance(shown))
    return in_its_direction(shown) + PATH_SEPARATOR + in_its_direction(rest)


@dataclass
class Picture:
    """What to draw: a heat map of `matrix`, or bars of its first column (`bars`, its
    second, if any, the interviews each code is in)."""

    title: str
    matrix: Matrix
    bars: bool = False
    diagonal_apart: bool = False  # co-occurrence: a code with itself is its count, in grey
    colors: list[str] = field(default_factory=list)  # the rows' code colours, for bars
    totals: bool = False  # a column of each row's sum, after the cells
    per: str = ""  # what a column is ("interview": its totals say in how many a code is)
    font: QFont = field(default_factory=QFont)
    # Measuring every label and finding the peak take long for a big matrix and do not
    # change from one paint to the next: kept, the labels' sizes for the font they had.
    _label_sizes: tuple[str, float, float, float] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font)

    def _measured(self) -> tuple[float, float, float]:
        """(the row labels' width, the column labels' height, the bars' numbers' width) in
        the font now set."""
        key = self.font.key()
        if self._label_sizes is None or self._label_sizes[0] != key:
            fm = self._metrics()
            rows = max((fm.horizontalAdvance(t) for t in self.matrix.row_labels), default=0)
            columns = numbers = 0.0
            if self.bars:
                numbers = max(
                    (fm.horizontalAdvance(self._bar_text(i)) for i in range(len(self.matrix.rows))),
                    default=0,
                )
            else:
                labels = [*self.matrix.column_labels, *([TOTAL] if self.totals else [])]
                widest = max((fm.horizontalAdvance(t) for t in labels), default=0)
                columns = min(COLUMN_LABEL_MAX, widest) + 12
            self._label_sizes = (key, min(LABEL_MAX, rows) + 12, columns, numbers)
        return self._label_sizes[1:]

    def row_label_width(self) -> float:
        return self._measured()[0]

    def column_label_height(self) -> float:
        return self._measured()[1]

    def left(self) -> float:
        """Where the cells (or bars) start: right of the row labels."""
        return MARGIN + self.row_label_width()

    def top(self) -> float:
        """Where the cells start: below the title and the column labels."""
        return MARGIN + TITLE_H + self.column_label_height()

    def _title_font(self) -> QFont:
        title = QFont(self.font)
        title.setBold(True)
        title.setPointSizeF(self.font.pointSizeF() * 1.2)
        return title

    @cached_property
    def _peak(self) -> int:
        """The largest count a cell shades against (co-occurrence: off the diagonal)."""
        counts, apart = self.matrix.counts, self.diagonal_apart
        peak = max(
            (n for i, row in enumerate(counts) for j, n in enumerate(row) if not apart or i != j),
            default=0,
        )
        return peak or 1

    def _total_x(self) -> float:
        return self.left() + len(self.matrix.columns) * CELL_W + TOTAL_GAP

    def _bar_text(self, i: int) -> str:
        row = self.matrix.counts[i]
        said = counted(row[0] if row else 0, "passage")
        return f"{said} in {counted(row[1], 'interview')}" if len(row) > 1 else said

    def size(self) -> QSize:
        rows = max(1, len(self.matrix.rows))
        if self.bars:
            width = self.left() + BAR_MAX + 6 + max(self._measured()[2], 40) + MARGIN
        elif self.totals:
            width = self._total_x() + CELL_W + MARGIN
        else:
            width = self.left() + len(self.matrix.columns) * CELL_W + MARGIN
        title = QFontMetricsF(self._title_font()).horizontalAdvance(self.title) + 2 * MARGIN
        return QSize(int(max(width, title, 320)), int(self.top() + rows * CELL_H + MARGIN))

    # Where things are ---------------------------------------------------------------------

    def row_at(self, y: float) -> int | None:
        i = int((y - self.top()) // CELL_H)
        return i if y >= self.top() and i < len(self.matrix.rows) else None

    def column_at(self, x: float) -> int | None:
        """The column at `x`: len(columns) for the totals' column; None between."""
        if self.bars:
            return 0 if x >= self.left() else None
        j = int((x - self.left()) // CELL_W)
        if x >= self.left() and j < len(self.matrix.columns):
            return j
        total = self._total_x()
        return len(self.matrix.columns) if self.totals and total <= x < total + CELL_W else None

    def cell_rect(self, i: int, j: int) -> QRectF:
        """Row `i`'s cell of column `j` (the totals' at len(columns); a bar's row)."""
        y = self.top() + i * CELL_H
        if self.bars:
            return QRectF(self.left(), y, self.size().width() - self.left() - MARGIN, CELL_H)
        x = self._total_x() if j >= len(self.matrix.columns) else self.left() + j * CELL_W
        return QRectF(x, y, CELL_W - 1, CELL_H - 1)

    def column_count(self) -> int:
        """The columns one can move to: the cells' and the totals'."""
        return 1 if self.bars else len(self.matrix.columns) + self.totals

    def column_label(self, j: int) -> str:
        return TOTAL if j >= len(self.matrix.columns) else self.matrix.column_labels[j]

    def describe(self, i: int, j: int) -> str:
        """What row `i`'s cell of column `j` counts, in words (a cell's tooltip)."""
        m, row = self.matrix, self.matrix.row_labels[i]
        if self.bars:
            return f"{row}: {self._bar_text(i)}"
        if j >= len(m.columns):
            cells = m.counts[i]
            where = f" in {counted(sum(1 for n in cells if n), self.per)}" if self.per else ""
            return f"{row}, in all: {counted(sum(cells), 'passage')}{where}"
        n = m.counts[i][j]
        if self.diagonal_apart and i != j:
            column = m.column_labels[j]
            passages = counted(n, f"{row} passage")
            return f"{row} and {column}: {passages} that {column} also codes or overlaps"
        if self.diagonal_apart:
            return f"{row}: {counted(n, 'passage')}"
        return f"{row} · {m.column_labels[j]}: {counted(n, 'passage')}"

    # Drawing ------------------------------------------------------------------------------

    def draw(self, painter: QPainter, ink: Ink = PAPER) -> None:
        """The whole picture in `ink`, labels and all (a file's)."""
        size = self.size()
        area = QRectF(0, 0, size.width(), size.height())
        painter.fillRect(area, ink.page)
        self.draw_title(painter, ink)
        if not self.matrix.rows:
            painter.drawText(QPointF(MARGIN, MARGIN + TITLE_H + 16), "No codes yet.")
            return
        self.draw_row_labels(painter, area, ink)
        self.draw_column_labels(painter, area, ink)
        self.draw_body(painter, area, ink)

    def draw_title(self, painter: QPainter, ink: Ink) -> None:
        painter.setFont(self._title_font())
        painter.setPen(ink.text)
        painter.drawText(QPointF(MARGIN, MARGIN + 18), self.title)
        painter.setFont(self.font)

    def _rows_in(self, area: QRectF) -> range:
        top = self.top()
        first = max(0, int((area.top() - top) // CELL_H))
        return range(first, min(len(self.matrix.rows), int((area.bottom() - top) // CELL_H) + 1))

    def draw_row_labels(self, painter: QPainter, area: QRectF, ink: Ink) -> None:
        """The labels of the rows that cross `area`, right-aligned left of the cells."""
        fm, top, left = self._metrics(), self.top(), self.left()
        painter.setFont(self.font)
        painter.setPen(ink.text)
        align = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for i in self._rows_in(area):
            label = short_label(fm, self.matrix.row_labels[i], LABEL_MAX)
            painter.drawText(
                QRectF(MARGIN, top + i * CELL_H, left - MARGIN - 8, CELL_H), align, label
            )

    def draw_column_labels(self, painter: QPainter, area: QRectF, ink: Ink) -> None:
        """The labels of the columns that cross `area`, written upwards above them."""
        if self.bars:
            return
        fm, top = self._metrics(), self.top()
        painter.setFont(self.font)
        painter.setPen(ink.text)
        for j in self._columns_in(area):
            label = short_label(fm, self.column_label(j), COLUMN_LABEL_MAX)
            x = self.cell_rect(0, j).left()
            painter.save()
            # Written upwards from the cell's foot, as a table's tall headers are.
            painter.translate(x + CELL_W / 2 + fm.ascent() / 2 - 2, top - 6)
            painter.rotate(-90)
            painter.drawText(QPointF(0, 0), label)
            painter.restore()

    def _columns_in(self, area: QRectF) -> list[int]:
        left = self.left()
        first = max(0, int((area.left() - left) // CELL_W))
        last = min(len(self.matrix.columns), int((area.right() - left) // CELL_W) + 1)
        total = self._total_x()
        shown_total = self.totals and area.right() >= total and area.left() < total + CELL_W
        return [*range(first, last), *([len(self.matrix.columns)] if shown_total else [])]

    def draw_body(self, painter: QPainter, area: QRectF, ink: Ink) -> None:
        """The cells (or bars) that cross `area` (on a page already filled)."""
        painter.setFont(self.font)
        painter.setPen(ink.text)
        if self.bars:
            self._bars(painter, self._rows_in(area))
        else:
            self._cells(painter, self._rows_in(area), self._columns_in(area), ink)

    def _cells(self, painter: QPainter, rows: range, columns: list[int], ink: Ink) -> None:
        counts, apart, peak = self.matrix.counts, self.diagonal_apart, self._peak
        width = len(self.matrix.columns)
        align = int(Qt.AlignmentFlag.AlignCenter)
        for i in rows:
            for j in columns:
                total = j >= width
                n = sum(counts[i]) if total else counts[i][j]
                rect = self.cell_rect(i, j)
                own = total or (apart and i == j)  # not shaded: they would set the scale
                color = ink.own if own else ink.shade(n / peak)
                painter.fillRect(rect, color)
                if n:
                    painter.setPen(ink.own_text if own else ink.on(color))
                    painter.drawText(rect, align, str(n))
        painter.setPen(ink.text)

    def _bars(self, painter: QPainter, rows: range) -> None:
        counts = [row[0] if row else 0 for row in self.matrix.counts]
        peak = max(counts, default=0) or 1
        left, top = self.left(), self.top()
        for i in rows:
            n = counts[i]
            length = BAR_MAX * n / peak
            color = QColor(self.colors[i]) if i < len(self.colors) else HIGH
            bar = QRectF(left, top + i * CELL_H + 4, max(length, 1 if n else 0), CELL_H - 8)
            painter.fillRect(bar, color)
            y = top + i * CELL_H + CELL_H / 2 + 4
            painter.drawText(QPointF(left + length + 6, y), self._bar_text(i))


def save_png(picture: Picture, path: Path, scale: float = 2.0) -> None:
    """At twice the size, for screens and print; OSError when it cannot be written."""
    size = picture.size()
    image = QImage(size * scale, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    picture.draw(painter)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"the picture could not be written to {path}")


def save_svg(picture: Picture, path: Path) -> None:
    from PySide6.QtSvg import QSvgGenerator  # on first use: only saving SVG needs it

    size = picture.size()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(picture.title)
    generator.setDescription("Interview Reader")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"the picture could not be written to {path}")
    picture.draw(painter)
    painter.end()
    if not path.exists():
        raise OSError(f"the picture could not be written to {path}")
