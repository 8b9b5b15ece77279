"""The Export dialog as a keyboard user goes through its formats (reader/ui/exporting/
export_dialog.py): a REFI-QDA format says that colours do not go, the dialog keeps its
height, and every format's name fits its combo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

from reader.core.annotations import DEFAULT_COLORS
from reader.ui.exporting.export_dialog import REFI_FORMATS, ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.exporting.test_code_list import codes, opened


def test_each_format_by_keys_keeps_the_height_and_a_refi_one_says_colours_stay(
    window: MainWindow, qtbot
) -> None:
    colours = {c: c.title() for c in DEFAULT_COLORS}
    dialog = opened(qtbot, ExportDialog(colours, codes(5), window))
    combo = dialog.format_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    heights = set()
    seen = []
    for _ in range(combo.count()):
        name = combo.currentData()
        seen.append(name)
        refi = name in REFI_FORMATS
        qtbot.waitUntil(lambda refi=refi: dialog.refi_note.isVisible() == refi)
        note = dialog.refi_note.text()
        assert ("without its highlight colour" in note) == (name == "qdpx")
        assert ("codebook alone" in note) == (name == "qdc")
        assert all(box.isVisible() != refi for box in dialog.color_boxes.values())
        assert dialog.crlf_box.isVisible() == (name == "qdpx")
        assert dialog.tag_group.isEnabled() != refi
        heights.add((dialog.height(), dialog.tag_group.height(), dialog.code_list.height()))
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert seen[-2:] == ["qdpx", "qdc"]
    assert len(heights) == 1, heights  # no box grows or shrinks from format to format
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # back from .qdc to .qdpx, and to Markdown
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert dialog.colour_group.title() == "Co&lours (none ticked: all)"
    assert {dialog.height()} == {h for h, _, _ in heights}


def test_every_format_name_fits_beside_the_arrow(make_study_window, folder, qtbot) -> None:
    window = make_study_window(folder)
    window.resize(1024, 640)
    dialog = opened(qtbot, ExportDialog({}, {}, window, study="Night shifts"))
    for scope in range(dialog.scope_combo.count()):
        dialog.scope_combo.setCurrentIndex(scope)
        combo = dialog.format_combo
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        metrics = combo.fontMetrics()
        for row in range(combo.count()):
            room = field.width() - metrics.horizontalAdvance(combo.itemText(row))
            assert room >= metrics.averageCharWidth()  # not up against the arrow


def test_a_refi_qda_format_shows_every_code_ticked_and_gives_the_choice_back(
    window: MainWindow, qtbot
) -> None:
    """Under "Codes (every one is exported)" each box was unticked: they said the opposite.
    A REFI-QDA format shows them all ticked; back to Markdown, the user's choice again."""
    from tests.ui.exporting.test_code_list import click_code, code_rows, ticked

    dialog = opened(qtbot, ExportDialog({}, codes(4), window))
    click_code(qtbot, dialog, "id-2")
    combo = dialog.format_combo
    combo.setCurrentIndex(combo.findData("qdpx"))
    assert all(ticked(index) for index in code_rows(dialog).values())
    assert dialog.options().codes == {"id-2"}  # the choice for other formats is kept
    combo.setCurrentIndex(combo.findData("md"))
    assert [i for i, index in code_rows(dialog).items() if ticked(index)] == ["id-2"]


def test_the_next_export_offers_what_was_exported_last(window: MainWindow, qtbot) -> None:
    def study_dialog() -> ExportDialog:
        return opened(qtbot, ExportDialog({}, {}, window, "Nights", ("md", "csv", "json")))

    dialog = study_dialog()
    assert (dialog.whole_study(), dialog.format_name()) == (False, "md")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.scope_combo.setFocus()
    qtbot.keyClick(dialog.scope_combo, Qt.Key.Key_Down)  # the whole study
    qtbot.keyClick(dialog.scope_combo, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.format_combo, Qt.Key.Key_End)  # REFI-QDA codebook
    qtbot.keyClick(dialog.format_combo, Qt.Key.Key_Up)  # REFI-QDA project
    dialog.crlf_box.setFocus()
    qtbot.keyClick(dialog.crlf_box, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.crlf_box, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    again = study_dialog()
    assert (again.whole_study(), again.format_name(), again.crlf()) == (True, "qdpx", True)
    # Cancelled, the choice made is not kept.
    qtbot.keyClick(again.format_combo, Qt.Key.Key_Home)
    qtbot.keyClick(again.format_combo, Qt.Key.Key_Escape)
    assert study_dialog().format_name() == "qdpx"
    # Alone, the same format; no study to export.
    alone = opened(qtbot, ExportDialog({}, {}, window))
    assert (alone.whole_study(), alone.format_name()) == (False, "qdpx")


def test_each_control_has_a_letter_of_its_own(make_study_window, folder, qtbot) -> None:
    """The dialog's controls had no access letters: Alt and a letter now reach each one
    (Cancel's C, in desktops that give it one, is no other's)."""
    window = make_study_window(folder)
    colours = {c: c.title() for c in DEFAULT_COLORS}
    dialog = opened(qtbot, ExportDialog(colours, codes(5), window, study="Night shifts"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    first_colour = next(iter(dialog.color_boxes.values()))
    for letter, control in (
        (Qt.Key.Key_F, dialog.format_combo),
        (Qt.Key.Key_L, first_colour),
        (Qt.Key.Key_O, dialog.code_list),
        (Qt.Key.Key_E, dialog.scope_combo),
    ):
        qtbot.keyClick(dialog, letter, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(control.hasFocus)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("qdpx"))
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.crlf_box.hasFocus)
