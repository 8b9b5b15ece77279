"""The Codebook's selection as a keyboard user meets it (reader/ui/codebook/panel.py): after
Edit ▸ Undo of a delete or a merge the code that came back is selected and scrolled to,
in a study (study.json) and in an interview opened alone (its notes file)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.ui.codebook.panel import CodebookPanel
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys, names, study_json
from tests.ui.test_coding_session import (
    code_found,
    focused,
    open_window,
    press,
    study_folder,
    type_in,
)
from tests.ui.test_highlights import wait_saved
from tests.ui.test_read_only_undo import activate

CTRL = Qt.KeyboardModifier.ControlModifier


def to_codebook(window: MainWindow, qtbot: Any) -> CodebookPanel:
    """Ctrl+6, as a user goes to the Codebook."""
    qtbot.keyClick(window.reader, Qt.Key.Key_6, CTRL)
    panel = window.codebook.panel
    qtbot.waitUntil(panel.view.hasFocus)
    return panel


def current_name(panel: CodebookPanel) -> str:
    code = panel.hub.book.get(panel.current_id())
    return code.name if code is not None else ""


def in_sight(panel: CodebookPanel) -> bool:
    view = panel.view
    return view.viewport().rect().contains(view.visualRect(view.currentIndex()).center())


def delete_far_down_then_undo(window: MainWindow, qtbot: Any) -> CodebookPanel:
    """Forty codes; the one before last deleted with Delete (confirmed), the list taken
    back to its top with Home, then Ctrl+Z."""
    for n in range(40):
        window.codebook.hub.create(f"Code {n:02}")
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    qtbot.keyClick(panel.view, Qt.Key.Key_End)
    qtbot.keyClick(panel.view, Qt.Key.Key_Up)
    assert current_name(panel) == "Code 38"
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.hub.book.find("Code 38") is None
    assert current_name(panel) == "Code 39"  # the next one
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    assert current_name(panel) == "Code 00" and not in_sight_of(panel, "Code 39")
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    return panel


def in_sight_of(panel: CodebookPanel, name: str) -> bool:
    code = panel.hub.book.find(name)
    assert code is not None
    rect = panel.view.visualRect(panel.model.index_of(code.id))
    return panel.view.viewport().rect().contains(rect.center())


def test_undo_of_a_delete_in_a_study_selects_the_code_back(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    window = make_study_window(folder)
    panel = delete_far_down_then_undo(window, qtbot)
    assert "Code 38" in names(study_json(folder)).values()
    assert current_name(panel) == "Code 38" and in_sight(panel)
    assert panel.view.hasFocus()


def test_undo_of_a_delete_alone_selects_the_code_back(
    window: MainWindow, qtbot: Any, dialogs: Any, notes_path: Path
) -> None:
    panel = delete_far_down_then_undo(window, qtbot)
    wait_saved(qtbot, notes_path, lambda d: "Code 38" in names(d).values())
    assert current_name(panel) == "Code 38" and in_sight(panel)


def test_undo_of_deleting_a_code_with_sub_codes_or_of_a_merge_selects_it(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    dialogs: Any,
) -> None:
    window = make_study_window(folder)
    hub = window.codebook.hub
    a, b = hub.create("Alpha"), hub.create("Beta")
    assert a is not None and b is not None
    hub.create("Beta one", parent=b.id)
    hub.create("Gamma")
    code_with_keys(window, qtbot, "coffee", "Beta one")
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    qtbot.waitUntil(lambda: not hub.tally.counting)  # each coding then adjusts the counts
    panel.set_current(b.id)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert current_name(panel) == "Gamma"
    told: list[bool] = []  # whether each cell the model said changed was one it had
    panel.model.dataChanged.connect(lambda first, last, *_: told.append(first.isValid()))
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    assert current_name(panel) == "Beta"  # the parent, not its sub-code
    assert panel.model.index_of(b.id, 1).data() == "0 (1)"  # its sub-code's passage back
    # Counted once the tree has the codes again: a cell it had not yet was told (Qt
    # warned "dataChanged() called with an invalid index range").
    assert all(told)
    # Alpha merged into Gamma (the merge selects Gamma); undo selects Alpha again.
    panel.set_current(a.id)
    dialogs.item_answers.append((2, True))  # Beta, Beta one, Gamma: Gamma
    panel.merge_code()
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Beta", "Beta one", "Gamma"]
    assert current_name(panel) == "Gamma"
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, CTRL)
    assert current_name(panel) == "Alpha"
    # Another study's codebook is no undo: its first code is not chosen for the user.
    assert hub.book.find("Alpha") is not None


def test_ctrl_6_selects_the_current_code(
    make_window: Callable[..., MainWindow], qtbot: Any, notes_path: Path
) -> None:
    """Ctrl+6 on an interview opened with its codes gave the Codebook the focus with no row
    selected: its focus frame looked like an open rename field, and Delete or Enter acted
    on a row not shown as chosen. The current code is selected now, as in the other lists."""
    first = make_window()
    words = first.interview.session.document.text.split()
    for word, name in ((words[3], "Alpha"), (words[9], "Beta")):
        code_with_keys(first, qtbot, word, name)
    wait_saved(qtbot, notes_path, lambda d: len(d["codes"]) == 2)
    first.close()
    window = make_window()
    activate(window, qtbot)

    def chosen(panel: CodebookPanel) -> list[str]:
        return [index.data() for index in panel.view.selectionModel().selectedRows()]

    panel = to_codebook(window, qtbot)
    assert panel.view.state() == panel.view.State.NoState
    assert chosen(panel) == [current_name(panel)] == ["Alpha"]
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    qtbot.keyClick(panel.view, Qt.Key.Key_1, CTRL)  # to the reader, and back
    qtbot.waitUntil(window.reader.hasFocus)
    assert chosen(to_codebook(window, qtbot)) == ["Beta"]


def test_the_empty_descriptions_placeholder_shows_whole_at_any_width(qtbot) -> None:
    """At 1024x640 its third line showed only as the tops of its letters: a shorter one
    where the longest does not fit its two lines."""
    from PySide6.QtCore import QRect
    from PySide6.QtCore import Qt as QtNames

    from reader.ui.codebook.code_memo import PLACEHOLDERS, CodeMemo

    memo = CodeMemo()
    memo.setFocusPolicy(QtNames.FocusPolicy.NoFocus)  # away, as while coding in the reader
    qtbot.addWidget(memo)
    memo.show()

    def whole() -> bool:
        margin = int(memo.document().documentMargin())
        room = QRect(0, 0, memo.viewport().width() - 2 * margin, 10**6)
        flags = QtNames.TextFlag.TextWordWrap
        needed = memo.fontMetrics().boundingRect(room, flags, memo.placeholderText()).height()
        return needed + 2 * margin <= memo.viewport().height()

    for width in (140, 170, 400):
        memo.resize(width, memo.height())
        qtbot.waitUntil(lambda w=width: memo.width() == w and whole())
    assert memo.placeholderText() == PLACEHOLDERS[0]  # whole where there is room


def test_a_name_typed_back_with_a_space_more_is_no_rename(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """F2, a space after the name, Enter: the codebook kept the name as it was (spaces are
    trimmed) but Edit ▸ Undo offered "Undo Rename Code", which then did nothing."""
    window = make_study_window(folder)
    code = window.codebook.hub.create("Drinks")
    assert code is not None
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.set_current(code.id)
    stack = window.study.undo_stack
    steps = stack.count()
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, "  ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.view.hasFocus)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)  # a rename that is one, once the first is done
    editor = panel.view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, "s")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.hub.book.code(code.id).name == "Drinkss")
    assert stack.count() == steps + 1


def test_the_deepest_codes_keep_room_for_their_names_in_a_narrow_dock(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Eight levels of codes in the Codebook of a 1024 px screen: each level indented two
    digits' width left the eighth no room at all, its name cut to nothing. The indent
    narrows where the tree is deep; two levels keep it whole."""
    window = make_study_window(folder)
    hub = window.codebook.hub
    top = hub.create("Level 0")
    assert top is not None
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    window.resizeDocks([window.codebook.dock], [223], Qt.Orientation.Horizontal)
    names = panel.view.header()
    qtbot.waitUntil(lambda: names.sectionSize(0) < 180)
    whole = panel.view.fontMetrics().horizontalAdvance("00")
    assert panel.view.indentation() == whole
    code = top
    for level in range(1, 8):
        made = hub.create(f"Level {level}", parent=code.id)
        assert made is not None
        code = made
    qtbot.waitUntil(lambda: panel.model.index_of(code.id).isValid())
    left = panel.view.visualRect(panel.model.index_of(code.id)).width()
    assert left >= names.sectionSize(0) / 3
    panel.set_current(code.id)
    panel.delete_code()  # with the levels below the first: the indent whole again
    hub.delete(hub.book.find("Level 1").id)
    qtbot.waitUntil(lambda: panel.view.indentation() == whole)


def test_down_keeps_the_current_code_in_sight_among_names_of_two_lines(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Codes whose long names wrap to two lines, then short ones: Down went on past the
    last row in sight, the view unmoved (scrolled by item, Qt counted a page as many of
    the one-line rows at the list's end as fit)."""
    window = make_study_window(folder)
    hub = window.codebook.hub
    for n in range(8):
        hub.create(f"Staffing shortages on the night rota {n}")
    for n in range(30):
        hub.create(f"C{n}")
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    window.resizeDocks([window.codebook.dock], [223], Qt.Orientation.Horizontal)
    window.resizeDocks([window.codebook.dock], [300], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: panel.view.header().sectionSize(0) < 180)
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    for _ in range(10):
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
        assert in_sight(panel), current_name(panel)


def test_merge_says_where_the_sub_codes_go(
    make_study_window: Callable[[Path], MainWindow], folder: Path, dialogs: Any
) -> None:
    """Merge… on a code with sub-codes asked only "Merge “Work” (0 coded passages) into:",
    its sub-codes missing from the list and their fate unsaid; they move under the code
    chosen, and the question says so."""
    window = make_study_window(folder)
    hub, panel = window.codebook.hub, window.codebook.panel
    work, tasks = hub.create("Work"), hub.create("Tasks")
    assert work is not None and tasks is not None
    for name in ("Handover", "Rota"):
        hub.create(name, parent=work.id)
    panel.set_current(work.id)
    dialogs.item_answers.append((2, True))  # Handover, Rota (its own), then Tasks
    panel.merge_code()
    assert dialogs.shown[-1] == (
        "item",
        "Merge Codes: Merge “Work” (0 coded passages) into:\n"
        "Its 2 sub-codes go under the code chosen (one of them chosen takes its place).",
    )
    assert hub.book.path(hub.book.find("Rota").id) == "Tasks / Rota"


def test_a_code_merges_into_its_own_sub_code(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Merge… on Work did not offer its sub-codes, so Work could not become its Handover
    (the core refused it: "merge the other way"); Handover now takes Work's place, with
    Work's passages and its other sub-codes, and Undo puts all back."""
    window = make_study_window(folder)
    hub, panel = window.codebook.hub, window.codebook.panel
    code_with_keys(window, qtbot, "coffee", "Work")
    work = hub.book.find("Work")
    assert work is not None
    handover, rota = hub.create("Handover", parent=work.id), hub.create("Rota", parent=work.id)
    assert handover is not None and rota is not None
    code_with_keys(window, qtbot, "handover", "Handover")
    panel.set_current(work.id)
    dialogs.item_answers.append((0, True))  # Work ▸ Handover, the first offered
    panel.merge_code()
    assert [hub.book.path(c.id) for _, c in hub.book.tree()] == ["Handover", "Handover / Rota"]
    coded = [h.codes for h in window.interview.session.notes.highlights]
    assert coded == [(handover.id,), (handover.id,)]
    assert current_name(panel) == "Handover"
    window.study.undo_stack.undo()
    assert [hub.book.path(c.id) for _, c in hub.book.tree()] == [
        "Work",
        "Work / Handover",
        "Work / Rota",
    ]
    coded = [h.codes for h in window.interview.session.notes.highlights]
    assert coded == [(work.id,), (handover.id,)]


def test_ctrl_shift_m_moves_a_code_under_any_code_in_one_step(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Alt+arrows move a code one step at a time: into a category forty rows away it took
    forty presses, each an undo step. Ctrl+Shift+M asks where (any code but itself and its
    own sub-codes, or the top level) and moves it there in one step."""
    window = make_study_window(folder)
    hub = window.codebook.hub
    feelings = hub.create("Feelings")
    assert feelings is not None
    for n in range(40):
        hub.create(f"Code {n:02}")
    fear = hub.book.find("Code 39")
    hub.create("Dread", parent=fear.id)
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.set_current(fear.id)
    steps = window.study.undo_stack.count()
    dialogs.item_answers.append((0, True))  # Feelings, the first place offered
    qtbot.keyClick(panel.view, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    title, offered = dialogs.shown[-1][1].split(": ", 1)
    assert (title, offered) == ("Move Code", "Move “Code 39” under:")
    assert hub.book.path(fear.id) == "Feelings / Code 39"
    assert hub.book.path(hub.book.find("Dread").id) == "Feelings / Code 39 / Dread"
    assert current_name(panel) == "Code 39" and in_sight(panel)
    assert window.study.undo_stack.count() == steps + 1
    dialogs.item_answers.append((0, True))  # now under a code: the top level comes first
    qtbot.keyClick(panel.view, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert hub.book.path(fear.id) == "Code 39"


def test_the_focus_passing_through_a_description_changes_nothing(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """A description kept with a blank line after it (another tool's study.json) was
    rewritten, and an "Edit Code Description" step made, by Tab into the memo and out;
    what is typed there is still kept."""
    window = make_study_window(folder)
    hub = window.codebook.hub
    code = hub.create("Work")
    assert code is not None
    window.study.study.writable_codebook().update(code.id, description="Shifts.\n\n")
    hub.changed.emit()
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.set_current(code.id)
    stack = window.study.undo_stack
    steps = stack.count()
    panel.memo.setFocus()
    qtbot.waitUntil(panel.memo.hasFocus)
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    assert stack.count() == steps and hub.book.code(code.id).description == "Shifts.\n\n"
    panel.memo.setFocus()
    qtbot.waitUntil(panel.memo.hasFocus)
    qtbot.keyClick(panel.memo, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(panel.memo, "Nights")
    panel.view.setFocus()
    qtbot.waitUntil(lambda: hub.book.code(code.id).description == "Shifts.\n\nNights")
    assert stack.count() == steps + 1


def test_a_name_refused_opens_again_as_typed(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """F2 on "Drinks", "Work" typed (a code beside it has that name), Enter: the banner said
    so and the name went back to "Drinks", what was typed lost; the field opens again
    holding it, as a Library cell does, and "Work drinks" then renames it."""
    from PySide6.QtWidgets import QLineEdit

    window = make_study_window(folder)
    hub = window.codebook.hub
    drinks = hub.create("Drinks")
    assert drinks is not None and hub.create("Work") is not None
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.set_current(drinks.id)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Work")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    def open_editor() -> QLineEdit | None:
        shown = panel.view.indexWidget(panel.model.index_of(drinks.id))
        return shown if isinstance(shown, QLineEdit) else None

    qtbot.waitUntil(lambda: "There is a top-level code “Work” already." in window.banner.text())
    qtbot.waitUntil(lambda: (shown := open_editor()) is not None and shown.text() == "Work")
    assert hub.book.code(drinks.id).name == "Drinks"
    editor = open_editor()
    assert editor is not None
    qtbot.keyClicks(editor, " drinks")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: hub.book.code(drinks.id).name == "Work drinks")


def test_a_new_codes_name_refused_is_asked_again_as_typed(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: Any,
) -> None:
    """Insert, "Work" typed where a code is called Work, Enter: the banner said so and the
    dialog was gone with what was typed; it asks again holding it, to be put right."""
    from PySide6.QtWidgets import QInputDialog

    window = make_study_window(folder)
    hub = window.codebook.hub
    assert hub.create("Work") is not None
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    offered: list[str] = []
    answers = [("work", True), ("Work shifts", True)]

    def exec_(dialog: QInputDialog) -> int:
        offered.append(dialog.textValue())
        text, ok = answers.pop(0)
        dialog.setTextValue(text)
        return ok

    monkeypatch.setattr(QInputDialog, "exec", exec_)
    qtbot.keyClick(panel.view, Qt.Key.Key_Insert)
    assert offered == ["", "work"]
    assert "There is a top-level code “Work” already." in window.banner.text()
    assert [c.name for c in hub.book] == ["Work", "Work shifts"]
    assert current_name(panel) == "Work shifts"


def test_a_new_code_named_as_a_path_goes_under_that_code(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Insert and "Work / Night shifts": a top-level code of that whole name, read as a
    sub-code of Work everywhere a path is shown; it is made under Work, as in the picker."""
    window = make_study_window(folder)
    hub = window.codebook.hub
    work = hub.create("Work")
    assert work is not None and hub.create("Feelings") is not None
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.set_current(hub.book.find("Feelings").id)
    dialogs.text_answers.append(("work / Night shifts", True))
    qtbot.keyClick(panel.view, Qt.Key.Key_Insert)
    night = hub.book.find("Night shifts")
    assert night is not None and night.parent == work.id
    assert current_name(panel) == "Night shifts"


def test_a_read_only_codebooks_keys_say_why_they_do_nothing(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    dialogs: Any,
    monkeypatch: Any,
) -> None:
    """Delete, Ctrl+M, Ctrl+Shift+M, Insert and Alt+arrows on a code of a study another
    window has open did nothing and said nothing (the buttons, greyed, said why in their
    tips): each key now says why on the status line, and the codebook is as it was."""
    from reader.ui.codebook.hub import CodebookHub

    window = make_study_window(folder)
    hub = window.codebook.hub
    for name in ("Work", "Sleep"):
        hub.create(name)
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.set_current(hub.book.find("Sleep").id)
    why = "The study is read-only: another window has it open."
    monkeypatch.setattr(CodebookHub, "read_only", property(lambda _hub: True))
    monkeypatch.setattr(CodebookHub, "why_read_only", lambda _hub: why)
    shift = Qt.KeyboardModifier.ShiftModifier
    keys = [
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_M, CTRL),
        (Qt.Key.Key_M, CTRL | shift),
        (Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier),
    ]
    for key, modifiers in keys:
        window.statusBar().clearMessage()
        qtbot.keyClick(panel.view, key, modifiers)
        assert window.statusBar().currentMessage() == why
    assert [code.name for _, code in hub.book.tree()] == ["Work", "Sleep"]
    assert dialogs.shown == []


def test_escape_in_a_codes_description_says_how_to_leave_it_and_the_typing_stays(
    qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    """Escape in the description did nothing and said nothing, as in the notes: where
    one writes, it does not go back to the reader (H typed next would highlight)."""
    folder = study_folder(tmp_path)
    window = open_window(qtbot, folder)
    code_found(qtbot, "coffee", "Drinks")
    panel = to_codebook(window, qtbot)
    while focused() is not panel.memo:
        press(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "Night")
    press(qtbot, Qt.Key.Key_Escape)
    told = window.statusBar().currentMessage()
    assert "Tab" in told and "Ctrl+1" in told and focused() is panel.memo
    type_in(qtbot, " work")
    press(qtbot, Qt.Key.Key_1, CTRL)
    assert [c["description"] for c in study_json(folder)["codes"]] == ["Night work"]
