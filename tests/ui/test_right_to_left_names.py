"""A Hebrew or Arabic name cut short in a list of the left-to-right window (the Library's
titles, the Codebook's names, an Annotations card's code) shows its "…" on its left, where
its words are cut (reader/ui/wrapped_text.py's isolated), not on its right, beside its
first word, as if its start were left off."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication, QDockWidget

from reader.core.codebook import PATH_SEPARATOR
from reader.ui.annotations.delegate import chip_label
from reader.ui.codebook.drawing import short_label
from reader.ui.reading.margin import fitted_label
from reader.ui.window.main_window import MainWindow
from tests.ui.codebook.test_panel import to_codebook
from tests.ui.test_read_only_undo import activate

# Hebrew: letters without dots, so the ellipsis's are the only ones in the row.
HEBREW = "ראיון עם האחות הראשית של טיפול נמרץ על משמרות לילה ועל העייפות שאחרי עשרים שנה"


def ink_runs(image: QImage, area: QRect) -> list[tuple[int, int]]:
    """The inked stretches of `area`, left to right: (width, height) of each."""
    background = Counter(
        image.pixelColor(x, y).lightness()
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    ).most_common(1)[0][0]
    columns = []
    for x in range(area.left(), area.right() + 1):
        inked = [
            y
            for y in range(area.top(), area.bottom() + 1)
            if abs(image.pixelColor(x, y).lightness() - background) > 60
        ]
        columns.append((min(inked), max(inked)) if inked else None)
    runs: list[tuple[int, int]] = []
    width, top, bottom = 0, area.bottom(), area.top()
    for column in [*columns, None]:
        if column is None:
            if width:
                runs.append((width, bottom - top + 1))
            width, top, bottom = 0, area.bottom(), area.top()
        else:
            width, top, bottom = width + 1, min(top, column[0]), max(bottom, column[1])
    return runs


def is_dot(run: tuple[int, int]) -> bool:
    return run[0] <= 3 and run[1] <= 3


def ellipsis_side(image: QImage, area: QRect, skipped: int = 0) -> str:
    """Where the "…" of the words in `area` is, past the first `skipped` marks."""
    runs = ink_runs(image, area)[skipped:]
    assert len(runs) > 6, runs  # some words, painted
    if all(is_dot(run) for run in runs[:3]):
        return "left"
    return "right" if all(is_dot(run) for run in runs[-3:]) else "none"


def test_a_hebrew_title_cut_short_in_the_library_ends_on_its_left(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    (folder / f"{HEBREW}.txt").write_text("Q: How?\nA: Slowly.\n", "utf-8")
    window: MainWindow = make_study_window(folder)
    window.resize(1024, 640)
    view = window.library.view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == HEBREW)
    view.clearSelection()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.waitUntil(lambda: view.visualRect(model.index(row, 0)).width() > 40)
    QApplication.processEvents()
    cell = view.visualRect(model.index(row, 0)).adjusted(2, 2, -2, -2)
    assert view.fontMetrics().horizontalAdvance(HEBREW) > cell.width()
    assert ellipsis_side(view.viewport().grab().toImage(), cell) == "left"


def test_a_hebrew_code_cut_short_in_the_codebook_ends_on_its_left(
    window: MainWindow, qtbot: Any
) -> None:
    hub = window.codebook.hub
    hub.create(HEBREW)
    other = hub.create("Trust")
    assert other is not None
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.set_current(other.id)  # no focus frame round the name
    dock = window.findChild(QDockWidget, "codebook-dock")
    window.resizeDocks([dock], [200], Qt.Orientation.Horizontal)
    code = hub.book.find(HEBREW)
    assert code is not None
    index = panel.model.index_of(code.id)
    two_lines = panel.view.fontMetrics().height() * 3 // 2
    qtbot.waitUntil(lambda: panel.view.visualRect(index).height() > two_lines)
    QApplication.processEvents()
    row = panel.view.visualRect(index)
    second = QRect(row.left(), row.center().y(), row.width(), row.bottom() - row.center().y())
    second.adjust(2, 0, -2, 0)  # the name's second line
    image = panel.view.viewport().grab().toImage()
    assert ellipsis_side(image, second, skipped=1) == "left"  # past the code's colour


def drawn(text: str, font: QFont) -> QImage:
    """`text` drawn from the left, in a list's direction (as on a view's viewport)."""
    metrics = QFontMetrics(font)
    image = QImage(
        metrics.horizontalAdvance(text) + 4, metrics.height() + 4, QImage.Format.Format_RGB32
    )
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.black)
    painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    painter.drawText(2, 2 + metrics.ascent(), text)
    painter.end()
    return image


def test_a_hebrew_code_cut_short_on_an_annotations_card_ends_on_its_left(qapp: Any) -> None:
    """A card's chip, drawn as its delegate draws it."""
    font = QFont()
    image = drawn(chip_label(QFontMetrics(font), HEBREW, 150), font)
    assert ellipsis_side(image, image.rect()) == "left"


def test_a_hebrew_name_cut_short_in_the_pictures_of_the_coding_ends_on_its_left(
    qapp: Any,
) -> None:
    """An interview's or code's name labelling a row or column of a picture; a
    sub-code's path, each name on its own."""
    font = QFont()
    metrics = QFontMetricsF(font)
    image = drawn(short_label(metrics, HEBREW, 150), font)
    assert ellipsis_side(image, image.rect()) == "left"
    path = short_label(metrics, f"{HEBREW}{PATH_SEPARATOR}{HEBREW}", 240)
    parent, own = path.split(PATH_SEPARATOR)
    for name in (parent, own):
        image = drawn(name, font)
        assert ellipsis_side(image, image.rect()) == "left", name


def test_a_hebrew_speakers_name_cut_short_in_the_readers_margin_ends_on_its_left(
    qapp: Any,
) -> None:
    font = QFont()
    image = drawn(fitted_label(HEBREW, QFontMetricsF(font), 150), font)
    assert ellipsis_side(image, image.rect()) == "left"
