"""reader/ui/window/spoken.py: a screen reader is told the status bar's passing messages
and the messages above the panes as they come, wherever the keyboard is (the keyboard
stays in the reader or the notes, and a screen reader reads names only there)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent

from reader.ui.window.main_window import MainWindow

Politeness = QAccessible.AnnouncementPoliteness


@pytest.fixture
def announced(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """(text, politeness) of each announcement made from Python, as it is made."""
    said: list[tuple[str, Any]] = []
    update = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Announcement:
            said.append((event.message(), event.politeness()))
        update(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    return said


def test_a_status_message_is_announced_politely(window: MainWindow, announced, qtbot) -> None:
    window.reader.setFocus()
    window.statusBar().showMessage("Removed P03 from the study; its files stay on disk.", 4000)
    assert announced == [("Removed P03 from the study; its files stay on disk.", Politeness.Polite)]
    window.statusBar().clearMessage()  # taken back: nothing to say
    assert len(announced) == 1


def test_a_menu_items_tip_in_the_status_bar_is_not_announced(
    window: MainWindow, announced, qtbot
) -> None:
    """Going down a menu, each item's tip shown in the status bar was announced after
    the item itself, a queue of them for a screen reader; a message after is still said."""
    window.show()
    qtbot.waitExposed(window)
    menu = window.menuBar().actions()[0].menu()
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitExposed(menu)
    action = next(a for a in menu.actions() if a.statusTip())
    menu.setActiveAction(action)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == action.statusTip())
    menu.close()
    assert announced == []
    window.statusBar().showMessage("Removed P03 from the study; its files stay on disk.", 4000)
    assert announced == [("Removed P03 from the study; its files stay on disk.", Politeness.Polite)]


def test_a_message_above_the_panes_is_announced_at_once_and_the_next_when_shown(
    window: MainWindow, announced, qtbot
) -> None:
    banner = window.banner
    banner.show_message("Not saved: the disk is full.", [("Save Notes As…", lambda: None)])
    waiting = "Opened read-only: another window has the study."
    banner.add_message(waiting)
    assert announced == [("Not saved: the disk is full.", Politeness.Assertive)]
    banner.buttons[-1].click()  # Dismiss: the next shows
    assert announced[-1] == (waiting, Politeness.Assertive)
    banner.buttons[-1].click()  # none left: nothing said
    assert len(announced) == 2 and banner.isHidden()


def test_an_offer_shown_again_as_it_stands_is_not_announced_again(
    make_study_window, folder, announced, qtbot
) -> None:
    """A transcript new in the study folder is offered; each other file that came into
    the folder after it (a sync tool's, an editor's lock) showed the same offer again,
    and a screen reader was cut off to hear it again."""
    window = make_study_window(folder)
    (folder / "P04 Dan.txt").write_text("Q: Hi?\nA: Hello.\n", "utf-8")
    qtbot.waitUntil(lambda: "Dan" in window.banner.text(), timeout=5000)
    offer = window.banner.text()
    assert [text for text, _ in announced if text == offer] == [offer]
    (folder / "notes.tmp").write_text("x", "utf-8")
    with qtbot.waitSignal(window.study.cameIntoFolder, timeout=5000):
        pass
    assert window.banner.text() == offer
    assert [text for text, _ in announced if text == offer] == [offer]


def test_the_find_bars_count_is_announced_as_it_changes(
    window: MainWindow, announced, qtbot
) -> None:
    """Typing in the find field, the keyboard there, a screen reader heard no count; nor
    with F3 from the reader."""
    window.window_actions.find.trigger()
    bar = window.find_bar
    qtbot.keyClicks(bar.edit, "zzqx")
    qtbot.waitUntil(lambda: bar.count_label.text() == "No matches")
    assert ("No matches", Politeness.Polite) in announced
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "the")
    qtbot.waitUntil(lambda: bar.count_label.text().startswith("1 of"))
    assert announced[-1] == (bar.count_label.text(), Politeness.Polite)
    said = len(announced)
    window.appearance.set_theme("dark")  # shown again, the same: not said again
    assert len(announced) == said


def test_what_search_everything_found_is_announced(window: MainWindow, announced, qtbot) -> None:
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    qtbot.keyClicks(panel.edit, "zzqx")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ("No results", Politeness.Polite) in announced)


def test_search_everything_in_a_study_is_announced_once_it_is_done(
    make_study_window, folder, announced, qtbot, monkeypatch
) -> None:
    """Searching a study as one types, its count grew slice by slice ("5 in 3 interviews,
    searching…"), and each was announced: a queue of counts in a large study. Here an
    interview a slice, as a few a slice of 300 interviews."""
    from reader.ui import slices

    for n in range(4, 12):
        (folder / f"P{n:02} Night.txt").write_text("Q: Nights?\nA: The night shift.\n", "utf-8")
    monkeypatch.setattr(slices, "SLICE_S", 0.0)
    window = make_study_window(folder)
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    qtbot.keyClicks(panel.edit, "night")
    qtbot.waitUntil(lambda: panel.status.text().endswith("in 9 interviews"))
    done = panel.status.text()
    said = [text for text, _ in announced if "interview" in text]
    assert said and all("searching" not in text for text in said)
    assert said[-1] == done


def test_the_counts_beside_the_library_and_annotations_filters_are_announced(
    make_study_window, folder, announced, qtbot
) -> None:
    """ "1 of 3" as one types in the Library's filter, "1 of 2" in the Annotations': the
    keyboard in the field, a screen reader heard neither."""
    from tests.ui.test_highlights import highlight_with_key
    from tests.ui.test_read_only_undo import activate

    window = make_study_window(folder)
    activate(window, qtbot)
    highlight_with_key(window, qtbot, "coffee")
    highlight_with_key(window, qtbot, "handover")
    library = window.library
    library.filter.setFocus()
    qtbot.keyClicks(library.filter, "Ben")
    qtbot.waitUntil(lambda: library.count.text() == "1 of 3")
    assert ("1 of 3", Politeness.Polite) in announced
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.annotations.isVisible())
    panel = window.annotations
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "hand")
    qtbot.waitUntil(lambda: panel.count_text() == "1 of 2")
    assert announced[-1] == ("1 of 2", Politeness.Polite)


def test_the_annotations_whole_count_is_not_announced_at_each_highlight_or_interview(
    make_study_window, folder, announced, qtbot
) -> None:
    """With the Annotations in sight, each highlight made said "2 highlights", and each
    interview opened without any its long hint ("No highlights yet: …") before its name."""
    from tests.ui.test_highlights import highlight_with_key
    from tests.ui.test_read_only_undo import activate

    window = make_study_window(folder)
    activate(window, qtbot)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.annotations.isVisible())
    highlight_with_key(window, qtbot, "coffee")
    highlight_with_key(window, qtbot, "handover")
    window.window_actions.next_interview.trigger()
    qtbot.waitUntil(lambda: window.header_line.parts[:1] == ["P02 Ben"])
    assert window.annotations.count_text().startswith("No highlights yet")
    assert [text for text, _ in announced] == ["P01 Ana", "P02 Ben"]


def test_the_interview_opened_from_the_reader_is_announced(
    make_study_window, folder, announced, qtbot
) -> None:
    """Ctrl+PgDn in the reader opened the next interview; a screen reader, the keyboard
    still in the reader, was not told which."""
    from tests.ui.test_read_only_undo import activate

    window = make_study_window(folder)
    activate(window, qtbot)
    window.reader.setFocus()
    window.window_actions.next_interview.trigger()
    qtbot.waitUntil(lambda: window.header_line.parts[:1] == ["P02 Ben"])
    assert (window.header_line.full_text(), Politeness.Polite) in announced
    said = len(announced)
    window.header_line.refresh()  # the same interview shown again: nothing said
    assert len(announced) == said


def test_the_interview_opened_at_start_up_is_not_announced(
    start_window, folder, announced, qtbot
) -> None:
    """Started on a study, its first interview's line was announced before the window
    showed, ahead of the window's own title; opened from the window, it is said."""
    window = start_window(folder)
    assert window.header_line.parts[:1] == ["P01 Ana"]
    assert announced == []
    window.window_actions.next_interview.trigger()
    qtbot.waitUntil(lambda: window.header_line.parts[:1] == ["P02 Ben"])
    assert [text for text, _ in announced] == [window.header_line.full_text()]
