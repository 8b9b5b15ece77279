"""Long lists of a study child: the app with a study of INTERVIEWS interviews of 60 KB (100
highlights each, a fifth of them coded), once its texts are loaded in the background for
search; the longest block of the GUI thread, and the time until the whole list is there:

- `retrieve`: Codes ▸ Retrieve Coded Passages on a code used in every interview, the first
  time (each passage placed in its interview's transcript: who says it, in which question);
- `search`: Search Everything, a word typed and Enter pressed, the first search (the
  interviews past the WARM loaded in the background are loaded by the search);
- `export`: the study exported as a REFI-QDA project (.qdpx), its file chosen, until the
  window says where it went (every transcript and notes file read, the file written).

    python -m bench.gui_study_lists retrieve '{"interviews": 300}'
    python -m bench.gui_study_lists search '{"interviews": 300}'
    python -m bench.gui_study_lists export '{"interviews": 300}'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from bench.gui import child_main, longest_block, main_window, run_event_loop, settle
from bench.gui_switch import write_study
from bench.proc import scratch_dir
from bench.table import Row, Target
from reader.core.codebook import tag_code_id

INTERVIEWS = 300
CODE = "method"  # make_highlights' tags: each is on passages of every interview
WORD = "rehearsal"
TIMEOUT_S = 120
BLOCK_TARGET_S = 0.1  # the window answers keys and repaints within a tenth of a second


def _study_window(interviews: int) -> Any:
    """The window on a new study of `interviews`, its texts loaded for search and its
    codings counted: what a search or a retrieval then does is all that is measured."""
    folder = write_study(interviews, scratch_dir("bench-lists-") / "study")
    window = main_window()
    window.show()
    assert window.study_actions.open_path(folder)
    settle()
    run_event_loop(TIMEOUT_S, until=lambda: window.switcher.texts.warmed)
    run_event_loop(1.0)  # the Codebook's counts, the collector
    return window


def _measured(start: Callable[[], object], done: Callable[[], bool]) -> dict[str, float]:
    began = time.perf_counter()
    block = longest_block(TIMEOUT_S, start, done)
    return {"longest_block_s": block, "total_s": time.perf_counter() - began}


def run_retrieve(app: QApplication, interviews: int = INTERVIEWS) -> dict[str, Any]:
    window = _study_window(interviews)
    codebook = window.codebook

    def done() -> bool:
        retrieval = codebook.retrieval
        return retrieval is not None and not retrieval.filling

    figures = _measured(lambda: codebook.retrieve(tag_code_id(CODE)), done)
    retrieval = codebook.retrieval
    return figures | {"rows": retrieval.list.topLevelItemCount(), "count": retrieval.count.text()}


def run_search(app: QApplication, interviews: int = INTERVIEWS) -> dict[str, Any]:
    window = _study_window(interviews)
    window.window_actions.search_everything.trigger()
    settle()
    panel = window.search_panel
    panel.edit.setText(WORD)

    def enter() -> None:
        QTest.keyClick(panel.edit, Qt.Key.Key_Return)

    figures = _measured(enter, lambda: not panel.scope.searching)
    return figures | {"rows": len(panel.result_items()), "count": panel.status.text()}


def run_export(app: QApplication, interviews: int = INTERVIEWS) -> dict[str, Any]:
    window = _study_window(interviews)
    target = scratch_dir("bench-qdpx-") / "study.qdpx"
    QFileDialog.getSaveFileName = lambda *_args, **_kwargs: (str(target), "")  # the user's
    said = window.statusBar().currentMessage

    def start() -> None:
        window.transfers.refi("qdpx", True, False)  # File ▸ Export…, the study, .qdpx

    figures = _measured(start, lambda: said().startswith("Exported to"))
    return figures | {"count": f"{target.stat().st_size / 1e6:.1f} MB written"}


def measure(run: Any) -> list[Row]:
    """bench/run.py's rows: the first retrieval and the first search of the study, and its
    export as a REFI-QDA project."""
    row_of = {
        "retrieve": ("Coded Passages of a code in every interview, the first time", "list"),
        "search": (f'Search Everything for "{WORD}", Enter pressed, the first search', "list"),
        "export": ("the study exported as a REFI-QDA project (.qdpx), its file chosen", "file"),
    }
    rows = []
    for mode, (name, whole) in row_of.items():
        result = run.child("gui_study_lists", mode)
        rows += [
            Row(
                "9. Studies",
                f"{name} ({INTERVIEWS} interviews): the longest GUI-thread block",
                [result["longest_block_s"]],
                "s",
                target=Target(BLOCK_TARGET_S),
                note=f"the whole {whole} in {result['total_s']:.2f} s: {result['count']}",
            )
        ]
    return rows


if __name__ == "__main__":
    child_main(retrieve=run_retrieve, search=run_search, export=run_export)
