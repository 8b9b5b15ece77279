"""Opening a study whose transcripts are spoilt, or moving on from the interview that
left it, says so in one dialog, not one a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from reader.core.study import open_study
from reader.ui.library import unreadable
from reader.ui.window.main_window import MainWindow

JUNK = b"\x89PNG\r\n\x1a\n\x00\x00" * 200


def spoil(folder: Path) -> None:
    """Three spoilt transcripts in study.json, listed before the three readable ones."""
    (folder / "A1 Docx.docx").write_bytes(b"PK\x03\x04" + JUNK)  # a broken zip
    (folder / "A2 Json.json").write_bytes(b'{"segments": [')  # cut off
    (folder / "A3 Png.txt").write_text("Q: Fine when the study was made.\n", encoding="utf-8")
    open_study(folder).save()
    (folder / "A3 Png.txt").write_bytes(JUNK)


def test_three_spoilt_transcripts_are_said_in_one_dialog(
    make_window: Callable[..., MainWindow], folder: Path, dialogs: Any
) -> None:
    spoil(folder)
    window = make_window()
    dialogs.shown.clear()
    assert window.study_actions.open_path(folder)
    assert [kind for kind, _ in dialogs.shown] == ["box"]
    assert window.windowTitle().endswith(" — P01 Ana")  # the first readable one
    status = window.statusBar().currentMessage()
    assert status.startswith("“A1 Docx”, “A2 Json” and “A3 Png” could not be opened")
    (box,) = dialogs.boxes
    assert box.windowTitle() == "Cannot open some interviews"
    assert box.text().splitlines()[:4] == [
        "3 transcripts could not be read:",
        "“A1 Docx”",
        "“A2 Json”",
        "“A3 Png”",
    ]
    details = box.detailedText()
    for name in ("A1 Docx.docx", "A2 Json.json", "A3 Png.txt"):
        assert name in details  # each file's own reason names it
    window.interview.open(folder / "A3 Png.txt")  # alone, after: its own dialog again
    assert [kind for kind, _ in dialogs.shown] == ["box", "warning"]


def test_a_scanned_folder_gathers_them_too(
    make_window: Callable[..., MainWindow], folder: Path, dialogs: Any
) -> None:
    """No study.json: the scan lists a broken .docx and .json (they look like theirs)."""
    (folder / "A1 Docx.docx").write_bytes(b"PK\x03\x04" + JUNK)
    (folder / "A2 Json.json").write_bytes(b'{"segments": [')
    window = make_window()
    dialogs.shown.clear()
    assert window.study_actions.open_path(folder)
    assert [kind for kind, _ in dialogs.shown] == ["box"]
    assert dialogs.boxes[0].text().startswith("2 transcripts could not be read:")


def test_many_are_named_up_to_five_and_counted_all_listed_in_details(
    qtbot: Any, dialogs: Any
) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    gone = [(f"P{n}", f"P{n}.docx is not a Word file.") for n in range(1, 9)]
    unreadable.tell(parent, gone)
    (box,) = dialogs.boxes
    lines = box.text().splitlines()
    assert lines[1:7] == ["“P1”", "“P2”", "“P3”", "“P4”", "“P5”", "… and 3 more."]
    assert all(why in box.detailedText() for _, why in gone)


def test_one_or_none_keeps_the_plain_warning(qtbot: Any, dialogs: Any) -> None:
    unreadable.tell(None, [])
    assert dialogs.shown == []
    unreadable.tell(None, [("P1", "P1.docx is not a Word file.")])
    assert dialogs.shown == [("warning", "Cannot open the interview: P1.docx is not a Word file.")]


def test_giving_way_gathers_them_too_and_undo_opens_the_one_back(
    make_window: Callable[..., MainWindow], folder: Path, dialogs: Any, qtbot: Any
) -> None:
    """The one readable interview removed: the spoilt ones it would give way to are said
    in one dialog, and none is open; Undo brings it back, open."""
    for name in ("P02 Ben.txt", "P10 Cem.txt"):
        (folder / name).unlink()
    spoil(folder)  # A1, A2, A3 spoilt, P01 Ana readable
    window = make_window()
    assert window.study_actions.open_path(folder)
    dialogs.shown.clear()
    dialogs.boxes.clear()
    ana = window.switcher.current
    window.study_actions.remove(ana)
    assert [kind for kind, _ in dialogs.shown] == ["box"]  # not one warning a file
    assert dialogs.boxes[0].text().startswith("3 transcripts could not be read:")
    assert window.switcher.current == ""
    assert "No other interview of the study can open" in window.banner.label.text()
    dialogs.shown.clear()
    window.study.undo_stack.undo()
    qtbot.waitUntil(lambda: window.switcher.current == ana)
    assert dialogs.shown == []  # Ana comes back first: nothing else is tried


def test_with_none_open_a_change_to_the_study_tries_no_spoilt_one_again(
    make_window: Callable[..., MainWindow], folder: Path, dialogs: Any, qtbot: Any
) -> None:
    """Each change to the study (a rename here) looked for an interview to open: the
    three spoilt transcripts were read again and said again, once a change."""
    for name in ("P02 Ben.txt", "P10 Cem.txt"):
        (folder / name).unlink()
    spoil(folder)
    window = make_window()
    assert window.study_actions.open_path(folder)
    window.study_actions.remove(window.switcher.current)
    dialogs.shown.clear()
    study = window.study.study
    for n in range(3):
        window.study.rename(study.interviews[0].id, title=f"Renamed {n}")
        QApplication.processEvents()  # the queued look for one to open
    assert dialogs.shown == [] and window.switcher.current == ""
