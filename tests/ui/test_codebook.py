"""The codebook as a user works it: coding by keys, the code tree's edits with undo, and
merging and deleting codes across a study; then the files on disk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from reader.core.codebook import Code, Codebook, codes_for_tags
from reader.core.store import save_notes
from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.test_highlights import TEXT, saved, select, wait_saved
from tests.ui.test_library_fit import Menus, shown
from tests.ui.test_safety import notes_with


def code_with_keys(window: MainWindow, qtbot: Any, word: str, name: str, key=Qt.Key.Key_C):
    """Select `word`, press C, type `name`, Enter."""
    text = window.interview.session.document.text
    start = text.index(word)
    select(window, qtbot, start, start + len(word))
    pick(window, qtbot, name, key)
    return start, start + len(word)


def pick(window: MainWindow, qtbot: Any, name: str, key=Qt.Key.Key_C, enter=Qt.Key.Key_Return):
    qtbot.keyClick(window.reader, key)
    picker = window.codebook.coding.picker
    assert picker.isVisible()
    qtbot.keyClicks(picker.edit, name)
    qtbot.keyClick(picker.edit, enter)


def names(data: dict) -> dict[str, str]:
    return {code["id"]: code["name"] for code in data["codes"]}


def test_select_c_type_enter_codes_the_passage(make_window, tmp_path: Path, qtbot, notes_path):
    doc = tmp_path / "film.txt"
    doc.write_text(TEXT, "utf-8")
    window = make_window(doc)
    start, end = code_with_keys(window, qtbot, "dawn", "Time of day")
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"] and d["codes"])
    (h,) = data["highlights"]
    assert (h["start"], h["end"], h["exact"]) == (start, end, "dawn")
    assert [names(data)[c] for c in h["codes"]] == ["Time of day"]
    assert h["color"] == ""  # coded, not highlighted: no colour (NO_COLOR)
    # C on the highlight again: a second code joins the first.
    pick(window, qtbot, "Light")
    assert not window.codebook.coding.picker.isVisible()
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"][0]["codes"]) == 2)
    assert [names(data)[c] for c in data["highlights"][0]["codes"]] == ["Time of day", "Light"]
    # Alt+1 puts the code used last on a new selection; "tme of dy" finds the other.
    second = window.interview.session.document.text.index("ending")
    select(window, qtbot, second, second + 6)
    qtbot.keyClick(window.reader, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 2)
    assert [names(data)[c] for c in data["highlights"][1]["codes"]] == ["Light"]
    pick(window, qtbot, "tme of dy")
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"][1]["codes"]) == 2)
    assert [names(data)[c] for c in data["highlights"][1]["codes"]] == ["Light", "Time of day"]
    assert len(data["codes"]) == 2  # no code made twice
    # Coding a selection was one step: undo takes the highlight away whole.
    window.window_actions.undo.trigger()
    window.window_actions.undo.trigger()
    assert len(window.interview.session.notes.highlights) == 1


def test_escape_leaves_the_selection_uncoded(window: MainWindow, qtbot, notes_path) -> None:
    """While the picker is open the passage stays selected, in sight; Escape gives the
    selection back, so that H (or C again) acts on it. The picker took it away before:
    the student saw nothing marked while choosing, and after Escape had to select again."""
    text = window.interview.session.document.text
    end = text.index(" ")
    select(window, qtbot, 0, end)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    picker = window.codebook.coding.picker
    assert window.reader.selected_range() == (0, end)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    assert window.interview.session.notes.highlights == []
    assert window.reader.selected_range() == (0, end)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = window.interview.session.notes.highlights
    assert (highlight.start, highlight.end) == (0, end)


def test_the_picker_names_the_words_said_not_the_speaker_label(make_window, qtbot) -> None:
    """A turn selected from its start is coded from its first word said (passage_span);
    the picker's title quoted "Haddad, Leila: What helps…" all the same."""
    window = make_window(DATA / "student" / "P02-teams.vtt")
    text = window.interview.session.document.text
    start = text.index("Haddad, Leila: What helps")
    select(window, qtbot, start, text.index("?", start) + 1)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    title = window.codebook.coding.picker.title.text()
    assert title == "Code “What helps you get through the week?”"


def test_a_coded_selection_is_left_as_the_current_passage(window: MainWindow, qtbot) -> None:
    text = window.interview.session.document.text
    start = text.index("Because")
    select(window, qtbot, start, start + len("Because"))
    pick(window, qtbot, "Reasons")
    assert not window.codebook.coding.picker.isVisible()
    assert window.reader.selected_range() is None
    (coded,) = window.interview.session.notes.highlights
    assert window.reader.current_highlight() == coded


def test_delete_takes_off_the_code_just_applied_with_ctrl_enter(window: MainWindow, qtbot) -> None:
    """After Ctrl+Enter the list is on "✓ Alpha" and the hint says Del takes a ✓ code
    off, but what was typed stayed selected: Delete only cleared it (the list going to
    Beta), and a second Delete did nothing."""
    code_with_keys(window, qtbot, "respectable", "Alpha")
    code_with_keys(window, qtbot, "corporate", "Beta")
    start = window.interview.session.document.text.index("dense creative")
    select(window, qtbot, start, start + 14)
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    picker = window.codebook.coding.picker
    qtbot.keyClicks(picker.edit, "Alp")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    alpha = window.codebook.hub.book.find("Alpha").id
    assert picker.edit.selectedText() == "Alp" and alpha in picker.on
    qtbot.keyClick(picker.edit, Qt.Key.Key_Delete)
    assert alpha not in picker.on and picker.isVisible()
    assert picker.list.currentItem().text() == "Alpha"  # unticked, still the one chosen
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    picker.edit.deselect()  # the caret at the end of "Alp": Delete takes it off too
    qtbot.keyClick(picker.edit, Qt.Key.Key_Delete)
    assert alpha not in picker.on and picker.edit.text() == "Alp"
    picker.edit.setCursorPosition(1)  # inside the text: Delete edits it
    qtbot.keyClick(picker.edit, Qt.Key.Key_Delete)
    assert picker.edit.text() == "Ap"


def test_selection_bar_and_context_menu_offer_the_picker(window: MainWindow, qtbot) -> None:
    text = window.interview.session.document.text
    select(window, qtbot, 0, text.index(" "))
    window.reader.show_selection_bar()
    assert window.reader.selection_bar.tag_button.text() == "Code"
    window.reader.selection_bar.tag_button.click()
    assert window.codebook.coding.picker.isVisible()
    window.codebook.coding.picker.hide()
    select(window, qtbot, 0, text.index(" "))
    menu = window.reader.build_context_menu(window.reader.cursorRect().center())
    assert "C&ode…\tC" in [a.text() for a in menu.actions()]


def test_tree_edits_with_keys_and_undo(window: MainWindow, qtbot, dialogs, notes_path) -> None:
    panel = window.codebook.panel
    window.window_actions.codes.focus_codebook.trigger()
    assert window.codebook.dock.isVisible()
    for name in ("Feelings", "Fear", "Joy"):
        dialogs.text_answers.append((name, True))
        qtbot.keyClick(panel.view, Qt.Key.Key_Insert)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["codes"]) == 3)
    assert [c["name"] for c in data["codes"]] == ["Feelings", "Fear", "Joy"]
    # Alt+Right puts Fear below Feelings; Alt+Up then has nothing above it to pass.
    panel.set_current(data["codes"][1]["id"])
    qtbot.keyClick(panel.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    book = window.codebook.hub.book
    assert book.path(data["codes"][1]["id"]) == "Feelings / Fear"
    panel.set_current(data["codes"][2]["id"])
    qtbot.keyClick(panel.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [c.name for c in book.children("")] == ["Joy", "Feelings"]
    # F2 renames in place.
    panel.view.edit(panel.view.currentIndex())
    editor = panel.view.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Delight")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.codebook.hub.book.find("Delight") is not None)
    # The memo and whether a code is a category.
    panel.set_current(data["codes"][0]["id"])
    panel.memo.setFocus()
    qtbot.keyClicks(panel.memo, "Any **feeling** named")
    panel.view.setFocus()
    assert panel.category_box.text() == "Category" and not panel.category_box.isChecked()
    panel.category_box.click()  # Feelings becomes a category
    data = wait_saved(qtbot, notes_path, lambda d: not d["codes"][-2]["codable"])
    assert panel.category_box.isChecked()
    assert window.interview.controller.undo_stack.undoText() == "Make Category"
    assert panel.child_button.text() == "New Sub-code"
    feelings = next(c for c in data["codes"] if c["name"] == "Feelings")
    assert feelings["description"] == "Any **feeling** named"
    # Every step undoes, with the focus in the codebook.
    stack = window.interview.controller.undo_stack
    while stack.canUndo():
        stack.undo()
    assert len(window.codebook.hub.book) == 0
    assert not panel.empty.isHidden()


def test_delete_says_what_goes_and_undo_brings_it_back(
    window: MainWindow, qtbot, dialogs, notes_path
) -> None:
    code_with_keys(window, qtbot, window.interview.session.document.text.split()[3], "Work")
    panel = window.codebook.panel
    code_id = window.codebook.hub.book.find("Work").id
    (coded,) = wait_saved(qtbot, notes_path, lambda d: d["highlights"])["highlights"]
    panel.set_current(code_id)
    panel.delete_code()
    kind, text = dialogs.shown[-1]
    assert kind == "ask" and "1 passage coded only with it (no colour, no note) will be" in text
    # Coded from a plain selection, it showed by its code alone: it goes with it.
    data = wait_saved(qtbot, notes_path, lambda d: d["codes"] == [])
    assert data["highlights"] == []
    window.codebook.hub.interview.controller.undo_stack.undo()
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"])
    assert data["highlights"] == [coded]


def test_deleting_an_unused_code_says_no_passage_is_coded_with_it(window: MainWindow, dialogs):
    hub = window.codebook.hub
    unused = hub.create("Unused")
    assert unused is not None
    window.codebook.panel.set_current(unused.id)
    window.codebook.panel.delete_code()
    kind, text = dialogs.shown[-1]
    assert kind == "ask" and "No passage is coded with it. Edit ▸ Undo brings" in text
    assert "0 " not in text


def test_after_a_delete_the_next_code_is_current(window: MainWindow) -> None:
    """The selection goes on down the tree (past the deleted code's sub-codes), and to the
    code above once the last one is gone: Delete again deletes the next."""
    hub, panel = window.codebook.hub, window.codebook.panel
    a, b, c = (hub.create(name) for name in ("A", "B", "C"))
    assert a and b and c
    hub.create("B1", parent=b.id)
    panel.set_current(b.id)
    panel.delete_code()
    assert panel.current_id() == c.id
    panel.delete_code()
    assert panel.current_id() == a.id
    panel.delete_code()
    assert panel.current_id() == "" and len(hub.book) == 0


# Studies: the study's codebook in study.json, merge and delete across notes files -------


def study_json(folder: Path) -> dict:
    return orjson.loads((folder / "study.json").read_bytes())


def notes_of(folder: Path, interview_id: str) -> dict:
    return orjson.loads((folder / "notes" / f"{interview_id}.json").read_bytes())


def test_merge_and_delete_across_a_study_with_undo(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    window = make_study_window(folder)
    first = window.switcher.current
    code_with_keys(window, qtbot, "coffee", "Drinks")
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks"]
    window.switcher.step(1)
    second = window.switcher.current
    code_with_keys(window, qtbot, "dawn", "Beverages")
    code_with_keys(window, qtbot, "nobody", "Silence")
    hub, panel = window.codebook.hub, window.codebook.panel
    assert hub.counts() == {hub.book.find(n).id: 1 for n in ("Drinks", "Beverages", "Silence")}
    drinks, beverages = hub.book.find("Drinks").id, hub.book.find("Beverages").id
    # Merge Drinks (coded in the first interview, closed now) into Beverages.
    panel.set_current(drinks)
    dialogs.item_answers.append((0, True))  # the first other code: Beverages
    panel.merge_code()
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Beverages", "Silence"]
    assert notes_of(folder, first)["highlights"][0]["codes"] == [beverages]
    assert hub.counts()[beverages] == 2
    # Delete Silence, coded in the open interview.
    panel.set_current(hub.book.find("Silence").id)
    panel.delete_code()
    assert "1 passage coded only with it" in dialogs.shown[-1][1]
    open_codes = [h.codes for h in window.interview.session.notes.highlights]
    assert open_codes == [(beverages,)]  # "nobody", coded Silence alone, went with it
    # Undo both from the study's history (the codebook has the focus).
    panel.view.setFocus()
    qtbot.waitUntil(lambda: window.interview.undo_group.activeStack() is window.study.undo_stack)
    window.window_actions.undo.trigger()
    silence = hub.book.find("Silence").id
    assert [h.codes for h in window.interview.session.notes.highlights][1] == (silence,)
    window.window_actions.undo.trigger()
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks", "Beverages", "Silence"]
    assert notes_of(folder, first)["highlights"][0]["codes"] == [drinks]
    # The open interview's file follows when it is written.
    window.switcher.step(-1)
    saved_second = notes_of(folder, second)
    assert [c for h in saved_second["highlights"] for c in h["codes"]] == [beverages, silence]
    assert saved(folder / "notes" / f"{first}.json")["highlights"][0]["codes"] == [drinks]
    # A code with passages becomes no category, nor merges into one (they would drop out
    # of every count and picture): said, nothing changed.
    panel.set_current(beverages)
    panel.category_box.click()
    assert not panel.category_box.isChecked()
    assert "“Beverages” cannot be a category: 1 passage is coded with it" in window.banner.text()
    feelings = hub.create("Feelings")
    assert feelings is not None
    panel.set_current(feelings.id)
    panel.category_box.click()  # no passage: it can
    assert panel.category_box.isChecked()
    panel.set_current(drinks)
    dialogs.item_answers.append((2, True))  # Beverages, Silence, Feelings: Feelings
    panel.merge_code()
    assert "“Drinks” cannot merge into “Feelings”: a category holds" in window.banner.text()
    codes = study_json(folder)["codes"]
    assert [(c["name"], c["codable"]) for c in codes] == [
        ("Drinks", True),
        ("Beverages", True),
        ("Silence", True),
        ("Feelings", False),
    ]


def test_retrieval_across_the_study_jumps_and_exports(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    first = window.switcher.current
    window.switcher.step(2)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "patients", "Care")
    hub = window.codebook.hub
    drinks, care = hub.book.find("Drinks").id, hub.book.find("Care").id
    window.codebook.panel.set_current(drinks)
    qtbot.keyClick(window.codebook.panel.view, Qt.Key.Key_Return)  # Enter retrieves
    retrieval = window.codebook.retrieval
    assert retrieval.isVisible()
    # Each study transcript is "Q: …" then "A: …": labelled throughout, so "A" speaks.
    assert [(p.title, p.speaker, p.question, p.highlight.exact) for p in retrieval.passages] == [
        ("P01 Ana", "A", 1, "coffee"),
        ("P10 Cem", "A", 1, "coffee"),
    ]
    # A not B: Drinks without Care.
    retrieval.operator.setCurrentIndex(retrieval.operator.findData("not"))
    retrieval.second.setCurrentIndex(retrieval.second.findData(care))
    assert len(retrieval.passages) == 2  # Care sits on another passage
    retrieval.operator.setCurrentIndex(retrieval.operator.findData("and"))
    assert retrieval.passages == [] and "0 passages" in retrieval.count.text()
    retrieval.operator.setCurrentIndex(retrieval.operator.findData("or"))
    assert len(retrieval.passages) == 3
    # Enter on the first row switches to P01 with the caret in its passage.
    retrieval.operator.setCurrentIndex(0)
    retrieval.list.setFocus()
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Return)
    assert window.switcher.current == first
    assert window.reader.current_highlight().exact == "coffee"
    for extension in ("md", "html", "csv"):
        out = tmp_path / f"drinks.{extension}"
        dialogs.save_answers.append(str(out))
        retrieval.export(extension)
        assert out.exists()
    assert "P10 Cem" in (tmp_path / "drinks.md").read_text("utf-8")
    assert '<blockquote dir="auto">' in (tmp_path / "drinks.html").read_text("utf-8")
    rows = (tmp_path / "drinks.csv").read_text("utf-8-sig").splitlines()
    assert rows[0].startswith("interview,participant,speaker") and len(rows) == 3
    # Left open, the list follows a passage coded meanwhile, and Export writes it too.
    code_with_keys(window, qtbot, "handover", "Drinks")
    qtbot.waitUntil(lambda: len(retrieval.passages) == 3)
    assert retrieval.count.text() == "3 passages in 2 interviews"
    dialogs.save_answers.append(str(tmp_path / "now.csv"))
    retrieval.export("csv")
    assert len((tmp_path / "now.csv").read_text("utf-8-sig").splitlines()) == 4
    assert retrieval.count.text() == f"Exported 3 passages to {tmp_path / 'now.csv'}"
    retrieval.first.setCurrentIndex(retrieval.first.findData(care))
    dialogs.save_answers.append(str(tmp_path / "care.md"))
    retrieval.export("md")
    assert retrieval.count.text() == f"Exported 1 passage to {tmp_path / 'care.md'}"
    # The code shown deleted: no other code takes its place; Undo brings it back.
    retrieval.first.setCurrentIndex(retrieval.first.findData(drinks))
    window.codebook.panel.set_current(drinks)
    window.codebook.panel.delete_code()
    assert retrieval.passages == [] and retrieval.first.currentText() == ""
    assert retrieval.count.text() == (
        "“Drinks” is no longer in the codebook (deleted or merged): Edit ▸ Undo brings it back."
    )
    assert not retrieval.export_button.isEnabled()
    window.codebook.panel.view.setFocus()
    qtbot.waitUntil(lambda: window.interview.undo_group.activeStack() is window.study.undo_stack)
    window.window_actions.undo.trigger()
    assert retrieval.first.currentData() == drinks and len(retrieval.passages) == 3


def test_pictures_saved_as_png_svg_and_csv(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    from xml.etree import ElementTree

    from PySide6.QtGui import QImage

    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "handover", "Work")
    window.switcher.step(2)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    window.window_actions.codes.pictures.trigger()
    pictures = window.codebook.pictures
    assert pictures.isVisible()
    kinds = [pictures.kind.itemData(i) for i in range(pictures.kind.count())]
    assert kinds == ["interview", "participant", "co-occurrence", "frequencies"]
    for kind in kinds:
        pictures.show_kind(kind)
        for extension in ("png", "svg", "csv"):
            out = tmp_path / f"{kind}.{extension}"
            dialogs.save_answers.append(str(out))
            pictures.save(extension)
            assert out.exists(), pictures.status.text()
        assert not QImage(str(tmp_path / f"{kind}.png")).isNull()
        assert ElementTree.parse(tmp_path / f"{kind}.svg").getroot().tag.endswith("svg")
    rows = (tmp_path / "interview.csv").read_text("utf-8-sig").splitlines()
    # With the Total column the picture shows (found by the coding review: left out).
    assert rows == ["code,P01 Ana,P02 Ben,P10 Cem,total", "Drinks,1,0,1,2", "Work,1,0,0,1"]
    assert (tmp_path / "frequencies.csv").read_text("utf-8-sig").splitlines() == [
        "code,passages,interviews",  # each code's passages, and the interviews it is in
        "Drinks,2,2",
        "Work,1,1",
    ]
    co = (tmp_path / "co-occurrence.csv").read_text("utf-8-sig").splitlines()
    assert co == ["code,Drinks,Work", "Drinks,2,0", "Work,0,1"]
    # Left open, the picture follows a passage coded meanwhile, and saves it too.
    pictures.show_kind("frequencies")
    code_with_keys(window, qtbot, "patients", "Work")
    qtbot.waitUntil(lambda: pictures.view.picture.matrix.counts == [[2, 2], [2, 2]])
    dialogs.save_answers.append(str(tmp_path / "now.csv"))
    pictures.save("csv")
    saved = (tmp_path / "now.csv").read_text("utf-8-sig").splitlines()[1:]
    assert saved == ["Drinks,2,2", "Work,2,2"]


# REFI-QDA in the File menu ------------------------------------------------------------


def test_refi_menu_items_export_and_import(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    import zipfile

    from PySide6.QtWidgets import QDialog, QFileDialog

    from reader.ui.exporting.export_dialog import ExportDialog
    from tests.ui.test_main_window import menu_action

    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    for label in (
        "W3C Annotations (.jsonld)…",
        "REFI-QDA Project (.qdpx)…",
        "REFI-QDA Codebook (.qdc)…",
    ):
        assert menu_action(window.menuBar(), "File", "Import", label) is not None
    # Among the codes the item says what it does: "REFI-QDA Codebook (.qdc)…" had no verb.
    in_codes = menu_action(window.menuBar(), "Codes", "Import REFI-QDA Codebook (.qdc)…")
    assert in_codes.isEnabled()

    # File ▸ Export…: the whole study as a REFI-QDA project, with MAXQDA's line ends.
    def choose(kind: str, crlf: bool = False):
        def exec_(dialog: ExportDialog) -> int:
            dialog.scope_combo.setCurrentIndex(1)
            dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(kind))
            assert dialog.crlf_box.isVisibleTo(dialog) == (kind == "qdpx")
            dialog.crlf_box.setChecked(crlf)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ExportDialog, "exec", exec_)

    choose("qdpx", crlf=True)
    project = tmp_path / "study.qdpx"
    dialogs.save_answers.append(str(project))
    window.window_actions.export.trigger()
    with zipfile.ZipFile(project) as archive:
        qde = archive.read("project.qde").decode("utf-8")
        sources = [n for n in archive.namelist() if n.startswith("sources/")]
    assert 'name="Drinks"' in qde and len(sources) == 3
    assert all(b"\r\n" in zipfile.ZipFile(project).read(n) for n in sources)
    codebook = tmp_path / "codes.qdc"
    choose("qdc")
    dialogs.save_answers.append(str(codebook))
    window.window_actions.export.trigger()
    assert b"urn:QDA-XML:codebook:1.0" in codebook.read_bytes()
    # Import the project as a new study: it opens, and the report says what came in.
    new = tmp_path / "imported"
    dialogs.open_answers.append(str(project))
    dialogs.choice_answers.append("New Study…")  # not into the study open now
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(new))
    window.window_actions.codes.import_qdpx.trigger()
    assert window.study.study.folder == new
    kind, text = dialogs.shown[-1]
    assert kind == "information" and "Imported 3 interviews, 1 code" in text
    assert window.codebook.hub.book.find("Drinks") is not None
    # A codebook joins the open one: a known code is not added twice; undo takes it out.
    other = tmp_path / "more.qdc"
    other.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="5b7f3a2e-1111-4c3a-9d7e-2f3b4c5d6e7f" name="Drinks" isCodable="true"/>'
        '<Code guid="5b7f3a2e-2222-4c3a-9d7e-2f3b4c5d6e7f" name="Sleep" isCodable="true"'
        ' color="#123456"><Description>When they rest</Description></Code>'
        "</Codes></CodeBook>",
        "utf-8",
    )
    dialogs.open_answers.append(str(other))
    window.window_actions.codes.import_qdc.trigger()
    assert [c.name for c in window.codebook.hub.book] == ["Drinks", "Sleep"]
    said = dialogs.shown[-1][1]
    assert "Added 1 code " in said and "Already in the codebook: Drinks" in said
    assert [c["name"] for c in study_json(new)["codes"]] == ["Drinks", "Sleep"]
    window.study.undo_stack.undo()
    assert [c["name"] for c in study_json(new)["codes"]] == ["Drinks"]
    # What it leaves out for one reason is one line, as the command line says it.
    nameless = "".join(
        f'<Code guid="{n}2345678-1234-1234-1234-1234567890ab" name=""/>' for n in "12345"
    )
    other.write_text(
        f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{nameless}</Codes></CodeBook>'
    )
    dialogs.open_answers.append(str(other))
    window.window_actions.codes.import_qdc_in_codes.trigger()  # Codes ▸ Import…, the same
    assert (
        "Not imported: 5 codes (“?”, “?”, “?” and 2 more): it has no name." in dialogs.shown[-1][1]
    )


def test_stripes_beside_coded_passages_name_their_codes(window: MainWindow, qtbot) -> None:
    words = window.interview.session.document.text.split()
    code_with_keys(window, qtbot, words[3], "Work")
    pick(window, qtbot, "Place")
    window.reader.viewport().repaint()
    stripes = window.codebook.stripes
    assert len(stripes.painted) == 2  # one bar per code, side by side
    (first, _), (second, _) = stripes.painted
    assert second.left() > first.right()
    text_right = window.reader.viewport().width() - (
        window.reader.document().rootFrame().frameFormat().rightMargin()
    )
    assert first.left() > text_right  # in the margin, beside the text
    centre = first.center()
    assert stripes.names_at(centre.x(), centre.y()) == ["Work"]
    viewport = window.reader.viewport()
    at = centre.toPoint()
    tip = QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at))
    assert stripes.eventFilter(viewport, tip)  # its tooltip names the code
    assert QToolTip.text() == "■ Work"
    work = window.codebook.hub.book.find("Work")
    assert window.annotations._model.code_colors[work.id] == work.color
    # Renamed in the codebook: the Annotations list names it anew.
    hub = window.codebook.hub
    hub.update(hub.book.find("Work").id, "Rename Code", name="Labour")
    window.window_actions.focus_annotations.trigger()
    qtbot.waitUntil(
        lambda: (
            "Labour"
            in window.annotations._by_id[window.interview.session.notes.highlights[0].id].tags
        )
    )


def test_drag_and_drop_moves_a_code_below_another_and_between(window: MainWindow, qtbot) -> None:
    from PySide6.QtCore import QModelIndex

    hub = window.codebook.hub
    for name in ("A", "B", "C"):
        hub.create(name)
    window.window_actions.codes.focus_codebook.trigger()
    model = window.codebook.panel.model
    a, b, c = (hub.book.find(n).id for n in ("A", "B", "C"))
    # C dropped onto A goes below it.
    data = model.mimeData([model.index_of(c)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(a))
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(a))
    qtbot.waitUntil(lambda: hub.book.path(c) == "A / C")
    # A cannot go below its own C; B dropped between the top codes goes first.
    data = model.mimeData([model.index_of(a)])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(c))
    data = model.mimeData([model.index_of(b)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: [x.name for x in hub.book.children("")] == ["B", "A"])
    window.interview.controller.undo_stack.undo()
    assert [x.name for x in hub.book.children("")] == ["A", "B"]


def test_a_code_dropped_where_it_is_makes_no_undo_step(window: MainWindow, qtbot) -> None:
    """Dropped in place (under the list, being last): "Undo Move Code" did nothing."""
    from PySide6.QtCore import QModelIndex

    hub = window.codebook.hub
    hub.create("A")
    b = hub.create("B")
    stack = window.interview.controller.undo_stack
    steps = stack.count()
    model = window.codebook.panel.model
    data = model.mimeData([model.index_of(b.id)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())  # below itself
    QApplication.processEvents()  # the drops move through the hub once they have returned
    assert stack.count() == steps
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())  # one that moves
    qtbot.waitUntil(lambda: [x.name for x in hub.book.children("")] == ["B", "A"])
    assert stack.count() == steps + 1


def test_picker_ranks_by_name_then_fuzzily_and_offers_recent_codes_first() -> None:
    from reader.core.codebook import Codebook
    from reader.ui.codebook.picker import ranked

    book = Codebook()
    feel = book.create("Feelings", codable=False)
    trust = book.create("Trust", parent=feel.id)
    distrust = book.create("Distrust", parent=feel.id)
    rehearsal = book.create("Rehearsal")
    assert ranked("", book, [rehearsal.id]) == [rehearsal, trust, distrust]  # no category
    assert ranked("trust", book)[:2] == [trust, distrust]
    assert ranked("rehrsl", book)[0] == rehearsal
    assert ranked("zzzz", book) == []


def two_stresses(window: MainWindow, qtbot) -> tuple[Code, Code]:
    """Codes "Stress" under Work (#123456) and under Home (#abcdef), each coded on a word
    with keys (the 4th word: Work's, the 10th: Home's)."""
    hub = window.codebook.hub
    work, home = hub.create("Work"), hub.create("Home")
    assert work is not None and home is not None
    at_work, at_home = hub.create("Stress", work.id), hub.create("Stress", home.id)
    assert at_work is not None and at_home is not None
    hub.update(at_work.id, color="#123456")
    hub.update(at_home.id, color="#abcdef")
    words = window.interview.session.document.text.split()
    code_with_keys(window, qtbot, words[3], "Work / Stress")
    code_with_keys(window, qtbot, words[9], "Home / Stress")
    return hub.book.code(at_work.id), hub.book.code(at_home.id)


def test_code_chips_are_keyed_by_id_so_codes_of_one_name_keep_their_colours(
    window: MainWindow, qtbot
) -> None:
    hub = window.codebook.hub
    at_work, at_home = two_stresses(window, qtbot)
    window.window_actions.focus_annotations.trigger()
    panel = window.annotations
    qtbot.waitUntil(lambda: len(panel._model.rows) == 2)
    rows = panel._model
    chips = [rows.codes_of(entry) for entry in rows.rows if entry is not None]
    assert chips == [((at_work.id, "Work / Stress"),), ((at_home.id, "Home / Stress"),)]
    assert "Codes: Home / Stress" in rows.data(rows.index(1), Qt.ItemDataRole.ToolTipRole)
    # Each card paints its own code's colour in its chip, and not the other's.
    image = panel.view.viewport().grab().toImage()

    def colors_in(row: int) -> set[str]:
        rect = panel.view.visualRect(panel.view.model().index(row, 0))
        return {
            image.pixelColor(x, y).name()
            for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())
        }

    first, second = colors_in(0), colors_in(1)
    assert "#123456" in first and "#abcdef" not in first
    assert "#abcdef" in second and "#123456" not in second
    # Renamed apart, each chip names its code alone.
    hub.update(at_home.id, "Rename Code", name="Strain")
    assert rows.codes_of(rows.rows[1])[0][1] == "Strain"
    assert rows.codes_of(rows.rows[0])[0][1] == "Stress"


def test_alt_numbers_after_a_restart_hold_the_codes_coded_last(
    make_window, notes_path: Path, qtbot
) -> None:
    """Alt+1..9 hold the codes used last; at the next start, those of the passages changed
    last. An Alt+number with no code says so, instead of doing nothing."""
    notes = notes_with(notes_path, ["Her Smell", "Alex Ross Perry"])
    book = Codebook()
    older, newer = codes_for_tags(["Older", "Newer"], book)
    first, second = notes.highlights
    notes.highlights[:] = [
        replace(first, codes=(older,), modified="2026-01-01T00:00:00Z"),
        replace(second, codes=(newer,), modified="2026-02-01T00:00:00Z"),
    ]
    save_notes(notes_path, replace(notes, codebook=book))
    window = make_window()
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)  # Alt+1 is the window's shortcut
    text = window.interview.session.document.text
    for number, code in [(1, newer), (2, older)]:
        start = text.index("Elisabeth Moss")
        select(window, qtbot, start, start + len("Elisabeth Moss"))
        key = getattr(Qt.Key, f"Key_{number}")
        qtbot.keyClick(window.reader, key, Qt.KeyboardModifier.AltModifier)
        data = wait_saved(
            qtbot,
            notes_path,
            lambda d, c=code: any(
                c in h["codes"] for h in d["highlights"] if h["exact"] == "Elisabeth Moss"
            ),
        )
    assert [h["codes"] for h in data["highlights"] if h["exact"] == "Elisabeth Moss"] == [
        [newer, older]
    ]
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert "Alt+3 has no code yet" in window.statusBar().currentMessage()


def test_alt_number_on_a_passage_with_its_code_says_so(window: MainWindow, qtbot) -> None:
    """Alt+1 on a passage that has the code already did nothing and said nothing (with the
    caret on no passage, it says what it needs, as C does)."""
    code_with_keys(window, qtbot, "respectable", "Alpha")
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(window.reader, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # on it
    assert window.statusBar().currentMessage() == "“Alpha” is on this passage already."
    text = window.interview.session.document.text
    select(window, qtbot, text.index("corporate"), text.index("corporate"))  # a caret only
    qtbot.keyClick(window.reader, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.statusBar().currentMessage().startswith("Recent Code 1: Select words")
    assert len(window.interview.session.notes.highlights) == 1


def test_alt_numbers_keep_their_codes_when_one_is_merged(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """Sleep, Drinks and Work coded (Alt+1 Work, Alt+2 Drinks, Alt+3 Sleep), then Drinks
    merged into Beverages: Drinks left the list and Alt+2 applied Sleep, unasked. Alt+2
    is Beverages now, where Drinks went; a code deleted keeps its number, and says so."""
    window = make_study_window(folder)
    for word, name in (("coffee", "Sleep"), ("handover", "Drinks"), ("With", "Work")):
        code_with_keys(window, qtbot, word, name)
    hub, panel = window.codebook.hub, window.codebook.panel
    beverages = hub.create("Beverages")
    assert beverages is not None
    panel.set_current(hub.book.find("Drinks").id)
    dialogs.item_answers.append((len(hub.book) - 2, True))  # Beverages, the last but it
    panel.merge_code()
    assert hub.book.find("Drinks") is None
    window.switcher.step(1)
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    text = window.interview.session.document.text
    select(window, qtbot, text.index("dawn"), text.index("dawn") + len("dawn"))
    qtbot.keyClick(window.reader, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    (coded,) = window.interview.session.notes.highlights
    assert coded.codes == (beverages.id,)
    # Sleep deleted: Alt+3 is not Sleep's neighbour's now, but says where Sleep went.
    panel.set_current(hub.book.find("Sleep").id)
    panel.delete_code()
    select(window, qtbot, text.index("nobody"), text.index("nobody") + len("nobody"))
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert [h.codes for h in window.interview.session.notes.highlights] == [(beverages.id,)]
    assert window.statusBar().currentMessage().startswith("Alt+3's code was deleted")


def test_the_menu_key_and_ctrl_m_reach_merging(
    make_window, tmp_path: Path, qtbot, dialogs, notes_path, monkeypatch
) -> None:
    """Merging without the mouse: Ctrl+M in the tree, or the code's menu (Menu key)."""
    doc = tmp_path / "film.txt"
    doc.write_text(TEXT, "utf-8")
    window = make_window(doc)
    code_with_keys(window, qtbot, "dawn", "Morning")
    code_with_keys(window, qtbot, "ending", "Dawn")
    hub, panel = window.codebook.hub, window.codebook.panel
    morning, dawn = hub.book.find("Morning").id, hub.book.find("Dawn").id
    menus = Menus(monkeypatch)
    panel.set_current(morning)
    view = panel.view
    view.setFocus()
    point = QPoint(5, 5)
    QApplication.sendEvent(
        view,
        QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard,
            point,
            view.mapToGlobal(point),
            Qt.KeyboardModifier(0),
        ),
    )
    assert panel.current_id() == morning  # the current code's menu
    assert [shown(a.text()) for a in menus.opened[-1].actions() if a.text()] == [
        "Retrieve Passages",
        "Rename",
        "Colour…",
        "Merge Into…",
        "Move Into…",
        "Delete",
        "New Sub-code",
        "New Code",
    ]
    dialogs.item_answers.append((0, True))  # the only other code: Dawn
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["codes"]) == 1)
    assert [h["codes"] for h in data["highlights"]] == [[dawn], [dawn]]


def test_a_study_opening_counts_the_other_interviews_once_the_codebook_has_painted(
    make_study_window, folder: Path, qtbot
) -> None:
    """Counting a study's codings reads every notes file: 500 interviews took ~300 ms and
    50 MB before the window's first paint. The Codebook shows the open interview's counts
    at once and the study's just after it has painted."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    window.switcher.step(1)
    code_with_keys(window, qtbot, "dawn", "Drinks")
    window.close()
    again = make_study_window(folder)
    panel = again.codebook.panel
    drinks = again.codebook.hub.book.find("Drinks").id
    assert panel.model.counts.get(drinks) == 1  # the open interview's, before it paints
    qtbot.waitUntil(lambda: panel.model.counts.get(drinks) == 2)


def test_alt_number_never_codes_a_passage_with_a_code_made_a_category_since(
    window: MainWindow, qtbot
) -> None:
    """Found by the coding review: the picker never offers a category, but Alt+1 applied
    the code used last after it had become one (a category holds no passages)."""
    code_with_keys(window, qtbot, "respectable", "Alpha")
    hub = window.codebook.hub
    alpha = hub.book.find("Alpha")
    assert alpha is not None
    (coded,) = window.interview.session.notes.highlights
    hub.set_codes(coded.id, (), "Uncode")  # its last code off: the passage goes
    assert hub.update(alpha.id, codable=False)  # none coded: it may be a category
    window.activateWindow()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    text = window.interview.session.document.text
    start = text.index("corporate")
    select(window, qtbot, start, start + len("corporate"))
    qtbot.keyClick(window.reader, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.interview.session.notes.highlights == []
    assert "is a category now" in window.statusBar().currentMessage()
