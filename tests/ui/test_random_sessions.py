"""Random sessions: seeded runs of what users do, in any order, checked against what must
hold whatever the order. Highlights stay on their words; another program's write to the
notes merges in without losing a highlight or a line; a study opened again holds what the
window held; a code's highlights name only codes the study has.

Each seed is one session, kept small for `make test`. For a longer search:
RANDOM_SESSIONS=200 RANDOM_STEPS=120 pytest tests/ui/test_random_sessions.py
"""

from __future__ import annotations

import errno
import os
import random
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt

from reader.ui.persistence import saver
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import TEXT, select
from tests.ui.test_read_only_undo import activate

SESSIONS = int(os.environ.get("RANDOM_SESSIONS", "8"))
STEPS = int(os.environ.get("RANDOM_STEPS", "40"))
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
ARROWS = [Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down]
ARROWS += [Qt.Key.Key_Home, Qt.Key.Key_End]
COLOUR_KEYS = [Qt.Key.Key_H, *(Qt.Key(Qt.Key.Key_1 + n) for n in range(6))]
# Emoji, a combining mark and Hebrew: offsets in code points against Qt's UTF-16.
TALK = "Q: How do night shifts start, {n}? 🎬 e\u0301\nA: With coffee and the handover, שלום {n}.\n"

Highlights = list[tuple[object, ...]]


def highlights(window: MainWindow) -> Highlights:
    return sorted(
        (h.id, h.start, h.end, h.exact, h.color, h.codes, h.note)
        for h in window.interview.session.notes.highlights
    )


def word_starts(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if c.isalnum() and (i == 0 or not text[i - 1].isalnum())]


def mark_passage(window: MainWindow, qtbot: Any, rng: random.Random, op: str) -> None:
    """Select from a word's start with Shift+Right, then highlight, quote or code."""
    text = window.interview.session.document.text
    start = rng.choice(word_starts(text))
    select(window, qtbot, start, min(len(text), start + rng.randint(1, 25)))
    if op == "highlight":
        qtbot.keyClick(window.reader, rng.choice(COLOUR_KEYS))
    elif op == "quote":
        qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    else:
        qtbot.keyClick(window.reader, Qt.Key.Key_C)
        picker = window.codebook.coding.picker
        assert picker.isVisible()
        qtbot.keyClicks(picker.edit, rng.choice(["Light", "Time", "Place"]))
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)


def undo_in_reader(window: MainWindow, qtbot: Any, redo: bool) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT if redo else CTRL)


def type_notes(window: MainWindow, qtbot: Any, rng: random.Random) -> None:
    editor = window.notes_editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    words = rng.choice(["word ", "more ", "\n", "é 🎬 ", "שלום "])
    if words == "\n":
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    elif words.isascii():
        qtbot.keyClicks(editor, words)
    else:
        editor.insertPlainText(words)  # as a paste or an input method: QTest types ASCII


def delete_a_highlight(window: MainWindow, qtbot: Any, rng: random.Random) -> None:
    """The caret inside a highlight, Delete."""
    marks = window.interview.session.notes.highlights
    if not marks:
        return
    mark = rng.choice(marks)
    reader = window.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt((mark.start + mark.end) // 2))
    reader.setTextCursor(cursor)
    qtbot.keyClick(reader, Qt.Key.Key_Delete)


def write_from_outside(
    window: MainWindow, qtbot: Any, rng: random.Random, notes_path: Path, step: int
) -> None:
    """Another program (a sync tool, a second computer) adds a highlight and a line to
    the notes file, written whole by rename, once the window has saved; at times the user
    has changed something since, not yet saved. The window merges both in and keeps all
    of its own."""
    saver = window.interview.controller.saver
    if not notes_path.exists():  # nothing saved yet: a first highlight makes the file
        mark_passage(window, qtbot, rng, "highlight")
    # Read once the window's write has landed: a version read before it and written back
    # after it takes out what that write added, as another program's deletion would.
    qtbot.waitUntil(lambda: saver.state == "saved" and not saver.dirty, timeout=5000)
    if rng.random() < 0.5:
        mark_passage(window, qtbot, rng, "highlight")
    elif rng.random() < 0.5:
        type_notes(window, qtbot, rng)
    ours, typed = highlights(window), window.interview.research_notes()
    text = window.interview.session.document.text
    data = orjson.loads(notes_path.read_bytes())
    start = rng.choice(word_starts(text))
    end = min(len(text), start + rng.randint(1, 20))
    theirs = f"00000000-0000-4000-8000-{step:012d}"
    data["highlights"].append(
        {
            "id": theirs,
            "start": start,
            "end": end,
            "exact": text[start:end],
            "prefix": text[max(0, start - 32) : start],
            "suffix": text[end : end + 32],
            "color": "green",
            "note": "",
            "codes": [],
            "created": "2026-12-05T10:00:00Z",
            "modified": "2026-12-05T10:00:00Z",
        }
    )
    line = f"Their line {step}"
    data["notes"] += ("\n" if data["notes"] else "") + line
    written = notes_path.with_name("notes.json.part")
    written.write_bytes(orjson.dumps(data))
    written.replace(notes_path)
    qtbot.waitUntil(lambda: theirs in {h[0] for h in highlights(window)}, timeout=5000)
    qtbot.waitUntil(lambda: line in window.interview.research_notes(), timeout=5000)
    now, notes = highlights(window), window.interview.research_notes()
    assert [h for h in ours if h not in now] == []
    assert [typed_line for typed_line in typed.splitlines() if typed_line not in notes] == []


class FullDisk:
    """The writes of `module` (the notes' saver, the study) refused with ENOSPC while
    `full`: the edits stay in the window, said, and are saved once the disk has room."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: ModuleType = saver) -> None:
        self.full = False
        write = module.atomic_write

        def refused_while_full(*args: Any, **kwargs: Any) -> None:
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device")
            write(*args, **kwargs)

        monkeypatch.setattr(module, "atomic_write", refused_while_full)

    def refuse_a_save(self, window: MainWindow, qtbot: Any, rng: random.Random) -> None:
        """A highlight made while the disk is full: its save refused, and said."""
        mark_passage(window, qtbot, rng, "highlight")
        saving = window.interview.controller.saver
        qtbot.waitUntil(lambda: saving.state == "error", timeout=10_000)


def assert_on_their_words(window: MainWindow, done: list[str]) -> None:
    text = window.interview.session.document.text
    for h in window.interview.session.notes.highlights:
        assert text[h.start : h.end] == h.exact, done


@pytest.mark.parametrize("seed", range(SESSIONS))
def test_a_random_session_on_one_interview(
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    qtbot: Any,
    notes_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    monkeypatch.setattr(saver, "AUTOSAVE_DELAY_MS", 20)  # saved between steps at times
    monkeypatch.setattr(saver, "DEADLINE_MS", 50)
    monkeypatch.setattr(saver, "RETRY_MS", 50)  # a save the full disk refused: tried again
    disk = FullDisk(monkeypatch)
    doc = tmp_path / "film.txt"
    doc.write_text(TEXT * 3, "utf-8")
    window = make_window(doc)
    activate(window, qtbot)
    rng, done = random.Random(seed), []
    ops = ["highlight"] * 3 + ["quote", "code", "undo", "redo", "delete", "type", "outside"]
    ops += ["disk full", "disk freed"]
    for step in range(STEPS):
        op = rng.choice(ops)
        done.append(op)  # in the failure's message: the session to replay
        if op.startswith("disk") or op == "outside":
            disk.full = op == "disk full"  # a sync tool's write frees it first
        if op == "disk full":
            disk.refuse_a_save(window, qtbot, rng)
        elif op in ("highlight", "quote", "code"):
            mark_passage(window, qtbot, rng, op)
        elif op in ("undo", "redo"):
            undo_in_reader(window, qtbot, redo=op == "redo")
        elif op == "delete":
            delete_a_highlight(window, qtbot, rng)
        elif op == "type":
            type_notes(window, qtbot, rng)
        elif op == "outside":
            write_from_outside(window, qtbot, rng, notes_path, step)
        assert_on_their_words(window, done)
    disk.full = False
    held, typed = highlights(window), window.interview.research_notes()
    window.close()
    again = make_window(doc)
    assert (highlights(again), again.interview.research_notes()) == (held, typed), done


def every_interview(window: MainWindow, qtbot: Any) -> dict[str, tuple[Highlights, str]]:
    """Each interview's highlights and notes as the window holds them, from the first
    listed to the last (Ctrl+PgUp, Ctrl+PgDn)."""
    switcher = window.switcher

    def step(delta: int) -> None:
        before = switcher.current
        switcher.step(delta)
        qtbot.waitUntil(lambda: switcher.current != before, timeout=10_000)

    while switcher.neighbours(switcher.current)[1]:
        step(-1)
    held = {}
    while True:
        held[switcher.current] = highlights(window), window.interview.research_notes()
        if not switcher.neighbours(switcher.current)[0]:
            return held
        step(1)


def change_the_codebook(
    window: MainWindow, qtbot: Any, dialogs: Any, rng: random.Random, op: str
) -> None:
    """Ctrl+6, then Delete, a merge into the first code, or Ctrl+Z, on a random code."""
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_6, CTRL)
    panel = window.codebook.panel
    qtbot.waitUntil(panel.view.hasFocus)
    ids = [code.id for code in panel.hub.book.codes]
    if op == "undo codebook":
        qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    elif ids:
        panel.set_current(rng.choice(ids))
        if op == "delete code":
            qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
        elif len(ids) > 1:
            dialogs.item_answers.append((0, True))  # merged into the first code listed
            panel.merge_code()
    window.reader.setFocus()


def go_to_neighbour(window: MainWindow, qtbot: Any, forward: bool) -> bool:
    """Ctrl+PgDn or Ctrl+PgUp where there is a next or previous interview."""
    here = window.switcher.current
    after, before = window.switcher.neighbours(here)
    if not (after if forward else before):
        return False
    window.reader.setFocus()
    key = Qt.Key.Key_PageDown if forward else Qt.Key.Key_PageUp
    qtbot.keyClick(window.reader, key, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current != here, timeout=10_000)
    return True


def open_study_of(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot: Any, count: int
) -> tuple[MainWindow, Path]:
    """A window, active, on a study of `count` talks (P01 Ana, P02 Ben…), and its folder."""
    folder = tmp_path / "study"
    folder.mkdir()
    for name in ("P01 Ana", "P02 Ben", "P03 Cem", "P04 Dan")[:count]:
        (folder / f"{name}.txt").write_text(TALK.format(n=name) * 2, "utf-8")
    window = make_study_window(folder)
    activate(window, qtbot)
    return window, folder


@pytest.mark.parametrize("seed", range(SESSIONS))
def test_a_random_session_in_a_study(
    make_study_window: Callable[[Path], MainWindow],
    tmp_path: Path,
    qtbot: Any,
    dialogs: Any,
    seed: int,
) -> None:
    window, folder = open_study_of(make_study_window, tmp_path, qtbot, 3)
    rng, done = random.Random(seed), []
    left: dict[str, tuple[Highlights, str]] = {}  # each interview as it was last left
    memo = None
    ops = ["highlight", "highlight", "code", "quote", "undo", "redo", "type", "next"]
    ops += ["previous", "memo", "delete code", "merge code", "undo codebook"]
    for _ in range(STEPS):
        op = rng.choice(ops)
        done.append(op)
        if window.notes_pane.showing_memo() and op != "memo":
            qtbot.keyClick(window.notes_editor, Qt.Key.Key_7, CTRL)  # the interview's notes
        if op in ("highlight", "quote", "code"):
            mark_passage(window, qtbot, rng, op)
        elif op in ("undo", "redo"):
            undo_in_reader(window, qtbot, redo=op == "redo")
        elif op == "type":
            type_notes(window, qtbot, rng)
        elif op in ("next", "previous") and go_to_neighbour(window, qtbot, op == "next"):
            # As it was left: only a change of the codebook reaches an interview not open.
            now = highlights(window), window.interview.research_notes()
            assert left.get(window.switcher.current, now) == now, done
        elif op == "memo":
            if not window.notes_pane.showing_memo():
                window.reader.setFocus()
                qtbot.keyClick(window.reader, Qt.Key.Key_7, CTRL)
                qtbot.waitUntil(window.notes_editor.hasFocus)
            qtbot.keyClicks(window.notes_editor, rng.choice(["memo ", "theme "]))
            memo = window.notes_editor.toPlainText()
        else:
            change_the_codebook(window, qtbot, dialogs, rng, op)
            left.clear()  # a code's change reaches every interview's passages
        left[window.switcher.current] = highlights(window), window.interview.research_notes()
        assert_on_their_words(window, done)
    if window.notes_pane.showing_memo():
        qtbot.keyClick(window.notes_editor, Qt.Key.Key_7, CTRL)
    held = every_interview(window, qtbot)
    window.close()
    again = make_study_window(folder)
    assert every_interview(again, qtbot) == held, done
    if memo is not None:
        assert (folder / "memo.md").read_text("utf-8") == memo, done
    codes = {code["id"] for code in orjson.loads((folder / "study.json").read_bytes())["codes"]}
    for notes in (folder / "notes").glob("*.json"):
        for h in orjson.loads(notes.read_bytes())["highlights"]:
            assert set(h.get("codes", ())) <= codes, done


# A quote's link back, whole: its chip "↩ Q4" (a plain space in older notes) and target.
QUOTE_LINK = re.compile(r"\[↩[ \xa0][^\[\]]*\]\(#h-[0-9a-f-]{36}\)")
EDITING_KEYS = {
    "move": [(key, mods) for key in ARROWS for mods in (NONE, SHIFT)],
    "word": [(key, mods) for key in ARROWS[:2] for mods in (CTRL, CTRL | SHIFT)],
    "erase": [(Qt.Key.Key_Backspace, NONE), (Qt.Key.Key_Delete, NONE)],
    "clipboard": [(Qt.Key.Key_X, CTRL), (Qt.Key.Key_C, CTRL), (Qt.Key.Key_V, CTRL)],
    "undo": [(Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)],
    "format": [(Qt.Key.Key_B, CTRL), (Qt.Key.Key_Period, CTRL | SHIFT), (Qt.Key.Key_Return, NONE)],
}


def replace_in_notes(window: MainWindow, qtbot: Any, rng: random.Random) -> None:
    """Ctrl+H, a character to find (one of a link's too), Ctrl+H, a replacement (one a
    link's text cannot hold too), then Enter or Ctrl+Alt+Enter (all), and Escape."""
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_H, CTRL)
    bar = window.find_bar
    qtbot.waitUntil(lambda: bar.replace_row.isVisible() and bar.edit.hasFocus())
    bar.edit.selectAll()
    qtbot.keyClicks(bar.edit, rng.choice(["e", "-", "Q", "[", "(", "]", "#", "1"]))
    qtbot.keyClick(bar.edit, Qt.Key.Key_H, CTRL)
    bar.replace_row.edit.selectAll()
    qtbot.keyClicks(bar.replace_row.edit, rng.choice(["X", "", "[", ")"]))
    qtbot.keyClick(bar.replace_row.edit, Qt.Key.Key_Return, rng.choice([NONE, CTRL | ALT]))
    qtbot.keyClick(bar.replace_row.edit, Qt.Key.Key_Escape)


@pytest.mark.parametrize("seed", range(SESSIONS))
def test_a_random_session_of_notes_around_quotes(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: Any, seed: int
) -> None:
    """Quotes (Q) and keys in the notes: moving and selecting over the chips, erasing,
    cut and paste, undo, formatting, Find and Replace. No key leaves part of a quote's
    link behind."""
    doc = tmp_path / "film.txt"
    doc.write_text(TEXT * 2, "utf-8")
    window = make_window(doc)
    activate(window, qtbot)
    rng, done = random.Random(seed), []
    editor = window.notes_editor
    ops = ["quote", "type", "replace", *(kind for kind in EDITING_KEYS for _ in range(2))]
    ops += ["move", "move"]
    for _ in range(STEPS * 2):
        op = rng.choice(ops)
        done.append(op)
        if op == "quote":
            mark_passage(window, qtbot, rng, op)
            continue
        editor.setFocus()
        qtbot.waitUntil(editor.hasFocus)
        if op == "type":
            qtbot.keyClicks(editor, rng.choice(["ab", "word ", "x-y"]))
        elif op == "replace":
            replace_in_notes(window, qtbot, rng)
        else:
            qtbot.keyClick(editor, *rng.choice(EDITING_KEYS[op]))
        notes = window.interview.research_notes()
        left = QUOTE_LINK.sub("", notes)
        assert "↩" not in left and "(#h-" not in left, (done, notes)
    notes = window.interview.research_notes()
    window.close()
    assert make_window(doc).interview.research_notes() == notes, done
