"""Text word-wrapped to a width in at most a number of lines, the last one elided: for
rows painted by hand (the Annotations list, the Outline, the Codebook's names), so a row
never loses words without an "…". Lines break between words only: a word wider than the
width is elided on its own line ("Surveilla…"), not broken in two ("Surveillan" over "ce"),
which reads as two words."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

from reader.core.interview import text_direction
from reader.core.offsets import Utf16Index

RIGHT_TO_LEFT, END = "\u202b", "\u202c"  # Unicode's right-to-left embedding, and its end


def in_its_direction(text: str) -> str:
    """`text` laid out right to left where its first letter reads so (Hebrew, Arabic), in a
    row of the left-to-right window: the "…" that cuts it short then stands where it is
    cut, on its left, not beside its first word as if its start were left off. (An
    embedding, not an isolate: Qt's rows break no line inside an isolate. Its end may be
    cut off with the text's by Qt's own "…", which leaves it open to the text's end.)"""
    return f"{RIGHT_TO_LEFT}{text}{END}" if text_direction(text) == "rtl" else text


def wrapped_lines(text: str, font: QFont, width: int, count: int) -> list[str]:
    """`text` word-wrapped to at most `count` lines of `width`, the last one elided, and
    any other too wide for it (one long word)."""
    fm = QFontMetrics(font)
    if fm.horizontalAdvance(text) <= width:
        return [text]
    layout, option = QTextLayout(text, font), QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    for _ in range(max(1, count)):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    # Qt's line starts count UTF-16 units: convert them in the one place that does that.
    index = Utf16Index(text)
    cuts = [index.to_code_point(start) for start in starts]
    lines = [text[a:b].rstrip() for a, b in pairwise(cuts)]
    return [_fitted(fm, line, width) for line in [*lines, text[cuts[-1] :]]]


def _fitted(fm: QFontMetrics, line: str, width: int) -> str:
    if fm.horizontalAdvance(line) <= width:  # elidedText may elide a line at its own width
        return line
    # Qt's "…" may overshoot the room: after Hebrew or Arabic by a few pixels, measured
    # with the words it follows. Asked again with the room less the overshoot until it
    # fits. A lone combining mark it gives back whole, however narrow the room: none then.
    room = width
    while room > 0:
        elided = fm.elidedText(line, Qt.TextElideMode.ElideRight, room)
        over = fm.horizontalAdvance(elided) - width
        if over <= 0:
            return elided
        room -= over
    return ""
