"""Alt+1..9, the codes used last (reader/ui/codebook/coding.py), as codes are merged and
the merge is undone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_highlights import select

ALT = Qt.KeyboardModifier.AltModifier


def alt_on(window: MainWindow, qtbot: Any, number: int, word: str) -> tuple[str, ...]:
    """`word` selected, Alt+`number`: the codes of the passage it made (none: ())."""
    text = window.interview.session.document.text
    select(window, qtbot, text.index(word), text.index(word) + len(word))
    before = {h.id for h in window.interview.session.notes.highlights}
    qtbot.keyClick(window.reader, getattr(Qt.Key, f"Key_{number}"), ALT)
    made = [h for h in window.interview.session.notes.highlights if h.id not in before]
    return made[0].codes if made else ()


def merge_work_into_drinks(window: MainWindow, qtbot: Any, dialogs: Any) -> list[str]:
    """Sleep, Drinks, Work coded (Alt+1 Work, Alt+2 Drinks, Alt+3 Sleep), then Work merged
    into Drinks; the ids of Work, Drinks and Sleep."""
    for word, name in (("coffee", "Sleep"), ("handover", "Drinks"), ("With", "Work")):
        code_with_keys(window, qtbot, word, name)
    hub, panel = window.codebook.hub, window.codebook.panel
    ids = [hub.book.find(name).id for name in ("Work", "Drinks", "Sleep")]  # type: ignore[union-attr]
    panel.set_current(ids[0])
    targets = [c.id for _, c in hub.book.tree() if c.id != ids[0]]
    dialogs.item_answers.append((targets.index(ids[1]), True))
    panel.merge_code()
    assert hub.book.find("Work") is None
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    return ids


def test_alt_numbers_stay_put_when_a_code_is_merged_into_one_listed(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Work merged into Drinks, both on the list: it became Drinks, Sleep, so Alt+3 had no
    code and a habitual Alt+2 applied Sleep. Each number keeps its code: Alt+1 is Drinks
    now too, Alt+2 Drinks, Alt+3 Sleep (then Alt+1, used last)."""
    window = make_study_window(folder)
    _work, drinks, sleep = merge_work_into_drinks(window, qtbot, dialogs)
    assert alt_on(window, qtbot, 3, "night") == (sleep,)
    assert alt_on(window, qtbot, 2, "start") == (drinks,)  # Sleep, Work's (Drinks), Drinks


def test_undoing_a_merge_gives_alt_numbers_back(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Edit ▸ Undo of the merge brought Work back but not its Alt+1, which stayed Drinks."""
    window = make_study_window(folder)
    work, _drinks, _sleep = merge_work_into_drinks(window, qtbot, dialogs)
    window.study.undo_stack.undo()
    assert window.codebook.hub.book.find("Work") is not None
    assert alt_on(window, qtbot, 1, "start") == (work,)
