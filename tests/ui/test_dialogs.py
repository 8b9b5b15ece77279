"""The small dialogs as the user meets them: Edit ▸ Highlight Colours… says what it is for
and which key goes with each colour; Alt+its key goes to a colour's field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QToolTip

from reader.ui.dialogs import ColorLabelsDialog, filter_combo
from reader.ui.theme import color_icon
from reader.ui.window.main_window import MainWindow


def test_highlight_colours_says_what_it_is_for_and_each_colours_key(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, notes_path: Path
) -> None:
    seen: dict[str, Any] = {}

    def as_the_user(dialog: ColorLabelsDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        seen["labels"], seen["width"] = labels, dialog.sizeHint().width()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
        seen["focus"] = QApplication.focusWidget()
        QApplication.focusWidget().selectAll()
        qtbot.keyClicks(QApplication.focusWidget(), "Setting")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ColorLabelsDialog, "exec", as_the_user)
    window.window_actions.color_labels.trigger()  # Edit ▸ Highlight Colours… (Alt+E, C)
    assert any("1–6" in text and "colour" in text for text in seen["labels"])
    assert [f"&{n}" for n in range(1, 7)] == [t for t in seen["labels"] if t.startswith("&")]
    assert seen["focus"].accessibleName() == "Meaning of colour 3 (blue)"
    assert seen["width"] < 700  # compact beside a 1024 px window
    window.interview.saver.flush()  # type: ignore[union-attr]
    assert orjson.loads(notes_path.read_bytes())["colors"]["blue"] == "Setting"


def test_a_filter_cut_to_fit_ends_in_an_ellipsis_and_is_whole_in_its_tooltip(qtbot) -> None:
    combo = filter_combo("Code filter", "Shows only the highlights with one code")
    qtbot.addWidget(combo)
    combo.addItem("All codes")
    combo.addItem(color_icon("#e6194b"), "Work / Stress and strain at the night shift", "id")
    combo.setFixedWidth(110)
    combo.show()
    qtbot.waitExposed(combo)
    assert combo.shown_text() == "All codes"
    combo.setCurrentIndex(1)
    shown = combo.shown_text()
    assert shown.endswith("…") and shown.startswith("Work") and len(shown) < 20
    combo.grab()  # painted with it
    tip = QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(5, 5), combo.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(combo, tip)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith("Work / Stress and strain at the night shift\nShows only")


def test_enter_on_a_warning_that_work_would_be_lost_keeps_it(qtbot: Any) -> None:
    """Discard was the default button: Enter, pressed to get past a message, lost the
    notes that could not be saved."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox, QWidget

    from reader.ui.dialogs import may_discard

    parent = QWidget()
    qtbot.addWidget(parent)
    defaults = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        defaults.append(box.defaultButton() and box.defaultButton().text())
        qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    assert not may_discard(parent, "Not Saved", "Your notes could not be saved.")
    assert defaults == ["Cancel"]
