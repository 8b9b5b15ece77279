"""Pictures of the coding, drawn with QPainter: a heat map of a count matrix (codes ×
interviews, × an attribute's values, or × codes for co-occurrence) and frequency bars.

One drawing function per picture serves the window, PNG (QImage) and SVG (QSvgGenerator,
in QtSvg, which PySide6-Essentials has). QtCharts was weighed and left out: it lives in
PySide6-Addons, a second wheel several times the size of what the app installs (see
docs/codebook.md), and a heat map is not one of its chart types anyway. Painting only the
cells in the exposed rectangle keeps a 1,000 × 500 matrix scrollable.

On screen a picture takes the theme's colours (`screen_ink`); saved as PNG or SVG it keeps
white paper (`PAPER`), as a paper, a slide or a printer wants it whatever the theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from reader.core.codebook_retrieval import Matrix
from reader.core.palettes import contrast_ratio
from reader.ui import theme

CELL_W, CELL_H = 36, 22
LABEL_MAX = 260  # px for a row label, elided beyond
COLUMN_LABEL_MAX = 150
MARGIN = 16
TITLE_H = 34
BAR_MAX = 420
LOW, HIGH = QColor("#f3f6fb"), QColor("#1d4f91")  # white paper to deep blue


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
        """The page's colour or the text's on `cell`, whichever reads better."""
        return max((self.page, self.text), key=lambda ink: contrast(ink, cell))


PAPER = Ink(QColor("white"), QColor("#222222"), LOW, HIGH, QColor("#e4e4e4"), QColor("#555555"))


def screen_ink() -> Ink:
    """The current theme's: its page and text, shading toward its accent (deep blue in
    Light, a soft blue in Dark, yellow in High Contrast)."""
    palette = theme.current()
    page, text, accent = QColor(palette.base), QColor(palette.text), QColor(palette.accent)
    own = theme.mix(page, text, 0.18)
    return Ink(page, text, theme.mix(page, accent, 0.08), accent, own, theme.muted_color())


def contrast(a: QColor, b: QColor) -> float:
    return contrast_ratio((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()))


@dataclass
class Picture:
    """What to draw: a heat map of `matrix`, or bars of its first column (`bars`)."""

    title: str
    matrix: Matrix
    bars: bool = False
    diagonal_apart: bool = False  # co-occurrence: a code with itself is its count, in grey
    colors: list[str] = field(default_factory=list)  # the rows' code colours, for bars
    font: QFont = field(default_factory=QFont)
    # Measuring every label and finding the peak take long for a big matrix and do not
    # change from one paint to the next: kept, the labels' sizes for the font they had.
    _label_sizes: tuple[str, float, float] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font)

    def _measured(self) -> tuple[float, float]:
        """(the row labels' width, the column labels' height) in the font now set."""
        key = self.font.key()
        if self._label_sizes is None or self._label_sizes[0] != key:
            fm = self._metrics()
            rows = max((fm.horizontalAdvance(t) for t in self.matrix.row_labels), default=0)
            columns = 0.0
            if not self.bars:
                widest = max(
                    (fm.horizontalAdvance(t) for t in self.matrix.column_labels), default=0
                )
                columns = min(COLUMN_LABEL_MAX, widest) + 12
            self._label_sizes = (key, min(LABEL_MAX, rows) + 12, columns)
        return self._label_sizes[1], self._label_sizes[2]

    def row_label_width(self) -> float:
        return self._measured()[0]

    def column_label_height(self) -> float:
        return self._measured()[1]

    @cached_property
    def _peak(self) -> int:
        """The largest count a cell shades against (co-occurrence: off the diagonal)."""
        counts, apart = self.matrix.counts, self.diagonal_apart
        peak = max(
            (n for i, row in enumerate(counts) for j, n in enumerate(row) if not apart or i != j),
            default=0,
        )
        return peak or 1

    def size(self) -> QSize:
        rows = max(1, len(self.matrix.rows))
        left = MARGIN + self.row_label_width()
        top = MARGIN + TITLE_H + self.column_label_height()
        if self.bars:
            width = left + BAR_MAX + 60 + MARGIN
        else:
            width = left + len(self.matrix.columns) * CELL_W + MARGIN
        title = QFont(self.font)
        title.setBold(True)
        title.setPointSizeF(self.font.pointSizeF() * 1.2)
        width = max(width, QFontMetricsF(title).horizontalAdvance(self.title) + 2 * MARGIN)
        return QSize(int(max(width, 320)), int(top + rows * CELL_H + MARGIN))

    # Drawing ------------------------------------------------------------------------------

    def draw(self, painter: QPainter, exposed: QRectF | None = None, ink: Ink = PAPER) -> None:
        """The whole picture in `ink`; only the cells within `exposed` if given."""
        size = self.size()
        area = exposed or QRectF(0, 0, size.width(), size.height())
        painter.fillRect(area, ink.page)
        painter.setFont(self.font)
        title_font = QFont(self.font)
        title_font.setBold(True)
        title_font.setPointSizeF(self.font.pointSizeF() * 1.2)
        painter.setFont(title_font)
        painter.setPen(ink.text)
        painter.drawText(QPointF(MARGIN, MARGIN + 18), self.title)
        painter.setFont(self.font)
        if not self.matrix.rows:
            painter.drawText(QPointF(MARGIN, MARGIN + TITLE_H + 16), "No codes yet.")
            return
        left = MARGIN + self.row_label_width()
        top = MARGIN + TITLE_H + self.column_label_height()
        first = max(0, int((area.top() - top) // CELL_H))
        last = min(len(self.matrix.rows), int((area.bottom() - top) // CELL_H) + 1)
        self._row_labels(painter, left, top, range(first, last))
        if self.bars:
            self._bars(painter, left, top, range(first, last))
        else:
            self._column_labels(painter, left, top, area)
            self._cells(painter, left, top, range(first, last), area, ink)

    def _row_labels(self, painter: QPainter, left: float, top: float, rows: range) -> None:
        fm = self._metrics()
        for i in rows:
            label = fm.elidedText(self.matrix.row_labels[i], Qt.TextElideMode.ElideLeft, LABEL_MAX)
            rect = QRectF(MARGIN, top + i * CELL_H, left - MARGIN - 8, CELL_H)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect, int(align), label)

    def _column_labels(self, painter: QPainter, left: float, top: float, area: QRectF) -> None:
        fm = self._metrics()
        for j in self._visible_columns(left, area):
            # Cut at the left, as the rows' are: a path keeps the code's own name (sub-codes
            # of one long parent all read "Experiences of night wor…" cut at the right).
            label = fm.elidedText(
                self.matrix.column_labels[j], Qt.TextElideMode.ElideLeft, COLUMN_LABEL_MAX
            )
            painter.save()
            # Written upwards from the cell's foot, as a table's tall headers are.
            painter.translate(left + j * CELL_W + CELL_W / 2 + fm.ascent() / 2 - 2, top - 6)
            painter.rotate(-90)
            painter.drawText(QPointF(0, 0), label)
            painter.restore()

    def _visible_columns(self, left: float, area: QRectF) -> range:
        first = max(0, int((area.left() - left) // CELL_W))
        last = min(len(self.matrix.columns), int((area.right() - left) // CELL_W) + 1)
        return range(first, last)

    def _cells(
        self, painter: QPainter, left: float, top: float, rows: range, area: QRectF, ink: Ink
    ) -> None:
        counts = self.matrix.counts
        apart = self.diagonal_apart
        peak = self._peak
        columns = self._visible_columns(left, area)
        align = int(Qt.AlignmentFlag.AlignCenter)
        for i in rows:
            for j in columns:
                n = counts[i][j]
                rect = QRectF(left + j * CELL_W, top + i * CELL_H, CELL_W - 1, CELL_H - 1)
                own = apart and i == j
                color = ink.own if own else ink.shade(n / peak)
                painter.fillRect(rect, color)
                if n:
                    painter.setPen(ink.own_text if own else ink.on(color))
                    painter.drawText(rect, align, str(n))
        painter.setPen(ink.text)

    def _bars(self, painter: QPainter, left: float, top: float, rows: range) -> None:
        counts = [row[0] if row else 0 for row in self.matrix.counts]
        peak = max(counts, default=0) or 1
        for i in rows:
            n = counts[i]
            length = BAR_MAX * n / peak
            color = QColor(self.colors[i]) if i < len(self.colors) else HIGH
            bar = QRectF(left, top + i * CELL_H + 4, max(length, 1 if n else 0), CELL_H - 8)
            painter.fillRect(bar, color)
            painter.drawText(QPointF(left + length + 6, top + i * CELL_H + CELL_H / 2 + 4), str(n))


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
