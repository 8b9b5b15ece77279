"""The reading pane keeps its place when its column changes width: a dock shown beside it,
the window resized, the font zoomed. A long interview reflowed without it showed text
thousands of words away from what was being read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from reader.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def long_interview(path: Path, turns: int = 240) -> Path:
    """An Otter export of `turns` turns, about 70 words each: an hour and a half."""
    answer = (
        "We had meetings about the meetings, frankly, and the officers did their best. "
        "The money came with strings, and the strings came with deadlines. "
    ) * 3
    said = [
        f"Hannah Wright  {n // 2}:{n % 60:02d}\nQuestion {n}: what happened next?"
        if n % 2
        else f"Ade Okonkwo  {n // 2}:{n % 60:02d}\nAnswer {n}. {answer}"
        for n in range(turns)
    ]
    path.write_text("\n\n".join(said) + "\n", encoding="utf-8")
    return path


def in_view(window: MainWindow, offset: int) -> bool:
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(offset))  # type: ignore[union-attr]
    return reader.viewport().rect().contains(reader.cursorRect(cursor).center())


def test_the_passage_read_stays_in_view_as_the_column_narrows(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    window = make_window(long_interview(tmp_path / "okonkwo.txt"))
    window.resize(1024, 640)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reader = window.reader
    text = window.interview.session.document.text
    start = text.index("Answer 150.")
    reader.select_span(start, start + len("Answer 150."))
    qtbot.waitUntil(lambda: in_view(window, start))
    qtbot.keyClick(reader, Qt.Key.Key_3, CTRL)  # the Annotations dock: wider than the outline
    qtbot.waitUntil(lambda: window.annotations_dock.isVisible())
    assert in_view(window, start)
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Equal, CTRL)  # a larger font: longer lines still
    assert in_view(window, start)
    # Scrolled away from the caret, the line at the top stays at the top.
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().value() + 3000)
    top = reader.cursorForPosition(QPoint(0, 40)).position()
    top = reader.reading.to_model(top)  # type: ignore[union-attr]
    narrower = reader.viewport().width()
    window.resize(1280, 800)  # a wider window: a wider column
    qtbot.waitUntil(lambda: reader.viewport().width() > narrower)
    assert in_view(window, top)


def test_the_block_at_a_height_is_found_nearby_also_between_two_paragraphs(
    make_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """A height in the space between two paragraphs (a view scrolled so that its top is
    there) belongs to the upper one. The walk from the block found last went back and
    forth between the two until it gave up and searched: 5 ms of every paint of 5 MB."""
    window: MainWindow = make_window(long_interview(tmp_path / "long.txt"))
    reader = window.reader
    doc = reader.document()
    layout = doc.documentLayout()
    upper = doc.findBlockByNumber(40)
    lower = upper.next()
    gap = (layout.blockBoundingRect(upper).bottom(), layout.blockBoundingRect(lower).top())
    assert gap[0] < gap[1]  # paragraphs have space between them
    probes = []
    real = type(layout).blockBoundingRect
    monkeypatch.setattr(
        type(layout), "blockBoundingRect", lambda self, b: probes.append(b) or real(self, b)
    )
    for hint, y in ((upper, sum(gap) / 2), (lower, sum(gap) / 2), (upper, gap[1])):
        reader._block_hint = hint
        probes.clear()
        found = reader.block_at_y(y)
        assert found == (upper if y < gap[1] else lower)
        assert len(probes) <= 4  # found beside the hint, not searched for
