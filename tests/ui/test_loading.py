"""Opening a long interview: read and its structure detected in the worker, and cached."""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

from reader.core.document import load_document
from reader.core.interview import detect_segments
from reader.core.structure_cache import MIN_CHARS, cache_folder
from reader.ui.interview import loading
from tests.conftest import BUNDLED


def long_interview(folder: Path) -> Path:
    bundled = BUNDLED.read_text(encoding="utf-8")
    copies = MIN_CHARS // len(bundled) + 1
    path = folder / "long.txt"
    path.write_text("".join(f"{bundled.rstrip()} [{n}]\n" for n in range(copies)), "utf-8")
    return path


def read_slowly(monkeypatch: pytest.MonkeyPatch, show_after_ms: int) -> threading.Event:
    """Every interview read in the worker, and held there until the event returned is set;
    the progress dialog due after `show_after_ms`."""
    release = threading.Event()

    def slow(read_path: Path) -> object:
        release.wait(30)
        return load_document(read_path)

    monkeypatch.setattr(loading, "BACKGROUND_BYTES", 0)
    monkeypatch.setattr(loading, "SHOW_PROGRESS_MS", show_after_ms)
    monkeypatch.setattr(loading, "load_document", slow)
    return release


def test_a_long_interview_opens_with_its_structure_cached(
    make_window, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(loading, "BACKGROUND_BYTES", 0)  # read in the worker
    path = long_interview(tmp_path)
    window = make_window(path, tmp_path / "notes.json")
    session = window.interview.session
    expected = detect_segments(session.document.text)
    assert session.detected == expected
    entry = cache_folder() / f"{session.document.sha256}.json"
    assert entry.exists()
    entry.write_bytes(b"{ not json")  # a damaged cache is no harm
    again = make_window(path, tmp_path / "notes.json")
    assert again.interview.session.detected == expected
    assert again.reader.reading is not None
    assert again.interview.session.question_numbers  # the questions are numbered as before
    assert entry.read_bytes().startswith(b'{"key"')  # mended


def test_the_progress_dialog_shows_only_once_reading_takes_a_while(
    make_window, monkeypatch, tmp_path: Path
) -> None:
    """A read over in a moment flashes no dialog; a long one shows it (by the loader, not
    by Qt's own timer of four seconds), so that it can be cancelled."""
    window = make_window()
    path = long_interview(tmp_path)
    release = read_slowly(monkeypatch, show_after_ms=50)
    seen: list[bool] = []  # the dialog's visibility at each look
    shown: list[str] = []  # by the loader

    class Dialog(QProgressDialog):
        def show(self) -> None:
            shown.append(self.labelText())
            super().show()

    def look() -> None:
        seen.append(window.findChild(QProgressDialog).isVisible())
        if seen[-1]:
            release.set()
        else:
            QTimer.singleShot(5, look)

    monkeypatch.setattr(loading, "QProgressDialog", Dialog)
    QTimer.singleShot(0, look)
    try:
        assert window.open_document(path, tmp_path / "notes.json")
    finally:
        release.set()
    assert seen[0] is False and seen[-1] is True
    assert shown == [f"Reading long.txt ({round(path.stat().st_size / 1024)} kB)…"]
    assert window.interview.session.document.text.startswith(BUNDLED.read_text("utf-8")[:40])
    assert not any(dialog.isVisible() for dialog in window.findChildren(QProgressDialog))


def test_a_long_read_at_start_up_shows_the_window_behind_its_progress(
    qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    """At start-up the window is shown only once the interview is open: a 50 MB transcript
    read for seconds left the screen empty, the dialog having no window to sit over."""
    from reader.ui.window.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    path = long_interview(tmp_path)
    release = read_slowly(monkeypatch, show_after_ms=20)
    visible_while_reading: list[bool] = []

    def look() -> None:
        dialog = window.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible():
            visible_while_reading.append(window.isVisible())
            release.set()
        else:
            QTimer.singleShot(5, look)

    QTimer.singleShot(0, look)
    try:
        assert window.open_document(path, tmp_path / "notes.json")
    finally:
        release.set()
    assert visible_while_reading == [True]
    assert window.interview.session.document.text.startswith(BUNDLED.read_text("utf-8")[:40])


def test_a_word_document_far_under_the_text_limit_is_read_in_the_worker(
    make_window, monkeypatch, tmp_path: Path
) -> None:
    """A .docx is zipped: 200 KB of one is a three-hour transcript, which took a second of
    the GUI thread, read at once as text files under 2 MB are. A .txt of that size still is."""
    import docx

    document = docx.Document()
    document.add_paragraph("Interviewer: Where did you grow up?")
    document.add_paragraph("Participant: In Leeds.")
    path = tmp_path / "long.docx"
    document.save(str(path))
    with zipfile.ZipFile(path, "a") as packed:  # a photo in it: bytes that do not zip
        packed.writestr("word/media/image1.png", os.urandom(150 * 1024), zipfile.ZIP_STORED)
    threads: list[str] = []

    def recorded(read_path: Path) -> object:
        threads.append(threading.current_thread().name)
        return load_document(read_path)

    monkeypatch.setattr(loading, "load_document", recorded)
    window = make_window(path, tmp_path / "notes.json")
    assert window.interview.session.document.text.startswith("Interviewer: Where did you")
    text = tmp_path / "long.txt"
    text.write_text("Interviewer: Where?\n\nParticipant: Leeds.\n" * 5000, encoding="utf-8")
    assert 150 * 1024 < text.stat().st_size < loading.BACKGROUND_BYTES
    make_window(text, tmp_path / "notes-2.json")
    assert threads == ["load-interview", "MainThread"]
