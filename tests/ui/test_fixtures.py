"""The test fixtures' isolation (tests/conftest.py, tests/ui/conftest.py) holds whatever a
test does with its own `monkeypatch`: one that called `monkeypatch.undo()` (a full disk
given room again) undid the isolation too, and its window, closed after the test, wrote
into the runner's own data folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from reader.core import half_written
from tests.ui.conftest import DialogStub


def test_a_tests_undo_leaves_its_folders_in_tmp_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/elsewhere")
    monkeypatch.setattr(half_written, "SETTLE_NS", 5)
    monkeypatch.undo()
    assert os.environ["XDG_DATA_HOME"] == str(tmp_path / "xdg-data")
    assert os.environ["HOME"] == str(tmp_path / "home")
    assert tempfile.gettempdir().startswith(str(tmp_path))
    assert half_written.WHOLE_AFTER_NS == half_written.SETTLE_NS == 0


def test_a_tests_undo_leaves_its_dialogs_stubbed(
    dialogs: DialogStub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undone, the next message box opened for real and waited for a click."""
    monkeypatch.setattr(QMessageBox, "about", lambda *_: None)
    monkeypatch.undo()
    QMessageBox.warning(None, "Still stubbed", "")
    assert dialogs.titles() == ["Still stubbed"]
