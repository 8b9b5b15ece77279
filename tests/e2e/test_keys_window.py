"""Keys in a real window (`python main.py FOLDER` under Xvfb, Qt's Linux key bindings,
which the offscreen tests do not have)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_real_window import App, wait_for

# The skip when Xvfb or xdotool is missing, shared.
from tests.e2e.test_real_window import pytestmark as pytestmark
from tests.e2e.test_study_window import study_folder


def test_ctrl_e_in_the_library_filter_exports(display: str, tmp_path: Path) -> None:
    """Qt's fields on Linux took Ctrl+E for End: typed in a filter, it did nothing."""
    folder = study_folder(tmp_path)
    app = App(display, tmp_path, tmp_path / "unused.json", str(folder))
    try:
        wait_for(lambda: "Night shifts" in app.xdotool("getwindowname", app.window), 20)
        app.keys("ctrl+5", "ctrl+f")
        app.type("Ben")
        app.keys("ctrl+e")
        dialog = wait_for(lambda: app.xdotool("search", "--onlyvisible", "--name", "^Export$"))
        app.xdotool("windowfocus", "--sync", str(dialog).split()[0])
        app.xdotool("key", "Escape")
        wait_for(lambda: not app.xdotool("search", "--onlyvisible", "--name", "^Export$"))
        app.keys("ctrl+q")
        assert app.process.wait(30) == 0
    finally:
        if app.process.poll() is None:
            app.process.kill()
