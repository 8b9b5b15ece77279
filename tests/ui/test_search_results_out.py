"""Search Everything's results taken out of the app (reader/ui/find/results_out.py): the
results listed exported as CSV, Markdown or HTML from the row menu (the Menu key) or the
panel's menu button, reached by keys; Ctrl+C on the rows selected; in a study and for an
interview alone. The files are read back from disk."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from reader.ui import keys
from reader.ui.window.main_window import MainWindow
from tests.ui.test_keys import in_f1
from tests.ui.test_read_only_undo import activate

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
VTT = (
    "WEBVTT\n\n00:00:03.000 --> 00:00:06.000\nRosa Diaz: How was the funding?\n\n"
    "00:12:05.000 --> 00:12:30.000\nهالة: The funding 🎉 came late, 资金 always late.\n"
)


def search(window: MainWindow, qtbot: Any, query: str, regex: bool = False) -> None:
    """Ctrl+Shift+F, the query typed, Enter: the focus in the results once they are in."""
    activate(window, qtbot)
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    if regex != panel.regex_button.isChecked():
        qtbot.mouseClick(panel.regex_button, Qt.MouseButton.LeftButton)
    panel.edit.clear()
    qtbot.keyClicks(panel.edit, query)
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.tree.hasFocus() and panel.results_out.can_export())


def in_menu(open_menu: Callable[[], None], key: Qt.Key) -> list[str]:
    """The menu `open_menu` shows, `key` pressed in it (an item's mnemonic); its items."""
    seen: list[str] = []

    def press() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(a.text() for a in menu.actions() if a.isEnabled() and a.text())
            QTest.keyClick(menu, key)
            if menu.isVisible():  # the key chose nothing: closed, for the test to go on
                menu.close()

    QTimer.singleShot(0, press)
    open_menu()
    assert seen, "no menu opened"
    return seen


def menu_key(widget: QWidget) -> None:
    """The Menu key, as Qt hands it on: a key press alone (QTest's) opens no menu."""
    point = QPoint(5, 5)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, point, widget.mapToGlobal(point), Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(widget, event)


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


def test_a_studys_results_export_as_csv_from_the_menu_key_with_times_and_unicode_intact(
    make_study_window: Any, tmp_path: Path, qtbot: Any, dialogs: Any
) -> None:
    folder = tmp_path / "Funding"
    folder.mkdir()
    (folder / "P01.vtt").write_text(VTT, "utf-8")
    (folder / "P02.txt").write_text("Q: Money?\nA: The funding was cut.\n", "utf-8")
    window = make_study_window(folder)
    search(window, qtbot, r"funding \S+", regex=True)  # "funding 🎉", "funding was"
    out = tmp_path / "chosen.csv"
    dialogs.save_answers.append(str(out))
    tree = window.search_panel.tree
    assert tree.hasFocus()
    items = in_menu(lambda: menu_key(tree), Qt.Key.Key_S)
    assert "Export Results as C&SV…" in items
    assert Path(dialogs.save_suggested[-1]).name == "funding S.csv"
    qtbot.waitUntil(out.exists)
    said, cut = rows(out)
    assert said == {
        "interview": "P01",
        "participant": "",
        "found_in": "transcript",
        "place": "Q1",
        "speaker": "هالة",
        "time": "0:12:05",
        "start": str(window.interview.session.document.text.index("funding 🎉")),
        "end": str(window.interview.session.document.text.index(" came late")),
        "found": "funding 🎉",
        "passage": "The funding 🎉 came late, 资金 always late.",
    }
    assert (cut["interview"], cut["found"], cut["time"]) == ("P02", "funding was", "")
    assert window.statusBar().currentMessage().startswith("Exported 2 results to ")


def test_an_interview_alones_results_export_as_markdown_from_the_panels_button(
    make_window: Any, tmp_path: Path, qtbot: Any, dialogs: Any
) -> None:
    transcript = tmp_path / "P01.vtt"
    transcript.write_text(VTT, "utf-8")
    window = make_window(transcript)
    search(window, qtbot, "late")
    panel = window.search_panel
    out = tmp_path / "late.md"
    dialogs.save_answers.append(str(out))
    # Shift+Tab from the results back to the menu button, Space opens it, M for Markdown.
    while not panel.results_out.button.hasFocus():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, SHIFT)
    # (A press: the menu is open once it is down, and takes the release.)
    in_menu(lambda: qtbot.keyPress(panel.results_out.button, Qt.Key.Key_Space), Qt.Key.Key_M)
    qtbot.waitUntil(out.exists)
    markdown = out.read_text("utf-8")
    assert markdown.startswith("# Search results for “late”\n\n2 results, exported from")
    assert "Searched for “late” in P01." in markdown
    cited = "> The funding 🎉 came **late**, 资金 always late.\n\nهالة · Q1 · 12:05\n"
    assert cited in markdown
    assert "> The funding 🎉 came late, 资金 always **late**." in markdown


def test_ctrl_c_copies_the_rows_selected_and_enter_still_goes_to_one(
    make_window: Any, tmp_path: Path, qtbot: Any
) -> None:
    transcript = tmp_path / "P01.vtt"
    transcript.write_text(VTT, "utf-8")
    window = make_window(transcript)
    search(window, qtbot, "funding")
    tree = window.search_panel.tree
    qtbot.keyClick(tree, Qt.Key.Key_Down, SHIFT)  # the first result and the second
    qtbot.keyClick(tree, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == (
        "“How was the funding?” (P01, Rosa Diaz · Q1 · 0:03)\n"
        "“The funding 🎉 came late, 资金 always late.” (P01, هالة · Q1 · 12:05)"
    )
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert in_f1(window, "Search Everything", keys.SEARCH)  # Help ▸ Keyboard Shortcuts
    text = window.interview.session.document.text
    start, end = window.reader.selected_range()
    assert (start, text[start:end]) == (text.index("funding 🎉"), "funding")


def test_export_waits_for_results(make_window: Any, qtbot: Any, dialogs: Any) -> None:
    window = make_window()
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    qtbot.keyClicks(panel.edit, "zzqx")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert panel.status.text() == "No results"
    assert not panel.results_out.button.isEnabled()
    assert "search for some words" in panel.results_out.button.toolTip()
