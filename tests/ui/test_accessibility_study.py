"""The accessibility rule (#17, tests/ui/test_accessibility.py) in a study, where today's
features are: the notes pane's tabs and the study memo, the find bar and the Search panel
with the memo's results, the Export dialog with its codes' paths, a REFI-QDA import's
report; and the keyboard through the notes pane's tabs, with a focus seen in every theme."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QPushButton,
    QTabBar,
    QToolButton,
    QWidget,
)

from reader.core.color_difference import color_difference
from reader.core.palettes import (
    MIN_CONTRAST,
    PALETTES,
    contrast_ratio,
    parse_hex,
    relative_luminance,
)
from reader.core.study import open_study
from reader.ui.codebook.refi import REPORT_LINES, _show_report
from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.lazy_dock import bring_forward, dock_showing
from reader.ui.library.attribute_dialog import AttributeDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.exporting.test_code_list import codes, opened
from tests.ui.test_accessibility import Description, Name, unnamed
from tests.ui.test_docks import rgb
from tests.ui.test_read_only_undo import activate
from tests.ui.test_study_search_export import search, top_titles


def accessible(widget: QWidget) -> tuple[str, str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(Name), interface.text(Description)


def test_named_in_a_study_with_the_memo_the_find_bar_and_the_memos_results(
    make_study_window, folder, qtbot
) -> None:
    (folder / "memo.md").write_text("# Themes\n\nCoffee rituals\n", "utf-8")
    study = open_study(folder)  # an attribute: the Search panel's filter by it shows
    study.define_attribute("Role", "choice", ["nurse", "porter"])
    study.save()
    window = make_study_window(folder)
    window.resize(1280, 800)
    activate(window, qtbot)
    window.window_actions.study_memo.trigger()  # Ctrl+7
    window.window_actions.find.trigger()
    bar = window.find_bar
    qtbot.keyClicks(bar.edit, "coffee")  # its clear button shows, and the count
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 1")
    search(window, qtbot, "coffee")  # the clear button of the Search panel's field too
    qtbot.waitUntil(lambda: top_titles(window)[:1] == ["Study memo (1)"])
    QApplication.processEvents()
    assert window.search_panel.scope.filter.isVisible()
    assert unnamed(window) == []
    # The count is heard, as it changes: it is the label's name. Ctrl+7 put the focus
    # in the memo, so Ctrl+F finds there.
    assert accessible(bar.count_label) == ("1 of 1", "Matches in the study memo")
    clear = next(b for b in bar.edit.findChildren(QToolButton) if b.isVisible())
    assert accessible(clear) == ("Clear", "Empties the search")
    name, description = accessible(window.notes_editor)
    assert name == "Study memo" and "study" in description
    bar.regex_button.click()  # Match diacritics greyed out: it says why
    assert "regular expression" in accessible(bar.diacritics_button)[1]
    window.window_actions.toggle_preview.setChecked(True)
    QApplication.processEvents()
    assert accessible(window.notes_pane.preview)[0] == "Study memo preview"
    assert unnamed(window) == []
    window.window_actions.study_memo.trigger()  # the interview's notes again
    assert accessible(window.notes_pane.preview)[0] == "Notes preview"


def test_the_export_dialog_is_named_as_file_export_opens_it(
    make_study_window, folder, qtbot, monkeypatch
) -> None:
    window = make_study_window(folder)
    found: list[list[str]] = []

    def exec_(dialog: ExportDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        found.append(unnamed(dialog))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    window.window_actions.export.trigger()
    assert found == [[]]
    # With codes, filtered, and a colour's label cut to fit its box.
    label = "Said in passing, to be followed up in the second round of interviews"
    dialog = opened(qtbot, ExportDialog({"blue": label}, codes(5), window, study="Nights"))
    qtbot.keyClicks(dialog.code_filter, "Code")
    assert unnamed(dialog) == []
    box = dialog.color_boxes["blue"]
    assert box.text() != label and accessible(box)[0] == label
    # Named as their labels; on Linux Qt says a combo's label by relation, and its value.
    assert dialog.scope_combo.accessibleName() == "Export"
    assert dialog.format_combo.accessibleName() == "Format"


def test_a_long_import_report_and_its_details_are_named(window: MainWindow, dialogs, qtbot) -> None:
    lines = [f"Not imported: passage {n} of P01." for n in range(REPORT_LINES + 5)]
    _show_report(window, lines, "\n".join(lines))
    box = dialogs.boxes[-1]
    box.show()
    qtbot.waitExposed(box)
    details = next(b for b in box.findChildren(QPushButton) if "Details" in b.text())
    details.click()
    assert unnamed(box) == []


# The keyboard through the notes pane's tabs ---------------------------------------------

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def test_tab_goes_from_the_reader_to_the_notes_tabs_bar_and_editor_and_back(
    make_study_window, folder, qtbot
) -> None:
    """Within the notes pane, not across the window: the tabs, the formatting bar (one
    stop, its buttons by the arrow keys, as in a tool bar), the editor."""
    window = make_study_window(folder)
    activate(window, qtbot)
    reader, tabs, editor = window.reader, window.notes_pane.tabs, window.notes_editor
    bold = window.notes_pane.toolbar.widgetForAction(window.window_actions.bold)
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert tabs.hasFocus()
    qtbot.keyClick(tabs, Qt.Key.Key_Tab)
    assert bold.hasFocus()
    qtbot.keyClick(bold, Qt.Key.Key_Right)
    italic = QApplication.focusWidget()
    assert italic is window.notes_pane.toolbar.widgetForAction(window.window_actions.italic)
    qtbot.keyClick(italic, Qt.Key.Key_End)
    preview = window.notes_pane.toolbar.widgetForAction(window.window_actions.toggle_preview)
    assert preview.hasFocus()
    qtbot.keyClick(preview, Qt.Key.Key_Tab)  # on past the bar's other buttons
    assert editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, CTRL | SHIFT)  # Tab indents in the notes
    assert bold.hasFocus()
    qtbot.keyClick(bold, Qt.Key.Key_Backtab, SHIFT)
    assert tabs.hasFocus()
    qtbot.keyClick(tabs, Qt.Key.Key_Backtab, SHIFT)
    assert reader.hasFocus()
    bold.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bold, Qt.Key.Key_Space)  # pressed from the keyboard: it acts
    assert editor.toPlainText().startswith("****")
    window.window_actions.toggle_preview.setChecked(True)  # the preview in the editor's place
    reader.setFocus()
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.notes_pane.preview.hasFocus()


def test_tab_goes_round_the_screen_from_left_to_right(make_study_window, folder, qtbot) -> None:
    """The Library, the panels' tab bar, the panel in front, the reader, the notes, and
    round again (Qt's order ran nearly the other way). A panel tabbed behind the Outline is
    no stop: Tab went into the Annotations and the Codebook, which came forward, and the
    Outline went, unasked. The tab bar's arrows switch the panel in front."""
    window = make_study_window(folder)
    activate(window, qtbot)
    bring_forward(window.outline_dock)
    QApplication.processEvents()
    (panels,) = [
        bar
        for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if bar.isVisible()
    ]
    assert accessible_name(panels) == "Panels"
    library, pane = window.library, window.notes_pane
    bold = pane.toolbar.widgetForAction(window.window_actions.bold)
    screen = [library.filter, library.add_button, library.view, panels, window.outline]
    screen += [window.reader, pane.tabs, bold, window.notes_editor]
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    forward, backward = [], []
    for reached, key, shift in (
        (forward, Qt.Key.Key_Tab, NONE),
        (backward, Qt.Key.Key_Backtab, SHIFT),
    ):
        for _ in screen:
            focus = QApplication.focusWidget()  # Tab indents in the notes: Ctrl+Tab leaves
            qtbot.keyClick(focus, key, shift | (CTRL if focus is window.notes_editor else NONE))
            reached.append(QApplication.focusWidget())
    assert forward == screen[6:] + screen[:6]
    assert backward == screen[::-1][4:] + screen[::-1][:4]
    assert dock_showing(window.outline_dock)
    panels.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(panels, Qt.Key.Key_Down)  # the next panel in front: the Annotations
    qtbot.waitUntil(lambda: window.annotations.filter_edit.isVisible())
    qtbot.keyClick(panels, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.annotations.filter_edit


def accessible_name(widget: QWidget) -> str:
    """What the widget is named for assistive tools (Qt's tab bars are heard by their
    current tab; the bar's own name is its accessibleName)."""
    return widget.accessibleName()


def test_the_memo_tab_by_arrows_on_the_tab_bar_and_by_ctrl_7(
    make_study_window, folder, qtbot
) -> None:
    window = make_study_window(folder)
    activate(window, qtbot)
    pane, tabs, editor = window.notes_pane, window.notes_pane.tabs, window.notes_editor
    tabs.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tabs.hasFocus)
    qtbot.keyClick(tabs, Qt.Key.Key_Right)
    assert pane.showing_memo() and window.window_actions.study_memo.isChecked()
    assert tabs.hasFocus() and accessible(editor)[0] == "Study memo"
    qtbot.keyClick(tabs, Qt.Key.Key_Left)
    assert not pane.showing_memo() and not window.window_actions.study_memo.isChecked()
    qtbot.keyClick(tabs, Qt.Key.Key_7, CTRL)  # View ▸ Study Memo: shown, to type in
    assert pane.showing_memo() and tabs.currentIndex() == 1
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_7, CTRL)
    assert not pane.showing_memo() and tabs.currentIndex() == 0 and editor.hasFocus()


def painted(widget: QWidget, area: QRect) -> set[tuple[int, int, int]]:
    image = widget.grab().toImage()
    return {
        rgb(image.pixelColor(x, y))
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    }


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_notes_tabs_show_the_current_tab_and_the_keyboards_focus_in_every_theme(
    make_study_window, folder, qtbot, name: str
) -> None:
    """The current tab has a line in the accent toward the page, the other none, and a
    fill of its own, toward the accent, lighter than the other's on a dark page; with the
    keyboard, a frame in the accent too, as a focused button has (Fusion told both by
    shades of the window and the highlight: nothing on High Contrast's black, the current
    tab darker than the other in Dark)."""
    window = make_study_window(folder)
    activate(window, qtbot)
    window.appearance.set_theme(name)
    QApplication.processEvents()  # the palette reaches the widgets
    palette = PALETTES[name]
    accent = parse_hex(palette.accent)
    tabs, editor = window.notes_pane.tabs, window.notes_editor
    window.window_actions.study_memo.trigger()  # Ctrl+7: the memo's tab, the editor's focus
    qtbot.waitUntil(editor.hasFocus)
    current, other = tabs.tabRect(1), tabs.tabRect(0)
    upper = current.adjusted(0, 0, 0, -current.height() // 2)  # clear of the line
    assert accent in painted(tabs, current.adjusted(0, current.height() - 2, 0, 0))
    assert accent not in painted(tabs, other) and accent not in painted(tabs, upper)
    fills = [fill_of(tabs, tab.adjusted(3, 3, -3, -4)) for tab in (current, other)]
    assert contrast_ratio(*fills) >= 1.4, fills
    assert color_difference(fills[0], accent) < color_difference(fills[1], accent)
    if palette.dark:
        assert relative_luminance(fills[0]) > relative_luminance(fills[1])
    assert contrast_ratio(parse_hex(palette.text), fills[0]) >= MIN_CONTRAST
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, CTRL | SHIFT)  # to the formatting bar
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, SHIFT)
    qtbot.waitUntil(tabs.hasFocus)
    assert accent in painted(tabs, upper) and accent not in painted(tabs, other)


def fill_of(widget: QWidget, area: QRect) -> tuple[int, int, int]:
    """The colour most of `area` is painted in (its background, under a few words)."""
    image = widget.grab().toImage()
    return Counter(
        rgb(image.pixelColor(x, y))
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    ).most_common(1)[0][0]


def tab_stops(start: QWidget, qtbot, count: int) -> list[QWidget]:
    """Where Tab goes from `start`, `count` times."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    reached = []
    for _ in range(count):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    return reached


def test_tab_goes_through_the_find_options_as_they_are_laid_out(window: MainWindow, qtbot) -> None:
    """Match diacritics (é) sits between Aa and ab: Tab reaches it there, not last."""
    activate(window, qtbot)
    window.window_actions.find.trigger()
    bar = window.find_bar
    shown = [bar.previous_button, bar.next_button, *bar.option_buttons.values()]
    shown.append(bar.close_button)
    in_order = sorted(shown, key=lambda button: button.x())
    assert tab_stops(bar.edit, qtbot, len(in_order)) == in_order
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    in_order = sorted(panel.option_buttons.values(), key=lambda button: button.x())
    assert tab_stops(panel.edit, qtbot, len(in_order)) == in_order


def test_the_windows_opened_beside_the_main_one_are_named(make_study_window, folder, qtbot) -> None:
    """Coded Passages, Pictures of the Coding, Speakers and Keyboard Shortcuts, as their
    commands open them, are named for a screen reader as the main window is."""
    from tests.ui.test_codebook import code_with_keys

    window = make_study_window(folder)
    activate(window, qtbot)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    actions = window.window_actions
    for action in (actions.codes.retrieve, actions.codes.pictures, actions.speakers):
        action.trigger()
    actions.shortcuts.trigger()
    shown = {w.windowTitle(): w for w in QApplication.topLevelWidgets() if w.isVisible()}
    titles = {"Coded Passages", "Pictures of the Coding", "Speakers", "Keyboard Shortcuts"}
    assert titles <= shown.keys()
    assert {title: unnamed(shown[title]) for title in titles} == {title: [] for title in titles}


def test_the_attribute_dialog_is_named_as_the_library_opens_it(
    make_study_window, folder, qtbot, monkeypatch
) -> None:
    """Its Type and Choices had a name and no description; changing an attribute, the
    greyed-out Type now says why it cannot change."""
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["nurse", "porter"])
    study.save()
    window = make_study_window(folder)
    found: dict[str, list[str]] = {}

    def exec_(dialog: AttributeDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.type.setCurrentIndex(dialog.type.findData("choice"))  # its Choices shown
        found[dialog.windowTitle()] = unnamed(dialog)
        if not dialog.type.isEnabled():
            found["Type greyed out"] = [accessible(dialog.type)[1]]
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(AttributeDialog, "exec", exec_)
    window.library.newAttributeRequested.emit()
    window.library.editAttributeRequested.emit("role")
    said = found.pop("Type greyed out")
    assert found == {"New Attribute": [], "Change Attribute": []}
    assert "cannot change" in said[0]


def test_a_cell_edited_in_place_says_what_it_edits(make_study_window, folder, qtbot) -> None:
    """F2 on a Library cell (a participant, a choice) or a Codebook code gave a screen
    reader a field with no name nor description ("edit text", whatever was edited)."""
    from tests.ui.test_codebook import code_with_keys

    study = open_study(folder)
    study.define_attribute("Role", "choice", ["nurse", "porter"])
    study.save()
    window = make_study_window(folder)
    window.resize(1280, 800)
    activate(window, qtbot)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    library = window.library.view
    model = library.model()
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    said = []
    for view, index in (
        (library, model.index(0, headings.index("Participant"))),
        (library, model.index(0, headings.index("Role"))),
        (window.codebook.panel.view, window.codebook.panel.view.model().index(0, 0)),
    ):
        view.setFocus()
        view.setCurrentIndex(index)
        view.edit(index)
        qtbot.waitUntil(lambda view=view: view.isAncestorOf(QApplication.focusWidget()))
        said.append(accessible(QApplication.focusWidget()))
        view.closePersistentEditor(index)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    title = model.index(0, 0).data()
    names = [f"Participant of “{title}”", f"Role of “{title}”", "Name of the code “Drinks”"]
    assert [name for name, _ in said] == names
    assert all("Enter" in description for _, description in said)


def test_named_in_a_study_with_each_panel_a_message_and_a_recording(
    make_study_window, folder, qtbot
) -> None:
    """The walk of the tree in the states a study's day goes through: the Library, the
    Codebook with a code, the Annotations, Search with results, a message above the panes
    with its buttons and the recording's bar, each in front in turn."""
    from tests.ui.media_files import write_wav
    from tests.ui.test_codebook import code_with_keys

    write_wav(folder / "P01 Ana.wav")
    window = make_study_window(folder)
    window.resize(1280, 800)
    activate(window, qtbot)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    qtbot.waitUntil(window.player_bar.isVisible)
    window.banner.show_message("Not saved: the disk is full.", [("Save Notes As…", print)])
    found = {}
    actions = window.window_actions
    for shown, show, panel in (
        ("Codebook", actions.codes.focus_codebook.trigger, lambda: window.codebook.panel),
        ("Annotations", window.annotations_dock.raise_, lambda: window.annotations),
        ("Search", lambda: search(window, qtbot, "coffee"), lambda: window.search_panel),
    ):
        show()
        QApplication.processEvents()
        assert panel().isVisible(), shown
        found[shown] = unnamed(window)
    assert found == {"Codebook": [], "Annotations": [], "Search": []}
    assert window.library.view.isVisible() and window.banner.isVisible()
