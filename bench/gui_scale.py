"""Scale child: the app, or a bare QTextEdit, on the 5 MB transcript, measured in-process.

    python -m bench.gui_scale app   --doc DOC [--notes NOTES] [--interact] [--profile WHAT]
    python -m bench.gui_scale floor --doc DOC --column PX --height PX --font FONT

`app` opens the document in a MainWindow (with its 10,000 highlights when NOTES is given)
several times, timing the first paint and the end of the layout; with --interact it then
times single edits, repaints, scrolling and an autosave. `floor` does the same with a
bare read-only QTextEdit at the reader's text width and font. With --profile the one
measurement named is run under pyinstrument instead, and its summary reported.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QTextEdit

from bench.gui import (
    FirstPaint,
    LagProbe,
    proc_status_kb,
    run_event_loop,
    settle,
    wait_for_layout,
)
from bench.proc import emit, scratch_dir
from bench.profiling import profile

EDITS = 20  # single edits of each kind
REPAINTS = 20
AUTOSAVES = 5
AUTOSAVE_WINDOW_S = 1.6  # the 600 ms debounce, the write, and the file watcher's 300 ms check
PROFILES = ("first-paint", "add", "remove", "recolour", "undo", "repaint", "scroll", "autosave")


def _seconds(start_ns: int, end_ns: int) -> float:
    return (end_ns - start_ns) / 1e9


def _scroll_frames(edit: QTextEdit, app: QApplication) -> list[float]:
    """Page by page from the top to the end: set the scroll bar, repaint; one time per page."""
    bar = edit.verticalScrollBar()
    bar.setValue(0)
    settle()
    frames = []
    value = 0
    while True:
        start = time.perf_counter()
        bar.setValue(value)
        edit.viewport().repaint()
        frames.append(time.perf_counter() - start)
        app.processEvents()
        if value >= bar.maximum():
            return frames
        value = min(value + bar.pageStep(), bar.maximum())


def _repaints(edit: QTextEdit, count: int = REPAINTS) -> list[float]:
    viewport = edit.viewport()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        viewport.repaint()
        times.append(time.perf_counter() - start)
    return times


def _to_middle(edit: QTextEdit) -> None:
    bar = edit.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    settle()


# The app ---------------------------------------------------------------------------------


class AppBench:
    """MainWindows opened on the document, one after another, and what is done in them."""

    def __init__(self, app: QApplication, doc: Path, notes: Path | None) -> None:
        from reader.ui.window.main_window import MainWindow, settings

        self.settings = settings
        self.app = app
        self.doc = doc
        self.notes = notes
        self.window_class = MainWindow
        self.hook = FirstPaint(app)
        self.scratch = scratch_dir("bench-scale-")
        self.window: Any = None
        self.opened = 0

    def open(self, layout: bool = True) -> tuple[float, float]:
        """A new window on the document: (seconds to first paint, to the end of layout;
        0 when not waited for)."""
        self.close()
        self.opened += 1
        notes = self.scratch / f"notes-{self.opened}.json"
        if self.notes is not None:
            shutil.copyfile(self.notes, notes)  # each window starts from the same file
        store = self.settings()
        store.clear()  # every window at the default size: a restored one can come out smaller
        store.sync()
        self.window = self.window_class()
        # The app fits a first window to the screen, and offscreen the screen is 800x600:
        # measure at the size a desktop user has (on the narrow one, 5 MB of text grows
        # past Qt's 2**23 px layout limit and the layout never ends).
        self.window.resize(1280, 820)
        self.window.splitter.setSizes([768, 512])
        self.hook.reset()
        start = time.monotonic_ns()
        self.window.open_document(self.doc, notes)
        self.window.show()
        painted = self.hook.wait()
        if not layout:
            return _seconds(start, painted), 0.0
        laid_out = wait_for_layout(self.window.reader)
        return _seconds(start, painted), _seconds(start, laid_out)

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
            settle()

    def geometry(self) -> dict[str, Any]:
        """The reader's text column and font, so the floor can lay out the same lines."""
        reader = self.window.reader
        frame = reader.document().rootFrame().frameFormat()
        column = reader.viewport().width() - frame.leftMargin() - frame.rightMargin()
        return {
            "column": round(column),
            "height": reader.viewport().height(),
            "font": reader.document().defaultFont().toString(),
            "blocks": reader.document().blockCount(),
            "doc_height": reader.document().size().height(),
        }

    # Edits -------------------------------------------------------------------------------

    def visible_spans(self, count: int) -> list[tuple[int, int]]:
        """Whole-word spans of the text in view, for highlights the repaint will show."""
        reader = self.window.reader
        first, last = reader.highlights.visible_range()
        text = self.window.controller.session.document.text
        rng = random.Random(7)
        starts = [i + 1 for i in range(first, last - 80) if text[i] == " " and text[i + 1] != " "]
        spans = []
        while len(spans) < count:
            start = rng.choice(starts)
            end = text.find(" ", start + rng.randint(15, 60))
            if end > 0 and "\n" not in text[start:end]:
                spans.append((start, end))
        return spans

    def edits(self) -> dict[str, list[float]]:
        """Add, recolour, delete and undo EDITS highlights in view, repainting after each."""
        controller = self.window.controller
        viewport = self.window.reader.viewport()
        _to_middle(self.window.reader)
        times: dict[str, list[float]] = {
            k: [] for k in ("add", "events_after_add", "recolour", "remove", "undo")
        }
        ids: list[str] = []

        def timed(kind: str, action: Callable[[], object]) -> None:
            start = time.perf_counter()
            action()
            viewport.repaint()
            times[kind].append(time.perf_counter() - start)

        for start, end in self.visible_spans(EDITS):
            timed(
                "add", lambda s=start, e=end: ids.append(controller.add_highlight(s, e, "blue").id)
            )
            begin = time.perf_counter()
            for _ in range(3):
                self.app.processEvents()
            times["events_after_add"].append(time.perf_counter() - begin)
        for highlight_id in ids:
            timed(
                "recolour",
                lambda i=highlight_id: controller.edit_highlight(
                    i, "Recolour Highlight", color="pink"
                ),
            )
            self.app.processEvents()
        for highlight_id in ids:
            timed("remove", lambda i=highlight_id: controller.delete_highlight(i))
            self.app.processEvents()
        for _ in ids:
            timed("undo", controller.undo_stack.undo)
            self.app.processEvents()
        settle()
        return times

    # Autosave ----------------------------------------------------------------------------

    def autosave(self) -> dict[str, Any]:
        """The GUI thread's share of saving: serialise, worker write, completion, blocks."""
        controller = self.window.controller
        saver = controller.saver
        result: dict[str, Any] = {
            "save_soon_now": [],
            "worker_write": [],
            "completion": [],
            "longest_block": [],
            "blocks": [],
        }
        written: list[float] = []
        saver.written.connect(lambda _data: written.append(time.perf_counter()))
        run_event_loop(1.0)  # nothing else pending
        for _ in range(AUTOSAVES):
            # What the GUI thread does for one save, piece by piece.
            saver.mark_dirty()
            start = time.perf_counter()
            saver.save_soon_now()
            submitted = time.perf_counter()
            result["save_soon_now"].append(submitted - start)
            pending = saver._pending  # the worker's future (private; read only here)
            if pending is not None:
                pending.result()
                result["worker_write"].append(time.perf_counter() - submitted)
            count = len(written)
            while len(written) == count:
                begin = time.perf_counter()
                self.app.processEvents()  # delivers the worker's result: _on_finished
                if len(written) > count:
                    result["completion"].append(time.perf_counter() - begin)
            run_event_loop(0.6)  # the file watcher's look at the new file
            # The same, as it happens: an edit, then the event loop running for a while.
            probe = LagProbe()
            probe.start()
            saver.mark_dirty()
            run_event_loop(AUTOSAVE_WINDOW_S)
            probe.stop()
            result["longest_block"].append(probe.longest(1)[0][0])
            result["blocks"].append(probe.longest(4))
        data = controller.session.notes.to_json()
        floor = []
        for _ in range(AUTOSAVES + 1):
            start = time.perf_counter()
            orjson.dumps(data)
            floor.append(time.perf_counter() - start)
        result["floor_dumps"] = floor[1:]
        return result

    def autosave_once(self) -> None:
        """One autosave window, for the profiler."""
        self.window.controller.saver.mark_dirty()
        run_event_loop(AUTOSAVE_WINDOW_S)


def run_app(args: argparse.Namespace, app: QApplication) -> dict[str, Any]:
    bench = AppBench(app, args.doc, args.notes)
    if args.profile:
        return {"profile": profile_app(bench, args.profile)}
    first_paint, interactive = [], []
    result: dict[str, Any] = {}
    for run in range(args.runs):
        painted, laid_out = bench.open()
        first_paint.append(painted)
        interactive.append(laid_out)
        if run == 0:
            result["vm_hwm_kb_first"] = proc_status_kb("VmHWM")
    result.update(first_paint=first_paint, interactive=interactive, **bench.geometry())
    if args.interact:
        _to_middle(bench.window.reader)
        result["repaint"] = _repaints(bench.window.reader)
        result.update(bench.edits())
        result["scroll"] = _scroll_frames(bench.window.reader, app)
        result["autosave"] = bench.autosave()
    result["vm_hwm_kb"] = proc_status_kb("VmHWM")
    bench.close()
    return result


def profile_app(bench: AppBench, what: str) -> dict[str, Any]:
    """Profile one measurement, after an unprofiled opening of the document."""
    if what == "first-paint":
        bench.open()
        return profile(lambda: bench.open(layout=False), "open_document + show + first paint")
    bench.open()
    reader = bench.window.reader
    if what in ("add", "remove", "recolour", "undo"):
        bench.edits()  # warm
        label = {
            "add": "add_highlight + repaint, 20 times (with recolour, delete and undo)",
            "remove": "delete_highlight + repaint, 20 times (with add, recolour and undo)",
            "recolour": "edit_highlight(color) + repaint, 20 times (with add, delete, undo)",
            "undo": "undo + repaint, 20 times (with add, recolour and delete)",
        }[what]
        return profile(bench.edits, label)
    if what == "repaint":
        _to_middle(reader)
        return profile(lambda: _repaints(reader, 100), "viewport().repaint(), 100 times")
    if what == "scroll":
        return profile(lambda: _scroll_frames(reader, bench.app), "scrolling page by page")
    if what == "autosave":
        bench.autosave_once()
        return profile(bench.autosave_once, "an edit, then 1.6 s of event loop (autosave)")
    raise ValueError(f"unknown profile {what!r}; one of {', '.join(PROFILES)}")


# The floor -------------------------------------------------------------------------------


def run_floor(args: argparse.Namespace, app: QApplication) -> dict[str, Any]:
    """A bare read-only QTextEdit with the same text, font and text width."""
    text = args.doc.read_text(encoding="utf-8")
    font = QFont()
    font.fromString(args.font)
    hook = FirstPaint(app)
    result: dict[str, Any] = {"first_paint": [], "interactive": []}
    edit: QTextEdit | None = None
    for run in range(args.runs):
        if edit is not None:
            edit.close()
            edit.deleteLater()
            settle()
        edit = QTextEdit()
        edit.setObjectName("reader")
        edit.setReadOnly(True)
        edit.setFont(font)
        chrome = edit.verticalScrollBar().sizeHint().width() + 2 * edit.frameWidth()
        margin = 2 * edit.document().documentMargin()
        edit.resize(round(args.column + margin + chrome), args.height + 2 * edit.frameWidth())
        hook.reset()
        start = time.monotonic_ns()
        edit.setPlainText(text)
        edit.show()
        painted = hook.wait()
        laid_out = wait_for_layout(edit)
        result["first_paint"].append(_seconds(start, painted))
        result["interactive"].append(_seconds(start, laid_out))
        if run == 0:
            result["vm_hwm_kb_first"] = proc_status_kb("VmHWM")
    assert edit is not None
    if args.interact:
        _to_middle(edit)
        result["repaint"] = _repaints(edit)
        result["scroll"] = _scroll_frames(edit, app)
    result["column"] = edit.viewport().width() - round(2 * edit.document().documentMargin())
    result["vm_hwm_kb"] = proc_status_kb("VmHWM")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gui_scale")
    parser.add_argument("mode", choices=("app", "floor"))
    parser.add_argument("--doc", type=Path, required=True)
    parser.add_argument("--notes", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--interact", action="store_true")
    parser.add_argument("--profile", choices=PROFILES)
    parser.add_argument("--column", type=int, default=600)
    parser.add_argument("--height", type=int, default=760)
    parser.add_argument("--font", default="")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    result = run_app(args, app) if args.mode == "app" else run_floor(args, app)
    emit(result)
    os._exit(0)  # skip tearing down thousands of Qt objects


if __name__ == "__main__":
    raise SystemExit(main())
