"""The benchmarks' window children, run at a toy size: they drive the app through its API
(`window_actions`, the switcher, the saver, Fill Participants), and `make bench` runs too seldom
to be the first to find that API changed (renaming `MainWindow.actions` broke two of them,
found only when the benchmarks were run). Nothing here is timed. The codebook's child is
left out: it measures a study's counts while they are still coming, which at a toy size
they no longer are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.data import make_highlights
from bench.proc import child_env, run_child
from bench.recording_bench import write_recording
from reader.core.document import load_document
from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.resources import BUNDLED_INTERVIEW


def small_notes(folder: Path) -> Path:
    """Twenty highlights on the bundled interview."""
    document = load_document(BUNDLED_INTERVIEW)
    notes = NotesData(document.meta(), highlights=make_highlights(document.text, 20))
    save_notes(folder / "notes.json", notes)
    return folder / "notes.json"


def children(tmp: Path) -> dict[str, tuple[str, str, dict[str, Any]]]:
    doc = str(BUNDLED_INTERVIEW)
    timed, audio = write_recording(tmp / "recording", seconds=2)
    return {
        "startup": ("startup", "app", {"argv": ["--notes", str(small_notes(tmp))]}),
        "startup reader": ("startup", "reader", {"doc": doc, "notes": str(small_notes(tmp))}),
        "scale": (
            "gui_scale",
            "app",
            {"doc": doc, "notes": str(small_notes(tmp)), "runs": 1, "interact": True},
        ),
        "memory": ("gui_memory", "app", {"doc": doc, "notes": str(small_notes(tmp)), "cycles": 2}),
        "switch": ("gui_switch", "app", {"runs": 1}),
        "participants": ("gui_participants", "cold", {"count": 3}),
        "soak": ("gui_soak", "app", {"rounds": 2, "interviews": 3}),
        "recording": (
            "recording_bench",
            "app",
            {"doc": str(timed), "audio": str(audio), "notes": str(tmp / "timed.json")},
        ),
    }


@pytest.mark.parametrize(
    "name",
    ["startup", "startup reader", "scale", "memory", "switch", "participants", "soak", "recording"],
)
def test_a_benchmark_child_runs_the_app_to_its_end(name: str, tmp_path: Path) -> None:
    module, mode, options = children(tmp_path)[name]
    result = run_child(module, mode, options, child_env(tmp_path / "home"))
    assert isinstance(result, dict) and result
    if name == "startup":  # every stage the start-up table adds up (a first start maximized
        # on a small screen went by no show(), and the bench stopped on a KeyError)
        from bench.run import STAGES

        assert {s for _, app, _ in STAGES for s in app} <= set(result["stages_s"])
