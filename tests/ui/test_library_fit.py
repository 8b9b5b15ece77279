"""The Library in a 1024x640 window: its columns fit the dock without a horizontal scroll
bar, long titles elide with the whole title in the tooltip, the counts' headings keep their
names for screen readers, and the columns menu (reached with the menu key) shows and hides
columns, remembered in a new window."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QToolButton

from reader.core.library_columns import OTHER_CHARS
from reader.ui import theme
from reader.ui.library.attribute_dialog import AttributeDialog
from reader.ui.settings import settings
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import lay_out_first_start

LONG_TITLES = [
    "P01 Her smell – the grandmother's kitchen and the first memory of bread",
    "P02 Night shifts, the hour before dawn and what nobody says at the handover",
    "P03 Follow-up interview with the ward sister about rotas, fatigue and coffee",
]
HORIZONTAL = Qt.Orientation.Horizontal


@pytest.fixture
def long_titles(tmp_path: Path) -> Path:
    folder = tmp_path / "study"
    folder.mkdir()
    for title in LONG_TITLES:
        (folder / f"{title}.txt").write_text("Q: How did it start?\nA: Slowly.\n", "utf-8")
    return folder


@pytest.fixture
def netbook(qtbot: Any, dialogs: Any, long_titles: Path) -> Iterator[Callable[[], MainWindow]]:
    """A window laid out as a first start on a 1024x640 screen lays it out, on the study."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        window.resize(1024, 640)
        window.show()
        qtbot.waitExposed(window)
        if not windows:  # a first start; a later window restores what the first left
            lay_out_first_start(window)
        assert window.study_actions.open_path(long_titles)
        qtbot.waitUntil(lambda: window.library.view.isVisible() and window.width() <= 1024)
        QApplication.processEvents()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def shown_keys(window: MainWindow) -> list[str]:
    view, model = window.library.view, window.library.model
    return [model.key(c) for c in range(model.columnCount()) if not view.isColumnHidden(c)]


def assert_fits(window: MainWindow) -> None:
    QApplication.processEvents()  # the scroll bar's range follows at the next layout
    view = window.library.view
    header = view.horizontalHeader()
    columns = range(window.library.model.columnCount())
    widths = [header.sectionSize(c) for c in columns if not view.isColumnHidden(c)]
    assert sum(widths) <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0


def test_at_1024x640_the_columns_fit_and_the_reader_keeps_its_measure(
    netbook: Callable[[], MainWindow],
) -> None:
    window = netbook()
    view = window.library.view
    assert window.width() <= 1024
    assert_fits(window)
    assert shown_keys(window) == ["title", "highlights", "notes", "read"]
    header = view.horizontalHeader()
    for column in (1, 2, 3):  # the counts and how far read, never cut
        assert header.sectionSize(column) >= view.sizeHintForColumn(column)
    # The reader keeps a readable measure beside the Library and the notes: the docks
    # and the margin's labels give way first (41 characters a line, Medium or Wide, once).
    assert window.library_dock.width() <= 200
    assert column_chars(window) >= 58
    measures = window.window_actions.view.measures
    measures["narrow"].trigger()
    narrow = column_chars(window)
    measures["medium"].trigger()
    assert narrow < column_chars(window) - 4


def test_the_headings_align_as_their_cells_with_room_each_side(
    netbook: Callable[[], MainWindow],
) -> None:
    window = netbook()
    view, model = window.library.view, window.library.model
    header = view.horizontalHeader()

    def alignment(column: int) -> int:
        value = model.headerData(column, HORIZONTAL, Qt.ItemDataRole.TextAlignmentRole)
        return int(value) & int(Qt.AlignmentFlag.AlignHorizontal_Mask)

    # The title's heading over the titles' start, not centred over a wide column.
    assert alignment(0) == int(Qt.AlignmentFlag.AlignLeft)
    for column in (1, 2, 3):  # the marks and how far read: centred in narrow columns
        assert alignment(column) == int(Qt.AlignmentFlag.AlignHCenter)
    # "Read" had 3 px a side, against the lines between headings; the marks had more.
    words = header.fontMetrics().horizontalAdvance(model.headerData(3, HORIZONTAL))
    assert header.sectionSize(3) - words >= 12


def column_chars(window: MainWindow) -> float:
    """How many characters of average width a line of the reading column holds."""
    QApplication.processEvents()
    reader = window.reader
    margins = reader.document().rootFrame().frameFormat()
    column_width = reader.viewport().width() - margins.leftMargin() - margins.rightMargin()
    return column_width / theme.char_width(reader.reading_font())


def test_a_long_title_elides_and_its_tooltip_has_it_whole(
    netbook: Callable[[], MainWindow],
) -> None:
    window = netbook()
    view = window.library.view
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    for row in range(view.model().rowCount()):
        index = view.model().index(row, 0)
        title = index.data()
        assert len(title) > 70  # the file's name, tidied
        assert view.fontMetrics().horizontalAdvance(title) > view.columnWidth(0)
        assert index.data(Qt.ItemDataRole.ToolTipRole).splitlines()[0] == title
    # The header line above the reader is fitted to its width rather than widening the
    # window (tests/ui/test_header_line.py); its tooltip has the whole line.
    header = window.header_line
    assert header.isVisible() and window.width() <= 1024
    assert header.toolTip().startswith(header.parts[0])


def test_the_counts_headings_are_marks_with_names(netbook: Callable[[], MainWindow]) -> None:
    window = netbook()
    model, view = window.library.model, window.library.view
    assert view.accessibleName() == "Interviews of the study"
    heading = {c: model.headerData(c, HORIZONTAL, Qt.ItemDataRole.DisplayRole) for c in (1, 2)}
    assert heading == {1: "", 2: "✎"}
    assert model.headerData(1, HORIZONTAL, Qt.ItemDataRole.DecorationRole) is not None
    assert model.headerData(1, HORIZONTAL, Qt.ItemDataRole.ToolTipRole) == "Highlights"
    table = QAccessible.queryAccessibleInterface(view)
    names = [table.child(i).text(QAccessible.Text.Name) for i in range(table.childCount())]
    roles = [table.child(i).role() for i in range(table.childCount())]
    headings = [n for n, r in zip(names, roles, strict=True) if r == QAccessible.Role.ColumnHeader]
    assert headings[:4] == ["Title", "Highlights", "Notes", "Read"]


class Menus:
    """The row menus the panes open (reader/ui/row_menu.py makes them), recorded instead
    of opened (PySide calls QMenu.exec past a patched class attribute, so the module gets a
    subclass)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[QMenu] = []
        opened = self.opened

        class Recorded(QMenu):
            def exec(self, *_args: Any) -> None:  # type: ignore[override]
                opened.append(self)

        monkeypatch.setattr("reader.ui.row_menu.QMenu", Recorded)

    def action(self, *path: str) -> Any:
        """The action at `path`, named as shown without its letter and key ("Open")."""
        menu = self.opened[-1]
        for name in path[:-1]:
            menu = next(a.menu() for a in menu.actions() if shown(a.text()) == name)
        return next(a for a in menu.actions() if shown(a.text()) == path[-1])


def shown(text: str) -> str:
    """A menu text as read: "&&" an ampersand, "&x" x; without the key after a tab."""
    return re.sub("&(&?)", r"\1", text.split("\t")[0])


def menu_key(window: MainWindow) -> None:
    view = window.library.view
    view.setFocus()
    point = QPoint(5, 5)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, point, view.mapToGlobal(point), Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(view, event)


def test_the_menu_key_reaches_the_columns_and_the_choice_survives_a_restart(
    netbook: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    menus = Menus(monkeypatch)
    window = netbook()
    view = window.library.view
    view.setCurrentIndex(view.model().index(1, 0))
    menu_key(window)
    assert view.currentIndex().row() == 1  # the current row's menu, not the one below
    assert menus.action("Open").isEnabled()
    title = menus.action("Columns", "Title")
    assert title.isChecked() and not title.isEnabled()
    participant = menus.action("Columns", "Participant")
    assert not participant.isChecked()
    participant.trigger()
    menus.action("Columns", "Notes").trigger()  # checked: hides it
    assert shown_keys(window) == ["title", "highlights", "read", "participant"]
    window.close()

    again = netbook()
    assert shown_keys(again) == ["title", "highlights", "read", "participant"]
    # Right-clicking a heading offers the same, with fitting back to the width.
    header = again.library.view.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(5, 5))
    assert menus.action("Participant").isChecked() and not menus.action("Notes").isChecked()
    menus.action("Fit Columns to Width").trigger()
    assert shown_keys(again) == ["title", "highlights", "notes", "read"]
    assert_fits(again)
    assert settings().value("library/shown-columns", []) in ([], None)
    again.close()
    assert shown_keys(netbook()) == ["title", "highlights", "notes", "read"]


def test_a_wider_dock_shows_more_columns_a_narrower_one_fewer_and_sorting_still_fits(
    netbook: Callable[[], MainWindow],
) -> None:
    window = netbook()
    view = window.library.view
    view.resize(view.width() + 400, view.height())
    QApplication.processEvents()
    assert shown_keys(window)[:5] == ["title", "highlights", "notes", "read", "participant"]
    assert_fits(window)
    view.resize(120, view.height())
    QApplication.processEvents()
    assert shown_keys(window)[0] == "title" and "read" not in shown_keys(window)
    assert_fits(window)
    view.resize(view.width() + 68, view.height())  # the 1024x640 dock again
    view.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
    QApplication.processEvents()
    assert view.horizontalHeader().sortIndicatorSection() == 3
    assert_fits(window)


def test_a_new_attribute_shows_though_it_does_not_fit(
    netbook: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    def define(dialog: AttributeDialog) -> int:
        dialog.name.setText("Ward of the hospital")
        return 1

    monkeypatch.setattr(AttributeDialog, "exec", define)
    window = netbook()
    view = window.library.view
    window.library.newAttributeRequested.emit()
    qtbot.waitUntil(lambda: "ward-of-the-hospital" in shown_keys(window))
    QApplication.processEvents()
    assert "participant" not in shown_keys(window)  # the others still as they fit
    assert view.horizontalScrollBar().maximum() > 0  # chosen beyond the room: it scrolls
    ward = view.horizontalHeader().count() - 1
    start = view.horizontalHeader().sectionViewportPosition(ward)
    assert start >= 0 and start + view.columnWidth(ward) <= view.viewport().width()
    assert view.columnWidth(0) >= view.viewport().width() * 2 // 5  # the title keeps its share


def test_a_long_participant_elides_and_leaves_room_for_the_date(
    netbook: Callable[[], MainWindow], qtbot: Any
) -> None:
    window = netbook()
    model, view = window.library.model, window.library.view
    name = "Chen Shifu (陈师傅), master potter of the Jingdezhen ceramics workshop"
    first = model.rows[0].id
    with qtbot.waitSignal(model.dataChanged):
        assert window.library.owner.rename(first, participant=name, date="2024-05-12")
    view.resize(440, view.height())  # the Library's dock on a 1920 px screen
    QApplication.processEvents()
    assert shown_keys(window)[:6] == ["title", "highlights", "notes", "read", "participant", "date"]
    assert_fits(window)
    participant = next(c for c in range(model.columnCount()) if model.key(c) == "participant")
    assert view.columnWidth(participant) <= OTHER_CHARS * view.fontMetrics().averageCharWidth()
    assert view.fontMetrics().horizontalAdvance(name) > view.columnWidth(participant)
    cell = view.model().index(model.row_of(first), participant)  # not sorted: the same row
    assert cell.data(Qt.ItemDataRole.ToolTipRole).splitlines()[0] == name


def room_left_of_clear(field: QLineEdit) -> int:
    """Where the filter's placeholder is shown whole: left of its clear button's place,
    which the field keeps even while the button is hidden."""
    (clear,) = field.findChildren(QToolButton)
    return clear.x() - 4


def test_the_placeholder_is_never_cut_into_another_number(
    netbook: Callable[[], MainWindow], qtbot
) -> None:
    """The room was counted without the clear button's: at 1024 px a study of 300 read
    "Filter all 30…", Qt cutting "Filter all 300…" to the field; now what is chosen fits."""
    field = netbook().library.filter
    whole = field.fontMetrics().horizontalAdvance("Filter all 3…")
    field.setFixedWidth(whole + 16)  # room for it but for the clear button's place
    qtbot.waitUntil(lambda: field.placeholderText() != "Filter all 3…")
    shown = field.placeholderText()
    assert field.fontMetrics().horizontalAdvance(shown) <= room_left_of_clear(field)


def test_the_count_takes_no_line_of_its_own(netbook: Callable[[], MainWindow], qtbot) -> None:
    """The total is in the filter's placeholder; while it filters, "1 of 3" stands beside
    the field, and a screen reader hears it with the field. The table reaches the dock's
    foot: a line under it took a row of a short dock."""
    window = netbook()
    library = window.library
    # Whole: at 1024 px it read "Filter 3 int…" (the study review's F7f).
    shown, field = library.filter.placeholderText(), library.filter
    assert shown == "Filter all 3…"
    assert field.fontMetrics().horizontalAdvance(shown) <= room_left_of_clear(field)
    window.resizeDocks([window.library_dock], [400], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: field.placeholderText() == "Filter 3 interviews…")
    assert not library.count.isVisible()
    table = library.view.geometry()
    assert library.view.parentWidget().height() - table.bottom() <= 8  # the layout's margin
    library.filter.setFocus()
    qtbot.keyClicks(library.filter, "follow")
    assert library.count.isVisible() and library.count.text() == "1 of 3"
    assert library.filter.accessibleDescription() == "1 of 3 interviews"
    field, count = library.filter.geometry(), library.count.geometry()
    assert count.left() >= field.right() and field.top() <= count.center().y() <= field.bottom()
    assert library.view.geometry() == table  # the table kept its place and size
    library.filter.clear()
    assert not library.count.isVisible()
    assert library.filter.accessibleDescription() == "3 interviews"


def test_a_long_study_measures_its_columns_on_the_rows_in_sight_and_a_hundred_more(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    """Qt measures 1,000 rows for a column's width: after each edit of a title, a study of
    500 held the window 180 ms. A wider value further down shows whole in its tip."""
    from reader.ui.library.library_columns import MEASURED_ROWS

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(MEASURED_ROWS + 50):
        (folder / f"P{n:03d}.txt").write_text(f"Q: Number {n}?\nA: Yes.\n", encoding="utf-8")
    window = make_study_window(folder)
    model = window.library.model
    asked: set[int] = set()
    data = model.data
    model.data = lambda index, *role: (asked.add(index.row()), data(index, *role))[1]
    window.library.columns.fit()
    assert MEASURED_ROWS <= len(asked) < model.rowCount()
