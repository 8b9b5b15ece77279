"""Transcripts in the window: every format opens (large ones off the GUI thread), Markdown is
shown formatted over its plain text, turns read as a transcript (speaker in the margin
where it changes, labels dimmed, low blank lines, outline rows without labels)."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import QProgressDialog, QPushButton

from reader.core.interview import Role, Segment
from reader.ui import theme
from reader.ui.interview import loading
from reader.ui.reading.margin import MarginLine, margin_lines, speaker_name
from reader.ui.reading.reader_document import BLANK_LINE_PX
from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA
from tests.core.test_transcripts import WORD_PARAGRAPHS, odt_body, write_docx, write_odt
from tests.ui.test_outline import row_text

TRANSCRIPTS = DATA / "transcripts"


def fixture_file(name: str, tmp_path: Path) -> Path:
    if name == "harbour.docx":
        return write_docx(tmp_path / name, WORD_PARAGRAPHS)
    if name == "harbour.odt":
        return write_odt(tmp_path / name, odt_body(WORD_PARAGRAPHS))
    return TRANSCRIPTS / name


def char_format(window: MainWindow, offset: int) -> QTextCharFormat:
    """The character format of the character at code point `offset` of the reader."""
    reading = window.reader.reading
    assert reading is not None
    block = reading.qdoc.findBlock(reading.to_qt(offset))
    within = reading.to_qt(offset) - block.position()
    for fragment in _fragments(block):
        if (
            fragment.position() - block.position()
            <= within
            < (fragment.position() - block.position() + fragment.length())
        ):
            return fragment.charFormat()
    raise LookupError(offset)


def _fragments(block: Any) -> list[Any]:
    found = []
    it = block.begin()
    while not it.atEnd():
        found.append(it.fragment())
        it += 1
    return found


# --- opening ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source_format"),
    [
        ("zoom.vtt", "webvtt"),
        ("descript.srt", "srt"),
        ("whisperx.json", "whisper-json"),
        ("otter.txt", "otter-text"),
        ("qa.md", "markdown"),
        ("harbour.docx", "docx"),
        ("harbour.odt", "odt"),
        ("rtf-saved-as.doc", "rtf"),  # Rich Text saved as .doc, not listed by the dialog
    ],
)
def test_each_format_opens_from_the_open_dialog(
    make_window, dialogs, monkeypatch, tmp_path: Path, name: str, source_format: str
) -> None:
    window = make_window()
    filters: list[str] = []
    path = fixture_file(name, tmp_path)

    def choose(_parent: Any, _title: str, _folder: str, wanted: str) -> tuple[str, str]:
        filters.append(wanted)
        return str(path), ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", choose)
    window.window_actions.open.trigger()
    session = window.interview.session
    assert session.document.source == str(path.resolve())
    assert session.document.meta()["format"] == source_format
    assert window.reader.document().toPlainText() == session.document.text
    assert f"*{path.suffix}" in re.findall(r"\*\.\w+", filters[0].split(";;")[0])
    assert any(seg.speaker and seg.role is Role.QUESTION for seg in session.segments)


def test_large_file_is_read_off_the_gui_thread(make_window, monkeypatch) -> None:
    monkeypatch.setattr(loading, "BACKGROUND_BYTES", 0)
    window = make_window(TRANSCRIPTS / "zoom.vtt")
    assert window.interview.session.document.format == "webvtt"
    assert window.reader.document().toPlainText() == window.interview.session.document.text


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"WEBVTT\n\nNOTE nothing here\n", "holds no transcript"),
        (b"WEBVTT\n\n00:00:01.000 --> later\nHello\n", ""),
    ],
)
def test_bad_transcript_in_the_background_says_why(
    make_window, dialogs, monkeypatch, tmp_path: Path, content: bytes, said: str
) -> None:
    monkeypatch.setattr(loading, "BACKGROUND_BYTES", 0)
    path = tmp_path / "broken.vtt"
    path.write_bytes(content)
    window = make_window()
    assert not window.open_document(path)
    kind, text = dialogs.shown[-1]
    assert (kind, text.split(":")[0]) == ("warning", "Cannot open the interview")
    assert said in text
    assert window.interview.session.document.title == "Her Smell Interview"


def test_fifty_megabyte_srt_is_refused_with_a_clear_message(
    make_window, dialogs, tmp_path: Path
) -> None:
    path = tmp_path / "huge.srt"
    with path.open("wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: the size is all that is looked at
    window = make_window()
    assert not window.open_document(path)
    assert "50 MB; the limit for this kind of file is 32 MB" in dialogs.shown[-1][1]


def test_cancelling_a_long_load_keeps_the_interview_open(make_window, monkeypatch) -> None:
    window = make_window()
    release = threading.Event()

    def slow(path: Path) -> Any:
        release.wait(30)
        raise AssertionError("cancelled: this result is dropped")

    def cancel() -> None:
        dialog = window.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible():
            assert "Reading zoom.vtt" in dialog.labelText()
            dialog.findChild(QPushButton, "").click()  # the Cancel button
        else:
            QTimer.singleShot(10, cancel)

    monkeypatch.setattr(loading, "BACKGROUND_BYTES", 0)
    monkeypatch.setattr(loading, "load_document", slow)
    QTimer.singleShot(0, cancel)
    try:
        assert not window.open_document(TRANSCRIPTS / "zoom.vtt")
    finally:
        release.set()
    assert window.interview.session.document.title == "Her Smell Interview"


# --- Markdown -----------------------------------------------------------------------------


def test_markdown_is_shown_formatted_over_plain_text(make_window) -> None:
    window = make_window(TRANSCRIPTS / "qa.md")
    text = window.interview.session.document.text
    assert "**" not in text and "[the foundry]" not in text  # the model stays plain text
    assert window.reader.document().toPlainText() == text
    base = theme.reading_font().pointSizeF()
    heading = char_format(window, text.index("A conversation"))
    assert heading.fontWeight() == QFont.Weight.Bold and heading.fontPointSize() > base * 1.3
    assert char_format(window, text.index("truly")).fontItalic()
    assert not char_format(window, text.index("terrible")).fontItalic()
    link = char_format(window, text.index("the foundry"))
    assert link.isAnchor() and link.anchorHref() == "https://example.org/foundry"


def test_highlights_paint_over_formatted_markdown(make_window) -> None:
    window = make_window(TRANSCRIPTS / "qa.md")
    text = window.interview.session.document.text
    start = text.index("truly")
    window.interview.controller.add_highlight(start, start + len("truly terrible"), "yellow")
    window.reader.scroll_to_offset(start)
    rects = window.reader.highlights.rects(start, start + len("truly terrible"))
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.reading.to_qt(start))
    assert len(rects) == 1 and rects[0].width() > 40
    assert abs(rects[0].left() - window.reader.cursorRect(cursor).left()) <= 2


def test_link_opens_on_a_click_only(make_window, monkeypatch, qtbot) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url.toString())
    )
    window = make_window(TRANSCRIPTS / "qa.md")
    text = window.interview.session.document.text
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(text.index("foundry")))
    point = reader.cursorRect(cursor).center() + QPoint(4, 0)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == ["https://example.org/foundry"]
    cursor.setPosition(reader.reading.to_qt(text.index("newsletter")))
    plain = reader.cursorRect(cursor).center() + QPoint(4, 0)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=plain)
    assert opened == ["https://example.org/foundry"]  # no link there


# --- transcripts look like transcripts ------------------------------------------------------


def test_labels_dimmed_blank_lines_low_outline_without_labels(make_window) -> None:
    window = make_window(TRANSCRIPTS / "zoom.vtt")
    session = window.interview.session
    text = session.document.text
    question = next(s for s in session.segments if s.role is Role.QUESTION)
    label = char_format(window, question.start)
    words = char_format(window, text.index("Thanks for joining"))
    assert label.foreground().color() == theme.muted_color()
    assert label.fontWeight() == QFont.Weight.Normal
    assert words.foreground().color() == theme.accent_color()
    reading = window.reader.reading
    blank = next(n for n, index in enumerate(reading.block_segment) if index < 0)
    layout = window.reader.document().documentLayout()
    assert layout.blockBoundingRect(reading.qdoc.findBlockByNumber(blank)).height() <= (
        BLANK_LINE_PX + 1
    )
    assert row_text(window.outline, 0).startswith("Q1  Thanks for joining")
    assert reading.margin_of_block(question_block(window, question)) == (
        MarginLine("María José Núñez", accent=True, name=True),
        MarginLine("Q1"),
    )


def question_block(window: MainWindow, seg: Segment) -> int:
    reading = window.reader.reading
    return reading.qdoc.findBlock(reading.to_qt(seg.start)).blockNumber()


def test_bundled_interview_has_no_dimmed_labels_nor_low_lines(window: MainWindow) -> None:
    reading = window.reader.reading
    assert not reading.transcript and not reading.has_links
    first_question = next(s for s in window.interview.session.segments if s.role is Role.QUESTION)
    assert reading.margin_of_block(question_block(window, first_question)) == (
        MarginLine("Q1", accent=True),
    )


def seg(role: Role, speaker: str = "", label: str = "") -> Segment:
    return Segment(role, speaker, 0, 1, label=label or speaker)


Q, A, ASIDE, INTRO = Role.QUESTION, Role.ANSWER, Role.ASIDE, Role.INTRO


def all_margins(segments: list[Segment], numbers: dict[int, int], transcript: bool) -> list:
    return [
        tuple((line.text, line.accent) for line in margin_lines(segments, i, numbers, transcript))
        for i in range(len(segments))
    ]


def test_margin_names_the_speaker_where_it_changes() -> None:
    segments = [
        seg(INTRO),
        seg(Q, "Léa Martin"),
        seg(A, "Jonas Berg"),
        seg(A, "Jonas Berg", label=" "),  # a second paragraph of the turn
        seg(ASIDE),
        seg(A, "Jonas Berg"),  # after an aside, the same turn goes on
        seg(A, "Ana Souza (she/her)"),
        seg(Q, "Q"),
        seg(A, "A"),
    ]
    numbers = {1: 1, 7: 2}
    assert all_margins(segments, numbers, transcript=True) == [
        (("intro", False),),
        (("Léa Martin", True), ("Q1", False)),
        (("Jonas Berg", False),),
        (),
        (("aside", False),),
        (),
        (("Ana Souza", False),),
        (("Q2", True),),
        (("A", False),),
    ]


def test_margin_of_a_magazine_interview_is_as_before() -> None:
    segments = [
        seg(INTRO),
        seg(INTRO),
        seg(Q, "Interviewer", label=""),
        seg(Q, "Interviewer", label=""),
        seg(A, "Interviewee", label=""),
        seg(ASIDE),
        seg(A, "Interviewee", label=""),
    ]
    assert all_margins(segments, {2: 1, 3: 1}, transcript=False) == [
        (("intro", False),),
        (),
        (("Q1", True),),
        (),
        (("Interviewee", False),),
        (("aside", False),),
        (("Interviewee", False),),
    ]


def test_speaker_name_leaves_out_pronouns() -> None:
    assert speaker_name("Kenji Sato (he/him)") == "Kenji Sato"
    assert speaker_name("(Unknown)") == "(Unknown)"


def test_outline_of_names_alone_shows_the_words_below_them(make_window) -> None:
    window = make_window(TRANSCRIPTS / "name-alone.txt")
    assert row_text(window.outline, 0) == "Q1  How many hives do you keep now?"


def test_a_back_channel_reads_as_plain_speech_on_screen_and_on_paper(
    make_window, tmp_path: Path, qtbot
) -> None:
    """ "Mm-hm." from the interviewer is no question (no number, no outline row): it was
    still bold and blue like one. It looks like an answer's words, here and in print."""
    from reader.ui.exporting.printing import print_document

    path = tmp_path / "zoom.txt"
    path.write_text(
        "Emma: How did you start?\n\nJosé: A friend took me along.\n\nEmma: Mm-hm.\n\n"
        "José: And I stayed.\n\nEmma: What is a shift like?\n\nJosé: Busy.\n",
        "utf-8",
    )
    window = make_window(path)
    text = window.interview.session.document.text
    asked, said, answered = (text.index(w) for w in ("How did", "Mm-hm", "And I stayed"))
    for offset in (asked, said, answered):  # the turns as the model has them
        assert window.interview.session.segment_at(offset) is not None
    question, back_channel, answer = (char_format(window, o) for o in (asked, said, answered))
    assert question.fontWeight() == QFont.Weight.DemiBold
    assert back_channel.fontWeight() == answer.fontWeight() == QFont.Weight.Normal
    assert back_channel.foreground().color() == answer.foreground().color()
    assert back_channel.foreground().color() != question.foreground().color()
    paper = print_document(window.reader.reading)
    for words, weight in (("How did", QFont.Weight.DemiBold), ("Mm-hm", QFont.Weight.Normal)):
        cursor = paper.find(words)
        assert cursor.charFormat().fontWeight() == weight, words
    # Its Paragraph Role says what it looks like; made a question there, it is one.
    from tests.ui.test_highlights import select
    from tests.ui.test_main_window import menu_action

    reader = window.reader
    select(window, qtbot, said + 1, said + 1)
    menu = reader.build_context_menu(reader.cursorRect().center())
    assert menu_action(menu, "Paragraph Role", "Other").isChecked()
    menu_action(menu, "Paragraph Role", "Question").trigger()
    qtbot.waitUntil(lambda: char_format(window, said).fontWeight() == QFont.Weight.DemiBold)
    assert len(window.interview.session.questions) == 3
