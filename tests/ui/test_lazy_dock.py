"""Panels made after the first paint (reader/ui/lazy_dock.py, reader/ui/window/later_panels.py):
not made at start-up, made and working the moment their key, tab or menu is used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from reader.ui.lazy_dock import LazyDock
from reader.ui.window.main_window import MainWindow
from tests.conftest import ROOT

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
LATER = [
    "reader.ui.annotations.panel",
    "reader.ui.find.search_panel",
    "reader.ui.find.find_bar",
    "reader.ui.codebook.panel",
    "reader.ui.codebook.retrieval",
    "reader.ui.codebook.refi",
    "reader.ui.codebook.refi_export",
    "reader.ui.library.library_panel",
    "reader.ui.dialogs",
    "reader.ui.codebook.picker",
    "reader.ui.library.attribute_dialog",
    "reader.ui.window.shortcuts",
    "reader.core.codebook_retrieval",
    "reader.ui.speakers.speakers_dialog",
    "reader.core.export",
    "reader.core.study",
    "reader.core.study_file",
    "reader.core.study_moves",  # a missing transcript looked for: in a study only
    "reader.ui.library.rescued_study",  # a study opened, or one not saved
    "reader.core.study_scan",
    "reader.core.kept_files",  # an export's target checked
    "socket",
    "html",  # tooltips
    "fastjsonschema",  # the notes validator is generated ahead, with its own exceptions
    "decimal",
    "hashlib",  # OpenSSL's hashes: for large inputs only (reader/core/hashing.py)
    "reader.core.folding",  # search, filters and re-anchoring fold text on first use
]


def test_opening_the_window_imports_nothing_made_later(tmp_path: Path) -> None:
    """A window shown on the bundled interview, as at start-up, in a fresh process."""
    code = f"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reader.resources import BUNDLED_INTERVIEW
from reader.ui.window.main_window import MainWindow
window = MainWindow()
window.open_document(BUNDLED_INTERVIEW, Path({str(tmp_path / "notes.json")!r}))
window.show()
app.processEvents()
import PySide6.QtWidgets
# PySide builds a Qt class's Python type (with its enums) when Python first names it:
# QStyle's takes ~8 ms, for the player bar's icons and a delegate's painting only.
print("QStyle" in vars(PySide6.QtWidgets))
print([m for m in {LATER!r} if m in sys.modules])
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-2:] == ["False", "[]"]


def test_nothing_hidden_is_made_at_start(window: MainWindow) -> None:
    assert window.annotations_dock.made() is None  # a tab behind the outline
    assert window.search_dock.made() is None
    assert window.library_dock.made() is None  # shown with a study only
    assert window.codebook.dock.made() is None  # no codes in the bundled interview's notes
    assert window._find_bar is None


def test_ctrl_3_right_after_show_lists_the_highlights(window: MainWindow, qtbot: Any) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)  # one highlight, on the caret's word
    qtbot.keyClick(window.reader, Qt.Key.Key_3, CTRL)
    panel = window.annotations_dock.made()
    assert panel is window.annotations and window.annotations_dock.widget() is panel
    qtbot.waitUntil(lambda: panel.view.hasFocus())
    assert len(panel.visible_ids()) == len(window.interview.session.notes.highlights)


def test_the_annotations_tab_makes_its_panel(window: MainWindow, qtbot: Any) -> None:
    window.annotations_dock.raise_()
    qtbot.waitUntil(lambda: window.annotations_dock.made() is not None)
    assert window.annotations.view.isVisible()


def test_ctrl_shift_f_right_after_show_searches(window: MainWindow, qtbot: Any) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.search_dock.made()
    assert panel is not None and window.search_dock.isVisible()
    qtbot.waitUntil(lambda: panel.edit.hasFocus())
    qtbot.keyClicks(panel.edit, "film")
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0)


def test_ctrl_f_and_f3_right_after_show(window: MainWindow, qtbot: Any) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F3)  # nothing to find yet: no harm
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible()
    qtbot.waitUntil(lambda: bar.edit.hasFocus())
    qtbot.keyClicks(bar.edit, "film")
    qtbot.waitUntil(lambda: len(bar.matches) > 0)
    bar_layout = window.reader_column
    assert bar_layout.indexOf(bar) == bar_layout.count() - 1  # under the reader


def test_ctrl_6_right_after_show_opens_the_codebook(window: MainWindow, qtbot: Any) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_6, CTRL)
    panel = window.codebook.dock.made()
    assert panel is window.codebook.panel and window.codebook.dock.isVisible()
    qtbot.waitUntil(lambda: panel.view.hasFocus())


def test_tab_into_an_unmade_panel_goes_on_into_it(qtbot: Any) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    first = QLabel("before")
    first.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    window.setCentralWidget(first)

    def make() -> QLabel:
        made = QLabel("made")
        made.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return made

    dock = LazyDock("Later", "later", make, window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    other = LazyDock("Other", "other", make, window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, other)
    window.tabifyDockWidget(dock, other)
    dock.raise_()
    window.show()
    qtbot.waitExposed(window)
    assert dock.made() is not None and other.made() is None  # behind: not made
    window.activateWindow()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if other.made() is not None:
            break
    assert QApplication.focusWidget() is other.made()


def test_a_study_shows_the_library_over_a_made_annotations_tab(
    make_study_window: Any, folder: Path
) -> None:
    """The Annotations panel's least height sets how the library and the outline share
    the column (as before it was made later): with a study it is made at once."""
    window = make_study_window(folder)
    assert window.library_dock.isVisible()
    assert window.annotations_dock.made() is not None
    assert window.search_dock.made() is None


def test_f1_and_ctrl_shift_r_right_after_show(window: MainWindow, qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialog

    from tests.ui.test_codebook import code_with_keys

    code_with_keys(window, qtbot, "Rehearsal", "Method")  # Retrieve waits for a first code
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_R, CTRL_SHIFT)  # Codes ▸ Retrieve
    qtbot.waitUntil(lambda: window.codebook.retrieval is not None)
    assert window.codebook.retrieval.isVisible()
    window.codebook.retrieval.close()
    window.activateWindow()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "shortcuts-dialog") is not None)
    assert window.findChild(QDialog, "shortcuts-dialog").isVisible()


def test_ctrl_6_brings_the_codebook_forward_when_it_showed_before_the_window(
    folder: Path, dialogs: Any, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QTabBar

    from reader.core.study import open_study

    study = open_study(folder)
    study.writable_codebook().create("Silence")
    study.save()
    window = MainWindow()  # the study has codes: the dock shows before the window does
    qtbot.addWidget(window)
    assert window.study_actions.open_path(folder)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for _ in range(20):  # the window settles, as a user's would before the key
        QApplication.processEvents()
    window.reader.setFocus()
    window.window_actions.codes.focus_codebook.trigger()  # Ctrl+6
    bars = window.findChildren(QTabBar)  # Qt keeps the tab bars of earlier layouts too
    tabs = next(t for t in bars if t.isVisible() and "Codebook" in map(t.tabText, range(t.count())))
    assert tabs.tabText(tabs.currentIndex()) == "Codebook"
    assert window.codebook.panel.view.hasFocus()
    window.close()
