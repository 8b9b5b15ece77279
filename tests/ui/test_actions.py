"""Every menu of the menu bar gives each of its items a letter of its own (Alt+F, then the
item's letter), its submenus too; pressing the letters reaches the item. The context menus
(the reader's, the Annotations', the Library's rows and headings) too, with their keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMenu, QWidget

from reader.ui.mnemonics import with_mnemonics
from reader.ui.window.actions import menus_of
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import select
from tests.ui.test_library_fit import Menus
from tests.ui.test_main_window import menu_action


def mnemonic(text: str) -> str:
    """The letter after a lone '&' (lower case); "" when there is none."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower()[0] if 0 <= at < len(plain) - 1 else ""


def clashes(menu: QMenu, title: str) -> list[str]:
    """What is wrong with `menu`'s letters: items without one, letters used twice."""
    problems, seen = [], {}
    if title.replace("&", "") == "Open Recent":  # the files opened lately, listed by name
        return []
    for action in menu.actions():
        if action.isSeparator():
            continue
        letter = mnemonic(action.text())
        if not letter:
            problems.append(f"{title} ▸ {action.text()!r} has no letter")
        elif letter in seen:
            problems.append(f"{title}: {seen[letter]!r} and {action.text()!r} share {letter!r}")
        seen.setdefault(letter, action.text())
        if action.menu() is not None:
            problems += clashes(action.menu(), f"{title} ▸ {action.text()}")
    return problems


def test_every_menu_item_has_a_letter_of_its_own(
    make_study_window: Callable, folder, make_window: Callable[..., MainWindow]
) -> None:
    for window in (make_window(), make_study_window(folder)):
        bar = window.menuBar()
        titles = [mnemonic(a.text()) for a in bar.actions()]
        assert "" not in titles and len(set(titles)) == len(titles), titles
        problems = [p for a in bar.actions() for p in clashes(a.menu(), a.text())]
        assert problems == []
        # Greyed-out items say why when hovered: every menu shows its items' tips.
        assert all(menu.toolTipsVisible() for menu in menus_of(bar.actions()))
    # The Library's Add button menu too (Fill Participants… has its letter there as well).
    assert clashes(window.library.add_button.menu(), "Library ▸ Add") == []


def test_the_letters_reach_the_item(make_window: Callable[..., MainWindow], qtbot) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    file_menu = menu_action_menu(window, "File")
    with qtbot.waitSignal(window.window_actions.restore_backup.triggered):
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(file_menu.isVisible)
        qtbot.keyClick(file_menu, Qt.Key.Key_B)  # Restore from &Backup…: R is Open Recent's
    assert not file_menu.isVisible()


def menu_action_menu(window: MainWindow, title: str) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def test_dock_toggles_and_speeds_keep_their_names(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    view = menu_action_menu(window, "View")
    # No key: Ctrl+5 is Go to Library's, a few items down, and it does not hide the library.
    assert menu_action(view, "Library").text() == "&Library"
    assert menu_action(view, "Outline").isChecked()
    playback = window.window_actions.playback
    assert [a.text().replace("&", "") for a in playback.speeds][2] == "1× (Normal)"


def test_view_lists_every_dock_and_shows_a_lazy_one_when_chosen(
    make_window: Callable[..., MainWindow], qtbot
) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = menu_action_menu(window, "View")
    toggles = [a.text() for a in view.actions()][:6]
    assert toggles == [
        "&Library",
        "&Outline",
        "&Annotations",
        "Searc&h\tCtrl+Shift+F",  # Search Everything's key, which brings the dock
        "Co&debook",
        "&Video",
    ]
    for dock, letter in ((window.search_dock, Qt.Key.Key_H), (window.codebook.dock, Qt.Key.Key_D)):
        assert not dock.isVisible() and dock.made() is None  # nothing made at start-up
        for shown in (True, False):  # Alt+V and its letter show it, and again hide it
            qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
            qtbot.waitUntil(view.isVisible)
            qtbot.keyClick(view, letter)
            qtbot.waitUntil(lambda d=dock, s=shown: d.isVisible() is s)
            assert dock.made() is not None and not view.isVisible()
            assert menu_action(view, dock.windowTitle()).isChecked() is shown


def test_view_goes_to_every_pane_with_its_key(
    make_window: Callable[..., MainWindow], qtbot
) -> None:
    """Go to Codebook (Ctrl+6) was in Codes only, and View ▸ Search showed no key though
    Ctrl+Shift+F brings the Search dock: View lists every Go to item with its key, Codes'
    the same action, and shows Ctrl+Shift+F beside Search."""
    window = make_window()
    actions = window.window_actions
    assert actions.codes is not None
    view = menu_action_menu(window, "View")
    go_to = [a for a in view.actions() if a.text().startswith("Go to ")]
    assert [a.shortcut().toString() for a in go_to] == [f"Ctrl+{n}" for n in range(1, 7)]
    assert go_to[-1] is actions.codes.focus_codebook
    assert actions.codes.focus_codebook in menu_action_menu(window, "Codes").actions()
    search = menu_action(view, "Search")
    written = search.text().partition("\t")[2]
    assert written == actions.search_everything.shortcut().toString() == "Ctrl+Shift+F"
    assert search.shortcut().isEmpty()  # written only: the key stays Search Everything's
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reader.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_F, ctrl_shift)
    qtbot.waitUntil(lambda: window.search_dock.isVisible() and search.isChecked())


@given(st.lists(st.text(min_size=1, max_size=20), max_size=40))
def test_font_names_get_distinct_letters_and_keep_their_ampersands(names: list[str]) -> None:
    texts = with_mnemonics(names)
    for name, text in zip(names, texts, strict=True):
        letter = mnemonic(text)
        # As Qt shows it ("&&" an ampersand, "&x" an underlined x): the name as it is.
        assert re.sub("&(&?)", r"\1", text) == name
        assert not letter or letter.isalnum()
    letters = [mnemonic(t) for t in texts if mnemonic(t)]
    assert len(letters) == len(set(letters))
    assert with_mnemonics(["İstanbul", "izmir"]) == ["&İstanbul", "i&zmir"]  # İ lowers to i
    assert with_mnemonics(["Noto Serif", "Noto Sans", "Inter"]) == [
        "&Noto Serif",
        "Noto &Sans",
        "&Inter",
    ]


def test_open_recent_shows_an_ampersand_in_a_name_as_it_is(
    make_window: Callable[..., MainWindow], tmp_path
) -> None:
    talk = tmp_path / "Q&A with Ben.txt"
    talk.write_text("Q: Night shifts?\nA: Coffee.\n", "utf-8")
    window = make_window()
    assert window.study_actions.open_path(talk)  # as Open Interview… does
    menu = window.window_actions.recent_menu
    assert menu is not None
    menu.aboutToShow.emit()  # filled as it opens
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0] == "&1 Q&&A with Ben.txt"  # shown as "1 Q&A with Ben.txt", A not underlined
    assert mnemonic(texts[-1]) == "c"  # &Clear the List
    # Two items of one name are told apart by their folder: its ampersand is shown too.
    from reader.ui.library.recent import Recent, menu_labels

    both = [Recent(tmp_path / "Q&A" / "notes", True), Recent(tmp_path / "B" / "notes", True)]
    assert menu_labels(both)[0].endswith("Q&&A") and mnemonic(menu_labels(both)[0]) == "1"


def test_context_menus_give_each_item_a_letter_and_its_key(
    make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    window = make_window()
    reader = window.reader
    text = window.interview.session.document.text
    start = text.index("Hollywood")
    select(window, qtbot, start, start + 9)
    on_selection = reader.build_context_menu(reader.cursorRect().center())
    assert clashes(on_selection, "Reader, on a selection") == []
    texts = [a.text() for a in on_selection.actions()]
    assert "C&ode…\tC" in texts and "&Quote in Notes\tQ" in texts and "Select &All\tCtrl+A" in texts
    reader._highlight_selection("blue")
    select(window, qtbot, start + 3, start + 3)
    on_highlight = reader.build_context_menu(reader.cursorRect().center())
    assert clashes(on_highlight, "Reader, on a highlight") == []
    texts = [a.text() for a in on_highlight.actions()]
    assert {"Edit &Note…\tN", "C&odes…\tC", "&Delete Highlight\tDelete"} <= set(texts)
    # The Annotations list's menu, on that highlight.
    menus = Menus(monkeypatch).opened
    annotations = window.annotations
    annotations.keys.context_menu(
        annotations.view.visualRect(annotations.view.model().index(0, 0)).center()
    )
    assert clashes(menus[-1], "Annotations") == []
    assert [a.text() for a in menus[-1].actions()][1] == "Edit &Note…\tF2"


def test_the_library_menus_give_each_item_a_letter_and_its_key(
    make_study_window: Callable, folder, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    window = make_study_window(folder)
    assert window.study.define_attribute("Ward & Unit", "text", [])
    menus = Menus(monkeypatch).opened
    panel, view = window.library, window.library.view
    panel._row_menu(view.visualRect(view.model().index(0, 0)).center())
    assert clashes(menus[-1], "Library row") == []
    texts = [a.text() for a in menus[-1].actions()]
    assert {"&Open\tEnter", "&Rename\tF2", "Move &Up\tAlt+Up", "Stud&y Order"} <= set(texts)
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: panel.model.attribute(header.count() - 1) is not None)
    ward = header.count() - 1  # the attribute's heading: its menu changes or removes it
    window.library_dock.show()
    view.setColumnHidden(ward, False)
    qtbot.waitUntil(lambda: header.sectionViewportPosition(ward) > 0)
    panel._header_menu(QPoint(header.sectionViewportPosition(ward) + 3, 3))
    assert clashes(menus[-1], "Library heading") == []
    assert "C&hange “Ward && Unit”…" in [a.text() for a in menus[-1].actions()]
    # On one of its cells, the row menu (the Menu key's) has them too, the keyboard's way.
    panel._row_menu(view.visualRect(view.model().index(0, ward)).center())
    assert clashes(menus[-1], "Library row on an attribute") == []
    row = [a.text() for a in menus[-1].actions()]
    assert {"C&hange “Ward && Unit”…", "Remove “Ward && Unit” Attri&bute"} <= set(row)


def alt_letter(keys: QKeySequence) -> str:
    """The letter or digit of an Alt+<key> shortcut (lower case); "" for any other."""
    match = re.fullmatch(r"Alt\+(\w)", keys.toString())
    return match.group(1).lower() if match else ""


def test_no_two_things_in_the_window_answer_the_same_alt_letter(
    make_study_window: Callable[[Path], MainWindow], folder: Path
) -> None:
    """Every Alt+letter reachable at once: the menus' titles, the window's shortcuts, and
    the buttons of the find bar and the docks (each shown), by their text or their keys."""
    window = make_study_window(folder)
    window.window_actions.find.trigger()
    for dock in window.findChildren(QDockWidget):
        dock.toggleViewAction().trigger() if not dock.isVisible() else None
    owners: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        owners.setdefault(mnemonic(action.text()), []).append(f"menu {action.text()!r}")
    for action in window.actions():
        for keys in action.shortcuts():
            if alt_letter(keys):
                owners.setdefault(alt_letter(keys), []).append(f"action {action.text()!r}")
    buttons = [b for b in window.findChildren(QAbstractButton) if b.window() is window]
    assert window.find_bar.case_button in buttons
    for button in buttons:
        for letter in {mnemonic(button.text()), alt_letter(button.shortcut())} - {""}:
            owners.setdefault(letter, []).append(f"button {button.text() or button.toolTip()!r}")
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    assert "menu '&Codes'" in owners["c"]  # the letter a new user tries first
    # The options' keys (Alt+A for Match case…) work in the find bar or the Search panel,
    # whichever has the keyboard: neither meets another Alt+letter there.
    for pane in (window.find_bar, window.search_panel):
        letters = [alt_letter(s.key()) for s in pane.findChildren(QShortcut)]
        assert sorted(letters) == ["a", "d", "r", "w"]
        assert not set(letters) & owners.keys(), pane.objectName()


def shown_keys(menu: QMenu) -> list[str]:
    """The keys `menu` shows beside its items: an action's own, or a key written in its
    text after a tab (a dock's toggle), each as Qt shows it."""
    keys = []
    for action in menu.actions():
        written = action.text().partition("\t")[2]
        keys += [written] if written else [k.toString() for k in action.shortcuts()]
    return keys


def test_import_codebook_is_in_the_codes_menu_too_and_no_menu_shows_a_key_twice(
    make_study_window: Callable, folder, make_window: Callable[..., MainWindow]
) -> None:
    for window in (make_window(), make_study_window(folder)):
        bar = window.menuBar()
        codes = menu_action_menu(window, "Codes")
        qdc = window.window_actions.codes
        # In both menus: a student looks for it among the codes first, where it says
        # what it does; File ▸ Import names it beside the other formats.
        in_codes = menu_action(codes, "Import REFI-QDA Codebook (.qdc)…")
        assert in_codes is qdc.import_qdc_in_codes
        file_menu = menu_action_menu(window, "File")
        assert menu_action(file_menu, "Import", "REFI-QDA Codebook (.qdc)…") is qdc.import_qdc
        # Ctrl+6 was shown twice in Codes: Go to Codebook's key, and written on the
        # Codebook dock's toggle, which Ctrl+6 does not toggle. A key shows where it acts.
        for menu in menus_of(bar.actions()):
            keys = [k for k in shown_keys(menu) if k]
            assert len(keys) == len(set(keys)), (menu.title(), keys)


def test_no_two_actions_of_the_window_share_a_key(
    make_study_window: Callable, folder: Path
) -> None:
    """Qt fires neither of two actions with one key (an ambiguous shortcut): each key of the
    window, its menus' items and the panels' actions, belongs to one action in one place."""
    window = make_study_window(folder)
    for dock in window.findChildren(QDockWidget):  # lazy panels made, with their actions
        dock.toggleViewAction().trigger() if not dock.isVisible() else None
    owners: dict[tuple[str, int], list[str]] = {}
    for action in set(window.findChildren(QAction)):
        widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        widgets = [w for w in widgets if not isinstance(w, QMenu)]
        if action.shortcutContext() in (
            Qt.ShortcutContext.WindowShortcut,
            Qt.ShortcutContext.ApplicationShortcut,
        ):  # the key acts anywhere in the window, whichever widget holds the action
            widgets = [w.window() for w in widgets]
        for keys in action.shortcuts():
            for place in {id(w) for w in widgets}:
                owners.setdefault((keys.toString(), place), []).append(action.text())
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_the_readers_keys_show_beside_quote_and_code_in_the_menus(
    make_window: Callable[..., MainWindow], qtbot
) -> None:
    """Q and C, the reading pane's own keys (not shortcuts: in the notes they are letters),
    show beside Edit ▸ Quote in Notes and Codes ▸ Code Passage…, as in the pane's menu."""
    window = make_window()
    actions = window.window_actions
    assert actions.codes is not None
    for menu, action, key in (
        ("Edit", actions.quote_in_notes, "Q"),
        ("Codes", actions.codes.code_passage, "C"),
    ):
        assert action in menu_action_menu(window, menu).actions()
        assert action.text().endswith(f"\t{key}") and action.shortcut().isEmpty()
        assert "\t" not in action.iconText()
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "qc")
    assert "qc" in window.notes_editor.toPlainText()
