"""Help ▸ User Guide (reader/ui/help/user_guide.py): the README's guide in a window of
its own, its section links followed there (Alt+Left back), a find field, and a message
where the README is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog

import reader.ui.help.user_guide as user_guide
from reader.ui.help.user_guide import UserGuide
from reader.ui.window.main_window import MainWindow


def opened(window: MainWindow, qtbot: Any) -> UserGuide:
    window.window_actions.user_guide.trigger()
    guide = window.findChild(QDialog, user_guide.OBJECT_NAME)
    assert isinstance(guide, UserGuide)
    qtbot.waitUntil(guide.isActiveWindow)  # its keys are its window's
    return guide


def test_help_opens_the_guide_once_and_its_links_go_to_their_sections(
    window: MainWindow, qtbot: Any
) -> None:
    guide = opened(window, qtbot)
    assert "Help" in [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert guide.browser.toPlainText().startswith("Interview Reader: User Guide")
    assert opened(window, qtbot) is guide  # asked again: brought forward, not a second
    guide.follow(QUrl("#the-command-line"))
    bar = guide.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    top = guide.browser.cursorForPosition(guide.browser.viewport().rect().topLeft())
    assert top.block().text() == "The command line"
    qtbot.keyClick(guide.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert bar.value() == 0


def test_find_goes_from_place_to_place_and_enter_does_not_close(
    window: MainWindow, qtbot: Any
) -> None:
    guide = opened(window, qtbot)
    qtbot.keyClick(guide, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert guide.find_field.hasFocus()
    qtbot.keyClicks(guide.find_field, "REFI-QDA")
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    first = guide.browser.textCursor().selectionStart()
    assert guide.browser.textCursor().selectedText() == "REFI-QDA"
    # Shown a third of the way down, with what leads to it, not on the pane's bottom edge.
    assert 0 < guide.browser.cursorRect().top() < guide.browser.viewport().height() // 2
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    assert guide.browser.textCursor().selectionStart() > first
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert guide.browser.textCursor().selectionStart() == first
    assert guide.isVisible() and guide.not_found.isHidden()
    guide.find_field.setText("no such words anywhere")
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    assert guide.isVisible() and guide.not_found.isVisible()
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Escape)  # as F1's table says
    assert not guide.isVisible()


def test_the_docs_and_web_pages_open_in_the_systems_programs(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[QUrl] = []
    monkeypatch.setattr(user_guide.QDesktopServices, "openUrl", asked.append)
    guide = opened(window, qtbot)
    guide.follow(QUrl("docs/exports.md"))
    guide.follow(QUrl("https://example.org/"))
    assert Path(asked[0].toLocalFile()) == user_guide.README.parent / "docs" / "exports.md"
    assert Path(asked[0].toLocalFile()).exists()
    assert asked[1] == QUrl("https://example.org/")


def test_without_its_readme_the_guide_says_where_it_looked(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(user_guide, "README", tmp_path / "README.md")
    text = opened(window, qtbot).browser.toPlainText()
    assert text.startswith("The user guide is not here")
    assert str(tmp_path / "README.md") in text


def test_the_guide_never_scrolls_sideways(window: MainWindow, qtbot: Any) -> None:
    """The command lines' code blocks wrap: one of them kept whole made the whole guide
    wider than its window, under a horizontal scroll bar, at 1024 px and at 1920 px."""
    guide = opened(window, qtbot)
    browser, bar = guide.browser, guide.browser.horizontalScrollBar()
    for width in (740, 500):
        guide.resize(width, 600)
        qtbot.waitUntil(lambda: browser.viewport().width() < guide.width())
        # Laid out again at the new width, in a moment: then nothing is wider.
        qtbot.waitUntil(lambda: bar.maximum() == 0, timeout=10_000)
        assert browser.document().idealWidth() <= browser.viewport().width()
    assert ".venv/bin/python main.py export FOLDER" in browser.toPlainText()
