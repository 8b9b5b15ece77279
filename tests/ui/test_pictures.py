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


def test_column_labels_keep_the_codes_own_names(qapp, tmp_path: Path) -> None:
    """Sub-codes of one long parent, cut at the left as the rows are: each column still
    names its code (cut at the right, all read "Experiences of night work an…")."""
    from xml.etree import ElementTree

    from reader.core.codebook_retrieval import Matrix
    from reader.ui.codebook.drawing import Picture, save_svg

    parent = "Experiences of night work and rota patterns across the whole year"
    labels = [f"{parent} / {name}" for name in ("Emotional exhaustion", "Support at home")]
    matrix = Matrix(["a", "b"], labels, ["a", "b"], labels, [[2, 1], [1, 1]])
    out = tmp_path / "co.svg"
    save_svg(Picture("Co-occurrence", matrix, diagonal_apart=True), out)
    texts = ["".join(t.itertext()) for t in ElementTree.parse(out).iter() if t.tag.endswith("text")]
    for name in ("Emotional exhaustion", "Support at home"):
        drawn = [t for t in texts if t.endswith(name)]
        assert len(drawn) == 2 and all(t.startswith("…") for t in drawn), texts  # row, column
