"""Scale child: the app, or a bare QTextEdit, on the 5 MB transcript, measured in-process.

    python -m bench.gui_scale app '{"doc": DOC, "notes": NOTES, "runs": 5, "interact": true}'
    python -m bench.gui_scale floor '{"doc": DOC, "column": PX, "height": PX, "font": FONT}'

Each of the runs opens the document in a new window (`app`: a MainWindow, whose
open_document + show are timed; `floor`: a bare read-only QTextEdit at the reader's text
width and font, setPlainText + show) and times the first paint and the end of the lazy
layout. With `interact`, scrolled to the middle: full repaints; in the app, 20 each of
adding, recolouring, deleting and undoing a highlight in view, each with a repaint; then
scrolling page by page from the top; typing at the end of the research notes, then at the
end of a 10 KB paragraph added to them (the floor: a bare QPlainTextEdit holding the same
notes); and in the app its autosave: the GUI thread's serialise, the worker's write, the
handling of the finished write, and the longest block of the GUI thread in the 1.6 s after
an edit.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit, QWidget

from bench.gui import (
    FirstPaint,
    bare_reader,
    child_main,
    longest_block,
    main_window,
    run_event_loop,
    settle,
    wait_for_layout,
)
from bench.proc import scratch_dir
from bench.table import repeat, timed

EDITS = 20  # single edits of each kind
KEYS = 60  # characters typed into the research notes, a space every seventh
# A paragraph of the notes 10 KB long, with emphasis in each sentence: Qt styles and lays
# out a paragraph whole at each key.
LONG_NOTE = "We argue that *the band* is the film, and **the room** its camera. " * 150
REPAINTS = 20
AUTOSAVES = 5
AUTOSAVE_WINDOW_S = 1.6  # the 600 ms debounce, the write, and the file watcher's 300 ms check


def open_runs(
    app: QApplication, runs: int, new: Callable[[], tuple[QWidget, QTextEdit, Callable]]
) -> tuple[dict[str, list[float]], QWidget]:
    """`runs` times: close the window before, make a new one with `new()` (untimed; it
    returns the window, its reading pane and the step to time), then time that step to the
    first paint and to the end of the layout. Returns the times and the last window."""
    hook = FirstPaint(app, app_wide=False)  # each run's reader watched: no filter on every event
    times: dict[str, list[float]] = {"first_paint": [], "interactive": []}
    window: QWidget | None = None
    for _ in range(runs):
        if window is not None:
            window.close()
            window.deleteLater()
            settle()
        window, reader, step = new()
        hook.watch(reader.viewport())
        hook.reset()
        start = time.monotonic_ns()
        step()
        painted = hook.wait()
        laid_out = wait_for_layout(reader)
        times["first_paint"].append((painted - start) / 1e9)
        times["interactive"].append((laid_out - start) / 1e9)
    assert window is not None
    return times, window


def to_middle(edit: QTextEdit) -> None:
    bar = edit.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    settle()


def scroll_frames(edit: QTextEdit, app: QApplication) -> list[float]:
    """Page by page from the top to the end: set the scroll bar, repaint; one time a page."""
    bar = edit.verticalScrollBar()
    bar.setValue(0)
    settle()
    frames = []
    value = 0
    while True:
        frames.append(timed(lambda v=value: (bar.setValue(v), edit.viewport().repaint())))
        app.processEvents()
        if value >= bar.maximum():
            return frames
        value = min(value + bar.pageStep(), bar.maximum())


def typing(editor: QPlainTextEdit, app: QApplication) -> list[float]:
    """KEYS characters typed at the end of the notes: each key press, the editor's repaint
    and the event-loop work it leaves (the word count, the autosave's timer)."""
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    settle()

    def key(n: int) -> None:
        QTest.keyClick(editor, Qt.Key.Key_Space if n % 7 == 6 else Qt.Key.Key_A)
        editor.viewport().repaint()
        app.processEvents()

    return [timed(lambda n=n: key(n)) for n in range(KEYS)]


def typing_in_long_paragraph(editor: QPlainTextEdit, app: QApplication) -> list[float]:
    """`typing`, at the end of LONG_NOTE added to the notes as their last paragraph."""
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.textCursor().insertText("\n\n" + LONG_NOTE.strip())
    return typing(editor, app)


def repaints(edit: QTextEdit) -> list[float]:
    """Full repaints of the view, scrolled to the middle of the text."""
    to_middle(edit)
    return repeat(edit.viewport().repaint, REPAINTS, warmup=0)


# The app ---------------------------------------------------------------------------------


def visible_spans(window: Any, count: int) -> list[tuple[int, int]]:
    """Whole-word spans of the text in view, for highlights the repaint will show."""
    first, last = window.reader.highlights.visible_range()
    text = window.interview.session.document.text
    rng = random.Random(7)
    starts = [i + 1 for i in range(first, last - 80) if text[i] == " " and text[i + 1] != " "]
    spans = []
    while len(spans) < count:
        start = rng.choice(starts)
        end = text.find(" ", start + rng.randint(15, 60))
        if end > 0 and "\n" not in text[start:end]:
            spans.append((start, end))
    return spans


def edits(window: Any, app: QApplication) -> dict[str, list[float]]:
    """Add, recolour, delete and undo EDITS highlights in view, repainting after each; the
    event-loop work after each add is timed on its own."""
    controller, viewport = window.interview.controller, window.reader.viewport()
    to_middle(window.reader)
    times: dict[str, list[float]] = {
        k: [] for k in ("add", "events_after_add", "recolour", "remove", "undo")
    }
    ids: list[str] = []

    def edit(kind: str, action: Callable[[], object], events: int = 1) -> None:
        times[kind].append(timed(lambda: (action(), viewport.repaint())))
        after = timed(lambda: [app.processEvents() for _ in range(events)])
        if kind == "add":
            times["events_after_add"].append(after)

    add = controller.add_highlight
    for start, end in visible_spans(window, EDITS):
        edit("add", lambda s=start, e=end: ids.append(add(s, e, "blue").id), events=3)
    for i in ids:
        edit(
            "recolour", lambda i=i: controller.edit_highlight(i, "Recolour Highlight", color="pink")
        )
    for i in ids:
        edit("remove", lambda i=i: controller.delete_highlight(i))
    for _ in ids:
        edit("undo", controller.undo_stack.undo)
    settle()
    return times


def autosave(window: Any, app: QApplication) -> dict[str, list[float]]:
    """The GUI thread's share of saving: piece by piece, then as it happens."""
    saver = window.interview.saver
    result: dict[str, list[float]] = {
        k: [] for k in ("save_soon_now", "worker_write", "completion", "longest_block")
    }
    written: list[float] = []
    saver.written.connect(lambda _data: written.append(time.perf_counter()))
    run_event_loop(1.0)  # nothing else pending
    for _ in range(AUTOSAVES):
        saver.mark_dirty()
        result["save_soon_now"].append(timed(saver.save_soon_now))
        submitted = time.perf_counter()
        pending = saver._pending  # the worker's future (private; read only here)
        if pending is not None:
            pending.result()
            result["worker_write"].append(time.perf_counter() - submitted)
        count = len(written)
        while len(written) == count:
            # delivers the worker's result: _on_finished and the slots of `written`
            took = timed(app.processEvents)
            if len(written) > count:
                result["completion"].append(took)
        run_event_loop(0.6)  # the file watcher's look at the new file
        # The same as it happens: an edit, then the event loop running for a while.
        result["longest_block"].append(longest_block(AUTOSAVE_WINDOW_S, saver.mark_dirty))
    data = window.interview.session.notes.to_json()
    result["floor_dumps"] = repeat(lambda: orjson.dumps(data), AUTOSAVES)
    return result


def run_app(
    app: QApplication, doc: str, notes: str | None = None, runs: int = 5, interact: bool = False
) -> dict[str, Any]:
    copy = scratch_dir("bench-scale-") / "notes.json"

    def new() -> tuple[QWidget, QTextEdit, Callable]:
        # Each window opens the same notes file as the one before left it, as a user opens
        # again what they worked on: the first run reads it as another program's (checked,
        # and its text's structure detected), the others as the app's own (both cached).
        if notes is not None:
            shutil.copyfile(notes, copy)
        window = main_window()
        return window, window.reader, lambda: (window.open_document(Path(doc), copy), window.show())

    result, window = open_runs(app, runs, new)
    reader = window.reader
    frame = reader.document().rootFrame().frameFormat()
    result |= {  # the reader's text column and font, so the floor can lay out the same lines
        "column": round(reader.viewport().width() - frame.leftMargin() - frame.rightMargin()),
        "height": reader.viewport().height(),
        "font": reader.document().defaultFont().toString(),
        "blocks": reader.document().blockCount(),
        "notes_mb": len(window.interview.notes_document.toPlainText().encode()) / 1e6,
        "doc_height": reader.document().size().height(),
    }
    if interact:
        result["repaint"] = repaints(reader)
        result |= edits(window, app)
        result["scroll"] = scroll_frames(reader, app)
        result["typing"] = typing(window.notes_pane.editor, app)
        result["typing_long"] = typing_in_long_paragraph(window.notes_pane.editor, app)
        result["autosave"] = autosave(window, app)
    return result


# The floor -------------------------------------------------------------------------------


def run_floor(
    app: QApplication,
    doc: str,
    column: int,
    height: int,
    font: str,
    runs: int,
    interact: bool,
    notes: str | None = None,
) -> dict[str, Any]:
    """A bare read-only QTextEdit with the same text, font and text width; with `notes`, a
    bare QPlainTextEdit holding their research notes to type in."""
    text = Path(doc).read_text(encoding="utf-8")
    qfont = QFont()
    qfont.fromString(font)

    def new() -> tuple[QWidget, QTextEdit, Callable]:
        edit = bare_reader()
        edit.setFont(qfont)
        chrome = edit.verticalScrollBar().sizeHint().width() + 2 * edit.frameWidth()
        margin = 2 * edit.document().documentMargin()
        edit.resize(round(column + margin + chrome), height + 2 * edit.frameWidth())
        return edit, edit, lambda: (edit.setPlainText(text), edit.show())

    result, edit = open_runs(app, runs, new)
    assert isinstance(edit, QTextEdit)
    if interact:
        result |= {"repaint": repaints(edit), "scroll": scroll_frames(edit, app)}
    if notes is not None:
        editor = QPlainTextEdit(orjson.loads(Path(notes).read_bytes())["notes"])
        editor.resize(512, height)
        editor.show()
        result["typing"] = typing(editor, app)
        result["typing_long"] = typing_in_long_paragraph(editor, app)
    return result


if __name__ == "__main__":
    child_main(app=run_app, floor=run_floor)
