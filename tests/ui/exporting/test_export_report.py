"""Every export says where it wrote in the status line, the whole path, whatever its format
(reader/ui/exporting/export_report.py); the banner only for what an export left out, and
Escape or the next export takes that away."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from reader.core.export import FORMAT_INFO
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_save_folder import accept_export

ESC = Qt.Key.Key_Escape


def export(window: MainWindow, qtbot, dialogs, path: Path) -> str:
    """Ctrl+E, the file named `path`; the status line after."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dialogs.save_answers.append(str(path))
    qtbot.keyClick(window.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert path.is_file()
    return window.statusBar().currentMessage()


@pytest.mark.parametrize("fmt", [*FORMAT_INFO, "qdpx"])
def test_each_format_says_its_whole_path_in_the_status_line(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path: Path, fmt: str
) -> None:
    accept_export(monkeypatch, fmt)
    out = tmp_path / f"out.{fmt}"
    assert export(window, qtbot, dialogs, out) == f"Exported to {out}"
    assert not window.banner.isVisible()  # nothing left out: no banner pushes the text down


def test_a_codebook_export_says_its_path_too(
    make_study_window, folder: Path, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    accept_export(monkeypatch, "qdc")
    out = tmp_path / "codes.qdc"
    assert export(window, qtbot, dialogs, out) == f"Exported 1 code to {out}"
    assert not window.banner.isVisible()


def test_what_a_study_export_left_out_is_a_line_escape_and_the_next_export_take_away(
    make_study_window, folder: Path, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    window = make_study_window(folder)
    study = window.study.study
    ben = study.interviews[1]
    study.notes_path(ben).parent.mkdir(parents=True, exist_ok=True)
    study.notes_path(ben).write_bytes(b"\x00 not notes")
    for fmt, name in (("md", "study.md"), ("qdpx", "study.qdpx")):
        accept_export(monkeypatch, fmt, whole_study=True)
        out = tmp_path / name
        assert export(window, qtbot, dialogs, out) == f"Exported to {out}"
        assert window.banner.isVisible()
        line = window.banner.text()
        assert line.startswith(f"Left out of {name}: ") and ben.title in line, line
        assert window.banner.buttons[-1].text() == "Dismiss"  # and nothing to decide
        qtbot.keyClick(window.reader, ESC)  # nothing selected: Escape dismisses it
        assert not window.banner.isVisible()
    assert len(zipfile.ZipFile(out).namelist()) > 1
    # Left up, the line goes at the next export, a PDF's: it was about the file before.
    export(window, qtbot, dialogs, tmp_path / "again.md")
    assert window.banner.isVisible()
    pdf = tmp_path / "ana.pdf"
    dialogs.save_answers.append(str(pdf))
    window.window_actions.export_pdf.trigger()
    assert window.statusBar().currentMessage() == f"Exported to {pdf}"
    assert not window.banner.isVisible()


def test_an_export_leaves_a_banner_that_asks_something_alone(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    window.banner.show_message("The notes changed on disk.", [("Reload", lambda: None)])
    accept_export(monkeypatch, "csv")
    export(window, qtbot, dialogs, tmp_path / "out.csv")
    qtbot.keyClick(window.reader, ESC)  # a question: Escape does not take it away
    assert window.banner.isVisible() and window.banner.text() == "The notes changed on disk."
    window.banner.show_message("Saved elsewhere.")  # one that asks nothing
    qtbot.keyClick(window.notes_editor, ESC)
    assert not window.banner.isVisible()


def test_a_file_that_cannot_be_written_is_a_warning(
    make_study_window, folder: Path, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    window = make_study_window(folder)
    (tmp_path / "a-file").write_text("not a folder")
    blocked = tmp_path / "a-file" / "study.qdpx"
    for fmt, path in (("qdpx", blocked), ("md", blocked.with_suffix(".md"))):
        accept_export(monkeypatch, fmt, whole_study=True)
        dialogs.save_answers.append(str(path))
        window.window_actions.export.trigger()
        kind, text = dialogs.shown[-1]
        assert kind == "warning" and text.startswith(f"Export: {path} could not be written: ")
        assert window.statusBar().currentMessage() == "Nothing was exported."
        assert not window.banner.isVisible()


def test_a_pdf_left_as_it_was_is_no_export(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    """Qt's PDF writer says nothing when it cannot write: a PDF there before and the same
    after (a read-only file, as root cannot make one here) is reported as not exported."""
    from reader.ui.exporting import printing

    pdf = tmp_path / "ana.pdf"
    pdf.write_bytes(b"%PDF-1.4 an older export")

    class Unwritten(QTextDocument):
        def print_(self, printer: object) -> None:  # as a writer that could not open the file
            pass

    monkeypatch.setattr(printing, "print_document", lambda reading: Unwritten())
    dialogs.save_answers.append(str(pdf))
    window.window_actions.export_pdf.trigger()
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and text.startswith(f"Export: {pdf} could not be written: ")
    assert window.statusBar().currentMessage() == "Nothing was exported."
    assert pdf.read_bytes() == b"%PDF-1.4 an older export"
