"""The reading pane's margin as painted: a speaker's name too long for it is cut at its end
with "…", and a recording's times show beside every turn, one line long or not, clear of
the names and question numbers. In a narrow window the margin narrows before the column,
leaving out the names each turn starts with."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QHelpEvent, QPainter
from PySide6.QtWidgets import QApplication, QToolTip

from reader.ui import theme
from reader.ui.reading.reader_view import STRIPES_ROOM
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import lay_out_first_start
from tests.ui.media_files import write_wav
from tests.ui.test_recording import ready

TRANSCRIPT = (
    "[00:00:02] Interviewer: Why?\n\n"
    "[00:00:05] Sofia Lindqvist: Because.\n\n"
    "[00:00:08] Interviewer: And then?\n\n"
    "[00:00:10] PARTICIPANT 2: Then nothing happened at all, and we went home late.\n\n"
    "[00:00:19] Sofia Lindqvist: Short.\n"
)
NAMES = ["Interviewer", "Sofia Lindqvist", "PARTICIPANT 2"]
TIMES = ["0:02", "0:05", "0:08", "0:10", "0:19"]


@pytest.fixture
def timed(tmp_path: Path) -> Path:
    document = tmp_path / "short.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    write_wav(tmp_path / "short.wav")
    return document


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[MainWindow], list]]:
    """What the reader's viewport paints, as (text, rect) in the viewport."""
    found: list[tuple[str, QRectF]] = []
    draw = QPainter.drawText

    def record(painter: QPainter, *args: Any) -> Any:
        if len(args) == 2 and isinstance(args[0], QPointF) and isinstance(args[1], str):
            (point, text), metrics = args, QFontMetricsF(painter.font())
            width, height = metrics.horizontalAdvance(text), metrics.ascent() + metrics.descent()
            found.append((text, QRectF(point.x(), point.y() - metrics.ascent(), width, height)))
        return draw(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", record)

    def paint(window: MainWindow) -> list[tuple[str, QRectF]]:
        found.clear()
        window.reader.viewport().grab()
        return list(found)

    yield paint


def in_margin(window: MainWindow, shown: list[tuple[str, QRectF]]) -> list[tuple[str, QRectF]]:
    left = window.reader.document().rootFrame().frameFormat().leftMargin()
    return [(text, rect) for text, rect in shown if rect.right() <= left]


def assert_inside_and_apart(margin: list[tuple[str, QRectF]]) -> None:
    """No label drawn from left of the margin (an hour cut off), none over another."""
    assert all(rect.left() >= 0 for _, rect in margin), margin
    for i, (_, rect) in enumerate(margin):
        assert not any(rect.intersects(other) for _, other in margin[i + 1 :])


def at_1024(window: MainWindow) -> MainWindow:
    """`window` at 1024×640, its docks as at a first start: the margin is narrow there."""
    window.resize(1024, 640)
    lay_out_first_start(window)
    return window


def with_whole_margin(window: MainWindow) -> MainWindow:
    """`window`'s reader as wide as its column and the margin's whole width, no wider: a
    name longer than "Q12" and a short name has too little room there."""
    window.resize(1600, 900)
    reader, total = window.reader, sum(window.splitter.sizes())
    frame = reader.width() - reader.viewport().width()  # the scroll bar and the strip
    width = reader.gutter_width() + 4 + reader.column_width() + STRIPES_ROOM + frame
    window.splitter.setSizes([width, total - width])
    QApplication.processEvents()
    return window


def test_names_too_long_for_the_margin_are_cut_at_their_end_and_every_time_shows(
    make_window: Callable[..., MainWindow], timed: Path, painted: Any, qtbot: Any
) -> None:
    window = with_whole_margin(make_window(timed))
    ready(qtbot, window)
    QApplication.processEvents()
    margin = in_margin(window, painted(window))
    labels = [text for text, _ in margin]
    room = window.reader.labels_end() - window.reader.label_gaps()[0]
    metrics = QFontMetricsF(window.reader.label_font())
    assert metrics.horizontalAdvance("PARTICIPANT 2") > room  # the margin is narrow here
    cut = [text for text in labels if "…" in text]
    assert cut and all(any(name.startswith(c.split("…")[0]) for name in NAMES) for c in cut)
    assert "2" not in labels and "Lindqvist" not in labels  # not the name's last word
    # A closing number stays: it tells "PARTICIPANT 1" from "PARTICIPANT 2".
    assert any(c.startswith("PARTI") and c.endswith("… 2") for c in cut), cut
    assert all(text in labels for text in TIMES)  # the one-line turns' times too
    assert_inside_and_apart(margin)


def test_at_1024_the_margin_narrows_before_the_column_and_leaves_names_to_the_text(
    make_window: Callable[..., MainWindow], timed: Path, painted: Any, qtbot: Any
) -> None:
    """The margin kept room for "Q12" and a short name whatever the width: at 1024 px
    the column had 41 characters a line, Narrow, Medium or Wide alike. Narrowed, it cut
    every name to "Int…": it leaves them out where each turn starts with its speaker."""
    window = at_1024(make_window(timed))
    ready(qtbot, window)
    QApplication.processEvents()
    reader = window.reader
    fmt = reader.document().rootFrame().frameFormat()
    column = reader.viewport().width() - fmt.leftMargin() - fmt.rightMargin()
    assert fmt.leftMargin() == reader.least_gutter() < reader.gutter_width()
    assert column >= min(reader.column_width(), 58 * theme.char_width(reader.reading_font()))
    margin = in_margin(window, painted(window))
    labels = [text for text, _ in margin]
    assert "Q1" in labels and all(time in labels for time in TIMES)
    assert not any("…" in text or text in NAMES for text in labels), labels
    assert_inside_and_apart(margin)
    # A speaker renamed: the text still says the label, so the margin names them, or
    # the rename showed nowhere at 1024 px (the study review's F6).
    window.interview.controller.rename_speaker("Interviewer", "Dr Ruiz")
    QApplication.processEvents()
    labels = [text for text, _ in in_margin(window, painted(window))]
    assert any(text.startswith("Dr") for text in labels), labels
    assert "Sofia Lindqvist" not in labels  # the others' labels say them still
    window.resize(1920, 1080)  # room again: the whole margin, with the names
    window.splitter.setSizes([1400, 500])
    QApplication.processEvents()
    assert reader.document().rootFrame().frameFormat().leftMargin() >= reader.gutter_width()
    assert "Dr Ruiz" in [text for text, _ in in_margin(window, painted(window))]


def test_wide_names_show_whole_and_times_beside_the_text(
    make_window: Callable[..., MainWindow], timed: Path, painted: Any, qtbot: Any
) -> None:
    window = make_window(timed)
    window.resize(1920, 1080)
    window.splitter.setSizes([1400, 500])
    ready(qtbot, window)
    QApplication.processEvents()
    shown = painted(window)
    labels = [text for text, _ in in_margin(window, shown)]
    assert all(name in labels for name in NAMES) and not any("…" in t for t in labels)
    assert all(time in [text for text, _ in shown] for time in TIMES)


def test_a_long_name_moves_the_column_right_where_there_is_room(
    make_window: Callable[..., MainWindow], tmp_path: Path, painted: Any, qtbot: Any
) -> None:
    """Centred, the column leaves a long name too little room; the room on its right is
    taken for it instead (the code stripes keep theirs), and the name shows whole."""
    name = "Dr. Hannah Okonkwo-Lindqvist"
    document = tmp_path / "long-name.txt"
    document.write_text(
        f"Interviewer: Where did you train?\n\n{name}: In Lagos, then in Uppsala.\n\n"
        f"Interviewer: And now?\n\n{name}: Now I teach.\n",
        encoding="utf-8",
    )
    window = make_window(document)
    window.resize(1280, 800)
    reader = window.reader
    metrics = QFontMetricsF(reader.label_font())
    width = metrics.horizontalAdvance(name)
    column = reader.column_width()
    window.splitter.setSizes([column + round(width) + 160, 400])
    QApplication.processEvents()
    fmt = reader.document().rootFrame().frameFormat()
    centred = (reader.viewport().width() - column) // 2
    assert centred - 26 < width <= fmt.leftMargin() - 26  # centring alone would cut it
    assert fmt.rightMargin() >= STRIPES_ROOM
    assert name in [text for text, _ in in_margin(window, painted(window))]


def test_a_cut_name_shows_whole_in_its_tooltip(
    make_window: Callable[..., MainWindow], timed: Path, painted: Any, qtbot: Any
) -> None:
    window = with_whole_margin(make_window(timed))
    cut = [(text, rect) for text, rect in in_margin(window, painted(window)) if "…" in text]
    assert cut
    text, rect = cut[0]
    viewport = window.reader.viewport()
    point = rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    whole = QToolTip.text()
    assert whole in NAMES and whole.startswith(text.split("…")[0])


@pytest.mark.parametrize("layout", [at_1024, with_whole_margin])
def test_times_past_an_hour_show_whole_inside_the_margin(
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    painted: Any,
    qtbot: Any,
    layout: Callable[[MainWindow], MainWindow],
) -> None:
    """The narrowed margin kept room for "00:00": "1:02:02" lost its hour, drawn from
    x = -5.7. The least margin fits the transcript's longest time, and a time that
    would not fit left of a question number goes below it."""
    document = tmp_path / "hours.txt"
    document.write_text(TRANSCRIPT.replace("[00:00:", "[01:02:"), encoding="utf-8")
    write_wav(tmp_path / "hours.wav")
    window = layout(make_window(document))
    ready(qtbot, window)
    QApplication.processEvents()
    margin = in_margin(window, painted(window))
    labels = [text for text, _ in margin]
    assert all(time in labels for time in ["1:02:02", "1:02:05", "1:02:08", "1:02:10"])
    assert_inside_and_apart(margin)


@pytest.mark.parametrize("layout", [at_1024, with_whole_margin])
def test_a_paragraph_past_the_hour_inside_the_last_turn_shows_its_time_whole(
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    painted: Any,
    qtbot: Any,
    layout: Callable[[MainWindow], MainWindow],
) -> None:
    """The margin was sized for the last turn's time, 59:50; a paragraph a cue opens
    inside that turn at 1:00:20 was drawn from x = -5.7, its hour cut off."""
    said = "In Porto, near the river, where the boats came in every morning. " * 16
    document = tmp_path / "talk.srt"
    document.write_text(
        "1\n00:59:40,000 --> 00:59:42,000\nAna: Where did you grow up?\n\n"
        f"2\n00:59:50,000 --> 00:59:58,000\nBo: {said.strip()}\n\n"
        "3\n01:00:20,000 --> 01:00:24,000\nWe moved to Lisbon later.\n",
        encoding="utf-8",
    )
    write_wav(tmp_path / "talk.wav", 4)
    window = layout(make_window(document))
    ready(qtbot, window)
    bar = window.reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    times = [(text, rect) for text, rect in in_margin(window, painted(window)) if ":" in text]
    assert "1:00:20" in [text for text, _ in times]
    assert all(rect.left() >= 0 for _, rect in times), times


def test_a_time_too_wide_to_go_beside_a_question_number_goes_below_it(
    make_window: Callable[..., MainWindow], timed: Path
) -> None:
    reader = with_whole_margin(make_window(timed)).reader
    beside_baseline, beside = reader.margin_slot(0, 10)  # "Interviewer", then "Q1" and it
    assert beside < reader.labels_end()
    wide = beside - reader.label_gaps()[0] + 1  # would start left of the margin's edge
    baseline, right = reader.margin_slot(0, wide)
    assert right == reader.labels_end() and baseline > beside_baseline
