"""reader/ui/outline/outline.py: each row is as tall as its question's words wrapped to the
width they are painted in, so no row loses its last line (the view's spacing narrows the
rows: they were measured wider than painted)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from reader.core.shorten import shorten
from reader.ui.outline.outline import END_ISOLATE, ISOLATE, PAD_X, PAD_Y, OutlineList
from reader.ui.window.main_window import MainWindow
from reader.ui.wrapped_text import wrapped_lines


def row_text(outline: OutlineList, row: int) -> str:
    """A row as it reads: "Q3  " and the question's words (isolated in the row's text,
    so that they read in their own direction)."""
    return outline.item(row).text().replace(ISOLATE, "").replace(END_ISOLATE, "")


@pytest.mark.parametrize("width", [160, 200, 201, 263, 340])
def test_every_row_holds_its_words_at_the_width_they_are_painted(
    window: MainWindow, qtbot: Any, width: int
) -> None:
    outline = OutlineList()
    qtbot.addWidget(outline)
    outline.show_session(window.interview.session)
    outline.resize(width, 400)
    outline.show()
    qtbot.waitExposed(outline)
    font = outline.font()
    line = QFontMetrics(font).lineSpacing()
    assert outline.count() > 10
    for row in range(outline.count()):
        item = outline.item(row)
        rect = outline.visualItemRect(item)
        assert rect.right() < outline.viewport().width()  # the row is painted in full width
        lines = wrapped_lines(item.text(), font, rect.width() - 2 * PAD_X, 1000)
        assert len(lines) * line <= rect.height() - 2 * PAD_Y, (row, lines)
        assert rect.height() - 2 * PAD_Y < (len(lines) + 1) * line  # and no gap under it


def test_long_questions_end_at_a_word_with_an_ellipsis(make_window, tmp_path) -> None:
    long_latin = (
        "Q: So how did you settle on the musical style in the end, can you talk about "
        "that, and about the band, a little bit?"
    )
    cjk = "Q: " + "映画の撮影は夜明けに始まりましたか。" * 8
    family = "👩\u200d👩\u200d👧"  # one emoji of five code points, two letters wide
    emoji = "Q: We laughed " + family * 60
    long_word = "Q: " + "Donaudampfschifffahrtsgesellschaft" * 4
    path = tmp_path / "long.txt"
    path.write_text("\n".join(f"{q}\nA: Yes.\n" for q in (long_latin, cjk, emoji, long_word)))
    window = make_window(path)
    rows = [row_text(window.outline, row) for row in range(window.outline.count())]
    previews = [row.split("  ", 1)[1] for row in rows]
    assert previews[0] == (
        "So how did you settle on the musical style in the end, can you talk about that, and about…"
    )
    # Wide characters count two: the Chinese row is as long as the English one.
    assert previews[1] == "映画の撮影は夜明けに始まりましたか。" * 2 + "映画の撮影は夜明…"
    assert previews[2] == "We laughed " + family * 39 + "…"  # no family cut in pieces
    assert previews[3] == long_word[3:][:89] + "…"  # one word: cut inside it
    assert all(shorten(p, 90) == p for p in previews)  # each within the limit


def test_bold_questions_of_a_word_file_are_the_outline(make_window, tmp_path) -> None:
    """A magazine's Q&A in Word, its questions in bold with no question mark: the
    Outline lists them, and the reader shows the title as the heading Word set."""
    import docx

    document = docx.Document()
    document.add_paragraph("Talking to Ana Ruiz", style="Title")
    document.add_paragraph("We met in Lisbon.")
    for question, answer in [("On the water.", "I was born there."), ("Films", "A short.")]:
        document.add_paragraph().add_run(question).bold = True
        document.add_paragraph(answer)
    path = tmp_path / "ruiz.docx"
    document.save(str(path))
    window = make_window(path)
    rows = [row_text(window.outline, row) for row in range(window.outline.count())]
    assert [row.split("  ", 1)[1] for row in rows] == ["On the water.", "Films"]
    qdoc = window.reader.document()
    title = qdoc.find("Talking to Ana Ruiz").charFormat().font().pointSizeF()
    intro = qdoc.find("We met in Lisbon.").charFormat().font().pointSizeF()
    assert title > intro * 1.2


def test_a_far_jump_just_after_a_long_transcript_opened_lands_at_the_reading_line(
    make_window, tmp_path, qtbot
) -> None:
    """Found by the reading review: Qt lays a long text out lazily, the scroll range stays
    short a moment, and the place set before the caret was cut to it: the question landed
    at the pane's foot, and the Outline marked an earlier one."""
    answer = "A: " + "We talked about the night shifts and the handover at dawn. " * 6
    path = tmp_path / "long.txt"
    path.write_text("".join(f"Q: Question {n}?\n{answer}\n\n" for n in range(6000)), "utf-8")
    window = make_window(path)
    window.resize(1200, 800)
    reader, outline = window.reader, window.outline
    row = outline.count() // 3
    outline.setFocus()
    outline.setCurrentRow(row)
    qtbot.keyClick(outline, Qt.Key.Key_Return)
    assert abs(reader.cursorRect().top() - reader.reading_line()) < 40
    qtbot.waitUntil(lambda: outline.currentRow() == row)
