"""File ▸ Export…, Import ▸ W3C Annotations…, Print… and Export as PDF, as a user runs them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QIcon
from PySide6.QtWidgets import QDialog, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.sync import time_link
from reader.ui.exporting.code_list import ID_ROLE
from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.exporting.test_code_list import click_code, code_rows, opened, ticked
from tests.ui.media_files import write_wav
from tests.ui.test_codebook import code_with_keys, two_stresses
from tests.ui.test_highlights import highlight_with_key
from tests.ui.test_recording import TRANSCRIPT


@pytest.fixture
def marked(window: MainWindow, qtbot, dialogs) -> MainWindow:
    highlight_with_key(window, qtbot, "Rehearsal", Qt.Key.Key_2)
    dialogs.note_answers.append("<script>alert(1)</script> a | note")
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    highlight_with_key(window, qtbot, "Handycam", Qt.Key.Key_4)
    window.notes_editor.setPlainText("# Findings\n\nTrust.")
    return window


def choose(monkeypatch, fmt: str, colors: tuple[str, ...] = ()) -> None:
    def exec_(dialog: ExportDialog) -> int:
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
        for color in colors:
            dialog.color_boxes[color].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)


def test_export_markdown_with_colour_filter(marked, dialogs, monkeypatch, tmp_path) -> None:
    out = tmp_path / "summary.md"
    choose(monkeypatch, "md", ("green",))
    dialogs.save_answers.append(str(out))
    marked.window_actions.export.trigger()
    text = out.read_text("utf-8")
    assert "> Rehearsal" in text and "Handycam" not in text
    assert "<script>" not in text or "&lt;script&gt;" in text or "\\<script" in text
    assert "# Findings" in text


def test_export_csv_and_w3c(marked, dialogs, monkeypatch, tmp_path) -> None:
    out = tmp_path / "table.csv"
    choose(monkeypatch, "csv")
    dialogs.save_answers.append(str(out))
    marked.window_actions.export.trigger()
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [r["quote"] for r in rows] == ["Rehearsal", "Handycam"]
    w3c = tmp_path / "notes.jsonld"
    choose(monkeypatch, "w3c")
    dialogs.save_answers.append(str(w3c))
    marked.window_actions.export.trigger()
    data = orjson.loads(w3c.read_bytes())
    assert data["type"] == "AnnotationCollection" and data["total"] == 2


def test_html_export_escapes_script(marked, dialogs, monkeypatch, tmp_path) -> None:
    out = tmp_path / "summary.html"
    choose(monkeypatch, "html")
    dialogs.save_answers.append(str(out))
    marked.window_actions.export.trigger()
    html = out.read_text("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_cancelled_save_dialog_writes_nothing(marked, dialogs, monkeypatch, tmp_path) -> None:
    choose(monkeypatch, "md")
    marked.window_actions.export.trigger()  # no save answer: the user cancels the file dialog
    assert list(tmp_path.glob("*.md")) == []


def test_import_w3c_is_one_undo_step(make_window, dialogs, monkeypatch, tmp_path, qtbot) -> None:
    first = make_window(notes=tmp_path / "first.json")
    highlight_with_key(first, qtbot, "Rehearsal")
    highlight_with_key(first, qtbot, "Handycam")
    out = tmp_path / "a.jsonld"
    choose(monkeypatch, "w3c")
    dialogs.save_answers.append(str(out))
    first.window_actions.export.trigger()
    first.close()
    second = make_window(notes=tmp_path / "second.json")
    dialogs.open_answers.append(str(out))
    second.window_actions.import_annotations.trigger()
    assert [h.exact for h in second.interview.session.notes.highlights] == [
        "Rehearsal",
        "Handycam",
    ]
    assert "Imported 2" in second.statusBar().currentMessage()
    second.window_actions.undo.trigger()
    assert second.interview.session.notes.highlights == []
    second.window_actions.redo.trigger()
    dialogs.open_answers.append(str(out))
    second.window_actions.import_annotations.trigger()  # again: nothing duplicated
    assert len(second.interview.session.notes.highlights) == 2


def test_tags_imported_into_an_interview_of_a_study_are_codes_of_the_study(
    make_study_window, folder, dialogs, tmp_path
) -> None:
    """Import ▸ W3C Annotations… into a study's interview made its tags codes of that
    interview's notes alone: the Codebook and study.json had none of them (a codebook
    export neither), until the interview was opened again and they were "not in the
    study's codebook and added to it"."""
    from reader.core.annotations import make_highlight
    from reader.core.codebook import codes_for_tags
    from reader.core.document import load_document
    from reader.core.export import export
    from reader.core.session import Session
    from reader.core.study import open_study

    session = Session.open(load_document(folder / "P01 Ana.txt"), None)
    text = session.document.text
    start = text.index("handover")
    tagged = make_highlight(text, start, start + len("handover"))
    session.add_highlight(tagged.edited(codes=codes_for_tags(["Routine"], session.notes.codebook)))
    annotations = tmp_path / "P01.jsonld"
    annotations.write_bytes(export(session, "w3c"))
    window = make_study_window(folder)
    dialogs.open_answers.append(str(annotations))
    window.window_actions.import_annotations.trigger()
    assert [h.exact for h in window.interview.session.notes.highlights] == ["handover"]
    assert [c.name for c in window.codebook.hub.book] == ["Routine"]
    assert [c.name for c in open_study(folder, touch_disk=False).codebook] == ["Routine"]
    assert window.statusBar().currentMessage().startswith("Imported 1 annotation")


def tagged_annotations(transcript: Path, out: Path, tagged: dict[str, list[str]]) -> Path:
    """W3C annotations of `transcript` saved at `out`: each word of `tagged` a passage with
    those tags, as another program exports them."""
    from reader.core.annotations import make_highlight
    from reader.core.codebook import codes_for_tags
    from reader.core.document import load_document
    from reader.core.export import export
    from reader.core.session import Session

    session = Session.open(load_document(transcript), None)
    text = session.document.text
    for word, tags in tagged.items():
        start = text.index(word)
        passage = make_highlight(text, start, start + len(word))
        session.add_highlight(passage.edited(codes=codes_for_tags(tags, session.notes.codebook)))
    out.write_bytes(export(session, "w3c"))
    return out


def test_undoing_an_import_takes_out_the_codes_it_brought(
    make_window, dialogs, qtbot, tmp_path
) -> None:
    """Edit ▸ Undo of Import ▸ W3C Annotations… took the passages out but left the codes
    their tags had made in the Codebook and the notes file; only those: a code the notes
    had before stays. Redo brings them back."""
    from tests.conftest import BUNDLED

    notes = tmp_path / "notes.json"
    window = make_window(notes=notes)
    code_with_keys(window, qtbot, "Rehearsal", "Trust")
    sent = tagged_annotations(BUNDLED, tmp_path / "a.jsonld", {"Handycam": ["Trust", "Gear"]})
    dialogs.open_answers.append(str(sent))
    window.window_actions.import_annotations.trigger()
    book = window.interview.session.notes.codebook
    assert [c.name for c in book] == ["Trust", "Gear"]
    window.window_actions.undo.trigger()
    assert [c.name for c in window.interview.session.notes.codebook] == ["Trust"]
    assert [c.name for c in window.codebook.hub.book] == ["Trust"]
    assert window.interview.saver.flush()
    assert [c["name"] for c in orjson.loads(notes.read_bytes())["codes"]] == ["Trust"]
    window.window_actions.redo.trigger()
    assert [c.name for c in window.interview.session.notes.codebook] == ["Trust", "Gear"]
    assert [h.exact for h in window.interview.session.notes.highlights] == [
        "Rehearsal",
        "Handycam",
    ]


def test_undoing_an_import_into_a_study_takes_its_codes_out_of_the_study(
    make_study_window, folder, dialogs, tmp_path
) -> None:
    """In a study the import's codes joined the study's codebook (study.json): Undo left
    them there, listed in the Codebook with no passage; Redo puts them back."""
    from reader.core.study import open_study

    sent = tagged_annotations(
        folder / "P01 Ana.txt", tmp_path / "P01.jsonld", {"handover": ["Routine"]}
    )
    window = make_study_window(folder)
    dialogs.open_answers.append(str(sent))
    window.window_actions.import_annotations.trigger()
    assert [c.name for c in open_study(folder, touch_disk=False).codebook] == ["Routine"]
    window.window_actions.undo.trigger()
    assert window.interview.session.notes.highlights == []
    assert [c.name for c in window.codebook.hub.book] == []
    assert [c.name for c in open_study(folder, touch_disk=False).codebook] == []
    window.window_actions.redo.trigger()
    assert [h.exact for h in window.interview.session.notes.highlights] == ["handover"]
    assert [c.name for c in window.codebook.hub.book] == ["Routine"]
    assert [c.name for c in open_study(folder, touch_disk=False).codebook] == ["Routine"]


def test_import_bad_file_says_so(window: MainWindow, dialogs, tmp_path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{not json")
    dialogs.open_answers.append(str(bad))
    window.window_actions.import_annotations.trigger()
    assert dialogs.shown[-1][0] == "warning" and "bad.jsonld" in dialogs.shown[-1][1]


def test_export_pdf_has_pages(marked, dialogs, tmp_path) -> None:
    out = tmp_path / "interview.pdf"
    dialogs.save_answers.append(str(out))
    marked.window_actions.export_pdf.trigger()
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2


def test_print_document_has_highlights_and_endnotes(marked) -> None:
    from reader.ui.exporting.printing import print_document

    doc = print_document(marked.reader.reading)
    text = doc.toPlainText()
    assert text.rstrip().endswith("a | note")
    assert "\nNotes\n1. “Rehearsal” — Method." in text.replace("\u2029", "\n")
    assert marked.reader.document().toPlainText() == marked.interview.session.document.text


def test_an_unknown_colour_is_grey_on_screen_in_print_and_in_the_export(
    window: MainWindow, dialogs, monkeypatch, tmp_path
) -> None:
    """A colour id of a newer build, or written by hand, passes for no label the user
    chose: grey everywhere (reader.core.annotations.color_hex), as the exports show it."""
    from PySide6.QtGui import QTextCursor

    from reader.core.annotations import UNKNOWN_COLOR_HEX
    from reader.ui import theme
    from reader.ui.exporting.printing import print_document

    start = window.interview.session.document.text.index("Handycam")
    window.interview.controller.add_highlight(start, start + 8, "teal")
    assert theme.swatch_color("teal").name() == UNKNOWN_COLOR_HEX  # its bar and marks
    doc = print_document(window.reader.reading)  # kept: the cursors below are in it
    found = doc.find("Handycam")  # under the title
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart() + 1)
    printed = cursor.charFormat().background().color()
    assert printed == theme.highlight_color("teal")  # as the reading pane fills it
    assert printed.hsvSaturation() < 20  # grey, not the first colour's yellow
    out = tmp_path / "summary.html"
    choose(monkeypatch, "html")
    dialogs.save_answers.append(str(out))
    window.window_actions.export.trigger()
    assert f'<mark style="background-color: {UNKNOWN_COLOR_HEX}"' in out.read_text("utf-8")


def test_the_export_tip_names_every_format_of_the_dialog(window: MainWindow) -> None:
    """Help ▸ Keyboard Shortcuts and the status bar say what Ctrl+E can write."""
    dialog = ExportDialog({}, {}, window)
    combo = dialog.format_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    tip = window.window_actions.export.statusTip()
    for word in ("Markdown", "HTML", "CSV", "JSON", "W3C", "REFI-QDA"):
        assert any(word in label for label in labels), word  # the dialog writes it
        assert word in tip


def test_the_dialog_speaks_of_codes_by_their_names(window: MainWindow) -> None:
    from PySide6.QtWidgets import QGroupBox, QLabel

    dialog = ExportDialog({"blue": "Blue"}, {"id-land": ("Land tenure", "#1f77b4")}, window)
    titles = [g.title() for g in dialog.findChildren(QGroupBox)]
    assert titles == ["Co&lours (none ticked: all)", "C&odes (none ticked: all)"]
    land = code_rows(dialog)["id-land"]
    assert land.data() == "Land tenure"  # no "#"
    # With its code's colour: "Method" the code is not "Method" the colour label.
    assert swatch(land.data(Qt.ItemDataRole.DecorationRole)) == "#1f77b4"
    empty = ExportDialog({}, {}, window)
    assert "No passage is coded." in [label.text() for label in empty.findChildren(QLabel)]
    assert not empty.code_list.isVisibleTo(empty)


def test_two_codes_of_one_name_are_two_rows_and_export_apart(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path
) -> None:
    """Work / Stress and Home / Stress: a row each, in its code's colour; ticking one (a
    click) exports its passage alone, and the summary's filter line names it by its path."""
    at_work, at_home = two_stresses(window, qtbot)
    worked = {h.codes[0]: h.id for h in window.interview.session.notes.highlights}
    seen: list[dict[str, tuple[str, str]]] = []

    def tick(label: str, fmt: str) -> None:
        def exec_(dialog: ExportDialog) -> int:
            rows = code_rows(dialog)
            decoration = Qt.ItemDataRole.DecorationRole
            seen.append({c: (i.data(), swatch(i.data(decoration))) for c, i in rows.items()})
            dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
            dialog.show()
            code_id = next(c for c, i in rows.items() if i.data() == label)
            click_code(qtbot, dialog, code_id)
            assert ticked(code_rows(dialog)[code_id])
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ExportDialog, "exec", exec_)

    model = tmp_path / "work.json"
    tick("Work / Stress", "json")
    dialogs.save_answers.append(str(model))
    window.window_actions.export.trigger()
    assert seen[0] == {
        at_work.id: ("Work / Stress", at_work.color),
        at_home.id: ("Home / Stress", at_home.color),
    }
    exported = orjson.loads(model.read_bytes())["highlights"]
    assert [h["id"] for h in exported] == [worked[at_work.id]]
    summary = tmp_path / "home.md"
    tick("Home / Stress", "md")
    dialogs.save_answers.append(str(summary))
    window.window_actions.export.trigger()
    text = summary.read_text("utf-8")
    assert "1 coded passage (tag \\#Home / Stress)" in text
    home_word = window.interview.session.highlight(worked[at_home.id]).exact
    work_word = window.interview.session.highlight(worked[at_work.id]).exact
    assert f"> {home_word}" in text and f"> {work_word}" not in text


def test_a_sub_code_is_offered_under_its_parent_and_ticked_by_keys(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path
) -> None:
    """A sub-code shows by its path, "Rituals / Café culture" (Rituals itself on no
    passage), in the codebook's tree order, and is so named for a screen reader; Space
    ticks it, and the export holds its passage alone."""
    hub = window.codebook.hub
    rituals = hub.create("Rituals")
    assert rituals is not None
    cafe, trust = hub.create("Café culture", rituals.id), hub.create("Trust")
    assert cafe is not None and trust is not None
    words = window.interview.session.document.text.split()
    code_with_keys(window, qtbot, words[9], "Trust")  # coded first, listed after
    start, _ = highlight_with_key(window, qtbot, words[3])  # QTest types no "é": the hub codes
    (passage,) = window.interview.session.highlights_at(start)
    hub.set_codes(passage.id, (cafe.id,))
    seen: list[list[str]] = []

    def exec_(dialog: ExportDialog) -> int:
        opened(qtbot, dialog)
        rows = code_rows(dialog)
        seen.append([index.data() for index in rows.values()])
        view = QAccessible.queryAccessibleInterface(dialog.code_list)
        seen.append([view.child(i).text(QAccessible.Text.Name) for i in range(view.childCount())])
        dialog.code_list.setFocus()
        qtbot.waitUntil(dialog.code_list.hasFocus)
        assert dialog.code_list.currentIndex().data(ID_ROLE) == cafe.id
        qtbot.keyClick(dialog.code_list, Qt.Key.Key_Space)
        assert dialog.options().codes == {cafe.id}
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    summary = tmp_path / "cafe.md"
    dialogs.save_answers.append(str(summary))
    window.window_actions.export.trigger()
    assert seen == [["Rituals / Café culture", "Trust"]] * 2
    text = summary.read_text("utf-8")
    assert f"> {words[3]}" in text and f"> {words[9]}" not in text


def swatch(icon: QIcon) -> str:
    return icon.pixmap(8, 8).toImage().pixelColor(4, 4).name()


def test_a_long_codebook_scrolls_inside_the_export_dialog(window: MainWindow, qtbot) -> None:
    codes = {f"id-{n}": (f"Code {n:03}", "#1f77b4") for n in range(90)}
    dialog = ExportDialog({"yellow": "Key quote"}, codes, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = code_rows(dialog)
    assert len(rows) == 90
    assert dialog.height() < 600  # 30 rows of codes would not fit a laptop's screen
    view = dialog.code_list
    assert view.verticalScrollBar().maximum() > 0
    last = rows["id-89"]
    assert not view.viewport().rect().intersects(view.visualRect(last))  # below, scrolled
    view.scrollTo(last)
    assert view.viewport().rect().contains(view.visualRect(last))


def test_a_long_code_name_is_cut_and_the_dialog_stays_on_the_screen(
    window: MainWindow, qtbot
) -> None:
    """The whole study's codes widen the dialog: a long name is cut in its middle (whole
    in its tooltip), and the dialog, near the screen's corner, steps back inside it."""
    long = "A very long code name that should not fit in a narrow box at all"
    codes = {f"id-{n}": (f"Code {n:03}", "#1f77b4") for n in range(40)}
    dialog = ExportDialog(
        {"yellow": "Key quote"},
        {"id-0": codes["id-0"]},
        window,
        study="S",
        study_formats=("md",),
        study_codes={**codes, "id-long": (long, "#1f77b4")},
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    dialog.move(screen.right() - dialog.width(), screen.bottom() - dialog.height())
    dialog.scope_combo.setCurrentIndex(1)
    rows, tip = code_rows(dialog), Qt.ItemDataRole.ToolTipRole
    cut = rows["id-long"].data()
    assert "…" in cut and len(cut) < len(long) and rows["id-long"].data(tip) == long
    assert rows["id-1"].data() == "Code 001" and not rows["id-1"].data(tip)
    # Its row is as wide as its cut name wants: the list cuts it no further.
    view = dialog.code_list
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    wants = QStyledItemDelegate.sizeHint(view.itemDelegate(), option, rows["id-long"])
    assert view.visualRect(rows["id-long"]).width() >= wants.width()
    assert screen.contains(dialog.frameGeometry()), (screen, dialog.frameGeometry())


def test_the_dialog_fits_each_scope_back_and_forth(window: MainWindow, qtbot) -> None:
    """The study's 40 codes make it taller at once; back to this interview's one code it is
    as small as it opened (it stayed tall, the code in a box of empty space)."""
    codes = {f"id-{n}": (f"Code {n:03}", "#1f77b4") for n in range(40)}
    dialog = ExportDialog(
        {}, {"id-0": codes["id-0"]}, window, study="S", study_formats=("md",), study_codes=codes
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    opened = dialog.size()
    dialog.scope_combo.setCurrentIndex(1)
    assert dialog.height() > opened.height() + 100
    dialog.scope_combo.setCurrentIndex(0)
    assert dialog.size() == opened


def test_a_long_codebook_is_filtered_by_name_and_keeps_what_is_ticked(
    window: MainWindow, qtbot
) -> None:
    codes = {f"id-{n}": (f"Code {n:03}", "#1f77b4") for n in range(90)}
    dialog = ExportDialog({"yellow": "Key quote"}, codes, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.code_filter.isVisible()
    qtbot.keyClicks(dialog.code_filter, "code 08")
    assert list(code_rows(dialog)) == [f"id-{n}" for n in range(80, 90)]
    click_code(qtbot, dialog, "id-84")
    dialog.code_filter.selectAll()
    qtbot.keyClicks(dialog.code_filter, "code 07")  # id-84 filtered out: still ticked
    assert "id-84" not in code_rows(dialog) and dialog.options().codes == {"id-84"}
    dialog.code_filter.clear()
    assert len(code_rows(dialog)) == 90 and ticked(code_rows(dialog)["id-84"])
    assert dialog.options().codes == {"id-84"}
    few = ExportDialog({"yellow": "Key quote"}, dict(list(codes.items())[:5]), window)
    qtbot.addWidget(few)
    few.show()
    assert not few.code_filter.isVisible()  # five codes: nothing to narrow


def test_exported_time_links_play_the_recording_from_the_export(
    make_window, dialogs, monkeypatch, tmp_path
) -> None:
    talk = tmp_path / "interviews" / "talk.txt"
    talk.parent.mkdir()
    talk.write_text(TRANSCRIPT, encoding="utf-8")
    write_wav(talk.with_suffix(".wav"))
    window = make_window(talk)
    window.notes_editor.setPlainText(f"She sang {time_link(30_000)} at home.")
    out = tmp_path / "summaries" / "talk.md"
    out.parent.mkdir()
    choose(monkeypatch, "md")
    dialogs.save_answers.append(str(out))
    window.window_actions.export.trigger()
    assert "She sang [▶ 0:30](../interviews/talk.wav#t=30) at home." in out.read_text("utf-8")


def test_an_export_never_replaces_the_transcript(make_window, dialogs, monkeypatch, tmp_path):
    """A Markdown transcript's summary was suggested under the transcript's own name, in its
    folder: one Enter on the file dialog's question replaced the interview with the
    summary. The name suggested is another; the transcript itself is refused."""
    transcript = tmp_path / "okonkwo.md"
    said = "Hannah Wright: Who decided?\n\nAde Okonkwo: There was no vote.\n"
    transcript.write_text(said, encoding="utf-8")
    window = make_window(transcript)
    choose(monkeypatch, "md")
    dialogs.save_answers.append(str(transcript))
    window.window_actions.export.trigger()
    assert dialogs.save_suggested == [str(tmp_path / "okonkwo-export.md")]
    assert transcript.read_text("utf-8") == said
    assert dialogs.shown[-1] == (
        "warning",
        f"Export: {transcript} could not be written: it is the interview's transcript; "
        "choose another name.",
    )


def test_the_quotes_go_to_word_from_the_export_dialog(make_window, dialogs, tmp_path, qtbot):
    """A writer who works in Word chooses it in File ▸ Export…; the file is suggested
    beside the transcript, under its name."""
    import docx

    from tests.conftest import DATA

    window = make_window(DATA / "journalist" / "okonkwo-otter.txt")
    highlight_with_key(window, qtbot, "My mum's flat", Qt.Key.Key_1)
    formats: list[str] = []

    def exec_(dialog: ExportDialog) -> int:
        combo = dialog.format_combo
        formats.extend(combo.itemData(i) for i in range(combo.count()))
        combo.setCurrentIndex(combo.findData("docx"))
        return QDialog.DialogCode.Accepted

    out = tmp_path / "quotes.docx"
    dialogs.save_answers.append(str(out))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ExportDialog, "exec", exec_)
        window.window_actions.export.trigger()
    assert "docx" in formats
    assert dialogs.save_suggested == [str(DATA / "journalist" / "okonkwo-otter.docx")]
    quotes = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Quote"]
    assert quotes == ["My mum's flat"]


def test_an_exporter_that_fails_says_so_and_writes_nothing(
    marked, dialogs, monkeypatch, tmp_path
) -> None:
    """An error of an exporter's own (a bug, a character it could not take) ended the
    export with a traceback on the terminal alone: the user saw nothing happen."""
    from reader.core.export import FORMATS

    def broken(*_args: object) -> bytes:
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setitem(FORMATS, "md", broken)
    out = tmp_path / "summary.md"
    choose(monkeypatch, "md")
    dialogs.save_answers.append(str(out))
    marked.window_actions.export.trigger()
    assert not out.exists()
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and f"Export: {out} could not be written: the export stopped" in text
    assert "XML compatible" in text


def test_a_csv_cell_longer_than_excel_holds_is_said_in_the_banner(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path
) -> None:
    from reader.core.export.csv_export import EXCEL_CELL_MAX

    dialogs.note_answers.append("word " * (EXCEL_CELL_MAX // 5 + 1))
    highlight_with_key(window, qtbot, "Rehearsal", Qt.Key.Key_2)
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    out = tmp_path / "table.csv"
    choose(monkeypatch, "csv")
    dialogs.save_answers.append(str(out))
    window.window_actions.export.trigger()
    assert window.banner.text() == (
        "In table.csv, a cell longer than the 32,767 characters Excel holds in one (a long "
        "quote or note): Excel cuts them; LibreOffice and pandas read them whole."
    )
    choose(monkeypatch, "md")
    dialogs.save_answers.append(str(tmp_path / "summary.md"))
    window.window_actions.export.trigger()
    assert not window.banner.isVisible()
