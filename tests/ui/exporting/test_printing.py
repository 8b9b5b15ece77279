"""Print (Ctrl+P) and Export as PDF: the same file suggested, the place said after, and a
printout that tells whose interview it is (reader/ui/exporting/printing.py): its title,
the speakers as the margin names them, the research notes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog

import reader.ui.exporting.printing as printing
from reader.core.annotations import make_highlight
from reader.core.document import load_document
from reader.core.palettes import (
    LIGHT,
    MIN_CONTRAST,
    contrast_ratio,
    highlight_background,
    parse_hex,
)
from reader.core.session import Session
from reader.ui import theme
from reader.ui.reading.reader_document import ReaderDocument
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import highlight_with_key

OTTER = Path(__file__).parents[2] / "data" / "transcripts" / "otter-short.txt"
CTRL = Qt.KeyboardModifier.ControlModifier


def printed(monkeypatch) -> list[QTextDocument]:
    """The documents printing makes, as they go to the printer."""
    made: list[QTextDocument] = []
    make = printing.print_document

    def keep(reading) -> QTextDocument:
        made.append(make(reading))
        return made[-1]

    monkeypatch.setattr(printing, "print_document", keep)
    return made


def lines(doc: QTextDocument) -> list[str]:
    return doc.toPlainText().replace("\u2029", "\n").split("\n")


def chars_at(doc: QTextDocument, text: str) -> QTextCharFormat:
    """The format of the first character of `text` in `doc`."""
    found = doc.find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not found.isNull(), text
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart() + 1)
    return cursor.charFormat()


def bold_at(doc: QTextDocument, text: str) -> bool:
    """Whether the first character of `text` in `doc` is printed bold."""
    return chars_at(doc, text).fontWeight() == QFont.Weight.Bold


def test_print_suggests_the_file_export_as_pdf_does_and_says_where(
    make_window, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    folder = tmp_path / "Interviews"
    folder.mkdir()
    shutil.copy(OTTER, folder / OTTER.name)
    window: MainWindow = make_window(folder / OTTER.name)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.window_actions.export_pdf.trigger()  # cancelled: what it suggests is enough
    assert dialogs.save_suggested[-1] == str(folder / "otter-short.pdf")
    asked: list[tuple[str, str]] = []

    def exec_(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        asked.append((printer.outputFileName(), printer.docName()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # "Print to File (PDF)"
        printer.setOutputFileName(asked[-1][0])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    made = printed(monkeypatch)
    qtbot.keyClick(window.reader, Qt.Key.Key_P, CTRL)
    assert asked == [(str(folder / "otter-short.pdf"), "Otter Short")]  # not ~/print.pdf
    assert (folder / "otter-short.pdf").read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == f"Printed to {folder / 'otter-short.pdf'}"
    assert lines(made[0])[:3] == [
        "Otter Short",
        "otter-short.txt",
        "[0:00] Speaker 1: Are we recording? Good. So you came in 1989.",
    ]


def test_printing_to_a_file_that_cannot_be_written_says_so(
    window: MainWindow, dialogs, monkeypatch, tmp_path: Path
) -> None:
    """As Export as PDF does; printing said "Printed to …" of a file never written."""
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    blocked = tmp_path / "a-file" / "out.pdf"

    def exec_(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(blocked))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    window.window_actions.print.trigger()
    kind, text = dialogs.shown[-1]
    assert kind == "warning" and text.startswith(f"Print: {blocked} could not be written: ")
    assert window.statusBar().currentMessage() == "Nothing was printed."


def test_a_wait_cursor_and_a_line_show_while_printing_and_go_even_when_it_fails(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    """A long interview takes seconds to print; the cursor is the window's again after,
    whatever happened."""
    seen: list[tuple[Qt.CursorShape | None, str]] = []
    out = tmp_path / "out.pdf"

    def watched(printer: QPrinter, doc: QTextDocument) -> None:
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, window.statusBar().currentMessage()))
        if len(seen) == 2:
            raise RuntimeError("the printer is on fire")
        print_to(printer, doc)

    print_to = printing.print_to
    monkeypatch.setattr(printing, "print_to", watched)
    dialogs.save_answers.append(str(out))
    window.window_actions.export_pdf.trigger()
    assert seen == [(Qt.CursorShape.WaitCursor, f"Exporting to {out}…")]
    assert QApplication.overrideCursor() is None and out.read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == f"Exported to {out}"

    dialogs.save_answers.append(str(out))
    with qtbot.captureExceptions() as exceptions:
        window.window_actions.export_pdf.trigger()
    assert [str(e[1]) for e in exceptions] == ["the printer is on fire"]
    assert seen[1][0] == Qt.CursorShape.WaitCursor and QApplication.overrideCursor() is None


def test_the_printout_has_the_title_speakers_and_research_notes(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    """The bundled interview, a magazine's Q&A: the margin numbers the questions and names
    the interviewee; the paper has no margin, so each turn starts with it, in bold."""
    highlight_with_key(window, qtbot, "Rehearsal", Qt.Key.Key_2)
    dialogs.note_answers.append("Planned chaos")
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    window.notes_editor.setPlainText("# Findings\n\nTrust <b>them</b>.\n\n- one\n- two")
    made = printed(monkeypatch)
    pdf = tmp_path / "her-smell.pdf"
    dialogs.save_answers.append(str(pdf))
    window.window_actions.export_pdf.trigger()
    assert window.statusBar().currentMessage() == f"Exported to {pdf}"
    doc = made[0]
    text = lines(doc)
    assert text[:2] == ["Her Smell Interview", "her-smell-interview.txt"]
    assert bold_at(doc, "Her Smell Interview")
    q1 = next(line for line in text if line.startswith("Q1: "))
    assert "Was it all scripted" in q1 and bold_at(doc, "Q1: ")
    assert any(line.startswith("Interviewee: Everything in the movie is") for line in text)
    assert bold_at(doc, "Interviewee: Everything") and not bold_at(doc, "Everything in")
    # The highlight's endnote, then the research notes: their headings under its, any
    # HTML in them as text.
    notes, research = text.index("Notes"), text.index("Research notes")
    assert notes < research and text[notes + 1].startswith("1. “Rehearsal”")
    assert text[research + 1 :] == ["Findings", "Trust <b>them</b>.", "one", "two"]
    findings = doc.find("Findings", doc.find("Research notes")).charFormat()
    assert findings.fontWeight() == QFont.Weight.Bold  # a heading, smaller than its section's
    assert findings.intProperty(findings.Property.FontSizeAdjustment) == 1


def test_a_speaker_label_in_the_text_prints_bold_in_the_texts_colour(
    make_study_window, folder: Path, qtbot, monkeypatch
) -> None:
    """On screen a transcript's "Q: " is quiet (the margin names the speaker); on paper it
    is the name, so it is bold and as dark as the words."""
    window = make_study_window(folder)
    doc = printing.print_document(window.reader.reading)
    text = lines(doc)
    assert text[2:4] == ["Q: How do night shifts start?", "A: With coffee and the handover."]
    assert bold_at(doc, "Q: How") and not bold_at(doc, "How do")
    cursor = doc.find("A: With")
    assert cursor.charFormat().foreground().color() == theme.text_color()


def test_research_notes_quotes_print_as_quotes_apart_from_the_heading(
    window: MainWindow, monkeypatch, dialogs, tmp_path: Path
) -> None:
    """A block quote in the research notes prints as the preview shows it: indented on
    both sides, italic, grey (not on the preview's tint: paper is white whatever the
    theme); the section's heading stands apart from the notes' own first heading."""
    window.notes_editor.setPlainText("# Findings\n\n> She said it smelled of home.\n\nAfter.")
    made = printed(monkeypatch)
    pdf = tmp_path / "quote.pdf"
    dialogs.save_answers.append(str(pdf))
    window.window_actions.export_pdf.trigger()
    assert pdf.is_file()
    doc = made[0]
    quote, after = doc.find("She said"), doc.find("After.")
    chars = quote.charFormat()
    assert chars.fontItalic() and chars.foreground().color() == theme.muted_color()
    # Qt prints paragraphs' side margins in the printer's pixels: scaled to them, so the
    # indent is as wide on paper as on screen (1200 dpi: ~12 times the screen's pixels).
    indent = quote.blockFormat().leftMargin() - after.blockFormat().leftMargin()
    assert indent > window.reader.font().pointSizeF() * 2 * 10
    layout = doc.documentLayout()
    heading = layout.blockBoundingRect(doc.find("Research notes").block())
    findings = layout.blockBoundingRect(doc.find("Findings", doc.find("Research notes")).block())
    assert findings.top() - heading.bottom() >= window.reader.font().pointSizeF() * 0.5


def foregrounds(doc: QTextDocument) -> set[str]:
    """Every text colour set in `doc` (unset prints black)."""
    found: set[str] = set()
    block = doc.firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            chars = it.fragment().charFormat()
            if chars.hasProperty(chars.Property.ForegroundBrush):
                found.add(chars.foreground().color().name())
            it += 1
        block = block.next()
    return found


@pytest.mark.parametrize("name", ["dark", "high-contrast"])
def test_a_dark_theme_prints_in_the_light_themes_colours(
    window: MainWindow, qtbot, dialogs, monkeypatch, tmp_path: Path, name: str
) -> None:
    """Paper is white: in the Dark or High contrast theme the speakers, the file's name,
    the highlights and the research notes' quotes print in the light theme's colours, not
    light on white; the screen keeps its theme."""
    window.window_actions.view.themes[name].trigger()  # View ▸ Theme
    assert theme.current().name == name
    highlight_with_key(window, qtbot, "Rehearsal", Qt.Key.Key_2)
    color = window.interview.session.notes.highlights[-1].color
    window.notes_editor.setPlainText(
        "# Findings\n\n> She said it smelled of home.\n\nSee [her](https://example.org).\n"
    )
    made = printed(monkeypatch)
    pdf = tmp_path / "dark.pdf"
    dialogs.save_answers.append(str(pdf))
    window.window_actions.export_pdf.trigger()
    assert pdf.read_bytes().startswith(b"%PDF")
    doc = made[0]
    assert theme.current().name == name  # the screen is as it was
    assert chars_at(doc, "her-smell-interview.txt").foreground().color().name() == LIGHT.muted()
    assert chars_at(doc, "Interviewee: Every").foreground().color().name() == LIGHT.text
    assert chars_at(doc, "She said").foreground().color().name() == LIGHT.muted()
    marked = chars_at(doc, "Rehearsal").background().color()
    assert marked.name() == highlight_background(LIGHT, color)
    # Whatever else is coloured reads on white paper as on the light theme's page.
    white = (255, 255, 255)
    for found in foregrounds(doc):
        assert contrast_ratio(parse_hex(found), white) >= MIN_CONTRAST, found


ZOOM = """WEBVTT

1
00:00:03.200 --> 00:00:09.700
Interviewer: How did you come to volunteer?

2
00:00:10.100 --> 00:00:17.700
Participant: A friend dragged me along.

3
01:02:05.000 --> 01:02:09.000
Interviewer: Anything else?
"""


def test_a_timed_transcript_prints_each_turns_time(make_window, tmp_path: Path) -> None:
    """A Zoom transcript printed for a thesis's appendix: each turn starts with the time it
    is said, quiet beside the bold speaker, so a quote can be cited ("P01, 1:02:05");
    a time written in the text already is not printed twice."""
    doc_path = tmp_path / "P01.vtt"
    doc_path.write_text(ZOOM, "utf-8")
    window: MainWindow = make_window(doc_path)
    doc = printing.print_document(window.reader.reading)
    assert [line for line in lines(doc)[2:] if line] == [
        "[0:03] Interviewer: How did you come to volunteer?",
        "[0:10] Participant: A friend dragged me along.",
        "[1:02:05] Interviewer: Anything else?",
    ]
    assert not bold_at(doc, "[0:10]") and bold_at(doc, "Participant: ")
    assert chars_at(doc, "[0:10]").foreground().color() == theme.muted_color()
    written = tmp_path / "typed.txt"
    written.write_text(
        "[00:00:03] Emma: How did you start?\n[00:00:10] Dev: A friend.\n"
        "[00:00:20] Emma: And then?\n[00:00:25] Dev: I stayed.\n",
        "utf-8",
    )
    window = make_window(written)
    assert lines(printing.print_document(window.reader.reading))[2] == (
        "[00:00:03] Emma: How did you start?"
    )


def test_subtitles_with_no_speaker_print_each_cues_time(make_window, tmp_path: Path) -> None:
    """A plain .srt names nobody: each turn's time is still printed (an empty speaker
    stamp was taken for a time written in the text, and every turn was passed over)."""
    doc_path = tmp_path / "cues.srt"
    doc_path.write_text(
        "1\n00:00:00,000 --> 00:00:04,000\nWe began at the river.\n\n"
        "2\n00:00:32,000 --> 00:00:36,000\nThen came Lisbon.\n",
        "utf-8",
    )
    window: MainWindow = make_window(doc_path)
    printed = [line for line in lines(printing.print_document(window.reader.reading)) if line]
    assert "[0:00] We began at the river." in printed
    assert "[0:32] Then came Lisbon." in printed


def test_a_paragraph_inside_a_long_turn_prints_the_time_its_cue_gives(
    make_window, tmp_path: Path
) -> None:
    """Bo's cues make one turn of two paragraphs; the second is said half a minute after
    the first and printed with its time, as the margin shows it."""
    doc_path = tmp_path / "talk.srt"
    doc_path.write_text(
        "1\n00:00:02,000 --> 00:00:09,000\nBo: " + "In Porto, by the sea. " * 50 + "\n\n"
        "2\n00:00:30,000 --> 00:00:34,000\nWe moved to Lisbon later.\n",
        "utf-8",
    )
    window: MainWindow = make_window(doc_path)
    printed = [line for line in lines(printing.print_document(window.reader.reading)) if line]
    assert printed[-2].startswith("[0:02] Bo: In Porto")
    assert printed[-1] == "[0:30] We moved to Lisbon later."


def test_each_notes_number_prints_at_its_passages_end(make_window, tmp_path: Path) -> None:
    """A passage with a note inside another's: the outer number landed inside a word
    ("en1d"), the inner's inserted first and the outer's place not moved for it. Two
    passages ending together print "1,2", not a twelfth note."""
    doc = tmp_path / "nested.txt"
    doc.write_text("Q: Tell me.\nA: Outer words then inner bit and the outer end.\n", "utf-8")
    window = make_window(doc)
    text, controller = window.interview.session.document.text, window.interview.controller
    outer, inner, tail = text.index("Outer"), text.index("inner"), text.index("outer end")
    end = text.index("end.") + 3
    for start, stop, color in (
        (outer, end, "yellow"),
        (inner, inner + 5, "blue"),
        (tail, end, "green"),
    ):
        added = controller.add_highlight(start, stop, color)
        assert added is not None
        controller.edit_highlight(added.id, "Note", note=color)
    printed = printing.print_document(window.reader.reading).toPlainText()
    assert "then inner2 bit and the outer end1,3." in printed


def test_a_passage_not_found_in_the_text_prints_with_its_note(tmp_path: Path) -> None:
    """Its words left the transcript (an orphan): every other export lists it, with its
    note and codes, under "Not found in the current text"; the printout left it out."""
    path = tmp_path / "t.txt"
    path.write_text("Q: How was it?\nA: It was fine.\n", encoding="utf-8")
    session = Session.open(load_document(path), None)
    text = session.document.text
    start = text.index("fine")
    gone = make_highlight(text, start, start + 4).edited(note="Ask again about the night")
    session.add_highlight(replace(gone, exact="a quote edited away", orphan=True))
    printed_lines = lines(printing.print_document(ReaderDocument(session, QFont())))
    at = printed_lines.index("Not found in the current text")
    assert printed_lines[at + 1] == "“a quote edited away” — Key quote. Ask again about the night"
