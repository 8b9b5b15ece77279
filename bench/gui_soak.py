"""Soak child: hours of work in one window, in rounds. A study of SOAK_INTERVIEWS
interviews (60 KB, 100 highlights each) is open; each round does, by keys where a user
would, what a working day repeats (STEPS): switch interviews (Ctrl+PgDown, the Library's
Down and Enter), highlight and code passages (H, 1-6, C and a code's name, Alt+1), undo
and redo, type research notes and the study memo (Ctrl+7), Find (Ctrl+F) and Search
Everything (Ctrl+Shift+F), the Speakers, Export and Coded Passages windows opened and
closed, docks and the preview toggled, zoom in and out.

    python -m bench.gui_soak app '{"rounds": 200}'
    python -m bench.gui_soak app '{"rounds": 100, "interviews": 10, "steps": ["code"]}'

After WARMUP_ROUNDS, and then after each round, garbage is collected and free heap pages
handed back, and it records what a leak would grow: resident memory, widgets, top-level
windows, Qt objects with a Python wrapper, timers, Python objects, undo stacks and their
commands, open file descriptors and threads. The result holds each figure per round, and
the Python types that grew most from the first measured round to the last. Running some
steps alone (`steps`) tells which part of a round a growth comes from.
"""

from __future__ import annotations

import gc
import os
import statistics
from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from bench.gui import child_main, main_window, proc_status_kb, release_free_memory, settle
from bench.gui_switch import write_study
from bench.proc import scratch_dir
from bench.table import Row, Target

SOAK_INTERVIEWS = 40
SOAK_ROUNDS = 200
WARMUP_ROUNDS = 3  # lazy panels, caches and Qt's own first-use allocations settle first
SETTLED = 2 * SOAK_INTERVIEWS  # rounds after which every interview was opened twice
GROWTH_TARGET_KB = 20.0  # 8-10 KB measured; 21-27 before the iterator and icon leaks were fixed
TOP_TYPES = 15
WORDS = ("rehearsal", "music", "camera", "silence", "budget")
CODES = ("method", "casting", "influence")


def keys(sequence: str, widget: QWidget | None = None) -> None:
    """Press `sequence` ("Ctrl+Shift+F") on `widget`, or where the focus is."""
    target = widget or _focused()
    combination = QKeySequence(sequence)[0]
    QTest.keyClick(target, combination.key(), combination.keyboardModifiers())
    settle(1)


def type_text(text: str) -> None:
    """Type `text` where the focus is, a line at a time (Return between)."""
    for i, line in enumerate(text.split("\n")):
        if i:
            keys("Return")
        QTest.keyClicks(_focused(), line)
    settle(1)


def _focused() -> QWidget:
    """Where keys go: the open popup's field (the code picker), else the focus widget."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup.focusWidget() or popup
    return QApplication.focusWidget() or _window()


def _window() -> Any:
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main-window")


def close_modal_soon() -> None:
    """The modal dialog about to open (Export) is closed by Esc, as a user would."""

    def escape() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, escape)


def activate(window: Any) -> None:
    """Back to the main window, as a click on it does once a dialog has closed."""
    window.activateWindow()
    settle()
    assert QApplication.activeWindow() is window


def select_words(window: Any, round_: int, count: int = 3) -> None:
    """Put the caret on a word in the reader and extend the selection by words."""
    reader = window.reader
    reader.setFocus()
    text = window.interview.session.document.text
    start = text.find(WORDS[round_ % len(WORDS)], (round_ * 997) % max(1, len(text) // 2))
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(max(0, start)))
    reader.setTextCursor(cursor)
    for _ in range(count):
        keys("Ctrl+Shift+Right", reader)


def switch(window: Any, round_: int) -> None:
    """One interview down the list to its end, then up, and so on: every other round by
    Ctrl+PgDown (PgUp), else by the Library's Down (Up) and Enter."""
    forward = round_ // (len(window.library.model.rows) - 1) % 2 == 0
    if round_ % 2:
        keys("Ctrl+PgDown" if forward else "Ctrl+PgUp", window.reader)
    else:
        view = window.library.view
        view.setFocus()
        keys("Down" if forward else "Up", view)
        keys("Return", view)


def code(window: Any, round_: int) -> None:
    """Highlight and code four passages, undo and redo, then undo all four: the study's
    data stays as it was, so what grows is what the app keeps, not what the user made."""
    had = len(window.interview.session.notes.highlights)
    select_words(window, round_)
    keys("H")
    select_words(window, round_ + 1)
    keys(str(1 + round_ % 6))
    select_words(window, round_ + 2)
    keys("C")
    type_text(CODES[round_ % len(CODES)])
    keys("Return")
    select_words(window, round_ + 3)
    keys("Alt+1", window.reader)
    window.reader.setFocus()
    for sequence in ("Ctrl+Z", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Shift+Z", *["Ctrl+Z"] * 4):
        keys(sequence, window.reader)
    assert len(window.interview.session.notes.highlights) == had


def write(window: Any, round_: int) -> None:
    """A line of research notes, then one of the study memo (Ctrl+7 there and back)."""
    keys("Ctrl+2", window.reader)
    window.notes_editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(f"\nRound {round_}: the answer on {WORDS[round_ % len(WORDS)]}.")
    keys("Ctrl+7")
    window.notes_editor.setFocus()
    window.notes_editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(f"\n- memo {round_}")
    keys("Ctrl+7")


def search(window: Any, round_: int) -> None:
    """Find (Ctrl+F, Enter, Esc), then Search Everything (Ctrl+Shift+F, Enter)."""
    keys("Ctrl+F", window.reader)
    type_text(WORDS[(round_ + 1) % len(WORDS)])
    keys("Return")
    keys("Escape")
    keys("Ctrl+Shift+F", window.reader)
    type_text(WORDS[(round_ + 2) % len(WORDS)])
    keys("Return")


def dialogs(window: Any, round_: int) -> None:
    """Speakers, Export (modal, closed by Esc) and Coded Passages, opened and closed."""
    actions = window.window_actions
    actions.speakers.trigger()
    settle()
    window.speakers.dialog.close()
    close_modal_soon()
    keys("Ctrl+E", window.reader)
    actions.codes.retrieve.trigger()
    settle()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not window and widget.isWindow():
            widget.close()


def view(window: Any, round_: int) -> None:
    """The Annotations, Search and Codebook docks on and off, the preview on and off,
    zoom in and out."""
    docks = [window.annotations_dock, window.search_dock, window.codebook.dock]
    for dock in docks + docks:
        dock.toggleViewAction().trigger()
        settle(1)
    for sequence in ("Ctrl+Shift+P", "Ctrl+Shift+P", "Ctrl+=", "Ctrl+-"):
        keys(sequence, window.reader)


STEPS = {f.__name__: f for f in (switch, code, write, search, dialogs, view)}


def work_round(window: Any, round_: int, steps: Sequence[str] = tuple(STEPS)) -> None:
    for name in steps:
        activate(window)
        STEPS[name](window, round_)
    settle()


def figures() -> dict[str, Any]:
    """The figures after a round. Nothing here makes a Python wrapper of a Qt object made
    in C++ (findChildren would: PySide keeps each one, dead or alive, in its parent's)."""
    settle()
    release_free_memory()
    objects = gc.get_objects()
    stacks = [o for o in objects if isinstance(o, QUndoStack)]
    return {
        "rss_kb": proc_status_kb("VmRSS"),
        "widgets": len(QApplication.allWidgets()),
        "windows": len(QApplication.topLevelWidgets()),
        "qt_wrappers": sum(1 for o in objects if isinstance(o, QObject)),
        "timers": sum(1 for o in objects if isinstance(o, QTimer)),
        "python_objects": len(objects),
        "undo_stacks": len(stacks),
        "undo_commands": sum(stack.count() for stack in stacks),
        "fds": len(os.listdir("/proc/self/fd")),
        "threads": len(os.listdir("/proc/self/task")),
        "types": Counter(type(o).__name__ for o in objects),
    }


def run_app(
    app: QApplication,
    rounds: int = SOAK_ROUNDS,
    interviews: int = SOAK_INTERVIEWS,
    steps: Sequence[str] = tuple(STEPS),
) -> dict[str, Any]:
    folder = write_study(interviews, scratch_dir("bench-soak-") / "study")
    window = main_window()
    window.show()
    window.activateWindow()
    assert window.study_actions.open_path(folder)
    settle()
    series: dict[str, list[int]] = {}
    first_types: Counter[str] | None = None
    types: Counter[str] = Counter()
    for round_ in range(WARMUP_ROUNDS + rounds):
        work_round(window, round_, steps)
        if round_ < WARMUP_ROUNDS:
            continue
        taken = figures()
        types = taken.pop("types")
        first_types = first_types or types
        for name, value in taken.items():
            series.setdefault(name, []).append(value)
    assert first_types is not None
    grown = (types - first_types).most_common(TOP_TYPES)
    return series | {"grown_types": grown, "rounds": rounds}


def per_round(values: Sequence[float], since: int) -> float:
    """The growth per round from round `since` (from 0) on: a least-squares line's slope,
    as one round's figure is noisy."""
    return statistics.linear_regression(range(since, len(values)), values[since:]).slope


def measure(run: Any) -> list[Row]:
    """bench/run.py's rows: `run` gives `child`."""
    soak = run.child("gui_soak", "app")
    rounds, rss = soak["rounds"], soak["rss_kb"]
    since = min(SETTLED, rounds // 2)

    def first_last(name: str) -> str:
        return f"{soak[name][0]:,} → {soak[name][-1]:,}"

    row = partial(Row, "7. Memory over time", unit="MB")
    kinds = ", ".join(f"{name} {count:+,}" for name, count in soak["grown_types"][:5])
    return [
        row(
            f"soak, a study of {SOAK_INTERVIEWS} interviews: RSS after {WARMUP_ROUNDS} + 1 rounds",
            [rss[0] / 1024],
        ),
        row(f"the same: RSS after {WARMUP_ROUNDS} + {rounds} rounds", [rss[-1] / 1024]),
        row(
            f"the same: RSS growth per round over rounds {since + 1}–{rounds}",
            [per_round(rss, since)],
            unit="KB",
            target=Target(GROWTH_TARGET_KB),
            note="a round: switch interviews, highlight and code four passages and undo them, "
            "type notes and memo, Find, Search Everything, Speakers, Export and Coded "
            "Passages, docks, preview, zoom (bench/gui_soak.py). From round 1 to the last: "
            f"Python objects {first_last('python_objects')} "
            f"({per_round(soak['python_objects'], since):+.1f} per round at the end), "
            f"Qt objects wrapped {first_last('qt_wrappers')}, widgets {first_last('widgets')}, "
            f"timers {first_last('timers')}, undo commands {first_last('undo_commands')}, "
            f"open files {first_last('fds')}, threads {first_last('threads')}; "
            f"the types grown most: {kinds}",
        ),
    ]


if __name__ == "__main__":
    child_main(app=run_app)
