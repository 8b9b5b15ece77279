"""A pane's row menu (reader/ui/row_menu.py): made for one showing, parented to its pane
for its style, and gone once it closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from tests.ui.test_codebook import code_with_keys

DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def shown_and_closed(open_menu: Callable[[], None]) -> None:
    """The menu opened (its own loop) and closed from within it, as Escape closes it."""
    shown: list[QWidget] = []

    def close() -> None:
        shown.append(QApplication.activePopupWidget())
        shown[0].close()

    QTimer.singleShot(0, close)
    open_menu()
    assert isinstance(shown[0], QMenu)


def test_row_menus_go_once_closed(make_study_window, folder: Path, qtbot) -> None:
    """Each right-click in the Library, the Codebook and the Annotations left its menu
    among the pane's children, hundreds over a day of work."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Coffee")
    library, codebook = window.library, window.codebook.panel
    annotations = window.annotations
    row = library.view.visualRect(library.view.model().index(0, 0)).center()
    code = codebook.view.visualRect(codebook.view.model().index(0, 0)).center()
    card = annotations.view.visualRect(annotations.view.model().index(0, 0)).center()
    panes: list[tuple[QWidget, Callable[[], None]]] = [
        (library, lambda: library._row_menu(row)),
        (library, lambda: library._header_menu(row)),
        (codebook.view, lambda: codebook.view.customContextMenuRequested.emit(code)),
        (annotations, lambda: annotations.keys.context_menu(card)),
    ]
    for pane, open_menu in panes:
        for _ in range(2):
            shown_and_closed(open_menu)
        qtbot.waitUntil(lambda pane=pane: not pane.findChildren(QMenu, options=DIRECT))
