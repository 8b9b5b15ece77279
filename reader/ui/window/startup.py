"""Starting the window: the application object, signals that end it, the first interview."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from reader import APP_ID, __version__
from reader.ui.after_paint import AfterPaint
from reader.ui.settings import settings
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

    signals = ShutdownOnSignals(app, shut_down, window.interview.flush)
    from reader.resources import BUNDLED_INTERVIEW

    actions = window.study_actions
    opened = actions.open_at_start(document_path, notes_path, BUNDLED_INTERVIEW)
    if not opened and not signals.before_loop:
        # A file named that cannot be opened (said; "Open With" gives one): the app goes
        # on with what was open last, unless it was that file, else the sample, where it
        # ended with the message.
        last = actions.recent.last()
        tried = last is None or last.path == Path(document_path or "").absolute()
        if document_path is None or not actions.open_at_start(
            BUNDLED_INTERVIEW if tried else None, None, BUNDLED_INTERVIEW
        ):
            return 1
    if signals.before_loop:  # a logout while a question was open: what opened is written
        shut_down()
        return 0
    focus_as_left(window.reader, window.window_actions.focus_notes.trigger)
    greet_on_sample(window, BUNDLED_INTERVIEW)
    collect_after_paint(window)
    say_when_settings_unkept(window)
    if window.fills_screen:
        window.showMaximized()
    else:
        window.show()
    signals.looping = True
    return app.exec()


SAMPLE = "This is a sample interview to try things on. To start on your own interviews:"


def greet_on_sample(window: MainWindow, sample: Path) -> None:
    """On the bundled interview (a first start), say it is a sample and where one's own work
    begins: nothing else on screen told a new user how to leave it. Open Study… first, as
    the README's first steps: it opens a folder of transcripts as it is (New Study…
    writes study.json at once). Not over a message opening it had to show."""
    safety = window.interview.safety
    if window.banner.isVisibleTo(window) or window.study.study is not None or safety is None:
        return
    if safety.guard.document_path.resolve() != sample.resolve():
        return
    actions = window.window_actions
    window.banner.show_message(
        SAMPLE,
        [("Open Study…", actions.open_study.trigger), ("Open Interview…", actions.open.trigger)],
    )


def say_when_settings_unkept(window: MainWindow) -> None:
    """After the first paint, behind any message shown: a settings file that cannot be
    written (its folder made by `sudo`, a read-only home) let every session end without a
    word and the next start forget the layout, zoom, theme and each interview's place."""

    def check() -> None:
        store = settings()
        if not store.isWritable():
            window.banner.add_message(
                f"Settings cannot be saved in {store.fileName()}: the window's layout, zoom, "
                "theme and each interview's place will be forgotten when the app closes. "
                "Check who owns that folder and that it can be written."
            )

    AfterPaint(window.reader, check).start()


COLLECTOR_BACK_MS = 5000  # a window that never paints (opened minimised) collects from then
COLLECT_EVERY_MS = 1000  # while little is allocated
COLLECT_BUSY_MS = 100  # while young objects keep coming: each collection of them stays short


class GuiThreadCollector(QObject):
    """Python's garbage collection, run by the GUI thread's event loop instead of by
    whichever thread allocates when a count passes its threshold. A cycle that held a Qt
    object (a file watcher, with its socket notifier) was freed by a saver's worker thread,
    and the event loop then crashed on the notifier (tests/ui/qt_garbage.py). Each second
    (each tenth of one while objects keep coming), the oldest generation whose count has
    passed its threshold is collected, as Python would have done, and with its rule for
    the oldest: not before the objects that came into it since its last collection are a
    quarter of those that collection left. A full collection walks every object; with a
    coded study of 500 interviews open it took 110 ms, and without the rule it came every
    two minutes or so of work."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._long_lived = 0  # the objects the last full collection left (Python's count)
        self._full_checked = 0  # gen2's count when a full collection was last found not due

    def start(self) -> None:
        if not self._timer.isActive():
            gc.disable()
            self._timer.start(COLLECT_EVERY_MS)

    def collect_due(self) -> None:
        """Collect the oldest generation that is due, and look again soon if one was: a
        second's young objects, just after 5 MB with 10,000 highlights opened, took 6-16
        ms to collect in one go, a tenth of a second's a tenth of that."""
        collected = self._collect_oldest_due()
        self._timer.setInterval(COLLECT_BUSY_MS if collected else COLLECT_EVERY_MS)

    def _collect_oldest_due(self) -> bool:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):  # a threshold of 0 collects none (Python 3.14's third)
            if not 0 < thresholds[generation] < counts[generation]:
                continue
            if generation == 2 and not self._full_collection_due(counts[2], thresholds[2]):
                continue
            gc.collect(generation)
            if generation == 2:
                self._long_lived, self._full_checked = len(gc.get_objects(generation=2)), 0
            return True
        return False

    def _full_collection_due(self, count: int, threshold: int) -> bool:
        """Python's rule, from what it lets a program see: the oldest generation grown by a
        quarter since its last collection. Listing it takes a few ms, so it is looked at
        again only once its count has passed the threshold once more."""
        if count - self._full_checked <= threshold:
            return False
        if len(gc.get_objects(generation=2)) - self._long_lived > self._long_lived / 4:
            return True
        self._full_checked = count
        return False


def collect_after_paint(window: MainWindow) -> GuiThreadCollector:
    """Garbage collection back (reader.app pauses it for start-up) just after the reading
    pane's first paint, or a few seconds after start at the latest, on the GUI thread from
    then on. The reader owns the AfterPaint, as Qt parents do."""
    collector = GuiThreadCollector(window)
    AfterPaint(window.reader, collector.start).start()
    QTimer.singleShot(COLLECTOR_BACK_MS, collector, collector.start)
    return collector
