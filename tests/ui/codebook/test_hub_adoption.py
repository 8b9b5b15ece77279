"""Codes an interview's notes use that the study's codebook lacks (reader/ui/codebook/hub.py,
core code_adoption.py), as a user meets them: the interview opens, the Codebook lists them,
study.json keeps them with the same ids, the banner says so once; a study that cannot be
written is left as it was."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import QModelIndex, Qt

from reader.core.annotations import make_highlight
from reader.core.codebook import Code, Codebook
from reader.core.notes_file import parse
from reader.core.read_only import ReadOnly
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys, notes_of, study_json
from tests.ui.test_highlights import wait_saved
from tests.ui.test_read_only_undo import activate

CTRL = Qt.KeyboardModifier.ControlModifier
GHOST = "9f3c2a10-aaaa-4bbb-8ccc-000000000000"  # in no codebook at all
BELONGING = Code("b0000000-0000-4000-8000-000000000001", "Belonging", "#123456", "*Home*.")
# Another study's Work: not the study's, though of the same name.
OTHER_WORK = Code("b0000000-0000-4000-8000-000000000002", "Work", "#654321")
ADDED = "3 codes of “P02 Ben”’s notes were not in the study's codebook and were added to it"
UNKNOWN_NOTICE = "added as “Unknown code …”"


def coded_elsewhere(folder: Path) -> str:
    """The study has a code Work; P02 Ben's notes (coded alone, or copied in) carry
    Belonging and another Work, which their own codebook names, and an id in no codebook.
    The id of P02 Ben."""
    study = open_study(folder)
    study.writable_codebook().create("Work")
    study.save()
    entry = study.interviews[1]
    session = study.open_session(entry)
    text = session.document.text
    for word, codes in (("dawn", (BELONGING.id, GHOST)), ("nobody", (OTHER_WORK.id,))):
        start = text.index(word)
        session.add_highlight(make_highlight(text, start, start + len(word)).edited(codes=codes))
    session.notes.codebook = Codebook([BELONGING, OTHER_WORK])
    save_notes(study.notes_path(entry), session.notes)
    return entry.id


def next_interview(window: MainWindow, qtbot: Any) -> None:
    """Ctrl+PgDn, as a user goes to the next interview."""
    before = window.switcher.current
    activate(window, qtbot)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current != before)


def dock_names(window: MainWindow) -> list[str]:
    """The names the Codebook's tree shows, depth first."""
    model, names = window.codebook.panel.model, []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            names.append(model.data(index))
            walk(index)

    walk(QModelIndex())
    return names


def opens_as_before(window: MainWindow, qtbot, folder: Path, ben: str, before: bytes) -> None:
    """A study that cannot be written here: the interview opens, its codes stay its own
    (the notice of unknown codes said as loaded), study.json unchanged."""
    next_interview(window, qtbot)
    assert window.switcher.current == ben
    assert UNKNOWN_NOTICE in window.banner.text() and ADDED not in window.banner.text()
    assert dock_names(window) == ["Work"]
    assert (folder / "study.json").read_bytes() == before


def test_opening_adopts_the_codes_once_and_retrieval_finds_them(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot, dialogs
) -> None:
    ben = coded_elsewhere(folder)
    window = make_study_window(folder)
    assert window.switcher.current != ben
    next_interview(window, qtbot)
    assert window.switcher.current == ben
    banner = window.banner.text()
    assert f"{ADDED}: “Belonging”, “Work (P02 Ben)”, “Unknown code 9f3c2a10”." in banner
    assert UNKNOWN_NOTICE not in banner  # said once, by the adoption
    assert dock_names(window) == [
        "Work",
        "Belonging",
        "Work (P02 Ben)",
        "Unknown code 9f3c2a10",
    ]
    # study.json holds them with the ids the passages carry.
    codes = {c["id"]: c for c in study_json(folder)["codes"]}
    assert codes[BELONGING.id] | {"parent": ""} == BELONGING.to_json()
    assert codes[OTHER_WORK.id]["name"] == "Work (P02 Ben)"
    assert codes[OTHER_WORK.id]["color"] == "#654321"
    assert (codes[GHOST]["name"], codes[GHOST]["color"]) == ("Unknown code 9f3c2a10", "#888888")
    # The notes file's own copy names them as the study does.
    data = wait_saved(qtbot, folder / "notes" / f"{ben}.json", lambda d: len(d["codes"]) == 4)
    assert {c["id"]: c["name"] for c in data["codes"]}[OTHER_WORK.id] == "Work (P02 Ben)"
    # Retrieve Coded Passages finds the passage by the adopted code.
    panel = window.codebook.panel
    panel.set_current(OTHER_WORK.id)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)  # Enter retrieves
    retrieval = window.codebook.retrieval
    assert [(p.title, p.highlight.exact) for p in retrieval.passages] == [("P02 Ben", "nobody")]
    retrieval.close()
    # Opening it again, in a window of its own, says nothing of codes.
    written = (folder / "study.json").read_bytes()
    window.close()
    again = make_study_window(folder)
    if again.switcher.current != ben:
        again.switcher.open(ben)
    assert "codebook" not in again.banner.text() and "Unknown" not in again.banner.text()
    assert (folder / "study.json").read_bytes() == written


def test_a_study_another_window_has_is_left_as_it_was(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot, dialogs
) -> None:
    ben = coded_elsewhere(folder)
    before = (folder / "study.json").read_bytes()
    make_study_window(folder)  # on the first interview
    second = make_study_window(folder)  # read-only here
    assert second.study.read_only
    next_interview(second, qtbot)
    assert second.switcher.current == ben
    assert UNKNOWN_NOTICE in second.banner.text() and ADDED not in second.banner.text()
    assert dock_names(second) == ["Work"]
    assert (folder / "study.json").read_bytes() == before
    assert len(notes_of(folder, ben)["codes"]) == 2  # the notes file as it was


def test_a_study_folder_that_cannot_be_written_is_left_as_it_was(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot,
    dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As a shared folder only readable here: the tests run as any user (root too), so
    the folder is refused where the app asks."""
    ben = coded_elsewhere(folder)
    before = (folder / "study.json").read_bytes()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != folder and real(p, mode))
    window = make_study_window(folder)
    # Read-only, and why, where every change would have failed at its save (a read-only
    # disk or share, found by the lifecycle review).
    assert window.study.read_only_cause is ReadOnly.STUDY_FOLDER
    assert ReadOnly.STUDY_FOLDER.value in window.banner.text()
    opens_as_before(window, qtbot, folder, ben, before)


@pytest.mark.permissions
def test_a_study_folder_made_read_only_is_left_as_it_was(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot, dialogs
) -> None:
    """For real, as an ordinary user: the folder cannot take study.json, its notes/ can."""
    ben = coded_elsewhere(folder)
    before = (folder / "study.json").read_bytes()
    folder.chmod(0o555)
    try:
        opens_as_before(make_study_window(folder), qtbot, folder, ben, before)
    finally:
        folder.chmod(0o755)


def test_a_code_another_program_brings_to_the_open_interview_is_adopted(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot, dialogs
) -> None:
    study = open_study(folder)
    entry = study.interviews[0]
    session = study.open_session(entry)
    text = session.document.text
    session.add_highlight(make_highlight(text, 0, 2))
    save_notes(study.notes_path(entry), session.notes)
    window = make_study_window(folder)
    assert window.switcher.current == entry.id
    # A sync tool brings the notes as coded on another machine.
    theirs = parse(study.notes_path(entry).read_bytes())
    start = text.index("coffee")
    coded = make_highlight(text, start, start + len("coffee")).edited(codes=(BELONGING.id,))
    theirs.highlights.append(coded)
    theirs.codebook = Codebook([BELONGING])
    save_notes(study.notes_path(entry), theirs)
    qtbot.waitUntil(lambda: BELONGING.id in window.codebook.hub.book, timeout=5000)
    assert "“Belonging”" in window.statusBar().currentMessage()
    assert dock_names(window) == ["Belonging"]
    assert orjson.loads((folder / "study.json").read_bytes())["codes"][0]["id"] == BELONGING.id


def test_a_new_code_undone_then_adopted_by_its_passage_redoes_quietly(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot, dialogs
) -> None:
    """New Code, a passage coded with it, the code's creation undone (the passage goes
    with it); the interview's notes put back by another program as they were, coded with
    it: back to the interview, the study adopts it. Redo of New Code finds it there and
    is no refusal, and its Undo takes it out again."""
    window = make_study_window(folder)
    first = window.switcher.current
    code_with_keys(window, qtbot, "coffee", "Drinks")
    drinks = window.codebook.hub.book.find("Drinks").id
    coded = wait_saved(qtbot, folder / "notes" / f"{first}.json", lambda d: d["highlights"])
    stack = window.study.undo_stack
    assert stack.undoText() == "New Code"
    stack.undo()
    assert drinks not in window.codebook.hub.book
    next_interview(window, qtbot)
    (folder / "notes" / f"{first}.json").write_bytes(orjson.dumps(coded))
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, CTRL)
    qtbot.waitUntil(lambda: drinks in window.codebook.hub.book)
    assert "“Drinks”." in window.banner.text()
    stack.redo()
    assert "already" not in window.banner.text() and stack.undoText() == "New Code"
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks"]


def test_notes_whose_copy_lacks_a_code_the_study_has_open_with_nothing_said(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot, dialogs
) -> None:
    """A notes file written before the study's codebook had the code (its copy behind):
    loading calls it an unknown code, but the study knows it; nothing to say or adopt,
    and the notes' copy is brought up to date."""
    study = open_study(folder)
    work = study.writable_codebook().create("Work")
    study.save()
    entry = study.interviews[1]
    session = study.open_session(entry)
    text = session.document.text
    start = text.index("dawn")
    session.add_highlight(make_highlight(text, start, start + 4).edited(codes=(work.id,)))
    session.notes.codebook = Codebook()
    save_notes(study.notes_path(entry), session.notes)
    before = (folder / "study.json").read_bytes()
    window = make_study_window(folder)
    next_interview(window, qtbot)
    assert window.switcher.current == entry.id
    assert "Unknown" not in window.banner.text() and "codebook" not in window.banner.text()
    assert (folder / "study.json").read_bytes() == before
    data = wait_saved(qtbot, study.notes_path(entry), lambda d: d["codes"])
    assert [c["name"] for c in data["codes"]] == ["Work"]


def test_an_interview_only_looked_at_gets_no_notes_file_for_the_codebooks_copy(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Found by the study review: once the study had a code, each interview merely opened
    got a notes file holding the codebook's copy (the README: opening writes nothing)."""
    window = make_study_window(folder)
    assert window.codebook.hub.create("Shift") is not None
    study = window.study.study
    assert study is not None
    ben = study.interviews[1]
    window.switcher.open(ben.id)
    qtbot.waitUntil(lambda: window.switcher.current == ben.id)
    window.switcher.open(study.interviews[0].id)
    qtbot.waitUntil(lambda: window.switcher.current == study.interviews[0].id)
    assert not study.notes_path(ben).exists()
    window.switcher.open(ben.id)  # its first change writes it, with the copy
    qtbot.waitUntil(lambda: window.switcher.current == ben.id)
    window.notes_editor.insertPlainText("Ben talks of dawn.")
    assert window.interview.flush()
    written = orjson.loads(study.notes_path(ben).read_bytes())["codes"]
    assert "Shift" in str(written)


def test_notes_only_looked_at_are_not_written_for_a_code_they_do_not_carry(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Their copy of the codebook lacked a code made later, which none of their passages
    carries: opening them rewrote the file, and in a folder that cannot be written, going
    to the next interview asked whether to let unsaved notes go (found by a review)."""
    window = make_study_window(folder)
    first = window.switcher.current
    code_with_keys(window, qtbot, "coffee", "Drinks")
    path = wait_saved(qtbot, folder / "notes" / f"{first}.json", lambda d: d["highlights"])
    next_interview(window, qtbot)
    assert window.codebook.hub.create("Later") is not None
    window.close()
    notes = folder / "notes" / f"{first}.json"
    before = notes.read_bytes()
    assert "Later" not in before.decode("utf-8") and path["codes"]
    window = make_study_window(folder)
    window.switcher.open(first)
    qtbot.waitUntil(lambda: window.switcher.current == first)
    assert [c.name for c in window.interview.session.notes.codebook] == ["Drinks", "Later"]
    next_interview(window, qtbot)
    window.close()
    assert notes.read_bytes() == before and not dialogs.shown


def test_codings_another_window_or_a_sync_tool_writes_are_counted(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """A colleague's codings of another interview came in by a sync tool while the study
    was open: the Codebook's counts (and its CSV) stayed as first read, where Retrieve
    found them (found by a review)."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    hub = window.codebook.hub
    drinks = hub.book.find("Drinks")
    assert drinks is not None and hub.counts() == {drinks.id: 1}
    study = open_study(folder)
    entry = study.interviews[1]
    session = study.open_session(entry)
    text = session.document.text
    start = text.index("dawn")
    session.add_highlight(make_highlight(text, start, start + 4).edited(codes=(drinks.id,)))
    session.notes.codebook = study.codebook.copy()
    save_notes(study.notes_path(entry), session.notes)  # as a sync tool brings it
    qtbot.waitUntil(lambda: hub.counts() == {drinks.id: 2}, timeout=5000)
    model, row = window.codebook.panel.model, hub.book.codes.index(drinks)
    assert model.data(model.index(row, 1)) == "2"
