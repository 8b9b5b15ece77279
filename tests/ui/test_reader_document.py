"""The reader's QTextDocument: each line in its role's formats, however it was built."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument, QTextFormat

from reader.core.document import Document, load_document
from reader.core.interview import Role, speech_start
from reader.core.session import Session
from reader.ui import theme
from reader.ui.reading.reader_document import BLANK_LINE_PX, ReaderDocument
from tests.conftest import BUNDLED, DATA

SOURCES = [
    BUNDLED,
    DATA / "transcripts" / "names.md",
    DATA / "transcripts" / "otter.txt",
    DATA / "transcripts" / "zoom.vtt",
    DATA / "transcript-qa.txt",
]


def looks(qdoc: QTextDocument) -> list[tuple]:
    """Every block's formats and every run of characters' formats, as compared values."""
    found = []
    block = qdoc.firstBlock()
    while block.isValid():
        runs = tuple(
            (r.start, r.length, r.format.font().toString(), r.format.foreground().color().name())
            for r in block.textFormats()
        )
        fmt = block.blockFormat()
        margins = (fmt.topMargin(), fmt.bottomMargin(), fmt.leftMargin(), int(fmt.alignment()))
        empty_height = block.charFormat().font().pointSizeF() if block.length() == 1 else None
        found.append((block.text(), runs, margins, fmt.lineHeight(), empty_height))
        block = block.next()
    return found


def reading(source: Path | Document) -> ReaderDocument:
    document = source if isinstance(source, Document) else load_document(source)
    return ReaderDocument(Session.open(document, None), theme.reading_font())


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_each_paragraph_is_in_its_roles_formats(source: Path, qapp) -> None:
    built = reading(source)
    text = built.session.document.text
    assert built.qdoc.toPlainText() == text
    for seg in built.session.segments:
        role_format = built.base_format(seg.role)
        speech = built.to_qt(speech_start(text, seg))  # after the speaker's label
        block = built.qdoc.findBlock(speech)
        for run in block.textFormats():
            if block.position() + run.start >= speech and not built.session.document.spans:
                assert run.format.fontWeight() == role_format.fontWeight()
                assert run.format.fontItalic() == role_format.fontItalic()
                assert run.format.fontPointSize() == role_format.fontPointSize()
                assert run.format.foreground() == role_format.foreground()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_formats_applied_again_are_those_built_at_once(source: Path, qapp) -> None:
    """After a role change the document is formatted again in place: it must look as one
    built afresh with the change."""
    built = reading(source)
    session = built.session
    middle = session.segments[len(session.segments) // 2]
    role = Role.ASIDE if middle.role is not Role.ASIDE else Role.QUESTION
    session.set_role(middle.start, role)
    built.apply_structure()
    fresh = ReaderDocument(session, theme.reading_font())
    assert looks(built.qdoc) == looks(fresh.qdoc)


def test_blank_lines_and_a_final_line_end(qapp) -> None:
    """Blank lines of any number, one of spaces, and blank lines before the first
    paragraph are kept low; the line after a final line end keeps Qt's formats."""
    text = "\n\nQ: First?\n\n   \n\nA: Yes.\n\nQ: Second?\nA: No.\n"
    built = reading(Document(text=text, title="t", source="", encoding="utf-8"))
    assert built.block_segment == [-1, -1, 0, -1, -1, -1, 1, -1, 2, 3, -1]
    low = BLANK_LINE_PX * 0.5
    for number in (0, 1, 3, 4, 5, 7):
        block = built.qdoc.findBlockByNumber(number)
        assert block.charFormat().fontPointSize() == low
        assert all(r.format.fontPointSize() == low for r in block.textFormats())  # spaces
    last = built.qdoc.lastBlock().charFormat()
    assert not last.hasProperty(QTextFormat.Property.FontPointSize)


def test_a_turn_reads_in_the_direction_of_its_words_not_its_speakers_name(
    qapp, tmp_path: Path
) -> None:
    """A paragraph takes the direction of its first letter, the speaker's name: an
    Arabic name over English words laid the answer out right to left (its full stop at
    the left, on screen and on paper). Each turn reads the way its words go; a turn
    whose name and words agree is left to Qt."""
    path = tmp_path / "N02.txt"
    path.write_text(
        "Interviewer: How did the night start?\n\n"
        "يوسف العلي: It starts with the handover, always.\n\n"
        "Interviewer: وماذا بعد؟\n\n"
        "فاطمة الزهراء: نعم، بالتأكيد.\n",
        encoding="utf-8",
    )
    built = reading(path)
    directions = [
        built.qdoc.findBlock(built.to_qt(seg.start)).blockFormat().layoutDirection()
        for seg in built.session.segments
    ]
    ltr, rtl, auto = (
        Qt.LayoutDirection.LeftToRight,
        Qt.LayoutDirection.RightToLeft,
        Qt.LayoutDirection.LayoutDirectionAuto,
    )
    assert directions == [auto, ltr, rtl, auto]
    built.apply_structure()  # a role corrected: the formats made again keep it
    block = built.qdoc.findBlock(built.to_qt(built.session.segments[1].start))
    assert block.blockFormat().layoutDirection() == ltr


def test_the_pane_deletes_its_document_with_it(qapp) -> None:
    """PySide keeps a document given to setDocument alive: without the pane as its parent
    it outlived a closed window, and went on laying its text out (250 MB for 5 MB)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from shiboken6 import Shiboken

    from reader.ui.reading.reader_view import ReaderView

    view = ReaderView()
    view.show_session(Session.open(load_document(BUNDLED), None))
    shown = view.document()
    assert shown is view.reading.qdoc and shown.parent() is view
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not Shiboken.isValid(shown)


def test_the_time_opening_an_unlabelled_line_is_quiet(qapp, tmp_path: Path) -> None:
    # Whisper's console lines ("[00:00.000 --> 00:04.000]") are read as timed cues now;
    # a plain text's times stay in its words, in the labels' quiet tone.
    path = tmp_path / "timed.txt"
    path.write_text(
        "[00:00:00] Thanks for coming.\n[00:00:04] What was your first job?\n",
        encoding="utf-8",
    )
    built = reading(path)
    block = built.qdoc.firstBlock().next()
    time_end = block.text().index("What")
    colours = {
        (run.start < time_end, run.format.foreground().color().name())
        for run in block.textFormats()
    }
    assert (True, theme.muted_color().name()) in colours
    assert all(not timed or colour == theme.muted_color().name() for timed, colour in colours)
    assert any(not timed and colour != theme.muted_color().name() for timed, colour in colours)
