"""Codes ▸ Pictures of the Coding in every theme: drawn in the theme's colours on screen,
saved on white paper; a Close button and Escape close it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.core.palettes import PALETTES, contrast_ratio, parse_hex
from reader.ui.codebook.drawing import CELL_H, CELL_W, MARGIN, TITLE_H
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_docks import rgb


def open_pictures(window: MainWindow, qtbot):
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "handover", "Work")
    window.window_actions.codes.pictures.trigger()
    pictures = window.codebook.pictures
    assert pictures is not None and pictures.isVisible()
    return pictures


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_picture_takes_the_theme_and_saves_on_white(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, name: str
) -> None:
    window = make_study_window(folder)
    pictures = open_pictures(window, qtbot)
    window.appearance.set_theme(name)
    QApplication.processEvents()
    palette, view = PALETTES[name], pictures.view
    image = view.grab().toImage()
    assert rgb(image.pixelColor(2, 2)) == parse_hex(palette.base)
    picture = view.picture
    left = MARGIN + picture.row_label_width()
    top = MARGIN + TITLE_H + picture.column_label_height()
    cell = image.pixelColor(int(left + 2), int(top + 2))  # Drinks in P01: the most
    page = parse_hex(palette.base)
    assert contrast_ratio(rgb(cell), page) >= 3.0, name  # the full cell stands out
    # Its number reads on it: some pixel inside the cell has text contrast.
    inside = {
        rgb(image.pixelColor(int(left + x), int(top + y)))
        for x in range(CELL_W - 1)
        for y in range(CELL_H - 1)
    }
    assert max(contrast_ratio(c, rgb(cell)) for c in inside) >= 4.5
    out = tmp_path / "map.png"
    dialogs.save_answers.append(str(out))
    pictures.save("png")
    saved = QImage(str(out))
    assert saved.pixelColor(2, 2).name() == "#ffffff"  # paper, whatever the theme


def test_close_button_and_escape_close_pictures(make_study_window, folder: Path, qtbot) -> None:
    window = make_study_window(folder)
    pictures = open_pictures(window, qtbot)
    close = pictures.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not pictures.isVisible()
    window.window_actions.codes.pictures.trigger()
    assert pictures.isVisible()
    qtbot.keyClick(pictures.kind, Qt.Key.Key_Escape)
    assert not pictures.isVisible()


def test_labels_cut_show_the_start_of_each_name(qapp, tmp_path: Path) -> None:
    """Sub-codes of one long parent, each name cut at its end: the path's start and the
    code's own name's start both show, so each row and column still names its code (cut
    at the right whole, all read "Experiences of night work an…"; cut at the left, all
    lost their start, "…rtages on the night rota")."""
    from xml.etree import ElementTree

    from reader.core.codebook_retrieval import Matrix
    from reader.ui.codebook.drawing import Picture, save_svg

    parent = "Experiences of night work and rota patterns across the whole year"
    labels = [f"{parent} / {name}" for name in ("Emotional exhaustion", "Support at home")]
    matrix = Matrix(["a", "b"], labels, ["a", "b"], labels, [[2, 1], [1, 1]])
    out = tmp_path / "co.svg"
    save_svg(Picture("Co-occurrence", matrix, diagonal_apart=True), out)
    texts = ["".join(t.itertext()) for t in ElementTree.parse(out).iter() if t.tag.endswith("text")]
    for name in ("Emotional", "Support"):
        drawn = [t for t in texts if f"… / {name}" in t]
        assert len(drawn) == 2 and all(t.startswith("Exper") for t in drawn), texts  # row, column


def wide_picture(qtbot, size=(320, 260)):
    """A 30 × 30 heat map in a view smaller than it, shown."""
    from reader.core.codebook_retrieval import Matrix
    from reader.ui.codebook.drawing import Picture
    from reader.ui.codebook.picture_view import PictureView

    names = [f"Code number {i}" for i in range(30)]
    counts = [[(i * j) % 4 for j in range(30)] for i in range(30)]
    interviews = [f"P{j}" for j in range(30)]
    matrix = Matrix(names, names, interviews, interviews, counts)
    view = PictureView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.show_picture(Picture("Big", matrix, totals=True))
    return view


def region(view, rect) -> QImage:
    return view.grab(rect).toImage()


def test_row_and_column_labels_stay_while_the_cells_scroll(qtbot) -> None:
    """Scrolled right, the row labels are where they were (the cells moved); scrolled
    down, the title and the column labels are."""
    from PySide6.QtCore import QRect

    view = wide_picture(qtbot)
    body = view.viewport().geometry()
    rows = QRect(0, body.top(), body.left(), body.height())
    head = QRect(0, 0, body.right(), body.top())
    before = [region(view, r) for r in (rows, head, body)]
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    after = [region(view, r) for r in (rows, head, body)]
    assert after[0] == before[0] and after[2] != before[2]
    view.horizontalScrollBar().setValue(0)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    after = [region(view, r) for r in (rows, head, body)]
    assert after[1] == before[1] and after[2] != before[2]


def tip_at(widget, x: int, y: int) -> str:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    QToolTip.hideText()
    point = QPoint(x, y)
    event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_cell_and_a_label_name_what_they_count_in_full(qtbot) -> None:
    from reader.ui.codebook.drawing import CELL_H, CELL_W

    view = wide_picture(qtbot)
    view.verticalScrollBar().setValue(CELL_H * 3)  # the fourth row at the top
    assert tip_at(view.viewport(), CELL_W * 2 + 5, 5).startswith("Code number 3 · P2: 2 passages")
    assert tip_at(view.rows_pane, 5, 5) == "Code number 3"
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    right = view.viewport().width() - 20  # the totals' column, at the end
    assert tip_at(view.viewport(), right, 5).startswith("Code number 3, in all: 45 passages")


def test_a_saved_picture_keeps_its_labels(qapp, tmp_path: Path) -> None:
    from reader.core.codebook_retrieval import Matrix
    from reader.ui.codebook.drawing import Picture, save_png

    matrix = Matrix(["a"], ["Coffee"], ["p"], ["P01 Ana"], [[0]])
    picture = Picture("Map", matrix, totals=True)
    out = tmp_path / "map.png"
    save_png(picture, out, 1.0)
    image = QImage(str(out))
    left, top = int(picture.left()), int(picture.top())

    def inked(x0: int, y0: int, x1: int, y1: int) -> bool:
        return any(
            image.pixelColor(x, y).lightness() < 100 for x in range(x0, x1) for y in range(y0, y1)
        )

    assert inked(MARGIN, top, left - 8, top + CELL_H)  # the row's label
    assert inked(left, MARGIN + TITLE_H, left + CELL_W, top)  # the column's


def test_a_click_on_a_cell_lists_its_passages(make_study_window, folder: Path, qtbot) -> None:
    """A cell of codes × interviews: its code's passages in that interview; Enter on a
    cell of co-occurrence: the passages coded with both codes."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Work")
    pictures = open_pictures(window, qtbot)  # coffee: Work and Drinks; handover: Work
    view = pictures.view
    picture = view.picture
    i, j = 0, 0  # Work in P01
    cell = picture.cell_rect(i, j).center() - view._offset()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell.toPoint())
    retrieval = window.codebook.retrieval
    assert retrieval is not None and retrieval.isVisible()
    assert retrieval.title() == f"Work · Interview: {picture.matrix.column_labels[0]}"
    assert len(retrieval.passages) == picture.matrix.counts[i][j] == 2
    pictures.show_kind("co-occurrence")
    view.setFocus()
    view.set_current(0, 1)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert retrieval.title() == "Work and Drinks"
    assert [p.highlight.exact for p in retrieval.passages] == ["coffee"]


def test_a_co_occurrence_cell_lists_what_it_counts_of_one_interview(
    window: MainWindow, qtbot
) -> None:
    """With no study, Enter on Alpha × Beta listed every Alpha passage, as if the cell
    were Alpha's total; and a cell counted pairs of passages, not the passages listed."""
    code_with_keys(window, qtbot, "not interested in making movies", "Alpha")
    code_with_keys(window, qtbot, "making movies the way", "Beta")  # overlaps it
    code_with_keys(window, qtbot, "respectable and dense", "Alpha")  # apart
    window.window_actions.codes.pictures.trigger()
    pictures = window.codebook.pictures
    pictures.show_kind("co-occurrence")
    view = pictures.view
    for (i, j), title in (((0, 1), "Alpha and Beta"), ((1, 0), "Beta and Alpha")):
        view.setFocus()
        view.set_current(i, j)
        qtbot.keyClick(view, Qt.Key.Key_Return)
        retrieval = window.codebook.retrieval
        assert retrieval is not None and retrieval.title() == title
        assert len(retrieval.passages) == view.picture.matrix.counts[i][j] == 1
    assert retrieval.passages[0].highlight.exact == "making movies the way"


@pytest.mark.parametrize("name", list(PALETTES))
def test_every_count_in_the_heat_map_reads_at_4_5_to_1(qapp, monkeypatch, name) -> None:
    """Found by the appearance review: the page's colour or the text's, whichever read
    better, fell to 3.7:1 on mid-tone cells (counts 10–13 of 20 in Dark)."""
    from reader.ui import theme
    from reader.ui.codebook.drawing import PAPER, READABLE, screen_ink

    monkeypatch.setattr(theme, "_current", [PALETTES[name]])
    for ink in (screen_ink(), PAPER):
        for step in range(101):
            cell = ink.shade(step / 100)
            assert theme.contrast(ink.on(cell), cell) >= READABLE, (name, step)
