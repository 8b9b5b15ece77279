"""The window's layout on two screens (a laptop and a wider monitor), in a child pytest
whose offscreen platform has both (Qt's `offscreen:configfile=`): this process's one
screen cannot be changed once the QApplication is made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

TWO_SCREENS = "INTERVIEW_READER_TWO_SCREENS"  # set in the child
SCREENS = [
    {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768},
    {"name": "monitor", "x": 1366, "y": 0, "width": 2560, "height": 1440},
]


def test_on_two_screens(tmp_path: Path) -> None:
    if os.environ.get(TWO_SCREENS):
        pytest.skip("the child itself")
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"synchronousWindowSystemEvents": True, "screens": SCREENS}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", **{TWO_SCREENS: "1"})
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
            f"{__file__}::test_child_a_window_on_the_wider_monitor_keeps_its_size",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout


def test_child_a_window_on_the_wider_monitor_keeps_its_size(make_window, qtbot) -> None:
    """2200 px wide on the monitor, both screens connected: kept at every start (it was
    fitted to the laptop's 1366 px, the primary screen's). On the laptop alone it is
    fitted (test_appearance.py: a layout from a wider screen)."""
    if not os.environ.get(TWO_SCREENS):
        pytest.skip("run by test_on_two_screens, in a child with two screens")
    assert len(QGuiApplication.screens()) == 2
    first = make_window()
    first.setGeometry(1366 + 100, 50, 2200, 1200)
    qtbot.waitUntil(lambda: first.screen().name() == "monitor")
    first.close()
    again = make_window()
    assert again.size().toTuple() == (2200, 1200)
