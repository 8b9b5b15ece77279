"""Start-up (reader/ui/window/startup.py): the garbage collector, paused while the window is
made, comes back once the reader has painted."""

from __future__ import annotations

import gc
from typing import Any

from reader.ui.window import startup
from reader.ui.window.main_window import MainWindow
from reader.ui.window.startup import resume_collector_after_paint


def test_the_collector_resumes_after_the_readers_first_paint(
    window: MainWindow, qtbot: Any
) -> None:
    gc.disable()
    try:
        resume_collector_after_paint(window)
        gc.collect()  # the reader, not a Python name, keeps the resumer alive
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled)
    finally:
        gc.enable()


def test_the_collector_resumes_even_if_the_window_never_paints(
    window: MainWindow, qtbot: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(startup, "COLLECTOR_BACK_MS", 50)
    window.hide()  # as if opened minimised: the reader paints nothing
    gc.disable()
    try:
        resume_collector_after_paint(window)
        qtbot.waitUntil(gc.isenabled)
    finally:
        gc.enable()
