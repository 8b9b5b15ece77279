"""The Library, continued: a study whose transcripts are all missing opens with no
interview on screen; how far each interview was read follows the reading; rows move by
drag and drop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.ui.library.library_model import INTERVIEW_MIME
from reader.ui.window.main_window import MainWindow
from tests.ui.test_app_keys import keyboard_ready


def study_json(folder: Path) -> dict[str, Any]:
    return orjson.loads((folder / "study.json").read_bytes())


def test_a_study_with_every_transcript_missing_shows_no_interview(
    make_window: Callable[..., MainWindow], folder: Path, dialogs: Any, qtbot: Any
) -> None:
    study = open_study(folder)
    study.save()
    moved = folder.parent / "moved"
    moved.mkdir()
    for name in ("P01 Ana.txt", "P02 Ben.txt", "P10 Cem.txt"):
        (folder / name).rename(moved / name)
    window = make_window()  # the bundled interview, open before
    assert window.interview.session is not None
    assert window.study_actions.open_path(folder)
    assert window.interview.session is None
    assert window.reader.reading is None and window.reader.document().isEmpty()
    assert "None of this study's transcripts" in window.reader.placeholderText()
    assert "Locate Transcript" in window.banner.label.text()
    assert window.notes_editor.isReadOnly() and window.notes_editor.toPlainText() == ""
    assert window.outline.count() == 0
    # Nothing says an interview is open, and both panes say how to open one.
    assert window.windowTitle() == "Interview Reader — Nachtschichten – Ünïcode — no interview open"
    assert window.reader.placeholderText().startswith("No interview is open.")
    assert "File ▸ Open Interview…" in window.reader.placeholderText()
    assert "press H" not in window.notes_editor.hint
    assert "Open an interview from the Library" in window.notes_editor.hint
    assert window.library.filter.accessibleDescription() == "3 interviews, 3 missing"
    # Locating one opens it, writable.
    dialogs.open_answers.append(str(moved / "P02 Ben.txt"))
    window.study_actions.relocate(window.library.model.rows[1].id)
    assert "hour before dawn" in window.interview.session.document.text
    assert not window.notes_editor.isReadOnly()
    assert "press H" in window.notes_editor.hint
    assert window.windowTitle().endswith(" — P02 Ben")
    assert window.reader.reading is not None


def test_a_study_whose_first_transcript_cannot_be_read_opens_the_next_and_says_which(
    make_window: Callable[..., MainWindow], folder: Path, dialogs: Any
) -> None:
    """The transcript is there but spoilt: the next readable one in the Library opens
    and the status line names the one that could not be opened."""
    open_study(folder).save()
    (folder / "P01 Ana.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 200)
    window = make_window()
    assert window.study_actions.open_path(folder)
    assert any("P01 Ana.txt" in text for _, text in dialogs.shown)  # why, once
    assert window.windowTitle().endswith(" — P02 Ben")
    assert window.switcher.current == window.library.model.rows[1].id
    status = window.statusBar().currentMessage()
    assert status == "“P01 Ana” could not be opened; “P02 Ben” is open instead."


def test_a_study_whose_transcripts_cannot_be_read_says_so_not_missing(
    make_window: Callable[..., MainWindow], folder: Path, dialogs: Any
) -> None:
    open_study(folder).save()
    for name in ("P01 Ana.txt", "P02 Ben.txt", "P10 Cem.txt"):
        (folder / name).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 200)
    window = make_window()
    assert window.study_actions.open_path(folder)
    assert window.interview.session is None
    assert [kind for kind, _ in dialogs.shown] == ["box"]  # one says why for all three
    placeholder = window.reader.placeholderText()
    assert (
        "“P01 Ana”, “P02 Ben” and “P10 Cem” could not be opened: choose another interview "
        "in the Library." in placeholder
    )


def test_unreadable_notes_of_a_new_studys_first_interview_offer_no_keeping(
    make_window: Callable[..., MainWindow], folder: Path, dialogs: Any, monkeypatch: Any
) -> None:
    """The interview open before is gone with its study: the question offers to skip to
    the next interview, not to keep the one open now."""
    study = open_study(folder)
    study.save()
    notes = study.notes_path(study.interviews[0])
    notes.parent.mkdir(exist_ok=True)
    notes.write_bytes(b'{"format": "interview-reader-notes", ')
    offered: list[list[str]] = []

    def ask(_parent: Any, _title: str, _text: str, choices: list[str]) -> str:
        offered.append(choices)
        return choices[-1]  # the way out

    monkeypatch.setattr("reader.ui.dialogs.ask", ask)
    window = make_window()  # the bundled interview, open before
    assert window.study_actions.open_path(folder)
    assert offered == [["Start Empty", "Skip This Interview"]]
    assert window.windowTitle().endswith(" — P02 Ben")
    assert "“P01 Ana” could not be opened" in window.statusBar().currentMessage()


def test_an_empty_new_study_shows_no_interview(
    make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = make_window()
    empty = tmp_path / "empty study"
    empty.mkdir()
    assert window.study_actions.open_path(empty)
    assert window.interview.session is None
    assert "no interviews yet" in window.reader.placeholderText()


@pytest.fixture
def long_folder(folder: Path) -> Path:
    lines = [f"Q: Question {i}?\nA: An answer about night shift number {i}.\n" for i in range(300)]
    (folder / "P01 Ana.txt").write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.fixture
def quick_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    """What stays in view counts as read after 50 ms, not seconds (switcher.READ_AFTER_MS)."""
    monkeypatch.setattr("reader.ui.library.switcher.READ_AFTER_MS", 50)


def test_passing_through_with_ctrl_pgdn_reads_nothing(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+PgDn through the study showed P02 at 55 % read, for a glance at its first
    page; what was on screen counts once it stayed there, as the one stopped at does."""
    monkeypatch.setattr("reader.ui.library.switcher.READ_AFTER_MS", 400)
    window = make_study_window(folder)
    model = window.library.model
    _, ben, cem = (row.id for row in model.rows)
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    for _ in range(2):
        qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()  # at a person's pace: painted, a glance
    assert window.switcher.current == cem
    assert ben not in model.read  # passed through, unread
    qtbot.waitUntil(lambda: model.read.get(cem, 0.0) >= 0.99)  # short: read once it rested
    assert ben not in model.read


def test_how_far_each_interview_was_read_follows_the_reading(
    make_study_window: Callable[[Path], MainWindow], long_folder: Path, qtbot: Any, quick_rest: None
) -> None:
    window = make_study_window(long_folder)
    model = window.library.model
    ana, ben = model.rows[0].id, model.rows[1].id

    def read(interview_id: str) -> float:
        return model.read.get(interview_id, 0.0)

    qtbot.waitUntil(lambda: read(ana) > 0)
    assert read(ana) < 0.5  # the first page of a long interview
    bar = window.reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(lambda: 0.4 < read(ana) < 0.7)  # once it stayed in view
    assert model.data(model.index(0, 3)).endswith("%")
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: read(ana) == pytest.approx(1.0, abs=0.01))
    assert model.data(model.index(0, 3)) == "✓"
    bar.setValue(0)
    qtbot.waitUntil(lambda: not window.switcher._resting.isActive())  # the top stayed in view
    assert read(ana) == pytest.approx(1.0, abs=0.01)  # read stays read
    window.switcher.open(ben)
    qtbot.waitUntil(lambda: read(ben) >= 0.99)  # short: read at a glance


def test_leaving_an_interview_for_a_short_one_does_not_count_it_read(
    make_study_window: Callable[[Path], MainWindow], long_folder: Path, qtbot: Any, quick_rest: None
) -> None:
    """The reader scrolled to the short interview's place while the long one was still
    the open one: the short one's end counted the long one read (✓ after a round trip)."""
    window = make_study_window(long_folder)
    model = window.library.model
    ana, ben = model.rows[0].id, model.rows[1].id
    qtbot.waitUntil(lambda: model.read.get(ana, 0.0) > 0)
    before = model.read[ana]
    assert before < 0.5
    window.switcher.open(ben)
    qtbot.waitUntil(lambda: model.read.get(ben, 0.0) >= 0.99)
    window.switcher.open(ana)
    QApplication.processEvents()
    assert model.read[ana] == pytest.approx(before, abs=0.02)


def drop(window: MainWindow, interview_id: str, row: int, lower: bool = False) -> None:
    """Drop the interview's row on the upper (or lower) half of `row`, as a drag ends."""
    view = window.library.view
    rect = view.visualRect(window.library.proxy.index(row, 0))
    point = QPoint(rect.center().x(), rect.bottom() - 2 if lower else rect.top() + 2)
    mime = QMimeData()
    mime.setData(INTERVIEW_MIME, interview_id.encode())
    event = QDropEvent(
        QPointF(point),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)


def test_rows_move_by_drag_and_drop_undoably(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    ana, ben, cem = (h.id for h in window.library.model.rows)
    assert (
        window.library.model.flags(
            window.library.proxy.mapToSource(window.library.proxy.index(0, 0))
        )
        & Qt.ItemFlag.ItemIsDragEnabled
    )
    drop(window, cem, 0)  # Cem above Ana
    qtbot.waitUntil(lambda: [h.id for h in window.library.model.rows] == [cem, ana, ben])
    assert [i["title"] for i in study_json(folder)["interviews"]] == [
        "P10 Cem",
        "P01 Ana",
        "P02 Ben",
    ]
    drop(window, cem, 2, lower=True)  # below Ben, the last
    qtbot.waitUntil(lambda: [h.id for h in window.library.model.rows] == [ana, ben, cem])
    drop(window, ana, 0)  # onto itself: nothing
    assert [h.id for h in window.library.model.rows] == [ana, ben, cem]
    window.library.view.setFocus()
    window.window_actions.undo.trigger()
    qtbot.waitUntil(lambda: [h.id for h in window.library.model.rows] == [cem, ana, ben])
    # Sorted by a column, rows cannot be dragged (the order shown is not the study's).
    window.library.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert not window.library.view.dragEnabled()
    window.library.study_order()
    assert window.library.view.dragEnabled()


def test_the_open_interviews_counts_hold_through_a_study_edit_before_it_is_saved(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    model, ana = window.library.model, window.switcher.current
    text = window.interview.session.document.text
    for word in ("coffee", "handover"):
        start = text.index(word)
        window.reader.select_span(start, start + len(word))
        window.reader.setFocus()
        qtbot.keyClick(window.reader, Qt.Key.Key_H)

    def shown() -> str:
        return str(model.data(model.index(model.row_of(ana), 1)))

    assert shown() == "2"
    other = next(h.id for h in model.rows if h.id != ana)
    with qtbot.waitSignal(model.dataChanged):  # a study edit: the rows read again
        assert window.study.rename(other, title="Ben, nights")
    assert shown() == "2"


def test_an_edit_that_changes_no_row_leaves_the_library_as_it_was(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """A code made in a 500-interview study held the window 300 ms: the Library read every
    notes file and measured every row again. The notes files' counts are kept by their
    size and time, and rows as they were are not shown again."""
    window = make_study_window(folder)
    model, panel = window.library.model, window.library
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    fitted: list[bool] = []
    fit = panel.columns.fit
    panel.columns.fit = lambda *a: (fitted.append(True), fit(*a))[1]  # type: ignore[method-assign]
    assert window.codebook.hub.create("Work") is not None
    panel.reload()  # as the edit's queued one does
    assert not resets and not fitted
    notes = window.study.study.notes_path(window.study.study.interviews[1])
    save_notes(notes, NotesData(document={}, notes="Seen."))
    panel.reload()  # a notes file came: read, its row shown again (not the whole table)
    assert fitted and not resets


def test_typing_in_the_table_filters_and_ctrl_f_goes_to_the_filter(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    library = window.library
    library.view.setFocus()
    qtbot.waitUntil(library.view.hasFocus)
    qtbot.keyClicks(library.view, "ce")  # the first letter moves to the filter, the next too
    assert library.filter.hasFocus() and library.filter.text() == "ce"
    assert library.filter.accessibleDescription() == "1 of 3 interviews"
    qtbot.keyClick(library.filter, Qt.Key.Key_Return)  # to the list, on the one left
    qtbot.keyClick(library.view, Qt.Key.Key_Return)
    assert "patients" in window.interview.session.document.text  # Cem's
    library.view.setFocus()
    qtbot.keyClick(library.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert library.filter.hasFocus() and library.filter.selectedText() == "ce"
    assert window._find_bar is None or not window.find_bar.isVisible()  # not the reader's
    qtbot.keyClick(library.filter, Qt.Key.Key_Backspace)
    assert library.filter.text() == "" and len(library.visible_ids()) == 3
    window.reader.setFocus()  # elsewhere, Ctrl+F finds in the interview
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()


def test_a_new_users_first_ctrl_f_after_clicking_in_the_interview_finds_in_it(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """The study opens with the focus in the Library, where Ctrl+F filters (README's
    keys); Edit ▸ Find… says so, the status line too, and a click in the interview
    makes Ctrl+F find in it."""
    from PySide6.QtWidgets import QApplication

    window = make_study_window(folder)
    assert "in the Library, Ctrl+F filters" in window.window_actions.find.statusTip()
    qtbot.waitUntil(window.library.view.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.library.filter.hasFocus()
    assert "find in the interview, go to it first (Ctrl+1)" in window.statusBar().currentMessage()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, 40))
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.find_bar.edit, "night")
    assert window.library.filter.text() == ""  # the Library was not filtered


def test_space_and_shortcuts_in_the_table_do_not_filter(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    view = window.library.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.hasFocus() and window.library.filter.text() == ""


def test_home_and_end_go_to_the_first_and_last_row(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    view, library = window.library.view, window.library
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(library.proxy.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert library.current_id() == library.visible_ids()[-1]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert library.current_id() == library.visible_ids()[0]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert "night shifts" in window.interview.session.document.text  # Ana's, the first


@pytest.mark.parametrize("kind", ["study.json", "notes only", "unreadable"])
def test_a_transcript_a_study_lists_opens_its_study_reading_it_once(
    make_window: Callable[..., MainWindow], folder: Path, monkeypatch: Any, kind: str
) -> None:
    """Open Interview… on P02 of a study: the study that lists it is found (core.study's
    study_of) and opened from what was read then. Only an unreadable study.json, left as
    it is while looking, is read again to be set aside and worked in, as before."""
    import reader.core.study as core_study

    study = open_study(folder)
    entry = study.interviews[1]
    if kind == "notes only":  # a folder worked in as a study, never given study.json
        save_notes(study.notes_path(entry), study.open_session(entry).notes)
    else:
        study.save()
    if kind == "unreadable":
        (folder / "study.json").write_text("{ not json", "utf-8")
    window = make_window()  # the bundled interview, open before
    opened: list[Path] = []
    scanned: list[Path] = []
    open_study_once, scan_once = core_study.open_study, core_study.scan_folder

    def counted_open(path: Path, **kwargs: Any) -> Any:
        opened.append(path)
        return open_study_once(path, **kwargs)

    def counted_scan(path: Path, *args: Any, **kwargs: Any) -> Any:
        scanned.append(path)
        return scan_once(path, *args, **kwargs)

    monkeypatch.setattr(core_study, "open_study", counted_open)
    monkeypatch.setattr(core_study, "scan_folder", counted_scan)
    assert window.study_actions.open_path(folder / "P02 Ben.txt")
    assert window.study.study is not None and window.study.study.folder == folder
    assert window.switcher.current == entry.id
    assert not window.study.read_only
    if kind == "unreadable":
        assert len(opened) == 2  # a look (nothing written), then opened for work
        assert list(folder.glob("study.corrupt-*.json"))  # set aside, as before
    else:
        assert opened == [folder]
        assert len(scanned) == (1 if kind == "notes only" else 0)


def test_library_titles_keep_the_capitals_a_file_name_was_written_with(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    for name in ("NYC-interview.txt", "iPhone_notes.md", "p03_cem.txt"):
        (folder / name).write_text("Q: Where?\nA: Here.\n", encoding="utf-8")
    window = make_study_window(folder)
    titles = sorted(row.title for row in window.library.model.rows)
    assert titles == ["NYC Interview", "P03 Cem", "iPhone Notes"]


def test_the_library_is_filled_once_as_a_study_opens_with_how_far_each_was_read(
    make_study_window: Callable[[Path], MainWindow],
    long_folder: Path,
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    quick_rest: None,
) -> None:
    """Each filling reads every notes file for its counts (500 with a big codebook: 0.4 s):
    once as the first study opens, once as another does; how far each interview was read
    comes back with its study."""
    from reader.core import study_headers

    filled: list[Path] = []
    headers = study_headers.headers

    def counted(study: Any, *args: Any) -> Any:
        filled.append(study.folder)
        return headers(study, *args)

    monkeypatch.setattr(study_headers, "headers", counted)
    window = make_study_window(long_folder)
    assert filled == [long_folder]
    model = window.library.model
    ana = model.rows[0].id
    bar = window.reader.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: model.read.get(ana) == pytest.approx(1.0, abs=0.01))
    assert window.study_actions.open_path(folder)
    assert filled == [long_folder, folder]
    assert window.study_actions.open_path(long_folder)
    assert filled[-1] == long_folder and len(filled) == 3
    assert model.read[ana] == pytest.approx(1.0, abs=0.01)


def test_titles_sort_by_their_numbers_and_the_filter_leaves_accents_aside(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    """Found by the study review: sorting by Title gave P1, P10, P11, P2…, and "zoe"
    typed in the filter showed no "Zoë" (search everywhere else leaves accents aside)."""
    folder = tmp_path / "Twelve"
    folder.mkdir()
    for number in range(1, 13):
        (folder / f"P{number}.txt").write_text(f"Q: One?\nA: Answer {number}.\n", "utf-8")
    study = open_study(folder)
    study.update_interview(study.interviews[0].id, participant="Zoë Ñuñez")
    study.update_interview(study.interviews[1].id, participant="E\u0301mile")  # as a Mac pastes
    study.save()
    library = make_study_window(folder).library
    library.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    library.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [library.proxy.index(row, 0).data() for row in range(library.proxy.rowCount())]
    assert titles == [f"P{number}" for number in range(1, 13)]
    for typed, shown in (("zoe", 1), ("NUNEZ", 1), ("émile", 1), ("emile", 1), ("p1", 4)):
        library.filter.setText(typed)  # QTest types no "é"
        assert len(library.visible_ids()) == shown, typed
        library.filter.clear()
    assert len(library.visible_ids()) == 12


def test_a_fields_own_window_key_stays_its_own(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Ctrl+F in the Library's filter selects what it holds, as the Library's Ctrl+F does;
    the window's Find (the interview's find bar) does not take it."""
    window = make_study_window(folder)
    keyboard_ready(window, qtbot)
    qtbot.keyClick(window.reader, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.library.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.library.filter
    qtbot.waitUntil(field.hasFocus, timeout=10_000)
    qtbot.keyClicks(field, "Ben")
    qtbot.keyClick(field, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert field.hasFocus() and field.selectedText() == "Ben"
    assert window._find_bar is None or not window._find_bar.isVisible()
