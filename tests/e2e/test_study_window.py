"""A study built in a real window (`python main.py FOLDER` under Xvfb) with real key
presses: interviews switched, renamed, reordered, annotated; then the files on disk."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_real_window import App, saved, wait_for

# The skip when Xvfb or xdotool is missing, shared.
from tests.e2e.test_real_window import pytestmark as pytestmark

TALKS = {
    "P1 Ana.txt": "Q: How do night shifts start?\nA: With coffee and the handover.\n",
    "P2 Ben.txt": "Q: What is hardest?\nA: The hour before dawn, when nobody talks.\n",
    "P3 Cem.txt": "Q: And the patients?\nA: They sleep, mostly; some ask for coffee.\n",
}


def study_folder(tmp_path: Path) -> Path:
    """A folder of the three TALKS, to open as a study."""
    folder = tmp_path / "Night shifts – Ünïcode"
    folder.mkdir()
    for name, text in TALKS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_study_of_three_interviews_built_with_keys(display: str, tmp_path: Path) -> None:
    folder = study_folder(tmp_path)
    study_file = folder / "study.json"
    app = App(display, tmp_path, tmp_path / "unused.json", str(folder))
    try:
        wait_for(lambda: "Night shifts" in app.xdotool("getwindowname", app.window), 20)
        assert not study_file.exists()  # opening writes nothing
        # The library has the focus: the second interview, then notes on it.
        app.keys("ctrl+5", "Down", "Return")
        wait_for(lambda: "P2 Ben" in app.xdotool("getwindowname", app.window), 10)
        app.keys("ctrl+2")
        app.type("Ben talks about dawn")
        ben_notes = wait_for(lambda: next((folder / "notes").glob("p2-ben-*.json"), None))
        wait_for(lambda: saved(ben_notes).get("notes") == "Ben talks about dawn")
        # Rename it in the library with F2.
        app.keys("ctrl+5", "F2", "ctrl+a")
        app.type("Ben the porter")
        app.keys("Return")
        wait_for(
            lambda: (
                [i["title"] for i in saved(study_file).get("interviews", [])][1:2]
                == ["Ben the porter"]
            )
        )
        # The next interview with Ctrl+PgDn, and a highlight on its first line.
        app.keys("ctrl+1", "ctrl+Next")
        wait_for(lambda: "P3 Cem" in app.xdotool("getwindowname", app.window), 10)
        app.keys("ctrl+Home", "shift+End", "h")
        cem_notes = wait_for(lambda: next((folder / "notes").glob("p3-cem-*.json"), None))
        wait_for(lambda: saved(cem_notes).get("highlights"))
        # Move it up with Alt+Up in the library: before Ben.
        app.keys("ctrl+5", "alt+Up")
        wait_for(
            lambda: (
                [i["title"] for i in saved(study_file)["interviews"]]
                == ["P1 Ana", "P3 Cem", "Ben the porter"]
            )
        )
        app.keys("ctrl+q")
        assert app.process.wait(30) == 0
    finally:
        if app.process.poll() is None:
            app.process.kill()
    study = saved(study_file)
    assert study["format"] == "interview-reader-study"
    assert [i["path"] for i in study["interviews"]] == ["P1 Ana.txt", "P3 Cem.txt", "P2 Ben.txt"]
    assert saved(ben_notes)["notes"] == "Ben talks about dawn"
    (highlight,) = saved(cem_notes)["highlights"]
    # The line selected whole is highlighted from its first word said: "Q: " stays out.
    assert highlight["start"] == 3 and highlight["exact"] == "And the patients?"
    assert not (folder / "study.json.lock").exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted([*TALKS, "notes", "study.json"])
