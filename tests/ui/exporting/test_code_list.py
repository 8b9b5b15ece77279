"""The Export dialog's list of codes (reader/ui/exporting/code_list.py), as a user meets
it: rows the filter lets through, ticked by a click or Space, arrows moving between them,
named for a screen reader; a study of 1,000 codes offered whole."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionViewItem,
)

from reader.ui.exporting.code_list import ID_ROLE
from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.test_accessibility import unnamed

Role = Qt.ItemDataRole


def code_rows(dialog: ExportDialog) -> dict[str, QModelIndex]:
    """The rows of codes the dialog shows (the filter's), by code id, in order."""
    model = dialog.code_list.model()
    rows = (model.index(r, 0) for r in range(model.rowCount()))
    return {index.data(ID_ROLE): index for index in rows}


def ticked(index: QModelIndex) -> bool:
    return index.data(Role.CheckStateRole) == Qt.CheckState.Checked


def click_code(qtbot: Any, dialog: ExportDialog, code_id: str) -> None:
    """A click on the code's name, scrolled into sight first."""
    view, index = dialog.code_list, code_rows(dialog)[code_id]
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def opened(qtbot: Any, dialog: ExportDialog) -> ExportDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def codes(count: int) -> dict[str, tuple[str, str]]:
    return {f"id-{n}": (f"Code {n:03}", "#1f77b4") for n in range(count)}


def test_arrows_move_space_ticks_and_a_click_ticks_by_the_name(window: MainWindow, qtbot) -> None:
    dialog = opened(qtbot, ExportDialog({}, codes(40), window))
    view = dialog.code_list
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert view.currentIndex().data(ID_ROLE) == "id-0"  # Tab comes to the first code
    qtbot.keyClick(view, Qt.Key.Key_Down)  # a row down: three codes on
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().data(ID_ROLE) == "id-4"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert ticked(code_rows(dialog)["id-4"]) and dialog.options().codes == {"id-4"}
    qtbot.keyClick(view, Qt.Key.Key_End)  # the last, scrolled into sight
    last = view.currentIndex()
    assert last.data(ID_ROLE) == "id-39"
    assert view.viewport().rect().contains(view.visualRect(last))
    click_code(qtbot, dialog, "id-4")  # a click on the name, not only on the box
    assert dialog.options().codes == set()
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # one stop: Tab leaves the list
    assert not view.hasFocus()


def test_the_list_and_its_codes_are_named_for_a_screen_reader(window: MainWindow, qtbot) -> None:
    long = "A very long code name that should not fit in a narrow box at all"
    dialog = ExportDialog(
        {"yellow": "Key quote"},
        {"id-0": ("Land tenure", "#1f77b4")},
        window,
        study="S",
        study_formats=("md",),
        study_codes={**codes(30), "id-long": (long, "#1f77b4")},
    )
    opened(qtbot, dialog)
    dialog.scope_combo.setCurrentIndex(1)
    QApplication.processEvents()
    assert unnamed(dialog) == []
    view = QAccessible.queryAccessibleInterface(dialog.code_list)
    assert view.role() == QAccessible.Role.List and view.text(QAccessible.Text.Name) == "Codes"
    items = [view.child(i) for i in range(view.childCount())]
    names = [item.text(QAccessible.Text.Name) for item in items]
    assert names == [f"Code {n:03}" for n in range(30)] + [long]  # whole, not cut
    assert all(item.state().checkable and not item.state().checked for item in items)


def test_a_whole_study_of_a_thousand_codes_is_offered_filtered_and_ticked(
    window: MainWindow, qtbot
) -> None:
    many = codes(1000)
    dialog = ExportDialog(
        {}, {"id-0": many["id-0"]}, window, study="S", study_formats=("md",), study_codes=many
    )
    opened(qtbot, dialog)
    dialog.scope_combo.setCurrentIndex(1)
    assert list(code_rows(dialog)) == list(many)  # the codebook's order
    assert dialog.height() < 600 and dialog.code_filter.isVisible()
    screen = dialog.screen().availableGeometry()
    assert screen.contains(dialog.frameGeometry())
    click_code(qtbot, dialog, "id-999")
    qtbot.keyClicks(dialog.code_filter, "code 12")
    assert list(code_rows(dialog)) == [f"id-{n}" for n in range(120, 130)]
    click_code(qtbot, dialog, "id-125")
    dialog.code_filter.clear()
    assert len(code_rows(dialog)) == 1000
    assert dialog.options().codes == {"id-999", "id-125"}
    dialog.scope_combo.setCurrentIndex(0)  # back to the interview: its one code, unticked
    assert list(code_rows(dialog)) == ["id-0"] and dialog.options().codes == set()
    assert not dialog.code_filter.isVisible()


def test_tab_goes_down_the_dialog_after_the_scope_changes(window: MainWindow, qtbot) -> None:
    """The study's colour boxes, made anew, come after the format, not after Cancel."""
    dialog = ExportDialog(
        {"yellow": "Key quote"},
        codes(1),
        window,
        study="S",
        study_formats=("md",),
        study_colors={"yellow": "Key quote", "green": "Method"},
        study_codes=codes(40),
    )
    opened(qtbot, dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.scope_combo.setFocus()
    qtbot.keyClick(dialog.scope_combo, Qt.Key.Key_Down)  # The whole study
    assert dialog.whole_study()
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    boxes = dialog.color_boxes
    assert reached == [
        dialog.format_combo,
        boxes["yellow"],
        boxes["green"],
        dialog.code_filter,
        dialog.code_list,
        reached[5],
    ]
    assert reached[5].text() == "Export…"


def painted_box_x(dialog: ExportDialog, index: QModelIndex) -> int:
    """Where the code's check box is painted, in the dialog."""
    view = dialog.code_list
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegate().initStyleOption(option, index)
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    return view.viewport().mapTo(dialog, box.topLeft()).x()


def colour_box_x(dialog: ExportDialog, box: QCheckBox) -> int:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    return box.mapTo(dialog, indicator.topLeft()).x()


@pytest.mark.parametrize("first", ["Important", "A rather long colour label"])
def test_the_codes_boxes_stand_under_the_colours_boxes(window: MainWindow, qtbot, first) -> None:
    """Column by column, each code's box is under the colour's box above it (it stood a
    focus frame's margin to the right, and further in each column)."""
    colours = {"yellow": first, "green": "Theme", "red": "Doubt"}
    dialog = opened(qtbot, ExportDialog(colours, codes(5), window))
    rows = list(code_rows(dialog).values())
    above = [colour_box_x(dialog, box) for box in dialog.color_boxes.values()]
    assert [painted_box_x(dialog, index) for index in rows[:3]] == above
    assert painted_box_x(dialog, rows[3]) == above[0]  # the next row, the same columns
    dialog.resize(dialog.width() + 90, dialog.height())  # wider: both grids widen alike
    qtbot.waitUntil(
        lambda: (
            painted_box_x(dialog, rows[2])
            == colour_box_x(dialog, list(dialog.color_boxes.values())[2])
        )
    )
