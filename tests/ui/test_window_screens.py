"""The window's layout on two screens (a laptop and a wider monitor), or on one of 1920 px,
in a child pytest whose offscreen platform has them (Qt's `offscreen:configfile=`): this
process's screens cannot be changed once the QApplication is made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from reader.ui.settings import settings
from reader.ui.window.window_state import SCREEN_KEY, WIDTH_KEY
from tests.ui.test_appearance import as_if_saved_on_a_screen

CHILD = "INTERVIEW_READER_SCREENS_CHILD"  # set in the child
SCREENS = [
    {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768},
    {"name": "monitor", "x": 1366, "y": 0, "width": 2560, "height": 1440},
]
FULL_HD = [{"name": "monitor", "x": 0, "y": 0, "width": 1920, "height": 1080}]


def run_child(tmp_path: Path, screens: list[dict[str, object]], test: str) -> None:
    """`test` of this file run in a child pytest whose offscreen platform has `screens`."""
    if os.environ.get(CHILD):
        pytest.skip("the child itself")
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"synchronousWindowSystemEvents": True, "screens": screens}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", **{CHILD: "1"})
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            f"{__file__}::{test}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout


def test_on_two_screens(tmp_path: Path) -> None:
    run_child(tmp_path, SCREENS, "test_child_a_window_on_the_wider_monitor_keeps_its_size")


def test_on_a_full_hd_screen(tmp_path: Path) -> None:
    run_child(tmp_path, FULL_HD, "test_child_a_window_maximized_on_a_wider_screen_is_again")


def test_child_a_window_on_the_wider_monitor_keeps_its_size(make_window, qtbot) -> None:
    """2200 px wide on the monitor, both screens connected: kept at every start (it was
    fitted to the laptop's 1366 px, the primary screen's). On the laptop alone it is
    fitted (test_appearance.py: a layout from a wider screen)."""
    if not os.environ.get(CHILD):
        pytest.skip("run by test_on_two_screens, in a child with two screens")
    assert len(QGuiApplication.screens()) == 2
    first = make_window()
    first.setGeometry(1366 + 100, 50, 2200, 1200)
    qtbot.waitUntil(lambda: first.screen().name() == "monitor")
    first.close()
    again = make_window()
    assert again.size().toTuple() == (2200, 1200)


def test_child_a_window_maximized_on_a_wider_screen_is_again(make_window, qtbot) -> None:
    """Maximized on a 2560 px monitor, started on a 1920 px one: it came back as a window
    of 1728x972 in a corner, the layout fitted to the screen; maximized, as it was."""
    if not os.environ.get(CHILD):
        pytest.skip("run by test_on_a_full_hd_screen, in a child with a 1920 px screen")
    first = make_window()
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized)
    first.close()
    as_if_saved_on_a_screen(2560)
    settings().setValue(WIDTH_KEY, 2560)
    settings().setValue(SCREEN_KEY, 2560)
    assert make_window().fills_screen
