"""File ▸ Export… of a REFI-QDA project of one interview open alone (reader/ui/codebook/
refi_export.py): built and written on the export's worker under its progress dialog, as a
study's is; Esc there leaves no file."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_read_only_undo import activate
from tests.ui.test_refi import held

CTRL = Qt.KeyboardModifier.ControlModifier
BUILDING = "Building the project: interview 1 of 1…"


class Exporting:
    """Ctrl+E pressed in the reader, the REFI-QDA project chosen in the Export dialog by its
    keys, the stubbed save dialog answered `target`; with `cancel`, Esc pressed on the
    progress dialog once it says the project is being built, the build held meanwhile.
    What the build saw: whether it ran on the GUI thread, under the wait cursor, with the
    progress dialog shown."""

    def __init__(self, window: MainWindow, qtbot: Any, monkeypatch: Any, dialogs: Any) -> None:
        import reader.core.refi.qdpx_export as qdpx_export

        self.window, self.qtbot, self.dialogs = window, qtbot, dialogs
        self.built: list[tuple[bool, bool, bool]] = []
        self.cancel, self.pressed = False, [""]
        real = qdpx_export.export_session_qdpx

        def watched(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
            dialog = window.findChild(QProgressDialog)
            shown = dialog is not None and dialog.isVisible()
            gui = threading.current_thread() is threading.main_thread()
            self.built.append((gui, QApplication.overrideCursor() is not None, shown))
            if self.cancel and progress is not None:
                progress = held(progress, lambda *told: True)
            return real(*args, progress=progress, **kwargs)

        monkeypatch.setattr(qdpx_export, "export_session_qdpx", watched)

    def __call__(self, target: Path, cancel: bool) -> None:
        self.cancel, self.pressed[0] = cancel, ""
        self.dialogs.save_answers.append(str(target))
        timer = QTimer(self.window, interval=0)
        timer.timeout.connect(self._answer)
        timer.start()
        activate(self.window, self.qtbot)
        self.qtbot.keyClick(self.window.reader, Qt.Key.Key_E, CTRL)  # File ▸ Export…
        timer.stop()

    def _answer(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, ExportDialog) and modal.isVisible():
            combo = modal.format_combo
            self.qtbot.keyClick(combo, Qt.Key.Key_End)  # REFI-QDA codebook
            self.qtbot.keyClick(combo, Qt.Key.Key_Up)  # REFI-QDA project
            self.qtbot.keyClick(combo, Qt.Key.Key_Return)
        elif isinstance(modal, QProgressDialog) and self.cancel and not self.pressed[0]:
            self.pressed[0] = modal.labelText() if modal.labelText() == BUILDING else ""
            if self.pressed[0]:
                self.qtbot.keyClick(modal, Qt.Key.Key_Escape)


def test_an_interview_alone_is_built_on_the_worker_and_esc_leaves_no_file(
    window: MainWindow, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    """Its project was built on the GUI thread under the wait cursor, the window still
    and no way out; now the dialog shows at once, says what it does, and Esc stops it."""
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    export = Exporting(window, qtbot, monkeypatch, dialogs)
    target = tmp_path / "out" / "interview.qdpx"
    target.parent.mkdir()
    export(target, cancel=True)
    assert export.built == [(False, False, True)]  # on the worker, no wait cursor, the dialog
    assert export.pressed == [BUILDING]
    assert list(target.parent.iterdir()) == []
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written."
    export(target, cancel=False)
    assert export.built[1:] == [(False, False, True)]
    assert window.statusBar().currentMessage().startswith(f"Exported to {target}")
    with zipfile.ZipFile(target) as archive:
        qde = archive.read("project.qde").decode()
        assert any(name.startswith("sources/") for name in archive.namelist())
    assert 'name="Streaming"' in qde and "CodeRef" in qde
    assert QApplication.overrideCursor() is None
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
