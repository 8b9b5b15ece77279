"""The Annotations panel across a study: this interview or every one, narrowed by
interview, colour, code and attribute; a row of another interview opens it at the
highlight; the other interviews' highlights are read from their notes files alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from reader.core.annotations import make_highlight
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.ui.annotations.panel import AnnotationsPanel
from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.conftest import TALKS

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

# (interview, word, colour, code names, note) for each highlight written before opening.
MARKS = [
    (0, "coffee", "yellow", ("drinks",), ""),
    (0, "handover", "green", (), "the shift change"),
    (1, "dawn", "green", ("time",), ""),
    (2, "patients", "blue", (), ""),
    (2, "coffee", "yellow", ("drinks",), "again"),
]


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path) -> MainWindow:
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["nurse", "porter"])
    book = study.writable_codebook()
    codes = {name: book.create(name).id for name in ("drinks", "time")}
    for i, entry in enumerate(study.interviews):
        study.set_attribute(entry.id, "role", "porter" if i == 2 else "nurse")
        session = study.open_session(entry)
        text = session.document.text
        for _, word, color, names, note in [m for m in MARKS if m[0] == i]:
            start = text.index(word)
            highlight = make_highlight(text, start, start + len(word), color)
            session.add_highlight(highlight.edited(codes=tuple(codes[n] for n in names), note=note))
        save_notes(study.notes_path(entry), session.notes)
    study.save()
    window = make_study_window(folder)
    window.window_actions.focus_annotations.trigger()
    return window


def quotes(panel: AnnotationsPanel) -> list[str]:
    return [panel._model.rows[r].highlight.exact for r in range(len(panel._model.rows))]


def pick(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def test_this_interview_then_the_whole_study_in_its_order(window: MainWindow) -> None:
    panel = window.annotations
    assert panel.study.bar.isVisible()
    assert not panel.study.attribute.isVisible()  # only across the study
    assert quotes(panel) == ["coffee", "handover"]
    assert panel.count_text() == "2 highlights, 1 coded"
    pick(panel.study.scope, "All interviews")
    assert quotes(panel) == ["coffee", "handover", "dawn", "patients", "coffee"]
    assert panel.count_text() == "5 highlights, 3 coded"
    places = [panel._model.rows[r].place for r in range(5)]
    assert places[0].startswith("P01 Ana · ") and places[2:] == ["P02 Ben", "P10 Cem", "P10 Cem"]
    assert panel.study.attribute.isVisible()


def test_narrowed_by_interview_colour_code_and_attribute(window: MainWindow) -> None:
    panel = window.annotations
    pick(panel.study.scope, "All interviews")
    pick(panel.color_filter, "Method")  # green
    assert quotes(panel) == ["handover", "dawn"]
    assert panel.count_text() == "2 of 5"
    pick(panel.color_filter, "All colours")
    pick(panel.tag_filter, "drinks")
    assert quotes(panel) == ["coffee", "coffee"]
    pick(panel.study.attribute, "Role: porter")
    assert quotes(panel) == ["coffee"]
    assert panel._model.rows[0].highlight.note == "again"
    pick(panel.tag_filter, "time")  # a code only another interview has is offered too
    assert quotes(panel) == []  # (Role: porter still)
    pick(panel.study.attribute, "Any attribute value")
    assert quotes(panel) == ["dawn"]
    pick(panel.tag_filter, "All codes")
    pick(panel.study.scope, "P02 Ben")
    assert quotes(panel) == ["dawn"]
    assert panel.count_text() == "1 of 5"


def test_enter_on_another_interviews_row_opens_it_at_the_highlight(
    window: MainWindow, qtbot: Any
) -> None:
    panel = window.annotations
    pick(panel.study.scope, "All interviews")
    ben = window.library.model.rows[1].id
    row = quotes(panel).index("dawn")
    panel.view.setCurrentIndex(panel._rows.index(row, 0))
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.switcher.current == ben
    assert window.reader.current_highlight_id == panel.current_id()
    assert window.interview.session.highlight(panel.current_id()).exact == "dawn"
    # Still the whole study, now with Ben's highlights as the open interview's.
    assert quotes(panel) == ["coffee", "handover", "dawn", "patients", "coffee"]
    assert panel._model.rows[row].place.startswith("P02 Ben · ")


def on_disk(qtbot: Any, window: MainWindow, wanted: list[list[str]]) -> None:
    """Each interview's notes file, in the study's order, holds the highlights of `wanted`
    (their words, in order): the open one's once its saver has written them."""
    study = window.study.study
    assert study is not None

    def words() -> list[list[str]]:
        files = [orjson.loads(study.notes_path(e).read_bytes()) for e in study.interviews]
        return [[h["exact"] for h in notes["highlights"]] for notes in files]

    qtbot.waitUntil(lambda: words() == wanted, timeout=10_000)


def delete_one_of_each(panel: AnnotationsPanel, qtbot: Any) -> None:
    """In the list of all interviews, Ana's "handover" (open), Ben's "dawn" and Cem's
    "patients" chosen with Shift+Down, and Delete."""
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)  # Ana's "handover", open
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, SHIFT)  # Ben's "dawn"
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, SHIFT)  # Cem's "patients"
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)


def test_delete_across_interviews_is_one_step_undone_and_redone_in_every_file(
    window: MainWindow, qtbot: Any
) -> None:
    """Rows of three interviews chosen with Shift+Down: Delete said "Open its interview
    (Enter) to delete it there" and deleted none, each to be opened and deleted apart, and
    undone apart. Now Delete takes them all out of their notes files as one step; Ctrl+Z
    puts each back in its file, Ctrl+Shift+Z takes them out again."""
    from tests.ui.test_read_only_undo import activate

    before = [["coffee", "handover"], ["dawn"], ["patients", "coffee"]]
    on_disk(qtbot, window, before)
    panel = window.annotations
    pick(panel.study.scope, "All interviews")
    activate(window, qtbot)
    delete_one_of_each(panel, qtbot)
    after = [["coffee"], [], ["coffee"]]
    on_disk(qtbot, window, after)
    qtbot.waitUntil(lambda: quotes(panel) == ["coffee", "coffee"])
    assert "3 highlights deleted" in window.statusBar().currentMessage()
    assert window.window_actions.undo.text().replace("&", "") == "Undo Delete 3 Highlights"
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    on_disk(qtbot, window, before)
    qtbot.waitUntil(lambda: quotes(panel) == ["coffee", "handover", "dawn", "patients", "coffee"])
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL | SHIFT)
    on_disk(qtbot, window, after)
    qtbot.waitUntil(lambda: quotes(panel) == ["coffee", "coffee"])
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    on_disk(qtbot, window, before)


def test_a_delete_across_interviews_says_the_quotes_it_leaves_leading_nowhere(
    window: MainWindow, qtbot: Any
) -> None:
    """Ben's notes quote his "dawn" twice, Cem's his "patients" once, Ana's (open) her
    "handover": deleted together from Ana's list, only Ana's quote was said to lead nowhere
    now. One status line says how many in whose notes, and Ctrl+Z brings the highlights
    back to them."""
    from tests.ui.test_read_only_undo import activate

    study = window.study.study
    assert study is not None
    _, ben, cem = study.interviews
    for entry, word, times in ((ben, "dawn", 2), (cem, "patients", 1)):
        data = orjson.loads(study.notes_path(entry).read_bytes())
        (quoted,) = (h["id"] for h in data["highlights"] if h["exact"] == word)
        data["notes"] = " ".join([f"[↩ {word}](#h-{quoted})"] * times)
        study.notes_path(entry).write_bytes(orjson.dumps(data))
    panel = window.annotations
    pick(panel.study.scope, "All interviews")
    activate(window, qtbot)
    handover = next(
        h.id for h in window.interview.session.notes.highlights if h.exact == "handover"
    )
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, f"[handover](#h-{handover})")
    delete_one_of_each(panel, qtbot)
    on_disk(qtbot, window, [["coffee"], [], ["coffee"]])
    assert window.statusBar().currentMessage() == (
        f"Highlights deleted: 4 quotes in your notes (1), the notes of “{ben.title}” (2) and "
        f"the notes of “{cem.title}” (1) lead nowhere now. Edit ▸ Undo brings them back."
    )
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    on_disk(qtbot, window, [["coffee", "handover"], ["dawn"], ["patients", "coffee"]])
    assert "dawn](#h-" in orjson.loads(study.notes_path(ben).read_bytes())["notes"]


def test_a_highlight_added_here_joins_the_study_list_in_place(window: MainWindow) -> None:
    panel = window.annotations
    pick(panel.study.scope, "All interviews")
    text = window.interview.session.document.text
    start = text.index("night")
    window.interview.controller.add_highlight(start, start + 5, "yellow")
    assert quotes(panel) == ["night", "coffee", "handover", "dawn", "patients", "coffee"]


def test_a_missing_transcripts_highlights_are_listed_from_its_notes(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    (folder / "P10 Cem.txt").unlink()
    window.study.check_disk()
    panel = window.annotations
    pick(panel.study.scope, "P10 Cem")
    assert quotes(panel) == ["patients", "coffee"]
    assert all(panel._model.rows[r].place == "P10 Cem" for r in range(2))


def test_the_count_names_coded_passages_apart_from_highlights(window: MainWindow, qtbot) -> None:
    """A passage only coded (no colour) is no highlight: the count says how many of the
    passages it lists are highlighted, how many coded."""
    from tests.ui.test_codebook import code_with_keys

    panel = window.annotations
    code_with_keys(window, qtbot, "night", "time")  # a plain selection, C, a code, Enter
    qtbot.waitUntil(lambda: panel.count_text() == "3 passages: 2 highlighted, 2 coded")
    pick(panel.study.scope, "All interviews")
    assert panel.count_text() == "6 passages: 5 highlighted, 4 coded"
    pick(panel.study.scope, "This interview")
    for highlight_id in [h.id for h in window.interview.session.notes.highlights if h.color]:
        window.editing.delete(highlight_id)
    qtbot.waitUntil(lambda: panel.count_text() == "1 coded passage")


def test_the_open_interviews_rows_say_when_and_who_across_the_study(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    """Across a study the open interview's rows say their question, time and speaker too;
    another interview's say its title alone, as its transcript is not read to list them."""
    folder = tmp_path / "housing"
    folder.mkdir()
    (folder / "A Okonkwo.txt").write_bytes((DATA / "journalist" / "okonkwo-otter.txt").read_bytes())
    (folder / "B Ben.txt").write_text(TALKS["P02 Ben.txt"], "utf-8")
    study = open_study(folder)
    for entry, word in zip(study.interviews, ("My mum's flat", "dawn"), strict=True):
        session = study.open_session(entry)
        start = session.document.text.index(word)
        session.add_highlight(make_highlight(session.document.text, start, start + 5, "yellow"))
        save_notes(study.notes_path(entry), session.notes)
    study.save()
    window = make_study_window(folder)
    window.window_actions.focus_annotations.trigger()
    panel = window.annotations
    assert [panel._model.rows[0].place] == ["Q3 · 1:02:09 · Ade Okonkwo"]
    pick(panel.study.scope, "All interviews")
    places = [panel._model.rows[r].place for r in range(2)]
    assert places == ["A Okonkwo · Q3 · 1:02:09 · Ade Okonkwo", "B Ben"]


def test_an_interview_set_aside_with_its_history_follows_a_delete_across_and_its_undo(
    window: MainWindow, qtbot: Any
) -> None:
    """Ben opened (his history kept as he is left), then Ana's and Ben's highlights deleted
    from Ana's list, Ben opened to see, Ana again and Ctrl+Z: Ben's file and his notes as
    he opens again have "dawn" back, and Ana's "handover"."""
    from tests.ui.test_read_only_undo import activate

    ana, ben = (row.id for row in window.library.model.rows[:2])
    activate(window, qtbot)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)  # Ben, then back to Ana
    qtbot.waitUntil(lambda: window.switcher.current == ben)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current == ana)
    panel = window.annotations
    pick(panel.study.scope, "All interviews")
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)  # Ana's "handover"
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, SHIFT)  # Ben's "dawn"
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    on_disk(qtbot, window, [["coffee"], [], ["patients", "coffee"]])
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current == ben)
    assert window.interview.session.notes.highlights == []
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current == ana)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    on_disk(qtbot, window, [["coffee", "handover"], ["dawn"], ["patients", "coffee"]])
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current == ben)
    assert [h.exact for h in window.interview.session.notes.highlights] == ["dawn"]


def test_an_undo_of_a_delete_across_that_a_full_disk_refuses_changes_nothing(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Z of a delete across interviews while another interview's notes file cannot
    be written: said, every file as the delete left it, the step still to undo; with room
    again, Ctrl+Z puts every highlight back."""
    from tests.core.test_code_change_record import notes_disk_full
    from tests.ui.test_read_only_undo import activate

    panel = window.annotations
    pick(panel.study.scope, "All interviews")
    activate(window, qtbot)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, SHIFT)  # Ana's two, Ben's "dawn"
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    after = [[], [], ["patients", "coffee"]]
    on_disk(qtbot, window, after)
    undo = window.window_actions.undo
    with monkeypatch.context() as full:
        notes_disk_full(full)
        qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
        qtbot.waitUntil(lambda: undo.text().replace("&", "") == "Undo Delete 3 Highlights")
    assert "could not be written" in window.banner.text()
    on_disk(qtbot, window, after)
    assert window.interview.session.notes.highlights == []
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    on_disk(qtbot, window, [["coffee", "handover"], ["dawn"], ["patients", "coffee"]])
