"""Codes ▸ Retrieve as a reader uses it: each coded passage read in full, wrapped, with
where it is, moving through the list by keys; and the window's Close button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys, pick
from tests.ui.test_highlights import select

CTRL = Qt.KeyboardModifier.ControlModifier

LONG = (
    "Well, the land was my grandfather's, and before him his mother's, and nobody ever "
    "wrote it down anywhere, so when the surveyors came with their papers we had nothing "
    "to show them but the trees we planted and the graves on the hill."
)
TALK = f"Q: Who owns the land?\nA: {LONG}\nQ: And now?\nA: Now we rent it back.\n"


def retrieve_code(window: MainWindow, qtbot, name: str):
    window.codebook.panel.set_current(window.codebook.hub.book.find(name).id)
    qtbot.keyClick(window.codebook.panel.view, Qt.Key.Key_Return)  # Enter retrieves
    retrieval = window.codebook.retrieval
    assert retrieval is not None and retrieval.isVisible()
    return retrieval


def test_each_passage_reads_in_full_and_wrapped(make_window, tmp_path: Path, qtbot) -> None:
    doc = tmp_path / "land.txt"
    doc.write_text(TALK, "utf-8")
    window = make_window(doc)
    text = window.interview.session.document.text
    for words in (LONG, "Now we rent it back."):
        start = text.index(words)
        select(window, qtbot, start, start + len(words))
        pick(window, qtbot, "Land tenure")
    retrieval = retrieve_code(window, qtbot, "Land tenure")
    retrieval.resize(700, 500)
    QApplication.processEvents()
    preview = retrieval.preview
    shown = preview.toPlainText()
    assert LONG in shown  # the whole passage, not a line cut off with "…"
    assert "Land · A · Question 1" in shown and "Land tenure" in shown
    # Wrapped: it takes several lines, none wider than the pane.
    assert preview.document().size().height() > 3 * preview.fontMetrics().height()
    assert preview.horizontalScrollBar().maximum() == 0
    # Down in the list shows the next passage; Tab goes on to read it.
    retrieval.list.setFocus()
    qtbot.waitUntil(retrieval.list.hasFocus)
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Down)
    assert "Now we rent it back." in preview.toPlainText()
    assert "Question 2" in preview.toPlainText() and LONG not in preview.toPlainText()
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Tab)
    assert preview.hasFocus()


def test_a_passage_reads_in_its_turn_the_rest_dimmed(make_window, tmp_path: Path, qtbot) -> None:
    """The pane under the list showed the coded words alone ("the graves on the hill"):
    what was said around them, needed to read them, meant going to the passage. The rest
    of its turn is shown around them now, dimmed, without the label before it."""
    from reader.ui.theme import muted_color

    doc = tmp_path / "land.txt"
    doc.write_text(TALK, "utf-8")
    window = make_window(doc)
    text = window.interview.session.document.text
    words = "the graves on the hill"
    select(window, qtbot, text.index(words), text.index(words) + len(words))
    pick(window, qtbot, "Death")
    preview = retrieve_code(window, qtbot, "Death").preview
    assert LONG in preview.toPlainText() and "A: Well" not in preview.toPlainText()

    def color(found: str):
        at = preview.document().find(found)
        return at.charFormat().foreground().color().name()

    assert color("grandfather") == color("planted") == muted_color().name()
    assert color("graves") != muted_color().name()


def test_no_passages_leave_the_pane_empty(make_window, tmp_path: Path, qtbot) -> None:
    doc = tmp_path / "land.txt"
    doc.write_text(TALK, "utf-8")
    window = make_window(doc)
    text = window.interview.session.document.text
    for word, code in (("rent", "Money"), ("graves", "Death")):
        select(window, qtbot, text.index(word), text.index(word) + len(word))
        pick(window, qtbot, code)
    retrieval = retrieve_code(window, qtbot, "Money")
    assert "rent" in retrieval.preview.toPlainText()
    retrieval.operator.setCurrentIndex(retrieval.operator.findData("and"))
    retrieval.second.setCurrentIndex(retrieval.second.findData(retrieval.hub.book.find("Death").id))
    assert retrieval.passages == [] and retrieval.preview.toPlainText() == ""


def test_a_word_coded_inside_a_coded_answer_is_found_by_and(
    make_window, tmp_path: Path, qtbot
) -> None:
    """A whole answer coded Land tenure and a word in it coded Death: "Death and Land
    tenure" listed nothing, as if codings never nested, while the co-occurrence picture
    counted the pair. It lists the word's passage now, the code met around it named."""
    doc = tmp_path / "land.txt"
    doc.write_text(TALK, "utf-8")
    window = make_window(doc)
    text = window.interview.session.document.text
    for words, code in ((LONG, "Land tenure"), ("graves", "Death")):
        select(window, qtbot, text.index(words), text.index(words) + len(words))
        pick(window, qtbot, code)
    retrieval = retrieve_code(window, qtbot, "Death")
    book = retrieval.hub.book
    retrieval.operator.setCurrentIndex(retrieval.operator.findData("and"))
    retrieval.second.setCurrentIndex(retrieval.second.findData(book.find("Land tenure").id))
    assert [p.highlight.exact for p in retrieval.passages] == ["graves"]
    assert retrieval.list.topLevelItem(0).text(4) == "Death · overlaps Land tenure"
    assert "overlaps Land tenure" in retrieval.preview.toPlainText()
    retrieval.operator.setCurrentIndex(retrieval.operator.findData("not"))
    assert retrieval.passages == []  # "Death and not Land tenure": none apart from it


def test_close_button_and_escape_close_the_window(make_window, tmp_path: Path, qtbot) -> None:
    doc = tmp_path / "land.txt"
    doc.write_text(TALK, "utf-8")
    window = make_window(doc)
    start = window.interview.session.document.text.index("rent")
    select(window, qtbot, start, start + 4)
    pick(window, qtbot, "Money")
    retrieval = retrieve_code(window, qtbot, "Money")
    close = retrieval.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not retrieval.isVisible()
    retrieval = retrieve_code(window, qtbot, "Money")
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Escape)
    assert not retrieval.isVisible()


def test_a_passage_longer_than_the_preview_shows_its_start_and_says_how_much_more(
    qapp,
) -> None:
    from reader.core.annotations import make_highlight
    from reader.core.codebook_retrieval import Passage
    from reader.ui.codebook.passage_view import PREVIEW_CHARS, passage_html

    text = "word " * (PREVIEW_CHARS // 2)  # a whole transcript coded
    passage = Passage("i1", "P1", "", {}, make_highlight(text, 0, len(text)), ("Care",))
    shown = passage_html(passage)
    assert len(shown) < PREVIEW_CHARS + 1_000
    assert f"{len(text) - PREVIEW_CHARS:,} more characters" in shown
    assert "Care" in shown


def test_retrieve_and_pictures_wait_for_a_first_code(make_window, qtbot) -> None:
    from reader.ui.codebook.wiring import NO_CODES
    from tests.ui.test_codebook import code_with_keys

    window: MainWindow = make_window()  # the bundled interview, no codes yet
    codes = window.window_actions.codes
    assert not codes.retrieve.isEnabled() and codes.retrieve.toolTip() == NO_CODES
    assert not codes.pictures.isEnabled()
    code_with_keys(window, qtbot, "Rehearsal", "Method")
    assert codes.retrieve.isEnabled() and codes.pictures.isEnabled()


def test_the_second_code_box_names_no_code_while_it_is_not_used(make_window, qtbot) -> None:
    from tests.ui.test_codebook import code_with_keys

    window: MainWindow = make_window()
    code_with_keys(window, qtbot, "Rehearsal", "Method")
    window.window_actions.codes.retrieve.trigger()
    retrieval = window.codebook.retrieval
    assert retrieval.first.currentText().strip() == "Method"
    assert not retrieval.second.isEnabled() and retrieval.second.currentText() == ""
    retrieval.operator.setCurrentIndex(1)  # a pair: A and B, …
    assert retrieval.second.isEnabled() and retrieval.second.currentText().strip() == "Method"
    retrieval.operator.setCurrentIndex(0)
    assert retrieval.second.currentText() == ""


def test_the_window_comes_back_at_the_size_it_was_given(start_window, land, qtbot) -> None:
    window = start_window(land)
    start = window.interview.session.document.text.index(LONG)
    select(window, qtbot, start, start + len(LONG))
    pick(window, qtbot, "Land tenure")
    retrieval = retrieve_code(window, qtbot, "Land tenure")
    retrieval.resize(640, 430)
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Escape)
    assert not retrieval.isVisible()
    window.close()
    again = start_window(None)
    assert retrieve_code(again, qtbot, "Land tenure").size().toTuple() == (640, 430)


def test_enter_on_a_passage_goes_there_and_no_further(make_window, land, qtbot) -> None:
    window = make_window(land)
    start = window.interview.session.document.text.index("Now we rent")
    select(window, qtbot, start, start + 11)
    pick(window, qtbot, "Land tenure")
    window.reader.setTextCursor(window.reader.cursorForPosition(window.reader.rect().topLeft()))
    retrieval = retrieve_code(window, qtbot, "Land tenure")
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Return)
    assert window.interview.session.document.text[window.reader.cursor_offset() :].startswith(
        "Now we rent"
    )
    # The dialog's default button, Export, took it too: its menu opened over the passage.
    assert not retrieval.export_button.menu().isVisible()
    assert retrieval.isVisible()


def test_a_passage_gone_to_shows_its_question_above_it(make_window, tmp_path, qtbot) -> None:
    """Enter on a passage put its paragraph at the reader's top edge: the question it
    answers was out of sight. It comes a quarter of the way down now, as every jump does
    (the reading line the Outline follows), the question above it in view."""
    from PySide6.QtGui import QTextCursor

    answer = "A: " + " ".join(["Nothing much happened that week."] * 6) + "\n"
    doc = tmp_path / "many.txt"
    doc.write_text("".join(f"Q: Question {n}?\n{answer}" for n in range(1, 30)), "utf-8")
    window = make_window(doc)
    window.resize(1024, 640)
    text = window.interview.session.document.text
    start = text.index("Nothing", text.index("Question 20?"))
    select(window, qtbot, start, start + len("Nothing much"))
    pick(window, qtbot, "Calm")
    reader = window.reader
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(retrieve_code(window, qtbot, "Calm").list, Qt.Key.Key_Return)
    at = QTextCursor(reader.document())
    at.setPosition(reader.reading.to_qt(start))
    quarter = reader.viewport().height() // 4
    assert abs(reader.cursorRect(at).top() - quarter) <= reader.cursorRect(at).height()
    at.setPosition(reader.reading.to_qt(text.index("Q: Question 20?")))
    assert reader.cursorRect(at).top() >= 0
    qtbot.waitUntil(lambda: window.outline.currentRow() == 19)  # Q20, as it reads


@pytest.fixture
def land(tmp_path: Path) -> Path:
    doc = tmp_path / "land.txt"
    doc.write_text(TALK, "utf-8")
    return doc


def land_or_money(window: MainWindow, qtbot):
    """Three passages coded (the first Land tenure, two Money), and the Coded Passages
    of Land tenure (by Enter in the Codebook) or Money."""
    text = window.interview.session.document.text
    for words, code in (("Who owns", "Land tenure"), ("And now?", "Money"), (LONG, "Money")):
        start = text.index(words)
        select(window, qtbot, start, start + len(words))
        pick(window, qtbot, code)
    retrieval = retrieve_code(window, qtbot, "Land tenure")
    retrieval.operator.setCurrentIndex(retrieval.operator.findData("or"))
    retrieval.second.setCurrentIndex(
        retrieval.second.findData(window.codebook.hub.book.find("Money").id)
    )
    return retrieval


def test_a_shorter_list_after_a_longer_one_shows_its_passage(make_window, land, qtbot) -> None:
    window = make_window(land)
    retrieval = land_or_money(window, qtbot)
    qtbot.keyClick(retrieval.list, Qt.Key.Key_End)
    assert "rent it back" not in retrieval.preview.toPlainText()
    assert retrieval.list.currentIndex().row() == 2
    retrieval.operator.setFocus()
    qtbot.keyClick(retrieval.operator, Qt.Key.Key_Home)  # alone: one passage
    assert retrieval.list.topLevelItemCount() == 1
    assert "Who owns" in retrieval.preview.toPlainText()


def test_back_from_a_passage_the_list_is_as_it_was_left(make_window, land, qtbot) -> None:
    window = make_window(land)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    retrieval = land_or_money(window, qtbot)
    assert retrieval.list.topLevelItemCount() == 3
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Down)
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Down)
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Return)  # to the passage
    assert not retrieval.export_button.menu().isVisible()  # Enter went no further
    qtbot.waitUntil(window.isActiveWindow)
    assert window.reader.textCursor().selectedText() or window.reader.current_highlight_id
    with qtbot.waitSignal(window.window_actions.codes.retrieve.triggered, timeout=10_000):
        qtbot.keyClick(window.reader, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert retrieval.title() == "Land tenure or Money"
    assert retrieval.list.currentIndex().row() == 2


def test_the_title_tells_two_codes_of_one_name_apart(make_window, land, qtbot) -> None:
    """ "Stress or Stress" named the list and the file it is exported to."""
    window = make_window(land)
    retrieval = land_or_money(window, qtbot)
    book = window.codebook.hub.book
    home = book.create("Home")
    stress, home_stress = book.create("Stress"), book.create("Stress", parent=home.id)
    window.codebook.hub.changed.emit()
    retrieval.first.setCurrentIndex(retrieval.first.findData(stress.id))
    retrieval.second.setCurrentIndex(retrieval.second.findData(home_stress.id))
    assert retrieval.title() == "Stress or Home / Stress"


def zoom_vtt(speaker: str, start_s: int) -> str:
    """A Zoom transcript of two turns, the second from `start_s` seconds."""
    return (
        "WEBVTT\n\n1\n00:00:03.000 --> 00:00:06.000\nInterviewer: Who owns the land?\n\n"
        f"2\n00:{start_s // 60:02d}:{start_s % 60:02d}.000 --> 00:59:00.000\n"
        f"{speaker}: The land was my grandfather's.\n"
    )


def test_quotes_for_a_thesis_say_when_they_are_said(
    make_study_window, tmp_path: Path, qtbot, dialogs
) -> None:
    """Coded passages of timed transcripts are cited by their time in the recording ("P02,
    12:05"), in the list, the passage shown and the Markdown and CSV written."""
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "P01.vtt").write_text(zoom_vtt("Participant", 10), "utf-8")
    (folder / "P02.vtt").write_text(zoom_vtt("José Ángel", 725), "utf-8")
    window = make_study_window(folder)
    qtbot.waitUntil(lambda: window.interview.session is not None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for title in ("P01", "P02"):
        if window.interview.session.document.title != title:
            qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)
            qtbot.waitUntil(lambda t=title: window.interview.session.document.title == t)
        text = window.interview.session.document.text
        start = text.index("grandfather")
        select(window, qtbot, start, start + len("grandfather"))
        pick(window, qtbot, "Inheritance")
    retrieval = retrieve_code(window, qtbot, "Inheritance")
    assert "P01 · Participant · Question 1 · 0:10" in retrieval.preview.toPlainText()
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Down)
    assert "P02 · José Ángel · Question 1 · 12:05" in retrieval.preview.toPlainText()
    markdown, table = tmp_path / "inheritance.md", tmp_path / "inheritance.csv"
    dialogs.save_answers += [str(markdown), str(table)]
    retrieval.export("md")
    retrieval.export("csv")
    said = markdown.read_text("utf-8")
    assert "Participant · Q1 · 0:10 · #Inheritance" in said
    assert "José Ángel · Q1 · 12:05 · #Inheritance" in said
    # As the interview's CSV writes them: "0:10" was 10 hours to a spreadsheet (the exports
    # review), "12:05" past noon.
    assert [row.split(",")[4] for row in table.read_text("utf-8-sig").splitlines()] == [
        "time",
        "0:00:10",
        "0:12:05",
    ]


def test_the_passages_of_some_interviews_by_an_attribute(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """A chapter compares groups: "Coffee" among the night nurses alone. The Search panel
    and the Annotations dock kept only the interviews with an attribute's value; the
    coded passages listed every interview's, and so did their export."""
    window = make_study_window(folder)
    owner = window.study
    assert owner.define_attribute("Shift", "choice", ["night", "day"])
    ana, ben, cem = (e.id for e in owner.study.interviews)
    for interview_id, shift in ((ana, "night"), (ben, "day"), (cem, "night")):
        assert owner.set_attribute(interview_id, "shift", shift)
    code_with_keys(window, qtbot, "coffee", "Coffee")
    window.switcher.step(2)
    code_with_keys(window, qtbot, "coffee", "Coffee")
    retrieval = retrieve_code(window, qtbot, "Coffee")
    assert [p.title for p in retrieval.passages] == ["P01 Ana", "P10 Cem"]
    retrieval.interviews.setCurrentIndex(retrieval.interviews.findText("Shift: day"))
    assert retrieval.passages == [] and retrieval.count.text() == "0 passages in 0 interviews"
    retrieval.interviews.setCurrentIndex(retrieval.interviews.findText("Shift: night"))
    assert [p.title for p in retrieval.passages] == ["P01 Ana", "P10 Cem"]
    owner.set_attribute(cem, "shift", "day")  # changed in the Library meanwhile
    retrieval.refresh()
    assert [p.title for p in retrieval.passages] == ["P01 Ana"]
    out = tmp_path / "coffee.md"
    dialogs.save_answers.append(str(out))
    retrieval.export("md")
    assert Path(dialogs.save_suggested[-1]).name == "Coffee - Shift night.md"
    exported = out.read_text("utf-8")
    assert exported.startswith("# Coffee · Shift: night\n") and "P10 Cem" not in exported


def test_a_passages_csv_with_a_cell_longer_than_excel_holds_says_so(
    make_study_window, folder: Path, qtbot, dialogs, tmp_path: Path
) -> None:
    """The Highlights table said so; the Coded Passages' CSV wrote the same long note
    with nothing said (the day's review)."""
    from reader.core.export.csv_export import EXCEL_CELL_MAX

    window = make_study_window(folder)
    text = window.interview.session.document.text
    start = text.index("coffee")
    select(window, qtbot, start, start + len("coffee"))
    pick(window, qtbot, "Coffee")
    (passage,) = window.interview.session.notes.highlights
    long_note = "word " * (EXCEL_CELL_MAX // 5 + 1)
    window.interview.controller.edit_highlight(passage.id, "Edit Note", note=long_note)
    retrieval = retrieve_code(window, qtbot, "Coffee")
    dialogs.save_answers.append(str(tmp_path / "coffee.csv"))
    retrieval.export("csv")
    assert "longer than the 32,767 characters Excel holds" in retrieval.count.text()


def shift_retrieved(make_window, tmp_path: Path, qtbot) -> tuple[MainWindow, Any]:
    """A passage of Tomasz Wiśniewski's coded, listed in Coded Passages."""
    doc = tmp_path / "shift.txt"
    doc.write_text(
        "Leila Haddad: Who told you about the job?\n"
        "Tomasz Wiśniewski: A cousin of mine, on the night shift.\n",
        "utf-8",
    )
    window = make_window(doc)
    start = window.interview.session.document.text.index("A cousin")
    select(window, qtbot, start, start + 8)
    pick(window, qtbot, "Informal knowledge transfer")
    return window, retrieve_code(window, qtbot, "Informal knowledge transfer")


def test_the_speaker_and_the_codes_are_not_cut_beside_a_short_passage(
    make_window, tmp_path: Path, qtbot
) -> None:
    """At 100 px a column, "Tomasz Wiśnie…" and the codes were cut while the passage
    column stood half empty."""
    _, retrieval = shift_retrieved(make_window, tmp_path, qtbot)
    retrieval.resize(900, 500)
    QApplication.processEvents()
    listed, item = retrieval.list, retrieval.list.topLevelItem(0)
    assert item.text(1) == "Tomasz Wiśniewski"
    for column in (1, 4):  # the speaker, the codes: whole
        needed = listed.fontMetrics().horizontalAdvance(item.text(column))
        assert listed.columnWidth(column) > needed, item.text(column)


def test_a_column_the_user_sized_keeps_its_width_as_the_list_follows_the_coding(
    make_window, tmp_path: Path, qtbot
) -> None:
    window, retrieval = shift_retrieved(make_window, tmp_path, qtbot)
    header = retrieval.list.header()
    header.resizeSection(1, 60)  # as a drag of the heading's edge does
    start = window.interview.session.document.text.index("night shift")
    select(window, qtbot, start, start + 11)
    pick(window, qtbot, "Informal knowledge transfer")
    qtbot.waitUntil(lambda: retrieval.list.topLevelItemCount() == 2)
    assert retrieval.list.columnWidth(1) == 60


def test_a_code_chosen_again_lists_its_passages_without_opening_their_transcripts(
    make_study_window, folder: Path, qtbot, monkeypatch
) -> None:
    """Going from code to code, a researcher comes back to one: its passages in the other
    interviews were placed (their transcripts opened: 3 s for 300 interviews) when it was
    shown first, and are not placed again while their highlights are as they were."""
    from reader.core.study import Study

    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Coffee")
    code_with_keys(window, qtbot, "handover", "Handover")
    window.switcher.step(2)
    code_with_keys(window, qtbot, "coffee", "Coffee")
    window.switcher.step(-1)  # Ben's: the coded interviews are the others
    shown = [
        (p.title, p.speaker, p.question) for p in retrieve_code(window, qtbot, "Coffee").passages
    ]
    assert shown == [("P01 Ana", "A", 1), ("P10 Cem", "A", 1)]
    retrieve_code(window, qtbot, "Handover")
    opened: list[object] = []
    open_session = Study.open_session
    monkeypatch.setattr(
        Study,
        "open_session",
        lambda study, entry: opened.append(entry) or open_session(study, entry),
    )
    again = retrieve_code(window, qtbot, "Coffee")
    assert [(p.title, p.speaker, p.question) for p in again.passages] == shown
    assert opened == []


def test_passages_kept_by_an_attribute_open_only_their_interviews_transcripts(
    make_study_window, folder: Path, qtbot, monkeypatch
) -> None:
    """With "Shift: night" chosen, a code's passages were placed in every interview (each
    transcript opened: a second for each 100 interviews) and those of the day shift then
    left out; only the night shift's transcripts are opened now."""
    from reader.core.study import Study

    window = make_study_window(folder)
    owner = window.study
    assert owner.define_attribute("Shift", "choice", ["night", "day"])
    ana, ben, cem = (e.id for e in owner.study.interviews)
    for interview_id, shift in ((ana, "night"), (ben, "day"), (cem, "day")):
        assert owner.set_attribute(interview_id, "shift", shift)
    window.switcher.step(1)
    code_with_keys(window, qtbot, "hour", "Dawn")
    code_with_keys(window, qtbot, "nobody", "Silence")
    window.switcher.step(1)
    code_with_keys(window, qtbot, "sleep", "Dawn")
    code_with_keys(window, qtbot, "patients", "Silence")
    window.switcher.step(-2)  # Ana's: the coded interviews are the others
    retrieval = retrieve_code(window, qtbot, "Dawn")
    retrieval.interviews.setCurrentIndex(retrieval.interviews.findText("Shift: day"))
    assert [p.title for p in retrieval.passages] == ["P02 Ben", "P10 Cem"]
    retrieval.interviews.setCurrentIndex(retrieval.interviews.findText("Shift: night"))
    opened: list[str] = []
    open_session = Study.open_session
    monkeypatch.setattr(
        Study,
        "open_session",
        lambda study, entry: opened.append(entry) or open_session(study, entry),
    )
    retrieval.first.setCurrentIndex(
        retrieval.first.findData(window.codebook.hub.book.find("Silence").id)
    )
    assert retrieval.passages == [] and opened == []
    retrieval.interviews.setCurrentIndex(retrieval.interviews.findText("Shift: day"))
    assert [(p.title, p.question) for p in retrieval.passages] == [("P02 Ben", 1), ("P10 Cem", 1)]
    assert sorted(opened) == sorted([ben, cem])


def coffee_in_ana_and_cem(window: MainWindow, qtbot, monkeypatch) -> list[str]:
    """Coffee coded in P01 and P10, Ben's open: both transcripts to open, one a slice
    (as each of 300 would be); the interviews whose passages are placed from their
    transcripts, in order."""
    from reader.ui import slices
    from reader.ui.codebook import passage_finding

    code_with_keys(window, qtbot, "coffee", "Coffee")
    code_with_keys(window, qtbot, "handover", "Handover")
    window.switcher.step(2)
    code_with_keys(window, qtbot, "coffee", "Coffee")
    window.switcher.step(-1)  # Ben's: the coded interviews are the others
    monkeypatch.setattr(slices, "SLICE_S", 0.0)  # one interview a slice
    monkeypatch.setattr(passage_finding, "AT_ONCE", 0)  # even two are not placed at once
    opened: list[str] = []
    placed = passage_finding.placed

    def watched(study, passages):
        opened.extend(sorted({p.interview_id for p in passages}))
        return placed(study, passages)

    monkeypatch.setattr(passage_finding, "placed", watched)
    return opened


def test_a_code_in_many_interviews_fills_the_list_one_interview_at_a_time(
    make_study_window, folder: Path, qtbot, monkeypatch
) -> None:
    """A code in every interview of a study of 300 held the window 2.8-8 s under the wait
    cursor while each passage was placed (its transcript opened, for who says it and in
    which question), the list empty until the last; it fills interview by interview now,
    saying how far it is, the window painting and taking keys between two."""
    window = make_study_window(folder)
    coffee_in_ana_and_cem(window, qtbot, monkeypatch)
    retrieval = retrieve_code(window, qtbot, "Coffee")
    assert [p.title for p in retrieval.passages] == ["P01 Ana"]
    assert retrieval.list.topLevelItemCount() == 1 and retrieval.filling
    assert retrieval.count.text() == "Finding who says each passage: 1 of 2 interviews…"
    assert retrieval.preview.toPlainText()  # the first passage is shown already
    assert not retrieval.export_button.isEnabled()  # the list is not whole yet
    assert QApplication.overrideCursor() is None
    qtbot.waitUntil(lambda: not retrieval.filling)
    shown = [(p.title, p.speaker, p.question) for p in retrieval.passages]
    assert shown == [("P01 Ana", "A", 1), ("P10 Cem", "A", 1)]
    assert retrieval.list.topLevelItemCount() == 2
    assert retrieval.count.text() == "2 passages in 2 interviews"
    assert retrieval.export_button.isEnabled()


def test_another_code_or_escape_stops_the_list_being_filled(
    make_study_window, folder: Path, qtbot, monkeypatch
) -> None:
    """The list being filled is dropped for the code chosen next, its transcripts left
    unopened; Escape closes the window and stops it too."""
    window = make_study_window(folder)
    opened = coffee_in_ana_and_cem(window, qtbot, monkeypatch)
    ana, _, cem = (e.id for e in window.study.study.interviews)
    retrieval = retrieve_code(window, qtbot, "Coffee")
    assert retrieval.filling and opened == [ana]
    retrieval.first.setCurrentIndex(
        retrieval.first.findData(window.codebook.hub.book.find("Handover").id)
    )
    qtbot.waitUntil(lambda: not retrieval.filling)
    assert [p.highlight.exact for p in retrieval.passages] == ["handover"]
    assert cem not in opened
    retrieve_code(window, qtbot, "Coffee")  # Ana's kept; Cem's to place
    assert retrieval.filling
    qtbot.keyClick(retrieval.list, Qt.Key.Key_Escape)
    assert not retrieval.isVisible() and not retrieval.filling
    for _ in range(5):
        QApplication.processEvents()
    assert cem not in opened and [p.title for p in retrieval.passages] == ["P01 Ana"]


def coffee_and_handover_in_ana_then_ben_open(window: MainWindow, qtbot) -> None:
    """Ana's interview coded Coffee and Handover, then Ben's open: her passages are
    another interview's."""
    code_with_keys(window, qtbot, "coffee", "Coffee")
    code_with_keys(window, qtbot, "handover", "Handover")
    window.switcher.step(1)
    qtbot.waitUntil(lambda: window.switcher.current.startswith("p02"))


def test_a_code_chosen_again_places_a_passage_anew_once_its_interviews_structure_changed(
    make_study_window, folder: Path, qtbot
) -> None:
    """Its places kept from code to code, Coffee chosen again after Ana's first question was
    made an aside still said Q1 of her passage, now in her introduction (as the reader and
    the outline say); going to another code and back placed it anew before."""
    from reader.core.interview import Role

    window = make_study_window(folder)
    coffee_and_handover_in_ana_then_ben_open(window, qtbot)
    shown = [(p.title, p.question) for p in retrieve_code(window, qtbot, "Coffee").passages]
    assert shown == [("P01 Ana", 1)]
    retrieve_code(window, qtbot, "Handover")
    window.switcher.step(-1)
    qtbot.waitUntil(lambda: window.switcher.current.startswith("p01"))
    window.interview.controller.set_role(0, Role.ASIDE)
    window.switcher.step(1)
    qtbot.waitUntil(lambda: window.switcher.current.startswith("p02"))
    again = retrieve_code(window, qtbot, "Coffee")
    assert [(p.title, p.question) for p in again.passages] != shown


def test_a_code_chosen_again_names_a_speaker_renamed_since_in_another_interview(
    make_study_window, folder: Path, qtbot
) -> None:
    """Rename in Study (or a colleague's notes synced in) renames Ana's "A" in her notes
    file, her highlights as they were: Coffee chosen again still named "A", its place kept
    from before (choosing another code and back placed it anew until the places were kept
    from code to code)."""
    from reader.core.store import save_notes
    from reader.core.study import open_study

    window = make_study_window(folder)
    coffee_and_handover_in_ana_then_ben_open(window, qtbot)
    shown = [(p.title, p.speaker) for p in retrieve_code(window, qtbot, "Coffee").passages]
    assert shown == [("P01 Ana", "A")]
    retrieve_code(window, qtbot, "Handover")
    study = open_study(folder)
    ana = study.interviews[0]
    session = study.open_session(ana)
    session.notes.speakers = {"A": "Ana Lima"}
    save_notes(study.notes_path(ana), session.notes)
    again = retrieve_code(window, qtbot, "Coffee")
    assert [(p.title, p.speaker) for p in again.passages] == [("P01 Ana", "Ana Lima")]
