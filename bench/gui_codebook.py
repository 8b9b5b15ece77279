"""Codebook child: the app with the coded study of bench/codebook_bench.py open (1,000
codes, 50,000 codings); the Codebook dock shown, the longest block of the GUI thread
until the study's counts are in (counted by a worker: every notes file read the first
time); then times applying a code to a passage in view, and taking it off, each to the
repaint of the reader and of the code tree; and File ▸ Export…, its dialog opened and The
whole study chosen (every code listed).

    python -m bench.gui_codebook app '{"folder": STUDY, "runs": 20}'
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import QApplication

from bench.gui import child_main, longest_block, main_window, settle

COUNTED_TIMEOUT_S = 120


def run_app(app: QApplication, folder: str, runs: int = 20) -> dict[str, Any]:
    window = main_window()
    window.show()
    assert window.study_actions.open_path(folder)
    # Hidden until `counting` shows it, as a user opens it: a Codebook shown at opening
    # counts the study at once, and the counts could be in before they were measured.
    window.codebook.dock.hide()
    # The study's texts load in a background thread after opening (for Search): measured
    # while it runs, every figure is the GIL's; wait for it as a user's first minute does.
    assert window.switcher.texts is not None
    window.switcher.texts.warm()
    codebook = window.codebook
    settle()  # the window as it is a moment after opening: restyled after its first paint
    counted = counting(window)
    settle()
    hub, reader = codebook.hub, window.reader
    middle = reader.session.notes.highlights[len(reader.session.notes.highlights) // 2]
    window.editing.go_to(middle.id)  # a page with passages on it
    settle()
    codable = [c.id for c in hub.book if c.codable]
    first, last = reader.highlights.visible_range()
    in_view = reader.session.highlights_overlapping(first, last)
    assert in_view, "no passage in view"
    tree = codebook.panel.view.viewport()

    def step(highlight_id: str, codes: tuple[str, ...]) -> float:
        start = time.perf_counter()
        hub.set_codes(highlight_id, codes)
        reader.viewport().repaint()
        tree.repaint()
        return time.perf_counter() - start

    applied, removed = [], []
    for run in range(runs):
        h = in_view[run % len(in_view)]
        before = reader.session.highlight(h.id)
        code = codable[(run * 37) % len(codable)]
        applied.append(step(h.id, (*before.codes, code)))
        settle()
        removed.append(step(h.id, before.codes))
        settle()
    return {"apply": applied, "remove": removed} | counted | opening_export(window, runs)


def counting(window: Any) -> dict[str, Any]:
    """The Codebook dock shown (its study's counts not known yet): the longest block of
    the GUI thread until the counts are in, and how long they took to come."""
    tally = window.codebook.hub.tally
    assert tally.counting
    start = time.perf_counter()
    dock = window.codebook.dock
    block = longest_block(
        COUNTED_TIMEOUT_S, lambda: (dock.show(), dock.raise_()), lambda: not tally.counting
    )
    assert not tally.counting, "the study's counts never came"
    return {"count_block": [block], "count_in": [time.perf_counter() - start]}


def opening_export(window: Any, runs: int) -> dict[str, Any]:
    """File ▸ Export… to the dialog's first paint, with this interview's codes; then The
    whole study chosen, to the repaint with every code the study uses."""
    from PySide6.QtWidgets import QDialog

    from reader.ui.exporting.export_dialog import ExportDialog

    opened: list[float] = []
    chosen: list[float] = []
    offered: list[int] = []
    start = [0.0]

    def exec_(dialog: ExportDialog) -> int:  # the user's part, done at once
        dialog.show()
        dialog.repaint()
        opened.append(time.perf_counter() - start[0])
        began = time.perf_counter()
        dialog.scope_combo.setCurrentIndex(1)
        dialog.repaint()
        chosen.append(time.perf_counter() - began)
        offered.append(dialog.code_list.model().rowCount())
        dialog.close()
        return QDialog.DialogCode.Rejected

    ExportDialog.exec = exec_  # type: ignore[method-assign]
    for _ in range(runs + 1):
        start[0] = time.perf_counter()
        window.window_actions.export.trigger()
        settle()
    # The first, unmeasured: its modules imported, its caches filled.
    return {"export_open": opened[1:], "export_study": chosen[1:], "export_codes": offered[-1]}


if __name__ == "__main__":
    child_main(app=run_app)
