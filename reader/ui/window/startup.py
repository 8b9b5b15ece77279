"""Starting the window: the application object, signals that end it, the first interview."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader import APP_ID, __version__
from reader.ui.after_paint import AfterPaint
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shutdown import ShutdownOnSignals
from reader.ui.window.window_state import focus_as_left


def run_gui(document_path: Path | None, notes_path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(__version__)
    window = MainWindow()

    def shut_down() -> None:
        report = window.shut_down_now()
        if report:
            print(f"interview-reader: {report}", file=sys.stderr)

    ShutdownOnSignals(app, shut_down, window.interview.flush)
    from reader.resources import BUNDLED_INTERVIEW

    if not window.study_actions.open_at_start(document_path, notes_path, BUNDLED_INTERVIEW):
        return 1
    focus_as_left(window.reader, window.window_actions.focus_notes.trigger)
    greet_on_sample(window, BUNDLED_INTERVIEW)
    resume_collector_after_paint(window)
    window.show()
    return app.exec()


SAMPLE = "This is a sample interview to try things on. To start on your own interviews:"


def greet_on_sample(window: MainWindow, sample: Path) -> None:
    """On the bundled interview (a first start), say it is a sample and where one's own work
    begins: nothing else on screen told a new user how to leave it. Not over a message
    opening it had to show."""
    safety = window.interview.safety
    if window.banner.isVisibleTo(window) or window.study.study is not None or safety is None:
        return
    if safety.guard.document_path.resolve() != sample.resolve():
        return
    actions = window.window_actions
    window.banner.show_message(
        SAMPLE,
        [("New Study…", actions.new_study.trigger), ("Open Interview…", actions.open.trigger)],
    )


COLLECTOR_BACK_MS = 5000  # a window that never paints (opened minimised) collects from then


def resume_collector_after_paint(window: MainWindow) -> None:
    """Turn the garbage collector back on (reader.app pauses it for start-up) just after the
    reading pane's first paint, or a few seconds after start at the latest. The reader owns
    the AfterPaint, as Qt parents do."""
    AfterPaint(window.reader, gc.enable).start()
    QTimer.singleShot(COLLECTOR_BACK_MS, window, gc.enable)
