"""Deleting a code as a user does (reader/ui/codebook/hub.py): a passage coded only with it,
from a plain selection, goes with it in every interview of the study, and Edit ▸ Undo
brings it back; the interview's own history, crossed, leaves it alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reader.core.annotations import DEFAULT_COLOR, make_highlight
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys, notes_of, pick, study_json
from tests.ui.test_highlights import highlight_with_key, select, wait_saved


def focus(window: MainWindow, qtbot: Any, widget: QWidget, study_history: bool) -> None:
    """Focus `widget`; Edit ▸ Undo then follows the study's history or the interview's."""
    widget.setFocus()
    group, study = window.interview.undo_group, window.study
    qtbot.waitUntil(lambda: (group.activeStack() is study.undo_stack) == study_history)


def highlight_and_code(window: MainWindow, qtbot: Any, word: str, name: str) -> None:
    """Select `word`, press H (yellow), then C and code it `name`: it keeps its colour."""
    text = window.interview.session.document.text
    start = text.index(word)
    select(window, qtbot, start, start + len(word))
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    pick(window, qtbot, name)


def test_deleting_a_code_leaves_no_ghost_and_undo_brings_the_passages_back(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    window = make_study_window(folder)
    first = window.switcher.current
    code_with_keys(window, qtbot, "coffee", "Drinks")  # no colour: shown by its code alone
    highlight_and_code(window, qtbot, "handover", "Drinks")
    first_path = folder / "notes" / f"{first}.json"
    before = wait_saved(qtbot, first_path, lambda d: len(d["highlights"]) == 2)["highlights"]
    assert [(h["exact"], h["color"]) for h in before] == [("coffee", ""), ("handover", "yellow")]
    window.switcher.step(1)  # the first is closed now: its notes file is rewritten
    second_path = folder / "notes" / f"{window.switcher.current}.json"
    code_with_keys(window, qtbot, "dawn", "Drinks")
    (dawn,) = wait_saved(qtbot, second_path, lambda d: d["highlights"])["highlights"]

    hub, panel = window.codebook.hub, window.codebook.panel
    drinks = hub.book.find("Drinks").id
    assert hub.counts() == {drinks: 3}
    panel.set_current(drinks)
    panel.delete_code()
    text = dialogs.shown[-1][1]
    # How far it reaches: three passages were said, not that they were in two interviews.
    assert "?\n\nIn 2 interviews, 1 coded passage will lose it; 2 passages coded only" in text
    assert "will be removed. Edit ▸ Undo brings everything back." in text
    assert study_json(folder)["codes"] == []
    (kept,) = notes_of(folder, first)["highlights"]  # no grey "No colour" ghost left
    assert (kept["exact"], kept["color"], kept["codes"]) == ("handover", "yellow", [])
    assert window.interview.session.notes.highlights == []
    wait_saved(qtbot, second_path, lambda d: d["highlights"] == [])

    # Edit ▸ Undo from the study's history (the codebook has the focus) brings all back.
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks"]
    assert notes_of(folder, first)["highlights"] == before  # same ids, offsets, codes, order
    assert wait_saved(qtbot, second_path, lambda d: d["highlights"])["highlights"] == [dawn]
    assert [h.exact for h in window.interview.session.notes.highlights] == ["dawn"]
    assert hub.counts() == {drinks: 3}
    window.window_actions.redo.trigger()  # and Redo takes them away again
    (again,) = notes_of(folder, first)["highlights"]
    assert {**again, "modified": ""} == {**kept, "modified": ""}  # recoded anew, at its time
    wait_saved(qtbot, second_path, lambda d: d["highlights"] == [])
    assert hub.counts() == {}

    # The interview's own Undo (of coding "dawn") finds the passage gone: nothing happens.
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()
    assert window.interview.session.notes.highlights == []
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()
    assert wait_saved(qtbot, second_path, lambda d: d["highlights"])["highlights"] == [dawn]
    # Undone by the study, it stays: the interview's step no longer touches it, either way.
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.redo.trigger()
    window.window_actions.undo.trigger()
    assert [h.id for h in window.interview.session.notes.highlights] == [dawn["id"]]


def test_the_interviews_undo_never_brings_back_a_code_the_study_deleted(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """A yellow passage coded "Drinks" gets a note; the study deletes "Drinks"; Ctrl+Z in
    the reader takes the note off and leaves the code deleted. So does undoing the
    deletion of a highlight."""
    window = make_study_window(folder)
    path = folder / "notes" / f"{window.switcher.current}.json"
    highlight_and_code(window, qtbot, "handover", "Drinks")
    dialogs.note_answers.append("Ritual?")
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    wait_saved(qtbot, path, lambda d: d["highlights"] and d["highlights"][0]["note"])
    hub, panel = window.codebook.hub, window.codebook.panel
    panel.set_current(hub.book.find("Drinks").id)
    panel.delete_code()
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()  # the note
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"][0]["note"] == "")["highlights"]
    assert (h["exact"], h["color"], h["codes"]) == ("handover", "yellow", [])

    window.interview.controller.delete_highlight(h["id"])
    window.window_actions.undo.trigger()  # the deletion: back as it was, its old code left off
    (back,) = wait_saved(qtbot, path, lambda d: d["highlights"])["highlights"]
    assert (back["id"], back["codes"]) == (h["id"], [])
    assert hub.book.find("Drinks") is None


def test_a_passage_the_interviews_undo_empties_of_a_deleted_code_comes_back_with_it(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """ "coffee", coded "Drinks" (no colour), then "Food"; the study deletes "Drinks";
    Ctrl+Z in the reader takes "Food" off, which leaves the passage nothing to show, and
    Redo puts it on again, the passage shown (it stayed lost: found by the study review's
    F1). The study's Undo of the deletion brings the passage back, "Drinks" on it, and the
    reader's Redo puts "Food" on again, however often it was undone and redone between:
    nothing is lost."""
    window = make_study_window(folder)
    path = folder / "notes" / f"{window.switcher.current}.json"
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "coffee", "Food")
    (h,) = wait_saved(
        qtbot, path, lambda d: d["highlights"] and len(d["highlights"][0]["codes"]) == 2
    )["highlights"]
    hub, panel = window.codebook.hub, window.codebook.panel
    drinks, food = hub.book.find("Drinks").id, hub.book.find("Food").id
    assert h["codes"] == [drinks, food]
    panel.set_current(drinks)
    panel.delete_code()
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()  # "Food" off: the passage shows nothing
    session = window.interview.session
    assert session.notes.highlights == []
    window.window_actions.redo.trigger()  # "Food" on: it shows again (it stayed lost)
    assert [(x.exact, x.codes) for x in session.notes.highlights] == [("coffee", (food,))]
    window.interview.flush()
    assert [h["codes"] for h in notes_of(folder, window.switcher.current)["highlights"]] == [[food]]
    window.window_actions.undo.trigger()
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()  # "Drinks" back, on the passage
    assert [(x.exact, x.codes) for x in session.notes.highlights] == [("coffee", (drinks,))]
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.redo.trigger()
    assert [x.codes for x in session.notes.highlights] == [(drinks, food)]


def test_the_interviews_redo_of_a_code_merged_since_puts_on_the_code_it_became(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """ "coffee", coded "Drinks", then "Food"; the study merges "Food" into "Meals". Ctrl+Z
    in the reader takes the merged code off; Ctrl+Shift+Z puts it on again: "Meals", as
    before the undo, not nothing."""
    window = make_study_window(folder)
    redo_a_code_merged_since(window, qtbot, dialogs)
    panel, session = window.codebook.panel, window.interview.session
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()  # the merge: "Food" back where it was
    drinks, food = (window.codebook.hub.book.find(n).id for n in ("Drinks", "Food"))
    coffee = next(h for h in session.notes.highlights if h.exact == "coffee")
    assert coffee.codes == (drinks, food)


def redo_a_code_merged_since(window: MainWindow, qtbot: Any, dialogs: Any) -> None:
    """ "coffee" coded "Drinks" and "Food", "handover" "Meals"; "Food" merged into
    "Meals"; in the reader, Ctrl+Z twice takes "Meals" off "coffee", Ctrl+Shift+Z twice
    puts it on again."""
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "coffee", "Food")
    code_with_keys(window, qtbot, "handover", "Meals")
    hub, panel = window.codebook.hub, window.codebook.panel
    drinks, food, meals = (hub.book.find(n).id for n in ("Drinks", "Food", "Meals"))
    session = window.interview.session
    coffee = next(h.id for h in session.notes.highlights if h.exact == "coffee")
    panel.set_current(food)
    dialogs.item_answers.append((1, True))  # the second other code: Meals
    panel.merge_code()
    assert session.highlight(coffee).codes == (drinks, meals)
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()  # "handover" coded "Meals"
    window.window_actions.undo.trigger()  # "Food" (now "Meals") on "coffee"
    assert session.highlight(coffee).codes == (drinks,)
    window.window_actions.redo.trigger()
    window.window_actions.redo.trigger()
    assert session.highlight(coffee).codes == (drinks, meals)


def test_undoing_the_colour_of_a_passage_whose_code_was_deleted_leaves_no_ghost(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """ "coffee" coded "Drinks" (no colour), then given a colour; the study deletes
    "Drinks" (the colour keeps the passage); Ctrl+Z in the reader takes the colour off,
    which leaves nothing to show it: it goes, and the study's Undo brings it back."""
    window = make_study_window(folder)
    path = folder / "notes" / f"{window.switcher.current}.json"
    code_with_keys(window, qtbot, "coffee", "Drinks")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)  # the caret is in it: it takes a colour
    wait_saved(qtbot, path, lambda d: d["highlights"] and d["highlights"][0]["color"])
    hub, panel = window.codebook.hub, window.codebook.panel
    drinks = hub.book.find("Drinks").id
    panel.set_current(drinks)
    panel.delete_code()
    session = window.interview.session
    assert [(h.exact, h.codes) for h in session.notes.highlights] == [("coffee", ())]
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()  # the colour
    assert session.notes.highlights == []  # no invisible passage left behind
    wait_saved(qtbot, path, lambda d: d["highlights"] == [])
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()  # the deletion of "Drinks"
    assert [(h.exact, h.codes, h.color) for h in session.notes.highlights] == [
        ("coffee", (drinks,), "")
    ]


def test_the_studys_undo_keeps_a_note_written_after_the_deletion(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    window = make_study_window(folder)
    path = folder / "notes" / f"{window.switcher.current}.json"
    code_with_keys(window, qtbot, "coffee", "Drinks")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)  # a colour: it stays when Drinks goes
    hub, panel = window.codebook.hub, window.codebook.panel
    drinks = hub.book.find("Drinks").id
    panel.set_current(drinks)
    panel.delete_code()
    window.reader.setFocus()
    dialogs.note_answers.append("Morning ritual")
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()  # the deletion of "Drinks"
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"] and d["highlights"][0]["codes"])[
        "highlights"
    ]
    assert (h["exact"], h["codes"], h["note"]) == ("coffee", [drinks], "Morning ritual")


def code_coffee_twice_and_delete_drinks(window: MainWindow, qtbot) -> tuple[str, str]:
    """ "coffee" coded "Drinks" (no colour), then "Food"; the study deletes "Drinks";
    Ctrl+Z in the reader takes "Food" off, which leaves the passage out. The ids of
    Drinks and Food."""
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "coffee", "Food")
    hub, panel = window.codebook.hub, window.codebook.panel
    drinks, food = hub.book.find("Drinks").id, hub.book.find("Food").id
    panel.set_current(drinks)
    panel.delete_code()
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()  # "Food" off: the passage shows nothing, left out
    assert "coffee" not in [h.exact for h in window.interview.session.notes.highlights]
    return drinks, food


def test_a_passage_the_interviews_undo_left_out_comes_back_after_a_switch(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """As above, with a switch to the next interview and back between the reader's Undo
    and the study's: the passage comes back with "Drinks", and Redo puts "Food" on."""
    window = make_study_window(folder)
    first = window.switcher.current
    path = folder / "notes" / f"{first}.json"
    drinks, food = code_coffee_twice_and_delete_drinks(window, qtbot)
    window.switcher.step(1)
    window.switcher.step(-1)
    assert window.switcher.current == first
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    window.window_actions.undo.trigger()  # "Drinks" back, on the passage
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"])["highlights"]
    assert (h["exact"], h["codes"]) == ("coffee", [drinks])
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.redo.trigger()
    wait_saved(qtbot, path, lambda d: d["highlights"][0]["codes"] == [drinks, food])


def test_the_studys_undo_while_another_is_open_brings_back_what_was_left_out(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """The study's Undo, done while the next interview is open, finds the passage the
    first one's Undo left out and writes it back into that one's notes file."""
    window = make_study_window(folder)
    first = window.switcher.current
    drinks, _ = code_coffee_twice_and_delete_drinks(window, qtbot)
    window.switcher.step(1)
    assert notes_of(folder, first)["highlights"] == []
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    window.window_actions.undo.trigger()  # "Drinks" back, on the passage, in the file
    (h,) = notes_of(folder, first)["highlights"]
    assert (h["exact"], h["codes"]) == ("coffee", [drinks])
    window.switcher.step(-1)  # the study wrote its file while away: back with its history
    assert [(x.exact, x.codes) for x in window.interview.session.notes.highlights] == [
        ("coffee", (drinks,))
    ]


def test_what_was_left_out_outlives_a_history_dropped_while_away(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """The first interview's passage is left out; on the next, the study deletes "Meals",
    which the first uses, and another program (a sync tool) rewrites the first's notes
    file: coming back opens it afresh, with a new session. The study's two Undos, there,
    bring back "handover" (coded "Meals") and "coffee" (coded "Drinks"): nothing is lost."""
    window = make_study_window(folder)
    first = window.switcher.current
    path = folder / "notes" / f"{first}.json"
    code_with_keys(window, qtbot, "handover", "Meals")
    drinks, _ = code_coffee_twice_and_delete_drinks(window, qtbot)
    meals = window.codebook.hub.book.find("Meals").id
    window.switcher.step(1)
    panel = window.codebook.panel
    panel.set_current(meals)
    panel.delete_code()
    assert notes_of(folder, first)["highlights"] == []
    path.write_bytes(path.read_bytes() + b"\n")  # the same notes, written by another
    session = window.interview.session
    window.switcher.step(-1)
    assert "undo history of" in window.statusBar().currentMessage()
    assert window.switcher.current == first and window.interview.session is not session
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()  # the deletion of "Meals"
    window.window_actions.undo.trigger()  # the deletion of "Drinks"
    saved = wait_saved(qtbot, path, lambda d: len(d["highlights"]) == 2)["highlights"]
    assert [(h["exact"], h["codes"]) for h in saved] == [
        ("coffee", [drinks]),
        ("handover", [meals]),
    ]


def test_a_passage_left_out_for_a_code_deleted_while_away_comes_back_with_it(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """ "coffee" coded "Drinks", undone in the reader; on the next interview the study
    deletes "Drinks" (the first's file does not use it: its history stays). Back on the
    first, Redo codes "coffee" with a code gone: it is left out, and the study's Undo
    brings it back, coded."""
    window = make_study_window(folder)
    first = window.switcher.current
    path = folder / "notes" / f"{first}.json"
    code_with_keys(window, qtbot, "coffee", "Drinks")
    drinks = window.codebook.hub.book.find("Drinks").id
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()
    window.switcher.step(1)
    panel = window.codebook.panel
    panel.set_current(drinks)
    panel.delete_code()
    window.switcher.step(-1)
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.redo.trigger()
    assert window.interview.session.notes.highlights == []
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"])["highlights"]
    assert (h["exact"], h["codes"]) == ("coffee", [drinks])


def test_the_studys_undo_puts_a_passage_back_in_its_place_among_those_of_its_span(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """Two passages on "coffee", both coded "Drinks": the first with no colour, the second
    (imported) yellow. Deleting "Drinks" takes the first away; the study's Undo puts it
    back first, as the notes file had them, not after its twin."""
    window = make_study_window(folder)
    first = window.switcher.current
    path = folder / "notes" / f"{first}.json"
    code_with_keys(window, qtbot, "coffee", "Drinks")
    (coded,) = window.interview.session.notes.highlights
    twin = make_highlight(window.interview.session.document.text, coded.start, coded.end)
    window.interview.controller.import_highlights([twin.edited(codes=coded.codes)])
    before = wait_saved(qtbot, path, lambda d: len(d["highlights"]) == 2)["highlights"]
    assert [(h["id"], h["color"]) for h in before] == [(coded.id, ""), (twin.id, "yellow")]
    panel = window.codebook.panel
    panel.set_current(coded.codes[0])
    panel.delete_code()
    wait_saved(qtbot, path, lambda d: [h["id"] for h in d["highlights"]] == [twin.id])
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()
    wait_saved(qtbot, path, lambda d: d["highlights"] == before)
    window.window_actions.redo.trigger()
    window.switcher.step(1)  # undone while another is open: in its place in the file too
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()
    assert notes_of(folder, first)["highlights"] == before


def test_the_codes_menu_renames_merges_and_deletes_the_code_chosen(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """New, Rename, Merge and Delete were the Codebook dock's keys alone: found only by
    those who knew to go there (the study review's F7e)."""
    window = make_study_window(folder)
    codes = window.window_actions.codes
    codes.menu.aboutToShow.emit()
    assert not codes.delete_code.isEnabled()  # no code yet: greyed, saying why
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "handover", "Rituals")
    hub, panel = window.codebook.hub, window.codebook.panel
    codes.menu.aboutToShow.emit()
    assert codes.merge_code.isEnabled() and codes.rename_code.isEnabled()
    panel.set_current(hub.book.find("Drinks").id)
    dialogs.item_answers.append((0, True))  # into the first other code: Rituals
    codes.merge_code.trigger()
    assert [c.name for c in hub.book.codes] == ["Rituals"]
    dialogs.choice_answers.append("Delete Code")
    codes.delete_code.trigger()
    assert hub.book.codes == []
    assert window.codebook.dock.isVisible()  # the Codebook shown, where its keys go on


@pytest.mark.parametrize("where", ["memo", "notes"])
def test_a_coded_passage_a_quote_links_to_stays_when_its_code_is_deleted(
    make_study_window: Any, folder: Path, qtbot: Any, dialogs: Any, where: str
) -> None:
    """A passage only coded (no colour, no note), quoted into the study memo or the
    interview's notes: deleting its code deleted it, and once the app restarted the
    quote's link led nowhere (the study review's finding 3). It stays, for the link, in
    the default colour as Q on words gives one; undone, it is as it was."""
    from reader.core.markdown_links import quoted_ids
    from tests.ui.memo.test_study_memo import memo_file, open_memo

    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Caffeine")
    (passage,) = window.interview.session.notes.highlights
    assert passage.color == "" and not passage.note
    if where == "memo":
        open_memo(window, qtbot)
    window.quoting.quote_highlight(passage.id)
    assert window.study_actions.memo_saved() and window.interview.flush()
    said = memo_file(folder).read_text("utf-8") if where == "memo" else ""
    assert passage.id in (quoted_ids(said) | quoted_ids(window.interview.research_notes()))
    hub = window.codebook.hub
    code = hub.book.find("Caffeine")
    assert code is not None and hub.deletion_counts(code.id) == (1, 0, 1)
    assert hub.delete(code.id)
    (kept,) = window.interview.session.notes.highlights
    assert (kept.id, kept.codes, kept.color) == (passage.id, (), DEFAULT_COLOR)
    assert window.interview.flush()
    notes_path = window.interview.notes_path
    assert notes_path is not None
    assert [h["id"] for h in orjson.loads(notes_path.read_bytes())["highlights"]] == [passage.id]
    window.study.undo_stack.undo()  # the study's step: Delete Code
    assert window.interview.session.notes.highlights == [passage]


def test_a_passage_of_another_interview_quoted_in_the_memo_not_yet_saved_stays(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """The Codebook's deletion across the study read memo.md as saved: a quote typed into
    the memo in the last moments (before its autosave, or while saving fails) did not keep
    the passage of an interview not open, and its link led nowhere."""
    from tests.ui.memo.test_study_memo import memo_file, open_memo

    window = make_study_window(folder)
    first = window.switcher.current
    code_with_keys(window, qtbot, "coffee", "Caffeine")
    (passage,) = window.interview.session.notes.highlights
    open_memo(window, qtbot)
    window.quoting.quote_highlight(passage.id)
    window.switcher.step(1)  # the passage's interview is closed, its notes file written
    memo = memo_file(folder)
    assert not memo.exists() or passage.id not in memo.read_text("utf-8")  # not saved yet
    hub = window.codebook.hub
    code = hub.book.find("Caffeine")
    assert code is not None and hub.deletion_counts(code.id) == (1, 0, 1)
    assert hub.delete(code.id)
    (kept,) = notes_of(folder, first)["highlights"]
    assert (kept["id"], kept["codes"], kept["color"]) == (passage.id, [], DEFAULT_COLOR)


@pytest.mark.parametrize("where", ["memo", "notes"])
def test_the_last_code_taken_off_a_quoted_passage_in_the_reader_leaves_it(
    make_study_window: Any, folder: Path, qtbot: Any, where: str
) -> None:
    """Quoted in the study memo alone, not yet saved, it went all the same."""
    from tests.ui.memo.test_study_memo import open_memo

    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Caffeine")
    (passage,) = window.interview.session.notes.highlights
    if where == "memo":
        open_memo(window, qtbot)
    window.quoting.quote_highlight(passage.id)
    window.interview.controller.edit_highlight(passage.id, "Remove Code", codes=())
    (kept,) = window.interview.session.notes.highlights
    assert (kept.id, kept.codes, kept.color) == (passage.id, (), DEFAULT_COLOR)
    window.interview.controller.undo_stack.undo()
    assert window.interview.session.notes.highlights == [passage]


def test_the_counts_column_is_as_wide_as_its_widest_count(window: MainWindow) -> None:
    """As wide as a count of thousands, it left a name some 70 px of a 1024 px first
    start's dock ("Recruitme…"); the names keep what the counts do not need."""
    hub, panel = window.codebook.hub, window.codebook.panel
    code = hub.create("Recruitment")
    assert code is not None
    header, metrics = panel.view.header(), panel.view.fontMetrics()
    assert header.sectionSize(1) == metrics.horizontalAdvance("00") + 12
    panel.model.counts[code.id] = panel.model.totals[code.id] = 12_345
    panel.model.dataChanged.emit(panel.model.index(0, 1), panel.model.index(0, 1))
    assert header.sectionSize(1) == metrics.horizontalAdvance("00000") + 12
    panel.model.totals[code.id] = 123_456  # its sub-codes' passages too: "12345 (123456)"
    panel.model.dataChanged.emit(panel.model.index(0, 1), panel.model.index(0, 1))
    assert header.sectionSize(1) == metrics.horizontalAdvance("00000 (000000)") + 12


def test_the_notes_links_are_read_only_for_a_passage_about_to_show_nothing(
    window: MainWindow, qtbot: Any
) -> None:
    """Read for every highlight added, edited or undone, 1 MB of notes took a highlight
    from 2.4 to 6.4 ms (make bench)."""
    asked: list[int] = []
    controller = window.interview.controller
    controller.quoted = lambda: asked.append(1) or frozenset()
    highlight_with_key(window, qtbot, "Rehearsal", Qt.Key.Key_2)
    (passage,) = window.interview.session.notes.highlights
    controller.edit_highlight(passage.id, "Colour", color="green")
    controller.undo_stack.undo()
    controller.undo_stack.redo()
    assert asked == []
    controller.edit_highlight(passage.id, "Remove Colour", color="")  # now it would go
    assert asked == [1]


def test_a_redo_that_a_code_deleted_since_leaves_unseen_says_why(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """Found by the undo review: "coffee" coded "Drinks", undone in the reader, "Drinks"
    deleted in the Codebook; the reader's Redo then put the passage aside (for the study's
    Undo to bring back, "Drinks" on it), and nothing showed or said what it did."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()
    session = window.interview.session
    assert session.notes.highlights == []
    hub, panel = window.codebook.hub, window.codebook.panel
    drinks = hub.book.find("Drinks").id
    panel.set_current(drinks)
    panel.delete_code()
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.redo.trigger()
    assert session.notes.highlights == []
    said = window.statusBar().currentMessage()
    assert "deleted" in said and "Codebook" in said, said
    focus(window, qtbot, panel.view, study_history=True)
    window.window_actions.undo.trigger()  # the deletion undone: the passage is back, coded
    assert [(x.exact, x.codes) for x in session.notes.highlights] == [("coffee", (drinks,))]
