"""Qt's accessibility tree, as a screen reader sees it: every interactive element has a
name, panes, lists, fields, boxes and tabs a description too (a tooltip is one); Tab
reaches the panes with a visible focus. (In a study: test_accessibility_study.py.)"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from reader.ui.window.focus_marker import bar_width
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys

CTRL = Qt.KeyboardModifier.ControlModifier

Role = QAccessible.Role
INTERACTIVE = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.List,
    Role.Table,
    Role.Tree,
    Role.PageTab,
    Role.SpinBox,
    Role.Slider,
    Role.ButtonMenu,
    Role.ButtonDropDown,
}
DESCRIBED = {
    Role.EditableText,
    Role.List,
    Role.Table,
    Role.Tree,
    Role.ComboBox,
    Role.CheckBox,
    Role.PageTab,
}
Name, Description = QAccessible.Text.Name, QAccessible.Text.Description


def walk(interface, path: str = "", depth: int = 0):
    """(interface, path) of every accessible element under `interface`."""
    if interface is None or not interface.isValid() or depth > 40:
        return
    yield interface, path
    for i in range(interface.childCount()):
        child = interface.child(i)
        if child is not None and not child.state().invisible:
            name = child.text(QAccessible.Text.Name) or child.role().name
            yield from walk(child, f"{path}/{name}", depth + 1)


def unnamed(window: QWidget) -> list[str]:
    """The interactive elements without a name (or a description where one is due), and
    any other Tab stops there (a text shown read-only, as a static text, is one), also
    those the tree leaves out (a drop-down in a table's cell)."""
    found = []
    walked = set()
    for interface, path in walk(QAccessible.queryAccessibleInterface(window)):
        walked.add(interface.object())
        found += _unnamed(interface, path)
    for widget in window.findChildren(QWidget):
        if widget not in walked and _tab_stop(widget) and widget.isVisibleTo(window):
            interface = QAccessible.queryAccessibleInterface(widget)
            found += _unnamed(interface, f"…/{widget.accessibleName() or type(widget).__name__}")
    return found


def _tab_stop(widget: object) -> bool:
    """Whether Tab stops at `widget`: one with a focus proxy (a spin box's field) gives its
    focus to the proxy, which is heard instead."""
    if not isinstance(widget, QWidget) or widget.focusProxy() is not None:
        return False
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _unnamed(interface: QAccessibleInterface, path: str) -> list[str]:
    role = interface.role()
    if role not in INTERACTIVE and not _tab_stop(interface.object()):
        return []
    name = name_of(interface).strip()
    if not name:
        return [f"{path} ({role.name}): no name"]
    if not re.search(r"[^\W\d_]{2}", name):  # "B", "•", "H1": a glyph, said as one
        return [f"{path} ({role.name}): named {name!r}, no word"]
    if role in DESCRIBED and not interface.text(QAccessible.Text.Description).strip():
        return [f"{path} ({role.name}): no description"]
    return []


def name_of(interface: QAccessibleInterface) -> str:
    """What names the element. A drop-down's Name is the item it shows on Linux, where Qt
    gives its label by relation: there its accessible name (said on Windows and macOS) or
    its label's words (a QLabel whose buddy it is), not its value, stand for a name."""
    widget = interface.object()
    if interface.role() != Role.ComboBox or not isinstance(widget, QWidget):
        return interface.text(QAccessible.Text.Name)
    labels = [
        other.text(QAccessible.Text.Name)
        for other, relation in interface.relations(QAccessible.RelationFlag.Label)
    ]
    return widget.accessibleName() or " ".join(labels)


def test_every_interactive_element_has_a_name(window: MainWindow, qtbot) -> None:
    window.resize(1280, 800)
    QApplication.processEvents()
    assert unnamed(window) == []


def test_named_with_every_dock_and_bar_shown(window: MainWindow, qtbot) -> None:
    """The Codebook with a code (its colour button had a tooltip only, its description
    field a placeholder) and the tab bar of the panels on the left too."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    window.window_actions.codes.focus_codebook.trigger()
    QApplication.processEvents()
    assert window.codebook.panel.color_button.isVisible()
    assert unnamed(window) == []
    window.window_actions.find.trigger()
    window.window_actions.search_everything.trigger()
    window.annotations_dock.raise_()
    window.banner.show_message("Saving failed.", [("Save Notes As…", lambda: None)])
    QApplication.processEvents()
    assert unnamed(window) == []
    window.window_actions.toggle_preview.setChecked(True)
    QApplication.processEvents()
    assert unnamed(window) == []


def test_tab_reaches_every_pane_with_a_visible_focus(window: MainWindow, qtbot) -> None:
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    marker = window.focus_marker
    reached: list[QWidget] = []
    for _ in range(12):
        focus = QApplication.focusWidget()
        reached.append(focus)
        if marker.pane() is not None:
            bar, pane = marker.bar, marker.pane()
            top = pane.mapTo(window, pane.rect().topLeft())
            assert bar.isVisible() and bar.mapTo(window, QPoint(0, 0)) == top
            assert bar.height() >= 2 and bar.width() == bar_width(pane)
        # Tab indents in the notes: Ctrl+Tab leaves them.
        notes = focus is window.notes_editor
        modifier = Qt.KeyboardModifier.ControlModifier if notes else Qt.KeyboardModifier.NoModifier
        qtbot.keyClick(focus, Qt.Key.Key_Tab, modifier)
    for pane in (window.reader, window.notes_editor, window.outline):
        assert pane in reached, pane.objectName()
    # The Annotations are tabbed behind the Outline: no stop, until their tab is in front.
    assert not any(window.annotations_dock.isAncestorOf(w) for w in reached)
    panels = next(w for w in reached if isinstance(w, QTabBar))
    panels.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(panels, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.annotations.filter_edit.isVisible())
    qtbot.keyClick(panels, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.annotations.filter_edit


def test_the_library_shows_its_focus_lets_tab_go_and_is_in_the_f6_round(
    make_study_window, folder, qtbot
) -> None:
    window = make_study_window(folder)
    window.activateWindow()
    view, marker = window.library.view, window.focus_marker
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert marker.pane() is view and marker.bar.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # out of the table, not to its next cell
    assert not view.hasFocus() and not view.isAncestorOf(QApplication.focusWidget())
    reached = set()
    for _ in range(6):
        window.window_actions.cycle_panes.trigger()  # F6
        reached.add(QApplication.focusWidget())
    assert view in reached and window.reader in reached


def test_the_codebook_made_later_shows_its_focus(window: MainWindow, qtbot) -> None:
    window.activateWindow()
    window.window_actions.codes.focus_codebook.trigger()  # Ctrl+6: made now
    qtbot.waitUntil(lambda: window.focus_marker.pane() is window.codebook.panel)
    assert window.focus_marker.bar.isVisible()


def test_the_readers_focus_bar_leaves_the_overview_strip_clear(window: MainWindow, qtbot) -> None:
    """The strip's marks at the very top (a highlight in the first lines) stay in sight."""
    window.reader.setFocus()
    qtbot.waitUntil(lambda: window.focus_marker.pane() is window.reader)
    bar, strip = window.focus_marker.bar, window.reader.overview
    assert bar.isVisible() and strip.isVisible()
    assert bar.geometry().right() < strip.geometry().left()


def test_ctrl_tab_held_goes_round_the_window_as_tab_does(window: MainWindow, qtbot) -> None:
    """Ctrl+Tab left the notes, then did nothing where it landed (the panels' tab bar, the
    formatting bar): holding Ctrl, the keyboard user was stuck there."""
    for modifiers in (CTRL, CTRL | Qt.KeyboardModifier.ShiftModifier):
        window.notes_editor.setFocus()
        qtbot.waitUntil(window.notes_editor.hasFocus)
        reached = []
        for _ in range(4):
            focus = QApplication.focusWidget()
            qtbot.keyClick(focus, Qt.Key.Key_Tab, modifiers)
            reached.append(QApplication.focusWidget())
        assert len(set(reached)) == 4, [w.objectName() or type(w).__name__ for w in reached]
