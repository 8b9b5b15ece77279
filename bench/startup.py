"""Start-up child: the time from its spawn (BENCH_T0_NS, set by the parent just before)
to the first finished paint of the reading pane, and the peak memory (VmHWM) then.

    python -m bench.startup app '{"argv": ARGS}'    reader.app.main(ARGS), as main.py runs it
    python -m bench.startup app '{"argv": ARGS, "settle_ms": MS}'
                                                    the same, then on for MS ms and closed,
                                                    as a start before a later one
    python -m bench.startup floor '{"doc": DOC}'    the floor: a bare PySide6 window
    python -m bench.startup reader '{"doc": DOC, "notes": NOTES}'
                                                    the floor's window with the app's
                                                    reading pane in place of its QTextEdit
    python -m bench.startup floor '{"doc": DOC, "qt_types": TYPES}'
                                                    the floor, naming first the Qt types
                                                    that the app named (its report's)

Only the QApplication is made here before the app runs, so that the first-paint hook can
be installed; the app's run_gui then uses it. The hook watches the reading pane's viewport
alone (in the app, from the moment the pane is made), so neither window pays a call into
Python for each of its events. The floor is a QMainWindow holding a
QSplitter with a read-only QTextEdit (the text) and an empty QPlainTextEdit, at the app's
default size. The reader mode puts the app's own reading pane (ReaderView, showing the
document and its highlights as the app loads them) in that window and nothing else of the
app: what the first paint costs at the least with this reader, the rest of the window
(notes, outline, menus, docks, the saver) left out. The process exits as soon as it has
reported.

Each child reports the Qt types it named (`qt_types`). PySide builds a class's Python type,
with all of its enums, the first time Python names it, and the app names some eighty types
that the bare window never needs (the `Qt` namespace alone has 76 enums): the floor naming
them too measures PySide's share of the app's start-up, apart from the app's own code.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter

from bench.gui import FirstPaint, bare_reader, proc_status_kb
from bench.proc import child_args, emit

T0_NS = int(os.environ["BENCH_T0_NS"])
MARKS = {"spawned": T0_NS}  # stage -> time.monotonic_ns() at its end, in order
# app mode's `settle_ms`: the app goes on that long after its first paint, then its window
# closes as a user's does (the settings, caches and notes written): a start before the one
# measured, in the same home.
SETTLE = {"ms": 0}


def report(hook: FirstPaint) -> None:
    assert hook.done_ns is not None
    MARKS["painted"] = hook.done_ns
    names = list(MARKS)
    stages = {b: (MARKS[b] - MARKS[a]) / 1e9 for a, b in pairwise(names)}
    emit(
        {
            "first_paint_s": (hook.done_ns - T0_NS) / 1e9,
            "stages_s": stages,
            "vm_hwm_kb": proc_status_kb("VmHWM"),
            "qt_types": named_qt_types(),
        }
    )
    if SETTLE["ms"]:
        QTimer.singleShot(SETTLE["ms"], QApplication.closeAllWindows)  # then exec returns
        return
    os._exit(0)  # the measurement is over: no closing, saving or unlocking


def named_qt_types() -> dict[str, list[str]]:
    """The Qt classes built so far, by module: PySide puts a class into its module's
    namespace when it is first named."""
    return {
        name: [key for key, value in vars(module).items() if isinstance(value, type)]
        for name, module in list(sys.modules.items())
        if name.startswith("PySide6.Qt")
    }


def name_qt_types(types: dict[str, list[str]]) -> None:
    for module_name, names in types.items():
        module = importlib.import_module(module_name)
        for name in names:
            getattr(module, name)


def mark(stage: str) -> None:
    """`stage` is over now: it took the time since the mark before."""
    MARKS[stage] = time.monotonic_ns()


def marked_after(owner: type, name: str, stage: str, *, before: str = "") -> None:
    """Mark `stage` when the method `name` of `owner` returns (and `before` when it is
    called): the app's start-up seen from outside, its code untouched."""
    method = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if before:
            mark(before)
        result = method(*args, **kwargs)
        mark(stage)
        return result

    setattr(owner, name, wrapper)


def floor_window(doc: Path) -> QMainWindow:
    window = QMainWindow()
    splitter = QSplitter()
    reader = bare_reader()
    reader.setPlainText(doc.read_text(encoding="utf-8"))
    splitter.addWidget(reader)
    splitter.addWidget(QPlainTextEdit())
    window.setCentralWidget(splitter)
    window.resize(1280, 820)
    return window


def reader_window(doc: Path, notes: Path, hook: FirstPaint) -> QMainWindow:
    """The floor's window with the app's reading pane showing `doc` and its `notes`."""
    from reader.core.session import Session
    from reader.core.store import load_notes
    from reader.ui.interview.loading import read
    from reader.ui.reading.reader_view import ReaderView

    window = QMainWindow()
    splitter = QSplitter()
    reader = ReaderView()
    hook.watch(reader.viewport())
    loaded, stored = read(doc), load_notes(notes)
    assert stored is not None
    reader.show_session(Session.open(loaded.document, stored, loaded.detected))
    splitter.addWidget(reader)
    splitter.addWidget(QPlainTextEdit())
    window.setCentralWidget(splitter)
    window.resize(1280, 820)
    return window


def main() -> int:
    mode, options = child_args()
    SETTLE["ms"] = int(options.get("settle_ms", 0))
    app = QApplication(sys.argv[:1])
    mark("pyside")
    hook = FirstPaint(app, on_done=report, app_wide=False)
    if mode in ("floor", "reader"):
        if mode == "floor":
            if "qt_types" in options:
                name_qt_types(options["qt_types"])
                mark("qt_types")
            window = floor_window(Path(options["doc"]))
            hook.watch(window.centralWidget().widget(0).viewport())
        else:
            window = reader_window(Path(options["doc"]), Path(options["notes"]), hook)
        mark("made")
        window.show()
        mark("shown")
        return app.exec()
    gc.disable()  # as reader.app.main does before the window's modules, imported here first
    from reader.app import main as app_main
    from reader.ui.library.study_actions import StudyActions
    from reader.ui.reading.reader_view import ReaderView  # the app imports it anyway
    from reader.ui.window.main_window import MainWindow

    marked_after(MainWindow, "__init__", "window", before="imported")
    marked_after(StudyActions, "open_at_start", "opened")
    marked_after(MainWindow, "show", "shown")
    marked_after(MainWindow, "showMaximized", "shown")  # a first start on a small screen

    made = ReaderView.__init__

    def made_and_watched(view: ReaderView, *args: object, **kwargs: object) -> None:
        made(view, *args, **kwargs)
        hook.watch(view.viewport())

    ReaderView.__init__ = made_and_watched  # type: ignore[method-assign]
    return app_main(options["argv"])


if __name__ == "__main__":
    sys.exit(main())
